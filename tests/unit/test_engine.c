/* SPDX-License-Identifier: MIT */
/* Unit tests of the coding engine's rules, on a tiny dictionary of our own
 * (tests/data/engine/mini.*): agents joined to actors, compounds, subordinate
 * "said" codes with pronouns, passive voice, determiners and capitals making
 * nouns, paired codes, negation patterns, date-restricted actors, discard and
 * complex codes, comma clauses, clauses split at conjunctions, CODE BY. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "engine/engine.h"
#include "text/normalize.h"
#include "text/token.h"

#include "test_data.h"

static dy_dict *dict;
static dy_engine *eng;
static dy_engine_opts opts;
static char got[1024];

static int setup(void **state)
{
	(void)state;
	static const char *files[] = { "mini.actors", "mini.agents", "mini.verbs", "mini.options" };
	dy_diag dg;
	diag_init(&dg, stderr);
	dict = dict_new();
	for (size_t i = 0; i < 4; i++) {
		char p[512];
		test_data_path(p, sizeof p, "engine", files[i]);
		if (dict_load_file(dict, p, DICT_KIND_AUTO, &dg) != 0)
			return -1;
	}
	lemma_init();
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

static int reset_opts(void **state)
{
	(void)state;
	engine_opts_init(&opts);
	engine_opts_from_dict(&opts, &dict->opt);
	return 0;
}

static int ev_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Codes `s` on `date` (YYYYMMDD) with engine `e` into out (cap bytes) as its
 * events sorted "SRC>TGT:CODE" joined by spaces, or "###", "+++", "-". */
static const char *code_with(const dy_engine *e, const char *s, int32_t date, char *out,
                             size_t cap)
{
	dy_arena a;
	arena_init(&a);
	dy_norm nm;
	text_normalize(&a, s, strlen(s), &nm);
	dy_span all = { 0, (uint32_t)nm.len };
	dy_token *toks;
	size_t n = tok_sentence(&a, nm.text, all, &toks);
	dy_coding r;
	engine_code(e, &opts, &a, nm.text, toks, n, date, NULL, NULL, &r);
	out[0] = '\0';
	if (r.status == ENG_DISCARD)
		snprintf(out, cap, "###");
	else if (r.status == ENG_COMPLEX)
		snprintf(out, cap, "+++");
	else if (!r.n_events)
		snprintf(out, cap, "-");
	else {
		char buf[ENG_MAX_EVENTS][3 * ENG_CODE_LEN];
		const char *p[ENG_MAX_EVENTS];
		for (size_t i = 0; i < r.n_events; i++) {
			snprintf(buf[i], sizeof buf[i], "%s>%s:%s", r.events[i].source,
			         r.events[i].target, r.events[i].code);
			p[i] = buf[i];
		}
		qsort(p, r.n_events, sizeof *p, ev_cmp);
		size_t o = 0;
		for (size_t i = 0; i < r.n_events && o < cap; i++)
			o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? " " : "", p[i]);
	}
	arena_free(&a);
	return out;
}

static const char *code(const char *s, int32_t date)
{
	return code_with(eng, s, date, got, sizeof got);
}

static void test_simple_and_agent(void **state)
{
	(void)state;
	assert_string_equal(code("Valdoria applauded Kestria for its patience on Monday evening.", 0),
	                    "VAL>KES:051");
	/* possessive actor + agent: Kestria's premier -> KESGOV (manual 5.4) */
	assert_string_equal(code("Kestria's premier scolded Morvane over the border fence on Tuesday.", 0),
	                     "KESGOV>MOR:111");
	/* agent after the actor, and a prefixed agent before it */
	assert_string_equal(code("Valdorian farmers applauded the watchdog Tiberon for its report today.", 0),
	                    "VALAGR>NGOTIB:051");
	/* an agent already in the actor code is not added again */
	assert_string_equal(code("Paulo Vante premier applauded Tiberon warmly after the long talks.", 0),
	                    "VALGOV>TIB:051");
}

static void test_compounds(void **state)
{
	(void)state;
	/* one event per source-target pair (manual 7.5) */
	assert_string_equal(code("Valdoria and Kestria scolded Morvane and Tiberon in a joint letter.", 0),
	                    "KES>MOR:111 KES>TIB:111 VAL>MOR:111 VAL>TIB:111");
	/* adjectives and determiners inside a compound */
	assert_string_equal(code("Valdoria and the rusty Kestria scolded Morvane in a joint letter.", 0),
	                    "KES>MOR:111 VAL>MOR:111");
	/* a noun compound does not split the clause */
	assert_string_equal(code("Valdoria sold tractors and green barley then scolded Morvane harshly.", 0),
	                    "VAL>MOR:111");
}

