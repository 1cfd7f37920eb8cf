/* SPDX-License-Identifier: MIT */
/* Normalizer: any bytes in, valid NFC UTF-8 out. Exports text_normalize()
 * (normalize.h).
 *
 * One pass over the input writes the text before composition: printable ASCII
 * is copied by a tight loop; '&' tries an HTML reference (entities.c); a run of
 * non-ASCII bytes is decoded (ill-formed sequences become U+FFFD), repaired for
 * mojibake (mojibake.c) and emitted one code point at a time, where controls and
 * invisible format characters are dropped and whitespace is folded. A second
 * pass composes to NFC, and only when the first saw a character that NFC could
 * change; it works piece by piece between "safe" characters, which no
 * neighbour can compose with, so that repair offsets can be carried across.
 *
 * Choices beyond normalize.h, each counted as one repair at its output offset
 * (a dropped character's offset is where the text goes on):
 *   - a C1 control left after mojibake repair is a cp1252 byte that was read as
 *     Latin-1: U+0092 becomes ’ and counts as mojibake; the five C1 controls
 *     undefined in cp1252 are dropped as controls;
 *   - dropped as controls besides C0 and DEL: soft hyphen, ZWSP, LRM/RLM, bidi
 *     embeddings and isolates, word joiner and invisible operators, BOM. ZWJ
 *     and ZWNJ stay;
 *   - U+2028 counts as a newline, U+2029 as a paragraph break; VT and FF are
 *     controls;
 *   - references are decoded once ("&amp;eacute;" gives "&eacute;"); see
 *     entities.h for the forms taken. A reference's character goes through the
 *     same rules (so "&nbsp;" folds into a space) but counts only as an entity.
 *
 * Output bound: an ASCII byte never yields more than one byte (references are
 * at least as long as what they decode to, U+FFFD included: "&#0" is 3 bytes);
 * a non-ASCII byte yields at most three (a lone invalid byte becomes U+FFFD).
 * So n + 2 * (bytes >= 0x80) + 1 bytes always hold the first pass; the CGJ
 * put in after every 30 combining marks (at least 60 input bytes) fits in the
 * slack. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "normalize.h"
#include "entities.h"
#include "mojibake.h"
#include "../util/xalloc.h"

enum kind { K_NONE, K_INVALID, K_MOJI, K_ENTITY, K_CONTROL };

typedef struct nz {
	char     *out;        /* text before NFC, in the arena */
	size_t    o;          /* bytes written */
	int       pend;       /* whitespace seen since the last character */
	int       newlines;   /* newlines in that whitespace */
	int       need_nfc;   /* a character NFC might change was written */
	int       marks;      /* combining marks written since the last starter */
	int       moji_seen;  /* a mojibake repair was made: the document is mis-decoded */
	size_t    scan_to;    /* input scanned ahead for mojibake up to here... */
	size_t    strong_at;  /* ...and a strong repair waits at this offset (or SIZE_MAX) */
	uint32_t *rep;        /* repair offsets, ascending */
	size_t    n_rep, cap_rep;
	uint32_t  count[5];   /* repairs by kind */
	uint32_t  rep_stack[64];
} nz;

static void repair_note(nz *z, enum kind k, size_t at)
{
	if (z->n_rep == z->cap_rep) {
		size_t cap = z->cap_rep * 2;
		if (z->rep == z->rep_stack) {
			z->rep = xmalloc(cap * sizeof *z->rep);
			memcpy(z->rep, z->rep_stack, z->n_rep * sizeof *z->rep);
		} else {
			z->rep = xrealloc(z->rep, cap * sizeof *z->rep);
		}
		z->cap_rep = cap;
	}
	/* Offsets are 32-bit by contract; past 4 GiB they saturate (still ascending). */
	z->rep[z->n_rep++] = at > UINT32_MAX ? UINT32_MAX : (uint32_t)at;
	if (z->count[k] < UINT32_MAX)
		z->count[k]++;
}

