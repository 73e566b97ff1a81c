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
		size_t c = list[i].commune;
		int k = list[i].criterion;
		if (list[i].cost > slack + MONEY_TOLERANCE)
			break;
		unsigned char completed[NTM_CRITERIA];
		int completion_year[NTM_CRITERIA];
		memcpy(completed, p.completed + c * NTM_CRITERIA, sizeof(completed));
		memcpy(completion_year, p.completion_year + c * NTM_CRITERIA, sizeof(completion_year));
		/* Only what the candidate adds is summed (plan_demand_add): a gap
		 * the plan already completes keeps its year, since the standard
		 * at the horizon and a gap on its own both complete at
		 * n - lead. */
		memcpy(trial, committed, cells * sizeof(*trial));
		if (k == 0) {
			plan_set_standard(&p, c, m->n);
			for (int gap = 1; gap <= NTM_CRITERIA; gap++)
				if (!completed[gap - 1])
					plan_demand_add(&p, &m->groups, c, gap, trial);
		} else {
			plan_set_completed(&p, c, k);
			plan_demand_add(&p, &m->groups, c, k, trial);
		}
		int short_of = funding_solve(ds, &m->groups, trial, NULL);
		if (short_of < 0)
			goto done;
		if (short_of == 0) {
			memcpy(committed, trial, cells * sizeof(*committed));
			added++;
			slack -= list[i].cost;
			continue;
		}
		/* The money does not suffice: undo. */
		p.standard_year[c] = -1;
		memcpy(p.completed + c * NTM_CRITERIA, completed, sizeof(completed));
		memcpy(p.completion_year + c * NTM_CRITERIA, completion_year, sizeof(completion_year));
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
