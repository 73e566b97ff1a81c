#ifndef NTM_STAGE_H
#define NTM_STAGE_H
/*
 * stage: one stage of the lexicographic solve (internal to the solver;
 * solve.c runs the stages in order). Each step of docs/model.md's "How
 * each stage is solved" is a function of stage.c with its contract:
 *
 *   0. targets_met_greedily     stage 0 without any relaxation
 *   1. solve_relaxation         GLPK's simplex on the model
 *      (decomposition_first_plan: column generation, decompose.h)
 *   2. first_incumbent          the plan in hand, the relaxation's
 *                               neighbourhoods, earlier years, cheapest-first fill
 *   3. root_pass                GLPK's root node; its cuts kept
 *   4. fix_and_cut              Lagrangian fixing and root passes on a copy
 *   5. cutoff_search            branch and bound for a better plan only
 *
 * Steps end with an outcome (improved, proven, stopped by a limit, failed),
 * and steps 4 and 5 run again from every better plan (search_round).
 * The model's current objective is the stage's (model_set_objective); x
 * has columns 1..ncols.
 */
#include "model.h"
#include "solve.h"

/*
 * Stage 0 without a relaxation: no plan has a shortfall below 0, so a plan
 * that meets every target is optimal; the targets are met greedily from
 * `start` (a warm start, or NULL: the plan that funds nothing). Returns 1
 * with x and res filled when that works, 0 when it does not (the stage is
 * then solved as any other), -1 on failure.
 */
int targets_met_greedily(struct model *m, const double *start, double *x,
			 struct stage_result *res);

/*
 * Solves the model's current objective `stage` on the whole model, from
 * `start` (the previous stage's plan or a warm start; NULL: none), within
 * `deadline` (model_clock() value, 0: none) and `node_limit` nodes (0:
 * none); the relaxation starts from `basis` (NULL: none) when it fits and
 * leaves its optimal basis there. On success fills x (columns 1..ncols)
 * and `out` and returns 0 (a limit that stopped the stage says so in
 * out->status); returns -1 when GLPK failed or memory ran out. The money
 * stage is proven within `money_gap` (a fraction of the plan's money, 0:
 * exact; docs/model.md, "The money stage's tolerance"), and reported
 * STAGE_WITHIN_TOLERANCE when only that is proven.
 */
int solve_stage(struct model *m, enum objective stage, const double *start, double deadline,
		long node_limit, double money_gap, struct solve_basis *basis, double *x,
		struct stage_result *out);

/* solve_stage() by the decomposition: the relaxation by column generation
 * (decomposition_relaxation), a first plan from its dive, rounding and
 * neighbourhoods, then Lagrangian fixing with the master's duals and the
 * search with a cutoff, again from every better plan. No root pass: it
 * would solve the whole model's relaxation, which is what the master
 * avoids. Same contract, without a basis. */
int solve_stage_decomposition(struct model *m, enum objective stage, const double *start,
			      double deadline, long node_limit, double money_gap, double *x,
			      struct stage_result *out);

#endif
