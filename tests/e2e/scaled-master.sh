#!/bin/sh
# The decomposition with its master scaled from the start (the test hook
# NTM_MASTER_SCALED=1; in use, only after GLPK fails on the master). GLPK's
# tolerance then applies to the scaled columns, pricing finds plans the
# master has already, and the stage's bound must be L(y), not the master's
# optimum (src/decompose.c, docs/model.md). On data/dienbien that path is
# taken; the plan must pass the checker, and stages 0-3 must be proven at
# the values the direct method proves.
# Usage: scaled-master.sh NTMPLAN PLANCHECK DATASET
ntmplan=$1 plancheck=$2 data=$3
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT

"$ntmplan" --lang en plan --out "$dir/direct" "$data" >/dev/null || exit 1
NTM_MASTER_SCALED=1 NTM_SOLVER_TRACE=1 "$ntmplan" --lang en plan --method decomposition \
	--out "$dir/scaled" "$data" >/dev/null 2>"$dir/trace" || exit 1
if ! grep -q "in it already" "$dir/trace"; then
	echo "scaled-master: the path with plans already in the master was not taken"
	exit 1
fi
"$plancheck" "$data" "$dir/scaled" || exit 1
# objectives.csv: stage,objective,value,bound,status
awk -F, 'NR == FNR { if (FNR > 1) { value[$1] = $3; status[$1] = $5 }; next }
	FNR > 1 && $1 <= 3 {
		if (status[$1] != "optimal" || $5 != "optimal" || $3 != value[$1] || $4 != $3) {
			printf "scaled-master: stage %s: %s (bound %s, %s), direct: %s (%s)\n",
			       $1, $3, $4, $5, value[$1], status[$1]
			bad = 1
		}
	}
	END { exit bad }' "$dir/direct/objectives.csv" "$dir/scaled/objectives.csv"
