#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "encoding.h"

static enum text_encoding guess(const char *text, struct encoding_guess *g)
{
	encoding_detect(text, strlen(text), ',', g);
	return g->encoding;
}

/* "Điện Biên, Mường Ảng" in each encoding; TCVN3 and VNI bytes from their
 * code tables (tests/tools/legacyenc.c). */
#define UTF8 "id,name\n1,Điện Biên\n2,Mường Ảng\n"
#define CP1258 "id,name\n1,\xD0i\xEA\xF2n Bi\xEAn\n2,M\xFD\xF5\xCCng A\xD2ng\n"
#define TCVN3 "id,name\n1,\xA7i\xD6n Bi\xAAn\n2,M\xAD\xEAng \xB6ng\n"
#define VNI "id,name\n1,\xD1ie\xE4n Bie\xE2n\n2,M\xF6\xF4\xF8ng A\xDBng\n"

static void test_utf8(void **state)
{
	struct encoding_guess g;
	(void)state;
	assert_int_equal(guess(UTF8, &g), TEXT_UTF8);
	/* A foreign name in Vietnamese text is not a telltale enough. */
	assert_int_equal(guess(UTF8 "3,Müller Straße\n", &g), TEXT_UTF8);
	assert_int_equal(guess("a,b\n1,2\n", &g), TEXT_UTF8);
}

static void test_windows_1258(void **state)
{
	struct encoding_guess g;
	char *out;
	size_t len, bad;
	(void)state;
	assert_int_equal(guess(CP1258, &g), TEXT_WINDOWS_1258);
	assert_int_equal(encoding_decode_1258(CP1258, strlen(CP1258), &out, &len, &bad), 0);
	/* Decoded, not yet NFC: "ệ" may be "ê" + U+0323. */
	assert_non_null(strstr(out, "M\xC6\xB0"));
	assert_int_equal(strlen(out), len);
	free(out);
	/* 0x81 is not in Windows-1258. */
	assert_int_equal(encoding_decode_1258("ab\x81", 3, &out, &len, &bad), 1);
	assert_int_equal(bad, 2);
	assert_null(out);
}

static void test_tcvn3(void **state)
{
	struct encoding_guess g;
	(void)state;
	assert_int_equal(guess(TCVN3, &g), TEXT_TCVN3);
	assert_int_equal(g.line, 2);
	assert_int_equal(g.column, 2);
	assert_string_equal(g.sample, "\xC2\xA7i\xC3\x96n"); /* "§iÖn" */
	/* Saved from Excel as "CSV UTF-8": the same letters in UTF-8. */
	assert_int_equal(guess("id,name\n1,§iÖn Biªn\n", &g), TEXT_TCVN3);
	assert_string_equal(g.sample, "§iÖn");
}

static void test_vni(void **state)
{
	struct encoding_guess g;
	(void)state;
	assert_int_equal(guess(VNI, &g), TEXT_VNI);
	assert_int_equal(g.line, 2);
	assert_int_equal(g.column, 2);
	assert_string_equal(g.sample, "Ñieän");
	assert_int_equal(guess("id,name\n1,Ñieän Bieân\n2,\"x\ny\",Möôøng\n", &g), TEXT_VNI);
}

/* A UTF-8 file with a stray byte is not taken for Windows-1258. */
static void test_broken_utf8(void **state)
{
	struct encoding_guess g;
	(void)state;
	assert_int_equal(guess(UTF8 "3,\xFF\n", &g), TEXT_BROKEN_UTF8);
}

static void test_position(void **state)
{
	const char *s = "a;b\r\n\"x;\ny\";z\n";
	long line, col;
	(void)state;
	encoding_position(s, strlen(s) - 2, ';', &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_windows_1258),
		cmocka_unit_test(test_tcvn3),
		cmocka_unit_test(test_vni),
		cmocka_unit_test(test_broken_utf8),
		cmocka_unit_test(test_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
