#include "loader.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvread.h"
#include "lang.h"
#include "xalloc.h"

const char *const dataset_files[7] = {
	"criteria.csv", "unit_costs.csv", "communes.csv", "sources.csv",
	"budget.csv",   "gaps.csv",       "targets.csv",
};

/* Years outside this range are typing mistakes, not plans. */
#define YEAR_MIN 1900
#define YEAR_MAX 2200

/*
 * The state of one load: the dataset being filled, where messages go, and
 * whether anything failed. Every check below reports and carries on, so
 * that one run shows every problem.
 */
struct commune_key {
	const char *id;
	size_t index;
	long line;    /* line of communes.csv */
};

struct loader {
	struct dataset *ds;
	struct diag_list *diags;
	const char *dir;
	int invalid;
	int missing;
	int nomem;
	/* communes sorted by id, for lookups in gaps and targets */
	struct commune_key *commune_keys;
	unsigned char *commune_duplicate; /* per commune: a second use of an id */
};

/*
 * The errors found in a sheet's cells, kept until its rows are all read,
 * as groups: one group per kind of error (the message's template) and
 * column. A file saved with the wrong decimal mark gives the same error on
 * every row; a group of ISSUE_GROUP_MIN rows or more is then reported once,
 * with its count and first lines, rather than hiding the other files'
 * errors behind the limit. A group keeps what its report needs, not every
 * message, so a file of a million bad rows takes no more memory than one
 * of three.
 */
#define ISSUE_GROUP_MIN 3
/* Lines listed in a group's message. */
#define ISSUE_LINES_SHOWN 5

struct issue_group {
	const char *fmt;    /* the message's template: what kind of error */
	long col;           /* 0-based, -1 when the column is absent */
	size_t count;
	size_t dots;        /* of them, numbers with a decimal point in a ';' file */
	long lines[ISSUE_LINES_SHOWN];
	char *messages[ISSUE_GROUP_MIN - 1]; /* the first ones, said alone if few */
	const char *text;   /* the first cell's text (the table's) */
	size_t order;       /* groups made before it */
};

/* One CSV file being read, with the columns the loader looks up. */
struct sheet {
	struct csv_table table;
	char *path;   /* DIR/FILE, as messages name it */
	int usable;   /* read, and every required column present */
	struct issue_group *groups; /* in order of their first error */
	size_t ngroups, alloc;
};

/* A column of a dataset file: its name, the Vietnamese headers accepted
 * for it too (docs/data-format.md), and whether the file needs it. */
struct column_spec {
	const char *name;
	const char *vi[3];  /* NULL-terminated */
	int required;
};


/* A position in a sheet, for messages. */
struct cell {
	struct loader *ld;
	struct sheet *sh;
	const struct csv_row *row;
	long col;     /* 0-based column index, -1 when the column is absent */
};

static int dot_decimal(const struct csv_table *t, const char *text);

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void cell_error(const struct cell *at, const char *fmt, ...)
{
	struct sheet *sh = at->sh;
	struct issue_group *g = NULL;
	const char *text = at->col >= 0 && at->row ? at->row->fields[at->col] : "";
	at->ld->invalid = 1;
	for (size_t i = 0; i < sh->ngroups && !g; i++)
		if (sh->groups[i].fmt == fmt && sh->groups[i].col == at->col)
			g = &sh->groups[i];
	if (!g) {
		void *p = sh->groups;
		if (grow_array(&p, &sh->alloc, sh->ngroups + 1, sizeof(*sh->groups))) {
			at->ld->nomem = 1;
			return;
		}
		sh->groups = p;
		g = &sh->groups[sh->ngroups++];
		memset(g, 0, sizeof(*g));
		g->fmt = fmt;
		g->col = at->col;
		g->text = text;
		g->order = sh->ngroups - 1;
	}
	if (g->count < ISSUE_GROUP_MIN - 1) {
		va_list ap;
		va_start(ap, fmt);
		g->messages[g->count] = vstrfmt(fmt, ap);
		va_end(ap);
		if (!g->messages[g->count])
			at->ld->nomem = 1;
	}
	if (g->count < ISSUE_LINES_SHOWN)
		g->lines[g->count] = at->row ? at->row->line : 0;
	g->count++;
	g->dots += dot_decimal(&sh->table, text);
}

static const char *cell_text(const struct cell *at)
{
	return at->col >= 0 ? at->row->fields[at->col] : "";
}

static const char *cell_column_name(const struct cell *at)
{
	return at->sh->table.header[at->col];
}

/* Edit distance between two short strings (bytes), for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The header cell that a missing column was most likely meant to be: one
 * no other column took, within an edit distance of 1 (names of up to five
 * letters) or 2 of the column's name or a Vietnamese alias; -1 if none. */
static long near_miss(const struct sheet *sh, const struct column_spec *spec,
		      const unsigned char *taken)
{
	long best = -1;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < sh->table.ncols; i++) {
		if (taken[i])
			continue;
		char *key = csv_header_key(sh->table.header[i]);
		for (size_t a = 0; key && *key && a < 4; a++) {
			const char *name = a == 0 ? spec->name : spec->vi[a - 1];
			if (!name)
				break;
			char *want = csv_header_key(name);
			size_t d = want ? edit_distance(key, want) : (size_t)-1;
			size_t allowed = want && strlen(want) > 5 ? 2 : 1;
			if (d <= allowed && d < best_d) {
				best_d = d;
				best = (long)i;
			}
			free(want);
		}
		free(key);
	}
	return best;
}

/* The header row as found, for messages: "a, b, c" (at most about 200
 * bytes, then "..."). */
static char *header_row(const struct csv_table *t)
{
	size_t size = 1;
	for (size_t i = 0; i < t->ncols; i++)
		size += strlen(t->header[i]) + 4;
	char *row = malloc(size);
	if (!row)
		return NULL;
	row[0] = '\0';
	for (size_t i = 0; i < t->ncols; i++) {
		if (i)
			strcat(row, ", ");
		if (strlen(row) > 200) {
			strcat(row, "...");
			break;
		}
		strcat(row, *t->header[i] ? t->header[i] : "''");
	}
	return row;
}

/* Reports a required column the header row lacks: with its Vietnamese
 * name, the header cell it most resembles, and the row found. */
