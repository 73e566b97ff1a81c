#include "solve.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "funding.h"
#include "glpkutil.h"
#include "lang.h"
#include "xalloc.h"

void solve_options_init(struct solve_options *o)
{
	o->time_limit = 0;
	o->node_limit = SOLVE_DEFAULT_NODE_LIMIT;
	o->stages = SOLVE_ALL_STAGES;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
 * The mixed-integer program and where each variable lives.
 *
 * u(c,τ)  commune c at standard from the end of year τ (exactly): all its
 *         open gaps complete at τ − lead, the latest that serves.
 * v(c,k)  gap (c,k) completed by n − lead(k), the commune not at standard.
 * F(g,s,t) money of source s in year t to criteria group g.
 * short   shortfall variables, one per relaxable piece of a target.
 */
struct model {
	const struct dataset *ds;
	struct funding_groups groups;
	glp_prob *lp;
	int n;                /* planning years */
	int *u_col;           /* [c * n + τ-1]: column, 0 when absent */
	int *v_col;           /* [c * 19 + k-1]: column, 0 when absent */
	int *f_col;           /* [(g * nsources + s) * n + t-1] */
	int *short_cols;      /* every shortfall column */
	size_t nshort;
	int ncols;
	/* Growing buffers for one row or column. */
	int *ind;
	double *val;
	size_t buf_alloc;
};

static int model_buf(struct model *m, size_t need)
{
	if (need + 1 <= m->buf_alloc)
		return 0;
	size_t alloc = m->buf_alloc;
	if (grow_array((void **)&m->ind, &alloc, need + 1, sizeof(*m->ind)))
		return -1;
	alloc = m->buf_alloc;
	if (grow_array((void **)&m->val, &alloc, need + 1, sizeof(*m->val)))
		return -1;
	m->buf_alloc = alloc;
	return 0;
}

static void model_release(struct model *m)
{
	funding_groups_release(&m->groups);
	free(m->u_col);
	free(m->v_col);
	free(m->f_col);
	free(m->short_cols);
	free(m->ind);
	free(m->val);
}

static int open_gaps(const struct dataset *ds, size_t c)
{
	return NTM_CRITERIA - dataset_criteria_met(ds, c);
}

static int add_binary(struct model *m, const char *prefix, const char *name, int index)
{
	int col = glp_add_cols(m->lp, 1);
	char label[256];
	snprintf(label, sizeof(label), "%s(%s,%d)", prefix, name, index);
	glp_set_col_name(m->lp, col, label);
	glp_set_col_kind(m->lp, col, GLP_BV);
	return col;
}

static int add_shortfall(struct model *m, const char *label)
{
	int col = glp_add_cols(m->lp, 1);
	glp_set_col_name(m->lp, col, label);
	glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
	m->short_cols[m->nshort++] = col;
	return col;
}

/* Adds a row lo <= Σ val·x (type GLP_LO, GLP_UP, GLP_FX) from m->ind/val. */
static void add_row(struct model *m, const char *label, int len, int type, double bound)
{
	int row = glp_add_rows(m->lp, 1);
	glp_set_row_name(m->lp, row, label);
	glp_set_row_bnds(m->lp, row, type, bound, bound);
	glp_set_mat_row(m->lp, row, len, m->ind, m->val);
}

/* Appends the "gap (c,k) met at the horizon" expression: v(c,k) plus every
 * u(c,τ). Returns the new length. */
static int push_gap_met(struct model *m, int len, size_t c, int k)
{
	int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
	if (v) {
		m->ind[++len] = v;
		m->val[len] = 1;
	}
	for (int t = 1; t <= m->n; t++) {
		int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
		if (u) {
			m->ind[++len] = u;
			m->val[len] = 1;
		}
	}
	return len;
}

/* Appends "criteria commune c meets at the horizon beyond the baseline":
 * each v(c,k), and every u(c,τ) once with the number of open gaps. */
static int push_commune_criteria(struct model *m, int len, size_t c)
{
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
		if (v) {
			m->ind[++len] = v;
			m->val[len] = 1;
		}
	}
	for (int t = 1; t <= m->n; t++) {
		int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
		if (u) {
			m->ind[++len] = u;
			m->val[len] = open_gaps(m->ds, c);
		}
	}
	return len;
}

/*
 * Appends the money that gaps completing by the end of year t need, for
 * the criteria of `group` (SIZE_MAX: every group), times `sign`: for each
 * v(c,k) its cost when it completes by t, and for each u(c,τ) the cost of
 * the commune's gaps that standard year τ makes complete by t (docs/model.md,
 * "latest completion"). Gaps that cost nothing are left out.
 */
