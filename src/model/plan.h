#ifndef NTM_PLAN_H
#define NTM_PLAN_H
/*
 * plan: a multi-year funding plan and what it achieves (docs/model.md).
 *
 * A plan is decided by two things: the year each commune reaches the
 * standard (or never), and which other open gaps it completes by the
 * horizon. From those, plan_evaluate() derives everything a report needs:
 * completion and met years, criteria met, target results and the objective
 * values; plan_allocate() turns the decisions into money per year, source,
 * commune and criterion.
 *
 * Conventions: years in a plan are planning-year indices 1..n (year 1 is
 * ds->first_year); 0 means "at the baseline" for a standard year and
 * "never" for a completion year. Every completed gap completes at the
 * latest year that still serves its purpose (docs/model.md, "latest
 * completion"), which is never worse for the budget.
 *
 * Ownership: a plan owns its arrays. plan_init() allocates nothing;
 * plan_release() frees and re-initialises.
 */
#include <stddef.h>

#include "dataset.h"

/* The objectives, in their order of priority. */
enum objective {
	OBJ_SHORTFALL,       /* stage 0: the priority levels, one after the other
			      * (plan.levels); objective[OBJ_SHORTFALL] is the
			      * plain total shortfall, for reports */
	OBJ_COMMUNES,        /* stage 1: maximise communes at standard at the horizon */
	OBJ_STANDARD_YEARS,  /* stage 2: maximise Σ_t communes at standard at end of t */
	OBJ_CRITERIA,        /* stage 3: maximise criteria met at the horizon */
	OBJ_MONEY,           /* stage 4: minimise money spent */
	OBJ_COUNT
};

/* How a stage ended. */
enum stage_status {
	STAGE_NOT_RUN,
	STAGE_OPTIMAL,       /* proven optimal */
	STAGE_TIME_LIMIT,    /* stopped by the time limit: value and bound differ */
	STAGE_NODE_LIMIT,    /* stopped by the node limit: value and bound differ */
	STAGE_FAILED,        /* the solver failed (see the message) */
	STAGE_WITHIN_TOLERANCE, /* money only: proven within a relative
			      * tolerance of the least possible (`tolerance`),
			      * not proven optimal; bound is the proven bound */
};

struct stage_result {
	enum stage_status status;
	double value;        /* objective value of the plan */
	double bound;        /* best proven bound (equals value when optimal) */
	double seconds;      /* wall time of the stage */
	double tolerance;    /* STAGE_WITHIN_TOLERANCE: the relative tolerance
			      * proven, percent: value − optimum ≤ tolerance %
			      * of value (CPLEX's and Gurobi's relative gap);
			      * 0 otherwise */
};

/* Money is compared to this (million VND, i.e. 10,000 VND): a plan
 * cheaper by less is not counted as better, and a gap paid to within it
 * is complete, as in the tests' checks (docs/model.md). */
#define MONEY_TOLERANCE 0.01

/* One line of the allocation: money from a source in a year to a gap. */
struct allocation {
	int year;            /* planning-year index 1..n */
	size_t source;
	size_t commune;
	int criterion;
	double amount;       /* million VND */
};

/* What a target of the dataset reaches in a plan. */
struct target_result {
	double achieved;     /* see docs/model.md, per target kind */
	double shortfall;    /* 0 when it holds */
};

/* What dropping a target gains (solve_prices() in solve.h fills it). */
struct target_price {
	int priced;            /* 1: the target binds or falls short, and was
				* solved again without */
	double communes;       /* communes at standard at the horizon gained
				* (below 0 when dropping a target of an early
				* level lets a later level take communes) */
	double commune_years;  /* commune-years gained */
	enum stage_status status; /* STAGE_OPTIMAL when both runs proved
				* their levels and stages 1-2 */
};

struct plan {
	const struct dataset *ds;   /* not owned */
	int *standard_year;   /* per commune: 0 at baseline, 1..n, or -1 never */
	unsigned char *completed; /* per commune x criterion: open gap completed */
	int *completion_year; /* per commune x criterion: 1..n, 0 when not completed */

	/* Filled by plan_evaluate(). */
	int *criteria_after;  /* per commune: criteria met at the horizon */
	int *standard_count;  /* per year 0..n: communes at standard at end of year */
	struct target_result *targets; /* per dataset target */
	double objective[OBJ_COUNT];

	/* Filled by plan_allocate(). */
	struct allocation *allocations;
	size_t nallocations, allocations_alloc;

	/* Filled by the solver. stages[OBJ_SHORTFALL] sums up the levels:
	 * the first status that is not optimal, their seconds. */
	struct stage_result stages[OBJ_COUNT];

