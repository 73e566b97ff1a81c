/*
 * Tests of solve.c and stage.c in-process: solve_plan() on every test
 * instance (each folder of tests/instances) under each configuration the
 * end-to-end optimality tests run the command in (tests/CMakeLists.txt,
 * e2e.optimality and its variants):
 *   - direct (GLPK's simplex on the whole model, the solver's shortcuts on);
 *   - direct with the test paths (solve_params.test_paths: no shortcuts,
 *     the Lagrangian fixing and the searches with a cutoff do the work);
 *   - the decomposition, with and without the test paths;
 *   - the decomposition in two blocks of communes (solve_params.
 *     master_blocks = 2, as from 65 communes on), with and without them.
 * Every stage must be proven optimal, and its value must be the optimum of
 * the exhaustive search (tests/tools/bruteforce, an independent oracle
 * that shares only the loader with the planner), run on the same instance
 * at test time: the four counts exactly, money within 0.05 million VND
 * (bruteforce prints it rounded to 0.01). So the configurations also agree
 * with one another.
 * And of the trace hook (solve_params.trace): it is called, and it changes
 * nothing that is computed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dataset.h"
#include "diag.h"
#include "plan.h"
#include "solve.h"
#include "support/loadok.h"

#ifndef NTM_BRUTEFORCE
#error "NTM_BRUTEFORCE: the path of tests/tools/bruteforce (tests/CMakeLists.txt)"
#endif

#define INSTANCES NTM_TEST_DIR "/instances"

/* A configuration of the e2e optimality tests. */
struct configuration {
	const char *name;
	enum solve_method method;
	int test_paths;
	size_t master_blocks; /* 0: the default */
};

static const struct configuration configurations[] = {
	{"direct", SOLVE_DIRECT, 0, 0},
	{"direct, test paths", SOLVE_DIRECT, 1, 0},
	{"decomposition", SOLVE_DECOMPOSITION, 0, 0},
	{"decomposition, test paths", SOLVE_DECOMPOSITION, 1, 0},
	{"decomposition in 2 blocks", SOLVE_DECOMPOSITION, 0, 2},
	{"decomposition in 2 blocks, test paths", SOLVE_DECOMPOSITION, 1, 2},
};

/* The exhaustive search's optimum of the instance in `dir`, stage by
 * stage, from its line "objectives: LEVELS C Y K M": optimum[0] is 0, the
 * levels' weighted shortfalls go to levels[] (room for 64), *nlevels of
 * them ("-": none). */
static void bruteforce_optimum(const char *dir, double optimum[OBJ_COUNT], double *levels,
			       size_t *nlevels)
{
	char command[4096], line[512], first[256];
	int found = 0;
	snprintf(command, sizeof(command), "'%s' '%s' 2>/dev/null", NTM_BRUTEFORCE, dir);
	FILE *in = popen(command, "r");
	assert_non_null(in);
	optimum[0] = 0;
	*nlevels = 0;
	while (fgets(line, sizeof(line), in))
		if (!found && sscanf(line, "objectives: %255s %lf %lf %lf %lf", first, &optimum[1],
				     &optimum[2], &optimum[3], &optimum[4]) == OBJ_COUNT) {
			found = 1;
			for (char *at = first; *first != '-' && *at && *nlevels < 64;) {
				char *end;
				levels[(*nlevels)++] = strtod(at, &end);
				at = *end == ',' ? end + 1 : end;
			}
		}
	int status = pclose(in);
	if (status != 0 || !found)
		fail_msg("%s: bruteforce exit status %d, objectives %s", dir, status,
			 found ? "found" : "missing");
}

/* Solves ds under `c` (and `trace`, when not NULL) into p. */
static void solve_in(const struct dataset *ds, const struct configuration *c,
		     solve_trace_fn trace, void *trace_ctx, struct plan *p)
{
	struct solve_params params;
	struct solve_options o;
	struct diag_list diags;
	solve_params_init(&params);
	params.test_paths = c->test_paths;
	if (c->master_blocks)
		params.master_blocks = c->master_blocks;
	params.trace = trace;
	params.trace_ctx = trace_ctx;
	solve_options_init(&o);
	o.method = c->method;
	o.params = &params;
	/* Every stage exact, money included (the tolerance has its own tests:
	 * e2e.optimality-tolerance*). */
	o.money_tolerance = 0;
	diag_list_init(&diags, 20);
	int rc = solve_plan(ds, &o, p, &diags);
	if (rc)
		fail_msg("%s: solve_plan failed: %s", c->name,
			 diags.nr ? diags.items[0].message : "(no message)");
	diag_list_release(&diags);
}

