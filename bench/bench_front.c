/* SPDX-License-Identifier: MIT */
/* Front-end benchmark: throughput of read, normalize, split and tokenize on one
 * core, and the peak resident memory. The input file is read once to time the
 * reader, then its documents are held in memory and run through each stage
 * `rounds` times for volume (the Guardian sample is only 1.4 MB).
 *
 *   bench_front FILE [FORMAT] [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "read/read.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/xalloc.h"

typedef struct held_doc {
	char  *text;
	size_t len;
} held_doc;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads every document of the file; keeps copies of their texts when `keep`. */
static size_t read_all(const char *path, dy_format fmt, held_doc **keep, size_t *n_keep,
		       size_t *bytes)
{
	dy_diag dg;
	diag_init(&dg, stderr);
	dy_reader *r = reader_open(path, fmt, NULL, &dg);
	if (!r) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		exit(1);
	}
	dy_arena a;
	arena_init(&a);
	dy_doc d;
	size_t docs = 0, cap = 0;
	*bytes = 0;
	while (reader_next(r, &a, &d)) {
		docs++;
		*bytes += d.text_len;
		if (keep) {
			if (*n_keep == cap) {
				cap = cap ? cap * 2 : 256;
				*keep = xrealloc(*keep, cap * sizeof **keep);
			}
			(*keep)[*n_keep].text = xstrndup(d.text, d.text_len);
			(*keep)[*n_keep].len = d.text_len;
			(*n_keep)++;
		}
		arena_reset(&a);
	}
	reader_close(r);
	arena_free(&a);
	return docs;
}

static void report(const char *stage, double secs, double bytes, double sentences)
{
	printf("  %-22s %9.1f MB/s", stage, bytes / secs / 1e6);
	if (sentences > 0)
		printf("  %11.0f sentences/s", sentences / secs);
	printf("\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_front FILE [FORMAT] [ROUNDS]\n");
		return 1;
	}
	const char *path = argv[1];
	int f = argc > 2 ? format_from_name(argv[2]) : FMT_AUTO;
	dy_format fmt = f < 0 ? FMT_AUTO : (dy_format)f;
	int rounds = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 20;
	if (rounds < 1)
		rounds = 1;
	lemma_init();

	held_doc *docs = NULL;
	size_t n = 0, bytes = 0;
	read_all(path, fmt, &docs, &n, &bytes);
	if (n == 0) {
		fprintf(stderr, "bench: no documents in %s\n", path);
		return 1;
	}

	/* read: the file itself, as many times as there are rounds */
	double t0 = now();
	size_t read_bytes = 0, b;
	for (int r = 0; r < rounds; r++) {
		read_all(path, fmt, NULL, NULL, &b);
		read_bytes += b;
	}
	double t_read = now() - t0;

	dy_arena a;
	arena_init(&a);
	double total = (double)bytes * rounds;

	/* normalize alone */
	t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++) {
			dy_norm nm;
			text_normalize(&a, docs[i].text, docs[i].len, &nm);
			arena_reset(&a);
		}
	double t_norm = now() - t0;

	/* normalize + dateline + split */
	size_t sentences = 0;
	t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++) {
			dy_text t;
			text_prepare(&a, docs[i].text, docs[i].len, &t);
			sentences += t.n_sentences;
			arena_reset(&a);
		}
	double t_split = now() - t0;

	/* the whole front end: normalize, split and tokenize */
	size_t tokens = 0;
	t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++) {
			dy_text t;
			text_prepare(&a, docs[i].text, docs[i].len, &t);
			for (size_t s = 0; s < t.n_sentences; s++) {
				dy_token *toks;
				tokens += tok_sentence(&a, t.norm.text, t.sentences[s], &toks);
			}
			arena_reset(&a);
		}
	double t_all = now() - t0;
	arena_free(&a);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("front end, one core: %zu documents, %.1f MB, x%d rounds (%.0f MB, %zu sentences)\n",
	       n, bytes / 1e6, rounds, total / 1e6, sentences);
	report("read", t_read, (double)read_bytes, 0);
	report("normalize", t_norm, total, 0);
	report("normalize+split", t_split, total, (double)sentences);
	report("normalize+split+tokens", t_all, total, (double)sentences);
	printf("  %-22s %9.1f M tokens/s\n", "tokens", (double)tokens / t_all / 1e6);
	printf("  %-22s %9.1f MB\n", "peak RSS", ru.ru_maxrss / 1024.0);
	for (size_t i = 0; i < n; i++)
		free(docs[i].text);
	free(docs);
	return 0;
}
