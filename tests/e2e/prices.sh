#!/bin/sh
# Prices: the price of each target that `ntmplan plan --out` gives in
# targets.csv (price_communes, price_commune_years) must equal the
# difference between two independent runs, one with the target and one
# without it:
#   - on a small instance, two runs of the exhaustive search (the target's
#     row taken out of targets.csv for the second);
#   - on a larger dataset (ORACLE "-"), two runs of `ntmplan plan
#     --no-prices`, the second with --target KIND[:SUBJECT]=remove; only
#     the first LIMIT priced targets then (each run takes seconds).
# Every target with a shortfall is priced (not only those met exactly).
#
# Usage: prices.sh NTMPLAN ORACLE|- DATASET [LIMIT]
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 NTMPLAN ORACLE|- DATASET [LIMIT]" >&2
	exit 64
fi
ntmplan=$1
oracle=$2
dir=$3
limit=${4:-1000}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
checked=0

"$ntmplan" --lang en plan "$dir" --csv-format plain --out "$tmp/out" >/dev/null 2>"$tmp/err" </dev/null || {
	echo "FAIL: ntmplan plan $dir"; cat "$tmp/err"; exit 1; }

# Communes and commune-years of a run: from the oracle's objectives line,
# or from objectives.csv (stages 1 and 2).
values() { # DIR-OR-DATASET [OPTION...]
	if [ "$oracle" != - ]; then
		"$oracle" "$1" 2>/dev/null </dev/null | awk '/^objectives: / { print $3, $4 }'
	else
		d=$1; shift
		rm -rf "$tmp/run"
		"$ntmplan" --lang en plan "$d" --no-prices --csv-format plain --out "$tmp/run" "$@" >/dev/null 2>&1 </dev/null &&
			awk -F, '$1 == 1 { c = $3 } $1 == 2 { y = $3 } END { print c + 0, y + 0 }' "$tmp/run/objectives.csv"
	fi
}

base=$(values "$dir")
[ -n "$base" ] || { echo "FAIL: no values for $dir"; exit 1; }
row=0
# targets.csv: target,subject,value,achieved,shortfall,priority,price_communes,price_commune_years
tail -n +2 "$tmp/out/targets.csv" | while IFS= read -r line; do
	row=$((row + 1))
	kind=$(printf '%s' "$line" | cut -d, -f1)
	subject=$(printf '%s' "$line" | cut -d, -f2)
	price_c=$(printf '%s' "$line" | cut -d, -f7)
	price_y=$(printf '%s' "$line" | cut -d, -f8)
	[ -n "$price_c" ] || continue
	[ "$row" -le "$limit" ] || { [ "$oracle" = - ] && continue; }
	if [ "$oracle" != - ]; then
		rm -rf "$tmp/without"
		cp -r "$dir" "$tmp/without"
		awk -v skip=$((row + 1)) 'NR != skip' "$dir/targets.csv" >"$tmp/without/targets.csv"
		without=$(values "$tmp/without")
	else
		if [ -n "$subject" ]; then opt="$kind:$subject=remove"; else opt="$kind=remove"; fi
		without=$(values "$dir" --target "$opt")
	fi
	want=$(printf '%s\n%s\n' "$base" "$without" | awk 'NR == 1 { c = $1; y = $2 } NR == 2 { print $1 - c, $2 - y }')
	if [ "$want" = "$price_c $price_y" ]; then
		echo "PASS $kind $subject: +$price_c communes, +$price_y commune-years"
	else
		echo "FAIL $kind $subject: priced $price_c $price_y, the two runs give $want ($base, then $without)"
		echo x >>"$tmp/failed"
	fi
	echo x >>"$tmp/checked"
done
failed=$(cat "$tmp/failed" 2>/dev/null | wc -l)
checked=$(cat "$tmp/checked" 2>/dev/null | wc -l)
echo "prices: $checked checked, $failed failed"
[ "$failed" = 0 ] && [ "$checked" -gt 0 ]
