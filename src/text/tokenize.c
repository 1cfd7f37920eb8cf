/* SPDX-License-Identifier: MIT */
/* Tokenizer for one sentence of normalized text. Exports tok_sentence()
 * (token.h).
 *
 * One pass: each token is written whole (bounds, flags, norm, lemma) into a
 * per-thread scratch array as it is found, its strings into one string room
 * taken from the arena for the sentence, whose unused end goes back at the
 * end (arena_shrink_last()); then the tokens are copied to the arena. Single
 * ASCII characters and the fixed forms (masked words, possessives) use
 * static strings, and lemma shares norm's pointer when the word is its own
 * base form, so nothing is allocated per token. Words of three to eight
 * bytes find their lemma in a per-thread cache keyed by the word as one
 * 64-bit value.
 *
 * Decisions, for news English:
 * - Words: letters, combining marks and digits, with internal apostrophes
 *   ("O'Brien", "don't") and internal hyphens ("al-Qaeda", "COVID-19") kept in
 *   one token, as TABARI dictionaries list "AL-QAEDA" as one word.
 * - Possessives: "'s" / "’s" after a word is its own token, TOK_POSSESS, norm
 *   "'S" (so is the "'s" of "it's"); a bare apostrophe after a word ending in s
 *   ("ministers'") is TOK_POSSESS with norm "'", unless a single quotation mark
 *   opened earlier in the sentence, when it is that quotation's close.
 * - Abbreviations keep their dot (TOK_ABBREV): dotted acronyms of single letters
 *   ("U.S.", "D.C.", "e.g.") always, even before a hyphen ("U.S.-led" is
 *   "U.S.", "-", "led", so the actor is found); a capital initial ("J.") and the
 *   known abbreviations below ("Gen.", "Jan.", "Inc.") unless the dot ends the
 *   sentence, where it is a PUNCT token of its own.
 * - Numbers: digits with thousands groups ("50,000"), decimals ("11.8"),
 *   attached letters ("10bn", "1990s", "3rd") and hyphens ("10-year-old") are one
 *   TOK_NUMBER token. Currency signs are their own tokens: "$10bn" is "$" "10bn".
 * - Masked words: a run of two or more '*', "[redacted]" in any case (brackets
 *   included) and a whole word of three or more X's of one case ("XXX", "xxx")
 *   are one token flagged only TOK_MASKED. Their norm and lemma are
 *   TOK_MASKED_NORM ("\x01MASKED"): the normalizer drops control characters,
 *   so no dictionary word can ever equal it.
 * - Everything else that is not a space is a one-character TOK_PUNCT token.
 * - norm: upper case by Unicode simple case mapping (utf8proc), except that
 *   sharp s becomes "SS" as in ordinary writing; typographic
 *   quotes and dashes become ' " and -; accents stay. Bytes that are not UTF-8
 *   (the normalizer never leaves any, but the tokenizer must not trust that)
 *   are one-byte PUNCT tokens whose norm is U+FFFD.
 * - Lemma (lemma.c): lower-case words get the full rules; a capitalized first
 *   word and the words of an all-caps sentence only rules whose stem WordNet
 *   knows (they may be names); other capitalized words and acronyms keep their
 *   norm ("US", "Paris").
 * - Limits: TOK_MAX_PER_SENTENCE tokens; a word, number, acronym or asterisk
 *   run longer than TOK_BYTES_MAX bytes continues as a new token.
 * - Threads: the scratch arrays and the lemma caches are per thread; everything
 *   else is read-only, so threads may tokenize at once. */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "lemma.h"
#include "token.h"
#include "../util/bytes.h"

enum { TOK_BYTES_MAX = 1024 };

/* Scratch-only bits, above the public flags. */
enum {
	X_NONASCII = 1u << 24, /* token has bytes >= 0x80 */
	X_LOWER    = 1u << 25, /* token has a lower-case letter */
	X_UPPERS   = 1u << 26, /* token has an upper-case letter after its first */
	X_ALNUM    = 1u << 27  /* only ASCII letters and digits (the fast path's words) */
};
#define X_ALL (X_NONASCII | X_LOWER | X_UPPERS | X_ALNUM)

/* Tokens are built here and copied to the arena once their count is known:
 * an arena array sized for the worst case (a token a byte) could not be
 * given back, as the string room follows it. pend: words whose lemma waits
 * for the sentence's end (see lemma_decide()). */
static _Thread_local dy_token scratch[TOK_MAX_PER_SENTENCE];
static _Thread_local uint16_t pend[TOK_MAX_PER_SENTENCE];

/* C_IGNORE: invisible format characters (soft hyphen, zero-width joiners,
 * direction marks): inside a word they are part of it but left out of norm;
 * between words they separate nothing and are skipped. */
enum cclass { C_SPACE, C_LETTER, C_MARK, C_DIGIT, C_PUNCT, C_IGNORE };

/* One decoded character. Fields are full words: byte fields made the compiler
 * build the returned struct with partial stores, which stalled every call. */
