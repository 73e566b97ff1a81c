/* ntmplan compare: the optimal plans of several scenarios side by side. */
#include <stdio.h>

#include "cli.h"
#include "lang.h"
#include "solver_env.h"

/* More would run out of letters to name them by (A to Z). */
#define COMPARE_MAX 26

static const struct option compare_table[] = {
	COMMON_OPTIONS,
	LIMIT_OPTIONS,
	{"pdf", required_argument, NULL, OPT_PDF},
	{"date", required_argument, NULL, OPT_DATE},
	END_OPTIONS,
};

struct compare_args {
	const char *pdf_file, *date_arg;
};

static int compare_option(int opt, const char *arg, void *ctx)
{
	struct compare_args *a = ctx;
	*(opt == OPT_PDF ? &a->pdf_file : &a->date_arg) = arg;
	return 0;
}

static const struct command_options compare_options = {
	"compare", compare_table, print_compare_help, compare_option, 0,
};

int cmd_compare(int argc, char **argv)
{
	struct compare_args a = {NULL, NULL};
	struct scenario limits;          /* --time-limit and --node-limit */
	const char *no_file = NULL;
	struct app_compare cmp;
	struct diag_list diags;
	char date[PDF_DATE_SIZE];
	int code;

	scenario_init(&limits);
	app_compare_init(&cmp);
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &limits, &no_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &compare_options, &parsed, &a);
	if (code >= 0)
		goto cleanup;
	if (argc - optind < 2) {
		code = usage_error(L("compare: give at least two scenarios or datasets%s",
				     "compare: cần ít nhất hai kịch bản hoặc bộ dữ liệu%s"), "");
		goto cleanup;
	}
	if (argc - optind > COMPARE_MAX) {
		code = usage_error(L("compare: at most 26 scenarios ('%s')",
				     "compare: tối đa 26 kịch bản ('%s')"), argv[optind + COMPARE_MAX]);
		goto cleanup;
	}
	code = EXIT_USAGE;
	if ((a.pdf_file || a.date_arg) && choose_pdf_date(date, a.date_arg))
		goto cleanup;
	diags.limit = parsed.max_errors;
	struct app_hooks hooks = cli_solve_hooks();
	size_t n = (size_t)(argc - optind);
	struct app_compare_options co = {&limits, a.pdf_file, date, solver_env_params()};
	enum app_status status = app_compare(&cmp, argv + optind, n, &co, &hooks, &diags);
	/* Each run's progress warnings, as it was prepared. */
	for (size_t i = 0; cmp.runs && i < n && i <= cmp.failed; i++)
		print_diags(&cmp.runs[i].warnings);
	int printed = status == APP_OK ? compare_print(stdout, cmp.entries, n) : 0;
	code = cli_finish_report(status, printed, cmp.runs ? &cmp.runs[cmp.failed] : NULL, &diags);
cleanup:
	diag_list_release(&diags);
	app_compare_release(&cmp);
	scenario_release(&limits);
	return code;
}
