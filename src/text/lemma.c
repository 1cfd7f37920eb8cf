/* SPDX-License-Identifier: MIT */
/* Lemmatizer: upper-case English word -> upper-case base form. Exports
 * lemma_init(), lemma_of() (token.h), lemma_of_mode() and lemma_is_known()
 * (lemma.h).
 *
 * Model: three static const tables, so there is nothing to load and nothing to
 * lock. The generated two are open-addressing hash tables (see
 * tools/gen_lemma.c); the local one is searched by binary search.
 * 1. A short local table for closed-class words the rules would mangle ("his",
 *    "its", "whereas") and a few irregular forms WordNet lacks ("does").
 * 2. WordNet's exception lists (verb.exc, noun.exc, adj.exc), generated at build
 *    time into lemma_exc.inc by tools/gen_lemma.c: MET -> MEET, CRISES -> CRISIS.
 * 3. WordNet's single-word lemmas with part-of-speech bits and tagged-sense
 *    counts, against which the suffix rules check their candidate stems:
 *    -s/-es/-ies (TALKS, FORCES, COUNTRIES), -ed (ARRIVED, STOPPED, DENIED) and
 *    -ing (SIGNING, HOPING). A word WordNet knows itself is kept when it is
 *    at least as common as the stem ("gas", "news", "evening", "series").
 * Unknown plurals ("airstrikes") lose their -s only in LEMMA_FULL mode; unknown
 * -ed/-ing words are kept, since there is no telling "hop" from "hope".
 * Hyphenated words: whole word in the exception lists, else only the plural rule
 * on the last part ("air-strikes" -> AIR-STRIKE). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "lemma.h"
#include "token.h"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
#include "lemma_exc.inc"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

enum { POS_N = 1, POS_V = 2, POS_A = 4, POS_R = 8 };

/* Sorted by form. base NULL: the word is its own lemma. Besides closed-class
 * words, this overrides WordNet exceptions whose other reading is the usual one
 * in news ("ground" forces, not GRIND; "wound", not WIND; "leaves" a verb). */
static const struct {
	const char *form;
	const char *base;
} lemma_local[] = {
	{ "ABODE", NULL },     { "ACROSS", NULL },    { "AFTERWARDS", NULL },
	{ "ALWAYS", NULL },    { "ANYTHING", NULL },  { "AS", NULL },
	{ "BESIDES", NULL },   { "BIT", NULL },       { "COLA", NULL },
	{ "DATA", NULL },      { "DIVE", NULL },      { "DOES", "DO" },
	{ "DURING", NULL },    { "EVERYTHING", NULL }, { "GROUND", NULL },
	{ "GUILDER", NULL },   { "HAS", "HAVE" },     { "HERS", NULL },
	{ "HIS", NULL },       { "IS", "BE" },        { "ITS", NULL },
	{ "LEAVES", "LEAVE" }, { "LESS", NULL },      { "MEDIA", NULL },
	{ "MINUS", NULL },     { "NEWS", NULL },      { "NOTHING", NULL },
	{ "OURS", NULL },      { "OURSELVES", NULL }, { "OVERSEAS", NULL },
	{ "PERHAPS", NULL },   { "PLUS", NULL },      { "ROMA", NULL },
	{ "SOMETHING", NULL }, { "SOMETIMES", NULL }, { "STAMINA", NULL },
	{ "STOVE", NULL },     { "THEIRS", NULL },    { "THEMSELVES", NULL },
	{ "THIS", NULL },      { "THUS", NULL },      { "TOWARDS", NULL },
	{ "UNLESS", NULL },    { "US", NULL },        { "VERSUS", NULL },
	{ "WAS", "BE" },       { "WHEREAS", NULL },   { "WILLING", NULL },
	{ "WOUND", NULL },     { "YES", NULL },       { "YOURS", NULL },
	{ "YOURSELVES", NULL },
};

/* Compares key[0..n) with NUL-terminated s as strcmp would. */
static int key_cmp(const char *k, size_t n, const char *s)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		if (k[i] != s[i])
			return (unsigned char)k[i] < (unsigned char)s[i] ? -1 : 1;
	if (i < n)
		return 1;
	return s[i] ? -1 : 0;
}

