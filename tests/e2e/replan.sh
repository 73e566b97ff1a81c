#!/bin/sh
# Re-planning (issue #19, docs/model.md "Re-planning"), on tests/data/tiny
# and every instance of tests/instances:
#  1. from the first year with an empty progress file: allocation.csv is
#     byte-identical to the full plan's;
#  2. the first year of the optimal plan fed back as progress, re-planned
#     from the second year: at least as good, stage by stage in the
#     objectives' order, as the original's remaining years (which the
#     re-plan may take), and plancheck verifies it with the progress file;
#  3. lead-times: a work paid in full in year 1 with a lead time of 2
#     counts in year 3 without money (its commune at standard in 2023);
#  4. tiny: a gap paid 50 of its 120 in 2016 receives exactly 70 in 2017;
#  5. every instance, the first year fed back with every second payment
#     halved, the third row declared `done` and the first open gap of
#     gaps.csv assessed `met`: the re-plan's objectives, recomputed by
#     plancheck from its CSV output and the progress file, equal the
#     exhaustive search's on the same progress (bruteforce --progress).
# Usage: replan.sh NTMPLAN PLANCHECK INSTANCES TINY BRUTEFORCE
set -u
bin=$1
check=$2
instances=$3
tiny=$4
bruteforce=$5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
header='year,source,commune_id,criterion,amount,status'

