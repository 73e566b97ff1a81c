#ifndef NTM_LANG_H
#define NTM_LANG_H
/*
 * lang: the language of text meant for people (reports, messages).
 *
 * Vietnamese is the default; the command layer switches to English for
 * `--lang en`. Every translatable string is written where it is used, both
 * languages side by side:
 *
 *     diag_add(d, file, line, col, L("unknown criterion %d", "không có tiêu chí %d"), k);
 *
 * Because both arms of L() are string literals in one conditional
 * expression, the compiler's printf format checking covers the English and
 * the Vietnamese text alike: a translation whose conversions differ from
 * the original does not compile warning-free.
 *
 * The setting is process-wide, like setlocale(): set it once, at start-up,
 * before any other module produces text.
 */

enum lang {
	LANG_VI = 0,
	LANG_EN = 1,
};

void lang_set(enum lang lang);
enum lang lang_get(void);

/* Parses "vi" or "en"; returns 0, or -1 for anything else. */
int lang_parse(const char *text, enum lang *out);

#define L(en, vi) (lang_get() == LANG_EN ? (en) : (vi))

#endif
