#!/bin/sh
# Bounds: a stage stopped before its proof reports a bound, and that bound
# must be valid. For each dataset folder under INSTANCES, the planner runs
# with its shortcuts off (NTM_SOLVER_TEST_PATHS=1) and one
# branch-and-bound node per stage, so that stages stop on their bounds;
# then, against the exhaustive search's lexicographic optimum, every
# maximised stage (1-3) must report a bound at least the optimum, and every
# minimised one (0, 4) at most it. (A stage is solved given what the stages
# before it reached, which is no better than their optima: its feasible
# set can only be larger, so the comparison holds even when an earlier
# stage stopped short.)
#
# Usage: bounds-valid.sh BRUTEFORCE NTMPLAN INSTANCES [PLAN-OPTION...]
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 BRUTEFORCE NTMPLAN INSTANCES [PLAN-OPTION...]" >&2
	exit 64
fi
bruteforce=$1
ntmplan=$2
instances=$3
shift 3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for dir in "$instances"/*/; do
	[ -f "$dir/budget.csv" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	out=$tmp/$name
	mkdir -p "$out" || exit 1
	optimum=$("$bruteforce" "$dir" </dev/null 2>/dev/null | sed -n 's/^objectives: //p')
	if [ -z "$optimum" ]; then
		echo "FAIL $name: no optimum from bruteforce"; failed=$((failed + 1)); continue
	fi
	if ! NTM_SOLVER_TEST_PATHS=1 "$ntmplan" --lang en plan "$dir" --node-limit 1 \
		--csv-format plain --out "$out" "$@" >/dev/null 2>"$tmp/err" </dev/null; then
		echo "FAIL $name: ntmplan plan failed"; cat "$tmp/err"; failed=$((failed + 1)); continue
	fi
	verdict=$(awk -F, -v opt="$optimum" '
		BEGIN { split(opt, o, " ") }
		NR > 1 {
			k = $1 + 0; bound = $4 + 0; want = o[k + 1] + 0
			if (k == 0) { n++; next } # the levels, below
			tol = (k == 4) ? 0.05 : 1e-6
			if ((k == 0 || k == 4) ? bound > want + tol : bound < want - tol)
				printf "stage %d bound %s beyond the optimum %s; ", k, $4, o[k + 1]
			n++
		}
		END { if (n != 5) printf "%d stages in objectives.csv", n }' "$out/objectives.csv")
	# Stage 0 is a stage per priority level: each level's bound (levels.csv)
	# at most the optimum's weighted shortfall of that level.
	verdict=$verdict$(awk -F, -v opt="$optimum" '
		BEGIN { split(opt, o, " "); split(o[1], lv, ",") }
		NR > 1 {
			if ($5 + 0 > lv[$1] + 1e-6)
				printf "level %d bound %s beyond the optimum %s; ", $1, $5, lv[$1]
		}' "$out/levels.csv")
	if [ -n "$verdict" ]; then
		echo "FAIL $name: $verdict"; failed=$((failed + 1))
	else
		echo "PASS $name: optimum $optimum; bounds $(awk -F, 'NR > 1 { printf " %s (%s)", $4, $5 }' "$out/objectives.csv")"
		passed=$((passed + 1))
	fi
done
echo "bounds: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
