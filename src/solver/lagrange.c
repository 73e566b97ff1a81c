#include "lagrange.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "xalloc.h"

/*
 * Lagrangian bounds and fixing.
 *
 * Dualising the coupling rows (money, budgets, targets over many communes,
 * the rows that hold earlier stages) with multipliers y leaves one small
 * problem per commune: its standard year, or the gaps it completes without
 * reaching the standard, with its own shortfalls. For any y of the right
 * signs,
 *
 *     L(y) = Σ_r y_r b_r + Σ_shared max d_j x_j + Σ_c max over c's choices of Σ_j d_j x_j,
 *     d_j = c_j − Σ_r y_r a_rj,
 *
 * is an upper bound of the stage (in "maximise" form) by weak duality; with
 * the relaxation's duals it equals the relaxation's optimum (each commune's
 * own rows describe an integral polytope, docs/model.md). Forcing one
 * decision of one commune (u(c,τ) = 1, v(c,k) = 0, ...) changes only that
 * commune's term, so the best plan with that decision is bounded by
 * L − M_c + (c's best with the decision). When that is below what a plan
 * must reach to beat the incumbent, the decision is fixed the other way
 * (reduced-cost fixing, in its Lagrangian form, which is stronger than the
 * simplex's own reduced costs because the commune re-optimises the rest of
 * its choices). The bound stays valid whatever y is: only the sign of each
 * multiplier is checked, and a multiplier of the wrong sign is taken as 0.
 */



static enum fixing fixing_of(glp_prob *lp, int col)
{
	if (glp_get_col_type(lp, col) != GLP_FX)
		return FREE;
	return glp_get_col_lb(lp, col) > 0.5 ? AT_ONE : AT_ZERO;
}


/* Best value of not reaching the standard, with gap index `forced_in`
 * completed and `forced_out` not (-1: none); -HUGE_VAL when impossible. */
static double best_without_standard(const struct commune_choices *cc, int forced_in, int forced_out)
{
	double sorted[NTM_CRITERIA], base = cc->standard_short;
	int m = 0, taken = 0;
	if (cc->must_standard)
		return -HUGE_VAL;
	for (int i = 0; i < cc->count; i++) {
		int in = i == forced_in || cc->fixed[i] == AT_ONE;
		int out = i == forced_out || cc->fixed[i] == AT_ZERO;
		if (in && out)
			return -HUGE_VAL;
		if (out)
			continue;
		if (in) {
			base += cc->gain[i];
			taken++;
			continue;
		}
		/* insertion sort, largest first: at most 19 items */
		int j = m++;
		while (j > 0 && sorted[j - 1] < cc->gain[i]) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = cc->gain[i];
	}
	double best = -HUGE_VAL, prefix = 0;
	for (int j = 0; j <= m; j++) {
		if (j > 0)
			prefix += sorted[j - 1];
		double missing = cc->floor_need - (double)(j + taken);
		double value = base + prefix + (missing > 0 ? cc->floor_price * missing : 0);
		if (value > best)
			best = value;
	}
	return best;
}

/* Best value of reaching the standard in a year other than index `except`
 * (-1: any); -HUGE_VAL when impossible. */
static double best_with_standard(const struct commune_choices *cc, int except)
{
	double best = -HUGE_VAL;
	if (cc->cannot_standard)
		return best;
	for (int i = 0; i < cc->nyears; i++) {
		if (i == except || cc->standard_fixed[i] == AT_ZERO)
			continue;
		if (cc->must_standard && cc->standard_fixed[i] != AT_ONE)
			continue;
		if (cc->standard_gain[i] > best)
			best = cc->standard_gain[i];
	}
	return best;
}


int lagrange_columns_read(glp_prob *lp, struct lagrange_columns *lc)
{
	const int ncols = glp_get_num_cols(lp), nz = glp_get_num_nz(lp);
	memset(lc, 0, sizeof(*lc));
	lc->obj = malloc(((size_t)ncols + 1) * sizeof(*lc->obj));
	lc->start = malloc(((size_t)ncols + 2) * sizeof(*lc->start));
	lc->row = malloc(((size_t)nz + 1) * sizeof(*lc->row));
	lc->val = malloc(((size_t)nz + 1) * sizeof(*lc->val));
	if (!lc->obj || !lc->start || !lc->row || !lc->val) {
		lagrange_columns_release(lc);
		return -1;
	}
	lc->ncols = ncols;
	int at = 0;
	for (int j = 1; j <= ncols; j++) {
		lc->obj[j] = glp_get_obj_coef(lp, j);
		lc->start[j] = at;
		/* glp_get_mat_col writes from index 1: entry `at` is the slot
		 * before this column's first, and is overwritten harmlessly. */
		at += glp_get_mat_col(lp, j, lc->row + at, lc->val + at);
		for (int e = lc->start[j]; e < at; e++) {
			lc->row[e] = lc->row[e + 1];
			lc->val[e] = lc->val[e + 1];
		}
	}
	lc->start[ncols + 1] = at;
	return 0;
}

