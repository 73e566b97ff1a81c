#ifndef NTM_SCENARIO_H
#define NTM_SCENARIO_H
/*
 * scenario: "what if" runs. A scenario is a base dataset and a list of
 * changes to it (overrides), from scenario files (INI, read with libinih;
 * docs/scenarios.md) and from command-line options.
 *
 * The life of a scenario:
 *
 *   1. scenario_add_option() for each change given on the command line
 *      (checked for form at once: a bad value is a usage error);
 *   2. scenario_read() on a scenario file, or scenario_set_dataset() on a
 *      plain dataset folder. A file names its dataset folder (`dataset`,
 *      relative to the file's own folder) or a scenario it extends
 *      (`extends`); the chain is followed to its base, cycles are refused;
 *   3. the caller loads the dataset folder (loader.h);
 *   4. scenario_apply() changes the loaded dataset: every override in turn,
 *      in the order of precedence, each on the result of those before it:
 *      the base of an `extends` chain first, then each file that extends
 *      it, then the command line. Names (sources, criteria, districts,
 *      communes, years) are checked against the dataset here, so a changed
 *      dataset is as valid as a loaded one;
 *   5. scenario_provenance() lists what the result was made from (the
 *      files with their SHA-256 and every override, provenance.h).
 *
 * This module and the loader are the only ones that change a dataset, and
 * only before anything reads it.
 *
 * Every problem is reported in the caller's diag_list: in a file as
 * "FILE:LINE: message"; from the command line as "--option 'VALUE': message".
 *
 * Ownership: the scenario owns all its strings. scenario_init() allocates
 * nothing; scenario_release() frees and re-initialises.
 */
#include <stddef.h>

#include "dataset.h"
#include "diag.h"
#include "provenance.h"

/* What an override changes. */
enum override_kind {
	OVERRIDE_BUDGET,      /* [budget]: amounts per year and source */
	OVERRIDE_UNIT_COST,   /* [unit_costs]: unit cost per criterion */
	OVERRIDE_COST_FACTOR, /* [cost_factors]: cost factor per district or commune */
	OVERRIDE_LEAD_YEARS,  /* [lead_years]: lead years per criterion */
	OVERRIDE_TARGET,      /* [targets]: a target set, added or removed */
	OVERRIDE_PRIORITY,    /* [priorities]: the priority of targets */
	OVERRIDE_HORIZON,     /* [plan] horizon: later budget years dropped */
	OVERRIDE_TIME_LIMIT,  /* [plan] time_limit: solver seconds */
	OVERRIDE_NODE_LIMIT,  /* [plan] node_limit: branch-and-bound nodes per stage */
	OVERRIDE_MONEY_TOLERANCE, /* [plan] money_tolerance: percent within which
			       * the money stage counts as proven */
	OVERRIDE_PROGRESS_FROM, /* [progress] from: re-plan from this year (year) */
	OVERRIDE_PROGRESS_FILE, /* [progress] file: the progress file (name) */
};

/* A change to a number: set it, multiply it ("x0.8", "+15%"), or, for
 * budget amounts only, add to it ("+10000", "-5000" million VND). */
enum change_op { CHANGE_SET, CHANGE_SCALE, CHANGE_ADD };

struct change {
	enum change_op op;
	double value;
};

/* What an override does to a target. */
enum target_action {
	TARGET_SET,     /* set the value (the target is added if absent) */
	TARGET_ADD,     /* add a target that takes no value (no-op if present) */
	TARGET_REMOVE,  /* remove the target (an error if absent) */
};

struct override {
	enum override_kind kind;
	char *file;           /* scenario file, or NULL: the command line */
	long line;            /* line in the file, 0 on the command line */
	char *text;           /* as written: "[budget] central = x0.8", "--budget central=x0.8" */

	int year;             /* budget: the year, 0 for every year; horizon: the year */
	char *name;           /* budget: source (NULL: every source); progress file:
			       * its path (relative to the scenario file's folder
			       * when it comes from one); cost factor:
			       * district or commune id; target: subject (NULL: none),
			       * or the list of commune ids of `require`/`exclude` */
	criteria_mask criteria; /* unit cost, lead years: the criteria changed */
	enum target_kind target; /* priority: TARGET_KIND_COUNT for every target */
	enum target_action action;
	struct change change; /* budget, unit cost, cost factor */
	double value;         /* lead years, target value, priority, seconds */
};

/* A scenario file read, with the SHA-256 of the bytes parsed. */
struct scenario_file {
	char *path;
	char sha256[SHA256_HEX_SIZE];
};

struct scenario {
	char *name;       /* the scenario's name; NULL when no file was read */
	char *file;       /* the file given to scenario_read(), or NULL */
	char *dataset;    /* the dataset folder; NULL until read or set */
	struct scenario_file *files; /* every file read, the base first */
	size_t nfiles, files_alloc;
	struct override *overrides;  /* in the order they are applied */
	size_t noverrides, overrides_alloc;
	size_t nfile_overrides;      /* the first ones come from files */
};

