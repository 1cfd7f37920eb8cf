/* SPDX-License-Identifier: MIT */
/* Gazetteer loader and name lookup (see gazetteer.h for the contract, the
 * file search order and the folded-key rule; docs/gazetteer.md for the data).
 *
 * A loaded gazetteer is always a binary image (gaz_image.h): mapped from
 * gazetteer.bin when a fresh one lies beside the TSV, else made in memory by
 * parsing the TSV into a gaz_builder. The parser here is the only reader of
 * the TSV; tools/gaz_image.c saves what it makes, so a TSV and its image
 * cannot disagree. Lookups hash the folded key (FNV-1a), probe the image's
 * slots linearly and copy the key's hits, which lie together in file order. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "enrich/gaz_image.h"
#include "enrich/gazetteer.h"
#include "util/bytes.h"
#include "util/xalloc.h"

#define GAZ_FILE  "gazetteer.tsv"
#define GAZ_IMAGE "gazetteer.bin"

/* An ASCII byte's folded form: lower-case letter or digit; 0 for the others,
 * which separate words. */
static const unsigned char key_ascii[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
	['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
	['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
	['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
	['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* One ASCII byte c into a key: a letter or digit is written folded (after
 * one blank when a separator came before it and the key is not empty),
 * anything else only marks a separator. 0 when out is full. */
static inline __attribute__((always_inline))
int key_put_ascii(unsigned char c, char *out, size_t cap, size_t *o, int *sep)
{
	unsigned char f = key_ascii[c];
	if (!f) {
		*sep = 1;
		return 1;
	}
	if (*sep) {
		if (*o) {
			if (*o + 1 >= cap) return 0;
			out[(*o)++] = ' ';
		}
		*sep = 0;
	}
	if (*o + 1 >= cap) return 0;
	out[(*o)++] = (char)f;
	return 1;
}

/* gaz_key() from s[i] on, with o bytes of out written and sep set after a
 * separator: any text. Apart from the ASCII loop of gaz_key() so that its
 * calls into utf8proc do not make that loop keep its variables on the stack. */
static size_t __attribute__((noinline))
key_fold(const char *s, size_t n, char *out, size_t cap, size_t i, size_t o, int sep)
{
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			if (!key_put_ascii(c, out, cap, &o, &sep)) goto full;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (l <= 0) { i++; sep = 1; continue; }
		i += (size_t)l;
		utf8proc_int32_t dec[8];
		int last = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 8,
			UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
		if (nd <= 0 || nd > 8) { sep = 1; continue; }
		for (utf8proc_ssize_t k = 0; k < nd; k++) {
			utf8proc_category_t cat = utf8proc_category(dec[k]);
			int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			            (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
			if (!alnum) { sep = 1; continue; }
			if (sep && o) { if (o + 1 >= cap) goto full; out[o++] = ' '; }
			sep = 0;
			if (o + 4 >= cap) goto full;
			o += (size_t)utf8proc_encode_char(dec[k], (utf8proc_uint8_t *)out + o);
		}
	}
	out[o] = 0;
	return o;
full:
	out[0] = 0;
	return 0;
}

size_t gaz_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0, i = 0;
	int sep = 0;
	if (cap == 0) return 0;
	/* ASCII by table, in a loop of its own: this runs for every
	 * capitalised word of every sentence, where ctype calls or range tests
	 * cost more than the rest of the loop; the first other byte hands over
	 * to key_fold() */
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) return key_fold(s, n, out, cap, i, o, sep);
		if (!key_put_ascii(c, out, cap, &o, &sep)) goto full;
	}
	out[o] = 0;
	return o;
full:
	out[0] = 0;
	return 0;
}

static dy_gazetteer *gaz_empty(void)
{
	dy_gazetteer *g = xcalloc(1, sizeof *g);
	return g;
}

/* A field of plain decimal digits ("-12.5", "103098") as strtod() reads it:
 * at most 15 digits make an exact integer, and 10^k (k <= 22) is exact, so
 * the one division rounds just as strtod() does. Returns 0 when s is not of
 * that form (strtod() then reads it). */
static int num_plain(const char *s, double *out)
{
	int neg = *s == '-';
	s += neg || *s == '+';
	uint64_t m = 0;
	int digits = 0, frac = 0, dot = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			m = m * 10 + (uint64_t)(*s - '0');
			digits++;
			frac += dot;
		} else if (*s == '.' && !dot) {
			dot = 1;
		} else {
			return 0;
		}
		if (digits > 15) return 0;
	}
	if (!digits) return 0;
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15 };
	double v = frac ? (double)m / pow10[frac] : (double)m;
	*out = neg ? -v : v;
	return 1;
}

