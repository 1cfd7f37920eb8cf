/* SPDX-License-Identifier: MIT */
/* The news rules over one sentence's events (news.h): news_apply() and
 * news_country_of().
 *
 * Order: (1) events whose verb did not happen are dropped (news_mood(),
 * modality.c); (2) events with an equipment actor and no country ("drones",
 * "tanks": CONVERT AGENTS makes them ~MIL) are dropped: a weapon is not an
 * actor, and the dictionaries mean such phrases as objects; events whose
 * source is a bare place code governed by a locative preposition ("in Syria",
 * "near the town of Azaz") are dropped too: news writes where an act
 * happened that way, not who did it (the engine took the place because the
 * doer was not in its dictionaries, or was a noun phrase before it); a
 * passive verb is kept, since CAMEO lets a place stand for its unnamed
 * authorities ("was arrested in Lebanon"), and so is violence told by the
 * noun the place modifies ("a roadside bombing near Samarra killed ...":
 * unnamed attackers, coded by the place); and events whose source is the
 * speaker of a reported clause with a subject of its own ("Iran said Israel
 * attacked its embassy" is not Iran attacking; a pronoun subject, "Russia
 * said it attacked", or the source's own actor or country stays); (3) lone agents
 * get a country; (4) events whose source equals target are dropped: in news a
 * self-event is almost always a parse error.
 *
 * Lone agents. An agent code written with '~' ("~COP", "~GOVMIL"; "NGO~" for a
 * prefix agent) is an agent the engine found with no country. The sentence's
 * countries are those of every other actor of its surviving events
 * (RUSCOP -> RUS, PSEREB -> PSE; IGOs, NGOs, regions are no country) together
 * with the countries the sentence names anywhere (an actor phrase of the
 * dictionary whose code is a bare country: "in Dakar" -> SEN, "northern
 * Ethiopia" -> ETH). When they are exactly one country, every lone agent
 * takes it ("~COP" -> "SENCOP", "NGO~" -> "NGOSEN"), and the document
 * remembers it; when the sentence names none, the document's last single
 * country is used; when it names several, no one of them is chosen. An agent
 * left without a country is written without the tilde ("COP"), as CAMEO
 * writes an agent of unknown country. A '~' is never written. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "engine/news.h"
#include "util/bytes.h"

enum {
	NEWS_MAX_COUNTRIES = 8,  /* distinct countries kept per sentence; more is "several" */
	NEWS_MAX_HEADS = 16,     /* dictionary heads looked at per token */
	NEWS_MAX_PLACE_BACK = 6, /* words between a preposition and its place */
	NEWS_MAX_REPORT = 40     /* words from a source to a reported verb */
};

/* Three-letter codes that begin actor codes but name no country: CAMEO's
 * international and non-state sectors, its regions, and agent codes (a
 * tilde-less agent, "COP", must not pass for a country). */
static const char not_country[][4] = {
	"AFR", "AGR", "ASA", "ATH", "BAL", "BLK", "BUD", "BUS", "CAS", "CAU", "CFR",
	"CHR", "COP", "CRB", "CRM", "CVL", "DEV", "EAF", "EDU", "EEU", "EIN", "ELI",
	"ENV", "EUR", "GLB", "GOV", "HIN", "HLH", "HRI", "IGO", "IMG", "INS", "INT",
	"IRC", "ITH", "JEW", "JUD", "LAB", "LAM", "LEG", "MDT", "MEA", "MED", "MIL",
	"MNC", "MOD", "MUS", "NAF", "NAM", "NGO", "NMR", "OPP", "PGS", "PTY", "RAD",
	"REB", "REF", "REL", "SAF", "SAM", "SAS", "SCN", "SEA", "SET", "SHI", "SPY",
	"SUN", "UAF", "UIS", "WAF", "WSB", "WST"
};

/* not_country as a bit per third letter for each first two (26 x 26 words
 * of 32 bits), built once by the first caller (pthread_once): a test is one
 * load where the binary search compared up to seven codes, and every
 * event's two actors are tested. */
