#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "rules.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

/* Cells are built into a row's own buffers, then copied by the table. */
struct cells {
	char buf[12][TEXT_NUMBER_SIZE];
};

static const char *money(struct cells *c, int i, double v)
{
	return text_money(c->buf[i], TEXT_NUMBER_SIZE, v);
}

static const char *number(struct cells *c, int i, double v, int decimals)
{
	return text_number(c->buf[i], TEXT_NUMBER_SIZE, v, decimals);
}

static int heading(FILE *out, const char *title)
{
	return fprintf(out, "\n%s\n", title) < 0 ? -1 : 0;
}

const char *report_stage_status(enum stage_status s)
{
	switch (s) {
	case STAGE_OPTIMAL: return L("proven optimal", "tối ưu (đã chứng minh)");
	case STAGE_TIME_LIMIT: return L("time limit: not proven", "hết thời gian: chưa chứng minh");
	case STAGE_NODE_LIMIT: return L("node limit: not proven", "hết số nút tìm kiếm: chưa chứng minh");
	case STAGE_FAILED: return L("failed", "lỗi");
	case STAGE_WITHIN_TOLERANCE: return L("proven within tolerance", "trong dung sai (đã chứng minh)");
	default: return L("not run", "không chạy");
	}
}

const char *report_objective(enum objective o)
{
	static const char *const en[OBJ_COUNT] = {
		"0 target shortfall (min)", "1 communes at standard (max)",
		"2 commune-years at standard (max)", "3 criteria met (max)",
		"4 money spent (min)"};
	static const char *const vi[OBJ_COUNT] = {
		"0 tổng thiếu hụt chỉ tiêu (nhỏ nhất)", "1 số xã đạt chuẩn (lớn nhất)",
		"2 tổng xã-năm đạt chuẩn (lớn nhất)", "3 số tiêu chí đạt (lớn nhất)",
		"4 vốn sử dụng (nhỏ nhất)"};
	return (unsigned)o < OBJ_COUNT ? L(en[o], vi[o]) : "?";
}

int report_stages_table(const struct plan *p, struct table *t)
{
	struct cells c;
	if (table_add_column(t, L("Objective, in order", "Mục tiêu, theo thứ tự ưu tiên"), TEXT_LEFT) ||
	    table_add_column(t, L("Plan", "Phương án"), TEXT_RIGHT) ||
	    table_add_column(t, L("Bound", "Cận"), TEXT_RIGHT) ||
	    table_add_column(t, L("GLPK", "GLPK"), TEXT_LEFT))
		return -1;
	for (int s = 0; s < OBJ_COUNT; s++) {
		const struct stage_result *r = &p->stages[s];
		if (s == OBJ_SHORTFALL && r->status != STAGE_NOT_RUN && r->status != STAGE_FAILED) {
			/* Stage 0 is a stage per priority level: its relative
			 * shortfall, and its bound in the same terms. */
			for (size_t l = 0; l < p->nlevels; l++) {
				const struct stage_result *lr = &p->level_stages[l];
				char name[160];
				double scale = dataset_level_scale(p->ds, p->level_priority[l]);
				snprintf(name, sizeof(name), L("0.%zu priority %d: relative shortfall",
							       "0.%zu ưu tiên %d: thiếu hụt tương đối"),
					 l + 1, p->level_priority[l]);
				if (table_add_rowv(t, name, number(&c, 0, p->level_relative[l], 4),
						   lr->status == STAGE_NOT_RUN || lr->status == STAGE_FAILED ? "-" :
						   number(&c, 1, lr->bound / scale, 4),
						   report_stage_status(lr->status)))
					return -1;
			}
			continue;
		}
		/* No solver times here: the same input must give the same
		 * report, byte for byte. */
		if (table_add_rowv(t, report_objective((enum objective)s), number(&c, 0, p->objective[s], 0),
				   r->status == STAGE_NOT_RUN || r->status == STAGE_FAILED ? "-" :
				   number(&c, 1, r->bound, s == OBJ_MONEY ? 0 : 2),
				   report_stage_status(r->status)))
			return -1;
	}
	return 0;
}

/* One sentence on a stage a limit stopped: its bound and how far from the
 * best the plan can be. The bounds of the whole-valued stages are rounded
 * to the whole numbers a plan can reach; money is given to 0.01 million
 * VND, the tolerance within which plans count as equally cheap
 * (MONEY_TOLERANCE), and as a share of the plan's money. */
