/*
 * plancheck: the independent checker of a plan written by
 * `ntmplan plan DATASET --out DIR`.
 *
 *     plancheck DATASET DIR
 *
 * It shares no planning code with the planner: it reads the dataset with
 * the project's loader and the plan's four CSV files with the project's
 * CSV reader (input parsing only), then recomputes everything from the
 * money in DIR/allocation.csv alone, by the definitions of docs/model.md,
 * and compares with what the planner wrote. Every problem is printed on
 * standard output as one line
 *
 *     violation: FILE:LINE: what is wrong       (FILE:LINE when there is one)
 *
 * then `objectives: SHORTFALL COMMUNES_STANDARD STANDARD_YEARS CRITERIA_MET
 * MONEY` as recomputed, then `plancheck: OK` or `plancheck: N violations`.
 * Exit status: 0 no violation, 1 some violation, 2 the input cannot be read
 * (the dataset does not load, a plan file is missing or not valid CSV, a
 * required column is missing, out of memory); messages for 2 go to stderr.
 *
 * What is checked
 *
 *  1. allocation.csv, row by row: the year is a planning year, the source,
 *     commune and criterion (1-19) exist, the amount is a number > 0; the
 *     gap is open (met = 0) and fundable, the source may fund the criterion,
 *     the commune is not excluded; no (year, source, commune, criterion)
 *     appears twice.
 *  2. No open gap receives more than its cost + 0.01.
 *  3. Budgets, + 0.01: a source without carry-over spends at most its budget
 *     in every year; a source with carry-over spends by the end of every
 *     year at most its budgets up to that year.
 *  4. communes.csv lists every commune once, with the dataset's name and
 *     district, criteria_before = criteria met at the baseline,
 *     criteria_after = criteria met at the end of the horizon, and
 *     standard_year = the calendar year the commune is first at standard
 *     (the baseline year when it is at the baseline), empty when it is not
 *     at standard at the horizon.
 *  5. targets.csv has one row per row of the dataset's targets.csv, in the
 *     same order, repeating its target, subject and value, with achieved and
 *     shortfall as recomputed (see "How values are compared").
 *  6. objectives.csv has one row for each stage 0-4 with the objective's
 *     name and its recomputed value. The bound and status columns must be
 *     present but are not checked: docs/model.md does not define them.
 *
 * How the plan's consequences are computed (docs/model.md)
 *
 *  - Every allocation row whose year, source, commune and criterion are
 *    known and whose amount is a number counts in the sums (budgets, gap
 *    totals, completion, money, whether a commune received money), even a
 *    row that breaks a rule of 1: the other files are checked against what
 *    allocation.csv says, and the broken rule is reported once, on its row.
 *  - Completion year of open gap (c, k) of cost a = gap x unit cost x cost
 *    factor: the first planning year t whose money up to t is >= a - 0.01.
 *    A fundable gap of cost 0 thus completes in year 1. A gap that is not
 *    fundable never completes, whatever it is paid (paying it is already a
 *    violation of rule 1).
 *  - Criterion k is met at the end of year t when met at the baseline or
 *    its completion year tau satisfies tau + lead_years(k) <= t. A commune
 *    is at standard when it meets all 19; objective 2 counts, for each year
 *    t = 1..n, the communes at standard at its end.
 *
 * How values are compared
 *
 *  - Counts (criteria, communes, years, shortfalls, objectives 0-3) must
 *    equal the recomputed whole number within 1e-6; they may be written
 *    with decimals ("3.0").
 *  - targets.csv achieved: criterion_communes: communes meeting the
 *    criterion at the horizon; communes_standard: communes at standard;
 *    min_criteria: the lowest criteria met by a commune; avg_criteria: the
 *    average criteria met per commune, accepted within 0.005 of the exact
 *    average, so written exactly or rounded to 2 decimals;
 *    district_standard: communes of the district at standard;
 *    require_commune: 1 when the commune is at standard, else 0;
 *    exclude_commune: 1 when no allocation row with a positive amount names
 *    the commune, else 0.
 *  - targets.csv shortfall, per the table of docs/model.md:
 *    communes_standard max(0, v - at standard); criterion_communes
 *    max(0, v - meeting); min_criteria sum over communes of max(0, v - met);
 *    avg_criteria max(0, ceil(v |C| - 1e-9) - total met) (the 1e-9 of the
 *    "holds when" column on both sides, so a target that holds has
 *    shortfall 0 even when v |C| is a whole number computed a hair high);
 *    district_standard communes of the district not at standard;
 *    require_commune 1 when not at standard; exclude_commune always 0 (it
 *    is never relaxed; money to the commune is a violation of rule 1).
 *  - target, subject and value are compared with the dataset's row: the
 *    target name exactly, a criterion subject as a number, other subjects
 *    as text (both NFC), a value as a number within 1e-6; a target that
 *    takes no value must have an empty value.
 *  - Objective 0 (shortfall) is the sum of the shortfalls of every target
 *    except communes_standard, which docs/model.md says is only reported.
 *  - Money (objective 4 and the objectives line): the sum of the amounts,
 *    compared within 0.05.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "levels.h"
#include "planout.h"
#include "progress.h"
#include "xalloc.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_VIOLATIONS = 1,
	EXIT_UNREADABLE = 2,
};

/* docs/model.md: money is compared within 0.01 million VND (gap costs,
 * budgets, completion), the money objective within 0.05 (it sums many
 * rounded amounts). */