static uint32_t nc_bits[26 * 26];
static pthread_once_t nc_once = PTHREAD_ONCE_INIT;
static atomic_int nc_ready;   /* set once built: skips pthread_once() */

static void nc_build(void)
{
	for (size_t i = 0; i < sizeof not_country / sizeof not_country[0]; i++) {
		const char *w = not_country[i];
		nc_bits[(w[0] - 'A') * 26 + (w[1] - 'A')] |= (uint32_t)1 << (w[2] - 'A');
	}
	atomic_store_explicit(&nc_ready, 1, memory_order_release);
}

int news_country_of(const char *code, char cc[4])
{
	cc[0] = 0;
	if (!code)
		return 0;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	if (!atomic_load_explicit(&nc_ready, memory_order_acquire))
		pthread_once(&nc_once, nc_build);
	if ((nc_bits[(code[0] - 'A') * 26 + (code[1] - 'A')] >> (code[2] - 'A')) & 1)
		return 0;
	memcpy(cc, code, 3);
	cc[3] = 0;
	return 1;
}

typedef struct country_set {
	char cc[NEWS_MAX_COUNTRIES][4];
	int  n;
	int  over;   /* more than NEWS_MAX_COUNTRIES */
} country_set;

static void set_add(country_set *s, const char *cc)
{
	for (int i = 0; i < s->n; i++)
		if (!memcmp(s->cc[i], cc, 4))
			return;
	if (s->n == NEWS_MAX_COUNTRIES) {
		s->over = 1;
		return;
	}
	memcpy(s->cc[s->n++], cc, 4);
}

/* Whether the WORD elements of actor entry en match toks from `at`. */
static int phrase_at(const dy_dict *d, const dy_entry *en, const dy_token *toks, size_t n,
                     size_t at)
{
	size_t k = at;
	for (uint32_t j = 0; j < en->ph.n; j++) {
		const dy_elem *el = &d->elems[en->ph.first + j];
		if (el->kind != DY_EL_WORD)
			return 0;
		while (k < n && (toks[k].flags & TOK_POSSESS))
			k++;
		if (k >= n || !dict_word_match(el, toks[k].norm, toks[k].norm_len))
			return 0;
		k++;
	}
	return 1;
}

/* The code of the actor phrase of the dictionary that starts at toks[i]
 * ("Dakar" -> SEN, "Russian" -> RUS), or NULL when none starts there. */
static const char *actor_code_at(const dy_dict *d, const dy_token *toks, size_t n, size_t i,
                                 int32_t date)
{
	if (!d || i >= n || !(toks[i].flags & TOK_WORD))
		return NULL;
	const uint32_t *ents = dict_head_entries(d);
	const dy_head *h[NEWS_MAX_HEADS];
	size_t nh = dict_lookup_word(d, toks[i].norm, toks[i].norm_len, h, NEWS_MAX_HEADS);
	for (size_t q = 0; q < nh; q++) {
		const dy_head *hd = h[q];
		uint32_t m = hd->n[DY_ENT_ACTOR];
		/* entries are longest first: the first match is the phrase */
		for (uint32_t k = 0; k < m; k++) {
			const dy_entry *en = &d->entries[ents[hd->at[DY_ENT_ACTOR] + k]];
			if (!phrase_at(d, en, toks, n, i))
				continue;
			const dy_code *c = dict_code_at(d, en, date);
			return c && c->code ? c->code : "";
		}
	}
	return NULL;
}

/* Countries the sentence names: actor phrases coded as a bare country. Only
 * capitalised words start one (countries, cities, nationalities). */
static void sentence_countries(const dy_dict *d, const dy_token *toks, size_t n, int32_t date,
                               country_set *s)
{
	for (size_t i = 0; i < n; i++) {
		char cc[4];
		if (!(toks[i].flags & TOK_CAP) || !(toks[i].flags & TOK_WORD))
			continue;
		const char *code = actor_code_at(d, toks, n, i, date);
		if (code && strlen(code) == 3 && news_country_of(code, cc))
			set_add(s, cc);
	}
}

