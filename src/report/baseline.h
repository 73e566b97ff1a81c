#ifndef NTM_BASELINE_H
#define NTM_BASELINE_H
/*
 * baseline: where the province stands at the baseline year, as
 * `ntmplan check` prints it: communes per district, the distribution by
 * criteria met, communes meeting each criterion against its target, the
 * cost of closing every gap, and the budget by year and source.
 *
 * baseline_compute() is pure arithmetic on a loaded dataset;
 * baseline_print() writes the report in the current language (lang.h).
 */
#include <stdio.h>

#include "dataset.h"
#include "provenance.h"

/* The bands the province reports communes in (Conclusion 12-KL/TU). */
enum baseline_band {
	BAND_STANDARD,  /* all 19 */
	BAND_15_18,
	BAND_10_14,
	BAND_5_9,
	BAND_BELOW_5,
	BAND_COUNT
};

struct baseline {
	int band[BAND_COUNT];            /* communes per band */
	double average_criteria;         /* criteria met per commune */
	int meeting[NTM_CRITERIA];       /* communes meeting criterion k+1 */
	int target[NTM_CRITERIA];        /* criterion_communes target, -1 if none */
	int lacking_unfundable[NTM_CRITERIA]; /* gaps of k+1 money cannot close */
	double cost_by_criterion[NTM_CRITERIA]; /* closing every fundable gap */
	double total_cost;
	double total_budget;
};

enum baseline_band baseline_band_of(int criteria_met);

/* Fills `b` from `ds`. */
void baseline_compute(const struct dataset *ds, struct baseline *b);

/* Writes the `check` report; under its title, what it was made from
 * (provenance_print), unless `prov` is NULL. Returns 0, or -1 on a write or
 * memory error. */
int baseline_print(FILE *out, const struct dataset *ds, const struct baseline *b,
		   const struct provenance *prov);

#endif
