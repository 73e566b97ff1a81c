/* Tests of provenance.c and of provenance.csv (planout.c): SHA-256 against
 * the standard's test vectors and of a file; the block at the top of the
 * reports, in both languages; provenance.csv, written whole, with quoting
 * and the command line named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "lang.h"
#include "planout.h"
#include "provenance.h"

/* FIPS 180-2 test vectors. */
static void test_sha256_vectors(void **state)
{
	(void)state;
	char hex[SHA256_HEX_SIZE];
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* A file of more than one read buffer hashes as its bytes do. */
static void test_sha256_file(void **state)
{
	(void)state;
	char path[] = "/tmp/ntm-sha-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = 200000;
	char *data = malloc(len);
	assert_non_null(data);
	for (size_t i = 0; i < len; i++)
		data[i] = (char)(i * 7 + i / 1000);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	char want[SHA256_HEX_SIZE], got[SHA256_HEX_SIZE];
	sha256_hex(data, len, want);
	assert_int_equal(sha256_file_hex(path, got), 0);
	assert_string_equal(got, want);
	unlink(path);
	errno = 0;
	assert_int_equal(sha256_file_hex(path, got), -1);
	assert_int_equal(errno, ENOENT);
	free(data);
}

static void fill(struct provenance *prov, int with_overrides)
{
	provenance_init(prov);
	assert_int_equal(provenance_add(prov, PROVENANCE_PROGRAM, "ntmplan", "0.1.0"), 0);
	assert_int_equal(provenance_add(prov, PROVENANCE_SCENARIO, "sc/cut.ini", "Cắt giảm, \"20%\""), 0);
	assert_int_equal(provenance_add(prov, PROVENANCE_DATASET, "data/x", "x"), 0);
	assert_int_equal(provenance_add(prov, PROVENANCE_FILE, "sc/cut.ini", "aa"), 0);
	assert_int_equal(provenance_add(prov, PROVENANCE_FILE, "data/x/criteria.csv", "bb"), 0);
	if (!with_overrides)
		return;
	assert_int_equal(provenance_add(prov, PROVENANCE_OVERRIDE, "sc/cut.ini:7", "[budget] central = x0.8"), 0);
	assert_int_equal(provenance_add(prov, PROVENANCE_OVERRIDE, "", "--horizon 2019"), 0);
}

static char *print_block(const struct provenance *prov)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(provenance_print(f, prov), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void test_print_english(void **state)
{
	(void)state;
	struct provenance prov;
	lang_set(LANG_EN);
	fill(&prov, 1);
	char *text = print_block(&prov);
	assert_string_equal(text,
		"Scenario: Cắt giảm, \"20%\" (sc/cut.ini)\n"
		"Dataset folder: data/x\n"
		"Files read (SHA-256):\n"
		"  sc/cut.ini           aa\n"
		"  data/x/criteria.csv  bb\n"
		"Changes to the dataset, in the order applied:\n"
		"  sc/cut.ini:7  [budget] central = x0.8\n"
		"  command line  --horizon 2019\n");
	free(text);
	provenance_release(&prov);
}

static void test_print_vietnamese_no_overrides(void **state)
{
	(void)state;
	struct provenance prov;
	lang_set(LANG_VI);
	fill(&prov, 0);
	char *text = print_block(&prov);
	assert_non_null(strstr(text, "Kịch bản: Cắt giảm, \"20%\" (sc/cut.ini)\n"));
	assert_non_null(strstr(text, "Thư mục dữ liệu: data/x\n"));
	assert_non_null(strstr(text, "Các tệp đã đọc (SHA-256):\n"));
	assert_non_null(strstr(text, "Thay đổi so với bộ dữ liệu: không có\n"));
	free(text);
	provenance_release(&prov);
	lang_set(LANG_EN);
}

/* A full stream makes the print fail. */
static void test_print_write_error(void **state)
{
	(void)state;
	struct provenance prov;
	fill(&prov, 1);
	FILE *full = fopen("/dev/full", "w");
	if (!full) {
		provenance_release(&prov);
		skip();
	}
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(provenance_print(full, &prov), -1);
	fclose(full);
	provenance_release(&prov);
}

static void test_csv(void **state)
{
	(void)state;
	struct provenance prov;
	struct diag_list diags;
	char dir[] = "/tmp/ntm-prov-XXXXXX";
	assert_non_null(mkdtemp(dir));
	diag_list_init(&diags, 10);
	fill(&prov, 1);
	lang_set(LANG_VI); /* the file is the same in every language */
	assert_int_equal(planout_write_provenance(&prov, dir, CSV_FORMAT_PLAIN, &diags), 0);
	lang_set(LANG_EN);
	char path[64];
	snprintf(path, sizeof(path), "%s/provenance.csv", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[1024];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf,
		"kind,name,value\n"
		"program,ntmplan,0.1.0\n"
		"scenario,sc/cut.ini,\"Cắt giảm, \"\"20%\"\"\"\n"
		"dataset,data/x,x\n"
		"file,sc/cut.ini,aa\n"
		"file,data/x/criteria.csv,bb\n"
		"override,sc/cut.ini:7,[budget] central = x0.8\n"
		"override,command-line,--horizon 2019\n");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_mode & S_IRUSR);
	unlink(path);
	rmdir(dir);
	/* the folder is gone: an error naming the file */
	assert_int_equal(planout_write_provenance(&prov, dir, CSV_FORMAT_PLAIN, &diags), -1);
	assert_int_equal(diags.nr, 1);
	assert_string_equal(diags.items[0].file, path);
	diag_list_release(&diags);
	provenance_release(&prov);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(provenance_kind_name(PROVENANCE_PROGRAM), "program");
	assert_string_equal(provenance_kind_name(PROVENANCE_SCENARIO), "scenario");
	assert_string_equal(provenance_kind_name(PROVENANCE_DATASET), "dataset");
	assert_string_equal(provenance_kind_name(PROVENANCE_FILE), "file");
	assert_string_equal(provenance_kind_name(PROVENANCE_OVERRIDE), "override");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_file),
		cmocka_unit_test(test_print_english),
		cmocka_unit_test(test_print_vietnamese_no_overrides),
		cmocka_unit_test(test_print_write_error),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
