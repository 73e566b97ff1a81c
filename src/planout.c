#include "planout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
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

/* Writes a CSV field, quoted when it holds a separator, quote or newline. */
static void put_field(FILE *out, const char *text)
{
	if (!strpbrk(text, ",\"\n\r")) {
		fputs(text, out);
		return;
	}
	putc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

/* A number with up to `decimals` decimals, trailing zeros dropped, always
 * with '.' (CSV for machines, not people). */
static void put_number(FILE *out, double v, int decimals)
{
	char buf[64];
	if (v > -0.5e-3 && v < 0.5e-3)
		v = 0; /* no "-0" */
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		size_t len = strlen(buf);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
		if (buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	fputs(buf, out);
}

static void write_allocation(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("year,source,commune_id,criterion,amount\n", out);
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		fprintf(out, "%d,", ds->first_year + a->year - 1);
		put_field(out, ds->sources[a->source].name);
		putc(',', out);
		put_field(out, ds->communes[a->commune].id);
		fprintf(out, ",%d,", a->criterion);
		put_number(out, a->amount, 3);
		putc('\n', out);
	}
}

static void write_communes(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("commune_id,commune,district,criteria_before,criteria_after,standard_year\n", out);
	for (size_t c = 0; c < ds->ncommunes; c++) {
		put_field(out, ds->communes[c].id);
		putc(',', out);
		put_field(out, ds->communes[c].name);
		putc(',', out);
		put_field(out, ds->districts[ds->communes[c].district]);
		fprintf(out, ",%d,%d,", dataset_criteria_met(ds, c), p->criteria_after[c]);
		if (p->standard_year[c] >= 0)
			fprintf(out, "%d", ds->first_year - 1 + p->standard_year[c]);
		putc('\n', out);
	}
}

static void write_targets(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	const struct dataset *ds = p->ds;
	fputs("target,subject,value,achieved,shortfall\n", out);
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		put_field(out, target_kind_name(tg->kind));
		putc(',', out);
		put_field(out, tg->subject);
		putc(',', out);
		if (tg->kind == TARGET_COMMUNES_STANDARD || tg->kind == TARGET_CRITERION_COMMUNES ||
		    tg->kind == TARGET_MIN_CRITERIA || tg->kind == TARGET_AVG_CRITERIA)
			put_number(out, tg->value, 3);
		putc(',', out);
		put_number(out, p->targets[t].achieved, 3);
		putc(',', out);
		put_number(out, p->targets[t].shortfall, 3);
		putc('\n', out);
	}
}

static void write_objectives(FILE *out, const void *arg)
{
	const struct plan *p = arg;
	fputs("stage,objective,value,bound,status\n", out);
	for (int s = 0; s < OBJ_COUNT; s++) {
		const struct stage_result *r = &p->stages[s];
		fprintf(out, "%d,%s,", s, objective_name((enum objective)s));
		put_number(out, p->objective[s], 3);
		putc(',', out);
		if (r->status == STAGE_OPTIMAL || r->status == STAGE_TIME_LIMIT ||
		    r->status == STAGE_NODE_LIMIT)
			put_number(out, r->bound, 3);
		fprintf(out, ",%s\n", stage_status_name(r->status));
	}
}

static void write_provenance(FILE *out, const void *arg)
{
	const struct provenance *prov = arg;
	fputs("kind,name,value\n", out);
	for (size_t i = 0; i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		fprintf(out, "%s,", provenance_kind_name(it->kind));
		/* An override from the command line has no file:line. */
		put_field(out, it->kind == PROVENANCE_OVERRIDE && !*it->name ? "command-line" : it->name);
		putc(',', out);
		put_field(out, it->value);
		putc('\n', out);
	}
}

/* Writes one file through a temporary and a rename. */
static int write_whole(const char *dir, const char *name,
		       void (*write)(FILE *, const void *),
		       const void *p, struct diag_list *diags)
{
	char *path = strfmt("%s/%s", dir, name);
	char *tmp = strfmt("%s/.%s.XXXXXX", dir, name);
	int rc = -1, fd = -1;
	FILE *out = NULL;
	if (!path || !tmp) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		goto cleanup;
	}
	fd = mkstemp(tmp);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		goto cleanup;
	}
	write(out, p);
	/* mkstemp makes the file private (0600); an output file is an
	 * ordinary document, readable as the umask allows. */
	mode_t mask = umask(0);
	umask(mask);
	int failed = ferror(out) || fflush(out) || fchmod(fileno(out), 0666 & ~mask) ||
		     fsync(fileno(out));
	int saved = errno;
	if (fclose(out) || failed) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(failed ? saved : errno));
		unlink(tmp);
		goto cleanup;
	}
	if (rename(tmp, path)) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(errno));
		unlink(tmp);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(path);
	free(tmp);
	return rc;
}

int planout_write(const struct plan *p, const char *dir, struct diag_list *diags)
{
	if (write_whole(dir, "allocation.csv", write_allocation, p, diags) ||
	    write_whole(dir, "communes.csv", write_communes, p, diags) ||
	    write_whole(dir, "targets.csv", write_targets, p, diags) ||
	    write_whole(dir, "objectives.csv", write_objectives, p, diags))
		return -1;
	return 0;
}

int planout_write_provenance(const struct provenance *prov, const char *dir,
			     struct diag_list *diags)
{
	return write_whole(dir, "provenance.csv", write_provenance, prov, diags);
}
