/*
 * The one option loop every command runs on its own table (cli.h): the
 * options all commands share are handled here, the command's own through
 * its callback.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "datadir.h"
#include "lang.h"
#include "xalloc.h"

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

/* --lang and --max-errors. Returns 1 when handled, 0 when not one of them,
 * or -1 (after printing) on a bad value. */
static int common_option(int opt, const char *arg, struct parsed_options *parsed)
{
	enum lang lang;
	char *end;
	switch (opt) {
	case OPT_LANG:
		if (lang_parse(arg, &lang)) {
			usage_error(L("unknown language '%s' (use vi or en)",
				      "không có ngôn ngữ '%s' (dùng vi hoặc en)"), arg);
			return -1;
		}
		lang_set(lang);
		return 1;
	case OPT_MAX_ERRORS:
		errno = 0;
		unsigned long n = strtoul(arg, &end, 10);
		if (errno || *end || !*arg || arg[0] == '-' || n == 0) {
			usage_error(L("invalid --max-errors '%s' (a whole number above 0)",
				      "--max-errors '%s' không hợp lệ (số nguyên lớn hơn 0)"), arg);
			return -1;
		}
		parsed->max_errors = n;
		return 1;
	default:
		return 0;
	}
}

/* --scenario and the options that change the dataset. Returns 1 when
 * handled, 0 when not one of them, or -1 (after printing) on a bad value. */
static int change_option(int opt, const char *arg, struct parsed_options *parsed)
{
	if (opt == OPT_SCENARIO) {
		if (*parsed->scenario_file) {
			usage_error(L("--scenario is given twice", "--scenario bị lặp"));
			return -1;
		}
		*parsed->scenario_file = arg;
		return 1;
	}
	if (opt < OPT_CHANGE || opt >= OPT_CHANGE + SCENARIO_OPT_COUNT)
		return 0;
	struct diag_list diags;
	diag_list_init(&diags, 1);
	int rc = scenario_add_option(parsed->changes, (enum scenario_option)(opt - OPT_CHANGE),
				     arg, &diags);
	if (rc)
		usage_error("%s", diags.nr ? diags.items[0].message : "?");
	diag_list_release(&diags);
	return rc ? -1 : 1;
}

int parse_options(int argc, char **argv, const struct command_options *c,
		  struct parsed_options *parsed, void *ctx)
{
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", c->table, NULL)) != -1) {
		int handled = common_option(opt, optarg, parsed);
		if (!handled)
			handled = change_option(opt, optarg, parsed);
		if (handled < 0)
			return EXIT_USAGE;
		if (handled)
			continue;
		if (opt == OPT_HELP) {
			c->help();
			return finish_output(EXIT_OK);
		}
		if (opt == '?' || !c->own)
			return option_error(c->name, argv[optind - 1]);
		if (c->own(opt, optarg, ctx))
			return EXIT_USAGE;
	}
	if (c->one_argument && argc - optind > 1)
		return usage_error(L("%s: too many arguments ('%s')", "%s: thừa tham số ('%s')"),
				   c->name, argv[optind + 1]);
	return -1;
}

int choose_pdf_date(char date[PDF_DATE_SIZE], const char *given)
{
	struct diag_list diags;
	diag_list_init(&diags, 1);
	int rc = pdf_date(date, given, getenv("SOURCE_DATE_EPOCH"), time(NULL), &diags);
	if (rc)
		usage_error("%s", diags.nr ? diags.items[0].message : "?");
	diag_list_release(&diags);
	return rc;
}

int csv_format_option(const char *arg, enum csv_format *out)
{
	if (!csv_format_parse(arg, out))
		return 0;
	usage_error(L("--csv-format: '%s' is not excel-vi, excel or plain",
		      "--csv-format: '%s' không phải excel-vi, excel hay plain"), arg);
	return -1;
}

int prepare_run(int argc, char **argv, struct app_run *run, struct diag_list *diags,
		enum app_status *status)
{
	const char *arg = optind < argc ? argv[optind] : NULL;
	if (!arg && !run->scenario_file && !(arg = datadir_default())) {
		datadir_print_missing(stderr, PROGRAM);
		return EXIT_NOINPUT;
	}
	*status = app_prepare(run, arg, diags);
	print_diags(&run->warnings);
	return -1;
}

int method_option(const char *arg, enum solve_method *method)
{
	if (!strcmp(arg, "auto"))
		*method = SOLVE_AUTO;
	else if (!strcmp(arg, "direct"))
		*method = SOLVE_DIRECT;
	else if (!strcmp(arg, "decomposition"))
		*method = SOLVE_DECOMPOSITION;
	else
		return usage_error(L("--method: '%s' is not auto, direct or decomposition",
				     "--method: '%s' không phải auto, direct hay decomposition"), arg), -1;
	return 0;
}

int variant_changes(const char *variant, struct scenario *sc)
{
	static const struct option table[] = {CHANGE_OPTIONS, END_OPTIONS};
	const char *no_file = NULL;
	struct parsed_options parsed = {DIAG_DEFAULT_LIMIT, sc, &no_file};
	char *copy = strfmt("%s", variant);
	char **words = calloc(strlen(variant) + 2, sizeof(*words));
	int n = 1, rc = -1, opt, saved_optind = optind;
	if (!copy || !words) {
		fprintf(stderr, L("%s: out of memory\n", "%s: hết bộ nhớ\n"), PROGRAM);
		goto done;
	}
	words[0] = "--variant";
	for (char *w = strtok(copy, " \t"); w; w = strtok(NULL, " \t"))
		words[n++] = w;
	if (n == 1) {
		usage_error(L("compare: --variant '%s' is empty: give the changes it makes",
			      "compare: --variant '%s' trống: hãy ghi các thay đổi"), variant);
		goto done;
	}
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(n, words, "", table, NULL)) != -1) {
		int handled = opt == '?' || opt == OPT_SCENARIO ? 0 : change_option(opt, optarg, &parsed);
		if (handled < 0) {
			fprintf(stderr, L("%s: (in --variant '%s')\n", "%s: (trong --variant '%s')\n"),
				PROGRAM, variant);
			goto done;
		}
		if (!handled) {
			usage_error(L("compare: --variant '%s': unknown or misplaced option '%s'",
				      "compare: --variant '%s': tùy chọn '%s' không có hoặc không dùng được ở đây"),
				    variant, words[optind - 1]);
			goto done;
		}
	}
	if (optind < n) {
		usage_error(L("compare: --variant '%s': '%s' is not an option (a variant changes the first scenario)",
			      "compare: --variant '%s': '%s' không phải tùy chọn (biến thể thay đổi kịch bản đầu tiên)"),
			    variant, words[optind]);
		goto done;
	}
	rc = 0;
done:
	/* The caller's own arguments are still read through optind. */
	optind = saved_optind;
	free(copy);
	free(words);
	return rc;
}
