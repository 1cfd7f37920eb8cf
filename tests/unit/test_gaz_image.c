/* SPDX-License-Identifier: MIT */
/* Unit tests for the gazetteer's binary image (src/enrich/gaz_image.c): an
 * image saved from a small hand-written TSV answers every lookup as the parsed
 * TSV does; truncated, damaged and foreign images are refused with an error
 * naming the file (and every one-byte damage loads or is refused without a
 * crash, which the sanitizer build checks); gaz_load() in a $DYAD_DATA
 * directory maps a fresh image and falls back to the TSV, with a warning
 * naming the image, when the image is stale or bad. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "enrich/gaz_image.h"
#include "enrich/gazetteer.h"

/* Names with everything the loader handles: alternates, marks (~ English
 * word, ^ preferred), multi-word names and their prefixes, accents, a name
 * shared by places of several kinds, a name given twice for one place,
 * malformed lines. */
static const char TSV[] =
	"# dyad gazetteer, test\n"
	"C\t0\tLB\tLBN\t\t\t33.9\t35.5\t4000000\tLebanon|Lebanese Republic\n"
	"C\t0\tLY\tLBY\t\t\t27.0\t17.0\t6000000\tLibya\n"
	"C\t0\tGE\tGEO\t\t\t42.0\t43.5\t2400000\tGeorgia|Sakartvelo\n"
	"R\t0\tUS\tUSA\tUS-GA\tGeorgia\t32.7\t-83.4\t4600000\tGeorgia\n"
	"P\t266826\tLB\tLBN\tPPLA\tNorth\t34.43\t35.84\t229398\tTripoli|Trablous|Tripoli\n"
	"P\t2210247\tLY\tLBY\tPPLC\tTripoli\t32.88\t13.18\t1150989\tTripoli|Tarabulus|Tripoli Libya\n"
	"P\t1261481\tIN\tIND\tPPLC\tDelhi\t28.63\t77.22\t317797\tNew Delhi\n"
	"P\t1273294\tIN\tIND\tPPL\tDelhi\t28.65\t77.23\t10927986\tDelhi|New Delhi|Dilli\n"
	"P\t2990440\tFR\tFRA\tPPLA2\tProvence-Alpes-C\xc3\xb4te d'Azur\t43.70\t7.27\t338620\t~Nice\n"
	"P\t4140963\tUS\tUSA\tPPLC\tWashington, D.C.\t38.89\t-77.04\t601723\t^Washington|Washington D C\n"
	"P\t3448439\tBR\tBRA\tPPLA\tS\xc3\xa3o Paulo\t-23.55\t-46.64\t10021295\tS\xc3\xa3o Paulo|Sao Paulo City\n"
	"P\t7\tLY\tLBY\tPPL\t\t\t\t\tNowhere Land Without Points\n"
	"P\t8\tLY\tLBY\n"                                /* too few fields */
	"X\t0\tLY\tLBY\t\t\t1\t2\t3\tBad kind\n"          /* unknown kind */
	"P\t9\tLY\tLBY\tPPL\t\t1\t2\t3\t|Orphan\n";       /* no display name */

/* Every name of TSV, some prefixes and some misses. */
static const char *const NAMES[] = {
	"Lebanon", "LEBANESE REPUBLIC", "Lebanese", "Libya", "Georgia", "Sakartvelo",
	"TRIPOLI", "Trablous", "Tarabulus", "Tripoli Libya", "New Delhi", "new", "Delhi",
	"Dilli", "Nice", "Washington", "Washington D.C.", "Washington D", "S\xc3\xa3o Paulo",
	"SAO PAULO", "Sao", "Sao Paulo City", "Nowhere Land Without Points", "Nowhere Land",
	"Orphan", "Bad kind", "Benghazi", "", "x",
};

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_gazimg_XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[128];
	static const char *const files[] = { "gazetteer.tsv", "gazetteer.bin", "t.tsv", "t.bin", "bad.bin" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, files[i]);
		remove(p);
	}
	rmdir(tmpdir);
	return 0;
}

