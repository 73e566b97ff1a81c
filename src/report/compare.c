#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "report.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

/* One cell's text, owned by the caller's buffer array. */
static const char *num(char (*buf)[TEXT_NUMBER_SIZE], double v, int decimals)
{
	return text_number(*buf, TEXT_NUMBER_SIZE, v, decimals);
}

static int heading(FILE *out, const char *title)
{
	return fprintf(out, "\n%s\n", title) < 0 ? -1 : 0;
}

/* Adds a row whose first cell is `first` and the others `cells[0..n)`. */
static int add_row(struct table *t, const char *first, const char **cells, size_t n)
{
	const char **row = malloc((n + 1) * sizeof(*row));
	if (!row)
		return -1;
	row[0] = first;
	memcpy(row + 1, cells, n * sizeof(*row));
	int rc = table_add_row(t, row);
	free(row);
	return rc;
}

/* Adds the header: an empty first column, then one column per scenario. */
static int add_scenario_columns(struct table *t, const char *first, size_t n)
{
	if (table_add_column(t, first, TEXT_LEFT))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char name[16];
		snprintf(name, sizeof(name), "%c", (int)('A' + i % 26));
		if (table_add_column(t, name, TEXT_RIGHT))
			return -1;
	}
	return 0;
}

int compare_results_table(const struct compare_entry *e, size_t n, struct table *t)
{
	int rc = -1, first_year = 1 << 30, horizon = -(1 << 30);
	char (*buf)[TEXT_NUMBER_SIZE] = calloc(n, sizeof(*buf));
	const char **cells = calloc(n, sizeof(*cells));
	if (!buf || !cells || add_scenario_columns(t, "", n))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		const struct dataset *ds = e[i].plan->ds;
		if (ds->first_year < first_year)
			first_year = ds->first_year;
		if (dataset_horizon(ds) > horizon)
			horizon = dataset_horizon(ds);
	}
	for (int year = first_year; year <= horizon; year++) {
		char label[96];
		snprintf(label, sizeof(label), L("communes at standard, end of %d",
						 "số xã đạt chuẩn, cuối năm %d"), year);
		for (size_t i = 0; i < n; i++) {
			const struct dataset *ds = e[i].plan->ds;
			int y = year - ds->first_year + 1;
			cells[i] = y >= 1 && y <= ds->nyears ?
				num(&buf[i], e[i].plan->standard_count[y], 0) : "-";
		}
		if (add_row(t, label, cells, n))
			goto cleanup;
	}
	static const int objectives[] = {OBJ_SHORTFALL, OBJ_STANDARD_YEARS, OBJ_CRITERIA, OBJ_MONEY};
	const char *labels[] = {
		L("target shortfall", "thiếu hụt chỉ tiêu"),
		L("commune-years at standard", "tổng xã-năm đạt chuẩn"),
		L("criteria met at the horizon", "số tiêu chí đạt cuối kỳ"),
		L("money spent (million VND)", "vốn sử dụng (triệu đồng)"),
	};
	if (table_add_rule(t))
		goto cleanup;
	for (size_t o = 0; o < sizeof(objectives) / sizeof(objectives[0]); o++) {
		for (size_t i = 0; i < n; i++)
			cells[i] = num(&buf[i], e[i].plan->objective[objectives[o]], 0);
		if (add_row(t, labels[o], cells, n))
			goto cleanup;
		if (objectives[o] != OBJ_SHORTFALL)
			continue;
		/* Then each priority level's relative shortfall, what the plans
		 * are chosen by (docs/model.md), for every priority any
		 * scenario has, smallest first. */
		int last = 0;
		for (;;) {
			int next = 0;
			for (size_t i = 0; i < n; i++)
				for (size_t l = 0; l < e[i].plan->nlevels; l++) {
					int pr = e[i].plan->level_priority[l];
					if (pr > last && (!next || pr < next))
						next = pr;
				}
			if (!next)
				break;
			for (size_t i = 0; i < n; i++) {
				size_t l = plan_level_of(e[i].plan, next);
				cells[i] = l < e[i].plan->nlevels ?
					num(&buf[i], e[i].plan->level_relative[l], 4) : "-";
			}
			char label[96];
			snprintf(label, sizeof(label), L("relative shortfall, priority %d",
							 "thiếu hụt tương đối, ưu tiên %d"), next);
			if (add_row(t, label, cells, n))
				goto cleanup;
			last = next;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int proven = 1;
		double tolerance = 0;
		for (int s = 0; s < OBJ_COUNT; s++) {
			const struct stage_result *r = &e[i].plan->stages[s];
			if (r->status == STAGE_WITHIN_TOLERANCE)
				tolerance = r->tolerance;
			else
				proven &= r->status == STAGE_OPTIMAL;
		}
		cells[i] = !proven ? L("not all", "chưa hết") : tolerance == 0 ? L("all", "tất cả") : buf[i];
		if (proven && tolerance > 0) {
			char pct[TEXT_NUMBER_SIZE];
			/* The money stage is proven within its tolerance only. */
			snprintf(buf[i], TEXT_NUMBER_SIZE, L("all; money within %s %%", "tất cả; vốn trong %s %%"),
				 report_percent(pct, sizeof(pct), tolerance));
		}
	}
	if (add_row(t, L("stages proven optimal", "các bước đã chứng minh tối ưu"), cells, n))
		goto cleanup;
	rc = 0;
cleanup:
	free(buf);
	free(cells);
	return rc;
}

