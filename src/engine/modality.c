/* SPDX-License-Identifier: MIT */
/* Whether an event's verb happened, from the words around it (news.h):
 * news_mood(), news_verb_token(), news_mood_name().
 *
 * CAMEO codes acts that were carried out; news writes as many that were not.
 * Six signs, each looked for in a bounded window of the sentence:
 *   negation   a cue in the verb group before the verb, with only
 *              auxiliaries and adverbs between ("has not yet sent", "did not
 *              attack", "won't attend", "never met", "no longer supplies",
 *              "neither confirmed nor denied"), or "refused/declined/failed/
 *              unable to" or "not to" just before it ("agreed not to attack");
 *   condition  IF, UNLESS or WHETHER before the verb in the same comma
 *              clause ("If Iran attacks Israel, ..." / "... if Iran attacks");
 *   question   the first end mark after the verb is '?' (a colon or a
 *              semicolon ends the verb's clause first; a quoted question
 *              followed by "he asked" still has its '?' after the verb);
 *   modal      COULD, MIGHT, MAY (lower case: "May" is a month or a name),
 *              SHOULD, MUST, OUGHT in the verb group: speculation or advice,
 *              not an act; so are EXPECTED, LIKELY, UNLIKELY, SUPPOSED just
 *              before TO ("is expected to visit": others' forecast, where
 *              "is scheduled to visit" is a plan and stays). WILL and WOULD
 *              are intent and stay (03x, 13x).
 *              A verb word that is the subject of COULD/MIGHT/MAY/SHOULD/
 *              WOULD is supposed ("a Russian attack on NATO would trigger
 *              ..."; modal_after());
 *   noun       the verb word is followed by OF and has no subject, auxiliary
 *              or possessor before it: "there is now talk of", "fears of a
 *              new insurgency", "head of the centre", "in support of"
 *              (noun_use() says why the other noun uses stay);
 *   content    a gerund after OF, FOR, ABOUT, AGAINST, WITHOUT, FROM: the
 *              act another act is about ("accused of attacking", "the ground
 *              for occupying", "prevented from destroying").
 * When the event's own verb pattern spells the cue ("- WILL_NOT_* [125]",
 * "- REFUSED_TO_* [1243]", "- * NOT_INVOLVED [016]"), the dictionary coded the
 * negation on purpose and the event stays. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "engine/news.h"
#include "enrich/enrich.h"

enum {
	MOOD_MAX_BACK = 8,    /* words of a verb group looked at before the verb */
	MODAL_AFTER_MAX = 8   /* words from a noun subject to its modal */
};

static inline int is_word(const dy_token *t, const char *w)
{
	return str_is(t->norm, t->norm_len, w);
}

static inline int is_any(const dy_token *t, const char *const *ws)
{
	for (; *ws; ws++)
		if (is_word(t, *ws))
			return 1;
	return 0;
}

static inline int ends_with(const dy_token *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->norm_len >= n && !memcmp(t->norm + t->norm_len - n, suf, n);
}

/* The words of a verb group, by kind: auxiliaries, adverbs, forecast words
 * before TO ("expected to"), modals (MAY is handled apart: only lower case)
 * and negations. One table, hashed at first use (kw_table). */
enum {
	K_AUX      = 1, /* IS, HAS, DID, WILL, WOULD, CAN, 'LL, GET ... */
	K_ADVERB   = 2, /* YET, STILL, ALREADY, AGAIN, NOW, ONLY ... */
	K_FORECAST = 4, /* EXPECTED, LIKELY, UNLIKELY, SUPPOSED */
	K_MODAL    = 8, /* COULD, MIGHT, SHOULD, MUST, OUGHT */
	K_NEG      = 16, /* NOT, NEVER, CANNOT, N'T, NOR, NEITHER */
	/* for modal_after(): */
	K_STOP     = 32, /* words that end a noun subject: THAT, AND, IF, IT, SAID ... */
	K_SUBJECT  = 64, /* a pronoun or relative word before a verb: THAT, IT, WE ... */
	K_SUPPOSE  = 128 /* WOULD, COULD, MIGHT, SHOULD */
};

