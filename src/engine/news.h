/* SPDX-License-Identifier: MIT */
/* News rules: what `dyad code` and `dyad explain` do to the engine's events
 * of one sentence before they are enriched and written, for the way news is
 * written (docs/output.md, "News rules"). The engine (engine.h) follows the
 * TABARI manual's coding rules, which `dyad validate` tests; these rules come
 * after it, so validation never sees them.
 *
 * modality.c  news_mood(): an event whose verb did not happen is dropped:
 *             negated ("did not send", "has not yet met", "never attacked",
 *             "won't attend", "no longer", "neither ... nor", "refused to",
 *             "failed to"), inside an if/unless/whether clause, in a question
 *             (its clause ends in '?'), or after a speculative or prescriptive
 *             modal ("could", "might", "may", "should", "must"), or as the
 *             subject of one ("a Russian attack on NATO would ..."), or
 *             forecast ("is expected to visit", "unlikely to"). Intent
 *             ("will", "would") stays: the dictionaries code it as 03x or 13x.
 *             A verb word that is a noun before OF ("there is talk of",
 *             "fears of", "head of") is no act either, nor a gerund after
 *             of/for/about/against/without/from ("accused of attacking",
 *             "prevented from destroying"): the content of another act.
 *             A cue that the matched verb pattern itself spells (a pattern
 *             "- WILL_NOT_* [125]" codes the refusal) keeps the event.
 * complete.c  news_apply(): runs news_mood() on every event, then completes
 *             the actors: a lone agent ("~COP": police, the government, with
 *             no country) takes the one country of the sentence (the other
 *             actors' countries first, else the countries the sentence names,
 *             else the document's last single country) and is never written
 *             with the tilde ("RUSCOP", or "COP" when no one country is
 *             known); events whose source and target end up equal are
 *             dropped, and so are events whose actor is equipment (drones,
 *             tanks, missiles) with no country, and events whose source is a
 *             place a locative preposition governs ("the Kurdish
 *             administration in Syria has charged him": not SYR), unless
 *             the verb is passive ("was arrested in Lebanon"), and events
 *             whose source is the speaker of a reported clause with another
 *             subject ("Iran said Israel attacked its embassy": not IRN).
 *
 * Threads: read-only use of the dictionary; the carry is per document. */
#ifndef DY_NEWS_H
#define DY_NEWS_H

#include <stddef.h>
#include <stdint.h>

#include "dict/dict.h"
#include "engine/engine.h"
#include "text/token.h"
#include "util/buf.h"

/* Why an event's verb did not happen (news_mood()). */
typedef enum dy_news_mood {
	NEWS_DONE = 0,     /* nothing says otherwise: keep */
	NEWS_NEGATED,      /* not, n't, never, no longer, neither/nor, refused/failed to */
	NEWS_CONDITIONAL,  /* inside an if / unless / whether clause */
	NEWS_QUESTION,     /* the verb's clause ends in '?' */
	NEWS_MODAL,        /* could, might, may, should, must */
	NEWS_NOUN,         /* the verb word is a noun: "talk of", "fears of" */
	NEWS_CONTENT       /* a gerund after of/for/about/against/without/from */
} dy_news_mood;

/* State carried from one sentence to the next of a document. Zero it at the
 * start of each document. */
typedef struct dy_news_carry {
	char country[4];   /* the last sentence's one country ("SEN"); "" none */
} dy_news_carry;

/* The token of the event's verb (its engine word index mapped back through
 * the engine's input filter); n when unknown. */
size_t news_verb_token(const dy_token *toks, size_t n, const dy_event *e);

/* Whether the verb at toks[verb] of event e happened (rules above). *cue is
 * set to the token that says it did not (n when none). `d` may be NULL (no
 * pattern check). */
dy_news_mood news_mood(const dy_dict *d, const dy_token *toks, size_t n,
                       const dy_event *e, size_t verb, size_t *cue /* OUT */);

/* "negated", "conditional", ... for messages. */
const char *news_mood_name(dy_news_mood m);

/* 1 when `code` begins with a country code (RUS, RUSCOP, PSEREB), writing
 * its three letters and a NUL into cc; 0 for IGO/NGO/regions/agents/"~".. */
int news_country_of(const char *code, char cc[4] /* OUT */);

/* Whether the actor at toks[at] is a place a locative preposition governs
 * ("in Syria", "near the Turkish border"): the preposition's token, or n. */
size_t news_place_actor(const dy_token *toks, size_t n, size_t at);

/* Applies every rule to ev[0..n_ev) of one sentence (toks[0..n) on `date`,
 * YYYYMMDD or 0), keeping the surviving events in order at the front of ev
 * and returning how many survive. When trace is not NULL one line a decision
 * is appended ("  dropped 072 (DEU->UKR): negated by 'NOT' at token 2"). */
size_t news_apply(const dy_dict *d, const dy_token *toks, size_t n, int32_t date,
                  dy_event *ev, size_t n_ev, dy_news_carry *carry, dy_buf *trace);

/* ---- word tests shared by the rules' files (modality.c, complete.c) ---- */

/* s[0..n) equals the C string w. Byte by byte, so word lists mostly fail on
 * the first byte and no strlen() is run per listed word. */
static inline int str_is(const char *s, uint32_t n, const char *w)
{
	for (uint32_t i = 0; i < n; i++)
		if (w[i] != s[i] || !w[i])
			return 0;
	return w[n] == '\0';
}

#endif
