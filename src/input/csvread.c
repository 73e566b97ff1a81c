#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "encoding.h"
#include "text.h"
#include "lang.h"
#include "text.h"
#include "xalloc.h"

/*
 * libcsv reports fields and records but no positions. To name lines in
 * messages we feed it one line at a time, each with the line end the file
 * has (CRLF, LF or a lone CR: a quoted field keeps it as written; the last
 * line, if it has none, gets '\n'), and watch what happens on each line: a
 * record that does not end on the line where it began runs on inside a
 * quoted field.
 */
struct reader {
	struct csv_table *table;
	struct diag_list *diags;
	struct csv_parser parser;
	unsigned char delim;

	long line;           /* the line being fed to libcsv */
	int open;            /* a record began before `line` and is not done */
	long record_line;    /* where the open record began */
	long quote_line;     /* where its still open quoted field began */
	int record_ended;    /* libcsv ended a record on `line` */
	size_t line_fields;  /* fields libcsv completed on `line` */

	/* The record being assembled: its fields one after another in `buf`,
	 * each followed by a NUL, located by `fields`. */
	char *buf;
	size_t len, alloc;
	struct field {
		size_t offset, len;
	} *fields;
	size_t nfields, fields_alloc;

	int have_header;
	size_t rows_alloc;
	int failed;  /* an error was reported for this file */
	int stop;    /* the diagnostic list is full: read no further */
	int nomem;
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void reader_error(struct reader *r, long line, long column,
			 const char *fmt, ...)
{
	va_list ap;

	r->failed = 1;
	va_start(ap, fmt);
	diag_addv(r->diags, r->table->name, line, column, fmt, ap);
	va_end(ap);
	if (diag_full(r->diags))
		r->stop = 1;
}

static const char *reader_field(const struct reader *r, size_t i)
{
	return r->buf + r->fields[i].offset;
}

/* libcsv's field callback: keeps a copy, as libcsv reuses its buffer. */
static void reader_add_field(void *data, size_t len, void *cookie)
{
	struct reader *r = cookie;
	void *p;

	r->line_fields++;
	if (r->nomem || r->stop)
		return;
	p = r->fields;
	if (grow_array(&p, &r->fields_alloc, r->nfields + 1,
		       sizeof(*r->fields))) {
		r->nomem = 1;
		return;
	}
	r->fields = p;
	p = r->buf;
	if (grow_array(&p, &r->alloc, r->len + len + 1, 1)) {
		r->nomem = 1;
		return;
	}
	r->buf = p;
	if (len)
		memcpy(r->buf + r->len, data, len);
	r->buf[r->len + len] = '\0';
	r->fields[r->nfields].offset = r->len;
	r->fields[r->nfields].len = len;
	r->nfields++;
	r->len += len + 1;
}

/* Checks field i of the record; returns 1 when it is valid UTF-8 text. */
static int reader_check_field(struct reader *r, long line, size_t i)
{
	const char *s = reader_field(r, i);
	size_t len = r->fields[i].len;

	/* Valid UTF-8 may contain NUL, but a C string cannot. */
	if (memchr(s, '\0', len)) {
		reader_error(r, line, (long)i + 1,
			     L("NUL byte in field", "trường chứa byte NUL"));
		return 0;
	}
	if (!text_valid_utf8(s, len, NULL)) {
		reader_error(r, line, (long)i + 1,
			     L("invalid UTF-8 in field (save the file as 'CSV UTF-8')",
			       "trường chứa UTF-8 không hợp lệ (hãy lưu tệp dạng 'CSV UTF-8')"));
		return 0;
	}
	return 1;
}

/* NFC (text_nfc), with ASCII, which is its own NFC, only copied: most
 * fields are numbers and ids. */
static char *field_nfc(const char *s)
{
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c >= 0x80)
			return text_nfc(s);
	return strdup(s);
}

