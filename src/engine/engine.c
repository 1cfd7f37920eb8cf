/* SPDX-License-Identifier: MIT */
/* The coding engine (see engine.h): one sentence of tokens in, events out.
 * Exports engine_code(). Stages, in order, each a static function below:
 *   words    tokens -> TABARI words (upper case, hyphens split, 's as a flag)
 *   tag      dictionary phrases over the words, longest first
 *   units    actors with their agents, pronouns, parsed compounds
 *   commas   comma-delimited clauses dropped (manual 7.8, 8.6)
 *   clauses  conjunctions outside compounds split the sentence (7.6)
 *   code     per clause, verbs left to right: patterns, then source and target
 * Also exports engine_new()/engine_free(): the engine packs the dictionary's
 * heads (head_get) and verbs' patterns (verb_get) the first time a sentence
 * needs them, publishing each with one atomic compare-and-swap, so that a
 * run pays only for the part of the dictionary its text meets.
 * Filters, cheapest first: a word's two-letter key (bikey) and three-letter
 * key (trikey) must be in the sentence, on the right side of the verb, for
 * any phrase or pattern that needs the word to be tried at all.
 * Memory: all working arrays come from the caller's arena; nothing is freed.
 * Per thread (_Thread_local) are only a cache of words' candidate entries
 * (word_list, with its pools) and the first/last word of each two-letter key
 * in the sentence being coded. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "util/xalloc.h"

/* ---- Words ------------------------------------------------------------------ */

enum ew_flag {
	EW_POSS  = 1 << 0,  /* followed by 's in the text */
	EW_CAP   = 1 << 1,  /* capitalized (not at the start) */
	EW_NUM   = 1 << 2,
	EW_COMMA = 1 << 3
};

enum ew_tag {
	T_NONE = 0, T_ACTOR, T_AGENT, T_VERB, T_NOUN, T_ADJ, T_TIME, T_DISC,
	T_PART,     /* a later word of a phrase whose head is elsewhere */
	T_DET, T_CONJ, T_PRON, T_AUX, T_BY, T_COMMA, T_PREP, T_FORMER
};

static const char *const tag_name[] = {
	"-", "actor", "agent", "verb", "noun", "adjective", "time", "discard",
	"part", "determiner", "conjunction", "pronoun", "auxiliary", "by", "comma",
	"preposition", "former"
};

typedef struct ew {
	const char *s;
	uint32_t    len;
	uint16_t    flags;
	uint8_t     tag;
	uint8_t     del;      /* inside a dropped comma clause */
	uint8_t     incomp;   /* conjunction or comma inside a compound phrase */
	uint8_t     nouned;   /* verb turned into a noun */
	uint32_t    entry;    /* head words: the dictionary entry */
	int         last;     /* head words: index of the phrase's last word */
	int         unit;     /* actor unit that starts here, or -1 */
	uint32_t    tok;      /* token index (for explain) */
	uint16_t    key;      /* bikey() of the word (build_words) */
	uint16_t    k3;       /* trikey() of a word of three bytes or more, else 0xFFFF */
} ew;

/* ---- Actor units --------------------------------------------------------- */

enum { U_MAXC = 8 };

typedef struct unit {
	int      start, end;    /* word span [start, end) */
	int      lastw;         /* last word of the actor phrase (gap phrases) */
	int      n;             /* codes */
	char     codes[U_MAXC][ENG_CODE_LEN];   /* codes[0 .. n) */
	char     base[ENG_CODE_LEN];   /* first code before agents joined (forwarding) */
	int      group;         /* compound group id, or -1 */
	int      pron;          /* a pronoun standing for another unit */
	uint32_t entry;         /* actor entry or DY_NONE */
} unit;

typedef struct group {
	int first, n;           /* units first .. first+n-1 are members (consecutive) */
} group;

typedef struct ctx {
	const dy_dict        *d;
	const dy_engine_opts *o;
	dy_arena             *a;
	dy_buf               *tr;
	const char           *text;
	const dy_token       *toks;
	int32_t               date;
	ew                   *w;
	int                   n, capw;  /* words, and room for them */
	unit                 *u;
	int                   nu, capu;
	group                *g;
	int                   ng;
	int                   allcaps;
	int                   status;
	const char           *why;
	dy_event             *ev;
	size_t                nev;
	dy_engine_carry      *carry;    /* forwarding from the previous sentence */
	const int            *skip;     /* units a pattern's ^ passed over */
	int                   nskip;
	uint64_t              bi[32];   /* first-two-letter keys of the sentence's words */
	uint64_t              b3[64];   /* trikey() of its words of three bytes or more */
	int                  *vl;       /* the words tag_words made verbs, in order (some
	                                 * are nouns later: look at the tag) */
	int                   nvl;
	int                  *al;       /* likewise its actors and discards, */
	int                   nal;
	int                  *gl;       /* and its agents */
	int                   ngl;
	int                  *cjl;      /* and its conjunctions (they keep the tag) */
	int                   ncj;
	uint16_t              ntag[T_FORMER + 1]; /* words given each tag by tag_words (later
	                                 * stages only turn some into nouns): a stage
	                                 * with none of its words is passed over */
	uint64_t              sig;      /* the same keys folded to 64 bits */
	uint16_t             *wk;       /* per word its key, WK_POSS for a possessive:
	                                 * pattern matching scans these, not c->w */
	int                   period;   /* the text ends with a full stop */
	const dy_engine      *eng;
	long                  steps;    /* pattern-matching steps left for this sentence */
} ctx;

/* A cheap filter before phrase and pattern matching: a word element can only
 * match a word that starts with the element's first two bytes, so a phrase
 * with an element whose key no word has cannot match. */
static unsigned bikey(const char *s, size_t n)
{
	unsigned a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0;
	return (a * 67u + b) & 2047u;
}

/* Whether every plain word of elements [first, first+n) has its key in the
 * sentence. */
enum { WK_POSS = 0xFFFE };   /* no element has this key (keys are < 2048) */

/* Per key, the first and last word of the current sentence that has it;
 * valid only for keys whose bit is set in ctx.bi (bi_build writes those), so
 * nothing needs clearing between sentences. Pattern matching looks for an
 * element's word only between the two. */
static _Thread_local uint16_t kfirst[2048], klast[2048];

/* A finer filter for words of three bytes or more: an element of three
 * bytes or more is a prefix of every word it matches, so the word's first
 * three bytes are the element's ("INNOCENCE" is not looked for in a
 * sentence whose only IN.. word is "IN"). */
static unsigned trikey(const char *s)
{
	return (((unsigned char)s[0] * 67u + (unsigned char)s[1]) * 67u +
	        (unsigned char)s[2]) & 4095u;
}

static int bit_test(const uint64_t *set, unsigned key)
{
	return (set[key >> 6] >> (key & 63)) & 1;
}

static inline int bi_all(const ctx *c, uint32_t first, uint32_t n)
{
	const uint16_t *ek = c->eng->ekey + first, *e3 = c->eng->e3 + first;
	for (uint32_t k = 0; k < n; k++) {
		unsigned key = ek[k], k3 = e3[k];
		if (key != 0xFFFF && !bit_test(c->bi, key))
			return 0;
		if (k3 != 0xFFFF && !bit_test(c->b3, k3))
			return 0;
	}
	return 1;
}

/* A pattern as the verb loop first looks at it: the filters, then its index. */
typedef struct eg_pat {
	uint64_t sig_b;   /* pat_sig of the words before '*' */
	uint64_t sig_a;   /* and after: each side must find its keys on its side */
	uint32_t pi;      /* index in d->patterns */
	uint16_t key;     /* key of its first top-level word, 0xFFFF none */
	uint16_t len;     /* TABARI's length (verb_build) */
	uint8_t  var;     /* has { } or &SYNSET (its matched length varies) */
	uint8_t  nkeys;   /* its top-level words' keys: keys[kat .. kat+nkeys) of the verb */
	uint16_t pad_;
	uint32_t kat;
} eg_pat;

/* A top-level word of a pattern as the verb loop checks it before matching:
 * its two-letter key must be on its side of the verb within the window, its
 * three-letter key (trikey) in the sentence. */
typedef struct eg_pkey {
	uint16_t k2s;     /* bikey(), and 0x8000 when the word comes after '*'; or
	                   * 0x4000 | n: one of the n entries that follow must be
	                   * in place (a { } or synset, a word of each alternative) */
	uint16_t k3;      /* trikey(), 0xFFFF when the word is shorter */
} eg_pkey;
enum { ALT_KEYS = 16 };   /* a { } or synset with more alternatives is not checked */

/* A verb with many patterns also has them indexed by one word each pattern
 * needs (its longest top-level word), keyed by side and the word's
 * three-letter key, or two-letter key for a word of two bytes. A verb's
 * patterns are then found from the words around it instead of by a walk
 * through all of them. */
enum { PX_MIN = 48 };   /* fewer patterns than this: the walk is cheaper */
typedef struct eg_pgrp {
	uint16_t skey;      /* (side << 13) | key, key: (1 << 12) | trikey, or bikey */
	uint16_t pad_;
	uint32_t at, n;     /* positions pos[at .. at+n) (indexes into the verb's pk) */
} eg_pgrp;
typedef struct eg_pidx {
	eg_pgrp  *g;        /* sorted by skey */
	uint32_t  ng;
	uint32_t *pos;      /* positions, ascending within a group */
	uint32_t *free_;    /* positions of patterns with no such word, ascending */
	uint32_t  nfree;
	uint64_t *freebm;   /* a bit per position, set for those of free_ */
	uint64_t *has;      /* PX_KEYS bits: a group has this skey */
	uint16_t *rank;     /* per word of has: the groups in the words before it */
	uint32_t  has2;     /* some pattern's word is of two bytes (a bikey skey) */
} eg_pidx;
enum { PX_KEYS = 16384 };  /* skeys: a side bit over a trikey bit over a 12-bit
                            * trikey() or an 11-bit bikey() */

/* Entries of one head packed for the tagging loop: the key signature first,
 * so that most entries are passed over without touching d->entries. */
typedef struct eg_cent {
	uint64_t sig;     /* keys of the words after the first */
	uint32_t ei;      /* entry index */
	uint32_t first;   /* the entry's first element (no look at d->entries) */
	uint16_t n;       /* elements */
	uint16_t chars;
	uint16_t k2;      /* key of the second word, 0xFFFF when none */
	uint8_t  kind;
	uint8_t  f0;      /* in a head: flags of the first element (its text is the
	                   * head's); in a word's list: the head's rank (word_list) */
} eg_cent;

static int bi_test(const uint64_t *bi, unsigned key)
{
	return key == 0xFFFF || ((bi[key >> 6] >> (key & 63)) & 1);
}

/* The entries of one head whose second word must follow at once and starts
 * with key k2: ce[at .. at+cnt) of the head, longest first. */
typedef struct eg_bkt {
	uint16_t k2;
	uint16_t pad_;
	uint32_t at, cnt;
} eg_bkt;

/* One dictionary head as the tagging loop reads it. Built the first time a
 * word meets it (head_get): a run meets a few thousand of the dictionary's
 * heads, and packing all of them at engine_new() cost more than tagging
 * thousands of sentences. Entries that need a look at more than the next
 * word (one word long, or a gap before the second word) come first, by kind
 * as the index orders them; the entries whose second word must follow at
 * once sit after them in buckets by the key of that word, so a word only
 * meets those that fit the word after it. */
typedef struct eg_head {
	uint64_t      bkmask;   /* bit (k2 & 63) of each bucket: most next words are
	                         * ruled out without a search */
	const eg_cent *ce;      /* nst entries, then the buckets' */
	const eg_bkt  *bk;      /* nbk buckets, sorted by k2 */
	uint32_t      nst, nbk;
	uint16_t      hlen;     /* the head's text: length and last byte */
	uint8_t       hlast;
} eg_head;

typedef struct eg_tmp { eg_cent c; uint32_t ord; } eg_tmp;

/* Bucket order: by the second word's key, then longest first; the sort is
 * stable, so the index's order breaks ties. */
static int tmp_before(const eg_tmp *a, const eg_tmp *b)
{
	if (a->c.k2 != b->c.k2) return a->c.k2 < b->c.k2;
	if (a->c.n != b->c.n) return a->c.n > b->c.n;
	return a->c.chars > b->c.chars;
}

/* A stable merge sort with the comparison inlined: a head is packed once,
 * but qsort's call per comparison made it cost more than its use. */
static void tmp_sort(eg_tmp *t, uint32_t n, eg_tmp *scratch)
{
	if (n <= 16) {
		for (uint32_t a = 1; a < n; a++) {
			eg_tmp x = t[a];
			uint32_t b = a;
			while (b > 0 && tmp_before(&x, &t[b - 1])) {
				t[b] = t[b - 1];
				b--;
			}
			t[b] = x;
		}
		return;
	}
	uint32_t h = n / 2, i = 0, j = h, k = 0;
	tmp_sort(t, h, scratch);
	tmp_sort(t + h, n - h, scratch);
	while (i < h && j < n)
		scratch[k++] = tmp_before(&t[j], &t[i]) ? t[j++] : t[i++];
	while (i < h)
		scratch[k++] = t[i++];
	while (j < n)
		scratch[k++] = t[j++];
	memcpy(t, scratch, n * sizeof *t);
}

static eg_head *head_build(const dy_engine *e, uint32_t hidx)
{
	const dy_dict *d = e->d;
	const dy_head *h = dict_head_at(d, hidx);
	const uint32_t *he = dict_head_entries(d);
	uint32_t tot = 0;
	for (int kind = 0; kind < DY_ENT_KINDS; kind++)
		tot += h->n[kind];
	/* one block: the record, its entries, room for a bucket per entry */
	size_t off_ce = (sizeof(eg_head) + 15) & ~(size_t)15;
	size_t off_bk = off_ce + (size_t)tot * sizeof(eg_cent);
	char *blk = xmalloc(off_bk + (size_t)tot * sizeof(eg_bkt) + 1);
	eg_head *hd = (eg_head *)blk;
	eg_cent *ce = (eg_cent *)(blk + off_ce);
	eg_bkt *bk = (eg_bkt *)(blk + off_bk);
	memset(hd, 0, sizeof *hd);
	hd->hlen = (uint16_t)h->len;
	hd->hlast = h->len ? (uint8_t)h->text[h->len - 1] : 0;
	eg_tmp *tmp = NULL;
	uint32_t ntmp = 0;
	for (int kind = 0; kind < DY_ENT_KINDS; kind++) {
		for (uint32_t q = 0; q < h->n[kind]; q++) {
			uint32_t ei = he[h->at[kind] + q];
			const dy_phrase *ph = &d->entries[ei].ph;
			eg_cent cc;
			cc.sig = 0;
			for (uint32_t k = 1; k < ph->n; k++) {
				unsigned key = e->ekey[ph->first + k];
				if (key != 0xFFFF)
					cc.sig |= (uint64_t)1 << (key & 63);
			}
			cc.ei = ei;
			cc.first = ph->first;
			cc.n = ph->n;
			cc.chars = ph->chars;
			cc.kind = (uint8_t)kind;
			cc.f0 = d->elems[ph->first].flags;
			cc.k2 = ph->n > 1 ? e->ekey[ph->first + 1] : 0xFFFF;
			if (!(ph->n > 1 && (cc.f0 & DY_EL_ADJ) && cc.k2 != 0xFFFF)) {
				ce[hd->nst++] = cc;
				continue;
			}
			if (!tmp)
				tmp = xmalloc(2 * (size_t)tot * sizeof *tmp);   /* and scratch */
			hd->bkmask |= (uint64_t)1 << (cc.k2 & 63);
			tmp[ntmp].c = cc;
			tmp[ntmp].ord = ntmp;
			ntmp++;
		}
	}
	if (ntmp > 1)
		tmp_sort(tmp, ntmp, tmp + tot);
	uint32_t at = hd->nst;
	for (uint32_t i = 0; i < ntmp;) {
		uint32_t j = i;
		bk[hd->nbk].k2 = tmp[i].c.k2;
		bk[hd->nbk].pad_ = 0;
		bk[hd->nbk].at = at;
		while (j < ntmp && tmp[j].c.k2 == tmp[i].c.k2)
			ce[at++] = tmp[j++].c;
		bk[hd->nbk].cnt = j - i;
		hd->nbk++;
		i = j;
	}
	free(tmp);
	hd->ce = ce;
	hd->bk = bk;
	return hd;
}