/* Equipment named as an actor: the engine's agents include weapons. */
static int is_equipment(const dy_token *t)
{
	static const char *const w[] = {
		/* not BOMBER or CARRIER: "suicide bombers", "letter carriers" are people */
		"DRONE", "TANK", "WARPLANE", "PLANE", "JET", "AIRCRAFT", "HELICOPTER", "GUNSHIP",
		"WARSHIP", "VESSEL", "DESTROYER", "FRIGATE", "SUBMARINE", "ARTILLERY", "MISSILE",
		"ROCKET", NULL
	};
	for (const char *const *p = w; *p; p++)
		if (str_is(t->lemma, t->lemma_len, *p))
			return 1;
	return 0;
}

/* A lone actor (with '~') whose words, from token t (n: none), are
 * equipment. */
static int lone_equipment(const dy_token *toks, size_t n, const char *code, size_t t)
{
	if (!strchr(code, '~'))
		return 0;
	/* the actor phrase: its word and the next two ("military drones") */
	for (size_t k = t; k < n && k < t + 3; k++) {
		if (toks[k].flags & TOK_PUNCT)
			break;
		if (is_equipment(&toks[k]))
			return 1;
	}
	return 0;
}

/* Rewrites a lone agent code in place: country (may be "") + agent, '~' gone. */
static void code_complete(char code[ENG_CODE_LEN], const char *cc)
{
	if (!strchr(code, '~'))
		return;
	char bare[ENG_CODE_LEN];
	size_t m = 0;
	int prefix = code[0] != '~'; /* "NGO~": the agent goes before the country */
	for (const char *p = code; *p && m + 1 < sizeof bare; p++)
		if (*p != '~')
			bare[m++] = *p;
	bare[m] = 0;
	/* country + agent (or agent + country), cut to fit the code field */
	const char *a = prefix ? bare : cc, *b = prefix ? cc : bare;
	size_t na = strlen(a), nb = strlen(b);
	if (na > ENG_CODE_LEN - 1)
		na = ENG_CODE_LEN - 1;
	if (nb > ENG_CODE_LEN - 1 - na)
		nb = ENG_CODE_LEN - 1 - na;
	char out[ENG_CODE_LEN];
	memcpy(out, a, na);
	memcpy(out + na, b, nb);
	out[na + nb] = 0;
	memcpy(code, out, ENG_CODE_LEN);
}

/* Words between a locative preposition and the place it governs: "in the
 * north of Syria", "near the Syrian town of Azaz", "across northern Iraq". */
static int is_place_filler(const dy_token *t, int after_the)
{
	static const char *const w[] = {
		"THE", "OF", "NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "CITY", "TOWN",
		"VILLAGE", "PROVINCE", "REGION", "DISTRICT", "AREA", "CAPITAL", "BORDER",
		"COUNTRY", "PARTS", "STATE", "WESTERN", "EASTERN", "NORTHERN", "SOUTHERN",
		"NORTHEASTERN", "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN",
		"NORTH-EASTERN", "NORTH-WESTERN", "SOUTH-EASTERN", "SOUTH-WESTERN",
		"NEIGHBOURING", "NEIGHBORING", "REBEL-HELD", "BESIEGED", "WAR-TORN", NULL
	};
	for (const char *const *p = w; *p; p++)
		if (str_is(t->norm, t->norm_len, *p))
			return 1;
	/* "in the Syrian city of ...": a name inside a phrase the article opens */
	return after_the && (t->flags & TOK_CAP) && (t->flags & TOK_WORD);
}

/* Whether the actor at token `at` is a place: a locative preposition governs
 * it ("in Syria", "in the Kurdish region", "near the Turkish border"). News
 * names where an act happened this way, never who did it. Returns the
 * preposition's token, or n. */
size_t news_place_actor(const dy_token *toks, size_t n, size_t at)
{
	static const char *const prep[] = {
		"IN", "AT", "NEAR", "INSIDE", "ACROSS", "THROUGHOUT", "WITHIN", NULL
	};
	if (at >= n)
		return n;
	/* the filler words may include a capitalised name only when THE opens
	 * the phrase: "In Moscow Putin said" keeps Putin */
	size_t i = at;
	for (int steps = 0; i > 0 && steps < NEWS_MAX_PLACE_BACK; steps++) {
		const dy_token *t = &toks[--i];
		for (const char *const *p = prep; *p; p++)
			if (str_is(t->norm, t->norm_len, *p))
				return i;
		int the_before = 0;
		for (size_t k = i; k > 0 && k + NEWS_MAX_PLACE_BACK > i; k--)
			if (toks[k - 1].norm_len == 3 && !memcmp(toks[k - 1].norm, "THE", 3)) {
				the_before = 1;
				break;
			}
		if (!is_place_filler(t, the_before))
			return n;
	}
	return n;
}

