/* Unit tests of re-planning: the progress file's loader (src/input/
 * progress.c) and the re-plan's dataset (src/model/replan.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "plan.h"
#include "progress.h"
#include "replan.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define LEAD NTM_TEST_DIR "/instances/lead-times"
#define HEADER "year,source,commune_id,criterion,amount,status\n"

/* Writes `text` to a fresh temporary file; its path goes in `path`. */
static void write_file(char path[64], const char *text)
{
	strcpy(path, "/tmp/ntm-progress-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loads `text` as the progress of ds from `from`; returns the status, the
 * messages in errors and warnings (initialised here). */
static enum progress_status load(struct progress *pg, const struct dataset *ds, int from,
				 const char *text, struct diag_list *errors,
				 struct diag_list *warnings)
{
	char path[64];
	write_file(path, text);
	diag_list_init(errors, 20);
	diag_list_init(warnings, 20);
	progress_init(pg);
	enum progress_status st = progress_load(pg, ds, from, "--from", path, errors, warnings);
	unlink(path);
	return st;
}

/* Loads without a message and applies: ds becomes the re-plan's. */
static void replan_ok(struct dataset *ds, struct replan *rp, int from, const char *text)
{
	struct progress pg;
	struct diag_list errors, warnings;
	assert_int_equal(load(&pg, ds, from, text, &errors, &warnings), PROGRESS_OK);
	for (size_t i = 0; i < errors.nr; i++)
		diag_print(stderr, &errors.items[i]);
	assert_int_equal(errors.nr, 0);
	replan_init(rp);
	assert_int_equal(replan_apply(ds, &pg, rp), 0);
	progress_release(&pg);
	diag_list_release(&errors);
	diag_list_release(&warnings);
}

static size_t commune(const struct dataset *ds, const char *id)
{
	long c = dataset_find_commune(ds, id);
	assert_true(c >= 0);
	return (size_t)c;
}

/* From the first year with nothing done: the dataset is unchanged. */
static void test_empty_from_first_year(void **state)
{
	(void)state;
	struct dataset ds, copy;
	struct replan rp;
	load_ok(&ds, TINY);
	assert_int_equal(dataset_copy(&copy, &ds), 0);
	replan_ok(&ds, &rp, 2016, HEADER);
	assert_int_equal(ds.first_year, copy.first_year);
	assert_int_equal(ds.nyears, copy.nyears);
	assert_memory_equal(ds.budget, copy.budget, (size_t)ds.nyears * ds.nsources * sizeof(double));
	assert_memory_equal(ds.gaps, copy.gaps, ds.ncommunes * NTM_CRITERIA * sizeof(*ds.gaps));
	replan_release(&rp);
	dataset_release(&copy);
	dataset_release(&ds);
}

/* dataset_copy copies the display names of sources and units, and the
 * province's name, too: the
 * copy owns its strings, so that both can be released (a shared string
 * was freed twice by a re-plan of data/dienbien, which has them). */
static void test_copy_display_names(void **state)
{
	(void)state;
	struct dataset ds, copy;
	load_ok(&ds, TINY);
	ds.sources[0].name_vi = strdup("Trung ương");
	ds.sources[0].name_en = strdup("Central budget");
	ds.criteria[2].unit_vi = strdup("km đường");
	ds.criteria[2].unit_en = strdup("km of road");
	ds.province = strdup("Điện Biên");
	assert_int_equal(dataset_copy(&copy, &ds), 0);
	assert_ptr_not_equal(copy.province, ds.province);
	assert_string_equal(copy.province, "Điện Biên");
	assert_ptr_not_equal(copy.sources[0].name_vi, ds.sources[0].name_vi);
	assert_ptr_not_equal(copy.sources[0].name_en, ds.sources[0].name_en);
	assert_ptr_not_equal(copy.criteria[2].unit_vi, ds.criteria[2].unit_vi);
	assert_ptr_not_equal(copy.criteria[2].unit_en, ds.criteria[2].unit_en);
	assert_string_equal(copy.sources[0].name_vi, "Trung ương");
	assert_string_equal(copy.sources[0].name_en, "Central budget");
	assert_string_equal(copy.criteria[2].unit_vi, "km đường");
	assert_string_equal(copy.criteria[2].unit_en, "km of road");
	assert_null(copy.sources[1].name_vi);
	assert_null(copy.criteria[1].unit_en);
	dataset_release(&copy);
	dataset_release(&ds);
}

/* Paid in full in 2021, lead 2, re-planned from 2022: free, one lead year
 * left, so met at the end of 2023 (the re-plan's year 2). */
static void test_pending_work(void **state)
{
	(void)state;
	struct dataset ds;
	struct replan rp;
	load_ok(&ds, LEAD);
	size_t a01 = commune(&ds, "A01");
	replan_ok(&ds, &rp, 2022, HEADER "2021,central,A01,10,300,\n");
	const struct gap *g = dataset_gap(&ds, a01, 10);
	assert_int_equal(ds.first_year, 2022);
	assert_int_equal(ds.nyears, 2);
	assert_false(g->met);
	assert_true(g->pending);
	assert_int_equal(dataset_gap_lead(&ds, a01, 10), 1);
	assert_true(dataset_gap_cost(&ds, a01, 10) == 0.0);
	assert_int_equal(plan_latest_completion(&ds, a01, 10, 2), 1);
	assert_int_equal(rp.completion[a01 * NTM_CRITERIA + 9], 2021);
	assert_true(plan_gap_meetable(&ds, a01, 10));
	/* The budget of 2021 was all spent: nothing carries over. */
	assert_true(dataset_budget(&ds, 0, 0) == 300.0);
	replan_release(&rp);
	dataset_release(&ds);
}

/* From 2023 the same work's lead years end in 2023: pending with 0 left. */
static void test_lead_over(void **state)
{
	(void)state;
	struct dataset ds;
	struct replan rp;
	load_ok(&ds, LEAD);
	size_t a01 = commune(&ds, "A01");
	int k0 = 0;
	for (int k = 1; k <= NTM_CRITERIA && !k0; k++)
		if (!dataset_gap(&ds, a01, k)->met && ds.criteria[k - 1].lead_years == 0 &&
		    dataset_gap_cost(&ds, a01, k) > 0 && dataset_gap_cost(&ds, a01, k) <= 0)
			k0 = k;
	replan_ok(&ds, &rp, 2023, HEADER "2021,central,A01,10,300,\n");
	assert_true(dataset_gap(&ds, a01, 10)->pending);
	assert_int_equal(dataset_gap_lead(&ds, a01, 10), 0);
	replan_release(&rp);
	dataset_release(&ds);
}

/* Paid 50 of 120: the rest, 70, exactly; the carry-over source brings its
 * unspent 2016 money into 2017, the other does not. */
static void test_partly_paid_and_carry(void **state)
{
	(void)state;
	struct dataset ds;
	struct replan rp;
	load_ok(&ds, TINY);
	size_t a02 = commune(&ds, "A02");
	double b_central = dataset_budget(&ds, 1, 0), b_people = dataset_budget(&ds, 1, 1);
	replan_ok(&ds, &rp, 2017, HEADER "2016,central,A02,19,50,\n2016,people,B01,9,100,\n");
	assert_true(dataset_gap_cost(&ds, a02, 19) == 70.0);
	assert_int_equal(dataset_gap_lead(&ds, a02, 19), 0);
	assert_false(dataset_gap(&ds, a02, 19)->pending);
	assert_true(rp.carry[0] == 3000.0 - 50.0);
	assert_true(rp.carry[1] == 0.0);
	assert_true(dataset_budget(&ds, 0, 0) == b_central + 2950.0);
	assert_true(dataset_budget(&ds, 0, 1) == b_people);
	replan_release(&rp);
	dataset_release(&ds);
}

/* `met` closes a gap at the baseline; `done` completes it that year
 * whatever is left of its cost. */
static void test_statuses(void **state)
{
	(void)state;
	struct dataset ds;
	struct replan rp;
	load_ok(&ds, TINY);
	size_t a02 = commune(&ds, "A02"), b01 = commune(&ds, "B01");
	int before = dataset_criteria_met(&ds, a02);
	replan_ok(&ds, &rp, 2017,
		  HEADER "2016,,A02,16,,met\n2016,central,B01,17,100,done\n2016,central,B01,2,10,\n");
	assert_true(dataset_gap(&ds, a02, 16)->met);
	assert_int_equal(dataset_criteria_met(&ds, a02), before + 1);
	assert_true(dataset_gap(&ds, b01, 17)->pending);     /* lead 1: met at the end of 2017 */
	assert_int_equal(dataset_gap_lead(&ds, b01, 17), 0);
	assert_true(dataset_gap_cost(&ds, b01, 17) == 0.0);
	assert_true(rp.assessed[a02 * NTM_CRITERIA + 15]);
	assert_true(rp.paid[b01 * NTM_CRITERIA + 1] == 10.0);
	replan_release(&rp);
	dataset_release(&ds);
}

static void expect_error(const char *dir, int from, const char *text, const char *message)
{
	struct dataset ds;
	struct progress pg;
	struct diag_list errors, warnings;
	load_ok(&ds, dir);
	assert_int_equal(load(&pg, &ds, from, text, &errors, &warnings), PROGRESS_INVALID);
	int found = 0;
	for (size_t i = 0; i < errors.nr; i++)
		found |= strstr(errors.items[i].message, message) != NULL;
	if (!found)
		for (size_t i = 0; i < errors.nr; i++)
			diag_print(stderr, &errors.items[i]);
	assert_true(found);
	progress_release(&pg);
	diag_list_release(&errors);
	diag_list_release(&warnings);
	dataset_release(&ds);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error(LEAD, 2023, HEADER "2021,central,A01,10,100,done\n2022,central,A01,10,100,done\n",
		     "declared done in 2021 (line 2) and in 2022");
	expect_error(TINY, 2018, HEADER, "re-plan from 2018: the year must be a planning year (2016 to 2017)");
	expect_error(TINY, 2015, HEADER, "re-plan from 2015");
	expect_error(TINY, 2017, HEADER "2016,central,A02,19,130,\n", "above the gap's cost of 120.00");
}

/* Money beyond the budget is a warning naming year and source. */
static void test_budget_warning(void **state)
{
	(void)state;
	struct dataset ds;
	struct progress pg;
	struct diag_list errors, warnings;
	load_ok(&ds, TINY);
	assert_int_equal(load(&pg, &ds, 2017, HEADER "2016,central,B01,2,3100,\n2016,people,B01,9,600,\n",
			      &errors, &warnings), PROGRESS_OK);
	assert_int_equal(errors.nr, 0);
	assert_int_equal(warnings.nr, 2);
	assert_non_null(strstr(warnings.items[0].message, "year 2016, source 'central': paid 3100.00"));
	assert_non_null(strstr(warnings.items[1].message, "year 2016, source 'people': paid 600.00, above its budget of 500.00"));
	progress_release(&pg);
	diag_list_release(&errors);
	diag_list_release(&warnings);
	dataset_release(&ds);
}

int main(void)
{
	lang_set(LANG_EN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_from_first_year),
		cmocka_unit_test(test_copy_display_names),
		cmocka_unit_test(test_pending_work),
		cmocka_unit_test(test_lead_over),
		cmocka_unit_test(test_partly_paid_and_carry),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_budget_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
