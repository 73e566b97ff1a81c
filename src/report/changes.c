#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "table.h"
#include "text.h"

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
			ADD(L("%scosts overrun: %s", "%svượt chi phí: %s"), len ? "; " : "", overrun);
		if (*unfinished)
			ADD(L("%swork not finished: %s", "%scông trình chưa xong: %s"), len ? "; " : "",
			    unfinished);
	} else {
		if (*assessed)
			ADD(L("assessed met: %s", "đánh giá đã đạt: %s"), assessed);
		if (*ahead)
			ADD(L("%swork ahead of plan: %s", "%scông trình vượt tiến độ: %s"), len ? "; " : "",
			    ahead);
	}
	if (!len)
		ADD("%s", L("the money of the years left (the re-plan's choice)",
			    "vốn các năm còn lại (do kế hoạch điều chỉnh chọn)"));
#undef ADD
}

int report_replan_changes(FILE *out, const struct plan *re, const struct dataset *orig_ds,
			  const struct replan *rp, const struct original *orig,
			  const char *against)
{
	const struct dataset *ds = re->ds;
	char a[TEXT_NUMBER_SIZE], b[TEXT_NUMBER_SIZE];
	int rc = -1;
	struct table t;
	table_init(&t);

	double paid = 0, carried = 0;
	int completed = 0, pending = 0, assessed = 0;
	for (size_t i = 0; i < orig_ds->ncommunes * NTM_CRITERIA; i++) {
		paid += rp->paid[i];
		assessed += rp->assessed[i];
		if (rp->completion[i] && !rp->assessed[i]) {
			completed++;
			pending += ds->gaps[i].pending;
		}
	}
	for (int s = 0; s < rp->nsources; s++)
		carried += rp->carry[s];
	if (rp->from - 1 > rp->first_year)
		fprintf(out, L("WHAT CHANGED: re-plan %d-%d from what was done in %d-%d\n",
			       "NHỮNG GÌ THAY ĐỔI: điều chỉnh kế hoạch %d-%d theo kết quả thực hiện %d-%d\n"),
			rp->from, dataset_horizon(ds), rp->first_year, rp->from - 1);
	else if (rp->from > rp->first_year)
		fprintf(out, L("WHAT CHANGED: re-plan %d-%d from what was done in %d\n",
			       "NHỮNG GÌ THAY ĐỔI: điều chỉnh kế hoạch %d-%d theo kết quả thực hiện năm %d\n"),
			rp->from, dataset_horizon(ds), rp->first_year);
	else
		fprintf(out, L("WHAT CHANGED: re-plan %d-%d (no year is past yet)\n",
			       "NHỮNG GÌ THAY ĐỔI: điều chỉnh kế hoạch %d-%d (chưa có năm nào đã qua)\n"),
			rp->from, dataset_horizon(ds));
	fprintf(out, L("  compared with the plan made at the start (%s)\n",
		       "  so với kế hoạch lập từ đầu kỳ (%s)\n"),
		against ? against : L("computed again from the dataset", "tính lại từ bộ dữ liệu"));
	fprintf(out, L("  money paid in the past years: %s million VND (the original plan: %s)\n",
		       "  vốn đã chi các năm qua: %s triệu đồng (kế hoạch ban đầu: %s)\n"),
		text_money(a, sizeof(a), paid), text_money(b, sizeof(b), orig->money_before));
	fprintf(out, L("  works completed: %d (%d still in their lead years); criteria assessed met: %d\n",
		       "  công trình đã hoàn thành: %d (%d còn trong thời gian chờ); tiêu chí được đánh giá đạt: %d\n"),
		completed, pending, assessed);
	fprintf(out, L("  unspent money carried into %d: %s million VND\n",
		       "  vốn chưa chi chuyển sang năm %d: %s triệu đồng\n"),
		rp->from, text_money(a, sizeof(a), carried));

	int orig_count = 0, re_count = 0, earlier = 0, later = 0, lost = 0, gained = 0;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		orig_count += orig->standard_year[c] != 0;
		re_count += re->standard_year[c] >= 0;
	}
	fprintf(out, L("  communes at standard by %d: %d in the original plan, %d in the re-plan\n\n",
		       "  số xã đạt chuẩn đến %d: kế hoạch ban đầu %d, kế hoạch điều chỉnh %d\n\n"),
		dataset_horizon(ds), orig_count, re_count);

	if (table_add_column(&t, L("Commune", "Xã"), TEXT_LEFT) ||
	    table_add_column(&t, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(&t, L("Original", "Ban đầu"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Re-plan", "Điều chỉnh"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Change", "Thay đổi"), TEXT_LEFT) ||
	    table_add_column(&t, L("Why", "Lý do"), TEXT_LEFT))
		goto cleanup;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int yo = orig->standard_year[c], yr = replan_year(re, c);
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
		why(orig_ds, rp, orig, re, c, is_later, why_text, sizeof(why_text));
		if (table_add_rowv(&t, ds->communes[c].name, ds->districts[ds->communes[c].district],
				   year_text(yo, bo, sizeof(bo)), year_text(yr, br, sizeof(br)), change,
				   why_text))
			goto cleanup;
	}
	if (!t.nrows) {
		fprintf(out, "%s\n\n", L("Every commune reaches the standard in the same year as in the original plan.",
					 "Mọi xã đạt chuẩn cùng năm như kế hoạch ban đầu."));
		rc = ferror(out) ? -1 : 0;
		goto cleanup;
	}
	fprintf(out, L("Communes whose standard year differs (%zu: %d earlier, %d later, %d no longer, %d now reach it)\n",
		       "Các xã có năm đạt chuẩn khác (%zu: %d sớm hơn, %d muộn hơn, %d không còn đạt, %d nay đạt)\n"),
		t.nrows, earlier, later, lost, gained);
	if (table_print(&t, out, "  "))
		goto cleanup;
	fputc('\n', out);
	rc = ferror(out) ? -1 : 0;
cleanup:
	table_release(&t);
	return rc;
}
