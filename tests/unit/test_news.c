/* SPDX-License-Identifier: MIT */
/* Unit tests of the news rules (engine/news.h): negated, conditional,
 * questioned and modal verbs found from the real tokenizer's tokens; and, with
 * the built-in dictionaries and the real engine, events dropped or kept and
 * lone agents given a country (or written bare) by news_apply(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dict/dict.h"
#include "engine/engine.h"
#include "engine/news.h"
#include "text/normalize.h"
#include "text/token.h"
#include "util/arena.h"

static dy_dict *dict;
static dy_engine *eng;
static dy_engine_opts opts;

static int setup(void **state)
{
	(void)state;
	dy_diag dg;
	diag_init(&dg, stderr);
	dict = dict_new();
	if (dict_load_builtin(dict, &dg) != 0)
		return -1;
	lemma_init();
	engine_opts_init(&opts);
	engine_opts_from_dict(&opts, &dict->opt);
	eng = engine_new(dict);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	engine_free(eng);
	dict_free(dict);
	return 0;
}

typedef struct sent {
	dy_arena  a;
	dy_norm   nm;
	dy_token *toks;
	size_t    n;
} sent;

static void sent_open(sent *s, const char *text)
{
	arena_init(&s->a);
	text_normalize(&s->a, text, strlen(text), &s->nm);
	dy_span all = { 0, (uint32_t)s->nm.len };
	s->n = tok_sentence(&s->a, s->nm.text, all, &s->toks);
}

/* The mood of the first token whose norm is `verb`, with no pattern (d NULL). */
static dy_news_mood mood_of(const char *text, const char *verb, char *cue, size_t cap)
{
	sent s;
	sent_open(&s, text);
	size_t v = s.n;
	for (size_t i = 0; i < s.n && v == s.n; i++)
		if (!strcmp(s.toks[i].norm, verb))
			v = i;
	assert_true(v < s.n);
	dy_event e;
	memset(&e, 0, sizeof e);
	e.pattern = DY_NONE;
	e.verb_entry = DY_NONE;
	size_t c;
	dy_news_mood m = news_mood(NULL, s.toks, s.n, &e, v, &c);
	snprintf(cue, cap, "%s", c < s.n ? s.toks[c].norm : "");
	arena_free(&s.a);
	return m;
}

