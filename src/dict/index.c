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
 * filter on the token's first two bytes rejects most tokens at once. */
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
 * characters, then load order. */
static int entry_cmp(const void *pa, const void *pb, void *ctx)
{
	const dy_dict *sd = ctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const dy_entry *x = &sd->entries[a], *y = &sd->entries[b];
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->ph.n != y->ph.n)
		return x->ph.n > y->ph.n ? -1 : 1;
	if (x->ph.chars != y->ph.chars)
		return x->ph.chars > y->ph.chars ? -1 : 1;
	return a < b ? -1 : a > b;
}

void dict_index_build(dy_dict *d)
{
	dict_index_free(d->index);
	dy_dict_index *ix = xcalloc(1, sizeof *ix);
	d->index = ix;
	memset(d->n_kind, 0, sizeof d->n_kind);

	/* Head table: sized for every entry having its own first word. */
	uint32_t cap = 1024;
	while (cap < d->n_entries * 2 + 2)
		cap *= 2;
	ix->table = xcalloc(cap, sizeof *ix->table);
	ix->thash = xcalloc(cap, sizeof *ix->thash);
	ix->mask = cap - 1;
	ix->first2 = xcalloc(65536 / 8, 1);
	ix->lens2 = xcalloc(LENS2_SLOTS, sizeof *ix->lens2);
	uint32_t *head_of = xmalloc((d->n_entries + 1) * sizeof *head_of);
	/* at most one head per entry: one allocation instead of growing */
	uint32_t hcap = d->n_entries + 1;
	ix->heads = xmalloc(hcap * sizeof *ix->heads);

	for (uint32_t i = 0; i < d->n_entries; i++) {
		const dy_entry *e = &d->entries[i];
		d->n_kind[e->kind]++;
		head_of[i] = DY_NONE;
		if (e->ph.n == 0)
			continue;
		const dy_elem *w = &d->elems[e->ph.first];
		if (w->kind != DY_EL_WORD || w->len == 0)
			continue;
		uint32_t h = dict_hash(w->text, w->len);
		uint32_t j = h & ix->mask;
		while (ix->table[j] && ix->heads[ix->table[j] - 1].text != w->text)
			j = (j + 1) & ix->mask;
		if (!ix->table[j]) {
			dict_grow((void **)&ix->heads, sizeof *ix->heads, ix->n_heads, 1, &hcap);
			dy_head *hd = &ix->heads[ix->n_heads++];
			memset(hd, 0, sizeof *hd);
			hd->text = w->text;
			hd->len = w->len;
			ix->table[j] = ix->n_heads;
			ix->thash[j] = h;
			ix->lens |= (uint64_t)1 << (w->len < 63 ? w->len : 63);
			uint32_t k = f2_key(w->text, w->len);
			ix->first2[k >> 3] |= (uint8_t)(1u << (k & 7));
			if (w->len >= 2)
				ix->lens2[lens2_slot(k)] |= len_bit(w->len);
		}
		uint32_t hi = ix->table[j] - 1;
		head_of[i] = hi;
		ix->heads[hi].n[e->kind]++;
	}
	/* Lay out each head's entries, grouped by kind. */
	uint32_t total = 0;
	for (uint32_t h = 0; h < ix->n_heads; h++)
		for (int k = 0; k < DY_ENT_KINDS; k++) {
			ix->heads[h].at[k] = total;
			total += ix->heads[h].n[k];
			ix->heads[h].n[k] = 0;
		}
	ix->entries = xmalloc((total + 1) * sizeof *ix->entries);
	ix->n_entries = total;
	for (uint32_t i = 0; i < d->n_entries; i++) {
		if (head_of[i] == DY_NONE)
			continue;
		dy_head *hd = &ix->heads[head_of[i]];
		int k = d->entries[i].kind;
		ix->entries[hd->at[k] + hd->n[k]++] = i;
	}
	free(head_of);
	/* Longest first within each head (all kinds of a head are contiguous). */
	for (uint32_t h = 0; h < ix->n_heads; h++) {
		dy_head *hd = &ix->heads[h];
		uint32_t n = 0;
		for (int k = 0; k < DY_ENT_KINDS; k++)
			n += hd->n[k];
		if (n > 16) {
			qsort_r(ix->entries + hd->at[0], n, sizeof *ix->entries, entry_cmp, d);
		} else if (n > 1) {
			/* insertion sort: most heads have a handful of entries, and
			 * entry_cmp is a total order, so the result is the same */
			uint32_t *v = ix->entries + hd->at[0];
			for (uint32_t a = 1; a < n; a++) {
				uint32_t x = v[a], b = a;
				while (b > 0 && entry_cmp(&v[b - 1], &x, d) > 0) {
					v[b] = v[b - 1];
					b--;
				}
				v[b] = x;
			}
		}
	}
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
