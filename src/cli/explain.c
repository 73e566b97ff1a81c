/* ntmplan explain: why a commune is or is not in the plan; explain --all. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "explain.h"
#include "explainout.h"
#include "lang.h"
#include "rules.h"
#include "solver_env.h"

static const struct option explain_table[] = {
	COMMON_OPTIONS,
	{"all", no_argument, NULL, OPT_ALL},
	{"out", required_argument, NULL, OPT_OUT},
	{"csv-format", required_argument, NULL, OPT_CSV_FORMAT},
	{"pdf", required_argument, NULL, OPT_PDF},
	{"date", required_argument, NULL, OPT_DATE},
	LIMIT_OPTIONS,
	{"timing", no_argument, NULL, OPT_TIMING},
	{"method", required_argument, NULL, OPT_METHOD},
	CHANGE_OPTIONS,
	END_OPTIONS,
};

struct explain_args {
	int all, timing;
	const char *out_dir, *pdf_file, *date_arg;
	enum csv_format csv_format;
	enum solve_method method;
};

static int explain_option(int opt, const char *arg, void *ctx)
{
	struct explain_args *a = ctx;
	switch (opt) {
	case OPT_ALL:
		a->all = 1;
		break;
	case OPT_OUT:
		a->out_dir = arg;
		break;
	case OPT_PDF:
		a->pdf_file = arg;
		break;
	case OPT_DATE:
		a->date_arg = arg;
		break;
	case OPT_TIMING:
		a->timing = 1;
		break;
	case OPT_CSV_FORMAT:
		return csv_format_option(arg, &a->csv_format);
	case OPT_METHOD:
		return method_option(arg, &a->method);
	}
	return 0;
}

static const struct command_options explain_options = {
	"explain", explain_table, print_explain_help, explain_option, 0,
};

/* Whether a positional argument names the dataset or scenario (an
 * existing file or folder, or a .ini name) rather than a commune id. */
static int names_input(const char *arg)
{
	struct stat st;
	size_t len = strlen(arg);
	return !stat(arg, &st) || (len > 4 && !strcmp(arg + len - 4, ".ini"));
}

int cmd_explain(int argc, char **argv)
{
	struct explain_args a = {.csv_format = CSV_FORMAT_EXCEL_VI, .method = SOLVE_AUTO};
	struct app_run run;
	struct explain_result r;
	struct plan rule_plans[RULE_COUNT];
	struct diag_list diags;
	char date[PDF_DATE_SIZE];
	const char **ids = calloc((size_t)argc + 1, sizeof(*ids));
	size_t *which = calloc((size_t)argc + 1, sizeof(*which)), nwhich = 0;
	char *input[3] = {argv[0], NULL, NULL};
	enum app_status status = APP_OK;
	int code;

	app_run_init(&run);
	explain_result_init(&r);
	for (int k = 0; k < RULE_COUNT; k++)
		plan_init(&rule_plans[k]);
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &run.sc, &run.scenario_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &explain_options, &parsed, &a);
	if (code >= 0)
		goto cleanup;
	code = EXIT_SOFTWARE;
	if (!ids || !which)
		goto cleanup;
	code = EXIT_USAGE;
	for (int i = optind; i < argc; i++) {
		if (!names_input(argv[i])) {
			ids[nwhich++] = argv[i];
		} else if (input[1]) {
			code = usage_error(L("explain: two datasets or scenarios ('%s' and '%s')",
					     "explain: hai bộ dữ liệu hoặc kịch bản ('%s' và '%s')"),
					   input[1], argv[i]);
			goto cleanup;
		} else {
			input[1] = argv[i];
		}
	}
	if (a.all == (nwhich > 0)) {
		code = usage_error("%s", a.all ? L("explain: give commune ids or --all, not both",
						   "explain: ghi mã xã hoặc --all, không ghi cả hai") :
					    L("explain: give the commune ids to explain, or --all",
					      "explain: cần mã xã cần giải thích, hoặc --all"));
		goto cleanup;
	}
	if ((a.pdf_file || a.date_arg) && choose_pdf_date(date, a.date_arg))
		goto cleanup;
	diags.limit = parsed.max_errors;
	/* The dataset or scenario as the only argument prepare_run reads. */
	optind = 1;
	code = prepare_run(input[1] ? 2 : 1, input, &run, &diags, &status);
	if (code >= 0)
		goto cleanup;
	if (status != APP_OK) {
		code = cli_finish(status, &run, &diags);
		goto cleanup;
	}
	for (size_t i = 0; i < nwhich; i++) {
		long c = dataset_find_commune(&run.ds, ids[i]);
		if (c < 0) {
			code = usage_error(L("explain: no commune '%s' in '%s' (communes.csv)",
					     "explain: không có xã '%s' trong '%s' (communes.csv)"),
					   ids[i], run.sc.dataset);
			goto cleanup;
		}
		which[i] = (size_t)c;
	}
	struct solve_options so;
	solve_options_init(&so);
	so.params = solver_env_params();
	so.method = a.method;
	app_solve_limits(&run, &so);
	/* A single commune's runs solve every stage, so that its plan is
	 * the one `plan --exclude` or `--require` gives; --all solves the
	 * level stages only, which decide the statuses: the commune-years
	 * stage alone can take seconds to prove on a changed dataset
	 * (docs/performance.md). The time limit is per run. */
	unsigned run_stages = a.all ? SOLVE_STAGE(OBJ_COMMUNES + 1) - 1 : SOLVE_ALL_STAGES;
	if (explain_communes(&run.ds, &so, run_stages, a.all ? NULL : which, nwhich, &r, &diags)) {
		code = cli_finish(APP_FAILED, &run, &diags);
		goto cleanup;
	}
	if (a.timing)
		fprintf(stderr, "explain: %zu runs in %.3f s\n", r.runs, r.seconds);
	if (a.out_dir && (app_ensure_folder(a.out_dir) ||
			  explain_write_csv(&r, a.out_dir, a.csv_format, &diags))) {
		if (!diags.nr)
			diag_add(&diags, a.out_dir, 0, 0, L("cannot create the folder: %s",
							    "không tạo được thư mục: %s"), strerror(errno));
		code = cli_finish(APP_WRITE_FAILED, &run, &diags);
		goto cleanup;
	}
	for (int k = 0; a.pdf_file && k < RULE_COUNT; k++) {
		if (rules_plan(&run.ds, (enum rule)k, &rule_plans[k])) {
			diag_add(&diags, NULL, 0, 0, L("the rule-of-thumb plans failed",
						       "không lập được phương án theo cách làm thông thường"));
			code = cli_finish(APP_FAILED, &run, &diags);
			goto cleanup;
		}
	}
	if (a.pdf_file && pdf_write_explained(a.pdf_file, &r, rule_plans, RULE_COUNT, &run.prov,
					      date, &diags)) {
		code = cli_finish(APP_WRITE_FAILED, &run, &diags);
		goto cleanup;
	}
	code = cli_finish_report(APP_OK, explain_print(stdout, &r, &run.prov), &run, &diags);
cleanup:
	diag_list_release(&diags);
	free(ids);
	free(which);
	explain_result_release(&r);
	for (int k = 0; k < RULE_COUNT; k++)
		plan_release(&rule_plans[k]);
	app_run_release(&run);
	return code;
}
