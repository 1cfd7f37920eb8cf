/* SPDX-License-Identifier: MIT */
/* Place names in a sentence and the choice of an event's place (place.h). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "enrich/place.h"

enum { PREP_NONE = 0, PREP_AT = 1, PREP_FROM = 2 };
enum { GAP_MAX = 6, SPAN_BYTES = 512 };

static int norm_is(const dy_token *t, const char *w)
{
	return t->norm_len == strlen(w) && !memcmp(t->norm, w, t->norm_len);
}

/* The word lists below, each word with the lists it is in, in one small
 * hash table made once: prep_before() asks up to seven tokens before every
 * name, so a token is looked up by one hash and (nearly always) one empty
 * slot instead of being compared with each list. */
enum { PW_AT = 1, PW_FROM = 2, PW_TOWN = 4, PW_DIR = 8 };
enum { PW_SLOTS = 256, PW_MAX = 64, PW_WORD = 16 };

/* after these a place is where the event happened ("in Syria") */
static const char *const at_words[] = { "IN", "AT", "NEAR", "TO", "INTO", "ON", "OVER",
	"INSIDE", "OUTSIDE", "ACROSS", "TOWARD", "TOWARDS", "AROUND", "THROUGHOUT", "WITHIN",
	"NEARBY", NULL };
/* after these, where it came from */
static const char *const from_words[] = { "FROM", "VIA", NULL };
/* The prepositions after which an English word that is also a town is read
 * as the town: "in Nice", "from Reading", but not "on Sale day". */
static const char *const town_words[] = { "IN", "AT", "NEAR", "TO", "INTO", "FROM", "INSIDE",
	"OUTSIDE", NULL };
/* Words that may stand between a preposition and its place besides
 * lower-case ones: "in the southern port city of Basra", "in Northern Iraq". */
static const char *const dir_words[] = { "NORTH", "SOUTH", "EAST", "WEST", "NORTHERN",
	"SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "NORTHEASTERN", "NORTHWESTERN",
	"SOUTHEASTERN", "SOUTHWESTERN", "UPPER", "LOWER", "GREATER", NULL };

static struct {
	char    w[PW_WORD];
	uint8_t n, cls;
} pw_words[PW_MAX];
static uint8_t pw_slot[PW_SLOTS]; /* 1 + pw_words index; 0: empty */
static pthread_once_t pw_once = PTHREAD_ONCE_INIT;

/* The first two bytes, the last and the length (multiplicative hashing, top
 * bits): no loop over the word. */
static uint32_t pw_hash(const char *w, size_t n)
{
	uint32_t a = (unsigned char)w[0], b = (unsigned char)w[n > 1], z = (unsigned char)w[n - 1];
	return ((a << 24 | b << 16 | z << 8 | (uint32_t)n) * 2654435761u) >> 24;
}

static void pw_add(const char *const *list, uint8_t cls)
{
	static size_t n_words;
	for (; *list; list++) {
		size_t n = strlen(*list);
		uint32_t h = pw_hash(*list, n) % PW_SLOTS;
		for (; pw_slot[h]; h = (h + 1) % PW_SLOTS) {
			if (pw_words[pw_slot[h] - 1].n == n && !memcmp(pw_words[pw_slot[h] - 1].w, *list, n))
				break;
		}
		if (!pw_slot[h]) {
			/* the lists above are fixed: one that outgrows these fails here */
			if (n_words >= PW_MAX || n >= PW_WORD)
				abort();
			memcpy(pw_words[n_words].w, *list, n);
			pw_words[n_words].n = (uint8_t)n;
			pw_slot[h] = (uint8_t)++n_words;
		}
		pw_words[pw_slot[h] - 1].cls |= cls;
	}
}

static void pw_make(void)
{
	pw_add(at_words, PW_AT);
	pw_add(from_words, PW_FROM);
	pw_add(town_words, PW_TOWN);
	pw_add(dir_words, PW_DIR);
}

