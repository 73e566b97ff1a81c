#ifndef NTM_CLI_H
#define NTM_CLI_H
/*
 * cli: the command layer, the only code that prints to the terminal or
 * exits. One file per command (check.c, plan.c, sweep.c, compare.c), each
 * with its own option table read by one shared loop (options.c); the help
 * texts (help.c); the exit codes and the line that sums up each status of
 * the pipeline (status.c: one table); the watchdog (watchdog.c). The work
 * itself is src/app's: a command parses its options, calls the pipeline,
 * prints the report, and returns cli_finish()'s exit code.
 */
#include <getopt.h>
#include <stddef.h>

#include "app.h"
#include "diag.h"
#include "outfile.h"
#include "pdf.h"
#include "scenario.h"

#define PROGRAM "ntmplan"

/* Exit codes, as in BSD sysexits.h; documented in docs/usage.md and --help. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_TARGETS = 3,   /* --strict: the targets cannot all be met */
	EXIT_USAGE = 64,    /* the command line is wrong */
	EXIT_DATAERR = 65,  /* the input data has errors */
	EXIT_NOINPUT = 66,  /* an input file or folder is missing */
	EXIT_SOFTWARE = 70, /* out of memory or an internal error */
	EXIT_IOERR = 74,    /* an output could not be written */
	EXIT_WATCHDOG = 75, /* the solver ran far past its time limit (EX_TEMPFAIL) */
};

/* ---- status.c: messages and exit codes ---- */

/* "ntmplan: MESSAGE" and the hint to --help on stderr; returns EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int usage_error(const char *fmt, ...);

/* Each diagnostic on stderr as "ntmplan: file:line:col: message", then how
 * many more were not kept. */
void print_diags(const struct diag_list *diags);

/* Flushes stdout; a failed write (a full disk, a closed pipe) is reported
 * and turns `code` into EXIT_IOERR. */
int finish_output(int code);

/* Prints the diagnostics and the line that sums up `status` (about `run`,
 * which may be NULL when the status needs no names), and returns the
 * status's exit code from the one table of them. */
int cli_finish(enum app_status status, const struct app_run *run, const struct diag_list *diags);

/* The same after a command that printed its report on stdout when the
 * status is APP_OK or APP_TARGETS_UNMET (report_rc: the printer's return,
 * 0 or -1; ignored otherwise): a failed report or flush is EXIT_IOERR. */
int cli_finish_report(enum app_status status, int report_rc, const struct app_run *run,
		      const struct diag_list *diags);

/* ---- watchdog.c ---- */

/* The hooks every solve runs between: the watchdog armed for the solve's
 * time limit (plus a grace), disarmed after. */
struct app_hooks cli_solve_hooks(void);

/* ---- options.c: the option tables and their one loop ---- */

enum { OPT_LANG = 1000, OPT_MAX_ERRORS, OPT_HELP, OPT_OUT,
       OPT_WRITE_LP, OPT_WRITE_MPS, OPT_STRICT, OPT_TIMING, OPT_NO_PRICES, OPT_SCENARIO,
       OPT_FROM, OPT_TO, OPT_POINTS, OPT_SOURCE, OPT_CSV, OPT_SVG,
       OPT_PDF, OPT_DATE, OPT_METHOD, OPT_AGAINST, OPT_CSV_FORMAT,
       OPT_ALL, OPT_COUNT, OPT_VARIANT, OPT_EXPLAIN,
       /* the changes of a scenario: OPT_CHANGE + enum scenario_option */
       OPT_CHANGE = 1100 };

/* The option groups the commands' tables are made of. */
#define COMMON_OPTIONS \
	{"lang", required_argument, NULL, OPT_LANG}, \
	{"max-errors", required_argument, NULL, OPT_MAX_ERRORS}, \
	{"help", no_argument, NULL, OPT_HELP}
/* The solver's limits, changes like the others (a scenario sets them too). */
#define LIMIT_OPTIONS \
	{"time-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_TIME_LIMIT}, \
	{"node-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_NODE_LIMIT}
