#!/bin/sh
# Interrupts and full disks leave no output file (docs/hardening.md):
#  - `ntmplan plan --out DIR DATASET`, made long by searching for the exact
#    least money without a node limit worth the name (--money-tolerance 0
#    --node-limit 1000000: until the 60 s time limit on data/dienbien,
#    where the default run takes under a second), sent SIGINT, then
#    SIGTERM, a second after it starts ends by that signal (exit status
#    130, 143) and leaves DIR empty;
#  - the same plan on a disk that takes no byte (ulimit -f 0, SIGXFSZ not
#    ignored: ntmplan ignores it itself) exits 74 naming allocation.csv and
#    leaves DIR empty; so do --write-lp and --write-mps;
#  - the watchdog, made to ring before the time limit, stops a plan: exit
#    75, DIR empty.
# Usage: interrupt.sh NTMPLAN DATASET SMALL_DATASET
set -u
bin=$1
data=$2
small=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0

check_empty() {
	if [ -n "$(ls -A "$2")" ]; then
		echo "FAIL $1: $2 is not empty:"; ls -la "$2"; failed=$((failed + 1)); return 1
	fi
	return 0
}

for sig in INT TERM; do
	out=$tmp/out-$sig
	mkdir "$out"
	# A background job of a script starts with SIGINT ignored; env gives
	# ntmplan the default action back, as a terminal's Ctrl-C would find.
	env --default-signal=INT,TERM "$bin" plan --out "$out" --money-tolerance 0 \
		--node-limit 1000000 "$data" >"$tmp/stdout" 2>"$tmp/stderr" &
	pid=$!
	sleep 1
	kill -s $sig $pid
	wait $pid
	rc=$?
	want=130; [ $sig = TERM ] && want=143
	if [ $rc != $want ]; then
		echo "FAIL SIG$sig: exit status $rc, expected $want"; failed=$((failed + 1))
	elif check_empty "SIG$sig" "$out"; then
		passed=$((passed + 1))
	fi
done

out=$tmp/out-full
mkdir "$out"
# The limit is set in the process that becomes ntmplan; its stderr is a pipe
# (a file would take no byte either).
{ sh -c 'ulimit -f 0; exec "$0" "$@"' "$bin" --lang en plan --out "$out" "$small" 2>&1 >/dev/null
  echo $? >"$tmp/rc"; } | cat >"$tmp/stderr"
rc=$(cat "$tmp/rc")
if [ "$rc" != 74 ]; then
	echo "FAIL full disk: exit status $rc, expected 74"; cat "$tmp/stderr"; failed=$((failed + 1))
elif ! grep -q "$out/allocation.csv: cannot write: File too large" "$tmp/stderr"; then
	echo "FAIL full disk: no message naming allocation.csv:"; cat "$tmp/stderr"; failed=$((failed + 1))
elif check_empty "full disk" "$out"; then
	passed=$((passed + 1))
fi

# The model export too (GLPK writes it; it once left a truncated file and
# exited 0): exit 74 naming the file, and no file.
for format in lp mps; do
	out=$tmp/out-model-$format
	mkdir "$out"
	{ sh -c 'ulimit -f 0; exec "$0" "$@"' "$bin" --lang en plan --write-$format "$out/model.$format" \
		--node-limit 1 "$small" 2>&1 >/dev/null
	  echo $? >"$tmp/rc"; } | cat >"$tmp/stderr"
	rc=$(cat "$tmp/rc")
	if [ "$rc" != 74 ]; then
		echo "FAIL full disk, --write-$format: exit status $rc, expected 74"; cat "$tmp/stderr"
		failed=$((failed + 1))
	elif ! grep -q "$out/model.$format: cannot write" "$tmp/stderr"; then
		echo "FAIL full disk, --write-$format: no message naming the file:"; cat "$tmp/stderr"
		failed=$((failed + 1))
	elif check_empty "full disk, --write-$format" "$out"; then
		passed=$((passed + 1))
	fi
done

# The watchdog (src/main.c): with a grace below 0 (NTM_WATCHDOG_GRACE=-1.5)
# it rings 0.5 s into a plan limited to 2 s, which the plan outlives on any
# machine, and stops the run: exit 75, its message, DIR empty. (With a grace
# of 0 and a limit of 0.2 s, a plan that kept within its limit, as it may
# on a machine that happens to be fast enough, ended first with exit 0.)
out=$tmp/out-watchdog
mkdir "$out"
NTM_WATCHDOG_GRACE=-1.5 "$bin" --lang en plan --time-limit 2 --out "$out" "$data" \
	>/dev/null 2>"$tmp/stderr"
rc=$?
if [ "$rc" != 75 ]; then
	echo "FAIL watchdog: exit status $rc, expected 75"; cat "$tmp/stderr"; failed=$((failed + 1))
elif ! grep -q "ran far past its time limit" "$tmp/stderr"; then
	echo "FAIL watchdog: no message:"; cat "$tmp/stderr"; failed=$((failed + 1))
elif check_empty "watchdog" "$out"; then
	passed=$((passed + 1))
fi

echo "interrupts and full disk: $passed passed, $failed failed"
[ $failed = 0 ]
