/* Tests of planout.c: the four CSV files of a plan, with their documented
 * headers and rows (read back with csvread), '.' as the decimal mark in
 * both languages, quoting, and the all-or-nothing writing of each file: a
 * failure names the file, leaves the old file as it was and leaves no
 * temporary file behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "plan.h"
#include "planout.h"
#include "support/loadok.h"

#define TINY NTM_TEST_DIR "/data/tiny"

/* tiny's communes, in the order of communes.csv. */
enum { A01, A02, B01 };

static const char *const out_files[5] = {
	"allocation.csv", "communes.csv", "targets.csv", "objectives.csv", "levels.csv",
};

/* allocation.csv's header in the plain form. */
static const char *const alloc_header[11] = {
	"year", "source", "commune_id", "criterion", "amount", "quantity", "unit",
	"commune", "district", "criterion_name", "source_name"};

/* What every test works on: tiny, a plan on it, and a fresh folder. */
struct fixture {
	struct dataset ds;
	struct plan p;
	char dir[64];
};

/* A02 at standard in 2017, with hand-made allocation lines whose amounts
 * have decimals (planout writes whatever the plan holds), and stages of
 * every status. */
static void build_plan(struct fixture *fx)
{
	struct plan *p = &fx->p;
	plan_init(p);
	assert_int_equal(plan_reset(p, &fx->ds), 0);
	plan_set_standard(p, A02, 2);
	assert_int_equal(plan_evaluate(p), 0);

	static const struct allocation lines[] = {
		{1, 0, A02, 16, 180},
		{1, 1, A02, 17, 500},
		{1, 0, A02, 17, 459.9996},   /* rounds to 460 */
		{1, 0, A02, 18, 120.25},
		{2, 0, A02, 19, 1234.5678},  /* rounds to 1234.568 */
		{2, 0, A02, 19, 0.0004},     /* rounds to 0, never "-0" */
	};
	size_t n = sizeof(lines) / sizeof(lines[0]);
	p->allocations = malloc(sizeof(lines));
	assert_non_null(p->allocations);
	memcpy(p->allocations, lines, sizeof(lines));
	p->nallocations = p->allocations_alloc = n;

	p->stages[OBJ_SHORTFALL] = (struct stage_result){STAGE_OPTIMAL, 0, 0, 0.1, 0};
	p->stages[OBJ_COMMUNES] = (struct stage_result){STAGE_OPTIMAL, 2, 2, 0.2, 0};
	p->stages[OBJ_STANDARD_YEARS] = (struct stage_result){STAGE_TIME_LIMIT, 3, 3.5, 60, 0};
	p->stages[OBJ_CRITERIA] = (struct stage_result){STAGE_FAILED, 0, 99, 0, 0};
	p->stages[OBJ_MONEY] = (struct stage_result){STAGE_WITHIN_TOLERANCE, 1380, 1379.862, 0.3, 0.01};
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	lang_set(LANG_EN);
	load_ok(&fx->ds, TINY);
	build_plan(fx);
	strcpy(fx->dir, "/tmp/ntm-planout-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	*state = fx;
	return 0;
}

/* Removes everything in the folder (files, and one level of folders),
 * then the folder. */
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
	chmod(fx->dir, 0700);
	remove_tree(fx->dir);
	plan_release(&fx->p);
	dataset_release(&fx->ds);
	free(fx);
	lang_set(LANG_EN);
	return 0;
}

static char *path_in(const char *dir, const char *name)
{
	size_t size = strlen(dir) + strlen(name) + 2;
	char *path = malloc(size);
	assert_non_null(path);
	snprintf(path, size, "%s/%s", dir, name);
	return path;
}

/* The whole content of a file (to free), or NULL when it does not exist. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	int ch;
	while ((ch = getc(f)) != EOF)
		putc(ch, mem);
	fclose(f);
	assert_int_equal(fclose(mem), 0);
	return buf;
}

static char *slurp_in(const char *dir, const char *name)
{
	char *path = path_in(dir, name);
	char *text = slurp(path);
	free(path);
	return text;
}

/* Entries of the folder whose name starts with '.' (other than "." and
 * ".."): leftover temporary files. */
static int hidden_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			fprintf(stderr, "leftover: %s/%s\n", dir, e->d_name);
			count++;
		}
	}
	closedir(d);
	return count;
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		count += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return count;
}

