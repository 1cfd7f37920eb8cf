/* SPDX-License-Identifier: MIT */
/* A strict one-pass scanner for plain PETRARCH files, the fast path of the
 * PETRARCH reader. Exports rd_petr_scan() and rd_petr_value() (read_int.h).
 *
 * Model: libxml2 builds a whole tree of a file only for dyad to read three
 * attributes and one text per <Sentence>, and most of a file's bytes are parse
 * trees nobody reads. This scanner checks the whole file and notes, per
 * <Sentence>, where its attributes and first <Text> are, so that the reader
 * can copy them out later. It accepts only what it can read exactly as libxml2
 * would, and the reader falls back to libxml2 for anything else, so the
 * documents (and line numbers, and messages) are the same either way:
 *   - well-formed, valid UTF-8 with only characters XML allows, and line ends
 *     "\n" or "\r\n";
 *   - an optional UTF-8 byte-order mark and XML declaration (UTF-8 or no
 *     encoding named), comments, elements with attributes, character data
 *     with the five predefined entities and character references;
 *   - inside a <Sentence> only <Text> and <Parse> elements holding character
 *     data (no <EventCoding>: validation suites go the libxml2 way);
 *   - no DOCTYPE, CDATA section or processing instruction, no namespace
 *     prefixes, names in ASCII, nesting at most RD_SCAN_DEPTH deep. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define RD_SCAN_AVX2 1
#endif

#include "read_int.h"
#include "../util/bytes.h"
#include "../util/xalloc.h"

enum { RD_SCAN_DEPTH = 200, RD_SCAN_ATTRS = 64, RD_SCAN_TEXT = 8 << 20 };

/* Byte classes: C_WS blank, C_NS may start a name, C_NC may go on in one. */
enum { C_WS = 1, C_NS = 2, C_NC = 4 };
static const unsigned char ccls[256] = {
	['\t'] = C_WS, ['\n'] = C_WS, ['\r'] = C_WS, [' '] = C_WS,
	['-'] = C_NC, ['.'] = C_NC,
	['0'] = C_NC, ['1'] = C_NC, ['2'] = C_NC, ['3'] = C_NC, ['4'] = C_NC,
	['5'] = C_NC, ['6'] = C_NC, ['7'] = C_NC, ['8'] = C_NC, ['9'] = C_NC,
	['_'] = C_NS | C_NC,
#define L(c) [c] = C_NS | C_NC, [c + 32] = C_NS | C_NC
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'),
	L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'),
	L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z')
#undef L
};

static int is_ws(char c)
{
	return ccls[(unsigned char)c] & C_WS;
}

/* The one character at s[*pi] that is not plain printable ASCII: UTF-8 of a
 * character XML allows, or tab, newline, or '\r' before '\n' (s[0..n) is the
 * whole file, for that look-ahead). Moves *pi past it; 0 when libxml2 would
 * object. */
static int char_ok_at(const unsigned char *s, size_t n, size_t *pi)
{
	size_t i = *pi;
	unsigned c = s[i];
	if (c < 0x80) {
		if (c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i + 1 < n && s[i + 1] == '\n'))
			return 0;
		*pi = i + 1;
		return 1;
	}
	uint32_t cp;
	size_t k;
	if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1F; k = 1; }
	else if (c >= 0xE0 && c <= 0xEF) { cp = c & 0x0F; k = 2; }
	else if (c >= 0xF0 && c <= 0xF4) { cp = c & 0x07; k = 3; }
	else return 0;
	if (i + k >= n)
		return 0;
	for (size_t j = 1; j <= k; j++) {
		if ((s[i + j] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i + j] & 0x3F);
	}
	if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	*pi = i + k + 1;
	return 1;
}

/* Length of the reference at p[0] == '&' (through ';'), its character in *cp
 * (0 for the named ones, whose byte goes to *named); 0 when not a reference
 * libxml2 reads without a message. */
