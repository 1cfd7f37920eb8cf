#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad validate` on TABARI's validation suite: codes every standard record,
# ends with "N passed, M failed", and at least 90% of the records pass.
. "$(dirname "$0")/lib.sh"
need_shared "TABARI validation suite"
suite="$SHARED/conformance/tabari/Validate.project"
[ -f "$suite" ] || skip "no $suite"
out=$("$DYAD" validate "$suite" 2>"$TMP/err")
rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
case "$last" in
*" passed, "*" failed") ;;
*) fail "last line is not 'N passed, M failed': [$last] (rc $rc) $(head -n 5 "$TMP/err")";;
esac
p=$(printf '%s\n' "$last" | sed 's/ passed.*//')
f=$(printf '%s\n' "$last" | sed 's/.* passed, //; s/ failed//')
total=$((p + f))
[ "$total" -ge 400 ] || fail "only $total standard records were checked"
# the bar: 90% of the standard records
[ $((p * 100)) -ge $((total * 90)) ] || fail "pass rate $p/$total is under 90%"
# every failing record is shown with its expected and actual events
nfail=$(printf '%s\n' "$out" | grep -c '^FAIL ')
expect_eq "$nfail" "$f" "failing records printed"
# validate's own total stays inside this test's output
echo "validate: $p of $total standard records pass"
exit 0