/* A code that names a place only: a country, region or people ("SYR",
 * "MEA", "KUR"), with no agent. "In the Senate" (LEG) or "at Human Rights
 * Watch" (NGOHRIHRW) names an institution whose people do act. */
static int is_place_code(const char *code)
{
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	return code[3] == 0 && !(!memcmp(code, "IGO", 3) || !memcmp(code, "NGO", 3));
}

/* A passive verb ("was arrested in Lebanon"): the place stands for its
 * authorities, as CAMEO codes an act with an unnamed doer. */
static int is_passive(const dy_token *toks, size_t n, size_t verb)
{
	static const char *const be[] = { "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", NULL };
	if (verb >= n)
		return 0;
	/* a participle: -ED, -EN, or an irregular form ("held", "met"); not
	 * "is considering", nor an adjective before TO ("was prepared to") */
	const dy_token *v = &toks[verb];
	int ends_ed = v->norm_len > 3 && (!memcmp(v->norm + v->norm_len - 2, "ED", 2) ||
	                                  !memcmp(v->norm + v->norm_len - 2, "EN", 2));
	int irregular = v->lemma_len != v->norm_len || memcmp(v->lemma, v->norm, v->norm_len);
	if (v->norm_len > 3 && (!memcmp(v->norm + v->norm_len - 3, "ING", 3) ||
	                        v->norm[v->norm_len - 1] == 'S'))
		irregular = 0;
	if (!(ends_ed || irregular))
		return 0;
	if (verb + 1 < n && toks[verb + 1].norm_len == 2 && !memcmp(toks[verb + 1].norm, "TO", 2))
		return 0;
	for (size_t i = verb, steps = 0; i > 0 && steps < 3; steps++) {
		const dy_token *t = &toks[--i];
		for (const char *const *p = be; *p; p++)
			if (str_is(t->norm, t->norm_len, *p))
				return 1;
		/* an adverb between: "was later arrested" */
		if (!(t->norm_len > 4 && !memcmp(t->norm + t->norm_len - 2, "LY", 2)))
			return 0;
	}
	return 0;
}

/* Engine words already turned into tokens during one news_apply() call:
 * events of a sentence share verbs and actors, and each look-up walks the
 * sentence from its start. */
enum { WORD_MEMO_MAX = 16 };
typedef struct word_memo {
	uint32_t word[WORD_MEMO_MAX];
	size_t   tok[WORD_MEMO_MAX];
	unsigned n;
} word_memo;

/* Token of an engine word (a verb's or an actor's), or n. `tok` is the
 * token the engine recorded for it (dy_event.tok_known), else UINT32_MAX. */
static size_t actor_token(word_memo *m, const dy_token *toks, size_t n, uint32_t word,
                          uint32_t tok)
{
	if (word == UINT32_MAX)
		return n;
	if (tok != UINT32_MAX)
		return tok < n ? tok : n;   /* no replay of the word filter */
	for (unsigned i = 0; i < m->n; i++)
		if (m->word[i] == word)
			return m->tok[i];
	dy_event probe;
	memset(&probe, 0, sizeof probe);
	probe.verb_word = word;
	size_t t = news_verb_token(toks, n, &probe);
	if (m->n < WORD_MEMO_MAX) {
		m->word[m->n] = word;
		m->tok[m->n++] = t;
	}
	return t;
}

/* A verb of speech; tested on every word between a source and its verb, so
 * the list is sorted and searched. */
