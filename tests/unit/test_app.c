/* Tests of app.c, the pipeline without the terminal: each way a run can
 * fail to be prepared gives its status and the diagnostic that says where
 * (a missing dataset, a bad scenario file, changes that do not fit, an
 * argument and --scenario both, or neither, a re-plan without its
 * progress file, with a bad or missing one); a prepared run equals the
 * dataset loaded and changed by hand; a plan equals solve_plan's on the
 * same data, within the limits a scenario sets (seen through the hooks);
 * --strict, a folder that cannot be made, a sweep's unknown source, and a
 * comparison that fails on its second run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "lang.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define SCENARIOS NTM_TEST_DIR "/scenarios/"
#define BAD_SCENARIOS NTM_TEST_DIR "/scenarios/bad/"
#define INSTANCES NTM_TEST_DIR "/instances/"
#define BAD_PROGRESS NTM_TEST_DIR "/bad-progress/"

struct fixture {
	struct app_run run;
	struct diag_list diags;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	lang_set(LANG_EN);
	app_run_init(&f->run);
	diag_list_init(&f->diags, DIAG_DEFAULT_LIMIT);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	free(f);
	return 0;
}

/* Whether some diagnostic's message contains `text`. */
static int has_message(const struct diag_list *diags, const char *text)
{
	for (size_t i = 0; i < diags->nr; i++)
		if (strstr(diags->items[i].message, text))
			return 1;
	return 0;
}

static void test_prepare_dataset(void **state)
{
	struct fixture *f = *state;
	struct dataset ds;
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_OK);
	assert_int_equal(diag_count(&f->diags), 0);
	assert_null(f->run.file);
	assert_string_equal(f->run.sc.dataset, TINY);
	/* The same dataset as the loader makes of the folder. */
	load_ok(&ds, TINY);
	assert_int_equal(f->run.ds.ncommunes, ds.ncommunes);
	assert_int_equal(f->run.ds.nyears, ds.nyears);
	for (size_t i = 0; i < (size_t)ds.nyears * ds.nsources; i++)
		assert_true(f->run.ds.budget[i] == ds.budget[i]);
	dataset_release(&ds);
	/* The provenance names the seven files with their SHA-256. */
	size_t files = 0;
	for (size_t i = 0; i < f->run.prov.nr; i++)
		files += f->run.prov.items[i].kind == PROVENANCE_FILE;
	assert_int_equal(files, 7);
}

static void test_prepare_changes_in_order(void **state)
{
	struct fixture *f = *state;
	struct dataset ds;
	/* The command line's changes apply after the scenario's: the scenario
	 * doubles central, the option then scales every source by 0.5. */
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_BUDGET_SCALE, "0.5", &f->diags), 0);
	assert_int_equal(app_prepare(&f->run, SCENARIOS "tiny-what-if.ini", &f->diags), APP_OK);
	assert_int_equal(diag_count(&f->diags), 0);
	assert_string_equal(f->run.file, SCENARIOS "tiny-what-if.ini");
	assert_string_equal(f->run.sc.name, "Tiny: what if");
	load_ok(&ds, TINY);
	/* Year 2016 central: 3000 * 0.9 * 2 * 0.5. */
	long central = dataset_find_source(&ds, "central");
	assert_true(central >= 0);
	assert_float_equal(dataset_budget(&f->run.ds, 0, (size_t)central), 3000 * 0.9 * 2 * 0.5, 1e-9);
	dataset_release(&ds);
}

static void test_prepare_missing_dataset(void **state)
{
	struct fixture *f = *state;
	/* No folder at all: one message that names it. */
	assert_int_equal(app_prepare(&f->run, TINY "/no-such-folder", &f->diags),
			 APP_DATASET_NO_FOLDER);
	assert_int_equal(diag_count(&f->diags), 1);
	assert_true(has_message(&f->diags, "no dataset folder '" TINY "/no-such-folder'"));
	assert_string_equal(f->run.sc.dataset, TINY "/no-such-folder");
	assert_int_equal(f->run.ds.ncommunes, 0);
	assert_int_equal(f->run.prov.nr, 0);
	/* A folder without one of its files. */
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	assert_int_equal(app_prepare(&f->run, NTM_TEST_DIR "/bad/64-missing-file-budget", &f->diags),
			 APP_DATASET_MISSING);
	assert_true(has_message(&f->diags, "missing file"));
	assert_int_equal(f->run.prov.nr, 0);
}

