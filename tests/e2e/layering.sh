#!/bin/sh
# The build enforces the direction of use between layers (docs/design.md):
# with a layer's include path (DIRS, ':'-separated, as CMake gives it for
# the layer's library), a file that includes OWN, a header of that layer,
# compiles, and one that includes ABOVE, a header of a layer above it,
# does not, because ABOVE is not found.
# Usage: layering.sh CC DIRS OWN ABOVE...
set -u
cc=$1
dirs=$2
own=$3
shift 3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The include path as arguments, one -I per folder (folders may hold spaces).
compile() {
	src=$1
	set --
	old_ifs=$IFS
	IFS=:
	for d in $dirs; do set -- "$@" "-I$d"; done
	IFS=$old_ifs
	"$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -fsyntax-only "$@" "$src" 2>"$tmp/err"
}
printf '#include "%s"\nint layering_probe;\n' "$own" >"$tmp/own.c"
if ! compile "$tmp/own.c"; then
	echo "FAIL: '$own' does not compile on its own layer's path:"; cat "$tmp/err"; exit 1
fi
failed=0
for above in "$@"; do
	printf '#include "%s"\nint layering_probe;\n' "$above" >"$tmp/above.c"
	if compile "$tmp/above.c"; then
		echo "FAIL: '$above' compiles on the path of the layer of '$own'"; failed=1
	elif ! grep -q "$above: No such file" "$tmp/err"; then
		echo "FAIL: '$above' fails for another reason than not being found:"; cat "$tmp/err"; failed=1
	else
		echo "ok: '$above' is out of reach of the layer of '$own'"
	fi
done
exit $failed