static int is_speech(const dy_token *t)
{
	static const char *const w[] = {
		"ADDED", "ALLEGED", "ANNOUNCED", "ARGUED", "BELIEVES", "CLAIMED", "CLAIMS",
		"CONFIRMED", "EXPLAINED", "INSISTED", "NOTED", "REPORTED", "SAID", "SAY", "SAYS",
		"STATED", "THINKS", "TOLD", "TWEETED", "WROTE"
	};
	if (t->norm_len < 3 || t->norm_len > 9 || !(t->flags & TOK_WORD))
		return 0; /* the words have 3 to 9 letters */
	return bytes_in_sorted(w, sizeof w / sizeof w[0], t->norm, t->norm_len);
}

static inline int word_is(const dy_token *t, const char *w)
{
	return str_is(t->norm, t->norm_len, w);
}

/* Days, months and time nouns that open "said on Friday", "said last week". */
static int is_time_word(const dy_token *t)
{
	static const char *const w[] = {
		"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
		"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
		"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "WEEK", "MONTH", "YEAR",
		"TODAY", "YESTERDAY", "NIGHT", "MORNING", "EVENING", "WEEKEND", NULL
	};
	for (const char *const *p = w; *p; p++)
		if (word_is(t, *p))
			return 1;
	return (t->flags & TOK_NUMBER) != 0;
}

/* The code of the actor or agent phrase of the dictionary that starts at
 * toks[j] ("Russian" -> RUS, "insurgents" -> ~REB), or NULL. */
/* Words of a quantity before a subject: "as many as 4,000 Russian
 * citizens", "at least two soldiers", "hundreds of protesters". */
static int is_quantity(const dy_token *t)
{
	static const char *const w[] = {
		"AS", "MANY", "MORE", "THAN", "AT", "LEAST", "SOME", "OF", "ALL", "SEVERAL",
		"DOZENS", "HUNDREDS", "THOUSANDS", "TWO", "THREE", "FOUR", "FIVE", "SIX",
		"SEVEN", "EIGHT", "NINE", "TEN", NULL
	};
	for (const char *const *p = w; *p; p++)
		if (word_is(t, *p))
			return 1;
	return 0;
}

static int is_pronoun(const dy_token *t)
{
	static const char *const pron[] = {
		"I", "WE", "YOU", "HE", "SHE", "IT", "THEY", "THIS", "THESE", "THOSE", NULL
	};
	for (const char *const *p = pron; *p; p++)
		if (word_is(t, *p))
			return 1;
	return 0;
}

static const char *subject_code_at(const dy_dict *d, const dy_token *toks, size_t n, size_t j,
                                   int32_t date)
{
	if (!d || j >= n || !(toks[j].flags & TOK_WORD))
		return NULL;
	const uint32_t *ents = dict_head_entries(d);
	const dy_head *h[NEWS_MAX_HEADS];
	size_t nh = dict_lookup_word(d, toks[j].norm, toks[j].norm_len, h, NEWS_MAX_HEADS);
	static const int kinds[] = { DY_ENT_ACTOR, DY_ENT_AGENT };
	for (int kk = 0; kk < 2; kk++)
		for (size_t q = 0; q < nh; q++) {
			const dy_head *hd = h[q];
			for (uint32_t k = 0; k < hd->n[kinds[kk]]; k++) {
				const dy_entry *en = &d->entries[ents[hd->at[kinds[kk]] + k]];
				if (!phrase_at(d, en, toks, n, j))
					continue;
				const dy_code *c = dict_code_at(d, en, date);
				return c && c->code ? c->code : "";
			}
		}
	return NULL;
}

/* Whether actor code `sub` (maybe "~REB") stands in source code `src` on a
 * three-letter boundary ("~GOV" in "AUSGOV", "INT" in "INT"), or both name
 * the same country: the reported subject is the source itself. */
static int same_actor(const char *src, const char *sub)
{
	char a[ENG_CODE_LEN], b[ENG_CODE_LEN];
	size_t m = 0;
	for (const char *p = sub; *p && m + 1 < sizeof a; p++)
		if (*p != '~')
			a[m++] = *p;
	a[m] = 0;
	if (m < 3)
		return 0;
	m = 0;
	for (const char *p = src; *p && m + 1 < sizeof b; p++)
		if (*p != '~')
			b[m++] = *p;
	b[m] = 0;
	for (size_t i = 0; i + 3 <= m; i += 3)
		if (!strncmp(b + i, a, 3))
			return 1;
	char ca[4], cb[4];
	return news_country_of(a, ca) && news_country_of(b, cb) && !strcmp(ca, cb);
}