/* The lists (PW_*) token t's word is in; 0 for most words. */
static inline unsigned word_class(const dy_token *t)
{
	size_t n = t->norm_len;
	const char *w = t->norm;
	if (n == 0 || n >= PW_WORD)
		return 0;
	for (uint32_t h = pw_hash(w, n) % PW_SLOTS; pw_slot[h]; h = (h + 1) % PW_SLOTS) {
		const char *v = pw_words[pw_slot[h] - 1].w;
		size_t k = 0;
		if (pw_words[pw_slot[h] - 1].n != n)
			continue;
		while (k < n && v[k] == w[k])
			k++;
		if (k == n)
			return pw_words[pw_slot[h] - 1].cls;
	}
	return 0;
}

static int prep_kind(const dy_token *t)
{
	if (!(t->flags & TOK_WORD)) return PREP_NONE;
	unsigned c = word_class(t);
	if (c & PW_AT) return PREP_AT;
	if (c & PW_FROM) return PREP_FROM;
	return PREP_NONE;
}

static int town_prep(const dy_token *t)
{
	if (!(t->flags & TOK_WORD)) return 0;
	return (word_class(t) & PW_TOWN) != 0;
}

static int gap_word(const dy_token *t)
{
	if (!(t->flags & TOK_WORD) || (t->flags & TOK_MASKED)) return 0;
	if (!(t->flags & TOK_CAP)) return 1;
	return (word_class(t) & PW_DIR) != 0;
}

/* The preposition governing a name that starts at token i, or PREP_NONE. */
static int prep_before(const dy_token *toks, size_t i)
{
	for (size_t k = 0; k <= GAP_MAX && i > 0; k++) {
		const dy_token *t = &toks[i - 1];
		int p = prep_kind(t);
		if (p) return p;
		if (!gap_word(t)) return PREP_NONE;
		i--;
	}
	return PREP_NONE;
}

/* gaz_lookup() over the words of tokens [b, e). */
static size_t span_lookup(const dy_gazetteer *g, const dy_token *toks, size_t b, size_t e,
                              dy_gaz_hit *out, size_t cap)
{
	char raw[SPAN_BYTES];
	size_t o = 0;
	for (size_t i = b; i < e; i++) {
		if (o + toks[i].norm_len + 2 > sizeof raw) return 0;
		if (i > b) raw[o++] = ' ';
		memcpy(raw + o, toks[i].norm, toks[i].norm_len);
		o += toks[i].norm_len;
	}
	return gaz_lookup(g, raw, o, out, cap);
}

/* The bytes span_lookup() joins for tokens [b, e), or SIZE_MAX when they do
 * not fit its buffer. Asked only for a run that names a place. */
static size_t span_bytes(const dy_token *toks, size_t b, size_t e)
{
	size_t raw = 0;
	for (size_t i = b; i < e; i++) {
		if (raw + toks[i].norm_len + 2 > SPAN_BYTES) return SIZE_MAX;
		raw += (i > b) + toks[i].norm_len;
	}
	return raw;
}

static int usable(const dy_token *t)
{
	return (t->flags & TOK_WORD) && !(t->flags & (TOK_MASKED | TOK_POSSESS | TOK_PUNCT));
}

/* The scan shared by place_scan() and place_scan_sentence(): the names of
 * toks[0..n), at most cap, into out[]. With s, each name's kept hits go to s
 * and out[].place stays NULL; without, the actors' pick goes to out[].place. */