typedef struct uch {
	int32_t  cp;    /* -1 for a byte that is not UTF-8 */
	uint32_t len;   /* bytes */
	int32_t  cls;   /* enum cclass */
	int32_t  upper; /* 1 upper/title case, -1 lower case, 0 neither */
} uch;

/* Per-thread cache of lemma results, direct-mapped: news repeats its words, and
 * a hit saves the hash lookups of the suffix rules (about half the time of
 * tokenizing). Entries are only ever read by the thread that wrote them. */
enum { LCACHE_SIZE = 2048, LCACHE_WORD = 29 };
typedef struct lcache_ent {
	uint32_t tag;          /* 0: unused; else lcache_tag(mode, key length) */
	uint8_t  llen;         /* 0: the word is its own lemma */
	char     key[32];      /* LCACHE_WORD bytes at most */
	char     lem[32];      /* copied out 32 bytes at once (no length-dependent call) */
} lcache_ent;
static _Thread_local lcache_ent lcache[LCACHE_SIZE];

static const char *const masked_norm = TOK_MASKED_NORM;

/* Two-byte strings "c\0" for every ASCII byte, upper-cased, for one-character
 * tokens. */
static const char ascii_str[128][2] = {
#define R(c) { (char)((c) >= 'a' && (c) <= 'z' ? (c) - 32 : (c)), 0 }
#define R8(c) R(c), R(c + 1), R(c + 2), R(c + 3), R(c + 4), R(c + 5), R(c + 6), R(c + 7)
	R8(0), R8(8), R8(16), R8(24), R8(32), R8(40), R8(48), R8(56),
	R8(64), R8(72), R8(80), R8(88), R8(96), R8(104), R8(112), R8(120)
#undef R8
#undef R
};

/* Class of each ASCII byte. Control characters (the normalizer drops them)
 * separate tokens like spaces, so no norm ever holds a NUL. */
static const uint8_t ascii_cls[128] = {
#define S C_SPACE
#define P C_PUNCT
#define D C_DIGIT
#define L C_LETTER
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
	P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
	P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, S,
#undef S
#undef P
#undef D
#undef L
};

/* Bits of ASCII letters and digits for scan_word()'s fastest path; 0 for
 * every other byte (so non-ASCII bytes end that path). */
enum { WB_CONT = 1, WB_LOWER = 2, WB_UPPER = 4 };
static const uint8_t word_bits[256] = {
	['0'] = WB_CONT, ['1'] = WB_CONT, ['2'] = WB_CONT, ['3'] = WB_CONT, ['4'] = WB_CONT,
	['5'] = WB_CONT, ['6'] = WB_CONT, ['7'] = WB_CONT, ['8'] = WB_CONT, ['9'] = WB_CONT,
#define U(c) [c] = WB_CONT | WB_UPPER, [c + 32] = WB_CONT | WB_LOWER
	U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'),
	U('K'), U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'),
	U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z')
#undef U
};

/* ASCII bytes that surely end a word (not a number) that starts with a
 * letter: everything but letters, digits, the apostrophe and hyphen that may
 * continue it and the '.' that may belong to it; 0 for bytes >= 0x80. (','
 * continues only numbers: "50,000".) */
