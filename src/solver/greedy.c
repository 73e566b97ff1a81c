#include "greedy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "funding.h"
#include "plan.h"

/* A commune or gap to add, and what it costs. */
struct candidate {
	double cost;
	size_t commune;
	int criterion; /* 0 for a whole commune */
};

static int by_cost(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->commune != y->commune)
		return x->commune < y->commune ? -1 : 1;
	return (x->criterion > y->criterion) - (x->criterion < y->criterion);
}

/* Whether x satisfies every row and column bound of the model (and is
 * whole where the column is), within GLPK's own kind of tolerance. */
static int model_admits(struct model *m, const double *x)
{
	glp_prob *lp = m->lp;
	for (int j = 1; j <= m->ncols; j++) {
		int type = glp_get_col_type(lp, j);
		double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
		double tol = 1e-6 * (1 + fabs(x[j]));
		if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && x[j] < lb - tol)
			return 0;
		if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x[j] > ub + tol)
			return 0;
		if (glp_get_col_kind(lp, j) != GLP_CV && fabs(x[j] - floor(x[j] + 0.5)) > 1e-9)
			return 0;
	}
	int nrows = glp_get_num_rows(lp);
	for (int i = 1; i <= nrows; i++) {
		int len = glp_get_mat_row(lp, i, m->ind, m->val);
		double activity = 0, scale = 1;
		for (int k = 1; k <= len; k++) {
			activity += m->val[k] * x[m->ind[k]];
			scale += fabs(m->val[k] * x[m->ind[k]]);
		}
		int type = glp_get_row_type(lp, i);
		double tol = 1e-7 * scale;
		if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
		    activity < glp_get_row_lb(lp, i) - tol)
			return 0;
		if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) &&
		    activity > glp_get_row_ub(lp, i) + tol)
			return 0;
	}
	return 1;
}

/* The candidates of `stage` in plan p, cheapest first; *count of them. */
static struct candidate *candidates_of(const struct model *m, const struct plan *p,
				       enum objective stage, size_t *count)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	size_t room = stage == OBJ_COMMUNES ? ds->ncommunes : ds->ncommunes * NTM_CRITERIA;
	struct candidate *list = malloc((room + 1) * sizeof(*list));
	size_t used = 0;
	if (!list)
		return NULL;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		if (p->standard_year[c] >= 0)
			continue; /* at standard already (or at the baseline) */
		if (stage == OBJ_COMMUNES && !m->u_col[c * (size_t)n + (size_t)(n - 1)])
			continue;
		double open_cost = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (dataset_gap(ds, c, k)->met || p->completed[i])
				continue;
			double cost = dataset_gap_cost(ds, c, k);
			if (stage == OBJ_CRITERIA) {
				if (m->v_col[i] && cost > 0)
					list[used++] = (struct candidate){cost, c, k};
			} else {
				open_cost += cost;
			}
		}
		if (stage == OBJ_COMMUNES)
			list[used++] = (struct candidate){open_cost, c, 0};
	}
	qsort(list, used, sizeof(*list), by_cost);
	*count = used;
	return list;
}

/*
 * Adds candidate (c, k) to plan p (k = 0: commune c at the standard at the
 * horizon; otherwise gap (c, k) completed) when the budget pays for
 * `committed` (what the plan needs so far, per group and year) and what
 * the candidate adds; `committed` then includes it. Otherwise the plan is
 * left as it was. Only what the candidate adds is summed
 * (plan_demand_add): a gap the plan already completes keeps its year,
 * since the standard at the horizon and a gap on its own both complete at
 * n - lead. `trial` is scratch of committed's size. Returns 1 when added,
 * 0 when the money does not suffice, -1 when the solver failed.
 */
