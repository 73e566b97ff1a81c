#ifndef NTM_NEXT_H
#define NTM_NEXT_H
/*
 * next: the next communes more money brings to standard, each with the
 * least extra money that does it, exact to the million VND and proven by
 * runs (nextout.h says what a step means).
 *
 * A run is the dataset with an amount added to one budget line (year,
 * source), as `--budget YEAR:SOURCE=+AMOUNT` does, solved for stages 0-1
 * from the plan as its first incumbent (it stays admissible: there is
 * only more money). More money never makes the optimum of stages 0-1
 * worse, and where the plan meets every target (shortfall 0, as on
 * data/dienbien) the communes at standard never fall as money grows, so
 * "this amount brings k more communes" is monotone in the amount and a
 * bisection over whole millions finds the least one: the amount does it,
 * one million less does not, both proven by a run. (Where the plan falls
 * short of its targets, money may go to them first; a step then says what
 * its runs found, which the bisection assumed monotone.)
 *
 * Which line: a line can pay for whatever another can when its source
 * may fund every criterion the other's may, and its money reaches every
 * year the other's does (same year, or carried over from an earlier one).
 * Only lines no other line dominates are bisected; the least of their
 * amounts is the step's. The lines where the same amount suffices are
 * then found with as few runs as dominance allows.
 *
 * Nothing is printed; errors go to `diags`.
 */
#include "dataset.h"
#include "diag.h"
#include "nextout.h"
#include "solve.h"

/* Solves the plan of `ds` with `o`, then finds the next `count` steps
 * (1, 2, ... communes more), fewer when money alone cannot bring more
 * communes to standard (r->exhausted). Returns 0, or -1 when the solver
 * failed or memory ran out. */
int next_communes(const struct dataset *ds, const struct solve_options *o, int count,
		  struct next_result *r, struct diag_list *diags);

#endif
