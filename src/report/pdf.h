#ifndef NTM_PDF_H
#define NTM_PDF_H
/*
 * pdf: the allocation proposal, and the comparison of scenarios, as a
 * printable A4 document (cairo's PDF surface, text laid out by pango), in
 * the current language (lang.h), numbers grouped as text.h groups them.
 *
 * The proposal's pages, in order: a title block (scenario, dataset, date,
 * solver status, the files read with their SHA-256 and every change); a
 * one-page summary (communes at standard per year against the target,
 * every target met or short, money by source and year, the rules of thumb
 * beside the optimum); two charts (communes at standard per year, money by
 * year and source); the works funded, district by district, commune by
 * commune, with subtotals; the communes left below the standard, what each
 * still lacks and what it would cost; and, from `ntmplan explain --pdf`
 * (pdf_write_explained), the page "Communes left out: why, and what they
 * need", with the counts of sure and contested communes in the summary. Tables break between rows, never
 * inside one, and repeat their header (and caption) on every page.
 *
 * Text is set in DejaVu Sans (Debian: fonts-dejavu-core), which covers
 * Vietnamese; cairo embeds the subset used, so the file prints the same
 * anywhere and its text extracts with its diacritics. When fontconfig does
 * not find that family, nothing is written and the error says so.
 *
 * Determinism: the same plan and the same date give the same bytes. The
 * date is the caller's (pdf_date): it is printed in the title block and
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

/* The same for a re-plan (changes.h): after the title block, a page of
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
 * may be NULL) to `path`: a title block with each scenario's provenance
 * and solver status, the results, targets and money side by side, a chart
 * of communes at standard and of money by year for each scenario, and where
 * the plans differ. Returns 0, or -1 with a diagnostic naming the file.
 */
int pdf_write_compare(const char *path, const struct compare_entry *e, size_t n,
		      const char *date, struct diag_list *diags);

#endif
