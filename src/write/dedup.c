/* SPDX-License-Identifier: MIT */
/* One-a-day duplicate removal (see dedup.h). An open-addressing hash table of
 * indexes into an array of kept events; the key is (date, source, target,
 * code), hashed with FNV-1a. Strings of kept events are copied into an arena
 * owned by the table. Exports the dedup_* functions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/xalloc.h"
#include "dedup.h"

typedef struct kept {
	dy_record    r;
	const char **ids;     /* r.doc_ids, growable in the arena */
	size_t       cap_ids;
	long         last_doc;
	uint64_t     hash;
} kept;

struct dy_dedup {
	dy_arena  a;
	kept     *ev;
	size_t    n, cap;
	uint32_t *slot;    /* index + 1 into ev; 0: empty */
	size_t    n_slots; /* power of two, at least twice n */
	size_t    window;
};

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	h ^= 0xff; /* separator, so ("AB","C") and ("A","BC") differ */
	h *= 1099511628211ull;
	return h;
}

static uint64_t key_hash(const dy_record *r)
{
	uint64_t h = 14695981039346656037ull;
	h = fnv(h, r->date);
	h = fnv(h, r->source);
	h = fnv(h, r->target);
	return fnv(h, r->code);
}

static int key_eq(const dy_record *a, const dy_record *b)
{
	return !strcmp(a->date, b->date) && !strcmp(a->source, b->source) &&
	       !strcmp(a->target, b->target) && !strcmp(a->code, b->code);
}

dy_dedup *dedup_new(size_t window)
{
	dy_dedup *d = xcalloc(1, sizeof *d);
	arena_init(&d->a);
	d->window = window ? window : DEDUP_DEFAULT_WINDOW;
	if (d->window > UINT32_MAX / 4)
		d->window = UINT32_MAX / 4;
	d->n_slots = 1024;
	d->slot = xcalloc(d->n_slots, sizeof *d->slot);
	return d;
}

void dedup_free(dy_dedup *d)
{
	if (!d)
		return;
	arena_free(&d->a);
	free(d->ev);
	free(d->slot);
	free(d);
}

static void rehash(dy_dedup *d)
{
	size_t ns = d->n_slots * 2;
	uint32_t *s = xcalloc(ns, sizeof *s);
	for (size_t i = 0; i < d->n; i++) {
		if (!d->ev[i].r.date[0])
			continue; /* undated events are never looked up */
		size_t k = (size_t)d->ev[i].hash & (ns - 1);
		while (s[k])
			k = (k + 1) & (ns - 1);
		s[k] = (uint32_t)(i + 1);
	}
	free(d->slot);
	d->slot = s;
	d->n_slots = ns;
}

static const char *dup_str(dy_arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static const char *dup_mem(dy_arena *a, const char *s, size_t n)
{
	return s ? arena_strndup(a, s, n) : NULL;
}

static void add_doc(dy_dedup *d, kept *k, const char *id, long doc_seq)
{
	if (k->r.n_docs && k->last_doc == doc_seq)
		return;
	k->last_doc = doc_seq;
	k->r.n_docs++;
	if (k->r.n_doc_ids >= WRITE_MAX_DOC_IDS)
		return;
	if (k->r.n_doc_ids == k->cap_ids) {
		size_t nc = k->cap_ids ? k->cap_ids * 4 : 4;
		if (nc > WRITE_MAX_DOC_IDS)
			nc = WRITE_MAX_DOC_IDS;
		const char **ids = arena_alloc(&d->a, nc * sizeof *ids);
		if (k->r.n_doc_ids)
			memcpy(ids, k->ids, k->r.n_doc_ids * sizeof *ids);
		k->ids = ids;
		k->cap_ids = nc;
	}
	/* the first id is the kept record's own doc_id, already copied */
	k->ids[k->r.n_doc_ids] = k->r.n_doc_ids ? arena_strdup(&d->a, id) : k->r.doc_id;
	k->r.n_doc_ids++;
	k->r.doc_ids = k->ids;
}

int dedup_add(dy_dedup *d, const dy_record *r, long doc_seq)
{
	uint64_t h = key_hash(r);
	int dated = r->date[0] != '\0';
	if (dated) {
		size_t i = (size_t)h & (d->n_slots - 1);
		while (d->slot[i]) {
			kept *k = &d->ev[d->slot[i] - 1];
			if (k->hash == h && key_eq(&k->r, r)) {
				k->r.reports++;
				add_doc(d, k, r->doc_id, doc_seq);
				return 0;
			}
			i = (i + 1) & (d->n_slots - 1);
		}
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->ev = xrealloc(d->ev, d->cap * sizeof *d->ev);
	}
	kept *k = &d->ev[d->n];
	memset(k, 0, sizeof *k);
	k->hash = h;
	k->r = *r;
	dy_arena *a = &d->a;
	k->r.doc_id = arena_strdup(a, r->doc_id);
	k->r.date_phrase = dup_mem(a, r->date_phrase, r->date_phrase_len);
	k->r.source = arena_strdup(a, r->source);
	k->r.target = arena_strdup(a, r->target);
	k->r.code = arena_strdup(a, r->code);
	/* root, event_name and plover strings are static tables; location strings
	 * belong to the gazetteer, loaded for the whole run; copied all the same so
	 * that the table depends on nothing the caller frees */
	k->r.root = dup_str(a, r->root);
	k->r.event_name = dup_str(a, r->event_name);
	k->r.plover_event = dup_str(a, r->plover_event);
	k->r.plover_mode = dup_str(a, r->plover_mode);
	k->r.plover_context = dup_str(a, r->plover_context);
	k->r.loc_name = dup_str(a, r->loc_name);
	k->r.loc_country = dup_str(a, r->loc_country);
	k->r.loc_admin1 = dup_str(a, r->loc_admin1);
	k->r.url = dup_str(a, r->url);
	k->r.news_source = dup_str(a, r->news_source);
	k->r.text = dup_mem(a, r->text, r->text_len);
	k->r.reports = 1;
	k->r.n_docs = 0;
	k->r.doc_ids = NULL;
	k->r.n_doc_ids = 0;
	add_doc(d, k, r->doc_id, doc_seq);
	d->n++;
	if (dated) {
		if (d->n * 2 > d->n_slots)
			rehash(d);
		else {
			size_t i = (size_t)h & (d->n_slots - 1);
			while (d->slot[i])
				i = (i + 1) & (d->n_slots - 1);
			d->slot[i] = (uint32_t)d->n;
		}
	}
	return 1;
}

size_t dedup_count(const dy_dedup *d)
{
	return d->n;
}

const dy_record *dedup_at(const dy_dedup *d, size_t i)
{
	return i < d->n ? &d->ev[i].r : NULL;
}

int dedup_full(const dy_dedup *d)
{
	return d->n >= d->window;
}

void dedup_clear(dy_dedup *d)
{
	d->n = 0;
	memset(d->slot, 0, d->n_slots * sizeof *d->slot);
	arena_reset(&d->a);
}
