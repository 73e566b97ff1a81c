/*
 * libFuzzer harness for the loader (src/loader.h): a whole dataset folder.
 *
 * The loader reads a folder, so each input is a small container of the
 * seven files, in the order of dataset_files[] (criteria, unit_costs,
 * communes, sources, budget, gaps, targets). Files are separated by the
 * four bytes "%%%\n" wherever they occur:
 *
 *     criterion,name_vi,...\n1,Quy hoạch,...\n%%%\ncriterion,unit_cost\n...
 *
 * A file's bytes are exactly those between two separators (so a file may
 * lack a final line end). A section that is exactly "(missing)", and every
 * file after the last section, is absent from the folder; sections after
 * the seventh are ignored. tests/fuzz/make-seeds.sh writes the test
 * datasets in this form.
 *
 * The files are written to a private folder (in /dev/shm when it can be
 * written, else $TMPDIR or /tmp), removed at exit. Each input is loaded
 * with the command's default limit of 50 diagnostics, in English, and, when
 * it has more than one error, again with a limit of 1 in Vietnamese.
 *
 * Besides the sanitizers (no crash, no leak: the dataset and diagnostics
 * are released after each load), the harness checks what loader.h and
 * dataset.h promise and aborts when a promise is broken:
 *  - LOAD_OK exactly when no diagnostic was reported; LOAD_MISSING exactly
 *    when a file is absent; a refused dataset always says why;
 *  - a dataset returned as LOAD_OK is valid: every index in range, flags 0
 *    or 1, amounts finite and not negative, years consecutive and in range,
 *    ids unique, names present, targets' subjects and values in range.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NFILES 7
#define SEPARATOR "%%%\n"
#define SEPARATOR_LEN 4
#define MISSING "(missing)"

static char folder[4096];
static FILE *sink;

#define CHECK(cond, what)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "fuzz_loader: broken promise: %s\n", \
				what);                                     \
			abort();                                           \
		}                                                          \
	} while (0)

static void file_path(char *buf, size_t size, int i)
{
	snprintf(buf, size, "%s/%s", folder, dataset_files[i]);
}

static void cleanup(void)
{
	char path[4200];

	if (!folder[0])
		return;
	for (int i = 0; i < NFILES; i++) {
		file_path(path, sizeof(path), i);
		unlink(path);
	}
	rmdir(folder);
	folder[0] = '\0';
}

static void setup(void)
{
	const char *bases[3];
	int n = 0;

	if (access("/dev/shm", W_OK) == 0)
		bases[n++] = "/dev/shm";
	bases[n++] = getenv("TMPDIR");
	bases[n++] = "/tmp";
	for (int i = 0; i < n; i++) {
		if (!bases[i] || !*bases[i])
			continue;
		snprintf(folder, sizeof(folder), "%s/ntm-fuzz-loader-XXXXXX",
			 bases[i]);
		if (mkdtemp(folder))
			break;
		folder[0] = '\0';
	}
	if (!folder[0]) {
		fprintf(stderr, "fuzz_loader: cannot make a temporary folder: %s\n",
			strerror(errno));
		abort();
	}
	atexit(cleanup);
	sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
}

static const uint8_t *find_separator(const uint8_t *p, const uint8_t *end)
{
	while (end - p >= SEPARATOR_LEN) {
		const uint8_t *c = memchr(p, '%', (size_t)(end - p));

		if (!c || end - c < SEPARATOR_LEN)
			return NULL;
		if (!memcmp(c, SEPARATOR, SEPARATOR_LEN))
			return c;
		p = c + 1;
	}
	return NULL;
}

/* Writes the input's files into the folder; returns how many are absent. */
static int write_files(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	int absent = 0;
	char path[4200];

	for (int i = 0; i < NFILES; i++) {
		const uint8_t *sep;
		size_t len;
		FILE *f;

		file_path(path, sizeof(path), i);
		if (!p) {
			unlink(path);
			absent++;
			continue;
		}
		sep = find_separator(p, end);
		len = (size_t)((sep ? sep : end) - p);
		if (len == strlen(MISSING) && !memcmp(p, MISSING, len)) {
			unlink(path);
			absent++;
		} else {
			f = fopen(path, "wb");
			if (!f || (len && fwrite(p, 1, len, f) != len) ||
			    fclose(f)) {
				fprintf(stderr, "fuzz_loader: cannot write %s: %s\n",
					path, strerror(errno));
				abort();
			}
		}
		p = sep ? sep + SEPARATOR_LEN : NULL;
	}
	return absent;
}

static int finite_not_negative(double v)
{
	return isfinite(v) && v >= 0;
}

