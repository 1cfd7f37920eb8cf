/* SPDX-License-Identifier: MIT */
/* `dyad explain "SENTENCE"`: codes one sentence and shows why, for dictionary
 * writers: the tokens, every dictionary entry that matched (file:line), the
 * parse decisions (nouns, compounds, dropped comma clauses, clauses, pronouns,
 * passive voice), the patterns that matched, the engine's events, what the
 * news rules (engine/news.h) did to them, one line each, and the events
 * `dyad code` writes. Exports cmd_explain(). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dictopts.h"
#include "engine/engine.h"
#include "engine/news.h"
#include "text/normalize.h"
#include "text/token.h"
#include "util/buf.h"
#include "util/diag.h"

static const char explain_help[] =
	"usage: dyad explain [OPTIONS] \"SENTENCE\"\n"
	"\n"
	"Codes one sentence and prints the tokens, the dictionary entries that\n"
	"matched (file:line), the parse decisions and the events.\n"
	"\n"
	"options:\n"
	"  --date YYYY-MM-DD  date of the sentence (for date-restricted actors)\n"
	"  --no-news          show the engine's events only (no news rules)\n"
	DICTOPTS_HELP
	"  -h, --help         this help\n";

int cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		DICTOPTS_LONGOPTS,
		{ "date", required_argument, NULL, 'd' },
		{ "no-news", no_argument,    NULL, 'N' },
		{ "help", no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	dy_dictopts dopt;
	memset(&dopt, 0, sizeof dopt);
	const char *date = NULL;
	int c, news = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case DICTOPT_DICT:
		case DICTOPT_PROJECT:
			if (dictopts_add(&dopt, c, optarg, "explain") < 0)
				return DY_EXIT_INPUT;
			break;
		case 'd':
			date = optarg;
			if (!engine_date(date)) {
				fprintf(stderr, "dyad explain: bad date '%s' (want YYYY-MM-DD)\n", date);
				return DY_EXIT_INPUT;
			}
			break;
		case 'N':
			news = 0;
			break;
		case 'h':
			fputs(explain_help, stdout);
			return DY_EXIT_OK;
		default:
			fputs(explain_help, stderr);
			return DY_EXIT_INPUT;
		}
	}
	if (optind + 1 != argc) {
		fputs("dyad explain: give exactly one sentence (quote it)\n", stderr);
		fputs(explain_help, stderr);
		return DY_EXIT_INPUT;
	}
	const char *sentence = argv[optind];
	dy_diag dg;
	diag_init(&dg, stderr);
	dg.max_shown = 20;
	dy_dict *d = dictopts_load(&dopt, "explain", &dg);
	if (!d)
		return DY_EXIT_INPUT;
	lemma_init();
	dy_engine_opts o;
	engine_opts_init(&o);
	engine_opts_from_dict(&o, &d->opt);
	dy_arena a;
	arena_init(&a);
	dy_norm nm;
	text_normalize(&a, sentence, strlen(sentence), &nm);
	dy_span all = { 0, (uint32_t)nm.len };
	dy_token *toks;
	size_t n = tok_sentence(&a, nm.text, all, &toks);
	printf("sentence: %s\n", nm.text);
	printf("date: %s\n", date ? date : "(none: undated actor codes apply)");
	printf("tokens:");
	for (size_t i = 0; i < n; i++)
		printf(" %s", toks[i].norm);
	printf("\n");
	dy_buf trace = DY_BUF_INIT;
	dy_coding r;
	dy_engine *eng = engine_new(d);
	engine_code(eng, &o, &a, nm.text, toks, n, engine_date(date), NULL, &trace, &r);
	fputs(trace.p ? trace.p : "", stdout);
	printf("events:\n");
	if (r.status == ENG_DISCARD || r.status == ENG_COMPLEX)
		printf("  none: sentence %s (%s)\n", r.status == ENG_DISCARD ? "discarded" : "complex",
		       r.why ? r.why : "");
	else if (r.status == ENG_SHORT)
		printf("  none: %s\n", r.why);
	else if (!r.n_events)
		printf("  none\n");
	char wb[256];
	for (size_t i = 0; i < r.n_events; i++) {
		const dy_event *e = &r.events[i];
		const char *how = "verb root";
		if (e->pattern != DY_NONE) {
			const dy_pattern *p = &d->patterns[e->pattern];
			how = dict_where(d, p->file, p->line, wb, sizeof wb);
		} else if (e->verb_entry != DY_NONE) {
			const dy_entry *en = &d->entries[e->verb_entry];
			how = dict_where(d, en->file, en->line, wb, sizeof wb);
		}
		printf("  %s -> %s %s (verb at word %u; %s)\n", e->source, e->target, e->code,
		       e->verb_word, how);
	}
	if (news && r.n_events) {
		dy_buf nt = DY_BUF_INIT;
		dy_news_carry nc;
		memset(&nc, 0, sizeof nc);
		size_t kept = news_apply(d, toks, n, engine_date(date), r.events, r.n_events, &nc, &nt);
		printf("news rules:\n%s", nt.n ? nt.p : "  nothing changed\n");
		printf("events written:\n");
		if (!kept)
			printf("  none\n");
		for (size_t i = 0; i < kept; i++)
			printf("  %s -> %s %s\n", r.events[i].source, r.events[i].target, r.events[i].code);
		buf_free(&nt);
	}
	buf_free(&trace);
	arena_free(&a);
	engine_free(eng);
	dict_free(d);
	return DY_EXIT_OK;
}
