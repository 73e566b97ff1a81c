#ifndef NTM_DECOMPOSE_H
#define NTM_DECOMPOSE_H
/*
 * decompose: the relaxation of a stage by Dantzig-Wolfe column generation
 * over whole plans of blocks of communes (one commune per block up to 64
 * communes, 64 blocks beyond), GLPK solving the small master, and, with
 * one commune per block, a diving heuristic for a first plan
 * (docs/model.md, "The decomposition").
 */
#include "model.h"

/*
 * Before the dive, the relaxation's solution and bound are offered to
 * `shortcut` (NULL: none). When it returns 1 it has put in its `plan` a
 * plan that makes the dive pointless (one that reaches the relaxation
 * rounded is optimal): the dive, which takes seconds at scale, is not
 * run, and that plan is the dive's (*dive_found = 1, dive_x). 0: dive as
 * usual; -1: failure (out of memory or the solver).
 */
typedef int (*decomposition_shortcut)(struct model *m, const double *x_lp, double bound,
				      double *plan, void *ctx);

/*
 * Solves the relaxation of the model's current stage by column generation.
 * `start` (may be NULL only when the plan that funds nothing is admissible,
 * i.e. in the first stage run) seeds the master. On success returns 0 and
 * fills *bound (the least Lagrangian bound L(y) of its rounds' duals,
 * valid whatever they are, and the relaxation's optimum when column
 * generation has converged; when none has a finite value, the master's
 * optimum), duals[] (per model row; 0 for a commune's own rows) and x_lp[]
 * (the master's solution in the model's columns). Returns 2 when time or
 * the rounds ran out before the optimum but some L(y) was finite: *bound
 * and duals[] are filled (a bound, not the relaxation's optimum), x_lp is
 * not; 1 when it could not finish with no bound (time, or GLPK); -1 when
 * out of memory.
 */
int decomposition_relaxation(struct model *m, const double *start, double deadline,
			     double *bound, double *duals, double *x_lp,
			     double *dive_x, int *dive_found,
			     decomposition_shortcut shortcut, void *shortcut_ctx);
#endif