static void report_missing_column(struct loader *ld, struct sheet *sh,
				  const struct column_spec *spec, const unsigned char *taken)
{
	long near = near_miss(sh, spec, taken);
	char *row = header_row(&sh->table);
	char *also = spec->vi[0] ? strfmt(L(" (in Vietnamese '%s')", " (tiếng Việt: '%s')"),
					  spec->vi[0]) : strdup("");
	char *guess = near >= 0 ? strfmt(L("; did you mean '%s' (column %ld)?",
					   "; có phải ý là cột '%s' (cột %ld)?"),
					 sh->table.header[near], near + 1) : strdup("");
	if (!row || !also || !guess)
		ld->nomem = 1;
	else
		diag_add(ld->diags, sh->path, 1, 0,
			 L("missing column '%s'%s; the header row found is: %s%s",
			   "thiếu cột '%s'%s; dòng tiêu đề đọc được: %s%s"),
			 spec->name, also, row, guess);
	free(row);
	free(also);
	free(guess);
}

/* Whether header cell `i` names `spec`: its name or a Vietnamese alias,
 * compared by csv_header_key (case, accents and spaces do not matter). */
static int names_column(const struct sheet *sh, size_t i, const struct column_spec *spec)
{
	char *key = csv_header_key(sh->table.header[i]);
	int same = 0;
	for (size_t a = 0; key && !same && a < 4; a++) {
		const char *name = a == 0 ? spec->name : spec->vi[a - 1];
		if (!name)
			break;
		char *want = csv_header_key(name);
		same = want && !strcmp(key, want);
		free(want);
	}
	free(key);
	return same;
}

/* The column of the sheet for `spec`, or -1. Two header cells that both
 * name it ("Met" and "đạt") leave the planner's meaning unknown: reported,
 * and the first is used. */
static long find_column(struct loader *ld, const struct sheet *sh, const struct column_spec *spec)
{
	long found = -1;
	for (size_t i = 0; i < sh->table.ncols; i++) {
		if (!names_column(sh, i, spec))
			continue;
		if (found < 0) {
			found = (long)i;
			continue;
		}
		/* The same name twice is csvread's to report. */
		if (!strcmp(sh->table.header[found], sh->table.header[i]))
			continue;
		diag_add(ld->diags, sh->path, 1, (long)i + 1,
			 L("columns %ld ('%s') and %zu ('%s') are both column '%s': keep one",
			   "cột %ld ('%s') và cột %zu ('%s') đều là cột '%s': chỉ giữ một cột"),
			 found + 1, sh->table.header[found], i + 1, sh->table.header[i], spec->name);
		ld->invalid = 1;
	}
	return found;
}

/* Reads a sheet and finds its `n` columns; cols receives their indices in
 * the order of `spec` (-1 for an absent optional column). A required
 * column missing makes the sheet unusable (reported); the caller still
 * closes it. */
static void sheet_open(struct loader *ld, struct sheet *sh, const char *file,
		       const struct column_spec *spec, size_t n, long *cols)
{
	memset(sh, 0, sizeof(*sh));
	sh->path = strfmt("%s/%s", ld->dir, file);
	if (!sh->path) {
		ld->nomem = 1;
		return;
	}
	size_t reported = diag_count(ld->diags);
	enum csvread_status st = csv_table_read(&sh->table, sh->path, sh->path,
						ld->diags);
	switch (st) {
	case CSVREAD_OK:
		break;
	case CSVREAD_MISSING:
		/* csvread leaves "does not exist" to its caller to phrase. */
		if (diag_count(ld->diags) == reported)
			diag_add(ld->diags, sh->path, 0, 0,
				 L("missing file: a dataset has the files %s",
				   "thiếu tệp: một bộ dữ liệu gồm các tệp %s"),
				 "criteria.csv, unit_costs.csv, communes.csv, sources.csv, budget.csv, gaps.csv, targets.csv");
		ld->missing = 1;
		return;
	case CSVREAD_INVALID:
		ld->invalid = 1;
		break; /* rows read correctly are still checked */
	case CSVREAD_NOMEM:
		ld->nomem = 1;
		return;
	}
	/* A file without a header line (empty, or not text) was reported by
	 * csvread; listing every column as missing would only add noise. */
	sh->usable = sh->table.ncols > 0;
	if (!sh->usable)
		return;
	unsigned char *taken = calloc(sh->table.ncols, 1);
	if (!taken) {
		ld->nomem = 1;
		sh->usable = 0;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		cols[i] = find_column(ld, sh, &spec[i]);
		if (cols[i] >= 0)
			taken[cols[i]] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (cols[i] >= 0 || !spec[i].required)
			continue;
		report_missing_column(ld, sh, &spec[i], taken);
		ld->invalid = 1;
		sh->usable = 0;
	}
	free(taken);
}

/* Whether a number refused in a ';' file has a decimal point where the
 * file's decimal mark is ',' ("1.07"): a file saved with ';' between
 * fields but numbers written the English way. */
static int dot_decimal(const struct csv_table *t, const char *text)
{
	if (t->dialect != CSV_DIALECT_SEMICOLON || strchr(text, ','))
		return 0;
	const char *dot = strchr(text, '.');
	if (!dot || dot == text || !dot[1])
		return 0;
	for (const char *c = text; *c; c++)
		if (c != dot && !(*c >= '0' && *c <= '9') && !(c == text && (*c == '-' || *c == '+')))
			return 0;
	return 1;
}

/* A group's report: its few errors one by one, or one message for them
 * all at its first row, with the count, the first lines and the likely
 * cause where there is one. */
static void report_group(struct loader *ld, const struct sheet *sh, const struct issue_group *g)
{
	long col = g->col >= 0 ? g->col + 1 : 0;
	if (g->count < ISSUE_GROUP_MIN) {
		for (size_t i = 0; i < g->count; i++)
			if (g->messages[i])
				diag_add(ld->diags, sh->path, g->lines[i], col, "%s", g->messages[i]);
		return;
	}
	char lines[ISSUE_LINES_SHOWN * 24] = "";
	size_t len = 0;
	for (size_t i = 0; i < g->count && i < ISSUE_LINES_SHOWN; i++)
		len += (size_t)snprintf(lines + len, sizeof(lines) - len, "%s%ld", i ? ", " : "",
					g->lines[i]);
	const char *more = g->count > ISSUE_LINES_SHOWN ? ", ..." : "";
	if (g->dots == g->count)
		diag_add(ld->diags, sh->path, g->lines[0], col,
			 L("numbers with a decimal point in a file that uses ';': %zu lines, from line %ld (lines %s%s; '%s' in column '%s'). "
			   "In a ';' file the decimal mark is ',' (Excel's Vietnamese setting): write '1,5' for one and a half, or save the file with ',' between fields",
			   "số có dấu chấm thập phân trong tệp dùng ';': %zu dòng, từ dòng %ld (dòng %s%s; '%s' ở cột '%s'). "
			   "Tệp dùng ';' thì dấu thập phân là ',' (thiết lập tiếng Việt của Excel): ghi '1,5' cho một phẩy năm, hoặc lưu tệp với dấu ',' giữa các trường"),
			 g->count, g->lines[0], lines, more, g->text, sh->table.header[g->col]);
	else
		diag_add(ld->diags, sh->path, g->lines[0], col,
			 L("%s; the same error on %zu lines of this column, from line %ld (lines %s%s)",
			   "%s; cùng lỗi này ở %zu dòng của cột, từ dòng %ld (dòng %s%s)"),
			 g->messages[0] ? g->messages[0] : "?", g->count, g->lines[0], lines, more);
}

