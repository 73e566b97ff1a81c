#ifndef NTM_APP_H
#define NTM_APP_H
/*
 * app: the pipeline the commands share, as a library. It prepares a run
 * (reads the scenario or takes the dataset folder, loads the dataset,
 * applies every change, lists the provenance), plans it, sweeps its
 * budget or compares several runs, and writes the files asked for. It
 * prints nothing and never exits: each call returns an `enum app_status`
 * and appends what went wrong to the caller's `struct diag_list`; the
 * command layer (src/cli) prints the diagnostics, a line that sums up the
 * status (app_run keeps what that line names) and maps the status to an
 * exit code, in one table.
 *
 * What the caller still does, because it is about the terminal: parsing
 * the command line, printing reports to standard output, and the
 * watchdog, which the app calls around each solve (struct app_hooks).
 *
 * Ownership: an app_run owns its scenario, dataset, provenance and plan.
 * app_run_init() allocates nothing; app_run_release() frees everything.
 * Option structs only point to strings the caller keeps alive.
 */
#include <stddef.h>

#include "changes.h"
#include "compare.h"
#include "dataset.h"
#include "diag.h"
#include "outfile.h"
#include "plan.h"
#include "progress.h"
#include "provenance.h"
#include "replan.h"
#include "rules.h"
#include "scenario.h"
#include "solve.h"
#include "sweep.h"

/* Solver seconds for a whole plan (`plan`, each scenario of `compare`)
 * when neither the command line nor the scenario sets time_limit. An
 * integer literal, so that the help text can print it. */
#define APP_DEFAULT_TIME_LIMIT 60

enum app_status {
	APP_OK = 0,
	APP_USAGE,            /* the command line is wrong (diags say how) */
	APP_SCENARIO_MISSING, /* a scenario file cannot be read */
	APP_SCENARIO_INVALID, /* a scenario file has errors (run->errors of them) */
	APP_DATASET_MISSING,  /* a file of the dataset folder is missing */
	APP_DATASET_NO_FOLDER, /* the dataset folder is missing (diags name it) */
	APP_DATASET_INVALID,  /* the dataset has errors (run->errors of them) */
	APP_CHANGES_INVALID,  /* a scenario file's changes do not fit the dataset */
	APP_INPUT_MISSING,    /* a file read cannot be read again for its SHA-256,
			       * or a progress file or --against folder is missing */
	APP_PROGRESS_INVALID, /* the progress file has errors (run->errors of them) */
	APP_AGAINST_INVALID,  /* the original plan's folder (--against) has errors */
	APP_NOMEM,            /* out of memory */
	APP_FAILED,           /* the solver or a step after it failed (diags) */
	APP_WRITE_FAILED,     /* an output file could not be written (diags) */
	APP_TARGETS_UNMET,    /* plan --strict: everything was done, but the
			       * targets cannot all be met */
	APP_STATUS_COUNT
};

/* Around each solve that has a time limit, and as a run progresses; every
 * member may be NULL. */
struct app_hooks {
	/* Before and after a solve of at most `seconds` (0: no limit). */
	void (*solve_begin)(double seconds, void *arg);
	void (*solve_end)(void *arg);
	/* plan: the plan is solved (and priced: `pricing` seconds, 0 when not)
	 * and its CSV files are written. */
	void (*planned)(const struct plan *p, double pricing, void *arg);
	/* sweep: every point is solved, in `seconds` of wall time. */
	void (*swept)(const struct sweep *sw, double seconds, void *arg);
	void *arg;
};

/* A re-plan (--from and --progress, or a scenario's [progress]): the
 * progress read, the state it gives, and the plan made at the start. */
struct app_replan {
	int from;                  /* the first year re-planned; 0: no re-plan */
	const char *file;          /* the progress file */
	const char *against;       /* --against DIR (set by the caller), or
				    * NULL: the original plan is computed again */
	struct dataset orig_ds;    /* the dataset before replan_apply() */
	struct progress pg;
	struct replan rp;
	struct original orig;
};

/* One run: what it works on, and what it made. */
struct app_run {
	struct scenario sc;        /* the command line's changes go here first */
	const char *scenario_file; /* --scenario FILE, or NULL */
	struct app_replan replan;
	struct diag_list warnings; /* the progress file's (budget overruns), to
				    * show even when the run goes on */
	struct dataset ds;         /* loaded and changed */
	struct provenance prov;
	struct plan plan;          /* app_plan's, or each run's in a comparison */
	/* What a failed app_prepare is about, for the line that sums it up: */
	const char *file;          /* the scenario file read, or NULL */
	size_t errors;             /* the errors of the step that failed */
};

void app_run_init(struct app_run *run);
void app_run_release(struct app_run *run);

/*
 * Prepares a run on `arg` (a dataset folder, or a scenario file: a path
 * that is not a folder, or ends in ".ini"), or on run->scenario_file (the
 * command picks a default dataset when it has neither): reads the scenario, loads the dataset,
 * applies the scenario's changes and then the command line's
 * (run->sc), lists the provenance, and, for a re-plan, reads the
 * progress file (its warnings into run->warnings) and the --against
 * folder and makes run->ds the re-plan's dataset. Returns APP_OK, or the
 * first problem met with its diagnostics: APP_USAGE (both an argument and
 * --scenario, or neither, a command-line change that does not fit the
 * dataset, --from without --progress or the reverse, --against without
 * them), APP_SCENARIO_*, APP_DATASET_* (APP_DATASET_NO_FOLDER: the
 * folder itself is missing), APP_CHANGES_INVALID,
 * APP_INPUT_MISSING, APP_PROGRESS_INVALID, APP_AGAINST_INVALID, APP_NOMEM,
 * APP_FAILED.
 */
