#include "baseline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "plan.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

enum baseline_band baseline_band_of(int criteria_met)
{
	if (criteria_met >= NTM_CRITERIA)
		return BAND_STANDARD;
	if (criteria_met >= 15)
		return BAND_15_18;
	if (criteria_met >= 10)
		return BAND_10_14;
	if (criteria_met >= 5)
		return BAND_5_9;
	return BAND_BELOW_5;
}

void baseline_compute(const struct dataset *ds, struct baseline *b)
{
	memset(b, 0, sizeof(*b));
	long total_met = 0;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int met = dataset_criteria_met(ds, c);
		total_met += met;
		b->band[baseline_band_of(met)]++;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);
			if (g->met)
				b->meeting[k - 1]++;
			else if (!g->fundable)
				b->lacking_unfundable[k - 1]++;
			else
				b->cost_by_criterion[k - 1] += dataset_gap_cost(ds, c, k);
		}
	}
	b->average_criteria = ds->ncommunes ? (double)total_met / (double)ds->ncommunes : 0.0;
	for (int k = 0; k < NTM_CRITERIA; k++) {
		b->target[k] = -1;
		b->total_cost += b->cost_by_criterion[k];
	}
	for (size_t t = 0; t < ds->ntargets; t++)
		if (ds->targets[t].kind == TARGET_CRITERION_COMMUNES)
			b->target[ds->targets[t].subject_index - 1] = (int)ds->targets[t].value;
	for (size_t i = 0; i < (size_t)ds->nyears * ds->nsources; i++)
		b->total_budget += ds->budget[i];
}

/* Formats an integer into one of a few rotating buffers, so that one row's
 * cells can be built in a single call. */
static const char *num(double value, int decimals)
{
	static char bufs[16][TEXT_NUMBER_SIZE];
	static unsigned next;
	char *buf = bufs[next++ % 16];
	return text_number(buf, TEXT_NUMBER_SIZE, value, decimals);
}

static const char *percent(double part, double whole)
{
	static char bufs[8][TEXT_NUMBER_SIZE + 2];
	static unsigned next;
	char *buf = bufs[next++ % 8];
	char n[TEXT_NUMBER_SIZE];
	text_number(n, sizeof(n), whole > 0 ? 100.0 * part / whole : 0.0, 1);
	snprintf(buf, TEXT_NUMBER_SIZE + 2, "%s%%", n);
	return buf;
}

static int print_heading(FILE *out, const char *title)
{
	return fprintf(out, "\n%s\n", title) < 0 ? -1 : 0;
}

