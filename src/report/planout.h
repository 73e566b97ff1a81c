#ifndef NTM_PLANOUT_H
#define NTM_PLANOUT_H
/*
 * planout: the plan as CSV files (`ntmplan plan --out DIR`).
 *
 *   allocation.csv  year,source,commune_id,criterion,amount
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
 * Plain comma CSV, UTF-8, LF line ends, '.' as the decimal mark whatever
 * the language; amounts to 0.001 million VND. Each file is written whole
 * or not at all: to a temporary file in the same folder, flushed, synced
 * and renamed over the old one. A failure leaves the old file (or none).
 * planout_write_all() writes the six files as one group (outfile.h): none
 * is renamed into place before all are written.
 */
#include "diag.h"
#include "plan.h"
#include "provenance.h"

/* Writes the five files and provenance.csv into `dir` (which must exist)
 * as one group. Returns 0, or -1 with a diagnostic naming the file. */
int planout_write_all(const struct plan *p, const struct provenance *prov,
		      const char *dir, struct diag_list *diags);

/* Writes the five files into `dir` (which must exist). Returns 0, or -1
 * with a diagnostic naming the file. */
int planout_write(const struct plan *p, const char *dir, struct diag_list *diags);

/* Writes provenance.csv into `dir`: one row per provenance item, the kind
 * as provenance_kind_name() gives it; an override from the command line is
 * named "command-line". Returns 0, or -1 with a diagnostic. */
int planout_write_provenance(const struct provenance *prov, const char *dir,
			     struct diag_list *diags);

/* The name of an objective in objectives.csv ("communes_standard", ...). */
const char *objective_name(enum objective o);

/* "optimal", "time_limit", "node_limit", "failed" or "not_run". */
const char *stage_status_name(enum stage_status s);

#endif