static int push_demand(struct model *m, int len, int t, size_t group, double sign)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
			double cost = dataset_gap_cost(ds, c, k);
			if (!v || cost <= 0 || (group != SIZE_MAX && m->groups.group_of[k - 1] != group))
				continue;
			if (plan_latest_completion(ds, k, n) <= t) {
				m->ind[++len] = v;
				m->val[len] = sign * cost;
			}
		}
		for (int tau = 1; tau <= n; tau++) {
			int u = m->u_col[c * (size_t)n + (size_t)(tau - 1)];
			if (!u)
				continue;
			double due = 0;
			for (int k = 1; k <= NTM_CRITERIA; k++)
				if (!dataset_gap(ds, c, k)->met &&
				    (group == SIZE_MAX || m->groups.group_of[k - 1] == group) &&
				    plan_latest_completion(ds, k, tau) <= t)
					due += dataset_gap_cost(ds, c, k);
			if (due > 0) {
				m->ind[++len] = u;
				m->val[len] = sign * due;
			}
		}
	}
	return len;
}

/* Builds the whole program (all stages share it; only the objective and
 * the rows fixing earlier stages change). Returns 0 or -1. */
static int model_build(struct model *m, const struct dataset *ds)
{
	const int n = ds->nyears;
	const size_t nc = ds->ncommunes, ns = ds->nsources;
	char label[256];

	memset(m, 0, sizeof(*m));
	m->ds = ds;
	m->n = n;
	if (funding_groups_build(ds, &m->groups))
		return -1;
	const size_t ng = m->groups.ngroups;
	m->u_col = calloc(nc * (size_t)n + 1, sizeof(*m->u_col));
	m->v_col = calloc(nc * NTM_CRITERIA + 1, sizeof(*m->v_col));
	m->f_col = calloc(ng * ns * (size_t)n + 1, sizeof(*m->f_col));
	/* At most one shortfall per commune (floor, district, required) per
	 * target, plus one per other target. */
	m->short_cols = calloc((ds->ntargets + 1) * (nc + 1), sizeof(*m->short_cols));
	size_t most = nc * (size_t)n + nc * NTM_CRITERIA + ng * ns * (size_t)n + NTM_CRITERIA + 8;
	if (!m->u_col || !m->v_col || !m->f_col || !m->short_cols || model_buf(m, most))
		return -1;

	m->lp = glp_create_prob();
	glp_set_prob_name(m->lp, "ntmplan");
	glp_set_obj_dir(m->lp, GLP_MAX);

	/* Columns. */
	for (size_t c = 0; c < nc; c++) {
		const char *id = ds->communes[c].id;
		if (plan_commune_candidate(ds, c))
			for (int t = plan_earliest_standard_year(ds, c); t <= n; t++)
				m->u_col[c * (size_t)n + (size_t)(t - 1)] = add_binary(m, "u", id, ds->first_year + t - 1);
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (plan_gap_meetable(ds, c, k))
				m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)] = add_binary(m, "v", id, k);
	}
	for (size_t g = 0; g < ng; g++)
		for (size_t s = 0; s < ns; s++) {
			if (!(m->groups.sources[g] & (1UL << s)))
				continue;
			for (int t = 1; t <= n; t++) {
				int col = glp_add_cols(m->lp, 1);
				snprintf(label, sizeof(label), "F(g%zu,%s,%d)", g + 1,
					 ds->sources[s].name, ds->first_year + t - 1);
				glp_set_col_name(m->lp, col, label);
				glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
				m->f_col[(g * ns + s) * (size_t)n + (size_t)(t - 1)] = col;
			}
		}

	/* A commune reaches the standard in one year at most, and a gap is
	 * completed either for the standard or on its own, not both. */
	for (size_t c = 0; c < nc; c++) {
		int len = 0;
		for (int t = 1; t <= n; t++) {
			int u = m->u_col[c * (size_t)n + (size_t)(t - 1)];
			if (u) {
				m->ind[++len] = u;
				m->val[len] = 1;
			}
		}
		if (!len)
			continue;
		snprintf(label, sizeof(label), "once(%s)", ds->communes[c].id);
		add_row(m, label, len, GLP_UP, 1);
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
			if (!v)
				continue;
			m->ind[len + 1] = v;
			m->val[len + 1] = 1;
			snprintf(label, sizeof(label), "either(%s,%d)", ds->communes[c].id, k);
			add_row(m, label, len + 1, GLP_UP, 1);
		}
	}

	/* Money: each group receives by the end of year t what its gaps
	 * completing by t cost, and exactly its whole demand by the horizon. */
	for (size_t g = 0; g < ng; g++) {
		for (int t = 1; t <= n; t++) {
			int len = 0;
			for (size_t s = 0; s < ns; s++)
				for (int t2 = 1; t2 <= t; t2++) {
					int f = m->f_col[(g * ns + s) * (size_t)n + (size_t)(t2 - 1)];
					if (f) {
						m->ind[++len] = f;
						m->val[len] = 1;
					}
				}
			len = push_demand(m, len, t, g, -1);
			snprintf(label, sizeof(label), "paid(g%zu,%d)", g + 1, ds->first_year + t - 1);
			add_row(m, label, len, t == n ? GLP_FX : GLP_LO, 0);
		}
	}

	/* Budgets: per year, or cumulatively for money that carries over. */
	for (size_t s = 0; s < ns; s++) {
		double cumulative = 0;
		int carry = ds->sources[s].carry_over;
		for (int t = 1; t <= n; t++) {
			cumulative += dataset_budget(ds, t - 1, s);
			int len = 0;
			for (size_t g = 0; g < ng; g++)
				for (int t2 = carry ? 1 : t; t2 <= t; t2++) {
					int f = m->f_col[(g * ns + s) * (size_t)n + (size_t)(t2 - 1)];
					if (f) {
						m->ind[++len] = f;
						m->val[len] = 1;
					}
				}
			if (!len)
				continue;
			snprintf(label, sizeof(label), "budget(%s,%d)", ds->sources[s].name,
				 ds->first_year + t - 1);
			add_row(m, label, len, GLP_UP,
				carry ? cumulative : dataset_budget(ds, t - 1, s));
		}
	}

	/* Implied knapsack rows: whatever the money's source, the gaps
	 * completed by year t cost no more than all the money of years 1..t.
	 * The flows above already say so, but only through continuous
	 * variables; stated on the binaries alone, GLPK's cover and MIR cuts
	 * can use it. */
	{
		double cumulative = 0;
		for (int t = 1; t <= n; t++) {
			for (size_t s = 0; s < ns; s++)
				cumulative += dataset_budget(ds, t - 1, s);
			int len = push_demand(m, 0, t, SIZE_MAX, 1);
			if (!len)
				continue;
			snprintf(label, sizeof(label), "money(%d)", ds->first_year + t - 1);
			add_row(m, label, len, GLP_UP, cumulative);
		}
	}

	/* Targets, each with its shortfall (docs/model.md). */
	for (size_t ti = 0; ti < ds->ntargets; ti++) {
		const struct target *tg = &ds->targets[ti];
		int len = 0;
		switch (tg->kind) {
		case TARGET_CRITERION_COMMUNES: {
			int k = (int)tg->subject_index;
			double need = tg->value;
			for (size_t c = 0; c < nc; c++) {
				if (dataset_gap(ds, c, k)->met)
					need -= 1;
				else
					len = push_gap_met(m, len, c, k);
			}
			if (need <= 0)
				break;
			snprintf(label, sizeof(label), "short(criterion_communes,%d)", k);
			m->ind[++len] = add_shortfall(m, label);
			m->val[len] = 1;
			snprintf(label, sizeof(label), "target(criterion_communes,%d)", k);
			add_row(m, label, len, GLP_LO, need);
			break;
		}
		case TARGET_MIN_CRITERIA:
			for (size_t c = 0; c < nc; c++) {
				double need = tg->value - dataset_criteria_met(ds, c);
				if (need <= 0)
					continue;
				len = push_commune_criteria(m, 0, c);
				snprintf(label, sizeof(label), "short(min_criteria,%s)", ds->communes[c].id);
				m->ind[++len] = add_shortfall(m, label);
				m->val[len] = 1;
				snprintf(label, sizeof(label), "target(min_criteria,%s)", ds->communes[c].id);
				add_row(m, label, len, GLP_LO, need);
			}
			break;
		case TARGET_AVG_CRITERIA: {
			double need = ceil(tg->value * (double)nc - 1e-9);
			for (size_t c = 0; c < nc; c++) {
				need -= dataset_criteria_met(ds, c);
				len = push_commune_criteria(m, len, c);
			}
			if (need <= 0)
				break;
			m->ind[++len] = add_shortfall(m, "short(avg_criteria)");
			m->val[len] = 1;
			add_row(m, "target(avg_criteria)", len, GLP_LO, need);
			break;
		}
		case TARGET_DISTRICT_STANDARD:
		case TARGET_REQUIRE_COMMUNE:
			for (size_t c = 0; c < nc; c++) {
				if (tg->kind == TARGET_DISTRICT_STANDARD ?
				    ds->communes[c].district != tg->subject_index :
				    c != tg->subject_index)
					continue;
				if (dataset_criteria_met(ds, c) == NTM_CRITERIA)
					continue;
				len = 0;
				for (int t = 1; t <= n; t++) {
					int u = m->u_col[c * (size_t)n + (size_t)(t - 1)];
					if (u) {
						m->ind[++len] = u;
						m->val[len] = 1;
					}
				}
				snprintf(label, sizeof(label), "short(%s,%s)",
					 target_kind_name(tg->kind), ds->communes[c].id);
				m->ind[++len] = add_shortfall(m, label);
				m->val[len] = 1;
				snprintf(label, sizeof(label), "target(%s,%s)",
					 target_kind_name(tg->kind), ds->communes[c].id);
				add_row(m, label, len, GLP_LO, 1);
			}
			break;
		default:
			break; /* reported only, or enforced by the absent columns */
		}
	}
	m->ncols = glp_get_num_cols(m->lp);
	return 0;
}

