/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the tokenizer and lemmatizer: arbitrary bytes in, as
 * one sentence span (tok_sentence() expects normalized UTF-8 but must survive
 * anything). Checks that tokens lie inside the span, ascend and do not overlap,
 * are not empty, stay under TOK_MAX_PER_SENTENCE; that norm and lemma are valid
 * UTF-8 of the stated length; and that lemma shares norm's pointer exactly when
 * the two are equal. Also feeds the input's first word straight to lemma_of().
 *
 * Build and run (from the project root):
 *   make build-fuzz/fuzz_token
 * which is
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=undefined $(pkg-config --cflags libutf8proc) -Isrc \
 *     -Ibuild/gen -o build-fuzz/fuzz_token fuzz/fuzz_token.c \
 *     $(all of src/ except src/cli/main.c) \
 *     $(pkg-config --libs libutf8proc libxml-2.0 jansson) -lpthread -lm
 * (build/gen/lemma_exc.inc must exist: `make build/gen/lemma_exc.inc`), then
 *   cd build-fuzz && ./fuzz_token -max_total_time=60 -max_len=65536 corpus-fuzz_token */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/token.h"
#include "util/arena.h"

static void check_utf8(const char *s, size_t n)
{
	if (strlen(s) != n)
		abort();
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
		if (l <= 0)
			abort();
		p += l;
		n -= (size_t)l;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so that ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);

	lemma_init();
	dy_arena a;
	arena_init(&a);
	dy_span s = { 0, (uint32_t)size };
	dy_token *t;
	size_t n = tok_sentence(&a, text, s, &t);
	if (n > TOK_MAX_PER_SENTENCE)
		abort();
	uint32_t prev_end = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].len == 0 || t[i].off < prev_end || t[i].off + t[i].len > size)
			abort();
		prev_end = t[i].off + t[i].len;
		check_utf8(t[i].norm, t[i].norm_len);
		check_utf8(t[i].lemma, t[i].lemma_len);
		int same = t[i].norm_len == t[i].lemma_len &&
		           memcmp(t[i].norm, t[i].lemma, t[i].norm_len) == 0;
		if (same != (t[i].norm == t[i].lemma))
			abort();
	}

	/* lemma_of() on raw bytes up to the first space or NUL, as if upper case. */
	size_t w = 0;
	while (w < size && w < 200 && text[w] != ' ' && text[w] != '\0')
		w++;
	char out[128];
	size_t m = lemma_of(text, w, out, sizeof out);
	if (m >= sizeof out || (m && strlen(out) != m))
		abort();

	arena_free(&a);
	free(text);
	return 0;
}
