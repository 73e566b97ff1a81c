#!/bin/sh
# The printable proposal (plan --pdf, compare --pdf), checked with
# poppler-utils. Run from the repository's top folder.
# Usage: pdf.sh NTMPLAN CASE, CASE one of:
#   tiny-vi, tiny-en   tests/data/tiny in each language: pdf-check.sh
#   dienbien           a multi-page proposal (a node limit keeps it short):
#                      pdf-check.sh; page 1 the whole decision, the proof in
#                      words and nothing technical; the body before the
#                      annexes at most 6 pages; the works table across pages
#                      with its caption and header again
#   reproducible       two runs with one date give the same bytes; the date
#                      from SOURCE_DATE_EPOCH, and --date before it
#   failures           an unwritable --pdf leaves no file and exits 74; a bad
#                      --date or SOURCE_DATE_EPOCH exits 64 before any work
#   compare            compare --pdf: A4, headings, scenarios, and the money
#                      of each plan equal to its own plan --out
#   explain            explain --all --pdf: the proposal with the page "Các xã
#                      chưa đạt chuẩn: vì sao và cần gì", a row per commune
#                      left out and in the plan with its status as in
#                      explain.csv, and the counts of sure and contested in
#                      the summary; plan --explain --pdf gives the same text
set -eu
bin=$1
case=$2
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL ($case): $*" >&2; exit 1; }
for tool in pdfinfo pdffonts pdftotext; do
	command -v $tool >/dev/null || fail "$tool is missing (Debian: poppler-utils; tools/setup installs it)"
done
tiny=tests/data/tiny

case $case in
tiny-vi | tiny-en)
	lang=${case#tiny-}
	"$bin" --lang "$lang" plan --csv-format plain --out "$tmp/out" --pdf "$tmp/p.pdf" --date 2016-12-02 "$tiny" >/dev/null ||
		fail "plan failed"
	sh "$here/pdf-check.sh" "$tmp/p.pdf" "$tmp/out" "$tiny" "$lang"
	# The title block: date, files and their SHA-256, solver status.
	pdftotext -layout "$tmp/p.pdf" "$tmp/p.txt"
	if [ "$lang" = vi ]; then date="ngày 02 tháng 12 năm 2016"; status="tối ưu, đã chứng minh ở mọi bước"
	else date="2 December 2016"; status="proven optimal at every stage"; fi
	grep -qF "$date" "$tmp/p.txt" || fail "no date '$date'"
	grep -qF "$status" "$tmp/p.txt" || fail "no solver status '$status'"
	for f in criteria unit_costs communes sources budget gaps targets; do
		sum=$(sha256sum "$tiny/$f.csv" | cut -d' ' -f1)
		grep -q "^$f.csv  *$sum\$" "$tmp/p.txt" || fail "no line '$f.csv $sum'"
	done
	pdfinfo "$tmp/p.pdf" | grep -q '^CreationDate: .*Dec  2 00:00:00 2016' || fail "creation date"
	;;
dienbien)
	"$bin" plan --node-limit 20 --csv-format plain --out "$tmp/out" --pdf "$tmp/p.pdf" --date 2016-12-02 data/dienbien >/dev/null ||
		fail "plan failed"
	sh "$here/pdf-check.sh" "$tmp/p.pdf" "$tmp/out" data/dienbien vi
	# Page 1 is the decision, whole: the province (dataset.csv), the date,
	# every part down to the last rule of thumb, the proof in words, and
	# nothing technical.
	pdftotext -layout -f 1 -l 1 "$tmp/p.pdf" "$tmp/page1"
	for h in "Tỉnh Điện Biên" "ngày 02 tháng 12 năm 2016" "Số xã đạt chuẩn theo năm (chỉ tiêu: 35 xã đến năm 2020)" \
		 "Chỉ tiêu đến năm 2020" "Số xã đạt từng tiêu chí (19 chỉ tiêu)" "Vốn sử dụng theo nguồn và năm" \
		 "Giá (xã)" "Giá của các chỉ tiêu theo tiêu chí" "Kế hoạch vốn" "Xã và vốn theo huyện" "Mường Nhé" \
		 "Toàn tỉnh" "Lợi ích so với cách làm thông thường: cùng số vốn"; do
		grep -qF "$h" "$tmp/page1" || fail "page 1 lacks '$h'"
	done
	tr '\n' ' ' <"$tmp/page1" | sed 's/  */ /g' >"$tmp/page1.line"
	grep -qE '"xã cần ít kinh phí nhất trước" đưa [0-9]+ xã đạt chuẩn' "$tmp/page1.line" ||
		fail "the decision runs past page 1"
	grep -qF "Phương án chưa được chứng minh là tối ưu: phương án tốt nhất có thể hơn tối đa" "$tmp/page1.line" ||
		fail "page 1 does not say in words that the plan (--node-limit 20) is not proven"
	for w in GLPK SHA-256 Cận node-limit "docs/" dienbien; do
		! grep -qF -- "$w" "$tmp/page1" || fail "page 1 has the technical '$w'"
	done
	# The body before the annexes fits in 6 pages; the technical annex is last.
	annex1=$(pdftotext -layout "$tmp/p.pdf" - | awk '/\f/ {page++} /^Phụ lục 1\. / {print page + 1; exit}')
	[ -n "$annex1" ] && [ "$annex1" -le 7 ] || fail "the body runs to page $((${annex1:-99} - 1)), more than 6"
	echo "body: $((annex1 - 1)) pages before the annexes"
	# Works: every page that goes on with a district's table begins with
	# its caption "(tiếp theo)" and the header of the columns.
	pages=$(pdfinfo "$tmp/p.pdf" | awk '/^Pages:/ {print $2}')
	[ "$pages" -ge 10 ] || fail "$pages pages: not a multi-page proposal"
	continued=0
	p=1
	while [ $p -le "$pages" ]; do
		pdftotext -layout -f $p -l $p "$tmp/p.pdf" "$tmp/page"
		# the first lines after the running header
		first=$(sed -n '2,$p' "$tmp/page" | grep -v '^ *$' | head -n 2)
		if echo "$first" | head -n 1 | grep -q '(tiếp theo)$'; then
			echo "$first" | sed -n 2p | grep -q '^Năm  *Tiêu chí  *Khối' ||
				fail "page $p: the works table goes on without its header"
			continued=$((continued + 1))
		fi
		p=$((p + 1))
	done
	[ $continued -ge 2 ] || fail "the works table goes on to $continued pages, expected several"
	echo "works table continued on $continued pages with its caption and header"
	;;
