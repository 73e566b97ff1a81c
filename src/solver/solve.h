#ifndef NTM_SOLVE_H
#define NTM_SOLVE_H
/*
 * solve: the proven-optimal plan, stage by stage, with GLPK.
 *
 * The mixed-integer program is the commune-level formulation of
 * docs/model.md: per commune a binary for "at standard from year τ", per
 * open gap a binary for "completed by the horizon without the commune
 * reaching the standard", and money flows per group of criteria, source and
 * year. The objectives are solved in their order of priority; each stage's
 * optimum is then fixed as a constraint, and the stage's solution is given
 * to the next stage as its first incumbent (it is feasible there by
 * construction).
 *
 * A stage whose objective is integral stops as soon as the best bound,
 * rounded down, equals the incumbent: that is a proof of optimality GLPK's
 * own gap test would need many more nodes to reach.
 */
#include <stddef.h>
#include <stdio.h>

#include "dataset.h"
#include "diag.h"
#include "plan.h"

/* Enough for every stage but the last of data/dienbien to be proven
 * (docs/performance.md); about half a minute of the last. */
#define SOLVE_DEFAULT_NODE_LIMIT 2000

/* The money stage is proven within this relative tolerance, percent of
 * the plan's money (CPLEX's and Gurobi's default relative MIP gap, 10^-4):
 * a plan is then reported STAGE_WITHIN_TOLERANCE, not optimal, unless the
 * bound proves it optimal anyway. Every other stage is always exact
 * (docs/model.md, "The money stage's tolerance"). */
#define SOLVE_DEFAULT_MONEY_TOLERANCE 0.01

#define SOLVE_STAGE(k) (1u << (k))
#define SOLVE_ALL_STAGES ((1u << OBJ_COUNT) - 1)

/* How each stage's relaxation is solved (docs/model.md). */
enum solve_method {
	SOLVE_AUTO,          /* decomposition from SOLVE_DECOMPOSITION_FROM
			      * communes, direct below */
	SOLVE_DIRECT,        /* GLPK's simplex on the whole commune-level
			      * model, root cuts kept */
	SOLVE_DECOMPOSITION, /* column generation: a master over whole plans
			      * of one commune, priced per commune */
};

/* From this many communes SOLVE_AUTO uses the decomposition, where
 * GLPK's simplex on the whole model starts to take seconds
 * (docs/performance.md). */
#define SOLVE_DECOMPOSITION_FROM 500

/*
 * The optimal basis of each stage's relaxation, kept between solves of
 * datasets that differ only in their budget (the points of a sweep): the
 * matrix is the same, only the budget rows' bounds move, so the previous
 * point's basis is a few pivots from the next optimum, where a solve from
 * the slack basis takes many hundreds. A stage's basis is used only where
 * it fits (the same rows and columns: the cuts kept by root passes may
 * differ from point to point). Owned by the caller; zero-initialise it,
 * and free it with solve_basis_release().
 */
struct solve_basis {
	struct {
		int nrows, ncols;  /* 0 while empty */
		int *row_stat;     /* GLPK's GLP_BS, GLP_NL, ... of rows 1..nrows */
		int *col_stat;     /* the same for columns 1..ncols */
	} stage[OBJ_COUNT];
};

void solve_basis_release(struct solve_basis *b);

/*
 * One line of the solver's trace (docs/performance.md): `line` is the text
 * of the line, newline included, valid during the call. Called only when
 * solve_params.trace is set; the solver computes what only the trace shows
 * only then, and a trace never changes what is computed.
 */
typedef void (*solve_trace_fn)(void *ctx, const char *line);

/*
 * How the solver searches: every tuning constant and test hook, in one
 * struct the caller owns, filled by solve_params_init() (like GLPK's
 * glp_iocp) and then changed where wanted. The solver reads it and keeps
 * no settings of its own, so two solves in one process (a sweep, a
 * comparison) cannot see each other's. None of these changes the optimum,
 * only how, and how soon, it is proven; the numbers are measured choices
 * (docs/performance.md, docs/benchmarks.md).
 */
