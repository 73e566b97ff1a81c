/* Tests of datadir.c: the installed example's path beside the program,
 * the order in which the folders are tried, and the default chosen in a
 * real folder with and without data/dienbien. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"

static void test_beside(void **state)
{
	(void)state;
	static const struct {
		const char *exe, *rel, *want;
	} cases[] = {
		{"/home/an/.local/bin/ntmplan", "../share/ntmplan", "/home/an/.local/share/ntmplan/dienbien"},
		{"/usr/bin/ntmplan", "../share/ntmplan", "/usr/share/ntmplan/dienbien"},
		/* CMAKE_INSTALL_BINDIR=libexec/ntmplan/bin: two folders up. */
		{"/opt/n/libexec/ntmplan/bin/ntmplan", "../../../share/ntmplan", "/opt/n/share/ntmplan/dienbien"},
		{"/opt/n/bin/ntmplan", "./../data", "/opt/n/data/dienbien"},
		{"/opt/n/bin/ntmplan", "data", "/opt/n/bin/data/dienbien"},
		{"/opt/n/bin/ntmplan", "..", "/opt/n/dienbien"},
		/* More "../" than folders: the root's parent is the root. */
		{"/ntmplan", "../share/ntmplan", "/share/ntmplan/dienbien"},
		{"/bin/ntmplan", "../../share/ntmplan", "/share/ntmplan/dienbien"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = datadir_beside(cases[i].exe, cases[i].rel, "dienbien");
		assert_non_null(p);
		assert_string_equal(p, cases[i].want);
		free(p);
	}
	assert_null(datadir_beside("ntmplan", "../share/ntmplan", "dienbien"));
	assert_null(datadir_beside(NULL, "../share/ntmplan", "dienbien"));
}

/* A file system of the test's making: the folders listed in arg exist. */
static int listed(const char *path, void *arg)
{
	for (const char *const *p = arg; *p; p++)
		if (!strcmp(*p, path))
			return 1;
	return 0;
}

static void test_choose_order(void **state)
{
	(void)state;
	const char *candidates[] = {"data/dienbien", "/opt/n/bin/../share/ntmplan/dienbien",
				    "/usr/share/ntmplan/dienbien"};
	const char *all[] = {candidates[0], candidates[1], candidates[2], NULL};
	const char *installed[] = {candidates[1], candidates[2], NULL};
	const char *system_only[] = {candidates[2], NULL};
	const char *none[] = {NULL};
	assert_int_equal(datadir_choose(candidates, 3, listed, all), 0);
	assert_int_equal(datadir_choose(candidates, 3, listed, installed), 1);
	assert_int_equal(datadir_choose(candidates, 3, listed, system_only), 2);
	assert_int_equal(datadir_choose(candidates, 3, listed, none), -1);
	/* No program path (no /proc): that candidate is skipped. */
	const char *no_exe[] = {"data/dienbien", NULL, "/usr/share/ntmplan/dienbien"};
	assert_int_equal(datadir_choose(no_exe, 3, listed, system_only), 2);
}

/* In a folder with data/dienbien, that is the default; the real file
 * system, in a fresh temporary folder. */
static void test_default_here(void **state)
{
	(void)state;
	char old[4096], dir[] = "/tmp/ntm-datadir-XXXXXX";
	assert_non_null(getcwd(old, sizeof(old)));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(mkdir("data", 0777), 0);
	assert_int_equal(mkdir("data/dienbien", 0777), 0);
	const char *found = datadir_default();
	assert_non_null(found);
	assert_string_equal(found, "data/dienbien");
	assert_int_equal(rmdir("data/dienbien"), 0);
	assert_int_equal(rmdir("data"), 0);
	/* Without it: the installed example if there is one, else nothing.
	 * This test program is not installed, so only the compiled-in folder
	 * can be it. */
	found = datadir_default();
	struct stat st;
	if (found)
		assert_true(!stat(found, &st) && S_ISDIR(st.st_mode) && strstr(found, DATADIR_EXAMPLE));
	else
		assert_true(stat(NTM_TEST_PKGDATADIR "/" DATADIR_EXAMPLE, &st));
	assert_int_equal(chdir(old), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_beside),
		cmocka_unit_test(test_choose_order),
		cmocka_unit_test(test_default_here),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
