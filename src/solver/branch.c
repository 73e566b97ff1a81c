#include "branch.h"

#include <math.h>
#include <stdlib.h>

/* A child's relaxation, as strong branching sees it. */
struct child {
	int dead;     /* infeasible, or cannot beat the cutoff */
	double value; /* relaxation value (a bound of it when stopped early) */
};

void strong_branching_init(struct strong_branching *sb, int candidates, int iteration_limit)
{
	*sb = (struct strong_branching){0};
	sb->candidates = candidates;
	sb->iteration_limit = iteration_limit;
}

void strong_branching_release(struct strong_branching *sb)
{
	if (sb->copy)
		glp_delete_prob(sb->copy);
	free(sb->order);
	free(sb->score);
	free(sb->row_stat);
	free(sb->col_stat);
	strong_branching_init(sb, sb->candidates, sb->iteration_limit);
}

static int reserve(struct strong_branching *sb, int nrows, int ncols)
{
	if (ncols > sb->capacity_cols) {
		int *order = realloc(sb->order, ((size_t)ncols + 1) * sizeof(*order));
		if (order)
			sb->order = order;
		double *score = realloc(sb->score, ((size_t)ncols + 1) * sizeof(*score));
		if (score)
			sb->score = score;
		int *col_stat = realloc(sb->col_stat, ((size_t)ncols + 1) * sizeof(*col_stat));
		if (col_stat)
			sb->col_stat = col_stat;
		if (!order || !score || !col_stat)
			return -1;
		sb->capacity_cols = ncols;
	}
	if (nrows > sb->capacity_rows) {
		int *row_stat = realloc(sb->row_stat, ((size_t)nrows + 1) * sizeof(*row_stat));
		if (!row_stat)
			return -1;
		sb->row_stat = row_stat;
		sb->capacity_rows = nrows;
	}
	return 0;
}

/* The node's basis, put back before each trial so that every child starts
 * from the parent's optimum (dual feasible: the dual simplex's start). */
static void restore_basis(const struct strong_branching *sb, int nrows, int ncols)
{
	for (int i = 1; i <= nrows; i++)
		glp_set_row_stat(sb->copy, i, sb->row_stat[i]);
	for (int j = 1; j <= ncols; j++)
		glp_set_col_stat(sb->copy, j, sb->col_stat[j]);
}

/* Solves one child of column j: its bounds narrowed to [lb, ub]. */
static struct child try_child(struct strong_branching *sb, int nrows, int ncols, int j,
			      double lb, double ub, int maximise, double cutoff)
{
	struct child c = {0, 0};
	int type = glp_get_col_type(sb->copy, j);
	double old_lb = glp_get_col_lb(sb->copy, j), old_ub = glp_get_col_ub(sb->copy, j);
	glp_smcp parm;

	restore_basis(sb, nrows, ncols);
	glp_set_col_bnds(sb->copy, j, lb == ub ? GLP_FX : GLP_DB, lb, ub);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_DUALP;
	parm.it_lim = sb->iteration_limit;
	int ret = glp_simplex(sb->copy, &parm);
	sb->trials++;
	if (ret == 0 && glp_get_status(sb->copy) == GLP_NOFEAS) {
		c.dead = 1;
	} else if ((ret == 0 && glp_get_status(sb->copy) == GLP_OPT) ||
		   (ret == GLP_EITLIM && glp_get_dual_stat(sb->copy) == GLP_FEAS)) {
		/* At a dual feasible basis the objective bounds the child's
		 * relaxation: stopping early only weakens the estimate. */
		c.value = glp_get_obj_val(sb->copy);
		if (!isnan(cutoff) && (maximise ? c.value < cutoff : c.value > cutoff))
			c.dead = 1;
	} else {
		/* Unknown (e.g. the dual simplex fell back to the primal one
		 * and ran out of iterations): as good as the parent. */
		c.value = glp_get_obj_val(sb->copy);
	}
	if (c.dead)
		sb->infeasible++;
	glp_set_col_bnds(sb->copy, j, type, old_lb, old_ub);
	return c;
}

/* How far a living child falls below the parent's relaxation (0 when it
 * does not). */
static double fall(struct child c, double parent, int maximise)
{
	double d = maximise ? parent - c.value : c.value - parent;
	return d > 0 ? d : 0;
}

int strong_branching_choose(struct strong_branching *sb, glp_tree *tree, double cutoff)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int nrows = glp_get_num_rows(lp), ncols = glp_get_num_cols(lp);
	int maximise = glp_get_obj_dir(lp) == GLP_MAX;
	double parent = glp_get_obj_val(lp);

	if (sb->candidates <= 0 || reserve(sb, nrows, ncols))
		return 0;
	/* Candidates, most fractional first (ties: lower column first). */
	int n = 0;
	for (int j = 1; j <= ncols; j++) {
		if (!glp_ios_can_branch(tree, j))
			continue;
		double x = glp_get_col_prim(lp, j);
		double frac = x - floor(x);
		double distance = frac < 1 - frac ? frac : 1 - frac;
		int at = n++;
		while (at > 0 && sb->score[at - 1] < distance) {
			sb->order[at] = sb->order[at - 1];
			sb->score[at] = sb->score[at - 1];
			at--;
		}
		sb->order[at] = j;
		sb->score[at] = distance;
	}
	if (n == 0)
		return 0;
	if (n > sb->candidates)
		n = sb->candidates;

	if (!sb->copy)
		sb->copy = glp_create_prob();
	glp_erase_prob(sb->copy);
	glp_copy_prob(sb->copy, lp, GLP_OFF);
	for (int i = 1; i <= nrows; i++)
		sb->row_stat[i] = glp_get_row_stat(lp, i);
	for (int j = 1; j <= ncols; j++)
		sb->col_stat[j] = glp_get_col_stat(lp, j);

	/* The product rule on how far each child falls: a variable both of
	 * whose children fall beats one with a single child falling far. A
	 * dead child falls the whole way to the cutoff (or, with none, as far
	 * as any child can). */
	double whole_way = isnan(cutoff) ? 1e30 : fabs(parent - cutoff);
	int best = 0, best_sel = GLP_NO_BRNCH;
	double best_score = -1;
	for (int k = 0; k < n; k++) {
		int j = sb->order[k];
		double x = glp_get_col_prim(lp, j);
		double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
		struct child down = try_child(sb, nrows, ncols, j, lb, floor(x), maximise, cutoff);
		struct child up = try_child(sb, nrows, ncols, j, ceil(x), ub, maximise, cutoff);
		double fd = down.dead ? whole_way : fall(down, parent, maximise);
		double fu = up.dead ? whole_way : fall(up, parent, maximise);
		double score = (fd > 1e-6 ? fd : 1e-6) * (fu > 1e-6 ? fu : 1e-6);
		if (score > best_score) {
			best_score = score;
			best = j;
			/* Take the more promising child next: the one whose
			 * relaxation falls less. */
			best_sel = fd <= fu ? GLP_DN_BRNCH : GLP_UP_BRNCH;
		}
		if (down.dead && up.dead)
			break; /* the node is dead: branch and let both children go */
	}
	glp_ios_branch_upon(tree, best, best_sel);
	return 1;
}