/* Reads one output file back; it must be a plain comma CSV with exactly
 * this header, LF line ends and a final newline. */
static void read_back(struct csv_table *t, const char *dir, const char *name,
		      const char *const *header, size_t ncols)
{
	char *path = path_in(dir, name);
	char *raw = slurp(path);
	assert_non_null(raw);
	assert_null(strchr(raw, '\r'));
	size_t len = strlen(raw);
	assert_true(len > 0 && raw[len - 1] == '\n');
	free(raw);

	struct diag_list diags;
	diag_list_init(&diags, 20);
	memset(t, 0, sizeof(*t));
	enum csvread_status st = csv_table_read(t, path, name, &diags);
	for (size_t i = 0; i < diags.nr; i++)
		diag_print(stderr, &diags.items[i]);
	assert_int_equal(st, CSVREAD_OK);
	assert_int_equal(diag_count(&diags), 0);
	diag_list_release(&diags);
	free(path);
	assert_int_equal(t->dialect, CSV_DIALECT_COMMA);
	assert_int_equal(t->ncols, ncols);
	for (size_t i = 0; i < ncols; i++)
		assert_string_equal(t->header[i], header[i]);
}

static void assert_row(const struct csv_table *t, size_t r, const char *const *fields)
{
	assert_true(r < t->nrows);
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->rows[r].fields[i], fields[i]))
			fail_msg("%s row %zu field %zu: \"%s\", expected \"%s\"", t->name, r + 1,
				 i + 1, t->rows[r].fields[i], fields[i]);
}

/* Checks the four files of the plan built by build_plan. */
static void assert_files_of_plan(const char *dir)
{
	struct csv_table t;

	read_back(&t, dir, "allocation.csv", alloc_header, 11);
	assert_int_equal(t.nrows, 6);
	/* The quantity is the amount over unit cost x cost factor (A02: 1.2):
	 * 180 / (50 x 1.2) = 3 villages. */
	assert_row(&t, 0, (const char *const[]){"2016", "central", "A02", "16", "180", "3", "villages",
						"Noong Hẹt", "Điện Biên", "Culture", "central"});
	assert_row(&t, 1, (const char *const[]){"2016", "people", "A02", "17", "500", "1.042", "works",
						"Noong Hẹt", "Điện Biên", "Environment", "people"});
	assert_row(&t, 2, (const char *const[]){"2016", "central", "A02", "17", "460", "0.958", "works",
						"Noong Hẹt", "Điện Biên", "Environment", "central"});
	assert_row(&t, 3, (const char *const[]){"2016", "central", "A02", "18", "120.25", "1.002", "units",
						"Noong Hẹt", "Điện Biên", "Political system", "central"});
	assert_row(&t, 4, (const char *const[]){"2017", "central", "A02", "19", "1234.568", "10.288", "units",
						"Noong Hẹt", "Điện Biên", "Security and order", "central"});
	assert_row(&t, 5, (const char *const[]){"2017", "central", "A02", "19", "0", "0", "units",
						"Noong Hẹt", "Điện Biên", "Security and order", "central"});
	csv_table_release(&t);

	static const char *const communes_header[] = {
		"commune_id", "commune", "district", "criteria_before", "criteria_after", "standard_year"};
	read_back(&t, dir, "communes.csv", communes_header, 6);
	assert_int_equal(t.nrows, 3);
	assert_row(&t, 0, (const char *const[]){"A01", "Thanh Chăn", "Điện Biên", "19", "19", "2015"});
	assert_row(&t, 1, (const char *const[]){"A02", "Noong Hẹt", "Điện Biên", "15", "19", "2017"});
	assert_row(&t, 2, (const char *const[]){"B01", "Ẳng Nưa", "Mường Ảng", "5", "5", ""});
	csv_table_release(&t);

	static const char *const targets_header[] = {"target", "subject", "value", "achieved",
						     "shortfall", "priority", "price_communes",
						     "price_commune_years"};
	read_back(&t, dir, "targets.csv", targets_header, 8);
	assert_int_equal(t.nrows, 6);
	/* Not priced (solve_prices did not run): no price; exclude_commune
	 * has no priority, never falling short. */
	assert_row(&t, 0, (const char *const[]){"communes_standard", "", "2", "2", "0", "1", "", ""});
	assert_row(&t, 1, (const char *const[]){"criterion_communes", "2", "2", "2", "0", "1", "", ""});
	assert_row(&t, 2, (const char *const[]){"min_criteria", "", "5", "5", "0", "1", "", ""});
	/* 43 criteria over 3 communes. */
	assert_row(&t, 3, (const char *const[]){"avg_criteria", "", "12.5", "14.333", "0", "1", "", ""});
	assert_row(&t, 4, (const char *const[]){"district_standard", "Điện Biên", "", "2", "0", "1", "",
						""});
	assert_row(&t, 5, (const char *const[]){"exclude_commune", "B01", "", "1", "0", "", "", ""});
	csv_table_release(&t);

	static const char *const levels_header[] = {"level", "priority", "value", "relative_shortfall",
						    "bound", "status"};
	read_back(&t, dir, "levels.csv", levels_header, 6);
	assert_int_equal(t.nrows, 1);
	assert_row(&t, 0, (const char *const[]){"1", "1", "0", "0", "", "not_run"});
	csv_table_release(&t);

	static const char *const objectives_header[] = {"stage", "objective", "value", "bound", "status"};
	read_back(&t, dir, "objectives.csv", objectives_header, 5);
	assert_int_equal(t.nrows, 5);
	/* Values are the plan's (0 2 3 43 1380); a bound only for optimal,
	 * time_limit and within_tolerance stages. */
	assert_row(&t, 0, (const char *const[]){"0", "shortfall", "0", "0", "optimal"});
	assert_row(&t, 1, (const char *const[]){"1", "communes_standard", "2", "2", "optimal"});
	assert_row(&t, 2, (const char *const[]){"2", "standard_years", "3", "3.5", "time_limit"});
	assert_row(&t, 3, (const char *const[]){"3", "criteria_met", "43", "", "failed"});
	assert_row(&t, 4, (const char *const[]){"4", "money", "1380", "1379.862", "within_tolerance"});
	csv_table_release(&t);
}

