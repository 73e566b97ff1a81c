/*
 * Tests of rules.c: the rules of thumb the report compares the optimum with.
 *
 * The small instances of tests/instances are worked by hand below (the
 * reasoning is in the comments; every cost is gap x unit cost x cost
 * factor). Every rule plan is also checked for admissibility straight from
 * its allocations, by the definitions of docs/model.md and without
 * funding.c, and what plan_evaluate() says is recomputed from the money.
 * On data/dienbien, too large to work by hand, the tests check the same
 * admissibility and consistency, the order of the candidates and the two
 * properties that define the rules: no skipped candidate fits even at the
 * horizon, and no funded commune could have been a year earlier.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "dataset.h"
#include "diag.h"
#include "funding.h"
#include "lang.h"
#include "loader.h"
#include "plan.h"
#include "rules.h"
#include "support/loadok.h"

#define INSTANCES NTM_TEST_DIR "/instances"
#define TINY NTM_TEST_DIR "/data/tiny"
#define DIENBIEN NTM_SOURCE_DIR "/data/dienbien"

/* docs/model.md: a gap is fully paid within 0.01 million VND. */
#define PAID_TOLERANCE 0.01

/* Expected standard years besides calendar years. */
#define AT_BASELINE 0
#define NEVER (-1)

static int setup_en(void **state)
{
	(void)state;
	lang_set(LANG_EN);
	return 0;
}

/* GLPK keeps a process-wide environment that nothing in ntmplan frees;
 * freeing it here lets valgrind show that the rules leave nothing behind. */
static int teardown_glpk(void **state)
{
	(void)state;
	glp_free_env();
	return 0;
}

static size_t commune_index(const struct dataset *ds, const char *id)
{
	long c = dataset_find_commune(ds, id);
	assert_true(c >= 0);
	return (size_t)c;
}

/* The cost of the commune's open gaps, what the rules sort by. */
static double remaining_cost(const struct dataset *ds, size_t c)
{
	double cost = 0;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (!dataset_gap(ds, c, k)->met)
			cost += dataset_gap_cost(ds, c, k);
	return cost;
}

/* The test's own reading of "candidate" and "earliest year" (rules.h). */
static int is_candidate(const struct dataset *ds, size_t c)
{
	if (dataset_criteria_met(ds, c) == NTM_CRITERIA)
		return 0;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (!dataset_gap(ds, c, k)->met && !plan_gap_meetable(ds, c, k))
			return 0;
	return 1;
}

static int earliest_year(const struct dataset *ds, size_t c)
{
	int year = 1;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (!dataset_gap(ds, c, k)->met && 1 + ds->criteria[k - 1].lead_years > year)
			year = 1 + ds->criteria[k - 1].lead_years;
	return year;
}

/*
 * Checks that the plan is admissible and that what it says it achieves
 * follows from its money, by docs/model.md alone:
 *   1. money only to open, fundable gaps of communes not excluded, from
 *      sources that may fund the criterion;
 *   2. no gap receives more than its cost;
 *   3. each source within its budget, per year or cumulatively with
 *      carry-over;
 * and, for a rule plan: each gap the plan completes is fully paid by its
 * completion year, no other gap gets money; the standard years, criteria
 * met, communes at standard, standard-years and money recomputed from the
 * allocations equal the plan's.
 */