/* Sets the objective of `stage` (GLPK's row 0), for the model's variables
 * only: constants (the baseline) are left out and added back by the plan's
 * own evaluation. */
static void model_set_objective(struct model *m, enum objective stage)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	for (int j = 1; j <= m->ncols; j++)
		glp_set_obj_coef(m->lp, j, 0);
	glp_set_obj_dir(m->lp, stage == OBJ_SHORTFALL || stage == OBJ_MONEY ? GLP_MIN : GLP_MAX);
	if (stage == OBJ_SHORTFALL) {
		for (size_t i = 0; i < m->nshort; i++)
			glp_set_obj_coef(m->lp, m->short_cols[i], 1);
		return;
	}
	for (size_t c = 0; c < ds->ncommunes; c++) {
		double gaps_cost = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			if (!dataset_gap(ds, c, k)->met)
				gaps_cost += dataset_gap_cost(ds, c, k);
			int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
			if (!v)
				continue;
			if (stage == OBJ_CRITERIA)
				glp_set_obj_coef(m->lp, v, 1);
			else if (stage == OBJ_MONEY)
				glp_set_obj_coef(m->lp, v, dataset_gap_cost(ds, c, k));
		}
		for (int t = 1; t <= n; t++) {
			int u = m->u_col[c * (size_t)n + (size_t)(t - 1)];
			if (!u)
				continue;
			double coef = 0;
			switch (stage) {
			case OBJ_COMMUNES: coef = 1; break;
			case OBJ_STANDARD_YEARS: coef = n - t + 1; break;
			case OBJ_CRITERIA: coef = open_gaps(ds, c); break;
			case OBJ_MONEY: coef = gaps_cost; break;
			default: break;
			}
			glp_set_obj_coef(m->lp, u, coef);
		}
	}
}