/* By the first line a group reports on, then the order found. */
static int compare_groups(const void *a, const void *b)
{
	const struct issue_group *x = a, *y = b;
	if (x->lines[0] != y->lines[0])
		return (x->lines[0] > y->lines[0]) - (x->lines[0] < y->lines[0]);
	return (x->order > y->order) - (x->order < y->order);
}

/* Reports the sheet's cell errors, by their first line (a group of few
 * errors stays in file order with the others only approximately: its
 * later errors follow its first), and forgets them. */
static void sheet_flush(struct loader *ld, struct sheet *sh)
{
	/* Ties go by the order found, so the order is the same everywhere. */
	if (sh->ngroups)
		qsort(sh->groups, sh->ngroups, sizeof(*sh->groups), compare_groups);
	for (size_t i = 0; i < sh->ngroups; i++) {
		report_group(ld, sh, &sh->groups[i]);
		for (size_t m = 0; m < ISSUE_GROUP_MIN - 1; m++)
			free(sh->groups[i].messages[m]);
	}
	free(sh->groups);
	sh->groups = NULL;
	sh->ngroups = sh->alloc = 0;
}

/* Reports what is left of the sheet's errors and frees it. */
static void sheet_close(struct loader *ld, struct sheet *sh)
{
	sheet_flush(ld, sh);
	csv_table_release(&sh->table);
	free(sh->path);
}

/* Whether the cell has text: 0, or -1 after the error of an empty value
 * (every required cell is checked by it first). */
static int cell_present(const struct cell *at)
{
	if (*cell_text(at))
		return 0;
	cell_error(at, L("empty value in column '%s'", "cột '%s' để trống"),
		   cell_column_name(at));
	return -1;
}

/* A whole number in [min, max]. */
static int cell_integer(const struct cell *at, long min, long max, long *out)
{
	const char *why;
	const char *text = cell_text(at);
	if (cell_present(at))
		return -1;
	if (csv_parse_integer(at->sh->table.dialect, text, out, &why)) {
		cell_error(at, L("invalid whole number '%s' in column '%s': %s",
				 "số nguyên '%s' ở cột '%s' không hợp lệ: %s"),
			   text, cell_column_name(at), why);
		return -1;
	}
	if (*out < min || *out > max) {
		cell_error(at, L("'%s' in column '%s' is out of range %ld..%ld",
				 "'%s' ở cột '%s' nằm ngoài khoảng %ld..%ld"),
			   text, cell_column_name(at), min, max);
		return -1;
	}
	return 0;
}

/* 0 or 1, as the flags of the format are written. */
static int cell_flag(const struct cell *at, int *out)
{
	long v;
	if (cell_integer(at, 0, 1, &v))
		return -1;
	*out = (int)v;
	return 0;
}

/* A non-negative decimal number (amounts, quantities, costs). */
static int cell_amount(const struct cell *at, double *out)
{
	const char *why;
	const char *text = cell_text(at);
	if (cell_present(at))
		return -1;
	if (csv_parse_number(at->sh->table.dialect, text, out, &why)) {
		cell_error(at, L("invalid number '%s' in column '%s': %s",
				 "số '%s' ở cột '%s' không hợp lệ: %s"),
			   text, cell_column_name(at), why);
		return -1;
	}
	if (*out < 0) {
		cell_error(at, L("negative value '%s' in column '%s'",
				 "giá trị âm '%s' ở cột '%s'"),
			   text, cell_column_name(at));
		return -1;
	}
	if (*out > DATASET_AMOUNT_MAX) {
		cell_error(at, L("value '%s' in column '%s' is too large (at most %.0e)",
				 "giá trị '%s' ở cột '%s' quá lớn (tối đa %.0e)"),
			   text, cell_column_name(at), DATASET_AMOUNT_MAX);
		return -1;
	}
	return 0;
}

/* Non-empty text, copied. */
static int cell_string(const struct cell *at, char **out)
{
	const char *text = cell_text(at);
	if (cell_present(at))
		return -1;
	*out = strdup(text);
	if (!*out) {
		at->ld->nomem = 1;
		return -1;
	}
	return 0;
}

/* The text of optional column `col` (-1: absent) into *out, copied; *out
 * is left NULL when the column is absent or the cell empty. */
static void cell_optional_string(struct cell *at, long col, char **out)
{
	at->col = col;
	if (col >= 0 && *cell_text(at))
		cell_string(at, out);
}

static int cell_criterion(const struct cell *at, int *out)
{
	const char *why;
	long k;
	const char *text = cell_text(at);
	if (cell_present(at))
		return -1;
	if (csv_parse_integer(at->sh->table.dialect, text, &k, &why) ||
	    k < 1 || k > NTM_CRITERIA) {
		cell_error(at, L("unknown criterion '%s' (criteria are 1 to %d)",
				 "không có tiêu chí '%s' (tiêu chí từ 1 đến %d)"),
			   text, NTM_CRITERIA);
		return -1;
	}
	*out = (int)k;
	return 0;
}

/* A criterion that opens a row of a file listing each criterion once
 * (criteria.csv, unit_costs.csv): reads it as cell_criterion() does,
 * reports one seen before (seen_line[k - 1]: the line it was first on, or
 * 0), and records the row's line. Returns 0 for a criterion not seen
 * before, -1 otherwise. */
static int cell_criterion_once(const struct cell *at, long seen_line[NTM_CRITERIA], int *out)
{
	int k;
	if (cell_criterion(at, &k))
		return -1;
	if (seen_line[k - 1]) {
		cell_error(at, L("criterion %d is listed twice (first on line %ld)",
				 "tiêu chí %d bị lặp (lần đầu ở dòng %ld)"),
			   k, seen_line[k - 1]);
		return -1;
	}
	seen_line[k - 1] = at->row->line;
	*out = k;
	return 0;
}