enum app_status app_prepare(struct app_run *run, const char *arg, struct diag_list *diags);

/* What a re-plan changed, for the reports (changes.h): fills *view and
 * returns it, or NULL when the run is not a re-plan. */
const struct replan_view *app_replan_view(const struct app_run *run, struct replan_view *view);

/* The time and node limits and the money tolerance of a prepared run:
 * the scenario's (the command line's changes included), else
 * APP_DEFAULT_TIME_LIMIT, SOLVE_DEFAULT_NODE_LIMIT and
 * SOLVE_DEFAULT_MONEY_TOLERANCE. */
void app_solve_limits(const struct app_run *run, struct solve_options *so);

struct app_plan_options {
	enum solve_method method;
	const struct solve_params *params; /* the solver's, or NULL: its defaults */
	const char *lp_file, *mps_file; /* the model to export, or NULL */
	const char *out_dir;            /* the CSV files' folder (created), or NULL */
	enum csv_format csv_format;     /* their form (default CSV_FORMAT_EXCEL_VI) */
	const char *pdf_file;           /* the printable proposal, or NULL */
	const char *date;               /* the PDF's date (pdf_date), with pdf_file */
	int strict;                     /* APP_TARGETS_UNMET when short of a target */
	int no_prices;                  /* do not price the targets (solve_prices) */
	int explain;                    /* the PDF gets explain --all's page and
					 * counts (explain.h), from runs made on
					 * the plan solved */
};

void app_plan_options_init(struct app_plan_options *o);

/* Creates the output folder `dir` when missing; 0, or -1 with errno
 * (ENOTDIR when it is a file). */
int app_ensure_folder(const char *dir);

/*
 * Plans a prepared run: exports the model when asked, solves it within
 * the run's limits into run->plan, writes the CSV files, plans each rule
 * of thumb into rule_plans[RULE_COUNT] (initialised by the caller), for a
 * re-plan solves the original plan again (unless --against gave it), and
 * writes the PDF. Returns APP_OK, APP_TARGETS_UNMET (o->strict, and
 * everything done), APP_WRITE_FAILED, or APP_FAILED.
 */
enum app_status app_plan(struct app_run *run, const struct app_plan_options *o,
			 const struct app_hooks *hooks, struct plan rule_plans[RULE_COUNT],
			 struct diag_list *diags);

struct app_sweep_options {
	struct sweep_options sweep;  /* from, to, points, on_point, solve.params;
				      * the limits are set from the run */
	const char *source;          /* the one source varied (its id or display
				      * name, dataset_match_source), or NULL */
	const char *csv_file, *svg_file; /* or NULL */
	enum csv_format csv_format;  /* the CSV's form (default CSV_FORMAT_EXCEL_VI) */
};

void app_sweep_options_init(struct app_sweep_options *o);

/*
 * Sweeps the budget of a prepared run into `sw` (sweep.h), within the
 * run's limits per point (time: SWEEP_DEFAULT_TIME_LIMIT unless set),
 * and writes the CSV and the SVG chart. Returns APP_OK, APP_USAGE (no
 * such source or more than one, or options the dataset refuses),
 * APP_NOMEM, APP_FAILED or APP_WRITE_FAILED.
 */
enum app_status app_sweep(struct app_run *run, const struct app_sweep_options *o,
			  const struct app_hooks *hooks, struct sweep *sw,
			  struct diag_list *diags);

/* Several runs planned side by side (`compare`). */
struct app_compare {
	struct app_run *runs;
	struct compare_entry *entries; /* entries[i] names runs[i]'s plan */
	char **labels;
	size_t n;
	size_t failed;                 /* the run a failed status is about */
};

void app_compare_init(struct app_compare *cmp);
void app_compare_release(struct app_compare *cmp);

struct app_compare_options {
	const struct scenario *limits;  /* the command line's time and node
					 * limits, which win over each
					 * scenario's own (not NULL) */
	const char *pdf_file, *date;    /* the PDF and its date, or NULL */
	const struct solve_params *params; /* the solver's, or NULL */
	/* compare --variant: from run `first_variant` on, run i gets the
	 * changes of variant i - first_variant (added to its scenario by
	 * `changes` before it is prepared; 0, or -1: APP_USAGE) and is
	 * labelled by labels[i - first_variant]. NULL: no variants. */
	int (*changes)(size_t variant, struct scenario *sc, void *arg);
	void *changes_arg;
	const char *const *labels;
	size_t first_variant;
};

/*
 * Prepares and plans each of the n runs named by args[i] (as app_prepare
 * takes them) within its limits, and labels each entry "NAME (ARG)" or
 * "ARG"; then writes the PDF when asked. On failure cmp->failed is the run
 * it is about. Returns APP_OK or the first problem met.
 */
enum app_status app_compare(struct app_compare *cmp, char *const *args, size_t n,
			    const struct app_compare_options *o,
			    const struct app_hooks *hooks, struct diag_list *diags);

#endif
