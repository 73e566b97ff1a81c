#include "explain.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"

int explain_levels_equal(const struct plan *a, const struct plan *b)
{
	/* Stage 0 is the priority levels (plan_levels_compare), stage 1 the
	 * communes; both integral: values closer than half a unit are the
	 * same value. */
	double d = a->objective[OBJ_COMMUNES] - b->objective[OBJ_COMMUNES];
	return plan_levels_compare(a, b) == 0 && d <= 0.5 && d >= -0.5;
}

/* Whether stage s is minimised (the others are maximised): every level
 * before the communes is a target shortfall, however many there are. */
static int stage_minimised(int s)
{
	return s < OBJ_COMMUNES || s == OBJ_MONEY;
}

/* An optimal plan found by a run, reduced to what the portfolio needs:
 * per commune, at standard by the horizon, and given money. */
struct portfolio {
	unsigned char *standard;  /* nplans x ncommunes */
	unsigned char *funded;
	size_t nplans, alloc;
};

struct context {
	const struct dataset *ds;
	const struct solve_options *o;
	unsigned run_stages;
	struct explain_result *r;
	struct portfolio folio;
	struct diag_list *diags;
};

static int in_plan(const struct plan *p, size_t c)
{
	return p->standard_year[c] >= 1;
}

/* Whether the plan gives commune c money: it completes an open gap that
 * costs something. */
static int funds(const struct plan *p, size_t c)
{
	for (int k = 1; k <= NTM_CRITERIA; k++)
		if (p->completed[c * NTM_CRITERIA + (size_t)(k - 1)] &&
		    dataset_gap_cost(p->ds, c, k) > 0)
			return 1;
	return 0;
}

static int portfolio_add(struct portfolio *f, const struct plan *p)
{
	size_t nc = p->ds->ncommunes;
	if (f->nplans == f->alloc) {
		size_t more = f->alloc ? 2 * f->alloc : 8;
		unsigned char *s = realloc(f->standard, more * nc + 1);
		if (!s)
			return -1;
		f->standard = s;
		unsigned char *m = realloc(f->funded, more * nc + 1);
		if (!m)
			return -1;
		f->funded = m;
		f->alloc = more;
	}
	for (size_t c = 0; c < nc; c++) {
		f->standard[f->nplans * nc + c] = (unsigned char)in_plan(p, c);
		f->funded[f->nplans * nc + c] = (unsigned char)funds(p, c);
	}
	f->nplans++;
	return 0;
}

/* The communes at standard in `a` (a plan's flags) and not in `b`, but
 * `skip`, into a new list. */
static int difference(const struct dataset *ds, const unsigned char *a, const unsigned char *b,
		      size_t skip, size_t **list, size_t *n)
{
	size_t count = 0;
	for (size_t c = 0; c < ds->ncommunes; c++)
		count += a[c] && !b[c] && c != skip;
	free(*list);
	*n = 0;
	*list = malloc((count ? count : 1) * sizeof(**list));
	if (!*list)
		return -1;
	for (size_t c = 0; c < ds->ncommunes; c++)
		if (a[c] && !b[c] && c != skip)
			(*list)[(*n)++] = c;
	return 0;
}

static int set_difference(struct explain_commune *it, const struct dataset *ds,
			  const unsigned char *a, const unsigned char *b)
{
	return difference(ds, a, b, it->commune, &it->others, &it->nothers);
}

static void standard_flags(const struct plan *p, unsigned char *flags)
{
	for (size_t c = 0; c < p->ds->ncommunes; c++)
		flags[c] = (unsigned char)in_plan(p, c);
}

/* A warm start for the exclusion of commune c: the plan without it,
 * which the excluded dataset admits when the plan's money sufficed. */
static int plan_without(const struct plan *p, size_t c, struct plan *w)
{
	const struct dataset *ds = p->ds;
	if (plan_reset(w, ds))
		return -1;
	size_t nc = ds->ncommunes;
	memcpy(w->standard_year, p->standard_year, nc * sizeof(*w->standard_year));
	memcpy(w->completed, p->completed, nc * NTM_CRITERIA);
	memcpy(w->completion_year, p->completion_year, nc * NTM_CRITERIA * sizeof(int));
	w->standard_year[c] = -1;
	memset(w->completed + c * NTM_CRITERIA, 0, NTM_CRITERIA);
	memset(w->completion_year + c * NTM_CRITERIA, 0, NTM_CRITERIA * sizeof(int));
	return 0;
}

