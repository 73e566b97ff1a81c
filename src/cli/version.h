#ifndef NTM_VERSION_INFO_H
#define NTM_VERSION_INFO_H
/*
 * version: what `ntmplan --version` prints: the program's version, the
 * GLPK it runs on (glp_version(), the shared library loaded, which may be
 * newer than the headers it was built with, also shown) and the git commit
 * it was built from. The commit is read at build time (cmake/commit.cmake
 * writes ntm_commit.h on every build, touching it only when it changes);
 * "unknown" when the source is not a git checkout (a tarball), and
 * "-modified" after it when the tree had uncommitted changes.
 */
#include <stdio.h>

/* Prints the lines of --version; returns what fprintf's last call did
 * (negative on a write error). */
int version_print(FILE *out);

#endif
