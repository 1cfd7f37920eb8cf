/* SPDX-License-Identifier: MIT */
/* Sentence splitter and dateline detector. Third pipeline stage; works on
 * normalized text (normalize.h).
 *
 * A dateline ("RIYADH, Feb 5 (Reuters) -", "WASHINGTON (AP) —") at the start of a
 * document is document metadata, not a sentence: dateline_find() reports it and
 * where the body starts. split_sentences() knows abbreviations ("U.S.", "Gen.",
 * "Jan.", "D.C."), initials, quotations and parentheses. */
#ifndef DY_SPLIT_H
#define DY_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct dy_span {
	uint32_t off; /* byte offset in the normalized text */
	uint32_t len; /* bytes */
} dy_span;

typedef struct dy_dateline {
	dy_span place;    /* "RIYADH"; len 0 when absent */
	dy_span agency;   /* "Reuters"; len 0 when absent */
	int     year;     /* 0 when the dateline gives none */
	int     month;    /* 1-12, 0 when absent */
	int     day;      /* 1-31, 0 when absent */
	uint32_t body;    /* offset where the text after the dateline starts */
} dy_dateline;

/* Looks for a dateline at the start of text. Returns 1 and fills *dl when one is
 * found, else 0 with dl->body = 0. */
int dateline_find(const char *text, size_t n, dy_dateline *dl);

/* Splits text[0..n) into sentences, trimmed of surrounding whitespace; empty
 * sentences are not returned. *out lives in the arena. Returns the count. */
size_t split_sentences(dy_arena *a, const char *text, size_t n, dy_span **out);

/* 1 when the word ending just before a '.' is a known abbreviation (exposed for
 * tests and for measuring splits): `word` is the word without its final dot.
 * Same as abbrev_kind(word, n) != ABBR_NONE, so dotted acronyms and single
 * capital initials count as known. */
int abbrev_is_known(const char *word, size_t n);

/* How a word that ends in '.' bears on a sentence end (abbrev_kind()). */
enum dy_abbrev_kind {
	ABBR_NONE = 0, /* an ordinary word: its dot ends a sentence before a capital */
	ABBR_TITLE,    /* "Gen.", "Mr.", "Sen.": stands before a name, never ends one */
	ABBR_NUMBER,   /* "No.", "pp.": an abbreviation only before a number */
	ABBR_MONTH,    /* "Jan.": never ends before a number, else as ABBR_AMBIG */
	ABBR_AMBIG,    /* "Inc.", "U.S.", "a.m.", initials: ends a sentence only
	                * before a likely sentence starter ("The", "He", "But") */
	ABBR_INNER     /* "vs.", "e.g.": never ends a sentence */
};

/* The kind of `word` (without its final dot, `n` bytes): from the list in
 * abbrev.c, else ABBR_AMBIG for dotted letter groups ("U.A.E", "Ph.D") and
 * single capital letters (initials), else ABBR_NONE. An ALL-CAPS word is also
 * looked up in title and lower case ("GEN" finds "Gen"). */
int abbrev_kind(const char *word, size_t n);

/* Longest sentence split_sentences() returns, in bytes: a longer run without a
 * sentence end is cut at its last space before the limit (or, with no space, at
 * a character boundary). Bounds the work of every later stage. */
#define SPLIT_SENTENCE_MAX 8192

#endif
