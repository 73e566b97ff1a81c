/*
 * Tests of report.c's note under the stages table: what a stage that a
 * limit stopped means for the plan (its bound, how far from the best the
 * plan can be) and which option searches further. The plans are built by
 * hand: only their stage results and objective values matter here, and
 * each expected figure is worked out in the test from those numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "plan.h"
#include "report.h"

/* A plan whose every stage ran and was proven, at the given values. */
static void proven_plan(struct plan *p, const double values[OBJ_COUNT])
{
	plan_init(p);
	for (int s = 0; s < OBJ_COUNT; s++) {
		p->objective[s] = values[s];
		p->stages[s].status = STAGE_OPTIMAL;
		p->stages[s].value = values[s];
		p->stages[s].bound = values[s];
	}
}

/* Stage s of p stopped by a limit, at the bound given. */
static void stop_stage(struct plan *p, enum objective s, enum stage_status status, double bound)
{
	p->stages[s].status = status;
	p->stages[s].bound = bound;
}

static const double dienbien_values[OBJ_COUNT] = {0, 36, 81, 1314, 4548609.65};

static int count_lines(const char *text)
{
	int lines = *text ? 1 : 0;
	for (const char *c = text; *c; c++)
		lines += *c == '\n';
	return lines;
}

static void test_nothing_to_say_when_every_stage_is_proven(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	char *note = report_proof_note(&p);
	assert_non_null(note);
	assert_string_equal(note, "");
	free(note);
	/* A stage that did not run is not a stage a limit stopped. */
	p.stages[OBJ_MONEY].status = STAGE_NOT_RUN;
	note = report_proof_note(&p);
	assert_string_equal(note, "");
	free(note);
}

static void test_money_gap_in_million_vnd_and_share(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	stop_stage(&p, OBJ_MONEY, STAGE_NODE_LIMIT, 4548471.945263);
	char *note = report_proof_note(&p);
	assert_non_null(note);
	/* 4,548,609.65 - 4,548,471.95 = 137.70, to 0.01 million VND; as a
	 * share of the plan's money 0.00303 %. */
	assert_non_null(strstr(note, "4 money spent (min): stopped at its node limit; "
				     "no plan spends less than 4,548,471.95, so this plan spends at most "
				     "137.70 million VND (0.003 %) more than the best."));
	assert_non_null(strstr(note, "--node-limit N"));
	assert_null(strstr(note, "--time-limit"));
	assert_int_equal(count_lines(note), 2);
	free(note);
}

static void test_whole_valued_stage_rounds_its_bound_down(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	/* The relaxation's 1,315.47 admits no plan above 1,315. */
	stop_stage(&p, OBJ_CRITERIA, STAGE_NODE_LIMIT, 1315.47);
	stop_stage(&p, OBJ_MONEY, STAGE_NODE_LIMIT, 4548471.945263);
	char *note = report_proof_note(&p);
	assert_non_null(strstr(note, "3 criteria met (max): stopped at its node limit; no plan reaches "
				     "more than 1,315, so this plan is at most 1 short of the best.\n"));
	/* One line per stopped stage, in stage order, then the advice. */
	assert_true(strstr(note, "3 criteria") < strstr(note, "4 money"));
	assert_int_equal(count_lines(note), 3);
	assert_non_null(strstr(note, "Each stage keeps what the stages before it reached."));
	free(note);
}

static void test_shortfall_rounds_its_bound_up(void **state)
{
	(void)state;
	struct plan p;
	/* One level: a count of 52 communes (its scale is 52, its weight 1,
	 * so the level's objective counts communes short). */
	struct target target = {.kind = TARGET_CRITERION_COMMUNES, .subject_index = 2, .value = 52,
				.priority = 1};
	struct dataset ds = {.ncommunes = 116, .targets = &target, .ntargets = 1};
	int priority = 1;
	double value = 5, relative = 5.0 / 52;
	struct stage_result level = {.status = STAGE_TIME_LIMIT, .value = 5, .bound = 2.3};
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	p.ds = &ds;
	p.objective[OBJ_SHORTFALL] = 5;
	p.stages[OBJ_SHORTFALL].status = STAGE_TIME_LIMIT;
	p.nlevels = 1;
	p.level_priority = &priority;
	p.level_value = &value;
	p.level_relative = &relative;
	p.level_stages = &level; /* no plan falls short by less than 3 communes */
	char *note = report_proof_note(&p);
	/* 3 / 52 = 0.0577; 5 / 52 - 3 / 52 = 0.0385 */
	assert_non_null(strstr(note, "Priority 1: stopped at its time limit; no plan has a relative "
				     "shortfall below 0.0577, so this plan's is at most 0.0385 above "
				     "the best."));
	assert_non_null(strstr(note, "--time-limit SEC."));
	assert_null(strstr(note, "--node-limit"));
	free(note);
}

