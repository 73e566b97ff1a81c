#include "decompose.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "lagrange.h"
#include "xalloc.h"

/*
 * The decomposition (Dantzig-Wolfe column generation), for large
 * instances: the relaxation of a stage is solved on a small master whose
 * rows are the coupling rows of the model plus one convexity row per
 * block of communes, and whose columns give every commune of a block a
 * whole plan (a standard year, or a set of gaps completed without the
 * standard, with the commune's shortfalls). Each round GLPK solves the
 * master; its duals price every commune's best plan (the Lagrangian
 * subproblem, solved exactly), a block's best plan is its communes' best
 * plans, and those that improve the master are added, until none does.
 * Since each commune's own rows describe an integral polytope, and a
 * block's polytope is the product of its communes', the master's optimum
 * equals the relaxation of the whole model, found without handing GLPK
 * the whole model.
 */

/* A commune's best plan under the duals of the last pricing. */
struct commune_plan {
	int standard;       /* index into commune_choices' years, or -1 */
	unsigned long gaps; /* bit i: gap cc.col[i] completed (without the standard) */
	double value;       /* its reduced value, maximise form */
};

static void commune_best_plan(const struct commune_choices *cc, struct commune_plan *out)
{
	int order[NTM_CRITERIA];
	out->standard = -1;
	out->gaps = 0;
	out->value = -HUGE_VAL;
	for (int i = 0; i < cc->nyears; i++)
		if (cc->standard_gain[i] > out->value) {
			out->value = cc->standard_gain[i];
			out->standard = i;
		}
	for (int i = 0; i < cc->count; i++) {
		int j = i;
		while (j > 0 && cc->gain[order[j - 1]] < cc->gain[i]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	double prefix = cc->standard_short;
	int best_count = -1;
	double best = -HUGE_VAL;
	for (int j = 0; j <= cc->count; j++) {
		if (j > 0)
			prefix += cc->gain[order[j - 1]];
		double missing = cc->floor_need - (double)j;
		double value = prefix + (missing > 0 ? cc->floor_price * missing : 0);
		if (value > best) {
			best = value;
			best_count = j;
		}
	}
	if (best > out->value) {
		out->value = best;
		out->standard = -1;
		for (int j = 0; j < best_count; j++)
			out->gaps |= 1UL << order[j];
	}
}

/* The values a commune plan gives the commune's columns, added (times
 * `weight`) into x. */
static void commune_plan_values(const struct model *m, const struct lagrange *lg, size_t c,
				const struct commune_choices *cc, const struct commune_plan *pl,
				double weight, double *x)
{
	int completed = 0;
	if (pl->standard >= 0) {
		x[cc->standard_col[pl->standard]] += weight;
		return;
	}
	for (int i = 0; i < cc->count; i++)
		if (pl->gaps & (1UL << i)) {
			x[cc->col[i]] += weight;
			completed++;
		}
	int floor = lg->floor_col[c];
	if (floor && cc->floor_need > completed)
		x[floor] += weight * (cc->floor_need - completed);
	for (int j = lg->first_standard_short[c]; j; j = lg->next_standard_short[j])
		x[j] += weight;
	(void)m;
}

/* ms->owner of a shared column, and of an artificial one (block columns
 * are owned by their block, 0 up). */
#define MASTER_SHARED (-1)
#define MASTER_ARTIFICIAL (-2)

struct master {
	glp_prob *lp;
	int *row_of;          /* [model row]: master row, 0 when not coupling */
	int first_convexity;  /* master row of block 0's convexity row */
	int *col_of_shared;   /* [model col]: master column of a shared column */
	/* Blocks: runs of consecutive communes, each with one convexity row
	 * (master_blocks()); block b holds communes block_start[b] to
	 * block_start[b + 1] - 1. */
	size_t nblocks;
	size_t *block_start;
	/* per master column: the block (MASTER_SHARED, MASTER_ARTIFICIAL for
	 * the others) and, for a block's column, where its plans (one per
	 * commune of the block, in order) start in `plans` */
	int *owner;
	size_t *plan_at;
	size_t alloc;
	struct commune_plan *plans;
	size_t nplans, plans_alloc;
	double *coef;         /* scratch, per master row */
	int *seen;            /* scratch, per master row: last column touching it */
	int *ind;
	double *val;
	double *zero_duals;   /* all 0, per model row */
	int *last_column;     /* per block: its newest column, 0 when none */
	int *previous_column; /* per master column: the same block's column
			       * before it, 0 when none */
	struct commune_plan *priced; /* scratch: a block's plans, per commune */
	struct lagrange_columns columns; /* the model's, read once */
	int scaled;          /* master_scale() before every solve */
	double *block_largest; /* per master row: the largest |coefficient| of
				* a block's column in it (master_add_plan) */
};

static void master_release(struct master *ms)
{
	if (ms->lp)
		glp_delete_prob(ms->lp);
	free(ms->row_of);
	free(ms->col_of_shared);
	free(ms->owner);
	free(ms->plan_at);
	free(ms->plans);
	free(ms->block_start);
	free(ms->priced);
	lagrange_columns_release(&ms->columns);
	free(ms->block_largest);
	free(ms->coef);
	free(ms->seen);
	free(ms->ind);
	free(ms->val);
	free(ms->zero_duals);
	free(ms->last_column);
	free(ms->previous_column);
}

/* The number of communes in block b. */
static size_t block_size(const struct master *ms, size_t b)
{
	return ms->block_start[b + 1] - ms->block_start[b];
}

/* A new master column owned by `owner` (a block, MASTER_SHARED or
 * MASTER_ARTIFICIAL). Returns its index, or -1 when out of memory. */
static int master_new_column(struct master *ms, int owner)
{
	int col = glp_add_cols(ms->lp, 1);
	size_t alloc = ms->alloc;
	if (grow_array((void **)&ms->owner, &alloc, (size_t)col + 1, sizeof(*ms->owner)))
		return -1;
	alloc = ms->alloc;
	if (grow_array((void **)&ms->plan_at, &alloc, (size_t)col + 1, sizeof(*ms->plan_at)))
		return -1;
	alloc = ms->alloc;
	if (grow_array((void **)&ms->previous_column, &alloc, (size_t)col + 1,
		       sizeof(*ms->previous_column)))
		return -1;
	ms->alloc = alloc;
	ms->owner[col] = owner;
	ms->plan_at[col] = ms->nplans;
	ms->previous_column[col] = owner >= 0 ? ms->last_column[owner] : 0;
	if (owner >= 0)
		ms->last_column[owner] = col;
	return col;
}

/* Whether block b's plans pl[] (one per commune) are a column of the
 * master already. */
static int master_has_plan(const struct master *ms, size_t b, const struct commune_plan *pl)
{
	const size_t size = block_size(ms, b);
	for (int col = ms->last_column[b]; col; col = ms->previous_column[col]) {
		const struct commune_plan *have = &ms->plans[ms->plan_at[col]];
		size_t i = 0;
		while (i < size && have[i].standard == pl[i].standard && have[i].gaps == pl[i].gaps)
			i++;
		if (i == size)
			return 1;
	}
	return 0;
}

/* Adds block b's plans pl[] (one per commune of the block) as a master
 * column: its coefficients are the sums of the communes' plans'. The
 * communes' structure (which model column is which) is read from lg.
 * Returns 0 or -1. */
static int master_add_plan(struct master *ms, const struct model *m, const struct lagrange *lg,
			   size_t b, const struct commune_plan *pl, double *scratch_x)
{
	const size_t first = ms->block_start[b], size = block_size(ms, b);
	struct commune_choices cc;
	int col = master_new_column(ms, (int)b);
	if (col < 0)
		return -1;
	if (grow_array((void **)&ms->plans, &ms->plans_alloc, ms->nplans + size, sizeof(*ms->plans)))
		return -1;
	memcpy(&ms->plans[ms->nplans], pl, size * sizeof(*pl));
	ms->nplans += size;
	glp_set_col_bnds(ms->lp, col, GLP_LO, 0, 0);
	double obj = 0;
	int len = 0;
	for (size_t i = 0; i < size; i++) {
		const size_t c = first + i;
		/* The plan's columns and values, then its coefficients. */
		int touched[NTM_MAX_YEARS_CAP + NTM_CRITERIA + 8], ntouched = 0;
		commune_choices_fill(m, lg, c, &cc);
		commune_plan_values(m, lg, c, &cc, &pl[i], 1, scratch_x);
		for (int k = 0; k < cc.nyears; k++)
			if (scratch_x[cc.standard_col[k]] != 0)
				touched[ntouched++] = cc.standard_col[k];
		for (int k = 0; k < cc.count; k++)
			if (scratch_x[cc.col[k]] != 0)
				touched[ntouched++] = cc.col[k];
		if (lg->floor_col[c] && scratch_x[lg->floor_col[c]] != 0)
			touched[ntouched++] = lg->floor_col[c];
		for (int j = lg->first_standard_short[c]; j; j = lg->next_standard_short[j])
			if (scratch_x[j] != 0)
				touched[ntouched++] = j;
		for (int t = 0; t < ntouched; t++) {
			int j = touched[t];
			double xj = scratch_x[j];
			scratch_x[j] = 0;
			obj += ms->columns.obj[j] * xj;
			for (int e = ms->columns.start[j]; e < ms->columns.start[j + 1]; e++) {
				int mr = ms->row_of[ms->columns.row[e]];
				if (!mr)
					continue;
				if (ms->seen[mr] != col) {
					ms->seen[mr] = col;
					ms->ind[++len] = mr;
				}
				ms->coef[mr] += ms->columns.val[e] * xj;
			}
		}
	}
	int out = 0;
	for (int i = 1; i <= len; i++) {
		int mr = ms->ind[i];
		if (ms->coef[mr] != 0) {
			ms->ind[++out] = mr;
			ms->val[out] = ms->coef[mr];
			if (fabs(ms->coef[mr]) > ms->block_largest[mr])
				ms->block_largest[mr] = fabs(ms->coef[mr]);
		}
		ms->coef[mr] = 0;
	}
	/* ind/val were reused in place: entries 1..out are the compacted ones. */
	ms->ind[++out] = ms->first_convexity + (int)b;
	ms->val[out] = 1;
	glp_set_mat_col(ms->lp, col, out, ms->ind, ms->val);
	glp_set_obj_coef(ms->lp, col, obj);
	return 0;
}

/* The plan of commune c in the solution x (warm start of the master). */
static void commune_plan_of(const struct commune_choices *cc, const double *x,
			    struct commune_plan *pl)
{
	pl->standard = -1;
	pl->gaps = 0;
	pl->value = 0;
	for (int i = 0; i < cc->nyears; i++)
		if (x[cc->standard_col[i]] > 0.5)
			pl->standard = i;
	if (pl->standard >= 0)
		return;
	for (int i = 0; i < cc->count; i++)
		if (x[cc->col[i]] > 0.5)
			pl->gaps |= 1UL << i;
}

/* The master's solution in the model's columns: shared columns as they
 * are, each commune's columns as the λ-weighted sum of its plans in its
 * block's columns. */
static void master_solution(const struct master *ms, const struct model *m, double *x)
{
	struct lagrange lg = {0};
	struct commune_choices cc;
	for (int j = 1; j <= m->ncols; j++)
		x[j] = ms->col_of_shared[j] ? glp_get_col_prim(ms->lp, ms->col_of_shared[j]) : 0;
	/* Only the commune structure is needed here (which column is which). */
	lg.lp = m->lp;
	lg.columns = &ms->columns;
	lg.duals = ms->zero_duals;
	if (lagrange_compute(m, &lg) == 0) {
		int mcols = glp_get_num_cols(ms->lp);
		for (int col = 1; col <= mcols; col++) {
			double lambda = glp_get_col_prim(ms->lp, col);
			int b = ms->owner[col];
			if (b < 0 || lambda <= 1e-12)
				continue;
			const struct commune_plan *pl = &ms->plans[ms->plan_at[col]];
			for (size_t c = ms->block_start[b]; c < ms->block_start[b + 1]; c++, pl++) {
				commune_choices_fill(m, &lg, c, &cc);
				commune_plan_values(m, &lg, c, &cc, pl, lambda, x);
			}
		}
	}
	lagrange_release(&lg);
}

/* The power of 2 nearest to 1 / x (x > 0). */
static double inverse_power_of_2(double x)
{
	return ldexp(1, -(int)lround(log2(x)));
}

/* largest[r]: the largest |coefficient| times its column's factor in
 * master row r over the columns that are not a block's (money flows,
 * shortfalls, artificial columns: a few hundred). */
static void rows_largest_shared(const struct master *ms, double *largest, int *ind, double *val)
{
	const int nrows = glp_get_num_rows(ms->lp), ncols = glp_get_num_cols(ms->lp);
	memset(largest, 0, ((size_t)nrows + 1) * sizeof(*largest));
	for (int j = 1; j <= ncols; j++) {
		if (ms->owner[j] >= 0)
			continue;
		double factor = glp_get_sjj(ms->lp, j);
		int len = glp_get_mat_col(ms->lp, j, ind, val);
		for (int i = 1; i <= len; i++)
			if (fabs(val[i]) * factor > largest[ind[i]])
				largest[ind[i]] = fabs(val[i]) * factor;
	}
}

/*
 * Scales the master (GLPK's row and column factors): each row by the
 * power of 2 nearest to the inverse of its largest coefficient in a
 * block's column, each shared or artificial column so that its largest
 * scaled coefficient is near 1, and a row no block's column touches (the
 * budgets) by its largest scaled coefficient. Blocks' columns stay
 * unscaled, for two reasons:
 * - GLPK's tolerance on reduced costs applies to the scaled columns, and
 *   a block's column is the sum of its communes' plans (money
 *   coefficients of 10^7): with glp_scale_prob's factors, recomputed
 *   every round, no stage of 3,000 synthetic communes in 63 blocks had a
 *   relaxation within its 10 s; with these, stage 1's took 46 rounds and
 *   1.1 s (NTM_SOLVER_TRACE=1). Unscaled, GLPK found the basis "singular
 *   to working precision" in the first round of each stage;
 * - new columns come in every round, and GLPK gives a new column the
 *   factor 1.
 * Recomputed every round (the rows' largest coefficients grow with the
 * columns), before GLPK factorises the basis again. Returns 0 or -1 (out
 * of memory: the master stays as it was).
 */
static int master_scale(struct master *ms)
{
	const int nrows = glp_get_num_rows(ms->lp), ncols = glp_get_num_cols(ms->lp);
	const double *by_blocks = ms->block_largest;
	double *by_others = malloc(((size_t)nrows + 1) * sizeof(*by_others));
	int *ind = malloc(((size_t)nrows + 1) * sizeof(*ind));
	double *val = malloc(((size_t)nrows + 1) * sizeof(*val));
	int rc = -1;
	if (!by_others || !ind || !val)
		goto done;
	for (int r = 1; r <= nrows; r++)
		glp_set_rii(ms->lp, r, by_blocks[r] > 0 ? inverse_power_of_2(by_blocks[r]) : 1);
	/* Other columns by the rows the blocks scaled. */
	for (int j = 1; j <= ncols; j++) {
		if (ms->owner[j] >= 0)
			continue;
		double most = 0;
		int len = glp_get_mat_col(ms->lp, j, ind, val);
		for (int i = 1; i <= len; i++)
			if (by_blocks[ind[i]] > 0 && fabs(val[i]) * glp_get_rii(ms->lp, ind[i]) > most)
				most = fabs(val[i]) * glp_get_rii(ms->lp, ind[i]);
		glp_set_sjj(ms->lp, j, most > 0 ? inverse_power_of_2(most) : 1);
	}
	/* Then the rows no block's column touches (the budgets), by those
	 * columns as scaled. */
	rows_largest_shared(ms, by_others, ind, val);
	for (int r = 1; r <= nrows; r++)
		if (by_blocks[r] == 0 && by_others[r] > 0)
			glp_set_rii(ms->lp, r, inverse_power_of_2(by_others[r]));
	rc = 0;
done:
	free(by_others);
	free(ind);
	free(val);
	return rc;
}

/* Whether a column at its lower bound in the master's solution has a
 * reduced cost that improves the objective by more than 10^-6 (relative to
 * its objective coefficient). `sign`: 1 to maximise, -1 to minimise. */
static int master_not_optimal(const struct master *ms, double sign)
{
	const int ncols = glp_get_num_cols(ms->lp);
	for (int j = 1; j <= ncols; j++)
		if (glp_get_col_stat(ms->lp, j) == GLP_NL &&
		    sign * glp_get_col_dual(ms->lp, j) > 1e-6 * (1 + fabs(glp_get_obj_coef(ms->lp, j))))
			return 1;
	return 0;
}

/* GLPK's simplex on the master, from its present basis, with the ways
 * back when GLPK fails on it or ends where a column still prices in
 * (`round` for the trace). Returns glp_simplex()'s code, or -1 when out of
 * memory (scaling). */
static int master_simplex(struct master *ms, const struct model *m, glp_smcp *parm, int round,
			  double deadline)
{
	const double sign = glp_get_obj_dir(m->lp) == GLP_MAX ? 1 : -1;
	parm->tm_lim = model_time_left(deadline);
	int simplex_ret = glp_simplex(ms->lp, parm);
	if (simplex_ret == GLP_EFAIL || simplex_ret == GLP_ESING || simplex_ret == GLP_ECOND) {
		/* The basis GLPK starts from can be too ill-conditioned
		 * for it: the starting basis (master_starting_basis; seen
		 * on data/dienbien's stage 1), or the last round's once
		 * columns are added (synthetic 3,000 communes, stage 1,
		 * round 1: "solver failure", the basis "singular to working
		 * precision"). First the master is scaled (for good: money
		 * coefficients of 10^5 beside the convexity rows' 1) and
		 * solved again from the same basis, which at 3,000
		 * communes took 2 s where a solve from the slack basis
		 * took 4.4 s; if GLPK still fails, from the slack basis. */
		if (model_tracing(m))
			model_trace(m, "master round %d: GLPK failed (%d)%s\n", round, simplex_ret,
				    ms->scaled ? "" : ", master scaled");
		if (!ms->scaled) {
			ms->scaled = 1;
			if (master_scale(ms))
				return -1;
			parm->tm_lim = model_time_left(deadline);
			simplex_ret = glp_simplex(ms->lp, parm);
		}
		if (simplex_ret == GLP_EFAIL || simplex_ret == GLP_ESING ||
		    simplex_ret == GLP_ECOND) {
			if (model_tracing(m))
				model_trace(m, "master round %d: GLPK failed again (%d), slack basis\n",
					    round, simplex_ret);
			glp_std_basis(ms->lp);
			parm->tm_lim = model_time_left(deadline);
			simplex_ret = glp_simplex(ms->lp, parm);
		}
	}
	if (!simplex_ret && glp_get_status(ms->lp) == GLP_OPT && master_not_optimal(ms, sign)) {
		/* GLPK's warm start can end on a basis it calls optimal
		 * where a column's reduced cost, recomputed from the
		 * solution GLPK reports, still improves (seen with blocks
		 * of communes: reduced costs of 4.6 at 3,000 communes,
		 * where a solve from scratch of the same master, by
		 * glpsol, went on to the optimum). From the slack basis
		 * GLPK rebuilds its factorisation and prices afresh. */
		if (model_tracing(m))
			model_trace(m, "master round %d: not optimal, solved again from the slack basis\n",
				    round);
		glp_std_basis(ms->lp);
		parm->tm_lim = model_time_left(deadline);
		simplex_ret = glp_simplex(ms->lp, parm);
	}
	return simplex_ret;
}

/* Column generation to the master's optimum; blocks with fixed[b] are
 * not priced. Leaves the duals of the model's coupling rows in `duals`.
 * *lagrangian is the least L(y) of its rounds' duals (maximise form;
 * HUGE_VAL when none had a finite value): an upper bound whatever the
 * duals, and the relaxation's optimum once no plan prices above the
 * master. When the last round priced above tolerance only plans the master
 * has already, *stalled is set and the master's optimum may fall short of
 * the relaxation's. Returns 0, 1 when the master is infeasible or out of
 * time or rounds (*lagrangian still a bound), -1 when out of memory. */
static int master_optimise(struct master *ms, struct model *m, const int *fixed, double deadline,
			   double *duals, double *scratch,
			   int *rounds, int *columns, int *stalled, double *lagrangian)
{
	const int nrows = glp_get_num_rows(m->lp);
	const double sign = glp_get_obj_dir(m->lp) == GLP_MAX ? 1 : -1;
	struct commune_choices cc;
	glp_smcp parm;
	int pricing_rounds = 0;
	const int max_rounds = m->params.master_max_rounds;
	*lagrangian = HUGE_VAL;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	for (;; (*rounds)++) {
		struct lagrange lg = {0};
		if (ms->scaled && master_scale(ms))
			return -1;
		double simplex_started = model_clock();
		int simplex_ret = master_simplex(ms, m, &parm, *rounds, deadline);
		if (simplex_ret < 0)
			return -1;
		if (simplex_ret || glp_get_status(ms->lp) != GLP_OPT)
			return 1;
		double simplex_seconds = model_clock() - simplex_started;
		for (int r = 1; r <= nrows; r++)
			duals[r] = ms->row_of[r] ? glp_get_row_dual(ms->lp, ms->row_of[r]) : 0;
		lg.lp = m->lp;
		lg.columns = &ms->columns;
		lg.duals = duals;
		int ret = lagrange_compute(m, &lg);
		if (ret) {
			lagrange_release(&lg);
			return ret;
		}
		int added = 0;
		double round_bound = lg.bound;
		*stalled = 0;
		for (size_t b = 0; b < ms->nblocks; b++) {
			if (fixed[b]) {
				round_bound = HUGE_VAL; /* not priced: no bound here */
				continue;
			}
			/* The block's best plan is its communes' best plans. */
			double value = 0;
			struct commune_plan *pl = ms->priced;
			for (size_t c = ms->block_start[b]; c < ms->block_start[b + 1]; c++, pl++) {
				if (commune_choices_fill(m, &lg, c, &cc))
					round_bound = HUGE_VAL;
				commune_best_plan(&cc, pl);
				value += pl->value;
			}
			if (round_bound != HUGE_VAL)
				round_bound += value;
			double mu = sign * glp_get_row_dual(ms->lp, ms->first_convexity + (int)b);
			/* Above GLPK's own tolerance on reduced costs (1e-7, scaled):
			 * a column it would not let in must not be added again. Nor
			 * one already there: GLPK's tolerance applies to the scaled
			 * master (below), and with it a column can price above this
			 * one and still be left out at GLPK's optimum. */
			if (value > mu + 1e-6 * (1 + fabs(mu))) {
				if (master_has_plan(ms, b, ms->priced)) {
					(*stalled)++;
					continue;
				}
				if (master_add_plan(ms, m, &lg, b, ms->priced, scratch)) {
					lagrange_release(&lg);
					return -1;
				}
				added++;
			}
		}
		lagrange_release(&lg);
		if (round_bound < *lagrangian)
			*lagrangian = round_bound;
		*columns += added;
		if (model_tracing(m))
			model_trace(m, "master round %d: %.6f (simplex %.3f s, %d iterations in all), %d columns added\n",
				    *rounds, glp_get_obj_val(ms->lp), simplex_seconds,
				    glp_get_it_cnt(ms->lp), added);
		if (!added)
			return 0;
		if ((deadline > 0 && model_clock() > deadline) || ++pricing_rounds > max_rounds)
			return 1;
	}
}

/* Gives every commune column but the commune's basic[] one the bounds
 * `type` (GLP_FX: held at 0; GLP_LO: free above 0, as master_add_plan
 * sets them). */
static void other_plans_bounds(struct master *ms, const int *basic, int type)
{
	const int ncols = glp_get_num_cols(ms->lp);
	for (int col = 1; col <= ncols; col++) {
		int c = ms->owner[col];
		if (c >= 0 && basic[c] != col)
			glp_set_col_bnds(ms->lp, col, type, 0, 0);
	}
}

/*
 * The start's money, before the first round: with each commune held to
 * its plan in the start (its other columns fixed at 0), the master's
 * simplex only has to find money flows that pay for them (34 to 54
 * iterations at 3,000 and 8,900 communes, NTM_SOLVER_TRACE=1). Left free,
 * GLPK's first phase makes the starting basis feasible by moving
 * communes to their plan of doing nothing (less money needed),
 * and its second phase moves them back: at 8,900 communes, stage 1, that
 * took 22,888 iterations and 14 s for a master whose optimum was the
 * start itself. The columns are freed again afterwards; the basis found
 * is feasible for the whole master. Should GLPK fail here, the first
 * round starts from wherever this left the basis (and falls back from
 * there as any round does).
 */
static void master_feasible_start(struct master *ms, const struct model *m, const int *basic,
				  double deadline)
{
	glp_smcp parm;
	other_plans_bounds(ms, basic, GLP_FX); /* held at 0 */
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = model_time_left(deadline);
	int ret = glp_simplex(ms->lp, &parm);
	if (model_tracing(m))
		model_trace(m, "master: start held, money found (ret %d, %d iterations)\n", ret,
			    glp_get_it_cnt(ms->lp));
	other_plans_bounds(ms, basic, GLP_LO); /* free again */
}

/*
 * Artificial columns, one per side of each coupling row, at a penalty no
 * dual can reach: the master stays feasible when the dive fixes communes,
 * and new columns can then restore the rows (a plan with an artificial
 * column above 0 is not a plan). They are added only for the dive: the
 * master before it is feasible without them (its start is a plan), and
 * with their penalty, 1,000 times the largest objective coefficient,
 * GLPK's simplex ended on bases it called optimal with reduced costs of
 * 1 to 5 left (why, inside GLPK, is not established). Stage 1 of 3,000
 * synthetic communes in 63 blocks, round 5: GLPK's solve gave 360.36,
 * glpsol on the same master 420.57, CBC and glpsol --exact 421.46;
 * without the artificial columns no such reduced cost was left in any
 * stage (master_not_optimal()).
 * Returns 0 or -1 (out of memory).
 */
static int master_add_artificials(struct master *ms, const struct model *m)
{
	const int nrows = glp_get_num_rows(m->lp);
	double biggest = 0;
	for (int j = 1; j <= m->ncols; j++)
		if (fabs(glp_get_obj_coef(m->lp, j)) > biggest)
			biggest = fabs(glp_get_obj_coef(m->lp, j));
	const double penalty = 1e3 * (1 + biggest) * (glp_get_obj_dir(m->lp) == GLP_MAX ? -1 : 1);
	for (int r = 1; r <= nrows; r++) {
		int mr = ms->row_of[r];
		if (!mr)
			continue;
		int type = glp_get_row_type(m->lp, r);
		for (int side = 0; side < 2; side++) {
			int lower = side == 0;
			if (lower ? !(type == GLP_LO || type == GLP_DB || type == GLP_FX)
				  : !(type == GLP_UP || type == GLP_DB || type == GLP_FX))
				continue;
			int col = master_new_column(ms, MASTER_ARTIFICIAL);
			if (col < 0)
				return -1;
			int ind[2] = {0, mr};
			double val[2] = {0, lower ? 1 : -1};
			glp_set_mat_col(ms->lp, col, 1, ind, val);
			glp_set_col_bnds(ms->lp, col, GLP_LO, 0, 0);
			glp_set_obj_coef(ms->lp, col, penalty);
		}
	}
	return 0;
}

/*
 * The master's blocks: runs of consecutive communes (the dataset's order,
 * by district), `most` of them at most (solve_params.master_blocks), each
 * with one convexity row and columns that give every commune of the block
 * a plan. A block's polytope is the product of its communes', so the
 * master's optimum is the relaxation's whatever the blocks (docs/model.md);
 * fewer blocks make a master with fewer rows, whose simplex pivots are
 * cheaper, and need more pricing rounds. Returns 0 or -1 (out of memory).
 */
static int master_blocks(struct master *ms, size_t nc, size_t most)
{
	size_t nblocks = nc < most ? nc : most;
	if (!nblocks)
		nblocks = 1; /* no commune: one empty block */
	ms->nblocks = nblocks;
	ms->block_start = malloc((nblocks + 1) * sizeof(*ms->block_start));
	ms->last_column = calloc(nblocks + 1, sizeof(*ms->last_column));
	ms->priced = malloc((nc / nblocks + 2) * sizeof(*ms->priced));
	if (!ms->block_start || !ms->last_column || !ms->priced)
		return -1;
	for (size_t b = 0; b <= nblocks; b++)
		ms->block_start[b] = b * nc / nblocks;
	return 0;
}

/*
 * A starting basis for the master: each block's first column (its
 * communes' plans in the start solution, else doing nothing) basic in its
 * convexity row, the coupling rows' slacks basic, every other column at a
 * bound. Without it GLPK starts from the slack basis and spends one
 * phase-1 pivot per block to enter a plan (8,920 pivots, 1.5 s at 8,900
 * communes with one commune per block); with it
 * only the coupling rows the start leaves unbalanced (its money flows,
 * which start at 0) need repair. The basis is valid: convexity rows are
 * equalities whose one basic column has coefficient 1 there, so the basis
 * matrix is block triangular with unit diagonal blocks.
 */
static void master_starting_basis(struct master *ms, const int *basic)
{
	int nrows = glp_get_num_rows(ms->lp), ncols = glp_get_num_cols(ms->lp);
	for (int r = 1; r <= nrows; r++)
		glp_set_row_stat(ms->lp, r, r < ms->first_convexity ? GLP_BS : GLP_NS);
	for (int j = 1; j <= ncols; j++) {
		int type = glp_get_col_type(ms->lp, j);
		glp_set_col_stat(ms->lp, j, type == GLP_FX ? GLP_NS : type == GLP_FR ? GLP_NF
					    : type == GLP_UP ? GLP_NU : GLP_NL);
	}
	for (size_t b = 0; b < ms->nblocks; b++)
		glp_set_col_stat(ms->lp, basic[b], GLP_BS);
}

/*
 * The master's first columns, per block: the plan of doing nothing, and
 * the plans of `start` (NULL: none) when any commune of the block does
 * something in it. basic[b] is the last of them, the column basic in the
 * block's convexity row at first (master_starting_basis()). `lg` gives the
 * communes' structure. Returns 0 or -1 (out of memory).
 */
static int master_first_columns(struct master *ms, const struct model *m,
				const struct lagrange *lg, const double *start, double *scratch,
				int *basic)
{
	struct commune_choices cc;
	for (size_t b = 0; b < ms->nblocks; b++) {
		const size_t size = block_size(ms, b);
		int does_something = 0;
		for (size_t i = 0; i < size; i++)
			ms->priced[i] = (struct commune_plan){-1, 0, 0};
		if (master_add_plan(ms, m, lg, b, ms->priced, scratch))
			return -1;
		basic[b] = glp_get_num_cols(ms->lp);
		if (!start)
			continue;
		for (size_t i = 0; i < size; i++) {
			commune_choices_fill(m, lg, ms->block_start[b] + i, &cc);
			commune_plan_of(&cc, start, &ms->priced[i]);
			does_something |= ms->priced[i].standard >= 0 || ms->priced[i].gaps;
		}
		if (does_something) {
			if (master_add_plan(ms, m, lg, b, ms->priced, scratch))
				return -1;
			basic[b] = glp_get_num_cols(ms->lp);
		}
	}
	return 0;
}

/*
 * Diving, for a first plan: fix the block (a commune, when blocks are
 * communes) whose plan is closest to being chosen alone (largest λ below
 * 1) to that plan, solve the master again (with new columns for the
 * others), and so on until every block has one plan: a plan of the whole
 * model, with the master's money flows, in dive_x (*dive_found = 1).
 * Stops without a plan when the master becomes infeasible or time runs
 * out. `fixed` (per block) holds the blocks fixed so far. Returns 0, or -1
 * when out of memory.
 */
static int master_dive(struct master *ms, struct model *m, int *fixed, double deadline,
		       double *scratch, int *rounds, int *columns, double *dive_x, int *dive_found)
{
	int stalled = 0;
	double lagrangian = HUGE_VAL;
	if (master_add_artificials(ms, m))
		return -1;
	double *dive_duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(*dive_duals));
	if (!dive_duals)
		return -1;
	int rc = 0;
	for (int dive = 0;; dive++) {
		int mcols = glp_get_num_cols(ms->lp), pick = 0;
		double pick_lambda = -1;
		for (int col = 1; col <= mcols; col++) {
			int b = ms->owner[col];
			if (b < 0 || fixed[b])
				continue;
			double lambda = glp_get_col_prim(ms->lp, col);
			if (lambda > 1 - 1e-7) {
				fixed[b] = col; /* already alone: keep it */
				continue;
			}
			if (lambda > 1e-7 && lambda > pick_lambda) {
				pick_lambda = lambda;
				pick = col;
			}
		}
		if (!pick) {
			double artificial = 0;
			for (int col = 1; col <= mcols; col++)
				if (ms->owner[col] == MASTER_ARTIFICIAL)
					artificial += glp_get_col_prim(ms->lp, col);
			if (artificial > 1e-6) {
				if (model_tracing(m))
					model_trace(m, "decomposition: dive ended infeasible (%g)\n", artificial);
				break;
			}
			master_solution(ms, m, dive_x);
			for (int j = 1; j <= m->ncols; j++)
				if (glp_get_col_kind(m->lp, j) != GLP_CV)
					dive_x[j] = floor(dive_x[j] + 0.5);
			*dive_found = 1;
			if (model_tracing(m))
				model_trace(m, "decomposition: dive of %d steps, plan %.6f\n", dive,
					model_objective_of(m->lp, m->ncols, dive_x));
			break;
		}
		int b = ms->owner[pick];
		fixed[b] = pick;
		for (int col = 1; col <= mcols; col++)
			if (ms->owner[col] == b && col != pick)
				glp_set_col_bnds(ms->lp, col, GLP_FX, 0, 0);
		/* Every block still at one plan is held there too: the dive
		 * only ever narrows. */
		for (int col = 1; col <= mcols; col++) {
			int o = ms->owner[col];
			if (o >= 0 && fixed[o] && fixed[o] != col &&
			    glp_get_col_type(ms->lp, col) != GLP_FX)
				glp_set_col_bnds(ms->lp, col, GLP_FX, 0, 0);
		}
		int ret = master_optimise(ms, m, fixed, deadline, dive_duals, scratch, rounds, columns,
					  &stalled, &lagrangian);
		if (ret < 0) {
			rc = -1;
			break;
		}
		if (ret > 0) {
			if (model_tracing(m))
				model_trace(m, "decomposition: dive stopped after %d steps\n", dive + 1);
			break;
		}
	}
	free(dive_duals);
	return rc;
}

/* The master's rows (the model's coupling rows as they are, then one
 * convexity row per block), its scratch arrays, and the model's shared
 * columns as they are. Returns 0, or -1 when out of memory. */
static int master_build(struct master *ms, struct model *m)
{
	const int nrows = glp_get_num_rows(m->lp);
	int *mat_ind = malloc(((size_t)nrows + 1) * sizeof(*mat_ind));
	double *mat_val = malloc(((size_t)nrows + 1) * sizeof(*mat_val));
	int rc = -1;

	ms->row_of = calloc((size_t)nrows + 1, sizeof(*ms->row_of));
	ms->col_of_shared = calloc((size_t)m->ncols + 1, sizeof(*ms->col_of_shared));
	if (!mat_ind || !mat_val || !ms->row_of || !ms->col_of_shared ||
	    lagrange_columns_read(m->lp, &ms->columns))
		goto done;
	ms->lp = glp_create_prob();
	glp_set_obj_dir(ms->lp, glp_get_obj_dir(m->lp));
	for (int r = 1; r <= nrows; r++) {
		if (m->row_owner[r] >= 0)
			continue;
		int mr = glp_add_rows(ms->lp, 1);
		glp_set_row_bnds(ms->lp, mr, glp_get_row_type(m->lp, r), glp_get_row_lb(m->lp, r),
				 glp_get_row_ub(m->lp, r));
		ms->row_of[r] = mr;
	}
	if (master_blocks(ms, m->ds->ncommunes, m->params.master_blocks))
		goto done;
	ms->first_convexity = glp_add_rows(ms->lp, (int)ms->nblocks);
	for (size_t b = 0; b < ms->nblocks; b++)
		glp_set_row_bnds(ms->lp, ms->first_convexity + (int)b, GLP_FX, 1, 1);
	const int mrows = glp_get_num_rows(ms->lp);
	ms->coef = calloc((size_t)mrows + 1, sizeof(*ms->coef));
	ms->block_largest = calloc((size_t)mrows + 1, sizeof(*ms->block_largest));
	ms->seen = calloc((size_t)mrows + 1, sizeof(*ms->seen));
	ms->ind = malloc(((size_t)mrows + 2) * sizeof(*ms->ind));
	ms->val = malloc(((size_t)mrows + 2) * sizeof(*ms->val));
	if (!ms->coef || !ms->seen || !ms->ind || !ms->val || !ms->block_largest)
		goto done;
	/* Shared columns, as they are. */
	for (int j = 1; j <= m->ncols; j++) {
		if (m->col_owner[j] >= 0)
			continue;
		int col = master_new_column(ms, MASTER_SHARED);
		if (col < 0)
			goto done;
		ms->col_of_shared[j] = col;
		glp_set_col_bnds(ms->lp, col, glp_get_col_type(m->lp, j), glp_get_col_lb(m->lp, j),
				 glp_get_col_ub(m->lp, j));
		glp_set_obj_coef(ms->lp, col, glp_get_obj_coef(m->lp, j));
		int n = glp_get_mat_col(m->lp, j, mat_ind, mat_val), len = 0;
		for (int i = 1; i <= n; i++)
			if (ms->row_of[mat_ind[i]]) {
				ms->ind[++len] = ms->row_of[mat_ind[i]];
				ms->val[len] = mat_val[i];
			}
		glp_set_mat_col(ms->lp, col, len, ms->ind, ms->val);
	}
	rc = 0;
done:
	free(mat_ind);
	free(mat_val);
	return rc;
}

/*
 * The master before its first round: per block, the plan of doing nothing
 * and `start`'s plans (master_first_columns), the starting basis, the
 * scaling, and with a start, the money that pays for it
 * (master_feasible_start). Returns 0, 1 when the communes' structure
 * could not be read (GLPK), -1 when out of memory.
 */
static int master_start(struct master *ms, struct model *m, const double *start,
			double deadline, double *scratch)
{
	const size_t nc = m->ds->ncommunes;
	struct lagrange lg = {0};
	int *basic = NULL, rc = -1;

	/* The first columns need the communes' structure only, so the duals
	 * are all zero here. */
	ms->zero_duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(*ms->zero_duals));
	if (!ms->zero_duals)
		return -1;
	lg.lp = m->lp;
	lg.columns = &ms->columns;
	lg.duals = ms->zero_duals;
	int ret = lagrange_compute(m, &lg);
	if (ret) {
		rc = ret > 0 ? 1 : -1;
		goto done;
	}
	basic = malloc((ms->nblocks + 1) * sizeof(*basic));
	if (!basic || master_first_columns(ms, m, &lg, start, scratch, basic))
		goto done;
	master_starting_basis(ms, basic);
	/* Blocks of many communes have money coefficients of 10^7 beside the
	 * convexity rows' 1: their master is scaled from the start (at 3,000
	 * communes in 63 blocks GLPK found the unscaled basis "singular to
	 * working precision" in the first round of every stage). Test hook
	 * (solve_params.master_scaled, e2e.decomposition-scaled-master): the
	 * master scaled from the start, as it is after GLPK fails on it, which
	 * no small instance makes it do. */
	if (m->params.master_scaled || ms->nblocks < nc) {
		ms->scaled = 1;
		if (master_scale(ms))
			goto done;
	}
	if (start)
		master_feasible_start(ms, m, basic, deadline);
	rc = 0;
done:
	lagrange_release(&lg);
	free(basic);
	return rc;
}

