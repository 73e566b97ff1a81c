#include "solve.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glpk.h>

#include "funding.h"
#include "glpkutil.h"
#include "lang.h"
#include "outfile.h"
#include "xalloc.h"

/* NTM_SOLVER_TRACE=1 in the environment: each stage's steps (bounds,
 * fixings, searches) on stderr, for tuning (docs/performance.md). Set by
 * solve_plan(); it never changes what is computed. */
static int solver_trace;

/* NTM_SOLVER_TEST_PATHS=1: the tests' mode (e2e.optimality-paths). The
 * relaxation heuristic and the root pass, which settle the small test
 * instances on their own, are skipped, and a stage with no plan yet starts
 * from the plan that funds nothing, so that the Lagrangian fixing and the
 * search with a cutoff do all the work and their results are checked
 * against exhaustive search. Slower; never needed otherwise. */
static int solver_test_paths;

/* Money is compared to this (million VND, i.e. 10,000 VND): a plan
 * cheaper by less is not counted as better, as in the tests' checks. */
#define MONEY_TOLERANCE 0.01

/* Branch-and-bound nodes for each neighbourhood of the relaxation
 * heuristic: a first plan, not a proof, is what is wanted there. */
#define NEIGHBOURHOOD_NODE_LIMIT 50

void solve_options_init(struct solve_options *o)
{
	o->time_limit = 0;
	o->node_limit = SOLVE_DEFAULT_NODE_LIMIT;
	o->stages = SOLVE_ALL_STAGES;
	o->warm_start = NULL;
	o->method = SOLVE_AUTO;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Time left before `deadline` (0: none), in GLPK's milliseconds, at least 1. */
static int glpk_time_left(double deadline)
{
	if (deadline <= 0)
		return INT_MAX;
	double left = deadline - now_seconds();
	return left > 0.001 ? (int)(left * 1000) : 1;
}

static double objective_of(glp_prob *lp, int ncols, const double *x)
{
	double value = 0;
	for (int j = 1; j <= ncols; j++)
		value += glp_get_obj_coef(lp, j) * x[j];
	return value;
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
	int *short_rows;      /* the target row of each */
	size_t nshort;
	int ncols;
	/* Which commune owns each row and column (-1: none, a coupling row or
	 * a column shared by all communes), and what each column is: the
	 * Lagrangian bounds (lagrangian_fix) split the model along these. */
	int owner;            /* the commune whose rows are being added, or -1 */
	int failed;           /* memory ran out while noting owners */
	int *row_owner;       /* [row] */
	size_t row_owner_alloc;
	int *col_owner;       /* [col] */
	unsigned char *col_kind; /* [col]: enum column_kind */
	size_t col_alloc, col_kind_alloc;
	/* Growing buffers for one row or column. */
	int *ind;
	double *val;
	size_t buf_alloc;
};

/* What a column stands for. */
enum column_kind {
	COL_STANDARD,       /* u(c,τ) */
	COL_GAP,            /* v(c,k) */
	COL_MONEY,          /* F(g,s,t) */
	COL_SHORT_SHARED,   /* shortfall of a target over many communes */
	COL_SHORT_FLOOR,    /* shortfall of commune c against min_criteria */
	COL_SHORT_STANDARD, /* shortfall of commune c against district_standard
			     * or require_commune (1 unless c is at standard) */
};

/* Records the owner and kind of a new column. Returns 0 or -1 (memory;
 * model_build checks m->col_owner at the end). */
static int note_column(struct model *m, int col, enum column_kind kind)
{
	size_t alloc = m->col_alloc;
	if (grow_array((void **)&m->col_owner, &alloc, (size_t)col + 1, sizeof(*m->col_owner)))
		return -1;
	alloc = m->col_kind_alloc;
	if (grow_array((void **)&m->col_kind, &alloc, (size_t)col + 1, sizeof(*m->col_kind)))
		return -1;
	m->col_alloc = m->col_kind_alloc = alloc;
	m->col_owner[col] = kind == COL_MONEY || kind == COL_SHORT_SHARED ? -1 : m->owner;
	m->col_kind[col] = (unsigned char)kind;
	return 0;
}

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
	free(m->short_rows);
	free(m->row_owner);
	free(m->col_owner);
	free(m->col_kind);
	free(m->ind);
	free(m->val);
}

static int open_gaps(const struct dataset *ds, size_t c)
{
	return NTM_CRITERIA - dataset_criteria_met(ds, c);
}

static int add_binary(struct model *m, enum column_kind kind, const char *prefix,
		      const char *name, int index)
{
	int col = glp_add_cols(m->lp, 1);
	if (note_column(m, col, kind))
		m->failed = 1;
	char label[256];
	snprintf(label, sizeof(label), "%s(%s,%d)", prefix, name, index);
	glp_set_col_name(m->lp, col, label);
	glp_set_col_kind(m->lp, col, GLP_BV);
	return col;
}

static int add_shortfall(struct model *m, enum column_kind kind, const char *label)
{
	int col = glp_add_cols(m->lp, 1);
	if (note_column(m, col, kind))
		m->failed = 1;
	glp_set_col_name(m->lp, col, label);
	glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
	m->short_cols[m->nshort++] = col;
	return col;
}

/* Adds a row lo <= Σ val·x (type GLP_LO, GLP_UP, GLP_FX) from m->ind/val. */
static void add_row(struct model *m, const char *label, int len, int type, double bound)
{
	int row = glp_add_rows(m->lp, 1);
	size_t alloc = m->row_owner_alloc;
	if (grow_array((void **)&m->row_owner, &alloc, (size_t)row + 1, sizeof(*m->row_owner)))
		m->failed = 1;
	else
		m->row_owner[row] = m->owner;
	m->row_owner_alloc = alloc;
	glp_set_row_name(m->lp, row, label);
	glp_set_row_bnds(m->lp, row, type, bound, bound);
	glp_set_mat_row(m->lp, row, len, m->ind, m->val);
	/* A shortfall column is added just before its target row. */
	if (m->nshort && !m->short_rows[m->nshort - 1])
		m->short_rows[m->nshort - 1] = row;
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
	m->owner = -1;
	if (funding_groups_build(ds, &m->groups))
		return -1;
	const size_t ng = m->groups.ngroups;
	m->u_col = calloc(nc * (size_t)n + 1, sizeof(*m->u_col));
	m->v_col = calloc(nc * NTM_CRITERIA + 1, sizeof(*m->v_col));
	m->f_col = calloc(ng * ns * (size_t)n + 1, sizeof(*m->f_col));
	/* At most one shortfall per commune (floor, district, required) per
	 * target, plus one per other target. */
	m->short_cols = calloc((ds->ntargets + 1) * (nc + 1), sizeof(*m->short_cols));
	m->short_rows = calloc((ds->ntargets + 1) * (nc + 1), sizeof(*m->short_rows));

	size_t most = nc * (size_t)n + nc * NTM_CRITERIA + ng * ns * (size_t)n + NTM_CRITERIA + 8;
	if (!m->u_col || !m->v_col || !m->f_col || !m->short_cols || !m->short_rows ||
	    model_buf(m, most))
		return -1;

	m->lp = glp_create_prob();
	glp_set_prob_name(m->lp, "ntmplan");
	glp_set_obj_dir(m->lp, GLP_MAX);

	/* Columns. */
	for (size_t c = 0; c < nc; c++) {
		const char *id = ds->communes[c].id;
		m->owner = (int)c;
		if (plan_commune_candidate(ds, c))
			for (int t = plan_earliest_standard_year(ds, c); t <= n; t++)
				m->u_col[c * (size_t)n + (size_t)(t - 1)] =
					add_binary(m, COL_STANDARD, "u", id, ds->first_year + t - 1);
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (plan_gap_meetable(ds, c, k))
				m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)] =
					add_binary(m, COL_GAP, "v", id, k);
	}
	m->owner = -1;
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
				if (note_column(m, col, COL_MONEY))
					m->failed = 1;
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
		m->owner = (int)c;
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
		m->owner = -1;
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
		/* The same for each group, with the money of its sources. */
		for (size_t g = 0; g < ng && ng > 1; g++) {
			cumulative = 0;
			for (int t = 1; t <= n; t++) {
				for (size_t s = 0; s < ns; s++)
					if (m->groups.sources[g] & (1UL << s))
						cumulative += dataset_budget(ds, t - 1, s);
				int len = push_demand(m, 0, t, g, 1);
				if (!len)
					continue;
				snprintf(label, sizeof(label), "money(g%zu,%d)", g + 1, ds->first_year + t - 1);
				add_row(m, label, len, GLP_UP, cumulative);
			}
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
			m->ind[++len] = add_shortfall(m, COL_SHORT_SHARED, label);
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
				m->owner = (int)c;
				snprintf(label, sizeof(label), "short(min_criteria,%s)", ds->communes[c].id);
				m->ind[++len] = add_shortfall(m, COL_SHORT_FLOOR, label);
				m->val[len] = 1;
				snprintf(label, sizeof(label), "target(min_criteria,%s)", ds->communes[c].id);
				add_row(m, label, len, GLP_LO, need);
				m->owner = -1;
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
			m->ind[++len] = add_shortfall(m, COL_SHORT_SHARED, "short(avg_criteria)");
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
				m->owner = (int)c;
				snprintf(label, sizeof(label), "short(%s,%s)",
					 target_kind_name(tg->kind), ds->communes[c].id);
				m->ind[++len] = add_shortfall(m, COL_SHORT_STANDARD, label);
				m->val[len] = 1;
				snprintf(label, sizeof(label), "target(%s,%s)",
					 target_kind_name(tg->kind), ds->communes[c].id);
				add_row(m, label, len, GLP_LO, 1);
				m->owner = -1;
			}
			break;
		default:
			break; /* reported only, or enforced by the absent columns */
		}
	}
	m->ncols = glp_get_num_cols(m->lp);
	return m->failed ? -1 : 0;
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

