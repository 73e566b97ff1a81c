#ifndef NTM_REPORT_H
#define NTM_REPORT_H
/*
 * report: the allocation proposal as text, for the screen and for A4 in a
 * monospace font, in the current language (lang.h).
 *
 * Under the title, what it was made from: scenario, files and their SHA-256,
 * changes to the dataset (provenance.h). Sections: the solver's proof (status and bound of each stage); the
 * comparison with the rules of thumb; results against every target; communes reaching the standard each year; the
 * works funded year by year with subtotals; budget use by year and source;
 * the gaps left unfunded.
 */
#include <stdio.h>

#include "plan.h"
#include "provenance.h"

/* Writes the proposal for an evaluated, allocated plan, and beside it what
 * each of the `nrules` rule-of-thumb plans reaches with the same money
 * (rules.h; rule_plans[i] is the plan of rule i). Under the title comes
 * what the plan was made from (provenance_print), unless `prov` is NULL.
 * Returns 0, or -1 on a write or memory error. */
int report_plan(FILE *out, const struct plan *p, const struct plan *rule_plans,
		size_t nrules, const struct provenance *prov);

#endif
