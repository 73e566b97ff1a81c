#include "next.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"

struct context {
	const struct dataset *ds;
	struct dataset view;     /* ds with its own copy of the budget */
	struct solve_options so; /* stages 0-1, the plan as warm start */
	double shortfall, communes; /* the plan's */
	int proven;              /* every run of the current step was proven */
	struct next_result *r;
	struct diag_list *diags;
};

/* Whether `amount` more on line (year, source) gives an optimal plan of
 * stages 0-1 with `more` communes at standard beyond the plan's and no
 * more shortfall. When it does and `flags` is not NULL, flags[c] says
 * which communes are at standard in it. Returns 1, 0, or -1 on failure. */
static int enough(struct context *cx, double amount, int year, size_t source, int more,
		  unsigned char *flags)
{
	const struct dataset *ds = cx->ds;
	size_t cell = (size_t)(year - 1) * ds->nsources + source;
	struct plan run;
	plan_init(&run);
	memcpy(cx->view.budget, ds->budget, (size_t)ds->nyears * ds->nsources * sizeof(double));
	cx->view.budget[cell] += amount;
	int rc = solve_plan(&cx->view, &cx->so, &run, cx->diags);
	if (rc) {
		plan_release(&run);
		return -1;
	}
	cx->r->runs++;
	for (int s = 0; s <= OBJ_COMMUNES; s++)
		if (run.stages[s].status != STAGE_OPTIMAL)
			cx->proven = 0;
	int yes = plan_levels_compare(&run, &cx->r->plan) <= 0 &&
		run.objective[OBJ_COMMUNES] >= cx->communes + more - 0.5;
	if (yes && flags)
		for (size_t c = 0; c < ds->ncommunes; c++)
			flags[c] = run.standard_year[c] >= 1;
	plan_release(&run);
	return yes;
}

/* Whether line a can pay for whatever line b can (see next.h). Lines are
 * indices (year-1) * nsources + source. */
static int dominates(const struct dataset *ds, size_t a, size_t b)
{
	size_t ns = ds->nsources;
	int ya = (int)(a / ns), yb = (int)(b / ns);
	const struct source *sa = &ds->sources[a % ns], *sb = &ds->sources[b % ns];
	if ((sb->criteria & ~sa->criteria) != 0)
		return 0;
	if (sb->carry_over)
		return sa->carry_over && ya <= yb;
	return ya == yb || (sa->carry_over && ya <= yb);
}

/* The least whole amount in (lo, hi] that is enough on the line, given
 * that lo is not and hi is; flags of the run at the result. */
static int bisect(struct context *cx, double lo, double hi, int year, size_t source, int more,
		  unsigned char *flags, double *out)
{
	while (hi - lo > 1) {
		double mid = floor((lo + hi) / 2);
		int got = enough(cx, mid, year, source, more, flags);
		if (got < 0)
			return -1;
		if (got)
			hi = mid;
		else
			lo = mid;
	}
	*out = hi;
	return 0;
}