static const uint8_t word_end[256] = {
#define E8(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, [c + 4] = 1, [c + 5] = 1, \
	[c + 6] = 1, [c + 7] = 1
	E8(0), E8(8), E8(16), E8(24),
	[' '] = 1, ['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1,
	['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['/'] = 1,
	[':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1,
	['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1,
	['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1, [127] = 1
#undef E8
};

static uch decode_slow(const unsigned char *p, const unsigned char *end)
{
	uch u = { -1, 1, C_PUNCT, 0 };
	utf8proc_int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate(p, end - p, &cp);
	if (l <= 0)
		return u;
	u.cp = cp;
	u.len = (uint32_t)l;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		u.cls = C_LETTER;
		u.upper = 1;
		break;
	case UTF8PROC_CATEGORY_LL:
		u.cls = C_LETTER;
		u.upper = -1;
		break;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		u.cls = C_LETTER;
		break;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		u.cls = C_MARK;
		break;
	case UTF8PROC_CATEGORY_ND:
		u.cls = C_DIGIT;
		break;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		u.cls = C_SPACE;
		break;
	case UTF8PROC_CATEGORY_CF:
		u.cls = cp == 0x200B ? C_SPACE : C_IGNORE; /* zero-width space */
		break;
	default:
		break;
	}
	return u;
}

static inline uch decode(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = *p;
	if (c >= 0x80)
		return decode_slow(p, end);
	uch u = { c, 1, ascii_cls[c], 0 };
	if (u.cls == C_LETTER)
		u.upper = c <= 'Z' ? 1 : -1;
	return u;
}

static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }
static int is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static int is_wordch(const uch *u)
{
	return u->cls == C_LETTER || u->cls == C_MARK || u->cls == C_DIGIT || u->cls == C_IGNORE;
}

/* The plain ASCII form of a typographic quote or dash, or 0. */
static char plain_form(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212:
		return '-';
	default:
		return 0;
	}
}

/* Abbreviations whose dot belongs to the word, sorted, case as written. */
static const char *const abbrevs[] = {
	"Adm", "Amb", "Apr", "Aug", "Ave", "Blvd", "Brig", "Bros", "Capt", "Cdr",
	"Cmdr", "Co", "Col", "Corp", "Cpl", "Dec", "Dept", "Det", "Dr", "Feb",
	"Fig", "Ft", "Gen", "Gov", "Hon", "Inc", "Insp", "Jan", "Jr", "Jul", "Jun",
	"Lt", "Ltd", "Maj", "Mar", "Messrs", "Mlle", "Mme", "Mr", "Mrs", "Ms", "Mt",
	"No", "Nov", "Oct", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sen", "Sep",
	"Sept", "Sgt", "Sr", "St", "Supt", "Vol", "al", "approx", "etc", "vs",
};

static int abbrev_known(const char *w, size_t n)
{
	/* every listed abbreviation has 2 to 6 letters: most words before a
	 * dot are answered here */
	if (n < 2 || n > 6)
		return 0;
	return bytes_in_sorted(abbrevs, sizeof abbrevs / sizeof abbrevs[0], w, n);
}

/* 1 when only spaces and closing quotes or brackets follow p before end. */
static int at_sentence_end(const unsigned char *p, const unsigned char *end)
{
	while (p < end) {
		uch u = decode(p, end);
		if (u.cls != C_SPACE && u.cp != '"' && u.cp != '\'' && u.cp != ')' &&
		    u.cp != ']' && u.cp != 0x2019 && u.cp != 0x201D && u.cp != 0xBB)
			return 0;
		p += u.len;
	}
	return 1;
}

/* Length of a dotted acronym ("U.S.", "e.g.") starting at p, or 0. */
static uint32_t scan_acronym(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;
	int pairs = 0;
	while (q < end && q - p < TOK_BYTES_MAX) {
		uch u = decode(q, end);
		if (u.cls != C_LETTER || q + u.len >= end || q[u.len] != '.')
			break;
		q += u.len + 1;
		pairs++;
	}
	if (pairs < 2)
		return 0;
	if (q < end) {
		uch u = decode(q, end);
		if (is_wordch(&u))
			return 0;
	}
	return (uint32_t)(q - p);
}

/* Scans a word or number starting at p (a letter or digit). Sets *flags to the
 * case and script bits; returns the length. */
static uint32_t scan_word(const unsigned char *p, const unsigned char *end, int number,
                          uint32_t *flags)
{
	const unsigned char *q = p;
	uint32_t f = 0;
	int first = 1;
	if (!number && *p < 0x80) {
		/* Fastest path, for words starting with an ASCII letter: one table
		 * load per byte, the case bits or-ed together. Every letter after
		 * the first counts for X_UPPERS. */
		const unsigned char *lim = end - p > TOK_BYTES_MAX ? p + TOK_BYTES_MAX : end;
		uint32_t bits = word_bits[*p];
		f = bits & WB_UPPER ? TOK_CAP : X_LOWER;
		bits = 0;
		for (q = p + 1; q < lim; q++) {
			uint32_t b = word_bits[*q];
			if (!b)
				break;
			bits |= b;
		}
		if (q == lim || (*q < 0x80 && *q != '\'' && *q != '-' && *q != '.' && *q != ',')) {
			if (bits & WB_LOWER)
				f |= X_LOWER;
			if (bits & WB_UPPER)
				f |= X_UPPERS;
			*flags = f;
			return (uint32_t)(q - p);
		}
		q = p;
		f = 0;
	}
	/* Fast path: ASCII letters and digits up to a byte that surely ends the
	 * word (an ASCII byte other than ' - . , which may continue it). Anything
	 * else is scanned again from the start by the general loop below. */
	while (q < end && q - p < TOK_BYTES_MAX) {
		unsigned char ch = *q;
		if (ch >= 0x80)
			break;
		if (ascii_cls[ch] == C_LETTER) {
			if (ch >= 'a')
				f |= X_LOWER;
			else if (!first)
				f |= X_UPPERS;
			else if (!number)
				f |= TOK_CAP;
			first = 0;
		} else if (ascii_cls[ch] != C_DIGIT) {
			break;
		}
		q++;
	}
	if (q == end || q - p >= TOK_BYTES_MAX ||
	    (*q < 0x80 && *q != '\'' && *q != '-' && *q != '.' && *q != ',')) {
		*flags = f;
		return (uint32_t)(q - p);
	}
	q = p;
	f = 0;
	first = 1;
	while (q < end && q - p < TOK_BYTES_MAX) {
		uch u = decode(q, end);
		if (is_wordch(&u)) {
			if (u.len > 1 || u.cp < 0)
				f |= X_NONASCII;
			if (u.upper < 0)
				f |= X_LOWER;
			else if (u.upper > 0 && !first)
				f |= X_UPPERS;
			if (u.cls == C_LETTER && first && u.upper > 0 && !number)
				f |= TOK_CAP;
			if (u.cls == C_LETTER)
				first = 0;
			q += u.len;
			continue;
		}
		const unsigned char *r = q + u.len;
		if (r >= end || q == p)
			break;
		uch v = decode(r, end);
		if (is_apos(u.cp) && v.cls == C_LETTER) {
			/* "'s" closing the word is a possessive, not part of it. */
			if (v.cp == 's' || v.cp == 'S') {
				const unsigned char *t = r + v.len;
				uch w2 = { 0, 0, C_SPACE, 0 };
				if (t < end)
					w2 = decode(t, end);
				if (t >= end || !is_wordch(&w2))
					break;
			}
		} else if (is_hyphen(u.cp) && is_wordch(&v)) {
			/* internal hyphen */
		} else if (number && v.cls == C_DIGIT && u.cp == '.') {
			/* decimal */
		} else if (number && u.cp == ',' && end - r >= 3 && r[0] >= '0' && r[0] <= '9' &&
		           r[1] >= '0' && r[1] <= '9' && r[2] >= '0' && r[2] <= '9' &&
		           (end - r == 3 || r[3] < '0' || r[3] > '9')) {
			/* thousands group */
		} else {
			break;
		}
		if (u.len > 1 || u.cp < 0)
			f |= X_NONASCII;
		q += u.len;
	}
	*flags = f;
	return (uint32_t)(q - p);
}

/* 1 when w[0..n) is three or more X's of one case. */
static int is_xxx(const unsigned char *w, uint32_t n)
{
	if (n < 3 || (w[0] != 'X' && w[0] != 'x'))
		return 0;
	for (uint32_t i = 1; i < n; i++)
		if (w[i] != w[0])
			return 0;
	return 1;
}

static int is_redacted(const unsigned char *p, const unsigned char *end)
{
	static const char pat[] = "[redacted]";
	if (end - p < 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		unsigned char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)pat[i])
			return 0;
	}
	return 1;
}