/* Adds a row holding the current objective at `value` (what a stage
 * proved), so later stages keep it. Integral objectives get half a unit of
 * slack against rounding. */
static void model_fix_objective(struct model *m, enum objective stage, double value)
{
	int len = 0;
	char label[64];
	for (int j = 1; j <= m->ncols; j++) {
		double coef = glp_get_obj_coef(m->lp, j);
		if (coef != 0) {
			m->ind[++len] = j;
			m->val[len] = coef;
		}
	}
	snprintf(label, sizeof(label), "stage%d", (int)stage);
	if (stage == OBJ_SHORTFALL)
		add_row(m, label, len, GLP_UP, value + 0.5);
	else
		add_row(m, label, len, GLP_LO, value - 0.5);
}

struct search {
	const double *start;   /* incumbent to offer, columns 1..ncols, or NULL */
	int offered;
	int integral;          /* the objective takes whole values */
	int maximise;
	double deadline;       /* now_seconds() value, 0 for none */
	double bound;          /* best bound seen */
	int have_bound;
	int proven;            /* stopped because bound meets incumbent */
	int timed_out;
	long node_limit;       /* 0 for none */
	int out_of_nodes;
};

static void search_callback(glp_tree *tree, void *info)
{
	struct search *s = info;
	int reason = glp_ios_reason(tree);
	if (reason == GLP_IHEUR && s->start && !s->offered) {
		s->offered = 1;
		glp_ios_heur_sol(tree, s->start);
	}
	int node = glp_ios_best_node(tree);
	if (node) {
		s->bound = glp_ios_node_bound(tree, node);
		s->have_bound = 1;
	}
	glp_prob *lp = glp_ios_get_prob(tree);
	if (s->integral && s->have_bound && glp_mip_status(lp) == GLP_FEAS) {
		double incumbent = glp_mip_obj_val(lp);
		/* Whole-valued objective: nothing better than the incumbent can
		 * exist once the bound is within one unit of it. */
		if (s->maximise ? floor(s->bound + 1e-6) <= incumbent + 1e-6 :
				  ceil(s->bound - 1e-6) >= incumbent - 1e-6) {
			s->proven = 1;
			glp_ios_terminate(tree);
			return;
		}
	}
	if (s->node_limit > 0) {
		int total;
		glp_ios_tree_size(tree, NULL, NULL, &total);
		if (total >= s->node_limit) {
			s->out_of_nodes = 1;
			glp_ios_terminate(tree);
			return;
		}
	}
	if (s->deadline > 0 && now_seconds() > s->deadline) {
		s->timed_out = 1;
		glp_ios_terminate(tree);
	}
}

