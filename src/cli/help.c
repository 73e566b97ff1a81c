/*
 * The help texts: `ntmplan --help` and each command's `--help`, in both
 * languages. Defaults that are named constants elsewhere are printed from
 * them (NTM_STR), so the text cannot disagree with the code.
 */
#include <stdio.h>

#include "cli.h"
#include "datadir.h"
#include "lang.h"

#define NTM_STR_(x) #x
#define NTM_STR(x) NTM_STR_(x)
#define DEFAULT_DATASET DATADIR_LOCAL
#define DEFAULT_TIME_LIMIT NTM_STR(APP_DEFAULT_TIME_LIMIT)

/* The options that change the dataset, as both `check` and `plan` take them. */
static void print_change_help(void)
{
	printf("%s", L(
"\n"
"Scenario and changes to the dataset (docs/scenarios.md). They are applied in\n"
"order: the scenario file (the base of its 'extends' chain first), then these\n"
"options in the order given, each on the result of the ones before:\n"
"  --scenario FILE      a scenario file (SCENARIO.ini works as the argument too)\n"
"  --budget-scale F     every source, every year, times F (0.8, x0.8 or -20%)\n"
"  --budget SOURCE=CHANGE         one source, every year\n"
"  --budget YEAR:SOURCE=CHANGE    one source, one year\n"
"  --budget YEAR=CHANGE           every source, one year\n"
"  --unit-cost CRITERIA=CHANGE    unit cost of criteria ('2', '2,3,9' or 'all')\n"
"  --cost-factor PLACE=CHANGE     cost factor of a district or of a commune id\n"
"  --lead-years CRITERIA=N        lead years of criteria (0 to 50)\n"
"  --target KIND=VALUE            set a target without subject (avg_criteria=12)\n"
"  --target KIND:SUBJECT=VALUE    set a target with one (criterion_communes:2=60)\n"
"                       VALUE 'remove' removes a target, 'add' adds one that\n"
"                       takes no value (district_standard:NAME=add)\n"
"  --require ID         commune ID must reach the standard (ids: 'A01,A02')\n"
"  --exclude ID         commune ID receives no money\n"
"  --horizon YEAR       plan up to YEAR only (later budget years are dropped)\n"
"  CHANGE is a number to set (120000), xF to multiply (x0.8), or a percentage\n"
"  with its sign (+15%, -20%); in --budget, a signed number adds to each year\n"
"  and source it names (+10000, -5000). Numbers use '.' as the decimal mark.\n",
"\n"
"Kịch bản và thay đổi so với bộ dữ liệu (docs/scenarios.md). Áp dụng theo thứ\n"
"tự: tệp kịch bản (kịch bản gốc của chuỗi 'extends' trước), rồi các tùy chọn\n"
"dưới đây theo thứ tự ghi, mỗi thay đổi áp lên kết quả của các thay đổi trước:\n"
"  --scenario FILE      tệp kịch bản (cũng có thể ghi SCENARIO.ini làm tham số)\n"
"  --budget-scale F     mọi nguồn, mọi năm, nhân với F (0.8, x0.8 hoặc -20%)\n"
"  --budget SOURCE=CHANGE         một nguồn, mọi năm\n"
"  --budget YEAR:SOURCE=CHANGE    một nguồn, một năm\n"
"  --budget YEAR=CHANGE           mọi nguồn, một năm\n"
"  --unit-cost CRITERIA=CHANGE    đơn giá của tiêu chí ('2', '2,3,9' hoặc 'all')\n"
"  --cost-factor PLACE=CHANGE     hệ số chi phí của một huyện hoặc một mã xã\n"
"  --lead-years CRITERIA=N        số năm chờ của tiêu chí (0 đến 50)\n"
"  --target KIND=VALUE            đặt chỉ tiêu không có đối tượng (avg_criteria=12)\n"
"  --target KIND:SUBJECT=VALUE    đặt chỉ tiêu có đối tượng (criterion_communes:2=60)\n"
"                       VALUE 'remove' bỏ chỉ tiêu, 'add' thêm chỉ tiêu không\n"
"                       có giá trị (district_standard:TÊN=add)\n"
"  --require ID         xã ID phải đạt chuẩn (nhiều mã: 'A01,A02')\n"
"  --exclude ID         xã ID không được cấp vốn\n"
"  --horizon YEAR       chỉ lập kế hoạch đến năm YEAR (bỏ các năm ngân sách sau)\n"
"  CHANGE là một số để đặt giá trị (120000), xF để nhân (x0.8), hoặc phần trăm\n"
"  kèm dấu (+15%, -20%); trong --budget, số có dấu cộng thêm vào từng năm và\n"
"  nguồn được nêu (+10000, -5000). Số dùng dấu '.' làm dấu thập phân.\n"));
}

