#!/bin/sh
# The default dataset when none is given (src/cli/datadir.h), with the
# program laid out as installed, in a temporary prefix: PREFIX/bin/ntmplan
# beside PREFIX/share/ntmplan/dienbien, run from an empty folder, finds it;
# a dataset on the command line wins; with no example installed the run
# stops with one message (not one per missing file) and exit code 66.
# Usage: datadir.sh NTMPLAN DIENBIEN TINY
set -u
bin=$1 dienbien=$2 tiny=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && sed 's/^/  stderr: /' "$tmp/err" | head -10; exit 1; }
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/ntmplan" "$tmp/empty"
cp "$bin" "$tmp/prefix/bin/ntmplan"
cd "$tmp/empty" || exit 1

# No example installed: one message, in either language, exit code 66.
"$tmp/prefix/bin/ntmplan" --lang en check >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 66 ]; then
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "expected one line on stderr"
	grep -q "^ntmplan: no dataset folder: there is no data/dienbien here and no installed example (" "$tmp/err" ||
		fail "not the English message"
	[ -s "$tmp/out" ] && fail "output on stdout"
	"$tmp/prefix/bin/ntmplan" plan >/dev/null 2>"$tmp/err"
	[ $? -eq 66 ] || fail "plan: exit code not 66"
	grep -q "^ntmplan: không có thư mục dữ liệu: ở đây không có data/dienbien" "$tmp/err" ||
		fail "not the Vietnamese message"
else
	echo "note: an installed example was found ($rc); the no-dataset message is not checked"
fi

# The example beside the program.
cp -R "$dienbien" "$tmp/prefix/share/ntmplan/dienbien"
"$tmp/prefix/bin/ntmplan" --lang en check >"$tmp/out" 2>"$tmp/err" || fail "check beside the program: exit code $?"
grep -q "prefix/share/ntmplan/dienbien" "$tmp/out" || fail "the report does not name the installed example"
# A scenario of the example, by its path: its dataset is found relative to it.
"$tmp/prefix/bin/ntmplan" --lang en check "$tmp/prefix/share/ntmplan/dienbien/scenarios/central-cut-20.ini" \
	>"$tmp/out" 2>"$tmp/err" || fail "installed scenario: exit code $?"
# A dataset on the command line wins over the example.
"$tmp/prefix/bin/ntmplan" --lang en check "$tiny" >"$tmp/out" 2>"$tmp/err" || fail "check TINY: exit code $?"
grep -q "$tiny" "$tmp/out" || fail "the report does not name the dataset given"
grep -q "share/ntmplan/dienbien" "$tmp/out" && fail "the example was used though a dataset was given"
# ./data/dienbien wins over the installed example.
mkdir -p "$tmp/here/data" && cp -R "$tiny" "$tmp/here/data/dienbien"
cd "$tmp/here" || exit 1
"$tmp/prefix/bin/ntmplan" --lang en check >"$tmp/out" 2>"$tmp/err" || fail "check in a folder with data/dienbien: exit code $?"
grep -q "share/ntmplan" "$tmp/out" && fail "the installed example won over ./data/dienbien"
echo "datadir: ok"
