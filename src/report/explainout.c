#include "explainout.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "outfile.h"
#include "solve.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

void explain_result_init(struct explain_result *r)
{
	memset(r, 0, sizeof(*r));
	plan_init(&r->plan);
}

void explain_result_release(struct explain_result *r)
{
	for (size_t i = 0; i < r->nitems; i++)
		free(r->items[i].others), free(r->items[i].also);
	free(r->items);
	plan_release(&r->plan);
	explain_result_init(r);
}

const char *explain_status_name(enum explain_status s)
{
	switch (s) {
	case EXPLAIN_BASELINE: return "baseline";
	case EXPLAIN_SURE: return "sure";
	case EXPLAIN_CONTESTED: return "contested";
	default: return "out";
	}
}

const char *explain_status_text(enum explain_status s)
{
	switch (s) {
	case EXPLAIN_BASELINE: return L("at baseline", "đạt từ trước");
	case EXPLAIN_SURE: return L("sure", "chắc chắn");
	case EXPLAIN_CONTESTED: return L("contested", "có thể thay thế");
	default: return L("out", "ngoài");
	}
}

/* A string grown by appending; on out of memory `failed` is set and the
 * text is dropped. */
struct sbuf {
	char *s;
	int failed;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	if (b->failed)
		return;
	va_start(ap, fmt);
	char *piece = vstrfmt(fmt, ap);
	va_end(ap);
	char *joined = piece ? strfmt("%s%s", b->s ? b->s : "", piece) : NULL;
	free(piece);
	free(b->s);
	b->s = joined;
	if (!joined)
		b->failed = 1;
}

static char *sb_take(struct sbuf *b)
{
	if (b->failed) {
		free(b->s);
		return NULL;
	}
	return b->s ? b->s : strfmt("%s", "");
}

static const char *commune_label(const struct dataset *ds, size_t c, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", ds->communes[c].id, ds->communes[c].name);
	return buf;
}

/* "A01 X, A02 Y" */
static void add_communes(struct sbuf *b, const struct dataset *ds, const size_t *list, size_t n)
{
	char label[256];
	for (size_t i = 0; i < n; i++)
		sb_add(b, "%s%s", i ? ", " : "", commune_label(ds, list[i], label, sizeof(label)));
}

static long rounded(double v)
{
	return v < 0 ? -(long)(-v + 0.5) : (long)(v + 0.5);
}

/* What a run changes against the plan, in the stages it solved up to the
 * commune-years, each item saying its own direction: "1 fewer commune at
 * standard, 2 more commune-years"; nothing when nothing changes. */
static void add_loss(struct sbuf *b, const struct explain_commune *it)
{
	int any = 0;
	/* Where a level stage is lost, the later stages say little (they
	 * are optimised under another level): up to the commune-years then;
	 * where the levels hold, the later stages are the whole difference. */
	int last = OBJ_COUNT - 1;
	for (int s = 0; s <= OBJ_COMMUNES; s++)
		if ((it->stages & SOLVE_STAGE(s)) && rounded(it->loss[s]))
			last = OBJ_STANDARD_YEARS;
	for (int s = 0; s <= last; s++) {
		if (!(it->stages & SOLVE_STAGE(s)))
			continue;
		long v = rounded(it->loss[s]);
		if (!v)
			continue;
		char money[TEXT_NUMBER_SIZE];
		const char *sep = any++ ? ", " : "";
		long n = v > 0 ? v : -v;
		if (s < OBJ_COMMUNES) {
			/* Every level before the communes is a target shortfall. */
			sb_add(b, v > 0 ? L("%starget shortfall up by %ld", "%sthiếu hụt chỉ tiêu tăng %ld") :
			       L("%starget shortfall down by %ld", "%sthiếu hụt chỉ tiêu giảm %ld"), sep, n);
			continue;
		}
		switch (s) {
		case OBJ_COMMUNES:
			sb_add(b, v > 0 ? L("%s%ld fewer commune(s) at standard", "%sbớt %ld xã đạt chuẩn") :
			       L("%s%ld more commune(s) at standard", "%sthêm %ld xã đạt chuẩn"), sep, n);
			break;
		case OBJ_STANDARD_YEARS:
			sb_add(b, v > 0 ? L("%s%ld fewer commune-year(s)", "%sbớt %ld xã-năm") :
			       L("%s%ld more commune-year(s)", "%sthêm %ld xã-năm"), sep, n);
			break;
		case OBJ_CRITERIA:
			sb_add(b, v > 0 ? L("%s%ld fewer criteria met", "%sbớt %ld tiêu chí đạt") :
			       L("%s%ld more criteria met", "%sthêm %ld tiêu chí đạt"), sep, n);
			break;
		default:
			text_money(money, sizeof(money), (double)n);
			sb_add(b, v > 0 ? L("%s%s million VND more", "%stốn thêm %s triệu đồng") :
			       L("%s%s million VND less", "%stiết kiệm %s triệu đồng"), sep, money);
			break;
		}
	}
}

