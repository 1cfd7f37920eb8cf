#!/bin/sh
# SPDX-License-Identifier: MIT
# Coding throughput (run by bench/run.sh): `dyad code` over the GigaWord sample
# of ../shared replicated to BENCH_SENTENCES sentences (default 50,000), with
# the TABARI CAMEO dictionaries and with dyad's built-in ones, as PETRARCH XML
# (parse trees included) and as JSONL of the same texts. For each: best of
# BENCH_RUNS runs (default 3) with -j 1, then -j 2; sentences/s end to end and
# without the dictionary load; peak RSS; whether -j 2 wrote the same events.
# Wall times on a busy machine vary: the load average is printed with them.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared"
dyad=${DYAD:-$top/dyad}
giga="$shared/corpora/gigaword-sample.PETR.xml"
tab="$shared/dictionaries/tabari"
if [ ! -f "$giga" ] || [ ! -d "$tab" ]; then
	echo "bench code: ../shared (GigaWord sample, TABARI dictionaries) is absent; skipped"
	exit 0
fi
want=${BENCH_SENTENCES:-50000}
runs=${BENCH_RUNS:-3}
work=${TMPDIR:-/tmp}/dyad-bench-code
mkdir -p "$work"

# Replica: the sample's <Sentence> records repeated with ids made unique,
# enough copies for `want` sentences as dyad splits them.
per=$("$dyad" sentences --format petrarch "$giga" 2>/dev/null | wc -l)
[ "$per" -gt 0 ] || { echo "bench code: no sentences in $giga; skipped"; exit 0; }
copies=$(( (want + per - 1) / per ))
xml="$work/giga-$copies.xml"
jsonl="$work/giga-$copies.jsonl"
# replica N OUT: the sample's records N times
replica() {
	awk -v n="$1" '
	/<Sentences>/ { inb = 1; next }
	/<\/Sentences>/ { inb = 0; next }
	inb { body = body $0 "\n" }
	END {
		print "<Sentences>"
		for (i = 0; i < n; i++) { b = body; gsub(/id ="[^"]*/, "&-" i, b); printf "%s", b }
		print "</Sentences>"
	}' "$giga" > "$2.tmp" && mv "$2.tmp" "$2"
}
[ -s "$xml" ] || replica "$copies" "$xml"
if [ ! -s "$jsonl" ]; then
	# one JSON line per record: id, date and the <Text> lines joined by blanks
	awk '
	function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return s }
	/<Sentence / {
		id = $0; sub(/.*id *= *"/, "", id); sub(/".*/, "", id)
		d = $0; sub(/.*date *= *"/, "", d); sub(/".*/, "", d)
		d = substr(d, 1, 4) "-" substr(d, 5, 2) "-" substr(d, 7, 2)
	}
	/<Text>/ { intext = 1; text = ""; next }
	/<\/Text>/ {
		intext = 0
		gsub(/&amp;/, "\\&", text); gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text)
		printf "{\"id\":\"%s\",\"date\":\"%s\",\"text\":\"%s\"}\n", esc(id), d, esc(text)
		next
	}
	intext { text = text (text == "" ? "" : " ") $0 }' "$xml" > "$jsonl.tmp" && mv "$jsonl.tmp" "$jsonl"
fi
sents=$("$dyad" sentences --format petrarch "$xml" 2>/dev/null | wc -l)

tabdict="--dict $tab/CAMEO.091003.master.verbs --dict $tab/CountryInfo.120116.actors
 --dict $tab/Internatnl.120521.actors --dict $tab/PSU.120522.agents --dict $tab/CAMEO.09b5.options"
load_ms() { "$dyad" dict stats "$@" 2>/dev/null | awk '$1 == "load_ms" { print $2 }'; }
tab_ms=$(load_ms "$tab/CAMEO.091003.master.verbs" "$tab/CountryInfo.120116.actors" \
	"$tab/Internatnl.120521.actors" "$tab/PSU.120522.agents" "$tab/CAMEO.09b5.options")
own_ms=$(load_ms)
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time
# "-j 1" means one core: the run is pinned to the first CPU this process may
# use, so that no helper thread (the gazetteer loads on one) borrows another.
pin=""
if command -v taskset >/dev/null 2>&1; then
	cpu=$(awk '/^Cpus_allowed_list/ { split($2, a, /[-,]/); print a[1] }' /proc/self/status 2>/dev/null)
	[ -n "$cpu" ] && taskset -c "$cpu" true 2>/dev/null && pin="taskset -c $cpu"
fi
noenrich=""
"$dyad" code --help 2>/dev/null | grep -q -- '--no-enrich' && noenrich="--no-enrich"

echo "bench code: $sents sentences ($copies copies of the GigaWord sample), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "bench code: dictionary load: TABARI ${tab_ms:-?} ms, built-in ${own_ms:-?} ms"
if [ -n "$pin" ]; then
	echo "bench code: -j 1 runs are pinned to one core ($pin)"
else
	echo "bench code: -j 1 runs are not pinned to one core (no taskset)"
fi

