#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test of dyad and prints one total line at the end.
#   tests/run.sh BUILD_DIR [BUILD_DIR...]
# For each build directory: every unit test binary (cmocka) in BUILD/tests, then
# every command test tests/cli/*.sh against BUILD/dyad. A command test exits 0 to
# pass, 77 to skip (printing one line that says why), anything else to fail.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0 skipped=0
failures=""

for build in "$@"; do
	echo "== unit tests ($build)"
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		out=$("$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | grep -o "\[  PASSED  \] [0-9]*" | grep -o "[0-9]*$" | awk '{s+=$1} END {print s+0}')
		f=$(printf '%s\n' "$out" | grep -o "\[  FAILED  \] [0-9]*" | grep -o "[0-9]*$" | awk '{s+=$1} END {print s+0}')
		s=$(printf '%s\n' "$out" | grep -o "\[  SKIPPED \] [0-9]*" | grep -o "[0-9]*$" | awk '{s+=$1} END {print s+0}')
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			# crashed or a sanitizer stopped it before cmocka could count
			printf '%s\n' "$out" | tail -n 30
			f=1
		fi
		echo "$(basename "$t"): $p passed, $f failed, $s skipped"
		if [ "$f" -ne 0 ]; then
			printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR)|^\[ +ERROR' | head -n 20
			failures="$failures $(basename "$t")[$build]"
		fi
		passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	done
	echo "== command tests ($build)"
	for t in "$top"/tests/cli/test_*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		out=$(DYAD="$top/$build/dyad" TOP="$top" SHARED="$top/../shared" sh "$t" 2>&1)
		rc=$?
		if [ "$rc" -eq 0 ]; then
			passed=$((passed + 1)); echo "ok   $name"
		elif [ "$rc" -eq 77 ]; then
			skipped=$((skipped + 1)); echo "skip $name: $(printf '%s\n' "$out" | tail -n 1)"
		else
			failed=$((failed + 1)); echo "FAIL $name"
			printf '%s\n' "$out" | tail -n 25 | sed 's/^/    /'
			failures="$failures $name[$build]"
		fi
	done
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
