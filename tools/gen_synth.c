/*
 * gen_synth: writes a synthetic ntmplan dataset of any size, shaped like the
 * Điện Biên data, for benchmarks and tests at national scale (issue #6).
 *
 *	gen_synth [--communes N] [--provinces P] [--years Y] [--seed S]
 *		  [--verbose] OUTDIR
 *
 * writes criteria.csv, unit_costs.csv, communes.csv, gaps.csv, budget.csv,
 * sources.csv and targets.csv into OUTDIR (created if missing; its parent
 * must exist). Defaults: 8,900 communes (the national programme), 63
 * provinces, 5 years (2016-2020), a fixed seed. docs/benchmarks.md says
 * how the instances are used.
 *
 * The data are SYNTHETIC: no place is real. Every distribution is the one
 * tools/gen_dienbien.c uses for data/dienbien (docs/data.md), per commune:
 *
 *  - districts: each draws one of the ten Điện Biên district profiles
 *    (standing, cost factor floor, size of its communes, highland or not),
 *    uniformly, and about as many communes as that district has (±30%), so
 *    that the share of communes of each profile is the one of Điện Biên.
 *    The first two districts are a city and a town (the profiles of Điện
 *    Biên Phủ and Mường Lay): small, and the subject of the two
 *    district_standard targets. Districts are grouped into P provinces of
 *    random weight; a district is named "P07-D03" (province 7, its
 *    district 3), a commune "P07-D03-05"; provinces that receive no
 *    district (fewer districts than P) are not numbered;
 *  - criteria met at the baseline: the Điện Biên histogram (1 commune at
 *    19, 3 at 15-18, 10 at 10-14, 48 at 5-9, 54 below 5; average 5.6)
 *    scaled to N communes by largest remainder, dealt out best standing
 *    first; which criteria, the gap of each unmet one, the cost factors:
 *    as in gen_dienbien;
 *  - non-fundable gaps: income and poverty in the poorest 12/116 of the
 *    communes (highland only), labour too in the poorest 6/116;
 *  - unit costs, lead times, the five sources with their criteria,
 *    carry-over and shares, the shares of the years: as data/dienbien
 *    (years other than 5 follow the same cumulative curve);
 *  - targets: the seed's, scaled: criterion_communes and
 *    communes_standard the same fraction of the communes as in
 *    data/dienbien/targets.csv (rounded half up), min_criteria 5,
 *    avg_criteria 11.3, district_standard for the city and the town.
 *
 * The budget is calibrated as data/dienbien's: there, the hard targets met
 * greedily with the cheapest gaps (greedy_targets below) cost 4,446,913
 * and the budget is 4,550,000, so the targets take 97.7% of it. Here the
 * same greedy gives C; the money needed to pay the greedy's gaps in time
 * (by year n - lead, each group of criteria only from the sources that may
 * fund it; an exact Hall condition, payable()) gives H >= C; the budget is
 * max(C, H) x 4,550,000 / 4,446,913, so that the hard targets are feasible
 * by construction and take at most 97.7% of the money. For comparison,
 * the Điện Biên budget per commune scaled by N/116 is printed by
 * --verbose.
 *
 * Reproducibility: its own splitmix64 generator, integer arithmetic for
 * every printed figure, no locale, no clock: the same options give the same
 * files byte for byte on every platform.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_COMMUNES 8900
#define DEFAULT_PROVINCES 63
#define DEFAULT_YEARS 5
#define DEFAULT_SEED UINT64_C(0x4e544d53594e3036) /* "NTMSYN06": issue 6 */

#define MAX_COMMUNES 200000
#define MAX_PROVINCES 99
#define MIN_YEARS 3 /* the longest lead time is 2 years */
#define MAX_YEARS 30

#define NCRITERIA 19

#define GEN_PROGRAM "gen_synth"
#define GEN_SEED DEFAULT_SEED
#include "gen_common.h"
#define FIRST_YEAR 2016

/* data/dienbien: its commune count, budget, and what the greedy below
 * gives on it (the hard targets' cost, million VND). */
#define DB_COMMUNES 116
#define DB_BUDGET 4550000LL
#define DB_GREEDY_TARGETS 4446913LL

