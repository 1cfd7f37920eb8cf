/* SPDX-License-Identifier: MIT */
/* Tests of the TABARI reader's fast paths (src/dict/tabari.c, index.c): words
 * read eight bytes at a time next to words with digits, apostrophes and
 * multibyte letters; code blocks of the common actor shapes next to the ones
 * the general reader takes; blocks met again on later lines; verb patterns
 * ordered longest first; and the lookup lists after several loads. Each case
 * states what the model must hold, as the general reader defines it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "util/diag.h"

#include "dict_testing.h"

static void load(dy_dict *d, const char *name, const char *text, dy_dict_kind k, cap *c)
{
	assert_int_equal(dict_load_mem(d, name, text, strlen(text), k, &c->dg), 0);
}

static const dy_code *code0(const dy_dict *d, const dy_entry *e)
{
	assert_non_null(e);
	assert_true(e->n_codes >= 1);
	return &d->codes[e->code];
}

/* ---- words ------------------------------------------------------------------- */

static void test_words(void **state)
{
	(void)state;
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	load(d, "w.actors",
	     "Abdul_Rahman_Al-Qahtani_ [SAU]\n"      /* letters past eight, mixed case */
	     "internationalcommittee_ [NGO]\n"       /* 22 letters: three eight-byte steps */
	     "O'NEILL_ [IRL]\n"                      /* a byte that is no letter inside */
	     "a1b2c3d4e5_ [X]\n"                     /* digits between letters */
	     "caf\xc3\xa9_noir_ [FRA]\n"             /* a multibyte letter, upper-cased */
	     "\xc4\xb1stanbul_ [TUR]\n"              /* dotless i: upper case is ASCII I */
	     "istanbul ville_ [TUR]\n",
	     DICT_KIND_ACTORS, &c);
	assert_string_equal(cap_text(&c), "");
	const dy_entry *e = find(d, DY_ENT_ACTOR, "ABDUL_RAHMAN_AL_QAHTANI_");
	assert_non_null(e);
	assert_int_equal(e->ph.n, 4);
	assert_int_equal(e->ph.chars, 20);
	assert_int_equal(d->elems[e->ph.first + 3].len, 7);
	e = find(d, DY_ENT_ACTOR, "INTERNATIONALCOMMITTEE_");
	assert_non_null(e);
	assert_int_equal(e->ph.chars, 22);
	e = find(d, DY_ENT_ACTOR, "O'NEILL_");
	assert_non_null(e);
	assert_int_equal(e->ph.n, 1);
	assert_int_equal(e->ph.chars, 6);            /* the apostrophe does not count */
	e = find(d, DY_ENT_ACTOR, "A1B2C3D4E5_");
	assert_non_null(e);
	assert_int_equal(e->ph.chars, 10);
	e = find(d, DY_ENT_ACTOR, "CAF\xc3\x89_NOIR_");
	assert_non_null(e);
	assert_int_equal(e->ph.chars, 9);            /* both bytes of the letter count */
	e = find(d, DY_ENT_ACTOR, "ISTANBUL_");
	assert_non_null(e);
	assert_int_equal(d->elems[e->ph.first].len, 8);
	/* Equal words are one interned string, however they were read (through
	 * utf8proc above, eight letters at a time here). */
	const dy_entry *f = find(d, DY_ENT_ACTOR, "ISTANBUL VILLE_");
	assert_non_null(f);
	assert_ptr_equal(d->elems[e->ph.first].text, d->elems[f->ph.first].text);
	dict_free(d);
	cap_close(&c);
}

static void test_word_limit(void **state)
{
	(void)state;
	char line[600];
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	/* 255 letters are a word; 256 are reported, and the line skipped */
	memset(line, 'A', 255);
	snprintf(line + 255, sizeof line - 255, "_ [X]\n");
	load(d, "a.actors", line, DICT_KIND_ACTORS, &c);
	assert_int_equal(d->n_entries, 1);
	assert_int_equal(d->elems[d->entries[0].ph.first].len, 255);
	memset(line, 'B', 256);
	snprintf(line + 256, sizeof line - 256, "_ [X]\n");
	load(d, "b.actors", line, DICT_KIND_ACTORS, &c);
	assert_int_equal(d->n_entries, 1);
	assert_non_null(strstr(cap_text(&c), "b.actors:1: word longer than 255 bytes"));
	dict_free(d);
	cap_close(&c);
}

/* ---- code blocks ----------------------------------------------------------- */