/* Reports each criterion such a file did not list; `message` takes the
 * criterion's number. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
static void report_missing_criteria(struct loader *ld, const char *path,
				    const long seen_line[NTM_CRITERIA], const char *message)
{
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		if (!seen_line[k - 1]) {
			diag_add(ld->diags, path, 0, 0, message, k);
			ld->invalid = 1;
		}
	}
}

static int compare_keys(const void *a, const void *b)
{
	const struct commune_key *x = a, *y = b;
	int cmp = strcmp(x->id, y->id);
	/* Ties keep file order, so the first of two duplicates comes first. */
	if (!cmp)
		cmp = (x->index > y->index) - (x->index < y->index);
	return cmp;
}

/* Index of the commune with this id, using the sorted index; -1 if none.
 * Of two communes with one id (an error reported already) it finds the
 * first, so that rows naming it are not reported a second time. */
static long find_commune(const struct loader *ld, const char *id)
{
	size_t lo = 0, hi = ld->ds->ncommunes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ld->commune_keys[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ld->ds->ncommunes && !strcmp(ld->commune_keys[lo].id, id))
		return (long)ld->commune_keys[lo].index;
	return -1;
}

static int cell_commune(const struct cell *at, size_t *out)
{
	const char *text = cell_text(at);
	if (cell_present(at))
		return -1;
	long c = at->ld->commune_keys ? find_commune(at->ld, text) : -1;
	if (c < 0) {
		cell_error(at, L("unknown commune '%s'", "không có xã '%s'"), text);
		return -1;
	}
	*out = (size_t)c;
	return 0;
}

/* Reads a file that lists each criterion once, in its first column
 * (criteria.csv, unit_costs.csv), with the n columns of `spec` (found at
 * col[]): read_row() reads the rest of each row whose criterion k is valid
 * and not seen before (`at` is the row's cell); then each criterion the
 * file does not list is reported with `missing` (its one %d). */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 0)))
#endif
static void load_criterion_file(struct loader *ld, const char *file, const struct column_spec *spec,
				size_t n, long *col,
				void (*read_row)(struct cell *at, const long *col, int k),
				const char *missing)
{
	struct sheet sh;
	long seen_line[NTM_CRITERIA] = {0};

	sheet_open(ld, &sh, file, spec, n, col);
	if (!sh.usable)
		goto cleanup;
	for (size_t r = 0; r < sh.table.nrows; r++) {
		struct cell at = {ld, &sh, &sh.table.rows[r], col[0]};
		int k;
		if (!cell_criterion_once(&at, seen_line, &k))
			read_row(&at, col, k);
	}
	sheet_flush(ld, &sh);
	report_missing_criteria(ld, sh.path, seen_line, missing);
cleanup:
	sheet_close(ld, &sh);
}

/* A row of criteria.csv after its criterion k. */
static void read_criterion(struct cell *at, const long *col, int k)
{
	struct criterion *cr = &at->ld->ds->criteria[k - 1];
	long lead;
	cr->number = k;
	at->col = col[1];
	cell_string(at, &cr->name_vi);
	at->col = col[2];
	cell_string(at, &cr->name_en);
	at->col = col[3];
	cell_string(at, &cr->unit);
	at->col = col[4];
	if (!cell_integer(at, 0, 50, &lead))
		cr->lead_years = (int)lead;
	cell_optional_string(at, col[5], &cr->unit_vi);
	cell_optional_string(at, col[6], &cr->unit_en);
}

static void load_criteria(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"criterion", {"tiêu chí", "mã tiêu chí"}, 1},
		{"name_vi", {"tên tiếng việt", "tên tiêu chí"}, 1},
		{"name_en", {"tên tiếng anh"}, 1},
		{"unit", {"đơn vị", "đơn vị tính"}, 1},
		{"lead_years", {"số năm chờ"}, 1},
		{"unit_vi", {"đơn vị tiếng việt"}, 0},
		{"unit_en", {"đơn vị tiếng anh"}, 0},
	};
	long col[7];
	load_criterion_file(ld, "criteria.csv", spec, 7, col, read_criterion,
			    L("criterion %d is missing", "thiếu tiêu chí %d"));
}

/* A row of unit_costs.csv after its criterion k. */
static void read_unit_cost(struct cell *at, const long *col, int k)
{
	at->col = col[1];
	cell_amount(at, &at->ld->ds->criteria[k - 1].unit_cost);
}

static void load_unit_costs(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"criterion", {"tiêu chí", "mã tiêu chí"}, 1},
		{"unit_cost", {"đơn giá"}, 1},
	};
	long col[2];
	load_criterion_file(ld, "unit_costs.csv", spec, 2, col, read_unit_cost,
			    L("no unit cost for criterion %d", "thiếu đơn giá của tiêu chí %d"));
}

/*
 * Districts by name while communes.csv is read: an open-addressing hash
 * table of indices into ds->districts, so that 100,000 communes in
 * thousands of districts take linear time, not districts × communes.
 */
struct district_index {
	long *slots;     /* -1: empty */
	size_t size;     /* a power of two, at least twice the districts */
	size_t alloc;    /* of ds->districts */
};

static size_t hash_name(const char *s)
{
	size_t h = 14695981039346656037u;  /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t district_slot(const struct district_index *x, const struct dataset *ds,
			    const char *name)
{
	size_t i = hash_name(name) & (x->size - 1);

	while (x->slots[i] >= 0 && strcmp(ds->districts[x->slots[i]], name))
		i = (i + 1) & (x->size - 1);
	return i;
}

static int district_index_grow(struct district_index *x, const struct dataset *ds)
{
	struct district_index bigger = {NULL, x->size ? x->size * 2 : 64, x->alloc};

	bigger.slots = malloc(bigger.size * sizeof(*bigger.slots));
	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < bigger.size; i++)
		bigger.slots[i] = -1;
	for (size_t d = 0; d < ds->ndistricts; d++)
		bigger.slots[district_slot(&bigger, ds, ds->districts[d])] = (long)d;
	free(x->slots);
	*x = bigger;
	return 0;
}

/* The index of district `name`, added if new; -1 when memory ran out. */
static long intern_district(struct loader *ld, struct district_index *x, const char *name)
{
	struct dataset *ds = ld->ds;
	size_t i;

	if (2 * (ds->ndistricts + 1) > x->size && district_index_grow(x, ds))
		return -1;
	i = district_slot(x, ds, name);
	if (x->slots[i] >= 0)
		return x->slots[i];
	if (grow_array((void **)&ds->districts, &x->alloc, ds->ndistricts + 1,
		       sizeof(*ds->districts)))
		return -1;
	ds->districts[ds->ndistricts] = strdup(name);
	if (!ds->districts[ds->ndistricts])
		return -1;
	x->slots[i] = (long)ds->ndistricts;
	return (long)ds->ndistricts++;
}

