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
 * Several files that belong together (a plan's five CSV files) are written
 * as a group: each to its temporary file first, and only when all are
 * written are they renamed, one after another; any failure removes every
 * temporary file, so the folder is left as it was.
 *
 * Interrupts: outfile_catch_signals() (called once by the command) makes
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT remove every temporary file still
 * being written, then end the process by the same signal, as it would
 * have ended anyway. So an interrupted run leaves no partial file either.
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

/* Output files written together, renamed only when all are written. */
struct outfile_group {
	struct outfile_entry {
		char *path;  /* the file to make */
		char *tmp;   /* its temporary file, NULL once renamed or removed */
	} *files;
	size_t n, alloc;
};

void outfile_group_init(struct outfile_group *g);

/* Writes `path`'s temporary file with `write`. Returns 0, or -1 with a
 * diagnostic naming the file (its temporary file is removed). */
int outfile_group_add(struct outfile_group *g, const char *path, outfile_writer write,
		      const void *ctx, struct diag_list *diags);

/* Renames every file into place. Returns 0, or -1 with a diagnostic when a
 * rename fails: those before it are in place, the rest are not. */
int outfile_group_commit(struct outfile_group *g, struct diag_list *diags);

/* Removes the temporary files not renamed and frees the group. */
void outfile_group_release(struct outfile_group *g);

/* A scratch file for a writer that can only write to a named file (GLPK),
 * made beside `path` (".name.XXXXXX" in its folder, as the temporary
 * files above) and removed like them when a signal ends the process.
 * Returns its name, to give to outfile_scratch_remove(), or NULL (errno
 * set) when it cannot be made. */
char *outfile_scratch(const char *path);

/* Removes a scratch file and frees its name (NULL: nothing). */
void outfile_scratch_remove(char *scratch);

/* Installs the signal handler described above; ignores SIGXFSZ so that a
 * file over the size limit (ulimit -f) is a write error (EFBIG). Signals
 * already ignored stay ignored. Returns 0, or -1 (errno set). */
int outfile_catch_signals(void);

/* Removes every temporary file still being written (async-signal-safe:
 * unlink() only), for a handler of another signal that ends the process,
 * such as the command's watchdog. */
void outfile_remove_temporaries(void);

/* A CSV field, quoted when it holds a separator, a quote or a newline. */
void outfile_put_field(FILE *out, const char *text);

/* A number with up to `decimals` decimals, trailing zeros dropped, never
 * "-0". */
void outfile_put_number(FILE *out, double v, int decimals);

#endif
