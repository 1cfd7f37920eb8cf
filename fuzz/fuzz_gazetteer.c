/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the gazetteer loaders (src/enrich/gazetteer.c,
 * gaz_image.c). Each input is used twice:
 *   1. as a TSV file: parsed, looked up, saved as an image, the image loaded
 *      back through mmap, and every lookup compared (they must agree);
 *   2. as damage to a valid image (of a small built-in TSV): each 3 bytes
 *      are a 16-bit offset and a byte written there; the damaged image is
 *      checked and, when accepted, looked up (no read may leave it).
 * Build and run (from the checkout top):
 *   make build-fuzz/fuzz_gazetteer && cd build-fuzz && ./fuzz_gazetteer -max_total_time=60 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enrich/gaz_image.h"
#include "enrich/gazetteer.h"
#include "util/diag.h"

static const char *const NAMES[] = {
	"Tripoli", "Trablous", "New Delhi", "new", "Delhi", "Nice", "Washington", "Sao Paulo",
	"a", "b", "a b", "A B C", "x", "\xc3\xa9", "Georgia",
};

static const char SEED[] =
	"C\t0\tLB\tLBN\t\t\t33.9\t35.5\t4000000\tLebanon\n"
	"R\t0\tUS\tUSA\tUS-GA\tGeorgia\t32.7\t-83.4\t4600000\tGeorgia\n"
	"P\t266826\tLB\tLBN\tPPLA\tNorth\t34.43\t35.84\t229398\tTripoli|Trablous\n"
	"P\t2210247\tLY\tLBY\tPPLC\tTripoli\t32.88\t13.18\t1150989\tTripoli|Tarabulus\n"
	"P\t1273294\tIN\tIND\tPPL\tDelhi\t28.65\t77.23\t10927986\tDelhi|New Delhi\n"
	"P\t2990440\tFR\tFRA\tPPLA2\tAlpes\t43.70\t7.27\t338620\t~Nice\n"
	"P\t4140963\tUS\tUSA\tPPLC\tD.C.\t38.89\t-77.04\t601723\t^Washington|Washington D C\n";

static size_t lookups(const dy_gazetteer *g, dy_gaz_hit *out /* 8 per name */, size_t *counts)
{
	size_t total = 0;
	for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
		counts[i] = gaz_lookup(g, NAMES[i], strlen(NAMES[i]), out + 8 * i, 8);
		for (size_t j = 0; j < counts[i] && j < 8; j++) total += strlen(out[8 * i + j].place->name);
		char key[GAZ_MAX_KEY];
		size_t kl = gaz_key(NAMES[i], strlen(NAMES[i]), key, sizeof key);
		total += gaz_probe(g, key, kl);
	}
	return total;
}

static int file_write(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f) return -1;
	int ok = fwrite(data, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static void as_tsv(const uint8_t *data, size_t size)
{
	char tsv[] = "/tmp/fuzz_gaz_XXXXXX";
	int fd = mkstemp(tsv);
	if (fd < 0) return;
	close(fd);
	char img[sizeof tsv + 4];
	snprintf(img, sizeof img, "%s.bin", tsv);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *a = NULL, *b = NULL;
	if (file_write(tsv, data, size) == 0 && gaz_load_file(&a, tsv, &dg) == 0 &&
	    gaz_save_image(a, img, &dg) == 0 && gaz_load_file(&b, img, &dg) == 0) {
		enum { N = sizeof NAMES / sizeof NAMES[0] };
		static dy_gaz_hit ha[8 * N], hb[8 * N];
		size_t ca[N], cb[N];
		lookups(a, ha, ca);
		lookups(b, hb, cb);
		for (size_t i = 0; i < N; i++) {
			if (ca[i] != cb[i]) abort();
			for (size_t j = 0; j < ca[i] && j < 8; j++)
				if (strcmp(ha[8 * i + j].place->name, hb[8 * i + j].place->name) ||
				    ha[8 * i + j].flags != hb[8 * i + j].flags)
					abort();
		}
		if (gaz_keys(a) != gaz_keys(b) || gaz_max_words(a) != gaz_max_words(b)) abort();
	}
	gaz_free(a);
	gaz_free(b);
	remove(tsv);
	remove(img);
}

static unsigned char *seed_img;
static size_t seed_size;

static void seed_make(void)
{
	char tsv[] = "/tmp/fuzz_gaz_seed_XXXXXX";
	int fd = mkstemp(tsv);
	if (fd < 0) abort();
	close(fd);
	char img[sizeof tsv + 4];
	snprintf(img, sizeof img, "%s.bin", tsv);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_gazetteer *g;
	if (file_write(tsv, SEED, sizeof SEED - 1) || gaz_load_file(&g, tsv, &dg) || gaz_save_image(g, img, &dg))
		abort();
	gaz_free(g);
	FILE *f = fopen(img, "rb");
	if (!f) abort();
	fseek(f, 0, SEEK_END);
	seed_size = (size_t)ftell(f);
	rewind(f);
	seed_img = malloc(seed_size);
	if (!seed_img || fread(seed_img, 1, seed_size, f) != seed_size) abort();
	fclose(f);
	remove(tsv);
	remove(img);
}

static void as_damage(const uint8_t *data, size_t size)
{
	if (!seed_img) seed_make();
	unsigned char *b = malloc(seed_size);
	if (!b) return;
	memcpy(b, seed_img, seed_size);
	for (size_t i = 0; i + 3 <= size; i += 3) {
		size_t off = ((size_t)data[i] << 8 | data[i + 1]) % seed_size;
		b[off] = data[i + 2];
	}
	dy_gazetteer g;
	memset(&g, 0, sizeof g);
	char why[160];
	if (gaz_image_attach(&g, b, seed_size, 0, why, sizeof why) == 0) {
		enum { N = sizeof NAMES / sizeof NAMES[0] };
		static dy_gaz_hit h[8 * N];
		size_t c[N];
		lookups(&g, h, c);
		free(g.places);
	}
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_tsv(data, size);
	as_damage(data, size);
	return 0;
}
