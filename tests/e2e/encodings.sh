#!/bin/sh
# Legacy office encodings on a whole real dataset (docs/data-format.md):
# its names saved as Excel's plain "CSV" writes them on a Vietnamese
# Windows (Windows-1258, tone marks as combining characters, made with
# iconv), in the ';' dialect too, and typed with combining accents (NFD),
# must give the very report the UTF-8 files give; the same names in the
# TCVN3 and VNI font encodings (from their code tables: legacyenc), as
# bytes or saved as UTF-8, must be refused with the file, line and column
# and how to convert them.
# Usage: encodings.sh NTMPLAN LEGACYENC DATASET
set -u
bin=$1
legacyenc=$2
data=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
passed=0

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# A copy of the dataset in $tmp/NAME/dienbien, whose files the caller changes.
copy() {
	mkdir -p "$tmp/$1/dienbien"
	cp "$data"/*.csv "$tmp/$1/dienbien/"
}

# The check report without the lines that name the folder and the files'
# SHA-256 (which differ with every encoding).
report() {
	"$bin" --lang en check "$1" 2>"$tmp/err" | sed '/^Dataset folder/,/^Changes/d'
}

copy utf8
report "$tmp/utf8/dienbien" >"$tmp/expected" || { echo "FAIL the UTF-8 dataset"; cat "$tmp/err"; exit 1; }

# Same report: the name of the case, the files to change and the command
# that changes them.
same() {
	name=$1 files=$2
	shift 2
	copy "$name"
	for f in $files; do
		"$@" <"$data/$f.csv" >"$tmp/$name/dienbien/$f.csv" || { fail "$name: conversion"; return; }
	done
	if ! report "$tmp/$name/dienbien" >"$tmp/out"; then
		fail "$name: refused"; cat "$tmp/err"; return
	fi
	if ! cmp -s "$tmp/expected" "$tmp/out"; then
		fail "$name: the report differs from the UTF-8 files'"
		diff "$tmp/expected" "$tmp/out" | head -10
		return
	fi
	passed=$((passed + 1))
}

to_1258() { iconv -f UTF-8 -t WINDOWS-1258; }
# Excel's plain CSV on a Vietnamese Windows: ';' between fields, ',' as the
# decimal mark (the dataset has no quoted field and no thousands).
to_1258_semicolon() { sed 's/,/;/g; s/\([0-9]\)\.\([0-9]\)/\1,\2/g' | to_1258; }
# NFD for the names of two districts in targets.csv; communes.csv keeps
# them precomposed.
nfd_targets() {
	sed "s/Thành phố Điện Biên Phủ/Tha$(printf '\314\200')nh pho$(printf '\314\202\314\201') Đie$(printf '\314\202\314\243')n Bie$(printf '\314\202')n Phu$(printf '\314\211')/; s/Thị xã Mường Lay/Thi$(printf '\314\243') xa$(printf '\314\203') Mu$(printf '\314\233')o$(printf '\314\233\314\200')ng Lay/"
}

# The fixtures really are what they say: Windows-1258 with combining marks.
iconv -f UTF-8 -t WINDOWS-1258 <"$data/communes.csv" >"$tmp/c1258"
if iconv -f UTF-8 -t UTF-8 <"$tmp/c1258" >/dev/null 2>&1 || ! od -An -tx1 "$tmp/c1258" | grep -Eq ' (cc|ec|de|d2|f2)'; then
	fail "windows-1258 fixture: not Windows-1258 with combining marks"
fi
same windows-1258 "criteria communes targets" to_1258
same windows-1258-semicolon "criteria communes targets" to_1258_semicolon
same nfd-targets targets nfd_targets

# Refused: ENCODING, how the bytes are made, the message's position.
refused() {
	name=$1 file=$2 pos=$3 want=$4
	shift 4
	copy "$name"
	"$@" <"$data/$file" >"$tmp/$name/dienbien/$file" || { fail "$name: conversion"; return; }
	"$bin" --lang en check "$tmp/$name/dienbien" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc != 65 ]; then
		fail "$name: exit code $rc, expected 65"; cat "$tmp/err"; return
	fi
	if ! grep -Fq "$file:$pos: the text is in the legacy $want font encoding" "$tmp/err"; then
		fail "$name: no '$file:$pos: ... $want' in:"; cat "$tmp/err"; return
	fi
	passed=$((passed + 1))
}
tcvn3() { "$legacyenc" tcvn3; }
vni() { "$legacyenc" vni; }
tcvn3_utf8() { "$legacyenc" tcvn3 | iconv -f LATIN1 -t UTF-8; }
vni_utf8() { "$legacyenc" vni | iconv -f LATIN1 -t UTF-8; }
# communes.csv line 2: DBP01,Thanh Minh,Thành phố Điện Biên Phủ
refused communes-tcvn3 communes.csv 2:3 "TCVN3 (ABC, .VnTime)" tcvn3
refused communes-vni communes.csv 2:3 "VNI (VNI-Windows)" vni
refused communes-tcvn3-utf8 communes.csv 2:3 "TCVN3 (ABC, .VnTime)" tcvn3_utf8
refused communes-vni-utf8 communes.csv 2:3 "VNI (VNI-Windows)" vni_utf8
# criteria.csv line 2: 1,Quy hoạch và thực hiện quy hoạch,Planning,...
refused criteria-tcvn3 criteria.csv 2:2 "TCVN3 (ABC, .VnTime)" tcvn3
refused criteria-vni-utf8 criteria.csv 2:2 "VNI (VNI-Windows)" vni_utf8
refused targets-tcvn3-utf8 targets.csv 3:2 "TCVN3 (ABC, .VnTime)" tcvn3_utf8
refused targets-vni targets.csv 3:2 "VNI (VNI-Windows)" vni

echo "encodings: $passed passed, $failed failed"
[ $failed = 0 ]
