/* Tests of dataset.c: the cost of a gap, criteria met, closability,
 * look-ups by id and name, target kind names, exclusion, and release. The
 * expected figures are computed by hand from the files of tests/data/tiny. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "diag.h"
#include "loader.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define INSTANCES NTM_TEST_DIR "/instances"

/* tiny's communes, in the order of communes.csv. */
enum { A01, A02, B01 };

static int setup_tiny(void **state)
{
	struct dataset *ds = malloc(sizeof(*ds));
	if (!ds)
		return -1;
	load_ok(ds, TINY);
	*state = ds;
	return 0;
}

static int teardown_dataset(void **state)
{
	struct dataset *ds = *state;
	dataset_release(ds);
	free(ds);
	return 0;
}

static void assert_money(double actual, double expected)
{
	if (fabs(actual - expected) > 1e-9 * fmax(1.0, fabs(expected)))
		fail_msg("amount %.9f, expected %.9f", actual, expected);
}

/* dataset_gap_cost = gap quantity x unit cost of the criterion x cost
 * factor of the commune, and 0 for a met criterion. Figures from
 * gaps.csv, unit_costs.csv and communes.csv of tiny. */
static void test_gap_cost_tiny(void **state)
{
	const struct dataset *ds = *state;

	/* A01 meets everything: every cost is 0. */
	for (int k = 1; k <= NTM_CRITERIA; k++)
		assert_money(dataset_gap_cost(ds, A01, k), 0);

	/* A02, cost factor 1.2. */
	assert_money(dataset_gap_cost(ds, A02, 1), 0);    /* met */
	assert_money(dataset_gap_cost(ds, A02, 15), 0);   /* met */
	assert_money(dataset_gap_cost(ds, A02, 16), 3 * 50 * 1.2);   /* 180 */
	assert_money(dataset_gap_cost(ds, A02, 17), 2 * 400 * 1.2);  /* 960 */
	assert_money(dataset_gap_cost(ds, A02, 18), 1 * 100 * 1.2);  /* 120 */
	assert_money(dataset_gap_cost(ds, A02, 19), 1 * 100 * 1.2);  /* 120 */
	assert_money(dataset_gap_cost(ds, A02, 16), 180);
	assert_money(dataset_gap_cost(ds, A02, 17), 960);

	/* B01, cost factor 1.5. */
	assert_money(dataset_gap_cost(ds, B01, 1), 0);    /* met */
	assert_money(dataset_gap_cost(ds, B01, 2), 4125); /* 2.5 km x 1100 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 3), 1350); /* 3 x 300 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 5), 2700); /* 2 x 900 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 6), 2250); /* 1 x 1500 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 7), 3000); /* 1 x 2000 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 9), 1800); /* 30 x 40 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 10), 135); /* 60 x 1.5 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 11), 90);  /* 20 x 3 x 1.5, not fundable */
	assert_money(dataset_gap_cost(ds, B01, 12), 240); /* 40 x 4 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 13), 750); /* 1 x 500 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 14), 150); /* 50 x 2 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 16), 225); /* 3 x 50 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 17), 1200);/* 2 x 400 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 18), 150); /* 1 x 100 x 1.5 */
	assert_money(dataset_gap_cost(ds, B01, 19), 0);   /* met */
}

/* The cost uses the commune's factor and the criterion's unit cost, not
 * just the quantity: changing either changes the cost proportionally, and
 * a met record costs 0 whatever its quantity says. */
static void test_gap_cost_follows_factors(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, TINY);
	ds.communes[A02].cost_factor = 2.0;
	assert_money(dataset_gap_cost(&ds, A02, 16), 3 * 50 * 2.0);
	ds.criteria[15].unit_cost = 70;
	assert_money(dataset_gap_cost(&ds, A02, 16), 3 * 70 * 2.0);
	ds.gaps[A02 * NTM_CRITERIA + 15].met = 1;
	assert_money(dataset_gap_cost(&ds, A02, 16), 0);
	dataset_release(&ds);
}

/* dataset_criteria_met counts the met records of the commune. */
static void test_criteria_met(void **state)
{
	const struct dataset *ds = *state;
	assert_int_equal(dataset_criteria_met(ds, A01), 19);
	assert_int_equal(dataset_criteria_met(ds, A02), 15);
	/* B01 meets 1, 4, 8, 15 and 19. */
	assert_int_equal(dataset_criteria_met(ds, B01), 5);
}

/* Closable: every open gap is fundable. B01 has a non-fundable gap
 * (criterion 11); A01 has no gap; A02's gaps are all fundable. A met
 * criterion whose record says fundable=0 does not matter. */
static void test_commune_closable(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, TINY);
	assert_true(dataset_commune_closable(&ds, A01));
	assert_true(dataset_commune_closable(&ds, A02));
	assert_false(dataset_commune_closable(&ds, B01));

	/* Making A02's criterion 19 non-fundable makes A02 unclosable. */
	ds.gaps[A02 * NTM_CRITERIA + 18].fundable = 0;
	assert_false(dataset_commune_closable(&ds, A02));
	/* A met record with fundable=0 does not. */
	ds.gaps[A01 * NTM_CRITERIA + 0].fundable = 0;
	assert_true(dataset_commune_closable(&ds, A01));
	dataset_release(&ds);
}

/* Look-ups return the index of the commune, district or source, and -1
 * for anything else (including a name that differs only in case or
 * diacritics). */
