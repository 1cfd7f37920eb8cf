/* SPDX-License-Identifier: MIT */
/* Mojibake repair (see mojibake.h). Three code pages are tried per sequence, in
 * order of how often they cause damage in news feeds: Windows-1252, Windows-1250,
 * ISO-8859-1. A repair must give a well-formed UTF-8 sequence and a character
 * from a script news text uses; a "weak" repair, one that legitimate text could
 * also show (a capital followed by a closing quote: "CAFÉ”"), is made only when
 * the same run has a strong one or the caller has seen mojibake elsewhere in
 * the document (a mis-decoded document is mis-decoded throughout). Up to DY_MOJIBAKE_ROUNDS rounds undo double
 * encoding ("ÃƒÂ©" -> "Ã©" -> "é"). */
#include <utf8proc.h>

#include "mojibake.h"

enum page { PAGE_1252, PAGE_1250, PAGE_LATIN1, N_PAGES };

/* Windows-1252 bytes 0x80-0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Windows-1250 bytes 0x80-0xFF; 0 marks undefined bytes. */
static const uint16_t cp1250_hi[128] = {
	0x20AC, 0,      0x201A, 0,      0x201E, 0x2026, 0x2020, 0x2021,
	0,      0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0,      0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
	0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
	0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
	0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
	0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
	0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
	0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
	0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
	0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
	0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
	0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
};

uint32_t mojibake_c1(uint32_t c)
{
	if (c < 0x80 || c > 0x9F)
		return 0;
	return cp1252_c1[c - 0x80];
}

/* The byte that code page `pg` gives code point c, or -1. A decoder that meets
 * an undefined byte often passes it through as the C1 control of the same
 * value, so those C1 controls map back to their byte. */
static int page_byte(uint32_t c, enum page pg)
{
	if (c < 0x80 || c > 0x2122)
		return -1;
	switch (pg) {
	case PAGE_LATIN1:
		return c <= 0xFF ? (int)c : -1;
	case PAGE_1252:
		if (c >= 0xA0 && c <= 0xFF)
			return (int)c;
		if (c <= 0x9F)
			return cp1252_c1[c - 0x80] ? -1 : (int)c;
		for (int i = 0; i < 32; i++)
			if (cp1252_c1[i] == c)
				return 0x80 + i;
		return -1;
	case PAGE_1250:
		if (c <= 0x9F)
			return cp1250_hi[c - 0x80] ? -1 : (int)c;
		for (int i = 0; i < 128; i++)
			if (cp1250_hi[i] == c)
				return 0x80 + i;
		return -1;
	default:
		return -1;
	}
}

int mojibake_may_start(uint32_t c)
{
	/* UTF-8 lead bytes 0xC2-0xF4 are U+00C2-U+00F4 in cp1252 and Latin-1, and
	 * letters between U+00C2 and U+0171 in cp1250. */
	return c >= 0xC2 && c <= 0x171;
}

static int is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU;
}

static int is_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LL;
}

/* Marks that legitimately follow a word, so that "capital + mark" is as likely
 * real text ("CAFÉ”", "À « ") as mojibake. */
static int is_closing_mark(uint32_t c)
{
	switch (c) {
	case 0x2019: case 0x201D: case 0x201C: case 0x00BB: case 0x00AB:
	case 0x2026: case 0x2013: case 0x2014: case 0x2122: case 0x00AE:
	case 0x00A9: case 0x2022: case 0x203A: case 0x2039: case 0x00A0:
		return 1;
	default:
		return 0;
	}
}

/* Is `c`, decoded from an n-byte sequence, a character worth repairing to?
 * Two-byte sequences reach U+0080-U+07FF, where IPA, combining marks and rare
 * scripts would mostly be accidents; longer ones must be assigned, not private
 * and not controls. */
static int plausible(uint32_t c, int n)
{
	if (n == 2 && !((c >= 0xA0 && c <= 0x24F) || (c >= 0x370 && c <= 0x6FF)))
		return 0;
	if (n == 2 && c >= 0x500 && c <= 0x58F) /* Armenian, Cyrillic supplement */
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CC:
		return 0;
	default:
		return 1;
	}
}

