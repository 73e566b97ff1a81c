/*
 * libFuzzer harness for the progress file (src/input/progress.h) and the
 * re-plan's dataset (src/model/replan.h): each input is a progress file,
 * read against tests/data/tiny (2016-2017) re-planned from 2017, and from
 * 2016 (no past year: any row is an error).
 *
 * Besides the sanitizers (no crash, no leak), the harness checks what
 * progress.h and replan.h promise and aborts when a promise is broken:
 *  - PROGRESS_OK exactly when no error was reported; a refused file always
 *    says why; warnings only on a file that loads;
 *  - every payment kept is in range (a past year, a known source that may
 *    fund its criterion, an open fundable gap, an amount above 0), and no
 *    gap is paid above its cost (+0.01);
 *  - the re-plan's dataset is valid (fuzz_check_dataset), starts in 2017,
 *    and each gap's cost is at most its cost before and not negative;
 *    a pending gap costs nothing and its lead years are those left.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dataset.h"
#include "diag.h"
#include "fuzz_common.h"
#include "lang.h"
#include "loader.h"
#include "progress.h"
#include "replan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK FUZZ_CHECK

static struct dataset tiny;

static void load_tiny(void)
{
	struct diag_list diags;
	diag_list_init(&diags, 50);
	dataset_init(&tiny);
	if (dataset_load(&tiny, NTM_TINY_DIR, &diags) != LOAD_OK) {
		fprintf(stderr, "fuzz_progress: cannot load %s\n", NTM_TINY_DIR);
		abort();
	}
	diag_list_release(&diags);
}

static void check_payments(const struct progress *pg)
{
	double *paid = calloc(pg->ngaps + 1, sizeof(*paid));
	CHECK(paid != NULL, "out of memory");
	for (size_t i = 0; i < pg->npayments; i++) {
		const struct progress_payment *p = &pg->payments[i];
		CHECK(p->year >= tiny.first_year && p->year < pg->from, "payment year out of range");
		CHECK(p->source < tiny.nsources, "payment source out of range");
		CHECK(p->commune < tiny.ncommunes, "payment commune out of range");
		CHECK(p->criterion >= 1 && p->criterion <= NTM_CRITERIA, "payment criterion out of range");
		CHECK(p->amount > 0 && isfinite(p->amount), "payment amount not above 0");
		CHECK(tiny.sources[p->source].criteria & CRITERION_BIT(p->criterion),
		      "payment from a source that may not fund the criterion");
		const struct gap *g = dataset_gap(&tiny, p->commune, p->criterion);
		CHECK(!g->met && g->fundable, "payment to a met or unfundable gap");
		paid[p->commune * NTM_CRITERIA + (size_t)(p->criterion - 1)] += p->amount;
	}
	for (size_t c = 0; c < tiny.ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++)
			CHECK(paid[c * NTM_CRITERIA + (size_t)(k - 1)] <=
			      dataset_gap_cost(&tiny, c, k) + 0.01 + 1e-9, "gap paid above its cost");
	free(paid);
}

static void check_replan(const struct progress *pg)
{
	struct dataset ds;
	struct replan rp;
	CHECK(dataset_copy(&ds, &tiny) == 0, "out of memory");
	replan_init(&rp);
	CHECK(replan_apply(&ds, pg, &rp) == 0, "out of memory");
	fuzz_check_dataset(&ds);
	CHECK(ds.first_year == pg->from, "re-plan's first year");
	CHECK(dataset_horizon(&ds) == dataset_horizon(&tiny), "re-plan's horizon");
	for (size_t c = 0; c < ds.ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			double after = dataset_gap_cost(&ds, c, k), before = dataset_gap_cost(&tiny, c, k);
			CHECK(after >= 0 && after <= before, "re-plan's cost above the cost before");
			const struct gap *g = dataset_gap(&ds, c, k);
			if (g->pending) {
				CHECK(after == 0, "a pending gap costs money");
				CHECK(g->pending_lead >= 0 &&
				      g->pending_lead <= tiny.criteria[k - 1].lead_years,
				      "a pending gap's lead years out of range");
			}
		}
	}
	replan_release(&rp);
	dataset_release(&ds);
}

static void load_once(const char *path, int from)
{
	struct progress pg;
	struct diag_list errors, warnings;
	progress_init(&pg);
	diag_list_init(&errors, 50);
	diag_list_init(&warnings, 50);
	enum progress_status st = progress_load(&pg, &tiny, from, "--from", path, &errors, &warnings);
	for (size_t i = 0; i < errors.nr; i++)
		diag_print(fuzz_sink(), &errors.items[i]);
	CHECK(st != PROGRESS_NOMEM, "out of memory");
	CHECK((st == PROGRESS_OK) == (diag_count(&errors) == 0), "status and errors disagree");
	CHECK(st == PROGRESS_OK || diag_count(&warnings) == 0, "warnings on a refused file");
	if (st == PROGRESS_OK) {
		check_payments(&pg);
		check_replan(&pg);
	}
	progress_release(&pg);
	diag_list_release(&errors);
	diag_list_release(&warnings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4096];
	if (!tiny.ncommunes) {
		load_tiny();
		snprintf(path, sizeof(path), "%s/progress.csv", fuzz_tmpdir("progress"));
	}
	struct fuzz_section s = {data, size, 1};
	fuzz_put_file(path, &s);
	lang_set(LANG_EN);
	load_once(path, 2017);
	load_once(path, 2016);
	return 0;
}
