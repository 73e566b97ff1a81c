#ifndef NTM_LAGRANGE_H
#define NTM_LAGRANGE_H
/*
 * lagrange: Lagrangian bounds of a stage and the fixing they allow
 * (docs/model.md, "How each stage is solved", step 4). The coupling rows
 * of the model are dualised; what is left falls apart by commune, and
 * each commune's subproblem is solved exactly here.
 * Ownership: lagrange_compute() allocates the arrays of a struct lagrange;
 * lagrange_release() frees them.
 */
#include <glpk.h>

#include "model.h"

/* A binary's state in the problem searched: free, or fixed at 0 or 1. */
enum fixing { FREE, AT_ZERO, AT_ONE };

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

/* A problem's columns read out of GLPK once, into arrays: GLPK keeps its
 * matrix as linked lists, and reading every column through
 * glp_get_mat_col() was two thirds of the decomposition's time at 3,000
 * communes (perf), where a master of a few hundred rows is priced
 * hundreds of times over the same, unchanged model. */
struct lagrange_columns {
	int ncols;
	double *obj;   /* [col]: objective coefficient */
	int *start;    /* [col]: its first entry in row/val; [ncols + 1]: the end */
	int *row;      /* [entry] */
	double *val;   /* [entry] */
};

/* Reads lp's columns. Returns 0, or -1 when out of memory (*lc is then
 * empty). */
int lagrange_columns_read(glp_prob *lp, struct lagrange_columns *lc);
void lagrange_columns_release(struct lagrange_columns *lc);

struct lagrange {
	glp_prob *lp;       /* the problem whose relaxation gives the duals */
	const struct lagrange_columns *columns; /* NULL, or lp's columns, read
			      * while lp stays as it is (faster than GLPK) */
	const double *duals; /* NULL, or the duals to use instead, per row of lp
			      * (the decomposition's master gives them) */
	double *d;          /* [col]: reduced objective, maximise form */
	double *floor_need; /* [col of a floor shortfall]: its row's need */
	int *floor_col;     /* [commune]: its min_criteria shortfall, or 0 */
	int *first_standard_short, *next_standard_short; /* lists per commune */
	double bound;       /* L(y), maximise form */
	double scale;       /* magnitude of the terms of L, for tolerances */
};

void lagrange_release(struct lagrange *lg);

/* Computes d and the shared part of L from the duals of lg->lp's current
 * relaxation (lg->lp: the model or a copy with more rows and fixed
 * columns; rows the model does not own a commune for are coupling rows).
 * Returns 0, 1 when no finite bound follows from them (a shared column
 * with a positive d and no upper bound), -1 when out of memory. */
int lagrange_compute(const struct model *m, struct lagrange *lg);

/* Fills commune c's subproblem. Returns 1 when a shortfall of c has a
 * positive d (no finite bound), 0 otherwise. */
int commune_choices_fill(const struct model *m, const struct lagrange *lg, size_t c,
			 struct commune_choices *cc);

/*
 * Fixes in `lp` (the model or a copy of it, with an optimal relaxation)
 * every free binary whose other value cannot lead to a plan reaching
 * `goal` (maximise form). Sets *hopeless when no plan at all can reach
 * it, and *bound to L(y). Returns the number of binaries fixed, or -1 when
 * out of memory (nothing is fixed when the duals give no finite bound).
 */
long lagrangian_fix(const struct model *m, glp_prob *lp, const double *duals,
		    double goal, int *hopeless, double *bound);
#endif
