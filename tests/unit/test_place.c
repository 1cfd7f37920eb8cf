/* SPDX-License-Identifier: MIT */
/* Unit tests for src/enrich/place.c: place names found in tokenized sentences
 * (longest match, capitalisation, English words that are also towns) and the
 * place chosen for an event (the one attached to the verb first). Sentences go
 * through the real tokenizer; the verb is named by its word. Cases that need
 * GeoNames' cities skip with one line when the gazetteer was built without them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "enrich/gazetteer.h"
#include "enrich/place.h"
#include "text/token.h"
#include "util/arena.h"

static dy_gazetteer *G;
static dy_arena A;

static int setup(void **state)
{
	(void)state;
	dy_diag dg;
	diag_init(&dg, stderr);
	lemma_init();
	gaz_load(&G, &dg);
	arena_init(&A);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gaz_free(G);
	arena_free(&A);
	return 0;
}

static void need_cities(void)
{
	if (!gaz_count(G, GAZ_CITY)) {
		fprintf(stderr, "skip: gazetteer built without GeoNames cities (npm unavailable or no file)\n");
		skip();
	}
}

static void need_countries(void)
{
	if (!gaz_count(G, GAZ_COUNTRY)) {
		fprintf(stderr, "skip: no gazetteer file (make gazetteer)\n");
		skip();
	}
}

/* Tokenizes `text`; *verb is the index of the first token whose norm is
 * `verb` (n when verb is NULL or absent). */
static size_t toks_of(const char *text, const char *verb, dy_token **t, size_t *vi)
{
	dy_span s = { 0, (uint32_t)strlen(text) };
	size_t n = tok_sentence(&A, text, s, t);
	*vi = n;
	for (size_t i = 0; verb && i < n; i++)
		if (!strcmp((*t)[i].norm, verb)) { *vi = i; break; }
	if (verb && *vi == n) fail_msg("verb %s not in '%s'", verb, text);
	return n;
}

/* One sentence scan for all events: big, so not on the stack of a test. */
static dy_place_scan Scan;

/* place_choose() over place_scan_sentence() must give what place_find() gave
 * (found, *loc): the same place, rank and span. */
static void expect_same_choice(const dy_token *t, size_t n, size_t vi, const char *const *act,
                               size_t n_act, int found, const dy_location *loc)
{
	dy_location c;
	place_scan_sentence(G, t, n, &Scan);
	int got = place_choose(&Scan, n, vi, act, n_act, &c);
	assert_int_equal(got, found);
	assert_ptr_equal(c.place, loc->place);
	assert_int_equal(c.rank, loc->rank);
	assert_int_equal(c.tok_first, loc->tok_first);
	assert_int_equal(c.tok_end, loc->tok_end);
}

/* The place chosen for the event of `verb` in `text`: its display name and
 * country, or "-" when none. */
static void expect_find(const char *text, const char *verb, const char *actor,
                        const char *name, const char *cc)
{
	dy_token *t;
	size_t vi, n = toks_of(text, verb, &t, &vi);
	const char *act[1] = { actor };
	dy_location loc;
	int found = place_find(G, t, n, vi, act, actor ? 1 : 0, &loc);
	expect_same_choice(t, n, vi, act, actor ? 1 : 0, found, &loc);
	if (!name) {
		if (found) fail_msg("'%s': got %s %s, want none", text, loc.name, loc.country);
		arena_reset(&A);
		return;
	}
	if (!found) fail_msg("'%s': no place, want %s %s", text, name, cc);
	if (strcmp(loc.name, name) || strcmp(loc.country, cc))
		fail_msg("'%s': got %s %s (rank %d), want %s %s", text, loc.name, loc.country,
		         loc.rank, name, cc);
	arena_reset(&A);
}

static void test_attached_place_wins(void **state)
{
	(void)state;
	need_cities();
	expect_find("Egyptian President Sisi, who left Cairo on Sunday, arrived in Riyadh on Monday.",
	            "ARRIVED", "EGYGOV", "Riyadh", "SA");
	expect_find("The Saudi king received the Emir of Qatar after he arrived in Riyadh from Doha.",
	            "ARRIVED", NULL, "Riyadh", "SA");
	expect_find("Indian Prime Minister Narendra Modi arrived in Moscow on July 8 for two days of talks.",
	            "ARRIVED", "INDGOV", "Moscow", "RU");
	/* origin only: "from" counts when nothing better is there */
	expect_find("Diplomats flew from Beijing on Tuesday.", "FLEW", NULL, "Beijing", "CN");
	/* a place before the verb after "In" */
	expect_find("In Kabul, gunmen attacked a hotel.", "ATTACKED", NULL, "Kabul", "AF");
}

