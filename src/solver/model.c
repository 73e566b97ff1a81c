#include "model.h"

#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "funding.h"
#include "lang.h"
#include "xalloc.h"

double model_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int model_tracing(const struct model *m)
{
	return m->params.trace != NULL;
}

void model_trace(const struct model *m, const char *format, ...)
{
	char small[256];
	va_list ap;
	if (!m->params.trace)
		return;
	va_start(ap, format);
	int len = vsnprintf(small, sizeof(small), format, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len < sizeof(small)) {
		m->params.trace(m->params.trace_ctx, small);
		return;
	}
	char *line = malloc((size_t)len + 1);
	if (!line)
		return;
	va_start(ap, format);
	vsnprintf(line, (size_t)len + 1, format, ap);
	va_end(ap);
	m->params.trace(m->params.trace_ctx, line);
	free(line);
}

/* Time left before `deadline` (0: none), in GLPK's milliseconds, at least 1. */
int model_time_left(double deadline)
{
	if (deadline <= 0)
		return INT_MAX;
	double left = deadline - model_clock();
	return left > 0.001 ? (int)(left * 1000) : 1;
}

double model_objective_of(glp_prob *lp, int ncols, const double *x)
{
	double value = 0;
	for (int j = 1; j <= ncols; j++)
		value += glp_get_obj_coef(lp, j) * x[j];
	return value;
}



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

int model_buf(struct model *m, size_t need)
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

void model_release(struct model *m)
{
	funding_groups_release(&m->groups);
	free(m->u_col);
	free(m->v_col);
	free(m->f_col);
	free(m->short_cols);
	free(m->short_rows);
	free(m->short_target);
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
	m->short_target[m->nshort] = m->target;
	m->short_cols[m->nshort++] = col;
	return col;
}

/* Adds a row lo <= Σ val·x (type GLP_LO, GLP_UP, GLP_FX) from m->ind/val. */
void model_add_row(struct model *m, const char *label, int len, int type, double bound)
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

/* Appends every u(c,τ) of commune c with coefficient `coef`. Returns the
 * new length. */
static int push_standard_columns(struct model *m, int len, size_t c, double coef)
{
	for (int t = 1; t <= m->n; t++) {
		int u = m->u_col[c * (size_t)m->n + (size_t)(t - 1)];
		if (u) {
			m->ind[++len] = u;
			m->val[len] = coef;
		}
	}
	return len;
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
	return push_standard_columns(m, len, c, 1);
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
	return push_standard_columns(m, len, c, open_gaps(m->ds, c));
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
			if (plan_latest_completion(ds, c, k, n) <= t) {
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
				    plan_latest_completion(ds, c, k, tau) <= t)
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
/* The columns: u(c,τ) and v(c,k) per commune, F(g,s,t) per group, source
 * and year. */
static void add_columns(struct model *m)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	const size_t nc = ds->ncommunes, ns = ds->nsources, ng = m->groups.ngroups;
	char label[256];

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
}

/* A commune reaches the standard in one year at most, and a gap is
 * completed either for the standard or on its own, not both. */
static void add_commune_rows(struct model *m)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	const size_t nc = ds->ncommunes;
	char label[256];

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
		model_add_row(m, label, len, GLP_UP, 1);
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			int v = m->v_col[c * NTM_CRITERIA + (size_t)(k - 1)];
			if (!v)
				continue;
			m->ind[len + 1] = v;
			m->val[len + 1] = 1;
			snprintf(label, sizeof(label), "either(%s,%d)", ds->communes[c].id, k);
			model_add_row(m, label, len + 1, GLP_UP, 1);
		}
		m->owner = -1;
	}
}

/* The money's rows: what each group is paid, the budgets, and the implied
 * knapsack rows on the binaries. */
static void add_money_rows(struct model *m)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	const size_t ns = ds->nsources, ng = m->groups.ngroups;
	char label[256];

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
			model_add_row(m, label, len, t == n ? GLP_FX : GLP_LO, 0);
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
			model_add_row(m, label, len, GLP_UP,
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
			model_add_row(m, label, len, GLP_UP, cumulative);
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
				model_add_row(m, label, len, GLP_UP, cumulative);
			}
		}
	}
}

/* The rows of one target, each with its shortfall (docs/model.md). */
static void add_target_rows(struct model *m, const struct target *tg)
{
	const struct dataset *ds = m->ds;
	const int n = m->n;
	const size_t nc = ds->ncommunes;
	char label[256];
	int len = 0;
	switch (tg->kind) {
	case TARGET_COMMUNES_STANDARD: {
		/* The headline: communes at standard at the horizon. */
		double need = tg->value;
		for (size_t c = 0; c < nc; c++) {
			if (dataset_criteria_met(ds, c) == NTM_CRITERIA)
				need -= 1;
			else
				len = push_standard_columns(m, len, c, 1);
		}
		if (need <= 0)
			break;
		m->ind[++len] = add_shortfall(m, COL_SHORT_SHARED, "short(communes_standard)");
		m->val[len] = 1;
		model_add_row(m, "target(communes_standard)", len, GLP_LO, need);
		break;
	}
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
		model_add_row(m, label, len, GLP_LO, need);
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
			model_add_row(m, label, len, GLP_LO, need);
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
		model_add_row(m, "target(avg_criteria)", len, GLP_LO, need);
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
			model_add_row(m, label, len, GLP_LO, 1);
			m->owner = -1;
		}
		break;
	default:
		break; /* reported only, or enforced by the absent columns */
	}
}