static void load_communes(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"commune_id", {"mã xã"}, 1},
		{"commune", {"xã", "tên xã"}, 1},
		{"district", {"huyện", "tên huyện"}, 1},
		{"cost_factor", {"hệ số chi phí", "hệ số"}, 0},
	};
	long col[4];
	struct sheet sh;
	struct dataset *ds = ld->ds;
	struct district_index districts = {NULL, 0, 0};
	long *commune_line = NULL;

	sheet_open(ld, &sh, "communes.csv", spec, 4, col);
	if (!sh.usable)
		goto cleanup;
	ds->communes = calloc(sh.table.nrows ? sh.table.nrows : 1,
			      sizeof(*ds->communes));
	commune_line = calloc(sh.table.nrows ? sh.table.nrows : 1,
			      sizeof(*commune_line));
	if (!ds->communes || !commune_line) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t r = 0; r < sh.table.nrows; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct commune *cm = &ds->communes[ds->ncommunes];
		struct cell at = {ld, &sh, row, col[0]};
		char *district = NULL;
		/* A commune with a valid id is kept even when another field is
		 * wrong (the error is reported, the dataset is refused), so that
		 * gaps.csv and targets.csv rows naming it are not reported too. */
		if (cell_string(&at, &cm->id))
			continue;
		at.col = col[1];
		if (cell_string(&at, &cm->name))
			cm->name = strdup("");
		at.col = col[2];
		if (cell_string(&at, &district))
			district = strdup("");
		cm->cost_factor = 1.0;
		at.col = col[3];
		if (col[3] >= 0 && *cell_text(&at) && !cell_amount(&at, &cm->cost_factor) &&
		    cm->cost_factor <= 0)
			cell_error(&at, L("cost factor must be positive",
					  "hệ số chi phí phải dương"));
		long d = cm->name && district ? intern_district(ld, &districts, district) : -1;
		free(district);
		if (d < 0) {
			ld->nomem = 1;
			free(cm->id);
			free(cm->name);
			memset(cm, 0, sizeof(*cm));
			break;
		}
		cm->district = (size_t)d;
		commune_line[ds->ncommunes++] = row->line;
	}
	sheet_flush(ld, &sh);
	if (!ds->ncommunes && !sh.table.nrows) {
		diag_add(ld->diags, sh.path, 0, 0,
			 L("no communes are listed", "không có xã nào"));
		ld->invalid = 1;
	}

	/* The sorted index finds duplicates and serves every later lookup. */
	ld->commune_keys = malloc((ds->ncommunes ? ds->ncommunes : 1) *
				  sizeof(*ld->commune_keys));
	ld->commune_duplicate = calloc(ds->ncommunes ? ds->ncommunes : 1, 1);
	if (!ld->commune_keys || !ld->commune_duplicate) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t c = 0; c < ds->ncommunes; c++) {
		ld->commune_keys[c].id = ds->communes[c].id;
		ld->commune_keys[c].index = c;
		ld->commune_keys[c].line = commune_line[c];
	}
	qsort(ld->commune_keys, ds->ncommunes, sizeof(*ld->commune_keys),
	      compare_keys);
	for (size_t i = 1; i < ds->ncommunes; i++) {
		const struct commune_key *first = &ld->commune_keys[i - 1];
		const struct commune_key *again = &ld->commune_keys[i];
		if (strcmp(first->id, again->id))
			continue;
		diag_add(ld->diags, sh.path, again->line, col[0] + 1,
			 L("duplicate commune id '%s' (first on line %ld)",
			   "mã xã '%s' bị lặp (lần đầu ở dòng %ld)"),
			 again->id, first->line);
		ld->commune_duplicate[again->index] = 1;
		ld->invalid = 1;
	}
cleanup:
	free(districts.slots);
	free(commune_line);
	sheet_close(ld, &sh);
}

/* "all", or criterion numbers separated by spaces. */
static int cell_criteria_list(const struct cell *at, criteria_mask *out)
{
	const char *text = cell_text(at);
	if (!strcmp(text, "all")) {
		*out = CRITERIA_ALL;
		return 0;
	}
	criteria_mask mask = 0;
	const char *p = text;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *end;
		errno = 0;
		long k = strtol(p, &end, 10);
		if (end == p || (*end && *end != ' ') || errno || k < 1 ||
		    k > NTM_CRITERIA || *p == '+' || *p == '-') {
			cell_error(at, L("invalid criteria list '%s': write 'all' or criterion numbers 1 to %d separated by spaces",
					 "danh sách tiêu chí '%s' không hợp lệ: ghi 'all' hoặc các số tiêu chí từ 1 đến %d, cách nhau bằng dấu cách"),
				   text, NTM_CRITERIA);
			return -1;
		}
		if (mask & CRITERION_BIT(k)) {
			cell_error(at, L("criterion %ld is listed twice in '%s'",
					 "tiêu chí %ld bị lặp trong '%s'"), k, text);
			return -1;
		}
		mask |= CRITERION_BIT(k);
		p = end;
	}
	if (!mask) {
		cell_error(at, L("empty criteria list: write 'all' or criterion numbers",
				 "danh sách tiêu chí trống: ghi 'all' hoặc các số tiêu chí"));
		return -1;
	}
	*out = mask;
	return 0;
}

