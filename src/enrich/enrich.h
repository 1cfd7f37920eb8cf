/* SPDX-License-Identifier: MIT */
/* Enrichment: what an analyst needs beside who-did-what-to-whom. For one coded
 * event (engine/engine.h) it looks up the CAMEO code's name, root, quad class
 * and Goldstein value (codebook.h), its PLOVER event type, mode and context
 * (plover.h), dates the event (when.h: a date phrase governing the verb moves
 * it off the document's date), and places it (place.h, when a gazetteer is
 * loaded: the sentence's place names, scanned once per sentence, and the one
 * attached to the verb, decided by the event's actors' countries).
 * enrich_record() then turns the result into the writers' record
 * (write/write.h).
 *
 * Tense (docs/output.md, "Event date"): a verb is future when one of WILL,
 * WOULD, SHALL, 'LL stands among the three tokens before it, or when it
 * follows TO after IS, ARE, WAS, WERE, BE, PLANS, PLAN, PLANNED, PLANNING,
 * DUE, EXPECTED, SCHEDULED, SET, GOING, INTENDS or AIMS ("is to visit", "is
 * due to arrive", "plans to meet"); past when it ends in -ED or is an
 * irregular form (its lemma differs); unknown otherwise.
 *
 * Threads: a dy_enricher is read-only after enrich_init(); every function is
 * safe from any number of threads. Nothing here allocates (enrich_record()'s
 * date phrase points into the text); enrich_sentence() keeps its sentence's
 * place names on the stack (about 70 KB, place.h). */
#ifndef DY_ENRICH_H
#define DY_ENRICH_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "enrich/codebook.h"
#include "enrich/gazetteer.h"
#include "enrich/place.h"
#include "enrich/plover.h"
#include "enrich/when.h"
#include "text/token.h"
#include "write/write.h"

/* A place where the event happened. Strings belong to the gazetteer. */
typedef struct dy_enrich_place {
	const char *name;        /* "Beijing" */
	char        country[3];  /* ISO 3166-1 alpha-2: "CN" */
	const char *admin1;      /* "Beijing"; NULL or "" when none */
	double      lat, lon;    /* degrees; NAN when the gazetteer has none */
	long        geonames_id; /* 0 when unknown (countries, regions) */
} dy_enrich_place;

/* Settings shared by every call; read-only once set. */
typedef struct dy_enricher {
	const dy_gazetteer *gaz; /* NULL: no location is looked for */
	int                 no_dates; /* 1: every event keeps the document's date */
} dy_enricher;

/* What enrichment adds to one event. */
typedef struct dy_enriched {
	const dy_code_info *info;       /* codebook row (nearest listed ancestor for a
	                                 * stray code such as "0330"); NULL: no CAMEO code */
	const dy_plover    *plover;     /* NULL when the code has no PLOVER row */
	dy_date             date;       /* {0,0,0} when unknown */
	int                 date_from_text;
	uint32_t            phrase_off; /* the date phrase in the text (date_from_text) */
	uint32_t            phrase_len;
	size_t              verb_tok;   /* token of the verb; n_toks when unknown */
	int                 tense;      /* dy_when_tense */
	int                 has_place;
	dy_enrich_place     place;
} dy_enriched;

/* Zeroes *en (no gazetteer: locations absent). */
void enrich_init(dy_enricher *en);

/* Enriches event e of a sentence: toks[0..n_toks) of `text` (the normalized
 * document text), in a document dated doc_date ({0,0,0}: unknown). */
void enrich_event(const dy_enricher *en, const char *text, const dy_token *toks,
                  size_t n_toks, const dy_event *e, dy_date doc_date,
                  dy_enriched *out /* OUT */);

/* enrich_event() for every event of one sentence, ev[0..n_ev) into
 * out[0..n_ev): the same results, with the sentence's work done once (events
 * sharing a verb share its date; with the same actors' countries, its place). */
void enrich_sentence(const dy_enricher *en, const char *text, const dy_token *toks,
                     size_t n_toks, const dy_event *ev, size_t n_ev, dy_date doc_date,
                     dy_enriched *out /* OUT */);

/* Fills the writers' record of an enriched event. Every pointer of r borrows
 * from its arguments: valid while they are. `doc_id`, `url`, `news_source`
 * come from the document (url and news_source may be NULL); sentence is the
 * sentence's index in the document, event_index the event's in the sentence,
 * sent/sent_len the sentence's text. */
void enrich_record(const dy_enriched *x, const dy_event *e, const char *text,
                   const char *doc_id, const char *url, const char *news_source,
                   long sentence, long event_index, const char *sent, size_t sent_len,
                   dy_record *r /* OUT */);

/* The token of the engine's word index `word` (dy_event.verb_word): replays the
 * engine's input filter (masked tokens and split-off possessives make no word,
 * hyphens split a token into several words, "N'T" joins the word before).
 * Returns n_toks when there is no such word. */
size_t enrich_word_token(const dy_token *toks, size_t n_toks, uint32_t word);

/* 1 when toks[0..n_toks) of `text` hold a word or number a date phrase could
 * be anchored on (a capitalised month or weekday, yesterday, ..., an ISO
 * date); 0 when no date phrase can be there and when_resolve() need not be
 * asked. */
int enrich_may_have_date(const char *text, const dy_token *toks, size_t n_toks);

/* dy_when_tense of the verb at toks[verb] (rules above). */
int enrich_tense(const dy_token *toks, size_t n_toks, size_t verb);

#endif
