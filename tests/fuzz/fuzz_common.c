/* What the fuzz harnesses share (fuzz_common.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz_common.h"

#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

static void remove_folder(void);

void fuzz_broken(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
	remove_folder(); /* abort() skips atexit() */
	abort();
}

FILE *fuzz_sink(void)
{
	static FILE *sink;

	if (!sink && getenv("NTM_FUZZ_VERBOSE"))
		sink = stderr;
	if (!sink) {
		sink = fopen("/dev/null", "w");
		if (!sink)
			fuzz_broken("cannot open /dev/null", __FILE__, __LINE__);
	}
	return sink;
}

static char folder[4096];

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_folder(void)
{
	/* FTW_PHYS: links are removed, never followed. */
	if (folder[0])
		nftw(folder, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	folder[0] = '\0';
}

const char *fuzz_tmpdir(const char *name)
{
	const char *bases[3];
	int n = 0;

	if (folder[0])
		return folder;
	if (access("/dev/shm", W_OK) == 0)
		bases[n++] = "/dev/shm";
	bases[n++] = getenv("TMPDIR");
	bases[n++] = "/tmp";
	for (int i = 0; i < n; i++) {
		if (!bases[i] || !*bases[i])
			continue;
		snprintf(folder, sizeof(folder), "%s/ntm-%s-XXXXXX", bases[i],
			 name);
		if (mkdtemp(folder))
			break;
		folder[0] = '\0';
	}
	if (!folder[0]) {
		fprintf(stderr, "%s: cannot make a temporary folder: %s\n", name,
			strerror(errno));
		abort();
	}
	atexit(remove_folder);
	return folder;
}

static const uint8_t *find_separator(const uint8_t *p, const uint8_t *end)
{
	const size_t n = sizeof(FUZZ_SEPARATOR) - 1;

	while ((size_t)(end - p) >= n) {
		const uint8_t *c = memchr(p, FUZZ_SEPARATOR[0], (size_t)(end - p));

		if (!c || (size_t)(end - c) < n)
			return NULL;
		if (!memcmp(c, FUZZ_SEPARATOR, n))
			return c;
		p = c + 1;
	}
	return NULL;
}

size_t fuzz_split(const uint8_t *data, size_t size, struct fuzz_section *out,
		  size_t n)
{
	const uint8_t *p = data, *end = data + size;
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		const uint8_t *sep;

		out[i].data = NULL;
		out[i].len = 0;
		out[i].present = 0;
		if (!p)
			continue;
		sep = find_separator(p, end);
		out[i].data = p;
		out[i].len = (size_t)((sep ? sep : end) - p);
		out[i].present = !(out[i].len == strlen(FUZZ_MISSING) &&
				   !memcmp(p, FUZZ_MISSING, out[i].len));
		count++;
		p = sep ? sep + sizeof(FUZZ_SEPARATOR) - 1 : NULL;
	}
	return count;
}

void fuzz_put_file(const char *path, const struct fuzz_section *s)
{
	FILE *f;

	if (!s->present) {
		unlink(path);
		return;
	}
	f = fopen(path, "wb");
	if (!f || (s->len && fwrite(s->data, 1, s->len, f) != s->len) ||
	    fclose(f)) {
		fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
		abort();
	}
}

static int finite_not_negative(double v)
{
	return isfinite(v) && v >= 0;
}

