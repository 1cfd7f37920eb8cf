/* SPDX-License-Identifier: MIT */
/* Unit tests for src/enrich/gazetteer.c: the folded key, the loader on small
 * files written here (malformed lines, limits), and name resolution on the
 * built gazetteer (build/gen/gazetteer.tsv): alternate names, ambiguous names
 * decided by actors then population, coordinates. Cases that need GeoNames'
 * cities skip with one line when the file was built without them (no npm). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "enrich/gazetteer.h"

static dy_gazetteer *G; /* the built gazetteer, loaded once */

static int setup(void **state)
{
	(void)state;
	dy_diag dg;
	diag_init(&dg, stderr);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	int rc = gaz_load(&G, &dg);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	fprintf(stderr, "gazetteer: %s: %zu countries, %zu regions, %zu cities, %zu keys in %.3f s\n",
	        rc == 0 ? gaz_find_file() : "(none)", gaz_count(G, GAZ_COUNTRY),
	        gaz_count(G, GAZ_REGION), gaz_count(G, GAZ_CITY), gaz_keys(G), s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gaz_free(G);
	return 0;
}

static void need_file(void)
{
	if (!gaz_count(G, GAZ_COUNTRY)) {
		fprintf(stderr, "skip: no gazetteer file (make gazetteer)\n");
		skip();
	}
}

static void need_cities(void)
{
	need_file();
	if (!gaz_count(G, GAZ_CITY)) {
		fprintf(stderr, "skip: gazetteer built without GeoNames cities (npm unavailable)\n");
		skip();
	}
}

static const dy_place *R(const char *name, const char *a1, const char *a2)
{
	const char *act[2] = { NULL, NULL };
	size_t n = 0;
	if (a1) act[n++] = a1;
	if (a2) act[n++] = a2;
	return gaz_resolve(G, name, strlen(name), act, n);
}

static void expect_place(const char *name, const char *actor, const char *cc,
                         int kind, const char *display)
{
	const dy_place *p = R(name, actor, NULL);
	if (!p) fail_msg("'%s' (actor %s): not found", name, actor ? actor : "-");
	if (strcmp(p->cc, cc) || p->kind != kind || (display && strcmp(p->name, display)))
		fail_msg("'%s' (actor %s): got %s %s kind %d, want %s %s kind %d", name,
		         actor ? actor : "-", p->name, p->cc, p->kind, display ? display : "?", cc, kind);
}

/* ---- folded keys ---- */

static void test_key(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } t[] = {
		{ "GAZA CITY", "gaza city" },
		{ "  Gaza   City ", "gaza city" },
		{ "Sana'a", "sana a" },
		{ "SANA’A", "sana a" },
		{ "São Paulo", "sao paulo" },
		{ "SÃO PAULO", "sao paulo" },
		{ "Ţarābulus", "tarabulus" },
		{ "U.S.", "u s" },
		{ "Port-au-Prince", "port au prince" },
		{ "---", "" },
		/* ASCII then other text: the separator before it is kept */
		{ "Ab ÉCOLE", "ab ecole" },
		{ "ab-é-cd", "ab e cd" },
		{ "Straße 9", "strasse 9" },
		{ "Évry-Courcouronnes", "evry courcouronnes" },
		{ "x’y", "x y" },
	};
	char k[64];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		gaz_key(t[i].in, strlen(t[i].in), k, sizeof k);
		if (strcmp(k, t[i].out)) fail_msg("key.%zu '%s' -> '%s', want '%s'", i, t[i].in, k, t[i].out);
	}
	/* too long for the buffer: no key rather than a cut one */
	assert_int_equal(gaz_key("Rio de Janeiro", 14, k, 8), 0);
	/* exactly fitting: the key and its NUL */
	assert_int_equal(gaz_key("Abc-Def", 7, k, 8), 7);
	assert_string_equal(k, "abc def");
	assert_int_equal(gaz_key("Abc-Def", 7, k, 7), 0);
	assert_int_equal(gaz_key("Ab É", 5, k, 3), 0);
	assert_int_equal(gaz_key("Ab", 2, k, 0), 0);
}

