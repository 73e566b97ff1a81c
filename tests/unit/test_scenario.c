/* Tests of scenario.c: each kind of override from a scenario file and from
 * the command line, applied to the tiny dataset; the order of precedence
 * (base dataset < extended scenario < scenario file < command line); a
 * chain of `extends`, and cycles; every error, with its file and line (or
 * its option); the provenance of a run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "provenance.h"
#include "scenario.h"

#define TINY NTM_TEST_DIR "/data/tiny"
/* The first lines of most test scenarios: a name and the tiny dataset. */
#define HEAD "[scenario]\nname = test\ndataset = " TINY "\n"

/* tiny's communes and sources, in file order. */
enum { A01, A02, B01 };
enum { CENTRAL, PEOPLE };

struct fixture {
	char dir[64];
	struct scenario sc;
	struct dataset ds;
	struct diag_list diags;
	char path[256]; /* the last file written */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	lang_set(LANG_EN);
	strcpy(fx->dir, "/tmp/ntm-scenario-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	scenario_init(&fx->sc);
	dataset_init(&fx->ds);
	diag_list_init(&fx->diags, 50);
	*state = fx;
	return 0;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char path[512];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	remove_tree(fx->dir);
	scenario_release(&fx->sc);
	dataset_release(&fx->ds);
	diag_list_release(&fx->diags);
	free(fx);
	lang_set(LANG_EN);
	return 0;
}

/* Writes `content` as dir/name; fx->path is its path. */
static const char *write_file(struct fixture *fx, const char *name, const char *content)
{
	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
	FILE *f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, strlen(content), f), strlen(content));
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

static void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->nr; i++)
		diag_print(stderr, &diags->items[i]);
}

/* Reads the scenario file, loads its dataset and applies it; returns the
 * status of the first step that fails. */
static enum scenario_status run_file(struct fixture *fx, const char *path)
{
	enum scenario_status st = scenario_read(&fx->sc, path, &fx->diags);
	if (st != SCENARIO_OK)
		return st;
	assert_int_equal(dataset_load(&fx->ds, fx->sc.dataset, &fx->diags), LOAD_OK);
	return scenario_apply(&fx->sc, &fx->ds, &fx->diags);
}

/* The same for a scenario written as `content`. */
static enum scenario_status run(struct fixture *fx, const char *content)
{
	return run_file(fx, write_file(fx, "s.ini", content));
}

static void run_ok(struct fixture *fx, const char *content)
{
	enum scenario_status st = run(fx, content);
	print_diags(&fx->diags);
	assert_int_equal(st, SCENARIO_OK);
	assert_int_equal(diag_count(&fx->diags), 0);
}

/* Expects exactly one diagnostic, at `line` of the last file written
 * (line 0: about the whole file), whose message contains `text`. */
static void expect_file_error(struct fixture *fx, long line, const char *text)
{
	if (fx->diags.nr != 1 || !fx->diags.items[0].file ||
	    strcmp(fx->diags.items[0].file, fx->path) || fx->diags.items[0].line != line ||
	    !strstr(fx->diags.items[0].message, text)) {
		fprintf(stderr, "expected %s:%ld: ...%s...; got:\n", fx->path, line, text);
		print_diags(&fx->diags);
		fail();
	}
}

/* cmocka 1.1 has no double comparison. */
static void check_near(double got, double want, double eps, const char *expr, int line)
{
	if (fabs(got - want) > eps) {
		fprintf(stderr, "line %d: %s is %.9g, expected %.9g\n", line, expr, got, want);
		fail();
	}
}
#define assert_near(got, want, eps) check_near((got), (want), (eps), #got, __LINE__)

static double budget(const struct dataset *ds, int year, size_t source)
{
	return dataset_budget(ds, year - ds->first_year, source);
}

static long target_index(const struct dataset *ds, enum target_kind kind, size_t subject)
{
	for (size_t t = 0; t < ds->ntargets; t++)
		if (ds->targets[t].kind == kind && ds->targets[t].subject_index == subject)
			return (long)t;
	return -1;
}

/* ---------------------------------------------------------------- */
/* Each kind of override.                                            */

/* tiny's budget: central 3000 / 3500.5, people 500 / 500. */
static void test_budget(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD
	       "[budget]\n"
	       "scale = 0.5            ; every source, every year\n"
	       "central = x2\n"
	       "2017 people = 120.5\n"
	       "2016 = +10%\n");
	assert_near(budget(&fx->ds, 2016, CENTRAL), 3000 * 0.5 * 2 * 1.1, 1e-9);
	assert_near(budget(&fx->ds, 2017, CENTRAL), 3500.5, 1e-9);
	assert_near(budget(&fx->ds, 2016, PEOPLE), 500 * 0.5 * 1.1, 1e-9);
	assert_near(budget(&fx->ds, 2017, PEOPLE), 120.5, 1e-9);
	assert_int_equal(fx->sc.noverrides, 4);
	assert_string_equal(fx->sc.overrides[0].text, "[budget] scale = 0.5");
	assert_int_equal(fx->sc.overrides[0].line, 5);
	assert_string_equal(fx->sc.overrides[2].text, "[budget] 2017 people = 120.5");
}