static void assert_admissible(const struct plan *p)
{
	const struct dataset *ds = p->ds;
	const size_t n = (size_t)ds->nyears, nc = ds->ncommunes, ns = ds->nsources;
	double *paid = calloc(nc * NTM_CRITERIA * n + 1, sizeof(*paid)); /* [gap][t-1] */
	double *spent = calloc(ns * n + 1, sizeof(*spent));              /* [s][t-1] */
	int *count = calloc(n + 1, sizeof(*count)); /* at standard at the end of t */
	assert_non_null(paid);
	assert_non_null(spent);
	assert_non_null(count);

	double money = 0;
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		assert_in_range(a->year, 1, ds->nyears);
		assert_in_range(a->source, 0, ns - 1);
		assert_in_range(a->commune, 0, nc - 1);
		assert_in_range(a->criterion, 1, NTM_CRITERIA);
		assert_true(a->amount > 0);
		const struct gap *g = dataset_gap(ds, a->commune, a->criterion);
		assert_false(g->met);
		assert_true(g->fundable);
		assert_true(ds->sources[a->source].criteria & CRITERION_BIT(a->criterion));
		assert_false(dataset_commune_excluded(ds, a->commune));
		size_t gap = a->commune * NTM_CRITERIA + (size_t)(a->criterion - 1);
		paid[gap * n + (size_t)(a->year - 1)] += a->amount;
		spent[a->source * n + (size_t)(a->year - 1)] += a->amount;
		money += a->amount;
	}

	for (size_t s = 0; s < ns; s++) {
		double budget_so_far = 0, spent_so_far = 0;
		for (size_t t = 0; t < n; t++) {
			budget_so_far += dataset_budget(ds, (int)t, s);
			spent_so_far += spent[s * n + t];
			if (ds->sources[s].carry_over)
				assert_true(spent_so_far <= budget_so_far + PAID_TOLERANCE);
			else
				assert_true(spent[s * n + t] <= dataset_budget(ds, (int)t, s) +
								 PAID_TOLERANCE);
		}
	}

	long criteria_total = 0;
	int completed_gaps = 0;
	for (size_t c = 0; c < nc; c++) {
		int met = 0, standard_from = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t gap = c * NTM_CRITERIA + (size_t)(k - 1);
			const struct gap *g = dataset_gap(ds, c, k);
			if (g->met) {
				met++;
				continue;
			}
			double cost = dataset_gap_cost(ds, c, k), total = 0;
			int completion = 0; /* none */
			for (size_t t = 0; t < n; t++) {
				total += paid[gap * n + t];
				if (!completion && g->fundable && cost > 0 &&
				    total >= cost - PAID_TOLERANCE)
					completion = (int)t + 1;
			}
			if (g->fundable && cost <= 0)
				completion = 1; /* model.md: needs no money */
			assert_true(total <= cost + PAID_TOLERANCE);
			if (p->completed[gap]) {
				completed_gaps++;
				assert_true(completion >= 1);
				assert_true(completion <= p->completion_year[gap]);
			} else {
				assert_true(total == 0);
			}
			int met_year = completion ? completion + ds->criteria[k - 1].lead_years
						  : ds->nyears + 1;
			if (met_year <= ds->nyears)
				met++;
			if (met_year > standard_from)
				standard_from = met_year;
		}
		int standard_year = standard_from <= ds->nyears ? standard_from : -1;
		assert_int_equal(p->standard_year[c], standard_year);
		assert_int_equal(p->criteria_after[c], met);
		criteria_total += met;
		for (int t = standard_from; standard_year >= 0 && t <= ds->nyears; t++)
			count[t]++;
	}

	int standard_years = 0;
	for (size_t t = 1; t <= n; t++)
		standard_years += count[t];
	assert_true(p->objective[OBJ_COMMUNES] == count[n]);
	assert_true(p->objective[OBJ_STANDARD_YEARS] == standard_years);
	assert_true(p->objective[OBJ_CRITERIA] == (double)criteria_total);
	/* plan_allocate() may leave a gap short by rounding noise, within the
	 * per-gap tolerance of model.md. */
	assert_true(fabs(p->objective[OBJ_MONEY] - money) <=
		    PAID_TOLERANCE * (completed_gaps + 1));
	for (size_t t = 0; t <= n; t++)
		assert_int_equal(p->standard_count[t], count[t]);
	free(paid);
	free(spent);
	free(count);
}

/* Whether the budget pays for the plan with commune c at standard from
 * `year` instead (funding_solve on demand built here). The plan is left as
 * it was. */
static int payable_with(struct plan *p, const struct funding_groups *groups, size_t c,
			int year)
{
	const struct dataset *ds = p->ds;
	const size_t n = (size_t)ds->nyears;
	int saved_year = p->standard_year[c];
	unsigned char saved_completed[NTM_CRITERIA];
	int saved_completion[NTM_CRITERIA];
	memcpy(saved_completed, &p->completed[c * NTM_CRITERIA], sizeof(saved_completed));
	memcpy(saved_completion, &p->completion_year[c * NTM_CRITERIA], sizeof(saved_completion));

	plan_set_standard(p, c, year);
	double *demand = calloc(groups->ngroups * n + 1, sizeof(*demand));
	assert_non_null(demand);
	for (size_t c2 = 0; c2 < ds->ncommunes; c2++)
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c2 * NTM_CRITERIA + (size_t)(k - 1);
			double cost = dataset_gap_cost(ds, c2, k);
			if (p->completed[i] && cost > 0)
				demand[groups->group_of[k - 1] * n +
				       (size_t)(p->completion_year[i] - 1)] += cost;
		}
	int rc = funding_solve(ds, groups, demand, NULL);
	assert_true(rc == 0 || rc == 1);
	free(demand);

	p->standard_year[c] = saved_year;
	memcpy(&p->completed[c * NTM_CRITERIA], saved_completed, sizeof(saved_completed));
	memcpy(&p->completion_year[c * NTM_CRITERIA], saved_completion, sizeof(saved_completion));
	return rc == 0;
}

