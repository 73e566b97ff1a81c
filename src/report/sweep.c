#include "sweep.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-svg.h>

#include "charts.h"
#include "lang.h"
#include "outfile.h"
#include "planout.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

void sweep_options_init(struct sweep_options *o)
{
	memset(o, 0, sizeof(*o));
	o->from = SWEEP_DEFAULT_FROM;
	o->to = SWEEP_DEFAULT_TO;
	o->points = SWEEP_DEFAULT_POINTS;
	o->source = -1;
	solve_options_init(&o->solve);
	o->solve.time_limit = SWEEP_DEFAULT_TIME_LIMIT;
	o->solve.node_limit = SOLVE_DEFAULT_NODE_LIMIT;
}

void sweep_init(struct sweep *sw)
{
	memset(sw, 0, sizeof(*sw));
	sw->source = -1;
}

void sweep_release(struct sweep *sw)
{
	free(sw->points);
	free(sw->standard);
	sweep_init(sw);
}

/* The total of the budget varied (one source, or all) at scale 1. */
static double varied_budget(const struct dataset *ds, long source)
{
	double total = 0;
	for (int t = 0; t < ds->nyears; t++)
		for (size_t s = 0; s < ds->nsources; s++)
			if (source < 0 || (size_t)source == s)
				total += dataset_budget(ds, t, s);
	return total;
}

int sweep_options_check(const struct sweep_options *o, const struct dataset *ds,
			struct diag_list *diags)
{
	size_t before = diag_count(diags);
	if (!isfinite(o->from) || o->from < 0)
		diag_add(diags, NULL, 0, 0, L("invalid --from '%g': a factor of 0 or more",
					      "--from '%g' không hợp lệ: hệ số từ 0 trở lên"), o->from);
	if (!isfinite(o->to) || !(o->to > o->from))
		diag_add(diags, NULL, 0, 0, L("invalid --to '%g': a factor above --from (%g)",
					      "--to '%g' không hợp lệ: hệ số phải lớn hơn --from (%g)"),
			 o->to, o->from);
	if (o->points < SWEEP_MIN_POINTS || o->points > SWEEP_MAX_POINTS)
		diag_add(diags, NULL, 0, 0, L("invalid --points '%d': from %d to %d",
					      "--points '%d' không hợp lệ: từ %d đến %d"),
			 o->points, SWEEP_MIN_POINTS, SWEEP_MAX_POINTS);
	if (o->source >= 0 && (size_t)o->source >= ds->nsources)
		diag_add(diags, NULL, 0, 0, L("invalid --source: no source %ld",
					      "--source không hợp lệ: không có nguồn %ld"), o->source);
	else if (!(varied_budget(ds, o->source) > 0)) {
		if (o->source >= 0)
			diag_add(diags, NULL, 0, 0, L("invalid --source '%s': the source has no budget to scale",
						      "--source '%s' không hợp lệ: nguồn này không có ngân sách để nhân"),
				 source_name(&ds->sources[o->source]));
		else
			diag_add(diags, NULL, 0, 0, L("the budget is 0: there is nothing to scale",
						      "ngân sách bằng 0: không có gì để nhân"));
	}
	return diag_count(diags) > before ? -1 : 0;
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) * 1e-9;
}

/* Whether stages 0 and 1 of a sweep point's plan are both proven. */
static int plan_proven(const struct plan *p)
{
	return p->stages[OBJ_SHORTFALL].status == STAGE_OPTIMAL &&
	       p->stages[OBJ_COMMUNES].status == STAGE_OPTIMAL;
}

/* Whether plan a is better than b in stages 0 then 1 (less shortfall,
 * level by level, then more communes at standard). */
static int lexicographically_better(const struct plan *a, const struct plan *b)
{
	for (size_t l = 0; l < a->nlevels && l < b->nlevels; l++)
		if (a->level_value[l] != b->level_value[l])
			return a->level_value[l] < b->level_value[l];
	return a->objective[OBJ_COMMUNES] > b->objective[OBJ_COMMUNES];
}

int sweep_run(struct sweep *sw, const struct dataset *ds, const struct sweep_options *o,
	      struct diag_list *diags)
{
	size_t nbudget = (size_t)ds->nyears * ds->nsources;
	struct dataset scaled;
	struct solve_options so = o->solve;
	struct plan p, previous, retry, waived;
	struct solve_basis basis = {0}, waived_basis = {0};
	struct dataset no_targets;
	int rc = -1;