/* The five files exist after planout_write with the documented headers and
 * the plan's rows; no temporary file is left. */
static void test_write_english(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	assert_int_equal(diag_count(&diags), 0);
	diag_list_release(&diags);
	assert_int_equal(entries(fx->dir), 5);
	assert_int_equal(hidden_entries(fx->dir), 0);
	assert_files_of_plan(fx->dir);
}

/* In the plain form the language changes only the names in the plan's
 * language (criterion names, units): headers, numbers ('.' as the decimal
 * mark, although Vietnamese text uses ',') and ids are the same. */
static void test_write_vietnamese_same_bytes(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	lang_set(LANG_EN);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	char *english[5];
	for (int i = 0; i < 5; i++)
		english[i] = slurp_in(fx->dir, out_files[i]);

	lang_set(LANG_VI);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	assert_int_equal(diag_count(&diags), 0);
	lang_set(LANG_EN);
	/* allocation.csv's criterion names differ ("Văn hóa"); the rest not. */
	for (int i = 1; i < 5; i++) {
		char *vietnamese = slurp_in(fx->dir, out_files[i]);
		assert_non_null(english[i]);
		assert_non_null(vietnamese);
		assert_string_equal(vietnamese, english[i]);
		free(vietnamese);
		free(english[i]);
	}
	free(english[0]);
	char *alloc = slurp_in(fx->dir, "allocation.csv");
	assert_non_null(strstr(alloc, ",1234.568,10.288,units,Noong Hẹt,Điện Biên,Quốc phòng và An ninh,central\n"));
	assert_null(strstr(alloc, "1234,568"));
	free(alloc);
	assert_int_equal(hidden_entries(fx->dir), 0);
	diag_list_release(&diags);
}

/* excel-vi, the default: what Excel on a Vietnamese Windows opens by a
 * double click. A byte-order mark, Vietnamese headers, ';' between fields,
 * ',' as the decimal mark, CRLF; a field holding ';' quoted; ids as they
 * are. csvread reads it back (';' dialect) to the same numbers. */