static void test_blocks(void **state)
{
	(void)state;
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	load(d, "c.actors",
	     "ONE_ [USA 270101-730717]\n"     /* pivot puts 27 after 73: 1927 */
	     "TWO_ [USA 040231-050331]\n"     /* day 31 of February 2004: the 29th */
	     "THREE_ [GBR 010231-020228]\n"   /* not a leap year */
	     "FOUR_ [USA <070101]\n"
	     "FIVE_ [USA>070101]\n"           /* restriction glued to the code */
	     "SIX_ [usa]\n"                   /* lower case: the general reader */
	     "SEVEN_ [USA/GBR]\n"             /* a compound: the general reader */
	     "EIGHT_ [  IGOUNO   >070201 ]\n"
	     "NINE_ [123456]\n"               /* a date without its code */
	     "TEN_ [123456]\n"                /* the same bad block again */
	     "ELEVEN_ [USA 450101-400101]\n", /* ends before it starts */
	     DICT_KIND_ACTORS, &c);
	const dy_code *k = code0(d, find(d, DY_ENT_ACTOR, "ONE_"));
	assert_string_equal(k->code, "USA");
	assert_int_equal(k->from, 19270101);
	assert_int_equal(k->to, 19730717);
	assert_true(k->flags & DY_CODE_DATED);
	k = code0(d, find(d, DY_ENT_ACTOR, "TWO_"));
	assert_int_equal(k->from, 20040229);
	assert_int_equal(k->to, 20050331);
	k = code0(d, find(d, DY_ENT_ACTOR, "THREE_"));
	assert_int_equal(k->from, 20010228);
	assert_int_equal(k->to, 20020228);
	k = code0(d, find(d, DY_ENT_ACTOR, "FOUR_"));
	assert_int_equal(k->from, DY_DATE_MIN);
	assert_int_equal(k->to, 20070101);
	k = code0(d, find(d, DY_ENT_ACTOR, "FIVE_"));
	assert_int_equal(k->from, 20070101);
	assert_int_equal(k->to, DY_DATE_MAX);
	assert_ptr_equal(k->code, code0(d, find(d, DY_ENT_ACTOR, "SIX_"))->code);
	assert_false(code0(d, find(d, DY_ENT_ACTOR, "SIX_"))->flags & DY_CODE_DATED);
	k = code0(d, find(d, DY_ENT_ACTOR, "SEVEN_"));
	assert_string_equal(k->code, "USA/GBR");
	assert_true(k->flags & DY_CODE_COMPOUND);
	k = code0(d, find(d, DY_ENT_ACTOR, "EIGHT_"));
	assert_string_equal(k->code, "IGOUNO");
	assert_int_equal(k->from, 20070201);
	/* A bad block is reported on every line it is on. */
	const char *t = cap_text(&c);
	assert_non_null(strstr(t, "c.actors:9: code missing before date '123456'"));
	assert_non_null(strstr(t, "c.actors:10: code missing before date '123456'"));
	assert_non_null(strstr(t, "c.actors:11: warning: date range '450101-400101' ends before it starts"));
	assert_null(find(d, DY_ENT_ACTOR, "NINE_"));
	assert_null(find(d, DY_ENT_ACTOR, "ELEVEN_"));
	dict_free(d);
	cap_close(&c);
}

static void test_blocks_again(void **state)
{
	(void)state;
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	/* The same block text means the same code, as an agent, a verb code or
	 * an actor code, each in its own context. */
	load(d, "p.agents", "POLICE_ [~COP]\nPOLICEMEN_ [~COP]\nCOP_ [COP]\nCOPS_ [COP]\n",
	     DICT_KIND_AGENTS, &c);
	const dy_code *a = code0(d, find(d, DY_ENT_AGENT, "POLICE_"));
	const dy_code *b = code0(d, find(d, DY_ENT_AGENT, "POLICEMEN_"));
	assert_ptr_equal(a->code, b->code);
	assert_int_equal(a->flags, b->flags);
	assert_true(a->flags & DY_CODE_AGENT_SUF);
	assert_null(find(d, DY_ENT_AGENT, "COP_"));   /* no '~': reported each time */
	assert_non_null(strstr(cap_text(&c), "p.agents:3: agent code 'COP' has no '~' connector"));
	assert_non_null(strstr(cap_text(&c), "p.agents:4: agent code 'COP' has no '~' connector"));
	dict_free(d);
	cap_close(&c);
}