static double num_field(const char *s)
{
	if (!*s) return NAN;
	double v;
	if (num_plain(s, &v)) return v;
	char *end;
	v = strtod(s, &end);
	return *end ? NAN : v;
}

/* strtoul(s, NULL, 10) with a fast path for plain digits. */
static unsigned long id_field(const char *s)
{
	unsigned long v = 0;
	size_t i = 0;
	for (; s[i] >= '0' && s[i] <= '9' && i < 18; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	if (i && i < 18 && (s[i] == '\0' || s[i] == '\t')) return v;
	return strtoul(s, NULL, 10);
}

/* Parses data[0..n) (NUL-terminated, cut in place) into b. */
static void gaz_parse(gaz_builder *b, char *data, size_t n, const char *path, dy_diag *dg)
{
	char *p = data, *end = data + n;
	long ln = 0;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p;
		if (nl) *nl = 0;
		p = nl ? nl + 1 : end;
		ln++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r') line[--len] = 0;
		if (!len || line[0] == '#') continue;
		char *f[10];
		int nf = 0;
		for (char *s = line; nf < 10;) {
			f[nf++] = s;
			char *t = strchr(s, '\t');
			if (!t) break;
			*t = 0;
			s = t + 1;
		}
		int kind = f[0][0] == 'C' ? GAZ_COUNTRY : f[0][0] == 'R' ? GAZ_REGION : f[0][0] == 'P' ? GAZ_CITY : 0;
		if (nf != 10 || !kind || f[0][1] || strlen(f[2]) != 2 || strlen(f[3]) != 3) {
			diag_error(dg, path, ln, "gazetteer: expected 10 tab-separated fields (kind C/R/P, id, cc, cc3, ...); line skipped");
			continue;
		}
		/* the display name is the first name without its marks; checked
		 * before any name is indexed, so a skipped line indexes nothing */
		char *name = f[9];
		while (*name == '~' || *name == '^') name++;
		if (!*name || *name == '|') {
			diag_error(dg, path, ln, "gazetteer: place without a name; line skipped");
			continue;
		}
		if (b->n_places >= GAZ_MAX_PLACES) {
			diag_error(dg, path, ln, "gazetteer: more than %d places; line skipped", GAZ_MAX_PLACES);
			continue;
		}
		if (b->n_places == b->places_cap) {
			b->places_cap *= 2;
			b->places = xrealloc(b->places, b->places_cap * sizeof *b->places);
		}
		gaz_placerec *pl = &b->places[b->n_places];
		memset(pl, 0, sizeof *pl);
		pl->kind = (uint8_t)kind;
		unsigned long id = id_field(f[1]);
		pl->geonames_id = id > UINT32_MAX ? 0 : (uint32_t)id;
		memcpy(pl->cc, f[2], 3);
		memcpy(pl->cc3, f[3], 4);
		pl->code = gaz_builder_str(b, f[4], strlen(f[4]));
		pl->admin1 = gaz_builder_str(b, f[5], strlen(f[5]));
		pl->lat = num_field(f[6]);
		pl->lon = num_field(f[7]);
		if (!isnan(pl->lat) && (fabs(pl->lat) > 90 || isnan(pl->lon) || fabs(pl->lon) > 180))
			pl->lat = pl->lon = NAN;
		if (isnan(pl->lat) || isnan(pl->lon)) pl->lat = pl->lon = NAN;
		double pop = num_field(f[8]);
		pl->population = isnan(pop) || pop < 0 ? 0 : pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
		uint32_t idx = (uint32_t)b->n_places;
		int first = 1;
		for (char *s = f[9]; s && *s;) {
			char *bar = strchr(s, '|');
			if (bar) *bar = 0;
			unsigned flags = first ? 0 : GAZ_HIT_ALT;
			while (*s == '~' || *s == '^') {
				flags |= *s == '~' ? GAZ_HIT_COMMON : GAZ_HIT_PREFERRED;
				s++;
			}
			size_t sl = strlen(s);
			if (first) pl->name = gaz_builder_str(b, s, sl);
			first = 0;
			char key[GAZ_MAX_KEY];
			size_t kl = sl <= GAZ_MAX_NAME ? gaz_key(s, sl, key, sizeof key) : 0;
			size_t words = 1;
			for (size_t i = 0; i < kl; i++) words += key[i] == ' ';
			if (kl && words <= GAZ_MAX_WORDS) gaz_builder_key(b, key, kl, idx, flags);
			s = bar ? bar + 1 : NULL;
		}
		b->n_places++;
	}
}