/*
 * The two properties that make a plan the rule's, true of the final plan
 * because more demand never makes a schedule easier to pay: a candidate
 * left out does not fit even at the horizon, and a funded candidate does
 * not fit a year earlier than it got.
 */
static void assert_greedy(struct plan *p)
{
	const struct dataset *ds = p->ds;
	struct funding_groups groups;
	assert_int_equal(funding_groups_build(ds, &groups), 0);
	for (size_t c = 0; c < ds->ncommunes; c++) {
		if (!is_candidate(ds, c))
			continue;
		int year = p->standard_year[c];
		if (year < 0)
			assert_false(payable_with(p, &groups, c, ds->nyears));
		else if (year > earliest_year(ds, c))
			assert_false(payable_with(p, &groups, c, year - 1));
		else
			assert_int_equal(year, earliest_year(ds, c));
	}
	funding_groups_release(&groups);
}

/* rules_order() lists every candidate once, in the rule's order. */
static void assert_order_follows_rule(const struct dataset *ds, enum rule r)
{
	size_t *order = malloc((ds->ncommunes + 1) * sizeof(*order)), count = 0;
	assert_non_null(order);
	assert_int_equal(rules_order(ds, r, order, &count), 0);
	size_t candidates = 0;
	for (size_t c = 0; c < ds->ncommunes; c++)
		candidates += (size_t)is_candidate(ds, c);
	assert_int_equal(count, candidates);
	for (size_t i = 0; i < count; i++) {
		assert_true(is_candidate(ds, order[i]));
		if (i == 0)
			continue;
		size_t a = order[i - 1], b = order[i];
		int met_a = dataset_criteria_met(ds, a), met_b = dataset_criteria_met(ds, b);
		double cost_a = remaining_cost(ds, a), cost_b = remaining_cost(ds, b);
		/* Strictly before in the rule's key, or equal keys in file order
		 * (which also rules out repeats). */
		int before = r == RULE_MOST_MET ?
			met_a > met_b || (met_a == met_b && (cost_a < cost_b ||
							     (cost_a == cost_b && a < b))) :
			cost_a < cost_b || (cost_a == cost_b && (met_a > met_b ||
								 (met_a == met_b && a < b)));
		assert_true(before);
	}
	free(order);
}

/* The rule's order of candidates equals `ids`. */
static void assert_order(const struct dataset *ds, enum rule r, const char *const *ids,
			 size_t nids)
{
	size_t order[16], count = 0;
	assert_true(ds->ncommunes <= 16);
	assert_int_equal(rules_order(ds, r, order, &count), 0);
	assert_int_equal(count, nids);
	for (size_t i = 0; i < nids; i++)
		assert_string_equal(ds->communes[order[i]].id, ids[i]);
	assert_order_follows_rule(ds, r);
}

/* The commune's standard year, as a calendar year (or AT_BASELINE, NEVER). */
static void assert_standard(const struct plan *p, const char *id, int expected)
{
	const struct dataset *ds = p->ds;
	int year = p->standard_year[commune_index(ds, id)];
	if (year > 0)
		year += ds->first_year - 1;
	if (year != expected)
		fail_msg("%s: standard year %d, expected %d", id, year, expected);
}

static void assert_objectives(const struct plan *p, double shortfall, double communes,
			      double standard_years, double criteria, double money)
{
	assert_true(p->objective[OBJ_SHORTFALL] == shortfall);
	assert_true(p->objective[OBJ_COMMUNES] == communes);
	assert_true(p->objective[OBJ_STANDARD_YEARS] == standard_years);
	assert_true(p->objective[OBJ_CRITERIA] == criteria);
	assert_true(fabs(p->objective[OBJ_MONEY] - money) < 1e-6);
}

/* Makes the rule's plan, checks it as every rule plan must be, and leaves
 * it in `p` for the caller's own checks. */
