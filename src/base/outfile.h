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
 * CSV, in three forms (enum csv_format, `--csv-format`):
 *   excel-vi  what Excel on a Vietnamese-locale Windows opens by a double
 *             click: UTF-8 with a byte-order mark (without it Excel reads
 *             the file as Windows-1258 and garbles every diacritic), ';'
 *             between fields and ',' as the decimal mark (the locale's list
 *             separator and decimal symbol), CRLF line ends. The default,
 *             because that is how the planners open their files;
 *   excel     the same for an English-locale Excel: BOM, ',' and '.', CRLF;
 *   plain     for programs: no BOM, ',' and '.', LF, English headers
 *             whatever the language (the form of every version before).
 * Headers follow the language (lang.h) in the two Excel forms; values that
 * are ids (sources, commune ids, criterion numbers, kinds, statuses) are
 * written as they are in every form. A field is quoted only when it holds
 * the separator, a quote or a line end, and then by libcsv's writer
 * (csv_fwrite quotes whatever it is given: quoting every field would make
 * the plain form differ from earlier versions, and a script that splits
 * on ',' would read the quotes). csvread reads all three forms back (BOM,
 * ';' dialect, CRLF).
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

enum csv_format {
	CSV_FORMAT_EXCEL_VI = 0, /* the default */
	CSV_FORMAT_EXCEL,
	CSV_FORMAT_PLAIN,
};

/* "excel-vi", "excel" or "plain" into *out; returns 0, or -1 for another
 * name. */
int csv_format_parse(const char *name, enum csv_format *out);

/* One CSV file being written: fields are separated and rows ended in the
 * file's form. Errors are left in the stream (ferror) for the caller. */
struct csv_writer {
	FILE *out;
	enum csv_format format;
	int fields;   /* fields written in the current row */
};

/* A column header: its English and Vietnamese names. */
struct csv_column {
	const char *en;
	const char *vi;
};

/* Starts a file on `out`: writes the byte-order mark of the Excel forms. */
void csv_writer_init(struct csv_writer *w, FILE *out, enum csv_format format);

/* The header row of `n` columns: English names in the plain form, else
 * in the current language. */
void csv_writer_header(struct csv_writer *w, const struct csv_column *cols, size_t n);

/* A text field, quoted (libcsv) when it holds the separator, a quote or a
 * line end. */
void csv_writer_field(struct csv_writer *w, const char *text);

/* A number with up to `decimals` decimals, trailing zeros dropped, never
 * "-0", with the form's decimal mark. */
void csv_writer_number(struct csv_writer *w, double v, int decimals);

/* A whole number. */
void csv_writer_integer(struct csv_writer *w, long v);

/* Ends the row (CRLF in the Excel forms, LF in plain). */
void csv_writer_end_row(struct csv_writer *w);

#endif