static void test_write_excel_vi(void **state)
{
	struct fixture *fx = *state;
	free(fx->ds.communes[B01].name);
	fx->ds.communes[B01].name = strdup("Ẳng Nưa; Mường Ảng");
	assert_non_null(fx->ds.communes[B01].name);
	struct diag_list diags;
	diag_list_init(&diags, 10);
	lang_set(LANG_VI);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_EXCEL_VI, &diags), 0);
	lang_set(LANG_EN);
	assert_int_equal(diag_count(&diags), 0);
	diag_list_release(&diags);

	char *alloc = slurp_in(fx->dir, "allocation.csv");
	assert_memory_equal(alloc, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(alloc, "\xEF\xBB\xBFnăm;nguồn vốn;mã xã;tiêu chí;số tiền (triệu đồng);khối lượng;"
				      "đơn vị;xã;huyện;tên tiêu chí;tên nguồn vốn\r\n"));
	assert_non_null(strstr(alloc, "\r\n2017;central;A02;19;1234,568;10,288;units;Noong Hẹt;Điện Biên;"
				      "Quốc phòng và An ninh;central\r\n"));
	free(alloc);
	char *communes = slurp_in(fx->dir, "communes.csv");
	assert_non_null(strstr(communes, "\r\nB01;\"Ẳng Nưa; Mường Ảng\";Mường Ảng;5;5;\r\n"));
	free(communes);

	struct csv_table t;
	char *path = path_in(fx->dir, "targets.csv");
	diag_list_init(&diags, 10);
	assert_int_equal(csv_table_read(&t, path, "targets.csv", &diags), CSVREAD_OK);
	free(path);
	diag_list_release(&diags);
	assert_int_equal(t.dialect, CSV_DIALECT_SEMICOLON);
	assert_string_equal(t.header[0], "chỉ tiêu");
	assert_string_equal(t.header[4], "thiếu hụt");
	assert_string_equal(t.rows[3].fields[0], "avg_criteria");
	double v;
	const char *why;
	assert_int_equal(csv_parse_number(t.dialect, t.rows[3].fields[3], &v, &why), 0);
	assert_true(v > 14.3329 && v < 14.3331);
	csv_table_release(&t);
}

/* Copies file `name` from folder `from` into folder `to`. */
static void copy_file(const char *from, const char *to, const char *name)
{
	char *src = path_in(from, name), *dst = path_in(to, name);
	char *text = slurp(src);
	assert_non_null(text);
	FILE *out = fopen(dst, "wb");
	assert_non_null(out);
	fputs(text, out);
	assert_int_equal(fclose(out), 0);
	free(text);
	free(src);
	free(dst);
}

/* The targets.csv a plan writes is an input too: in every form and both
 * languages (Vietnamese headers, ';', decimal commas, BOM, CRLF) it loads
 * as a dataset's targets.csv to the same targets. */
static void test_targets_load_back(void **state)
{
	struct fixture *fx = *state;
	static const enum csv_format forms[] = {CSV_FORMAT_EXCEL_VI, CSV_FORMAT_EXCEL, CSV_FORMAT_PLAIN};
	char *data = path_in(fx->dir, "data");
	assert_int_equal(mkdir(data, 0777), 0);
	for (size_t f = 0; f < 7; f++)
		if (strcmp(dataset_files[f], "targets.csv"))
			copy_file(TINY, data, dataset_files[f]);
	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			struct diag_list diags;
			diag_list_init(&diags, 10);
			lang_set(l ? LANG_VI : LANG_EN);
			assert_int_equal(planout_write(&fx->p, fx->dir, forms[i], &diags), 0);
			copy_file(fx->dir, data, "targets.csv");
			struct dataset back;
			dataset_init(&back);
			enum load_status st = dataset_load(&back, data, &diags);
			for (size_t d = 0; d < diags.nr; d++)
				diag_print(stderr, &diags.items[d]);
			assert_int_equal(st, LOAD_OK);
			assert_int_equal(back.ntargets, fx->ds.ntargets);
			for (size_t t = 0; t < back.ntargets; t++) {
				assert_int_equal(back.targets[t].kind, fx->ds.targets[t].kind);
				assert_int_equal(back.targets[t].subject_index, fx->ds.targets[t].subject_index);
				assert_true(back.targets[t].value == fx->ds.targets[t].value);
			}
			dataset_release(&back);
			diag_list_release(&diags);
		}
	}
	lang_set(LANG_EN);
	free(data);
}

/* excel: the same for an English-locale Excel: BOM, ',' and '.', CRLF,
 * headers in the language. */