	sweep_release(sw);
	if (sweep_options_check(o, ds, diags))
		return 1;
	sw->ds = ds;
	sw->source = o->source;
	sw->base_budget = varied_budget(ds, -1);
	sw->points = calloc((size_t)o->points, sizeof(*sw->points));
	sw->standard = calloc((size_t)o->points * ds->ncommunes + 1, 1);
	/* A shallow copy that shares everything with ds but its budget: only
	 * the budget differs from point to point. Never released as a dataset. */
	scaled = *ds;
	scaled.budget = malloc((nbudget ? nbudget : 1) * sizeof(*scaled.budget));
	if (!sw->points || !sw->standard || !scaled.budget) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		free(scaled.budget);
		return -1;
	}
	sw->npoints = (size_t)o->points;
	{
		int priority[SWEEP_LEVELS + 64];
		int *all = ds->ntargets + 1 <= SWEEP_LEVELS + 64 ? priority :
			   malloc((ds->ntargets + 1) * sizeof(*all));
		if (!all) {
			diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
			free(scaled.budget);
			return -1;
		}
		size_t n = dataset_levels(ds, all);
		sw->nlevels = n < SWEEP_LEVELS ? n : SWEEP_LEVELS;
		memcpy(sw->level_priority, all, sw->nlevels * sizeof(*all));
		for (size_t l = 0; l < sw->nlevels; l++)
			sw->level_scale[l] = dataset_level_scale(ds, all[l]);
		if (all != priority)
			free(all);
	}
	/* The same budget with every target waived but exclude_commune (a
	 * rule of admissibility, not a target): a copy of ds that keeps only
	 * those, its budget the scaled one's. */
	no_targets = scaled;
	no_targets.targets = malloc((ds->ntargets + 1) * sizeof(*no_targets.targets));
	if (!no_targets.targets) {
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
		free(scaled.budget);
		return -1;
	}
	no_targets.ntargets = 0;
	for (size_t t = 0; t < ds->ntargets; t++)
		if (!target_has_shortfall(&ds->targets[t]))
			no_targets.targets[no_targets.ntargets++] = ds->targets[t];
	so.stages = SOLVE_STAGE(OBJ_SHORTFALL) | SOLVE_STAGE(OBJ_COMMUNES);
	/* Only the budget rows' bounds change from point to point: each
	 * stage's relaxation starts from the previous point's basis. */
	so.basis = &basis;
	plan_init(&p);
	plan_init(&previous);
	plan_init(&retry);
	plan_init(&waived);
	for (size_t i = 0; i < sw->npoints; i++) {
		struct sweep_point *pt = &sw->points[i];
		struct timespec start;
		/* The last point is exactly `to`, and (to - from) * i / (n - 1)
		 * hits 1 exactly on the default grid. */
		pt->scale = i + 1 == sw->npoints ? o->to :
			    o->from + (o->to - o->from) * (double)i / (double)(sw->npoints - 1);
		pt->budget = 0;
		for (int t = 0; t < ds->nyears; t++)
			for (size_t s = 0; s < ds->nsources; s++) {
				size_t at = (size_t)t * ds->nsources + s;
				scaled.budget[at] = o->source < 0 || (size_t)o->source == s ?
						    ds->budget[at] * pt->scale : ds->budget[at];
				pt->budget += scaled.budget[at];
			}
		clock_gettime(CLOCK_MONOTONIC, &start);
		/* The previous point's plan is admissible here too (its
		 * budget was no larger): the first incumbent. */
		so.warm_start = i > 0 && o->to > o->from ? &previous : NULL;
		if (solve_plan(&scaled, &so, &p, diags))
			goto cleanup;
		if (so.warm_start && !plan_proven(&p)) {
			/* A search is sensitive to where it starts: at scale 0.575
			 * of data/dienbien the warm start's search stops at the node
			 * limit where a fresh one proves the optimum in 0.2 s. So a
			 * point a limit stopped gets one fresh try, with a tenth of
			 * the nodes, and keeps it if it is proven or better. */
			struct solve_options fresh = so;
			fresh.warm_start = NULL;
			fresh.basis = NULL;
			if (fresh.node_limit > 0)
				fresh.node_limit = fresh.node_limit / SWEEP_RETRY_NODE_SHARE > 0 ?
							   fresh.node_limit / SWEEP_RETRY_NODE_SHARE : 1;
			if (solve_plan(&scaled, &fresh, &retry, diags))
				goto cleanup;
			if (plan_proven(&retry) || lexicographically_better(&retry, &p)) {
				struct plan swap = p;
				p = retry;
				retry = swap;
			}
		}
		/* The money alone: stage 1 with every target waived, from this
		 * point's plan (admissible: it breaks no rule). */
		{
			struct solve_options wo = so;
			wo.stages = SOLVE_STAGE(OBJ_COMMUNES);
			wo.warm_start = &p;
			wo.basis = &waived_basis;
			no_targets.budget = scaled.budget;
			if (solve_plan(&no_targets, &wo, &waived, diags))
				goto cleanup;
			pt->waived = waived.objective[OBJ_COMMUNES];
			pt->waived_stage = waived.stages[OBJ_COMMUNES];
		}
		pt->seconds = seconds_since(&start);
		for (size_t l = 0; l < sw->nlevels; l++) {
			size_t at = plan_level_of(&p, sw->level_priority[l]);
			pt->level[l] = at < p.nlevels ? p.level_relative[at] : 0;
			pt->level_value[l] = at < p.nlevels ? p.level_value[at] : 0;
			if (at < p.nlevels)
				pt->level_stage[l] = p.level_stages[at];
		}
		pt->shortfall = p.objective[OBJ_SHORTFALL];
		pt->communes = p.objective[OBJ_COMMUNES];
		pt->criteria = p.objective[OBJ_CRITERIA];
		pt->stage[0] = p.stages[OBJ_SHORTFALL];
		pt->stage[1] = p.stages[OBJ_COMMUNES];
		for (size_t c = 0; c < ds->ncommunes; c++)
			sw->standard[i * ds->ncommunes + c] = p.standard_year[c] >= 1;
		if (o->on_point)
			o->on_point(pt, i, sw->npoints, o->on_point_arg);
		struct plan swap = previous;
		previous = p;
		p = swap;
	}
	sweep_marginal_costs(sw);
	rc = 0;