static size_t scan_names(const dy_gazetteer *g, const dy_token *toks, size_t n,
                         const char *const *actors, size_t n_actors,
                         dy_place_mention *out, size_t cap, dy_place_scan *s)
{
	size_t found = 0, maxw = gaz_max_words(g), used = 0;
	if (!maxw) return 0;
	pthread_once(&pw_once, pw_make);
	/* The key of the last run: its first word is token kfirst, and with k
	 * words it is key[0..kend[k]), k <= kn. A run that starts inside the
	 * last one ("Prime Minister ...": no name at "Prime", the next run at
	 * "Minister") takes those words' folded keys from it instead of
	 * folding them again: a word's key does not depend on what precedes. */
	char key[SPAN_BYTES];
	size_t kfirst = 0, kn = 0, kend[GAZ_MAX_WORDS + 2];
	for (size_t i = 0; i < n && found < cap;) {
		/* to the next token usable() and capitalised, in one test a token:
		 * most tokens are skipped here */
		while (i < n && (toks[i].flags & (TOK_WORD | TOK_CAP | TOK_MASKED | TOK_POSSESS |
		                                  TOK_PUNCT)) != (TOK_WORD | TOK_CAP))
			i++;
		if (i == n)
			break;
		size_t reuse = 0;
		if (i > kfirst && i < kfirst + kn) {
			size_t skip = i - kfirst, base = kend[skip] + 1; /* past the space */
			reuse = kn - skip;
			memmove(key, key + base, kend[kn] - base);
			for (size_t k = 1; k <= reuse; k++)
				kend[k] = kend[skip + k] - base;
		}
		kfirst = i;
		kn = 0;
		/* grow the run word by word while some name goes on; note every
		 * length that is a whole name ending in a capitalised word, with its
		 * folded key's length */
		size_t kl = 0, lens[GAZ_MAX_WORDS + 1], klens[GAZ_MAX_WORDS + 1];
		size_t n_lens = 0;
		for (size_t k = 1; k <= maxw && i + k <= n && usable(&toks[i + k - 1]); k++) {
			const dy_token *t = &toks[i + k - 1];
			if (k <= reuse) {
				kl = kend[k];
			} else {
				if (kl && kl + 1 < sizeof key) key[kl++] = ' ';
				size_t w = kl + 1 < sizeof key ? gaz_key(t->norm, t->norm_len, key + kl, sizeof key - kl) : 0;
				if (!w) break;
				kl += w;
			}
			if (k <= GAZ_MAX_WORDS + 1) {
				kend[k] = kl;
				kn = k;
			}
			unsigned pr = gaz_probe(g, key, kl);
			if ((pr & GAZ_PROBE_NAME) && (t->flags & TOK_CAP) && n_lens <= GAZ_MAX_WORDS) {
				lens[n_lens] = k;
				klens[n_lens] = kl;
				n_lens++;
			}
			if (!(pr & GAZ_PROBE_PREFIX)) break;
		}
		if (!n_lens) { i++; continue; }
		int prep = prep_before(toks, i);
		size_t taken = 0;
		while (n_lens > 0 && !taken) {
			size_t k = lens[--n_lens];
			dy_gaz_hit hits[64], keep[64];
			size_t nh, nk = 0;
			/* the run's key is the key gaz_lookup() would fold from the
			 * joined words, when that fits gaz_lookup()'s own limits */
			if (span_bytes(toks, i, i + k) <= GAZ_MAX_NAME * 2 &&
			    klens[n_lens] + 8 < GAZ_MAX_NAME * 2)
				nh = gaz_lookup_key(g, key, klens[n_lens], hits, 64);
			else
				nh = span_lookup(g, toks, i, i + k, hits, 64);
			if (nh > 64) nh = 64;
			/* "Washington Post", "Georgia Tech": a single town or region
			 * name running into another capitalised word names something else */
			int runs_on = k == 1 && i + 1 < n && usable(&toks[i + 1]) &&
			              (toks[i + 1].flags & TOK_CAP) && prep == PREP_NONE;
			for (size_t h = 0; h < nh; h++) {
				if ((hits[h].flags & GAZ_HIT_COMMON) && (k > 1 || i == 0 || !town_prep(&toks[i - 1])))
					continue;
				if (runs_on && hits[h].place->kind != GAZ_COUNTRY) continue;
				keep[nk++] = hits[h];
			}
			/* gaz_pick() finds a place among any nonempty hits whatever the
			 * actors (what it skips does not depend on them): whether the
			 * name counts is known before the event is */
			if (!nk) continue;
			out[found].place = NULL;
			if (s) {
				s->hit_first[found] = (uint32_t)used;
				s->n_hits[found] = (uint32_t)nk;
				memcpy(s->hits + used, keep, nk * sizeof *keep);
				used += nk;
			} else {
				out[found].place = keep[gaz_pick(keep, nk, actors, n_actors)].place;
			}
			out[found].tok_first = i;
			out[found].tok_end = i + k;
			out[found].prep = prep;
			found++;
			taken = k;
		}
		i += taken ? taken : 1;
	}
	/* "in Syria and Iraq", "in Kabul, Afghanistan": a place joined to a
	 * governed place shares its preposition */
	for (size_t m = 1; m < found; m++) {
		if (out[m].prep != PREP_NONE || out[m - 1].prep == PREP_NONE) continue;
		size_t gap = out[m].tok_first - out[m - 1].tok_end;
		const dy_token *t = &toks[out[m - 1].tok_end];
		if (gap == 1 && (norm_is(t, "AND") || norm_is(t, "OR") || norm_is(t, ",")))
			out[m].prep = out[m - 1].prep;
	}
	return found;
}

