/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the coding engine and the news rules: arbitrary bytes
 * are prepared as a document (normalize, split), each sentence is tokenized,
 * coded by engine_code() with dyad's built-in dictionaries, and its events go
 * through news_apply(), as `dyad code` does. The first input byte chooses a
 * document date (or none) and whether the engine writes its trace, so both
 * paths are fuzzed. Checks that the events stay within ENG_MAX_EVENTS, their
 * codes are NUL-terminated inside their fields, and their token indexes lie
 * inside the sentence.
 *
 * The engine fills per-thread caches on first use; the dictionary and engine
 * are made once, as in a long `dyad code` run, so those caches are exercised
 * across many different inputs.
 *
 * Build and run (from the project root):
 *   make build-fuzz/fuzz_engine
 *   cd build-fuzz && ./fuzz_engine -max_total_time=60 -max_len=4096 corpus-fuzz_engine */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "engine/engine.h"
#include "engine/news.h"
#include "text/lemma.h"
#include "text/text.h"
#include "text/token.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

static dy_dict        *dict;
static dy_engine      *eng;
static dy_engine_opts  opts;

static void setup(void)
{
	dy_diag dg;
	diag_init(&dg, NULL);
	dict = dict_new();
	if (dict_load_builtin(dict, &dg) != 0)
		abort();
	lemma_init();
	engine_opts_init(&opts);
	engine_opts_from_dict(&opts, &dict->opt);
	eng = engine_new(dict);
}

static void check_code(const char *c)
{
	if (!memchr(c, 0, ENG_CODE_LEN))
		abort();
}

static void check_events(const dy_event *ev, size_t n_ev, size_t n_tok)
{
	if (n_ev > ENG_MAX_EVENTS)
		abort();
	for (size_t k = 0; k < n_ev; k++) {
		check_code(ev[k].source);
		check_code(ev[k].target);
		check_code(ev[k].code);
		if (!ev[k].tok_known)
			continue;
		if (ev[k].verb_tok != UINT32_MAX && ev[k].verb_tok >= n_tok)
			abort();
		if (ev[k].src_tok != UINT32_MAX && ev[k].src_tok >= n_tok)
			abort();
		if (ev[k].tgt_tok != UINT32_MAX && ev[k].tgt_tok >= n_tok)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!eng)
		setup();
	if (size == 0)
		return 0;
	uint8_t mode = data[0];
	data++;
	size--;
	int32_t date = (mode & 1) ? 20140315 : 0;
	int traced = (mode & 2) != 0;

	/* An exact-size copy, so that ASan sees any read past the end. */
	char *raw = malloc(size ? size : 1);
	if (size)
		memcpy(raw, data, size);

	dy_arena a;
	arena_init(&a);
	dy_buf trace = DY_BUF_INIT;
	dy_text t;
	text_prepare(&a, raw, size, &t);
	dy_engine_carry carry;
	memset(&carry, 0, sizeof carry);
	dy_news_carry ncarry;
	memset(&ncarry, 0, sizeof ncarry);
	for (size_t i = 0; i < t.n_sentences; i++) {
		dy_token *toks;
		size_t n = tok_sentence(&a, t.norm.text, t.sentences[i], &toks);
		dy_coding c;
		engine_code(eng, &opts, &a, t.norm.text, toks, n, date, &carry,
		            traced ? &trace : NULL, &c);
		check_events(c.events, c.n_events, n);
		c.n_events = news_apply(dict, toks, n, date, c.events, c.n_events, &ncarry,
		                        traced ? &trace : NULL);
		check_events(c.events, c.n_events, n);
	}
	buf_free(&trace);
	arena_free(&a);
	free(raw);
	return 0;
}
