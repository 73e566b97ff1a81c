#!/bin/sh
# ntmplan --version: the version of CMakeLists.txt, the GLPK that glpsol
# (the same Debian library) reports, and the commit git says the source is
# at (when the source is a git checkout; else "unknown").
# Usage: version.sh NTMPLAN SOURCE_DIR VERSION
set -u
bin=$1 src=$2 version=$3
fail() { echo "FAIL: $*"; echo "--- output:"; printf '%s\n' "$out"; exit 1; }
out=$("$bin" --lang en --version) || fail "exit code $?"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] || fail "not three lines"
line1=$(printf '%s\n' "$out" | sed -n 1p)
line2=$(printf '%s\n' "$out" | sed -n 2p)
line3=$(printf '%s\n' "$out" | sed -n 3p)
[ "$line1" = "ntmplan $version" ] || fail "first line '$line1', expected 'ntmplan $version'"
if command -v glpsol >/dev/null; then
	glpk=$(glpsol --version | sed -n '1s/.*[ v]\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
	case $line2 in
	"GLPK $glpk (built with "*")") ;;
	*) fail "second line '$line2', glpsol says GLPK $glpk" ;;
	esac
fi
if [ -e "$src/.git" ] && command -v git >/dev/null; then
	head=$(git -C "$src" rev-parse --short=12 HEAD)
	case $line3 in
	"commit $head" | "commit $head-modified") ;;
	*) fail "third line '$line3', git says $head" ;;
	esac
else
	# "unknown", or what the packager gave (-DNTM_COMMIT=...).
	printf '%s\n' "$line3" | grep -Eq '^commit (unknown|[0-9a-f]{7,40})$' ||
		fail "third line '$line3' outside a git checkout"
fi
# Vietnamese by default, the same facts.
"$bin" --version | grep -q "^GLPK .* (biên dịch với " || fail "no Vietnamese second line"
echo "version: ok ($line1; $line2; $line3)"
