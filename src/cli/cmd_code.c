/* SPDX-License-Identifier: MIT */
/* `dyad code`: reads documents, codes each sentence with the engine, applies
 * the news rules (engine/news.h: events that did not happen dropped, lone
 * agents given a country; --no-news skips them), enriches each event (enrich/enrich.h: codebook, PLOVER, event date, location) and
 * writes one event a line (write/write.h: JSONL, TSV in Phoenix's columns,
 * CSV; --fields), optionally after one-a-day duplicate removal
 * (write/dedup.h). docs/output.md describes the output.
 *
 * Threads (-j N): N threads (the calling one and N - 1 more) each read a
 * chunk of documents in turn, each document into its own slot (arena + output
 * buffer), code, enrich and format them, and hand the chunk over to be
 * written in input order (or, with --dedup day, its records added to the
 * dedup table in input order). So output is byte-identical for any N; see
 * "The coding pipeline" below. Exports cmd_code(). */
#include <assert.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "dictopts.h"
#include "engine/engine.h"
#include "engine/news.h"
#include "enrich/enrich.h"
#include "enrich/gazetteer.h"
#include "progress.h"
#include "read/read.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/xalloc.h"
#include "write/dedup.h"
#include "write/write.h"

static const char code_help[] =
	"usage: dyad code [OPTIONS] [FILE...]\n"
	"\n"
	"Reads documents (standard input when no FILE), codes every sentence, enriches\n"
	"each event (code name, quad class, Goldstein, PLOVER, event date, location)\n"
	"and writes one event a line. JSONL keys: doc_id, sentence, date, source,\n"
	"target, code, root, event_name, quad, goldstein, date_source, date_phrase,\n"
	"plover, location, [reports, n_docs, doc_ids,] text (docs/output.md).\n"
	"\n"
	"options:\n"
	"  --format FMT     input: auto (default), text, jsonl, tabari, petrarch, csv,\n"
	"                   feed, html\n"
	"  --date DATE      date (YYYY-MM-DD) for documents that carry none\n"
	"  --output FMT     jsonl (default), tsv (the Phoenix data set's 26 columns)\n"
	"                   or csv (with a header)\n"
	"  --fields LIST    comma-separated fields, in order, for any output format;\n"
	"                   an unknown name lists the valid ones\n"
	"  --no-header      TSV/CSV without the header line\n"
	"  --dedup MODE     none (default): every event; day: one event per date,\n"
	"                   source, target and code, with reports, n_docs, doc_ids\n"
	"                   (output comes at the end of input)\n"
	"  --gazetteer FILE gazetteer for locations (default: found automatically)\n"
	"  --no-location    do not look for locations\n"
	"  --no-news        the engine's events as they are: no news rules (negated,\n"
	"                   conditional, questioned and modal events kept, lone agents\n"
	"                   written as ~COP; docs/output.md, \"News rules\")\n"
	"  --no-enrich      no enrichment (for measuring its cost): codebook, PLOVER,\n"
	"                   date and location fields are null\n"
	"  -j N             worker threads (default 1); output is the same for any N\n"
	DICTOPTS_HELP
	"  -h, --help       this help\n";

enum {
	CODE_MAX_THREADS = 256,
	CODE_CHUNK_DOCS = 64,       /* documents read, coded and written as one */
	CODE_CHUNKS_PER_THREAD = 4  /* -j 2 and more: chunks in flight a thread */
};

typedef struct slot {
	dy_arena   a;
	dy_doc     doc;
	dy_buf     out;
	dy_record *recs;      /* --dedup day: the document's records, in the arena */
	size_t     n_recs, cap_recs;
	long       sentences;
	long       events;
} slot;

/* What coding a document needs; read-only while threads run. */
typedef struct job {
	const dy_engine      *eng;
	const dy_engine_opts *o;
	const dy_writer      *w;
	const dy_enricher    *en;
	int                   enrich;  /* 0: --no-enrich */
	int                   dedup;   /* 1: keep records for the writing thread */
	int                   news;    /* 0: --no-news (the engine's events as they are) */
} job;

/* Keeps a record for the writing thread (--dedup day); its strings stay in
 * the slot's arena until the document is written. */