cleanup:
	plan_release(&p);
	plan_release(&previous);
	plan_release(&retry);
	plan_release(&waived);
	solve_basis_release(&basis);
	solve_basis_release(&waived_basis);
	free(no_targets.targets);
	free(scaled.budget);
	if (rc)
		sweep_release(sw);
	return rc;
}

void sweep_marginal_costs(struct sweep *sw)
{
	size_t high = 0; /* the point of the most communes so far */
	for (size_t i = 0; i < sw->npoints; i++) {
		struct sweep_point *pt = &sw->points[i];
		double rise = i ? pt->communes - sw->points[high].communes : 0;
		pt->marginal_cost = rise > 0.5 ?
			(pt->budget - sw->points[high].budget) / rise : NAN;
		if (i == 0 || rise > 0.5)
			high = i;
	}
}

enum stage_status sweep_point_status(const struct sweep_point *pt)
{
	return pt->stage[0].status != STAGE_OPTIMAL ? pt->stage[0].status : pt->stage[1].status;
}

size_t sweep_check_monotone(const struct sweep *sw)
{
	for (size_t i = 1; i < sw->npoints; i++) {
		const struct sweep_point *a = &sw->points[i - 1], *b = &sw->points[i];
		int same = 1; /* every level shown the same so far */
		for (size_t l = 0; l < sw->nlevels && same; l++) {
			if (b->level_value[l] > a->level_value[l] + 1e-6)
				return i;
			same = fabs(b->level_value[l] - a->level_value[l]) <= 1e-6;
		}
		if (same && b->communes < a->communes - 1e-6)
			return i;
		if (b->waived < a->waived - 1e-6)
			return i;
	}
	return 0;
}

/* ---- the table ---- */

/* The status cell: proven, or which limit stopped which stage (for stage
 * 0, its first level a limit stopped), and its proven bound (rounded the
 * way an integral objective allows; a level's as a relative shortfall). */
