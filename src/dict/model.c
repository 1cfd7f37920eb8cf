/* SPDX-License-Identifier: MIT */
/* The dictionary model's life cycle and small services (see dict.h): creation
 * and freeing, string interning, provenance, loading a file of any kind, kind
 * guessing, dates and code helpers. The readers proper are in tabari.c and
 * options.c, the lookup index in index.c, the lint in check.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dict/dict_int.h"

enum { DICT_MAX_FILE_BYTES = 512 * 1024 * 1024 }; /* refuse larger dictionary files */

void dict_grow(void **p, size_t sz, uint32_t n, uint32_t extra, uint32_t *cap)
{
	if ((uint64_t)n + extra <= *cap)
		return;
	uint64_t c = *cap ? *cap : 64;
	while (c < (uint64_t)n + extra)
		c *= 2;
	if (c > UINT32_MAX / 2) {
		fputs("dyad: dictionary too large\n", stderr);
		exit(2);
	}
	*p = xrealloc(*p, (size_t)c * sz);
	*cap = (uint32_t)c;
}

void dict_sort_u64(uint64_t *v, size_t n, uint64_t *tmp)
{
	/* Runs of 8 by insertion, then bottom-up merging between v and tmp. */
	enum { RUN = 8 };
	for (size_t lo = 0; lo < n; lo += RUN) {
		size_t hi = lo + RUN < n ? lo + RUN : n;
		for (size_t a = lo + 1; a < hi; a++) {
			uint64_t x = v[a];
			size_t b = a;
			for (; b > lo && v[b - 1] > x; b--)
				v[b] = v[b - 1];
			v[b] = x;
		}
	}
	uint64_t *src = v, *dst = tmp;
	for (size_t w = RUN; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				dst[o++] = src[a] <= src[b] ? src[a++] : src[b++];
			while (a < mid)
				dst[o++] = src[a++];
			while (b < hi)
				dst[o++] = src[b++];
		}
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

uint32_t dict_hash(const char *s, size_t n)
{
	/* FNV-1a: cheap, and computable prefix by prefix (index.c relies on it). */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void intern_resize(dy_dict_store *s, uint32_t ncap)
{
	dy_intern_slot *slot = xcalloc(ncap, sizeof *slot);
	for (uint32_t i = 0; i < s->cap; i++) {
		if (!s->slot[i].p)
			continue;
		uint32_t j = s->slot[i].hash & (ncap - 1);
		while (slot[j].p)
			j = (j + 1) & (ncap - 1);
		slot[j] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->cap = ncap;
}

void dict_intern_grow(dy_dict_store *s)
{
	intern_resize(s, s->cap ? s->cap * 2 : 16384);
}

void dict_intern_reserve(dy_dict *d, uint32_t more)
{
	dy_dict_store *s = d->store;
	uint64_t want = ((uint64_t)s->used + more + 1) * 2, ncap = s->cap ? s->cap : 16384;
	if (want <= s->cap)
		return;
	while (ncap < want)
		ncap *= 2;
	if (ncap > UINT32_MAX / 2) {
		fputs("dyad: dictionary too large\n", stderr);
		exit(2);
	}
	intern_resize(s, (uint32_t)ncap);
}

const char *dict_intern(dy_dict *d, const char *str, size_t n)
{
	if (n > 65535)
		n = 65535;
	return dict_intern_h(d, str, n, dict_intern_hash(str, n));
}

/* Records the new string p (n bytes, hash h) in the free intern slot j. */
static inline const char *slot_take(dy_dict_store *s, uint32_t j, const char *p, size_t n,
                                    uint32_t h)
{
	s->slot[j].p = p;
	s->slot[j].hash = h;
	s->slot[j].len = (uint32_t)n;
	s->used++;
	return p;
}

const char *dict_intern_add(dy_dict *d, const char *str, size_t n, uint32_t h, uint32_t j)
{
	dy_dict_store *s = d->store;
	/* Strings are cut from blocks of their own, unaligned: one bump per
	 * string instead of an arena call (tens of thousands per load). */
	enum { STORE_POOL = 65536 };
	char *p;
	if (n + 1 > STORE_POOL / 16) {
		p = arena_strndup(&s->arena, str, n);
	} else {
		/* 8 bytes past the string stay in the block, for the word
		 * compares of dict_intern_hp() */
		if (n + 8 > s->pool_left) {
			s->pool = arena_alloc(&s->arena, STORE_POOL);
			s->pool_left = STORE_POOL;
		}
		p = s->pool;
		memcpy(p, str, n);
		p[n] = '\0';
		s->pool += n + 1;
		s->pool_left -= n + 1;
	}
	return slot_take(s, j, p, n, h);
}

const char *dict_intern_add8(dy_dict *d, const char *str, size_t n, uint32_t h, uint32_t j)
{
	dy_dict_store *s = d->store;
	enum { STORE_POOL = 65536 };   /* as in dict_intern_add() */
	if (n + 1 > STORE_POOL / 16)
		return dict_intern_add(d, str, n, h, j);
	if (n + 8 > s->pool_left) {
		s->pool = arena_alloc(&s->arena, STORE_POOL);
		s->pool_left = STORE_POOL;
	}
	/* Copied eight bytes at a time, not through a memcpy() call: the key
	 * has 7 readable bytes past it, the pool 8 (the bytes past p[n] are
	 * the next string's to overwrite). */
	char *p = s->pool;
	for (size_t q = 0; q < n; q += 8) {
		uint64_t w;
		memcpy(&w, str + q, 8);
		memcpy(p + q, &w, 8);
	}
	p[n] = '\0';
	s->pool += n + 1;
	s->pool_left -= n + 1;
	return slot_take(s, j, p, n, h);
}

void dict_dup_reserve(dy_dict *d, uint32_t more)
{
	dy_dict_store *s = d->store;
	uint64_t want = ((uint64_t)s->dup_used + more + 1) * 2;
	if (want <= s->dup_cap)
		return;
	uint64_t ncap = s->dup_cap ? s->dup_cap : 16384;
	while (ncap < want)
		ncap *= 2;
	if (ncap > UINT32_MAX / 2) {
		fputs("dyad: dictionary too large\n", stderr);
		exit(2);
	}
	struct dy_dup_slot *nd = xcalloc((size_t)ncap, sizeof *nd);
	for (uint32_t i = 0; i < s->dup_cap; i++) {
		if (!s->dup[i].val)
			continue;
		uint32_t j = s->dup[i].hash & (uint32_t)(ncap - 1);
		while (nd[j].val)
			j = (j + 1) & (uint32_t)(ncap - 1);
		nd[j] = s->dup[i];
	}
	free(s->dup);
	s->dup = nd;
	s->dup_cap = (uint32_t)ncap;
}

uint16_t dict_file_add(dy_dict *d, const char *name)
{
	if (d->n_files >= DICT_MAX_FILES)
		return (uint16_t)(DICT_MAX_FILES - 1);
	d->files = xrealloc(d->files, (d->n_files + 1) * sizeof *d->files);
	d->files[d->n_files] = dict_intern(d, name, strlen(name));
	return (uint16_t)d->n_files++;
}

dy_dict *dict_new(void)
{
	dy_dict *d = xcalloc(1, sizeof *d);
	d->store = xcalloc(1, sizeof *d->store);
	arena_init(&d->store->arena);
	dict_options_defaults(&d->opt);
	return d;
}

void dict_free(dy_dict *d)
{
	if (!d)
		return;
	free(d->files);
	free(d->entries);
	free(d->verbs);
	free(d->forms);
	free(d->patterns);
	free(d->elems);
	free(d->alts);
	free(d->synsets);
	free(d->codes);
	free(d->opt.sets);
	free(d->opt.labels);
	free(d->opt.output);
	free(d->proj.actors);
	free(d->proj.agents);
	free(d->proj.verbs);
	free(d->proj.texts);
	free(d->proj.issues);
	if (d->store) {
		arena_free(&d->store->arena);
		free(d->store->slot);
		free(d->store->dup);
		free(d->store);
	}
	dict_index_free(d->index);
	free(d);
}

const char *dict_kind_name(dy_dict_kind k)
{
	switch (k) {
	case DICT_KIND_ACTORS:   return "actors";
	case DICT_KIND_AGENTS:   return "agents";
	case DICT_KIND_VERBS:    return "verbs";
	case DICT_KIND_OPTIONS:  return "options";
	case DICT_KIND_DISCARDS: return "discards";
	case DICT_KIND_PROJECT:  return "project";
	default:                 return "auto";
	}
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

dy_dict_kind dict_kind_guess(const char *path, const char *data, size_t n)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : (path ? path : "");
	static const struct { const char *suf; dy_dict_kind k; } by_name[] = {
		{ ".verbs", DICT_KIND_VERBS },     { ".actors", DICT_KIND_ACTORS },
		{ ".agents", DICT_KIND_AGENTS },   { ".options", DICT_KIND_OPTIONS },
		{ ".project", DICT_KIND_PROJECT }, { ".discards", DICT_KIND_DISCARDS },
	};
	for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++)
		if (ends_with(base, by_name[i].suf))
			return by_name[i].k;
	if (strcasestr(base, "discard"))
		return DICT_KIND_DISCARDS;
	if (!data)
		return DICT_KIND_AUTO;
	/* Sniff the first 64 KiB: tags and line shapes each kind has. */
	size_t lim = n < 65536 ? n : 65536;
	int pat = 0, tilde = 0, dated = 0, opts = 0, proj = 0;
	for (size_t i = 0; i < lim; ) {
		size_t j = i;
		while (j < lim && data[j] != '\n')
			j++;
		const char *l = data + i;
		size_t len = j - i;
		if (len >= 2 && l[0] == '-' && l[1] == ' ')
			pat++;
		if (len >= 9 && !strncmp(l, "<SYNSETS>", 9))
			pat += 10;
		if (len >= 5 && (!strncmp(l, "<actorsfile>", len < 12 ? len : 12) ||
		    !strncmp(l, "<verbsfile>", len < 11 ? len : 11) ||
		    !strncmp(l, "<textfile>", len < 10 ? len : 10)))
			proj++;
		/* "COMPLEX:" only on a line that holds its 8 bytes: a 7-byte line
		 * at the end of the data has nothing after it to compare */
		if (len >= 7 && (!strncmp(l, "LABEL:", 6) || (len >= 8 && !memcmp(l, "COMPLEX:", 8)) ||
		    !strncmp(l, "SET:", 4) || !strncmp(l, "OUTPUT:", 7)))
			opts++;
		const char *br = memchr(l, '[', len);
		if (br) {
			size_t rest = len - (size_t)(br - l);
			if (rest > 1 && (br[1] == '~' || memchr(br, '~', rest)))
				tilde++;
			for (size_t k = 0; k + 6 < rest; k++)
				if (br[k] >= '0' && br[k] <= '9' && (br[k + 6] == ']' || br[k + 6] == '-'))
					dated++;
		}
		i = j + 1;
	}
	if (proj)
		return DICT_KIND_PROJECT;
	if (opts && opts >= pat)
		return DICT_KIND_OPTIONS;
	if (pat)
		return DICT_KIND_VERBS;
	if (tilde)
		return DICT_KIND_AGENTS;
	(void)dated;
	return DICT_KIND_ACTORS;
}

/* Reads a whole file; returns NULL (and reports) on failure. */
static char *slurp(const char *path, size_t *n /* OUT */, dy_diag *dg)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_error(dg, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* Sized from the file's length when it has one: one buffer, not a
	 * chain of doublings each copying the last (a pipe starts at 64 KiB). */
	size_t cap = 65536, len = 0;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uint64_t)st.st_size + 1 > cap)
		cap = (uint64_t)st.st_size + 1 < DICT_MAX_FILE_BYTES ? (size_t)st.st_size + 1
		                                                      : DICT_MAX_FILE_BYTES;
	char *p = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= DICT_MAX_FILE_BYTES) {
				diag_error(dg, path, 0, "file larger than %d bytes", DICT_MAX_FILE_BYTES);
				free(p);
				fclose(f);
				return NULL;
			}
			cap = cap < DICT_MAX_FILE_BYTES / 2 ? cap * 2 : DICT_MAX_FILE_BYTES;
			p = xrealloc(p, cap);
		}
		size_t got = fread(p + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		diag_error(dg, path, 0, "read error");
		free(p);
		return NULL;
	}
	*n = len;
	return p;
}

