#ifndef NTM_GREEDY_H
#define NTM_GREEDY_H
/*
 * greedy: cheapest-first filling of a plan, the solver's fast way to a
 * better incumbent (internal to the solver, like model.h).
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

#endif
