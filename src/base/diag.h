#ifndef NTM_DIAG_H
#define NTM_DIAG_H
/*
 * diag: diagnostics collected while reading or checking input.
 *
 * Core code never prints and never exits: it appends a diagnostic to a
 * caller-owned `struct diag_list` and returns an error status. The command
 * layer decides what to print. A diagnostic names where the problem is, as
 * compilers do: "gaps.csv:214:4: message". Line and column are 1-based; 0
 * means "not applicable" and is left out of the rendering.
 *
 * Ownership: the list owns copies of every string it holds. `limit` caps the
 * number kept (so a file with a thousand bad rows reports the first ones and
 * a count of the rest, not a wall of text); `dropped` counts those not kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct diag {
	char *file;     /* file name as the user should see it, or NULL */
	long line;      /* 1-based, 0 when the message is about the whole file */
	long column;    /* 1-based field number, 0 when about the whole line */
	char *message;  /* already translated, no trailing newline */
};

struct diag_list {
	struct diag *items;
	size_t nr, alloc;
	size_t limit;   /* most diagnostics kept; 0 means no limit */
	size_t dropped; /* diagnostics refused because the list was full */
};

#define DIAG_DEFAULT_LIMIT 50

void diag_list_init(struct diag_list *list, size_t limit);
void diag_list_release(struct diag_list *list);

/* Appends one diagnostic (printf-style message). Never fails: if memory runs
 * out the diagnostic is counted in `dropped` instead. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void diag_add(struct diag_list *list, const char *file, long line,
	      long column, const char *fmt, ...);
void diag_addv(struct diag_list *list, const char *file, long line,
	       long column, const char *fmt, va_list ap);

/* Total diagnostics reported so far, kept or dropped. */
size_t diag_count(const struct diag_list *list);

/* True when the list is full, so a reader may stop early. */
int diag_full(const struct diag_list *list);

/* Writes "file:line:col: message" for one diagnostic into `out`. */
int diag_print(FILE *out, const struct diag *d);

#endif