static const struct kword {
	const char *w;
	unsigned    k;
} kwords[] = {
	{ "'D", K_AUX }, { "'LL", K_AUX }, { "AGAIN", K_ADVERB }, { "ALREADY", K_ADVERB },
	{ "ALSO", K_ADVERB }, { "AM", K_AUX }, { "AND", K_STOP }, { "ARE", K_AUX },
	{ "AS", K_STOP }, { "BE", K_AUX }, { "BECAUSE", K_STOP }, { "BEEN", K_AUX },
	{ "BEING", K_AUX }, { "BUT", K_STOP }, { "CAN", K_AUX }, { "CANNOT", K_NEG },
	{ "COULD", K_MODAL | K_SUPPOSE }, { "DID", K_AUX }, { "DO", K_AUX }, { "DOES", K_AUX },
	{ "EVEN", K_ADVERB }, { "EVER", K_ADVERB }, { "EXPECTED", K_FORECAST }, { "GET", K_AUX },
	{ "GOT", K_AUX }, { "HAD", K_AUX }, { "HAS", K_AUX }, { "HAVE", K_AUX },
	{ "HAVING", K_AUX }, { "HE", K_STOP | K_SUBJECT }, { "I", K_STOP | K_SUBJECT },
	{ "IF", K_STOP }, { "IS", K_AUX }, { "IT", K_STOP | K_SUBJECT }, { "JUST", K_ADVERB },
	{ "LIKELY", K_FORECAST }, { "MIGHT", K_MODAL | K_SUPPOSE }, { "MUST", K_MODAL },
	{ "N'T", K_NEG }, { "NEITHER", K_NEG }, { "NEVER", K_NEG }, { "NOR", K_NEG },
	{ "NOT", K_NEG }, { "NOW", K_ADVERB }, { "ONLY", K_ADVERB }, { "OR", K_STOP },
	{ "OUGHT", K_MODAL }, { "SAID", K_STOP }, { "SAY", K_STOP }, { "SAYS", K_STOP },
	{ "SHALL", K_AUX }, { "SHE", K_STOP | K_SUBJECT }, { "SHOULD", K_MODAL | K_SUPPOSE },
	{ "STILL", K_ADVERB }, { "SUPPOSED", K_FORECAST }, { "THAT", K_STOP | K_SUBJECT },
	{ "THEN", K_ADVERB }, { "THEY", K_STOP | K_SUBJECT }, { "UNLIKELY", K_FORECAST },
	{ "WAS", K_AUX }, { "WE", K_STOP | K_SUBJECT }, { "WERE", K_AUX }, { "WHEN", K_STOP },
	{ "WHERE", K_STOP }, { "WHICH", K_STOP | K_SUBJECT }, { "WHILE", K_STOP },
	{ "WHO", K_STOP | K_SUBJECT }, { "WHOM", K_STOP }, { "WHOSE", K_STOP }, { "WILL", K_AUX },
	{ "WOULD", K_AUX | K_SUPPOSE }, { "YET", K_ADVERB }, { "YOU", K_STOP | K_SUBJECT },
};

/* kwords as a hash table, built once by the first caller (pthread_once):
 * a word of up to 8 bytes packed into one 64-bit key is classed with one
 * multiply and a compare or two, where the binary search compared strings
 * seven times; news_mood() classes each word around every event's verb. */
enum { KW_SLOTS = 256 };   /* a power of two, over three times kwords */
static struct kw_slot {
	uint64_t key;   /* the word's bytes, zero-padded */
	uint32_t n;     /* its length; 0: empty */
	unsigned k;
} kw_table[KW_SLOTS];
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;
static atomic_int kw_ready;   /* set once built: skips pthread_once() */

/* s[0..n) (1 <= n <= 8) zero-padded into 64 bits, with fixed-size loads
 * that overlap instead of a byte loop; never reads outside s[0..n). */
