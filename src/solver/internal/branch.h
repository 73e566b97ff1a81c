#ifndef NTM_BRANCH_H
#define NTM_BRANCH_H
/*
 * branch: strong branching for GLPK's branch and bound.
 *
 * GLPK 5.0 branches on a variable chosen from the node's relaxation alone
 * (first or last fractional, most fractional, Driebeck-Tomlin, hybrid
 * pseudocosts). On this model that is what keeps a search from proving
 * that one more criterion, or a little less money, is impossible: the
 * relaxation is a fraction of a unit above the optimum and the branching
 * variables GLPK picks hardly move it. Strong branching tries the
 * branches before choosing: for a few candidates it solves both
 * children's relaxations (a bounded number of dual simplex iterations on
 * a copy of the node's problem) and branches on the variable whose worse
 * child moves the bound most, a child that is infeasible first. Children
 * that cannot beat the incumbent then die as soon as GLPK creates them.
 *
 * Everything here is counted in candidates and simplex iterations, never
 * in seconds, so a search gives the same tree on every machine.
 */
#include <glpk.h>

struct strong_branching {
	int candidates;     /* fractional binaries tried per node (most fractional first) */
	int iteration_limit;/* dual simplex iterations per child */
	long trials;        /* children solved so far (for the trace) */
	long infeasible;    /* of which infeasible */
	/* Scratch, reused from node to node: owned, freed by strong_branching_release. */
	glp_prob *copy;
	int *order;
	double *score;
	int *row_stat, *col_stat;
	int capacity_rows, capacity_cols;
};

void strong_branching_init(struct strong_branching *sb, int candidates, int iteration_limit);
void strong_branching_release(struct strong_branching *sb);

/*
 * Called from a GLPK callback with reason GLP_IBRANCH: chooses the
 * variable to branch upon (glp_ios_branch_upon) by strong branching on
 * the current subproblem, and which child GLPK should take next (the
 * one with the better relaxation). A child whose relaxation is not
 * better than `cutoff` (in the objective's direction; NAN for none)
 * counts as dead, like an infeasible one. Returns 1 when it chose, 0 when
 * it left the choice to GLPK (no candidate, or out of memory); it never
 * fails: the worst outcome is GLPK's own choice.
 */
int strong_branching_choose(struct strong_branching *sb, glp_tree *tree, double cutoff);

#endif