/* Planning years at most: the loader takes years 1900 to 2200. */
#define NTM_MAX_YEARS_CAP 301

/* A binary's state in the problem searched: free, or fixed at 0 or 1. */
enum fixing { FREE, AT_ZERO, AT_ONE };

static enum fixing fixing_of(glp_prob *lp, int col)
{
	if (glp_get_col_type(lp, col) != GLP_FX)
		return FREE;
	return glp_get_col_lb(lp, col) > 0.5 ? AT_ONE : AT_ZERO;
}

/* One commune's Lagrangian subproblem: its standard years and its gaps,
 * with their reduced objective d, as the problem searched has them fixed. */
struct commune_choices {
	int nyears;
	int standard_col[NTM_MAX_YEARS_CAP];
	double standard_gain[NTM_MAX_YEARS_CAP];
	enum fixing standard_fixed[NTM_MAX_YEARS_CAP];
	int count;
	int col[NTM_CRITERIA];
	double gain[NTM_CRITERIA];
	enum fixing fixed[NTM_CRITERIA];
	double floor_price;    /* d of the min_criteria shortfall (≤ 0), or 0 */
	double floor_need;     /* criteria it must complete to reach the floor */
	double standard_short; /* Σ d of the district/required shortfalls, each 1 */
	int must_standard;     /* a u is fixed at 1 */
	int cannot_standard;   /* a v is fixed at 1 */
};

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

struct lagrange {
	glp_prob *lp;       /* the problem whose relaxation gives the duals */
	const double *duals; /* NULL, or the duals to use instead, per row of lp
			      * (the decomposition's master gives them) */
	double *d;          /* [col]: reduced objective, maximise form */
	double *floor_need; /* [col of a floor shortfall]: its row's need */
	int *floor_col;     /* [commune]: its min_criteria shortfall, or 0 */
	int *first_standard_short, *next_standard_short; /* lists per commune */
	double bound;       /* L(y), maximise form */
	double scale;       /* magnitude of the terms of L, for tolerances */
};