static void slot_keep(slot *s, const dy_record *r)
{
	if (s->n_recs == s->cap_recs) {
		size_t nc = s->cap_recs ? s->cap_recs * 2 : 16;
		dy_record *m = arena_alloc(&s->a, nc * sizeof *m);
		if (s->n_recs)
			memcpy(m, s->recs, s->n_recs * sizeof *m);
		s->recs = m;
		s->cap_recs = nc;
	}
	s->recs[s->n_recs++] = *r;
}

static void code_slot(const job *j, slot *s)
{
	dy_text t;
	text_prepare(&s->a, s->doc.text, s->doc.text_len, &t);
	int32_t date = engine_date(s->doc.date);
	dy_date doc_date = { 0, 0, 0 };
	if (s->doc.date && !when_date_parse(s->doc.date, strlen(s->doc.date), &doc_date))
		doc_date = (dy_date){ 0, 0, 0 };
	dy_engine_carry carry;
	memset(&carry, 0, sizeof carry);
	dy_news_carry ncarry;
	memset(&ncarry, 0, sizeof ncarry);
	for (size_t i = 0; i < t.n_sentences; i++) {
		dy_span sp = t.sentences[i];
		dy_token *toks;
		size_t n = tok_sentence(&s->a, t.norm.text, sp, &toks);
		dy_coding c;
		engine_code(j->eng, j->o, &s->a, t.norm.text, toks, n, date, &carry, NULL, &c);
		if (j->news)
			c.n_events = news_apply(j->eng->d, toks, n, date, c.events, c.n_events,
			                        &ncarry, NULL);
		dy_enriched x[ENG_MAX_EVENTS];
		if (j->enrich) {
			enrich_sentence(j->en, t.norm.text, toks, n, c.events, c.n_events, doc_date, x);
		} else {
			memset(x, 0, c.n_events * sizeof *x);
			for (size_t k = 0; k < c.n_events; k++)
				x[k].date = doc_date;
		}
		for (size_t k = 0; k < c.n_events; k++) {
			const dy_event *e = &c.events[k];
			dy_record r;
			enrich_record(&x[k], e, t.norm.text, s->doc.id, s->doc.url, s->doc.source,
			              (long)i, (long)k, t.norm.text + sp.off, sp.len, &r);
			if (j->dedup) {
				/* the place's country lives in x: copy it before x goes */
				if (r.loc_country) {
					char *cc = arena_strdup(&s->a, r.loc_country);
					r.loc_country = cc;
				}
				slot_keep(s, &r);
			} else {
				writer_record(j->w, &r, &s->out);
			}
		}
		s->events += (long)c.n_events;
	}
	s->sentences = (long)t.n_sentences;
}

/* Writes the kept events of the dedup table in first-report order and
 * clears it; b is scratch. */
static void dedup_write(dy_dedup *dd, const dy_writer *w, dy_buf *b)
{
	for (size_t i = 0; i < dedup_count(dd); i++) {
		buf_clear(b);
		writer_record(w, dedup_at(dd, i), b);
		fwrite(b->p, 1, b->n, stdout);
	}
	dedup_clear(dd);
}

/* The documents of every input file, one after the other. */
typedef struct input_list {
	char      **paths;  /* NULL: standard input */
	int         n_paths;
	int         next;   /* index of the next file to open */
	dy_reader  *r;      /* file being read, or NULL */
	dy_format   fmt;
	const char *date;
	dy_diag    *dg;
} input_list;

static int input_next(input_list *in, dy_arena *a, dy_doc *doc)
{
	for (;;) {
		if (!in->r) {
			int n = in->paths ? in->n_paths : 1;
			if (in->next >= n)
				return 0;
			const char *path = in->paths ? in->paths[in->next] : "-";
			in->next++;
			in->r = reader_open(path, in->fmt, in->date, in->dg);
			if (!in->r)
				continue; /* reported; the other files go on */
		}
		if (reader_next(in->r, a, doc))
			return 1;
		reader_close(in->r);
		in->r = NULL;
	}
}

/* Reads up to cap documents into the slots; returns how many (fewer than
 * cap: the input is exhausted). */
