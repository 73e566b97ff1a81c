/*
 * Tests of model.c's cut cleaning (model_clean_cut): the cleaned row must be
 * implied by the cut on the columns' bounds (so it stays valid for every
 * plan the cut was valid for), drop exactly the noise, and refuse what it
 * cannot clean safely; and the row that holds a stage's optimum
 * (model_fix_objective): exactly the objective, at exactly the whole value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include <glpk.h>

#include "dataset.h"
#include "diag.h"
#include "loader.h"
#include "model.h"

/* A problem with n binary columns (bounds [0,1]). */
static glp_prob *binaries(int n)
{
	glp_prob *lp = glp_create_prob();
	glp_add_cols(lp, n);
	for (int j = 1; j <= n; j++) {
		glp_set_col_kind(lp, j, GLP_BV);
		glp_set_col_bnds(lp, j, GLP_DB, 0, 1);
	}
	return lp;
}

static void drops_tiny_positive_term_of_upper_row(void **state)
{
	(void)state;
	glp_prob *lp = binaries(3);
	int ind[] = {0, 1, 2, 3};
	double val[] = {0, 1e-18, 0.3, 1.0};
	double lb = 0, ub = 1;
	int len = model_clean_cut(lp, 3, ind, val, GLP_UP, &lb, &ub);
	assert_int_equal(len, 2);
	assert_int_equal(ind[1], 2);
	assert_int_equal(ind[2], 3);
	assert_true(val[1] == 0.3 && val[2] == 1.0);
	/* The dropped term is at least 0 (x1 >= 0): the bound stays. */
	assert_true(ub == 1);
	glp_delete_prob(lp);
}

static void moves_bound_for_tiny_negative_term(void **state)
{
	(void)state;
	glp_prob *lp = binaries(2);
	int ind[] = {0, 1, 2};
	double val[] = {0, -1e-12, 1.0};
	double lb = 0, ub = 1;
	int len = model_clean_cut(lp, 2, ind, val, GLP_UP, &lb, &ub);
	assert_int_equal(len, 1);
	/* -1e-12·x1 can be as low as -1e-12: the rest may reach 1 + 1e-12. */
	assert_true(ub == 1 + 1e-12);

	int ind2[] = {0, 1, 2};
	double val2[] = {0, 1e-15, 1.0};
	lb = 0.5;
	ub = 0;
	len = model_clean_cut(lp, 2, ind2, val2, GLP_LO, &lb, &ub);
	assert_int_equal(len, 1);
	/* 1e-15·x1 is at most 1e-15: the rest must reach 0.5 - 1e-15. */
	assert_true(lb == 0.5 - 1e-15);
	glp_delete_prob(lp);
}

static void refuses_what_it_cannot_clean(void **state)
{
	(void)state;
	glp_prob *lp = binaries(2);
	/* Column 1 unbounded above: a tiny positive term of a >= row could be
	 * anything, so the cut is dropped rather than guessed at. */
	glp_set_col_kind(lp, 1, GLP_CV);
	glp_set_col_bnds(lp, 1, GLP_LO, 0, 0);
	int ind[] = {0, 1, 2};
	double val[] = {0, 1e-14, 1.0};
	double lb = 1, ub = 0;
	assert_int_equal(model_clean_cut(lp, 2, ind, val, GLP_LO, &lb, &ub), -1);
	/* In a <= row the same term is at least 0: cleaned. */
	double val2[] = {0, 1e-14, 1.0};
	int ind2[] = {0, 1, 2};
	lb = 0;
	ub = 1;
	assert_int_equal(model_clean_cut(lp, 2, ind2, val2, GLP_UP, &lb, &ub), 1);
	/* Coefficients still 2e8 apart after cleaning: dropped. */
	int ind3[] = {0, 1, 2};
	double val3[] = {0, 5e-9, 1.0};
	lb = 0;
	ub = 1;
	assert_int_equal(model_clean_cut(lp, 2, ind3, val3, GLP_UP, &lb, &ub), -1);
	/* An empty row or one of zeros: nothing to keep. */
	int ind4[] = {0, 1};
	double val4[] = {0, 0};
	assert_int_equal(model_clean_cut(lp, 1, ind4, val4, GLP_UP, &lb, &ub), -1);
	glp_delete_prob(lp);
}

/* Whether sum a·x lies within the row's bounds, give or take `slack` (for
 * the rounding of sums taken in another order), at the 0/1 point `bits`. */
static int holds(int len, const int *ind, const double *val, int type, double lb, double ub,
		 double slack, unsigned bits)
{
	double sum = 0;
	for (int k = 1; k <= len; k++)
		sum += val[k] * (double)((bits >> (ind[k] - 1)) & 1u);
	if ((type == GLP_UP || type == GLP_DB) && sum > ub + slack)
		return 0;
	if ((type == GLP_LO || type == GLP_DB) && sum < lb - slack)
		return 0;
	return 1;
}

