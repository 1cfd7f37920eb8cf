/* SPDX-License-Identifier: MIT */
/* Tests of the dictionary model and the TABARI reader (src/dict): every syntax
 * feature read into the model from the small files in tests/data/dict, the
 * messages (file:line) for malformed lines, lookup and word matching, dates,
 * the lint, and a load of the real production set from ../shared when it is
 * there (skipped otherwise). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dict/dict.h"
#include "util/diag.h"

#include "test_data.h"

static const char *data(const char *name)
{
	static char path[1200];
	test_data_path(path, sizeof path, "dict", name);
	return path;
}

#include "dict_testing.h"

static const dy_elem *el(const dy_dict *d, dy_phrase ph, unsigned i)
{
	assert_true(i < ph.n);
	return &d->elems[ph.first + i];
}

static const dy_code *code(const dy_dict *d, const dy_entry *e, unsigned i)
{
	assert_true(i < e->n_codes);
	return &d->codes[e->code + i];
}

static dy_dict *load(const char *name, dy_dict_kind k, cap *c)
{
	dy_dict *d = dict_new();
	cap_open(c);
	assert_int_equal(dict_load_file(d, data(name), k, &c->dg), 0);
	return d;
}

/* ---- actors ---------------------------------------------------------------- */

static void test_actors_basic(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.actors", DICT_KIND_AUTO, &c);
	assert_int_equal(c.dg.errors, 0);
	/* Stem vs exact: RIVENDELL_ is exact with endings, MORDOR a stem. */
	const dy_entry *e = find(d, DY_ENT_ACTOR, "RIVENDELL_");
	assert_non_null(e);
	assert_int_equal(e->line, 8);
	assert_string_equal(d->files[e->file], data("test.actors"));
	assert_true(el(d, e->ph, 0)->flags & DY_EL_EXACT);
	assert_true(el(d, e->ph, 0)->flags & DY_EL_ENDINGS);
	assert_string_equal(code(d, e, 0)->code, "RIV");
	e = find(d, DY_ENT_ACTOR, "MORDOR");
	assert_non_null(e);
	assert_false(el(d, e->ph, 0)->flags & DY_EL_EXACT);
	/* Hyphen is a connector: two words, the first must be followed at once. */
	e = find(d, DY_ENT_ACTOR, "BARAD_DUR_");
	assert_non_null(e);
	assert_int_equal(e->ph.n, 2);
	assert_true(el(d, e->ph, 0)->flags & DY_EL_ADJ);
	/* '&' is an ordinary character in an actor name. */
	e = find(d, DY_ENT_ACTOR, "AT&T_");
	assert_non_null(e);
	assert_int_equal(e->ph.n, 1);
	/* '=': exact, no regular endings. */
	e = find(d, DY_ENT_ACTOR, "LOTHLORIEN_");
	assert_non_null(e);
	assert_true(el(d, e->ph, 0)->flags & DY_EL_EXACT);
	assert_false(el(d, e->ph, 0)->flags & DY_EL_ENDINGS);
	/* Nothing after ~~FINISH. */
	assert_null(find(d, DY_ENT_ACTOR, "IGNORED_AFTER_FINISH_"));
	/* Sections. */
	assert_non_null(find(d, DY_ENT_NOUN, "BRIDGES_"));
	assert_non_null(find(d, DY_ENT_ADJ, "GRUMPY"));
	assert_int_equal(d->n_kind[DY_ENT_NOUN], 1);
	assert_int_equal(d->n_kind[DY_ENT_ADJ], 1);
	dict_free(d);
	cap_close(&c);
}