static size_t ref_len(const char *p, size_t n, uint32_t *cp, char *named)
{
	static const struct { const char *s; size_t n; char c; } ents[] = {
		{ "&lt;", 4, '<' }, { "&gt;", 4, '>' }, { "&amp;", 5, '&' },
		{ "&quot;", 6, '"' }, { "&apos;", 6, '\'' }
	};
	*cp = 0;
	*named = 0;
	for (size_t e = 0; e < sizeof ents / sizeof *ents; e++)
		if (n >= ents[e].n && !memcmp(p, ents[e].s, ents[e].n)) {
			*named = ents[e].c;
			return ents[e].n;
		}
	if (n < 4 || p[1] != '#')
		return 0;
	size_t i = 2;
	int hex = p[2] == 'x';
	if (hex)
		i++;
	uint32_t v = 0;
	size_t digits = 0;
	for (; i < n && digits < 8; i++, digits++) {
		char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
		else if (hex && c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
		else if (hex && c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
		else break;
		v = v * (hex ? 16u : 10u) + d;
	}
	if (!digits || i >= n || p[i] != ';')
		return 0;
	if (!(v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
	      (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)))
		return 0;
	*cp = v;
	return i + 1;
}

/* One '&' or ']' of character data at s[*i]: checked and passed over;
 * 0 when libxml2 would object. */
static int chardata_special(const char *s, size_t n, size_t *i)
{
	if (s[*i] == ']') {
		if (n - *i >= 3 && s[*i + 1] == ']' && s[*i + 2] == '>')
			return 0;
		(*i)++;
		return 1;
	}
	uint32_t cp;
	char named;
	size_t k = ref_len(s + *i, n - *i, &cp, &named);
	if (!k)
		return 0;
	*i += k;
	return 1;
}

/* Bytes that end a plain run inside an attribute value: the quotes, '<',
 * '&', ']', controls and bytes >= 0x80 (whose characters are checked). */
static const unsigned char vstop[256] = {
#define V8(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, [c + 4] = 1, [c + 5] = 1, \
	[c + 6] = 1, [c + 7] = 1
	V8(0), V8(8), V8(16), V8(24),
	['"'] = 1, ['\''] = 1, ['<'] = 1, ['&'] = 1, [']'] = 1,
	V8(128), V8(136), V8(144), V8(152), V8(160), V8(168), V8(176), V8(184),
	V8(192), V8(200), V8(208), V8(216), V8(224), V8(232), V8(240), V8(248)
#undef V8
};

typedef struct scan {
	const char *s;
	size_t      n, i;
	long        line;   /* line of the bytes being read: every newline
	                     * is counted where the scan passes it */
	int         cooked; /* character data since the last reset had a
	                     * reference or a '\r' */
} scan;

/* Every byte of sc->s[from .. to) (a comment, the XML declaration) is UTF-8
 * of a character XML allows, '\r' only before '\n'; counts its newlines into
 * sc->line. Tags and character data are checked as they are scanned. */
static int markup_ok(scan *sc, size_t from, size_t to)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t i = from;
	while (i < to) {
		if (s[i] >= 0x20 && s[i] < 0x80) {
			i++;
			continue;
		}
		sc->line += s[i] == '\n';
		if (!char_ok_at(s, sc->n, &i))
			return 0;
	}
	return 1;
}

/* Character data from sc->i to the next '<' (or the end), in one pass: its
 * characters checked as char_ok_at() does, its references and "]]>" as
 * attribute values are, and its newlines counted;
 * sc->i ends at that '<'. 0 when libxml2 would object. Most of a PETRARCH
 * file is the character data of <Parse> trees, so this loop is the reader's
 * cost: sixteen bytes a round while they are printable ASCII, tab or
 * newline and none of '<' '&' ']'. */
#ifdef __SSE2__
/* Lanes of v that character data may hold with no second look: printable
 * ASCII other than '<' '&' ']', tab and newline (isnl: v's newlines). */
static inline __m128i chardata_plain(__m128i v, __m128i isnl)
{
	/* signed compare: 0x20..0x7F are > 0x1F, controls and bytes >= 0x80
	 * are not */
	__m128i plain = _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F));
	__m128i special = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))),
		_mm_cmpeq_epi8(v, _mm_set1_epi8(']')));
	return _mm_or_si128(_mm_andnot_si128(special, plain),
	                    _mm_or_si128(isnl, _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
}
#endif

#ifdef RD_SCAN_AVX2
/* The same test thirty-two bytes a round, for processors with AVX2 (chosen
 * at run time; the build assumes only SSE2): skips s[*pi..] while plain and
 * adds its newlines to *lines; stops at the first byte to look at, or when
 * fewer than 32 bytes are left. Most of a PETRARCH file is <Parse> trees, so
 * this loop is most of the reader's time. */
__attribute__((target("avx2,popcnt")))
static void chardata_skip_avx2(const char *s, size_t n, size_t *pi, long *lines)
{
	size_t i = *pi;
	long nls = 0;
	const __m256i lt = _mm256_set1_epi8('<'), amp = _mm256_set1_epi8('&');
	const __m256i br = _mm256_set1_epi8(']'), nl = _mm256_set1_epi8('\n');
	const __m256i tab = _mm256_set1_epi8('\t'), sp1 = _mm256_set1_epi8(0x1F);
	while (i + 32 <= n) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		__m256i isnl = _mm256_cmpeq_epi8(v, nl);
		/* signed: bytes 0x20..0x7F are > 0x1F; controls and >= 0x80 not */
		__m256i plain = _mm256_cmpgt_epi8(v, sp1);
		__m256i special = _mm256_or_si256(
			_mm256_or_si256(_mm256_cmpeq_epi8(v, lt), _mm256_cmpeq_epi8(v, amp)),
			_mm256_cmpeq_epi8(v, br));
		__m256i good = _mm256_or_si256(_mm256_andnot_si256(special, plain),
		                               _mm256_or_si256(isnl, _mm256_cmpeq_epi8(v, tab)));
		uint32_t stop = ~(uint32_t)_mm256_movemask_epi8(good);
		uint32_t nm = (uint32_t)_mm256_movemask_epi8(isnl);
		if (stop) {
			unsigned k = (unsigned)__builtin_ctz(stop);
			nls += __builtin_popcount(nm & ((1u << k) - 1));
			i += k;
			break;
		}
		nls += __builtin_popcount(nm);
		i += 32;
	}
	*pi = i;
	*lines += nls;
}