/* The text that identifies a target across datasets. */
static void target_key(const struct target *t, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", target_kind_name(t->kind), t->subject);
}

int compare_targets_table(const struct compare_entry *e, size_t n, struct table *t)
{
	int rc = -1;
	char (*buf)[TEXT_NUMBER_SIZE * 2] = calloc(n, sizeof(*buf));
	const char **cells = calloc(n, sizeof(*cells));
	if (!buf || !cells || add_scenario_columns(t, L("Target", "Chỉ tiêu"), n))
		goto cleanup;
	/* Targets in order of first appearance over the scenarios. */
	for (size_t i = 0; i < n; i++) {
		const struct dataset *ds = e[i].plan->ds;
		for (size_t ti = 0; ti < ds->ntargets; ti++) {
			char key[256], other[256];
			target_key(&ds->targets[ti], key, sizeof(key));
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				for (size_t tj = 0; tj < e[j].plan->ds->ntargets && !seen; tj++) {
					target_key(&e[j].plan->ds->targets[tj], other, sizeof(other));
					seen = !strcmp(key, other);
				}
			if (seen || ds->targets[ti].kind == TARGET_EXCLUDE_COMMUNE)
				continue;
			for (size_t j = 0; j < n; j++) {
				const struct dataset *dj = e[j].plan->ds;
				cells[j] = "-";
				for (size_t tj = 0; tj < dj->ntargets; tj++) {
					target_key(&dj->targets[tj], other, sizeof(other));
					if (strcmp(key, other))
						continue;
					const struct target_result *r = &e[j].plan->targets[tj];
					char achieved[TEXT_NUMBER_SIZE], short_by[TEXT_NUMBER_SIZE];
					int avg = dj->targets[tj].kind == TARGET_AVG_CRITERIA;
					text_number(achieved, sizeof(achieved), r->achieved, avg ? 2 : 0);
					text_number(short_by, sizeof(short_by), r->shortfall, 0);
					/* A target's priority when it is not the default. */
					char priority[48] = "";
					if (target_priority(&dj->targets[tj]) != 1)
						snprintf(priority, sizeof(priority), L(" [priority %d]", " [ưu tiên %d]"),
							 target_priority(&dj->targets[tj]));
					if (r->shortfall > 0)
						snprintf(buf[j], sizeof(buf[j]), L("%s (short %s)%s", "%s (thiếu %s)%s"),
							 achieved, short_by, priority);
					else
						snprintf(buf[j], sizeof(buf[j]), "%s%s", achieved, priority);
					cells[j] = buf[j];
				}
			}
			/* Matched by kind and subject as written, shown in words. */
			char label[320];
			snprintf(label, sizeof(label), "%s %s", target_kind_label(ds->targets[ti].kind),
				 ds->targets[ti].subject);
			if (add_row(t, label, cells, n))
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	free(buf);
	free(cells);
	return rc;
}

static double spent_by_source(const struct plan *p, const char *source)
{
	double sum = 0;
	for (size_t a = 0; a < p->nallocations; a++)
		if (!strcmp(p->ds->sources[p->allocations[a].source].name, source))
			sum += p->allocations[a].amount;
	return sum;
}

int compare_money_table(const struct compare_entry *e, size_t n, struct table *t)
{
	int rc = -1;
	char (*buf)[TEXT_NUMBER_SIZE] = calloc(n, sizeof(*buf));
	const char **cells = calloc(n, sizeof(*cells));
	if (!buf || !cells || add_scenario_columns(t, L("Source", "Nguồn vốn"), n))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		const struct dataset *ds = e[i].plan->ds;
		for (size_t s = 0; s < ds->nsources; s++) {
			const char *name = ds->sources[s].name;
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				seen = dataset_find_source(e[j].plan->ds, name) >= 0;
			if (seen)
				continue;
			for (size_t j = 0; j < n; j++)
				cells[j] = dataset_find_source(e[j].plan->ds, name) < 0 ? "-" :
					text_money(buf[j], TEXT_NUMBER_SIZE, spent_by_source(e[j].plan, name));
			/* Matched by id across the datasets, shown by name. */
			if (add_row(t, source_name(&ds->sources[s]), cells, n))
				goto cleanup;
		}
	}
	for (size_t j = 0; j < n; j++)
		cells[j] = text_money(buf[j], TEXT_NUMBER_SIZE, e[j].plan->objective[OBJ_MONEY]);
	if (table_add_rule(t) || add_row(t, L("Total", "Tổng"), cells, n))
		goto cleanup;
	rc = 0;
cleanup:
	free(buf);
	free(cells);
	return rc;
}

/* Standard year as a calendar year, or "-" when never. */
static const char *standard_year_text(const struct plan *p, long c, char *buf, size_t size)
{
	if (c < 0)
		return L("(absent)", "(không có)");
	if (p->standard_year[c] < 0)
		return "-";
	snprintf(buf, size, "%d", p->ds->first_year - 1 + p->standard_year[c]);
	return buf;
}

/* Criteria completed by the plan for commune c, as "2 9 13", or "". */
static void completed_list(const struct plan *p, long c, const struct plan *other, long oc,
			   char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	if (c < 0)
		return;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		int here = p->completed[(size_t)c * NTM_CRITERIA + (size_t)(k - 1)];
		int there = oc >= 0 && other->completed[(size_t)oc * NTM_CRITERIA + (size_t)(k - 1)];
		if (here && !there && len + 4 < size)
			len += (size_t)snprintf(buf + len, size - len, len ? " %d" : "%d", k);
	}
}

