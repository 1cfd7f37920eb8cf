/* SPDX-License-Identifier: MIT */
/* Private parts of the dictionary model shared by the files of src/dict: the string
 * store (arena plus intern table), growable-array helpers, and the lookup
 * index. Nothing here is part of the engine's contract (see dict.h). */
#ifndef DY_DICT_INT_H
#define DY_DICT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dict/dict.h"
#include "util/arena.h"
#include "util/xalloc.h"

/* Interned strings: an open-addressing table of pointers into the arena; each
 * slot keeps hash and length beside the pointer so a probe touches one cache
 * line. */
typedef struct dy_intern_slot {
	const char *p;       /* NULL or an interned string */
	uint32_t    hash;
	uint32_t    len;
} dy_intern_slot;

struct dy_dict_store {
	dy_arena        arena;
	char           *pool;      /* interned strings are cut from arena blocks of */
	size_t          pool_left; /* STORE_POOL bytes: pool is the free rest of one */
	dy_intern_slot *slot;
	uint32_t        cap;  /* power of two */
	uint32_t        used;
	/* Duplicate detection while loading: phrase hash -> entry index + 1,
	 * side by side so that a probe reads one cache line. */
	struct dy_dup_slot { uint32_t hash, val; } *dup;
	uint32_t        dup_cap, dup_used;
};

/* The lookup index over first words (index.c). Brought up to date after
 * every load, incrementally: entries already indexed are never changed by a
 * later load (loaders only append), so only the new entries are looked up
 * (`built`), and only the heads they add to get their lists laid out again,
 * at the end of `entries`; the old places of those lists are left unused
 * until there are more of them than of lists in use, when all the lists are
 * packed again. */
struct dy_dict_index {
	dy_head  *heads;     uint32_t n_heads;
	uint32_t *entries;   uint32_t n_entries;  /* the lists of every head and kind,
	                                            * and unused places; n_entries used */
	uint32_t  live;      /* places in lists */
	uint32_t  entcap;    /* capacity of entries */
	uint32_t *table;     /* head index + 1, 0 = empty; size mask + 1 */
	uint32_t *thash;     /* hash of the head in that slot */
	uint32_t  mask;
	uint32_t *by_ptr;    /* head index + 1 by the address of the interned head
	                      * text (ptr_hash); size mask + 1; for building only */
	uint32_t  built;     /* entries [0, built) are in the heads' lists */
	uint32_t  hcap;      /* capacity of heads and of mark */
	uint32_t  builds;    /* builds so far */
	struct dy_index_mark {/* by head: set when new entries reach it */
		uint32_t build;  /* the build that last did (builds then) */
		uint32_t slot;   /* its place in that build's list of heads to lay out */
	} *mark;
	uint64_t  lens;      /* bit k set: some head has length k (k < 63); bit 63: longer */
	uint8_t  *first2;    /* 65536 bits: first two bytes of some head */
	uint64_t *lens2;     /* by lens2_slot() of the first two bytes: lengths of the
	                      * heads of two or more bytes starting so (bits as `lens`);
	                      * slots are shared, so a set bit may be a false alarm */
	uint32_t *synset_tab;/* synset index + 1 by name hash; size smask + 1 */
	uint32_t  smask;
};

/* Indexes of d->cap_[] used by the growable arrays. */
enum { CAP_ENTRIES, CAP_VERBS, CAP_FORMS, CAP_PATTERNS, CAP_ELEMS, CAP_ALTS,
       CAP_SYNSETS, CAP_CODES };

/* Grows array *p (element size `sz`, `n` used, capacity *cap) to hold n+extra. */
void dict_grow(void **p, size_t sz, uint32_t n, uint32_t extra, uint32_t *cap);
/* Same, with the common "room enough" case inline: loading pushes one record
 * per line, and a call per push costs more than the push. */
static inline void dict_reserve(void **p, size_t sz, uint32_t n, uint32_t extra, uint32_t *cap)
{
	if ((uint64_t)n + extra > *cap)
		dict_grow(p, sz, n, extra, cap);
}
#define DICT_RESERVE(d, arr, count, capi, extra) \
	dict_reserve((void **)&(d)->arr, sizeof *(d)->arr, (d)->count, (extra), &(d)->cap_[capi])