/* The packed head `hidx`, built on first use. Threads share the engine: a
 * head is built in private and published with one compare-and-swap; a thread
 * that loses the race frees its copy (both are equal) and takes the winner's. */
static const eg_head *head_get(const dy_engine *e, uint32_t hidx)
{
	eg_head *h = atomic_load_explicit(&e->heads[hidx], memory_order_acquire);
	if (h)
		return h;
	eg_head *mine = head_build(e, hidx), *none = NULL;
	if (atomic_compare_exchange_strong_explicit(&e->heads[hidx], &none, mine,
	                                            memory_order_acq_rel, memory_order_acquire))
		return mine;
	free(mine);
	return none;
}

/* The bucket of head h for the next word's key k2, or NULL. */
static const eg_bkt *bkt_find(const eg_head *h, unsigned k2)
{
	if (!((h->bkmask >> (k2 & 63)) & 1))
		return NULL;
	uint32_t lo = 0, hi = h->nbk;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (h->bk[mid].k2 < k2)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->nbk && h->bk[lo].k2 == k2 ? &h->bk[lo] : NULL;
}

static unsigned phrase_len(const dy_dict *d, uint32_t first, uint32_t n, int depth, int *var)
{
	unsigned len = 0;
	for (uint32_t k = 0; k < n && first + k < d->n_elems; k++) {
		const dy_elem *el = &d->elems[first + k];
		if (el->kind == DY_EL_WORD) {
			for (uint32_t q = 0; q < el->len; q++) {
				char ch = el->text[q];
				if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80)
					len++;
			}
		} else if (el->kind == DY_EL_ALT && depth < 4) {
			unsigned best = 0;
			for (uint32_t a = 0; a < el->n && el->ref + a < d->n_alts; a++) {
				const dy_phrase *ph = &d->alts[el->ref + a];
				unsigned l = phrase_len(d, ph->first, ph->n, depth + 1, var);
				if (l > best)
					best = l;
			}
			len += best;
			*var = 1;
		} else if (el->kind == DY_EL_SYNSET)
			*var = 1;
	}
	return len;
}

typedef struct px_tmp { uint16_t skey; uint32_t pos; } px_tmp;

/* A verb's patterns as the verb loop reads them (code_verb). */
typedef struct eg_verb {
	eg_pat  *pk;      /* the patterns that can code, in the order they are tried */
	uint32_t npk;
	eg_pkey *keys;    /* their top-level words, pattern by pattern */
	eg_pidx  px;      /* px.g NULL: fewer than PX_MIN patterns, walk them all */
} eg_verb;

static inline const eg_pgrp *px_find(const eg_pidx *x, unsigned skey);

/* Indexes the npk patterns pk of one verb by one word each (see eg_pidx). */
static void px_build(const dy_engine *e, const eg_pat *pk, uint32_t n, eg_pidx *x)
{
	const dy_dict *d = e->d;
	px_tmp *t = xmalloc(n * sizeof *t);
	uint32_t nt = 0;
	x->free_ = xmalloc(n * sizeof *x->free_);
	for (uint32_t i = 0; i < n; i++) {
		const dy_pattern *pt = &d->patterns[pk[i].pi];
		/* the longest top-level word (the rarest, most likely), the first
		 * after '*' and then the nearest before it winning ties */
		unsigned key = 0xFFFF, side = 0, best = 0;
		for (uint32_t q = pt->verb_at + 1u; q < pt->ph.n; q++) {
			uint32_t el = pt->ph.first + q;
			if (e->ekey[el] != 0xFFFF && d->elems[el].len > best) {
				best = d->elems[el].len;
				key = e->e3[el] != 0xFFFF ? (1u << 12) | e->e3[el] : e->ekey[el];
				side = 1;
			}
		}
		for (uint32_t q = pt->verb_at; q-- > 0;) {
			uint32_t el = pt->ph.first + q;
			if (e->ekey[el] != 0xFFFF && d->elems[el].len > best) {
				best = d->elems[el].len;
				key = e->e3[el] != 0xFFFF ? (1u << 12) | e->e3[el] : e->ekey[el];
				side = 0;
			}
		}
		if (key == 0xFFFF) {
			x->free_[x->nfree++] = i;
			continue;
		}
		t[nt].skey = (uint16_t)((side << 13) | key);
		t[nt].pos = i;
		nt++;
	}
	/* Groups by skey, positions ascending within one, without a sort: the
	 * bit map of the skeys present numbers the groups in skey order (as
	 * px_find() does), then each pattern goes to its group in turn. */
	x->has = xcalloc(PX_KEYS / 64, sizeof *x->has);
	x->rank = xcalloc(PX_KEYS / 64, sizeof *x->rank);
	for (uint32_t i = 0; i < nt; i++) {
		x->has[t[i].skey >> 6] |= (uint64_t)1 << (t[i].skey & 63);
		if (!(t[i].skey & (1u << 12)))
			x->has2 = 1;
	}
	for (uint32_t w = 1; w < PX_KEYS / 64; w++)
		x->rank[w] = (uint16_t)(x->rank[w - 1] + __builtin_popcountll(x->has[w - 1]));
	x->ng = x->rank[PX_KEYS / 64 - 1] + (uint32_t)__builtin_popcountll(x->has[PX_KEYS / 64 - 1]);
	x->g = xcalloc(x->ng + 1, sizeof *x->g);
	x->pos = xmalloc((nt + 1) * sizeof *x->pos);
	for (uint32_t i = 0; i < nt; i++) {
		eg_pgrp *g = (eg_pgrp *)px_find(x, t[i].skey);
		g->skey = t[i].skey;
		g->n++;
	}
	uint32_t at = 0;
	for (uint32_t gi = 0; gi < x->ng; gi++) {
		x->g[gi].at = at;
		at += x->g[gi].n;
		x->g[gi].n = 0;
	}
	for (uint32_t i = 0; i < nt; i++) {
		eg_pgrp *g = (eg_pgrp *)px_find(x, t[i].skey);
		x->pos[g->at + g->n++] = t[i].pos;
	}
	free(t);
	x->freebm = xcalloc((n + 63) / 64, sizeof *x->freebm);
	for (uint32_t q = 0; q < x->nfree; q++)
		x->freebm[x->free_[q] >> 6] |= (uint64_t)1 << (x->free_[q] & 63);
}

/* The group of skey: groups are sorted by skey, so its index is the number
 * of skeys below it that have one (a bit count instead of a search). */
static inline const eg_pgrp *px_find(const eg_pidx *x, unsigned skey)
{
	uint64_t word = x->has[skey >> 6], bit = (uint64_t)1 << (skey & 63);
	if (!(word & bit))
		return NULL;
	return &x->g[x->rank[skey >> 6] + (uint32_t)__builtin_popcountll(word & (bit - 1))];
}

typedef struct pord { uint32_t len, q; } pord;

static int pord_cmp(const void *x, const void *y)
{
	const pord *a = x, *b = y;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return a->q < b->q ? -1 : a->q > b->q;
}

/* Verb v's patterns that can code, longest first (TABARI's pattern length,
 * manual 5.7.1: letters and digits of the words, plus the longest
 * alternative of each { }; a synset name counts nothing, so the suite's
 * SYNSET-07 tries "* DOLLAR" before "* &CURRENCY"), the dictionary's order
 * breaking ties; with their filters side by side. */
static eg_verb *verb_build(const dy_engine *e, uint32_t v)
{
	const dy_dict *d = e->d;
	const dy_verb *vb = &d->verbs[v];
	eg_verb *x = xcalloc(1, sizeof *x);
	if (!vb->n_patterns || vb->pattern + vb->n_patterns > d->n_patterns)
		return x;
	uint32_t n = vb->n_patterns;
	pord *o = xmalloc(n * sizeof *o);
	uint8_t *var = xmalloc(n);
	for (uint32_t q = 0; q < n; q++) {
		const dy_pattern *pt = &d->patterns[vb->pattern + q];
		/* words only: the model's chars is that length already (dict.h);
		 * with { } or a synset the engine's own rule differs from it */
		int vr = 0, plain = 1;
		for (uint32_t k = 0; k < pt->ph.n && plain; k++) {
			uint8_t kind = d->elems[pt->ph.first + k].kind;
			plain = kind != DY_EL_ALT && kind != DY_EL_SYNSET;
		}
		unsigned len = plain ? pt->ph.chars : phrase_len(d, pt->ph.first, pt->ph.n, 0, &vr);
		o[q].len = len > 65535 ? 65535 : len;
		o[q].q = q;
		var[q] = (uint8_t)vr;
	}
	/* longest first, the dictionary's order breaking ties: a counting sort
	 * over the lengths when they are small (they are letters of a few
	 * words), else qsort */
	uint32_t maxlen = 0;
	for (uint32_t q = 0; q < n; q++)
		if (o[q].len > maxlen)
			maxlen = o[q].len;
	if (maxlen < 4096) {
		uint32_t *cnt = xcalloc(maxlen + 2, sizeof *cnt);
		for (uint32_t q = 0; q < n; q++)
			cnt[maxlen - o[q].len + 1]++;
		for (uint32_t k = 0; k <= maxlen; k++)
			cnt[k + 1] += cnt[k];
		pord *so = xmalloc(n * sizeof *so);
		for (uint32_t q = 0; q < n; q++)
			so[cnt[maxlen - o[q].len]++] = o[q];
		free(cnt);
		free(o);
		o = so;
	} else
		qsort(o, n, sizeof *o, pord_cmp);
	x->pk = xcalloc(n, sizeof *x->pk);
	uint32_t nkeys = 0;
	for (uint32_t q = 0; q < n; q++) {
		const dy_phrase *ph = &d->patterns[vb->pattern + q].ph;
		nkeys += ph->n;
		for (uint32_t j = 0; j < ph->n && ph->first + j < d->n_elems; j++) {
			uint8_t kind = d->elems[ph->first + j].kind;
			if (kind == DY_EL_ALT || kind == DY_EL_SYNSET)
				nkeys += 1 + ALT_KEYS;
		}
	}
	x->keys = xmalloc((nkeys + 1) * sizeof *x->keys);
	nkeys = 0;
	for (uint32_t q = 0; q < n; q++) {
		uint32_t pi = vb->pattern + o[q].q;
		const dy_pattern *pt = &d->patterns[pi];
		if (!pt->n_codes || !pt->ph.n || pt->verb_at >= pt->ph.n ||
		    d->elems[pt->ph.first + pt->verb_at].kind != DY_EL_VERB)
			continue;   /* such a pattern is passed over anyway */
		eg_pat *k = &x->pk[x->npk++];
		k->key = 0xFFFF;
		for (uint32_t j = 0; j < pt->ph.n; j++) {
			unsigned key = e->ekey[pt->ph.first + j];
			if (key == 0xFFFF)
				continue;
			if (k->key == 0xFFFF)
				k->key = (uint16_t)key;
			if (j < pt->verb_at)
				k->sig_b |= (uint64_t)1 << (key & 63);
			else
				k->sig_a |= (uint64_t)1 << (key & 63);
			if (k->nkeys < 255) {
				x->keys[nkeys + k->nkeys].k2s = (uint16_t)(key | (j > pt->verb_at ? 0x8000u : 0u));
				x->keys[nkeys + k->nkeys].k3 = e->e3[pt->ph.first + j];
				k->nkeys++;
			}
		}
		/* a { } or a synset needs one of its alternatives, and each of
		 * those all of its words (pm_push_alts): a group of one key per
		 * alternative, of which one must be in place */
		for (uint32_t j = 0; j < pt->ph.n; j++) {
			const dy_elem *el = &d->elems[pt->ph.first + j];
			uint32_t a0, na;
			if (el->kind == DY_EL_ALT) {
				a0 = el->ref;
				na = el->n;
			} else if (el->kind == DY_EL_SYNSET && el->ref < d->n_synsets) {
				a0 = d->synsets[el->ref].alt;
				na = d->synsets[el->ref].n;
			} else
				continue;
			if (!na || na > ALT_KEYS || a0 + na > d->n_alts || k->nkeys + 1u + na > 255)
				continue;
			eg_pkey *g = &x->keys[nkeys + k->nkeys];
			uint32_t got = 0;
			for (uint32_t a = 0; a < na; a++) {
				const dy_phrase *ap = &d->alts[a0 + a];
				uint32_t el2 = DY_NONE;
				for (uint32_t m = 0; m < ap->n && el2 == DY_NONE; m++)
					if (e->ekey[ap->first + m] != 0xFFFF)
						el2 = ap->first + m;
				if (el2 == DY_NONE)
					break;   /* an alternative with no word: no filter */
				g[1 + got].k2s = (uint16_t)(e->ekey[el2] | (j > pt->verb_at ? 0x8000u : 0u));
				g[1 + got].k3 = e->e3[el2];
				got++;
			}
			if (got < na)
				continue;
			g[0].k2s = (uint16_t)(0x4000u | got);
			g[0].k3 = 0xFFFF;
			k->nkeys = (uint8_t)(k->nkeys + 1 + got);
		}
		k->kat = nkeys;
		nkeys += k->nkeys;
		k->pi = pi;
		k->len = (uint16_t)o[q].len;
		k->var = var[o[q].q];
	}
	free(o);
	free(var);
	if (x->npk >= PX_MIN)
		px_build(e, x->pk, x->npk, &x->px);
	return x;
}

static void verb_free(eg_verb *x)
{
	if (!x)
		return;
	free(x->px.g);
	free(x->px.pos);
	free(x->px.free_);
	free(x->px.freebm);
	free(x->px.has);
	free(x->px.rank);
	free(x->pk);
	free(x->keys);
	free(x);
}

/* Verb v's patterns, built on first use; published as head_get() does. */
static const eg_verb *verb_get(const dy_engine *e, uint32_t v)
{
	eg_verb *x = atomic_load_explicit(&e->verbs[v], memory_order_acquire);
	if (x)
		return x;
	eg_verb *mine = verb_build(e, v), *none = NULL;
	if (atomic_compare_exchange_strong_explicit(&e->verbs[v], &none, mine,
	                                            memory_order_acq_rel, memory_order_acquire))
		return mine;
	verb_free(mine);
	return none;
}

dy_engine *engine_new(const dy_dict *d)
{
	static uint64_t next_id;
	dy_engine *e = xcalloc(1, sizeof *e);
	e->d = d;
	e->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
	e->ekey = xmalloc((d->n_elems + 1) * sizeof *e->ekey);
	e->e3 = xmalloc((d->n_elems + 1) * sizeof *e->e3);
	for (uint32_t i = 0; i < d->n_elems; i++) {
		const dy_elem *el = &d->elems[i];
		e->ekey[i] = e->e3[i] = 0xFFFF;
		if (el->kind == DY_EL_WORD && el->text && el->len >= 2) {
			e->ekey[i] = (uint16_t)bikey(el->text, el->len);
			if (el->len >= 3)
				e->e3[i] = (uint16_t)trikey(el->text);
		}
	}
	/* heads and verbs are packed when first met (head_get, verb_get) */
	e->n_heads = dict_head_count(d);
	e->heads = xcalloc(e->n_heads + 1, sizeof *e->heads);
	e->verbs = xcalloc(d->n_verbs + 1, sizeof *e->verbs);
	return e;
}

void engine_free(dy_engine *e)
{
	if (!e)
		return;
	free(e->ekey);
	free(e->e3);
	for (uint32_t i = 0; i < e->n_heads; i++)
		free(atomic_load_explicit(&e->heads[i], memory_order_relaxed));
	free(e->heads);
	for (uint32_t v = 0; v < e->d->n_verbs; v++)
		verb_free(atomic_load_explicit(&e->verbs[v], memory_order_relaxed));
	free(e->verbs);
	free(e);
}

