/*
 * Tests of greedy.c (cheapest-first filling of an incumbent). From the plan
 * that funds nothing, on every test instance and on data/dienbien:
 * - the filled plan is admissible: its money is found again by plan.c's
 *   own allocation (funding_solve), independently of the model's rows;
 * - it is what the rule says: the count it returns is what it added, and
 *   nothing it left out still fits (adding any one more candidate is not
 *   payable);
 * - it adds something somewhere (the checks are not vacuous);
 * - for criteria, no commune changes its standard year.
 * And of greedy_targets (stage 0): when it changes the plan, the new plan
 * meets every target by plan.c's own evaluation and is paid by plan.c's
 * own allocation; when it does not, the plan is left exactly as it was.
 * And of greedy_round: from a relaxation's solution, a plan that plan.c's
 * allocation pays, which keeps every commune and gap the relaxation sets
 * to 1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "dataset.h"
#include "diag.h"
#include "funding.h"
#include "greedy.h"
#include "loader.h"
#include "model.h"
#include "plan.h"
#include "support/loadok.h"

static const char *const datasets[] = {
	NTM_TEST_DIR "/instances/mixed-3y",   NTM_TEST_DIR "/instances/tight-greedy",
	NTM_TEST_DIR "/instances/lead-times", NTM_TEST_DIR "/instances/narrow-eligibility",
	NTM_TEST_DIR "/instances/carry-off",  NTM_TEST_DIR "/instances/wide-2y",
	NTM_SOURCE_DIR "/data/dienbien",
};

/* `dir` loaded and its model built; close_model() releases both. */
static void open_model(const char *dir, struct dataset *ds, struct model *m)
{
	load_ok(ds, dir);
	assert_int_equal(model_build(m, ds), 0);
}

static void close_model(struct dataset *ds, struct model *m)
{
	glp_delete_prob(m->lp);
	model_release(m);
	dataset_release(ds);
}

/* A solution of m (columns 1..ncols, freed by the caller): the plan that
 * funds nothing. */
static double *funding_nothing(struct model *m)
{
	double *x = calloc((size_t)m->ncols + 1, sizeof(*x));
	assert_non_null(x);
	model_fund_nothing(m, x);
	return x;
}

/* Whether plan p can be paid (funding_solve). */
static int payable(const struct model *m, const struct plan *p)
{
	double *demand = calloc(m->groups.ngroups * (size_t)m->n + 1, sizeof(*demand));
	assert_non_null(demand);
	plan_demand(p, &m->groups, demand);
	int rc = funding_solve(m->ds, &m->groups, demand, NULL);
	free(demand);
	assert_true(rc >= 0);
	return rc == 0;
}

static int check_fill(const char *dir, enum objective stage)
{
	struct dataset ds;
	struct model m;
	struct plan before, after, more;
	open_model(dir, &ds, &m);
	double *x = funding_nothing(&m);
	plan_init(&before);
	plan_init(&after);
	plan_init(&more);
	assert_int_equal(plan_reset(&before, &ds), 0);
	assert_int_equal(plan_reset(&after, &ds), 0);
	assert_int_equal(plan_reset(&more, &ds), 0);
	model_decisions(&m, x, &before);

	int added = greedy_fill(&m, stage, x);
	assert_true(added >= 0);
	model_decisions(&m, x, &after);
	/* Admissible by plan.c's own allocation. */
	assert_int_equal(plan_allocate(&after), 0);

	int count = 0;
	double largest_added = 0;
	for (size_t c = 0; c < ds.ncommunes; c++) {
		if (stage == OBJ_CRITERIA)
			assert_int_equal(after.standard_year[c], before.standard_year[c]);
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (stage == OBJ_CRITERIA && after.completed[i] && !before.completed[i] &&
			    dataset_gap_cost(&ds, c, k) > 0) {
				count++;
				if (dataset_gap_cost(&ds, c, k) > largest_added)
					largest_added = dataset_gap_cost(&ds, c, k);
			}
		}
		if (stage == OBJ_COMMUNES && after.standard_year[c] > 0 && before.standard_year[c] < 0)
			count++;
	}
	assert_int_equal(count, added);
	/* Nothing left out still fits. */
	for (size_t c = 0; c < ds.ncommunes; c++) {
		if (after.standard_year[c] >= 0)
			continue;
		if (stage == OBJ_COMMUNES) {
			if (!m.u_col[c * (size_t)m.n + (size_t)(m.n - 1)])
				continue;
			model_decisions(&m, x, &more);
			plan_set_standard(&more, c, m.n);
			assert_false(payable(&m, &more));
			continue;
		}
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (!m.v_col[i] || after.completed[i] || dataset_gap_cost(&ds, c, k) <= 0)
				continue;
			model_decisions(&m, x, &more);
			plan_set_completed(&more, c, k);
			assert_false(payable(&m, &more));
		}
	}
	plan_release(&before);
	plan_release(&after);
	plan_release(&more);
	free(x);
	close_model(&ds, &m);
	return added;
}

