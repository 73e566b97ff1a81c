/*
 * gen_dienbien: writes the illustrative Điện Biên dataset of ntmplan.
 *
 *	gen_dienbien OUTDIR
 *
 * writes criteria.csv, unit_costs.csv, communes.csv, gaps.csv, budget.csv,
 * sources.csv, targets.csv and dataset.csv (the province's name) into OUTDIR
 * (created if missing). The shipped
 * data/dienbien/ is this program's output; tests/e2e/data-reproducible.sh
 * checks that byte for byte. docs/data.md gives the provenance of every
 * figure; here, each table says which of its figures are assumptions.
 *
 * No commune-by-commune gap table of Điện Biên is public: the names are
 * real, the gaps are generated so that the baseline (end 2015) reproduces
 * exactly the aggregates of Conclusion 12-KL/TU (2 Dec 2016), section I.
 * The program checks that itself (check_dataset) and refuses to write a
 * dataset that drifts from the seed after a retuning.
 *
 * Reproducibility: a fixed-seed splitmix64 generator, and integer arithmetic
 * for everything printed (quantities in tenths of their unit, cost factors
 * in hundredths, shares in per mille), so the output depends neither on
 * rand(), nor on floating-point evaluation, nor on the locale.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * CALIBRATION. The whole 2016-2020 budget, all sources, million VND: the
 * one knob that sets how hard the default plan is. budget.csv splits it by
 * source (source_specs, in gen_common.h: gen_synth uses the same sources)
 * and year (year_shares).
 *
 * First calibration, on the gaps below (docs/data.md, "Calibration"):
 * C35, the cost of the 35 cheapest fully fundable communes, is about
 * 2,896,000; C_targets, meeting the per-criterion counts, the floor of 5
 * and the average of 11.3 with the cheapest gaps, about 4,447,000: the
 * per-criterion counts (transport in 52 communes above all) cost more
 * than the 35 communes. Solved exactly with the planner's model (sources,
 * carry-over, annual amounts, lead times), the hard targets need 4,446,000,
 * the targets plus 35 communes at standard 4,519,000, 36 communes
 * 4,544,000 and 37 communes 4,571,000. 4,550,000 makes 35 just reachable,
 * with under 1% to spare, and leaves the hard targets about 2% from
 * infeasible. Provisional until the planner can confirm it.
 */
#define BUDGET_TOTAL 4550000LL

#define SEED UINT64_C(0x4442313230313654) /* "DB12016T": Conclusion 12, 2016 */

#define NCRITERIA 19

#define GEN_PROGRAM "gen_dienbien"
#define GEN_SEED SEED
#include "gen_common.h"
#define FIRST_YEAR 2016
#define NYEARS 5

/* Targets of section II.2.2 of the seed that the data format can express
 * (per-criterion counts are in criterion_specs). */
#define TARGET_COMMUNES_STANDARD 35
#define TARGET_MIN_CRITERIA 5
#define TARGET_AVG_CRITERIA_TENTHS 113


enum district_id {
	D_DBP, D_MLA, D_DBI, D_DBD, D_MAN, D_MCH, D_MNH, D_NPO, D_TCH, D_TGI,
	NDISTRICTS
};

/*
 * The ten district-level units. Names exactly as in the brief's commune list
 * (targets.csv names two of them). Codes prefix the commune ids.
 *
 * standing, cost_factor, size and highland are ASSUMPTIONS (docs/data.md):
 * the seed and facts.md give only province-wide figures. They encode that
 * the communes around Điện Biên Phủ (the city, Mường Lay town, Điện Biên,
 * Mường Ảng, Tuần Giáo, along the main roads) were further along in 2015
 * and cheaper to build in than those of the remote highland districts
 * (Mường Nhé, Nậm Pồ, Điện Biên Đông, Tủa Chùa, Mường Chà).
 */
struct district_spec {
	const char *name;
	const char *code;
	int standing;    /* 0-100: how far along its communes were in 2015 */
	int cost_factor; /* hundredths: least terrain and haulage surcharge on unit costs */
	int size;        /* per mille: scale of its communes' gaps (area, villages, households) */
	int highland;    /* 1: remote highland, where gaps money cannot close may be */
};

