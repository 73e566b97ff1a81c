#include "solve.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glpk.h>

#include "branch.h"
#include "decompose.h"
#include "funding.h"
#include "glpkutil.h"
#include "greedy.h"
#include "lagrange.h"
#include "lang.h"
#include "model.h"
#include "outfile.h"
#include "xalloc.h"


/* NTM_SOLVER_TEST_PATHS=1: the tests' mode (e2e.optimality-paths). The
 * relaxation heuristic and the root pass, which settle the small test
 * instances on their own, are skipped, and a stage with no plan yet starts
 * from the plan that funds nothing, so that the Lagrangian fixing and the
 * search with a cutoff do all the work and their results are checked
 * against exhaustive search. Slower; never needed otherwise. */
static int solver_test_paths;


/* Branch-and-bound nodes for each neighbourhood of the relaxation
 * heuristic: a first plan, not a proof, is what is wanted there. */
#define NEIGHBOURHOOD_NODE_LIMIT 50

void solve_options_init(struct solve_options *o)
{
	o->time_limit = 0;
	o->node_limit = SOLVE_DEFAULT_NODE_LIMIT;
	o->stages = SOLVE_ALL_STAGES;
	o->warm_start = NULL;
	o->basis = NULL;
	o->drop_target = -1;
	o->method = SOLVE_AUTO;
}

void solve_basis_release(struct solve_basis *b)
{
	for (int k = 0; k < OBJ_COUNT; k++) {
		free(b->stage[k].row_stat);
		free(b->stage[k].col_stat);
	}
	memset(b, 0, sizeof(*b));
}

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
			model_trace("root after cuts: lp %.6f, %d cuts\n", glp_get_obj_val(lp),
				nrows - s->first_cut_row + 1);
		glp_ios_terminate(tree);
		return;
	}
	if (s->strong && reason == GLP_IBRANCH) {
		double cutoff = s->goal;
		if (glp_mip_status(lp) == GLP_FEAS) {
			double step = s->integral ? 1 - 1e-6 : MONEY_TOLERANCE;
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
		parm.tm_lim = model_time_left(deadline);
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
				model_trace("neighbourhood %d: nothing\n", hood);
			continue;
		}
		if (solver_trace)
			model_trace("neighbourhood %d: %.6f\n", hood, value);
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
	double before = solver_trace ? model_objective_of(m->lp, m->ncols, x) : 0;
	int added = greedy_fill(m, stage, x);
	if (added > 0 && solver_trace)
		model_trace("stage %d: cheapest first added %d: %.6f -> %.6f\n", (int)stage, added,
			    before, model_objective_of(m->lp, m->ncols, x));
	return added;
}

/* GLPK's presolver on the whole model, seconds per column not fixed:
 * 46 s for 144,500 columns (8,900 synthetic communes, stage 4), on these
 * 2-core machines. A search is not started with less time left than
 * this (solve_stage_decomposition). */
#define PRESOLVE_SECONDS_PER_COLUMN 3.2e-4

/* How many times a stage's search may start again from a better plan it
 * found (each restart fixes more); the last search runs to its end. */
#define SOLVE_MAX_RESTARTS 20

/* Strong branching in the criteria stage's searches (branch.h): children
 * tried per node and dual simplex iterations per child. Three candidates
 * proved more than five, six or ten on data/dienbien: more candidates
 * find more children that die at once, and GLPK spends a node on each. */
#define STRONG_BRANCHING_CANDIDATES 3
#define STRONG_BRANCHING_ITERATIONS 200

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
		double before = model_objective_of(m->lp, m->ncols, x);
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
	proven = m->failed ? -1 : 0;
