/* SPDX-License-Identifier: MIT */
/* The lookup index over first words, and word matching (see dict.h:
 * dict_lookup_word(), dict_head_entries(), dict_word_match(),
 * dict_synset_find()). Exports dict_index_build()/dict_index_free() to the
 * loaders through dict_int.h.
 *
 * Model: one head per distinct first-word text. Heads live in an open-
 * addressing hash table keyed by FNV-1a of the text. Because FNV-1a is
 * computed byte by byte, a token's hash for every prefix length comes out of
 * one pass, so finding every stem that a token begins with costs one probe
 * per prefix length that some head has (`lens` bit mask), after a 64 Ki-bit
 * filter on the token's first two bytes rejects most tokens at once.
 *
 * Building is incremental (see struct dy_dict_index): each load only adds
 * entries, so only the new entries' heads are found and only the lists they
 * join are laid out again and sorted; a dictionary made of many files (the
 * built-in one has dozens) no longer lays out every list once per file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_int.h"

void dict_index_free(dy_dict_index *ix)
{
	if (!ix)
		return;
	free(ix->heads);
	free(ix->entries);
	free(ix->table);
	free(ix->thash);
	free(ix->first2);
	free(ix->lens2);
	free(ix->synset_tab);
	free(ix->by_ptr);
	free(ix->mark);
	free(ix);
}

static uint32_t f2_key(const char *s, size_t n)
{
	unsigned a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0;
	return (a << 8) | b;
}

enum { LENS2_SLOTS = 4096 };   /* 32 KiB: stays in cache */

static uint32_t lens2_slot(uint32_t f2)
{
	return (f2 * 2654435761u) >> 20;
}

static uint64_t len_bit(size_t len)
{
	return (uint64_t)1 << (len < 63 ? len : 63);
}

/* Sort key for entries of one head and kind: more elements first, then more
 * characters, then load order, packed so that ascending keys give that order
 * (dict_sort_u64). */
static uint64_t entry_key(const dy_entry *e, uint32_t idx)
{
	return (uint64_t)(0xFFFFu - e->ph.n) << 48 | (uint64_t)(0xFFFFu - e->ph.chars) << 32 | idx;
}

/* Orders v[0..n), entry indexes of one head and kind in load order, longest
 * first. Most runs are in order already (files list longer phrases first, or
 * hold one phrase per first word), so check that before sorting. */
static void entries_order(const dy_dict *d, uint32_t *v, uint32_t n, uint64_t *key, uint64_t *tmp)
{
	uint64_t prev = entry_key(&d->entries[v[0]], v[0]);
	uint32_t i = 1;
	for (; i < n; i++) {
		uint64_t k = entry_key(&d->entries[v[i]], v[i]);
		if (k < prev)
			break;
		prev = k;
	}
	if (i == n)
		return;
	for (i = 0; i < n; i++)
		key[i] = entry_key(&d->entries[v[i]], v[i]);
	dict_sort_u64(key, n, tmp);
	for (i = 0; i < n; i++)
		v[i] = (uint32_t)key[i];
}

static uint32_t ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	return (uint32_t)((x * 0x9E3779B97F4A7C15ull) >> 32);
}

/* Makes room in the head tables for `heads` heads at most half full,
 * rehashing the heads already there. */
static void tables_fit(dy_dict_index *ix, uint32_t heads)
{
	uint32_t cap = ix->table ? ix->mask + 1 : 1024;
	while (cap < heads * 2 + 2) {
		if (cap > UINT32_MAX / 4) {
			fputs("dyad: dictionary too large\n", stderr);
			exit(2);
		}
		cap *= 2;
	}
	if (ix->table && cap == ix->mask + 1)
		return;
	free(ix->table);
	free(ix->thash);
	free(ix->by_ptr);
	ix->table = xcalloc(cap, sizeof *ix->table);
	ix->thash = xcalloc(cap, sizeof *ix->thash);
	ix->by_ptr = xcalloc(cap, sizeof *ix->by_ptr);
	ix->mask = cap - 1;
	for (uint32_t h = 0; h < ix->n_heads; h++) {
		const dy_head *hd = &ix->heads[h];
		uint32_t hv = dict_hash(hd->text, hd->len);
		uint32_t t = hv & ix->mask;
		while (ix->table[t])
			t = (t + 1) & ix->mask;
		ix->table[t] = h + 1;
		ix->thash[t] = hv;
		uint32_t j = ptr_hash(hd->text) & ix->mask;
		while (ix->by_ptr[j])
			j = (j + 1) & ix->mask;
		ix->by_ptr[j] = h + 1;
	}
}