#define MONEY_TOLERANCE 0.01
#define OBJECTIVE_MONEY_TOLERANCE 0.05
/* A count written as a decimal number is still a count. */
#define COUNT_TOLERANCE 1e-6
/* An average may be written rounded to 2 decimals. */
#define AVERAGE_TOLERANCE (0.005 + 1e-9)
/* docs/model.md's guard against v * |C| computed a hair above a whole number. */
#define CEIL_EPSILON 1e-9

#define NSTAGES 5
static const char *const objective_names[NSTAGES] = {
	"shortfall", "communes_standard", "standard_years", "criteria_met", "money",
};

/* The four files `ntmplan plan` writes, and the columns read from each. */
enum plan_file {
	FILE_ALLOCATION,
	FILE_COMMUNES,
	FILE_TARGETS,
	FILE_OBJECTIVES,
	NFILES
};

#define MAX_COLUMNS 6
static const char *const file_names[NFILES] = {
	"allocation.csv", "communes.csv", "targets.csv", "objectives.csv",
};
static const char *const file_columns[NFILES][MAX_COLUMNS + 1] = {
	{"year", "source", "commune_id", "criterion", "amount", NULL},
	{"commune_id", "commune", "district", "criteria_before",
	 "criteria_after", "standard_year", NULL},
	{"target", "subject", "value", "achieved", "shortfall", NULL},
	{"stage", "objective", "value", "bound", "status", NULL},
};

/* Column indices, in the order of file_columns. */
enum { A_YEAR, A_SOURCE, A_COMMUNE, A_CRITERION, A_AMOUNT };
enum { C_ID, C_NAME, C_DISTRICT, C_BEFORE, C_AFTER, C_STANDARD_YEAR };
enum { T_TARGET, T_SUBJECT, T_VALUE, T_ACHIEVED, T_SHORTFALL };
enum { O_STAGE, O_OBJECTIVE, O_VALUE };

struct plan_table {
	struct csv_table table;
	long col[MAX_COLUMNS];
};

struct checker {
	const struct dataset *ds;
	size_t violations;
};

/* What allocation.csv says, summed. Year indices are 0-based here. */
struct money {
	double *paid;           /* commune x criterion x year: paid towards gap */
	double *spent;          /* year x source */
	unsigned char *funded;  /* per commune: named by a row with amount > 0 */
	long *first_line;       /* year x source x commune x criterion: line of
				 * the first row with this key, 0 when none */
	double total;
};

/* What follows from the money. Year indices here are 1-based planning
 * years (0 the baseline), as in docs/model.md. */
struct outcome {
	int *met_from;        /* commune x criterion: first year at whose end it
			       * is met; nyears + 1 when not by the horizon */
	int *criteria_before; /* per commune */
	int *criteria_after;  /* per commune, at the horizon */
	int *standard_year;   /* per commune: 0..nyears, or -1 when none */
	int standard_count;   /* communes at standard at the horizon */
	int standard_years;   /* objective 2 */
	int criteria_total;   /* objective 3 */
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void violation(struct checker *ck, enum plan_file file, long line,
		      const char *fmt, ...)
{
	va_list ap;
	if (line > 0)
		printf("violation: %s:%ld: ", file_names[file], line);
	else
		printf("violation: %s: ", file_names[file]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	ck->violations++;
}

static void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->nr; i++) {
		fputs("plancheck: ", stderr);
		diag_print(stderr, &diags->items[i]);
	}
	if (diags->dropped)
		fprintf(stderr, "plancheck: ... and %zu more errors\n",
			diags->dropped);
}

/* Reads DIR/FILE and finds its columns. Returns 0, or -1 after saying on
 * stderr why the file cannot be used. */
static int read_plan_file(struct plan_table *pt, const char *dir,
			  enum plan_file file)
{
	struct diag_list diags;
	char *path = strfmt("%s/%s", dir, file_names[file]);
	int ok = 0;

	memset(pt, 0, sizeof(*pt));
	if (!path) {
		fprintf(stderr, "plancheck: out of memory\n");
		return -1;
	}
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	switch (csv_table_read(&pt->table, path, path, &diags)) {
	case CSVREAD_OK:
		ok = 1;
		break;
	case CSVREAD_MISSING:
		if (!diag_count(&diags))
			fprintf(stderr, "plancheck: %s: no such file\n", path);
		break;
	case CSVREAD_INVALID:
		/* A plan file the project's reader refuses is not a plan
		 * to check row by row. */
		break;
	case CSVREAD_NOMEM:
		fprintf(stderr, "plancheck: out of memory\n");
		break;
	}
	print_diags(&diags);
	diag_list_release(&diags);
	for (size_t i = 0; ok && file_columns[file][i]; i++) {
		/* Headers are English, or Vietnamese in the Excel forms written
		 * in Vietnamese (--csv-format, docs/usage.md). */
		const char *vi = planout_header_vi(file_names[file], file_columns[file][i]);
		pt->col[i] = csv_table_column(&pt->table, file_columns[file][i]);
		if (pt->col[i] < 0 && vi)
			pt->col[i] = csv_table_column(&pt->table, vi);
		if (pt->col[i] < 0) {
			fprintf(stderr, "plancheck: %s: missing column '%s'\n",
				path, file_columns[file][i]);
			ok = 0;
		}
	}
	free(path);
	return ok ? 0 : -1;
}

