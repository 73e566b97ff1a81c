/*
 * bruteforce: the independent optimality oracle of `ntmplan plan`.
 *
 *     bruteforce [--max-assignments N] [--no-prune] [--allocation FILE]
 *                [--progress FILE --from YEAR] DATASET
 *
 * It finds the lexicographic optimum of docs/model.md on a SMALL dataset by
 * exhaustive search, sharing nothing with the planner but the loader (input
 * parsing). No GLPK: the only optimisation it does is a max-flow written
 * here.
 *
 * Output (stdout):
 *
 *     objectives: LEVELS COMMUNES_STANDARD STANDARD_YEARS CRITERIA_MET MONEY
 *
 * LEVELS is each priority level's weighted shortfall (levels.h), first
 * level first, joined by commas ("-" when no target can fall short).
 *
 * then, for information, one line per gap the optimum completes (see
 * below). Search statistics go to stderr. Exit status: 0 done; 1 usage
 * error, the dataset does not load or FILE cannot be written; 2 the
 * instance is too large (more than N assignments, 5 000 000 by default).
 *
 * --statuses, after the search, enumerates every optimal plan of stages
 * 0-1 (least shortfall, then most communes at standard at the horizon; the
 * later stages ignored) and prints a line per commune, for `ntmplan explain
 * --all` to be checked against (explainout.h):
 *
 *     status COMMUNE_ID baseline|sure|contested|out|mixed
 *
 * baseline: at standard before the plan; out: at standard in no optimal
 * plan; contested: at standard in some, and some optimal plan gives it no
 * money; sure: at standard in every optimal plan, and every one gives it
 * money; mixed: every optimal plan gives it money but some leave it short
 * of the standard (explain then says sure or contested depending on which
 * optimal plan it explains; the test accepts either).
 *
 * --allocation FILE writes money that achieves the optimum, from the max
 * flow of the best assignment, as allocation.csv of `ntmplan plan` (year,
 * source, commune_id, criterion, amount): plancheck can then confirm, from
 * the money alone, that the optimum found is achievable.
 *
 * Why enumerating completion years is enough
 *
 * What a plan achieves (objectives 0-3) depends only on the completion
 * year of each open gap. So a plan is characterised by one value per open,
 * fundable gap of a commune that is not excluded: its completion year
 * 1..n-L(k), or "never". A later completion never makes the criterion met
 * by the horizon, so it would only cost money (stage 4 of model.md); a gap
 * with n-L(k) < 1 therefore always stays "never". Gaps whose completion is
 * not a choice:
 *   - met at the baseline: met from year 0;
 *   - not fundable: never complete;
 *   - of cost 0 and fundable: complete in year 1 whatever the plan, since
 *     Σf >= 0 = a(c,k) holds with no money at all (model.md says so; this
 *     holds for an excluded commune too: it receives nothing and needs
 *     nothing);
 *   - of an excluded commune, or of a criterion no source may fund, with a
 *     positive cost: can receive nothing, so never complete.
 *
 * An assignment of years is affordable when money can pay, for every gap
 * given year τ, its whole cost from eligible sources in years <= τ, within
 * the budgets (carry-over: unspent money moves to later years, never
 * earlier). That is a transportation problem, checked by a max-flow:
 *
 *     source -> (s,t)        capacity B(s,t)
 *     (s,t)  -> (s,t+1)      unbounded, only when carry(s)
 *     (s,t)  -> gap j        unbounded, when k(j) ∈ E(s) and t <= τ(j)
 *     gap j  -> sink         capacity a(j)
 *
 * affordable iff the max flow >= Σ a(j) - 1e-6. (The carry-over arcs never
 * add flow: whatever gap (s,t+1) may pay, (s,t) may pay directly, since a
 * gap may take money in any year up to its completion. They are kept to
 * mirror model.md literally.) A gap paid this way may
 * complete before its τ; that plan is another assignment, at least as good
 * (an earlier completion never makes objectives 0-3 worse, money is the
 * same), so the best assignment is the optimum of model.md. Its money is
 * Σ a(j) over the gaps it completes.
 *
 * --progress FILE --from YEAR searches the re-plan of YEAR..horizon
 * (docs/model.md, "Re-planning"): the progress file is read with the
 * project's reader (parsing and its checks), and the re-plan's dataset is
 * made here (replan_here), apart from src/model/replan.c: gaps met by
 * assessment or whose past completion's lead years are over are met;
 * gaps completed in the past are free with the lead years left (pending);
 * gaps paid in part cost the rest; carry-over sources bring what the past
 * years left. The search below then runs on it unchanged, with each gap's
 * lead years (dataset_gap_lead).
 *
 * The search is a depth-first enumeration with two safe prunings:
 *   - bound: every objective 0-3 is monotone in each completion year
 *     (earlier is never worse), so completing every undecided gap in year
 *     1, with the money decided so far, bounds every objective of every
 *     completion of a partial assignment from the good side; a partial
 *     assignment whose bound is not strictly better than the best found
 *     is dropped;
 *   - budget: a partial assignment that money cannot pay stays unpayable
 *     when more gaps are completed; and a later τ only adds arcs, so once
 *     year y is affordable for a gap, every later year is.
 * --no-prune turns both off, to test them: every complete assignment is
 * evaluated, and checked by a max-flow when it would beat the best.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "levels.h"
#include "progress.h"

#define DEFAULT_MAX_ASSIGNMENTS 5000000.0
/* Max flow must cover the cost of the completed gaps within this. */
#define FLOW_TOLERANCE 1e-6
/* Money of two plans closer than this is the same money (stage 4). */
#define MONEY_TOLERANCE 1e-6
/* Residual capacity at or below this is no capacity (doubles). */
#define CAPACITY_EPSILON 1e-9
/* avg_criteria target: ceil(v |C| - 1e-9), as model.md says. */
#define CEIL_EPSILON 1e-9

