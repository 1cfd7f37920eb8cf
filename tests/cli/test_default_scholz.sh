# SPDX-License-Identifier: MIT
# End to end with dyad's own dictionaries alone (no --dict): the enrichment
# issue's sentence gives a visit by the German government to China, dated by its
# date phrase and placed in Beijing, with codebook and PLOVER fields filled.
. "$TOP/tests/cli/lib.sh"
printf '%s\n' '{"id":"s","date":"2024-04-16","text":"German Chancellor Olaf Scholz arrived in Beijing on April 14 for a three-day visit, his office said."}' \
	| "$DYAD" code >"$TMP/out" 2>"$TMP/err" || fail "code failed: $(cat "$TMP/err")"
out=$(cat "$TMP/out")
expect_eq "$(wc -l <"$TMP/out" | tr -d ' ')" 1 "one event"
expect_contains "$out" '"date":"2024-04-14","source":"DEUGOV","target":"CHN","code":"042","root":"04"' "event"
expect_contains "$out" '"quad":1,"goldstein":1.9,"date_source":"text","date_phrase":"on April 14"' "codebook and date"
expect_contains "$out" '"plover":{"event":"CONSULT"' "PLOVER"
if grep -q '"location":null' "$TMP/out"; then
	grep -q "no gazetteer" "$TMP/err" && skip "no gazetteer with cities was built (npm unavailable); the rest passed"
	fail "no location: $(cat "$TMP/err")"
fi
expect_contains "$out" '"location":{"name":"Beijing","country":"CN"' "location"
lat=$(printf '%s\n' "$out" | sed 's/.*"lat":\([-0-9.]*\).*/\1/')
lon=$(printf '%s\n' "$out" | sed 's/.*"lon":\([-0-9.]*\).*/\1/')
awk -v a="$lat" -v o="$lon" 'BEGIN { d1 = a - 39.91; d2 = o - 116.40; exit !(d1 < 0.2 && d1 > -0.2 && d2 < 0.2 && d2 > -0.2) }' \
	|| fail "Beijing at $lat,$lon, not within 0.2 degrees of 39.91,116.40"
exit 0