/* ---- loader on small files ---- */

static char *write_tmp(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/dyad_gaz_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void test_load_small(void **state)
{
	(void)state;
	const char *text =
		"# comment\n"
		"C\t0\tLB\tLBN\t\t\t33.9\t35.5\t4000000\tLebanon\n"
		"C\t0\tLY\tLBY\t\t\t27.0\t17.0\t6000000\tLibya\n"
		"P\t266826\tLB\tLBN\tPPLA\tNorth\t34.43\t35.84\t229398\tTripoli|Trablous\n"
		"P\t2210247\tLY\tLBY\tPPLC\tTripoli\t32.88\t13.18\t1150989\tTripoli|Tarabulus\n"
		"P\t1\tLY\tLBY\n"                                      /* too few fields */
		"X\t0\tLY\tLBY\t\t\t1\t2\t3\tBad kind\n"                /* unknown kind */
		"P\t2\tLY\tLBY\tPPL\t\t999\t2\t3\tBad Latitude\n"       /* kept, no coordinates */
		"P\t3\tLY\tLBY\tPPL\t\t1\t2\t3\t\n";                    /* no name */
	char *path = write_tmp(text);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *g;
	assert_int_equal(gaz_load_file(&g, path, &dg), 0);
	remove(path);
	assert_int_equal(dg.errors, 3);
	assert_int_equal(gaz_count(g, GAZ_COUNTRY), 2);
	assert_int_equal(gaz_count(g, GAZ_CITY), 3);
	dy_gaz_hit h[8];
	assert_int_equal(gaz_lookup(g, "TRIPOLI", 7, h, 8), 2);
	assert_string_equal(h[0].place->cc, "LB"); /* file order */
	assert_int_equal(h[0].flags & GAZ_HIT_ALT, 0);
	assert_int_equal(gaz_lookup(g, "Tarabulus", 9, h, 8), 1);
	assert_true(h[0].flags & GAZ_HIT_ALT);
	const char *lbn[] = { "LBNGOV" };
	assert_string_equal(gaz_resolve(g, "Tripoli", 7, lbn, 1)->cc, "LB");
	assert_string_equal(gaz_resolve(g, "Tripoli", 7, NULL, 0)->cc, "LY");
	const dy_place *bad = gaz_resolve(g, "Bad Latitude", 12, NULL, 0);
	assert_non_null(bad);
	assert_true(isnan(bad->lat) && isnan(bad->lon));
	assert_null(gaz_resolve(g, "Benghazi", 8, NULL, 0));
	gaz_free(g);
}

/* Numbers in the file read exactly as strtod() reads them, in every form a
 * field may take: plain decimals (read by hand), and exponents, blanks,
 * long digit runs and junk (left to strtod()). */
static void test_load_numbers(void **state)
{
	(void)state;
	static const char *const nums[][3] = {
		/* lat, lon, population */
		{ "33.9", "-35.50000", "4000000" },
		{ "-0.000001", "179.99999999", "0" },
		{ "12.3456789012345678", "-0", "1e3" },
		{ "+45.5", ".5", "229398" },
		{ "5.", "1234567.8901234567", "4294967296" },
		{ "1e1", " 7.25", "-5" },
		{ "4x", "2", "12.5" },
	};
	char text[2048];
	size_t o = 0;
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "P\t%zu\tLB\tLBN\tPPL\t\t%s\t%s\t%s\tTown%c\n",
		                      i + 1, nums[i][0], nums[i][1], nums[i][2], (char)('A' + i));
	char *path = write_tmp(text);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *g;
	assert_int_equal(gaz_load_file(&g, path, &dg), 0);
	remove(path);
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char name[8] = { 'T', 'o', 'w', 'n', (char)('A' + i), 0 };
		const dy_place *p = gaz_resolve(g, name, 5, NULL, 0);
		assert_non_null(p);
		char *end;
		double lat = strtod(nums[i][0], &end), lon;
		int ok = !*end;
		lon = strtod(nums[i][1], &end);
		ok = ok && !*end && fabs(lat) <= 90 && fabs(lon) <= 180;
		if (ok) {
			assert_memory_equal(&p->lat, &lat, sizeof lat);
			assert_memory_equal(&p->lon, &lon, sizeof lon);
		} else {
			assert_true(isnan(p->lat) && isnan(p->lon));
		}
		double pop = strtod(nums[i][2], &end);
		uint32_t want = *end || pop < 0 ? 0 : pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
		assert_int_equal(p->population, want);
		assert_int_equal(p->geonames_id, i + 1);
	}
	gaz_free(g);
}

