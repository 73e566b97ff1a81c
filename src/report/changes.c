#include "changes.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

/* Appends " k" (or "k" first) to a list of criteria. */
static void list_add(char *buf, size_t size, int k)
{
	size_t len = strlen(buf);
	if (len + 4 < size)
		snprintf(buf + len, size - len, len ? " %d" : "%d", k);
}

/* The re-plan's standard year of commune c as a calendar year; 0 never. */
static int replan_year(const struct plan *re, size_t c)
{
	int y = re->standard_year[c];
	return y < 0 ? 0 : re->ds->first_year - 1 + y;
}

static const char *year_text(int year, char *buf, size_t size)
{
	if (!year)
		return "-";
	snprintf(buf, size, "%d", year);
	return buf;
}

/* Why commune c's standard year moved: what its past years did against
 * what the original plan had them do. */
static void why(const struct dataset *ds, const struct replan *rp, const struct original *orig,
		const struct plan *re, size_t c, int later, char *out, size_t size)
{
	char unfinished[NTM_CRITERIA * 4] = "", overrun[NTM_CRITERIA * 4] = "";
	char ahead[NTM_CRITERIA * 4] = "", assessed[NTM_CRITERIA * 4] = "";
	double planned = 0, paid = 0;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
		if (dataset_gap(ds, c, k)->met)
			continue;
		double cost = dataset_gap_cost(ds, c, k);
		planned += orig->paid_before[i];
		paid += rp->paid[i];
		int planned_done = cost > 0 && orig->paid_before[i] >= cost - MONEY_TOLERANCE;
		int done = rp->completion[i] || rp->assessed[i];
		if (rp->assessed[i] && !planned_done)
			list_add(assessed, sizeof(assessed), k);
		else if (done && !planned_done && cost > 0)
			list_add(ahead, sizeof(ahead), k);
		if (planned_done && !done)
			list_add(unfinished, sizeof(unfinished), k);
		/* Paid what was planned for it, yet it needs more now than the
		 * original plan gave it in all: its cost has overrun. */
		double left = dataset_gap_cost(re->ds, c, k);
		if (!done && orig->paid_total[i] > 0 && rp->paid[i] >= orig->paid_before[i] - MONEY_TOLERANCE &&
		    rp->paid[i] + left > orig->paid_total[i] + MONEY_TOLERANCE)
			list_add(overrun, sizeof(overrun), k);
	}
	size_t len = 0;
	out[0] = '\0';
#define ADD(...) (len += (size_t)snprintf(out + len, len < size ? size - len : 0, __VA_ARGS__))
	if (later) {
		if (paid < planned - MONEY_TOLERANCE) {
			char a[TEXT_NUMBER_SIZE], b[TEXT_NUMBER_SIZE];
			ADD(L("money not spent (%s of %s)", "vốn chưa giải ngân (%s/%s)"),
			    text_money(a, sizeof(a), paid), text_money(b, sizeof(b), planned));
		}
		if (*overrun)
			ADD(L("%scosts overrun: criteria %s", "%svượt chi phí: tiêu chí %s"), len ? "; " : "", overrun);
		if (*unfinished)
			ADD(L("%swork not finished: criteria %s", "%scông trình chưa xong: tiêu chí %s"), len ? "; " : "",
			    unfinished);
	} else {
		if (*assessed)
			ADD(L("assessed met: criteria %s", "đánh giá đã đạt: tiêu chí %s"), assessed);
		if (*ahead)
			ADD(L("%swork ahead of plan: criteria %s", "%scông trình vượt tiến độ: tiêu chí %s"), len ? "; " : "",
			    ahead);
	}
	if (!len)
		ADD("%s", L("the money of the years left (the re-plan's choice)",
			    "vốn các năm còn lại (do kế hoạch điều chỉnh chọn)"));
#undef ADD
}