enum scenario_status {
	SCENARIO_OK = 0,
	SCENARIO_MISSING = 1,    /* a scenario file cannot be read */
	SCENARIO_INVALID = 2,    /* a scenario file has errors */
	SCENARIO_BAD_OPTION = 3, /* a command-line change is wrong */
	SCENARIO_NOMEM = 4,
};

/* The command-line options that change the dataset, as main.c names them. */
enum scenario_option {
	SCENARIO_OPT_BUDGET_SCALE, /* --budget-scale F */
	SCENARIO_OPT_BUDGET,       /* --budget [YEAR:]SOURCE=CHANGE, YEAR=CHANGE */
	SCENARIO_OPT_UNIT_COST,    /* --unit-cost CRITERIA=CHANGE */
	SCENARIO_OPT_COST_FACTOR,  /* --cost-factor PLACE=CHANGE */
	SCENARIO_OPT_LEAD_YEARS,   /* --lead-years CRITERIA=N */
	SCENARIO_OPT_TARGET,       /* --target KIND[:SUBJECT]=VALUE */
	SCENARIO_OPT_PRIORITY,     /* --priority KIND[:SUBJECT]=N, all=N */
	SCENARIO_OPT_REQUIRE,      /* --require ID */
	SCENARIO_OPT_EXCLUDE,      /* --exclude ID */
	SCENARIO_OPT_HORIZON,      /* --horizon YEAR */
	SCENARIO_OPT_TIME_LIMIT,   /* --time-limit SEC */
	SCENARIO_OPT_NODE_LIMIT,   /* --node-limit N */
	SCENARIO_OPT_MONEY_TOLERANCE, /* --money-tolerance PCT */
	SCENARIO_OPT_FROM,         /* --from YEAR (plan: re-plan from YEAR) */
	SCENARIO_OPT_PROGRESS,     /* --progress FILE (plan: what was done) */
	SCENARIO_OPT_COUNT
};

void scenario_init(struct scenario *sc);
void scenario_release(struct scenario *sc);

/* Adds a change given on the command line, after every change added so
 * far. Returns 0, or -1 with a diagnostic naming the option when the value
 * is not well formed (SCENARIO_BAD_OPTION) or memory ran out. */
int scenario_add_option(struct scenario *sc, enum scenario_option opt,
			const char *value, struct diag_list *diags);

/* Reads the scenario file `path` and the chain it extends. Its overrides
 * go before those of the command line. Returns SCENARIO_OK, or the first
 * problem met (each is in diags): SCENARIO_MISSING when a file cannot be
 * read, SCENARIO_INVALID when a file has errors. */
enum scenario_status scenario_read(struct scenario *sc, const char *path,
				   struct diag_list *diags);

/* Uses a dataset folder as is, with no scenario file. Returns 0 or -1
 * (out of memory). */
int scenario_set_dataset(struct scenario *sc, const char *dir);

/* Applies every override to `ds`, loaded from sc->dataset. Returns
 * SCENARIO_OK, SCENARIO_INVALID when an override of a file is wrong for
 * this dataset, SCENARIO_BAD_OPTION when only overrides of the command
 * line are, or SCENARIO_NOMEM. Every wrong override is reported. */
enum scenario_status scenario_apply(const struct scenario *sc, struct dataset *ds,
				    struct diag_list *diags);

/* The solver's time limit set by the overrides (the last one wins), or
 * `fallback` when none sets it. */
double scenario_time_limit(const struct scenario *sc, double fallback);

/* The solver's node limit per stage set by the overrides (the last one
 * wins), or `fallback` when none sets it. */
long scenario_node_limit(const struct scenario *sc, long fallback);

/* The money stage's tolerance, percent, set by the overrides (the last one
 * wins), or `fallback` when none sets it. */
double scenario_money_tolerance(const struct scenario *sc, double fallback);
/* The re-plan the overrides ask for ([progress] from and file, --from,
 * --progress; the last of each wins): sets *from (0 when none) and *file
 * (NULL when none), and *where to the override that gave `from`, for
 * messages (NULL when none). */
void scenario_progress(const struct scenario *sc, int *from, const char **file,
		       const struct override **where);

/* Appends the provenance of a run on this scenario: the program, the
 * scenario, the dataset (ds, loaded and changed), every file read with its
 * SHA-256 (scenario files as read, the seven data files read again now),
 * then every override. Returns 0, or -1 with a diagnostic when a data file
 * cannot be read or memory runs out. */
int scenario_provenance(const struct scenario *sc, const struct dataset *ds,
			struct provenance *prov, struct diag_list *diags);

#endif