static void ws_flush(nz *z)
{
	z->marks = 0;
	/* Leading whitespace is dropped; trailing whitespace never gets here. */
	if (z->o > 0) {
		if (z->newlines >= 2) {
			z->out[z->o++] = '\n';
			z->out[z->o++] = '\n';
		} else {
			z->out[z->o++] = ' ';
		}
	}
	z->pend = 0;
	z->newlines = 0;
}

static size_t utf8_put(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (char)(0xE0 | (c >> 12));
		p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		p[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (c >> 18));
	p[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Can `c` start an NFC piece: a starter that nothing before it composes with and
 * that NFC leaves as it is? Everything below U+0300 is; so are the precomposed
 * letters of the ranges listed (checked against utf8proc by the unit test).
 * Anything else with a canonical decomposition takes the slow path, which is
 * always correct. */
static inline int nfc_safe(uint32_t c)
{
	if (c < 0x300)
		return 1;
	/* The scripts and punctuation of most news text, without a property look-up. */
	if ((c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x4FF) ||
	    (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x621 && c <= 0x64A) ||
	    (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x205E) ||
	    (c >= 0x20A0 && c <= 0x20C0) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xAC00 && c <= 0xD7A3))
		return 1;
	/* Hangul vowel and trailing jamo compose algorithmically with what precedes.
	 * U+11A7 is not a trailing jamo, but utf8proc 2.6 absorbs it after an LV
	 * syllable; it goes the slow way so that the output is NFC as utf8proc,
	 * which later stages use, sees it. */
	if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A7 && c <= 0x11C2))
		return 0;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
	if (p->combining_class != 0)
		return 0;
	if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000)
		return 0; /* second element of a composition */
	if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0)
		return 1; /* no canonical decomposition */
	return (c >= 0x400 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF) ||
	       (c >= 0x388 && c <= 0x3CE) || (c >= 0x3040 && c <= 0x30FF);
}

/* Invisible format characters dropped as controls: they split words
 * ("Mos\u00ADcow") without showing. ZWJ and ZWNJ stay: they change the
 * shaping of Persian and Indic words and the meaning of emoji sequences. */
static int is_invisible(uint32_t c)
{
	return c == 0xAD || c == 0x200B || c == 0x200E || c == 0x200F || c == 0xFEFF ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206F);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Most combining marks in a row before a CGJ goes in (UAX #15). */
#define NZ_MARKS_MAX 30

/* Emits one code point that came from a decoded run or a reference; `k` says
 * what repair produced it (K_NONE for plain text). */
static void cp_emit(nz *z, uint32_t c, enum kind k)
{
	/* Letters of most scripts: nothing below needs checking. */
	if (c >= 0xC0 && c < 0x1680)
		goto put;
	if (is_space(c)) {
		z->pend = 1;
		goto dropped;
	}
	if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
		z->pend = 1;
		z->newlines = c == 0x2029 ? 2 : z->newlines ? 2 : 1;
		goto dropped;
	}
	if (c >= 0x80 && c <= 0x9F) {
		/* A C1 control in text is a cp1252 byte read as Latin-1 (U+0092 for
		 * ’); give it the character it stood for. */
		uint32_t w = mojibake_c1(c);
		if (w) {
			c = w;
			if (k == K_NONE)
				k = K_MOJI;
		} else if (k == K_NONE) {
			k = K_CONTROL;
		}
	}
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || is_invisible(c)) {
		if (k == K_NONE)
			k = K_CONTROL;
		goto dropped;
	}
