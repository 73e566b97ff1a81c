/*
 * Tests of decompose.c (the relaxation by column generation) and of the
 * column arrays of lagrange.c, against GLPK's simplex on the whole model:
 * - whatever the blocks of the master (one commune each, two blocks, one
 *   block of every commune; solve_params.master_blocks), the bound it reports is
 *   the relaxation's optimum, found independently by glp_simplex on a
 *   copy of the whole model, for stages 0-3 on every test instance and
 *   data/dienbien, with a held row among the coupling rows;
 * - its solution x_lp satisfies every row of the model and has that
 *   objective value (it is a solution of the relaxation, not just a
 *   number);
 * - stopped after 1, 2 or 3 pricing rounds (solve_params.master_max_rounds),
 *   before the
 *   optimum, the bound it reports still bounds the relaxation's optimum;
 * - lagrange_compute() gives the same reduced objectives and the same
 *   L(y) from GLPK's own matrix and from the arrays read once
 *   (lagrange_columns_read()).
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
#include "decompose.h"
#include "diag.h"
#include "lagrange.h"
#include "loader.h"
#include "model.h"

static const char *const datasets[] = {
	NTM_TEST_DIR "/instances/mixed-3y",     NTM_TEST_DIR "/instances/tight-greedy",
	NTM_TEST_DIR "/instances/lead-times",   NTM_TEST_DIR "/instances/narrow-eligibility",
	NTM_TEST_DIR "/instances/carry-off",    NTM_TEST_DIR "/instances/carry-on",
	NTM_TEST_DIR "/instances/wide-2y",      NTM_TEST_DIR "/instances/avg-criteria",
	NTM_TEST_DIR "/instances/infeasible-targets",
	NTM_SOURCE_DIR "/data/dienbien",
};

static void open_model(const char *dir, struct dataset *ds, struct model *m)
{
	struct diag_list diags;
	diag_list_init(&diags, 20);
	dataset_init(ds);
	assert_int_equal(dataset_load(ds, dir, &diags), LOAD_OK);
	diag_list_release(&diags);
	assert_int_equal(model_build(m, ds), 0);
}

static void close_model(struct dataset *ds, struct model *m)
{
	glp_delete_prob(m->lp);
	model_release(m);
	dataset_release(ds);
}

/* The relaxation's optimum of m's current stage, by GLPK's simplex on a
 * copy of the whole model. */
static double simplex_optimum(const struct model *m)
{
	glp_prob *copy = glp_create_prob();
	glp_smcp parm;
	glp_copy_prob(copy, m->lp, GLP_OFF);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_scale_prob(copy, GLP_SF_AUTO);
	assert_int_equal(glp_simplex(copy, &parm), 0);
	assert_int_equal(glp_get_status(copy), GLP_OPT);
	double value = glp_get_obj_val(copy);
	glp_delete_prob(copy);
	return value;
}

/* Whether x satisfies every row and column bound of m within `tol`
 * (relative to the row's activity terms). */
static void assert_satisfies_rows(const struct model *m, const double *x, double tol)
{
	const int nrows = glp_get_num_rows(m->lp);
	int *ind = malloc(((size_t)m->ncols + 1) * sizeof(*ind));
	double *val = malloc(((size_t)m->ncols + 1) * sizeof(*val));
	assert_non_null(ind);
	assert_non_null(val);
	for (int j = 1; j <= m->ncols; j++) {
		int type = glp_get_col_type(m->lp, j);
		if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
			assert_true(x[j] >= glp_get_col_lb(m->lp, j) - tol);
		if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
			assert_true(x[j] <= glp_get_col_ub(m->lp, j) + tol);
	}
	for (int r = 1; r <= nrows; r++) {
		int len = glp_get_mat_row(m->lp, r, ind, val);
		double activity = 0, scale = 1;
		for (int i = 1; i <= len; i++) {
			activity += val[i] * x[ind[i]];
			scale += fabs(val[i] * x[ind[i]]);
		}
		int type = glp_get_row_type(m->lp, r);
		if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
			assert_true(activity >= glp_get_row_lb(m->lp, r) - tol * scale);
		if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
			assert_true(activity <= glp_get_row_ub(m->lp, r) + tol * scale);
	}
	free(ind);
	free(val);
}

