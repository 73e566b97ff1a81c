#ifndef NTM_TABLE_H
#define NTM_TABLE_H
/*
 * table: a text table for terminal and A4 monospace output.
 *
 * Columns are laid out by display width (text.h), so Vietnamese names line
 * up. Columns are separated by two spaces; the header is followed by a rule
 * of '-' as wide as the table; table_add_rule() puts a rule before the next
 * row (for totals). No line ends in spaces.
 *
 * Ownership: the table copies every string it is given.
 * table_init() allocates nothing; table_release() frees everything.
 */
#include <stddef.h>
#include <stdio.h>

#include "text.h"

struct table_column {
	char *header;
	enum text_align align;
};

struct table_row {
	char **cells;   /* ncols strings, or NULL for a rule */
};

struct table {
	struct table_column *columns;
	size_t ncols, cols_alloc;
	struct table_row *rows;
	size_t nrows, rows_alloc;
};

void table_init(struct table *t);
void table_release(struct table *t);

/* Adds a column. All columns must be added before the first row.
 * Returns 0, or -1 when out of memory. */
int table_add_column(struct table *t, const char *header, enum text_align align);

/* A column as a table's caller writes it: its header and alignment. */
struct table_heading {
	const char *title;
	enum text_align align;
};

/* Adds the n columns of `h` in order, as table_add_column() would one by
 * one; write a table's columns as one array of headings. Returns 0, or
 * -1 when out of memory. */
int table_add_columns(struct table *t, const struct table_heading *h, size_t n);

/* Adds a row of ncols cells (a NULL cell is printed empty).
 * Returns 0, or -1 when out of memory. */
int table_add_row(struct table *t, const char *const *cells);

/* Same, with the cells as arguments; exactly ncols of them. */
int table_add_rowv(struct table *t, ...);

/* Adds a horizontal rule before the next row. Returns 0 or -1. */
int table_add_rule(struct table *t);

/* Prints the table, each line starting with `indent` (may be ""). Returns
 * 0, or -1 on a write error. */
int table_print(const struct table *t, FILE *out, const char *indent);

#endif