static void lagrange_release(struct lagrange *lg)
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
static int lagrange_compute(const struct model *m, struct lagrange *lg)
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
	for (int j = 1; j <= m->ncols; j++) {
		double dj = sign * glp_get_obj_coef(lp, j);
		int len = glp_get_mat_col(lp, j, ind, val);
		for (int i = 1; i <= len; i++) {
			int r = ind[i];
			if (r > model_rows || m->row_owner[r] < 0)
				dj -= y[r] * val[i];
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
static int commune_choices_fill(const struct model *m, const struct lagrange *lg, size_t c,
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
static long lagrangian_fix(const struct model *m, glp_prob *lp, const double *duals,
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

/*
 * The decomposition (Dantzig-Wolfe column generation), for large
 * instances: the relaxation of a stage is solved on a small master whose
 * columns are whole plans of one commune (a standard year, or a set of
 * gaps completed without the standard, with the commune's shortfalls),
 * and whose rows are the coupling rows of the model plus one convexity row
 * per commune. Each round GLPK solves the master; its duals price every
 * commune's best plan (the Lagrangian subproblem above, solved exactly);
 * plans that improve the master are added, until none does. Since each
 * commune's own rows describe an integral polytope, the master's optimum
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

/* ms->owner of a shared column, and of an artificial one. */
#define MASTER_SHARED (-1)
/* Pricing rounds of one master_optimise() at most: column generation ends
 * in tens of rounds (docs/performance.md); more means it is going round in
 * circles, and the relaxation is then reported as not finished. */
#define MASTER_MAX_ROUNDS 500
#define MASTER_ARTIFICIAL (-2)

struct master {
	glp_prob *lp;
	int *row_of;          /* [model row]: master row, 0 when not coupling */
	int first_convexity;  /* master row of commune 0's convexity row */
	int *col_of_shared;   /* [model col]: master column of a shared column */
	/* per master column: the commune (-1 shared) and the plan */
	int *owner;
	struct commune_plan *plan;
	size_t alloc;
	double *coef;         /* scratch, per master row */
	int *seen;            /* scratch, per master row: last column touching it */
	int *ind;
	double *val;
	double *zero_duals;   /* all 0, per model row */
};

static void master_release(struct master *ms)
{
	if (ms->lp)
		glp_delete_prob(ms->lp);
	free(ms->row_of);
	free(ms->col_of_shared);
	free(ms->owner);
	free(ms->plan);
	free(ms->coef);
	free(ms->seen);
	free(ms->ind);
	free(ms->val);
	free(ms->zero_duals);
}

/* Adds commune c's plan as a master column. Returns 0 or -1. */
static int master_add_plan(struct master *ms, const struct model *m, const struct lagrange *lg,
			   size_t c, const struct commune_choices *cc, const struct commune_plan *pl,
			   double *scratch_x, int *mat_ind, double *mat_val)
{
	int col = glp_add_cols(ms->lp, 1);
	size_t alloc = ms->alloc;
	if (grow_array((void **)&ms->owner, &alloc, (size_t)col + 1, sizeof(*ms->owner)))
		return -1;
	alloc = ms->alloc;
	if (grow_array((void **)&ms->plan, &alloc, (size_t)col + 1, sizeof(*ms->plan)))
		return -1;
	ms->alloc = alloc;
	ms->owner[col] = (int)c;
	ms->plan[col] = *pl;
	glp_set_col_bnds(ms->lp, col, GLP_LO, 0, 0);
	/* The plan's columns and values, then its coefficients. */
	int touched[NTM_MAX_YEARS_CAP + NTM_CRITERIA + 8], ntouched = 0;
	commune_plan_values(m, lg, c, cc, pl, 1, scratch_x);
	for (int i = 0; i < cc->nyears; i++)
		if (scratch_x[cc->standard_col[i]] != 0)
			touched[ntouched++] = cc->standard_col[i];
	for (int i = 0; i < cc->count; i++)
		if (scratch_x[cc->col[i]] != 0)
			touched[ntouched++] = cc->col[i];
	if (lg->floor_col[c] && scratch_x[lg->floor_col[c]] != 0)
		touched[ntouched++] = lg->floor_col[c];
	for (int j = lg->first_standard_short[c]; j; j = lg->next_standard_short[j])
		if (scratch_x[j] != 0)
			touched[ntouched++] = j;
	double obj = 0;
	int len = 0;
	for (int t = 0; t < ntouched; t++) {
		int j = touched[t];
		double xj = scratch_x[j];
		scratch_x[j] = 0;
		obj += glp_get_obj_coef(m->lp, j) * xj;
		int n = glp_get_mat_col(m->lp, j, mat_ind, mat_val);
		for (int i = 1; i <= n; i++) {
			int mr = ms->row_of[mat_ind[i]];
			if (!mr)
				continue;
			if (ms->seen[mr] != col) {
				ms->seen[mr] = col;
				ms->ind[++len] = mr;
			}
			ms->coef[mr] += mat_val[i] * xj;
		}
	}
	int out = 0;
	for (int i = 1; i <= len; i++) {
		int mr = ms->ind[i];
		if (ms->coef[mr] != 0) {
			ms->ind[++out] = mr;
			ms->val[out] = ms->coef[mr];
		}
		ms->coef[mr] = 0;
	}
	/* ind/val were reused in place: entries 1..out are the compacted ones. */
	ms->ind[++out] = ms->first_convexity + (int)c;
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
 * are, each commune's columns as the λ-weighted sum of its plans. */
static void master_solution(const struct master *ms, const struct model *m, double *x)
{
	struct lagrange lg = {0};
	struct commune_choices cc;
	for (int j = 1; j <= m->ncols; j++)
		x[j] = ms->col_of_shared[j] ? glp_get_col_prim(ms->lp, ms->col_of_shared[j]) : 0;
	/* Only the commune structure is needed here (which column is which). */
	lg.lp = m->lp;
	lg.duals = ms->zero_duals;
	if (lagrange_compute(m, &lg) == 0) {
		int mcols = glp_get_num_cols(ms->lp);
		for (int col = 1; col <= mcols; col++) {
			double lambda = glp_get_col_prim(ms->lp, col);
			int c = ms->owner[col];
			if (c < 0 || lambda <= 1e-12)
				continue;
			commune_choices_fill(m, &lg, (size_t)c, &cc);
			commune_plan_values(m, &lg, (size_t)c, &cc, &ms->plan[col], lambda, x);
		}
	}
	lagrange_release(&lg);
}

/* Column generation to the master's optimum; communes with fixed[c] are
 * not priced. Leaves the duals of the model's coupling rows in `duals`.
 * Returns 0, 1 when the master is infeasible or out of time, -1 when out
 * of memory. */
static int master_optimise(struct master *ms, struct model *m, const int *fixed, double deadline,
			   double *duals, double *scratch, int *mat_ind, double *mat_val,
			   int *rounds, int *columns)
{
	const size_t nc = m->ds->ncommunes;
	const int nrows = glp_get_num_rows(m->lp);
	const double sign = glp_get_obj_dir(m->lp) == GLP_MAX ? 1 : -1;
	struct commune_choices cc;
	struct commune_plan pl;
	glp_smcp parm;
	int pricing_rounds = 0;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	for (;; (*rounds)++) {
		struct lagrange lg = {0};
		parm.tm_lim = glpk_time_left(deadline);
		if (glp_simplex(ms->lp, &parm) || glp_get_status(ms->lp) != GLP_OPT)
			return 1;
		for (int r = 1; r <= nrows; r++)
			duals[r] = ms->row_of[r] ? glp_get_row_dual(ms->lp, ms->row_of[r]) : 0;
		lg.lp = m->lp;
		lg.duals = duals;
		int ret = lagrange_compute(m, &lg);
		if (ret) {
			lagrange_release(&lg);
			return ret;
		}
		int added = 0;
		for (size_t c = 0; c < nc; c++) {
			if (fixed[c])
				continue;
			commune_choices_fill(m, &lg, c, &cc);
			commune_best_plan(&cc, &pl);
			double mu = sign * glp_get_row_dual(ms->lp, ms->first_convexity + (int)c);
			/* Above GLPK's own tolerance on reduced costs (1e-7, scaled):
			 * a column it would not let in must not be added again. */
			if (pl.value > mu + 1e-6 * (1 + fabs(mu))) {
				if (master_add_plan(ms, m, &lg, c, &cc, &pl, scratch, mat_ind, mat_val)) {
					lagrange_release(&lg);
					return -1;
				}
				added++;
			}
		}
		lagrange_release(&lg);
		*columns += added;
		if (!added)
			return 0;
		if ((deadline > 0 && now_seconds() > deadline) || ++pricing_rounds > MASTER_MAX_ROUNDS)
			return 1;
	}
}

/*
 * Solves the relaxation of the model's current stage by column generation.
 * `start` (may be NULL only when the plan that funds nothing is admissible,
 * i.e. in the first stage run) seeds the master. On success returns 0 and
 * fills *bound (the relaxation's optimum), duals[] (per model row; 0 for a
 * commune's own rows) and x_lp[] (the relaxation's solution in the model's
 * columns). Returns 1 when it could not finish (time, or GLPK), -1 when
 * out of memory.
 */
static int decomposition_relaxation(struct model *m, const double *start, double deadline,
				    double *bound, double *duals, double *x_lp,
				    double *dive_x, int *dive_found)
{
	int *fixed = NULL;
	const size_t nc = m->ds->ncommunes;
	const int nrows = glp_get_num_rows(m->lp);
	struct master ms = {0};
	struct lagrange lg = {0};
	struct commune_choices cc;
	struct commune_plan pl;
	int *mat_ind = malloc(((size_t)nrows + 1) * sizeof(*mat_ind));
	double *mat_val = malloc(((size_t)nrows + 1) * sizeof(*mat_val));
	double *scratch = calloc((size_t)m->ncols + 1, sizeof(*scratch));
	int rc = -1, rounds = 0, columns = 0;

	ms.row_of = calloc((size_t)nrows + 1, sizeof(*ms.row_of));
	ms.col_of_shared = calloc((size_t)m->ncols + 1, sizeof(*ms.col_of_shared));
	if (!mat_ind || !mat_val || !scratch || !ms.row_of || !ms.col_of_shared)
		goto done;
	ms.lp = glp_create_prob();
	glp_set_obj_dir(ms.lp, glp_get_obj_dir(m->lp));
	int coupling = 0;
	for (int r = 1; r <= nrows; r++) {
		if (m->row_owner[r] >= 0)
			continue;
		int mr = glp_add_rows(ms.lp, 1);
		glp_set_row_bnds(ms.lp, mr, glp_get_row_type(m->lp, r), glp_get_row_lb(m->lp, r),
				 glp_get_row_ub(m->lp, r));
		ms.row_of[r] = mr;
		coupling++;
	}
	ms.first_convexity = glp_add_rows(ms.lp, (int)nc);
	for (size_t c = 0; c < nc; c++)
		glp_set_row_bnds(ms.lp, ms.first_convexity + (int)c, GLP_FX, 1, 1);
	const int mrows = glp_get_num_rows(ms.lp);
	ms.coef = calloc((size_t)mrows + 1, sizeof(*ms.coef));
	ms.seen = calloc((size_t)mrows + 1, sizeof(*ms.seen));
	ms.ind = malloc(((size_t)mrows + 2) * sizeof(*ms.ind));
	ms.val = malloc(((size_t)mrows + 2) * sizeof(*ms.val));
	if (!ms.coef || !ms.seen || !ms.ind || !ms.val)
		goto done;
	/* Shared columns, as they are. */
	for (int j = 1; j <= m->ncols; j++) {
		if (m->col_owner[j] >= 0)
			continue;
		int col = glp_add_cols(ms.lp, 1);
		size_t alloc = ms.alloc;
		if (grow_array((void **)&ms.owner, &alloc, (size_t)col + 1, sizeof(*ms.owner)))
			goto done;
		alloc = ms.alloc;
		if (grow_array((void **)&ms.plan, &alloc, (size_t)col + 1, sizeof(*ms.plan)))
			goto done;
		ms.alloc = alloc;
		ms.owner[col] = MASTER_SHARED;
		ms.col_of_shared[j] = col;
		glp_set_col_bnds(ms.lp, col, glp_get_col_type(m->lp, j), glp_get_col_lb(m->lp, j),
				 glp_get_col_ub(m->lp, j));
		glp_set_obj_coef(ms.lp, col, glp_get_obj_coef(m->lp, j));
		int n = glp_get_mat_col(m->lp, j, mat_ind, mat_val), len = 0;
		for (int i = 1; i <= n; i++)
			if (ms.row_of[mat_ind[i]]) {
				ms.ind[++len] = ms.row_of[mat_ind[i]];
				ms.val[len] = mat_val[i];
			}
		glp_set_mat_col(ms.lp, col, len, ms.ind, ms.val);
	}
	/* Artificial columns, one per side of each coupling row, at a
	 * penalty no dual can reach: the master stays feasible when the dive
	 * fixes communes, and new columns can then restore the rows (a plan
	 * with an artificial column above 0 is not a plan). */
	double biggest = 0;
	for (int j = 1; j <= m->ncols; j++)
		if (fabs(glp_get_obj_coef(m->lp, j)) > biggest)
			biggest = fabs(glp_get_obj_coef(m->lp, j));
	const double penalty = 1e3 * (1 + biggest) * (glp_get_obj_dir(m->lp) == GLP_MAX ? -1 : 1);
	for (int r = 1; r <= nrows; r++) {
		int mr = ms.row_of[r];
		if (!mr)
			continue;
		int type = glp_get_row_type(m->lp, r);
		for (int side = 0; side < 2; side++) {
			int lower = side == 0;
			if (lower ? !(type == GLP_LO || type == GLP_DB || type == GLP_FX)
				  : !(type == GLP_UP || type == GLP_DB || type == GLP_FX))
				continue;
			int col = glp_add_cols(ms.lp, 1);
			size_t alloc = ms.alloc;
			if (grow_array((void **)&ms.owner, &alloc, (size_t)col + 1, sizeof(*ms.owner)))
				goto done;
			alloc = ms.alloc;
			if (grow_array((void **)&ms.plan, &alloc, (size_t)col + 1, sizeof(*ms.plan)))
				goto done;
			ms.alloc = alloc;
			ms.owner[col] = MASTER_ARTIFICIAL;
			int ind[2] = {0, mr};
			double val[2] = {0, lower ? 1 : -1};
			glp_set_mat_col(ms.lp, col, 1, ind, val);
			glp_set_col_bnds(ms.lp, col, GLP_LO, 0, 0);
			glp_set_obj_coef(ms.lp, col, penalty);
		}
	}
	/* First columns: each commune's plan in `start`, and its plan of
	 * doing nothing. Pricing needs the commune structure only, so the
	 * duals are all zero here. */
	ms.zero_duals = calloc((size_t)nrows + 1, sizeof(*ms.zero_duals));
	double *zero = ms.zero_duals;
	if (!zero)
		goto done;
	lg.lp = m->lp;
	lg.duals = zero;
	int ret = lagrange_compute(m, &lg);
	if (ret) {
		rc = ret > 0 ? 1 : -1;
		goto done;
	}
	for (size_t c = 0; c < nc; c++) {
		commune_choices_fill(m, &lg, c, &cc);
		struct commune_plan nothing = {-1, 0, 0};
		if (master_add_plan(&ms, m, &lg, c, &cc, &nothing, scratch, mat_ind, mat_val))
			goto done_zero;
		if (start) {
			commune_plan_of(&cc, start, &pl);
			if ((pl.standard >= 0 || pl.gaps) &&
			    master_add_plan(&ms, m, &lg, c, &cc, &pl, scratch, mat_ind, mat_val))
				goto done_zero;
		}
	}
	lagrange_release(&lg);
	memset(&lg, 0, sizeof(lg));

	fixed = calloc(nc + 1, sizeof(*fixed));
	if (!fixed)
		goto done_zero;
	ret = master_optimise(&ms, m, fixed, deadline, duals, scratch, mat_ind, mat_val,
			      &rounds, &columns);
	if (ret) {
		rc = ret;
		goto done_zero;
	}
	/* The master's optimum is the relaxation's, unless an artificial
	 * column is needed: then the relaxation is infeasible (cannot happen
	 * with a feasible start) and nothing is claimed. */
	for (int col = 1; col <= glp_get_num_cols(ms.lp); col++)
		if (ms.owner[col] == MASTER_ARTIFICIAL && glp_get_col_prim(ms.lp, col) > 1e-6) {
			rc = 1;
			goto done_zero;
		}
	*bound = glp_get_obj_val(ms.lp);
	master_solution(&ms, m, x_lp);
	if (solver_trace)
		fprintf(stderr, "decomposition: %d rounds, %d columns, master %d x %d, bound %.6f\n",
			rounds, columns, glp_get_num_rows(ms.lp), glp_get_num_cols(ms.lp), *bound);
	rc = 0;
	if (!dive_x)
		goto done_zero;
	/*
	 * Diving, for a first plan: fix the commune whose plan is closest to
	 * being chosen alone (largest λ below 1) to that plan, solve the
	 * master again (with new columns for the others), and so on until
	 * every commune has one plan: a plan of the whole model, with the
	 * master's money flows. Stops without a plan when the master becomes
	 * infeasible or time runs out.
	 */
	double *dive_duals = calloc((size_t)nrows + 1, sizeof(*dive_duals));
	if (!dive_duals)
		goto done_zero;
	for (int dive = 0;; dive++) {
		int mcols = glp_get_num_cols(ms.lp), pick = 0, fractional = 0;
		double pick_lambda = -1;
		for (int col = 1; col <= mcols; col++) {
			int c = ms.owner[col];
			if (c < 0 || fixed[c])
				continue;
			double lambda = glp_get_col_prim(ms.lp, col);
			if (lambda > 1 - 1e-7) {
				fixed[c] = col; /* already alone: keep it */
				continue;
			}
			if (lambda > 1e-7) {
				fractional++;
				if (lambda > pick_lambda) {
					pick_lambda = lambda;
					pick = col;
				}
			}
		}
		if (!pick) {
			double artificial = 0;
			for (int col = 1; col <= mcols; col++)
				if (ms.owner[col] == MASTER_ARTIFICIAL)
					artificial += glp_get_col_prim(ms.lp, col);
			if (artificial > 1e-6) {
				if (solver_trace)
					fprintf(stderr, "decomposition: dive ended infeasible (%g)\n", artificial);
				break;
			}
			master_solution(&ms, m, dive_x);
			for (int j = 1; j <= m->ncols; j++)
				if (glp_get_col_kind(m->lp, j) != GLP_CV)
					dive_x[j] = floor(dive_x[j] + 0.5);
			*dive_found = 1;
			if (solver_trace)
				fprintf(stderr, "decomposition: dive of %d steps, plan %.6f\n", dive,
					objective_of(m->lp, m->ncols, dive_x));
			break;
		}
		int c = ms.owner[pick];
		fixed[c] = pick;
		for (int col = 1; col <= mcols; col++)
			if (ms.owner[col] == c && col != pick)
				glp_set_col_bnds(ms.lp, col, GLP_FX, 0, 0);
		/* Every commune still at one plan is held there too: the dive
		 * only ever narrows. */
		for (int col = 1; col <= mcols; col++) {
			int o = ms.owner[col];
			if (o >= 0 && fixed[o] && fixed[o] != col &&
			    glp_get_col_type(ms.lp, col) != GLP_FX)
				glp_set_col_bnds(ms.lp, col, GLP_FX, 0, 0);
		}
		(void)fractional;
		ret = master_optimise(&ms, m, fixed, deadline, dive_duals, scratch, mat_ind, mat_val,
				      &rounds, &columns);
		if (ret < 0) {
			free(dive_duals);
			rc = -1;
			goto done_zero;
		}
		if (ret > 0) {
			if (solver_trace)
				fprintf(stderr, "decomposition: dive stopped after %d steps\n", dive + 1);
			break;
		}
	}
	free(dive_duals);
done_zero:
done:
	free(fixed);
	lagrange_release(&lg);
	master_release(&ms);
	free(mat_ind);
	free(mat_val);
	free(scratch);
	return rc;
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
	long nodes;            /* nodes the search took */
	int stop_on_improvement; /* stop at a plan better than `improve_on` */
	double improve_on;
	double step;           /* how much better counts as better */
	int improved;
	/* Root pass: the cuts GLPK adds at the root node are copied into
	 * `cuts` (same columns) and the search stops there. */
	glp_prob *cuts;
	int first_cut_row;
	int *cut_ind;
	double *cut_val;
	int harvested;
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
	int total;
	glp_ios_tree_size(tree, NULL, NULL, &total);
	s->nodes = total;
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
	if (s->cuts && reason == GLP_IBRANCH && glp_ios_curr_node(tree) == 1) {
		/* The root is done, cuts included: keep them, stop. */
		int nrows = glp_get_num_rows(lp);
		for (int i = s->first_cut_row; i <= nrows; i++) {
			int len = glp_get_mat_row(lp, i, s->cut_ind, s->cut_val);
			int row = glp_add_rows(s->cuts, 1);
			glp_set_mat_row(s->cuts, row, len, s->cut_ind, s->cut_val);
			glp_set_row_bnds(s->cuts, row, glp_get_row_type(lp, i),
					 glp_get_row_lb(lp, i), glp_get_row_ub(lp, i));
		}
		s->harvested = 1;
		if (solver_trace)
			fprintf(stderr, "root after cuts: lp %.6f, %d cuts\n", glp_get_obj_val(lp),
				nrows - s->first_cut_row + 1);
		glp_ios_terminate(tree);
		return;
	}
	if (s->stop_on_improvement && glp_mip_status(lp) == GLP_FEAS) {
		double value = glp_mip_obj_val(lp);
		if (s->maximise ? value >= s->improve_on + s->step : value <= s->improve_on - s->step) {
			s->improved = 1;
			glp_ios_terminate(tree);
			return;
		}
	}
	if (s->node_limit > 0) {
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
static int search_neighbourhood(struct model *m, glp_prob *lp, const double *lp_values,
				enum neighbourhood hood, const double *previous,
				double deadline, double *x, double *value)
{
	glp_prob *sub = glp_create_prob();
	int found = 0;
	glp_copy_prob(sub, lp, GLP_OFF);
	for (int j = 1; j <= m->ncols; j++) {
		if (glp_get_col_kind(m->lp, j) != GLP_BV || glp_get_col_type(lp, j) == GLP_FX)
			continue;
		double lpv = lp_values ? lp_values[j] : glp_get_col_prim(lp, j);
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
	/* Nodes, not seconds, so that the same input gives the same plan. */
	struct search s = {0};
	s.node_limit = NEIGHBOURHOOD_NODE_LIMIT;
	s.deadline = deadline;
	parm.cb_func = search_callback;
	parm.cb_info = &s;
	if (deadline > 0)
		parm.tm_lim = glpk_time_left(deadline);
	int ret = glp_intopt(sub, &parm);
	int status = glp_mip_status(sub);
	if ((ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP) &&
	    (status == GLP_OPT || status == GLP_FEAS)) {
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
static int relaxation_heuristic(struct model *m, glp_prob *lp, const double *lp_values,
				const double *previous, double deadline, double *x)
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
		if (!search_neighbourhood(m, lp, lp_values, (enum neighbourhood)hood, previous,
					  deadline, candidate, &value)) {
			if (solver_trace)
				fprintf(stderr, "neighbourhood %d: nothing\n", hood);
			continue;
		}
		if (solver_trace)
			fprintf(stderr, "neighbourhood %d: %.6f\n", hood, value);
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

/*
 * A plan's decisions as a solution of the model (warm start): standard
 * years, gaps completed without the standard, money flows (the
 * transportation problem of funding.h) and the least shortfall of each
 * target row. Returns 0, 1 when the decisions cannot be paid with this
 * dataset's budget or a decision has no column here, -1 on failure.
 */
static int model_solution_of_plan(struct model *m, const struct plan *given, double *x)
{
	const struct dataset *ds = m->ds;
	const size_t ng = m->groups.ngroups, ns = ds->nsources;
	const int n = m->n;
	double *demand = calloc(ng * (size_t)n + 1, sizeof(*demand));
	double *flow = calloc(ng * ns * (size_t)n + 1, sizeof(*flow));
	int rc = -1;
	if (!demand || !flow)
		goto done;
	rc = 1;
	for (int j = 1; j <= m->ncols; j++)
		x[j] = 0;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int year = given->standard_year[c];
		if (year > 0) {
			int u = year <= n ? m->u_col[c * (size_t)n + (size_t)(year - 1)] : 0;
			if (!u)
				goto done;
			x[u] = 1;
			continue;
		}
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (!given->completed[i] || dataset_gap_cost(ds, c, k) <= 0)
				continue;
			if (!m->v_col[i])
				goto done;
			x[m->v_col[i]] = 1;
		}
	}
	plan_demand(given, &m->groups, demand);
	int short_of = funding_solve(ds, &m->groups, demand, flow);
	if (short_of < 0) {
		rc = -1;
		goto done;
	}
	if (short_of > 0)
		goto done;
	for (size_t i = 0; i < ng * ns * (size_t)n; i++)
		if (m->f_col[i])
			x[m->f_col[i]] = flow[i];
	for (size_t i = 0; i < m->nshort; i++) {
		int col = m->short_cols[i], row = m->short_rows[i];
		int len = glp_get_mat_row(m->lp, row, m->ind, m->val);
		double activity = 0, coef = 1;
		for (int j = 1; j <= len; j++) {
			if (m->ind[j] == col)
				coef = m->val[j];
			else
				activity += m->val[j] * x[m->ind[j]];
		}
		double need = (glp_get_row_lb(m->lp, row) - activity) / coef;
		x[col] = need > 0 ? need : 0;
	}
	rc = 0;
done:
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


/* How many times a stage's search may start again from a better plan it
 * found (each restart fixes more); the last search runs to its end. */
#define SOLVE_MAX_RESTARTS 20

/* GLPK's branch-and-bound parameters for a stage's search. */
static void search_parameters(glp_iocp *parm, enum objective stage, int have_start,
			      double deadline, struct search *s)
{
	glp_init_iocp(parm);
	parm->msg_lev = GLP_MSG_OFF;
	parm->presolve = GLP_OFF; /* keeps column numbers for the incumbent */
	/* No Gomory cuts, as a precaution: Gomory cuts are numerically the
	 * least safe of GLPK's, this model mixes money coefficients of 10^5
	 * with binaries, and one early run (with Gomory cuts on) reported
	 * stage 1 optimal at 35 communes where 36 are possible (glpsol and
	 * later runs find 36). A slower proof beats a wrong one. */
	parm->gmi_cuts = GLP_OFF;
	parm->mir_cuts = GLP_ON;
	parm->cov_cuts = GLP_ON;
	parm->clq_cuts = GLP_ON;
	parm->fp_heur = have_start ? GLP_OFF : GLP_ON;
	/* Pseudocost branching for stage 3 (criteria met), depth first for
	 * stage 2, whose bound is reached early while plans that attain it
	 * are rare (measured on data/dienbien, docs/performance.md). */
	parm->br_tech = stage == OBJ_CRITERIA ? GLP_BR_PCH : GLP_BR_DTH;
	parm->bt_tech = stage == OBJ_STANDARD_YEARS ? GLP_BT_DFS : GLP_BT_BLB;
	parm->cb_func = search_callback;
	parm->cb_info = s;
	if (deadline > 0)
		parm->tm_lim = glpk_time_left(deadline);
}

/*
 * The root pass: GLPK's branch and bound on the whole model, stopped when
 * the root node is done. The cuts it added there (MIR, cover, clique) are
 * valid for every plan of this stage, hence of every later stage (each
 * only adds rows), so they become rows of the model: the relaxation, and
 * with it the Lagrangian bound, gets much closer to the optimum. The
 * incumbent is improved in place when the root found better. Returns 1
 * when the root proved the incumbent optimal, 0 otherwise, -1 on failure.
 */
static int root_pass(struct model *m, glp_prob *lp, enum objective stage, double *x,
		     double deadline, long node_limit)
{
	struct search r = {0};
	glp_iocp parm;
	int proven = -1;
	r.integral = stage != OBJ_MONEY;
	r.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	r.deadline = deadline;
	r.node_limit = node_limit;
	r.start = x;
	r.first_cut_row = glp_get_num_rows(lp) + 1;
	r.cuts = glp_create_prob();
	r.cut_ind = malloc(((size_t)m->ncols + 1) * sizeof(*r.cut_ind));
	r.cut_val = malloc(((size_t)m->ncols + 1) * sizeof(*r.cut_val));
	if (!r.cut_ind || !r.cut_val || model_buf(m, (size_t)m->ncols))
		goto done;
	glp_add_cols(r.cuts, m->ncols);
	search_parameters(&parm, stage, 1, deadline, &r);
	int ret = glp_intopt(lp, &parm);
	int status = glp_mip_status(lp);
	if (ret && ret != GLP_ESTOP && ret != GLP_ETMLIM)
		goto done;
	if (status == GLP_OPT || status == GLP_FEAS) {
		double before = objective_of(m->lp, m->ncols, x);
		double after = glp_mip_obj_val(lp);
		if (r.maximise ? after > before : after < before)
			for (int j = 1; j <= m->ncols; j++) {
				double v = glp_mip_col_val(lp, j);
				x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
			}
	}
	if (r.proven || (status == GLP_OPT && !r.harvested)) {
		proven = 1;
		goto done;
	}
	int ncuts = glp_get_num_rows(r.cuts);
	for (int i = 1; i <= ncuts; i++) {
		char label[64];
		int len = glp_get_mat_row(r.cuts, i, m->ind, m->val);
		int type = glp_get_row_type(r.cuts, i);
		double lb = glp_get_row_lb(r.cuts, i), ub = glp_get_row_ub(r.cuts, i);
		snprintf(label, sizeof(label), "cut(%d,%d)", (int)stage, i);
		if (lp == m->lp) {
			add_row(m, label, len, type, type == GLP_UP ? ub : lb);
		} else {
			int row = glp_add_rows(lp, 1);
			glp_set_mat_row(lp, row, len, m->ind, m->val);
		}
		glp_set_row_bnds(lp, glp_get_num_rows(lp), type, lb, ub);
	}
	proven = m->failed ? -1 : 0;
done:
	glp_delete_prob(r.cuts);
	free(r.cut_ind);
	free(r.cut_val);
	return proven;
}

/*
 * The search for a plan better than the incumbent x, on a copy of `work`
 * with the objective cut off there: "better than x by a whole unit" (or
 * by MONEY_TOLERANCE for money). GLPK's presolver then shrinks the copy
 * (fixed columns, rows left empty) and any plan it finds is an
 * improvement, so the search stops at the first. Returns 1 with x
 * replaced by the better plan, 2 when none exists (x is optimal), 0 when a
 * limit stopped it (s says which, and the bound), -1 on failure.
 */
static int cutoff_search(struct model *m, glp_prob *work, enum objective stage, double deadline,
			 long *nodes_left, long node_limit, int stop_at_first, double *x,
			 struct search *s)
{
	glp_prob *cut = glp_create_prob();
	glp_iocp parm;
	int found = -1;
	double incumbent = objective_of(m->lp, m->ncols, x);
	int len = 0;

	glp_copy_prob(cut, work, GLP_OFF);
	if (model_buf(m, (size_t)m->ncols))
		goto done;
	for (int j = 1; j <= m->ncols; j++) {
		double coef = glp_get_obj_coef(m->lp, j);
		if (coef != 0) {
			m->ind[++len] = j;
			m->val[len] = coef;
		}
	}
	int row = glp_add_rows(cut, 1);
	glp_set_mat_row(cut, row, len, m->ind, m->val);
	double step = s->integral ? 1 - 1e-6 : MONEY_TOLERANCE;
	if (s->maximise)
		glp_set_row_bnds(cut, row, GLP_LO, incumbent + step, 0);
	else
		glp_set_row_bnds(cut, row, GLP_UP, 0, incumbent - step);

	search_parameters(&parm, stage, 0, deadline, s);
	parm.presolve = GLP_ON;
	parm.fp_heur = GLP_OFF;
	s->start = NULL;
	s->have_bound = 0;
	s->proven = 0;
	s->improved = 0;
	s->nodes = 0;
	s->out_of_nodes = 0;
	s->node_limit = node_limit > 0 ? (*nodes_left > 0 ? *nodes_left : 1) : 0;
	s->stop_on_improvement = stop_at_first;
	s->improve_on = incumbent;
	s->step = step * 0.5;
	int ret = glp_intopt(cut, &parm);
	int status = glp_mip_status(cut);
	*nodes_left -= s->nodes;
	if (solver_trace)
		fprintf(stderr, "stage %d cutoff search: ret %d status %d nodes %ld\n", (int)stage,
			ret, status, s->nodes);
	if (ret == GLP_ENOPFS || (ret == 0 && status == GLP_NOFEAS)) {
		found = 2;
	} else if ((ret == 0 && status == GLP_OPT) ||
		   (s->proven && (status == GLP_OPT || status == GLP_FEAS))) {
		/* Searched to the end (or the bound met the best plan found):
		 * the best plan of the cutoff region is the optimum. */
		for (int j = 1; j <= m->ncols; j++) {
			double v = glp_mip_col_val(cut, j);
			x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
		}
		found = 3;
	} else if (status == GLP_OPT || status == GLP_FEAS) {
		for (int j = 1; j <= m->ncols; j++) {
			double v = glp_mip_col_val(cut, j);
			x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
		}
		/* Stopped at a better plan, or by a limit after finding one. */
		found = s->improved ? 1 : 0;
	} else if (ret == GLP_ESTOP || ret == GLP_ETMLIM) {
		found = 0;
	} else if (ret == 0) {
		found = 2; /* searched to the end, nothing found */
	}
done:
	glp_delete_prob(cut);
	return found;
}

/* Whether a whole-valued stage's relaxation bound, rounded toward the
 * incumbent, equals the incumbent's value: then nothing better exists. */
static int rounding_proves(const struct search *s, double incumbent, double lp_bound)
{
	if (!s->integral)
		return 0;
	return s->maximise ? floor(lp_bound + 1e-6) <= incumbent + 1e-6
			   : ceil(lp_bound - 1e-6) >= incumbent - 1e-6;
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
	glp_prob *work = m->lp, *sub = NULL;
	int rc = -1;

	s.integral = stage != OBJ_MONEY;
	s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	s.deadline = deadline;
	s.node_limit = node_limit;
	const double sign = s.maximise ? 1 : -1;

	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	lp_parm.tm_lim = glpk_time_left(deadline);
	int lp_ret = glp_simplex(m->lp, &lp_parm);
	if (lp_ret == GLP_ETMLIM || (lp_ret == 0 && glp_get_status(m->lp) != GLP_OPT &&
				     deadline > 0 && now_seconds() > deadline)) {
		/* No relaxation in time: the previous plan (or the plan that
		 * funds nothing) stands, with no bound but the trivial one. */
		if (!start)
			model_fund_nothing(m, x);
		else if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		out->value = objective_of(m->lp, m->ncols, x);
		out->status = STAGE_TIME_LIMIT;
		out->bound = s.maximise ? HUGE_VAL : -HUGE_VAL;
		out->seconds = now_seconds() - started;
		return 0;
	}
	if (lp_ret || glp_get_status(m->lp) != GLP_OPT)
		return -1;
	double lp_bound = glp_get_obj_val(m->lp);

	if (start && !solver_test_paths && rounding_proves(&s, objective_of(m->lp, m->ncols, start), lp_bound)) {
		/* The plan in hand (the previous stage's, or a sweep's warm
		 * start) already reaches the relaxation rounded: optimal. */
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		out->value = objective_of(m->lp, m->ncols, x);
		out->bound = out->value;
		out->status = STAGE_OPTIMAL;
		out->seconds = now_seconds() - started;
		return 0;
	}
	if (solver_test_paths) {
		if (!start) {
			model_fund_nothing(m, x); /* admissible in the first stage run */
			start = x;
		}
	} else if (relaxation_heuristic(m, m->lp, NULL, start, deadline, x)) {
		start = x; /* at least as good as the previous stage's: it is optimal in its neighbourhood */
	}
	if (stage == OBJ_STANDARD_YEARS && start) {
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		if (advance_standard_years(m, x) < 0)
			return -1;
		start = x;
	}
	/*
	 * With an incumbent in hand:
	 * 1. the root pass on the model: GLPK's cuts at the root become rows
	 *    of the model (valid for this stage and every later one);
	 * 2. on a copy of the model, Lagrangian fixing (whatever cannot beat
	 *    the incumbent is fixed) and root passes in turn, while they fix
	 *    more: cuts there hold only with those fixings, so they stay in
	 *    the copy;
	 * 3. GLPK's branch and bound on the copy. When it finds a better plan
	 *    it stops, the fixing runs again from that plan, and the search
	 *    goes on: the better the incumbent, the more the fixing removes.
	 */
	long nodes_left = node_limit;
	int ret = 0, status = GLP_UNDEF, proven = 0;
	if (start) {
		if (start != x) {
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
			start = x;
		}
		proven = solver_test_paths ? 0 : root_pass(m, m->lp, stage, x, deadline, node_limit);
		if (proven < 0)
			goto cleanup;
		if (!proven) {
			lp_parm.tm_lim = glpk_time_left(deadline);
			if (glp_simplex(m->lp, &lp_parm) == 0 && glp_get_status(m->lp) == GLP_OPT)
				lp_bound = glp_get_obj_val(m->lp);
			sub = glp_create_prob();
			glp_copy_prob(sub, m->lp, GLP_OFF);
			work = sub;
		}
	}
	for (int round = 0; !proven; round++) {
		double incumbent = start ? objective_of(m->lp, m->ncols, start) : 0;
		for (int pass = 0; start && pass < 4; pass++) {
			double goal = sign * incumbent + (s.integral ? 1 : MONEY_TOLERANCE);
			double lagrangian_bound;
			lp_parm.tm_lim = glpk_time_left(deadline);
			lp_ret = glp_simplex(work, &lp_parm);
			if (lp_ret || glp_get_status(work) != GLP_OPT) {
				if (lp_ret == GLP_ETMLIM)
					break; /* out of time: the search below stops at once */
				/* No plan of the copy beats the incumbent (its
				 * relaxation has none at all). */
				proven = glp_get_status(work) == GLP_NOFEAS;
				if (!proven)
					goto cleanup;
				break;
			}
			long fixed = lagrangian_fix(m, work, NULL, goal, &proven, &lagrangian_bound);
			if (fixed < 0)
				goto cleanup;
			if (solver_trace)
				fprintf(stderr, "stage %d round %d pass %d: lp %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
					(int)stage, round, pass, glp_get_obj_val(work), sign * lagrangian_bound,
					incumbent, fixed, m->ncols, proven ? " (proven)" : "");
			if (proven || fixed == 0 || (deadline > 0 && now_seconds() > deadline))
				break;
			lp_parm.tm_lim = glpk_time_left(deadline);
			if (glp_simplex(work, &lp_parm))
				break;
			if (glp_get_status(work) == GLP_NOFEAS) {
				proven = 1;
				break;
			}
			proven = solver_test_paths ? 0 : root_pass(m, work, stage, x, deadline, node_limit);
			if (proven < 0)
				goto cleanup;
			if (proven)
				break;
			if (objective_of(m->lp, m->ncols, x) != incumbent)
				break; /* the root found better: fix from it */
		}
		if (proven)
			break;
		if (start && work != m->lp && !solver_test_paths && round < SOLVE_MAX_RESTARTS) {
			/* The copy's relaxation is much closer to the optimum than
			 * the model's was: its neighbourhoods give better plans. */
			double *candidate = malloc(((size_t)m->ncols + 1) * sizeof(*candidate));
			if (!candidate)
				goto cleanup;
			if (relaxation_heuristic(m, work, NULL, x, deadline, candidate) &&
			    sign * objective_of(m->lp, m->ncols, candidate) >
				    sign * objective_of(m->lp, m->ncols, x) + (s.integral ? 0.5 : MONEY_TOLERANCE)) {
				memcpy(x, candidate, ((size_t)m->ncols + 1) * sizeof(*x));
				free(candidate);
				if (solver_trace)
					fprintf(stderr, "stage %d round %d: heuristic found %.6f\n", (int)stage,
						round, objective_of(m->lp, m->ncols, x));
				if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
					goto cleanup;
				continue; /* fix again from the better plan */
			}
			free(candidate);
		}
		if (stage == OBJ_STANDARD_YEARS && start && advance_standard_years(m, x) < 0)
			goto cleanup;

		if (start && work != m->lp) {
			int found = cutoff_search(m, work, stage, deadline, &nodes_left, node_limit,
						  round < SOLVE_MAX_RESTARTS, x, &s);
			if (found < 0)
				goto cleanup;
			if (found == 1) {
				start = x;
				if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
					goto cleanup;
				continue;
			}
			if (found == 2 || found == 3) {
				proven = 1;
				break;
			}
			/* Stopped by a limit: the incumbent stands, with the bound. */
			out->value = objective_of(m->lp, m->ncols, x);
			out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
			double bound = s.have_bound ? s.bound : lp_bound;
			/* What the fixing and the cutoff left out cannot beat the
			 * incumbent, so it does not weaken the bound. */
			double floor_of_left_out = sign * out->value + (s.integral ? 0 : MONEY_TOLERANCE);
			out->bound = sign * bound > floor_of_left_out ? bound : sign * floor_of_left_out;
			out->seconds = now_seconds() - started;
			rc = 0;
			goto cleanup;
		}
		search_parameters(&parm, stage, start != NULL, deadline, &s);
		s.start = start;
		s.offered = 0;
		s.have_bound = 0;
		s.proven = 0;
		s.improved = 0;
		s.nodes = 0;
		s.node_limit = node_limit > 0 ? (nodes_left > 0 ? nodes_left : 1) : 0;
		s.stop_on_improvement = start && round < SOLVE_MAX_RESTARTS;
		s.improve_on = start ? objective_of(m->lp, m->ncols, start) : 0;
		s.step = s.integral ? 1 - 1e-6 : MONEY_TOLERANCE;
		lp_parm.tm_lim = glpk_time_left(deadline);
		if (glp_simplex(work, &lp_parm) == 0 && glp_get_status(work) == GLP_NOFEAS) {
			proven = 1;
			break;
		}
		ret = glp_intopt(work, &parm);
		status = glp_mip_status(work);
		nodes_left -= s.nodes;
		if (solver_trace)
			fprintf(stderr, "stage %d round %d: intopt ret %d status %d proven %d improved %d nodes %ld %.2f s\n",
				(int)stage, round, ret, status, s.proven, s.improved, s.nodes,
				now_seconds() - started);
		if (!s.improved)
			break;
		/* A better plan: start again from it. */
		for (int j = 1; j <= m->ncols; j++) {
			double v = glp_mip_col_val(work, j);
			x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
		}
		start = x;
		if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
			goto cleanup;
	}
	if (proven) {
		/* No plan beats the incumbent: it is optimal. */
		out->value = objective_of(m->lp, m->ncols, x);
		out->bound = out->value;
		out->status = STAGE_OPTIMAL;
		out->seconds = now_seconds() - started;
		rc = 0;
		goto cleanup;
	}
	out->seconds = now_seconds() - started;
	if (status != GLP_OPT && status != GLP_FEAS) {
		if (!(ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP))
			goto cleanup;
		/* Stopped before GLPK took the incumbent in: the previous
		 * solution stands, with the relaxation as the bound. The first
		 * stage has none, but funding nothing is always admissible. */
		if (!start) {
			model_fund_nothing(m, x);
			start = x;
		}
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		out->value = objective_of(m->lp, m->ncols, x);
		out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
		out->bound = lp_bound;
		rc = 0;
		goto cleanup;
	}
	out->value = glp_mip_obj_val(work);
	if (status == GLP_OPT || s.proven) {
		out->status = STAGE_OPTIMAL;
		out->bound = out->value;
	} else {
		out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
		out->bound = s.have_bound ? s.bound : lp_bound;
		/* What the fixing left out cannot beat the incumbent, so it
		 * does not weaken the bound of what was searched. */
		if (work == sub) {
			double floor_of_left_out = sign * out->value + (s.integral ? 0 : MONEY_TOLERANCE);
			if (sign * out->bound < floor_of_left_out)
				out->bound = sign * floor_of_left_out;
		}
	}
	for (int j = 1; j <= m->ncols; j++) {
		double v = glp_mip_col_val(work, j);
		x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
	}
	rc = 0;
cleanup:
	if (sub)
		glp_delete_prob(sub);
	return rc;
}


/* solve_stage() for the decomposition: the relaxation by column
 * generation (decomposition_relaxation), a first plan from its
 * neighbourhoods, then Lagrangian fixing with the master's duals and the
 * search with a cutoff, again from every better plan. No root pass: it
 * would solve the whole model's relaxation, which is what the master
 * avoids. Same contract as solve_stage(). */
static int solve_stage_decomposition(struct model *m, enum objective stage, const double *start,
				     double deadline, long node_limit, double *x,
				     struct stage_result *out)
{
	struct search s = {0};
	const double started = now_seconds();
	const size_t width = (size_t)m->ncols + 1;
	double *duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(*duals));
	double *x_lp = calloc(width, sizeof(*x_lp));
	double *candidate = malloc(width * sizeof(*candidate));
	double lp_bound = 0;
	int rc = -1;

	s.integral = stage != OBJ_MONEY;
	s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	const double sign = s.maximise ? 1 : -1;
	if (!duals || !x_lp || !candidate)
		goto cleanup;
	if (start && start != x)
		memcpy(x, start, width * sizeof(*x));
	int dived = 0;
	int ret = decomposition_relaxation(m, start, deadline, &lp_bound, duals, x_lp,
					   candidate, &dived);
	if (ret < 0)
		goto cleanup;
	if (ret > 0) {
		/* No relaxation in time: the previous plan (or the plan that
		 * funds nothing) stands, with no bound but the trivial one. */
		if (!start)
			model_fund_nothing(m, x);
		out->value = objective_of(m->lp, m->ncols, x);
		out->status = STAGE_TIME_LIMIT;
		out->bound = s.maximise ? HUGE_VAL : -HUGE_VAL;
		out->seconds = now_seconds() - started;
		rc = 0;
		goto cleanup;
	}
	int have = start != NULL;
	if (dived && (!have || sign * objective_of(m->lp, m->ncols, candidate) >
				       sign * objective_of(m->lp, m->ncols, x))) {
		memcpy(x, candidate, width * sizeof(*x));
		have = 1;
	}
	if (solver_trace) {
		int fractional = 0;
		for (int j = 1; j <= m->ncols; j++)
			if (glp_get_col_kind(m->lp, j) == GLP_BV && x_lp[j] > 1e-6 && x_lp[j] < 1 - 1e-6)
				fractional++;
		fprintf(stderr, "stage %d: relaxation has %d fractional binaries\n", (int)stage, fractional);
	}
	if (relaxation_heuristic(m, m->lp, x_lp, have ? x : NULL, deadline, candidate) &&
	    (!have || sign * objective_of(m->lp, m->ncols, candidate) >
			      sign * objective_of(m->lp, m->ncols, x))) {
		memcpy(x, candidate, width * sizeof(*x));
		have = 1;
	}
	if (!have)
		model_fund_nothing(m, x); /* admissible in the first stage run */
	if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
		goto cleanup;

	long nodes_left = node_limit;
	for (int round = 0;; round++) {
		double incumbent = objective_of(m->lp, m->ncols, x);
		double goal = sign * incumbent + (s.integral ? 1 : MONEY_TOLERANCE);
		int hopeless = 0;
		double lagrangian_bound;
		glp_prob *sub = glp_create_prob();
		glp_copy_prob(sub, m->lp, GLP_OFF);
		long fixed = lagrangian_fix(m, sub, duals, goal, &hopeless, &lagrangian_bound);
		if (solver_trace)
			fprintf(stderr, "stage %d round %d: relaxation %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
				(int)stage, round, lp_bound, sign * lagrangian_bound, incumbent, fixed,
				m->ncols, hopeless ? " (proven)" : "");
		int found = fixed < 0 ? -1 : hopeless ? 2 :
			    cutoff_search(m, sub, stage, deadline, &nodes_left, node_limit,
					  round < SOLVE_MAX_RESTARTS, x, &s);
		glp_delete_prob(sub);
		if (found < 0)
			goto cleanup;
		if (found == 1) {
			if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
				goto cleanup;
			continue;
		}
		out->value = objective_of(m->lp, m->ncols, x);
		out->seconds = now_seconds() - started;
		if (found >= 2) {
			out->status = STAGE_OPTIMAL;
			out->bound = out->value;
		} else {
			out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
			double bound = s.have_bound && sign * s.bound < sign * lp_bound ? s.bound : lp_bound;
			/* What the fixing and the cutoff left out cannot beat the
			 * incumbent, so it does not weaken the bound. */
			double floor_of_left_out = sign * out->value + (s.integral ? 0 : MONEY_TOLERANCE);
			out->bound = sign * bound > floor_of_left_out ? bound : sign * floor_of_left_out;
		}
		rc = 0;
		break;
	}
cleanup:
	free(duals);
	free(x_lp);
	free(candidate);
	return rc;
}

/* Solves the stages of o->stages, in order, on a built model; leaves the
 * last solution in `best`. Returns 0, or -1 with a diagnostic. */
static int uses_decomposition(const struct solve_options *o, const struct dataset *ds)
{
	return o->method == SOLVE_DECOMPOSITION ||
	       (o->method == SOLVE_AUTO && ds->ncommunes >= SOLVE_DECOMPOSITION_FROM);
}

/* Not inlined into solve_plan(), whose setjmp would otherwise make the
 * compiler fear for every local of the stages (-Wclobbered). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int run_stages(struct model *m, const struct solve_options *o, double deadline,
		      double *x, double *best, struct plan *p, struct diag_list *diags)
{
	int have_start = 0, left_to_run = 0;
	const int decomposition = uses_decomposition(o, m->ds);
	for (int stage = 0; stage < OBJ_COUNT; stage++)
		left_to_run += !!(o->stages & SOLVE_STAGE(stage));
	if (o->warm_start) {
		/* Admissible here (no stage row is in the model yet) when its
		 * money suffices; otherwise simply not used. */
		int ret = model_solution_of_plan(m, o->warm_start, best);
		if (ret < 0)
			return -1;
		have_start = ret == 0;
		if (solver_trace)
			fprintf(stderr, "warm start: %s\n", have_start ? "used" : "not admissible");
	}
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
		int ret = decomposition ?
			solve_stage_decomposition(m, (enum objective)stage, have_start ? best : NULL,
						  stage_deadline, o->node_limit, x, res) :
			solve_stage(m, (enum objective)stage, have_start ? best : NULL,
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
		if (solver_trace)
			fprintf(stderr, "stage %d: value %.6f bound %.6f status %d, %.3f s\n", stage,
				res->value, res->bound, (int)res->status, res->seconds);
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
	solver_trace = getenv("NTM_SOLVER_TRACE") != NULL;
	solver_test_paths = getenv("NTM_SOLVER_TEST_PATHS") != NULL;
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
	/* Scaling helps GLPK's simplex on the whole model; the decomposition
	 * never solves that (its master is small, the searches presolve and
	 * scale their own copies), and at 8,900 communes scaling alone took
	 * 5 s. */
	if (!uses_decomposition(o, ds))
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

/* What write_model_file() writes. */
struct model_file {
	glp_prob *lp;
	enum model_format format;
};

/*
 * An outfile_writer for the model: GLPK writes only to a named file, and
 * does not always notice a failed write (a full disk left a truncated LP
 * file behind), so it writes a private temporary file, which is read back
 * with GLPK's own reader (a truncated file does not read, or reads with
 * fewer rows or columns) and then copied into `out`, where every write is
 * checked and the file is put in place whole or not at all (outfile.h).
 */
static int write_model_file(FILE *out, const void *ctx)
{
	const struct model_file *mf = ctx;
	const char *dir = getenv("TMPDIR");
	char *tmp = strfmt("%s/ntmplan-model-XXXXXX", dir && *dir ? dir : "/tmp");
	int rc = -1, fd;
	if (!tmp || (fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return -1;
	}
	close(fd);
	int ret = mf->format == MODEL_LP ? glp_write_lp(mf->lp, NULL, tmp)
					 : glp_write_mps(mf->lp, GLP_MPS_FILE, NULL, tmp);
	if (ret == 0) {
		glp_prob *check = glp_create_prob();
		ret = mf->format == MODEL_LP ? glp_read_lp(check, NULL, tmp)
					     : glp_read_mps(check, GLP_MPS_FILE, NULL, tmp);
		if (ret == 0 && (glp_get_num_rows(check) != glp_get_num_rows(mf->lp) ||
				 glp_get_num_cols(check) != glp_get_num_cols(mf->lp)))
			ret = -1;
		glp_delete_prob(check);
	}
	FILE *in = ret == 0 ? fopen(tmp, "rb") : NULL;
	if (in) {
		char buf[65536];
		size_t n;
		rc = 0;
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			if (fwrite(buf, 1, n, out) != n) {
				rc = -1;
				break;
			}
		if (ferror(in))
			rc = -1;
		fclose(in);
	}
	unlink(tmp);
	free(tmp);
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
	struct model_file mf = {m.lp, format};
	if (outfile_write(path, write_model_file, &mf, diags) == 0)
		rc = 0;
	glp_delete_prob(m.lp);
done:
	ntm_glpk_catch(NULL);
cleanup:
	model_release(&m);
	return rc;
}