/* The decomposition's bound and solution, with blocks of communes at most
 * (0: the default), against the simplex's optimum: never weaker than the
 * relaxation, and the same whatever the blocks (*first: the first bound
 * seen, NAN before). The master's optimum is the relaxation's where each
 * commune's rows describe an integral polytope. With a floor row
 * (min_criteria) they do not: a commune half at standard counts, in the
 * relaxation, half of all its open gaps toward its floor, which can cover
 * the whole floor, where every mix of its plans leaves half the floor
 * short; so the master's optimum can be the tighter
 * (tests/instances/wide-2y, since communes_standard takes part). */
static void check_blocks(struct model *m, size_t blocks, double optimum, const char *dir,
			 int stage, double *first)
{
	double *duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(*duals));
	double *x = calloc((size_t)m->ncols + 1, sizeof(*x));
	double bound = 0;
	int dive_found = 0;
	const double sign = glp_get_obj_dir(m->lp) == GLP_MAX ? 1 : -1;
	assert_non_null(duals);
	assert_non_null(x);
	solve_params_init(&m->params);
	if (blocks)
		m->params.master_blocks = blocks;
	int ret = decomposition_relaxation(m, NULL, 0, &bound, duals, x, NULL, &dive_found, NULL,
					   NULL);
	solve_params_init(&m->params);
	assert_int_equal(ret, 0);
	double tol = 1e-6 * (1 + fabs(optimum));
	if (sign * bound > sign * optimum + tol)
		fail_msg("%s, stage %d, blocks %zu: decomposition %.9f, weaker than the simplex %.9f",
			 dir, stage, blocks, bound, optimum);
	if (isnan(*first))
		*first = bound;
	else if (fabs(bound - *first) > tol)
		fail_msg("%s, stage %d, blocks %zu: decomposition %.9f, with other blocks %.9f",
			 dir, stage, blocks, bound, *first);
	double value = model_objective_of(m->lp, m->ncols, x);
	if (fabs(value - bound) > tol)
		fail_msg("%s, stage %d, blocks %zu: its solution is worth %.9f, the bound %.9f", dir,
			 stage, blocks, value, bound);
	assert_satisfies_rows(m, x, 1e-7);
	free(duals);
	free(x);
}

static void test_bound_is_the_relaxation_whatever_the_blocks(void **state)
{
	(void)state;
	static const size_t block_counts[] = {0, 2, 1};
	static const enum objective stages[] = {OBJ_SHORTFALL, OBJ_COMMUNES, OBJ_STANDARD_YEARS,
						OBJ_CRITERIA};
	for (size_t d = 0; d < sizeof(datasets) / sizeof(*datasets); d++) {
		struct dataset ds;
		struct model m;
		open_model(datasets[d], &ds, &m);
		for (size_t s = 0; s < sizeof(stages) / sizeof(*stages); s++) {
			model_set_objective(&m, stages[s]);
			/* A held row (every plan has at least 0 communes at
			 * standard) joins the coupling rows from stage 2 on. */
			if (stages[s] == OBJ_STANDARD_YEARS) {
				model_set_objective(&m, OBJ_COMMUNES);
				model_fix_objective(&m, OBJ_COMMUNES, 0);
				model_set_objective(&m, OBJ_STANDARD_YEARS);
			}
			double optimum = simplex_optimum(&m), first = NAN;
			for (size_t b = 0; b < sizeof(block_counts) / sizeof(*block_counts); b++)
				check_blocks(&m, block_counts[b], optimum, datasets[d], (int)stages[s],
					     &first);
		}
		close_model(&ds, &m);
	}
}

