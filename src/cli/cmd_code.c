/* SPDX-License-Identifier: MIT */
/* `dyad code`: reads documents, codes each sentence with the engine, applies
 * the news rules (engine/news.h: events that did not happen dropped, lone
 * agents given a country; --no-news skips them), enriches each event (enrich/enrich.h: codebook, PLOVER, event date, location) and
 * writes one event a line (write/write.h: JSONL, TSV in Phoenix's columns,
 * CSV; --fields), optionally after one-a-day duplicate removal
 * (write/dedup.h). docs/output.md describes the output.
 *
 * Threads (-j N): documents are read in batches, each into its own slot
 * (arena + output buffer); N workers take slots from an atomic counter and
 * code, enrich and format them, while the main thread reads the next batch
 * into a second set of slots; the main thread then writes the slots in input
 * order (or, with --dedup day, adds their records to the dedup table in input
 * order). So output is byte-identical for any N. Exports cmd_code(). */
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

enum { CODE_MAX_THREADS = 256, CODE_BATCH_PER_THREAD = 64 };

typedef struct slot {
	dy_arena   a;
	dy_doc     doc;
	dy_buf     out;
	dy_record *recs;      /* --dedup day: the document's records, in the arena */
	size_t     n_recs, cap_recs;
	long       sentences;
	long       events;
} slot;

typedef struct job {
	const dy_engine      *eng;
	const dy_engine_opts *o;
	const dy_writer      *w;
	const dy_enricher    *en;
	int                   enrich;  /* 0: --no-enrich */
	int                   dedup;   /* 1: keep records for the main thread */
	int                   news;    /* 0: --no-news (the engine's events as they are) */
	slot                 *slots;
	int                   n;
	atomic_int            next;
} job;

/* Keeps a record for the main thread (--dedup day); its strings stay in the
 * slot's arena until the batch is written. */
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

/* Worker threads that live for the whole run (-j 2 and more). They are made
 * once, not per batch: the tokenizer and the engine keep per-thread caches
 * that a new thread would have to warm up again for every batch.
 *
 * Invariant: `busy` counts the workers still on batch `gen`; the main thread
 * hands over a new batch only when busy == 0. */
typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t  go;     /* a new batch, or quit */
	pthread_cond_t  done;   /* the last worker finished the batch */
	job            *j;      /* the batch being coded */
	unsigned        gen;    /* batches handed out so far */
	int             busy;
	int             quit;
	int             n;      /* workers running */
	pthread_t       th[CODE_MAX_THREADS];
} pool;

static void *pool_worker(void *arg)
{
	pool *p = arg;
	unsigned seen = 0;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		seen = p->gen;
		job *j = p->j;
		pthread_mutex_unlock(&p->mu);
		worker(j);
		pthread_mutex_lock(&p->mu);
		if (--p->busy == 0)
			pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Starts up to `threads` workers; returns how many started (0: code on the
 * calling thread instead). */
static int pool_open(pool *p, int threads)
{
	memset(p, 0, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int i = 0; i < threads; i++)
		if (pthread_create(&p->th[p->n], NULL, pool_worker, p) == 0)
			p->n++;
	return p->n;
}

/* Hands batch j to the workers and returns at once. */
static void pool_start(pool *p, job *j)
{
	atomic_store(&j->next, 0);
	pthread_mutex_lock(&p->mu);
	p->j = j;
	p->busy = p->n;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
}

static void pool_wait(pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->busy > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static void pool_close(pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n; i++)
		pthread_join(p->th[i], NULL);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
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

/* Reads up to cap documents into the slots; returns how many. */
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
	dy_dict *d = dictopts_load(&dopt, "code", &dg);
	dy_gazetteer *gaz = NULL;
	if (gaz_started) {
		int rc = gaz_job_finish(&gj, &gaz);
		if (rc != 0 && gaz_path) {
			/* a gazetteer asked for by name must load */
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
		gaz_free(gaz);
		return DY_EXIT_INPUT;
	}
	lemma_init();
	dy_engine_opts o;
	engine_opts_init(&o);
	engine_opts_from_dict(&o, &d->opt);

	/* Two sets of slots: with -j 2 and more, the workers code one batch while
	 * the main thread reads the next. With -j 1 everything runs on one thread,
	 * so that one-core figures mean one core. */
	int cap = threads * CODE_BATCH_PER_THREAD;
	pool workers;
	int nsets = threads > 1 && pool_open(&workers, threads) > 0 ? 2 : 1;
	slot *sets[2] = { NULL, NULL };
	job jobs[2];
	memset(jobs, 0, sizeof jobs);
	dy_engine *eng = engine_new(d);
	dy_enricher en;
	enrich_init(&en);
	en.gaz = gaz;
	dy_dedup *dd = dedup ? dedup_new(0) : NULL;
	for (int k = 0; k < nsets; k++) {
		sets[k] = xcalloc((size_t)cap, sizeof *sets[k]);
		for (int i = 0; i < cap; i++)
			arena_init(&sets[k][i].a);
		jobs[k].eng = eng;
		jobs[k].o = &o;
		jobs[k].w = &wr;
		jobs[k].en = &en;
		jobs[k].enrich = enrich;
		jobs[k].dedup = dedup;
		jobs[k].news = news;
		jobs[k].slots = sets[k];
	}
	dy_buf hb = DY_BUF_INIT;
	writer_header(&wr, &hb);
	if (hb.n)
		fwrite(hb.p, 1, hb.n, stdout);
	long doc_seq = 0;
	dy_progress pr;
	progress_start(&pr);
	long docs = 0, sents = 0;
	input_list in = { NULL, 0, 0, NULL, fmt, date, &dg };
	if (argc > optind) {
		in.paths = argv + optind;
		in.n_paths = argc - optind;
	}
	int cur = 0;
	int n = batch_fill(&in, sets[cur], cap);
	while (n > 0) {
		jobs[cur].n = n;
		int next_n = 0;
		if (nsets == 2) {
			pool_start(&workers, &jobs[cur]);
			next_n = batch_fill(&in, sets[!cur], cap);
			pool_wait(&workers);
		} else {
			atomic_store(&jobs[cur].next, 0);
			worker(&jobs[cur]);
		}
		slot *slots = sets[cur];
		for (int i = 0; i < n; i++) {
			if (slots[i].out.n)
				fwrite(slots[i].out.p, 1, slots[i].out.n, stdout);
			doc_seq++;
			for (size_t k = 0; dd && k < slots[i].n_recs; k++) {
				dedup_add(dd, &slots[i].recs[k], doc_seq);
				if (dedup_full(dd))
					dedup_write(dd, &wr, &hb);
			}
			sents += slots[i].sentences;
		}
		docs += n;
		progress_tick(&pr, docs, sents);
		if (nsets == 2) {
			cur = !cur;
			n = next_n;
		} else {
			n = batch_fill(&in, sets[cur], cap);
		}
	}
	if (dd)
		dedup_write(dd, &wr, &hb);
	progress_end(&pr);
	dedup_free(dd);
	buf_free(&hb);
	gaz_free(gaz);
	if (nsets == 2)
		pool_close(&workers);
	for (int k = 0; k < nsets; k++) {
		for (int i = 0; i < cap; i++) {
			arena_free(&sets[k][i].a);
			buf_free(&sets[k][i].out);
		}
		free(sets[k]);
	}
	engine_free(eng);
	dict_free(d);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dyad code: writing output");
		return DY_EXIT_INTERNAL;
	}
	return dg.errors ? DY_EXIT_INPUT : DY_EXIT_OK;
}