/* An open gap whose completion year the search chooses. */
struct choice {
	size_t commune;
	int criterion;
	double cost;    /* a(c,k) > 0 */
	int latest;     /* last useful completion year: n - L(k) >= 1 */
};

/* The five objectives of model.md, stages 0-4. */
struct objectives {
	long long level[ORACLE_LEVELS_MAX]; /* minimised, first level first */
	long communes;        /* maximised: communes at standard at the horizon */
	long standard_years;  /* maximised: Σ_t communes at standard at end of t */
	long criteria;        /* maximised: criteria met at the horizon */
	double money;         /* minimised */
};

struct search {
	const struct dataset *ds;
	int n;                   /* planning years */
	size_t nlevels;
	int level_priority[ORACLE_LEVELS_MAX];
	long long *weight;       /* per target (levels.h) */
	size_t *level_of;        /* per target: index of its level */

	struct choice *choices;
	size_t nchoices;
	/* Completion year of every (commune, criterion), row-major like
	 * ds->gaps: 1..n, 0 never; -1 met at the baseline. An undecided
	 * choice holds 1, the optimistic value the bound needs. */
	int *completion;
	int *year;               /* per choice: decided year, 0 never */

	/* Scratch for evaluate(). */
	int *criteria_after;     /* per commune: criteria met at the horizon */
	int *standard_year;      /* per commune: 0..n, n+1 when never */

	/* Max-flow network, adjacency matrix of residual capacities. */
	size_t nnodes;
	double *capacity;
	size_t *parent;
	size_t *queue;
	double unbounded;        /* more than all the money there is */

	int prune;               /* 0: --no-prune, to check the prunings */

	int have_best;
	struct objectives best;
	int *best_year;