static void test_actors_codes(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.actors", DICT_KIND_ACTORS, &c);
	/* Date restrictions: range with a 1900s start, open end, default last. */
	const dy_entry *e = find(d, DY_ENT_ACTOR, "SARUMAN_");
	assert_non_null(e);
	assert_int_equal(e->n_codes, 3);
	assert_int_equal(code(d, e, 0)->from, 19330304);
	assert_int_equal(code(d, e, 0)->to, 19450412);
	assert_true(code(d, e, 0)->flags & DY_CODE_DATED);
	assert_int_equal(code(d, e, 1)->from, 19450413);
	assert_int_equal(code(d, e, 1)->to, DY_DATE_MAX);
	assert_false(code(d, e, 2)->flags & DY_CODE_DATED);
	assert_string_equal(dict_code_at(d, e, 19400101)->code, "ISNGOV");
	assert_string_equal(dict_code_at(d, e, 20100101)->code, "ISNELI");
	assert_string_equal(dict_code_at(d, e, 19200101)->code, "ISN");
	assert_string_equal(dict_code_at(d, e, 0)->code, "ISN");
	/* A lone restriction: null-coded outside it (manual 6.5.2 note 5). */
	e = find(d, DY_ENT_ACTOR, "GRIMA_");
	assert_non_null(e);
	assert_int_equal(code(d, e, 0)->to, 19911226);
	assert_non_null(dict_code_at(d, e, 19900101));
	assert_null(dict_code_at(d, e, 19920101));
	/* Coded compound. */
	e = find(d, DY_ENT_ACTOR, "EAST_AND_WEST_GONDOR");
	assert_non_null(e);
	assert_true(code(d, e, 0)->flags & DY_CODE_COMPOUND);
	char part[16];
	assert_int_equal(dict_code_part(code(d, e, 0), 1, part, sizeof part), 4);
	assert_string_equal(part, "GONW");
	assert_int_equal(dict_code_part(code(d, e, 0), 2, part, sizeof part), 0);
	/* Null, and a dated discard before a default. */
	e = find(d, DY_ENT_ACTOR, "WHITE_COUNCIL");
	assert_true(code(d, e, 0)->flags & DY_CODE_NULL);
	e = find(d, DY_ENT_ACTOR, "CARADHRAS");
	assert_true(code(d, e, 0)->flags & DY_CODE_DISCARD);
	assert_int_equal(code(d, e, 0)->to, 19890101);
	assert_string_equal(code(d, e, 1)->code, "MST");
	dict_free(d);
	cap_close(&c);
}

static void test_actors_synonyms(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.actors", DICT_KIND_ACTORS, &c);
	const dy_entry *head = find(d, DY_ENT_ACTOR, "THEODEN_");
	const dy_entry *s1 = find(d, DY_ENT_ACTOR, "THEODEN_KING_");
	const dy_entry *s2 = find(d, DY_ENT_ACTOR, "KING_OF_ROHAN_");
	assert_non_null(head);
	assert_non_null(s1);
	assert_non_null(s2);
	uint32_t hi = (uint32_t)(head - d->entries);
	assert_int_equal(head->parent, hi);
	assert_int_equal(s1->parent, hi);
	assert_int_equal(s2->parent, hi);
	assert_true(s1->flags & DY_ENT_SYNONYM);
	assert_false(head->flags & DY_ENT_SYNONYM);
	/* All three share the indented code lines. */
	assert_int_equal(head->n_codes, 3);
	assert_int_equal(s2->code, head->code);
	assert_int_equal(s2->n_codes, 3);
	assert_string_equal(dict_code_at(d, s2, 19950101)->code, "ROHGOV");
	assert_string_equal(dict_code_at(d, s2, 20050101)->code, "ROHELI");
	assert_string_equal(dict_code_at(d, s2, 19500101)->code, "ROH");
	assert_int_equal(s1->line, 19);
	dict_free(d);
	cap_close(&c);
}

/* ---- agents ---------------------------------------------------------------- */

static void test_agents(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.agents", DICT_KIND_AUTO, &c);
	assert_int_equal(c.dg.errors, 0);
	const dy_entry *e = find(d, DY_ENT_AGENT, "WIZARD_");
	assert_non_null(e);
	assert_true(code(d, e, 0)->flags & DY_CODE_AGENT_SUF);
	assert_string_equal(code(d, e, 0)->code, "WIZ");
	const dy_entry *f = find(d, DY_ENT_AGENT, "WIZARDRY_");
	assert_non_null(f);
	assert_true(f->flags & DY_ENT_FORM);
	assert_int_equal(f->code, e->code);
	e = find(d, DY_ENT_AGENT, "HOBBIT_RIGHTS_GROUP_");
	assert_true(code(d, e, 0)->flags & DY_CODE_AGENT_PRE);
	assert_string_equal(code(d, e, 0)->code, "NGO");
	e = find(d, DY_ENT_AGENT, "ELVEN_ARMY");
	assert_string_equal(code(d, e, 0)->code, "MIL");
	dict_free(d);
	cap_close(&c);
}

