#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "diag.h"
#include "lang.h"

#define FIXTURES NTM_TEST_DIR "/unit/csvread"

static struct diag_list diags;
static struct csv_table table;

static int setup(void **state)
{
	(void)state;
	lang_set(LANG_EN);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	memset(&table, 0, sizeof(table));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	csv_table_release(&table);
	diag_list_release(&diags);
	lang_set(LANG_EN);
	return 0;
}

static enum csvread_status parse(const char *text)
{
	return csv_table_parse(&table, text, strlen(text), "t.csv", &diags);
}

static void check_diag(size_t i, long line, long column, const char *message)
{
	assert_true(i < diags.nr);
	assert_string_equal(diags.items[i].file, "t.csv");
	assert_int_equal(diags.items[i].line, line);
	assert_int_equal(diags.items[i].column, column);
	assert_string_equal(diags.items[i].message, message);
}

static void check_row(size_t r, long line, const char *const *fields)
{
	assert_true(r < table.nrows);
	assert_int_equal(table.rows[r].line, line);
	assert_int_equal(table.rows[r].nfields, table.ncols);
	for (size_t i = 0; i < table.ncols; i++)
		assert_string_equal(table.rows[r].fields[i], fields[i]);
}

static void test_plain_file(void **state)
{
	(void)state;
	assert_int_equal(csv_table_read(&table, FIXTURES "/plain.csv",
					"plain.csv", &diags), CSVREAD_OK);
	assert_int_equal(diags.nr, 0);
	assert_string_equal(table.name, "plain.csv");
	assert_int_equal(table.dialect, CSV_DIALECT_COMMA);
	assert_int_equal(table.ncols, 5);
	assert_string_equal(table.header[0], "commune");
	assert_string_equal(table.header[4], "cost");
	assert_int_equal(table.nrows, 3);
	check_row(0, 2, (const char *[]){ "Thanh Chăn", "Điện Biên", "1234",
					 "0.125", "1234567.5" });
	check_row(1, 3, (const char *[]){ "Mường Phăng, xã", "Điện Biên", "87",
					 "12.5", "-3.25" });
	check_row(2, 4, (const char *[]){ "Na Son", "Điện Biên Đông", "0", "1",
					 "1,000,000.0" });
}

/* The same data as Excel saves it on a Vietnamese Windows: BOM, CRLF, ';',
 * decimal comma, '.' grouping and a trailing ";;;;" line. */
static void test_semicolon_file_same_as_plain(void **state)
{
	struct csv_table plain;
	(void)state;

	assert_int_equal(csv_table_read(&plain, FIXTURES "/plain.csv",
					"plain.csv", &diags), CSVREAD_OK);
	assert_int_equal(csv_table_read(&table, FIXTURES "/semicolon.csv",
					"semicolon.csv", &diags), CSVREAD_OK);
	assert_int_equal(diags.nr, 0);
	assert_int_equal(table.dialect, CSV_DIALECT_SEMICOLON);
	assert_int_equal(table.ncols, plain.ncols);
	assert_int_equal(table.nrows, plain.nrows);
	for (size_t i = 0; i < table.ncols; i++)
		assert_string_equal(table.header[i], plain.header[i]);
	for (size_t r = 0; r < table.nrows; r++) {
		const struct csv_row *a = &plain.rows[r], *b = &table.rows[r];
		long ia, ib;
		const char *why;

		assert_int_equal(b->line, a->line);
		assert_string_equal(b->fields[0], a->fields[0]);
		assert_string_equal(b->fields[1], a->fields[1]);
		assert_int_equal(csv_parse_integer(plain.dialect, a->fields[2],
						   &ia, &why), 0);
		assert_int_equal(csv_parse_integer(table.dialect, b->fields[2],
						   &ib, &why), 0);
		assert_int_equal(ia, ib);
		for (size_t i = 3; i < 5; i++) {
			double da, db;

			assert_int_equal(csv_parse_number(plain.dialect,
							  a->fields[i], &da,
							  &why), 0);
			assert_int_equal(csv_parse_number(table.dialect,
							  b->fields[i], &db,
							  &why), 0);
			assert_true(da == db);
		}
		for (size_t i = 0; i < b->nfields; i++)
			assert_null(strchr(b->fields[i], '\r'));
	}
	csv_table_release(&plain);
}