void lagrange_columns_release(struct lagrange_columns *lc)
{
	free(lc->obj);
	free(lc->start);
	free(lc->row);
	free(lc->val);
	memset(lc, 0, sizeof(*lc));
}

void lagrange_release(struct lagrange *lg)
{
	free(lg->d);
	free(lg->floor_need);
	free(lg->floor_col);
	free(lg->first_standard_short);
	free(lg->next_standard_short);
}

/* Computes d and the shared part of L from the duals of lg->lp's current
 * relaxation (lg->lp: the model or a copy with more rows and fixed
 * columns; rows the model does not own a commune for are coupling rows).
 * Returns 0, 1 when no finite bound follows from them (a shared column
 * with a positive d and no upper bound), -1 when out of memory. */
int lagrange_compute(const struct model *m, struct lagrange *lg)
{
	glp_prob *lp = lg->lp;
	const struct dataset *ds = m->ds;
	const int nrows = glp_get_num_rows(lp), model_rows = glp_get_num_rows(m->lp);
	const size_t nc = ds->ncommunes;
	const double sign = glp_get_obj_dir(lp) == GLP_MAX ? 1 : -1;
	double *y = calloc((size_t)nrows + 1, sizeof(*y));
	int *ind = malloc(((size_t)nrows + 1) * sizeof(*ind));
	double *val = malloc(((size_t)nrows + 1) * sizeof(*val));
	int rc = -1;

	lg->d = calloc((size_t)m->ncols + 1, sizeof(*lg->d));
	lg->floor_need = calloc((size_t)m->ncols + 1, sizeof(*lg->floor_need));
	lg->floor_col = calloc(nc + 1, sizeof(*lg->floor_col));
	lg->first_standard_short = calloc(nc + 1, sizeof(*lg->first_standard_short));
	lg->next_standard_short = calloc((size_t)m->ncols + 1, sizeof(*lg->next_standard_short));
	if (!y || !ind || !val || !lg->d || !lg->floor_need || !lg->floor_col ||
	    !lg->first_standard_short || !lg->next_standard_short)
		goto done;
	lg->bound = 0;
	lg->scale = 1;
	for (int r = 1; r <= nrows; r++) {
		if (r <= model_rows && m->row_owner[r] >= 0)
			continue;
		double dual = sign * (lg->duals ? lg->duals[r] : glp_get_row_dual(lp, r));
		int type = glp_get_row_type(lp, r);
		int has_ub = type == GLP_UP || type == GLP_DB || type == GLP_FX;
		int has_lb = type == GLP_LO || type == GLP_DB || type == GLP_FX;
		if ((dual > 0 && !has_ub) || (dual < 0 && !has_lb))
			dual = 0; /* wrong sign: noise; 0 keeps the bound valid */
		y[r] = dual;
		double term = dual * (dual > 0 ? glp_get_row_ub(lp, r) : glp_get_row_lb(lp, r));
		lg->bound += term;
		lg->scale += fabs(term);
	}
	double all_money = 0;
	for (size_t s = 0; s < ds->nsources; s++)
		for (int t = 0; t < ds->nyears; t++)
			all_money += dataset_budget(ds, t, s);
	const struct lagrange_columns *lc = lg->columns;
	for (int j = 1; j <= m->ncols; j++) {
		double dj;
		const int *col_row;
		const double *col_val;
		int len;
		if (lc) {
			dj = sign * lc->obj[j];
			col_row = lc->row + lc->start[j];
			col_val = lc->val + lc->start[j];
			len = lc->start[j + 1] - lc->start[j];
		} else {
			dj = sign * glp_get_obj_coef(lp, j);
			len = glp_get_mat_col(lp, j, ind, val);
			col_row = ind + 1;
			col_val = val + 1;
		}
		for (int i = 0; i < len; i++) {
			int r = col_row[i];
			if (r > model_rows || m->row_owner[r] < 0)
				dj -= y[r] * col_val[i];
			else if (m->col_kind[j] == COL_SHORT_FLOOR)
				lg->floor_need[j] = glp_get_row_lb(lp, r);
		}
		lg->d[j] = dj;
		int c = m->col_owner[j];
		if (m->col_kind[j] == COL_SHORT_FLOOR)
			lg->floor_col[c] = j;
		else if (m->col_kind[j] == COL_SHORT_STANDARD) {
			lg->next_standard_short[j] = lg->first_standard_short[c];
			lg->first_standard_short[c] = j;
		}
		if (c >= 0 || dj <= 0)
			continue;
		/* Shared columns: money flows (bounded by all the money) and
		 * shared shortfalls (no upper bound). */
		if (m->col_kind[j] == COL_MONEY) {
			lg->bound += dj * all_money;
			lg->scale += dj * all_money;
		} else if (dj > 1e-9) {
			rc = 1;
			goto done;
		}
	}
	rc = 0;
done:
	free(y);
	free(ind);
	free(val);
	return rc;
}

/* Fills commune c's subproblem. Returns 1 when a shortfall of c has a
 * positive d (no finite bound), 0 otherwise. */
