#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "charts.h"
#include "lang.h"
#include "outfile.h"
#include "report.h"
#include "rules.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

/* ---- the date ---- */

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

/* Writes YYYY-MM-DD of a checked date. */
static void put_date(char date[PDF_DATE_SIZE], int y, int m, int d)
{
	char buf[48];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	memcpy(date, buf, PDF_DATE_SIZE - 1);
	date[PDF_DATE_SIZE - 1] = '\0';
}

int pdf_date(char date[PDF_DATE_SIZE], const char *given, const char *source_date_epoch,
	     time_t now, struct diag_list *diags)
{
	struct tm tm;
	if (given) {
		int y = 0, m = 0, d = 0, digits = strlen(given) == 10;
		for (int i = 0; i < 10 && digits; i++)
			digits = i == 4 || i == 7 ? given[i] == '-' : given[i] >= '0' && given[i] <= '9';
		if (!digits || sscanf(given, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
			diag_add(diags, NULL, 0, 0, L("invalid --date '%s' (a date, YYYY-MM-DD)",
						      "--date '%s' không hợp lệ (một ngày, YYYY-MM-DD)"),
				 given);
			return -1;
		}
		put_date(date, y, m, d);
		return 0;
	}
	if (source_date_epoch) {
		char *end;
		errno = 0;
		long long secs = strtoll(source_date_epoch, &end, 10);
		time_t t = (time_t)secs;
		if (errno || end == source_date_epoch || *end || secs < 0 ||
		    (long long)t != secs || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
			diag_add(diags, NULL, 0, 0,
				 L("invalid SOURCE_DATE_EPOCH '%s' (seconds since 1970-01-01)",
				   "SOURCE_DATE_EPOCH '%s' không hợp lệ (số giây kể từ 1970-01-01)"),
				 source_date_epoch);
			return -1;
		}
	} else if (!localtime_r(&now, &tm)) {
		diag_add(diags, NULL, 0, 0, L("cannot tell today's date", "không xác định được ngày hôm nay"));
		return -1;
	}
	put_date(date, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* The date as people write it: "ngày 02 tháng 12 năm 2016", "2 December 2016". */
static void date_text(char *buf, size_t size, const char *date)
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"};
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	if (lang_get() == LANG_EN)
		snprintf(buf, size, "%d %s %d", d, months[(m + 11) % 12], y);
	else
		snprintf(buf, size, "ngày %02d tháng %02d năm %d", d, m, y);
}

/* ---- the page and its text ---- */

/* A4 in points, and the frame the content flows in. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_X 50.0
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define TOP 62.0
#define BOTTOM (PAGE_H - 58.0)
#define FONT_FAMILY "DejaVu Sans"

enum font { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_HEAD, F_SUBHEAD, F_TITLE, F_SUBTITLE, F_COUNT };

static const char *const font_spec[F_COUNT] = {
	FONT_FAMILY " 9", FONT_FAMILY " Bold 9", FONT_FAMILY " 7.5", FONT_FAMILY " Bold 7.5",
	FONT_FAMILY " Bold 12.5", FONT_FAMILY " Bold 10", FONT_FAMILY " Bold 19", FONT_FAMILY " 10"};

struct doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *fonts[F_COUNT];
	const char *running;   /* the page header's text */
	const char *date;      /* YYYY-MM-DD */
	int page;              /* pages begun */
	int pages;             /* pages in all: known on the second pass, else 0 */
	int in_page;           /* a page is begun and not yet shown */
	double y;              /* where the next content goes */
	int nomem;
};

static void set_text(struct doc *d, enum font f, const char *text, double width,
		     PangoAlignment align)
{
	text_layout_set(d->layout, d->fonts[f], text, width, align);
}

static double layout_height(struct doc *d)
{
	return text_layout_height(d->layout);
}

static double layout_width(struct doc *d)
{
	return text_layout_width(d->layout);
}

/* The width of one line of text, unwrapped. */
static double text_span(struct doc *d, enum font f, const char *text)
{
	set_text(d, f, text, -1, PANGO_ALIGN_LEFT);
	return layout_width(d);
}

static void show_at(struct doc *d, double x, double y)
{
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->layout);
}

static void set_gray(struct doc *d, double g)
{
	cairo_set_source_rgb(d->cr, g, g, g);
}

static void page_begin(struct doc *d)
{
	char buf[64];
	d->page++;
	d->in_page = 1;
	d->y = TOP;
	set_gray(d, 0.35);
	if (d->page > 1) {
		set_text(d, F_SMALL, d->running, CONTENT_W * 0.75, PANGO_ALIGN_LEFT);
		show_at(d, MARGIN_X, 30);
		set_text(d, F_SMALL, d->date, CONTENT_W, PANGO_ALIGN_RIGHT);
		show_at(d, MARGIN_X, 30);
		cairo_set_line_width(d->cr, 0.5);
		cairo_move_to(d->cr, MARGIN_X, 44);
		cairo_line_to(d->cr, PAGE_W - MARGIN_X, 44);
		cairo_stroke(d->cr);
	}
	if (d->pages)
		snprintf(buf, sizeof(buf), L("Page %d of %d", "Trang %d/%d"), d->page, d->pages);
	else
		snprintf(buf, sizeof(buf), L("Page %d", "Trang %d"), d->page);
	set_text(d, F_SMALL, buf, CONTENT_W, PANGO_ALIGN_CENTER);
	show_at(d, MARGIN_X, PAGE_H - 38);
	set_gray(d, 0);
}

static void page_end(struct doc *d)
{
	if (d->in_page)
		cairo_show_page(d->cr);
	d->in_page = 0;
}

static void new_page(struct doc *d)
{
	page_end(d);
	page_begin(d);
}

/* Makes room for `h` points: a new page when the current one has not. */
static void ensure(struct doc *d, double h)
{
	if (!d->in_page)
		page_begin(d);
	else if (d->y + h > BOTTOM && d->y > TOP)
		new_page(d);
}

static void paragraph(struct doc *d, enum font f, const char *text, double space_after)
{
	set_text(d, f, text, CONTENT_W, PANGO_ALIGN_LEFT);
	double h = layout_height(d);
	ensure(d, h);
	set_text(d, f, text, CONTENT_W, PANGO_ALIGN_LEFT);
	show_at(d, MARGIN_X, d->y);
	d->y += h + space_after;
}

/* A heading kept with at least `keep` points of what follows, and an
 * entry in the document's outline (level 1 under `parent`). Returns the
 * outline entry's id. */
static int heading(struct doc *d, enum font f, const char *text, double keep, int parent)
{
	char dest[64];
	set_text(d, f, text, CONTENT_W, PANGO_ALIGN_LEFT);
	double h = layout_height(d);
	ensure(d, h + keep);
	d->y += d->y > TOP ? 6 : 0;
	set_text(d, f, text, CONTENT_W, PANGO_ALIGN_LEFT);
	show_at(d, MARGIN_X, d->y);
	snprintf(dest, sizeof(dest), "page=%d pos=[%.0f %.0f]", d->page, MARGIN_X, d->y);
	int id = cairo_pdf_surface_add_outline(d->surface, parent, text, dest, 0);
	d->y += h + 5;
	return id;
}

/* ---- tables ---- */

enum row_kind {
	ROW_BODY,
	ROW_GROUP,  /* one text across the table, shaded, kept with the next row */
	ROW_TOTAL,  /* bold, with a rule above */
};

/* A table (table.h) and how the PDF draws each row. A row that follows a
 * table rule is a total. */
struct ptable {
	struct table t;
	unsigned char *kind;    /* per row, or NULL: body rows and totals after rules */
	size_t kind_alloc;
	const char *caption;    /* above the header on every page, or NULL */
	enum font font, bold;
	int no_header;
	unsigned keep_whole;    /* bit i: column i never wraps */
	double pad;             /* space around a cell's text */
};

static void ptable_init(struct ptable *pt, const char *caption)
{
	memset(pt, 0, sizeof(*pt));
	table_init(&pt->t);
	pt->caption = caption;
	pt->font = F_SMALL;
	pt->bold = F_SMALL_BOLD;
	pt->pad = 2.5;
}

static void ptable_release(struct ptable *pt)
{
	table_release(&pt->t);
	free(pt->kind);
}

/* Adds a row of the table's ncols cells, of kind k. Returns 0 or -1. */
static int ptable_row(struct ptable *pt, enum row_kind k, const char *const *cells)
{
	void *kinds = pt->kind;
	if (grow_array(&kinds, &pt->kind_alloc, pt->t.nrows + 1, 1))
		return -1;
	pt->kind = kinds;
	if (table_add_row(&pt->t, cells))
		return -1;
	pt->kind[pt->t.nrows - 1] = (unsigned char)k;
	return 0;
}

