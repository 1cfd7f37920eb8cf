#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad code --dedup day|none`: one event per (date, source, target, code),
# the kept event carrying reports, n_docs and doc_ids; none keeps all; events
# of different days stay apart; order of first report; same output for any -j.
. "$(dirname "$0")/lib.sh"
"$DYAD" code --help 2>/dev/null | grep -q -- '--dedup' || skip "dyad code has no --dedup yet"
D="$TOP/tests/data/enrich"
DO="--dict $D/scholz.actors --dict $D/scholz.verbs --no-location"
printf '%s\n' \
 '{"id":"reuters-1","date":"2024-04-14","text":"Olaf Scholz arrived in Beijing for talks with the president."}' \
 '{"id":"afp-2","date":"2024-04-14","text":"Olaf Scholz arrived in Paris for a short stop."}' \
 '{"id":"ap-3","date":"2024-04-16","text":"German Chancellor Olaf Scholz arrived in Beijing on April 14, his office said."}' \
 '{"id":"xin-4","date":"2024-04-16","text":"Olaf Scholz arrived in Beijing for more talks."}' \
 '{"id":"afp-5","date":"2024-04-15","text":"Olaf Scholz arrived in Paris yesterday. On Sunday Olaf Scholz arrived in Paris again."}' >"$TMP/in.jsonl"

all=$("$DYAD" code $DO "$TMP/in.jsonl") || fail "code failed"
expect_eq "$(printf '%s\n' "$all" | wc -l | tr -d ' ')" 6 "default (none) keeps every event"
none=$("$DYAD" code $DO --dedup none "$TMP/in.jsonl") || fail "--dedup none failed"
expect_eq "$none" "$all" "--dedup none is the default"
case "$all" in *'"reports"'*) fail "reports without --dedup day";; esac

day=$("$DYAD" code $DO --dedup day "$TMP/in.jsonl") || fail "--dedup day failed"
expect_eq "$(printf '%s\n' "$day" | wc -l | tr -d ' ')" 3 "three distinct (day, dyad, code)"
first=$(printf '%s\n' "$day" | sed -n 1p)
expect_contains "$first" '"doc_id":"reuters-1"' "first report kept, first"
expect_contains "$first" '"date":"2024-04-14","source":"DEUGOV","target":"CHN"' "Beijing visit on the 14th"
expect_contains "$first" '"reports":2,"n_docs":2,"doc_ids":["reuters-1","ap-3"]' "merged by the text date"
second=$(printf '%s\n' "$day" | sed -n 2p)
expect_contains "$second" '"doc_id":"afp-2"' "Paris visit second"
expect_contains "$second" '"reports":3,"n_docs":2,"doc_ids":["afp-2","afp-5"]' "two reports of one document, one doc id"
third=$(printf '%s\n' "$day" | sed -n 3p)
expect_contains "$third" '"doc_id":"xin-4","sentence":0,"date":"2024-04-16"' "another day stays apart"
expect_contains "$third" '"reports":1,"n_docs":1,"doc_ids":["xin-4"]' "single report"

tsv=$("$DYAD" code $DO --dedup day --output tsv "$TMP/in.jsonl") || fail "tsv dedup failed"
expect_contains "$(printf '%s\n' "$tsv" | head -n 1)" "$(printf 'NewsSources\treports\tn_docs\tdoc_ids')" "TSV dedup columns"
expect_contains "$tsv" "$(printf '\t2\t2\treuters-1;ap-3')" "TSV doc ids joined"

"$DYAD" code $DO --dedup week "$TMP/in.jsonl" >/dev/null 2>"$TMP/err" && fail "--dedup week accepted"
expect_contains "$(cat "$TMP/err")" "none or day" "bad --dedup message"

need_shared "GigaWord sample and TABARI dictionaries"
T="$SHARED/dictionaries/tabari"
G="$SHARED/corpora/gigaword-sample.PETR.xml"
[ -f "$G" ] || skip "no $G"
TO="--dict $T/CAMEO.091003.master.verbs --dict $T/CountryInfo.120116.actors --dict $T/Internatnl.120521.actors --dict $T/PSU.120522.agents --dict $T/CAMEO.09b5.options"
# the sample twice: every event of the second copy merges into the first
# (the same file given twice)
"$DYAD" code $TO --format petrarch "$G" >"$TMP/one" 2>/dev/null || fail "gigaword failed"
"$DYAD" code $TO --format petrarch --dedup day -j 1 "$G" "$G" >"$TMP/d1" 2>/dev/null || fail "dedup -j 1 failed"
"$DYAD" code $TO --format petrarch --dedup day -j 2 "$G" "$G" >"$TMP/d2" 2>/dev/null || fail "dedup -j 2 failed"
cmp -s "$TMP/d1" "$TMP/d2" || fail "--dedup day: -j 1 and -j 2 differ"
"$DYAD" code $TO --format petrarch --dedup day "$G" >"$TMP/d0" 2>/dev/null || fail "dedup one copy failed"
expect_eq "$(wc -l <"$TMP/d1")" "$(wc -l <"$TMP/d0")" "a repeated file adds no events"
[ "$(wc -l <"$TMP/d0")" -le "$(wc -l <"$TMP/one")" ] || fail "dedup made more events"
grep -q '"reports":1,' "$TMP/d1" && fail "an event of the doubled file was reported once"
exit 0
