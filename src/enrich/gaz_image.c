/* SPDX-License-Identifier: MIT */
/* The gazetteer's binary image (layout in gaz_image.h): the builder that the
 * TSV parser feeds, the checks that make any file safe to map, the mmap
 * loader, and gaz_save_image(). Exports the gaz_builder_*() and gaz_image_*()
 * functions of gaz_image.h and gaz_save_image() of gazetteer.h.
 *
 * Why an image: parsing the TSV (folding 100,000 names, hashing them, reading
 * numbers) costs about 145M instructions at every start; a ready table costs
 * one mmap, a header check and one pass over the places to make the dy_place
 * array (pointers cannot live in a file). Loading trusts nothing in the file:
 * the header is checksummed and every section must lie inside the file; what
 * a lookup follows inside a section (a slot's record, a record's key and hits,
 * a hit's place) is bounds-checked where it is used, so a damaged or crafted
 * image gives wrong answers at worst, never a read outside the file. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "enrich/gaz_image.h"
#include "util/xalloc.h"

/* Images larger than this are refused before mapping (the real one is a few
 * MB; 32-bit offsets bound a valid one anyway). */
#define GAZ_MAX_IMAGE ((uint64_t)1 << 32)

static size_t round_up(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

/* ---- builder ---- */

static void table_init(gaz_builder *b, size_t cap)
{
	b->cap = cap;
	b->table = xmalloc(cap * sizeof *b->table);
	memset(b->table, 0xff, cap * sizeof *b->table);
}

void gaz_builder_init(gaz_builder *b, size_t n_names, size_t n_places)
{
	memset(b, 0, sizeof *b);
	size_t cap = 1024;
	while (cap < n_names * 2 + 16) cap *= 2;
	table_init(b, cap);
	b->places_cap = n_places ? n_places : 16;
	b->places = xmalloc(b->places_cap * sizeof *b->places);
	b->pool_cap = 4096;
	b->pool = xmalloc(b->pool_cap);
	b->pool[0] = 0;
	b->pool_len = 1;
}

void gaz_builder_free(gaz_builder *b)
{
	free(b->places);
	free(b->pool);
	free(b->kpool);
	free(b->keys);
	free(b->table);
	free(b->hits);
	memset(b, 0, sizeof *b);
}

uint32_t gaz_builder_str(gaz_builder *b, const char *s, size_t n)
{
	if (!n) return 0;
	if (b->pool_len + n + 1 > b->pool_cap) {
		while (b->pool_len + n + 1 > b->pool_cap) b->pool_cap *= 2;
		b->pool = xrealloc(b->pool, b->pool_cap);
	}
	uint32_t off = (uint32_t)b->pool_len;
	memcpy(b->pool + off, s, n);
	b->pool[off + n] = 0;
	b->pool_len += n + 1;
	return off;
}

static void table_grow(gaz_builder *b)
{
	free(b->table);
	table_init(b, b->cap * 2);
	for (size_t k = 0; k < b->n_keys; k++) {
		size_t i = b->keys[k].hash & (b->cap - 1);
		while (b->table[i] != GAZ_EMPTY) i = (i + 1) & (b->cap - 1);
		b->table[i] = (uint32_t)k;
	}
}

/* The key k[0..n), made when missing. */
static gaz_bkey *bkey_make(gaz_builder *b, const char *k, size_t n)
{
	uint32_t h = gaz_key_hash(k, n);
	size_t i = h & (b->cap - 1);
	for (;;) {
		uint32_t x = b->table[i];
		if (x == GAZ_EMPTY) break;
		gaz_bkey *e = &b->keys[x];
		if (e->hash == h && e->len == n && !memcmp(b->kpool + e->off, k, n)) return e;
		i = (i + 1) & (b->cap - 1);
	}
	if ((b->n_keys + 1) * 2 > b->cap) {
		table_grow(b);
		i = h & (b->cap - 1);
		while (b->table[i] != GAZ_EMPTY) i = (i + 1) & (b->cap - 1);
	}
	if (b->n_keys == b->keys_cap) {
		b->keys_cap = b->keys_cap ? b->keys_cap * 2 : 4096;
		b->keys = xrealloc(b->keys, b->keys_cap * sizeof *b->keys);
	}
	if (b->kpool_len + n > b->kpool_cap) {
		b->kpool_cap = (b->kpool_cap + n) * 2;
		b->kpool = xrealloc(b->kpool, b->kpool_cap);
	}
	memcpy(b->kpool + b->kpool_len, k, n);
	gaz_bkey *e = &b->keys[b->n_keys];
	*e = (gaz_bkey){ (uint32_t)b->kpool_len, (uint32_t)n, h, 0, GAZ_EMPTY, GAZ_EMPTY, 0, 0 };
	b->kpool_len += n;
	b->table[i] = (uint32_t)b->n_keys++;
	return e;
}

void gaz_builder_key(gaz_builder *b, const char *k, size_t n, uint32_t place, unsigned flags)
{
	/* "gaza" and "new" lead to "gaza city" and "new delhi": matching extends
	 * a run of words only while some name goes on */
	for (size_t i = 0; i < n; i++)
		if (k[i] == ' ') bkey_make(b, k, i)->prefix = 1;
	gaz_bkey *e = bkey_make(b, k, n);
	if (e->n_hits && e->last_place == place)
		return; /* two names of one place folding alike: the first one counts */
	if (b->n_hits == b->hits_cap) {
		b->hits_cap = b->hits_cap ? b->hits_cap * 2 : 4096;
		b->hits = xrealloc(b->hits, b->hits_cap * sizeof *b->hits);
	}
	uint32_t hi = (uint32_t)b->n_hits++;
	b->hits[hi] = (gaz_bhit){ place << GAZ_HIT_SHIFT | flags, GAZ_EMPTY };
	if (e->last == GAZ_EMPTY) e->first = hi;
	else b->hits[e->last].next = hi;
	e->last = hi;
	e->last_place = place;
	e->n_hits++;
	size_t words = 1;
	for (size_t i = 0; i < n; i++) words += k[i] == ' ';
	if (words > b->max_words) b->max_words = words;
}

static uint64_t header_check(const gaz_header *h)
{
	gaz_header c = *h;
	c.check = 0;
	const unsigned char *p = (const unsigned char *)&c;
	uint64_t x = 14695981039346656037ull;
	for (size_t i = 0; i < sizeof c; i++) x = (x ^ p[i]) * 1099511628211ull;
	return x;
}

unsigned char *gaz_builder_finish(gaz_builder *b, size_t *size)
{
	/* at most a quarter full: most probes are misses (capitalised words
	 * that name no place), and a miss walks the run to an empty slot */
	size_t cap = 16;
	while (cap < b->n_keys * 4) cap *= 2;
	size_t recs = 0;
	for (size_t k = 0; k < b->n_keys; k++)
		recs += sizeof (gaz_rec) + round_up(b->keys[k].len, 4) + 4 * (size_t)b->keys[k].n_hits;
	if (recs >= GAZ_EMPTY || b->pool_len >= GAZ_EMPTY) return NULL;

	gaz_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, GAZ_MAGIC, sizeof h.magic);
	h.version = GAZ_IMAGE_VERSION;
	h.byte_order = GAZ_BYTE_ORDER;
	h.header_size = sizeof h;
	h.max_words = (uint32_t)b->max_words;
	h.source_size = b->source_size;
	h.n_places = b->n_places;
	h.n_keys = b->n_keys;
	h.cap = cap;
	snprintf(h.utf8proc, sizeof h.utf8proc, "%s", utf8proc_version());
	size_t sizes[GAZ_SECTIONS] = {
		[GAZ_SEC_PLACES] = b->n_places * sizeof (gaz_placerec),
		[GAZ_SEC_POOL]   = b->pool_len,
		[GAZ_SEC_SLOTS]  = cap * sizeof (gaz_slot),
		[GAZ_SEC_RECS]   = recs,
	};
	size_t off = round_up(sizeof h, 8);
	for (int s = 0; s < GAZ_SECTIONS; s++) {
		h.off[s] = off;
		h.size[s] = sizes[s];
		off = round_up(off + sizes[s], 8);
	}
	h.file_size = off;
	unsigned char *img = xcalloc(1, off);

	memcpy(img + h.off[GAZ_SEC_PLACES], b->places, sizes[GAZ_SEC_PLACES]);
	memcpy(img + h.off[GAZ_SEC_POOL], b->pool, b->pool_len);
	gaz_slot *slots = (gaz_slot *)(img + h.off[GAZ_SEC_SLOTS]);
	for (size_t i = 0; i < cap; i++) slots[i] = (gaz_slot){ 0, GAZ_EMPTY };
	unsigned char *rp = img + h.off[GAZ_SEC_RECS];
	size_t ro = 0, max_probe = 0;
	for (size_t k = 0; k < b->n_keys; k++) {
		const gaz_bkey *e = &b->keys[k];
		gaz_rec r = { e->n_hits, (uint16_t)e->len, (uint8_t)e->prefix, 0 };
		memcpy(rp + ro, &r, sizeof r);
		memcpy(rp + ro + sizeof r, b->kpool + e->off, e->len);
		uint32_t *hw = (uint32_t *)(rp + ro + sizeof r + round_up(e->len, 4));
		for (uint32_t x = e->first; x != GAZ_EMPTY; x = b->hits[x].next) *hw++ = b->hits[x].word;
		size_t i = e->hash & (cap - 1), probes = 1;
		while (slots[i].rec != GAZ_EMPTY) {
			i = (i + 1) & (cap - 1);
			probes++;
		}
		slots[i] = (gaz_slot){ e->hash, (uint32_t)ro };
		if (probes > max_probe) max_probe = probes;
		ro += sizeof r + round_up(e->len, 4) + 4 * (size_t)e->n_hits;
	}
	h.max_probe = max_probe;
	h.check = header_check(&h);
	memcpy(img, &h, sizeof h);
	*size = off;
	return img;
}

