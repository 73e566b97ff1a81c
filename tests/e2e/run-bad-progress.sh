#!/bin/sh
# The bad progress-file suite (docs/data-format.md, "The progress file"):
# each folder under BAD holds progress.csv (absent: a missing file) and
# 'expect' (first line the exit code, then texts stderr must contain, as in
# run-bad.sh); an optional 'args' replaces the options '--from 2017' (the
# word NOPROGRESS there leaves out --progress). Every case re-plans BASE
# (tests/data/tiny, 2016-2017) from 2017.
# Usage: run-bad-progress.sh NTMPLAN BAD BASE
set -u
. "$(dirname "$0")/expect-refusal.sh"
bin=$1
bad=$2
base=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0
for dir in "$bad"/*/; do
	name=$(basename "$dir")
	args="--from 2017"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	progress="--progress ${dir}progress.csv"
	case $args in *NOPROGRESS*) progress=""; args=$(echo "$args" | sed 's/NOPROGRESS//') ;; esac
	# shellcheck disable=SC2086
	(cd "$tmp" && "$bin" --lang en plan "$base" $args $progress) >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	check_refusal "$name" "$dir/expect" "a bad progress file"
done
echo "bad progress files: $passed passed, $failed failed"
[ "$passed" -ge 20 ] && [ $failed = 0 ]