static void fills_communes(void **state)
{
	(void)state;
	int added = 0;
	for (size_t i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++)
		added += check_fill(datasets[i], OBJ_COMMUNES);
	assert_true(added > 10);
}

static void fills_criteria(void **state)
{
	(void)state;
	int added = 0;
	for (size_t i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++)
		added += check_fill(datasets[i], OBJ_CRITERIA);
	assert_true(added > 10);
}

/* greedy_targets from the plan that funds nothing on `dir`; returns what
 * it returned, after the checks above. */
static int check_targets(const char *dir)
{
	struct dataset ds;
	struct model m;
	struct plan after;
	open_model(dir, &ds, &m);
	double *x = funding_nothing(&m);
	double *before = calloc((size_t)m.ncols + 1, sizeof(*before));
	assert_non_null(before);
	memcpy(before, x, ((size_t)m.ncols + 1) * sizeof(*x));
	plan_init(&after);
	assert_int_equal(plan_reset(&after, &ds), 0);

	int added = greedy_targets(&m, x);
	assert_true(added >= 0);
	if (added == 0) {
		assert_memory_equal(x, before, ((size_t)m.ncols + 1) * sizeof(*x));
	} else {
		model_decisions(&m, x, &after);
		assert_int_equal(plan_evaluate(&after), 0);
		for (size_t t = 0; t < ds.ntargets; t++)
			if (ds.targets[t].kind != TARGET_COMMUNES_STANDARD &&
			    after.targets[t].shortfall > 0)
				fail_msg("%s: target %zu short by %g", dir, t, after.targets[t].shortfall);
		assert_true(after.objective[OBJ_SHORTFALL] == 0);
		assert_int_equal(plan_allocate(&after), 0);
	}
	plan_release(&after);
	free(before);
	free(x);
	close_model(&ds, &m);
	return added;
}

static void meets_targets(void **state)
{
	(void)state;
	static const char *const more[] = {
		NTM_TEST_DIR "/instances/avg-criteria",     NTM_TEST_DIR "/instances/carry-on",
		NTM_TEST_DIR "/instances/exclude-district", NTM_TEST_DIR "/instances/nonfundable-leftover",
		NTM_TEST_DIR "/instances/zero-cost",        NTM_TEST_DIR "/data/tiny",
	};
	int met = 0;
	for (size_t i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++)
		met += check_targets(datasets[i]) > 0;
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		met += check_targets(more[i]) > 0;
	assert_true(met >= 3);
	assert_true(check_targets(NTM_SOURCE_DIR "/data/dienbien") > 0);
	/* Targets that no plan meets: nothing changes. */
	assert_int_equal(check_targets(NTM_TEST_DIR "/instances/infeasible-targets"), 0);
}

/* greedy_round on stage 1's relaxation of `dir`; returns what it returned. */
static int check_round(const char *dir)
{
	struct dataset ds;
	struct model m;
	struct plan after;
	open_model(dir, &ds, &m);
	model_set_objective(&m, OBJ_COMMUNES);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_scale_prob(m.lp, GLP_SF_AUTO); /* as the solver does: GLPK fails on data/dienbien without */
	assert_int_equal(glp_simplex(m.lp, &parm), 0);
	assert_int_equal(glp_get_status(m.lp), GLP_OPT);
	double *lp = calloc((size_t)m.ncols + 1, sizeof(*lp));
	assert_non_null(lp);
	for (int j = 1; j <= m.ncols; j++)
		lp[j] = glp_get_col_prim(m.lp, j);
	double *x = funding_nothing(&m);
	plan_init(&after);
	assert_int_equal(plan_reset(&after, &ds), 0);

	int ret = greedy_round(&m, lp, x);
	assert_true(ret >= 0);
	if (ret > 0) {
		model_decisions(&m, x, &after);
		assert_int_equal(plan_allocate(&after), 0);
		for (size_t c = 0; c < ds.ncommunes; c++)
			for (int t = 1; t <= m.n; t++) {
				int u = m.u_col[c * (size_t)m.n + (size_t)(t - 1)];
				if (u && lp[u] > 1 - 1e-6)
					assert_true(after.standard_year[c] >= 0);
			}
		for (size_t i = 0; i < ds.ncommunes * NTM_CRITERIA; i++)
			if (m.v_col[i] && lp[m.v_col[i]] > 1 - 1e-6)
				assert_true(after.completed[i]);
	}
	plan_release(&after);
	free(lp);
	free(x);
	close_model(&ds, &m);
	return ret;
}

static void rounds_relaxation(void **state)
{
	(void)state;
	int rounded = 0;
	for (size_t i = 0; i < sizeof(datasets) / sizeof(datasets[0]); i++)
		rounded += check_round(datasets[i]) > 0;
	assert_true(rounded >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fills_communes),
		cmocka_unit_test(fills_criteria),
		cmocka_unit_test(meets_targets),
		cmocka_unit_test(rounds_relaxation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