/*
 * The relaxation's bound once column generation ended (master_optimise()
 * returned `ret`, with `lagrangian` and `stalled`). The bound is the least
 * L(y) of the rounds' duals, valid whatever they are (weak duality), and
 * at the master's optimum equal to it. The master's optimum itself is a
 * bound only as far as GLPK's simplex is right about it, and on blocks of
 * communes it once was not (master_not_optimal()); and when pricing stalls
 * on plans the master has already, it may fall short of the relaxation.
 * It stands in only when no L(y) had a finite value (a shortfall priced
 * above 0 within GLPK's tolerance) and pricing did not stall. Returns
 * decomposition_relaxation()'s code: 0, 2 (stopped early, a bound), 1.
 */
static int master_bound(const struct master *ms, const struct model *m, int ret,
			double lagrangian, int stalled, int rounds, double *bound)
{
	const double sign = glp_get_obj_dir(m->lp) == GLP_MAX ? 1 : -1;
	if (ret > 0 && lagrangian != HUGE_VAL) {
		/* Stopped before the optimum: L(y) is still a bound. */
		*bound = sign * lagrangian;
		if (model_tracing(m))
			model_trace(m, "decomposition: stopped after %d rounds, bound L(y) %.6f\n", rounds,
				    *bound);
		return 2;
	}
	if (ret)
		return ret;
	const double master_value = glp_get_obj_val(ms->lp);
	if (lagrangian != HUGE_VAL)
		*bound = sign * lagrangian;
	else if (!stalled)
		*bound = master_value;
	else
		return 1;
	if (model_tracing(m) && stalled)
		model_trace(m, "decomposition: %d plans priced above the master are in it already; "
			    "master %.6f, bound L(y) %.6f\n", stalled, master_value, *bound);
	return 0;
}

