#ifndef NTM_GEN_COMMON_H
#define NTM_GEN_COMMON_H
/*
 * gen_common: what the two dataset generators share (tools/gen_dienbien.c,
 * tools/gen_synth.c): their random numbers, the 19 criteria with their
 * costs and 2020 targets, and writing the CSV files. One copy, so that the
 * synthetic instances keep the shape of the Điện Biên data.
 * Before including it, a generator defines GEN_PROGRAM (its name, for
 * messages), GEN_SEED (the default seed) and NCRITERIA (19), and includes
 * <errno.h>, <stdint.h>, <stdio.h>, <stdlib.h> and <string.h>. It sets
 * `outdir` before writing.
 */

static void fail(const char *what)
{
	fprintf(stderr, GEN_PROGRAM ": %s\n", what);
	exit(EXIT_FAILURE);
}

static uint64_t rng_state = GEN_SEED;

/* splitmix64 (Steele, Lea and Flood, 2014): small, fast, and the same
 * sequence on every platform. */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. Multiply-shift rather than modulo; its bias
 * is below 2^-32 for spans this small, far below what the data can show. */
static long long rng_range(long long lo, long long hi)
{
	uint64_t span = (uint64_t)(hi - lo + 1);
	return lo + (long long)(((rng_next() >> 32) * span) >> 32);
}

/*
 * The 19 criteria, numbered and named as in the seed (the 2011-2015 set of
 * Decision 491/QĐ-TTg, which its 2020 targets use).
 *
 * unit_cost (million VND per unit): transport 1,100 per km of concrete road
 * (3.5 m, mountainous district; facts.md, Lạng Sơn 2020), irrigation 300 per
 * km of canal (facts.md, Hòa Bình 2008), labour 4 per worker trained (middle
 * of the 2-6 per course of Decision 46/2015/QĐ-TTg, facts.md). All the
 * others are ASSUMPTIONS, reasoned in docs/data.md.
 *
 * lead_years: 0 for works that count once built; 1 or 2 for the criteria
 * facts.md names as moving only a year or more after the money is spent
 * (the slowest, income, poverty and education, 2).
 *
 * difficulty (0-100) orders how commonly a criterion was met in 2015:
 * planning, post and security were met almost everywhere; income, poverty,
 * housing, schools, markets and cultural facilities almost nowhere. With
 * the noise added in choose_met_criteria it yields the baseline counts in
 * docs/data.md. ASSUMPTION: the seed gives no per-criterion baseline.
 *
 * typical_gap is the gap of a mid-table commune of average size, in tenths
 * of the unit; generate_gaps scales it per commune. ASSUMPTION, set so that
 * bringing a commune to standard costs from tens of thousands near the city
 * to about 200,000 in the highlands (facts.md: about 135,000 per commune in
 * Điện Biên district 2017-2020, about 210,000 per standard commune in the
 * region). Gaps that are one work (a plan, a market, a post point, a health
 * station) are 0.5 (upgrade) or 1 (build).
 *
 * target_2020: communes meeting the criterion in 2020, seed section II.2.2.
 */
struct criterion_spec {
	const char *name_vi;
	const char *name_en;
	const char *unit;      /* in English: criteria.csv's unit and unit_en */
	const char *unit_vi;
	int lead_years;
	long long unit_cost;   /* million VND per unit */
	int difficulty;        /* 0-100 */
	long long typical_gap; /* tenths of a unit */
	long long step;        /* tenths: a gap is a whole number of steps */
	long long max_gap;     /* tenths; 0 when unbounded */
	int target_2020;
};

static const struct criterion_spec criterion_specs[NCRITERIA] = {
	{"Quy hoạch và thực hiện quy hoạch", "Planning", "plans", "bản quy hoạch", 0, 500, 4, 8, 5, 10, 116},
	{"Giao thông", "Transport", "km of concrete road", "km đường bê tông", 0, 1100, 66, 350, 1, 0, 52},
	{"Thủy lợi", "Irrigation", "km of solid canal", "km kênh mương kiên cố", 0, 300, 48, 140, 1, 0, 70},
	{"Điện", "Electricity", "households", "hộ", 0, 25, 36, 2000, 10, 0, 83},
	{"Trường học", "Schools", "classrooms", "phòng học", 0, 700, 70, 160, 10, 0, 42},
	{"Cơ sở vật chất văn hóa", "Cultural facilities", "cultural houses", "nhà văn hóa", 0, 600, 72, 80, 10, 0, 38},
	{"Chợ nông thôn", "Rural market", "markets", "chợ", 0, 3000, 68, 8, 5, 10, 44},
	{"Bưu điện", "Post and telecom", "post points", "điểm bưu điện", 0, 400, 10, 8, 5, 10, 116},
	{"Nhà ở dân cư", "Housing", "houses", "nhà", 0, 40, 72, 2000, 10, 0, 39},
	{"Thu nhập", "Income", "households", "hộ", 2, 15, 82, 5000, 10, 0, 35},
	{"Hộ nghèo", "Poor households", "households", "hộ", 2, 30, 80, 3500, 10, 0, 35},
	{"Cơ cấu lao động", "Labour structure", "workers", "lao động", 1, 4, 38, 5000, 10, 0, 81},
	{"Hình thức tổ chức sản xuất", "Production organisation", "cooperatives", "hợp tác xã", 1, 800, 58, 20, 10, 0, 49},
	{"Giáo dục", "Education", "pupils", "học sinh", 2, 5, 46, 2000, 10, 0, 56},
	{"Y tế", "Health", "health stations", "trạm y tế", 0, 3500, 30, 8, 5, 10, 90},
	{"Văn hóa", "Culture", "villages", "thôn bản", 1, 60, 50, 100, 10, 0, 56},
	{"Môi trường", "Environment", "households", "hộ", 1, 8, 64, 4000, 10, 0, 60},
	{"Hệ thống chính trị xã hội vững mạnh", "Political system", "cadres", "cán bộ", 1, 20, 32, 200, 10, 0, 90},
	{"An ninh trật tự xã hội", "Security and order", "villages", "thôn bản", 0, 30, 8, 100, 10, 0, 116},
};

