#!/bin/sh
# SPDX-License-Identifier: MIT
# `make bench`: prints dyad's throughput figures. Uses the reference corpora in
# ../shared when present, else dyad's own sample (figures then are only a smoke run).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared"
cd "$top"
guardian="$shared/corpora/guardian-sample.csv"
if [ -f "$guardian" ]; then
	./build/bench/bench_front "$guardian" csv 20
else
	echo "bench: ../shared is absent; timing examples/news.jsonl instead"
	./build/bench/bench_front examples/news.jsonl jsonl 2000
fi
for extra in bench/run-*.sh; do
	[ -f "$extra" ] && sh "$extra"
done
exit 0