static void test_prepare_bad_scenario(void **state)
{
	struct fixture *f = *state;
	const char *path = BAD_SCENARIOS "01-line-without-equals.ini";
	assert_int_equal(app_prepare(&f->run, path, &f->diags), APP_SCENARIO_INVALID);
	assert_int_equal(f->run.errors, 1);
	assert_string_equal(f->run.file, path);
	assert_int_equal(f->diags.nr, 1);
	assert_int_equal(f->diags.items[0].line, 5);
	assert_true(has_message(&f->diags, "expected 'key = value'"));
	/* Nothing was loaded. */
	assert_int_equal(f->run.ds.ncommunes, 0);
}

static void test_prepare_scenario_missing(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(app_prepare(&f->run, BAD_SCENARIOS "29-extends-missing.ini", &f->diags),
			 APP_SCENARIO_MISSING);
	assert_true(has_message(&f->diags, "cannot read the extended scenario"));
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	/* A name ending in .ini is a scenario even when it does not exist. */
	assert_int_equal(app_prepare(&f->run, SCENARIOS "no-such.ini", &f->diags),
			 APP_SCENARIO_MISSING);
}

static void test_prepare_changes_do_not_fit(void **state)
{
	struct fixture *f = *state;
	const char *path = BAD_SCENARIOS "08-unknown-source.ini";
	assert_int_equal(app_prepare(&f->run, path, &f->diags), APP_CHANGES_INVALID);
	assert_string_equal(f->run.file, path);
	assert_int_equal(f->diags.nr, 1);
	assert_int_equal(f->diags.items[0].line, 6);
	assert_true(has_message(&f->diags, "unknown source 'centrl'"));
}

static void test_prepare_option_does_not_fit(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_REQUIRE, "ZZZ", &f->diags), 0);
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_USAGE);
	assert_true(has_message(&f->diags, "ZZZ"));
}

static void test_prepare_argument_and_scenario(void **state)
{
	struct fixture *f = *state;
	f->run.scenario_file = SCENARIOS "tiny-base.ini";
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_USAGE);
	assert_int_equal(f->diags.nr, 1);
	assert_true(has_message(&f->diags, "not both"));
	assert_null(f->diags.items[0].file);
	/* Neither: the default dataset is the command's to choose. */
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	assert_int_equal(app_prepare(&f->run, NULL, &f->diags), APP_USAGE);
	assert_int_equal(f->diags.nr, 1);
}

/* The hooks' record of the solves. */
struct seen {
	int begun, ended, planned;
	double seconds;
};

static void on_begin(double seconds, void *arg)
{
	struct seen *s = arg;
	s->begun++;
	s->seconds = seconds;
}

static void on_end(void *arg)
{
	((struct seen *)arg)->ended++;
}

static void on_planned(const struct plan *p, double pricing, void *arg)
{
	(void)p;
	(void)pricing;
	((struct seen *)arg)->planned++;
}

/* A re-plan asked for by options: its statuses, and the re-plan's dataset
 * in the run with the original kept beside it. */
static void test_prepare_replan(void **state)
{
	struct fixture *f = *state;
	const char *bad = BAD_PROGRESS "23-several-errors/progress.csv";
	/* --from alone. */
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_FROM, "2017", &f->diags), 0);
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_USAGE);
	assert_true(has_message(&f->diags, "needs both --from YEAR and --progress FILE"));
	/* A progress file with errors: each with its line, counted. */
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_FROM, "2017", &f->diags), 0);
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_PROGRESS, bad, &f->diags), 0);
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_PROGRESS_INVALID);
	assert_true(f->run.errors >= 2);
	assert_int_equal(f->run.errors, diag_count(&f->diags));
	assert_string_equal(f->run.replan.file, bad);
	assert_true(f->diags.items[0].line > 0);
	/* A missing one. */
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_FROM, "2017", &f->diags), 0);
	assert_int_equal(scenario_add_option(&f->run.sc, SCENARIO_OPT_PROGRESS, BAD_PROGRESS "no-such.csv",
					     &f->diags), 0);
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_INPUT_MISSING);
	/* --against without a re-plan. */
	app_run_release(&f->run);
	diag_list_release(&f->diags);
	f->run.replan.against = TINY;
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_USAGE);
	assert_true(has_message(&f->diags, "--against goes with --from and --progress"));
}

