/*
 * The steps of one stage's solve (docs/model.md, "How each stage is
 * solved"), each a function with its contract and an outcome
 * (enum step_outcome): the relaxation, a first incumbent, the root pass,
 * the Lagrangian fixing, the search with a cutoff; on the whole model
 * (solve_stage) or by the decomposition (solve_stage_decomposition).
 */
#include "stage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "branch.h"
#include "decompose.h"
#include "funding.h"
#include "greedy.h"
#include "lagrange.h"

/* Starts lp's next simplex from stage k's kept basis when it fits lp (the
 * same numbers of rows and columns: the same model, another budget). */
static void basis_apply(glp_prob *lp, const struct solve_basis *b, int k)
{
	if (b->stage[k].nrows != glp_get_num_rows(lp) || b->stage[k].ncols != glp_get_num_cols(lp))
		return;
	for (int i = 1; i <= b->stage[k].nrows; i++)
		glp_set_row_stat(lp, i, b->stage[k].row_stat[i]);
	for (int j = 1; j <= b->stage[k].ncols; j++)
		glp_set_col_stat(lp, j, b->stage[k].col_stat[j]);
}

/* Keeps lp's present basis as stage k's. Out of memory, it is left empty,
 * which only costs the next run its head start. */
static void basis_keep(glp_prob *lp, struct solve_basis *b, int k)
{
	int nrows = glp_get_num_rows(lp), ncols = glp_get_num_cols(lp);
	if (b->stage[k].nrows != nrows || b->stage[k].ncols != ncols) {
		free(b->stage[k].row_stat);
		free(b->stage[k].col_stat);
		b->stage[k].row_stat = malloc(((size_t)nrows + 1) * sizeof(*b->stage[k].row_stat));
		b->stage[k].col_stat = malloc(((size_t)ncols + 1) * sizeof(*b->stage[k].col_stat));
		int ok = b->stage[k].row_stat && b->stage[k].col_stat;
		b->stage[k].nrows = ok ? nrows : 0;
		b->stage[k].ncols = ok ? ncols : 0;
		if (!ok)
			return;
	}
	for (int i = 1; i <= nrows; i++)
		b->stage[k].row_stat[i] = glp_get_row_stat(lp, i);
	for (int j = 1; j <= ncols; j++)
		b->stage[k].col_stat[j] = glp_get_col_stat(lp, j);
}

struct search {
	const struct model *m; /* for its trace */
	const double *start;   /* incumbent to offer, columns 1..ncols, or NULL */
	int offered;
	int integral;          /* the objective takes whole values */
	int maximise;
	double deadline;       /* model_clock() value, 0 for none */
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
	struct strong_branching *strong; /* NULL: GLPK's own branching */
	double goal;           /* what a plan must reach in a search with a
				* cutoff row (NAN elsewhere) */
	double money_gap;      /* money stage: the relative tolerance within
				* which it counts as proven (a fraction, 10^-4
				* for 0.01 %); 0 elsewhere, and while looking for
				* any cheaper plan */
};

/*
 * How much better than the incumbent a plan must be to count as better:
 * what a search with a cutoff asks, what the Lagrangian fixing aims at,
 * what proves the incumbent. A whole unit (less a margin against
 * rounding) for a whole-valued objective; for money MONEY_TOLERANCE, or
 * the stage's relative tolerance of the incumbent when that is more
 * (docs/model.md, "The money stage's tolerance"). Grows with the
 * incumbent, so a proof made against a worse incumbent still holds.
 */