put:
	if (z->pend)
		ws_flush(z);
	if (c >= 0x300 && !nfc_safe(c)) {
		z->need_nfc = 1;
		if (utf8proc_get_property((utf8proc_int32_t)c)->combining_class == 0) {
			z->marks = 0;
		} else if (++z->marks > NZ_MARKS_MAX) {
			/* Stream-Safe Text Format (UAX #15): a combining grapheme joiner
			 * after 30 marks keeps canonical reordering, quadratic in the
			 * length of a run of marks, bounded. */
			z->o += utf8_put(z->out + z->o, 0x34F);
			z->marks = 1;
		}
	} else {
		z->marks = 0;
	}
	if (k != K_NONE)
		repair_note(z, k, z->o);
	z->o += utf8_put(z->out + z->o, c);
	return;
dropped:
	/* A repair that leaves no character is placed where the text goes on. */
	if (k != K_NONE)
		repair_note(z, k, z->o);
}

/* Decodes one UTF-8 sequence at s (n > 0 bytes, s[0] >= 0x80). An ill-formed
 * one is replaced by U+FFFD per maximal subpart, as the Unicode standard
 * recommends: "E2 80 41" gives one U+FFFD and the "A", "C0 80" gives two.
 * Returns the bytes consumed, at least 1. */
static inline size_t utf8_take(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b = s[0];
	size_t need;
	uint32_t c;
	unsigned char lo = 0x80, hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		*cp = 0xFFFD | DY_CP_INVALID;
		return 1;
	}
	size_t i = 1;
	for (; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = 0xFFFD | DY_CP_INVALID;
			return i;
		}
		c = (c << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return i;
}

typedef struct run_buf {
	uint32_t *p;
	size_t    cap;
	uint32_t  stack[512];
} run_buf;

static uint32_t *run_room(run_buf *rb, size_t n)
{
	if (n > rb->cap) {
		if (rb->p != rb->stack)
			free(rb->p);
		rb->p = xmalloc(n * sizeof *rb->p);
		rb->cap = n;
	}
	return rb->p;
}

/* A letter that needs nothing done: not mojibake-prone, not whitespace or a
 * control, and NFC-safe. */
static inline int is_plain_letter(uint32_t c)
{
	return (c > 0x171 && c < 0x1680 && nfc_safe(c)) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xAC00 && c <= 0xD7A3);
}

/* Decodes the non-ASCII bytes [s, s + n) into rb. Returns the code points
 * written; *may says whether one could start mojibake, *plain whether all are
 * plain letters (then the bytes can be copied as they are). */
static size_t run_decode(run_buf *rb, const unsigned char *s, size_t n, int *may, int *plain)
{
	uint32_t *r = run_room(rb, n);
	size_t k = 0;
	int m = 0, p = 1;
	for (size_t i = 0; i < n;) {
		i += utf8_take(s + i, n - i, &r[k]);
		m |= mojibake_may_start(r[k] & DY_CP_MASK);
		p &= is_plain_letter(r[k]); /* flags make it fail, as they should */
		k++;
	}
	*may = m;
	*plain = p;
	return k;
}

/* How far ahead a weak repair looks for evidence when none came before. */
#define NZ_LOOKAHEAD 1024

/* Is there a run with a strong repair within NZ_LOOKAHEAD bytes from `from`?
 * What has been scanned is remembered, so that the input is scanned ahead at
 * most once in all. */
static int strong_ahead(nz *z, run_buf *rb, const unsigned char *s, size_t n, size_t from)
{
	size_t limit = n - from > NZ_LOOKAHEAD ? from + NZ_LOOKAHEAD : n;
	if (z->strong_at != SIZE_MAX && z->strong_at >= from)
		return z->strong_at < limit;
	size_t p = z->scan_to > from ? z->scan_to : from;
	while (p < limit) {
		if (s[p] < 0x80) {
			p++;
			continue;
		}
		size_t q = p;
		while (q < n && s[q] >= 0x80)
			q++;
		int may, plain;
		size_t k = run_decode(rb, s + p, q - p, &may, &plain);
		if (may && mojibake_strong(rb->p, k, p ? s[p - 1] : 0)) {
			z->strong_at = p;
			z->scan_to = q;
			return 1;
		}
		p = q;
	}
	z->scan_to = p;
	return 0;
}

