#ifndef NTM_SWEEP_H
#define NTM_SWEEP_H
/*
 * sweep: the efficient frontier over the budget (`ntmplan sweep`).
 *
 * The budget of the dataset (scale 1) is multiplied by `npoints` factors
 * evenly spaced from `from` to `to`, every source alike or one source only,
 * and each point is solved afresh with solve_plan(), stages 0 and 1 only
 * (least target shortfall, then most communes at standard at the horizon;
 * docs/model.md). Stages 2-4 are not solved: stage 3 alone takes 1-10 s a
 * point on data/dienbien (docs/performance.md), so a point's
 * criteria total is that of the stage-1 plan found, not an optimum.
 *
 * Points are solved in increasing budget order. A plan admissible at one
 * budget is admissible at any larger one, so the optima are monotone: the
 * shortfall never rises, and while it stays the same the communes never
 * fall. Each point's solve starts from the previous point's plan (its
 * first incumbent: solve_options.warm_start); a point a limit stops that
 * way is tried once more from scratch with a tenth of the nodes, and the
 * fresh plan is kept when it is proven or better. Nothing is skipped on
 * the ground of monotonicity: every point is proven afresh, and
 * sweep_check_monotone() checks it instead, which proven points must pass.
 *
 * The marginal cost of the next commune is a finite difference on the
 * grid, taken only where the communes reach a new high: the rise of the
 * total budget since the point of the last high, divided by the rise of
 * the communes above it (so a fall and a recovery, where a target takes
 * communes, never shows as a cheap commune). Each point is also solved
 * with every target waived (stage 1 alone, from the point's plan): the
 * communes the money alone reaches, drawn beside the plan's.
 *
 * Output: a text table (sweep_print), CSV and an SVG chart (sweep_write_csv,
 * sweep_write_svg, to any FILE *), and sweep_save() to write either to a
 * file whole or not at all (temporary file in the same folder, flushed,
 * synced, renamed). Text is in the current language (lang.h); CSV is in
 * the form asked for (outfile.h: excel-vi, excel or plain).
 *
 * Ownership: a sweep owns its points; it points to the dataset it was run
 * on (not owned, must outlive it). sweep_init() allocates nothing;
 * sweep_release() frees and re-initialises.
 */
#include <stddef.h>
#include <stdio.h>

#include "dataset.h"
#include "diag.h"
#include "outfile.h"
#include "plan.h"
#include "provenance.h"
#include "solve.h"

#define SWEEP_DEFAULT_FROM 0.5
#define SWEEP_DEFAULT_TO 1.5
#define SWEEP_DEFAULT_POINTS 41
#define SWEEP_MIN_POINTS 2
#define SWEEP_MAX_POINTS 1001
/* Solver seconds per point (stages 0 and 1 together); the node limit is
 * solve.h's, per stage. */
#define SWEEP_DEFAULT_TIME_LIMIT 10.0
/* A point a limit stopped is tried once more afresh (no warm start) with
 * this fraction of the node limit: 1/SWEEP_RETRY_NODE_SHARE. */
#define SWEEP_RETRY_NODE_SHARE 10

struct sweep_point;

struct sweep_options {
	double from, to;   /* scale factors of the budget, 0 <= from < to */
	int points;        /* SWEEP_MIN_POINTS..SWEEP_MAX_POINTS, ends included */
	long source;       /* index of the one source varied, or -1: every source */
	struct solve_options solve; /* limits per point; `stages` is ignored
				     * (always stages 0 and 1) */
	/* Called after each point is solved (i from 0), e.g. for progress;
	 * may be NULL. */
	void (*on_point)(const struct sweep_point *pt, size_t i, size_t n, void *arg);
	void *on_point_arg;
};

/* Defaults: 0.5 to 1.5, 41 points, every source, SWEEP_DEFAULT_TIME_LIMIT
 * seconds and SOLVE_DEFAULT_NODE_LIMIT nodes per point. */
void sweep_options_init(struct sweep_options *o);

/* Priority levels a sweep shows (the rest are solved, not shown). */
#define SWEEP_LEVELS 4