static void test_budget_set_every_year_and_percent(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[budget]\ncentral = 1000\npeople = -100%\nscale = -20%\nscale = x1.25\n");
	for (int y = 2016; y <= 2017; y++) {
		assert_near(budget(&fx->ds, y, CENTRAL), 1000, 1e-9);
		assert_near(budget(&fx->ds, y, PEOPLE), 0, 1e-9);
	}
}

/* tiny's unit costs: 2 1100, 3 300, 16 50, 17 400, 18 100. */
static void test_unit_costs(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[unit_costs]\n2 3 = +15%\n16,17 = x2\n18 = 45.5\n");
	assert_near(fx->ds.criteria[1].unit_cost, 1100 * 1.15, 1e-9);
	assert_near(fx->ds.criteria[2].unit_cost, 300 * 1.15, 1e-9);
	assert_near(fx->ds.criteria[15].unit_cost, 100, 1e-9);
	assert_near(fx->ds.criteria[16].unit_cost, 800, 1e-9);
	assert_near(fx->ds.criteria[17].unit_cost, 45.5, 1e-9);
	assert_near(fx->ds.criteria[0].unit_cost, 300, 1e-9);
	/* and the cost of a gap follows */
	assert_near(dataset_gap_cost(&fx->ds, A02, 16), 3 * 100 * 1.2, 1e-9);
}

static void test_unit_costs_all(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[unit_costs]\nall = -10%\n");
	assert_near(fx->ds.criteria[1].unit_cost, 990, 1e-9);
	assert_near(fx->ds.criteria[18].unit_cost, 90, 1e-9);
}

/* tiny's cost factors: A01 1, A02 1.2 (Điện Biên), B01 1.5 (Mường Ảng). */
static void test_cost_factors(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[cost_factors]\nĐiện Biên = x2\nA01 = 1.1\nMường Ảng = +10%\n");
	assert_near(fx->ds.communes[A01].cost_factor, 1.1, 1e-9);
	assert_near(fx->ds.communes[A02].cost_factor, 2.4, 1e-9);
	assert_near(fx->ds.communes[B01].cost_factor, 1.65, 1e-9);
}

/* A district typed with combining accents (NFD) is the same district. */
static void test_cost_factor_nfd(void **state)
{
	struct fixture *fx = *state;
	/* "Mường Ảng" decomposed: u+031B, o+031B+0300, A+0309 */
	run_ok(fx, HEAD "[cost_factors]\nMu\xcc\x9bo\xcc\x9b\xcc\x80ng A\xcc\x89ng = x2\n");
	assert_near(fx->ds.communes[B01].cost_factor, 3, 1e-9);
}

static void test_lead_years(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[lead_years]\n10 = 2\n2 3 = 1\n");
	assert_int_equal(fx->ds.criteria[9].lead_years, 2);
	assert_int_equal(fx->ds.criteria[1].lead_years, 1);
	assert_int_equal(fx->ds.criteria[2].lead_years, 1);
	assert_int_equal(fx->ds.criteria[10].lead_years, 1);
}

/* tiny's targets: communes_standard 2, criterion_communes 2 2,
 * min_criteria 5, avg_criteria 12.5, district_standard Điện Biên,
 * exclude_commune B01. */
static void test_targets(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD
	       "[targets]\n"
	       "criterion_communes 2 = 3       ; changed in place\n"
	       "criterion_communes 16 = 1      ; added\n"
	       "avg_criteria = remove\n"
	       "min_criteria = 7\n"
	       "exclude_commune B01 = remove\n"
	       "require = A01, A02\n"
	       "exclude = B01\n"
	       "district_standard Mường Ảng = add\n"
	       "district_standard Điện Biên = remove\n"
	       "communes_standard = 3\n");
	const struct dataset *ds = &fx->ds;
	assert_int_equal(ds->ntargets, 8);
	assert_int_equal(ds->targets[0].kind, TARGET_COMMUNES_STANDARD);
	assert_near(ds->targets[0].value, 3, 0);
	assert_int_equal(ds->targets[1].kind, TARGET_CRITERION_COMMUNES);
	assert_int_equal(ds->targets[1].subject_index, 2);
	assert_near(ds->targets[1].value, 3, 0);
	assert_int_equal(ds->targets[2].kind, TARGET_MIN_CRITERIA);
	assert_near(ds->targets[2].value, 7, 0);
	/* added targets follow, in the order written */
	assert_int_equal(ds->targets[3].kind, TARGET_CRITERION_COMMUNES);
	assert_string_equal(ds->targets[3].subject, "16");
	assert_int_equal(ds->targets[3].subject_index, 16);
	assert_int_equal(ds->targets[4].kind, TARGET_REQUIRE_COMMUNE);
	assert_string_equal(ds->targets[4].subject, "A01");
	assert_int_equal(ds->targets[5].kind, TARGET_REQUIRE_COMMUNE);
	assert_int_equal(ds->targets[5].subject_index, A02);
	assert_int_equal(ds->targets[6].kind, TARGET_EXCLUDE_COMMUNE);
	assert_int_equal(ds->targets[6].subject_index, B01);
	assert_int_equal(ds->targets[7].kind, TARGET_DISTRICT_STANDARD);
	assert_string_equal(ds->targets[7].subject, "Mường Ảng");
	assert_int_equal(ds->targets[7].subject_index, 1);
	assert_int_equal(target_index(ds, TARGET_AVG_CRITERIA, 0), -1);
	assert_true(dataset_commune_excluded(ds, B01));
}

