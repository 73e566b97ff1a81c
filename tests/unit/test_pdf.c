/* Tests of pdf.c's date: --date checked as a calendar date,
 * SOURCE_DATE_EPOCH read as UTC, --date before it, today last. (The
 * document itself is checked from outside, with poppler-utils:
 * tests/e2e/pdf.sh.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "diag.h"
#include "lang.h"
#include "pdf.h"

/* The date pdf_date chooses, or "error" with the message in `msg`. */
static const char *chosen(const char *given, const char *epoch, time_t now, char *msg, size_t size)
{
	static char date[PDF_DATE_SIZE];
	struct diag_list diags;
	diag_list_init(&diags, 0);
	int rc = pdf_date(date, given, epoch, now, &diags);
	snprintf(msg, size, "%s", diags.nr ? diags.items[0].message : "");
	diag_list_release(&diags);
	return rc ? "error" : date;
}

static void test_given(void **state)
{
	char msg[256];
	(void)state;
	lang_set(LANG_EN);
	assert_string_equal(chosen("2016-12-02", NULL, 0, msg, sizeof(msg)), "2016-12-02");
	assert_string_equal(chosen("2016-02-29", NULL, 0, msg, sizeof(msg)), "2016-02-29");
	assert_string_equal(chosen("2000-02-29", NULL, 0, msg, sizeof(msg)), "2000-02-29");
	/* --date wins over SOURCE_DATE_EPOCH. */
	assert_string_equal(chosen("2020-01-31", "0", 0, msg, sizeof(msg)), "2020-01-31");
}

static void test_given_bad(void **state)
{
	static const char *const bad[] = {
		"2016-02-30", "1900-02-29", "2017-02-29", "2016-13-01", "2016-00-10",
		"2016-04-31", "2016-1-01", "2016-01-1", "16-01-01", "2016/01/01",
		"2016-01-01x", " 2016-01-01", "", "today", "1899-12-31", "2016-+1-01",
	};
	char msg[256];
	(void)state;
	lang_set(LANG_EN);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_string_equal(chosen(bad[i], NULL, 0, msg, sizeof(msg)), "error");
		assert_non_null(strstr(msg, "invalid --date"));
	}
}

static void test_source_date_epoch(void **state)
{
	char msg[256];
	(void)state;
	lang_set(LANG_EN);
	assert_string_equal(chosen(NULL, "0", 0, msg, sizeof(msg)), "1970-01-01");
	/* 2016-12-02T00:00:00Z and 23:59:59Z, whatever the local zone. */
	assert_string_equal(chosen(NULL, "1480636800", 0, msg, sizeof(msg)), "2016-12-02");
	assert_string_equal(chosen(NULL, "1480723199", 0, msg, sizeof(msg)), "2016-12-02");
	static const char *const bad[] = {"-1", "", "12x", "1e9", "yesterday",
					  "99999999999999999999999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_string_equal(chosen(NULL, bad[i], 0, msg, sizeof(msg)), "error");
		assert_non_null(strstr(msg, "invalid SOURCE_DATE_EPOCH"));
	}
}

static void test_today(void **state)
{
	char msg[256], want[PDF_DATE_SIZE + 8];
	time_t now = 1480636800 + 12 * 3600; /* noon UTC: the same day east and west */
	struct tm tm;
	(void)state;
	localtime_r(&now, &tm);
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	assert_string_equal(chosen(NULL, NULL, now, msg, sizeof(msg)), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given),
		cmocka_unit_test(test_given_bad),
		cmocka_unit_test(test_source_date_epoch),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
