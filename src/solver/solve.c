#include "solve.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "glpkutil.h"
#include "lang.h"
#include "model.h"
#include "outfile.h"
#include "stage.h"
#include "xalloc.h"


void solve_params_init(struct solve_params *p)
{
	p->decomposition_from = SOLVE_DECOMPOSITION_FROM;
	p->neighbourhood_node_limit = 50;
	p->max_restarts = 20;
	p->fixing_passes = 4;
	p->strong_branching_candidates = 3;
	p->strong_branching_iterations = 200;
	p->presolve_seconds_per_column = 3.2e-4;
	p->master_max_rounds = 500;
	p->money_improve_nodes = 200;
	p->master_blocks = 64;
	p->master_scaled = 0;
	p->test_paths = 0;
	p->trace = NULL;
	p->trace_ctx = NULL;
}

void solve_options_init(struct solve_options *o)
{
	o->time_limit = 0;
	o->node_limit = SOLVE_DEFAULT_NODE_LIMIT;
	o->stages = SOLVE_ALL_STAGES;
	o->warm_start = NULL;
	o->basis = NULL;
	o->drop_target = -1;
	o->method = SOLVE_AUTO;
	o->money_tolerance = SOLVE_DEFAULT_MONEY_TOLERANCE;
	o->params = NULL;
}

void solve_basis_release(struct solve_basis *b)
{
	for (int k = 0; k < OBJ_COUNT; k++) {
		free(b->stage[k].row_stat);
		free(b->stage[k].col_stat);
	}
	memset(b, 0, sizeof(*b));
}

/* Solves the stages of o->stages, in order, on a built model; leaves the
 * last solution in `best`. Returns 0, or -1 with a diagnostic. */