/* The neighbourhoods relaxation_heuristic() searches. */
enum neighbourhood {
	AGREE,       /* fix binaries where the LP optimum and the previous solution agree */
	LP_INTEGRAL, /* fix binaries the LP optimum sets to 0 or 1 */
	LP_ONES,     /* fix binaries the LP optimum sets to 1 */
};

/* Solves the model restricted to one neighbourhood of the LP optimum.
 * Returns 1 and fills x (and *value) when a solution was found. */
static int search_neighbourhood(struct model *m, enum neighbourhood hood,
				const double *previous, double deadline,
				double *x, double *value)
{
	glp_prob *sub = glp_create_prob();
	int found = 0;
	glp_copy_prob(sub, m->lp, GLP_OFF);
	for (int j = 1; j <= m->ncols; j++) {
		if (glp_get_col_kind(m->lp, j) != GLP_BV)
			continue;
		double lpv = glp_get_col_prim(m->lp, j);
		int at_zero = lpv < 1e-6, at_one = lpv > 1 - 1e-6;
		int fix = hood == AGREE ? (at_zero && previous[j] < 0.5) || (at_one && previous[j] > 0.5)
			: hood == LP_INTEGRAL ? at_zero || at_one
			: at_one;
		if (fix)
			glp_set_col_bnds(sub, j, GLP_FX, at_one, at_one);
	}
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.fp_heur = GLP_ON;
	parm.mir_cuts = GLP_ON;
	parm.cov_cuts = GLP_ON;
	parm.tm_lim = 3000;
	if (deadline > 0) {
		double left = deadline - now_seconds();
		if (left < 3)
			parm.tm_lim = left > 0.1 ? (int)(left * 1000) : 100;
	}
	int ret = glp_intopt(sub, &parm);
	int status = glp_mip_status(sub);
	if ((ret == 0 || ret == GLP_ETMLIM) && (status == GLP_OPT || status == GLP_FEAS)) {
		for (int j = 1; j <= m->ncols; j++) {
			double v = glp_mip_col_val(sub, j);
			x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
		}
		*value = glp_mip_obj_val(sub);
		found = 1;
	}
	glp_delete_prob(sub);
	return found;
}

/*
 * A first incumbent from the relaxation: binaries are fixed where the LP
 * optimum is integral (relaxation-enforced neighbourhood search) or where
 * it agrees with the previous stage's solution (relaxation-induced
 * neighbourhood search), and the small program left over, over the few
 * fractional communes and gaps, is solved by GLPK. A vertex of the
 * relaxation has at most as many fractional communes as there are
 * coupling rows, so these programs are small. The best solution found is
 * put in x. Returns 1 when there is one, 0 otherwise.
 */
static int relaxation_heuristic(struct model *m, const double *previous,
				double deadline, double *x)
{
	double *candidate = malloc(((size_t)m->ncols + 1) * sizeof(*candidate));
	int maximise = glp_get_obj_dir(m->lp) == GLP_MAX, found = 0;
	double best = 0, value;
	if (!candidate)
		return 0;
	for (int hood = AGREE; hood <= LP_ONES; hood++) {
		if (hood == AGREE && !previous)
			continue;
		if (hood == LP_ONES && found)
			break; /* the last resort, when nothing else worked */
		if (!search_neighbourhood(m, (enum neighbourhood)hood, previous, deadline,
					  candidate, &value))
			continue;
		if (!found || (maximise ? value > best : value < best)) {
			memcpy(x, candidate, ((size_t)m->ncols + 1) * sizeof(*x));
			best = value;
			found = 1;
		}
	}
	free(candidate);
	return found;
}

/* Reads the decisions of a solution into the plan. */
static void model_decisions(const struct model *m, const double *x, struct plan *p)
{
	const struct dataset *ds = m->ds;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int standard = 0;
		for (int t = 1; t <= m->n && !standard; t++) {
			int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
			if (u && x[u] > 0.5) {
				plan_set_standard(p, c, t);
				standard = 1;
			}
		}
		for (int k = 1; k <= NTM_CRITERIA && !standard; k++) {
			int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
			if (v && x[v] > 0.5)
				plan_set_completed(p, c, k);
		}
	}
}