static void make_rule_plan(const struct dataset *ds, enum rule r, struct plan *p)
{
	plan_init(p);
	assert_int_equal(rules_plan(ds, r, p), 0);
	assert_admissible(p);
	assert_greedy(p);
	assert_order_follows_rule(ds, r);
	for (int o = 0; o < OBJ_COUNT; o++)
		assert_int_equal(p->stages[o].status, STAGE_NOT_RUN);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(rule_name(RULE_MOST_MET), "most criteria met first");
	assert_string_equal(rule_name(RULE_LEAST_COST), "least remaining cost first");
	assert_string_equal(rule_name(RULE_COUNT), "?");
	lang_set(LANG_VI);
	for (int r = 0; r < RULE_COUNT; r++) {
		assert_true(strlen(rule_name((enum rule)r)) > 0);
		assert_string_not_equal(rule_name((enum rule)r), "?");
	}
	assert_string_not_equal(rule_name(RULE_MOST_MET), rule_name(RULE_LEAST_COST));
	lang_set(LANG_EN);
}

/* Not a rule: an error, and the plan is left empty (released). */
static void test_not_a_rule(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	size_t order[4], count = 99;
	load_ok(&ds, INSTANCES "/tight-greedy");
	assert_int_equal(rules_order(&ds, RULE_COUNT, order, &count), -1);
	assert_int_equal(count, 0);
	plan_init(&p);
	assert_int_equal(rules_plan(&ds, RULE_MOST_MET, &p), 0);
	assert_int_equal(rules_plan(&ds, RULE_COUNT, &p), -1);
	assert_null(p.standard_year);
	assert_int_equal(p.nallocations, 0);
	plan_release(&p);
	dataset_release(&ds);
}

/*
 * tight-greedy (README): roads (criterion 2 only, 600 in 2021, none in
 * 2022, no carry-over), central (all, 400 + 350, carry-over). Open gaps:
 * A01 criterion 5 (350; 18 met), B01 criteria 2 (500) and 5 (100; 17 met),
 * C01 criteria 2 (100) and 5 (300; 17 met); D01 at standard. Lead 0.
 *
 * Orders: least cost A01 350, C01 400, B01 600; most met A01 (18), then
 * B01 and C01 (17) by cost: C01, B01. The same order, so the same plan:
 *   A01 2021: 350 of central's 2021 400.
 *   C01 2021? its criterion 5 only central may pay: 350 + 300 > 400. 2022:
 *     central 750 by 2022 covers 650; its criterion 2 (100) from roads.
 *   B01 2021? criterion 5: 350 + 100 > 400. 2022: central's 750 pays
 *     exactly 350 + 300 + 100, roads' 600 of 2021 pays both criterion-2
 *     gaps (500 + 100; money may go to a gap before its completion year).
 * Standard-years 2 (D01) + 2 (A01) + 1 + 1 = 6, one fewer than the
 * optimum's 7 (B01 and C01 in 2021, A01 in 2022): funding the cheapest
 * commune first is what costs the year. The whole budget, 1350, is spent.
 */
static void test_tight_greedy(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, INSTANCES "/tight-greedy");
	static const char *const order[] = {"A01", "C01", "B01"};
	for (int r = 0; r < RULE_COUNT; r++) {
		struct plan p;
		assert_order(&ds, (enum rule)r, order, 3);
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "A01", 2021);
		assert_standard(&p, "C01", 2022);
		assert_standard(&p, "B01", 2022);
		assert_standard(&p, "D01", AT_BASELINE);
		assert_objectives(&p, 0, 4, 6, 76, 1350);
		assert_true(p.objective[OBJ_STANDARD_YEARS] < 7);
		double spent = 0;
		for (size_t i = 0; i < p.nallocations; i++)
			spent += p.allocations[i].amount;
		assert_true(fabs(spent - 1350) < PAID_TOLERANCE);
		plan_release(&p);
	}
	dataset_release(&ds);
}