static int batch_fill(input_list *in, slot *slots, int cap)
{
	int n = 0;
	while (n < cap) {
		slot *s = &slots[n];
		arena_reset(&s->a);
		buf_clear(&s->out);
		s->recs = NULL;
		s->n_recs = s->cap_recs = 0;
		s->sentences = s->events = 0;
		if (!input_next(in, &s->a, &s->doc))
			break;
		n++;
	}
	return n;
}

/* The coding pipeline. Each thread (the calling one and, with -j N, N - 1
 * more) loops: take a free chunk, read the next CODE_CHUNK_DOCS documents
 * into it under the input lock, code them, then hand the chunk to the output
 * side, which writes every chunk whose turn has come (input order) and frees
 * it. No thread waits for another at a batch boundary, nor does a reading
 * thread sit beside the coding ones: on two cores two threads code all the
 * time and read in turns (reading is a tenth of the work). Output is the same
 * for any N because chunks are numbered as they are read and written by
 * number. With -j 1 the calling thread does it all, alone.
 *
 * Invariants: chunks numbered below `written` are written and free; at most
 * n_chunks are read and not yet written, so a coded chunk waiting for its turn
 * has a place of its own in ready[seq % n_chunks]. A thread waits for a free
 * chunk only while holding none, so the oldest unwritten chunk always belongs
 * to a thread that is coding it. */
typedef struct chunk {
	slot         *slots;  /* CODE_CHUNK_DOCS of them */
	int           n;      /* documents in it */
	long          seq;    /* its place in the input: 0, 1, 2, ... */
	struct chunk *next;   /* free list */
} chunk;

typedef struct pipeline {
	job              j;
	/* input side, under in_mu */
	pthread_mutex_t  in_mu;
	input_list      *in;
	long             seq_read;   /* chunks read so far */
	atomic_int       in_end;     /* the input is exhausted (set under in_mu) */
	/* output side, under out_mu */
	pthread_mutex_t  out_mu;
	pthread_cond_t   freed;      /* a chunk went back to the free list */
	chunk           *free;
	chunk          **ready;      /* coded chunks waiting for their turn */
	int              n_chunks;
	long             written;    /* chunks written so far */
	dy_dedup        *dd;         /* --dedup day, else NULL */
	dy_buf          *scratch;    /* for dedup_write() */
	dy_progress     *pr;
	long             docs, sents;
	/* storage */
	chunk           *chunks;
	slot            *slots;
} pipeline;

static void pipeline_init(pipeline *p, const job *j, input_list *in, int n_chunks)
{
	memset(p, 0, sizeof *p);
	p->j = *j;
	p->in = in;
	atomic_init(&p->in_end, 0);
	pthread_mutex_init(&p->in_mu, NULL);
	pthread_mutex_init(&p->out_mu, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->n_chunks = n_chunks;
	p->chunks = xcalloc((size_t)n_chunks, sizeof *p->chunks);
	p->ready = xcalloc((size_t)n_chunks, sizeof *p->ready);
	p->slots = xcalloc((size_t)n_chunks * CODE_CHUNK_DOCS, sizeof *p->slots);
	for (int k = n_chunks - 1; k >= 0; k--) {
		chunk *c = &p->chunks[k];
		c->slots = p->slots + (size_t)k * CODE_CHUNK_DOCS;
		for (int i = 0; i < CODE_CHUNK_DOCS; i++)
			arena_init(&c->slots[i].a);
		c->next = p->free;
		p->free = c;
	}
}

static void pipeline_free(pipeline *p)
{
	for (size_t i = 0; i < (size_t)p->n_chunks * CODE_CHUNK_DOCS; i++) {
		arena_free(&p->slots[i].a);
		buf_free(&p->slots[i].out);
	}
	free(p->slots);
	free(p->ready);
	free(p->chunks);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->out_mu);
	pthread_mutex_destroy(&p->in_mu);
}

/* A free chunk, waiting for one if need be; NULL once the input is
 * exhausted and none is free. */
static chunk *chunk_take(pipeline *p)
{
	pthread_mutex_lock(&p->out_mu);
	while (!p->free && !atomic_load(&p->in_end))
		pthread_cond_wait(&p->freed, &p->out_mu);
	chunk *c = p->free;
	if (c)
		p->free = c->next;
	pthread_mutex_unlock(&p->out_mu);
	return c;
}

