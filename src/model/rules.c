#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "funding.h"
#include "lang.h"

const char *rule_name(enum rule r)
{
	switch (r) {
	case RULE_MOST_MET:
		return L("most criteria met first", "xã đạt nhiều tiêu chí nhất trước");
	case RULE_LEAST_COST:
		return L("least remaining cost first", "xã cần ít kinh phí nhất trước");
	case RULE_COUNT:
		break;
	}
	return "?";
}

/* What a rule sorts candidates by. */
struct candidate {
	size_t commune;
	int met;        /* criteria met at the baseline */
	double cost;    /* sum of the costs of the open gaps */
};

/* Commune index last, in both orders, so that equal keys keep the order
 * of communes.csv (qsort is not stable). */
static int compare_index(const struct candidate *x, const struct candidate *y)
{
	return (x->commune > y->commune) - (x->commune < y->commune);
}

static int compare_most_met(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->met != y->met)
		return x->met > y->met ? -1 : 1;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return compare_index(x, y);
}

static int compare_least_cost(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->met != y->met)
		return x->met > y->met ? -1 : 1;
	return compare_index(x, y);
}

int rules_order(const struct dataset *ds, enum rule r, size_t *order, size_t *count)
{
	*count = 0;
	if ((unsigned)r >= RULE_COUNT)
		return -1;
	struct candidate *cand = malloc((ds->ncommunes + 1) * sizeof(*cand));
	if (!cand)
		return -1;
	size_t ncand = 0;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		if (!plan_commune_candidate(ds, c))
			continue;
		double cost = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (!dataset_gap(ds, c, k)->met)
				cost += dataset_gap_cost(ds, c, k);
		cand[ncand++] = (struct candidate){c, dataset_criteria_met(ds, c), cost};
	}
	qsort(cand, ncand, sizeof(*cand),
	      r == RULE_MOST_MET ? compare_most_met : compare_least_cost);
	for (size_t i = 0; i < ncand; i++)
		order[i] = cand[i].commune;
	*count = ncand;
	free(cand);
	return 0;
}

/* Whether the budget pays for what the plan had already placed
 * (`committed`, per group and year) and commune c as the plan now sets it:
 * 0 payable, 1 not, -1 solver failure. Leaves the sum in `trial`. Only
 * commune c's gaps are added: summing the whole plan again for every
 * commune made the rules quadratic (30 s at 8,900 communes). */
static int schedule_payable(const struct plan *p, const struct funding_groups *groups,
			    struct funding_check *fc, size_t c, const double *committed,
			    double *trial)
{
	memcpy(trial, committed, groups->ngroups * (size_t)p->ds->nyears * sizeof(*trial));
	for (int k = 1; k <= NTM_CRITERIA; k++)
		plan_demand_add(p, groups, c, k, trial);
	return funding_check(fc, p->ds, groups, trial);
}

/* Undoes plan_set_standard() for a commune the budget cannot pay. */
static void clear_commune(struct plan *p, size_t c)
{
	p->standard_year[c] = -1;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
		p->completed[i] = 0;
		p->completion_year[i] = 0;
	}
}

/*
 * Brings candidate c to the standard at the earliest payable year, on top
 * of what the plan already funds. Returns 1 when placed, 0 when no year is
 * payable (the plan is left as it was), -1 when the solver failed.
 */
static int place_commune(struct plan *p, const struct funding_groups *groups,
			 struct funding_check *fc, size_t c, double *committed, double *trial)
{
	const int n = p->ds->nyears;
	const size_t cells = groups->ngroups * (size_t)n;
	/* The horizon is the easiest year for the budget: when even it cannot
	 * be paid, no year can, and a commune the money no longer reaches
	 * costs one LP instead of one per year. */
	plan_set_standard(p, c, n);
	int rc = schedule_payable(p, groups, fc, c, committed, trial);
	if (rc) {
		clear_commune(p, c);
		return rc > 0 ? 0 : -1;
	}
	for (int year = plan_earliest_standard_year(p->ds, c); year < n; year++) {
		plan_set_standard(p, c, year);
		rc = schedule_payable(p, groups, fc, c, committed, trial);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			memcpy(committed, trial, cells * sizeof(*committed));
			return 1;
		}
	}
	plan_set_standard(p, c, n); /* known payable */
	if (schedule_payable(p, groups, fc, c, committed, trial) < 0)
		return -1;
	memcpy(committed, trial, cells * sizeof(*committed));
	return 1;
}

int rules_plan(const struct dataset *ds, enum rule r, struct plan *out)
{
	struct funding_groups groups;
	struct funding_check fc;
	size_t *order = NULL, count = 0;
	double *demand = NULL;
	int rc = -1;

	if ((unsigned)r >= RULE_COUNT || plan_reset(out, ds)) {
		plan_release(out);
		return -1;
	}
	if (funding_groups_build(ds, &groups)) {
		plan_release(out);
		return -1;
	}
	/* One LP for all the checks (funding.h). */
	if (funding_check_init(&fc, ds, &groups)) {
		funding_groups_release(&groups);
		plan_release(out);
		return -1;
	}
	order = malloc((ds->ncommunes + 1) * sizeof(*order));
	demand = calloc(2 * groups.ngroups * (size_t)ds->nyears + 1, sizeof(*demand));
	if (!order || !demand || rules_order(ds, r, order, &count))
		goto cleanup;
	/* demand: what the placed communes need, then a trial sum */
	for (size_t i = 0; i < count; i++)
		if (place_commune(out, &groups, &fc, order[i], demand,
				  demand + groups.ngroups * (size_t)ds->nyears) < 0)
			goto cleanup;
	/* The schedule was checked payable, so 1 ("money does not suffice")
	 * would be a bug; report it as a failure rather than a plan without
	 * money. The allocation settles the completion years (and completes
	 * every fundable gap that costs nothing, in year 1), then the plan is
	 * evaluated (plan_allocate's contract). */
	if (plan_allocate(out) || plan_evaluate(out))
		goto cleanup;
	rc = 0;
cleanup:
	free(order);
	free(demand);
	funding_check_release(&fc);
	funding_groups_release(&groups);
	if (rc)
		plan_release(out);
	return rc;
}
