/*
 * ntmplan: the command layer. It parses the command line, calls the core
 * library, prints what the core returns, and maps results to exit codes.
 * Nothing below this file prints to the terminal or exits.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "changes.h"
#include "compare.h"
#include "dataset.h"
#include "datadir.h"
#include "diag.h"
#include "lang.h"
#include "loader.h"
#include "outfile.h"
#include "pdf.h"
#include "planout.h"
#include "progress.h"
#include "provenance.h"
#include "replan.h"
#include "report.h"
#include "rules.h"
#include "scenario.h"
#include "solve.h"
#include "suggest.h"
#include "solver_env.h"
#include "sweep.h"
#include "version.h"
#include "xalloc.h"

#include <sys/stat.h>
#include <sys/time.h>

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

/*
 * The watchdog. GLPK's time limit is checked between simplex iterations of
 * its own choosing and between nodes, and cannot stop a simplex that never
 * ends (seen once: docs/model.md). So a run that has a time limit gets an
 * alarm at the limit plus a generous grace (WATCHDOG_GRACE seconds, or
 * the limit again if longer, for reading, building and reporting): when
 * it rings, the run is stopped with a message and EXIT_WATCHDOG, and no
 * temporary output file is left (outfile.h). It never rings in a run that
 * keeps its limit.
 */
#define WATCHDOG_GRACE 300.0

static const char *watchdog_message;

static void on_watchdog(int sig)
{
	(void)sig;
	outfile_remove_temporaries();
	if (watchdog_message)
		(void)!write(STDERR_FILENO, watchdog_message, strlen(watchdog_message));
	_exit(EXIT_WATCHDOG);
}

/* Seconds on the monotonic clock, for --timing. */
static double clock_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The solver's test hooks and trace, from the environment (solver_env.h). */
static struct solve_params solver_params;

/* Arms the watchdog for a solve limited to `seconds` (0: none, nothing
 * armed); watchdog_disarm() when it is over. */
static void watchdog_arm(double seconds)
{
	if (seconds <= 0)
		return;
	double grace = seconds > WATCHDOG_GRACE ? seconds : WATCHDOG_GRACE;
	/* For the test of the watchdog itself (e2e.interrupt), which cannot
	 * wait minutes nor make GLPK hang on purpose. */
	const char *test_grace = getenv("NTM_WATCHDOG_GRACE");
	if (test_grace && *test_grace)
		grace = atof(test_grace);
	double total = seconds + grace;
	watchdog_message = L("ntmplan: the solver ran far past its time limit and was stopped; "
			     "no output file was written (exit code 75)\n",
			     "ntmplan: bộ giải chạy quá xa giới hạn thời gian nên bị dừng; "
			     "không tệp kết quả nào được ghi (mã thoát 75)\n");
	struct itimerval timer = {{0, 0}, {0, 0}};
	if (total > 1e9)
		total = 1e9;
	timer.it_value.tv_sec = (time_t)total;
	timer.it_value.tv_usec = (suseconds_t)((total - floor(total)) * 1e6);
	if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0)
		timer.it_value.tv_usec = 1;
	signal(SIGALRM, on_watchdog);
	setitimer(ITIMER_REAL, &timer, NULL);
}

static void watchdog_disarm(void)
{
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
}

#define DEFAULT_DATASET "data/dienbien"

static const char *program = "ntmplan";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", program);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", L("Try 'ntmplan --help'.", "Xem 'ntmplan --help'."));
	return EXIT_USAGE;
}

/* getopt_long's error for `command`: an unknown option, or a known one
 * without its value or with one it does not take (optopt is then set). */
static int option_error(const char *command, const char *arg)
{
	if (optopt && strchr(arg, '='))
		return usage_error(L("%s: option '%s' takes no value",
				     "%s: tùy chọn '%s' không nhận giá trị"), command, arg);
	if (optopt)
		return usage_error(L("%s: option '%s' needs a value",
				     "%s: tùy chọn '%s' cần một giá trị"), command, arg);
	return usage_error(L("%s: unknown option '%s'", "%s: không có tùy chọn '%s'"), command, arg);
}

static void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->nr; i++) {
		fprintf(stderr, "%s: ", program);
		diag_print(stderr, &diags->items[i]);
	}
	if (diags->dropped)
		fprintf(stderr, L("%s: ... and %zu more errors not shown (raise --max-errors)\n",
				  "%s: ... và %zu lỗi khác không hiển thị (tăng --max-errors)\n"),
			program, diags->dropped);
}

/* Loads a dataset folder and prints what went wrong; returns an exit code. */
static int load_or_report(struct dataset *ds, const char *dir, size_t max_errors)
{
	struct diag_list diags;
	diag_list_init(&diags, max_errors);
	enum load_status st = dataset_load(ds, dir, &diags);
	print_diags(&diags);
	size_t errors = diag_count(&diags);
	diag_list_release(&diags);
	switch (st) {
	case LOAD_OK:
		return EXIT_OK;
	case LOAD_MISSING:
		fprintf(stderr, L("%s: cannot load dataset '%s': a file is missing\n",
				  "%s: không nạp được bộ dữ liệu '%s': thiếu tệp\n"),
			program, dir);
		return EXIT_NOINPUT;
	case LOAD_NO_FOLDER:
		return EXIT_NOINPUT; /* the message names the folder */
	case LOAD_INVALID:
		if (errors == 1)
			fprintf(stderr, L("%s: dataset '%s' has 1 error\n",
					  "%s: bộ dữ liệu '%s' có 1 lỗi\n"), program, dir);
		else
			fprintf(stderr, L("%s: dataset '%s' has %zu errors\n",
					  "%s: bộ dữ liệu '%s' có %zu lỗi\n"),
				program, dir, errors);
		return EXIT_DATAERR;
	case LOAD_NOMEM:
		break;
	}
	fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), program);
	return EXIT_SOFTWARE;
}

/* Closes stdout and reports a failed write (a full disk, a closed pipe). */
static int finish_output(int code)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, L("%s: cannot write output: %s\n",
				  "%s: không ghi được kết quả: %s\n"),
			program, strerror(errno));
		return EXIT_IOERR;
	}
	return code;
}

/* Options every subcommand shares. */
struct common_options {
	size_t max_errors;
};

enum { OPT_LANG = 1000, OPT_MAX_ERRORS, OPT_HELP, OPT_OUT,
       OPT_WRITE_LP, OPT_WRITE_MPS, OPT_STRICT, OPT_TIMING, OPT_NO_PRICES, OPT_SCENARIO,
       OPT_FROM, OPT_TO, OPT_POINTS, OPT_SOURCE, OPT_CSV, OPT_SVG,
       OPT_PDF, OPT_DATE, OPT_METHOD, OPT_AGAINST, OPT_CSV_FORMAT,
       /* the changes of a scenario: OPT_CHANGE + enum scenario_option */
       OPT_CHANGE = 1100 };

/* The options that change the dataset, on `check` and `plan` alike
 * (--time-limit is `plan`'s own). */
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

/* What a run works on: a dataset folder or a scenario file, and the
 * changes given as options. */
struct input {
	struct scenario sc;
	const char *scenario_file; /* --scenario FILE */
};

/* Handles an option shared by all subcommands. Returns 1 when handled, 0
 * when not a common option, or -1 (after printing) on a bad value. */
static int common_option(int opt, struct common_options *common)
{
	enum lang lang;
	char *end;
	switch (opt) {
	case OPT_LANG:
		if (lang_parse(optarg, &lang)) {
			usage_error(L("unknown language '%s' (use vi or en)",
				      "không có ngôn ngữ '%s' (dùng vi hoặc en)"), optarg);
			return -1;
		}
		lang_set(lang);
		return 1;
	case OPT_MAX_ERRORS:
		errno = 0;
		unsigned long n = strtoul(optarg, &end, 10);
		if (errno || *end || !*optarg || optarg[0] == '-' || n == 0) {
			usage_error(L("invalid --max-errors '%s' (a whole number above 0)",
				      "--max-errors '%s' không hợp lệ (số nguyên lớn hơn 0)"), optarg);
			return -1;
		}
		common->max_errors = n;
		return 1;
	default:
		return 0;
	}
}

