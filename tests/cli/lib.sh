# SPDX-License-Identifier: MIT
# Helpers for command tests (sourced). $DYAD is the binary under test, $TOP the
# checkout, $SHARED the reference data beside it (may be absent).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }
need_shared() { [ -d "$SHARED" ] || skip "../shared is absent: $1"; }
# expect_eq ACTUAL EXPECTED WHAT
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"; }
# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() { case "$1" in *"$2"*) ;; *) fail "$3: [$2] not in output: $1";; esac; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