/* The same with the cells as arguments (exactly ncols of them, up to 16). */
static int ptable_rowv(struct ptable *pt, enum row_kind k, ...)
{
	const char *cells[16] = {0};
	va_list ap;
	va_start(ap, k);
	for (size_t i = 0; i < pt->t.ncols && i < 16; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	return ptable_row(pt, k, cells);
}

static enum row_kind row_kind(const struct ptable *pt, size_t r)
{
	if (pt->kind)
		return (enum row_kind)pt->kind[r];
	return r > 0 && !pt->t.rows[r - 1].cells ? ROW_TOTAL : ROW_BODY;
}

static int cell_empty(const char *s)
{
	return !s || !*s;
}

/* The width a cell may use: its column, and for left-aligned text the
 * empty cells after it. */
static double cell_width(const struct ptable *pt, char **cells, size_t i, const double *w)
{
	double width = w[i];
	if (pt->t.columns[i].align == TEXT_LEFT)
		for (size_t j = i + 1; j < pt->t.ncols && cell_empty(cells[j]); j++)
			width += w[j];
	return width;
}

/* The width of one word of a header, unwrapped. */
static double longest_word(struct doc *d, enum font f, const char *text)
{
	double widest = 0;
	while (*text) {
		size_t len = strcspn(text, " ");
		char word[128];
		snprintf(word, sizeof(word), "%.*s", (int)(len < 127 ? len : 127), text);
		widest = fmax(widest, text_span(d, f, word));
		text += len + (text[len] == ' ');
	}
	return widest;
}

/* Widths between lo[i] and hi[i] that fill the frame, the widest cut
 * first to a common cap (Σ lo <= CONTENT_W < Σ hi). */
static void fit_widths(const double *lo, const double *hi, size_t n, double *w)
{
	double cap_lo = 0, cap_hi = 0;
	for (size_t i = 0; i < n; i++)
		cap_hi = fmax(cap_hi, hi[i]);
	for (int iter = 0; iter < 50; iter++) {
		double cap = (cap_lo + cap_hi) / 2, sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += fmax(lo[i], fmin(hi[i], cap));
		*(sum > CONTENT_W ? &cap_hi : &cap_lo) = cap;
	}
	for (size_t i = 0; i < n; i++)
		w[i] = fmax(lo[i], fmin(hi[i], cap_lo));
}

/* Column widths. A column would like its natural width: its widest cell,
 * and its header on one line. When the natural widths do not fit the
 * frame, headers wrap first (down to their longest word); then text cells
 * wrap (down to 60 points), never numbers, nor a column kept whole. When
 * they fit, the widest text column takes half of what is left of the
 * frame, and every column a share of the other half. */
static void column_widths(struct doc *d, const struct ptable *pt, double *w)
{
	const size_t n = pt->t.ncols;
	double *natural = calloc(3 * n + 1, sizeof(*natural));
	double *unwrapped = natural + n, *least = natural + 2 * n;
	double sum_natural = 0, sum_unwrapped = 0, sum_least = 0, widest = -1;
	size_t grow = 0;
	if (!natural) {
		d->nomem = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		/* 1 point more than the text: wrapping widths are whole
		 * pango units, and must not cut a line that fits. */
		const double extra = 2 * pt->pad + 1;
		double cells = 0;
		for (size_t r = 0; r < pt->t.nrows; r++) {
			char **row = pt->t.rows[r].cells;
			if (!row || row_kind(pt, r) == ROW_GROUP || cell_empty(row[i]))
				continue;
			if (pt->t.columns[i].align == TEXT_LEFT && i + 1 < n && cell_empty(row[i + 1]))
				continue; /* it spills over the empty cell */
			cells = fmax(cells, text_span(d, row_kind(pt, r) == ROW_TOTAL ? pt->bold : pt->font,
						      row[i]));
		}
		double header = pt->no_header ? 0 : text_span(d, pt->bold, pt->t.columns[i].header);
		double word = pt->no_header ? 0 : longest_word(d, pt->bold, pt->t.columns[i].header);
		int whole = pt->t.columns[i].align == TEXT_RIGHT || (pt->keep_whole >> i & 1);
		natural[i] = fmax(cells, header) + extra;
		unwrapped[i] = fmax(cells, word) + extra;
		least[i] = fmax(word, whole ? cells : fmin(cells, 60)) + extra;
		sum_natural += natural[i];
		sum_unwrapped += unwrapped[i];
		sum_least += least[i];
		if (pt->t.columns[i].align == TEXT_LEFT && natural[i] > widest) {
			widest = natural[i];
			grow = i;
		}
	}
	if (sum_natural <= CONTENT_W) {
		/* Half of what is left to the widest text, half to all
		 * columns alike, so that numbers do not crowd. */
		double spare = CONTENT_W - sum_natural;
		for (size_t i = 0; i < n; i++)
			w[i] = natural[i] + spare / 2 / (double)n;
		w[grow] += spare / 2;
	} else if (sum_unwrapped <= CONTENT_W) {
		fit_widths(unwrapped, natural, n, w);
	} else if (sum_least <= CONTENT_W) {
		fit_widths(least, unwrapped, n, w);
	} else {
		memcpy(w, least, n * sizeof(*w)); /* wider than the frame: it shows */
	}
	free(natural);
}

static double row_height(struct doc *d, const struct ptable *pt, size_t r, const double *w)
{
	char **cells = pt->t.rows[r].cells;
	enum row_kind k = row_kind(pt, r);
	enum font f = k == ROW_BODY ? pt->font : pt->bold;
	double h = 0;
	if (!cells)
		return 0;
	if (k == ROW_GROUP) {
		set_text(d, f, cells[0] ? cells[0] : "", CONTENT_W - 2 * pt->pad, PANGO_ALIGN_LEFT);
		return layout_height(d) + 2 * pt->pad;
	}
	for (size_t i = 0; i < pt->t.ncols; i++) {
		if (cell_empty(cells[i]))
			continue;
		set_text(d, f, cells[i], cell_width(pt, cells, i, w) - 2 * pt->pad, PANGO_ALIGN_LEFT);
		if (layout_height(d) > h)
			h = layout_height(d);
	}
	return h + 2 * pt->pad;
}

static PangoAlignment alignment(enum text_align a)
{
	return a == TEXT_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* The caption (with "continued" after the first page) and the header. */
static void table_head(struct doc *d, const struct ptable *pt, const double *w, int first)
{
	if (pt->caption) {
		char *text = first ? NULL : strfmt(L("%s (continued)", "%s (tiếp theo)"), pt->caption);
		d->nomem |= !first && !text;
		set_text(d, F_SUBHEAD, text ? text : pt->caption, CONTENT_W, PANGO_ALIGN_LEFT);
		show_at(d, MARGIN_X, d->y);
		d->y += layout_height(d) + 3;
		free(text);
	}
	if (pt->no_header)
		return;
	double h = 0, x = MARGIN_X;
	for (size_t i = 0; i < pt->t.ncols; i++) {
		set_text(d, pt->bold, pt->t.columns[i].header, w[i] - 2 * pt->pad, alignment(pt->t.columns[i].align));
		if (layout_height(d) > h)
			h = layout_height(d);
	}
	h += 2 * pt->pad;
	set_gray(d, 0.88);
	cairo_rectangle(d->cr, MARGIN_X, d->y, CONTENT_W, h);
	cairo_fill(d->cr);
	set_gray(d, 0);
	for (size_t i = 0; i < pt->t.ncols; i++) {
		set_text(d, pt->bold, pt->t.columns[i].header, w[i] - 2 * pt->pad, alignment(pt->t.columns[i].align));
		show_at(d, x + pt->pad, d->y + pt->pad);
		x += w[i];
	}
	d->y += h;
}

static double head_height(struct doc *d, const struct ptable *pt, const double *w)
{
	double h = 0, caption = 0;
	if (pt->caption) {
		set_text(d, F_SUBHEAD, pt->caption, CONTENT_W, PANGO_ALIGN_LEFT);
		caption = layout_height(d) + 3;
	}
	if (pt->no_header)
		return caption;
	for (size_t i = 0; i < pt->t.ncols; i++) {
		set_text(d, pt->bold, pt->t.columns[i].header, w[i] - 2 * pt->pad, PANGO_ALIGN_LEFT);
		if (layout_height(d) > h)
			h = layout_height(d);
	}
	return caption + h + 2 * pt->pad;
}

static void draw_row(struct doc *d, const struct ptable *pt, size_t r, const double *w, double h)
{
	char **cells = pt->t.rows[r].cells;
	enum row_kind k = row_kind(pt, r);
	enum font f = k == ROW_BODY ? pt->font : pt->bold;
	double x = MARGIN_X;
	if (k == ROW_GROUP) {
		set_gray(d, 0.94);
		cairo_rectangle(d->cr, MARGIN_X, d->y, CONTENT_W, h);
		cairo_fill(d->cr);
		set_gray(d, 0);
		set_text(d, f, cells[0] ? cells[0] : "", CONTENT_W - 2 * pt->pad, PANGO_ALIGN_LEFT);
		show_at(d, MARGIN_X + pt->pad, d->y + pt->pad);
		return;
	}
	if (k == ROW_TOTAL) {
		cairo_set_line_width(d->cr, 0.6);
		cairo_move_to(d->cr, MARGIN_X, d->y);
		cairo_line_to(d->cr, MARGIN_X + CONTENT_W, d->y);
		cairo_stroke(d->cr);
	}
	for (size_t i = 0; i < pt->t.ncols; i++) {
		if (!cell_empty(cells[i])) {
			set_text(d, f, cells[i], cell_width(pt, cells, i, w) - 2 * pt->pad,
				 alignment(pt->t.columns[i].align));
			if (pt->t.columns[i].align == TEXT_RIGHT)
				pango_layout_set_width(d->layout, (int)((w[i] - 2 * pt->pad) * PANGO_SCALE));
			show_at(d, x + pt->pad, d->y + pt->pad);
		}
		x += w[i];
	}
}

/* Draws the table where the flow is, breaking between rows: a group row
 * stays with the row after it, and the row before a total with the total;
 * each page repeats the caption and the header. */
static void table_draw(struct doc *d, const struct ptable *pt)
{
	const size_t n = pt->t.nrows;
	double *w = calloc(pt->t.ncols + 1, sizeof(*w));
	double *h = calloc(n + 1, sizeof(*h));
	if (!w || !h) {
		d->nomem = 1;
		goto cleanup;
	}
	column_widths(d, pt, w);
	for (size_t r = 0; r < n; r++)
		h[r] = row_height(d, pt, r, w);
	double head = head_height(d, pt, w);
	int headed = 0;
	for (size_t r = 0; r < n; r++) {
		if (!pt->t.rows[r].cells)
			continue;
		double need = h[r];
		size_t next = r + 1;
		while (next < n && !pt->t.rows[next].cells)
			next++;
		if (next < n && (row_kind(pt, r) == ROW_GROUP || row_kind(pt, next) == ROW_TOTAL))
			need += h[next];
		if (!headed) {
			ensure(d, head + need);
			table_head(d, pt, w, 1);
			headed = 1;
		} else if (d->y + need > BOTTOM) {
			new_page(d);
			table_head(d, pt, w, 0);
		}
		draw_row(d, pt, r, w, h[r]);
		d->y += h[r];
	}
	d->y += 8;
cleanup:
	free(w);
	free(h);
}

/* Draws a table once filling it returned `fill_rc` (0, or -1 when memory
 * ran out), then releases it. */
static void draw_filled(struct doc *d, struct ptable *pt, int fill_rc)
{
	if (fill_rc)
		d->nomem = 1;
	else
		table_draw(d, pt);
	ptable_release(pt);
}

/* ---- charts ---- */

/* A chart (charts.h) `height` points tall where the flow is. */
static void chart_here(struct doc *d, const struct chart *c, double height)
{
	ensure(d, height);
	struct chart_pen pen = {d->cr, d->layout, d->fonts[F_SUBHEAD], d->fonts[F_SMALL],
				d->fonts[F_SMALL_BOLD]};
	chart_draw(&pen, c, MARGIN_X, d->y, CONTENT_W, height);
	d->y += height;
}

/* ---- what the proposal says ---- */

struct proposal {
	const struct plan *p;
	const struct plan *rules;
	size_t nrules;
	const struct provenance *prov;
	double *spent;          /* nyears x nsources (plan_spent) */
	const struct replan_view *replan; /* a re-plan: what changed; or NULL */
	const struct explain_result *explain; /* why communes are in or out
				 * (explainout.h), for its page; or NULL */
};

/* Small formatted numbers for table cells: a few rotating buffers, so that
 * one row's cells can be built in one call. */
static const char *num(double v, int decimals)
{
	static char buf[16][TEXT_NUMBER_SIZE];
	static unsigned next;
	char *b = buf[next++ % 16];
	return text_number(b, TEXT_NUMBER_SIZE, v, decimals);
}

static const char *year_text(int year)
{
	static char buf[8][16];
	static unsigned next;
	char *b = buf[next++ % 8];
	snprintf(b, 16, "%d", year);
	return b;
}

/* The target in words, for a reader who does not know targets.csv. */
static char *target_text(const struct dataset *ds, const struct target *t)
{
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
		return strfmt("%s", L("Communes at standard", "Số xã đạt chuẩn"));
	case TARGET_CRITERION_COMMUNES:
		return strfmt(L("Communes meeting criterion %zu (%s)", "Số xã đạt tiêu chí %zu (%s)"),
			      t->subject_index, criterion_name(&ds->criteria[t->subject_index - 1]));
	case TARGET_MIN_CRITERIA:
		return strfmt("%s", L("Criteria met by every commune, at least",
				      "Số tiêu chí tối thiểu của mỗi xã"));
	case TARGET_AVG_CRITERIA:
		return strfmt("%s", L("Average criteria per commune", "Bình quân tiêu chí/xã"));
	case TARGET_DISTRICT_STANDARD:
		return strfmt(L("All communes of %s at standard", "Toàn bộ xã của %s đạt chuẩn"),
			      ds->districts[t->subject_index]);
	case TARGET_REQUIRE_COMMUNE:
		return strfmt(L("Commune %s must reach the standard", "Xã %s phải đạt chuẩn"),
			      ds->communes[t->subject_index].name);
	case TARGET_EXCLUDE_COMMUNE:
		return strfmt(L("Commune %s receives no money", "Xã %s không được cấp vốn"),
			      ds->communes[t->subject_index].name);
	default:
		return strfmt("%s", target_kind_name(t->kind));
	}
}

static const char *provenance_value(const struct provenance *prov, enum provenance_kind kind,
				    int name)
{
	for (size_t i = 0; prov && i < prov->nr; i++)
		if (prov->items[i].kind == kind)
			return name ? prov->items[i].name : prov->items[i].value;
	return NULL;
}

/* What stopped the solver, in one line: "proven optimal at every stage",
 * or the stages that were not. */
static char *solver_text(const struct plan *p)
{
	char *text = NULL;
	for (int s = 0; s < OBJ_COUNT; s++) {
		const struct stage_result *r = &p->stages[s];
		if (r->status == STAGE_OPTIMAL)
			continue;
		char *more = strfmt("%s%s%s: %s", text ? text : "", text ? "; " : "",
				    report_objective((enum objective)s), report_stage_status(r->status));
		free(text);
		if (!more)
			return NULL;
		text = more;
	}
	return text ? text : strfmt("%s", L("proven optimal at every stage",
					     "tối ưu, đã chứng minh ở mọi bước"));
}

static double sum(const double *v, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

/* The files read and the changes made, as tables. */
static void provenance_tables(struct doc *d, const struct provenance *prov, const char *caption)
{
	struct ptable pt;
	int rc = 0, changes = 0;
	ptable_init(&pt, caption);
	rc |= table_add_column(&pt.t, L("File read", "Tệp đã đọc"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, "SHA-256", TEXT_LEFT);
	pt.keep_whole = 1u << 1;
	/* The dataset's files by their names: the folder is in the title. */
	const char *folder = provenance_value(prov, PROVENANCE_DATASET, 1);
	size_t len = folder ? strlen(folder) : 0;
	for (size_t i = 0; !rc && i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		const char *name = it->name;
		if (len && !strncmp(name, folder, len) && name[len] == '/')
			name += len + 1;
		if (it->kind == PROVENANCE_FILE)
			rc |= ptable_rowv(&pt, ROW_BODY, name, it->value);
		changes += it->kind == PROVENANCE_OVERRIDE;
	}
	draw_filled(d, &pt, rc);
	if (!changes) {
		paragraph(d, F_SMALL, L("Changes to the dataset: none.",
					"Thay đổi so với bộ dữ liệu: không có."), 6);
		return;
	}
	ptable_init(&pt, NULL);
	rc = table_add_column(&pt.t, L("Change to the dataset, in the order applied",
				       "Thay đổi so với bộ dữ liệu, theo thứ tự áp dụng"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("From", "Nguồn"), TEXT_LEFT);
	for (size_t i = 0; !rc && i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		if (it->kind == PROVENANCE_OVERRIDE)
			rc |= ptable_rowv(&pt, ROW_BODY, it->value,
					  *it->name ? it->name : L("command line", "dòng lệnh"));
	}
	draw_filled(d, &pt, rc);
}

/* The first page of a document: a new page, the title centred at the
 * top, and the root of the PDF's outline (its bookmarks). */
static void title_begin(struct doc *d, const char *title, const char *outline)
{
	page_begin(d);
	d->y = 40; /* no running header on the first page */
	set_text(d, F_TITLE, title, CONTENT_W, PANGO_ALIGN_CENTER);
	show_at(d, MARGIN_X, d->y);
	cairo_pdf_surface_add_outline(d->surface, CAIRO_PDF_OUTLINE_ROOT, outline, "page=1", 0);
	d->y += layout_height(d) + 6;
}

/* The annex's heading, numbered: "Phụ lục 2. ...". */
static void annex_heading(struct doc *d, int *annex, const char *title)
{
	char *text = strfmt(L("Annex %d. %s", "Phụ lục %d. %s"), ++*annex, title);
	d->nomem |= !text;
	new_page(d);
	heading(d, F_HEAD, text ? text : title, 200, CAIRO_PDF_OUTLINE_ROOT);
	free(text);
}

/* The last annex: everything technical (the run, the solver's stages and
 * bounds, the files and their SHA-256), for an engineer who checks the
 * proposal, out of the way of the reader who decides on it. */
static void technical_annex(struct doc *d, const struct proposal *pr, int *annex)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	const struct provenance *prov = pr->prov;
	char when[64];
	struct ptable pt;
	int rc = 0;

	annex_heading(d, annex, L("Technical basis", "Căn cứ kỹ thuật"));

	ptable_init(&pt, NULL);
	pt.no_header = 1;
	pt.font = F_BODY;
	pt.bold = F_BOLD;
	rc |= table_add_column(&pt.t, "", TEXT_LEFT);
	rc |= table_add_column(&pt.t, "", TEXT_LEFT);
	const char *scenario = provenance_value(prov, PROVENANCE_SCENARIO, 0);
	char *scenario_text = scenario ? strfmt("%s (%s)", scenario, provenance_value(prov, PROVENANCE_SCENARIO, 1))
				       : strfmt("%s", L("none: the dataset as it is", "không: bộ dữ liệu nguyên trạng"));
	char *dataset_text = strfmt(L("%s (folder %s): %zu communes in %zu districts",
				      "%s (thư mục %s): %zu xã thuộc %zu huyện"),
				    ds->name, provenance_value(prov, PROVENANCE_DATASET, 1) ?
				    provenance_value(prov, PROVENANCE_DATASET, 1) : ds->name,
				    ds->ncommunes, ds->ndistricts);
	char *years_text = strfmt(L("%d-%d (baseline: end of %d)", "%d-%d (năm gốc: cuối năm %d)"),
				  ds->first_year, dataset_horizon(ds), ds->first_year - 1);
	double budget = sum(ds->budget, (size_t)ds->nyears * ds->nsources);
	char *money_text = strfmt(L("%s million VND spent of a budget of %s",
				    "sử dụng %s triệu đồng trên tổng kế hoạch vốn %s triệu đồng"),
				  num(p->objective[OBJ_MONEY], 0), num(budget, 0));
	char *solver = solver_text(p);
	char *program = strfmt("ntmplan %s, GLPK", NTM_VERSION);
	date_text(when, sizeof(when), d->date);
	d->nomem |= !scenario_text || !dataset_text || !years_text || !money_text || !solver || !program;
	if (!d->nomem) {
		rc |= ptable_rowv(&pt, ROW_BODY, L("Scenario", "Kịch bản"), scenario_text);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Dataset", "Bộ dữ liệu"), dataset_text);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Plan years", "Kỳ kế hoạch"), years_text);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Money", "Vốn"), money_text);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Solver status", "Trạng thái bộ giải"), solver);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Date", "Ngày lập"), when);
		rc |= ptable_rowv(&pt, ROW_BODY, L("Made by", "Lập bằng"), program);
	}
	draw_filled(d, &pt, rc);
	free(scenario_text);
	free(dataset_text);
	free(years_text);
	free(money_text);
	free(solver);
	free(program);

	heading(d, F_SUBHEAD, L("The optimisation and its proof", "Kết quả tối ưu và chứng minh"), 60,
		CAIRO_PDF_OUTLINE_ROOT);
	ptable_init(&pt, NULL);
	draw_filled(d, &pt, report_stages_table(p, &pt.t));
	char *proof_note = report_proof_note(p);
	d->nomem |= !proof_note;
	if (proof_note && *proof_note)
		paragraph(d, F_SMALL, proof_note, 4); /* Pango breaks the lines at its '\n' */
	free(proof_note);
	paragraph(d, F_SMALL, L("The objectives are optimised in this order, each without giving up "
				"anything on the ones before (docs/model.md). Money is in million VND.",
				"Các mục tiêu được tối ưu theo thứ tự trên, mục tiêu sau không làm giảm kết quả "
				"của mục tiêu trước (docs/model.md). Đơn vị tiền: triệu đồng."), 6);
	heading(d, F_SUBHEAD, L("What this proposal was made from", "Dữ liệu lập đề xuất"), 60,
		CAIRO_PDF_OUTLINE_ROOT);
	provenance_tables(d, prov, NULL);
}

