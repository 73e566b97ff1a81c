/* Tests of baseline.c: the Điện Biên dataset reproduces the province's
 * published 2015 baseline; every figure of tiny's baseline, computed by
 * hand from its files; the band boundaries; the printed report and its
 * write errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define DIENBIEN NTM_SOURCE_DIR "/data/dienbien"

static void assert_close(double actual, double expected)
{
	if (fabs(actual - expected) > 1e-9 * fmax(1.0, fabs(expected)))
		fail_msg("%.9f, expected %.9f", actual, expected);
}

/* The index of the commune with this name in this district; fails the test
 * unless there is exactly one. */
static size_t commune_named(const struct dataset *ds, const char *name, const char *district)
{
	long found = -1;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		if (strcmp(ds->communes[c].name, name) ||
		    strcmp(ds->districts[ds->communes[c].district], district))
			continue;
		if (found >= 0)
			fail_msg("two communes named %s in %s", name, district);
		found = (long)c;
	}
	if (found < 0)
		fail_msg("no commune named %s in %s", name, district);
	return (size_t)found;
}

/* Conclusion 12-KL/TU (2 Dec 2016), section I, the 2015 baseline of the
 * province's 116 communes: 1 at 19 criteria, 3 at 15-18, 10 at 10-14, 48 at
 * 5-9, 54 below 5; 5.6 criteria per commune on average. These figures are
 * the source document's, not the program's. */
static void test_dienbien_published_baseline(void **state)
{
	(void)state;
	struct dataset ds;
	struct baseline b;
	load_ok(&ds, DIENBIEN);
	baseline_compute(&ds, &b);

	assert_int_equal(ds.ncommunes, 116);
	assert_int_equal(b.band[BAND_STANDARD], 1);
	assert_int_equal(b.band[BAND_15_18], 3);
	assert_int_equal(b.band[BAND_10_14], 10);
	assert_int_equal(b.band[BAND_5_9], 48);
	assert_int_equal(b.band[BAND_BELOW_5], 54);
	assert_true(b.average_criteria >= 5.55 && b.average_criteria < 5.65);
	char avg[16];
	snprintf(avg, sizeof(avg), "%.1f", b.average_criteria);
	assert_string_equal(avg, "5.6");

	/* The average is criteria met over communes. */
	long total = 0;
	for (size_t c = 0; c < ds.ncommunes; c++)
		total += dataset_criteria_met(&ds, c);
	assert_close(b.average_criteria, (double)total / 116.0);
	/* And meeting[] counts the same criteria the other way round. */
	long by_criterion = 0;
	for (int k = 0; k < NTM_CRITERIA; k++)
		by_criterion += b.meeting[k];
	assert_int_equal(by_criterion, total);
	dataset_release(&ds);
}

/* The communes the source names: Thanh Chăn (Điện Biên district) was the
 * one at standard in 2015; Thanh Xương, Noong Hẹt and Ẳng Nưa the three at
 * 15-18. Found by name, not id. */
static void test_dienbien_named_communes(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, DIENBIEN);

	size_t thanh_chan = commune_named(&ds, "Thanh Chăn", "Điện Biên");
	size_t band_15_18[3] = {
		commune_named(&ds, "Thanh Xương", "Điện Biên"),
		commune_named(&ds, "Noong Hẹt", "Điện Biên"),
		commune_named(&ds, "Ẳng Nưa", "Mường Ảng"),
	};
	assert_int_equal(dataset_criteria_met(&ds, thanh_chan), 19);
	for (size_t c = 0; c < ds.ncommunes; c++) {
		enum baseline_band band = baseline_band_of(dataset_criteria_met(&ds, c));
		int named = c == band_15_18[0] || c == band_15_18[1] || c == band_15_18[2];
		if (c == thanh_chan)
			assert_int_equal(band, BAND_STANDARD);
		else if (named)
			assert_int_equal(band, BAND_15_18);
		else
			assert_true(band != BAND_STANDARD && band != BAND_15_18);
	}
	dataset_release(&ds);
}

/* Every field of tiny's baseline, from its files:
 *   A01 meets all 19; A02 15 (lacks 16-19, cost factor 1.2); B01 5 (meets
 *   1, 4, 8, 15, 19; cost factor 1.5; criterion 11 not fundable).
 * Costs are gap x unit cost x cost factor, summed over fundable open gaps. */