static const char *tmp(const char *name)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

static void file_put(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static unsigned char *file_get(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	long sz = ftell(fp);
	assert_true(sz > 0);
	rewind(fp);
	unsigned char *b = malloc((size_t)sz);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)sz, fp), (size_t)sz);
	fclose(fp);
	*n = (size_t)sz;
	return b;
}

/* Sets path's modification time to now + delta seconds. */
static void touch(const char *path, long delta)
{
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec += delta;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A diag whose messages are kept, to check that they name the file. */
typedef struct {
	dy_diag dg;
	char   *text;
	size_t  n;
} msgs;

static void msgs_open(msgs *m)
{
	m->text = NULL;
	m->n = 0;
	diag_init(&m->dg, open_memstream(&m->text, &m->n));
}

static void msgs_close(msgs *m)
{
	fclose(m->dg.out);
	free(m->text);
}

static const char *msgs_text(msgs *m)
{
	fflush(m->dg.out);
	return m->text ? m->text : "";
}

/* Loads the test TSV, saves its image; returns the parsed gazetteer. */
static dy_gazetteer *make_pair(const char *tsv, const char *img)
{
	file_put(tsv, TSV, sizeof TSV - 1);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *g;
	assert_int_equal(gaz_load_file(&g, tsv, &dg), 0);
	assert_int_equal(dg.errors, 3); /* the three malformed lines */
	diag_init(&dg, NULL);
	assert_int_equal(gaz_save_image(g, img, &dg), 0);
	return g;
}

static void same_place(const dy_place *a, const dy_place *b)
{
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->admin1, b->admin1);
	assert_string_equal(a->code, b->code);
	assert_memory_equal(&a->lat, &b->lat, sizeof a->lat);
	assert_memory_equal(&a->lon, &b->lon, sizeof a->lon);
	assert_int_equal(a->geonames_id, b->geonames_id);
	assert_int_equal(a->population, b->population);
	assert_int_equal(a->kind, b->kind);
	assert_string_equal(a->cc, b->cc);
	assert_string_equal(a->cc3, b->cc3);
}