/* The source is the speaker of a reported clause whose verb has a subject of
 * its own: "Iran said Israel attacked its embassy" is not Iran attacking,
 * "Putin has claimed 4,000 Russian citizens travelled to Syria" is not Putin
 * travelling. Returns the speech verb's token, or n. A pronoun subject ("Russia
 * said it attacked") is the speaker again and keeps the event. */
static size_t speaker_source(const dy_dict *d, const dy_token *toks, size_t n,
                             int32_t date, const dy_event *e, size_t verb, size_t src)
{
	if (src >= verb || verb >= n || verb - src > NEWS_MAX_REPORT)
		return n;
	for (size_t k = src + 1; k < verb; k++) {
		if (!is_speech(&toks[k]))
			continue;
		/* the reported clause's subject: its first word past THAT, a
		 * time phrase ("said on Friday"), an adverb, an article and a
		 * quantity */
		size_t j = k + 1;
		if (word_is(&toks[k], "TOLD")) {
			/* "told reporters that ...", "told me how ...": the clause
			 * starts after its addressee */
			size_t q = k + 1;
			while (q < verb && q <= k + 5 && !word_is(&toks[q], "THAT") &&
			       !word_is(&toks[q], "HOW"))
				q++;
			if (q >= verb || q > k + 5)
				return n;
			j = q + 1;
		}
		while (j < verb) {
			const dy_token *t = &toks[j];
			if (word_is(t, "THAT") || word_is(t, "THE") || word_is(t, "A") ||
			    word_is(t, "AN") || is_time_word(t) ||
			    (t->norm_len > 4 && !memcmp(t->norm + t->norm_len - 2, "LY", 2) &&
			     !(t->flags & TOK_CAP)))
				j++;
			else if (word_is(t, "ON") || word_is(t, "LAST") || word_is(t, "THIS") ||
			         is_quantity(t))
				j++;
			else
				break;
		}
		if (j >= verb || is_pronoun(&toks[j]))
			return n;
		/* a name or an actor of the dictionary other than the source */
		const char *sub = subject_code_at(d, toks, n, j, date);
		if (sub ? same_actor(e->source, sub) : !(toks[j].flags & TOK_CAP))
			return n;
		return k;
	}
	return n;
}

/* "A roadside bombing near the town of Samarra killed ...": violence whose
 * doer is unnamed, told by an event noun the place modifies; CAMEO then
 * codes the place's country as the source, so the event stays. */
static int unknown_attacker(const dy_token *toks, size_t n, const dy_event *e, size_t prep,
                            size_t verb)
{
	if (!(e->code[0] == '1' && (e->code[1] == '8' || e->code[1] == '9')) &&
	    strncmp(e->code, "20", 2))
		return 0;
	/* the event noun itself is what the place modifies ("bombing near
	 * Samarra"); a past verb there is an act with its doer elsewhere
	 * ("fought in Afghanistan") */
	if (prep == 0 || prep - 1 != verb || verb >= n)
		return 0;
	const dy_token *v = &toks[verb];
	int ing = v->norm_len > 3 && !memcmp(v->norm + v->norm_len - 3, "ING", 3);
	int changed = v->lemma_len != v->norm_len || memcmp(v->lemma, v->norm, v->norm_len);
	return ing || !changed;
}

static void trace_drop(dy_buf *trace, const dy_event *e, const char *why)
{
	if (trace)
		buf_printf(trace, "  dropped %s (%s->%s): %s\n", e->code, e->source, e->target, why);
}

