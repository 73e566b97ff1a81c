/*
 * libFuzzer harness for scenarios (src/scenario.h): scenario files, the
 * command-line changes, and their application to a dataset.
 *
 * Each input is a container (fuzz_common.h) of three sections:
 *   1. sc/main.ini, the scenario file given to scenario_read();
 *   2. sc/base.ini, beside it, for `extends = base.ini` chains (a file may
 *      also extend itself or main.ini: cycles must be refused);
 *   3. command-line changes, one a line: "--budget central=x0.8",
 *      "--time-limit 5"... (the options of main.c that change a scenario);
 *      other lines are ignored.
 * The private folder also holds data/tiny, a link to tests/data/tiny, so
 * `dataset = ../data/tiny` names a real dataset.
 *
 * A run does what `ntmplan check/plan` does: the changes of section 3 are
 * added (scenario_add_option), then main.ini is read (scenario_read; when
 * section 1 is "(missing)", a missing file), or, when section 1 is empty,
 * the tiny folder is used as is (scenario_set_dataset). When all that
 * succeeds, tests/data/tiny is loaded and the scenario applied
 * (scenario_apply), and, when the scenario names data/tiny, its provenance
 * made (scenario_provenance). Everything is released after each input.
 *
 * Promises checked (an abort is a finding): a refusal always says why; the
 * overrides come from files first, then the command line; the time and
 * node limits are the last ones set; a dataset the scenario applied to
 * without error is as valid as a loaded one (fuzz_check_dataset).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "diag.h"
#include "fuzz_common.h"
#include "lang.h"
#include "loader.h"
#include "provenance.h"
#include "scenario.h"

#define CHECK FUZZ_CHECK

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char main_ini[4200], base_ini[4200], tiny_link[4200];
static char tiny_real[PATH_MAX];

static void setup(void)
{
	const char *folder = fuzz_tmpdir("fuzz-scenario");
	char dir[4200];

	snprintf(dir, sizeof(dir), "%s/sc", folder);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/data", folder);
	mkdir(dir, 0700);
	snprintf(main_ini, sizeof(main_ini), "%s/sc/main.ini", folder);
	snprintf(base_ini, sizeof(base_ini), "%s/sc/base.ini", folder);
	snprintf(tiny_link, sizeof(tiny_link), "%s/data/tiny", folder);
	if (!realpath(NTM_TINY_DIR, tiny_real) ||
	    symlink(tiny_real, tiny_link)) {
		perror("fuzz_scenario: " NTM_TINY_DIR);
		abort();
	}
}

/* The options of main.c that change a scenario, as typed. */
static const struct {
	const char *name;
	enum scenario_option opt;
} options[] = {
	{"--budget-scale", SCENARIO_OPT_BUDGET_SCALE},
	{"--budget", SCENARIO_OPT_BUDGET},
	{"--unit-cost", SCENARIO_OPT_UNIT_COST},
	{"--cost-factor", SCENARIO_OPT_COST_FACTOR},
	{"--lead-years", SCENARIO_OPT_LEAD_YEARS},
	{"--target", SCENARIO_OPT_TARGET},
	{"--require", SCENARIO_OPT_REQUIRE},
	{"--exclude", SCENARIO_OPT_EXCLUDE},
	{"--horizon", SCENARIO_OPT_HORIZON},
	{"--time-limit", SCENARIO_OPT_TIME_LIMIT},
	{"--node-limit", SCENARIO_OPT_NODE_LIMIT},
};

/* Adds the changes of section 3, as main.c does while reading options. */
static void add_options(struct scenario *sc, const struct fuzz_section *s,
			struct diag_list *diags)
{
	const char *p, *end;

	if (!s->present)
		return;
	p = (const char *)s->data;
	end = p + s->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char *line = strndup(p, len);

