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
#include <stdio.h>

#include "plan.h"
#include "replan.h"

int report_replan_changes(FILE *out, const struct plan *re, const struct dataset *orig_ds,
			  const struct replan *rp, const struct original *orig,
			  const char *against);

#endif