static void test_said_and_pronouns(void **state)
{
	(void)state;
	/* SAID is subordinate: the verb after it codes, "he" is the first actor */
	assert_string_equal(code("Valdoria's premier said he applauded Kestria for the new treaty.", 0),
	                    "VALGOV>KES:051");
	/* alone, the subordinate code is used */
	assert_string_equal(code("Valdoria said on Monday that Kestria was a fine neighbour indeed.", 0),
	                    "VAL>KES:010");
}

static void test_passive_and_patterns(void **state)
{
	(void)state;
	/* passive voice swaps source and target (manual 7.9) */
	assert_string_equal(code("Kestria was scolded by Morvane during the summit on Friday.", 0),
	                    "MOR>KES:111");
	/* $ and + in a pattern */
	assert_string_equal(code("Tiberon was charged by Kestria with hoarding grain last week.", 0),
	                    "KES>TIB:172");
	/* negation through a pattern */
	assert_string_equal(code("Valdoria did not applaud Kestria at the ceremony on Sunday.", 0),
	                    "VAL>KES:111");
	/* longer pattern first */
	assert_string_equal(code("Morvane scolded Tiberon for lying about the harvest figures.", 0),
	                    "MOR>TIB:112");
	/* null root codes only through its patterns */
	assert_string_equal(code("Kestria launched new strikes against Morvane in the night.", 0),
	                    "KES>MOR:195");
	assert_string_equal(code("Kestria launched a new appeal to Morvane in the night.", 0), "-");
}

static void test_nouns(void **state)
{
	(void)state;
	/* a determiner makes the verb a noun (manual 7.4) */
	assert_string_equal(code("Valdoria is about the visit of Kestria to the northern provinces.", 0), "-");
	/* so does a capital in mid-sentence */
	assert_string_equal(code("Valdoria praised the Visit Kestria made to the northern provinces.", 0), "-");
	/* lower case it is a verb: paired codes give both directions (6.6.3) */
	assert_string_equal(code("Valdoria will visit Kestria next month for trade talks.", 0),
	                    "KES>VAL:043 VAL>KES:042");
}

static void test_dates_and_specials(void **state)
{
	(void)state;
	assert_string_equal(code("Ostmark applauded Kestria for the new rail link on Monday.", 20050101),
	                    "OST>KES:051");
	assert_string_equal(code("Ostmark applauded Kestria for the new rail link on Monday.", 20150101),
	                    "OSX>KES:051");
	/* a discard actor discards the sentence; a complex one makes it complex */
	assert_string_equal(code("Valdoria applauded Kestria after the quarrelball final on Monday.", 0), "###");
	assert_string_equal(code("Valdoria applauded Fenwick after the long final on Monday night.", 0), "+++");
	/* a null-coded actor is no actor */
	assert_string_equal(code("Blixen applauded Kestria after the long final on Monday night.", 0), "+++");
}

static void test_commas_and_clauses(void **state)
{
	(void)state;
	/* the comma clause goes: the target is the actor after it */
	assert_string_equal(code("Valdoria, angry at the Kestrian border guards, scolded Morvane today "
	                         "for the fourth time since the start of the year.", 0),
	                    "VAL>MOR:111");
	/* a short last clause goes too (3..10 words): so does its actor */
	assert_string_equal(code("Valdoria scolded the fence builders, a Kestrian official said on Monday.", 0),
	                    "-");
	assert_string_equal(code("Valdoria scolded the fence builders. a Kestrian official said on Monday.", 0),
	                    "VAL>KES:111");
	/* two clauses: the source carries over to the second */
	assert_string_equal(code("Valdoria scolded Morvane on Monday and applauded Tiberon on Tuesday.", 0),
	                    "VAL>MOR:111 VAL>TIB:051");
	/* ", and" with a subject and verb of its own opens a clause: it is neither
	 * dropped as a short comma phrase nor joined to the object before it */
	assert_string_equal(code("Valdoria scolded the fence builders, and Kestria applauded Tiberon.", 0),
	                    "KES>TIB:051");
	assert_string_equal(code("Valdoria scolded Morvane, and Kestria applauded Tiberon.", 0),
	                    "KES>TIB:051 VAL>MOR:111");
	/* two nouns of one subject joined by "and" share the country before them */
	assert_string_equal(code("Valdorian farmers and army scolded Morvane over the fence.", 0),
	                    "VALAGR>MOR:111 VALMIL>MOR:111");
	opts.code_by = 1;   /* SET: CODE BY SENTENCE */
	assert_string_equal(code("Valdoria scolded Morvane on Monday and applauded Tiberon on Tuesday.", 0),
	                    "VAL>MOR:111");
	reset_opts(NULL);
}

