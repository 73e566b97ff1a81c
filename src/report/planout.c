#include "planout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "outfile.h"
#include "xalloc.h"

const char *objective_name(enum objective o)
{
	static const char *const names[OBJ_COUNT] = {
		"shortfall", "communes_standard", "standard_years", "criteria_met", "money",
	};
	return (unsigned)o < OBJ_COUNT ? names[o] : "?";
}

const char *stage_status_name(enum stage_status s)
{
	switch (s) {
	case STAGE_OPTIMAL: return "optimal";
	case STAGE_TIME_LIMIT: return "time_limit";
	case STAGE_NODE_LIMIT: return "node_limit";
	case STAGE_FAILED: return "failed";
	default: return "not_run";
	}
}

static int write_allocation(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("year,source,commune_id,criterion,amount\n", out);
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		fprintf(out, "%d,", ds->first_year + a->year - 1);
		outfile_put_field(out, ds->sources[a->source].name);
		putc(',', out);
		outfile_put_field(out, ds->communes[a->commune].id);
		fprintf(out, ",%d,", a->criterion);
		outfile_put_number(out, a->amount, 3);
		putc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

static int write_communes(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("commune_id,commune,district,criteria_before,criteria_after,standard_year\n", out);
	for (size_t c = 0; c < ds->ncommunes; c++) {
		outfile_put_field(out, ds->communes[c].id);
		putc(',', out);
		outfile_put_field(out, ds->communes[c].name);
		putc(',', out);
		outfile_put_field(out, ds->districts[ds->communes[c].district]);
		fprintf(out, ",%d,%d,", dataset_criteria_met(ds, c), p->criteria_after[c]);
		if (p->standard_year[c] >= 0)
			fprintf(out, "%d", ds->first_year - 1 + p->standard_year[c]);
		putc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

static int write_targets(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("target,subject,value,achieved,shortfall,priority,price_communes,price_commune_years\n",
	      out);
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		outfile_put_field(out, target_kind_name(tg->kind));
		putc(',', out);
		outfile_put_field(out, tg->subject);
		putc(',', out);
		if (tg->kind == TARGET_COMMUNES_STANDARD || tg->kind == TARGET_CRITERION_COMMUNES ||
		    tg->kind == TARGET_MIN_CRITERIA || tg->kind == TARGET_AVG_CRITERIA)
			outfile_put_number(out, tg->value, 3);
		putc(',', out);
		outfile_put_number(out, p->targets[t].achieved, 3);
		putc(',', out);
		outfile_put_number(out, p->targets[t].shortfall, 3);
		putc(',', out);
		/* No priority for exclude_commune, which never falls short; no
		 * price where the target does not bind (solve_prices). */
		if (target_has_shortfall(tg))
			fprintf(out, "%d", target_priority(tg));
		putc(',', out);
		if (p->prices && p->prices[t].priced) {
			outfile_put_number(out, p->prices[t].communes, 0);
			putc(',', out);
			outfile_put_number(out, p->prices[t].commune_years, 0);
		} else {
			putc(',', out);
		}
		putc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

static int write_objectives(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	fputs("stage,objective,value,bound,status\n", out);
	for (int s = 0; s < OBJ_COUNT; s++) {
		const struct stage_result *r = &p->stages[s];
		fprintf(out, "%d,%s,", s, objective_name((enum objective)s));
		outfile_put_number(out, p->objective[s], 3);
		putc(',', out);
		if (r->status == STAGE_OPTIMAL || r->status == STAGE_TIME_LIMIT ||
		    r->status == STAGE_NODE_LIMIT)
			outfile_put_number(out, r->bound, 3);
		fprintf(out, ",%s\n", stage_status_name(r->status));
	}
	return ferror(out) ? -1 : 0;
}

/* One row per priority level: its weighted shortfall (the solver's whole
 * objective, dataset.h), its relative shortfall, and the bound. */
static int write_levels(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	fputs("level,priority,value,relative_shortfall,bound,status\n", out);
	for (size_t l = 0; l < p->nlevels; l++) {
		const struct stage_result *r = &p->level_stages[l];
		fprintf(out, "%zu,%d,", l + 1, p->level_priority[l]);
		outfile_put_number(out, p->level_value[l], 0);
		putc(',', out);
		outfile_put_number(out, p->level_relative[l], 6);
		putc(',', out);
		if (r->status == STAGE_OPTIMAL || r->status == STAGE_TIME_LIMIT ||
		    r->status == STAGE_NODE_LIMIT)
			outfile_put_number(out, r->bound, 3);
		fprintf(out, ",%s\n", stage_status_name(r->status));
	}
	return ferror(out) ? -1 : 0;
}

static int write_provenance(FILE *out, const void *arg)
{
	const struct provenance *prov = arg;
	fputs("kind,name,value\n", out);
	for (size_t i = 0; i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		fprintf(out, "%s,", provenance_kind_name(it->kind));
		/* An override from the command line has no file:line. */
		outfile_put_field(out, it->kind == PROVENANCE_OVERRIDE && !*it->name ? "command-line" : it->name);
		putc(',', out);
		outfile_put_field(out, it->value);
		putc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

/* Adds DIR/NAME to the group (outfile.h). */
static int write_whole(struct outfile_group *g, const char *dir, const char *name,
		       outfile_writer write, const void *ctx, struct diag_list *diags)
{
	char *path = strfmt("%s/%s", dir, name);
	if (!path) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	int rc = outfile_group_add(g, path, write, ctx, diags);
	free(path);
	return rc;
}

/* The plan's five files, and provenance.csv when `prov` is not NULL. */
static int write_group(struct outfile_group *g, const struct plan *p,
		       const struct provenance *prov, const char *dir,
		       struct diag_list *diags)
{
	if ((p && (write_whole(g, dir, "allocation.csv", write_allocation, p, diags) ||
		   write_whole(g, dir, "communes.csv", write_communes, p, diags) ||
		   write_whole(g, dir, "targets.csv", write_targets, p, diags) ||
		   write_whole(g, dir, "objectives.csv", write_objectives, p, diags) ||
		   write_whole(g, dir, "levels.csv", write_levels, p, diags))) ||
	    (prov && write_whole(g, dir, "provenance.csv", write_provenance, prov, diags)))
		return -1;
	return outfile_group_commit(g, diags);
}

int planout_write_all(const struct plan *p, const struct provenance *prov,
		      const char *dir, struct diag_list *diags)
{
	struct outfile_group g;
	outfile_group_init(&g);
	int rc = write_group(&g, p, prov, dir, diags);
	outfile_group_release(&g);
	return rc;
}

int planout_write(const struct plan *p, const char *dir, struct diag_list *diags)
{
	return planout_write_all(p, NULL, dir, diags);
}

int planout_write_provenance(const struct provenance *prov, const char *dir,
			     struct diag_list *diags)
{
	return planout_write_all(NULL, prov, dir, diags);
}
