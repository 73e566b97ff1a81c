/* Tests of loader.c: a good dataset loads to the numbers in its files, and
 * the Excel variants of the same files load to exactly the same dataset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "dataset.h"
#include "lang.h"
#include "loader.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"
#define DIENBIEN NTM_SOURCE_DIR "/data/dienbien"

static int setup_en(void **state)
{
	(void)state;
	lang_set(LANG_EN);
	return 0;
}

static void test_tiny_loads(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, TINY);

	assert_string_equal(ds.name, "tiny");
	assert_int_equal(ds.ncommunes, 3);
	assert_int_equal(ds.ndistricts, 2);
	assert_string_equal(ds.districts[0], "Điện Biên");
	assert_string_equal(ds.communes[2].name, "Ẳng Nưa");
	assert_int_equal(ds.communes[2].district, 1);
	assert_true(ds.communes[1].cost_factor == 1.2);

	assert_int_equal(ds.criteria[9].lead_years, 1);
	assert_string_equal(ds.criteria[1].name_en, "Transport");
	assert_true(ds.criteria[1].unit_cost == 1100);

	assert_int_equal(dataset_criteria_met(&ds, 0), 19);
	assert_int_equal(dataset_criteria_met(&ds, 1), 15);
	assert_int_equal(dataset_criteria_met(&ds, 2), 5);
	/* A02, criterion 16: 3 villages x 50 x 1.2 */
	assert_true(fabs(dataset_gap_cost(&ds, 1, 16) - 180.0) < 1e-9);
	assert_false(dataset_gap(&ds, 2, 11)->fundable);
	assert_false(dataset_commune_closable(&ds, 2));
	assert_true(dataset_commune_closable(&ds, 1));

	assert_int_equal(ds.first_year, 2016);
	assert_int_equal(ds.nyears, 2);
	assert_int_equal(dataset_horizon(&ds), 2017);
	assert_int_equal(ds.nsources, 2);
	assert_true(ds.sources[0].criteria == CRITERIA_ALL);
	assert_true(ds.sources[1].criteria ==
		    (CRITERION_BIT(2) | CRITERION_BIT(6) | CRITERION_BIT(9) | CRITERION_BIT(17)));
	assert_int_equal(ds.sources[1].carry_over, 0);
	assert_true(dataset_budget(&ds, 1, 0) == 3500.5);

	assert_int_equal(ds.ntargets, 6);
	assert_int_equal(ds.targets[1].kind, TARGET_CRITERION_COMMUNES);
	assert_int_equal(ds.targets[1].subject_index, 2);
	assert_true(ds.targets[3].value == 12.5);
	assert_int_equal(ds.targets[4].kind, TARGET_DISTRICT_STANDARD);
	assert_int_equal(ds.targets[4].subject_index, 0);
	assert_true(dataset_commune_excluded(&ds, 2));
	assert_false(dataset_commune_excluded(&ds, 0));
	dataset_release(&ds);
}

/* Thousands grouping the Vietnamese way for the integer part of `text`. */
static void vietnamese_number(const char *text, char *out, size_t size)
{
	const char *dot = strchr(text, '.');
	size_t int_len = dot ? (size_t)(dot - text) : strlen(text);
	size_t sign = text[0] == '-';
	size_t o = 0;
	for (size_t i = 0; i < int_len && o + 2 < size; i++) {
		size_t left = int_len - i;
		if (i > sign && left % 3 == 0)
			out[o++] = '.';
		out[o++] = text[i];
	}
	if (dot)
		o += (size_t)snprintf(out + o, size - o, ",%s", dot + 1);
	out[o] = '\0';
}

/* Writes `src` (a plain CSV file) as Excel on Vietnamese Windows would:
 * BOM, CRLF, ';' between fields, decimal comma, dots grouping thousands. */
static void write_excel_variant(const char *src, const char *dst)
{
	struct csv_table t;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	memset(&t, 0, sizeof(t));
	assert_int_equal(csv_table_read(&t, src, src, &diags), CSVREAD_OK);
	FILE *out = fopen(dst, "wb");
	assert_non_null(out);
	fputs("\xEF\xBB\xBF", out);
	for (size_t r = 0; r <= t.nrows; r++) {
		char **fields = r ? t.rows[r - 1].fields : t.header;
		for (size_t i = 0; i < t.ncols; i++) {
			double v;
			const char *why;
			char buf[128];
			const char *text = fields[i];
			if (r && *text && csv_parse_number(CSV_DIALECT_COMMA, text, &v, &why) == 0) {
				vietnamese_number(text, buf, sizeof(buf));
				text = buf;
			}
			/* Quote every text field, as Excel does when it must. */
			if (strchr(text, ';') || strchr(text, '"'))
				fprintf(out, "\"%s\"", text);
			else
				fputs(text, out);
			fputs(i + 1 < t.ncols ? ";" : "\r\n", out);
		}
	}
	assert_int_equal(fclose(out), 0);
	csv_table_release(&t);
	diag_list_release(&diags);
}

