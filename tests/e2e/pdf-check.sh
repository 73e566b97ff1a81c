#!/bin/sh
# Checks a proposal PDF from outside, with poppler-utils, against the CSV
# files the same run wrote (plan --out DIR --pdf FILE):
#   - every page is A4 (pdfinfo), every font embedded (pdffonts);
#   - the text extracts (pdftotext) with the names of the communes and
#     districts it shows, diacritics intact (NFC, as communes.csv has them),
#     and the headings of every part: page 1 the decision (communes by year,
#     targets, money by source and year, communes and money by district,
#     the gain over the rules of thumb, whether the plan is proven optimal),
#     the annexes after the body, the technical one last;
#   - every total it prints equals the sum of the CSV output: communes
#     reaching and at the standard each year (communes.csv); each target's
#     reached and short-by figures and its price (targets.csv); money by source and year,
#     by year, by source and in all (allocation.csv), the budget by year
#     (the dataset's budget.csv); each district's communes, communes at
#     standard before and after, communes funded and money, and the
#     province's (communes.csv, allocation.csv); each commune's and each district's
#     subtotal of the works and the grand total (allocation.csv); the
#     communes below the standard, their count and criteria (communes.csv).
# Usage: pdf-check.sh PDF OUTDIR DATASET LANG (pdf.sh runs it, once it has
# made sure that poppler-utils is there)
set -eu
pdf=$1
out=$2
data=$3
lang=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL ($pdf): $*" >&2; exit 1; }

# A4, every page.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ -n "$pages" ] && [ "$pages" -ge 1 ] || fail "pdfinfo finds no pages"
a4=$(pdfinfo -f 1 -l "$pages" "$pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)' || true)
[ "$a4" = "$pages" ] || fail "$a4 of $pages pages are A4"
# Fonts embedded, and DejaVu.
pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit bad}' || fail "a font is not embedded"
pdffonts "$pdf" | grep -q DejaVuSans || fail "not set in DejaVu Sans"

pdftotext -layout "$pdf" "$tmp/text" || fail "pdftotext failed"
text=$tmp/text

# Headings of every part.
# Page 1 is the decision: its parts are all there, and the rest of the
# document after it. The annexes come last, the technical one the very last.
if [ "$lang" = vi ]; then
	page1="ĐỀ XUẤT PHÂN BỔ VỐN|Số xã đạt chuẩn theo năm|Chỉ tiêu đến năm|Vốn sử dụng theo nguồn và năm|Xã và vốn theo huyện|Lợi ích so với cách làm thông thường"
	headings="Biểu đồ|Chi tiết chỉ tiêu và so sánh|Phụ lục 1. Hạng mục được đầu tư theo huyện và xã|Phụ lục 2. Các xã chưa đạt chuẩn đến năm|. Căn cứ kỹ thuật|Dữ liệu lập đề xuất"
	proof="Phương án (tối ưu|chưa được chứng minh)"
	annex="Phụ lục"; technical="Căn cứ kỹ thuật"
else
	page1="ALLOCATION PROPOSAL|Communes at standard, year by year|Targets at|Money spent by source and year|Communes and money by district|Gain over the rules of thumb"
	headings="Charts|Targets and rules of thumb in detail|Annex 1. Works funded, by district and commune|Annex 2. Communes below the standard in|. Technical basis|What this proposal was made from"
	proof="[Pp]lan is (optimal|proven optimal|not proven optimal)"
	annex="Annex"; technical="Technical basis"
fi
pdftotext -layout -f 1 -l 1 "$pdf" "$tmp/page1" || fail "pdftotext failed on page 1"
echo "$page1" | tr '|' '\n' | while IFS= read -r h; do
	grep -qF -- "$h" "$tmp/page1" || fail "page 1 lacks '$h'"
done || exit 1
tr '\n' ' ' <"$tmp/page1" | sed 's/  */ /g' | grep -Eq "$proof" || fail "page 1 does not say whether the plan is proven optimal"
echo "$headings" | tr '|' '\n' | while IFS= read -r h; do
	grep -qF -- "$h" "$text" || fail "no heading '$h'"
done || exit 1
last=$(grep -E "^ *$annex [0-9]+\. " "$text" | tail -n 1)
echo "$last" | grep -qF "$technical" || fail "the last annex is not '$technical' but '$last'"

