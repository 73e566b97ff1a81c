#include "outfile.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "lang.h"
#include "xalloc.h"

/*
 * The temporary files being written, for the signal handler: a slot holds
 * a path from before the file is created until it is renamed or removed,
 * and is cleared before the path is freed. The process has one thread, so
 * the handler never sees a path being freed.
 */
#define PENDING_MAX 32
static char *volatile pending[PENDING_MAX];

static int pending_add(char *tmp)
{
	for (int i = 0; i < PENDING_MAX; i++) {
		if (!pending[i]) {
			pending[i] = tmp;
			return 0;
		}
	}
	return -1;
}

static void pending_remove(const char *tmp)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

/* Async-signal-safe: unlink() and raise() only. With SA_RESETHAND the
 * signal raised again takes its default action: the process ends by it
 * (exit status 128 + signal in a shell: 130 for SIGINT, 143 for SIGTERM). */
void outfile_remove_temporaries(void)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (pending[i])
			unlink(pending[i]);
}

/* ".name.XXXXXX" beside `path`, for mkstemp(). */
static char *temporary_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? strfmt("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
		     : strfmt(".%s.XXXXXX", path);
}

char *outfile_scratch(const char *path)
{
	char *tmp = temporary_name(path);
	if (!tmp || pending_add(tmp)) {
		free(tmp);
		errno = ENOMEM;
		return NULL;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int saved = errno;
		pending_remove(tmp); /* nothing was made: the name may be someone else's */
		free(tmp);
		errno = saved;
		return NULL;
	}
	close(fd);
	return tmp;
}

void outfile_scratch_remove(char *scratch)
{
	if (!scratch)
		return;
	unlink(scratch);
	pending_remove(scratch);
	free(scratch);
}

static void on_signal(int sig)
{
	outfile_remove_temporaries();
	raise(sig);
}

int outfile_catch_signals(void)
{
	static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		if (sigaction(signals[i], NULL, &old))
			return -1;
		/* A signal ignored by whoever started us stays ignored
		 * (nohup, a background job of a script). */
		if (old.sa_handler == SIG_IGN)
			continue;
		if (sigaction(signals[i], &sa, NULL))
			return -1;
	}
	/* Over the file size limit (ulimit -f), write() fails with EFBIG and
	 * the file is removed, rather than the process being killed with its
	 * temporary file left behind. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGXFSZ, &sa, NULL);
}

void outfile_group_init(struct outfile_group *g)
{
	memset(g, 0, sizeof(*g));
}

static void cannot_write(struct diag_list *diags, const char *path, int err)
{
	diag_add(diags, path, 0, 0, L("cannot write: %s", "không ghi được: %s"), strerror(err));
}

/* Removes and forgets the temporary file of entry i. */
static void drop_entry(struct outfile_group *g, size_t i)
{
	if (!g->files[i].tmp)
		return;
	unlink(g->files[i].tmp);
	pending_remove(g->files[i].tmp);
	free(g->files[i].tmp);
	g->files[i].tmp = NULL;
}

int outfile_group_add(struct outfile_group *g, const char *path, outfile_writer write,
		      const void *ctx, struct diag_list *diags)
{
	struct outfile_entry *e;
	void *p = g->files;
	int fd, failed, saved;
	FILE *out;

	if (grow_array(&p, &g->alloc, g->n + 1, sizeof(*g->files))) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	g->files = p;
	e = &g->files[g->n];
	e->path = strdup(path);
	e->tmp = temporary_name(path);
	if (!e->path || !e->tmp || pending_add(e->tmp)) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		free(e->path);
		free(e->tmp);
		return -1;
	}
	g->n++;
	fd = mkstemp(e->tmp);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		cannot_write(diags, path, errno);
		if (fd >= 0) {
			close(fd);
		} else {
			/* Nothing was made: the name may be someone else's. */
			pending_remove(e->tmp);
			free(e->tmp);
			e->tmp = NULL;
		}
		drop_entry(g, g->n - 1);
		return -1;
	}
	failed = write(out, ctx) != 0;
	mode_t mask = umask(0);
	umask(mask);
	failed = failed || ferror(out) || fflush(out) || fchmod(fileno(out), 0666 & ~mask) ||
		 fsync(fileno(out));
	saved = errno;
	if (fclose(out) || failed) {
		cannot_write(diags, path, failed ? saved : errno);
		drop_entry(g, g->n - 1);
		return -1;
	}
	return 0;
}

int outfile_group_commit(struct outfile_group *g, struct diag_list *diags)
{
	for (size_t i = 0; i < g->n; i++) {
		if (!g->files[i].tmp)
			continue;
		if (rename(g->files[i].tmp, g->files[i].path)) {
			cannot_write(diags, g->files[i].path, errno);
			return -1;  /* the rest are removed by the release */
		}
		pending_remove(g->files[i].tmp);
		free(g->files[i].tmp);
		g->files[i].tmp = NULL;
	}
	return 0;
}

void outfile_group_release(struct outfile_group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		drop_entry(g, i);
		free(g->files[i].path);
	}
	free(g->files);
	outfile_group_init(g);
}

int outfile_write(const char *path, outfile_writer write, const void *ctx,
		  struct diag_list *diags)
{
	struct outfile_group g;
	int rc;

	outfile_group_init(&g);
	rc = outfile_group_add(&g, path, write, ctx, diags) ||
	     outfile_group_commit(&g, diags) ? -1 : 0;
	outfile_group_release(&g);
	return rc;
}

int csv_format_parse(const char *name, enum csv_format *out)
{
	static const char *const names[] = {"excel-vi", "excel", "plain"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*out = (enum csv_format)i;
			return 0;
		}
	}
	return -1;
}

static char csv_separator(enum csv_format f)
{
	return f == CSV_FORMAT_EXCEL_VI ? ';' : ',';
}

void csv_writer_init(struct csv_writer *w, FILE *out, enum csv_format format)
{
	w->out = out;
	w->format = format;
	w->fields = 0;
	if (format != CSV_FORMAT_PLAIN)
		fputs("\xEF\xBB\xBF", out);
}

/* The separator before every field but the first of a row. */
static void next_field(struct csv_writer *w)
{
	if (w->fields++)
		putc(csv_separator(w->format), w->out);
}

void csv_writer_header(struct csv_writer *w, const struct csv_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_writer_field(w, w->format == CSV_FORMAT_PLAIN ? cols[i].en
								  : L(cols[i].en, cols[i].vi));
	csv_writer_end_row(w);
}

void csv_writer_field(struct csv_writer *w, const char *text)
{
	const char must_quote[] = {csv_separator(w->format), '"', '\n', '\r', '\0'};
	next_field(w);
	if (strpbrk(text, must_quote))
		csv_fwrite(w->out, text, strlen(text));
	else
		fputs(text, w->out);
}

void csv_writer_number(struct csv_writer *w, double v, int decimals)
{
	char buf[64];
	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0; /* no "-0" */
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	char *point = strchr(buf, '.');
	if (point) {
		size_t len = strlen(buf);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
		if (buf[len - 1] == '.')
			buf[--len] = '\0';
		else if (w->format == CSV_FORMAT_EXCEL_VI)
			*point = ',';
	}
	next_field(w);
	fputs(buf, w->out);
}

void csv_writer_integer(struct csv_writer *w, long v)
{
	next_field(w);
	fprintf(w->out, "%ld", v);
}

void csv_writer_end_row(struct csv_writer *w)
{
	fputs(w->format == CSV_FORMAT_PLAIN ? "\n" : "\r\n", w->out);
	w->fields = 0;
}