struct sweep_point {
	double scale;          /* factor of the varied budget */
	double budget;         /* total budget, every year and source (million VND) */
	double shortfall;      /* stage 0: the plan's total target shortfall (plain) */
	double level[SWEEP_LEVELS]; /* stage 0: each priority level's relative
				* shortfall (plan.level_relative), first first */
	double level_value[SWEEP_LEVELS]; /* the same, weighted (whole: what is
				* minimised, and what the monotone check compares) */
	double waived;         /* most communes at standard with every target
				* waived (exclude_commune kept: a rule, not a
				* target): what the money alone reaches */
	struct stage_result waived_stage; /* its stage 1 */
	struct stage_result level_stage[SWEEP_LEVELS]; /* each level's stage
				* (value and bound weighted, dataset.h) */
	double communes;       /* stage 1: most communes at standard at the horizon */
	double criteria;       /* criteria met at the horizon by the stage-1 plan
				* (of the plan found, not optimised) */
	struct stage_result stage[2]; /* stages 0 and 1: status, value, bound, time */
	double marginal_cost;  /* Δbudget / Δcommunes from the point where the
				* communes last reached a new high, where they
				* reach a new one; NAN elsewhere */
	double seconds;        /* wall time of the point's solve */
};

struct sweep {
	const struct dataset *ds;  /* the dataset at scale 1; not owned */
	long source;               /* as in the options */
	size_t nlevels;            /* priority levels shown (at most SWEEP_LEVELS) */
	int level_priority[SWEEP_LEVELS];
	double level_scale[SWEEP_LEVELS]; /* dataset_level_scale of each */
	double base_budget;        /* total budget at scale 1 */
	struct sweep_point *points;
	size_t npoints;
	/* npoints x ncommunes: 1 where the commune is at standard at the
	 * horizon in the point's plan (one of its optimal plans), so that the
	 * report can name the communes entering and leaving. */
	unsigned char *standard;
};

void sweep_init(struct sweep *sw);
void sweep_release(struct sweep *sw);

/*
 * Checks the options against `ds`: 0 <= from < to, finite, the number of
 * points, the source index, and that the budget varied is not zero. Returns
 * 0, or -1 with a diagnostic per problem (naming the option: "--from",
 * "--to", "--points", "--source").
 */
int sweep_options_check(const struct sweep_options *o, const struct dataset *ds,
			struct diag_list *diags);

/*
 * Solves every point of the sweep of `ds` into `sw` (reset by this call).
 * Returns 0 when every point has a plan (a point stopped by a limit says
 * so in its stages); 1 when the options are wrong (sweep_options_check);
 * -1 when the solver failed or memory ran out (a message in diags).
 */
int sweep_run(struct sweep *sw, const struct dataset *ds, const struct sweep_options *o,
	      struct diag_list *diags);

/* Fills each point's marginal_cost from its budget and communes (called by
 * sweep_run; public so that the arithmetic can be tested alone). */
void sweep_marginal_costs(struct sweep *sw);

/* STAGE_OPTIMAL when stages 0 and 1 of the point are both proven;
 * otherwise the status of the first that is not. */
enum stage_status sweep_point_status(const struct sweep_point *pt);

/* Checks that (shortfall, communes) never gets worse, lexicographically,
 * from one point to the next. Returns 0 when it holds, or the index (>= 1)
 * of the first point that is worse than the one before. A proven sweep
 * always passes; a point stopped by a limit may not. */
size_t sweep_check_monotone(const struct sweep *sw);

/* The table, under a title and the provenance block (when prov is not
 * NULL), followed by notes on what each column means. Returns 0, or -1 on
 * a write or memory error. */
int sweep_print(FILE *out, const struct sweep *sw, const struct provenance *prov);

/* CSV: scale,budget,shortfall,communes_standard,criteria_met,status,marginal_cost
 * (status as stage_status_name() names it; marginal_cost empty where the
 * communes did not rise), in the form `format` says (outfile.h; headers in
 * the current language in the Excel forms). Returns 0, or -1 on a write
 * error. */
int sweep_write_csv(FILE *out, const struct sweep *sw, enum csv_format format);

/* An SVG chart: communes at standard against the total budget, with axes,
 * ticks and labels in the current language, the budget at scale 1 marked,
 * the budgets short of a target shaded, points a limit stopped hollow.
 * It is drawn by charts.c, the PDF's chart drawing, on cairo's SVG
 * surface: text is DejaVu Sans as glyph outlines (so `title`, e.g. the
 * scenario's name, may hold anything; NULL: the dataset's name), and the
 * same sweep gives the same bytes in any process. Returns 0, or -1 on a
 * write error or when the font is not installed. */
int sweep_write_svg(FILE *out, const struct sweep *sw, const char *title);

enum sweep_format { SWEEP_CSV, SWEEP_SVG };

/* Writes the CSV (in form `csv`) or the SVG (with `title`) to `path`,
 * whole or not at all.
 * Returns 0, or -1 with a diagnostic naming the file; on failure no file
 * (and no temporary file) is left, and an old file at `path` is kept. */
int sweep_save(const struct sweep *sw, enum sweep_format format, enum csv_format csv,
	       const char *path, const char *title, struct diag_list *diags);

#endif
