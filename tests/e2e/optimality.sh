#!/bin/sh
# Optimality: the planner's optimum against the exhaustive search.
#
# For each dataset folder under INSTANCES (one with a budget.csv):
#   1. BRUTEFORCE INSTANCE prints the lexicographic optimum of docs/model.md
#      as `objectives: LEVELS COMMUNES STANDARD_YEARS CRITERIA MONEY`, LEVELS
#      each priority level's weighted shortfall joined by commas;
#   2. NTMPLAN --lang en plan INSTANCE --out DIR writes the planner's plan;
#   3. PLANCHECK INSTANCE DIR checks that plan and prints the objectives it
#      achieves, recomputed from allocation.csv alone, on the same kind of
#      line (it must also find no violation);
#   4. the two lines must agree: the levels and the counts exactly; money within 0.05
#      (the planner's money is a sum of rounded amounts) when the money
#      tolerance is 0, otherwise within that tolerance of the optimum
#      (--money-tolerance PCT among the options, else the default 0.01 %)
#      plus 0.05, and never below the optimum;
#   5. objectives.csv must say what was proven: stage 4 `optimal` only with
#      the optimum's money (within 0.05), `within_tolerance` only with a
#      tolerance above 0 and a bound no higher than the optimum; every other
#      stage `optimal`.
# Comparing the plan's recomputed values, not what the planner says about
# them, means the planner can pass only with a plan that truly reaches the
# optimum.
#
# Usage: optimality.sh BRUTEFORCE NTMPLAN PLANCHECK INSTANCES [PLAN-OPTION...]
# (the options are given to every `ntmplan plan`, e.g. --method decomposition
# or --money-tolerance 0)
set -u
if [ $# -lt 4 ]; then
	echo "usage: $0 BRUTEFORCE NTMPLAN PLANCHECK INSTANCES [PLAN-OPTION...]" >&2
	exit 64
fi
bruteforce=$1
ntmplan=$2
plancheck=$3
instances=$4
shift 4
# The money tolerance the plans are made with, percent (the planner's
# default unless the options set it).
tolerance=0.01
previous=
for option in "$@"; do
	[ "$previous" = --money-tolerance ] && tolerance=$option
	previous=$option
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# The objectives line of a tool's output, or nothing.
objectives_line() {
	grep '^objectives: ' "$1" | head -n 1
}

# Prints the head of a file, indented, under a title (for failures);
# nothing when the file is empty.
show() {
	[ -s "$2" ] || return 0
	echo "  --- $1:"
	head -n 20 "$2" | sed 's/^/  /'
}

for dir in "$instances"/*/; do
	[ -f "$dir/budget.csv" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	out=$tmp/$name
	mkdir -p "$out" || exit 1

	"$bruteforce" "$dir" >"$tmp/bf.out" 2>"$tmp/bf.err" </dev/null
	rc=$?
	expected=$(objectives_line "$tmp/bf.out")
	if [ $rc != 0 ] || [ -z "$expected" ]; then
		echo "FAIL $name: bruteforce exit code $rc"
		show "bruteforce output" "$tmp/bf.out"
		show "bruteforce stderr" "$tmp/bf.err"
		failed=$((failed + 1))
		continue
	fi

	"$ntmplan" --lang en plan "$dir" --out "$out" --csv-format plain "$@" >"$tmp/plan.out" 2>"$tmp/plan.err" </dev/null
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL $name: ntmplan plan exit code $rc (optimum: $expected)"
		show "ntmplan stderr" "$tmp/plan.err"
		failed=$((failed + 1))
		continue
	fi

	"$plancheck" "$dir" "$out" >"$tmp/check.out" 2>"$tmp/check.err" </dev/null
	rc=$?
	got=$(objectives_line "$tmp/check.out")
	if [ $rc != 0 ] || [ -z "$got" ]; then
		echo "FAIL $name: plancheck exit code $rc (optimum: $expected)"
		show "plancheck output" "$tmp/check.out"
		show "plancheck stderr" "$tmp/check.err"
		failed=$((failed + 1))
		continue
	fi

	# Fields 2-5 are counts, field 6 money; then stage 4's line of
	# objectives.csv (stage,objective,value,bound,status).
	if { printf '%s\n%s\n' "$expected" "$got"; grep '^4,' "$out/objectives.csv"; } |
		awk -v tol="$tolerance" '
		NR == 1 { for (i = 2; i <= 6; i++) want[i] = $i; next }
		NR == 2 {
			if (NF != 6 || $2 != want[2]) exit 1
			for (i = 3; i <= 5; i++)
				if ($i + 0 != want[i] + 0) exit 1
			money = $6 + 0
			if (money < want[6] - 0.05 || money > want[6] + tol / 100 * want[6] + 0.05) exit 1
			next
		}
		NR == 3 {
			split($0, f, ",")
			if (f[5] == "optimal") { d = money - want[6]; if (d > 0.05) exit 1 }
			else if (f[5] == "within_tolerance") { if (!(tol > 0) || f[4] + 0 > want[6] + 0.05) exit 1 }
			else exit 1
			seen = 1
		}
		END { if (!seen) exit 1 }' &&
		! awk -F, 'NR > 1 && $1 != 4 && $5 != "optimal"' "$out/objectives.csv" | grep -q .
	then
		echo "PASS $name: $got ($(grep '^4,' "$out/objectives.csv" | cut -d, -f5))"
		passed=$((passed + 1))
	else
		echo "FAIL $name: the plan achieves"
		echo "  plan:    $got"
		echo "  optimum: $expected"
		show "objectives.csv" "$out/objectives.csv"
		show "bruteforce output" "$tmp/bf.out"
		failed=$((failed + 1))
	fi
done

echo "optimality: $passed passed, $failed failed"
[ $failed = 0 ] && [ $passed -gt 0 ]
