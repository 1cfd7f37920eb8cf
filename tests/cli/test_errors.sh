# SPDX-License-Identifier: MIT
# Failure paths: each gives one clear message naming what failed, and the exit
# status the contract gives (1 bad input or usage, 2 internal error such as a
# full disk).
. "$TOP/tests/cli/lib.sh"
S="$TOP/examples/news.jsonl"

# a full disk is an error of dyad's, not of the input: status 2, one message
if [ -w /dev/full ]; then
	for cmd in code sentences; do
		"$DYAD" $cmd "$S" >/dev/full 2>"$TMP/err"; rc=$?
		expect_eq "$rc" 2 "$cmd to a full disk"
		expect_contains "$(cat "$TMP/err")" "writing output" "$cmd full-disk message"
	done
fi

# a dictionary that is not there: status 1, named
"$DYAD" code --dict "$TMP/missing.verbs" "$S" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "$rc" 1 "missing dictionary"
expect_contains "$(cat "$TMP/err")" "$TMP/missing.verbs" "missing dictionary named"
[ -s "$TMP/out" ] && fail "events written without the dictionary asked for"

# an input file that is not there: named, status 1, the other files still coded
"$DYAD" code "$TMP/missing.jsonl" "$S" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "$rc" 1 "missing input"
expect_contains "$(cat "$TMP/err")" "$TMP/missing.jsonl" "missing input named"
[ -s "$TMP/out" ] || fail "the readable file was not coded"

# a bad option: usage on stderr, status 1
"$DYAD" code --frobnicate "$S" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "$rc" 1 "unknown option"
"$DYAD" code --output yaml "$S" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "$rc" 1 "unknown output format"

# a sentence-long run of pathological text is coded, not crashed on
awk 'BEGIN { printf "{\"id\":\"p\",\"text\":\""; for (i = 0; i < 20000; i++) printf "and "; print "Iran.\"}" }' \
	>"$TMP/and.jsonl"
"$DYAD" code "$TMP/and.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "$rc" 0 "20,000 'and's"
exit 0