static void assert_same_dataset(const struct dataset *a, const struct dataset *b)
{
	for (int k = 0; k < NTM_CRITERIA; k++) {
		assert_string_equal(a->criteria[k].name_vi, b->criteria[k].name_vi);
		assert_string_equal(a->criteria[k].unit, b->criteria[k].unit);
		assert_string_equal(criterion_unit(&a->criteria[k]), criterion_unit(&b->criteria[k]));
		assert_int_equal(a->criteria[k].lead_years, b->criteria[k].lead_years);
		assert_true(a->criteria[k].unit_cost == b->criteria[k].unit_cost);
	}
	assert_int_equal(a->ncommunes, b->ncommunes);
	for (size_t c = 0; c < a->ncommunes; c++) {
		assert_string_equal(a->communes[c].id, b->communes[c].id);
		assert_string_equal(a->communes[c].name, b->communes[c].name);
		assert_int_equal(a->communes[c].district, b->communes[c].district);
		assert_true(a->communes[c].cost_factor == b->communes[c].cost_factor);
	}
	for (size_t i = 0; i < a->ncommunes * NTM_CRITERIA; i++) {
		assert_int_equal(a->gaps[i].met, b->gaps[i].met);
		assert_int_equal(a->gaps[i].fundable, b->gaps[i].fundable);
		assert_true(a->gaps[i].quantity == b->gaps[i].quantity);
	}
	assert_int_equal(a->nsources, b->nsources);
	for (size_t s = 0; s < a->nsources; s++) {
		assert_string_equal(a->sources[s].name, b->sources[s].name);
		assert_string_equal(source_name(&a->sources[s]), source_name(&b->sources[s]));
		assert_true(a->sources[s].criteria == b->sources[s].criteria);
		assert_int_equal(a->sources[s].carry_over, b->sources[s].carry_over);
	}
	assert_int_equal(a->first_year, b->first_year);
	assert_int_equal(a->nyears, b->nyears);
	for (size_t i = 0; i < (size_t)a->nyears * a->nsources; i++)
		assert_true(a->budget[i] == b->budget[i]);
	assert_int_equal(a->ntargets, b->ntargets);
	for (size_t t = 0; t < a->ntargets; t++) {
		assert_int_equal(a->targets[t].kind, b->targets[t].kind);
		assert_int_equal(a->targets[t].subject_index, b->targets[t].subject_index);
		assert_true(a->targets[t].value == b->targets[t].value);
	}
}

/* Removes a dataset folder made by a test. */
static void remove_copy(const char *dir)
{
	for (size_t f = 0; f < 7; f++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, dataset_files[f]);
		unlink(path);
	}
	rmdir(dir);
}

/* A new folder (to remove with remove_copy) with the seven files of
 * dataset `from`, each made by `make` from the original. */
static char *dataset_copy(const char *from,
			  void (*make)(const char *src, const char *dst, const void *ctx),
			  const void *ctx)
{
	static char tmpl[64];
	strcpy(tmpl, "/tmp/ntm-loader-XXXXXX");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	for (size_t f = 0; f < 7; f++) {
		char src[4096], dst[4096];
		snprintf(src, sizeof(src), "%s/%s", from, dataset_files[f]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, dataset_files[f]);
		make(src, dst, ctx);
	}
	return dir;
}

static void make_excel_variant(const char *src, const char *dst, const void *ctx)
{
	(void)ctx;
	write_excel_variant(src, dst);
}

static void check_excel_variant_of(const char *dir)
{
	struct dataset plain, excel;
	char *tmp = dataset_copy(dir, make_excel_variant, NULL);
	load_ok(&plain, dir);
	load_ok(&excel, tmp);
	assert_same_dataset(&plain, &excel);
	dataset_release(&plain);
	dataset_release(&excel);
	remove_copy(tmp);
}

static void test_excel_variant_tiny(void **state)
{
	(void)state;
	check_excel_variant_of(TINY);
}

static void test_excel_variant_dienbien(void **state)
{
	(void)state;
	check_excel_variant_of(DIENBIEN);
}

static void test_missing_folder(void **state)
{
	(void)state;
	struct dataset ds;
	struct diag_list diags;
	diag_list_init(&diags, 50);
	dataset_init(&ds);
	assert_int_equal(dataset_load(&ds, NTM_TEST_DIR "/no-such-dataset", &diags),
			 LOAD_NO_FOLDER);
	/* One message naming the folder, not seven "missing file" lines. */
	assert_int_equal(diags.nr, 1);
	assert_non_null(strstr(diags.items[0].message, "no-such-dataset"));
	dataset_release(&ds);
	diag_list_release(&diags);
}

/* Display names: optional columns, printed in the language, and sources
 * found by id or either name, case and accents aside. */