/* The communes_standard target's value, or -1 when there is none. */
static double communes_target(const struct dataset *ds)
{
	for (size_t t = 0; t < ds->ntargets; t++)
		if (ds->targets[t].kind == TARGET_COMMUNES_STANDARD)
			return ds->targets[t].value;
	return -1;
}

/* Communes and money by district: what each district gets, and how many
 * of its communes are at standard before and after. */
static void district_table(struct doc *d, const struct proposal *pr)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	const size_t nd = ds->ndistricts;
	double *money = calloc(nd + 1, sizeof(*money));
	size_t *count = calloc(4 * (nd + 1), sizeof(*count));
	struct ptable pt;
	char base[64], end[64];
	int rc = !money || !count;
	ptable_init(&pt, L("Communes and money by district (million VND)",
			   "Xã và vốn theo huyện (triệu đồng)"));
	pt.pad = 1.0;
	snprintf(base, sizeof(base), L("At standard %d", "Đạt chuẩn %d"), ds->first_year - 1);
	snprintf(end, sizeof(end), L("At standard %d", "Đạt chuẩn %d"), dataset_horizon(ds));
	rc |= table_add_column(&pt.t, L("District", "Huyện"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Communes", "Số xã"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, base, TEXT_RIGHT);
	rc |= table_add_column(&pt.t, end, TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Funded", "Được đầu tư"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Money", "Số tiền"), TEXT_RIGHT);
	if (!rc) {
		/* count: communes, at standard at the baseline, at the
		 * horizon, funded; row nd is the province. */
		unsigned char *funded = calloc(ds->ncommunes + 1, 1);
		rc |= !funded;
		for (size_t a = 0; funded && a < p->nallocations; a++) {
			size_t c = p->allocations[a].commune;
			money[ds->communes[c].district] += p->allocations[a].amount;
			money[nd] += p->allocations[a].amount;
			funded[c] = 1;
		}
		for (size_t c = 0; funded && c < ds->ncommunes; c++) {
			size_t k = ds->communes[c].district;
			int v[4] = {1, p->standard_year[c] == 0, p->standard_year[c] >= 0, funded[c]};
			for (int i = 0; i < 4; i++) {
				count[4 * k + (size_t)i] += (size_t)v[i];
				count[4 * nd + (size_t)i] += (size_t)v[i];
			}
		}
		free(funded);
	}
	for (size_t k = 0; k <= nd && !rc; k++)
		rc |= ptable_rowv(&pt, k < nd ? ROW_BODY : ROW_TOTAL,
				  k < nd ? ds->districts[k] : L("Province", "Toàn tỉnh"),
				  num((double)count[4 * k], 0), num((double)count[4 * k + 1], 0),
				  num((double)count[4 * k + 2], 0), num((double)count[4 * k + 3], 0),
				  num(money[k], 0));
	draw_filled(d, &pt, rc);
	free(money);
	free(count);
}

