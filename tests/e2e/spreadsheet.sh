#!/bin/sh
# Every CSV file of `plan --out` on data/dienbien, opened by a real
# spreadsheet engine (Gnumeric's ssconvert), as a planner opens it:
#  - excel-vi (the default) the way Excel on a Vietnamese Windows opens it:
#    in the vi_VN locale (decimal comma), the separator found in the file
#    (Excel takes the locale's list separator, ';'; Gnumeric guesses the
#    separator only for a file not named .csv, so it is given as .txt);
#  - excel the way an English-locale Excel opens a .csv: ',' and '.'.
# Each is checked cell by cell against the plain form of the same plan,
# read by the same engine (C locale, ','): the same cells with the same
# types, so every number is a number and every name has its diacritics;
# then the first cell is the header without a byte-order mark left in it,
# no cell shows the mojibake of UTF-8 read as Windows-1258, the money and
# quantity columns are numbers, and the amounts sum to the plain form's.
# Usage: spreadsheet.sh NTMPLAN (run from the repository's top folder)
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v ssconvert >/dev/null || fail "ssconvert not found: install gnumeric (tools/setup)"
command -v localedef >/dev/null || fail "localedef not found: install locales (tools/setup)"

# The vi_VN locale, compiled into the temporary folder (LOCPATH), so the
# machine's own locales are left alone.
localedef -i vi_VN -f UTF-8 "$tmp/vi_VN.UTF-8" 2>/dev/null || [ -d "$tmp/vi_VN.UTF-8" ] ||
	fail "cannot compile the vi_VN locale"
[ "$(LOCPATH=$tmp LC_ALL=vi_VN.UTF-8 locale decimal_point)" = "," ] ||
	fail "the vi_VN locale has no decimal comma"

for form in excel-vi excel plain; do
	"$bin" plan --csv-format $form --out "$tmp/$form" data/dienbien >/dev/null ||
		fail "plan --csv-format $form failed"
done

# cells FILE LOCALE: the cells the engine reads, one a line: row, column,
# type (40 a number, 60 text), value.
cells() {
	LOCPATH=$tmp LC_ALL=$2 ssconvert -T Gnumeric_XmlIO:sax:0 "$1" "$tmp/sheet.xml" \
		>/dev/null 2>"$tmp/ssconvert.err" || { cat "$tmp/ssconvert.err" >&2; fail "ssconvert $1"; }
	sed -n 's|.*<gnm:Cell Row="\([0-9]*\)" Col="\([0-9]*\)" ValueType="\([0-9]*\)"[^>]*>\(.*\)</gnm:Cell>.*|\1	\2	\3	\4|p' \
		"$tmp/sheet.xml"
}

checked=0
for f in allocation communes targets objectives provenance; do
	cells "$tmp/plain/$f.csv" C.UTF-8 >"$tmp/plain.cells"
	[ -s "$tmp/plain.cells" ] || fail "$f.csv: the engine read no cell"
	for form in excel-vi excel; do
		if [ $form = excel-vi ]; then
			cp "$tmp/$form/$f.csv" "$tmp/$f.txt"
			cells "$tmp/$f.txt" vi_VN.UTF-8 >"$tmp/$form.cells"
		else
			cells "$tmp/$form/$f.csv" C.UTF-8 >"$tmp/$form.cells"
		fi
		# Below the header row, cell for cell as the plain form.
		awk -F'\t' '$1 > 0' "$tmp/plain.cells" >"$tmp/want"
		awk -F'\t' '$1 > 0' "$tmp/$form.cells" >"$tmp/got"
		diff "$tmp/want" "$tmp/got" >"$tmp/diff" ||
			{ head -n 10 "$tmp/diff" >&2; fail "$form $f.csv: cells differ from the plain form"; }
		# The header: the byte-order mark is not part of the first name
		# (the plain form's headers are English, these Vietnamese).
		first=$(awk -F'\t' '$1 == 0 && $2 == 0 {print $4}' "$tmp/$form.cells")
		case $f in
		allocation) want_first="năm" ;;
		communes) want_first="mã xã" ;;
		targets) want_first="chỉ tiêu" ;;
		objectives) want_first="bước" ;;
		provenance) want_first="loại" ;;
		esac
		[ "$first" = "$want_first" ] || fail "$form $f.csv: first header cell '$first', expected '$want_first'"
		# UTF-8 read as Windows-1258 shows "Ä" for "Đ", "á»" for "ệ"...
		! grep -q 'Ã\|Ä\|á»\|Æ°' "$tmp/$form.cells" || fail "$form $f.csv: mojibake"
		checked=$((checked + $(wc -l <"$tmp/got")))
	done
done

# allocation.csv: amount and quantity (columns 5 and 6) are numbers on
# every row, names keep their diacritics, and the amounts sum as the plain
# form's first five columns do.
cp "$tmp/excel-vi/allocation.csv" "$tmp/allocation.txt"
cells "$tmp/allocation.txt" vi_VN.UTF-8 >"$tmp/a.cells"
rows=$(($(wc -l <"$tmp/plain/allocation.csv") - 1))
numbers=$(awk -F'\t' '$1 > 0 && ($2 == 4 || $2 == 5) && $3 == 40' "$tmp/a.cells" | wc -l)
[ "$numbers" = $((2 * rows)) ] || fail "allocation.csv: $numbers numeric amount and quantity cells, expected $((2 * rows))"
grep -q '	Thành phố Điện Biên Phủ$' "$tmp/a.cells" || fail "allocation.csv: no district 'Thành phố Điện Biên Phủ'"
sheet_sum=$(awk -F'\t' '$1 > 0 && $2 == 4 {s += $4} END {printf "%.3f", s}' "$tmp/a.cells")
plain_sum=$(awk -F, 'NR > 1 {s += $5} END {printf "%.3f", s}' "$tmp/plain/allocation.csv")
[ "$sheet_sum" = "$plain_sum" ] || fail "allocation.csv: the engine sums $sheet_sum, the plain form $plain_sum"
echo "spreadsheet: $checked cells of 5 files in 2 forms as in the plain form; $rows allocation rows, amounts sum to $sheet_sum"