		p = nl ? nl + 1 : end;
		if (!line)
			abort();
		for (size_t o = 0; o < sizeof(options) / sizeof(options[0]); o++) {
			size_t n = strlen(options[o].name);
			size_t before = diag_count(diags);

			if (strncmp(line, options[o].name, n) || line[n] != ' ')
				continue;
			if (scenario_add_option(sc, options[o].opt, line + n + 1,
						diags))
				CHECK(diag_count(diags) > before,
				      "a change refused without a message");
			break;
		}
		free(line);
	}
}

static void check_scenario(const struct scenario *sc)
{
	double time_limit = -1;
	long node_limit = -1;

	CHECK(sc->nfile_overrides <= sc->noverrides, "more file overrides than overrides");
	for (size_t i = 0; i < sc->noverrides; i++) {
		const struct override *o = &sc->overrides[i];

		CHECK(o->text != NULL, "an override without its text");
		CHECK((i < sc->nfile_overrides) == (o->file != NULL),
		      "file overrides are not first");
		if (o->kind == OVERRIDE_TIME_LIMIT)
			time_limit = o->value;
		if (o->kind == OVERRIDE_NODE_LIMIT)
			node_limit = (long)o->value;
	}
	CHECK(scenario_time_limit(sc, -1) == time_limit, "wrong time limit");
	CHECK(scenario_node_limit(sc, -1) == node_limit, "wrong node limit");
}

static void run(const struct fuzz_section *sec)
{
	struct scenario sc;
	struct diag_list diags;
	struct dataset ds;
	int ok = 1;

	scenario_init(&sc);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	dataset_init(&ds);

	add_options(&sc, &sec[2], &diags);
	ok = diag_count(&diags) == 0;
	if (sec[0].present && !sec[0].len) {
		if (scenario_set_dataset(&sc, tiny_link))
			abort();
	} else {
		enum scenario_status st = scenario_read(&sc, main_ini, &diags);

		CHECK(st == SCENARIO_OK || diag_count(&diags) > 0 ||
		      st == SCENARIO_NOMEM, "a scenario refused without a message");
		if (!sec[0].present)
			CHECK(st == SCENARIO_MISSING, "a missing scenario is not missing");
		ok &= st == SCENARIO_OK;
	}
	check_scenario(&sc);
	if (ok) {
		size_t before;
		enum scenario_status st;
		char real[PATH_MAX];

		CHECK(sc.dataset != NULL, "a scenario read without its dataset");
		if (dataset_load(&ds, NTM_TINY_DIR, &diags) != LOAD_OK)
			abort(); /* the test dataset itself */
		before = diag_count(&diags);
		st = scenario_apply(&sc, &ds, &diags);
		CHECK(st == SCENARIO_OK || st == SCENARIO_INVALID ||
		      st == SCENARIO_BAD_OPTION || st == SCENARIO_NOMEM,
		      "unknown status");
		CHECK((st == SCENARIO_OK) == (diag_count(&diags) == before) ||
		      st == SCENARIO_NOMEM,
		      "scenario_apply's status does not match its messages");
		if (st == SCENARIO_OK) {
			fuzz_check_dataset(&ds);
			if (realpath(sc.dataset, real) && !strcmp(real, tiny_real)) {
				struct provenance prov;

				provenance_init(&prov);
				CHECK(!scenario_provenance(&sc, &ds, &prov, &diags),
				      "no provenance of the test dataset");
				provenance_release(&prov);
			}
		}
	}
	for (size_t i = 0; i < diags.nr; i++)
		diag_print(fuzz_sink(), &diags.items[i]);
	dataset_release(&ds);
	diag_list_release(&diags);
	scenario_release(&sc);
	scenario_release(&sc); /* re-initialised: released twice is fine */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_section sec[3];

	if (!main_ini[0])
		setup();
	fuzz_split(data, size, sec, 3);
	fuzz_put_file(main_ini, &sec[0]);
	fuzz_put_file(base_ini, &sec[1]);
	lang_set(size && (data[size - 1] & 1) ? LANG_VI : LANG_EN);
	run(sec);
	return 0;
}