#define TARGET_COMMUNES_STANDARD 35 /* of 116 */
#define TARGET_MIN_CRITERIA 5
#define TARGET_AVG_CRITERIA_TENTHS 113

#define UNFUNDABLE_INCOME_COMMUNES 12 /* of 116: income (10) and poverty (11) */
#define UNFUNDABLE_LABOUR_COMMUNES 6  /* of 116: also labour (12) */


/* The ten district profiles of gen_dienbien (its district_specs), with the
 * number of communes of that district. */
struct profile {
	const char *like; /* the Điện Biên district it copies */
	int communes;
	int standing;
	int cost_factor; /* hundredths */
	int size;        /* per mille */
	int highland;
};

enum { P_CITY, P_TOWN };

static const struct profile profiles[] = {
	[P_CITY] = {"Thành phố Điện Biên Phủ", 2, 80, 100, 750, 0},
	[P_TOWN] = {"Thị xã Mường Lay", 1, 75, 102, 750, 0},
	{"Điện Biên", 25, 65, 100, 1000, 0},
	{"Điện Biên Đông", 13, 25, 132, 1100, 1},
	{"Mường Ảng", 9, 55, 105, 950, 0},
	{"Mường Chà", 11, 30, 128, 1100, 1},
	{"Mường Nhé", 11, 15, 145, 1200, 1},
	{"Nậm Pồ", 15, 15, 140, 1150, 1},
	{"Tủa Chùa", 11, 25, 132, 1100, 1},
	{"Tuần Giáo", 18, 45, 110, 1000, 0},
};

#define NPROFILES ((int)(sizeof(profiles) / sizeof(profiles[0])))


/* data/dienbien's baseline: communes at 0, 1, ..., 19 criteria met. */
static const int db_histogram[NCRITERIA + 1] = {
	0, 4, 10, 22, 18, 15, 13, 10, 6, 4, 3, 3, 2, 1, 1, 1, 1, 1, 0, 1,
};


/* data/dienbien's year shares 160, 185, 205, 220, 230 per mille, as a
 * cumulative curve over the plan: other lengths interpolate it. */
static const int cumulative_5[6] = {0, 160, 345, 550, 770, 1000};

struct district {
	int profile;
	int province;  /* 1-based, among the provinces that have districts */
	int number;    /* 1-based within the province */
	int first;     /* first commune */
	int ncommunes;
	char name[32];
};

struct commune {
	int district;
	int standing;
	int met_count;
	int cost_factor; /* hundredths */
	unsigned char met[NCRITERIA];
	unsigned char fundable[NCRITERIA];
	unsigned char chosen[NCRITERIA]; /* by greedy_targets */
	long long gap[NCRITERIA];        /* tenths of the unit */
	char id[48];
};

/* Options. */
static int ncommunes = DEFAULT_COMMUNES;
static int nprovinces_wanted = DEFAULT_PROVINCES;
static int nyears = DEFAULT_YEARS;
static int verbose;

static struct district *districts;
static int ndistricts, nprovinces;
static struct commune *communes;

/* Targets. */
static int target_cc[NCRITERIA];
static int target_standard;
static int nstandard_districts;

/* Budget. */
static int year_shares[MAX_YEARS]; /* per mille */
static long long amounts[MAX_YEARS][NSOURCES];
static long long budget_total;


static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		fail("out of memory");
	return p;
}

/* x * num / den rounded half up, for non-negative operands. */
static long long scale_round(long long x, long long num, long long den)
{
	return (x * num * 2 + den) / (den * 2);
}

/* ------------------------------------------------------------------ */
/* Districts, provinces, communes                                      */

static void make_districts(void)
{
	int capacity = 16, placed = 0;
	districts = xcalloc((size_t)capacity, sizeof(*districts));
	while (placed < ncommunes) {
		if (ndistricts == capacity) {
			capacity *= 2;
			districts = realloc(districts, (size_t)capacity * sizeof(*districts));
			if (!districts)
				fail("out of memory");
		}
		struct district *d = &districts[ndistricts];
		memset(d, 0, sizeof(*d));
		/* Drawn for the city and the town too, so that the sequence
		 * does not depend on which district is forced. */
		int drawn = (int)rng_range(0, NPROFILES - 1);
		long long noise = rng_range(700, 1300);
		d->profile = ndistricts == 0 ? P_CITY : ndistricts == 1 ? P_TOWN : drawn;
		int n = (int)scale_round(profiles[d->profile].communes, noise, 1000);
		if (n < 1)
			n = 1;
		if (n > ncommunes - placed)
			n = ncommunes - placed;
		d->first = placed;
		d->ncommunes = n;
		placed += n;
		ndistricts++;
	}
	nstandard_districts = ndistricts < 2 ? ndistricts : 2;
}