/* Adding a target that is there already changes nothing. */
static void test_target_add_twice(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[targets]\nrequire = A02\nrequire_commune A02 = add\n"
		   "district_standard Điện Biên = add\n");
	assert_int_equal(fx->ds.ntargets, 7);
}

static void test_horizon_and_time_limit(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[plan]\nhorizon = 2016\ntime_limit = 12.5\n");
	assert_int_equal(fx->ds.nyears, 1);
	assert_int_equal(dataset_horizon(&fx->ds), 2016);
	assert_near(scenario_time_limit(&fx->sc, 60), 12.5, 0);
	/* the last one wins; none: the fallback */
	assert_int_equal(scenario_add_option(&fx->sc, SCENARIO_OPT_TIME_LIMIT, "3", &fx->diags), 0);
	assert_near(scenario_time_limit(&fx->sc, 60), 3, 0);
	struct scenario empty;
	scenario_init(&empty);
	assert_near(scenario_time_limit(&empty, 60), 60, 0);
}

/* [plan] money_tolerance and --money-tolerance: percent, 0 allowed (exact),
 * the last one wins, the fallback when none; the dataset is not touched. */
static void test_money_tolerance(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[plan]\nmoney_tolerance = 0.05\n");
	assert_near(scenario_money_tolerance(&fx->sc, 0.01), 0.05, 0);
	assert_int_equal(fx->ds.nyears, 2);
	assert_int_equal(scenario_add_option(&fx->sc, SCENARIO_OPT_MONEY_TOLERANCE, "0", &fx->diags), 0);
	assert_near(scenario_money_tolerance(&fx->sc, 0.01), 0, 0);
	assert_int_equal(scenario_add_option(&fx->sc, SCENARIO_OPT_MONEY_TOLERANCE, "-1", &fx->diags), -1);
	assert_int_equal(scenario_add_option(&fx->sc, SCENARIO_OPT_MONEY_TOLERANCE, "100.5", &fx->diags), -1);
	assert_near(scenario_money_tolerance(&fx->sc, 0.01), 0, 0);
	struct scenario empty;
	scenario_init(&empty);
	assert_near(scenario_money_tolerance(&empty, 0.01), 0.01, 0);
}

/* Comments, blank lines, indentation (which would make inih continue the
 * value before), CRLF line ends and a byte-order mark. */
static void test_layout(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, "\xef\xbb\xbf; a comment\r\n# another\r\n\r\n[scenario]\r\n"
		   "  name = Cắt giảm: 20% ; inline comment\r\n"
		   "  dataset = " TINY "\r\n[budget]\r\n"
		   "    central = x0.5\r\n"
		   "    people = x0.5\r\n");
	assert_string_equal(fx->sc.name, "Cắt giảm: 20%");
	assert_int_equal(fx->sc.noverrides, 2);
	assert_int_equal(fx->sc.overrides[1].line, 9);
	assert_near(budget(&fx->ds, 2016, PEOPLE), 250, 1e-9);
}

/* A file without a name is named after the file. */
static void test_default_name(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(run_file(fx, write_file(fx, "cut-20.ini", "[scenario]\ndataset = " TINY "\n")),
			 SCENARIO_OK);
	assert_string_equal(fx->sc.name, "cut-20");
}

/* ---------------------------------------------------------------- */
/* Command-line options and precedence.                              */

static void add_option(struct fixture *fx, enum scenario_option opt, const char *value)
{
	int rc = scenario_add_option(&fx->sc, opt, value, &fx->diags);
	print_diags(&fx->diags);
	assert_int_equal(rc, 0);
}