static uint64_t kw_pack(const char *s, uint32_t n)
{
	uint32_t a, b;
	uint16_t x, y;
	uint64_t v;
	if (n == 8) {
		memcpy(&v, s, 8);
		return v;
	}
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return (uint64_t)a | ((uint64_t)b << (8 * (n - 4)));
	}
	if (n >= 2) {
		memcpy(&x, s, 2);
		memcpy(&y, s + n - 2, 2);
		return (uint64_t)x | ((uint64_t)y << (8 * (n - 2)));
	}
	return (unsigned char)s[0];
}

static unsigned kw_hash(uint64_t key)
{
	return (unsigned)((key * 0x9E3779B97F4A7C15u) >> 56) & (KW_SLOTS - 1);
}

static void kw_build(void)
{
	for (size_t i = 0; i < sizeof kwords / sizeof kwords[0]; i++) {
		uint64_t key = kw_pack(kwords[i].w, (uint32_t)strlen(kwords[i].w));
		unsigned h = kw_hash(key);
		while (kw_table[h].n)
			h = (h + 1) & (KW_SLOTS - 1);
		kw_table[h].key = key;
		kw_table[h].n = (uint32_t)strlen(kwords[i].w);
		kw_table[h].k = kwords[i].k;
	}
	atomic_store_explicit(&kw_ready, 1, memory_order_release);
}

/* The K_ bits of token t's norm; 0 for any other word. */
static unsigned word_kinds(const dy_token *t)
{
	if (t->norm_len < 1 || t->norm_len > 8)
		return 0; /* the table's words have 1 to 8 bytes */
	if (!atomic_load_explicit(&kw_ready, memory_order_acquire))
		pthread_once(&kw_once, kw_build);
	uint64_t key = kw_pack(t->norm, t->norm_len);
	/* key and length: a NUL byte in a word cannot make it another */
	for (unsigned h = kw_hash(key);; h = (h + 1) & (KW_SLOTS - 1)) {
		if (kw_table[h].key == key && kw_table[h].n == t->norm_len)
			return kw_table[h].k;
		if (!kw_table[h].n)
			return 0;
	}
}

/* -LY adverbs ("formally", "publicly"); a capitalised word inside the
 * sentence is a name (Italy), not an adverb */
static int is_ly_adverb(const dy_token *t, int first)
{
	return t->norm_len > 4 && ends_with(t, "LY") && (first || !(t->flags & TOK_CAP));
}

static int is_adverb(const dy_token *t, int first)
{
	return (word_kinds(t) & K_ADVERB) || is_ly_adverb(t, first);
}

/* A negation word on its own: NOT, NEVER, CANNOT, DIDN'T, WON'T, N'T, NOR,
 * NEITHER. */
static int is_negator(const dy_token *t)
{
	return (word_kinds(t) & K_NEG) || (t->norm_len > 3 && ends_with(t, "N'T"));
}

/* REFUSED/DECLINED/FAILED/UNABLE, and the nouns REFUSAL/FAILURE/INABILITY/
 * RELUCTANCE: "... to VERB" did not happen ("its refusal to support the
 * uprisings"). */
static int is_refusal(const dy_token *t)
{
	static const char *const w[] = {
		"REFUSE", "DECLINE", "FAIL", "UNABLE", "REFUSAL", "FAILURE", "INABILITY",
		"RELUCTANCE", NULL
	};
	for (const char *const *p = w; *p; p++)
		if (str_is(t->lemma, t->lemma_len, *p))
			return 1;
	return is_word(t, "UNABLE");
}

static int is_clause_mark(const dy_token *t)
{
	return t->norm_len == 1 && (t->norm[0] == ',' || t->norm[0] == ';' || t->norm[0] == ':');
}

/* 1 when a word of text (a pattern written out) is a stem of the cue token:
 * the pattern spells the cue, so the dictionary coded it on purpose. */