done:
	glp_delete_prob(r.cuts);
	free(r.cut_ind);
	free(r.cut_val);
	return proven;
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
	if (solver_trace)
		model_trace("stage %d cutoff search without presolver: ret %d status %d nodes %ld\n",
			    (int)stage, ret, *status, s->nodes);
	return ret;
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
	double incumbent = model_objective_of(m->lp, m->ncols, x);
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
	/* Strong branching pays in the criteria stage only: measured on
	 * data/dienbien at budget scales 0.9-1.2, it proves stage 3 at three
	 * scales of four instead of one, while in the other stages GLPK's own
	 * branching proves as much for less (docs/performance.md). */
	struct strong_branching strong;
	strong_branching_init(&strong, stage == OBJ_CRITERIA ? STRONG_BRANCHING_CANDIDATES : 0,
			      STRONG_BRANCHING_ITERATIONS);
	s->strong = strong.candidates ? &strong : NULL;
	s->goal = s->maximise ? incumbent + step : incumbent - step;
	int ret = glp_intopt(cut, &parm);
	int status = glp_mip_status(cut);
	*nodes_left -= s->nodes;
	s->strong = NULL;
	s->goal = NAN;
	if (solver_trace && strong.trials)
		model_trace("stage %d strong branching: %ld children tried, %ld dead\n", (int)stage,
			    strong.trials, strong.infeasible);
	strong_branching_release(&strong);
	if (solver_trace)
		model_trace("stage %d cutoff search: ret %d status %d nodes %ld\n", (int)stage,
			ret, status, s->nodes);
	if (ret == GLP_ENOPFS)
		ret = recheck_without_presolver(cut, &parm, stage, deadline, nodes_left, node_limit, s,
						&status);
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

/* Whether the relaxation's bound proves the incumbent optimal: for a
 * whole-valued stage, when the bound rounded toward the incumbent equals
 * its value; for money, when it is within MONEY_TOLERANCE of it. */
static int rounding_proves(const struct search *s, double incumbent, double lp_bound)
{
	/* Money: no plan can save MONEY_TOLERANCE or more, the same test the
	 * search with a cutoff makes (at 8,900 communes stage 4's relaxation
	 * has no fractional binary, and its rounded plan is the relaxation's
	 * own to 0.01 million VND). */
	if (!s->integral)
		return s->maximise ? incumbent >= lp_bound - MONEY_TOLERANCE
				   : incumbent <= lp_bound + MONEY_TOLERANCE;
	return s->maximise ? floor(lp_bound + 1e-6) <= incumbent + 1e-6
			   : ceil(lp_bound - 1e-6) >= incumbent - 1e-6;
}

/* The stage's result when the plan x is proven optimal. */
static void stage_proven(struct model *m, const double *x, double started, struct stage_result *out)
{
	out->value = model_objective_of(m->lp, m->ncols, x);
	out->bound = out->value;
	out->status = STAGE_OPTIMAL;
	out->seconds = model_clock() - started;
}

/* Solves the model's current objective. On success fills x (columns
 * 1..ncols) and the stage result; returns 0, 1 when no solution exists
 * (the model is infeasible: a bug, since doing nothing is always
 * admissible), or -1 when GLPK failed. */
