/* SPDX-License-Identifier: MIT */
/* `dyad validate`: runs a TABARI validation suite. Each record of the suite's
 * text file carries, in its comment, the events it must produce as
 * "{ SOURCE / TARGET / CODE }" blocks, or a special block: {---} no events,
 * {###} discarded, {+++} complex; "-{" stops checking the blocks after it;
 * "{ OPTION: line }" changes a coding option (TABARI manual 10.1). Records up
 * to the one whose id starts with FINAL are coded (TABARI's standard records);
 * every failing record is printed with its expected and actual events, and the
 * last line is "N passed, M failed". Exports cmd_validate(). */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "dictopts.h"
#include "engine/engine.h"
#include "read/read.h"
#include "text/normalize.h"
#include "text/token.h"
#include "util/buf.h"
#include "util/diag.h"

static const char validate_help[] =
	"usage: dyad validate [OPTIONS] SUITE.project | --project FILE [TEXT...]\n"
	"\n"
	"Codes every record of a TABARI validation suite (up to the record FINAL-01;\n"
	"--all for every record), compares the events with those in each record's\n"
	"comment, prints each failing record, and ends with \"N passed, M failed\".\n"
	"\n"
	"options:\n"
	DICTOPTS_HELP
	"  --all            go on past the FINAL record\n"
	"  --verbose        print every record, not only the failing ones\n"
	"  --explain        with each failing record, the engine's account of it\n"
	"  -h, --help       this help\n";

enum { EXP_MAX = 64 };

typedef struct expect {
	char ev[EXP_MAX][3][ENG_CODE_LEN];
	int  n;
	int  none, discard, complex;  /* {---} {###} {+++} */
	int  stop_seen;               /* -{ ... }: unchecked blocks followed */
	int  blocks;                  /* blocks that ask for something */
	int  options;                 /* OPTION blocks */
} expect;

static void trim_copy(char *dst, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) { s++; n--; }
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= ENG_CODE_LEN)
		n = ENG_CODE_LEN - 1;
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)toupper((unsigned char)s[i]);
	dst[n] = '\0';
}

/* Reads the blocks of a record comment; applies OPTION blocks to o. */
static void expect_parse(const char *cm, expect *x, dy_engine_opts *o, const dy_doc *doc)
{
	memset(x, 0, sizeof *x);
	if (!cm)
		return;
	for (const char *p = cm; (p = strchr(p, '{')); ) {
		const char *q = strchr(p, '}');
		if (!q)
			q = p + strlen(p);   /* the suite leaves some blocks open (MINWRD-ACTIVATE) */
		int dash = p > cm && p[-1] == '-';
		const char *b = p + 1;
		size_t n = (size_t)(q - b);
		while (n && isspace((unsigned char)*b)) { b++; n--; }
		if (n >= 7 && !strncmp(b, "OPTION:", 7)) {
			char line[512];
			size_t k = n - 7 < sizeof line - 1 ? n - 7 : sizeof line - 1;
			memcpy(line, b + 7, k);
			line[k] = '\0';
			if (engine_opts_line(o, line) < 0)
				fprintf(stderr, "dyad validate: %s:%ld: option not understood: %s\n",
				        doc->file, doc->line, line);
			x->options++;
			if (!*q)
				break;
			p = q + 1;
			continue;
		}
		if (dash) {
			x->stop_seen = 1;
			break;
		}
		char compact[64];
		size_t m = 0;
		for (size_t i = 0; i < n && m + 1 < sizeof compact; i++)
			if (!isspace((unsigned char)b[i]))
				compact[m++] = b[i];
		compact[m] = '\0';
		if (!strcmp(compact, "---")) { x->none = 1; x->blocks++; }
		else if (!strcmp(compact, "###")) { x->discard = 1; x->blocks++; }
		else if (!strcmp(compact, "+++")) { x->complex = 1; x->blocks++; }
		else {
			const char *s1 = memchr(b, '/', n);
			const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(q - s1 - 1)) : NULL;
			if (s1 && s2 && x->n < EXP_MAX) {
				trim_copy(x->ev[x->n][0], b, (size_t)(s1 - b));
				trim_copy(x->ev[x->n][1], s1 + 1, (size_t)(s2 - s1 - 1));
				trim_copy(x->ev[x->n][2], s2 + 1, (size_t)(q - s2 - 1));
				x->n++;
				x->blocks++;
			}
		}
		if (!*q)
			break;
		p = q + 1;
	}
}