static void test_plan_equals_solve(void **state)
{
	struct fixture *f = *state;
	struct app_plan_options o;
	struct plan rules[RULE_COUNT], direct;
	struct seen seen = {0};
	struct app_hooks hooks = {on_begin, on_end, on_planned, NULL, &seen};
	struct solve_options so;

	for (int r = 0; r < RULE_COUNT; r++)
		plan_init(&rules[r]);
	app_plan_options_init(&o);
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_OK);
	assert_int_equal(app_plan(&f->run, &o, &hooks, rules, &f->diags), APP_OK);
	assert_int_equal(diag_count(&f->diags), 0);
	/* The plan, then its prices (solve_prices), each bracketed. */
	assert_int_equal(seen.begun, 2);
	assert_int_equal(seen.ended, 2);
	assert_int_equal(seen.planned, 1);
	int priced = 0;
	for (size_t t = 0; t < f->run.ds.ntargets; t++)
		priced += f->run.plan.prices[t].priced;
	assert_true(priced > 0); /* tiny's targets are met exactly */
	assert_float_equal(seen.seconds, APP_DEFAULT_TIME_LIMIT, 0);
	/* The same objectives as the solver gives on the dataset loaded
	 * by hand. */
	solve_options_init(&so);
	so.time_limit = APP_DEFAULT_TIME_LIMIT;
	plan_init(&direct);
	assert_int_equal(solve_plan(&f->run.ds, &so, &direct, &f->diags), 0);
	for (int k = 0; k < OBJ_COUNT; k++)
		assert_float_equal(f->run.plan.objective[k], direct.objective[k], 1e-9);
	/* Every rule of thumb planned. */
	for (int r = 0; r < RULE_COUNT; r++) {
		assert_ptr_equal(rules[r].ds, &f->run.ds);
		plan_release(&rules[r]);
	}
	plan_release(&direct);
}

/* Prepares the run on `arg` (which must succeed) and plans it with `o`;
 * returns app_plan's status. */
static enum app_status prepare_and_plan(struct fixture *f, const char *arg,
					const struct app_plan_options *o,
					const struct app_hooks *hooks)
{
	struct plan rules[RULE_COUNT];
	for (int r = 0; r < RULE_COUNT; r++)
		plan_init(&rules[r]);
	assert_int_equal(app_prepare(&f->run, arg, &f->diags), APP_OK);
	enum app_status st = app_plan(&f->run, o, hooks, rules, &f->diags);
	for (int r = 0; r < RULE_COUNT; r++)
		plan_release(&rules[r]);
	return st;
}

static void test_plan_scenario_limit(void **state)
{
	struct fixture *f = *state;
	struct app_plan_options o;
	struct seen seen = {0};
	struct app_hooks hooks = {on_begin, on_end, NULL, NULL, &seen};

	app_plan_options_init(&o);
	/* tiny-what-if.ini sets time_limit = 20. */
	assert_int_equal(prepare_and_plan(f, SCENARIOS "tiny-what-if.ini", &o, &hooks), APP_OK);
	assert_float_equal(seen.seconds, 20, 0);
}

static void test_plan_strict(void **state)
{
	struct fixture *f = *state;
	struct app_plan_options o;

	app_plan_options_init(&o);
	o.strict = 1;
	assert_int_equal(prepare_and_plan(f, INSTANCES "infeasible-targets", &o, NULL),
			 APP_TARGETS_UNMET);
	assert_true(f->run.plan.objective[OBJ_SHORTFALL] > 0);
	assert_int_equal(diag_count(&f->diags), 0);
}