#define DICT_PUSH(d, arr, count, capi) \
	(DICT_RESERVE(d, arr, count, capi, 1), &(d)->arr[(d)->count++])

/* Sorts v[0..n) ascending; tmp has room for n values. A merge sort on plain
 * keys: the loaders pack each sort order into one uint64_t (with the record's
 * position in the low bits, so keys are distinct and the order is total),
 * which costs far less than qsort's indirect comparisons. */
void dict_sort_u64(uint64_t *v, size_t n, uint64_t *tmp);

uint32_t dict_hash(const char *s, size_t n);
/* Returns the interned copy of s[0..n) (NUL-terminated). */
const char *dict_intern(dy_dict *d, const char *s, size_t n);
/* The hash of the intern table (not dict_hash(), which the lookup index
 * uses): eight bytes at a time, the words being hashed once each as they are
 * read. */
static inline uint64_t dict_intern_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	return h ^ (h >> 32);
}
static inline uint32_t dict_intern_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull, w;
	size_t q = 0;
	for (; q + 8 <= n; q += 8) {
		memcpy(&w, s + q, 8);
		h = dict_intern_mix(h, w);
	}
	/* the last bytes as a zero-padded load would see them, without a call */
	w = 0;
	for (size_t k = 0; q + k < n; k++)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w |= (uint64_t)(unsigned char)s[q + k] << (56 - 8 * k);
#else
		w |= (uint64_t)(unsigned char)s[q + k] << (8 * k);
#endif
	return (uint32_t)dict_intern_mix(h, w);
}
/* Same value, for a string followed by eight zero bytes (s[n..n+8) readable
 * and 0): the last word is loaded as it stands. */
static inline uint32_t dict_intern_hash_padded(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull, w;
	size_t q = 0;
	for (; q + 8 <= n; q += 8) {
		memcpy(&w, s + q, 8);
		h = dict_intern_mix(h, w);
	}
	memcpy(&w, s + q, 8);
	return (uint32_t)dict_intern_mix(h, w);
}
/* Same as dict_intern(), for n <= 65535 with h == dict_intern_hash(s, n)
 * already known. The probe is inline: the readers intern every word and
 * code, most of them already known. */
void dict_intern_grow(dy_dict_store *s);
const char *dict_intern_add(dy_dict *d, const char *s, size_t n, uint32_t h, uint32_t slot);
static inline const char *dict_intern_h(dy_dict *d, const char *str, size_t n, uint32_t h)
{
	dy_dict_store *s = d->store;
	if ((s->used + 1) * 2 > s->cap)
		dict_intern_grow(s);
	uint32_t j = h & (s->cap - 1);
	while (s->slot[j].p) {
		if (s->slot[j].hash == h && s->slot[j].len == n && !memcmp(s->slot[j].p, str, n))
			return s->slot[j].p;
		j = (j + 1) & (s->cap - 1);
	}
	return dict_intern_add(d, str, n, h, j);
}
/* Same as dict_intern_h(), for a key with at least 7 readable bytes after
 * it (r->word, a code copied with its padding), n <= DICT_MAX_WORD: the
 * key is compared eight bytes at a time, the stored copy having room for
 * as many (dict_intern_add() leaves it), not through a memcmp() call; the
 * bytes past either string are masked off. */
