#include "scenario.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>
#include <sys/stat.h>

#include "csvread.h"
#include "lang.h"
#include "loader.h"
#include "text.h"
#include "xalloc.h"

/* Years outside this range are typing mistakes (as in loader.c). */
#define YEAR_MIN 1900
#define YEAR_MAX 2200
/* A scenario file is a page of text; anything bigger is the wrong file. */
#define SCENARIO_MAX_BYTES (1024 * 1024)
/* How deep `extends` may go; a longer chain is surely a mistake. */
#define EXTENDS_MAX_DEPTH 16
#define LEAD_YEARS_MAX 50
#define TIME_LIMIT_MAX 1e7
#define NODE_LIMIT_MAX 1e9

/* ------------------------------------------------------------------ */
/* Where an override or a problem comes from, and how to report it.    */

struct origin {
	const char *file;   /* scenario file, or NULL: the command line */
	long line;
	const char *option; /* command line: "--budget" */
	const char *value;  /* command line: the option's value */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void origin_error(struct diag_list *diags, const struct origin *at,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vstrfmt(fmt, ap);
	va_end(ap);
	if (at->file)
		diag_add(diags, at->file, at->line, 0, "%s", msg ? msg : "?");
	else
		diag_add(diags, NULL, 0, 0, L("invalid %s '%s': %s", "%s '%s' không hợp lệ: %s"),
			 at->option, at->value, msg ? msg : "?");
	free(msg);
}

/* ------------------------------------------------------------------ */
/* Paths: `dataset` and `extends` are relative to the file's folder.   */

/* Removes "." and "name/.." components, lexically: scenarios name their
 * dataset as "..", and reports should say "data/dienbien", not
 * "data/dienbien/scenarios/..". (A symbolic link to a folder followed by
 * ".." would differ; datasets are plain folders.) */
static char *path_normalise(const char *path)
{
	size_t len = strlen(path);
	char *out = malloc(len + 2);
	if (!out)
		return NULL;
	int absolute = path[0] == '/';
	size_t n = 0;          /* bytes of out used */
	size_t fixed = 0;      /* leading "../" components that cannot pop */
	size_t ncomp = 0;      /* components in out */
	if (absolute)
		out[n++] = '/';
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t clen = end ? (size_t)(end - p) : strlen(p);
		if (!clen)
			break;
		if (clen == 1 && p[0] == '.') {
			/* skip */
		} else if (clen == 2 && p[0] == '.' && p[1] == '.') {
			if (ncomp > fixed) {
				/* drop the last component */
				while (n > (size_t)absolute && out[n - 1] != '/')
					n--;
				if (n > (size_t)absolute)
					n--; /* its separator */
				ncomp--;
			} else if (!absolute) {
				if (n > 0)
					out[n++] = '/';
				memcpy(out + n, "..", 2);
				n += 2;
				ncomp++;
				fixed++;
			}
		} else {
			if (n > (size_t)absolute)
				out[n++] = '/';
			memcpy(out + n, p, clen);
			n += clen;
			ncomp++;
		}
		p += clen;
	}
	if (n == 0)
		out[n++] = '.';
	out[n] = '\0';
	return out;
}

/* `rel` as seen from the folder of `file`, normalised. */
static char *path_beside(const char *file, const char *rel)
{
	if (rel[0] == '/')
		return path_normalise(rel);
	const char *slash = strrchr(file, '/');
	char *joined = slash ? strfmt("%.*s/%s", (int)(slash - file), file, rel) : strdup(rel);
	if (!joined)
		return NULL;
	char *out = path_normalise(joined);
	free(joined);
	return out;
}

/* The file's name without its folder and without ".ini". */
static char *file_stem(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base);
	if (len > 4 && !strcmp(base + len - 4, ".ini"))
		len -= 4;
	return strndup(base, len);
}

/* ------------------------------------------------------------------ */
/* Small parsers for values.                                           */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A copy of s[0..len) without blanks at either end. */
static char *trimmed(const char *s, size_t len)
{
	while (len && is_blank(*s)) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	return strndup(s, len);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Splits a key "HEAD:REST" (command line) or "HEAD REST" (file) into its
 * first word and the rest, both trimmed; *rest is NULL when there is none.
 * Returns 0, or -1 when out of memory. */
static int split_key(const char *key, char **head, char **rest)
{
	const char *sep = strchr(key, ':');
	if (!sep)
		for (sep = key; *sep && !is_blank(*sep); sep++)
			;
	*head = trimmed(key, (size_t)(sep - key));
	*rest = NULL;
	if (!*head)
		return -1;
	if (*sep) {
		*rest = trimmed(sep + 1, strlen(sep + 1));
		if (!*rest) {
			free(*head);
			return -1;
		}
		if (!**rest) {
			free(*rest);
			*rest = NULL;
		}
	}
	return 0;
}

/* A decimal number with '.' as the decimal mark (csvread's rules for a
 * comma file: no exponent, no ambiguous grouping). */
static int parse_number(struct diag_list *diags, const struct origin *at,
			const char *text, double *out)
{
	const char *why;
	if (strchr(text, ',') && !strchr(text, '.')) {
		/* csvread would speak of "a ','-separated file" */
		origin_error(diags, at, L("invalid number '%s': the decimal mark is '.' (1.5), and thousands are not grouped",
					  "số '%s' không hợp lệ: dấu thập phân là '.' (1.5), không nhóm hàng nghìn"),
			     text);
		return -1;
	}
	if (csv_parse_number(CSV_DIALECT_COMMA, text, out, &why)) {
		origin_error(diags, at, L("invalid number '%s': %s", "số '%s' không hợp lệ: %s"),
			     text, why);
		return -1;
	}
	return 0;
}

static int parse_whole(struct diag_list *diags, const struct origin *at,
		       const char *text, long *out)
{
	const char *why;
	if (csv_parse_integer(CSV_DIALECT_COMMA, text, out, &why)) {
		origin_error(diags, at, L("invalid whole number '%s': %s",
					  "số nguyên '%s' không hợp lệ: %s"), text, why);
		return -1;
	}
	return 0;
}

static int parse_year(struct diag_list *diags, const struct origin *at,
		      const char *text, int *out)
{
	long y;
	if (!all_digits(text)) {
		origin_error(diags, at, L("'%s' is not a year", "'%s' không phải là năm"), text);
		return -1;
	}
	if (parse_whole(diags, at, text, &y))
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX) {
		origin_error(diags, at, L("year %ld is out of range %d..%d",
					  "năm %ld nằm ngoài khoảng %d..%d"), y, YEAR_MIN, YEAR_MAX);
		return -1;
	}
	*out = (int)y;
	return 0;
}

/* What a change may do to the number it changes. */
enum change_rule {
	RULE_NOT_NEGATIVE,  /* unit costs: 0 or more */
	RULE_AMOUNT,        /* budget amounts: 0 or more, and a signed number
			     * adds to the amount (+10000, -5000) */
	RULE_POSITIVE,      /* cost factors: above 0 */
	RULE_FACTOR,        /* budget scale: a plain number is a factor */
};

/*
 * A change: "120000" sets, "x0.8" multiplies, "+15%" / "-20%" change by a
 * percentage. "85%" is refused: it could mean "set to 85%" or "x0.85".
 * A signed number adds to a budget amount ("+10000": what 10 billion VND
 * more buy); elsewhere it is refused, since "+15" on a unit cost or a cost
 * factor reads as "+15%" as easily as "add 15". Whether an addition leaves
 * an amount at 0 or more is known only when it is applied.
 */
