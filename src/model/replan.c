#include "replan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "xalloc.h"

void progress_init(struct progress *pg)
{
	memset(pg, 0, sizeof(*pg));
}

void progress_release(struct progress *pg)
{
	free(pg->payments);
	free(pg->assessed);
	free(pg->done_year);
	progress_init(pg);
}

int progress_reset(struct progress *pg, const struct dataset *ds, int from)
{
	progress_release(pg);
	pg->from = from;
	pg->ngaps = ds->ncommunes * NTM_CRITERIA;
	size_t n = pg->ngaps ? pg->ngaps : 1;
	pg->assessed = calloc(n, 1);
	pg->done_year = calloc(n, sizeof(*pg->done_year));
	if (!pg->assessed || !pg->done_year) {
		progress_release(pg);
		return -1;
	}
	return 0;
}

int progress_add(struct progress *pg, const struct progress_payment *pay)
{
	void *items = pg->payments;
	if (grow_array(&items, &pg->payments_alloc, pg->npayments + 1, sizeof(*pg->payments)))
		return -1;
	pg->payments = items;
	pg->payments[pg->npayments++] = *pay;
	return 0;
}

void replan_init(struct replan *rp)
{
	memset(rp, 0, sizeof(*rp));
}

void replan_release(struct replan *rp)
{
	free(rp->paid);
	free(rp->completion);
	free(rp->assessed);
	free(rp->carry);
	free(rp->spent);
	replan_init(rp);
}

/* Payments per gap and past year, summed in file order (the same file
 * always gives the same sums): by_year[gap * past + (year - first)]. */
static double *payments_by_year(const struct progress *pg, int first_year, int past)
{
	size_t cells = pg->ngaps * (size_t)past;
	double *by_year = calloc(cells ? cells : 1, sizeof(*by_year));
	if (!by_year)
		return NULL;
	for (size_t i = 0; i < pg->npayments; i++) {
		const struct progress_payment *pay = &pg->payments[i];
		size_t gap = pay->commune * NTM_CRITERIA + (size_t)(pay->criterion - 1);
		by_year[gap * (size_t)past + (size_t)(pay->year - first_year)] += pay->amount;
	}
	return by_year;
}

/* The first past year whose payments up to it reach `cost`; 0 if none. */
static int reached_in(const double *years, int past, double cost, int first_year)
{
	double sum = 0;
	for (int y = 0; y < past; y++) {
		sum += years[y];
		if (sum >= cost - MONEY_TOLERANCE)
			return first_year + y;
	}
	return 0;
}

/* The budget of the re-plan's years, carry-over added to its first. */
static double *replan_budget(const struct dataset *ds, struct replan *rp, int past)
{
	size_t ns = ds->nsources;
	int nyears = ds->nyears - past;
	size_t cells = (size_t)nyears * ns;
	double *budget = calloc(cells ? cells : 1, sizeof(*budget));
	if (!budget)
		return NULL;
	memcpy(budget, ds->budget + (size_t)past * ns, (size_t)nyears * ns * sizeof(*budget));
	for (size_t s = 0; s < ns; s++) {
		if (!ds->sources[s].carry_over)
			continue;
		double left = 0;
		for (int y = 0; y < past; y++)
			left += dataset_budget(ds, y, s) - rp->spent[(size_t)y * ns + s];
		rp->carry[s] = left > 0 ? left : 0;
		budget[s] += rp->carry[s];
	}
	return budget;
}

int replan_apply(struct dataset *ds, const struct progress *pg, struct replan *rp)
{
	const int past = pg->from - ds->first_year;
	const size_t ngaps = ds->ncommunes * NTM_CRITERIA, ns = ds->nsources;
	replan_release(rp);
	rp->from = pg->from;
	rp->first_year = ds->first_year;
	rp->nsources = (int)ns;
	rp->paid = calloc(ngaps ? ngaps : 1, sizeof(*rp->paid));
	rp->completion = calloc(ngaps ? ngaps : 1, sizeof(*rp->completion));
	rp->assessed = calloc(ngaps ? ngaps : 1, 1);
	rp->carry = calloc(ns ? ns : 1, sizeof(*rp->carry));
	size_t past_cells = (size_t)past * ns;
	rp->spent = calloc(past_cells ? past_cells : 1, sizeof(*rp->spent));
	double *by_year = payments_by_year(pg, ds->first_year, past);
	double *budget = NULL;
	if (!rp->paid || !rp->completion || !rp->assessed || !rp->carry || !rp->spent || !by_year)
		goto nomem;
	for (size_t i = 0; i < pg->npayments; i++) {
		const struct progress_payment *pay = &pg->payments[i];
		rp->spent[(size_t)(pay->year - ds->first_year) * ns + pay->source] += pay->amount;
	}
	budget = replan_budget(ds, rp, past);
	if (!budget)
		goto nomem;

	/* Nothing of ds has changed so far; from here on nothing can fail. */
	for (size_t c = 0; c < ds->ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			struct gap *g = &ds->gaps[i];
			const double *years = by_year + i * (size_t)past;
			for (int y = 0; y < past; y++)
				rp->paid[i] += years[y];
			if (g->met)
				continue;
			rp->assessed[i] = pg->assessed[i];
			int done = pg->done_year[i];
			if (!done && g->fundable)
				done = reached_in(years, past, dataset_gap_cost(ds, c, k), ds->first_year);
			rp->completion[i] = done;
			if (pg->assessed[i] ||
			    (done && done + ds->criteria[k - 1].lead_years <= pg->from - 1)) {
				g->met = 1;
				g->quantity = 0;
				continue;
			}
			if (done) {
				g->pending = 1;
				g->fundable = 1;
				g->pending_lead = done + ds->criteria[k - 1].lead_years - pg->from;
				continue;
			}
			g->paid = rp->paid[i];
		}
	}
	free(ds->budget);
	ds->budget = budget;
	ds->nyears -= past;
	ds->first_year = pg->from;
	free(by_year);
	return 0;