static void load_sources(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"source", {"nguồn", "nguồn vốn", "mã nguồn"}, 1},
		{"criteria", {"tiêu chí", "các tiêu chí"}, 1},
		{"carry_over", {"chuyển năm sau", "chuyển nguồn"}, 1},
		{"name_vi", {"tên tiếng việt", "tên nguồn"}, 0},
		{"name_en", {"tên tiếng anh"}, 0},
	};
	long col[5];
	struct sheet sh;
	struct dataset *ds = ld->ds;
	long *source_line = NULL;

	sheet_open(ld, &sh, "sources.csv", spec, 5, col);
	if (!sh.usable)
		goto cleanup;
	ds->sources = calloc(sh.table.nrows ? sh.table.nrows : 1, sizeof(*ds->sources));
	source_line = calloc(sh.table.nrows ? sh.table.nrows : 1, sizeof(*source_line));
	if (!ds->sources || !source_line) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t r = 0; r < sh.table.nrows; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct source *src = &ds->sources[ds->nsources];
		struct cell at = {ld, &sh, row, col[0]};
		if (cell_string(&at, &src->name))
			continue;
		long dup = dataset_find_source(ds, src->name);
		if (dup >= 0) {
			cell_error(&at, L("source '%s' is listed twice (first on line %ld)",
					  "nguồn '%s' bị lặp (lần đầu ở dòng %ld)"),
				   src->name, source_line[dup]);
			free(src->name);
			src->name = NULL;
			continue;
		}
		/* Kept even when its other fields are wrong (reported), so that
		 * budget.csv rows naming it are not reported as unknown. */
		at.col = col[1];
		cell_criteria_list(&at, &src->criteria);
		at.col = col[2];
		cell_flag(&at, &src->carry_over);
		cell_optional_string(&at, col[3], &src->name_vi);
		cell_optional_string(&at, col[4], &src->name_en);
		source_line[ds->nsources++] = row->line;
	}
	if (!ds->nsources && sh.table.nrows == 0) {
		diag_add(ld->diags, sh.path, 0, 0,
			 L("no source of money is listed", "không có nguồn vốn nào"));
		ld->invalid = 1;
	}
cleanup:
	free(source_line);
	sheet_close(ld, &sh);
}

/* budget.csv: rows are read once to find the years, then placed. */
struct budget_row {
	long year;
	long source;
	double amount;
	long line;
	int valid;    /* 0: the year is right but another field is not */
};

static void load_budget(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"year", {"năm"}, 1},
		{"source", {"nguồn", "nguồn vốn", "mã nguồn"}, 1},
		{"amount", {"số tiền", "kinh phí"}, 1},
	};
	long col[3];
	struct sheet sh;
	struct dataset *ds = ld->ds;
	struct budget_row *rows = NULL;
	size_t nrows = 0;
	long *line_of = NULL;
	unsigned char *year_seen = NULL;

	sheet_open(ld, &sh, "budget.csv", spec, 3, col);
	if (!sh.usable)
		goto cleanup;
	rows = calloc(sh.table.nrows ? sh.table.nrows : 1, sizeof(*rows));
	if (!rows) {
		ld->nomem = 1;
		goto cleanup;
	}
	long min_year = LONG_MAX, max_year = LONG_MIN;
	for (size_t r = 0; r < sh.table.nrows; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct budget_row *b = &rows[nrows];
		struct cell at = {ld, &sh, row, col[0]};
		if (cell_integer(&at, YEAR_MIN, YEAR_MAX, &b->year))
			continue;
		int ok = 1;
		at.col = col[1];
		b->source = dataset_find_source(ds, cell_text(&at));
		if (b->source < 0 && ds->nsources) {
			cell_error(&at, L("unknown source '%s' (not in sources.csv)",
					  "không có nguồn '%s' (trong sources.csv)"),
				   cell_text(&at));
			ok = 0;
		} else if (b->source < 0) {
			ok = 0; /* sources.csv failed already; said there */
		}
		at.col = col[2];
		ok &= !cell_amount(&at, &b->amount);
		/* A row with a wrong amount still shows its year is planned. */
		b->valid = ok;
		b->line = row->line;
		if (b->year < min_year)
			min_year = b->year;
		if (b->year > max_year)
			max_year = b->year;
		nrows++;
	}
	sheet_flush(ld, &sh);
	if (!nrows) {
		if (!sh.table.nrows) {
			diag_add(ld->diags, sh.path, 0, 0,
				 L("no budget rows: the planning years are those of budget.csv",
				   "không có dòng ngân sách: các năm kế hoạch lấy từ budget.csv"));
			ld->invalid = 1;
		}
		goto cleanup;
	}
	ds->first_year = (int)min_year;
	ds->nyears = (int)(max_year - min_year + 1);
	size_t cells = (size_t)ds->nyears * ds->nsources;
	ds->budget = calloc(cells ? cells : 1, sizeof(*ds->budget));
	line_of = calloc(cells ? cells : 1, sizeof(*line_of));
	year_seen = calloc((size_t)ds->nyears, 1);
	if (!ds->budget || !line_of || !year_seen) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct budget_row *b = &rows[i];
		size_t y = (size_t)(b->year - min_year);
		year_seen[y] = 1;
		if (!b->valid)
			continue;
		size_t slot = y * ds->nsources + (size_t)b->source;
		if (line_of[slot]) {
			diag_add(ld->diags, sh.path, b->line, col[1] + 1,
				 L("year %ld, source '%s' is listed twice (first on line %ld)",
				   "năm %ld, nguồn '%s' bị lặp (lần đầu ở dòng %ld)"),
				 b->year, ds->sources[b->source].name, line_of[slot]);
			ld->invalid = 1;
			continue;
		}
		line_of[slot] = b->line;
		ds->budget[slot] = b->amount;
	}
	for (int y = 0; y < ds->nyears; y++) {
		if (year_seen[y])
			continue;
		diag_add(ld->diags, sh.path, 0, 0,
			 L("no budget row for year %d: planning years must follow one another (%d to %d)",
			   "không có dòng ngân sách cho năm %d: các năm kế hoạch phải liên tục (%d đến %d)"),
			 ds->first_year + y, ds->first_year,
			 dataset_horizon(ds));
		ld->invalid = 1;
	}
cleanup:
	free(rows);
	free(line_of);
	free(year_seen);
	sheet_close(ld, &sh);
}

