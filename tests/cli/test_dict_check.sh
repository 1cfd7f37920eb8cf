# SPDX-License-Identifier: MIT
# `dyad dict check` and `dyad dict stats`: findings as FILE:LINE lines and a
# summary, exit 0 with warnings only, 1 on syntax errors; the shared TABARI
# dictionaries pass.
. "$TOP/tests/cli/lib.sh"
"$DYAD" --help | grep -q "^  dict " || skip "dyad dict is not registered in src/cli/main.c yet"
D="$TOP/tests/data/dict"

out=$("$DYAD" dict check "$D/test.actors" "$D/test.agents" "$D/test.verbs")
rc=$?
expect_eq "$rc" 0 "exit status on good files"
expect_contains "$out" "3 files," "summary"
expect_contains "$out" "0 errors" "summary"

out=$("$DYAD" dict check "$D/bad.verbs")
rc=$?
expect_eq "$rc" 1 "exit status on bad files"
expect_contains "$out" "$D/bad.verbs:3: missing verb marker '*' in pattern" "error line"
expect_contains "$out" "5 errors" "summary"

out=$("$DYAD" dict stats --project "$D/test.project")
expect_contains "$out" "verbs      6" "stats verbs"
expect_contains "$out" "labels     2" "stats labels"

need_shared "production dictionaries"
out=$("$DYAD" dict check "$SHARED/dictionaries/tabari")
rc=$?
expect_eq "$rc" 0 "exit status on the production set"
expect_contains "$out" " 0 errors" "production summary"
out=$("$DYAD" dict check --project "$SHARED/conformance/tabari/Validate.project")
expect_eq "$?" 0 "exit status on the validation project"
exit 0