/* The maximal run of non-ASCII bytes [i, j) of the input s[0..n): decode,
 * repair, emit. */
static void run_emit(nz *z, run_buf *rb, run_buf *ahead, const unsigned char *s, size_t n,
		     size_t i, size_t j)
{
	int may, plain;
	size_t k = run_decode(rb, s + i, j - i, &may, &plain);
	uint32_t *r = rb->p;
	if (plain) {
		if (z->pend)
			ws_flush(z);
		memcpy(z->out + z->o, s + i, j - i);
		z->marks = 0;
		z->o += j - i;
		return;
	}
	if (may) {
		uint32_t prev = i ? s[i - 1] : 0;
		int st;
		k = mojibake_repair(r, k, prev, z->moji_seen, &st);
		if ((st & DY_MOJI_WEAK_LEFT) && strong_ahead(z, ahead, s, n, j))
			k = mojibake_repair(r, k, prev, 1, &st);
		if (st & DY_MOJI_REPAIRED)
			z->moji_seen = 1;
		/* "à" is C3 A0: once A0, a no-break space, has become a plain space,
		 * "Ã" ends the run and a space follows. Taken only in a document
		 * with mojibake, since "IRMÃ E" is good Portuguese; the space folds
		 * with the one after it. */
		if (k && r[k - 1] == 0xC3 && j < n && s[j] == ' ' &&
		    (z->moji_seen || strong_ahead(z, ahead, s, n, j)))
			r[k - 1] = 0xE0 | DY_CP_MOJI;
	}
	for (size_t t = 0; t < k; t++) {
		uint32_t v = r[t];
		enum kind kd = (v & DY_CP_MOJI) ? K_MOJI : (v & DY_CP_INVALID) ? K_INVALID : K_NONE;
		cp_emit(z, v & DY_CP_MASK, kd);
	}
}

/* ---- composition ---- */

typedef struct outbuf {
	char  *p;
	size_t n, cap;
} outbuf;

static void out_put(outbuf *b, const void *s, size_t n)
{
	if (n == 0)
		return;
	if (b->cap - b->n < n) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap - b->n < n)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

/* Composes one piece s[0..n) to NFC and appends it. Pieces are short (a starter
 * and what attaches to it) except in adversarial input; the scratch grows. */
static void piece_compose(outbuf *b, const char *s, size_t n, utf8proc_int32_t **u,
			  size_t *ucap)
{
	const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	for (;;) {
		utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)s,
							(utf8proc_ssize_t)n, *u,
							(utf8proc_ssize_t)*ucap, opt);
		if (m < 0) {
			/* Cannot happen: the first pass wrote valid UTF-8. Keep the bytes. */
			out_put(b, s, n);
			return;
		}
		if ((size_t)m <= *ucap) {
			utf8proc_ssize_t len = utf8proc_reencode(*u, m, opt);
			if (len < 0)
				out_put(b, s, n);
			else
				out_put(b, *u, (size_t)len);
			return;
		}
		*ucap = (size_t)m;
		*u = xrealloc(*u, *ucap * sizeof **u);
	}
}

/* Carries repair offsets [from, to) of the first pass into the output: offsets
 * in a copied span move with it; offsets inside a composed piece go to the
 * piece's start. */
static void repairs_carry(nz *z, size_t *ri, size_t to, size_t from, size_t base, int shift)
{
	while (*ri < z->n_rep && z->rep[*ri] < to) {
		size_t r = z->rep[*ri];
		z->rep[*ri] = (uint32_t)(shift ? base + (r - from) : base);
		(*ri)++;
	}
}

