#!/bin/sh
# The plan checker's fixtures. Each folder under CASES that has an `rc` file
# holds a plan as `ntmplan plan` writes it (allocation.csv, communes.csv,
# targets.csv, objectives.csv; some deliberately wrong or missing) and
#   rc               the exit code plancheck must give
#   stdout.expected  what plancheck must print on stdout, byte for byte, so
#                    a bad plan must give exactly its violations and no more
#   dataset          optional: the dataset folder, relative to CASES
#                    (default: DEFAULT_DATASET)
# Folders without `rc` (data/) are datasets, not cases.
# Usage: run.sh PLANCHECK CASES DEFAULT_DATASET
set -u
bin=$1
cases=$2
default_dataset=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0
for dir in "$cases"/*/; do
	[ -f "$dir/rc" ] || continue
	name=$(basename "$dir")
	dataset=$default_dataset
	[ -f "$dir/dataset" ] && dataset=$cases/$(cat "$dir/dataset")
	"$bin" "$dataset" "$dir" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	ok=1
	want_rc=$(cat "$dir/rc")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit code $rc, expected $want_rc"; ok=0
	fi
	if ! cmp -s "$dir/stdout.expected" "$tmp/out"; then
		echo "FAIL $name: stdout differs from stdout.expected:"
		diff "$dir/stdout.expected" "$tmp/out" | head -20; ok=0
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "--- stderr of $name:"; head -20 "$tmp/err"
	fi
done
echo "plancheck cases: $passed passed, $failed failed"
[ $failed = 0 ] && [ $passed -gt 0 ]
