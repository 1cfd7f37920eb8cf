#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad explain` shows tokens, the dictionary entries that matched (file:line),
# the parse decisions and the events of one sentence.
. "$(dirname "$0")/lib.sh"
D="$TOP/tests/data/engine"
DO="--dict $D/mini.actors --dict $D/mini.agents --dict $D/mini.verbs --dict $D/mini.options"
out=$("$DYAD" explain $DO "Kestria's premier said he applauded Valdoria for the new treaty.") \
	|| fail "explain failed"
expect_contains "$out" "tokens:" "token list"
expect_contains "$out" "mini.actors:" "actor entry with file:line"
expect_contains "$out" "mini.agents:" "agent entry with file:line"
expect_contains "$out" "pronoun HE" "pronoun decision"
expect_contains "$out" "KESGOV -> VAL 051" "the event"
expect_contains "$out" "subordinate code 010" "subordinate SAID decision"
# a sentence with a verb made a noun says so, and has no event
out=$("$DYAD" explain $DO "Valdoria is about the visit of Kestria to the provinces up north.")
expect_contains "$out" "verb made a noun" "determiner rule shown"
expect_contains "$out" "events:
  none" "no event"
# date-restricted actor: the date picks the code
out=$("$DYAD" explain $DO --date 2015-01-01 "Ostmark applauded Kestria for the new rail link on Monday.")
expect_contains "$out" "OSX -> KES 051" "dated code after the restriction"
# no dictionary option: the built-in dictionaries, named in the provenance
out=$("$DYAD" explain "Valdoria applauded Kestria." 2>"$TMP/err") || fail "explain with the built-in dictionaries failed"
expect_contains "$out" "builtin:" "built-in provenance"
exit 0