	/* --statuses: over every optimal plan of stages 0-1. */
	unsigned char *in_some;  /* per commune: at standard in one */
	unsigned char *out_some; /* per commune: not at standard in one */
	unsigned char *unfunded_some; /* per commune: given no money in one */
	unsigned long optimal_plans;

	unsigned long nodes;     /* partial assignments visited */
	unsigned long flows;     /* max-flow computations */
	unsigned long improvements;
};

static void *xcalloc_or_die(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) {
		fprintf(stderr, "bruteforce: out of memory\n");
		exit(1);
	}
	return p;
}

/* Whether objectives a are strictly better than b, lexicographically. */
static int better(const struct objectives *a, const struct objectives *b)
{
	for (size_t l = 0; l < ORACLE_LEVELS_MAX; l++)
		if (a->level[l] != b->level[l])
			return a->level[l] < b->level[l];
	if (a->communes != b->communes)
		return a->communes > b->communes;
	if (a->standard_years != b->standard_years)
		return a->standard_years > b->standard_years;
	if (a->criteria != b->criteria)
		return a->criteria > b->criteria;
	return a->money < b->money - MONEY_TOLERANCE;
}

static long positive_part(double x)
{
	return x > 0 ? (long)llround(x) : 0;
}

/* Objectives of the plan whose completion years are s->completion and
 * whose money is `money` (model.md, "What follows from a plan", "Targets"
 * and "Objectives"). */
static void evaluate(struct search *s, double money, struct objectives *o)
{
	const struct dataset *ds = s->ds;
	int n = s->n;
	int never = n + 1;
	int meeting[NTM_CRITERIA] = {0};  /* communes meeting k at the horizon */

	memset(o, 0, sizeof(*o));
	o->money = money;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		int latest_met = 0;
		int count = 0;
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			int tau = s->completion[c * NTM_CRITERIA + (size_t)(k - 1)];
			int met_from;
			if (tau < 0)
				met_from = 0;
			else if (tau == 0)
				met_from = never;
			else
				met_from = tau + dataset_gap_lead(ds, c, k);
			if (met_from <= n) {
				count++;
				meeting[k - 1]++;
			} else {
				met_from = never;
			}
			if (met_from > latest_met)
				latest_met = met_from;
		}
		s->criteria_after[c] = count;
		s->standard_year[c] = latest_met;
		o->criteria += count;
		if (latest_met <= n) {
			o->communes++;
			/* At standard at the end of years max(1, latest)..n. */
			o->standard_years += n - (latest_met > 1 ? latest_met : 1) + 1;
		}
	}

	for (size_t i = 0; i < ds->ntargets; i++) {
		const struct target *t = &ds->targets[i];
		long short_by = 0;
		switch (t->kind) {
		case TARGET_COMMUNES_STANDARD:
			short_by = positive_part(t->value - (double)o->communes);
			break;
		case TARGET_CRITERION_COMMUNES:
			short_by = positive_part(t->value - meeting[t->subject_index - 1]);
			break;
		case TARGET_MIN_CRITERIA:
			for (size_t c = 0; c < ds->ncommunes; c++)
				short_by += positive_part(t->value - s->criteria_after[c]);
			break;
		case TARGET_AVG_CRITERIA: {
			double need = ceil(t->value * (double)ds->ncommunes -
					   CEIL_EPSILON);
			short_by = positive_part(need - (double)o->criteria);
			break;
		}
		case TARGET_DISTRICT_STANDARD:
			for (size_t c = 0; c < ds->ncommunes; c++)
				if (ds->communes[c].district == t->subject_index &&
				    s->standard_year[c] > n)
					short_by++;
			break;
		case TARGET_REQUIRE_COMMUNE:
			short_by = s->standard_year[t->subject_index] > n;
			break;
		case TARGET_EXCLUDE_COMMUNE:   /* a rule on money, never relaxed */
		case TARGET_KIND_COUNT:
			continue;
		}
		o->level[s->level_of[i]] += s->weight[i] * short_by;
	}
}

