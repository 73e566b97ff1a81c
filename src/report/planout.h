#ifndef NTM_PLANOUT_H
#define NTM_PLANOUT_H
/*
 * planout: the plan as CSV files (`ntmplan plan --out DIR`).
 *
 *   allocation.csv  year,source,commune_id,criterion,amount,quantity,unit,
 *                   commune,district,criterion_name,source_name
 *   communes.csv    commune_id,commune,district,criteria_before,criteria_after,standard_year
 *   targets.csv     target,subject,value,achieved,shortfall,priority,
 *                   price_communes,price_commune_years (empty where the
 *                   target was not priced: it does not bind)
 *   objectives.csv  stage,objective,value,bound,status (stage 0: the plain
 *                   total shortfall; its bounds are the levels')
 *   levels.csv      level,priority,value,relative_shortfall,bound,status:
 *                   stage 0, one row per priority level (value and bound
 *                   weighted, dataset.h)
 *   provenance.csv  kind,name,value  (what the plan was made from, provenance.h)
 *
 * In the form `format` says (outfile.h: excel-vi by default, excel, plain);
 * the headers above are plain's, the Excel forms' follow the language
 * (planout_header_vi). Ids (sources, communes, criteria, kinds, statuses)
 * are written as they are; names and units in the current language.
 * allocation.csv's first five columns are the machine's (a script reading
 * them by position keeps working); the quantity is the amount's share of
 * the gap in the criterion's unit. Amounts to 0.001 million VND. Each file is written whole
 * or not at all: to a temporary file in the same folder, flushed, synced
 * and renamed over the old one. A failure leaves the old file (or none).
 * planout_write_all() writes the six files as one group (outfile.h): none
 * is renamed into place before all are written.
 */
#include "diag.h"
#include "outfile.h"
#include "plan.h"
#include "provenance.h"

/* Writes the five files and provenance.csv into `dir` (which must exist)
 * as one group. Returns 0, or -1 with a diagnostic naming the file. */
int planout_write_all(const struct plan *p, const struct provenance *prov,
		      const char *dir, enum csv_format format, struct diag_list *diags);

/* Writes the five files into `dir` (which must exist). Returns 0, or -1
 * with a diagnostic naming the file. */
int planout_write(const struct plan *p, const char *dir, enum csv_format format,
		  struct diag_list *diags);

/* Writes provenance.csv into `dir`: one row per provenance item, the kind
 * as provenance_kind_name() gives it; an override from the command line is
 * named "command-line". Returns 0, or -1 with a diagnostic. */
int planout_write_provenance(const struct provenance *prov, const char *dir,
			     enum csv_format format, struct diag_list *diags);

/* The Vietnamese header of `column` (its plain name) of `file`
 * ("allocation.csv", ...), for readers of the Excel forms; NULL when the
 * file has no such column. */
const char *planout_header_vi(const char *file, const char *column);

/* The name of an objective in objectives.csv ("communes_standard", ...). */
const char *objective_name(enum objective o);

/* "optimal", "time_limit", "node_limit", "failed" or "not_run". */
const char *stage_status_name(enum stage_status s);

#endif