static int text_spells(const char *text, const dy_token *cue)
{
	const char *p = text;
	while (*p) {
		while (*p && !((*p >= 'A' && *p <= 'Z') || *p == '\''))
			p++;
		const char *b = p;
		while ((*p >= 'A' && *p <= 'Z') || *p == '\'')
			p++;
		size_t n = (size_t)(p - b);
		if (n < 2)
			continue;
		if (n <= cue->norm_len && !memcmp(cue->norm, b, n))
			return 1;
		/* a contracted negation ("WON'T") is spelt NOT in patterns */
		if (n == 3 && !memcmp(b, "NOT", 3) && ends_with(cue, "N'T"))
			return 1;
	}
	return 0;
}

static int pattern_spells(const dy_dict *d, const dy_event *e, const dy_token *cue)
{
	if (!d)
		return 0;
	char buf[512];
	if (e->pattern != DY_NONE && e->pattern < d->n_patterns) {
		dict_phrase_text(d, d->patterns[e->pattern].ph, buf, sizeof buf);
		if (text_spells(buf, cue))
			return 1;
	}
	if (e->verb_entry != DY_NONE && e->verb_entry < d->n_entries) {
		dict_phrase_text(d, d->entries[e->verb_entry].ph, buf, sizeof buf);
		if (text_spells(buf, cue))
			return 1;
	}
	return 0;
}

size_t news_verb_token(const dy_token *toks, size_t n, const dy_event *e)
{
	/* the engine records the token of its events' verbs; for any other
	 * event the word number is mapped back by enrich's one replay of the
	 * engine's input filter, so there is one place to follow it */
	if (e->tok_known)
		return e->verb_tok < n ? e->verb_tok : n;
	return enrich_word_token(toks, n, e->verb_word);
}

const char *news_mood_name(dy_news_mood m)
{
	switch (m) {
	case NEWS_NEGATED:     return "negated";
	case NEWS_CONDITIONAL: return "conditional";
	case NEWS_QUESTION:    return "question";
	case NEWS_MODAL:       return "modal";
	case NEWS_NOUN:        return "a noun";
	case NEWS_CONTENT:     return "the content of another act";
	default:               return "done";
	}
}

/* The verb group before toks[verb]: negation or modal cue. */
static dy_news_mood group_mood(const dy_token *toks, size_t n, size_t verb, size_t *cue)
{
	size_t i = verb;
	for (int steps = 0; i > 0 && steps < MOOD_MAX_BACK; steps++) {
		const dy_token *t = &toks[--i];
		unsigned k = word_kinds(t);
		if (is_word(t, "LONGER") && i > 0 && is_word(&toks[i - 1], "NO")) {
			*cue = i - 1;
			return NEWS_NEGATED;
		}
		if ((k & K_NEG) || (t->norm_len > 3 && ends_with(t, "N'T"))) {
			/* "not only attacked ... but also": affirmative */
			if (i + 1 < n && is_word(&toks[i + 1], "ONLY"))
				return NEWS_DONE;
			*cue = i;
			return NEWS_NEGATED;
		}
		if ((k & K_MODAL) || (is_word(t, "MAY") && !(t->flags & TOK_CAP))) {
			/* a negated modal is still not an act: "could not stop" */
			*cue = i;
			return NEWS_MODAL;
		}
		if (is_word(t, "TO")) {
			if (i == 0)
				return NEWS_DONE;
			const dy_token *p = &toks[i - 1];
			if (is_refusal(p) || is_negator(p)) {
				*cue = i - 1;
				return NEWS_NEGATED;
			}
			/* "is expected to visit", "likely to attack": others'
			 * forecast, not the actor's act or stated intent */
			if (word_kinds(p) & K_FORECAST) {
				*cue = i - 1;
				return NEWS_MODAL;
			}
			return NEWS_DONE;
		}
		if ((k & (K_AUX | K_ADVERB)) || is_ly_adverb(t, i == 0))
			continue;
		return NEWS_DONE;
	}
	return NEWS_DONE;
}

/* Whether toks[i] may be an actor's word: a name (capitalised inside the
 * sentence), a pronoun, or the first word of an actor or agent phrase of the
 * dictionary ("army", "officials"). */