nomem:
	free(by_year);
	free(budget);
	replan_release(rp);
	return -1;
}

void original_init(struct original *orig)
{
	memset(orig, 0, sizeof(*orig));
}

void original_release(struct original *orig)
{
	free(orig->standard_year);
	free(orig->paid_before);
	free(orig->paid_total);
	original_init(orig);
}

int original_reset(struct original *orig, const struct dataset *ds, int from)
{
	original_release(orig);
	orig->from = from;
	size_t nc = ds->ncommunes ? ds->ncommunes : 1;
	orig->standard_year = calloc(nc, sizeof(*orig->standard_year));
	orig->paid_before = calloc(nc * NTM_CRITERIA, sizeof(*orig->paid_before));
	orig->paid_total = calloc(nc * NTM_CRITERIA, sizeof(*orig->paid_total));
	if (!orig->standard_year || !orig->paid_before || !orig->paid_total) {
		original_release(orig);
		return -1;
	}
	return 0;
}

int original_from_plan(struct original *orig, const struct plan *p, int from)
{
	const struct dataset *ds = p->ds;
	if (original_reset(orig, ds, from))
		return -1;
	for (size_t c = 0; c < ds->ncommunes; c++)
		orig->standard_year[c] = p->standard_year[c] >= 0 ?
					 ds->first_year - 1 + p->standard_year[c] : 0;
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		size_t gap = a->commune * NTM_CRITERIA + (size_t)(a->criterion - 1);
		orig->paid_total[gap] += a->amount;
		if (ds->first_year - 1 + a->year >= from)
			continue;
		orig->paid_before[gap] += a->amount;
		orig->money_before += a->amount;
	}
	return 0;
}

static char *copy_string(const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *copy = strdup(s);
	if (!copy)
		*failed = 1;
	return copy;
}

/* A copy of `count` items of `size` bytes (at least one item allocated). */
static void *copy_array(const void *items, size_t count, size_t size, int *failed)
{
	void *copy = malloc(count ? count * size : 1);
	if (!copy)
		*failed = 1;
	else if (count)
		memcpy(copy, items, count * size);
	return copy;
}

int dataset_copy(struct dataset *out, const struct dataset *ds)
{
	int failed = 0;
	dataset_init(out);
	*out = *ds;
	out->name = copy_string(ds->name, &failed);
	out->province = copy_string(ds->province, &failed);
	for (int k = 0; k < NTM_CRITERIA; k++) {
		out->criteria[k].name_vi = copy_string(ds->criteria[k].name_vi, &failed);
		out->criteria[k].name_en = copy_string(ds->criteria[k].name_en, &failed);
		out->criteria[k].unit = copy_string(ds->criteria[k].unit, &failed);
		out->criteria[k].unit_vi = copy_string(ds->criteria[k].unit_vi, &failed);
		out->criteria[k].unit_en = copy_string(ds->criteria[k].unit_en, &failed);
	}
	out->communes = copy_array(ds->communes, ds->ncommunes, sizeof(*ds->communes), &failed);
	out->districts = copy_array(ds->districts, ds->ndistricts, sizeof(*ds->districts), &failed);
	out->sources = copy_array(ds->sources, ds->nsources, sizeof(*ds->sources), &failed);
	out->targets = copy_array(ds->targets, ds->ntargets, sizeof(*ds->targets), &failed);
	out->gaps = copy_array(ds->gaps, ds->ncommunes * NTM_CRITERIA, sizeof(*ds->gaps), &failed);
	out->budget = copy_array(ds->budget, (size_t)ds->nyears * ds->nsources,
				 sizeof(*ds->budget), &failed);
	/* The arrays of strings now point at ds's strings: copy each, or
	 * clear the rest so that releasing frees only what is ours. */
	for (size_t c = 0; c < ds->ncommunes; c++) {
		if (!out->communes) {
			out->ncommunes = 0;
			break;
		}
		out->communes[c].id = copy_string(ds->communes[c].id, &failed);
		out->communes[c].name = copy_string(ds->communes[c].name, &failed);
	}
	for (size_t d = 0; out->districts && d < ds->ndistricts; d++)
		out->districts[d] = copy_string(ds->districts[d], &failed);
	if (!out->districts)
		out->ndistricts = 0;
	for (size_t s = 0; out->sources && s < ds->nsources; s++) {
		out->sources[s].name = copy_string(ds->sources[s].name, &failed);
		out->sources[s].name_vi = copy_string(ds->sources[s].name_vi, &failed);
		out->sources[s].name_en = copy_string(ds->sources[s].name_en, &failed);
	}
	if (!out->sources)
		out->nsources = 0;
	for (size_t t = 0; out->targets && t < ds->ntargets; t++)
		out->targets[t].subject = copy_string(ds->targets[t].subject, &failed);
	if (!out->targets)
		out->ntargets = 0;
	if (failed) {
		dataset_release(out);
		return -1;
	}
	return 0;
}