/* Loads `text` (n bytes) from an exact-size heap copy, so that AddressSanitizer
 * sees any read past its end. */
static void load_exact(dy_dict *d, const char *name, const char *text, size_t n,
                       dy_dict_kind k, cap *c)
{
	char *buf = malloc(n ? n : 1);
	assert_non_null(buf);
	memcpy(buf, text, n);
	assert_int_equal(dict_load_mem(d, name, buf, n, k, &c->dg), 0);
	free(buf);
}

/* The codes of the last actor group of d, as text. */
static void codes_text(const dy_dict *d, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	if (!d->n_entries)
		return;
	const dy_entry *e = &d->entries[d->n_entries - 1];
	for (uint32_t i = 0; i < e->n_codes && o < cap; i++) {
		const dy_code *k = &d->codes[e->code + i];
		o += (size_t)snprintf(out + o, cap - o, "%s|%s|%d|%d|%d|%u;", k->code,
		                      k->code2 ? k->code2 : "-", (int)k->from, (int)k->to,
		                      (int)k->shift, (unsigned)k->flags);
	}
}

/* Issue: code blocks read in one pass (on an indented code line, or after a
 * phrase) must give what the general reader gives, which a line holding a
 * NUL byte still goes through; at the very end of the data too. */
static void test_blocks_fast_same(void **state)
{
	(void)state;
	static const char *blocks[] = {
		"[USA]", "[USA ]", "[ USA]", "[USA 270101-730717]", "[USA <070101]",
		"[USA>070101]", "[USA\t>070101 ]", "[IMGMOSALQ 021123-071115]",
		"[ABCDEFGHIJKLMNOPQ]", "[ABCDEFGHIJKLMNOP]", "[A1B2C3D4E5F6G7H8]",
		"[USA 040231-050331]", "[USA 450101-400101]", "[123456]", "[12345]",
		"[USA 0701]", "[USA <0701011]", "[USA 070101-08010]", "[USA 07a101-080101]",
		"[USA 070101-080101 X]", "[USA] [GBR 990101-000101]", "[USA][GBR]",
		"[USA 131301-140101]", "[USA 130100-140101]", "[USA", "[]", "[ ]",
		"[usa]", "[USA/GBR]", "[USA] junk", "[USA 070101-080101",
	};
	char a[1024], b[1024], line[256];
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		const char *forms[] = { "X_\n\t%s\n", "X_\n\t%s ; note\n", "X_ %s\n", "X_\n\t%s",
		                        "X_ %s" };
		cap ref;
		cap_open(&ref);
		dy_dict *d = dict_new();
		/* the general reader: a NUL byte makes the line be copied and read
		 * the long way */
		int m = snprintf(line, sizeof line, "X_ %s", blocks[i]);
		line[m] = '\0';
		line[m + 1] = '\n';
		load_exact(d, "r.actors", line, (size_t)m + 2, DICT_KIND_ACTORS, &ref);
		codes_text(d, a, sizeof a);
		int ref_err = ref.dg.errors;
		dict_free(d);
		for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
			cap c;
			cap_open(&c);
			d = dict_new();
			m = snprintf(line, sizeof line, forms[f], blocks[i]);
			load_exact(d, "f.actors", line, (size_t)m, DICT_KIND_ACTORS, &c);
			codes_text(d, b, sizeof b);
			if (strcmp(a, b) || c.dg.errors != ref_err)
				fail_msg("block '%s', form %zu: '%s' (%d errors), general reader '%s' (%d)",
				         blocks[i], f, b, c.dg.errors, a, ref_err);
			dict_free(d);
			cap_close(&c);
		}
		cap_close(&ref);
	}
}

/* Fuzzing found it: a file of the 7 bytes "COMPLEX" was compared with
 * "COMPLEX:" past its end while its kind was guessed. */
static void test_guess_short(void **state)
{
	(void)state;
	char *b = malloc(8);
	assert_non_null(b);
	memcpy(b, "COMPLEX:", 8);
	assert_int_equal(dict_kind_guess("x", b, 7), DICT_KIND_ACTORS);
	assert_int_equal(dict_kind_guess("x", b, 8), DICT_KIND_OPTIONS);
	free(b);
	b = malloc(7);
	assert_non_null(b);
	memcpy(b, "COMPLEX", 7);   /* exact size: ASan sees a read past it */
	assert_int_equal(dict_kind_guess("x", b, 7), DICT_KIND_ACTORS);
	free(b);
}

