# Sourced by run-bad.sh and run-bad-scenarios.sh: the check of one refused
# input, the same for a bad dataset and a bad scenario file.
#
# check_refusal NAME EXPECT WHAT: `ntmplan check` has just run, its exit
# code in $rc, its stdout in $tmp/out and stderr in $tmp/err. EXPECT's
# first line is the exit code wanted, each further non-empty line a text
# stderr must contain; nothing may be printed on stdout ("a report was
# printed for WHAT"). Counts the case in $passed or $failed, and shows
# stderr when it fails.
check_refusal() {
	ok=1
	want_rc=$(head -n 1 "$2")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $1: exit code $rc, expected $want_rc"; ok=0
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL $1: a report was printed for $3"; ok=0
	fi
	tail -n +2 "$2" | while IFS= read -r text; do
		[ -n "$text" ] || continue
		grep -Fq -- "$text" "$tmp/err" || { echo "FAIL $1: stderr lacks: $text"; exit 1; }
	done || ok=0
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "--- stderr of $1:"; cat "$tmp/err"
	fi
}
