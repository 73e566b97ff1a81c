/* Tests of plan.c: the decisions (standard years, completed gaps and their
 * latest completion years), what plan_evaluate derives from them, and the
 * money plan_allocate writes. Expected figures are computed by hand from
 * the dataset files (tests/data/tiny and tests/instances/<name>, whose
 * READMEs give the optimum objectives). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "diag.h"
#include "loader.h"
#include "plan.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define INSTANCE(name) NTM_TEST_DIR "/instances/" name

/* Money tolerance: amounts are reported to 0.001 million VND, and the
 * allocator treats less than 0.0005 as rounding noise. */
#define MONEY_TOL 1e-3

/* tiny's communes, in the order of communes.csv. */
enum { A01, A02, B01 };

static size_t commune(const struct dataset *ds, const char *id)
{
	long c = dataset_find_commune(ds, id);
	if (c < 0)
		fail_msg("no commune %s", id);
	return (size_t)c;
}

static size_t gap_index(size_t c, int k)
{
	return c * NTM_CRITERIA + (size_t)(k - 1);
}

static void assert_close(double actual, double expected, double tol)
{
	if (fabs(actual - expected) > tol)
		fail_msg("%.6f, expected %.6f", actual, expected);
}

static void assert_objectives(const struct plan *p, double shortfall, double communes,
			      double standard_years, double criteria, double money)
{
	assert_close(p->objective[OBJ_SHORTFALL], shortfall, 1e-9);
	assert_close(p->objective[OBJ_COMMUNES], communes, 1e-9);
	assert_close(p->objective[OBJ_STANDARD_YEARS], standard_years, 1e-9);
	assert_close(p->objective[OBJ_CRITERIA], criteria, 1e-9);
	assert_close(p->objective[OBJ_MONEY], money, 1e-6);
}

static void assert_target(const struct plan *p, size_t t, enum target_kind kind,
			  double achieved, double shortfall)
{
	assert_true(t < p->ds->ntargets);
	assert_int_equal(p->ds->targets[t].kind, kind);
	assert_close(p->targets[t].achieved, achieved, 1e-9);
	assert_close(p->targets[t].shortfall, shortfall, 1e-9);
}

/* Only the gaps listed (as commune, criterion pairs ending with a negative
 * commune) are marked completed. */
static void assert_completed_exactly(const struct plan *p, const long *pairs)
{
	const struct dataset *ds = p->ds;
	unsigned char *want = calloc(ds->ncommunes * NTM_CRITERIA, 1);
	assert_non_null(want);
	for (; pairs[0] >= 0; pairs += 2)
		want[gap_index((size_t)pairs[0], (int)pairs[1])] = 1;
	for (size_t c = 0; c < ds->ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = gap_index(c, k);
			if (p->completed[i] != want[i])
				fail_msg("commune %s criterion %d: completed %d, expected %d",
					 ds->communes[c].id, k, p->completed[i], want[i]);
			if (!want[i] && p->completion_year[i] != 0)
				fail_msg("commune %s criterion %d: completion year %d, expected 0",
					 ds->communes[c].id, k, p->completion_year[i]);
		}
	free(want);
}

/*
 * Checks p->allocations against docs/model.md's admissibility, from the
 * dataset alone: each line is a positive amount in a planning year, from a
 * source that may fund the criterion, to an open, fundable gap of a
 * commune that is not excluded, which the plan completes, paid no later
 * than its completion year; every completed gap is paid its cost exactly
 * and nothing else is paid; no source spends more than its budget in any
 * year (or, with carry-over, by the end of any year); the lines are in
 * order of year, commune, criterion and source; the total is the money
 * objective.
 */
static void assert_allocation_admissible(const struct plan *p)
{
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	double *paid = calloc(ds->ncommunes * NTM_CRITERIA, sizeof(*paid));
	double *spent = calloc(ds->nsources * (size_t)n, sizeof(*spent));
	double total = 0;
	assert_non_null(paid);
	assert_non_null(spent);

	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		assert_true(a->year >= 1 && a->year <= n);
		assert_true(a->source < ds->nsources);
		assert_true(a->commune < ds->ncommunes);
		assert_true(a->criterion >= 1 && a->criterion <= NTM_CRITERIA);
		const char *id = ds->communes[a->commune].id;
		if (!(a->amount > 0))
			fail_msg("line %zu: amount %g to %s/%d", i, a->amount, id, a->criterion);
		if (!(ds->sources[a->source].criteria & CRITERION_BIT(a->criterion)))
			fail_msg("line %zu: source %s may not fund criterion %d",
				 i, ds->sources[a->source].name, a->criterion);
		const struct gap *g = dataset_gap(ds, a->commune, a->criterion);
		if (g->met || !g->fundable)
			fail_msg("line %zu: money to %s/%d, which is met or not fundable",
				 i, id, a->criterion);
		if (dataset_commune_excluded(ds, a->commune))
			fail_msg("line %zu: money to excluded commune %s", i, id);
		size_t gi = gap_index(a->commune, a->criterion);
		if (!p->completed[gi])
			fail_msg("line %zu: money to %s/%d, which the plan does not complete",
				 i, id, a->criterion);
		if (a->year > p->completion_year[gi])
			fail_msg("line %zu: %s/%d paid in year %d, after its completion year %d",
				 i, id, a->criterion, a->year, p->completion_year[gi]);
		if (i > 0) {
			const struct allocation *b = &p->allocations[i - 1];
			int ordered = b->year != a->year ? b->year < a->year :
				b->commune != a->commune ? b->commune < a->commune :
				b->criterion != a->criterion ? b->criterion < a->criterion :
				b->source < a->source;
			if (!ordered)
				fail_msg("line %zu out of order", i);
		}
		paid[gi] += a->amount;
		spent[a->source * (size_t)n + (size_t)(a->year - 1)] += a->amount;
		total += a->amount;
	}

	for (size_t c = 0; c < ds->ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t gi = gap_index(c, k);
			double cost = p->completed[gi] ? dataset_gap_cost(ds, c, k) : 0;
			if (fabs(paid[gi] - cost) > MONEY_TOL)
				fail_msg("%s/%d paid %.6f, its cost is %.6f",
					 ds->communes[c].id, k, paid[gi], cost);
		}

	for (size_t s = 0; s < ds->nsources; s++) {
		double budget_so_far = 0, spent_so_far = 0;
		for (int t = 1; t <= n; t++) {
			double budget = dataset_budget(ds, t - 1, s);
			double used = spent[s * (size_t)n + (size_t)(t - 1)];
			budget_so_far += budget;
			spent_so_far += used;
			if (ds->sources[s].carry_over ? spent_so_far > budget_so_far + MONEY_TOL
						      : used > budget + MONEY_TOL)
				fail_msg("source %s overspends in year %d: %.6f of %.6f (so far %.6f of %.6f)",
					 ds->sources[s].name, t, used, budget,
					 spent_so_far, budget_so_far);
		}
	}
	assert_close(total, p->objective[OBJ_MONEY], MONEY_TOL);
	free(paid);
	free(spent);
}