static int have_avx2(void)
{
	static int known = -1;
	if (known < 0) {
		__builtin_cpu_init();
		known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
	}
	return known;
}
#endif

/* At the byte a block scan of character data stopped on (s[*i]): 1 when it
 * is the '<' that starts markup (not passed), 0 when it was checked and passed
 * (a reference, a ']' or one character), -1 when it may not stand there. */
static int chardata_stop(scan *sc, size_t *i)
{
	const char *s = sc->s;
	char c = s[*i];
	if (c == '<')
		return 1;
	sc->cooked |= c == '&' || c == '\r';
	if (c == '&' || c == ']')
		return chardata_special(s, sc->n, i) ? 0 : -1;
	return char_ok_at((const unsigned char *)s, sc->n, i) ? 0 : -1;
}

static int chardata_to_tag(scan *sc, int avx2)
{
	const char *s = sc->s;
	size_t n = sc->n, i = sc->i;
	long lines = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	while (i + 16 <= n) {
#ifdef RD_SCAN_AVX2
		if (avx2) {
			chardata_skip_avx2(s, n, &i, &lines);
			if (i + 32 <= n) {
				/* stopped at a byte to look at: the '<' mostly */
				int st = chardata_stop(sc, &i);
				if (st > 0)
					goto out;
				if (st < 0)
					return 0;
				continue;
			}
			if (i + 16 > n)
				break;
		}
#endif
		/* Thirty-two bytes a round while all are plain; per-byte newline
		 * counters (two a round, at most 127 rounds) summed after. */
		__m128i acc = zero;
		int r = 0;
		for (; r < 127 && i + 32 <= n; r++) {
			__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
			__m128i n0 = _mm_cmpeq_epi8(v0, nl), n1 = _mm_cmpeq_epi8(v1, nl);
			__m128i g = _mm_and_si128(chardata_plain(v0, n0), chardata_plain(v1, n1));
			if (_mm_movemask_epi8(g) != 0xFFFF)
				break;
			acc = _mm_sub_epi8(_mm_sub_epi8(acc, n0), n1);
			i += 32;
		}
		__m128i sum = _mm_sad_epu8(acc, zero);
		lines += (long)_mm_cvtsi128_si32(sum) + (long)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
		if (r == 127)
			continue;
		if (i + 16 > n)
			break;
		/* a byte to look at within 32, or fewer than 32 left: sixteen */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i isnl = _mm_cmpeq_epi8(v, nl);
		unsigned m = (unsigned)_mm_movemask_epi8(chardata_plain(v, isnl)) ^ 0xFFFFu;
		unsigned nm = (unsigned)_mm_movemask_epi8(isnl);
		if (m)
			nm &= ((unsigned)1 << __builtin_ctz(m)) - 1;   /* before the stop */
		for (; nm; nm &= nm - 1)
			lines++;
		if (!m) {
			i += 16;
			continue;
		}
		i += (size_t)__builtin_ctz(m);
		int st = chardata_stop(sc, &i);
		if (st > 0)
			goto out;
		if (st < 0)
			return 0;
	}
#endif
	while (i < n) {
		char c = s[i];
		if (c == '<')
			break;
		sc->cooked |= c == '&' || c == '\r';
		if (c == '&' || c == ']') {
			if (!chardata_special(s, n, &i))
				return 0;
			continue;
		}
		lines += c == '\n';
		if (!char_ok_at((const unsigned char *)s, n, &i))
			return 0;
	}
#ifdef __SSE2__
out:
#endif
	sc->line += lines;
	sc->i = i;
	return 1;
}

