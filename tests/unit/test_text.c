/* Tests of text.c: display width, UTF-8 validation, NFC, padding and
 * numbers grouped the Vietnamese and the English way. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "text.h"

/* "Điện Biên Đông" decomposed: ệ is e + dot below (U+0323) + circumflex
 * (U+0302), ê and ô carry U+0302; Đ has no decomposition. The literals are
 * split where a hex escape would otherwise swallow the next letter. */
#define DIEN_BIEN_DONG_NFD \
	"\xC4\x90ie\xCC\xA3\xCC\x82n Bie\xCC\x82n \xC4\x90o\xCC\x82ng"
/* "Ẳng Nưa" decomposed: A + breve (U+0306) + hook above (U+0309), and
 * u + horn (U+031B). */
#define ANG_NUA_NFD "A\xCC\x86\xCC\x89ng Nu\xCC\x9B" "a"

static void test_width_ascii(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Tuan Giao"), 9);
}

static void test_width_vietnamese(void **state)
{
	(void)state;
	/* Two or three bytes per letter, one column each. */
	assert_int_equal(strlen("Điện Biên Đông"), 20);
	assert_int_equal(text_width("Điện Biên Đông"), 14);
	assert_int_equal(text_width("Ẳng Nưa"), 7);
	/* Combining marks take no column. */
	assert_string_not_equal(DIEN_BIEN_DONG_NFD, "Điện Biên Đông");
	assert_int_equal(text_width(DIEN_BIEN_DONG_NFD), 14);
	assert_int_equal(text_width(ANG_NUA_NFD), 7);
}

static void test_width_wide(void **state)
{
	(void)state;
	assert_int_equal(text_width("中"), 2);
	assert_int_equal(text_width("a中b"), 4);
}

static void test_width_invalid(void **state)
{
	(void)state;
	assert_int_equal(text_width("a\xFF" "b"), 3);
	assert_int_equal(text_width("\x80\x80"), 2);
	/* A sequence cut short: each byte left counts one. */
	assert_int_equal(text_width("x\xE1\xBA"), 3);
	assert_int_equal(text_width("\xC3"), 1);
	/* Overlong '/' and a surrogate are not characters either. */
	assert_int_equal(text_width("\xC0\xAF"), 2);
	assert_int_equal(text_width("\xED\xA0\x80"), 3);
}

static void assert_invalid(const char *s, size_t len, size_t expected_offset)
{
	size_t off = (size_t)-1;
	assert_int_equal(text_valid_utf8(s, len, &off), 0);
	assert_int_equal(off, expected_offset);
}

static void test_valid_utf8(void **state)
{
	(void)state;
	size_t off = 12345;
	assert_int_equal(text_valid_utf8("", 0, &off), 1);
	assert_int_equal(off, 12345);
	const char *s = "Ẳng Nưa, Điện Biên, 中";
	assert_int_equal(text_valid_utf8(s, strlen(s), &off), 1);
	assert_int_equal(text_valid_utf8(s, strlen(s), NULL), 1);
	/* U+10FFFF, the last code point, is fine. */
	assert_int_equal(text_valid_utf8("\xF4\x8F\xBF\xBF", 4, NULL), 1);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_invalid("\x80", 1, 0);                 /* lone continuation */
	assert_invalid("ab\xFF", 3, 2);
	assert_invalid("a\xC1\x81", 3, 1);            /* overlong 'A' */
	assert_invalid("\xC0\xAF", 2, 0);             /* overlong '/' */
	assert_invalid("\xE0\x80\xAF", 3, 0);         /* overlong, 3 bytes */
	assert_invalid("\xF0\x80\x80\xAF", 4, 0);     /* overlong, 4 bytes */
	assert_invalid("x\xED\xA0\x80", 4, 1);        /* surrogate U+D800 */
	assert_invalid("\xED\xBF\xBF", 3, 0);         /* surrogate U+DFFF */
	assert_invalid("\xF4\x90\x80\x80", 4, 0);     /* U+110000 */
	assert_invalid("\xF5\x80\x80\x80", 4, 0);
	assert_invalid("ab\xE1\xBA", 4, 2);           /* cut short */
	/* len is respected: the three bytes of Ẳ cut after two. */
	assert_invalid("Ẳ", 2, 0);
	assert_int_equal(text_valid_utf8("\xFF", 0, NULL), 1);
	assert_int_equal(text_valid_utf8("\xFF", 1, NULL), 0);
}