static void test_negation(void **state)
{
	(void)state;
	char cue[32];
	assert_int_equal(mood_of("Germany has not yet sent troops to Ukraine.", "SENT", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "NOT");
	/* the tokenizer keeps the contraction whole */
	assert_int_equal(mood_of("Germany didn't send tanks.", "SEND", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "DIDN'T");
	assert_int_equal(mood_of("Macron won't attend the summit.", "ATTEND", cue, sizeof cue), NEWS_NEGATED);
	assert_int_equal(mood_of("The two leaders have never formally met.", "MET", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "NEVER");
	assert_int_equal(mood_of("The US would no longer supply arms to the Kurds.", "SUPPLY", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "NO");
	assert_int_equal(mood_of("Israel refused to release the prisoners.", "RELEASE", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "REFUSED");
	assert_int_equal(mood_of("Russia failed to capture Kyiv.", "CAPTURE", cue, sizeof cue), NEWS_NEGATED);
	/* the refusal as a noun */
	assert_int_equal(mood_of("Its hard-nosed refusal to support the uprisings cost it dearly.", "SUPPORT", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "REFUSAL");
	assert_int_equal(mood_of("Ankara's failure to meet its commitments angered Moscow.", "MEET", cue, sizeof cue), NEWS_NEGATED);
	assert_int_equal(mood_of("Russia agreed not to attack Ukraine.", "ATTACK", cue, sizeof cue), NEWS_NEGATED);
	assert_int_equal(mood_of("Iran neither confirmed nor denied the report.", "DENIED", cue, sizeof cue), NEWS_NEGATED);
	assert_string_equal(cue, "NOR");
	/* affirmative: no cue in the verb group */
	assert_int_equal(mood_of("Russia not only attacked Kyiv but also shelled Kharkiv.", "ATTACKED", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Germany sent troops to Lithuania.", "SENT", cue, sizeof cue), NEWS_DONE);
	/* a negation before another verb is not this verb's */
	assert_int_equal(mood_of("Iran did not deny that it sent drones to Russia.", "SENT", cue, sizeof cue), NEWS_DONE);
	/* a name ending in -LY is no adverb: the scan stops there */
	assert_int_equal(mood_of("Not even Italy sent aid.", "SENT", cue, sizeof cue), NEWS_DONE);
}

static void test_condition_question_modal(void **state)
{
	(void)state;
	char cue[32];
	assert_int_equal(mood_of("If Iran attacks Israel, the United States will respond.", "ATTACKS", cue, sizeof cue), NEWS_CONDITIONAL);
	assert_string_equal(cue, "IF");
	/* the main clause after the comma is not conditional; will is intent */
	assert_int_equal(mood_of("If Iran attacks Israel, the United States will respond.", "RESPOND", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Israel will respond if Iran attacks.", "ATTACKS", cue, sizeof cue), NEWS_CONDITIONAL);
	assert_int_equal(mood_of("Israel will respond if Iran attacks.", "RESPOND", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Aid will stop unless Russia reopens the port.", "REOPENS", cue, sizeof cue), NEWS_CONDITIONAL);
	assert_int_equal(mood_of("It is unclear whether Putin will attend the summit.", "ATTEND", cue, sizeof cue), NEWS_CONDITIONAL);
	assert_int_equal(mood_of("Will China invade Taiwan?", "INVADE", cue, sizeof cue), NEWS_QUESTION);
	assert_string_equal(cue, "?");
	/* the question after the colon is a clause of its own */
	assert_int_equal(mood_of("Begum asked to come home, raising the question: what happens next?", "ASKED", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Israel could strike Iranian nuclear sites within weeks.", "STRIKE", cue, sizeof cue), NEWS_MODAL);
	assert_string_equal(cue, "COULD");
	assert_int_equal(mood_of("Russia may have violated the treaty.", "VIOLATED", cue, sizeof cue), NEWS_MODAL);
	assert_int_equal(mood_of("Britain should recognise a Palestinian state.", "RECOGNISE", cue, sizeof cue), NEWS_MODAL);
	/* "May" the name is no modal */
	assert_int_equal(mood_of("Prime Minister Theresa May met Macron in Paris.", "MET", cue, sizeof cue), NEWS_DONE);
	/* others' forecast */
	assert_int_equal(mood_of("Bolton is expected to hold talks with Turkish officials.", "HOLD", cue, sizeof cue), NEWS_MODAL);
	assert_string_equal(cue, "EXPECTED");
	assert_int_equal(mood_of("Assad is unlikely to want Iranian bases.", "WANT", cue, sizeof cue), NEWS_MODAL);
	assert_int_equal(mood_of("Macron is scheduled to visit India.", "VISIT", cue, sizeof cue), NEWS_DONE);
	/* a noun subject of a modal predicate: supposed, not done */
	assert_int_equal(mood_of("A Russian attack on NATO territory would trigger a collective response.", "ATTACK", cue, sizeof cue), NEWS_MODAL);
	assert_string_equal(cue, "WOULD");
	assert_int_equal(mood_of("Analysts said talks between Russia and Ukraine would be difficult.", "TALKS", cue, sizeof cue), NEWS_MODAL);
	assert_int_equal(mood_of("Russia warned Ukraine would pay a price.", "WARNED", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Turkey fears it could lose influence.", "FEARS", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Russia attacks Kyiv, which could prolong the war.", "ATTACKS", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Germany will send troops to Lithuania.", "SEND", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Germany would send troops to Lithuania.", "SEND", cue, sizeof cue), NEWS_DONE);
}

/* Codes `text` with the engine and the news rules; writes the surviving events
 * as "SRC TGT CODE;..." into out. trace (may be NULL) gets the rules' lines. */
static void code_news(const char *text, dy_news_carry *carry, char *out, size_t cap, dy_buf *trace)
{
	sent s;
	sent_open(&s, text);
	dy_coding c;
	engine_code(eng, &opts, &s.a, s.nm.text, s.toks, s.n, 20240601, NULL, NULL, &c);
	size_t k = news_apply(dict, s.toks, s.n, 20240601, c.events, c.n_events, carry, trace);
	out[0] = 0;
	size_t at = 0;
	for (size_t i = 0; i < k && at < cap; i++)
		at += (size_t)snprintf(out + at, cap - at, "%s%s %s %s", i ? ";" : "",
		                       c.events[i].source, c.events[i].target, c.events[i].code);
	arena_free(&s.a);
}

static void test_apply_moods(void **state)
{
	(void)state;
	char got[256];
	dy_buf tr = DY_BUF_INIT;
	code_news("Germany has not sent Taurus cruise missiles to Ukraine.", NULL, got, sizeof got, &tr);
	assert_string_equal(got, "");
	assert_non_null(strstr(tr.p, "negated by 'NOT'"));
	/* the pattern "- WILL_NOT_* [125]" codes the refusal: kept */
	code_news("Iran will not meet Israeli officials.", NULL, got, sizeof got, NULL);
	assert_non_null(strstr(got, " 125"));
	code_news("Germany sent troops to Lithuania.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "DEU LTU 154");
	buf_free(&tr);
}

static void test_lone_agents(void **state)
{
	(void)state;
	char got[256];
	code_news("Russian police detained more than 1,300 anti-war protesters on Wednesday.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "RUSCOP RUSOPP 173");
	code_news("Police arrested dozens of protesters in Dakar.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "SENCOP SENOPP 173");
	/* no country anywhere: the agent alone, never the tilde */
	code_news("Police arrested protesters.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "COP OPP 173");
	/* the document's last country carries to the next sentence */
	dy_news_carry carry;
	memset(&carry, 0, sizeof carry);
	code_news("Police arrested dozens of protesters in Dakar.", &carry, got, sizeof got, NULL);
	assert_string_equal(carry.country, "SEN");
	code_news("Police arrested protesters.", &carry, got, sizeof got, NULL);
	assert_string_equal(got, "SENCOP SENOPP 173");
	char cc[4];
	assert_true(news_country_of("PSEREB", cc));
	assert_string_equal(cc, "PSE");
	assert_false(news_country_of("IGOUNO", cc));
	assert_false(news_country_of("~COP", cc));
	assert_false(news_country_of("COP", cc));
	/* the table's first and last codes, and countries beside them */
	assert_false(news_country_of("AFR", cc));
	assert_false(news_country_of("WSTMIL", cc));
	assert_false(news_country_of("WSB", cc));
	assert_true(news_country_of("AFG", cc));
	assert_string_equal(cc, "AFG");
	assert_true(news_country_of("WSM", cc));
	assert_true(news_country_of("USAGOV", cc));
	assert_string_equal(cc, "USA");
	assert_false(news_country_of("us", cc));
	assert_false(news_country_of("U", cc));
}

static void test_equipment_self(void **state)
{
	(void)state;
	char got[256];
	dy_buf tr = DY_BUF_INIT;
	code_news("Iran denied on Tuesday that it had supplied drones to Russia for use in Ukraine.", NULL, got, sizeof got, &tr);
	assert_null(strstr(got, "~"));
	assert_null(strstr(got, "IRN MIL"));
	assert_non_null(strstr(tr.p, "equipment"));
	buf_free(&tr);
	/* a people agent that only looks like a weapon word stays */
	code_news("Police arrested suicide bombers in Dakar.", NULL, got, sizeof got, NULL);
	assert_non_null(strstr(got, "SENCOP"));
}

/* The token index of the first token whose norm is w. */
static size_t tok_at(const sent *s, const char *w)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->toks[i].norm, w))
			return i;
	return s->n;
}

static void test_place_source(void **state)
{
	(void)state;
	sent s;
	sent_open(&s, "While the Kurdish administration in Syria has charged him, Letts denied it.");
	assert_int_equal(news_place_actor(s.toks, s.n, tok_at(&s, "SYRIA")), tok_at(&s, "IN"));
	assert_int_equal(news_place_actor(s.toks, s.n, tok_at(&s, "KURDISH")), s.n);
	arena_free(&s.a);
	sent_open(&s, "Shelling near the Syrian town of Azaz killed three.");
	assert_int_equal(news_place_actor(s.toks, s.n, tok_at(&s, "AZAZ")), tok_at(&s, "NEAR"));
	arena_free(&s.a);
	/* a name opens no place phrase without THE: Putin is the actor */
	sent_open(&s, "In Moscow Putin met Erdogan.");
	assert_int_equal(news_place_actor(s.toks, s.n, tok_at(&s, "PUTIN")), s.n);
	arena_free(&s.a);

	char got[256];
	dy_buf tr = DY_BUF_INIT;
	code_news("While the Kurdish administration in Syria has charged him with being a member of Isis, Letts has repeatedly denied the charges.",
	          NULL, got, sizeof got, &tr);
	assert_null(strstr(got, "SYR KURGOV"));
	assert_non_null(strstr(tr.p, "the source is a place ('IN SYRIA')"));
	buf_free(&tr);
	/* the place as target stays: CAMEO's convention */
	code_news("Russian warplanes bombed rebel positions in Syria.", NULL, got, sizeof got, NULL);
	assert_non_null(strstr(got, "RUS"));
	/* violence by an unnamed doer told by a noun the place modifies: CAMEO
	 * codes the place's country as the source */
	code_news("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.", NULL, got, sizeof got, NULL);
	assert_non_null(strstr(got, "IRQ USAMIL"));
	/* a past verb there is not: "fought in Afghanistan" */
	code_news("The parachutist had previously fought in Afghanistan and the Middle East.", NULL, got, sizeof got, NULL);
	assert_null(strstr(got, "AFG"));
	/* people of a place are actors: the agent joins the place */
	code_news("Officials in Damascus accused Turkey of aggression.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "SYRGOV TUR 1123");
}

static void test_noun_of(void **state)
{
	(void)state;
	char cue[32];
	assert_int_equal(mood_of("There is now talk of Russian military aircraft being able to use Egyptian bases.", "TALK", cue, sizeof cue), NEWS_NOUN);
	assert_string_equal(cue, "OF");
	assert_int_equal(mood_of("Fears of a new insurgency grow in Iraq.", "FEARS", cue, sizeof cue), NEWS_NOUN);
	assert_int_equal(mood_of("Thousands rallied in support of the strikers.", "SUPPORT", cue, sizeof cue), NEWS_NOUN);
	/* a subject, an auxiliary or a possessor makes it a verb or a reported act */
	assert_int_equal(mood_of("On Monday Iran warns of retaliation.", "WARNS", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("They talk of peace.", "TALK", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Ministers will talk of reform.", "TALK", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Russia's veto of the resolution angered France.", "VETO", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("He welcomed their support of the plan.", "SUPPORT", cue, sizeof cue), NEWS_DONE);
	/* past forms before OF are verbs: "accused of", "warned of" */
	assert_int_equal(mood_of("Washington warned of sanctions.", "WARNED", cue, sizeof cue), NEWS_DONE);

	char got[256];
	dy_buf tr = DY_BUF_INIT;
	code_news("There is now talk of Russian military aircraft being able to use Egyptian bases.", NULL, got, sizeof got, &tr);
	assert_null(strstr(got, " 040"));
	assert_non_null(strstr(tr.p, "a noun by 'OF'"));
	buf_free(&tr);
}

static void test_gerund_content(void **state)
{
	(void)state;
	char cue[32];
	assert_int_equal(mood_of("The Turkish army wants to lay the ground for occupying the city.", "OCCUPYING", cue, sizeof cue), NEWS_CONTENT);
	assert_string_equal(cue, "FOR");
	assert_int_equal(mood_of("They accuse the YPG of cooperating with the Assad regime.", "COOPERATING", cue, sizeof cue), NEWS_CONTENT);
	assert_int_equal(mood_of("Only the US presence has prevented Erdogan from destroying the project.", "DESTROYING", cue, sizeof cue), NEWS_CONTENT);
	/* acts that happened */
	assert_int_equal(mood_of("After attacking the town, the rebels withdrew.", "ATTACKING", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Both sides are guilty of violating the ceasefire.", "VIOLATING", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Resistance collapsed after weeks of fighting.", "FIGHTING", cue, sizeof cue), NEWS_DONE);
	assert_int_equal(mood_of("Russian jets are bombing Idlib.", "BOMBING", cue, sizeof cue), NEWS_DONE);
}

static void test_speaker_source(void **state)
{
	(void)state;
	char got[256];
	dy_buf tr = DY_BUF_INIT;
	/* the reported clause has its own subject: not the speaker's act */
	code_news("Iran said Israel attacked its embassy.", NULL, got, sizeof got, &tr);
	assert_null(strstr(got, "IRN"));
	assert_non_null(strstr(tr.p, "the speaker ('SAID')"));
	buf_free(&tr);
	code_news("On Wednesday, Saudi Arabia said Houthi rebels fired a salvo of ballistic missiles at Riyadh.", NULL, got, sizeof got, NULL);
	assert_null(strstr(got, "SAU YEMREB"));
	code_news("The UN said Russia rejected five names that the envoy wanted to add to the list.", NULL, got, sizeof got, NULL);
	assert_null(strstr(got, "IGOUNO"));
	/* TOLD: the clause starts after the addressee */
	code_news("Other refugees told me how armed groups would conduct raids on homes.", NULL, got, sizeof got, NULL);
	assert_null(strstr(got, "REF"));
	/* the speaker again (a pronoun), or the speaker's own country */
	code_news("Russia said it attacked Kyiv.", NULL, got, sizeof got, NULL);
	assert_string_equal(got, "RUS UKR 190");
	code_news("Russia said on Friday that Russia attacked Kyiv.", NULL, got, sizeof got, NULL);
	assert_non_null(strstr(got, "RUS UKR 190"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_condition_question_modal),
		cmocka_unit_test(test_apply_moods),
		cmocka_unit_test(test_lone_agents),
		cmocka_unit_test(test_equipment_self),
		cmocka_unit_test(test_place_source),
		cmocka_unit_test(test_noun_of),
		cmocka_unit_test(test_gerund_content),
		cmocka_unit_test(test_speaker_source),
	};
	return cmocka_run_group_tests_name("news", tests, setup, teardown);
}