/* ASCII case-insensitive equality of the name s[0..n) with a letters-only
 * lower-case literal of 4, 5 or 8 bytes: lengths first, then whole words
 * with the case bit set (letters only, so that bit is all case does). */
static inline int name_is(const char *s, size_t n, const char *lit, size_t ln)
{
	if (n != ln)
		return 0;
	if (ln == 8) {
		uint64_t x, y;
		memcpy(&x, s, 8);
		memcpy(&y, lit, 8);
		return (x | 0x2020202020202020ull) == y;
	}
	uint32_t x, y;
	memcpy(&x, s, 4);
	memcpy(&y, lit, 4);
	return (x | 0x20202020u) == y && (ln == 4 || (s[4] | 0x20) == lit[4]);
}

static inline size_t name_end(const scan *sc, size_t i)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	const size_t n = sc->n;
	if (i >= n || !(ccls[s[i]] & C_NS))
		return i;
	while (++i < n && (ccls[s[i]] & C_NC))
		;
	return i;
}

/* Passes blanks in a tag, counting newlines; stops at a '\r' not before
 * '\n' (which no caller then takes, so the tag fails as chars_ok would). */
static inline size_t skip_ws(scan *sc, size_t i)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	const size_t n = sc->n;
	if (i >= n || !(ccls[s[i]] & C_WS))
		return i;   /* the usual case: no blank at all */
	long lines = 0;
	while (i < n && (ccls[s[i]] & C_WS)) {
		if (s[i] == '\n')
			lines++;
		else if (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))
			break;
		i++;
	}
	sc->line += lines;
	return i;
}

/* Forced inline for the few helpers of the hot loop whose call costs more
 * than their work. */
#if defined(__GNUC__) || defined(__clang__)
#define RD_HOT inline __attribute__((always_inline))
#else
#define RD_HOT inline
#endif

/* An attribute value from sc->s[v] to its closing quote qc, checked on the
 * way: no '<', references well formed, no "]]>" (a reference or "]]>" never
 * takes in a quote, so reading them to the file's end judges them as reading
 * to the quote would). Sets *e to the closing quote, *plain when it has no
 * reference or control character, *nl to its newlines; 0 when libxml2 would
 * object. Changes nothing in sc, so that a failed fast path can fall back. */
static RD_HOT int value_scan(const scan *sc, size_t v, char qc, size_t *e, int *plain, long *nl)
{
	const unsigned char *us = (const unsigned char *)sc->s;
	const size_t n = sc->n;
	size_t e2 = v;
	long lines = 0;
	int pl = 1;
	for (;;) {
#ifdef __SSE2__
		/* sixteen bytes a round to the first byte vstop[] names: values
		 * are short, and most end in the first round */
		while (e2 + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(us + e2));
			/* signed: controls and bytes >= 0x80 are below 0x20 */
			__m128i stop = _mm_or_si128(
				_mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
				             _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))),
				_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')),
				                          _mm_cmpeq_epi8(x, _mm_set1_epi8('<'))),
				             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('&')),
				                          _mm_cmpeq_epi8(x, _mm_set1_epi8(']')))));
			unsigned m = (unsigned)_mm_movemask_epi8(stop);
			if (m) {
				e2 += (size_t)__builtin_ctz(m);
				goto found;
			}
			e2 += 16;
		}
#endif
		while (e2 < n && !vstop[us[e2]])
			e2++;
#ifdef __SSE2__
	found:
#endif
		if (e2 >= n || us[e2] == '<')
			return 0;
		char c = (char)us[e2];
		if (c == qc)
			break;
		if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x80) {
			/* a character to check, and a newline to count */
			lines += c == '\n';
			if ((unsigned char)c < 0x20)
				pl = 0;
			if (!char_ok_at(us, n, &e2))
				return 0;
		} else if (c == '&' || c == ']') {
			pl &= c != '&';
			if (!chardata_special(sc->s, n, &e2))
				return 0;
		} else {
			e2++;   /* the other quote */
		}
	}
	*e = e2;
	*plain = pl;
	*nl = lines;
	return 1;
}

typedef struct attr {
	size_t name, name_len, val, val_len;
	int    plain;   /* no reference or control character in the value */
} attr;

/* A start tag at sc->i ('<' + name); on success sets the attributes, whether it
 * is empty ("/>") and moves past it; 0 when not one this scanner reads. */
