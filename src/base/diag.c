#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void diag_list_init(struct diag_list *list, size_t limit)
{
	memset(list, 0, sizeof(*list));
	list->limit = limit;
}

void diag_list_release(struct diag_list *list)
{
	for (size_t i = 0; i < list->nr; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
	}
	free(list->items);
	diag_list_init(list, list->limit);
}

void diag_addv(struct diag_list *list, const char *file, long line,
	       long column, const char *fmt, va_list ap)
{
	if (list->limit && list->nr >= list->limit) {
		list->dropped++;
		return;
	}
	if (list->nr == list->alloc) {
		size_t alloc = list->alloc ? 2 * list->alloc : 16;
		struct diag *items = realloc(list->items, alloc * sizeof(*items));
		if (!items) {
			list->dropped++;
			return;
		}
		list->items = items;
		list->alloc = alloc;
	}
	struct diag *d = &list->items[list->nr];
	d->file = file ? strdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->message = vstrfmt(fmt, ap);
	if ((file && !d->file) || !d->message) {
		free(d->file);
		free(d->message);
		list->dropped++;
		return;
	}
	list->nr++;
}

void diag_add(struct diag_list *list, const char *file, long line,
	      long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(list, file, line, column, fmt, ap);
	va_end(ap);
}

size_t diag_count(const struct diag_list *list)
{
	return list->nr + list->dropped;
}

int diag_full(const struct diag_list *list)
{
	return list->limit && list->nr >= list->limit;
}

int diag_print(FILE *out, const struct diag *d)
{
	if (d->file) {
		if (fputs(d->file, out) == EOF)
			return -1;
		if (d->line > 0 && fprintf(out, ":%ld", d->line) < 0)
			return -1;
		if (d->line > 0 && d->column > 0 &&
		    fprintf(out, ":%ld", d->column) < 0)
			return -1;
		if (fputs(": ", out) == EOF)
			return -1;
	}
	return fprintf(out, "%s\n", d->message) < 0 ? -1 : 0;
}