/* Money a source pays to a gap in a year, summed over its lines. */
static double paid_in(const struct plan *p, int year, size_t source, size_t c, int k)
{
	double sum = 0;
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		if (a->year == year && a->source == source && a->commune == c && a->criterion == k)
			sum += a->amount;
	}
	return sum;
}

/* plan_reset on tiny: A01, at standard at the baseline, has standard year
 * 0, the others -1 (never); nothing is completed; no allocation. Resetting
 * a used plan clears its decisions again. */
static void test_reset_tiny(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_ptr_equal(p.ds, &ds);
	assert_int_equal(p.standard_year[A01], 0);
	assert_int_equal(p.standard_year[A02], -1);
	assert_int_equal(p.standard_year[B01], -1);
	const long none[] = {-1};
	assert_completed_exactly(&p, none);
	assert_int_equal(p.nallocations, 0);

	plan_set_standard(&p, A02, 2);
	plan_set_completed(&p, B01, 3);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_int_equal(p.standard_year[A01], 0);
	assert_int_equal(p.standard_year[A02], -1);
	assert_int_equal(p.standard_year[B01], -1);
	assert_completed_exactly(&p, none);
	plan_release(&p);
	assert_null(p.standard_year);
	assert_null(p.completed);
	plan_release(&p);
	dataset_release(&ds);
}

/* Latest useful completion year = year - lead time; < 1 when impossible.
 * tiny: criterion 2 has lead 0, 16 lead 1; lead-times: criterion 10 has
 * lead 2 over 3 years. */
static void test_latest_completion(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, TINY);
	assert_int_equal(plan_latest_completion(&ds, 0, 2, 2), 2);
	assert_int_equal(plan_latest_completion(&ds, 0, 2, 1), 1);
	assert_int_equal(plan_latest_completion(&ds, 0, 16, 2), 1);
	assert_true(plan_latest_completion(&ds, 0, 16, 1) < 1);
	dataset_release(&ds);

	load_ok(&ds, INSTANCE("lead-times"));
	assert_int_equal(plan_latest_completion(&ds, 0, 10, 3), 1);
	assert_true(plan_latest_completion(&ds, 0, 10, 2) < 1);
	assert_int_equal(plan_latest_completion(&ds, 0, 16, 3), 2);
	assert_int_equal(plan_latest_completion(&ds, 0, 2, 3), 3);
	dataset_release(&ds);
}

/* plan_gap_meetable: open, fundable, time for its lead, and money may
 * reach it (or it costs nothing). */
static void test_gap_meetable(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, TINY);
	assert_true(plan_gap_meetable(&ds, A02, 16));
	assert_true(plan_gap_meetable(&ds, A02, 19));
	assert_false(plan_gap_meetable(&ds, A01, 1));   /* met */
	assert_false(plan_gap_meetable(&ds, B01, 11));  /* not fundable */
	assert_false(plan_gap_meetable(&ds, B01, 2));   /* B01 is excluded */
	/* A lead time as long as the plan leaves no year to fund the gap. */
	ds.criteria[15].lead_years = 2;
	assert_false(plan_gap_meetable(&ds, A02, 16));
	dataset_release(&ds);

	load_ok(&ds, INSTANCE("zero-cost"));
	size_t c01 = commune(&ds, "C01"), d01 = commune(&ds, "D01");
	assert_true(plan_gap_meetable(&ds, d01, 18));
	/* Costs nothing: meetable although no source funds criterion 19. */
	assert_true(plan_gap_meetable(&ds, d01, 19));
	assert_false(plan_gap_meetable(&ds, c01, 13)); /* costs nothing, not fundable */
	/* The same gap costing money is not meetable: nobody may pay. */
	ds.gaps[gap_index(d01, 19)].quantity = 1;
	assert_false(plan_gap_meetable(&ds, d01, 19));
	dataset_release(&ds);

	load_ok(&ds, INSTANCE("exclude-district"));
	size_t e01 = commune(&ds, "E01");
	assert_true(plan_gap_meetable(&ds, e01, 8));   /* excluded, but costs nothing */
	assert_false(plan_gap_meetable(&ds, e01, 5));  /* excluded, costs 250 */
	dataset_release(&ds);
}

/* plan_set_standard(A02, 2) on tiny: every open gap of A02 (16, 17, 18 with
 * lead 1; 19 with lead 0) is completed at its latest useful year, 2 - lead;
 * met criteria and other communes are untouched. */