/* ---- verbs ----------------------------------------------------------------- */

static const dy_pattern *pattern(const dy_dict *d, const dy_verb *v, const char *text)
{
	char buf[512];
	for (uint32_t i = 0; i < v->n_patterns; i++) {
		const dy_pattern *p = &d->patterns[v->pattern + i];
		dict_phrase_text(d, p->ph, buf, sizeof buf);
		if (!strcmp(buf, text))
			return p;
	}
	return NULL;
}

static void test_verbs_forms_patterns(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.verbs", DICT_KIND_AUTO, &c);
	assert_int_equal(c.dg.errors, 0);
	const dy_entry *root = find(d, DY_ENT_VERB, "BREAK_");
	assert_non_null(root);
	assert_string_equal(code(d, root, 0)->code, "172");
	const dy_verb *v = &d->verbs[root->verb];
	assert_int_equal(v->n_forms, 3);
	const dy_entry *broke = &d->entries[d->forms[v->form + 1]];
	assert_true(broke->flags & DY_ENT_FORM);
	assert_int_equal(broke->verb, root->verb);
	assert_int_equal(broke->code, root->code);
	assert_int_equal(v->n_patterns, 4);
	/* Longest first (manual 5.7.1). */
	for (uint32_t i = 1; i < v->n_patterns; i++)
		assert_true(d->patterns[v->pattern + i - 1].ph.chars >= d->patterns[v->pattern + i].ph.chars);
	/* + WAS_* BY_ $ : target, exact WAS glued to the verb, exact BY, source. */
	const dy_pattern *p = pattern(d, v, "+ WAS_* BY_ $");
	assert_non_null(p);
	assert_int_equal(p->ph.n, 5);
	assert_int_equal(el(d, p->ph, 0)->kind, DY_EL_TARGET);
	assert_int_equal(el(d, p->ph, 1)->flags & (DY_EL_EXACT | DY_EL_ADJ), DY_EL_EXACT | DY_EL_ADJ);
	assert_int_equal(el(d, p->ph, 2)->kind, DY_EL_VERB);
	assert_int_equal(p->verb_at, 2);
	assert_int_equal(el(d, p->ph, 3)->flags & (DY_EL_EXACT | DY_EL_ADJ), DY_EL_EXACT);
	assert_int_equal(el(d, p->ph, 4)->kind, DY_EL_SOURCE);
	assert_string_equal(d->codes[p->code].code, "0874");
	assert_int_equal(p->line, 21);
	/* NEAT~_PLACE: a stem that must be followed at once. */
	p = pattern(d, v, "* THE_NEAT~_PLACE");
	assert_non_null(p);
	const dy_elem *neat = el(d, p->ph, 2);
	assert_string_equal(neat->text, "NEAT");
	assert_int_equal(neat->flags & (DY_EL_EXACT | DY_EL_ADJ), DY_EL_ADJ);
	/* Alternatives with a connector after the group. */
	p = pattern(d, v, "* { WALLS | GATES_ OF }_MORDOR");
	assert_non_null(p);
	const dy_elem *g = el(d, p->ph, 1);
	assert_int_equal(g->kind, DY_EL_ALT);
	assert_int_equal(g->n, 2);
	assert_true(g->flags & DY_EL_ADJ);
	assert_int_equal(d->alts[g->ref + 1].n, 2);
	/* chars = fixed text + the longest alternative. */
	assert_int_equal(p->ph.chars, (unsigned)strlen("MORDOR") + (unsigned)strlen("GATESOF"));
	dict_free(d);
	cap_close(&c);
}

