/*
 * csvspectrum DIR: passes every case of the csv-spectrum conformance suite
 * (DIR/csvs/NAME.csv against DIR/json/NAME.json; Debian's
 * node-csv-spectrum installs DIR as /usr/share/nodejs/csv-spectrum)
 * through ntmplan's CSV reader and compares the rows it reads, field by
 * field and byte for byte, with the expected ones. Line ends inside quoted
 * fields must be kept as written (CRLF in newlines_crlf).
 *
 * The expected files are arrays of flat objects of strings, in the header's
 * order; this reads exactly that much JSON (strings with the escapes
 * \" \\ \/ \b \f \n \r \t \uXXXX).
 * Exit code: 0 when every case passes, 1 when one fails, 2 on usage errors.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "diag.h"
#include "lang.h"

struct json {
	const char *s;
	const char *error;
};

static void skip_space(struct json *j)
{
	while (*j->s && strchr(" \t\r\n", *j->s))
		j->s++;
}

static int expect(struct json *j, char c)
{
	skip_space(j);
	if (*j->s != c) {
		j->error = "unexpected character";
		return -1;
	}
	j->s++;
	return 0;
}

static void put_utf8(char **out, unsigned long cp)
{
	char *o = *out;

	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	*out = o;
}

/* A JSON string, unescaped into a new buffer. */
static char *string(struct json *j)
{
	char *buf, *o;

	if (expect(j, '"'))
		return NULL;
	buf = o = malloc(strlen(j->s) + 1);
	if (!buf)
		return NULL;
	while (*j->s && *j->s != '"') {
		char c = *j->s++;

		if (c != '\\') {
			*o++ = c;
			continue;
		}
		c = *j->s++;
		switch (c) {
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case '"': case '\\': case '/': *o++ = c; break;
		case 'u': {
			char hex[5] = {0};

			if (strlen(j->s) < 4)
				goto bad;
			memcpy(hex, j->s, 4);
			j->s += 4;
			put_utf8(&o, strtoul(hex, NULL, 16));
			break;
		}
		default:
			goto bad;
		}
	}
	if (*j->s != '"')
		goto bad;
	j->s++;
	*o = '\0';
	return buf;
bad:
	j->error = "bad string";
	free(buf);
	return NULL;
}

static int fail(const char *name, const char *what)
{
	printf("FAIL %s: %s\n", name, what);
	return 1;
}

/* Compares the table with the JSON array of objects. */
static int compare(const char *name, const struct csv_table *t, const char *text)
{
	struct json j = {text, NULL};
	size_t r = 0;

	if (expect(&j, '['))
		return fail(name, "expected file is not an array");
	skip_space(&j);
	while (*j.s == '{') {
		size_t k = 0;

		j.s++;
		if (r >= t->nrows)
			return fail(name, "fewer rows read than expected");
		skip_space(&j);
		while (*j.s == '"') {
			char *key = string(&j), *value = NULL;
			int ok;

			if (!key || expect(&j, ':') || !(value = string(&j))) {
				free(key);
				return fail(name, "expected file is not flat string objects");
			}
			ok = k < t->ncols && !strcmp(t->header[k], key) &&
			     !strcmp(t->rows[r].fields[k], value);
			if (!ok)
				printf("  row %zu field %zu: read '%s'='%s', expected '%s'='%s'\n",
				       r + 1, k + 1, k < t->ncols ? t->header[k] : "(none)",
				       k < t->ncols ? t->rows[r].fields[k] : "(none)", key, value);
			free(key);
			free(value);
			if (!ok)
				return fail(name, "a field differs");
			k++;
			skip_space(&j);
			if (*j.s == ',')
				j.s++;
			skip_space(&j);
		}
		if (k != t->ncols)
			return fail(name, "a row has another number of fields");
		if (expect(&j, '}'))
			return fail(name, "bad object");
		r++;
		skip_space(&j);
		if (*j.s == ',')
			j.s++;
		skip_space(&j);
	}
	if (expect(&j, ']'))
		return fail(name, "bad array");
	if (r != t->nrows)
		return fail(name, "more rows read than expected");
	printf("ok   %s (%zu rows)\n", name, r);
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	char path[4096], *names[256];
	size_t n = 0;
	int failed = 0;
	struct dirent *e;
	DIR *dir;

	if (argc != 2) {
		fprintf(stderr, "usage: csvspectrum DIR\n");
		return 2;
	}
	lang_set(LANG_EN);
	snprintf(path, sizeof(path), "%s/csvs", argv[1]);
	if (!(dir = opendir(path))) {
		fprintf(stderr, "csvspectrum: cannot open '%s'\n", path);
		return 2;
	}
	while ((e = readdir(dir)) && n < 256) {
		size_t len = strlen(e->d_name);

		if (len > 4 && !strcmp(e->d_name + len - 4, ".csv"))
			names[n++] = strndup(e->d_name, len - 4);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		struct csv_table t;
		struct diag_list diags;
		char *json;

		diag_list_init(&diags, 0);
		snprintf(path, sizeof(path), "%s/csvs/%s.csv", argv[1], names[i]);
		if (csv_table_read(&t, path, names[i], &diags) != CSVREAD_OK) {
			failed |= fail(names[i], "the reader refused it");
			for (size_t d = 0; d < diags.nr; d++)
				diag_print(stdout, &diags.items[d]);
		} else {
			snprintf(path, sizeof(path), "%s/json/%s.json", argv[1], names[i]);
			json = slurp(path);
			failed |= json ? compare(names[i], &t, json) : fail(names[i], "no expected file");
			free(json);
		}
		csv_table_release(&t);
		diag_list_release(&diags);
		free(names[i]);
	}
	if (!n) {
		fprintf(stderr, "csvspectrum: no case in '%s/csvs'\n", argv[1]);
		return 2;
	}
	printf("%s: %zu cases\n", failed ? "FAILED" : "passed", n);
	return failed;
}
