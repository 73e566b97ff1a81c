#ifndef NTM_TEXT_H
#define NTM_TEXT_H
/*
 * text: UTF-8 text for terminals and A4 printouts.
 *
 * Vietnamese letters with diacritics take two or three bytes but one column
 * on screen, and decomposed text (a letter followed by combining marks)
 * takes one column for several code points. Tables must line up by display
 * width, never by bytes: text_width() measures with utf8proc's character
 * widths (combining marks 0, East Asian wide 2).
 *
 * Numbers for people are grouped by thousands the way the current language
 * (lang.h) writes them: Vietnamese 1.234.567,5 and English 1,234,567.5.
 */
#include <stddef.h>
#include <stdio.h>

/* Display width in terminal columns. Invalid UTF-8 bytes count one each. */
size_t text_width(const char *s);

/* Checks that s[0..len) is valid UTF-8. Returns 1 if so; otherwise 0 and,
 * if bad_offset is not NULL, sets it to the offset of the first bad byte. */
int text_valid_utf8(const char *s, size_t len, size_t *bad_offset);

/* A newly allocated NFC-normalised copy of a valid UTF-8 string, or NULL
 * (out of memory or invalid input). */
char *text_nfc(const char *s);

/* A newly allocated key for matching names as a person types them: case
 * folded and without diacritics ("Trung ương" and "trung uong" give the
 * same key; 'đ' folds to 'd'), or NULL (out of memory or invalid input). */
char *text_fold(const char *s);

enum text_align {
	TEXT_LEFT,
	TEXT_RIGHT,
};

/* Writes s padded with spaces to `width` display columns (text wider than
 * width is written whole). Returns 0, or -1 on a write error. */
int text_pad(FILE *out, const char *s, size_t width, enum text_align align);

/* Formats `value` with `decimals` digits after the mark, rounded half away
 * from zero, thousands grouped per the current language, into buf (always
 * NUL-terminated). Returns buf. -0 is written as 0. */
char *text_number(char *buf, size_t size, double value, int decimals);

/* Convenience: text_number with 0 decimals, for million-VND amounts. */
char *text_money(char *buf, size_t size, double value);

/* Buffer size that is always enough for text_number. */
#define TEXT_NUMBER_SIZE 64

#endif
