#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad code` output formats: TSV in the Phoenix data set's 26 columns, CSV
# with a header and RFC 4180 quoting, --fields for every format, the error
# for an unknown field, --no-header, and the same output for -j 1 and -j 2
# in every format on the GigaWord sample (when ../shared is present).
. "$(dirname "$0")/lib.sh"
"$DYAD" code --help 2>/dev/null | grep -q -- '--fields' || skip "dyad code has no --fields yet"
D="$TOP/tests/data/enrich"
DO="--dict $D/scholz.actors --dict $D/scholz.verbs --no-location"
printf '%s\n' \
 '{"id":"s1","date":"2024-04-16","url":"https://example.org/1","source":"AFP","text":"German Chancellor Olaf Scholz arrived in Beijing on April 14 for a three-day visit, his office said."}' \
 '{"id":"s2","date":"2024-04-17","text":"Olaf Scholz arrived in Paris for \"frank\" talks."}' >"$TMP/in.jsonl"

tsv=$("$DYAD" code $DO --output tsv "$TMP/in.jsonl") || fail "tsv failed"
want=$(printf 'EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\tSourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\tEventCode\tEventRootCode\tQuadClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\tCountryCode\tSentenceID\tURLs\tNewsSources')
expect_eq "$(printf '%s\n' "$tsv" | head -n 1)" "$want" "Phoenix header"
expect_eq "$(printf '%s\n' "$tsv" | wc -l | tr -d ' ')" 3 "header and two events"
printf '%s\n' "$tsv" | awk -F '\t' 'NF != 26 { exit 1 }' || fail "a TSV line without 26 columns"
expect_contains "$tsv" "$(printf 's1-0-0\t20240414\t2024\t4\t14\tDEUGOV\tDEU\tGOV\t\tCHN\tCHN\t\t\t042\t04\t1\t1.9\t')" "Phoenix row"
expect_contains "$tsv" "$(printf 's1-0\thttps://example.org/1\tAFP')" "sentence id, URL and source"
nohdr=$("$DYAD" code $DO --output tsv --no-header "$TMP/in.jsonl") || fail "--no-header failed"
expect_eq "$(printf '%s\n' "$nohdr" | wc -l | tr -d ' ')" 2 "--no-header: events only"

csv=$("$DYAD" code $DO --output csv "$TMP/in.jsonl") || fail "csv failed"
expect_eq "$(printf '%s\n' "$csv" | head -n 1 | cut -d, -f1-6)" "doc_id,sentence,date,source,target,code" "CSV header"
expect_contains "$csv" '"German Chancellor Olaf Scholz arrived in Beijing on April 14 for a three-day visit, his office said."' "comma quoted"
expect_contains "$csv" '"Olaf Scholz arrived in Paris for ""frank"" talks."' "quotes doubled"

f=$("$DYAD" code $DO --output csv --fields 'date,source,target,code,Goldstein' "$TMP/in.jsonl") || fail "--fields csv failed"
expect_eq "$(printf '%s\n' "$f" | head -n 2)" "$(printf 'date,source,target,code,goldstein\n2024-04-14,DEUGOV,CHN,042,1.9')" "--fields csv"
f=$("$DYAD" code $DO --fields 'code,source,EventID' "$TMP/in.jsonl") || fail "--fields jsonl failed"
expect_eq "$(printf '%s\n' "$f" | head -n 1)" '{"code":"042","source":"DEUGOV","EventID":"s1-0-0"}' "--fields jsonl"
f=$("$DYAD" code $DO --output tsv --fields 'doc_id,code' --no-header "$TMP/in.jsonl") || fail "--fields tsv failed"
expect_eq "$(printf '%s\n' "$f" | head -n 1)" "$(printf 's1\t042')" "--fields tsv"

"$DYAD" code $DO --fields 'code,colour' "$TMP/in.jsonl" >"$TMP/o" 2>"$TMP/err"
rc=$?
expect_eq "$rc" 1 "unknown field exit status"
expect_contains "$(cat "$TMP/err")" "'colour'" "message names the field"
expect_contains "$(cat "$TMP/err")" "goldstein" "message lists valid fields"
[ -s "$TMP/o" ] && fail "output written despite a bad --fields"
"$DYAD" code $DO --output xml "$TMP/in.jsonl" >/dev/null 2>&1 && fail "--output xml accepted"

need_shared "GigaWord sample and TABARI dictionaries"
T="$SHARED/dictionaries/tabari"
G="$SHARED/corpora/gigaword-sample.PETR.xml"
[ -f "$G" ] || skip "no $G"
TO="--dict $T/CAMEO.091003.master.verbs --dict $T/CountryInfo.120116.actors --dict $T/Internatnl.120521.actors --dict $T/PSU.120522.agents --dict $T/CAMEO.09b5.options"
for fmt in jsonl tsv csv; do
	"$DYAD" code $TO --format petrarch --output $fmt -j 1 "$G" >"$TMP/j1" 2>/dev/null || fail "$fmt -j 1 failed"
	"$DYAD" code $TO --format petrarch --output $fmt -j 2 "$G" >"$TMP/j2" 2>/dev/null || fail "$fmt -j 2 failed"
	cmp -s "$TMP/j1" "$TMP/j2" || fail "$fmt: -j 1 and -j 2 differ"
	[ "$(wc -l <"$TMP/j1")" -ge 20 ] || fail "$fmt: too few events"
done
exit 0