/* Node numbers of the flow network. */
enum { NODE_SOURCE = 0, NODE_SINK = 1, NODE_FIRST = 2 };

static size_t node_source_year(const struct search *s, size_t src, int year)
{
	return NODE_FIRST + src * (size_t)s->n + (size_t)(year - 1);
}

static size_t node_gap(const struct search *s, size_t choice)
{
	return NODE_FIRST + s->ds->nsources * (size_t)s->n + choice;
}

static double *arc(struct search *s, size_t from, size_t to)
{
	return &s->capacity[from * s->nnodes + to];
}

/* Edmonds-Karp on the residual matrix; stops once `enough` flows. */
static double max_flow(struct search *s, double enough)
{
	size_t v = s->nnodes;
	double flow = 0.0;

	while (flow < enough - FLOW_TOLERANCE) {
		for (size_t i = 0; i < v; i++)
			s->parent[i] = v;
		s->parent[NODE_SOURCE] = NODE_SOURCE;
		size_t head = 0, tail = 0;
		s->queue[tail++] = NODE_SOURCE;
		while (head < tail && s->parent[NODE_SINK] == v) {
			size_t from = s->queue[head++];
			for (size_t to = 0; to < v; to++) {
				if (s->parent[to] == v &&
				    *arc(s, from, to) > CAPACITY_EPSILON) {
					s->parent[to] = from;
					s->queue[tail++] = to;
				}
			}
		}
		if (s->parent[NODE_SINK] == v)
			break;
		double push = s->unbounded;
		for (size_t to = NODE_SINK; to != NODE_SOURCE; to = s->parent[to]) {
			double r = *arc(s, s->parent[to], to);
			if (r < push)
				push = r;
		}
		for (size_t to = NODE_SINK; to != NODE_SOURCE; to = s->parent[to]) {
			*arc(s, s->parent[to], to) -= push;
			*arc(s, to, s->parent[to]) += push;
		}
		flow += push;
	}
	return flow;
}

/* Whether money can pay for choices 0..decided-1 with the years decided. */
static int affordable(struct search *s, size_t decided)
{
	const struct dataset *ds = s->ds;
	int n = s->n;
	double demand = 0.0;

	memset(s->capacity, 0, s->nnodes * s->nnodes * sizeof(*s->capacity));
	for (size_t src = 0; src < ds->nsources; src++) {
		for (int t = 1; t <= n; t++) {
			size_t node = node_source_year(s, src, t);
			*arc(s, NODE_SOURCE, node) = dataset_budget(ds, t - 1, src);
			if (ds->sources[src].carry_over && t < n)
				*arc(s, node, node_source_year(s, src, t + 1)) =
					s->unbounded;
		}
	}
	for (size_t j = 0; j < decided; j++) {
		const struct choice *ch = &s->choices[j];
		if (s->year[j] == 0)
			continue;
		demand += ch->cost;
		*arc(s, node_gap(s, j), NODE_SINK) = ch->cost;
		for (size_t src = 0; src < ds->nsources; src++) {
			if (!(ds->sources[src].criteria & CRITERION_BIT(ch->criterion)))
				continue;
			for (int t = 1; t <= s->year[j]; t++)
				*arc(s, node_source_year(s, src, t), node_gap(s, j)) =
					s->unbounded;
		}
	}
	if (demand <= 0.0)
		return 1;
	s->flows++;
	return max_flow(s, demand) >= demand - FLOW_TOLERANCE;
}

static size_t completion_index(const struct choice *ch)
{
	return ch->commune * NTM_CRITERIA + (size_t)(ch->criterion - 1);
}

