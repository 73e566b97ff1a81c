#include "plan.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "funding.h"
#include "xalloc.h"

void plan_init(struct plan *p)
{
	memset(p, 0, sizeof(*p));
}

void plan_release(struct plan *p)
{
	free(p->standard_year);
	free(p->completed);
	free(p->completion_year);
	free(p->criteria_after);
	free(p->standard_count);
	free(p->targets);
	free(p->allocations);
	free(p->level_priority);
	free(p->level_value);
	free(p->level_relative);
	free(p->level_stages);
	free(p->prices);
	plan_init(p);
}

int plan_reset(struct plan *p, const struct dataset *ds)
{
	plan_release(p);
	p->ds = ds;
	size_t nc = ds->ncommunes ? ds->ncommunes : 1;
	p->standard_year = malloc(nc * sizeof(*p->standard_year));
	p->completed = calloc(nc * NTM_CRITERIA, 1);
	p->completion_year = calloc(nc * NTM_CRITERIA, sizeof(*p->completion_year));
	p->criteria_after = calloc(nc, sizeof(*p->criteria_after));
	p->standard_count = calloc((size_t)ds->nyears + 1, sizeof(*p->standard_count));
	p->targets = calloc(ds->ntargets ? ds->ntargets : 1, sizeof(*p->targets));
	size_t nt = ds->ntargets ? ds->ntargets : 1;
	p->level_priority = calloc(nt, sizeof(*p->level_priority));
	p->level_value = calloc(nt, sizeof(*p->level_value));
	p->level_relative = calloc(nt, sizeof(*p->level_relative));
	p->level_stages = calloc(nt, sizeof(*p->level_stages));
	p->prices = calloc(nt, sizeof(*p->prices));
	if (!p->standard_year || !p->completed || !p->completion_year ||
	    !p->criteria_after || !p->standard_count || !p->targets || !p->level_priority ||
	    !p->level_value || !p->level_relative || !p->level_stages || !p->prices) {
		plan_release(p);
		return -1;
	}
	for (size_t c = 0; c < ds->ncommunes; c++)
		p->standard_year[c] = dataset_criteria_met(ds, c) == NTM_CRITERIA ? 0 : -1;
	p->nlevels = dataset_levels(ds, p->level_priority);
	return 0;
}

size_t plan_level_of(const struct plan *p, int priority)
{
	size_t l = 0;
	while (l < p->nlevels && p->level_priority[l] != priority)
		l++;
	return l;
}

int plan_levels_compare(const struct plan *a, const struct plan *b)
{
	if (!a->nlevels && !b->nlevels) {
		/* No level (a plan built by hand, or no target): the plain
		 * shortfall. */
		double d = a->objective[OBJ_SHORTFALL] - b->objective[OBJ_SHORTFALL];
		return d > 0.5 ? 1 : d < -0.5 ? -1 : 0;
	}
	for (size_t l = 0; l < a->nlevels && l < b->nlevels; l++) {
		double d = a->level_value[l] - b->level_value[l];
		if (d > 0.5 || d < -0.5)
			return d < 0 ? -1 : 1;
	}
	return 0;
}

int plan_latest_completion(const struct dataset *ds, size_t commune, int criterion, int by)
{
	return by - dataset_gap_lead(ds, commune, criterion);
}

int plan_gap_meetable(const struct dataset *ds, size_t commune, int criterion)
{
	const struct gap *g = dataset_gap(ds, commune, criterion);
	if (g->met || !g->fundable || plan_latest_completion(ds, commune, criterion, ds->nyears) < 1)
		return 0;
	/* A gap that costs nothing needs no money: it completes in year 1
	 * even in an excluded commune (docs/model.md). */
	if (dataset_gap_cost(ds, commune, criterion) <= 0)
		return 1;
	if (dataset_commune_excluded(ds, commune))
		return 0;
	for (size_t s = 0; s < ds->nsources; s++)
		if (ds->sources[s].criteria & CRITERION_BIT(criterion))
			return 1;
	return 0; /* no source may pay for it */
}

/* Completion year of a gap completed to be met by the end of year `by`:
 * the latest that serves, except that a gap costing nothing is complete
 * from year 1. */
static int completion_for(const struct dataset *ds, size_t commune, int criterion, int by)
{
	if (dataset_gap_cost(ds, commune, criterion) <= 0)
		return 1;
	return plan_latest_completion(ds, commune, criterion, by);
}

