/*
 * ntmplan: the command layer's entry. It reads the options before the
 * command, and runs the command (one file each: check.c, plan.c,
 * compare.c, sweep.c). Nothing below src/cli prints to the terminal or
 * exits (cli.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "outfile.h"
#include "solver_env.h"
#include "suggest.h"
#include "version.h"

static const struct command commands[] = {
	{"check", cmd_check, "load and check a dataset, print the baseline",
	 "nạp và kiểm tra bộ dữ liệu, in hiện trạng năm gốc"},
	{"plan", cmd_plan, "the optimal multi-year allocation, as a proposal",
	 "phương án phân bổ vốn tối ưu theo năm, dạng đề xuất"},
	{"explain", cmd_explain, "why a commune is or is not in the plan; sure and contested",
	 "vì sao xã có hoặc không có trong phương án; xã chắc chắn, có thể thay thế"},
	{"next", cmd_next, "the next communes more money brings to standard, and how much",
	 "các xã tiếp theo đạt chuẩn nếu thêm vốn, và cần thêm bao nhiêu"},
	{"compare", cmd_compare, "optimal plans of several scenarios side by side",
	 "so sánh phương án tối ưu của nhiều kịch bản"},
	{"sweep", cmd_sweep, "communes at standard over a range of budgets (frontier)",
	 "số xã đạt chuẩn theo các mức ngân sách (đường biên)"},
};
static const size_t ncommands = sizeof(commands) / sizeof(commands[0]);

int main(int argc, char **argv)
{
	int i = 1;
	/* An interrupted run leaves no temporary output file (outfile.h). */
	outfile_catch_signals();
	/* The solver's test hooks and trace, from the environment. */
	solver_env_params();
	/* Options before the command: --lang, --help, --version. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		enum lang lang;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_help(commands, ncommands);
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
		print_help(commands, ncommands);
		finish_output(EXIT_OK);
		return EXIT_USAGE;
	}
	for (size_t c = 0; c < ncommands; c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].run(argc - i, argv + i);
	const char *names[sizeof(commands) / sizeof(commands[0])];
	for (size_t c = 0; c < ncommands; c++)
		names[c] = commands[c].name;
	const char *guess = suggest_best(argv[i], names, ncommands);
	if (guess)
		return usage_error(L("unknown command '%s'; did you mean '%s'?",
				     "không có lệnh '%s'; có phải ý bạn là '%s'?"), argv[i], guess);
	return usage_error(L("unknown command '%s'", "không có lệnh '%s'"), argv[i]);
}
