#ifndef NTM_ENCODING_H
#define NTM_ENCODING_H
/*
 * encoding: which character encoding an office file is in, for the
 * Vietnamese files people actually have (docs/data-format.md).
 *
 *  - UTF-8: what ntmplan reads; Excel's "CSV UTF-8".
 *  - Windows-1258: what Excel's plain "CSV" writes on a Vietnamese-locale
 *    Windows. Tone marks are separate combining characters there, so the
 *    decoded text must be NFC-normalised before names are compared (csvread
 *    normalises every field). Decoded with iconv ("WINDOWS-1258").
 *  - TCVN3 (ABC, the .VnTime fonts) and VNI (the VNI-Windows fonts): not
 *    encodings of Unicode but fonts that draw Vietnamese over the Latin-1
 *    code points. Text typed in them is stored as Latin-1/Windows-125x
 *    letters and symbols ("§iÖn Biªn", "Ñieän Bieân" for "Điện Biên"), in
 *    a legacy file and in a UTF-8 one alike. They cannot be told from
 *    Latin-1 by their bytes, only by what the text looks like, so they are
 *    detected (never converted: that is a guess the person should check)
 *    and refused with how to convert them.
 *
 * The detection is a count of telltales, sequences that Vietnamese in any
 * Unicode encoding or Windows-1258 never contains and each legacy font
 * writes all the time:
 *  - VNI: a vowel followed by one of VNI's tone-mark letters that no
 *    Vietnamese word has (ä å ë ï ø û ü, "eä" for "ệ", "aø" for "à"), "yî"
 *    (ỵ), "öô" (ươ), "ñ" or "Ñ" starting a word before a vowel (đ, Đ);
 *  - TCVN3: a symbol of Latin-1 that TCVN3 uses for a letter (¡-® and
 *    µ-¾: "§" Đ, "ª" ê, "¸" á) next to a letter, or one of the foreign
 *    letters it uses (ä å ç ë ï ñ ø û ü ...) after a letter, or Ö ö Æ æ
 *    after a vowel ("iÖ" for "iệ").
 * against the letters only real Vietnamese has (ă đ ơ ư ạ ... ỹ, or, in a
 * Windows-1258 file, a combining tone mark after a vowel). A file is taken
 * for TCVN3 or VNI when it has at least two telltales and more telltales
 * than Vietnamese letters; so a foreign name ("Müller") in a Vietnamese
 * file is not refused, and a real Windows-1258 or UTF-8 file never is.
 */
#include <stddef.h>

enum text_encoding {
	TEXT_UTF8 = 0,
	TEXT_WINDOWS_1258,  /* not valid UTF-8: decode with encoding_decode_1258 */
	TEXT_TCVN3,         /* refuse */
	TEXT_VNI,           /* refuse */
	TEXT_BROKEN_UTF8,   /* mostly UTF-8 with invalid bytes: report them */
};

struct encoding_guess {
	enum text_encoding encoding;
	size_t offset;       /* TCVN3, VNI: the first telltale's byte offset */
	long line, column;   /* where it is: 1-based line and CSV field */
	char sample[96];     /* the word it is in, as the file shows it (UTF-8) */
};

/*
 * Classifies `data` (a CSV file without its byte-order mark) whose fields
 * are separated by `delim` (used only to name the column of a telltale).
 * Valid UTF-8 is TEXT_UTF8, TEXT_TCVN3 or TEXT_VNI; anything else is
 * TEXT_WINDOWS_1258, TEXT_TCVN3, TEXT_VNI, or TEXT_BROKEN_UTF8 when it has
 * more valid multi-byte UTF-8 sequences than invalid bytes (a UTF-8 file
 * with a few stray bytes, not a legacy one).
 */
void encoding_detect(const char *data, size_t size, char delim,
		     struct encoding_guess *guess);

/*
 * Decodes Windows-1258 `data` into a newly allocated UTF-8 buffer *out of
 * *out_len bytes (NUL-terminated; not normalised). Returns 0; -1 when
 * memory ran out; 1 when a byte is not Windows-1258 (0x81, 0x8A, ...),
 * with its offset in *bad_offset.
 */
int encoding_decode_1258(const char *data, size_t size, char **out,
			 size_t *out_len, size_t *bad_offset);

/* The 1-based line and CSV field (separator `delim`, RFC 4180 quotes) at
 * byte `offset` of `data`. */
void encoding_position(const char *data, size_t offset, char delim,
		       long *line, long *column);

/* "TCVN3 (ABC, .VnTime)" and the like, for messages. */
const char *encoding_name(enum text_encoding encoding);

#endif
