#!/bin/sh
# Priorities against the exhaustive search: every test instance, with
# random targets added and random priorities (1-3) given to all of them,
# for three seeds each, must reach bruteforce's optimum on every level and
# every later stage (optimality.sh on the rewritten instances). The
# random choices are awk's srand(SEED): the same on every run.
#
# Usage: priorities.sh BRUTEFORCE NTMPLAN PLANCHECK INSTANCES [PLAN-OPTION...]
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
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/instances" || exit 1
for dir in "$instances"/*/; do
	[ -f "$dir/budget.csv" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	communes=$(($(wc -l <"$dir/communes.csv") - 1))
	for seed in 1 2 3; do
		out=$tmp/instances/$name-$seed
		cp -r "$dir" "$out" || exit 1
		# Keep every target (its value randomised where it has one), add
		# two criterion_communes targets on criteria not targeted yet,
		# and give each a priority 1-3.
		awk -F, -v seed="$seed" -v n="$communes" '
			BEGIN { srand(seed * 7919 + n) }
			NR == 1 { print "target,subject,value,priority"; next }
			{
				if ($1 == "criterion_communes") taken[$2] = 1
				v = $3
				if ($1 == "communes_standard" || $1 == "criterion_communes")
					v = int(rand() * (n + 1))
				print $1 "," $2 "," v "," (1 + int(rand() * 3))
			}
			END {
				for (added = 0; added < 2;) {
					k = 1 + int(rand() * 19)
					if (k in taken) continue
					taken[k] = 1; added++
					print "criterion_communes," k "," int(rand() * (n + 1)) "," (1 + int(rand() * 3))
				}
			}' "$dir/targets.csv" >"$out/targets.csv" || exit 1
	done
done
sh "$here/optimality.sh" "$bruteforce" "$ntmplan" "$plancheck" "$tmp/instances" "$@"
