#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lang.h"

/* Decodes the code point at s[0..len): returns its length in bytes, or a
 * negative utf8proc error for a bad byte. At most four bytes are passed on,
 * so a huge len never has to fit utf8proc's signed length type. */
static utf8proc_ssize_t text_decode(const char *s, size_t len, utf8proc_int32_t *cp)
{
	return utf8proc_iterate((const utf8proc_uint8_t *)s,
				(utf8proc_ssize_t)(len < 4 ? len : 4), cp);
}

size_t text_width(const char *s)
{
	size_t len = strlen(s), width = 0;
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = text_decode(s, len, &cp);
		if (n < 0) {
			/* A stray byte shows as one replacement glyph in a
			 * terminal; count it so columns stay roughly right. */
			width++;
			s++;
			len--;
			continue;
		}
		int w = utf8proc_charwidth(cp);
		if (w > 0)
			width += (size_t)w;
		s += n;
		len -= (size_t)n;
	}
	return width;
}

int text_valid_utf8(const char *s, size_t len, size_t *bad_offset)
{
	size_t off = 0;
	while (off < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = text_decode(s + off, len - off, &cp);
		if (n < 0) {
			if (bad_offset)
				*bad_offset = off;
			return 0;
		}
		off += (size_t)n;
	}
	return 1;
}

char *text_nfc(const char *s)
{
	/* utf8proc_NFC reports invalid input and out of memory alike as NULL,
	 * which is the contract here too; its result comes from malloc. */
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

static int text_spaces(FILE *out, size_t n)
{
	for (; n > 0; n--)
		if (putc(' ', out) == EOF)
			return -1;
	return 0;
}

char *text_fold(const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
		return NULL;
	/* 'đ' is a letter of its own, not 'd' with a mark: folded by hand
	 * (U+0111, two bytes, into one: the string only shrinks). */
	char *out = (char *)folded, *w = out;
	for (const char *r = out; *r; r++) {
		if ((unsigned char)r[0] == 0xC4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return out;
}

int text_pad(FILE *out, const char *s, size_t width, enum text_align align)
{
	size_t w = text_width(s);
	size_t pad = w < width ? width - w : 0;
	if (align == TEXT_RIGHT && text_spaces(out, pad) < 0)
		return -1;
	if (fputs(s, out) == EOF)
		return -1;
	if (align == TEXT_LEFT && text_spaces(out, pad) < 0)
		return -1;
	return 0;
}

/* Beyond these the digits would not fit TEXT_NUMBER_SIZE; no amount in a
 * plan comes near either limit. */
#define TEXT_MAX_DECIMALS 9
#define TEXT_MAX_MAGNITUDE 1e30

/* Puts the mantissa digits of the shortest decimal that reads back as a
 * (finite, >= 0) into digits, sets *exp to the power of ten of the first
 * one, and returns how many there are: 1.15 gives "115..." and 0. Fifteen
 * significant digits always read back unless more are needed, and
 * seventeen always do. */
static size_t text_decimal(double a, char digits[static 24], int *exp)
{
	char tmp[40];
	for (int prec = 14; prec <= 16; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec, a);
		if (strtod(tmp, NULL) == a)
			break;
	}
	/* Skip the radix character, whatever the locale makes it. */
	size_t n = 0;
	const char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	*exp = *p ? (int)strtol(p + 1, NULL, 10) : 0;
	return n;
}

char *text_number(char *buf, size_t size, double value, int decimals)
{
	if (size == 0)
		return buf;
	if (decimals < 0)
		decimals = 0;
	if (decimals > TEXT_MAX_DECIMALS)
		decimals = TEXT_MAX_DECIMALS;
	char group = lang_get() == LANG_EN ? ',' : '.';
	char mark = lang_get() == LANG_EN ? '.' : ',';

	if (!isfinite(value) || fabs(value) >= TEXT_MAX_MAGNITUDE) {
		/* Not an amount anyone plans with; show it plainly rather
		 * than overflow the buffer. */
		snprintf(buf, size, "%g", value);
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = mark;
		return buf;
	}

	/*
	 * Rounding works on decimal digits, not on value * 10^decimals:
	 * scaling rounds 1.005 (stored as 1.00499...) down, and scaling a
	 * large value pushes its fraction out of double's 53 bits. Starting
	 * from the shortest decimal rounds the number a person wrote.
	 *
	 * Digit i weighs 10^(exp - i). The result r is round(|value| *
	 * 10^decimals) as a digit string: the `keep` digits down to
	 * 10^-decimals, plus one on the first dropped digit being 5 or more,
	 * which is half away from zero. r[0] is a spare '0' for the carry.
	 */
	char digits[24];
	int exp;
	size_t n = text_decimal(fabs(value), digits, &exp);
	long keep = (long)exp + decimals + 1;
	char r[48];
	size_t nr = 0;
	r[nr++] = '0';
	for (long i = 0; i < keep; i++)
		r[nr++] = (size_t)i < n ? digits[i] : '0';
	int up = keep >= 0 && (size_t)keep < n && digits[keep] >= '5';
	for (size_t i = nr - 1; up; i--) {
		if (r[i] == '9') {
			r[i] = '0';
		} else {
			r[i]++;
			up = 0;
		}
	}
	r[nr] = '\0';
	const char *rs = r;
	while (rs[0] == '0' && rs[1] != '\0')
		rs++;

	/* At least one integer digit: 5 with 2 decimals is 0.05. */
	char fixed[48];
	size_t nrs = strlen(rs), zeros = 0;
	if (nrs <= (size_t)decimals)
		zeros = (size_t)decimals + 1 - nrs;
	memset(fixed, '0', zeros);
	memcpy(fixed + zeros, rs, nrs + 1);
	size_t nint = zeros + nrs - (size_t)decimals;

	char text[TEXT_NUMBER_SIZE];
	size_t k = 0;
	/* Testing the rounded digits, not `value`, prints -0 and -0.04 (at
	 * one decimal) as 0 and 0.0. */
	if (value < 0 && strcmp(rs, "0") != 0)
		text[k++] = '-';
	for (size_t i = 0; i < nint; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			text[k++] = group;
		text[k++] = fixed[i];
	}
	if (decimals > 0) {
		text[k++] = mark;
		memcpy(text + k, fixed + nint, (size_t)decimals);
		k += (size_t)decimals;
	}
	text[k] = '\0';
	snprintf(buf, size, "%s", text);
	return buf;
}

char *text_money(char *buf, size_t size, double value)
{
	return text_number(buf, size, value, 0);
}