/*
 * Provinces of random weight (40-260, like the spread of the national
 * provinces' commune counts) share the communes; a district belongs to the
 * province whose share holds its first commune. Provinces left without a
 * district are skipped in the numbering.
 */
static void make_provinces(void)
{
	long long *bound = xcalloc((size_t)nprovinces_wanted, sizeof(*bound));
	long long total = 0;
	for (int p = 0; p < nprovinces_wanted; p++) {
		total += rng_range(40, 260);
		bound[p] = total;
	}
	int last_slot = -1, number = 0;
	for (int i = 0; i < ndistricts; i++) {
		struct district *d = &districts[i];
		int slot = 0;
		while (slot < nprovinces_wanted - 1 &&
		       (long long)d->first * total >= bound[slot] * ncommunes)
			slot++;
		if (slot != last_slot) {
			nprovinces++;
			number = 0;
			last_slot = slot;
		}
		d->province = nprovinces;
		d->number = ++number;
		snprintf(d->name, sizeof(d->name), "P%02d-D%02d", d->province, d->number);
	}
	free(bound);
}

static void make_communes(void)
{
	communes = xcalloc((size_t)ncommunes, sizeof(*communes));
	for (int i = 0; i < ndistricts; i++) {
		const struct district *d = &districts[i];
		for (int j = 0; j < d->ncommunes; j++) {
			struct commune *cm = &communes[d->first + j];
			cm->district = i;
			snprintf(cm->id, sizeof(cm->id), "%s-%02d", d->name, j + 1);
		}
	}
}

static const struct profile *profile_of(int c)
{
	return &profiles[districts[communes[c].district].profile];
}

static int by_standing(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	if (communes[x].standing != communes[y].standing)
		return communes[y].standing - communes[x].standing;
	return x - y;
}

/* The Điện Biên histogram scaled to N by largest remainder (ties: the
 * higher count first), dealt out to the communes best standing first. */
static void assign_met_counts(void)
{
	int want[NCRITERIA + 1];
	long long rest[NCRITERIA + 1];
	int given = 0;
	for (int m = 0; m <= NCRITERIA; m++) {
		long long q = (long long)db_histogram[m] * ncommunes;
		want[m] = (int)(q / DB_COMMUNES);
		rest[m] = q % DB_COMMUNES;
		given += want[m];
	}
	while (given < ncommunes) {
		int best = -1;
		for (int m = NCRITERIA; m >= 0; m--)
			if (rest[m] >= 0 && (best < 0 || rest[m] > rest[best]))
				best = m;
		want[best]++;
		rest[best] = -1;
		given++;
	}

	int *order = xcalloc((size_t)ncommunes, sizeof(*order));
	for (int c = 0; c < ncommunes; c++) {
		communes[c].standing = profile_of(c)->standing + (int)rng_range(-20, 20) +
				       (int)rng_range(-20, 20);
		order[c] = c;
	}
	qsort(order, (size_t)ncommunes, sizeof(order[0]), by_standing);
	int next = 0;
	for (int m = NCRITERIA; m >= 0; m--)
		for (int i = 0; i < want[m]; i++)
			communes[order[next++]].met_count = m;
	free(order);
}

static void choose_met_criteria(void)
{
	for (int c = 0; c < ncommunes; c++) {
		int key[NCRITERIA];
		for (int k = 0; k < NCRITERIA; k++)
			key[k] = criterion_specs[k].difficulty * 10 + (int)rng_range(-250, 250);
		for (int n = 0; n < communes[c].met_count; n++) {
			int best = -1;
			for (int k = 0; k < NCRITERIA; k++)
				if (!communes[c].met[k] && (best < 0 || key[k] < key[best]))
					best = k;
			communes[c].met[best] = 1;
		}
	}
}