/* Every option, applied to the plain dataset. */
static void test_options(void **state)
{
	struct fixture *fx = *state;
	add_option(fx, SCENARIO_OPT_BUDGET_SCALE, "0.5");
	add_option(fx, SCENARIO_OPT_BUDGET, "2017:central=100");
	add_option(fx, SCENARIO_OPT_BUDGET, "people=x3");
	add_option(fx, SCENARIO_OPT_UNIT_COST, "2=+15%");
	add_option(fx, SCENARIO_OPT_COST_FACTOR, "Mường Ảng=x2");
	add_option(fx, SCENARIO_OPT_LEAD_YEARS, "10=2");
	add_option(fx, SCENARIO_OPT_TARGET, "criterion_communes:2=3");
	add_option(fx, SCENARIO_OPT_TARGET, "avg_criteria=remove");
	add_option(fx, SCENARIO_OPT_TARGET, "district_standard:Mường Ảng=add");
	add_option(fx, SCENARIO_OPT_REQUIRE, "A02");
	add_option(fx, SCENARIO_OPT_EXCLUDE, "A01");
	add_option(fx, SCENARIO_OPT_HORIZON, "2017");
	assert_int_equal(scenario_set_dataset(&fx->sc, TINY), 0);
	assert_int_equal(dataset_load(&fx->ds, TINY, &fx->diags), LOAD_OK);
	assert_int_equal(scenario_apply(&fx->sc, &fx->ds, &fx->diags), SCENARIO_OK);
	const struct dataset *ds = &fx->ds;
	assert_near(budget(ds, 2016, CENTRAL), 1500, 1e-9);
	assert_near(budget(ds, 2017, CENTRAL), 100, 1e-9);
	assert_near(budget(ds, 2017, PEOPLE), 750, 1e-9);
	assert_near(ds->criteria[1].unit_cost, 1265, 1e-9);
	assert_near(ds->communes[B01].cost_factor, 3, 1e-9);
	assert_int_equal(ds->criteria[9].lead_years, 2);
	assert_near(ds->targets[target_index(ds, TARGET_CRITERION_COMMUNES, 2)].value, 3, 0);
	assert_int_equal(target_index(ds, TARGET_AVG_CRITERIA, 0), -1);
	assert_true(target_index(ds, TARGET_DISTRICT_STANDARD, 1) >= 0);
	assert_true(target_index(ds, TARGET_REQUIRE_COMMUNE, A02) >= 0);
	assert_true(dataset_commune_excluded(ds, A01));
	assert_int_equal(ds->nyears, 2);
	assert_null(fx->sc.overrides[0].file);
	assert_string_equal(fx->sc.overrides[1].text, "--budget 2017:central=100");
}

/* The command line comes after the file, even when given first; the base
 * dataset comes before both. */
static void test_precedence(void **state)
{
	struct fixture *fx = *state;
	add_option(fx, SCENARIO_OPT_BUDGET, "2016:central=200");
	add_option(fx, SCENARIO_OPT_BUDGET, "2017:people=x2");
	assert_int_equal(run(fx, HEAD "[budget]\n2016 central = 100\n2017 people = 10\n"
				 "2017 central = 1\n"),
			 SCENARIO_OK);
	assert_int_equal(fx->sc.nfile_overrides, 3);
	assert_non_null(fx->sc.overrides[0].file);
	assert_null(fx->sc.overrides[3].file);
	assert_near(budget(&fx->ds, 2016, CENTRAL), 200, 0);  /* option sets over file */
	assert_near(budget(&fx->ds, 2017, PEOPLE), 20, 0);    /* option scales file's value */
	assert_near(budget(&fx->ds, 2017, CENTRAL), 1, 0);    /* file over dataset */
	assert_near(budget(&fx->ds, 2016, PEOPLE), 500, 0);   /* dataset */
}

/* base.ini (dataset) <- middle.ini <- top.ini: the base's overrides
 * first, the name from the top, the dataset relative to the base. */
static void test_extends_chain(void **state)
{
	struct fixture *fx = *state;
	char sub[128], data[128], link[160];
	snprintf(sub, sizeof(sub), "%s/sub", fx->dir);
	assert_int_equal(mkdir(sub, 0777), 0);
	/* the base names the dataset through a relative path */
	snprintf(data, sizeof(data), "%s/data", fx->dir);
	snprintf(link, sizeof(link), "%s", TINY);
	assert_int_equal(symlink(link, data), 0);
	write_file(fx, "sub/base.ini", "[scenario]\nname = base\ndataset = ../data\n"
				       "[budget]\ncentral = 1000\npeople = 1\n");
	write_file(fx, "middle.ini", "[scenario]\nextends = sub/base.ini\n[budget]\ncentral = x2\n");
	const char *top = write_file(fx, "top.ini", "[scenario]\nname = top\nextends = ./middle.ini\n"
						     "[budget]\n2017 central = +50%\n");
	assert_int_equal(run_file(fx, top), SCENARIO_OK);
	assert_string_equal(fx->sc.name, "top");
	assert_non_null(strstr(fx->sc.dataset, "/data"));
	assert_null(strstr(fx->sc.dataset, "sub"));
	assert_int_equal(fx->sc.nfiles, 3);
	assert_non_null(strstr(fx->sc.files[0].path, "sub/base.ini"));
	assert_non_null(strstr(fx->sc.files[1].path, "middle.ini"));
	assert_string_equal(fx->sc.files[2].path, top);
	assert_int_equal(fx->sc.noverrides, 4);
	assert_non_null(strstr(fx->sc.overrides[0].file, "base.ini"));
	assert_non_null(strstr(fx->sc.overrides[3].file, "top.ini"));
	assert_near(budget(&fx->ds, 2016, CENTRAL), 2000, 0);
	assert_near(budget(&fx->ds, 2017, CENTRAL), 3000, 0);
	assert_near(budget(&fx->ds, 2017, PEOPLE), 1, 0);
}

