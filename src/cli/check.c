/* ntmplan check: load and check a dataset, print the baseline. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baseline.h"
#include "cli.h"
#include "lang.h"

static const struct option check_table[] = {
	COMMON_OPTIONS,
	CHANGE_OPTIONS,
	END_OPTIONS,
};

static const struct command_options check_options = {
	"check", check_table, print_check_help, NULL, 1,
};

int cmd_check(int argc, char **argv)
{
	struct app_run run;
	struct diag_list diags;
	struct baseline b;
	int code;

	app_run_init(&run);
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &run.sc, &run.scenario_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &check_options, &parsed, NULL);
	if (code >= 0)
		goto cleanup;
	diags.limit = parsed.max_errors;
	enum app_status status;
	code = prepare_run(argc, argv, &run, &diags, &status);
	if (code >= 0)
		goto cleanup;
	if (status != APP_OK) {
		code = cli_finish(status, &run, &diags);
		goto cleanup;
	}
	baseline_compute(&run.ds, &b);
	if (baseline_print(stdout, &run.ds, &b, &run.prov)) {
		code = EXIT_IOERR;
		fprintf(stderr, L("%s: cannot write the report: %s\n",
				  "%s: không ghi được báo cáo: %s\n"),
			PROGRAM, strerror(errno));
		goto cleanup;
	}
	code = finish_output(EXIT_OK);
cleanup:
	diag_list_release(&diags);
	app_run_release(&run);
	return code;
}
