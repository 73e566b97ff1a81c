#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

/*
 * The text is scanned as a sequence of units: the bytes of a legacy file,
 * or the code points of UTF-8 text. Both legacy fonts live in 0x00-0xFF,
 * and Latin-1, Windows-1252 and Windows-1258 agree on every unit the
 * telltales use, so one set of rules serves both. A code point above
 * U+00FF is UNIT_OTHER, a letter of no legacy font.
 */
#define UNIT_OTHER 0x100
#define UNIT_NONE (-1)  /* before the start, after the end */

static int is_ascii_letter(long u)
{
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

static int is_letter(long u)
{
	return is_ascii_letter(u) || (u >= 0xC0 && u != 0xD7 && u != 0xF7);
}

static int is_vowel(long u)
{
	return u > 0 && u < 0x80 && strchr("aeiouyAEIOUY", (int)u);
}

/* The unit list `set` holds u. */
static int in(long u, const unsigned char *set)
{
	for (; *set; set++)
		if (u == *set)
			return 1;
	return 0;
}

/* VNI's tone and vowel marks that are no Vietnamese letter themselves. */
static const unsigned char vni_marks[] = {
	0xE4, 0xE5, 0xEB, 0xEF, 0xF8, 0xFB, 0xFC,
	0xC4, 0xC5, 0xCB, 0xCF, 0xD8, 0xDB, 0xDC, 0};
/* VNI's "ô" (ơ) and "ö" (ư), which take marks as vowels do. */
static const unsigned char vni_vowels[] = {0xF4, 0xD4, 0xF6, 0xD6, 0};
/* Latin-1 letters that TCVN3 uses for toned vowels and Vietnamese never
 * has (Ö ö Æ æ apart: VNI uses them for ư and ỉ after consonants). */
static const unsigned char tcvn_foreign[] = {
	0xC7, 0xCB, 0xCE, 0xCF, 0xD7, 0xD8, 0xDC, 0xDF, 0xE4, 0xE5, 0xE7,
	0xEB, 0xEE, 0xEF, 0xF1, 0xF7, 0xF8, 0xFB, 0xFC, 0xFE, 0};
static const unsigned char tcvn_after_vowel[] = {0xD6, 0xF6, 0xC6, 0xE6, 0};
/* Windows-1258's combining tone marks, and the vowels they follow. */
static const unsigned char cp1258_marks[] = {0xCC, 0xEC, 0xDE, 0xD2, 0xF2, 0};
static const unsigned char cp1258_vowels[] = {
	0xE2, 0xEA, 0xF4, 0xE3, 0xF5, 0xFD, 0xC2, 0xCA, 0xD4, 0xC3, 0xD5, 0xDD, 0};

static int is_tcvn_symbol(long u)
{
	return (u >= 0xA1 && u <= 0xAE) || (u >= 0xB5 && u <= 0xBE);
}

/* Letters (and tone marks) only Vietnamese text in Unicode has. */
static int is_vietnamese_code_point(long u)
{
	return (u >= 0x102 && u <= 0x1B0) || (u >= 0x1EA0 && u <= 0x1EF9) ||
	       u == 0x300 || u == 0x301 || u == 0x303 || u == 0x309 || u == 0x323;
}

struct scan {
	const unsigned char *s;
	size_t size, pos;
	int utf8;
};

/* The next unit and its offset, or UNIT_NONE at the end. */
static long scan_next(struct scan *sc, size_t *offset)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	*offset = sc->pos;
	if (sc->pos >= sc->size)
		return UNIT_NONE;
	if (!sc->utf8 || sc->s[sc->pos] < 0x80)
		return sc->s[sc->pos++];
	n = utf8proc_iterate(sc->s + sc->pos, (utf8proc_ssize_t)(sc->size - sc->pos), &cp);
	if (n <= 0) {  /* not reached: the caller checked the text */
		sc->pos++;
		return UNIT_OTHER;
	}
	sc->pos += (size_t)n;
	return cp > 0xFF ? (is_vietnamese_code_point(cp) ? cp : UNIT_OTHER) : cp;
}

struct counts {
	size_t vni, tcvn, vietnamese;
	size_t first_vni, first_tcvn;
};

/* Counts telltales and Vietnamese letters (encoding.h). */
static void count_units(const char *data, size_t size, int utf8, struct counts *c)
{
	struct scan sc = {(const unsigned char *)data, size, 0, utf8};
	long p = UNIT_NONE, u, n;
	size_t at, next_at;

	memset(c, 0, sizeof(*c));
	u = scan_next(&sc, &at);
	n = scan_next(&sc, &next_at);
	while (u != UNIT_NONE) {
		int vni = 0, tcvn = 0;

		if (u < 0x80)
			;  /* every telltale is a letter or symbol above ASCII */
		else if (u > 0xFF)
			c->vietnamese++;
		else if (!utf8 && in(u, cp1258_marks) && (is_vowel(p) || in(p, cp1258_vowels)))
			c->vietnamese++;
		else if (in(u, vni_marks) && (is_vowel(p) || in(p, vni_vowels)))
			vni = 1;
		else if ((u == 0xEE || u == 0xCE) && (p == 'y' || p == 'Y'))
			vni = 1;  /* "yî": ỵ */
		else if ((u == 0xF1 || u == 0xD1) && !is_letter(p) &&
			 (is_vowel(n) || in(n, vni_vowels)))
			vni = 1;  /* "ñ": đ */
		else if ((u == 0xF6 || u == 0xD6) && (n == 0xF4 || n == 0xD4))
			vni = 1;  /* "öô": ươ */
		else if (is_tcvn_symbol(u) && (is_letter(p) || is_letter(n)))
			tcvn = 1;
		else if (in(u, tcvn_foreign) && is_letter(p))
			tcvn = 1;
		else if (in(u, tcvn_after_vowel) && is_vowel(p))
			tcvn = 1;
		if (vni && !c->vni++)
			c->first_vni = at;
		if (tcvn && !c->tcvn++)
			c->first_tcvn = at;
		p = u;
		u = n;
		at = next_at;
		n = scan_next(&sc, &next_at);
	}
}