/*
 * Local search for stage 2 (communes at standard as early as possible).
 * Moving a commune's standard year one year earlier leaves the state at
 * the horizon as it is (same communes at standard, same criteria met, so
 * every target and earlier stage keeps its value) and only asks more of
 * the budget earlier: whether the money still suffices is a small
 * transportation problem (funding.h). So each such move that stays
 * payable improves the stage by one and is kept. Works on x in place;
 * returns the number of years gained, or -1 when out of memory or the
 * solver failed.
 */
static int advance_standard_years(struct model *m, double *x)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	const size_t ng = m->groups.ngroups, ns = ds->nsources;
	double *demand = calloc(ng * (size_t)n + 1, sizeof(*demand));
	double *flow = calloc(ng * ns * (size_t)n + 1, sizeof(*flow));
	struct plan p;
	int gained = 0, rc = -1;

	plan_init(&p);
	if (!demand || !flow || plan_reset(&p, ds))
		goto cleanup;
	model_decisions(m, x, &p);
	for (int improved = 1; improved;) {
		improved = 0;
		for (size_t c = 0; c < ds->ncommunes; c++) {
			int year = p.standard_year[c];
			/* u(c, year-1) exists only from the commune's earliest year. */
			if (year <= 1 || !m->u_col[c * (size_t)n + (size_t)(year - 2)])
				continue;
			plan_set_standard(&p, c, year - 1);
			plan_demand(&p, &m->groups, demand);
			int paid = funding_solve(ds, &m->groups, demand, flow);
			if (paid < 0)
				goto cleanup;
			if (paid > 0) {
				plan_set_standard(&p, c, year);
				continue;
			}
			/* Kept: move u, and take the new money flows. */
			x[m->u_col[c * (size_t)n + (size_t)(year - 1)]] = 0;
			x[m->u_col[c * (size_t)n + (size_t)(year - 2)]] = 1;
			for (size_t i = 0; i < ng * ns * (size_t)n; i++)
				if (m->f_col[i])
					x[m->f_col[i]] = flow[i];
			gained++;
			improved = 1;
		}
	}
	rc = gained;
cleanup:
	plan_release(&p);
	free(demand);
	free(flow);
	return rc;
}

/* The plan that funds nothing: every column 0 but the shortfalls, which
 * take all of their target's need. Admissible in the first stage run
 * (before any stage row is added), so a time limit that stops it early
 * still leaves a plan. */
static void model_fund_nothing(const struct model *m, double *x)
{
	int ind[2];
	double val[2];
	for (int j = 1; j <= m->ncols; j++)
		x[j] = 0;
	for (size_t i = 0; i < m->nshort; i++) {
		int col = m->short_cols[i];
		/* A shortfall column stands in its own target row only. */
		if (glp_get_mat_col(m->lp, col, ind, val) == 1)
			x[col] = glp_get_row_lb(m->lp, ind[1]) / val[1];
	}
}

/* Solves the model's current objective. On success fills x (columns
 * 1..ncols) and the stage result; returns 0, 1 when no solution exists
 * (the model is infeasible: a bug, since doing nothing is always
 * admissible), or -1 when GLPK failed. */
