/* SPDX-License-Identifier: MIT */
/* Build-time generator of the lemmatizer's tables (src/text/lemma.c includes the
 * output as lemma_exc.inc). Runs on the build host; not linked into dyad.
 *
 * Usage: gen_lemma VERB.EXC NOUN.EXC ADJ.EXC INDEX.NOUN INDEX.VERB INDEX.ADJ INDEX.ADV > out
 *
 * Emits two tables, upper case, each a blob of records plus an open-addressing
 * hash table (FNV-1a, linear probing) of record offsets, UINT32_MAX when empty:
 * - exceptions: inflected form -> base form from WordNet's *.exc lists. When a
 *   form appears in several lists the verb list wins, then nouns, then
 *   adjectives; within a line the first base form wins. Identity entries are
 *   kept: they stop the suffix rules from touching the word. Adjective
 *   entries whose form is also a noun or verb ("offer" -> "off") are dropped.
 * - known words: every single-word lemma of the four index files, with a bit per
 *   part of speech and the tagged-sense counts (how often WordNet's sense-tagged
 *   corpus saw it as a noun, verb or adjective/adverb; capped at 255). The suffix
 *   rules check candidate stems against this set and use the counts to decide
 *   whether a word like "gas" or "evening" is its own base form.
 * Entries with characters other than a-z 0-9 ' . - (multi-word ones have '_')
 * are skipped. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { POS_N = 1, POS_V = 2, POS_A = 4, POS_R = 8 };
enum { WORD_MAX = 64 };

typedef struct exc_entry {
	char form[WORD_MAX];
	char base[WORD_MAX];
	int  prio; /* 0 verb, 1 noun, 2 adj: lower wins */
	size_t seq; /* reading order, to break ties */
} exc_entry;

typedef struct word_entry {
	char     w[WORD_MAX];
	unsigned pos;
	unsigned cnt[3]; /* noun, verb, adjective + adverb */
} word_entry;

static exc_entry  *excs;
static size_t      n_excs, cap_excs;
static word_entry *words;
static size_t      n_words, cap_words;

static void *grow(void *p, size_t *cap, size_t elem)
{
	*cap = *cap ? *cap * 2 : 4096;
	p = realloc(p, *cap * elem);
	if (!p) {
		fputs("gen_lemma: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* 1 when w is a usable single word; upper-cases it in place. */
static int word_ok(char *w)
{
	size_t n = strlen(w);
	if (n == 0 || n >= WORD_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (!(islower(c) || isdigit(c) || c == '\'' || c == '.' || c == '-'))
			return 0;
		w[i] = (char)toupper(c);
	}
	return 1;
}

static FILE *open_or_die(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "gen_lemma: cannot open %s\n", path);
		exit(1);
	}
	return f;
}

static void read_exc(const char *path, int prio)
{
	FILE *f = open_or_die(path);
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		char form[WORD_MAX * 2], base[WORD_MAX * 2];
		if (sscanf(line, "%127s %127s", form, base) != 2)
			continue;
		if (!word_ok(form) || !word_ok(base))
			continue;
		if (n_excs == cap_excs)
			excs = grow(excs, &cap_excs, sizeof *excs);
		exc_entry *e = &excs[n_excs++];
		strcpy(e->form, form);
		strcpy(e->base, base);
		e->prio = prio;
		e->seq = n_excs;
	}
	fclose(f);
}

/* One index line: lemma pos synset_cnt p_cnt ptr... sense_cnt tagsense_cnt offsets. */
static void read_index(const char *path, int which, unsigned bit)
{
	FILE *f = open_or_die(path);
	char line[65536];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == ' ')
			continue; /* licence header */
		char *tok[4096];
		int nt = 0;
		for (char *t = strtok(line, " \n"); t && nt < 4096; t = strtok(NULL, " \n"))
			tok[nt++] = t;
		if (nt < 6)
			continue;
		int synsets = atoi(tok[2]);
		int tag_i = nt - synsets - 1;
		if (tag_i < 4)
			continue;
		unsigned tagged = (unsigned)atoi(tok[tag_i]);
		if (!word_ok(tok[0]))
			continue;
		if (n_words == cap_words)
			words = grow(words, &cap_words, sizeof *words);
		word_entry *e = &words[n_words++];
		memset(e, 0, sizeof *e);
		strcpy(e->w, tok[0]);
		e->pos = bit;
		e->cnt[which] = tagged;
	}
	fclose(f);
}

static int exc_cmp(const void *a, const void *b)
{
	const exc_entry *x = a, *y = b;
	int c = strcmp(x->form, y->form);
	if (c)
		return c;
	if (x->prio != y->prio)
		return x->prio - y->prio;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int word_cmp(const void *a, const void *b)
{
	return strcmp(((const word_entry *)a)->w, ((const word_entry *)b)->w);
}

/* Writes s and its terminating NUL as C string-literal text. Octal escapes are
 * always three digits so a following digit cannot join them. */
static void put_str(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'' || *s == '"' || *s == '\\')
			fputc('\\', o);
		fputc(*s, o);
	}
	fputs("\\000", o);
}

/* The hash both this generator and lemma.c use: 32-bit FNV-1a. */
static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Mask of an open-addressing table for n keys, loaded at most about 2/3. */
static uint32_t table_mask(size_t n)
{
	uint32_t size = 16;
	while (size < n + n / 2)
		size *= 2;
	return size - 1;
}

static void slot_put(uint32_t *slot, uint32_t mask, const char *key, uint32_t off)
{
	uint32_t i = hash_str(key) & mask;
	while (slot[i] != UINT32_MAX)
		i = (i + 1) & mask;
	slot[i] = off;
}

