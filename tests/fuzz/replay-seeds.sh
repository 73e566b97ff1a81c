#!/bin/sh
# Replays the whole seed corpus of one harness (make-seeds.sh: the test
# data and the hand-written seeds) through it: each must run clean.
# Usage: replay-seeds.sh HARNESS SOURCE_DIR TARGET
set -eu
bin=$1
src=$2
target=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$src/tests/fuzz/make-seeds.sh" "$src" "$tmp" >/dev/null
n=$(ls "$tmp/$target" | wc -l)
[ "$n" -gt 0 ] || { echo "no seeds for $target"; exit 1; }
# libFuzzer runs each file given as an argument once, and stops at the
# first crash, leak or broken promise with a non-zero exit code.
"$bin" "$tmp/$target"/* >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
echo "$target: $n seeds replayed clean"