static const char *cell(const struct plan_table *pt, const struct csv_row *row,
			int column)
{
	return row->fields[pt->col[column]];
}

static const char *column_name(const struct plan_table *pt, int column)
{
	return pt->table.header[pt->col[column]];
}

/* Reads a whole number; reports a violation and returns -1 when it is not. */
static int read_integer(struct checker *ck, enum plan_file file,
			const struct plan_table *pt, const struct csv_row *row,
			int column, long *out)
{
	const char *why = "";
	const char *text = cell(pt, row, column);
	if (csv_parse_integer(pt->table.dialect, text, out, &why)) {
		violation(ck, file, row->line,
			  "column '%s': '%s' is not a whole number (%s)",
			  column_name(pt, column), text, why);
		return -1;
	}
	return 0;
}

/* Reads a number; reports a violation and returns -1 when it is not. */
static int read_number(struct checker *ck, enum plan_file file,
		       const struct plan_table *pt, const struct csv_row *row,
		       int column, double *out)
{
	const char *why = "";
	const char *text = cell(pt, row, column);
	if (csv_parse_number(pt->table.dialect, text, out, &why)) {
		violation(ck, file, row->line,
			  "column '%s': '%s' is not a number (%s)",
			  column_name(pt, column), text, why);
		return -1;
	}
	return 0;
}

/* Cost of closing open gap (c, k), from its definition in docs/model.md
 * rather than dataset_gap_cost(), so that the two are computed apart. */
static double gap_cost(const struct dataset *ds, size_t c, int k)
{
	const struct gap *g = dataset_gap(ds, c, k);
	if (g->met)
		return 0.0;
	return g->quantity * ds->criteria[k - 1].unit_cost *
	       ds->communes[c].cost_factor;
}

static int commune_excluded(const struct dataset *ds, size_t c)
{
	for (size_t i = 0; i < ds->ntargets; i++)
		if (ds->targets[i].kind == TARGET_EXCLUDE_COMMUNE &&
		    ds->targets[i].subject_index == c)
			return 1;
	return 0;
}

static size_t gap_index(size_t c, int k)
{
	return c * NTM_CRITERIA + (size_t)(k - 1);
}

/*
 * A re-plan (plancheck DATASET DIR PROGRESS FROM): the progress file is
 * read with the project's reader (parsing and its checks only); what it
 * means is computed here, apart from replan.c. Its payments are money of
 * the past years, in the same sums as the plan's; the plan's years are
 * FROM..horizon, its baseline the end of FROM-1; a source with carry-over
 * brings into FROM what the past years left of its budgets. `past` is 0
 * for a plan of the whole dataset.
 */
static const struct progress *progress;
static int past;

/* The plan's years and its baseline year. */
static int plan_years(const struct dataset *ds)
{
	return ds->nyears - past;
}

static int baseline_year(const struct dataset *ds)
{
	return ds->first_year + past - 1;
}

/* The progress file's payments, added to the sums of the past years. */
static void add_progress(const struct dataset *ds, struct money *m)
{
	for (size_t i = 0; progress && i < progress->npayments; i++) {
		const struct progress_payment *pay = &progress->payments[i];
		size_t t = (size_t)(pay->year - ds->first_year);
		m->paid[gap_index(pay->commune, pay->criterion) * (size_t)ds->nyears + t] += pay->amount;
		m->spent[t * ds->nsources + pay->source] += pay->amount;
	}
}

static int money_init(struct money *m, const struct dataset *ds)
{
	size_t years = (size_t)ds->nyears;
	size_t gaps = ds->ncommunes * NTM_CRITERIA;

	memset(m, 0, sizeof(*m));
	m->paid = calloc(gaps * years + 1, sizeof(*m->paid));
	m->spent = calloc(years * ds->nsources + 1, sizeof(*m->spent));
	m->funded = calloc(ds->ncommunes + 1, sizeof(*m->funded));
	m->first_line = calloc(years * ds->nsources * gaps + 1,
			       sizeof(*m->first_line));
	return m->paid && m->spent && m->funded && m->first_line ? 0 : -1;
}

static void money_release(struct money *m)
{
	free(m->paid);
	free(m->spent);
	free(m->funded);
	free(m->first_line);
	memset(m, 0, sizeof(*m));
}

/* A column the checker reads when the file has it (allocation.csv's
 * names and quantity), by its English or Vietnamese header; -1. */
static long optional_column(const struct plan_table *pt, enum plan_file file,
			    const char *name)
{
	long col = csv_table_column(&pt->table, name);
	const char *vi = planout_header_vi(file_names[file], name);
	return col < 0 && vi ? csv_table_column(&pt->table, vi) : col;
}

/* allocation.csv's columns for people, when there: the commune's and
 * district's names, and the quantity of work, which is the amount over
 * unit cost x cost factor (both rounded to 0.001 in the file). */
