#include "progress.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "lang.h"
#include "plan.h"
#include "xalloc.h"

/* One file being read: its table, where messages go, what failed. */
struct reader {
	const struct dataset *ds;
	struct csv_table table;
	const char *path;
	struct diag_list *diags;
	int invalid;
	int nomem;
};

/* A field of a row, for messages: column index, or -1 when absent. */
struct field {
	struct reader *rd;
	const struct csv_row *row;
	long col;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void field_error(const struct field *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(f->rd->diags, f->rd->path, f->row ? f->row->line : 0,
		  f->col >= 0 ? f->col + 1 : 0, fmt, ap);
	va_end(ap);
	f->rd->invalid = 1;
}

static const char *field_text(const struct field *f)
{
	return f->col >= 0 ? f->row->fields[f->col] : "";
}

static const char *field_column(const struct field *f)
{
	return f->rd->table.header[f->col];
}

/* A column by its English name, else by its Vietnamese header (the
 * progress.h macros; "số tiền" is taken too for the amount). */
static long find_column(const struct csv_table *t, const char *name)
{
	static const struct {
		const char *en, *vi;
	} vi[] = {
		{"year", PLAN_COLUMN_YEAR_VI},
		{"source", PLAN_COLUMN_SOURCE_VI},
		{"commune_id", PLAN_COLUMN_COMMUNE_ID_VI},
		{"criterion", PLAN_COLUMN_CRITERION_VI},
		{"amount", PLAN_COLUMN_AMOUNT_VI},
		{"amount", "số tiền"},
		{"standard_year", PLAN_COLUMN_STANDARD_YEAR_VI},
		{"status", PLAN_COLUMN_STATUS_VI},
	};
	long col = csv_table_column(t, name);
	for (size_t i = 0; col < 0 && i < sizeof(vi) / sizeof(vi[0]); i++)
		if (!strcmp(vi[i].en, name))
			col = csv_table_column(t, vi[i].vi);
	return col;
}

/* Reads the file and finds the columns (required first, NULL-ended, then
 * optional ones, -1 when absent). Returns 0 when every required column is
 * there. */
static int reader_open(struct reader *rd, const char *path, const char *const *required,
		       const char *const *optional, long *cols, enum progress_status *st)
{
	size_t reported = diag_count(rd->diags);
	rd->path = path;
	switch (csv_table_read(&rd->table, path, path, rd->diags)) {
	case CSVREAD_OK:
		break;
	case CSVREAD_MISSING:
		if (diag_count(rd->diags) == reported)
			diag_add(rd->diags, path, 0, 0, L("cannot read the file", "không đọc được tệp"));
		*st = PROGRESS_MISSING;
		return -1;
	case CSVREAD_INVALID:
		rd->invalid = 1;
		break;
	case CSVREAD_NOMEM:
		*st = PROGRESS_NOMEM;
		return -1;
	}
	if (rd->table.ncols == 0) {
		rd->invalid = 1;
		*st = PROGRESS_INVALID;
		return -1;
	}
	int ok = 1;
	size_t n = 0;
	for (; required[n]; n++) {
		cols[n] = find_column(&rd->table, required[n]);
		if (cols[n] < 0) {
			diag_add(rd->diags, path, 1, 0, L("missing column '%s'", "thiếu cột '%s'"),
				 required[n]);
			ok = 0;
		}
	}
	for (size_t i = 0; optional && optional[i]; i++)
		cols[n + i] = find_column(&rd->table, optional[i]);
	if (!ok) {
		*st = PROGRESS_INVALID;
		return -1;
	}
	return 0;
}

static int field_empty(const struct field *f)
{
	return !*field_text(f);
}

static int field_required(const struct field *f)
{
	if (!field_empty(f))
		return 0;
	field_error(f, L("empty value in column '%s'", "cột '%s' để trống"), field_column(f));
	return -1;
}

static int field_year(const struct field *f, long *year)
{
	const char *why;
	if (field_required(f))
		return -1;
	if (csv_parse_integer(f->rd->table.dialect, field_text(f), year, &why)) {
		field_error(f, L("invalid year '%s': %s", "năm '%s' không hợp lệ: %s"),
			    field_text(f), why);
		return -1;
	}
	return 0;
}

static int field_commune(const struct field *f, size_t *out)
{
	if (field_required(f))
		return -1;
	long c = dataset_find_commune(f->rd->ds, field_text(f));
	if (c < 0) {
		field_error(f, L("unknown commune '%s' (not in communes.csv)",
				 "không có xã '%s' (trong communes.csv)"), field_text(f));
		return -1;
	}
	*out = (size_t)c;
	return 0;
}

static int field_criterion(const struct field *f, int *out)
{
	const char *why;
	long k;
	if (field_required(f))
		return -1;
	if (csv_parse_integer(f->rd->table.dialect, field_text(f), &k, &why) || k < 1 ||
	    k > NTM_CRITERIA) {
		field_error(f, L("unknown criterion '%s' (criteria are 1 to %d)",
				 "không có tiêu chí '%s' (tiêu chí từ 1 đến %d)"),
			    field_text(f), NTM_CRITERIA);
		return -1;
	}
	*out = (int)k;
	return 0;
}

static int field_source(const struct field *f, long *out)
{
	*out = -1;
	if (field_empty(f))
		return 0;
	*out = dataset_find_source(f->rd->ds, field_text(f));
	if (*out < 0) {
		field_error(f, L("unknown source '%s' (not in sources.csv)",
				 "không có nguồn '%s' (trong sources.csv)"), field_text(f));
		return -1;
	}
	return 0;
}

/* An amount of money, >= 0; an empty field is 0. */
static int field_money(const struct field *f, double *out)
{
	const char *why;
	*out = 0;
	if (field_empty(f))
		return 0;
	if (csv_parse_number(f->rd->table.dialect, field_text(f), out, &why)) {
		field_error(f, L("invalid number '%s' in column '%s': %s",
				 "số '%s' ở cột '%s' không hợp lệ: %s"),
			    field_text(f), field_column(f), why);
		return -1;
	}
	if (*out < 0 || *out > DATASET_AMOUNT_MAX) {
		field_error(f, L("amount '%s' is out of range 0..%.0e",
				 "số tiền '%s' nằm ngoài khoảng 0..%.0e"), field_text(f), DATASET_AMOUNT_MAX);
		return -1;
	}
	return 0;
}

enum row_status { ROW_PAYMENT, ROW_MET, ROW_DONE };

static int field_status(const struct field *f, enum row_status *out)
{
	const char *t = field_text(f);
	*out = ROW_PAYMENT;
	if (f->col < 0 || !*t)
		return 0;
	if (!strcmp(t, "met") || !strcmp(t, "đạt")) {
		*out = ROW_MET;
		return 0;
	}
	if (!strcmp(t, "done") || !strcmp(t, "xong")) {
		*out = ROW_DONE;
		return 0;
	}
	field_error(f, L("unknown status '%s' (leave it empty, or write met or done)",
			 "không có trạng thái '%s' (để trống, hoặc ghi đạt hoặc xong)"), t);
	return -1;
}

/* Per gap while reading: payments so far, the line of each (year, source)
 * payment for duplicates, the line of `done`. */
struct gap_seen {
	double paid;
	long done_line;
};

/* The key of a payment, for finding the same key twice. */
struct key {
	int year;
	size_t source, gap;
	long line;
};

static int compare_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	if (x->gap != y->gap)
		return x->gap < y->gap ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Reports every (year, source, commune, criterion) paid on two rows. */
static void check_duplicates(struct reader *rd, const struct progress *pg, long source_col)
{
	size_t n = pg->npayments;
	struct key *keys = malloc((n ? n : 1) * sizeof(*keys));
	if (!keys) {
		rd->nomem = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct progress_payment *p = &pg->payments[i];
		keys[i] = (struct key){p->year, p->source,
				       p->commune * NTM_CRITERIA + (size_t)(p->criterion - 1), p->line};
	}
	qsort(keys, n, sizeof(*keys), compare_key);
	for (size_t i = 1; i < n; i++) {
		const struct key *a = &keys[i - 1], *b = &keys[i];
		if (a->gap != b->gap || a->year != b->year || a->source != b->source)
			continue;
		diag_add(rd->diags, rd->path, b->line, source_col + 1,
			 L("year %d, source '%s', commune '%s', criterion %d is listed twice (first on line %ld)",
			   "năm %d, nguồn '%s', xã '%s', tiêu chí %d bị lặp (lần đầu ở dòng %ld)"),
			 b->year, rd->ds->sources[b->source].name,
			 rd->ds->communes[b->gap / NTM_CRITERIA].id, (int)(b->gap % NTM_CRITERIA) + 1,
			 a->line);
		rd->invalid = 1;
	}
	free(keys);
}

/* Warns of money paid beyond the budget of its year and source (with
 * carry-over: beyond the budgets up to that year, less what was spent). */
static void check_budgets(struct reader *rd, const struct progress *pg,
			  struct diag_list *warnings)
{
	const struct dataset *ds = rd->ds;
	int past = pg->from - ds->first_year;
	size_t cells = (size_t)past * ds->nsources;
	double *spent = calloc(cells ? cells : 1, sizeof(*spent));
	long *line = calloc(cells ? cells : 1, sizeof(*line));
	if (!spent || !line) {
		rd->nomem = 1;
		goto cleanup;
	}
	for (size_t i = 0; i < pg->npayments; i++) {
		const struct progress_payment *p = &pg->payments[i];
		size_t slot = (size_t)(p->year - ds->first_year) * ds->nsources + p->source;
		spent[slot] += p->amount;
		if (!line[slot])
			line[slot] = p->line;
	}
	for (size_t s = 0; s < ds->nsources; s++) {
		double left = 0;
		for (int y = 0; y < past; y++) {
			size_t slot = (size_t)y * ds->nsources + s;
			double budget = dataset_budget(ds, y, s);
			double available = ds->sources[s].carry_over ? left + budget : budget;
			if (spent[slot] > available + MONEY_TOLERANCE)
				diag_add(warnings, rd->path, line[slot], 0,
					 ds->sources[s].carry_over ?
					 L("warning: year %d, source '%s': paid %.2f, above the %.2f its budgets left by then",
					   "cảnh báo: năm %d, nguồn '%s': đã chi %.2f, vượt %.2f ngân sách còn lại đến năm đó") :
					 L("warning: year %d, source '%s': paid %.2f, above its budget of %.2f",
					   "cảnh báo: năm %d, nguồn '%s': đã chi %.2f, vượt ngân sách %.2f"),
					 ds->first_year + y, ds->sources[s].name, spent[slot], available);
			left = available - spent[slot];
			if (left < 0)
				left = 0;
		}
	}
cleanup:
	free(spent);
	free(line);
}

/* One row: checks it and adds what it says to pg. */
static void read_row(struct reader *rd, struct progress *pg, const struct csv_row *row,
		     const long *col, struct gap_seen *seen)
{
	const struct dataset *ds = rd->ds;
	struct field f = {rd, row, col[0]};
	long year, source;
	size_t c;
	int k;
	double amount;
	enum row_status status;
	int ok = !field_year(&f, &year);
	if (ok && (year < ds->first_year || year >= pg->from)) {
		if (pg->from > ds->first_year)
			field_error(&f, L("year %ld is outside the past years of the re-plan (%d to %d)",
					  "năm %ld nằm ngoài các năm đã qua của kế hoạch điều chỉnh (%d đến %d)"),
				    year, ds->first_year, pg->from - 1);
		else
			field_error(&f, L("year %ld is outside the past years: a re-plan from %d has none",
					  "năm %ld nằm ngoài các năm đã qua: kế hoạch điều chỉnh từ %d không có năm nào đã qua"),
				    year, pg->from);
		ok = 0;
	}
	f.col = col[1];
	ok &= !field_source(&f, &source);
	f.col = col[2];
	ok &= !field_commune(&f, &c);
	f.col = col[3];
	ok &= !field_criterion(&f, &k);
	f.col = col[4];
	ok &= !field_money(&f, &amount);
	f.col = col[5];
	ok &= !field_status(&f, &status);
	if (!ok)
		return;
	size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
	const struct gap *g = dataset_gap(ds, c, k);
	if (amount > 0) {
		f.col = col[1];
		if (source < 0) {
			field_error(&f, L("money paid needs its source", "khoản đã chi phải ghi nguồn"));
			return;
		}
		if (!(ds->sources[source].criteria & CRITERION_BIT(k))) {
			field_error(&f, L("source '%s' may not fund criterion %d (sources.csv)",
					  "nguồn '%s' không được chi cho tiêu chí %d (sources.csv)"),
				    ds->sources[source].name, k);
			return;
		}
		f.col = col[3];
		if (g->met) {
			field_error(&f, L("commune '%s' meets criterion %d at the baseline (gaps.csv): nothing to pay",
					  "xã '%s' đã đạt tiêu chí %d từ năm gốc (gaps.csv): không có gì để chi"),
				    ds->communes[c].id, k);
			return;
		}
		if (!g->fundable) {
			field_error(&f, L("criterion %d of commune '%s' cannot be funded (fundable=0 in gaps.csv)",
					  "tiêu chí %d của xã '%s' không thể cấp vốn (fundable=0 trong gaps.csv)"),
				    k, ds->communes[c].id);
			return;
		}
		double cost = dataset_gap_cost(ds, c, k);
		seen[i].paid += amount;
		if (seen[i].paid > cost + MONEY_TOLERANCE) {
			f.col = col[4];
			field_error(&f, L("payments to commune '%s', criterion %d reach %.2f, above the gap's cost of %.2f",
					  "các khoản chi cho xã '%s', tiêu chí %d lên tới %.2f, vượt chi phí của khoảng thiếu %.2f"),
				    ds->communes[c].id, k, seen[i].paid, cost);
			return;
		}
		struct progress_payment pay = {(int)year, (size_t)source, c, k, amount, row->line};
		if (progress_add(pg, &pay))
			rd->nomem = 1;
	}
	if (status == ROW_MET && !g->met)
		pg->assessed[i] = 1;
	if (status == ROW_DONE && !g->met) {
		f.col = col[5];
		if (seen[i].done_line && pg->done_year[i] != year) {
			field_error(&f, L("the work of commune '%s', criterion %d is declared done in %d (line %ld) and in %ld",
					  "công trình của xã '%s', tiêu chí %d được ghi xong năm %d (dòng %ld) và năm %ld"),
				    ds->communes[c].id, k, pg->done_year[i], seen[i].done_line, year);
			return;
		}
		seen[i].done_line = row->line;
		pg->done_year[i] = (int)year;
	}
}

enum progress_status progress_load(struct progress *pg, const struct dataset *ds,
				   int from, const char *from_origin, const char *path,
				   struct diag_list *diags, struct diag_list *warnings)
{
	static const char *const req[] = {"year", "source", "commune_id", "criterion", "amount", NULL};
	static const char *const opt[] = {"status", NULL};
	long col[6];
	enum progress_status st = PROGRESS_OK;
	struct reader rd = {.ds = ds, .diags = diags};
	struct gap_seen *seen = NULL;

