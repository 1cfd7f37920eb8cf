/* SPDX-License-Identifier: MIT */
/* Gazetteer loader and name lookup (see gazetteer.h for the contract, the
 * file search order and the folded-key rule; docs/gazetteer.md for the data).
 *
 * The whole data file is read into one buffer and cut in place: places point
 * into it. Names are folded into a key pool and indexed by an open-addressing
 * hash table (FNV-1a, linear probing) whose slots head a chain of hits, one
 * hit per (key, place). The table is sized once from the file's name count,
 * so loading never rehashes. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "enrich/gazetteer.h"
#include "util/xalloc.h"

#define GAZ_FILE "gazetteer.tsv"
#define NO_HIT UINT32_MAX

typedef struct gaz_slot {
	uint32_t key;   /* offset in the key pool; UINT32_MAX: empty */
	uint32_t len;
	uint32_t hash;
	uint32_t first; /* first hit of the chain; NO_HIT: only a prefix */
	uint32_t prefix;/* 1: a longer name starts with this key and a space */
} gaz_slot;

typedef struct gaz_hitrec {
	uint32_t place;
	uint32_t flags;
	uint32_t next;  /* NO_HIT ends the chain */
} gaz_hitrec;

struct dy_gazetteer {
	char       *data;      /* the file, cut in place */
	dy_place   *places;
	size_t      n_places;
	char       *pool;      /* folded keys, NUL-separated */
	size_t      pool_len, pool_cap;
	gaz_slot   *slots;
	size_t      cap;       /* power of two */
	size_t      n_keys;
	gaz_hitrec *hits;
	size_t      n_hits, hits_cap;
	size_t      counts[4];
	size_t      max_words;
};

static uint32_t key_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

size_t gaz_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	int sep = 0;
	if (cap == 0) return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			/* ASCII by hand: the ctype calls cost more than the rest of
			 * the loop, and this runs for every word of every sentence */
			int up = c >= 'A' && c <= 'Z';
			if (up || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (sep && o) { if (o + 1 >= cap) goto full; out[o++] = ' '; }
				sep = 0;
				if (o + 1 >= cap) goto full;
				out[o++] = (char)(up ? c + ('a' - 'A') : c);
			} else {
				sep = 1;
			}
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

static gaz_slot *slot_find(const dy_gazetteer *g, const char *k, size_t n, uint32_t h)
{
	if (!g->cap) return NULL;
	size_t i = h & (g->cap - 1);
	for (;;) {
		gaz_slot *s = &g->slots[i];
		if (s->key == UINT32_MAX) return s;
		if (s->hash == h && s->len == n && !memcmp(g->pool + s->key, k, n)) return s;
		i = (i + 1) & (g->cap - 1);
	}
}

/* The slot of key k[0..n), made when missing; NULL when the table is full. */
static gaz_slot *slot_make(dy_gazetteer *g, const char *k, size_t n)
{
	uint32_t h = key_hash(k, n);
	gaz_slot *s = slot_find(g, k, n, h);
	if (s->key == UINT32_MAX) {
		if ((g->n_keys + 1) * 2 > g->cap) return NULL; /* sized from the file: cannot happen */
		if (g->pool_len + n + 1 > g->pool_cap) {
			g->pool_cap = (g->pool_cap + n + 1) * 2;
			g->pool = xrealloc(g->pool, g->pool_cap);
		}
		memcpy(g->pool + g->pool_len, k, n + 1);
		s->key = (uint32_t)g->pool_len;
		s->len = (uint32_t)n;
		s->hash = h;
		s->first = NO_HIT;
		s->prefix = 0;
		g->pool_len += n + 1;
		g->n_keys++;
	}
	return s;
}