size_t place_scan(const dy_gazetteer *g, const dy_token *toks, size_t n,
                  const char *const *actors, size_t n_actors,
                  dy_place_mention *out, size_t cap)
{
	return scan_names(g, toks, n, actors, n_actors, out, cap, NULL);
}

void place_scan_sentence(const dy_gazetteer *g, const dy_token *toks, size_t n,
                         dy_place_scan *s)
{
	s->n = scan_names(g, toks, n, NULL, 0, s->m, PLACE_MAX_MENTIONS, s);
}

void place_location(const dy_place *p, dy_location *out)
{
	memset(out, 0, sizeof *out);
	out->lat = out->lon = NAN;
	if (!p) return;
	out->place = p;
	out->name = p->name;
	out->admin1 = p->admin1;
	memcpy(out->country, p->cc, 3);
	memcpy(out->country3, p->cc3, 4);
	out->lat = p->lat;
	out->lon = p->lon;
	out->geonames_id = p->geonames_id;
	out->kind = p->kind;
}

/* The mention of m[0..k) that places an event whose verb is toks[verb_index]
 * of n (ranks in place.h), or -1; *rank_out its rank. */
static int mention_best(const dy_place_mention *m, size_t k, size_t n, size_t verb_index,
                        int *rank_out)
{
	int best = -1, best_rank = 99;
	size_t best_dist = SIZE_MAX;
	for (size_t i = 0; i < k; i++) {
		int after = verb_index >= n || m[i].tok_first > verb_index;
		int rank = m[i].prep == PREP_AT ? 0 : m[i].prep == PREP_FROM ? 1 : 4;
		if (!after) rank = rank == 4 ? 5 : rank + 2;
		size_t dist = verb_index >= n ? m[i].tok_first
		            : after ? m[i].tok_first - verb_index
		            : verb_index >= m[i].tok_end ? verb_index - m[i].tok_end : 0;
		if (rank < best_rank || (rank == best_rank && dist < best_dist)) {
			best = (int)i;
			best_rank = rank;
			best_dist = dist;
		}
	}
	*rank_out = best_rank;
	return best;
}

static void location_of(const dy_place *p, const dy_place_mention *m, int rank, dy_location *out)
{
	place_location(p, out);
	out->tok_first = m->tok_first;
	out->tok_end = m->tok_end;
	out->rank = rank;
}

int place_find(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t verb_index,
               const char *const *actors, size_t n_actors, dy_location *out)
{
	dy_place_mention m[PLACE_MAX_MENTIONS];
	size_t k = place_scan(g, toks, n, actors, n_actors, m, PLACE_MAX_MENTIONS);
	place_location(NULL, out);
	int rank, best = mention_best(m, k, n, verb_index, &rank);
	if (best < 0) return 0;
	location_of(m[best].place, &m[best], rank, out);
	return 1;
}

int place_choose(const dy_place_scan *s, size_t n, size_t verb_index,
                 const char *const *actors, size_t n_actors, dy_location *out)
{
	int rank, best = mention_best(s->m, s->n, n, verb_index, &rank);
	if (best < 0) {
		place_location(NULL, out);
		return 0;
	}
	const dy_gaz_hit *h = s->hits + s->hit_first[best];
	int pick = gaz_pick(h, s->n_hits[best], actors, n_actors);
	location_of(h[pick].place, &s->m[best], rank, out);
	return 1;
}
