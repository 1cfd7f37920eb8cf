# SPDX-License-Identifier: MIT
# `dyad sentences`: the front end seen from the command line.
. "$TOP/tests/cli/lib.sh"

# --help and --version answer on stdout and succeed
"$DYAD" --help | grep -q "sentences" || fail "dyad --help lists no sentences command"
"$DYAD" sentences --help | grep -q -- "--tokens" || fail "sentences --help lacks --tokens"
"$DYAD" --version | grep -Eq '^dyad [0-9]+\.[0-9]+' || fail "--version"
"$DYAD" frobnicate 2>"$TMP/err"; rc=$?
expect_eq "$rc" 1 "unknown command exit status"
expect_contains "$(cat "$TMP/err")" "unknown command 'frobnicate'" "unknown command message"

# one line per sentence, with the contract's fields, abbreviations kept whole
printf '%s\n' '{"id":"d1","date":"2024-04-16","text":"U.S. Secretary of State Antony Blinken arrived in Riyadh. He met officials."}' \
	| "$DYAD" sentences >"$TMP/out" 2>"$TMP/err" || fail "sentences failed: $(cat "$TMP/err")"
expect_eq "$(wc -l <"$TMP/out" | tr -d ' ')" 2 "sentence count"
first=$(head -n 1 "$TMP/out")
expect_contains "$first" '"doc_id":"d1"' "doc_id"
expect_contains "$first" '"sentence":0' "sentence index"
expect_contains "$first" '"date":"2024-04-16"' "date"
expect_contains "$first" '"text":"U.S. Secretary of State Antony Blinken arrived in Riyadh."' "first sentence"
expect_contains "$first" '"repairs":0' "repairs"
expect_contains "$(tail -n 1 "$TMP/out")" '"sentence":1' "second index"
# no progress line when stderr is not a terminal
[ -s "$TMP/err" ] && fail "stderr not empty: $(cat "$TMP/err")"

# repairs are counted in the sentence that holds them, and tokens carry lemmas
printf '%s\n' '{"id":"d2","date":"2024-01-01","text":"Talks in SÃ£o Paulo &amp; Rio. Officials met."}' \
	| "$DYAD" sentences --tokens >"$TMP/out" || fail "sentences --tokens failed"
first=$(head -n 1 "$TMP/out")
expect_contains "$first" 'São Paulo & Rio' "mojibake and entity repaired"
expect_contains "$first" '"repairs":2' "two repairs in the first sentence"
expect_contains "$(tail -n 1 "$TMP/out")" '"repairs":0' "no repairs in the second"
expect_contains "$(tail -n 1 "$TMP/out")" '"lemma":"MEET"' "lemma of met"

# the built-in sample reads without error
"$DYAD" sentences "$TOP/examples/news.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "sample failed: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/out")" -ge 20 ] || fail "sample gave too few sentences"
grep -q 'BEIJING, April 16' "$TMP/out" && fail "the dateline was kept as a sentence"
exit 0