/* The head of entries[i], found or added; DY_NONE when the entry has no
 * first word. */
static uint32_t head_find(dy_dict *d, dy_dict_index *ix, uint32_t i)
{
	const dy_entry *e = &d->entries[i];
	if (e->ph.n == 0)
		return DY_NONE;
	const dy_elem *w = &d->elems[e->ph.first];
	if (w->kind != DY_EL_WORD || w->len == 0)
		return DY_NONE;
	/* Words are interned: a head is found by its text's address (one
	 * multiply), and the FNV-1a hash that the lookup needs is computed once
	 * per head, not once per entry. */
	uint32_t j = ptr_hash(w->text) & ix->mask;
	while (ix->by_ptr[j] && ix->heads[ix->by_ptr[j] - 1].text != w->text)
		j = (j + 1) & ix->mask;
	if (ix->by_ptr[j])
		return ix->by_ptr[j] - 1;
	ix->mark[ix->n_heads].build = 0;   /* builds count from 1 */
	dy_head *hd = &ix->heads[ix->n_heads++];
	memset(hd, 0, sizeof *hd);
	hd->text = w->text;
	hd->len = w->len;
	ix->by_ptr[j] = ix->n_heads;
	uint32_t h = dict_hash(w->text, w->len);
	uint32_t t = h & ix->mask;
	while (ix->table[t])
		t = (t + 1) & ix->mask;
	ix->table[t] = ix->n_heads;
	ix->thash[t] = h;
	ix->lens |= (uint64_t)1 << (w->len < 63 ? w->len : 63);
	uint32_t k = f2_key(w->text, w->len);
	ix->first2[k >> 3] |= (uint8_t)(1u << (k & 7));
	if (w->len >= 2)
		ix->lens2[lens2_slot(k)] |= len_bit(w->len);
	return ix->n_heads - 1;
}

/* A head that new entries reach in this build, with its lists' old lengths. */
typedef struct dirty_head {
	uint32_t head;
	uint32_t had;                 /* entries before this build (0: a new head) */
	uint32_t total;               /* entries after it */
	uint32_t old[DY_ENT_KINDS];   /* list lengths before this build */
	uint32_t fill[DY_ENT_KINDS];  /* list lengths while new entries are put in */
} dirty_head;

/* Room for `more` places at the end of ix->entries. */
static void entries_fit(dy_dict_index *ix, uint32_t more)
{
	dict_grow((void **)&ix->entries, sizeof *ix->entries, ix->n_entries, more + 1, &ix->entcap);
}

/* Packs every list again, in head order, when unused places outnumber used
 * ones (a later build moves the lists new entries reach to the end). */
static void entries_pack(dy_dict_index *ix)
{
	uint32_t *v = xmalloc(((size_t)ix->live + 1) * sizeof *v);
	uint32_t pos = 0;
	for (uint32_t h = 0; h < ix->n_heads; h++) {
		dy_head *hd = &ix->heads[h];
		for (int k = 0; k < DY_ENT_KINDS; k++) {
			memcpy(v + pos, ix->entries + hd->at[k], (size_t)hd->n[k] * sizeof *v);
			hd->at[k] = pos;
			pos += hd->n[k];
		}
	}
	free(ix->entries);
	ix->entries = v;
	ix->n_entries = pos;
	ix->entcap = ix->live + 1;
}