static void tr_(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The trace: the test comes first, so that without a trace no arguments
 * are worked out and no variadic call is made. */
#define tr(c, ...) do { if ((c)->tr) tr_((c), __VA_ARGS__); } while (0)
static void tr_(ctx *c, const char *fmt, ...)
{
	if (!c->tr)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(c->tr, fmt, ap);
	va_end(ap);
}

static int weq(const ew *w, const char *s)
{
	size_t n = strlen(s);
	return w->len == n && !memcmp(w->s, s, n);
}

static int is_alpha(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (unsigned char)ch >= 0x80;
}

/* Whether s[0..n) has a '-': eight bytes a step (a zero byte of x ^ "--------"
 * is a hyphen), with loads that overlap at the end instead of a call to
 * memchr for words of a few bytes. Never reads outside s[0..n). */
static int has_hyphen(const char *s, uint32_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t hy = 0x2D2D2D2D2D2D2D2Du;
	uint64_t v, acc = 0;
	if (n >= 8) {
		for (uint32_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&v, s + i, 8);
			v ^= hy;
			acc |= (v - ones) & ~v & highs;
		}
		memcpy(&v, s + n - 8, 8);
		v ^= hy;
		acc |= (v - ones) & ~v & highs;
		return acc != 0;
	}
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		v = ((uint64_t)a << 32 | b) ^ hy;
		return ((v - ones) & ~v & highs) != 0;
	}
	if (n >= 2) {   /* two loads of two bytes cover two or three bytes */
		uint16_t a, b;
		memcpy(&a, s, 2);
		memcpy(&b, s + n - 2, 2);
		uint32_t x = ((uint32_t)a << 16 | b) ^ 0x2D2D2D2Du;
		return ((x - 0x01010101u) & ~x & 0x80808080u) != 0;
	}
	return n == 1 && s[0] == '-';
}

/* TABARI's input filter (manual 7.3) over tokens: punctuation other than commas
 * and semicolons goes, hyphens split words, "'s" marks the word before.
 * The words array and its count are locals: a store of a word (one-byte
 * fields among them) may alias any field of *c, which would then be loaded
 * again for every token. */
static void build_words(ctx *c, size_t ntok)
{
	const dy_token *const toks = c->toks;
	int lower_seen = 0;
	for (size_t i = 0; i < ntok && !lower_seen; i++) {
		const dy_token *t = &toks[i];
		for (uint32_t k = 0; k < t->len; k++) {
			char ch = c->text[t->off + k];
			if (ch >= 'a' && ch <= 'z') {
				lower_seen = 1;
				break;
			}
		}
	}
	const int allcaps = !lower_seen;
	c->allcaps = allcaps;
	/* TABARI drops a last comma clause only in a sentence that ends with a full
	 * stop (the suite's MARK-06: a record without one keeps it) */
	for (size_t i = ntok; i-- > 0;) {
		const dy_token *t = &toks[i];
		if (t->norm_len == 1 && (t->norm[0] == '"' || t->norm[0] == '\''))
			continue;
		c->period = t->norm_len >= 1 && t->norm[t->norm_len - 1] == '.';
		break;
	}
	ew *const W = c->w;
	const int capw = c->capw;
	int nw = 0;
#define PUSH(s_, len_, flags_, tok_) do { \
		if ((len_) != 0) { \
			/* one store of the whole record (the fields not named are zero) */ \
			W[nw] = (ew){ .s = (s_), .len = (len_), .flags = (flags_), .entry = DY_NONE, \
			              .last = nw, .unit = -1, .tok = (tok_), \
			              .key = (uint16_t)bikey((s_), (len_)), \
			              .k3 = (len_) >= 3 ? (uint16_t)trikey(s_) : 0xFFFF }; \
			nw++; \
		} \
	} while (0)
	for (size_t i = 0; i < ntok && nw < capw; i++) {
		const dy_token *t = &toks[i];
		const char *s = t->norm;
		uint32_t n = t->norm_len, tf = t->flags;
		if (tf & (TOK_MASKED | TOK_POSSESS)) {
			if (!(tf & TOK_MASKED) && nw)
				W[nw - 1].flags |= EW_POSS;
			continue;
		}
		/* a comma or an apostrophe opens no word or number: the common
		 * case tests neither */
		if (!(tf & (TOK_WORD | TOK_NUMBER))) {
			if (n == 1 && (s[0] == ',' || s[0] == ';')) {
				PUSH(",", 1, EW_COMMA, (uint32_t)i);
				continue;
			}
			/* "'S" or "S'" written apart */
			if (nw && n >= 2 && s[0] == '\'' && (s[1] == 'S' || s[1] == 's') && n == 2) {
				W[nw - 1].flags |= EW_POSS;
				continue;
			}
		}
		/* "N'T" of a contraction */
		if (n == 3 && s[0] == 'N' && s[1] == '\'' && s[2] == 'T' && nw) {
			ew *p = &W[nw - 1];
			char *m = arena_alloc(c->a, p->len + 4);
			memcpy(m, p->s, p->len);
			memcpy(m + p->len, "N'T", 4);
			p->s = m;
			p->len += 3;
			p->key = (uint16_t)bikey(m, p->len);   /* a word of one byte gained */
			p->k3 = (uint16_t)trikey(m);          /* a second and third */
			continue;
		}
		uint16_t fl = 0;
		if (tf & TOK_NUMBER)
			fl |= EW_NUM;
		if ((tf & TOK_CAP) && nw > 0 && !allcaps)
			fl |= EW_CAP;
		/* a word or number without a hyphen is one word (it starts with a
		 * letter or digit): the common case, without the piece loop below */
		if ((tf & (TOK_WORD | TOK_NUMBER)) && !has_hyphen(s, n)) {
			uint32_t e = n;
			if (e > 1 && s[e - 1] == '.' && !(tf & TOK_ABBREV))
				e--;
			PUSH(s, e, fl, (uint32_t)i);
			continue;
		}
		/* split on hyphens; drop pieces without a letter or digit */
		uint32_t b = 0;
		for (uint32_t k = 0; k <= n && nw < capw; k++) {
			if (k == n || s[k] == '-') {
				uint32_t e = k;
				/* trailing possessive mark written "S'" (plural) */
				int has = 0;
				for (uint32_t q = b; q < e; q++)
					if (is_alpha(s[q]) || (s[q] >= '0' && s[q] <= '9'))
						has = 1;
				if (has) {
					/* strip a final sentence period after a lower-case word;
					 * keep abbreviations (U.S.) */
					if (e - b > 1 && s[e - 1] == '.' && !(tf & TOK_ABBREV))
						e--;
					PUSH(s + b, e - b, b ? (uint16_t)(fl & ~EW_CAP) : fl, (uint32_t)i);
				}
				b = k + 1;
			}
		}
	}
#undef PUSH
	c->n = nw;
}

/* ---- Tagging ---------------------------------------------------------------- */

static int pron_kind(const ew *w)
{
	static const char *const p[] = { "HE", "SHE", "IT", "HIM", "ITS", "HIS", "HER",
	                                  "THEY", "THEM", "THEIR", NULL };
	/* every pronoun starts with H, S, I or T and has 2 to 5 letters */
	if (w->len < 2 || w->len > 5)
		return 0;
	char c0 = w->s[0];
	if (c0 != 'H' && c0 != 'S' && c0 != 'I' && c0 != 'T')
		return 0;
	for (int i = 0; p[i]; i++)
		if (p[i][0] == c0 && weq(w, p[i]))
			return i + 1;
	return 0;
}

/* dict_word_match, plus "ED" on a word that ends in E: DEPLORE_ takes DEPLORED
 * (the suite's VERBEND-02b). */
static int word_match_rest(const dy_elem *e, const ew *w)
{
	if (dict_word_match(e, w->s, w->len))
		return 1;
	if ((e->flags & DY_EL_ENDINGS) && e->len >= 2 && e->text[e->len - 1] == 'E' &&
	    w->len == (uint32_t)e->len + 1 && w->s[w->len - 1] == 'D' &&
	    !memcmp(w->s, e->text, e->len))
		return 1;
	return 0;
}

/* The first bytes decide most calls: inline that test, call for the rest. */
static inline int word_match(const dy_elem *e, const ew *w)
{
	if (!e->len || w->s[0] != e->text[0] || w->len < (uint32_t)e->len - 1)
		return 0;
	return word_match_rest(e, w);
}

/* Matches entry phrase `ph` (two elements or more) whose first element word
 * i is known to match (the word's list holds only such entries, and word i
 * is no possessive). Words may be skipped between elements unless DY_EL_ADJ
 * joins them; a comma ends the search. Returns the last word index, or -1.
 * `pos` gets each word. */
static int match_phrase(ctx *c, const dy_phrase *ph, int i, int verb, int *pos)
{
	const dy_elem *e = &c->d->elems[ph->first];
	const uint16_t *ekey = c->eng->ekey + ph->first;
	int at = i + 1;
	pos[0] = i;
	for (uint32_t k = 1; k < ph->n; k++) {
		if (e[k].kind != DY_EL_WORD)
			return -1;
		unsigned ek = ekey[k];   /* a matching word has the element's key */
		int found = -1;
		int lim = (e[k - 1].flags & DY_EL_ADJ) ? at : c->n - 1;
		if (lim > at + 12)
			lim = at + 12;   /* bound the gap of a disjoint phrase */
		for (int q = at; q <= lim && q < c->n; q++) {
			const ew *w = &c->w[q];
			if (w->flags & EW_COMMA)
				break;
			if (w->tag != T_NONE)
				continue;
			/* a possessive can only end a phrase, and never a verb's */
			if ((w->flags & EW_POSS) && (verb || k + 1 < ph->n))
				continue;
			if ((ek == 0xFFFF || w->key == ek) && word_match(&e[k], w)) {
				found = q;
				break;
			}
		}
		if (found < 0)
			return -1;
		pos[k] = found;
		at = found + 1;
	}
	return at - 1;
}

/* The tag of a word that opens an entry of each kind. */
static const uint8_t kind_tags[DY_ENT_KINDS] = {
	[DY_ENT_ACTOR] = T_ACTOR, [DY_ENT_AGENT] = T_AGENT, [DY_ENT_VERB] = T_VERB,
	[DY_ENT_NOUN] = T_NOUN, [DY_ENT_ADJ] = T_ADJ, [DY_ENT_TIME] = T_TIME,
	[DY_ENT_DISCARD] = T_DISC, [DY_ENT_ATTRIB] = T_NONE
};

static const char *where(ctx *c, uint16_t file, uint32_t line, char *buf, size_t cap)
{
	if (!c->tr)
		return "";   /* only the trace shows provenance: skip the formatting */
	return dict_where(c->d, file, line, buf, cap);
}

/* The closed-class words the parser needs (manual 7.1's word types). */
static int function_word(const ew *w)
{
	if (w->len > 6 || w->len == 0)
		return T_NONE;
	switch (w->s[0]) {
	case 'A':
		if (w->len == 1 || weq(w, "AN")) return T_DET;
		if (weq(w, "AND")) return T_CONJ;
		break;
	case 'B':
		if (weq(w, "BUT")) return T_CONJ;
		if (weq(w, "BY")) return T_BY;
		if (weq(w, "BEEN")) return T_AUX;
		break;
	case 'F':
		if (weq(w, "FORMER")) return T_FORMER;
		break;
	case 'H': case 'S': case 'T':
		if (weq(w, "THE")) return T_DET;
		if (pron_kind(w)) return T_PRON;
		break;
	case 'I':
		if (weq(w, "IN")) return T_PREP;
		if (pron_kind(w)) return T_PRON;
		break;
	case 'N':
		if (weq(w, "NOR")) return T_CONJ;
		break;
	case 'O':
		if (weq(w, "OR")) return T_CONJ;
		if (weq(w, "OF")) return T_PREP;
		break;
	case 'W':
		if (weq(w, "WAS") || weq(w, "WERE")) return T_AUX;
		break;
	}
	return T_NONE;
}

/* The entries a word can open, for the tagging loop: from every head the
 * word meets, the entries that need a look past the next word, those whose
 * first element the word matches (an exact head word takes only a regular
 * ending), merged into one list longest first (elements, then characters,
 * then the heads' and kinds' order). The first entry of the list whose
 * phrase matches is then the one to take, so a word stops at its first
 * match instead of trying every entry of every head. The heads with
 * buckets are kept aside (bh): those entries depend on the next word. */
typedef struct eg_bh {
	uint64_t       bkmask;  /* the head's: most next words need no more look */
	const eg_head *h;
	uint8_t        rank;    /* its place among the word's heads */
	uint8_t        mex, mend; /* the word is the head, or the head plus an ending */
	uint8_t        pad_[5];
} eg_bh;

enum { WL_HEADS = 16 };

typedef struct eg_wlist {
	const eg_cent *c;       /* the list */
	uint32_t       n;
	uint32_t       nb;
	const eg_bh   *bh;      /* nb heads with buckets, in rank order */
	uint64_t       bkmask;  /* their bkmasks or-ed: most next words need no look */
	uint8_t        ftag;    /* function_word() of the word, kept with its list */
} eg_wlist;

/* Per-thread cache of words' lists: news repeats its words, and a hit costs
 * one hash over the word instead of a probe per stem length and a merge.
 * The lists and their heads with buckets live in per-thread pools that are
 * emptied together when one is full (wpool_gen counts the emptyings, so
 * that older entries miss); a thread that codes with another engine than
 * the last one empties them too (wc_engine), so that no entry outlives its
 * dictionary. Two ways a set; words longer than WC_KEY bytes are not kept. */
enum { WC_SIZE = 4096, WC_KEY = 24, WC_POOL = 16384, WC_BPOOL = 8192 };
_Static_assert(WC_SIZE == 1 << 12, "word_list() takes 12 bits of the hash");
typedef struct wc_ent {
	uint64_t key[WC_KEY / 8];   /* the word, zero-padded: compared as 3 words */
	uint64_t stamp;      /* wpool_gen << 8 | the word's length: one compare
	                      * (0: empty; wpool_gen is 1 or more once used) */
	eg_wlist l;          /* the list, in wpool and bpool: a hit hands out a
	                      * pointer to it, with nothing copied */
} wc_ent;
static _Thread_local wc_ent wcache[WC_SIZE];
static _Thread_local eg_cent wpool[WC_POOL];
static _Thread_local eg_bh bpool[WC_BPOOL];
static _Thread_local uint32_t wpool_n, bpool_n, wpool_gen;
static _Thread_local uint64_t wc_engine;   /* id of the engine the cache is for */

/* Empties the cache when this thread last coded with another engine. */
static void wc_claim(const dy_engine *eng)
{
	if (wc_engine == eng->id)
		return;
	wc_engine = eng->id;
	wpool_gen++;   /* every cached list goes */
	wpool_n = bpool_n = 0;
}

static uint64_t load_le(const char *s, unsigned n)   /* n = 1, 2, 4 or 8 */
{
	uint64_t v = 0;
	memcpy(&v, s, n);   /* a fixed size: one load, not a call */
	return v;
}

/* s[0..n) (1 <= n <= 24) zero-padded into three 64-bit words, with loads of
 * fixed size that overlap instead of a copy of variable length (a call to
 * memcpy cost a third of a cache hit). Never reads outside s[0..n). */
static void word_key(const char *s, uint32_t n, uint64_t kw[3])
{
	kw[0] = kw[1] = kw[2] = 0;
	if (n >= 8) {
		kw[0] = load_le(s, 8);
		if (n >= 16) {
			kw[1] = load_le(s + 8, 8);
			if (n > 16)
				kw[2] = load_le(s + n - 8, 8) >> (8 * (24 - n));
		} else if (n > 8)
			kw[1] = load_le(s + n - 8, 8) >> (8 * (16 - n));
	} else if (n >= 4)
		kw[0] = load_le(s, 4) | (load_le(s + n - 4, 4) << (8 * (n - 4)));
	else if (n >= 2)
		kw[0] = load_le(s, 2) | (load_le(s + n - 2, 2) << (8 * (n - 2)));
	else if (n == 1)
		kw[0] = (unsigned char)s[0];
}