/* The folder the files are written into. */
static const char *outdir;

static FILE *open_output(const char *file)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s", outdir, file) >= (int)sizeof(path))
		fail("output folder name too long");
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, GEN_PROGRAM ": %s: %s\n", path, strerror(errno));
		exit(EXIT_FAILURE);
	}
	return f;
}

static void close_output(FILE *f, const char *file)
{
	int bad = ferror(f);
	if (fclose(f))
		bad = 1;
	if (bad) {
		fprintf(stderr, GEN_PROGRAM ": %s/%s: write error\n", outdir, file);
		exit(EXIT_FAILURE);
	}
}

/* A text field, quoted only when it must be (RFC 4180). */
static void put_text(FILE *f, const char *text)
{
	if (!strpbrk(text, ",\"\r\n")) {
		fputs(text, f);
		return;
	}
	putc('"', f);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
}

/*
 * Funding sources (seed, section II.4 (6) and (7): NTP capital, integrated
 * programmes, credit, people's contributions; the provincial budget). Which
 * criteria each may fund, whether unspent money carries over, and its share
 * of the total budget are ASSUMPTIONS reasoned in docs/data.md. gen_synth
 * uses the same sources.
 */
static const struct source_spec {
	const char *name;
	const char *criteria;
	int carry_over;
	int share; /* per mille of the whole budget */
	const char *name_vi, *name_en; /* display names (sources.csv) */
} source_specs[] = {
	{"central", "all", 1, 330, "Trung ương", "Central budget"},
	{"province", "all", 0, 100, "Ngân sách tỉnh", "Provincial budget"},
	{"integrated", "2 3 4 5 6 7 9 15 17", 1, 300, "Lồng ghép", "Integrated programmes"},
	{"people", "2 6 9 17", 0, 120, "Nhân dân đóng góp", "People's contributions"},
	{"credit", "9 10 11 12 13", 0, 150, "Tín dụng", "Credit"},
};

#define NSOURCES ((int)(sizeof(source_specs) / sizeof(source_specs[0])))

static void write_sources(void)
{
	FILE *f = open_output("sources.csv");
	fputs("source,criteria,carry_over,name_vi,name_en\n", f);
	for (int s = 0; s < NSOURCES; s++) {
		put_text(f, source_specs[s].name);
		putc(',', f);
		put_text(f, source_specs[s].criteria);
		fprintf(f, ",%d,", source_specs[s].carry_over);
		put_text(f, source_specs[s].name_vi);
		putc(',', f);
		put_text(f, source_specs[s].name_en);
		putc('\n', f);
	}
	close_output(f, "sources.csv");
}

/* A gap in tenths of its criterion's unit, as gaps.csv writes it: with
 * one decimal, or whole when the criterion's step is whole (or the gap 0). */
static void put_gap(FILE *f, long long gap, const struct criterion_spec *cs)
{
	if (!gap || cs->step % 10 == 0)
		fprintf(f, "%lld", gap / 10);
	else
		fprintf(f, "%lld.%lld", gap / 10, gap % 10);
}

static void write_criteria(void)
{
	FILE *f = open_output("criteria.csv");
	fputs("criterion,name_vi,name_en,unit,lead_years,unit_vi,unit_en\n", f);
	for (int k = 0; k < NCRITERIA; k++) {
		const struct criterion_spec *cs = &criterion_specs[k];
		fprintf(f, "%d,", k + 1);
		put_text(f, cs->name_vi);
		putc(',', f);
		put_text(f, cs->name_en);
		putc(',', f);
		put_text(f, cs->unit);
		fprintf(f, ",%d,", cs->lead_years);
		put_text(f, cs->unit_vi);
		putc(',', f);
		put_text(f, cs->unit);
		putc('\n', f);
	}
	close_output(f, "criteria.csv");
}

static void write_unit_costs(void)
{
	FILE *f = open_output("unit_costs.csv");
	fputs("criterion,unit_cost\n", f);
	for (int k = 0; k < NCRITERIA; k++)
		fprintf(f, "%d,%lld\n", k + 1, criterion_specs[k].unit_cost);
	close_output(f, "unit_costs.csv");
}

#endif