/*
 * Commune `it->commune`'s own run: excluded when the plan has it,
 * required when not. The run's dataset is the plan's with one target more
 * (a copy of the struct sharing every string and array but the targets,
 * so nothing of the loaded dataset changes), and lives only here: what
 * the run found is kept in `it` and the portfolio, never its plan.
 *
 * A commune the dataset requires already and the plan leaves out is
 * required a second time: then a plan without it pays its shortfall twice,
 * and the run's level stages equal the plan's exactly when some optimal
 * plan has it (adding nothing would only solve the plan again).
 */
static int own_run(struct context *cx, struct explain_commune *it)
{
	const struct dataset *ds = cx->ds;
	const struct plan *base = &cx->r->plan;
	const size_t c = it->commune;
	const int excluding = in_plan(base, c);
	struct dataset view = *ds;
	struct plan run, warm;
	struct solve_options so = *cx->o;
	unsigned char *flags = malloc(2 * ds->ncommunes + 1);
	int rc = -1;

	plan_init(&run);
	plan_init(&warm);
	view.targets = malloc((ds->ntargets + 1) * sizeof(*view.targets));
	if (!view.targets || !flags)
		goto done;
	if (ds->ntargets)
		memcpy(view.targets, ds->targets, ds->ntargets * sizeof(*view.targets));
	view.targets[view.ntargets++] = (struct target){
		.kind = excluding ? TARGET_EXCLUDE_COMMUNE : TARGET_REQUIRE_COMMUNE,
		.subject = ds->communes[c].id,
		.subject_index = c,
	};
	if (excluding && plan_without(base, c, &warm))
		goto done;
	so.stages = cx->run_stages;
	so.warm_start = excluding ? &warm : base;
	so.basis = NULL;  /* the runs' models differ from the plan's */
	if (solve_plan(&view, &so, &run, cx->diags))
		goto done;
	cx->r->runs++;

	it->basis = EXPLAIN_BY_OWN_RUN;
	it->stages = cx->run_stages;
	it->proven = 1;
	it->later_proven = 1;
	it->run_has_it = in_plan(&run, c);
	for (int s = 0; s < OBJ_COUNT; s++) {
		if (!(cx->run_stages & SOLVE_STAGE(s)))
			continue;
		if (run.stages[s].status != STAGE_OPTIMAL) {
			if (s <= OBJ_COMMUNES)
				it->proven = 0;
			else
				it->later_proven = 0;
		}
		double d = run.objective[s] - base->objective[s];
		it->delta[s] = d;
		it->loss[s] = stage_minimised(s) ? d : -d;
	}
	/* The shortfall a requirement run left unmet is the requirement's
	 * own, not a loss on the plan's targets. */
	if (!excluding && !it->run_has_it)
		it->loss[OBJ_SHORTFALL] -= 1;
	int equal = explain_levels_equal(&run, base);
	standard_flags(base, flags);
	standard_flags(&run, flags + ds->ncommunes);
	const unsigned char *before = flags, *after = flags + ds->ncommunes;
	if (excluding) {
		it->status = equal ? EXPLAIN_CONTESTED : EXPLAIN_SURE;
		if (set_difference(it, ds, after, before) ||
		    difference(ds, before, after, c, &it->also, &it->nalso))
			goto done;
	} else {
		it->status = equal ? EXPLAIN_CONTESTED : EXPLAIN_OUT;
		if (set_difference(it, ds, before, after) ||
		    difference(ds, after, before, c, &it->also, &it->nalso))
			goto done;
	}
	if (equal && portfolio_add(&cx->folio, &run))
		goto done;
	rc = 0;
done:
	if (rc && !cx->diags->nr)
		diag_add(cx->diags, NULL, 0, 0, "%s", L("out of memory", "hết bộ nhớ"));
	free(flags);
	free(view.targets);
	plan_release(&run);
	plan_release(&warm);
	return rc;
}

/* Explain --all: an optimal plan found by an earlier run that does
 * without commune c (in the plan) or funds it (out of it) makes it
 * contested without a run. Returns 1 when one did, 0 when none, -1 when
 * out of memory. */