static int loss_is_zero(const struct explain_commune *it)
{
	for (int s = 0; s < OBJ_COUNT; s++)
		if ((it->stages & SOLVE_STAGE(s)) && rounded(it->loss[s]))
			return 0;
	return 1;
}

char *explain_sentence(const struct explain_result *r, size_t i)
{
	const struct explain_commune *it = &r->items[i];
	const struct dataset *ds = r->plan.ds;
	const char *id = ds->communes[it->commune].id;
	struct sbuf b = {NULL, 0};
	switch (it->status) {
	case EXPLAIN_BASELINE:
		sb_add(&b, "%s", L("at standard before the plan", "đã đạt chuẩn trước kỳ kế hoạch"));
		break;
	case EXPLAIN_SURE:
		sb_add(&b, L("without it (--exclude %s): ", "nếu không cấp vốn (--exclude %s): "), id);
		add_loss(&b, it);
		if (it->nothers) {
			sb_add(&b, "%s", L("; in its place: ", "; thay bằng: "));
			add_communes(&b, ds, it->others, it->nothers);
		}
		if (it->nalso) {
			sb_add(&b, "%s", L("; also dropped: ", "; cũng bỏ: "));
			add_communes(&b, ds, it->also, it->nalso);
		}
		break;
	case EXPLAIN_CONTESTED: {
		int in = r->plan.standard_year[it->commune] >= 1;
		if (it->basis == EXPLAIN_BY_OWN_RUN) {
			if (in)
				sb_add(&b, L("without it (--exclude %s) the plan loses nothing on the targets and communes at standard",
					     "nếu không cấp vốn (--exclude %s), phương án không kém đi về chỉ tiêu và số xã đạt chuẩn"), id);
			else
				sb_add(&b, L("requiring it (--require %s) costs nothing on the targets and communes at standard",
					     "nếu bắt buộc xã này (--require %s), phương án không kém đi về chỉ tiêu và số xã đạt chuẩn"), id);
			if (!loss_is_zero(it)) {
				sb_add(&b, " (");
				add_loss(&b, it);
				sb_add(&b, ")");
			}
		} else {
			sb_add(&b, "%s", in ? L("another optimal plan does without it",
						"có phương án tối ưu khác không cấp vốn cho xã này") :
			       L("another optimal plan brings it to standard",
				 "có phương án tối ưu khác đưa xã này đạt chuẩn"));
		}
		if (it->nothers) {
			sb_add(&b, "%s", L("; interchangeable with ", "; hoán đổi được với "));
			add_communes(&b, ds, it->others, it->nothers);
			if (!in && it->basis == EXPLAIN_BY_OWN_RUN && !loss_is_zero(it))
				sb_add(&b, "%s", L(", which the plan prefers on the later stages",
						   ", xã mà phương án ưu tiên hơn ở các bước sau"));
		}
		/* The run's other side of the exchange, so that the counts add up. */
		if (it->nalso) {
			sb_add(&b, "%s", in ? L("; also dropped: ", "; cũng bỏ: ") :
			       L("; also brought to standard: ", "; cùng đưa thêm: "));
			add_communes(&b, ds, it->also, it->nalso);
		}
		break;
	}
	case EXPLAIN_OUT:
		if (!it->reachable && dataset_commune_excluded(ds, it->commune) &&
		    dataset_commune_closable(ds, it->commune)) {
			sb_add(&b, "%s", L("it is excluded (an exclude_commune target, or --exclude): it gets no money",
					   "xã bị loại (chỉ tiêu exclude_commune, hoặc --exclude): không được cấp vốn"));
		} else if (!it->reachable) {
			sb_add(&b, L("money cannot bring it to standard by %d (a gap that cannot be funded, or lead times)",
				     "không thể đạt chuẩn đến năm %d bằng vốn (có khoảng thiếu không thể đầu tư, hoặc thời gian chờ)"),
			       dataset_horizon(ds));
		} else if (!it->run_has_it) {
			sb_add(&b, L("even when required (--require %s), the plan would rather leave the requirement unmet",
				     "kể cả khi bắt buộc (--require %s), phương án vẫn phải bỏ yêu cầu này"), id);
		} else {
			sb_add(&b, L("requiring it (--require %s): ", "nếu bắt buộc xã này (--require %s): "), id);
			add_loss(&b, it);
			if (it->nothers) {
				sb_add(&b, "%s", L("; it displaces ", "; thay cho: "));
				add_communes(&b, ds, it->others, it->nothers);
			}
			if (it->nalso) {
				sb_add(&b, "%s", L("; also brought to standard: ", "; cùng đưa thêm: "));
				add_communes(&b, ds, it->also, it->nalso);
			}
		}
		break;
	}
	if (it->basis == EXPLAIN_BY_OWN_RUN && !it->proven)
		sb_add(&b, "%s", L(" (the run was stopped by a limit: not proven)",
				   " (lần giải dừng vì giới hạn: chưa chứng minh)"));
	else if (it->basis == EXPLAIN_BY_OWN_RUN && !it->later_proven && !loss_is_zero(it))
		sb_add(&b, "%s", L(" (a limit stopped a later stage of the run: its figures are the plan found's)",
				   " (giới hạn đã dừng một bước sau của lần giải: số liệu của bước đó là của phương án tìm được)"));
	return sb_take(&b);
}

