#!/bin/sh
# No English word in the Vietnamese outputs, no Vietnamese word in the
# English ones, on data/dienbien: `check`, `plan` (text and its PDF through
# pdftotext), `compare` (text and PDF), `sweep` (text and SVG), and the
# headers of every CSV of `plan --out` and `sweep --csv`.
#
# The word lists come from the outputs themselves, so that a label added
# later in one language only is caught without editing this test:
#  - English words: the words of ASCII letters of the English outputs. A
#    Vietnamese output fails when it has one of them, unless it is an id
#    or a name from the data (ids, names, file names, paths, options,
#    checksums, snake_case ids such as target kinds) or one of the few
#    words that are Vietnamese too (VI_ALSO below).
#  - Vietnamese words: the words with a Vietnamese letter (a letter
#    outside ASCII). An English output fails when it has one that is not
#    in the data (commune, district and scenario names).
# Usage: words.sh NTMPLAN (run from the repository's top folder)
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }
data=data/dienbien
a=$data/scenarios/seed-plan.ini
b=$data/scenarios/central-cut-20.ini
export SOURCE_DATE_EPOCH=1700000000

# Words written the same in both languages (km, names of programs and of
# SHA-256), or Vietnamese syllables that are also English words ("so" of
# "so với", compared with). Each is checked to be needed (see the end).
VI_ALSO="km glpk ntmplan sha so"

for lang in vi en; do
	o=$tmp/$lang
	mkdir "$o"
	"$bin" --lang $lang check $data >"$o/check.txt"
	"$bin" --lang $lang plan --node-limit 200 --out "$o/out" --pdf "$o/plan.pdf" $data >"$o/plan.txt"
	"$bin" --lang $lang compare --node-limit 200 --pdf "$o/compare.pdf" $a $b >"$o/compare.txt"
	"$bin" --lang $lang sweep --points 3 --node-limit 100 --csv "$o/sweep.csv" --svg "$o/sweep.svg" $data >"$o/sweep.txt"
	pdftotext -layout "$o/plan.pdf" "$o/plan.pdf.txt"
	pdftotext -layout "$o/compare.pdf" "$o/compare.pdf.txt"
	# The SVG's text, without its markup; the CSV files' headers.
	sed 's/<[^>]*>/ /g; s/&gt;/>/g; s/&lt;/</g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' \
		"$o/sweep.svg" >"$o/sweep.svg.txt"
	for f in "$o"/out/*.csv "$o/sweep.csv"; do
		head -n 1 "$f" | sed 's/^\xEF\xBB\xBF//' | tr ';' '\n'
	done >"$o/headers.txt"
done

# words FILE...: one word a line, lower case: text between spaces that is
# not a path, a file name, an option or a checksum, cut at everything that
# is not a letter (bytes from 0x80 on count as letters, so a Vietnamese
# word stays whole); snake_case ids are kept whole and dropped.
words() {
	cat "$@" | tr -s ' \t()[]"'"'" '\n' |
		grep -v -E -e '/' -e '^--' -e '\.(csv|ini|md|pdf|svg|lp|mps)' -e '^[0-9a-f]{64}$' |
		LC_ALL=C tr -c 'A-Za-z_\200-\377\n' '\n' | grep -v '_' |
		LC_ALL=C tr 'A-Z' 'a-z' | grep -E '^.{2,}$' | LC_ALL=C sort -u
}

# What the data name, the same in every language: commune ids, names and
# districts, source ids, target subjects, the scenarios' names, and the
# dataset's folder name (its name in reports). Not the criteria's and
# sources' display names and units: those have a language.
{
	cat $data/communes.csv $data/targets.csv
	cut -d, -f1 $data/sources.csv
	sed -n 's/^name *= *//p' $data/scenarios/*.ini
	# the format's own ids: the files' column names, the scenario
	# files' sections and keys (printed as written where a report says
	# what was changed)
	for f in $data/*.csv; do head -n 1 "$f"; done
	sed -n 's/^\[\(.*\)\].*/\1/p; s/^\([a-z_]*\) *=.*/\1/p' $data/scenarios/*.ini
	basename $data
} | tr ',' '\n' >"$tmp/data.txt"
words "$tmp/data.txt" >"$tmp/data.words"
printf '%s\n' $VI_ALSO | LC_ALL=C sort -u >"$tmp/also.words"
cat "$tmp/data.words" "$tmp/also.words" | LC_ALL=C sort -u >"$tmp/allowed"

outputs="check.txt plan.txt compare.txt sweep.txt plan.pdf.txt compare.pdf.txt sweep.svg.txt headers.txt"
for lang in vi en; do
	(cd "$tmp/$lang" && words $outputs) >"$tmp/$lang.words"
done
LC_ALL=C grep -E '^[a-z]+$' "$tmp/en.words" >"$tmp/english"
LC_ALL=C grep -v -E '^[a-z]+$' "$tmp/vi.words" >"$tmp/vietnamese"

# found WORDS OTHER LANG: the words of list WORDS in the outputs of LANG
# (other than the data's), each shown with the first lines it is on.
bad=0
found() {
	LC_ALL=C comm -12 "$1" "$tmp/$3.words" | LC_ALL=C comm -23 - "$tmp/allowed" >"$tmp/found"
	while IFS= read -r w; do
		bad=1
		(cd "$tmp/$3" && grep -n -i -H -E "(^|[^A-Za-z_])$w([^A-Za-z_]|\$)" $outputs | head -n 2) |
			sed "s|^|FAIL: $2 word '$w' in the $3 output: |" >&2
	done <"$tmp/found"
}
found "$tmp/english" English vi
found "$tmp/vietnamese" Vietnamese en
# Every word of VI_ALSO is still needed (in both languages' outputs).
for w in $VI_ALSO; do
	grep -qx "$w" "$tmp/vi.words" || fail "VI_ALSO: '$w' is in no Vietnamese output any more: drop it"
done
[ $bad = 0 ] || exit 1
echo "words: $(wc -l <"$tmp/english") English and $(wc -l <"$tmp/vietnamese") Vietnamese words; none crosses over"