static void test_no_bound_in_time(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	stop_stage(&p, OBJ_COMMUNES, STAGE_TIME_LIMIT, HUGE_VAL);
	stop_stage(&p, OBJ_MONEY, STAGE_NODE_LIMIT, 4548000);
	char *note = report_proof_note(&p);
	assert_non_null(strstr(note, "1 communes at standard (max): stopped at its time limit before any "
				     "bound was found.\n"));
	/* Both limits stopped a stage: both options are named. */
	assert_non_null(strstr(note, "--node-limit N (nodes per stage, the same plan on every machine) "
				     "and --time-limit SEC."));
	free(note);
}

static void test_vietnamese_uses_its_own_number_format(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_VI);
	proven_plan(&p, dienbien_values);
	stop_stage(&p, OBJ_MONEY, STAGE_NODE_LIMIT, 4548471.945263);
	char *note = report_proof_note(&p);
	assert_non_null(strstr(note, "không phương án nào dùng ít hơn 4.548.471,95"));
	assert_non_null(strstr(note, "không quá 137,70 triệu đồng (0,003 %)"));
	assert_non_null(strstr(note, "--node-limit N (số nút mỗi bước"));
	free(note);
	lang_set(LANG_EN);
}

/* Stage 4 proven within its tolerance only, at the bound given. */
static void within_tolerance(struct plan *p, double tolerance, double bound)
{
	p->stages[OBJ_MONEY].status = STAGE_WITHIN_TOLERANCE;
	p->stages[OBJ_MONEY].tolerance = tolerance;
	p->stages[OBJ_MONEY].bound = bound;
}

static void test_money_within_tolerance_in_one_sentence(void **state)
{
	(void)state;
	struct plan p;
	lang_set(LANG_EN);
	proven_plan(&p, dienbien_values);
	/* 0.01 % of 4,548,946.40 is 454.89: no plan under 4,548,491.51. */
	p.objective[OBJ_MONEY] = 4548946.4;
	within_tolerance(&p, 0.01, 4548491.505360);
	char *note = report_proof_note(&p);
	assert_non_null(note);
	assert_string_equal(note, "4 money spent (min): the money spent is within 0.01 % of the least "
				  "possible (no plan spends less than 4,548,491.51 million VND); "
				  "--money-tolerance 0 asks for the least exactly.");
	assert_string_equal(report_stage_status(STAGE_WITHIN_TOLERANCE), "proven within tolerance");
	free(note);
	/* Not a limit: with a stage stopped too, the limit's advice follows. */
	stop_stage(&p, OBJ_CRITERIA, STAGE_NODE_LIMIT, 1315.47);
	note = report_proof_note(&p);
	assert_int_equal(count_lines(note), 3);
	assert_true(strstr(note, "3 criteria") < strstr(note, "4 money"));
	assert_non_null(strstr(note, "within 0.01 % of the least possible"));
	assert_non_null(strstr(note, "--node-limit N"));
	free(note);
}

static void test_tolerance_in_vietnamese_and_other_values(void **state)
{
	(void)state;
	struct plan p;
	char buf[64];
	lang_set(LANG_VI);
	proven_plan(&p, dienbien_values);
	within_tolerance(&p, 0.01, 4548491.505360);
	char *note = report_proof_note(&p);
	assert_non_null(strstr(note, "số vốn cách mức nhỏ nhất có thể không quá 0,01 % "
				     "(không phương án nào dùng ít hơn 4.548.491,51 triệu đồng)"));
	free(note);
	/* A tolerance with more decimals keeps them; a whole one has two. */
	assert_string_equal(report_percent(buf, sizeof(buf), 0.005), "0,005");
	assert_string_equal(report_percent(buf, sizeof(buf), 2), "2,00");
	lang_set(LANG_EN);
	assert_string_equal(report_percent(buf, sizeof(buf), 0.0125), "0.0125");
	assert_string_equal(report_percent(buf, sizeof(buf), 0.1), "0.10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_within_tolerance_in_one_sentence),
		cmocka_unit_test(test_tolerance_in_vietnamese_and_other_values),
		cmocka_unit_test(test_nothing_to_say_when_every_stage_is_proven),
		cmocka_unit_test(test_money_gap_in_million_vnd_and_share),
		cmocka_unit_test(test_whole_valued_stage_rounds_its_bound_down),
		cmocka_unit_test(test_shortfall_rounds_its_bound_up),
		cmocka_unit_test(test_no_bound_in_time),
		cmocka_unit_test(test_vietnamese_uses_its_own_number_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