static void chunk_give_back(pipeline *p, chunk *c)
{
	pthread_mutex_lock(&p->out_mu);
	c->next = p->free;
	p->free = c;
	pthread_cond_broadcast(&p->freed);
	pthread_mutex_unlock(&p->out_mu);
}

/* Reads the next documents into c and numbers it; 0 at the end of input. */
static int chunk_read(pipeline *p, chunk *c)
{
	pthread_mutex_lock(&p->in_mu);
	c->n = 0;
	if (!atomic_load(&p->in_end)) {
		c->n = batch_fill(p->in, c->slots, CODE_CHUNK_DOCS);
		if (c->n < CODE_CHUNK_DOCS)
			atomic_store(&p->in_end, 1);
		if (c->n > 0)
			c->seq = p->seq_read++;
	}
	pthread_mutex_unlock(&p->in_mu);
	return c->n;
}

/* Writes a chunk whose turn has come (under out_mu): its events, or its
 * records into the dedup table, in input order. */
static void chunk_write(pipeline *p, const chunk *c)
{
	for (int i = 0; i < c->n; i++) {
		const slot *s = &c->slots[i];
		if (s->out.n)
			fwrite(s->out.p, 1, s->out.n, stdout);
		long doc_seq = p->docs + i + 1;
		for (size_t k = 0; p->dd && k < s->n_recs; k++) {
			dedup_add(p->dd, &s->recs[k], doc_seq);
			if (dedup_full(p->dd))
				dedup_write(p->dd, p->j.w, p->scratch);
		}
		p->sents += s->sentences;
	}
	p->docs += c->n;
	progress_tick(p->pr, p->docs, p->sents);
}

/* Hands over a coded chunk: writes it and the ones after it that are coded,
 * as long as their turn has come, and frees them. */
static void chunk_done(pipeline *p, chunk *c)
{
	pthread_mutex_lock(&p->out_mu);
	p->ready[c->seq % p->n_chunks] = c;
	int freed = 0;
	for (;;) {
		chunk **w = &p->ready[p->written % p->n_chunks];
		chunk *r = *w;
		if (!r)
			break;
		assert(r->seq == p->written);
		*w = NULL;
		chunk_write(p, r);
		p->written++;
		r->next = p->free;
		p->free = r;
		freed = 1;
	}
	if (freed)
		pthread_cond_broadcast(&p->freed);
	pthread_mutex_unlock(&p->out_mu);
}

static void pipeline_run(pipeline *p)
{
	chunk *c;
	while ((c = chunk_take(p)) != NULL) {
		if (!chunk_read(p, c)) {
			chunk_give_back(p, c);
			break;
		}
		for (int i = 0; i < c->n; i++)
			code_slot(&p->j, &c->slots[i]);
		chunk_done(p, c);
	}
}

static void *pipeline_thread(void *arg)
{
	pipeline_run(arg);
	return NULL;
}

/* Opening the first input file beside the dictionary load (-j 2 and more):
 * opening a PETRARCH file reads and checks all of it, which would otherwise
 * keep every thread waiting. Its messages are kept in memory; if there are
 * any, the early reader is dropped and the file opened again in the usual
 * way, so that messages and their order are those of a run without it. Only
 * regular files: standard input or a pipe cannot be read twice. */
typedef struct open_job {
	const char *path;
	dy_format   fmt;
	const char *date;
	dy_diag     dg;      /* becomes the reader's for the whole run */
	char       *msg;
	size_t      msg_n;
	dy_reader  *r;
	pthread_t   th;
	int         started;
} open_job;

static void *open_job_run(void *arg)
{
	open_job *o = arg;
	o->r = reader_open(o->path, o->fmt, o->date, &o->dg);
	return NULL;
}

static void open_job_start(open_job *o, const char *path, dy_format fmt, const char *date)
{
	memset(o, 0, sizeof *o);
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	o->path = path;
	o->fmt = fmt;
	o->date = date;
	diag_init(&o->dg, open_memstream(&o->msg, &o->msg_n));
	o->started = pthread_create(&o->th, NULL, open_job_run, o) == 0;
	if (!o->started) {
		if (o->dg.out)
			fclose(o->dg.out);
		free(o->msg);
		memset(o, 0, sizeof *o);
	}
}