/* A target's price in communes for a table cell: "+8", "0", or "—" when it
 * was not priced (prices were not asked for). */
static const char *price_text(const struct plan *p, size_t t)
{
	static char buf[8][TEXT_NUMBER_SIZE + 1];
	static unsigned next;
	char *b = buf[next++ % 8];
	if (!p->prices || !p->prices[t].priced)
		return "—";
	double v = p->prices[t].communes;
	b[0] = '+';
	text_number(b + (v > 0), TEXT_NUMBER_SIZE, v, 0);
	return b;
}

/* The targets on criteria that cost communes, most first, in one
 * paragraph under the targets: "Giá của các chỉ tiêu theo tiêu chí (số
 * xã đạt chuẩn thêm nếu bỏ chỉ tiêu): Giao thông 52 xã +8, ...". */
static void criteria_prices(struct doc *d, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	size_t *order = calloc(ds->ntargets + 1, sizeof(*order)), n = 0, priced = 0;
	if (!order) {
		d->nomem = 1;
		return;
	}
	for (size_t t = 0; t < ds->ntargets; t++) {
		if (ds->targets[t].kind != TARGET_CRITERION_COMMUNES || !p->prices || !p->prices[t].priced)
			continue;
		priced++;
		if (p->prices[t].communes == 0)
			continue;
		size_t i = n++;
		/* insertion: most communes first, then file order */
		while (i > 0 && p->prices[order[i - 1]].communes < p->prices[t].communes) {
			order[i] = order[i - 1];
			i--;
		}
		order[i] = t;
	}
	char *text = priced ? strfmt("%s", L("Price of the targets on criteria (communes at standard gained without the target): ",
					      "Giá của các chỉ tiêu theo tiêu chí (số xã đạt chuẩn thêm được nếu bỏ chỉ tiêu): "))
			    : NULL;
	for (size_t i = 0; i < n && text; i++) {
		const struct target *tg = &ds->targets[order[i]];
		char *more = strfmt(L("%s%s %s communes %s", "%s%s %s xã %s"), text,
				    criterion_name(&ds->criteria[tg->subject_index - 1]), num(tg->value, 0),
				    price_text(p, order[i]));
		free(text);
		text = more ? strfmt("%s%s", more, i + 1 < n ? "; " : "") : NULL;
		free(more);
	}
	if (priced && text) {
		char *more = strfmt(L("%s%s%zu others 0.", "%s%s%zu chỉ tiêu khác 0."), text, n ? "; " : "",
				    priced - n);
		free(text);
		text = more;
	}
	d->nomem |= priced && !text;
	if (text) {
		d->y -= 5;
		paragraph(d, F_SMALL, text, 6);
	}
	free(text);
	free(order);
}

/* The gain over the rules of thumb with the same money, in a sentence:
 * the communes each brings to the standard and the targets it misses;
 * the figures year by year follow the charts. */
static void gain_sentence(struct doc *d, const struct proposal *pr)
{
	const struct dataset *ds = pr->p->ds;
	if (!pr->nrules)
		return;
	char *text = strfmt("%s", L("Gain over the rules of thumb: with the same money, ",
				    "Lợi ích so với cách làm thông thường: cùng số vốn, "));
	for (size_t r = 0; r < pr->nrules && text; r++) {
		const struct plan *q = &pr->rules[r];
		size_t missed = 0;
		for (size_t t = 0; t < ds->ntargets; t++)
			missed += q->targets[t].shortfall > 0;
		char *more = missed ?
			strfmt(L("%s\"%s\" brings %s communes to the standard but misses %s targets%s",
				 "%s\"%s\" đưa %s xã đạt chuẩn nhưng không đạt %s chỉ tiêu%s"),
			       text, rule_name((enum rule)r), num(q->standard_count[ds->nyears], 0),
			       num((double)missed, 0), r + 1 < pr->nrules ? "; " : ".") :
			strfmt(L("%s\"%s\" brings %s communes to the standard and meets every target%s",
				 "%s\"%s\" đưa %s xã đạt chuẩn và đạt mọi chỉ tiêu%s"),
			       text, rule_name((enum rule)r), num(q->standard_count[ds->nyears], 0),
			       r + 1 < pr->nrules ? "; " : ".");
		free(text);
		text = more;
	}
	d->nomem |= !text;
	if (text)
		paragraph(d, F_BODY, text, 6);
	free(text);
}