int dict_load_mem(dy_dict *d, const char *name, const char *data, size_t n,
                  dy_dict_kind kind, dy_diag *dg)
{
	if (kind == DICT_KIND_AUTO)
		kind = dict_kind_guess(name, data, n);
	if (kind == DICT_KIND_PROJECT)
		return dict_parse_project(d, name, data, n, dg);
	uint16_t file = dict_file_add(d, name);
	if (kind == DICT_KIND_OPTIONS)
		dict_parse_options(d, file, name, data, n, dg);
	else
		dict_parse_tabari(d, file, name, data, n, kind, dg);
	/* an options file adds no phrase: the index stays as it is */
	if (kind != DICT_KIND_OPTIONS || !d->index)
		dict_index_build(d);
	return 0;
}

int dict_load_file(dy_dict *d, const char *path, dy_dict_kind kind, dy_diag *dg)
{
	if (kind == DICT_KIND_PROJECT ||
	    (kind == DICT_KIND_AUTO && dict_kind_guess(path, NULL, 0) == DICT_KIND_PROJECT))
		return dict_load_project(d, path, dg);
	size_t n = 0;
	char *data = slurp(path, &n, dg);
	if (!data)
		return -1;
	int rc = dict_load_mem(d, path, data, n, kind, dg);
	free(data);
	return rc;
}