/* The contract is in decompose.h. */
int decomposition_relaxation(struct model *m, const double *start, double deadline,
			     double *bound, double *duals, double *x_lp,
			     double *dive_x, int *dive_found,
			     decomposition_shortcut shortcut, void *shortcut_ctx)
{
	struct master ms = {0};
	int *fixed = NULL;
	double *scratch = calloc((size_t)m->ncols + 1, sizeof(*scratch));
	int rc = -1, rounds = 0, columns = 0, stalled = 0;
	double lagrangian = HUGE_VAL;

	if (!scratch || master_build(&ms, m))
		goto done;
	int ret = master_start(&ms, m, start, deadline, scratch);
	if (ret) {
		rc = ret;
		goto done;
	}
	fixed = calloc(ms.nblocks + 1, sizeof(*fixed));
	if (!fixed)
		goto done;
	ret = master_optimise(&ms, m, fixed, deadline, duals, scratch,
			      &rounds, &columns, &stalled, &lagrangian);
	rc = master_bound(&ms, m, ret, lagrangian, stalled, rounds, bound);
	if (rc)
		goto done;
	master_solution(&ms, m, x_lp);
	if (model_tracing(m))
		model_trace(m, "decomposition: %d rounds, %d columns, master %d x %d, bound %.6f\n",
			rounds, columns, glp_get_num_rows(ms.lp), glp_get_num_cols(ms.lp), *bound);
	if (!dive_x)
		goto done;
	if (shortcut) {
		int taken = shortcut(m, x_lp, *bound, dive_x, shortcut_ctx);
		if (taken < 0)
			rc = -1;
		if (taken > 0)
			*dive_found = 1;
		if (taken)
			goto done;
	}
	/* The dive holds a whole block to one of its plans at each step: with
	 * blocks of many communes that is a plan for all of them at once, and
	 * at 3,000 and 8,900 communes in 63 blocks it ended infeasible or out
	 * of rounds every time (1-11 s), where the search of the caller finds
	 * the plan from the relaxation. So it dives only over single communes. */
	if (ms.nblocks < m->ds->ncommunes)
		goto done;
	if (master_dive(&ms, m, fixed, deadline, scratch, &rounds, &columns, dive_x, dive_found) < 0)
		rc = -1;
done:
	free(fixed);
	master_release(&ms);
	free(scratch);
	return rc;
}
