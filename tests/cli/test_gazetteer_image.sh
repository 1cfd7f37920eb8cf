#!/bin/sh
# SPDX-License-Identifier: MIT
# `dyad code` finds the gazetteer's binary image and uses it; a stale or
# damaged image is named in a warning and the TSV beside it is read instead,
# with the same locations; a damaged image alone is an error that leaves
# locations null while the events still come out.
. "$(dirname "$0")/lib.sh"
gen="$(dirname "$DYAD")/gen"
[ -f "$gen/gazetteer.tsv" ] && [ -f "$gen/gazetteer.bin" ] || skip "no gazetteer built beside $DYAD"
mkdir -p "$TMP/data"
cp -p "$gen/gazetteer.tsv" "$TMP/data/"
cp -p "$gen/gazetteer.bin" "$TMP/data/"
in='{"id":"d1","date":"2021-03-04","text":"Government troops shelled rebel positions near Cairo, Egypt on Monday."}'
loc() { sed -n 's/.*"location":\({[^}]*}\|null\).*/\1/p' | head -n 1; }

good=$(echo "$in" | DYAD_DATA="$TMP/data" "$DYAD" code 2>"$TMP/err1")
[ -s "$TMP/err1" ] && fail "fresh image: unexpected messages: $(cat "$TMP/err1")"
want=$(echo "$good" | loc)
[ -n "$want" ] || fail "no event coded: $good"

# stale: the TSV is newer than the image
touch -d '+1 minute' "$TMP/data/gazetteer.tsv" 2>/dev/null || touch "$TMP/data/gazetteer.tsv"
touch -d '-1 day' "$TMP/data/gazetteer.bin"
got=$(echo "$in" | DYAD_DATA="$TMP/data" "$DYAD" code 2>"$TMP/err2")
expect_contains "$(cat "$TMP/err2")" "gazetteer.bin" "stale image warning"
expect_contains "$(cat "$TMP/err2")" "stale" "stale image warning"
expect_eq "$(echo "$got" | loc)" "$want" "location from the TSV"

# damaged: the header's magic overwritten; the TSV beside it is read
cp -p "$gen/gazetteer.bin" "$TMP/data/gazetteer.bin"
touch -d '-1 day' "$TMP/data/gazetteer.tsv"
printf 'XXXXXXXX' | dd of="$TMP/data/gazetteer.bin" bs=1 seek=0 conv=notrunc 2>/dev/null
got=$(echo "$in" | DYAD_DATA="$TMP/data" "$DYAD" code 2>"$TMP/err3")
expect_contains "$(cat "$TMP/err3")" "gazetteer.bin" "damaged image warning"
expect_eq "$(echo "$got" | loc)" "$want" "location from the TSV beside a damaged image"

# a damaged image alone: said, and the events still come out, unplaced
mkdir -p "$TMP/alone"
cp "$TMP/data/gazetteer.bin" "$TMP/alone/"
got=$(echo "$in" | DYAD_DATA="$TMP/alone" "$DYAD" code 2>"$TMP/err5") || fail "damaged image alone: exit $?"
expect_contains "$(cat "$TMP/err5")" "$TMP/alone/gazetteer.bin" "damaged image alone is named"
expect_eq "$(echo "$got" | loc)" "null" "no location without a usable gazetteer"

# a damaged image named with --gazetteer is an error naming it
rc=0
echo "$in" | "$DYAD" code --gazetteer "$TMP/data/gazetteer.bin" >/dev/null 2>"$TMP/err4" || rc=$?
[ "$rc" -ne 0 ] || fail "--gazetteer with a damaged image: exit 0"
expect_contains "$(cat "$TMP/err4")" "gazetteer.bin" "--gazetteer damaged image error"
exit 0