static int start_tag(scan *sc, size_t *name, size_t *name_len, attr *at, int *nat,
                     int *empty, size_t *gt)
{
	size_t i = sc->i + 1, e = name_end(sc, i);
	if (e == i || e >= sc->n || sc->s[e] == ':')
		return 0;
	*name = i;
	*name_len = e - i;
	*nat = 0;
	i = e;
	for (;;) {
		size_t j = skip_ws(sc, i);
		if (j >= sc->n)
			return 0;
		if (sc->s[j] == '>' || sc->s[j] == '/') {
			if (sc->s[j] == '/') {
				if (j + 1 >= sc->n || sc->s[j + 1] != '>')
					return 0;
				*empty = 1;
				*gt = j + 1;
				sc->i = j + 2;
			} else {
				*empty = 0;
				*gt = j;
				sc->i = j + 1;
			}
			return 1;
		}
		if (j == i || *nat >= RD_SCAN_ATTRS)
			return 0;   /* attributes must be apart */
		size_t ne = name_end(sc, j);
		if (ne == j || ne >= sc->n || sc->s[ne] == ':')
			return 0;
		size_t q = skip_ws(sc, ne);
		if (q >= sc->n || sc->s[q] != '=')
			return 0;
		q = skip_ws(sc, q + 1);
		if (q >= sc->n || (sc->s[q] != '"' && sc->s[q] != '\''))
			return 0;
		/* the value, checked to its closing quote */
		const char qc = sc->s[q];
		size_t v = q + 1, e2;
		int plain;
		long vnl;
		if (!value_scan(sc, v, qc, &e2, &plain, &vnl))
			return 0;
		sc->line += vnl;
		size_t vl = e2 - v;
		for (int k = 0; k < *nat; k++)
			if (at[k].name_len == ne - j && !memcmp(sc->s + at[k].name, sc->s + j, ne - j))
				return 0;   /* duplicate attribute */
		at[*nat].name = j;
		at[*nat].name_len = ne - j;
		at[*nat].val = v;
		at[*nat].val_len = vl;
		at[*nat].plain = plain;
		(*nat)++;
		i = v + vl + 1;
	}
}

/* The id, source and date attributes of a <Sentence> (names matched by
 * length first). */
static void rec_attrs(const char *s, const attr *at, int nat, rd_petr_rec *cur)
{
	cur->id_off = cur->src_off = cur->date_off = UINT32_MAX;
	cur->id_len = cur->src_len = cur->date_len = 0;
	for (int k = nat - 1; k >= 0; k--) {
		/* backwards, so the first of duplicates would win as before (the
		 * scanner refuses duplicates anyway) */
		const char *nm = s + at[k].name;
		uint32_t off = (uint32_t)at[k].val, len = (uint32_t)at[k].val_len;
		if (at[k].name_len == 2 && !memcmp(nm, "id", 2)) {
			cur->id_off = off;
			cur->id_len = len;
			cur->id_plain = (uint8_t)at[k].plain;
		} else if (at[k].name_len == 6 && !memcmp(nm, "source", 6)) {
			cur->src_off = off;
			cur->src_len = len;
			cur->src_plain = (uint8_t)at[k].plain;
		} else if (at[k].name_len == 4 && !memcmp(nm, "date", 4)) {
			cur->date_off = off;
			cur->date_len = len;
			cur->date_plain = (uint8_t)at[k].plain;
		}
	}
}

/* The shape of the last <Sentence> start tag read the general way, for a
 * fast path: a PETRARCH file is a long run of tags that differ only in
 * their attribute values (<Sentence date = "..." id ="..." source = "...">),
 * and re-reading each name and blank costs more than comparing the bytes
 * between the values with the model's. A tag whose bytes outside the values
 * equal the model's reads the same way (names, blanks, '=' and quotes all
 * lie there, and a value ends at the quote that opened it); its values are
 * checked as start_tag() checks them. */
enum { RD_SKEL_ATTRS = 8 };
typedef struct skel {
	int    nat;                        /* attributes; 0: no model yet */
	int    empty;                      /* the model ends in "/>" */
	size_t nm, nml;                    /* the element's name in the model */
	size_t seg[RD_SKEL_ATTRS + 1];     /* model bytes before value k (from its */
	size_t seg_len[RD_SKEL_ATTRS + 1]; /* tag's '<' or value k - 1's closing */
	long   seg_nl[RD_SKEL_ATTRS + 1];  /* quote); the last runs to the end */
	char   qc[RD_SKEL_ATTRS];          /* value k's quote */
	size_t name[RD_SKEL_ATTRS], name_len[RD_SKEL_ATTRS]; /* in the model */
	int    id_k, src_k, date_k;        /* which value rec_attrs() takes, or -1 */
} skel;