/* Depth-first search over the years of choices `depth`.. (see the top). */
static void search_from(struct search *s, size_t depth, double money)
{
	struct objectives bound;

	s->nodes++;
	evaluate(s, money, &bound);
	if (s->have_best && (s->prune || depth == s->nchoices) &&
	    !better(&bound, &s->best))
		return;
	if (depth == s->nchoices) {
		/* Without pruning, affordability is only checked here. */
		if (!s->prune && !affordable(s, depth))
			return;
		/* Nothing undecided: the bound is the plan's value. */
		s->best = bound;
		s->have_best = 1;
		memcpy(s->best_year, s->year, s->nchoices * sizeof(*s->year));
		s->improvements++;
		return;
	}

	const struct choice *ch = &s->choices[depth];
	int *tau = &s->completion[completion_index(ch)];
	int paid_for = 0;  /* an earlier year was affordable, so this one is */
	for (int y = 1; y <= ch->latest; y++) {
		s->year[depth] = y;
		*tau = y;
		if (!paid_for && s->prune)
			paid_for = affordable(s, depth + 1);
		if (paid_for || !s->prune)
			search_from(s, depth + 1, money + ch->cost);
	}
	s->year[depth] = 0;
	*tau = 0;
	search_from(s, depth + 1, money);
	*tau = 1;  /* undecided again: optimistic */
}

/* Whether the stage 0-1 part of a is strictly worse than that of b. */
static int levels_worse(const struct objectives *a, const struct objectives *b)
{
	for (size_t l = 0; l < ORACLE_LEVELS_MAX; l++)
		if (a->level[l] != b->level[l])
			return a->level[l] > b->level[l];
	return a->communes < b->communes;
}

/* --statuses: every affordable assignment whose stages 0-1 equal the
 * best's, with the same bound and budget prunings as search_from(). */
static void collect_from(struct search *s, size_t depth, double money)
{
	struct objectives bound;

	evaluate(s, money, &bound);
	if (levels_worse(&bound, &s->best))
		return;
	if (depth == s->nchoices) {
		const struct dataset *ds = s->ds;
		s->optimal_plans++;
		for (size_t c = 0; c < ds->ncommunes; c++) {
			int funded = 0;
			for (size_t j = 0; j < s->nchoices; j++)
				if (s->choices[j].commune == c && s->year[j])
					funded = 1;
			if (s->standard_year[c] <= s->n)
				s->in_some[c] = 1;
			else
				s->out_some[c] = 1;
			if (!funded)
				s->unfunded_some[c] = 1;
		}
		return;
	}
	const struct choice *ch = &s->choices[depth];
	int *tau = &s->completion[completion_index(ch)];
	int paid_for = 0;
	for (int y = 1; y <= ch->latest; y++) {
		s->year[depth] = y;
		*tau = y;
		if (!paid_for)
			paid_for = affordable(s, depth + 1);
		if (paid_for)
			collect_from(s, depth + 1, money + ch->cost);
	}
	s->year[depth] = 0;
	*tau = 0;
	collect_from(s, depth + 1, money);
	*tau = 1;
}

