/* SPDX-License-Identifier: MIT */
/* Lemmatizer internals shared by tokenize.c, lemma.c and the tests. The public
 * entry points (lemma_init, lemma_of) are declared in token.h. */
#ifndef DY_LEMMA_H
#define DY_LEMMA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* How far lemma_of_mode() may go with a word WordNet does not know. */
enum lemma_mode {
	LEMMA_FULL  = 0, /* exceptions, suffix rules and default plural stripping */
	LEMMA_KNOWN = 1  /* only exceptions and rules whose stem WordNet knows: for
	                  * capitalized sentence-initial words and all-caps text,
	                  * where the word may be a name ("Reuters", "HAMAS") */
};

/* Longest word lemma_of() looks at, in bytes; longer words are their own lemma. */
enum { LEMMA_WORD_MAX = 64 };

/* lemma_of() with a mode; lemma_of(w, n, out, cap) is LEMMA_FULL. */
size_t lemma_of_mode(const char *word, size_t n, char *out, size_t cap, int mode);

/* 1 when lemma_of_mode() surely returns 0 for upper-case word[0..n) in any
 * mode (the word is its own lemma): no rule suffix, no hyphen, and not in the
 * local or exception tables (a bit filter over them, so 0 means "ask").
 * Cheaper than the lookup; thread-safe. */
int lemma_surely_self(const char *word, size_t n);

/* The bit filter behind lemma_surely_self(), built on the first call (any
 * thread): bit lemma_filter_hash(form) is set for every form of the local and
 * exception tables. For callers that inline the test (the tokenizer). */
const uint64_t *lemma_filter(void);

/* 2^18 bits (32 KB) for about 5,700 forms: about 2% of other words are
 * sent to the lookup for nothing. */
enum { LEMMA_FILTER_LOG = 18, LEMMA_FILTER_BITS = 1 << LEMMA_FILTER_LOG };

/* A short word k[0..n) read into two 64-bit values for hashing: its first
 * and last eight (or four) bytes in two overlapping loads, no loop per byte
 * (words are short); a word under four bytes is packed into x, and y is 0. */
static inline void lemma_word_load(const char *k, size_t n, uint64_t *px, uint64_t *py)
{
	uint64_t x = 0, y = 0;
	if (n >= 8) {
		memcpy(&x, k, 8);
		memcpy(&y, k + n - 8, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, k, 4);
		memcpy(&b, k + n - 4, 4);
		x = a;
		y = b;
	} else {
		for (size_t i = 0; i < n; i++)
			x = x << 8 | (unsigned char)k[i];
	}
	*px = x;
	*py = y;
}

/* Hash of upper-case k[0..n) into the filter. */
static inline uint32_t lemma_filter_hash(const char *k, size_t n)
{
	uint64_t x, y;
	lemma_word_load(k, n, &x, &y);
	uint64_t h = (x ^ (y * 0x9E3779B97F4A7C15ull) ^ (uint64_t)n << 56) * 0xFF51AFD7ED558CCDull;
	return (uint32_t)(h >> (64 - LEMMA_FILTER_LOG));
}

/* 1 when WordNet knows upper-case `word` as a noun or verb base form (tests). */
int lemma_is_known(const char *word, size_t n);

#endif