static void test_display_names(void **state)
{
	(void)state;
	struct dataset ds;
	load_ok(&ds, DIENBIEN);
	assert_string_equal(ds.sources[0].name, "central");
	lang_set(LANG_VI);
	assert_string_equal(source_name(&ds.sources[0]), "Trung ương");
	assert_string_equal(criterion_unit(&ds.criteria[1]), "km đường bê tông");
	lang_set(LANG_EN);
	assert_string_equal(source_name(&ds.sources[0]), "Central budget");
	assert_string_equal(criterion_unit(&ds.criteria[1]), "km of concrete road");
	assert_int_equal(dataset_match_source(&ds, "central"), 0);
	assert_int_equal(dataset_match_source(&ds, "Trung ương"), 0);
	assert_int_equal(dataset_match_source(&ds, "trung uong"), 0);
	assert_int_equal(dataset_match_source(&ds, "TRUNG ƯƠNG"), 0);
	assert_int_equal(dataset_match_source(&ds, "central BUDGET"), 0);
	assert_int_equal(dataset_match_source(&ds, "ngan sach tinh"), 1);
	assert_int_equal(dataset_match_source(&ds, "Tin dung"), 4);
	assert_int_equal(dataset_match_source(&ds, "Trung"), -1);
	char *names = dataset_source_names(&ds);
	assert_string_equal(names, "central (Trung ương, Central budget), "
			    "province (Ngân sách tỉnh, Provincial budget), "
			    "integrated (Lồng ghép, Integrated programmes), "
			    "people (Nhân dân đóng góp, People's contributions), credit (Tín dụng, Credit)");
	free(names);
	/* Two sources that fold to one name: the name is refused, the id
	 * still works. */
	free(ds.sources[1].name_vi);
	ds.sources[1].name_vi = strdup("Trung Uong");
	assert_non_null(ds.sources[1].name_vi);
	assert_int_equal(dataset_match_source(&ds, "trung uong"), -2);
	assert_int_equal(dataset_match_source(&ds, "Trung Uong"), 1); /* exact first */
	assert_int_equal(dataset_match_source(&ds, "province"), 1);
	dataset_release(&ds);

	/* Without the columns (tiny): the id is the name and the unit. */
	load_ok(&ds, TINY);
	lang_set(LANG_VI);
	assert_string_equal(source_name(&ds.sources[0]), "central");
	assert_string_equal(criterion_unit(&ds.criteria[1]), "km");
	lang_set(LANG_EN);
	dataset_release(&ds);
}

/* A file to replace while copying a dataset: its name and new text. */
struct replacement {
	const char *file;
	const char *text;
};

static void copy_or_replace(const char *src, const char *dst, const void *ctx)
{
	const struct replacement *r = ctx;
	const char *slash = strrchr(src, '/');
	FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
	assert_non_null(in);
	assert_non_null(out);
	if (!strcmp(slash ? slash + 1 : src, r->file)) {
		fputs(r->text, out);
	} else {
		int ch;
		while ((ch = getc(in)) != EOF)
			putc(ch, out);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* tiny, with one file replaced by `text`, into a new folder. */
static char *copy_with(const char *file, const char *text)
{
	struct replacement r = {file, text};
	return dataset_copy(TINY, copy_or_replace, &r);
}

/* The message of issue 20, in Vietnamese: one line for a column of dot
 * decimals in a ';' file, with the count, the first line and the cause. */
static void test_dot_decimals_once_vietnamese(void **state)
{
	(void)state;
	char *dir = copy_with("communes.csv",
			      "commune_id;commune;district;cost_factor\n"
			      "A01;Thanh Chăn;Điện Biên;1.1\n"
			      "A02;Noong Hẹt;Điện Biên;1.2\n"
			      "B01;Ẳng Nưa;Mường Ảng;1.5\n");
	struct dataset ds;
	struct diag_list diags;
	dataset_init(&ds);
	diag_list_init(&diags, 50);
	lang_set(LANG_VI);
	assert_int_equal(dataset_load(&ds, dir, &diags), LOAD_INVALID);
	lang_set(LANG_EN);
	assert_int_equal(diags.nr, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 4);
	assert_non_null(strstr(diags.items[0].message,
			       "số có dấu chấm thập phân trong tệp dùng ';': 3 dòng, từ dòng 2"));
	dataset_release(&ds);
	diag_list_release(&diags);
	remove_copy(dir);
}

/* Headers as a person types them: case, spaces, Vietnamese names, a BOM
 * and ';' (Excel), all at once, load to the same dataset as tiny. */
static void test_headers_as_typed(void **state)
{
	(void)state;
	char *dir = copy_with("communes.csv",
			      "\xEF\xBB\xBF" " Mã Xã ;TÊN XÃ; huyen ;Hệ số chi phí\r\n"
			      "A01;Thanh Chăn;Điện Biên;1\r\n"
			      "A02;Noong Hẹt;Điện Biên;1,2\r\n"
			      "B01;Ẳng Nưa;Mường Ảng;1,5\r\n");
	struct dataset typed, tiny;
	load_ok(&typed, dir);
	load_ok(&tiny, TINY);
	assert_same_dataset(&tiny, &typed);
	dataset_release(&typed);
	dataset_release(&tiny);
	remove_copy(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tiny_loads),
		cmocka_unit_test(test_excel_variant_tiny),
		cmocka_unit_test(test_excel_variant_dienbien),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_display_names),
		cmocka_unit_test(test_dot_decimals_once_vietnamese),
		cmocka_unit_test(test_headers_as_typed),
	};
	return cmocka_run_group_tests(tests, setup_en, NULL);
}