static void summary_page(struct doc *d, const struct proposal *pr)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	const size_t ns = ds->nsources;
	const int n = ds->nyears;
	struct ptable pt;
	int rc = 0, short_targets = 0;
	double target = communes_target(ds);

	/* The title: what is proposed, for which province, when. */
	char when[64];
	const char *scenario = provenance_value(pr->prov, PROVENANCE_SCENARIO, 0);
	title_begin(d, L("ALLOCATION PROPOSAL", "ĐỀ XUẤT PHÂN BỔ VỐN"),
		    L("Allocation proposal", "Đề xuất phân bổ vốn"));
	date_text(when, sizeof(when), d->date);
	char *place = ds->province ? strfmt(L("%s province", "Tỉnh %s"), ds->province)
				   : strfmt(L("Dataset %s", "Bộ dữ liệu %s"), ds->name);
	char *sub = place ? strfmt(L("%s: New Rural Development, %d-%d\n%s%s%s",
				     "%s: xây dựng nông thôn mới giai đoạn %d-%d\n%s%s%s"),
				   place, ds->first_year, dataset_horizon(ds), scenario ? L("scenario ", "kịch bản ") : "",
				   scenario ? scenario : "", scenario ? ", " : "") : NULL;
	char *sub_full = sub ? strfmt("%s%s", sub, when) : NULL;
	free(sub);
	sub = sub_full;
	d->nomem |= !sub;
	set_text(d, F_SUBTITLE, sub ? sub : "", CONTENT_W, PANGO_ALIGN_CENTER);
	show_at(d, MARGIN_X, d->y);
	d->y += layout_height(d) + 8;
	free(place);
	free(sub);

	/* The decision in three sentences: what the plan reaches, what it
	 * spends of the budget, and whether it is proven the best. */
	for (size_t t = 0; t < ds->ntargets; t++)
		short_targets += p->targets[t].shortfall > 0;
	double budget = sum(ds->budget, (size_t)ds->nyears * ds->nsources);
	char *proof = report_proof_sentence(p);
	char *headline = proof ? strfmt(
		L("The plan brings %s communes to the standard by %d (%s at the baseline) and spends %s million VND of a budget of %s. %s %s",
		  "Phương án đưa %s xã đạt chuẩn nông thôn mới đến năm %d (năm gốc: %s xã), sử dụng %s triệu đồng trên kế hoạch vốn %s triệu đồng. %s %s"),
		num(p->standard_count[n], 0), dataset_horizon(ds), num(p->standard_count[0], 0),
		num(p->objective[OBJ_MONEY], 0), num(budget, 0),
		short_targets ? L("Some targets cannot be met with this budget: see below.",
				  "Một số chỉ tiêu không thể đạt với ngân sách này: xem bảng dưới.")
			      : L("Every target is met.", "Mọi chỉ tiêu đều đạt."), proof) : NULL;
	d->nomem |= !headline;
	paragraph(d, F_BODY, headline ? headline : "", 6);
	free(headline);
	free(proof);
	if (pr->explain && pr->explain->all) {
		size_t count[EXPLAIN_OUT + 1] = {0}, in_contested = 0;
		for (size_t i = 0; i < pr->explain->nitems; i++) {
			const struct explain_commune *it = &pr->explain->items[i];
			count[it->status]++;
			in_contested += it->status == EXPLAIN_CONTESTED && p->standard_year[it->commune] >= 1;
		}
		char *standing = strfmt(
			L("Of the communes it brings to the standard, %s are sure (every optimal plan funds them) and %s contested (another optimal plan funds others instead); %s communes left out are contested too, %s are out (\"optimal\": for the targets and the communes at standard by the horizon; see \"Communes left out: why, and what they need\").",
			  "Trong các xã được đưa đạt chuẩn, %s xã chắc chắn (mọi phương án tối ưu đều cấp vốn) và %s xã có thể thay thế (có phương án tối ưu khác cấp vốn cho xã khác); %s xã chưa có trong phương án cũng có thể thay thế, %s xã ngoài (\"tối ưu\": về chỉ tiêu và số xã đạt chuẩn đến cuối kỳ; xem \"Các xã chưa đạt chuẩn: vì sao và cần gì\")."),
			num(count[EXPLAIN_SURE], 0), num(in_contested, 0),
			num(count[EXPLAIN_CONTESTED] - in_contested, 0), num(count[EXPLAIN_OUT], 0));
		d->nomem |= !standing;
		paragraph(d, F_BODY, standing ? standing : "", 6);
		free(standing);
	}

	/* Communes at standard, year by year, against the target. */
	char by_year[160];
	if (target >= 0)
		snprintf(by_year, sizeof(by_year), L("Communes at standard, year by year (target: %s by %d)",
						     "Số xã đạt chuẩn theo năm (chỉ tiêu: %s xã đến năm %d)"),
			 num(target, 0), dataset_horizon(ds));
	else
		snprintf(by_year, sizeof(by_year), "%s", L("Communes at standard, year by year",
							   "Số xã đạt chuẩn theo năm"));
	ptable_init(&pt, by_year);
	pt.pad = 1.0;
	rc |= table_add_column(&pt.t, "", TEXT_LEFT);
	for (int y = 0; y <= n; y++) {
		char label[64];
		snprintf(label, sizeof(label), y ? "%d" : L("%d (baseline)", "%d (năm gốc)"),
			 ds->first_year - 1 + y);
		rc |= table_add_column(&pt.t, label, TEXT_RIGHT);
	}
	/* Wide rows: a buffer for each number cell. */
	const size_t wide = (size_t)n + 2 + ds->ntargets;
	const char **cells = calloc(wide, sizeof(*cells));
	char (*nb)[TEXT_NUMBER_SIZE] = calloc(wide, sizeof(*nb));
	rc |= !cells || !nb;
	for (int row = 0; row < 2 && !rc; row++) {
		static const char *const en[] = {"Reaching the standard", "At standard, end of year"};
		static const char *const vi[] = {"Xã đạt chuẩn mới", "Số xã đạt chuẩn cuối năm"};
		cells[0] = L(en[row], vi[row]);
		for (int y = 0; y <= n; y++) {
			int newly = 0;
			for (size_t c = 0; c < ds->ncommunes; c++)
				newly += p->standard_year[c] == y;
			double v = row == 0 ? newly : p->standard_count[y];
			cells[1 + y] = text_number(nb[y], TEXT_NUMBER_SIZE, v, 0);
		}
		rc |= ptable_row(&pt, ROW_BODY, cells);
	}
	draw_filled(d, &pt, rc);

	/* Every target, met or short: those on criteria as one compact
	 * table, criterion by number. */
	char caption[128];
	size_t ncriteria = 0, nother = 0;
	for (size_t t = 0; t < ds->ntargets; t++)
		*(ds->targets[t].kind == TARGET_CRITERION_COMMUNES ? &ncriteria : &nother) += 1;
	snprintf(caption, sizeof(caption), L("Targets at %d", "Chỉ tiêu đến năm %d"), dataset_horizon(ds));
	ptable_init(&pt, caption);
	pt.pad = 1.0;
	rc = table_add_column(&pt.t, L("Target", "Chỉ tiêu"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Wanted", "Mục tiêu"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Reached", "Đạt được"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Short by", "Còn thiếu"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Verdict", "Đánh giá"), TEXT_RIGHT);
	/* Its price: the communes at standard the plan would gain without it
	 * (solve_prices); "—" where it was not priced. */
	rc |= table_add_column(&pt.t, L("Price", "Giá (xã)"), TEXT_RIGHT);
	for (size_t t = 0; t < ds->ntargets && !rc; t++) {
		const struct target *tg = &ds->targets[t];
		const struct target_result *r = &p->targets[t];
		int avg = tg->kind == TARGET_AVG_CRITERIA;
		if (tg->kind == TARGET_CRITERION_COMMUNES)
			continue;
		char *what = target_text(ds, tg);
		rc |= !what || ptable_rowv(&pt, ROW_BODY, what,
					   tg->kind <= TARGET_AVG_CRITERIA ? num(tg->value, avg ? 1 : 0) : "",
					   num(r->achieved, avg ? 2 : 0), num(r->shortfall, 0),
					   r->shortfall > 0 ? L("short", "chưa đạt") : L("met", "đạt"),
					   price_text(p, t));
		free(what);
	}
	if (ncriteria && !rc) {
		/* The targets on criteria in one row; their table follows the
		 * charts. */
		size_t missed = 0;
		for (size_t t = 0; t < ds->ntargets; t++)
			missed += ds->targets[t].kind == TARGET_CRITERION_COMMUNES && p->targets[t].shortfall > 0;
		char *what = strfmt(L("Communes meeting each criterion (%zu targets)",
				      "Số xã đạt từng tiêu chí (%zu chỉ tiêu)"), ncriteria);
		char *verdict = missed ? strfmt(L("%zu of %zu short", "chưa đạt %zu/%zu"), missed, ncriteria)
				       : strfmt(L("all %zu reached", "đạt cả %zu"), ncriteria);
		double short_by = 0;
		for (size_t t = 0; t < ds->ntargets; t++)
			if (ds->targets[t].kind == TARGET_CRITERION_COMMUNES)
				short_by += p->targets[t].shortfall;
		rc |= !what || !verdict || ptable_rowv(&pt, ROW_BODY, what, "", "", num(short_by, 0), verdict, "");
		free(what);
		free(verdict);
		nother++;
	}
	if (nother)
		draw_filled(d, &pt, rc);
	else
		ptable_release(&pt);
	criteria_prices(d, p);
	/* Money by source and year. */
	ptable_init(&pt, L("Money spent by source and year (million VND)",
			   "Vốn sử dụng theo nguồn và năm (triệu đồng)"));
	pt.pad = 1.0;
	rc = table_add_column(&pt.t, L("Source", "Nguồn vốn"), TEXT_LEFT) || !cells;
	for (int y = 1; y <= n; y++)
		rc |= table_add_column(&pt.t, year_text(ds->first_year + y - 1), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Total", "Cộng"), TEXT_RIGHT);
	for (size_t s = 0; s <= ns + 1 && !rc; s++) {
		/* Each source; then the total spent; then the budget. */
		double row_total = 0;
		for (int y = 1; y <= n; y++) {
			double v = s < ns ? pr->spent[(size_t)(y - 1) * ns + s]
			       : s == ns ? sum(pr->spent + (size_t)(y - 1) * ns, ns)
					 : sum(ds->budget + (size_t)(y - 1) * ns, ns);
			cells[y] = text_number(nb[y], TEXT_NUMBER_SIZE, v, 0);
			row_total += v;
		}
		cells[0] = s < ns ? source_name(&ds->sources[s]) : s == ns ? L("Total spent", "Tổng vốn sử dụng")
								  : L("Budget", "Kế hoạch vốn");
		cells[n + 1] = text_number(nb[n + 1], TEXT_NUMBER_SIZE, row_total, 0);
		rc |= ptable_row(&pt, s == ns ? ROW_TOTAL : ROW_BODY, cells);
	}
	free(cells);
	free(nb);
	draw_filled(d, &pt, rc);

	district_table(d, pr);

	/* What optimisation buys: the same money by the rules of thumb. */
	gain_sentence(d, pr);
}

/* Targets on criteria, one compact table, criterion by number. */
static void criteria_targets_table(struct doc *d, const struct proposal *pr)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	struct ptable pt;
	char caption[160];
	int rc;
	size_t ncriteria = 0;
	for (size_t t = 0; t < ds->ntargets; t++)
		ncriteria += ds->targets[t].kind == TARGET_CRITERION_COMMUNES;
	const char **cells = calloc(ds->ntargets + 2, sizeof(*cells));
	char (*nb)[TEXT_NUMBER_SIZE] = calloc(ds->ntargets + 2, sizeof(*nb));
	snprintf(caption, sizeof(caption), L("Communes meeting each criterion at %d (criteria by number)",
					     "Số xã đạt từng tiêu chí đến năm %d (tiêu chí theo số thứ tự)"),
		 dataset_horizon(ds));
	ptable_init(&pt, ncriteria ? caption : NULL);
	pt.pad = 1.0;
	rc = !cells || !nb || table_add_column(&pt.t, L("Criterion", "Tiêu chí"), TEXT_LEFT);
	for (size_t t = 0; t < ds->ntargets && !rc; t++)
		if (ds->targets[t].kind == TARGET_CRITERION_COMMUNES)
			rc |= table_add_column(&pt.t, num((double)ds->targets[t].subject_index, 0), TEXT_RIGHT);
	for (int what = 0; what < 4 && !rc; what++) {
		size_t col = 1;
		cells[0] = what == 0 ? L("Wanted", "Mục tiêu") : what == 1 ? L("Reached", "Đạt được")
			 : what == 2 ? L("Short by", "Còn thiếu") : L("Price", "Giá (xã)");
		for (size_t t = 0; t < ds->ntargets; t++, col++)
			if (ds->targets[t].kind != TARGET_CRITERION_COMMUNES)
				col--;
			else if (what == 3)
				cells[col] = strcpy(nb[col], price_text(p, t));
			else
				cells[col] = text_number(nb[col], TEXT_NUMBER_SIZE,
							 what == 0 ? ds->targets[t].value : what == 1 ?
							 p->targets[t].achieved : p->targets[t].shortfall, 0);
		rc |= ptable_row(&pt, ROW_BODY, cells);
	}
	if (ncriteria)
		draw_filled(d, &pt, rc);
	else
		ptable_release(&pt);

	free(cells);
	free(nb);
}

/* After the charts: the targets on criteria, and the rules of thumb
 * beside the optimum year by year, with what each misses. */
static void details_pages(struct doc *d, const struct proposal *pr)
{
	struct ptable pt;
	heading(d, F_HEAD, L("Targets and rules of thumb in detail", "Chi tiết chỉ tiêu và so sánh"), 120,
		CAIRO_PDF_OUTLINE_ROOT);
	criteria_targets_table(d, pr);
	if (!pr->nrules)
		return;
	ptable_init(&pt, L("The same money spent by rules of thumb",
			   "Cùng số vốn, phân bổ theo cách làm thông thường"));
	pt.pad = 1.0;
	draw_filled(d, &pt, report_comparison_table(pr->p, pr->rules, pr->nrules, &pt.t));
	for (size_t r = 0; r < pr->nrules; r++) {
		char *verdict = report_rule_verdict(pr->p, &pr->rules[r], (enum rule)r);
		d->nomem |= !verdict;
		paragraph(d, F_SMALL, verdict ? verdict : "", 3);
		free(verdict);
	}
}

