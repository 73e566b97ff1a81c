/*
 * libFuzzer harness for csvread (src/csvread.h): one CSV file from memory.
 *
 * Each input is parsed by csv_table_parse() twice: once in English with no
 * limit on diagnostics, once in Vietnamese with a small limit (1 to 8,
 * from the first byte) so that the early stop of a full diagnostic list is
 * exercised too. The dialect is the one the header line selects; every
 * header name and field is then read by csv_parse_number() and
 * csv_parse_integer() in BOTH dialects.
 *
 * Besides the sanitizers, the harness checks what csvread.h promises and
 * aborts (a finding) when a promise is broken:
 *  - every row has ncols fields, none NULL, each valid UTF-8 and NFC;
 *  - rows are in file order (non-decreasing lines, all >= 1);
 *  - csv_table_column() finds each header name at or before its index;
 *  - a number refused has a reason; a number read is finite;
 *  - a whole number read by csv_parse_integer() is read to the same value by
 *    csv_parse_number() (both round the exact integer correctly).
 * Build: tests/fuzz/CMakeLists.txt (CC=clang cmake -DNTM_FUZZ=ON); run:
 * tools/fuzz. See docs/hardening.md.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "diag.h"
#include "fuzz_common.h"
#include "lang.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK FUZZ_CHECK

static void check_text(const char *s)
{
	char *nfc;

	CHECK(s != NULL, "a field or header name is NULL");
	CHECK(text_valid_utf8(s, strlen(s), NULL), "a field is not valid UTF-8");
	nfc = text_nfc(s);
	if (nfc) { /* NULL only when memory runs out */
		CHECK(!strcmp(nfc, s), "a field is not NFC");
		free(nfc);
	}
}

static void check_numbers(const char *s)
{
	static const enum csv_dialect dialects[2] = {CSV_DIALECT_COMMA,
						     CSV_DIALECT_SEMICOLON};

	for (int i = 0; i < 2; i++) {
		const char *why = NULL;
		double d = 0;
		long n = 0;
		int number_ok, integer_ok;

		number_ok = csv_parse_number(dialects[i], s, &d, &why) == 0;
		CHECK(number_ok || why != NULL, "a number refused without a reason");
		CHECK(!number_ok || isfinite(d), "a number read is not finite");
		why = NULL;
		integer_ok = csv_parse_integer(dialects[i], s, &n, &why) == 0;
		CHECK(integer_ok || why != NULL,
		      "a whole number refused without a reason");
		if (integer_ok) {
			CHECK(number_ok, "a whole number is not a number");
			CHECK((double)n == d,
			      "a whole number reads differently as a number");
		}
		/* NULL for `why` is allowed by the contract. */
		(void)csv_parse_number(dialects[i], s, &d, NULL);
		(void)csv_parse_integer(dialects[i], s, &n, NULL);
	}
}

static void check_table(const struct csv_table *t, enum csvread_status st)
{
	long last_line = 0;

	CHECK(st == CSVREAD_OK || st == CSVREAD_INVALID || st == CSVREAD_NOMEM,
	      "unknown status");
	CHECK(t->dialect == CSV_DIALECT_COMMA ||
	      t->dialect == CSV_DIALECT_SEMICOLON, "unknown dialect");
	CHECK(t->ncols == 0 || t->header != NULL, "columns without a header");
	CHECK(t->nrows == 0 || t->ncols > 0, "rows without a header");
	for (size_t i = 0; i < t->ncols; i++) {
		long at;

		check_text(t->header[i]);
		check_numbers(t->header[i]);
		at = csv_table_column(t, t->header[i]);
		CHECK(at >= 0 && (size_t)at <= i, "a header name is not found");
	}
	/* Header names are valid UTF-8 (or ""), so this one is never there. */
	CHECK(csv_table_column(t, "\xff") == -1,
	      "a column that is not there is found");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];

		CHECK(row->nfields == t->ncols, "a row's field count differs");
		CHECK(row->line >= 1 && row->line >= last_line,
		      "rows are not in file order");
		last_line = row->line;
		for (size_t j = 0; j < row->nfields; j++) {
			check_text(row->fields[j]);
			check_numbers(row->fields[j]);
		}
	}
}

static void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->nr; i++) {
		const struct diag *d = &diags->items[i];

		CHECK(d->message != NULL, "a diagnostic without a message");
		diag_print(fuzz_sink(), d);
	}
}

static void parse_once(const uint8_t *data, size_t size, enum lang lang,
		       size_t limit, int check)
{
	struct csv_table table;
	struct diag_list diags;
	enum csvread_status st;

	lang_set(lang);
	diag_list_init(&diags, limit);
	st = csv_table_parse(&table, (const char *)data, size, "fuzz.csv",
			     &diags);
	if (st == CSVREAD_OK)
		CHECK(diag_count(&diags) == 0, "OK with diagnostics");
	if (st == CSVREAD_INVALID)
		CHECK(diag_count(&diags) > 0, "INVALID without a diagnostic");
	if (limit)
		CHECK(diags.nr <= limit, "more diagnostics kept than the limit");
	/* Out of memory may leave a row partly copied (counted, then
	 * released whole): the promises hold for complete reads. */
	if (check && st != CSVREAD_NOMEM)
		check_table(&table, st);
	print_diags(&diags);
	csv_table_release(&table);
	/* Released twice is allowed (csvread.h). */
	csv_table_release(&table);
	diag_list_release(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_once(data, size, LANG_EN, 0, 1);
	parse_once(data, size, LANG_VI, size ? 1 + data[0] % 8 : 1, 0);
	return 0;
}