static int has_event(const dy_coding *r, const char *s, const char *t, const char *c)
{
	for (size_t i = 0; i < r->n_events; i++)
		if (!strcmp(r->events[i].source, s) && !strcmp(r->events[i].target, t) &&
		    !strcmp(r->events[i].code, c))
			return 1;
	return 0;
}

static int expected_has(const expect *x, const dy_event *e)
{
	for (int i = 0; i < x->n; i++)
		if (!strcmp(x->ev[i][0], e->source) && !strcmp(x->ev[i][1], e->target) &&
		    !strcmp(x->ev[i][2], e->code))
			return 1;
	return 0;
}

static int judge(const expect *x, const dy_coding *r)
{
	/* special blocks are checked first (manual 10.1) */
	if (x->discard && r->status == ENG_DISCARD)
		return 1;
	if (x->complex && r->status == ENG_COMPLEX)
		return 1;
	if (x->none && r->n_events == 0 && r->status != ENG_DISCARD && r->status != ENG_COMPLEX)
		return 1;
	if (!x->n)
		return 0;
	if (r->status != ENG_CODED)
		return 0;
	for (int i = 0; i < x->n; i++)
		if (!has_event(r, x->ev[i][0], x->ev[i][1], x->ev[i][2]))
			return 0;
	/* after "-{" the list is known to be partial: extra events are fine */
	if (!x->stop_seen)
		for (size_t i = 0; i < r->n_events; i++)
			if (!expected_has(x, &r->events[i]))
				return 0;
	return 1;
}

static void print_actual(const dy_coding *r)
{
	if (r->status == ENG_DISCARD)
		printf("  actual:   {###} (%s)\n", r->why ? r->why : "");
	else if (r->status == ENG_COMPLEX)
		printf("  actual:   {+++} (%s)\n", r->why ? r->why : "");
	else if (!r->n_events)
		printf("  actual:   {---}%s\n", r->status == ENG_SHORT ? " (too short)" : "");
	for (size_t i = 0; i < r->n_events; i++)
		printf("  actual:   { %s / %s / %s }\n", r->events[i].source,
		       r->events[i].target, r->events[i].code);
}

static void print_expected(const expect *x)
{
	if (x->none) printf("  expected: {---}\n");
	if (x->discard) printf("  expected: {###}\n");
	if (x->complex) printf("  expected: {+++}\n");
	for (int i = 0; i < x->n; i++)
		printf("  expected: { %s / %s / %s }\n", x->ev[i][0], x->ev[i][1], x->ev[i][2]);
}

/* Codes a record's whole text as one unit, as TABARI does with its records. */
static void code_record(const dy_engine *eng, const dy_engine_opts *o, dy_arena *a,
                        const dy_doc *doc, dy_engine_carry *carry, dy_buf *trace, dy_coding *r)
{
	dy_norm nm;
	text_normalize(a, doc->text, doc->text_len, &nm);
	dy_span all = { 0, (uint32_t)nm.len };
	dy_token *toks;
	size_t n = tok_sentence(a, nm.text, all, &toks);
	engine_code(eng, o, a, nm.text, toks, n, engine_date(doc->date), carry, trace, r);
}