static int decided_by_portfolio(struct context *cx, struct explain_commune *it)
{
	const struct dataset *ds = cx->ds;
	const size_t nc = ds->ncommunes, c = it->commune;
	const struct plan *base = &cx->r->plan;
	for (size_t i = 0; i < cx->folio.nplans; i++) {
		const unsigned char *standard = cx->folio.standard + i * nc;
		const unsigned char *funded = cx->folio.funded + i * nc;
		int in = in_plan(base, c);
		if (in ? funded[c] : !standard[c])
			continue;
		unsigned char *flags = malloc(nc + 1);
		if (!flags)
			return -1;
		standard_flags(base, flags);
		int rc = in ? set_difference(it, ds, standard, flags) :
			set_difference(it, ds, flags, standard);
		free(flags);
		if (rc)
			return -1;
		it->status = EXPLAIN_CONTESTED;
		it->basis = EXPLAIN_BY_OTHER_RUN;
		return 1;
	}
	return 0;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Decides item `it` (its commune set): without a run when it is at
 * baseline or cannot be reached; from the portfolio when `reuse` and one
 * of its plans decides it; else by its own run. */
static int decide(struct context *cx, struct explain_commune *it, int reuse)
{
	const struct dataset *ds = cx->ds;
	const struct plan *base = &cx->r->plan;
	const size_t c = it->commune;
	it->reachable = plan_commune_candidate(ds, c);
	it->earliest_year = it->reachable ? plan_earliest_standard_year(ds, c) : 0;
	if (base->standard_year[c] == 0) {
		it->status = EXPLAIN_BASELINE;
		return 0;
	}
	if (!in_plan(base, c) && !it->reachable) {
		it->status = EXPLAIN_OUT;
		return 0;
	}
	if (reuse) {
		int got = decided_by_portfolio(cx, it);
		if (got)
			return got < 0 ? -1 : 0;
	}
	return own_run(cx, it);
}

/* A copy of solved plan `src` into `dst` (reset here). */
static int copy_plan(struct plan *dst, const struct plan *src)
{
	const struct dataset *ds = src->ds;
	const size_t nc = ds->ncommunes;
	if (plan_reset(dst, ds))
		return -1;
	memcpy(dst->standard_year, src->standard_year, nc * sizeof(int));
	memcpy(dst->completed, src->completed, nc * NTM_CRITERIA);
	memcpy(dst->completion_year, src->completion_year, nc * NTM_CRITERIA * sizeof(int));
	memcpy(dst->criteria_after, src->criteria_after, nc * sizeof(int));
	memcpy(dst->standard_count, src->standard_count, ((size_t)ds->nyears + 1) * sizeof(int));
	if (ds->ntargets)
		memcpy(dst->targets, src->targets, ds->ntargets * sizeof(*dst->targets));
	memcpy(dst->objective, src->objective, sizeof(dst->objective));
	memcpy(dst->stages, src->stages, sizeof(dst->stages));
	if (src->nallocations) {
		dst->allocations = malloc(src->nallocations * sizeof(*dst->allocations));
		if (!dst->allocations)
			return -1;
		memcpy(dst->allocations, src->allocations, src->nallocations * sizeof(*dst->allocations));
		dst->nallocations = dst->allocations_alloc = src->nallocations;
	}
	return 0;
}

static int explain_rest(const struct dataset *ds, const struct solve_options *o,
			unsigned run_stages, const size_t *which, size_t n,
			struct explain_result *r, struct diag_list *diags);

int explain_communes(const struct dataset *ds, const struct solve_options *o,
		     unsigned run_stages, const size_t *which, size_t n,
		     struct explain_result *r, struct diag_list *diags)
{
	explain_result_release(r);
	if (solve_plan(ds, o, &r->plan, diags))
		return -1;
	return explain_rest(ds, o, run_stages, which, n, r, diags);
}

int explain_solved(const struct dataset *ds, const struct solve_options *o,
		   unsigned run_stages, const struct plan *solved, const size_t *which, size_t n,
		   struct explain_result *r, struct diag_list *diags)
{
	explain_result_release(r);
	if (copy_plan(&r->plan, solved)) {
		diag_add(diags, NULL, 0, 0, "%s", L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	return explain_rest(ds, o, run_stages, which, n, r, diags);
}

static int explain_rest(const struct dataset *ds, const struct solve_options *o,
			unsigned run_stages, const size_t *which, size_t n,
			struct explain_result *r, struct diag_list *diags)
{
	struct context cx = {ds, o, run_stages, r, {NULL, NULL, 0, 0}, diags};
	int rc = -1;

	r->all = which == NULL;
	r->nitems = which ? n : ds->ncommunes;
	r->items = calloc(r->nitems ? r->nitems : 1, sizeof(*r->items));
	if (!r->items) {
		diag_add(diags, NULL, 0, 0, "%s", L("out of memory", "hết bộ nhớ"));
		return -1;
	}
	for (size_t i = 0; i < r->nitems; i++)
		r->items[i].commune = which ? which[i] : i;
	double start = seconds_now();
	/* The communes in the plan first: their exclusion runs find the
	 * other optimal plans that spare the runs of communes out of it. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->nitems; i++) {
			struct explain_commune *it = &r->items[i];
			if (in_plan(&r->plan, it->commune) != (pass == 0))
				continue;
			if (decide(&cx, it, r->all))
				goto done;
		}
	}
	rc = 0;
done:
	r->seconds = seconds_now() - start;
	free(cx.folio.standard);
	free(cx.folio.funded);
	return rc;
}