/*
 * wide-2y, where the two rules differ. Central (all, 600 + 500, carry-
 * over), income (criteria 10-14, 200 + 200, no carry-over); criteria 10-14
 * and 16-18 have lead 1, so their gaps must complete in 2021 to count.
 * Candidates (E01 is excluded, H01 at standard):
 *   A01 17 met, 442.5: criterion 2 (0.2 x 1100 x 1.5 = 330), 10 (112.5)
 *   B01 17 met, 340: criteria 11 (90) and 13 (250), both lead 1
 *   C01 17 met, 340: criteria 4 (100) and 15 (240), lead 0
 *   D01 17 met, 300: criteria 8 (100) and 12 (200, lead 1)
 *   F01 16 met, 400: criteria 14 (200, lead 1), 18 (100, lead 1), 19 (100)
 *   G01 18 met, 450: criterion 3 (1.5 x 300)
 * Most met: G01; D01, B01, C01 (B01 before C01: same cost, file order),
 * A01; F01. Least cost: D01, B01, C01, F01, A01, G01.
 *
 * Most met: G01 2021 (450 of central's 600). D01 2022 (earliest: lead 1;
 * 200 of income 2021, 100 central). B01 needs 340 more by 2021 for
 * criteria 10-14: income 2021 has 0 left, central 150: skipped. C01 2021?
 * central 2021 would need 450 + 340: 2022 (central 890 of 1100). A01 needs
 * 112.5 more of central in 2021 and then 330 in 2022: 450 + 100 + 340 +
 * 330 + 112.5 > 1100: skipped. F01: central 2021 would need 450 + 200
 * (criterion 14) + 100 (criterion 18) > 600: skipped.
 * -> G01 2021, D01 and C01 2022: 4 communes with H01, standard-years
 * 2 + 2 + 1 + 1 = 6, money 1090.
 *
 * Least cost: D01 2022; B01 2022 (income 2021 is D01's, so B01's 340 from
 * central 2021); C01 2021? 340 + 340 > 600: 2022. F01: central 2021 would
 * need 340 + 200 + 100 > 600. A01: central 2021 452.5, then 100 + 340 + 330
 * for the rest > 1100 - 452.5. G01: 2021 needs 340 + 450 > 600, 2022
 * needs 340 + 100 + 340 + 450 > 1100: skipped.
 * -> D01, B01, C01 2022: 4 communes, standard-years 2 + 3 = 5, money 980.
 *
 * Both ignore the targets: least cost leaves require_commune G01 unmet
 * (shortfall 1, and min_criteria 18 short by 1 for A01 and 2 for F01);
 * most met meets it but leaves A01, B01 17 and F01 16. Shortfall 4 both,
 * where the optimum has 0 (with 3 communes).
 */
static void test_wide_2y_rules_differ(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;
	load_ok(&ds, INSTANCES "/wide-2y");
	static const char *const most_met[] = {"G01", "D01", "B01", "C01", "A01", "F01"};
	static const char *const least_cost[] = {"D01", "B01", "C01", "F01", "A01", "G01"};
	assert_order(&ds, RULE_MOST_MET, most_met, 6);
	assert_order(&ds, RULE_LEAST_COST, least_cost, 6);

	make_rule_plan(&ds, RULE_MOST_MET, &p);
	assert_standard(&p, "G01", 2021);
	assert_standard(&p, "D01", 2022);
	assert_standard(&p, "B01", NEVER);
	assert_standard(&p, "C01", 2022);
	assert_standard(&p, "A01", NEVER);
	assert_standard(&p, "F01", NEVER);
	assert_standard(&p, "E01", NEVER);
	assert_standard(&p, "H01", AT_BASELINE);
	assert_objectives(&p, 6, 4, 6, 144, 1090); /* 2 of it communes_standard (6 wanted) */
	assert_true(p.targets[1].shortfall == 0); /* require_commune G01 */
	plan_release(&p);

	make_rule_plan(&ds, RULE_LEAST_COST, &p);
	assert_standard(&p, "D01", 2022);
	assert_standard(&p, "B01", 2022);
	assert_standard(&p, "C01", 2022);
	assert_standard(&p, "F01", NEVER);
	assert_standard(&p, "A01", NEVER);
	assert_standard(&p, "G01", NEVER);
	assert_objectives(&p, 6, 4, 5, 145, 980);
	assert_true(p.targets[1].shortfall == 1);
	plan_release(&p);
	dataset_release(&ds);
}