static void generate_gaps(void)
{
	for (int c = 0; c < ncommunes; c++) {
		const struct profile *p = profile_of(c);
		struct commune *cm = &communes[c];
		long long shortfall = 700 + 600LL * (NCRITERIA - cm->met_count) / NCRITERIA;
		long long size = p->size + rng_range(-100, 100);

		cm->cost_factor = p->cost_factor + (int)rng_range(0, 10);
		for (int k = 0; k < NCRITERIA; k++) {
			const struct criterion_spec *cs = &criterion_specs[k];
			long long noise = rng_range(700, 1300);
			cm->fundable[k] = 1;
			if (cm->met[k])
				continue;
			long long gap = cs->typical_gap * size / 1000 * shortfall / 1000 * noise / 1000;
			gap = (gap + cs->step / 2) / cs->step * cs->step;
			if (gap < cs->step)
				gap = cs->step;
			if (cs->max_gap && gap > cs->max_gap)
				gap = cs->max_gap;
			cm->gap[k] = gap;
		}
	}
}

static int by_poverty(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	if (communes[x].met_count != communes[y].met_count)
		return communes[x].met_count - communes[y].met_count;
	if (communes[x].standing != communes[y].standing)
		return communes[x].standing - communes[y].standing;
	return x - y;
}

static int nunfundable;

static void make_unfundable(struct commune *cm, int criterion)
{
	if (!cm->met[criterion - 1]) {
		cm->fundable[criterion - 1] = 0;
		nunfundable++;
	}
}

static void mark_unfundable(void)
{
	int *order = xcalloc((size_t)ncommunes, sizeof(*order));
	int n = 0;
	int income = (int)scale_round(UNFUNDABLE_INCOME_COMMUNES, ncommunes, DB_COMMUNES);
	int labour = (int)scale_round(UNFUNDABLE_LABOUR_COMMUNES, ncommunes, DB_COMMUNES);
	for (int c = 0; c < ncommunes; c++)
		if (profile_of(c)->highland)
			order[n++] = c;
	qsort(order, (size_t)n, sizeof(order[0]), by_poverty);
	for (int r = 0; r < n && r < income; r++) {
		make_unfundable(&communes[order[r]], 10);
		make_unfundable(&communes[order[r]], 11);
		if (r < labour)
			make_unfundable(&communes[order[r]], 12);
	}
	free(order);
}

static void make_targets(void)
{
	for (int k = 0; k < NCRITERIA; k++)
		target_cc[k] = (int)scale_round(criterion_specs[k].target_2020, ncommunes, DB_COMMUNES);
	target_standard = (int)scale_round(TARGET_COMMUNES_STANDARD, ncommunes, DB_COMMUNES);
}

/* ------------------------------------------------------------------ */
/* Checks and the budget                                               */

/* Cost of gap (c,k) in thousandths of a million VND: exact. */
static long long cost_of(int c, int k)
{
	return communes[c].gap[k] * criterion_specs[k].unit_cost * communes[c].cost_factor;
}

static int in_standard_district(int c)
{
	return communes[c].district < nstandard_districts;
}

/* Refuses a dataset whose hard targets cannot hold whatever the money. */
static void check_reachable(void)
{
	int reachable[NCRITERIA] = {0};
	long long reachable_total = 0;
	for (int c = 0; c < ncommunes; c++) {
		int reach = 0;
		for (int k = 0; k < NCRITERIA; k++) {
			if (communes[c].met[k] || communes[c].fundable[k]) {
				reachable[k]++;
				reach++;
			} else if (in_standard_district(c)) {
				fail("a commune of a district_standard district has a non-fundable gap");
			}
		}
		if (reach < TARGET_MIN_CRITERIA)
			fail("a commune cannot reach the floor of criteria");
		reachable_total += reach;
	}
	for (int k = 0; k < NCRITERIA; k++)
		if (reachable[k] < target_cc[k])
			fail("non-fundable gaps make a per-criterion target unreachable");
	if (reachable_total * 10 < (long long)TARGET_AVG_CRITERIA_TENTHS * ncommunes)
		fail("non-fundable gaps make the average unreachable");
}

/* Candidate gaps, cheapest first, index breaking ties. */
struct candidate {
	long long cost;
	int commune;
	int criterion;
};

