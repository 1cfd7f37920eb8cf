# SPDX-License-Identifier: MIT
# Source rules that a compiler does not check (STYLE.md): no strcpy, sprintf,
# atoi, strtok, gets or strcat in dyad's code (each has a bounded or checked
# replacement), and every source file opens with its SPDX line and a comment
# saying what it is for.
. "$TOP/tests/cli/lib.sh"
cd "$TOP" || fail "no checkout"
files=$(ls src/*/*.c src/*/*.h bench/*.c fuzz/*.c 2>/dev/null)
bad=$(grep -nE '(^|[^a-z_])(strcpy|sprintf|vsprintf|atoi|atol|strtok|gets|strcat)[[:space:]]*\(' $files \
	| grep -v '^\S*:[0-9]*:\s*/\?\*' || true)
[ -z "$bad" ] || fail "banned functions: $bad"
for f in $files; do
	head -n 1 "$f" | grep -q '^/\* SPDX-License-Identifier: ' || fail "$f: no SPDX line first"
	sed -n 2p "$f" | grep -q '^/\*' || fail "$f: no opening comment after the SPDX line"
done
exit 0
