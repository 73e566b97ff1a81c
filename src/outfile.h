#ifndef NTM_OUTFILE_H
#define NTM_OUTFILE_H
/*
 * outfile: output files written whole or not at all, and the CSV
 * conventions every output shares.
 *
 * outfile_write() writes through a temporary file in the same folder
 * (mkstemp), checks every write, flushes and syncs it, gives it the mode
 * the umask allows (mkstemp's 0600 would hide a plan from colleagues), and
 * renames it over the target. On any failure the temporary file is
 * removed and the old target, if any, is left as it was: an interrupted or
 * failed run never leaves a half-written file.
 *
 * CSV for machines: plain ',' separated, '.' as the decimal mark whatever
 * the language, fields quoted only when they must be.
 */
#include <stdio.h>

#include "diag.h"

/* Writes the file's contents to `out`; returns 0, or -1 when it could not. */
typedef int (*outfile_writer)(FILE *out, const void *ctx);

/* Writes `path` whole with `write`. Returns 0, or -1 with a diagnostic
 * naming the file. */
int outfile_write(const char *path, outfile_writer write, const void *ctx,
		  struct diag_list *diags);

/* A CSV field, quoted when it holds a separator, a quote or a newline. */
void outfile_put_field(FILE *out, const char *text);

/* A number with up to `decimals` decimals, trailing zeros dropped, never
 * "-0". */
void outfile_put_number(FILE *out, double v, int decimals);

#endif