/* ---- loading ---- */

static int bad(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
	return -1;
}

int gaz_image_attach(dy_gazetteer *g, const unsigned char *img, size_t size, int mapped,
                     char *why, size_t why_cap)
{
	gaz_header h;
	if (size < sizeof h) return bad(why, why_cap, "truncated (%zu bytes, less than a header)", size);
	memcpy(&h, img, sizeof h);
	if (memcmp(h.magic, GAZ_MAGIC, sizeof h.magic)) return bad(why, why_cap, "not a gazetteer image");
	if (h.byte_order != GAZ_BYTE_ORDER) return bad(why, why_cap, "made on a machine of another byte order");
	if (h.version != GAZ_IMAGE_VERSION)
		return bad(why, why_cap, "format version %u, this dyad reads %d", h.version, GAZ_IMAGE_VERSION);
	if (h.header_size != sizeof h || h.check != header_check(&h)) return bad(why, why_cap, "damaged header");
	if (h.file_size != size)
		return bad(why, why_cap, "truncated or padded (%zu bytes, the header says %llu)", size,
		           (unsigned long long)h.file_size);
	if (strncmp(h.utf8proc, utf8proc_version(), sizeof h.utf8proc))
		return bad(why, why_cap, "keys folded by utf8proc %.15s, this dyad has %s", h.utf8proc,
		           utf8proc_version());
	for (int s = 0; s < GAZ_SECTIONS; s++)
		if (h.off[s] % 8 || h.off[s] < sizeof h || h.off[s] > size || h.size[s] > size - h.off[s])
			return bad(why, why_cap, "section %d outside the file", s);
	if (h.n_places >= GAZ_MAX_PLACES || h.size[GAZ_SEC_PLACES] != h.n_places * sizeof (gaz_placerec) ||
	    h.cap < 16 || (h.cap & (h.cap - 1)) || h.size[GAZ_SEC_SLOTS] / sizeof (gaz_slot) != h.cap ||
	    h.size[GAZ_SEC_SLOTS] % sizeof (gaz_slot) || h.n_keys > h.cap || h.max_probe > h.cap ||
	    h.size[GAZ_SEC_RECS] >= GAZ_EMPTY || h.size[GAZ_SEC_POOL] == 0 || h.size[GAZ_SEC_POOL] >= GAZ_EMPTY ||
	    img[h.off[GAZ_SEC_POOL] + h.size[GAZ_SEC_POOL] - 1] != 0 || h.max_words > GAZ_MAX_WORDS)
		return bad(why, why_cap, "inconsistent sizes in the header");

	/* the dy_place array: the one pass over the places a load makes, and
	 * where each string offset is checked (the pool ends with a NUL, so an
	 * offset inside it is a terminated string) */
	const gaz_placerec *pr = (const gaz_placerec *)(img + h.off[GAZ_SEC_PLACES]);
	const char *pool = (const char *)img + h.off[GAZ_SEC_POOL];
	uint64_t pool_size = h.size[GAZ_SEC_POOL];
	size_t n = (size_t)h.n_places, counts[4] = { 0 };
	dy_place *places = xmalloc((n ? n : 1) * sizeof *places);
	for (size_t i = 0; i < n; i++) {
		const gaz_placerec *r = &pr[i];
		if (r->kind < GAZ_COUNTRY || r->kind > GAZ_CITY || r->name >= pool_size || r->admin1 >= pool_size ||
		    r->code >= pool_size || r->cc[2] || r->cc3[3]) {
			free(places);
			return bad(why, why_cap, "place record %zu is damaged", i);
		}
		dy_place *p = &places[i];
		p->name = pool + r->name;
		p->admin1 = pool + r->admin1;
		p->code = pool + r->code;
		p->lat = r->lat;
		p->lon = r->lon;
		p->geonames_id = r->geonames_id;
		p->population = r->population;
		p->kind = r->kind;
		memcpy(p->cc, r->cc, sizeof p->cc);
		memcpy(p->cc3, r->cc3, sizeof p->cc3);
		counts[r->kind]++;
	}
	g->img = img;
	g->img_size = size;
	g->mapped = mapped;
	g->places = places;
	g->n_places = n;
	g->slots = (const gaz_slot *)(img + h.off[GAZ_SEC_SLOTS]);
	g->cap = (size_t)h.cap;
	g->max_probe = (size_t)h.max_probe;
	g->recs = img + h.off[GAZ_SEC_RECS];
	g->recs_size = (size_t)h.size[GAZ_SEC_RECS];
	g->n_keys = (size_t)h.n_keys;
	memcpy(g->counts, counts, sizeof counts);
	g->max_words = h.max_words;
	return 0;
}

