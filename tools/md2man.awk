# md2man.awk: docs/usage.md -> the man page ntmplan(1), so the two are one
# text and cannot disagree (docs/install.md). It knows the Markdown that
# usage.md uses, no more:
#   "# title"            -> NAME (from -v name=... -v summary=...)
#   first ``` block       -> SYNOPSIS; the paragraphs after it -> DESCRIPTION
#   "## heading"          -> .SH HEADING       "### heading" -> .SS heading
#   ``` blocks            -> literal (.nf), indented
#   | a | b | tables      -> one .TP item per row, the first cell as its tag
#   "1. " / "- " items    -> .IP, continuation lines indented
#   `code` **bold**       -> bold;  *emphasis* -> italic
#   [text](link)          -> text;  ![picture](file) lines are left out
#   <!-- comments -->     -> left out
# Usage: awk -v name=ntmplan -v section=1 -v version=0.1.0 \
#            -v summary="..." -f md2man.awk docs/usage.md > ntmplan.1
# Runs under POSIX awk (mawk, gawk, busybox).

function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	return s
}

# Markdown inline markup to roff, escaping the rest.
function inline(s,    out, i, c, n, code, em, strong, rest, close_b, close_p, text) {
	out = ""; code = 0; em = 0; strong = 0; n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "`") {
			out = out (code ? "\\fR" : "\\fB"); code = !code; continue
		}
		# A list in code (a CSV header) may break after its commas.
		if (code) { out = out esc(c) (c == "," ? "\\:" : ""); continue }
		if (c == "*" && substr(s, i, 2) == "**") {
			out = out (strong ? "\\fR" : "\\fB"); strong = !strong; i++; continue
		}
		if (c == "*" && !em && substr(s, i + 1, 1) ~ /[^ ]/ && (i == 1 || substr(s, i - 1, 1) ~ /[ (]/)) {
			out = out "\\fI"; em = 1; continue
		}
		if (c == "*" && em && substr(s, i - 1, 1) ~ /[^ ]/) {
			out = out "\\fR"; em = 0; continue
		}
		if (c == "[") {
			# [text](link): keep the text, drop the link.
			rest = substr(s, i + 1)
			close_b = index(rest, "](")
			if (close_b > 0) {
				text = substr(rest, 1, close_b - 1)
				close_p = index(substr(rest, close_b + 2), ")")
				if (close_p > 0 && index(text, "[") == 0) {
					out = out inline(text)
					i += close_b + 1 + close_p
					continue
				}
			}
		}
		out = out esc(c)
	}
	if (code || strong || em)
		out = out "\\fR"
	return out
}

# A line of roff text: one starting with . or ' would be a request.
function put(s) {
	if (s ~ /^[.']/)
		s = "\\&" s
	print s
}

function upper(s) { return toupper(s) }

function cells(line,    n, i, parts, t) {
	gsub(/\\\|/, "\001", line)      # an escaped | stays in its cell
	sub(/^[ \t]*\|/, "", line)
	sub(/\|[ \t]*$/, "", line)
	n = split(line, parts, "|")
	for (i = 1; i <= n; i++) {
		t = parts[i]
		gsub(/\001/, "|", t)
		sub(/^[ \t]+/, "", t); sub(/[ \t]+$/, "", t)
		cell[i] = t
	}
	return n
}

BEGIN {
	if (section == "") section = 1
	print ".\\\" Made from docs/usage.md by tools/md2man.awk: edit that file, not this one."
	printf ".TH %s %s \"\" \"%s %s\" \"User Commands\"\n", upper(name), section, name, version
	# No hyphenation, ragged right: options and paths must stay whole.
	print ".nh"
	print ".ad l"
	print ".SH NAME"
	print esc(name) " \\- " esc(summary)
	state = "title"    # title, synopsis, description, body
	incode = 0; intable = 0; incomment = 0
}

# Comments (one line or several).
incomment { if ($0 ~ /-->/) incomment = 0; next }
/^[ \t]*<!--/ { if ($0 !~ /-->/) incomment = 1; next }

# Literal blocks.
/^```/ {
	if (!incode) {
		if (state == "title") { print ".SH SYNOPSIS"; state = "synopsis" }
		else print ".PP"
		print ".RS 4"; print ".nf"; incode = 1
	} else {
		print ".fi"; print ".RE"; incode = 0
		if (state == "synopsis") { print ".SH DESCRIPTION"; state = "description" }
	}
	next
}
incode { put(esc($0)); next }

/^# / { next }
/^!\[/ { next }

/^### / { intable = 0; sub(/^### /, ""); print ".SS \"" inline($0) "\""; state = "body"; next }
/^## / { intable = 0; sub(/^## /, ""); print ".SH \"" upper(inline($0)) "\""; state = "body"; next }

# Tables: the header row and the |---| row are dropped.
/^\|/ {
	if (!intable) { intable = 1; table_row = 0 }
	table_row++
	if (table_row <= 2) next
	n = cells($0)
	print ".TP"
	put(inline(cell[1]))
	body = cell[2]
	for (k = 3; k <= n; k++) body = body "; " cell[k]
	put(inline(body))
	next
}
{ intable = 0 }

/^[ \t]*$/ { if (state != "title") print ".PP"; next }

/^[0-9]+\. / {
	tag = $0; sub(/ .*/, "", tag); sub(/^[0-9]+\. /, "")
	print ".IP " tag " 4"; put(inline($0)); next
}
/^- / { sub(/^- /, ""); print ".IP \\(bu 2"; put(inline($0)); next }

{ sub(/^[ \t]+/, ""); put(inline($0)) }