static int is_actorish(const dy_dict *d, const dy_token *toks, size_t i)
{
	static const char *const pron[] = {
		"I", "WE", "YOU", "HE", "SHE", "IT", "THEY", "WHO", "WHICH", "ONE", NULL
	};
	const dy_token *t = &toks[i];
	if (i > 0 && (t->flags & TOK_CAP))
		return 1;
	if (is_any(t, pron))
		return 1;
	if (!d)
		return 0;
	const dy_head *h[8];
	size_t nh = dict_lookup_word(d, t->norm, t->norm_len, h, 8);
	for (size_t q = 0; q < nh; q++)
		if (h[q]->n[DY_ENT_ACTOR] || h[q]->n[DY_ENT_AGENT])
			return 1;
	return 0;
}

/* A possessor before the noun names its doer ("Russia's veto of the
 * resolution", "his promise of strikes"): news reports such acts that way,
 * so the noun is the event. */
static int possessed(const dy_token *toks, size_t verb)
{
	static const char *const w[] = { "HIS", "HER", "ITS", "THEIR", "OUR", "MY", "YOUR", NULL };
	for (size_t i = verb, k = 0; i > 0 && k < 2; k++) {
		const dy_token *t = &toks[--i];
		if (is_any(t, w) || (t->flags & TOK_POSSESS) || is_word(t, "'"))
			return 1;
	}
	return 0;
}

/* The verb word used as a noun before OF with no subject, auxiliary or
 * possessor before it ("there is talk of", "fears of", "head of", "in
 * support of"). Returns the OF token or n. A noun after A/AN/THE the engine
 * already takes for no verb; nouns after a possessive or with modifiers
 * between ("Trump's demand that ...", "a chemical attack by the regime") are
 * how news reports many real acts, so they stay. */
static size_t noun_use(const dy_dict *d, const dy_token *toks, size_t n, size_t verb)
{
	if (verb + 1 >= n || !is_word(&toks[verb + 1], "OF") || possessed(toks, verb) ||
	    ends_with(&toks[verb], "ED") || ends_with(&toks[verb], "ING"))
		return n;
	/* what stands before it, past adverbs: a subject or an auxiliary makes
	 * it a verb ("Iran warns of", "they have spoken of"), except the
	 * existential "there is (now) talk of" */
	size_t i = verb;
	for (int k = 0; i > 0 && k < 2 && is_adverb(&toks[i - 1], i == 1); k++)
		i--;
	if (i == 0)
		return verb + 1;
	const dy_token *b = &toks[i - 1];
	if (word_kinds(b) & K_AUX)
		return (i >= 2 && is_word(&toks[i - 2], "THERE")) ? verb + 1 : n;
	if (is_actorish(d, toks, i - 1) || (word_kinds(b) & K_MODAL) || is_word(b, "TO"))
		return n;
	return verb + 1;
}

/* A gerund after a preposition that makes it the content of another act:
 * "accused of attacking", "warned against sending", "the ground for
 * occupying", "refrained from striking", "talks about reopening". The act
 * it names is alleged, feared, planned or avoided, not done. AFTER, BY,
 * BEFORE and WHILE are left out: "after attacking the town" happened; so
 * are acts a word before the preposition asserts ("guilty of violating the
 * ceasefire", "weeks of fighting"). */
static size_t gerund_content(const dy_token *toks, size_t n, size_t verb)
{
	static const char *const prep[] = {
		"OF", "FOR", "ABOUT", "AGAINST", "WITHOUT", "FROM", NULL
	};
	/* words before the preposition that assert the act: "guilty of
	 * violating", "responsible for liberating", "months of fighting" */
	static const char *const done[] = {
		"GUILTY", "RESPONSIBLE", "CONVICTED", "HOURS", "DAYS", "WEEKS", "MONTHS",
		"YEARS", "DECADES", NULL
	};
	if (verb == 0 || verb >= n || !ends_with(&toks[verb], "ING") ||
	    !is_any(&toks[verb - 1], prep))
		return n;
	if (verb >= 2 && is_any(&toks[verb - 2], done))
		return n;
	return verb - 1;
}