static int add_if_payable(const struct model *m, struct plan *p, size_t c, int k,
			  double *committed, double *trial)
{
	const size_t cells = m->groups.ngroups * (size_t)m->n;
	unsigned char completed[NTM_CRITERIA];
	int completion_year[NTM_CRITERIA];
	memcpy(completed, p->completed + c * NTM_CRITERIA, sizeof(completed));
	memcpy(completion_year, p->completion_year + c * NTM_CRITERIA, sizeof(completion_year));
	memcpy(trial, committed, cells * sizeof(*trial));
	if (k == 0) {
		plan_set_standard(p, c, m->n);
		for (int gap = 1; gap <= NTM_CRITERIA; gap++)
			if (!completed[gap - 1])
				plan_demand_add(p, &m->groups, c, gap, trial);
	} else {
		plan_set_completed(p, c, k);
		plan_demand_add(p, &m->groups, c, k, trial);
	}
	int short_of = funding_solve(m->ds, &m->groups, trial, NULL);
	if (short_of == 0) {
		memcpy(committed, trial, cells * sizeof(*committed));
		return 1;
	}
	/* The money does not suffice (or the solver failed): undo. */
	p->standard_year[c] = -1;
	memcpy(p->completed + c * NTM_CRITERIA, completed, sizeof(completed));
	memcpy(p->completion_year + c * NTM_CRITERIA, completion_year, sizeof(completion_year));
	return short_of < 0 ? -1 : 0;
}

int greedy_fill(struct model *m, enum objective stage, double *x)
{
	if (stage != OBJ_COMMUNES && stage != OBJ_CRITERIA)
		return 0;
	const struct dataset *ds = m->ds;
	const size_t cells = m->groups.ngroups * (size_t)m->n;
	/* committed: what the plan needs so far; trial: that and a candidate */
	double *committed = calloc(2 * cells + 1, sizeof(*committed));
	double *trial = committed + cells;
	double *filled = malloc(((size_t)m->ncols + 1) * sizeof(*filled));
	struct candidate *list = NULL;
	size_t count = 0;
	int added = 0, rc = -1;
	struct plan p;

	plan_init(&p);
	if (!committed || !filled || plan_reset(&p, ds))
		goto done;
	model_decisions(m, x, &p);
	list = candidates_of(m, &p, stage, &count);
	if (!list)
		goto done;
	/* All the money there is, less what the plan already needs: no
	 * candidate costing more can be paid, and since the list is cheapest
	 * first, none after it either. This spares the transportation LP of
	 * every candidate once the money is spent. */
	double slack = 0;
	for (size_t i = 0; i < (size_t)m->n * ds->nsources; i++)
		slack += ds->budget[i];
	plan_demand(&p, &m->groups, committed);
	for (size_t i = 0; i < cells; i++)
		slack -= committed[i];
	for (size_t i = 0; i < count; i++) {
		if (list[i].cost > slack + MONEY_TOLERANCE)
			break;
		int ret = add_if_payable(m, &p, list[i].commune, list[i].criterion, committed, trial);
		if (ret < 0)
			goto done;
		if (ret) {
			added++;
			slack -= list[i].cost;
		}
	}
	rc = 0;
	if (added == 0)
		goto done;
	int built = model_solution_of_plan(m, &p, filled);
	if (built < 0) {
		rc = -1;
		goto done;
	}
	if (built > 0 || !model_admits(m, filled))
		goto done; /* not a plan of this model after all: keep x */
	memcpy(x, filled, ((size_t)m->ncols + 1) * sizeof(*x));
	rc = added;
done:
	plan_release(&p);
	free(list);
	free(filled);
	free(committed);
	return rc;
}

/* Whether commune c meets criterion k at the horizon in plan p. */
static int meets_at_horizon(const struct plan *p, size_t c, int k)
{
	return dataset_gap(p->ds, c, k)->met || p->completed[c * NTM_CRITERIA + (size_t)(k - 1)];
}

/* Criteria commune c meets at the horizon in plan p. */
static long criteria_met(const struct plan *p, size_t c)
{
	long met = 0;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		met += meets_at_horizon(p, c, k);
	return met;
}

/* Open gaps (c, k) of communes [first, last) that the plan may still
 * complete on their own (the model has their column), for criterion
 * `only` (1..19) or every criterion (0), cheapest first; *count of them. */
static struct candidate *open_gaps(const struct model *m, const struct plan *p, size_t first,
				   size_t last, int only, size_t *count)
{
	struct candidate *list = malloc(((last - first) * NTM_CRITERIA + 1) * sizeof(*list));
	size_t used = 0;
	if (!list)
		return NULL;
	for (size_t c = first; c < last; c++)
		for (int k = only ? only : 1; k <= (only ? only : NTM_CRITERIA); k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (!meets_at_horizon(p, c, k) && m->v_col[i])
				list[used++] = (struct candidate){dataset_gap_cost(p->ds, c, k), c, k};
		}
	qsort(list, used, sizeof(*list), by_cost);
	*count = used;
	return list;
}

/* Completes the cheapest of the listed gaps until `have` reaches `need`;
 * returns how many it completed, or -1 when out of memory. */
