/* SPDX-License-Identifier: MIT */
/* `dyad code`: reads documents, codes each sentence with the engine and writes
 * one event a line (JSONL, or TSV with --output tsv). Multi-sentence documents
 * are coded sentence by sentence with the document's date.
 *
 * Threads (-j N): the main thread reads a batch of documents, each into its own
 * slot (arena + output buffer); N workers take slots from an atomic counter and
 * code them; the main thread then writes the slots in input order. So output is
 * byte-identical for any N. Exports cmd_code(). */
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "dictopts.h"
#include "engine/engine.h"
#include "progress.h"
#include "read/read.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/json.h"
#include "util/xalloc.h"

static const char code_help[] =
	"usage: dyad code [OPTIONS] [FILE...]\n"
	"\n"
	"Reads documents (standard input when no FILE), codes every sentence and\n"
	"writes one event a line: doc_id, sentence, date, source, target, code, root,\n"
	"text.\n"
	"\n"
	"options:\n"
	"  --format FMT     input: auto (default), text, jsonl, tabari, petrarch, csv,\n"
	"                   feed, html\n"
	"  --date DATE      date (YYYY-MM-DD) for documents that carry none\n"
	"  --output FMT     jsonl (default) or tsv\n"
	"  -j N             worker threads (default 1); output is the same for any N\n"
	DICTOPTS_HELP
	"  -h, --help       this help\n";

enum { CODE_MAX_THREADS = 256, CODE_BATCH_PER_THREAD = 64 };

typedef struct slot {
	dy_arena a;
	dy_doc   doc;
	dy_buf   out;
	long     sentences;
	long     events;
} slot;

typedef struct job {
	const dy_engine      *eng;
	const dy_engine_opts *o;
	int                   tsv;
	slot                 *slots;
	int                   n;
	atomic_int            next;
} job;

static void put_tsv_field(dy_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		buf_putc(b, (ch == '\t' || ch == '\n' || ch == '\r') ? ' ' : ch);
	}
}