reproducible)
	"$bin" plan --pdf "$tmp/a.pdf" --date 2016-12-02 "$tiny" >/dev/null || fail "run 1"
	sleep 1
	"$bin" plan --pdf "$tmp/b.pdf" --date 2016-12-02 "$tiny" >/dev/null || fail "run 2"
	cmp "$tmp/a.pdf" "$tmp/b.pdf" || fail "two runs, two PDFs"
	# 2016-12-02T00:00:00Z, and the last second of that day
	SOURCE_DATE_EPOCH=1480636800 "$bin" plan --pdf "$tmp/c.pdf" "$tiny" >/dev/null || fail "run 3"
	cmp "$tmp/a.pdf" "$tmp/c.pdf" || fail "SOURCE_DATE_EPOCH does not set the date"
	SOURCE_DATE_EPOCH=1480723199 "$bin" plan --pdf "$tmp/c.pdf" "$tiny" >/dev/null || fail "run 4"
	cmp "$tmp/a.pdf" "$tmp/c.pdf" || fail "SOURCE_DATE_EPOCH is not read as UTC"
	SOURCE_DATE_EPOCH=0 "$bin" plan --pdf "$tmp/d.pdf" --date 2016-12-02 "$tiny" >/dev/null || fail "run 5"
	cmp "$tmp/a.pdf" "$tmp/d.pdf" || fail "--date does not win over SOURCE_DATE_EPOCH"
	"$bin" plan --pdf "$tmp/e.pdf" --date 2016-12-03 "$tiny" >/dev/null || fail "run 6"
	! cmp -s "$tmp/a.pdf" "$tmp/e.pdf" || fail "the date changes nothing"
	echo "same input, same date: same bytes"
	;;
failures)
	touch "$tmp/file"
	for target in "$tmp/missing/p.pdf" "$tmp/file/p.pdf"; do
		rc=0
		"$bin" plan --pdf "$target" --date 2016-12-02 "$tiny" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
		[ $rc = 74 ] || fail "--pdf $target: exit $rc, expected 74"
		grep -qF "$target" "$tmp/stderr" || fail "the message does not name '$target': $(cat "$tmp/stderr")"
		[ ! -s "$tmp/stdout" ] || fail "a report was printed though the PDF failed"
	done
	[ -z "$(ls -A "$tmp" | grep -v -e '^file$' -e '^stdout$' -e '^stderr$')" ] ||
		fail "files left behind: $(ls -A "$tmp")"
	# An old file stays as it was when the new one cannot be written.
	echo old >"$tmp/old.pdf"
	rc=0
	"$bin" --lang en plan --pdf "$tmp/old.pdf" --date 2016-02-30 "$tiny" >/dev/null 2>"$tmp/stderr" || rc=$?
	[ $rc = 64 ] || fail "--date 2016-02-30: exit $rc, expected 64"
	grep -q "invalid --date '2016-02-30'" "$tmp/stderr" || fail "message: $(cat "$tmp/stderr")"
	[ "$(cat "$tmp/old.pdf")" = old ] || fail "the old file was touched"
	rc=0
	SOURCE_DATE_EPOCH=yesterday "$bin" --lang en compare --pdf "$tmp/x.pdf" "$tiny" "$tiny" >/dev/null 2>"$tmp/stderr" || rc=$?
	[ $rc = 64 ] || fail "SOURCE_DATE_EPOCH=yesterday: exit $rc, expected 64"
	grep -q "invalid SOURCE_DATE_EPOCH 'yesterday'" "$tmp/stderr" || fail "message: $(cat "$tmp/stderr")"
	[ ! -e "$tmp/x.pdf" ] || fail "a PDF was written"
	echo "failures: no file left, exit codes 74 and 64"
	;;