/* Handles --scenario and the options that change the dataset. Returns 1
 * when handled, 0 when not one of them, or -1 (after printing) on a bad
 * value. */
static int change_option(int opt, struct input *in)
{
	if (opt == OPT_SCENARIO) {
		if (in->scenario_file) {
			usage_error(L("--scenario is given twice", "--scenario bị lặp"));
			return -1;
		}
		in->scenario_file = optarg;
		return 1;
	}
	if (opt < OPT_CHANGE || opt >= OPT_CHANGE + SCENARIO_OPT_COUNT)
		return 0;
	struct diag_list diags;
	diag_list_init(&diags, 1);
	int rc = scenario_add_option(&in->sc, (enum scenario_option)(opt - OPT_CHANGE), optarg, &diags);
	if (rc)
		usage_error("%s", diags.nr ? diags.items[0].message : "?");
	diag_list_release(&diags);
	return rc ? -1 : 1;
}

/*
 * Reads the scenario file (or takes the dataset folder) named by `arg` or
 * --scenario, loads the dataset, applies every change, and lists the
 * provenance. Prints what went wrong; returns an exit code.
 */
static int prepare(struct input *in, const char *arg, struct dataset *ds,
		   struct provenance *prov, size_t max_errors)
{
	struct diag_list diags;
	struct stat st;
	int code = EXIT_OK;
	const char *file = in->scenario_file;
	size_t len;

	if (file && arg)
		return usage_error(L("give either a dataset or scenario argument or --scenario, not both ('%s')",
				     "chỉ ghi một trong hai: bộ dữ liệu hoặc kịch bản, hoặc --scenario ('%s')"), arg);
	if (!file && !arg && !(arg = datadir_default())) {
		datadir_print_missing(stderr, program);
		return EXIT_NOINPUT;
	}
	/* A file is a scenario; a folder, a dataset. */
	if (!file && ((!stat(arg, &st) && !S_ISDIR(st.st_mode)) ||
		      ((len = strlen(arg)) > 4 && !strcmp(arg + len - 4, ".ini"))))
		file = arg;
	diag_list_init(&diags, max_errors);
	if (file) {
		enum scenario_status sst = scenario_read(&in->sc, file, &diags);
		print_diags(&diags);
		size_t errors = diag_count(&diags);
		switch (sst) {
		case SCENARIO_OK:
			break;
		case SCENARIO_MISSING:
			code = EXIT_NOINPUT;
			goto cleanup;
		case SCENARIO_INVALID:
			if (errors == 1)
				fprintf(stderr, L("%s: scenario '%s' has 1 error\n",
						  "%s: kịch bản '%s' có 1 lỗi\n"), program, file);
			else
				fprintf(stderr, L("%s: scenario '%s' has %zu errors\n",
						  "%s: kịch bản '%s' có %zu lỗi\n"), program, file, errors);
			code = EXIT_DATAERR;
			goto cleanup;
		default:
			fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), program);
			code = EXIT_SOFTWARE;
			goto cleanup;
		}
	} else if (scenario_set_dataset(&in->sc, arg)) {
		fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), program);
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	code = load_or_report(ds, in->sc.dataset, max_errors);
	if (code != EXIT_OK)
		goto cleanup;
	diag_list_release(&diags);
	switch (scenario_apply(&in->sc, ds, &diags)) {
	case SCENARIO_OK:
		break;
	case SCENARIO_BAD_OPTION:
		print_diags(&diags);
		fprintf(stderr, "%s\n", L("Try 'ntmplan --help'.", "Xem 'ntmplan --help'."));
		code = EXIT_USAGE;
		goto cleanup;
	case SCENARIO_INVALID:
		print_diags(&diags);
		fprintf(stderr, L("%s: scenario '%s' does not fit dataset '%s'\n",
				  "%s: kịch bản '%s' không khớp với bộ dữ liệu '%s'\n"),
			program, file, in->sc.dataset);
		code = EXIT_DATAERR;
		goto cleanup;
	default:
		fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), program);
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	if (scenario_provenance(&in->sc, ds, prov, &diags)) {
		print_diags(&diags);
		code = EXIT_NOINPUT;
	}
cleanup:
	diag_list_release(&diags);
	return code;
}

/* The options that change the dataset, as both `check` and `plan` take them. */
/* A re-plan (--from, --progress, or [progress] of a scenario): the
 * progress read, the state it gives, and the plan made at the start. */
struct replan_run {
	int from;
	const char *against;       /* --against DIR, or NULL: computed again */
	struct dataset orig_ds;    /* the dataset before replan_apply() */
	struct progress pg;
	struct replan rp;
	struct original orig;
};

static void replan_run_release(struct replan_run *rr)
{
	dataset_release(&rr->orig_ds);
	progress_release(&rr->pg);
	replan_release(&rr->rp);
	original_release(&rr->orig);
}

/* The exit code of a progress.h status. */
static int progress_exit_code(enum progress_status st)
{
	switch (st) {
	case PROGRESS_OK:
		return EXIT_OK;
	case PROGRESS_MISSING:
		return EXIT_NOINPUT;
	case PROGRESS_INVALID:
		return EXIT_DATAERR;
	default:
		return EXIT_SOFTWARE;
	}
}

/* Reads the progress file and turns ds into the re-plan's dataset (rr->from
 * stays 0 when no re-plan is asked for). Prints what went wrong; returns
 * an exit code. */