static int by_cost(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->commune != y->commune)
		return x->commune - y->commune;
	return x->criterion - y->criterion;
}

static int met_or_chosen(int c, int k)
{
	return communes[c].met[k] || communes[c].chosen[k];
}

static int open_candidate(int c, int k)
{
	return !met_or_chosen(c, k) && communes[c].fundable[k];
}

/*
 * The hard targets met greedily with the cheapest gaps, in this order: the
 * district_standard districts whole, then each criterion's count, then the
 * floor per commune, then the average (the method of docs/data.md,
 * "Calibration": 4,446,913 on data/dienbien). Marks the gaps chosen and
 * returns their cost in thousandths of a million VND.
 */
static long long greedy_targets(void)
{
	long long total = 0;
	struct candidate *cand = xcalloc((size_t)ncommunes * NCRITERIA, sizeof(*cand));
	size_t n;

	for (int c = 0; c < ncommunes; c++)
		for (int k = 0; in_standard_district(c) && k < NCRITERIA; k++)
			if (open_candidate(c, k)) {
				communes[c].chosen[k] = 1;
				total += cost_of(c, k);
			}
	for (int k = 0; k < NCRITERIA; k++) {
		int have = 0;
		n = 0;
		for (int c = 0; c < ncommunes; c++) {
			have += met_or_chosen(c, k);
			if (open_candidate(c, k))
				cand[n++] = (struct candidate){cost_of(c, k), c, k};
		}
		qsort(cand, n, sizeof(cand[0]), by_cost);
		for (size_t i = 0; i < n && have < target_cc[k]; i++, have++) {
			communes[cand[i].commune].chosen[k] = 1;
			total += cand[i].cost;
		}
		if (have < target_cc[k])
			fail("greedy: a per-criterion target is unreachable");
	}
	for (int c = 0; c < ncommunes; c++) {
		int have = 0;
		n = 0;
		for (int k = 0; k < NCRITERIA; k++) {
			have += met_or_chosen(c, k);
			if (open_candidate(c, k))
				cand[n++] = (struct candidate){cost_of(c, k), c, k};
		}
		qsort(cand, n, sizeof(cand[0]), by_cost);
		for (size_t i = 0; i < n && have < TARGET_MIN_CRITERIA; i++, have++) {
			communes[c].chosen[cand[i].criterion] = 1;
			total += cand[i].cost;
		}
	}
	long long have = 0;
	long long need = ((long long)TARGET_AVG_CRITERIA_TENTHS * ncommunes + 9) / 10;
	n = 0;
	for (int c = 0; c < ncommunes; c++)
		for (int k = 0; k < NCRITERIA; k++) {
			have += met_or_chosen(c, k);
			if (open_candidate(c, k))
				cand[n++] = (struct candidate){cost_of(c, k), c, k};
		}
	qsort(cand, n, sizeof(cand[0]), by_cost);
	for (size_t i = 0; i < n && have < need; i++, have++) {
		communes[cand[i].commune].chosen[cand[i].criterion] = 1;
		total += cand[i].cost;
	}
	if (have < need)
		fail("greedy: the average is unreachable");
	free(cand);
	return total;
}

/* Year shares: the Điện Biên cumulative curve at y/n, in per mille. */
static void make_year_shares(void)
{
	int previous = 0;
	for (int y = 1; y <= nyears; y++) {
		int idx = 5 * y / nyears, part = 5 * y % nyears;
		int cum = cumulative_5[idx];
		if (part)
			cum += (int)scale_round(cumulative_5[idx + 1] - cumulative_5[idx], part, nyears);
		year_shares[y - 1] = cum - previous;
		previous = cum;
	}
}

/* The split of gen_dienbien's write_budget: by year, then by source, to the
 * million, the last year and the last source taking the remainders. */
static void split_budget(long long total)
{
	long long budget_left = total;
	for (int y = 0; y < nyears; y++) {
		long long year_amount = y == nyears - 1 ? budget_left :
			(total * year_shares[y] + 500) / 1000;
		long long year_left = year_amount;
		budget_left -= year_amount;
		for (int s = 0; s < NSOURCES; s++) {
			long long amount = s == NSOURCES - 1 ? year_left :
				(year_amount * source_specs[s].share + 500) / 1000;
			year_left -= amount;
			amounts[y][s] = amount;
		}
	}
}