static const struct district_spec district_specs[NDISTRICTS] = {
	[D_DBP] = {"Thành phố Điện Biên Phủ", "DBP", 80, 100, 750, 0},
	[D_MLA] = {"Thị xã Mường Lay", "MLA", 75, 102, 750, 0},
	[D_DBI] = {"Điện Biên", "DBI", 65, 100, 1000, 0},
	[D_DBD] = {"Điện Biên Đông", "DBD", 25, 132, 1100, 1},
	[D_MAN] = {"Mường Ảng", "MAN", 55, 105, 950, 0},
	[D_MCH] = {"Mường Chà", "MCH", 30, 128, 1100, 1},
	[D_MNH] = {"Mường Nhé", "MNH", 15, 145, 1200, 1},
	[D_NPO] = {"Nậm Pồ", "NPO", 15, 140, 1150, 1},
	[D_TCH] = {"Tủa Chùa", "TCH", 25, 132, 1100, 1},
	[D_TGI] = {"Tuần Giáo", "TGI", 45, 110, 1000, 0},
};

/* The 116 communes of the project brief's dienbien-communes.csv, in its
 * order (a reconstruction of the 2015 list; docs/data.md). A commune's id is
 * its district's code and its two-digit rank within the district here. */
struct commune_spec {
	enum district_id district;
	const char *name;
};

static const struct commune_spec commune_specs[] = {
	{D_DBP, "Thanh Minh"},
	{D_DBP, "Tà Lèng"},
	{D_MLA, "Lay Nưa"},
	{D_DBI, "Mường Pồn"},
	{D_DBI, "Thanh Nưa"},
	{D_DBI, "Hua Thanh"},
	{D_DBI, "Thanh Luông"},
	{D_DBI, "Thanh Hưng"},
	{D_DBI, "Thanh Xương"},
	{D_DBI, "Thanh Chăn"},
	{D_DBI, "Pa Thơm"},
	{D_DBI, "Thanh An"},
	{D_DBI, "Thanh Yên"},
	{D_DBI, "Noong Luống"},
	{D_DBI, "Noong Hẹt"},
	{D_DBI, "Sam Mứn"},
	{D_DBI, "Pom Lót"},
	{D_DBI, "Núa Ngam"},
	{D_DBI, "Hẹ Muông"},
	{D_DBI, "Na Ư"},
	{D_DBI, "Mường Nhà"},
	{D_DBI, "Na Tông"},
	{D_DBI, "Mường Lói"},
	{D_DBI, "Phu Luông"},
	{D_DBI, "Nà Tấu"},
	{D_DBI, "Nà Nhạn"},
	{D_DBI, "Mường Phăng"},
	{D_DBI, "Pá Khoang"},
	{D_DBD, "Na Son"},
	{D_DBD, "Phì Nhừ"},
	{D_DBD, "Chiềng Sơ"},
	{D_DBD, "Mường Luân"},
	{D_DBD, "Pú Nhi"},
	{D_DBD, "Nong U"},
	{D_DBD, "Xa Dung"},
	{D_DBD, "Keo Lôm"},
	{D_DBD, "Luân Giới"},
	{D_DBD, "Phình Giàng"},
	{D_DBD, "Pú Hồng"},
	{D_DBD, "Tìa Dình"},
	{D_DBD, "Háng Lìa"},
	{D_MAN, "Mường Đăng"},
	{D_MAN, "Ngối Cáy"},
	{D_MAN, "Ẳng Tở"},
	{D_MAN, "Búng Lao"},
	{D_MAN, "Xuân Lao"},
	{D_MAN, "Ẳng Nưa"},
	{D_MAN, "Ẳng Cang"},
	{D_MAN, "Nặm Lịch"},
	{D_MAN, "Mường Lạn"},
	{D_MCH, "Xá Tổng"},
	{D_MCH, "Mường Tùng"},
	{D_MCH, "Hừa Ngài"},
	{D_MCH, "Huổi Mí"},
	{D_MCH, "Pa Ham"},
	{D_MCH, "Nậm Nèn"},
	{D_MCH, "Huổi Lèng"},
	{D_MCH, "Sa Lông"},
	{D_MCH, "Ma Thì Hồ"},
	{D_MCH, "Na Sang"},
	{D_MCH, "Mường Mươn"},
	{D_MNH, "Sín Thầu"},
	{D_MNH, "Sen Thượng"},
	{D_MNH, "Chung Chải"},
	{D_MNH, "Leng Su Sìn"},
	{D_MNH, "Pá Mỳ"},
	{D_MNH, "Mường Nhé"},
	{D_MNH, "Nậm Vì"},
	{D_MNH, "Nậm Kè"},
	{D_MNH, "Mường Toong"},
	{D_MNH, "Quảng Lâm"},
	{D_MNH, "Huổi Lếnh"},
	{D_NPO, "Nậm Tin"},
	{D_NPO, "Pa Tần"},
	{D_NPO, "Chà Cang"},
	{D_NPO, "Na Cô Sa"},
	{D_NPO, "Nà Khoa"},
	{D_NPO, "Nà Hỳ"},
	{D_NPO, "Nà Bủng"},
	{D_NPO, "Nậm Nhừ"},
	{D_NPO, "Nậm Chua"},
	{D_NPO, "Nậm Khăn"},
	{D_NPO, "Chà Tở"},
	{D_NPO, "Vàng Đán"},
	{D_NPO, "Chà Nưa"},
	{D_NPO, "Phìn Hồ"},
	{D_NPO, "Si Pa Phìn"},
	{D_TCH, "Huổi Só"},
	{D_TCH, "Xín Chải"},
	{D_TCH, "Tả Sìn Thàng"},
	{D_TCH, "Lao Xả Phình"},
	{D_TCH, "Tả Phìn"},
	{D_TCH, "Tủa Thàng"},
	{D_TCH, "Trung Thu"},
	{D_TCH, "Sính Phình"},
	{D_TCH, "Sáng Nhè"},
	{D_TCH, "Mường Đun"},
	{D_TCH, "Mường Báng"},
	{D_TGI, "Phình Sáng"},
	{D_TGI, "Rạng Đông"},
	{D_TGI, "Mùn Chung"},
	{D_TGI, "Nà Tòng"},
	{D_TGI, "Ta Ma"},
	{D_TGI, "Mường Mùn"},
	{D_TGI, "Pú Xi"},
	{D_TGI, "Pú Nhung"},
	{D_TGI, "Quài Nưa"},
	{D_TGI, "Mường Thín"},
	{D_TGI, "Tỏa Tình"},
	{D_TGI, "Nà Sáy"},
	{D_TGI, "Mường Khong"},
	{D_TGI, "Quài Cang"},
	{D_TGI, "Quài Tở"},
	{D_TGI, "Chiềng Sinh"},
	{D_TGI, "Chiềng Đông"},
	{D_TGI, "Tênh Phông"},
};