struct solve_params {
	/* SOLVE_AUTO uses the decomposition from this many communes, where
	 * GLPK's simplex on the whole model starts to take seconds
	 * (SOLVE_DECOMPOSITION_FROM). */
	size_t decomposition_from;
	/* Branch-and-bound nodes for each neighbourhood of the relaxation
	 * heuristic: a first plan, not a proof, is what is wanted there (50). */
	long neighbourhood_node_limit;
	/* How many times a stage's search may start again from a better plan
	 * it found (each restart fixes more); the last search runs to its
	 * end (20). */
	int max_restarts;
	/* Lagrangian fixing and root passes in turn on the copy of the model,
	 * at most this many times per round, while they fix more (4). */
	int fixing_passes;
	/* Strong branching in the criteria stage's searches (branch.h):
	 * children tried per node and dual simplex iterations per child. Three
	 * candidates proved more than five, six or ten on data/dienbien: more
	 * candidates find more children that die at once, and GLPK spends a
	 * node on each (3, 200). */
	int strong_branching_candidates;
	int strong_branching_iterations;
	/* GLPK's presolver on the whole model, seconds per column not fixed:
	 * 46 s for 144,500 columns (8,900 synthetic communes, stage 4), on
	 * 2-core machines. The decomposition's search is not started with
	 * less time left than this (3.2e-4). */
	double presolve_seconds_per_column;
	/* Pricing rounds of one optimisation of the decomposition's master at
	 * most: column generation ends in tens of rounds with one commune per
	 * block, and in 29-145 with 63 to 128 blocks from 1,000 to 8,900
	 * communes (docs/benchmarks.md); more means it is going round in
	 * circles, and the relaxation is then reported as not finished (500).
	 * Tests set fewer, to check the bound reported then. */
	int master_max_rounds;
	/* Money with a tolerance: branch-and-bound nodes the stage's first
	 * searches with a cutoff may spend looking for any cheaper plan (the
	 * exact step) before the proof within the tolerance starts; the first
	 * cheaper plan found ends it. The proof is much shorter from a better
	 * plan: on data/dienbien the first plan is 4,548,946.40 and the
	 * search finds 4,548,609.65 in 111 nodes, after which the proof
	 * within 0.01 % takes 3 nodes instead of 343 (docs/performance.md;
	 * 200). */
	long money_improve_nodes;
	/* Convexity rows of the master at most: 64 blocks of communes (the
	 * country has 63 provinces) proved stages 0-3 of 8,900 synthetic
	 * communes in 23 s, where one row per commune did not finish stage
	 * 1's relaxation in 30 s; 128 took as long (64). Tests set 2, so that
	 * the small instances are solved with blocks of several communes. */
	size_t master_blocks;
	/* Test hook: the master scaled from the start, as it is after GLPK
	 * fails on it, which no small instance makes it do (0). */
	int master_scaled;
	/* Test hook (e2e.optimality-paths, unit.test_solve): stage 0's greedy
	 * targets, the relaxation heuristic and rounding, the cheapest-first
	 * fill, the root pass and the proofs by rounding, which settle the
	 * small test instances on their own, are skipped, and a stage with no
	 * plan yet starts from the plan that funds nothing, so that the
	 * Lagrangian fixing and the search with a cutoff do all the work and
	 * their results are checked against exhaustive search. Slower; never
	 * needed otherwise (0). */
	int test_paths;
	/* Each stage's steps (bounds, fixings, searches), for tuning; NULL:
	 * none (the default). */
	solve_trace_fn trace;
	void *trace_ctx;
};

void solve_params_init(struct solve_params *p);

struct solve_options {
	double time_limit;  /* seconds for all stages together; 0: none */
	long node_limit;    /* branch-and-bound nodes per stage; 0: none. Unlike
			     * time, nodes do not depend on the machine, so a
			     * search stopped by them gives the same plan on
			     * every run (the default is one). */
	unsigned stages;    /* which stages to solve, in their order: SOLVE_STAGE(k)
			     * bits (default SOLVE_ALL_STAGES). A stage left out
			     * is not optimised, and its status is STAGE_NOT_RUN */
	enum solve_method method; /* default SOLVE_AUTO */
	double money_tolerance; /* percent of the plan's money within which the
			     * money stage counts as proven (default
			     * SOLVE_DEFAULT_MONEY_TOLERANCE); 0: exact, to
			     * MONEY_TOLERANCE million VND */
	const struct plan *warm_start; /* NULL, or a plan of a dataset with the
			     * same communes, criteria and years (e.g. the
			     * previous point of a sweep): when its money still
			     * suffices it is the first stage's first incumbent,
			     * so a search that cannot beat it ends at once. It
			     * never changes the optimum, only how soon it is
			     * proven. Not owned. */
	long drop_target;   /* -1, or a target of the dataset left out: the
			     * plan as if it were not there (solve_prices) */
	struct solve_basis *basis; /* NULL, or kept between runs: each stage's
			     * relaxation starts from its basis there when it
			     * fits, and leaves its own optimal basis there.
			     * Like warm_start, it changes how soon, not what.
			     * With the direct method only. Not owned. */
	const struct solve_params *params; /* NULL: solve_params_init()'s.
			     * Not owned. */
};

void solve_options_init(struct solve_options *o);

/*
 * Finds the optimal plan of `ds` into `p` (reset by this call): decisions,
 * evaluation, allocation and each stage's status, value and bound. Returns
 * 0 when a plan was found (a stage cut short by the time limit says so in
 * p->stages); -1 when GLPK failed or memory ran out (a message in diags).
 */
int solve_plan(const struct dataset *ds, const struct solve_options *o,
	       struct plan *p, struct diag_list *diags);

/* solve_prices() gives each run 1/SOLVE_PRICE_NODE_SHARE of the node limit. */
#define SOLVE_PRICE_NODE_SHARE 4

/*
 * The price of every target (that has a shortfall) in `p`, the plan
 * solve_plan() found for `ds` with options `o`: what the plan would gain
 * if the target were dropped, proven by solving again without it (its
 * levels, then stages 1 and 2), not estimated from duals (docs/model.md,
 * "The price of a target"). Fills p->prices; targets without a shortfall
 * (exclude_commune) keep priced = 0. Not only the targets met with no
 * slack in `p`: one met with slack there may still hold stage 1 down,
 * since the later stages fill slack. Each run without a target starts from p, which stays
 * admissible when a target is dropped (solve_options.warm_start). Returns
 * 0, or -1 with a diagnostic.
 */
int solve_prices(const struct dataset *ds, const struct solve_options *o, struct plan *p,
		 struct diag_list *diags);
/* (Each run has a quarter of o's node limit, SOLVE_PRICE_NODE_SHARE.) */

enum model_format {
	MODEL_LP,   /* CPLEX LP format */
	MODEL_MPS,  /* free MPS */
};

/* Writes the stage 0-1 model (shortfall first, then communes at standard
 * at the horizon, as one objective: maximise communes − (communes+1) ×
 * shortfall) to `path`, for audit in other solvers. The MPS file minimises
 * the negated objective, since MPS has no standard "maximise". Returns 0
 * or -1 (diag added). */
int solve_write_model(const struct dataset *ds, const char *path,
		      enum model_format format, struct diag_list *diags);

#endif