static char *stage_gap_sentence(const struct plan *p, enum objective s)
{
	const struct stage_result *r = &p->stages[s];
	const char *stopped = r->status == STAGE_TIME_LIMIT ? L("its time limit", "hết thời gian")
							    : L("its node limit", "hết số nút tìm kiếm");
	struct cells c;
	double value = p->objective[s];
	if (!isfinite(r->bound))
		return strfmt(L("%s: stopped at %s before any bound was found.",
				"%s: dừng vì %s trước khi tìm được cận nào."),
			      report_objective(s), stopped);
	if (s == OBJ_MONEY) {
		double more = value - r->bound;
		return strfmt(L("%s: stopped at %s; no plan spends less than %s, so this plan spends at most %s million VND (%s %%) more than the best.",
				"%s: dừng vì %s; không phương án nào dùng ít hơn %s, nên phương án này dùng nhiều hơn phương án tốt nhất không quá %s triệu đồng (%s %%)."),
			      report_objective(s), stopped, number(&c, 0, r->bound, 2), number(&c, 1, more, 2),
			      number(&c, 2, value > 0 ? 100 * more / value : 0, 3));
	}
	double most = floor(r->bound + 1e-6);
	return strfmt(L("%s: stopped at %s; no plan reaches more than %s, so this plan is at most %s short of the best.",
			"%s: dừng vì %s; không phương án nào vượt quá %s, nên phương án này kém phương án tốt nhất không quá %s."),
		      report_objective(s), stopped, number(&c, 0, most, 0),
		      number(&c, 1, most - value > 0 ? most - value : 0, 0));
}

/* The same for priority level l: its bound as a relative shortfall. */
static char *level_gap_sentence(const struct plan *p, size_t l)
{
	const struct stage_result *r = &p->level_stages[l];
	const char *stopped = r->status == STAGE_TIME_LIMIT ? L("its time limit", "hết thời gian")
							    : L("its node limit", "hết số nút tìm kiếm");
	struct cells c;
	if (!isfinite(r->bound))
		return strfmt(L("Priority %d: stopped at %s before any bound was found.",
				"Ưu tiên %d: dừng vì %s trước khi tìm được cận nào."),
			      p->level_priority[l], stopped);
	double least = ceil(r->bound - 1e-6) / dataset_level_scale(p->ds, p->level_priority[l]);
	double more = p->level_relative[l] - least;
	return strfmt(L("Priority %d: stopped at %s; no plan has a relative shortfall below %s, so this plan's is at most %s above the best.",
			"Ưu tiên %d: dừng vì %s; không phương án nào có thiếu hụt tương đối dưới %s, nên thiếu hụt của phương án này cao hơn phương án tốt nhất không quá %s."),
		      p->level_priority[l], stopped, number(&c, 0, least, 4),
		      number(&c, 1, more > 0 ? more : 0, 4));
}

const char *report_percent(char *buf, size_t size, double percent)
{
	int decimals = 2;
	while (decimals < 6 && fabs(percent * pow(10, decimals) - round(percent * pow(10, decimals))) >
				       1e-9 * pow(10, decimals))
		decimals++;
	return text_number(buf, size, percent, decimals);
}

/* The sentence on a money stage proven within its tolerance only: how far
 * the plan can be from the least money, and the bound. */
static char *tolerance_sentence(const struct plan *p, enum objective s)
{
	const struct stage_result *r = &p->stages[s];
	struct cells c;
	return strfmt(L("%s: the money spent is within %s %% of the least possible (no plan spends less than %s million VND); --money-tolerance 0 asks for the least exactly.",
			"%s: số vốn cách mức nhỏ nhất có thể không quá %s %% (không phương án nào dùng ít hơn %s triệu đồng); --money-tolerance 0 để tìm đúng mức nhỏ nhất."),
		      report_objective(s), report_percent(c.buf[0], TEXT_NUMBER_SIZE, r->tolerance), number(&c, 1, r->bound, 2));
}

