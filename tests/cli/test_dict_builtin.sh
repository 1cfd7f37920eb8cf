# SPDX-License-Identifier: MIT
# dyad's own dictionaries: built into the binary, and clean under `dict check`,
# both as built in and as the folder they are written in.
. "$TOP/tests/cli/lib.sh"

out=$("$DYAD" dict check) || fail "dict check of the built-in set failed: $out"
expect_contains "$out" " 0 errors" "built-in set has no errors"
files=$(find "$TOP/data/dict" -type f \( -name '*.verbs' -o -name '*.actors' -o -name '*.agents' \
	-o -name '*.options' -o -name '*.discards' \) | wc -l | tr -d ' ')
expect_contains "$out" "$files files," "every file of data/dict is built in"

out2=$("$DYAD" dict check "$TOP/data/dict") || fail "dict check data/dict failed: $out2"
expect_eq "$(printf '%s\n' "$out2" | tail -n 1)" "$(printf '%s\n' "$out" | tail -n 1)" \
	"the folder and the built-in copy give the same summary"

# every CAMEO root has verbs, and the set is not trivially small
stats=$("$DYAD" dict stats)
verbs=$(printf '%s\n' "$stats" | awk '$1 == "verbs" {print $2}')
[ "${verbs:-0}" -ge 200 ] || fail "only ${verbs:-0} verbs built in"
exit 0