void print_check_help(void)
{
	printf("%s", L(
"Usage: ntmplan check [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Loads and checks a dataset folder (default: " DEFAULT_DATASET "), or a\n"
"scenario and the dataset it changes, then prints what it was made from (each\n"
"file's SHA-256, every change) and the baseline: communes per district,\n"
"communes by criteria met, communes meeting each criterion against its target,\n"
"the cost of closing every gap, and the budget by year and source.\n"
"\n"
"Options:\n"
"  --lang vi|en       language of the report and messages (default vi)\n"
"  --max-errors N     show at most N errors (default 50)\n"
"  --help             show this help\n",
"Cách dùng: ntmplan check [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Nạp và kiểm tra một thư mục dữ liệu (mặc định: " DEFAULT_DATASET "), hoặc một\n"
"kịch bản cùng bộ dữ liệu nó thay đổi, rồi in nguồn gốc (mã SHA-256 của từng\n"
"tệp, mọi thay đổi) và hiện trạng năm gốc: số xã theo huyện, phân bố xã theo số\n"
"tiêu chí đạt, số xã đạt từng tiêu chí so với mục tiêu, chi phí xóa mọi khoảng\n"
"thiếu, và ngân sách theo năm và nguồn vốn.\n"
"\n"
"Tùy chọn:\n"
"  --lang vi|en       ngôn ngữ của báo cáo và thông báo (mặc định vi)\n"
"  --max-errors N     hiện tối đa N lỗi (mặc định 50)\n"
"  --help             hiện hướng dẫn này\n"));
	print_change_help();
}

