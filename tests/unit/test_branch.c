/*
 * Tests of branch.c: GLPK's branch and bound choosing its branches by
 * strong branching must still reach the optimum, which is checked against
 * exhaustive enumeration on random two-constraint knapsacks (and so must
 * GLPK's own rule, the control), and it must actually choose: a branch at
 * every GLP_IBRANCH, two children tried per candidate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include <glpk.h>

#include "branch.h"

enum { ITEMS = 16 };

struct knapsack {
	double value[ITEMS], weight[2][ITEMS], capacity[2];
};

static void random_knapsack(struct knapsack *k, unsigned *seed)
{
	double total[2] = {0, 0};
	for (int i = 0; i < ITEMS; i++) {
		for (int r = 0; r < 2; r++) {
			*seed = *seed * 1103515245u + 12345u;
			k->weight[r][i] = 10 + (double)((*seed >> 8) % 90);
			total[r] += k->weight[r][i];
		}
		*seed = *seed * 1103515245u + 12345u;
		/* Values near the weights: the hard kind of knapsack. */
		k->value[i] = k->weight[0][i] + (double)((*seed >> 8) % 20);
	}
	k->capacity[0] = floor(total[0] / 2);
	k->capacity[1] = floor(total[1] / 2);
}

static double enumerate(const struct knapsack *k)
{
	double best = 0;
	for (unsigned set = 0; set < (1u << ITEMS); set++) {
		double v = 0, w0 = 0, w1 = 0;
		for (int i = 0; i < ITEMS; i++)
			if (set >> i & 1u) {
				v += k->value[i];
				w0 += k->weight[0][i];
				w1 += k->weight[1][i];
			}
		if (w0 <= k->capacity[0] && w1 <= k->capacity[1] && v > best)
			best = v;
	}
	return best;
}

struct run {
	struct strong_branching *sb; /* NULL: GLPK's own rule */
	int chose;      /* branchings strong branching chose */
	int branchings; /* GLP_IBRANCH requests */
};

static void callback(glp_tree *tree, void *info)
{
	struct run *run = info;
	if (glp_ios_reason(tree) != GLP_IBRANCH || !run->sb)
		return;
	run->branchings++;
	glp_prob *lp = glp_ios_get_prob(tree);
	double cutoff = glp_mip_status(lp) == GLP_FEAS ? glp_mip_obj_val(lp) + 1 - 1e-6 : NAN;
	run->chose += strong_branching_choose(run->sb, tree, cutoff);
}

/* Solves the knapsack; returns the optimum and adds to the counts. */
static double solve(const struct knapsack *k, struct strong_branching *sb, int *chose,
		    int *branchings)
{
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, 2);
	glp_add_cols(lp, ITEMS);
	for (int r = 0; r < 2; r++) {
		int ind[ITEMS + 1];
		double val[ITEMS + 1];
		for (int i = 0; i < ITEMS; i++) {
			ind[i + 1] = i + 1;
			val[i + 1] = k->weight[r][i];
		}
		glp_set_mat_row(lp, r + 1, ITEMS, ind, val);
		glp_set_row_bnds(lp, r + 1, GLP_UP, 0, k->capacity[r]);
	}
	for (int i = 0; i < ITEMS; i++) {
		glp_set_col_kind(lp, i + 1, GLP_BV);
		glp_set_obj_coef(lp, i + 1, k->value[i]);
	}
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(lp, &sp), 0);
	struct run run = {sb, 0, 0};
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.br_tech = GLP_BR_MFV;
	parm.cb_func = callback;
	parm.cb_info = &run;
	assert_int_equal(glp_intopt(lp, &parm), 0);
	assert_int_equal(glp_mip_status(lp), GLP_OPT);
	double value = glp_mip_obj_val(lp);
	*chose += run.chose;
	*branchings += run.branchings;
	glp_delete_prob(lp);
	return value;
}

static void reaches_the_enumerated_optimum(void **state)
{
	(void)state;
	unsigned seed = 2026;
	int chose = 0, branchings = 0;
	struct strong_branching sb;
	strong_branching_init(&sb, 3, 200);
	for (int trial = 0; trial < 12; trial++) {
		struct knapsack k;
		random_knapsack(&k, &seed);
		double best = enumerate(&k);
		assert_true(fabs(solve(&k, &sb, &chose, &branchings) - best) < 1e-6);
		assert_true(fabs(solve(&k, NULL, &chose, &branchings) - best) < 1e-6);
	}
	/* Strong branching chose at every branching, trying both children
	 * of at least one candidate each time. */
	assert_true(branchings > 12);
	assert_int_equal(chose, branchings);
	assert_true(sb.trials >= 2L * chose);
	strong_branching_release(&sb);
	assert_null(sb.copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reaches_the_enumerated_optimum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
