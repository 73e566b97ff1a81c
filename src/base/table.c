#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
}

static void table_free_cells(char **cells, size_t ncols)
{
	if (!cells)
		return;
	for (size_t i = 0; i < ncols; i++)
		free(cells[i]);
	free(cells);
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		table_free_cells(t->rows[i].cells, t->ncols);
	free(t->rows);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->columns[i].header);
	free(t->columns);
	table_init(t);
}

int table_add_column(struct table *t, const char *header, enum text_align align)
{
	/* Rows already added have no cell for a new column. */
	if (t->nrows > 0)
		return -1;
	if (grow_array((void **)&t->columns, &t->cols_alloc, t->ncols + 1,
		       sizeof(*t->columns)) < 0)
		return -1;
	char *copy = strdup(header ? header : "");
	if (!copy)
		return -1;
	t->columns[t->ncols].header = copy;
	t->columns[t->ncols].align = align;
	t->ncols++;
	return 0;
}

int table_add_columns(struct table *t, const struct table_heading *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (table_add_column(t, h[i].title, h[i].align))
			return -1;
	return 0;
}

/* Appends a row that takes ownership of `cells` (NULL for a rule); frees
 * them if the row cannot be added. */
static int table_append(struct table *t, char **cells)
{
	if (grow_array((void **)&t->rows, &t->rows_alloc, t->nrows + 1,
		       sizeof(*t->rows)) < 0) {
		table_free_cells(cells, t->ncols);
		return -1;
	}
	t->rows[t->nrows++].cells = cells;
	return 0;
}

/* A cell array for one row; at least one slot so that a table without
 * columns still tells a row (non-NULL) from a rule (NULL). */
static char **table_new_cells(const struct table *t)
{
	return calloc(t->ncols ? t->ncols : 1, sizeof(char *));
}

/* Copies s into *cell; a NULL cell stays NULL and prints empty. */
static int table_copy_cell(char **cell, const char *s)
{
	if (!s)
		return 0;
	*cell = strdup(s);
	return *cell ? 0 : -1;
}

int table_add_row(struct table *t, const char *const *cells)
{
	char **copy = table_new_cells(t);
	if (!copy)
		return -1;
	for (size_t i = 0; i < t->ncols; i++) {
		if (table_copy_cell(&copy[i], cells[i]) < 0) {
			table_free_cells(copy, t->ncols);
			return -1;
		}
	}
	return table_append(t, copy);
}

/* The caller must pass exactly t->ncols arguments, each a const char *
 * (or NULL): a variadic function cannot count its arguments, so fewer
 * reads garbage and more are ignored. */
int table_add_rowv(struct table *t, ...)
{
	char **copy = table_new_cells(t);
	if (!copy)
		return -1;
	va_list ap;
	va_start(ap, t);
	int rc = 0;
	for (size_t i = 0; i < t->ncols && rc == 0; i++)
		rc = table_copy_cell(&copy[i], va_arg(ap, const char *));
	va_end(ap);
	if (rc < 0) {
		table_free_cells(copy, t->ncols);
		return -1;
	}
	return table_append(t, copy);
}

int table_add_rule(struct table *t)
{
	return table_append(t, NULL);
}

/*
 * Printing. The indent, padding and column gaps are not written at once but
 * kept pending, and written only when visible text follows; whatever is
 * still pending at the end of a line is dropped. That is what keeps every
 * line free of trailing spaces, also when the last cells are empty or end
 * in spaces themselves.
 */
struct table_out {
	FILE *out;
	const char *indent;     /* still to write on this line, or NULL */
	size_t spaces;          /* still to write before the next text */
};

static int table_write(struct table_out *o, const char *s, size_t len)
{
	if (o->indent && fputs(o->indent, o->out) == EOF)
		return -1;
	o->indent = NULL;
	for (; o->spaces > 0; o->spaces--)
		if (putc(' ', o->out) == EOF)
			return -1;
	return fwrite(s, 1, len, o->out) == len ? 0 : -1;
}

static int table_cell(struct table_out *o, const char *s, size_t width,
		      enum text_align align)
{
	size_t len = strlen(s), body = len;
	while (body > 0 && s[body - 1] == ' ')
		body--;
	size_t w = text_width(s);
	size_t pad = w < width ? width - w : 0;
	if (align == TEXT_RIGHT)
		o->spaces += pad;
	if (body > 0 && table_write(o, s, body) < 0)
		return -1;
	/* The cell's own trailing spaces are one column each. */
	o->spaces += len - body;
	if (align == TEXT_LEFT)
		o->spaces += pad;
	return 0;
}

static int table_rule(FILE *out, const char *indent, size_t width)
{
	if (fputs(indent, out) == EOF)
		return -1;
	for (size_t i = 0; i < width; i++)
		if (putc('-', out) == EOF)
			return -1;
	return putc('\n', out) == EOF ? -1 : 0;
}

/* Prints one line: the headers when cells is NULL, else a row's cells. */
static int table_line(const struct table *t, FILE *out, const char *indent,
		      const size_t *widths, char *const *cells)
{
	struct table_out o = { out, indent, 0 };
	for (size_t i = 0; i < t->ncols; i++) {
		const char *s = cells ? cells[i] : t->columns[i].header;
		if (i > 0)
			o.spaces += 2;
		if (table_cell(&o, s ? s : "", widths[i], t->columns[i].align) < 0)
			return -1;
	}
	/* A line with no text at all still carries the indent, but not the
	 * spaces it ends with. */
	if (o.indent) {
		size_t len = strlen(o.indent);
		while (len > 0 && o.indent[len - 1] == ' ')
			len--;
		if (fwrite(o.indent, 1, len, out) != len)
			return -1;
	}
	return putc('\n', out) == EOF ? -1 : 0;
}

int table_print(const struct table *t, FILE *out, const char *indent)
{
	if (t->ncols == 0)
		return 0;
	size_t *widths = calloc(t->ncols, sizeof(*widths));
	if (!widths)
		return -1;
	size_t total = 2 * (t->ncols - 1);
	for (size_t i = 0; i < t->ncols; i++) {
		widths[i] = text_width(t->columns[i].header);
		for (size_t r = 0; r < t->nrows; r++) {
			char **cells = t->rows[r].cells;
			if (cells && cells[i]) {
				size_t w = text_width(cells[i]);
				if (w > widths[i])
					widths[i] = w;
			}
		}
		total += widths[i];
	}

	int rc = table_line(t, out, indent, widths, NULL);
	if (rc == 0)
		rc = table_rule(out, indent, total);
	for (size_t r = 0; r < t->nrows && rc == 0; r++) {
		if (t->rows[r].cells)
			rc = table_line(t, out, indent, widths, t->rows[r].cells);
		else
			rc = table_rule(out, indent, total);
	}
	/* Flush so that a full disk is reported by this call, not lost in a
	 * buffer. */
	if (rc == 0 && fflush(out) == EOF)
		rc = -1;
	free(widths);
	return rc;
}