void print_plan_help(void)
{
	printf("%s", L(
"Usage: ntmplan plan [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Finds the funding plan that brings the most communes to the standard by the\n"
"horizon within budget, under the targets of targets.csv, and prints it as an\n"
"allocation proposal. The objectives, in strict order: least target shortfall,\n"
"most communes at standard at the horizon, communes at standard as early as\n"
"possible, most criteria met, least money. Each stage is solved with GLPK and\n"
"its status and bound are reported (docs/model.md).\n"
"\n"
"Options:\n"
"  --out DIR            also write allocation.csv, communes.csv, targets.csv,\n"
"                       objectives.csv and provenance.csv into DIR (created if\n"
"                       missing)\n"
"  --time-limit SEC     stop the search after SEC seconds in all (default " DEFAULT_TIME_LIMIT ", or\n"
"                       the scenario's time_limit); the report then gives the\n"
"                       proven bound beside the plan\n"
"  --node-limit N       stop each stage's search after N branch-and-bound nodes\n"
"                       (default 2000, or the scenario's node_limit); unlike\n"
"                       time, nodes give the same plan on every machine\n"
"  --strict             exit with code 3 when the targets cannot all be met\n"
"                       (by default the plan is made under the smallest shortfall)\n"
"  --write-lp FILE      write the model (stages 0-1) in CPLEX LP format\n"
"  --write-mps FILE     write the model (stages 0-1) in free MPS format\n"
"  --timing             print each stage's solver time on standard error\n"
"  --method M           how each stage's relaxation is solved: auto (default:\n"
"                       decomposition from 500 communes), direct (the whole\n"
"                       model, for audit) or decomposition (docs/model.md)\n"
"  --pdf FILE           also write the proposal as a printable A4 PDF\n"
"  --date YYYY-MM-DD    the PDF's date (default: SOURCE_DATE_EPOCH if set,\n"
"                       else today)\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan plan [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Tìm phương án đầu tư đưa nhiều xã nhất đạt chuẩn đến cuối kỳ trong phạm vi\n"
"ngân sách, theo các chỉ tiêu trong targets.csv, và in thành đề xuất phân bổ vốn.\n"
"Các mục tiêu theo thứ tự ưu tiên: thiếu hụt chỉ tiêu ít nhất, nhiều xã đạt\n"
"chuẩn nhất, xã đạt chuẩn sớm nhất, nhiều tiêu chí đạt nhất, ít vốn nhất. Mỗi\n"
"bước được giải bằng GLPK, có báo cáo trạng thái và cận (docs/model.md).\n"
"\n"
"Tùy chọn:\n"
"  --out DIR            ghi thêm allocation.csv, communes.csv, targets.csv,\n"
"                       objectives.csv và provenance.csv vào thư mục DIR (tạo\n"
"                       nếu chưa có)\n"
"  --time-limit SEC     dừng tìm kiếm sau SEC giây (mặc định " DEFAULT_TIME_LIMIT ", hoặc time_limit\n"
"                       của kịch bản); khi đó báo cáo ghi cận đã chứng minh bên\n"
"                       cạnh phương án\n"
"  --node-limit N       dừng tìm kiếm mỗi bước sau N nút nhánh cận (mặc định\n"
"                       2000, hoặc node_limit của kịch bản); khác với thời\n"
"                       gian, số nút cho cùng một phương án trên mọi máy\n"
"  --strict             thoát với mã 3 khi không thể đạt mọi chỉ tiêu\n"
"                       (mặc định: lập phương án với mức thiếu hụt nhỏ nhất)\n"
"  --write-lp FILE      ghi mô hình (bước 0-1) dạng CPLEX LP\n"
"  --write-mps FILE     ghi mô hình (bước 0-1) dạng MPS tự do\n"
"  --timing             in thời gian giải từng bước ra stderr\n"
"  --method M           cách giải bài toán nới lỏng mỗi bước: auto (mặc định:\n"
"                       phân rã từ 500 xã), direct (cả mô hình, để kiểm tra)\n"
"                       hoặc decomposition (phân rã; docs/model.md)\n"
"  --pdf FILE           ghi thêm đề xuất dạng PDF khổ A4 để in\n"
"  --date YYYY-MM-DD    ngày ghi trên PDF (mặc định: SOURCE_DATE_EPOCH nếu có,\n"
"                       nếu không là hôm nay)\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
	print_change_help();
}

void print_compare_help(void)
{
	printf("%s", L(
"Usage: ntmplan compare [OPTIONS] A B [C ...]\n"
"\n"
"Finds the optimal plan of each scenario (a scenario file or a dataset folder)\n"
"and prints them side by side: communes at standard by year, target shortfall,\n"
"commune-years, criteria met and money; each target met or short; money spent\n"
"by source; and, against A, the communes whose standard year differs and the\n"
"works one plan completes and the other does not.\n"
"\n"
"Options:\n"
"  --time-limit SEC     solver time for each scenario (default " DEFAULT_TIME_LIMIT ", or the\n"
"                       scenario's time_limit)\n"
"  --node-limit N       nodes per stage for each scenario (default 2000, or the\n"
"                       scenario's node_limit)\n"
"  --pdf FILE           also write the comparison as a printable A4 PDF\n"
"  --date YYYY-MM-DD    the PDF's date (default: SOURCE_DATE_EPOCH if set,\n"
"                       else today)\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan compare [TÙY CHỌN] A B [C ...]\n"
"\n"
"Tìm phương án tối ưu của từng kịch bản (tệp kịch bản hoặc thư mục dữ liệu) và\n"
"in cạnh nhau: số xã đạt chuẩn theo năm, thiếu hụt chỉ tiêu, tổng xã-năm, số\n"
"tiêu chí và vốn; mức đạt từng chỉ tiêu; vốn theo nguồn; và so với A, các xã có\n"
"năm đạt chuẩn khác nhau và các hạng mục chỉ có ở một phương án.\n"
"\n"
"Tùy chọn:\n"
"  --time-limit SEC     thời gian giải cho mỗi kịch bản (mặc định " DEFAULT_TIME_LIMIT ", hoặc\n"
"                       time_limit của kịch bản)\n"
"  --node-limit N       số nút mỗi bước cho mỗi kịch bản (mặc định 2000, hoặc\n"
"                       node_limit của kịch bản)\n"
"  --pdf FILE           ghi thêm bản so sánh dạng PDF khổ A4 để in\n"
"  --date YYYY-MM-DD    ngày ghi trên PDF (mặc định: SOURCE_DATE_EPOCH nếu có,\n"
"                       nếu không là hôm nay)\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
}

void print_sweep_help(void)
{
	printf("%s", L(
"Usage: ntmplan sweep [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"The efficient frontier over the budget: the budget (of the dataset, after the\n"
"scenario's and the options' changes) is multiplied by evenly spaced factors,\n"
"every source alike or one source only, and each point is solved afresh for\n"
"the least target shortfall, then the most communes at standard at the horizon\n"
"(stages 0 and 1; docs/model.md). For each point: the scale, the total budget,\n"
"both optima (or the limit that stopped them), the criteria met by the plan\n"
"found (not optimised) and the marginal cost of the next commune (Δbudget /\n"
"Δcommunes between consecutive points, a finite difference on the grid).\n"
"\n"
"Options:\n"
"  --from F             smallest scale factor (default 0.5)\n"
"  --to F               largest scale factor, above --from (default 1.5)\n"
"  --points N           points, ends included, 2 to 1001 (default 41)\n"
"  --source NAME        vary this source only (default: every source alike)\n"
"  --csv FILE           also write the points as CSV (scale,budget,shortfall,\n"
"                       communes_standard,criteria_met,status,marginal_cost)\n"
"  --svg FILE           also write a chart (SVG): communes at standard against\n"
"                       the total budget, the current budget marked\n"
"  --time-limit SEC     solver time per point (default 10, or the scenario's\n"
"                       time_limit)\n"
"  --node-limit N       branch-and-bound nodes per stage and point (default\n"
"                       2000, or the scenario's node_limit)\n"
"  --timing             print each point's solver time on standard error\n"
"  --lang vi|en         language of the report (default vi)\n"
"  --max-errors N       show at most N data errors (default 50)\n"
"  --help               show this help\n",
"Cách dùng: ntmplan sweep [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Đường biên hiệu quả theo ngân sách: ngân sách (của bộ dữ liệu, sau các thay\n"
"đổi của kịch bản và tùy chọn) được nhân với các hệ số cách đều, mọi nguồn như\n"
"nhau hoặc chỉ một nguồn, và mỗi điểm được giải lại từ đầu: thiếu hụt chỉ tiêu ít\n"
"nhất, rồi nhiều xã đạt chuẩn nhất đến cuối kỳ (bước 0 và 1; docs/model.md).\n"
"Với mỗi điểm: hệ số, tổng ngân sách, hai giá trị tối ưu (hoặc giới hạn đã dừng\n"
"tìm kiếm), số tiêu chí đạt của phương án tìm được (không tối ưu hóa) và chi phí\n"
"biên của xã tiếp theo (Δngân sách / Δxã giữa hai điểm liền nhau, sai phân trên\n"
"lưới).\n"
"\n"
"Tùy chọn:\n"
"  --from F             hệ số nhỏ nhất (mặc định 0.5)\n"
"  --to F               hệ số lớn nhất, lớn hơn --from (mặc định 1.5)\n"
"  --points N           số điểm, kể cả hai đầu, từ 2 đến 1001 (mặc định 41)\n"
"  --source NAME        chỉ thay đổi nguồn này (mặc định: mọi nguồn như nhau)\n"
"  --csv FILE           ghi thêm các điểm dạng CSV (scale,budget,shortfall,\n"
"                       communes_standard,criteria_met,status,marginal_cost)\n"
"  --svg FILE           ghi thêm biểu đồ (SVG): số xã đạt chuẩn theo tổng ngân\n"
"                       sách, có đánh dấu ngân sách hiện tại\n"
"  --time-limit SEC     thời gian giải mỗi điểm (mặc định 10, hoặc time_limit\n"
"                       của kịch bản)\n"
"  --node-limit N       số nút nhánh cận mỗi bước, mỗi điểm (mặc định 2000,\n"
"                       hoặc node_limit của kịch bản)\n"
"  --timing             in thời gian giải từng điểm ra stderr\n"
"  --lang vi|en         ngôn ngữ báo cáo (mặc định vi)\n"
"  --max-errors N       hiện tối đa N lỗi dữ liệu (mặc định 50)\n"
"  --help               hiện hướng dẫn này\n"));
	print_change_help();
}

void print_help(const struct command *commands, size_t ncommands)
{
	printf("%s", L(
"Usage: ntmplan [--lang vi|en] COMMAND [OPTIONS] [DATASET | SCENARIO.ini]\n"
"\n"
"Plans which communes and which works to fund first, year by year, so that\n"
"the most communes reach the New Rural Development standard within budget.\n"
"Money is in million VND.\n"
"\n"
"Commands:\n",
"Cách dùng: ntmplan [--lang vi|en] LỆNH [TÙY CHỌN] [BỘ DỮ LIỆU | KỊCH BẢN.ini]\n"
"\n"
"Lập kế hoạch đầu tư theo năm: xã nào, hạng mục nào làm trước, để nhiều xã\n"
"nhất đạt chuẩn nông thôn mới trong phạm vi ngân sách. Đơn vị tiền: triệu đồng.\n"
"\n"
"Các lệnh:\n"));
	for (size_t i = 0; i < ncommands; i++)
		printf("  %-10s %s\n", commands[i].name,
		       L(commands[i].summary_en, commands[i].summary_vi));
	printf("%s", L(
"\n"
"'ntmplan COMMAND --help' describes each command.\n"
"\n"
"Exit codes:\n"
"  0   success\n"
"  3   plan --strict: the targets cannot all be met\n"
"  64  wrong command line\n"
"  65  the data or a scenario file has errors (each is shown with file:line)\n"
"  66  an input file or folder is missing\n"
"  70  out of memory or internal error\n"
"  74  an output could not be written (disk full, file too large)\n"
"  75  the solver ran far past its time limit (its watchdog stopped it)\n"
"  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM; no output file is\n"
"            left half-written\n",
"\n"
"'ntmplan LỆNH --help' mô tả từng lệnh.\n"
"\n"
"Mã thoát:\n"
"  0   thành công\n"
"  3   plan --strict: không thể đạt mọi chỉ tiêu\n"
"  64  dòng lệnh sai\n"
"  65  dữ liệu hoặc tệp kịch bản có lỗi (mỗi lỗi ghi rõ tệp:dòng)\n"
"  66  thiếu tệp hoặc thư mục đầu vào\n"
"  70  hết bộ nhớ hoặc lỗi nội bộ\n"
"  74  không ghi được kết quả (đĩa đầy, tệp quá lớn)\n"
"  75  bộ giải chạy quá xa giới hạn thời gian (bị dừng)\n"
"  130, 143  bị ngắt bởi SIGINT (Ctrl-C) hoặc SIGTERM; không để lại tệp\n"
"            kết quả ghi dở\n"));
}