static void test_set_standard_tiny(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, A02, 2);
	assert_int_equal(p.standard_year[A02], 2);
	const long done[] = {A02, 16, A02, 17, A02, 18, A02, 19, -1};
	assert_completed_exactly(&p, done);
	assert_int_equal(p.completion_year[gap_index(A02, 16)], 1);
	assert_int_equal(p.completion_year[gap_index(A02, 17)], 1);
	assert_int_equal(p.completion_year[gap_index(A02, 18)], 1);
	assert_int_equal(p.completion_year[gap_index(A02, 19)], 2);
	assert_int_equal(p.standard_year[A01], 0);
	assert_int_equal(p.standard_year[B01], -1);
	plan_release(&p);
	dataset_release(&ds);
}

/* plan_set_completed completes one gap at its latest year that still
 * counts at the horizon (n - lead). lead-times: n = 3, criterion 10 lead 2,
 * 16 lead 1, 2 lead 0. */
static void test_set_completed(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("lead-times"));
	size_t a01 = commune(&ds, "A01"), d01 = commune(&ds, "D01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_completed(&p, a01, 10);
	plan_set_completed(&p, d01, 2);
	plan_set_completed(&p, d01, 16);
	const long done[] = {(long)a01, 10, (long)d01, 2, (long)d01, 16, -1};
	assert_completed_exactly(&p, done);
	assert_int_equal(p.completion_year[gap_index(a01, 10)], 1);
	assert_int_equal(p.completion_year[gap_index(d01, 2)], 3);
	assert_int_equal(p.completion_year[gap_index(d01, 16)], 2);
	plan_release(&p);

	/* tiny, n = 2. */
	dataset_release(&ds);
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_completed(&p, A02, 19);
	plan_set_completed(&p, A02, 16);
	const long tiny_done[] = {A02, 16, A02, 19, -1};
	assert_completed_exactly(&p, tiny_done);
	assert_int_equal(p.completion_year[gap_index(A02, 19)], 2);
	assert_int_equal(p.completion_year[gap_index(A02, 16)], 1);
	plan_release(&p);
	dataset_release(&ds);
}

/* A gap that costs nothing completes in year 1, whatever year it would
 * otherwise be left to (zero-cost instance: A01's only gap, criterion 2
 * lead 0; B01's criterion 16; D01's criterion 19, which no source funds);
 * so A01, set at standard from year 2, evaluates at standard from year 1. */
static void test_zero_cost_completes_in_year_1(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("zero-cost"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), d01 = commune(&ds, "D01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 2);
	plan_set_completed(&p, b01, 16);
	plan_set_standard(&p, d01, 2);
	assert_int_equal(p.completion_year[gap_index(a01, 2)], 1);
	assert_int_equal(p.completion_year[gap_index(b01, 16)], 1);
	assert_int_equal(p.completion_year[gap_index(d01, 19)], 1);
	assert_int_equal(p.completion_year[gap_index(d01, 18)], 1); /* 100, lead 1: 2 - 1 */
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.standard_year[a01], 1);
	assert_int_equal(p.standard_year[d01], 2);
	plan_release(&p);
	dataset_release(&ds);
}

/* tiny, no decision: only the baseline. Criteria 19 + 15 + 5 = 39; A01 at
 * standard every year; targets: communes_standard 2 -> 1 (short 1, only
 * reported); criterion_communes 2 >= 2 holds; min_criteria 5 holds (B01
 * has 5); avg_criteria 12.5 needs ceil(37.5) = 38 <= 39, holds;
 * district_standard Điện Biên: A01 yes, A02 no (short 1); exclude B01
 * holds. Shortfall 1. */
static void test_evaluate_tiny_baseline(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_int_equal(plan_evaluate(&p), 0);

	assert_int_equal(p.criteria_after[A01], 19);
	assert_int_equal(p.criteria_after[A02], 15);
	assert_int_equal(p.criteria_after[B01], 5);
	assert_int_equal(p.standard_year[A01], 0);
	assert_int_equal(p.standard_year[A02], -1);
	assert_int_equal(p.standard_year[B01], -1);
	for (int t = 0; t <= 2; t++)
		assert_int_equal(p.standard_count[t], 1);
	assert_objectives(&p, 2, 1, 2, 39, 0); /* communes_standard takes part: 2 wanted, 1 */

	assert_int_equal(ds.ntargets, 6);
	assert_target(&p, 0, TARGET_COMMUNES_STANDARD, 1, 1);
	assert_target(&p, 1, TARGET_CRITERION_COMMUNES, 2, 0);
	assert_target(&p, 2, TARGET_MIN_CRITERIA, 5, 0);
	assert_target(&p, 3, TARGET_AVG_CRITERIA, 13, 0);
	assert_target(&p, 4, TARGET_DISTRICT_STANDARD, 1, 1);
	assert_target(&p, 5, TARGET_EXCLUDE_COMMUNE, 1, 0);
	plan_release(&p);
	dataset_release(&ds);
}

/* tiny, A02 at standard in year 2 (cost 180 + 960 + 120 + 120 = 1380):
 * criteria 19 + 19 + 5 = 43; at standard: 1 in year 1, 2 in year 2 (sum 3);
 * every counted target holds (shortfall 0), communes_standard 2 reached.
 * Then paying B01's criterion 2 (4125) too: B01 is excluded, so the
 * exclude target fails (achieved 0, shortfall 1) but is not counted in the
 * total shortfall; criterion_communes 2 counts 3 communes. */
