#ifndef NTM_PDF_H
#define NTM_PDF_H
/*
 * pdf: the allocation proposal, and the comparison of scenarios, as a
 * printable A4 document (cairo's PDF surface, text laid out by pango), in
 * the current language (lang.h), numbers grouped as text.h groups them.
 *
 * The proposal opens with the decision and ends with the technical basis.
 * Page 1: the title (the province of dataset.csv, else the folder; plan
 * years, scenario, date); what the plan reaches and spends of the budget
 * and whether it is proven optimal, in plain sentences
 * (report_proof_sentence); communes at standard per year against the
 * target; every target met or short (those on criteria in one row) with
 * its price in communes (plan.prices); money by source and year with the
 * budget; communes and money by district; what the rules of thumb reach
 * with the same money. Then a re-plan's
 * changes; two charts (communes at standard per year, money by year and
 * source with the budget); the targets on criteria and the rules of thumb
 * year by year. The annexes, numbered: the works funded, district by
 * district, commune by commune, with subtotals; the communes left below
 * the standard, what each still lacks and what it would cost; from
 * `ntmplan explain --pdf` (pdf_write_explained), "Communes left out: why,
 * and what they need", with the counts of sure and contested communes on
 * page 1; and last "Technical basis" (Căn cứ kỹ thuật): the solver's status,
 * each stage's value and bound, the program, the files read with their
 * SHA-256 and every change. Tables break between rows, never inside one,
 * and repeat their header (and caption) on every page.
 *
 * Text is set in DejaVu Sans (Debian: fonts-dejavu-core), which covers
 * Vietnamese; cairo embeds the subset used, so the file prints the same
 * anywhere and its text extracts with its diacritics. When fontconfig does
 * not find that family, nothing is written and the error says so.
 *
 * Determinism: the same plan and the same date give the same bytes. The
 * date is the caller's (pdf_date): it is printed on page 1 and
 * set as the document's creation and modification dates, so that cairo
 * does not put the time of the run into the file.
 *
 * Files are written whole or not at all (outfile.h): a failed render or
 * write leaves no file, and an older file of that name as it was.
 */
#include <stddef.h>
#include <time.h>

#include "changes.h"
#include "compare.h"
#include "diag.h"
#include "explainout.h"
#include "plan.h"
#include "provenance.h"

/* "YYYY-MM-DD" and its terminating NUL. */
#define PDF_DATE_SIZE 11

/*
 * Chooses the document's date: `given` (the --date option, YYYY-MM-DD)
 * when not NULL; else `source_date_epoch` (the SOURCE_DATE_EPOCH
 * environment variable, seconds since 1970, read as UTC) when not NULL;
 * else `now` in local time. Returns 0, or -1 with a diagnostic when
 * `given` or `source_date_epoch` is not a valid date.
 */
int pdf_date(char date[PDF_DATE_SIZE], const char *given, const char *source_date_epoch,
	     time_t now, struct diag_list *diags);

/*
 * Writes the proposal of an evaluated, allocated plan to `path`, with the
 * `nrules` rule-of-thumb plans beside it (rules.h; rule_plans[i] is the
 * plan of rule i) and what it was made from (`prov`, not NULL). `date` is
 * pdf_date's. Returns 0, or -1 with a diagnostic naming the file.
 */
int pdf_write_plan(const char *path, const struct plan *p, const struct plan *rule_plans,
		   size_t nrules, const struct provenance *prov, const char *date,
		   struct diag_list *diags);

/* The same for a re-plan (changes.h): after page 1, a page of
 * what changed against the original plan. `replan` may be NULL. */
int pdf_write_replan(const char *path, const struct plan *p, const struct plan *rule_plans,
		     size_t nrules, const struct provenance *prov, const struct replan_view *replan,
		     const char *date, struct diag_list *diags);

/* The proposal of explain's plan (explainout.h) with, after the communes
 * below the standard, the page "Communes left out: why, and what they
 * need" built from the explanation, and, when every commune was explained,
 * how many are sure and contested in the summary. */
int pdf_write_explained(const char *path, const struct explain_result *explain,
			const struct plan *rule_plans, size_t nrules, const struct provenance *prov,
			const char *date, struct diag_list *diags);

/* The proposal with everything optional: a re-plan's page (`replan`) and
 * the explanation's page and counts (`explain`, whose plan must be `p`'s
 * copy); either may be NULL. */
int pdf_write_proposal(const char *path, const struct plan *p, const struct plan *rule_plans,
		       size_t nrules, const struct provenance *prov, const struct replan_view *replan,
		       const struct explain_result *explain, const char *date,
		       struct diag_list *diags);

/*
 * Writes the comparison of n >= 2 plans (compare.h; each entry's `prov`
 * may be NULL) to `path`: a title block with each scenario's solver
 * status followed by the results, targets and money side by side, a chart
 * of communes at standard and of money by year (with each budget) for
 * each scenario, where the plans differ, and last each scenario's
 * provenance. Returns 0, or -1 with a diagnostic naming the file.
 */
int pdf_write_compare(const char *path, const struct compare_entry *e, size_t n,
		      const char *date, struct diag_list *diags);

#endif