static void test_verbs_codes_tokens(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.verbs", DICT_KIND_VERBS, &c);
	const dy_entry *root = find(d, DY_ENT_VERB, "MEET");
	assert_non_null(root);
	const dy_verb *v = &d->verbs[root->verb];
	const dy_pattern *p = pattern(d, v, "% * IN ^ WITH +");
	assert_non_null(p);
	assert_int_equal(el(d, p->ph, 0)->kind, DY_EL_COMPOUND);
	assert_int_equal(el(d, p->ph, 3)->kind, DY_EL_SKIP);
	const dy_code *pc = &d->codes[p->code];
	assert_true(pc->flags & DY_CODE_PAIRED);
	assert_string_equal(pc->code, "043");
	assert_string_equal(pc->code2, "043");
	p = pattern(d, v, "* DEMANDS");
	assert_true(d->codes[p->code].flags & DY_CODE_SUBORD);
	assert_string_equal(d->codes[p->code].code, "023");
	p = pattern(d, v, "REFUSED_TO *");
	assert_true(d->codes[p->code].flags & DY_CODE_DOMINANT);
	assert_true(d->codes[pattern(d, v, "* WEATHER")->code].flags & DY_CODE_NULL);
	assert_true(d->codes[pattern(d, v, "* FOOTBALL")->code].flags & DY_CODE_DISCARD);
	assert_true(d->codes[pattern(d, v, "* PROPHECY")->code].flags & DY_CODE_COMPLEX);
	/* Synsets: nested reference, member phrases. */
	p = pattern(d, v, "* &TREASURE");
	assert_non_null(p);
	const dy_elem *s = el(d, p->ph, 1);
	assert_int_equal(s->kind, DY_EL_SYNSET);
	assert_int_equal(s->ref, dict_synset_find(d, "TREASURE", 8));
	const dy_synset *ss = &d->synsets[s->ref];
	assert_int_equal(ss->n, 2);
	dy_phrase m0 = d->alts[ss->alt];
	assert_int_equal(el(d, m0, 0)->kind, DY_EL_SYNSET);
	assert_int_equal(el(d, m0, 0)->ref, dict_synset_find(d, "&COIN", 5));
	assert_int_equal(d->n_synsets, 2);
	/* A null-coded root with a pattern. */
	root = find(d, DY_ENT_VERB, "HEAD");
	assert_true(code(d, root, 0)->flags & DY_CODE_NULL);
	assert_int_equal(d->verbs[root->verb].n_patterns, 1);
	dict_free(d);
	cap_close(&c);
}

static void test_verbs_time_attrib(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.verbs", DICT_KIND_VERBS, &c);
	const dy_entry *e = find(d, DY_ENT_TIME, "YESTERDAY_");
	assert_non_null(e);
	assert_true(code(d, e, 0)->flags & DY_CODE_SHIFT);
	assert_int_equal(code(d, e, 0)->shift, -1);
	e = find(d, DY_ENT_TIME, "NEXT_WEEK");
	assert_int_equal(code(d, e, 0)->shift, 7);
	const dy_verb *v = &d->verbs[e->verb];
	assert_int_equal(v->n_patterns, 1);
	assert_int_equal(d->codes[d->patterns[v->pattern].code].shift, 8);
	e = find(d, DY_ENT_ATTRIB, "SAID_");
	assert_non_null(e);
	v = &d->verbs[e->verb];
	assert_int_equal(v->n_patterns, 1);
	assert_int_equal(d->patterns[v->pattern].n_codes, 0);
	assert_int_equal(el(d, d->patterns[v->pattern].ph, 0)->kind, DY_EL_ATTRIB);
	dict_free(d);
	cap_close(&c);
}

/* ---- options, discards, project --------------------------------------------- */