static void test_nfc(void **state)
{
	(void)state;
	assert_string_not_equal(ANG_NUA_NFD, "Ẳng Nưa");
	char *a = text_nfc(ANG_NUA_NFD);
	char *b = text_nfc("Ẳng Nưa");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, "Ẳng Nưa");
	assert_string_equal(b, "Ẳng Nưa");
	free(a);
	free(b);

	char *c = text_nfc(DIEN_BIEN_DONG_NFD);
	assert_non_null(c);
	assert_string_equal(c, "Điện Biên Đông");
	free(c);

	char *e = text_nfc("");
	assert_non_null(e);
	assert_string_equal(e, "");
	free(e);
}

static void test_nfc_invalid(void **state)
{
	(void)state;
	assert_null(text_nfc("Na \xFF"));
	assert_null(text_nfc("\xC0\xAF"));
	assert_null(text_nfc("\xED\xA0\x80"));
	assert_null(text_nfc("\xF4\x90\x80\x80"));
	assert_null(text_nfc("ab\xE1\xBA"));
}

/* Runs text_pad into memory and returns what it wrote (to free). */
static char *padded(const char *s, size_t width, enum text_align align)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(text_pad(f, s, width, align), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_pad(void **state)
{
	(void)state;
	struct {
		const char *s;
		size_t width;
		enum text_align align;
		const char *expected;
	} cases[] = {
		{ "Đông", 6, TEXT_LEFT, "Đông  " },
		{ "Đông", 6, TEXT_RIGHT, "  Đông" },
		{ ANG_NUA_NFD, 8, TEXT_RIGHT, " " ANG_NUA_NFD },
		{ "Mường Phăng", 4, TEXT_LEFT, "Mường Phăng" },
		{ "Mường Phăng", 4, TEXT_RIGHT, "Mường Phăng" },
		{ "", 3, TEXT_LEFT, "   " },
		{ "中", 3, TEXT_RIGHT, " 中" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = padded(cases[i].s, cases[i].width, cases[i].align);
		assert_string_equal(got, cases[i].expected);
		free(got);
	}
}

static void test_pad_write_error(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(text_pad(f, "Đông", 6, TEXT_LEFT), -1);
	fclose(f);
}

#define assert_number(value, decimals, expected) do { \
		char buf_[TEXT_NUMBER_SIZE]; \
		assert_string_equal(text_number(buf_, sizeof(buf_), (value), (decimals)), \
				    (expected)); \
	} while (0)

static void test_number_vi(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	assert_number(0, 0, "0");
	assert_number(-0.0, 0, "0");
	assert_number(-0.0, 2, "0,00");
	assert_number(-0.04, 1, "0,0");
	assert_number(999, 0, "999");
	assert_number(1000, 0, "1.000");
	assert_number(1234567.5, 1, "1.234.567,5");
	assert_number(1234567.5, 0, "1.234.568");
	assert_number(2.5, 0, "3");
	assert_number(-2.5, 0, "-3");
	assert_number(1234.5, 0, "1.235");
	assert_number(0.5, 0, "1");
	assert_number(0.05, 1, "0,1");
	assert_number(0.5, 2, "0,50");
	assert_number(0.004, 2, "0,00");
	assert_number(999999.5, 0, "1.000.000");
	assert_number(1e12, 0, "1.000.000.000.000");
	assert_number(1e15, 0, "1.000.000.000.000.000");
	assert_number(1e15, 2, "1.000.000.000.000.000,00");
	assert_number(123456789012345.0, 0, "123.456.789.012.345");
	assert_number(-999, 0, "-999");
	assert_number(-1000, 0, "-1.000");
	assert_number(-1234567.25, 2, "-1.234.567,25");
	assert_number(-999.5, 0, "-1.000");
	assert_number(-1e12, 0, "-1.000.000.000.000");
	assert_number(12, -1, "12");
}

/* Rounding follows the decimal written, not the binary double just below
 * or above it, and large amounts keep their fraction. */
static void test_number_rounding(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	assert_number(1.005, 2, "1,01");        /* stored as 1.00499... */
	assert_number(1.15, 1, "1,2");          /* stored as 1.14999... */
	assert_number(0.125, 2, "0,13");
	assert_number(-0.125, 2, "-0,13");
	assert_number(0.1 + 0.2, 2, "0,30");
	assert_number(9.995, 2, "10,00");
	assert_number(99999.95, 1, "100.000,0");
	assert_number(1e15 + 0.5, 2, "1.000.000.000.000.000,50");
	assert_number(1e15 + 0.5, 0, "1.000.000.000.000.001");
	assert_number(4503599627370497.0, 0, "4.503.599.627.370.497");
	assert_number(1.5e-7, 9, "0,000000150");
	assert_number(1e-300, 2, "0,00");
	/* More decimals than the buffer allows are cut to nine. */
	assert_number(0.5, 12, "0,500000000");
}

static void test_number_huge(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	char buf[TEXT_NUMBER_SIZE];
	assert_string_equal(text_number(buf, sizeof(buf), 1e29, 9),
			    "100.000.000.000.000.000.000.000.000.000,000000000");
	/* Past any real amount: short, and still within the buffer. */
	assert_string_equal(text_number(buf, sizeof(buf), -2.5e300, 9), "-2,5e+300");
	text_number(buf, sizeof(buf), INFINITY, 0);
	assert_true(strlen(buf) < sizeof(buf));
}

static void test_number_en(void **state)
{
	(void)state;
	lang_set(LANG_EN);
	assert_number(0, 0, "0");
	assert_number(-0.0, 0, "0");
	assert_number(999, 0, "999");
	assert_number(1000, 0, "1,000");
	assert_number(1234567.5, 1, "1,234,567.5");
	assert_number(2.5, 0, "3");
	assert_number(-2.5, 0, "-3");
	assert_number(1234.5, 0, "1,235");
	assert_number(0.05, 1, "0.1");
	assert_number(1e12, 0, "1,000,000,000,000");
	assert_number(1e15, 1, "1,000,000,000,000,000.0");
	assert_number(-1234567, 0, "-1,234,567");
	assert_number(-12345.678, 2, "-12,345.68");
	lang_set(LANG_VI);
}

static void test_number_small_buffer(void **state)
{
	(void)state;
	lang_set(LANG_VI);
	char buf[4];
	assert_ptr_equal(text_number(buf, sizeof(buf), 1234567, 0), buf);
	assert_int_equal(strlen(buf), 3);
	assert_memory_equal(buf, "1.2", 3);
}

static void test_money(void **state)
{
	(void)state;
	char buf[TEXT_NUMBER_SIZE];
	lang_set(LANG_VI);
	assert_string_equal(text_money(buf, sizeof(buf), 1234567.4), "1.234.567");
	assert_string_equal(text_money(buf, sizeof(buf), 2.5), "3");
	lang_set(LANG_EN);
	assert_string_equal(text_money(buf, sizeof(buf), 1234567.5), "1,234,568");
	lang_set(LANG_VI);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_ascii),
		cmocka_unit_test(test_width_vietnamese),
		cmocka_unit_test(test_width_wide),
		cmocka_unit_test(test_width_invalid),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_nfc_invalid),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_pad_write_error),
		cmocka_unit_test(test_number_vi),
		cmocka_unit_test(test_number_rounding),
		cmocka_unit_test(test_number_huge),
		cmocka_unit_test(test_number_en),
		cmocka_unit_test(test_number_small_buffer),
		cmocka_unit_test(test_money),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