/* Byte a cp1252 decoder may have dropped after a lead, when the run shows the
 * sequence one byte short: "â€" is the right quote U+201D (E2 80 9D) with its
 * undefined last byte lost. For two-byte leads the choice is the commonest
 * letter among the five undefined bytes; those repairs are weak. */
static int lost_byte(const uint8_t *b, int got, int need, int *weak)
{
	if (need == 2 && got == 1 && b[0] == 0xE2 && b[1] == 0x80) {
		*weak = 0;
		return 0x9D;
	}
	if (need == 1 && got == 0) {
		*weak = 1;
		switch (b[0]) {
		case 0xC5: return 0x81; /* Ł */
		case 0xC4: return 0x8D; /* č */
		case 0xCE: return 0x9D; /* Ν */
		case 0xCF: return 0x81; /* ρ */
		case 0xD1: return 0x81; /* с */
		default: return -1;
		}
	}
	return -1;
}

typedef struct cand {
	size_t   len;  /* run elements consumed */
	uint32_t cp;   /* repaired character */
	int      weak; /* legitimate text could look like this */
} cand;

/* Decodes b[0..n) (lead byte checked by the caller, continuations 80-BF). */
static uint32_t utf8_value(const uint8_t *b, int n)
{
	if (n == 2)
		return ((uint32_t)(b[0] & 0x1F) << 6) | (b[1] & 0x3F);
	if (n == 3)
		return ((uint32_t)(b[0] & 0x0F) << 12) | ((uint32_t)(b[1] & 0x3F) << 6) |
		       (b[2] & 0x3F);
	return ((uint32_t)(b[0] & 0x07) << 18) | ((uint32_t)(b[1] & 0x3F) << 12) |
	       ((uint32_t)(b[2] & 0x3F) << 6) | (b[3] & 0x3F);
}

/* The second byte's range depends on the lead: this keeps out overlong forms,
 * surrogates and values above U+10FFFF. */
static int second_ok(uint8_t lead, uint8_t b)
{
	switch (lead) {
	case 0xE0: return b >= 0xA0;
	case 0xED: return b <= 0x9F;
	case 0xF0: return b >= 0x90;
	case 0xF4: return b <= 0x8F;
	default: return 1;
	}
}

static int try_page(const uint32_t *r, size_t k, size_t i, uint32_t prev, enum page pg,
		    cand *out)
{
	uint32_t lead = r[i] & DY_CP_MASK;
	int b0 = page_byte(lead, pg);
	if (b0 < 0xC2 || b0 > 0xF4)
		return 0;
	uint8_t b[4] = { (uint8_t)b0, 0, 0, 0 };
	int need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
	int got = 0;
	while (got < need && i + 1 + (size_t)got < k) {
		int x = page_byte(r[i + 1 + (size_t)got] & DY_CP_MASK, pg);
		if (x < 0x80 || x > 0xBF || (got == 0 && !second_ok(b[0], (uint8_t)x)))
			break;
		b[1 + got] = (uint8_t)x;
		got++;
	}
	if (got == need) {
		uint32_t c = utf8_value(b, need + 1);
		if (!plausible(c, need + 1))
			return 0;
		int weak = 0;
		if (need == 1 && lead != 0xC3 && lead != 0xC2 && lead != 0x102 && is_upper(lead)) {
			uint32_t x = r[i + 1] & DY_CP_MASK;
			if ((is_upper(x) || is_closing_mark(x)) && !is_lower(prev))
				weak = 1;
		}
		out->len = (size_t)need + 1;
		out->cp = c;
		out->weak = weak;
		return 1;
	}
	if (pg != PAGE_1252)
		return 0;
	int weak = 0;
	int fill = lost_byte(b, got, need, &weak);
	if (fill < 0)
		return 0;
	b[1 + got] = (uint8_t)fill;
	uint32_t c = utf8_value(b, need + 1);
	if (!plausible(c, need + 1))
		return 0;
	size_t len = (size_t)got + 1;
	/* A decoder that replaced the undefined byte left U+FFFD in its place. */
	if (i + len < k && (r[i + len] & DY_CP_MASK) == 0xFFFD)
		len++;
	out->len = len;
	out->cp = c;
	out->weak = weak;
	return 1;
}