/* Valid multi-byte UTF-8 sequences against bytes that are not UTF-8. */
static int mostly_utf8(const char *data, size_t size)
{
	size_t seqs = 0, bad = 0, pos = 0;

	while (pos < size) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if ((unsigned char)data[pos] < 0x80) {
			pos++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)data + pos,
				     (utf8proc_ssize_t)(size - pos), &cp);
		if (n > 0) {
			seqs++;
			pos += (size_t)n;
		} else {
			bad++;
			pos++;
		}
	}
	return seqs > bad;
}

void encoding_position(const char *data, size_t offset, char delim,
		       long *line, long *column)
{
	int quoted = 0;

	*line = 1;
	*column = 1;
	for (size_t i = 0; i < offset; i++) {
		char c = data[i];

		if (c == '"') {
			quoted = !quoted;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < offset && data[i + 1] == '\n')
				i++;
			(*line)++;
			if (!quoted)
				*column = 1;
		} else if (c == delim && !quoted) {
			(*column)++;
		}
	}
}

/* The word around `offset`, as UTF-8: Latin-1 for a legacy file. */
static void sample_word(const char *data, size_t size, size_t offset, int utf8,
			char delim, char *out, size_t out_size)
{
	size_t begin = offset, end = offset, n = 0;
	const char *stop = " \t\r\n\"";

	while (begin > 0 && offset - begin < 24 && data[begin - 1] != delim &&
	       !strchr(stop, data[begin - 1]))
		begin--;
	while (end < size && end - offset < 24 && data[end] != delim && data[end] &&
	       !strchr(stop, data[end]))
		end++;
	/* Whole code points only. */
	while (utf8 && begin < offset && ((unsigned char)data[begin] & 0xC0) == 0x80)
		begin++;
	while (utf8 && end < size && end > offset && ((unsigned char)data[end] & 0xC0) == 0x80)
		end--;
	for (size_t i = begin; i < end && n + 3 < out_size; i++) {
		unsigned char c = (unsigned char)data[i];

		if (utf8 || c < 0x80) {
			out[n++] = (char)(c < 0x20 ? '?' : c);
		} else if (c < 0xA0) {
			out[n++] = '?';  /* a C1 control in Latin-1 */
		} else {
			out[n++] = (char)(0xC0 | c >> 6);
			out[n++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[n] = '\0';
}

void encoding_detect(const char *data, size_t size, char delim,
		     struct encoding_guess *guess)
{
	int utf8 = text_valid_utf8(data, size, NULL);
	struct counts c;

	memset(guess, 0, sizeof(*guess));
	guess->encoding = TEXT_UTF8;
	if (!utf8 && mostly_utf8(data, size)) {
		guess->encoding = TEXT_BROKEN_UTF8;
		return;
	}
	count_units(data, size, utf8, &c);
	if (c.vni + c.tcvn >= 2 && c.vni + c.tcvn > c.vietnamese) {
		guess->encoding = c.vni >= c.tcvn ? TEXT_VNI : TEXT_TCVN3;
		guess->offset = c.vni >= c.tcvn ? c.first_vni : c.first_tcvn;
		encoding_position(data, guess->offset, delim, &guess->line, &guess->column);
		sample_word(data, size, guess->offset, utf8, delim, guess->sample,
			    sizeof(guess->sample));
	} else if (!utf8) {
		guess->encoding = TEXT_WINDOWS_1258;
	}
}

int encoding_decode_1258(const char *data, size_t size, char **out,
			 size_t *out_len, size_t *bad_offset)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1258");
	/* Vietnamese takes about 1.5 bytes of UTF-8 a byte; grown if not. */
	size_t alloc = size + size / 2 + 16, used = 0, in_left = size;
	char *buf = NULL, *src = (char *)data;
	int flushing = 0, rc = 0;

	*out = NULL;
	*out_len = 0;
	if (cd == (iconv_t)-1)
		return -1;
	for (;;) {
		char *p = realloc(buf, alloc), *dst;
		size_t left;

		if (!p) {
			rc = -1;
			break;
		}
		buf = p;
		dst = buf + used;
		left = alloc - used - 1;  /* room for the NUL */
		size_t r = flushing ? iconv(cd, NULL, NULL, &dst, &left)
				    : iconv(cd, &src, &in_left, &dst, &left);
		used = (size_t)(dst - buf);
		if (r != (size_t)-1) {
			if (flushing)
				break;
			flushing = 1;  /* the last base letter may wait for a mark */
			continue;
		}
		if (errno == E2BIG) {
			alloc = alloc * 2;
			continue;
		}
		rc = errno == EILSEQ || errno == EINVAL ? 1 : -1;
		*bad_offset = (size_t)(src - data);
		break;
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[used] = '\0';
	*out = buf;
	*out_len = used;
	return 0;
}

const char *encoding_name(enum text_encoding encoding)
{
	switch (encoding) {
	case TEXT_UTF8:
		return "UTF-8";
	case TEXT_WINDOWS_1258:
		return "Windows-1258";
	case TEXT_TCVN3:
		return "TCVN3 (ABC, .VnTime)";
	case TEXT_VNI:
		return "VNI (VNI-Windows)";
	case TEXT_BROKEN_UTF8:
		break;
	}
	return "UTF-8";
}
