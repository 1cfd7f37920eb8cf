#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad sentences` on a JSONL file with one line that is not JSON: the good
# lines are still written, the bad one is reported with file and line on
# stderr, and the command exits 1.
. "$(dirname "$0")/lib.sh"
f="$TMP/wire.jsonl"
printf '%s\n' \
	'{"id": "w1", "date": "2024-05-02", "text": "Election officials in Accra began counting ballots on Thursday."}' \
	'{"id": "w2", "date": "2024-05-02", "text": "this line is cut off' \
	'{"id": "w3", "date": "2024-05-03", "text": "Observers said the vote was calm."}' > "$f"
"$DYAD" sentences "$f" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_eq "$rc" 1 "exit status with a bad line"
out=$(cat "$TMP/out")
err=$(cat "$TMP/err")
expect_contains "$out" '"doc_id":"w1"' "first good line"
expect_contains "$out" '"doc_id":"w3"' "good line after the bad one"
expect_contains "$out" '"date":"2024-05-03"' "date of w3"
case "$out" in *'"doc_id":"w2"'*) fail "bad line w2 was output";; esac
expect_contains "$err" "$f:2: invalid JSON" "message names file and line"
expect_eq "$(printf '%s\n' "$err" | grep -c .)" 1 "one message"
# The same file through stdin names "-".
"$DYAD" sentences - <"$f" >"$TMP/out2" 2>"$TMP/err2"
expect_eq "$?" 1 "exit status on stdin"
expect_contains "$(cat "$TMP/err2")" "-:2: invalid JSON" "stdin message"
expect_eq "$(grep -c '"doc_id"' "$TMP/out2")" 2 "two documents from stdin"
exit 0
