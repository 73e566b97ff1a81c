#ifndef NTM_FUZZ_COMMON_H
#define NTM_FUZZ_COMMON_H
/*
 * What the fuzz harnesses share: their checks, a private temporary folder,
 * the container form of a multi-file input, and the promises of a valid
 * dataset (dataset.h).
 *
 * Container form: an input is split into sections at each occurrence of
 * the four bytes "%%%\n" (FUZZ_SEPARATOR); a section's bytes are exactly
 * those between two separators. A section that is exactly "(missing)"
 * stands for an absent file, and so does every section after the last.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dataset.h"

#define FUZZ_SEPARATOR "%%%\n"
#define FUZZ_MISSING "(missing)"

/* A broken promise is a finding: say which and abort (libFuzzer keeps the
 * input as a crash). */
#define FUZZ_CHECK(cond, what)                                             \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_broken(what, __FILE__, __LINE__);             \
	} while (0)

void fuzz_broken(const char *what, const char *file, int line);

/* Where the harnesses print the diagnostics of each input: nowhere, or
 * stderr when NTM_FUZZ_VERBOSE is set (to see what an input does:
 * NTM_FUZZ_VERBOSE=1 build-fuzz/tests/fuzz/fuzz_loader FILE). */
FILE *fuzz_sink(void);

/* Makes a private temporary folder (in /dev/shm when it can be written,
 * else $TMPDIR or /tmp) named after `name`, removed with all it holds at
 * exit; returns its path. Aborts when it cannot. */
const char *fuzz_tmpdir(const char *name);

struct fuzz_section {
	const uint8_t *data;
	size_t len;
	int present;   /* 0: the file is absent */
};

/* Splits the input into at most n sections (see above); those not in the
 * input are absent. Returns how many sections the input has. */
size_t fuzz_split(const uint8_t *data, size_t size, struct fuzz_section *out,
		  size_t n);

/* Writes the section into `path`, or removes `path` when the section is
 * absent. Aborts when the file cannot be written. */
void fuzz_put_file(const char *path, const struct fuzz_section *s);

/* Checks every promise dataset.h makes of a valid dataset, and that its
 * sums (gap costs, budget) are finite. */
void fuzz_check_dataset(const struct dataset *ds);

#endif