static int print_districts(FILE *out, const struct dataset *ds)
{
	struct table t;
	int rc = -1;
	int *count = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*count));
	int *band = calloc((ds->ndistricts ? ds->ndistricts : 1) * BAND_COUNT, sizeof(*band));
	double *sum = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*sum));

	table_init(&t);
	if (!count || !band || !sum)
		goto cleanup;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		size_t d = ds->communes[c].district;
		int met = dataset_criteria_met(ds, c);
		count[d]++;
		sum[d] += met;
		band[d * BAND_COUNT + baseline_band_of(met)]++;
	}
	if (table_add_column(&t, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(&t, L("Communes", "Số xã"), TEXT_RIGHT) ||
	    table_add_column(&t, "19", TEXT_RIGHT) ||
	    table_add_column(&t, "15-18", TEXT_RIGHT) ||
	    table_add_column(&t, "10-14", TEXT_RIGHT) ||
	    table_add_column(&t, "5-9", TEXT_RIGHT) ||
	    table_add_column(&t, L("<5", "<5"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Avg. criteria", "TC bình quân"), TEXT_RIGHT))
		goto cleanup;
	for (size_t d = 0; d < ds->ndistricts; d++) {
		const int *b = &band[d * BAND_COUNT];
		if (table_add_rowv(&t, ds->districts[d], num(count[d], 0),
				   num(b[0], 0), num(b[1], 0), num(b[2], 0),
				   num(b[3], 0), num(b[4], 0),
				   num(count[d] ? sum[d] / count[d] : 0, 1)))
			goto cleanup;
	}
	rc = print_heading(out, L("1. Communes by district (baseline)",
				  "1. Số xã theo huyện (năm gốc)"));
	if (!rc)
		rc = table_print(&t, out, "  ");
cleanup:
	table_release(&t);
	free(count);
	free(band);
	free(sum);
	return rc;
}

static int print_bands(FILE *out, const struct dataset *ds, const struct baseline *b)
{
	struct table t;
	int rc = -1;
	const char *labels[BAND_COUNT] = {
		L("19 criteria (standard)", "Đạt 19 tiêu chí (đạt chuẩn)"),
		L("15-18 criteria", "Đạt 15-18 tiêu chí"),
		L("10-14 criteria", "Đạt 10-14 tiêu chí"),
		L("5-9 criteria", "Đạt 5-9 tiêu chí"),
		L("below 5 criteria", "Dưới 5 tiêu chí"),
	};
	table_init(&t);
	if (table_add_column(&t, L("Criteria met", "Số tiêu chí đạt"), TEXT_LEFT) ||
	    table_add_column(&t, L("Communes", "Số xã"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Share", "Tỷ lệ"), TEXT_RIGHT))
		goto cleanup;
	for (int i = 0; i < BAND_COUNT; i++)
		if (table_add_rowv(&t, labels[i], num(b->band[i], 0),
				   percent(b->band[i], (double)ds->ncommunes)))
			goto cleanup;
	if (table_add_rule(&t) ||
	    table_add_rowv(&t, L("Total", "Tổng"), num((double)ds->ncommunes, 0),
			   percent(1, 1)))
		goto cleanup;
	if (print_heading(out, L("2. Communes by criteria met (baseline)",
				 "2. Phân bố xã theo số tiêu chí đạt (năm gốc)")) ||
	    table_print(&t, out, "  ") ||
	    fprintf(out, L("  Average: %s criteria per commune\n",
			   "  Bình quân: %s tiêu chí/xã\n"),
		    num(b->average_criteria, 1)) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

static int print_criteria(FILE *out, const struct dataset *ds, const struct baseline *b)
{
	struct table t;
	int rc = -1;
	char target_header[64];
	snprintf(target_header, sizeof(target_header), L("Target %d", "Mục tiêu %d"),
		 dataset_horizon(ds));
	table_init(&t);
	if (table_add_column(&t, "#", TEXT_RIGHT) ||
	    table_add_column(&t, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
	    table_add_column(&t, L("Lead (yrs)", "Trễ (năm)"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Meeting", "Số xã đạt"), TEXT_RIGHT) ||
	    table_add_column(&t, target_header, TEXT_RIGHT) ||
	    table_add_column(&t, L("To gain", "Cần thêm"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Not fundable", "Không thể đầu tư"), TEXT_RIGHT))
		goto cleanup;
	for (int k = 0; k < NTM_CRITERIA; k++) {
		const struct criterion *cr = &ds->criteria[k];
		int gain = b->target[k] - b->meeting[k];
		if (table_add_rowv(&t, num(k + 1, 0), criterion_name(cr),
				   num(cr->lead_years, 0), num(b->meeting[k], 0),
				   b->target[k] >= 0 ? num(b->target[k], 0) : "-",
				   b->target[k] >= 0 ? num(gain > 0 ? gain : 0, 0) : "-",
				   num(b->lacking_unfundable[k], 0)))
			goto cleanup;
	}
	rc = print_heading(out, L("3. Communes meeting each criterion, against the targets",
				  "3. Số xã đạt từng tiêu chí so với mục tiêu"));
	if (!rc)
		rc = table_print(&t, out, "  ");
cleanup:
	table_release(&t);
	return rc;
}

static int print_costs(FILE *out, const struct dataset *ds, const struct baseline *b)
{
	struct table by_criterion, by_district;
	int rc = -1;
	double *district_cost = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*district_cost));
	int *district_closable = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*district_closable));
	int *district_gaps = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*district_gaps));
	int *district_communes = calloc(ds->ndistricts ? ds->ndistricts : 1, sizeof(*district_communes));

	table_init(&by_criterion);
	table_init(&by_district);
	if (!district_cost || !district_closable || !district_gaps || !district_communes)
		goto cleanup;
	if (table_add_column(&by_criterion, "#", TEXT_RIGHT) ||
	    table_add_column(&by_criterion, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
	    table_add_column(&by_criterion, L("Unit", "Đơn vị"), TEXT_LEFT) ||
	    table_add_column(&by_criterion, L("Unit cost", "Đơn giá"), TEXT_RIGHT) ||
	    table_add_column(&by_criterion, L("Communes lacking", "Số xã chưa đạt"), TEXT_RIGHT) ||
	    table_add_column(&by_criterion, L("Cost to close", "Chi phí"), TEXT_RIGHT) ||
	    table_add_column(&by_criterion, L("Share", "Tỷ lệ"), TEXT_RIGHT))
		goto cleanup;
	for (int k = 0; k < NTM_CRITERIA; k++) {
		const struct criterion *cr = &ds->criteria[k];
		int lacking = (int)ds->ncommunes - b->meeting[k];
		if (table_add_rowv(&by_criterion, num(k + 1, 0), criterion_name(cr),
				   criterion_unit(cr), num(cr->unit_cost, cr->unit_cost < 10 ? 1 : 0),
				   num(lacking, 0), num(b->cost_by_criterion[k], 0),
				   percent(b->cost_by_criterion[k], b->total_cost)))
			goto cleanup;
	}
	if (table_add_rule(&by_criterion) ||
	    table_add_rowv(&by_criterion, "", L("Total", "Tổng"), "", "", "",
			   num(b->total_cost, 0), percent(1, 1)))
		goto cleanup;

	for (size_t c = 0; c < ds->ncommunes; c++) {
		size_t d = ds->communes[c].district;
		district_communes[d]++;
		district_closable[d] += dataset_commune_closable(ds, c) &&
					dataset_criteria_met(ds, c) < NTM_CRITERIA;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);
			if (!g->met && g->fundable) {
				district_cost[d] += dataset_gap_cost(ds, c, k);
				district_gaps[d]++;
			}
		}
	}
	if (table_add_column(&by_district, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(&by_district, L("Fundable gaps", "Số hạng mục"), TEXT_RIGHT) ||
	    table_add_column(&by_district, L("Cost to close", "Chi phí"), TEXT_RIGHT) ||
	    table_add_column(&by_district, L("Per commune", "Bình quân/xã"), TEXT_RIGHT) ||
	    table_add_column(&by_district, L("Communes money can finish",
					     "Số xã có thể đạt chuẩn bằng vốn"), TEXT_RIGHT))
		goto cleanup;
	int closable_total = 0, gaps_total = 0;
	for (size_t d = 0; d < ds->ndistricts; d++) {
		int communes = district_communes[d];
		closable_total += district_closable[d];
		gaps_total += district_gaps[d];
		if (table_add_rowv(&by_district, ds->districts[d], num(district_gaps[d], 0),
				   num(district_cost[d], 0),
				   num(communes ? district_cost[d] / communes : 0, 0),
				   num(district_closable[d], 0)))
			goto cleanup;
	}
	if (table_add_rule(&by_district) ||
	    table_add_rowv(&by_district, L("Total", "Tổng"), num(gaps_total, 0),
			   num(b->total_cost, 0),
			   num(ds->ncommunes ? b->total_cost / (double)ds->ncommunes : 0, 0),
			   num(closable_total, 0)))
		goto cleanup;

	if (print_heading(out, L("4. Cost of closing every fundable gap, by criterion (million VND)",
				 "4. Chi phí xóa mọi khoảng thiếu có thể đầu tư, theo tiêu chí (triệu đồng)")) ||
	    table_print(&by_criterion, out, "  ") ||
	    print_heading(out, L("   By district (million VND)", "   Theo huyện (triệu đồng)")) ||
	    table_print(&by_district, out, "  "))
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&by_criterion);
	table_release(&by_district);
	free(district_cost);
	free(district_closable);
	free(district_gaps);
	free(district_communes);
	return rc;
}

static int print_budget(FILE *out, const struct dataset *ds, const struct baseline *b)
{
	struct table t;
	int rc = -1;
	char year[16];

	table_init(&t);
	if (table_add_column(&t, L("Source", "Nguồn vốn"), TEXT_LEFT))
		goto cleanup;
	for (int y = 0; y < ds->nyears; y++) {
		snprintf(year, sizeof(year), "%d", ds->first_year + y);
		if (table_add_column(&t, year, TEXT_RIGHT))
			goto cleanup;
	}
	if (table_add_column(&t, L("Total", "Tổng"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Carry-over", "Chuyển năm"), TEXT_LEFT) ||
	    table_add_column(&t, L("Criteria funded", "Tiêu chí được chi"), TEXT_LEFT))
		goto cleanup;

	size_t ncols = (size_t)ds->nyears + 4;
	const char **cells = calloc(ncols, sizeof(*cells));
	/* One buffer per year column: a plan may have more years than num()
	 * has rotating buffers. */
	char (*amounts)[TEXT_NUMBER_SIZE] = calloc((size_t)ds->nyears + 1, sizeof(*amounts));
	char *list = malloc(NTM_CRITERIA * 4);
	if (!cells || !list || !amounts) {
		free(cells);
		free(list);
		free(amounts);
		goto cleanup;
	}
	for (size_t s = 0; s <= ds->nsources; s++) {
		int is_total = s == ds->nsources;
		double sum = 0;
		if (is_total && table_add_rule(&t))
			break;
		cells[0] = is_total ? L("Total", "Tổng") : source_name(&ds->sources[s]);
		for (int y = 0; y < ds->nyears; y++) {
			double v = 0;
			if (is_total)
				for (size_t i = 0; i < ds->nsources; i++)
					v += dataset_budget(ds, y, i);
			else
				v = dataset_budget(ds, y, s);
			sum += v;
			cells[1 + y] = text_money(amounts[y], TEXT_NUMBER_SIZE, v);
		}
		cells[1 + ds->nyears] = text_money(amounts[ds->nyears], TEXT_NUMBER_SIZE, sum);
		cells[2 + ds->nyears] = is_total ? "" :
			ds->sources[s].carry_over ? L("yes", "có") : L("no", "không");
		list[0] = '\0';
		if (!is_total && ds->sources[s].criteria == CRITERIA_ALL) {
			snprintf(list, NTM_CRITERIA * 4, "%s", L("all", "tất cả"));
		} else if (!is_total) {
			size_t len = 0;
			for (int k = 1; k <= NTM_CRITERIA; k++)
				if (ds->sources[s].criteria & CRITERION_BIT(k))
					len += (size_t)snprintf(list + len, NTM_CRITERIA * 4 - len,
								len ? " %d" : "%d", k);
		}
		cells[3 + ds->nyears] = list;
		if (table_add_row(&t, cells))
			break;
	}
	free(cells);
	free(list);
	free(amounts);
	if (t.nrows != ds->nsources + 2)
		goto cleanup;
	char heading[160];
	snprintf(heading, sizeof(heading),
		 L("5. Budget by year and source, %d-%d (million VND)",
		   "5. Ngân sách theo năm và nguồn vốn, %d-%d (triệu đồng)"),
		 ds->first_year, dataset_horizon(ds));
	if (print_heading(out, heading) || table_print(&t, out, "  "))
		goto cleanup;
	if (fprintf(out, L("  Money needed to close every fundable gap: %s; budget: %s (%s).\n",
			   "  Vốn cần để xóa mọi khoảng thiếu có thể đầu tư: %s; ngân sách: %s (%s).\n"),
		    num(b->total_cost, 0), num(b->total_budget, 0),
		    percent(b->total_budget, b->total_cost)) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

/* Appends to *line, for commune c, " ID (k, k, ...)": the criteria it
 * cannot meet by the horizon whatever the money (plan_gap_meetable: not
 * fundable, a lead time too long, no source may pay, excluded). Returns 0
 * or -1 (memory). */
static int add_commune_criteria(char **line, const struct dataset *ds, size_t c)
{
	char *more = strfmt("%s%s%s (", *line, **line ? ", " : "", ds->communes[c].id);
	int first = 1;
	for (int k = 1; k <= NTM_CRITERIA && more; k++) {
		if (dataset_gap(ds, c, k)->met || plan_gap_meetable(ds, c, k))
			continue;
		char *next = strfmt("%s%s%d", more, first ? "" : ", ", k);
		free(more);
		more = next;
		first = 0;
	}
	char *closed = more ? strfmt("%s)", more) : NULL;
	free(more);
	free(*line);
	*line = closed;
	return closed ? 0 : -1;
}

/*
 * The targets no money can meet by the horizon (a warning, not an error:
 * the plan then makes the least shortfall): for each, what it can reach
 * at most, and the communes and criteria that stand in the way (the gaps
 * plan_gap_meetable refuses). Each target's priority is shown too.
 */
static int print_unreachable(FILE *out, const struct dataset *ds)
{
	const size_t nc = ds->ncommunes;
	int printed = 0, rc = 0;
	/* The priority levels, first first: how many targets each holds. */
	int *priority = malloc((ds->ntargets + 1) * sizeof(*priority));
	if (!priority)
		return -1;
	size_t nlevels = dataset_levels(ds, priority);
	if (nlevels && fprintf(out, "%s", L("  Priorities (1 first):", "  Mức ưu tiên (1 trước nhất):")) < 0)
		rc = -1;
	for (size_t l = 0; l < nlevels && !rc; l++) {
		size_t count = 0;
		for (size_t t = 0; t < ds->ntargets; t++)
			count += target_has_shortfall(&ds->targets[t]) &&
				 target_priority(&ds->targets[t]) == priority[l];
		if (fprintf(out, L("%s %d: %zu targets", "%s %d: %zu chỉ tiêu"), l ? ";" : "", priority[l],
			    count) < 0)
			rc = -1;
	}
	free(priority);
	if (nlevels && !rc && fputc('\n', out) == EOF)
		rc = -1;
	for (size_t t = 0; t < ds->ntargets && !rc; t++) {
		const struct target *tg = &ds->targets[t];
		char *who = strfmt("%s", "");
		double most = 0, want = tg->value;
		if (!who)
			return -1;
		switch (tg->kind) {
		case TARGET_COMMUNES_STANDARD:
		case TARGET_DISTRICT_STANDARD:
		case TARGET_REQUIRE_COMMUNE: {
			double scope = 0; /* the communes the target wants at standard */
			for (size_t c = 0; c < nc && !rc; c++) {
				if (tg->kind == TARGET_DISTRICT_STANDARD && ds->communes[c].district != tg->subject_index)
					continue;
				if (tg->kind == TARGET_REQUIRE_COMMUNE && c != tg->subject_index)
					continue;
				scope++;
				if (dataset_criteria_met(ds, c) == NTM_CRITERIA || plan_commune_candidate(ds, c))
					most++;
				else
					rc = add_commune_criteria(&who, ds, c);
			}
			if (tg->kind != TARGET_COMMUNES_STANDARD)
				want = scope;
			break;
		}
		case TARGET_CRITERION_COMMUNES: {
			int k = (int)tg->subject_index;
			for (size_t c = 0; c < nc && !rc; c++) {
				if (dataset_gap(ds, c, k)->met || plan_gap_meetable(ds, c, k))
					most++;
				else {
					char *more = strfmt("%s%s%s", who, *who ? ", " : "", ds->communes[c].id);
					free(who);
					who = more;
					rc = who ? 0 : -1;
				}
			}
			break;
		}
		case TARGET_MIN_CRITERIA:
		case TARGET_AVG_CRITERIA: {
			double total = 0;
			for (size_t c = 0; c < nc && !rc; c++) {
				int reach = 0;
				for (int k = 1; k <= NTM_CRITERIA; k++)
					reach += dataset_gap(ds, c, k)->met || plan_gap_meetable(ds, c, k);
				total += reach;
				if (reach < NTM_CRITERIA && (tg->kind == TARGET_AVG_CRITERIA || reach < tg->value))
					rc = add_commune_criteria(&who, ds, c);
				if (tg->kind == TARGET_MIN_CRITERIA && reach < tg->value)
					most = -1; /* some commune stays below the floor */
			}
			if (tg->kind == TARGET_MIN_CRITERIA) {
				want = 0;
				most = most < 0 ? -1 : 0;
			} else {
				most = total;
				want = ceil(tg->value * (double)nc - 1e-9);
			}
			break;
		}
		default:
			free(who);
			continue;
		}
		if (!rc && most < want && who) {
			if (!printed++ && print_heading(out, L("   Targets no money can meet by the horizon (a warning: the plan makes the least shortfall)",
							       "   Chỉ tiêu không thể đạt đến cuối kỳ dù có đủ vốn (cảnh báo: phương án sẽ có thiếu hụt nhỏ nhất)")))
				rc = -1;
			if (!rc && fprintf(out, L("  %s%s%s (priority %d): the gaps money cannot close by %d: %s\n",
						  "  %s%s%s (ưu tiên %d): các thiếu hụt không thể khắc phục bằng vốn đến năm %d: %s\n"),
					   target_kind_name(tg->kind), *tg->subject ? " " : "", tg->subject,
					   target_priority(tg), dataset_horizon(ds), who) < 0)
				rc = -1;
		}
		free(who);
	}
	return rc;
}

int baseline_print(FILE *out, const struct dataset *ds, const struct baseline *b,
		   const struct provenance *prov)
{
	if (fprintf(out, L("Dataset '%s': %zu communes in %zu districts, %d criteria; plan %d-%d, baseline %d\n",
			   "Bộ dữ liệu '%s': %zu xã thuộc %zu huyện, %d tiêu chí; kế hoạch %d-%d, năm gốc %d\n"),
		    ds->name, ds->ncommunes, ds->ndistricts, NTM_CRITERIA,
		    ds->first_year, dataset_horizon(ds), ds->first_year - 1) < 0)
		return -1;
	if (prov && provenance_print(out, prov))
		return -1;
	if (print_districts(out, ds) || print_bands(out, ds, b) ||
	    print_criteria(out, ds, b) || print_unreachable(out, ds) || print_costs(out, ds, b) ||
	    print_budget(out, ds, b))
		return -1;
	return 0;
}
