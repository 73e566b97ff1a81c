/* Tests of diag.c: the limit and the count of dropped diagnostics, the
 * "file:line:col: message" rendering and its shorter forms, ownership of
 * the strings, and reuse of a list after release. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* Renders one diagnostic into memory and returns the text (to free). */
static char *rendered(const struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(diag_print(f, d), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Renders diagnostic `i` of the list and compares it with `expected`. */
static void assert_rendered(const struct diag_list *list, size_t i, const char *expected)
{
	assert_true(i < list->nr);
	char *text = rendered(&list->items[i]);
	assert_string_equal(text, expected);
	free(text);
}

/* A variadic wrapper, the way a module forwards its own arguments. */
static void add_through_addv(struct diag_list *list, const char *file, long line,
			     long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(list, file, line, column, fmt, ap);
	va_end(ap);
}

/* With a limit of 3, the first three diagnostics are kept in order and the
 * rest are only counted; diag_count counts both; diag_full turns true
 * exactly when the third is kept. */
static void test_limit_and_dropped(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 3);
	assert_int_equal(list.nr, 0);
	assert_int_equal(list.dropped, 0);
	assert_int_equal(diag_count(&list), 0);
	assert_false(diag_full(&list));

	diag_add(&list, "gaps.csv", 2, 1, "error %d", 1);
	assert_false(diag_full(&list));
	diag_add(&list, "gaps.csv", 3, 1, "error %d", 2);
	assert_false(diag_full(&list));
	diag_add(&list, "gaps.csv", 4, 1, "error %d", 3);
	assert_true(diag_full(&list));
	assert_int_equal(list.nr, 3);
	assert_int_equal(list.dropped, 0);
	assert_int_equal(diag_count(&list), 3);

	for (int i = 4; i <= 7; i++)
		diag_add(&list, "gaps.csv", i + 1, 1, "error %d", i);
	assert_int_equal(list.nr, 3);
	assert_int_equal(list.dropped, 4);
	assert_int_equal(diag_count(&list), 7);
	assert_true(diag_full(&list));

	/* The kept ones are the first three, not the last. */
	assert_string_equal(list.items[0].message, "error 1");
	assert_string_equal(list.items[1].message, "error 2");
	assert_string_equal(list.items[2].message, "error 3");
	assert_int_equal(list.items[2].line, 4);
	diag_list_release(&list);
}

/* A limit of 0 means no limit: a few hundred diagnostics (past any initial
 * capacity) are all kept, intact and in order, and the list is never full. */
static void test_no_limit(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 0);
	for (int i = 0; i < 300; i++) {
		diag_add(&list, "budget.csv", i + 2, 3, "row %d is wrong", i);
		assert_false(diag_full(&list));
	}
	assert_int_equal(list.nr, 300);
	assert_int_equal(list.dropped, 0);
	assert_int_equal(diag_count(&list), 300);
	for (int i = 0; i < 300; i++) {
		char expected[64];
		snprintf(expected, sizeof(expected), "row %d is wrong", i);
		assert_string_equal(list.items[i].message, expected);
		assert_string_equal(list.items[i].file, "budget.csv");
		assert_int_equal(list.items[i].line, i + 2);
		assert_int_equal(list.items[i].column, 3);
	}
	diag_list_release(&list);
}

/* The default limit is the documented 50: the 51st is dropped. */
static void test_default_limit(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, DIAG_DEFAULT_LIMIT);
	for (int i = 0; i < 51; i++)
		diag_add(&list, NULL, 0, 0, "n%d", i);
	assert_int_equal(DIAG_DEFAULT_LIMIT, 50);
	assert_int_equal(list.nr, 50);
	assert_int_equal(list.dropped, 1);
	assert_int_equal(diag_count(&list), 51);
	diag_list_release(&list);
}

/* The message is formatted printf-style, through diag_add and diag_addv,
 * and the fields are stored as given. */
static void test_formatting(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 10);
	diag_add(&list, "criteria.csv", 7, 2, "criterion %d given twice (%s)", 12, "Lao động");
	add_through_addv(&list, "sources.csv", 3, 0, "unknown source '%s' at %.1f", "tỉnh", 2.5);
	assert_int_equal(list.nr, 2);
	assert_string_equal(list.items[0].message, "criterion 12 given twice (Lao động)");
	assert_string_equal(list.items[0].file, "criteria.csv");
	assert_int_equal(list.items[0].line, 7);
	assert_int_equal(list.items[0].column, 2);
	assert_string_equal(list.items[1].message, "unknown source 'tỉnh' at 2.5");
	assert_int_equal(list.items[1].line, 3);
	assert_int_equal(list.items[1].column, 0);
	diag_list_release(&list);
}

/* Rendering: "file:line:col: message"; the column is left out when 0, the
 * line and column when the line is 0, and the whole location when there
 * is no file. Each diagnostic ends with one newline. */