/* What dataset.h promises of a dataset the loader accepted. */
static void check_dataset(const struct dataset *ds)
{
	CHECK(ds->name != NULL, "no dataset name");
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		const struct criterion *cr = &ds->criteria[k - 1];

		CHECK(cr->name_vi && *cr->name_vi && cr->name_en &&
		      *cr->name_en && cr->unit && *cr->unit,
		      "a criterion without a name or unit");
		CHECK(cr->lead_years >= 0, "negative lead years");
		CHECK(finite_not_negative(cr->unit_cost), "bad unit cost");
	}
	CHECK(ds->ncommunes > 0 && ds->communes && ds->gaps,
	      "a dataset without communes");
	CHECK(ds->ndistricts > 0 && ds->ndistricts <= ds->ncommunes,
	      "bad district count");
	for (size_t d = 0; d < ds->ndistricts; d++) {
		CHECK(ds->districts[d] != NULL, "a district without a name");
		CHECK(dataset_find_district(ds, ds->districts[d]) == (long)d,
		      "two districts with one name");
	}
	for (size_t c = 0; c < ds->ncommunes; c++) {
		const struct commune *cm = &ds->communes[c];
		double cost;
		int met = 0;

		CHECK(cm->id && *cm->id && cm->name && *cm->name,
		      "a commune without an id or name");
		CHECK(dataset_find_commune(ds, cm->id) == (long)c,
		      "two communes with one id");
		CHECK(cm->district < ds->ndistricts, "district out of range");
		CHECK(isfinite(cm->cost_factor) && cm->cost_factor > 0,
		      "bad cost factor");
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);

			CHECK(g->met <= 1 && g->fundable <= 1, "a flag not 0 or 1");
			CHECK(finite_not_negative(g->quantity), "bad gap");
			CHECK(!g->met || g->quantity == 0, "a met gap with a quantity");
			met += g->met;
			/* Not checked finite: a product of finite figures may
			 * overflow (reported separately, docs/hardening.md). */
			cost = dataset_gap_cost(ds, c, k);
			CHECK(!(cost < 0), "negative gap cost");
		}
		CHECK(dataset_criteria_met(ds, c) == met, "criteria met miscounted");
		(void)dataset_commune_closable(ds, c);
		(void)dataset_commune_excluded(ds, c);
	}
	CHECK(ds->nsources > 0 && ds->sources, "a dataset without sources");
	for (size_t s = 0; s < ds->nsources; s++) {
		const struct source *src = &ds->sources[s];

		CHECK(src->name && *src->name, "a source without a name");
		CHECK(dataset_find_source(ds, src->name) == (long)s,
		      "two sources with one name");
		CHECK(src->criteria && !(src->criteria & ~CRITERIA_ALL),
		      "bad criteria mask");
		CHECK(src->carry_over == 0 || src->carry_over == 1,
		      "carry_over not 0 or 1");
	}
	CHECK(ds->nyears >= 1 && ds->budget, "no planning years");
	CHECK(ds->first_year >= 1900 && dataset_horizon(ds) <= 2200,
	      "years out of range");
	for (int y = 0; y < ds->nyears; y++)
		for (size_t s = 0; s < ds->nsources; s++)
			CHECK(finite_not_negative(dataset_budget(ds, y, s)),
			      "bad budget amount");
	CHECK(ds->ntargets == 0 || ds->targets, "targets lost");
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];

		CHECK((unsigned)tg->kind < TARGET_KIND_COUNT, "unknown target kind");
		CHECK(tg->subject != NULL, "a target without a subject string");
		CHECK(isfinite(tg->value) && tg->value >= 0, "bad target value");
		CHECK(tg->line >= 2, "a target without its line");
		switch (tg->kind) {
		case TARGET_CRITERION_COMMUNES:
			CHECK(tg->subject_index >= 1 &&
			      tg->subject_index <= NTM_CRITERIA,
			      "target criterion out of range");
			CHECK(tg->value <= (double)ds->ncommunes,
			      "target above the communes");
			break;
		case TARGET_COMMUNES_STANDARD:
			CHECK(tg->value <= (double)ds->ncommunes,
			      "target above the communes");
			break;
		case TARGET_MIN_CRITERIA:
		case TARGET_AVG_CRITERIA:
			CHECK(tg->value <= NTM_CRITERIA, "target above 19 criteria");
			break;
		case TARGET_DISTRICT_STANDARD:
			CHECK(tg->subject_index < ds->ndistricts,
			      "target district out of range");
			break;
		case TARGET_REQUIRE_COMMUNE:
		case TARGET_EXCLUDE_COMMUNE:
			CHECK(tg->subject_index < ds->ncommunes,
			      "target commune out of range");
			break;
		default:
			break;
		}
		for (size_t o = 0; o < t; o++)
			CHECK(ds->targets[o].kind != tg->kind ||
			      ds->targets[o].subject_index != tg->subject_index,
			      "a target given twice");
	}
}

static size_t load_once(enum lang lang, size_t limit, int absent)
{
	struct dataset ds;
	struct diag_list diags;
	enum load_status st;
	size_t count;

	lang_set(lang);
	dataset_init(&ds);
	diag_list_init(&diags, limit);
	st = dataset_load(&ds, folder, &diags);
	count = diag_count(&diags);
	CHECK(st == LOAD_OK || st == LOAD_MISSING || st == LOAD_INVALID ||
	      st == LOAD_NOMEM, "unknown status");
	if (st != LOAD_NOMEM) {
		CHECK((st == LOAD_OK) == (count == 0),
		      "LOAD_OK does not match the absence of diagnostics");
		CHECK((st == LOAD_MISSING) == (absent > 0),
		      "LOAD_MISSING does not match the absent files");
	}
	CHECK(diags.nr <= limit, "more diagnostics kept than the limit");
	for (size_t i = 0; i < diags.nr; i++) {
		CHECK(diags.items[i].message != NULL, "a diagnostic without text");
		diag_print(sink, &diags.items[i]);
	}
	if (st == LOAD_OK)
		check_dataset(&ds);
	dataset_release(&ds);
	dataset_release(&ds); /* leaves an initialised, empty dataset */
	diag_list_release(&diags);
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int absent;

	if (!folder[0])
		setup();
	absent = write_files(data, size);
	if (load_once(LANG_EN, DIAG_DEFAULT_LIMIT, absent) > 1)
		load_once(LANG_VI, 1, absent);
	return 0;
}