static void test_options(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.options", DICT_KIND_AUTO, &c);
	const dy_options *o = &d->opt;
	assert_true(o->present);
	assert_int_equal(o->cx_verbs, 6);
	assert_int_equal(o->cx_conj, 4);
	assert_int_equal(o->cx_flags, DY_CX_NOACTPRIOR | DY_CX_EXPLAIN);
	assert_int_equal(o->actor_usage, 1);
	assert_int_equal(o->dup_warning, 0);
	assert_int_equal(o->code_by, 1);
	assert_int_equal(o->min_words, 5);
	assert_int_equal(o->n_output, 3);
	assert_string_equal(o->output[1], "PARENT");
	assert_int_equal(o->n_labels, 2);
	assert_string_equal(o->labels[1].key, "0874");
	assert_string_equal(o->labels[1].val, "Retreat or surrender militarily");
	assert_string_equal(o->default_source, "SRC");
	assert_string_equal(o->default_target, "TGT");
	assert_true(o->default_prior);
	assert_false(o->default_after);
	assert_int_equal(o->nonevents, 2);
	/* Unknown setting and command: warnings naming the line, never errors. */
	assert_int_equal(c.dg.errors, 0);
	assert_int_equal(c.dg.warnings, 2);
	assert_non_null(strstr(cap_text(&c), "test.options:7: warning: SET: unknown setting 'FROBNICATE'"));
	assert_non_null(strstr(cap_text(&c), "test.options:13: warning: unknown option command 'WIBBLE:'"));
	dict_free(d);
	cap_close(&c);
}

static void test_discards(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("test.discards", DICT_KIND_AUTO, &c);
	assert_int_equal(c.dg.errors, 0);
	assert_int_equal(d->n_kind[DY_ENT_DISCARD], 3);
	const dy_entry *e = find(d, DY_ENT_DISCARD, "BOARD GAME");
	assert_non_null(e);
	assert_true(code(d, e, 0)->flags & DY_CODE_DISCARD);
	dict_free(d);
	cap_close(&c);
	/* A table is not a discard list: one error, not one per row. */
	d = dict_new();
	cap_open(&c);
	const char *tsv = "\t2\t1995\tX\t99\tAGO\n\t3\t1996\tY\t98\tBDI\n";
	dict_load_mem(d, "table.discards", tsv, strlen(tsv), DICT_KIND_DISCARDS, &c.dg);
	assert_int_equal(c.dg.errors, 1);
	assert_non_null(strstr(cap_text(&c), "table.discards:1: not a discard list"));
	dict_free(d);
	cap_close(&c);
}

static void test_project(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = dict_new();
	cap_open(&c);
	assert_int_equal(dict_load_project(d, data("test.project"), &c.dg), 0);
	assert_int_equal(c.dg.errors, 0);
	assert_int_equal(d->proj.n_actors, 1);
	assert_int_equal(d->proj.n_texts, 1);
	assert_string_equal(d->proj.texts[0], data("sub/some.text"));
	assert_string_equal(d->proj.options, data("test.options"));
	assert_string_equal(d->proj.coder, "TST");
	assert_non_null(find(d, DY_ENT_ACTOR, "MORDOR"));
	assert_non_null(find(d, DY_ENT_AGENT, "WIZARD_"));
	assert_non_null(find(d, DY_ENT_VERB, "BREAK_"));
	assert_int_equal(d->opt.cx_verbs, 6);
	assert_int_equal(d->n_files, 4);
	dict_free(d);
	cap_close(&c);
	/* dict_load_file() on a .project hands it over too. */
	d = dict_new();
	cap_open(&c);
	assert_int_equal(dict_load_file(d, data("test.project"), DICT_KIND_AUTO, &c.dg), 0);
	assert_int_equal(d->n_files, 4);
	dict_free(d);
	cap_close(&c);
}

/* ---- errors ---------------------------------------------------------------- */

