#!/bin/sh
# The man page (made by the build from docs/usage.md, tools/md2man.awk)
# and the program agree: the same options (every --option of `ntmplan
# --help` and of each command's --help is in the man page, and the man
# page names no option the program lacks), the same exit codes, a section
# for each command, and every environment variable the source reads in
# the ENVIRONMENT section. It is also the text md2man makes from
# usage.md now, and it renders without a warning.
# Usage: man-agrees.sh NTMPLAN MANPAGE USAGE_MD MD2MAN SOURCE_DIR VERSION
set -u
bin=$1 man=$2 usage=$3 md2man=$4 src=$5 version=$6
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# 1. Made from usage.md as it is now (the build is not stale).
awk -v name=ntmplan -v section=1 -v version="$version" \
    -v "summary=$(sed -n 's/^ntmplan \\- //p' "$man" | sed 's/\\-/-/g')" \
    -f "$md2man" "$usage" >"$tmp/fresh.1"
cmp -s "$tmp/fresh.1" "$man" || fail "the man page is not what md2man makes of $usage now"

# 2. Options: the program's help against the man page.
commands=$("$bin" --lang en --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }')
[ -n "$commands" ] || fail "no commands in --help"
{
	"$bin" --lang en --help
	for c in $commands; do "$bin" --lang en "$c" --help; done
} | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/help-options"
echo --version >>"$tmp/help-options"   # taken before the command, as --help
sort -u -o "$tmp/help-options" "$tmp/help-options"
sed 's/\\-/-/g' "$man" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/man-options"
comm -23 "$tmp/help-options" "$tmp/man-options" >"$tmp/missing"
comm -13 "$tmp/help-options" "$tmp/man-options" >"$tmp/extra"
[ -s "$tmp/missing" ] && fail "options in --help but not in the man page: $(tr '\n' ' ' <"$tmp/missing")"
[ -s "$tmp/extra" ] && fail "options in the man page that no --help lists: $(tr '\n' ' ' <"$tmp/extra")"

# 3. Exit codes: --help's list against the man page's EXIT CODES section.
"$bin" --lang en --help | awk '/^Exit codes:/ { on = 1; next } on && /^  [0-9]/ { print $1 }' |
	tr -d , | sort >"$tmp/help-codes"
"$bin" --lang en --help | awk '/^Exit codes:/ { on = 1; next } on && /^  [0-9]+, [0-9]+/ { print $2 }' \
	>>"$tmp/help-codes"
sort -u -o "$tmp/help-codes" "$tmp/help-codes"
awk '/^\.SH "EXIT CODES"/ { on = 1; next } /^\.SH/ { on = 0 } on && prev == ".TP" { print } { prev = $0 }' "$man" |
	tr -c '0-9\n' ' ' | tr ' ' '\n' | grep -v '^$' | sort -u >"$tmp/man-codes"
[ -s "$tmp/help-codes" ] || fail "no exit codes in --help"
cmp -s "$tmp/help-codes" "$tmp/man-codes" ||
	fail "exit codes differ: --help $(tr '\n' ' ' <"$tmp/help-codes"), man page $(tr '\n' ' ' <"$tmp/man-codes")"

# 4. A section for each command.
for c in $commands; do
	grep -q "^\.SH \"NTMPLAN $(echo "$c" | tr a-z A-Z)\"" "$man" || fail "no section for the command $c"
done

# 5. Every environment variable the source reads.
awk '/^\.SH "ENVIRONMENT"/ { on = 1; next } /^\.SH/ { on = 0 } on' "$man" >"$tmp/environment"
for var in $(grep -rhoE 'getenv\("[A-Za-z_0-9]+"\)' "$src/src" | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	grep -q "$var" "$tmp/environment" || fail "the environment variable $var is not in ENVIRONMENT"
done

# 6. It renders without a warning (man-db; else groff alone).
if command -v man >/dev/null; then
	MANWIDTH=80 man --warnings -E UTF-8 -l "$man" >"$tmp/text" 2>"$tmp/warnings"
else
	groff -man -ww -K utf8 -Tutf8 "$man" >"$tmp/text" 2>"$tmp/warnings"
fi
[ -s "$tmp/warnings" ] && fail "rendering warns: $(head -5 "$tmp/warnings")"
grep -q "EXIT CODES" "$tmp/text" || fail "the rendered page has no EXIT CODES"

[ $failed = 0 ] && echo "man page: agrees with the program ($(wc -l <"$tmp/help-options") options, $(wc -l <"$tmp/help-codes") exit codes, $(echo $commands | wc -w) commands)"
exit $failed
