#ifndef NTM_DATADIR_H
#define NTM_DATADIR_H
/*
 * datadir: which dataset a command works on when none is given.
 *
 * In order, the first folder that exists:
 *   1. data/dienbien in the current folder (the repository, as the README
 *      runs it; every documented output is made so);
 *   2. the installed example beside the program: BINDIR/../share/ntmplan/
 *      dienbien, the relative path from the install's bin to its data
 *      folder being fixed at configure time (GNUInstallDirs), so a
 *      `cmake --install --prefix ~/x` or a moved install still finds it;
 *   3. the data folder compiled in (CMAKE_INSTALL_FULL_DATADIR/ntmplan/
 *      dienbien), for a program started through a link from elsewhere.
 * A dataset or scenario on the command line always wins: this is asked
 * only when there is none.
 *
 * datadir_beside() and datadir_choose() are pure (the tests drive them);
 * datadir_default() looks at the file system and /proc/self/exe.
 */
#include <stddef.h>
#include <stdio.h>

#define DATADIR_EXAMPLE "dienbien"
#define DATADIR_LOCAL "data/" DATADIR_EXAMPLE

/* "DIR_OF_EXE/REL/NAME" for the program at `exe` (an absolute path
 * without links, as /proc/self/exe gives it), each leading "../" of REL
 * taken off DIR_OF_EXE ("/opt/n/bin/ntmplan", "../share/ntmplan" ->
 * "/opt/n/share/ntmplan/NAME"), in a fresh string (free() it); NULL when
 * `exe` has no folder part or memory runs out. */
char *datadir_beside(const char *exe, const char *rel, const char *name);

/* The index of the first of `candidates` (NULLs skipped) for which
 * is_dir(candidate, arg) is true, or -1 when none is. */
int datadir_choose(const char *const *candidates, size_t n,
		   int (*is_dir)(const char *path, void *arg), void *arg);

/* The default dataset folder (above), valid until the program ends; NULL
 * when none of the three exists. */
const char *datadir_default(void);

/* The one message for "no dataset given and none found", naming the
 * folders looked in, in the current language. */
void datadir_print_missing(FILE *out, const char *program);

#endif