/* Writes the norm of text[off..off+len) at out; returns its length. */
static size_t norm_write(const unsigned char *p, uint32_t len, char *out)
{
	const unsigned char *end = p + len;
	char *o = out;
	while (p < end) {
		unsigned char c = *p;
		if (c < 0x80) {
			*o++ = ascii_str[c][0];
			p++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate(p, end - p, &cp);
		if (l <= 0) {
			cp = 0xFFFD;
			l = 1;
		}
		p += l;
		char plain = plain_form(cp);
		if (plain) {
			*o++ = plain;
			continue;
		}
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
			continue; /* soft hyphen and other invisible marks */
		if (cp == 0xDF || cp == 0x1E9E) {
			/* sharp s: the usual upper case "SS", not the rare capital */
			*o++ = 'S';
			*o++ = 'S';
			continue;
		}
		o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
	}
	*o = '\0';
	return (size_t)(o - out);
}

/* Upper-cases n ASCII bytes (all < 0x80) from p to out and ends them with a
 * NUL. Eight (or four) bytes at a time: a byte's high bit is set in lo when
 * it is 'a' or above and in hi when it is above 'z' (no byte carries into the
 * next, as every byte is < 0x80), so lo ^ hi marks the lower-case letters,
 * and their 0x20 bit is cleared. A last part shorter than a chunk is done as
 * a chunk ending at n, overlapping bytes already written (with the same
 * values). */
static inline uint64_t upper8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t lo = x + ones * (0x80 - 'a');
	uint64_t hi = x + ones * (0x80 - 'z' - 1);
	return x ^ (((lo ^ hi) & ones * 0x80) >> 2);
}

static inline uint32_t upper4(uint32_t x)
{
	const uint32_t ones = 0x01010101u;
	uint32_t lo = x + ones * (0x80 - 'a');
	uint32_t hi = x + ones * (0x80 - 'z' - 1);
	return x ^ (((lo ^ hi) & ones * 0x80) >> 2);
}

static void ascii_upper(const unsigned char *p, uint32_t n, char *out)
{
	if (n >= 8) {
		uint64_t x;
		for (uint32_t j = 0; j + 8 <= n; j += 8) {
			memcpy(&x, p + j, 8);
			x = upper8(x);
			memcpy(out + j, &x, 8);
		}
		if (n % 8) {
			memcpy(&x, p + n - 8, 8);
			x = upper8(x);
			memcpy(out + n - 8, &x, 8);
		}
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, p, 4);
		memcpy(&y, p + n - 4, 4);
		x = upper4(x);
		y = upper4(y);
		memcpy(out, &x, 4);
		memcpy(out + n - 4, &y, 4);
	} else {
		for (uint32_t j = 0; j < n; j++)
			out[j] = ascii_str[p[j] & 0x7f][0];
	}
	out[n] = '\0';
}