static int source_funds(int s, int k)
{
	const char *list = source_specs[s].criteria;
	if (!strcmp(list, "all"))
		return 1;
	for (const char *p = list; *p;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (v == k + 1)
			return 1;
		p = end;
	}
	return 0;
}

/*
 * Demand of the chosen gaps by group of criteria (the set of sources that
 * may fund it, as a bit mask) and latest completion year n - lead (0-based
 * index of a year; money of years 0..that may pay). At most 2^NSOURCES
 * groups and 3 lead times.
 */
#define NGROUPS (1 << NSOURCES)
#define NLEADS 3

static long long demand[NGROUPS][NLEADS]; /* thousandths */

static void make_demand(void)
{
	for (int c = 0; c < ncommunes; c++)
		for (int k = 0; k < NCRITERIA; k++) {
			if (!communes[c].chosen[k])
				continue;
			int mask = 0;
			for (int s = 0; s < NSOURCES; s++)
				if (source_funds(s, k))
					mask |= 1 << s;
			demand[mask][criterion_specs[k].lead_years] += cost_of(c, k);
		}
}

/*
 * Whether the chosen gaps can be paid from `amounts`: a transportation
 * problem from (source, year) to (group, latest year), where money of year t
 * may pay a gap completing in year t or later (docs/model.md: carry-over
 * never matters then). By Hall's theorem it is feasible exactly when every
 * set of demand nodes needs no more than the money that may reach it.
 * There are at most a handful of non-empty demand nodes: all their subsets
 * are tried.
 */
static int payable(void)
{
	int node_group[NGROUPS * NLEADS], node_last[NGROUPS * NLEADS];
	long long node_demand[NGROUPS * NLEADS];
	int nnodes = 0;
	for (int g = 0; g < NGROUPS; g++)
		for (int l = 0; l < NLEADS; l++)
			if (demand[g][l]) {
				if (!g)
					return 0; /* no source may pay it */
				node_group[nnodes] = g;
				node_last[nnodes] = nyears - 1 - l;
				node_demand[nnodes] = demand[g][l];
				nnodes++;
			}
	if (nnodes > 20)
		fail("too many groups of criteria for the budget check");
	for (long subset = 1; subset < (1L << nnodes); subset++) {
		long long need = 0, money = 0;
		int last[NSOURCES];
		for (int s = 0; s < NSOURCES; s++)
			last[s] = -1;
		for (int i = 0; i < nnodes; i++) {
			if (!(subset >> i & 1))
				continue;
			need += node_demand[i];
			for (int s = 0; s < NSOURCES; s++)
				if ((node_group[i] >> s & 1) && node_last[i] > last[s])
					last[s] = node_last[i];
		}
		for (int s = 0; s < NSOURCES; s++)
			for (int t = 0; t <= last[s]; t++)
				money += amounts[t][s];
		if (need > money * 1000)
			return 0;
	}
	return 1;
}

static long long greedy_cost; /* thousandths */
static long long hall_budget; /* million: least total with which payable() holds */

static void calibrate_budget(void)
{
	make_year_shares();
	greedy_cost = greedy_targets();
	make_demand();

	/* The least total that pays the greedy's gaps in time, by bisection
	 * (payable() is monotone in the total up to the rounding of the
	 * split, which the final check below covers). */
	long long lo = 0, hi = (greedy_cost + 999) / 1000 + 1;
	split_budget(hi);
	while (!payable()) {
		if (hi > INT64_MAX / 4)
			fail("the targets cannot be paid for by any budget");
		lo = hi;
		hi *= 2;
		split_budget(hi);
	}
	while (hi - lo > 1) {
		long long mid = lo + (hi - lo) / 2;
		split_budget(mid);
		if (payable())
			hi = mid;
		else
			lo = mid;
	}
	hall_budget = hi;

	long long need = (greedy_cost + 999) / 1000;
	if (hall_budget > need)
		need = hall_budget;
	/* As data/dienbien: its budget over its greedy targets' cost. */
	budget_total = (need * DB_BUDGET + DB_GREEDY_TARGETS - 1) / DB_GREEDY_TARGETS;
	split_budget(budget_total);
	if (!payable())
		fail("the calibrated budget cannot pay for the targets");
}

