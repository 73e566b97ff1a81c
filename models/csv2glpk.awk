# csv2glpk.awk: rewrite one CSV file of an ntmplan dataset into the form the
# CSV table driver of GLPK (glpsol) reads. Used by models/ntm-glpsol.sh; see
# the header of models/ntm.mod for why it is needed.
#
#   awk -v keep=COL,COL,... [-v defaults=COL=VALUE,...] -f csv2glpk.awk FILE
#
# The dataset is assumed to be valid (`ntmplan check DIR` accepts it): this
# does not check, it only rewrites.
#   - a UTF-8 byte-order mark and Windows line ends are dropped;
#   - the dialect is recognised as the loader does (src/csvread.c): ';' when
#     the first non-blank line has a ';' outside quotes, else ',';
#   - the output is always the ',' dialect with '.' as the decimal mark:
#     in a ';' file "1.234,5" becomes 1234.5; in a ',' file "1,234.5"
#     becomes 1234.5;
#   - quotes are removed, and put back only around a field holding a ',' or
#     a '"' (GLPK reads every quoted field as text, so a quoted "35" would
#     not be a number for it);
#   - blank lines and lines of empty fields are skipped;
#   - an EMPTY FIELD IS WRITTEN AS "-": GLPK's CSV driver refuses empty
#     fields ("empty field not allowed"), and targets.csv leaves the subject
#     or the value of many targets empty;
#   - a list of numbers separated by spaces (sources.csv, column criteria)
#     is rewritten with single spaces and without leading zeros ("02  6"
#     becomes "2 6"), as the model looks for " k " in it;
#   - only the columns named in `keep` are written, in that order: GLPK's
#     CSV driver refuses a field longer than 100 bytes or a record of more
#     than 50 fields, even in columns the model does not read (names,
#     notes). A kept column missing from the header takes its value from
#     `defaults` in every row (the optional columns cost_factor of
#     communes.csv and fundable of gaps.csv, default 1); without a default
#     it is an error (exit 1).
# The model compares names byte for byte: names are not NFC-normalised here
# (the loader does it), so write a name the same way in every file.

function is_blank(s) { return s ~ /^[ \t]*$/ }

# Split the record in `rec` into fld[1..nf]; returns nf. Quotes are removed
# ("" inside quotes is one quote).
function split_record(rec,    i, c, n, inq, cur) {
	n = 0; inq = 0; cur = ""
	for (i = 1; i <= length(rec); i++) {
		c = substr(rec, i, 1)
		if (inq) {
			if (c == "\"") {
				if (substr(rec, i + 1, 1) == "\"") { cur = cur "\""; i++ }
				else inq = 0
			} else
				cur = cur c
		} else if (c == "\"")
			inq = 1
		else if (c == sep) {
			fld[++n] = cur; cur = ""
		} else
			cur = cur c
	}
	fld[++n] = cur
	return n
}

# 1 when the record so far ends inside quotes (a field spans lines).
function open_quote(rec,    i, inq) {
	inq = 0
	for (i = 1; i <= length(rec); i++)
		if (substr(rec, i, 1) == "\"") inq = !inq
	return inq
}

function convert(v,    w, i, nt, tok, out) {
	if (v ~ /^[-+]?[0-9.,]+$/ && v ~ /[0-9]/) {
		if (sep == ";") {
			gsub(/\./, "", v); sub(/,/, ".", v)
		} else if (v ~ /,/ && v ~ /\./)
			gsub(/,/, "", v)
		sub(/^\+/, "", v)
		return v
	}
	if (v ~ /^[ 0-9]+$/ && v ~ /[0-9] +[0-9]/) {
		nt = split(v, tok, / +/); out = ""
		for (i = 1; i <= nt; i++) {
			if (tok[i] == "") continue
			w = tok[i]; sub(/^0+/, "", w); if (w == "") w = "0"
			out = out (out == "" ? "" : " ") w
		}
		return out
	}
	if (v == "") return "-"
	gsub(/\n/, " ", v)
	if (v ~ /[,"]/) {
		gsub(/"/, "\"\"", v)
		v = "\"" v "\""
	}
	return v
}

BEGIN {
	sep = ""; pending = ""; header_done = 0
	nk = split(keep, kname, /,/)
	nd = split(defaults, dpair, /,/)
	for (i = 1; i <= nd; i++) {
		j = index(dpair[i], "=")
		dval[substr(dpair[i], 1, j - 1)] = substr(dpair[i], j + 1)
	}
}

{
	line = $0
	if (NR == 1 && substr(line, 1, 3) == "\357\273\277") line = substr(line, 4)
	sub(/\r$/, "", line)
	rec = (pending == "" ? line : pending "\n" line)
	if (open_quote(rec)) { pending = rec; next }
	pending = ""
	if (sep == "") {
		if (is_blank(rec)) next
		tmp = rec; gsub(/"[^"]*"/, "", tmp)
		sep = (index(tmp, ";") ? ";" : ",")
	}
	n = split_record(rec)
	empty = 1
	for (i = 1; i <= n; i++) if (!is_blank(fld[i])) empty = 0
	if (empty) next
	if (!header_done) {
		header_done = 1
		for (i = 1; i <= n; i++) {
			h = fld[i]; gsub(/^[ \t]+|[ \t]+$/, "", h)
			if (!(h in at)) at[h] = i
		}
		out = ""
		for (j = 1; j <= nk; j++) {
			if (!(kname[j] in at) && !(kname[j] in dval)) {
				printf "%s: no column %s\n", FILENAME, kname[j] > "/dev/stderr"
				bad = 1; exit 1
			}
			out = out (j > 1 ? "," : "") kname[j]
		}
		print out
		next
	}
	out = ""
	for (j = 1; j <= nk; j++)
		out = out (j > 1 ? "," : "") \
		    (kname[j] in at ? convert(fld[at[kname[j]]]) : dval[kname[j]])
	print out
}

END { if (bad) exit 1 }