static void reader_header(struct reader *r, long line)
{
	struct csv_table *t = r->table;

	t->header = calloc(r->nfields, sizeof(*t->header));
	if (!t->header) {
		r->nomem = 1;
		return;
	}
	t->ncols = r->nfields;
	for (size_t i = 0; i < t->ncols; i++) {
		/* An unreadable name still takes its place, so that the
		 * rows' fields keep theirs; "" matches no column asked for. */
		if (reader_check_field(r, line, i))
			t->header[i] = field_nfc(reader_field(r, i));
		else
			t->header[i] = strdup("");
		if (!t->header[i]) {
			r->nomem = 1;
			return;
		}
	}
	for (size_t i = 0; i < t->ncols && !r->stop; i++) {
		if (!r->fields[i].len) {
			reader_error(r, line, (long)i + 1,
				     L("empty column name", "tên cột trống"));
			continue;
		}
		if (!*t->header[i])
			continue;
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(t->header[i], t->header[j])) {
				reader_error(r, line, (long)i + 1,
					     L("duplicate column name '%s' (also column %zu)",
					       "tên cột '%s' bị trùng (giống cột %zu)"),
					     t->header[i], j + 1);
				break;
			}
		}
	}
}

static void reader_row(struct reader *r, long line)
{
	struct csv_table *t = r->table;
	struct csv_row *row;
	int valid = 1;
	void *p;

	if (r->nfields != t->ncols) {
		reader_error(r, line, 0,
			     L("expected %zu fields, found %zu",
			       "cần %zu trường, có %zu"),
			     t->ncols, r->nfields);
		return;
	}
	for (size_t i = 0; i < r->nfields && !r->stop; i++)
		if (!reader_check_field(r, line, i))
			valid = 0;
	if (!valid)
		return;

	p = t->rows;
	if (grow_array(&p, &r->rows_alloc, t->nrows + 1, sizeof(*t->rows))) {
		r->nomem = 1;
		return;
	}
	t->rows = p;
	row = &t->rows[t->nrows];
	row->line = line;
	row->nfields = 0;
	row->fields = calloc(r->nfields, sizeof(*row->fields));
	if (!row->fields) {
		r->nomem = 1;
		return;
	}
	/* Counted now so that csv_table_release() frees a partial row. */
	t->nrows++;
	for (size_t i = 0; i < r->nfields; i++) {
		row->fields[i] = field_nfc(reader_field(r, i));
		if (!row->fields[i]) {
			r->nomem = 1;
			return;
		}
		row->nfields++;
	}
}

static void reader_discard_record(struct reader *r)
{
	r->nfields = 0;
	r->len = 0;
}

/* libcsv's record callback. */
static void reader_end_record(int c, void *cookie)
{
	struct reader *r = cookie;
	long line = r->open ? r->record_line : r->line;
	int empty = 1;

	(void)c;
	r->record_ended = 1;
	if (r->nomem || r->stop)
		return;
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].len)
			empty = 0;
	if (!empty) {
		if (!r->have_header) {
			r->have_header = 1;
			reader_header(r, line);
		} else {
			reader_row(r, line);
		}
	}
	reader_discard_record(r);
}

static void reader_reset_parser(struct reader *r)
{
	csv_free(&r->parser);
	csv_init(&r->parser, CSV_STRICT);
	csv_set_delim(&r->parser, r->delim);
}

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Feeds one line of `len` bytes and its line end of `eol_len` bytes to
 * libcsv. */
static void reader_line(struct reader *r, const char *s, size_t len, size_t eol_len)
{
	int was_open = r->open;
	const char *eol = eol_len ? s + len : "\n";

	if (!eol_len)
		eol_len = 1;
	r->record_ended = 0;
	r->line_fields = 0;
	if (csv_parse(&r->parser, s, len, reader_add_field,
		      reader_end_record, r) != len ||
	    csv_parse(&r->parser, eol, eol_len, reader_add_field,
		      reader_end_record, r) != eol_len) {
		if (csv_error(&r->parser) != CSV_EPARSE) {
			r->nomem = 1;
			return;
		}
		reader_error(r, r->line, (long)r->nfields + 1,
			     L("misplaced '\"': quote the whole field and double any '\"' inside it",
			       "dấu '\"' sai chỗ: hãy đặt cả trường trong ngoặc kép và viết đôi dấu '\"' bên trong"));
		/* Drop the record and go on from the next line. Without a
		 * header, later rows could only give misleading errors. */
		reader_reset_parser(r);
		reader_discard_record(r);
		r->open = 0;
		if (!r->have_header)
			r->stop = 1;
		return;
	}
	if (r->record_ended) {
		r->open = 0;
	} else if (was_open) {
		/* A field was completed here, so the open one began here. */
		if (r->line_fields)
			r->quote_line = r->line;
	} else if (!is_blank(s, len)) {
		r->open = 1;
		r->record_line = r->line;
		r->quote_line = r->line;
	}
}