static void test_evaluate_tiny_decisions(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, A02, 2);
	assert_int_equal(plan_evaluate(&p), 0);

	assert_int_equal(p.criteria_after[A02], 19);
	assert_int_equal(p.standard_year[A02], 2);
	assert_int_equal(p.standard_count[0], 1);
	assert_int_equal(p.standard_count[1], 1);
	assert_int_equal(p.standard_count[2], 2);
	assert_objectives(&p, 0, 2, 3, 43, 1380);
	assert_target(&p, 0, TARGET_COMMUNES_STANDARD, 2, 0);
	assert_target(&p, 1, TARGET_CRITERION_COMMUNES, 2, 0);
	assert_target(&p, 2, TARGET_MIN_CRITERIA, 5, 0);
	assert_target(&p, 3, TARGET_AVG_CRITERIA, 43.0 / 3.0, 0);
	assert_target(&p, 4, TARGET_DISTRICT_STANDARD, 2, 0);
	assert_target(&p, 5, TARGET_EXCLUDE_COMMUNE, 1, 0);

	plan_set_completed(&p, B01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.criteria_after[B01], 6);
	assert_int_equal(p.standard_year[B01], -1);
	assert_objectives(&p, 0, 2, 3, 44, 1380 + 4125);
	assert_target(&p, 1, TARGET_CRITERION_COMMUNES, 3, 0);
	assert_target(&p, 2, TARGET_MIN_CRITERIA, 6, 0);
	assert_target(&p, 5, TARGET_EXCLUDE_COMMUNE, 0, 1);
	plan_release(&p);
	dataset_release(&ds);
}

/* tiny with a harder avg_criteria: 14.2 x 3 = 42.6 needs 43 criteria. The
 * baseline has 39 (short 4); A02's criterion 19 alone makes 40 (short 3),
 * and min_criteria raised to 6 is short 1 (B01 has 5). */
static void test_evaluate_tiny_avg_and_min(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	ds.targets[3].value = 14.2;
	ds.targets[2].value = 6;
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_target(&p, 2, TARGET_MIN_CRITERIA, 5, 1);
	assert_target(&p, 3, TARGET_AVG_CRITERIA, 13, 4);
	/* Shortfall: communes at standard 1 + min 1 + avg 4 + district 1. */
	assert_close(p.objective[OBJ_SHORTFALL], 7, 1e-9);

	plan_set_completed(&p, A02, 19);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.criteria_after[A02], 16);
	assert_target(&p, 3, TARGET_AVG_CRITERIA, 40.0 / 3.0, 3);
	assert_objectives(&p, 6, 1, 2, 40, 120);
	plan_release(&p);
	dataset_release(&ds);
}

/* lead-times (n = 3, E01 at standard at the baseline; 90 criteria met):
 * A01, B01, C01 at standard in year 3 (README's optimum: 0 4 6 93 900);
 * then B01 and C01 in year 2 instead: 3 communes at standard at the end of
 * year 2, standard years 1 + 3 + 4 = 8; then D01's criterion 16 (200) as
 * well: 94 criteria, 1100. */
static void test_evaluate_lead_times(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("lead-times"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), c01 = commune(&ds, "C01"),
	       d01 = commune(&ds, "D01"), e01 = commune(&ds, "E01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 4, 1, 3, 90, 0); /* communes_standard: 5 wanted, 1 */
	assert_target(&p, 0, TARGET_COMMUNES_STANDARD, 1, 4);

	plan_set_standard(&p, a01, 3);
	plan_set_standard(&p, b01, 3);
	plan_set_standard(&p, c01, 3);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 1, 4, 6, 93, 900);
	assert_int_equal(p.standard_year[a01], 3);
	assert_int_equal(p.standard_year[b01], 3);
	assert_int_equal(p.standard_year[c01], 3);
	assert_int_equal(p.standard_year[d01], -1);
	assert_int_equal(p.standard_year[e01], 0);
	assert_int_equal(p.criteria_after[d01], 17);
	assert_int_equal(p.standard_count[0], 1);
	assert_int_equal(p.standard_count[1], 1);
	assert_int_equal(p.standard_count[2], 1);
	assert_int_equal(p.standard_count[3], 4);
	/* communes_standard 5 is only reported. */
	assert_target(&p, 0, TARGET_COMMUNES_STANDARD, 4, 1);

	plan_set_standard(&p, b01, 2);
	plan_set_standard(&p, c01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.standard_count[2], 3);
	assert_objectives(&p, 1, 4, 1 + 3 + 4, 93, 900);

	/* D01's lead-1 gap alone: met at the horizon, D01 not at standard. */
	plan_set_completed(&p, d01, 16);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.criteria_after[d01], 18);
	assert_int_equal(p.standard_year[d01], -1);
	assert_objectives(&p, 1, 4, 8, 94, 1100);
	plan_release(&p);
	dataset_release(&ds);
}

/* infeasible-targets: README's optimum, B01 at standard (criterion 13, lead
 * 1, in year 1; criterion 3 in year 2) and C01's criterion 3: criteria 17 +
 * 19 + 18 + 14 + 18 = 86; criterion_communes 3 wants 5, has 4 (A01 lacks
 * it); require B01 holds, E01 fails; min_criteria 16 fails by 2 (D01 at 14):
 * shortfall 1 + 1 + 2 = 4; objectives 4 1 1 86 1500. */
static void test_evaluate_infeasible_targets(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("infeasible-targets"));
	size_t b01 = commune(&ds, "B01"), c01 = commune(&ds, "C01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, b01, 2);
	plan_set_completed(&p, c01, 3);
	assert_int_equal(p.completion_year[gap_index(b01, 13)], 1);
	assert_int_equal(p.completion_year[gap_index(b01, 3)], 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 6, 1, 1, 86, 1500); /* 2 of them communes_standard's */
	assert_target(&p, 0, TARGET_COMMUNES_STANDARD, 1, 2);
	assert_target(&p, 1, TARGET_CRITERION_COMMUNES, 4, 1);
	assert_target(&p, 2, TARGET_REQUIRE_COMMUNE, 1, 0);
	assert_target(&p, 3, TARGET_REQUIRE_COMMUNE, 0, 1);
	assert_target(&p, 4, TARGET_MIN_CRITERIA, 14, 2);

	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	plan_release(&p);
	dataset_release(&ds);
}