char *report_proof_sentence(const struct plan *p)
{
	static const char *const en[OBJ_COUNT] = {"the shortfall on the targets", "the communes at standard",
		"the commune-years at standard", "the criteria met", "the money"};
	static const char *const vi[OBJ_COUNT] = {"thiếu hụt chỉ tiêu", "số xã đạt chuẩn",
		"số xã-năm đạt chuẩn", "số tiêu chí đạt", "số vốn"};
	char pct[TEXT_NUMBER_SIZE];
	struct cells c;
	int s;
	for (s = 0; s < OBJ_COUNT; s++)
		if (p->stages[s].status != STAGE_OPTIMAL && p->stages[s].status != STAGE_NOT_RUN &&
		    p->stages[s].status != STAGE_WITHIN_TOLERANCE)
			break;
	if (s == OBJ_COUNT) {
		const struct stage_result *m = &p->stages[OBJ_MONEY];
		if (m->status != STAGE_WITHIN_TOLERANCE)
			return strfmt("%s", L("The plan is optimal, and proven so.",
					      "Phương án tối ưu, đã được chứng minh."));
		return strfmt(L("The plan is proven optimal for the targets and the communes at standard; its money is within %s %% of the least possible.",
				"Phương án tối ưu về chỉ tiêu và số xã đạt chuẩn, đã được chứng minh; số vốn cách mức nhỏ nhất có thể không quá %s %%."),
			      report_percent(pct, sizeof(pct), m->tolerance));
	}
	const struct stage_result *r = &p->stages[s];
	double value = p->objective[s];
	/* The shortfall's stage sums up the priority levels, whose bounds are
	 * of weighted sums: no figure in plain words there. */
	if (r->status == STAGE_FAILED || !isfinite(r->bound) || s == OBJ_SHORTFALL)
		return strfmt(L("The plan is not proven optimal in %s: the search stopped first (see the annex \"Technical basis\").",
				"Phương án chưa được chứng minh là tối ưu về %s: tìm kiếm dừng trước (xem phụ lục \"Căn cứ kỹ thuật\")."),
			      L(en[s], vi[s]));
	if (s == OBJ_MONEY)
		return strfmt(L("The plan is proven optimal for the targets and the communes at standard; its money is within %s %% of the least possible.",
				"Phương án tối ưu về chỉ tiêu và số xã đạt chuẩn, đã được chứng minh; số vốn cách mức nhỏ nhất có thể không quá %s %%."),
			      number(&c, 1, value > 0 ? ceil(1e3 * 100 * (value - r->bound) / value) / 1e3 : 0, 3));
	double gap = s == OBJ_SHORTFALL ? value - ceil(r->bound - 1e-6) : floor(r->bound + 1e-6) - value;
	return strfmt(L("The plan is not proven optimal: the best plan may be better by up to %s in %s (see the annex \"Technical basis\").",
			"Phương án chưa được chứng minh là tối ưu: phương án tốt nhất có thể hơn tối đa %s về %s (xem phụ lục \"Căn cứ kỹ thuật\")."),
		      number(&c, 0, gap > 0 ? gap : 0, 0), L(en[s], vi[s]));
}

char *report_proof_note(const struct plan *p)
{
	char *note = strfmt("%s", "");
	int node_limited = 0, time_limited = 0;
	for (int s = 0; s < OBJ_COUNT && note; s++) {
		enum stage_status status = p->stages[s].status;
		if (status == STAGE_WITHIN_TOLERANCE) {
			char *sentence = tolerance_sentence(p, (enum objective)s);
			char *more = sentence ? strfmt("%s%s\n", note, sentence) : NULL;
			free(sentence);
			free(note);
			note = more;
			continue;
		}
		if (status != STAGE_NODE_LIMIT && status != STAGE_TIME_LIMIT)
			continue;
		node_limited |= status == STAGE_NODE_LIMIT;
		time_limited |= status == STAGE_TIME_LIMIT;
		if (s == OBJ_SHORTFALL) {
			for (size_t l = 0; l < p->nlevels && note; l++) {
				enum stage_status ls = p->level_stages[l].status;
				if (ls != STAGE_NODE_LIMIT && ls != STAGE_TIME_LIMIT)
					continue;
				char *sentence = level_gap_sentence(p, l);
				char *more = sentence ? strfmt("%s%s\n", note, sentence) : NULL;
				free(sentence);
				free(note);
				note = more;
			}
			continue;
		}
		char *sentence = stage_gap_sentence(p, (enum objective)s);
		char *more = sentence ? strfmt("%s%s\n", note, sentence) : NULL;
		free(sentence);
		free(note);
		note = more;
	}
	if (!note || !*note)
		return note;
	if (!node_limited && !time_limited) {
		note[strlen(note) - 1] = '\0'; /* the last line ends without '\n' */
		return note;
	}
	/* The later stages' bounds hold given the earlier stages' plans: say
	 * so, and how to search further, with the limit that stopped it. */
	const char *how = node_limited && time_limited ?
		L("--node-limit N (nodes per stage, the same plan on every machine) and --time-limit SEC",
		  "--node-limit N (số nút mỗi bước, cùng kết quả trên mọi máy) và --time-limit GIÂY") :
		node_limited ? L("--node-limit N (nodes per stage, the same plan on every machine)",
				 "--node-limit N (số nút mỗi bước, cùng kết quả trên mọi máy)") :
		L("--time-limit SEC", "--time-limit GIÂY");
	char *whole = strfmt(L("%sEach stage keeps what the stages before it reached. A longer search may prove or improve the plan: %s.",
			       "%sMỗi bước giữ nguyên kết quả của các bước trước. Tìm kiếm lâu hơn có thể chứng minh hoặc cải thiện phương án: %s."),
			     note, how);
	free(note);
	return whole;
}