static int print_note(FILE *out)
{
	return fputs(L("\"Optimal\" means optimal for the targets and for the number of communes at standard\n"
		       "at the horizon (stages 0-1); the later stages only choose among such plans.\n"
		       "Sure: every optimal plan funds it; contested: some optimal plans do, others not;\n"
		       "out: no optimal plan brings it to standard.\n",
		       "\"Tối ưu\" nghĩa là tối ưu về chỉ tiêu và số xã đạt chuẩn đến cuối kỳ (bước 0-1);\n"
		       "các bước sau chỉ chọn giữa các phương án như vậy. Chắc chắn: mọi phương án tối ưu\n"
		       "đều cấp vốn cho xã; có thể thay thế: có phương án tối ưu cấp, có phương án không;\n"
		       "ngoài: không phương án tối ưu nào đưa xã đạt chuẩn.\n"), out) < 0 ? -1 : 0;
}

static const char *year_text(const struct dataset *ds, int year, char *buf, size_t size)
{
	if (year < 1)
		return "";
	snprintf(buf, size, "%d", ds->first_year + year - 1);
	return buf;
}

static int print_all(FILE *out, const struct explain_result *r)
{
	const struct dataset *ds = r->plan.ds;
	struct table t;
	char year[16];
	size_t count[EXPLAIN_OUT + 1] = {0};
	int rc = -1;
	table_init(&t);
	if (table_add_column(&t, L("Id", "Mã"), TEXT_LEFT) ||
	    table_add_column(&t, L("Commune", "Xã"), TEXT_LEFT) ||
	    table_add_column(&t, L("District", "Huyện"), TEXT_LEFT) ||
	    table_add_column(&t, L("Status", "Trạng thái"), TEXT_LEFT) ||
	    table_add_column(&t, L("Year", "Năm"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Why", "Vì sao"), TEXT_LEFT))
		goto cleanup;
	for (size_t i = 0; i < r->nitems; i++) {
		const struct explain_commune *it = &r->items[i];
		const struct commune *cm = &ds->communes[it->commune];
		char *why = explain_sentence(r, i);
		if (!why)
			goto cleanup;
		count[it->status]++;
		int bad = table_add_rowv(&t, cm->id, cm->name, ds->districts[cm->district],
					 explain_status_text(it->status),
					 year_text(ds, r->plan.standard_year[it->commune], year, sizeof(year)),
					 why);
		free(why);
		if (bad)
			goto cleanup;
	}
	if (table_print(&t, out, "  ") < 0)
		goto cleanup;
	if (fprintf(out, L("\n%zu sure, %zu contested, %zu out, %zu at standard before the plan; "
			   "%zu runs besides the plan.\n",
			   "\n%zu xã chắc chắn, %zu xã có thể thay thế, %zu xã ngoài, %zu xã đạt chuẩn từ trước; "
			   "%zu lần giải lại ngoài phương án.\n"),
		    count[EXPLAIN_SURE], count[EXPLAIN_CONTESTED], count[EXPLAIN_OUT],
		    count[EXPLAIN_BASELINE], r->runs) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

/* The works the plan funds in commune c, by year and source. */
static int print_works(FILE *out, const struct plan *p, size_t c)
{
	const struct dataset *ds = p->ds;
	struct table t;
	char y[16], q[TEXT_NUMBER_SIZE], m[TEXT_NUMBER_SIZE];
	double total = 0;
	int rc = -1;
	table_init(&t);
	if (table_add_column(&t, L("Year", "Năm"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Source", "Nguồn"), TEXT_LEFT) ||
	    table_add_column(&t, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
	    table_add_column(&t, L("Quantity", "Khối lượng"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Unit", "Đơn vị"), TEXT_LEFT) ||
	    table_add_column(&t, L("Million VND", "Triệu đồng"), TEXT_RIGHT))
		goto cleanup;
	for (size_t i = 0; i < p->nallocations; i++) {
		const struct allocation *a = &p->allocations[i];
		if (a->commune != c)
			continue;
		const struct criterion *cr = &ds->criteria[a->criterion - 1];
		char *name = strfmt("%d %s", a->criterion, criterion_name(cr));
		if (!name)
			goto cleanup;
		total += a->amount;
		int bad = table_add_rowv(&t, year_text(ds, a->year, y, sizeof(y)),
					 source_name(&ds->sources[a->source]), name,
					 text_number(q, sizeof(q), plan_allocation_quantity(ds, a), 1),
					 criterion_unit(cr), text_money(m, sizeof(m), a->amount));
		free(name);
		if (bad)
			goto cleanup;
	}
	if (table_add_rule(&t) ||
	    table_add_rowv(&t, "", L("Total", "Tổng"), "", "", "", text_money(m, sizeof(m), total)) ||
	    table_print(&t, out, "    "))
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

/* The open gaps of commune c: quantity, cost, and what the plan does. */
static int print_lacks(FILE *out, const struct plan *p, size_t c)
{
	const struct dataset *ds = p->ds;
	struct table t;
	char q[TEXT_NUMBER_SIZE], m[TEXT_NUMBER_SIZE], y[16];
	double total = 0;
	int rc = -1;
	table_init(&t);
	if (table_add_column(&t, L("Criterion", "Tiêu chí"), TEXT_LEFT) ||
	    table_add_column(&t, L("Quantity", "Khối lượng"), TEXT_RIGHT) ||
	    table_add_column(&t, L("Unit", "Đơn vị"), TEXT_LEFT) ||
	    table_add_column(&t, L("Cost (million VND)", "Chi phí (triệu đồng)"), TEXT_RIGHT) ||
	    table_add_column(&t, L("In the plan", "Trong phương án"), TEXT_LEFT))
		goto cleanup;
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		const struct gap *g = dataset_gap(ds, c, k);
		if (g->met)
			continue;
		const struct criterion *cr = &ds->criteria[k - 1];
		size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
		char *name = strfmt("%d %s", k, criterion_name(cr));
		char *state;
		if (!g->fundable)
			state = strfmt("%s", L("cannot be funded", "không thể đầu tư"));
		else if (p->completed[i])
			state = strfmt(L("completed %s", "hoàn thành %s"),
				       year_text(ds, p->completion_year[i], y, sizeof(y)));
		else
			state = strfmt("%s", L("not funded", "chưa được đầu tư"));
		double cost = dataset_gap_cost(ds, c, k);
		total += g->fundable ? cost : 0;
		int bad = !name || !state ||
			table_add_rowv(&t, name, text_number(q, sizeof(q), g->quantity, 1), criterion_unit(cr),
				       g->fundable ? text_money(m, sizeof(m), cost) : "", state);
		free(name);
		free(state);
		if (bad)
			goto cleanup;
	}
	if (table_add_rule(&t) ||
	    table_add_rowv(&t, L("Total", "Tổng"), "", "", text_money(m, sizeof(m), total), "") ||
	    table_print(&t, out, "    "))
		goto cleanup;
	rc = 0;
cleanup:
	table_release(&t);
	return rc;
}

static int print_one(FILE *out, const struct explain_result *r, size_t i)
{
	const struct explain_commune *it = &r->items[i];
	const struct plan *p = &r->plan;
	const struct dataset *ds = p->ds;
	const struct commune *cm = &ds->communes[it->commune];
	int year = p->standard_year[it->commune];
	if (fprintf(out, "\n%s %s (%s): %s\n", cm->id, cm->name, ds->districts[cm->district],
		    explain_status_text(it->status)) < 0)
		return -1;
	if (year == 0)
		return fprintf(out, "  %s\n", L("At standard before the plan.",
						 "Đã đạt chuẩn trước kỳ kế hoạch.")) < 0 ? -1 : 0;
	if (year >= 1) {
		if (fprintf(out, L("  The plan brings it to standard in %d. Its works and money:\n",
				   "  Phương án đưa xã đạt chuẩn năm %d. Hạng mục và vốn:\n"),
			    ds->first_year + year - 1) < 0 || print_works(out, p, it->commune))
			return -1;
	} else {
		if (fprintf(out, L("  Not at standard in the plan (%d of %d criteria met by %d). What it lacks:\n",
				   "  Chưa đạt chuẩn trong phương án (đạt %d/%d tiêu chí đến năm %d). Còn thiếu:\n"),
			    p->criteria_after[it->commune], NTM_CRITERIA, dataset_horizon(ds)) < 0 ||
		    print_lacks(out, p, it->commune))
			return -1;
		if (it->reachable &&
		    fprintf(out, L("  With the money, it could be at standard from %d at the earliest (lead times).\n",
				   "  Nếu có vốn, xã có thể đạt chuẩn sớm nhất năm %d (do thời gian chờ).\n"),
			    ds->first_year + it->earliest_year - 1) < 0)
			return -1;
	}
	char *why = explain_sentence(r, i);
	if (!why)
		return -1;
	int rc = fprintf(out, "  %s %s.\n", L("In short:", "Kết luận:"), why) < 0 ? -1 : 0;
	free(why);
	return rc;
}

int explain_print(FILE *out, const struct explain_result *r, const struct provenance *prov)
{
	const struct dataset *ds = r->plan.ds;
	if (fprintf(out, L("Why each commune is or is not in the plan: dataset '%s', %zu communes, plan %d-%d\n",
			   "Vì sao xã đạt hoặc chưa đạt chuẩn trong phương án: bộ dữ liệu '%s', %zu xã, kế hoạch %d-%d\n"),
		    ds->name, ds->ncommunes, ds->first_year, dataset_horizon(ds)) < 0)
		return -1;
	if (prov && provenance_print(out, prov))
		return -1;
	if (fprintf(out, L("The plan: %.0f communes at standard by %d, target shortfall %.0f.\n",
			   "Phương án: %.0f xã đạt chuẩn đến năm %d, thiếu hụt chỉ tiêu %.0f.\n"),
		    r->plan.objective[OBJ_COMMUNES], dataset_horizon(ds),
		    r->plan.objective[OBJ_SHORTFALL]) < 0 || print_note(out))
		return -1;
	if (r->all)
		return fputc('\n', out) == EOF ? -1 : print_all(out, r);
	for (size_t i = 0; i < r->nitems; i++)
		if (print_one(out, r, i))
			return -1;
	return 0;
}

/* ';' between the ids of a list, in one CSV field (empty when `show` is
 * not set). */
static void put_ids(struct csv_writer *w, const struct dataset *ds, const size_t *list, size_t n,
		    int show)
{
	struct sbuf b = {NULL, 0};
	for (size_t i = 0; show && i < n; i++)
		sb_add(&b, "%s%s", i ? ";" : "", ds->communes[list[i]].id);
	char *s = show ? sb_take(&b) : NULL;
	csv_writer_field(w, s ? s : "");
	free(s);
}

/* A whole number, or an empty field when `known` is not set. */
static void put_count(struct csv_writer *w, double v, int known)
{
	if (known)
		csv_writer_integer(w, rounded(v));
	else
		csv_writer_field(w, "");
}

struct csv_job {
	const struct explain_result *r;
	enum csv_format format;
};

static int write_csv(FILE *out, const void *arg)
{
	static const struct csv_column columns[] = {
		{"commune_id", "mã xã"}, {"commune", "xã"}, {"district", "huyện"},
		{"status", "trạng thái"}, {"standard_year", "năm đạt chuẩn"},
		{"replacement_communes", "xã thay thế"},
		{"replacement_commune_years", "xã-năm mất nếu không có xã"},
		{"displaces", "thay cho xã"}, {"run", "lần giải"},
		{"shortfall_change", "thay đổi thiếu hụt"}, {"communes_change", "thay đổi số xã"},
		{"commune_years_change", "thay đổi xã-năm"},
	};
	const struct csv_job *job = arg;
	const struct explain_result *r = job->r;
	const struct dataset *ds = r->plan.ds;
	struct csv_writer w;
	csv_writer_init(&w, out, job->format);
	csv_writer_header(&w, columns, sizeof(columns) / sizeof(columns[0]));
	for (size_t i = 0; i < r->nitems; i++) {
		const struct explain_commune *it = &r->items[i];
		const struct commune *cm = &ds->communes[it->commune];
		int year = r->plan.standard_year[it->commune];
		int in = year >= 1, own = it->basis == EXPLAIN_BY_OWN_RUN;
		csv_writer_field(&w, cm->id);
		csv_writer_field(&w, cm->name);
		csv_writer_field(&w, ds->districts[cm->district]);
		csv_writer_field(&w, explain_status_name(it->status));
		put_count(&w, ds->first_year - 1 + year, year >= 0);
		/* In the plan: who takes its place; out of it: whom it displaces. */
		put_ids(&w, ds, it->others, it->nothers, in);
		put_count(&w, it->loss[OBJ_STANDARD_YEARS],
			  in && own && (it->stages & SOLVE_STAGE(OBJ_STANDARD_YEARS)));
		put_ids(&w, ds, it->others, it->nothers, !in);
		csv_writer_field(&w, !own ? "" : in ? "exclude" : "require");
		/* The shortfall over every level before the communes. */
		double shortfall = 0;
		for (int s = 0; s < OBJ_COMMUNES; s++)
			shortfall += it->delta[s];
		put_count(&w, shortfall, own);
		for (int s = OBJ_COMMUNES; s <= OBJ_STANDARD_YEARS; s++)
			put_count(&w, it->delta[s], own && (it->stages & SOLVE_STAGE(s)));
		csv_writer_end_row(&w);
	}
	return ferror(out) ? -1 : 0;
}

int explain_write_csv(const struct explain_result *r, const char *dir, enum csv_format format,
		      struct diag_list *diags)
{
	struct csv_job job = {r, format};
	char *path = strfmt("%s/explain.csv", dir);
	if (!path) {
		diag_add(diags, NULL, 0, 0, "%s", L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	int rc = outfile_write(path, write_csv, &job, diags);
	free(path);
	return rc;
}