int gaz_image_sniff(const char *path)
{
	char m[8];
	FILE *fp = fopen(path, "rb");
	if (!fp) return 0;
	size_t got = fread(m, 1, sizeof m, fp);
	fclose(fp);
	return got == sizeof m && !memcmp(m, GAZ_MAGIC, sizeof m);
}

int gaz_image_map(dy_gazetteer *g, const char *path, const struct stat *src, char *why, size_t why_cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return bad(why, why_cap, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size >= GAZ_MAX_IMAGE) {
		close(fd);
		return bad(why, why_cap, "not a regular file or too large");
	}
	if (src && (src->st_mtim.tv_sec > st.st_mtim.tv_sec ||
	            (src->st_mtim.tv_sec == st.st_mtim.tv_sec && src->st_mtim.tv_nsec > st.st_mtim.tv_nsec))) {
		close(fd);
		bad(why, why_cap, "older than the TSV");
		return GAZ_IMG_STALE;
	}
	size_t size = (size_t)st.st_size;
	if (size < sizeof (gaz_header)) {
		close(fd);
		return bad(why, why_cap, "truncated (%zu bytes, less than a header)", size);
	}
	/* MAP_PRIVATE and read-only: the pages are the page cache's, shared by
	 * every dyad running, and only those a lookup touches are read in */
	void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) return bad(why, why_cap, "cannot map: %s", strerror(errno));
	gaz_header h;
	memcpy(&h, m, sizeof h);
	if (src && !memcmp(h.magic, GAZ_MAGIC, sizeof h.magic) && h.version == GAZ_IMAGE_VERSION &&
	    h.byte_order == GAZ_BYTE_ORDER && h.source_size != (uint64_t)src->st_size) {
		bad(why, why_cap, "made from a TSV of %llu bytes, not %lld", (unsigned long long)h.source_size,
		    (long long)src->st_size);
		munmap(m, size);
		return GAZ_IMG_STALE;
	}
	if (gaz_image_attach(g, m, size, 1, why, why_cap)) {
		munmap(m, size);
		return GAZ_IMG_BAD;
	}
	return GAZ_IMG_OK;
}

int gaz_save_image(const dy_gazetteer *g, const char *path, dy_diag *dg)
{
	if (!g->img) {
		diag_error(dg, path, 0, "gazetteer: nothing loaded to save");
		return -1;
	}
	size_t pl = strlen(path);
	char *tmp = xmalloc(pl + 16);
	snprintf(tmp, pl + 16, "%s.tmp%ld", path, (long)getpid());
	FILE *fp = fopen(tmp, "wb");
	if (!fp) {
		diag_error(dg, tmp, 0, "gazetteer: cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	int ok = fwrite(g->img, 1, g->img_size, fp) == g->img_size;
	ok = (fclose(fp) == 0) && ok;
	if (!ok || rename(tmp, path)) {
		diag_error(dg, path, 0, "gazetteer: cannot write the image: %s", strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