static int print_stages(FILE *out, const struct plan *p)
{
	struct table t;
	table_init(&t);
	int rc = report_stages_table(p, &t);
	if (!rc)
		rc = heading(out, L("1. The optimisation and its proof", "1. Kết quả tối ưu và chứng minh"));
	if (!rc)
		rc = table_print(&t, out, "  ");
	table_release(&t);
	if (!rc) {
		char *note = report_proof_note(p);
		rc = note ? 0 : -1;
		for (char *line = note; line && *line && !rc;) {
			size_t len = strcspn(line, "\n");
			rc = fprintf(out, "  %.*s\n", (int)len, line) < 0 ? -1 : 0;
			line += len + (line[len] == '\n');
		}
		free(note);
	}
	return rc;
}

int report_comparison_table(const struct plan *p, const struct plan *rule_plans, size_t nrules,
			    struct table *t)
{
	const struct dataset *ds = p->ds;
	struct cells c;
	char year_header[32];
	char level_header[32];
	if (table_add_column(t, L("Plan", "Phương án"), TEXT_LEFT))
		return -1;
	/* The shortfall in the terms the plan is chosen by: each level's
	 * relative shortfall (docs/model.md), the same for every plan. */
	for (size_t l = 0; l < p->nlevels; l++) {
		snprintf(level_header, sizeof(level_header), L("Shortfall p%d", "Thiếu hụt ư%d"),
			 p->level_priority[l]);
		if (table_add_column(t, level_header, TEXT_RIGHT))
			return -1;
	}
	for (int y = 1; y <= ds->nyears; y++) {
		snprintf(year_header, sizeof(year_header), L("Std %d", "Đạt chuẩn %d"),
			 ds->first_year + y - 1);
		if (table_add_column(t, year_header, TEXT_RIGHT))
			return -1;
	}
	if (table_add_column(t, L("Commune-years", "Xã-năm"), TEXT_RIGHT) ||
	    table_add_column(t, L("Criteria met", "Tiêu chí đạt"), TEXT_RIGHT) ||
	    table_add_column(t, L("Money spent", "Vốn sử dụng"), TEXT_RIGHT))
		return -1;
	const char **cells = calloc(t->ncols, sizeof(*cells));
	char (*years)[TEXT_NUMBER_SIZE] = calloc((size_t)ds->nyears + 1, sizeof(*years));
	char (*levels)[TEXT_NUMBER_SIZE] = calloc(p->nlevels + 1, sizeof(*levels));
	const size_t nl = p->nlevels;
	int failed = !cells || !years || !levels;
	for (size_t r = 0; r <= nrules && !failed; r++) {
		const struct plan *q = r ? &rule_plans[r - 1] : p;
		cells[0] = r ? rule_name((enum rule)(r - 1)) : L("Optimal (this proposal)", "Tối ưu (đề xuất này)");
		for (size_t l = 0; l < nl; l++)
			cells[1 + l] = text_number(levels[l], TEXT_NUMBER_SIZE,
						   l < q->nlevels ? q->level_relative[l] : 0, 4);
		for (int y = 1; y <= ds->nyears; y++)
			cells[nl + (size_t)y] = text_number(years[y], TEXT_NUMBER_SIZE, q->standard_count[y], 0);
		cells[nl + 1 + (size_t)ds->nyears] = number(&c, 1, q->objective[OBJ_STANDARD_YEARS], 0);
		cells[nl + 2 + (size_t)ds->nyears] = number(&c, 2, q->objective[OBJ_CRITERIA], 0);
		cells[nl + 3 + (size_t)ds->nyears] = money(&c, 3, q->objective[OBJ_MONEY]);
		failed = table_add_row(t, cells);
	}
	free(cells);
	free(years);
	free(levels);
	return failed ? -1 : 0;
}

