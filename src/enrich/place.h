/* SPDX-License-Identifier: MIT */
/* The place of an event. Part of the enrich stage: finds the place names of a
 * sentence's tokens in the gazetteer and chooses the one attached to the
 * event's verb.
 *
 * Matching: token sequences, longest first ("Gaza City" before "Gaza", "New
 * Delhi" before "Delhi"), of capitalised words (TOK_CAP; a lower-case word may
 * stand inside a name, "Rio de Janeiro"). A name that is also an English word
 * ("Nice", "Reading", "Split", gazetteer flag GAZ_HIT_COMMON) counts only right
 * after "in", "at", "near", "to", "into", "from", "inside" or "outside" ("in
 * Nice"; not "on Sale day"). Months, weekdays and the like never
 * count (the gazetteer leaves them out). A town or region name followed by
 * another capitalised word ("Washington Post", "Georgia Tech") is not a place
 * unless a place preposition comes before it.
 *
 * Choice, best first (docs/gazetteer.md):
 *   0. after the verb, after "in", "at", "near", "to", "into", "on", "over",
 *      "inside", "outside", "across", "toward(s)", "around", "throughout",
 *      "within" (a few lower-case words such as "the southern city of" may
 *      stand between), or joined to such a place by "and", "or" or a comma
 *      ("strikes in Syria and Iraq" -> Syria; the nearest wins);
 *   1. after the verb, after "from" or "via";
 *   2., 3. the same before the verb ("In Riyadh, the minister said ...");
 *   4. any other place after the verb, then 5. before it.
 * Within a rank the place nearest the verb wins. Ambiguous names are decided
 * by gaz_pick() (actors' countries, then population).
 *
 * Pure functions: no allocation, no global state; the gazetteer is read only,
 * so any number of threads may call these at once. */
#ifndef DY_PLACE_H
#define DY_PLACE_H

#include <stddef.h>
#include <stdint.h>

#include "enrich/gazetteer.h"
#include "text/token.h"

/* An event's location: the fields of the output's `location` object. */
typedef struct dy_location {
	const dy_place *place;       /* in the gazetteer; NULL: no location */
	const char     *name;        /* display name ("Kyiv" for "Kiev") */
	const char     *admin1;      /* first-level region; "" for a country */
	char            country[3];  /* ISO 3166-1 alpha-2 ("UA") */
	char            country3[4]; /* ISO 3166-1 alpha-3 ("UKR") */
	double          lat, lon;    /* NAN when the gazetteer has no coordinates */
	uint32_t        geonames_id; /* 0 for a country or region */
	int             kind;        /* dy_place_kind */
	size_t          tok_first;   /* the mention: tokens [tok_first, tok_end) */
	size_t          tok_end;
	int             rank;        /* 0-5, as in the list above */
} dy_location;

/* One place name found in a sentence. */
typedef struct dy_place_mention {
	const dy_place *place;
	size_t          tok_first, tok_end;
	int             prep;        /* 0 none, 1 in/at/to..., 2 from/via */
} dy_place_mention;

enum { PLACE_MAX_MENTIONS = 64 }; /* mentions looked at per sentence */

/* The place names of one sentence, found once for all its events: which
 * names stand where does not depend on the event, only the choice among the
 * places a name may mean does (gaz_pick() with the actors' countries).
 * PLACE_MAX_HITS holds every kept hit of PLACE_MAX_MENTIONS names of at most
 * 64 places each. About 70 KB: a caller's stack holds one. */
enum { PLACE_MAX_HITS = PLACE_MAX_MENTIONS * 64 };
typedef struct dy_place_scan {
	size_t           n;                          /* mentions found */
	dy_place_mention m[PLACE_MAX_MENTIONS];      /* place NULL: not yet picked */
	uint32_t         hit_first[PLACE_MAX_MENTIONS], n_hits[PLACE_MAX_MENTIONS];
	dy_gaz_hit       hits[PLACE_MAX_HITS];       /* the places each name may mean */
} dy_place_scan;

/* Finds the place names of toks[0..n) into *s (what place_scan() finds, the
 * choice among each name's places left to place_choose()). */
void place_scan_sentence(const dy_gazetteer *g, const dy_token *toks, size_t n,
                         dy_place_scan *s /* OUT */);

/* place_find() over a sentence scanned by place_scan_sentence(): the same
 * result, without reading the sentence again. */
int place_choose(const dy_place_scan *s, size_t n, size_t verb_index,
                 const char *const *actor_countries, size_t n_countries,
                 dy_location *out /* OUT */);

/* Finds every place name of toks[0..n) (left to right, longest match first,
 * no overlaps), resolves each with the actors' countries (see gaz_pick()),
 * writes at most cap into out and returns how many were written. */
size_t place_scan(const dy_gazetteer *g, const dy_token *toks, size_t n,
                  const char *const *actor_countries, size_t n_countries,
                  dy_place_mention *out /* OUT */, size_t cap);

/* Chooses the place of the event whose verb is toks[verb_index] (verb_index
 * >= n: no verb known, every place counts as after it). actor_countries: the
 * event's actor codes or ISO alpha-3 codes (first three letters are read).
 * Returns 1 and fills *out when a place was found, else 0 with out->place
 * NULL. */
int place_find(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t verb_index,
               const char *const *actor_countries, size_t n_countries,
               dy_location *out /* OUT */);

/* Fills *out from a place (the mention span left 0, 0). */
void place_location(const dy_place *p, dy_location *out /* OUT */);

#endif