static void test_plan_out_is_a_file(void **state)
{
	struct fixture *f = *state;
	struct app_plan_options o;

	app_plan_options_init(&o);
	o.out_dir = TINY "/budget.csv";
	assert_int_equal(prepare_and_plan(f, TINY, &o, NULL), APP_WRITE_FAILED);
	assert_int_equal(f->diags.nr, 1);
	assert_string_equal(f->diags.items[0].file, TINY "/budget.csv");
	assert_true(has_message(&f->diags, "cannot create the folder"));
}

static void test_sweep_unknown_source(void **state)
{
	struct fixture *f = *state;
	struct app_sweep_options o;
	struct sweep sw;

	sweep_init(&sw);
	app_sweep_options_init(&o);
	o.source = "nope";
	assert_int_equal(app_prepare(&f->run, TINY, &f->diags), APP_OK);
	assert_int_equal(app_sweep(&f->run, &o, NULL, &sw, &f->diags), APP_USAGE);
	assert_true(has_message(&f->diags, "invalid --source 'nope': the dataset has no such source"));
	/* The message lists the sources there are. */
	assert_true(has_message(&f->diags, "people"));
	assert_int_equal(sw.npoints, 0);
	/* A known source: every point solved, the others' budget unchanged. */
	diag_list_release(&f->diags);
	o.source = "people";
	o.sweep.points = 3;
	assert_int_equal(app_sweep(&f->run, &o, NULL, &sw, &f->diags), APP_OK);
	assert_int_equal(sw.npoints, 3);
	assert_int_equal(sw.source, dataset_find_source(&f->run.ds, "people"));
	sweep_release(&sw);
}

static void test_compare_second_fails(void **state)
{
	struct fixture *f = *state;
	struct app_compare cmp;
	struct scenario limits;
	char *args[] = {TINY, TINY "/no-such-folder"};

	scenario_init(&limits);
	app_compare_init(&cmp);
	struct app_compare_options o = {.limits = &limits};
	assert_int_equal(app_compare(&cmp, args, 2, &o, NULL, &f->diags), APP_DATASET_NO_FOLDER);
	assert_int_equal(cmp.failed, 1);
	assert_string_equal(cmp.runs[1].sc.dataset, TINY "/no-such-folder");
	app_compare_release(&cmp);
	scenario_release(&limits);
}

static void test_compare_labels_and_limits(void **state)
{
	struct fixture *f = *state;
	struct app_compare cmp;
	struct scenario limits;
	struct seen seen = {0};
	struct app_hooks hooks = {on_begin, on_end, NULL, NULL, &seen};
	char *args[] = {TINY, SCENARIOS "tiny-what-if.ini"};

	scenario_init(&limits);
	app_compare_init(&cmp);
	/* The command line's limit wins over the scenario's 20 s. */
	assert_int_equal(scenario_add_option(&limits, SCENARIO_OPT_TIME_LIMIT, "7", &f->diags), 0);
	struct app_compare_options o = {.limits = &limits};
	assert_int_equal(app_compare(&cmp, args, 2, &o, &hooks, &f->diags), APP_OK);
	assert_int_equal(seen.begun, 2);
	assert_float_equal(seen.seconds, 7, 0);
	assert_string_equal(cmp.entries[0].label, TINY);
	assert_string_equal(cmp.entries[1].label, "Tiny: what if (" SCENARIOS "tiny-what-if.ini)");
	assert_ptr_equal(cmp.entries[1].plan, &cmp.runs[1].plan);
	assert_ptr_equal(cmp.entries[1].plan->ds, &cmp.runs[1].ds);
	app_compare_release(&cmp);
	scenario_release(&limits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prepare_dataset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_changes_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_missing_dataset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_bad_scenario, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_scenario_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_changes_do_not_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_option_does_not_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_argument_and_scenario, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_replan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_equals_solve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_scenario_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_strict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_out_is_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep_unknown_source, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_second_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_labels_and_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