static void nfc_pass(nz *z, outbuf *b)
{
	const char *t = z->out;
	size_t len = z->o;
	utf8proc_int32_t *u = xmalloc(64 * sizeof *u);
	size_t ucap = 64;
	size_t clean = 0, piece = 0, ri = 0;
	int dirty = 0;
	for (size_t p = 0;;) {
		int safe = 1;
		size_t l = 1;
		if (p < len && (unsigned char)t[p] >= 0x80) {
			uint32_t c;
			l = utf8_take((const unsigned char *)t + p, len - p, &c);
			safe = nfc_safe(c & DY_CP_MASK);
		}
		if (safe || p == len) {
			if (dirty) {
				repairs_carry(z, &ri, piece, clean, b->n, 1);
				out_put(b, t + clean, piece - clean);
				repairs_carry(z, &ri, p, piece, b->n, 0);
				piece_compose(b, t + piece, p - piece, &u, &ucap);
				clean = p;
				dirty = 0;
			}
			piece = p;
		} else {
			dirty = 1;
		}
		if (p >= len)
			break;
		p += l;
	}
	repairs_carry(z, &ri, SIZE_MAX, clean, b->n, 1);
	out_put(b, t + clean, len - clean);
	free(u);
}

/* Eight bytes at a time where the byte order lets a word's last byte be found. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NZ_SWAR 1
#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* High bit set in each byte of x equal to b; exact when x has no high bits. */
static uint64_t bytes_eq(uint64_t x, unsigned char b)
{
	uint64_t y = x ^ (ONES * b);
	return ~(((y & ~HIGHS) + ~HIGHS) | y) & HIGHS;
}
#endif

static size_t count_high(const unsigned char *s, size_t n)
{
	size_t h = 0, i = 0;
#ifdef __SSE2__
	/* sixteen bytes a round; most text has no high byte at all */
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(v);
		for (; m; m &= m - 1)
			h++;
	}
#endif
#ifdef NZ_SWAR
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		/* the high bits moved to the low bit of each byte, summed into the
		 * top byte by the multiply (no popcount instruction is assumed) */
		h += (size_t)((((x & HIGHS) >> 7) * ONES) >> 56);
	}
#endif
	for (; i < n; i++)
		h += s[i] >> 7;
	return h;
}

static int is_plain(unsigned char c)
{
	return c > 0x20 && c < 0x7F && c != '&';
}

/* Copies printable ASCII and single spaces between words from s[*i] to o[w],
 * stopping at anything that needs a closer look. Called with no whitespace
 * pending, so the byte before o[w] is not a space. Returns the new w. */
static size_t ascii_copy(const unsigned char *s, size_t n, size_t *ip, char *o, size_t w)
{
	size_t i = *ip;
	for (;;) {
#ifdef __SSE2__
		/* The same test as the eight-byte loop below, sixteen bytes a
		 * round. Output never outruns its bound: these bytes come out one
		 * for one. */
		while (i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			/* signed: controls and bytes >= 0x80 are < 0x20 */
			__m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
				             _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
			if (_mm_movemask_epi8(bad))
				break;
			unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
			if ((sp & (sp << 1)) || (sp & 0x8000) || ((sp & 1) && w == 0))
				break;
			_mm_storeu_si128((__m128i *)(void *)(o + w), v);
			w += 16;
			i += 16;
		}
#endif
#ifdef NZ_SWAR
		while (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			if (x & HIGHS)
				break;
			if (((x - ONES * 0x20) & ~x & HIGHS) | bytes_eq(x, '&') | bytes_eq(x, 0x7F))
				break;
			uint64_t sp = bytes_eq(x, ' ');
			/* A double space, a space last (the next byte may be one too) or
			 * a leading space need the slow path. */
			if ((sp & (sp << 8)) || (sp >> 63) || ((sp & 0x80) && w == 0))
				break;
			memcpy(o + w, &x, 8);
			w += 8;
			i += 8;
		}
#endif
		size_t stop = i + 8 < n ? i + 8 : n;
		while (i < stop) {
			unsigned char c = s[i];
			if (is_plain(c)) {
				o[w++] = (char)c;
				i++;
			} else if (c == ' ' && w > 0 && i + 1 < n && is_plain(s[i + 1])) {
				o[w++] = ' ';
				o[w++] = (char)s[i + 1];
				i += 2;
			} else {
				*ip = i;
				return w;
			}
		}
		if (i >= n) {
			*ip = i;
			return w;
		}
	}
}

