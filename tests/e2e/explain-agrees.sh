#!/bin/sh
# explain: its statuses and prices against independent runs.
#
# For each dataset folder under INSTANCES (and any more given):
#   1. BRUTEFORCE --statuses INSTANCE enumerates every optimal plan of
#      stages 0-1 and says, per commune, baseline, sure, contested, out or
#      mixed (either sure or contested, see bruteforce.c);
#   2. NTMPLAN explain --all INSTANCE --out DIR must give every commune the
#      same status in explain.csv;
#   3. for every commune, NTMPLAN explain ID INSTANCE --out DIR (a single
#      commune's run solves every stage) gives in explain.csv the change of
#      each objective its run makes; it must equal the difference of two
#      independent runs, `plan INSTANCE` and `plan --exclude ID` (a commune
#      in the plan) or `plan --require ID` (out of it), read from their
#      objectives.csv (but for a commune targets.csv requires already:
#      explain requires it a second time, which `plan --require` does not).
#
# Usage: explain-agrees.sh BRUTEFORCE NTMPLAN INSTANCES [INSTANCE...]
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 BRUTEFORCE NTMPLAN INSTANCES [INSTANCE...]" >&2
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

# The value of stage $2 in objectives.csv $1.
stage_value() {
	awk -F, -v s="$2" '$1 == s { print $3 }' "$1"
}

for dir in "$instances"/*/ "$@"; do
	dir=${dir%/}
	[ -f "$dir/budget.csv" ] || continue
	name=$(basename "$dir")
	ok=1
	"$bruteforce" --statuses "$dir" >"$tmp/bf" 2>/dev/null
	if ! "$ntmplan" --lang en explain --all --csv-format plain "$dir" --out "$tmp/all" >/dev/null 2>"$tmp/err"; then
		echo "FAIL $name: explain --all failed"; cat "$tmp/err"; failed=$((failed + 1)); continue
	fi
	grep '^status ' "$tmp/bf" | while read -r _ id want; do
		got=$(awk -F, -v id="$id" '$1 == id { print $4 }' "$tmp/all/explain.csv")
		case "$want:$got" in
		mixed:sure|mixed:contested) ;;
		*) [ "$want" = "$got" ] || echo "$id: exhaustive search says $want, explain says $got" ;;
		esac
	done >"$tmp/diff"
	if [ -s "$tmp/diff" ]; then
		echo "FAIL $name: statuses differ"; sed 's/^/  /' "$tmp/diff"; ok=0
	fi
	"$ntmplan" plan --csv-format plain "$dir" --out "$tmp/base" >/dev/null 2>&1 || ok=0
	for id in $(tail -n +2 "$tmp/all/explain.csv" | cut -d, -f1); do
		rm -rf "$tmp/one" "$tmp/run"
		"$ntmplan" explain --csv-format plain "$id" "$dir" --out "$tmp/one" >/dev/null 2>&1 || { echo "FAIL $name: explain $id"; ok=0; continue; }
		line=$(tail -n 1 "$tmp/one/explain.csv")
		run=$(echo "$line" | cut -d, -f9)
		[ -n "$run" ] || continue
		# A commune targets.csv requires already: explain requires it
		# twice (so that the run still tells whether an optimal plan
		# can have it), which no `plan` option does.
		grep -q "^require_commune,$id," "$dir/targets.csv" && continue
		"$ntmplan" plan --csv-format plain --"$run" "$id" "$dir" --out "$tmp/run" >/dev/null 2>&1 || { echo "FAIL $name: plan --$run $id"; ok=0; continue; }
		field=10
		for stage in 0 1 2; do
			want=$(awk -v a="$(stage_value "$tmp/run/objectives.csv" $stage)" \
				   -v b="$(stage_value "$tmp/base/objectives.csv" $stage)" 'BEGIN { printf "%d", a - b }')
			got=$(echo "$line" | cut -d, -f$field)
			if [ "$want" != "$got" ]; then
				echo "FAIL $name: $id stage $stage: explain says $got, plan --$run minus plan says $want"
				ok=0
			fi
			field=$((field + 1))
		done
	done
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "explain-agrees: $passed passed, $failed failed"
[ $failed = 0 ] && [ $passed -gt 0 ]