/* a and b answer every name of NAMES alike (caps 8 and 1). */
static void same_answers(const dy_gazetteer *a, const dy_gazetteer *b)
{
	for (int k = GAZ_COUNTRY; k <= GAZ_CITY; k++) assert_int_equal(gaz_count(a, k), gaz_count(b, k));
	assert_int_equal(gaz_keys(a), gaz_keys(b));
	assert_int_equal(gaz_max_words(a), gaz_max_words(b));
	for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
		const char *nm = NAMES[i];
		char key[GAZ_MAX_KEY];
		size_t kl = gaz_key(nm, strlen(nm), key, sizeof key);
		assert_int_equal(gaz_probe(a, key, kl), gaz_probe(b, key, kl));
		for (size_t cap = 1; cap <= 8; cap += 7) {
			dy_gaz_hit ha[8], hb[8];
			size_t na = gaz_lookup(a, nm, strlen(nm), ha, cap);
			size_t nb = gaz_lookup(b, nm, strlen(nm), hb, cap);
			assert_int_equal(na, nb);
			for (size_t j = 0; j < na && j < cap; j++) {
				assert_int_equal(ha[j].flags, hb[j].flags);
				same_place(ha[j].place, hb[j].place);
			}
		}
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	dy_gazetteer *parsed = make_pair(tmp("t.tsv"), tmp("t.bin"));
	msgs m;
	msgs_open(&m);
	dy_gazetteer *mapped;
	assert_int_equal(gaz_load_file(&mapped, tmp("t.bin"), &m.dg), 0);
	assert_int_equal(m.dg.errors + m.dg.warnings, 0);
	same_answers(parsed, mapped);
	/* and the answers are the right ones, not merely equal */
	dy_gaz_hit h[8];
	assert_int_equal(gaz_lookup(mapped, "TRIPOLI", 7, h, 8), 2);
	assert_string_equal(h[0].place->cc, "LB");
	assert_string_equal(h[1].place->cc, "LY");
	assert_int_equal(gaz_lookup(mapped, "TRIPOLI", 7, h, 1), 2);
	assert_int_equal(gaz_lookup(mapped, "Sao Paulo", 9, h, 8), 1);
	assert_string_equal(h[0].place->admin1, "S\xc3\xa3o Paulo");
	assert_int_equal(gaz_lookup(mapped, "Orphan", 6, h, 8), 0); /* its line was skipped */
	assert_int_equal(gaz_probe(mapped, "new", 3), GAZ_PROBE_PREFIX);
	assert_int_equal(gaz_probe(mapped, "washington", 10), GAZ_PROBE_NAME | GAZ_PROBE_PREFIX);
	const dy_place *p = gaz_resolve(mapped, "Nowhere Land Without Points", 27, NULL, 0);
	assert_non_null(p);
	assert_true(isnan(p->lat) && isnan(p->lon));
	assert_int_equal(gaz_max_words(mapped), 4);
	const char *lbn[] = { "LBNGOV" };
	assert_string_equal(gaz_resolve(mapped, "Tripoli", 7, lbn, 1)->cc, "LB");
	assert_string_equal(gaz_resolve(mapped, "Tripoli", 7, NULL, 0)->cc, "LY");
	/* an image saved from a mapped image is the same image */
	assert_int_equal(gaz_save_image(mapped, tmp("bad.bin"), &m.dg), 0);
	size_t n1, n2;
	unsigned char *b1 = file_get(tmp("t.bin"), &n1), *b2 = file_get(tmp("bad.bin"), &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	free(b1);
	free(b2);
	gaz_free(mapped);
	gaz_free(parsed);
	msgs_close(&m);
}

/* Loading path as an image fails with one error naming it, leaving an
 * empty gazetteer that finds nothing. */
static void expect_refused(const char *path, const char *why)
{
	msgs m;
	msgs_open(&m);
	dy_gazetteer *g;
	if (gaz_load_file(&g, path, &m.dg) != -1) fail_msg("%s: image loaded", why);
	assert_non_null(g);
	assert_int_equal(m.dg.errors, 1);
	if (!strstr(msgs_text(&m), path)) fail_msg("%s: message does not name the file: %s", why, msgs_text(&m));
	dy_gaz_hit h[4];
	assert_int_equal(gaz_lookup(g, "Tripoli", 7, h, 4), 0);
	assert_int_equal(gaz_count(g, GAZ_CITY), 0);
	gaz_free(g);
	msgs_close(&m);
}

static void test_truncated(void **state)
{
	(void)state;
	gaz_free(make_pair(tmp("t.tsv"), tmp("t.bin")));
	size_t n;
	unsigned char *img = file_get(tmp("t.bin"), &n);
	const size_t cuts[] = { 8, sizeof (gaz_header) - 1, sizeof (gaz_header), n / 2, n - 8, n - 1 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		file_put(tmp("bad.bin"), img, cuts[i]);
		expect_refused(tmp("bad.bin"), "truncated");
	}
	/* longer than the header says */
	unsigned char *longer = calloc(1, n + 8);
	assert_non_null(longer);
	memcpy(longer, img, n);
	file_put(tmp("bad.bin"), longer, n + 8);
	expect_refused(tmp("bad.bin"), "padded");
	free(longer);
	free(img);
}

static void test_damaged_header(void **state)
{
	(void)state;
	gaz_free(make_pair(tmp("t.tsv"), tmp("t.bin")));
	size_t n;
	unsigned char *img = file_get(tmp("t.bin"), &n);
	/* version and byte order are read before the checksum: their own
	 * messages, not "damaged" */
	static const struct { size_t off; const char *why; } cases[] = {
		{ offsetof(gaz_header, version), "format version" },
		{ offsetof(gaz_header, byte_order), "byte order" },
		{ offsetof(gaz_header, cap), "damaged header" },
		{ offsetof(gaz_header, off) + 8 * GAZ_SEC_RECS + 1, "damaged header" },
		{ offsetof(gaz_header, utf8proc), "damaged header" },
		{ offsetof(gaz_header, check), "damaged header" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char *b = malloc(n);
		assert_non_null(b);
		memcpy(b, img, n);
		b[cases[i].off] ^= 0x40;
		file_put(tmp("bad.bin"), b, n);
		msgs m;
		msgs_open(&m);
		dy_gazetteer *g;
		assert_int_equal(gaz_load_file(&g, tmp("bad.bin"), &m.dg), -1);
		if (!strstr(msgs_text(&m), cases[i].why) || !strstr(msgs_text(&m), tmp("bad.bin")))
			fail_msg("byte %zu: message %s", cases[i].off, msgs_text(&m));
		gaz_free(g);
		msgs_close(&m);
		free(b);
	}
	free(img);
}

/* Every single-byte damage of the image, header or body: the load is refused
 * or the gazetteer answers lookups; never a crash or a read outside the
 * mapping (run under ASan). A damaged place record is refused. */
static void test_damaged_everywhere(void **state)
{
	(void)state;
	dy_gazetteer *parsed = make_pair(tmp("t.tsv"), tmp("t.bin"));
	size_t n;
	unsigned char *img = file_get(tmp("t.bin"), &n);
	gaz_header h;
	memcpy(&h, img, sizeof h);
	size_t refused = 0, loaded = 0;
	for (size_t off = 0; off < n; off++) {
		for (int v = 0; v < 2; v++) {
			unsigned char *b = malloc(n);
			assert_non_null(b);
			memcpy(b, img, n);
			b[off] = v ? (unsigned char)(b[off] ^ 0xff) : 0x7f;
			if (b[off] == img[off]) { free(b); continue; }
			dy_gazetteer g;
			memset(&g, 0, sizeof g);
			char why[160];
			if (gaz_image_attach(&g, b, n, 0, why, sizeof why)) {
				refused++;
				free(b);
				continue;
			}
			/* every header byte is covered by the checks */
			if (off < sizeof h) fail_msg("header byte %zu damaged, image loaded", off);
			loaded++;
			for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
				dy_gaz_hit hits[8];
				size_t k = gaz_lookup(&g, NAMES[i], strlen(NAMES[i]), hits, 8);
				for (size_t j = 0; j < k && j < 8; j++)
					assert_true(strlen(hits[j].place->name) < n);
				char key[GAZ_MAX_KEY];
				size_t kl = gaz_key(NAMES[i], strlen(NAMES[i]), key, sizeof key);
				(void)gaz_probe(&g, key, kl);
			}
			free(g.places);
			free(b);
		}
	}
	assert_true(refused >= sizeof h && loaded > 0);
	/* a place pointing outside the pool */
	unsigned char *b = malloc(n);
	assert_non_null(b);
	memcpy(b, img, n);
	gaz_placerec pr;
	memcpy(&pr, b + h.off[GAZ_SEC_PLACES], sizeof pr);
	pr.name = (uint32_t)h.size[GAZ_SEC_POOL];
	memcpy(b + h.off[GAZ_SEC_PLACES], &pr, sizeof pr);
	file_put(tmp("bad.bin"), b, n);
	expect_refused(tmp("bad.bin"), "place name outside the pool");
	free(b);
	free(img);
	gaz_free(parsed);
}

/* Finds in a $DYAD_DATA directory: which of the two files answered shows in
 * the data (the image is made from a TSV naming Tripoli "Tripoli", then the
 * TSV is changed to call it "Tarablus Sham"). */
static void test_stale(void **state)
{
	(void)state;
	const char *tsv = tmp("gazetteer.tsv"), *img = tmp("gazetteer.bin");
	gaz_free(make_pair(tsv, img));
	char *other = strdup(TSV);
	assert_non_null(other);
	char *at = strstr(other, "Tripoli|Trablous|Tripoli");
	assert_non_null(at);
	memcpy(at, "Tarablus Sham|Tripoli, L", 24); /* same length */
	char *old_dd = getenv("DYAD_DATA") ? strdup(getenv("DYAD_DATA")) : NULL;
	setenv("DYAD_DATA", tmpdir, 1);
	dy_gaz_hit h[8];

	/* 1. the image is newer: mapped, though the TSV says otherwise */
	file_put(tsv, other, strlen(other));
	touch(tsv, -100);
	touch(img, -10);
	msgs m;
	msgs_open(&m);
	dy_gazetteer *g;
	assert_int_equal(gaz_load(&g, &m.dg), 0);
	assert_int_equal(m.dg.warnings + m.dg.errors, 0);
	assert_int_equal(gaz_lookup(g, "Tarablus Sham", 13, h, 8), 0);
	assert_int_equal(gaz_lookup(g, "Tripoli", 7, h, 8), 2);
	gaz_free(g);
	msgs_close(&m);

	/* 2. the TSV is newer: stale, one warning naming the image, the TSV read */
	touch(tsv, 0);
	touch(img, -10);
	msgs_open(&m);
	assert_int_equal(gaz_load(&g, &m.dg), 0);
	assert_int_equal(m.dg.warnings, 1);
	assert_int_equal(m.dg.errors, 3); /* the TSV's malformed lines: it was parsed */
	assert_non_null(strstr(msgs_text(&m), img));
	assert_non_null(strstr(msgs_text(&m), "stale"));
	assert_int_equal(gaz_lookup(g, "Tarablus Sham", 13, h, 8), 1);
	gaz_free(g);
	msgs_close(&m);

	/* 3. the image is newer but made from a TSV of another size: stale */
	size_t on = strlen(other);
	other[on - 1] = 0; /* drop the last newline */
	file_put(tsv, other, on - 1);
	touch(tsv, -100);
	touch(img, 0);
	msgs_open(&m);
	assert_int_equal(gaz_load(&g, &m.dg), 0);
	assert_int_equal(m.dg.warnings, 1);
	assert_non_null(strstr(msgs_text(&m), "stale"));
	assert_int_equal(gaz_lookup(g, "Tarablus Sham", 13, h, 8), 1);
	gaz_free(g);
	msgs_close(&m);

	/* 4. another format version: a warning naming the image, the TSV read */
	size_t n;
	unsigned char *b = file_get(img, &n);
	b[offsetof(gaz_header, version)] ^= 0x02;
	file_put(img, b, n);
	touch(tsv, -100);
	msgs_open(&m);
	assert_int_equal(gaz_load(&g, &m.dg), 0);
	assert_int_equal(m.dg.warnings, 1);
	assert_non_null(strstr(msgs_text(&m), img));
	assert_non_null(strstr(msgs_text(&m), "format version"));
	assert_int_equal(gaz_lookup(g, "Tarablus Sham", 13, h, 8), 1);
	gaz_free(g);
	msgs_close(&m);

	/* 5. an image alone is used; a bad one alone is an error naming it */
	b[offsetof(gaz_header, version)] ^= 0x02;
	file_put(img, b, n);
	remove(tsv);
	msgs_open(&m);
	assert_int_equal(gaz_load(&g, &m.dg), 0);
	assert_int_equal(m.dg.warnings + m.dg.errors, 0);
	assert_int_equal(gaz_lookup(g, "Tripoli", 7, h, 8), 2);
	assert_string_equal(gaz_find_file(), img);
	gaz_free(g);
	msgs_close(&m);
	file_put(img, b, n / 2);
	msgs_open(&m);
	assert_int_equal(gaz_load(&g, &m.dg), -1);
	assert_int_equal(m.dg.errors, 1);
	assert_non_null(strstr(msgs_text(&m), img));
	gaz_free(g);
	msgs_close(&m);
	remove(img);

	free(b);
	free(other);
	if (old_dd) {
		setenv("DYAD_DATA", old_dd, 1);
		free(old_dd);
	} else {
		unsetenv("DYAD_DATA");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_damaged_header),
		cmocka_unit_test(test_damaged_everywhere),
		cmocka_unit_test(test_stale),
	};
	return cmocka_run_group_tests_name("gaz_image", tests, setup, teardown);
}