int plan_commune_candidate(const struct dataset *ds, size_t commune)
{
	if (dataset_criteria_met(ds, commune) == NTM_CRITERIA)
		return 0;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (!dataset_gap(ds, commune, k)->met && !plan_gap_meetable(ds, commune, k))
			return 0;
	return 1;
}

int plan_earliest_standard_year(const struct dataset *ds, size_t commune)
{
	int year = 1;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (!dataset_gap(ds, commune, k)->met && 1 + dataset_gap_lead(ds, commune, k) > year)
			year = 1 + dataset_gap_lead(ds, commune, k);
	return year;
}

void plan_set_standard(struct plan *p, size_t commune, int year)
{
	p->standard_year[commune] = year;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		if (dataset_gap(p->ds, commune, k)->met)
			continue;
		size_t i = commune * NTM_CRITERIA + (size_t)(k - 1);
		p->completed[i] = 1;
		p->completion_year[i] = completion_for(p->ds, commune, k, year);
	}
}

void plan_set_completed(struct plan *p, size_t commune, int criterion)
{
	size_t i = commune * NTM_CRITERIA + (size_t)(criterion - 1);
	p->completed[i] = 1;
	p->completion_year[i] = completion_for(p->ds, commune, criterion, p->ds->nyears);
}

static int commune_in_district(const struct dataset *ds, size_t c, size_t d)
{
	return ds->communes[c].district == d;
}

/* Achievement and shortfall of one target (docs/model.md, "Targets"). */
static struct target_result evaluate_target(const struct plan *p, const struct target *t,
					    double communes_at_standard, long criteria_total)
{
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	struct target_result r = {0, 0};
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
		r.achieved = communes_at_standard;
		r.shortfall = fmax(0, t->value - r.achieved);
		break;
	case TARGET_CRITERION_COMMUNES:
		for (size_t c = 0; c < ds->ncommunes; c++) {
			int k = (int)t->subject_index;
			r.achieved += dataset_gap(ds, c, k)->met ||
				      p->completed[c * NTM_CRITERIA + (size_t)(k - 1)];
		}
		r.shortfall = fmax(0, t->value - r.achieved);
		break;
	case TARGET_MIN_CRITERIA:
		r.achieved = NTM_CRITERIA;
		for (size_t c = 0; c < ds->ncommunes; c++) {
			if (p->criteria_after[c] < r.achieved)
				r.achieved = p->criteria_after[c];
			r.shortfall += fmax(0, t->value - p->criteria_after[c]);
		}
		break;
	case TARGET_AVG_CRITERIA:
		r.achieved = ds->ncommunes ? (double)criteria_total / (double)ds->ncommunes : 0;
		r.shortfall = fmax(0, ceil(t->value * (double)ds->ncommunes - 1e-9) -
					      (double)criteria_total);
		break;
	case TARGET_DISTRICT_STANDARD:
		for (size_t c = 0; c < ds->ncommunes; c++) {
			if (!commune_in_district(ds, c, t->subject_index))
				continue;
			int standard = p->standard_year[c] >= 0 && p->standard_year[c] <= n;
			r.achieved += standard;
			r.shortfall += !standard;
		}
		break;
	case TARGET_REQUIRE_COMMUNE:
		r.achieved = p->standard_year[t->subject_index] >= 0;
		r.shortfall = 1 - r.achieved;
		break;
	case TARGET_EXCLUDE_COMMUNE: {
		/* Holds when the commune gets no money (a gap that costs nothing
		 * may still complete). */
		int funded = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++)
			funded |= p->completed[t->subject_index * NTM_CRITERIA + (size_t)(k - 1)] &&
				  dataset_gap_cost(ds, t->subject_index, k) > 0;
		r.achieved = !funded;
		r.shortfall = funded;
		break;
	}
	case TARGET_KIND_COUNT:
		break;
	}
	return r;
}