static void test_rendering(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 10);
	diag_add(&list, "gaps.csv", 214, 4, "met=1 with a gap of %g", 2.5);
	diag_add(&list, "gaps.csv", 214, 0, "row has %d fields, header has %d", 4, 5);
	diag_add(&list, "targets.csv", 0, 0, "empty file");
	diag_add(&list, NULL, 0, 0, "out of memory");
	diag_add(&list, "dir/budget.csv", 1, 1, "%s", "missing column 'amount'");
	/* A column without a line is meaningless: it is left out too. */
	diag_add(&list, "sources.csv", 0, 3, "no rows");
	assert_int_equal(list.nr, 6);

	assert_rendered(&list, 0, "gaps.csv:214:4: met=1 with a gap of 2.5\n");
	assert_rendered(&list, 1, "gaps.csv:214: row has 4 fields, header has 5\n");
	assert_rendered(&list, 2, "targets.csv: empty file\n");
	assert_rendered(&list, 3, "out of memory\n");
	assert_rendered(&list, 4, "dir/budget.csv:1:1: missing column 'amount'\n");
	assert_rendered(&list, 5, "sources.csv: no rows\n");
	diag_list_release(&list);
}

/* A message with a '%' in an argument is written as it is (the message is
 * never used as a format again when printed). */
static void test_rendering_percent(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 10);
	diag_add(&list, "x.csv", 1, 2, "value '%s' is not a number", "50%d");
	assert_rendered(&list, 0, "x.csv:1:2: value '50%d' is not a number\n");
	diag_list_release(&list);
}

/* A diagnostic written to a stream that fails reports -1. */
static void test_print_write_error(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	if (!full) {
		skip();
		return;
	}
	setvbuf(full, NULL, _IONBF, 0);
	struct diag_list list;
	diag_list_init(&list, 10);
	diag_add(&list, "gaps.csv", 3, 4, "bad");
	diag_add(&list, NULL, 0, 0, "bad");
	assert_int_equal(diag_print(full, &list.items[0]), -1);
	assert_int_equal(diag_print(full, &list.items[1]), -1);
	fclose(full);
	diag_list_release(&list);
}

/* The list keeps its own copies: changing the caller's file name and
 * argument buffers after diag_add does not change the diagnostic. */
static void test_strings_are_copied(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 10);
	char file[32], word[32], fmt[32];
	strcpy(file, "communes.csv");
	strcpy(word, "Thanh Chăn");
	strcpy(fmt, "duplicate commune %s");
	diag_add(&list, file, 5, 1, fmt, word);
	memset(file, 'X', sizeof(file) - 1);
	memset(word, 'Y', sizeof(word) - 1);
	memset(fmt, 'Z', sizeof(fmt) - 1);
	file[sizeof(file) - 1] = word[sizeof(word) - 1] = fmt[sizeof(fmt) - 1] = '\0';

	assert_true(list.items[0].file != file);
	assert_string_equal(list.items[0].file, "communes.csv");
	assert_string_equal(list.items[0].message, "duplicate commune Thanh Chăn");
	assert_rendered(&list, 0, "communes.csv:5:1: duplicate commune Thanh Chăn\n");
	diag_list_release(&list);
}

/* Release frees everything and leaves an empty list with the same limit,
 * which can be filled again (and released twice without harm). */
static void test_release_then_reuse(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list, 2);
	for (int i = 0; i < 5; i++)
		diag_add(&list, "a.csv", i + 1, 1, "first round %d", i);
	assert_int_equal(diag_count(&list), 5);
	diag_list_release(&list);
	assert_int_equal(list.nr, 0);
	assert_int_equal(list.dropped, 0);
	assert_null(list.items);
	assert_int_equal(diag_count(&list), 0);
	assert_false(diag_full(&list));
	assert_int_equal(list.limit, 2);

	diag_add(&list, "b.csv", 9, 0, "second round");
	assert_int_equal(list.nr, 1);
	assert_int_equal(diag_count(&list), 1);
	assert_rendered(&list, 0, "b.csv:9: second round\n");
	diag_add(&list, "b.csv", 10, 0, "second round again");
	diag_add(&list, "b.csv", 11, 0, "dropped");
	assert_int_equal(list.nr, 2);
	assert_int_equal(list.dropped, 1);
	diag_list_release(&list);
	diag_list_release(&list);
	assert_int_equal(diag_count(&list), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_and_dropped),
		cmocka_unit_test(test_no_limit),
		cmocka_unit_test(test_default_limit),
		cmocka_unit_test(test_formatting),
		cmocka_unit_test(test_rendering),
		cmocka_unit_test(test_rendering_percent),
		cmocka_unit_test(test_print_write_error),
		cmocka_unit_test(test_strings_are_copied),
		cmocka_unit_test(test_release_then_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
