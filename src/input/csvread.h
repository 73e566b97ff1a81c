#ifndef NTM_CSVREAD_H
#define NTM_CSVREAD_H
/*
 * csvread: one CSV file, read whole into memory as a table of strings,
 * with the position of every field kept for messages.
 *
 * What it accepts, so that files saved from Excel load as they are:
 *  - UTF-8, with or without a byte-order mark; CRLF or LF line ends;
 *  - the dialect is taken from the header line: ',' between fields (plain
 *    CSV: '.' is the decimal mark) or ';' between fields (what Excel writes
 *    on a Vietnamese-locale Windows: ',' is the decimal mark and '.' groups
 *    thousands);
 *  - quoted fields (RFC 4180), embedded separators, quotes and newlines;
 *  - blank lines, and lines whose fields are all empty (Excel's trailing
 *    ";;;;"), are skipped;
 *  - spaces and tabs around an unquoted field are trimmed.
 * Every field is checked to be valid UTF-8 and normalised to NFC, so that
 * a name typed with combining diacritics equals the precomposed one.
 *
 * Encodings (encoding.h): a file that is not UTF-8 is read as Windows-1258
 * (Excel's plain "CSV" on a Vietnamese Windows) and decoded with iconv;
 * text in the TCVN3 or VNI fonts, in any encoding, is refused with one
 * error that says where and how to convert it. A UTF-8 file with a few
 * invalid bytes is not guessed at: each field holding one is an error.
 *
 * Limits: a file above CSV_FILE_MAX bytes is refused before it is read; a
 * line above CSV_LINE_MAX bytes (in a quoted field too) stops the reading
 * with an error at that line. Fields have no limit of their own.
 *
 * Errors (collected in the caller's diag_list, with file, line and column,
 * where the column is the 1-based field number): invalid UTF-8, a row with
 * a different number of fields from the header, an empty or repeated header
 * name, an unterminated quoted field, a line or file too long, a legacy
 * encoding. Reading goes on after an error in a
 * row so that one run reports all of them, up to the list's limit.
 *
 * Ownership: the table owns every string in it; csv_table_release() frees
 * them all. A released or zero-initialised table may be released again.
 */
#include <stddef.h>

#include "diag.h"

enum csv_dialect {
	CSV_DIALECT_COMMA = 0,     /* ',' separates, '.' is the decimal mark */
	CSV_DIALECT_SEMICOLON = 1, /* ';' separates, ',' decimal, '.' groups */
};

struct csv_row {
	long line;       /* line on which the record starts, 1-based */
	size_t nfields;  /* always equal to the table's ncols once read */
	char **fields;   /* NFC UTF-8, never NULL (an empty field is "") */
};

struct csv_table {
	char *name;      /* name used in messages, e.g. "gaps.csv" */
	enum csv_dialect dialect;
	size_t ncols;
	char **header;   /* column names as written (NFC, trimmed) */
	size_t nrows;
	struct csv_row *rows;  /* data rows only, header excluded */
	int windows_1258;      /* the file was decoded from Windows-1258 */
};

/* The largest file read (256 MiB: 100,000 communes take about 60 MiB) and
 * the longest line (1 MiB). */
#define CSV_FILE_MAX (256 << 20)
#define CSV_LINE_MAX (1 << 20)

/* Return values of csv_table_read(). */
enum csvread_status {
	CSVREAD_OK = 0,
	CSVREAD_MISSING = 1,  /* the file does not exist or cannot be opened */
	CSVREAD_INVALID = 2,  /* the file was read but has errors (see diags) */
	CSVREAD_NOMEM = 3,    /* out of memory */
};

/*
 * Reads `path` into `table`, which the caller provides (its contents are
 * overwritten; release it afterwards whatever the result). `name` is how
 * the file is named in messages. Errors go to `diags`. On CSVREAD_INVALID
 * the rows that were read correctly are kept, so a caller may still check
 * them and report more errors in one run.
 */
enum csvread_status csv_table_read(struct csv_table *table, const char *path,
				   const char *name, struct diag_list *diags);

/* Same, from a buffer in memory (for tests and fuzzing). */
enum csvread_status csv_table_parse(struct csv_table *table, const char *data,
				    size_t size, const char *name,
				    struct diag_list *diags);

void csv_table_release(struct csv_table *table);

/* Index of the first column whose header is `name` as a person would
 * read it: compared by csv_header_key(), so case, diacritics, spaces
 * around and inside, and '_' for ' ' do not matter ("Commune ID" and
 * " commune_id" are column commune_id; "tieu chi" is "tiêu chí"). -1 when
 * there is none (or out of memory). */
long csv_table_column(const struct csv_table *table, const char *name);

/* The key csv_table_column() compares: text_fold(), '_' as a space,
 * spaces trimmed and runs of them made one. Newly allocated; NULL when out
 * of memory or not UTF-8. */
char *csv_header_key(const char *name);

/*
 * Parses a number written in the table's dialect. Returns 0 and sets *out,
 * or -1 and sets *why to a translated reason (a static string) when the
 * text is not a number or is ambiguous. Rules:
 *  - optional leading '-' or '+', digits, an optional decimal part; no
 *    exponent, no spaces inside, no empty text;
 *  - comma dialect: '.' is the decimal mark. A ',' is accepted only as
 *    thousands grouping in a number that also has a decimal point
 *    ("1,234.5"); "1,234" alone is ambiguous (1.234 or 1234?) and refused;
 *  - semicolon dialect: ',' is the decimal mark; '.' groups thousands and
 *    must be followed by exactly three digits, with a first group of one to
 *    three digits not starting with 0 ("1.234.567,5"); "1.5" is refused.
 */
int csv_parse_number(enum csv_dialect dialect, const char *text, double *out,
		     const char **why);

/* Parses a whole number (same rules, no decimal part allowed) into *out. */
int csv_parse_integer(enum csv_dialect dialect, const char *text, long *out,
		      const char **why);

#endif
