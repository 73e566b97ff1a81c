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
	ok=1
	want_rc=$(head -n 1 "$expect")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit code $rc, expected $want_rc"; ok=0
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL $name: a report was printed for a bad scenario"; ok=0
	fi
	tail -n +2 "$expect" | while IFS= read -r text; do
		[ -n "$text" ] || continue
		grep -Fq -- "$text" "$tmp/err" || { echo "FAIL $name: stderr lacks: $text"; exit 1; }
	done || ok=0
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "--- stderr of $name:"; cat "$tmp/err"
	fi
done
echo "bad scenarios: $passed passed, $failed failed"
[ "$passed" -ge 1 ] && [ $failed = 0 ]