/* Sorts c[0..n) longest first, stable (tmp has room for n). */
static void cand_sort(eg_cent *c, uint32_t n, eg_cent *tmp)
{
	if (n <= 24) {
		for (uint32_t a = 1; a < n; a++) {
			eg_cent x = c[a];
			uint32_t kx = ((uint32_t)x.n << 16) | x.chars, b = a;
			while (b > 0 && (((uint32_t)c[b - 1].n << 16) | c[b - 1].chars) < kx) {
				c[b] = c[b - 1];
				b--;
			}
			c[b] = x;
		}
		return;
	}
	uint32_t h = n / 2;
	cand_sort(c, h, tmp);
	cand_sort(c + h, n - h, tmp);
	uint32_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		uint32_t ki = ((uint32_t)c[i].n << 16) | c[i].chars;
		uint32_t kj = ((uint32_t)c[j].n << 16) | c[j].chars;
		tmp[k++] = kj > ki ? c[j++] : c[i++];
	}
	while (i < h)
		tmp[k++] = c[i++];
	while (j < n)
		tmp[k++] = c[j++];
	memcpy(c, tmp, n * sizeof *c);
}

/* The list of word s[0..n): the cache's, or *out filled (valid until the
 * next call). */
static const eg_wlist *word_list(ctx *c, const char *s, uint32_t n, eg_wlist *out)
{
	const dy_engine *eng = c->eng;
	wc_ent *ce = NULL;
	uint64_t kw[WC_KEY / 8] = { 0, 0, 0 };
	if (n <= WC_KEY) {
		/* the word as three zero-padded 64-bit words: hashed and compared
		 * a word at a time instead of a byte at a time */
		word_key(s, n, kw);
		uint64_t x;
		if (n <= 8)   /* kw[1] = kw[2] = 0: the three multiplies in one */
			x = kw[0] * (uint64_t)(0x9E3779B97F4A7C15u * 0xC2B2AE3D27D4EB4Fu *
			                       0x165667B19E3779F9u);
		else {
			x = kw[0] * 0x9E3779B97F4A7C15u;
			x = (x ^ kw[1]) * 0xC2B2AE3D27D4EB4Fu;
			x = (x ^ kw[2]) * 0x165667B19E3779F9u;
		}
		/* two ways a set, the top bits (every byte reaches them) pick the
		 * set: news repeats a few hundred words, and two of them sharing one
		 * slot would miss at every turn */
		ce = &wcache[(x >> 52) & ~(uint64_t)1];
		/* the stamp holds the length: a word of 8 bytes or fewer has
		 * key[1] = key[2] = 0 in both */
		const uint64_t stamp = (uint64_t)wpool_gen << 8 | n;
		for (int way = 0; way < 2; way++) {
			const wc_ent *h = ce + way;
			if (h->stamp == stamp && h->key[0] == kw[0] &&
			    (n <= 8 || (h->key[1] == kw[1] && h->key[2] == kw[2])))
				return &h->l;
		}
	}
	const dy_head *heads[WL_HEADS];
	const eg_head *hp[WL_HEADS];
	uint32_t hidx[WL_HEADS];
	size_t nh = dict_lookup_word(c->d, s, n, heads, WL_HEADS);
	uint32_t tot = 0;
	for (size_t q = 0; q < nh; q++) {
		hidx[q] = dict_head_index(c->d, heads[q]);
		hp[q] = heads[q]->len ? head_get(eng, hidx[q]) : NULL;
		if (hp[q])
			tot += hp[q]->nst;
	}
	eg_cent *lst = arena_alloc(c->a, sizeof *lst * ((size_t)tot * 2 + 1));
	uint32_t m = 0, nb = 0;
	uint64_t bkmask = 0;
	eg_bh *bh = arena_alloc(c->a, sizeof *bh * WL_HEADS);
	for (size_t q = 0; q < nh; q++) {
		const eg_head *hd = hp[q];
		if (!hd)
			continue;
		/* how the word meets the head's text as a first element (word_match()
		 * without the element): the head is a prefix of the word, so only
		 * what follows it counts; exact: nothing follows; ending: a regular
		 * ending follows (or D after a final E) */
		uint32_t r = n - hd->hlen;
		const char *sx = s + hd->hlen;
		int m_exact = r == 0, m_end = 0;
		if (r == 1)
			m_end = sx[0] == 'S' || (sx[0] == 'D' && hd->hlast == 'E' && hd->hlen >= 2);
		else if (r == 2)
			m_end = (sx[0] == '\'' && sx[1] == 'S') || (sx[0] == 'E' &&
			        (sx[1] == 'D' || sx[1] == 'S' || sx[1] == 'N'));
		else if (r == 3)
			m_end = sx[0] == 'I' && sx[1] == 'N' && sx[2] == 'G';
		if (hd->nbk) {
			eg_bh *b = &bh[nb++];
			b->bkmask = hd->bkmask;
			bkmask |= hd->bkmask;
			b->h = hd;
			b->rank = (uint8_t)q;
			b->mex = (uint8_t)m_exact;
			b->mend = (uint8_t)m_end;
			memset(b->pad_, 0, sizeof b->pad_);
		}
		for (uint32_t k = 0; k < hd->nst; k++) {
			const eg_cent *x = &hd->ce[k];
			if ((x->f0 & DY_EL_EXACT) && !m_exact && !((x->f0 & DY_EL_ENDINGS) && m_end))
				continue;   /* the first word does not match */
			lst[m] = *x;
			lst[m].f0 = (uint8_t)q;
			m++;
		}
	}
	cand_sort(lst, m, lst + m);
	out->c = lst;
	out->n = m;
	out->nb = nb;
	out->bh = bh;
	out->bkmask = bkmask;
	ew fw = { .s = s, .len = n };
	out->ftag = (uint8_t)function_word(&fw);
	if (!ce || m > WC_POOL / 8)
		return out;
	if (wpool_n + m > WC_POOL || bpool_n + nb > WC_BPOOL) {
		wpool_gen++;   /* every cached list goes */
		wpool_n = bpool_n = 0;
	}
	memcpy(wpool + wpool_n, lst, m * sizeof *lst);
	memcpy(bpool + bpool_n, bh, nb * sizeof *bh);
	/* the new word takes the first way; what was there moves to the
	 * second unless the first was empty or stale */
	if (ce->stamp >> 8 == wpool_gen)
		ce[1] = ce[0];
	ce->stamp = (uint64_t)wpool_gen << 8 | n;
	ce->l = *out;
	ce->l.c = wpool + wpool_n;
	ce->l.bh = bpool + bpool_n;
	memcpy(ce->key, kw, sizeof kw);
	wpool_n += m;
	bpool_n += nb;
	return &ce->l;
}

static void tag_words(ctx *c)
{
	const int no_time = !c->o->time_shift;   /* time entries are passed over */
	const uint64_t sig = c->sig;
	wc_claim(c->eng);
	/* the words of the phrase being tried and of the best one so far: a
	 * better phrase swaps the two instead of copying */
	int posbuf[2][DICT_MAX_ELEMS];
	int *pos = posbuf[0], *best_pos = posbuf[1];
	eg_wlist wl_own;   /* a list word_list() made and did not cache */
	/* c->vl has room for 4 * c->capw (engine_code()) */
	c->al = c->vl + c->n;
	c->gl = c->al + c->n;
	c->cjl = c->gl + c->n;
	c->nvl = c->nal = c->ngl = c->ncj = 0;
	/* locals for what the loop reads: its stores of one-byte tags may
	 * alias anything, so fields of *c would be loaded again each time */
	ew *const W = c->w;
	const int nw = c->n;
	for (int i = 0; i < nw; i++) {
		ew *w = &W[i];
		if (w->tag != T_NONE)
			continue;   /* a later word of a phrase already taken */
		if (w->flags & EW_COMMA) {
			/* tagged when reached: no phrase ever runs over a comma, and a
			 * word before it reads its tag as T_NONE as before */
			w->tag = T_COMMA;
			c->ntag[T_COMMA]++;
			continue;
		}
		const eg_wlist *wl = word_list(c, w->s, w->len, &wl_own);
		/* key of the next word, for entries whose second word follows at once */
		unsigned nk = 0xFFFF;
		if (wl->nb && i + 1 < nw) {
			const ew *nx = &W[i + 1];
			if (((wl->bkmask >> (nx->key & 63)) & 1) && nx->tag == T_NONE && nx->len >= 2 &&
			    !(w->flags & EW_POSS))
				nk = nx->key;   /* bikey(), from build_words */
		}
		if (nk == 0xFFFF && !wl->n) {
			/* no entry can start here (most words) */
			w->tag = wl->ftag;   /* function_word(w), from the word's list */
			c->ntag[w->tag]++;
			if (w->tag == T_CONJ)
				c->cjl[c->ncj++] = i;
			continue;
		}
		/* The longest phrase wins (elements, then characters); among equals
		 * the first met, heads in the lookup's order, in each head its
		 * bucket before its other entries. bkey/brank: the best so far. */
		const eg_cent *best = NULL;
		uint32_t bkey = 0;
		unsigned brank = 0;
		int best_last = -1;
		for (uint32_t b = 0; nk != 0xFFFF && b < wl->nb; b++) {
			if (!((wl->bh[b].bkmask >> (nk & 63)) & 1))
				continue;
			const eg_head *hd = wl->bh[b].h;
			const eg_bkt *bk = bkt_find(hd, nk);
			if (!bk)
				continue;
			const eg_cent *ce = hd->ce + bk->at;
			for (uint32_t k = 0; k < bk->cnt; k++) {
				uint32_t key = ((uint32_t)ce[k].n << 16) | ce[k].chars;
				if (key <= bkey)
					break;   /* longest first; an earlier head wins a tie */
				if (ce[k].kind == DY_ENT_TIME && no_time)
					continue;
				if ((ce[k].sig & ~sig) || !bi_test(c->bi, ce[k].k2))
					continue;
				if ((ce[k].f0 & DY_EL_EXACT) && !wl->bh[b].mex &&
				    !((ce[k].f0 & DY_EL_ENDINGS) && wl->bh[b].mend))
					continue;   /* the first word does not match */
				if ((w->flags & EW_POSS) || !bi_all(c, ce[k].first + 1, ce[k].n - 1u))
					continue;   /* a possessive only ends a phrase */
				dy_phrase ph = { ce[k].first, ce[k].n, ce[k].chars };
				int last = match_phrase(c, &ph, i, ce[k].kind == DY_ENT_VERB, pos);
				if (last < 0)
					continue;
				best = &ce[k];
				bkey = key;
				brank = wl->bh[b].rank;
				best_last = last;
				int *t = best_pos;
				best_pos = pos;
				pos = t;
				break;
			}
		}
		for (uint32_t k = 0; k < wl->n; k++) {
			const eg_cent *x = &wl->c[k];
			uint32_t key = ((uint32_t)x->n << 16) | x->chars;
			if (key < bkey || (key == bkey && x->f0 >= brank))
				break;   /* no later entry beats the bucket's */
			if (x->kind == DY_ENT_TIME && no_time)
				continue;
			if ((x->sig & ~sig) || !bi_test(c->bi, x->k2))
				continue;
			int last;
			if (x->n == 1) {
				/* a possessive never ends a verb */
				if ((w->flags & EW_POSS) && x->kind == DY_ENT_VERB)
					continue;
				last = i;
			} else {
				if ((w->flags & EW_POSS) || !bi_all(c, x->first + 1, x->n - 1u))
					continue;   /* a possessive only ends a phrase */
				dy_phrase ph = { x->first, x->n, x->chars };
				last = match_phrase(c, &ph, i, x->kind == DY_ENT_VERB, pos);
				if (last < 0)
					continue;
				int *t = best_pos;
				best_pos = pos;
				pos = t;
			}
			best = x;
			best_last = last;
			break;
		}
		if (best) {
			w->tag = kind_tags[best->kind];
			if (w->tag == T_VERB)
				c->vl[c->nvl++] = i;
			else if (w->tag == T_ACTOR || w->tag == T_DISC)
				c->al[c->nal++] = i;
			else if (w->tag == T_AGENT)
				c->gl[c->ngl++] = i;
			c->ntag[w->tag]++;
			w->entry = best->ei;
			w->last = best_last;
			for (int k = 1; k < best->n; k++)
				W[best_pos[k]].tag = T_PART;
			continue;
		}
		w->tag = wl->ftag;   /* function_word(w), from the word's list */
		c->ntag[w->tag]++;
		if (w->tag == T_CONJ)
			c->cjl[c->ncj++] = i;
	}
}

static void bi_build(ctx *c)
{
	/* bi, b3 and sig start zeroed: engine_code() clears the whole ctx */
	/* c->wk has room for c->capw words (engine_code()) */
	/* the words' keys were worked out as they were made (build_words) */
	const ew *const W = c->w;
	uint16_t *const wk = c->wk;
	uint64_t sig = 0;
	for (int i = 0; i < c->n; i++) {
		const ew *w = &W[i];
		unsigned k = w->key, k3 = w->k3;
		wk[i] = (w->flags & EW_POSS) ? WK_POSS : (uint16_t)k;
		if (!((c->bi[k >> 6] >> (k & 63)) & 1))
			kfirst[k] = (uint16_t)i;
		klast[k] = (uint16_t)i;
		c->bi[k >> 6] |= (uint64_t)1 << (k & 63);
		if (k3 != 0xFFFF)
			c->b3[k3 >> 6] |= (uint64_t)1 << (k3 & 63);
		sig |= (uint64_t)1 << (k & 63);
	}
	c->sig = sig;
}

/* The verb record of a verb word, and its root code (NULL: null-coded). */
static const dy_verb *word_verb(ctx *c, const ew *w)
{
	const dy_entry *e = &c->d->entries[w->entry];
	if (e->verb == DY_NONE)
		return NULL;
	return &c->d->verbs[e->verb];
}

static const dy_code *verb_root_code(ctx *c, const dy_verb *v)
{
	const dy_entry *root = &c->d->entries[v->entry];
	if (!root->n_codes)
		return NULL;
	return &c->d->codes[root->code];
}

static int code_is_null(const dy_code *k)
{
	return !k || (k->flags & DY_CODE_NULL);
}

/* Determiners and capitals turn verbs into nouns (manual 7.4); null-coded verbs
 * without patterns are no verbs at all. */
static void shift_nouns(ctx *c)
{
	for (int k = 0; k < c->nvl; k++) {
		int i = c->vl[k];
		ew *w = &c->w[i];
		if (w->tag != T_VERB)
			continue;
		const dy_verb *v = word_verb(c, w);
		if (!v) {
			w->tag = T_NONE;
			continue;
		}
		if ((i > 0 && c->w[i - 1].tag == T_DET) || (w->flags & EW_CAP)) {
			w->tag = T_NOUN;
			w->nouned = 1;
			continue;
		}
		if (code_is_null(verb_root_code(c, v)) && v->n_patterns == 0)
			w->tag = T_NONE;
	}
}

/* ---- Actor units ------------------------------------------------------------ */

static unit *unit_new(ctx *c, int start, int end)
{
	if (c->nu == c->capu) {
		int cap = c->capu ? c->capu * 2 : 16;
		unit *nu = arena_alloc(c->a, sizeof(unit) * (size_t)cap);
		if (c->nu)
			memcpy(nu, c->u, sizeof(unit) * (size_t)c->nu);
		c->u = nu;
		c->capu = cap;
	}
	unit *u = &c->u[c->nu++];
	/* codes[i] is read only for i < n (its first and the base are zeroed
	 * for whoever copies them whole): no clearing of all 388 bytes */
	memset(u->codes[0], 0, sizeof u->codes[0]);
	memset(u->base, 0, sizeof u->base);
	u->n = 0;
	u->pron = 0;
	u->start = start;
	u->end = end;
	u->lastw = end - 1;
	u->group = -1;
	u->entry = DY_NONE;
	return u;
}