/* lead-times optimum: 300 a year with carry-over pays A01's criterion 10
 * (due in year 1), B01's 16 (year 2) and C01's 2 (year 3): the cumulative
 * budget equals the cumulative demand, so each gap is paid exactly in its
 * completion year. */
static void test_allocate_lead_times(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("lead-times"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), c01 = commune(&ds, "C01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 3);
	plan_set_standard(&p, b01, 3);
	plan_set_standard(&p, c01, 3);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	assert_close(paid_in(&p, 1, 0, a01, 10), 300, MONEY_TOL);
	assert_close(paid_in(&p, 2, 0, b01, 16), 300, MONEY_TOL);
	assert_close(paid_in(&p, 3, 0, c01, 2), 300, MONEY_TOL);

	/* Allocating again gives the same lines, not twice as many. */
	size_t lines = p.nallocations;
	assert_int_equal(plan_allocate(&p), 0);
	assert_int_equal(p.nallocations, lines);
	assert_allocation_admissible(&p);
	plan_release(&p);
	dataset_release(&ds);
}

/* Decisions the money cannot pay make plan_allocate return 1:
 * - lead-times, all four communes (1300 > 900 in total);
 * - lead-times, B01 and C01 at standard in year 2 with A01 in year 3: 900
 *   in total, but 600 is due by the end of year 1 with only 300 available. */
static void test_allocate_not_payable(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("lead-times"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), c01 = commune(&ds, "C01"),
	       d01 = commune(&ds, "D01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 3);
	plan_set_standard(&p, b01, 3);
	plan_set_standard(&p, c01, 3);
	plan_set_standard(&p, d01, 3);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 1);

	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 3);
	plan_set_standard(&p, b01, 2);
	plan_set_standard(&p, c01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 1);

	/* One commune fewer, and it is payable again. */
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, b01, 2);
	plan_set_standard(&p, c01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	plan_release(&p);
	dataset_release(&ds);
}

/* narrow-eligibility: 'roads-housing' (criteria 2 and 9, 400 a year, no
 * carry-over) and 'central' (all, 200 a year, carry-over). README's optimum:
 * B01 at standard in year 1, A01 and D01 in year 2 (1100). Central's year-1
 * money must all go to B01's 15 and D01's 17 (200), and A01's roads gaps
 * (500 due in year 2) need at least 50 of roads' year-1 money (year 2 has
 * 400 of roads and 50 of central after A01's 5). Then A01 + B01 + C01,
 * 1550 of the 1600 budget, is not payable: their criteria other than 2 and
 * 9 cost 500 and only central (400 in all) may pay them. */
static void test_allocate_narrow_eligibility(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("narrow-eligibility"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), c01 = commune(&ds, "C01"),
	       d01 = commune(&ds, "D01");
	long roads = dataset_find_source(&ds, "roads-housing");
	long central = dataset_find_source(&ds, "central");
	assert_true(roads >= 0 && central >= 0);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, b01, 1);
	plan_set_standard(&p, a01, 2);
	plan_set_standard(&p, d01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 0, 3, 4, 74, 1100);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	/* Central, year 1: 100 to B01's 15 and 100 to D01's 17. */
	assert_close(paid_in(&p, 1, (size_t)central, b01, 15), 100, MONEY_TOL);
	assert_close(paid_in(&p, 1, (size_t)central, d01, 17), 100, MONEY_TOL);
	/* Roads money reaches A01 in year 1 already. */
	double roads_to_a01_year1 = paid_in(&p, 1, (size_t)roads, a01, 2) +
				    paid_in(&p, 1, (size_t)roads, a01, 9);
	assert_true(roads_to_a01_year1 >= 50 - MONEY_TOL);

	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 2);
	plan_set_standard(&p, b01, 2);
	plan_set_standard(&p, c01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_close(p.objective[OBJ_MONEY], 1550, 1e-6);
	assert_int_equal(plan_allocate(&p), 1);
	plan_release(&p);
	dataset_release(&ds);
}

/* carry-off: 400 a year that lapses; A01's 600 completes in year 2 and
 * B01's 150 in year 1, so at least 200 of A01's gap must be paid from
 * year 1's money. */
static void test_allocate_carry_off(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("carry-off"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 2);
	plan_set_standard(&p, b01, 1);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 0, 3, 5, 75, 750);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	assert_true(paid_in(&p, 1, 0, a01, 2) >= 200 - MONEY_TOL);
	assert_close(paid_in(&p, 1, 0, b01, 5), 150, MONEY_TOL);
	plan_release(&p);
	dataset_release(&ds);
}

/* carry-off: B01 (150) at standard in year 2, nothing else. Year 1's 400
 * lapses, and the allocation spends money that lapses first, so it pays
 * B01's gap in year 1: the gap completes then (docs/model.md), and the
 * plan must say so after plan_allocate (B01 at standard from year 1),
 * not keep year 2 beside an allocation that contradicts it. */
static void test_allocate_settles_early_completion(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("carry-off"));
	size_t b01 = commune(&ds, "B01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, b01, 2);
	assert_int_equal(p.completion_year[b01 * NTM_CRITERIA + 4], 2);
	assert_int_equal(plan_allocate(&p), 0);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_allocation_admissible(&p);
	assert_close(paid_in(&p, 1, 0, b01, 5), 150, MONEY_TOL);
	assert_int_equal(p.completion_year[b01 * NTM_CRITERIA + 4], 1);
	assert_int_equal(p.standard_year[b01], 1);
	plan_release(&p);
	dataset_release(&ds);
}