static void check_allocation_names(struct checker *ck, const struct plan_table *pt,
				   const struct csv_row *row, size_t c, int k, double amount)
{
	const struct dataset *ds = ck->ds;
	long name = optional_column(pt, FILE_ALLOCATION, "commune");
	long district = optional_column(pt, FILE_ALLOCATION, "district");
	long quantity = optional_column(pt, FILE_ALLOCATION, "quantity");
	if (name >= 0 && strcmp(row->fields[name], ds->communes[c].name))
		violation(ck, FILE_ALLOCATION, row->line, "commune name '%s', the dataset says '%s'",
			  row->fields[name], ds->communes[c].name);
	if (district >= 0 && strcmp(row->fields[district], ds->districts[ds->communes[c].district]))
		violation(ck, FILE_ALLOCATION, row->line, "district '%s', the dataset says '%s'",
			  row->fields[district], ds->districts[ds->communes[c].district]);
	double per_unit = ds->criteria[k - 1].unit_cost * ds->communes[c].cost_factor, q;
	const char *why;
	if (quantity < 0 || per_unit <= 0)
		return;
	if (csv_parse_number(pt->table.dialect, row->fields[quantity], &q, &why))
		violation(ck, FILE_ALLOCATION, row->line, "quantity '%s': %s", row->fields[quantity], why);
	else if (fabs(q - amount / per_unit) > 0.0006 + 0.0006 / per_unit)
		violation(ck, FILE_ALLOCATION, row->line, "quantity %s, but amount / unit cost is %.4f",
			  row->fields[quantity], amount / per_unit);
}

/* Check 1, and the sums every later check works from. */
static void check_allocation(struct checker *ck, const struct plan_table *pt,
			     struct money *m)
{
	const struct dataset *ds = ck->ds;
	int horizon = dataset_horizon(ds);

	for (size_t r = 0; r < pt->table.nrows; r++) {
		const struct csv_row *row = &pt->table.rows[r];
		long line = row->line;
		long year, k;
		double amount;
		int known = 1, have_amount = 1;

		if (read_integer(ck, FILE_ALLOCATION, pt, row, A_YEAR, &year)) {
			known = 0;
		} else if (year < ds->first_year + past || year > horizon) {
			violation(ck, FILE_ALLOCATION, line,
				  "year %ld is not a planning year (%d-%d)",
				  year, ds->first_year + past, horizon);
			known = 0;
		}
		long s = dataset_find_source(ds, cell(pt, row, A_SOURCE));
		if (s < 0) {
			violation(ck, FILE_ALLOCATION, line, "unknown source '%s'",
				  cell(pt, row, A_SOURCE));
			known = 0;
		}
		long c = dataset_find_commune(ds, cell(pt, row, A_COMMUNE));
		if (c < 0) {
			violation(ck, FILE_ALLOCATION, line, "unknown commune '%s'",
				  cell(pt, row, A_COMMUNE));
			known = 0;
		}
		if (read_integer(ck, FILE_ALLOCATION, pt, row, A_CRITERION, &k)) {
			known = 0;
		} else if (k < 1 || k > NTM_CRITERIA) {
			violation(ck, FILE_ALLOCATION, line,
				  "criterion %ld is not 1-%d", k, NTM_CRITERIA);
			known = 0;
		}
		if (read_number(ck, FILE_ALLOCATION, pt, row, A_AMOUNT, &amount))
			have_amount = 0;
		else if (!(amount > 0))
			violation(ck, FILE_ALLOCATION, line,
				  "amount %s is not more than 0",
				  cell(pt, row, A_AMOUNT));
		if (!known)
			continue;

		/* Now every index is in range: the rules of admissibility. */
		if (have_amount)
			check_allocation_names(ck, pt, row, (size_t)c, (int)k, amount);
		const struct gap *g = dataset_gap(ds, (size_t)c, (int)k);
		const char *id = ds->communes[c].id;
		const char *source = ds->sources[s].name;
		if (g->met)
			violation(ck, FILE_ALLOCATION, line,
				  "commune %s meets criterion %ld at the baseline: there is no gap to fund",
				  id, k);
		else if (!g->fundable)
			violation(ck, FILE_ALLOCATION, line,
				  "gap of commune %s, criterion %ld is not fundable",
				  id, k);
		else if (progress && progress->assessed[gap_index((size_t)c, (int)k)])
			violation(ck, FILE_ALLOCATION, line,
				  "commune %s meets criterion %ld by assessment (progress file): there is no gap to fund",
				  id, k);
		if (!(ds->sources[s].criteria & CRITERION_BIT(k)))
			violation(ck, FILE_ALLOCATION, line,
				  "source %s may not fund criterion %ld", source, k);
		if (commune_excluded(ds, (size_t)c))
			violation(ck, FILE_ALLOCATION, line,
				  "commune %s is excluded (exclude_commune) but is funded",
				  id);

		size_t t = (size_t)(year - ds->first_year);
		size_t key = (t * ds->nsources + (size_t)s) *
			     ds->ncommunes * NTM_CRITERIA +
			     gap_index((size_t)c, (int)k);
		if (m->first_line[key])
			violation(ck, FILE_ALLOCATION, line,
				  "year %ld, source %s, commune %s, criterion %ld repeats line %ld",
				  year, source, id, k, m->first_line[key]);
		else
			m->first_line[key] = line;

		if (!have_amount)
			continue;
		m->paid[gap_index((size_t)c, (int)k) * (size_t)ds->nyears + t] += amount;
		m->spent[t * ds->nsources + (size_t)s] += amount;
		if (amount > 0)
			m->funded[c] = 1;
		m->total += amount;
	}
}

