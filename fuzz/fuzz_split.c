/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the sentence splitter and the dateline detector:
 * arbitrary bytes in (the functions expect normalized UTF-8 but must survive
 * anything); checks that every span lies inside the input, spans ascend and
 * do not overlap, are not empty, are trimmed, and are no longer than
 * SPLIT_SENTENCE_MAX; and that a dateline's fields lie inside the input.
 *
 * Build and run (from the project root):
 *   make build-fuzz/fuzz_split
 * which is
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=undefined $(pkg-config --cflags libutf8proc) -Isrc \
 *     -o build-fuzz/fuzz_split fuzz/fuzz_split.c $(all of src/ except src/cli/main.c) \
 *     $(pkg-config --libs libutf8proc libxml-2.0 jansson) -lpthread -lm
 * then
 *   cd build-fuzz && ./fuzz_split -max_total_time=60 -max_len=65536 corpus-fuzz_split */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/split.h"
#include "util/arena.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so that ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);

	dy_arena a;
	arena_init(&a);
	dy_span *s;
	size_t k = split_sentences(&a, text, size, &s);
	size_t prev_end = 0;
	for (size_t i = 0; i < k; i++) {
		size_t off = s[i].off, len = s[i].len;
		if (len == 0 || len > SPLIT_SENTENCE_MAX || off < prev_end || off + len > size)
			abort();
		if (is_ws(text[off]) || is_ws(text[off + len - 1]))
			abort();
		prev_end = off + len;
	}

	dy_dateline dl;
	int found = dateline_find(text, size, &dl);
	if (!found && dl.body != 0)
		abort();
	if (found) {
		if (dl.body > size || (size_t)dl.place.off + dl.place.len > size ||
		    (size_t)dl.agency.off + dl.agency.len > size)
			abort();
		if (dl.month < 0 || dl.month > 12 || dl.day < 0 || dl.day > 31)
			abort();
		/* What text_prepare() does next: split the body. */
		k = split_sentences(&a, text + dl.body, size - dl.body, &s);
		for (size_t i = 0; i < k; i++)
			if ((size_t)s[i].off + s[i].len > size - dl.body)
				abort();
	}

	for (size_t n = 0; n <= size && n <= 20; n++)
		(void)abbrev_is_known(text, n);

	arena_free(&a);
	free(text);
	return 0;
}