static int parse_change(struct diag_list *diags, const struct origin *at,
			const char *text, enum change_rule rule, struct change *out)
{
	size_t len = strlen(text);
	double v;
	if (text[0] == 'x' || text[0] == 'X') {
		if (!text[1]) {
			origin_error(diags, at, L("'%s': a factor is expected after 'x' (x0.8)",
						  "'%s': cần hệ số sau 'x' (x0.8)"), text);
			return -1;
		}
		if (text[1] == '-' || text[1] == '+') {
			origin_error(diags, at, L("'%s': write a factor as x0.8, without a sign",
						  "'%s': viết hệ số dạng x0.8, không có dấu"), text);
			return -1;
		}
		if (parse_number(diags, at, text + 1, &v))
			return -1;
		out->op = CHANGE_SCALE;
		out->value = v;
	} else if (len > 1 && text[len - 1] == '%') {
		char *number = strndup(text, len - 1);
		if (!number)
			return -1;
		int signed_ = text[0] == '+' || text[0] == '-';
		int rc = signed_ ? parse_number(diags, at, number, &v) : -1;
		free(number);
		if (!signed_) {
			origin_error(diags, at, L("'%s': write a change in percent with its sign (+15%%, -20%%), or x0.85 to multiply",
						  "'%s': viết thay đổi theo phần trăm kèm dấu (+15%%, -20%%), hoặc x0.85 để nhân"),
				     text);
			return -1;
		}
		if (rc)
			return -1;
		if (v < -100) {
			origin_error(diags, at, L("'%s': a change cannot go below -100%%",
						  "'%s': không thể giảm quá -100%%"), text);
			return -1;
		}
		out->op = CHANGE_SCALE;
		out->value = 1 + v / 100;
	} else if (rule == RULE_AMOUNT && (text[0] == '+' || text[0] == '-')) {
		if (parse_number(diags, at, text + 1, &v))
			return -1;
		out->op = CHANGE_ADD;
		out->value = text[0] == '-' ? -v : v;
		return 0;
	} else {
		if (text[0] == '+') {
			origin_error(diags, at, L("'%s': write +15%% for a change in percent, or a number without sign to set the value",
						  "'%s': viết +15%% để thay đổi theo phần trăm, hoặc một số không dấu để đặt giá trị"),
				     text);
			return -1;
		}
		if (parse_number(diags, at, text, &v))
			return -1;
		out->op = rule == RULE_FACTOR ? CHANGE_SCALE : CHANGE_SET;
		out->value = v;
	}
	if (out->value < 0) {
		origin_error(diags, at, L("'%s': negative value", "'%s': giá trị âm"), text);
		return -1;
	}
	if (rule == RULE_POSITIVE && out->value <= 0) {
		origin_error(diags, at, L("'%s': a cost factor must stay above 0",
					  "'%s': hệ số chi phí phải lớn hơn 0"), text);
		return -1;
	}
	return 0;
}

/* The next word of a list separated by blanks or commas ("2 3, 4"), copied
 * into *word, and *p moved past it. Returns 1, 0 when no word is left, or
 * -1 when out of memory. */
static int list_next(const char **p, char **word)
{
	const char *start = *p, *end;
	while (is_blank(*start) || *start == ',')
		start++;
	for (end = start; *end && !is_blank(*end) && *end != ','; end++)
		continue;
	*p = end;
	if (start == end)
		return 0;
	*word = strndup(start, (size_t)(end - start));
	return *word ? 1 : -1;
}

/* "all", or criteria numbers separated by blanks or commas: "2 3 4". */
static int parse_criteria(struct diag_list *diags, const struct origin *at,
			  const char *text, criteria_mask *out)
{
	*out = 0;
	if (!strcmp(text, "all")) {
		*out = CRITERIA_ALL;
		return 0;
	}
	const char *p = text;
	char *word;
	int got;
	while ((got = list_next(&p, &word)) > 0) {
		long k = 0;
		int ok = all_digits(word) && strlen(word) <= 2 && (k = strtol(word, NULL, 10)) >= 1 &&
			 k <= NTM_CRITERIA;
		if (!ok)
			origin_error(diags, at, L("unknown criterion '%s' (criteria are 1 to %d, or 'all')",
						  "không có tiêu chí '%s' (tiêu chí từ 1 đến %d, hoặc 'all')"),
				     word, NTM_CRITERIA);
		free(word);
		if (!ok)
			return -1;
		*out |= CRITERION_BIT(k);
	}
	if (got < 0)
		return -1;
	if (!*out) {
		origin_error(diags, at, L("no criterion given", "chưa ghi tiêu chí"));
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Overrides from (section, key, value).                               */

enum section {
	SECTION_SCENARIO,
	SECTION_BUDGET,
	SECTION_UNIT_COSTS,
	SECTION_COST_FACTORS,
	SECTION_LEAD_YEARS,
	SECTION_TARGETS,
	SECTION_PRIORITIES,
	SECTION_PLAN,
	SECTION_PROGRESS,
	SECTION_COUNT,
	SECTION_UNKNOWN = SECTION_COUNT,
};

static const char *const section_names[SECTION_COUNT] = {
	"scenario", "budget", "unit_costs", "cost_factors", "lead_years", "targets", "priorities",
	"plan", "progress",
};

static enum section section_parse(const char *name)
{
	for (int s = 0; s < SECTION_COUNT; s++)
		if (!strcmp(name, section_names[s]))
			return (enum section)s;
	return SECTION_UNKNOWN;
}

static void override_release(struct override *o)
{
	free(o->file);
	free(o->text);
	free(o->name);
}

/* The subject a target kind takes. */
enum subject_kind { SUBJECT_NONE, SUBJECT_CRITERION, SUBJECT_DISTRICT, SUBJECT_COMMUNE };

static enum subject_kind target_subject(enum target_kind kind)
{
	switch (kind) {
	case TARGET_CRITERION_COMMUNES: return SUBJECT_CRITERION;
	case TARGET_DISTRICT_STANDARD: return SUBJECT_DISTRICT;
	case TARGET_REQUIRE_COMMUNE:
	case TARGET_EXCLUDE_COMMUNE: return SUBJECT_COMMUNE;
	default: return SUBJECT_NONE;
	}
}

static int target_has_value(enum target_kind kind)
{
	return target_subject(kind) <= SUBJECT_CRITERION;
}

/* The subject of a criterion_communes target (`head`): one criterion. */
static int parse_one_criterion(struct diag_list *diags, const struct origin *at,
			       const char *head, const char *rest)
{
	criteria_mask m;
	if (parse_criteria(diags, at, rest, &m))
		return -1;
	if (m & (m - 1) || !strcmp(rest, "all")) {
		origin_error(diags, at, L("target '%s' takes one criterion, found '%s'",
					  "chỉ tiêu '%s' nhận một tiêu chí, lại ghi '%s'"), head, rest);
		return -1;
	}
	return 0;
}

/* [targets] KIND [SUBJECT] = VALUE, and require/exclude = IDS. */
static int parse_target(struct diag_list *diags, const struct origin *at,
			const char *key, const char *value, struct override *o)
{
	char *head, *rest;
	if (split_key(key, &head, &rest))
		return -1;
	int rc = -1;
	o->kind = OVERRIDE_TARGET;
	if (!strcmp(head, "require") || !strcmp(head, "exclude")) {
		o->target = head[0] == 'r' ? TARGET_REQUIRE_COMMUNE : TARGET_EXCLUDE_COMMUNE;
		o->action = TARGET_ADD;
		if (rest) {
			origin_error(diags, at, L("'%s' takes commune ids as its value: write '%s = ID ID ...'",
						  "'%s' nhận mã xã làm giá trị: viết '%s = MÃ MÃ ...'"),
				     head, head);
			goto cleanup;
		}
		o->name = strdup(value);
		rc = o->name ? 0 : -1;
		goto cleanup;
	}
	if (target_kind_parse(head, &o->target)) {
		origin_error(diags, at, L("unknown target '%s' (known: communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune, exclude_commune, require, exclude)",
					  "không có loại chỉ tiêu '%s' (các loại: communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune, exclude_commune, require, exclude)"),
			     head);
		goto cleanup;
	}
	enum subject_kind sk = target_subject(o->target);
	if (sk == SUBJECT_NONE && rest) {
		origin_error(diags, at, L("target '%s' takes no subject, found '%s'",
					  "chỉ tiêu '%s' không có đối tượng, lại ghi '%s'"), head, rest);
		goto cleanup;
	}
	if (sk != SUBJECT_NONE && !rest) {
		origin_error(diags, at, L("target '%s' needs a subject (%s)",
					  "chỉ tiêu '%s' cần đối tượng (%s)"), head,
			     sk == SUBJECT_CRITERION ? L("a criterion", "một tiêu chí") :
			     sk == SUBJECT_DISTRICT ? L("a district", "một huyện") :
			     L("a commune id", "một mã xã"));
		goto cleanup;
	}
	if (sk == SUBJECT_CRITERION && parse_one_criterion(diags, at, head, rest))
		goto cleanup;
	o->name = rest;
	rest = NULL;
	if (!strcmp(value, "remove")) {
		o->action = TARGET_REMOVE;
		rc = 0;
		goto cleanup;
	}
	if (!target_has_value(o->target)) {
		if (strcmp(value, "add")) {
			origin_error(diags, at, L("target '%s' takes 'add' or 'remove', found '%s'",
						  "chỉ tiêu '%s' nhận 'add' hoặc 'remove', lại ghi '%s'"),
				     head, value);
			goto cleanup;
		}
		o->action = TARGET_ADD;
		rc = 0;
		goto cleanup;
	}
	o->action = TARGET_SET;
	if (o->target == TARGET_AVG_CRITERIA) {
		if (parse_number(diags, at, value, &o->value))
			goto cleanup;
		if (o->value < 0 || o->value > NTM_CRITERIA) {
			origin_error(diags, at, L("average criteria '%s' is out of range 0..%d",
						  "số tiêu chí bình quân '%s' nằm ngoài khoảng 0..%d"),
				     value, NTM_CRITERIA);
			goto cleanup;
		}
	} else {
		long whole;
		if (parse_whole(diags, at, value, &whole))
			goto cleanup;
		long max = o->target == TARGET_MIN_CRITERIA ? NTM_CRITERIA : LONG_MAX;
		if (whole < 0 || whole > max) {
			origin_error(diags, at, L("'%s' is out of range 0..%ld for target '%s'",
						  "'%s' nằm ngoài khoảng 0..%ld của chỉ tiêu '%s'"),
				     value, max, head);
			goto cleanup;
		}
		o->value = (double)whole;
	}
	rc = 0;
cleanup:
	free(head);
	free(rest);
	return rc;
}

/* [priorities] all | KIND | KIND SUBJECT = N: the priority of every
 * target, of every target of a kind, or of one target (docs/scenarios.md). */
static int parse_priority(struct diag_list *diags, const struct origin *at,
			  const char *key, const char *value, struct override *o)
{
	char *head, *rest;
	if (split_key(key, &head, &rest))
		return -1;
	int rc = -1;
	o->kind = OVERRIDE_PRIORITY;
	if (!strcmp(head, "all")) {
		o->target = TARGET_KIND_COUNT;
	} else if (target_kind_parse(head, &o->target)) {
		origin_error(diags, at, L("unknown target '%s' (known: all, communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune)",
					  "không có loại chỉ tiêu '%s' (các loại: all, communes_standard, criterion_communes, min_criteria, avg_criteria, district_standard, require_commune)"),
			     head);
		goto cleanup;
	}
	if (rest && (o->target == TARGET_KIND_COUNT || target_subject(o->target) == SUBJECT_NONE)) {
		origin_error(diags, at, L("target '%s' takes no subject, found '%s'",
					  "chỉ tiêu '%s' không có đối tượng, lại ghi '%s'"), head, rest);
		goto cleanup;
	}
	if (rest && target_subject(o->target) == SUBJECT_CRITERION &&
	    parse_one_criterion(diags, at, head, rest))
		goto cleanup;
	long whole;
	if (parse_whole(diags, at, value, &whole))
		goto cleanup;
	if (whole < 1 || whole > TARGET_PRIORITY_MAX) {
		origin_error(diags, at, L("priority '%s' is out of range 1..%d (1 comes first)",
					  "mức ưu tiên '%s' nằm ngoài khoảng 1..%d (1 là cao nhất)"),
			     value, TARGET_PRIORITY_MAX);
		goto cleanup;
	}
	o->value = (double)whole;
	o->name = rest; /* NULL: every target of the kind */
	rest = NULL;
	rc = 0;
cleanup:
	free(head);
	free(rest);
	return rc;
}

/* [budget] scale | YEAR | SOURCE | YEAR SOURCE = CHANGE */
static int parse_budget(struct diag_list *diags, const struct origin *at,
			const char *key, const char *value, struct override *o)
{
	o->kind = OVERRIDE_BUDGET;
	if (!strcmp(key, "scale"))
		return parse_change(diags, at, value, RULE_FACTOR, &o->change);
	char *head, *rest;
	if (split_key(key, &head, &rest))
		return -1;
	int rc = -1;
	if (all_digits(head)) {
		if (parse_year(diags, at, head, &o->year))
			goto cleanup;
		o->name = rest;
		rest = NULL;
	} else {
		o->name = strdup(key);
		if (!o->name)
			goto cleanup;
	}
	rc = parse_change(diags, at, value, RULE_AMOUNT, &o->change);
cleanup:
	free(head);
	free(rest);
	return rc;
}

/* A year of the plan into o, an override of `kind`. */
static int parse_year_override(struct diag_list *diags, const struct origin *at, const char *value,
			       enum override_kind kind, struct override *o)
{
	o->kind = kind;
	return parse_year(diags, at, value, &o->year);
}

/* The ranges of [plan]'s numbers (a NaN fits none). */
static int fits_time_limit(double v)
{
	return v > 0 && v <= TIME_LIMIT_MAX;
}

static int fits_node_limit(double v)
{
	return v >= 1 && v <= NODE_LIMIT_MAX && v == floor(v);
}

static int fits_percentage(double v)
{
	return v >= 0 && v <= 100;
}

/* A number of [plan] into o, an override of `kind`, when fits() accepts it;
 * otherwise the error `unfit` (its one %s: the value). */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 0)))
