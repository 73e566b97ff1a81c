/*
 * Messages on the terminal and exit codes: the one table from the
 * pipeline's statuses to exit codes, and the line that sums up each.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lang.h"

static const int exit_codes[APP_STATUS_COUNT] = {
	[APP_OK] = EXIT_OK,
	[APP_USAGE] = EXIT_USAGE,
	[APP_SCENARIO_MISSING] = EXIT_NOINPUT,
	[APP_SCENARIO_INVALID] = EXIT_DATAERR,
	[APP_DATASET_MISSING] = EXIT_NOINPUT,
	[APP_DATASET_NO_FOLDER] = EXIT_NOINPUT, /* no summary: the message names the folder */
	[APP_DATASET_INVALID] = EXIT_DATAERR,
	[APP_CHANGES_INVALID] = EXIT_DATAERR,
	[APP_INPUT_MISSING] = EXIT_NOINPUT,
	[APP_PROGRESS_INVALID] = EXIT_DATAERR,
	[APP_AGAINST_INVALID] = EXIT_DATAERR,
	[APP_NOMEM] = EXIT_SOFTWARE,
	[APP_FAILED] = EXIT_SOFTWARE,
	[APP_WRITE_FAILED] = EXIT_IOERR,
	[APP_TARGETS_UNMET] = EXIT_TARGETS,
};

static void try_help(void)
{
	fprintf(stderr, "%s\n", L("Try 'ntmplan --help'.", "Xem 'ntmplan --help'."));
}

int usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", PROGRAM);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	try_help();
	return EXIT_USAGE;
}

void print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->nr; i++) {
		fprintf(stderr, "%s: ", PROGRAM);
		diag_print(stderr, &diags->items[i]);
	}
	if (diags->dropped)
		fprintf(stderr, L("%s: ... and %zu more errors not shown (raise --max-errors)\n",
				  "%s: ... và %zu lỗi khác không hiển thị (tăng --max-errors)\n"),
			PROGRAM, diags->dropped);
}

int finish_output(int code)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, L("%s: cannot write output: %s\n",
				  "%s: không ghi được kết quả: %s\n"),
			PROGRAM, strerror(errno));
		return EXIT_IOERR;
	}
	return code;
}

/* The line after the diagnostics that says what they add up to, for the
 * statuses that have one. */
static void print_summary(enum app_status status, const struct app_run *run)
{
	switch (status) {
	case APP_USAGE:
		try_help();
		break;
	case APP_SCENARIO_INVALID:
		if (run->errors == 1)
			fprintf(stderr, L("%s: scenario '%s' has 1 error\n",
					  "%s: kịch bản '%s' có 1 lỗi\n"), PROGRAM, run->file);
		else
			fprintf(stderr, L("%s: scenario '%s' has %zu errors\n",
					  "%s: kịch bản '%s' có %zu lỗi\n"), PROGRAM, run->file, run->errors);
		break;
	case APP_DATASET_MISSING:
		fprintf(stderr, L("%s: cannot load dataset '%s': a file is missing\n",
				  "%s: không nạp được bộ dữ liệu '%s': thiếu tệp\n"),
			PROGRAM, run->sc.dataset);
		break;
	case APP_DATASET_INVALID:
		if (run->errors == 1)
			fprintf(stderr, L("%s: dataset '%s' has 1 error\n",
					  "%s: bộ dữ liệu '%s' có 1 lỗi\n"), PROGRAM, run->sc.dataset);
		else
			fprintf(stderr, L("%s: dataset '%s' has %zu errors\n",
					  "%s: bộ dữ liệu '%s' có %zu lỗi\n"),
				PROGRAM, run->sc.dataset, run->errors);
		break;
	case APP_CHANGES_INVALID:
		fprintf(stderr, L("%s: scenario '%s' does not fit dataset '%s'\n",
				  "%s: kịch bản '%s' không khớp với bộ dữ liệu '%s'\n"),
			PROGRAM, run->file ? run->file : "(null)", run->sc.dataset);
		break;
	case APP_PROGRESS_INVALID:
		fprintf(stderr, L("%s: progress file '%s' has %zu errors\n",
				  "%s: tệp tiến độ '%s' có %zu lỗi\n"),
			PROGRAM, run->replan.file, run->errors);
		break;
	case APP_NOMEM:
		fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), PROGRAM);
		break;
	case APP_TARGETS_UNMET:
		fprintf(stderr, L("%s: the targets cannot all be met (total shortfall %g)\n",
				  "%s: không thể đạt mọi chỉ tiêu (tổng thiếu hụt %g)\n"),
			PROGRAM, run->plan.objective[OBJ_SHORTFALL]);
		break;
	default:
		break;
	}
}

int cli_finish(enum app_status status, const struct app_run *run, const struct diag_list *diags)
{
	print_diags(diags);
	print_summary(status, run);
	return exit_codes[status];
}

int cli_finish_report(enum app_status status, int report_rc, const struct app_run *run,
		      const struct diag_list *diags)
{
	if (status == APP_OK || status == APP_TARGETS_UNMET) {
		int code = finish_output(report_rc ? EXIT_IOERR : EXIT_OK);
		if (code != EXIT_OK) {
			print_diags(diags);
			return code;
		}
	}
	return cli_finish(status, run, diags);
}