static void test_load_missing(void **state)
{
	(void)state;
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *g;
	assert_int_equal(gaz_load_file(&g, "/nonexistent/gazetteer.tsv", &dg), -1);
	assert_non_null(g);
	assert_int_equal(dg.errors, 1);
	assert_null(gaz_resolve(g, "Paris", 5, NULL, 0));
	gaz_free(g);
	gaz_free(NULL);
}

/* ---- the built gazetteer ---- */

static void test_load_time(void **state)
{
	(void)state;
	need_file();
	dy_diag dg;
	diag_init(&dg, stderr);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	dy_gazetteer *g;
	assert_int_equal(gaz_load(&g, &dg), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	assert_int_equal(dg.errors, 0);
	gaz_free(g);
	/* the bar is 0.5 s on an optimised build; sanitizers slow it several times */
	assert_true(s < 3.0);
}

static void test_countries(void **state)
{
	(void)state;
	need_file();
	expect_place("Syria", NULL, "SY", GAZ_COUNTRY, NULL);
	expect_place("SYRIAN ARAB REPUBLIC", NULL, "SY", GAZ_COUNTRY, NULL);
	expect_place("Russia", NULL, "RU", GAZ_COUNTRY, NULL);
	expect_place("Republic of Korea", NULL, "KR", GAZ_COUNTRY, NULL);
	expect_place("Ivory Coast", NULL, "CI", GAZ_COUNTRY, NULL);
	expect_place("Côte d'Ivoire", NULL, "CI", GAZ_COUNTRY, NULL);
	const dy_place *p = R("Iraq", NULL, NULL);
	assert_string_equal(p->cc3, "IRQ");
	assert_null(R("March", NULL, NULL)); /* a month, though GeoNames has a March */
	assert_null(R("Monday", NULL, NULL));
}

static void test_georgia(void **state)
{
	(void)state;
	need_file();
	/* the country unless an actor is American: then the US state */
	expect_place("Georgia", NULL, "GE", GAZ_COUNTRY, NULL);
	expect_place("Georgia", "RUSGOV", "GE", GAZ_COUNTRY, NULL);
	need_cities(); /* the state's weight comes from its towns */
	expect_place("Georgia", "USAGOV", "US", GAZ_REGION, NULL);
}

static void test_alternate_names(void **state)
{
	(void)state;
	need_cities();
	expect_place("Kiev", NULL, "UA", GAZ_CITY, "Kyiv");
	expect_place("KYIV", NULL, "UA", GAZ_CITY, "Kyiv");
	expect_place("Bombay", NULL, "IN", GAZ_CITY, "Mumbai");
	expect_place("Gaza City", NULL, "PS", GAZ_CITY, "Gaza");
	expect_place("Gaza", NULL, "PS", GAZ_CITY, "Gaza");
	expect_place("Peking", NULL, "CN", GAZ_CITY, "Beijing");
}

static void test_ambiguous(void **state)
{
	(void)state;
	need_cities();
	/* Tripoli: Lebanon for a Lebanese actor, else Libya by population */
	expect_place("Tripoli", "LBN", "LB", GAZ_CITY, "Tripoli");
	expect_place("Tripoli", "LBNMIL", "LB", GAZ_CITY, "Tripoli");
	expect_place("Tripoli", NULL, "LY", GAZ_CITY, "Tripoli");
	expect_place("Tripoli", "USAGOV", "LY", GAZ_CITY, "Tripoli");
	/* Hyderabad: Pakistan for a Pakistani actor, else India */
	expect_place("Hyderabad", "PAK", "PK", GAZ_CITY, "Hyderabad");
	expect_place("Hyderabad", NULL, "IN", GAZ_CITY, "Hyderabad");
	/* Birmingham: England by population, Alabama for an American actor */
	expect_place("Birmingham", NULL, "GB", GAZ_CITY, "Birmingham");
	expect_place("Birmingham", "USA", "US", GAZ_CITY, "Birmingham");
	/* Paris: France, even for an American actor (Paris, Texas is small) */
	expect_place("Paris", NULL, "FR", GAZ_CITY, "Paris");
	expect_place("Paris", "USAGOV", "FR", GAZ_CITY, "Paris");
	/* news usage */
	expect_place("Washington", NULL, "US", GAZ_CITY, NULL);
	assert_int_equal(R("Washington", NULL, NULL)->geonames_id, 4140963);
	expect_place("New Delhi", NULL, "IN", GAZ_CITY, "New Delhi");
	expect_place("San Francisco", NULL, "US", GAZ_CITY, "San Francisco");
}

static void test_coordinates(void **state)
{
	(void)state;
	need_cities();
	const dy_place *p = R("Beijing", NULL, NULL);
	assert_non_null(p);
	assert_string_equal(p->cc, "CN");
	assert_int_equal(p->kind, GAZ_CITY);
	assert_true(fabs(p->lat - 39.91) < 0.2 && fabs(p->lon - 116.40) < 0.2);
	assert_int_equal(p->geonames_id, 1816670);
	p = R("Moscow", NULL, NULL);
	assert_true(fabs(p->lat - 55.75) < 0.2 && fabs(p->lon - 37.62) < 0.2);
	/* a country's point is inside it, roughly: Iraq 29-37 N, 38-49 E */
	p = R("Iraq", NULL, NULL);
	assert_true(p->lat > 29 && p->lat < 38 && p->lon > 38 && p->lon < 49);
	/* a region carries its own name as admin1 and a point */
	p = R("Georgia", "USA", NULL);
	assert_string_equal(p->admin1, "Georgia");
	assert_true(fabs(p->lat - 33.75) < 1.5 && fabs(p->lon + 84.39) < 1.5);
	/* a city carries its region */
	p = R("Mumbai", NULL, NULL);
	assert_string_equal(p->admin1, "Maharashtra");
}

static void test_lookup_all(void **state)
{
	(void)state;
	need_cities();
	dy_gaz_hit h[64];
	size_t n = gaz_lookup(G, "TRIPOLI", 7, h, 64);
	int lb = 0, ly = 0;
	for (size_t i = 0; i < n && i < 64; i++) {
		lb += !strcmp(h[i].place->cc, "LB");
		ly += !strcmp(h[i].place->cc, "LY");
	}
	assert_true(lb >= 1 && ly >= 1);
	/* cap smaller than the count: the count is still the full one */
	assert_int_equal(gaz_lookup(G, "TRIPOLI", 7, h, 1), n);
	/* common English words are marked */
	n = gaz_lookup(G, "Nice", 4, h, 64);
	assert_true(n >= 1);
	int marked = 0;
	for (size_t i = 0; i < n && i < 64; i++) marked |= (h[i].flags & GAZ_HIT_COMMON) != 0;
	assert_true(marked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_load_small),
		cmocka_unit_test(test_load_numbers),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_load_time),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_georgia),
		cmocka_unit_test(test_alternate_names),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_coordinates),
		cmocka_unit_test(test_lookup_all),
	};
	return cmocka_run_group_tests_name("gazetteer", tests, setup, teardown);
}
