#ifndef NTM_CHANGES_H
#define NTM_CHANGES_H
/*
 * changes: what a re-plan (replan.h) changed against the plan made at the
 * start, the opening section of a re-plan's report: the past years in
 * figures (money paid against the money planned, works completed,
 * criteria assessed met, money carried over), then the communes whose
 * standard year differs, in the style of compare's table: earlier, later
 * or no longer, each with why (money not spent, costs overrun, a work not
 * finished; for earlier ones, work ahead of plan or assessed met).
 *
 * `re` is the re-plan (on the re-plan's dataset), `orig_ds` the dataset
 * before replan_apply(), `rp` what replan_apply() found, `orig` the plan
 * made at the start (replan.h). Returns 0, or -1 on a write error or
 * out of memory.
 */
#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "replan.h"
#include "table.h"

/* What the comparison is made from (see above); `against` names the
 * original's --out folder, or NULL when it was computed again. */
struct replan_view {
	const struct dataset *orig_ds;
	const struct replan *rp;
	const struct original *orig;
	const char *against;
};

/* The section's title and its figures, one allocated line each (at most
 * `max`), for the text report and the PDF. Returns the number of lines,
 * or -1 (out of memory; nothing is left allocated). */
int replan_summary(const struct plan *re, const struct replan_view *v, char **lines, size_t max);

/* The communes whose standard year differs, as a table (columns commune,
 * district, original, re-plan, change, why), and its caption with the
 * counts (into `caption`). Returns 0 or -1 (out of memory). */
int replan_differences_table(const struct plan *re, const struct replan_view *v, struct table *t,
			     char *caption, size_t size);

int report_replan_changes(FILE *out, const struct plan *re, const struct replan_view *v);

#endif
