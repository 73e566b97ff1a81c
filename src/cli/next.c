/* ntmplan next: the next communes more money brings to standard. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "lang.h"
#include "next.h"
#include "nextout.h"
#include "solver_env.h"

static const struct option next_table[] = {
	COMMON_OPTIONS,
	{"count", required_argument, NULL, OPT_COUNT},
	LIMIT_OPTIONS,
	{"timing", no_argument, NULL, OPT_TIMING},
	{"method", required_argument, NULL, OPT_METHOD},
	CHANGE_OPTIONS,
	END_OPTIONS,
};

struct next_args {
	int count, timing;
	enum solve_method method;
};

static int next_option(int opt, const char *arg, void *ctx)
{
	struct next_args *a = ctx;
	char *end;
	switch (opt) {
	case OPT_COUNT:
		errno = 0;
		long n = strtol(arg, &end, 10);
		if (errno || *end || !*arg || n < 1 || n > 20) {
			usage_error(L("invalid --count '%s' (a whole number from 1 to 20)",
				      "--count '%s' không hợp lệ (số nguyên từ 1 đến 20)"), arg);
			return -1;
		}
		a->count = (int)n;
		break;
	case OPT_TIMING:
		a->timing = 1;
		break;
	case OPT_METHOD:
		return method_option(arg, &a->method);
	}
	return 0;
}

static const struct command_options next_options = {
	"next", next_table, print_next_help, next_option, 1,
};

int cmd_next(int argc, char **argv)
{
	struct next_args a = {.count = 3, .timing = 0, .method = SOLVE_AUTO};
	struct app_run run;
	struct next_result r;
	struct diag_list diags;
	enum app_status status = APP_OK;
	int code;

	app_run_init(&run);
	next_result_init(&r);
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &run.sc, &run.scenario_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &next_options, &parsed, &a);
	if (code >= 0)
		goto cleanup;
	diags.limit = parsed.max_errors;
	code = prepare_run(argc, argv, &run, &diags, &status);
	if (code >= 0)
		goto cleanup;
	if (status != APP_OK) {
		code = cli_finish(status, &run, &diags);
		goto cleanup;
	}
	struct solve_options so;
	solve_options_init(&so);
	so.params = solver_env_params();
	so.method = a.method;
	app_solve_limits(&run, &so);
	if (next_communes(&run.ds, &so, a.count, &r, &diags)) {
		code = cli_finish(APP_FAILED, &run, &diags);
		goto cleanup;
	}
	if (a.timing)
		fprintf(stderr, "next: %zu runs in %.3f s\n", r.runs, r.seconds);
	code = cli_finish_report(APP_OK, next_print(stdout, &r, &run.prov), &run, &diags);
cleanup:
	diag_list_release(&diags);
	next_result_release(&r);
	app_run_release(&run);
	return code;
}