int cmd_validate(int argc, char **argv)
{
	static const struct option longopts[] = {
		DICTOPTS_LONGOPTS,
		{ "all",     no_argument, NULL, 'a' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "explain", no_argument, NULL, 'x' },
		{ "help",    no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	dy_dictopts dopt;
	memset(&dopt, 0, sizeof dopt);
	int all = 0, verbose = 0, explain = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case DICTOPT_DICT:
		case DICTOPT_PROJECT:
			if (dictopts_add(&dopt, c, optarg, "validate") < 0)
				return DY_EXIT_INPUT;
			break;
		case 'a': all = 1; break;
		case 'v': verbose = 1; break;
		case 'x': explain = 1; break;
		case 'h':
			fputs(validate_help, stdout);
			return DY_EXIT_OK;
		default:
			fputs(validate_help, stderr);
			return DY_EXIT_INPUT;
		}
	}
	/* a positional .project is the suite itself */
	const char *texts[64];
	int ntexts = 0;
	for (int i = optind; i < argc; i++) {
		size_t l = strlen(argv[i]);
		if (l > 8 && !strcmp(argv[i] + l - 8, ".project")) {
			if (dictopts_add(&dopt, DICTOPT_PROJECT, argv[i], "validate") < 0)
				return DY_EXIT_INPUT;
		} else if (ntexts < 64)
			texts[ntexts++] = argv[i];
	}
	dy_diag dg;
	diag_init(&dg, stderr);
	dg.max_shown = 20;
	dy_dict *d = dictopts_load(&dopt, "validate", &dg);
	if (!d)
		return DY_EXIT_INPUT;
	if (!ntexts)
		for (uint32_t i = 0; i < d->proj.n_texts && ntexts < 64; i++)
			texts[ntexts++] = d->proj.texts[i];
	if (!ntexts) {
		fprintf(stderr, "dyad validate: no text file: name one or use a .project with <textfile>\n");
		dict_free(d);
		return DY_EXIT_INPUT;
	}
	lemma_init();
	dy_engine *eng = engine_new(d);
	dy_engine_opts o;
	engine_opts_init(&o);
	o.min_words = 8;       /* TABARI's default (manual 8.2.3) */
	o.max_words = 100;     /* TABARI refuses records over its word buffer as complex */
	engine_opts_from_dict(&o, &d->opt);
	/* the suite's first record turns time shifting off itself */
	dy_arena a;
	arena_init(&a);
	dy_buf trace = DY_BUF_INIT;
	long passed = 0, failed = 0, unchecked = 0;
	dy_engine_carry carry;
	memset(&carry, 0, sizeof carry);
	int done = 0;
	for (int t = 0; t < ntexts && !done; t++) {
		dy_reader *r = reader_open(texts[t], FMT_TABARI, NULL, &dg);
		if (!r)
			continue;
		dy_doc doc;
		while (!done && reader_next(r, &a, &doc)) {
			if (!all && !strncmp(doc.id, "FINAL", 5)) {
				done = 1;
				break;
			}
			expect x;
			expect_parse(doc.comment, &x, &o, &doc);
			if (!x.blocks) {
				if (x.stop_seen)
					unchecked++;
				arena_reset(&a);
				continue;
			}
			dy_coding res;
			buf_clear(&trace);
			/* FORWARD: consecutive records are the sentences of one story */
			if (!o.forward)
				memset(&carry, 0, sizeof carry);
			code_record(eng, &o, &a, &doc, &carry, explain ? &trace : NULL, &res);
			int ok = judge(&x, &res);
			if (ok)
				passed++;
			else
				failed++;
			if (!ok || verbose) {
				printf("%s %s (%s:%ld)\n", ok ? "ok  " : "FAIL", doc.id, doc.file, doc.line);
				printf("  text: %s\n", doc.text);
				print_expected(&x);
				print_actual(&res);
				if (!ok && explain && trace.n)
					fputs(trace.p, stdout);
			}
			arena_reset(&a);
		}
		reader_close(r);
	}
	buf_free(&trace);
	arena_free(&a);
	engine_free(eng);
	dict_free(d);
	if (unchecked)
		printf("%ld records not checked (their blocks follow \"-{\")\n", unchecked);
	printf("%ld passed, %ld failed\n", passed, failed);
	fflush(stdout);
	return failed ? DY_EXIT_INPUT : DY_EXIT_OK;
}