static void test_options_lines(void **state)
{
	(void)state;
	dy_engine_opts o;
	engine_opts_init(&o);
	assert_int_equal(engine_opts_line(&o, "SET: CODE ALL"), 0);
	assert_int_equal(o.code_by, 2);
	assert_int_equal(engine_opts_line(&o, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR"), 0);
	assert_int_equal(o.cx_verbs, 5);
	assert_int_equal(o.cx_conj, 4);
	assert_int_equal(o.cx_noactprior, 1);
	assert_int_equal(engine_opts_line(&o, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]"), 0);
	assert_string_equal(o.default_source, "DEFSRC");
	assert_int_equal(o.default_prior, 1);
	assert_int_equal(o.default_after, 0);
	assert_int_equal(engine_opts_line(&o, "COMMA: MIN = 4 MAX = 6 EMIN = 3"), 0);
	assert_int_equal(o.comma_min, 4);
	assert_int_equal(o.comma_max, 6);
	assert_int_equal(o.comma_emin, 3);
	assert_int_equal(engine_opts_line(&o, "FROBNICATE: 3"), -1);
	assert_int_equal(engine_date_add(20150130, 3), 20150202);
	assert_int_equal(engine_date_add(20150101, -1), 20141231);
}

static void test_pathological(void **state)
{
	(void)state;
	/* 3000 "and"s between actors: bounded work, no crash */
	size_t n = 3000 * 4 + 64;
	char *s = malloc(n);
	strcpy(s, "Valdoria");
	for (int i = 0; i < 3000; i++)
		strcat(s, " and");
	strcat(s, " Kestria scolded Morvane.");
	const char *r = code(s, 0);
	assert_non_null(r);
	free(s);
	/* a long run of verbs and actors: bounded pattern work, events capped */
	char *v = malloc(40000);
	v[0] = '\0';
	for (int i = 0; i < 900; i++)
		strcat(v, "Valdoria scolded Morvane for lying and ");
	strcat(v, "stopped.");
	assert_non_null(code(v, 0));
	free(v);
	/* hyphens split a token into many words: the word buffer must hold */
	char *h = malloc(6000);
	strcpy(h, "Valdoria scolded Morvane ");
	for (int i = 0; i < 1500; i++)
		strcat(h, "a-");
	strcat(h, "b today.");
	assert_string_equal(code(h, 0), "VAL>MOR:111");
	free(h);
	assert_string_equal(code("", 0), "-");
	assert_string_equal(code(",,,, ;;; ...", 0), "-");
}

/* The engine packs dictionary heads and verbs the first time a sentence
 * needs them and caches words' entries per thread: none of that may change
 * a result, whichever thread packs first and however often a word comes. */
static const char *const shared_cases[][2] = {
	{ "Valdoria applauded Kestria for its patience on Monday evening.", "VAL>KES:051" },
	{ "Kestria's premier scolded Morvane over the border fence on Tuesday.", "KESGOV>MOR:111" },
	{ "Valdorian farmers applauded the watchdog Tiberon for its report today.", "VALAGR>NGOTIB:051" },
	{ "Valdoria and Kestria scolded Morvane and Tiberon in a joint letter.",
	  "KES>MOR:111 KES>TIB:111 VAL>MOR:111 VAL>TIB:111" },
	{ "Valdoria scolded Morvane ", "VAL>MOR:111" },
};

typedef struct shared_job {
	const dy_engine *e;
	int              bad;
} shared_job;

static void *shared_run(void *arg)
{
	shared_job *j = arg;
	char out[1024];
	for (int round = 0; round < 50; round++)
		for (size_t i = 0; i < sizeof shared_cases / sizeof shared_cases[0]; i++)
			if (strcmp(code_with(j->e, shared_cases[i][0], 0, out, sizeof out),
			           shared_cases[i][1]) != 0)
				j->bad++;
	return NULL;
}

static void test_shared_engine(void **state)
{
	(void)state;
	/* a fresh engine (nothing packed yet) shared by two threads */
	dy_engine *e = engine_new(dict);
	shared_job jobs[2] = { { e, 0 }, { e, 0 } };
	pthread_t th;
	int started = pthread_create(&th, NULL, shared_run, &jobs[1]) == 0;
	shared_run(&jobs[0]);
	if (started)
		pthread_join(th, NULL);
	assert_int_equal(jobs[0].bad, 0);
	assert_int_equal(jobs[1].bad, 0);
	engine_free(e);
}

static void test_engine_of_other_dict(void **state)
{
	(void)state;
	char out[1024];
	/* warm this thread's word cache with the mini dictionary's VALDORIA */
	assert_string_equal(code("Valdoria applauded Kestria for its patience on Monday evening.", 0),
	                    "VAL>KES:051");
	/* another dictionary whose VALDORIA codes otherwise: an engine made for
	 * it (perhaps where a freed one was) takes nothing from that cache */
	static const char actors[] = "VALDORIA [ZZV]\nKESTRIA [ZZK]\n";
	static const char verbs[] = "APPLAUD [051]\n";
	dy_diag dg;
	diag_init(&dg, stderr);
	for (int k = 0; k < 2; k++) {
		dy_dict *d2 = dict_new();
		assert_int_equal(dict_load_mem(d2, "other.actors", actors, sizeof actors - 1,
		                               DICT_KIND_ACTORS, &dg), 0);
		assert_int_equal(dict_load_mem(d2, "other.verbs", verbs, sizeof verbs - 1,
		                               DICT_KIND_VERBS, &dg), 0);
		dy_engine *e2 = engine_new(d2);
		assert_string_equal(code_with(e2, "Valdoria applauded Kestria for its patience.", 0,
		                              out, sizeof out), "ZZV>ZZK:051");
		engine_free(e2);
		dict_free(d2);
	}
	assert_string_equal(code("Valdoria applauded Kestria for its patience on Monday evening.", 0),
	                    "VAL>KES:051");
}

/* The engine reads words a few bytes at a time (the word cache's key, the
 * hyphen test): with every word in a buffer of its own exact size, ASan
 * sees any read past one. Words of 1 to 40 bytes, with and without hyphens,
 * around an event that must still be coded. */
static void test_word_bytes(void **state)
{
	(void)state;
	enum { NW = 3 + 2 * 40 };
	dy_token toks[NW];
	char *bufs[NW];
	char text[8192];
	size_t off = 0, n = 0;
	const char *lead[3] = { "VALDORIA", "SCOLDED", "MORVANE" };
	for (size_t i = 0; i < NW; i++) {
		char w[64];
		if (i < 3)
			snprintf(w, sizeof w, "%s", lead[i]);
		else {
			size_t len = (i - 3) / 2 + 1, k;
			for (k = 0; k < len; k++)
				w[k] = (i % 2 && k % 3 == 2) ? '-' : (char)('Z' - (k % 3));
			w[k] = '\0';
		}
		size_t len = strlen(w);
		bufs[i] = malloc(len + 1);
		memcpy(bufs[i], w, len + 1);
		memcpy(text + off, w, len);
		toks[n] = (dy_token){ .off = (uint32_t)off, .len = (uint32_t)len, .flags = TOK_WORD,
		                      .norm_len = (uint32_t)len, .lemma_len = (uint32_t)len,
		                      .norm = bufs[i], .lemma = bufs[i] };
		n++;
		off += len;
		text[off++] = ' ';
	}
	text[off] = '\0';
	dy_arena a;
	arena_init(&a);
	dy_coding r;
	for (int round = 0; round < 2; round++) {   /* the second from the word cache */
		engine_code(eng, &opts, &a, text, toks, n, 0, NULL, NULL, &r);
		assert_int_equal(r.status, ENG_CODED);
		assert_int_equal(r.n_events, 1);
		assert_string_equal(r.events[0].source, "VAL");
		assert_string_equal(r.events[0].target, "MOR");
		assert_string_equal(r.events[0].code, "111");
		assert_int_equal(r.events[0].verb_tok, 1);
	}
	arena_free(&a);
	for (size_t i = 0; i < NW; i++)
		free(bufs[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_simple_and_agent, reset_opts),
		cmocka_unit_test_setup(test_compounds, reset_opts),
		cmocka_unit_test_setup(test_said_and_pronouns, reset_opts),
		cmocka_unit_test_setup(test_passive_and_patterns, reset_opts),
		cmocka_unit_test_setup(test_nouns, reset_opts),
		cmocka_unit_test_setup(test_dates_and_specials, reset_opts),
		cmocka_unit_test_setup(test_commas_and_clauses, reset_opts),
		cmocka_unit_test_setup(test_options_lines, reset_opts),
		cmocka_unit_test_setup(test_pathological, reset_opts),
		cmocka_unit_test_setup(test_shared_engine, reset_opts),
		cmocka_unit_test_setup(test_engine_of_other_dict, reset_opts),
		cmocka_unit_test_setup(test_word_bytes, reset_opts),
	};
	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
