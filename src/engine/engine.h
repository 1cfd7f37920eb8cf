/* SPDX-License-Identifier: MIT */
/* The coding engine: match -> sparse parse -> code, over one sentence of tokens.
 *
 * Input is the token array of one sentence (text/token.h) and the dictionary
 * model (dict/dict.h); output is a list of events. The engine follows the
 * TABARI manual's coding rules (chapters 5-8): dictionary phrases with stems,
 * regular endings and gaps; agents joined to actors (Gondor's Prime Minister ->
 * GONGOV); parsed and coded compound actors; determiners and capitals turning
 * verbs into nouns; comma-delimited clauses dropped; clauses split at
 * conjunctions; pronouns dereferenced; verb patterns with $ + % ^, synsets and
 * alternatives; passive voice; subordinate, dominant and paired codes; discard
 * and complex codes; the COMPLEX, DEFAULT, COMMA and CODE BY options.
 *
 * Threads: the dictionary and the options are read-only here, so any number of
 * threads may code at once, each with its own arena.
 *
 * Memory: everything an engine call returns lives in the arena passed to it and
 * is valid until that arena is reset. Work per sentence is bounded: at most
 * ENG_MAX_WORDS words are looked at, pattern matching has a step budget, and a
 * sentence yields at most ENG_MAX_EVENTS events. */
#ifndef DY_ENGINE_H
#define DY_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "dict/dict.h"
#include "text/token.h"
#include "util/arena.h"
#include "util/buf.h"

enum {
	ENG_MAX_WORDS  = 1024, /* words of one sentence looked at; the rest is cut */
	ENG_MAX_EVENTS = 64,   /* events from one sentence (TABARI's limit too) */
	ENG_CODE_LEN   = 40,   /* bytes of an actor or event code, with its NUL */
	ENG_MAX_STEPS  = 200000 /* pattern-matching steps for one sentence */
};

/* Coding options: TABARI's .options settings that change coding (manual ch. 8).
 * engine_opts_init() gives TABARI's defaults; engine_opts_from_dict() takes the
 * dictionary's options file; engine_opts_line() applies one option line, as
 * validation records do with "{ OPTION: ... }". */
typedef struct dy_engine_opts {
	int  code_by;          /* 0 by clause (default), 1 by sentence, 2 all */
	int  min_words;        /* sentences with fewer words (commas count) are not coded */
	int  max_words;        /* a sentence with more words is complex (0: no limit) */
	int  cx_verbs, cx_actors, cx_pronouns, cx_conj; /* COMPLEX: thresholds, 0 off */
	int  cx_noactprior;    /* COMPLEX: NOACTPRIOR */
	int  cx_noverb;        /* COMPLEX: NOVERB */
	int  convert_agents;   /* SET: CONVERT AGENTS */
	int  time_shift;       /* use <TIME> phrases */
	int  yyyy;             /* SET: YYYY (dates with 4-digit years) */
	char default_source[ENG_CODE_LEN]; /* "" when unset */
	char default_target[ENG_CODE_LEN];
	int  default_prior;    /* default source only when no actor before the verb */
	int  default_after;    /* default target whenever no actor after the verb */
	int  comma_off;        /* COMMA: OFF */
	int  comma_bmin, comma_bmax, comma_min, comma_max, comma_emin, comma_emax;
	int  forward;          /* FORWARD: pronouns at the start take the last actor */
} dy_engine_opts;

void engine_opts_init(dy_engine_opts *o);
void engine_opts_from_dict(dy_engine_opts *o, const dy_options *d);
/* Applies one TABARI option line ("SET: CODE BY SENTENCE", "COMPLEX: VERBS[5]",
 * "DEFAULT: OFF", "COMMA: MIN = 4 MAX = 6", ...). Returns 0 when understood,
 * -1 when the line was not understood (nothing changed). */
int engine_opts_line(dy_engine_opts *o, const char *line);

/* One event. Fixed-size fields so that a list of events needs one allocation;
 * fields computed later (enrichment) go in the enrich stage's own record. */
