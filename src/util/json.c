/* SPDX-License-Identifier: MIT */
/* JSON string escaping for dyad's writers (see json.h).
 *
 * Fast path: nearly every string dyad writes (codes, names, sentences) holds
 * no byte JSON must escape, so the string is first scanned for one sixteen
 * bytes at a time with SSE2, else eight (json_safe_len()), and then copied
 * with one memcpy; only a string that has one takes the byte-by-byte path,
 * from that byte on. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json.h"

/* 1 for the bytes JSON requires escaped: controls, '"' and '\\'. */
static const unsigned char needs_escape[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* Whether one of the eight bytes of x needs escaping: a byte below 0x20, or
 * one equal to '"' or '\\' (the classic "has a byte less than n" and "has a
 * zero byte" word tests; both are exact about whether such a byte exists). */
static inline int word_needs_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t lt = (x - ones * 0x20) & ~x;
	uint64_t q = x ^ (ones * '"');
	uint64_t s = x ^ (ones * '\\');
	q = (q - ones) & ~q;
	s = (s - ones) & ~s;
	return ((lt | q | s) & high) != 0;
}

size_t json_safe_len(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	/* sixteen bytes a step: a byte needs escaping when it equals '"' or
	 * '\\', or when max(byte, 0x1f) is 0x1f (unsigned: below 0x20) */
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1f);
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
		                           _mm_cmpeq_epi8(_mm_max_epu8(x, ctl), ctl));
		if (_mm_movemask_epi8(bad))
			break;
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (word_needs_escape(x))
			break;
	}
	for (; i < n; i++)
		if (needs_escape[(unsigned char)s[i]])
			return i;
	return n;
}

void json_string(dy_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t safe = json_safe_len(s, n);
	buf_reserve(b, n + 2);
	char *o = b->p + b->n;
	*o++ = '"';
	if (safe)
		memcpy(o, s, safe);
	o += safe;
	if (safe < n) {
		/* the rest at worst six bytes each (\u00XX) */
		size_t rest = n - safe;
		b->n = (size_t)(o - b->p);
		buf_reserve(b, rest * 6 + 1);
		o = b->p + b->n;
		for (size_t i = safe; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (!needs_escape[c]) {
				*o++ = (char)c;
				continue;
			}
			*o++ = '\\';
			switch (c) {
			case '"':  *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '\n': *o++ = 'n'; break;
			case '\r': *o++ = 'r'; break;
			case '\t': *o++ = 't'; break;
			default:
				*o++ = 'u';
				*o++ = '0';
				*o++ = '0';
				*o++ = hex[c >> 4];
				*o++ = hex[c & 15];
			}
		}
	}
	*o++ = '"';
	b->n = (size_t)(o - b->p);
	b->p[b->n] = '\0';
}

void json_cstring(dy_buf *b, const char *s)
{
	if (!s)
		buf_append(b, "null", 4);
	else
		json_string(b, s, strlen(s));
}

void json_key(dy_buf *b, const char *key, int first)
{
	if (!first)
		buf_putc(b, ',');
	json_string(b, key, strlen(key));
	buf_putc(b, ':');
}