/* Checks 2 and 3. */
static void check_limits(struct checker *ck, const struct money *m)
{
	const struct dataset *ds = ck->ds;

	for (size_t c = 0; c < ds->ncommunes; c++) {
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			/* Money to a met gap is a rule-1 violation already. */
			if (dataset_gap(ds, c, k)->met)
				continue;
			double total = 0.0;
			for (int t = 0; t < ds->nyears; t++)
				total += m->paid[gap_index(c, k) * (size_t)ds->nyears + (size_t)t];
			double cost = gap_cost(ds, c, k);
			if (total > cost + MONEY_TOLERANCE)
				violation(ck, FILE_ALLOCATION, 0,
					  "gap of commune %s, criterion %d receives %.2f, more than its cost %.2f",
					  ds->communes[c].id, k, total, cost);
		}
	}
	for (size_t s = 0; s < ds->nsources; s++) {
		const struct source *src = &ds->sources[s];
		double spent = 0.0, budget = 0.0;
		for (int t = 0; t < ds->nyears; t++) {
			int year = ds->first_year + t;
			double spent_now = m->spent[(size_t)t * ds->nsources + s];
			double budget_now = dataset_budget(ds, t, s);
			if (t < past) {
				/* Past money is history: only what it left carries. */
				spent += spent_now;
				budget += budget_now;
				continue;
			}
			if (t == past && past) {
				budget = budget > spent ? budget - spent : 0.0;
				spent = 0.0;
			}
			if (!src->carry_over) {
				if (spent_now > budget_now + MONEY_TOLERANCE)
					violation(ck, FILE_ALLOCATION, 0,
						  "source %s spends %.2f in %d, more than its budget %.2f (no carry-over)",
						  src->name, spent_now, year, budget_now);
				continue;
			}
			spent += spent_now;
			budget += budget_now;
			if (spent > budget + MONEY_TOLERANCE)
				violation(ck, FILE_ALLOCATION, 0,
					  "source %s has spent %.2f by the end of %d, more than its budgets up to then %.2f (carry-over)",
					  src->name, spent, year, budget);
		}
	}
}

static int outcome_init(struct outcome *o, const struct dataset *ds)
{
	memset(o, 0, sizeof(*o));
	o->met_from = calloc(ds->ncommunes * NTM_CRITERIA + 1, sizeof(*o->met_from));
	o->criteria_before = calloc(ds->ncommunes + 1, sizeof(int));
	o->criteria_after = calloc(ds->ncommunes + 1, sizeof(int));
	o->standard_year = calloc(ds->ncommunes + 1, sizeof(int));
	return o->met_from && o->criteria_before && o->criteria_after &&
	       o->standard_year ? 0 : -1;
}

static void outcome_release(struct outcome *o)
{
	free(o->met_from);
	free(o->criteria_before);
	free(o->criteria_after);
	free(o->standard_year);
	memset(o, 0, sizeof(*o));
}

/* Completion years, met criteria and standard years from the money alone. */
static void compute_outcome(const struct dataset *ds, const struct money *m,
			    struct outcome *o)
{
	int all = ds->nyears;     /* the dataset's years, past ones included */
	int n = plan_years(ds);   /* the plan's */
	int never = n + 1;

	for (size_t c = 0; c < ds->ncommunes; c++) {
		int latest = 0;  /* year the last criterion becomes met */
		for (int k = 1; k <= NTM_CRITERIA; k++) {
			const struct gap *g = dataset_gap(ds, c, k);
			size_t i = gap_index(c, k);
			int met_from = never;
			/* Completion as a year of the dataset (1..all), then
			 * met from completion + lead, as a year of the plan. */
			int done = 0;
			if (g->met || (progress && progress->assessed[i])) {
				met_from = 0;
			} else if (progress && progress->done_year[i]) {
				done = progress->done_year[i] - ds->first_year + 1;
			} else if (g->fundable) {
				double cost = gap_cost(ds, c, k);
				double paid = 0.0;
				for (int t = 1; t <= all && !done; t++) {
					paid += m->paid[i * (size_t)all + (size_t)(t - 1)];
					if (paid >= cost - MONEY_TOLERANCE)
						done = t;
				}
			}
			if (done) {
				int at = done + ds->criteria[k - 1].lead_years - past;
				met_from = at > n ? never : at < 0 ? 0 : at;
			}
			if (met_from == 0)
				o->criteria_before[c]++;
			o->met_from[i] = met_from;
			if (met_from <= n)
				o->criteria_after[c]++;
			if (met_from > latest)
				latest = met_from;
		}
		o->criteria_total += o->criteria_after[c];
		if (latest <= n) {
			o->standard_year[c] = latest;
			o->standard_count++;
			/* At standard at the end of every year from `latest`;
			 * a commune at standard at the baseline counts in all n. */
			o->standard_years += n - (latest > 1 ? latest : 1) + 1;
		} else {
			o->standard_year[c] = -1;
		}
	}
}

static int target_takes_value(enum target_kind kind)
{
	return kind == TARGET_COMMUNES_STANDARD ||
	       kind == TARGET_CRITERION_COMMUNES ||
	       kind == TARGET_MIN_CRITERIA || kind == TARGET_AVG_CRITERIA;
}