/* On random cuts over 8 binaries with noise terms, every 0/1 point that
 * satisfies the cut satisfies the cleaned row: cleaning never cuts off a
 * plan. */
static void cleaned_row_is_implied_by_the_cut(void **state)
{
	(void)state;
	enum { N = 8 };
	glp_prob *lp = binaries(N);
	unsigned seed = 12345;
	int cleaned = 0;
	for (int trial = 0; trial < 300; trial++) {
		int ind[N + 1], ind2[N + 1];
		double val[N + 1], val2[N + 1];
		for (int k = 1; k <= N; k++) {
			seed = seed * 1103515245u + 12345u;
			double a = (double)((seed >> 8) % 1000) / 500.0 - 1.0;
			if ((seed >> 20) % 3 == 0)
				a *= 1e-10; /* noise: below 1e-9 of the largest */
			ind[k] = ind2[k] = k;
			val[k] = val2[k] = a;
		}
		int type = trial % 3 == 0 ? GLP_UP : trial % 3 == 1 ? GLP_LO : GLP_DB;
		/* Bounds met exactly at some point, so that a noise term moved
		 * the wrong way cuts that point off. */
		seed = seed * 1103515245u + 12345u;
		unsigned at = (seed >> 8) & ((1u << N) - 1);
		double at_sum = 0;
		for (int k = 1; k <= N; k++)
			at_sum += val[k] * (double)((at >> (k - 1)) & 1u);
		double lb = type == GLP_UP ? 0 : at_sum, ub = type == GLP_LO ? 0 : at_sum;
		if (type == GLP_DB)
			ub = at_sum + 0.5;
		double lb2 = lb, ub2 = ub;
		int len = model_clean_cut(lp, N, ind2, val2, type, &lb2, &ub2);
		if (len < 0)
			continue;
		if (len < N)
			cleaned++;
		for (unsigned bits = 0; bits < (1u << N); bits++)
			if (holds(N, ind, val, type, lb, ub, 0, bits))
				assert_true(holds(len, ind2, val2, type, lb2, ub2, 1e-13, bits));
	}
	assert_true(cleaned > 100); /* the property was exercised */
	glp_delete_prob(lp);
}

/* The row holding stage `stage` at `value`: the model's last row. Checks
 * that its coefficients are the objective's, and returns its bound. */
static double held_row_bound(struct model *m, enum objective stage, double value, int type)
{
	model_set_objective(m, stage);
	model_fix_objective(m, stage, value);
	int row = glp_get_num_rows(m->lp);
	assert_int_equal(glp_get_row_type(m->lp, row), type);
	int *ind = calloc((size_t)m->ncols + 1, sizeof(*ind));
	double *val = calloc((size_t)m->ncols + 1, sizeof(*val));
	assert_non_null(ind);
	assert_non_null(val);
	int len = glp_get_mat_row(m->lp, row, ind, val);
	int objective_terms = 0;
	for (int j = 1; j <= m->ncols; j++)
		objective_terms += glp_get_obj_coef(m->lp, j) != 0;
	assert_int_equal(len, objective_terms);
	assert_true(len > 0);
	for (int i = 1; i <= len; i++)
		assert_true(val[i] == glp_get_obj_coef(m->lp, ind[i]));
	free(ind);
	free(val);
	return type == GLP_UP ? glp_get_row_ub(m->lp, row) : glp_get_row_lb(m->lp, row);
}

/* Every plan's value of a held objective is whole, so the row is exact:
 * slack of half a unit would cut off no plan but loosen the next stage's
 * relaxation (stage 1 of data/dienbien: 36.17 instead of 35.21). A value
 * carrying the solver's rounding is rounded to the whole number. */
static void held_objective_row_is_exact(void **state)
{
	(void)state;
	struct dataset ds;
	struct diag_list diags;
	struct model m;
	diag_list_init(&diags, 20);
	dataset_init(&ds);
	assert_int_equal(dataset_load(&ds, NTM_TEST_DIR "/instances/mixed-3y", &diags), LOAD_OK);
	assert_int_equal(model_build(&m, &ds), 0);
	assert_true(held_row_bound(&m, OBJ_SHORTFALL, 2.0000000004, GLP_UP) == 2.0);
	assert_true(held_row_bound(&m, OBJ_COMMUNES, 2.9999999996, GLP_LO) == 3.0);
	assert_true(held_row_bound(&m, OBJ_STANDARD_YEARS, 7.0, GLP_LO) == 7.0);
	assert_true(held_row_bound(&m, OBJ_CRITERIA, 40.0000001, GLP_LO) == 40.0);
	glp_delete_prob(m.lp);
	model_release(&m);
	dataset_release(&ds);
	diag_list_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drops_tiny_positive_term_of_upper_row),
		cmocka_unit_test(moves_bound_for_tiny_negative_term),
		cmocka_unit_test(refuses_what_it_cannot_clean),
		cmocka_unit_test(cleaned_row_is_implied_by_the_cut),
		cmocka_unit_test(held_objective_row_is_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
