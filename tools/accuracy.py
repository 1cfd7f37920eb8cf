#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make accuracy`: how well dyad codes the development sets beside the project.

  tools/accuracy.py [--shared DIR] [--dyad PATH] [--show N] [-- DYAD CODE OPTIONS...]

Sets (read from ../shared, never copied into the project):
  codebook  the example sentence of each CAMEO code in codebook/cameo-codes.csv:
            share whose events include the gold code's root, and the gold code;
  plover    devsets/PLOVER_GSR_CAMEO.txt: share whose events include a gold
            source country and a gold target country (first three letters of
            the actor code; IGO and NGO codes count as such).
Options after `--` go to `dyad code` (for instance --dict FILE); with none,
dyad's own dictionaries are used. --show N prints N misses of each kind.
"""
import csv, io, json, os, re, subprocess, sys

def load_codebook(shared):
    raw = open(os.path.join(shared, "codebook/cameo-codes.csv"), "rb").read()
    rows = csv.DictReader(io.StringIO(raw.decode("mac_roman")))
    out = []
    for r in rows:
        ex, code = r["example"], r["code"]
        if ex in ("", "NA") or code in ("", "NA"):
            continue
        out.append({"id": "cb-" + code, "text": ex.strip(), "code": code})
    return out

def load_plover(shared):
    s = open(os.path.join(shared, "devsets/PLOVER_GSR_CAMEO.txt"), encoding="utf-8").read()
    s = re.sub(r",\s*([\]}])", r"\1", s)   # the file has trailing commas
    out = []
    for r in json.loads(s):
        if "text" not in r:
            continue
        def codes(v):
            if not v:
                return []
            if isinstance(v, str):
                return [v[:3]] if v else []
            return [a["code"][:3] for a in v if a.get("code")]
        out.append({"id": r["id"], "text": r["text"], "src": codes(r.get("source")),
                    "tgt": codes(r.get("target"))})
    return out

def run_dyad(dyad, opts, docs):
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    p = subprocess.run([dyad, "code"] + opts, input=inp.encode(), capture_output=True)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode(errors="replace"))
        sys.exit("accuracy: dyad code failed with status %d" % p.returncode)
    events = {}
    for line in p.stdout.decode().splitlines():
        e = json.loads(line)
        events.setdefault(e["doc_id"], []).append(e)
    return events

# CAMEO's older country codes in the development set, mapped to the ISO ones.
OLD_CODES = {"JAP": "JPN"}

def actor_country(code):
    c = (code or "")[:3]
    return OLD_CODES.get(c, c)

def main():
    args = sys.argv[1:]
    opts = []
    if "--" in args:
        i = args.index("--")
        args, opts = args[:i], args[i + 1:]
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = os.path.join(top, "..", "shared")
    dyad = os.path.join(top, "dyad")
    show = 0
    while args:
        a = args.pop(0)
        if a == "--shared": shared = args.pop(0)
        elif a == "--dyad": dyad = args.pop(0)
        elif a == "--show": show = int(args.pop(0))
        else: sys.exit(__doc__)
    if not os.path.isdir(shared):
        print("accuracy: skipped: %s is absent" % shared)
        return 0

    cb = load_codebook(shared)
    ev = run_dyad(dyad, opts, cb)
    root_ok = code_ok = 0
    misses = []
    for d in cb:
        got = [e["code"] for e in ev.get(d["id"], [])]
        r = any(g[:2] == d["code"][:2] for g in got)
        root_ok += r
        code_ok += d["code"] in got
        if not r:
            misses.append((d["code"], got, d["text"]))
    n = len(cb)
    print("codebook examples: %d sentences" % n)
    print("  root right  %5.1f%%  (%d)   bar 75%%" % (100.0 * root_ok / n, root_ok))
    print("  code right  %5.1f%%  (%d)   bar 50%%" % (100.0 * code_ok / n, code_ok))
    for m in misses[:show]:
        print("    miss root %s: got %s: %s" % (m[0], ",".join(m[1]) or "-", m[2][:140]))

    pl = load_plover(shared)
    ev = run_dyad(dyad, opts, pl)
    src_ok = tgt_ok = n_tgt = 0
    smiss = []
    for d in pl:
        es = ev.get(d["id"], [])
        srcs = {actor_country(e["source"]) for e in es}
        tgts = {actor_country(e["target"]) for e in es}
        gs = {OLD_CODES.get(c, c) for c in d["src"]}
        gt = {OLD_CODES.get(c, c) for c in d["tgt"]}
        s = bool(gs & srcs)
        src_ok += s
        if not s:
            smiss.append((sorted(gs), sorted(srcs), d["text"]))
        if gt:
            n_tgt += 1
            tgt_ok += bool(gt & tgts)
    n = len(pl)
    print("PLOVER GSR set: %d sentences (%d with a gold target)" % (n, n_tgt))
    print("  source right %5.1f%%  (%d)   bar 75%%" % (100.0 * src_ok / n, src_ok))
    print("  target right %5.1f%%  (%d)   bar 65%%" % (100.0 * tgt_ok / max(n_tgt, 1), tgt_ok))
    for m in smiss[:show]:
        print("    miss source %s: got %s: %s" % (",".join(m[0]), ",".join(m[1]) or "-", m[2][:140]))
    return 0

if __name__ == "__main__":
    sys.exit(main())