typedef struct dy_event {
	char     source[ENG_CODE_LEN];
	char     target[ENG_CODE_LEN];
	char     code[ENG_CODE_LEN];   /* CAMEO event code ("042") */
	int32_t  date;                 /* YYYYMMDD, after any time shift */
	uint32_t verb_word;            /* word index of the verb in the sentence */
	uint32_t src_word, tgt_word;   /* word index of the actors (UINT32_MAX: default) */
	uint32_t verb_entry;           /* index in dict entries of the verb form */
	uint32_t pattern;              /* index in dict patterns, or DY_NONE (root) */
	uint32_t src_entry, tgt_entry; /* actor entries, or DY_NONE */
	uint32_t verb_tok;             /* token of verb_word, src_word, tgt_word in the */
	uint32_t src_tok, tgt_tok;     /* sentence coded (UINT32_MAX: none); valid when */
	uint32_t tok_known;            /* tok_known is 1 (the engine's events), so that
	                                * news rules need not replay the word filter */
} dy_event;

/* What became of a sentence. */
typedef enum dy_code_status {
	ENG_CODED = 0,   /* events were looked for (there may be none) */
	ENG_DISCARD,     /* a discard code [###] was found: no events */
	ENG_COMPLEX,     /* a complex code [+++] or condition: no events */
	ENG_SHORT,       /* fewer words than the minimum: not coded */
	ENG_EMPTY        /* no words */
} dy_code_status;

typedef struct dy_coding {
	dy_code_status status;
	const char    *why;       /* for DISCARD/COMPLEX: a short reason (static) */
	dy_event      *events;    /* in the arena */
	size_t         n_events;
	uint32_t       n_words;   /* words after the engine's filtering */
} dy_coding;

/* State carried from one sentence to the next of a document (pronoun
 * forwarding). Zero it at the start of each document. */
typedef struct dy_engine_carry {
	char codes[4][ENG_CODE_LEN]; /* first actor of the previous sentence */
	int  n;
	int  compound;
} dy_engine_carry;

/* The engine for one dictionary: filters computed from the model so that
 * most phrases and patterns are rejected with one AND. Build it after the
 * dictionary is loaded; any number of threads may then share it (what it
 * computes later, it publishes atomically). */
typedef struct dy_engine {
	const dy_dict *d;
	uint16_t      *ekey;     /* per element: two-letter key, 0xFFFF when none */
	uint16_t      *e3;       /* per element: three-letter key, 0xFFFF when none */
	/* Per dictionary head and per verb, the packed form the engine reads,
	 * built the first time a sentence needs it and published atomically
	 * (engine.c: head_get(), verb_get()), so that engine_new() is cheap and
	 * threads may share the engine without a lock. */
	_Atomic(struct eg_head *) *heads;
	_Atomic(struct eg_verb *) *verbs;
	uint32_t       n_heads;
	uint64_t       id;       /* unique per engine made: keys the per-thread word cache */
} dy_engine;

dy_engine *engine_new(const dy_dict *d);
void engine_free(dy_engine *e); /* NULL-safe */

/* Codes one sentence: toks[0..n) of `text` (the normalized document text), on
 * `date` (YYYYMMDD; 0 when unknown: undated actor codes apply). `carry` may be
 * NULL. When `trace` is not NULL, a human-readable account of every decision
 * (words, dictionary entries with file:line, clauses, patterns tried, actors
 * chosen) is appended to it. The result lives in `a`. */
void engine_code(const dy_engine *eng, const dy_engine_opts *o, dy_arena *a,
                 const char *text, const dy_token *toks, size_t n, int32_t date,
                 dy_engine_carry *carry, dy_buf *trace, dy_coding *out /* OUT */);

/* YYYYMMDD of "YYYY-MM-DD" (or "YYYYMMDD"); 0 when absent or invalid. */
int32_t engine_date(const char *s);
/* Adds `days` to a YYYYMMDD date. */
int32_t engine_date_add(int32_t date, int days);

#endif