static void charts_page(struct doc *d, const struct proposal *pr)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	const size_t ns = ds->nsources, nr = pr->nrules;
	char label[96];
	const char **xlabels = calloc((size_t)n + 1, sizeof(*xlabels));
	double *values = calloc(((size_t)n + 1) * (nr + 2 + ns), sizeof(*values));
	struct series *series = calloc(nr + 1 + ns, sizeof(*series));
	if (!xlabels || !values || !series) {
		d->nomem = 1;
		goto cleanup;
	}
	new_page(d);
	heading(d, F_HEAD, L("Charts", "Biểu đồ"), 300, CAIRO_PDF_OUTLINE_ROOT);

	/* Communes at standard at the end of each year: the optimum as bars,
	 * each rule of thumb as a line. */
	for (int y = 0; y <= n; y++)
		xlabels[y] = year_text(ds->first_year - 1 + y);
	for (size_t r = 0; r <= nr; r++) {
		const struct plan *q = r ? &pr->rules[r - 1] : p;
		double *v = values + r * ((size_t)n + 1);
		for (int y = 0; y <= n; y++)
			v[y] = q->standard_count[y];
		series[r] = (struct series){r ? rule_name((enum rule)(r - 1))
					      : L("this proposal", "đề xuất này"),
					    v, r ? SERIES_LINE : SERIES_BAR};
	}
	double target = communes_target(ds);
	snprintf(label, sizeof(label), L("target %s communes by %d", "chỉ tiêu %s xã đến năm %d"),
		 num(target, 0), dataset_horizon(ds));
	struct chart communes = {
		L("Communes at standard at the end of each year", "Số xã đạt chuẩn cuối mỗi năm"),
		xlabels, (size_t)n + 1, series, nr + 1, 0, target, label, 1, NULL, NULL};
	chart_here(d, &communes, 330);

	/* Money by year, stacked by source. */
	double *money = values + (nr + 1) * ((size_t)n + 1);
	for (size_t s = 0; s < ns; s++) {
		for (int y = 1; y <= n; y++)
			money[s * (size_t)n + (size_t)(y - 1)] = pr->spent[(size_t)(y - 1) * ns + s];
		series[s] = (struct series){source_name(&ds->sources[s]), money + s * (size_t)n, SERIES_BAR};
	}
	/* The budget of each year over its bar. */
	double *budget = money + ns * (size_t)n;
	for (int y = 1; y <= n; y++)
		budget[y - 1] = sum(ds->budget + (size_t)(y - 1) * ns, ns);
	d->y += 20;
	struct chart spent = {
		L("Money spent by year and source (million VND)",
		  "Vốn sử dụng theo năm và nguồn (triệu đồng)"),
		xlabels + 1, (size_t)n, series, ns, 1, 0, NULL, 1, budget, L("budget", "kế hoạch vốn")};
	chart_here(d, &spent, 330);
cleanup:
	free(xlabels);
	free(values);
	free(series);
}

/* The works funded, one table per district, communes in file order. */
static void works_pages(struct doc *d, const struct proposal *pr, int *annex)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	char caption[256], group[512], subtotal[256], crit[192];
	double *by_district = calloc(ds->ndistricts + 1, sizeof(*by_district));
	int *funded = calloc(ds->ndistricts + 1, sizeof(*funded));
	if (!by_district || !funded) {
		d->nomem = 1;
		goto cleanup;
	}
	char *title = strfmt(L("Annex %d. Works funded, by district and commune (million VND)",
			       "Phụ lục %d. Hạng mục được đầu tư theo huyện và xã (triệu đồng)"), ++*annex);
	d->nomem |= !title;
	new_page(d);
	int top = heading(d, F_HEAD, title ? title : "", 120, CAIRO_PDF_OUTLINE_ROOT);
	free(title);
	for (size_t dist = 0; dist < ds->ndistricts; dist++) {
		struct ptable pt;
		int rc = 0;
		snprintf(caption, sizeof(caption), "%s", ds->districts[dist]);
		ptable_init(&pt, caption);
		rc |= table_add_column(&pt.t, L("Year", "Năm"), TEXT_LEFT);
		rc |= table_add_column(&pt.t, L("Criterion", "Tiêu chí"), TEXT_LEFT);
		rc |= table_add_column(&pt.t, L("Quantity", "Khối lượng"), TEXT_RIGHT);
		rc |= table_add_column(&pt.t, L("Unit", "Đơn vị"), TEXT_LEFT);
		rc |= table_add_column(&pt.t, L("Amount", "Số tiền"), TEXT_RIGHT);
		rc |= table_add_column(&pt.t, L("Source", "Nguồn vốn"), TEXT_LEFT);
		for (size_t c = 0; c < ds->ncommunes && !rc; c++) {
			const struct commune *cm = &ds->communes[c];
			double commune_total = 0;
			int rows = 0;
			if (cm->district != dist)
				continue;
			for (size_t i = 0; i < p->nallocations && !rc; i++) {
				const struct allocation *a = &p->allocations[i];
				if (a->commune != c)
					continue;
				if (!rows) {
					int sy = p->standard_year[c];
					char standard[96];
					if (sy > 0)
						snprintf(standard, sizeof(standard), L("at standard in %d", "đạt chuẩn năm %d"),
							 ds->first_year - 1 + sy);
					else
						snprintf(standard, sizeof(standard), L("below the standard in %d",
										       "chưa đạt chuẩn năm %d"),
							 dataset_horizon(ds));
					snprintf(group, sizeof(group),
						 L("%s (%s): %d criteria met at the baseline, %d at the end; %s",
						   "%s (%s): năm gốc đạt %d tiêu chí, cuối kỳ đạt %d; %s"),
						 cm->name, cm->id, dataset_criteria_met(ds, c), p->criteria_after[c],
						 standard);
					rc |= ptable_rowv(&pt, ROW_GROUP, group, "", "", "", "", "");
				}
				const struct criterion *cr = &ds->criteria[a->criterion - 1];
				snprintf(crit, sizeof(crit), "%d %s", a->criterion, criterion_name(cr));
				rc |= ptable_rowv(&pt, ROW_BODY, year_text(ds->first_year + a->year - 1), crit,
						  num(plan_allocation_quantity(ds, a), 2), criterion_unit(cr),
						  num(a->amount, 0), source_name(&ds->sources[a->source]));
				commune_total += a->amount;
				rows++;
			}
			if (!rows)
				continue;
			snprintf(subtotal, sizeof(subtotal), L("Total, commune %s", "Cộng xã %s"), cm->name);
			rc |= ptable_rowv(&pt, ROW_TOTAL, subtotal, "", "", "", num(commune_total, 0), "");
			by_district[dist] += commune_total;
			funded[dist]++;
		}
		if (!funded[dist]) {
			ptable_release(&pt);
			continue;
		}
		snprintf(subtotal, sizeof(subtotal), L("Total, %s", "Cộng %s"), ds->districts[dist]);
		rc |= ptable_rowv(&pt, ROW_TOTAL, subtotal, "", "", "", num(by_district[dist], 0), "");
		/* The outline points at the district's caption. */
		ensure(d, 60);
		snprintf(group, sizeof(group), "page=%d pos=[%.0f %.0f]", d->page, MARGIN_X, d->y);
		cairo_pdf_surface_add_outline(d->surface, top, caption, group, 0);
		draw_filled(d, &pt, rc);
	}

	/* The grand total (the districts side by side are on page 1). */
	struct ptable pt;
	int rc = 0;
	ptable_init(&pt, NULL);
	pt.no_header = 1;
	rc |= table_add_column(&pt.t, "", TEXT_LEFT);
	rc |= table_add_column(&pt.t, "", TEXT_RIGHT);
	rc |= ptable_rowv(&pt, ROW_TOTAL, L("Grand total", "Tổng cộng"),
			  num(sum(by_district, ds->ndistricts), 0));
	draw_filled(d, &pt, rc);
cleanup:
	free(by_district);
	free(funded);
}

/* The communes below the standard at the horizon: what each still lacks
 * and what closing it would cost. */