# Names, with their diacritics: the communes the document lists (funded,
# or below the standard) and the districts; communes.csv has them NFC.
awk -F, 'NR > 1 {print $3}' "$out/allocation.csv" | sort -u >"$tmp/funded"
awk -F, 'NR == FNR {funded[$1] = 1; next}
	 FNR > 1 && (($1 in funded) || $6 == "") {print $2; print $3}' \
	"$tmp/funded" "$out/communes.csv" | sort -u >"$tmp/names"
[ -s "$tmp/names" ] || fail "no commune to look for"
while IFS= read -r name; do
	grep -qF -- "$name" "$text" || fail "name '$name' not in the text"
done <"$tmp/names"
# pdftotext gives back precomposed letters, as they went in: at least one
# name with a Vietnamese letter outside Latin-1 must be there byte for byte.
grep -q '[ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐđƠơƯư]' "$tmp/names" ||
	fail "the dataset has no name with a Vietnamese letter to check"

# The totals. numbers() turns the document's numbers into plain ones: in
# Vietnamese '.' groups thousands and ',' marks decimals.
awk -v lang="$lang" -v pages="$pages" '
function number(s) {
	if (lang == "vi") { gsub(/\./, "", s); sub(/,/, ".", s) } else gsub(/,/, "", s)
	return s + 0
}
function near(a, b, decimals) {
	# The document rounds the exact figure; the CSV files hold it to three
	# decimals, so their sums may differ from it by a few thousandths: a
	# figure agrees when it is within half its last digit, and 0.01, of
	# the sum.
	return (a > b ? a - b : b - a) <= 0.5 / 10 ^ decimals + 0.01
}
function check(what, got, want, decimals) {
	checked++
	if (!near(got, want, decimals)) {
		printf "FAIL: %s: the PDF says %s, the CSV output %.3f\n", what, got, want
		bad++
	}
}
function csv_fields(line, f,    n, i, c, q, field) {
	# A CSV line into f[1..n], with quoted fields.
	n = 0; field = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { field = field c; i++ } else q = 0
			} else field = field c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = field; field = "" }
		else field = field c
	}
	f[++n] = field
	return n
}
FILENAME ~ /allocation.csv$/ && FNR > 1 {
	# The PDF names a source by its display name (source_name, column 11).
	csv_fields($0, f)
	spent[f[11], f[1]] += f[5]; by_year[f[1]] += f[5]; by_source[f[11]] += f[5]
	by_commune[f[3]] += f[5]; total += f[5]
	if (!(f[11] in seen_source)) { seen_source[f[11]] = 1 }
	next
}
FILENAME ~ /communes.csv$/ && FNR > 1 {
	csv_fields($0, f)
	nc++; cid[nc] = f[1]; cname[nc] = f[2]; cdist[nc] = f[3]; after[nc] = f[5]; std[nc] = f[6]
	if (!(f[3] in dseen)) { dseen[f[3]] = 1; nd++; dname[nd] = f[3] }
	next
}
FILENAME ~ /targets.csv$/ && FNR > 1 {
	csv_fields($0, f)
	nt++; tkind[nt] = f[1]; tach[nt] = f[4]; tshort[nt] = f[5]; tprice[nt] = f[7]
	next
}
FILENAME ~ /budget.csv$/ && FNR > 1 {
	csv_fields($0, f)
	budget[f[1]] += f[3]
	if (first == "" || f[1] < first) first = f[1]
	if (last == "" || f[1] > last) last = f[1]
	next
}
FILENAME !~ /\.csv$/ { line[++nl] = $0 }
END {
	nyears = last - first + 1
	vi = lang == "vi"
	for (i = 1; i <= nl; i++) {
		s = line[i]
		sub(/^ +/, "", s)
		sub(/ +$/, "", s)
		nf = split(s, w, / +/)
		# Communes reaching and at the standard, each year.
		if (s ~ (vi ? "^Xã đạt chuẩn mới " : "^Reaching the standard ") ||
		    s ~ (vi ? "^Số xã đạt chuẩn cuối năm " : "^At standard, end of year ")) {
			reaching = s ~ (vi ? "^Xã" : "^Reaching")
			for (y = 0; y <= nyears; y++) {
				year = first - 1 + y; want = 0
				for (c = 1; c <= nc; c++)
					if (std[c] != "" && (reaching ? std[c] == year : std[c] <= year)) want++
				check((reaching ? "reaching" : "at") " the standard " year, number(w[nf - nyears + y]), want, 0)
			}
		}
		# Targets other than criteria: rows ending with the verdict, in
		# the order of targets.csv.
		if (s ~ (vi ? "^Chỉ tiêu đến năm" : "^Targets at")) { in_targets = 1; ti = 0; continue }
		if (in_targets && s ~ (vi ? " (đạt|chưa đạt) +([-+]?[0-9.,]+|—)$" : " (met|short) +([-+]?[0-9.,]+|—)$")) {
			# The price (communes gained without the target), "—" where
			# targets.csv has none.
			price = w[nf]
			sub(/ +[^ ]+$/, "", s)
			sub(vi ? " +(đạt|chưa đạt)$" : " +(met|short)$", "", s)
			nf = split(s, w, / +/)
			do { ti++ } while (tkind[ti] == "criterion_communes")
			check("target " ti " reached", number(w[nf - 1]), tach[ti], tkind[ti] == "avg_criteria" ? 2 : 0)
			check("target " ti " short by", number(w[nf]), tshort[ti], 0)
			if ((price == "—") != (tprice[ti] == "")) {
				print "FAIL: target " ti ": the PDF prices it " price ", targets.csv '" tprice[ti] "'"; bad++
			} else if (price != "—")
				check("price of target " ti, number(price), tprice[ti], 0)
			continue
		}
		if (in_targets && s == "") in_targets = 0
		# Criterion targets: one column each, in order.
		if (s ~ (vi ? "^Số xã đạt từng tiêu chí" : "^Communes meeting each criterion")) in_crit = 1
		if (in_crit && s ~ (vi ? "^Giá \\(xã\\) " : "^Price ")) {
			k = 0
			for (t = 1; t <= nt; t++) {
				if (tkind[t] != "criterion_communes") continue
				k++; price = w[nf - ncrit + k]
				if ((price == "—") != (tprice[t] == "")) {
					print "FAIL: criterion target " t ": the PDF prices it " price ", targets.csv '" tprice[t] "'"; bad++
				} else if (price != "—")
					check("price of criterion target " t, number(price), tprice[t], 0)
			}
			in_crit = 0
		}
		if (in_crit && s ~ (vi ? "^(Đạt được|Còn thiếu) " : "^(Reached|Short by) ")) {
			reached = s ~ (vi ? "^Đạt" : "^Reached")
			k = 0
			for (t = 1; t <= nt; t++) {
				if (tkind[t] != "criterion_communes") continue
				k++
				check("criterion target " t, number(w[nf - ncrit + k]), reached ? tach[t] : tshort[t], 0)
			}
		}
		if (s ~ (vi ? "^Tiêu chí " : "^Criterion ") && in_crit)
			for (ncrit = 0; ncrit < nf && w[nf - ncrit] ~ /^[0-9]+$/; ncrit++) ;
		# Money by source and year: a row per source, the total, the budget.
		if (s ~ (vi ? "^Nguồn vốn +[0-9]" : "^Source +[0-9]")) { in_money = 1; continue }
		if (in_money) {
			label = s; sub(/ +[-0-9.,]+( +[-0-9.,]+)*$/, "", label)
			if (label == (vi ? "Tổng vốn sử dụng" : "Total spent")) {
				for (y = 1; y <= nyears; y++)
					check("spent in " (first + y - 1), number(w[nf - nyears - 1 + y]), by_year[first + y - 1], 0)
				check("spent in all", number(w[nf]), total, 0)
				money_total_seen = 1
			} else if (label == (vi ? "Kế hoạch vốn" : "Budget")) {
				for (y = 1; y <= nyears; y++)
					check("budget " (first + y - 1), number(w[nf - nyears - 1 + y]), budget[first + y - 1], 0)
				in_money = 0
			} else {
				for (y = 1; y <= nyears; y++)
					check("spent from " label " in " (first + y - 1), number(w[nf - nyears - 1 + y]), spent[label, first + y - 1], 0)
				check("spent from " label, number(w[nf]), by_source[label], 0)
				sources_seen++
			}
		}
		# Communes and money by district (page 1): communes, at standard
		# at the baseline and at the horizon, funded, money.
		if (s ~ (vi ? "^Xã và vốn theo huyện" : "^Communes and money by district")) { in_dist = 1; continue }
		if (in_dist && s == "") in_dist = 0
		if (in_dist && nf >= 6 && w[nf] ~ /^[0-9.,]+$/) {
			label = s
			for (k = 0; k < 5; k++) sub(/ +[0-9.,]+$/, "", label)
			province = label == (vi ? "Toàn tỉnh" : "Province")
			if (!province && !(label in dseen)) continue
			want_n = want_b = want_e = want_f = want_m = 0
			for (c = 1; c <= nc; c++) {
				if (!province && cdist[c] != label) continue
				want_n++; want_b += std[c] != "" && std[c] < first
				want_e += std[c] != ""
				if (cid[c] in by_commune) { want_f++; want_m += by_commune[cid[c]] }
			}
			check("communes of " label, number(w[nf - 4]), want_n, 0)
			check("at standard at the baseline in " label, number(w[nf - 3]), want_b, 0)
			check("at standard at the horizon in " label, number(w[nf - 2]), want_e, 0)
			check("communes funded in " label, number(w[nf - 1]), want_f, 0)
			check("money of " label, number(w[nf]), want_m, 0)
			dist_rows++
			if (province) { in_dist = 0; dist_total_seen = 1 }
			continue
		}
		# Works: the subtotal of each commune, of each district, in order.
		if (s ~ (vi ? "^Cộng xã " : "^Total, commune ")) { commune_sub[++ncs] = number(w[nf]); continue }
		if (s ~ (vi ? "^Cộng [^:]" : "^Total, ") && s !~ (vi ? "^Cộng xã " : "^Total, commune "))
			district_sub[++nds] = number(w[nf])
		if (s ~ (vi ? "^Tổng cộng " : "^Grand total ")) { grand = number(w[nf]); grand_seen = 1 }
		# Communes below the standard: "Name (ID)  met  lacking  list  cost".
		for (c = 1; c <= nc; c++)
			if (std[c] == "" && index(s, cname[c] " (" cid[c] ") ") == 1) {
				rest = substr(s, length(cname[c] " (" cid[c] ")") + 1)
				split(rest, r, / +/)
				check("criteria met by " cid[c], number(r[2]), after[c], 0)
				check("criteria lacking in " cid[c], number(r[3]), 19 - after[c], 0)
				below_rows++
			}
		if (s ~ (vi ? "^Cộng: [0-9]+ xã" : "^Total: [0-9]+ communes")) {
			want = 0
			for (c = 1; c <= nc; c++) want += std[c] == ""
			split(s, r, /[: ]+/)
			check("communes below the standard", r[2], want, 0)
			below_total_seen = 1
		}
	}
	# The expected subtotals, in the order of the document: districts in
	# order of communes.csv, their funded communes in file order.
	k = 0; m = 0
	for (d = 1; d <= nd; d++) {
		dsum = 0; funded = 0
		for (c = 1; c <= nc; c++)
			if (cdist[c] == dname[d] && (cid[c] in by_commune)) {
				check("subtotal of commune " cid[c], commune_sub[++k], by_commune[cid[c]], 0)
				dsum += by_commune[cid[c]]; funded = 1
			}
		if (funded) check("subtotal of district " dname[d], district_sub[++m], dsum, 0)
	}
	if (k != ncs) { print "FAIL: " ncs " commune subtotals in the PDF, " k " funded communes"; bad++ }
	if (m != nds) { print "FAIL: " nds " district subtotals in the PDF, " m " funded districts"; bad++ }
	check("grand total", grand, total, 0)
	if (!grand_seen || !money_total_seen || !below_total_seen || sources_seen < 1 ||
	    !dist_total_seen || dist_rows != nd + 1) {
		print "FAIL: a table is missing (grand total " grand_seen ", money " money_total_seen \
		      ", below " below_total_seen ", sources " sources_seen ", districts " dist_rows \
		      " of " nd + 1 ")"
		bad++
	}
	if (bad) exit 1
	printf "%d figures checked, %d pages\n", checked, pages
}' "$out/allocation.csv" "$out/communes.csv" "$out/targets.csv" "$data/budget.csv" "$text" ||
	fail "totals differ from the CSV output"