/*
 * A commune that cannot be paid is skipped and the next ones are still
 * funded.
 *
 * narrow-eligibility: roads-housing (criteria 2, 9; 400 a year, no carry-
 * over), central (all, 200 a year, carry-over). Both orders: D01 (18 met,
 * 100), B01 (17, 350), C01 (17, 550), A01 (16, 650).
 *   D01: criterion 17 has lead 1, so 2022 at the earliest: 100 of central
 *     in 2021.
 *   B01 2021: criterion 15 (100) takes the rest of central's 2021,
 *     criterion 2 (250) roads money.
 *   C01: criterion 3 (250) only central may pay: 100 + 100 + 250 > 400,
 *     even in 2022: skipped.
 *   A01 2021? its criterion 5 (150, central only) does not fit 2021's 200;
 *     2022: central 350 of 400, roads 250 + 500 of 800. Funded.
 * Standard-years 2 + 1 + 1 = 4, 1100: what the optimum reaches (README).
 *
 * infeasible-targets: one source, 800 a year, no carry-over. Most met puts
 * E01 first (18 met), whose one gap costs 1000 x 2 (cost factor) = 2000,
 * more than the whole budget: skipped. Then A01 (17 met, 800; criterion 12
 * lead 1): 2022, and B01 (17, 1000): 800 + 1000 > 1600, skipped. Least
 * cost (A01, B01, E01) ends the same.
 *
 * carry-off: central 400 a year, no carry-over; B01 150, C01 300
 * (criterion 16, lead 1), A01 600, each 18 met. B01 2021; C01 only counts
 * complete in 2021, 150 + 300 > 400: skipped; A01 2022, from the 250 left
 * in 2021 and 350 of 2022.
 */
static void test_skipped_then_later_funded(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;

	load_ok(&ds, INSTANCES "/narrow-eligibility");
	static const char *const narrow[] = {"D01", "B01", "C01", "A01"};
	for (int r = 0; r < RULE_COUNT; r++) {
		assert_order(&ds, (enum rule)r, narrow, 4);
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "D01", 2022);
		assert_standard(&p, "B01", 2021);
		assert_standard(&p, "C01", NEVER);
		assert_standard(&p, "A01", 2022);
		assert_objectives(&p, 0, 3, 4, 74, 1100);
		plan_release(&p);
	}
	dataset_release(&ds);

	load_ok(&ds, INSTANCES "/infeasible-targets");
	static const char *const infeasible_most_met[] = {"E01", "A01", "B01"};
	static const char *const infeasible_least_cost[] = {"A01", "B01", "E01"};
	assert_order(&ds, RULE_MOST_MET, infeasible_most_met, 3);
	assert_order(&ds, RULE_LEAST_COST, infeasible_least_cost, 3);
	for (int r = 0; r < RULE_COUNT; r++) {
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "E01", NEVER);
		assert_standard(&p, "A01", 2022);
		assert_standard(&p, "B01", NEVER);
		assert_true(p.objective[OBJ_COMMUNES] == 1);
		assert_true(p.objective[OBJ_STANDARD_YEARS] == 1);
		assert_true(p.objective[OBJ_MONEY] == 800);
		plan_release(&p);
	}
	dataset_release(&ds);

	load_ok(&ds, INSTANCES "/carry-off");
	static const char *const carry[] = {"B01", "C01", "A01"};
	for (int r = 0; r < RULE_COUNT; r++) {
		assert_order(&ds, (enum rule)r, carry, 3);
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "B01", 2021);
		assert_standard(&p, "C01", NEVER);
		assert_standard(&p, "A01", 2022);
		assert_objectives(&p, 0, 3, 5, 75, 750);
		plan_release(&p);
	}
	dataset_release(&ds);
}

/*
 * lead-times: central 300 a year with carry-over, 3 years; criterion 10
 * has lead 2, 16 lead 1. Both orders: A01, B01, C01 (18 met, 300 each, file
 * order), D01 (17, 400).
 *   A01 (criterion 10): 2023 at the earliest, paid in 2021 (all of it).
 *   B01 (criterion 16): 2022 needs it paid by 2021, 600 > 300; 2023.
 *   C01 (criterion 2, lead 0): 2021 600 > 300; 2022 900 > 600; 2023.
 *   D01: its criterion 16 must be paid by 2022, when 600 is spent: skipped.
 * E01 is at standard: 4 communes, standard-years 3 + 1 + 1 + 1 = 6, as the
 * optimum.
 */
static void test_lead_times(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, INSTANCES "/lead-times");
	static const char *const order[] = {"A01", "B01", "C01", "D01"};
	for (int r = 0; r < RULE_COUNT; r++) {
		struct plan p;
		assert_order(&ds, (enum rule)r, order, 4);
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "A01", 2023);
		assert_standard(&p, "B01", 2023);
		assert_standard(&p, "C01", 2023);
		assert_standard(&p, "D01", NEVER);
		assert_standard(&p, "E01", AT_BASELINE);
		assert_objectives(&p, 1, 4, 6, 93, 900); /* communes_standard: 5 wanted */
		/* A01's gap counts only if paid in full in 2021. */
		size_t a01 = commune_index(&ds, "A01");
		double a01_2021 = 0;
		for (size_t i = 0; i < p.nallocations; i++)
			if (p.allocations[i].commune == a01 && p.allocations[i].year == 1)
				a01_2021 += p.allocations[i].amount;
		assert_true(fabs(a01_2021 - 300) < PAID_TOLERANCE);
		plan_release(&p);
	}
	dataset_release(&ds);
}