char *report_rule_verdict(const struct plan *p, const struct plan *q, enum rule r)
{
	struct cells c;
	/* The first level where the two differ decides, as for the plan. */
	size_t l = 0;
	while (l < p->nlevels && l < q->nlevels && q->level_value[l] == p->level_value[l])
		l++;
	if (l < p->nlevels && l < q->nlevels && q->level_value[l] > p->level_value[l])
		return strfmt(L("'%s' ignores the targets: its relative shortfall at priority %d is %s, against %s for the optimum, with %s communes at standard against %s; what each target costs in communes is in section 3.",
				"'%s' không theo chỉ tiêu: thiếu hụt tương đối ở mức ưu tiên %d là %s, so với %s của phương án tối ưu, với %s xã đạt chuẩn so với %s; giá của từng chỉ tiêu tính bằng số xã ở mục 3."),
			      rule_name(r), p->level_priority[l], number(&c, 0, q->level_relative[l], 4),
			      number(&c, 4, p->level_relative[l], 4),
			      number(&c, 1, q->objective[OBJ_COMMUNES], 0),
			      number(&c, 2, p->objective[OBJ_COMMUNES], 0));
	return strfmt(L("'%s' meets the targets as well; it reaches %s communes at standard and %s commune-years, the optimum %s and %s.",
			"'%s' cũng đạt chỉ tiêu; đạt %s xã đạt chuẩn và %s xã-năm, phương án tối ưu đạt %s và %s."),
		      rule_name(r), number(&c, 0, q->objective[OBJ_COMMUNES], 0),
		      number(&c, 1, q->objective[OBJ_STANDARD_YEARS], 0),
		      number(&c, 2, p->objective[OBJ_COMMUNES], 0),
		      number(&c, 3, p->objective[OBJ_STANDARD_YEARS], 0));
}

/* What optimisation buys: the optimum beside the rules of thumb, with the
 * same budget. */
static int print_comparison(FILE *out, const struct plan *p, const struct plan *rule_plans,
			    size_t nrules)
{
	struct table t;
	table_init(&t);
	int rc = report_comparison_table(p, rule_plans, nrules, &t);
	if (!rc)
		rc = heading(out, L("2. What optimisation buys: the same money spent by rules of thumb",
				    "2. Hiệu quả của tối ưu hóa: cùng số vốn, phân bổ theo cách làm thông thường"));
	if (!rc)
		rc = table_print(&t, out, "  ");
	table_release(&t);
	for (size_t r = 0; r < nrules && !rc; r++) {
		char *verdict = report_rule_verdict(p, &rule_plans[r], (enum rule)r);
		rc = !verdict || fprintf(out, "  %s\n", verdict) < 0 ? -1 : 0;
		free(verdict);
	}
	return rc;
}

char *report_target_words(const struct dataset *ds, const struct target *tg)
{
	struct cells c;
	switch (tg->kind) {
	case TARGET_COMMUNES_STANDARD:
		return strfmt(L("the headline of %s communes at standard", "chỉ tiêu %s xã đạt chuẩn"),
			      number(&c, 0, tg->value, 0));
	case TARGET_CRITERION_COMMUNES:
		return strfmt(L("the target %s, %s communes", "chỉ tiêu %s %s xã"),
			      criterion_name(&ds->criteria[tg->subject_index - 1]),
			      number(&c, 0, tg->value, 0));
	case TARGET_MIN_CRITERIA:
		return strfmt(L("the floor of %s criteria in every commune",
				"chỉ tiêu mọi xã đạt ít nhất %s tiêu chí"), number(&c, 0, tg->value, 0));
	case TARGET_AVG_CRITERIA:
		return strfmt(L("the average of %s criteria per commune",
				"chỉ tiêu bình quân %s tiêu chí/xã"), number(&c, 0, tg->value, 1));
	case TARGET_DISTRICT_STANDARD:
		return strfmt(L("%s completing the programme", "chỉ tiêu %s hoàn thành chương trình"),
			      ds->districts[tg->subject_index]);
	case TARGET_REQUIRE_COMMUNE:
		return strfmt(L("commune %s at standard", "chỉ tiêu xã %s đạt chuẩn"),
			      ds->communes[tg->subject_index].name);
	default:
		return strfmt(L("excluding commune %s", "không cấp vốn cho xã %s"),
			      ds->communes[tg->subject_index].name);
	}
}

/* Most communes gained first, then most commune-years, then the order
 * of targets.csv. */