/* Parses the TSV at path into g (an image in memory). */
static int gaz_load_tsv(dy_gazetteer *g, const char *path, dy_diag *dg)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_error(dg, path, 0, "gazetteer: cannot open: %s", strerror(errno));
		return -1;
	}
	long size = -1;
	if (fseek(fp, 0, SEEK_END) == 0) size = ftell(fp);
	if (size < 0 || size > GAZ_MAX_FILE || fseek(fp, 0, SEEK_SET) != 0) {
		diag_error(dg, path, 0, "gazetteer: not a regular file or larger than %d bytes", GAZ_MAX_FILE);
		fclose(fp);
		return -1;
	}
	char *data = xmalloc((size_t)size + 1);
	size_t got = fread(data, 1, (size_t)size, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad || got != (size_t)size) {
		diag_error(dg, path, 0, "gazetteer: read error");
		free(data);
		return -1;
	}
	data[got] = 0;
	/* a text file holds no NUL: this is an image whose magic was damaged,
	 * or not a gazetteer at all, and reading it as lines would only give a
	 * warning for each of thousands of "lines" */
	if (memchr(data, 0, got)) {
		diag_error(dg, path, 0, "gazetteer: binary data that is not a gazetteer image "
		           "(a damaged gazetteer.bin?); expected a TSV or an image");
		free(data);
		return -1;
	}
	/* one table read and one add a byte: lines count in the high half,
	 * name separators in the low (GAZ_MAX_FILE keeps both under 2^32), to
	 * size the tables once */
	static const uint64_t weight[256] = { ['\n'] = 1ull << 32, ['|'] = 1, [' '] = 1, ['-'] = 1 };
	uint64_t sum = 0;
	for (size_t i = 0; i < got; i++)
		sum += weight[(unsigned char)data[i]];
	size_t lines = 1 + (size_t)(sum >> 32), bars = (size_t)(sum & 0xffffffffu);
	gaz_builder b;
	gaz_builder_init(&b, lines + bars, lines);
	b.source_size = got;
	gaz_parse(&b, data, got, path, dg);
	free(data);
	size_t img_size;
	unsigned char *img = gaz_builder_finish(&b, &img_size);
	gaz_builder_free(&b);
	char why[160];
	if (!img) {
		diag_error(dg, path, 0, "gazetteer: too many names for the table's 32-bit offsets");
		return -1;
	}
	if (gaz_image_attach(g, img, img_size, 0, why, sizeof why)) {
		/* the builder made it: a bug, not bad input */
		diag_error(dg, path, 0, "gazetteer: internal error: %s", why);
		free(img);
		return -1;
	}
	return 0;
}

int gaz_load_file(dy_gazetteer **out, const char *path, dy_diag *dg)
{
	dy_gazetteer *g = gaz_empty();
	*out = g;
	if (!gaz_image_sniff(path)) return gaz_load_tsv(g, path, dg);
	char why[160];
	if (gaz_image_map(g, path, NULL, why, sizeof why) == GAZ_IMG_OK) return 0;
	diag_error(dg, path, 0, "gazetteer: bad image: %s", why);
	return -1;
}

static int file_ok(const char *p)
{
	return access(p, R_OK) == 0;
}

enum { HAVE_TSV = 1, HAVE_IMAGE = 2 };

/* The first directory of the search order (gazetteer.h) holding the TSV or
 * its image: fills tsv and img with both paths there and says which exist
 * (HAVE_*); 0 when none does. */