static int solve_stage(struct model *m, enum objective stage, const double *start,
		       double deadline, long node_limit, double *x, struct stage_result *out)
{
	struct search s = {0};
	glp_smcp lp_parm;
	glp_iocp parm;
	double started = now_seconds();

	s.integral = stage != OBJ_MONEY;
	s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	s.deadline = deadline;
	s.node_limit = node_limit;

	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(m->lp, &lp_parm) || glp_get_status(m->lp) != GLP_OPT)
		return -1;

	if (relaxation_heuristic(m, start, deadline, x))
		start = x; /* at least as good as the previous stage's: it is optimal in its neighbourhood */
	if (stage == OBJ_STANDARD_YEARS && start) {
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		if (advance_standard_years(m, x) < 0)
			return -1;
		start = x;
	}

	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF; /* keeps column numbers for the incumbent */
	/* No Gomory cuts, as a precaution: Gomory cuts are numerically the
	 * least safe of GLPK's, this model mixes money coefficients of 10^5
	 * with binaries, and one early run (with Gomory cuts on) reported
	 * stage 1 optimal at 35 communes where 36 are possible (glpsol and
	 * later runs find 36). A slower proof beats a wrong one. */
	parm.gmi_cuts = GLP_OFF;
	parm.mir_cuts = GLP_ON;
	parm.cov_cuts = GLP_ON;
	parm.clq_cuts = GLP_ON;
	s.start = start;
	parm.fp_heur = start ? GLP_OFF : GLP_ON;
	/* Stage 3 (criteria met) proves sooner with pseudocost branching
	 * (data/dienbien: 14 s against no proof in 40 s). */
	parm.br_tech = stage == OBJ_CRITERIA ? GLP_BR_PCH : GLP_BR_DTH;
	/* Stage 2's bound reaches its optimum quickly (MIR cuts); what takes
	 * time is finding a plan that attains it, which depth-first search
	 * does sooner than best-bound (measured on data/dienbien: 6 s against
	 * over 50 s, docs/performance.md). */
	parm.bt_tech = stage == OBJ_STANDARD_YEARS ? GLP_BT_DFS : GLP_BT_BLB;
	parm.cb_func = search_callback;
	parm.cb_info = &s;
	if (deadline > 0) {
		double left = deadline - started;
		parm.tm_lim = left > 0 ? (int)(left * 1000) : 1;
	}
	double lp_bound = glp_get_obj_val(m->lp);
	int ret = glp_intopt(m->lp, &parm);
	int status = glp_mip_status(m->lp);
	out->seconds = now_seconds() - started;
	if (status != GLP_OPT && status != GLP_FEAS) {
		if (!(ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP))
			return -1;
		/* Stopped before GLPK took the incumbent in: the previous
		 * solution stands, with the relaxation as the bound. The first
		 * stage has none, but funding nothing is always admissible. */
		if (!start) {
			model_fund_nothing(m, x);
			start = x;
		}
		out->value = 0;
		for (int j = 1; j <= m->ncols; j++) {
			x[j] = start[j];
			out->value += glp_get_obj_coef(m->lp, j) * start[j];
		}
		out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
		out->bound = lp_bound;
		return 0;
	}
	out->value = glp_mip_obj_val(m->lp);
	if (status == GLP_OPT || s.proven) {
		out->status = STAGE_OPTIMAL;
		out->bound = out->value;
	} else {
		out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
		out->bound = s.have_bound ? s.bound : out->value;
	}
	for (int j = 1; j <= m->ncols; j++) {
		double v = glp_mip_col_val(m->lp, j);
		x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
	}
	return 0;
}


/* Solves the stages of o->stages, in order, on a built model; leaves the
 * last solution in `best`. Returns 0, or -1 with a diagnostic. */
static int run_stages(struct model *m, const struct solve_options *o, double deadline,
		      double *x, double *best, struct plan *p, struct diag_list *diags)
{
	int have_start = 0, left_to_run = 0;
	for (int stage = 0; stage < OBJ_COUNT; stage++)
		left_to_run += !!(o->stages & SOLVE_STAGE(stage));
	for (int stage = 0; stage < OBJ_COUNT; stage++) {
		struct stage_result *res = &p->stages[stage];
		if (!(o->stages & SOLVE_STAGE(stage)))
			continue;
		model_set_objective(m, (enum objective)stage);
		/* Later stages get their share of the time left, so that a hard
		 * stage cannot leave the next ones none. */
		double stage_deadline = deadline;
		if (deadline > 0) {
			double left = deadline - now_seconds();
			stage_deadline = now_seconds() + left / left_to_run;
		}
		int ret = solve_stage(m, (enum objective)stage, have_start ? best : NULL,
				      stage_deadline, o->node_limit, x, res);
		if (ret) {
			res->status = STAGE_FAILED;
			diag_add(diags, NULL, 0, 0,
				 ret > 0 ? L("stage %d: the solver found no plan (time limit too short?)",
					     "bước %d: bộ giải không tìm được phương án (giới hạn thời gian quá ngắn?)")
					 : L("stage %d: the solver failed", "bước %d: bộ giải gặp lỗi"),
				 stage);
			return -1;
		}
		memcpy(best, x, ((size_t)m->ncols + 1) * sizeof(*x));
		have_start = 1;
		if (--left_to_run)
			model_fix_objective(m, (enum objective)stage, res->value);
	}
	return 0;
}

int solve_plan(const struct dataset *ds, const struct solve_options *o,
	       struct plan *p, struct diag_list *diags)
{
	struct model m;
	double *volatile x = NULL, *volatile best = NULL;
	volatile int rc = -1;
	volatile double deadline = o->time_limit > 0 ? now_seconds() + o->time_limit : 0;
	jmp_buf failed;