static void test_tiny_every_field(void **state)
{
	(void)state;
	struct dataset ds;
	struct baseline b;
	load_ok(&ds, TINY);
	memset(&b, 0x5a, sizeof(b)); /* baseline_compute must set everything */
	baseline_compute(&ds, &b);

	assert_int_equal(b.band[BAND_STANDARD], 1);
	assert_int_equal(b.band[BAND_15_18], 1);
	assert_int_equal(b.band[BAND_10_14], 0);
	assert_int_equal(b.band[BAND_5_9], 1);
	assert_int_equal(b.band[BAND_BELOW_5], 0);
	assert_close(b.average_criteria, (19 + 15 + 5) / 3.0);

	/*                                  k: 1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 */
	static const int meeting[NTM_CRITERIA] = {3, 2, 2, 3, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 3, 1, 1, 1, 2};
	static const int unfundable[NTM_CRITERIA] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
	const double cost[NTM_CRITERIA] = {
		0,                      /* 1 met by all */
		2.5 * 1100 * 1.5,       /* 2: B01, 4125 */
		3 * 300 * 1.5,          /* 3: B01, 1350 */
		0,                      /* 4 */
		2 * 900 * 1.5,          /* 5: B01, 2700 */
		1 * 1500 * 1.5,         /* 6: B01, 2250 */
		1 * 2000 * 1.5,         /* 7: B01, 3000 */
		0,                      /* 8 */
		30 * 40 * 1.5,          /* 9: B01, 1800 */
		60 * 1.5 * 1.5,         /* 10: B01, 135 */
		0,                      /* 11: B01's gap is not fundable */
		40 * 4 * 1.5,           /* 12: B01, 240 */
		1 * 500 * 1.5,          /* 13: B01, 750 */
		50 * 2 * 1.5,           /* 14: B01, 150 */
		0,                      /* 15 */
		3 * 50 * 1.2 + 3 * 50 * 1.5,   /* 16: A02 180 + B01 225 */
		2 * 400 * 1.2 + 2 * 400 * 1.5, /* 17: A02 960 + B01 1200 */
		1 * 100 * 1.2 + 1 * 100 * 1.5, /* 18: A02 120 + B01 150 */
		1 * 100 * 1.2,          /* 19: A02 */
	};
	for (int k = 0; k < NTM_CRITERIA; k++) {
		assert_int_equal(b.meeting[k], meeting[k]);
		assert_int_equal(b.lacking_unfundable[k], unfundable[k]);
		assert_close(b.cost_by_criterion[k], cost[k]);
		/* targets.csv: criterion_communes 2 -> 2, no other. */
		assert_int_equal(b.target[k], k == 1 ? 2 : -1);
	}
	assert_close(b.cost_by_criterion[15], 405);
	assert_close(b.cost_by_criterion[16], 2160);
	assert_close(b.total_cost, 19455);
	/* budget.csv: 3000 + 500 + 3500.5 + 500. */
	assert_close(b.total_budget, 7500.5);
	dataset_release(&ds);
}

/* The bands' boundaries: 19 | 15-18 | 10-14 | 5-9 | below 5. */
static void test_band_boundaries(void **state)
{
	(void)state;
	assert_int_equal(baseline_band_of(0), BAND_BELOW_5);
	assert_int_equal(baseline_band_of(4), BAND_BELOW_5);
	assert_int_equal(baseline_band_of(5), BAND_5_9);
	assert_int_equal(baseline_band_of(9), BAND_5_9);
	assert_int_equal(baseline_band_of(10), BAND_10_14);
	assert_int_equal(baseline_band_of(14), BAND_10_14);
	assert_int_equal(baseline_band_of(15), BAND_15_18);
	assert_int_equal(baseline_band_of(18), BAND_15_18);
	assert_int_equal(baseline_band_of(19), BAND_STANDARD);
}

/* Whether `text` has a line equal to `line` (without its newline). */
static int has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, line, len) && (p[len] == '\n' || p[len] == '\0'))
			return 1;
	}
	return 0;
}

static void assert_has_line(const char *text, const char *line)
{
	if (!has_line(text, line))
		fail_msg("missing line \"%s\" in:\n%s", line, text);
}

/* The English report of tiny has the expected headline, band rows, average,
 * headings and budget summary; the call returns 0. */