/* ---- verbs ------------------------------------------------------------------- */

static void test_pattern_order(void **state)
{
	(void)state;
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	load(d, "v.verbs",
	     "ACCUSE [112]\n"
	     "- * OF [112]\n"
	     "- * + OF CORRUPTION [1121]\n"
	     "- * + OF WAR CRIMES [1122]\n"
	     "- * BY [112]\n"
	     "- * + OF GENOCIDE [1123]\n",
	     DICT_KIND_VERBS, &c);
	assert_string_equal(cap_text(&c), "");
	assert_int_equal(d->n_verbs, 1);
	const dy_verb *v = &d->verbs[0];
	assert_int_equal(v->n_patterns, 5);
	/* longest first (letters and digits), equal lengths in file order */
	static const uint32_t want_line[] = { 3, 4, 6, 2, 5 };
	for (uint32_t i = 0; i < v->n_patterns; i++) {
		const dy_pattern *p = &d->patterns[v->pattern + i];
		assert_int_equal(p->line, want_line[i]);
		if (i)
			assert_true(p->ph.chars <= d->patterns[v->pattern + i - 1].ph.chars);
	}
	dict_free(d);
	cap_close(&c);
}

/* ---- the index over several loads ------------------------------------------ */

static void test_index_loads(void **state)
{
	(void)state;
	cap c;
	cap_open(&c);
	dy_dict *d = dict_new();
	load(d, "a.actors", "ISRAEL_ [ISR]\nISRAEL DEFENSE_ [ISRMIL]\nGAZA_ [PSE]\n",
	     DICT_KIND_ACTORS, &c);
	const dy_head *h[4];
	assert_int_equal(dict_lookup_word(d, "ISRAEL", 6, h, 4), 1);
	uint32_t israel = dict_head_index(d, h[0]);
	assert_int_equal(dict_lookup_word(d, "GAZA", 4, h, 4), 1);
	uint32_t gaza = dict_head_index(d, h[0]);
	load(d, "b.agents", "ISRAELI POLICE_ [ISR~]\n", DICT_KIND_AGENTS, &c);
	load(d, "c.actors", "ISRAEL DEFENSE FORCES_ [ISRMIL]\nHAMAS_ [PSEHMS]\n",
	     DICT_KIND_ACTORS, &c);
	assert_string_equal(cap_text(&c), "");
	/* heads keep their numbers; new first words get new ones */
	assert_int_equal(dict_lookup_word(d, "ISRAEL", 6, h, 4), 1);
	assert_int_equal(dict_head_index(d, h[0]), israel);
	assert_int_equal(dict_lookup_word(d, "GAZA", 4, h, 4), 1);
	assert_int_equal(dict_head_index(d, h[0]), gaza);
	assert_int_equal(dict_head_count(d), 4);   /* ISRAEL GAZA ISRAELI HAMAS */
	/* the list of ISRAEL actors: longest first, across the files */
	assert_int_equal(dict_lookup_word(d, "ISRAEL", 6, h, 4), 1);
	const uint32_t *ents = dict_head_entries(d);
	assert_int_equal(h[0]->n[DY_ENT_ACTOR], 3);
	static const char *want[] = { "ISRAEL DEFENSE FORCES_", "ISRAEL DEFENSE_", "ISRAEL_" };
	for (int i = 0; i < 3; i++) {
		char buf[128];
		dict_phrase_text(d, d->entries[ents[h[0]->at[DY_ENT_ACTOR] + i]].ph, buf, sizeof buf);
		assert_string_equal(buf, want[i]);
	}
	/* ISRAELI is a head of its own, with its agent, found as a stem of the token */
	assert_int_equal(dict_lookup_word(d, "ISRAELIS", 8, h, 4), 2);
	assert_int_equal(h[0]->len, 7);
	assert_int_equal(h[0]->n[DY_ENT_AGENT], 1);
	assert_int_equal(d->n_kind[DY_ENT_ACTOR], 5);
	assert_int_equal(d->n_kind[DY_ENT_AGENT], 1);
	dict_free(d);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_word_limit),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_blocks_again),
		cmocka_unit_test(test_blocks_fast_same),
		cmocka_unit_test(test_guess_short),
		cmocka_unit_test(test_pattern_order),
		cmocka_unit_test(test_index_loads),
	};
	return cmocka_run_group_tests_name("dict_load", tests, NULL, NULL);
}
