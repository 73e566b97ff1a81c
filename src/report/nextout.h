#ifndef NTM_NEXTOUT_H
#define NTM_NEXTOUT_H
/*
 * nextout: what more money buys (`ntmplan next`), as data and text. The
 * runs are made by src/app/next.h; this module holds what they found.
 *
 * Step k says: with `extra` million VND more in year `year` from
 * `source` (the budget line bisected: the one that can pay for the most,
 * so no other line needs less), the optimal plan has k communes at
 * standard more than the plan, with no more target shortfall; with
 * `extra` - 1 it has not (both proven by runs). `suffices` says on which
 * other lines (year, source) the same amount does it too.
 *
 * Ownership: the result owns its plan and arrays. next_result_init()
 * allocates nothing; next_result_release() frees and re-initialises.
 */
#include <stdio.h>

#include "plan.h"
#include "provenance.h"

struct next_step {
	int more;             /* communes at standard beyond the plan's */
	double extra;         /* least extra money, million VND (whole) */
	int year;             /* the line bisected: planning year 1..n */
	size_t source;
	unsigned char *suffices; /* per year x source (row-major): the same
			       * amount there does it too */
	int proven;           /* every run it rests on was proven */
	size_t *entering;     /* at standard in the run at `extra`, not in the plan */
	size_t nentering;
	size_t *leaving;      /* in the plan, not in that run */
	size_t nleaving;
};

struct next_result {
	struct plan plan;     /* the plan, every stage solved */
	struct next_step *steps;
	size_t nsteps;
	int exhausted;        /* no more communes can reach the standard
			       * with money alone (the last step asked is
			       * missing) */
	size_t runs;
	double seconds;
};

void next_result_init(struct next_result *r);
void next_result_release(struct next_result *r);

/* The steps as text for people, in the current language. Returns 0, or -1
 * on a write or memory error. */
int next_print(FILE *out, const struct next_result *r, const struct provenance *prov);

#endif