/* Every stage of p proven, at the optimum; stage 0 level by level. */
static void assert_optimal(const char *dir, const struct configuration *c, const struct plan *p,
			   const double optimum[OBJ_COUNT], const double *levels, size_t nlevels)
{
	if (p->nlevels != nlevels)
		fail_msg("%s, %s: %zu levels, the exhaustive search %zu", dir, c->name, p->nlevels,
			 nlevels);
	for (size_t l = 0; l < nlevels; l++) {
		if (p->level_stages[l].status != STAGE_OPTIMAL)
			fail_msg("%s, %s, level %zu: status %d, not proven", dir, c->name, l + 1,
				 (int)p->level_stages[l].status);
		if (fabs(p->level_stages[l].value - levels[l]) > 1e-6)
			fail_msg("%s, %s, level %zu: %.6f, but the exhaustive search finds %.6f", dir,
				 c->name, l + 1, p->level_stages[l].value, levels[l]);
	}
	for (int k = 1; k < OBJ_COUNT; k++) {
		const struct stage_result *r = &p->stages[k];
		double tolerance = k == OBJ_MONEY ? 0.05 : 1e-6;
		if (r->status != STAGE_OPTIMAL)
			fail_msg("%s, %s, stage %d: status %d, not proven", dir, c->name, k,
				 (int)r->status);
		if (fabs(r->value - optimum[k]) > tolerance)
			fail_msg("%s, %s, stage %d: %.6f, but the exhaustive search finds %.6f", dir,
				 c->name, k, r->value, optimum[k]);
	}
}

/* Calls fn(dir) for each instance folder (one with a budget.csv), in
 * name order. Returns how many. */
static int for_each_instance(void (*fn)(const char *dir))
{
	struct dirent **names;
	int n = scandir(INSTANCES, &names, NULL, alphasort), done = 0;
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		char dir[1024], budget[1100];
		struct stat st;
		snprintf(dir, sizeof(dir), "%s/%s", INSTANCES, names[i]->d_name);
		snprintf(budget, sizeof(budget), "%s/budget.csv", dir);
		if (names[i]->d_name[0] != '.' && stat(budget, &st) == 0) {
			fn(dir);
			done++;
		}
		free(names[i]);
	}
	free(names);
	return done;
}

static void check_instance(const char *dir)
{
	double optimum[OBJ_COUNT], levels[64];
	size_t nlevels;
	struct dataset ds;
	bruteforce_optimum(dir, optimum, levels, &nlevels);
	load_ok(&ds, dir);
	for (size_t c = 0; c < sizeof(configurations) / sizeof(*configurations); c++) {
		struct plan p;
		plan_init(&p);
		solve_in(&ds, &configurations[c], NULL, NULL, &p);
		assert_optimal(dir, &configurations[c], &p, optimum, levels, nlevels);
		plan_release(&p);
	}
	dataset_release(&ds);
}

static void test_every_configuration_reaches_the_exhaustive_optimum(void **state)
{
	(void)state;
	/* The 12 instances of tests/instances, not fewer: the check is not
	 * vacuous. */
	assert_true(for_each_instance(check_instance) >= 12);
}

static void count_lines(void *ctx, const char *line)
{
	int *lines = ctx;
	assert_non_null(line);
	assert_true(strlen(line) > 0 && line[strlen(line) - 1] == '\n');
	(*lines)++;
}

static void test_trace_changes_nothing(void **state)
{
	(void)state;
	struct dataset ds;
	struct plan quiet, traced;
	int lines = 0;
	load_ok(&ds, INSTANCES "/tight-greedy");
	for (size_t c = 0; c < sizeof(configurations) / sizeof(*configurations); c++) {
		plan_init(&quiet);
		plan_init(&traced);
		solve_in(&ds, &configurations[c], NULL, NULL, &quiet);
		int before = lines;
		solve_in(&ds, &configurations[c], count_lines, &lines, &traced);
		assert_true(lines > before);
		for (int k = 0; k < OBJ_COUNT; k++) {
			assert_int_equal(quiet.stages[k].status, traced.stages[k].status);
			assert_true(quiet.stages[k].value == traced.stages[k].value);
			assert_true(quiet.stages[k].bound == traced.stages[k].bound);
		}
		for (size_t i = 0; i < ds.ncommunes; i++)
			assert_int_equal(quiet.standard_year[i], traced.standard_year[i]);
		plan_release(&quiet);
		plan_release(&traced);
	}
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_configuration_reaches_the_exhaustive_optimum),
		cmocka_unit_test(test_trace_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