int plan_evaluate(struct plan *p)
{
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	long criteria_total = 0;
	double money = 0;

	memset(p->standard_count, 0, ((size_t)n + 1) * sizeof(*p->standard_count));
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int met = 0, standard_from = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (dataset_gap(ds, c, k)->met) {
				met++;
				continue;
			}
			/* Decisions a solver would not make (a gap that is not
			 * fundable, a completion before year 1) count as nothing. */
			int done = p->completed[i] && p->completion_year[i] >= 1 &&
				   dataset_gap(ds, c, k)->fundable;
			int met_year = done ? p->completion_year[i] + dataset_gap_lead(ds, c, k) : n + 1;
			if (done)
				money += dataset_gap_cost(ds, c, k);
			if (met_year <= n)
				met++;
			if (met_year > standard_from)
				standard_from = met_year;
		}
		/* The standard year follows from the completion years alone, so a
		 * decision that could not make the commune standard shows here. */
		p->standard_year[c] = standard_from <= n ? standard_from : -1;
		p->criteria_after[c] = met;
		criteria_total += met;
		for (int t = standard_from; t <= n && p->standard_year[c] >= 0; t++)
			p->standard_count[t]++;
	}

	double standard_years = 0;
	for (int t = 1; t <= n; t++)
		standard_years += p->standard_count[t];
	double shortfall = 0;
	for (size_t l = 0; l < p->nlevels; l++)
		p->level_value[l] = p->level_relative[l] = 0;
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		p->targets[t] = evaluate_target(p, tg, p->standard_count[n], criteria_total);
		if (!target_has_shortfall(tg))
			continue;
		shortfall += p->targets[t].shortfall;
		size_t l = plan_level_of(p, target_priority(tg));
		p->level_value[l] += target_weight(ds, t) * p->targets[t].shortfall;
		p->level_relative[l] += p->targets[t].shortfall / target_size(ds, tg);
	}
	p->objective[OBJ_SHORTFALL] = shortfall;
	p->objective[OBJ_COMMUNES] = p->standard_count[n];
	p->objective[OBJ_STANDARD_YEARS] = standard_years;
	p->objective[OBJ_CRITERIA] = (double)criteria_total;
	p->objective[OBJ_MONEY] = money;
	return 0;
}

static int add_allocation(struct plan *p, int year, size_t source, size_t commune,
			  int criterion, double amount)
{
	if (grow_array((void **)&p->allocations, &p->allocations_alloc,
		       p->nallocations + 1, sizeof(*p->allocations)))
		return -1;
	p->allocations[p->nallocations++] = (struct allocation){
		year, source, commune, criterion, amount};
	return 0;
}

/* A completed gap waiting for money, in the order it is paid. */
struct due_gap {
	size_t commune;
	int criterion;
	int year;          /* completion year */
	double remaining;
};

static int compare_due(const void *a, const void *b)
{
	const struct due_gap *x = a, *y = b;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->commune != y->commune)
		return x->commune < y->commune ? -1 : 1;
	return (x->criterion > y->criterion) - (x->criterion < y->criterion);
}

static int compare_allocations(const void *a, const void *b)
{
	const struct allocation *x = a, *y = b;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->commune != y->commune)
		return x->commune < y->commune ? -1 : 1;
	if (x->criterion != y->criterion)
		return x->criterion < y->criterion ? -1 : 1;
	return (x->source > y->source) - (x->source < y->source);
}

/* Money below this (500 VND) is rounding noise of the simplex, not a
 * payment; reports print amounts to 0.001 million VND. */
#define MONEY_EPSILON 5e-4

/* Pays the gaps of one group from its flows, earliest completion first. */
static int pay_group(struct plan *p, const struct funding_groups *groups, size_t grp,
		     const double *flow, struct due_gap *due, size_t ndue)
{
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	size_t next = 0;
	for (int t = 1; t <= n; t++) {
		for (size_t s = 0; s < ds->nsources; s++) {
			if (!(groups->sources[grp] & (1UL << s)))
				continue;
			double money = flow[(grp * ds->nsources + s) * (size_t)n + (size_t)(t - 1)];
			while (money > MONEY_EPSILON && next < ndue) {
				struct due_gap *d = &due[next];
				double pay = money < d->remaining ? money : d->remaining;
				if (add_allocation(p, t, s, d->commune, d->criterion, pay))
					return -1;
				money -= pay;
				d->remaining -= pay;
				if (d->remaining <= MONEY_EPSILON)
					next++;
			}
		}
	}
	return 0;
}

void plan_demand_add(const struct plan *p, const struct funding_groups *groups, size_t c,
		     int k, double *demand)
{
	const struct dataset *ds = p->ds;
	size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
	size_t grp = groups->group_of[k - 1];
	double cost = dataset_gap_cost(ds, c, k);
	if (!p->completed[i] || cost <= 0 || grp == SIZE_MAX || p->completion_year[i] < 1)
		return;
	demand[grp * (size_t)ds->nyears + (size_t)(p->completion_year[i] - 1)] += cost;
}

