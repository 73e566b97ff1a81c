#!/bin/sh
# The limits of docs/data-format.md, on inputs made here, in a scratch
# folder of the build tree (nothing big is committed):
#  - 100,000 communes in about 8,700 districts (tools/gen_synth): loaded and
#    checked (a few seconds; no time is asserted);
#  - fields of 10,000 characters: a district name read, matched and printed
#    whole, an unknown district of that length reported whole;
#  - a file of 5 GB (sparse, truncate -s 5G): refused before reading, with
#    its size and the limit;
#  - a line without end (2 MiB, no line end): refused with file:line:column.
# Usage: limits.sh NTMPLAN GEN_SYNTH SMALL_DATASET WORK
set -u
bin=$1
gen=$2
small=$3
work=$4
rm -rf "$work"
mkdir -p "$work" || exit 1
failed=0
passed=0

fail() {
	echo "FAIL $1"; head -5 "$work/err"; failed=$((failed + 1))
}

# A copy of SMALL_DATASET in $work/NAME.
copy() {
	mkdir "$work/$1" && cp "$small"/*.csv "$work/$1/"
}

# NAME RC TEXT: the last check exited RC and its stderr has TEXT.
expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1: exit code $rc, expected $2"
	elif [ -n "$3" ] && ! grep -Fq -- "$3" "$work/err"; then
		fail "$1: stderr lacks: $3"
	else
		passed=$((passed + 1))
	fi
}

"$gen" --communes 100000 "$work/communes-100000" >/dev/null 2>"$work/err" || fail "gen_synth"
"$bin" --lang en check "$work/communes-100000" >"$work/out" 2>"$work/err"
rc=$?
expect "100,000 communes" 0 ""
grep -q "100000 communes in [0-9]* districts" "$work/out" || fail "100,000 communes: not all loaded"

# 10,000 characters: "Mường " 1,666 times and "Lay" (10,000 characters, 14,998 bytes).
long=$(i=0; while [ $i -lt 1666 ]; do printf 'Mường '; i=$((i + 1)); done; printf 'ABCD')
copy long-field
for f in communes targets; do
	sed "s/Điện Biên,/$long,/" "$small/$f.csv" >"$work/long-field/$f.csv"
done
"$bin" --lang en check "$work/long-field" >"$work/out" 2>"$work/err"
rc=$?
expect "10,000-character district" 0 ""
grep -Fq "$long" "$work/out" || fail "10,000-character district: not printed whole"
copy long-district
sed "s/^district_standard,Điện Biên,/district_standard,$long,/" "$small/targets.csv" >"$work/long-district/targets.csv"
"$bin" --lang en check "$work/long-district" >"$work/out" 2>"$work/err"
rc=$?
expect "10,000-character unknown district" 65 "targets.csv:6:2: unknown district '$long' (not in communes.csv)"

copy huge-file
truncate -s 5G "$work/huge-file/gaps.csv"
"$bin" --lang en check "$work/huge-file" >"$work/out" 2>"$work/err"
rc=$?
expect "5 GB file" 65 "gaps.csv: the file is too large (5368709120 bytes; the limit is 256 MiB)"
rm -f "$work/huge-file/gaps.csv"

copy endless-line
{ head -n 1 "$small/gaps.csv"; printf 'A01,1,0,'; head -c 2097152 /dev/zero | tr '\0' '7'; } >"$work/endless-line/gaps.csv"
"$bin" --lang en check "$work/endless-line" >"$work/out" 2>"$work/err"
rc=$?
expect "line without end" 65 "gaps.csv:2:4: line longer than 1048576 bytes (a line without end, or not a CSV file?)"

echo "limits: $passed passed, $failed failed"
[ $failed = 0 ] && rm -rf "$work"
[ $failed = 0 ]