/* Achieved and shortfall of one target at the horizon (docs/model.md). */
static void target_result(const struct dataset *ds, const struct money *m,
			  const struct outcome *o, const struct target *t,
			  double *achieved, long *shortfall)
{
	long value = lround(t->value);
	long count = 0;
	long lowest = NTM_CRITERIA;
	long missing = 0;

	*shortfall = 0;
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
		*achieved = o->standard_count;
		*shortfall = value > o->standard_count ? value - o->standard_count : 0;
		return;
	case TARGET_CRITERION_COMMUNES:
		for (size_t c = 0; c < ds->ncommunes; c++)
			count += o->met_from[gap_index(c, (int)t->subject_index)] <= plan_years(ds);
		*achieved = (double)count;
		*shortfall = value > count ? value - count : 0;
		return;
	case TARGET_MIN_CRITERIA:
		for (size_t c = 0; c < ds->ncommunes; c++) {
			if (o->criteria_after[c] < lowest)
				lowest = o->criteria_after[c];
			if (o->criteria_after[c] < value)
				missing += value - o->criteria_after[c];
		}
		*achieved = ds->ncommunes ? (double)lowest : 0.0;
		*shortfall = missing;
		return;
	case TARGET_AVG_CRITERIA: {
		double need = ceil(t->value * (double)ds->ncommunes - CEIL_EPSILON);
		*achieved = ds->ncommunes ?
			    (double)o->criteria_total / (double)ds->ncommunes : 0.0;
		if (need > o->criteria_total)
			*shortfall = lround(need) - o->criteria_total;
		return;
	}
	case TARGET_DISTRICT_STANDARD:
		for (size_t c = 0; c < ds->ncommunes; c++) {
			if (ds->communes[c].district != t->subject_index)
				continue;
			if (o->standard_year[c] >= 0)
				count++;
			else
				missing++;
		}
		*achieved = (double)count;
		*shortfall = missing;
		return;
	case TARGET_REQUIRE_COMMUNE:
		*achieved = o->standard_year[t->subject_index] >= 0;
		*shortfall = !(o->standard_year[t->subject_index] >= 0);
		return;
	case TARGET_EXCLUDE_COMMUNE:
		*achieved = !m->funded[t->subject_index];
		return;
	case TARGET_KIND_COUNT:
		break;
	}
	*achieved = 0.0;
}

/* Objectives 0-4 recomputed from the money (0: the plain total
 * shortfall), and each priority level's weighted shortfall (levels.h). */
static void compute_objectives(const struct dataset *ds, const struct money *m,
			       const struct outcome *o, double objective[NSTAGES],
			       long long level[ORACLE_LEVELS_MAX])
{
	long shortfall = 0;
	int prio[ORACLE_LEVELS_MAX];
	size_t nlevels = oracle_levels(ds, prio);
	memset(level, 0, ORACLE_LEVELS_MAX * sizeof(*level));
	for (size_t i = 0; i < ds->ntargets; i++) {
		double achieved;
		long missing;
		if (ds->targets[i].kind == TARGET_EXCLUDE_COMMUNE)
			continue;  /* never relaxed (docs/model.md) */
		target_result(ds, m, o, &ds->targets[i], &achieved, &missing);
		shortfall += missing;
		for (size_t l = 0; l < nlevels; l++)
			if (prio[l] == oracle_priority(&ds->targets[i]))
				level[l] += oracle_weight(ds, i) * missing;
	}
	objective[0] = (double)shortfall;
	objective[1] = o->standard_count;
	objective[2] = o->standard_years;
	objective[3] = o->criteria_total;
	objective[4] = m->total;
}

/* Check 4. Returns 0, or -1 when out of memory. */
static int check_communes(struct checker *ck, const struct plan_table *pt,
			  const struct outcome *o)
{
	const struct dataset *ds = ck->ds;
	long *listed = calloc(ds->ncommunes + 1, sizeof(*listed));

	if (!listed)
		return -1;
	for (size_t r = 0; r < pt->table.nrows; r++) {
		const struct csv_row *row = &pt->table.rows[r];
		long line = row->line;
		const char *id = cell(pt, row, C_ID);
		long c = dataset_find_commune(ds, id);
		long number;

		if (c < 0) {
			violation(ck, FILE_COMMUNES, line, "unknown commune '%s'", id);
			continue;
		}
		if (listed[c]) {
			violation(ck, FILE_COMMUNES, line,
				  "commune %s is listed again (first on line %ld)",
				  id, listed[c]);
			continue;
		}
		listed[c] = line;
		if (strcmp(cell(pt, row, C_NAME), ds->communes[c].name))
			violation(ck, FILE_COMMUNES, line,
				  "commune %s is named '%s', the dataset says '%s'",
				  id, cell(pt, row, C_NAME), ds->communes[c].name);
		const char *district = ds->districts[ds->communes[c].district];
		if (strcmp(cell(pt, row, C_DISTRICT), district))
			violation(ck, FILE_COMMUNES, line,
				  "commune %s is in district '%s', the dataset says '%s'",
				  id, cell(pt, row, C_DISTRICT), district);
		if (!read_integer(ck, FILE_COMMUNES, pt, row, C_BEFORE, &number) &&
		    number != o->criteria_before[c])
			violation(ck, FILE_COMMUNES, line,
				  "commune %s: criteria_before is %ld, the dataset gives %d",
				  id, number, o->criteria_before[c]);
		if (!read_integer(ck, FILE_COMMUNES, pt, row, C_AFTER, &number) &&
		    number != o->criteria_after[c])
			violation(ck, FILE_COMMUNES, line,
				  "commune %s: criteria_after is %ld, the allocation gives %d",
				  id, number, o->criteria_after[c]);

		/* Calendar years: the baseline is the year before the first. */
		int standard = o->standard_year[c];
		long want = standard >= 0 ? baseline_year(ds) + standard : 0;
		if (!*cell(pt, row, C_STANDARD_YEAR)) {
			if (standard >= 0)
				violation(ck, FILE_COMMUNES, line,
					  "commune %s: standard_year is empty, the allocation gives %ld",
					  id, want);
		} else if (!read_integer(ck, FILE_COMMUNES, pt, row,
					 C_STANDARD_YEAR, &number)) {
			if (standard < 0)
				violation(ck, FILE_COMMUNES, line,
					  "commune %s: standard_year is %ld, but the allocation does not bring it to the standard by %d",
					  id, number, dataset_horizon(ds));
			else if (number != want)
				violation(ck, FILE_COMMUNES, line,
					  "commune %s: standard_year is %ld, the allocation gives %ld",
					  id, number, want);
		}
	}
	for (size_t c = 0; c < ds->ncommunes; c++)
		if (!listed[c])
			violation(ck, FILE_COMMUNES, 0, "commune %s is not listed",
				  ds->communes[c].id);
	free(listed);
	return 0;
}