# one_run OUT PIN ARGS...: runs dyad code (under PIN, a command prefix or
# "-"), prints "seconds peak_kb exit_status"
one_run() {
	out=$1; p=$2; shift 2
	[ "$p" = - ] && p=""
	rc=0
	if [ -n "$timer" ]; then
		# shellcheck disable=SC2086
		$p $timer -o "$work/time" -f "%e %M" "$dyad" code "$@" > "$out" 2>/dev/null || rc=$?
		echo "$(tail -n 1 "$work/time") $rc"
	else
		t0=$(date +%s.%N)
		# shellcheck disable=SC2086
		$p "$dyad" code "$@" > "$out" 2>/dev/null || rc=$?
		t1=$(date +%s.%N)
		echo "$t0 $t1 $rc" | awk '{ printf "%.3f ? %s\n", $2 - $1, $3 }'
	fi
}

# case_run NAME LOAD_MS FORMAT FILE "ARGS": best of $runs runs with -j 1, one with -j 2
case_run() {
	name=$1; lms=$2; fmt=$3; file=$4; args=$5
	best=""; rss=""
	i=0
	while [ $i -lt "$runs" ]; do
		# shellcheck disable=SC2086
		r=$(one_run "$work/out1" "${pin:--}" $args --format "$fmt" -j 1 "$file")
		read -r s rss rc <<END
$r
END
		if [ "$rc" != 0 ]; then
			echo "  $name: dyad code -j 1 failed (exit status $rc)"
			return 0
		fi
		best=$(echo "$s ${best:-$s}" | awk '{ print ($1 < $2) ? $1 : $2 }')
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	r=$(one_run "$work/out2" - $args --format "$fmt" -j 2 "$file")
	read -r s2 rss2 rc <<END
$r
END
	if [ "$rc" != 0 ]; then
		echo "  $name: dyad code -j 2 failed (exit status $rc)"
		return 0
	fi
	same=differ
	cmp -s "$work/out1" "$work/out2" && same=same
	echo "$best $s2 $rss $rss2 $same $lms" | awk -v n="$sents" -v name="$name" '{
		rate = ($1 > 0) ? n / $1 : 0
		net = ($1 - $6 / 1000 > 0) ? n / ($1 - $6 / 1000) : 0
		rate2 = ($2 > 0) ? n / $2 : 0
		printf "  %-33s -j 1: %6.0f sentences/s (%.2f s; %6.0f/s without the dictionary load)  -j 2: %6.0f/s  peak RSS %s/%s KB  -j 2 events %s\n",
			name, rate, $1, net, rate2, $3, $4, $5
	}'
}

for fmt in petrarch jsonl; do
	file=$xml; [ $fmt = jsonl ] && file=$jsonl
	case_run "TABARI dicts, $fmt" "${tab_ms:-0}" $fmt "$file" "$tabdict"
	if [ -n "$noenrich" ]; then
		case_run "TABARI dicts, $fmt, no enrich" "${tab_ms:-0}" $fmt "$file" "$tabdict $noenrich"
	fi
	case_run "built-in dicts, $fmt" "${own_ms:-0}" $fmt "$file" ""
done

# Wall clock on a shared machine swings by tens of percent between runs, so the
# costs are also given in instructions, which repeat exactly (callgrind):
#  - the whole run on the GigaWord sample x75 (5,025 sentences, PETRARCH XML,
#    TABARI dictionaries, enrichment on): the fixed costs (dictionary,
#    gazetteer, engine set-up) and the instructions a sentence after them;
#  - the coding path (read to write) on the first 5,000 JSONL sentences with
#    and without enrichment.
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	[ -s "$work/giga-75.xml" ] || replica 75 "$work/giga-75.xml"
	n75=$("$dyad" sentences --format petrarch "$work/giga-75.xml" 2>/dev/null | wc -l)
	# shellcheck disable=SC2086
	if valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$dyad" code $tabdict \
		-j 1 --format petrarch "$work/giga-75.xml" >/dev/null 2>&1; then
		callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null | awk -v n="$n75" '
		function num(s) { gsub(",", "", s); return s + 0 }
		/PROGRAM TOTALS/ { total = num($1) }
		/dictopts.c:dictopts_load \[/ && !dl { dl = num($1) }
		/gazetteer.c:gaz_load \[/ && !gl { gl = num($1) }
		/engine.c:engine_new \[/ && !el { el = num($1) }
		END {
			fixed = dl + gl + el
			if (total > 0 && n > 0)
				printf "  instructions (callgrind, whole run, %d XML sentences, TABARI dicts): %.0fM in all = %.0fM set-up (dictionaries %.0fM, gazetteer %.0fM, engine %.0fM) + %.0f a sentence (reading to writing)\n",
					n, total / 1e6, fixed / 1e6, dl / 1e6, gl / 1e6, el / 1e6, (total - fixed) / n
		}'
	fi
fi
if [ -n "$noenrich" ] && command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	head -n 5000 "$jsonl" > "$work/g5k.jsonl"
	n5k=$("$dyad" sentences "$work/g5k.jsonl" 2>/dev/null | wc -l)
	path_instr() {
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$dyad" code $tabdict "$@" \
			-j 1 --format jsonl "$work/g5k.jsonl" >/dev/null 2>&1 || { echo 0; return; }
		callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null |
			awk '/cmd_code.c:code_slot \[/ { gsub(",", "", $1); print $1; exit }'
	}
	with=$(path_instr)
	without=$(path_instr $noenrich)
	echo "$with $without $n5k" | awk '$1 > 0 && $2 > 0 && $3 > 0 {
		printf "  instructions a sentence on the coding path (callgrind, %d JSONL sentences, TABARI dicts): %.0f with enrichment, %.0f without: enrichment costs %+.1f%%\n",
			$3, $1 / $3, $2 / $3, 100 * ($1 / $2 - 1) }'
fi
exit 0
