/* SPDX-License-Identifier: MIT */
/* Enrichment glue (see enrich.h): codebook, PLOVER, event date and place of one
 * coded event, and the writers' record made from them. Exports enrich_init(),
 * enrich_event(), enrich_record(), enrich_word_token() and enrich_tense(). */
#include <pthread.h>
#include <string.h>

#include "enrich.h"

void enrich_init(dy_enricher *en)
{
	memset(en, 0, sizeof *en);
}

static int is_alpha(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (unsigned char)ch >= 0x80;
}

static int is_alnum(char ch)
{
	return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

/* Whether s[0..n) holds a '-': a short token is looked at in place, a
 * longer one by memchr (the call costs more than a few compares). */
static inline int has_hyphen(const char *s, uint32_t n)
{
	if (n > 8)
		return memchr(s, '-', n) != NULL;
	for (uint32_t k = 0; k < n; k++)
		if (s[k] == '-')
			return 1;
	return 0;
}

/* The engine's input filter (engine.c, build_words), counting words instead
 * of making them: it must stay in step with that function. Walks the words
 * up to word `last` and returns its token (n_toks when there is none); with
 * map, map[w] is set to the token of each word w it passes (from 0 to last). */
/* word_walk()'s step for a word made of token i: records it in map, counts
 * it, and says whether the walk is over (the word was `last`, or the
 * engine's word limit is reached). */
static inline int word_passed(size_t *map, uint32_t *w, uint32_t last, size_t i)
{
	if (map)
		map[*w] = i;
	return (*w)++ == last || *w >= ENG_MAX_WORDS;
}

static size_t word_walk(const dy_token *toks, size_t n_toks, uint32_t last, size_t *map)
{
	uint32_t w = 0;
	for (size_t i = 0; i < n_toks && w < ENG_MAX_WORDS; i++) {
		const dy_token *t = &toks[i];
		const char *s = t->norm;
		uint32_t n = t->norm_len;
		if (t->flags & (TOK_MASKED | TOK_POSSESS))
			continue;
		if (n == 1 && (s[0] == ',' || s[0] == ';')) {
			if (map)
				map[w] = i;
			if (w++ == last)
				return i;
			continue;
		}
		if (w && n == 2 && s[0] == '\'' && (s[1] == 'S' || s[1] == 's'))
			continue;
		if (w && n == 3 && !memcmp(s, "N'T", 3))
			continue;
		/* Most tokens have no hyphen: one word when they hold a letter or
		 * digit (nearly always their first byte). */
		if (n == 0)
			continue;
		if (!has_hyphen(s, n)) {
			uint32_t q = 0;
			while (q < n && !is_alnum(s[q]))
				q++;
			if (q < n && word_passed(map, &w, last, i))
				return w == last + 1u ? i : n_toks;
			continue;
		}
		uint32_t b = 0;
		for (uint32_t k = 0; k <= n; k++) {
			if (k < n && s[k] != '-')
				continue;
			int has = 0;
			for (uint32_t q = b; q < k && !has; q++)
				has = is_alnum(s[q]);
			if (has && word_passed(map, &w, last, i))
				return w == last + 1u ? i : n_toks;
			b = k + 1;
		}
	}
	return n_toks;
}

size_t enrich_word_token(const dy_token *toks, size_t n_toks, uint32_t word)
{
	return word_walk(toks, n_toks, word, NULL);
}

/* Words with their lengths: a token is compared by length and first byte
 * before the bytes (this runs for the tokens before every event's verb). */
typedef struct tword { const char *w; uint32_t n; } tword;
#define TW(s) { s, sizeof s - 1 }

static int tok_eq(const dy_token *t, const char *w, uint32_t n)
{
	return t->norm_len == n && t->norm[0] == w[0] && !memcmp(t->norm, w, n);
}

#define tok_is(t, lit) tok_eq((t), (lit), sizeof(lit) - 1)

static int tok_in(const dy_token *t, const tword *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (tok_eq(t, list[k].w, list[k].n))
			return 1;
	return 0;
}

int enrich_tense(const dy_token *toks, size_t n_toks, size_t verb)
{
	static const tword modal[] = { TW("WILL"), TW("WOULD"), TW("SHALL"), TW("'LL"), TW("WON'T") };
	static const tword before_to[] = {
		TW("IS"), TW("ARE"), TW("WAS"), TW("WERE"), TW("BE"), TW("PLANS"), TW("PLAN"),
		TW("PLANNED"), TW("PLANNING"), TW("DUE"), TW("EXPECTED"), TW("SCHEDULED"), TW("SET"),
		TW("GOING"), TW("INTENDS"), TW("AIMS")
	};
	if (verb >= n_toks)
		return WHEN_TENSE_UNKNOWN;
	/* a modal among the three tokens before the verb ("will visit", "will
	 * also visit", "would not go"), not across punctuation */
	for (size_t k = verb, seen = 0; k > 0 && seen < 3; k--, seen++) {
		const dy_token *t = &toks[k - 1];
		/* every modal above is 3-5 bytes long and starts with W, S or ' */
		char c0 = t->norm_len >= 3 && t->norm_len <= 5 ? t->norm[0] : 0;
		if ((c0 == 'W' || c0 == 'S' || c0 == '\'') &&
		    tok_in(t, modal, sizeof modal / sizeof *modal))
			return WHEN_TENSE_FUTURE;
		if (t->flags & TOK_PUNCT)
			break;
	}
	/* "is to visit", "is due to arrive", "plans to formally open" */
	size_t k = verb;
	if (k >= 1 && !tok_is(&toks[k - 1], "TO") && k >= 2 && tok_is(&toks[k - 2], "TO") &&
	    (toks[k - 1].flags & TOK_WORD))
		k--;
	if (k >= 2 && tok_is(&toks[k - 1], "TO") &&
	    tok_in(&toks[k - 2], before_to, sizeof before_to / sizeof *before_to))
		return WHEN_TENSE_FUTURE;
	const dy_token *v = &toks[verb];
	if (v->norm_len > 3 && !memcmp(v->norm + v->norm_len - 2, "ED", 2))
		return WHEN_TENSE_PAST;
	if (v->lemma && (v->lemma_len != v->norm_len || memcmp(v->lemma, v->norm, v->norm_len)))
		return WHEN_TENSE_PAST;
	return WHEN_TENSE_UNKNOWN;
}

/* The anchors, by their first letter; named: a capitalised month or weekday,
 * else a word of any case. Each run ends with an empty entry. */
typedef struct anchor { const char *w; uint8_t n, named; } anchor;
#define ANCHOR(w, named) { w, sizeof w - 1, named }
static const anchor anchors_a[] = { ANCHOR("AGO", 0), ANCHOR("AFTERNOON", 0), ANCHOR("APRIL", 1),
	ANCHOR("APR", 1), ANCHOR("AUGUST", 1), ANCHOR("AUG", 1), { NULL, 0, 0 } };
static const anchor anchors_d[] = { ANCHOR("DECEMBER", 1), ANCHOR("DEC", 1), { NULL, 0, 0 } };
static const anchor anchors_e[] = { ANCHOR("EVENING", 0), { NULL, 0, 0 } };
static const anchor anchors_f[] = { ANCHOR("FEBRUARY", 1), ANCHOR("FEB", 1), ANCHOR("FRIDAY", 1),
	ANCHOR("FRI", 1), { NULL, 0, 0 } };
static const anchor anchors_j[] = { ANCHOR("JANUARY", 1), ANCHOR("JAN", 1), ANCHOR("JUNE", 1),
	ANCHOR("JUN", 1), ANCHOR("JULY", 1), ANCHOR("JUL", 1), { NULL, 0, 0 } };
static const anchor anchors_m[] = { ANCHOR("MARCH", 1), ANCHOR("MAR", 1), ANCHOR("MAY", 1),
	ANCHOR("MONDAY", 1), ANCHOR("MON", 1), ANCHOR("MORNING", 0), { NULL, 0, 0 } };
static const anchor anchors_n[] = { ANCHOR("NOVEMBER", 1), ANCHOR("NOV", 1), ANCHOR("NIGHT", 0),
	{ NULL, 0, 0 } };
static const anchor anchors_o[] = { ANCHOR("OCTOBER", 1), ANCHOR("OCT", 1), { NULL, 0, 0 } };
static const anchor anchors_s[] = { ANCHOR("SEPTEMBER", 1), ANCHOR("SEP", 1), ANCHOR("SEPT", 1),
	ANCHOR("SATURDAY", 1), ANCHOR("SAT", 1), ANCHOR("SUNDAY", 1), ANCHOR("SUN", 1),
	{ NULL, 0, 0 } };
static const anchor anchors_t[] = { ANCHOR("TUESDAY", 1), ANCHOR("TUE", 1), ANCHOR("TUES", 1),
	ANCHOR("THURSDAY", 1), ANCHOR("THU", 1), ANCHOR("THUR", 1), ANCHOR("THURS", 1),
	ANCHOR("TODAY", 0), ANCHOR("TONIGHT", 0), ANCHOR("TOMORROW", 0), { NULL, 0, 0 } };
static const anchor anchors_w[] = { ANCHOR("WEDNESDAY", 1), ANCHOR("WED", 1), ANCHOR("WEEK", 0),
	ANCHOR("WEEKS", 0), { NULL, 0, 0 } };
static const anchor anchors_y[] = { ANCHOR("YESTERDAY", 0), { NULL, 0, 0 } };
#undef ANCHOR
static const anchor *const anchors_by_letter[26] = {
	['A' - 'A'] = anchors_a, ['D' - 'A'] = anchors_d, ['E' - 'A'] = anchors_e,
	['F' - 'A'] = anchors_f, ['J' - 'A'] = anchors_j, ['M' - 'A'] = anchors_m,
	['N' - 'A'] = anchors_n, ['O' - 'A'] = anchors_o, ['S' - 'A'] = anchors_s,
	['T' - 'A'] = anchors_t, ['W' - 'A'] = anchors_w, ['Y' - 'A'] = anchors_y,
};

/* A bit per hash of an anchor's first two bytes, last byte and length: a
 * word whose bit is clear is no anchor. Nearly every word fails this test
 * and is never compared with the anchors. */
enum { ANCHOR_BITS = 1024 };
static uint32_t anchor_bits[ANCHOR_BITS / 32];
static pthread_once_t anchor_once = PTHREAD_ONCE_INIT;

static uint32_t anchor_hash(const char *w, size_t n)
{
	uint32_t a = (unsigned char)w[0], b = (unsigned char)w[1], z = (unsigned char)w[n - 1];
	return ((a << 24 | b << 16 | z << 8 | (uint32_t)n) * 2654435761u) >> 22;
}

static void anchor_bits_make(void)
{
	for (int c = 0; c < 26; c++)
		for (const anchor *a = anchors_by_letter[c]; a && a->w; a++) {
			uint32_t h = anchor_hash(a->w, a->n);
			anchor_bits[h / 32] |= 1u << (h % 32);
		}
}

static int anchor_eq(const anchor *a, const char *w, size_t n)
{
	for (size_t k = 1; k < n; k++) /* the first letter picked the list */
		if (a->w[k] != w[k])
			return 0;
	return 1;
}

/* Whether a sentence may hold a date phrase at all: every phrase when.h
 * resolves has an anchor: a capitalised month or weekday (when.c reads
 * lower-case "may" and "march" as a modal and a verb), yesterday, today,
 * tonight, tomorrow, night, week(s), morning, afternoon, evening, ago, or an
 * ISO date (one 10-byte token, or a 4-digit year token starting one). Most
 * sentences have none, and this scan costs far less than when_resolve(); it
 * must stay a superset of when.c's anchors (test_enrich checks the phrases of
 * docs/codebook.md). A token is compared with the anchors of its first
 * letter only. */
int enrich_may_have_date(const char *text, const dy_token *toks, size_t n_toks)
{
	pthread_once(&anchor_once, anchor_bits_make);
	for (size_t i = 0; i < n_toks; i++) {
		const dy_token *t = &toks[i];
		size_t n = t->norm_len;
		if (t->flags & TOK_NUMBER) {
			if (n == 4 || n == 10)
				return 1;
			continue;
		}
		if (n && t->norm[n - 1] == '.')
			n--;
		if (!(t->flags & TOK_WORD) || n < 3 || n > 9)
			continue;
		char c0 = text[t->off], f = t->norm[0];
		if (f < 'A' || f > 'Z' || !anchors_by_letter[f - 'A'])
			continue;
		uint32_t h = anchor_hash(t->norm, n);
		if (!(anchor_bits[h / 32] >> (h % 32) & 1))
			continue;
		int cap = c0 >= 'A' && c0 <= 'Z';
		for (const anchor *a = anchors_by_letter[f - 'A']; a->w; a++)
			if (a->n == n && (cap || !a->named) && anchor_eq(a, t->norm, n))
				return 1;
	}
	return 0;
}

static dy_date date_of_int(int32_t d)
{
	dy_date r = { (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100) };
	if (d <= 0 || !when_date_valid(r)) {
		dy_date none = { 0, 0, 0 };
		return none;
	}
	return r;
}

static int date_eq(dy_date a, dy_date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

static void place_copy(const dy_location *loc, dy_enrich_place *out)
{
	out->name = loc->name;
	memcpy(out->country, loc->country, sizeof out->country);
	out->country[sizeof out->country - 1] = '\0';
	out->admin1 = loc->admin1;
	out->lat = loc->lat;
	out->lon = loc->lon;
	out->geonames_id = (long)loc->geonames_id;
}

/* A sentence's place names, scanned at the first event that needs them. */
typedef struct sent_places {
	int           scanned;
	dy_place_scan scan;
} sent_places;

/* Location of the event: the sentence's place names (place_scan_sentence(),
 * once per sentence when sp is given, else place_find()), the one attached to
 * the verb, with the actors' countries to decide ambiguous names ("Paris" of
 * a French event). */
static int find_place(const dy_enricher *en, const dy_token *toks, size_t n_toks,
                      const dy_event *e, size_t verb_tok, sent_places *sp,
                      dy_enrich_place *out)
{
	if (!en->gaz)
		return 0;
	const char *actors[2] = { e->source, e->target };
	dy_location loc;
	int found;
	if (sp) {
		if (!sp->scanned) {
			place_scan_sentence(en->gaz, toks, n_toks, &sp->scan);
			sp->scanned = 1;
		}
		found = place_choose(&sp->scan, n_toks, verb_tok, actors, 2, &loc);
	} else {
		found = place_find(en->gaz, toks, n_toks, verb_tok, actors, 2, &loc);
	}
	if (!found || !loc.place)
		return 0;
	place_copy(&loc, out);
	return 1;
}

/* Dates the event: the document's date, a time shift of the engine, or a
 * date phrase governing the verb. `may_date` is enrich_may_have_date() of the
 * sentence. */
static void date_event(const dy_enricher *en, const char *text, const dy_token *toks,
                       size_t n_toks, const dy_event *e, dy_date doc_date, int may_date,
                       dy_enriched *out)
{
	/* The engine's date differs from the document's only after a time shift
	 * (a <TIME> phrase of the dictionary): that is a date from the text. */
	dy_date base = doc_date;
	dy_date eng = date_of_int(e->date);
	if (eng.year && !date_eq(eng, doc_date)) {
		base = eng;
		out->date_from_text = 1;
	}
	out->date = base;
	if (!en->no_dates && may_date) {
		dy_when w;
		if (when_resolve(text, toks, n_toks, out->verb_tok, out->tense, base, &w) &&
		    when_date_valid(w.date)) {
			out->date = w.date;
			out->date_from_text = 1;
			out->phrase_off = w.off;
			out->phrase_len = w.len;
		}
	}
}

static void enrich_one(const dy_enricher *en, const char *text, const dy_token *toks,
                       size_t n_toks, const dy_event *e, size_t verb_tok, dy_date doc_date,
                       int may_date, const dy_event *prev_e, const dy_enriched *prev,
                       size_t n_prev, sent_places *sp, dy_enriched *out)
{
	memset(out, 0, sizeof *out);
	out->info = codebook_nearest(e->code);
	out->plover = plover_lookup(e->code);
	out->verb_tok = verb_tok;
	out->tense = enrich_tense(toks, n_toks, out->verb_tok);
	/* Events of one sentence often share their verb (compound actors): the
	 * date depends only on the verb, the place on the verb and the actors'
	 * countries, so an earlier event's answer is reused. */
	int dated = 0, placed = 0;
	for (size_t j = 0; j < n_prev && !(dated && placed); j++) {
		const dy_enriched *p = &prev[j];
		if (p->verb_tok != out->verb_tok || prev_e[j].date != e->date)
			continue;
		if (!dated) {
			out->date = p->date;
			out->date_from_text = p->date_from_text;
			out->phrase_off = p->phrase_off;
			out->phrase_len = p->phrase_len;
			dated = 1;
		}
		if (!placed && !strncmp(prev_e[j].source, e->source, 3) &&
		    !strncmp(prev_e[j].target, e->target, 3)) {
			out->has_place = p->has_place;
			out->place = p->place;
			placed = 1;
		}
	}
	if (!dated)
		date_event(en, text, toks, n_toks, e, doc_date, may_date, out);
	if (!placed)
		out->has_place = find_place(en, toks, n_toks, e, out->verb_tok, sp, &out->place);
}

void enrich_event(const dy_enricher *en, const char *text, const dy_token *toks,
                  size_t n_toks, const dy_event *e, dy_date doc_date, dy_enriched *out)
{
	enrich_one(en, text, toks, n_toks, e, enrich_word_token(toks, n_toks, e->verb_word), doc_date,
	           enrich_may_have_date(text, toks, n_toks), NULL, NULL, 0, NULL, out);
}

void enrich_sentence(const dy_enricher *en, const char *text, const dy_token *toks,
                     size_t n_toks, const dy_event *ev, size_t n_ev, dy_date doc_date,
                     dy_enriched *out)
{
	if (!n_ev)
		return;
	int may_date = enrich_may_have_date(text, toks, n_toks);
	/* The verbs' tokens: the engine's own record where it left one
	 * (tok_known), else one walk of the sentence for all the other events
	 * (enrich_word_token() would walk it again for each). */
	uint32_t last = 0;
	int any = 0;
	for (size_t k = 0; k < n_ev; k++)
		if (!ev[k].tok_known && ev[k].verb_word < ENG_MAX_WORDS && ev[k].verb_word >= last) {
			last = ev[k].verb_word;
			any = 1;
		}
	size_t word_tok[ENG_MAX_WORDS];
	if (any) {
		for (uint32_t w = 0; w <= last; w++)
			word_tok[w] = n_toks;
		word_walk(toks, n_toks, last, word_tok);
	}
	sent_places sp;
	sp.scanned = 0;
	for (size_t k = 0; k < n_ev; k++) {
		uint32_t vw = ev[k].verb_word;
		size_t verb_tok;
		if (ev[k].tok_known)
			verb_tok = ev[k].verb_tok < n_toks ? ev[k].verb_tok : n_toks;
		else
			verb_tok = vw < ENG_MAX_WORDS ? word_tok[vw] : n_toks;
		enrich_one(en, text, toks, n_toks, &ev[k], verb_tok, doc_date, may_date, ev, out, k,
		           &sp, &out[k]);
	}
}

void enrich_record(const dy_enriched *x, const dy_event *e, const char *text,
                   const char *doc_id, const char *url, const char *news_source,
                   long sentence, long event_index, const char *sent, size_t sent_len,
                   dy_record *r)
{
	memset(r, 0, sizeof *r);
	r->doc_id = doc_id;
	r->sentence = sentence;
	r->event = event_index;
	if (x->date.year)
		when_date_format(x->date, r->date);
	r->date_from_text = x->date_from_text;
	if (x->date_from_text && x->phrase_len) {
		r->date_phrase = text + x->phrase_off;
		r->date_phrase_len = x->phrase_len;
	}
	r->source = e->source;
	r->target = e->target;
	r->code = e->code;
	if (x->info) {
		r->root = x->info->root;
		r->event_name = x->info->name;
		r->quad = x->info->quad;
		r->has_goldstein = 1;
		r->goldstein = x->info->goldstein;
	}
	if (x->plover) {
		r->plover_event = x->plover->event;
		r->plover_mode = x->plover->mode;
		r->plover_context = x->plover->context;
	}
	if (x->has_place) {
		r->has_location = 1;
		r->loc_name = x->place.name;
		r->loc_country = x->place.country[0] ? x->place.country : NULL;
		r->loc_admin1 = x->place.admin1 && x->place.admin1[0] ? x->place.admin1 : NULL;
		r->loc_lat = x->place.lat;
		r->loc_lon = x->place.lon;
		r->loc_geonames_id = x->place.geonames_id;
	}
	r->url = url;
	r->news_source = news_source;
	r->text = sent;
	r->text_len = sent_len;
}
