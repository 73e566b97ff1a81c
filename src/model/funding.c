#include "funding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "glpkutil.h"

void funding_groups_release(struct funding_groups *g)
{
	free(g->criteria);
	free(g->sources);
	memset(g, 0, sizeof(*g));
}

int funding_groups_build(const struct dataset *ds, struct funding_groups *g)
{
	memset(g, 0, sizeof(*g));
	g->criteria = calloc(NTM_CRITERIA, sizeof(*g->criteria));
	g->sources = calloc(NTM_CRITERIA, sizeof(*g->sources));
	if (!g->criteria || !g->sources) {
		funding_groups_release(g);
		return -1;
	}
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		unsigned long payers = 0;
		for (size_t s = 0; s < ds->nsources; s++)
			if (ds->sources[s].criteria & CRITERION_BIT(k))
				payers |= 1UL << s;
		g->group_of[k - 1] = SIZE_MAX;
		if (!payers)
			continue;
		size_t grp = 0;
		while (grp < g->ngroups && g->sources[grp] != payers)
			grp++;
		if (grp == g->ngroups) {
			g->sources[grp] = payers;
			g->ngroups++;
		}
		g->criteria[grp] |= CRITERION_BIT(k);
		g->group_of[k - 1] = grp;
	}
	return 0;
}

/*
 * Whether `demand` is plainly more than the budget can pay, without the
 * LP: a group's gaps completing by year t cost more than all the money
 * its sources have by t, or all groups' gaps by t more than all the money
 * by t (no source spends by t more than its budget of years 1..t, with or
 * without carry-over). Necessary conditions only, and with a margin far
 * above the simplex's tolerances, so it never refuses what the LP would
 * pay; it spares the LP for the many communes a rule of thumb tries after
 * the money has run out (rules.h: 8,900 communes, two rules).
 */
static int plainly_unpayable(const struct dataset *ds, const struct funding_groups *g,
			     const double *demand)
{
	const int n = ds->nyears;
	double all_demand = 0, all_money = 0;
	for (int t = 1; t <= n; t++) {
		for (size_t s = 0; s < ds->nsources; s++)
			all_money += dataset_budget(ds, t - 1, s);
		for (size_t grp = 0; grp < g->ngroups; grp++)
			all_demand += demand[grp * (size_t)n + (size_t)(t - 1)];
		if (all_demand > all_money + 1e-4 * (1 + all_money))
			return 1;
	}
	for (size_t grp = 0; grp < g->ngroups; grp++) {
		double need = 0, money = 0;
		for (int t = 1; t <= n; t++) {
			for (size_t s = 0; s < ds->nsources; s++)
				if (g->sources[grp] & (1UL << s))
					money += dataset_budget(ds, t - 1, s);
			need += demand[grp * (size_t)n + (size_t)(t - 1)];
			if (need > money + 1e-4 * (1 + money))
				return 1;
		}
	}
	return 0;
}

/*
 * The transportation LP of funding_solve() for `demand`: columns per
 * group, source and year (col_of maps them, 0 where the source may not
 * fund the group), then the rows of the groups' cumulative demand, group
 * by group and year by year (rows 1..ngroups x nyears), then the
 * sources' budgets. ind and val are work space of the columns' size.
 * Inside the caller's GLPK bracket.
 */
static glp_prob *build_lp(const struct dataset *ds, const struct funding_groups *g,
			  const double *demand, int *col_of, int *ind, double *val)
{
	const int n = ds->nyears;
	const size_t ns = ds->nsources;
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);

	/* Columns: what source s pays group grp in year t. Money that lapses
	 * costs nothing to use; money that carries over is kept for later. */
	int ncols = 0;
	for (size_t grp = 0; grp < g->ngroups; grp++) {
		for (size_t s = 0; s < ns; s++) {
			for (int t = 1; t <= n; t++) {
				size_t idx = (grp * ns + s) * (size_t)n + (size_t)(t - 1);
				col_of[idx] = 0;
				if (!(g->sources[grp] & (1UL << s)))
					continue;
				col_of[idx] = ++ncols;
				glp_add_cols(lp, 1);
				glp_set_col_bnds(lp, ncols, GLP_LO, 0, 0);
				glp_set_obj_coef(lp, ncols, ds->sources[s].carry_over ? 1.0 + 1e-3 * t : 0.0);
			}
		}
	}

	/* Each group receives by the end of year t what its gaps completing by
	 * t cost; in the last year exactly its whole demand. */
	for (size_t grp = 0; grp < g->ngroups; grp++) {
		double cumulative = 0;
		for (int t = 1; t <= n; t++) {
			cumulative += demand[grp * (size_t)n + (size_t)(t - 1)];
			int len = 0;
			for (size_t s = 0; s < ns; s++)
				for (int t2 = 1; t2 <= t; t2++) {
					int col = col_of[(grp * ns + s) * (size_t)n + (size_t)(t2 - 1)];
					if (col) {
						ind[++len] = col;
						val[len] = 1.0;
					}
				}
			int row = glp_add_rows(lp, 1);
			glp_set_row_bnds(lp, row, t == n ? GLP_FX : GLP_LO, cumulative, cumulative);
			glp_set_mat_row(lp, row, len, ind, val);
		}
	}

	/* Each source spends at most its budget: per year, or cumulatively. */
	for (size_t s = 0; s < ns; s++) {
		double cumulative = 0;
		for (int t = 1; t <= n; t++) {
			int carry = ds->sources[s].carry_over;
			cumulative += dataset_budget(ds, t - 1, s);
			int len = 0;
			for (size_t grp = 0; grp < g->ngroups; grp++)
				for (int t2 = carry ? 1 : t; t2 <= t; t2++) {
					int col = col_of[(grp * ns + s) * (size_t)n + (size_t)(t2 - 1)];
					if (col) {
						ind[++len] = col;
						val[len] = 1.0;
					}
				}
			if (!len)
				continue;
			int row = glp_add_rows(lp, 1);
			glp_set_row_bnds(lp, row, GLP_UP, 0,
					 carry ? cumulative : dataset_budget(ds, t - 1, s));
			glp_set_mat_row(lp, row, len, ind, val);
		}
	}

	glp_scale_prob(lp, GLP_SF_AUTO);
	return lp;
}

