/* Tests of outfile.c: a group of files appears whole or not at all, and an
 * interrupt (SIGTERM, SIGINT) while a file is being written removes its
 * temporary file and ends the process by that signal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "lang.h"
#include "outfile.h"
#include "xalloc.h"

static char dir[] = "/tmp/ntm-outfile-XXXXXX";

static int setup(void **state)
{
	(void)state;
	lang_set(LANG_EN);
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

/* Entries of the folder, hidden ones too. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static int write_text(FILE *out, const void *ctx)
{
	fputs(ctx, out);
	return 0;
}

static int write_fails(FILE *out, const void *ctx)
{
	(void)ctx;
	fputs("half", out);
	return -1;
}

/* The temporary file exists here: the signal must remove it. */
static int write_interrupted(FILE *out, const void *ctx)
{
	fputs("half", out);
	fflush(out);
	raise(*(const int *)ctx);
	return 0;
}

static void add(struct outfile_group *g, const char *name, outfile_writer w,
		const void *ctx, int rc, struct diag_list *diags)
{
	char *path = strfmt("%s/%s", dir, name);
	assert_non_null(path);
	assert_int_equal(outfile_group_add(g, path, w, ctx, diags), rc);
	free(path);
}

/* The third file fails: the two written before it never appear. */
static void test_group_all_or_nothing(void **state)
{
	struct outfile_group g;
	struct diag_list diags;
	(void)state;
	diag_list_init(&diags, 10);
	outfile_group_init(&g);
	add(&g, "a.csv", write_text, "a\n", 0, &diags);
	add(&g, "b.csv", write_text, "b\n", 0, &diags);
	assert_int_equal(entries(), 2);  /* their temporary files */
	add(&g, "c.csv", write_fails, NULL, -1, &diags);
	assert_int_equal(diags.nr, 1);
	assert_non_null(strstr(diags.items[0].file, "/c.csv"));
	outfile_group_release(&g);
	assert_int_equal(entries(), 0);

	outfile_group_init(&g);
	add(&g, "a.csv", write_text, "a\n", 0, &diags);
	add(&g, "b.csv", write_text, "b\n", 0, &diags);
	assert_int_equal(outfile_group_commit(&g, &diags), 0);
	outfile_group_release(&g);
	assert_int_equal(entries(), 2);
	for (const char *const *n = (const char *const[]){"a.csv", "b.csv", NULL}; *n; n++) {
		char *path = strfmt("%s/%s", dir, *n);
		assert_int_equal(unlink(path), 0);
		free(path);
	}
	diag_list_release(&diags);
}

static void interrupted(int sig)
{
	pid_t pid = fork();
	int status;
	assert_true(pid >= 0);
	if (pid == 0) {
		struct diag_list diags;
		char *path = strfmt("%s/plan.csv", dir);
		diag_list_init(&diags, 10);
		signal(sig, SIG_DFL);
		if (outfile_catch_signals() || !path)
			_exit(3);
		outfile_write(path, write_interrupted, &sig, &diags);
		_exit(4);  /* not reached: the signal ends the process */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), sig);
	assert_int_equal(entries(), 0);
}

static void test_sigterm_removes_temporary(void **state)
{
	(void)state;
	interrupted(SIGTERM);
}

static void test_sigint_removes_temporary(void **state)
{
	(void)state;
	interrupted(SIGINT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_all_or_nothing),
		cmocka_unit_test(test_sigterm_removes_temporary),
		cmocka_unit_test(test_sigint_removes_temporary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
