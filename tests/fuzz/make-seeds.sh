#!/bin/sh
# Writes the seed corpora of the fuzz harnesses from the project's test
# data, one file per input named by its SHA-1 (as libFuzzer names its own):
#   OUT/fuzz_csvread/  every CSV file of tests/data/tiny, tests/bad/*,
#                      tests/instances/*, tests/unit/csvread and
#                      data/dienbien, and the hand-written seeds;
#   OUT/fuzz_loader/   every dataset of tests/data/tiny, tests/instances/*
#                      and tests/bad/* (each defect laid over tiny, as
#                      tests/e2e/run-bad.sh does) in the container form of
#                      fuzz_loader.c: the seven files in dataset order, each
#                      followed by the line "%%%", "(missing)" for an absent
#                      file; and the hand-written seeds;
#   OUT/fuzz_scenario/ every scenario file of tests/scenarios (good and bad)
#                      and data/dienbien/scenarios as main.ini, with
#                      tests/scenarios/tiny-base.ini as base.ini, paths
#                      rewritten to the harness's folder (fuzz_scenario.c);
#                      and the scenario options of every e2e case
#                      (tests/e2e/cases/*/args) with its scenario file;
#   OUT/fuzz_progress/ every progress file of tests/bad-progress and
#                      data/dienbien, and the hand-written seeds (progress
#                      files of tests/data/tiny).
# Usage: make-seeds.sh SOURCE_DIR OUT
set -eu
src=$1
out=$2
files="criteria.csv unit_costs.csv communes.csv sources.csv budget.csv gaps.csv targets.csv"
mkdir -p "$out/fuzz_csvread" "$out/fuzz_loader" "$out/fuzz_scenario" "$out/fuzz_progress"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Copies file $1 into folder $2 under its SHA-1.
put() {
	sum=$(sha1sum <"$1" | cut -d' ' -f1)
	cp "$1" "$2/$sum"
}

# The container of dataset folder $1 (absent files as "(missing)").
container() {
	for f in $files; do
		if [ -f "$1/$f" ]; then
			cat "$1/$f"
		else
			printf '(missing)'
		fi
		printf '%%%%%%\n'
	done
}

for f in "$src"/tests/data/tiny/*.csv "$src"/tests/bad/*/*.csv \
	 "$src"/tests/instances/*/*.csv "$src"/tests/unit/csvread/*.csv \
	 "$src"/data/dienbien/*.csv; do
	[ -f "$f" ] && put "$f" "$out/fuzz_csvread"
done

for d in "$src"/tests/data/tiny "$src"/tests/instances/*/; do
	container "$d" >"$tmp/in"
	put "$tmp/in" "$out/fuzz_loader"
done
for dir in "$src"/tests/bad/*/; do
	rm -rf "$tmp/data"
	mkdir "$tmp/data"
	cp "$src"/tests/data/tiny/*.csv "$tmp/data/"
	for f in "$dir"*; do
		case $(basename "$f") in
		expect) ;;
		*.remove) rm -f "$tmp/data/$(basename "$f" .remove)" ;;
		*) cp "$f" "$tmp/data/" ;;
		esac
	done
	container "$tmp/data" >"$tmp/in"
	put "$tmp/in" "$out/fuzz_loader"
done

# A scenario file as main.ini of fuzz_scenario.c's folder: sc/main.ini,
# sc/base.ini, data/tiny.
scenario_main() {
	sed -e 's#\.\./\.\./data/tiny#../data/tiny#' \
	    -e 's#\(\.\./\)\{0,1\}tiny-base\.ini#base.ini#' \
	    -e 's#seed-plan\.ini#base.ini#' \
	    -e 's#include/cycle-b\.ini#main.ini#' "$1"
}
base=$src/tests/scenarios/tiny-base.ini
for f in "$src"/tests/scenarios/*.ini "$src"/tests/scenarios/bad/*.ini \
	 "$src"/data/dienbien/scenarios/*.ini; do
	[ -f "$f" ] || continue
	{ scenario_main "$f"; printf '%%%%%%\n'; cat "$base"; printf '%%%%%%\n'; } >"$tmp/in"
	put "$tmp/in" "$out/fuzz_scenario"
done
# The e2e cases' scenario options, with their scenario file (or none: an
# empty main.ini section, the tiny dataset as it is).
for a in "$src"/tests/e2e/cases/*/args; do
	# shellcheck disable=SC2046 # args are words
	set -- $(cat "$a")
	ini="" opts=""
	while [ $# -gt 0 ]; do
		case $1 in
		--budget-scale|--budget|--unit-cost|--cost-factor|--lead-years|--target|--require|--exclude|--horizon|--time-limit|--node-limit)
			[ $# -ge 2 ] && opts="$opts$1 $2
" && shift ;;
		*.ini) ini=$1 ;;
		esac
		shift
	done
	[ -n "$opts$ini" ] || continue
	{
		[ -n "$ini" ] && [ -f "$src/$ini" ] && scenario_main "$src/$ini"
		printf '%%%%%%\n'; cat "$base"; printf '%%%%%%\n%s' "$opts"
	} >"$tmp/in"
	put "$tmp/in" "$out/fuzz_scenario"
done

for f in "$src"/tests/bad-progress/*/progress.csv "$src"/data/dienbien/progress-*.csv; do
	[ -f "$f" ] && put "$f" "$out/fuzz_progress"
done

for target in fuzz_csvread fuzz_loader fuzz_scenario fuzz_progress; do
	for f in "$src/tests/fuzz/seeds/$target"/*; do
		[ -f "$f" ] && put "$f" "$out/$target"
	done
done
echo "seeds: $(ls "$out/fuzz_csvread" | wc -l) for fuzz_csvread, $(ls "$out/fuzz_loader" | wc -l) for fuzz_loader, $(ls "$out/fuzz_scenario" | wc -l) for fuzz_scenario, $(ls "$out/fuzz_progress" | wc -l) for fuzz_progress, in $out"