/* A verb word that is the subject of a modal predicate: "a Russian attack
 * on NATO territory would trigger ...", "talks between Russia and Ukraine
 * would be difficult". The act is supposed, not done. Past and -ING forms
 * are verbs ("Russia warned Ukraine would pay"); a pronoun, a relative word
 * or a clause mark ends the search ("Russia warns it would retaliate"). WILL
 * is left out: "X says the army will ..." is reported intent. */
static size_t modal_after(const dy_token *toks, size_t n, size_t verb)
{
	if (verb >= n || ends_with(&toks[verb], "ED") || ends_with(&toks[verb], "ING"))
		return n;
	/* "which it fears may ...": a pronoun before makes it a verb */
	if (verb > 0 && (word_kinds(&toks[verb - 1]) & K_SUBJECT))
		return n;
	for (size_t i = verb + 1; i < n && i <= verb + MODAL_AFTER_MAX; i++) {
		const dy_token *t = &toks[i];
		unsigned k = word_kinds(t);
		if ((k & K_SUPPOSE) || (is_word(t, "MAY") && !(t->flags & TOK_CAP)))
			return i;
		/* "talks between Russia and Ukraine would ...": AND joins names */
		if (is_word(t, "AND") && i + 1 < n && (toks[i - 1].flags & TOK_CAP) &&
		    (toks[i + 1].flags & TOK_CAP))
			continue;
		if ((t->flags & TOK_PUNCT) || (k & (K_STOP | K_AUX)))
			return n;
	}
	return n;
}

dy_news_mood news_mood(const dy_dict *d, const dy_token *toks, size_t n,
                       const dy_event *e, size_t verb, size_t *cue)
{
	*cue = n;
	if (verb >= n)
		return NEWS_DONE;
	size_t c = n;
	dy_news_mood m = group_mood(toks, n, verb, &c);
	if (m != NEWS_DONE) {
		if (pattern_spells(d, e, &toks[c]))
			return NEWS_DONE;
		*cue = c;
		return m;
	}
	/* noun: the verb word heads a noun phrase */
	c = noun_use(d, toks, n, verb);
	if (c < n && !pattern_spells(d, e, &toks[c])) {
		*cue = c;
		return NEWS_NOUN;
	}
	/* statements (01x: "Turkey fears the weapons could ...") take a
	 * clause with its own modal; the rule is for acts */
	c = memcmp(e->code, "01", 2) ? modal_after(toks, n, verb) : n;
	if (c < n && !pattern_spells(d, e, &toks[c])) {
		*cue = c;
		return NEWS_MODAL;
	}
	c = gerund_content(toks, n, verb);
	if (c < n && !pattern_spells(d, e, &toks[c])) {
		*cue = c;
		return NEWS_CONTENT;
	}
	/* condition: IF/UNLESS/WHETHER earlier in the verb's comma clause */
	for (size_t i = verb; i > 0;) {
		const dy_token *t = &toks[--i];
		if (is_clause_mark(t))
			break;
		if (is_word(t, "IF") || is_word(t, "UNLESS") || is_word(t, "WHETHER")) {
			if (pattern_spells(d, e, t))
				break;
			*cue = i;
			return NEWS_CONDITIONAL;
		}
	}
	/* question: the first end mark after the verb is '?' */
	for (size_t i = verb + 1; i < n; i++) {
		const dy_token *t = &toks[i];
		if (t->norm_len != 1)
			continue;
		if (t->norm[0] == '?') {
			*cue = i;
			return NEWS_QUESTION;
		}
		/* a question after a colon or semicolon is a clause of its own:
		 * "..., raising the question: what happens next?" */
		if (t->norm[0] == '.' || t->norm[0] == '!' || t->norm[0] == ':' || t->norm[0] == ';')
			break;
	}
	return NEWS_DONE;
}