#define NCOMMUNES ((int)(sizeof(commune_specs) / sizeof(commune_specs[0])))


/* The four communes the seed names (section I). Thanh Chăn was at standard;
 * the other three "at 15-18": where in that range is an ASSUMPTION. */
static const struct seed_commune {
	enum district_id district;
	const char *name;
	int met;
} seed_communes[] = {
	{D_DBI, "Thanh Chăn", 19},
	{D_DBI, "Thanh Xương", 17},
	{D_DBI, "Noong Hẹt", 16},
	{D_MAN, "Ẳng Nưa", 15},
};

#define NSEED_COMMUNES ((int)(sizeof(seed_communes) / sizeof(seed_communes[0])))

/*
 * The seed's bands for the other 112 communes, best first (section I): 10
 * at 10-14, 48 at 5-9, 54 below 5. How each band spreads over its five
 * counts is an ASSUMPTION: skewed to the band's low end, as an average of
 * 5.6 implies, and with no commune at 0 (planning, post and security were
 * in place nearly everywhere by 2015). The counts make 650 criteria
 * met in all (average 5.60); check_dataset holds them to the seed.
 */
#define BAND_WIDTH 5

static const struct band {
	int lo;                     /* fewest criteria met in the band */
	int communes;               /* the seed's number of communes in it */
	int at_count[BAND_WIDTH];   /* communes at lo, lo + 1, ..., lo + 4 */
} bands[] = {
	{10, 10, {3, 3, 2, 1, 1}},
	{5, 48, {15, 13, 10, 6, 4}},
	{0, 54, {0, 4, 10, 22, 18}},
};

#define NBANDS ((int)(sizeof(bands) / sizeof(bands[0])))

/*
 * Gaps money cannot close by 2020 (fundable = 0). ASSUMPTION: in the poorest
 * highland communes, income and poverty depend on land, markets and
 * resettlement more than on any programme money, and in the very poorest
 * the labour structure too. The checks in check_dataset keep every 2020
 * target reachable despite them.
 */
#define UNFUNDABLE_INCOME_COMMUNES 12 /* income (10) and poverty (11) */
#define UNFUNDABLE_LABOUR_COMMUNES 6  /* also labour (12) */