void plan_demand(const struct plan *p, const struct funding_groups *groups,
		 double *demand)
{
	const struct dataset *ds = p->ds;
	memset(demand, 0, groups->ngroups * (size_t)ds->nyears * sizeof(*demand));
	for (size_t c = 0; c < ds->ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++)
			plan_demand_add(p, groups, c, k, demand);
}

/* The completion years the allocation gives (plan_allocate's contract):
 * p->allocations are in year order, so summing them in order finds each
 * gap's first year paid to within MONEY_TOLERANCE. A fundable gap that
 * costs nothing needs no money, so it is complete from year 1 whatever
 * the decisions said (docs/model.md), in an excluded commune too. Returns
 * 0, or -1 when out of memory. */
static int settle_completion_years(struct plan *p)
{
	const struct dataset *ds = p->ds;
	for (size_t c = 0; c < ds->ncommunes; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (!g->met && g->fundable && dataset_gap_cost(ds, c, k) <= 0) {
				p->completed[i] = 1;
				p->completion_year[i] = 1;
			}
		}
	double *paid = calloc(ds->ncommunes * NTM_CRITERIA + 1, sizeof(*paid));
	if (!paid)
		return -1;
	for (size_t a = 0; a < p->nallocations; a++) {
		const struct allocation *al = &p->allocations[a];
		size_t i = al->commune * NTM_CRITERIA + (size_t)(al->criterion - 1);
		paid[i] += al->amount;
		if (p->completed[i] && al->year < p->completion_year[i] &&
		    paid[i] >= dataset_gap_cost(ds, al->commune, al->criterion) - MONEY_TOLERANCE)
			p->completion_year[i] = al->year;
	}
	free(paid);
	return 0;
}

int plan_allocate(struct plan *p)
{
	const struct dataset *ds = p->ds;
	const size_t n = (size_t)ds->nyears;
	struct funding_groups groups;
	double *demand = NULL, *flow = NULL;
	struct due_gap *due = NULL;
	int rc = -1;

	p->nallocations = 0;
	if (funding_groups_build(ds, &groups))
		return -1;
	demand = calloc(groups.ngroups * n + 1, sizeof(*demand));
	flow = calloc(groups.ngroups * ds->nsources * n + 1, sizeof(*flow));
	due = malloc((ds->ncommunes * NTM_CRITERIA + 1) * sizeof(*due));
	if (!demand || !flow || !due)
		goto cleanup;
	/* Money can only be found for gaps some source may pay. */
	for (size_t c = 0; c < ds->ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			if (p->completed[i] && dataset_gap_cost(ds, c, k) > 0 &&
			    (groups.group_of[k - 1] == SIZE_MAX || p->completion_year[i] < 1)) {
				rc = 1;
				goto cleanup;
			}
		}
	}
	plan_demand(p, &groups, demand);
	rc = funding_solve(ds, &groups, demand, flow);
	if (rc)
		goto cleanup;
	for (size_t grp = 0; grp < groups.ngroups && !rc; grp++) {
		size_t ndue = 0;
		for (size_t c = 0; c < ds->ncommunes; c++) {
			for (int k = 1; k <= NTM_CRITERIA; k++) {
				size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
				if (!p->completed[i] || groups.group_of[k - 1] != grp)
					continue;
				double cost = dataset_gap_cost(ds, c, k);
				if (cost <= 0)
					continue;
				due[ndue++] = (struct due_gap){c, k, p->completion_year[i], cost};
			}
		}
		qsort(due, ndue, sizeof(*due), compare_due);
		rc = pay_group(p, &groups, grp, flow, due, ndue);
	}
	if (!rc && p->nallocations)
		qsort(p->allocations, p->nallocations, sizeof(*p->allocations),
		      compare_allocations);
	if (!rc)
		rc = settle_completion_years(p);
cleanup:
	free(demand);
	free(flow);
	free(due);
	funding_groups_release(&groups);
	return rc;
}

void plan_spent(const struct plan *p, double *spent)
{
	const struct dataset *ds = p->ds;
	memset(spent, 0, (size_t)ds->nyears * ds->nsources * sizeof(*spent));
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		spent[(size_t)(a->year - 1) * ds->nsources + a->source] += a->amount;
	}
}

double plan_allocation_quantity(const struct dataset *ds, const struct allocation *a)
{
	double per_unit = ds->criteria[a->criterion - 1].unit_cost *
			  ds->communes[a->commune].cost_factor;
	return per_unit > 0 ? a->amount / per_unit : 0;
}
