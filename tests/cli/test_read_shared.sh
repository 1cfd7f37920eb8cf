#!/bin/sh
# SPDX-License-Identifier: MIT
# The reference corpora read without errors: the Guardian CSV sample is 249
# documents, the PETRARCH GigaWord sample keeps its sentence ids and dates.
. "$(dirname "$0")/lib.sh"
need_shared "reference corpora"
g="$SHARED/corpora/guardian-sample.csv"
[ -f "$g" ] || skip "guardian-sample.csv is absent"
"$DYAD" sentences "$g" >"$TMP/out" 2>"$TMP/err" || fail "guardian: exit $? $(head -3 "$TMP/err")"
docs=$(grep -o '"doc_id":"[^"]*","sentence":0,' "$TMP/out" | sort -u | wc -l)
expect_eq "$docs" 249 "guardian documents"
p="$SHARED/corpora/gigaword-sample.PETR.xml"
if [ -f "$p" ]; then
	out=$("$DYAD" sentences "$p") || fail "gigaword: exit $?"
	expect_contains "$out" '"doc_id":"AFP0808020625_4","sentence":0,"date":"2008-08-04"' "gigaword sentence"
fi
exit 0