/*
 * Text that is not UTF-8 (encoding.h): Windows-1258 is decoded into
 * *decoded, which then replaces *data and *size; TCVN3 and VNI are
 * refused. Returns 0 to go on, 1 when the file is refused (reported), -1
 * when memory ran out. Invalid bytes in a UTF-8 file are left to
 * reader_check_field(), which names each field.
 */
static int reader_decode(struct reader *r, const char **data, size_t *size,
			 char **decoded)
{
	struct encoding_guess g;
	size_t len, bad;
	long line, column;

	encoding_detect(*data, *size, (char)r->delim, &g);
	switch (g.encoding) {
	case TEXT_UTF8:
	case TEXT_BROKEN_UTF8:
		return 0;
	case TEXT_TCVN3:
	case TEXT_VNI:
		reader_error(r, g.line, g.column,
			     L("the text is in the legacy %s font encoding, not Unicode ('%s'): convert the file to Unicode, e.g. with Unikey's converter (Unikey Toolkit, \"Công cụ chuyển mã\": source %s, destination Unicode), then save it from Excel as 'CSV UTF-8'",
			       "văn bản dùng bảng mã cũ %s, không phải Unicode ('%s'): hãy chuyển tệp sang Unicode, ví dụ bằng \"Công cụ chuyển mã\" của Unikey (nguồn %s, đích Unicode), rồi lưu lại từ Excel dạng 'CSV UTF-8'"),
			     encoding_name(g.encoding), g.sample,
			     g.encoding == TEXT_TCVN3 ? "TCVN3 (ABC)" : "VNI Windows");
		return 1;
	case TEXT_WINDOWS_1258:
		break;
	}
	switch (encoding_decode_1258(*data, *size, decoded, &len, &bad)) {
	case 0:
		break;
	case 1:
		encoding_position(*data, bad, (char)r->delim, &line, &column);
		reader_error(r, line, column,
			     L("byte 0x%02X is neither UTF-8 nor Windows-1258 text (save the file as 'CSV UTF-8')",
			       "byte 0x%02X không phải văn bản UTF-8 hay Windows-1258 (hãy lưu tệp dạng 'CSV UTF-8')"),
			     (unsigned char)(*data)[bad]);
		return 1;
	default:
		return -1;
	}
	r->table->windows_1258 = 1;
	*data = *decoded;
	*size = len;
	return 0;
}

/* ';' when the first non-blank line has one outside quotes. */
static enum csv_dialect csv_detect_dialect(const char *s, size_t len)
{
	int quoted = 0;
	int seen = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == ';')
			return CSV_DIALECT_SEMICOLON;
		else if (c == '\n' || c == '\r') {
			if (seen)
				break;
		} else if (c != ' ' && c != '\t')
			seen = 1;
	}
	return CSV_DIALECT_COMMA;
}

enum csvread_status csv_table_parse(struct csv_table *table, const char *data,
				    size_t size, const char *name,
				    struct diag_list *diags)
{
	struct reader r;
	size_t pos = 0;
	char *decoded = NULL;

