/* Tests of suggest.c: the edit distance against a plain recursive
 * definition of it on every pair of short strings over a small alphabet,
 * and the "did you mean" choice on the commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "suggest.h"

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* The optimal string alignment distance straight from its definition
 * (exponential, for strings of a few letters): the oracle. */
static size_t osa(const char *a, size_t n, const char *b, size_t m)
{
	if (!n)
		return m;
	if (!m)
		return n;
	size_t best = min3(osa(a, n - 1, b, m) + 1, osa(a, n, b, m - 1) + 1,
			   osa(a, n - 1, b, m - 1) + (a[n - 1] != b[m - 1]));
	if (n > 1 && m > 1 && a[n - 1] == b[m - 2] && a[n - 2] == b[m - 1]) {
		size_t swap = osa(a, n - 2, b, m - 2) + 1;
		if (swap < best)
			best = swap;
	}
	return best;
}

/* Every string of length 0 to 4 over "abc" against every other. */
static void test_distance_matches_definition(void **state)
{
	(void)state;
	char words[1 + 3 + 9 + 27 + 81][5];
	size_t nwords = 0;
	for (size_t len = 0; len <= 4; len++) {
		size_t count = 1;
		for (size_t k = 0; k < len; k++)
			count *= 3;
		for (size_t code = 0; code < count; code++) {
			size_t c = code;
			for (size_t k = 0; k < len; k++, c /= 3)
				words[nwords][k] = (char)('a' + c % 3);
			words[nwords][len] = '\0';
			nwords++;
		}
	}
	for (size_t i = 0; i < nwords; i++)
		for (size_t j = 0; j < nwords; j++)
			assert_int_equal(suggest_distance(words[i], words[j]),
					 osa(words[i], strlen(words[i]), words[j], strlen(words[j])));
}

static void test_distance_cases(void **state)
{
	(void)state;
	assert_int_equal(suggest_distance("plna", "plan"), 1);    /* swap */
	assert_int_equal(suggest_distance("pln", "plan"), 1);     /* missing */
	assert_int_equal(suggest_distance("plann", "plan"), 1);   /* extra */
	assert_int_equal(suggest_distance("plon", "plan"), 1);    /* wrong */
	assert_int_equal(suggest_distance("sweep", "check"), 4);
	assert_int_equal(suggest_distance("", "plan"), 4);
	char long_word[SUGGEST_MAX_LEN + 2];
	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	assert_true(suggest_distance(long_word, "plan") == SIZE_MAX);
}

static const char *const commands[] = {"check", "plan", "compare", "sweep"};

static void test_best(void **state)
{
	(void)state;
	assert_string_equal(suggest_best("plna", commands, 4), "plan");
	assert_string_equal(suggest_best("chek", commands, 4), "check");
	assert_string_equal(suggest_best("chk", commands, 4), "check");
	assert_string_equal(suggest_best("comapre", commands, 4), "compare");
	assert_string_equal(suggest_best("swep", commands, 4), "sweep");
	assert_string_equal(suggest_best("Plan", commands, 4), "plan");
}

static void test_no_guess(void **state)
{
	(void)state;
	assert_null(suggest_best("xyz", commands, 4));     /* nothing close */
	assert_null(suggest_best("pl", commands, 4));      /* half of "plan" */
	assert_null(suggest_best("plan", commands, 4));    /* not a typo */
	assert_null(suggest_best("", commands, 4));
	assert_null(suggest_best("plna", commands, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance_matches_definition),
		cmocka_unit_test(test_distance_cases),
		cmocka_unit_test(test_best),
		cmocka_unit_test(test_no_guess),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