static void test_print_tiny_english(void **state)
{
	(void)state;
	struct dataset ds;
	struct baseline b;
	load_ok(&ds, TINY);
	baseline_compute(&ds, &b);
	lang_set(LANG_EN);

	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(baseline_print(f, &ds, &b, NULL), 0);
	assert_int_equal(fclose(f), 0);

	assert_has_line(text, "Dataset 'tiny': 3 communes in 2 districts, 19 criteria; "
			      "plan 2016-2017, baseline 2015");
	assert_has_line(text, "1. Communes by district (baseline)");
	assert_has_line(text, "2. Communes by criteria met (baseline)");
	assert_has_line(text, "  19 criteria (standard)         1   33.3%");
	assert_has_line(text, "  15-18 criteria                 1   33.3%");
	assert_has_line(text, "  10-14 criteria                 0    0.0%");
	assert_has_line(text, "  5-9 criteria                   1   33.3%");
	assert_has_line(text, "  below 5 criteria               0    0.0%");
	assert_has_line(text, "  Total                          3  100.0%");
	assert_has_line(text, "  Average: 13.0 criteria per commune");
	assert_has_line(text, "3. Communes meeting each criterion, against the targets");
	assert_has_line(text, "4. Cost of closing every fundable gap, by criterion (million VND)");
	assert_has_line(text, "5. Budget by year and source, 2016-2017 (million VND)");
	assert_has_line(text, "  Money needed to close every fundable gap: 19,455; "
			      "budget: 7,501 (38.6%).");
	/* Rows whose figures come from the baseline: criterion 2 against its
	 * target, criterion 11's unfundable gap, the cost total. */
	assert_non_null(strstr(text, "Transport                         0        2            2        0             0"));
	assert_non_null(strstr(text, "Poor households                   1        2            -        -             1"));
	assert_non_null(strstr(text, "Total                                                                      19,455  100.0%"));
	/* Nothing in Vietnamese. */
	assert_null(strstr(text, "Bộ dữ liệu"));
	assert_null(strstr(text, "tiêu chí"));
	free(text);
	dataset_release(&ds);
}

/* A stream whose writes fail (/dev/full, unbuffered so that the first write
 * fails at once) makes baseline_print return -1, in both languages. */
static void test_print_write_error(void **state)
{
	(void)state;
	struct dataset ds;
	struct baseline b;
	load_ok(&ds, TINY);
	baseline_compute(&ds, &b);
	const enum lang langs[] = {LANG_EN, LANG_VI};
	for (size_t i = 0; i < 2; i++) {
		lang_set(langs[i]);
		FILE *full = fopen("/dev/full", "w");
		if (!full) {
			dataset_release(&ds);
			skip();
			return;
		}
		setvbuf(full, NULL, _IONBF, 0);
		assert_int_equal(baseline_print(full, &ds, &b, NULL), -1);
		fclose(full);
	}
	lang_set(LANG_EN);
	dataset_release(&ds);
}

/* Prints the report into a memory stream of `size` bytes, unbuffered, and
 * checks that the write error is reported. */
static void assert_print_fails_in(const struct dataset *ds, const struct baseline *b,
				  char *buf, size_t size, size_t full_len)
{
	FILE *small = fmemopen(buf, size, "w");
	assert_non_null(small);
	setvbuf(small, NULL, _IONBF, 0);
	int rc = baseline_print(small, ds, b, NULL);
	fclose(small);
	if (rc != -1)
		fail_msg("lang %d: report cut at byte %zu of %zu: returned %d, expected -1",
			 (int)lang_get(), size, full_len, rc);
}

/* A stream that fills up anywhere in the report, not only at the first
 * write, still makes baseline_print return -1: every section checks its
 * writes. The report is cut every 13 bytes, and one byte short of its end,
 * with a fixed-size memory stream. */
static void test_print_fails_midway(void **state)
{
	(void)state;
	struct dataset ds;
	struct baseline b;
	load_ok(&ds, TINY);
	baseline_compute(&ds, &b);
	const enum lang langs[] = {LANG_EN, LANG_VI};
	for (size_t i = 0; i < 2; i++) {
		lang_set(langs[i]);
		char *full_text = NULL;
		size_t full_len = 0;
		FILE *f = open_memstream(&full_text, &full_len);
		assert_non_null(f);
		assert_int_equal(baseline_print(f, &ds, &b, NULL), 0);
		assert_int_equal(fclose(f), 0);
		free(full_text);
		assert_true(full_len > 1000);

		char *buf = malloc(full_len + 1);
		assert_non_null(buf);
		for (size_t cut = 1; cut < full_len; cut += 13)
			assert_print_fails_in(&ds, &b, buf, cut, full_len);
		assert_print_fails_in(&ds, &b, buf, full_len - 1, full_len);
		free(buf);
	}
	lang_set(LANG_EN);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dienbien_published_baseline),
		cmocka_unit_test(test_dienbien_named_communes),
		cmocka_unit_test(test_tiny_every_field),
		cmocka_unit_test(test_band_boundaries),
		cmocka_unit_test(test_print_tiny_english),
		cmocka_unit_test(test_print_write_error),
		cmocka_unit_test(test_print_fails_midway),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