static void test_extends_cycle(void **state)
{
	struct fixture *fx = *state;
	write_file(fx, "b.ini", "[scenario]\n; back to a\nextends = a.ini\n");
	const char *a = write_file(fx, "a.ini", "[scenario]\nextends = b.ini\n[budget]\ncentral = 1\n");
	assert_int_equal(scenario_read(&fx->sc, a, &fx->diags), SCENARIO_INVALID);
	assert_int_equal(fx->diags.nr, 1);
	assert_non_null(strstr(fx->diags.items[0].file, "/b.ini"));
	assert_int_equal(fx->diags.items[0].line, 3);
	assert_non_null(strstr(fx->diags.items[0].message, "in a cycle"));
	assert_non_null(strstr(fx->diags.items[0].message, "a.ini -> "));
}

static void test_extends_itself(void **state)
{
	struct fixture *fx = *state;
	const char *a = write_file(fx, "self.ini", "[scenario]\n\n\nextends = self.ini\n");
	assert_int_equal(scenario_read(&fx->sc, a, &fx->diags), SCENARIO_INVALID);
	expect_file_error(fx, 4, "in a cycle");
}

static void test_missing_files(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	snprintf(path, sizeof(path), "%s/none.ini", fx->dir);
	assert_int_equal(scenario_read(&fx->sc, path, &fx->diags), SCENARIO_MISSING);
	assert_non_null(strstr(fx->diags.items[0].message, "cannot read the scenario"));
	diag_list_release(&fx->diags);
	scenario_release(&fx->sc);
	assert_int_equal(run(fx, "[scenario]\nname = x\nextends = gone.ini\n"), SCENARIO_MISSING);
	expect_file_error(fx, 3, "cannot read the extended scenario");
	diag_list_release(&fx->diags);
	scenario_release(&fx->sc);
	assert_int_equal(run(fx, "[scenario]\ndataset = no-such-folder\n"), SCENARIO_MISSING);
	expect_file_error(fx, 2, "the dataset folder");
}

/* ---------------------------------------------------------------- */
/* Errors in files, each with its line.                              */

struct bad_case {
	const char *content;
	enum scenario_status status;
	long line;
	const char *message;
};

