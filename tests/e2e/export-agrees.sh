#!/bin/sh
# The exported model (--write-lp, --write-mps) is the planner's stage 0-1
# model: glpsol, solving each file on its own, reaches the objective
#   communes at standard - (communes + 1) x shortfall
# (the MPS file minimises its negation)
# that ntmplan's objectives.csv reports for stages 0 and 1.
# Usage: export-agrees.sh NTMPLAN DATASET...
set -u
bin=$1
shift
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for data in "$@"; do
	name=$(basename "$data")
	out=$tmp/$name
	mkdir -p "$out"
	if ! "$bin" --lang en plan "$data" --csv-format plain --out "$out" --write-lp "$out/model.lp" \
		--write-mps "$out/model.mps" >/dev/null 2>"$out/err"; then
		echo "FAIL $name: ntmplan failed"; cat "$out/err"; failed=$((failed + 1)); continue
	fi
	# Stage 0 and 1 values, and the number of communes.
	# One priority level (the instances have one): its weighted shortfall
	# (levels.csv) weighs |C| + 1.
	s=$(awk -F, 'NR > 1 { s += $3 } END { print s + 0 }' "$out/levels.csv")
	want=$(awk -F, -v n="$(($(wc -l <"$data/communes.csv") - 1))" -v s="$s" '
		$2 == "communes_standard" { c = $3 }
		END { printf "%d", c - (n + 1) * s }' "$out/objectives.csv")
	ok=1
	for format in lp mps; do
		flag=--lp; [ $format = mps ] && flag=--freemps
		# glpsol writes its solution into the temporary folder (never an
		# existing file of ours: glpsol deletes named outputs first).
		glpsol $flag "$out/model.$format" -o "$out/sol.$format" >"$out/log.$format" 2>&1
		# The MPS file minimises the negated objective.
		sign=1; [ $format = mps ] && sign=-1
		got=$(awk -v sign=$sign '/^Objective:/ { v = sign * $4; printf "%d", v + (v < 0 ? -0.5 : 0.5) }' "$out/sol.$format")
		if [ "$got" != "$want" ]; then
			echo "FAIL $name ($format): glpsol objective '$got', ntmplan $want"; ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "PASS $name: $want"; passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "export: $passed passed, $failed failed"
[ "$passed" -ge 1 ] && [ $failed = 0 ]