	memset(&m, 0, sizeof(m));
	if (plan_reset(p, ds))
		goto nomem;
	if (setjmp(failed)) {
		ntm_glpk_recover();
		diag_add(diags, NULL, 0, 0, L("the solver failed: %s", "bộ giải gặp lỗi: %s"),
			 ntm_glpk_last_message());
		rc = -1;
		goto cleanup;
	}
	ntm_glpk_catch(&failed);
	if (model_build(&m, ds)) {
		if (m.lp)
			glp_delete_prob(m.lp);
		ntm_glpk_catch(NULL);
		goto nomem;
	}
	glp_scale_prob(m.lp, GLP_SF_AUTO);
	x = calloc((size_t)m.ncols + 1, sizeof(*x));
	best = calloc((size_t)m.ncols + 1, sizeof(*best));
	if (!x || !best) {
		glp_delete_prob(m.lp);
		ntm_glpk_catch(NULL);
		goto nomem;
	}
	rc = run_stages(&m, o, deadline, x, best, p, diags);
	glp_delete_prob(m.lp);
	ntm_glpk_catch(NULL);
	if (rc)
		goto cleanup;
	model_decisions(&m, best, p);

	/* The reported values are the plan's own, recomputed from its
	 * decisions (baseline included); the solver's bounds are shifted by
	 * the same constants. */
	plan_evaluate(p);
	for (int stage = 0; stage < OBJ_COUNT; stage++) {
		struct stage_result *res = &p->stages[stage];
		if (!(o->stages & SOLVE_STAGE(stage)))
			continue;
		double shift = p->objective[stage] - res->value;
		res->value = p->objective[stage];
		res->bound += shift;
	}
	rc = plan_allocate(p);
	if (rc > 0) {
		diag_add(diags, NULL, 0, 0, L("internal error: the optimal plan cannot be paid",
					      "lỗi nội bộ: phương án tối ưu không đủ vốn"));
		rc = -1;
	} else if (rc < 0) {
		goto nomem;
	}
	goto cleanup;

nomem:
	diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
	rc = -1;
cleanup:
	free(x);
	free(best);
	model_release(&m);
	return rc;
}

int solve_write_model(const struct dataset *ds, const char *path,
		      enum model_format format, struct diag_list *diags)
{
	struct model m;
	volatile int rc = -1;
	jmp_buf failed;

	memset(&m, 0, sizeof(m));
	if (setjmp(failed)) {
		ntm_glpk_recover();
		diag_add(diags, path, 0, 0, L("the solver failed: %s", "bộ giải gặp lỗi: %s"),
			 ntm_glpk_last_message());
		goto cleanup;
	}
	ntm_glpk_catch(&failed);
	if (model_build(&m, ds)) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		goto done;
	}
	/* Stages 0 and 1 as one objective: shortfall is whole-valued and one
	 * unit of it outweighs every commune, so this is exactly lexicographic. */
	model_set_objective(&m, OBJ_COMMUNES);
	for (size_t i = 0; i < m.nshort; i++)
		glp_set_obj_coef(m.lp, m.short_cols[i], -((double)ds->ncommunes + 1));
	/* The communes at standard at the baseline, so that the objective
	 * counts every commune at standard: a fixed column rather than the
	 * objective's constant term, which the LP format does not keep. */
	int at_baseline = 0;
	for (size_t c = 0; c < ds->ncommunes; c++)
		at_baseline += dataset_criteria_met(ds, c) == NTM_CRITERIA;
	int baseline_col = glp_add_cols(m.lp, 1);
	glp_set_col_name(m.lp, baseline_col, "at_standard_at_baseline");
	glp_set_col_bnds(m.lp, baseline_col, GLP_FX, at_baseline, at_baseline);
	glp_set_obj_coef(m.lp, baseline_col, 1);
	m.ncols = baseline_col;
	glp_set_obj_name(m.lp, "communes_minus_weighted_shortfall");
	if (format == MODEL_MPS) {
		/* MPS has no standard way to say "maximise": minimise the
		 * negated objective instead. */
		for (int j = 0; j <= m.ncols; j++)
			glp_set_obj_coef(m.lp, j, -glp_get_obj_coef(m.lp, j));
		glp_set_obj_dir(m.lp, GLP_MIN);
		glp_set_obj_name(m.lp, "minus_communes_plus_weighted_shortfall");
	}
	int ret = format == MODEL_LP ? glp_write_lp(m.lp, NULL, path)
				     : glp_write_mps(m.lp, GLP_MPS_FILE, NULL, path);
	if (ret)
		diag_add(diags, path, 0, 0, L("cannot write the model", "không ghi được mô hình"));
	else
		rc = 0;
	glp_delete_prob(m.lp);
done:
	ntm_glpk_catch(NULL);
cleanup:
	model_release(&m);
	return rc;
}