/* tiny: A02 at standard in year 2 with two sources, one of which lapses and
 * funds only 2, 6, 9 and 17: admissible, and A02's criterion 17 (960) is
 * the only gap 'people' may pay. */
static void test_allocate_tiny(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, A02, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	for (size_t i = 0; i < p.nallocations; i++)
		if (p.allocations[i].source == 1)
			assert_int_equal(p.allocations[i].criterion, 17);
	plan_release(&p);
	dataset_release(&ds);
}

/* zero-cost optimum (README: 0 3 4 75 300): gaps that cost nothing get no
 * money (D01's criterion 19, which no source funds, does not block the
 * allocation); D01's 18 (100, year 1) and B01's 3 (200, year 2) fit 150 a
 * year without carry-over only if B01's gap takes 50 of year 1. A gap that
 * costs money and that no source may fund is not payable. */
static void test_allocate_zero_cost(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCE("zero-cost"));
	size_t a01 = commune(&ds, "A01"), b01 = commune(&ds, "B01"), d01 = commune(&ds, "D01");
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, a01, 1);
	plan_set_standard(&p, b01, 2);
	plan_set_standard(&p, d01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_objectives(&p, 1, 3, 4, 75, 300); /* communes_standard: 4 wanted */
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	for (size_t i = 0; i < p.nallocations; i++)
		assert_true(dataset_gap_cost(&ds, p.allocations[i].commune,
					     p.allocations[i].criterion) > 0);
	assert_close(paid_in(&p, 1, 0, d01, 18), 100, MONEY_TOL);
	assert_close(paid_in(&p, 1, 0, b01, 3), 50, MONEY_TOL);
	assert_close(paid_in(&p, 2, 0, b01, 3), 150, MONEY_TOL);

	/* Criterion 19 costing 1: nobody may pay it. */
	ds.gaps[gap_index(d01, 19)].quantity = 1;
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, d01, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 1);
	plan_release(&p);
	dataset_release(&ds);
}

/*
 * An independent answer to "can the budget pay these decisions?", as a
 * maximum flow (docs/model.md): money of source s in year t may go to gap
 * (c, k) when s may fund k and t is no later than the gap's completion
 * year (carry-over only changes in which year money is written, never what
 * can be paid: unspent money of a lapsing source is lost, but a gap may
 * take money of any year up to its completion). Gaps are pooled by the set
 * of sources that may fund them and their completion year. Returns 1 when
 * payable, 0 when not.
 */
static int payable_by_max_flow(const struct plan *p)
{
	const struct dataset *ds = p->ds;
	const size_t ns = ds->nsources, n = (size_t)ds->nyears;
	unsigned long payers[NTM_CRITERIA];
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		payers[k - 1] = 0;
		for (size_t s = 0; s < ns; s++)
			if (ds->sources[s].criteria & CRITERION_BIT(k))
				payers[k - 1] |= 1UL << s;
	}
	/* Nodes: 0 source, 1..ns*n budgets, then NTM_CRITERIA*n pools (one per
	 * criterion's payer set, keyed by its first criterion), then the sink. */
	const size_t budget0 = 1, pool0 = budget0 + ns * n, sink = pool0 + NTM_CRITERIA * n;
	const size_t nodes = sink + 1;
	double *cap = calloc(nodes * nodes, sizeof(*cap));
	size_t *prev = malloc(nodes * sizeof(*prev));
	size_t *queue = malloc(nodes * sizeof(*queue));
	assert_non_null(cap);
	assert_non_null(prev);
	assert_non_null(queue);
#define CAP(a, b) cap[(a) * nodes + (b)]
	double demand = 0;
	int impossible = 0;
	for (size_t c = 0; c < ds->ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = gap_index(c, k);
			double cost = dataset_gap_cost(ds, c, k);
			if (!p->completed[i] || cost <= 0)
				continue;
			int year = p->completion_year[i];
			if (year < 1 || !payers[k - 1]) {
				impossible = 1;
				continue;
			}
			int key;
			for (key = 1; payers[key - 1] != payers[k - 1]; key++)
				;
			CAP(pool0 + (size_t)(key - 1) * n + (size_t)(year - 1), sink) += cost;
			demand += cost;
		}
	for (size_t s = 0; s < ns; s++)
		for (size_t t = 0; t < n; t++) {
			CAP(0, budget0 + s * n + t) = dataset_budget(ds, (int)t, s);
			for (int key = 1; key <= NTM_CRITERIA; key++)
				if (payers[key - 1] & (1UL << s))
					for (size_t tau = t; tau < n; tau++)
						CAP(budget0 + s * n + t, pool0 + (size_t)(key - 1) * n + tau) = 1e18;
		}
	double flow = 0;
	for (;;) {
		for (size_t v = 0; v < nodes; v++)
			prev[v] = SIZE_MAX;
		size_t head = 0, tail = 0;
		queue[tail++] = 0;
		prev[0] = 0;
		while (head < tail && prev[sink] == SIZE_MAX) {
			size_t u = queue[head++];
			for (size_t v = 0; v < nodes; v++)
				if (prev[v] == SIZE_MAX && CAP(u, v) > 1e-9) {
					prev[v] = u;
					queue[tail++] = v;
				}
		}
		if (prev[sink] == SIZE_MAX)
			break;
		double push = 1e300;
		for (size_t v = sink; v != 0; v = prev[v])
			push = fmin(push, CAP(prev[v], v));
		for (size_t v = sink; v != 0; v = prev[v]) {
			CAP(prev[v], v) -= push;
			CAP(v, prev[v]) += push;
		}
		flow += push;
	}
#undef CAP
	free(cap);
	free(prev);
	free(queue);
	return !impossible && flow >= demand - 1e-6 * fmax(1, demand);
}

