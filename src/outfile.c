#include "outfile.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "xalloc.h"

int outfile_write(const char *path, outfile_writer write, const void *ctx,
		  struct diag_list *diags)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? strfmt("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
			  : strfmt(".%s.XXXXXX", path);
	int rc = -1, fd;
	FILE *out;
	if (!tmp) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		goto cleanup;
	}
	int failed = write(out, ctx) != 0;
	mode_t mask = umask(0);
	umask(mask);
	failed = failed || ferror(out) || fflush(out) || fchmod(fileno(out), 0666 & ~mask) ||
		 fsync(fileno(out));
	int saved = errno;
	if (fclose(out) || failed) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(failed ? saved : errno));
		unlink(tmp);
		goto cleanup;
	}
	if (rename(tmp, path)) {
		diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"),
			 strerror(errno));
		unlink(tmp);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(tmp);
	return rc;
}

void outfile_put_field(FILE *out, const char *text)
{
	if (!strpbrk(text, ",\"\n\r")) {
		fputs(text, out);
		return;
	}
	putc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

void outfile_put_number(FILE *out, double v, int decimals)
{
	char buf[64];
	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0; /* no "-0" */
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		size_t len = strlen(buf);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
		if (buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	fputs(buf, out);
}
