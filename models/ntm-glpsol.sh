#!/bin/sh
# Solve the reference model models/ntm.mod with glpsol on a dataset folder.
#
#   models/ntm-glpsol.sh DATASET [GLPSOL-OPTION...]
#   e.g. models/ntm-glpsol.sh tests/data/tiny
#        models/ntm-glpsol.sh data/dienbien --tmlim 120
#
# The seven CSV files are first rewritten by csv2glpk.awk into a fresh
# temporary folder, keeping only the columns the model reads (GLPK's CSV
# driver refuses empty fields, fields over 100 bytes, a byte-order mark,
# the ';' dialect and quoted numbers; see csv2glpk.awk), then glpsol runs
# with a one-line data file setting the model's parameter `dir` to that
# folder. The temporary folder also keeps the path short: a GLPK symbolic
# value holds at most 100 characters. The dataset is assumed valid (run
# `ntmplan check` first). Any GLPSOL-OPTION is passed on; mind that glpsol
# deletes the files its output options (--output, --wlp, ...) name before
# solving: never name /dev/null or a file to keep. glpsol's output, with
# the model's lines `stage0_shortfall = N` and `stage1_communes = N`, goes
# to stdout; the exit code is glpsol's (65 when a file cannot be rewritten,
# 66 when one is missing).
set -u
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 DATASET [GLPSOL-OPTION...]" >&2
	exit 2
fi
data=$1
shift
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir "$tmp/d" || exit 1
for f in criteria unit_costs communes gaps sources budget targets; do
	if [ ! -f "$data/$f.csv" ]; then
		echo "$0: $data/$f.csv: no such file" >&2
		exit 66
	fi
	case $f in
	criteria) keep=criterion,lead_years def= ;;
	unit_costs) keep=criterion,unit_cost def= ;;
	communes) keep=commune_id,district,cost_factor def=cost_factor=1 ;;
	gaps) keep=commune_id,criterion,met,gap,fundable def=fundable=1 ;;
	sources) keep=source,criteria,carry_over def= ;;
	budget) keep=year,source,amount def= ;;
	targets) keep=target,subject,value def= ;;
	esac
	awk -v keep="$keep" -v defaults="$def" -f "$here/csv2glpk.awk" \
		"$data/$f.csv" >"$tmp/d/$f.csv" || exit 65
done
printf 'data;\nparam dir := "%s";\nend;\n' "$tmp/d" >"$tmp/dir.dat"
glpsol --model "$here/ntm.mod" --data "$tmp/dir.dat" "$@"