int dict_load_project(dy_dict *d, const char *path, dy_diag *dg)
{
	size_t n = 0;
	char *data = slurp(path, &n, dg);
	if (!data)
		return -1;
	int rc = dict_parse_project(d, path, data, n, dg);
	free(data);
	return rc;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int32_t dict_date_parse(const char *s, size_t n)
{
	if (n != 6 && n != 8)
		return -1;
	int dg[8];
	for (size_t i = 0; i < n; i++) {
		unsigned v = (unsigned)s[i] - '0';
		if (v > 9)
			return -1;
		dg[i] = (int)v;
	}
	const int *md = dg + n - 4;   /* MMDD */
	int y, m = md[0] * 10 + md[1], dd = md[2] * 10 + md[3];
	if (n == 6) {
		int yy = dg[0] * 10 + dg[1];
		y = yy <= 30 ? 2000 + yy : 1900 + yy;   /* TABARI manual 6.5.2, note 1 */
	} else {
		y = dg[0] * 1000 + dg[1] * 100 + dg[2] * 10 + dg[3];
	}
	if (m < 1 || m > 12 || dd < 1 || dd > 31)
		return -1;
	/* Day 31 of a shorter month (040231) is how generated production files
	 * say "end of the month": read it as the month's last day. */
	if (dd > 28 && dd > days_in_month(y, m))
		dd = days_in_month(y, m);
	return y * 10000 + m * 100 + dd;
}

const dy_code *dict_code_at(const dy_dict *d, const dy_entry *e, int32_t date)
{
	const dy_code *dflt = NULL;
	for (uint32_t i = 0; i < e->n_codes; i++) {
		const dy_code *c = &d->codes[e->code + i];
		if (!(c->flags & DY_CODE_DATED)) {
			if (!dflt)
				dflt = c;
		} else if (date > 0 && date >= c->from && date <= c->to) {
			return c;
		}
	}
	return dflt;
}

size_t dict_code_part(const dy_code *c, unsigned i, char *out, size_t cap)
{
	const char *p = c->code;
	if (!p || !cap)
		return 0;
	while (i > 0) {
		p = strchr(p, '/');
		if (!p)
			return 0;
		p++;
		i--;
	}
	size_t n = strcspn(p, "/");
	if (n == 0)
		return 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

const char *dict_where(const dy_dict *d, uint16_t file, uint32_t line, char *buf, size_t cap)
{
	const char *name = file < d->n_files ? d->files[file] : "?";
	snprintf(buf, cap, "%s:%u", name, (unsigned)line);
	return buf;
}

/* Appends s[0..n) to out at *o, keeping room for the NUL. */
static void put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
	while (n-- && *o + 1 < cap)
		out[(*o)++] = *s++;
	out[*o] = '\0';
}

static void phrase_put(const dy_dict *d, dy_phrase ph, char *out, size_t cap, size_t *o, int depth)
{
	for (uint16_t k = 0; k < ph.n; k++) {
		const dy_elem *e = &d->elems[ph.first + k];
		switch (e->kind) {
		case DY_EL_WORD: case DY_EL_SYNSET: put(out, cap, o, e->text, e->len); break;
		case DY_EL_SOURCE:   put(out, cap, o, "$", 1); break;
		case DY_EL_TARGET:   put(out, cap, o, "+", 1); break;
		case DY_EL_COMPOUND: put(out, cap, o, "%", 1); break;
		case DY_EL_SKIP:     put(out, cap, o, "^", 1); break;
		case DY_EL_VERB:     put(out, cap, o, "*", 1); break;
		case DY_EL_ATTRIB:   put(out, cap, o, "@", 1); break;
		case DY_EL_ALT:
			put(out, cap, o, "{ ", 2);
			for (uint32_t a = e->ref; a < e->ref + e->n && depth < 2; a++) {
				if (a > e->ref)
					put(out, cap, o, " | ", 3);
				phrase_put(d, d->alts[a], out, cap, o, depth + 1);
			}
			put(out, cap, o, " }", 2);
			break;
		}
		int last = k + 1 == ph.n;
		if (e->flags & DY_EL_ADJ)
			put(out, cap, o, e->flags & DY_EL_EXACT || e->kind != DY_EL_WORD ? "_" : "~_", e->flags & DY_EL_EXACT || e->kind != DY_EL_WORD ? 1 : 2);
		else if (e->flags & DY_EL_EXACT)
			put(out, cap, o, last ? "_" : "_ ", last ? 1 : 2);
		else if (!last)
			put(out, cap, o, " ", 1);
	}
}

size_t dict_phrase_text(const dy_dict *d, dy_phrase ph, char *out, size_t cap)
{
	size_t o = 0;
	if (!cap)
		return 0;
	out[0] = '\0';
	phrase_put(d, ph, out, cap, &o, 0);
	return o;
}