static void code_set(char *dst, const char *src, size_t n)
{
	if (n >= ENG_CODE_LEN)
		n = ENG_CODE_LEN - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Whether agent code `ag` already stands in actor code `ac` on a 3-character
 * boundary (manual 5.4: "aligned on the 3-character boundaries"). */
static int code_has(const char *ac, const char *ag)
{
	size_t na = strlen(ac), ng = strlen(ag);
	if (!ng)
		return 1;
	for (size_t p = 0; p + ng <= na; p += 3)
		if (!memcmp(ac + p, ag, ng))
			return 1;
	return 0;
}

/* dst = a then b, cut to ENG_CODE_LEN - 1 bytes as snprintf would. */
static void code_join(char *dst, const char *a, const char *b)
{
	char tmp[ENG_CODE_LEN];
	size_t na = strlen(a), nb = strlen(b);
	if (na > ENG_CODE_LEN - 1)
		na = ENG_CODE_LEN - 1;
	if (nb > ENG_CODE_LEN - 1 - na)
		nb = ENG_CODE_LEN - 1 - na;
	memcpy(tmp, a, na);
	memcpy(tmp + na, b, nb);
	tmp[na + nb] = '\0';
	memcpy(dst, tmp, na + nb + 1);
}

static void agent_apply(unit *u, const dy_code *k, int former)
{
	const char *ag = former ? "ELI" : k->code;
	for (int i = 0; i < u->n; i++) {
		if (code_has(u->codes[i], ag))
			continue;
		if (k->flags & DY_CODE_AGENT_PRE)
			code_join(u->codes[i], ag, u->codes[i]);
		else
			code_join(u->codes[i], u->codes[i], ag);
	}
}

static const dy_code *agent_code(ctx *c, int wi)
{
	const dy_entry *e = &c->d->entries[c->w[wi].entry];
	if (!e->n_codes)
		return NULL;
	const dy_code *k = &c->d->codes[e->code];
	if (k->flags & (DY_CODE_NULL | DY_CODE_DISCARD | DY_CODE_COMPLEX))
		return NULL;
	return k;
}

/* Actors resolved for the date; discard and complex codes end the sentence. */
static void make_units(ctx *c)
{
	char wb[128];
	/* the actors and discards tag_words listed, in order */
	for (int q = 0; q < c->nal; q++) {
		int i = c->al[q];
		ew *w = &c->w[i];
		if (w->tag == T_DISC) {
			c->status = ENG_DISCARD;
			c->why = "discard phrase";
			continue;
		}
		if (w->tag != T_ACTOR)
			continue;
		const dy_entry *e = &c->d->entries[w->entry];
		const dy_code *k = dict_code_at(c->d, e, c->date);
		if (!k && c->date == 0 && e->n_codes)
			k = &c->d->codes[e->code];   /* date unknown: the first code */
		tr(c, "  actor %.*s at %d: %s -> %s\n", (int)w->len, w->s, i,
		   where(c, e->file, e->line, wb, sizeof wb),
		   !k || (k->flags & DY_CODE_NULL) ? "null" :
		   (k->flags & DY_CODE_DISCARD) ? "###" : (k->flags & DY_CODE_COMPLEX) ? "+++" : k->code);
		if (!k || (k->flags & DY_CODE_NULL)) {
			w->tag = T_NOUN;   /* null-coded actors are nouns (manual 7.4) */
			continue;
		}
		if (k->flags & DY_CODE_DISCARD) {
			c->status = ENG_DISCARD;
			c->why = "discard code on an actor";
			continue;
		}
		if (k->flags & DY_CODE_COMPLEX) {
			if (c->status == ENG_CODED) {
				c->status = ENG_COMPLEX;
				c->why = "complex code on an actor";
			}
			continue;
		}
		unit *u = unit_new(c, i, w->last + 1);
		u->entry = w->entry;
		/* the parts of a coded compound "GME/GMW" (dict_code_part()'s
		 * rule: an empty part ends the list), read in one pass */
		const char *cp = k->code;
		for (unsigned p = 0; cp && p < U_MAXC; p++) {
			size_t pn = 0;
			while (cp[pn] && cp[pn] != '/')
				pn++;
			if (!pn)
				break;
			code_set(u->codes[u->n++], cp, pn);
			if (!cp[pn])
				break;
			cp += pn + 1;
		}
		if (!u->n) {
			code_set(u->codes[0], k->code, strlen(k->code));
			u->n = 1;
		}
		memcpy(u->base, u->codes[0], ENG_CODE_LEN);
		w->unit = c->nu - 1;
	}
	if (c->status != ENG_CODED)
		return;
	/* agents: after an actor, before an actor, or before IN/OF + actor (5.4) */
	for (int q = 0; q < c->ngl; q++) {
		int i = c->gl[q];
		if (c->w[i].tag != T_AGENT)
			continue;
		const dy_code *k = agent_code(c, i);
		if (!k)
			continue;
		int last = c->w[i].last;
		int former = (i > 0 && c->w[i - 1].tag == T_FORMER);
		int target = -1;
		for (int x = 0; x < c->nu; x++) {
			unit *u = &c->u[x];
			if (u->pron)
				continue;
			if (u->end == i - 1 && c->w[i - 1].tag == T_FORMER) {
				target = x;
				former = 1;
				break;
			}
			if (u->end == i && !(c->w[u->lastw].flags & EW_COMMA)) {
				target = x;
				if (u->start > 0 && c->w[u->start - 1].tag == T_FORMER)
					former = 1;
				break;
			}
		}
		for (int x = 0; target < 0 && x < c->nu; x++) {
			unit *u = &c->u[x];
			int gap = last + 1;
			if (gap < c->n && c->w[gap].tag == T_FORMER)
				gap++;
			if (u->start == gap) {
				target = x;
				if (gap != last + 1)
					former = 1;
			} else if (gap < c->n && c->w[gap].tag == T_PREP) {
				int q = gap + 1;
				if (q < c->n && c->w[q].tag == T_DET)
					q++;
				if (u->start == q)
					target = x;
			}
		}
		/* "Israeli helicopters and tanks": the country that modifies the
		 * first noun of a pair joined by AND modifies the second too */
		int share = -1;
		if (target < 0 && i >= 2 && weq(&c->w[i - 1], "AND"))
			for (int x = 0; x < c->nu; x++) {
				const unit *u = &c->u[x];
				if (!u->pron && u->end == i - 1 && c->w[u->start].tag == T_ACTOR &&
				    strcmp(u->base, u->codes[0]) != 0) {
					share = x;
					break;
				}
			}
		char wb2[128];
		const dy_entry *ae = &c->d->entries[c->w[i].entry];
		if (share >= 0) {
			char base[ENG_CODE_LEN];
			memcpy(base, c->u[share].base, ENG_CODE_LEN);
			unit *u = unit_new(c, i, last + 1);
			u->n = 1;
			memcpy(u->codes[0], base, ENG_CODE_LEN);
			memcpy(u->base, base, ENG_CODE_LEN);
			agent_apply(u, k, former);
			c->w[i].unit = c->nu - 1;
			tr(c, "  agent %.*s at %d (%s) shares the country of the actor before AND -> %s\n",
			   (int)c->w[i].len, c->w[i].s, i, where(c, ae->file, ae->line, wb2, sizeof wb2),
			   u->codes[0]);
		} else if (target >= 0) {
			unit *u = &c->u[target];
			agent_apply(u, k, former);
			tr(c, "  agent %.*s at %d (%s) joins actor at %d -> %s\n", (int)c->w[i].len,
			   c->w[i].s, i, where(c, ae->file, ae->line, wb2, sizeof wb2), u->start, u->codes[0]);
			if (i < u->start)
				u->start = i;
			if (last + 1 > u->end)
				u->end = last + 1;
			c->w[i].unit = -2;
		} else if (c->o->convert_agents) {
			unit *u = unit_new(c, i, last + 1);
			u->n = 1;
			if (k->flags & DY_CODE_AGENT_PRE)
				snprintf(u->codes[0], ENG_CODE_LEN, "%s~", k->code);
			else
				snprintf(u->codes[0], ENG_CODE_LEN, "~%s", k->code);
			c->w[i].unit = c->nu - 1;
			tr(c, "  agent %.*s at %d (%s) becomes actor %s\n", (int)c->w[i].len,
			   c->w[i].s, i, where(c, ae->file, ae->line, wb2, sizeof wb2), u->codes[0]);
		}
	}
}

/* Puts the units in text order. No two units start at one word, so any
 * sort gives this order; an insertion sort of their indexes (stable, like
 * glibc's qsort) and one copy of each unit cost less than qsort moving
 * records of 400 bytes about. */
static void units_sort(ctx *c)
{
	const int n = c->nu;
	int *ix = arena_alloc(c->a, sizeof *ix * (size_t)n);
	for (int x = 0; x < n; x++) {
		int y = x, s = c->u[x].start;
		while (y > 0 && c->u[ix[y - 1]].start > s) {
			ix[y] = ix[y - 1];
			y--;
		}
		ix[y] = x;
	}
	unit *u = arena_alloc(c->a, sizeof(unit) * (size_t)c->capu);
	for (int x = 0; x < n; x++)
		memcpy(&u[x], &c->u[ix[x]], sizeof(unit));
	c->u = u;
}

/* Units are mostly made in text order already: then no sort (no two units
 * start at one word, so any sort would leave them as they are). */
static int units_sorted(const ctx *c)
{
	for (int x = 1; x < c->nu; x++)
		if (c->u[x - 1].start > c->u[x].start)
			return 0;
	return 1;
}

/* "A shelled B, and C responded": an actor after a conjunction that a verb
 * follows, when a verb came before the compound began, is the subject of a
 * new clause, not one more member of a compound object. */
static int conj_opens_clause(const ctx *c, int from, int next)
{
	int e = c->u[next].end;
	if (e >= c->n || c->w[e].tag != T_VERB || c->w[e].nouned)
		return 0;
	for (int k = from - 1; k >= 0; k--) {
		if (c->w[k].tag == T_CONJ && !c->w[k].incomp)
			return 0;
		if (c->w[k].tag == T_VERB && !c->w[k].nouned)
			return 1;
	}
	return 0;
}

/* Parsed compounds (manual 7.5): np (, np)* CONJ np where np is an actor with
 * determiners or adjectives before it; actors joined by adjectives alone
 * belong to the same compound. Also compound nouns and adjectives (7.5.1),
 * whose conjunctions do not split clauses. */
static void find_compounds(ctx *c)
{
	if (!units_sorted(c))
		units_sort(c);
	for (int x = 0; x < c->nu; x++)
		c->w[c->u[x].start].unit = x;
	c->g = arena_alloc(c->a, sizeof(group) * (size_t)(c->nu + 1));
	c->ng = 0;
	for (int x = 0; x < c->nu;) {
		int y = x, conj = 0, lastconj = x;
		int seps[64];
		int nsep = 0;
		while (y + 1 < c->nu) {
			/* between two parts: commas or a conjunction, then determiners
			 * and adjectives of the next part; or, once a conjunction was seen,
			 * adjectives alone ("X and the evil Y awful Z"); or nothing after a
			 * possessive ("Arnor's Elrond") */
			int p = c->u[y].end, saw_sep = 0, saw_conj = 0, saw_mod = 0, sepw[4], ns = 0;
			while (p < c->n && p < c->u[y + 1].start) {
				int t = c->w[p].tag;
				if ((t == T_COMMA || (t == T_CONJ && !weq(&c->w[p], "BUT"))) && ns < 4 &&
				    !saw_conj && !saw_mod) {
					if (t == T_CONJ)
						saw_conj = 1;
					saw_sep = 1;
					sepw[ns++] = p;
				} else if (t == T_DET || t == T_ADJ) {
					saw_mod = 1;
				} else
					break;
				p++;
			}
			if (p != c->u[y + 1].start)
				break;
			if (!saw_sep && !(saw_mod && conj) &&
			    !(p == c->u[y].end && (c->w[c->u[y].lastw].flags & EW_POSS)))
				break;
			if (saw_conj && conj_opens_clause(c, c->u[x].start, y + 1))
				break;
			for (int k = 0; k < ns && nsep < 64; k++)
				seps[nsep++] = sepw[k];
			y++;
			if (saw_conj || (conj && !saw_sep)) {
				conj = 1;
				lastconj = y;
			}
		}
		if (conj && lastconj > x) {
			c->g[c->ng].first = x;
			c->g[c->ng].n = lastconj - x + 1;
			for (int k = x; k <= lastconj; k++)
				c->u[k].group = c->ng;
			for (int k = 0; k < nsep; k++)
				if (seps[k] < c->u[lastconj].start)
					c->w[seps[k]].incomp = 1;
			tr(c, "  compound actor: words %d..%d, %d actors\n", c->u[x].start,
			   c->u[lastconj].end - 1, lastconj - x + 1);
			c->ng++;
			x = lastconj + 1;
		} else
			x++;
	}
	/* <noun> <conj> <adj>* <noun> and <adj> <conj> <adj> */
	/* the conjunctions from tag_words' list, not a walk over every word */
	for (int q = 0; q < c->ncj; q++) {
		const int i = c->cjl[q];
		if (i < 1 || i + 1 >= c->n || c->w[i].incomp)
			continue;
		int pt = c->w[i - 1].tag;
		if (c->w[i - 1].tag == T_PART) {
			for (int k = i - 2; k >= 0; k--)
				if (c->w[k].tag != T_PART && c->w[k].last >= i - 1) {
					pt = c->w[k].tag;
					break;
				}
		}
		int q = i + 1;
		if (pt == T_NOUN) {
			while (q < c->n && c->w[q].tag == T_ADJ)
				q++;
			if (q < c->n && c->w[q].tag == T_NOUN && !c->w[q].nouned)
				c->w[i].incomp = 1;
		} else if (pt == T_ADJ && c->w[q].tag == T_ADJ)
			c->w[i].incomp = 1;
	}
}

/* Pronouns become units that stand for the actor they refer to (manual 7.7). */
static void add_pronouns(ctx *c)
{
	if (!c->ntag[T_PRON])
		return;
	int nreal = c->nu;
	for (int i = 0; i < c->n; i++) {
		if (c->w[i].tag != T_PRON || c->w[i].del)
			continue;
		int k = pron_kind(&c->w[i]);
		int ref = -1, refg = -1;
		if (k <= 4) {          /* HE SHE IT HIM: first actor of the sentence */
			for (int x = 0; x < nreal; x++)
				if (!c->w[c->u[x].start].del) { ref = x; break; }
		} else if (k <= 7) {   /* ITS HIS HER: first actor before the pronoun */
			for (int x = 0; x < nreal; x++)
				if (c->u[x].start < i && !c->w[c->u[x].start].del) { ref = x; break; }
		} else {               /* THEY THEM THEIR: first compound, else first actor */
			for (int x = 0; x < nreal; x++)
				if (c->u[x].group >= 0 && !c->w[c->u[x].start].del) { refg = c->u[x].group; break; }
			if (refg < 0)
				for (int x = 0; x < nreal; x++)
					if (!c->w[c->u[x].start].del) { ref = x; break; }
		}
		/* FORWARD (manual 8.4): a pronoun before any actor of the sentence
		 * stands for the first actor of the previous sentence */
		int first_real = nreal ? c->u[0].start : c->n;
		if (c->o->forward && c->carry && c->carry->n && i < first_real) {
			unit *u = unit_new(c, i, i + 1);
			u->pron = 1;
			u->n = 1;
			memcpy(u->codes[0], c->carry->codes[0], ENG_CODE_LEN);
			memcpy(u->base, u->codes[0], ENG_CODE_LEN);
			tr(c, "  pronoun %.*s at %d -> %s (forwarded)\n", (int)c->w[i].len, c->w[i].s, i,
			   u->codes[0]);
			continue;
		}
		if (ref < 0 && refg < 0)
			continue;
		unit *u = unit_new(c, i, i + 1);
		u->pron = 1;
		if (refg >= 0) {
			const group *g = &c->g[refg];
			for (int m = 0; m < g->n && u->n < U_MAXC; m++) {
				const unit *s = &c->u[g->first + m];
				for (int q = 0; q < s->n && u->n < U_MAXC; q++)
					memcpy(u->codes[u->n++], s->codes[q], ENG_CODE_LEN);
			}
		} else {
			const unit *s = &c->u[ref];
			if (s->group >= 0) {
				/* "it" for one member keeps that member only */
			}
			u->n = s->n;
			memcpy(u->codes, s->codes, sizeof u->codes);
			memcpy(u->base, s->base, ENG_CODE_LEN);
			u->entry = s->entry;
		}
		tr(c, "  pronoun %.*s at %d -> %s%s\n", (int)c->w[i].len, c->w[i].s, i,
		   u->codes[0], u->n > 1 ? " (and others)" : "");
	}
	if (c->nu > nreal) {
		/* keep units in text order; groups refer to consecutive real units,
		 * so renumber them after sorting */
		for (int x = 0; x < c->nu; x++)
			if (c->u[x].group >= 0)
				c->u[x].group = c->u[x].group * 1;
		if (!units_sorted(c))
			units_sort(c);
		for (int gi = 0; gi < c->ng; gi++) {
			int first = -1, n = 0;
			for (int x = 0; x < c->nu; x++)
				if (c->u[x].group == gi) {
					if (first < 0)
						first = x;
					n++;
				}
			c->g[gi].first = first;
			c->g[gi].n = n;
		}
		for (int x = 0; x < c->nu; x++)
			c->w[c->u[x].start].unit = x;
	}
}

/* ---- Comma clauses (manual 7.8, 8.6) ---------------------------------------- */

static void drop_commas(ctx *c)
{
	const dy_engine_opts *o = c->o;
	if (o->comma_off || !c->ntag[T_COMMA])
		return;   /* no comma: nothing to drop */
	int prev = -1;   /* index of the comma that opened the current phrase */
	int words = 0;   /* its words so far, counted in the same walk */
	const ew *const W = c->w;
	const int n = c->n;
	for (int i = 0; i <= n; i++) {
		int is_end = (i == n);
		if (!is_end) {
			if (W[i].tag != T_COMMA) {
				words += (W[i].flags & EW_POSS) ? 2 : 1;   /* "'s" is a word */
				continue;
			}
			if (W[i].incomp)
				continue;   /* a comma inside a compound: no phrase ends */
		}
		if (is_end && c->period)
			words++;   /* the full stop counts (suite: DEMO-19 keeps 9 words + '.') */
		int lo, hi;
		if (prev < 0 && is_end)
			break;   /* no comma at all */
		if (prev < 0) {
			lo = o->comma_bmin;
			hi = o->comma_bmax;
		} else if (is_end) {
			lo = o->comma_emin;
			hi = c->period ? o->comma_emax : -1;
		} else {
			lo = o->comma_min;
			hi = o->comma_max;
		}
		/* ", and Amnesty criticized ...": a phrase that a conjunction opens
		 * is a clause of its own, not an aside */
		int coord = prev >= 0 && prev + 1 < i && c->w[prev + 1].tag == T_CONJ &&
		            !c->w[prev + 1].incomp;
		if (words > lo && words <= hi && !coord) {
			for (int k = prev + 1; k < i; k++)
				c->w[k].del = 1;
			tr(c, "  comma clause dropped: words %d..%d\n", prev + 1, i - 1);
		}
		prev = i;
		words = 0;
	}
}

/* ---- Pattern matching --------------------------------------------------------- */

typedef struct frame {
	const dy_elem *e;
	uint32_t       n, i;
	uint8_t        gadj;   /* the group this frame matches has '_' after it */
} frame;

enum { PM_DEPTH = 8 };

typedef struct pm {
	ctx   *c;
	int    lo, hi;         /* window: words [lo, hi) */
	int    vs, ve;         /* verb words [vs, ve) */
	int    budget;
	int    src, tgt, cmp;  /* units assigned by $ + % (-1: none) */
	int    alo;            /* actors before the verb are looked for from here */
	int    skip[8], nskip; /* units passed over by ^ */
	int    mchars;         /* letters of the words matched so far */
} pm;

static void pm_assign(pm *p, int kind, int x)
{
	if (kind == DY_EL_SOURCE)
		p->src = x;
	else if (kind == DY_EL_TARGET)
		p->tgt = x;
	else if (kind == DY_EL_COMPOUND)
		p->cmp = x;
	else if (p->nskip < 8)
		p->skip[p->nskip++] = x;
}



static int unit_at_or_after(pm *p, int pos, int limit, int adj, int compound_only)
{
	ctx *c = p->c;
	for (int x = 0; x < c->nu; x++) {
		const unit *u = &c->u[x];
		if (u->start < pos || c->w[u->start].del)
			continue;
		if (u->start >= limit)
			return -1;
		if (adj && u->start != pos)
			return -1;
		if (compound_only && u->group < 0)
			continue;
		return x;
	}
	return -1;
}

/* End word of the unit or of its whole compound. */
static int unit_span_end(ctx *c, int x)
{
	const unit *u = &c->u[x];
	if (u->group < 0)
		return u->end;
	const group *g = &c->g[u->group];
	return c->u[g->first + g->n - 1].end;
}

static int pm_run(pm *p, frame *st, int depth, int pos, int adj);

/* Continue after the element st[depth-1].i was matched ending before `pos`. */
static int pm_next(pm *p, frame *st, int depth, int pos, int adj)
{
	frame f[PM_DEPTH];
	memcpy(f, st, sizeof(frame) * (size_t)depth);
	f[depth - 1].i++;
	while (depth > 0 && f[depth - 1].i >= f[depth - 1].n) {
		adj |= f[depth - 1].gadj;
		depth--;
		if (depth > 0)
			f[depth - 1].i++;
	}
	if (depth == 0)
		return 1;
	return pm_run(p, f, depth, pos, adj);
}

static int pm_push_alts(pm *p, frame *st, int depth, int pos, int adj,
                        uint32_t first, uint32_t n, int gadj)
{
	if (depth >= PM_DEPTH)
		return 0;
	for (uint32_t k = 0; k < n; k++) {
		const dy_phrase *ph = &p->c->d->alts[first + k];
		/* an alternative with a word whose key no word of the sentence has
		 * cannot match: skip it without the frame copy and the scan */
		if (!ph->n || !bi_all(p->c, ph->first, ph->n))
			continue;
		frame f[PM_DEPTH];
		memcpy(f, st, sizeof(frame) * (size_t)depth);
		f[depth].e = &p->c->d->elems[ph->first];
		f[depth].n = ph->n;
		f[depth].i = 0;
		f[depth].gadj = (uint8_t)gadj;
		if (pm_run(p, f, depth + 1, pos, adj))
			return 1;
	}
	return 0;
}

static int pm_run(pm *p, frame *st, int depth, int pos, int adj)
{
	if (--p->budget < 0)
		return 0;
	ctx *c = p->c;
	const frame *f = &st[depth - 1];
	const dy_elem *e = &f->e[f->i];
	int eadj = (e->flags & DY_EL_ADJ) != 0;
	int limit = p->hi;
	switch (e->kind) {
	case DY_EL_WORD: {
		int last = adj ? pos : limit - 1;
		/* a word that matches starts with the element's two-letter key:
		 * the scan reads the keys (a possessive's never matches), and the
		 * text only of the words that have the key */
		unsigned ek = c->eng->ekey[e - c->d->elems];
		const uint16_t *wk = c->wk;
		int q0 = pos;
		if (ek != 0xFFFF) {
			/* only the words from the key's first to its last can match */
			if (!((c->bi[ek >> 6] >> (ek & 63)) & 1))
				return 0;
			if (klast[ek] < last)
				last = klast[ek];
			if (kfirst[ek] > q0)
				q0 = kfirst[ek];
		}
		for (int q = q0; q <= last && q < limit; q++) {
			if (wk[q] != ek && (ek != 0xFFFF || wk[q] == WK_POSS))
				continue;
			const ew *w = &c->w[q];
			if (!word_match(e, w))
				continue;
			p->mchars += e->len;
			if (pm_next(p, st, depth, q + 1, eadj))
				return 1;
			p->mchars -= e->len;
			if (p->budget < 0)
				return 0;
		}
		return 0;
	}
	case DY_EL_VERB:
		return 0;   /* a second '*' never matches */
	case DY_EL_SOURCE:
	case DY_EL_TARGET:
	case DY_EL_COMPOUND:
	case DY_EL_SKIP: {
		int x = unit_at_or_after(p, pos, limit, adj, e->kind == DY_EL_COMPOUND);
		if (x < 0)
			return 0;
		int save_s = p->src, save_t = p->tgt, save_c = p->cmp, save_k = p->nskip;
		pm_assign(p, e->kind, x);
		if (pm_next(p, st, depth, unit_span_end(c, x), eadj))
			return 1;
		p->src = save_s;
		p->tgt = save_t;
		p->cmp = save_c;
		p->nskip = save_k;
		return 0;
	}
	case DY_EL_SYNSET: {
		if (e->ref >= c->d->n_synsets)
			return 0;
		const dy_synset *s = &c->d->synsets[e->ref];
		return pm_push_alts(p, st, depth, pos, adj, s->alt, s->n, eadj);
	}
	case DY_EL_ALT:
		return pm_push_alts(p, st, depth, pos, adj, e->ref, e->n, eadj);
	}
	return 0;
}

/* The part of a pattern before '*' is matched backwards from the verb, nearest
 * words and actors first (manual 5.7.4: "+ s1 *" takes the actor just before
 * s1). `right` is where the element to the right starts; an element with '_'
 * after it must end right there. */
static int rm_run(pm *p, frame *st, int depth, int right);

static int rm_next(pm *p, frame *st, int depth, int right)
{
	frame f[PM_DEPTH];
	memcpy(f, st, sizeof(frame) * (size_t)depth);
	while (depth > 0 && f[depth - 1].i == 0)
		depth--;
	if (depth == 0)
		return 1;
	f[depth - 1].i--;
	return rm_run(p, f, depth, right);
}

static int rm_push_alts(pm *p, frame *st, int depth, int right, uint32_t first,
                        uint32_t n, int gadj)
{
	if (depth >= PM_DEPTH)
		return 0;
	for (uint32_t k = 0; k < n; k++) {
		const dy_phrase *ph = &p->c->d->alts[first + k];
		/* an alternative with a word whose key no word of the sentence has
		 * cannot match: skip it without the frame copy and the scan */
		if (!ph->n || !bi_all(p->c, ph->first, ph->n))
			continue;
		frame f[PM_DEPTH];
		memcpy(f, st, sizeof(frame) * (size_t)depth);
		f[depth].e = &p->c->d->elems[ph->first];
		f[depth].n = ph->n;
		f[depth].i = ph->n - 1;
		f[depth].gadj = (uint8_t)gadj;
		if (rm_run(p, f, depth + 1, right))
			return 1;
	}
	return 0;
}

/* Nearest actor unit ending at or before `right` (exactly there when adj). */
static int unit_before(pm *p, int right, int adj, int compound_only)
{
	ctx *c = p->c;
	for (int x = c->nu - 1; x >= 0; x--) {
		const unit *u = &c->u[x];
		int end = unit_span_end(c, x);
		if (u->start >= right || c->w[u->start].del)
			continue;
		if (u->start < p->alo)
			return -1;
		if (adj && end != right) {
			/* words dropped with a comma clause are invisible */
			int k = end;
			while (k < right && (c->w[k].del || c->w[k].tag == T_COMMA))
				k++;
			if (k != right)
				return -1;
		}
		if (compound_only && u->group < 0)
			continue;
		if (u->group >= 0)
			x = c->g[u->group].first;
		return x;
	}
	return -1;
}

static int rm_run(pm *p, frame *st, int depth, int right)
{
	if (--p->budget < 0)
		return 0;
	ctx *c = p->c;
	const frame *f = &st[depth - 1];
	const dy_elem *e = &f->e[f->i];
	int adj = (e->flags & DY_EL_ADJ) || (f->i + 1 == f->n && f->gadj);
	switch (e->kind) {
	case DY_EL_WORD: {
		int first = adj ? right - 1 : p->lo;
		unsigned ek = c->eng->ekey[e - c->d->elems];   /* as in pm_run */
		const uint16_t *wk = c->wk;
		int q0 = right - 1;
		if (ek != 0xFFFF) {
			if (!((c->bi[ek >> 6] >> (ek & 63)) & 1))
				return 0;
			if (klast[ek] < q0)
				q0 = klast[ek];
			if (kfirst[ek] > first)
				first = kfirst[ek];
		}
		for (int q = q0; q >= first && q >= p->lo; q--) {
			if (wk[q] != ek && (ek != 0xFFFF || wk[q] == WK_POSS))
				continue;
			const ew *w = &c->w[q];
			if (!word_match(e, w))
				continue;
			p->mchars += e->len;
			if (rm_next(p, st, depth, q))
				return 1;
			p->mchars -= e->len;
			if (p->budget < 0)
				return 0;
		}
		return 0;
	}
	case DY_EL_VERB:
		return 0;
	case DY_EL_SOURCE:
	case DY_EL_TARGET:
	case DY_EL_COMPOUND:
	case DY_EL_SKIP: {
		int x = unit_before(p, right, adj, e->kind == DY_EL_COMPOUND);
		if (x < 0)
			return 0;
		int save_s = p->src, save_t = p->tgt, save_c = p->cmp, save_k = p->nskip;
		pm_assign(p, e->kind, x);
		if (rm_next(p, st, depth, c->u[x].start))
			return 1;
		p->src = save_s;
		p->tgt = save_t;
		p->cmp = save_c;
		p->nskip = save_k;
		return 0;
	}
	case DY_EL_SYNSET: {
		if (e->ref >= c->d->n_synsets)
			return 0;
		const dy_synset *s = &c->d->synsets[e->ref];
		return rm_push_alts(p, st, depth, right, s->alt, s->n, adj);
	}
	case DY_EL_ALT:
		return rm_push_alts(p, st, depth, right, e->ref, e->n, adj);
	}
	return 0;
}

/* Matches pattern pt around the verb: the part after '*' forwards from the
 * verb's end, the part before it backwards from the verb's start. */
/* Whether pattern pt has its '*' in place and its words' keys in the sentence:
 * the verb loop's list (pk) and filters see to this before pattern_match. */
static int pattern_fits(const ctx *c, const dy_pattern *pt)
{
	uint32_t va = pt->verb_at;
	if (va >= pt->ph.n || c->d->elems[pt->ph.first + va].kind != DY_EL_VERB)
		return 0;
	uint64_t sig = 0;   /* the keys of its top-level words */
	for (uint32_t k = 0; k < pt->ph.n; k++) {
		unsigned key = c->eng->ekey[pt->ph.first + k];
		if (key != 0xFFFF)
			sig |= (uint64_t)1 << (key & 63);
	}
	return !(sig & ~c->sig) && bi_all(c, pt->ph.first, pt->ph.n);
}

static int pattern_match(pm *p, const dy_pattern *pt)
{
	const dy_dict *d = p->c->d;
	const dy_elem *el = &d->elems[pt->ph.first];
	uint32_t va = pt->verb_at;
	/* bounded work: 4000 steps a pattern, ENG_MAX_STEPS a sentence */
	if (p->c->steps <= 0)
		return 0;
	p->budget = p->c->steps < 4000 ? (int)p->c->steps : 4000;
	int budget0 = p->budget;
	p->src = p->tgt = p->cmp = -1;
	p->nskip = 0;
	p->mchars = 0;
	frame f[PM_DEPTH];
	if (va + 1 < pt->ph.n) {
		f[0].e = el;
		f[0].n = pt->ph.n;
		f[0].i = va + 1;
		f[0].gadj = 0;
		if (!pm_run(p, f, 1, p->ve, (el[va].flags & DY_EL_ADJ) != 0)) {
			p->c->steps -= budget0 - (p->budget > 0 ? p->budget : 0);
			return 0;
		}
	}
	if (va > 0) {
		f[0].e = el;
		f[0].n = va;          /* elements 0 .. va-1 */
		f[0].i = va - 1;
		f[0].gadj = 0;
		/* the element just before '*' carries its own '_' flag */
		if (!rm_run(p, f, 1, p->vs)) {
			p->c->steps -= budget0 - (p->budget > 0 ? p->budget : 0);
			return 0;
		}
	}
	p->c->steps -= budget0 - (p->budget > 0 ? p->budget : 0);
	return 1;
}

/* ---- Source and target ------------------------------------------------------ */

typedef struct actor_ref {
	int unit;       /* -1: none; -2: a default code */
	int whole;      /* use the unit's whole compound */
	const char *dflt;
} actor_ref;

static int unit_live(ctx *c, int x)
{
	if (c->w[c->u[x].start].del)
		return 0;
	for (int k = 0; k < c->nskip; k++)
		if (c->skip[k] == x)
			return 0;
	return 1;
}

static const char *first_code(ctx *c, actor_ref r)
{
	if (r.unit == -2)
		return r.dflt;
	if (r.unit < 0)
		return "";
	return c->u[r.unit].codes[0];
}

/* Distinct from `other` (manual 5.8: "a code distinct from the code of the
 * source"). */
static int distinct(ctx *c, int x, actor_ref other)
{
	if (other.unit == -1)
		return 1;
	if (other.unit >= 0 && other.whole && c->u[other.unit].group >= 0 &&
	    c->u[x].group == c->u[other.unit].group)
		return 0;
	return strcmp(c->u[x].codes[0], first_code(c, other)) != 0;
}

static void codes_of(ctx *c, actor_ref r, const char **out, int *n, uint32_t *word)
{
	*n = 0;
	if (r.unit == -2) {
		out[(*n)++] = r.dflt;
		*word = UINT32_MAX;
		return;
	}
	if (r.unit < 0)
		return;
	const unit *u = &c->u[r.unit];
	*word = (uint32_t)u->start;
	if (r.whole && u->group >= 0) {
		const group *g = &c->g[u->group];
		for (int m = 0; m < g->n; m++) {
			const unit *s = &c->u[g->first + m];
			for (int q = 0; q < s->n && *n < 32; q++)
				out[(*n)++] = s->codes[q];
		}
		return;
	}
	for (int q = 0; q < u->n && *n < 32; q++)
		out[(*n)++] = u->codes[q];
}

static void event_add(ctx *c, const char *s, const char *t, const char *code,
                      int vw, uint32_t sw, uint32_t tw, uint32_t ventry, uint32_t pat,
                      int32_t date)
{
	if (!strcmp(s, t) || c->nev >= ENG_MAX_EVENTS)
		return;
	for (size_t i = 0; i < c->nev; i++)
		if (!strcmp(c->ev[i].source, s) && !strcmp(c->ev[i].target, t) &&
		    !strcmp(c->ev[i].code, code))
			return;
	dy_event *e = &c->ev[c->nev++];
	memset(e, 0, sizeof *e);
	code_set(e->source, s, strlen(s));
	code_set(e->target, t, strlen(t));
	code_set(e->code, code, strlen(code));
	e->date = date;
	e->verb_word = (uint32_t)vw;
	e->src_word = sw;
	e->tgt_word = tw;
	e->verb_entry = ventry;
	e->pattern = pat;
	e->src_entry = e->tgt_entry = DY_NONE;
	e->verb_tok = c->w[vw].tok;
	e->src_tok = sw < (uint32_t)c->n ? c->w[sw].tok : UINT32_MAX;
	e->tgt_tok = tw < (uint32_t)c->n ? c->w[tw].tok : UINT32_MAX;
	e->tok_known = 1;
}

/* ---- Coding ---------------------------------------------------------------- */

typedef struct clause { int lo, hi; } clause;

typedef struct vres {
	int        coded;     /* an event code was found */
	int        special;   /* ENG_DISCARD / ENG_COMPLEX from a pattern */
	const dy_code *code;
	uint32_t   pattern;
	actor_ref  src, tgt;
	int        paired_cmp;
} vres;

static void window_of(ctx *c, const clause *cl, int vs, int ve, int *lo, int *hi)
{
	int a = vs;
	while (a > cl->lo && c->w[a - 1].tag != T_COMMA && !c->w[a - 1].del)
		a--;
	int b = ve;
	while (b < cl->hi && c->w[b].tag != T_COMMA && !c->w[b].del)
		b++;
	*lo = a;
	*hi = b;
}

static actor_ref no_actor(void)
{
	actor_ref r = { -1, 0, NULL };
	return r;
}

/* Default source and target search (manual 5.8, 7.9), given what a pattern set. */
static void find_actors(ctx *c, const clause *cl, int vs, int ve, actor_ref carry,
                        actor_ref *src, actor_ref *tgt, int *passive)
{
	const dy_engine_opts *o = c->o;
	int set_src = src->unit != -1, set_tgt = tgt->unit != -1;
	int any_before = 0, any_after = 0;
	for (int x = 0; x < c->nu; x++) {
		if (!unit_live(c, x))
			continue;
		if (c->u[x].start >= cl->lo && c->u[x].start < vs)
			any_before = 1;
		if (c->u[x].start >= ve && c->u[x].start < cl->hi)
			any_after = 1;
	}
	if (!set_src && carry.unit != -1) {
		/* after a conjunction the source carries over unless an actor opens
		 * the clause (manual 7.6) */
		int k = cl->lo;
		while (k < vs && (c->w[k].tag == T_DET || c->w[k].tag == T_ADJ || c->w[k].del))
			k++;
		int x = k < vs ? c->w[k].unit : -1;
		if (x >= 0 && unit_live(c, x)) {
			src->unit = x;
			src->whole = 1;
		} else
			*src = carry;
	}
	if (src->unit == -1) {
		for (int x = 0; x < c->nu; x++) {
			const unit *u = &c->u[x];
			if (!unit_live(c, x) || u->start < cl->lo || u->start >= vs)
				continue;
			if (set_tgt && !distinct(c, x, *tgt))
				continue;
			src->unit = x;
			src->whole = 1;
			break;
		}
		if (src->unit == -1 && carry.unit != -1)
			*src = carry;
		if (src->unit == -1 && o->default_source[0] && (o->default_prior || !any_after)) {
			src->unit = -2;
			src->dflt = o->default_source;
		}
		if (src->unit == -1) {
			/* greedy: the first actor after the verb (manual 8.5, note 3) */
			for (int x = 0; x < c->nu; x++) {
				const unit *u = &c->u[x];
				if (!unit_live(c, x) || u->start < ve || u->start >= cl->hi)
					continue;
				src->unit = x;
				src->whole = 0;
				break;
			}
		}
	}
	if (!set_tgt) {
		int from = ve;
		if (src->unit >= 0 && c->u[src->unit].start >= ve)
			from = c->u[src->unit].start + 1;
		for (int x = 0; x < c->nu; x++) {
			const unit *u = &c->u[x];
			if (!unit_live(c, x) || u->start < from || u->start >= cl->hi)
				continue;
			if (src->unit >= 0 && (x == src->unit || !distinct(c, x, *src)))
				continue;
			if (src->unit == -2 || src->unit == -1 || distinct(c, x, *src)) {
				tgt->unit = x;
				tgt->whole = 1;
				break;
			}
		}
		if (tgt->unit == -1 && o->default_target[0] && o->default_after) {
			tgt->unit = -2;
			tgt->dflt = o->default_target;
		}
		/* then the first distinct actor before the verb, outside the source's
		 * compound if there is one, else a part of it (the suite's CODEBY-08,
		 * DEFAULT-07b) */
		for (int pass = 0; pass < 2 && tgt->unit == -1; pass++) {
			for (int x = 0; x < c->nu; x++) {
				const unit *u = &c->u[x];
				if (!unit_live(c, x) || u->lastw < cl->lo || u->start >= vs)
					continue;
				if (src->unit >= 0 && x == src->unit)
					continue;
				if (pass == 0 && src->unit >= 0 && src->whole && u->group >= 0 &&
				    u->group == c->u[src->unit].group)
					continue;
				if (src->unit >= 0 && strcmp(u->codes[0], first_code(c, *src)) == 0)
					continue;
				tgt->unit = x;
				tgt->whole = 0;
				break;
			}
		}
		if (tgt->unit == -1 && src->unit >= 0 && src->whole && c->u[src->unit].group >= 0)
			*tgt = *src;
		if (tgt->unit == -1 && o->default_target[0]) {
			tgt->unit = -2;
			tgt->dflt = o->default_target;
		}
	}
	(void)any_before;
	/* passive voice (7.9): WAS/WERE/BEEN one or two words before, BY after */
	*passive = 0;
	if (!set_src && !set_tgt) {
		int aux = 0, by = 0;
		for (int k = vs - 1; k >= vs - 2 && k >= cl->lo; k--)
			if (c->w[k].tag == T_AUX)
				aux = 1;
		for (int k = ve; k < ve + 2 && k < cl->hi; k++)
			if (c->w[k].tag == T_BY)
				by = 1;
		if (aux && by) {
			*passive = 1;
			actor_ref t = *src;
			*src = *tgt;
			*tgt = t;
		}
	}
}

static void emit(ctx *c, const vres *r, int vw, uint32_t ventry, int32_t date)
{
	const char *sc[32], *tc[32];
	int ns, nt;
	uint32_t sw = UINT32_MAX, tw = UINT32_MAX;
	codes_of(c, r->src, sc, &ns, &sw);
	codes_of(c, r->tgt, tc, &nt, &tw);
	const dy_code *k = r->code;
	for (int i = 0; i < ns; i++)
		for (int j = 0; j < nt; j++) {
			event_add(c, sc[i], tc[j], k->code, vw, sw, tw, ventry, r->pattern, date);
			if ((k->flags & DY_CODE_PAIRED) && k->code2)
				event_add(c, tc[j], sc[i], k->code2, vw, tw, sw, ventry, r->pattern, date);
		}
}

/* Whether the word of k can be in place for a verb at [vs, ve) whose window
 * is p: its key on its side of the verb, its trikey in the sentence. */
static inline int pkey_fits(const ctx *c, const eg_pkey *k, const pm *p, int vs, int ve)
{
	unsigned k2 = k->k2s & 0x07FFu;
	if (!bit_test(c->bi, k2))
		return 0;
	if (k->k2s & 0x8000u) {
		if (kfirst[k2] >= p->hi || klast[k2] < ve)
			return 0;
	} else if (kfirst[k2] >= vs || klast[k2] < p->lo)
		return 0;
	return k->k3 == 0xFFFF || bit_test(c->b3, k->k3);
}

/* Codes verb word vs in clause cl; fills r. */
static void code_verb(ctx *c, const clause *cl, int vs, actor_ref carry, vres *r)
{
	char wb[128];
	memset(r, 0, sizeof *r);
	r->src = r->tgt = no_actor();
	r->pattern = DY_NONE;
	const ew *w = &c->w[vs];
	const dy_verb *v = word_verb(c, w);
	int ve = w->last + 1;
	const dy_code *k = NULL;
	pm p;
	memset(&p, 0, sizeof p);
	p.c = c;
	p.alo = cl->lo;
	p.vs = vs;
	p.ve = ve;
	uint32_t vi = (uint32_t)(v - c->d->verbs);
	const eg_verb *vx = verb_get(c->eng, vi);
	const eg_pat *pk = vx->pk;
	uint32_t npk = vx->npk;
	/* The window (window_of()), and in the same walks the keys of the words
	 * on each side of the verb within it: a pattern's words before '*' are
	 * matched in [lo, vs), those after it in [ve, hi). */
	uint64_t nsig_b = 0, nsig_a = 0;
	{
		const ew *const W = c->w;
		int a = vs, b = ve;
		while (a > cl->lo && W[a - 1].tag != T_COMMA && !W[a - 1].del) {
			a--;
			nsig_b |= (uint64_t)1 << (W[a].key & 63);
		}
		while (b < cl->hi && W[b].tag != T_COMMA && !W[b].del) {
			nsig_a |= (uint64_t)1 << (W[b].key & 63);
			b++;
		}
		p.lo = a;
		p.hi = b;
	}
	nsig_b = ~nsig_b;
	nsig_a = ~nsig_a;
	/* A verb with many patterns: only those whose indexed word has its key
	 * on its side of the verb can match (the others would fail below or in
	 * pattern_match); visit them in the same order. */
	const eg_pidx *px = &vx->px;
	uint64_t *bm = NULL;
	uint32_t nw = 0;
	if (px->g) {
		/* a bit per pattern, set for the candidates, read back in order */
		nw = (npk + 63) / 64;
		bm = arena_alloc(c->a, sizeof *bm * nw);
		memcpy(bm, px->freebm, sizeof *bm * nw);   /* patterns with no word */
		for (int q = p.lo; q < p.hi; q++) {
			if (q >= vs && q < ve)
				continue;
			unsigned side = (q >= ve ? 1u : 0u) << 13;
			const eg_pgrp *g = px->has2 ? px_find(px, side | c->w[q].key) : NULL;
			for (uint32_t k2 = 0; g && k2 < g->n; k2++) {
				uint32_t x = px->pos[g->at + k2];
				bm[x >> 6] |= (uint64_t)1 << (x & 63);
			}
			if (c->w[q].k3 == 0xFFFF)
				continue;
			g = px_find(px, side | (1u << 12) | c->w[q].k3);
			for (uint32_t k2 = 0; g && k2 < g->n; k2++) {
				uint32_t x = px->pos[g->at + k2];
				bm[x >> 6] |= (uint64_t)1 << (x & 63);
			}
		}
	}
	pm found;
	int actual = -1, in_p = 0;
	/* the candidates in order: the bits of bm, else every pattern */
	uint32_t wi = 0, ci = 0;
	uint64_t m = bm ? bm[0] : 0;
	for (;;) {
		uint32_t i;
		if (bm) {
			while (!m && ++wi < nw)
				m = bm[wi];
			if (!m)
				break;
			i = wi * 64 + (uint32_t)__builtin_ctzll(m);
			m &= m - 1;
		} else {
			if (ci >= npk)
				break;
			i = ci++;
		}
		if (actual >= 0 && pk[i].len <= actual)
			break;   /* nothing longer than the variable match is left */
		if ((pk[i].sig_b & nsig_b) || (pk[i].sig_a & nsig_a) || !bi_test(c->bi, pk[i].key))
			continue;
		/* each top-level word's key on its side of the verb in the window
		 * (pm_run and rm_run look nowhere else), its trikey in the sentence:
		 * most patterns that get this far fail here, before any matching */
		const eg_pkey *kk = vx->keys + pk[i].kat;
		uint32_t j = 0, nk = pk[i].nkeys;
		while (j < nk) {
			if (kk[j].k2s & 0x4000u) {   /* a group: one of them */
				uint32_t cnt = kk[j].k2s & 0x3FFFu, q = 1;
				while (q <= cnt && !pkey_fits(c, &kk[j + q], &p, vs, ve))
					q++;
				if (q > cnt)
					break;
				j += cnt + 1;
			} else if (pkey_fits(c, &kk[j], &p, vs, ve))
				j++;
			else
				break;
		}
		if (j < nk)
			continue;
		uint32_t pi = pk[i].pi;
		const dy_pattern *pt = &c->d->patterns[pi];
		if (!pattern_match(&p, pt))
			continue;
		k = &c->d->codes[pt->code];
		r->pattern = pi;
		tr(c, "    pattern %s matched -> %s\n", where(c, pt->file, pt->line, wb, sizeof wb),
		   code_is_null(k) ? "---" : (k->flags & DY_CODE_DISCARD) ? "###" :
		   (k->flags & DY_CODE_COMPLEX) ? "+++" : k->code);
		/* a match through alternatives or a synset is only as long as what it
		 * matched: longer patterns get their turn first (manual 5.7.1) */
		if (!pk[i].var || p.mchars >= pk[i].len) {
			in_p = 1;   /* the match is in p: no copy either way */
			break;
		}
		found = p;   /* later patterns that fail change p */
		actual = p.mchars;
	}
	if (r->pattern != DY_NONE && !in_p)
		p = found;
	if (r->pattern == DY_NONE) {
		k = verb_root_code(c, v);
		const dy_entry *root = &c->d->entries[v->entry];
		tr(c, "    verb root %s -> %s\n", where(c, root->file, root->line, wb, sizeof wb),
		   code_is_null(k) ? "---" : k->code);
		p.src = p.tgt = p.cmp = -1;
	}
	if (code_is_null(k))
		return;
	if (k->flags & DY_CODE_DISCARD) {
		r->special = ENG_DISCARD;
		return;
	}
	if (k->flags & DY_CODE_COMPLEX) {
		r->special = ENG_COMPLEX;
		return;
	}
	r->coded = 1;
	r->code = k;
	if (p.cmp >= 0) {
		r->src.unit = r->tgt.unit = p.cmp;
		r->src.whole = r->tgt.whole = 1;
		return;
	}
	if (p.src >= 0) {
		r->src.unit = p.src;
		r->src.whole = 1;
	}
	if (p.tgt >= 0) {
		r->tgt.unit = p.tgt;
		r->tgt.whole = 1;
	}
	int passive = 0;
	c->skip = p.skip;
	c->nskip = p.nskip;
	find_actors(c, cl, vs, ve, carry, &r->src, &r->tgt, &passive);
	c->nskip = 0;
	if (passive)
		tr(c, "    passive voice: source and target swapped\n");
}

static int count_events_before(size_t n0, size_t n1)
{
	return n1 > n0;
}

static void code_sentence(ctx *c)
{
	/* clauses */
	clause cls[128];
	int ncl = 0, lo = 0;
	if (!c->ntag[T_CONJ]) {
		/* no conjunction: one clause, without a walk over the words */
		if (c->n > 0) {
			cls[0].lo = 0;
			cls[0].hi = c->n;
			ncl = 1;
		}
	} else
		/* the conjunctions from tag_words' list, then the end */
		for (int q = 0; q <= c->ncj && ncl < 128; q++) {
			const int i = q < c->ncj ? c->cjl[q] : c->n;
			if (q < c->ncj && c->w[i].incomp)
				continue;
			if (i > lo) {
				cls[ncl].lo = lo;
				cls[ncl].hi = i;
				ncl++;
			}
			lo = i + 1;
		}
	actor_ref carry = no_actor();
	int dominant_seen = 0;
	int any_main = 0;
	/* subordinate results per clause, kept until we know whether the clause
	 * (or sentence) has a regular event */
	vres sub[128];
	int subv[128];
	int has_sub[128];
	memset(has_sub, 0, sizeof(int) * (size_t)ncl);   /* only clauses' slots are read */
	int stop = 0;
	/* A clause's verbs are found in tag_words' list (c->vl, ascending), not
	 * by a walk over its words: no stage after it makes a word a verb. */
	const int *const vl = c->vl;
	const int nvl = c->nvl;
	int vq = 0;   /* vl[vq ..]: the verbs from the current clause on */
	for (int ci = 0; ci < ncl && !stop; ci++) {
		const clause *cl = &cls[ci];
		tr(c, "  clause %d: words %d..%d\n", ci, cl->lo, cl->hi - 1);
		int got = 0;
		int clause_first_actor = -1, clause_has_verb = 0;
		while (vq < nvl && vl[vq] < cl->lo)
			vq++;
		for (int q = vq; q < nvl && vl[q] < cl->hi; q++)
			if (c->w[vl[q]].tag == T_VERB && !c->w[vl[q]].del) {
				clause_has_verb = 1;
				break;
			}
		for (int x = 0; x < c->nu; x++)
			if (unit_live(c, x) && c->u[x].start >= cl->lo && c->u[x].start < cl->hi) {
				clause_first_actor = x;
				break;
			}
		for (int q = vq; q < nvl && vl[q] < cl->hi; q++) {
			const int i = vl[q];
			const ew *w = &c->w[i];
			if (w->tag != T_VERB || w->del)
				continue;
			tr(c, "    verb %.*s at %d\n", (int)w->len, w->s, i);
			vres r;
			code_verb(c, cl, i, carry, &r);
			if (r.special) {
				c->status = r.special;
				c->why = r.special == ENG_DISCARD ? "discard code in a verb pattern"
				                                   : "complex code in a verb pattern";
				return;
			}
			if (!r.coded)
				continue;
			const dy_code *k = r.code;
			if (r.src.unit == -1 || r.tgt.unit == -1) {
				tr(c, "    no %s: no event\n", r.src.unit == -1 ? "source" : "target");
				if (r.src.unit >= 0 && !got)
					carry = r.src;
				continue;
			}
			if (k->flags & DY_CODE_SUBORD) {
				if (!has_sub[ci]) {
					has_sub[ci] = 1;
					sub[ci] = r;
					subv[ci] = i;
					tr(c, "    subordinate code %s kept for later\n", k->code);
				}
				continue;
			}
			if (dominant_seen && !(k->flags & DY_CODE_DOMINANT))
				continue;
			if ((k->flags & DY_CODE_DOMINANT) && !dominant_seen) {
				dominant_seen = 1;
				c->nev = 0;   /* only dominant events from here on */
			}
			size_t n0 = c->nev;
			emit(c, &r, i, w->entry, c->date);
			tr(c, "    event(s) with code %s\n", k->code);
			if (count_events_before(n0, c->nev) || n0 == c->nev) {
				got = 1;
				any_main = 1;
				if (r.src.unit >= 0)
					carry = r.src;
			}
			if (c->o->code_by == 1) {
				stop = 1;
				break;
			}
			if (c->o->code_by == 0 && !(k->flags & DY_CODE_DOMINANT))
				break;
		}
		if (!got && c->o->code_by == 0 && has_sub[ci] && !dominant_seen) {
			emit(c, &sub[ci], subv[ci], c->w[subv[ci]].entry, c->date);
			tr(c, "    subordinate code %s used\n", sub[ci].code->code);
			if (sub[ci].src.unit >= 0)
				carry = sub[ci].src;
			has_sub[ci] = 0;
			got = 1;
		}
		if (!got && clause_first_actor >= 0 && clause_has_verb) {
			carry.unit = clause_first_actor;
			carry.whole = 1;
		}
	}
	if (!any_main && c->o->code_by != 0 && !dominant_seen) {
		for (int ci = 0; ci < ncl; ci++)
			if (has_sub[ci]) {
				emit(c, &sub[ci], subv[ci], c->w[subv[ci]].entry, c->date);
				if (c->o->code_by == 1)
					break;
			}
	}
}

/* ---- Complexity (manual 8.7) -------------------------------------------------- */

static void check_complex(ctx *c)
{
	const dy_engine_opts *o = c->o;
	int verbs = 0, conj = 0, pron = c->ntag[T_PRON], first_verb = -1;
	/* the verbs from tag_words' list; pronouns keep their tag, so their
	 * count is tag_words' */
	for (int q = 0; q < c->nvl; q++) {
		int i = c->vl[q];
		const ew *w = &c->w[i];
		if (w->tag == T_VERB) {
			const dy_verb *v = word_verb(c, w);
			const dy_code *k = verb_root_code(c, v);
			if (k && (k->flags & DY_CODE_DISCARD) && c->status == ENG_CODED) {
				c->status = ENG_DISCARD;
				c->why = "discard code on a verb";
			}
			if (k && (k->flags & DY_CODE_COMPLEX) && c->status == ENG_CODED) {
				c->status = ENG_COMPLEX;
				c->why = "complex code on a verb";
			}
			if (!w->del)
				verbs++;
			if (first_verb < 0 && !code_is_null(k) && !w->del)
				first_verb = i;
		}
	}
	/* conjunctions are counted only for the option that reads them */
	for (int q = 0; o->cx_conj && q < c->ncj; q++)
		if (!c->w[c->cjl[q]].incomp)
			conj++;
	if (c->status != ENG_CODED)
		return;
	if (o->max_words && c->n > o->max_words) {
		c->status = ENG_COMPLEX;
		c->why = "too many words";
	} else if (o->cx_verbs && verbs >= o->cx_verbs) {
		c->status = ENG_COMPLEX;
		c->why = "too many verbs";
	} else if (o->cx_conj && conj >= o->cx_conj) {
		c->status = ENG_COMPLEX;
		c->why = "too many conjunctions";
	} else if (o->cx_actors && c->nu >= o->cx_actors) {
		c->status = ENG_COMPLEX;
		c->why = "too many actors";
	} else if (o->cx_pronouns && pron >= o->cx_pronouns) {
		c->status = ENG_COMPLEX;
		c->why = "too many pronouns";
	} else if (o->cx_noverb && first_verb < 0) {
		c->status = ENG_COMPLEX;
		c->why = "no verb";
	} else if (o->cx_noactprior && first_verb >= 0) {
		int prior = 0;
		for (int x = 0; x < c->nu; x++)
			if (c->u[x].start < first_verb && unit_live(c, x))
				prior = 1;
		if (!prior) {
			c->status = ENG_COMPLEX;
			c->why = "no actor before the first verb";
		}
	}
}

/* ---- Time shifts (manual 10.5) -------------------------------------------------- */

static void time_shift(ctx *c)
{
	if (!c->o->time_shift || !c->ntag[T_TIME])
		return;
	for (int i = 0; i < c->n; i++) {
		const ew *w = &c->w[i];
		if (w->tag != T_TIME)
			continue;
		const dy_entry *e = &c->d->entries[w->entry];
		const dy_code *k = NULL;
		/* a pattern of the time phrase may match; else its own code */
		if (e->verb != DY_NONE) {
			const dy_verb *v = &c->d->verbs[e->verb];
			clause cl = { 0, c->n };
			pm p;
			memset(&p, 0, sizeof p);
			p.c = c;
			window_of(c, &cl, i, w->last + 1, &p.lo, &p.hi);
			p.alo = 0;
			p.vs = i;
			p.ve = w->last + 1;
			for (uint32_t q = 0; q < v->n_patterns && !k; q++) {
				const dy_pattern *pt = &c->d->patterns[v->pattern + q];
				if (pt->n_codes && pt->ph.n && pattern_fits(c, pt) &&
				    pattern_match(&p, pt))
					k = &c->d->codes[pt->code];
			}
			if (!k) {
				const dy_entry *root = &c->d->entries[v->entry];
				if (root->n_codes)
					k = &c->d->codes[root->code];
			}
		} else if (e->n_codes)
			k = &c->d->codes[e->code];
		if (!k || (k->flags & DY_CODE_NULL))
			continue;
		if (k->flags & DY_CODE_DISCARD) {
			c->status = ENG_DISCARD;
			c->why = "discard code in a time phrase";
			return;
		}
		if (k->flags & DY_CODE_COMPLEX) {
			c->status = ENG_COMPLEX;
			c->why = "complex code in a time phrase";
			return;
		}
		if (k->flags & DY_CODE_SHIFT) {
			c->date = engine_date_add(c->date, k->shift);
			tr(c, "  time phrase at %d shifts the date by %d days\n", i, k->shift);
			return;
		}
	}
}

/* ---- Entry point ------------------------------------------------------------ */

/* The first actor of the sentence (not a pronoun) goes forward, without its
 * agents: the suite's FRWD records ("doesn't get the agent, only the actor";
 * an actor after the verb goes forward too, FRWD-001-005). */
static void carry_update(ctx *c, dy_engine_carry *carry)
{
	for (int x = 0; x < c->nu; x++) {
		const unit *u = &c->u[x];
		if (c->w[u->start].del || u->pron)
			continue;
		memcpy(carry->codes[0], u->base[0] ? u->base : u->codes[0], ENG_CODE_LEN);
		carry->n = 1;
		carry->compound = u->group >= 0;
		break;
	}
}

static void trace_words(ctx *c)
{
	char wb[128];
	for (int i = 0; i < c->n; i++) {
		const ew *w = &c->w[i];
		tr(c, "  %3d %-16.*s %-11s", i, (int)w->len, w->s, tag_name[w->tag]);
		if (w->entry != DY_NONE && w->tag != T_PART) {
			const dy_entry *e = &c->d->entries[w->entry];
			tr(c, " %s", where(c, e->file, e->line, wb, sizeof wb));
			if (w->last > i)
				tr(c, " (to word %d)", w->last);
		}
		if (w->nouned)
			tr(c, " [verb made a noun]");
		if (w->del)
			tr(c, " [dropped]");
		if (w->incomp)
			tr(c, " [in compound]");
		tr(c, "\n");
	}
}

void engine_code(const dy_engine *eng, const dy_engine_opts *o, dy_arena *a,
                 const char *text, const dy_token *toks, size_t n, int32_t date,
                 dy_engine_carry *carry, dy_buf *trace, dy_coding *out)
{
	ctx c;
	memset(&c, 0, sizeof c);
	c.eng = eng;
	c.d = eng->d;
	c.o = o;
	c.a = a;
	c.tr = trace;
	c.text = text;
	c.toks = toks;
	c.date = date;
	c.status = ENG_CODED;
	c.steps = ENG_MAX_STEPS;
	size_t cap = n < ENG_MAX_WORDS ? n * 2 + 1 : ENG_MAX_WORDS;
	if (cap > ENG_MAX_WORDS)
		cap = ENG_MAX_WORDS;
	/* the words, tag_words' lists of verbs, actors and agents, and the
	 * words' keys for pattern matching: one allocation, not three */
	char *blk = arena_alloc(a, (sizeof(ew) + 4 * sizeof(int) + sizeof(uint16_t)) * cap);
	c.w = (ew *)blk;
	c.vl = (int *)(blk + sizeof(ew) * cap);
	c.wk = (uint16_t *)(blk + (sizeof(ew) + 4 * sizeof(int)) * cap);
	c.capw = (int)cap;   /* hyphens may split a token into more words: cut there */
	c.ev = arena_alloc(a, sizeof(dy_event) * ENG_MAX_EVENTS);
	c.carry = carry;
	memset(out, 0, sizeof *out);
	build_words(&c, n);
	out->n_words = (uint32_t)c.n;
	if (!c.n) {
		out->status = ENG_EMPTY;
		return;
	}
	if (o->min_words && c.n < o->min_words) {
		out->status = ENG_SHORT;
		out->why = "fewer words than the minimum";
		tr(&c, "sentence has %d words, fewer than %d: not coded\n", c.n, o->min_words);
		return;
	}
	bi_build(&c);
	tag_words(&c);
	shift_nouns(&c);
	tr(&c, "matching:\n");
	make_units(&c);
	if (c.status == ENG_CODED) {
		find_compounds(&c);
		drop_commas(&c);
		add_pronouns(&c);
		time_shift(&c);
	}
	if (trace) {
		tr(&c, "words:\n");
		trace_words(&c);
	}
	if (c.status == ENG_CODED)
		check_complex(&c);
	if (c.status == ENG_CODED) {
		tr(&c, "coding:\n");
		code_sentence(&c);
	}
	if (carry && c.status == ENG_CODED)
		carry_update(&c, carry);
	out->status = (dy_code_status)c.status;
	out->why = c.why;
	if (c.status != ENG_CODED) {
		tr(&c, "sentence %s: %s\n", c.status == ENG_DISCARD ? "discarded" : "complex",
		   c.why ? c.why : "");
		return;
	}
	out->events = c.ev;
	out->n_events = c.nev;
}
