/* SPDX-License-Identifier: MIT */
/* Lemmatizer internals shared by tokenize.c, lemma.c and the tests. The public
 * entry points (lemma_init, lemma_of) are declared in token.h. */
#ifndef DY_LEMMA_H
#define DY_LEMMA_H

#include <stddef.h>

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

/* 1 when WordNet knows upper-case `word` as a noun or verb base form (tests). */
int lemma_is_known(const char *word, size_t n);

#endif