static void test_countries_in_sentence(void **state)
{
	(void)state;
	need_countries();
	expect_find("The coalition carried out strikes in Syria and Iraq on Sunday.",
	            "CARRIED", "USAMIL", "Syria", "SY");
	expect_find("Turkish warplanes struck militant positions in northern Iraq on Sunday.",
	            "STRUCK", "TURMIL", "Iraq", "IQ");
	/* no preposition: the place after the verb */
	expect_find("Russia accused Ukraine of shelling.", "ACCUSED", "RUSGOV", "Ukraine", "UA");
	/* nothing at all */
	expect_find("The minister said talks would go on.", "SAID", NULL, NULL, NULL);
}

static void test_multiword_longest(void **state)
{
	(void)state;
	need_cities();
	dy_token *t;
	size_t vi, n = toks_of("Israeli jets bombed Gaza City and talks were held in New Delhi and San Francisco.",
	                       NULL, &t, &vi);
	dy_place_mention m[8];
	size_t k = place_scan(G, t, n, NULL, 0, m, 8);
	assert_int_equal(k, 3);
	assert_string_equal(m[0].place->name, "Gaza");
	assert_int_equal(m[0].tok_end - m[0].tok_first, 2);
	assert_string_equal(m[1].place->name, "New Delhi");
	assert_int_equal(m[1].tok_end - m[1].tok_first, 2);
	assert_string_equal(m[2].place->name, "San Francisco");
	assert_int_equal(m[2].prep, 1); /* joined by "and" to "in New Delhi" */
	arena_reset(&A);
	/* the alternate name resolves to today's name */
	expect_find("Shelling resumed in Kiev overnight.", "RESUMED", NULL, "Kyiv", "UA");
	expect_find("Police raided offices in Bombay.", "RAIDED", NULL, "Mumbai", "IN");
}

static void test_ambiguous_by_actor(void **state)
{
	(void)state;
	need_cities();
	expect_find("Lebanese troops clashed with gunmen in Tripoli.", "CLASHED", "LBNMIL", "Tripoli", "LB");
	expect_find("Militias clashed in Tripoli.", "CLASHED", NULL, "Tripoli", "LY");
	expect_find("Police arrested protesters in Hyderabad.", "ARRESTED", "PAKCOP", "Hyderabad", "PK");
	expect_find("Police arrested protesters in Hyderabad.", "ARRESTED", "INDCOP", "Hyderabad", "IN");
	expect_find("Protesters marched in Georgia.", "MARCHED", "USACVL", "Georgia", "US");
	expect_find("Protesters marched in Georgia.", "MARCHED", "GEOCVL", "Georgia", "GE");
}

/* One scan of a sentence serves events with different verbs and actors:
 * the names stay, the choice among a name's places follows each event. */
static void test_one_scan_many_events(void **state)
{
	(void)state;
	need_cities();
	dy_token *t;
	size_t vi, n = toks_of("Police arrested protesters in Hyderabad who had come from Tripoli.",
	                       "ARRESTED", &t, &vi);
	size_t come = n;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].norm, "COME")) come = i;
	place_scan_sentence(G, t, n, &Scan);
	assert_int_equal(Scan.n, 2);
	const char *pak[1] = { "PAKCOP" }, *ind[1] = { "INDCOP" }, *lbn[1] = { "LBNCVL" };
	dy_location loc;
	assert_int_equal(place_choose(&Scan, n, vi, pak, 1, &loc), 1);
	assert_string_equal(loc.country, "PK");
	assert_int_equal(place_choose(&Scan, n, vi, ind, 1, &loc), 1);
	assert_string_equal(loc.country, "IN");
	assert_int_equal(place_choose(&Scan, n, come, lbn, 1, &loc), 1);
	assert_string_equal(loc.name, "Tripoli");
	assert_string_equal(loc.country, "LB");
	assert_int_equal(place_choose(&Scan, n, come, NULL, 0, &loc), 1);
	assert_string_equal(loc.country, "LY");
	/* each answer is place_find()'s */
	dy_location f;
	assert_int_equal(place_find(G, t, n, come, lbn, 1, &f), 1);
	place_choose(&Scan, n, come, lbn, 1, &loc);
	assert_ptr_equal(f.place, loc.place);
	arena_reset(&A);
}