/* ------------------------------------------------------------------ */
/* Output                                                              */


static void write_communes(void)
{
	FILE *f = open_output("communes.csv");
	fputs("commune_id,commune,district,cost_factor\n", f);
	for (int c = 0; c < ncommunes; c++) {
		const struct commune *cm = &communes[c];
		fprintf(f, "%s,Xã %s,%s,%d.%02d\n", cm->id, cm->id,
			districts[cm->district].name, cm->cost_factor / 100, cm->cost_factor % 100);
	}
	close_output(f, "communes.csv");
}

static void write_gaps(void)
{
	FILE *f = open_output("gaps.csv");
	fputs("commune_id,criterion,met,gap,fundable\n", f);
	for (int c = 0; c < ncommunes; c++) {
		for (int k = 0; k < NCRITERIA; k++) {
			long long gap = communes[c].gap[k];
			fprintf(f, "%s,%d,%d,", communes[c].id, k + 1, communes[c].met[k]);
			put_gap(f, gap, &criterion_specs[k]);
			fprintf(f, ",%d\n", communes[c].fundable[k]);
		}
	}
	close_output(f, "gaps.csv");
}

static void write_budget(void)
{
	FILE *f = open_output("budget.csv");
	fputs("year,source,amount\n", f);
	for (int y = 0; y < nyears; y++)
		for (int s = 0; s < NSOURCES; s++)
			fprintf(f, "%d,%s,%lld\n", FIRST_YEAR + y, source_specs[s].name, amounts[y][s]);
	close_output(f, "budget.csv");
}

static void write_targets(void)
{
	FILE *f = open_output("targets.csv");
	fputs("target,subject,value\n", f);
	fprintf(f, "communes_standard,,%d\n", target_standard);
	for (int d = 0; d < nstandard_districts; d++)
		fprintf(f, "district_standard,%s,\n", districts[d].name);
	fprintf(f, "min_criteria,,%d\n", TARGET_MIN_CRITERIA);
	fprintf(f, "avg_criteria,,%d.%d\n", TARGET_AVG_CRITERIA_TENTHS / 10,
		TARGET_AVG_CRITERIA_TENTHS % 10);
	for (int k = 0; k < NCRITERIA; k++)
		fprintf(f, "criterion_communes,%d,%d\n", k + 1, target_cc[k]);
	close_output(f, "targets.csv");
}

/* What was generated, on standard error (--verbose). */
static void summary(void)
{
	/* Bands as in docs/data.md: 19, 15-18, 10-14, 5-9, below 5. */
	int band[5] = {0}, highland = 0, met[NCRITERIA] = {0};
	long long total_met = 0, open_cost = 0;
	for (int c = 0; c < ncommunes; c++) {
		int m = communes[c].met_count;
		total_met += m;
		band[m == NCRITERIA ? 0 : m >= 15 ? 1 : m >= 10 ? 2 : m >= 5 ? 3 : 4]++;
		highland += profile_of(c)->highland;
		for (int k = 0; k < NCRITERIA; k++) {
			met[k] += communes[c].met[k];
			open_cost += cost_of(c, k);
		}
	}
	long long scaled = scale_round(DB_BUDGET, ncommunes, DB_COMMUNES);
	fprintf(stderr, "gen_synth: %d communes in %d districts of %d provinces, %d years %d-%d\n",
		ncommunes, ndistricts, nprovinces, nyears, FIRST_YEAR, FIRST_YEAR + nyears - 1);
	fprintf(stderr, "  baseline: %d at 19, %d at 15-18, %d at 10-14, %d at 5-9, %d below 5; "
		"average %lld.%02lld\n", band[0], band[1], band[2], band[3], band[4],
		total_met / ncommunes, total_met * 100 / ncommunes % 100);
	fprintf(stderr, "  %d highland communes, %d non-fundable gaps; all open gaps cost %lld\n",
		highland, nunfundable, open_cost / 1000);
	fprintf(stderr, "  criteria met at the baseline / target:");
	for (int k = 0; k < NCRITERIA; k++)
		fprintf(stderr, " %d:%d/%d", k + 1, met[k], target_cc[k]);
	fprintf(stderr, "\n  targets: communes_standard %d, district_standard %d districts, "
		"min_criteria %d, avg_criteria %d.%d\n", target_standard, nstandard_districts,
		TARGET_MIN_CRITERIA, TARGET_AVG_CRITERIA_TENTHS / 10, TARGET_AVG_CRITERIA_TENTHS % 10);
	fprintf(stderr, "  hard targets met greedily: %lld; paid in time (sources, lead times) "
		"from a budget of at least %lld\n", greedy_cost / 1000, hall_budget);
	fprintf(stderr, "  budget %lld (Điện Biên per commune x N/116: %lld, ratio %lld.%03lld); "
		"greedy targets take %lld.%01lld%%\n", budget_total, scaled,
		budget_total * 1000 / scaled / 1000, budget_total * 1000 / scaled % 1000,
		greedy_cost / budget_total / 10, greedy_cost / budget_total % 10);
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fputs("usage: gen_synth [--communes N] [--provinces P] [--years Y] [--seed S]\n"
	      "                 [--verbose] OUTDIR\n"
	      "Writes a synthetic ntmplan dataset shaped like data/dienbien (the seven\n"
	      "CSV files) into OUTDIR. Defaults: 8900 communes, 63 provinces, 5 years\n"
	      "from 2016, a fixed seed. N 1-200000, P 1-99, Y 3-30, S 0 to 2^64-1\n"
	      "(decimal or 0x hex). --verbose prints a summary on standard error.\n", f);
}