	memset(table, 0, sizeof(*table));
	if (name) {
		table->name = strdup(name);
		if (!table->name)
			return CSVREAD_NOMEM;
	}
	memset(&r, 0, sizeof(r));
	r.table = table;
	r.diags = diags;

	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		size -= 3;
	}
	/* Excel's "Unicode Text" is UTF-16: say so once rather than report
	 * every line as broken. */
	if (size >= 2 && (!memcmp(data, "\xFF\xFE", 2) ||
			  !memcmp(data, "\xFE\xFF", 2))) {
		reader_error(&r, 0, 0,
			     L("the file is UTF-16 text; save it as 'CSV UTF-8'",
			       "tệp được mã hoá UTF-16; hãy lưu lại dạng 'CSV UTF-8'"));
		return CSVREAD_INVALID;
	}

	table->dialect = csv_detect_dialect(data, size);
	r.delim = table->dialect == CSV_DIALECT_SEMICOLON ? ';' : ',';
	switch (reader_decode(&r, &data, &size, &decoded)) {
	case 0:
		break;
	case 1:
		return CSVREAD_INVALID;
	default:
		return CSVREAD_NOMEM;
	}
	csv_init(&r.parser, CSV_STRICT);
	csv_set_delim(&r.parser, r.delim);

	while (pos < size && !r.stop && !r.nomem) {
		size_t eol = pos;
		size_t next;

		while (eol < size && data[eol] != '\n' && data[eol] != '\r')
			eol++;
		next = eol;
		if (next < size)
			next += data[next] == '\r' && next + 1 < size &&
				data[next + 1] == '\n' ? 2 : 1;
		r.line++;
		if (eol - pos > CSV_LINE_MAX) {
			long line, column;

			encoding_position(data, pos + CSV_LINE_MAX, (char)r.delim, &line, &column);
			reader_error(&r, r.line, column,
				     L("line longer than %d bytes (a line without end, or not a CSV file?)",
				       "dòng dài quá %d byte (dòng không có dấu kết thúc, hoặc không phải tệp CSV?)"),
				     CSV_LINE_MAX);
			r.stop = 1;
			break;
		}
		reader_line(&r, data + pos, eol - pos, next - eol);
		pos = next;
	}
	/* Every line was fed with its '\n', so csv_fini() has nothing to
	 * flush: only a quoted field left open at the end remains. */
	if (!r.stop && !r.nomem && r.open)
		reader_error(&r, r.quote_line, (long)r.nfields + 1,
			     L("quoted field is not closed (missing '\"')",
			       "trường trong ngoặc kép chưa được đóng (thiếu dấu '\"')"));
	if (!r.nomem && !r.have_header && !r.failed)
		reader_error(&r, 0, 0,
			     L("empty file: no header line",
			       "tệp rỗng: không có dòng tiêu đề"));

	free(decoded);
	csv_free(&r.parser);
	free(r.buf);
	free(r.fields);
	if (r.nomem)
		return CSVREAD_NOMEM;
	return r.failed ? CSVREAD_INVALID : CSVREAD_OK;
}

/* Refuses a file above CSV_FILE_MAX (`size` 0: its size is unknown). */
static enum csvread_status too_large(struct csv_table *table, const char *name,
				     struct diag_list *diags, unsigned long long size)
{
	table->name = strdup(name);
	if (!table->name)
		return CSVREAD_NOMEM;
	if (size)
		diag_add(diags, name, 0, 0,
			 L("the file is too large (%llu bytes; the limit is %d MiB): is it the right file?",
			   "tệp quá lớn (%llu byte; giới hạn là %d MiB): có đúng tệp không?"),
			 size, CSV_FILE_MAX >> 20);
	else
		diag_add(diags, name, 0, 0,
			 L("the file is too large (the limit is %d MiB): is it the right file?",
			   "tệp quá lớn (giới hạn là %d MiB): có đúng tệp không?"),
			 CSV_FILE_MAX >> 20);
	return CSVREAD_INVALID;
}