static void test_file_errors(void **state)
{
	struct fixture *fx = *state;
	static const struct bad_case cases[] = {
		/* the syntax, seen by inih */
		{HEAD "[budget]\ncentral x0.8\n", SCENARIO_INVALID, 5, "expected 'key = value'"},
		{HEAD "[budget\n", SCENARIO_INVALID, 4, "a section header must end with ']'"},
		{"x = 1\n" HEAD, SCENARIO_INVALID, 1, "'x' is outside any section"},
		{HEAD "[bugdet]\na = 1\nb = 2\n", SCENARIO_INVALID, 5, "unknown section [bugdet]"},
		{HEAD "[budget]\n2017:central = 5\n", SCENARIO_INVALID, 5,
		 "a key cannot contain ':' (INI reads ':' like '='): write '2017 central = ...'"},
		{HEAD "[targets]\nrequire = " "A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 "
		 "A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 "
		 "A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01 A01\n",
		 SCENARIO_INVALID, 5, "line longer than 197 bytes"},
		{HEAD "; caf\xe9\n", SCENARIO_INVALID, 4, "text that is not UTF-8"},
		/* [scenario] */
		{"[scenario]\nname = a\nname = b\ndataset = " TINY "\n", SCENARIO_INVALID, 3,
		 "'name' is given twice in [scenario] (first on line 2)"},
		{"[scenario]\nnmae = a\ndataset = " TINY "\n", SCENARIO_INVALID, 2, "unknown key 'nmae' in [scenario]"},
		{"[scenario]\nname = a\n", SCENARIO_INVALID, 0, "no 'dataset' or 'extends'"},
		{HEAD "extends = x.ini\n", SCENARIO_INVALID, 4, "cannot both be given"},
		{"[scenario]\ndataset =\n", SCENARIO_INVALID, 2, "empty value for 'dataset'"},
		/* values */
		{HEAD "[budget]\ncentral = 1,5\n", SCENARIO_INVALID, 5, "invalid number '1,5'"},
		{HEAD "[budget]\ncentral = 85%\n", SCENARIO_INVALID, 5, "with its sign"},
		{HEAD "[unit_costs]\n2 = +85\n", SCENARIO_INVALID, 5, "write +15% for a change in percent"},
		{HEAD "[cost_factors]\nA01 = +1\n", SCENARIO_INVALID, 5, "write +15% for a change in percent"},
		{HEAD "[budget]\nscale = +2\n", SCENARIO_INVALID, 5, "write +15% for a change in percent"},
		{HEAD "[budget]\ncentral = +1e3\n", SCENARIO_INVALID, 5, "exponent notation"},
		{HEAD "[budget]\ncentral = +\n", SCENARIO_INVALID, 5, "invalid number"},
		{HEAD "[budget]\ncentral = -101%\n", SCENARIO_INVALID, 5, "cannot go below -100%"},
		{HEAD "[budget]\ncentral = x-1\n", SCENARIO_INVALID, 5, "without a sign"},
		{HEAD "[budget]\ncentral = x\n", SCENARIO_INVALID, 5, "a factor is expected after 'x'"},
		{HEAD "[unit_costs]\n2 = -5\n", SCENARIO_INVALID, 5, "negative value"},
		{HEAD "[budget]\ncentral =\n", SCENARIO_INVALID, 5, "empty value for 'central'"},
		{HEAD "[budget]\n1800 central = 5\n", SCENARIO_INVALID, 5, "year 1800 is out of range"},
		{HEAD "[unit_costs]\n2 x = 5\n", SCENARIO_INVALID, 5, "unknown criterion 'x'"},
		{HEAD "[unit_costs]\n, = 5\n", SCENARIO_INVALID, 5, "no criterion given"},
		{HEAD "[cost_factors]\nA01 = x0\n", SCENARIO_INVALID, 5, "a cost factor must stay above 0"},
		{HEAD "[lead_years]\n10 = 1.5\n", SCENARIO_INVALID, 5, "invalid whole number '1.5'"},
		{HEAD "[lead_years]\n10 = 51\n", SCENARIO_INVALID, 5, "out of range 0..50"},
		{HEAD "[targets]\nfoo = 1\n", SCENARIO_INVALID, 5, "unknown target 'foo'"},
		{HEAD "[targets]\nmin_criteria 2 = 1\n", SCENARIO_INVALID, 5, "takes no subject, found '2'"},
		{HEAD "[targets]\ndistrict_standard = add\n", SCENARIO_INVALID, 5, "needs a subject (a district)"},
		{HEAD "[targets]\ncriterion_communes 2 3 = 1\n", SCENARIO_INVALID, 5, "takes one criterion"},
		{HEAD "[targets]\nrequire A01 = add\n", SCENARIO_INVALID, 5, "takes commune ids as its value"},
		{HEAD "[targets]\nrequire_commune A01 = 1\n", SCENARIO_INVALID, 5, "takes 'add' or 'remove'"},
		{HEAD "[targets]\nmin_criteria = 20\n", SCENARIO_INVALID, 5, "out of range 0..19"},
		{HEAD "[targets]\navg_criteria = 19.01\n", SCENARIO_INVALID, 5, "out of range 0..19"},
		{HEAD "[plan]\nhorizon = soon\n", SCENARIO_INVALID, 5, "'soon' is not a year"},
		{HEAD "[plan]\ntime_limit = 0\n", SCENARIO_INVALID, 5, "not seconds above 0"},
		{HEAD "[plan]\nlimit = 0\n", SCENARIO_INVALID, 5, "unknown key 'limit' in [plan]"},
		{HEAD "[plan]\nmoney_tolerance = 250\n", SCENARIO_INVALID, 5,
		 "money tolerance '250' is not a percentage from 0 to 100"},
		{HEAD "[plan]\nmoney_tolerance = 0,01\n", SCENARIO_INVALID, 5, "the decimal mark is '.'"},
		/* against the dataset */
		{HEAD "[budget]\ncentrl = 5\n", SCENARIO_INVALID, 5, "unknown source 'centrl' (sources: central, people)"},
		{HEAD "[budget]\n2015 = 5\n", SCENARIO_INVALID, 5, "year 2015 is not a year of the plan (2016-2017)"},
		{HEAD "[cost_factors]\nZ9 = 2\n", SCENARIO_INVALID, 5, "unknown district or commune 'Z9'"},
		{HEAD "[targets]\ndistrict_standard Tủa Chùa = add\n", SCENARIO_INVALID, 5, "unknown district 'Tủa Chùa'"},
		{HEAD "[targets]\nexclude = A01 Z9\n", SCENARIO_INVALID, 5, "unknown commune 'Z9'"},
		{HEAD "[targets]\nrequire_commune A01 = remove\n", SCENARIO_INVALID, 5,
		 "there is no target 'require_commune A01' to remove"},
		{HEAD "[targets]\ncommunes_standard = 4\n", SCENARIO_INVALID, 5, "4 communes wanted, but the dataset has 3"},
		{HEAD "[plan]\nhorizon = 2018\n", SCENARIO_INVALID, 5, "horizon 2018 is outside the plan's years 2016-2017"},
		{HEAD "[plan]\nhorizon = 2016\n[budget]\n2017 central = 5\n", SCENARIO_INVALID, 7,
		 "year 2017 is not a year of the plan (2016-2016)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		scenario_release(&fx->sc);
		dataset_release(&fx->ds);
		diag_list_release(&fx->diags);
		enum scenario_status st = run(fx, cases[i].content);
		if (st != cases[i].status)
			fprintf(stderr, "case %zu: status %d\n", i, st);
		assert_int_equal(st, cases[i].status);
		expect_file_error(fx, cases[i].line, cases[i].message);
	}
}

/* Every error of a file is reported, not only the first. */
static void test_all_errors_reported(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(run(fx, HEAD "[budget]\ncentral = x\n[unit_costs]\n0 = 1\n[plan]\nhorizon = 1\n"),
			 SCENARIO_INVALID);
	assert_int_equal(fx->diags.nr, 3);
	assert_int_equal(fx->diags.items[0].line, 5);
	assert_int_equal(fx->diags.items[1].line, 7);
	assert_int_equal(fx->diags.items[2].line, 9);
	diag_list_release(&fx->diags);
	scenario_release(&fx->sc);
	dataset_release(&fx->ds);
	assert_int_equal(run(fx, HEAD "[budget]\nnone = 1\n[cost_factors]\nnowhere = 2\n"), SCENARIO_INVALID);
	assert_int_equal(fx->diags.nr, 2);
}

/* Messages follow the language. */
static void test_vietnamese(void **state)
{
	struct fixture *fx = *state;
	lang_set(LANG_VI);
	assert_int_equal(run(fx, HEAD "[budget]\ncentrl = 5\n"), SCENARIO_INVALID);
	expect_file_error(fx, 5, "không có nguồn vốn 'centrl'");
}

/* ---------------------------------------------------------------- */
/* Errors in options.                                                */

static void test_option_form_errors(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		enum scenario_option opt;
		const char *value, *message;
	} cases[] = {
		{SCENARIO_OPT_BUDGET, "central", "invalid --budget 'central': expected [YEAR:]SOURCE=CHANGE"},
		{SCENARIO_OPT_BUDGET, "central=abc", "invalid --budget 'central=abc': invalid number 'abc'"},
		{SCENARIO_OPT_BUDGET_SCALE, "-1", "invalid --budget-scale '-1': '-1': negative value"},
		{SCENARIO_OPT_UNIT_COST, "20=+5%", "invalid --unit-cost '20=+5%': unknown criterion '20'"},
		{SCENARIO_OPT_COST_FACTOR, "A01=0", "invalid --cost-factor 'A01=0': '0': a cost factor must stay above 0"},
		{SCENARIO_OPT_LEAD_YEARS, "10=x", "invalid --lead-years '10=x': invalid whole number 'x'"},
		{SCENARIO_OPT_TARGET, "frob=1", "invalid --target 'frob=1': unknown target 'frob'"},
		{SCENARIO_OPT_TARGET, "district_standard=add", "needs a subject"},
		{SCENARIO_OPT_REQUIRE, "", "invalid --require '': empty value for 'require'"},
		{SCENARIO_OPT_HORIZON, "20x", "invalid --horizon '20x': '20x' is not a year"},
		{SCENARIO_OPT_TIME_LIMIT, "-3", "invalid --time-limit '-3'"},
		{SCENARIO_OPT_BUDGET, "caf\xe9=1", "invalid --budget 'caf\xe9=1': text that is not UTF-8"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		diag_list_release(&fx->diags);
		assert_int_equal(scenario_add_option(&fx->sc, cases[i].opt, cases[i].value, &fx->diags), -1);
		assert_int_equal(fx->diags.nr, 1);
		assert_null(fx->diags.items[0].file);
		if (!strstr(fx->diags.items[0].message, cases[i].message)) {
			fprintf(stderr, "case %zu: %s\n", i, fx->diags.items[0].message);
			fail();
		}
	}
	assert_int_equal(fx->sc.noverrides, 0);
}

/* A signed number adds to each budget line the change names (issue #18:
 * "what do 10 billion more buy"); a subtraction that would take a line
 * below 0 is refused whole, naming the line. */
static void test_budget_add_and_subtract(void **state)
{
	struct fixture *fx = *state;
	run_ok(fx, HEAD "[budget]\ncentral = +10000\n2017 people = -200.5\n2016 = +1\n");
	assert_near(budget(&fx->ds, 2016, CENTRAL), 3000 + 10000 + 1, 1e-9);
	assert_near(budget(&fx->ds, 2017, CENTRAL), 3500.5 + 10000, 1e-9);
	assert_near(budget(&fx->ds, 2016, PEOPLE), 500 + 1, 1e-9);
	assert_near(budget(&fx->ds, 2017, PEOPLE), 500 - 200.5, 1e-9);
}

static void test_budget_subtract_below_zero(void **state)
{
	struct fixture *fx = *state;
	add_option(fx, SCENARIO_OPT_BUDGET, "people=-500.5");
	assert_int_equal(run(fx, HEAD), SCENARIO_BAD_OPTION);
	assert_int_equal(fx->diags.nr, 1);
	assert_string_equal(fx->diags.items[0].message,
			    "invalid --budget 'people=-500.5': the budget of people in 2016 would fall below 0 (it is 500.00)");
	/* Nothing of the refused change is applied. */
	assert_near(budget(&fx->ds, 2017, PEOPLE), 500, 1e-9);
}

/* Options that are well formed but wrong for the dataset. */
static void test_option_apply_errors(void **state)
{
	struct fixture *fx = *state;
	add_option(fx, SCENARIO_OPT_BUDGET, "2016:centrl=1");
	add_option(fx, SCENARIO_OPT_REQUIRE, "Z9");
	add_option(fx, SCENARIO_OPT_HORIZON, "2020");
	assert_int_equal(run(fx, HEAD), SCENARIO_BAD_OPTION);
	assert_int_equal(fx->diags.nr, 3);
	assert_string_equal(fx->diags.items[0].message,
			    "invalid --budget '2016:centrl=1': unknown source 'centrl' (sources: central, people)");
	assert_string_equal(fx->diags.items[1].message,
			    "invalid --require 'Z9': unknown commune 'Z9' (not in communes.csv)");
	assert_non_null(strstr(fx->diags.items[2].message, "invalid --horizon '2020': horizon 2020"));
}

/* A wrong file override makes the scenario invalid (65), even beside a
 * wrong option (64). */
static void test_file_error_wins(void **state)
{
	struct fixture *fx = *state;
	add_option(fx, SCENARIO_OPT_REQUIRE, "Z9");
	assert_int_equal(run(fx, HEAD "[budget]\ncentrl = 1\n"), SCENARIO_INVALID);
	assert_int_equal(fx->diags.nr, 2);
}

/* ---------------------------------------------------------------- */
/* Provenance.                                                       */

static void test_provenance(void **state)
{
	struct fixture *fx = *state;
	const char *text = "[scenario]\nname = Cắt giảm\ndataset = " TINY "\n[budget]\ncentral = x0.8\n";
	add_option(fx, SCENARIO_OPT_HORIZON, "2016");
	run_ok(fx, text);
	struct provenance prov;
	provenance_init(&prov);
	assert_int_equal(scenario_provenance(&fx->sc, &fx->ds, &prov, &fx->diags), 0);
	assert_int_equal(prov.nr, 3 + 1 + 7 + 2);
	assert_int_equal(prov.items[0].kind, PROVENANCE_PROGRAM);
	assert_string_equal(prov.items[0].value, NTM_VERSION);
	assert_int_equal(prov.items[1].kind, PROVENANCE_SCENARIO);
	assert_string_equal(prov.items[1].name, fx->path);
	assert_string_equal(prov.items[1].value, "Cắt giảm");
	assert_int_equal(prov.items[2].kind, PROVENANCE_DATASET);
	assert_string_equal(prov.items[2].name, TINY);
	assert_string_equal(prov.items[2].value, "tiny");
	char hex[SHA256_HEX_SIZE];
	sha256_hex(text, strlen(text), hex);
	assert_int_equal(prov.items[3].kind, PROVENANCE_FILE);
	assert_string_equal(prov.items[3].name, fx->path);
	assert_string_equal(prov.items[3].value, hex);
	for (size_t i = 0; i < 7; i++) {
		char path[256];
		snprintf(path, sizeof(path), "%s/%s", TINY, dataset_files[i]);
		assert_int_equal(prov.items[4 + i].kind, PROVENANCE_FILE);
		assert_string_equal(prov.items[4 + i].name, path);
		assert_int_equal(sha256_file_hex(path, hex), 0);
		assert_string_equal(prov.items[4 + i].value, hex);
	}
	char where[300];
	snprintf(where, sizeof(where), "%s:5", fx->path);
	assert_int_equal(prov.items[11].kind, PROVENANCE_OVERRIDE);
	assert_string_equal(prov.items[11].name, where);
	assert_string_equal(prov.items[11].value, "[budget] central = x0.8");
	assert_string_equal(prov.items[12].name, "");
	assert_string_equal(prov.items[12].value, "--horizon 2016");
	provenance_release(&prov);
}

/* A plain dataset: no scenario item, no scenario file; the folder as
 * given, without a trailing slash. */
static void test_provenance_dataset(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(scenario_set_dataset(&fx->sc, TINY "/"), 0);
	assert_int_equal(dataset_load(&fx->ds, TINY, &fx->diags), LOAD_OK);
	assert_int_equal(scenario_apply(&fx->sc, &fx->ds, &fx->diags), SCENARIO_OK);
	struct provenance prov;
	provenance_init(&prov);
	assert_int_equal(scenario_provenance(&fx->sc, &fx->ds, &prov, &fx->diags), 0);
	assert_int_equal(prov.nr, 2 + 7);
	assert_int_equal(prov.items[1].kind, PROVENANCE_DATASET);
	assert_string_equal(prov.items[1].name, TINY);
	assert_string_equal(prov.items[2].name, TINY "/criteria.csv");
	provenance_release(&prov);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_budget),
		T(test_budget_set_every_year_and_percent),
		T(test_unit_costs),
		T(test_unit_costs_all),
		T(test_cost_factors),
		T(test_cost_factor_nfd),
		T(test_lead_years),
		T(test_targets),
		T(test_target_add_twice),
		T(test_horizon_and_time_limit),
		T(test_money_tolerance),
		T(test_layout),
		T(test_default_name),
		T(test_options),
		T(test_precedence),
		T(test_extends_chain),
		T(test_extends_cycle),
		T(test_extends_itself),
		T(test_missing_files),
		T(test_file_errors),
		T(test_all_errors_reported),
		T(test_vietnamese),
		T(test_option_form_errors),
		T(test_budget_add_and_subtract),
		T(test_budget_subtract_below_zero),
		T(test_option_apply_errors),
		T(test_file_error_wins),
		T(test_provenance),
		T(test_provenance_dataset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
