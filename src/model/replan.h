#ifndef NTM_REPLAN_H
#define NTM_REPLAN_H
/*
 * replan: re-planning mid-course from what was actually done (issue #19,
 * docs/model.md "Re-planning").
 *
 * A progress file (docs/data-format.md, loaded by progress.c in
 * src/input) says what happened in the years already past: money paid by
 * year, source, commune and criterion, criteria assessed met, works
 * declared finished. replan_apply() turns a dataset into the dataset of
 * the re-plan, so that the solver, the rules, the reports and the CSV
 * outputs work on it unchanged:
 *
 *  - its first year is `from`; the budget of the past years is gone,
 *    except that a source with carry-over brings what it left unspent in
 *    the past years (its budgets minus its payments, never below 0) into
 *    the first year's budget;
 *  - a gap assessed met, or whose work was completed in a past year early
 *    enough that its lead years are over by the end of from-1, is met at
 *    the baseline;
 *  - a gap completed in a past year whose lead years run into the re-plan
 *    is *pending*: it costs nothing, and its lead years are those left
 *    (completion year + lead - from), so it completes in year 1 without
 *    money and counts in the year its lead years end, as in the full plan;
 *  - a gap paid in part keeps its quantity, and its cost is what is left
 *    (gap.paid).
 *
 * A gap completes in a past year when its payments up to that year reach
 * its cost (within MONEY_TOLERANCE), when the progress file says its work
 * is done that year, or, for a fundable gap that costs nothing, in the
 * first year (docs/model.md: such a gap completes in year 1).
 *
 * Ownership: a progress and a replan own their arrays; *_init() allocates
 * nothing, *_release() frees and re-initialises.
 */
#include <stddef.h>

#include "dataset.h"

/* One payment of the progress file. */
struct progress_payment {
	int year;           /* calendar year, first_year..from-1 */
	size_t source;
	size_t commune;
	int criterion;
	double amount;      /* million VND, > 0 */
	long line;          /* line of the progress file, for messages */
};

/* What a progress file says, checked against the dataset. */
struct progress {
	int from;                          /* first year re-planned */
	struct progress_payment *payments; /* in file order */
	size_t npayments, payments_alloc;
	unsigned char *assessed;           /* per gap: assessed met by the end of from-1 */
	int *done_year;                    /* per gap: work declared finished that year, or 0 */
	size_t ngaps;                      /* ncommunes x NTM_CRITERIA */
};

/* The state at the end of from-1 that a re-plan starts from, kept for the
 * report ("what changed") and for the tests. Years are calendar years. */
struct replan {
	int from;
	int first_year;      /* the dataset's own first year */
	int nsources;
	double *paid;        /* per gap: money paid in the past years */
	int *completion;     /* per gap: year its work completed, 0 when not */
	unsigned char *assessed; /* per gap: assessed met */
	double *carry;       /* per source: unspent past money brought into year `from` */
	double *spent;       /* (from - first_year) x nsources: paid per past year, source */
};

/* What the plan made at the start said of the years before `from`, for
 * the comparison with a re-plan (computed again, or read from its --out
 * files by progress.c). */
struct original {
	int from;
	int *standard_year;  /* per commune: calendar year at standard; the
			      * baseline year when at the baseline; 0 never */
	double *paid_before; /* per gap: money it paid in the years before from */
	double *paid_total;  /* per gap: money it paid in all its years */
	double money_before; /* all its money of those years */
};

void progress_init(struct progress *pg);
void progress_release(struct progress *pg);
/* Sizes the per-gap arrays for `ds` (all zero). Returns 0 or -1. */
int progress_reset(struct progress *pg, const struct dataset *ds, int from);
/* Appends a payment. Returns 0 or -1 (out of memory). */
int progress_add(struct progress *pg, const struct progress_payment *pay);

void replan_init(struct replan *rp);
void replan_release(struct replan *rp);

/*
 * Computes the state at the end of pg->from - 1 (into rp) and turns `ds`
 * into the re-plan's dataset, as described above. `ds` must be the dataset
 * the progress was checked against (progress.c), with pg->from in
 * first_year..horizon. Returns 0, or -1 when out of memory (ds is then
 * unchanged).
 */
int replan_apply(struct dataset *ds, const struct progress *pg, struct replan *rp);

void original_init(struct original *orig);
void original_release(struct original *orig);
/* Sizes the arrays for ds (no commune at standard, nothing paid). */
int original_reset(struct original *orig, const struct dataset *ds, int from);

struct plan;
/* Fills orig from a plan of the whole dataset (allocated and evaluated).
 * Returns 0 or -1 (out of memory). */
int original_from_plan(struct original *orig, const struct plan *p, int from);

/* A deep copy of a dataset (every string and array), so that a re-plan
 * can keep the original to plan it again. Returns 0 or -1 (out of memory;
 * `out` is then released). */
int dataset_copy(struct dataset *out, const struct dataset *ds);

#endif