static void test_errors_actors(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("bad.actors", DICT_KIND_ACTORS, &c);
	const char *t = cap_text(&c);
	char want[1400];
	snprintf(want, sizeof want, "%s:2: missing ']'", data("bad.actors"));
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof want, "%s:3: bad date restriction '991332-000101'", data("bad.actors"));
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof want, "%s:4: bad actor code 'A-B'", data("bad.actors"));
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof want, "%s:5: missing phrase before '['", data("bad.actors"));
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof want, "%s:7: missing phrase", data("bad.actors"));
	assert_non_null(strstr(t, want));
	/* One message per bad line: no second one about the skipped phrase. */
	assert_int_equal(c.dg.errors, 5);
	assert_int_equal(c.dg.warnings, 0);
	/* Good lines around the bad ones are kept. */
	assert_non_null(find(d, DY_ENT_ACTOR, "GOOD_ONE"));
	assert_non_null(find(d, DY_ENT_ACTOR, "GOOD_TWO"));
	assert_null(find(d, DY_ENT_ACTOR, "BAD_CODE"));
	dict_free(d);
	cap_close(&c);
}

static void test_errors_verbs_agents(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = load("bad.verbs", DICT_KIND_VERBS, &c);
	const char *t = cap_text(&c);
	char want[1400];
	static const struct { int line; const char *msg; } exp[] = {
		{ 1, "pattern before any verb" },
		{ 3, "missing verb marker '*' in pattern" },
		{ 4, "'{' without '}' in pattern" },
		{ 5, "pattern without a code" },
		{ 6, "unknown synset '&NOSUCHSET'" },
	};
	for (size_t i = 0; i < sizeof exp / sizeof exp[0]; i++) {
		snprintf(want, sizeof want, "%s:%d: %s", data("bad.verbs"), exp[i].line, exp[i].msg);
		if (!strstr(t, want))
			fail_msg("missing message '%s' in:\n%s", want, t);
	}
	assert_int_equal(c.dg.errors, 5);
	const dy_entry *take = find(d, DY_ENT_VERB, "TAKE");
	assert_non_null(take);
	assert_int_equal(d->verbs[take->verb].n_patterns, 1);
	dict_free(d);
	cap_close(&c);

	d = load("bad.agents", DICT_KIND_AGENTS, &c);
	snprintf(want, sizeof want, "%s:1: agent code 'GOV' has no '~' connector", data("bad.agents"));
	assert_non_null(strstr(cap_text(&c), want));
	dict_free(d);
	cap_close(&c);

	d = dict_new();
	cap_open(&c);
	assert_int_equal(dict_load_file(d, data("no-such.verbs"), DICT_KIND_AUTO, &c.dg), -1);
	assert_int_equal(c.dg.errors, 1);
	dict_free(d);
	cap_close(&c);
}

static void test_duplicates_and_check(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = dict_new();
	cap_open(&c);
	const char *txt =
		"ROHAN_ [ROH]\n"
		"ROHAN_ [GON]\n"
		"ISENGARD_ [ISN 900101-951231] [ISNGOV 950101-991231] [ISN]\n"
		"EDORAS_ [ROH] [ROHGOV]\n";
	dict_load_mem(d, "mem.actors", txt, strlen(txt), DICT_KIND_ACTORS, &c.dg);
	assert_int_equal(c.dg.errors, 0);
	assert_int_equal(c.dg.warnings, 1);
	assert_non_null(strstr(cap_text(&c), "mem.actors:2: warning: duplicate actor 'ROHAN_' (first at mem.actors:1)"));
	const char *vt = "GIVE [070]\n- * AID [071]\n- * AID [072]\nSNEER [999]\n";
	dict_load_mem(d, "mem.verbs", vt, strlen(vt), DICT_KIND_VERBS, &c.dg);
	unsigned n = dict_check(d, &c.dg);
	const char *t = cap_text(&c);
	assert_non_null(strstr(t, "mem.actors:2: warning: 'ROHAN_' has conflicting codes"));
	assert_non_null(strstr(t, "mem.actors:3: warning: date ranges overlap: [ISN 19900101-19951231] and [ISNGOV 19950101-19991231]"));
	assert_non_null(strstr(t, "mem.actors:4: warning: conflicting codes: 2 codes without a date restriction"));
	assert_non_null(strstr(t, "mem.verbs:3: warning: pattern '* AID' has conflicting codes"));
	assert_non_null(strstr(t, "mem.verbs:4: warning: event code '999' is not a CAMEO event code"));
	assert_int_equal(n, 5);
	dict_free(d);
	cap_close(&c);
}