/* Could c be a continuation byte (0x80-0xBF) in one of the code pages? */
static int may_continue(uint32_t c)
{
	return (c >= 0x80 && c <= 0xBF) || (c >= 0x104 && c <= 0x2DD) ||
	       (c >= 0x2013 && c <= 0x2122);
}

static int try_at(const uint32_t *r, size_t k, size_t i, uint32_t prev, cand *out)
{
	uint32_t c = r[i] & DY_CP_MASK;
	if (!mojibake_may_start(c))
		return 0;
	if (i + 1 >= k || !may_continue(r[i + 1] & DY_CP_MASK)) {
		/* Only a lost-byte repair after a two-byte lead is left (see
		 * lost_byte(); in cp1252 these leads are their own code points). */
		if (c != 0xC4 && c != 0xC5 && c != 0xCE && c != 0xCF && c != 0xD1)
			return 0;
		return try_page(r, k, i, prev, PAGE_1252, out);
	}
	for (int pg = 0; pg < N_PAGES; pg++)
		if (try_page(r, k, i, prev, (enum page)pg, out))
			return 1;
	return 0;
}

/* Scans a run for candidates: bit 1 when one is strong, bit 2 when one is weak. */
static int run_scan(const uint32_t *r, size_t k, uint32_t prev)
{
	cand c;
	int found = 0;
	for (size_t i = 0; i < k;) {
		uint32_t before = i ? r[i - 1] & DY_CP_MASK : prev;
		if (try_at(r, k, i, before, &c)) {
			found |= c.weak ? 2 : 1;
			i += c.len;
		} else {
			i++;
		}
	}
	return found;
}

int mojibake_strong(const uint32_t *r, size_t k, uint32_t prev)
{
	return run_scan(r, k, prev) & 1;
}

/* One round. Returns 1 when something changed; *weak_left is set when weak
 * candidates were left for want of evidence. */
static int repair_round(uint32_t *r, size_t *k_io, uint32_t prev, int evidence, int *weak_left)
{
	size_t k = *k_io;
	cand c;
	int found = run_scan(r, k, prev);
	/* Weak repairs ride on a strong one in the same run or on evidence from
	 * elsewhere in the document, or are not made. */
	if (!(found & 1) && !evidence) {
		if (found & 2)
			*weak_left = 1;
		return 0;
	}
	if (!found)
		return 0;
	/* Writing behind the reader is safe: a repair never lengthens the run, so
	 * w <= i throughout, and r[i - 1] is overwritten only while w == i, that
	 * is with its own value or with the repair that ends there. */
	size_t w = 0;
	int changed = 0;
	for (size_t i = 0; i < k;) {
		uint32_t before = i ? r[i - 1] & DY_CP_MASK : prev;
		if (try_at(r, k, i, before, &c)) {
			r[w++] = c.cp | DY_CP_MOJI;
			i += c.len;
			changed = 1;
		} else {
			r[w++] = r[i];
			i++;
		}
	}
	*k_io = w;
	return changed;
}

size_t mojibake_repair(uint32_t *r, size_t k, uint32_t prev, int evidence, int *status)
{
	int weak_left = 0, changed = 0;
	for (int round = 0; round < DY_MOJIBAKE_ROUNDS; round++) {
		if (!repair_round(r, &k, prev, evidence, &weak_left))
			break;
		changed = 1;
	}
	*status = (changed ? DY_MOJI_REPAIRED : 0) | (weak_left ? DY_MOJI_WEAK_LEFT : 0);
	return k;
}
