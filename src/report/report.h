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
#include "rules.h"
#include "table.h"

/* Writes the proposal for an evaluated, allocated plan, and beside it what
 * each of the `nrules` rule-of-thumb plans reaches with the same money
 * (rules.h; rule_plans[i] is the plan of rule i). Under the title comes
 * what the plan was made from (provenance_print), unless `prov` is NULL.
 * Returns 0, or -1 on a write or memory error. */
int report_plan(FILE *out, const struct plan *p, const struct plan *rule_plans,
		size_t nrules, const struct provenance *prov);

/* The pieces of the proposal that the PDF (pdf.h) shows too, so that both
 * say the same thing in the same words. */

/* An objective as the report names it ("1 communes at standard (max)"). */
const char *report_objective(enum objective o);

/* How a stage ended, in words ("proven optimal"). */
const char *report_stage_status(enum stage_status s);

/* A percentage as the reports write it: grouped per language, with 2
 * decimals or as many more (up to 6) as it needs ("0,01", "0,005"),
 * into buf of `size` bytes (TEXT_NUMBER_SIZE is enough). Returns buf. */
const char *report_percent(char *buf, size_t size, double percent);

/* Fills an empty table with each stage's objective, value, bound and
 * status. Returns 0, or -1 when out of memory. */
int report_stages_table(const struct plan *p, struct table *t);

/* What the stages a limit stopped mean for the plan: a line for each, its
 * bound and how far from the best the plan can be, then a last line: each
 * stage keeps what the ones before it reached, and which option searches
 * further. A money stage proven within its tolerance only gets a line
 * saying so, with its bound. Lines end in '\n' but the last. Newly
 * allocated; an empty string when every stage that ran was proven
 * optimal; NULL when out of memory. */
char *report_proof_note(const struct plan *p);

/* Whether the plan is proven optimal, in one plain sentence for the
 * reader of a proposal: proven; proven but for money within its
 * tolerance ("within 0.01 % of the least possible"); or not proven, with
 * how far from the best the first stage left unproven may be. Newly
 * allocated, or NULL when out of memory. */
char *report_proof_sentence(const struct plan *p);

/* Fills an empty table with the optimum and each rule-of-thumb plan side
 * by side: shortfall, communes at standard each year, commune-years,
 * criteria met, money. Returns 0, or -1 when out of memory. */
int report_comparison_table(const struct plan *p, const struct plan *rule_plans, size_t nrules,
			    struct table *t);

/* A target in words a leader reads ("chỉ tiêu Giao thông 52 xã"),
 * newly allocated, or NULL when out of memory. */
char *report_target_words(const struct dataset *ds, const struct target *t);

/* What each target costs: for every priced target (plan.prices; when
 * `costly_only`, those whose price in communes is not 0), most communes
 * gained first, a sentence "Dropping the target ...: N more communes at
 * standard (+M commune-years)". Lines end in '\n'. Newly allocated; an
 * empty string when there is none; NULL when out of memory. */
char *report_price_lines(const struct plan *p, int costly_only);

/* One sentence on what rule r's plan q reaches against the optimum p
 * (newly allocated), or NULL when out of memory. */
char *report_rule_verdict(const struct plan *p, const struct plan *q, enum rule r);

#endif