static int only_070(const char *code) { return !strcmp(code, "070"); }

static void test_check_codebook_hook(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = dict_new();
	cap_open(&c);
	const char *vt = "GIVE [070]\n- * AID [071]\n";
	dict_load_mem(d, "hook.verbs", vt, strlen(vt), DICT_KIND_VERBS, &c.dg);
	assert_int_equal(dict_check(d, &c.dg), 0);
	dict_event_code_known = only_070;
	assert_int_equal(dict_check(d, &c.dg), 1);
	dict_event_code_known = NULL;
	assert_non_null(strstr(cap_text(&c), "hook.verbs:2: warning: event code '071'"));
	dict_free(d);
	cap_close(&c);
}

/* ---- lookup, matching, dates -------------------------------------------------- */

static void test_lookup_and_match(void **state)
{
	(void)state;
	cap c;
	dy_dict *d = dict_new();
	cap_open(&c);
	const char *txt = "SYRI [SYR]\nSYRIA_ [SYR]\nSYRIAN_ARMY_ [SYRMIL]\nOF_ [---]\n";
	dict_load_mem(d, "m.actors", txt, strlen(txt), DICT_KIND_ACTORS, &c.dg);
	const dy_head *h[8];
	size_t n = dict_lookup_word(d, "SYRIANS", 7, h, 8);
	/* Heads whose text is the token or a prefix of it, longest first. */
	assert_int_equal(n, 3);
	assert_string_equal(h[0]->text, "SYRIAN");
	assert_string_equal(h[1]->text, "SYRIA");
	assert_string_equal(h[2]->text, "SYRI");
	const uint32_t *ents = dict_head_entries(d);
	const dy_entry *e = &d->entries[ents[h[1]->at[DY_ENT_ACTOR]]];
	const dy_elem *w = &d->elems[e->ph.first];
	/* SYRIA_ is exact: SYRIANS is neither SYRIA nor SYRIA + a regular ending. */
	assert_false(dict_word_match(w, "SYRIANS", 7));
	assert_true(dict_word_match(w, "SYRIA", 5));
	assert_true(dict_word_match(w, "SYRIA'S", 7));
	assert_true(dict_word_match(w, "SYRIAS", 6));
	e = &d->entries[ents[h[2]->at[DY_ENT_ACTOR]]];
	assert_true(dict_word_match(&d->elems[e->ph.first], "SYRIANS", 7));
	assert_false(dict_word_match(&d->elems[e->ph.first], "SYR", 3));
	/* Exact OF_ only matches OF and its endings, never OFFER. */
	n = dict_lookup_word(d, "OFFER", 5, h, 8);
	assert_int_equal(n, 1);
	e = &d->entries[ents[h[0]->at[DY_ENT_ACTOR]]];
	assert_false(dict_word_match(&d->elems[e->ph.first], "OFFER", 5));
	assert_int_equal(dict_lookup_word(d, "ZEBRA", 5, h, 8), 0);
	assert_int_equal(dict_lookup_word(d, "S", 1, h, 8), 0);
	dict_free(d);
	cap_close(&c);
}

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(dict_date_parse("950101", 6), 19950101);
	assert_int_equal(dict_date_parse("300101", 6), 20300101);
	assert_int_equal(dict_date_parse("310101", 6), 19310101);
	assert_int_equal(dict_date_parse("000229", 6), 20000229);
	assert_int_equal(dict_date_parse("20120131", 8), 20120131);
	assert_int_equal(dict_date_parse("040231", 6), 20040229); /* end of month */
	assert_int_equal(dict_date_parse("050231", 6), 20050228);
	assert_int_equal(dict_date_parse("991301", 6), -1);
	assert_int_equal(dict_date_parse("990100", 6), -1);
	assert_int_equal(dict_date_parse("9901", 4), -1);
	assert_int_equal(dict_date_parse("99O101", 6), -1);
}