static const char *status_cell(char *buf, size_t size, const struct sweep *sw,
			       const struct sweep_point *pt)
{
	char num[TEXT_NUMBER_SIZE];
	int stage = pt->stage[0].status != STAGE_OPTIMAL ? 0 : 1;
	enum stage_status st = pt->stage[stage].status;
	size_t level = 0;
	while (stage == 0 && level + 1 < sw->nlevels && pt->level_stage[level].status == STAGE_OPTIMAL)
		level++;
	const char *limit;
	switch (st) {
	case STAGE_OPTIMAL:
		return L("proven", "đã chứng minh");
	case STAGE_TIME_LIMIT:
		limit = L("time limit", "hết thời gian");
		break;
	case STAGE_NODE_LIMIT:
		limit = L("node limit", "hết số nút");
		break;
	case STAGE_FAILED:
		return L("failed", "lỗi");
	default:
		return L("not run", "chưa chạy");
	}
	if (stage == 0 && level < sw->nlevels)
		snprintf(buf, size, L("%s: shortfall p%d >= %s", "%s: thiếu hụt ư%d >= %s"), limit,
			 sw->level_priority[level],
			 text_number(num, sizeof(num),
				     ceil(pt->level_stage[level].bound - 1e-6) / sw->level_scale[level], 4));
	else if (stage == 0)
		snprintf(buf, size, "%s", limit);
	else
		snprintf(buf, size, L("%s: communes <= %s", "%s: số xã <= %s"), limit,
			 text_number(num, sizeof(num), floor(pt->stage[1].bound + 1e-6), 0));
	return buf;
}

static const char *varied_name(const struct sweep *sw)
{
	return sw->source >= 0 ? source_name(&sw->ds->sources[sw->source]) : NULL;
}

/* Decimals that print every scale of the sweep exactly (3 to 6): 1.0025
 * must not print as 1.003. */
static int scale_decimals(const struct sweep *sw)
{
	int d = 3;
	for (size_t i = 0; i < sw->npoints; i++)
		while (d < 6) {
			double shifted = sw->points[i].scale * pow(10, d);
			if (fabs(shifted - floor(shifted + 0.5)) <= 1e-6 * (1 + fabs(shifted)))
				break;
			d++;
		}
	return d;
}

/* At each point where the communes at standard change, which enter (+)
 * and which leave (-), from the point before's plan to this one's. */
static int print_changes(FILE *out, const struct sweep *sw)
{
	const struct dataset *ds = sw->ds;
	const size_t nc = ds->ncommunes;
	char scale[TEXT_NUMBER_SIZE], money[TEXT_NUMBER_SIZE];
	int any = 0;
	for (size_t i = 1; i < sw->npoints; i++) {
		const unsigned char *was = sw->standard + (i - 1) * nc, *now = sw->standard + i * nc;
		if (!memcmp(was, now, nc))
			continue;
		if (!any++ &&
		    fputs(L("\nCommunes entering (+) and leaving (-) the plan where they change, from the\n"
			    "point before (each point's plan is one of its optimal plans: another may\n"
			    "exchange communes that are as good):\n",
			    "\nCác xã vào (+) và ra (-) khỏi phương án ở những điểm thay đổi, so với điểm\n"
			    "trước (phương án của mỗi điểm là một trong các phương án tối ưu: phương án\n"
			    "khác có thể đổi các xã tương đương):\n"), out) < 0)
			return -1;
		text_number(scale, sizeof(scale), sw->points[i].scale, 3);
		text_money(money, sizeof(money), sw->points[i].budget);
		if (fprintf(out, L("  %s (%s):", "  %s (%s):"), scale, money) < 0)
			return -1;
		for (int sign = 1; sign >= 0; sign--)
			for (size_t c = 0; c < nc; c++)
				if (now[c] == sign && was[c] != sign &&
				    fprintf(out, " %c%s %s", sign ? '+' : '-', ds->communes[c].id,
					    ds->communes[c].name) < 0)
					return -1;
		if (fputc('\n', out) == EOF)
			return -1;
	}
	return 0;
}