static int data_find(char *tsv, char *img, size_t cap)
{
	char dirs[8][PATH_MAX + 16];
	size_t nd = 0;
	const char *env = getenv("DYAD_DATA");
	if (env && *env && strlen(env) < PATH_MAX)
		snprintf(dirs[nd++], sizeof dirs[0], "%s", env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) *slash = 0;
		static const char *rel[] = { "build/gen", "gen", "../gen", "share/dyad", "../share/dyad" };
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
			snprintf(dirs[nd++], sizeof dirs[0], "%s/%s", exe, rel[i]);
	}
	snprintf(dirs[nd++], sizeof dirs[0], "/usr/local/share/dyad");
	snprintf(dirs[nd++], sizeof dirs[0], "/usr/share/dyad");
	for (size_t i = 0; i < nd; i++) {
		if (snprintf(tsv, cap, "%s/%s", dirs[i], GAZ_FILE) >= (int)cap ||
		    snprintf(img, cap, "%s/%s", dirs[i], GAZ_IMAGE) >= (int)cap)
			continue;
		int have = (file_ok(tsv) ? HAVE_TSV : 0) | (file_ok(img) ? HAVE_IMAGE : 0);
		if (have) return have;
	}
	return 0;
}

const char *gaz_find_file(void)
{
	static char tsv[PATH_MAX + 64], img[PATH_MAX + 64];
	int have = data_find(tsv, img, sizeof tsv);
	return have & HAVE_TSV ? tsv : have ? img : NULL;
}

int gaz_load(dy_gazetteer **out, dy_diag *dg)
{
	char tsv[PATH_MAX + 64], img[PATH_MAX + 64];
	int have = data_find(tsv, img, sizeof tsv);
	dy_gazetteer *g = gaz_empty();
	*out = g;
	if (!have) {
		diag_warn(dg, NULL, 0, "gazetteer: %s not found (looked in $DYAD_DATA, "
		           "next to the binary and in /usr/local/share/dyad); places are not resolved", GAZ_FILE);
		return -1;
	}
	if (have & HAVE_IMAGE) {
		struct stat st;
		int with_tsv = (have & HAVE_TSV) && stat(tsv, &st) == 0;
		char why[160];
		int rc = gaz_image_map(g, img, with_tsv ? &st : NULL, why, sizeof why);
		if (rc == GAZ_IMG_OK) return 0;
		if (!with_tsv) {
			diag_error(dg, img, 0, "gazetteer: bad image: %s", why);
			return -1;
		}
		diag_warn(dg, img, 0, "gazetteer: %s image (%s); reading %s instead",
		          rc == GAZ_IMG_STALE ? "stale" : "bad", why, GAZ_FILE);
	}
	return gaz_load_tsv(g, tsv, dg);
}

void gaz_free(dy_gazetteer *g)
{
	if (!g) return;
	if (g->img && g->mapped) munmap((void *)g->img, g->img_size);
	else free((void *)g->img);
	free(g->places);
	free(g);
}

size_t gaz_count(const dy_gazetteer *g, int kind)
{
	return kind >= GAZ_COUNTRY && kind <= GAZ_CITY ? g->counts[kind] : 0;
}

size_t gaz_keys(const dy_gazetteer *g) { return g->n_keys; }
size_t gaz_max_words(const dy_gazetteer *g) { return g->max_words; }

/* The record of key k[0..n), or NULL. Slots are 8 bytes (hash, record) so a
 * probe run stays in one or two cache lines; the record holds the key and
 * its hits together, so a found key costs one more line. Every offset read
 * from the image is checked against its section before use. */
static inline __attribute__((always_inline))
const gaz_rec *rec_find(const dy_gazetteer *g, const char *k, size_t n)
{
	uint32_t h = gaz_key_hash(k, n);
	size_t mask = g->cap - 1, i = h & mask;
	for (size_t probe = 0; probe < g->max_probe; probe++, i = (i + 1) & mask) {
		const gaz_slot *s = &g->slots[i];
		if (s->rec == GAZ_EMPTY) return NULL;
		if (s->hash != h) continue;
		size_t off = s->rec;
		/* the record's head and n key bytes lie in the section */
		if (off % 4 || off + sizeof (gaz_rec) + n > g->recs_size) return NULL;
		const gaz_rec *r = (const gaz_rec *)(g->recs + off);
		if (r->len == n && bytes_same((const char *)(r + 1), k, n)) return r;
	}
	return NULL;
}

size_t gaz_lookup(const dy_gazetteer *g, const char *name, size_t n, dy_gaz_hit *out, size_t cap)
{
	char key[GAZ_MAX_KEY];
	if (!g->cap || n > GAZ_MAX_NAME * 2) return 0;
	size_t kl = gaz_key(name, n, key, sizeof key);
	if (!kl) return 0;
	return gaz_lookup_key(g, key, kl, out, cap);
}