static void test_find(void **state)
{
	const struct dataset *ds = *state;
	assert_int_equal(dataset_find_commune(ds, "A01"), 0);
	assert_int_equal(dataset_find_commune(ds, "A02"), 1);
	assert_int_equal(dataset_find_commune(ds, "B01"), 2);
	assert_int_equal(dataset_find_commune(ds, "C01"), -1);
	assert_int_equal(dataset_find_commune(ds, ""), -1);
	assert_int_equal(dataset_find_commune(ds, "A0"), -1);
	assert_int_equal(dataset_find_commune(ds, "A011"), -1);
	/* A commune is found by its id, not its name. */
	assert_int_equal(dataset_find_commune(ds, "Thanh Chăn"), -1);

	assert_int_equal(dataset_find_district(ds, "Điện Biên"), 0);
	assert_int_equal(dataset_find_district(ds, "Mường Ảng"), 1);
	assert_int_equal(dataset_find_district(ds, "Dien Bien"), -1);
	assert_int_equal(dataset_find_district(ds, "Điện Biên Đông"), -1);
	assert_int_equal(dataset_find_district(ds, ""), -1);

	assert_int_equal(dataset_find_source(ds, "central"), 0);
	assert_int_equal(dataset_find_source(ds, "people"), 1);
	assert_int_equal(dataset_find_source(ds, "province"), -1);
	assert_int_equal(dataset_find_source(ds, "peopl"), -1);
	assert_int_equal(dataset_find_source(ds, ""), -1);
}

/* Every kind has the name targets.csv uses, and parsing the name gives the
 * kind back; an unknown name is refused. */
static void test_target_kind_names(void **state)
{
	(void)state;
	static const char *const names[TARGET_KIND_COUNT] = {
		[TARGET_COMMUNES_STANDARD] = "communes_standard",
		[TARGET_CRITERION_COMMUNES] = "criterion_communes",
		[TARGET_MIN_CRITERIA] = "min_criteria",
		[TARGET_AVG_CRITERIA] = "avg_criteria",
		[TARGET_DISTRICT_STANDARD] = "district_standard",
		[TARGET_REQUIRE_COMMUNE] = "require_commune",
		[TARGET_EXCLUDE_COMMUNE] = "exclude_commune",
	};
	for (int i = 0; i < TARGET_KIND_COUNT; i++) {
		enum target_kind kind = (enum target_kind)i;
		assert_string_equal(target_kind_name(kind), names[i]);
		enum target_kind parsed = TARGET_KIND_COUNT;
		assert_int_equal(target_kind_parse(target_kind_name(kind), &parsed), 0);
		assert_int_equal(parsed, kind);
	}
	enum target_kind parsed = TARGET_MIN_CRITERIA;
	assert_int_equal(target_kind_parse("max_criteria", &parsed), -1);
	assert_int_equal(target_kind_parse("", &parsed), -1);
	assert_int_equal(target_kind_parse("communes_standard ", &parsed), -1);
	assert_int_equal(target_kind_parse("communes", &parsed), -1);
}

/* tiny excludes B01 only; the exclude-district instance excludes E01 only
 * (and its district_standard target does not count as an exclusion). */
static void test_commune_excluded(void **state)
{
	const struct dataset *ds = *state;
	assert_false(dataset_commune_excluded(ds, A01));
	assert_false(dataset_commune_excluded(ds, A02));
	assert_true(dataset_commune_excluded(ds, B01));

	struct dataset ex;
	load_ok(&ex, INSTANCES "/exclude-district");
	long e01 = dataset_find_commune(&ex, "E01");
	assert_true(e01 >= 0);
	for (size_t c = 0; c < ex.ncommunes; c++)
		assert_int_equal(dataset_commune_excluded(&ex, c), (long)c == e01);
	dataset_release(&ex);

	/* A dataset whose only target is communes_standard excludes nobody. */
	load_ok(&ex, INSTANCES "/lead-times");
	for (size_t c = 0; c < ex.ncommunes; c++)
		assert_false(dataset_commune_excluded(&ex, c));
	dataset_release(&ex);
}

static void assert_empty(const struct dataset *ds)
{
	assert_null(ds->name);
	assert_null(ds->communes);
	assert_int_equal(ds->ncommunes, 0);
	assert_null(ds->districts);
	assert_int_equal(ds->ndistricts, 0);
	assert_null(ds->gaps);
	assert_null(ds->sources);
	assert_int_equal(ds->nsources, 0);
	assert_null(ds->budget);
	assert_int_equal(ds->nyears, 0);
	assert_null(ds->targets);
	assert_int_equal(ds->ntargets, 0);
	for (int k = 0; k < NTM_CRITERIA; k++) {
		assert_null(ds->criteria[k].name_vi);
		assert_null(ds->criteria[k].name_en);
		assert_null(ds->criteria[k].unit);
	}
}

/* dataset_release frees a loaded dataset (valgrind checks the freeing)
 * and leaves an initialised, empty dataset that may be released again;
 * releasing a fresh one is harmless too. */
static void test_release(void **state)
{
	(void)state;
	struct dataset ds;
	dataset_init(&ds);
	assert_empty(&ds);
	dataset_release(&ds);
	assert_empty(&ds);

	load_ok(&ds, TINY);
	assert_int_equal(ds.ncommunes, 3);
	dataset_release(&ds);
	assert_empty(&ds);
	dataset_release(&ds);
	assert_empty(&ds);

	/* And it can be loaded into again. */
	load_ok(&ds, TINY);
	assert_int_equal(ds.ncommunes, 3);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gap_cost_tiny, setup_tiny, teardown_dataset),
		cmocka_unit_test(test_gap_cost_follows_factors),
		cmocka_unit_test_setup_teardown(test_criteria_met, setup_tiny, teardown_dataset),
		cmocka_unit_test(test_commune_closable),
		cmocka_unit_test_setup_teardown(test_find, setup_tiny, teardown_dataset),
		cmocka_unit_test(test_target_kind_names),
		cmocka_unit_test_setup_teardown(test_commune_excluded, setup_tiny, teardown_dataset),
		cmocka_unit_test(test_release),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
