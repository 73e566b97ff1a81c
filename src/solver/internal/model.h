#ifndef NTM_MODEL_H
#define NTM_MODEL_H
/*
 * model: the commune-level mixed-integer program of docs/model.md, as the
 * solver's modules share it (internal to the solver: solve.c, stage.c,
 * lagrange.c, decompose.c; the rest of the program uses solve.h). It builds the
 * program in GLPK once for all stages, records which commune owns each row
 * and column (what the Lagrangian bounds and the decomposition split the
 * program along), sets and fixes each stage's objective, and converts
 * between the program's columns and a plan's decisions.
 * Ownership: model_build() allocates (the GLPK problem included, which the
 * caller deletes); model_release() frees the rest. Functions that return
 * int give 0, or -1 when memory ran out, unless they say otherwise.
 */
#include <stddef.h>

#include <glpk.h>

#include "dataset.h"
#include "funding.h"
#include "plan.h"
#include "solve.h"

/* Planning years at most: the loader takes years 1900 to 2200. */
#define NTM_MAX_YEARS_CAP 301

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
	/* How to search, the trace included: solve_params_init()'s from
	 * model_build(), the caller's from solve_plan(). */
	struct solve_params params;
	struct funding_groups groups;
	glp_prob *lp;
	int n;                /* planning years */
	int *u_col;           /* [c * n + τ-1]: column, 0 when absent */
	int *v_col;           /* [c * 19 + k-1]: column, 0 when absent */
	int *f_col;           /* [(g * nsources + s) * n + t-1] */
	int *short_cols;      /* every shortfall column */
	int *short_rows;      /* the target row of each */
	size_t *short_target; /* the dataset target of each */
	size_t nshort;
	size_t target;        /* the target whose rows are being added */
	long dropped;         /* a target left out (model_drop_target), or -1 */
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

/* A coefficient this much smaller than the largest of its cut is noise. */
#define CUT_NOISE 1e-9
/* A cut whose coefficients still span more than this ratio is dropped. */
#define CUT_MAX_RATIO 1e8

/*
 * Cleans a cut GLPK found on `lp` (ind/val 1..len, row type and bounds)
 * before it joins a model: GLPK's MIR cuts come with coefficients as small
 * as 1e-18 beside ones of 0.3, and such a row sends GLPK's simplex into
 * endless "numerical instability" restarts (seen on data/dienbien at
 * budget scale 1.1). A tiny term a·x is dropped and the bound moved by the
 * most the term could contribute over x's bounds, so the cleaned row is
 * implied by the cut: still valid, barely weaker. Returns the new length,
 * or -1 when the cut is better dropped (a term to drop on an unbounded
 * column, or coefficients still too far apart).
 */
int model_clean_cut(glp_prob *lp, int len, int *ind, double *val, int type, double *lb,
		    double *ub);

double model_clock(void);

/* Whether the solver's trace is on (m->params.trace): callers test it
 * before model_trace(), to skip computing what only the trace shows. */
int model_tracing(const struct model *m);

/* One line of the solver's trace, formatted, given to m->params.trace. A
 * line that cannot be formatted (out of memory) is left out. */
void model_trace(const struct model *m, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Time left before `deadline` (0: none), in GLPK's milliseconds, at least 1. */
int model_time_left(double deadline);

double model_objective_of(glp_prob *lp, int ncols, const double *x);

int model_buf(struct model *m, size_t need);

void model_release(struct model *m);

/* Adds a row lo <= Σ val·x (type GLP_LO, GLP_UP, GLP_FX) from m->ind/val. */
void model_add_row(struct model *m, const char *label, int len, int type, double bound);

/* Builds the whole program (all stages share it; only the objective and
 * the rows fixing earlier stages change). Returns 0 or -1. */
int model_build(struct model *m, const struct dataset *ds);

/* Sets the objective of `stage` (GLPK's row 0), for the model's variables
 * only: constants (the baseline) are left out and added back by the plan's
 * own evaluation. */
void model_set_objective(struct model *m, enum objective stage);

/* Leaves target `ti` out (the price of a target, solve_prices): its rows
 * are freed and its shortfall columns count in no level, so the program
 * keeps its rows and columns, and a basis of a run without another target
 * still fits it. */
void model_drop_target(struct model *m, size_t ti);

/* Sets the objective of the priority level `priority` (stage 0 is one
 * such objective per level, docs/model.md): minimise Σ weight × shortfall
 * over the level's targets (target_weight), a whole number in every plan. */
void model_set_level_objective(struct model *m, int priority);

/* Adds a row holding the current objective at `value` (what a stage
 * proved), so later stages keep it. The objectives held are whole-valued
 * for every plan, so the row is exact (value rounded to the whole number):
 * half a unit of slack would cut off no more plans but let the relaxation
 * of the next stage spend half a unit of this objective (docs/model.md). */
void model_fix_objective(struct model *m, enum objective stage, double value);

/* Reads the decisions of a solution into the plan. */
void model_decisions(const struct model *m, const double *x, struct plan *p);

/*
 * A plan's decisions as a solution of the model (warm start): standard
 * years, gaps completed without the standard, money flows (the
 * transportation problem of funding.h) and the least shortfall of each
 * target row. Returns 0, 1 when the decisions cannot be paid with this
 * dataset's budget or a decision has no column here, -1 on failure.
 */
int model_solution_of_plan(struct model *m, const struct plan *given, double *x);

/* The plan that funds nothing: every column 0 but the shortfalls, which
 * take all of their target's need. Admissible in the first stage run
 * (before any stage row is added), so a time limit that stops it early
 * still leaves a plan. */
void model_fund_nothing(const struct model *m, double *x);
#endif