/* A whole number in [lo, hi] from text, or exit 64. */
static unsigned long long parse_number(const char *option, const char *text,
				       unsigned long long lo, unsigned long long hi)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 0);
	if (!*text || *text == '-' || *text == '+' || *end || errno || v < lo || v > hi) {
		fprintf(stderr, "gen_synth: %s '%s': a whole number from %llu to %llu\n",
			option, text, lo, hi);
		exit(64);
	}
	return v;
}

int main(int argc, char **argv)
{
	uint64_t seed = DEFAULT_SEED;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *value = NULL;
		static const char *const valued[] = {"--communes", "--provinces", "--years", "--seed"};
		int which = -1;
		for (int o = 0; o < 4; o++) {
			size_t len = strlen(valued[o]);
			if (!strncmp(arg, valued[o], len) && (arg[len] == '=' || !arg[len])) {
				which = o;
				if (arg[len] == '=')
					value = arg + len + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else {
					fprintf(stderr, "gen_synth: %s needs a value\n", arg);
					return 64;
				}
			}
		}
		if (which == 0)
			ncommunes = (int)parse_number("--communes", value, 1, MAX_COMMUNES);
		else if (which == 1)
			nprovinces_wanted = (int)parse_number("--provinces", value, 1, MAX_PROVINCES);
		else if (which == 2)
			nyears = (int)parse_number("--years", value, MIN_YEARS, MAX_YEARS);
		else if (which == 3)
			seed = parse_number("--seed", value, 0, UINT64_MAX);
		else if (!strcmp(arg, "--verbose") || !strcmp(arg, "-v"))
			verbose = 1;
		else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			return EXIT_SUCCESS;
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "gen_synth: unknown option '%s'\n", arg);
			usage(stderr);
			return 64;
		} else if (outdir) {
			fprintf(stderr, "gen_synth: more than one OUTDIR ('%s')\n", arg);
			return 64;
		} else {
			outdir = arg;
		}
	}
	if (!outdir) {
		usage(stderr);
		return 64;
	}
	rng_state = seed;

	make_districts();
	make_provinces();
	make_communes();
	assign_met_counts();
	choose_met_criteria();
	generate_gaps();
	mark_unfundable();
	make_targets();
	check_reachable();
	calibrate_budget();

	if (mkdir(outdir, 0777) && errno != EEXIST) {
		fprintf(stderr, "gen_synth: %s: %s\n", outdir, strerror(errno));
		return EXIT_FAILURE;
	}
	write_criteria();
	write_unit_costs();
	write_communes();
	write_gaps();
	write_sources();
	write_budget();
	write_targets();
	if (verbose)
		summary();
	free(communes);
	free(districts);
	return EXIT_SUCCESS;
}
