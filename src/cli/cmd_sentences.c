/* SPDX-License-Identifier: MIT */
/* `dyad sentences`: reads documents and writes one JSON line per sentence, so
 * that the front end (reading, normalizing, splitting, tokenizing) can be seen
 * and tested on its own. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "progress.h"
#include "read/read.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/json.h"

static const char sentences_help[] =
	"usage: dyad sentences [OPTIONS] [FILE...]\n"
	"\n"
	"Reads documents (standard input when no FILE) and writes one JSON line per\n"
	"sentence: doc_id, sentence (index), date, text (normalized), repairs (how many\n"
	"bytes or characters the normalizer changed in it), and tokens with --tokens.\n"
	"\n"
	"options:\n"
	"  --format FMT   auto (default), text, jsonl, csv, tabari, petrarch,\n"
	"                 feed (rss, atom), html\n"
	"  --date DATE    date (YYYY-MM-DD) for documents that carry none\n"
	"  --tokens       add each sentence's tokens: text, offset, length, lemma, flags\n"
	"  -h, --help     this help\n";

typedef struct sentences_opts {
	dy_format   format;
	const char *date;
	int         tokens;
} sentences_opts;

static void write_tokens(dy_buf *b, dy_arena *a, const char *text, dy_span s)
{
	dy_token *toks;
	size_t n = tok_sentence(a, text, s, &toks);
	json_key(b, "tokens", 0);
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		const dy_token *t = &toks[i];
		if (i)
			buf_putc(b, ',');
		buf_putc(b, '{');
		json_key(b, "text", 1);
		json_string(b, text + t->off, t->len);
		buf_printf(b, ",\"off\":%u,\"len\":%u", t->off - s.off, t->len);
		json_key(b, "lemma", 0);
		json_string(b, t->lemma, t->lemma_len);
		if (t->flags & TOK_MASKED)
			buf_puts(b, ",\"masked\":true");
		if (t->flags & TOK_CAP)
			buf_puts(b, ",\"cap\":true");
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static long write_document(const sentences_opts *o, dy_arena *a, const dy_doc *d, dy_buf *b)
{
	dy_text t;
	text_prepare(a, d->text, d->text_len, &t);
	for (size_t i = 0; i < t.n_sentences; i++) {
		dy_span s = t.sentences[i];
		buf_clear(b);
		buf_putc(b, '{');
		json_key(b, "doc_id", 1);
		json_cstring(b, d->id);
		buf_printf(b, ",\"sentence\":%zu", i);
		json_key(b, "date", 0);
		json_cstring(b, d->date);
		json_key(b, "text", 0);
		json_string(b, t.norm.text + s.off, s.len);
		buf_printf(b, ",\"repairs\":%zu", text_repairs_in(&t, s));
		if (o->tokens)
			write_tokens(b, a, t.norm.text, s);
		buf_puts(b, "}\n");
		fwrite(b->p, 1, b->n, stdout);
	}
	return (long)t.n_sentences;
}

int cmd_sentences(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "date",   required_argument, NULL, 'd' },
		{ "tokens", no_argument,       NULL, 't' },
		{ "help",   no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	sentences_opts o = { FMT_AUTO, NULL, 0 };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': {
			int f = format_from_name(optarg);
			if (f < 0) {
				fprintf(stderr, "dyad sentences: unknown format '%s'\n", optarg);
				return DY_EXIT_INPUT;
			}
			o.format = (dy_format)f;
			break;
		}
		case 'd':
			o.date = optarg;
			break;
		case 't':
			o.tokens = 1;
			break;
		case 'h':
			fputs(sentences_help, stdout);
			return DY_EXIT_OK;
		default:
			fputs(sentences_help, stderr);
			return DY_EXIT_INPUT;
		}
	}

	dy_diag dg;
	diag_init(&dg, stderr);
	dy_arena a;
	arena_init(&a);
	dy_buf b = DY_BUF_INIT;
	dy_progress pr;
	progress_start(&pr);
	long docs = 0, sents = 0;
	int nfiles = argc - optind;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *path = nfiles ? argv[optind + i] : "-";
		dy_reader *r = reader_open(path, o.format, o.date, &dg);
		if (!r)
			continue;
		dy_doc d;
		while (reader_next(r, &a, &d)) {
			sents += write_document(&o, &a, &d, &b);
			progress_tick(&pr, ++docs, sents);
			arena_reset(&a);
		}
		reader_close(r);
	}
	progress_end(&pr);
	buf_free(&b);
	arena_free(&a);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dyad sentences: writing output");
		return DY_EXIT_INTERNAL;
	}
	return dg.errors ? DY_EXIT_INPUT : DY_EXIT_OK;
}
