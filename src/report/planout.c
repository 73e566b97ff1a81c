#include "planout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "outfile.h"
#include "progress.h"
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
	case STAGE_WITHIN_TOLERANCE: return "within_tolerance";
	default: return "not_run";
	}
}

/* What a file's writer is given: the plan or the provenance, and the form. */
struct planout_job {
	const struct plan *p;
	const struct provenance *prov;
	enum csv_format format;
};

#define COLUMNS(a) (a), sizeof(a) / sizeof((a)[0])

/* The first five columns, and communes.csv's commune_id and
 * standard_year, are read back (a progress file, --against): their
 * Vietnamese headers are progress.h's. */
static const struct csv_column allocation_columns[] = {
	{"year", PLAN_COLUMN_YEAR_VI},
	{"source", PLAN_COLUMN_SOURCE_VI},
	{"commune_id", PLAN_COLUMN_COMMUNE_ID_VI},
	{"criterion", PLAN_COLUMN_CRITERION_VI},
	{"amount", PLAN_COLUMN_AMOUNT_VI},
	{"quantity", "khối lượng"},
	{"unit", "đơn vị"},
	{"commune", "xã"},
	{"district", "huyện"},
	{"criterion_name", "tên tiêu chí"},
	{"source_name", "tên nguồn vốn"},
};

static const struct csv_column commune_columns[] = {
	{"commune_id", PLAN_COLUMN_COMMUNE_ID_VI},
	{"commune", "xã"},
	{"district", "huyện"},
	{"criteria_before", "số tiêu chí năm gốc"},
	{"criteria_after", "số tiêu chí cuối kỳ"},
	{"standard_year", PLAN_COLUMN_STANDARD_YEAR_VI},
};

/* The first three are the loader's Vietnamese names of targets.csv's
 * columns, so that this file loads back as a dataset's targets.csv. */
static const struct csv_column target_columns[] = {
	{"target", "chỉ tiêu"},
	{"subject", "đối tượng"},
	{"value", "giá trị"},
	{"achieved", "đạt được"},
	{"shortfall", "thiếu hụt"},
	{"priority", "mức ưu tiên"},
	{"price_communes", "giá (số xã)"},
	{"price_commune_years", "giá (xã-năm)"},
};

static const struct csv_column level_columns[] = {
	{"level", "mức"},
	{"priority", "mức ưu tiên"},
	{"value", "giá trị"},
	{"relative_shortfall", "thiếu hụt tương đối"},
	{"bound", "cận"},
	{"status", "trạng thái"},
};

static const struct csv_column objective_columns[] = {
	{"stage", "bước"},
	{"objective", "mục tiêu"},
	{"value", "giá trị"},
	{"bound", "cận"},
	{"status", "trạng thái"},
};

static const struct csv_column provenance_columns[] = {
	{"kind", "loại"},
	{"name", "tên"},
	{"value", "giá trị"},
};

const char *planout_header_vi(const char *file, const char *column)
{
	static const struct {
		const char *file;
		const struct csv_column *cols;
		size_t n;
	} files[] = {
		{"allocation.csv", COLUMNS(allocation_columns)},
		{"communes.csv", COLUMNS(commune_columns)},
		{"targets.csv", COLUMNS(target_columns)},
		{"objectives.csv", COLUMNS(objective_columns)},
		{"levels.csv", COLUMNS(level_columns)},
		{"provenance.csv", COLUMNS(provenance_columns)},
	};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		if (strcmp(files[f].file, file))
			continue;
		for (size_t c = 0; c < files[f].n; c++)
			if (!strcmp(files[f].cols[c].en, column))
				return files[f].cols[c].vi;
	}
	return NULL;
}

static int write_allocation(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct plan *p = job->p;
	const struct dataset *ds = p->ds;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(allocation_columns));
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		const struct commune *cm = &ds->communes[a->commune];
		const struct criterion *cr = &ds->criteria[a->criterion - 1];
		csv_writer_integer(&w, ds->first_year + a->year - 1);
		csv_writer_field(&w, ds->sources[a->source].name);
		csv_writer_field(&w, cm->id);
		csv_writer_integer(&w, a->criterion);
		csv_writer_number(&w, a->amount, 3);
		csv_writer_number(&w, plan_allocation_quantity(ds, a), 3);
		csv_writer_field(&w, criterion_unit(cr));
		csv_writer_field(&w, cm->name);
		csv_writer_field(&w, ds->districts[cm->district]);
		csv_writer_field(&w, criterion_name(cr));
		csv_writer_field(&w, source_name(&ds->sources[a->source]));
		csv_writer_end_row(&w);
	}
	return ferror(out) ? -1 : 0;
}

static int write_communes(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct plan *p = job->p;
	const struct dataset *ds = p->ds;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(commune_columns));
	for (size_t c = 0; c < ds->ncommunes; c++) {
		csv_writer_field(&w, ds->communes[c].id);
		csv_writer_field(&w, ds->communes[c].name);
		csv_writer_field(&w, ds->districts[ds->communes[c].district]);
		csv_writer_integer(&w, dataset_criteria_met(ds, c));
		csv_writer_integer(&w, p->criteria_after[c]);
		if (p->standard_year[c] >= 0)
			csv_writer_integer(&w, ds->first_year - 1 + p->standard_year[c]);
		else
			csv_writer_field(&w, "");
		csv_writer_end_row(&w);
	}
	return ferror(out) ? -1 : 0;
}