/* Makes the tag sc->s[from .. to) just read by start_tag() the model. */
static void skel_learn(skel *sk, const char *s, size_t from, size_t to, const attr *at, int nat,
                       size_t nm, size_t nml, int empty)
{
	sk->nat = 0;
	if (nat < 1 || nat > RD_SKEL_ATTRS)
		return;
	size_t p = from;
	for (int k = 0; k <= nat; k++) {
		size_t e = k < nat ? at[k].val : to;
		sk->seg[k] = p;
		sk->seg_len[k] = e - p;
		long nl = 0;
		for (size_t j = p; j < e; j++)
			nl += s[j] == '\n';
		sk->seg_nl[k] = nl;
		if (k < nat) {
			sk->qc[k] = s[at[k].val - 1];
			sk->name[k] = at[k].name;
			sk->name_len[k] = at[k].name_len;
			p = at[k].val + at[k].val_len;
		}
	}
	/* rec_attrs()'s choice among the attributes, by position */
	rd_petr_rec r;
	rec_attrs(s, at, nat, &r);
	sk->id_k = sk->src_k = sk->date_k = -1;
	for (int k = 0; k < nat; k++) {
		if (at[k].val == r.id_off)
			sk->id_k = k;
		if (at[k].val == r.src_off)
			sk->src_k = k;
		if (at[k].val == r.date_off)
			sk->date_k = k;
	}
	sk->nm = nm;
	sk->nml = nml;
	sk->empty = empty;
	sk->nat = nat;
}

/* rec_attrs() for a tag skel_match() read. */
static void skel_attrs(const skel *sk, const attr *at, rd_petr_rec *cur)
{
	cur->id_off = cur->src_off = cur->date_off = UINT32_MAX;
	cur->id_len = cur->src_len = cur->date_len = 0;
	if (sk->id_k >= 0) {
		const attr *a = &at[sk->id_k];
		cur->id_off = (uint32_t)a->val;
		cur->id_len = (uint32_t)a->val_len;
		cur->id_plain = (uint8_t)a->plain;
	}
	if (sk->src_k >= 0) {
		const attr *a = &at[sk->src_k];
		cur->src_off = (uint32_t)a->val;
		cur->src_len = (uint32_t)a->val_len;
		cur->src_plain = (uint8_t)a->plain;
	}
	if (sk->date_k >= 0) {
		const attr *a = &at[sk->date_k];
		cur->date_off = (uint32_t)a->val;
		cur->date_len = (uint32_t)a->val_len;
		cur->date_plain = (uint8_t)a->plain;
	}
}

/* start_tag() for a tag of the model's shape at sc->i; 0 (sc unchanged) when
 * it is not one. */
static int skel_match(const skel *sk, scan *sc, size_t *name, size_t *name_len, attr *at,
                      int *nat, int *empty, size_t *gt)
{
	const char *s = sc->s;
	size_t i = sc->i;
	long lines = 0;
	for (int k = 0;; k++) {
		size_t l = sk->seg_len[k];
		if (sc->n - i < l || !bytes_same(s + i, s + sk->seg[k], l))
			return 0;
		lines += sk->seg_nl[k];
		i += l;
		if (k == sk->nat)
			break;
		size_t e;
		int plain;
		long vnl;
		if (!value_scan(sc, i, sk->qc[k], &e, &plain, &vnl))
			return 0;
		lines += vnl;
		at[k].name = sk->name[k];
		at[k].name_len = sk->name_len[k];
		at[k].val = i;
		at[k].val_len = e - i;
		at[k].plain = plain;
		i = e;
	}
	*name = sk->nm;
	*name_len = sk->nml;
	*nat = sk->nat;
	*empty = sk->empty;
	*gt = i - 1;
	sc->i = i;
	sc->line += lines;
	return 1;
}

/* The name's length when s[i..] is "<Text>" or "<Parse>" exactly, the
 * children of every <Sentence>; else 0. */
static inline size_t bare_child(const char *s, size_t n, size_t i)
{
	if (n - i >= 7 && !memcmp(s + i, "<Parse>", 7))
		return 5;
	if (n - i >= 6 && !memcmp(s + i, "<Text>", 6))
		return 4;
	return 0;
}


int rd_petr_shortcuts = 1;