static void load_gaps(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"commune_id", {"mã xã"}, 1},
		{"criterion", {"tiêu chí", "mã tiêu chí"}, 1},
		{"met", {"đạt"}, 1},
		{"gap", {"khối lượng thiếu", "còn thiếu", "thiếu"}, 1},
		{"fundable", {"cấp vốn được"}, 0},
	};
	long col[5];
	struct sheet sh;
	struct dataset *ds = ld->ds;
	long *line_of = NULL;

	sheet_open(ld, &sh, "gaps.csv", spec, 5, col);
	if (!sh.usable)
		goto cleanup;
	/* Without a commune list (communes.csv failed, and said so) every
	 * row would be "unknown commune": the rows are still checked, all but
	 * their commune ids, so that one run shows this file's errors too. */
	int communes_known = ds->ncommunes && ld->commune_keys;
	size_t cells = communes_known ? ds->ncommunes * NTM_CRITERIA : 1;
	ds->gaps = calloc(cells, sizeof(*ds->gaps));
	line_of = calloc(cells, sizeof(*line_of));
	if (!ds->gaps || !line_of) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t r = 0; r < sh.table.nrows && !ld->nomem; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct cell at = {ld, &sh, row, col[0]};
		size_t c = 0;
		int k = 0, met = 0, fundable = 1;
		double quantity;
		int key_ok = communes_known ? !cell_commune(&at, &c) : 0;
		if (!communes_known)
			cell_present(&at);
		at.col = col[1];
		int criterion_ok = !cell_criterion(&at, &k);
		key_ok &= criterion_ok;
		size_t slot = c * NTM_CRITERIA + (size_t)(k - 1);
		if (key_ok && line_of[slot]) {
			cell_error(&at, L("commune '%s', criterion %d is listed twice (first on line %ld)",
					  "xã '%s', tiêu chí %d bị lặp (lần đầu ở dòng %ld)"),
				   ds->communes[c].id, k, line_of[slot]);
			continue;
		}
		/* The row exists even if a value in it is wrong: it must not
		 * also be reported missing. */
		if (key_ok)
			line_of[slot] = row->line;
		at.col = col[2];
		int ok = !cell_flag(&at, &met);
		at.col = col[3];
		ok &= !cell_amount(&at, &quantity);
		at.col = col[4];
		if (col[4] >= 0 && *cell_text(&at))
			ok &= !cell_flag(&at, &fundable);
		if (!ok || !criterion_ok || (communes_known && !key_ok))
			continue;
		if (met && quantity > 0) {
			at.col = col[3];
			cell_error(&at, L("criterion %d is met (met=1) but has a gap of '%s'; a met criterion has gap 0",
					  "tiêu chí %d đã đạt (met=1) nhưng còn thiếu '%s'; tiêu chí đã đạt thì gap bằng 0"),
				   k, cell_text(&at));
			continue;
		}
		if (!communes_known)
			continue;
		ds->gaps[slot].met = (unsigned char)met;
		ds->gaps[slot].fundable = (unsigned char)fundable;
		ds->gaps[slot].quantity = quantity;
		/* Each figure is bounded, but not their product. */
		if (dataset_gap_cost(ds, c, k) > DATASET_AMOUNT_MAX) {
			at.col = col[3];
			cell_error(&at, L("the cost of this gap (gap x unit cost x cost factor) is too large (at most %.0e)",
					  "chi phí của khoảng thiếu này (khối lượng x đơn giá x hệ số) quá lớn (tối đa %.0e)"),
				   DATASET_AMOUNT_MAX);
		}
	}
	sheet_flush(ld, &sh);
	/* Exactly one row per commune and criterion: report the missing ones,
	 * one message per commune. */
	for (size_t c = 0; communes_known && c < ds->ncommunes && !ld->nomem; c++) {
		char list[NTM_CRITERIA * 4] = "";
		if (ld->commune_duplicate[c])
			continue; /* its rows went to the first commune of that id */
		size_t len = 0;
		int missing = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			if (line_of[c * NTM_CRITERIA + (size_t)(k - 1)])
				continue;
			len += (size_t)snprintf(list + len, sizeof(list) - len,
						missing ? " %d" : "%d", k);
			missing++;
		}
		if (!missing)
			continue;
		diag_add(ld->diags, sh.path, 0, 0,
			 L("commune '%s' has no row for criteria %s (one row per commune and criterion is required)",
			   "xã '%s' thiếu dòng cho tiêu chí %s (mỗi xã phải có một dòng cho mỗi tiêu chí)"),
			 ds->communes[c].id, list);
		ld->invalid = 1;
	}
cleanup:
	free(line_of);
	sheet_close(ld, &sh);
}

/* What each target kind takes in its subject and value columns. */
enum subject_kind { SUBJECT_NONE, SUBJECT_CRITERION, SUBJECT_DISTRICT, SUBJECT_COMMUNE };

static enum subject_kind target_subject_kind(enum target_kind kind)
{
	switch (kind) {
	case TARGET_CRITERION_COMMUNES:
		return SUBJECT_CRITERION;
	case TARGET_DISTRICT_STANDARD:
		return SUBJECT_DISTRICT;
	case TARGET_REQUIRE_COMMUNE:
	case TARGET_EXCLUDE_COMMUNE:
		return SUBJECT_COMMUNE;
	default:
		return SUBJECT_NONE;
	}
}

static int target_takes_value(enum target_kind kind)
{
	return kind == TARGET_COMMUNES_STANDARD ||
	       kind == TARGET_CRITERION_COMMUNES ||
	       kind == TARGET_MIN_CRITERIA || kind == TARGET_AVG_CRITERIA;
}

static int check_target_subject(const struct cell *at, struct target *t)
{
	struct dataset *ds = at->ld->ds;
	const char *text = cell_text(at);
	switch (target_subject_kind(t->kind)) {
	case SUBJECT_NONE:
		if (*text) {
			cell_error(at, L("target '%s' takes no subject, found '%s'",
					 "chỉ tiêu '%s' không có đối tượng, lại ghi '%s'"),
				   target_kind_name(t->kind), text);
			return -1;
		}
		return 0;
	case SUBJECT_CRITERION: {
		int k;
		if (cell_criterion(at, &k))
			return -1;
		t->subject_index = (size_t)k;
		return 0;
	}
	case SUBJECT_DISTRICT: {
		if (!at->ld->commune_keys || !ds->ncommunes)
			return cell_present(at); /* no districts to look in */
		long d = dataset_find_district(ds, text);
		if (d < 0) {
			cell_error(at, L("unknown district '%s' (not in communes.csv)",
					 "không có huyện '%s' (trong communes.csv)"), text);
			return -1;
		}
		t->subject_index = (size_t)d;
		return 0;
	}
	case SUBJECT_COMMUNE:
		if (!at->ld->commune_keys || !ds->ncommunes)
			return cell_present(at);
		return cell_commune(at, &t->subject_index);
	}
	return -1;
}

static int check_target_value(const struct cell *at, struct target *t)
{
	const struct dataset *ds = at->ld->ds;
	const char *text = cell_text(at);
	long whole;
	if (!target_takes_value(t->kind)) {
		if (*text) {
			cell_error(at, L("target '%s' takes no value, found '%s'",
					 "chỉ tiêu '%s' không có giá trị, lại ghi '%s'"),
				   target_kind_name(t->kind), text);
			return -1;
		}
		return 0;
	}
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
	case TARGET_CRITERION_COMMUNES:
		if (cell_integer(at, 0, at->ld->commune_keys && ds->ncommunes ?
				 (long)ds->ncommunes : LONG_MAX, &whole))
			return -1;
		t->value = (double)whole;
		return 0;
	case TARGET_MIN_CRITERIA:
		if (cell_integer(at, 0, NTM_CRITERIA, &whole))
			return -1;
		t->value = (double)whole;
		return 0;
	default: /* TARGET_AVG_CRITERIA */
		if (cell_amount(at, &t->value))
			return -1;
		if (t->value > NTM_CRITERIA) {
			cell_error(at, L("average criteria '%s' is above %d",
					 "số tiêu chí bình quân '%s' lớn hơn %d"),
				   text, NTM_CRITERIA);
			return -1;
		}
		return 0;
	}
}