#endif
static int parse_plan_number(struct diag_list *diags, const struct origin *at, const char *value,
			     enum override_kind kind, struct override *o, int (*fits)(double),
			     const char *unfit)
{
	o->kind = kind;
	if (parse_number(diags, at, value, &o->value))
		return -1;
	if (fits(o->value))
		return 0;
	origin_error(diags, at, unfit, value);
	return -1;
}

/* [plan] horizon = YEAR, time_limit = SECONDS, node_limit = NODES,
 * money_tolerance = PERCENT */
static int parse_plan(struct diag_list *diags, const struct origin *at,
		      const char *key, const char *value, struct override *o)
{
	if (!strcmp(key, "horizon"))
		return parse_year_override(diags, at, value, OVERRIDE_HORIZON, o);
	if (!strcmp(key, "time_limit"))
		return parse_plan_number(diags, at, value, OVERRIDE_TIME_LIMIT, o, fits_time_limit,
					 L("time limit '%s' is not seconds above 0",
					   "giới hạn thời gian '%s' không phải số giây lớn hơn 0"));
	if (!strcmp(key, "node_limit"))
		return parse_plan_number(diags, at, value, OVERRIDE_NODE_LIMIT, o, fits_node_limit,
					 L("node limit '%s' is not a whole number of nodes above 0",
					   "giới hạn số nút '%s' không phải số nguyên lớn hơn 0"));
	if (!strcmp(key, "money_tolerance"))
		return parse_plan_number(diags, at, value, OVERRIDE_MONEY_TOLERANCE, o, fits_percentage,
					 L("money tolerance '%s' is not a percentage from 0 to 100",
					   "dung sai vốn '%s' không phải tỷ lệ phần trăm từ 0 đến 100"));
	origin_error(diags, at, L("unknown key '%s' in [plan] (known: horizon, time_limit, node_limit, money_tolerance)",
				  "không có khóa '%s' trong [plan] (các khóa: horizon, time_limit, node_limit, money_tolerance)"), key);
	return -1;
}

/* [progress] from = YEAR, file = PATH (relative to the scenario file). */
static int parse_progress(struct diag_list *diags, const struct origin *at,
			  const char *key, const char *value, struct override *o)
{
	if (!strcmp(key, "from"))
		return parse_year_override(diags, at, value, OVERRIDE_PROGRESS_FROM, o);
	if (!strcmp(key, "file")) {
		o->kind = OVERRIDE_PROGRESS_FILE;
		o->name = at->file ? path_beside(at->file, value) : strdup(value);
		return o->name ? 0 : -1;
	}
	origin_error(diags, at, L("unknown key '%s' in [progress] (known: from, file)",
				  "không có khóa '%s' trong [progress] (các khóa: from, file)"), key);
	return -1;
}

/*
 * Parses one change of a section other than [scenario] into *o (whose
 * origin fields the caller fills). Names are only checked against the
 * dataset later, in scenario_apply(). Returns 0, or -1 (reported).
 */