/* Decisions that cost nothing: no decision at all, or only zero-cost gaps
 * (zero-cost instance: A01's criterion 2). plan_allocate returns 0 with no
 * allocation line. (Built with -fsanitize=undefined, this test also shows
 * plan_allocate calling qsort with a null array: see the report.) */
static void test_allocate_nothing_to_pay(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 0);
	assert_int_equal(p.nallocations, 0);
	plan_release(&p);
	dataset_release(&ds);

	load_ok(&ds, INSTANCE("zero-cost"));
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, commune(&ds, "A01"), 1);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(p.standard_year[commune(&ds, "A01")], 1);
	assert_int_equal(plan_allocate(&p), 0);
	assert_int_equal(p.nallocations, 0);
	assert_allocation_admissible(&p);
	plan_release(&p);
	dataset_release(&ds);
}

/* A copy of a plan's decisions, to undo one that the money cannot pay. */
struct decisions {
	int *standard_year;
	unsigned char *completed;
	int *completion_year;
};

static void save_decisions(const struct plan *p, struct decisions *d)
{
	size_t nc = p->ds->ncommunes;
	memcpy(d->standard_year, p->standard_year, nc * sizeof(*d->standard_year));
	memcpy(d->completed, p->completed, nc * NTM_CRITERIA);
	memcpy(d->completion_year, p->completion_year, nc * NTM_CRITERIA * sizeof(*d->completion_year));
}

static void restore_decisions(struct plan *p, const struct decisions *d)
{
	size_t nc = p->ds->ncommunes;
	memcpy(p->standard_year, d->standard_year, nc * sizeof(*d->standard_year));
	memcpy(p->completed, d->completed, nc * NTM_CRITERIA);
	memcpy(p->completion_year, d->completion_year, nc * NTM_CRITERIA * sizeof(*d->completion_year));
}

/*
 * Điện Biên (116 communes, 5 years, five sources of which three fund only
 * some criteria, two carry over): decisions are added commune by commune,
 * each kept only when plan_allocate can still pay everything, until the
 * budget binds. Communes that can reach the standard are set at standard
 * from their earliest possible year plus 0-2; for the first communes that
 * cannot, each meetable gap is completed on its own. Every answer of
 * plan_allocate (0 or 1) must agree with the independent max-flow check,
 * every allocation it makes must be admissible, and the plan kept at the
 * end must still be payable.
 */
static void test_allocate_dienbien(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	struct decisions saved;
	load_ok(&ds, NTM_SOURCE_DIR "/data/dienbien");
	const int n = ds.nyears;
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	saved.standard_year = calloc(ds.ncommunes, sizeof(int));
	saved.completed = calloc(ds.ncommunes * NTM_CRITERIA, 1);
	saved.completion_year = calloc(ds.ncommunes * NTM_CRITERIA, sizeof(int));
	assert_non_null(saved.standard_year);
	assert_non_null(saved.completed);
	assert_non_null(saved.completion_year);

	/* Pass 0: single gaps of the first communes that cannot reach the
	 * standard; pass 1: communes at standard. */
	int accepted[2] = {0, 0}, refused = 0, partial_communes = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t c = 0; c < ds.ncommunes; c++) {
			if (dataset_criteria_met(&ds, c) == NTM_CRITERIA)
				continue;
			int all_meetable = 1, max_lead = 0;
			for (int k = 1; k <= NTM_CRITERIA; k++) {
				if (dataset_gap(&ds, c, k)->met)
					continue;
				all_meetable &= plan_gap_meetable(&ds, c, k);
				if (ds.criteria[k - 1].lead_years > max_lead)
					max_lead = ds.criteria[k - 1].lead_years;
			}
			save_decisions(&p, &saved);
			if (pass == 1 && all_meetable) {
				int year = 1 + max_lead + (int)(c % 3);
				plan_set_standard(&p, c, year <= n ? year : n);
			} else if (pass == 0 && !all_meetable && partial_communes < 6) {
				partial_communes++;
				for (int k = 1; k <= NTM_CRITERIA; k++)
					if (!dataset_gap(&ds, c, k)->met && plan_gap_meetable(&ds, c, k))
						plan_set_completed(&p, c, k);
			} else {
				continue;
			}
			assert_int_equal(plan_evaluate(&p), 0);
			int rc = plan_allocate(&p);
			assert_true(rc == 0 || rc == 1);
			if ((rc == 0) != payable_by_max_flow(&p))
				fail_msg("commune %s: plan_allocate returned %d, max flow says %s",
					 ds.communes[c].id, rc,
					 payable_by_max_flow(&p) ? "payable" : "not payable");
			if (rc == 0) {
				accepted[pass]++;
				assert_allocation_admissible(&p);
			} else {
				refused++;
				restore_decisions(&p, &saved);
			}
		}
	}
	/* Single gaps were paid, communes were added until the budget bound,
	 * and the plan kept is payable and admissible. */
	assert_int_equal(partial_communes, 6);
	assert_int_equal(accepted[0], 6);
	assert_true(accepted[1] >= 10);
	assert_true(refused >= 1);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_int_equal(plan_allocate(&p), 0);
	assert_allocation_admissible(&p);
	/* Thanh Chăn and every commune kept at standard. */
	assert_int_equal((int)p.objective[OBJ_COMMUNES], 1 + accepted[1]);

	free(saved.standard_year);
	free(saved.completed);
	free(saved.completion_year);
	plan_release(&p);
	dataset_release(&ds);
}