/*
 * Gaps that cost nothing. zero-cost: central (criteria 1-18, 150 a year,
 * no carry-over). A01's only gap costs 0: first in both orders (18 met,
 * cost 0), at standard in 2021 with no money. D01 (17 met, 100): criterion
 * 18 (100, lead 1) in 2021, criterion 19 costs 0 though no source may fund
 * it: 2022. B01 (17, 200): criterion 16 costs 0 but has lead 1, so 2022;
 * criterion 3 from 50 left in 2021 and 150 of 2022. C01's zero-cost gap is
 * not fundable: not a candidate. As the optimum: 0 3 4 75 300.
 *
 * exclude-district: E01 is excluded and its criterion 5 costs 250, so it
 * is no candidate; its criterion 8 costs nothing and completes anyway
 * (model.md), so E01 meets 18 criteria without receiving money.
 */
static void test_zero_cost(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan p;

	load_ok(&ds, INSTANCES "/zero-cost");
	static const char *const order[] = {"A01", "D01", "B01"};
	for (int r = 0; r < RULE_COUNT; r++) {
		assert_order(&ds, (enum rule)r, order, 3);
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_standard(&p, "A01", 2021);
		assert_standard(&p, "D01", 2022);
		assert_standard(&p, "B01", 2022);
		assert_standard(&p, "C01", NEVER);
		assert_objectives(&p, 1, 3, 4, 75, 300); /* communes_standard: 4 wanted */
		size_t a01 = commune_index(&ds, "A01");
		for (size_t i = 0; i < p.nallocations; i++)
			assert_true(p.allocations[i].commune != a01);
		plan_release(&p);
	}
	dataset_release(&ds);

	/* Both orders: C01 100, D01 150, A01 400 (18 met), B01 500 (17 met).
	 * C01, D01 2021 (250 of 500); A01 2021? 650 > 500: 2022; B01 needs 200
	 * (criterion 12, lead 1) by 2021 and 300 more: 1150 > 900, skipped. */
	load_ok(&ds, INSTANCES "/exclude-district");
	for (int r = 0; r < RULE_COUNT; r++) {
		make_rule_plan(&ds, (enum rule)r, &p);
		size_t e01 = commune_index(&ds, "E01");
		assert_standard(&p, "C01", 2021);
		assert_standard(&p, "D01", 2021);
		assert_standard(&p, "A01", 2022);
		assert_standard(&p, "B01", NEVER);
		assert_standard(&p, "E01", NEVER);
		assert_int_equal(p.criteria_after[e01], 18);
		assert_true(p.targets[1].shortfall == 0); /* exclude_commune E01 */
		assert_objectives(&p, 2, 3, 5, 92, 650); /* district 1, communes_standard 1 */
		plan_release(&p);
	}
	dataset_release(&ds);
}

/* Every small dataset: admissible, consistent, the rule's own plan. */
static void test_all_instances(void **state)
{
	(void)state;
	static const char *const dirs[] = {
		INSTANCES "/avg-criteria", INSTANCES "/carry-off", INSTANCES "/carry-on",
		INSTANCES "/exclude-district", INSTANCES "/infeasible-targets",
		INSTANCES "/lead-times", INSTANCES "/mixed-3y",
		INSTANCES "/narrow-eligibility", INSTANCES "/nonfundable-leftover",
		INSTANCES "/tight-greedy", INSTANCES "/wide-2y", INSTANCES "/zero-cost", TINY,
	};
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		struct dataset ds;
		load_ok(&ds, dirs[d]);
		for (int r = 0; r < RULE_COUNT; r++) {
			struct plan p;
			make_rule_plan(&ds, (enum rule)r, &p);
			plan_release(&p);
		}
		dataset_release(&ds);
	}
}

/*
 * tiny: A01 at standard; B01 not a candidate (criterion 11 not fundable);
 * A02 (criteria 16-19, 180 + 960 + 120 + 120 = 1380, leads 1) at standard
 * in 2017 (the horizon) by both rules. The plan is reset when reused on
 * another dataset (valgrind checks nothing leaks).
 */
