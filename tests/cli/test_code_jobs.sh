#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad code -j N`: the same events, messages and exit status for any N, on
# input long enough to keep every thread busy and wrap the chunk ring many
# times, with bad lines spread through it (more than the 20 messages shown),
# with --dedup day, with standard input, and when the first file cannot be
# opened or is malformed XML (each message once); -j out of range refused.
. "$(dirname "$0")/lib.sh"
D="$TOP/tests/data/engine"
DO="--dict $D/mini.actors --dict $D/mini.agents --dict $D/mini.verbs --dict $D/mini.options"

# 3,000 documents: two events in most, none in every seventh, and a line that
# is not JSON every 97th (31 of them).
awk 'BEGIN {
	for (i = 1; i <= 3000; i++) {
		if (i % 97 == 0) { printf "{\"id\":\"bad-%d\",\"text\":\"cut off\n", i; continue }
		d = sprintf("2021-%02d-%02d", i % 12 + 1, i % 28 + 1)
		if (i % 7 == 0)
			t = "Nothing at all happened here today in the quiet little town."
		else
			t = "Valdoria scolded Morvane over the border fence. Kestria applauded Tiberon for its patience during the long talks."
		printf "{\"id\":\"d%d\",\"date\":\"%s\",\"text\":\"%s\"}\n", i, d, t
	}
}' >"$TMP/many.jsonl"

# run NAME ARGS...: dyad code with -j 1, 2, 3 and 8; stdout, stderr and exit
# status must be the same for all
run() {
	name=$1; shift
	for j in 1 2 3 8; do
		"$DYAD" code -j $j "$@" >"$TMP/$name.$j.out" 2>"$TMP/$name.$j.err"
		echo $? >"$TMP/$name.$j.rc"
	done
	for j in 2 3 8; do
		cmp -s "$TMP/$name.1.out" "$TMP/$name.$j.out" || fail "$name: -j 1 and -j $j write different events"
		cmp -s "$TMP/$name.1.err" "$TMP/$name.$j.err" || fail "$name: -j 1 and -j $j report differently"
		cmp -s "$TMP/$name.1.rc" "$TMP/$name.$j.rc" || fail "$name: -j 1 and -j $j exit differently"
	done
}

run many $DO --format jsonl "$TMP/many.jsonl"
# 2,970 good documents, 2,970 - 424 with two events each
expect_eq "$(wc -l <"$TMP/many.1.out" | tr -d ' ')" 5092 "events from the good documents"
expect_eq "$(cat "$TMP/many.1.rc")" 1 "exit status with bad lines"
expect_eq "$(grep -c 'invalid JSON' "$TMP/many.1.err")" 20 "messages shown (capped)"
expect_contains "$(head -n 1 "$TMP/many.1.err")" "many.jsonl:97: invalid JSON" "first message names its line"
expect_contains "$(sed -n 1p "$TMP/many.1.out")" '"doc_id":"d1",' "first event first"
expect_contains "$(tail -n 1 "$TMP/many.1.out")" '"doc_id":"d3000",' "last event last"

run dedup $DO --format jsonl --dedup day "$TMP/many.jsonl"
expect_eq "$(grep -c '"reports":' "$TMP/dedup.1.out")" "$(wc -l <"$TMP/dedup.1.out" | tr -d ' ')" "every deduplicated event has reports"

# standard input: no early open, the same result
for j in 1 2 3; do
	"$DYAD" code -j $j $DO --format jsonl - <"$TMP/many.jsonl" >"$TMP/stdin.$j" 2>/dev/null
done
cmp -s "$TMP/stdin.1" "$TMP/many.1.out" || fail "standard input codes differently"
cmp -s "$TMP/stdin.1" "$TMP/stdin.2" || fail "standard input: -j 1 and -j 2 differ"
cmp -s "$TMP/stdin.1" "$TMP/stdin.3" || fail "standard input: -j 1 and -j 3 differ"

# the first file missing: reported once, the next file coded
run missing $DO --format jsonl "$TMP/absent.jsonl" "$TMP/many.jsonl"
expect_eq "$(grep -c 'absent.jsonl: cannot open' "$TMP/missing.2.err")" 1 "missing file reported once"
cmp -s "$TMP/missing.2.out" "$TMP/many.1.out" || fail "the file after a missing one codes differently"

# the first file malformed XML: libxml2's report once, what it recovers coded
printf '%s\n' '<Sentences>' \
	'<Sentence date="20210304" id="x1"><Text>Valdoria scolded Morvane over the border fence.</Text></Sentence>' \
	'<Sentence date="20210305" id="x2"><Text>Kestria applauded Tiberon for its patience.</Text>' \
	'</Sentences>' >"$TMP/bad.xml"
run badxml $DO --format petrarch "$TMP/bad.xml" "$TMP/bad.xml"
expect_eq "$(grep -c 'bad.xml:.*malformed XML' "$TMP/badxml.2.err")" 2 "one report for each of the two files"
expect_contains "$(cat "$TMP/badxml.2.out")" '"doc_id":"x1"' "recovered sentence coded"

# nothing to read
: >"$TMP/empty.jsonl"
run empty $DO --format jsonl "$TMP/empty.jsonl"
expect_eq "$(wc -c <"$TMP/empty.2.out" | tr -d ' ')" 0 "no events from an empty file"

for bad in 0 257 x 2x; do
	"$DYAD" code -j $bad $DO "$TMP/empty.jsonl" >/dev/null 2>"$TMP/err" && fail "-j $bad accepted"
	expect_contains "$(cat "$TMP/err")" "-j wants 1..256" "-j $bad message"
done
exit 0