/* How BUDGET_TOTAL spreads over 2016-2020, per mille. ASSUMPTION: rising
 * by a tenth or so a year, as a programme that starts in the course of 2016
 * gathers its sources. */
static const int year_shares[NYEARS] = {160, 185, 205, 220, 230};

/* Everything generated about one commune. */
struct commune {
	char id[16];
	int standing;              /* ordering key of the baseline bands */
	int met_count;
	int cost_factor;           /* hundredths */
	unsigned char met[NCRITERIA];
	unsigned char fundable[NCRITERIA];
	long long gap[NCRITERIA];  /* tenths of the criterion's unit */
};

static struct commune communes[NCOMMUNES];


static void make_ids(void)
{
	int rank[NDISTRICTS] = {0};
	for (int c = 0; c < NCOMMUNES; c++) {
		enum district_id d = commune_specs[c].district;
		int n = ++rank[d];
		if (n > 99)
			fail("more than 99 communes in a district: widen the ids");
		snprintf(communes[c].id, sizeof(communes[c].id), "%s%02d",
			 district_specs[d].code, n);
	}
}

static int seed_commune_of(int c)
{
	for (int s = 0; s < NSEED_COMMUNES; s++)
		if (commune_specs[c].district == seed_communes[s].district &&
		    !strcmp(commune_specs[c].name, seed_communes[s].name))
			return s;
	return -1;
}

/* Orders commune indices best standing first; index breaks ties so that
 * qsort, which is not stable, still gives one order everywhere. */
static int by_standing(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	if (communes[x].standing != communes[y].standing)
		return communes[y].standing - communes[x].standing;
	return x - y;
}

/*
 * How many criteria each commune met at the end of 2015. The seed's four
 * named communes get their counts; the others are ranked by a standing
 * drawn around their district's and dealt out in that order, best first,
 * over the bands' counts, so that the city's surroundings fill the upper
 * bands and the highlands the lower.
 */
static void assign_met_counts(void)
{
	int order[NCOMMUNES];
	int nranked = 0;

	for (int c = 0; c < NCOMMUNES; c++) {
		int s = seed_commune_of(c);
		communes[c].standing = district_specs[commune_specs[c].district].standing +
				       (int)rng_range(-20, 20) + (int)rng_range(-20, 20);
		if (s >= 0)
			communes[c].met_count = seed_communes[s].met;
		else
			order[nranked++] = c;
	}
	qsort(order, (size_t)nranked, sizeof(order[0]), by_standing);

	int next = 0;
	for (int b = 0; b < NBANDS; b++)
		for (int i = BAND_WIDTH - 1; i >= 0; i--)
			for (int n = 0; n < bands[b].at_count[i]; n++) {
				if (next == nranked)
					fail("the bands hold more communes than there are");
				communes[order[next++]].met_count = bands[b].lo + i;
			}
	if (next != nranked)
		fail("the bands do not hold every commune the seed does not name");
}

/* A commune meets the criteria of lowest difficulty plus its own noise:
 * the easy ones nearly everywhere, the hard ones only in the best off. */
