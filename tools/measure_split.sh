#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures dyad's sentence splitter on the two sample corpora in /work/shared:
#  1. gigaword-sample.PETR.xml: every <Sentence> record is one sentence, so a
#     record split into more than one sentence is a wrong split. Reports how many
#     and shows each one.
#  2. guardian-sample.csv (columns "",date,text,source): the number of sentences
#     and how many end in a known abbreviation (abbrev_is_known()), a sign of a
#     wrong split, with examples.
#  3. the Gigaword records joined into one document: how many sentences the
#     splitter finds against the number of records (misses and extra splits).
# Documents are named by their position in the file (from 0), and by their id
# too when ./dyad is used.
#
# usage: tools/measure_split.sh [SHARED_DIR]   (default: ../shared, then /work/shared)
# Run `make` first: ./dyad is used as it stands.
#
# Sentences come from `./dyad sentences --format petrarch|csv` when that works.
# Until the readers and the normalizer are in, a stand-in is used: python3
# extracts the texts (whitespace folded as the normalizer folds it) and a small
# C driver, built here from src/text/{split,abbrev,dateline}.c and src/util,
# runs dateline_find() and split_sentences() as text_prepare() does. A dev
# tool: python3 is needed; the test suite does not run it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${1:-}
if [ -z "$shared" ]; then
	if [ -d "$top/../shared/corpora" ]; then shared="$top/../shared"; else shared=/work/shared; fi
fi
giga="$shared/corpora/gigaword-sample.PETR.xml"
guard="$shared/corpora/guardian-sample.csv"
for f in "$giga" "$guard"; do
	[ -r "$f" ] || { echo "measure_split: cannot read $f" >&2; exit 1; }
done
command -v python3 >/dev/null || { echo "measure_split: python3 is needed" >&2; exit 1; }

tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM

# Sentences of FILE in FORMAT as JSON lines {"doc_id", "text"} on stdout.
use_dyad=0
if [ -x "$top/dyad" ] && "$top/dyad" sentences --format petrarch "$giga" >"$tmp/probe" 2>/dev/null &&
   [ -s "$tmp/probe" ]; then
	use_dyad=1
fi

[ "$use_dyad" -eq 1 ] || echo "(./dyad sentences is not usable yet: using the stand-in driver)"
# The driver is built in any case: measure 3 needs it.
	cat >"$tmp/driver.c" <<'EOF'
/* Reads NUL-separated documents on stdin; for each sentence writes
 * "DOC<TAB>SENTENCE<TAB>LAST-WORD-IS-ABBREV" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text/split.h"
#include "util/arena.h"
static void doc(dy_arena *a, long id, const char *t, size_t n)
{
	dy_dateline dl;
	size_t body = dateline_find(t, n, &dl) ? dl.body : 0;
	dy_span *s;
	size_t k = split_sentences(a, t + body, n - body, &s);
	for (size_t i = 0; i < k; i++)
		printf("%ld\t%.*s\n", id, (int)s[i].len, t + body + s[i].off);
}
int main(void)
{
	size_t cap = 1 << 20, n = 0;
	char *b = malloc(cap);
	long id = 0;
	int c;
	dy_arena a;
	arena_init(&a);
	while ((c = getchar()) != EOF) {
		if (c == 0) {
			doc(&a, id++, b, n);
			arena_reset(&a);
			n = 0;
			continue;
		}
		if (n + 1 >= cap)
			b = realloc(b, cap *= 2);
		b[n++] = (char)c;
	}
	if (n)
		doc(&a, id, b, n);
	arena_free(&a);
	free(b);
	return 0;
}
EOF
	cc -std=c11 -D_GNU_SOURCE -O2 -I"$top/src" -o "$tmp/driver" "$tmp/driver.c" \
		"$top/src/text/split.c" "$top/src/text/abbrev.c" "$top/src/text/dateline.c" \
		"$top"/src/util/*.c $(pkg-config --cflags --libs libutf8proc jansson) -lm

# Writes DOC<TAB>SENTENCE lines for FORMAT FILE.
sentences() {
	if [ "$use_dyad" -eq 1 ] && [ "$1" != joined ]; then
		"$top/dyad" sentences --format "$1" "$2" | python3 -c '
import json, sys
# A record starts at sentence 0: doc ids need not be unique (the Gigaword
# sample repeats one).
doc = -1
for line in sys.stdin:
    r = json.loads(line)
    if r["sentence"] == 0:
        doc += 1
    print("%d (id %s)\t%s" % (doc, r["doc_id"], r["text"].replace("\t", " ").replace("\n", " ")))'
	else
		python3 - "$1" "$2" <<'EOF' | "$tmp/driver"
import csv, re, sys
fmt, path = sys.argv[1], sys.argv[2]
def fold(t):
    # as the normalizer does: paragraph breaks kept, other whitespace one space
    paras = re.split(r"\n\s*\n", t)
    return "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in paras)
if fmt == "petrarch":
    xml = open(path, encoding="utf-8").read()
    texts = re.findall(r"<Text>(.*?)</Text>", xml, re.S)
elif fmt == "joined":
    # all Gigaword records as one document: the splitter should find them all
    xml = open(path, encoding="utf-8").read()
    # (a record without an end mark is followed by a paragraph break, as no
    # splitter could find its end otherwise)
    doc = ""
    for t in re.findall(r"<Text>(.*?)</Text>", xml, re.S):
        t = fold(t)
        if t:
            doc += t + (" " if re.search(r"[.?!][\"')\u201d\u2019]*$", t) else "\n\n")
    texts = [doc]
else:
    csv.field_size_limit(1 << 30)
    texts = [r["text"] for r in csv.DictReader(open(path, encoding="utf-8", newline=""))]
out = sys.stdout.buffer
for t in texts:
    out.write(fold(t).encode("utf-8") + b"\0")
EOF
	fi
}

sentences petrarch "$giga" >"$tmp/giga.tsv"
sentences csv "$guard" >"$tmp/guard.tsv"
sentences joined "$giga" >"$tmp/joined.tsv"

# The last word of a sentence, without its final dot, is checked with
# abbrev_is_known() through a second small driver so that the measure uses
# exactly the splitter's list.
cat >"$tmp/known.c" <<'EOF'
/* Reads words, one a line; writes 1 or 0 for each: abbrev_is_known(). */
#include <stdio.h>
#include <string.h>
#include "text/split.h"
int main(void)
{
	char line[256];
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strcspn(line, "\n");
		printf("%d\n", abbrev_is_known(line, n));
	}
	return 0;
}
EOF
cc -std=c11 -O2 -I"$top/src" -o "$tmp/known" "$tmp/known.c" "$top/src/text/abbrev.c"

