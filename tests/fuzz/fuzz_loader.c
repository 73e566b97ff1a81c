/*
 * libFuzzer harness for the loader (src/loader.h): a whole dataset folder.
 *
 * The loader reads a folder, so each input is a small container of the
 * seven files, in the order of dataset_files[] (criteria, unit_costs,
 * communes, sources, budget, gaps, targets). Files are separated by the
 * four bytes "%%%\n" wherever they occur (fuzz_common.h):
 *
 *     criterion,name_vi,...\n1,Quy hoạch,...\n%%%\ncriterion,unit_cost\n...
 *
 * A file's bytes are exactly those between two separators (so a file may
 * lack a final line end). A section that is exactly "(missing)", and every
 * file after the last section, is absent from the folder; sections after
 * the seventh are ignored. tests/fuzz/make-seeds.sh writes the test
 * datasets in this form.
 *
 * The files are written to a private folder (fuzz_common.h: in /dev/shm
 * when it can be written), removed at exit. Each input is loaded
 * with the command's default limit of 50 diagnostics, in English, and, when
 * it has more than one error, again with a limit of 1 in Vietnamese.
 *
 * Besides the sanitizers (no crash, no leak: the dataset and diagnostics
 * are released after each load), the harness checks what loader.h and
 * dataset.h promise and aborts when a promise is broken:
 *  - LOAD_OK exactly when no diagnostic was reported; LOAD_MISSING exactly
 *    when a file is absent; a refused dataset always says why;
 *  - a dataset returned as LOAD_OK is valid: every index in range, flags 0
 *    or 1, amounts finite and not negative, years consecutive and in range,
 *    ids unique, names present, targets' subjects and values in range;
 *  - and usable: every gap's cost, the cost of all gaps and the whole
 *    budget are finite numbers (what the reports and the model add up).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dataset.h"
#include "diag.h"
#include "fuzz_common.h"
#include "lang.h"
#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NFILES 7
#define CHECK FUZZ_CHECK

static size_t load_once(const char *folder, enum lang lang, size_t limit,
			int absent)
{
	struct dataset ds;
	struct diag_list diags;
	enum load_status st;
	size_t count;

	lang_set(lang);
	dataset_init(&ds);
	diag_list_init(&diags, limit);
	st = dataset_load(&ds, folder, &diags);
	count = diag_count(&diags);
	CHECK(st == LOAD_OK || st == LOAD_MISSING || st == LOAD_INVALID ||
	      st == LOAD_NOMEM, "unknown status");
	if (st != LOAD_NOMEM) {
		CHECK((st == LOAD_OK) == (count == 0),
		      "LOAD_OK does not match the absence of diagnostics");
		CHECK((st == LOAD_MISSING) == (absent > 0),
		      "LOAD_MISSING does not match the absent files");
	}
	CHECK(diags.nr <= limit, "more diagnostics kept than the limit");
	for (size_t i = 0; i < diags.nr; i++) {
		CHECK(diags.items[i].message != NULL, "a diagnostic without text");
		diag_print(fuzz_sink(), &diags.items[i]);
	}
	if (st == LOAD_OK)
		fuzz_check_dataset(&ds);
	dataset_release(&ds);
	dataset_release(&ds); /* leaves an initialised, empty dataset */
	diag_list_release(&diags);
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *folder = fuzz_tmpdir("fuzz-loader");
	struct fuzz_section files[NFILES];
	char path[4200];
	int absent = 0;

	fuzz_split(data, size, files, NFILES);
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", folder, dataset_files[i]);
		fuzz_put_file(path, &files[i]);
		absent += !files[i].present;
	}
	if (load_once(folder, LANG_EN, DIAG_DEFAULT_LIMIT, absent) > 1)
		load_once(folder, LANG_VI, 1, absent);
	return 0;
}
