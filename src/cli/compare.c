/* ntmplan compare: the optimal plans of several scenarios side by side. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "datadir.h"
#include "lang.h"
#include "solver_env.h"

/* More would run out of letters to name them by (A to Z). */
#define COMPARE_MAX 26

static const struct option compare_table[] = {
	COMMON_OPTIONS,
	LIMIT_OPTIONS,
	MONEY_TOLERANCE_OPTION,
	{"pdf", required_argument, NULL, OPT_PDF},
	{"date", required_argument, NULL, OPT_DATE},
	{"variant", required_argument, NULL, OPT_VARIANT},
	END_OPTIONS,
};

struct compare_args {
	const char *pdf_file, *date_arg;
	const char *variants[COMPARE_MAX + 1]; /* --variant, in order */
	size_t nvariants;
};

static int compare_option(int opt, const char *arg, void *ctx)
{
	struct compare_args *a = ctx;
	if (opt == OPT_VARIANT) {
		if (a->nvariants == COMPARE_MAX)
			return usage_error(L("compare: at most 26 scenarios ('%s')",
					     "compare: tối đa 26 kịch bản ('%s')"), arg), -1;
		a->variants[a->nvariants++] = arg;
		return 0;
	}
	*(opt == OPT_PDF ? &a->pdf_file : &a->date_arg) = arg;
	return 0;
}

/* app_compare's hook: variant i's changes into its run's scenario. */
static int add_variant(size_t i, struct scenario *sc, void *arg)
{
	const struct compare_args *a = arg;
	return variant_changes(a->variants[i], sc);
}

static const struct command_options compare_options = {
	"compare", compare_table, print_compare_help, compare_option, 0,
};

int cmd_compare(int argc, char **argv)
{
	struct compare_args a = {.pdf_file = NULL};
	char **args = NULL;
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
	/* The scenarios given, or with variants and none given, the default
	 * dataset as A; each variant is A with its changes. */
	size_t nbase = argc - optind > 0 || !a.nvariants ? (size_t)(argc - optind) : 1;
	if (nbase + a.nvariants < 2) {
		code = usage_error(L("compare: give at least two scenarios or datasets%s",
				     "compare: cần ít nhất hai kịch bản hoặc bộ dữ liệu%s"),
				   L(", or a --variant", ", hoặc một --variant"));
		goto cleanup;
	}
	if (nbase + a.nvariants > COMPARE_MAX) {
		code = usage_error(L("compare: at most 26 scenarios ('%s')",
				     "compare: tối đa 26 kịch bản ('%s')"),
				   nbase > COMPARE_MAX ? argv[optind + COMPARE_MAX] :
				   a.variants[COMPARE_MAX - nbase]);
		goto cleanup;
	}
	/* Every variant is read before anything is solved: a bad one stops
	 * the command at once. */
	for (size_t v = 0; v < a.nvariants; v++) {
		struct scenario check;
		scenario_init(&check);
		int bad = variant_changes(a.variants[v], &check);
		scenario_release(&check);
		if (bad) {
			code = EXIT_USAGE;
			goto cleanup;
		}
	}
	const char *base = argc > optind ? argv[optind] : datadir_default();
	if (!base) {
		datadir_print_missing(stderr, PROGRAM);
		code = EXIT_NOINPUT;
		goto cleanup;
	}
	args = calloc(nbase + a.nvariants + 1, sizeof(*args));
	if (!args) {
		code = EXIT_SOFTWARE;
		goto cleanup;
	}
	for (size_t i = 0; i < nbase + a.nvariants; i++)
		args[i] = i < nbase && argc - optind > (int)i ? argv[optind + (int)i] : (char *)base;
	code = EXIT_USAGE;
	if ((a.pdf_file || a.date_arg) && choose_pdf_date(date, a.date_arg))
		goto cleanup;
	diags.limit = parsed.max_errors;
	struct app_hooks hooks = cli_solve_hooks();
	size_t n = nbase + a.nvariants;
	struct app_compare_options co = {&limits, a.pdf_file, date, solver_env_params(),
					 a.nvariants ? add_variant : NULL, &a, a.variants, nbase};
	enum app_status status = app_compare(&cmp, args, n, &co, &hooks, &diags);
	if (status != APP_OK && a.nvariants && cmp.failed >= nbase)
		fprintf(stderr, L("%s: (in --variant '%s')\n", "%s: (trong --variant '%s')\n"),
			PROGRAM, a.variants[cmp.failed - nbase]);
	/* Each run's progress warnings, as it was prepared. */
	for (size_t i = 0; cmp.runs && i < n && i <= cmp.failed; i++)
		print_diags(&cmp.runs[i].warnings);
	int printed = status == APP_OK ? compare_print(stdout, cmp.entries, n) : 0;
	code = cli_finish_report(status, printed, cmp.runs ? &cmp.runs[cmp.failed] : NULL, &diags);
cleanup:
	free(args);
	diag_list_release(&diags);
	app_compare_release(&cmp);
	scenario_release(&limits);
	return code;
}
