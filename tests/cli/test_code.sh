#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad code`: JSONL events with the contract's fields, TSV output, the error
# without a dictionary, and identical output for -j 1 and -j 2 on the GigaWord
# sample with the TABARI CAMEO dictionaries (when ../shared is present).
. "$(dirname "$0")/lib.sh"
D="$TOP/tests/data/engine"
DO="--dict $D/mini.actors --dict $D/mini.agents --dict $D/mini.verbs --dict $D/mini.options"
printf '%s\n' \
 '{"id":"d1","date":"2021-03-04","text":"Valdoria scolded Morvane over the border fence on Monday. Kestria applauded Tiberon for its patience during the long talks."}' \
 '{"id":"d2","date":"2021-03-05","text":"Nothing at all happened here today in the quiet little town."}' >"$TMP/in.jsonl"
out=$("$DYAD" code $DO --format jsonl "$TMP/in.jsonl") || fail "code failed"
n=$(printf '%s\n' "$out" | grep -c '"code"')
expect_eq "$n" 2 "events from the two sentences of d1"
for k in doc_id sentence date source target code root text; do
	expect_contains "$out" "\"$k\":" "field $k"
done
# "on Monday" dates the event: the Monday before Thursday 2021-03-04
expect_contains "$out" '"doc_id":"d1","sentence":0,"date":"2021-03-01","source":"VAL","target":"MOR","code":"111","root":"11"' "first event"
expect_contains "$out" '"sentence":1' "second sentence index"
tsv=$("$DYAD" code $DO --format jsonl --output tsv --fields doc_id,sentence,date,source,target,code,root,text "$TMP/in.jsonl") || fail "tsv failed"
expect_eq "$(printf '%s\n' "$tsv" | head -n 1)" "$(printf 'doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\ttext')" "tsv header"
expect_contains "$tsv" "$(printf 'd1\t1\t2021-03-04\tKES\tTIB\t051\t05\t')" "tsv row"
# no dictionary option: dyad's built-in dictionaries
"$DYAD" code --format jsonl "$TMP/in.jsonl" >"$TMP/builtin" 2>"$TMP/err" || fail "code with the built-in dictionaries failed: $(head -n 3 "$TMP/err")"

need_shared "GigaWord sample and TABARI dictionaries"
T="$SHARED/dictionaries/tabari"
G="$SHARED/corpora/gigaword-sample.PETR.xml"
[ -f "$G" ] || skip "no $G"
TO="--dict $T/CAMEO.091003.master.verbs --dict $T/CountryInfo.120116.actors --dict $T/Internatnl.120521.actors --dict $T/PSU.120522.agents --dict $T/CAMEO.09b5.options"
"$DYAD" code $TO --format petrarch -j 1 "$G" >"$TMP/j1" 2>/dev/null || fail "gigaword -j 1 failed"
"$DYAD" code $TO --format petrarch -j 2 "$G" >"$TMP/j2" 2>/dev/null || fail "gigaword -j 2 failed"
cmp -s "$TMP/j1" "$TMP/j2" || fail "-j 1 and -j 2 differ"
[ "$(wc -l <"$TMP/j1")" -ge 20 ] || fail "too few GigaWord events: $(wc -l <"$TMP/j1")"
grep -q '"source":"ISR","target":"PSE"' "$TMP/j1" || fail "expected Israel -> Palestinians event missing"
C="$SHARED/corpora/guardian-sample.csv"
if [ -f "$C" ]; then
	"$DYAD" code $TO --format csv "$C" >"$TMP/g" 2>/dev/null || fail "guardian failed"
	[ "$(wc -l <"$TMP/g")" -ge 50 ] || fail "too few Guardian events"
fi
exit 0
