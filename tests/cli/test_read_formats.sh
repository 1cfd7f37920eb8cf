#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad sentences` detects each input format from content and reads it from a
# file and from standard input; a clean file exits 0.
. "$(dirname "$0")/lib.sh"
D="$TOP/tests/data/read"
for f in feed.atom article.html plain_page.html story.txt; do
	"$DYAD" sentences "$D/$f" >"$TMP/out" 2>"$TMP/err" || fail "$f: exit $? $(cat "$TMP/err")"
	[ -s "$TMP/out" ] || fail "$f: no sentences"
	[ ! -s "$TMP/err" ] || fail "$f: unexpected messages: $(cat "$TMP/err")"
	"$DYAD" sentences <"$D/$f" >"$TMP/out2" 2>"$TMP/err2" || fail "$f on stdin: exit $?"
	if [ "$f" = feed.atom ]; then
		cmp -s "$TMP/out" "$TMP/out2" || fail "$f: stdin output differs"
	fi
done
out=$("$DYAD" sentences "$D/feed.atom")
expect_contains "$out" '"doc_id":"tag:observer.example,2024:bridge"' "atom entry id"
expect_contains "$out" '"date":"2024-04-18"' "atom date"
out=$("$DYAD" sentences "$D/article.html")
expect_contains "$out" "Ardent river" "article text"
case "$out" in *cookies*|*"Share this"*|*"All rights"*) fail "boilerplate in article: $out";; esac
out=$("$DYAD" sentences --format tabari "$D/records.tabari" 2>"$TMP/err")
expect_eq "$?" 0 "tabari exit (a bad date is only a warning)"
expect_contains "$out" '"doc_id":"PORT-02","sentence":0,"date":"1999-01-05"' "tabari pivot"
case "$out" in *PRTLAB*) fail "comment read as text";; esac
expect_contains "$(cat "$TMP/err")" "records.tabari:24: warning" "tabari warning"
out=$("$DYAD" sentences --date 2021-03-04 "$D/story.txt")
expect_contains "$out" '"date":"2021-03-04"' "--date for plain text"
"$DYAD" sentences "$D/table.csv" >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 1 "csv with a short row"
expect_contains "$(cat "$TMP/err")" "table.csv:6: 3 fields where the header has 5" "csv message"
expect_contains "$(cat "$TMP/out")" '"doc_id":"a5"' "csv rows after the bad one"
"$DYAD" sentences "$TMP/missing.txt" >/dev/null 2>"$TMP/err"
expect_eq "$?" 1 "missing file"
expect_contains "$(cat "$TMP/err")" "missing.txt: cannot open" "missing file message"
exit 0
