#!/bin/sh
# The bad-scenario suite: each NAME.ini under BAD is a scenario file with a
# defect, and NAME.expect says what must happen when `ntmplan check` reads
# it: its first line is the exit code; every further line is text that must
# appear in one line of stderr (fixed string; messages are checked in
# English). Nothing may be printed on stdout. Files in subfolders are
# helpers (scenarios the cases extend), not cases.
# Usage: run-bad-scenarios.sh NTMPLAN BAD (run from the repository's top
# folder: the expected messages name files by their path from there)
set -u
. "$(dirname "$0")/expect-refusal.sh"
bin=$1
bad=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0
for ini in "$bad"/*.ini; do
	name=$(basename "$ini" .ini)
	expect=$bad/$name.expect
	if [ ! -f "$expect" ]; then
		echo "FAIL $name: no $name.expect"; failed=$((failed + 1)); continue
	fi
	"$bin" --lang en check "$ini" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	check_refusal "$name" "$expect" "a bad scenario"
done
echo "bad scenarios: $passed passed, $failed failed"
[ "$passed" -ge 1 ] && [ $failed = 0 ]