int sweep_print(FILE *out, const struct sweep *sw, const struct provenance *prov)
{
	const struct dataset *ds = sw->ds;
	struct table t;
	char scale[TEXT_NUMBER_SIZE], money[TEXT_NUMBER_SIZE],
	     shortfall[SWEEP_LEVELS][TEXT_NUMBER_SIZE], communes[TEXT_NUMBER_SIZE],
	     waived[TEXT_NUMBER_SIZE], criteria[TEXT_NUMBER_SIZE], marginal[TEXT_NUMBER_SIZE],
	     status[160], header[SWEEP_LEVELS][64];
	const char *cells[SWEEP_LEVELS + 8];
	int rc = -1, unproven = 0, decimals = scale_decimals(sw);
	size_t bad = sweep_check_monotone(sw);

	table_init(&t);
	if (fprintf(out, L("Budget sweep: dataset '%s', %zu communes, plan %d-%d\n",
			   "Quét ngân sách: bộ dữ liệu '%s', %zu xã, kế hoạch %d-%d\n"),
		    ds->name, ds->ncommunes, ds->first_year, dataset_horizon(ds)) < 0)
		goto cleanup;
	if (prov && provenance_print(out, prov))
		goto cleanup;
	text_money(money, sizeof(money), sw->base_budget);
	text_money(scale, sizeof(scale), varied_budget(ds, sw->source));
	if (varied_name(sw) ? fprintf(out, L("\nBudget varied: source '%s' only, every year, times the scale; scale 1 is its current budget, after the changes above (%s million VND, of %s in all).\n",
					     "\nNgân sách thay đổi: chỉ nguồn '%s', mọi năm, nhân với hệ số; hệ số 1 là ngân sách hiện tại của nguồn, sau các thay đổi nêu trên (%s triệu đồng, trên tổng %s).\n"),
				      varied_name(sw), scale, money) < 0 :
			      fprintf(out, L("\nBudget varied: every source, every year, times the scale; scale 1 is the current budget, after the changes above (%s million VND).\n",
					     "\nNgân sách thay đổi: mọi nguồn, mọi năm, nhân với hệ số; hệ số 1 là ngân sách hiện tại, sau các thay đổi nêu trên (%s triệu đồng).\n"),
				      money) < 0)
		goto cleanup;
	if (fprintf(out, "\n") < 0 ||
	    table_add_column(&t, L("scale", "hệ số"), TEXT_RIGHT) ||
	    table_add_column(&t, L("budget", "ngân sách"), TEXT_RIGHT))
		goto cleanup;
	for (size_t l = 0; l < sw->nlevels; l++) {
		snprintf(header[l], sizeof(header[l]), L("shortfall p%d", "thiếu hụt ư%d"),
			 sw->level_priority[l]);
		if (table_add_column(&t, header[l], TEXT_RIGHT))
			goto cleanup;
	}
	if (table_add_column(&t, L("communes", "số xã"), TEXT_RIGHT) ||
	    table_add_column(&t, L("no targets", "bỏ chỉ tiêu"), TEXT_RIGHT) ||
	    table_add_column(&t, L("criteria*", "tiêu chí*"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Δbudget/Δcommunes", "Δngân sách/Δxã"), TEXT_RIGHT) ||
	    table_add_column(&t, L("status", "trạng thái"), TEXT_LEFT))
		goto cleanup;
	for (size_t i = 0; i < sw->npoints; i++) {
		const struct sweep_point *pt = &sw->points[i];
		text_number(scale, sizeof(scale), pt->scale, decimals);
		text_money(money, sizeof(money), pt->budget);
		for (size_t l = 0; l < sw->nlevels; l++)
			text_number(shortfall[l], sizeof(shortfall[l]), pt->level[l], 4);
		text_number(communes, sizeof(communes), pt->communes, 0);
		text_number(waived, sizeof(waived), pt->waived, 0);
		text_number(criteria, sizeof(criteria), pt->criteria, 0);
		if (isnan(pt->marginal_cost))
			strcpy(marginal, "-");
		else
			text_money(marginal, sizeof(marginal), pt->marginal_cost);
		if (sweep_point_status(pt) != STAGE_OPTIMAL)
			unproven++;
		size_t n = 0;
		cells[n++] = scale;
		cells[n++] = money;
		for (size_t l = 0; l < sw->nlevels; l++)
			cells[n++] = shortfall[l];
		cells[n++] = communes;
		cells[n++] = waived;
		cells[n++] = criteria;
		cells[n++] = marginal;
		cells[n++] = status_cell(status, sizeof(status), sw, pt);
		if (table_add_row(&t, cells))
			goto cleanup;
	}
	if (table_print(&t, out, "  "))
		goto cleanup;
	if (fprintf(out, "%s", L(
"\n"
"  budget: total of every year and source, million VND.\n"
"  shortfall pN, communes: each point's optimum, solved afresh (stages 0 and 1\n"
"  of docs/model.md: for each priority level N, the least relative shortfall of\n"
"  its targets, each short by a share of its size; then most communes at\n"
"  standard at the horizon), proven unless the status names the limit that\n"
"  stopped it. The first level's shortfall never rises with the budget.\n"
"  no targets: most communes at standard with every target waived, what the\n"
"  money alone reaches; the difference with 'communes' is what the targets cost.\n"
"  criteria*: criteria met at the horizon by the plan found at stage 1, not an\n"
"  optimum (stages 2-4 are not solved in a sweep).\n"
"  Δbudget/Δcommunes: marginal cost of the next commune, a finite difference on\n"
"  this grid, only where the communes reach a new high: the rise in budget since\n"
"  the last high divided by the rise in communes above it (million VND a\n"
"  commune).\n"
"  Where a shortfall is above 0, money goes to the targets first, so the\n"
"  communes may fall as the budget rises; the levels and the communes together\n"
"  never get worse.\n",
"\n"
"  ngân sách: tổng mọi năm và mọi nguồn, triệu đồng.\n"
"  thiếu hụt ưN, số xã: tối ưu của từng điểm, giải lại từ đầu (bước 0 và 1 của\n"
"  docs/model.md: với từng mức ưu tiên N, thiếu hụt tương đối ít nhất của các\n"
"  chỉ tiêu cùng mức, mỗi chỉ tiêu tính theo tỷ lệ so với quy mô của nó; rồi\n"
"  nhiều xã đạt chuẩn nhất đến cuối kỳ), đã chứng minh trừ khi trạng thái ghi\n"
"  giới hạn đã dừng tìm kiếm. Thiếu hụt của mức đầu không bao giờ tăng khi ngân\n"
"  sách tăng.\n"
"  bỏ chỉ tiêu: số xã đạt chuẩn nhiều nhất khi bỏ mọi chỉ tiêu, điều riêng số\n"
"  vốn đạt được; chênh lệch với 'số xã' là giá của các chỉ tiêu.\n"
"  tiêu chí*: số tiêu chí đạt đến cuối kỳ của phương án tìm được ở bước 1, không\n"
"  phải tối ưu (bước 2-4 không được giải khi quét).\n"
"  Δngân sách/Δxã: chi phí biên của xã tiếp theo, sai phân trên lưới này, chỉ ở\n"
"  những điểm số xã vượt mức cao nhất trước đó: mức tăng ngân sách kể từ mức cao\n"
"  nhất trước chia cho số xã tăng thêm (triệu đồng một xã).\n"
"  Khi thiếu hụt lớn hơn 0, vốn dành trước cho các chỉ tiêu, nên số xã có thể\n"
"  giảm khi ngân sách tăng; các mức thiếu hụt và số xã xét cùng nhau không bao\n"
"  giờ kém đi.\n")) < 0)
		goto cleanup;
	if (unproven && fprintf(out, L("  %d of %zu points were stopped by a limit (--time-limit, --node-limit).\n",
				       "  %d trên %zu điểm bị dừng bởi giới hạn (--time-limit, --node-limit).\n"),
				unproven, sw->npoints) < 0)
		goto cleanup;
	if (bad && fprintf(out, L("  Not monotone: at scale %g the result is worse than at the point before, which a proven optimum cannot be; a limit stopped the solver.\n",
				  "  Không đơn điệu: tại hệ số %g kết quả kém hơn điểm trước, điều mà tối ưu đã chứng minh không thể có; giới hạn đã dừng bộ giải.\n"),
			   sw->points[bad].scale) < 0)
		goto cleanup;
	if (print_changes(out, sw))
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

/* ---- CSV ---- */

static const struct csv_column sweep_columns[] = {
	{"scale", "hệ số ngân sách"},
	{"budget", "tổng ngân sách (triệu đồng)"},
	{"shortfall", "thiếu hụt chỉ tiêu"},
	{"communes_standard", "số xã đạt chuẩn"},
	{"criteria_met", "số tiêu chí đạt"},
	{"status", "trạng thái"},
	{"marginal_cost", "chi phí biên (triệu đồng/xã)"},
};

int sweep_write_csv(FILE *out, const struct sweep *sw, enum csv_format format)
{
	/* sweep_columns with each level's relative shortfall after the plain
	 * shortfall, and the waived-targets communes after the communes. */
	struct csv_column cols[sizeof(sweep_columns) / sizeof(sweep_columns[0]) + SWEEP_LEVELS + 1];
	char en[SWEEP_LEVELS][48], vi[SWEEP_LEVELS][64];
	size_t nc = 0;
	for (size_t c = 0; c < sizeof(sweep_columns) / sizeof(sweep_columns[0]); c++) {
		cols[nc++] = sweep_columns[c];
		if (!strcmp(sweep_columns[c].en, "shortfall"))
			for (size_t l = 0; l < sw->nlevels; l++) {
				snprintf(en[l], sizeof(en[l]), "shortfall_priority_%d", sw->level_priority[l]);
				snprintf(vi[l], sizeof(vi[l]), "thiếu hụt tương đối ưu tiên %d",
					 sw->level_priority[l]);
				cols[nc++] = (struct csv_column){en[l], vi[l]};
			}
		if (!strcmp(sweep_columns[c].en, "communes_standard"))
			cols[nc++] = (struct csv_column){"communes_no_targets", "số xã khi bỏ mọi chỉ tiêu"};
	}
	struct csv_writer w;
	csv_writer_init(&w, out, format);
	csv_writer_header(&w, cols, nc);
	for (size_t i = 0; i < sw->npoints; i++) {
		const struct sweep_point *pt = &sw->points[i];
		csv_writer_number(&w, pt->scale, 6);
		csv_writer_number(&w, pt->budget, 3);
		csv_writer_number(&w, pt->shortfall, 3);
		for (size_t l = 0; l < sw->nlevels; l++)
			csv_writer_number(&w, pt->level[l], 6);
		csv_writer_number(&w, pt->communes, 3);
		csv_writer_number(&w, pt->waived, 3);
		csv_writer_number(&w, pt->criteria, 3);
		csv_writer_field(&w, stage_status_name(sweep_point_status(pt)));
		if (!isnan(pt->marginal_cost))
			csv_writer_number(&w, pt->marginal_cost, 3);
		else
			csv_writer_field(&w, "");
		csv_writer_end_row(&w);
	}
	return ferror(out) ? -1 : 0;
}

/* ---- SVG ---- */

/* The chart's size in SVG user units (pixels), and its font: the PDF's. */
#define SVG_W 760.0
#define SVG_H 460.0
#define SVG_FONT "DejaVu Sans"

static cairo_status_t svg_to_stream(void *closure, const unsigned char *data, unsigned int length)
{
	if (!closure)
		return CAIRO_STATUS_WRITE_ERROR;
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
							  : CAIRO_STATUS_WRITE_ERROR;
}

/*
 * Writes the SVG cairo made, with its surface ids renumbered. cairo names
 * the page's group after the surface's serial number in the process
 * ("surface6" when five surfaces were made before it), so the same chart
 * would not give the same bytes from every process (a sweep after a PDF,
 * a test): each distinct "surfaceN" becomes surface1, surface2, ... in
 * the order they appear, as in a process that made no surface before.
 * Nothing else in the file says "surface": its text is glyphs.
 */
static int put_renumbered(FILE *out, const char *svg)
{
	static const char key[] = "surface";
	unsigned long seen[32];
	size_t nseen = 0;
	const char *p = svg, *hit;
	while ((hit = strstr(p, key))) {
		const char *digits = hit + strlen(key);
		char *end;
		fwrite(p, 1, (size_t)(digits - p), out);
		p = digits;
		if (!isdigit((unsigned char)*digits))
			continue;
		unsigned long id = strtoul(digits, &end, 10);
		size_t k = 0;
		while (k < nseen && seen[k] != id)
			k++;
		if (k == nseen && nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = id;
		fprintf(out, "%lu", k < nseen ? (unsigned long)k + 1 : id);
		p = end;
	}
	fputs(p, out);
	return ferror(out) ? -1 : 0;
}

/* What the chart shows, from the sweep: drawn by charts.c. */
static void svg_draw(struct chart_pen *pen, const struct sweep *sw, const char *title,
		     double *x, double *y, double *waived, int *hollow)
{
	const struct dataset *ds = sw->ds;
	char num[TEXT_NUMBER_SIZE], mark[TEXT_NUMBER_SIZE + 64], ytitle[128];
	char *subtitle;
	int unproven = 0;
	size_t short_until = 0; /* points [0, short_until) end with a shortfall */

	for (size_t i = 0; i < sw->npoints; i++) {
		x[i] = sw->points[i].budget;
		y[i] = sw->points[i].communes;
		waived[i] = sw->points[i].waived;
		hollow[i] = sweep_point_status(&sw->points[i]) != STAGE_OPTIMAL;
		unproven += hollow[i];
		if (sw->points[i].shortfall > 1e-6)
			short_until = i + 1;
	}
	if (varied_name(sw))
		subtitle = strfmt(L("%s, %d-%d; only source '%s' varied", "%s, %d-%d; chỉ thay đổi nguồn '%s'"),
				  title ? title : ds->name, ds->first_year, dataset_horizon(ds),
				  varied_name(sw));
	else
		subtitle = strfmt("%s, %d-%d", title ? title : ds->name, ds->first_year,
				  dataset_horizon(ds));
	snprintf(mark, sizeof(mark), L("current budget: %s", "ngân sách hiện tại: %s"),
		 text_money(num, sizeof(num), sw->base_budget));
	snprintf(ytitle, sizeof(ytitle), L("communes at standard in %d", "số xã đạt chuẩn năm %d"),
		 dataset_horizon(ds));
	/* Budgets at which the targets cannot all be met: money goes to the
	 * targets first there, so the communes may fall as the budget rises. */
	struct frontier_chart c = {
		L("Communes at standard against the total budget",
		  "Số xã đạt chuẩn theo tổng ngân sách"),
		subtitle ? subtitle : ds->name,
		L("total budget, every year and source (million VND)",
		  "tổng ngân sách, mọi năm và mọi nguồn (triệu đồng)"),
		ytitle, x, y, hollow, sw->npoints, sw->base_budget, mark,
		short_until < sw->npoints ? sw->points[short_until].budget : INFINITY,
		short_until ? L("targets not all met (shortfall > 0)",
				"chưa đạt mọi chỉ tiêu (thiếu hụt > 0)") : NULL,
		unproven ? L("hollow point: a limit stopped the solver, not proven optimal",
			     "điểm rỗng: giới hạn đã dừng bộ giải, chưa chứng minh tối ưu") : NULL,
		waived,
		L("dashed: every target waived; shaded: what the targets cost",
		  "nét đứt: bỏ mọi chỉ tiêu; phần tô: giá của các chỉ tiêu"),
	};
	frontier_draw(pen, &c, 20, 16, SVG_W - 40, SVG_H - 28);
	free(subtitle);
}

/* sweep_write_svg, and whether the font was missing. */
static int write_svg(FILE *out, const struct sweep *sw, const char *title, int *nofont)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	struct chart_pen pen = {NULL, NULL, NULL, NULL, NULL};
	size_t n = sw->npoints ? sw->npoints : 1, size = 0;
	double *x = calloc(3 * n, sizeof(*x));
	int *hollow = calloc(n, sizeof(*hollow));
	char *svg = NULL;
	FILE *mem = open_memstream(&svg, &size);
	int rc = -1;

	surface = cairo_svg_surface_create_for_stream(svg_to_stream, mem, SVG_W, SVG_H);
	cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
	cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
	cr = pen.cr = cairo_create(surface);
	if (!x || !hollow || !mem || cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto cleanup;
	/* A frontier has no stacked bar to total: label_bold is label. */
	if (!(pen.layout = chart_layout_create(cr)) ||
	    !(pen.title = pango_font_description_from_string(SVG_FONT " Bold 11")) ||
	    !(pen.label = pen.label_bold = pango_font_description_from_string(SVG_FONT " 8.5")))
		goto cleanup;
	if (!chart_font_available(pen.layout, pen.label, SVG_FONT)) {
		*nofont = 1;
		goto cleanup;
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	svg_draw(&pen, sw, title, x, x + n, x + 2 * n, hollow);
	cairo_surface_finish(surface);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS || fclose(mem))
		goto cleanup;
	mem = NULL;
	rc = put_renumbered(out, svg);
cleanup:
	if (pen.title)
		pango_font_description_free(pen.title);
	if (pen.label)
		pango_font_description_free(pen.label);
	if (pen.layout)
		g_object_unref(pen.layout);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	if (mem)
		fclose(mem);
	free(svg);
	free(x);
	free(hollow);
	return rc;
}

int sweep_write_svg(FILE *out, const struct sweep *sw, const char *title)
{
	int nofont = 0;
	return write_svg(out, sw, title, &nofont);
}

/* ---- writing a file whole ---- */

struct save_job {
	const struct sweep *sw;
	enum sweep_format format;
	enum csv_format csv;
	const char *title;
	int nofont;
};

static int write_job(FILE *out, const void *ctx)
{
	struct save_job *job = (struct save_job *)ctx;
	return job->format == SWEEP_CSV ? sweep_write_csv(out, job->sw, job->csv)
					: write_svg(out, job->sw, job->title, &job->nofont);
}

int sweep_save(const struct sweep *sw, enum sweep_format format, enum csv_format csv,
	       const char *path, const char *title, struct diag_list *diags)
{
	struct save_job job = {sw, format, csv, title, 0};
	if (!outfile_write(path, write_job, &job, diags))
		return 0;
	/* outfile_write has named the file; say why when it was the font. */
	if (job.nofont)
		diag_add(diags, path, 0, 0, L("the font '%s' is not installed (Debian: fonts-dejavu-core)",
					      "chưa cài phông chữ '%s' (Debian: fonts-dejavu-core)"), SVG_FONT);
	return -1;
}