static void test_bom(void **state)
{
	(void)state;
	assert_int_equal(parse("\xEF\xBB\xBF" "name,value\nA,1\n"), CSVREAD_OK);
	assert_string_equal(table.header[0], "name");
	assert_int_equal(csv_table_column(&table, "name"), 0);
	check_row(0, 2, (const char *[]){ "A", "1" });
}

static void test_crlf(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b\r\n1,\"x\r\ny\"\r\n\r\n2,3\r\n4,5"),
			 CSVREAD_OK);
	assert_int_equal(table.nrows, 3);
	/* A line end inside a quoted field is kept as written (csv-spectrum's
	 * newlines_crlf). */
	check_row(0, 2, (const char *[]){ "1", "x\r\ny" });
	check_row(1, 5, (const char *[]){ "2", "3" });
	check_row(2, 6, (const char *[]){ "4", "5" });
}

/* Old Mac files end lines with a lone CR. */
static void test_lone_cr(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b\r1,2\r\r3,4\r"), CSVREAD_OK);
	check_row(0, 2, (const char *[]){ "1", "2" });
	check_row(1, 4, (const char *[]){ "3", "4" });
}

static void test_quoted_fields(void **state)
{
	(void)state;
	assert_int_equal(parse("name,note,n\n"
			       "\"a,b\",\"say \"\"hi\"\"\",1\n"
			       "c,\"two\nlines\",2\n"
			       "d,\"three\n\nlines, \"\"quoted\"\"\n\",3\n"
			       "  \" spaced \"  ,\t plain text \t,4\n"
			       "e,\"\",5\n"),
			 CSVREAD_OK);
	assert_int_equal(diags.nr, 0);
	assert_int_equal(table.nrows, 5);
	check_row(0, 2, (const char *[]){ "a,b", "say \"hi\"", "1" });
	check_row(1, 3, (const char *[]){ "c", "two\nlines", "2" });
	check_row(2, 5, (const char *[]){ "d", "three\n\nlines, \"quoted\"\n",
					 "3" });
	/* Spaces inside quotes are data; around an unquoted field they are
	 * not. */
	check_row(3, 9, (const char *[]){ " spaced ", "plain text", "4" });
	check_row(4, 10, (const char *[]){ "e", "", "5" });
}

static void test_blank_lines_skipped(void **state)
{
	(void)state;
	assert_int_equal(parse("\n  \na,b\n\n \t \n,\n\"\",\"\"\n1,2\n"
			       ",,,,\n3,\n;;\n"),
			 CSVREAD_INVALID);
	/* ";;" is one non-empty field in a comma file. */
	assert_int_equal(diags.nr, 1);
	check_diag(0, 11, 0, "expected 2 fields, found 1");
	assert_int_equal(table.nrows, 2);
	check_row(0, 8, (const char *[]){ "1", "2" });
	check_row(1, 10, (const char *[]){ "3", "" });
}

static void test_field_count(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n7,8,9\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 2);
	check_diag(0, 3, 0, "expected 3 fields, found 2");
	check_diag(1, 4, 0, "expected 3 fields, found 4");
	assert_int_equal(table.nrows, 2);
	check_row(0, 2, (const char *[]){ "1", "2", "3" });
	check_row(1, 6, (const char *[]){ "7", "8", "9" });
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b\n1,2\n3,\"abc\n4,5\n6,7\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 3, 2, "quoted field is not closed (missing '\"')");
	assert_int_equal(table.nrows, 1);
	check_row(0, 2, (const char *[]){ "1", "2" });
}