static void test_write_excel(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_EXCEL, &diags), 0);
	diag_list_release(&diags);
	char *obj = slurp_in(fx->dir, "objectives.csv");
	assert_string_equal(obj, "\xEF\xBB\xBFstage,objective,value,bound,status\r\n"
				 "0,shortfall,0,0,optimal\r\n"
				 "1,communes_standard,2,2,optimal\r\n"
				 "2,standard_years,3,3.5,time_limit\r\n"
				 "3,criteria_met,43,,failed\r\n"
				 "4,money,1380,1379.862,within_tolerance\r\n");
	free(obj);
	assert_string_equal(planout_header_vi("targets.csv", "subject"), "đối tượng");
	assert_null(planout_header_vi("targets.csv", "nothing"));
}

/* Fields holding a comma or a quote are quoted (quotes doubled) and read
 * back unchanged. */
static void test_quoting(void **state)
{
	struct fixture *fx = *state;
	free(fx->ds.communes[B01].name);
	fx->ds.communes[B01].name = strdup("Mường Lay, thị xã");
	free(fx->ds.districts[1]);
	fx->ds.districts[1] = strdup("Huyện \"Mới\"");
	assert_non_null(fx->ds.communes[B01].name);
	assert_non_null(fx->ds.districts[1]);

	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	diag_list_release(&diags);
	char *raw = slurp_in(fx->dir, "communes.csv");
	assert_non_null(strstr(raw, "B01,\"Mường Lay, thị xã\",\"Huyện \"\"Mới\"\"\",5,5,\n"));
	free(raw);

	struct csv_table t;
	static const char *const communes_header[] = {
		"commune_id", "commune", "district", "criteria_before", "criteria_after", "standard_year"};
	read_back(&t, fx->dir, "communes.csv", communes_header, 6);
	assert_row(&t, 2, (const char *const[]){"B01", "Mường Lay, thị xã", "Huyện \"Mới\"", "5", "5", ""});
	csv_table_release(&t);
}

/* Into a folder that does not exist: -1, a diagnostic naming the first
 * file (with the folder), and nothing created anywhere. */
static void test_missing_folder(void **state)
{
	struct fixture *fx = *state;
	char *missing = path_in(fx->dir, "no-such-folder");
	char *expected = path_in(missing, "allocation.csv");
	struct diag_list diags;
	diag_list_init(&diags, 10);
	lang_set(LANG_EN);
	assert_int_equal(planout_write(&fx->p, missing, CSV_FORMAT_PLAIN, &diags), -1);
	assert_true(diag_count(&diags) >= 1);
	assert_non_null(diags.items[0].file);
	assert_string_equal(diags.items[0].file, expected);
	assert_int_equal(diags.items[0].line, 0);
	assert_non_null(strstr(diags.items[0].message, "cannot write"));
	/* Nothing in the parent folder, and the folder was not created. */
	assert_int_equal(entries(fx->dir), 0);
	struct stat st;
	assert_int_equal(stat(missing, &st), -1);
	diag_list_release(&diags);
	free(expected);
	free(missing);
}

/* The old files, one by one (to free with free_files). */
static void read_files(const char *dir, char *files[5])
{
	for (int i = 0; i < 5; i++) {
		files[i] = slurp_in(dir, out_files[i]);
		assert_non_null(files[i]);
	}
}

static void free_files(char *files[5])
{
	for (int i = 0; i < 5; i++)
		free(files[i]);
}

/* Makes the plan different, so that a rewrite would change every file. */
static void change_plan(struct plan *p)
{
	plan_set_completed(p, B01, 2);
	assert_int_equal(plan_evaluate(p), 0);
	p->allocations[0].amount = 181;
	p->stages[OBJ_MONEY].status = STAGE_OPTIMAL;
}

/* In a read-only folder, writing fails with a diagnostic naming the file
 * and the old files stay as they were, with no temporary file left. (As
 * root, permissions do not stop writes: skipped then.) */
static void test_read_only_folder_keeps_old_files(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	char *old[5];
	read_files(fx->dir, old);

	assert_int_equal(chmod(fx->dir, 0500), 0);
	if (geteuid() == 0 || access(fx->dir, W_OK) == 0) {
		chmod(fx->dir, 0700);
		free_files(old);
		diag_list_release(&diags);
		skip();
		return;
	}
	change_plan(&fx->p);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), -1);
	chmod(fx->dir, 0700);
	assert_true(diags.nr >= 1);
	char *expected = path_in(fx->dir, "allocation.csv");
	assert_string_equal(diags.items[0].file, expected);
	free(expected);
	for (int i = 0; i < 5; i++) {
		char *now = slurp_in(fx->dir, out_files[i]);
		assert_non_null(now);
		assert_string_equal(now, old[i]);
		free(now);
	}
	assert_int_equal(hidden_entries(fx->dir), 0);
	free_files(old);
	diag_list_release(&diags);
}