const char *dict_intern_add8(dy_dict *d, const char *str, size_t n, uint32_t h, uint32_t slot);
static inline int dict_intern_same8(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t q = 0;
	for (; q + 8 <= n; q += 8) {
		memcpy(&x, a + q, 8);
		memcpy(&y, b + q, 8);
		if (x != y)
			return 0;
	}
	if (q == n)
		return 1;
	memcpy(&x, a + q, 8);
	memcpy(&y, b + q, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return ((x ^ y) & ~(~0ull >> (8 * (n - q)))) == 0;
#else
	return ((x ^ y) & ~(~0ull << (8 * (n - q)))) == 0;
#endif
}
static inline const char *dict_intern_hp(dy_dict *d, const char *str, size_t n, uint32_t h)
{
	dy_dict_store *s = d->store;
	if ((s->used + 1) * 2 > s->cap)
		dict_intern_grow(s);
	uint32_t j = h & (s->cap - 1);
	while (s->slot[j].p) {
		if (s->slot[j].hash == h && s->slot[j].len == n &&
		    dict_intern_same8(s->slot[j].p, str, n))
			return s->slot[j].p;
		j = (j + 1) & (s->cap - 1);
	}
	return dict_intern_add8(d, str, n, h, j);
}
/* Makes room in the intern table for `more` strings at once (a reader
 * calls it with an estimate for its file). */
void dict_intern_reserve(dy_dict *d, uint32_t more);
/* Registers a file name for provenance; returns its index. */
uint16_t dict_file_add(dy_dict *d, const char *name);
/* Makes room for `more` entries in the duplicate table at once (a reader
 * calls it with an estimate for its file: one table, not a chain of
 * doublings each rehashing the last). */
void dict_dup_reserve(dy_dict *d, uint32_t more);
/* Hash of an entry's kind and phrase: interned words compare by pointer.
 * (Inline, with dict_dup_check(): the readers check every entry.) */
static inline uint32_t dict_phrase_hash(const dy_dict *d, const dy_entry *e)
{
	uint64_t h = 1469598103934665603ull ^ e->kind;
	for (uint16_t k = 0; k < e->ph.n; k++) {
		const dy_elem *el = &d->elems[e->ph.first + k];
		h = (h ^ (uint64_t)(uintptr_t)el->text) * 1099511628211ull;
		h = (h ^ (uint64_t)(el->flags | el->kind << 8)) * 1099511628211ull;
	}
	return (uint32_t)(h ^ (h >> 32));
}

static inline int dict_phrase_same(const dy_dict *d, const dy_entry *a, const dy_entry *b)
{
	if (a->kind != b->kind || a->ph.n != b->ph.n)
		return 0;
	for (uint16_t k = 0; k < a->ph.n; k++) {
		const dy_elem *x = &d->elems[a->ph.first + k], *y = &d->elems[b->ph.first + k];
		if (x->text != y->text || x->flags != y->flags || x->kind != y->kind)
			return 0;
	}
	return 1;
}

/* Duplicate detection: returns the earlier entry with the same kind and
 * phrase as entry `idx`, or remembers idx and returns DY_NONE. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint32_t dict_dup_check(dy_dict *d, uint32_t idx)
{
	dy_dict_store *s = d->store;
	if ((s->dup_used + 1) * 2 > s->dup_cap)
		dict_dup_reserve(d, 1);
	const dy_entry *e = &d->entries[idx];
	uint32_t h = dict_phrase_hash(d, e);
	uint32_t j = h & (s->dup_cap - 1);
	while (s->dup[j].val) {
		uint32_t other = s->dup[j].val - 1;
		/* Entries dropped after registration (none today) would be past the end. */
		if (s->dup[j].hash == h && other < d->n_entries && other != idx &&
		    dict_phrase_same(d, &d->entries[other], e))
			return other;
		j = (j + 1) & (s->dup_cap - 1);
	}
	s->dup[j].hash = h;
	s->dup[j].val = idx + 1;
	s->dup_used++;
	return DY_NONE;
}


/* Rebuilds the lookup index from d->entries (index.c). */
void dict_index_build(dy_dict *d);
void dict_index_free(dy_dict_index *ix);

/* Options and project readers (options.c). */
void dict_options_defaults(dy_options *o);
void dict_parse_options(dy_dict *d, uint16_t file, const char *name,
                        const char *data, size_t n, dy_diag *dg);
int dict_parse_project(dy_dict *d, const char *path, const char *data, size_t n,
                       dy_diag *dg);

/* Phrase-file reader (tabari.c). */
void dict_parse_tabari(dy_dict *d, uint16_t file, const char *name,
                       const char *data, size_t n, dy_dict_kind kind, dy_diag *dg);

#endif