static void put_slots(FILE *o, const char *name, const uint32_t *slot, uint32_t mask)
{
	fprintf(o, "static const uint32_t %s[] = {", name);
	for (uint32_t i = 0; i <= mask; i++)
		fprintf(o, "%s%uu,", i % 10 ? "" : "\n", slot[i]);
	fputs("\n};\n", o);
}

int main(int argc, char **argv)
{
	if (argc != 8) {
		fputs("usage: gen_lemma VERB.EXC NOUN.EXC ADJ.EXC INDEX.NOUN INDEX.VERB INDEX.ADJ INDEX.ADV\n", stderr);
		return 2;
	}
	read_exc(argv[1], 0);
	read_exc(argv[2], 1);
	read_exc(argv[3], 2);
	read_index(argv[4], 0, POS_N);
	read_index(argv[5], 1, POS_V);
	read_index(argv[6], 2, POS_A);
	read_index(argv[7], 2, POS_R);

	qsort(words, n_words, sizeof *words, word_cmp);
	size_t nw = 0;
	for (size_t i = 0; i < n_words; i++) {
		if (nw && strcmp(words[nw - 1].w, words[i].w) == 0) {
			word_entry *d = &words[nw - 1];
			d->pos |= words[i].pos;
			for (int k = 0; k < 3; k++)
				d->cnt[k] += words[i].cnt[k];
			continue;
		}
		words[nw++] = words[i];
	}
	/* adj.exc lists comparatives such as "offer" (of "off") and "better":
	 * where the form is also a noun or verb, that reading wins in news text. */
	size_t ke = 0;
	for (size_t i = 0; i < n_excs; i++) {
		word_entry key;
		strcpy(key.w, excs[i].form);
		word_entry *hit = bsearch(&key, words, nw, sizeof *words, word_cmp);
		if (excs[i].prio == 2 && hit && (hit->pos & (POS_N | POS_V)))
			continue;
		excs[ke++] = excs[i];
	}
	n_excs = ke;
	qsort(excs, n_excs, sizeof *excs, exc_cmp);
	size_t ne = 0;
	for (size_t i = 0; i < n_excs; i++) {
		/* After sorting, the first of equal forms has the best priority and,
		 * within one list, was read first. */
		if (ne && strcmp(excs[ne - 1].form, excs[i].form) == 0)
			continue;
		excs[ne++] = excs[i];
	}

	/* Adjectives and adverbs are never candidate stems; the rules only ask
	 * whether a word ending in -s, -ed or -ing is one ("always", "limited"). */
	size_t kept = 0;
	for (size_t i = 0; i < nw; i++) {
		const char *w = words[i].w;
		size_t l = strlen(w);
		int suffix = (l > 1 && w[l - 1] == 'S') || (l > 2 && strcmp(w + l - 2, "ED") == 0) ||
		             (l > 3 && strcmp(w + l - 3, "ING") == 0);
		if ((words[i].pos & (POS_N | POS_V)) || suffix)
			words[kept++] = words[i];
	}
	nw = kept;

	FILE *o = stdout;
	fputs("/* Generated by tools/gen_lemma.c from WordNet 3.0's exception lists and\n"
	      " * indexes; do not edit. */\n", o);

	/* Exceptions: "FORM\0BASE\0" records; the hash slots hold record offsets. */
	uint32_t emask = table_mask(ne);
	uint32_t *eslot = malloc(((size_t)emask + 1) * sizeof *eslot);
	memset(eslot, 0xff, ((size_t)emask + 1) * sizeof *eslot);
	fprintf(o, "#define LEMMA_EXC_N %zu\n#define LEMMA_EXC_MASK %uu\n", ne, emask);
	fputs("static const char lemma_exc_blob[] =\n\"", o);
	size_t off = 0;
	for (size_t i = 0; i < ne; i++) {
		slot_put(eslot, emask, excs[i].form, (uint32_t)off);
		put_str(o, excs[i].form);
		put_str(o, excs[i].base);
		off += strlen(excs[i].form) + strlen(excs[i].base) + 2;
		if ((i + 1) % 8 == 0)
			fputs("\"\n\"", o);
	}
	fputs("\";\n", o);
	put_slots(o, "lemma_exc_slot", eslot, emask);

	/* Known words: four bytes (part-of-speech bits; tagged counts as noun,
	 * verb, adjective + adverb, capped at 255), then "WORD\0". */
	uint32_t wmask = table_mask(nw);
	uint32_t *wslot = malloc(((size_t)wmask + 1) * sizeof *wslot);
	memset(wslot, 0xff, ((size_t)wmask + 1) * sizeof *wslot);
	fprintf(o, "#define LEMMA_WORD_N %zu\n#define LEMMA_WORD_MASK %uu\n", nw, wmask);
	fputs("static const char lemma_word_blob[] =\n\"", o);
	off = 0;
	for (size_t i = 0; i < nw; i++) {
		slot_put(wslot, wmask, words[i].w, (uint32_t)off);
		fprintf(o, "\\%03o", words[i].pos);
		for (int k = 0; k < 3; k++)
			fprintf(o, "\\%03o", words[i].cnt[k] > 255 ? 255 : words[i].cnt[k]);
		put_str(o, words[i].w);
		off += 4 + strlen(words[i].w) + 1;
		if ((i + 1) % 8 == 0)
			fputs("\"\n\"", o);
	}
	fputs("\";\n", o);
	put_slots(o, "lemma_word_slot", wslot, wmask);
	free(eslot);
	free(wslot);
	free(excs);
	free(words);
	return ferror(o) ? 1 : 0;
}
