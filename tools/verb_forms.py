#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Add the verb forms the dictionary matcher cannot make by itself (dev-time tool).

dyad reads a verb written as WORD_ as exact, plus the regular endings S 'S ED ES EN ING
glued on literally (TABARI manual 5.2.3).  That misses spelling changes: ACCUSE_ gives
ACCUSES but not ACCUSED or ACCUSING; DENY_ misses DENIED/DENIES; BAN_ misses BANNED.
This tool rewrites data/dict/verbs/*.verbs in place so that every verb root ends with
'_' and its {...} line lists those forms (irregular forms written by hand are kept).

Usage: python3 tools/verb_forms.py [FILE.verbs ...]   (default: all of data/dict/verbs)
It also reports roots defined twice across the files.  The build never runs it.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Verbs whose final consonant doubles before -ED/-ING.
DOUBLE = set("""BAN STOP PLAN ADMIT COMMIT PERMIT SLAM NAB STAB KIDNAP CONFER PATROL EXPEL
COMPEL SHUT CUT HIT SET PUT QUIT REBUT DROP SHIP STEP TRAVEL CANCEL CONTROL REFER OCCUR
SUBMIT TRANSMIT REGRET RUN WIN BEG GRAB TAP OVERRUN RIP LOB JAB ZAP BAR SPUR""".split())
VOWELS = set("AEIOU")


def extra_forms(base):
    """Forms of BASE that literal -S/-ED/-ES/-EN/-ING endings do not produce."""
    w = base
    out = []
    if w in DOUBLE:
        out += [w + w[-1] + "ED", w + w[-1] + "ING"]
    elif w.endswith("EE"):
        out += [w + "D"]
    elif w.endswith("E"):
        out += [w + "D", w[:-1] + "ING"]
    elif w.endswith("Y") and len(w) > 1 and w[-2] not in VOWELS:
        out += [w[:-1] + "IED", w[:-1] + "IES"]
    return out


def fix(path, roots):
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s or s[0] in "#-{/~<&+" or "[" not in s:
            out.append(line)
            i += 1
            continue
        m = re.match(r"^(\S+)(\s+\[.*)$", s)
        if not m:
            out.append(line)
            i += 1
            continue
        word, rest = m.group(1), m.group(2)
        if not word.endswith("_"):
            word += "_"
        base = word.rstrip("_")
        if base in roots:
            print("%s: verb %s also in %s" % (os.path.basename(path), base, roots[base]))
        roots[base] = os.path.basename(path)
        out.append(word + rest)
        forms = []
        if i + 1 < len(lines) and lines[i + 1].startswith("{"):
            forms = lines[i + 1].strip("{} \t").split()
            i += 1
        if "_" not in base:
            for f in extra_forms(base):
                forms.append(f + "_")
        seen = set()
        uniq = []
        for f in forms:
            f = f if f.endswith("_") else f + "_"
            if f != word and f not in seen:
                seen.add(f)
                uniq.append(f)
        if uniq:
            out.append("{" + " ".join(uniq) + "}")
        i += 1
    open(path, "w", encoding="utf-8").write("\n".join(out))


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "..", "data", "dict", "verbs", "*.verbs")))
    roots = {}
    for p in files:
        fix(p, roots)


if __name__ == "__main__":
    main()
