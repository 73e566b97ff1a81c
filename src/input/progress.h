#ifndef NTM_PROGRESS_H
#define NTM_PROGRESS_H
/*
 * progress: reads a progress file (docs/data-format.md, "The progress
 * file") against the dataset it re-plans, and a plan's --out folder for
 * the comparison of a re-plan with the plan made at the start.
 *
 * The progress file has the columns of allocation.csv (year, source,
 * commune_id, criterion, amount; extra columns are ignored, so last
 * year's allocation.csv with its notes loads as it is) and an optional
 * `status` column: empty, `met` (the criterion is assessed met at the end
 * of the last past year) or `done` (the work is finished in the row's
 * year: it counts after its lead years, whatever is left of its cost).
 * It is read with csvread, so every Excel variant and Windows-1258 loads
 * as the dataset does, and checked with the same care: every problem is
 * an error at file:line:column, reading goes on to report all of them.
 *
 * Errors: a year outside the past years (first year .. from-1), an
 * unknown commune, criterion or source, an amount that is not a number or
 * is negative, money from a source that may not fund the criterion, money
 * to a criterion met at the baseline or to a gap that is not fundable,
 * payments to a gap above its cost (reported on the row that passes it),
 * a (year, source, commune, criterion) listed twice, a gap declared done
 * in two different years, an unknown status, money or `done` without a
 * source or a year where one is needed.
 *
 * Warnings (in their own list: the load still succeeds): money paid
 * beyond the budget of its year and source (for a source with carry-over:
 * beyond its budgets up to that year), naming the year and the source.
 */
#include "dataset.h"
#include "diag.h"
#include "replan.h"

/*
 * The Vietnamese headers of the columns a progress file shares with a
 * plan's allocation.csv and communes.csv. A plan written in an Excel form
 * in Vietnamese (planout.h, --csv-format) has these headers; the readers
 * here accept them beside the English names (compared as csvread does,
 * case and accents aside), so that what ntmplan writes it reads back.
 */
#define PLAN_COLUMN_YEAR_VI "năm"
#define PLAN_COLUMN_SOURCE_VI "nguồn vốn"
#define PLAN_COLUMN_COMMUNE_ID_VI "mã xã"
#define PLAN_COLUMN_CRITERION_VI "tiêu chí"
#define PLAN_COLUMN_AMOUNT_VI "số tiền (triệu đồng)"
#define PLAN_COLUMN_STANDARD_YEAR_VI "năm đạt chuẩn"
#define PLAN_COLUMN_STATUS_VI "trạng thái"

enum progress_status {
	PROGRESS_OK = 0,
	PROGRESS_MISSING = 1, /* the file cannot be read */
	PROGRESS_INVALID = 2, /* the file has errors (see diags) */
	PROGRESS_NOMEM = 3,
};

/*
 * Checks `from` against ds (first_year .. horizon), reads `path` into pg
 * (reset here), checks every row against ds. Errors go to `diags`,
 * warnings to `warnings`. `from_origin` names where `from` was given, for
 * its message ("--from", or "FILE:LINE" of a scenario).
 */
enum progress_status progress_load(struct progress *pg, const struct dataset *ds,
				   int from, const char *from_origin, const char *path,
				   struct diag_list *diags, struct diag_list *warnings);

/*
 * Reads the --out folder `dir` of the plan made at the start
 * (communes.csv, allocation.csv) into `orig`, for ds (the dataset of that
 * plan) and the re-plan's year `from`. Unknown communes, criteria and
 * sources are errors. Returns PROGRESS_OK or the first problem.
 */
enum progress_status original_load(struct original *orig, const struct dataset *ds,
				   int from, const char *dir, struct diag_list *diags);

#endif
