/*
 * Tests of glpkutil.c (GLPK's errors turned into returns), with brackets
 * nested as the solver nests them: funding_solve() opens its own bracket
 * and is called inside solve_plan()'s (greedy.c, model.c, solve.c).
 * - A GLPK error after a nested funding_solve() has returned is caught by
 *   the outer bracket. Before brackets nested, funding_solve() reset GLPK's
 *   error hook to its default when it ended, and that error aborted the
 *   process (exit 134).
 * - A GLPK error inside a nested bracket reaches the outer bracket (the
 *   environment, which holds the outer bracket's problems too, is freed
 *   only there), after the nested bracket has freed what it owns; GLPK
 *   then works again from a fresh environment.
 * - ntm_glpk_catch() says which bracket it nests in, and ntm_glpk_end()
 *   closes brackets back to none.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "dataset.h"
#include "funding.h"
#include "glpkutil.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"

/* Misuses GLPK on purpose: lp has one column, so column 2 is out of range,
 * which GLPK reports through its error hook (abort by default). */
static void glpk_error(glp_prob *lp)
{
	glp_set_col_bnds(lp, 2, GLP_LO, 0, 0);
}

/* Nothing to pay: funding_solve() finds the flows at once (returns 0). */
static int nested_funding_solve(const struct dataset *ds)
{
	struct funding_groups g;
	assert_int_equal(funding_groups_build(ds, &g), 0);
	double *demand = calloc(g.ngroups * (size_t)ds->nyears + 1, sizeof(*demand));
	assert_non_null(demand);
	int paid = funding_solve(ds, &g, demand, NULL);
	free(demand);
	funding_groups_release(&g);
	return paid;
}

/* An outer bracket holding a problem, a nested funding_solve(), then a
 * GLPK error in the outer bracket. Returns 1 when the outer bracket caught
 * it; *paid is what funding_solve() returned. */
static int error_after_nested_bracket(const struct dataset *ds, volatile int *paid)
{
	jmp_buf failed;
	jmp_buf *outer = ntm_glpk_catch(&failed);
	glp_prob *volatile lp = NULL;
	if (setjmp(failed)) {
		ntm_glpk_recover(outer);
		return 1;
	}
	lp = glp_create_prob();
	glp_add_cols(lp, 1);
	*paid = nested_funding_solve(ds);
	glpk_error(lp);
	glp_delete_prob(lp);
	ntm_glpk_end(outer);
	return 0;
}

static void test_error_after_nested_bracket_is_caught(void **state)
{
	(void)state;
	struct dataset ds;
	volatile int paid = -2;
	load_ok(&ds, TINY);
	assert_int_equal(error_after_nested_bracket(&ds, &paid), 1);
	assert_int_equal(paid, 0);
	assert_non_null(strstr(ntm_glpk_last_message(), "Error detected"));
	/* GLPK works again, from a fresh environment. */
	assert_int_equal(nested_funding_solve(&ds), 0);
	dataset_release(&ds);
}

/* A nested bracket that owns memory and meets a GLPK error: it frees the
 * memory and passes the error on. *freed says it got that far. */
static int failing_nested_bracket(volatile int *freed)
{
	jmp_buf failed;
	jmp_buf *outer = ntm_glpk_catch(&failed);
	char *volatile owned = malloc(16);
	glp_prob *volatile lp = NULL;
	if (setjmp(failed)) {
		free(owned);
		*freed = 1;
		ntm_glpk_recover(outer); /* does not return: outer is set */
		return -1;
	}
	lp = glp_create_prob();
	glp_add_cols(lp, 1);
	glpk_error(lp);
	glp_delete_prob(lp);
	free(owned);
	ntm_glpk_end(outer);
	return 0;
}

static void test_error_in_nested_bracket_reaches_outer(void **state)
{
	(void)state;
	volatile int freed = 0, caught = 0, returned = 0;
	jmp_buf failed;
	jmp_buf *outer = ntm_glpk_catch(&failed);
	assert_null(outer);
	glp_prob *volatile lp = NULL;
	if (setjmp(failed)) {
		ntm_glpk_recover(outer);
		caught = 1;
	} else {
		lp = glp_create_prob();
		failing_nested_bracket(&freed);
		returned = 1; /* not reached: the outer problem is gone */
		glp_delete_prob(lp);
		ntm_glpk_end(outer);
	}
	assert_true(caught);
	assert_true(freed);
	assert_false(returned);
	/* GLPK works again, and the brackets are closed. */
	struct dataset ds;
	load_ok(&ds, TINY);
	assert_int_equal(nested_funding_solve(&ds), 0);
	dataset_release(&ds);
}

static void test_catch_says_where_it_nests(void **state)
{
	(void)state;
	jmp_buf first, second;
	jmp_buf *outer = ntm_glpk_catch(&first);
	assert_null(outer);
	assert_ptr_equal(ntm_glpk_catch(&second), &first);
	ntm_glpk_end(&first);
	ntm_glpk_end(outer);
	/* Closed: a new bracket is the outermost again. */
	assert_null(ntm_glpk_catch(&first));
	ntm_glpk_end(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_after_nested_bracket_is_caught),
		cmocka_unit_test(test_error_in_nested_bracket_reaches_outer),
		cmocka_unit_test(test_catch_says_where_it_nests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