compare)
	a=tests/scenarios/tiny-base.ini
	b=tests/scenarios/tiny-what-if.ini
	"$bin" --lang en compare --pdf "$tmp/c.pdf" --date 2016-12-02 "$a" "$b" >/dev/null || fail "compare failed"
	"$bin" --lang en plan --csv-format plain --out "$tmp/a" "$a" >/dev/null || fail "plan A failed"
	"$bin" --lang en plan --csv-format plain --out "$tmp/b" "$b" >/dev/null || fail "plan B failed"
	pages=$(pdfinfo "$tmp/c.pdf" | awk '/^Pages:/ {print $2}')
	a4=$(pdfinfo -f 1 -l "$pages" "$tmp/c.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)' || true)
	[ "$a4" = "$pages" ] || fail "$a4 of $pages pages are A4"
	pdftotext -layout "$tmp/c.pdf" "$tmp/c.txt"
	for h in "COMPARISON OF SCENARIOS" "Tiny: what if" "Results side by side" "Targets: what each plan reaches" \
		 "Money spent by source, all years" "Charts" "Where the plans differ" "Ẳng Nưa" "Mường Ảng" "Điện Biên"; do
		grep -qF "$h" "$tmp/c.txt" || fail "no '$h'"
	done
	# Money by source: each scenario's column equals its own plan's CSV.
	awk -F, 'FNR == 1 {n++} FNR > 1 {s[n, $2] += $5; t[n] += $5}
		 END {for (k in s) {split(k, p, SUBSEP); printf "%s %s %.0f\n", p[1], p[2], s[k]}
		      printf "1 Total %.0f\n2 Total %.0f\n", t[1], t[2]}' \
		"$tmp/a/allocation.csv" "$tmp/b/allocation.csv" | sort >"$tmp/want"
	sed -n '/^Money spent by source, all years/,/^Total /p' "$tmp/c.txt" |
		awk 'NF == 3 && $2 ~ /^[0-9,]+$/ && $3 ~ /^[0-9,]+$/ {gsub(/,/, "", $2); gsub(/,/, "", $3)
			print "1", $1, $2; print "2", $1, $3}' | sort >"$tmp/got"
	[ -s "$tmp/got" ] || fail "no money table found"
	grep -v ' 0$' "$tmp/want" | diff - "$(grep -v ' 0$' "$tmp/got" >"$tmp/got2"; echo "$tmp/got2")" ||
		fail "money by source differs from the plans' allocation.csv"
	echo "compare: $pages pages, money by source as in each plan"
	;;
explain)
	inst=tests/instances/mixed-3y
	"$bin" explain --all --csv-format plain --pdf "$tmp/e.pdf" --date 2016-12-02 --out "$tmp/e" "$inst" >/dev/null ||
		fail "explain failed"
	pdftotext -layout "$tmp/e.pdf" "$tmp/e.txt"
	grep -qF "Các xã chưa đạt chuẩn: vì sao và cần gì" "$tmp/e.txt" || fail "no explain page"
	sure=$(grep -c ',sure,' "$tmp/e/explain.csv" || true)
	grep -q "Trong các xã được đưa đạt chuẩn, $sure xã chắc chắn" "$tmp/e.txt" ||
		fail "the summary does not say $sure communes are sure"
	# Every commune not at the baseline has its row, with its status.
	tail -n +2 "$tmp/e/explain.csv" | while IFS=, read -r id _ _ status _; do
		case $status in
		baseline) continue ;;
		sure) word="chắc chắn" ;;
		contested) word="có thể thay thế" ;;
		*) word="ngoài" ;;
		esac
		grep -q "($id, .*) *$word" "$tmp/e.txt" || echo "$id $status"
	done >"$tmp/missing"
	[ ! -s "$tmp/missing" ] || fail "rows missing or wrong: $(tr '\n' ' ' <"$tmp/missing")"
	# plan --explain --pdf: the same document from the plan's own run
	# (without the prices, which explain does not compute).
	"$bin" plan --explain --no-prices --pdf "$tmp/p.pdf" --date 2016-12-02 "$inst" >/dev/null || fail "plan --explain failed"
	pdftotext "$tmp/p.pdf" "$tmp/p.txt"
	pdftotext "$tmp/e.pdf" "$tmp/e2.txt"
	cmp -s "$tmp/p.txt" "$tmp/e2.txt" || fail "plan --explain --pdf differs from explain --all --pdf"
	echo "explain: the page and the summary as explain.csv says; plan --explain the same"
	;;
*)
	fail "unknown case"
	;;
esac