enum csvread_status csv_table_read(struct csv_table *table, const char *path,
				   const char *name, struct diag_list *diags)
{
	struct stat st;
	FILE *f;
	char *buf = NULL;
	size_t len = 0, alloc = 0;
	enum csvread_status status;

	memset(table, 0, sizeof(*table));
	f = fopen(path, "rb");
	if (f && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > CSV_FILE_MAX) {
		fclose(f);
		return too_large(table, name, diags, (unsigned long long)st.st_size);
	}
	if (!f) {
		int err = errno;

		/* Whether a missing file is an error is the caller's call. */
		if (err == ENOENT)
			return CSVREAD_MISSING;
		diag_add(diags, NULL, 0, 0,
			 L("cannot read '%s': %s", "không đọc được '%s': %s"),
			 name, strerror(err));
		return CSVREAD_MISSING;
	}
	for (;;) {
		void *p = buf;
		size_t want, got;

		/* What is not a regular file (a pipe, a device) is only
		 * measured by reading it. */
		if (len > CSV_FILE_MAX) {
			free(buf);
			fclose(f);
			return too_large(table, name, diags, 0);
		}
		if (grow_array(&p, &alloc, len + 65536, 1)) {
			free(buf);
			fclose(f);
			return CSVREAD_NOMEM;
		}
		buf = p;
		want = alloc - len;
		got = fread(buf + len, 1, want, f);
		len += got;
		if (got < want) {
			if (ferror(f)) {
				/* A directory opens, then fails here. */
				int err = errno;

				diag_add(diags, NULL, 0, 0,
					 L("cannot read '%s': %s",
					   "không đọc được '%s': %s"),
					 name, strerror(err));
				free(buf);
				fclose(f);
				return CSVREAD_MISSING;
			}
			break;
		}
	}
	fclose(f);
	status = csv_table_parse(table, buf, len, name, diags);
	free(buf);
	return status;
}

void csv_table_release(struct csv_table *table)
{
	for (size_t i = 0; i < table->nrows; i++) {
		struct csv_row *row = &table->rows[i];

		for (size_t j = 0; j < row->nfields; j++)
			free(row->fields[j]);
		free(row->fields);
	}
	free(table->rows);
	if (table->header)
		for (size_t i = 0; i < table->ncols; i++)
			free(table->header[i]);
	free(table->header);
	free(table->name);
	memset(table, 0, sizeof(*table));
}

char *csv_header_key(const char *name)
{
	char *key = text_fold(name);
	if (!key)
		return NULL;
	char *w = key;
	for (const char *r = key; *r; r++) {
		char c = *r == '_' || *r == '\t' ? ' ' : *r;
		if (c == ' ' && (w == key || w[-1] == ' '))
			continue;
		*w++ = c;
	}
	while (w > key && w[-1] == ' ')
		w--;
	*w = '\0';
	return key;
}

long csv_table_column(const struct csv_table *table, const char *name)
{
	char *want = csv_header_key(name);
	long found = -1;
	for (size_t i = 0; want && i < table->ncols && found < 0; i++) {
		char *key = csv_header_key(table->header[i]);
		if (key && !strcmp(key, want))
			found = (long)i;
		free(key);
	}
	free(want);
	return found;
}

/*
 * Numbers. Both dialects are first rewritten into the one form strtod() and
 * strtol() read in the C locale ("-1234.5"), after checking the marks the
 * way a person would read them: a grouping that could be a decimal mark is
 * refused rather than guessed.
 */

/* Longest text taken as a number; longer is refused, so that the rewritten
 * form fits a fixed buffer. */
#define NUMBER_MAX 400

static int number_fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [s, end) is digits and `grp` marks: a first group of one to three
 * digits, not starting with 0, then groups of exactly three. */
static int grouping_valid(const char *s, const char *end, char grp)
{
	const char *c = s;

	while (c < end && *c != grp)
		c++;
	if (c == s || c - s > 3 || *s == '0')
		return 0;
	while (c < end) {
		const char *group = ++c;

		while (c < end && *c != grp)
			c++;
		if (c - group != 3)
			return 0;
	}
	return 1;
}

/* Why a text using the other dialect's marks is refused. */
static const char *number_wrong_mark(int semicolon)
{
	return semicolon ?
	       L("in a ';'-separated file '.' only groups thousands and ',' is the decimal mark",
		 "trong tệp phân cách bằng ';', dấu '.' chỉ để nhóm hàng nghìn và dấu ',' là dấu thập phân") :
	       L("in a ','-separated file the decimal mark is '.'",
		 "trong tệp phân cách bằng ',', dấu thập phân là '.'");
}

/* Checks `text` and writes it into buf (of NUMBER_MAX + 2 bytes) as
 * strtod() reads it. `whole` refuses a decimal part. */