/* Waits for the early open; returns the reader when it went without a word
 * (its diag is then o->dg), else NULL with everything dropped. */
static dy_reader *open_job_finish(open_job *o)
{
	if (!o->started)
		return NULL;
	pthread_join(o->th, NULL);
	o->started = 0;
	if (o->dg.out)
		fclose(o->dg.out);
	o->dg.out = NULL;
	free(o->msg);
	o->msg = NULL;
	if (o->dg.errors || o->dg.warnings) {
		reader_close(o->r);
		o->r = NULL;
	}
	return o->r;
}

/* Loading the gazetteer beside the dictionaries. Its messages are kept in
 * memory and printed once it is done, so that they never interleave with the
 * dictionaries' warnings. */
typedef struct gaz_job {
	const char   *path;  /* --gazetteer, or NULL: found automatically */
	dy_gazetteer *gaz;
	int           rc;
	dy_diag       gd;
	char         *msg;   /* messages (only for a gazetteer named by path) */
	size_t        msg_n;
	pthread_t     th;
	int           threaded;
} gaz_job;

static void *gaz_job_run(void *arg)
{
	gaz_job *g = arg;
	g->rc = g->path ? gaz_load_file(&g->gaz, g->path, &g->gd) : gaz_load(&g->gaz, &g->gd);
	return NULL;
}

static int gaz_job_start(gaz_job *g, const char *path)
{
	memset(g, 0, sizeof *g);
	g->path = path;
	/* kept for gaz_job_finish(): a stale or damaged image is worth a line */
	diag_init(&g->gd, open_memstream(&g->msg, &g->msg_n));
	g->gd.max_shown = 20;
	g->threaded = pthread_create(&g->th, NULL, gaz_job_run, g) == 0;
	if (!g->threaded)
		gaz_job_run(g);
	return 1;
}

/* Waits for the load; hands over the gazetteer and prints its messages
 * (a stale or damaged image, or where it was looked for in vain). */
static int gaz_job_finish(gaz_job *g, dy_gazetteer **out)
{
	if (g->threaded)
		pthread_join(g->th, NULL);
	if (g->gd.out) {
		fclose(g->gd.out);
		if (g->msg_n)
			fwrite(g->msg, 1, g->msg_n, stderr);
	}
	free(g->msg);
	*out = g->gaz;
	return g->rc;
}