void fuzz_check_dataset(const struct dataset *ds)
{
	double total_cost = 0, total_budget = 0;

	FUZZ_CHECK(ds->name != NULL, "no dataset name");
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		const struct criterion *cr = &ds->criteria[k - 1];

		FUZZ_CHECK(cr->name_vi && *cr->name_vi && cr->name_en &&
		      *cr->name_en && cr->unit && *cr->unit,
		      "a criterion without a name or unit");
		FUZZ_CHECK(cr->lead_years >= 0, "negative lead years");
		FUZZ_CHECK(finite_not_negative(cr->unit_cost), "bad unit cost");
	}
	FUZZ_CHECK(ds->ncommunes > 0 && ds->communes && ds->gaps,
	      "a dataset without communes");
	FUZZ_CHECK(ds->ndistricts > 0 && ds->ndistricts <= ds->ncommunes,
	      "bad district count");
	for (size_t d = 0; d < ds->ndistricts; d++) {
		FUZZ_CHECK(ds->districts[d] != NULL, "a district without a name");
		FUZZ_CHECK(dataset_find_district(ds, ds->districts[d]) == (long)d,
		      "two districts with one name");
	}
	for (size_t c = 0; c < ds->ncommunes; c++) {
		const struct commune *cm = &ds->communes[c];
		double cost;
		int met = 0;

		FUZZ_CHECK(cm->id && *cm->id && cm->name && *cm->name,
		      "a commune without an id or name");
		FUZZ_CHECK(dataset_find_commune(ds, cm->id) == (long)c,
		      "two communes with one id");
		FUZZ_CHECK(cm->district < ds->ndistricts, "district out of range");
		FUZZ_CHECK(isfinite(cm->cost_factor) && cm->cost_factor > 0,
		      "bad cost factor");
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);

			FUZZ_CHECK(g->met <= 1 && g->fundable <= 1, "a flag not 0 or 1");
			FUZZ_CHECK(finite_not_negative(g->quantity), "bad gap");
			FUZZ_CHECK(!g->met || g->quantity == 0, "a met gap with a quantity");
			met += g->met;
			cost = dataset_gap_cost(ds, c, k);
			FUZZ_CHECK(finite_not_negative(cost), "bad gap cost");
			total_cost += cost;
		}
		FUZZ_CHECK(dataset_criteria_met(ds, c) == met, "criteria met miscounted");
		(void)dataset_commune_closable(ds, c);
		(void)dataset_commune_excluded(ds, c);
	}
	/* The reports and the model add these up: a sum that overflows shows
	 * as "inf" and "-nan%" (docs/hardening.md, findings). */
	FUZZ_CHECK(isfinite(total_cost), "the cost of all gaps is not finite");
	FUZZ_CHECK(ds->nsources > 0 && ds->sources, "a dataset without sources");
	for (size_t s = 0; s < ds->nsources; s++) {
		const struct source *src = &ds->sources[s];

		FUZZ_CHECK(src->name && *src->name, "a source without a name");
		FUZZ_CHECK(dataset_find_source(ds, src->name) == (long)s,
		      "two sources with one name");
		FUZZ_CHECK(src->criteria && !(src->criteria & ~CRITERIA_ALL),
		      "bad criteria mask");
		FUZZ_CHECK(src->carry_over == 0 || src->carry_over == 1,
		      "carry_over not 0 or 1");
	}
	FUZZ_CHECK(ds->nyears >= 1 && ds->budget, "no planning years");
	FUZZ_CHECK(ds->first_year >= 1900 && dataset_horizon(ds) <= 2200,
	      "years out of range");
	for (int y = 0; y < ds->nyears; y++)
		for (size_t s = 0; s < ds->nsources; s++) {
			FUZZ_CHECK(finite_not_negative(dataset_budget(ds, y, s)),
			      "bad budget amount");
			total_budget += dataset_budget(ds, y, s);
		}
	FUZZ_CHECK(isfinite(total_budget), "the total budget is not finite");
	FUZZ_CHECK(ds->ntargets == 0 || ds->targets, "targets lost");
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];

		FUZZ_CHECK((unsigned)tg->kind < TARGET_KIND_COUNT, "unknown target kind");
		FUZZ_CHECK(tg->subject != NULL, "a target without a subject string");
		FUZZ_CHECK(isfinite(tg->value) && tg->value >= 0, "bad target value");
		switch (tg->kind) {
		case TARGET_CRITERION_COMMUNES:
			FUZZ_CHECK(tg->subject_index >= 1 &&
			      tg->subject_index <= NTM_CRITERIA,
			      "target criterion out of range");
			FUZZ_CHECK(tg->value <= (double)ds->ncommunes,
			      "target above the communes");
			break;
		case TARGET_COMMUNES_STANDARD:
			FUZZ_CHECK(tg->value <= (double)ds->ncommunes,
			      "target above the communes");
			break;
		case TARGET_MIN_CRITERIA:
		case TARGET_AVG_CRITERIA:
			FUZZ_CHECK(tg->value <= NTM_CRITERIA, "target above 19 criteria");
			break;
		case TARGET_DISTRICT_STANDARD:
			FUZZ_CHECK(tg->subject_index < ds->ndistricts,
			      "target district out of range");
			break;
		case TARGET_REQUIRE_COMMUNE:
		case TARGET_EXCLUDE_COMMUNE:
			FUZZ_CHECK(tg->subject_index < ds->ncommunes,
			      "target commune out of range");
			break;
		default:
			break;
		}
		for (size_t o = 0; o < t; o++)
			FUZZ_CHECK(ds->targets[o].kind != tg->kind ||
			      ds->targets[o].subject_index != tg->subject_index,
			      "a target given twice");
	}
}