static void test_common_words(void **state)
{
	(void)state;
	need_cities();
	/* English words that GeoNames also lists as towns are no places ... */
	expect_find("Most officials said the split was nice.", "SAID", NULL, NULL, NULL);
	expect_find("Reading the statement, he said Police would act in March.", "SAID", NULL, NULL, NULL);
	expect_find("Mobile phones were seized on Sale day.", "SEIZED", NULL, NULL, NULL);
	expect_find("Of the three, one was arrested.", "ARRESTED", NULL, NULL, NULL);
	/* ... unless they follow a place preposition and are capitalised */
	expect_find("Leaders met in Nice on Friday.", "MET", NULL, "Nice", "FR");
	expect_find("Leaders met in nice weather.", "MET", NULL, NULL, NULL);
	/* a town name running into another capitalised word names something else */
	expect_find("The Washington Post reported the attack.", "REPORTED", NULL, NULL, NULL);
	/* Paris at the start of the sentence is still Paris */
	expect_find("Paris condemned the attack.", "CONDEMNED", NULL, "Paris", "FR");
}

static void test_location_fields(void **state)
{
	(void)state;
	need_cities();
	dy_token *t;
	size_t vi, n = toks_of("Chinese leaders met the delegation in Beijing on Friday.", "MET", &t, &vi);
	const char *act[] = { "CHNGOV" };
	dy_location loc;
	assert_int_equal(place_find(G, t, n, vi, act, 1, &loc), 1);
	assert_string_equal(loc.name, "Beijing");
	assert_string_equal(loc.country, "CN");
	assert_string_equal(loc.country3, "CHN");
	assert_string_equal(loc.admin1, "Beijing");
	assert_int_equal(loc.kind, GAZ_CITY);
	assert_int_equal(loc.geonames_id, 1816670);
	assert_true(fabs(loc.lat - 39.91) < 0.2 && fabs(loc.lon - 116.40) < 0.2);
	assert_string_equal(t[loc.tok_first].norm, "BEIJING");
	assert_int_equal(loc.rank, 0);
	arena_reset(&A);
	/* no place: place is NULL and coordinates NaN */
	n = toks_of("They met.", "MET", &t, &vi);
	assert_int_equal(place_find(G, t, n, vi, NULL, 0, &loc), 0);
	assert_null(loc.place);
	assert_true(isnan(loc.lat));
	arena_reset(&A);
}

static void test_bounds(void **state)
{
	(void)state;
	need_countries();
	/* a long run of capitalised words and of place names: bounded, no crash */
	size_t cap = 200000;
	char *text = malloc(cap);
	size_t o = 0;
	while (o + 16 < cap) o += (size_t)snprintf(text + o, cap - o, "in Iraq and ");
	text[o] = 0;
	dy_token *t;
	size_t vi, n = toks_of(text, NULL, &t, &vi);
	dy_location loc;
	assert_int_equal(place_find(G, t, n, n, NULL, 0, &loc), 1);
	assert_string_equal(loc.country, "IQ");
	dy_place_mention m[4];
	assert_int_equal(place_scan(G, t, n, NULL, 0, m, 4), 4);
	arena_reset(&A);
	free(text);
	/* empty sentence */
	assert_int_equal(place_find(G, NULL, 0, 0, NULL, 0, &loc), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attached_place_wins),
		cmocka_unit_test(test_countries_in_sentence),
		cmocka_unit_test(test_multiword_longest),
		cmocka_unit_test(test_ambiguous_by_actor),
		cmocka_unit_test(test_one_scan_many_events),
		cmocka_unit_test(test_common_words),
		cmocka_unit_test(test_location_fields),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests_name("place", tests, setup, teardown);
}