size_t news_apply(const dy_dict *d, const dy_token *toks, size_t n, int32_t date,
                  dy_event *ev, size_t n_ev, dy_news_carry *carry, dy_buf *trace)
{
	char why[160];
	size_t kept = 0;
	word_memo memo;
	memo.n = 0;   /* only word[0 .. n) and tok[0 .. n) are read */
	/* (1) moods and (2) equipment, place and speaker sources */
	for (size_t k = 0; k < n_ev; k++) {
		dy_event *e = &ev[k];
		size_t verb = actor_token(&memo, toks, n, e->verb_word,
		                          e->tok_known ? e->verb_tok : UINT32_MAX), cue;
		dy_news_mood m = news_mood(d, toks, n, e, verb, &cue);
		if (m != NEWS_DONE) {
			if (trace) {   /* the message only for a trace: no formatting otherwise */
				snprintf(why, sizeof why, "%s by '%s' at token %zu", news_mood_name(m),
				         toks[cue].norm, cue);
				trace_drop(trace, e, why);
			}
			continue;
		}
		/* the source's token, found once for the rules below */
		size_t src = actor_token(&memo, toks, n, e->src_word,
		                         e->tok_known ? e->src_tok : UINT32_MAX);
		if (e->src_word != UINT32_MAX && is_place_code(e->source) &&
		    !is_passive(toks, n, verb)) {
			size_t p = news_place_actor(toks, n, src);
			if (p < n && !unknown_attacker(toks, n, e, p, verb)) {
				if (trace) {
					snprintf(why, sizeof why, "the source is a place ('%s %s')",
					         toks[p].norm, toks[src].norm);
					trace_drop(trace, e, why);
				}
				continue;
			}
		}
		size_t sp = speaker_source(d, toks, n, date, e, verb, src);
		if (sp < n) {
			if (trace) {
				snprintf(why, sizeof why,
				         "the source is the speaker ('%s') of another subject's verb",
				         toks[sp].norm);
				trace_drop(trace, e, why);
			}
			continue;
		}
		if (lone_equipment(toks, n, e->source, src) ||
		    (strchr(e->target, '~') &&
		     lone_equipment(toks, n, e->target, actor_token(&memo, toks, n, e->tgt_word,
		                    e->tok_known ? e->tgt_tok : UINT32_MAX)))) {
			trace_drop(trace, e, "an actor is equipment with no country");
			continue;
		}
		if (kept != k)
			ev[kept] = *e;
		kept++;
	}
	/* (3) lone agents */
	int lone = 0;
	country_set s = { .n = 0, .over = 0 };
	for (size_t k = 0; k < kept; k++) {
		char cc[4];
		const char *c[2] = { ev[k].source, ev[k].target };
		for (int j = 0; j < 2; j++) {
			if (strchr(c[j], '~'))
				lone = 1;
			else if (news_country_of(c[j], cc))
				set_add(&s, cc);
		}
	}
	if (lone && d)
		sentence_countries(d, toks, n, date, &s);
	const char *cc = "";
	const char *from = "";
	if (s.n == 1 && !s.over) {
		cc = s.cc[0];
		from = "the sentence's one country";
		if (carry)
			memcpy(carry->country, s.cc[0], 4);
	} else if (s.n == 0 && carry && carry->country[0]) {
		cc = carry->country;
		from = "the document's last country";
	} else if (s.n > 1 && carry) {
		carry->country[0] = 0; /* the document has moved on to several */
	}
	for (size_t k = 0; k < kept && lone; k++) {
		char *c[2] = { ev[k].source, ev[k].target };
		for (int j = 0; j < 2; j++) {
			if (!strchr(c[j], '~'))
				continue;
			char old[ENG_CODE_LEN];
			memcpy(old, c[j], ENG_CODE_LEN);
			code_complete(c[j], cc);
			if (trace)
				buf_printf(trace, "  %s %s -> %s: %s\n", j ? "target" : "source", old, c[j],
				           cc[0] ? from : (s.n > 1 ? "several countries, none chosen"
				                                   : "no country known"));
		}
	}
	/* (4) self-events */
	size_t out = 0;
	for (size_t k = 0; k < kept; k++) {
		if (ev[k].source[0] && !strcmp(ev[k].source, ev[k].target)) {
			trace_drop(trace, &ev[k], "source and target are the same actor");
			continue;
		}
		if (out != k)
			ev[out] = ev[k];
		out++;
	}
	return out;
}
