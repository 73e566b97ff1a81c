#include "sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	/* A shallow copy that shares everything with ds but its budget: only
	 * the budget differs from point to point. Never released as a dataset. */
	scaled = *ds;
	scaled.budget = malloc((nbudget ? nbudget : 1) * sizeof(*scaled.budget));
	if (!sw->points || !scaled.budget) {
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

/* Text escaped for XML content and attribute values. Control characters,
 * which XML 1.0 does not allow, are dropped. */
static void svg_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				putc(*s, out);
		}
	}
}

/* A step of 1, 2 or 5 times a power of ten that cuts `range` into about
 * `parts` pieces. */
static double nice_step(double range, int parts)
{
	double raw = range / parts;
	double mag = pow(10, floor(log10(raw)));
	double r = raw / mag;
	return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

/* Layout of the chart, in SVG user units. */
enum { SVG_W = 760, SVG_H = 460, PLOT_L = 90, PLOT_R = 730, PLOT_T = 60, PLOT_B = 390 };

struct axes {
	double x0, x1, xstep, y0, y1, ystep;
};

static double px(const struct axes *a, double x)
{
	return PLOT_L + (x - a->x0) / (a->x1 - a->x0) * (PLOT_R - PLOT_L);
}

static double py(const struct axes *a, double y)
{
	return PLOT_B - (y - a->y0) / (a->y1 - a->y0) * (PLOT_B - PLOT_T);
}

int sweep_write_svg(FILE *out, const struct sweep *sw, const char *title)
{
	const struct dataset *ds = sw->ds;
	struct axes a;
	char num[TEXT_NUMBER_SIZE], label[128];
	double xmin = sw->npoints ? sw->points[0].budget : 0, xmax = xmin, ymax = 1;
	int unproven = 0;

	for (size_t i = 0; i < sw->npoints; i++) {
		if (sw->points[i].budget < xmin)
			xmin = sw->points[i].budget;
		if (sw->points[i].budget > xmax)
			xmax = sw->points[i].budget;
		if (sw->points[i].communes > ymax)
			ymax = sw->points[i].communes;
		if (sw->points[i].waived > ymax)
			ymax = sw->points[i].waived;
	}
	if (!(xmax > xmin))
		xmax = xmin + 1;
	a.xstep = nice_step(xmax - xmin, 6);
	a.x0 = floor(xmin / a.xstep) * a.xstep;
	a.x1 = ceil(xmax / a.xstep) * a.xstep;
	a.ystep = ymax <= 5 ? 1 : nice_step(ymax, 5);
	a.y0 = 0;
	a.y1 = ceil(ymax / a.ystep) * a.ystep;

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		SVG_W, SVG_H, SVG_W, SVG_H);
	fputs("<title>", out);
	svg_text(out, title ? title : ds->name);
	fputs("</title>\n", out);
	fprintf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>\n", SVG_W, SVG_H);
	/* Title: what is plotted, and of what. */
	fprintf(out, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">", PLOT_L);
	svg_text(out, L("Communes at standard against the total budget",
			"Số xã đạt chuẩn theo tổng ngân sách"));
	fputs("</text>\n", out);
	fprintf(out, "<text x=\"%d\" y=\"44\">", PLOT_L);
	svg_text(out, title ? title : ds->name);
	fprintf(out, ", %d-%d", ds->first_year, dataset_horizon(ds));
	if (varied_name(sw)) {
		fputs(L("; only source '", "; chỉ thay đổi nguồn '"), out);
		svg_text(out, varied_name(sw));
		fputs(L("' varied", "'"), out);
	}
	fputs("</text>\n", out);

	/* Budgets at which the targets cannot all be met: money goes to the
	 * targets first there, so the communes may fall as the budget rises. */
	size_t short_until = 0; /* points [0, short_until) end with a shortfall */
	for (size_t i = 0; i < sw->npoints; i++)
		if (sw->points[i].shortfall > 1e-6)
			short_until = i + 1;
	if (short_until) {
		double x = short_until < sw->npoints ? px(&a, sw->points[short_until].budget) : PLOT_R;
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>\n",
			PLOT_L + 1, PLOT_T, x - PLOT_L - 1, PLOT_B - PLOT_T);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555555\">", PLOT_L + 6, PLOT_T + 12);
		svg_text(out, L("targets not all met (shortfall > 0)", "chưa đạt mọi chỉ tiêu (thiếu hụt > 0)"));
		fputs("</text>\n", out);
	}

	/* Grid and ticks. */
	fputs("<g stroke=\"#dddddd\" stroke-width=\"1\">\n", out);
	for (double y = a.y0 + a.ystep; y <= a.y1 + a.ystep / 2; y += a.ystep)
		fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
			PLOT_L, py(&a, y), PLOT_R, py(&a, y));
	fputs("</g>\n", out);
	fputs("<g text-anchor=\"middle\">\n", out);
	for (double x = a.x0; x <= a.x1 + a.xstep / 2; x += a.xstep) {
		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n",
			px(&a, x), PLOT_B, px(&a, x), PLOT_B + 5);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\">", px(&a, x), PLOT_B + 19);
		svg_text(out, text_money(num, sizeof(num), x));
		fputs("</text>\n", out);
	}
	fputs("</g>\n<g text-anchor=\"end\">\n", out);
	for (double y = a.y0; y <= a.y1 + a.ystep / 2; y += a.ystep) {
		fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>\n",
			PLOT_L - 5, py(&a, y), PLOT_L, py(&a, y));
		fprintf(out, "<text x=\"%d\" y=\"%.1f\">", PLOT_L - 8, py(&a, y) + 4);
		svg_text(out, text_money(num, sizeof(num), y));
		fputs("</text>\n", out);
	}
	fputs("</g>\n", out);
	/* Axes and their labels. */
	fprintf(out, "<path d=\"M%d %d V%d H%d\" fill=\"none\" stroke=\"black\"/>\n",
		PLOT_L, PLOT_T, PLOT_B, PLOT_R);
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", (PLOT_L + PLOT_R) / 2, PLOT_B + 42);
	svg_text(out, L("total budget, every year and source (million VND)",
			"tổng ngân sách, mọi năm và mọi nguồn (triệu đồng)"));
	fputs("</text>\n", out);
	fprintf(out, "<text x=\"22\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 22 %d)\">",
		(PLOT_T + PLOT_B) / 2, (PLOT_T + PLOT_B) / 2);
	snprintf(label, sizeof(label), L("communes at standard in %d", "số xã đạt chuẩn năm %d"),
		 dataset_horizon(ds));
	svg_text(out, label);
	fputs("</text>\n", out);

	/* The budget of the data (scale 1), when inside the chart. */
	if (sw->base_budget >= a.x0 && sw->base_budget <= a.x1) {
		double x = px(&a, sw->base_budget);
		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" "
			"stroke-dasharray=\"6 4\"/>\n", x, PLOT_T, x, PLOT_B);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" fill=\"#c0392b\">", x + 4, PLOT_T + 28);
		svg_text(out, L("current budget: ", "ngân sách hiện tại: "));
		svg_text(out, text_money(num, sizeof(num), sw->base_budget));
		fputs("</text>\n", out);
	}

	/* What the targets cost: the band between the communes the money
	 * alone reaches (every target waived) and the plan's, shaded, the
	 * former dashed above it. */
	if (sw->npoints) {
		fputs("<polygon fill=\"#f5cba7\" fill-opacity=\"0.6\" stroke=\"none\" points=\"", out);
		for (size_t i = 0; i < sw->npoints; i++)
			fprintf(out, "%s%.1f,%.1f", i ? " " : "", px(&a, sw->points[i].budget),
				py(&a, sw->points[i].waived));
		for (size_t i = sw->npoints; i-- > 0;)
			fprintf(out, " %.1f,%.1f", px(&a, sw->points[i].budget),
				py(&a, sw->points[i].communes));
		fputs("\"/>\n", out);
		fputs("<polyline fill=\"none\" stroke=\"#b9770e\" stroke-width=\"2\" "
		      "stroke-dasharray=\"5 3\" points=\"", out);
		for (size_t i = 0; i < sw->npoints; i++)
			fprintf(out, "%s%.1f,%.1f", i ? " " : "", px(&a, sw->points[i].budget),
				py(&a, sw->points[i].waived));
		fputs("\"/>\n", out);
		/* The legend. */
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f5fa8\" "
			"stroke-width=\"2\"/>\n", PLOT_R - 250, PLOT_T + 42, PLOT_R - 230, PLOT_T + 42);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", PLOT_R - 225, PLOT_T + 46);
		svg_text(out, L("the plan, under the targets", "phương án, theo các chỉ tiêu"));
		fputs("</text>\n", out);
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b9770e\" "
			"stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n", PLOT_R - 250, PLOT_T + 58,
			PLOT_R - 230, PLOT_T + 58);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", PLOT_R - 225, PLOT_T + 62);
		svg_text(out, L("every target waived; shaded: what the targets cost",
				"bỏ mọi chỉ tiêu; phần tô: giá của các chỉ tiêu"));
		fputs("</text>\n", out);
	}
	/* The frontier: a line through the points; a point stopped by a limit
	 * is drawn hollow. */
	if (sw->npoints) {
		fputs("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"", out);
		for (size_t i = 0; i < sw->npoints; i++)
			fprintf(out, "%s%.1f,%.1f", i ? " " : "", px(&a, sw->points[i].budget),
				py(&a, sw->points[i].communes));
		fputs("\"/>\n", out);
	}
	for (size_t i = 0; i < sw->npoints; i++) {
		const struct sweep_point *pt = &sw->points[i];
		int proven = sweep_point_status(pt) == STAGE_OPTIMAL;
		unproven += !proven;
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" stroke=\"#1f5fa8\" fill=\"%s\"/>\n",
			px(&a, pt->budget), py(&a, pt->communes), proven ? "#1f5fa8" : "white");
	}
	if (unproven) {
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", PLOT_L, SVG_H - 8);
		svg_text(out, L("hollow point: a limit stopped the solver, not proven optimal",
				"điểm rỗng: giới hạn đã dừng bộ giải, chưa chứng minh tối ưu"));
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
	return ferror(out) ? -1 : 0;
}

/* ---- writing a file whole ---- */

struct save_job {
	const struct sweep *sw;
	enum sweep_format format;
	enum csv_format csv;
	const char *title;
};

static int write_job(FILE *out, const void *ctx)
{
	const struct save_job *job = ctx;
	return job->format == SWEEP_CSV ? sweep_write_csv(out, job->sw, job->csv)
					: sweep_write_svg(out, job->sw, job->title);
}

int sweep_save(const struct sweep *sw, enum sweep_format format, enum csv_format csv,
	       const char *path, const char *title, struct diag_list *diags)
{
	struct save_job job = {sw, format, csv, title};
	return outfile_write(path, write_job, &job, diags);
}
