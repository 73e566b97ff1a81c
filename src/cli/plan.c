/* ntmplan plan: the optimal plan as a proposal, its CSV files and PDF. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "planout.h"
#include "report.h"
#include "solver_env.h"

static const struct option plan_table[] = {
	COMMON_OPTIONS,
	{"out", required_argument, NULL, OPT_OUT},
	LIMIT_OPTIONS,
	MONEY_TOLERANCE_OPTION,
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
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	CHANGE_OPTIONS,
	END_OPTIONS,
};

struct plan_args {
	struct app_plan_options o;
	const char *date_arg;  /* --date */
	const char *against;   /* --against */
	int timing;
};

static int plan_option(int opt, const char *arg, void *ctx)
{
	struct plan_args *a = ctx;
	switch (opt) {
	case OPT_OUT:
		a->o.out_dir = arg;
		break;
	case OPT_WRITE_LP:
		a->o.lp_file = arg;
		break;
	case OPT_WRITE_MPS:
		a->o.mps_file = arg;
		break;
	case OPT_STRICT:
		a->o.strict = 1;
		break;
	case OPT_TIMING:
		a->timing = 1;
		break;
	case OPT_NO_PRICES:
		a->o.no_prices = 1;
		break;
	case OPT_PDF:
		a->o.pdf_file = arg;
		break;
	case OPT_DATE:
		a->date_arg = arg;
		break;
	case OPT_AGAINST:
		a->against = arg;
		break;
	case OPT_CSV_FORMAT:
		return csv_format_option(arg, &a->o.csv_format);
	case OPT_METHOD:
		return method_option(arg, &a->o.method);
	case OPT_EXPLAIN:
		a->o.explain = 1;
		break;
	}
	return 0;
}

static const struct command_options plan_options = {
	"plan", plan_table, print_plan_help, plan_option, 1,
};

/* --timing: each stage's time on standard error (never on stdout: the
 * report itself must not change between runs). */
static void print_stage_times(const struct plan *p, double pricing, void *arg)
{
	(void)arg;
	for (int stage = 0; stage < OBJ_COUNT; stage++)
		fprintf(stderr, "stage %d %s: %.3f s, %s\n", stage, objective_name((enum objective)stage),
			p->stages[stage].seconds, stage_status_name(p->stages[stage].status));
	fprintf(stderr, "prices: %.3f s\n", pricing);
}

int cmd_plan(int argc, char **argv)
{
	struct plan_args a = {.timing = 0};
	struct app_run run;
	struct plan rule_plans[RULE_COUNT];
	struct diag_list diags;
	char date[PDF_DATE_SIZE];
	struct app_hooks hooks = cli_solve_hooks();
	int code;

	app_run_init(&run);
	for (int r = 0; r < RULE_COUNT; r++)
		plan_init(&rule_plans[r]);
	app_plan_options_init(&a.o);
	a.o.params = solver_env_params();
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &run.sc, &run.scenario_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &plan_options, &parsed, &a);
	if (code >= 0)
		goto cleanup;
	code = EXIT_USAGE;
	if (a.o.explain && !a.o.pdf_file) {
		code = usage_error("%s", L("plan: --explain adds a page to the PDF: give --pdf FILE",
					   "plan: --explain thêm một trang vào PDF: cần --pdf FILE"));
		goto cleanup;
	}
	if ((a.o.pdf_file || a.date_arg) && choose_pdf_date(date, a.date_arg))
		goto cleanup;
	a.o.date = date;
	run.replan.against = a.against;
	diags.limit = parsed.max_errors;
	if (a.timing)
		hooks.planned = print_stage_times;
	enum app_status status;
	code = prepare_run(argc, argv, &run, &diags, &status);
	if (code >= 0)
		goto cleanup;
	if (status == APP_OK)
		status = app_plan(&run, &a.o, &hooks, rule_plans, &diags);
	struct replan_view view;
	const struct replan_view *changes = app_replan_view(&run, &view);
	/* A re-plan opens with what changed against the original plan. */
	int printed = status == APP_OK || status == APP_TARGETS_UNMET ?
		      (changes && report_replan_changes(stdout, &run.plan, changes)) ||
		      report_plan(stdout, &run.plan, rule_plans, RULE_COUNT, &run.prov) : 0;
	code = cli_finish_report(status, printed, &run, &diags);
cleanup:
	diag_list_release(&diags);
	for (int r = 0; r < RULE_COUNT; r++)
		plan_release(&rule_plans[r]);
	app_run_release(&run);
	return code;
}