	/* Per priority level, first first (dataset_levels; plan_reset()
	 * allocates, plan_evaluate() fills the values, the solver the
	 * stages). A level's objective is Σ weight × shortfall over its
	 * targets (target_weight), a whole number; its relative shortfall,
	 * Σ shortfall / size, is what reports show. */
	size_t nlevels;
	int *level_priority;
	double *level_value;
	double *level_relative;
	struct stage_result *level_stages;

	/* Per dataset target; all priced = 0 until solve_prices(). */
	struct target_price *prices;
};

/* Index of the level of priority `priority`, or nlevels when none. */
size_t plan_level_of(const struct plan *p, int priority);

/* Compares the levels of two evaluated plans of the same targets,
 * lexicographically (level_value, whole numbers: closer than half a unit
 * is equal): < 0 when a falls short less, 0 when the same, > 0 when more. */
int plan_levels_compare(const struct plan *a, const struct plan *b);

void plan_init(struct plan *p);
void plan_release(struct plan *p);

/* Allocates the decision arrays for `ds`: no commune at standard (beyond
 * the baseline), nothing completed. Returns 0 or -1 (out of memory). */
int plan_reset(struct plan *p, const struct dataset *ds);

/* Whether open gap (c, k) can be met by the horizon at all: fundable, its
 * lead time leaves a year to fund it, and either it costs nothing or the
 * commune is not excluded and some source may pay for it. */
int plan_gap_meetable(const struct dataset *ds, size_t commune, int criterion);

/* The latest planning year in which gap (c, k) may complete and still be
 * met at the end of year `by` (by - its lead years, dataset_gap_lead);
 * < 1 when impossible. */
int plan_latest_completion(const struct dataset *ds, size_t commune, int criterion, int by);

/* Whether commune c may reach the standard in this plan at all: it is not
 * at standard at the baseline and every open gap can be met. The optimum
 * and the rules of thumb choose among exactly these communes. */
int plan_commune_candidate(const struct dataset *ds, size_t commune);

/* The first year a candidate commune can be at standard: every open gap
 * needs a year of funding before its lead time runs (1 + largest lead). */
int plan_earliest_standard_year(const struct dataset *ds, size_t commune);

/* Marks commune c at standard from year `year` (1..n): all its open gaps
 * complete at their latest useful year. */
void plan_set_standard(struct plan *p, size_t commune, int year);

/* Marks open gap (c, k) completed by the horizon (latest useful year). */
void plan_set_completed(struct plan *p, size_t commune, int criterion);

/* Computes met criteria, standard counts, target results and objective
 * values from the decisions. Returns 0, or -1 when out of memory. */
int plan_evaluate(struct plan *p);

struct funding_groups;

/* The money the plan's completed gaps need, per group and completion year
 * (demand[group * nyears + year-1], as funding_solve() takes it), summed in
 * a fixed order so that the same decisions always give the same sums. */
void plan_demand(const struct plan *p, const struct funding_groups *groups,
		 double *demand);

/* Adds what open gap (c, k) needs, when the plan completes it, to
 * `demand` (laid out as plan_demand() fills it; nothing for a gap not
 * completed, free, or that no source may fund). plan_demand() is this over
 * every gap; callers that grow a plan one commune or gap at a time add
 * only what they add, instead of summing the whole plan again each time. */
void plan_demand_add(const struct plan *p, const struct funding_groups *groups, size_t c,
		     int k, double *demand);

/*
 * Turns the decisions into money (funding.h): the budget is shared among
 * the groups of criteria that the same sources may fund, and inside a group
 * the gaps are paid earliest completion first. Fills p->allocations, in
 * order of year, commune, criterion and source.
 *
 * The money then decides the completion years: a gap is complete in the
 * first year its payments, summed, reach its cost (within
 * MONEY_TOLERANCE; docs/model.md, "What a plan is"). Money a source cannot
 * carry over is spent in its year on the gaps due next, so it can finish
 * paying a gap before the year the decisions chose for it; that gap's
 * completion_year is moved to the earlier year here, so that the plan
 * says what its allocation does (its commune may reach the standard
 * earlier). Likewise every fundable gap that costs nothing is complete
 * from year 1, needing no money, whatever the decisions said. Call
 * plan_evaluate() after this, not before. An optimal plan has no such gap
 * (stage 2 would have taken the earlier year, stage 3 the free gap); a
 * plan a time limit stopped can. Returns 0; 1 when the money does not suffice
 * (the decisions are not admissible); -1 when out of memory or the solver
 * failed.
 */
int plan_allocate(struct plan *p);

/* Money the allocation spends, per year and source: fills
 * spent[(year-1) * ds->nsources + source] (nyears x nsources, zeroed
 * here), summed in allocation order. */
void plan_spent(const struct plan *p, double *spent);

/* The quantity of work (in the criterion's unit) an allocation line pays
 * for: its amount over the commune's unit cost; 0 for a free criterion. */
double plan_allocation_quantity(const struct dataset *ds, const struct allocation *a);

#endif