static int parse_override(struct diag_list *diags, const struct origin *at,
			  enum section section, const char *key, const char *value,
			  struct override *o)
{
	if (!*key) {
		origin_error(diags, at, L("empty key", "khóa trống"));
		return -1;
	}
	if (!*value) {
		origin_error(diags, at, L("empty value for '%s'", "'%s' chưa có giá trị"), key);
		return -1;
	}
	switch (section) {
	case SECTION_BUDGET:
		return parse_budget(diags, at, key, value, o);
	case SECTION_UNIT_COSTS:
		o->kind = OVERRIDE_UNIT_COST;
		return parse_criteria(diags, at, key, &o->criteria) ? -1 :
		       parse_change(diags, at, value, RULE_NOT_NEGATIVE, &o->change);
	case SECTION_COST_FACTORS:
		o->kind = OVERRIDE_COST_FACTOR;
		o->name = strdup(key);
		return !o->name ? -1 : parse_change(diags, at, value, RULE_POSITIVE, &o->change);
	case SECTION_LEAD_YEARS: {
		long years;
		o->kind = OVERRIDE_LEAD_YEARS;
		if (parse_criteria(diags, at, key, &o->criteria) ||
		    parse_whole(diags, at, value, &years))
			return -1;
		if (years < 0 || years > LEAD_YEARS_MAX) {
			origin_error(diags, at, L("lead years '%s' are out of range 0..%d",
						  "số năm '%s' nằm ngoài khoảng 0..%d"), value, LEAD_YEARS_MAX);
			return -1;
		}
		o->value = (double)years;
		return 0;
	}
	case SECTION_TARGETS:
		return parse_target(diags, at, key, value, o);
	case SECTION_PRIORITIES:
		return parse_priority(diags, at, key, value, o);
	case SECTION_PLAN:
		return parse_plan(diags, at, key, value, o);
	case SECTION_PROGRESS:
		return parse_progress(diags, at, key, value, o);
	default:
		return -1;
	}
}

/* ------------------------------------------------------------------ */
/* The scenario's lists.                                               */

void scenario_init(struct scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
}

void scenario_release(struct scenario *sc)
{
	free(sc->name);
	free(sc->file);
	free(sc->dataset);
	for (size_t i = 0; i < sc->nfiles; i++)
		free(sc->files[i].path);
	free(sc->files);
	for (size_t i = 0; i < sc->noverrides; i++)
		override_release(&sc->overrides[i]);
	free(sc->overrides);
	scenario_init(sc);
}