static void below_pages(struct doc *d, const struct proposal *pr, int *annex)
{
	const struct plan *p = pr->p;
	const struct dataset *ds = p->ds;
	struct ptable pt;
	int rc = 0, count = 0, unfundable_any = 0;
	double total = 0;
	char caption[160], group[256];

	snprintf(caption, sizeof(caption), L("Communes below the standard in %d",
					     "Các xã chưa đạt chuẩn đến năm %d"), dataset_horizon(ds));
	annex_heading(d, annex, caption);
	ptable_init(&pt, NULL);
	rc |= table_add_column(&pt.t, L("Commune", "Xã"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Criteria met", "Tiêu chí đạt"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Lacking", "Còn thiếu"), TEXT_RIGHT);
	rc |= table_add_column(&pt.t, L("Criteria still lacking", "Các tiêu chí còn thiếu"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Cost to reach the standard", "Kinh phí để đạt chuẩn"), TEXT_RIGHT);
	for (size_t dist = 0; dist < ds->ndistricts && !rc; dist++) {
		int first = 1;
		for (size_t c = 0; c < ds->ncommunes && !rc; c++) {
			const struct commune *cm = &ds->communes[c];
			if (cm->district != dist || p->standard_year[c] >= 0)
				continue;
			char lacking[NTM_CRITERIA * 5 + 1] = "";
			size_t len = 0;
			double cost = 0;
			int unfundable = 0;
			for (int k = 1; k <= NTM_CRITERIA; k++) {
				const struct gap *g = dataset_gap(ds, c, k);
				if (g->met || p->completed[c * NTM_CRITERIA + (size_t)(k - 1)])
					continue;
				len += (size_t)snprintf(lacking + len, sizeof(lacking) - len, "%s%d%s",
							len ? ", " : "", k, g->fundable ? "" : "*");
				if (g->fundable)
					cost += dataset_gap_cost(ds, c, k);
				unfundable |= !g->fundable;
			}
			if (first) {
				snprintf(group, sizeof(group), "%s", ds->districts[dist]);
				rc |= ptable_rowv(&pt, ROW_GROUP, group, "", "", "", "");
				first = 0;
			}
			char name[192];
			snprintf(name, sizeof(name), "%s (%s)", cm->name, cm->id);
			rc |= ptable_rowv(&pt, ROW_BODY, name, num(p->criteria_after[c], 0),
					  num(NTM_CRITERIA - p->criteria_after[c], 0), lacking, num(cost, 0));
			count++;
			total += cost;
			unfundable_any |= unfundable;
		}
	}
	char label[96];
	snprintf(label, sizeof(label), L("Total: %d communes", "Cộng: %d xã"), count);
	rc |= ptable_rowv(&pt, ROW_TOTAL, label, "", "", "", num(total, 0));
	if (count)
		draw_filled(d, &pt, rc);
	else {
		ptable_release(&pt);
		paragraph(d, F_BODY, L("None: every commune reaches the standard.",
				       "Không có: mọi xã đều đạt chuẩn."), 6);
		return;
	}
	if (unfundable_any)
		paragraph(d, F_SMALL, L("* a gap money cannot close (gaps.csv: fundable 0); its cost is not counted.",
					"* khoảng thiếu không thể xóa bằng vốn đầu tư (gaps.csv: fundable 0); không tính vào kinh phí."), 3);
	/* The criteria by number, for the reader of the list above. */
	char *legend = strfmt("%s", L("Criteria: ", "Tiêu chí: "));
	for (int k = 1; k <= NTM_CRITERIA && legend; k++) {
		char *more = strfmt("%s%s%d %s", legend, k > 1 ? "; " : "", k, criterion_name(&ds->criteria[k - 1]));
		free(legend);
		legend = more;
	}
	d->nomem |= !legend;
	paragraph(d, F_SMALL, legend ? legend : "", 3);
	free(legend);
}

/* "Các xã chưa đạt chuẩn: vì sao và cần gì": the communes explained that
 * the plan leaves out (why, what they need, the price of requiring them),
 * then those it brings to standard (their replacement cost). */
static void explain_pages(struct doc *d, const struct proposal *pr, int *annex)
{
	const struct explain_result *r = pr->explain;
	const struct dataset *ds = pr->p->ds;
	annex_heading(d, annex, L("Communes left out: why, and what they need",
				  "Các xã chưa đạt chuẩn: vì sao và cần gì"));
	paragraph(d, F_SMALL, L("Each commune's price comes from solving the plan again with it required (--require) or, in the plan, excluded (--exclude). \"Optimal\" means optimal for the targets and the communes at standard by the horizon; the later stages only choose among such plans. Contested: some optimal plans bring it to standard, others not; out: none does.",
				"Cái giá của mỗi xã có được bằng cách giải lại phương án khi bắt buộc xã đó (--require) hoặc, với xã trong phương án, khi không cấp vốn cho xã (--exclude). \"Tối ưu\" nghĩa là tối ưu về chỉ tiêu và số xã đạt chuẩn đến cuối kỳ; các bước sau chỉ chọn giữa các phương án như vậy. Có thể thay thế: có phương án tối ưu đưa xã đạt chuẩn, có phương án không; ngoài: không phương án tối ưu nào."), 6);
	for (int in = 0; in <= 1; in++) {
		struct ptable pt;
		int rc = 0, rows = 0;
		ptable_init(&pt, in ? L("Communes in the plan: what the plan loses without them",
					"Các xã trong phương án: phương án mất gì nếu không có xã") : NULL);
		rc |= table_add_column(&pt.t, L("Commune", "Xã"), TEXT_LEFT);
		rc |= table_add_column(&pt.t, L("Status", "Trạng thái"), TEXT_LEFT);
		rc |= table_add_column(&pt.t, in ? L("Year", "Năm") : L("Earliest", "Sớm nhất"), TEXT_RIGHT);
		rc |= table_add_column(&pt.t, in ? L("Money", "Vốn") : L("Cost to reach the standard", "Kinh phí để đạt chuẩn"), TEXT_RIGHT);
		rc |= table_add_column(&pt.t, L("Why", "Vì sao"), TEXT_LEFT);
		for (size_t i = 0; i < r->nitems && !rc; i++) {
			const struct explain_commune *it = &r->items[i];
			const size_t c = it->commune;
			int year = pr->p->standard_year[c];
			if (year == 0 || (year >= 1) != in)
				continue;
			double money = 0;
			if (in) {
				for (size_t a = 0; a < pr->p->nallocations; a++)
					if (pr->p->allocations[a].commune == c)
						money += pr->p->allocations[a].amount;
			} else {
				for (int k = 1; k <= NTM_CRITERIA; k++)
					if (!pr->p->completed[c * NTM_CRITERIA + (size_t)(k - 1)] &&
					    dataset_gap(ds, c, k)->fundable)
						money += dataset_gap_cost(ds, c, k);
			}
			char name[256], when[16] = "";
			snprintf(name, sizeof(name), "%s (%s, %s)", ds->communes[c].name, ds->communes[c].id,
				 ds->districts[ds->communes[c].district]);
			int shown = in ? year : it->reachable ? it->earliest_year : 0;
			if (shown >= 1)
				snprintf(when, sizeof(when), "%d", ds->first_year + shown - 1);
			char *why = explain_sentence(r, i);
			rc |= !why || ptable_rowv(&pt, ROW_BODY, name, explain_status_text(it->status), when,
						  num(money, 0), why ? why : "");
			free(why);
			rows++;
		}
		if (rows || rc)
			draw_filled(d, &pt, rc);
		else
			ptable_release(&pt);
	}
}

/* ---- the document and its file ---- */

static int doc_open(struct doc *d, cairo_write_func_t write, void *closure,
		    const char *title, const char *date)
{
	memset(d, 0, sizeof(*d));
	d->date = date;
	d->surface = cairo_pdf_surface_create_for_stream(write, closure, PAGE_W, PAGE_H);
	d->cr = cairo_create(d->surface);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
		return -1;
	/* The document's dates are the proposal's date, never the time of
	 * the run: the same input gives the same bytes. */
	char stamp[32];
	snprintf(stamp, sizeof(stamp), "%sT00:00:00Z", date);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "ntmplan " NTM_VERSION);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
	if (!(d->layout = chart_layout_create(d->cr)))
		return -1;
	for (int f = 0; f < F_COUNT; f++)
		if (!(d->fonts[f] = pango_font_description_from_string(font_spec[f])))
			return -1;
	return 0;
}

static void doc_close(struct doc *d)
{
	for (int f = 0; f < F_COUNT; f++)
		if (d->fonts[f])
			pango_font_description_free(d->fonts[f]);
	if (d->layout)
		g_object_unref(d->layout);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface)
		cairo_surface_destroy(d->surface);
}

/* Whether fontconfig has the family the document is set in, rather than a
 * substitute that may lack Vietnamese letters. */
static int font_available(struct doc *d)
{
	return chart_font_available(d->layout, d->fonts[F_BODY], FONT_FAMILY);
}

/* A document is laid out twice: once to count its pages ("page 3 of 12"),
 * once into the file. */
typedef void (*doc_render)(struct doc *d, const void *ctx);

struct doc_job {
	doc_render render;
	const void *ctx;
	const char *title;      /* the PDF's title metadata */
	const char *running;    /* the page header */
	const char *date;
	int pages;
	enum { JOB_OK, JOB_NOMEM, JOB_NOFONT, JOB_CAIRO } error;
};

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
							  : CAIRO_STATUS_WRITE_ERROR;
}

/* One pass: returns 0, or -1 with job->error set. */
static int run_pass(struct doc_job *job, cairo_write_func_t write, void *closure)
{
	struct doc d;
	int rc = -1;
	if (doc_open(&d, write, closure, job->title, job->date)) {
		job->error = JOB_CAIRO;
		goto cleanup;
	}
	if (!font_available(&d)) {
		job->error = JOB_NOFONT;
		goto cleanup;
	}
	d.running = job->running;
	d.pages = job->pages;
	job->render(&d, job->ctx);
	page_end(&d);
	job->pages = d.page;
	if (d.nomem) {
		job->error = JOB_NOMEM;
		goto cleanup;
	}
	cairo_surface_finish(d.surface);
	if (cairo_surface_status(d.surface) != CAIRO_STATUS_SUCCESS) {
		job->error = cairo_surface_status(d.surface) == CAIRO_STATUS_NO_MEMORY ? JOB_NOMEM : JOB_CAIRO;
		goto cleanup;
	}
	rc = 0;
cleanup:
	doc_close(&d);
	return rc;
}

static int write_doc(FILE *out, const void *ctx)
{
	struct doc_job *job = (struct doc_job *)ctx;
	job->pages = 0;
	if (run_pass(job, discard, NULL) || run_pass(job, to_file, out))
		return -1;
	return ferror(out) ? -1 : 0;
}

static int save(const char *path, struct doc_job *job, struct diag_list *diags)
{
	job->error = JOB_OK;
	if (!outfile_write(path, write_doc, job, diags))
		return 0;
	/* outfile_write has named the file; say why when it was not the disk. */
	if (job->error == JOB_NOFONT)
		diag_add(diags, path, 0, 0, L("the font '%s' is not installed (Debian: fonts-dejavu-core)",
					      "chưa cài phông chữ '%s' (Debian: fonts-dejavu-core)"), FONT_FAMILY);
	else if (job->error == JOB_NOMEM)
		diag_add(diags, path, 0, 0, L("out of memory", "hết bộ nhớ"));
	else if (job->error == JOB_CAIRO)
		diag_add(diags, path, 0, 0, L("cairo could not make the PDF", "cairo không tạo được tệp PDF"));
	return -1;
}

/* A re-plan's opening: what changed against the original plan (changes.h). */
static void changes_page(struct doc *d, const struct proposal *pr)
{
	char *lines[8], caption[256];
	struct ptable pt;
	int n = replan_summary(pr->p, pr->replan, lines, 8);
	if (n < 1) {
		d->nomem = 1;
		return;
	}
	new_page(d);
	heading(d, F_HEAD, lines[0], 200, CAIRO_PDF_OUTLINE_ROOT);
	for (int i = 1; i < n; i++)
		paragraph(d, F_BODY, lines[i], i + 1 < n ? 2 : 10);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	ptable_init(&pt, NULL);
	int rc = replan_differences_table(pr->p, pr->replan, &pt.t, caption, sizeof(caption));
	pt.caption = caption;
	if (pt.t.nrows || rc) {
		draw_filled(d, &pt, rc);
	} else {
		ptable_release(&pt);
		paragraph(d, F_SUBHEAD, caption, 6);
	}
}

static void render_plan(struct doc *d, const void *ctx)
{
	const struct proposal *pr = ctx;
	int annex = 0;
	summary_page(d, pr);
	if (pr->replan)
		changes_page(d, pr);
	charts_page(d, pr);
	details_pages(d, pr);
	works_pages(d, pr, &annex);
	below_pages(d, pr, &annex);
	if (pr->explain)
		explain_pages(d, pr, &annex);
	technical_annex(d, pr, &annex);
}

