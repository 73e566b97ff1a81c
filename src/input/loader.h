#ifndef NTM_LOADER_H
#define NTM_LOADER_H
/*
 * loader: reads a dataset folder (docs/data-format.md) into a dataset and
 * checks it.
 *
 * Every problem found is added to the caller's diag_list with the file,
 * line and column where it is (column = 1-based field number). Loading goes
 * on after an error, file after file, so that one run reports all of them
 * (up to the list's limit); a dataset with any error is never returned as
 * usable. Extra columns are ignored, so planners may keep notes beside the
 * data; column order is free.
 */
#include "dataset.h"
#include "diag.h"

enum load_status {
	LOAD_OK = 0,
	LOAD_MISSING = 1, /* a required file is missing or unreadable */
	LOAD_INVALID = 2, /* the data has errors (see diags) */
	LOAD_NOMEM = 3,
	LOAD_NO_FOLDER = 4, /* `dir` is not a folder (one message says so) */
};

/* The seven files of a dataset, in the order they are read. */
extern const char *const dataset_files[7];

/*
 * Loads the dataset in folder `dir` into `ds` (initialised by the caller;
 * release it whatever the result). Messages name files as "DIR/FILE".
 * Returns LOAD_OK only when every file was read and every check passed.
 */
enum load_status dataset_load(struct dataset *ds, const char *dir,
			      struct diag_list *diags);

#endif