int funding_solve(const struct dataset *ds, const struct funding_groups *g,
		  const double *demand, double *flow)
{
	if (plainly_unpayable(ds, g, demand))
		return 1;
	const int n = ds->nyears;
	const size_t ns = ds->nsources;
	volatile int rc = -1;
	int *col_of = malloc((g->ngroups * ns * (size_t)n + 1) * sizeof(*col_of));
	int *ind = malloc((g->ngroups * ns * (size_t)n + 1) * sizeof(*ind));
	double *val = malloc((g->ngroups * ns * (size_t)n + 1) * sizeof(*val));
	glp_prob *lp;
	jmp_buf failed;

	if (!col_of || !ind || !val)
		goto cleanup;
	/* Nested in the solver's bracket when the solver asks (glpkutil.h). */
	jmp_buf *outer = ntm_glpk_catch(&failed);
	if (setjmp(failed)) {
		free(col_of);
		free(ind);
		free(val);
		ntm_glpk_recover(outer);
		return -1;
	}
	lp = build_lp(ds, g, demand, col_of, ind, val);

	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	int ret = glp_simplex(lp, &parm);
	if (ret == GLP_ENOPFS) {
		rc = 1;
	} else if (ret == 0 && glp_get_status(lp) == GLP_OPT) {
		rc = 0;
		if (flow)
			for (size_t i = 0; i < g->ngroups * ns * (size_t)n; i++)
				flow[i] = col_of[i] ? glp_get_col_prim(lp, col_of[i]) : 0.0;
	} else if (ret == 0 && (glp_get_status(lp) == GLP_NOFEAS ||
				glp_get_status(lp) == GLP_INFEAS)) {
		rc = 1;
	}
	glp_delete_prob(lp);
	ntm_glpk_end(outer);
cleanup:
	free(col_of);
	free(ind);
	free(val);
	return rc;
}

int funding_check_init(struct funding_check *fc, const struct dataset *ds,
		       const struct funding_groups *g)
{
	const size_t width = g->ngroups * ds->nsources * (size_t)ds->nyears + 1;
	memset(fc, 0, sizeof(*fc));
	fc->col_of = malloc(width * sizeof(*fc->col_of));
	fc->ind = malloc(width * sizeof(*fc->ind));
	fc->val = malloc(width * sizeof(*fc->val));
	if (!fc->col_of || !fc->ind || !fc->val) {
		funding_check_release(fc);
		return -1;
	}
	return 0;
}

void funding_check_release(struct funding_check *fc)
{
	if (fc->lp)
		glp_delete_prob(fc->lp);
	free(fc->col_of);
	free(fc->ind);
	free(fc->val);
	memset(fc, 0, sizeof(*fc));
}

int funding_check(struct funding_check *fc, const struct dataset *ds,
		  const struct funding_groups *g, const double *demand)
{
	if (plainly_unpayable(ds, g, demand))
		return 1;
	const int n = ds->nyears;
	jmp_buf failed;
	jmp_buf *outer = ntm_glpk_catch(&failed);
	if (setjmp(failed)) {
		/* GLPK's environment is gone, and the LP with it. */
		fc->lp = NULL;
		ntm_glpk_recover(outer);
		return -1;
	}
	if (!fc->lp) {
		fc->lp = build_lp(ds, g, demand, fc->col_of, fc->ind, fc->val);
		glp_std_basis(fc->lp);
	} else {
		for (size_t grp = 0; grp < g->ngroups; grp++) {
			double cumulative = 0;
			for (int t = 1; t <= n; t++) {
				cumulative += demand[grp * (size_t)n + (size_t)(t - 1)];
				glp_set_row_bnds(fc->lp, (int)(grp * (size_t)n) + t, t == n ? GLP_FX : GLP_LO,
						 cumulative, cumulative);
			}
		}
	}
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	/* Only the demand moved: the last basis stays dual feasible. */
	parm.meth = GLP_DUALP;
	int ret = glp_simplex(fc->lp, &parm);
	if (ret != 0) {
		/* A basis GLPK refuses: once more from the slack basis. */
		glp_std_basis(fc->lp);
		ret = glp_simplex(fc->lp, &parm);
	}
	int status = glp_get_status(fc->lp);
	int rc = ret != 0 ? -1 : status == GLP_OPT ? 0 :
		 status == GLP_NOFEAS || status == GLP_INFEAS ? 1 : -1;
	ntm_glpk_end(outer);
	return rc;
}