int model_build(struct model *m, const struct dataset *ds)
{
	const int n = ds->nyears;
	const size_t nc = ds->ncommunes, ns = ds->nsources;

	memset(m, 0, sizeof(*m));
	m->ds = ds;
	m->n = n;
	m->owner = -1;
	m->dropped = -1;
	solve_params_init(&m->params);
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
	m->short_target = calloc((ds->ntargets + 1) * (nc + 1), sizeof(*m->short_target));

	size_t most = nc * (size_t)n + nc * NTM_CRITERIA + ng * ns * (size_t)n + NTM_CRITERIA + 8;
	if (!m->u_col || !m->v_col || !m->f_col || !m->short_cols || !m->short_rows ||
	    !m->short_target || model_buf(m, most))
		return -1;

	m->lp = glp_create_prob();
	glp_set_prob_name(m->lp, "ntmplan");
	glp_set_obj_dir(m->lp, GLP_MAX);

	add_columns(m);
	add_commune_rows(m);
	add_money_rows(m);
	for (size_t ti = 0; ti < ds->ntargets; ti++) {
		m->target = ti;
		add_target_rows(m, &ds->targets[ti]);
	}
	m->ncols = glp_get_num_cols(m->lp);
	return m->failed ? -1 : 0;
}

/* Sets the objective of `stage` (GLPK's row 0), for the model's variables
 * only: constants (the baseline) are left out and added back by the plan's
 * own evaluation. */
void model_set_objective(struct model *m, enum objective stage)
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

void model_drop_target(struct model *m, size_t ti)
{
	m->dropped = (long)ti;
	for (size_t i = 0; i < m->nshort; i++)
		if (m->short_target[i] == ti)
			glp_set_row_bnds(m->lp, m->short_rows[i], GLP_FR, 0, 0);
}

void model_set_level_objective(struct model *m, int priority)
{
	for (int j = 1; j <= m->ncols; j++)
		glp_set_obj_coef(m->lp, j, 0);
	glp_set_obj_dir(m->lp, GLP_MIN);
	for (size_t i = 0; i < m->nshort; i++) {
		const struct target *tg = &m->ds->targets[m->short_target[i]];
		if (target_priority(tg) == priority && (long)m->short_target[i] != m->dropped)
			glp_set_obj_coef(m->lp, m->short_cols[i], target_weight(m->ds, m->short_target[i]));
	}
}

/* Adds a row holding the current objective at `value` (what a stage
 * proved), so later stages keep it. The objectives held are whole-valued
 * for every plan, so the row is exact (value rounded to the whole number):
 * half a unit of slack would cut off no more plans but let the relaxation
 * of the next stage spend half a unit of this objective (docs/model.md). */
void model_fix_objective(struct model *m, enum objective stage, double value)
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
		model_add_row(m, label, len, GLP_UP, floor(value + 0.5));
	else
		model_add_row(m, label, len, GLP_LO, floor(value + 0.5));
}

/* Reads the decisions of a solution into the plan. */
void model_decisions(const struct model *m, const double *x, struct plan *p)
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
 * A plan's decisions as a solution of the model (warm start): standard
 * years, gaps completed without the standard, money flows (the
 * transportation problem of funding.h) and the least shortfall of each
 * target row. Returns 0, 1 when the decisions cannot be paid with this
 * dataset's budget or a decision has no column here, -1 on failure.
 */
int model_solution_of_plan(struct model *m, const struct plan *given, double *x)
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
void model_fund_nothing(const struct model *m, double *x)
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

int model_clean_cut(glp_prob *lp, int len, int *ind, double *val, int type, double *lb,
		    double *ub)
{
	double largest = 0;
	for (int k = 1; k <= len; k++)
		if (fabs(val[k]) > largest)
			largest = fabs(val[k]);
	if (largest == 0)
		return -1;
	int kept = 0;
	double smallest = HUGE_VAL;
	for (int k = 1; k <= len; k++) {
		double a = val[k];
		if (fabs(a) >= CUT_NOISE * largest) {
			ind[++kept] = ind[k];
			val[kept] = a;
			if (fabs(a) < smallest)
				smallest = fabs(a);
			continue;
		}
		int j = ind[k], ctype = glp_get_col_type(lp, j);
		int has_lb = ctype == GLP_LO || ctype == GLP_DB || ctype == GLP_FX;
		int has_ub = ctype == GLP_UP || ctype == GLP_DB || ctype == GLP_FX;
		double l = glp_get_col_lb(lp, j), u = glp_get_col_ub(lp, j);
		if (type == GLP_UP || type == GLP_DB || type == GLP_FX) {
			/* a·x <= b: the term is at least min(a·l, a·u). */
			if (a > 0 ? !has_lb : !has_ub)
				return -1;
			*ub -= a > 0 ? a * l : a * u;
		}
		if (type == GLP_LO || type == GLP_DB || type == GLP_FX) {
			/* a·x >= b: the term is at most max(a·l, a·u). */
			if (a > 0 ? !has_ub : !has_lb)
				return -1;
			*lb -= a > 0 ? a * u : a * l;
		}
	}
	if (kept == 0 || largest / smallest > CUT_MAX_RATIO)
		return -1;
	return kept;
}