static int complete_cheapest(const struct model *m, struct plan *p, size_t first, size_t last,
			     int only, long have, long need)
{
	size_t count;
	int added = 0;
	if (have >= need)
		return 0;
	struct candidate *list = open_gaps(m, p, first, last, only, &count);
	if (!list)
		return -1;
	for (size_t i = 0; i < count && have < need; i++, have++, added++)
		plan_set_completed(p, list[i].commune, list[i].criterion);
	free(list);
	return added;
}

/* Brings commune c to the standard at the horizon when the model allows
 * it; returns 1 when it did. */
static int standard_at_horizon(const struct model *m, struct plan *p, size_t c)
{
	if (p->standard_year[c] >= 0 || !m->u_col[c * (size_t)m->n + (size_t)(m->n - 1)])
		return 0;
	plan_set_standard(p, c, m->n);
	return 1;
}

/* Meets one counting target (criterion_communes, min_criteria or
 * avg_criteria) in plan p with the cheapest gaps still missing; returns
 * how many it completed, or -1. */
static int meet_count(const struct model *m, struct plan *p, const struct target *tg)
{
	const size_t nc = m->ds->ncommunes;
	long have = 0;
	switch (tg->kind) {
	case TARGET_CRITERION_COMMUNES: {
		int k = (int)tg->subject_index;
		for (size_t c = 0; c < nc; c++)
			have += meets_at_horizon(p, c, k);
		return complete_cheapest(m, p, 0, nc, k, have, (long)ceil(tg->value - 1e-9));
	}
	case TARGET_MIN_CRITERIA: {
		int added = 0;
		for (size_t c = 0; c < nc; c++) {
			int ret = complete_cheapest(m, p, c, c + 1, 0, criteria_met(p, c),
						    (long)ceil(tg->value - 1e-9));
			if (ret < 0)
				return -1;
			added += ret;
		}
		return added;
	}
	case TARGET_AVG_CRITERIA:
		for (size_t c = 0; c < nc; c++)
			have += criteria_met(p, c);
		return complete_cheapest(m, p, 0, nc, 0, have, (long)ceil(tg->value * (double)nc - 1e-9));
	default:
		return 0;
	}
}

/* Meets every target in plan p with the cheapest gaps (the order of
 * greedy_targets); communes_standard only when `headline` (the rounding
 * adds the relaxation's communes instead, as the money allows). Returns
 * how many communes and gaps it added, or -1. */
static int meet_targets(const struct model *m, struct plan *p, int headline)
{
	const struct dataset *ds = m->ds;
	const size_t nc = ds->ncommunes;
	int added = 0;
	/* Whole communes first, as a criterion's count or the floor might
	 * otherwise pay for gaps the standard completes anyway. */
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		if ((long)t == m->dropped)
			continue;
		if (tg->kind == TARGET_REQUIRE_COMMUNE)
			added += standard_at_horizon(m, p, tg->subject_index);
		else if (tg->kind == TARGET_DISTRICT_STANDARD)
			for (size_t c = 0; c < nc; c++)
				if (ds->communes[c].district == tg->subject_index)
					added += standard_at_horizon(m, p, c);
	}
	/* The headline: the cheapest communes to the standard until as many
	 * as it wants are. */
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		if (!headline || tg->kind != TARGET_COMMUNES_STANDARD || (long)t == m->dropped)
			continue;
		long have = 0;
		for (size_t c = 0; c < nc; c++)
			have += p->standard_year[c] >= 0;
		size_t count;
		struct candidate *list = candidates_of(m, p, OBJ_COMMUNES, &count);
		if (!list)
			return -1;
		for (size_t i = 0; i < count && have < (long)ceil(tg->value - 1e-9); i++, have++)
			added += standard_at_horizon(m, p, list[i].commune);
		free(list);
	}
	/* Then the counts, in the order of the calibration: each
	 * criterion's, the floor per commune, the average. */
	static const enum target_kind counts[] = {TARGET_CRITERION_COMMUNES, TARGET_MIN_CRITERIA,
						  TARGET_AVG_CRITERIA};
	for (size_t phase = 0; phase < sizeof(counts) / sizeof(*counts); phase++)
		for (size_t t = 0; t < ds->ntargets; t++) {
			if (ds->targets[t].kind != counts[phase] || (long)t == m->dropped)
				continue;
			int ret = meet_count(m, p, &ds->targets[t]);
			if (ret < 0)
				return -1;
			added += ret;
		}
	return added;
}