int commune_choices_fill(const struct model *m, const struct lagrange *lg, size_t c,
			 struct commune_choices *cc)
{
	memset(cc, 0, sizeof(*cc));
	for (int t = 1; t <= m->n; t++) {
		int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
		if (!u)
			continue;
		int i = cc->nyears++;
		cc->standard_col[i] = u;
		cc->standard_gain[i] = lg->d[u];
		cc->standard_fixed[i] = fixing_of(lg->lp, u);
		cc->must_standard |= cc->standard_fixed[i] == AT_ONE;
	}
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
		if (!v)
			continue;
		int i = cc->count++;
		cc->col[i] = v;
		cc->gain[i] = lg->d[v];
		cc->fixed[i] = fixing_of(lg->lp, v);
		cc->cannot_standard |= cc->fixed[i] == AT_ONE;
	}
	int floor = lg->floor_col[c];
	if (floor) {
		cc->floor_price = lg->d[floor];
		cc->floor_need = lg->floor_need[floor];
		if (cc->floor_price > 1e-9)
			return 1;
		if (cc->floor_price > 0)
			cc->floor_price = 0;
	}
	for (int j = lg->first_standard_short[c]; j; j = lg->next_standard_short[j]) {
		if (lg->d[j] > 1e-9)
			return 1;
		cc->standard_short += lg->d[j] < 0 ? lg->d[j] : 0;
	}
	return 0;
}

static double commune_best(const struct commune_choices *cc)
{
	double with = best_with_standard(cc, -1), without = best_without_standard(cc, -1, -1);
	return with > without ? with : without;
}

/*
 * Fixes in `lp` (the model or a copy of it, with an optimal relaxation)
 * every free binary whose other value cannot lead to a plan reaching
 * `goal` (maximise form). Sets *hopeless when no plan at all can reach
 * it, and *bound to L(y). Returns the number of binaries fixed, or -1 when
 * out of memory (nothing is fixed when the duals give no finite bound).
 */
long lagrangian_fix(const struct model *m, glp_prob *lp, const double *duals,
		    double goal, int *hopeless, double *bound)
{
	const size_t nc = m->ds->ncommunes;
	struct lagrange lg = {0};
	double *best = calloc(nc + 1, sizeof(*best));
	struct commune_choices cc;
	long fixed = -1;

	lg.lp = lp;
	lg.duals = duals;
	*hopeless = 0;
	*bound = HUGE_VAL;
	if (!best)
		goto done;
	int ret = lagrange_compute(m, &lg);
	if (ret) {
		fixed = ret > 0 ? 0 : -1;
		goto done;
	}
	/* L(y): each commune's best choice. */
	for (size_t c = 0; c < nc; c++) {
		if (commune_choices_fill(m, &lg, c, &cc)) {
			fixed = 0;
			goto done;
		}
		best[c] = commune_best(&cc);
		if (best[c] == -HUGE_VAL) {
			/* The fixings leave c no choice: nothing reaches the goal. */
			*hopeless = 1;
			fixed = 0;
			goto done;
		}
		lg.bound += best[c];
		lg.scale += fabs(best[c]);
	}
	*bound = lg.bound;
	/* Rounding in the sums above must not fix what should stay free. */
	const double margin = 1e-9 * lg.scale + 1e-7;
	if (lg.bound < goal - margin) {
		*hopeless = 1;
		fixed = 0;
		goto done;
	}
	fixed = 0;
	for (size_t c = 0; c < nc; c++) {
		commune_choices_fill(m, &lg, c, &cc);
		const double others = lg.bound - best[c]; /* L without commune c's term */
		const double without = best_without_standard(&cc, -1, -1);
		const double with = best_with_standard(&cc, -1);
		for (int i = 0; i < cc.nyears; i++) {
			if (cc.standard_fixed[i] != FREE)
				continue;
			double if_other = best_with_standard(&cc, i);
			if (without > if_other)
				if_other = without;
			if (others + cc.standard_gain[i] < goal - margin) {
				glp_set_col_bnds(lp, cc.standard_col[i], GLP_FX, 0, 0);
				fixed++;
			} else if (others + if_other < goal - margin) {
				glp_set_col_bnds(lp, cc.standard_col[i], GLP_FX, 1, 1);
				fixed++;
			}
		}
		for (int i = 0; i < cc.count; i++) {
			if (cc.fixed[i] != FREE)
				continue;
			double if_done = best_without_standard(&cc, i, -1);
			double if_not = best_without_standard(&cc, -1, i);
			if (with > if_not)
				if_not = with;
			if (others + if_done < goal - margin) {
				glp_set_col_bnds(lp, cc.col[i], GLP_FX, 0, 0);
				fixed++;
			} else if (others + if_not < goal - margin) {
				glp_set_col_bnds(lp, cc.col[i], GLP_FX, 1, 1);
				fixed++;
			}
		}
	}
done:
	lagrange_release(&lg);
	free(best);
	return fixed;
}