/* Fills s from the dataset: fixed completions and the choices. */
static void setup(struct search *s, const struct dataset *ds)
{
	size_t ngaps = ds->ncommunes * NTM_CRITERIA;
	criteria_mask fundable_by_some = 0;
	double money = 0.0;

	memset(s, 0, sizeof(*s));
	s->ds = ds;
	s->n = ds->nyears;
	s->nlevels = oracle_levels(ds, s->level_priority);
	s->weight = xcalloc_or_die(ds->ntargets, sizeof(*s->weight));
	s->level_of = xcalloc_or_die(ds->ntargets, sizeof(*s->level_of));
	for (size_t i = 0; i < ds->ntargets; i++) {
		if (ds->targets[i].kind == TARGET_EXCLUDE_COMMUNE)
			continue;
		s->weight[i] = oracle_weight(ds, i);
		while (s->level_priority[s->level_of[i]] != oracle_priority(&ds->targets[i]))
			s->level_of[i]++;
	}
	s->completion = xcalloc_or_die(ngaps, sizeof(*s->completion));
	s->choices = xcalloc_or_die(ngaps, sizeof(*s->choices));
	s->criteria_after = xcalloc_or_die(ds->ncommunes, sizeof(int));
	s->standard_year = xcalloc_or_die(ds->ncommunes, sizeof(int));

	for (size_t src = 0; src < ds->nsources; src++) {
		fundable_by_some |= ds->sources[src].criteria;
		for (int t = 0; t < s->n; t++)
			money += dataset_budget(ds, t, src);
	}

	for (size_t c = 0; c < ds->ncommunes; c++) {
		int excluded = dataset_commune_excluded(ds, c);
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			double cost = dataset_gap_cost(ds, c, k);
			int latest = s->n - dataset_gap_lead(ds, c, k);
			if (g->met) {
				s->completion[i] = -1;
			} else if (!g->fundable) {
				s->completion[i] = 0;
			} else if (cost <= 0.0) {
				s->completion[i] = 1;
			} else if (excluded || latest < 1 ||
				   !(fundable_by_some & CRITERION_BIT(k))) {
				s->completion[i] = 0;
			} else {
				struct choice *ch = &s->choices[s->nchoices++];
				ch->commune = c;
				ch->criterion = k;
				ch->cost = cost;
				ch->latest = latest;
				s->completion[i] = 1;  /* undecided */
				money += cost;
			}
		}
	}
	s->year = xcalloc_or_die(s->nchoices, sizeof(*s->year));
	s->in_some = xcalloc_or_die(ds->ncommunes, 1);
	s->out_some = xcalloc_or_die(ds->ncommunes, 1);
	s->unfunded_some = xcalloc_or_die(ds->ncommunes, 1);
	s->best_year = xcalloc_or_die(s->nchoices, sizeof(*s->best_year));

	s->nnodes = NODE_FIRST + ds->nsources * (size_t)s->n + s->nchoices;
	s->capacity = xcalloc_or_die(s->nnodes * s->nnodes, sizeof(double));
	s->parent = xcalloc_or_die(s->nnodes, sizeof(size_t));
	s->queue = xcalloc_or_die(s->nnodes, sizeof(size_t));
	s->unbounded = 2.0 * money + 1.0;
}

static void release(struct search *s)
{
	free(s->completion);
	free(s->choices);
	free(s->criteria_after);
	free(s->standard_year);
	free(s->year);
	free(s->best_year);
	free(s->in_some);
	free(s->out_some);
	free(s->unfunded_some);
	free(s->capacity);
	free(s->parent);
	free(s->queue);
	free(s->weight);
	free(s->level_of);
}