for data in "$tiny" "$instances"/*/; do
	data=${data%/}
	name=$(basename "$data")
	first=$(awk -F, 'NR > 1 { print $1 }' "$data/budget.csv" | sort -n | head -n 1)
	"$bin" plan "$data" --csv-format plain --out "$tmp/$name-full" >/dev/null 2>&1 || { fail "$name: full plan"; continue; }
	echo "$header" >"$tmp/empty.csv"
	"$bin" plan "$data" --from "$first" --progress "$tmp/empty.csv" --csv-format plain --out "$tmp/$name-same" >/dev/null 2>&1 ||
		fail "$name: re-plan from $first"
	cmp -s "$tmp/$name-full/allocation.csv" "$tmp/$name-same/allocation.csv" ||
		fail "$name: re-plan from $first with nothing done differs from the full plan"

	from=$((first + 1))
	{ echo "$header"; awk -F, -v y="$first" 'NR > 1 && $1 == y { print $1 "," $2 "," $3 "," $4 "," $5 "," }' "$tmp/$name-full/allocation.csv"; } >"$tmp/$name.csv"
	"$bin" plan "$data" --from "$from" --progress "$tmp/$name.csv" --csv-format plain --out "$tmp/$name-re" >/dev/null 2>&1 ||
		{ fail "$name: re-plan from $from"; continue; }
	"$check" "$data" "$tmp/$name-re" "$tmp/$name.csv" "$from" >"$tmp/check" 2>&1 ||
		{ fail "$name: plancheck of the re-plan"; cat "$tmp/check"; }
	# The original's remaining years: its stage 2 counts years from..horizon,
	# its money leaves out the first year's.
	orig=$(awk -F, -v first="$first" '
		FILENAME ~ /objectives/ && FNR > 1 { v[$1] = $3 }
		FILENAME ~ /allocation/ && FNR > 1 && $1 == first { paid += $5 }
		END { print v[0], v[1], paid + 0 }' "$tmp/$name-full/objectives.csv" "$tmp/$name-full/allocation.csv")
	horizon=$(awk -F, 'NR > 1 { print $1 }' "$data/budget.csv" | sort -n | tail -n 1)
	years=$(awk -F, -v f="$from" -v h="$horizon" 'FNR > 1 && $6 != "" {
			for (t = f; t <= h; t++) if ($6 <= t) s++ } END { print s + 0 }' "$tmp/$name-full/communes.csv")
	set -- $orig
	verdict=$(awk -F, -v s0="$1" -v s1="$2" -v s2="$years" -v paid="$3" '
		FILENAME ~ /full/ && FNR > 1 { o[$1] = $3 }
		FILENAME ~ /re\// && FNR > 1 { r[$1] = $3 }
		END {
			orig[0] = s0; orig[1] = s1; orig[2] = s2; orig[3] = o[3]; orig[4] = o[4] - paid
			for (s = 0; s <= 4; s++) {
				better = (s == 0 || s == 4) ? r[s] < orig[s] - 0.01 : r[s] > orig[s]
				worse = (s == 0 || s == 4) ? r[s] > orig[s] + 0.01 : r[s] < orig[s]
				if (better) { print "better at stage " s; exit }
				if (worse) { print "WORSE at stage " s ": " r[s] " against " orig[s]; exit }
			}
			print "equal"
		}' "$tmp/$name-full/objectives.csv" "$tmp/$name-re/objectives.csv")
	case $verdict in
	WORSE*) fail "$name: re-plan from $from is $verdict" ;;
	esac

	[ "$data" = "$tiny" ] && continue
	{
		echo "$header"
		awk -F, -v y="$first" 'NR > 1 && $1 == y {
			m++; a = $5; if (m % 2 == 0) a = a / 2
			print $1 "," $2 "," $3 "," $4 "," a "," (m == 3 ? "done" : "") }' "$tmp/$name-full/allocation.csv"
		awk -F, -v y="$first" 'NR > 1 && $3 == 0 { print y ",," $1 "," $2 ",,met"; exit }' "$data/gaps.csv"
	} >"$tmp/$name-mixed.csv"
	"$bin" plan "$data" --from "$from" --progress "$tmp/$name-mixed.csv" --csv-format plain --out "$tmp/$name-mixed" >/dev/null 2>&1 ||
		{ fail "$name: re-plan from the mixed progress"; continue; }
	got=$("$check" "$data" "$tmp/$name-mixed" "$tmp/$name-mixed.csv" "$from" 2>&1)
	echo "$got" | grep -q '^plancheck: OK' || { fail "$name: plancheck of the mixed re-plan"; echo "$got"; }
	want=$("$bruteforce" --progress "$tmp/$name-mixed.csv" --from "$from" "$data" 2>/dev/null | grep '^objectives: ')
	got=$(echo "$got" | grep '^objectives: ')
	[ -n "$want" ] && [ "$want" = "$got" ] ||
		fail "$name: mixed re-plan gives '$got', the exhaustive search '$want'"
done

# 3. Paid in full in 2021 (lead 2): met at the end of 2023, without money.
printf '%s\n2021,central,A01,10,300,\n' "$header" >"$tmp/lead.csv"
"$bin" plan "$instances/lead-times" --from 2022 --progress "$tmp/lead.csv" --csv-format plain --out "$tmp/lead" >/dev/null 2>&1 ||
	fail "lead-times: re-plan"
grep -q '^20[0-9][0-9],[^,]*,A01,10,' "$tmp/lead/allocation.csv" && fail "lead-times: A01 criterion 10 paid again"
grep -q '^A01,.*,19,2023$' "$tmp/lead/communes.csv" || fail "lead-times: A01 not at standard in 2023"
"$check" "$instances/lead-times" "$tmp/lead" "$tmp/lead.csv" 2022 >/dev/null 2>&1 || fail "lead-times: plancheck"

# 4. Partly paid: exactly the rest.
printf '%s\n2016,central,A02,19,50,\n' "$header" >"$tmp/part.csv"
"$bin" plan "$tiny" --from 2017 --progress "$tmp/part.csv" --csv-format plain --out "$tmp/part" >/dev/null 2>&1 || fail "tiny: partly paid re-plan"
rest=$(awk -F, '$3 == "A02" && $4 == 19 { s += $5 } END { print s + 0 }' "$tmp/part/allocation.csv")
[ "$rest" = 70 ] || fail "tiny: A02 criterion 19 paid 50 of 120 receives $rest, not 70"
"$check" "$tiny" "$tmp/part" "$tmp/part.csv" 2017 >/dev/null 2>&1 || fail "tiny: plancheck of the partly paid re-plan"

# 6. Why, against a plan given as its --out folder: a quarter of the
# first year paid (money not spent), and an original made at half the
# unit costs paid as planned (costs overrun).
{ echo "$header"; awk -F, 'NR > 1 && $1 == 2016 { print $1 "," $2 "," $3 "," $4 "," $5 / 4 "," }' "$tmp/tiny-full/allocation.csv"; } >"$tmp/quarter.csv"
"$bin" --lang en plan "$tiny" --from 2017 --progress "$tmp/quarter.csv" --against "$tmp/tiny-full" >"$tmp/why" 2>&1
grep -q 'Noong Hẹt  *Điện Biên  *2017  *-  *no longer  *money not spent (345 of 1,380); work not finished: criteria 16 17 18 19' "$tmp/why" ||
	{ fail "tiny: why, money not spent"; head -n 14 "$tmp/why"; }
"$bin" plan "$tiny" --unit-cost all=x0.5 --csv-format plain --out "$tmp/half" >/dev/null 2>&1
{ echo "$header"; awk -F, 'NR > 1 && $1 == 2016 { print $1 "," $2 "," $3 "," $4 "," $5 "," }' "$tmp/half/allocation.csv"; } >"$tmp/half.csv"
"$bin" --lang en plan "$tiny" --from 2017 --progress "$tmp/half.csv" --against "$tmp/half" >"$tmp/why" 2>&1
grep -q 'no longer  *costs overrun: criteria 16 17 18 19' "$tmp/why" ||
	{ fail "tiny: why, costs overrun"; head -n 14 "$tmp/why"; }
# The --out folder in the default form (excel-vi: Vietnamese headers,
# ';', decimal commas, a byte-order mark) reads back as the plain one.
"$bin" plan "$tiny" --unit-cost all=x0.5 --out "$tmp/half-vi" >/dev/null 2>&1
"$bin" --lang en plan "$tiny" --from 2017 --progress "$tmp/half.csv" --against "$tmp/half-vi" >"$tmp/why-vi" 2>&1
sed 's|half-vi|half|' "$tmp/why-vi" | cmp -s "$tmp/why" - || fail "tiny: --against the excel-vi folder differs from the plain one"

# 7. The progress file as Excel on a Vietnamese Windows saves it (';',
# decimal comma, CRLF, Windows-1258, a note column) gives the same plan as
# the plain UTF-8 file.
printf 'year;source;commune_id;criterion;amount;status;ghi chú\r\n2016;central;A02;19;50,5;;Đường trục xã\r\n2016;central;A02;16;180;xong;Nhà văn hóa\r\n' |
	iconv -f UTF-8 -t CP1258 >"$tmp/excel.csv"
printf '%s\n2016,central,A02,19,50.5,\n2016,central,A02,16,180,done\n' "$header" >"$tmp/plain.csv"
"$bin" plan "$tiny" --from 2017 --progress "$tmp/excel.csv" --csv-format plain --out "$tmp/excel" >/dev/null 2>&1 || fail "tiny: the Excel progress file"
"$bin" plan "$tiny" --from 2017 --progress "$tmp/plain.csv" --csv-format plain --out "$tmp/plain" >/dev/null 2>&1 || fail "tiny: the plain progress file"
cmp -s "$tmp/excel/allocation.csv" "$tmp/plain/allocation.csv" || fail "tiny: the Excel and plain progress files plan differently"
grep -q '^2017,central,A02,19,69.5,' "$tmp/plain/allocation.csv" || fail "tiny: A02 criterion 19 paid 50.5 does not get 69.5"

# 8. A bad --against folder: its errors are named, 65; a missing one, 66.
mkdir -p "$tmp/badagainst"
printf 'commune_id,standard_year\nX99,2017\n' >"$tmp/badagainst/communes.csv"
echo "$header" >"$tmp/empty.csv"
"$bin" --lang en plan "$tiny" --from 2017 --progress "$tmp/empty.csv" --against "$tmp/badagainst" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 65 ] && grep -q "badagainst/communes.csv:2:1: unknown commune 'X99'" "$tmp/err" && [ ! -s "$tmp/out" ] ||
	fail "a bad --against folder: exit $rc, $(cat "$tmp/err")"
"$bin" --lang en plan "$tiny" --from 2017 --progress "$tmp/empty.csv" --against "$tmp/none" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 66 ] && grep -q "none/communes.csv: cannot read the file" "$tmp/err" || fail "a missing --against folder: exit $rc"

echo "replan: $failed failed"
[ $failed = 0 ]