void dict_index_build(dy_dict *d)
{
	dy_dict_index *ix = d->index;
	if (ix && ix->built > d->n_entries) {
		/* entries were taken away: start over */
		dict_index_free(ix);
		ix = NULL;
	}
	if (!ix) {
		ix = xcalloc(1, sizeof *ix);
		ix->first2 = xcalloc(65536 / 8, 1);
		ix->lens2 = xcalloc(LENS2_SLOTS, sizeof *ix->lens2);
		d->index = ix;
		memset(d->n_kind, 0, sizeof d->n_kind);
		entries_fit(ix, 0);   /* dict_head_entries() is never NULL */
	}
	uint32_t fresh = d->n_entries - ix->built;
	if (fresh == 0)
		return;
	uint32_t build = ++ix->builds;
	/* New entries: at most one new head each. */
	tables_fit(ix, ix->n_heads + fresh);
	uint32_t hcap = ix->hcap;
	dict_grow((void **)&ix->heads, sizeof *ix->heads, ix->n_heads, fresh + 1, &ix->hcap);
	dict_grow((void **)&ix->mark, sizeof *ix->mark, ix->n_heads, fresh + 1, &hcap);
	uint32_t *head_of = xmalloc((size_t)fresh * sizeof *head_of);
	dirty_head *dh = xmalloc((size_t)fresh * sizeof *dh);
	uint32_t n_dirty = 0;
	for (uint32_t i = ix->built; i < d->n_entries; i++) {
		uint32_t kind = d->entries[i].kind;
		d->n_kind[kind]++;
		uint32_t hi = head_find(d, ix, i);
		head_of[i - ix->built] = hi;
		if (hi == DY_NONE)
			continue;
		dy_head *hd = &ix->heads[hi];
		if (ix->mark[hi].build != build) {
			ix->mark[hi].build = build;
			ix->mark[hi].slot = n_dirty;
			dirty_head *x = &dh[n_dirty++];
			x->head = hi;
			x->had = 0;
			for (int k = 0; k < DY_ENT_KINDS; k++)
				x->had += hd->n[k];
			x->total = x->had;
			if (x->had) {
				memcpy(x->old, hd->n, sizeof x->old);
				memcpy(x->fill, hd->n, sizeof x->fill);
			} else {
				memset(x->fill, 0, sizeof x->fill);
			}
		}
		dh[ix->mark[hi].slot].total++;
		hd->n[kind]++;
		ix->live++;
	}
	/* Lay out the lists of every head new entries reached at the end: its
	 * old (sorted) lists first, then room for the new entries. */
	uint32_t more = 0, longest = 0;
	for (uint32_t q = 0; q < n_dirty; q++) {
		more += dh[q].total;
		if (dh[q].total > longest)
			longest = dh[q].total;
	}
	entries_fit(ix, more);
	uint32_t pos = ix->n_entries;
	for (uint32_t q = 0; q < n_dirty; q++) {
		dy_head *hd = &ix->heads[dh[q].head];
		if (!dh[q].had) {
			for (int k = 0; k < DY_ENT_KINDS; k++) {
				hd->at[k] = pos;
				pos += hd->n[k];
			}
			continue;
		}
		for (int k = 0; k < DY_ENT_KINDS; k++) {
			const uint32_t *from = ix->entries + hd->at[k];
			for (uint32_t e = 0; e < dh[q].old[k]; e++)
				ix->entries[pos + e] = from[e];
			hd->at[k] = pos;
			pos += hd->n[k];
		}
	}
	ix->n_entries = pos;
	for (uint32_t i = ix->built; i < d->n_entries; i++) {
		uint32_t hi = head_of[i - ix->built];
		if (hi == DY_NONE)
			continue;
		uint32_t kind = d->entries[i].kind;
		dirty_head *x = &dh[ix->mark[hi].slot];
		ix->entries[ix->heads[hi].at[kind] + x->fill[kind]++] = i;
	}
	ix->built = d->n_entries;
	/* Longest first within each head and kind, where new entries came in
	 * (each list is its old sorted list followed by the new ones in load
	 * order). */
	uint64_t *key = xmalloc(2 * ((size_t)longest + 1) * sizeof *key);
	for (uint32_t q = 0; q < n_dirty; q++) {
		if (dh[q].total < 2)
			continue;
		const dy_head *hd = &ix->heads[dh[q].head];
		for (int k = 0; k < DY_ENT_KINDS; k++)
			if (hd->n[k] > 1 && hd->n[k] > (dh[q].had ? dh[q].old[k] : 0))
				entries_order(d, ix->entries + hd->at[k], hd->n[k], key, key + longest + 1);
	}
	free(key);
	free(dh);
	free(head_of);
	if (ix->n_entries > 2 * (uint64_t)ix->live + 4096)
		entries_pack(ix);
}