/* Writes the money of the best assignment (see --allocation at the top). */
static int write_allocation(struct search *s, const char *path)
{
	const struct dataset *ds = s->ds;
	FILE *out = fopen(path, "w");
	if (!out) {
		fprintf(stderr, "bruteforce: %s: %s\n", path, strerror(errno));
		return -1;
	}
	memcpy(s->year, s->best_year, s->nchoices * sizeof(*s->year));
	if (!affordable(s, s->nchoices)) {
		/* Cannot happen: the best assignment passed this very check. */
		fprintf(stderr, "bruteforce: internal error: the optimum is not affordable\n");
		fclose(out);
		return -1;
	}
	fprintf(out, "year,source,commune_id,criterion,amount\n");
	for (int t = 1; t <= s->n; t++) {
		for (size_t src = 0; src < ds->nsources; src++) {
			for (size_t j = 0; j < s->nchoices; j++) {
				/* The flow on (s,t) -> gap j is the residual
				 * capacity of its reverse arc, which started
				 * at 0. */
				double amount = *arc(s, node_gap(s, j),
						     node_source_year(s, src, t));
				if (s->year[j] == 0 || amount <= CAPACITY_EPSILON)
					continue;
				fprintf(out, "%d,%s,%s,%d,%.4f\n", ds->first_year + t - 1,
					ds->sources[src].name,
					ds->communes[s->choices[j].commune].id,
					s->choices[j].criterion, amount);
			}
		}
	}
	if (fclose(out)) {
		fprintf(stderr, "bruteforce: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: bruteforce [--max-assignments N] [--no-prune] "
		"[--allocation FILE] [--progress FILE --from YEAR] [--statuses] DATASET\n");
	return 1;
}

/* A completion in the past: money reaching the cost within this (model.md). */
#define PAID_IN_FULL 0.01

/* The re-plan's dataset from the progress (see the top of this file).
 * Returns 0, or -1 when out of memory. */
static int replan_here(struct dataset *ds, const struct progress *pg)
{
	const int past = pg->from - ds->first_year;
	const size_t ns = ds->nsources;
	for (size_t c = 0; c < ds->ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			size_t i = c * NTM_CRITERIA + (size_t)(k - 1);
			struct gap *g = &ds->gaps[i];
			if (g->met)
				continue;
			double cost = dataset_gap_cost(ds, c, k), paid = 0.0;
			int done = pg->done_year[i];
			for (int year = ds->first_year; year < pg->from; year++) {
				for (size_t p = 0; p < pg->npayments; p++)
					if (pg->payments[p].commune == c && pg->payments[p].criterion == k &&
					    pg->payments[p].year == year)
						paid += pg->payments[p].amount;
				if (!done && g->fundable && paid >= cost - PAID_IN_FULL)
					done = year;
			}
			int lead = ds->criteria[k - 1].lead_years;
			if (pg->assessed[i] || (done && done + lead < pg->from)) {
				g->met = 1;
				g->quantity = 0.0;
			} else if (done) {
				g->pending = 1;
				g->fundable = 1;
				g->pending_lead = done + lead - pg->from;
			} else {
				g->paid = paid;
			}
		}
	}
	double *budget = calloc((size_t)(ds->nyears - past) * ns + 1, sizeof(*budget));
	if (!budget)
		return -1;
	for (size_t src = 0; src < ns; src++) {
		double left = 0.0;
		for (int t = 0; t < past; t++)
			left += dataset_budget(ds, t, src);
		for (size_t p = 0; p < pg->npayments; p++)
			if (pg->payments[p].source == src)
				left -= pg->payments[p].amount;
		for (int t = past; t < ds->nyears; t++)
			budget[(size_t)(t - past) * ns + src] = dataset_budget(ds, t, src);
		if (ds->sources[src].carry_over && left > 0.0)
			budget[src] += left;
	}
	free(ds->budget);
	ds->budget = budget;
	ds->nyears -= past;
	ds->first_year = pg->from;
	return 0;
}

