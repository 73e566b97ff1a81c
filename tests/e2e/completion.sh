#!/bin/bash
# The bash completion (packaging/ntmplan.bash.in, as configured into the
# build): commands and options from the program's help, source names and
# commune ids from the dataset the command line names, or the default one.
# Run from the repository's top folder (data/dienbien is the default).
# Usage: completion.sh NTMPLAN COMPLETION_FILE
set -u
bin=$1
# shellcheck disable=SC1090
source "$2" || exit 1
complete -p ntmplan >/dev/null || { echo "FAIL: no completion registered"; exit 1; }
failed=0
# complete LINE: the candidates for the last word of LINE (a trailing
# space starts an empty word), one per line, sorted.
complete_line()
{
	read -r -a COMP_WORDS <<<"$1"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_WORDS[0]=$bin
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_ntmplan 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
# expect LINE WORD...: the candidates are exactly WORDs.
expect()
{
	local line=$1; shift
	local got want
	got=$(complete_line "$line")
	want=$(printf '%s\n' "$@" | sort)
	if [[ $got != "$want" ]]; then
		echo "FAIL '$line': got [$(echo $got)], expected [$(echo $want)]"; failed=1
	fi
}
# has LINE WORD...: the candidates include each WORD.
has()
{
	local line=$1 got w; shift
	got=$(complete_line "$line")
	for w in "$@"; do
		grep -qxF -- "$w" <<<"$got" || { echo "FAIL '$line': no '$w' in [$(echo $got)]"; failed=1; }
	done
}

expect "ntmplan pl" plan
expect "ntmplan c" check compare
expect "ntmplan --lang en sw" sweep
expect "ntmplan --lang " vi en
expect "ntmplan --ver" --version
expect "ntmplan plan --no" --no-prices --node-limit
expect "ntmplan compare --mo" --money-tolerance
expect "ntmplan sweep --mo"
expect "ntmplan plan --method d" direct decomposition
expect "ntmplan plan --csv-format ex" excel-vi excel
expect "ntmplan sweep --so" --source
has "ntmplan check --" --budget --require --scenario --help
has "ntmplan plan --" --pdf --out --strict --write-lp
# The default dataset, data/dienbien.
expect "ntmplan sweep --source c" central credit
expect "ntmplan plan --budget pr" province=
expect "ntmplan plan --budget 2017:ce" 2017:central=
expect "ntmplan plan --require DBP0" DBP01 DBP02
has "ntmplan plan --exclude DBP01,DB" DBP01,DBP02 DBP01,DBI01
# A dataset folder on the line: tests/data/tiny's ids.
has "ntmplan check tests/data/tiny --exclude A" A01 A02
expect "ntmplan check tests/data/tiny --budget-scale 0.9 --budget " central= people=
# A scenario file: its dataset, through its extends chain.
has "ntmplan plan data/dienbien/scenarios/central-cut-20.ini --require DBP" DBP01
has "ntmplan plan --scenario tests/scenarios/tiny-what-if.ini --exclude " A01 A02
# Files and folders as the argument.
has "ntmplan plan data/dienbien/scen" data/dienbien/scenarios
exit $failed