static inline uint32_t lcache_tag(int mode, size_t n)
{
	return 1u | (uint32_t)mode << 8 | (uint32_t)n << 16;
}

/* lemma_of_mode() through the cache; writes at most LEMMA_WORD_MAX + 10 bytes
 * (out has room for them). The hash reads the word in two overlapping loads
 * (no loop per byte); the key is compared in full. */
static size_t lemma_cached(const char *w, size_t n, char *out, int mode)
{
	if (n > LCACHE_WORD)
		return lemma_of_mode(w, n, out, LEMMA_WORD_MAX + 10, mode);
	uint64_t x, y;
	lemma_word_load(w, n, &x, &y);
	uint64_t h = (x ^ (y * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)n << 56 | (uint64_t)mode << 48)) *
	             0xFF51AFD7ED558CCDull;
	lcache_ent *e = &lcache[(h >> 40) & (LCACHE_SIZE - 1)];
	uint32_t tag = lcache_tag(mode, n);
	if (e->tag == tag && bytes_same(e->key, w, n)) {
		memcpy(out, e->lem, 32);
		out[e->llen] = '\0';
		return e->llen;
	}
	size_t m = lemma_of_mode(w, n, out, LEMMA_WORD_MAX + 10, mode);
	if (m <= LCACHE_WORD) {
		e->tag = tag;
		e->llen = (uint8_t)m;
		memcpy(e->key, w, n);
		memcpy(e->lem, out, m);
	}
	return m;
}


/* Whether token n - 1 is a word or number ending right at off; asked only
 * at quotes and apostrophes, not for every token. */
static inline int after_word(size_t n, uint32_t off)
{
	if (n == 0)
		return 0;
	const dy_token *prev = &scratch[n - 1];
	return prev->off + prev->len == off && (prev->flags & (TOK_WORD | TOK_NUMBER));
}

/* Bytes a token's strings may take: upper case takes at most 3 bytes per 2
 * (and U+FFFD 3 per bad byte) and a NUL; a lemma at most LEMMA_WORD_MAX + 9
 * bytes and a NUL. One-byte ASCII tokens use static strings. */
static inline size_t token_need(uint32_t len, uint32_t f)
{
	if (len <= 1 && !(f & X_NONASCII))
		return 0;
	return (f & X_NONASCII ? 3 * (size_t)len : len) + 1 +
	       (f & TOK_WORD ? LEMMA_WORD_MAX + 10 : 0);
}

/* The state of the one pass over a sentence: where strings go, and what the
 * lemma rules need to know about the tokens so far. */
typedef struct tok_st {
	dy_arena       *a;
	char           *room;       /* string room: the arena's latest allocation */
	char           *bp;         /* its next free byte */
	char           *bend;       /* its end */
	size_t          grow;       /* bytes a new room gets at least */
	size_t          first_word; /* index of the first word or number, or SIZE_MAX */
	size_t          npend;      /* entries in pend[] */
	uint32_t        any;        /* flags of all tokens so far or-ed */
	uint32_t        any_wide;   /* flags of the tokens of two or more bytes or-ed */
	const uint64_t *filter;     /* lemma_filter() */
} tok_st;

/* A new string room of at least need bytes; the filled part of the old one
 * stays, the rest goes back to the arena. Rare: the first room is sized for
 * the sentence's plain words. */
static void room_grow(tok_st *st, size_t need)
{
	arena_shrink_last(st->a, st->room, (size_t)(st->bp - st->room));
	size_t want = need > st->grow ? need : st->grow;
	st->room = st->bp = arena_alloc(st->a, want);
	st->bend = st->room + want;
}

static inline void room_need(tok_st *st, size_t need)
{
	if ((size_t)(st->bend - st->bp) < need)
		room_grow(st, need);
}

/* Gives word k its lemma in the given mode, unless the filter says it is its
 * own (lemma_surely_self(), inlined): no rule suffix, no hyphen, not a table
 * form. Most words stop at the filter, without a lookup. */