static int number_rewrite(enum csv_dialect dialect, const char *text,
			  int whole, char *buf, const char **why)
{
	int semicolon = dialect == CSV_DIALECT_SEMICOLON;
	char dec = semicolon ? ',' : '.';
	char grp = semicolon ? '.' : ',';
	const char *s = text;
	const char *mark, *end;
	size_t ngroups = 0;
	size_t n = 0;

	if (!*s)
		return number_fail(why, L("empty", "trống"));
	if (strlen(s) > NUMBER_MAX)
		return number_fail(why, L("too many digits", "quá nhiều chữ số"));
	if (*s == '-' || *s == '+')
		buf[n++] = *s++;
	for (const char *c = s; *c; c++) {
		if (is_digit(*c) || *c == '.' || *c == ',')
			continue;
		if (*c == ' ' || *c == '\t')
			return number_fail(why, L("spaces inside a number",
						  "có dấu cách bên trong số"));
		if ((*c == 'e' || *c == 'E') && c > s && is_digit(c[-1]))
			return number_fail(why, L("exponent notation is not accepted",
						  "không chấp nhận dạng số mũ"));
		return number_fail(why, L("not a number", "không phải là số"));
	}

	mark = strchr(s, dec);
	if (mark && strchr(mark + 1, dec))
		return number_fail(why, L("more than one decimal mark",
					  "có nhiều hơn một dấu thập phân"));
	if (mark && whole)
		return number_fail(why, L("a whole number is expected",
					  "cần một số nguyên"));
	end = mark ? mark : s + strlen(s);
	if (end == s)
		return number_fail(why, mark ?
				   L("no digits before the decimal mark",
				     "không có chữ số trước dấu thập phân") :
				   L("not a number", "không phải là số"));
	/* A grouping mark after the decimal mark is the other dialect's
	 * decimal mark ("1.234,5" in a comma file). */
	if (mark && strchr(mark + 1, grp))
		return number_fail(why, number_wrong_mark(semicolon));
	if (mark && !mark[1])
		return number_fail(why, L("no digits after the decimal mark",
					  "không có chữ số sau dấu thập phân"));

	for (const char *c = s; c < end; c++)
		ngroups += *c == grp;
	if (ngroups) {
		if (!grouping_valid(s, end, grp)) {
			if (semicolon || (ngroups == 1 && !mark))
				return number_fail(why,
						   number_wrong_mark(semicolon));
			return number_fail(why, L("bad thousands grouping",
						  "nhóm hàng nghìn không đúng"));
		}
		if (!semicolon && !mark)
			return number_fail(why, ngroups == 1 ?
					   L("ambiguous: is ',' a decimal mark or thousands grouping?",
					     "không rõ nghĩa: dấu ',' là dấu thập phân hay dấu nhóm hàng nghìn?") :
					   L("',' groups thousands only in a number with a decimal point",
					     "dấu ',' chỉ nhóm hàng nghìn trong số có dấu thập phân '.'"));
	}

	for (const char *c = s; c < end; c++)
		if (*c != grp)
			buf[n++] = *c;
	if (mark) {
		buf[n++] = '.';
		for (const char *c = mark + 1; *c; c++)
			buf[n++] = *c;
	}
	buf[n] = '\0';
	return 0;
}

int csv_parse_number(enum csv_dialect dialect, const char *text, double *out,
		     const char **why)
{
	char buf[NUMBER_MAX + 2];
	double v;

	if (number_rewrite(dialect, text, 0, buf, why))
		return -1;
	errno = 0;
	v = strtod(buf, NULL);
	/* Underflow rounds to zero, which is fine for a written number. */
	if ((errno == ERANGE && fabs(v) == HUGE_VAL) || !isfinite(v))
		return number_fail(why, L("out of range", "vượt quá giới hạn"));
	*out = v;
	return 0;
}

int csv_parse_integer(enum csv_dialect dialect, const char *text, long *out,
		      const char **why)
{
	char buf[NUMBER_MAX + 2];
	long v;

	if (number_rewrite(dialect, text, 1, buf, why))
		return -1;
	errno = 0;
	v = strtol(buf, NULL, 10);
	if (errno == ERANGE)
		return number_fail(why, L("out of range", "vượt quá giới hạn"));
	*out = v;
	return 0;
}