static void load_targets(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"target", {"chỉ tiêu", "loại chỉ tiêu"}, 1},
		{"subject", {"đối tượng"}, 1},
		{"value", {"giá trị"}, 1},
		{"priority", {"mức ưu tiên", "ưu tiên"}, 0},
	};
	long col[4];
	struct sheet sh;
	struct dataset *ds = ld->ds;

	sheet_open(ld, &sh, "targets.csv", spec, 4, col);
	if (!sh.usable)
		goto cleanup;
	/* Targets name communes and districts and are bounded by their
	 * number: without a commune list (communes.csv failed) the rest of
	 * each row is still checked, and no target is kept. */
	int communes_known = ds->ncommunes && ld->commune_keys;
	ds->targets = calloc(sh.table.nrows ? sh.table.nrows : 1, sizeof(*ds->targets));
	if (!ds->targets) {
		ld->nomem = 1;
		goto cleanup;
	}
	for (size_t r = 0; r < sh.table.nrows; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct target *t = &ds->targets[ds->ntargets];
		struct cell at = {ld, &sh, row, col[0]};
		memset(t, 0, sizeof(*t)); /* a refused row may have left values */
		if (target_kind_parse(cell_text(&at), &t->kind)) {
			cell_error(&at, L("unknown target '%s' (known: communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune, exclude_commune)",
					  "không có loại chỉ tiêu '%s' (các loại: communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune, exclude_commune)"),
				   cell_text(&at));
			continue;
		}
		at.col = col[1];
		int ok = !check_target_subject(&at, t);
		at.col = col[2];
		ok &= !check_target_value(&at, t);
		/* An empty priority is the default, so that a column filled
		 * for some rows only reads as planners mean it. */
		t->priority = 1;
		at.col = col[3];
		if (col[3] >= 0 && *cell_text(&at)) {
			long priority;
			if (cell_integer(&at, 1, TARGET_PRIORITY_MAX, &priority))
				ok = 0;
			else
				t->priority = (int)priority;
		}
		if (!ok || !communes_known)
			continue;
		/* Two rows for the same target would leave the planner to guess
		 * which one the planner meant. */
		for (size_t i = 0; i < ds->ntargets; i++) {
			const struct target *o = &ds->targets[i];
			if (o->kind != t->kind || o->subject_index != t->subject_index)
				continue;
			at.col = col[0];
			cell_error(&at, L("target '%s' is given twice (first on line %ld)",
					  "chỉ tiêu '%s' bị lặp (lần đầu ở dòng %ld)"),
				   target_kind_name(t->kind), o->line);
			ok = 0;
			break;
		}
		if (!ok)
			continue;
		at.col = col[1];
		t->subject = strdup(cell_text(&at));
		if (!t->subject) {
			ld->nomem = 1;
			break;
		}
		t->line = row->line;
		ds->ntargets++;
	}
cleanup:
	sheet_close(ld, &sh);
}

/* dataset.csv, optional: `key,value` rows about the dataset as a whole.
 * The one key read is `province`, the province's name as reports print it
 * ("Điện Biên"); an unknown or repeated key is an error, so that a typo
 * does not silently leave the reports without their province. */
static void load_info(struct loader *ld)
{
	static const struct column_spec spec[] = {
		{"key", {"mục", "khóa"}, 1},
		{"value", {"giá trị"}, 1},
	};
	long col[2];
	struct sheet sh;
	struct stat st;
	char *path = strfmt("%s/dataset.csv", ld->dir);
	if (!path) {
		ld->nomem = 1;
		return;
	}
	int present = !stat(path, &st);
	free(path);
	if (!present)
		return;
	sheet_open(ld, &sh, "dataset.csv", spec, 2, col);
	long province_line = 0;
	for (size_t r = 0; sh.usable && r < sh.table.nrows; r++) {
		const struct csv_row *row = &sh.table.rows[r];
		struct cell at = {ld, &sh, row, col[0]};
		const char *key = cell_text(&at);
		if (cell_present(&at))
			continue;
		if (strcmp(key, "province") && strcmp(key, "tỉnh")) {
			cell_error(&at, L("unknown key '%s' (known: province)",
					  "không có mục '%s' (các mục: province)"), key);
			continue;
		}
		if (province_line) {
			cell_error(&at, L("key '%s' is listed twice (first on line %ld)",
					  "mục '%s' bị lặp (lần đầu ở dòng %ld)"), key, province_line);
			continue;
		}
		at.col = col[1];
		if (!cell_string(&at, &ld->ds->province))
			province_line = row->line;
	}
	sheet_close(ld, &sh);
}

static char *folder_name(const char *dir)
{
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && dir[start - 1] != '/')
		start--;
	return strndup(dir + start, len - start);
}

enum load_status dataset_load(struct dataset *ds, const char *dir,
			      struct diag_list *diags)
{
	struct loader ld = {.ds = ds, .diags = diags, .dir = dir};
	struct stat st;

	/* Seven "missing file" lines would hide that the folder itself is
	 * not there (a run from another folder than the default's). */
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		diag_add(diags, NULL, 0, 0,
			 L("no dataset folder '%s' here: give the dataset folder (ntmplan check FOLDER)",
			   "không có thư mục dữ liệu '%s' ở đây: hãy ghi thư mục bộ dữ liệu (ntmplan check THƯ_MỤC)"),
			 dir);
		return LOAD_NO_FOLDER;
	}
	ds->name = folder_name(dir);
	if (!ds->name)
		return LOAD_NOMEM;
	/* Order matters: later files refer to criteria, communes and sources. */
	load_criteria(&ld);
	load_unit_costs(&ld);
	load_communes(&ld);
	load_sources(&ld);
	load_budget(&ld);
	load_gaps(&ld);
	load_targets(&ld);
	load_info(&ld);
	free(ld.commune_keys);
	free(ld.commune_duplicate);

	if (ld.nomem)
		return LOAD_NOMEM;
	if (ld.missing)
		return LOAD_MISSING;
	if (ld.invalid)
		return LOAD_INVALID;
	return LOAD_OK;
}