static void choose_met_criteria(void)
{
	for (int c = 0; c < NCOMMUNES; c++) {
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

/*
 * Gap of each unmet criterion: the typical gap, times the district's size,
 * times how far the commune has to go (0.7 for one that meets everything,
 * 1.3 for one that meets nothing), times noise of +-30%, rounded to the
 * criterion's step. The cost factor is the district's, plus 0 to 0.10.
 */
static void generate_gaps(void)
{
	for (int c = 0; c < NCOMMUNES; c++) {
		const struct district_spec *d = &district_specs[commune_specs[c].district];
		long long shortfall = 700 + 600LL * (NCRITERIA - communes[c].met_count) / NCRITERIA;
		long long size = d->size + rng_range(-100, 100);

		communes[c].cost_factor = d->cost_factor + (int)rng_range(0, 10);
		for (int k = 0; k < NCRITERIA; k++) {
			const struct criterion_spec *cs = &criterion_specs[k];
			/* Drawn for met criteria too, so that which criteria are
			 * met does not shift the noise of the others. */
			long long noise = rng_range(700, 1300);
			communes[c].fundable[k] = 1;
			if (communes[c].met[k])
				continue;
			long long gap = cs->typical_gap * size / 1000 * shortfall / 1000 * noise / 1000;
			gap = (gap + cs->step / 2) / cs->step * cs->step;
			if (gap < cs->step)
				gap = cs->step;
			if (cs->max_gap && gap > cs->max_gap)
				gap = cs->max_gap;
			communes[c].gap[k] = gap;
		}
	}
}

/* Orders highland commune indices poorest first: fewest criteria, then
 * lowest standing, then index. */
static int by_poverty(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	if (communes[x].met_count != communes[y].met_count)
		return communes[x].met_count - communes[y].met_count;
	if (communes[x].standing != communes[y].standing)
		return communes[x].standing - communes[y].standing;
	return x - y;
}

/* A met criterion has nothing to fund: only its gap, if any, is marked. */
static void make_unfundable(struct commune *cm, int criterion)
{
	if (!cm->met[criterion - 1])
		cm->fundable[criterion - 1] = 0;
}

static void mark_unfundable(void)
{
	int order[NCOMMUNES];
	int n = 0;
	for (int c = 0; c < NCOMMUNES; c++)
		if (district_specs[commune_specs[c].district].highland)
			order[n++] = c;
	qsort(order, (size_t)n, sizeof(order[0]), by_poverty);
	for (int r = 0; r < n && r < UNFUNDABLE_INCOME_COMMUNES; r++) {
		make_unfundable(&communes[order[r]], 10);
		make_unfundable(&communes[order[r]], 11);
		if (r < UNFUNDABLE_LABOUR_COMMUNES)
			make_unfundable(&communes[order[r]], 12);
	}
}

/* Whether the commune's district must complete the programme by 2020. */
static int in_standard_district(int c)
{
	return commune_specs[c].district == D_DBP || commune_specs[c].district == D_MLA;
}

/*
 * Refuses a dataset that no longer says what the seed says, so that a
 * retuned parameter cannot silently break it: the baseline bands and
 * average of section I, every per-criterion baseline count below its 2020
 * target, and every 2020 target still reachable with the unfundable gaps.
 * Also that the budget shares are whole.
 */
static void check_dataset(void)
{
	int band_count[NBANDS] = {0};
	int total = 0, reachable_total = 0;
	int met[NCRITERIA] = {0}, reachable[NCRITERIA] = {0};

	for (int c = 0; c < NCOMMUNES; c++) {
		const struct commune *cm = &communes[c];
		int s = seed_commune_of(c), reach = 0;
		total += cm->met_count;
		if (s >= 0) {
			/* Thanh Chăn (first) at standard, the others at 15-18. */
			if ((s == 0) != (cm->met_count == NCRITERIA) ||
			    cm->met_count < 15)
				fail("a commune the seed names is outside its band");
		} else {
			for (int b = 0; b < NBANDS; b++)
				if (cm->met_count >= bands[b].lo &&
				    cm->met_count < bands[b].lo + BAND_WIDTH)
					band_count[b]++;
		}
		for (int k = 0; k < NCRITERIA; k++) {
			met[k] += cm->met[k];
			if (cm->met[k] || cm->fundable[k]) {
				reachable[k]++;
				reach++;
			} else if (in_standard_district(c)) {
				fail("a commune of a district to complete by 2020 has an unfundable gap");
			}
		}
		if (reach < TARGET_MIN_CRITERIA)
			fail("a commune cannot reach the 2020 floor of criteria");
		reachable_total += reach;
	}
	for (int b = 0; b < NBANDS; b++)
		if (band_count[b] != bands[b].communes)
			fail("the baseline bands differ from the seed's");
	/* Average in tenths, rounded half up: the seed's 5.6. */
	if ((20 * total + NCOMMUNES) / (2 * NCOMMUNES) != 56)
		fail("the baseline average does not round to the seed's 5.6");
	for (int k = 0; k < NCRITERIA; k++) {
		if (met[k] >= criterion_specs[k].target_2020)
			fail("a criterion is met at the baseline by as many communes as its 2020 target");
		if (reachable[k] < criterion_specs[k].target_2020)
			fail("unfundable gaps make a per-criterion 2020 target unreachable");
	}
	if (reachable_total * 10 < TARGET_AVG_CRITERIA_TENTHS * NCOMMUNES)
		fail("unfundable gaps make the 2020 average unreachable");

	/* write_budget gives the rounding remainders to the last year and
	 * source: with shares that do not add up, they would absorb the error. */
	int source_total = 0, year_total = 0;
	for (int s = 0; s < NSOURCES; s++)
		source_total += source_specs[s].share;
	for (int y = 0; y < NYEARS; y++)
		year_total += year_shares[y];
	if (source_total != 1000 || year_total != 1000)
		fail("the source shares or the year shares do not add up to 1000 per mille");
}



static void write_communes(void)
{
	FILE *f = open_output("communes.csv");
	fputs("commune_id,commune,district,cost_factor\n", f);
	for (int c = 0; c < NCOMMUNES; c++) {
		put_text(f, communes[c].id);
		putc(',', f);
		put_text(f, commune_specs[c].name);
		putc(',', f);
		put_text(f, district_specs[commune_specs[c].district].name);
		fprintf(f, ",%d.%02d\n", communes[c].cost_factor / 100,
			communes[c].cost_factor % 100);
	}
	close_output(f, "communes.csv");
}

/* Gaps in whole units, and no gap, print as integers; the others with one
 * decimal. */
static void write_gaps(void)
{
	FILE *f = open_output("gaps.csv");
	fputs("commune_id,criterion,met,gap,fundable\n", f);
	for (int c = 0; c < NCOMMUNES; c++) {
		for (int k = 0; k < NCRITERIA; k++) {
			long long gap = communes[c].gap[k];
			put_text(f, communes[c].id);
			fprintf(f, ",%d,%d,", k + 1, communes[c].met[k]);
			put_gap(f, gap, &criterion_specs[k]);
			fprintf(f, ",%d\n", communes[c].fundable[k]);
		}
	}
	close_output(f, "gaps.csv");
}

/* BUDGET_TOTAL split by year, then each year by source, rounded to the
 * million; the last year and the last source take the rounding remainders,
 * so that budget.csv adds up to BUDGET_TOTAL exactly. */
static void write_budget(void)
{
	FILE *f = open_output("budget.csv");
	long long budget_left = BUDGET_TOTAL;
	fputs("year,source,amount\n", f);
	for (int y = 0; y < NYEARS; y++) {
		long long year_amount = y == NYEARS - 1 ? budget_left :
			(BUDGET_TOTAL * year_shares[y] + 500) / 1000;
		long long year_left = year_amount;
		budget_left -= year_amount;
		for (int s = 0; s < NSOURCES; s++) {
			long long amount = s == NSOURCES - 1 ? year_left :
				(year_amount * source_specs[s].share + 500) / 1000;
			year_left -= amount;
			fprintf(f, "%d,", FIRST_YEAR + y);
			put_text(f, source_specs[s].name);
			fprintf(f, ",%lld\n", amount);
		}
	}
	close_output(f, "budget.csv");
}

static void write_targets(void)
{
	FILE *f = open_output("targets.csv");
	fputs("target,subject,value\n", f);
	fprintf(f, "communes_standard,,%d\n", TARGET_COMMUNES_STANDARD);
	fputs("district_standard,", f);
	put_text(f, district_specs[D_DBP].name);
	fputs(",\n", f);
	fputs("district_standard,", f);
	put_text(f, district_specs[D_MLA].name);
	fputs(",\n", f);
	fprintf(f, "min_criteria,,%d\n", TARGET_MIN_CRITERIA);
	fprintf(f, "avg_criteria,,%d.%d\n", TARGET_AVG_CRITERIA_TENTHS / 10,
		TARGET_AVG_CRITERIA_TENTHS % 10);
	for (int k = 0; k < NCRITERIA; k++)
		fprintf(f, "criterion_communes,%d,%d\n", k + 1, criterion_specs[k].target_2020);
	close_output(f, "targets.csv");
}

/* dataset.csv: what the reports call the dataset. */
static void write_info(void)
{
	FILE *f = open_output("dataset.csv");
	fputs("key,value\nprovince,", f);
	put_text(f, "Điện Biên");
	fputs("\n", f);
	close_output(f, "dataset.csv");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: gen_dienbien OUTDIR\n", stderr);
		return 64;
	}
	outdir = argv[1];
	if (mkdir(outdir, 0777) && errno != EEXIST) {
		fprintf(stderr, "gen_dienbien: %s: %s\n", outdir, strerror(errno));
		return EXIT_FAILURE;
	}

	make_ids();
	assign_met_counts();
	choose_met_criteria();
	generate_gaps();
	mark_unfundable();
	check_dataset();

	write_criteria();
	write_unit_costs();
	write_communes();
	write_gaps();
	write_sources();
	write_budget();
	write_targets();
	write_info();
	return EXIT_SUCCESS;
}
