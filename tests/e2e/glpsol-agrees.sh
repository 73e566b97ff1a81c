#!/bin/sh
# The planner and the reference model agree: for each dataset folder, the
# optimum of stages 0 (least total shortfall) and 1 (most communes at
# standard at the horizon) found by `ntmplan plan` equals the one glpsol
# finds with models/ntm.mod (run through models/ntm-glpsol.sh).
#
# Usage: glpsol-agrees.sh NTMPLAN DATASET...
#   GLPSOL_TMLIM  glpsol's time limit in seconds (default 600). A dataset
#                 whose glpsol optimum is not proven within it fails.
# Prints one line per dataset and `N passed, M failed`; exits 1 when any
# failed, 2 on a usage error.
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 NTMPLAN DATASET..." >&2
	exit 2
fi
bin=$1
shift
models=$(cd "$(dirname "$0")/../../models" && pwd) || exit 2
tmlim=${GLPSOL_TMLIM:-600}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# value_of FILE STAGE: the value column of that stage's row of an
# objectives.csv (columns found by name), or nothing.
value_of() {
	awk -F, -v want="$2" '
		{ sub(/\r$/, "") }
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		("stage" in col) && ("value" in col) && $col["stage"] == want {
			print $col["value"] "," (("status" in col) ? $col["status"] : "?")
			exit
		}
	' "$1"
}

# round X: nearest whole number of a decimal number, or nothing.
round() {
	awk -v x="$1" 'BEGIN { if (x ~ /^-?[0-9]+(\.[0-9]*)?$/) printf "%d\n", (x < 0 ? x - 0.5 : x + 0.5) }'
}

passed=0
failed=0
for data in "$@"; do
	name=$data
	work=$tmp/run
	rm -rf "$work"
	mkdir -p "$work/plan" || exit 2
	why=

	# The reference model.
	sh "$models/ntm-glpsol.sh" "$data" --tmlim "$tmlim" >"$work/glpsol.out" 2>&1
	grc=$?
	g0=$(sed -n 's/^stage0_shortfall = \(-*[0-9]*\)$/\1/p' "$work/glpsol.out")
	g1=$(sed -n 's/^stage1_communes = \(-*[0-9]*\)$/\1/p' "$work/glpsol.out")
	if [ $grc != 0 ] || [ -z "$g0" ] || [ -z "$g1" ]; then
		msg=$(grep -E -i 'error|usage|no such|no .*solution|infeasible' "$work/glpsol.out" | head -1)
		[ -n "$msg" ] || msg=$(tail -1 "$work/glpsol.out")
		why="glpsol failed (exit $grc): $msg"
	elif ! grep -q '^INTEGER OPTIMAL SOLUTION FOUND' "$work/glpsol.out"; then
		why="glpsol proved no optimum within ${tmlim}s (best found: shortfall $g0, communes $g1)"
	fi

	# The planner.
	p0='' p1='' s0='' s1=''
	"$bin" --lang en plan "$data" --csv-format plain --out "$work/plan" >"$work/plan.out" 2>"$work/plan.err" </dev/null
	prc=$?
	if [ $prc != 0 ]; then
		why="${why:+$why; }ntmplan plan failed (exit $prc): $(head -1 "$work/plan.err")"
	elif [ ! -f "$work/plan/objectives.csv" ]; then
		why="${why:+$why; }ntmplan plan wrote no objectives.csv"
	else
		# Stage 0 is the weighted shortfall of the (one) priority level
		# (levels.csv; none: 0), as ntm.mod weighs it.
		r0=$(awk -F, 'NR == 2 { print $3 "," $6; found = 1 } END { if (!found) print "0,optimal" }' \
			"$work/plan/levels.csv")
		r1=$(value_of "$work/plan/objectives.csv" 1)
		p0=$(round "${r0%%,*}")
		p1=$(round "${r1%%,*}")
		s0=${r0#*,}
		s1=${r1#*,}
		if [ -z "$p0" ] || [ -z "$p1" ]; then
			why="${why:+$why; }objectives.csv has no value for stage 0 or 1"
		fi
	fi

	if [ -z "$why" ] && { [ "$p0" != "$g0" ] || [ "$p1" != "$g1" ]; }; then
		why="ntmplan: shortfall $p0 ($s0), communes $p1 ($s1); glpsol: shortfall $g0, communes $g1"
	fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		echo "ok   $name: shortfall $g0, communes $g1"
	else
		failed=$((failed + 1))
		echo "FAIL $name: $why"
	fi
done
echo "glpsol-agrees: $passed passed, $failed failed"
[ $failed = 0 ]