void text_normalize(dy_arena *a, const char *in, size_t n, dy_norm *out)
{
	const unsigned char *s = (const unsigned char *)in;
	memset(out, 0, sizeof *out);
	if (!in)
		n = 0;
	/* Fields one by one: clearing the whole struct (or the run buffers'
	 * stack arrays) cost more than normalizing a short sentence. */
	nz z;
	z.o = 0;
	z.pend = z.newlines = z.need_nfc = z.marks = z.moji_seen = 0;
	z.scan_to = 0;
	z.n_rep = 0;
	memset(z.count, 0, sizeof z.count);
	z.rep = z.rep_stack;
	z.cap_rep = sizeof z.rep_stack / sizeof z.rep_stack[0];
	size_t cap = n + 2 * count_high(s, n) + 1;
	z.out = arena_alloc(a, cap);
	z.strong_at = SIZE_MAX;
	run_buf rb, ahead;
	rb.p = rb.stack;
	rb.cap = sizeof rb.stack / sizeof rb.stack[0];
	ahead.p = ahead.stack;
	ahead.cap = sizeof ahead.stack / sizeof ahead.stack[0];

	char *o = z.out;
	size_t i = 0;
	while (i < n) {
		/* The hot loop: most news text is printable ASCII and single spaces. */
		if (!z.pend) {
			size_t before = z.o;
			z.o = ascii_copy(s, n, &i, o, z.o);
			if (z.o != before)
				z.marks = 0;
			if (i >= n)
				break;
		}
		unsigned char c = s[i];
		if (is_plain(c)) {
			ws_flush(&z);
			continue;
		}
		if (c == ' ' || c == '\t') {
			z.pend = 1;
			i++;
		} else if (c == '\n' || c == '\r') {
			z.pend = 1;
			z.newlines = z.newlines ? 2 : 1;
			/* CR LF is one line end. */
			i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
		} else if (c == '&') {
			uint32_t v;
			size_t used = entity_decode(in + i, n - i, &v);
			if (used) {
				cp_emit(&z, v, K_ENTITY);
				i += used;
			} else {
				if (z.pend)
					ws_flush(&z);
				o[z.o++] = '&';
				z.marks = 0;
				i++;
			}
		} else if (c < 0x80) {
			cp_emit(&z, c, K_NONE); /* other C0 controls and DEL: dropped */
			i++;
		} else {
			size_t j = i;
			while (j < n && s[j] >= 0x80)
				j++;
			run_emit(&z, &rb, &ahead, s, n, i, j);
			i = j;
		}
	}
	if (rb.p != rb.stack)
		free(rb.p);
	if (ahead.p != ahead.stack)
		free(ahead.p);

	if (z.need_nfc) {
		outbuf b = { NULL, 0, 0 };
		nfc_pass(&z, &b);
		out->text = arena_strndup(a, b.n ? b.p : "", b.n);
		out->len = b.n;
		free(b.p);
	} else {
		z.out[z.o] = '\0';
		out->text = z.out;
		out->len = z.o;
	}
	if (z.n_rep) {
		out->repairs = arena_alloc(a, z.n_rep * sizeof *out->repairs);
		memcpy(out->repairs, z.rep, z.n_rep * sizeof *out->repairs);
	}
	out->n_repairs = z.n_rep;
	out->invalid = z.count[K_INVALID];
	out->mojibake = z.count[K_MOJI];
	out->entities = z.count[K_ENTITY];
	out->controls = z.count[K_CONTROL];
	if (z.rep != z.rep_stack)
		free(z.rep);
}