static int write_targets(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct plan *p = job->p;
	const struct dataset *ds = p->ds;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(target_columns));
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		csv_writer_field(&w, target_kind_name(tg->kind));
		csv_writer_field(&w, tg->subject);
		if (tg->kind == TARGET_COMMUNES_STANDARD || tg->kind == TARGET_CRITERION_COMMUNES ||
		    tg->kind == TARGET_MIN_CRITERIA || tg->kind == TARGET_AVG_CRITERIA)
			csv_writer_number(&w, tg->value, 3);
		else
			csv_writer_field(&w, "");
		csv_writer_number(&w, p->targets[t].achieved, 3);
		csv_writer_number(&w, p->targets[t].shortfall, 3);
		/* No priority for exclude_commune, which never falls short; no
		 * price where the target does not bind (solve_prices). */
		if (target_has_shortfall(tg))
			csv_writer_integer(&w, target_priority(tg));
		else
			csv_writer_field(&w, "");
		if (p->prices && p->prices[t].priced) {
			csv_writer_number(&w, p->prices[t].communes, 0);
			csv_writer_number(&w, p->prices[t].commune_years, 0);
		} else {
			csv_writer_field(&w, "");
			csv_writer_field(&w, "");
		}
		csv_writer_end_row(&w);
	}
	return ferror(out) ? -1 : 0;
}

/* A stage's bound (only when it ran: optimal or stopped by a limit) and
 * status, ending the row. */
static void put_bound_and_status(struct csv_writer *w, const struct stage_result *r)
{
	if (r->status == STAGE_OPTIMAL || r->status == STAGE_TIME_LIMIT ||
	    r->status == STAGE_NODE_LIMIT || r->status == STAGE_WITHIN_TOLERANCE)
		csv_writer_number(w, r->bound, 3);
	else
		csv_writer_field(w, "");
	csv_writer_field(w, stage_status_name(r->status));
	csv_writer_end_row(w);
}

static int write_objectives(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct plan *p = job->p;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(objective_columns));
	for (int s = 0; s < OBJ_COUNT; s++) {
		const struct stage_result *r = &p->stages[s];
		csv_writer_integer(&w, s);
		csv_writer_field(&w, objective_name((enum objective)s));
		csv_writer_number(&w, p->objective[s], 3);
		put_bound_and_status(&w, r);
	}
	return ferror(out) ? -1 : 0;
}

/* One row per priority level: its weighted shortfall (the solver's whole
 * objective, dataset.h), its relative shortfall, and the bound. */
static int write_levels(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct plan *p = job->p;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(level_columns));
	for (size_t l = 0; l < p->nlevels; l++) {
		const struct stage_result *r = &p->level_stages[l];
		csv_writer_integer(&w, (long)l + 1);
		csv_writer_integer(&w, p->level_priority[l]);
		csv_writer_number(&w, p->level_value[l], 0);
		csv_writer_number(&w, p->level_relative[l], 6);
		put_bound_and_status(&w, r);
	}
	return ferror(out) ? -1 : 0;
}

static int write_provenance(FILE *out, const void *arg)
{
	const struct planout_job *job = arg;
	const struct provenance *prov = job->prov;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, COLUMNS(provenance_columns));
	for (size_t i = 0; i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		csv_writer_field(&w, provenance_kind_name(it->kind));
		/* An override from the command line has no file:line. */
		csv_writer_field(&w, it->kind == PROVENANCE_OVERRIDE && !*it->name ? "command-line" : it->name);
		csv_writer_field(&w, it->value);
		csv_writer_end_row(&w);
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
static int write_group(struct outfile_group *g, const struct planout_job *job,
		       const char *dir, struct diag_list *diags)
{
	if ((job->p && (write_whole(g, dir, "allocation.csv", write_allocation, job, diags) ||
			write_whole(g, dir, "communes.csv", write_communes, job, diags) ||
			write_whole(g, dir, "targets.csv", write_targets, job, diags) ||
			write_whole(g, dir, "objectives.csv", write_objectives, job, diags) ||
			write_whole(g, dir, "levels.csv", write_levels, job, diags))) ||
	    (job->prov && write_whole(g, dir, "provenance.csv", write_provenance, job, diags)))
		return -1;
	return outfile_group_commit(g, diags);
}

int planout_write_all(const struct plan *p, const struct provenance *prov,
		      const char *dir, enum csv_format format, struct diag_list *diags)
{
	struct planout_job job = {p, prov, format};
	struct outfile_group g;
	outfile_group_init(&g);
	int rc = write_group(&g, &job, dir, diags);
	outfile_group_release(&g);
	return rc;
}

int planout_write(const struct plan *p, const char *dir, enum csv_format format,
		  struct diag_list *diags)
{
	return planout_write_all(p, NULL, dir, format, diags);
}

int planout_write_provenance(const struct provenance *prov, const char *dir,
			     enum csv_format format, struct diag_list *diags)
{
	return planout_write_all(NULL, prov, dir, format, diags);
}