/* Puts plan p into x when it can be paid (funding_solve) and passes every
 * row of the model (model_admits), and, if `every_target`, meets every
 * target (plan_evaluate). Returns 1 when it did, 0 when not (x unchanged),
 * -1 on failure. */
static int take_plan(struct model *m, struct plan *p, int every_target, double *x)
{
	const size_t cells = m->groups.ngroups * (size_t)m->n;
	double *demand = calloc(cells + 1, sizeof(*demand));
	double *filled = malloc(((size_t)m->ncols + 1) * sizeof(*filled));
	int rc = -1;
	if (!demand || !filled || plan_evaluate(p))
		goto done;
	rc = 0;
	for (size_t t = 0; every_target && t < m->ds->ntargets; t++)
		if ((long)t != m->dropped && target_has_shortfall(&m->ds->targets[t]) &&
		    p->targets[t].shortfall > 0)
			goto done;
	plan_demand(p, &m->groups, demand);
	int short_of = funding_solve(m->ds, &m->groups, demand, NULL);
	if (short_of != 0) {
		rc = short_of < 0 ? -1 : 0;
		goto done;
	}
	int built = model_solution_of_plan(m, p, filled);
	if (built < 0) {
		rc = -1;
		goto done;
	}
	if (built > 0 || !model_admits(m, filled))
		goto done;
	memcpy(x, filled, ((size_t)m->ncols + 1) * sizeof(*x));
	rc = 1;
done:
	free(filled);
	free(demand);
	return rc;
}

int greedy_targets(struct model *m, double *x)
{
	struct plan p;
	int rc = -1;
	plan_init(&p);
	if (plan_reset(&p, m->ds))
		goto done;
	model_decisions(m, x, &p);
	int added = meet_targets(m, &p, 1);
	if (added <= 0) {
		rc = added;
		goto done;
	}
	int taken = take_plan(m, &p, 1, x);
	rc = taken < 0 ? -1 : taken ? added : 0;
done:
	plan_release(&p);
	return rc;
}

/* The communes the relaxation brings partly to the standard (the sum of
 * their u columns strictly between 0 and 1), most first, each brought to
 * the standard at the horizon when the money still suffices. Returns how
 * many were added, or -1. */
static int add_fractional_communes(const struct model *m, const double *lp_values, struct plan *p)
{
	const struct dataset *ds = m->ds;
	const size_t cells = m->groups.ngroups * (size_t)m->n;
	struct candidate *list = malloc((ds->ncommunes + 1) * sizeof(*list));
	/* committed: what the plan needs so far; trial: that and a candidate */
	double *committed = calloc(2 * cells + 1, sizeof(*committed));
	double *trial = committed + cells;
	size_t count = 0;
	int added = 0, rc = -1;
	if (!list || !committed)
		goto done;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		double share = 0;
		for (int t = 1; t <= m->n; t++) {
			int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
			share += u ? lp_values[u] : 0;
		}
		if (p->standard_year[c] < 0 && m->u_col[c * (size_t)m->n + (size_t)(m->n - 1)] &&
		    share > 1e-6 && share < 1 - 1e-6)
			list[count++] = (struct candidate){-share, c, 0}; /* most first */
	}
	qsort(list, count, sizeof(*list), by_cost);
	plan_demand(p, &m->groups, committed);
	for (size_t i = 0; i < count; i++) {
		int ret = add_if_payable(m, p, list[i].commune, 0, committed, trial);
		if (ret < 0)
			goto done;
		added += ret;
	}
	rc = added;
done:
	free(list);
	free(committed);
	return rc;
}

int greedy_round(struct model *m, const double *lp_values, double *x)
{
	const size_t width = (size_t)m->ncols + 1;
	double *floored = malloc(width * sizeof(*floored));
	struct plan p;
	int rc = -1;
	plan_init(&p);
	if (!floored || plan_reset(&p, m->ds))
		goto done;
	for (int j = 1; j <= m->ncols; j++)
		floored[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? lp_values[j]
				 : lp_values[j] > 1 - 1e-6 ? 1 : 0;
	model_decisions(m, floored, &p);
	if (meet_targets(m, &p, 0) < 0 || add_fractional_communes(m, lp_values, &p) < 0)
		goto done;
	rc = take_plan(m, &p, 0, x);
done:
	plan_release(&p);
	free(floored);
	return rc;
}
