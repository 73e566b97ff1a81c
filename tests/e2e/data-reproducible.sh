#!/bin/sh
# The shipped dataset is exactly what its generator writes (docs/data.md):
# runs the generator into a fresh folder and compares each file byte for
# byte with the shipped one.
#
# Usage: data-reproducible.sh GEN_DIENBIEN DATASET_DIR
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 GEN_DIENBIEN DATASET_DIR" >&2
	exit 64
fi
generator=$1
shipped=$2

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
# A signal would skip the EXIT trap in some shells; exiting runs it.
trap 'exit 1' HUP INT TERM

"$generator" "$fresh"

status=0
for file in criteria.csv unit_costs.csv communes.csv gaps.csv budget.csv sources.csv targets.csv dataset.csv; do
	if ! cmp "$fresh/$file" "$shipped/$file"; then
		echo "FAIL: $shipped/$file is not what $generator writes" >&2
		status=1
	fi
done
if [ "$status" -ne 0 ]; then
	echo "Regenerate with: $generator $shipped (and review the difference)" >&2
	exit 1
fi
echo "ok: the 8 files of $shipped are reproduced byte for byte"
