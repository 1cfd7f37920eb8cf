# SPDX-License-Identifier: MIT
# The progress line: drawn on stderr when it is a terminal, never otherwise.
. "$TOP/tests/cli/lib.sh"
command -v script >/dev/null 2>&1 || skip "no 'script' command to give dyad a terminal"

i=0
while [ $i -lt 200 ]; do
	printf '{"id":"d%d","date":"2024-01-01","text":"Officials met in Cairo. Talks went on."}\n' $i
	i=$((i + 1))
done >"$TMP/in.jsonl"

# Not a terminal: stderr stays empty.
"$DYAD" sentences "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "sentences failed"
[ -s "$TMP/err" ] && fail "progress drawn to a non-terminal: $(cat "$TMP/err")"

# A terminal (script gives dyad a pseudo-terminal; stdout goes to a file so that
# only stderr reaches the terminal's transcript).
script -qec "'$DYAD' sentences '$TMP/in.jsonl' >'$TMP/out2'" "$TMP/tty" >/dev/null 2>&1 \
	|| fail "sentences under a terminal failed"
grep -q "documents, .* sentences/s" "$TMP/tty" || fail "no progress line on the terminal: $(cat "$TMP/tty")"
cmp -s "$TMP/out" "$TMP/out2" || fail "output differs with a terminal"
exit 0