/* Appends one formatted line to lines[*n]; -1 when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int line_add(char **lines, size_t max, size_t *n, const char *fmt, ...)
{
	if (*n >= max)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	lines[*n] = vstrfmt(fmt, ap);
	va_end(ap);
	return lines[(*n)++] ? 0 : -1;
}

int replan_summary(const struct plan *re, const struct replan_view *v, char **lines, size_t max)
{
	const struct dataset *ds = re->ds;
	const struct replan *rp = v->rp;
	char a[TEXT_NUMBER_SIZE], b[TEXT_NUMBER_SIZE];
	double paid = 0, carried = 0;
	int completed = 0, pending = 0, assessed = 0, orig_count = 0, re_count = 0;
	size_t n = 0;
	int failed = 0;

	for (size_t i = 0; i < v->orig_ds->ncommunes * NTM_CRITERIA; i++) {
		paid += rp->paid[i];
		assessed += rp->assessed[i];
		if (rp->completion[i] && !rp->assessed[i]) {
			completed++;
			pending += ds->gaps[i].pending;
		}
	}
	for (int s = 0; s < rp->nsources; s++)
		carried += rp->carry[s];
	for (size_t c = 0; c < ds->ncommunes; c++) {
		orig_count += v->orig->standard_year[c] != 0;
		re_count += re->standard_year[c] >= 0;
	}
	char years[32], past[32];
	if (rp->from < dataset_horizon(ds))
		snprintf(years, sizeof(years), "%d-%d", rp->from, dataset_horizon(ds));
	else
		snprintf(years, sizeof(years), "%d", rp->from);
	if (rp->from - 1 > rp->first_year)
		snprintf(past, sizeof(past), "%d-%d", rp->first_year, rp->from - 1);
	else
		snprintf(past, sizeof(past), "%d", rp->first_year);
	if (rp->from > rp->first_year)
		failed |= line_add(lines, max, &n, L("What changed: re-plan %s from what was done in %s",
						     "Những gì thay đổi: điều chỉnh kế hoạch %s theo kết quả thực hiện %s"),
				   years, past);
	else
		failed |= line_add(lines, max, &n, L("What changed: re-plan %s (no year is past yet)",
						     "Những gì thay đổi: điều chỉnh kế hoạch %s (chưa có năm nào đã qua)"),
				   years);
	failed |= line_add(lines, max, &n, L("compared with the plan made at the start (%s)",
					     "so với kế hoạch lập từ đầu kỳ (%s)"),
			   v->against ? v->against : L("computed again from the dataset", "tính lại từ bộ dữ liệu"));
	failed |= line_add(lines, max, &n, L("money paid in the past years: %s million VND (the original plan: %s)",
					     "vốn đã chi các năm qua: %s triệu đồng (kế hoạch ban đầu: %s)"),
			   text_money(a, sizeof(a), paid), text_money(b, sizeof(b), v->orig->money_before));
	failed |= line_add(lines, max, &n, L("works completed: %d (%d still in their lead years); criteria assessed met: %d",
					     "công trình đã hoàn thành: %d (%d còn trong thời gian chờ); tiêu chí được đánh giá đạt: %d"),
			   completed, pending, assessed);
	failed |= line_add(lines, max, &n, L("unspent money carried into %d: %s million VND",
					     "vốn chưa chi chuyển sang năm %d: %s triệu đồng"),
			   rp->from, text_money(a, sizeof(a), carried));
	failed |= line_add(lines, max, &n, L("communes at standard by %d: %d in the original plan, %d in the re-plan",
					     "số xã đạt chuẩn đến %d: kế hoạch ban đầu %d, kế hoạch điều chỉnh %d"),
			   dataset_horizon(ds), orig_count, re_count);
	if (failed) {
		for (size_t i = 0; i < n; i++)
			free(lines[i]);
		return -1;
	}
	return (int)n;
}

int replan_differences_table(const struct plan *re, const struct replan_view *v, struct table *t,
			     char *caption, size_t size)
{
	const struct dataset *ds = re->ds;
	const struct replan *rp = v->rp;
	int earlier = 0, later = 0, lost = 0, gained = 0;
	if (table_add_column(t, L("Commune", "Xã"), TEXT_LEFT) ||
	    table_add_column(t, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(t, L("Original", "Ban đầu"), TEXT_RIGHT) ||
	    table_add_column(t, L("Re-plan", "Điều chỉnh"), TEXT_RIGHT) ||
	    table_add_column(t, L("Change", "Thay đổi"), TEXT_LEFT) ||
	    table_add_column(t, L("Why", "Lý do"), TEXT_LEFT))
		return -1;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int yo = v->orig->standard_year[c], yr = replan_year(re, c);
		/* At standard by the re-plan's baseline in both: the same. */
		if (yo && yo < rp->from - 1)
			yo = rp->from - 1;
		if (yo == yr)
			continue;
		const char *change;
		int is_later = !yr || (yo && yr > yo);
		if (!yr) {
			change = L("no longer", "không còn đạt");
			lost++;
		} else if (!yo) {
			change = L("now reaches", "nay đạt");
			gained++;
		} else if (yr < yo) {
			change = L("earlier", "sớm hơn");
			earlier++;
		} else {
			change = L("later", "muộn hơn");
			later++;
		}
		char why_text[512], bo[16], br[16];
		why(v->orig_ds, rp, v->orig, re, c, is_later, why_text, sizeof(why_text));
		if (table_add_rowv(t, ds->communes[c].name, ds->districts[ds->communes[c].district],
				   year_text(yo, bo, sizeof(bo)), year_text(yr, br, sizeof(br)), change,
				   why_text))
			return -1;
	}
	if (!t->nrows)
		snprintf(caption, size, "%s", L("Every commune reaches the standard in the same year as in the original plan.",
						 "Mọi xã đạt chuẩn cùng năm như kế hoạch ban đầu."));
	else
		snprintf(caption, size, L("Communes whose standard year differs (%zu: %d earlier, %d later, %d no longer, %d now reach it)",
					  "Các xã có năm đạt chuẩn khác (%zu: %d sớm hơn, %d muộn hơn, %d không còn đạt, %d nay đạt)"),
			 t->nrows, earlier, later, lost, gained);
	return 0;
}

int report_replan_changes(FILE *out, const struct plan *re, const struct replan_view *v)
{
	char *lines[8], caption[256];
	struct table t;
	int rc = -1;
	int n = replan_summary(re, v, lines, 8);
	if (n < 0)
		return -1;
	table_init(&t);
	for (int i = 0; i < n; i++) {
		fprintf(out, i ? "  %s\n" : "%s\n", lines[i]);
		free(lines[i]);
	}
	fputc('\n', out);
	if (replan_differences_table(re, v, &t, caption, sizeof(caption)))
		goto cleanup;
	fprintf(out, "%s\n", caption);
	if (t.nrows && table_print(&t, out, "  "))
		goto cleanup;
	fputc('\n', out);
	rc = ferror(out) ? -1 : 0;
cleanup:
	table_release(&t);
	return rc;
}