const uint32_t *dict_head_entries(const dy_dict *d)
{
	return d->index ? d->index->entries : NULL;
}

uint32_t dict_head_count(const dy_dict *d)
{
	return d->index ? d->index->n_heads : 0;
}

uint32_t dict_head_index(const dy_dict *d, const dy_head *h)
{
	return (uint32_t)(h - d->index->heads);
}

const dy_head *dict_head_at(const dy_dict *d, uint32_t i)
{
	return &d->index->heads[i];
}

size_t dict_lookup_word(const dy_dict *d, const char *norm, size_t n,
                        const dy_head **out, size_t cap)
{
	const dy_dict_index *ix = d->index;
	if (!ix || !ix->n_heads || n == 0 || cap == 0)
		return 0;
	uint32_t k = f2_key(norm, n);
	/* One-letter heads have their own filter key (b == 0); check both. */
	int f2 = (ix->first2[k >> 3] >> (k & 7)) & 1;
	uint32_t k1 = (uint32_t)(unsigned char)norm[0] << 8;
	int f1 = (ix->lens & 2) && ((ix->first2[k1 >> 3] >> (k1 & 7)) & 1);
	if (!f2 && !f1)
		return 0;
	enum { MAXP = 256 };
	uint32_t hs[MAXP];
	size_t m = n < MAXP ? n : MAXP;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < m; i++) {
		h = (h ^ (unsigned char)norm[i]) * 16777619u;
		hs[i] = h;
	}
	/* the lengths worth a probe: heads that start with the token's first two
	 * bytes, and one-letter heads */
	uint64_t want = (f2 ? ix->lens2[lens2_slot(k)] : 0) | (f1 ? (uint64_t)2 : 0);
	want &= ix->lens;
	size_t got = 0;
	for (size_t l = m; l >= 1 && got < cap; l--) {
		if (!((want >> (l < 63 ? l : 63)) & 1))
			continue;
		uint32_t hv = hs[l - 1];
		for (uint32_t j = hv & ix->mask; ix->table[j]; j = (j + 1) & ix->mask) {
			if (ix->thash[j] != hv)
				continue;
			const dy_head *hd = &ix->heads[ix->table[j] - 1];
			if (hd->len == l && !memcmp(hd->text, norm, l)) {
				out[got++] = hd;
				break;
			}
		}
	}
	return got;
}

int dict_word_match(const dy_elem *e, const char *tok, size_t n)
{
	if (e->kind != DY_EL_WORD || e->len > n || memcmp(e->text, tok, e->len))
		return 0;
	if (!(e->flags & DY_EL_EXACT) || n == e->len)
		return 1;
	if (!(e->flags & DY_EL_ENDINGS))
		return 0;
	/* TABARI manual 5.2.3: S 'S ED ES EN ING. */
	const char *s = tok + e->len;
	size_t r = n - e->len;
	switch (r) {
	case 1: return s[0] == 'S';
	case 2: return !memcmp(s, "'S", 2) || !memcmp(s, "ED", 2) ||
	               !memcmp(s, "ES", 2) || !memcmp(s, "EN", 2);
	case 3: return !memcmp(s, "ING", 3);
	default: return 0;
	}
}

uint32_t dict_synset_find(const dy_dict *d, const char *name, size_t n)
{
	int amp = n && name[0] == '&';
	for (uint32_t i = d->n_synsets; i-- > 0; ) {
		const char *s = d->synsets[i].name + (amp ? 0 : 1);
		if (strlen(s) == n && !memcmp(s, name, n))
			return i;
	}
	return DY_NONE;
}