static int replan_prepare(struct replan_run *rr, const struct input *in, struct dataset *ds,
			  size_t max_errors)
{
	const char *file;
	const struct override *where;
	struct diag_list diags, warnings;
	int code = EXIT_OK;
	scenario_progress(&in->sc, &rr->from, &file, &where);
	if (!rr->from != !file)
		return usage_error("%s", L("re-planning needs both --from YEAR and --progress FILE ([progress] from and file)",
					  "điều chỉnh kế hoạch cần cả --from YEAR và --progress FILE ([progress] from và file)"));
	if (!rr->from) {
		if (rr->against)
			return usage_error("%s", L("--against goes with --from and --progress",
						  "--against đi cùng --from và --progress"));
		return EXIT_OK;
	}
	char *origin = where->file ? strfmt("%s:%ld", where->file, where->line) : strdup("--from");
	diag_list_init(&diags, max_errors);
	diag_list_init(&warnings, max_errors);
	if (!origin || dataset_copy(&rr->orig_ds, ds)) {
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	code = progress_exit_code(progress_load(&rr->pg, ds, rr->from, origin, file, &diags, &warnings));
	if (code == EXIT_DATAERR) {
		print_diags(&diags);
		fprintf(stderr, L("%s: progress file '%s' has %zu errors\n",
				  "%s: tệp tiến độ '%s' có %zu lỗi\n"), program, file, diag_count(&diags));
		diag_list_release(&diags); /* printed: the list is empty again */
		diag_list_init(&diags, max_errors);
	}
	if (code != EXIT_OK)
		goto cleanup;
	print_diags(&warnings);
	if (rr->against &&
	    (code = progress_exit_code(original_load(&rr->orig, &rr->orig_ds, rr->from, rr->against,
						     &diags))) != EXIT_OK)
		goto cleanup;
	if (replan_apply(ds, &rr->pg, &rr->rp))
		code = EXIT_SOFTWARE;
cleanup:
	if (code == EXIT_SOFTWARE && !diags.nr)
		diag_add(&diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
	print_diags(&diags);
	diag_list_release(&diags);
	diag_list_release(&warnings);
	free(origin);
	return code;
}

/* The plan made at the start, computed again from the dataset (unless
 * --against gave it). Returns an exit code. */
static int replan_original(struct replan_run *rr, const struct solve_options *solve,
			   struct diag_list *diags)
{
	struct plan orig;
	if (rr->against)
		return EXIT_OK;
	plan_init(&orig);
	watchdog_arm(solve->time_limit);
	int solved = solve_plan(&rr->orig_ds, solve, &orig, diags);
	watchdog_disarm();
	int code = solved ? EXIT_SOFTWARE :
		   original_from_plan(&rr->orig, &orig, rr->from) ? EXIT_SOFTWARE : EXIT_OK;
	plan_release(&orig);
	return code;
}

/* A re-plan asked for by a scenario's [progress], for the commands that
 * need only the re-plan's dataset (check, compare, sweep). */
static int replan_dataset(const struct input *in, struct dataset *ds, size_t max_errors)
{
	struct replan_run rr = {.from = 0};
	dataset_init(&rr.orig_ds);
	progress_init(&rr.pg);
	replan_init(&rr.rp);
	original_init(&rr.orig);
	int code = replan_prepare(&rr, in, ds, max_errors);
	replan_run_release(&rr);
	return code;
}

static void print_change_help(void)
{
	printf("%s", L(
"\n"
"Scenario and changes to the dataset (docs/scenarios.md). They are applied in\n"
"order: the scenario file (the base of its 'extends' chain first), then these\n"
"options in the order given, each on the result of the ones before:\n"
"  --scenario FILE      a scenario file (SCENARIO.ini works as the argument too)\n"
"  --budget-scale F     every source, every year, times F (0.8, x0.8 or -20%)\n"
"  --budget SOURCE=CHANGE         one source, every year\n"
"  --budget YEAR:SOURCE=CHANGE    one source, one year\n"
"  --budget YEAR=CHANGE           every source, one year\n"
"  --unit-cost CRITERIA=CHANGE    unit cost of criteria ('2', '2,3,9' or 'all')\n"
"  --cost-factor PLACE=CHANGE     cost factor of a district or of a commune id\n"
"  --lead-years CRITERIA=N        lead years of criteria (0 to 50)\n"
"  --target KIND=VALUE            set a target without subject (avg_criteria=12)\n"
"  --target KIND:SUBJECT=VALUE    set a target with one (criterion_communes:2=60)\n"
"                       VALUE 'remove' removes a target, 'add' adds one that\n"
"                       takes no value (district_standard:NAME=add)\n"
"  --priority KIND[:SUBJECT]=N    priority of a target (1 first; without a\n"
"                       subject, every target of the kind; all=N: every target)\n"
"  --require ID         commune ID must reach the standard (ids: 'A01,A02')\n"
"  --exclude ID         commune ID receives no money\n"
"  --horizon YEAR       plan up to YEAR only (later budget years are dropped)\n"
"  CHANGE is a number to set (120000), xF to multiply (x0.8), or a percentage\n"
"  with its sign (+15%, -20%); in --budget, a signed number adds to each year\n"
"  and source it names (+10000, -5000). Numbers use '.' as the decimal mark.\n",
"\n"
"Kịch bản và thay đổi so với bộ dữ liệu (docs/scenarios.md). Áp dụng theo thứ\n"
"tự: tệp kịch bản (kịch bản gốc của chuỗi 'extends' trước), rồi các tùy chọn\n"
"dưới đây theo thứ tự ghi, mỗi thay đổi áp lên kết quả của các thay đổi trước:\n"
"  --scenario FILE      tệp kịch bản (cũng có thể ghi SCENARIO.ini làm tham số)\n"
"  --budget-scale F     mọi nguồn, mọi năm, nhân với F (0.8, x0.8 hoặc -20%)\n"
"  --budget SOURCE=CHANGE         một nguồn, mọi năm\n"
"  --budget YEAR:SOURCE=CHANGE    một nguồn, một năm\n"
"  --budget YEAR=CHANGE           mọi nguồn, một năm\n"
"  --unit-cost CRITERIA=CHANGE    đơn giá của tiêu chí ('2', '2,3,9' hoặc 'all')\n"
"  --cost-factor PLACE=CHANGE     hệ số chi phí của một huyện hoặc một mã xã\n"
"  --lead-years CRITERIA=N        số năm chờ của tiêu chí (0 đến 50)\n"
"  --target KIND=VALUE            đặt chỉ tiêu không có đối tượng (avg_criteria=12)\n"
"  --target KIND:SUBJECT=VALUE    đặt chỉ tiêu có đối tượng (criterion_communes:2=60)\n"
"                       VALUE 'remove' bỏ chỉ tiêu, 'add' thêm chỉ tiêu không\n"
"                       có giá trị (district_standard:TÊN=add)\n"
"  --priority KIND[:SUBJECT]=N    mức ưu tiên của chỉ tiêu (1 trước nhất; không\n"
"                       ghi đối tượng: mọi chỉ tiêu loại đó; all=N: mọi chỉ tiêu)\n"
"  --require ID         xã ID phải đạt chuẩn (nhiều mã: 'A01,A02')\n"
"  --exclude ID         xã ID không được cấp vốn\n"
"  --horizon YEAR       chỉ lập kế hoạch đến năm YEAR (bỏ các năm ngân sách sau)\n"
"  CHANGE là một số để đặt giá trị (120000), xF để nhân (x0.8), hoặc phần trăm\n"
"  kèm dấu (+15%, -20%); trong --budget, số có dấu cộng thêm vào từng năm và\n"
"  nguồn được nêu (+10000, -5000). Số dùng dấu '.' làm dấu thập phân.\n"));
}

static void print_check_help(void)
{
	printf("%s", L(
"Usage: ntmplan check [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Loads and checks a dataset folder (default: " DEFAULT_DATASET "), or a\n"
"scenario and the dataset it changes, then prints what it was made from (each\n"
"file's SHA-256, every change) and the baseline: communes per district,\n"
"communes by criteria met, communes meeting each criterion against its target,\n"
"the cost of closing every gap, and the budget by year and source.\n"
"\n"
"Options:\n"
"  --lang vi|en       language of the report and messages (default vi)\n"
"  --max-errors N     show at most N errors (default 50)\n"
"  --help             show this help\n",
"Cách dùng: ntmplan check [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Nạp và kiểm tra một thư mục dữ liệu (mặc định: " DEFAULT_DATASET "), hoặc một\n"
"kịch bản cùng bộ dữ liệu nó thay đổi, rồi in nguồn gốc (mã SHA-256 của từng\n"
"tệp, mọi thay đổi) và hiện trạng năm gốc: số xã theo huyện, phân bố xã theo số\n"
"tiêu chí đạt, số xã đạt từng tiêu chí so với mục tiêu, chi phí xóa mọi khoảng\n"
"thiếu, và ngân sách theo năm và nguồn vốn.\n"
"\n"
"Tùy chọn:\n"
"  --lang vi|en       ngôn ngữ của báo cáo và thông báo (mặc định vi)\n"
"  --max-errors N     hiện tối đa N lỗi (mặc định 50)\n"
"  --help             hiện hướng dẫn này\n"));
	print_change_help();
}

static int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
		{"help", no_argument, NULL, OPT_HELP},
		CHANGE_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct common_options common = {.max_errors = DIAG_DEFAULT_LIMIT};
	struct input in = {.scenario_file = NULL};
	struct dataset ds;
	struct provenance prov;
	struct baseline b;
	int opt, code = EXIT_USAGE;

	scenario_init(&in.sc);
	dataset_init(&ds);
	provenance_init(&prov);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		int handled = common_option(opt, &common);
		if (!handled)
			handled = change_option(opt, &in);
		if (handled < 0)
			goto cleanup;
		if (handled)
			continue;
		if (opt == OPT_HELP) {
			print_check_help();
			code = finish_output(EXIT_OK);
			goto cleanup;
		}
		code = option_error("check", argv[optind - 1]);
		goto cleanup;
	}
	if (argc - optind > 1) {
		code = usage_error(L("check: too many arguments ('%s')",
				     "check: thừa tham số ('%s')"), argv[optind + 1]);
		goto cleanup;
	}
	code = prepare(&in, optind < argc ? argv[optind] : NULL, &ds, &prov, common.max_errors);
	if (code == EXIT_OK)
		code = replan_dataset(&in, &ds, common.max_errors);
	if (code != EXIT_OK)
		goto cleanup;
	baseline_compute(&ds, &b);
	if (baseline_print(stdout, &ds, &b, &prov)) {
		code = EXIT_IOERR;
		fprintf(stderr, L("%s: cannot write the report: %s\n",
				  "%s: không ghi được báo cáo: %s\n"),
			program, strerror(errno));
		goto cleanup;
	}
	code = finish_output(EXIT_OK);
cleanup:
	provenance_release(&prov);
	dataset_release(&ds);
	scenario_release(&in.sc);
	return code;
}

