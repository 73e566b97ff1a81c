#!/bin/sh
# next: each step's extra money against independent plan runs.
#
# For each dataset folder under INSTANCES, NTMPLAN --lang en next --count 2
# prints steps "K. N communes at standard: ... (--budget Y:S=+X)". For each:
#   - enough: `plan --budget Y:S=+X` has at least N communes at standard
#     and no more target shortfall than `plan` (objectives.csv);
#   - not more than needed: `plan --budget Y:S=+(X-1)` has fewer than N
#     communes at standard, or more shortfall.
# Usage: next-agrees.sh NTMPLAN INSTANCES
set -u
ntmplan=$1
instances=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
steps=0

stage_value() {
	awk -F, -v s="$2" '$1 == s { print $3 }' "$1"
}

for dir in "$instances"/*/; do
	dir=${dir%/}
	[ -f "$dir/budget.csv" ] || continue
	name=$(basename "$dir")
	ok=1
	"$ntmplan" plan --csv-format plain "$dir" --out "$tmp/base" >/dev/null 2>&1 || ok=0
	base_short=$(stage_value "$tmp/base/objectives.csv" 0)
	"$ntmplan" --lang en next --count 2 "$dir" >"$tmp/next" 2>&1 || { echo "FAIL $name: next failed"; ok=0; }
	sed -n 's/^[0-9]*\. \([0-9]*\) communes at standard: .*(--budget \([0-9]*\):\([^=]*\)=+\([0-9]*\)).*/\1 \2 \3 \4/p' \
		"$tmp/next" >"$tmp/steps"
	while read -r want year source amount; do
		steps=$((steps + 1))
		for delta in 0 1; do
			rm -rf "$tmp/run"
			x=$((amount - delta))
			"$ntmplan" plan --csv-format plain --budget "$year:$source=+$x" "$dir" --out "$tmp/run" >/dev/null 2>&1 ||
				{ echo "FAIL $name: plan --budget $year:$source=+$x"; ok=0; continue; }
			got=$(stage_value "$tmp/run/objectives.csv" 1)
			short=$(stage_value "$tmp/run/objectives.csv" 0)
			reached=$(awk -v g="$got" -v w="$want" -v s="$short" -v b="$base_short" \
				'BEGIN { print (g + 0 >= w + 0 && s + 0 <= b + 0) ? 1 : 0 }')
			if [ $delta = 0 ] && [ "$reached" != 1 ]; then
				echo "FAIL $name: +$x on $year:$source gives $got communes (shortfall $short), next says $want"
				ok=0
			fi
			if [ $delta = 1 ] && [ "$reached" = 1 ]; then
				echo "FAIL $name: +$x on $year:$source already gives $got communes: next's $amount is not the least"
				ok=0
			fi
		done
	done <"$tmp/steps"
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "next-agrees: $passed passed, $failed failed, $steps steps checked"
[ $failed = 0 ] && [ $steps -gt 0 ]
