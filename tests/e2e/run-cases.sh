#!/bin/sh
# End-to-end cases: each folder under CASES holds
#   args             the command line after 'ntmplan' (one line; run from the
#                    repository's top folder, so paths are relative to it;
#                    @SCRATCH@ stands for an empty folder of the case's own)
#   scratch.match    optional: each line is "FILE REGEX": the file the run
#                    wrote into @SCRATCH@ must have a line matching REGEX
#   rc               the expected exit code
#   stdout.expected  optional: stdout must equal it byte for byte
#   stdout.match     optional: each line is an extended regex that must match
#                    some line of stdout
#   stderr.match     optional: the same for stderr
# Usage: run-cases.sh NTMPLAN CASES
set -u
bin=$1
cases=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0
for dir in "$cases"/*/; do
	name=$(basename "$dir")
	scratch=$tmp/scratch-$name
	mkdir "$scratch"
	# shellcheck disable=SC2046 # args are words, split on purpose
	"$bin" $(sed "s|@SCRATCH@|$scratch|g" "$dir/args") >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	ok=1
	want_rc=$(cat "$dir/rc")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit code $rc, expected $want_rc"; ok=0
	fi
	if [ -f "$dir/stdout.expected" ] && ! cmp -s "$dir/stdout.expected" "$tmp/out"; then
		echo "FAIL $name: stdout differs:"; diff "$dir/stdout.expected" "$tmp/out" | head -20; ok=0
	fi
	for stream in stdout stderr; do
		[ -f "$dir/$stream.match" ] || continue
		file=$tmp/out; [ $stream = stderr ] && file=$tmp/err
		while IFS= read -r pattern; do
			[ -n "$pattern" ] || continue
			if ! grep -Eq -- "$pattern" "$file"; then
				echo "FAIL $name: no line of $stream matches: $pattern"; ok=0
			fi
		done <"$dir/$stream.match"
	done
	if [ -f "$dir/scratch.match" ]; then
		while read -r file pattern; do
			[ -n "$file" ] || continue
			if ! grep -Eq -- "$pattern" "$scratch/$file" 2>/dev/null; then
				echo "FAIL $name: no line of $file matches: $pattern"; ok=0
			fi
		done <"$dir/scratch.match"
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "--- stderr of $name:"; head -20 "$tmp/err"
	fi
done
echo "e2e cases: $passed passed, $failed failed"
[ $failed = 0 ]
