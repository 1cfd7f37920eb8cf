#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates dyad's CAMEO codebook and CAMEO-to-PLOVER tables.

Writes src/enrich/codebook_table.inc and src/enrich/plover_table.inc, which are
committed: the build never runs this script, because the reference files it
reads (../shared/codebook) are not on users' machines. Run it by hand after a
change of source:

    python3 tools/gen_codebook.py [--shared ../shared] [--out src/enrich]

Inputs (facts taken: codes, names, Goldstein values, PLOVER event/mode/context):
  codebook/cameo-codes.csv        code, name, Goldstein value (Mac Roman, NA = empty)
  codebook/CAMEO.Manual.1.1b3.tex the CAMEO 1.1b3 code list, for codes the CSV lacks
  codebook/CAMEO2PLOVER-2021.txt  the 2021 CAMEO to PLOVER mapping

Rules (docs/codebook.md explains them):
  - quad class from the root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4;
  - a code listed in the manual or in the PLOVER mapping but absent from the
    CSV is added with the Goldstein value of its nearest ancestor in the CSV and
    marked CODE_ADDED;
  - the PLOVER mapping keeps the first row of a code listed twice (08, 175).
"""

import argparse
import csv
import io
import os
import re
import sys


def fail(msg):
	sys.stderr.write("gen_codebook: %s\n" % msg)
	sys.exit(1)


def quad_of_root(root):
	r = int(root)
	if 1 <= r <= 5:
		return 1
	if 6 <= r <= 8:
		return 2
	if 9 <= r <= 13:
		return 3
	if 14 <= r <= 20:
		return 4
	fail("root %s is outside 01-20" % root)


def valid_code(code):
	return re.fullmatch(r"[0-9]{2,4}", code) is not None and 1 <= int(code[:2]) <= 20


def tidy_name(name):
	name = " ".join(name.split())
	name = re.sub(r",\s*not specified below$", "", name)
	name = name.replace('"', "'")
	if not name:
		return name
	if any(ord(c) > 126 or ord(c) < 32 for c in name):
		fail("non-ASCII character in name %r" % name)
	# The CSV spells a few names in lower case ("find guilty ..."); roots stay
	# in capitals, as CAMEO prints them.
	return name[0].upper() + name[1:]


def read_csv(path):
	with open(path, "rb") as f:
		text = f.read().decode("mac_roman")
	rows = list(csv.reader(io.StringIO(text)))
	head = rows[0]
	try:
		ci, ni, gi = head.index("code"), head.index("name"), head.index("goldstein")
	except ValueError:
		fail("%s: missing code/name/goldstein columns" % path)
	out = {}
	for ln, r in enumerate(rows[1:], start=2):
		code, name, gold = r[ci].strip(), r[ni], r[gi].strip()
		if not valid_code(code):
			fail("%s:%d: bad code %r" % (path, ln, code))
		if gold == "NA" or gold == "":
			fail("%s:%d: code %s has no Goldstein value" % (path, ln, code))
		if code in out:
			fail("%s:%d: code %s listed twice" % (path, ln, code))
		out[code] = (tidy_name(name), float(gold))
	return out


def read_manual(path):
	with open(path, "rb") as f:
		text = f.read().decode("latin-1")
	start = text.find("CAMEO EVENT CODES")
	if start < 0:
		fail("%s: no event code chapter" % path)
	out = {}
	for line in text[start:].splitlines():
		if line.startswith("\\include"):
			break
		m = re.match(r"^(?:\\indent\s*)?(?:\\textbf\{)?([0-9]{2,4}):\s*(.*?)\}?(?:\\\\)+\s*$", line)
		if m:
			out[m.group(1)] = tidy_name(m.group(2))
	return out


def read_plover(path):
	with open(path, encoding="utf-8") as f:
		lines = f.read().splitlines()
	rows = {}
	order = []
	for ln, line in enumerate(lines, start=1):
		if not line.strip() or line.startswith("#") or line.startswith("~"):
			continue
		m = re.match(r"^([0-9]{2,4}):\s*(.*)$", line)
		if not m:
			fail("%s:%d: unreadable line" % (path, ln))
		code, rest = m.group(1), m.group(2)
		comment = ""
		if "#" in rest:
			rest, comment = rest.split("#", 1)
		fields = [" ".join(x.split()) for x in rest.split(",")]
		while len(fields) < 3:
			fields.append("")
		if len(fields) > 3:
			fail("%s:%d: more than three fields" % (path, ln))
		event, mode, context = fields
		if not re.fullmatch(r"[A-Z]+", event):
			fail("%s:%d: bad event %r" % (path, ln, event))
		context = "; ".join(x.strip() for x in context.split(";") if x.strip())
		if code in rows:
			if rows[code][:3] != (event, mode, context):
				sys.stderr.write("gen_codebook: %s:%d: %s listed again as %s; first row kept\n"
				                 % (path, ln, code, event))
			continue
		name = comment.strip()
		name = re.sub(r"\s+\d\d\.\d\d\.\d\d:.*$", "", name)  # an editor's dated note
		rows[code] = (event, mode, context, name)
		order.append(code)
	return rows


def c_str(s):
	return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fmt_gold(g):
	s = "%.1f" % g
	if float(s) != g:
		s = repr(g)
	return s


# Direct index: every possible code of roots 01-20 has a slot, 111 per root
# (the root, ten 3-digit codes, a hundred 4-digit codes); the slot holds the
# row number plus one, 0 when no row. codebook.c computes the same slot.
SLOTS_PER_ROOT = 111


def slot_of(code):
	r = int(code[:2])
	if len(code) == 2:
		return r * SLOTS_PER_ROOT
	if len(code) == 3:
		return r * SLOTS_PER_ROOT + 1 + int(code[2])
	return r * SLOTS_PER_ROOT + 11 + int(code[2:])


def slot_table(name, codes):
	slots = [0] * (21 * SLOTS_PER_ROOT)
	for i, code in enumerate(codes):
		slots[slot_of(code)] = i + 1
	out = ["/* Row number + 1 by slot (see slot_of in tools/gen_codebook.py); 0: none. */",
	       "static const unsigned short %s[%d] = {" % (name, len(slots))]
	for k in range(0, len(slots), SLOTS_PER_ROOT):
		chunk = slots[k:k + SLOTS_PER_ROOT]
		for j in range(0, len(chunk), 24):
			out.append("\t" + ",".join(str(x) for x in chunk[j:j + 24]) + ",")
	out.append("};")
	return out


def main():
	here = os.path.dirname(os.path.abspath(__file__))
	ap = argparse.ArgumentParser()
	ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
	ap.add_argument("--out", default=os.path.join(here, "..", "src", "enrich"))
	a = ap.parse_args()
	cb = os.path.join(a.shared, "codebook")
	csv_codes = read_csv(os.path.join(cb, "cameo-codes.csv"))
	manual = read_manual(os.path.join(cb, "CAMEO.Manual.1.1b3.tex"))
	plover = read_plover(os.path.join(cb, "CAMEO2PLOVER-2021.txt"))

	table = {}
	for code, (name, gold) in csv_codes.items():
		table[code] = (name, gold, "CODE_FROM_CSV")
	added = []
	extra = {c: n for c, n in manual.items() if c not in csv_codes}
	for c, row in plover.items():
		if c not in csv_codes and c not in extra:
			extra[c] = tidy_name(row[3])
	for code in sorted(extra):
		if not valid_code(code) or len(code) == 2:
			fail("cannot add code %s" % code)
		anc = code[:-1]
		while anc not in csv_codes and len(anc) > 2:
			anc = anc[:-1]
		if anc not in csv_codes:
			fail("code %s has no ancestor in the CSV" % code)
		table[code] = (extra[code], csv_codes[anc][1], "CODE_ADDED")
		added.append((code, anc))
	for code in table:
		if code[:2] not in table:
			fail("code %s has no root row" % code)

	codes = sorted(table)  # byte order: the order of iteration
	out = []
	out.append("/* SPDX-License-Identifier: MIT */")
	out.append("/* Generated by tools/gen_codebook.py; do not edit. The CAMEO codebook:")
	out.append(" * code, name, root, quad class, Goldstein value, origin. Names and Goldstein")
	out.append(" * values from cameo-codes.csv; CODE_ADDED rows are codes of the CAMEO 1.1b3")
	out.append(" * manual or the 2021 PLOVER mapping that the CSV lacks, valued as their")
	out.append(" * nearest listed ancestor. Sorted by code (strcmp order). */")
	out.append("static const dy_code_info codebook_rows[] = {")
	for code in codes:
		name, gold, origin = table[code]
		out.append("\t{%s, %s, %s, %d, %s, %s}," % (c_str(code), c_str(name), c_str(code[:2]),
		           quad_of_root(code[:2]), fmt_gold(gold), origin))
	out.append("};")
	out.extend(slot_table("codebook_slot", codes))
	with open(os.path.join(a.out, "codebook_table.inc"), "w") as f:
		f.write("\n".join(out) + "\n")

	out = []
	out.append("/* SPDX-License-Identifier: MIT */")
	out.append("/* Generated by tools/gen_codebook.py; do not edit. CAMEO code -> PLOVER")
	out.append(" * event, mode, context, from the 2021 CAMEO-to-PLOVER mapping (PLOVER")
	out.append(" * manual draft 0.8). Empty string = field empty in the mapping. Sorted by")
	out.append(" * code (strcmp order). */")
	out.append("static const dy_plover plover_rows[] = {")
	for code in sorted(plover):
		ev, mode, ctx, _ = plover[code]
		if code not in table:
			fail("PLOVER row for unknown code %s" % code)
		out.append("\t{%s, %s, %s, %s}," % (c_str(code), c_str(ev), c_str(mode), c_str(ctx)))
	out.append("};")
	out.extend(slot_table("plover_slot", sorted(plover)))
	with open(os.path.join(a.out, "plover_table.inc"), "w") as f:
		f.write("\n".join(out) + "\n")
	sys.stderr.write("gen_codebook: %d codes (%d added: %s), %d PLOVER rows\n" % (
		len(codes), len(added), " ".join("%s<-%s" % x for x in added), len(plover)))


if __name__ == "__main__":
	main()