static const struct plan *price_order_plan;
static int by_price(const void *a, const void *b)
{
	const struct target_price *x = &price_order_plan->prices[*(const size_t *)a];
	const struct target_price *y = &price_order_plan->prices[*(const size_t *)b];
	if (x->communes != y->communes)
		return x->communes > y->communes ? -1 : 1;
	if (x->commune_years != y->commune_years)
		return x->commune_years > y->commune_years ? -1 : 1;
	return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

char *report_price_lines(const struct plan *p, int costly_only)
{
	const struct dataset *ds = p->ds;
	size_t *order = malloc((ds->ntargets + 1) * sizeof(*order)), n = 0;
	char *lines = order ? strfmt("%s", "") : NULL;
	if (!lines) {
		free(order);
		return NULL;
	}
	for (size_t t = 0; t < ds->ntargets; t++)
		if (p->prices && p->prices[t].priced && (!costly_only || p->prices[t].communes != 0))
			order[n++] = t;
	price_order_plan = p;
	qsort(order, n, sizeof(*order), by_price);
	for (size_t i = 0; i < n && lines; i++) {
		const struct target_price *pr = &p->prices[order[i]];
		struct cells c;
		char *what = report_target_words(ds, &ds->targets[order[i]]);
		int one = fabs(pr->communes) == 1;
		const char *gain = pr->communes > 0 ? (one ? L("%s more commune at standard", "thêm %s xã đạt chuẩn")
							   : L("%s more communes at standard", "thêm %s xã đạt chuẩn")) :
				   pr->communes < 0 ? (one ? L("%s fewer commune at standard", "bớt %s xã đạt chuẩn")
							   : L("%s fewer communes at standard", "bớt %s xã đạt chuẩn")) :
				   L("no more communes at standard%s", "không thêm xã đạt chuẩn nào%s");
		char *gained = strfmt(gain, pr->communes != 0 ? number(&c, 0, fabs(pr->communes), 0) : "");
		char *line = what && gained ?
			strfmt(L("%sDropping %s: %s (%s%s commune-years)%s\n",
				 "%sBỏ %s: %s (%s%s xã-năm)%s\n"),
			       lines, what, gained, pr->commune_years > 0 ? "+" : "",
			       number(&c, 1, pr->commune_years, 0),
			       pr->status == STAGE_OPTIMAL ? "" : L("; not proven", "; chưa chứng minh")) : NULL;
		free(what);
		free(gained);
		free(lines);
		lines = line;
	}
	free(order);
	return lines;
}

static int print_targets(FILE *out, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	struct table t;
	struct cells c;
	int rc = -1;
	table_init(&t);
	if (table_add_column(&t, L("Target", "Chỉ tiêu"), TEXT_LEFT) ||
	    table_add_column(&t, L("Subject", "Đối tượng"), TEXT_LEFT) ||
	    table_add_column(&t, L("Wanted", "Mục tiêu"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Reached", "Đạt được"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Short by", "Còn thiếu"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Priority", "Ưu tiên"), TEXT_RIGHT) ||
	    table_add_column(&t, "", TEXT_LEFT))
		goto cleanup;
	for (size_t i = 0; i < ds->ntargets; i++) {
		const struct target *tg = &ds->targets[i];
		const struct target_result *r = &p->targets[i];
		const char *subject = tg->subject;
		char subject_buf[256];
		if (tg->kind == TARGET_CRITERION_COMMUNES) {
			snprintf(subject_buf, sizeof(subject_buf), "%zu %s", tg->subject_index,
				 criterion_name(&ds->criteria[tg->subject_index - 1]));
			subject = subject_buf;
		} else if (tg->kind == TARGET_REQUIRE_COMMUNE || tg->kind == TARGET_EXCLUDE_COMMUNE) {
			snprintf(subject_buf, sizeof(subject_buf), "%s %s",
				 ds->communes[tg->subject_index].id, ds->communes[tg->subject_index].name);
			subject = subject_buf;
		}
		int avg = tg->kind == TARGET_AVG_CRITERIA;
		int has_value = tg->kind <= TARGET_AVG_CRITERIA;
		const char *verdict = r->shortfall > 0 ? L("SHORT", "CHƯA ĐẠT") : L("met", "đạt");
		char priority[32] = "";
		if (target_has_shortfall(tg))
			snprintf(priority, sizeof(priority), "%d", target_priority(tg));
		if (table_add_rowv(&t, target_kind_name(tg->kind), subject,
				   has_value ? number(&c, 0, tg->value, avg ? 1 : 0) : "",
				   number(&c, 1, r->achieved, avg ? 2 : 0),
				   number(&c, 2, r->shortfall, 0), priority, verdict))
			goto cleanup;
	}
	char title[160];
	snprintf(title, sizeof(title), L("3. Targets at the horizon (%d)", "3. Chỉ tiêu đến năm %d"),
		 dataset_horizon(ds));
	rc = heading(out, title);
	if (!rc && ds->ntargets)
		rc = table_print(&t, out, "  ");
	char *prices = rc ? NULL : report_price_lines(p, 0);
	if (!rc && !prices)
		rc = -1;
	if (!rc && *prices)
		rc = fprintf(out, "\n  %s\n", L("What each target costs (the plan solved again without it):",
						  "Giá của mỗi chỉ tiêu (giải lại phương án khi bỏ chỉ tiêu đó):")) < 0 ? -1 : 0;
	for (char *line = prices; line && *line && !rc;) {
		size_t len = strcspn(line, "\n");
		rc = fprintf(out, "  - %.*s\n", (int)len, line) < 0 ? -1 : 0;
		line += len + (line[len] == '\n');
	}
	free(prices);
cleanup:
	table_release(&t);
	return rc;
}

static int print_standard_years(FILE *out, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	if (heading(out, L("4. Communes reaching the standard, year by year",
			   "4. Các xã đạt chuẩn theo từng năm")))
		return -1;
	for (int y = 0; y <= ds->nyears; y++) {
		int count = 0;
		for (size_t c = 0; c < ds->ncommunes; c++)
			count += p->standard_year[c] == y;
		if (!count)
			continue;
		if (fprintf(out, y == 0 ? L("  %d (baseline): %d\n", "  %d (năm gốc): %d\n")
				       : L("  %d: %d new, %d in all\n", "  %d: thêm %d, tổng %d\n"),
			    ds->first_year - 1 + y, count, p->standard_count[y]) < 0)
			return -1;
		for (size_t d = 0; d < ds->ndistricts; d++) {
			int first = 1;
			for (size_t c = 0; c < ds->ncommunes; c++) {
				if (p->standard_year[c] != y || ds->communes[c].district != d)
					continue;
				if (fprintf(out, first ? "    %s: %s" : ", %s", first ? ds->districts[d] : ds->communes[c].name,
					    ds->communes[c].name) < 0)
					return -1;
				first = 0;
			}
			if (!first && fputc('\n', out) == EOF)
				return -1;
		}
	}
	return 0;
}

static int print_works(FILE *out, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	struct cells c;
	if (heading(out, L("5. Works funded, year by year (million VND)",
			   "5. Hạng mục được đầu tư theo năm (triệu đồng)")))
		return -1;
	for (int y = 1; y <= ds->nyears; y++) {
		struct table t;
		double subtotal = 0;
		int rows = 0;
		table_init(&t);
		if (table_add_column(&t, L("Commune", "Xã"), TEXT_LEFT) ||
		    table_add_column(&t, L("District", "Huyện"), TEXT_LEFT) ||
		    table_add_column(&t, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
		    table_add_column(&t, L("Quantity", "Khối lượng"), TEXT_RIGHT) ||
		    table_add_column(&t, L("Unit", "Đơn vị"), TEXT_LEFT) ||
		    table_add_column(&t, L("Amount", "Số tiền"), TEXT_RIGHT) ||
		    table_add_column(&t, L("Source", "Nguồn"), TEXT_LEFT)) {
			table_release(&t);
			return -1;
		}
		for (size_t i = 0; i < p->nallocations; i++) {
			const struct allocation *a = &p->allocations[i];
			if (a->year != y)
				continue;
			const struct commune *cm = &ds->communes[a->commune];
			const struct criterion *cr = &ds->criteria[a->criterion - 1];
			char crit[160];
			snprintf(crit, sizeof(crit), "%d %s", a->criterion, criterion_name(cr));
			if (table_add_rowv(&t, cm->name, ds->districts[cm->district], crit,
					   number(&c, 0, plan_allocation_quantity(ds, a), 2), criterion_unit(cr),
					   money(&c, 1, a->amount), source_name(&ds->sources[a->source]))) {
				table_release(&t);
				return -1;
			}
			subtotal += a->amount;
			rows++;
		}
		char year_total[64];
		snprintf(year_total, sizeof(year_total), L("Total %d", "Cộng năm %d"), ds->first_year + y - 1);
		int rc = table_add_rule(&t) ||
			 table_add_rowv(&t, year_total, "", "", "", "", money(&c, 0, subtotal), "");
		if (!rc)
			rc = fprintf(out, L("\n  %d: %d payments\n", "\n  Năm %d: %d khoản chi\n"),
				     ds->first_year + y - 1, rows) < 0;
		if (!rc && rows)
			rc = table_print(&t, out, "  ");
		table_release(&t);
		if (rc)
			return -1;
	}
	return 0;
}

static int print_budget_use(FILE *out, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	const int n = ds->nyears;
	struct table t;
	struct cells c;
	int rc = -1;
	double *spent = calloc((size_t)n * ds->nsources + 1, sizeof(*spent));
	if (!spent)
		return -1;
	plan_spent(p, spent);
	table_init(&t);
	if (table_add_column(&t, L("Year", "Năm"), TEXT_LEFT) ||
	    table_add_column(&t, L("Source", "Nguồn"), TEXT_LEFT) ||
	    table_add_column(&t, L("Budget", "Kế hoạch vốn"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Spent", "Đã chi"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Left", "Còn lại"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Carried on", "Chuyển năm sau"), TEXT_RIGHT))
		goto cleanup;
	double total_budget = 0, total_spent = 0;
	for (size_t s = 0; s < ds->nsources; s++) {
		double carried = 0;
		for (int y = 1; y <= n; y++) {
			double budget = dataset_budget(ds, y - 1, s);
			double used = spent[(size_t)(y - 1) * ds->nsources + s];
			double available = budget + carried;
			double left = available - used;
			carried = ds->sources[s].carry_over ? left : 0;
			char year[16];
			snprintf(year, sizeof(year), "%d", ds->first_year + y - 1);
			if (table_add_rowv(&t, year, source_name(&ds->sources[s]), money(&c, 0, budget),
					   money(&c, 1, used), money(&c, 2, left),
					   ds->sources[s].carry_over && y < n ? money(&c, 3, carried) : "-"))
				goto cleanup;
			total_budget += budget;
			total_spent += used;
		}
	}
	if (table_add_rule(&t) ||
	    table_add_rowv(&t, L("Total", "Tổng"), "", money(&c, 0, total_budget),
			   money(&c, 1, total_spent), money(&c, 2, total_budget - total_spent), ""))
		goto cleanup;
	rc = heading(out, L("6. Budget use by year and source (million VND)",
			    "6. Sử dụng vốn theo năm và nguồn (triệu đồng)"));
	if (!rc)
		rc = table_print(&t, out, "  ");
cleanup:
	table_release(&t);
	free(spent);
	return rc;
}

static int print_unfunded(FILE *out, const struct plan *p)
{
	const struct dataset *ds = p->ds;
	struct table t;
	struct cells c;
	int rc = -1;
	table_init(&t);
	if (table_add_column(&t, "#", TEXT_RIGHT) ||
	    table_add_column(&t, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
	    table_add_column(&t, L("Gaps left", "Số xã còn thiếu"), TEXT_RIGHT) ||
	    table_add_column(&t, L("of which not fundable", "trong đó không thể đầu tư"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Cost to close", "Chi phí để xóa"), TEXT_RIGHT))
		goto cleanup;
	double total = 0;
	int total_gaps = 0;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		int left = 0, unfundable = 0;
		double cost = 0;
		for (size_t cm = 0; cm < ds->ncommunes; cm++) {
			const struct gap *g = dataset_gap(ds, cm, k);
			if (g->met || p->completed[cm * NTM_CRITERIA + (size_t)(k - 1)])
				continue;
			left++;
			if (!g->fundable)
				unfundable++;
			else
				cost += dataset_gap_cost(ds, cm, k);
		}
		total += cost;
		total_gaps += left;
		if (table_add_rowv(&t, number(&c, 0, k, 0), criterion_name(&ds->criteria[k - 1]),
				   number(&c, 1, left, 0), number(&c, 2, unfundable, 0),
				   money(&c, 3, cost)))
			goto cleanup;
	}
	if (table_add_rule(&t) ||
	    table_add_rowv(&t, "", L("Total", "Tổng"), number(&c, 0, total_gaps, 0), "",
			   money(&c, 1, total)))
		goto cleanup;
	rc = heading(out, L("7. Gaps left unfunded at the horizon (million VND)",
			    "7. Khoảng thiếu chưa được đầu tư đến cuối kỳ (triệu đồng)"));
	if (!rc)
		rc = table_print(&t, out, "  ");
cleanup:
	table_release(&t);
	return rc;
}

int report_plan(FILE *out, const struct plan *p, const struct plan *rule_plans,
		size_t nrules, const struct provenance *prov)
{
	const struct dataset *ds = p->ds;
	if (fprintf(out, L("Allocation proposal: dataset '%s', %zu communes, plan %d-%d\n",
			   "Đề xuất phân bổ vốn: bộ dữ liệu '%s', %zu xã, kế hoạch %d-%d\n"),
		    ds->name, ds->ncommunes, ds->first_year, dataset_horizon(ds)) < 0)
		return -1;
	if (prov && provenance_print(out, prov))
		return -1;
	if (print_stages(out, p) || print_comparison(out, p, rule_plans, nrules) ||
	    print_targets(out, p) || print_standard_years(out, p) ||
	    print_works(out, p) || print_budget_use(out, p) || print_unfunded(out, p))
		return -1;
	return 0;
}
