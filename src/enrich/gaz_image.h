/* SPDX-License-Identifier: MIT */
/* Gazetteer internals shared by gazetteer.c (the TSV parser, the file search
 * and the lookups) and gaz_image.c (the binary image: its layout, the builder
 * that makes one, and the loader that checks one and maps it). Not a public
 * header: tests and tools use gazetteer.h.
 *
 * Model: a gazetteer is always an image. Parsing the TSV feeds a builder whose
 * output is an image in memory; a saved image (build/gen/gazetteer.bin) is the
 * same bytes, mapped read-only. Lookups read only the image, so a TSV and its
 * image cannot answer differently. docs/gazetteer.md describes the format.
 *
 * Image layout (every integer in the writer's byte order, which the header
 * records; every section starts on a multiple of 8 bytes):
 *   header   gaz_header
 *   places   n_places gaz_placerec, in file order
 *   pool     NUL-terminated strings (display names, admin1, codes); the
 *            string at offset 0 is ""; the last byte is NUL
 *   slots    cap gaz_slot (cap a power of two, at least four times the
 *            keys): open addressing, linear probing on gaz_key_hash(); a key sits at most max_probe slots from
 *            its home slot; rec GAZ_EMPTY marks an empty slot
 *   recs     one gaz_rec per key (4-aligned): the key's bytes (padded to 4)
 *            then n_hits hit words (place << GAZ_HIT_SHIFT | flags) in file
 *            order
 * Offsets are relative to their section: no pointers, so the file maps
 * anywhere. Changing the layout, gaz_key_hash() or gaz_key() needs a new
 * GAZ_IMAGE_VERSION. */
#ifndef DY_GAZ_IMAGE_H
#define DY_GAZ_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "enrich/gazetteer.h"

#define GAZ_MAGIC         "dyadgaz"  /* 8 bytes with its NUL */
#define GAZ_IMAGE_VERSION 1
#define GAZ_BYTE_ORDER    0x01020304u
#define GAZ_EMPTY         UINT32_MAX

enum {
	GAZ_HIT_SHIFT  = 8,        /* a hit word: place index << 8 | dy_gaz_hit_flag */
	GAZ_MAX_PLACES = 1 << 24,  /* what a hit word can index */
	GAZ_MAX_KEY    = GAZ_MAX_NAME * 2 + 8 /* bytes of a folded key, with its NUL */
};

enum { GAZ_SEC_PLACES, GAZ_SEC_POOL, GAZ_SEC_SLOTS, GAZ_SEC_RECS, GAZ_SECTIONS };

typedef struct gaz_header {
	char     magic[8];              /* GAZ_MAGIC */
	uint32_t version;               /* GAZ_IMAGE_VERSION */
	uint32_t byte_order;            /* GAZ_BYTE_ORDER as the writer stored it */
	uint32_t header_size;           /* sizeof (gaz_header) */
	uint32_t max_words;             /* longest name in words */
	uint64_t file_size;             /* bytes of the whole image */
	uint64_t source_size;           /* bytes of the TSV it was made from */
	uint64_t n_places;
	uint64_t n_keys;                /* names and word prefixes of names */
	uint64_t cap;                   /* slots, a power of two */
	uint64_t max_probe;             /* longest probe run of a present key */
	uint64_t off[GAZ_SECTIONS];     /* from the start of the image */
	uint64_t size[GAZ_SECTIONS];    /* bytes */
	char     utf8proc[16];          /* utf8proc_version() that folded the keys */
	uint64_t check;                 /* gaz_header_check() of the header */
} gaz_header;

typedef struct gaz_placerec {
	double   lat, lon;              /* NAN when unknown */
	uint32_t name, admin1, code;    /* offsets in the pool */
	uint32_t geonames_id;
	uint32_t population;
	uint8_t  kind;                  /* dy_place_kind */
	char     cc[3];                 /* NUL-terminated */
	char     cc3[4];                /* NUL-terminated */
	uint32_t pad;                   /* 0 */
} gaz_placerec;

typedef struct gaz_slot {
	uint32_t hash;                  /* key_hash() of the key */
	uint32_t rec;                   /* offset in recs; GAZ_EMPTY: empty slot */
} gaz_slot;

typedef struct gaz_rec {
	uint32_t n_hits;                /* 0: only a prefix of longer names */
	uint16_t len;                   /* bytes of the key */
	uint8_t  prefix;                /* 1: a longer name starts with key + ' ' */
	uint8_t  pad;                   /* 0 */
	/* then the key (padded to 4), then n_hits uint32_t hit words */
} gaz_rec;