static double improvement_step(const struct search *s, double incumbent)
{
	if (s->integral)
		return 1 - 1e-6;
	return fmax(MONEY_TOLERANCE, s->money_gap * fabs(incumbent));
}

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
	if (!s->integral && s->money_gap > 0 && s->have_bound && glp_mip_status(lp) == GLP_FEAS) {
		/* Money within its tolerance: no plan saves a step or more. */
		double incumbent = glp_mip_obj_val(lp);
		if ((s->maximise ? s->bound - incumbent : incumbent - s->bound) <
		    improvement_step(s, incumbent)) {
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
		if (model_tracing(s->m))
			model_trace(s->m, "root after cuts: lp %.6f, %d cuts\n", glp_get_obj_val(lp),
				nrows - s->first_cut_row + 1);
		glp_ios_terminate(tree);
		return;
	}
	if (s->strong && reason == GLP_IBRANCH) {
		double cutoff = s->goal;
		if (glp_mip_status(lp) == GLP_FEAS) {
			double step = improvement_step(s, glp_mip_obj_val(lp));
			cutoff = glp_mip_obj_val(lp) + (s->maximise ? step : -step);
		}
		strong_branching_choose(s->strong, tree, cutoff);
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
	if (s->deadline > 0 && model_clock() > s->deadline) {
		s->timed_out = 1;
		glp_ios_terminate(tree);
	}
}

/* The MIP solution GLPK holds for `lp` (the model or a copy of it: the
 * same columns) into x, columns 1..ncols, binaries rounded to 0 or 1. */
static void read_mip_solution(const struct model *m, glp_prob *lp, double *x)
{
	for (int j = 1; j <= m->ncols; j++) {
		double v = glp_mip_col_val(lp, j);
		x[j] = glp_get_col_kind(m->lp, j) == GLP_CV ? v : floor(v + 0.5);
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
	s.m = m;
	s.node_limit = m->params.neighbourhood_node_limit;
	s.deadline = deadline;
	parm.cb_func = search_callback;
	parm.cb_info = &s;
	if (deadline > 0)
		parm.tm_lim = model_time_left(deadline);
	int ret = glp_intopt(sub, &parm);
	int status = glp_mip_status(sub);
	if ((ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP) &&
	    (status == GLP_OPT || status == GLP_FEAS)) {
		read_mip_solution(m, sub, x);
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
			if (model_tracing(m))
				model_trace(m, "neighbourhood %d: nothing\n", hood);
			continue;
		}
		if (model_tracing(m))
			model_trace(m, "neighbourhood %d: %.6f\n", hood, value);
		if (!found || (maximise ? value > best : value < best)) {
			memcpy(x, candidate, ((size_t)m->ncols + 1) * sizeof(*x));
			best = value;
			found = 1;
		}
	}
	free(candidate);
	return found;
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

/* The cheapest-first fill (greedy.h) of the incumbent x, traced. Returns
 * what greedy_fill() returns. */
static int fill_cheapest_first(struct model *m, enum objective stage, double *x)
{
	double before = model_tracing(m) ? model_objective_of(m->lp, m->ncols, x) : 0;
	int added = greedy_fill(m, stage, x);
	if (added > 0 && model_tracing(m))
		model_trace(m, "stage %d: cheapest first added %d: %.6f -> %.6f\n", (int)stage, added,
			    before, model_objective_of(m->lp, m->ncols, x));
	return added;
}

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
		parm->tm_lim = model_time_left(deadline);
}

/*
 * GLPK's presolver alone said that the search with a cutoff (`cut`) holds
 * no plan. With numerically poor rows it once said so wrongly (a sweep
 * point of data/dienbien "proven" at 17 communes where 28 are possible),
 * so the verdict stands only when the relaxation agrees; otherwise the
 * search runs again without the presolver, within the nodes left. Returns
 * glp_intopt()'s code for the verdict (GLP_ENOPFS when confirmed, GLP_ETMLIM
 * when none came in time) and sets *status to the MIP status.
 */
static int recheck_without_presolver(glp_prob *cut, glp_iocp *parm, enum objective stage,
				     double deadline, long *nodes_left, long node_limit,
				     struct search *s, int *status)
{
	glp_smcp lp_parm;
	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	lp_parm.tm_lim = model_time_left(deadline);
	int lp_ret = glp_simplex(cut, &lp_parm);
	if (lp_ret == 0 && glp_get_status(cut) == GLP_NOFEAS)
		return GLP_ENOPFS;
	if (lp_ret != 0 || glp_get_status(cut) != GLP_OPT) {
		*status = GLP_UNDEF;
		s->timed_out = 1;
		return GLP_ETMLIM;
	}
	parm->presolve = GLP_OFF;
	if (deadline > 0)
		parm->tm_lim = model_time_left(deadline);
	s->nodes = 0;
	s->node_limit = node_limit > 0 ? (*nodes_left > 0 ? *nodes_left : 1) : 0;
	int ret = glp_intopt(cut, parm);
	*status = glp_mip_status(cut);
	*nodes_left -= s->nodes;
	if (model_tracing(s->m))
		model_trace(s->m, "stage %d cutoff search without presolver: ret %d status %d nodes %ld\n",
			    (int)stage, ret, *status, s->nodes);
	return ret;
}

/* Adds to `cut` (a copy of the model) the row "objective better than
 * `incumbent` by `step`". Returns 0, or -1 when out of memory. */
static int add_cutoff_row(struct model *m, glp_prob *cut, int maximise, double incumbent,
			  double step)
{
	int len = 0;
	if (model_buf(m, (size_t)m->ncols))
		return -1;
	for (int j = 1; j <= m->ncols; j++) {
		double coef = glp_get_obj_coef(m->lp, j);
		if (coef != 0) {
			m->ind[++len] = j;
			m->val[len] = coef;
		}
	}
	int row = glp_add_rows(cut, 1);
	glp_set_mat_row(cut, row, len, m->ind, m->val);
	if (maximise)
		glp_set_row_bnds(cut, row, GLP_LO, incumbent + step, 0);
	else
		glp_set_row_bnds(cut, row, GLP_UP, 0, incumbent - step);
	return 0;
}

/* GLPK's branch and bound on `cut` with parm, strong branching in the
 * criteria stage: measured on data/dienbien at budget scales 0.9-1.2, it
 * proves stage 3 at three scales of four instead of one, while in the
 * other stages GLPK's own branching proves as much for less
 * (docs/performance.md). Returns glp_intopt()'s code, and the MIP status
 * in *status. */
static int intopt_with_strong_branching(struct model *m, glp_prob *cut, glp_iocp *parm,
					enum objective stage, struct search *s, int *status)
{
	struct strong_branching strong;
	strong_branching_init(&strong,
			      stage == OBJ_CRITERIA ? m->params.strong_branching_candidates : 0,
			      m->params.strong_branching_iterations);
	s->strong = strong.candidates ? &strong : NULL;
	int ret = glp_intopt(cut, parm);
	*status = glp_mip_status(cut);
	s->strong = NULL;
	s->goal = NAN;
	if (model_tracing(m) && strong.trials)
		model_trace(m, "stage %d strong branching: %ld children tried, %ld dead\n", (int)stage,
			    strong.trials, strong.infeasible);
	strong_branching_release(&strong);
	return ret;
}

/* The cuts a root pass found (rows of `cuts`, over the model's columns),
 * cleaned (model_clean_cut), as rows of `lp`: of the model itself
 * (model_add_row, so that the model knows them), or of its copy. */
static void keep_cuts(struct model *m, glp_prob *lp, enum objective stage, glp_prob *cuts)
{
	int ncuts = glp_get_num_rows(cuts);
	for (int i = 1; i <= ncuts; i++) {
		char label[64];
		int len = glp_get_mat_row(cuts, i, m->ind, m->val);
		int type = glp_get_row_type(cuts, i);
		double lb = glp_get_row_lb(cuts, i), ub = glp_get_row_ub(cuts, i);
		if (type == GLP_FX)
			type = GLP_DB; /* a cleaned equality becomes a range */
		len = model_clean_cut(lp, len, m->ind, m->val, type, &lb, &ub);
		if (len < 0)
			continue;
		snprintf(label, sizeof(label), "cut(%d,%d)", (int)stage, i);
		if (lp == m->lp) {
			model_add_row(m, label, len, type, type == GLP_UP ? ub : lb);
		} else {
			int row = glp_add_rows(lp, 1);
			glp_set_mat_row(lp, row, len, m->ind, m->val);
		}
		glp_set_row_bnds(lp, glp_get_num_rows(lp), type, lb, ub);
	}
}

/* What a step of a stage's solve ends with (docs/model.md, "How each
 * stage is solved"). */
enum step_outcome {
	STEP_OPEN,     /* nothing settled: the stage goes on to its next step */
	STEP_IMPROVED, /* a better plan is in x: fix and search again from it */
	STEP_PROVEN,   /* no plan beats the one in x: it is the stage's optimum */
	STEP_LIMIT,    /* a time or node limit stopped the step; x is the best
			* plan known (the caller works out the bound) */
	STEP_SETTLED,  /* the stage's result is in `out` already (a limit
			* stopped it, or GLPK's own search ended) */
	STEP_FAILED,   /* GLPK failed or memory ran out */
};

/* One stage's solve: what its steps share. */
struct stage {
	struct model *m;
	enum objective objective;
	double started;         /* model_clock() at the start */
	double deadline;        /* model_clock() value, 0 for none */
	long node_limit;        /* per stage, 0 for none */
	long nodes_left;        /* what the searches have left of it */
	double sign;            /* 1 to maximise, -1 to minimise */
	double lp_bound;        /* the relaxation's optimum */
	struct search s;        /* integral, maximise; the last search's state */
	const double *start;    /* the incumbent: NULL (none yet), the caller's
				 * plan, or x */
	double *x;              /* the stage's plan, columns 1..ncols */
	glp_prob *work;         /* where the fixing and searches run: the model,
				 * or `copy` */
	glp_prob *copy;         /* the model with this stage's fixings and cuts,
				 * or NULL */
	glp_smcp lp_parm;
	struct stage_result *out;
	/* Money with a tolerance: the nodes left for looking for any cheaper
	 * plan before the proof within the tolerance (s.money_gap is 0 until
	 * then), and the tolerance itself. */
	long improve_left;
	double money_gap;
};

static void stage_begin(struct stage *st, struct model *m, enum objective stage,
			const double *start, double deadline, long node_limit, double money_gap,
			double *x, struct stage_result *out)
{
	memset(st, 0, sizeof(*st));
	st->m = m;
	st->objective = stage;
	st->started = model_clock();
	st->deadline = deadline;
	st->node_limit = st->nodes_left = node_limit;
	st->s.m = m;
	st->s.integral = stage != OBJ_MONEY;
	st->s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	st->s.money_gap = st->money_gap = st->s.integral ? 0 : money_gap;
	/* The callback's own check of the deadline: GLPK's time limit counts
	 * from the end of its presolver, which at 3,000 communes took 8 s. */
	st->s.deadline = deadline;
	st->sign = st->s.maximise ? 1 : -1;
	st->start = start;
	st->x = x;
	st->work = m->lp;
	st->out = out;
	glp_init_smcp(&st->lp_parm);
	st->lp_parm.msg_lev = GLP_MSG_OFF;
}

static double objective_of(const struct stage *st, const double *plan)
{
	return model_objective_of(st->m->lp, st->m->ncols, plan);
}

/* Makes `plan` the stage's plan x (copied unless it is x) and incumbent. */
static void take_plan(struct stage *st, const double *plan)
{
	if (plan != st->x)
		memcpy(st->x, plan, ((size_t)st->m->ncols + 1) * sizeof(*st->x));
	st->start = st->x;
}

/* The incumbent, or the plan that funds nothing (admissible in the first
 * stage run) when there is none yet, as the stage's plan. */
static void take_start_or_nothing(struct stage *st)
{
	if (st->start)
		take_plan(st, st->start);
	else
		model_fund_nothing(st->m, st->x);
	st->start = st->x;
}

/* Whether `plan` is better than the stage's plan x. */
static int better_than_x(const struct stage *st, const double *plan)
{
	return st->sign * objective_of(st, plan) > st->sign * objective_of(st, st->x);
}

/*
 * The stage's result when no plan beats x by improvement_step(): x is
 * optimal, or, for money with a relative tolerance, within it. `bound` is
 * a valid bound of the stage (the relaxation's, or anything better). Money
 * is proven optimal when the bound is within MONEY_TOLERANCE of the plan
 * (always so with the tolerance 0); otherwise it is STAGE_WITHIN_TOLERANCE,
 * with the better of `bound` and "no plan saves a step" as its bound.
 */
static void stage_proven(const struct search *s, struct model *m, const double *x,
			 double started, double bound, struct stage_result *out)
{
	out->value = model_objective_of(m->lp, m->ncols, x);
	out->bound = out->value;
	out->status = STAGE_OPTIMAL;
	out->tolerance = 0;
	out->seconds = model_clock() - started;
	if (s->integral)
		return;
	double step = improvement_step(s, out->value);
	double gap = s->maximise ? bound - out->value : out->value - bound;
	if (!(step > MONEY_TOLERANCE) || !(gap > MONEY_TOLERANCE))
		return;
	out->status = STAGE_WITHIN_TOLERANCE;
	out->tolerance = 100 * s->money_gap;
	out->bound = gap < step ? bound : s->maximise ? out->value + step : out->value - step;
}

/* The stage's result when a limit stopped it with the plan x and `bound`. */
static enum step_outcome stage_stopped(struct stage *st, double bound)
{
	st->out->value = objective_of(st, st->x);
	st->out->status = st->s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
	st->out->bound = bound;
	st->out->seconds = model_clock() - st->started;
	return STEP_SETTLED;
}

/* `bound` of what a search covered, as a bound of the whole stage: what
 * the fixing and the cutoff left out cannot beat the incumbent (worth
 * `value`), so it does not weaken the bound. */
static double bound_with_left_out(const struct stage *st, double value, double bound)
{
	double floor_of_left_out = st->sign * value + (st->s.integral ? 0 : improvement_step(&st->s, value));
	return st->sign * bound > floor_of_left_out ? bound : st->sign * floor_of_left_out;
}

/* A better plan is in x: it is the incumbent now, and in stage 2 its
 * standard years are brought forward at once (advance_standard_years). */
static enum step_outcome plan_improved(struct stage *st)
{
	st->start = st->x;
	if (st->objective == OBJ_STANDARD_YEARS && advance_standard_years(st->m, st->x) < 0)
		return STEP_FAILED;
	return STEP_IMPROVED;
}

/*
 * Step 3, the root pass: GLPK's branch and bound on `lp` (the model, or
 * its copy), stopped when the root node is done. The cuts it added there
 * (MIR, cover, clique) are valid for every plan of this stage, hence of
 * every later stage (each only adds rows), so they become rows of `lp`:
 * the relaxation, and with it the Lagrangian bound, gets much closer to
 * the optimum. The incumbent x is improved in place when the root found
 * better. Proven when the root proved x optimal; open otherwise.
 */
static enum step_outcome root_pass(struct model *m, glp_prob *lp, enum objective stage, double *x,
				   double deadline, long node_limit, double money_gap)
{
	struct search r = {0};
	glp_iocp parm;
	enum step_outcome outcome = STEP_FAILED;
	r.m = m;
	r.integral = stage != OBJ_MONEY;
	r.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	r.money_gap = money_gap;
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
	if ((status == GLP_OPT || status == GLP_FEAS) &&
	    (r.maximise ? glp_mip_obj_val(lp) > model_objective_of(m->lp, m->ncols, x)
			: glp_mip_obj_val(lp) < model_objective_of(m->lp, m->ncols, x)))
		read_mip_solution(m, lp, x);
	if (r.proven || (status == GLP_OPT && !r.harvested)) {
		outcome = STEP_PROVEN;
		goto done;
	}
	keep_cuts(m, lp, stage, r.cuts);
	outcome = m->failed ? STEP_FAILED : STEP_OPEN;
done:
	glp_delete_prob(r.cuts);
	free(r.cut_ind);
	free(r.cut_val);
	return outcome;
}

/*
 * Step 5, the search for a plan better than the incumbent x, on a copy of
 * `work` with the objective cut off there: "better than x by a whole unit"
 * (for money by improvement_step()). GLPK's presolver then shrinks the copy
 * (fixed columns, rows left empty) and any plan it finds is an
 * improvement, so the search stops at the first when `stop_at_first`.
 * Improved: x is the better plan. Proven: no plan beats x, or x was
 * replaced by the best plan of the cutoff region, searched to its end.
 * Limit: stopped by a limit (s says which, and the bound), x replaced by
 * any better plan it found.
 */
static enum step_outcome cutoff_search(struct model *m, glp_prob *work, enum objective stage,
				       double deadline, long *nodes_left, long node_limit,
				       int stop_at_first, double *x, struct search *s)
{
	glp_prob *cut = glp_create_prob();
	glp_iocp parm;
	enum step_outcome outcome = STEP_FAILED;
	double incumbent = model_objective_of(m->lp, m->ncols, x);
	double step = improvement_step(s, incumbent);

	glp_copy_prob(cut, work, GLP_OFF);
	if (add_cutoff_row(m, cut, s->maximise, incumbent, step))
		goto done;
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
	s->goal = s->maximise ? incumbent + step : incumbent - step;
	int status, ret = intopt_with_strong_branching(m, cut, &parm, stage, s, &status);
	*nodes_left -= s->nodes;
	if (model_tracing(m))
		model_trace(m, "stage %d cutoff search: ret %d status %d nodes %ld\n", (int)stage,
			ret, status, s->nodes);
	if (ret == GLP_ENOPFS)
		ret = recheck_without_presolver(cut, &parm, stage, deadline, nodes_left, node_limit, s,
						&status);
	if (ret == GLP_ENOPFS || (ret == 0 && status == GLP_NOFEAS)) {
		outcome = STEP_PROVEN; /* no plan beats x */
	} else if ((ret == 0 && status == GLP_OPT) ||
		   (s->proven && (status == GLP_OPT || status == GLP_FEAS))) {
		/* Searched to the end (or the bound met the best plan found):
		 * the best plan of the cutoff region is the optimum. */
		read_mip_solution(m, cut, x);
		outcome = STEP_PROVEN;
	} else if (status == GLP_OPT || status == GLP_FEAS) {
		/* Stopped at a better plan, or by a limit after finding one. */
		read_mip_solution(m, cut, x);
		outcome = s->improved ? STEP_IMPROVED : STEP_LIMIT;
	} else if (ret == GLP_ESTOP || ret == GLP_ETMLIM) {
		outcome = STEP_LIMIT;
	} else if (ret == 0) {
		outcome = STEP_PROVEN; /* searched to the end, nothing found */
	}
done:
	glp_delete_prob(cut);
	return outcome;
}

/* Whether the relaxation's bound proves the incumbent optimal: for a
 * whole-valued stage, when the bound rounded toward the incumbent equals
 * its value; for money, when it is within improvement_step() of it. */
static int rounding_proves(const struct search *s, double incumbent, double lp_bound)
{
	/* Money: no plan can save a step or more, the same test the search
	 * with a cutoff makes (at 8,900 communes stage 4's relaxation has no
	 * fractional binary, and its rounded plan is the relaxation's own to
	 * 0.01 million VND). */
	if (!s->integral)
		return s->maximise ? incumbent >= lp_bound - improvement_step(s, incumbent)
				   : incumbent <= lp_bound + improvement_step(s, incumbent);
	return s->maximise ? floor(lp_bound + 1e-6) <= incumbent + 1e-6
			   : ceil(lp_bound - 1e-6) >= incumbent - 1e-6;
}

/* Whether the plan in hand reaches the relaxation rounded (a proof that
 * the test paths leave out, to exercise the steps after it). */
static int start_proven_by_rounding(const struct stage *st)
{
	return st->start && !st->m->params.test_paths &&
	       rounding_proves(&st->s, objective_of(st, st->start), st->lp_bound);
}

/*
 * Step 1, the relaxation: GLPK's simplex on the model, from the stage's
 * basis kept in `basis` when it fits. Open with st->lp_bound set; settled
 * when it did not finish in time (the plan in hand, or the plan that funds
 * nothing, stands with no bound but the trivial one).
 */
static enum step_outcome solve_relaxation(struct stage *st, struct solve_basis *basis)
{
	struct model *m = st->m;
	st->lp_parm.tm_lim = model_time_left(st->deadline);
	if (basis)
		basis_apply(m->lp, basis, (int)st->objective);
	int lp_ret = glp_simplex(m->lp, &st->lp_parm);
	if (basis && lp_ret && lp_ret != GLP_ETMLIM) {
		/* A kept basis GLPK refuses: start again from the slack basis,
		 * as without one. */
		glp_std_basis(m->lp);
		st->lp_parm.tm_lim = model_time_left(st->deadline);
		lp_ret = glp_simplex(m->lp, &st->lp_parm);
	}
	if (lp_ret == GLP_ETMLIM || (lp_ret == 0 && glp_get_status(m->lp) != GLP_OPT &&
				     st->deadline > 0 && model_clock() > st->deadline)) {
		take_start_or_nothing(st);
		return stage_stopped(st, st->s.maximise ? HUGE_VAL : -HUGE_VAL);
	}
	if (lp_ret || glp_get_status(m->lp) != GLP_OPT)
		return STEP_FAILED;
	st->lp_bound = glp_get_obj_val(m->lp);
	if (model_tracing(m))
		model_trace(m, "stage %d: relaxation %.6f, %d rows, %d simplex iterations so far\n",
			    (int)st->objective, st->lp_bound, glp_get_num_rows(m->lp),
			    glp_get_it_cnt(m->lp));
	if (basis)
		basis_keep(m->lp, basis, (int)st->objective);
	return STEP_OPEN;
}

/*
 * Step 2, a first incumbent: the plan in hand (the previous stage's, or a
 * sweep's warm start), the relaxation's neighbourhoods, then stage 2's
 * earlier standard years or stages 1 and 3's cheapest-first fill. Proven
 * when the plan reaches the relaxation rounded; open otherwise, with
 * st->start NULL only when no plan was found (first stage run).
 */
static enum step_outcome first_incumbent(struct stage *st)
{
	struct model *m = st->m;
	if (start_proven_by_rounding(st)) {
		take_plan(st, st->start);
		return STEP_PROVEN;
	}
	if (m->params.test_paths) {
		if (!st->start)
			take_start_or_nothing(st);
	} else if (relaxation_heuristic(m, m->lp, NULL, st->start, st->deadline, st->x)) {
		/* At least as good as the plan in hand: it is optimal in its
		 * neighbourhood. */
		st->start = st->x;
	}
	if (st->objective == OBJ_STANDARD_YEARS && st->start) {
		take_plan(st, st->start);
		if (advance_standard_years(m, st->x) < 0)
			return STEP_FAILED;
	}
	if ((st->objective == OBJ_COMMUNES || st->objective == OBJ_CRITERIA) && st->start &&
	    !m->params.test_paths) {
		take_plan(st, st->start);
		if (fill_cheapest_first(m, st->objective, st->x) < 0)
			return STEP_FAILED;
	}
	if (start_proven_by_rounding(st)) {
		take_plan(st, st->start);
		return STEP_PROVEN;
	}
	return STEP_OPEN;
}

/* Step 3 on the model itself, with an incumbent: the root pass (its cuts
 * join the model), then the model's copy that the fixing and the searches
 * of this stage work on. */
static enum step_outcome root_pass_on_model(struct stage *st)
{
	struct model *m = st->m;
	take_plan(st, st->start);
	enum step_outcome outcome = m->params.test_paths ? STEP_OPEN :
		root_pass(m, m->lp, st->objective, st->x, st->deadline, st->node_limit,
			  st->s.money_gap);
	if (outcome != STEP_OPEN)
		return outcome;
	st->lp_parm.tm_lim = model_time_left(st->deadline);
	if (glp_simplex(m->lp, &st->lp_parm) == 0 && glp_get_status(m->lp) == GLP_OPT)
		st->lp_bound = glp_get_obj_val(m->lp);
	st->copy = glp_create_prob();
	glp_copy_prob(st->copy, m->lp, GLP_OFF);
	st->work = st->copy;
	return STEP_OPEN;
}

/*
 * Step 4, Lagrangian fixing on st->work, from the incumbent: whatever
 * cannot beat it is fixed, then a root pass on what is left; in turn, at
 * most solve_params.fixing_passes times, while they fix more. Cuts found
 * there hold only with those fixings, so they stay in the copy. Proven
 * when no plan of the copy beats the incumbent; open otherwise (x may be
 * better: a root pass found it).
 */
static enum step_outcome fix_and_cut(struct stage *st, int round)
{
	struct model *m = st->m;
	double incumbent = objective_of(st, st->start);
	for (int pass = 0; pass < m->params.fixing_passes; pass++) {
		double goal = st->sign * incumbent + (st->s.integral ? 1 : improvement_step(&st->s, incumbent));
		double lagrangian_bound;
		int proven = 0;
		st->lp_parm.tm_lim = model_time_left(st->deadline);
		int lp_ret = glp_simplex(st->work, &st->lp_parm);
		if (lp_ret || glp_get_status(st->work) != GLP_OPT) {
			if (lp_ret == GLP_ETMLIM)
				return STEP_OPEN; /* out of time: the search stops at once */
			/* No plan of the copy beats the incumbent (its relaxation
			 * has none at all). */
			return glp_get_status(st->work) == GLP_NOFEAS ? STEP_PROVEN : STEP_FAILED;
		}
		long fixed = lagrangian_fix(m, st->work, NULL, goal, &proven, &lagrangian_bound);
		if (fixed < 0)
			return STEP_FAILED;
		if (model_tracing(m))
			model_trace(m, "stage %d round %d pass %d: lp %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
				    (int)st->objective, round, pass, glp_get_obj_val(st->work),
				    st->sign * lagrangian_bound, incumbent, fixed, m->ncols,
				    proven ? " (proven)" : "");
		if (proven)
			return STEP_PROVEN;
		if (fixed == 0 || (st->deadline > 0 && model_clock() > st->deadline))
			return STEP_OPEN;
		st->lp_parm.tm_lim = model_time_left(st->deadline);
		if (glp_simplex(st->work, &st->lp_parm))
			return STEP_OPEN;
		if (glp_get_status(st->work) == GLP_NOFEAS)
			return STEP_PROVEN;
		enum step_outcome outcome = m->params.test_paths ? STEP_OPEN :
			root_pass(m, st->work, st->objective, st->x, st->deadline, st->node_limit,
				  st->s.money_gap);
		if (outcome != STEP_OPEN)
			return outcome;
		if (objective_of(st, st->x) != incumbent)
			return STEP_OPEN; /* the root found better: fix from it */
	}
	return STEP_OPEN;
}

/* Step 2 again, on the copy: its relaxation is much closer to the optimum
 * than the model's was, so its neighbourhoods give better plans. Improved
 * when one beats x by more than rounding; open otherwise. */
static enum step_outcome neighbourhoods_of_copy(struct stage *st, int round)
{
	struct model *m = st->m;
	double *candidate = malloc(((size_t)m->ncols + 1) * sizeof(*candidate));
	if (!candidate)
		return STEP_FAILED;
	if (!relaxation_heuristic(m, st->work, NULL, st->x, st->deadline, candidate) ||
	    st->sign * objective_of(st, candidate) <=
		    st->sign * objective_of(st, st->x) + (st->s.integral ? 0.5 : MONEY_TOLERANCE)) {
		free(candidate);
		return STEP_OPEN;
	}
	memcpy(st->x, candidate, ((size_t)m->ncols + 1) * sizeof(*st->x));
	free(candidate);
	if (model_tracing(m))
		model_trace(m, "stage %d round %d: heuristic found %.6f\n", (int)st->objective, round,
			    objective_of(st, st->x));
	return plan_improved(st);
}

/* Step 5 on the copy (cutoff_search), with the stage's result when a limit
 * stops it: the incumbent, and the best bound of the search. */
static enum step_outcome search_copy_with_cutoff(struct stage *st, int round)
{
	struct model *m = st->m;
	/* Money with a tolerance, first: any cheaper plan, within
	 * solve_params.money_improve_nodes (of the stage's nodes). */
	const int improving = st->improve_left > 0;
	long cap = improving && (st->node_limit <= 0 || st->improve_left < st->nodes_left)
			   ? st->improve_left : st->nodes_left;
	const long cap_before = cap;
	enum step_outcome outcome =
		cutoff_search(m, st->work, st->objective, st->deadline, &cap,
			      improving ? 1 : st->node_limit, round < m->params.max_restarts, st->x,
			      &st->s);
	st->nodes_left -= cap_before - cap;
	if (improving)
		st->improve_left -= cap_before - cap;
	if (improving && (outcome == STEP_IMPROVED ||
			  (outcome == STEP_LIMIT && st->s.out_of_nodes && st->improve_left <= 0 &&
			   (st->node_limit <= 0 || st->nodes_left > 0)))) {
		/* A cheaper plan, or the nodes for finding one spent: the proof
		 * within the tolerance starts from the plan in hand (its own
		 * search may still find a plan a step cheaper). */
		st->improve_left = 0;
		st->s.money_gap = st->money_gap;
		if (model_tracing(m))
			model_trace(m, "stage %d: proof within the tolerance from %.6f\n",
				    (int)st->objective, objective_of(st, st->x));
		return outcome == STEP_IMPROVED ? plan_improved(st) : STEP_IMPROVED;
	}
	if (outcome == STEP_IMPROVED)
		return plan_improved(st);
	if (outcome != STEP_LIMIT)
		return outcome;
	double bound = st->s.have_bound ? st->s.bound : st->lp_bound;
	return stage_stopped(st, bound_with_left_out(st, objective_of(st, st->x), bound));
}

/* The stage's result from GLPK's own search on st->work (ret, status):
 * its plan and verdict, or, when it stopped before taking any plan in,
 * the incumbent (or the plan that funds nothing) with the relaxation as
 * the bound. */
static enum step_outcome search_result(struct stage *st, int ret, int status)
{
	struct stage_result *out = st->out;
	out->seconds = model_clock() - st->started;
	if (status != GLP_OPT && status != GLP_FEAS) {
		if (!(ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP))
			return STEP_FAILED;
		take_start_or_nothing(st);
		return stage_stopped(st, st->lp_bound);
	}
	out->value = glp_mip_obj_val(st->work);
	if (status == GLP_OPT || st->s.proven) {
		out->status = STAGE_OPTIMAL;
		out->bound = out->value;
	} else {
		out->status = st->s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
		out->bound = st->s.have_bound ? st->s.bound : st->lp_bound;
		if (st->work == st->copy &&
		    st->sign * out->bound <
			    st->sign * out->value + (st->s.integral ? 0 : improvement_step(&st->s, out->value)))
			out->bound = bound_with_left_out(st, out->value, out->bound);
	}
	read_mip_solution(st->m, st->work, st->x);
	if (status != GLP_OPT && st->s.proven && !st->s.integral) {
		/* Money proven by the callback's test: within its tolerance,
		 * unless the bound says more. */
		struct stage_result r = *out;
		stage_proven(&st->s, st->m, st->x, st->started, st->s.bound, &r);
		out->status = r.status;
		out->tolerance = r.tolerance;
		if (r.status == STAGE_WITHIN_TOLERANCE)
			out->bound = r.bound;
	}
	return STEP_SETTLED;
}

/*
 * Step 5 without a copy: GLPK's branch and bound on the model, from the
 * incumbent if any (the first stage run may have none), stopping at a
 * better plan while restarts are left. Improved, proven (the relaxation
 * is infeasible: nothing beats x), or settled with GLPK's verdict.
 */
static enum step_outcome branch_and_bound(struct stage *st, int round)
{
	struct model *m = st->m;
	struct search *s = &st->s;
	glp_iocp parm;
	search_parameters(&parm, st->objective, st->start != NULL, st->deadline, s);
	s->start = st->start;
	s->offered = 0;
	s->have_bound = 0;
	s->proven = 0;
	s->improved = 0;
	s->nodes = 0;
	s->node_limit = st->node_limit > 0 ? (st->nodes_left > 0 ? st->nodes_left : 1) : 0;
	s->stop_on_improvement = st->start && round < m->params.max_restarts;
	s->improve_on = st->start ? objective_of(st, st->start) : 0;
	s->step = improvement_step(s, s->improve_on);
	st->lp_parm.tm_lim = model_time_left(st->deadline);
	if (glp_simplex(st->work, &st->lp_parm) == 0 && glp_get_status(st->work) == GLP_NOFEAS)
		return STEP_PROVEN;
	int ret = glp_intopt(st->work, &parm);
	int status = glp_mip_status(st->work);
	st->nodes_left -= s->nodes;
	if (model_tracing(m))
		model_trace(m, "stage %d round %d: intopt ret %d status %d proven %d improved %d nodes %ld %.2f s\n",
			    (int)st->objective, round, ret, status, s->proven, s->improved, s->nodes,
			    model_clock() - st->started);
	if (!s->improved)
		return search_result(st, ret, status);
	read_mip_solution(m, st->work, st->x);
	return plan_improved(st);
}

/*
 * One round of steps 4 and 5 from the incumbent: the fixing and root
 * passes, the copy's neighbourhoods (while restarts are left), then the
 * search. Improved: the next round starts from the better plan.
 */
static enum step_outcome search_round(struct stage *st, int round)
{
	struct model *m = st->m;
	enum step_outcome outcome;
	if (st->start && (outcome = fix_and_cut(st, round)) != STEP_OPEN)
		return outcome;
	if (st->start && st->work != m->lp && !m->params.test_paths &&
	    round < m->params.max_restarts &&
	    (outcome = neighbourhoods_of_copy(st, round)) != STEP_OPEN)
		return outcome;
	if (st->objective == OBJ_STANDARD_YEARS && st->start &&
	    advance_standard_years(m, st->x) < 0)
		return STEP_FAILED;
	if (st->start && st->work != m->lp)
		return search_copy_with_cutoff(st, round);
	return branch_and_bound(st, round);
}

/* The contract is in stage.h. */
int solve_stage(struct model *m, enum objective stage, const double *start, double deadline,
		long node_limit, double money_gap, struct solve_basis *basis, double *x,
		struct stage_result *out)
{
	struct stage st;
	stage_begin(&st, m, stage, start, deadline, node_limit, money_gap, x, out);
	enum step_outcome outcome = solve_relaxation(&st, basis);
	if (outcome == STEP_OPEN)
		outcome = first_incumbent(&st);
	if (outcome == STEP_OPEN && st.start)
		outcome = root_pass_on_model(&st);
	/* Money with a tolerance: first look for any cheaper plan (the exact
	 * step), then prove within the tolerance from the best plan found.
	 * Not in the tests' mode, whose searches must work with the
	 * tolerance's step (e2e.optimality-tolerance-wide-*). */
	if (st.money_gap > 0 && !m->params.test_paths && m->params.money_improve_nodes > 0) {
		st.improve_left = m->params.money_improve_nodes;
		st.s.money_gap = 0;
	}
	for (int round = 0; outcome == STEP_OPEN || outcome == STEP_IMPROVED; round++)
		outcome = search_round(&st, round);
	if (outcome == STEP_PROVEN)
		stage_proven(&st.s, m, x, st.started, st.lp_bound, out);
	if (st.copy)
		glp_delete_prob(st.copy);
	return outcome == STEP_FAILED ? -1 : 0;
}

/* What round_relaxation() keeps for solve_stage_decomposition(). */
struct rounded_plan {
	enum objective stage;
	struct search *s;   /* integral, maximise */
	int found;          /* a plan is in `plan` */
	double *plan;       /* columns 1..ncols */
};

/*
 * decomposition_shortcut: the relaxation rounded down, the targets met
 * again (greedy_round) and the money left spent cheapest first. At 3,000
 * communes, with one commune per block of the master, the relaxation had
 * 18 fractional binaries among 48,924 and this plan was within one commune
 * of it (923 against 924.77), where the dive stopped without a plan; with
 * 64 blocks it has about 220 and this plan is 894, and the neighbourhoods
 * find 924 (docs/model.md). When the plan reaches the relaxation rounded
 * it is optimal and the dive is skipped; either way it stays in ctx for
 * the stage.
 */
static int round_relaxation(struct model *m, const double *x_lp, double bound, double *plan,
			    void *ctx)
{
	struct rounded_plan *rp = ctx;
	int ret = greedy_round(m, x_lp, rp->plan);
	if (ret <= 0)
		return ret;
	if (fill_cheapest_first(m, rp->stage, rp->plan) < 0)
		return -1;
	rp->found = 1;
	double value = model_objective_of(m->lp, m->ncols, rp->plan);
	if (model_tracing(m))
		model_trace(m, "stage %d: relaxation rounded down, targets met again, filled: %.6f\n",
			    (int)rp->stage, value);
	if (!rounding_proves(rp->s, value, bound))
		return 0;
	memcpy(plan, rp->plan, ((size_t)m->ncols + 1) * sizeof(*plan));
	return 1;
}

/* What the decomposition's relaxation leaves for the later steps. */
struct master_relaxation {
	double *duals;      /* per model row, for the Lagrangian fixing */
	double *x_lp;       /* the relaxation's solution */
	double *candidate;  /* the dive's plan, then the neighbourhoods' */
	int dived;          /* the dive (or the rounding) left a plan in candidate */
	struct rounded_plan rounded;
};

/*
 * Steps 1 and 2 by the decomposition: the relaxation by column generation
 * (decomposition_relaxation), then the best of the plan in hand, the
 * dive's, the rounded relaxation's and its neighbourhoods' as x, filled
 * cheapest first. Proven when that plan reaches the relaxation rounded;
 * settled when the relaxation did not finish (the plan in hand, or the
 * plan that funds nothing, with the Lagrangian bound of the rounds done if
 * any); open otherwise.
 */
static enum step_outcome decomposition_first_plan(struct stage *st, struct master_relaxation *mr)
{
	struct model *m = st->m;
	const int shortcuts = !m->params.test_paths;
	if (st->start)
		take_plan(st, st->start);
	int ret = decomposition_relaxation(m, st->start, st->deadline, &st->lp_bound, mr->duals,
					   mr->x_lp, mr->candidate, &mr->dived,
					   shortcuts ? round_relaxation : NULL, &mr->rounded);
	if (ret < 0)
		return STEP_FAILED;
	if (ret > 0) {
		take_start_or_nothing(st);
		return stage_stopped(st, ret == 2 ? st->lp_bound
					 : st->s.maximise ? HUGE_VAL : -HUGE_VAL);
	}
	int have = st->start != NULL;
	if (mr->dived && (!have || better_than_x(st, mr->candidate))) {
		take_plan(st, mr->candidate);
		have = 1;
	}
	if (model_tracing(m)) {
		int fractional = 0;
		for (int j = 1; j <= m->ncols; j++)
			if (glp_get_col_kind(m->lp, j) == GLP_BV && mr->x_lp[j] > 1e-6 &&
			    mr->x_lp[j] < 1 - 1e-6)
				fractional++;
		model_trace(m, "stage %d: relaxation has %d fractional binaries\n",
			    (int)st->objective, fractional);
	}
	if (mr->rounded.found && (!have || better_than_x(st, mr->rounded.plan))) {
		take_plan(st, mr->rounded.plan);
		have = 1;
	}
	/* The neighbourhoods (small searches on the whole model, seconds at
	 * scale) only when the plan in hand may not be optimal. */
	if (!(have && rounding_proves(&st->s, objective_of(st, st->x), st->lp_bound)) &&
	    relaxation_heuristic(m, m->lp, mr->x_lp, have ? st->x : NULL, st->deadline,
				 mr->candidate) &&
	    (!have || better_than_x(st, mr->candidate))) {
		take_plan(st, mr->candidate);
		have = 1;
	}
	if (!have)
		model_fund_nothing(m, st->x); /* admissible in the first stage run */
	st->start = st->x;
	if (st->objective == OBJ_STANDARD_YEARS && advance_standard_years(m, st->x) < 0)
		return STEP_FAILED;
	if (shortcuts && fill_cheapest_first(m, st->objective, st->x) < 0)
		return STEP_FAILED;
	if (shortcuts && rounding_proves(&st->s, objective_of(st, st->x), st->lp_bound))
		return STEP_PROVEN;
	return STEP_OPEN;
}

/*
 * Steps 4 and 5 by the decomposition, one round: the Lagrangian fixing
 * with the master's duals on a copy of the model, then the search with a
 * cutoff there. The search is not started when GLPK's presolver, which it
 * begins with and which takes no time limit, may not end before the
 * stage's deadline: on 8,900 communes it ran 46 s over 144,500 free
 * columns (solve_params.presolve_seconds_per_column), a minute past the
 * stage's share when started near its end. Improved, proven, or settled
 * by a limit.
 */
static enum step_outcome decomposition_round(struct stage *st, const double *duals, int round)
{
	struct model *m = st->m;
	double incumbent = objective_of(st, st->x);
	double goal = st->sign * incumbent + (st->s.integral ? 1 : improvement_step(&st->s, incumbent));
	int hopeless = 0;
	double lagrangian_bound;
	glp_prob *copy = glp_create_prob();
	glp_copy_prob(copy, m->lp, GLP_OFF);
	long fixed = lagrangian_fix(m, copy, duals, goal, &hopeless, &lagrangian_bound);
	if (model_tracing(m))
		model_trace(m, "stage %d round %d: relaxation %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
			    (int)st->objective, round, st->lp_bound, st->sign * lagrangian_bound,
			    incumbent, fixed, m->ncols, hopeless ? " (proven)" : "");
	int late = !hopeless && st->deadline > 0 &&
		   model_clock() + m->params.presolve_seconds_per_column *
					   (double)(m->ncols - (fixed > 0 ? fixed : 0)) >
			   st->deadline;
	if (late)
		st->s.timed_out = 1;
	enum step_outcome outcome =
		fixed < 0 ? STEP_FAILED : hopeless ? STEP_PROVEN : late ? STEP_LIMIT :
		cutoff_search(m, copy, st->objective, st->deadline, &st->nodes_left,
			      st->node_limit, round < m->params.max_restarts, st->x, &st->s);
	glp_delete_prob(copy);
	if (outcome == STEP_IMPROVED)
		return plan_improved(st);
	if (outcome != STEP_LIMIT)
		return outcome;
	double bound = st->s.have_bound && st->sign * st->s.bound < st->sign * st->lp_bound
			       ? st->s.bound : st->lp_bound;
	return stage_stopped(st, bound_with_left_out(st, objective_of(st, st->x), bound));
}

/* The contract is in stage.h. */
int solve_stage_decomposition(struct model *m, enum objective stage, const double *start,
			      double deadline, long node_limit, double money_gap, double *x,
			      struct stage_result *out)
{
	struct stage st;
	const size_t width = (size_t)m->ncols + 1;
	struct master_relaxation mr = {
		.duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(double)),
		.x_lp = calloc(width, sizeof(double)),
		.candidate = malloc(width * sizeof(double)),
		.rounded = {stage, NULL, 0, malloc(width * sizeof(double))},
	};
	enum step_outcome outcome = STEP_FAILED;

	stage_begin(&st, m, stage, start, deadline, node_limit, money_gap, x, out);
	mr.rounded.s = &st.s;
	if (mr.duals && mr.x_lp && mr.candidate && mr.rounded.plan)
		outcome = decomposition_first_plan(&st, &mr);
	for (int round = 0; outcome == STEP_OPEN || outcome == STEP_IMPROVED; round++)
		outcome = decomposition_round(&st, mr.duals, round);
	if (outcome == STEP_PROVEN)
		stage_proven(&st.s, m, x, st.started, st.lp_bound, out);
	free(mr.duals);
	free(mr.x_lp);
	free(mr.candidate);
	free(mr.rounded.plan);
	return outcome == STEP_FAILED ? -1 : 0;
}

/*
 * Stage 0 without a relaxation: no plan has a shortfall below 0, so a plan
 * that meets every target is optimal. The targets are met greedily
 * (greedy_targets) from `start` (a warm start) or from the plan that funds
 * nothing; at 8,900 communes this spares a relaxation that does not finish
 * in the stage's time. The contract is in stage.h.
 */
int targets_met_greedily(struct model *m, const double *start, double *x,
				struct stage_result *res)
{
	double started = model_clock();
	if (start)
		memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
	else
		model_fund_nothing(m, x);
	if (model_objective_of(m->lp, m->ncols, x) > 0.5 && greedy_targets(m, x) < 0)
		return -1;
	if (model_objective_of(m->lp, m->ncols, x) > 0.5)
		return 0;
	struct search exact = {0};
	exact.integral = 1;
	stage_proven(&exact, m, x, started, 0, res);
	if (model_tracing(m))
		model_trace(m, "stage 0: every target met greedily\n");
	return 1;
}