static void print_plan_help(void)
{
	printf("%s", L(
"Usage: ntmplan plan [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Finds the funding plan that brings the most communes to the standard by the\n"
"horizon within budget, under the targets of targets.csv, and prints it as an\n"
"allocation proposal. The objectives, in strict order: least target shortfall,\n"
"most communes at standard at the horizon, communes at standard as early as\n"
"possible, most criteria met, least money. Each stage is solved with GLPK and\n"
"its status and bound are reported (docs/model.md).\n"
"\n"
"Options:\n"
"  --out DIR            also write allocation.csv, communes.csv, targets.csv,\n"
"                       objectives.csv and provenance.csv into DIR (created if\n"
"                       missing)\n"
"  --time-limit SEC     stop the search after SEC seconds in all (default 60, or\n"
"                       the scenario's time_limit); the report then gives the\n"
"                       proven bound beside the plan\n"
"  --node-limit N       stop each stage's search after N branch-and-bound nodes\n"
"                       (default 2000, or the scenario's node_limit); unlike\n"
"                       time, nodes give the same plan on every machine\n"
"  --strict             exit with code 3 when the targets cannot all be met\n"
"                       (by default the plan is made under the smallest shortfall)\n"
"  --no-prices          do not price the targets (by default each target that\n"
"                       binds or falls short is priced: the plan solved again\n"
"                       without it, docs/model.md)\n"
"  --from YEAR          re-plan YEAR..horizon from what was done before YEAR,\n"
"  --progress FILE      as the progress file FILE says (both together, or\n"
"                       [progress] from and file in a scenario); the report\n"
"                       opens with what changed against the original plan\n"
"  --against DIR        with --from: the original plan is DIR (its --out\n"
"                       files), not computed again from the dataset\n"
"  --write-lp FILE      write the model (stages 0-1) in CPLEX LP format\n"
"  --write-mps FILE     write the model (stages 0-1) in free MPS format\n"
"  --timing             print each stage's solver time on standard error\n"
"  --method M           how each stage's relaxation is solved: auto (default:\n"
"                       decomposition from 500 communes), direct (the whole\n"
"                       model, for audit) or decomposition (docs/model.md)\n"
"  --csv-format F       the CSV files' form: excel-vi (default: what Excel on a\n"
"                       Vietnamese Windows opens: UTF-8 with BOM, ';', decimal\n"
"                       comma), excel (BOM, ',', '.') or plain (for programs)\n"
"  --pdf FILE           also write the proposal as a printable A4 PDF\n"
"  --date YYYY-MM-DD    the PDF's date (default: SOURCE_DATE_EPOCH if set,\n"
"                       else today)\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan plan [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Tìm phương án đầu tư đưa nhiều xã nhất đạt chuẩn đến cuối kỳ trong phạm vi\n"
"ngân sách, theo các chỉ tiêu trong targets.csv, và in thành đề xuất phân bổ vốn.\n"
"Các mục tiêu theo thứ tự ưu tiên: thiếu hụt chỉ tiêu ít nhất, nhiều xã đạt\n"
"chuẩn nhất, xã đạt chuẩn sớm nhất, nhiều tiêu chí đạt nhất, ít vốn nhất. Mỗi\n"
"bước được giải bằng GLPK, có báo cáo trạng thái và cận (docs/model.md).\n"
"\n"
"Tùy chọn:\n"
"  --out DIR            ghi thêm allocation.csv, communes.csv, targets.csv,\n"
"                       objectives.csv và provenance.csv vào thư mục DIR (tạo\n"
"                       nếu chưa có)\n"
"  --time-limit SEC     dừng tìm kiếm sau SEC giây (mặc định 60, hoặc time_limit\n"
"                       của kịch bản); khi đó báo cáo ghi cận đã chứng minh bên\n"
"                       cạnh phương án\n"
"  --node-limit N       dừng tìm kiếm mỗi bước sau N nút nhánh cận (mặc định\n"
"                       2000, hoặc node_limit của kịch bản); khác với thời\n"
"                       gian, số nút cho cùng một phương án trên mọi máy\n"
"  --strict             thoát với mã 3 khi không thể đạt mọi chỉ tiêu\n"
"                       (mặc định: lập phương án với mức thiếu hụt nhỏ nhất)\n"
"  --no-prices          không tính giá của các chỉ tiêu (mặc định: mỗi chỉ tiêu\n"
"                       vừa đạt hoặc chưa đạt được tính giá bằng cách giải lại\n"
"                       phương án khi bỏ chỉ tiêu đó, docs/model.md)\n"
"  --from YEAR          điều chỉnh kế hoạch YEAR..năm cuối theo kết quả thực\n"
"  --progress FILE      hiện trước YEAR ghi trong tệp tiến độ FILE (đi cùng\n"
"                       nhau, hoặc [progress] from và file trong kịch bản);\n"
"                       báo cáo mở đầu bằng những gì thay đổi so với kế hoạch\n"
"                       ban đầu\n"
"  --against DIR        cùng --from: kế hoạch ban đầu là DIR (các tệp --out\n"
"                       của nó), không tính lại từ bộ dữ liệu\n"
"  --write-lp FILE      ghi mô hình (bước 0-1) dạng CPLEX LP\n"
"  --write-mps FILE     ghi mô hình (bước 0-1) dạng MPS tự do\n"
"  --timing             in thời gian giải từng bước ra stderr\n"
"  --method M           cách giải bài toán nới lỏng mỗi bước: auto (mặc định:\n"
"                       phân rã từ 500 xã), direct (cả mô hình, để kiểm tra)\n"
"                       hoặc decomposition (phân rã; docs/model.md)\n"
"  --csv-format F       dạng các tệp CSV: excel-vi (mặc định: Excel trên Windows\n"
"                       tiếng Việt mở được ngay: UTF-8 có BOM, ';', dấu thập\n"
"                       phân ','), excel (BOM, ',', '.') hoặc plain (cho chương trình)\n"
"  --pdf FILE           ghi thêm đề xuất dạng PDF khổ A4 để in\n"
"  --date YYYY-MM-DD    ngày ghi trên PDF (mặc định: SOURCE_DATE_EPOCH nếu có,\n"
"                       nếu không là hôm nay)\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
	print_change_help();
}

static int ensure_folder(const char *dir)
{
	struct stat st;
	if (!stat(dir, &st)) {
		errno = ENOTDIR;
		return S_ISDIR(st.st_mode) ? 0 : -1;
	}
	return mkdir(dir, 0777);
}

/* --csv-format: the form of the CSV files written (outfile.h). Returns
 * 0, or -1 after printing a usage error. */
static int csv_format_option(const char *arg, enum csv_format *out)
{
	if (!csv_format_parse(arg, out))
		return 0;
	usage_error(L("--csv-format: '%s' is not excel-vi, excel or plain",
		      "--csv-format: '%s' không phải excel-vi, excel hay plain"), arg);
	return -1;
}

/* The date of a PDF (--date, else SOURCE_DATE_EPOCH, else today); prints
 * a usage error and returns -1 when it is not a date. */
static int choose_pdf_date(char date[PDF_DATE_SIZE], const char *given)
{
	struct diag_list diags;
	diag_list_init(&diags, 1);
	int rc = pdf_date(date, given, getenv("SOURCE_DATE_EPOCH"), time(NULL), &diags);
	if (rc)
		usage_error("%s", diags.nr ? diags.items[0].message : "?");
	diag_list_release(&diags);
	return rc;
}

static int cmd_plan(int argc, char **argv)
{
	static const struct option options[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
		{"help", no_argument, NULL, OPT_HELP},
		{"out", required_argument, NULL, OPT_OUT},
		{"time-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_TIME_LIMIT},
		{"node-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_NODE_LIMIT},
		{"write-lp", required_argument, NULL, OPT_WRITE_LP},
		{"write-mps", required_argument, NULL, OPT_WRITE_MPS},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"timing", no_argument, NULL, OPT_TIMING},
		{"no-prices", no_argument, NULL, OPT_NO_PRICES},
		{"pdf", required_argument, NULL, OPT_PDF},
		{"date", required_argument, NULL, OPT_DATE},
		{"method", required_argument, NULL, OPT_METHOD},
		{"from", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_FROM},
		{"progress", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_PROGRESS},
		{"against", required_argument, NULL, OPT_AGAINST},
		{"csv-format", required_argument, NULL, OPT_CSV_FORMAT},
		CHANGE_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct common_options common = {.max_errors = DIAG_DEFAULT_LIMIT};
	struct input in = {.scenario_file = NULL};
	struct replan_run rr = {.from = 0};
	struct solve_options solve;
	const char *out_dir = NULL, *lp_file = NULL, *mps_file = NULL;
	const char *pdf_file = NULL, *date_arg = NULL;
	enum csv_format csv_format = CSV_FORMAT_EXCEL_VI;
	char date[PDF_DATE_SIZE];
	int strict = 0, timing = 0, prices = 1, opt, code = EXIT_USAGE;
	struct dataset ds;
	struct provenance prov;
	struct plan p, rule_plans[RULE_COUNT];
	struct diag_list diags;

	scenario_init(&in.sc);
	dataset_init(&ds);
	provenance_init(&prov);
	plan_init(&p);
	dataset_init(&rr.orig_ds);
	progress_init(&rr.pg);
	replan_init(&rr.rp);
	original_init(&rr.orig);
	for (int r = 0; r < RULE_COUNT; r++)
		plan_init(&rule_plans[r]);
	diag_list_init(&diags, common.max_errors);
	solve_options_init(&solve);
	solve.params = &solver_params;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		int handled = common_option(opt, &common);
		if (!handled)
			handled = change_option(opt, &in);
		if (handled < 0)
			goto cleanup;
		if (handled)
			continue;
		switch (opt) {
		case OPT_HELP:
			print_plan_help();
			code = finish_output(EXIT_OK);
			goto cleanup;
		case OPT_OUT:
			out_dir = optarg;
			break;
		case OPT_WRITE_LP:
			lp_file = optarg;
			break;
		case OPT_WRITE_MPS:
			mps_file = optarg;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case OPT_TIMING:
			timing = 1;
			break;
		case OPT_NO_PRICES:
			prices = 0;
			break;
		case OPT_PDF:
			pdf_file = optarg;
			break;
		case OPT_DATE:
			date_arg = optarg;
			break;
		case OPT_AGAINST:
			rr.against = optarg;
			break;
		case OPT_CSV_FORMAT:
			if (csv_format_option(optarg, &csv_format))
				goto cleanup;
			break;
		case OPT_METHOD:
			if (!strcmp(optarg, "auto")) {
				solve.method = SOLVE_AUTO;
			} else if (!strcmp(optarg, "direct")) {
				solve.method = SOLVE_DIRECT;
			} else if (!strcmp(optarg, "decomposition")) {
				solve.method = SOLVE_DECOMPOSITION;
			} else {
				code = usage_error(L("--method: '%s' is not auto, direct or decomposition",
						     "--method: '%s' không phải auto, direct hay decomposition"),
						   optarg);
				goto cleanup;
			}
			break;
		default:
			code = option_error("plan", argv[optind - 1]);
			goto cleanup;
		}
	}
	if (argc - optind > 1) {
		code = usage_error(L("plan: too many arguments ('%s')",
				     "plan: thừa tham số ('%s')"), argv[optind + 1]);
		goto cleanup;
	}
	if ((pdf_file || date_arg) && choose_pdf_date(date, date_arg))
		goto cleanup;
	diags.limit = common.max_errors;
	code = prepare(&in, optind < argc ? argv[optind] : NULL, &ds, &prov, common.max_errors);
	if (code == EXIT_OK)
		code = replan_prepare(&rr, &in, &ds, common.max_errors);
	if (code != EXIT_OK)
		goto cleanup;
	solve.time_limit = scenario_time_limit(&in.sc, 60);
	solve.node_limit = scenario_node_limit(&in.sc, SOLVE_DEFAULT_NODE_LIMIT);
	if ((lp_file && solve_write_model(&ds, lp_file, MODEL_LP, &diags)) ||
	    (mps_file && solve_write_model(&ds, mps_file, MODEL_MPS, &diags))) {
		code = EXIT_IOERR;
		goto cleanup;
	}
	watchdog_arm(solve.time_limit);
	int solved = solve_plan(&ds, &solve, &p, &diags);
	watchdog_disarm();
	double pricing = clock_seconds();
	/* The price of each target that binds or falls short: the plan again
	 * without it (docs/model.md). */
	if (!solved && prices) {
		watchdog_arm(solve.time_limit);
		solved = solve_prices(&ds, &solve, &p, &diags);
		watchdog_disarm();
	}
	pricing = clock_seconds() - pricing;
	if (solved) {
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	if (out_dir && (ensure_folder(out_dir) || planout_write_all(&p, &prov, out_dir, csv_format, &diags))) {
		if (!diags.nr)
			diag_add(&diags, out_dir, 0, 0, L("cannot create the folder: %s",
							  "không tạo được thư mục: %s"), strerror(errno));
		code = EXIT_IOERR;
		goto cleanup;
	}
	/* Times go to stderr: the report itself must not change between runs. */
	for (int stage = 0; timing && stage < OBJ_COUNT; stage++)
		fprintf(stderr, "stage %d %s: %.3f s, %s\n", stage, objective_name((enum objective)stage),
			p.stages[stage].seconds, stage_status_name(p.stages[stage].status));
	if (timing)
		fprintf(stderr, "prices: %.3f s\n", pricing);
	for (int r = 0; r < RULE_COUNT; r++) {
		if (rules_plan(&ds, (enum rule)r, &rule_plans[r])) {
			diag_add(&diags, NULL, 0, 0, L("the rule-of-thumb plans failed",
						       "không lập được phương án theo cách làm thông thường"));
			code = EXIT_SOFTWARE;
			goto cleanup;
		}
	}
	if (rr.from && (code = replan_original(&rr, &solve, &diags)) != EXIT_OK)
		goto cleanup;
	struct replan_view view = {&rr.orig_ds, &rr.rp, &rr.orig, rr.against};
	if (pdf_file && pdf_write_replan(pdf_file, &p, rule_plans, RULE_COUNT, &prov,
					 rr.from ? &view : NULL, date, &diags)) {
		code = EXIT_IOERR;
		goto cleanup;
	}
	if (rr.from && report_replan_changes(stdout, &p, &view)) {
		code = finish_output(EXIT_IOERR);
		goto cleanup;
	}
	if (report_plan(stdout, &p, rule_plans, RULE_COUNT, &prov)) {
		code = finish_output(EXIT_IOERR);
		goto cleanup;
	}
	code = finish_output(EXIT_OK);
	if (code == EXIT_OK && strict && p.objective[OBJ_SHORTFALL] > 0) {
		fprintf(stderr, L("%s: the targets cannot all be met (total shortfall %g)\n",
				  "%s: không thể đạt mọi chỉ tiêu (tổng thiếu hụt %g)\n"),
			program, p.objective[OBJ_SHORTFALL]);
		code = EXIT_TARGETS;
	}
cleanup:
	print_diags(&diags);
	diag_list_release(&diags);
	plan_release(&p);
	for (int r = 0; r < RULE_COUNT; r++)
		plan_release(&rule_plans[r]);
	replan_run_release(&rr);
	dataset_release(&ds);
	provenance_release(&prov);
	scenario_release(&in.sc);
	return code;
}

static void print_compare_help(void)
{
	printf("%s", L(
"Usage: ntmplan compare [OPTIONS] A B [C ...]\n"
"\n"
"Finds the optimal plan of each scenario (a scenario file or a dataset folder)\n"
"and prints them side by side: communes at standard by year, target shortfall,\n"
"commune-years, criteria met and money; each target met or short; money spent\n"
"by source; and, against A, the communes whose standard year differs and the\n"
"works one plan completes and the other does not.\n"
"\n"
"Options:\n"
"  --time-limit SEC     solver time for each scenario (default 60, or the\n"
"                       scenario's time_limit)\n"
"  --node-limit N       nodes per stage for each scenario (default 2000, or the\n"
"                       scenario's node_limit)\n"
"  --pdf FILE           also write the comparison as a printable A4 PDF\n"
"  --date YYYY-MM-DD    the PDF's date (default: SOURCE_DATE_EPOCH if set,\n"
"                       else today)\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan compare [TÙY CHỌN] A B [C ...]\n"
"\n"
"Tìm phương án tối ưu của từng kịch bản (tệp kịch bản hoặc thư mục dữ liệu) và\n"
"in cạnh nhau: số xã đạt chuẩn theo năm, thiếu hụt chỉ tiêu, tổng xã-năm, số\n"
"tiêu chí và vốn; mức đạt từng chỉ tiêu; vốn theo nguồn; và so với A, các xã có\n"
"năm đạt chuẩn khác nhau và các hạng mục chỉ có ở một phương án.\n"
"\n"
"Tùy chọn:\n"
"  --time-limit SEC     thời gian giải cho mỗi kịch bản (mặc định 60, hoặc\n"
"                       time_limit của kịch bản)\n"
"  --node-limit N       số nút mỗi bước cho mỗi kịch bản (mặc định 2000, hoặc\n"
"                       node_limit của kịch bản)\n"
"  --pdf FILE           ghi thêm bản so sánh dạng PDF khổ A4 để in\n"
"  --date YYYY-MM-DD    ngày ghi trên PDF (mặc định: SOURCE_DATE_EPOCH nếu có,\n"
"                       nếu không là hôm nay)\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
}

/* One scenario of a comparison, as prepared and planned. */
struct compared {
	struct input in;
	struct dataset ds;
	struct provenance prov;
	struct plan plan;
	char *label;
};

static int cmd_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
		{"help", no_argument, NULL, OPT_HELP},
		{"time-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_TIME_LIMIT},
		{"node-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_NODE_LIMIT},
		{"pdf", required_argument, NULL, OPT_PDF},
		{"date", required_argument, NULL, OPT_DATE},
		{NULL, 0, NULL, 0},
	};
	struct common_options common = {.max_errors = DIAG_DEFAULT_LIMIT};
	struct input limits = {.scenario_file = NULL};
	const char *pdf_file = NULL, *date_arg = NULL;
	char date[PDF_DATE_SIZE];
	struct compared *runs = NULL;
	struct compare_entry *entries = NULL;
	struct diag_list diags;
	size_t n = 0;
	int opt, code = EXIT_USAGE;

	scenario_init(&limits.sc);
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		int handled = common_option(opt, &common);
		if (!handled)
			handled = change_option(opt, &limits);
		if (handled < 0)
			goto cleanup;
		if (handled)
			continue;
		if (opt == OPT_HELP) {
			print_compare_help();
			code = finish_output(EXIT_OK);
			goto cleanup;
		}
		if (opt == OPT_PDF || opt == OPT_DATE) {
			*(opt == OPT_PDF ? &pdf_file : &date_arg) = optarg;
			continue;
		}
		code = option_error("compare", argv[optind - 1]);
		goto cleanup;
	}
	if (argc - optind < 2) {
		code = usage_error(L("compare: give at least two scenarios or datasets%s",
				     "compare: cần ít nhất hai kịch bản hoặc bộ dữ liệu%s"), "");
		goto cleanup;
	}
	if (argc - optind > 26) {
		code = usage_error(L("compare: at most 26 scenarios ('%s')",
				     "compare: tối đa 26 kịch bản ('%s')"), argv[optind + 26]);
		goto cleanup;
	}
	if ((pdf_file || date_arg) && choose_pdf_date(date, date_arg))
		goto cleanup;
	n = (size_t)(argc - optind);
	runs = calloc(n, sizeof(*runs));
	entries = calloc(n, sizeof(*entries));
	if (!runs || !entries) {
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		scenario_init(&runs[i].in.sc);
		dataset_init(&runs[i].ds);
		provenance_init(&runs[i].prov);
		plan_init(&runs[i].plan);
	}
	for (size_t i = 0; i < n; i++) {
		struct compared *r = &runs[i];
		struct solve_options solve;
		const char *arg = argv[optind + (int)i];
		code = prepare(&r->in, arg, &r->ds, &r->prov, common.max_errors);
		if (code == EXIT_OK)
			code = replan_dataset(&r->in, &r->ds, common.max_errors);
		if (code != EXIT_OK)
			goto cleanup;
		solve_options_init(&solve);
		solve.params = &solver_params;
		/* The command line's limits win over each scenario's own. */
		solve.time_limit = scenario_time_limit(&limits.sc, scenario_time_limit(&r->in.sc, 60));
		solve.node_limit = scenario_node_limit(&limits.sc,
						       scenario_node_limit(&r->in.sc, SOLVE_DEFAULT_NODE_LIMIT));
		watchdog_arm(solve.time_limit);
		int solved = solve_plan(&r->ds, &solve, &r->plan, &diags);
		watchdog_disarm();
		if (solved) {
			code = EXIT_SOFTWARE;
			goto cleanup;
		}
		r->label = r->in.sc.name ? strfmt("%s (%s)", r->in.sc.name, arg) : strfmt("%s", arg);
		if (!r->label) {
			code = EXIT_SOFTWARE;
			goto cleanup;
		}
		entries[i] = (struct compare_entry){r->label, &r->plan, &r->prov};
	}
	if (pdf_file && pdf_write_compare(pdf_file, entries, n, date, &diags)) {
		code = EXIT_IOERR;
		goto cleanup;
	}
	if (compare_print(stdout, entries, n)) {
		code = finish_output(EXIT_IOERR);
		goto cleanup;
	}
	code = finish_output(EXIT_OK);
cleanup:
	print_diags(&diags);
	diag_list_release(&diags);
	for (size_t i = 0; runs && i < n; i++) {
		plan_release(&runs[i].plan);
		dataset_release(&runs[i].ds);
		provenance_release(&runs[i].prov);
		scenario_release(&runs[i].in.sc);
		free(runs[i].label);
	}
	free(runs);
	free(entries);
	scenario_release(&limits.sc);
	return code;
}

static void print_sweep_help(void)
{
	printf("%s", L(
"Usage: ntmplan sweep [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"The efficient frontier over the budget: the budget (of the dataset, after the\n"
"scenario's and the options' changes) is multiplied by evenly spaced factors,\n"
"every source alike or one source only, and each point is solved afresh for\n"
"the least target shortfall, then the most communes at standard at the horizon\n"
"(stages 0 and 1; docs/model.md). For each point: the scale, the total budget,\n"
"both optima (or the limit that stopped them), the criteria met by the plan\n"
"found (not optimised) and the marginal cost of the next commune (Δbudget /\n"
"Δcommunes between consecutive points, a finite difference on the grid).\n"
"\n"
"Options:\n"
"  --from F             smallest scale factor (default 0.5)\n"
"  --to F               largest scale factor, above --from (default 1.5)\n"
"  --points N           points, ends included, 2 to 1001 (default 41)\n"
"  --source NAME        vary this source only (default: every source alike)\n"
"  --csv FILE           also write the points as CSV (scale,budget,shortfall,\n"
"                       communes_standard,criteria_met,status,marginal_cost)\n"
"  --csv-format F       the CSV's form: excel-vi (default), excel or plain\n"
"                       (see 'ntmplan plan --help')\n"
"  --svg FILE           also write a chart (SVG): communes at standard against\n"
"                       the total budget, the current budget marked\n"
"  --time-limit SEC     solver time per point (default 10, or the scenario's\n"
"                       time_limit)\n"
"  --node-limit N       branch-and-bound nodes per stage and point (default\n"
"                       2000, or the scenario's node_limit)\n"
"  --timing             print each point's solver time on standard error\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan sweep [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Đường biên hiệu quả theo ngân sách: ngân sách (của bộ dữ liệu, sau các thay\n"
"đổi của kịch bản và tùy chọn) được nhân với các hệ số cách đều, mọi nguồn như\n"
"nhau hoặc chỉ một nguồn, và mỗi điểm được giải lại từ đầu: thiếu hụt chỉ tiêu ít\n"
"nhất, rồi nhiều xã đạt chuẩn nhất đến cuối kỳ (bước 0 và 1; docs/model.md).\n"
"Với mỗi điểm: hệ số, tổng ngân sách, hai giá trị tối ưu (hoặc giới hạn đã dừng\n"
"tìm kiếm), số tiêu chí đạt của phương án tìm được (không tối ưu hóa) và chi phí\n"
"biên của xã tiếp theo (Δngân sách / Δxã giữa hai điểm liền nhau, sai phân trên\n"
"lưới).\n"
"\n"
"Tùy chọn:\n"
"  --from F             hệ số nhỏ nhất (mặc định 0.5)\n"
"  --to F               hệ số lớn nhất, lớn hơn --from (mặc định 1.5)\n"
"  --points N           số điểm, kể cả hai đầu, từ 2 đến 1001 (mặc định 41)\n"
"  --source NAME        chỉ thay đổi nguồn này (mặc định: mọi nguồn như nhau)\n"
"  --csv FILE           ghi thêm các điểm dạng CSV (scale,budget,shortfall,\n"
"                       communes_standard,criteria_met,status,marginal_cost)\n"
"  --csv-format F       dạng tệp CSV: excel-vi (mặc định), excel hoặc plain\n"
"                       (xem 'ntmplan plan --help')\n"
"  --svg FILE           ghi thêm biểu đồ (SVG): số xã đạt chuẩn theo tổng ngân\n"
"                       sách, có đánh dấu ngân sách hiện tại\n"
"  --time-limit SEC     thời gian giải mỗi điểm (mặc định 10, hoặc time_limit\n"
"                       của kịch bản)\n"
"  --node-limit N       số nút nhánh cận mỗi bước, mỗi điểm (mặc định 2000,\n"
"                       hoặc node_limit của kịch bản)\n"
"  --timing             in thời gian giải từng điểm ra stderr\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
	print_change_help();
}

/* Parses a finite number for --from and --to. Returns 0, or -1 (after
 * printing). */
static int parse_factor(const char *option, const char *text, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(text, &end);
	if (errno || end == text || *end || *out != *out || *out > 1e300 || *out < -1e300) {
		usage_error(L("invalid %s '%s' (a number, such as 0.8)",
			      "%s '%s' không hợp lệ (một số, ví dụ 0.8)"), option, text);
		return -1;
	}
	return 0;
}

/* --timing: each point's time on standard error, as it is solved. */
static void print_point_time(const struct sweep_point *pt, size_t i, size_t n, void *arg)
{
	(void)arg;
	fprintf(stderr, "point %zu/%zu scale %g: %.3f s (stage 0 %.3f s %s, stage 1 %.3f s %s)\n",
		i + 1, n, pt->scale, pt->seconds,
		pt->stage[0].seconds, stage_status_name(pt->stage[0].status),
		pt->stage[1].seconds, stage_status_name(pt->stage[1].status));
}

static int cmd_sweep(int argc, char **argv)
{
	static const struct option options[] = {
		{"lang", required_argument, NULL, OPT_LANG},
		{"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
		{"help", no_argument, NULL, OPT_HELP},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"points", required_argument, NULL, OPT_POINTS},
		{"source", required_argument, NULL, OPT_SOURCE},
		{"csv", required_argument, NULL, OPT_CSV},
		{"svg", required_argument, NULL, OPT_SVG},
		{"csv-format", required_argument, NULL, OPT_CSV_FORMAT},
		{"time-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_TIME_LIMIT},
		{"node-limit", required_argument, NULL, OPT_CHANGE + SCENARIO_OPT_NODE_LIMIT},
		{"timing", no_argument, NULL, OPT_TIMING},
		CHANGE_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct common_options common = {.max_errors = DIAG_DEFAULT_LIMIT};
	struct input in = {.scenario_file = NULL};
	struct sweep_options so;
	const char *source = NULL, *csv_file = NULL, *svg_file = NULL;
	enum csv_format csv_format = CSV_FORMAT_EXCEL_VI;
	int timing = 0, opt, code = EXIT_USAGE;
	struct dataset ds;
	struct provenance prov;
	struct sweep sw;
	struct diag_list diags;
	struct timespec start, end;
	char *stop;

	scenario_init(&in.sc);
	dataset_init(&ds);
	provenance_init(&prov);
	sweep_init(&sw);
	sweep_options_init(&so);
	so.solve.params = &solver_params;
	diag_list_init(&diags, common.max_errors);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		int handled = common_option(opt, &common);
		if (!handled)
			handled = change_option(opt, &in);
		if (handled < 0)
			goto cleanup;
		if (handled)
			continue;
		switch (opt) {
		case OPT_HELP:
			print_sweep_help();
			code = finish_output(EXIT_OK);
			goto cleanup;
		case OPT_FROM:
			if (parse_factor("--from", optarg, &so.from))
				goto cleanup;
			break;
		case OPT_TO:
			if (parse_factor("--to", optarg, &so.to))
				goto cleanup;
			break;
		case OPT_POINTS:
			errno = 0;
			long n = strtol(optarg, &stop, 10);
			if (errno || stop == optarg || *stop || n < SWEEP_MIN_POINTS || n > SWEEP_MAX_POINTS) {
				code = usage_error(L("invalid --points '%s' (a whole number from %d to %d)",
						     "--points '%s' không hợp lệ (số nguyên từ %d đến %d)"),
						   optarg, SWEEP_MIN_POINTS, SWEEP_MAX_POINTS);
				goto cleanup;
			}
			so.points = (int)n;
			break;
		case OPT_SOURCE:
			source = optarg;
			break;
		case OPT_CSV:
			csv_file = optarg;
			break;
		case OPT_CSV_FORMAT:
			if (csv_format_option(optarg, &csv_format))
				goto cleanup;
			break;
		case OPT_SVG:
			svg_file = optarg;
			break;
		case OPT_TIMING:
			timing = 1;
			break;
		default:
			code = option_error("sweep", argv[optind - 1]);
			goto cleanup;
		}
	}
	if (argc - optind > 1) {
		code = usage_error(L("sweep: too many arguments ('%s')",
				     "sweep: thừa tham số ('%s')"), argv[optind + 1]);
		goto cleanup;
	}
	/* The range needs no data: refuse it before loading anything. */
	if (!(so.from >= 0) || !(so.to > so.from)) {
		code = usage_error(L("invalid --from %g --to %g: 0 <= from < to",
				     "--from %g --to %g không hợp lệ: cần 0 <= from < to"), so.from, so.to);
		goto cleanup;
	}
	diags.limit = common.max_errors;
	code = prepare(&in, optind < argc ? argv[optind] : NULL, &ds, &prov, common.max_errors);
	if (code == EXIT_OK)
		code = replan_dataset(&in, &ds, common.max_errors);
	if (code != EXIT_OK)
		goto cleanup;
	if (source) {
		so.source = dataset_match_source(&ds, source);
		if (so.source < 0) {
			char *names = dataset_source_names(&ds);
			code = usage_error(so.source == -2 ?
					   L("invalid --source '%s': it names more than one source (%s)",
					     "--source '%s' không hợp lệ: trùng tên với nhiều nguồn (%s)") :
					   L("invalid --source '%s': the dataset has no such source (%s)",
					     "--source '%s' không hợp lệ: bộ dữ liệu không có nguồn này (%s)"),
					   source, names ? names : "?");
			free(names);
			goto cleanup;
		}
	}
	/* The time limit is per point here, not for a whole plan. */
	so.solve.time_limit = scenario_time_limit(&in.sc, SWEEP_DEFAULT_TIME_LIMIT);
	so.solve.node_limit = scenario_node_limit(&in.sc, SOLVE_DEFAULT_NODE_LIMIT);
	if (timing)
		so.on_point = print_point_time;
	clock_gettime(CLOCK_MONOTONIC, &start);
	watchdog_arm(so.solve.time_limit * so.points);
	int swept = sweep_run(&sw, &ds, &so, &diags);
	watchdog_disarm();
	switch (swept) {
	case 0:
		break;
	case 1:
		print_diags(&diags);
		diag_list_release(&diags);
		diag_list_init(&diags, common.max_errors);
		fprintf(stderr, "%s\n", L("Try 'ntmplan --help'.", "Xem 'ntmplan --help'."));
		code = EXIT_USAGE;
		goto cleanup;
	default:
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (timing)
		fprintf(stderr, "sweep: %zu points, %.3f s\n", sw.npoints,
			(double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) * 1e-9);
	if ((csv_file && sweep_save(&sw, SWEEP_CSV, csv_format, csv_file, NULL, &diags)) ||
	    (svg_file && sweep_save(&sw, SWEEP_SVG, csv_format, svg_file,
				    in.sc.name ? in.sc.name : in.sc.dataset, &diags))) {
		code = EXIT_IOERR;
		goto cleanup;
	}
	if (sweep_print(stdout, &sw, &prov)) {
		code = finish_output(EXIT_IOERR);
		goto cleanup;
	}
	code = finish_output(EXIT_OK);
cleanup:
	print_diags(&diags);
	diag_list_release(&diags);
	sweep_release(&sw);
	dataset_release(&ds);
	provenance_release(&prov);
	scenario_release(&in.sc);
	return code;
}

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary_en;
	const char *summary_vi;
};

static const struct command commands[] = {
	{"check", cmd_check, "load and check a dataset, print the baseline",
	 "nạp và kiểm tra bộ dữ liệu, in hiện trạng năm gốc"},
	{"plan", cmd_plan, "the optimal multi-year allocation, as a proposal",
	 "phương án phân bổ vốn tối ưu theo năm, dạng đề xuất"},
	{"compare", cmd_compare, "optimal plans of several scenarios side by side",
	 "so sánh phương án tối ưu của nhiều kịch bản"},
	{"sweep", cmd_sweep, "communes at standard over a range of budgets (frontier)",
	 "số xã đạt chuẩn theo các mức ngân sách (đường biên)"},
};

static void print_help(void)
{
	printf("%s", L(
"Usage: ntmplan [--lang vi|en] COMMAND [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Plans which communes and which works to fund first, year by year, so that\n"
"the most communes reach the New Rural Development standard within budget.\n"
"Money is in million VND.\n"
"\n"
"Commands:\n",
"Cách dùng: ntmplan [--lang vi|en] LỆNH [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Lập kế hoạch đầu tư theo năm: xã nào, hạng mục nào làm trước, để nhiều xã\n"
"nhất đạt chuẩn nông thôn mới trong phạm vi ngân sách. Đơn vị tiền: triệu đồng.\n"
"\n"
"Các lệnh:\n"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name,
		       L(commands[i].summary_en, commands[i].summary_vi));
	printf("%s", L(
"\n"
"'ntmplan COMMAND --help' describes each command.\n"
"\n"
"Exit codes:\n"
"  0   success\n"
"  3   plan --strict: the targets cannot all be met\n"
"  64  wrong command line\n"
"  65  the data or a scenario file has errors (each is shown with file:line)\n"
"  66  an input file or folder is missing\n"
"  70  out of memory or internal error\n"
"  74  an output could not be written (disk full, file too large)\n"
"  75  the solver ran far past its time limit (its watchdog stopped it)\n"
"  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM; no output file is\n"
"            left half-written\n",
"\n"
"'ntmplan LỆNH --help' mô tả từng lệnh.\n"
"\n"
"Mã thoát:\n"
"  0   thành công\n"
"  3   plan --strict: không thể đạt mọi chỉ tiêu\n"
"  64  dòng lệnh sai\n"
"  65  dữ liệu hoặc tệp kịch bản có lỗi (mỗi lỗi ghi rõ tệp:dòng)\n"
"  66  thiếu tệp hoặc thư mục đầu vào\n"
"  70  hết bộ nhớ hoặc lỗi nội bộ\n"
"  74  không ghi được kết quả (đĩa đầy, tệp quá lớn)\n"
"  75  bộ giải chạy quá xa giới hạn thời gian (bị dừng)\n"
"  130, 143  bị ngắt bởi SIGINT (Ctrl-C) hoặc SIGTERM; không để lại tệp\n"
"            kết quả ghi dở\n"));
}

int main(int argc, char **argv)
{
	int i = 1;
	/* An interrupted run leaves no temporary output file (outfile.h). */
	outfile_catch_signals();
	solver_env_read(&solver_params);
	/* Options before the command: --lang, --help, --version. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		enum lang lang;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_help();
			return finish_output(EXIT_OK);
		}
		if (!strcmp(argv[i], "--version")) {
			version_print(stdout);
			return finish_output(EXIT_OK);
		}
		if (!strncmp(argv[i], "--lang=", 7) || !strcmp(argv[i], "--lang")) {
			const char *value = argv[i][6] == '=' ? argv[i] + 7 :
					    i + 1 < argc ? argv[++i] : "";
			if (lang_parse(value, &lang))
				return usage_error(L("unknown language '%s' (use vi or en)",
						     "không có ngôn ngữ '%s' (dùng vi hoặc en)"),
						   value);
			lang_set(lang);
			continue;
		}
		return usage_error(L("unknown option '%s'", "không có tùy chọn '%s'"), argv[i]);
	}
	if (i >= argc) {
		print_help();
		finish_output(EXIT_OK);
		return EXIT_USAGE;
	}
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].run(argc - i, argv + i);
	const char *names[sizeof(commands) / sizeof(commands[0])];
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		names[c] = commands[c].name;
	const char *guess = suggest_best(argv[i], names, sizeof(names) / sizeof(names[0]));
	if (guess)
		return usage_error(L("unknown command '%s'; did you mean '%s'?",
				     "không có lệnh '%s'; có phải ý bạn là '%s'?"), argv[i], guess);
	return usage_error(L("unknown command '%s'", "không có lệnh '%s'"), argv[i]);
}