/* A small fixed-seed generator, so that failures repeat. */
static unsigned long next_random(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

/*
 * Random decisions on every instance: each meetable gap of a commune that
 * is not excluded is completed with probability 1/2, or the commune is set
 * at standard from a random feasible year. plan_allocate must answer as the
 * independent max-flow check does, and pay admissibly when it says 0.
 */
static void test_allocate_random_decisions(void **state)
{
	(void)state;
	static const char *const dirs[] = {
		TINY,
		INSTANCE("avg-criteria"), INSTANCE("carry-off"), INSTANCE("carry-on"),
		INSTANCE("exclude-district"), INSTANCE("infeasible-targets"),
		INSTANCE("lead-times"), INSTANCE("mixed-3y"), INSTANCE("narrow-eligibility"),
		INSTANCE("nonfundable-leftover"), INSTANCE("tight-greedy"),
		INSTANCE("wide-2y"), INSTANCE("zero-cost"),
	};
	unsigned long seed = 20160101;
	int payable = 0, not_payable = 0;
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		struct dataset ds;
		struct plan p;
		load_ok(&ds, dirs[d]);
		plan_init(&p);
		for (int round = 0; round < 40; round++) {
			assert_int_equal(plan_reset(&p, &ds), 0);
			for (size_t c = 0; c < ds.ncommunes; c++) {
				if (dataset_commune_excluded(&ds, c))
					continue;
				int all_meetable = 1, max_lead = 0, open = 0;
				for (int k = 1; k <= NTM_CRITERIA; k++) {
					if (dataset_gap(&ds, c, k)->met)
						continue;
					open = 1;
					all_meetable &= plan_gap_meetable(&ds, c, k);
					if (ds.criteria[k - 1].lead_years > max_lead)
						max_lead = ds.criteria[k - 1].lead_years;
				}
				if (!open)
					continue;
				if (all_meetable && next_random(&seed) % 2) {
					int first = 1 + max_lead;
					int year = first + (int)(next_random(&seed) % (unsigned long)(ds.nyears - first + 1));
					plan_set_standard(&p, c, year);
					continue;
				}
				for (int k = 1; k <= NTM_CRITERIA; k++)
					if (!dataset_gap(&ds, c, k)->met && plan_gap_meetable(&ds, c, k) &&
					    next_random(&seed) % 2)
						plan_set_completed(&p, c, k);
			}
			assert_int_equal(plan_evaluate(&p), 0);
			int rc = plan_allocate(&p);
			int expected = payable_by_max_flow(&p);
			if (rc != (expected ? 0 : 1))
				fail_msg("%s, round %d: plan_allocate returned %d, max flow says %s",
					 dirs[d], round, rc, expected ? "payable" : "not payable");
			if (rc == 0) {
				payable++;
				assert_allocation_admissible(&p);
			} else {
				not_payable++;
			}
		}
		plan_release(&p);
		dataset_release(&ds);
	}
	/* Both answers were exercised. */
	assert_true(payable >= 50);
	assert_true(not_payable >= 50);
}

/* require_commune holds for a commune at standard at the baseline
 * (standard year 0) as for one reaching it in the plan, and fails for one
 * that does not; district_standard counts the district's communes at
 * standard. tiny's first four targets are turned in memory into
 * require_commune A01, A02 and B01 and district_standard Mường Ảng. */
static void test_evaluate_require_commune(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, TINY);
	const size_t subjects[3] = {A01, A02, B01};
	for (size_t t = 0; t < 3; t++) {
		ds.targets[t].kind = TARGET_REQUIRE_COMMUNE;
		ds.targets[t].subject_index = subjects[t];
		ds.targets[t].value = 0;
	}
	ds.targets[3].kind = TARGET_DISTRICT_STANDARD;
	ds.targets[3].subject_index = 1; /* Mường Ảng: B01 only */
	ds.targets[3].value = 0;
	plan_init(&p);
	assert_int_equal(plan_reset(&p, &ds), 0);
	plan_set_standard(&p, A02, 2);
	assert_int_equal(plan_evaluate(&p), 0);
	assert_target(&p, 0, TARGET_REQUIRE_COMMUNE, 1, 0);
	assert_target(&p, 1, TARGET_REQUIRE_COMMUNE, 1, 0);
	assert_target(&p, 2, TARGET_REQUIRE_COMMUNE, 0, 1);
	assert_target(&p, 3, TARGET_DISTRICT_STANDARD, 0, 1);
	assert_target(&p, 4, TARGET_DISTRICT_STANDARD, 2, 0);  /* Điện Biên, unchanged */
	assert_target(&p, 5, TARGET_EXCLUDE_COMMUNE, 1, 0);
	/* B01's unfulfilled requirement and its district: 1 + 1. */
	assert_close(p.objective[OBJ_SHORTFALL], 2, 1e-9);
	plan_release(&p);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_tiny),
		cmocka_unit_test(test_latest_completion),
		cmocka_unit_test(test_gap_meetable),
		cmocka_unit_test(test_set_standard_tiny),
		cmocka_unit_test(test_set_completed),
		cmocka_unit_test(test_zero_cost_completes_in_year_1),
		cmocka_unit_test(test_evaluate_tiny_baseline),
		cmocka_unit_test(test_evaluate_tiny_decisions),
		cmocka_unit_test(test_evaluate_tiny_avg_and_min),
		cmocka_unit_test(test_evaluate_require_commune),
		cmocka_unit_test(test_evaluate_lead_times),
		cmocka_unit_test(test_evaluate_infeasible_targets),
		cmocka_unit_test(test_allocate_lead_times),
		cmocka_unit_test(test_allocate_not_payable),
		cmocka_unit_test(test_allocate_narrow_eligibility),
		cmocka_unit_test(test_allocate_carry_off),
		cmocka_unit_test(test_allocate_settles_early_completion),
		cmocka_unit_test(test_allocate_tiny),
		cmocka_unit_test(test_allocate_zero_cost),
		cmocka_unit_test(test_allocate_nothing_to_pay),
		cmocka_unit_test(test_allocate_random_decisions),
		cmocka_unit_test(test_allocate_dienbien),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
