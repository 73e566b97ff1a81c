#include "nextout.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "text.h"

void next_result_init(struct next_result *r)
{
	memset(r, 0, sizeof(*r));
	plan_init(&r->plan);
}

void next_result_release(struct next_result *r)
{
	for (size_t i = 0; i < r->nsteps; i++) {
		free(r->steps[i].suffices);
		free(r->steps[i].entering);
		free(r->steps[i].leaving);
	}
	free(r->steps);
	plan_release(&r->plan);
	next_result_init(r);
}

static int print_communes(FILE *out, const struct dataset *ds, const size_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fprintf(out, "%s%s %s", i ? ", " : "", ds->communes[list[i]].id,
			    ds->communes[list[i]].name) < 0)
			return -1;
	return 0;
}

int next_print(FILE *out, const struct next_result *r, const struct provenance *prov)
{
	const struct dataset *ds = r->plan.ds;
	char money[TEXT_NUMBER_SIZE];
	if (fprintf(out, L("What more money buys: dataset '%s', %zu communes, plan %d-%d\n",
			   "Thêm vốn thì được gì: bộ dữ liệu '%s', %zu xã, kế hoạch %d-%d\n"),
		    ds->name, ds->ncommunes, ds->first_year, dataset_horizon(ds)) < 0)
		return -1;
	if (prov && provenance_print(out, prov))
		return -1;
	if (fprintf(out, L("The plan: %.0f communes at standard by %d, target shortfall %.0f.\n"
			   "Each line: the least extra money (million VND, whole) with which the optimal\n"
			   "plan has that many communes at standard, with no more target shortfall;\n"
			   "1 million less does not (both proven by runs of stages 0-1).\n",
			   "Phương án: %.0f xã đạt chuẩn đến năm %d, thiếu hụt chỉ tiêu %.0f.\n"
			   "Mỗi dòng: số vốn thêm ít nhất (triệu đồng, số nguyên) để phương án tối ưu có\n"
			   "số xã đạt chuẩn đó, không tăng thiếu hụt chỉ tiêu; bớt 1 triệu thì không đạt\n"
			   "(cả hai đều được chứng minh bằng các lần giải bước 0-1).\n"),
		    r->plan.objective[OBJ_COMMUNES], dataset_horizon(ds),
		    r->plan.objective[OBJ_SHORTFALL]) < 0)
		return -1;
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct next_step *st = &r->steps[i];
		text_money(money, sizeof(money), st->extra);
		if (fprintf(out, L("\n%zu. %.0f communes at standard: %s million VND more, from %s in %d "
				   "(--budget %d:%s=+%.0f)%s\n",
				   "\n%zu. %.0f xã đạt chuẩn: thêm %s triệu đồng, nguồn %s năm %d "
				   "(--budget %d:%s=+%.0f)%s\n"),
			    i + 1, r->plan.objective[OBJ_COMMUNES] + st->more, money,
			    source_name(&ds->sources[st->source]), ds->first_year + st->year - 1,
			    ds->first_year + st->year - 1, ds->sources[st->source].name, st->extra,
			    st->proven ? "" : L(" (a run was stopped by a limit: not proven)",
						" (có lần giải dừng vì giới hạn: chưa chứng minh)")) < 0)
			return -1;
		if (fputs(L("   the same amount also does it from: ", "   cùng số vốn đó cũng đủ nếu từ: "), out) < 0)
			return -1;
		int any = 0, all = 1;
		for (size_t l = 0; l < (size_t)ds->nyears * ds->nsources; l++)
			all &= st->suffices[l];
		if (all && fputs(L("any year and source", "mọi năm và mọi nguồn"), out) < 0)
			return -1;
		for (size_t s = 0; s < ds->nsources && !all; s++) {
			int first = 0, last = 0;
			for (int y = 1; y <= ds->nyears; y++) {
				if (!st->suffices[(size_t)(y - 1) * ds->nsources + s])
					continue;
				if (!first)
					first = y;
				last = y;
			}
			if (!first)
				continue;
			/* The years a line suffices in, as a list. */
			if (fprintf(out, "%s%s ", any++ ? "; " : "", source_name(&ds->sources[s])) < 0)
				return -1;
			int sep = 0;
			for (int y = first; y <= last; y++)
				if (st->suffices[(size_t)(y - 1) * ds->nsources + s] &&
				    fprintf(out, "%s%d", sep++ ? ", " : "", ds->first_year + y - 1) < 0)
					return -1;
		}
		if (fputs("\n", out) < 0)
			return -1;
		if (fputs(L("   communes brought to standard: ", "   xã được đưa đạt chuẩn: "), out) < 0 ||
		    print_communes(out, ds, st->entering, st->nentering))
			return -1;
		if (st->nleaving &&
		    (fputs(L("; in place of: ", "; thay cho: "), out) < 0 ||
		     print_communes(out, ds, st->leaving, st->nleaving)))
			return -1;
		if (fputs("\n", out) < 0)
			return -1;
	}
	if (r->exhausted &&
	    fprintf(out, "%s", L("\nNo more communes can reach the standard with money alone.\n",
				 "\nKhông thêm xã nào có thể đạt chuẩn chỉ nhờ thêm vốn.\n")) < 0)
		return -1;
	return 0;
}