static int list_difference(const struct dataset *ds, const unsigned char *a, const unsigned char *b,
			   size_t **list, size_t *n)
{
	*n = 0;
	*list = malloc((ds->ncommunes + 1) * sizeof(**list));
	if (!*list)
		return -1;
	for (size_t c = 0; c < ds->ncommunes; c++)
		if (a[c] && !b[c])
			(*list)[(*n)++] = c;
	return 0;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int next_communes(const struct dataset *ds, const struct solve_options *o, int count,
		  struct next_result *r, struct diag_list *diags)
{
	const size_t nlines = (size_t)ds->nyears * ds->nsources, nc = ds->ncommunes;
	struct context cx = {.ds = ds, .view = *ds, .so = *o, .r = r, .diags = diags};
	unsigned char *base = malloc(nc + 1), *flags = malloc(nc + 1), *best_flags = malloc(nc + 1);
	signed char *known = malloc(nlines + 1);
	int rc = -1;

	next_result_release(r);
	cx.view.budget = malloc((nlines ? nlines : 1) * sizeof(double));
	r->steps = calloc((size_t)(count > 0 ? count : 1), sizeof(*r->steps));
	if (!base || !flags || !best_flags || !known || !cx.view.budget || !r->steps)
		goto nomem;
	if (solve_plan(ds, o, &r->plan, diags))
		goto done;
	double start = seconds_now();
	cx.shortfall = r->plan.objective[OBJ_SHORTFALL];
	cx.communes = r->plan.objective[OBJ_COMMUNES];
	cx.so.stages = SOLVE_STAGE(OBJ_SHORTFALL) | SOLVE_STAGE(OBJ_COMMUNES);
	cx.so.warm_start = &r->plan;
	cx.so.basis = NULL;
	for (size_t c = 0; c < nc; c++)
		base[c] = r->plan.standard_year[c] >= 1;
	/* More than every open gap costs: enough for anything money can do. */
	double cap = 1;
	for (size_t c = 0; c < nc; c++)
		for (int k = 1; k <= NTM_CRITERIA; k++)
			if (dataset_gap(ds, c, k)->fundable)
				cap += dataset_gap_cost(ds, c, k);
	cap = ceil(cap);

	double lo = 0;  /* not enough for the step on any line */
	for (int more = 1; more <= count; more++) {
		struct next_step *st = &r->steps[r->nsteps];
		double best = -1;
		cx.proven = 1;
		for (size_t line = 0; line < nlines; line++) {
			int maximal = 1;
			for (size_t other = 0; other < nlines && maximal; other++)
				if (other != line && dominates(ds, other, line) &&
				    (!dominates(ds, line, other) || other < line))
					maximal = 0;
			if (!maximal)
				continue;
			int year = (int)(line / ds->nsources) + 1;
			size_t source = line % ds->nsources;
			double hi, found;
			if (best < 0) {
				/* Doubling from lo until enough, then bisection. */
				double step = lo > 1024 ? lo : 1024, from = lo;
				int got = 0;
				for (hi = from + step; hi <= 2 * cap; step *= 2, hi = from + step) {
					got = enough(&cx, hi, year, source, more, flags);
					if (got < 0)
						goto done;
					if (got)
						break;
					from = hi;
				}
				if (!got)
					continue;
				if (bisect(&cx, from, hi, year, source, more, flags, &found))
					goto done;
			} else {
				if (best - 1 <= lo)
					continue;
				int got = enough(&cx, best - 1, year, source, more, flags);
				if (got < 0)
					goto done;
				if (!got)
					continue;
				if (bisect(&cx, lo, best - 1, year, source, more, flags, &found))
					goto done;
			}
			/* flags hold the run at `found` only when the last run
			 * was the one at `found`; solve it again otherwise. */
			if (enough(&cx, found, year, source, more, flags) != 1)
				goto done;
			best = found;
			st->year = year;
			st->source = source;
			memcpy(best_flags, flags, nc);
		}
		if (best < 0) {
			r->exhausted = 1;
			break;
		}
		st->more = more;
		st->extra = best;
		st->suffices = calloc(nlines + 1, 1);
		if (!st->suffices)
			goto nomem;
		/* The lines where the same amount suffices: what dominance
		 * tells from the runs made, a run for the rest. */
		memset(known, -1, nlines);
		known[(size_t)(st->year - 1) * ds->nsources + st->source] = 1;
		for (size_t line = 0; line < nlines; line++) {
			for (size_t other = 0; other < nlines && known[line] < 0; other++) {
				if (known[other] == 1 && dominates(ds, line, other))
					known[line] = 1;
				else if (known[other] == 0 && dominates(ds, other, line))
					known[line] = 0;
			}
			if (known[line] < 0) {
				int got = enough(&cx, best, (int)(line / ds->nsources) + 1,
						 line % ds->nsources, more, NULL);
				if (got < 0)
					goto done;
				known[line] = (signed char)got;
			}
			st->suffices[line] = known[line] == 1;
		}
		st->proven = cx.proven;
		if (list_difference(ds, best_flags, base, &st->entering, &st->nentering) ||
		    list_difference(ds, base, best_flags, &st->leaving, &st->nleaving))
			goto nomem;
		r->nsteps++;
		lo = best - 1;
	}
	r->seconds = seconds_now() - start;
	rc = 0;
	goto done;
nomem:
	diag_add(diags, NULL, 0, 0, "%s", L("out of memory", "hết bộ nhớ"));
done:
	free(base);
	free(flags);
	free(best_flags);
	free(known);
	free(cx.view.budget);
	return rc;
}
