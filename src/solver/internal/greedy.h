#ifndef NTM_GREEDY_H
#define NTM_GREEDY_H
/*
 * greedy: cheapest-first plans, the solver's fast way to an incumbent
 * (internal to the solver, like model.h): filling a plan (greedy_fill),
 * meeting the targets (greedy_targets), and rounding a relaxation
 * (greedy_round). Every plan they give has passed every row of the model.
 *
 * With one pooled budget and only the count to maximise, funding in
 * ascending order of remaining cost is exactly optimal (a cardinality
 * knapsack; ../shared/brief/solver-notes.md). Here the budget has groups,
 * sources and years, so the same order is only a heuristic, but a sound
 * one: every target of docs/model.md is monotone (meeting more criteria
 * never raises a shortfall), so a plan that only adds to an admissible plan
 * keeps every target and every earlier stage that adding cannot lower.
 *
 * - OBJ_COMMUNES: communes not at standard, in ascending order of what
 *   their still-open gaps cost, each brought to the standard at the
 *   horizon when the money (funding_solve) still suffices;
 * - OBJ_CRITERIA: open gaps not yet completed, cheapest first, each
 *   completed when the money still suffices (no commune changes its
 *   standard year, so stages 1 and 2 keep their values).
 *
 * Ties go to the lower commune, then criterion: the same input gives the
 * same plan.
 */
#include "model.h"

/*
 * Fills the solution x (columns 1..ncols, an admissible plan of `m`) in
 * place for `stage` (OBJ_COMMUNES or OBJ_CRITERIA; other stages: nothing
 * to do). Before x is changed the filled plan is checked against every
 * row and bound of the model (model_admits), so that a mistake here can
 * cost a better incumbent, never a wrong one. Returns how many communes
 * or gaps were added (0: x unchanged), or -1 (out of memory, solver
 * failure).
 */
int greedy_fill(struct model *m, enum objective stage, double *x);

/*
 * Meets every target of the dataset (stage 0) with the cheapest gaps, in
 * this order: the communes that require_commune and district_standard
 * name brought to the standard at the horizon; then each criterion's
 * count (criterion_communes), the floor per commune (min_criteria) and
 * the average (avg_criteria), each with the cheapest open gaps that are
 * still missing (the order of the Điện Biên calibration, docs/data.md).
 * Every gap completes at its latest useful year. x (an admissible plan of
 * `m`) is replaced only when the result meets every target (shortfall 0,
 * by plan_evaluate), can be paid (funding_solve) and passes every row of
 * the model (model_admits). Since no plan has a shortfall below 0, such a
 * plan is optimal for stage 0 without any relaxation. Returns how many
 * communes and gaps were added (0: x unchanged), or -1 (out of memory,
 * solver failure).
 */
int greedy_targets(struct model *m, double *x);

/*
 * A plan from a relaxation's solution (lp_values, columns 1..ncols): the
 * communes and gaps it sets to 1 are kept, the fractional ones dropped
 * (which only frees money), and the targets then met again as
 * greedy_targets meets them. When the result can be paid and passes every
 * row of the model (the rows holding earlier stages included), it is put
 * in x and 1 is returned; otherwise 0 (x unchanged), or -1 on failure. The
 * caller's cheapest-first fill (greedy_fill) then spends what is left.
 * Where the relaxation has few fractional binaries (at 3,000 communes, 18
 * of 48,924) this is close to it, where a search on the whole model is
 * too slow to find anything.
 */
int greedy_round(struct model *m, const double *lp_values, double *x);

#endif