static void test_tiny_and_reuse(void **state)
{
	(void)state;
	struct dataset tiny, tight;
	struct plan p;
	load_ok(&tiny, TINY);
	load_ok(&tight, INSTANCES "/tight-greedy");
	make_rule_plan(&tiny, RULE_LEAST_COST, &p);
	assert_standard(&p, "A01", AT_BASELINE);
	assert_standard(&p, "A02", 2017);
	assert_standard(&p, "B01", NEVER);
	assert_objectives(&p, 0, 2, 3, 43, 1380);
	assert_int_equal(rules_plan(&tight, RULE_MOST_MET, &p), 0);
	assert_ptr_equal(p.ds, &tight);
	assert_admissible(&p);
	assert_standard(&p, "A01", 2021);
	plan_release(&p);
	dataset_release(&tiny);
	dataset_release(&tight);
}

/*
 * data/dienbien (116 communes, 5 years, 4 sources): too large to work by
 * hand. Each rule's plan must be admissible, its counts must follow from
 * its money, it must be the rule's (assert_greedy), and it must fund
 * someone; it cannot reach every candidate, since the money does not.
 */
static void test_dienbien(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, DIENBIEN);
	size_t candidates = 0, at_baseline = 0;
	for (size_t c = 0; c < ds.ncommunes; c++) {
		candidates += (size_t)is_candidate(&ds, c);
		at_baseline += dataset_criteria_met(&ds, c) == NTM_CRITERIA;
	}
	double budget = 0;
	for (int t = 0; t < ds.nyears; t++)
		for (size_t s = 0; s < ds.nsources; s++)
			budget += dataset_budget(&ds, t, s);
	for (int r = 0; r < RULE_COUNT; r++) {
		struct plan p;
		make_rule_plan(&ds, (enum rule)r, &p);
		assert_true(p.objective[OBJ_COMMUNES] > (double)at_baseline);
		assert_true(p.objective[OBJ_COMMUNES] < (double)(at_baseline + candidates));
		assert_true(p.objective[OBJ_MONEY] <= budget);
		plan_release(&p);
	}
	dataset_release(&ds);
}

/* funding_check (one LP kept, its demand moved, warm dual simplex) gives
 * funding_solve's verdict (a new LP each time) on many demands, payable
 * and not, in any order: each group's money of each year from 0 to 1.5
 * times what the sources that may pay it have that year, drawn by a fixed
 * generator; with both answers seen. */
static void test_funding_check_agrees(void **state)
{
	(void)state;
	struct dataset ds;
	dataset_init(&ds);
	load_ok(&ds, DIENBIEN);
	struct funding_groups groups;
	assert_int_equal(funding_groups_build(&ds, &groups), 0);
	struct funding_check fc;
	assert_int_equal(funding_check_init(&fc, &ds, &groups), 0);
	const int n = ds.nyears;
	double *demand = calloc(groups.ngroups * (size_t)n + 1, sizeof(*demand));
	assert_non_null(demand);
	unsigned long seed = 12345;
	int seen[2] = {0, 0};
	for (int trial = 0; trial < 300; trial++) {
		double scale = (double)(trial % 7) / 4; /* 0 to 1.5 */
		for (size_t grp = 0; grp < groups.ngroups; grp++)
			for (int t = 1; t <= n; t++) {
				double money = 0;
				for (size_t s = 0; s < ds.nsources; s++)
					if (groups.sources[grp] & (1UL << s))
						money += dataset_budget(&ds, t - 1, s);
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				double share = (double)(seed >> 33) / (double)(1UL << 31);
				demand[grp * (size_t)n + (size_t)(t - 1)] =
					money * scale * share;
			}
		int fresh = funding_solve(&ds, &groups, demand, NULL);
		int kept = funding_check(&fc, &ds, &groups, demand);
		assert_true(fresh == 0 || fresh == 1);
		assert_int_equal(kept, fresh);
		seen[fresh]++;
	}
	assert_true(seen[0] > 0 && seen[1] > 0);
	free(demand);
	funding_check_release(&fc);
	funding_groups_release(&groups);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_funding_check_agrees),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_not_a_rule),
		cmocka_unit_test(test_tight_greedy),
		cmocka_unit_test(test_wide_2y_rules_differ),
		cmocka_unit_test(test_skipped_then_later_funded),
		cmocka_unit_test(test_lead_times),
		cmocka_unit_test(test_zero_cost),
		cmocka_unit_test(test_all_instances),
		cmocka_unit_test(test_tiny_and_reuse),
		cmocka_unit_test(test_dienbien),
	};
	return cmocka_run_group_tests(tests, setup_en, teardown_glpk);
}