int compare_differences_table(const struct compare_entry *e, size_t j, struct table *t,
			      int *rows)
{
	const struct plan *a = e[0].plan, *b = e[j].plan;
	char other_header[64];
	snprintf(other_header, sizeof(other_header), L("Standard %c", "Đạt chuẩn %c"),
		 (int)('A' + j % 26));
	*rows = 0;
	if (table_add_column(t, L("Commune", "Xã"), TEXT_LEFT) ||
	    table_add_column(t, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(t, L("Standard A", "Đạt chuẩn A"), TEXT_RIGHT) ||
	    table_add_column(t, other_header, TEXT_RIGHT) ||
	    table_add_column(t, L("Works in A only", "Hạng mục chỉ có ở A"), TEXT_LEFT) ||
	    table_add_column(t, L("Works only in the other", "Hạng mục chỉ có ở phương án kia"), TEXT_LEFT))
		return -1;
	/* Communes of A, then those only in the other. */
	for (int pass = 0; pass < 2; pass++) {
		const struct plan *p = pass ? b : a, *q = pass ? a : b;
		for (size_t c = 0; c < p->ds->ncommunes; c++) {
			long in_q = dataset_find_commune(q->ds, p->ds->communes[c].id);
			if (pass && in_q >= 0)
				continue;
			long ca = pass ? -1 : (long)c, cb = pass ? (long)c : in_q;
			char ya[16], yb[16], only_a[NTM_CRITERIA * 4], only_b[NTM_CRITERIA * 4];
			const char *sa = standard_year_text(a, ca, ya, sizeof(ya));
			const char *sb = standard_year_text(b, cb, yb, sizeof(yb));
			completed_list(a, ca, b, cb, only_a, sizeof(only_a));
			completed_list(b, cb, a, ca, only_b, sizeof(only_b));
			if (!strcmp(sa, sb) && !only_a[0] && !only_b[0])
				continue;
			const struct commune *cm = &p->ds->communes[c];
			if (table_add_rowv(t, cm->name, p->ds->districts[cm->district],
					   sa, sb, only_a, only_b))
				return -1;
			(*rows)++;
		}
	}
	return 0;
}

/* A section: its table, built by `build`, under its title. */
static int print_section(FILE *out, const char *title,
			 int (*build)(const struct compare_entry *, size_t, struct table *),
			 const struct compare_entry *e, size_t n)
{
	struct table t;
	table_init(&t);
	int rc = build(e, n, &t);
	if (!rc)
		rc = heading(out, title);
	if (!rc)
		rc = table_print(&t, out, "  ");
	table_release(&t);
	return rc;
}

static int print_differences(FILE *out, const struct compare_entry *e, size_t n)
{
	for (size_t j = 1; j < n; j++) {
		struct table t;
		int rows;
		char title[160];
		table_init(&t);
		int rc = compare_differences_table(e, j, &t, &rows);
		snprintf(title, sizeof(title),
			 L("%zu. Where plans A and %c differ: %d communes",
			   "%zu. Khác biệt giữa phương án A và %c: %d xã"),
			 3 + j, (int)('A' + j % 26), rows);
		if (!rc)
			rc = heading(out, title);
		if (!rc && rows)
			rc = table_print(&t, out, "  ");
		table_release(&t);
		if (rc)
			return -1;
	}
	return 0;
}

int compare_print(FILE *out, const struct compare_entry *e, size_t n)
{
	if (fprintf(out, L("Comparison of %zu scenarios\n", "So sánh %zu kịch bản\n"), n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (fprintf(out, "  %c = %s\n", (int)('A' + i % 26), e[i].label) < 0)
			return -1;
	if (print_section(out, L("1. Results", "1. Kết quả"), compare_results_table, e, n) ||
	    print_section(out, L("2. Targets: what each plan reaches",
				 "2. Chỉ tiêu: mức đạt của từng phương án"), compare_targets_table, e, n) ||
	    print_section(out, L("3. Money spent by source, all years (million VND)",
				 "3. Vốn sử dụng theo nguồn, cả kỳ (triệu đồng)"), compare_money_table, e, n) ||
	    print_differences(out, e, n))
		return -1;
	return 0;
}
