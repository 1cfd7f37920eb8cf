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
 * authorities ("was arrested in Lebanon"); (3) lone agents
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
#include <stdio.h>
#include <string.h>

#include "engine/news.h"

enum {
	NEWS_MAX_COUNTRIES = 8,  /* distinct countries kept per sentence; more is "several" */
	NEWS_MAX_HEADS = 16,     /* dictionary heads looked at per token */
	NEWS_MAX_PLACE_BACK = 6  /* words between a preposition and its place */
};

/* Three-letter codes that begin actor codes but name no country: CAMEO's
 * international and non-state sectors, its regions, and agent codes (a
 * tilde-less agent, "COP", must not pass for a country). */
static const char *const not_country[] = {
	"IGO", "NGO", "IMG", "MNC", "UIS", "INT",
	"AFR", "ASA", "BLK", "BAL", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN",
	"EUR", "LAM", "MDT", "MEA", "NAF", "NAM", "NMR", "PGS", "SAF", "SAM", "SAS",
	"SCN", "SEA", "WAF", "WST", "GLB", "WSB",
	"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS",
	"CRM", "CVL", "LAB", "LEG", "HLH", "REF", "MOD", "RAD", "AGR", "ELI", "ENV",
	"HRI", "IRC", "REL", "SET", "UAF", "INS", "DEV", "CHR", "MUS", "JEW", "BUD",
	"HIN", "ATH", "SHI", "SUN", "ITH", NULL
};

int news_country_of(const char *code, char cc[4])
{
	cc[0] = 0;
	if (!code)
		return 0;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	for (const char *const *p = not_country; *p; p++)
		if (!memcmp(code, *p, 3))
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

/* Countries the sentence names: actor phrases coded as a bare country. Only
 * capitalised words start one (countries, cities, nationalities). */
static void sentence_countries(const dy_dict *d, const dy_token *toks, size_t n, int32_t date,
                               country_set *s)
{
	const uint32_t *ents = dict_head_entries(d);
	for (size_t i = 0; i < n; i++) {
		if (!(toks[i].flags & TOK_CAP) || !(toks[i].flags & TOK_WORD))
			continue;
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
				char cc[4];
				if (c && c->code && strlen(c->code) == 3 && news_country_of(c->code, cc))
					set_add(s, cc);
				q = nh; /* one phrase per token is enough */
				break;
			}
		}
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
	for (const char *const *p = w; *p; p++) {
		size_t n = strlen(*p);
		if (t->lemma_len == n && !memcmp(t->lemma, *p, n))
			return 1;
	}
	return 0;
}

/* A lone actor (with '~') whose words are equipment. */
static int lone_equipment(const dy_token *toks, size_t n, const char *code, uint32_t word)
{
	if (!strchr(code, '~') || word == UINT32_MAX)
		return 0;
	dy_event probe;
	memset(&probe, 0, sizeof probe);
	probe.verb_word = word;
	size_t t = news_verb_token(toks, n, &probe);
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
	for (const char *const *p = w; *p; p++) {
		size_t n = strlen(*p);
		if (t->norm_len == n && !memcmp(t->norm, *p, n))
			return 1;
	}
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
		for (const char *const *p = prep; *p; p++) {
			size_t m = strlen(*p);
			if (t->norm_len == m && !memcmp(t->norm, *p, m))
				return i;
		}
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
		for (const char *const *p = be; *p; p++) {
			size_t m = strlen(*p);
			if (t->norm_len == m && !memcmp(t->norm, *p, m))
				return 1;
		}
		/* an adverb between: "was later arrested" */
		if (!(t->norm_len > 4 && !memcmp(t->norm + t->norm_len - 2, "LY", 2)))
			return 0;
	}
	return 0;
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
	/* (1) moods and (2) equipment and place sources */
	for (size_t k = 0; k < n_ev; k++) {
		dy_event *e = &ev[k];
		size_t verb = news_verb_token(toks, n, e), cue;
		dy_news_mood m = news_mood(d, toks, n, e, verb, &cue);
		if (m != NEWS_DONE) {
			snprintf(why, sizeof why, "%s by '%s' at token %zu", news_mood_name(m),
			         toks[cue].norm, cue);
			trace_drop(trace, e, why);
			continue;
		}
		if (e->src_word != UINT32_MAX && is_place_code(e->source) &&
		    !is_passive(toks, n, news_verb_token(toks, n, e))) {
			dy_event probe;
			memset(&probe, 0, sizeof probe);
			probe.verb_word = e->src_word;
			size_t at = news_verb_token(toks, n, &probe);
			size_t p = news_place_actor(toks, n, at);
			if (p < n) {
				snprintf(why, sizeof why, "the source is a place ('%s %s')",
				         toks[p].norm, toks[at].norm);
				trace_drop(trace, e, why);
				continue;
			}
		}
		if (lone_equipment(toks, n, e->source, e->src_word) ||
		    lone_equipment(toks, n, e->target, e->tgt_word)) {
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