/* Inserts *o (moved, then cleared) at position `at` of the list. */
static int insert_override(struct scenario *sc, size_t at, struct override *o)
{
	void *items = sc->overrides;
	if (grow_array(&items, &sc->overrides_alloc, sc->noverrides + 1, sizeof(*sc->overrides)))
		return -1;
	sc->overrides = items;
	memmove(&sc->overrides[at + 1], &sc->overrides[at],
		(sc->noverrides - at) * sizeof(*sc->overrides));
	sc->overrides[at] = *o;
	sc->noverrides++;
	memset(o, 0, sizeof(*o));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Command-line options.                                               */

static const struct {
	const char *name;
	enum section section;
	const char *key;    /* fixed key, or NULL: the value is KEY=VALUE */
	const char *form_en, *form_vi;
} option_table[SCENARIO_OPT_COUNT] = {
	[SCENARIO_OPT_BUDGET_SCALE] = {"--budget-scale", SECTION_BUDGET, "scale", NULL, NULL},
	[SCENARIO_OPT_BUDGET] = {"--budget", SECTION_BUDGET, NULL,
		"[YEAR:]SOURCE=CHANGE or YEAR=CHANGE", "[NĂM:]NGUỒN=THAY_ĐỔI hoặc NĂM=THAY_ĐỔI"},
	[SCENARIO_OPT_UNIT_COST] = {"--unit-cost", SECTION_UNIT_COSTS, NULL,
		"CRITERIA=CHANGE", "TIÊU_CHÍ=THAY_ĐỔI"},
	[SCENARIO_OPT_COST_FACTOR] = {"--cost-factor", SECTION_COST_FACTORS, NULL,
		"DISTRICT=CHANGE or COMMUNE_ID=CHANGE", "HUYỆN=THAY_ĐỔI hoặc MÃ_XÃ=THAY_ĐỔI"},
	[SCENARIO_OPT_LEAD_YEARS] = {"--lead-years", SECTION_LEAD_YEARS, NULL,
		"CRITERIA=YEARS", "TIÊU_CHÍ=SỐ_NĂM"},
	[SCENARIO_OPT_TARGET] = {"--target", SECTION_TARGETS, NULL,
		"KIND[:SUBJECT]=VALUE", "LOẠI[:ĐỐI_TƯỢNG]=GIÁ_TRỊ"},
	[SCENARIO_OPT_PRIORITY] = {"--priority", SECTION_PRIORITIES, NULL,
		"KIND[:SUBJECT]=N or all=N", "LOẠI[:ĐỐI_TƯỢNG]=N hoặc all=N"},
	[SCENARIO_OPT_REQUIRE] = {"--require", SECTION_TARGETS, "require", NULL, NULL},
	[SCENARIO_OPT_EXCLUDE] = {"--exclude", SECTION_TARGETS, "exclude", NULL, NULL},
	[SCENARIO_OPT_HORIZON] = {"--horizon", SECTION_PLAN, "horizon", NULL, NULL},
	[SCENARIO_OPT_TIME_LIMIT] = {"--time-limit", SECTION_PLAN, "time_limit", NULL, NULL},
	[SCENARIO_OPT_NODE_LIMIT] = {"--node-limit", SECTION_PLAN, "node_limit", NULL, NULL},
	[SCENARIO_OPT_MONEY_TOLERANCE] = {"--money-tolerance", SECTION_PLAN, "money_tolerance", NULL, NULL},
	[SCENARIO_OPT_FROM] = {"--from", SECTION_PROGRESS, "from", NULL, NULL},
	[SCENARIO_OPT_PROGRESS] = {"--progress", SECTION_PROGRESS, "file", NULL, NULL},
};

int scenario_add_option(struct scenario *sc, enum scenario_option opt,
			const char *value, struct diag_list *diags)
{
	struct origin at = {NULL, 0, option_table[opt].name, value};
	struct override o;
	char *key = NULL, *val = NULL;
	int rc = -1;
	memset(&o, 0, sizeof(o));
	size_t bad;
	if (!text_valid_utf8(value, strlen(value), &bad)) {
		origin_error(diags, &at, L("text that is not UTF-8", "văn bản không phải UTF-8"));
		return -1;
	}
	char *nfc = text_nfc(value);
	if (!nfc)
		goto nomem;
	if (option_table[opt].key) {
		key = strdup(option_table[opt].key);
		val = trimmed(nfc, strlen(nfc));
	} else {
		const char *eq = strchr(nfc, '=');
		if (!eq) {
			origin_error(diags, &at, L("expected %s", "cần dạng %s"),
				     L(option_table[opt].form_en, option_table[opt].form_vi));
			free(nfc);
			return -1;
		}
		key = trimmed(nfc, (size_t)(eq - nfc));
		val = trimmed(eq + 1, strlen(eq + 1));
	}
	free(nfc);
	if (!key || !val)
		goto nomem;
	if (parse_override(diags, &at, option_table[opt].section, key, val, &o))
		goto cleanup;
	o.text = strfmt("%s %s", option_table[opt].name, value);
	if (!o.text || insert_override(sc, sc->noverrides, &o))
		goto nomem;
	rc = 0;
	goto cleanup;
nomem:
	diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
cleanup:
	override_release(&o);
	free(key);
	free(val);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Scenario files.                                                     */

/* The reading of a whole chain of files. */
struct chain {
	struct scenario *sc;
	struct diag_list *diags;
	struct stat stack[EXTENDS_MAX_DEPTH]; /* the files being read: device and inode */
	const char *shown[EXTENDS_MAX_DEPTH]; /* the same, as messages name them */
	int depth;
	int missing, invalid, nomem;
};

/* One file being parsed. */
struct ini_file {
	struct chain *ch;
	const char *path;
	const char *data;     /* the file's bytes */
	size_t len, pos;
	long line;            /* lines handed to inih so far */
	const char *raw;      /* the last line handed over, as in the file */
	size_t raw_len;
	struct override *ovr; /* this file's overrides, in file order */
	size_t novr, ovr_alloc;
	char *name, *dataset, *extends;
	long name_line, dataset_line, extends_line;
	char *unknown_section; /* last unknown section reported */
	int scenario_errors;   /* errors in [scenario]: no cascade from them */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void file_error(struct ini_file *f, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(f->ch->diags, f->path, line, 0, fmt, ap);
	va_end(ap);
	f->ch->invalid = 1;
}

/*
 * inih's reader: one line of the file at a time, from memory, counting
 * lines so the handler knows where it is (Debian's libinih is built
 * without INI_HANDLER_LINENO). Leading blanks are removed: inih would read
 * an indented line as the continuation of the value before it, a rule too
 * easy to trip over in a file people edit by hand. A line too long for
 * inih's buffer is reported and handed over as a blank line, so that inih
 * never sees half a line.
 */
static char *ini_read_line(char *str, int num, void *stream)
{
	struct ini_file *f = stream;
	if (f->pos >= f->len || num < 2)
		return NULL;
	const char *start = f->data + f->pos;
	const char *nl = memchr(start, '\n', f->len - f->pos);
	size_t len = nl ? (size_t)(nl - start) + 1 : f->len - f->pos;
	f->pos += len;
	f->line++;
	/* Leading blanks, but never the byte-order mark's place: inih
	 * checks for it on the first line. */
	while (len && is_blank(*start)) {
		start++;
		len--;
	}
	f->raw = start;
	f->raw_len = len;
	size_t text_len = len;
	while (text_len && (start[text_len - 1] == '\n' || start[text_len - 1] == '\r'))
		text_len--;
	if (text_len > (size_t)num - 3) {
		file_error(f, f->line, L("line longer than %d bytes (split a long list over several lines, repeating its key)",
					 "dòng dài quá %d byte (chia danh sách dài thành nhiều dòng, lặp lại khóa)"),
			   num - 3);
		len = 0;
	}
	memcpy(str, start, len);
	str[len] = '\0';
	return str;
}

static void set_once(struct ini_file *f, const char *key, const char *value,
		     char **slot, long *slot_line)
{
	if (*slot) {
		f->scenario_errors++;
		file_error(f, f->line, L("'%s' is given twice in [scenario] (first on line %ld)",
					 "'%s' bị lặp trong [scenario] (lần đầu ở dòng %ld)"),
			   key, *slot_line);
		return;
	}
	if (!*value) {
		f->scenario_errors++;
		file_error(f, f->line, L("empty value for '%s'", "'%s' chưa có giá trị"), key);
		return;
	}
	*slot = strdup(value);
	*slot_line = f->line;
	if (!*slot)
		f->ch->nomem = 1;
}

static void handle_entry(struct ini_file *f, const char *section, const char *key,
			 const char *value)
{
	enum section s = section_parse(section);
	if (!*section) {
		file_error(f, f->line, L("'%s' is outside any section (a scenario file starts with [scenario])",
					 "'%s' nằm ngoài mọi mục (tệp kịch bản bắt đầu bằng [scenario])"), key);
		return;
	}
	if (s == SECTION_UNKNOWN) {
		if (f->unknown_section && !strcmp(f->unknown_section, section))
			return;
		free(f->unknown_section);
		f->unknown_section = strdup(section);
		file_error(f, f->line, L("unknown section [%s] (known: scenario, budget, unit_costs, cost_factors, lead_years, targets, priorities, plan, progress)",
					 "không có mục [%s] (các mục: scenario, budget, unit_costs, cost_factors, lead_years, targets, priorities, plan, progress)"),
			   section);
		return;
	}
	if (s == SECTION_SCENARIO) {
		if (!strcmp(key, "name"))
			set_once(f, key, value, &f->name, &f->name_line);
		else if (!strcmp(key, "dataset"))
			set_once(f, key, value, &f->dataset, &f->dataset_line);
		else if (!strcmp(key, "extends"))
			set_once(f, key, value, &f->extends, &f->extends_line);
		else if (++f->scenario_errors)
			file_error(f, f->line, L("unknown key '%s' in [scenario] (known: name, dataset, extends)",
						 "không có khóa '%s' trong [scenario] (các khóa: name, dataset, extends)"),
				   key);
		return;
	}
	/* inih ends a key at the first '=' or ':', so "2017:central = 1"
	 * arrives as key "2017", value "central = 1". */
	const char *colon = memchr(f->raw, ':', f->raw_len);
	const char *equals = memchr(f->raw, '=', f->raw_len);
	if (colon && equals && colon < equals && strchr(value, '=')) {
		char *fixed = strdup(value);
		if (!fixed) {
			f->ch->nomem = 1;
			return;
		}
		char *eq = strchr(fixed, '=');
		while (eq > fixed && is_blank(eq[-1]))
			eq--;
		*eq = '\0';
		file_error(f, f->line, L("a key cannot contain ':' (INI reads ':' like '='): write '%s %s = ...'",
					 "khóa không được chứa ':' (INI hiểu ':' như '='): viết '%s %s = ...'"),
			   key, fixed);
		free(fixed);
		return;
	}
	struct origin at = {f->path, f->line, NULL, NULL};
	struct override o;
	memset(&o, 0, sizeof(o));
	if (parse_override(f->ch->diags, &at, s, key, value, &o)) {
		f->ch->invalid = 1;
		override_release(&o);
		return;
	}
	o.file = strdup(f->path);
	o.line = f->line;
	o.text = strfmt("[%s] %s = %s", section, key, value);
	void *items = f->ovr;
	if (!o.file || !o.text ||
	    grow_array(&items, &f->ovr_alloc, f->novr + 1, sizeof(*f->ovr))) {
		f->ch->nomem = 1;
		override_release(&o);
		return;
	}
	f->ovr = items;
	f->ovr[f->novr++] = o;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
	struct ini_file *f = user;
	char *s = text_nfc(section), *k = text_nfc(key), *v = text_nfc(value);
	if (s && k && v)
		handle_entry(f, s, k, v);
	else
		f->ch->nomem = 1;
	free(s);
	free(k);
	free(v);
	return 1; /* our own errors are in diags; inih's return is for syntax */
}

/* Reads the whole file into memory: its hash is that of the bytes parsed. */
static int slurp(struct chain *ch, const char *path, const char *from_file, long from_line,
		 char **data, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;
	if (in) {
		buf = malloc(SCENARIO_MAX_BYTES + 1);
		if (!buf) {
			fclose(in);
			ch->nomem = 1;
			return -1;
		}
		n = fread(buf, 1, SCENARIO_MAX_BYTES + 1, in);
		int failed = ferror(in);
		fclose(in);
		if (!failed && n <= SCENARIO_MAX_BYTES) {
			*data = buf;
			*len = n;
			return 0;
		}
		free(buf);
		if (!failed) {
			diag_add(ch->diags, path, 0, 0, L("larger than 1 MiB: not a scenario file",
							  "lớn hơn 1 MiB: không phải tệp kịch bản"));
			ch->invalid = 1;
			return -1;
		}
		errno = EIO;
	}
	if (from_file)
		diag_add(ch->diags, from_file, from_line, 0,
			 L("cannot read the extended scenario '%s': %s",
			   "không đọc được kịch bản được mở rộng '%s': %s"), path, strerror(errno));
	else
		diag_add(ch->diags, path, 0, 0, L("cannot read the scenario: %s",
						  "không đọc được kịch bản: %s"), strerror(errno));
	ch->missing = 1;
	return -1;
}

/* Checks the bytes are text: no NUL, valid UTF-8. Reports with the line. */
static int check_text(struct chain *ch, const char *path, const char *data, size_t len)
{
	size_t bad = len;
	const char *nul = memchr(data, '\0', len);
	int utf8 = text_valid_utf8(data, len, &bad);
	if (nul && (size_t)(nul - data) < bad)
		bad = (size_t)(nul - data);
	if (!nul && utf8)
		return 0;
	long line = 1;
	for (size_t i = 0; i < bad; i++)
		line += data[i] == '\n';
	diag_add(ch->diags, path, line, 0, (nul && (size_t)(nul - data) == bad) ?
		 L("a NUL byte: not a text file", "có byte NUL: không phải tệp văn bản") :
		 L("text that is not UTF-8", "văn bản không phải UTF-8"));
	ch->invalid = 1;
	return -1;
}

/* The text of line `line` (1-based) of the file, without its end. */
static const char *line_start(const char *data, size_t len, long line, size_t *line_len)
{
	const char *p = data, *end = data + len;
	for (long l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*line_len = (size_t)((nl ? nl : end) - p);
	return p;
}

static void read_file(struct chain *ch, const char *path, const char *from_file, long from_line);

/* Follows `extends` from file f. */
static void read_extended(struct chain *ch, struct ini_file *f)
{
	char *target = path_beside(f->path, f->extends);
	if (!target) {
		ch->nomem = 1;
		return;
	}
	read_file(ch, target, f->path, f->extends_line);
	free(target);
}

static void read_file(struct chain *ch, const char *path, const char *from_file, long from_line)
{
	struct scenario *sc = ch->sc;
	struct ini_file f;
	char *data = NULL;
	size_t len = 0;
	memset(&f, 0, sizeof(f));
	f.ch = ch;
	f.path = path;

	if (ch->depth == EXTENDS_MAX_DEPTH) {
		diag_add(ch->diags, from_file, from_line, 0,
			 L("scenarios extend one another more than %d deep",
			   "các kịch bản mở rộng nhau sâu quá %d mức"), EXTENDS_MAX_DEPTH);
		ch->invalid = 1;
		return;
	}
	/* A file is the same file, whatever the path to it, when its device
	 * and inode are. */
	struct stat id;
	int known = !stat(path, &id);
	if (known) {
		for (int i = 0; i < ch->depth; i++) {
			if (ch->stack[i].st_dev != id.st_dev || ch->stack[i].st_ino != id.st_ino)
				continue;
			/* The chain from the first use of this file back to it. */
			size_t size = 1;
			for (int j = i; j < ch->depth; j++)
				size += strlen(ch->shown[j]) + 4;
			size += strlen(path);
			char *cycle = malloc(size);
			if (cycle) {
				cycle[0] = '\0';
				for (int j = i; j < ch->depth; j++) {
					strcat(cycle, ch->shown[j]);
					strcat(cycle, " -> ");
				}
				strcat(cycle, path);
				diag_add(ch->diags, from_file, from_line, 0,
					 L("scenarios extend one another in a cycle: %s",
					   "các kịch bản mở rộng nhau thành vòng: %s"), cycle);
			}
			free(cycle);
			ch->invalid = 1;
			return;
		}
	}
	if (slurp(ch, path, from_file, from_line, &data, &len) ||
	    check_text(ch, path, data, len)) {
		free(data);
		return;
	}
	f.data = data;
	f.len = len;
	int rc = ini_parse_stream(ini_read_line, &f, on_entry, &f);
	if (rc == -2) {
		ch->nomem = 1;
	} else if (rc > 0) {
		/* inih tells the first line it could not read, not why: look. */
		size_t n;
		const char *text = line_start(data, len, rc, &n);
		while (n && is_blank(*text)) {
			text++;
			n--;
		}
		file_error(&f, rc, *text == '[' ?
			   L("a section header must end with ']'", "tên mục phải kết thúc bằng ']'") :
			   L("expected 'key = value', '[section]' or a comment",
			     "cần 'khóa = giá trị', '[mục]' hoặc chú thích"));
	}

	if (f.dataset && f.extends) {
		file_error(&f, f.dataset_line > f.extends_line ? f.dataset_line : f.extends_line,
			   L("'dataset' and 'extends' cannot both be given: a scenario changes a dataset or extends a scenario",
			     "không thể ghi cả 'dataset' và 'extends': một kịch bản thay đổi một bộ dữ liệu hoặc mở rộng một kịch bản"));
	} else if (!f.dataset && !f.extends && !f.scenario_errors) {
		file_error(&f, 0, L("no 'dataset' or 'extends' in [scenario]: name the dataset folder it changes, or the scenario it extends",
				    "thiếu 'dataset' hoặc 'extends' trong [scenario]: ghi thư mục dữ liệu được thay đổi, hoặc kịch bản được mở rộng"));
	} else if (f.extends) {
		if (!known)
			memset(&id, 0, sizeof(id));
		ch->stack[ch->depth] = id;
		ch->shown[ch->depth] = path;
		ch->depth++;
		read_extended(ch, &f);
		ch->depth--;
	} else if (f.dataset && !sc->dataset) {
		struct stat folder;
		sc->dataset = path_beside(path, f.dataset);
		if (!sc->dataset) {
			ch->nomem = 1;
		} else if (stat(sc->dataset, &folder) || !S_ISDIR(folder.st_mode)) {
			diag_add(ch->diags, path, f.dataset_line, 0,
				 L("the dataset folder '%s' does not exist",
				   "không có thư mục dữ liệu '%s'"), sc->dataset);
			ch->missing = 1;
		}
	}
	/* The outermost file names the scenario; its stem when unnamed. */
	if (!from_file) {
		sc->name = f.name ? f.name : file_stem(path);
		f.name = NULL;
		if (!sc->name)
			ch->nomem = 1;
	}

	/* This file after the ones it extends. */
	void *files = sc->files;
	if (grow_array(&files, &sc->files_alloc, sc->nfiles + 1, sizeof(*sc->files))) {
		ch->nomem = 1;
	} else {
		sc->files = files;
		struct scenario_file *sf = &sc->files[sc->nfiles];
		sf->path = strdup(path);
		sha256_hex(data, len, sf->sha256);
		if (sf->path)
			sc->nfiles++;
		else
			ch->nomem = 1;
	}
	for (size_t i = 0; i < f.novr; i++) {
		if (ch->nomem || insert_override(sc, sc->nfile_overrides, &f.ovr[i])) {
			ch->nomem = 1;
			override_release(&f.ovr[i]);
			continue;
		}
		sc->nfile_overrides++;
	}
	free(f.ovr);
	free(f.name);
	free(f.dataset);
	free(f.extends);
	free(f.unknown_section);
	free(data);
}

enum scenario_status scenario_read(struct scenario *sc, const char *path,
				   struct diag_list *diags)
{
	struct chain ch;
	memset(&ch, 0, sizeof(ch));
	ch.sc = sc;
	ch.diags = diags;
	free(sc->file);
	sc->file = strdup(path);
	if (!sc->file)
		return SCENARIO_NOMEM;
	read_file(&ch, path, NULL, 0);
	if (ch.nomem)
		return SCENARIO_NOMEM;
	if (ch.missing)
		return SCENARIO_MISSING;
	if (ch.invalid || !sc->dataset)
		return SCENARIO_INVALID;
	return SCENARIO_OK;
}

int scenario_set_dataset(struct scenario *sc, const char *dir)
{
	free(sc->dataset);
	sc->dataset = strdup(dir);
	return sc->dataset ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Applying overrides to a dataset.                                    */

struct applier {
	struct dataset *ds;
	struct diag_list *diags;
	int file_errors, option_errors, nomem;
	int too_large;  /* an amount went over DATASET_AMOUNT_MAX (said once) */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void apply_error(struct applier *ap, const struct override *o, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	char *msg = vstrfmt(fmt, args);
	va_end(args);
	if (o->file) {
		diag_add(ap->diags, o->file, o->line, 0, "%s", msg ? msg : "?");
		ap->file_errors++;
	} else {
		/* text is "--option value" */
		const char *space = strchr(o->text, ' ');
		diag_add(ap->diags, NULL, 0, 0, L("invalid %.*s '%s': %s", "%.*s '%s' không hợp lệ: %s"),
			 (int)(space - o->text), o->text, space + 1, msg ? msg : "?");
		ap->option_errors++;
	}
	free(msg);
}

static double changed(const struct change *c, double v)
{
	switch (c->op) {
	case CHANGE_SET:
		return c->value;
	case CHANGE_ADD:
		return v + c->value;
	case CHANGE_SCALE:
		break;
	}
	return v * c->value;
}

static void apply_budget(struct applier *ap, const struct override *o)
{
	struct dataset *ds = ap->ds;
	long source = -1;
	if (o->name) {
		/* By id or display name, case and accents aside. */
		source = dataset_match_source(ds, o->name);
		if (source < 0) {
			char *names = source == -3 ? NULL : dataset_source_names(ds);
			if (!names) {
				ap->nomem = 1;
				return;
			}
			if (source == -2)
				apply_error(ap, o, L("'%s' names more than one source: write its id (sources: %s)",
						     "'%s' trùng tên với nhiều nguồn vốn: hãy ghi mã nguồn (các nguồn: %s)"),
					    o->name, names);
			else
				apply_error(ap, o, L("unknown source '%s' (sources: %s)",
						     "không có nguồn vốn '%s' (các nguồn: %s)"), o->name, names);
			free(names);
			return;
		}
	}
	int first = 0, last = ds->nyears - 1;
	if (o->year) {
		if (o->year < ds->first_year || o->year > dataset_horizon(ds)) {
			apply_error(ap, o, L("year %d is not a year of the plan (%d-%d)",
					     "năm %d không thuộc kỳ kế hoạch (%d-%d)"),
				    o->year, ds->first_year, dataset_horizon(ds));
			return;
		}
		first = last = o->year - ds->first_year;
	}
	/* An amount added to several budget lines is added to each, as a
	 * number set is set in each; a subtraction may not take a line
	 * below 0, and then nothing of this change is applied. */
	for (int y = first; y <= last; y++)
		for (size_t s = 0; s < ds->nsources; s++)
			if ((source < 0 || (size_t)source == s) &&
			    changed(&o->change, ds->budget[(size_t)y * ds->nsources + s]) < 0) {
				apply_error(ap, o, L("the budget of %s in %d would fall below 0 (it is %.2f)",
						     "ngân sách nguồn %s năm %d sẽ nhỏ hơn 0 (hiện là %.2f)"),
					    ds->sources[s].name, ds->first_year + y,
					    ds->budget[(size_t)y * ds->nsources + s]);
				return;
			}
	for (int y = first; y <= last; y++)
		for (size_t s = 0; s < ds->nsources; s++)
			if (source < 0 || (size_t)source == s)
				ds->budget[(size_t)y * ds->nsources + s] =
					changed(&o->change, ds->budget[(size_t)y * ds->nsources + s]);
}

static void apply_cost_factor(struct applier *ap, const struct override *o)
{
	struct dataset *ds = ap->ds;
	long district = dataset_find_district(ds, o->name);
	long commune = dataset_find_commune(ds, o->name);
	if (district >= 0 && commune >= 0) {
		apply_error(ap, o, L("'%s' is both a district and a commune id",
				     "'%s' vừa là tên huyện vừa là mã xã"), o->name);
		return;
	}
	if (district < 0 && commune < 0) {
		apply_error(ap, o, L("unknown district or commune '%s' (not in communes.csv)",
				     "không có huyện hay mã xã '%s' (trong communes.csv)"), o->name);
		return;
	}
	for (size_t c = 0; c < ds->ncommunes; c++)
		if ((commune >= 0 && (size_t)commune == c) ||
		    (district >= 0 && ds->communes[c].district == (size_t)district))
			ds->communes[c].cost_factor = changed(&o->change, ds->communes[c].cost_factor);
}

static long find_target(const struct dataset *ds, enum target_kind kind, size_t subject)
{
	for (size_t t = 0; t < ds->ntargets; t++)
		if (ds->targets[t].kind == kind &&
		    (target_subject(kind) == SUBJECT_NONE || ds->targets[t].subject_index == subject))
			return (long)t;
	return -1;
}

/* Adds, changes or removes one target whose subject is resolved. */
static void change_target(struct applier *ap, const struct override *o, enum target_kind kind,
			  const char *subject, size_t subject_index)
{
	struct dataset *ds = ap->ds;
	long t = find_target(ds, kind, subject_index);
	if (o->action == TARGET_REMOVE) {
		if (t < 0) {
			apply_error(ap, o, L("there is no target '%s%s%s' to remove",
					     "không có chỉ tiêu '%s%s%s' để bỏ"),
				    target_kind_name(kind), *subject ? " " : "", subject);
			return;
		}
		free(ds->targets[t].subject);
		memmove(&ds->targets[t], &ds->targets[t + 1],
			(ds->ntargets - (size_t)t - 1) * sizeof(*ds->targets));
		ds->ntargets--;
		return;
	}
	if (t >= 0) {
		ds->targets[t].value = o->action == TARGET_SET ? o->value : 0;
		return;
	}
	struct target *grown = realloc(ds->targets, (ds->ntargets + 1) * sizeof(*ds->targets));
	if (!grown) {
		ap->nomem = 1;
		return;
	}
	ds->targets = grown;
	struct target *nt = &ds->targets[ds->ntargets];
	memset(nt, 0, sizeof(*nt));
	nt->kind = kind;
	nt->subject = strdup(subject);
	nt->subject_index = subject_index;
	nt->value = o->action == TARGET_SET ? o->value : 0;
	nt->priority = 1;
	nt->line = 0; /* not from targets.csv */
	if (!nt->subject) {
		ap->nomem = 1;
		return;
	}
	ds->ntargets++;
}

static int resolve_commune(struct applier *ap, const struct override *o, const char *id,
			   size_t *out)
{
	long c = dataset_find_commune(ap->ds, id);
	if (c < 0) {
		apply_error(ap, o, L("unknown commune '%s' (not in communes.csv)",
				     "không có xã '%s' (trong communes.csv)"), id);
		return -1;
	}
	*out = (size_t)c;
	return 0;
}

static void apply_target(struct applier *ap, const struct override *o)
{
	struct dataset *ds = ap->ds;
	size_t index = 0;
	if ((o->target == TARGET_CRITERION_COMMUNES || o->target == TARGET_COMMUNES_STANDARD) &&
	    o->action == TARGET_SET && o->value > (double)ds->ncommunes) {
		apply_error(ap, o, L("%g communes wanted, but the dataset has %zu",
				     "mục tiêu %g xã, nhưng bộ dữ liệu chỉ có %zu xã"),
			    o->value, ds->ncommunes);
		return;
	}
	switch (target_subject(o->target)) {
	case SUBJECT_NONE:
		change_target(ap, o, o->target, "", 0);
		return;
	case SUBJECT_CRITERION:
		index = (size_t)strtol(o->name, NULL, 10);
		break;
	case SUBJECT_DISTRICT: {
		long d = dataset_find_district(ds, o->name);
		if (d < 0) {
			apply_error(ap, o, L("unknown district '%s' (not in communes.csv)",
					     "không có huyện '%s' (trong communes.csv)"), o->name);
			return;
		}
		index = (size_t)d;
		break;
	}
	case SUBJECT_COMMUNE: {
		/* A list of ids (require, exclude) or one (require_commune ...). */
		const char *p = o->name;
		char *id;
		int got;
		while ((got = list_next(&p, &id)) > 0) {
			if (!resolve_commune(ap, o, id, &index))
				change_target(ap, o, o->target, ds->communes[index].id, index);
			free(id);
		}
		if (got < 0)
			ap->nomem = 1;
		return;
	}
	}
	char subject[32];
	const char *text = o->name;
	if (o->target == TARGET_CRITERION_COMMUNES) {
		snprintf(subject, sizeof(subject), "%zu", index);
		text = subject;
	} else if (o->target == TARGET_DISTRICT_STANDARD) {
		text = ds->districts[index];
	}
	change_target(ap, o, o->target, text, index);
}

/* Whether target t is the subject `name` names (as apply_target reads it). */
static int target_named(const struct dataset *ds, const struct target *t, const char *name)
{
	switch (target_subject(t->kind)) {
	case SUBJECT_CRITERION:
		return t->subject_index == (size_t)strtol(name, NULL, 10);
	case SUBJECT_DISTRICT:
		return !strcmp(ds->districts[t->subject_index], name);
	case SUBJECT_COMMUNE:
		return !strcmp(ds->communes[t->subject_index].id, name);
	default:
		return 1;
	}
}

/* Sets the priority of every target the override names; naming none is
 * an error (a priority that changes nothing is a mistake). */
static void apply_priority(struct applier *ap, const struct override *o)
{
	struct dataset *ds = ap->ds;
	size_t named = 0;
	for (size_t t = 0; t < ds->ntargets; t++) {
		struct target *tg = &ds->targets[t];
		if (o->target != TARGET_KIND_COUNT &&
		    (tg->kind != o->target || (o->name && !target_named(ds, tg, o->name))))
			continue;
		tg->priority = (int)o->value;
		named++;
	}
	if (!named)
		apply_error(ap, o, L("there is no target '%s%s%s' to give a priority",
				     "không có chỉ tiêu '%s%s%s' để đặt mức ưu tiên"),
			    o->target == TARGET_KIND_COUNT ? "all" : target_kind_name(o->target),
			    o->name ? " " : "", o->name ? o->name : "");
}

static void apply_one(struct applier *ap, const struct override *o)
{
	struct dataset *ds = ap->ds;
	switch (o->kind) {
	case OVERRIDE_BUDGET:
		apply_budget(ap, o);
		return;
	case OVERRIDE_UNIT_COST:
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (o->criteria & CRITERION_BIT(k))
				ds->criteria[k - 1].unit_cost =
					changed(&o->change, ds->criteria[k - 1].unit_cost);
		return;
	case OVERRIDE_COST_FACTOR:
		apply_cost_factor(ap, o);
		return;
	case OVERRIDE_LEAD_YEARS:
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (o->criteria & CRITERION_BIT(k))
				ds->criteria[k - 1].lead_years = (int)o->value;
		return;
	case OVERRIDE_TARGET:
		apply_target(ap, o);
		return;
	case OVERRIDE_PRIORITY:
		apply_priority(ap, o);
		return;
	case OVERRIDE_HORIZON:
		if (o->year < ds->first_year || o->year > dataset_horizon(ds)) {
			apply_error(ap, o, L("horizon %d is outside the plan's years %d-%d (a horizon can only shorten the plan)",
					     "năm cuối %d nằm ngoài kỳ kế hoạch %d-%d (chỉ có thể rút ngắn kỳ kế hoạch)"),
				    o->year, ds->first_year, dataset_horizon(ds));
			return;
		}
		/* The budget's later rows stay allocated, unused. */
		ds->nyears = o->year - ds->first_year + 1;
		return;
	case OVERRIDE_TIME_LIMIT:
	case OVERRIDE_NODE_LIMIT:
	case OVERRIDE_MONEY_TOLERANCE:
		return; /* for the solver: scenario_time_limit(), scenario_node_limit(),
			 * scenario_money_tolerance() */
	case OVERRIDE_PROGRESS_FROM:
	case OVERRIDE_PROGRESS_FILE:
		return; /* for the re-plan: scenario_progress() */
	}
}

/* A changed dataset must be as valid as a loaded one: every figure, and
 * every gap's cost, within DATASET_AMOUNT_MAX (dataset.h), so that the
 * model's and the reports' sums stay finite. Reported against the
 * override that first breaks it. */
static void check_bounds(struct applier *ap, const struct override *o)
{
	const struct dataset *ds = ap->ds;
	double worst = 0;
	if (ap->too_large)
		return;
	for (size_t i = 0; i < (size_t)ds->nyears * ds->nsources; i++)
		worst = fmax(worst, ds->budget[i]);
	for (int k = 0; k < NTM_CRITERIA; k++)
		worst = fmax(worst, ds->criteria[k].unit_cost);
	for (size_t c = 0; c < ds->ncommunes; c++) {
		worst = fmax(worst, ds->communes[c].cost_factor);
		for (int k = 1; k <= NTM_CRITERIA; k++)
			worst = fmax(worst, dataset_gap_cost(ds, c, k));
	}
	ap->too_large = !(worst <= DATASET_AMOUNT_MAX);
	if (ap->too_large)
		apply_error(ap, o, L("this change makes an amount, a cost or a factor too large (at most %.0e)",
				     "thay đổi này làm một số tiền, chi phí hoặc hệ số quá lớn (tối đa %.0e)"),
			    DATASET_AMOUNT_MAX);
}

enum scenario_status scenario_apply(const struct scenario *sc, struct dataset *ds,
				    struct diag_list *diags)
{
	struct applier ap = {ds, diags, 0, 0, 0, 0};
	for (size_t i = 0; i < sc->noverrides && !ap.nomem; i++) {
		apply_one(&ap, &sc->overrides[i]);
		check_bounds(&ap, &sc->overrides[i]);
	}
	if (ap.nomem)
		return SCENARIO_NOMEM;
	if (ap.file_errors)
		return SCENARIO_INVALID;
	if (ap.option_errors)
		return SCENARIO_BAD_OPTION;
	return SCENARIO_OK;
}

/* The value of the last override of `kind` (the solver's settings), or
 * `fallback` when there is none. */
static double last_value(const struct scenario *sc, enum override_kind kind, double fallback)
{
	double value = fallback;
	for (size_t i = 0; i < sc->noverrides; i++)
		if (sc->overrides[i].kind == kind)
			value = sc->overrides[i].value;
	return value;
}

double scenario_time_limit(const struct scenario *sc, double fallback)
{
	return last_value(sc, OVERRIDE_TIME_LIMIT, fallback);
}

void scenario_progress(const struct scenario *sc, int *from, const char **file,
		       const struct override **where)
{
	*from = 0;
	*file = NULL;
	*where = NULL;
	for (size_t i = 0; i < sc->noverrides; i++) {
		const struct override *o = &sc->overrides[i];
		if (o->kind == OVERRIDE_PROGRESS_FROM) {
			*from = o->year;
			*where = o;
		} else if (o->kind == OVERRIDE_PROGRESS_FILE) {
			*file = o->name;
		}
	}
}

long scenario_node_limit(const struct scenario *sc, long fallback)
{
	return (long)last_value(sc, OVERRIDE_NODE_LIMIT, (double)fallback);
}

double scenario_money_tolerance(const struct scenario *sc, double fallback)
{
	return last_value(sc, OVERRIDE_MONEY_TOLERANCE, fallback);
}

/* ------------------------------------------------------------------ */
/* Provenance.                                                         */

int scenario_provenance(const struct scenario *sc, const struct dataset *ds,
			struct provenance *prov, struct diag_list *diags)
{
	char *dir = path_normalise(sc->dataset ? sc->dataset : ".");
	int failed = !dir || provenance_add(prov, PROVENANCE_PROGRAM, "ntmplan", NTM_VERSION);
	if (!failed && sc->file)
		failed = provenance_add(prov, PROVENANCE_SCENARIO, sc->file, sc->name);
	if (!failed)
		failed = provenance_add(prov, PROVENANCE_DATASET, dir, ds->name);
	for (size_t i = 0; !failed && i < sc->nfiles; i++)
		failed = provenance_add(prov, PROVENANCE_FILE, sc->files[i].path, sc->files[i].sha256);
	for (size_t i = 0; !failed && i < sizeof(dataset_files) / sizeof(dataset_files[0]); i++) {
		char hex[SHA256_HEX_SIZE];
		char *path = strcmp(dir, ".") ? strfmt("%s/%s", dir, dataset_files[i]) :
			     strdup(dataset_files[i]);
		if (!path) {
			failed = 1;
			break;
		}
		if (sha256_file_hex(path, hex)) {
			diag_add(diags, path, 0, 0, L("cannot read: %s", "không đọc được: %s"),
				 strerror(errno));
			free(path);
			free(dir);
			return -1;
		}
		failed = provenance_add(prov, PROVENANCE_FILE, path, hex);
		free(path);
	}
	/* dataset.csv is optional: listed when it is there. */
	if (!failed) {
		char hex[SHA256_HEX_SIZE];
		char *path = strcmp(dir, ".") ? strfmt("%s/dataset.csv", dir) : strdup("dataset.csv");
		failed = !path;
		if (path && !sha256_file_hex(path, hex))
			failed = provenance_add(prov, PROVENANCE_FILE, path, hex);
		free(path);
	}
	int from;
	const char *progress;
	const struct override *where;
	scenario_progress(sc, &from, &progress, &where);
	if (!failed && from && progress) {
		char hex[SHA256_HEX_SIZE];
		if (sha256_file_hex(progress, hex)) {
			diag_add(diags, progress, 0, 0, L("cannot read: %s", "không đọc được: %s"),
				 strerror(errno));
			free(dir);
			return -1;
		}
		failed = provenance_add(prov, PROVENANCE_FILE, progress, hex);
	}
	for (size_t i = 0; !failed && i < sc->noverrides; i++) {
		const struct override *o = &sc->overrides[i];
		char *where = o->file ? strfmt("%s:%ld", o->file, o->line) : strdup("");
		failed = !where || provenance_add(prov, PROVENANCE_OVERRIDE, where, o->text);
		free(where);
	}
	free(dir);
	if (failed) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	return 0;
}