size_t gaz_lookup_key(const dy_gazetteer *g, const char *key, size_t kl, dy_gaz_hit *out, size_t cap)
{
	if (!g->cap || !kl) return 0;
	const gaz_rec *r = rec_find(g, key, kl);
	if (!r) return 0;
	size_t count = r->n_hits, m = count < cap ? count : cap;
	size_t key4 = ((size_t)r->len + 3) & ~(size_t)3;
	if (key4 + 4 * count > g->recs_size - (size_t)((const unsigned char *)(r + 1) - g->recs))
		return 0; /* a damaged image: the hits run past the section */
	const uint32_t *hw = (const uint32_t *)((const char *)(r + 1) + key4);
	/* past cap, the last cap hits, in file order (as the loader has always
	 * given them) */
	hw += count - m;
	for (size_t i = 0; i < m; i++) {
		uint32_t p = hw[i] >> GAZ_HIT_SHIFT;
		if (p >= g->n_places) return 0; /* a damaged image: the name is not found */
		out[i].place = &g->places[p];
		out[i].flags = hw[i] & ((1u << GAZ_HIT_SHIFT) - 1);
	}
	return count;
}

unsigned gaz_probe(const dy_gazetteer *g, const char *key, size_t n)
{
	if (!g->cap) return 0;
	const gaz_rec *r = rec_find(g, key, n);
	if (!r) return 0;
	return (r->n_hits ? GAZ_PROBE_NAME : 0) | (r->prefix ? GAZ_PROBE_PREFIX : 0);
}

static int actor_has(const char *cc3, const char *const *actors, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (actors[i] && strlen(actors[i]) >= 3 && !memcmp(actors[i], cc3, 3)) return 1;
	return 0;
}

/* Scores in log10(people): an actor's country counts as twenty times the
 * people (Tripoli, Lebanon, 0.2 M, beats Tripoli, Libya, 1.2 M, for a
 * Lebanese actor; Paris, Texas, 25,000, never beats Paris, France); a country
 * as ten times its towns (Georgia the country, 2.4 M in towns, beats the US
 * state, 4.6 M, unless an actor is American); news usage ("Washington" is the
 * capital) adds a thousandfold. Countries and regions without town data get
 * fixed sizes. */
int gaz_pick(const dy_gaz_hit *hits, size_t n, const char *const *actors, size_t n_actors)
{
	int best = -1;
	double best_score = -INFINITY;
	/* "New Delhi" is a city's own name and an alternate name of Delhi: a
	 * town of some size called so by its own name is the one meant */
	int own_name_town = 0;
	for (size_t i = 0; i < n; i++) {
		const dy_place *p = hits[i].place;
		if (p->kind == GAZ_CITY && !(hits[i].flags & GAZ_HIT_ALT) &&
		    (p->population >= 100000 || !strcmp(p->code, "PPLC")))
			own_name_town = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const dy_place *p = hits[i].place;
		if (own_name_town && p->kind == GAZ_CITY &&
		    (hits[i].flags & (GAZ_HIT_ALT | GAZ_HIT_PREFERRED)) == GAZ_HIT_ALT)
			continue;
		if (p->kind == GAZ_REGION) {
			/* "Beijing" the municipality and the city: the city */
			int shadowed = 0;
			for (size_t j = 0; j < n && !shadowed; j++)
				shadowed = hits[j].place->kind == GAZ_CITY && !memcmp(hits[j].place->cc, p->cc, 2);
			if (shadowed) continue;
		}
		double s = log10((double)p->population + 1);
		if (p->kind == GAZ_COUNTRY) s = (p->population ? s : 7.0) + 1.0;
		if (p->kind == GAZ_REGION && !p->population) s = 5.0;
		if (hits[i].flags & GAZ_HIT_ALT) s -= 0.3;
		if (hits[i].flags & GAZ_HIT_PREFERRED) s += 3.0;
		if (actor_has(p->cc3, actors, n_actors)) s += 1.3;
		if (s > best_score) {
			best_score = s;
			best = (int)i;
		}
	}
	return best;
}

const dy_place *gaz_resolve(const dy_gazetteer *g, const char *name, size_t n,
                            const char *const *actors, size_t n_actors)
{
	dy_gaz_hit hits[64];
	size_t k = gaz_lookup(g, name, n, hits, 64);
	if (k > 64) k = 64;
	int i = gaz_pick(hits, k, actors, n_actors);
	return i < 0 ? NULL : hits[i].place;
}