/* The money stage's tolerance (plan and compare: the sweep solves stages
 * 0 and 1 only). */
#define MONEY_TOLERANCE_OPTION \
	{"money-tolerance", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_MONEY_TOLERANCE}
/* A scenario file and the changes to the dataset (check, plan, sweep). */
#define CHANGE_OPTIONS \
	{"scenario", required_argument, NULL, OPT_SCENARIO}, \
	{"budget-scale", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_BUDGET_SCALE}, \
	{"budget", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_BUDGET}, \
	{"unit-cost", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_UNIT_COST}, \
	{"cost-factor", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_COST_FACTOR}, \
	{"lead-years", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_LEAD_YEARS}, \
	{"target", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_TARGET}, \
	{"priority", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_PRIORITY}, \
	{"require", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_REQUIRE}, \
	{"exclude", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_EXCLUDE}, \
	{"horizon", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_HORIZON}
#define END_OPTIONS {NULL, 0, NULL, 0}

/* A command's options: its table, its help, and what its own options do. */
struct command_options {
	const char *name;              /* in messages: "plan: unknown option" */
	const struct option *table;    /* COMMON_OPTIONS, its own, END_OPTIONS */
	void (*help)(void);
	/* One of its own options (not common, not a change): returns 0, or
	 * -1 after printing a usage error. NULL when it has none. */
	int (*own)(int opt, const char *arg, void *ctx);
	int one_argument;              /* at most one argument after the options */
};

/* What the shared options set. */
struct parsed_options {
	size_t max_errors;             /* --max-errors */
	struct scenario *changes;      /* --scenario's file and the changes go */
	const char **scenario_file;    /* here (both may be NULL: none taken) */
};

/*
 * Reads argv (argv[0] is the command) with the command's table: --lang,
 * --max-errors, --help, --scenario and the changes here, the command's own
 * options through c->own (with ctx). Returns -1 when the command goes on,
 * its arguments from argv[optind]; otherwise the exit code to return now
 * (0 after --help, EXIT_USAGE after printing what is wrong).
 */
int parse_options(int argc, char **argv, const struct command_options *c,
		  struct parsed_options *parsed, void *ctx);

/* The date of a PDF (--date, else SOURCE_DATE_EPOCH, else today); prints
 * a usage error and returns -1 when it is not a date. */
int choose_pdf_date(char date[PDF_DATE_SIZE], const char *given);

/* --csv-format (plan, sweep): the form of the CSV files written
 * (outfile.h). Returns 0, or -1 after printing a usage error. */
int csv_format_option(const char *arg, enum csv_format *out);

/* ---- help.c ---- */

struct command;
/* `ntmplan --help`, listing the n commands. */
void print_help(const struct command *commands, size_t n);
void print_check_help(void);
void print_plan_help(void);
void print_compare_help(void);
void print_sweep_help(void);
void print_explain_help(void);
void print_next_help(void);

/* ---- the commands (main.c lists them) ---- */

/* Prepares the run (app_prepare, its status in *status) on its dataset or
 * scenario: the argument at argv[optind], or none when --scenario names
 * it, or else the default dataset (datadir.h), and prints the progress
 * file's warnings. Returns -1, or EXIT_NOINPUT after saying that there is
 * no default dataset. */
int prepare_run(int argc, char **argv, struct app_run *run, struct diag_list *diags,
		enum app_status *status);

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary_en;
	const char *summary_vi;
};

int cmd_check(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_next(int argc, char **argv);

/* --method's value into *method; returns 0, or -1 after a usage error. */
int method_option(const char *arg, enum solve_method *method);

/* The change options of `plan` in one --variant string ("--require TGI07
 * --budget central=-20%": words separated by spaces) added to `sc`.
 * Returns 0, or -1 after printing what is wrong, naming the variant. */
int variant_changes(const char *variant, struct scenario *sc);

#endif
