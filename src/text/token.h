/* SPDX-License-Identifier: MIT */
/* Tokenizer and lemmatizer. Fourth pipeline stage; works on one sentence of
 * normalized text.
 *
 * A token is a byte range of the normalized text plus two derived forms that
 * the matcher uses: `norm`, the token upper-cased with typographic quotes and
 * dashes replaced by their plain ASCII forms, and `lemma`, the upper-cased base
 * form (MET -> MEET, CRISES -> CRISIS, AIRSTRIKES -> AIRSTRIKE) from WordNet's
 * exception lists plus English suffix rules. Dictionaries in dyad are matched in
 * upper case, as TABARI's are.
 *
 * Masked words ("**", "***", "[redacted]", "XXX") are single tokens flagged
 * TOK_MASKED: they can never become an actor or a verb.
 *
 * Shapes the matcher can rely on (details and reasons in tokenize.c):
 * hyphenated words are one token ("AL-QAEDA", "10-YEAR-OLD"), but a dotted
 * acronym keeps its dot and leaves the hyphen out ("U.S.-led" is U.S. / - /
 * LED); "'s" and the bare apostrophe of "ministers'" are TOK_POSSESS tokens
 * with norm "'S" and "'"; numbers keep thousands groups, decimals and attached
 * letters ("50,000", "11.8", "10BN"), while "$" is its own token. Lemmas are
 * given to lower-case words; capitalized words other than the first of the
 * sentence, and acronyms, keep lemma == norm (US, PARIS), except in a sentence
 * written wholly in capitals.
 *
 * Ownership: tokens and their norm/lemma strings live in the arena. */
#ifndef DY_TOKEN_H
#define DY_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "split.h"

enum dy_token_flag {
	TOK_WORD    = 1 << 0, /* starts with a letter */
	TOK_NUMBER  = 1 << 1, /* starts with a digit */
	TOK_PUNCT   = 1 << 2, /* punctuation only */
	TOK_CAP     = 1 << 3, /* first letter is upper case */
	TOK_UPPER   = 1 << 4, /* every letter is upper case (and there are two or more) */
	TOK_MASKED  = 1 << 5, /* a masked word: never an actor or verb */
	TOK_ABBREV  = 1 << 6, /* ends in a dot that belongs to it ("U.S.", "Gen.") */
	TOK_POSSESS = 1 << 7  /* the possessive "'s" split off the word before */
};

typedef struct dy_token {
	uint32_t    off;       /* byte offset in the normalized text */
	uint32_t    len;       /* bytes */
	uint32_t    flags;     /* dy_token_flag bits */
	uint32_t    norm_len;
	uint32_t    lemma_len;
	const char *norm;      /* upper case, plain quotes/dashes, NUL-terminated */
	const char *lemma;     /* upper-case base form, NUL-terminated; == norm when unchanged */
} dy_token;

/* norm and lemma of every TOK_MASKED token. It starts with a control character,
 * which the normalizer removes from text, so no dictionary word can equal it. */
#define TOK_MASKED_NORM "\x01MASKED"

/* Upper bound on tokens per sentence: a longer sentence is cut there (and the
 * caller is told through the return value being the cap). */
enum { TOK_MAX_PER_SENTENCE = 4096 };

/* Tokenizes text[s.off .. s.off+s.len). Returns the number of tokens; *out lives
 * in the arena. */
size_t tok_sentence(dy_arena *a, const char *text, dy_span s, dy_token **out);

/* Loads the lemma tables once (WordNet exception lists compiled into the binary);
 * safe to call from several threads after the first call returns. */
void lemma_init(void);

/* Writes the upper-case lemma of upper-case `word` into out (capacity cap);
 * returns its length, or 0 when the word is its own lemma. */
size_t lemma_of(const char *word, size_t n, char *out, size_t cap);

#endif