static void test_bound_when_stopped_early_is_valid(void **state)
{
	(void)state;
	static const int round_caps[] = {1, 2, 3};
	static const enum objective stages[] = {OBJ_SHORTFALL, OBJ_COMMUNES, OBJ_STANDARD_YEARS,
						OBJ_CRITERIA};
	int stopped = 0;
	for (size_t d = 0; d < sizeof(datasets) / sizeof(*datasets); d++) {
		struct dataset ds;
		struct model m;
		open_model(datasets[d], &ds, &m);
		double *duals = calloc((size_t)glp_get_num_rows(m.lp) + 1, sizeof(*duals));
		double *x = calloc((size_t)m.ncols + 1, sizeof(*x));
		assert_non_null(duals);
		assert_non_null(x);
		for (size_t s = 0; s < sizeof(stages) / sizeof(*stages); s++) {
			model_set_objective(&m, stages[s]);
			/* The master's optimum (the decomposition run to its end):
			 * every L(y) is at most that (docs/model.md). */
			double optimum = 0;
			int whole_dive = 0;
			m.params.master_blocks = 2;
			assert_int_equal(decomposition_relaxation(&m, NULL, 0, &optimum, duals, x, NULL,
								  &whole_dive, NULL, NULL), 0);
			solve_params_init(&m.params);
			double sign = glp_get_obj_dir(m.lp) == GLP_MAX ? 1 : -1;
			for (size_t r = 0; r < sizeof(round_caps) / sizeof(*round_caps); r++) {
				double bound = 0;
				int dive_found = 0;
				m.params.master_max_rounds = round_caps[r];
				m.params.master_blocks = 2;
				int ret = decomposition_relaxation(&m, NULL, 0, &bound, duals, x, NULL,
								   &dive_found, NULL, NULL);
				solve_params_init(&m.params);
				assert_true(ret == 0 || ret == 2);
				if (ret != 2)
					continue;
				stopped++;
				if (sign * bound < sign * optimum - 1e-6 * (1 + fabs(optimum)))
					fail_msg("%s, stage %d, %d rounds: bound %.9f, but the master "
						 "reaches %.9f", datasets[d], (int)stages[s], round_caps[r],
						 bound, optimum);
			}
		}
		free(duals);
		free(x);
		close_model(&ds, &m);
	}
	/* The check is not vacuous: some searches do stop early. */
	assert_true(stopped > 0);
}

/* Duals to price with: the simplex's on the whole model, slightly moved so
 * that every coupling row has one. */
static double *some_duals(const struct model *m)
{
	const int nrows = glp_get_num_rows(m->lp);
	glp_prob *copy = glp_create_prob();
	glp_smcp parm;
	double *duals = calloc((size_t)nrows + 1, sizeof(*duals));
	assert_non_null(duals);
	glp_copy_prob(copy, m->lp, GLP_OFF);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_scale_prob(copy, GLP_SF_AUTO);
	assert_int_equal(glp_simplex(copy, &parm), 0);
	for (int r = 1; r <= nrows; r++)
		duals[r] = glp_get_row_dual(copy, r) + 1e-3 * (r % 7);
	glp_delete_prob(copy);
	return duals;
}

static void test_column_arrays_price_as_glpk_does(void **state)
{
	(void)state;
	for (size_t d = 0; d < sizeof(datasets) / sizeof(*datasets); d++) {
		struct dataset ds;
		struct model m;
		struct lagrange_columns columns;
		open_model(datasets[d], &ds, &m);
		model_set_objective(&m, OBJ_COMMUNES);
		double *duals = some_duals(&m);
		assert_int_equal(lagrange_columns_read(m.lp, &columns), 0);
		assert_int_equal(columns.ncols, m.ncols);
		assert_int_equal(columns.start[m.ncols + 1], glp_get_num_nz(m.lp));
		struct lagrange from_glpk = {0}, from_arrays = {0};
		from_glpk.lp = from_arrays.lp = m.lp;
		from_glpk.duals = from_arrays.duals = duals;
		from_arrays.columns = &columns;
		int ret_glpk = lagrange_compute(&m, &from_glpk);
		assert_int_equal(lagrange_compute(&m, &from_arrays), ret_glpk);
		if (ret_glpk == 0) {
			assert_true(from_glpk.bound == from_arrays.bound);
			for (int j = 1; j <= m.ncols; j++) {
				assert_true(from_glpk.d[j] == from_arrays.d[j]);
				assert_true(from_glpk.floor_need[j] == from_arrays.floor_need[j]);
			}
		}
		lagrange_release(&from_glpk);
		lagrange_release(&from_arrays);
		lagrange_columns_release(&columns);
		free(duals);
		close_model(&ds, &m);
	}
}

int main(void)
{
	glp_term_out(GLP_OFF); /* glp_scale_prob's report */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bound_is_the_relaxation_whatever_the_blocks),
		cmocka_unit_test(test_bound_when_stopped_early_is_valid),
		cmocka_unit_test(test_column_arrays_price_as_glpk_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
