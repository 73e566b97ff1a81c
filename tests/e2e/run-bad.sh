#!/bin/sh
# The bad-dataset suite: each folder under BAD is a defect laid over the good
# dataset BASE. It holds the files that replace BASE's (a file named
# NAME.remove deletes NAME instead) and 'expect': its first line is the exit
# code; every further line is text that must appear in one line of stderr
# (fixed string; messages are checked in English).
# Usage: run-bad.sh NTMPLAN BAD BASE
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
	data=$tmp/$name
	mkdir "$data"
	cp "$base"/*.csv "$data"/
	for f in "$dir"*; do
		case $(basename "$f") in
		expect) ;;
		*.remove) rm -f "$data/$(basename "$f" .remove)" ;;
		*) cp "$f" "$data/" ;;
		esac
	done
	"$bin" --lang en check "$data" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	check_refusal "$name" "$dir/expect" "bad data"
done
echo "bad datasets: $passed passed, $failed failed"
[ "$passed" -ge 1 ] && [ $failed = 0 ]