int rd_petr_scan(const char *s, size_t n, rd_petr_rec **recs_out, size_t *nrec_out)
{
	*recs_out = NULL;
	*nrec_out = 0;
	if (n >= UINT32_MAX)
		return 0;
#ifdef RD_SCAN_AVX2
	int avx2 = have_avx2();
#else
	int avx2 = 0;
#endif
	scan sc = { s, n, 0, 1, 0 };
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		sc.i = 3;
	if (n - sc.i >= 6 && !memcmp(s + sc.i, "<?xml", 5) && is_ws(s[sc.i + 5])) {
		const char *e = memmem(s + sc.i, n - sc.i, "?>", 2);
		if (!e)
			return 0;
		size_t dl = (size_t)(e - (s + sc.i));
		const char *enc = memmem(s + sc.i, dl, "encoding", 8);
		if (enc) {
			int utf8 = 0;
			for (const char *p = enc; p + 5 <= e; p++)
				if (rd_iprefix(p, 5, "utf-8"))
					utf8 = 1;
			if (!utf8)
				return 0;
		}
		sc.i = (size_t)(e - s) + 2;
	}
	if (!markup_ok(&sc, 0, sc.i))
		return 0;   /* byte-order mark and declaration */
	struct { size_t name, len; } stack[RD_SCAN_DEPTH];
	int depth = 0, root_done = 0, sent = -1, tp = -1;
	int text_open = 0;       /* the <Text> being read is the sentence's first */
	size_t text_from = 0;
	rd_petr_rec *recs = NULL, *cur = NULL;
	size_t nrec = 0, cap = 0;
	attr at[RD_SCAN_ATTRS];
	skel sk = { .nat = 0 };
	const int shortcuts = rd_petr_shortcuts;
	/* Every byte's character is checked, and every newline counted, where
	 * the scan reads it: names are ASCII by their table, blanks and values
	 * are checked by skip_ws() and start_tag(), character data by
	 * chardata_to_tag(), comments by markup_ok(). */
	while (sc.i < n) {
		if (s[sc.i] != '<') {
			if (depth == 0) {
				const char *lt = memchr(s + sc.i, '<', n - sc.i);
				size_t e = lt ? (size_t)(lt - s) : n;
				for (size_t k = sc.i; k < e; k++) {
					if (!is_ws(s[k]) ||
					    (s[k] == '\r' && !(k + 1 < n && s[k + 1] == '\n')))
						goto fail;
					sc.line += s[k] == '\n';
				}
				sc.i = e;
			} else {
				/* the line breaks between tags, inline: the general scan
				 * costs more than these one or two bytes */
				size_t k = sc.i;
				if (s[k] == '\n' && k + 1 < n && s[k + 1] == '<') {
					/* the one newline after nearly every tag */
					sc.line++;
					sc.i = k + 1;
					continue;
				}
				long nl = 0;
				while (k < n && (s[k] == '\n' || s[k] == ' ')) {
					nl += s[k] == '\n';
					k++;
				}
				if (k < n && s[k] == '<') {
					sc.line += nl;
					sc.i = k;
				} else if (!chardata_to_tag(&sc, avx2)) {
					goto fail;
				}
			}
			continue;
		}
		size_t rest = n - sc.i;
		if (rest >= 4 && !memcmp(s + sc.i, "<!--", 4)) {
			if (tp >= 0)
				goto fail;
			const char *e = memmem(s + sc.i + 4, rest - 4, "--", 2);
			if (!e || (size_t)(e - s) + 2 >= n || e[2] != '>')
				goto fail;   /* unterminated, or "--" inside */
			if (!markup_ok(&sc, sc.i + 4, (size_t)(e - s)))
				goto fail;
			sc.i = (size_t)(e - s) + 3;
			continue;
		}
		if (rest >= 2 && (s[sc.i + 1] == '!' || s[sc.i + 1] == '?'))
			goto fail;
		if (rest >= 2 && s[sc.i + 1] == '/') {
			if (depth == 0)
				goto fail;
			/* the name must be the open element's: compare it, then
			 * make sure the name ends there */
			size_t ns = sc.i + 2, ne = ns + stack[depth - 1].len;
			if (ne >= n || !bytes_same(s + ns, s + stack[depth - 1].name, ne - ns) ||
			    (ccls[(unsigned char)s[ne]] & C_NC))
				goto fail;
			size_t g = skip_ws(&sc, ne);
			if (g >= n || s[g] != '>')
				goto fail;
			depth--;
			if (depth == tp) {
				if (text_open) {
					cur->text_off = (uint32_t)text_from;
					cur->text_len = (uint32_t)(sc.i - text_from);
					cur->has_text = 1;
					cur->text_plain = (uint8_t)!sc.cooked;
					text_open = 0;
				}
				tp = -1;
			} else if (depth == sent) {
				sent = -1;
				cur = NULL;
			}
			sc.i = g + 1;
			if (depth == 0)
				root_done = 1;
			continue;
		}
		if (root_done || tp >= 0)
			goto fail;
		size_t nm, nml, gt;
		int nat, empty, shaped = 0;
		if (sent < 0 && sk.nat && skel_match(&sk, &sc, &nm, &nml, at, &nat, &empty, &gt)) {
			/* a <Sentence> shaped as the last one */
			shaped = 1;
		} else if (sent >= 0 && shortcuts && (nml = bare_child(s, n, sc.i)) != 0) {
			/* <Text> or <Parse>, as start_tag() would read them */
			nm = sc.i + 1;
			nat = 0;
			empty = 0;
			gt = nm + nml;
			sc.i = gt + 1;
		} else {
			size_t from = sc.i;
			if (!start_tag(&sc, &nm, &nml, at, &nat, &empty, &gt))
				goto fail;
			if (shortcuts && sent < 0 && name_is(s + nm, nml, "sentence", 8))
				skel_learn(&sk, s, from, sc.i, at, nat, nm, nml, empty);
		}
		if (sent >= 0) {
			/* inside a sentence: only its <Text> and <Parse> children */
			if (depth != sent + 1)
				goto fail;
			int is_text = name_is(s + nm, nml, "text", 4);
			if (!is_text && !name_is(s + nm, nml, "parse", 5))
				goto fail;
			if (is_text && !cur->has_text) {
				if (empty) {
					cur->text_off = (uint32_t)sc.i;
					cur->text_len = 0;
					cur->has_text = 1;
				} else {
					text_open = 1;
					text_from = sc.i;
					sc.cooked = 0;
				}
			}
			if (!empty)
				tp = depth;
		} else if (name_is(s + nm, nml, "sentence", 8)) {
			if (nrec == cap) {
				cap = cap ? cap * 2 : 256;
				recs = xrealloc(recs, cap * sizeof *recs);
			}
			cur = &recs[nrec++];
			memset(cur, 0, sizeof *cur);
			/* the tag ends at gt: the line counted so far is gt's */
			cur->line = sc.line;
			if (shaped)
				skel_attrs(&sk, at, cur);
			else
				rec_attrs(s, at, nat, cur);
			if (!empty)
				sent = depth;
			else
				cur = NULL;
		}
		if (!empty) {
			if (depth >= RD_SCAN_DEPTH)
				goto fail;
			stack[depth].name = nm;
			stack[depth].len = nml;
			depth++;
		} else if (depth == 0) {
			root_done = 1;
		}
	}
	if (depth != 0 || !root_done)
		goto fail;
	for (size_t k = 0; k < nrec; k++)
		if (recs[k].has_text && recs[k].text_len > RD_SCAN_TEXT)
			goto fail;   /* libxml2 has its own limits on huge text */
	*recs_out = recs;
	*nrec_out = nrec;
	return 1;
fail:
	free(recs);
	return 0;
}

