#ifndef NTM_PROVENANCE_H
#define NTM_PROVENANCE_H
/*
 * provenance: what a report was made from, so that a printed proposal can
 * be traced to exactly the inputs that produced it (docs/scenarios.md,
 * "Traceability").
 *
 * A provenance is a list of (kind, name, value) items, in this order:
 *
 *   program   "ntmplan"                 the version
 *   scenario  the scenario file         the scenario's name   (when a file was used)
 *   dataset   the dataset folder        the dataset's name
 *   file      a file read               its SHA-256, 64 lowercase hex digits
 *             (each scenario file, base first, then the seven data files)
 *   override  "FILE:LINE", or ""        the change as written
 *             when it came from the command line
 *
 * The same list is printed as a short block at the top of the `check` and
 * `plan` reports (provenance_print) and written as provenance.csv beside
 * the other CSV files of a plan (planout.h).
 *
 * Ownership: the list owns copies of its strings. provenance_init()
 * allocates nothing; provenance_release() frees and re-initialises.
 */
#include <stddef.h>
#include <stdio.h>

enum provenance_kind {
	PROVENANCE_PROGRAM,
	PROVENANCE_SCENARIO,
	PROVENANCE_DATASET,
	PROVENANCE_FILE,
	PROVENANCE_OVERRIDE,
};

struct provenance_item {
	enum provenance_kind kind;
	char *name;
	char *value;
};

struct provenance {
	struct provenance_item *items;
	size_t nr, alloc;
};

/* Hex digits of a SHA-256 digest, and the buffer size that holds them. */
#define SHA256_HEX_SIZE 65

void provenance_init(struct provenance *prov);
void provenance_release(struct provenance *prov);

/* Appends an item (the strings are copied). Returns 0, or -1 when out of
 * memory. */
int provenance_add(struct provenance *prov, enum provenance_kind kind,
		   const char *name, const char *value);

/* "program", "scenario", "dataset", "file" or "override": the kind as
 * provenance.csv writes it. */
const char *provenance_kind_name(enum provenance_kind kind);

/* SHA-256 of `len` bytes, as 64 lowercase hex digits into hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

/* SHA-256 of a file's bytes. Returns 0, or -1 with errno set when the file
 * cannot be read. */
int sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE]);

/* Writes the block the text reports open with, in the current language:
 * the scenario, the dataset folder, each file with its SHA-256, and every
 * override with where it came from. Returns 0, or -1 on a write or memory
 * error. */
int provenance_print(FILE *out, const struct provenance *prov);

#endif