static void key_add(dy_gazetteer *g, const char *k, size_t n, uint32_t place, unsigned flags)
{
	/* "gaza" and "new" lead to "gaza city" and "new delhi": matching extends
	 * a run of words only while some name goes on */
	for (size_t i = 0; i < n; i++) {
		if (k[i] != ' ') continue;
		gaz_slot *ps = slot_make(g, k, i);
		if (!ps) return;
		ps->prefix = 1;
	}
	gaz_slot *s = slot_make(g, k, n);
	if (!s) return;
	if (s->first != NO_HIT && g->hits[s->first].place == place) {
		return; /* two names of one place folding alike: the first one counts */
	}
	if (g->n_hits == g->hits_cap) {
		g->hits_cap = g->hits_cap ? g->hits_cap * 2 : 4096;
		g->hits = xrealloc(g->hits, g->hits_cap * sizeof *g->hits);
	}
	g->hits[g->n_hits] = (gaz_hitrec){ place, flags, s->first };
	s->first = (uint32_t)g->n_hits++;
	size_t words = 1;
	for (size_t i = 0; i < n; i++) words += k[i] == ' ';
	if (words > g->max_words) g->max_words = words;
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

/* Parses the buffer g->data (NUL-terminated, n bytes). */
static void gaz_parse(dy_gazetteer *g, size_t n, const char *path, dy_diag *dg)
{
	/* one table read and one add a byte (this loop runs over the whole
	 * file): lines count in the high half, name separators in the low
	 * (GAZ_MAX_FILE keeps both under 2^32) */
	static const uint64_t weight[256] = { ['\n'] = 1ull << 32, ['|'] = 1, [' '] = 1, ['-'] = 1 };
	uint64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += weight[(unsigned char)g->data[i]];
	size_t lines = 1 + (size_t)(sum >> 32), bars = (size_t)(sum & 0xffffffffu);
	/* names, plus the word prefixes of multi-word names, at most half full */
	size_t want = (lines + bars) * 2 + 16, cap = 1024;
	while (cap < want) cap *= 2;
	g->cap = cap;
	g->slots = xmalloc(cap * sizeof *g->slots);
	for (size_t i = 0; i < cap; i++) g->slots[i].key = UINT32_MAX;
	g->places = xcalloc(lines, sizeof *g->places);
	g->pool_cap = n + 1;
	g->pool = xmalloc(g->pool_cap);

	char *p = g->data, *end = g->data + n;
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
		dy_place *pl = &g->places[g->n_places];
		memset(pl, 0, sizeof *pl);
		pl->kind = (uint8_t)kind;
		unsigned long id = id_field(f[1]);
		pl->geonames_id = id > UINT32_MAX ? 0 : (uint32_t)id;
		memcpy(pl->cc, f[2], 3);
		memcpy(pl->cc3, f[3], 4);
		pl->code = f[4];
		pl->admin1 = f[5];
		pl->lat = num_field(f[6]);
		pl->lon = num_field(f[7]);
		if (!isnan(pl->lat) && (fabs(pl->lat) > 90 || isnan(pl->lon) || fabs(pl->lon) > 180))
			pl->lat = pl->lon = NAN;
		if (isnan(pl->lat) || isnan(pl->lon)) pl->lat = pl->lon = NAN;
		double pop = num_field(f[8]);
		pl->population = isnan(pop) || pop < 0 ? 0 : pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
		pl->name = NULL;
		uint32_t idx = (uint32_t)g->n_places;
		int first = 1;
		for (char *s = f[9]; s && *s;) {
			char *bar = strchr(s, '|');
			if (bar) *bar = 0;
			unsigned flags = first ? 0 : GAZ_HIT_ALT;
			while (*s == '~' || *s == '^') {
				flags |= *s == '~' ? GAZ_HIT_COMMON : GAZ_HIT_PREFERRED;
				s++;
			}
			if (first) pl->name = s;
			first = 0;
			char key[GAZ_MAX_NAME * 2 + 8];
			size_t kl = strlen(s) <= GAZ_MAX_NAME ? gaz_key(s, strlen(s), key, sizeof key) : 0;
			size_t words = 1;
			for (size_t i = 0; i < kl; i++) words += key[i] == ' ';
			if (kl && words <= GAZ_MAX_WORDS) key_add(g, key, kl, idx, flags);
			s = bar ? bar + 1 : NULL;
		}
		if (!pl->name || !*pl->name) {
			diag_error(dg, path, ln, "gazetteer: place without a name; line skipped");
			continue;
		}
		g->counts[kind]++;
		g->n_places++;
	}
}