	if (from < ds->first_year || from > dataset_horizon(ds)) {
		diag_add(diags, from_origin, 0, 0,
			 L("re-plan from %d: the year must be a planning year (%d to %d)",
			   "điều chỉnh từ năm %d: năm phải thuộc kỳ kế hoạch (%d đến %d)"),
			 from, ds->first_year, dataset_horizon(ds));
		return PROGRESS_INVALID;
	}
	if (progress_reset(pg, ds, from))
		return PROGRESS_NOMEM;
	if (reader_open(&rd, path, req, opt, col, &st))
		goto cleanup;
	seen = calloc(pg->ngaps ? pg->ngaps : 1, sizeof(*seen));
	if (!seen) {
		rd.nomem = 1;
		goto cleanup;
	}
	for (size_t r = 0; r < rd.table.nrows && !rd.nomem && !diag_full(diags); r++)
		read_row(&rd, pg, &rd.table.rows[r], col, seen);
	if (!rd.nomem)
		check_duplicates(&rd, pg, col[1]);
	if (!rd.nomem && !rd.invalid)
		check_budgets(&rd, pg, warnings);
cleanup:
	free(seen);
	csv_table_release(&rd.table);
	if (st == PROGRESS_OK)
		st = rd.nomem ? PROGRESS_NOMEM : rd.invalid ? PROGRESS_INVALID : PROGRESS_OK;
	return st;
}

/* ------------------------------------------------------------------ */
/* The plan made at the start, from its --out folder.                 */

static enum progress_status read_communes(struct original *orig, struct reader *rd,
					  const char *path)
{
	static const char *const req[] = {"commune_id", "standard_year", NULL};
	long col[2];
	enum progress_status st = PROGRESS_OK;
	if (reader_open(rd, path, req, NULL, col, &st))
		return st;
	for (size_t r = 0; r < rd->table.nrows; r++) {
		struct field f = {rd, &rd->table.rows[r], col[0]};
		size_t c;
		long year;
		if (field_commune(&f, &c))
			continue;
		f.col = col[1];
		if (field_empty(&f))
			orig->standard_year[c] = 0;
		else if (!field_year(&f, &year))
			orig->standard_year[c] = (int)year;
	}
	return rd->invalid ? PROGRESS_INVALID : PROGRESS_OK;
}

static enum progress_status read_allocation(struct original *orig, struct reader *rd,
					    const char *path)
{
	static const char *const req[] = {"year", "source", "commune_id", "criterion", "amount", NULL};
	long col[5];
	enum progress_status st = PROGRESS_OK;
	if (reader_open(rd, path, req, NULL, col, &st))
		return st;
	for (size_t r = 0; r < rd->table.nrows; r++) {
		struct field f = {rd, &rd->table.rows[r], col[0]};
		long year, source;
		size_t c;
		int k;
		double amount;
		int ok = !field_year(&f, &year);
		f.col = col[1];
		ok &= !field_source(&f, &source);
		f.col = col[2];
		ok &= !field_commune(&f, &c);
		f.col = col[3];
		ok &= !field_criterion(&f, &k);
		f.col = col[4];
		ok &= !field_money(&f, &amount);
		if (!ok)
			continue;
		orig->paid_total[c * NTM_CRITERIA + (size_t)(k - 1)] += amount;
		if (year >= orig->from)
			continue;
		orig->paid_before[c * NTM_CRITERIA + (size_t)(k - 1)] += amount;
		orig->money_before += amount;
	}
	return rd->invalid ? PROGRESS_INVALID : PROGRESS_OK;
}

enum progress_status original_load(struct original *orig, const struct dataset *ds,
				   int from, const char *dir, struct diag_list *diags)
{
	enum progress_status st = PROGRESS_OK;
	if (original_reset(orig, ds, from))
		return PROGRESS_NOMEM;
	for (int file = 0; file < 2 && st == PROGRESS_OK; file++) {
		struct reader rd = {.ds = ds, .diags = diags};
		char *path = strfmt("%s/%s", dir, file ? "allocation.csv" : "communes.csv");
		if (!path)
			return PROGRESS_NOMEM;
		st = file ? read_allocation(orig, &rd, path) : read_communes(orig, &rd, path);
		csv_table_release(&rd.table);
		free(path);
	}
	return st;
}