int main(int argc, char **argv)
{
	double max_assignments = DEFAULT_MAX_ASSIGNMENTS;
	const char *dir = NULL;
	const char *allocation = NULL;
	int prune = 1, from = 0, statuses = 0;
	const char *progress_file = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--max-assignments") && i + 1 < argc) {
			char *end;
			errno = 0;
			max_assignments = strtod(argv[++i], &end);
			if (errno || *end || end == argv[i] || !(max_assignments > 0))
				return usage();
		} else if (!strcmp(argv[i], "--allocation") && i + 1 < argc) {
			allocation = argv[++i];
		} else if (!strcmp(argv[i], "--statuses")) {
			statuses = 1;
		} else if (!strcmp(argv[i], "--no-prune")) {
			prune = 0;
		} else if (!strcmp(argv[i], "--progress") && i + 1 < argc) {
			progress_file = argv[++i];
		} else if (!strcmp(argv[i], "--from") && i + 1 < argc) {
			from = atoi(argv[++i]);
		} else if (argv[i][0] == '-' || dir) {
			return usage();
		} else {
			dir = argv[i];
		}
	}
	if (!dir || !progress_file != !from)
		return usage();

	lang_set(LANG_EN);
	struct dataset ds;
	struct diag_list diags;
	dataset_init(&ds);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	enum load_status st = dataset_load(&ds, dir, &diags);
	for (size_t i = 0; i < diags.nr; i++)
		diag_print(stderr, &diags.items[i]);
	diag_list_release(&diags);
	if (st != LOAD_OK) {
		fprintf(stderr, "bruteforce: cannot load dataset %s\n", dir);
		dataset_release(&ds);
		return 1;
	}
	if (progress_file) {
		struct progress pg;
		struct diag_list warnings;
		progress_init(&pg);
		diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
		diag_list_init(&warnings, DIAG_DEFAULT_LIMIT);
		int bad = progress_load(&pg, &ds, from, "--from", progress_file, &diags, &warnings) != PROGRESS_OK;
		for (size_t i = 0; i < diags.nr; i++)
			diag_print(stderr, &diags.items[i]);
		bad = bad || replan_here(&ds, &pg);
		diag_list_release(&diags);
		diag_list_release(&warnings);
		progress_release(&pg);
		if (bad) {
			fprintf(stderr, "bruteforce: cannot re-plan from %s\n", progress_file);
			dataset_release(&ds);
			return 1;
		}
	}

	struct search s;
	setup(&s, &ds);
	s.prune = prune;

	/* Assignments before pruning: the product of the choices' options. */
	double assignments = 1.0;
	for (size_t j = 0; j < s.nchoices; j++)
		assignments *= (double)(s.choices[j].latest + 1);
	if (assignments > max_assignments) {
		printf("bruteforce: too large: %zu open fundable gaps over %d years "
		       "give %.0f assignments, more than %.0f\n",
		       s.nchoices, s.n, assignments, max_assignments);
		release(&s);
		dataset_release(&ds);
		return 2;
	}

	clock_t start = clock();
	search_from(&s, 0, 0.0);
	double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;

	/* The plan that completes nothing is always admissible, so there is
	 * always a best assignment. */
	printf("objectives: ");
	for (size_t l = 0; l < s.nlevels; l++)
		printf("%s%lld", l ? "," : "", s.best.level[l]);
	printf("%s %ld %ld %ld %.2f\n", s.nlevels ? "" : "-",
	       s.best.communes, s.best.standard_years, s.best.criteria,
	       s.best.money);
	for (size_t j = 0; j < s.nchoices; j++) {
		const struct choice *ch = &s.choices[j];
		if (!s.best_year[j])
			continue;
		int lead = dataset_gap_lead(&ds, ch->commune, ch->criterion);
		printf("complete %s criterion %d by %d (cost %.2f, met %d)\n",
		       ds.communes[ch->commune].id, ch->criterion,
		       ds.first_year + s.best_year[j] - 1, ch->cost,
		       ds.first_year + s.best_year[j] - 1 + lead);
	}
	fprintf(stderr, "bruteforce: %zu choices, %.0f assignments, %lu nodes, "
		"%lu max-flows, %lu improvements, %.3f s\n",
		s.nchoices, assignments, s.nodes, s.flows, s.improvements, seconds);

	if (statuses) {
		collect_from(&s, 0, 0.0);
		for (size_t c = 0; c < ds.ncommunes; c++) {
			const char *st;
			if (dataset_criteria_met(&ds, c) == NTM_CRITERIA)
				st = "baseline";
			else if (!s.in_some[c])
				st = "out";
			else if (s.unfunded_some[c])
				st = "contested";
			else
				st = s.out_some[c] ? "mixed" : "sure";
			printf("status %s %s\n", ds.communes[c].id, st);
		}
		fprintf(stderr, "bruteforce: %lu optimal plans of stages 0-1\n", s.optimal_plans);
	}

	int status = 0;
	if (allocation && write_allocation(&s, allocation))
		status = 1;
	release(&s);
	dataset_release(&ds);
	return status;
}
