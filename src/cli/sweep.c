/* ntmplan sweep: communes at standard over a range of budgets. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "lang.h"
#include "planout.h"
#include "solver_env.h"

static const struct option sweep_table[] = {
	COMMON_OPTIONS,
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"points", required_argument, NULL, OPT_POINTS},
	{"source", required_argument, NULL, OPT_SOURCE},
	{"csv", required_argument, NULL, OPT_CSV},
	{"svg", required_argument, NULL, OPT_SVG},
	{"csv-format", required_argument, NULL, OPT_CSV_FORMAT},
	LIMIT_OPTIONS,
	{"timing", no_argument, NULL, OPT_TIMING},
	CHANGE_OPTIONS,
	END_OPTIONS,
};

struct sweep_args {
	struct app_sweep_options o;
	int timing;
};

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

static int sweep_option(int opt, const char *arg, void *ctx)
{
	struct sweep_args *a = ctx;
	char *stop;
	switch (opt) {
	case OPT_FROM:
		return parse_factor("--from", arg, &a->o.sweep.from);
	case OPT_TO:
		return parse_factor("--to", arg, &a->o.sweep.to);
	case OPT_POINTS:
		errno = 0;
		long n = strtol(arg, &stop, 10);
		if (errno || stop == arg || *stop || n < SWEEP_MIN_POINTS || n > SWEEP_MAX_POINTS) {
			usage_error(L("invalid --points '%s' (a whole number from %d to %d)",
				      "--points '%s' không hợp lệ (số nguyên từ %d đến %d)"),
				    arg, SWEEP_MIN_POINTS, SWEEP_MAX_POINTS);
			return -1;
		}
		a->o.sweep.points = (int)n;
		break;
	case OPT_SOURCE:
		a->o.source = arg;
		break;
	case OPT_CSV:
		a->o.csv_file = arg;
		break;
	case OPT_SVG:
		a->o.svg_file = arg;
		break;
	case OPT_CSV_FORMAT:
		return csv_format_option(arg, &a->o.csv_format);
	case OPT_TIMING:
		a->timing = 1;
		break;
	}
	return 0;
}

static const struct command_options sweep_options = {
	"sweep", sweep_table, print_sweep_help, sweep_option, 1,
};

/* --timing: each point's time on standard error, as it is solved. */
static void print_point_time(const struct sweep_point *pt, size_t i, size_t n, void *arg)
{
	(void)arg;
	fprintf(stderr, "point %zu/%zu scale %g: %.3f s (stage 0 %.3f s %s, stage 1 %.3f s %s)\n",
		i + 1, n, pt->scale, pt->seconds,
		pt->stage[0].seconds, stage_status_name(pt->stage[0].status),
		pt->stage[1].seconds, stage_status_name(pt->stage[1].status));
}

/* --timing: the whole sweep's time. */
static void print_sweep_time(const struct sweep *sw, double seconds, void *arg)
{
	(void)arg;
	fprintf(stderr, "sweep: %zu points, %.3f s\n", sw->npoints, seconds);
}

int cmd_sweep(int argc, char **argv)
{
	struct sweep_args a = {.timing = 0};
	struct app_run run;
	struct sweep sw;
	struct diag_list diags;
	struct app_hooks hooks = cli_solve_hooks();
	int code;

	app_run_init(&run);
	sweep_init(&sw);
	app_sweep_options_init(&a.o);
	a.o.sweep.solve.params = solver_env_params();
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, &run.sc, &run.scenario_file};
	diag_list_init(&diags, DIAG_DEFAULT_LIMIT);
	code = parse_options(argc, argv, &sweep_options, &parsed, &a);
	if (code >= 0)
		goto cleanup;
	/* The range needs no data: refuse it before loading anything. */
	if (!(a.o.sweep.from >= 0) || !(a.o.sweep.to > a.o.sweep.from)) {
		code = usage_error(L("invalid --from %g --to %g: 0 <= from < to",
				     "--from %g --to %g không hợp lệ: cần 0 <= from < to"),
				   a.o.sweep.from, a.o.sweep.to);
		goto cleanup;
	}
	diags.limit = parsed.max_errors;
	if (a.timing) {
		a.o.sweep.on_point = print_point_time;
		hooks.swept = print_sweep_time;
	}
	enum app_status status;
	code = prepare_run(argc, argv, &run, &diags, &status);
	if (code >= 0)
		goto cleanup;
	if (status == APP_OK)
		status = app_sweep(&run, &a.o, &hooks, &sw, &diags);
	int printed = status == APP_OK ? sweep_print(stdout, &sw, &run.prov) : 0;
	code = cli_finish_report(status, printed, &run, &diags);
cleanup:
	diag_list_release(&diags);
	sweep_release(&sw);
	app_run_release(&run);
	return code;
}
