#ifndef NTM_COMPARE_H
#define NTM_COMPARE_H
/*
 * compare: optimal plans of several scenarios side by side
 * (`ntmplan compare A B [C ...]`).
 *
 * Sections: the scenarios; communes at standard by year and the other
 * objectives; each target met or short; money spent by source; and, against
 * the first scenario, the communes whose standard year differs and the works
 * (commune and criterion) one plan completes and the other does not.
 * Communes, sources and targets are matched by id, name and (kind, subject),
 * so scenarios on different datasets can be compared too; years are
 * calendar years.
 */
#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "provenance.h"
#include "table.h"

struct compare_entry {
	const char *label;          /* how the scenario is named in the report */
	const struct plan *plan;    /* evaluated and allocated; plan->ds its data */
	const struct provenance *prov; /* what it was made from, or NULL */
};

/* Writes the comparison of n >= 2 plans. Returns 0, or -1 on a write or
 * memory error. */
int compare_print(FILE *out, const struct compare_entry *entries, size_t n);

/* The report's tables, for the PDF (pdf.h) too: each fills an empty table
 * and returns 0, or -1 when out of memory. Results: communes at standard
 * by year and the other objectives, one column per scenario; targets: what
 * each plan reaches; money: spent by source over the whole plan. */
int compare_results_table(const struct compare_entry *e, size_t n, struct table *t);
int compare_targets_table(const struct compare_entry *e, size_t n, struct table *t);
int compare_money_table(const struct compare_entry *e, size_t n, struct table *t);

/* Where plan j differs from plan A (e[0]): the communes whose standard
 * year differs, and the works one plan completes and the other does not;
 * *rows is set to the number of communes. */
int compare_differences_table(const struct compare_entry *e, size_t j, struct table *t,
			      int *rows);

#endif