static void test_kind_guess(void **state)
{
	(void)state;
	assert_int_equal(dict_kind_guess("a/b/X.verbs", NULL, 0), DICT_KIND_VERBS);
	assert_int_equal(dict_kind_guess("X.Actors", NULL, 0), DICT_KIND_ACTORS);
	assert_int_equal(dict_kind_guess("my-discards.txt", NULL, 0), DICT_KIND_DISCARDS);
	const char *v = "ACCEPT [---]\n- * OFFER [081]\n";
	assert_int_equal(dict_kind_guess("x.txt", v, strlen(v)), DICT_KIND_VERBS);
	const char *a = "SOLDIER_ [~MIL]\n";
	assert_int_equal(dict_kind_guess("x.txt", a, strlen(a)), DICT_KIND_AGENTS);
	const char *o = "COMPLEX: VERBS[6]\nLABEL: 010= x\n";
	assert_int_equal(dict_kind_guess("x.txt", o, strlen(o)), DICT_KIND_OPTIONS);
	const char *p = "<actorsfile> a.actors\n";
	assert_int_equal(dict_kind_guess("x.txt", p, strlen(p)), DICT_KIND_PROJECT);
	const char *act = "ROHAN_ [ROH]\n";
	assert_int_equal(dict_kind_guess("x.txt", act, strlen(act)), DICT_KIND_ACTORS);
}

/* ---- the production set ------------------------------------------------------- */

static void test_production_set(void **state)
{
	(void)state;
	char dir[1200];
	const char *top = getenv("TOP");
	snprintf(dir, sizeof dir, "%s/../shared/dictionaries/tabari", top ? top : ".");
	struct stat st;
	if (stat(dir, &st) != 0) {
		snprintf(dir, sizeof dir, "/work/shared/dictionaries/tabari");
		if (stat(dir, &st) != 0)
			skip();
	}
	static const char *files[] = { "CAMEO.091003.master.verbs", "CountryInfo.120116.actors",
		"Internatnl.120521.actors", "PSU.120522.agents", "CAMEO.09b5.options" };
	dy_dict *d = dict_new();
	dy_diag dg;
	diag_init(&dg, NULL);
	for (size_t i = 0; i < 5; i++) {
		char p[1400];
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		assert_int_equal(dict_load_file(d, p, DICT_KIND_AUTO, &dg), 0);
	}
	assert_int_equal(dg.errors, 0);
	/* Plausible sizes: tens of thousands of actors, over a thousand verbs with
	 * about fifteen thousand patterns, two thousand agents, ~300 labels. */
	assert_in_range(d->n_kind[DY_ENT_ACTOR], 25000, 60000);
	assert_in_range(d->n_kind[DY_ENT_AGENT], 1500, 4000);
	assert_in_range(d->n_verbs, 1000, 3000);
	assert_in_range(d->n_patterns, 12000, 20000);
	assert_in_range(d->opt.n_labels, 250, 400);
	assert_int_equal(d->opt.cx_verbs, 6);
	/* A lookup finds a verb by an inflected form. */
	const dy_head *h[16];
	size_t n = dict_lookup_word(d, "ACCEPTED", 8, h, 16);
	int verb = 0;
	for (size_t i = 0; i < n; i++)
		verb |= h[i]->n[DY_ENT_VERB] > 0;
	assert_true(verb);
	dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_actors_basic),
		cmocka_unit_test(test_actors_codes),
		cmocka_unit_test(test_actors_synonyms),
		cmocka_unit_test(test_agents),
		cmocka_unit_test(test_verbs_forms_patterns),
		cmocka_unit_test(test_verbs_codes_tokens),
		cmocka_unit_test(test_verbs_time_attrib),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_discards),
		cmocka_unit_test(test_project),
		cmocka_unit_test(test_errors_actors),
		cmocka_unit_test(test_errors_verbs_agents),
		cmocka_unit_test(test_duplicates_and_check),
		cmocka_unit_test(test_check_codebook_hook),
		cmocka_unit_test(test_lookup_and_match),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_kind_guess),
		cmocka_unit_test(test_production_set),
	};
	return cmocka_run_group_tests_name("dict", tests, NULL, NULL);
}