/* Whether the row's subject is the dataset target's subject. */
static int same_subject(const struct plan_table *pt, const struct csv_row *row,
			const struct target *t)
{
	const char *text = cell(pt, row, T_SUBJECT);
	if (t->kind == TARGET_CRITERION_COMMUNES) {
		long k;
		const char *why;
		return !csv_parse_integer(pt->table.dialect, text, &k, &why) &&
		       k == (long)t->subject_index;
	}
	return !strcmp(text, t->subject);
}

/* "criterion_communes 2", or "min_criteria" for a target with no subject. */
static const char *target_label(char *buf, size_t size, const struct target *t)
{
	snprintf(buf, size, "%s%s%s", target_kind_name(t->kind),
		 *t->subject ? " " : "", t->subject);
	return buf;
}

/* Check 5. */
static void check_targets(struct checker *ck, const struct plan_table *pt,
			  const struct money *m, const struct outcome *o)
{
	const struct dataset *ds = ck->ds;
	size_t rows = pt->table.nrows;

	if (rows != ds->ntargets)
		violation(ck, FILE_TARGETS, 0,
			  "%zu rows, but the dataset has %zu targets", rows,
			  ds->ntargets);
	for (size_t i = 0; i < rows && i < ds->ntargets; i++) {
		const struct csv_row *row = &pt->table.rows[i];
		const struct target *t = &ds->targets[i];
		const char *name = target_kind_name(t->kind);
		long line = row->line;
		double number, achieved;
		long shortfall;
		char label[256];

		target_label(label, sizeof(label), t);
		if (strcmp(cell(pt, row, T_TARGET), name) ||
		    !same_subject(pt, row, t)) {
			/* Comparing the figures of another target would
			 * only add noise. */
			violation(ck, FILE_TARGETS, line,
				  "row %zu is target '%s' subject '%s', but the dataset's target %zu is %s (its targets.csv line %ld)",
				  i + 1, cell(pt, row, T_TARGET),
				  cell(pt, row, T_SUBJECT), i + 1, label, t->line);
			continue;
		}
		const char *value = cell(pt, row, T_VALUE);
		if (!target_takes_value(t->kind)) {
			if (*value)
				violation(ck, FILE_TARGETS, line,
					  "target %s takes no value, found '%s'",
					  label, value);
		} else if (!read_number(ck, FILE_TARGETS, pt, row, T_VALUE, &number) &&
			   fabs(number - t->value) > COUNT_TOLERANCE) {
			violation(ck, FILE_TARGETS, line,
				  "target %s: value is %s, the dataset says %g",
				  label, value, t->value);
		}

		target_result(ds, m, o, t, &achieved, &shortfall);
		int average = t->kind == TARGET_AVG_CRITERIA;
		if (!read_number(ck, FILE_TARGETS, pt, row, T_ACHIEVED, &number) &&
		    fabs(number - achieved) > (average ? AVERAGE_TOLERANCE : COUNT_TOLERANCE))
			violation(ck, FILE_TARGETS, line,
				  "target %s: achieved is %s, the allocation gives %.*f",
				  label, cell(pt, row, T_ACHIEVED), average ? 4 : 0,
				  achieved);
		if (!read_number(ck, FILE_TARGETS, pt, row, T_SHORTFALL, &number) &&
		    fabs(number - (double)shortfall) > COUNT_TOLERANCE)
			violation(ck, FILE_TARGETS, line,
				  "target %s: shortfall is %s, the allocation gives %ld",
				  label, cell(pt, row, T_SHORTFALL), shortfall);
	}
}