python3 - "$tmp" <<'EOF'
import collections, subprocess, sys
tmp = sys.argv[1]
def load(name):
    rows = []
    for line in open("%s/%s" % (tmp, name), encoding="utf-8"):
        doc, _, text = line.rstrip("\n").partition("\t")
        rows.append((doc, text))
    return rows

giga = load("giga.tsv")
per = collections.OrderedDict()
for doc, text in giga:
    per.setdefault(doc, []).append(text)
wrong = [(d, s) for d, s in per.items() if len(s) > 1]
print("gigaword-sample.PETR.xml: %d records with text, %d sentences, %d records split into more than one (wrong splits)"
      % (len(per), len(giga), len(wrong)))
for d, s in wrong:
    print("  record %s:" % d)
    for x in s:
        print("    | %s" % x)

guard = load("guard.tsv")
ends = []
for doc, text in guard:
    w = text.split(" ")[-1] if text else ""
    # strip closing marks after the final dot: 'U.S.")' -> 'U.S.'
    w = w.rstrip("\"')]}\u201d\u2019\u00bb")
    ends.append(w[:-1] if w.endswith(".") and not w.endswith("..") else "")
for i, w in enumerate(ends):
    while w and w[0] in "\"'([{\u201c\u2018\u00ab":
        w = w[1:]
    ends[i] = w[:200]
res = subprocess.run([tmp + "/known"], input="\n".join(ends) + "\n", capture_output=True,
                     text=True, check=True).stdout.split()
bad = [(guard[i], guard[i + 1][1] if i + 1 < len(guard) and guard[i + 1][0] == guard[i][0] else "")
       for i, r in enumerate(res) if r == "1" and ends[i]]
docs = len(set(d for d, _ in guard))
print("guardian-sample.csv: %d documents, %d sentences, %d end in a known abbreviation"
      % (docs, len(guard), len(bad)))
for (d, s), nxt in bad[:40]:
    print("  doc %s: ...%s || %s..." % (d, s[-70:], nxt[:50]))

joined = load("joined.tsv")
print("gigaword records joined into one document: %d records with text, %d sentences found"
      % (len(per), len(joined)))
import difflib
want = [x for v in per.values() for x in v]
got = [t for _, t in joined]
for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
    if op != "equal":
        for x in want[a1:a2]:
            print("  want | %s" % x[:150])
        for x in got[b1:b2]:
            print("  got  | %s" % x[:150])
EOF