/* Writing that fails midway through a file (here the file size limit,
 * which binds root too) leaves the old file intact and no temporary file,
 * and the diagnostic names the file. */
static void test_write_error_keeps_old_file(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), 0);
	char *old[5];
	read_files(fx->dir, old);
	change_plan(&fx->p);

	struct rlimit saved, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = 16; /* less than any of the files */
	void (*saved_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, saved_handler);

	assert_int_equal(rc, -1);
	assert_true(diags.nr >= 1);
	char *expected = path_in(fx->dir, "allocation.csv");
	assert_string_equal(diags.items[0].file, expected);
	free(expected);
	for (int i = 0; i < 5; i++) {
		char *now = slurp_in(fx->dir, out_files[i]);
		assert_non_null(now);
		assert_string_equal(now, old[i]);
		free(now);
	}
	assert_int_equal(entries(fx->dir), 5);
	assert_int_equal(hidden_entries(fx->dir), 0);
	free_files(old);
	diag_list_release(&diags);
}

/* When the last step, the rename, fails (targets.csv is a folder), the
 * function fails naming targets.csv, the folder is untouched, the files
 * written before it are complete, and no temporary file is left. */
static void test_rename_failure(void **state)
{
	struct fixture *fx = *state;
	char *blocker = path_in(fx->dir, "targets.csv");
	char *inside = path_in(blocker, "keep");
	assert_int_equal(mkdir(blocker, 0700), 0);
	FILE *f = fopen(inside, "w");
	assert_non_null(f);
	fputs("x\n", f);
	assert_int_equal(fclose(f), 0);

	struct diag_list diags;
	diag_list_init(&diags, 10);
	assert_int_equal(planout_write(&fx->p, fx->dir, CSV_FORMAT_PLAIN, &diags), -1);
	assert_true(diags.nr >= 1);
	assert_string_equal(diags.items[0].file, blocker);
	struct stat st;
	assert_int_equal(stat(blocker, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	char *kept = slurp(inside);
	assert_non_null(kept);
	assert_string_equal(kept, "x\n");
	free(kept);
	assert_int_equal(hidden_entries(fx->dir), 0);

	/* allocation.csv and communes.csv were written whole. */
	struct csv_table t;
	read_back(&t, fx->dir, "allocation.csv", alloc_header, 11);
	assert_int_equal(t.nrows, 6);
	csv_table_release(&t);
	static const char *const communes_header[] = {
		"commune_id", "commune", "district", "criteria_before", "criteria_after", "standard_year"};
	read_back(&t, fx->dir, "communes.csv", communes_header, 6);
	assert_int_equal(t.nrows, 3);
	csv_table_release(&t);

	unlink(inside);
	rmdir(blocker);
	free(inside);
	free(blocker);
	diag_list_release(&diags);
}

/* The names in objectives.csv and stage statuses. */
static void test_names(void **state)
{
	(void)state;
	assert_string_equal(objective_name(OBJ_SHORTFALL), "shortfall");
	assert_string_equal(objective_name(OBJ_COMMUNES), "communes_standard");
	assert_string_equal(objective_name(OBJ_STANDARD_YEARS), "standard_years");
	assert_string_equal(objective_name(OBJ_CRITERIA), "criteria_met");
	assert_string_equal(objective_name(OBJ_MONEY), "money");
	assert_string_equal(stage_status_name(STAGE_OPTIMAL), "optimal");
	assert_string_equal(stage_status_name(STAGE_TIME_LIMIT), "time_limit");
	assert_string_equal(stage_status_name(STAGE_FAILED), "failed");
	assert_string_equal(stage_status_name(STAGE_WITHIN_TOLERANCE), "within_tolerance");
	assert_string_equal(stage_status_name(STAGE_NOT_RUN), "not_run");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_english, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_vietnamese_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_excel_vi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_excel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_targets_load_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_folder_keeps_old_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error_keeps_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_failure, setup, teardown),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
