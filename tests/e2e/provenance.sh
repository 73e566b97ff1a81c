#!/bin/sh
# Traceability, checked from outside: `ntmplan plan --out` on a scenario
# that extends another, with an option on top, writes provenance.csv whose
# every file row carries the SHA-256 that coreutils' sha256sum computes,
# whose overrides are those of the files and the command line in order,
# and whose rows the text report shows too.
# Usage: provenance.sh NTMPLAN (run from the repository's top folder)
set -eu
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

scenario=tests/scenarios/tiny-what-if.ini
"$bin" --lang en plan --csv-format plain --out "$out" --require A02 "$scenario" >"$out/report.txt"
csv=$out/provenance.csv
[ -f "$csv" ] || fail "no provenance.csv"
for f in allocation.csv communes.csv targets.csv objectives.csv; do
	[ -f "$out/$f" ] || fail "no $f"
done
[ "$(head -n 1 "$csv")" = "kind,name,value" ] || fail "header: $(head -n 1 "$csv")"
grep -qx "scenario,$scenario,Tiny: what if" "$csv" || fail "no scenario row"
grep -qx "dataset,tests/data/tiny,tiny" "$csv" || fail "no dataset row"

# Every file the run read, and only those: the two scenario files (base
# first) and the seven data files, each with sha256sum's digest.
expected="tests/scenarios/tiny-base.ini $scenario"
for f in criteria unit_costs communes sources budget gaps targets; do
	expected="$expected tests/data/tiny/$f.csv"
done
rows=$(grep -c '^file,' "$csv")
[ "$rows" = 9 ] || fail "$rows file rows, expected 9"
n=0
for path in $expected; do
	n=$((n + 1))
	line=$(grep '^file,' "$csv" | sed -n "${n}p")
	want="file,$path,$(sha256sum "$path" | cut -d' ' -f1)"
	[ "$line" = "$want" ] || fail "row $n: '$line', expected '$want'"
	# the report shows the same digest beside the same path
	grep -Eq "^  $path +$(sha256sum "$path" | cut -d' ' -f1)\$" "$out/report.txt" ||
		fail "the report lacks $path and its digest"
done

# The overrides, in order: the file's 15 (lines 7 to 31), then the option.
overrides=$(grep -c '^override,' "$csv")
[ "$overrides" = 16 ] || fail "$overrides override rows, expected 16"
[ "$(grep '^override,' "$csv" | head -n 1)" = "override,$scenario:7,[budget] scale = 0.9" ] ||
	fail "first override: $(grep '^override,' "$csv" | head -n 1)"
[ "$(grep '^override,' "$csv" | tail -n 1)" = "override,command-line,--require A02" ] ||
	fail "last override: $(grep '^override,' "$csv" | tail -n 1)"
grep -q '^  command line  *--require A02$' "$out/report.txt" || fail "the report lacks the option"
echo "ok: provenance.csv and the report name every file with its SHA-256 and every override"
