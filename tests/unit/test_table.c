/* Tests of table.c: columns line up by display width, not bytes; rules,
 * indent, alignment; no line ends in spaces; write errors are reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* "Ẳng Nưa" decomposed (see test_text.c). */
#define ANG_NUA_NFD "A\xCC\x86\xCC\x89ng Nu\xCC\x9B" "a"

/* Prints t into memory and returns the text (to free). */
static char *printed(const struct table *t, const char *indent)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(table_print(t, f, indent), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void assert_no_trailing_spaces(const char *text)
{
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p == text || p[-1] != ' ');
}

static void build_budget(struct table *t)
{
	table_init(t);
	assert_int_equal(table_add_column(t, "Xã", TEXT_LEFT), 0);
	assert_int_equal(table_add_column(t, "Điểm", TEXT_RIGHT), 0);
	assert_int_equal(table_add_column(t, "Vốn", TEXT_RIGHT), 0);
	assert_int_equal(table_add_column(t, "Ghi chú", TEXT_LEFT), 0);
	assert_int_equal(table_add_rowv(t, "Mường Phăng", "12", "1.250", "ưu tiên"), 0);
	assert_int_equal(table_add_rowv(t, "Ẳng Nưa", "7", "980", ""), 0);
	assert_int_equal(table_add_rowv(t, "Na Ư", "15", "12.345", "x"), 0);
	assert_int_equal(table_add_rule(t), 0);
	assert_int_equal(table_add_rowv(t, "Tổng", "34", "14.575", NULL), 0);
}

static void test_print_budget(void **state)
{
	(void)state;
	struct table t;
	build_budget(&t);
	/* Widths 11, 4, 6, 7 plus three gaps of 2: a rule of 34. The empty
	 * and missing notes leave their lines ending at the amount. */
	const char *expected =
		"  Xã           Điểm     Vốn  Ghi chú\n"
		"  ----------------------------------\n"
		"  Mường Phăng    12   1.250  ưu tiên\n"
		"  Ẳng Nưa         7     980\n"
		"  Na Ư           15  12.345  x\n"
		"  ----------------------------------\n"
		"  Tổng           34  14.575\n";
	char *got = printed(&t, "  ");
	assert_string_equal(got, expected);
	assert_no_trailing_spaces(got);
	free(got);
	table_release(&t);
}

static void test_print_decomposed_and_spaces(void **state)
{
	(void)state;
	struct table t;
	table_init(&t);
	assert_int_equal(table_add_column(&t, "Tên", TEXT_LEFT), 0);
	assert_int_equal(table_add_column(&t, "Số", TEXT_RIGHT), 0);
	const char *r1[] = { ANG_NUA_NFD, "1" };
	const char *r2[] = { "Na Ư", NULL };
	const char *r3[] = { "ab  ", "22" };
	const char *r4[] = { "", "" };
	assert_int_equal(table_add_row(&t, r1), 0);
	assert_int_equal(table_add_row(&t, r2), 0);
	assert_int_equal(table_add_row(&t, r3), 0);
	assert_int_equal(table_add_row(&t, r4), 0);
	/* A decomposed name is as wide as a precomposed one; a cell's own
	 * spaces count as columns but never end a line, nor do the indent's
	 * on a row with nothing in it. */
	const char *expected =
		"> Tên      Số\n"
		"> -----------\n"
		"> " ANG_NUA_NFD "   1\n"
		"> Na Ư\n"
		"> ab       22\n"
		">\n";
	char *got = printed(&t, "> ");
	assert_string_equal(got, expected);
	assert_no_trailing_spaces(got);
	free(got);
	table_release(&t);
}

static void test_print_no_rows(void **state)
{
	(void)state;
	struct table t;
	table_init(&t);
	assert_int_equal(table_add_column(&t, "Huyện", TEXT_LEFT), 0);
	assert_int_equal(table_add_column(&t, "Tiền", TEXT_RIGHT), 0);
	char *got = printed(&t, "");
	assert_string_equal(got, "Huyện  Tiền\n-----------\n");
	free(got);
	table_release(&t);
}

static void test_print_no_columns(void **state)
{
	(void)state;
	struct table t;
	table_init(&t);
	char *got = printed(&t, "  ");
	assert_string_equal(got, "");
	free(got);
	table_release(&t);
}

static void test_column_after_row(void **state)
{
	(void)state;
	struct table t;
	table_init(&t);
	assert_int_equal(table_add_column(&t, "A", TEXT_LEFT), 0);
	assert_int_equal(table_add_rowv(&t, "a"), 0);
	assert_int_equal(table_add_column(&t, "B", TEXT_LEFT), -1);
	assert_int_equal(t.ncols, 1);
	table_release(&t);
}

static void test_copies_strings(void **state)
{
	(void)state;
	struct table t;
	table_init(&t);
	char header[] = "Xã";
	char cell[] = "Pá Khoang";
	assert_int_equal(table_add_column(&t, header, TEXT_LEFT), 0);
	const char *row[] = { cell };
	assert_int_equal(table_add_row(&t, row), 0);
	header[0] = 'Y';
	cell[0] = 'M';
	char *got = printed(&t, "");
	assert_string_equal(got, "Xã\n---------\nPá Khoang\n");
	free(got);
	table_release(&t);
	/* Released tables are empty again and can be released twice. */
	assert_null(t.rows);
	assert_int_equal(t.ncols, 0);
	table_release(&t);
}

static void test_write_error(void **state)
{
	(void)state;
	struct table t;
	build_budget(&t);
	FILE *f = fopen("/dev/full", "w");
	if (!f) {
		table_release(&t);
		skip();
	}
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(table_print(&t, f, "  "), -1);
	fclose(f);

	/* Buffered, the error shows only when the buffer is written out;
	 * table_print still reports it. */
	f = fopen("/dev/full", "w");
	assert_non_null(f);
	assert_int_equal(table_print(&t, f, ""), -1);
	fclose(f);
	table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_budget),
		cmocka_unit_test(test_print_decomposed_and_spaces),
		cmocka_unit_test(test_print_no_rows),
		cmocka_unit_test(test_print_no_columns),
		cmocka_unit_test(test_column_after_row),
		cmocka_unit_test(test_copies_strings),
		cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
