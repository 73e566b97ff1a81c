#ifndef NTM_EXPLAIN_H
#define NTM_EXPLAIN_H
/*
 * explain: "why not my commune?" by solving again with one thing changed
 * (explainout.h says what the statuses mean; docs/usage.md shows them).
 *
 * The plan is solved once. Then each commune asked gets a run: a commune
 * in the plan is excluded (it gets no money: the replacement cost of
 * prioritizr and oppr), a commune out of it is required (a require_commune
 * target: the price of requiring it). A run is the same dataset with one
 * target more, solved for the stages of `run_stages`; it starts from what
 * is already solved: the plan without the excluded commune, or the plan
 * itself beside a requirement, as its first incumbent (solve_options
 * .warm_start), so that a run that cannot do better ends at once.
 *
 * explain --all reuses every run: each run that ends as good as the plan
 * on every level stage is another optimal plan (a portfolio, as
 * prioritizr's solution portfolios), and a commune that one of them funds
 * (out of the plan) or leaves without money (in the plan) is contested
 * without a run of its own. So only the communes in the plan that no
 * optimal plan found so far does without, and the reachable communes out
 * of the plan that none found so far funds, need a run.
 *
 * Nothing is printed; errors go to `diags`.
 */
#include <stddef.h>

#include "dataset.h"
#include "diag.h"
#include "explainout.h"
#include "solve.h"

/*
 * Solves the plan of `ds` with `o` (every stage it asks), then explains
 * the `n` communes of `which` (indices into ds->communes; NULL: every
 * commune, and r->all is set). Each run solves the stages `run_stages`
 * (SOLVE_STAGE bits; they must include every level stage: with OBJ_STANDARD_YEARS
 * the commune-years lost are known too, with every stage the run's plan is
 * the one `plan --exclude` or `plan --require` would give). With `which`,
 * every commune asked gets its own run; without, the runs are reused as
 * described above. Returns 0, or -1 when the solver failed or memory ran
 * out (a message in diags).
 */
int explain_communes(const struct dataset *ds, const struct solve_options *o,
		     unsigned run_stages, const size_t *which, size_t n,
		     struct explain_result *r, struct diag_list *diags);

/* The same for a plan of `ds` already solved with `o` (copied, not
 * solved again): `plan --explain`. */
int explain_solved(const struct dataset *ds, const struct solve_options *o,
		   unsigned run_stages, const struct plan *solved, const size_t *which, size_t n,
		   struct explain_result *r, struct diag_list *diags);

/* Whether two plans are equally good on the level stages (every stage up
 * to OBJ_COMMUNES, in order), as their stage values say. */
int explain_levels_equal(const struct plan *a, const struct plan *b);

#endif