static int local_find(const char *k, size_t n)
{
	size_t lo = 0, hi = sizeof lemma_local / sizeof lemma_local[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(k, n, lemma_local[mid].form);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Same hash as tools/gen_lemma.c: 32-bit FNV-1a. */
static uint32_t hash_key(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

/* The base form recorded for exception `k`, or NULL. */
static const char *exc_find(const char *k, size_t n)
{
	for (uint32_t i = hash_key(k, n) & LEMMA_EXC_MASK;; i = (i + 1) & LEMMA_EXC_MASK) {
		uint32_t off = lemma_exc_slot[i];
		if (off == UINT32_MAX)
			return NULL;
		const char *form = lemma_exc_blob + off;
		if (key_cmp(k, n, form) == 0)
			return form + n + 1;
	}
}

/* Offset of known word `k`'s record in lemma_word_blob, or -1. */
static long word_find(const char *k, size_t n)
{
	for (uint32_t i = hash_key(k, n) & LEMMA_WORD_MASK;; i = (i + 1) & LEMMA_WORD_MASK) {
		uint32_t off = lemma_word_slot[i];
		if (off == UINT32_MAX)
			return -1;
		if (key_cmp(k, n, lemma_word_blob + off + 4) == 0)
			return (long)off;
	}
}

static unsigned info_byte(long i, int k) { return (unsigned char)lemma_word_blob[i + k]; }
static unsigned info_pos(long i) { return info_byte(i, 0); }
static unsigned cnt_n(long i) { return info_byte(i, 1); }
static unsigned cnt_v(long i) { return info_byte(i, 2); }
static unsigned cnt_a(long i) { return info_byte(i, 3); }

/* A bit for every form of the local and exception tables, so that most
 * words are known to be their own lemma without a lookup (lemma_surely_self).
 * Built once, by the first caller (pthread_once). */
static uint64_t exc_filter[LEMMA_FILTER_BITS / 64];
static pthread_once_t exc_filter_once = PTHREAD_ONCE_INIT;
static atomic_int exc_filter_ready;   /* set once built: skips pthread_once() */

static void filter_add(const char *k, size_t n)
{
	uint32_t h = lemma_filter_hash(k, n);
	exc_filter[h >> 6] |= (uint64_t)1 << (h & 63);
}

static void exc_filter_build(void)
{
	for (size_t i = 0; i < sizeof lemma_exc_slot / sizeof lemma_exc_slot[0]; i++)
		if (lemma_exc_slot[i] != UINT32_MAX) {
			const char *form = lemma_exc_blob + lemma_exc_slot[i];
			filter_add(form, strlen(form));
		}
	for (size_t i = 0; i < sizeof lemma_local / sizeof lemma_local[0]; i++)
		filter_add(lemma_local[i].form, strlen(lemma_local[i].form));
	atomic_store_explicit(&exc_filter_ready, 1, memory_order_release);
}

const uint64_t *lemma_filter(void)
{
	if (!atomic_load_explicit(&exc_filter_ready, memory_order_acquire))
		pthread_once(&exc_filter_once, exc_filter_build);
	return exc_filter;
}

void lemma_init(void)
{
	/* The tables are static const data; only the filter is built. */
	pthread_once(&exc_filter_once, exc_filter_build);
}

int lemma_surely_self(const char *word, size_t n)
{
	if (n < 2 || n > LEMMA_WORD_MAX)
		return 1;   /* lemma_of_mode() does not look at it */
	/* the suffix rules' words (-S, -ED, -ING) and hyphenated words: ask */
	char last = word[n - 1];
	if (last == 'S' || last == 'D' || last == 'G')
		return 0;
	for (size_t i = 0; i < n; i++)   /* words are short: no memchr() call */
		if (word[i] == '-')
			return 0;
	const uint64_t *f = lemma_filter();
	uint32_t h = lemma_filter_hash(word, n);
	return !(f[h >> 6] >> (h & 63) & 1);
}

int lemma_is_known(const char *word, size_t n)
{
	long i = word_find(word, n);
	return i >= 0 && (info_pos(i) & (POS_N | POS_V));
}

static int is_vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static int is_cons(char c)
{
	return c >= 'A' && c <= 'Z' && !is_vowel(c);
}

/* A candidate stem being built: bytes and length. */
typedef struct stem {
	char   b[LEMMA_WORD_MAX + 4];
	size_t n;
	long   idx; /* record offset in the known-word table */
} stem;

/* Sets st to w[0..n) followed by suffix; 0 when that is too short or too long. */
static int stem_fill(stem *st, const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (n < 2 || n + k > LEMMA_WORD_MAX)
		return 0;
	memcpy(st->b, w, n);
	memcpy(st->b + n, suffix, k);
	st->n = n + k;
	st->idx = -1;
	return 1;
}

/* stem_fill() and look the result up; 1 when it is a known base form with a
 * part of speech in `pos`. */
static int stem_try(stem *st, const char *w, size_t n, const char *suffix, unsigned pos)
{
	if (!stem_fill(st, w, n, suffix))
		return 0;
	st->idx = word_find(st->b, st->n);
	return st->idx >= 0 && (info_pos(st->idx) & pos);
}

/* Consonant-vowel-consonant ending, the shape after which English doubles the
 * final consonant: "hop" makes "hopped", so "hoped" must come from "hope". */
static int ends_cvc(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	char c = w[n - 1];
	return is_cons(w[n - 3]) && is_vowel(w[n - 2]) && is_cons(c) &&
	       c != 'W' && c != 'X' && c != 'Y';
}

static size_t ends_with(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(w + n - k, suf, k) == 0 ? k : 0;
}

/* -s, -es, -ies. Returns 1 with st filled, or 0 to keep the word. */
static int rule_plural(const char *w, size_t n, long self, int mode, stem *st)
{
	if (n < 3 || w[n - 1] != 'S')
		return 0;
	if (ends_with(w, n, "SS") || ends_with(w, n, "US") || w[n - 2] == '\'')
		return 0;
	unsigned nv = POS_N | POS_V;
	int found = stem_try(st, w, n - 1, "", nv) ||
	            (ends_with(w, n, "ES") && stem_try(st, w, n - 2, "", nv)) ||
	            (ends_with(w, n, "IES") && stem_try(st, w, n - 3, "Y", nv));
	if (found) {
		unsigned self_cnt = self >= 0 ? cnt_n(self) + cnt_v(self) + cnt_a(self) : 0;
		unsigned stem_cnt = cnt_n(st->idx) + cnt_v(st->idx);
		/* In LEMMA_KNOWN mode a tie keeps the word: "ISIS" is no plural. */
		if (self >= 0 && (self_cnt > stem_cnt || (mode == LEMMA_KNOWN && self_cnt == stem_cnt)))
			return 0;
		return 1;
	}
	if (self >= 0 || mode == LEMMA_KNOWN)
		return 0;
	if (ends_with(w, n, "IS"))
		return 0;
	if (n > 4 && ends_with(w, n, "IES"))
		return stem_fill(st, w, n - 3, "Y");
	if (ends_with(w, n, "SSES") || ends_with(w, n, "CHES") || ends_with(w, n, "SHES") ||
	    ends_with(w, n, "XES") || ends_with(w, n, "ZES"))
		return stem_fill(st, w, n - 2, "");
	return stem_fill(st, w, n - 1, "");
}

/* Verb stem of w[0..s) where w had -ed or -ing after it. */
static int verb_stem(const char *w, size_t s, stem *st)
{
	if (s < 2)
		return 0;
	if (ends_cvc(w, s) && stem_try(st, w, s, "E", POS_V))
		return 1;
	if (stem_try(st, w, s, "", POS_V) || stem_try(st, w, s, "E", POS_V))
		return 1;
	if (s >= 3 && w[s - 1] == w[s - 2] && is_cons(w[s - 1]) &&
	    stem_try(st, w, s - 1, "", POS_V))
		return 1;
	return 0;
}

static int rule_past(const char *w, size_t n, long self, stem *st)
{
	if (n < 4 || !ends_with(w, n, "ED"))
		return 0;
	if (self >= 0 && (info_pos(self) & POS_V))
		return 0; /* need, feed, shed */
	if (verb_stem(w, n - 2, st))
		return 1;
	return ends_with(w, n, "IED") && stem_try(st, w, n - 3, "Y", POS_V);
}

static int rule_gerund(const char *w, size_t n, long self, stem *st)
{
	if (n < 5 || !ends_with(w, n, "ING"))
		return 0;
	if (self >= 0 && (info_pos(self) & POS_V))
		return 0; /* bring, sing, string */
	size_t s = n - 3;
	int found = (ends_with(w, n, "YING") && stem_try(st, w, s - 1, "IE", POS_V)) ||
	            verb_stem(w, s, st);
	if (!found)
		return 0;
	/* "evening" is a noun more often than "even" is a verb. */
	if (self >= 0 && cnt_n(self) + cnt_a(self) > cnt_v(st->idx))
		return 0;
	return 1;
}

static size_t put(const char *p, size_t n, char *out, size_t cap)
{
	if (n == 0 || n + 1 > cap)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

size_t lemma_of_mode(const char *word, size_t n, char *out, size_t cap, int mode)
{
	if (n < 2 || n > LEMMA_WORD_MAX)
		return 0;
	int li = local_find(word, n);
	if (li >= 0) {
		const char *b = lemma_local[li].base;
		return b ? put(b, strlen(b), out, cap) : 0;
	}
	const char *b = exc_find(word, n);
	if (b) {
		size_t bn = strlen(b);
		if (bn == n && memcmp(b, word, n) == 0)
			return 0;
		return put(b, bn, out, cap);
	}
	stem st;
	const char *dash = memchr(word, '-', n);
	if (dash) {
		/* Compound: only the plural of its last part. */
		const char *last = word + n;
		while (last > word && last[-1] != '-')
			last--;
		size_t pre = (size_t)(last - word), m = n - pre;
		if (m < 3)
			return 0;
		if (!rule_plural(last, m, word_find(last, m), mode, &st))
			return 0;
		if (pre + st.n + 1 > cap)
			return 0;
		memcpy(out, word, pre);
		return pre + put(st.b, st.n, out + pre, cap - pre);
	}
	if (word[n - 1] != 'S' && !ends_with(word, n, "ED") && !ends_with(word, n, "ING"))
		return 0;
	long self = word_find(word, n);
	if (rule_plural(word, n, self, mode, &st) || rule_past(word, n, self, &st) ||
	    rule_gerund(word, n, self, &st))
		return put(st.b, st.n, out, cap);
	return 0;
}

size_t lemma_of(const char *word, size_t n, char *out, size_t cap)
{
	return lemma_of_mode(word, n, out, cap, LEMMA_FULL);
}