static void format_date(char out[16], int32_t d)
{
	snprintf(out, 16, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

static void write_event(dy_buf *b, int tsv, const dy_doc *doc, size_t si, const dy_event *e,
                        const char *text, size_t tlen)
{
	char date[16];
	int has_date = e->date > 0;
	if (has_date)
		format_date(date, e->date);
	char root[3] = { e->code[0], e->code[0] ? e->code[1] : '\0', '\0' };
	if (tsv) {
		put_tsv_field(b, doc->id, strlen(doc->id));
		buf_printf(b, "\t%zu\t%s\t%s\t%s\t%s\t%s\t", si, has_date ? date : "",
		           e->source, e->target, e->code, root);
		put_tsv_field(b, text, tlen);
		buf_putc(b, '\n');
		return;
	}
	buf_putc(b, '{');
	json_key(b, "doc_id", 1);
	json_cstring(b, doc->id);
	buf_printf(b, ",\"sentence\":%zu", si);
	json_key(b, "date", 0);
	json_cstring(b, has_date ? date : NULL);
	json_key(b, "source", 0);
	json_cstring(b, e->source);
	json_key(b, "target", 0);
	json_cstring(b, e->target);
	json_key(b, "code", 0);
	json_cstring(b, e->code);
	json_key(b, "root", 0);
	json_cstring(b, root);
	json_key(b, "text", 0);
	json_string(b, text, tlen);
	buf_puts(b, "}\n");
}

static void code_slot(const job *j, slot *s)
{
	dy_text t;
	text_prepare(&s->a, s->doc.text, s->doc.text_len, &t);
	int32_t date = engine_date(s->doc.date);
	dy_engine_carry carry;
	memset(&carry, 0, sizeof carry);
	for (size_t i = 0; i < t.n_sentences; i++) {
		dy_span sp = t.sentences[i];
		dy_token *toks;
		size_t n = tok_sentence(&s->a, t.norm.text, sp, &toks);
		dy_coding r;
		engine_code(j->eng, j->o, &s->a, t.norm.text, toks, n, date, &carry, NULL, &r);
		for (size_t k = 0; k < r.n_events; k++)
			write_event(&s->out, j->tsv, &s->doc, i, &r.events[k], t.norm.text + sp.off, sp.len);
		s->events += (long)r.n_events;
	}
	s->sentences = (long)t.n_sentences;
}

static void *worker(void *arg)
{
	job *j = arg;
	for (;;) {
		int k = atomic_fetch_add(&j->next, 1);
		if (k >= j->n)
			break;
		code_slot(j, &j->slots[k]);
	}
	return NULL;
}

static void run_batch(job *j, int threads)
{
	atomic_store(&j->next, 0);
	if (threads <= 1 || j->n < 2) {
		worker(j);
		return;
	}
	pthread_t th[CODE_MAX_THREADS];
	int started = 0;
	for (int i = 0; i < threads - 1; i++)
		if (pthread_create(&th[started], NULL, worker, j) == 0)
			started++;
	worker(j);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}

int cmd_code(int argc, char **argv)
{
	static const struct option longopts[] = {
		DICTOPTS_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "date",   required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "help",   no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	dy_dictopts dopt;
	memset(&dopt, 0, sizeof dopt);
	dy_format fmt = FMT_AUTO;
	const char *date = NULL;
	int tsv = 0, threads = 1, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hj:", longopts, NULL)) != -1) {
		switch (c) {
		case DICTOPT_DICT:
		case DICTOPT_PROJECT:
			if (dictopts_add(&dopt, c, optarg, "code") < 0)
				return DY_EXIT_INPUT;
			break;
		case 'f': {
			int f = format_from_name(optarg);
			if (f < 0) {
				fprintf(stderr, "dyad code: unknown format '%s'\n", optarg);
				return DY_EXIT_INPUT;
			}
			fmt = (dy_format)f;
			break;
		}
		case 'd':
			date = optarg;
			if (!engine_date(date)) {
				fprintf(stderr, "dyad code: bad date '%s' (want YYYY-MM-DD)\n", date);
				return DY_EXIT_INPUT;
			}
			break;
		case 'o':
			if (!strcmp(optarg, "tsv"))
				tsv = 1;
			else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
				tsv = 0;
			else {
				fprintf(stderr, "dyad code: unknown output '%s' (jsonl or tsv)\n", optarg);
				return DY_EXIT_INPUT;
			}
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > CODE_MAX_THREADS) {
				fprintf(stderr, "dyad code: -j wants 1..%d\n", CODE_MAX_THREADS);
				return DY_EXIT_INPUT;
			}
			threads = (int)v;
			break;
		}
		case 'h':
			fputs(code_help, stdout);
			return DY_EXIT_OK;
		default:
			fputs(code_help, stderr);
			return DY_EXIT_INPUT;
		}
	}
	dy_diag dg;
	diag_init(&dg, stderr);
	dg.max_shown = 20;
	dy_dict *d = dictopts_load(&dopt, "code", &dg);
	if (!d)
		return DY_EXIT_INPUT;
	lemma_init();
	dy_engine_opts o;
	engine_opts_init(&o);
	engine_opts_from_dict(&o, &d->opt);

	int cap = threads * CODE_BATCH_PER_THREAD;
	slot *slots = xcalloc((size_t)cap, sizeof *slots);
	for (int i = 0; i < cap; i++)
		arena_init(&slots[i].a);
	job j;
	memset(&j, 0, sizeof j);
	dy_engine *eng = engine_new(d);
	j.eng = eng;
	j.o = &o;
	j.tsv = tsv;
	j.slots = slots;
	if (tsv)
		fputs("doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\ttext\n", stdout);
	dy_progress pr;
	progress_start(&pr);
	long docs = 0, sents = 0;
	int nfiles = argc - optind;
	for (int fi = 0; fi < (nfiles ? nfiles : 1); fi++) {
		const char *path = nfiles ? argv[optind + fi] : "-";
		dy_reader *r = reader_open(path, fmt, date, &dg);
		if (!r)
			continue;
		int more = 1;
		while (more) {
			int n = 0;
			while (n < cap) {
				slot *s = &slots[n];
				arena_reset(&s->a);
				buf_clear(&s->out);
				s->sentences = s->events = 0;
				if (!reader_next(r, &s->a, &s->doc)) {
					more = 0;
					break;
				}
				n++;
			}
			j.n = n;
			run_batch(&j, threads);
			for (int i = 0; i < n; i++) {
				if (slots[i].out.n)
					fwrite(slots[i].out.p, 1, slots[i].out.n, stdout);
				sents += slots[i].sentences;
			}
			docs += n;
			progress_tick(&pr, docs, sents);
		}
		reader_close(r);
	}
	progress_end(&pr);
	for (int i = 0; i < cap; i++) {
		arena_free(&slots[i].a);
		buf_free(&slots[i].out);
	}
	free(slots);
	engine_free(eng);
	dict_free(d);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dyad code: writing output");
		return DY_EXIT_INTERNAL;
	}
	return dg.errors ? DY_EXIT_INPUT : DY_EXIT_OK;
}