/* A loaded gazetteer: an image (mapped or in memory) and the dy_place array
 * made from its place records, which is what lookups hand out. */
struct dy_gazetteer {
	const unsigned char *img;       /* the image; NULL: empty gazetteer */
	size_t               img_size;
	int                  mapped;    /* 1: munmap() img; 0: free() it */
	dy_place            *places;
	size_t               n_places;
	const gaz_slot      *slots;
	size_t               cap;       /* 0: nothing to find */
	size_t               max_probe;
	const unsigned char *recs;
	size_t               recs_size;
	size_t               n_keys;
	size_t               counts[4];
	size_t               max_words;
};

/* The hash of the slots; part of the image format (and so of the byte order
 * the header records). Eight bytes a step, the last one to eight read as two
 * overlapping words: keys are short ("tripoli", "new york") and this runs for
 * every capitalised word run of every sentence, where a byte-wise hash cost
 * four instructions a byte. Each step multiplies by an odd constant and folds
 * the high half down, so every key byte reaches the low bits that index the
 * table. */
static inline uint64_t gaz_hash_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 32);
}

static inline uint32_t gaz_key_hash(const char *s, size_t n)
{
	uint64_t h = gaz_hash_mix(0x243f6a8885a308d3ull, n);
	for (; n > 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = gaz_hash_mix(h, w);
	}
	uint64_t w = 0;
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = a | (uint64_t)b << 32;
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	}
	h = gaz_hash_mix(h, w);
	return (uint32_t)(h ^ (h >> 29));
}

/* ---- building an image (gaz_image.c) ---- */

typedef struct gaz_bkey {
	uint32_t off, len;              /* in kpool */
	uint32_t hash;
	uint32_t prefix;
	uint32_t first, last;           /* chain of hits in file order; GAZ_EMPTY: none */
	uint32_t n_hits;
	uint32_t last_place;            /* place of the last hit */
} gaz_bkey;

typedef struct gaz_bhit {
	uint32_t word;                  /* place << GAZ_HIT_SHIFT | flags */
	uint32_t next;                  /* GAZ_EMPTY ends the chain */
} gaz_bhit;

typedef struct gaz_builder {
	gaz_placerec *places;
	size_t        n_places, places_cap;
	char         *pool;             /* place strings; offset 0 is "" */
	size_t        pool_len, pool_cap;
	char         *kpool;            /* keys, unterminated */
	size_t        kpool_len, kpool_cap;
	gaz_bkey     *keys;             /* in the order first seen */
	size_t        n_keys, keys_cap;
	uint32_t     *table;            /* key indexes by hash; GAZ_EMPTY: free */
	size_t        cap;              /* power of two */
	gaz_bhit     *hits;
	size_t        n_hits, hits_cap;
	size_t        max_words;
	uint64_t      source_size;
} gaz_builder;

/* Sized for about n_names names and n_places places (it grows past them). */
void gaz_builder_init(gaz_builder *b, size_t n_names, size_t n_places);
void gaz_builder_free(gaz_builder *b);
/* Copies s[0..n) (no NUL inside) into the pool; returns its offset. */
uint32_t gaz_builder_str(gaz_builder *b, const char *s, size_t n);
/* Adds the key k[0..n) (gaz_key() form) of place index place, and its word
 * prefixes. Two names of one place folding alike: the first one counts. */
void gaz_builder_key(gaz_builder *b, const char *k, size_t n, uint32_t place, unsigned flags);
/* The image of what was added: a malloc'd buffer (*size bytes), or NULL when
 * it would not fit the format's 32-bit offsets. */
unsigned char *gaz_builder_finish(gaz_builder *b, size_t *size /* OUT */);

/* ---- loading an image (gaz_image.c) ---- */

/* Checks img[0..size) and makes g use it (g takes img: mapped says how to
 * release it). Returns 0, or -1 with the reason in why (g unchanged). */
int gaz_image_attach(dy_gazetteer *g, const unsigned char *img, size_t size, int mapped,
                     char *why /* OUT */, size_t why_cap);

enum { GAZ_IMG_OK = 0, GAZ_IMG_BAD = -1, GAZ_IMG_STALE = -2 };

/* Maps the image file path and attaches it. src: the TSV beside it, or NULL;
 * an image older than src or made from a TSV of another size is stale.
 * Returns GAZ_IMG_OK, GAZ_IMG_BAD or GAZ_IMG_STALE (the reason in why). */
int gaz_image_map(dy_gazetteer *g, const char *path, const struct stat *src,
                  char *why /* OUT */, size_t why_cap);

/* 1 when the file starts like an image (its magic). */
int gaz_image_sniff(const char *path);

#endif