static int solve_stage(struct model *m, enum objective stage, const double *start,
		       double deadline, long node_limit, struct solve_basis *basis,
		       double *x, struct stage_result *out)
{
	struct search s = {0};
	glp_smcp lp_parm;
	glp_iocp parm;
	double started = model_clock();
	glp_prob *work = m->lp, *sub = NULL;
	int rc = -1;

	s.integral = stage != OBJ_MONEY;
	s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	s.deadline = deadline;
	s.node_limit = node_limit;
	const double sign = s.maximise ? 1 : -1;

	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	lp_parm.tm_lim = model_time_left(deadline);
	if (basis)
		basis_apply(m->lp, basis, (int)stage);
	int lp_ret = glp_simplex(m->lp, &lp_parm);
	if (basis && lp_ret && lp_ret != GLP_ETMLIM) {
		/* A kept basis GLPK refuses: start again from the slack basis,
		 * as without one. */
		glp_std_basis(m->lp);
		lp_parm.tm_lim = model_time_left(deadline);
		lp_ret = glp_simplex(m->lp, &lp_parm);
	}
	if (lp_ret == GLP_ETMLIM || (lp_ret == 0 && glp_get_status(m->lp) != GLP_OPT &&
				     deadline > 0 && model_clock() > deadline)) {
		/* No relaxation in time: the previous plan (or the plan that
		 * funds nothing) stands, with no bound but the trivial one. */
		if (!start)
			model_fund_nothing(m, x);
		else if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		out->value = model_objective_of(m->lp, m->ncols, x);
		out->status = STAGE_TIME_LIMIT;
		out->bound = s.maximise ? HUGE_VAL : -HUGE_VAL;
		out->seconds = model_clock() - started;
		return 0;
	}
	if (lp_ret || glp_get_status(m->lp) != GLP_OPT)
		return -1;
	double lp_bound = glp_get_obj_val(m->lp);
	if (solver_trace)
		model_trace("stage %d: relaxation %.6f, %d rows, %d simplex iterations so far\n", (int)stage, lp_bound,
			    glp_get_num_rows(m->lp), glp_get_it_cnt(m->lp));
	if (basis)
		basis_keep(m->lp, basis, (int)stage);

	if (start && !solver_test_paths && rounding_proves(&s, model_objective_of(m->lp, m->ncols, start), lp_bound)) {
		/* The plan in hand (the previous stage's, or a sweep's warm
		 * start) already reaches the relaxation rounded: optimal. */
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		goto proven_by_rounding;
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
	if ((stage == OBJ_COMMUNES || stage == OBJ_CRITERIA) && start && !solver_test_paths) {
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		if (fill_cheapest_first(m, stage, x) < 0)
			return -1;
		start = x;
	}
	if (start && !solver_test_paths && rounding_proves(&s, model_objective_of(m->lp, m->ncols, start), lp_bound)) {
		/* The heuristics reached the relaxation rounded: no root pass,
		 * no search. */
		if (start != x)
			memcpy(x, start, ((size_t)m->ncols + 1) * sizeof(*x));
		goto proven_by_rounding;
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
			lp_parm.tm_lim = model_time_left(deadline);
			if (glp_simplex(m->lp, &lp_parm) == 0 && glp_get_status(m->lp) == GLP_OPT)
				lp_bound = glp_get_obj_val(m->lp);
			sub = glp_create_prob();
			glp_copy_prob(sub, m->lp, GLP_OFF);
			work = sub;
		}
	}
	for (int round = 0; !proven; round++) {
		double incumbent = start ? model_objective_of(m->lp, m->ncols, start) : 0;
		for (int pass = 0; start && pass < 4; pass++) {
			double goal = sign * incumbent + (s.integral ? 1 : MONEY_TOLERANCE);
			double lagrangian_bound;
			lp_parm.tm_lim = model_time_left(deadline);
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
				model_trace("stage %d round %d pass %d: lp %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
					(int)stage, round, pass, glp_get_obj_val(work), sign * lagrangian_bound,
					incumbent, fixed, m->ncols, proven ? " (proven)" : "");
			if (proven || fixed == 0 || (deadline > 0 && model_clock() > deadline))
				break;
			lp_parm.tm_lim = model_time_left(deadline);
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
			if (model_objective_of(m->lp, m->ncols, x) != incumbent)
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
			    sign * model_objective_of(m->lp, m->ncols, candidate) >
				    sign * model_objective_of(m->lp, m->ncols, x) + (s.integral ? 0.5 : MONEY_TOLERANCE)) {
				memcpy(x, candidate, ((size_t)m->ncols + 1) * sizeof(*x));
				free(candidate);
				if (solver_trace)
					model_trace("stage %d round %d: heuristic found %.6f\n", (int)stage,
						round, model_objective_of(m->lp, m->ncols, x));
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
			out->value = model_objective_of(m->lp, m->ncols, x);
			out->status = s.out_of_nodes ? STAGE_NODE_LIMIT : STAGE_TIME_LIMIT;
			double bound = s.have_bound ? s.bound : lp_bound;
			/* What the fixing and the cutoff left out cannot beat the
			 * incumbent, so it does not weaken the bound. */
			double floor_of_left_out = sign * out->value + (s.integral ? 0 : MONEY_TOLERANCE);
			out->bound = sign * bound > floor_of_left_out ? bound : sign * floor_of_left_out;
			out->seconds = model_clock() - started;
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
		s.improve_on = start ? model_objective_of(m->lp, m->ncols, start) : 0;
		s.step = s.integral ? 1 - 1e-6 : MONEY_TOLERANCE;
		lp_parm.tm_lim = model_time_left(deadline);
		if (glp_simplex(work, &lp_parm) == 0 && glp_get_status(work) == GLP_NOFEAS) {
			proven = 1;
			break;
		}
		ret = glp_intopt(work, &parm);
		status = glp_mip_status(work);
		nodes_left -= s.nodes;
		if (solver_trace)
			model_trace("stage %d round %d: intopt ret %d status %d proven %d improved %d nodes %ld %.2f s\n",
				(int)stage, round, ret, status, s.proven, s.improved, s.nodes,
				model_clock() - started);
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
		stage_proven(m, x, started, out);
		rc = 0;
		goto cleanup;
	}
	out->seconds = model_clock() - started;
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
		out->value = model_objective_of(m->lp, m->ncols, x);
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
proven_by_rounding:
	stage_proven(m, x, started, out);
	return 0;
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
	if (solver_trace)
		model_trace("stage %d: relaxation rounded down, targets met again, filled: %.6f\n",
			    (int)rp->stage, value);
	if (!rounding_proves(rp->s, value, bound))
		return 0;
	memcpy(plan, rp->plan, ((size_t)m->ncols + 1) * sizeof(*plan));
	return 1;
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
	const double started = model_clock();
	const size_t width = (size_t)m->ncols + 1;
	double *duals = calloc((size_t)glp_get_num_rows(m->lp) + 1, sizeof(*duals));
	double *x_lp = calloc(width, sizeof(*x_lp));
	double *candidate = malloc(width * sizeof(*candidate));
	struct rounded_plan rounded = {stage, &s, 0, malloc(width * sizeof(double))};
	double lp_bound = 0;
	int rc = -1;

	s.integral = stage != OBJ_MONEY;
	s.maximise = glp_get_obj_dir(m->lp) == GLP_MAX;
	/* The callback's own check of the deadline: GLPK's time limit counts
	 * from the end of its presolver, which at 3,000 communes took 8 s,
	 * and the search ran that much past the stage's share. */
	s.deadline = deadline;
	const double sign = s.maximise ? 1 : -1;
	if (!duals || !x_lp || !candidate || !rounded.plan)
		goto cleanup;
	if (start && start != x)
		memcpy(x, start, width * sizeof(*x));
	int dived = 0;
	int ret = decomposition_relaxation(m, start, deadline, &lp_bound, duals, x_lp,
					   candidate, &dived,
					   solver_test_paths ? NULL : round_relaxation, &rounded);
	if (ret < 0)
		goto cleanup;
	if (ret > 0) {
		/* No relaxation in time: the previous plan (or the plan that
		 * funds nothing) stands, with the Lagrangian bound of the
		 * rounds done (ret 2), else none but the trivial one. */
		if (!start)
			model_fund_nothing(m, x);
		out->value = model_objective_of(m->lp, m->ncols, x);
		out->status = STAGE_TIME_LIMIT;
		out->bound = ret == 2 ? lp_bound : s.maximise ? HUGE_VAL : -HUGE_VAL;
		out->seconds = model_clock() - started;
		rc = 0;
		goto cleanup;
	}
	int have = start != NULL;
	if (dived && (!have || sign * model_objective_of(m->lp, m->ncols, candidate) >
				       sign * model_objective_of(m->lp, m->ncols, x))) {
		memcpy(x, candidate, width * sizeof(*x));
		have = 1;
	}
	if (solver_trace) {
		int fractional = 0;
		for (int j = 1; j <= m->ncols; j++)
			if (glp_get_col_kind(m->lp, j) == GLP_BV && x_lp[j] > 1e-6 && x_lp[j] < 1 - 1e-6)
				fractional++;
		model_trace("stage %d: relaxation has %d fractional binaries\n", (int)stage, fractional);
	}
	if (rounded.found && (!have || sign * model_objective_of(m->lp, m->ncols, rounded.plan) >
					       sign * model_objective_of(m->lp, m->ncols, x))) {
		memcpy(x, rounded.plan, width * sizeof(*x));
		have = 1;
	}
	/* The neighbourhoods (small searches on the whole model, seconds at
	 * scale) only when the plan in hand may not be optimal. */
	if (!(have && rounding_proves(&s, model_objective_of(m->lp, m->ncols, x), lp_bound)) &&
	    relaxation_heuristic(m, m->lp, x_lp, have ? x : NULL, deadline, candidate) &&
	    (!have || sign * model_objective_of(m->lp, m->ncols, candidate) >
			      sign * model_objective_of(m->lp, m->ncols, x))) {
		memcpy(x, candidate, width * sizeof(*x));
		have = 1;
	}
	if (!have)
		model_fund_nothing(m, x); /* admissible in the first stage run */
	if (stage == OBJ_STANDARD_YEARS && advance_standard_years(m, x) < 0)
		goto cleanup;
	if (!solver_test_paths && fill_cheapest_first(m, stage, x) < 0)
		goto cleanup;
	if (!solver_test_paths && rounding_proves(&s, model_objective_of(m->lp, m->ncols, x), lp_bound)) {
		stage_proven(m, x, started, out);
		rc = 0;
		goto cleanup;
	}

	long nodes_left = node_limit;
	for (int round = 0;; round++) {
		double incumbent = model_objective_of(m->lp, m->ncols, x);
		double goal = sign * incumbent + (s.integral ? 1 : MONEY_TOLERANCE);
		int hopeless = 0;
		double lagrangian_bound;
		glp_prob *sub = glp_create_prob();
		glp_copy_prob(sub, m->lp, GLP_OFF);
		long fixed = lagrangian_fix(m, sub, duals, goal, &hopeless, &lagrangian_bound);
		if (solver_trace)
			model_trace("stage %d round %d: relaxation %.6f lagrangian %.6f incumbent %.6f fixed %ld of %d%s\n",
				(int)stage, round, lp_bound, sign * lagrangian_bound, incumbent, fixed,
				m->ncols, hopeless ? " (proven)" : "");
		/* The search is not started when GLPK's presolver, which it
		 * begins with and which takes no time limit, may not end
		 * before the stage's deadline: on 8,900 communes it ran 46 s
		 * over 144,500 free columns (PRESOLVE_SECONDS_PER_COLUMN), a
		 * minute past the stage's share when started near its end. */
		int late = !hopeless && deadline > 0 &&
			   model_clock() + PRESOLVE_SECONDS_PER_COLUMN * (double)(m->ncols - (fixed > 0 ? fixed : 0)) >
				   deadline;
		if (late)
			s.timed_out = 1;
		int found = fixed < 0 ? -1 : hopeless ? 2 : late ? 0 :
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
		out->value = model_objective_of(m->lp, m->ncols, x);
		out->seconds = model_clock() - started;
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
	free(rounded.plan);
	return rc;
}

/* Solves the stages of o->stages, in order, on a built model; leaves the
 * last solution in `best`. Returns 0, or -1 with a diagnostic. */
static int uses_decomposition(const struct solve_options *o, const struct dataset *ds)
{
	return o->method == SOLVE_DECOMPOSITION ||
	       (o->method == SOLVE_AUTO && ds->ncommunes >= SOLVE_DECOMPOSITION_FROM);
}

/*
 * Stage 0 without a relaxation: no plan has a shortfall below 0, so a plan
 * that meets every target is optimal. The targets are met greedily
 * (greedy_targets) from `start` (a warm start) or from the plan that funds
 * nothing; at 8,900 communes this spares a relaxation that does not finish
 * in the stage's time. Returns 1 with x and res filled when that works, 0
 * when it does not (the stage is then solved as any other), -1 on failure.
 */
static int targets_met_greedily(struct model *m, const double *start, double *x,
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
	stage_proven(m, x, started, res);
	if (solver_trace)
		model_trace("stage 0: every target met greedily\n");
	return 1;
}

/*
 * Whole-number rows on the communes at standard by each year
 * (docs/model.md, "Communes at standard by each year"). In every plan
 * N_t = Σ_c Σ_{τ≤t} u(c,τ), the communes the plan brings to the standard
 * by the end of year t, is a whole number. So with M_t and m_t its largest
 * and least values over the relaxation of the model as it stands (the
 * rows holding the earlier stages included), ⌈m_t⌉ ≤ N_t ≤ ⌊M_t⌋ holds for
 * every plan of this stage and of the later ones, which only add rows. A
 * relaxation that reaches the earlier stages' optima by spreading
 * communes over two years each (N_t = 27.4 communes by 2018) loses that:
 * at budget scale 1.1 of data/dienbien, stage 2's relaxation falls from
 * 105.40 to 105.00 and its search then finds 105, where it had stopped at
 * its node limit with 104 (docs/performance.md). count_row[t-1] is the
 * row of year t, 0 until it is added; later stages tighten the same rows.
 * Returns 0, or -1 when GLPK failed; a relaxation not solved (time) leaves
 * its row as it was.
 */
static int year_count_rows(struct model *m, enum objective stage, double deadline,
			   int count_row[NTM_MAX_YEARS_CAP])
{
	const size_t nc = m->ds->ncommunes;
	glp_smcp lp_parm;
	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	for (int t = 1; t <= m->n; t++) {
		int len = 0;
		if (model_buf(m, (size_t)m->ncols))
			return -1;
		for (size_t c = 0; c < nc; c++)
			for (int tau = 1; tau <= t; tau++) {
				int u = m->u_col[c * (size_t)m->n + (size_t)(tau - 1)];
				if (u) {
					m->ind[++len] = u;
					m->val[len] = 1;
				}
			}
		if (len == 0)
			continue; /* no commune can be at standard by then */
		if (!count_row[t - 1]) {
			char label[32];
			snprintf(label, sizeof(label), "standard_by(%d)", t);
			model_add_row(m, label, len, GLP_UP, len);
			count_row[t - 1] = glp_get_num_rows(m->lp);
		}
		for (int j = 1; j <= m->ncols; j++)
			glp_set_obj_coef(m->lp, j, 0);
		for (int k = 1; k <= len; k++)
			glp_set_obj_coef(m->lp, m->ind[k], 1);
		double range[2];
		int solved = 1;
		for (int side = 0; side < 2 && solved; side++) {
			glp_set_obj_dir(m->lp, side ? GLP_MAX : GLP_MIN);
			lp_parm.tm_lim = model_time_left(deadline);
			int ret = glp_simplex(m->lp, &lp_parm);
			if (ret == GLP_ETMLIM || (ret == 0 && glp_get_status(m->lp) != GLP_OPT))
				solved = 0;
			else if (ret)
				return -1;
			else
				range[side] = glp_get_obj_val(m->lp);
		}
		if (!solved)
			continue;
		/* A margin against the simplex's rounding: a row that cut off
		 * a plan would be wrong, one a little loose is only weaker. */
		double lo = ceil(range[0] - 1e-6 * (1 + fabs(range[0])));
		double hi = floor(range[1] + 1e-6 * (1 + fabs(range[1])));
		if (!(lo > 0))
			lo = 0; /* and not -0 */
		if (hi < lo)
			continue; /* rounding noise on an empty range: leave the row */
		glp_set_row_bnds(m->lp, count_row[t - 1], lo < hi ? GLP_DB : GLP_FX, lo, hi);
		if (solver_trace)
			model_trace("stage %d: communes at standard by year %d: %.6f to %.6f, row %g to %g\n",
				    (int)stage, t, range[0], range[1], lo, hi);
	}
	model_set_objective(m, stage);
	return 0;
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
	int count_row[NTM_MAX_YEARS_CAP] = {0};
	const int decomposition = uses_decomposition(o, m->ds);
	struct solve_basis *basis = decomposition ? NULL : o->basis;
	/* Stage 0 is one objective per priority level, first first
	 * (docs/model.md): each level's optimum is held before the next. */
	for (int stage = 0; stage < OBJ_COUNT; stage++)
		if (o->stages & SOLVE_STAGE(stage))
			left_to_run += stage == OBJ_SHORTFALL ? (int)p->nlevels : 1;
	if (o->warm_start) {
		/* Admissible here (no stage row is in the model yet) when its
		 * money suffices; otherwise simply not used. */
		int ret = model_solution_of_plan(m, o->warm_start, best);
		if (ret < 0)
			return -1;
		have_start = ret == 0;
		if (solver_trace)
			model_trace("warm start: %s\n", have_start ? "used" : "not admissible");
	}
	for (int stage = 0; stage < OBJ_COUNT; stage++) {
		if (!(o->stages & SOLVE_STAGE(stage)))
			continue;
		size_t nsteps = stage == OBJ_SHORTFALL ? p->nlevels : 1;
		if (stage == OBJ_SHORTFALL)
			p->stages[stage] = (struct stage_result){STAGE_OPTIMAL, 0, 0, 0};
		for (size_t level = 0; level < nsteps; level++) {
			struct stage_result *res = stage == OBJ_SHORTFALL ? &p->level_stages[level]
									  : &p->stages[stage];
			if (stage == OBJ_SHORTFALL)
				model_set_level_objective(m, p->level_priority[level]);
			else
				model_set_objective(m, (enum objective)stage);
			/* Later stages get their share of the time left, so that a hard
			 * stage cannot leave the next ones none. */
			double stage_deadline = deadline;
			if (deadline > 0) {
				double left = deadline - model_clock();
				stage_deadline = model_clock() + left / left_to_run;
			}
			/* Not with the decomposition: its point is never to solve the
			 * whole model's relaxation, which these rows need. */
			if (stage >= OBJ_STANDARD_YEARS && !decomposition &&
			    year_count_rows(m, (enum objective)stage, stage_deadline, count_row) < 0)
				return -1;
			int ret = stage == OBJ_SHORTFALL && !solver_test_paths ?
				targets_met_greedily(m, have_start ? best : NULL, x, res) : 0;
			if (ret < 0)
				return -1;
			ret = ret ? 0 : decomposition ?
				solve_stage_decomposition(m, (enum objective)stage, have_start ? best : NULL,
							  stage_deadline, o->node_limit, x, res) :
				solve_stage(m, (enum objective)stage, have_start ? best : NULL,
					    stage_deadline, o->node_limit, basis, x, res);
			if (ret) {
				res->status = STAGE_FAILED;
				p->stages[stage].status = STAGE_FAILED;
				diag_add(diags, NULL, 0, 0,
					 ret > 0 ? L("stage %d: the solver found no plan (time limit too short?)",
						     "bước %d: bộ giải không tìm được phương án (giới hạn thời gian quá ngắn?)")
						 : L("stage %d: the solver failed", "bước %d: bộ giải gặp lỗi"),
					 stage);
				return -1;
			}
			if (solver_trace)
				model_trace("stage %d (level %zu): value %.6f bound %.6f status %d, %.3f s\n", stage,
					level, res->value, res->bound, (int)res->status, res->seconds);
			if (stage == OBJ_SHORTFALL) {
				/* Stage 0 sums up its levels: the first that a limit
				 * stopped says how it ended. */
				struct stage_result *sum = &p->stages[stage];
				if (sum->status == STAGE_OPTIMAL)
					sum->status = res->status;
				sum->seconds += res->seconds;
			}
			memcpy(best, x, ((size_t)m->ncols + 1) * sizeof(*x));
			have_start = 1;
			if (--left_to_run)
				model_fix_objective(m, (enum objective)stage, res->value);
		}
	}
	return 0;
}

int solve_plan(const struct dataset *ds, const struct solve_options *o,
	       struct plan *p, struct diag_list *diags)
{
	struct model m;
	double *volatile x = NULL, *volatile best = NULL;
	volatile int rc = -1;
	volatile double deadline = o->time_limit > 0 ? model_clock() + o->time_limit : 0;
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
	if (o->drop_target >= 0 && (size_t)o->drop_target < ds->ntargets)
		model_drop_target(&m, (size_t)o->drop_target);
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
	 * the same constants, taken before the allocation settles the
	 * completion years (plan_allocate). Settling only brings completions
	 * forward and completes gaps that cost nothing, which can improve the
	 * values of a plan a limit stopped, never past the bounds (each bound
	 * holds for every plan that keeps the earlier stages' values, and
	 * settling keeps or improves them all); an optimal plan has nothing
	 * to settle. */
	double shift[OBJ_COUNT];
	plan_evaluate(p);
	for (int stage = 0; stage < OBJ_COUNT; stage++)
		shift[stage] = p->objective[stage] - p->stages[stage].value;
	rc = plan_allocate(p);
	if (rc > 0) {
		diag_add(diags, NULL, 0, 0, L("internal error: the optimal plan cannot be paid",
					      "lỗi nội bộ: phương án tối ưu không đủ vốn"));
		rc = -1;
		goto cleanup;
	} else if (rc < 0) {
		goto nomem;
	}
	plan_evaluate(p);
	for (int stage = 0; stage < OBJ_COUNT; stage++) {
		struct stage_result *res = &p->stages[stage];
		if (!(o->stages & SOLVE_STAGE(stage)))
			continue;
		res->value = p->objective[stage];
		res->bound += shift[stage];
	}
	/* The levels' objectives have no constant part (each shortfall
	 * column is its target's whole shortfall), so their bounds stand as
	 * the solver gave them. Stage 0's own line is the plain total
	 * shortfall; its bounds are the levels'. */
	for (size_t l = 0; l < p->nlevels && (o->stages & SOLVE_STAGE(OBJ_SHORTFALL)); l++)
		p->level_stages[l].value = p->level_value[l];
	p->stages[OBJ_SHORTFALL].bound = p->stages[OBJ_SHORTFALL].value;
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

int target_binds(const struct plan *p, size_t ti)
{
	const struct dataset *ds = p->ds;
	const struct target *tg = &ds->targets[ti];
	const struct target_result *r = &p->targets[ti];
	if (!target_has_shortfall(tg))
		return 0;
	if (r->shortfall > 0)
		return 1;
	switch (tg->kind) {
	case TARGET_COMMUNES_STANDARD:
	case TARGET_CRITERION_COMMUNES:
	case TARGET_MIN_CRITERIA:
		return r->achieved <= tg->value;
	case TARGET_AVG_CRITERIA:
		return r->achieved * (double)ds->ncommunes <=
		       ceil(tg->value * (double)ds->ncommunes - 1e-9) + 1e-9;
	default: /* district_standard, require_commune: met means met exactly */
		return 1;
	}
}

int solve_prices(const struct dataset *ds, const struct solve_options *o, struct plan *p,
		 struct diag_list *diags)
{
	struct solve_options po = *o;
	struct solve_basis basis;
	struct plan q;
	int rc = -1;
	memset(&basis, 0, sizeof(basis));
	plan_init(&q);
	po.stages = SOLVE_STAGE(OBJ_SHORTFALL) | SOLVE_STAGE(OBJ_COMMUNES) |
		    SOLVE_STAGE(OBJ_STANDARD_YEARS);
	/* The plan in hand stays admissible without a target; and every run
	 * has the same rows and columns (model_drop_target), so each stage's
	 * relaxation starts from the basis the run before left. */
	po.warm_start = p;
	po.basis = &basis;
	for (size_t ti = 0; ti < ds->ntargets; ti++) {
		struct target_price *pr = &p->prices[ti];
		memset(pr, 0, sizeof(*pr));
		if (!target_binds(p, ti))
			continue;
		po.drop_target = (long)ti;
		if (solve_plan(ds, &po, &q, diags))
			goto done;
		pr->priced = 1;
		pr->communes = q.objective[OBJ_COMMUNES] - p->objective[OBJ_COMMUNES];
		pr->commune_years = q.objective[OBJ_STANDARD_YEARS] - p->objective[OBJ_STANDARD_YEARS];
		pr->status = STAGE_OPTIMAL;
		for (int s = OBJ_SHORTFALL; s <= OBJ_STANDARD_YEARS; s++) {
			if (q.stages[s].status != STAGE_OPTIMAL)
				pr->status = q.stages[s].status;
			if (p->stages[s].status != STAGE_OPTIMAL && p->stages[s].status != STAGE_NOT_RUN)
				pr->status = p->stages[s].status;
		}
	}
	rc = 0;
done:
	plan_release(&q);
	solve_basis_release(&basis);
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
	/* Stages 0 and 1 as one objective: each level's weighted shortfall
	 * is whole-valued; one unit of the last level outweighs every commune
	 * (|C| + 1), and one unit of each level every unit the later levels
	 * can reach (their weights times their sizes), so this is exactly
	 * lexicographic (as long as the weights stay within a double's whole
	 * numbers: a few levels). */
	model_set_objective(&m, OBJ_COMMUNES);
	{
		int *priority = malloc((ds->ntargets + 1) * sizeof(*priority));
		if (!priority) {
			diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
			goto done;
		}
		size_t nlevels = dataset_levels(ds, priority);
		double k = (double)ds->ncommunes + 1;
		for (size_t l = nlevels; l-- > 0;) {
			double most = 0;
			for (size_t i = 0; i < m.nshort; i++)
				if (target_priority(&ds->targets[m.short_target[i]]) == priority[l])
					glp_set_obj_coef(m.lp, m.short_cols[i],
							 -k * target_weight(ds, m.short_target[i]));
			for (size_t t = 0; t < ds->ntargets; t++)
				if (target_has_shortfall(&ds->targets[t]) &&
				    target_priority(&ds->targets[t]) == priority[l])
					most += target_weight(ds, t) * target_size(ds, &ds->targets[t]);
			k *= most + 1;
		}
		free(priority);
	}
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