int pdf_write_plan(const char *path, const struct plan *p, const struct plan *rule_plans,
		   size_t nrules, const struct provenance *prov, const char *date,
		   struct diag_list *diags)
{
	return pdf_write_replan(path, p, rule_plans, nrules, prov, NULL, date, diags);
}

int pdf_write_replan(const char *path, const struct plan *p, const struct plan *rule_plans,
		     size_t nrules, const struct provenance *prov, const struct replan_view *replan,
		     const char *date, struct diag_list *diags)
{
	return pdf_write_proposal(path, p, rule_plans, nrules, prov, replan, NULL, date, diags);
}

int pdf_write_explained(const char *path, const struct explain_result *explain,
			const struct plan *rule_plans, size_t nrules, const struct provenance *prov,
			const char *date, struct diag_list *diags)
{
	return pdf_write_proposal(path, &explain->plan, rule_plans, nrules, prov, NULL, explain, date,
			      diags);
}

int pdf_write_proposal(const char *path, const struct plan *p, const struct plan *rule_plans,
		       size_t nrules, const struct provenance *prov, const struct replan_view *replan,
		       const struct explain_result *explain, const char *date,
		       struct diag_list *diags)
{
	const struct dataset *ds = p->ds;
	struct proposal pr = {p, rule_plans, nrules, prov, NULL, replan, explain};
	const char *scenario = provenance_value(prov, PROVENANCE_SCENARIO, 0);
	char *place = ds->province ? strfmt(L("%s province", "tỉnh %s"), ds->province) : strfmt("%s", ds->name);
	char *title = place ? strfmt(L("Allocation proposal: %s%s%s, %d-%d", "Đề xuất phân bổ vốn: %s%s%s, %d-%d"),
				     place, scenario ? ", " : "", scenario ? scenario : "", ds->first_year,
				     dataset_horizon(ds)) : NULL;
	free(place);
	pr.spent = calloc((size_t)ds->nyears * ds->nsources + 1, sizeof(*pr.spent));
	int rc = -1;
	if (!title || !pr.spent) {
		diag_add(diags, path, 0, 0, L("out of memory", "hết bộ nhớ"));
		goto cleanup;
	}
	plan_spent(p, pr.spent);
	struct doc_job job = {render_plan, &pr, title, title, date, 0, JOB_OK};
	rc = save(path, &job, diags);
cleanup:
	free(title);
	free(pr.spent);
	return rc;
}

/* ---- the comparison of scenarios ---- */

struct comparison {
	const struct compare_entry *e;
	size_t n;
};

static void compare_title(struct doc *d, const struct comparison *cmp)
{
	struct ptable pt;
	char when[64], letter[4];
	int rc = 0;
	title_begin(d, L("COMPARISON OF SCENARIOS", "SO SÁNH KỊCH BẢN"),
		    L("Comparison of scenarios", "So sánh kịch bản"));
	date_text(when, sizeof(when), d->date);
	char *sub = strfmt(L("New Rural Development: the optimal plans of %zu scenarios, %s",
			     "Xây dựng nông thôn mới: phương án tối ưu của %zu kịch bản, %s"), cmp->n, when);
	d->nomem |= !sub;
	set_text(d, F_SUBTITLE, sub ? sub : "", CONTENT_W, PANGO_ALIGN_CENTER);
	show_at(d, MARGIN_X, d->y);
	d->y += layout_height(d) + 16;
	free(sub);

	ptable_init(&pt, NULL);
	pt.font = F_BODY;
	pt.bold = F_BOLD;
	rc |= table_add_column(&pt.t, "", TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Scenario", "Kịch bản"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Plan years", "Kỳ kế hoạch"), TEXT_LEFT);
	rc |= table_add_column(&pt.t, L("Solver status", "Trạng thái bộ giải"), TEXT_LEFT);
	for (size_t i = 0; i < cmp->n && !rc; i++) {
		const struct dataset *ds = cmp->e[i].plan->ds;
		char years[32];
		char *solver = solver_text(cmp->e[i].plan);
		snprintf(letter, sizeof(letter), "%c", (int)('A' + i % 26));
		snprintf(years, sizeof(years), "%d-%d", ds->first_year, dataset_horizon(ds));
		rc |= !solver || ptable_rowv(&pt, ROW_BODY, letter, cmp->e[i].label, years, solver);
		free(solver);
	}
	draw_filled(d, &pt, rc);
}

/* What each plan was made from: at the end, for whoever checks it. */
static void compare_provenance(struct doc *d, const struct comparison *cmp)
{
	char caption[256];
	new_page(d);
	heading(d, F_HEAD, L("What each plan was made from", "Dữ liệu lập từng phương án"), 60,
		CAIRO_PDF_OUTLINE_ROOT);
	for (size_t i = 0; i < cmp->n; i++) {
		if (!cmp->e[i].prov)
			continue;
		snprintf(caption, sizeof(caption), "%c: %s", (int)('A' + i % 26), cmp->e[i].label);
		provenance_tables(d, cmp->e[i].prov, caption);
	}
}

/* Communes at standard and money spent, calendar year by calendar year,
 * one series per scenario (0 outside a scenario's years). */
static void compare_charts(struct doc *d, const struct comparison *cmp)
{
	int first = 1 << 30, last = -(1 << 30);
	for (size_t i = 0; i < cmp->n; i++) {
		const struct dataset *ds = cmp->e[i].plan->ds;
		first = ds->first_year < first ? ds->first_year : first;
		last = dataset_horizon(ds) > last ? dataset_horizon(ds) : last;
	}
	size_t nx = (size_t)(last - first + 2);
	const char **xlabels = calloc(nx, sizeof(*xlabels));
	char (*names)[48] = calloc(cmp->n, sizeof(*names));
	double *values = calloc(nx * cmp->n * 3, sizeof(*values));
	double *budgets = values ? values + nx * cmp->n * 2 : NULL;
	struct series *series = calloc(cmp->n, sizeof(*series));
	if (!xlabels || !names || !values || !series) {
		d->nomem = 1;
		goto cleanup;
	}
	for (size_t x = 0; x < nx; x++)
		xlabels[x] = year_text(first - 1 + (int)x);
	for (size_t i = 0; i < cmp->n; i++) {
		const struct plan *p = cmp->e[i].plan;
		double *communes = values + i * nx, *money = values + (cmp->n + i) * nx;
		for (size_t x = 0; x < nx; x++) {
			int y = first - 1 + (int)x - (p->ds->first_year - 1);
			communes[x] = y >= 0 && y <= p->ds->nyears ? p->standard_count[y] : 0;
		}
		for (size_t a = 0; a < p->nallocations; a++)
			money[p->ds->first_year + p->allocations[a].year - 1 - (first - 1)] +=
				p->allocations[a].amount;
		snprintf(names[i], sizeof(names[i]), "%c", (int)('A' + i % 26));
		series[i] = (struct series){names[i], communes, SERIES_BAR};
	}
	new_page(d);
	heading(d, F_HEAD, L("Charts", "Biểu đồ"), 300, CAIRO_PDF_OUTLINE_ROOT);
	struct chart communes = {
		L("Communes at standard at the end of each year", "Số xã đạt chuẩn cuối mỗi năm"),
		xlabels, nx, series, cmp->n, 0, 0, NULL, 1, NULL, NULL};
	chart_here(d, &communes, 330);
	for (size_t i = 0; i < cmp->n; i++)
		series[i].values = values + (cmp->n + i) * nx + 1;
	d->y += 20;
	/* Each scenario's budget over its bar, where it has that year. */
	for (size_t i = 0; i < cmp->n; i++) {
		const struct dataset *ds = cmp->e[i].plan->ds;
		for (size_t x = 1; x < nx; x++) {
			int y = first - 1 + (int)x - ds->first_year;
			budgets[i * (nx - 1) + x - 1] = y >= 0 && y < ds->nyears ?
				sum(ds->budget + (size_t)y * ds->nsources, ds->nsources) : NAN;
		}
	}
	struct chart spent = {
		L("Money spent by year (million VND)", "Vốn sử dụng theo năm (triệu đồng)"),
		xlabels + 1, nx - 1, series, cmp->n, 0, 0, NULL, 1, budgets, L("budget", "kế hoạch vốn")};
	chart_here(d, &spent, 330);
cleanup:
	free(xlabels);
	free(names);
	free(values);
	free(series);
}

static void render_compare(struct doc *d, const void *ctx)
{
	const struct comparison *cmp = ctx;
	struct ptable pt;
	compare_title(d, cmp);
	heading(d, F_HEAD, L("Results side by side", "Kết quả các phương án"), 200, CAIRO_PDF_OUTLINE_ROOT);
	ptable_init(&pt, L("Results", "Kết quả"));
	draw_filled(d, &pt, compare_results_table(cmp->e, cmp->n, &pt.t));
	ptable_init(&pt, L("Targets: what each plan reaches", "Chỉ tiêu: mức đạt của từng phương án"));
	draw_filled(d, &pt, compare_targets_table(cmp->e, cmp->n, &pt.t));
	ptable_init(&pt, L("Money spent by source, all years (million VND)",
			   "Vốn sử dụng theo nguồn, cả kỳ (triệu đồng)"));
	draw_filled(d, &pt, compare_money_table(cmp->e, cmp->n, &pt.t));
	compare_charts(d, cmp);
	new_page(d);
	heading(d, F_HEAD, L("Where the plans differ", "Khác biệt giữa các phương án"), 120,
		CAIRO_PDF_OUTLINE_ROOT);
	for (size_t j = 1; j < cmp->n; j++) {
		int rows = 0;
		ptable_init(&pt, NULL);
		int rc = compare_differences_table(cmp->e, j, &pt.t, &rows);
		char title[160];
		snprintf(title, sizeof(title), L("Plans A and %c: %d communes differ",
						 "Phương án A và %c: %d xã khác nhau"),
			 (int)('A' + j % 26), rows);
		pt.caption = title;
		if (rows || rc)
			draw_filled(d, &pt, rc);
		else {
			ptable_release(&pt);
			paragraph(d, F_SUBHEAD, title, 6);
		}
	}
	compare_provenance(d, cmp);
}

int pdf_write_compare(const char *path, const struct compare_entry *e, size_t n,
		      const char *date, struct diag_list *diags)
{
	struct comparison cmp = {e, n};
	char *title = strfmt(L("Comparison of %zu scenarios", "So sánh %zu kịch bản"), n);
	if (!title) {
		diag_add(diags, path, 0, 0, L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	struct doc_job job = {render_compare, &cmp, title, title, date, 0, JOB_OK};
	int rc = save(path, &job, diags);
	free(title);
	return rc;
}