/* The quote that is left open is the one named, not the record's start. */
static void test_unterminated_quote_later_field(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b,c\n\"x\ny\",\"p\nq\",\"open\nmore\n"),
			 CSVREAD_INVALID);
	check_diag(0, 4, 3, "quoted field is not closed (missing '\"')");
}

static void test_stray_quote(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b\n1,x\"y\n2,\"z\" w\n3,4\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 2);
	check_diag(0, 2, 2, "misplaced '\"': quote the whole field and double "
			    "any '\"' inside it");
	check_diag(1, 3, 2, "misplaced '\"': quote the whole field and double "
			    "any '\"' inside it");
	assert_int_equal(table.nrows, 1);
	check_row(0, 4, (const char *[]){ "3", "4" });
}

/* Without a header nothing after it can be checked meaningfully. */
static void test_stray_quote_in_header(void **state)
{
	(void)state;
	assert_int_equal(parse("a\"b,c\n1,2\n"), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 1, 1, "misplaced '\"': quote the whole field and double "
			    "any '\"' inside it");
	assert_int_equal(table.nrows, 0);
}

/* A UTF-8 file with a few bad bytes (more valid sequences than bad bytes)
 * is not taken for Windows-1258: each field holding one is an error. */
static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_int_equal(parse("a,b,c\n1,2,3\n\"x\ny\",ok,bad\xC3(\n"
			       "4,\xFF,\xE1\x80\n5,6,7\nĐiện Biên,Mường Ảng,Tuần Giáo\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 3);
	check_diag(0, 3, 3, "invalid UTF-8 in field (save the file as 'CSV UTF-8')");
	check_diag(1, 5, 2, "invalid UTF-8 in field (save the file as 'CSV UTF-8')");
	check_diag(2, 5, 3, "invalid UTF-8 in field (save the file as 'CSV UTF-8')");
	assert_int_equal(table.nrows, 3);
	check_row(0, 2, (const char *[]){ "1", "2", "3" });
	check_row(1, 6, (const char *[]){ "5", "6", "7" });
	assert_false(table.windows_1258);
}

static void test_invalid_utf8_vietnamese(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	assert_int_equal(parse("a,b\n1,\xFF\nĐà,Nẵng\n"), CSVREAD_INVALID);
	check_diag(0, 2, 2, "trường chứa UTF-8 không hợp lệ "
			    "(hãy lưu tệp dạng 'CSV UTF-8')");
}

static void test_invalid_utf8_header(void **state)
{
	(void)state;
	assert_int_equal(parse("a,\xFF,c\n1,2,3\nĐiện,Biên,Phủ\n"), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 1, 2, "invalid UTF-8 in field (save the file as 'CSV UTF-8')");
	/* The column keeps its place. */
	assert_int_equal(table.ncols, 3);
	assert_int_equal(csv_table_column(&table, "c"), 2);
	check_row(0, 2, (const char *[]){ "1", "2", "3" });
}

/* Excel's plain "CSV" on a Vietnamese Windows: Windows-1258, tone marks
 * as combining characters ("Điện Biên", "Mường Ảng"); read as NFC. */
static void test_windows_1258(void **state)
{
	(void)state;
	assert_int_equal(parse("id;name;f\n1;\xD0i\xEA\xF2n Bi\xEAn;1,5\n"
			       "2;M\xFD\xF5\xCCng A\xD2ng;2\n"), CSVREAD_OK);
	assert_true(table.windows_1258);
	assert_int_equal(table.dialect, CSV_DIALECT_SEMICOLON);
	check_row(0, 2, (const char *[]){ "1", "Điện Biên", "1,5" });
	check_row(1, 3, (const char *[]){ "2", "Mường Ảng", "2" });
}

static void test_legacy_fonts_refused(void **state)
{
	(void)state;
	/* TCVN3 "Điện Biên" on line 3, field 2. */
	assert_int_equal(parse("id,name\n1,x\n2,\xA7i\xD6n Bi\xAAn\n"), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 2);
	assert_non_null(strstr(diags.items[0].message, "TCVN3"));
	assert_int_equal(table.nrows, 0);
	csv_table_release(&table);
	diag_list_release(&diags);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	/* VNI "Điện Biên" saved as UTF-8. */
	assert_int_equal(parse("id,name\n1,Ñieän Bieân\n"), CSVREAD_INVALID);
	assert_non_null(strstr(diags.items[0].message, "VNI"));
	assert_non_null(strstr(diags.items[0].message, "'Ñieän'"));
}

/* Names compare equal whether typed precomposed or decomposed. */
static void test_nfd_equals_nfc(void **state)
{
	(void)state;
	assert_int_equal(parse("a\nMu\xCC\x9Bo\xCC\x9B\xCC\x80ng A\xCC\x89ng\n"
			       "M\xC6\xB0\xE1\xBB\x9Dng \xE1\xBA\xA2ng\n"), CSVREAD_OK);
	assert_string_equal(table.rows[0].fields[0], table.rows[1].fields[0]);
}

/* A line above CSV_LINE_MAX stops the reading at that line; a long field
 * below it is read whole. */
static void test_line_too_long(void **state)
{
	size_t n = CSV_LINE_MAX + 10;
	char *s = malloc(n + 20);
	(void)state;
	assert_non_null(s);
	strcpy(s, "a,b\n1,");
	memset(s + 6, 'x', n);
	strcpy(s + 6 + n, "\n2,3\n");
	assert_int_equal(csv_table_parse(&table, s, strlen(s), "t.csv", &diags), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 2, 2, "line longer than 1048576 bytes (a line without end, or not a CSV file?)");
	csv_table_release(&table);
	diag_list_release(&diags);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	memset(s + 6, 'y', 10000);
	strcpy(s + 6 + 10000, "\n");
	assert_int_equal(csv_table_parse(&table, s, strlen(s), "t.csv", &diags), CSVREAD_OK);
	assert_int_equal(strlen(table.rows[0].fields[1]), 10000);
	free(s);
}

static void test_nul_byte(void **state)
{
	static const char data[] = "a,b\n1,x\0y\n2,3\n";
	(void)state;

	assert_int_equal(csv_table_parse(&table, data, sizeof(data) - 1,
					 "t.csv", &diags), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 2, 2, "NUL byte in field");
	check_row(0, 3, (const char *[]){ "2", "3" });
}

static void test_utf16(void **state)
{
	static const char data[] = "\xFF\xFE" "a\0,\0b\0\n\0";
	(void)state;

	assert_int_equal(csv_table_parse(&table, data, sizeof(data) - 1,
					 "t.csv", &diags), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	check_diag(0, 0, 0, "the file is UTF-16 text; save it as 'CSV UTF-8'");
}

static void test_header_names(void **state)
{
	(void)state;
	assert_int_equal(parse("a,,b, a ,\" b\"\n1,2,3,4,5\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 2);
	check_diag(0, 1, 2, "empty column name");
	check_diag(1, 1, 4, "duplicate column name 'a' (also column 1)");
	/* Quoted spaces are kept in the name, but a column is found as a
	 * person reads its name: the first of "b" and " b". */
	assert_string_equal(table.header[4], " b");
	assert_int_equal(csv_table_column(&table, " b"), 2);
	assert_int_equal(table.nrows, 1);
}

static void test_header_names_vietnamese(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	assert_int_equal(parse("xã;;xã\n"), CSVREAD_INVALID);
	check_diag(0, 1, 2, "tên cột trống");
	check_diag(1, 1, 3, "tên cột 'xã' bị trùng (giống cột 1)");
}

/* A decomposed name (typed with combining marks) equals the precomposed
 * one; so do the column names. */
static void test_nfc(void **state)
{
	(void)state;
	assert_int_equal(parse("x\xC3\xA3\n"          /* "xã" precomposed */
			       "Thanh Cha\xCC\x86n\n" /* a + combining breve */
			       "Thanh Ch\xC4\x83n\n"),
			 CSVREAD_OK);
	assert_int_equal(csv_table_column(&table, "x\xC3\xA3"), 0);
	assert_int_equal(table.nrows, 2);
	assert_string_equal(table.rows[0].fields[0], "Thanh Ch\xC4\x83n");
	assert_string_equal(table.rows[0].fields[0], table.rows[1].fields[0]);
}

static void test_nfc_duplicate_header(void **state)
{
	(void)state;
	assert_int_equal(parse("Ch\xC4\x83n,Cha\xCC\x86n\n"), CSVREAD_INVALID);
	check_diag(0, 1, 2, "duplicate column name 'Chăn' (also column 1)");
}

static void test_table_column(void **state)
{
	(void)state;
	assert_int_equal(parse(" id ,\"tên xã\",value\n1,2,3\n"), CSVREAD_OK);
	assert_int_equal(csv_table_column(&table, "id"), 0);
	assert_int_equal(csv_table_column(&table, "tên xã"), 1);
	assert_int_equal(csv_table_column(&table, "value"), 2);
	/* Case, diacritics, spaces and '_' for ' ' do not matter. */
	assert_int_equal(csv_table_column(&table, "Value"), 2);
	assert_int_equal(csv_table_column(&table, " ID "), 0);
	assert_int_equal(csv_table_column(&table, "TEN_XA"), 1);
	assert_int_equal(csv_table_column(&table, "Tên  Xã"), 1);
	assert_int_equal(csv_table_column(&table, "ten xa 2"), -1);
	assert_int_equal(csv_table_column(&table, ""), -1);
}

static void test_dialect_detection(void **state)
{
	(void)state;
	assert_int_equal(parse("\"a;b\",c\n1,2\n"), CSVREAD_OK);
	assert_int_equal(table.dialect, CSV_DIALECT_COMMA);
	assert_string_equal(table.header[0], "a;b");
	csv_table_release(&table);

	assert_int_equal(parse("\n\"x,y\";z\n1,5;2\n"), CSVREAD_OK);
	assert_int_equal(table.dialect, CSV_DIALECT_SEMICOLON);
	assert_string_equal(table.header[0], "x,y");
	check_row(0, 3, (const char *[]){ "1,5", "2" });
}

static void test_empty_file(void **state)
{
	(void)state;
	assert_int_equal(parse(""), CSVREAD_INVALID);
	check_diag(0, 0, 0, "empty file: no header line");
	csv_table_release(&table);
	diag_list_release(&diags);

	assert_int_equal(parse("\xEF\xBB\xBF\r\n;;;\r\n"), CSVREAD_INVALID);
	check_diag(0, 0, 0, "empty file: no header line");
	assert_int_equal(table.ncols, 0);
}

/* A full list stops the reading, but what was read is kept. */
static void test_diag_limit(void **state)
{
	(void)state;
	diag_list_init(&diags, 2);
	assert_int_equal(parse("a,b\n1,2\n1\n2\n3,4\n5\n6,7\n"),
			 CSVREAD_INVALID);
	assert_int_equal(diags.nr, 2);
	assert_true(diag_full(&diags));
	check_diag(1, 4, 0, "expected 2 fields, found 1");
	check_row(0, 2, (const char *[]){ "1", "2" });
}

/* A list filled by an earlier file: this file's first error stops it. */
static void test_diag_list_already_full(void **state)
{
	(void)state;
	diag_list_init(&diags, 1);
	diag_add(&diags, "other.csv", 1, 0, "earlier");
	assert_int_equal(parse("a,b\n1,2\n"), CSVREAD_OK);
	assert_int_equal(table.nrows, 1);
	csv_table_release(&table);
	assert_int_equal(parse("a,b\n1\n2\n3,4\n"), CSVREAD_INVALID);
	assert_int_equal(diags.nr, 1);
	assert_int_equal(diags.dropped, 1);
}

static void test_release_twice(void **state)
{
	struct csv_table zero = { 0 };
	(void)state;

	csv_table_release(&zero);
	assert_int_equal(parse("a\n1\n"), CSVREAD_OK);
	csv_table_release(&table);
	csv_table_release(&table);
	assert_null(table.rows);
	assert_int_equal(table.nrows, 0);
}

static void test_missing_file(void **state)
{
	(void)state;
	assert_int_equal(csv_table_read(&table, FIXTURES "/no-such-file.csv",
					"no-such-file.csv", &diags),
			 CSVREAD_MISSING);
	assert_int_equal(diags.nr, 0);
}

static void test_directory(void **state)
{
	(void)state;
	assert_int_equal(csv_table_read(&table, FIXTURES, "csvread", &diags),
			 CSVREAD_MISSING);
	assert_int_equal(diags.nr, 1);
	assert_null(diags.items[0].file);
	assert_string_equal(diags.items[0].message,
			    "cannot read 'csvread': Is a directory");
}

struct number_case {
	enum csv_dialect dialect;
	const char *text;
	double value;
};

#define C CSV_DIALECT_COMMA
#define S CSV_DIALECT_SEMICOLON

static void test_numbers(void **state)
{
	static const struct number_case good[] = {
		{ C, "0", 0 },
		{ C, "42", 42 },
		{ C, "-42", -42 },
		{ C, "+42", 42 },
		{ C, "007", 7 },
		{ C, "0.125", 0.125 },
		{ C, "-3.25", -3.25 },
		{ C, "1234567.5", 1234567.5 },
		{ C, "1,234.5", 1234.5 },
		{ C, "1,234,567.25", 1234567.25 },
		{ C, "-12,345.0", -12345 },
		{ C, "1.234", 1.234 },
		{ S, "0", 0 },
		{ S, "42", 42 },
		{ S, "-42", -42 },
		{ S, "0,125", 0.125 },
		{ S, "-3,25", -3.25 },
		{ S, "1,5", 1.5 },
		{ S, "1.234", 1234 },
		{ S, "12.345", 12345 },
		{ S, "123.456", 123456 },
		{ S, "1.234.567,5", 1234567.5 },
		{ S, "-1.234.567,25", -1234567.25 },
		{ S, "1234567,5", 1234567.5 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *why = NULL;
		double v = -1;

		if (csv_parse_number(good[i].dialect, good[i].text, &v, &why))
			fail_msg("'%s' refused: %s", good[i].text, why);
		if (v != good[i].value)
			fail_msg("'%s' read as %g", good[i].text, v);
		assert_null(why);
	}
}

struct refusal {
	enum csv_dialect dialect;
	const char *text;
	const char *why;
};

#define SPACES "spaces inside a number"
#define NOTNUM "not a number"
#define EXPONENT "exponent notation is not accepted"
#define MANYDEC "more than one decimal mark"
#define NOINT "no digits before the decimal mark"
#define NOFRAC "no digits after the decimal mark"
#define SEMIDOT "in a ';'-separated file '.' only groups thousands and ',' is the decimal mark"
#define COMMADEC "in a ','-separated file the decimal mark is '.'"
#define AMBIGUOUS "ambiguous: is ',' a decimal mark or thousands grouping?"
#define GROUPING "bad thousands grouping"
#define NOPOINT "',' groups thousands only in a number with a decimal point"
#define RANGE "out of range"

static const struct refusal number_refusals[] = {
	{ C, "", "empty" },
	{ S, "", "empty" },
	{ C, "-", NOTNUM },
	{ C, "+", NOTNUM },
	{ C, "abc", NOTNUM },
	{ C, "12a", NOTNUM },
	{ C, "--1", NOTNUM },
	{ C, "1-2", NOTNUM },
	{ C, "nan", NOTNUM },
	{ C, "NaN", NOTNUM },
	{ C, "inf", NOTNUM },
	{ C, "-Infinity", NOTNUM },
	{ S, "nan", NOTNUM },
	{ C, "0x10", NOTNUM },
	{ C, "1e5", EXPONENT },
	{ C, "1.5E-3", EXPONENT },
	{ S, "1,5e3", EXPONENT },
	{ C, "1 234", SPACES },
	{ C, " 12", SPACES },
	{ C, "12 ", SPACES },
	{ S, "1\t5", SPACES },
	{ C, "- 5", SPACES },
	{ C, "1.2.3", MANYDEC },
	{ S, "1,2,3", MANYDEC },
	{ C, ".5", NOINT },
	{ S, ",5", NOINT },
	{ C, "-.5", NOINT },
	{ C, "5.", NOFRAC },
	{ S, "5,", NOFRAC },
	/* Comma dialect: ',' only groups, and only beside a decimal point. */
	{ C, "1,234", AMBIGUOUS },
	{ C, "-999,000", AMBIGUOUS },
	{ C, "1,234,567", NOPOINT },
	{ C, "1,5", COMMADEC },
	{ C, "0,125", COMMADEC },
	{ C, "1.234,5", COMMADEC },
	{ C, "1,23.5", GROUPING },
	{ C, "1,2345.5", GROUPING },
	{ C, "0,125.5", GROUPING },
	{ C, "1234,567.5", GROUPING },
	{ C, ",123.5", GROUPING },
	{ C, "1,,234.5", GROUPING },
	{ C, "1,234,56.5", GROUPING },
	/* Semicolon dialect: '.' groups by exactly three digits. */
	{ S, "1.5", SEMIDOT },
	{ S, "0.125", SEMIDOT },
	{ S, "12.5", SEMIDOT },
	{ S, "1.2345", SEMIDOT },
	{ S, "1234.567", SEMIDOT },
	{ S, "1.234.5", SEMIDOT },
	{ S, "1..234", SEMIDOT },
	{ S, ".123", SEMIDOT },
	{ S, "123.", SEMIDOT },
	{ S, "01.234", SEMIDOT },
	{ S, "1,234.5", SEMIDOT },
	{ S, "1.234,5.6", SEMIDOT },
	{ C, "1" "000000000000000000000000000000000000000000000000000000000000"
	     "000000000000000000000000000000000000000000000000000000000000"
	     "000000000000000000000000000000000000000000000000000000000000"
	     "000000000000000000000000000000000000000000000000000000000000"
	     "000000000000000000000000000000000000000000000000000000000000"
	     "000000000000000000000000000000000000000000000000000000000000",
	  RANGE },
};

static void test_number_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(number_refusals) /
			       sizeof(number_refusals[0]); i++) {
		const struct refusal *c = &number_refusals[i];
		const char *why = NULL;
		double v = 12345;

		if (!csv_parse_number(c->dialect, c->text, &v, &why))
			fail_msg("'%s' accepted as %g", c->text, v);
		assert_true(v == 12345);
		assert_non_null(why);
		if (strcmp(why, c->why))
			fail_msg("'%s': '%s', expected '%s'", c->text, why,
				 c->why);
	}
}

static void test_number_too_long(void **state)
{
	char text[600];
	const char *why;
	double v;
	(void)state;

	memset(text, '1', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	assert_int_equal(csv_parse_number(C, text, &v, &why), -1);
	assert_string_equal(why, "too many digits");
	/* A NULL `why` is allowed. */
	assert_int_equal(csv_parse_number(C, "x", &v, NULL), -1);
}

static void test_number_vietnamese(void **state)
{
	const char *why;
	double v;
	(void)state;

	lang_set(LANG_VI);
	assert_int_equal(csv_parse_number(C, "1,234", &v, &why), -1);
	assert_string_equal(why, "không rõ nghĩa: dấu ',' là dấu thập phân "
				 "hay dấu nhóm hàng nghìn?");
	assert_int_equal(csv_parse_number(S, "0.125", &v, &why), -1);
	assert_string_equal(why, "trong tệp phân cách bằng ';', dấu '.' chỉ "
				 "để nhóm hàng nghìn và dấu ',' là dấu thập phân");
}

static void test_integers(void **state)
{
	static const struct {
		enum csv_dialect dialect;
		const char *text;
		long value;
	} good[] = {
		{ C, "0", 0 },
		{ C, "-17", -17 },
		{ C, "+17", 17 },
		{ C, "9223372036854775807", LONG_MAX },
		{ C, "-9223372036854775808", LONG_MIN },
		{ S, "1.234", 1234 },
		{ S, "-1.234.567", -1234567 },
		{ S, "9.223.372.036.854.775.807", LONG_MAX },
	};
	static const struct refusal bad[] = {
		{ C, "", "empty" },
		{ C, "1.0", "a whole number is expected" },
		{ C, "1.5", "a whole number is expected" },
		{ S, "1,0", "a whole number is expected" },
		{ C, "1,234", AMBIGUOUS },
		{ C, "1,234,567", NOPOINT },
		{ S, "1.5", SEMIDOT },
		{ S, "0.125", SEMIDOT },
		{ C, "1e3", EXPONENT },
		{ C, "1 000", SPACES },
		{ C, "x", NOTNUM },
		{ C, "9223372036854775808", RANGE },
		{ C, "-9223372036854775809", RANGE },
		{ C, "99999999999999999999999", RANGE },
		{ S, "9.223.372.036.854.775.808", RANGE },
	};
	(void)state;

	assert_int_equal(sizeof(long), 8);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *why = NULL;
		long v = -1;

		if (csv_parse_integer(good[i].dialect, good[i].text, &v, &why))
			fail_msg("'%s' refused: %s", good[i].text, why);
		assert_int_equal(v, good[i].value);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = NULL;
		long v = 12345;

		if (!csv_parse_integer(bad[i].dialect, bad[i].text, &v, &why))
			fail_msg("'%s' accepted as %ld", bad[i].text, v);
		assert_int_equal(v, 12345);
		if (strcmp(why, bad[i].why))
			fail_msg("'%s': '%s', expected '%s'", bad[i].text, why,
				 bad[i].why);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_plain_file),
		T(test_semicolon_file_same_as_plain),
		T(test_bom),
		T(test_crlf),
		T(test_windows_1258),
		T(test_legacy_fonts_refused),
		T(test_nfd_equals_nfc),
		T(test_line_too_long),
		T(test_lone_cr),
		T(test_quoted_fields),
		T(test_blank_lines_skipped),
		T(test_field_count),
		T(test_unterminated_quote),
		T(test_unterminated_quote_later_field),
		T(test_stray_quote),
		T(test_stray_quote_in_header),
		T(test_invalid_utf8),
		T(test_invalid_utf8_vietnamese),
		T(test_invalid_utf8_header),
		T(test_nul_byte),
		T(test_utf16),
		T(test_header_names),
		T(test_header_names_vietnamese),
		T(test_nfc),
		T(test_nfc_duplicate_header),
		T(test_table_column),
		T(test_dialect_detection),
		T(test_empty_file),
		T(test_diag_limit),
		T(test_diag_list_already_full),
		T(test_release_twice),
		T(test_missing_file),
		T(test_directory),
		T(test_numbers),
		T(test_number_refusals),
		T(test_number_too_long),
		T(test_number_vietnamese),
		T(test_integers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
