#!/bin/sh
# SPDX-License-Identifier: MIT
# The enrichment bar: with the test's own small dictionary (tests/data/enrich),
# "German Chancellor Olaf Scholz arrived in Beijing on April 14 ..." in a
# document of 2024-04-16 is a visit DEUGOV -> CHN dated 2024-04-14 from the
# text, with quad class, Goldstein and PLOVER CONSULT, placed in Beijing, CN
# within 0.2 degrees of 39.91 N 116.40 E (when the gazetteer has cities).
. "$(dirname "$0")/lib.sh"
"$DYAD" code --help 2>/dev/null | grep -q -- '--dedup' || skip "dyad code has no enrichment options yet"
# the gazetteer built beside this binary, when there is one
[ -f "$(dirname "$DYAD")/gen/gazetteer.tsv" ] && export DYAD_DATA="$(dirname "$DYAD")/gen"
D="$TOP/tests/data/enrich"
DO="--dict $D/scholz.actors --dict $D/scholz.verbs"
printf '%s\n' '{"id":"s1","date":"2024-04-16","text":"German Chancellor Olaf Scholz arrived in Beijing on April 14 for a three-day visit, his office said."}' >"$TMP/in.jsonl"
out=$("$DYAD" code $DO --format jsonl "$TMP/in.jsonl" 2>"$TMP/err") || fail "code failed: $(cat "$TMP/err")"
expect_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "one event"
expect_contains "$out" '"source":"DEUGOV","target":"CHN","code":"042","root":"04"' "visit DEUGOV -> CHN"
expect_contains "$out" '"date":"2024-04-14"' "event date from the text"
expect_contains "$out" '"date_source":"text","date_phrase":"on April 14"' "date source and phrase"
expect_contains "$out" '"quad":1,' "quad class"
expect_contains "$out" '"goldstein":1.9,' "Goldstein of 042"
expect_contains "$out" '"plover":{"event":"CONSULT","mode":"visit"' "PLOVER"
# without enrichment the same event keeps the document's date
plain=$("$DYAD" code $DO --no-enrich --format jsonl "$TMP/in.jsonl" 2>/dev/null) || fail "--no-enrich failed"
expect_contains "$plain" '"date":"2024-04-16"' "--no-enrich keeps the document date"
expect_contains "$plain" '"plover":null,"location":null' "--no-enrich leaves enrichment null"
case "$out" in
*'"location":null'*)
	echo "note: no location (gazetteer without cities?); location part skipped" >&2
	exit 0 ;;
esac
expect_contains "$out" '"location":{"name":"Beijing","country":"CN"' "placed in Beijing"
lat=$(printf '%s\n' "$out" | sed 's/.*"lat":\([-0-9.]*\).*/\1/')
lon=$(printf '%s\n' "$out" | sed 's/.*"lon":\([-0-9.]*\).*/\1/')
awk -v a="$lat" -v o="$lon" 'BEGIN { d1 = a - 39.91; d2 = o - 116.40;
	exit !(d1 < 0.2 && d1 > -0.2 && d2 < 0.2 && d2 > -0.2) }' || fail "Beijing at $lat $lon"
"$DYAD" code $DO --no-location --format jsonl "$TMP/in.jsonl" 2>/dev/null | grep -q '"location":null' ||
	fail "--no-location still placed the event"
exit 0