static void lemma_apply(tok_st *st, dy_token *k, uint32_t f, int mode)
{
	const char *w = k->norm;
	size_t wn = k->norm_len;
	char last = w[wn - 1];
	if (wn <= LEMMA_WORD_MAX && last != 'S' && last != 'D' && last != 'G' &&
	    ((f & X_ALNUM) || !memchr(w, '-', wn))) {
		uint32_t h = lemma_filter_hash(w, wn);
		if (!(st->filter[h >> 6] >> (h & 63) & 1))
			return;
	}
	room_need(st, LEMMA_WORD_MAX + 10);
	size_t m = lemma_cached(w, wn, st->bp, mode);
	if (m) {
		k->lemma = st->bp;
		k->lemma_len = (uint32_t)m;
		st->bp += m + 1;
	}
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TOK_WCACHE 1
#endif

#ifdef TOK_WCACHE
/* Per-thread cache of lemma_apply()'s answer for words of three to eight
 * bytes, keyed by the upper-case word as one 64-bit value (zero past its
 * end), which the fast path has in a register: one multiply and one compare
 * answer most words, where the filter and the lemma cache each hash loads of
 * the word. News repeats its short words ("SAID", "AND", "WAS"). */
enum { WCACHE_LOG = 11, WCACHE_LEM = 19 };
typedef struct wcache_ent {
	uint64_t key;             /* the word's bytes, zero past its end */
	uint32_t tag;             /* 0: unused; else lcache_tag(mode, length) */
	uint8_t  llen;            /* 0: the word is its own lemma */
	char     lem[WCACHE_LEM]; /* copied out whole (no length-dependent call) */
} wcache_ent;
static _Thread_local wcache_ent wcache[1 << WCACHE_LOG];

static void wcache_fill(tok_st *st, dy_token *k, uint32_t f, int mode, wcache_ent *e,
                        uint64_t key, uint32_t tag)
{
	lemma_apply(st, k, f, mode);
	size_t m = k->lemma == k->norm ? 0 : k->lemma_len;
	if (m < WCACHE_LEM) {
		e->key = key;
		e->tag = tag;
		e->llen = (uint8_t)m;
		memcpy(e->lem, k->lemma, m);
	}
}

/* lemma_apply() for a fast-path word of 3 to 8 bytes whose upper-case bytes
 * are key; the room has LEMMA_WORD_MAX + 10 bytes free. */
static inline void lemma_short(tok_st *st, dy_token *k, uint32_t f, int mode, uint64_t key,
                               uint32_t len)
{
	uint32_t tag = lcache_tag(mode, len);
	uint64_t h = (key ^ tag) * 0x9E3779B97F4A7C15ull;
	wcache_ent *e = &wcache[h >> (64 - WCACHE_LOG)];
	if (e->key != key || e->tag != tag) {
		wcache_fill(st, k, f, mode, e, key, tag);
		return;
	}
	if (e->llen) {
		char *bp = st->bp;
		memcpy(bp, e->lem, WCACHE_LEM);
		bp[e->llen] = '\0';
		k->lemma = bp;
		k->lemma_len = e->llen;
		st->bp = bp + e->llen + 1;
	}
}
#endif

/* Which lemma rules word i (flags f, st->any and st->first_word already
 * counting it) gets: lower-case words the full rules, a capitalized first
 * word the known ones. Other capitalized words get the known ones only if
 * the whole sentence has no lower-case letter, which only its end tells:
 * they wait in pend[] while none has been seen, and are dropped at the
 * first one. */
static inline void lemma_decide(tok_st *st, size_t i, dy_token *k, uint32_t f)
{
	if (!(f & TOK_WORD) || (f & TOK_ABBREV) || k->norm_len < 3)
		return;
	if (!(f & (TOK_CAP | X_UPPERS)))
		lemma_apply(st, k, f, LEMMA_FULL);
	else if (i == st->first_word && (f & TOK_CAP) && !(f & X_UPPERS))
		lemma_apply(st, k, f, LEMMA_KNOWN);
	else if (!(st->any & X_LOWER))
		pend[st->npend++] = (uint16_t)i;
}

/* Completes token i at src (its off already set) from its length and flags
 * (with the X_ bits): norm, lemma and the sentence summary. The general
 * path's; the fast paths in scan() do the same for their tokens inline. */
static void tok_finish(tok_st *st, size_t i, const unsigned char *src, uint32_t f, uint32_t len)
{
	dy_token *k = &scratch[i];
	k->len = len;
	k->flags = f & ~X_ALL;
	st->any |= f;
	if (len > 1)
		st->any_wide |= f;
	if (st->first_word == SIZE_MAX && (f & (TOK_WORD | TOK_NUMBER)))
		st->first_word = i;
	room_need(st, token_need(len, f));
	if (f & TOK_MASKED) {
		k->norm = masked_norm;
		k->norm_len = (uint32_t)strlen(masked_norm);
	} else if (f & TOK_POSSESS) {
		int s_too = len > 1 && (src[len - 1] == 's' || src[len - 1] == 'S');
		k->norm = s_too ? "'S" : "'";
		k->norm_len = s_too ? 2 : 1;
	} else if (len == 1 && src[0] < 0x80) {
		k->norm = ascii_str[src[0]];
		k->norm_len = 1;
	} else if (!(f & X_NONASCII)) {
		ascii_upper(src, len, st->bp);
		k->norm = st->bp;
		k->norm_len = len;
		st->bp += len + 1;
	} else {
		size_t m = norm_write(src, len, st->bp);
		k->norm = st->bp;
		k->norm_len = (uint32_t)m;
		st->bp += m + 1;
	}
	k->lemma = k->norm;
	k->lemma_len = k->norm_len;
	lemma_decide(st, i, k, f);
}

/* The one pass: boundaries, flags, norms and lemmas into scratch. Returns the
 * count. */
static size_t scan(tok_st *st, const char *text, dy_span s)
{
	dy_token *const sc = scratch;
	/* a sentence shorter than a token's cap needs no cap per word */
	const int capped = s.len > TOK_BYTES_MAX;
	const unsigned char *base = (const unsigned char *)text;
	const unsigned char *p = base + s.off, *end = p + s.len;
	size_t n = 0;
	int open_single = 0; /* a single quotation mark is open */
	while (p < end && n < TOK_MAX_PER_SENTENCE) {
		/* Fast paths for the common ASCII cases, each giving exactly what
		 * the general code below would: most tokens are plain words and
		 * one-byte punctuation between single spaces, and skipping the
		 * decoding and the chain of special cases for them is most of
		 * the tokenizer's time. */
		unsigned char c = *p;
		if (c < 0x80) {
			unsigned cls = ascii_cls[c];
			if (cls == C_SPACE) {
				p++;
				continue;
			}
			if (cls == C_LETTER) {
				/* a word that a byte surely ends (as scan_word()'s
				 * fastest path), not followed by '.', not XXX */
				const unsigned char *lim = !capped || end - p <= TOK_BYTES_MAX ?
				                           end : p + TOK_BYTES_MAX;
				const unsigned char *q = p + 1;
				uint32_t bits = 0, b;
				while (q < lim && (b = word_bits[*q]) != 0) {
					bits |= b;
					q++;
				}
				/* a '.' after the word is its own token unless the word
				 * is an initial or a known abbreviation (or the start of a
				 * dotted acronym): those go the general way */
				if ((q == end || (q < lim && (word_end[*q] ||
				                  (*q == '.' && q - p > 1 &&
				                   !abbrev_known((const char *)p, (size_t)(q - p)))))) &&
				    !((c | 0x20) == 'x' && is_xxx(p, (uint32_t)(q - p)))) {
					uint32_t f = TOK_WORD | X_ALNUM | (c <= 'Z' ? TOK_CAP : X_LOWER);
					if (bits & WB_LOWER)
						f |= X_LOWER;
					if (bits & WB_UPPER)
						f |= X_UPPERS;
					if ((f & (TOK_CAP | X_LOWER | X_UPPERS)) == (TOK_CAP | X_UPPERS))
						f |= TOK_UPPER;
					uint32_t len = (uint32_t)(q - p);
					dy_token *k = &sc[n];
					k->off = (uint32_t)(p - base);
					k->len = len;
					k->flags = f & ~X_ALL;
					st->any |= f;
					if (st->first_word == SIZE_MAX)
						st->first_word = n;
					if (len > 1) {
						st->any_wide |= f;
						room_need(st, len + 1 + LEMMA_WORD_MAX + 10);
						char *bp = st->bp;
						if (len <= 8 && p + 8 <= end) {
							/* upper-cased in one word (a byte past
							 * the word only carries into bytes past
							 * it, and the room has space for them) */
							uint64_t x;
							memcpy(&x, p, 8);
							x = upper8(x & 0x7F7F7F7F7F7F7F7Full);
							memcpy(bp, &x, 8);
							bp[len] = '\0';
							k->norm = k->lemma = bp;
							k->norm_len = k->lemma_len = len;
							st->bp = bp + len + 1;
#ifdef TOK_WCACHE
							if (len >= 3) {
								/* lemma_decide(), with the word cache */
								if (len < 8)
									x &= ((uint64_t)1 << (8 * len)) - 1;
								int mode = -1;
								if (!(f & (TOK_CAP | X_UPPERS)))
									mode = LEMMA_FULL;
								else if (n == st->first_word && !(f & X_UPPERS))
									mode = LEMMA_KNOWN;
								else if (!(st->any & X_LOWER))
									pend[st->npend++] = (uint16_t)n;
								if (mode >= 0)
									lemma_short(st, k, f, mode, x, len);
							}
#else
							if (len >= 3)
								lemma_decide(st, n, k, f);
#endif
							n++;
							p = q + (q < end && *q == ' ');
							continue;
						} else {
							ascii_upper(p, len, bp);
						}
						k->norm = k->lemma = bp;
						k->norm_len = k->lemma_len = len;
						st->bp = bp + len + 1;
						if (len >= 3)
							lemma_decide(st, n, k, f);
					} else {
						k->norm = k->lemma = ascii_str[c];
						k->norm_len = k->lemma_len = 1;
					}
					n++;
					/* the single space after a word, skipped here */
					p = q + (q < end && *q == ' ');
					continue;
				}
			} else if (cls == C_PUNCT && c != '\'' && c != '*' && c != '[') {
				dy_token *k = &sc[n++];
				k->off = (uint32_t)(p - base);
				k->len = 1;
				k->flags = TOK_PUNCT;
				k->norm = k->lemma = ascii_str[c];
				k->norm_len = k->lemma_len = 1;
				st->any |= TOK_PUNCT;
				p++;
				continue;
			}
		}
		uch u = decode(p, end);
		if (u.cls == C_SPACE || u.cls == C_IGNORE) {
			p += u.len;
			continue;
		}
		const uint32_t off = (uint32_t)(p - base);
		uint32_t tf = 0, len = 0;


		if (u.cp == '*' && p + 1 < end && p[1] == '*') {
			len = 2;
			while (p + len < end && p[len] == '*' && len < TOK_BYTES_MAX)
				len++;
			tf = TOK_MASKED;
		} else if (u.cp == '[' && is_redacted(p, end)) {
			len = 10;
			tf = TOK_MASKED;
		} else if (u.cls == C_LETTER && p + u.len < end && p[u.len] == '.' &&
		           (len = scan_acronym(p, end)) != 0) {
			tf = TOK_WORD | TOK_ABBREV | (u.upper > 0 ? TOK_CAP : 0);
			for (uint32_t i = 0; i < len; i++) {
				if (p[i] >= 0x80)
					tf |= X_NONASCII;
				else if (p[i] >= 'a' && p[i] <= 'z')
					tf |= X_LOWER;
			}
			if (!(tf & X_LOWER))
				tf |= TOK_UPPER;
		} else if (u.cls == C_LETTER || u.cls == C_DIGIT) {
			int number = u.cls == C_DIGIT;
			uint32_t f;
			len = scan_word(p, end, number, &f);
			tf = f | (number ? TOK_NUMBER : TOK_WORD);
			if (!number && is_xxx(p, len)) {
				tf = TOK_MASKED;
			} else if (!number) {
				if ((f & TOK_CAP) && !(f & X_LOWER) && (f & X_UPPERS))
					tf |= TOK_UPPER;
				const unsigned char *d = p + len;
				if (d < end && *d == '.' && !(f & X_NONASCII) &&
				    !at_sentence_end(d + 1, end)) {
					int initial = len == 1 && (f & TOK_CAP);
					int known = abbrev_known((const char *)p, len);
					if (known && len == 2 && p[0] == 'N' && p[1] == 'o') {
						/* "No." only as in "No. 10" */
						const unsigned char *e = d + 1;
						while (e < end && *e == ' ')
							e++;
						known = e < end && *e >= '0' && *e <= '9';
					}
					if (initial || known) {
						len++;
						tf |= TOK_ABBREV;
					}
				}
			}
		} else if (is_apos(u.cp) && after_word(n, off)) {
			const dy_token *prev = &scratch[n - 1];
			const unsigned char *r = p + u.len;
			uch v = { 0, 0, C_SPACE, 0 }, w2 = { 0, 0, C_SPACE, 0 };
			if (r < end)
				v = decode(r, end);
			if (r < end && r + v.len < end)
				w2 = decode(r + v.len, end);
			const unsigned char *last = base + prev->off + prev->len - 1;
			len = u.len;
			if ((v.cp == 's' || v.cp == 'S') && !is_wordch(&w2)) {
				len += v.len;
				tf = TOK_POSSESS;
			} else if ((*last == 's' || *last == 'S') && !is_wordch(&v) && !open_single) {
				tf = TOK_POSSESS;
			} else {
				tf = TOK_PUNCT | (u.len > 1 ? X_NONASCII : 0);
				open_single = 0;
			}
		} else {
			len = u.len;
			tf = TOK_PUNCT | (u.cp < 0 || u.len > 1 ? X_NONASCII : 0);
			if (u.cp == 0x2018 || (u.cp == '\'' && !after_word(n, off))) {
				const unsigned char *r = p + u.len;
				if (r < end) {
					uch v = decode(r, end);
					if (v.cls == C_LETTER)
						open_single = 1;
				}
			} else if (u.cp == 0x2019 || u.cp == '\'') {
				open_single = 0;
			}
		}
		sc[n].off = off;
		tok_finish(st, n, p, tf, len);
		p += len;
		n++;
	}
	return n;
}

size_t tok_sentence(dy_arena *a, const char *text, dy_span s, dy_token **out)
{
	/* One string room for the sentence, sized for its plain words and one
	 * token's worst case; what is left goes back to the arena at the end. */
	size_t room = 2 * (size_t)s.len + 2 * (LEMMA_WORD_MAX + 10) + 64;
	tok_st st = { a, NULL, NULL, NULL, room, SIZE_MAX, 0, 0, 0, lemma_filter() };
	st.room = st.bp = arena_alloc(a, room);
	st.bend = st.room + room;
	size_t n = scan(&st, text, s);
	/* Capitalized words wait for their lemma until the sentence is known to
	 * be all in capitals (lemma_decide()). */
	if (st.npend && !(st.any & X_LOWER) && (st.any_wide & TOK_WORD))
		for (size_t j = 0; j < st.npend; j++) {
			dy_token *k = &scratch[pend[j]];
			lemma_apply(&st, k, k->flags, LEMMA_KNOWN);
		}
	arena_shrink_last(a, st.room, (size_t)(st.bp - st.room));
	dy_token *toks = arena_alloc(a, (n ? n : 1) * sizeof *toks);
	if (n)
		memcpy(toks, scratch, n * sizeof *toks);
	*out = toks;
	return n;
}