char *rd_petr_value(dy_arena *a, dy_buf *tmp, const char *p, size_t n, int attr, size_t max)
{
	int plain = 1;
	if (attr) {
		/* values are short: one pass for the four bytes, not four calls */
		for (size_t i = 0; i < n; i++) {
			char c = p[i];
			if (c == '&' || c == '\r' || c == '\n' || c == '\t') {
				plain = 0;
				break;
			}
		}
	} else {
		plain = !memchr(p, '&', n) && !memchr(p, '\r', n);
	}
	if (plain)
		return rd_trimdup(a, p, n, max);
	buf_clear(tmp);
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\r')
			continue;   /* only ever before '\n' (chars_ok) */
		if (c == '&') {
			uint32_t cp;
			char named;
			size_t k = ref_len(p + i, n - i, &cp, &named);
			if (named) {
				buf_putc(tmp, named);
			} else {
				char u[4];
				size_t m;
				if (cp < 0x80) { u[0] = (char)cp; m = 1; }
				else if (cp < 0x800) {
					u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); m = 2;
				} else if (cp < 0x10000) {
					u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[2] = (char)(0x80 | (cp & 0x3F)); m = 3;
				} else {
					u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
					u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
					m = 4;
				}
				buf_append(tmp, u, m);
			}
			i += k - 1;
			continue;
		}
		if (attr && (c == '\n' || c == '\t'))
			c = ' ';
		buf_putc(tmp, c);
	}
	return rd_trimdup(a, tmp->p, tmp->n, max);
}