/* Check 6. */
static void check_objectives(struct checker *ck, const struct plan_table *pt,
			     const double objective[NSTAGES])
{
	long seen[NSTAGES] = {0};

	for (size_t r = 0; r < pt->table.nrows; r++) {
		const struct csv_row *row = &pt->table.rows[r];
		long line = row->line;
		long stage;
		double value;

		if (read_integer(ck, FILE_OBJECTIVES, pt, row, O_STAGE, &stage))
			continue;
		if (stage < 0 || stage >= NSTAGES) {
			violation(ck, FILE_OBJECTIVES, line,
				  "stage %ld is not 0-%d", stage, NSTAGES - 1);
			continue;
		}
		if (seen[stage]) {
			violation(ck, FILE_OBJECTIVES, line,
				  "stage %ld is given again (first on line %ld)",
				  stage, seen[stage]);
			continue;
		}
		seen[stage] = line;
		if (strcmp(cell(pt, row, O_OBJECTIVE), objective_names[stage]))
			violation(ck, FILE_OBJECTIVES, line,
				  "stage %ld is named '%s', expected '%s'", stage,
				  cell(pt, row, O_OBJECTIVE), objective_names[stage]);
		if (read_number(ck, FILE_OBJECTIVES, pt, row, O_VALUE, &value))
			continue;
		double tolerance = stage == 4 ? OBJECTIVE_MONEY_TOLERANCE :
				   COUNT_TOLERANCE;
		if (fabs(value - objective[stage]) > tolerance) {
			if (stage == 4)
				violation(ck, FILE_OBJECTIVES, line,
					  "stage 4 (money): value is %s, the allocation gives %.2f",
					  cell(pt, row, O_VALUE), objective[stage]);
			else
				violation(ck, FILE_OBJECTIVES, line,
					  "stage %ld (%s): value is %s, the allocation gives %.0f",
					  stage, objective_names[stage],
					  cell(pt, row, O_VALUE), objective[stage]);
		}
	}
	for (int stage = 0; stage < NSTAGES; stage++)
		if (!seen[stage])
			violation(ck, FILE_OBJECTIVES, 0, "stage %d (%s) is missing",
				  stage, objective_names[stage]);
}

/* Loads the dataset; returns 0, or -1 after saying why on stderr. */
static int load_dataset(struct dataset *ds, const char *dir)
{
	struct diag_list diags;
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	enum load_status st = dataset_load(ds, dir, &diags);
	print_diags(&diags);
	diag_list_release(&diags);
	if (st == LOAD_OK)
		return 0;
	fprintf(stderr, "plancheck: cannot load dataset '%s'%s\n", dir,
		st == LOAD_NOMEM ? ": out of memory" :
		st == LOAD_MISSING ? ": a file is missing" : "");
	return -1;
}

int main(int argc, char **argv)
{
	struct dataset ds;
	struct plan_table files[NFILES];
	struct money money;
	struct outcome outcome;
	double objective[NSTAGES];
	struct checker ck = {0};
	int status = EXIT_UNREADABLE;
	int unreadable = 0;

	struct progress pg;
	progress_init(&pg);
	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: plancheck DATASET DIR [PROGRESS FROM]\n");
		return EXIT_UNREADABLE;
	}
	/* Messages of the loader and reader, like ours, in English. */
	lang_set(LANG_EN);
	dataset_init(&ds);
	memset(files, 0, sizeof(files));
	memset(&money, 0, sizeof(money));
	memset(&outcome, 0, sizeof(outcome));

	if (load_dataset(&ds, argv[1]))
		unreadable = 1;
	/* Every file is read before giving up, so one run names them all. */
	for (int f = 0; f < NFILES; f++)
		if (read_plan_file(&files[f], argv[2], (enum plan_file)f))
			unreadable = 1;
	if (!unreadable && argc == 5) {
		struct diag_list diags, warnings;
		diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
		diag_list_init(&warnings, DIAG_DEFAULT_LIMIT);
		if (progress_load(&pg, &ds, atoi(argv[4]), "FROM", argv[3], &diags, &warnings)) {
			print_diags(&diags);
			fprintf(stderr, "plancheck: cannot read the progress file '%s'\n", argv[3]);
			unreadable = 1;
		}
		diag_list_release(&diags);
		diag_list_release(&warnings);
		progress = &pg;
		past = pg.from - ds.first_year;
	}
	if (unreadable)
		goto cleanup;
	if (money_init(&money, &ds) || outcome_init(&outcome, &ds)) {
		fprintf(stderr, "plancheck: out of memory\n");
		goto cleanup;
	}

	ck.ds = &ds;
	check_allocation(&ck, &files[FILE_ALLOCATION], &money);
	add_progress(&ds, &money);
	check_limits(&ck, &money);
	compute_outcome(&ds, &money, &outcome);
	if (check_communes(&ck, &files[FILE_COMMUNES], &outcome)) {
		fprintf(stderr, "plancheck: out of memory\n");
		goto cleanup;
	}
	check_targets(&ck, &files[FILE_TARGETS], &money, &outcome);
	long long level[ORACLE_LEVELS_MAX];
	int prio[ORACLE_LEVELS_MAX];
	size_t nlevels = oracle_levels(&ds, prio);
	compute_objectives(&ds, &money, &outcome, objective, level);
	check_objectives(&ck, &files[FILE_OBJECTIVES], objective);

	/* The first field as bruteforce prints it: each level's weighted
	 * shortfall. */
	printf("objectives: ");
	for (size_t l = 0; l < nlevels; l++)
		printf("%s%lld", l ? "," : "", level[l]);
	printf("%s %.0f %.0f %.0f %.2f\n", nlevels ? "" : "-",
	       objective[1], objective[2], objective[3], objective[4]);
	if (ck.violations)
		/* "N violations" even for 1: scripts match one pattern. */
		printf("plancheck: %zu violations\n", ck.violations);
	else
		printf("plancheck: OK\n");
	status = ck.violations ? EXIT_VIOLATIONS : EXIT_CLEAN;

cleanup:
	outcome_release(&outcome);
	money_release(&money);
	for (int f = 0; f < NFILES; f++)
		csv_table_release(&files[f].table);
	dataset_release(&ds);
	progress_release(&pg);
	if (fflush(stdout) == EOF) {
		fprintf(stderr, "plancheck: cannot write the report\n");
		status = EXIT_UNREADABLE;
	}
	return status;
}
