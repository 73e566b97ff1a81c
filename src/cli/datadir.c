/* The default dataset folder: see datadir.h. */
#include "datadir.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "xalloc.h"

/* Set by CMakeLists.txt from GNUInstallDirs. */
#ifndef NTM_PKGDATADIR
#define NTM_PKGDATADIR "/usr/local/share/ntmplan"
#endif
#ifndef NTM_BIN_TO_PKGDATA
#define NTM_BIN_TO_PKGDATA "../share/ntmplan"
#endif

char *datadir_beside(const char *exe, const char *rel, const char *name)
{
	const char *slash = exe ? strrchr(exe, '/') : NULL;
	if (!slash)
		return NULL;
	/* The program's folder, then one folder up for each leading "../" of
	 * rel: /proc/self/exe has no links left in it, so this is what the
	 * file system would do, and messages and reports show a plain path. */
	size_t dir_len = (size_t)(slash - exe);
	for (;;) {
		if (!strncmp(rel, "./", 2)) {
			rel += 2;
		} else if (!strncmp(rel, "../", 3) || !strcmp(rel, "..")) {
			while (dir_len > 0 && exe[dir_len - 1] != '/')
				dir_len--;
			if (dir_len > 0)
				dir_len--;     /* the slash before the folder left */
			rel += rel[2] ? 3 : 2;
		} else {
			break;
		}
	}
	return *rel ? strfmt("%.*s/%s/%s", (int)dir_len, exe, rel, name)
		    : strfmt("%.*s/%s", (int)dir_len, exe, name);
}

int datadir_choose(const char *const *candidates, size_t n,
		   int (*is_dir)(const char *path, void *arg), void *arg)
{
	for (size_t i = 0; i < n; i++)
		if (candidates[i] && is_dir(candidates[i], arg))
			return (int)i;
	return -1;
}

static int folder_exists(const char *path, void *arg)
{
	(void)arg;
	struct stat st;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The installed example beside the running program, or NULL. */
static char *beside_program(void)
{
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	return datadir_beside(exe, NTM_BIN_TO_PKGDATA, DATADIR_EXAMPLE);
}

const char *datadir_default(void)
{
	static char *found;
	if (found)
		return found;
	char *beside = beside_program();
	const char *candidates[] = {DATADIR_LOCAL, beside, NTM_PKGDATADIR "/" DATADIR_EXAMPLE};
	int i = datadir_choose(candidates, sizeof(candidates) / sizeof(candidates[0]),
			       folder_exists, NULL);
	if (i == 1) {
		found = beside;
		return found;
	}
	free(beside);
	return i < 0 ? NULL : candidates[i];
}

void datadir_print_missing(FILE *out, const char *program)
{
	/* Name the installed example where this program would look first. */
	char *beside = beside_program();
	fprintf(out, L("%s: no dataset folder: there is no %s here and no installed example (%s); "
		       "give one, e.g. 'ntmplan check FOLDER'\n",
		       "%s: không có thư mục dữ liệu: ở đây không có %s và không có bộ ví dụ đã cài (%s); "
		       "hãy ghi thư mục, ví dụ 'ntmplan check THƯ_MỤC'\n"),
		program, DATADIR_LOCAL, beside ? beside : NTM_PKGDATADIR "/" DATADIR_EXAMPLE);
	free(beside);
}
