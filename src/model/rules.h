#ifndef NTM_RULES_H
#define NTM_RULES_H
/*
 * rules: the rules of thumb the allocation report compares the optimum with.
 *
 * Each rule is how communes are often chosen by hand: put the communes in
 * an order, then fund them one after another while the money lasts. With
 * the same budget as the optimal plan, what a rule reaches shows what the
 * optimisation is worth.
 *
 *   RULE_MOST_MET    most criteria met at the baseline first; ties: least
 *                    remaining cost, then order of communes.csv.
 *   RULE_LEAST_COST  least remaining cost first (the sum of the costs of
 *                    the commune's open gaps); ties: most criteria met,
 *                    then order of communes.csv.
 *
 * Only *candidates* are considered: communes not at standard at the
 * baseline whose every open gap can be met by the horizon
 * (plan_gap_meetable). In the rule's order, each candidate is given the
 * earliest year τ, from 1 + the largest lead time of its open gaps up to
 * the horizon, at which all its open gaps completing at τ − lead
 * (plan_set_standard) keep the whole schedule payable (funding_solve on the
 * accumulated demand); a candidate that no year makes payable is skipped
 * and the next one is tried. Nothing else is funded: the rules pay for no
 * gap of a commune they do not bring to the standard, and they ignore the
 * targets (plan_evaluate still reports how far the plan meets them). Open
 * gaps that cost nothing are completed wherever they can be met, since
 * docs/model.md has them complete in year 1 whatever the plan pays.
 *
 * Payability is monotone in τ (a later completion only moves demand later,
 * and demand is checked cumulatively), so the first payable year is the
 * earliest, and a candidate not payable at the horizon is payable at no
 * year.
 *
 * Nothing here prints; errors are returned.
 */
#include <stddef.h>

#include "dataset.h"
#include "plan.h"

enum rule {
	RULE_MOST_MET,    /* most criteria met first */
	RULE_LEAST_COST,  /* least remaining cost first */
	RULE_COUNT
};

/* The rule's name for reports, in the current language (lang.h); "?" for
 * a value that is not a rule. */
const char *rule_name(enum rule r);

/*
 * The candidates of `ds` in the order rule `r` considers them: fills
 * order[0..*count-1] with commune indices (`order` must have room for
 * ds->ncommunes). Returns 0, or -1 when out of memory or `r` is not a rule.
 */
int rules_order(const struct dataset *ds, enum rule r, size_t *order, size_t *count);

/*
 * The plan rule `r` makes with the budget of `ds`, into `out` (initialised
 * with plan_init, or a plan already used: it is reset for `ds`). On success
 * the plan is evaluated (plan_evaluate) and allocated (plan_allocate: every
 * gap it completes is paid by its completion year), and out->stages are
 * left STAGE_NOT_RUN, since no optimisation took place. Returns 0, or -1
 * when out of memory, the LP solver failed or `r` is not a rule; `out` is
 * then released (empty, as after plan_init).
 */
int rules_plan(const struct dataset *ds, enum rule r, struct plan *out);

#endif