static int uses_decomposition(const struct solve_options *o, const struct model *m)
{
	return o->method == SOLVE_DECOMPOSITION ||
	       (o->method == SOLVE_AUTO && m->ds->ncommunes >= m->params.decomposition_from);
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
		if (model_tracing(m))
			model_trace(m, "stage %d: communes at standard by year %d: %.6f to %.6f, row %g to %g\n",
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
	const int decomposition = uses_decomposition(o, m);
	struct solve_basis *basis = decomposition ? NULL : o->basis;
	/* Stage 0 is one objective per priority level, first first
	 * (docs/model.md): each level's optimum is held before the next. */
	/* The money stage's tolerance as a fraction (stage_result says it in
	 * percent again); only the money stage uses it. */
	const double money_gap = o->money_tolerance > 0 ? o->money_tolerance / 100 : 0;
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
		if (model_tracing(m))
			model_trace(m, "warm start: %s\n", have_start ? "used" : "not admissible");
	}
	for (int stage = 0; stage < OBJ_COUNT; stage++) {
		if (!(o->stages & SOLVE_STAGE(stage)))
			continue;
		size_t nsteps = stage == OBJ_SHORTFALL ? p->nlevels : 1;
		if (stage == OBJ_SHORTFALL)
			p->stages[stage] = (struct stage_result){.status = STAGE_OPTIMAL};
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
			int ret = stage == OBJ_SHORTFALL && !m->params.test_paths ?
				targets_met_greedily(m, have_start ? best : NULL, x, res) : 0;
			if (ret < 0)
				return -1;
			ret = ret ? 0 : decomposition ?
				solve_stage_decomposition(m, (enum objective)stage, have_start ? best : NULL,
							  stage_deadline, o->node_limit, money_gap, x, res) :
				solve_stage(m, (enum objective)stage, have_start ? best : NULL,
					    stage_deadline, o->node_limit, money_gap, basis, x, res);
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
			if (model_tracing(m))
				model_trace(m, "stage %d (level %zu): value %.6f bound %.6f status %d, %.3f s\n",
					    stage, level, res->value, res->bound, (int)res->status,
					    res->seconds);
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
	if (plan_reset(p, ds))
		goto nomem;
	jmp_buf *outer = ntm_glpk_catch(&failed);
	if (setjmp(failed)) {
		free(x);
		free(best);
		model_release(&m);
		ntm_glpk_recover(outer); /* nested: passes the error on, no return */
		diag_add(diags, NULL, 0, 0, L("the solver failed: %s", "bộ giải gặp lỗi: %s"),
			 ntm_glpk_last_message());
		return -1;
	}
	if (model_build(&m, ds)) {
		if (m.lp)
			glp_delete_prob(m.lp);
		ntm_glpk_end(outer);
		goto nomem;
	}
	if (o->params)
		m.params = *o->params;
	if (o->drop_target >= 0 && (size_t)o->drop_target < ds->ntargets)
		model_drop_target(&m, (size_t)o->drop_target);
	/* Scaling helps GLPK's simplex on the whole model; the decomposition
	 * never solves that (its master is small, the searches presolve and
	 * scale their own copies), and at 8,900 communes scaling alone took
	 * 5 s. */
	if (!uses_decomposition(o, &m))
		glp_scale_prob(m.lp, GLP_SF_AUTO);
	x = calloc((size_t)m.ncols + 1, sizeof(*x));
	best = calloc((size_t)m.ncols + 1, sizeof(*best));
	if (!x || !best) {
		glp_delete_prob(m.lp);
		ntm_glpk_end(outer);
		goto nomem;
	}
	rc = run_stages(&m, o, deadline, x, best, p, diags);
	glp_delete_prob(m.lp);
	ntm_glpk_end(outer);
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
	/* A quarter of the nodes per stage: a price whose search needs more is
	 * reported as not proven (on data/dienbien one of 18, criterion 7's
	 * commune-years, which 2,000 nodes do not prove either; docs/performance.md). */
	if (po.node_limit > 0)
		po.node_limit = po.node_limit / SOLVE_PRICE_NODE_SHARE > 0 ?
					po.node_limit / SOLVE_PRICE_NODE_SHARE : 1;
	for (size_t ti = 0; ti < ds->ntargets; ti++) {
		struct target_price *pr = &p->prices[ti];
		memset(pr, 0, sizeof(*pr));
		/* Every target is priced, not only those the plan meets with no
		 * slack: the later stages fill slack the earlier ones left (the
		 * criteria stage raises the average above its target), so a
		 * target met with room to spare in the final plan may still hold
		 * the communes down: data/dienbien's avg_criteria (11.33 against
		 * 11.3) costs a commune. */
		if (!target_has_shortfall(&ds->targets[ti]))
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
	const char *path;  /* the file to make */
};

/*
 * An outfile_writer for the model: GLPK writes only to a named file, and
 * does not always notice a failed write (a full disk left a truncated LP
 * file behind), so it writes a scratch file beside the target
 * (outfile_scratch), which is read back with GLPK's own reader (a truncated
 * file does not read, or reads with fewer rows or columns) and then copied
 * into `out`, where every write is checked and the file is put in place
 * whole or not at all (outfile.h).
 */
static int write_model_file(FILE *out, const void *ctx)
{
	const struct model_file *mf = ctx;
	char *tmp = outfile_scratch(mf->path);
	int rc = -1;
	if (!tmp)
		return -1;
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
	outfile_scratch_remove(tmp);
	return rc;
}

int solve_write_model(const struct dataset *ds, const char *path,
		      enum model_format format, struct diag_list *diags)
{
	struct model m;
	volatile int rc = -1;
	jmp_buf failed;

	memset(&m, 0, sizeof(m));
	jmp_buf *outer = ntm_glpk_catch(&failed);
	if (setjmp(failed)) {
		model_release(&m);
		ntm_glpk_recover(outer); /* nested: passes the error on, no return */
		diag_add(diags, path, 0, 0, L("the solver failed: %s", "bộ giải gặp lỗi: %s"),
			 ntm_glpk_last_message());
		return -1;
	}
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
	struct model_file mf = {m.lp, format, path};
	if (outfile_write(path, write_model_file, &mf, diags) == 0)
		rc = 0;
	glp_delete_prob(m.lp);
done:
	ntm_glpk_end(outer);
	model_release(&m);
	return rc;
}