int gaz_load_file(dy_gazetteer **out, const char *path, dy_diag *dg)
{
	dy_gazetteer *g = gaz_empty();
	*out = g;
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
	g->data = xmalloc((size_t)size + 1);
	size_t got = fread(g->data, 1, (size_t)size, fp);
	int bad = ferror(fp);
	fclose(fp);
	if (bad || got != (size_t)size) {
		diag_error(dg, path, 0, "gazetteer: read error");
		return -1;
	}
	g->data[got] = 0;
	gaz_parse(g, got, path, dg);
	return 0;
}

static int file_ok(const char *p)
{
	return access(p, R_OK) == 0;
}

const char *gaz_find_file(void)
{
	static char path[PATH_MAX + 64];
	const char *env = getenv("DYAD_DATA");
	if (env && *env && strlen(env) < PATH_MAX) {
		snprintf(path, sizeof path, "%s/%s", env, GAZ_FILE);
		if (file_ok(path)) return path;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) *slash = 0;
		static const char *rel[] = { "build/gen", "gen", "../gen", "share/dyad", "../share/dyad" };
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			snprintf(path, sizeof path, "%s/%s/%s", exe, rel[i], GAZ_FILE);
			if (file_ok(path)) return path;
		}
	}
	static const char *abs_dirs[] = { "/usr/local/share/dyad", "/usr/share/dyad" };
	for (size_t i = 0; i < sizeof abs_dirs / sizeof abs_dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", abs_dirs[i], GAZ_FILE);
		if (file_ok(path)) return path;
	}
	return NULL;
}

int gaz_load(dy_gazetteer **out, dy_diag *dg)
{
	const char *p = gaz_find_file();
	if (!p) {
		*out = gaz_empty();
		diag_warn(dg, NULL, 0, "gazetteer: %s not found (looked in $DYAD_DATA, "
		           "next to the binary and in /usr/local/share/dyad); places are not resolved", GAZ_FILE);
		return -1;
	}
	return gaz_load_file(out, p, dg);
}

void gaz_free(dy_gazetteer *g)
{
	if (!g) return;
	free(g->data);
	free(g->places);
	free(g->pool);
	free(g->slots);
	free(g->hits);
	free(g);
}

size_t gaz_count(const dy_gazetteer *g, int kind)
{
	return kind >= GAZ_COUNTRY && kind <= GAZ_CITY ? g->counts[kind] : 0;
}

size_t gaz_keys(const dy_gazetteer *g) { return g->n_keys; }
size_t gaz_max_words(const dy_gazetteer *g) { return g->max_words; }

size_t gaz_lookup(const dy_gazetteer *g, const char *name, size_t n, dy_gaz_hit *out, size_t cap)
{
	char key[GAZ_MAX_NAME * 2 + 8];
	if (!g->cap || n > GAZ_MAX_NAME * 2) return 0;
	size_t kl = gaz_key(name, n, key, sizeof key);
	if (!kl) return 0;
	return gaz_lookup_key(g, key, kl, out, cap);
}

size_t gaz_lookup_key(const dy_gazetteer *g, const char *key, size_t kl, dy_gaz_hit *out, size_t cap)
{
	if (!g->cap || !kl) return 0;
	const gaz_slot *s = slot_find(g, key, kl, key_hash(key, kl));
	if (s->key == UINT32_MAX) return 0;
	size_t count = 0;
	for (uint32_t h = s->first; h != NO_HIT; h = g->hits[h].next) {
		if (count < cap) {
			out[count].place = &g->places[g->hits[h].place];
			out[count].flags = g->hits[h].flags;
		}
		count++;
	}
	/* chains are built newest first: give them in file order */
	size_t m = count < cap ? count : cap;
	for (size_t i = 0; i < m / 2; i++) {
		dy_gaz_hit t = out[i];
		out[i] = out[m - 1 - i];
		out[m - 1 - i] = t;
	}
	return count;
}

unsigned gaz_probe(const dy_gazetteer *g, const char *key, size_t n)
{
	if (!g->cap) return 0;
	const gaz_slot *s = slot_find(g, key, n, key_hash(key, n));
	if (s->key == UINT32_MAX) return 0;
	return (s->first != NO_HIT ? GAZ_PROBE_NAME : 0) | (s->prefix ? GAZ_PROBE_PREFIX : 0);
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