int cmd_code(int argc, char **argv)
{
	static const struct option longopts[] = {
		DICTOPTS_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "date",   required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "fields", required_argument, NULL, 'F' },
		{ "dedup",  required_argument, NULL, 'D' },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "no-location", no_argument,  NULL, 'L' },
		{ "no-enrich", no_argument,    NULL, 'E' },
		{ "no-news",   no_argument,    NULL, 'N' },
		{ "no-header", no_argument,    NULL, 'H' },
		{ "help",   no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	dy_dictopts dopt;
	memset(&dopt, 0, sizeof dopt);
	dy_format fmt = FMT_AUTO;
	const char *date = NULL;
	int threads = 1, c;
	dy_out_format ofmt = OUT_JSONL;
	const char *fields = NULL, *gaz_path = NULL;
	int dedup = 0, no_location = 0, enrich = 1, header = 1, news = 1;
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
		case 'o': {
			int f = write_format_from_name(optarg);
			if (f < 0) {
				fprintf(stderr, "dyad code: unknown output '%s' (jsonl, tsv or csv)\n", optarg);
				return DY_EXIT_INPUT;
			}
			ofmt = (dy_out_format)f;
			break;
		}
		case 'F':
			fields = optarg;
			break;
		case 'D':
			if (!strcmp(optarg, "day"))
				dedup = 1;
			else if (!strcmp(optarg, "none"))
				dedup = 0;
			else {
				fprintf(stderr, "dyad code: unknown --dedup '%s' (none or day)\n", optarg);
				return DY_EXIT_INPUT;
			}
			break;
		case 'g':
			gaz_path = optarg;
			break;
		case 'L':
			no_location = 1;
			break;
		case 'E':
			enrich = 0;
			break;
		case 'H':
			header = 0;
			break;
		case 'N':
			news = 0;
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
	dy_writer wr;
	dy_buf werr = DY_BUF_INIT;
	if (writer_init(&wr, ofmt, fields, dedup, &werr) != 0) {
		fprintf(stderr, "dyad code: --fields: %s\n", werr.p);
		buf_free(&werr);
		return DY_EXIT_INPUT;
	}
	buf_free(&werr);
	wr.header = wr.header && header;
	dy_diag dg;
	diag_init(&dg, stderr);
	dg.max_shown = 20;
	/* The gazetteer loads on a thread of its own while the dictionaries load:
	 * the two are independent, and together they are most of a short run. */
	gaz_job gj;
	int gaz_started = 0;
	if (enrich && !no_location)
		gaz_started = gaz_job_start(&gj, gaz_path);
	open_job oj;
	memset(&oj, 0, sizeof oj);
	if (threads > 1 && argc > optind)
		open_job_start(&oj, argv[optind], fmt, date);
	dy_dict *d = dictopts_load(&dopt, "code", &dg);
	dy_gazetteer *gaz = NULL;
	if (gaz_started) {
		int rc = gaz_job_finish(&gj, &gaz);
		if (rc != 0 && gaz_path) {
			/* a gazetteer asked for by name must load */
			reader_close(open_job_finish(&oj));
			gaz_free(gaz);
			dict_free(d);
			return DY_EXIT_INPUT;
		}
		if (rc != 0) {
			/* locations are optional: without a gazetteer they stay null,
			 * with one line saying so */
			fprintf(stderr, "dyad code: no usable gazetteer; locations are left null "
			        "(docs/gazetteer.md)\n");
			gaz_free(gaz);
			gaz = NULL;
		}
	}
	if (!d) {
		reader_close(open_job_finish(&oj));
		gaz_free(gaz);
		return DY_EXIT_INPUT;
	}
	lemma_init();
	dy_engine_opts o;
	engine_opts_init(&o);
	engine_opts_from_dict(&o, &d->opt);

	dy_engine *eng = engine_new(d);
	dy_enricher en;
	enrich_init(&en);
	en.gaz = gaz;
	job jb = { .eng = eng, .o = &o, .w = &wr, .en = &en,
	           .enrich = enrich, .dedup = dedup, .news = news };
	dy_buf hb = DY_BUF_INIT;
	writer_header(&wr, &hb);
	if (hb.n)
		fwrite(hb.p, 1, hb.n, stdout);
	dy_progress pr;
	progress_start(&pr);
	/* The readers report through idg, which goes on from the dictionaries'
	 * count of messages shown, as if it were dg. */
	input_list in = { NULL, 0, 0, NULL, fmt, date, NULL };
	if (argc > optind) {
		in.paths = argv + optind;
		in.n_paths = argc - optind;
	}
	dy_diag *idg = &oj.dg;
	if ((in.r = open_job_finish(&oj)) != NULL) {
		in.next = 1;
	} else {
		diag_init(idg, NULL);
	}
	idg->out = stderr;
	idg->max_shown = dg.max_shown;
	idg->shown = dg.shown;
	in.dg = idg;

	/* -j 1 codes on this thread alone, so that one-core figures mean one
	 * core; -j N adds N - 1 threads that do the same. */
	pipeline pl;
	pipeline_init(&pl, &jb, &in, threads > 1 ? threads * CODE_CHUNKS_PER_THREAD : 1);
	pl.dd = dedup ? dedup_new(0) : NULL;
	pl.scratch = &hb;
	pl.pr = &pr;
	pthread_t th[CODE_MAX_THREADS];
	int n_th = 0;
	for (int i = 1; i < threads; i++)
		if (pthread_create(&th[n_th], NULL, pipeline_thread, &pl) == 0)
			n_th++;
	pipeline_run(&pl);
	for (int i = 0; i < n_th; i++)
		pthread_join(th[i], NULL);
	assert(pl.written == pl.seq_read);
	if (pl.dd)
		dedup_write(pl.dd, &wr, &hb);
	progress_end(&pr);
	dedup_free(pl.dd);
	pipeline_free(&pl);
	buf_free(&hb);
	gaz_free(gaz);
	engine_free(eng);
	dict_free(d);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dyad code: writing output");
		return DY_EXIT_INTERNAL;
	}
	return dg.errors || idg->errors ? DY_EXIT_INPUT : DY_EXIT_OK;
}
