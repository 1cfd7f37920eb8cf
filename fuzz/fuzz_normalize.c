/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the normalizer: arbitrary bytes in. Checks that the
 * output is valid UTF-8 of the stated length with no NUL inside and a NUL after,
 * that it is NFC (utf8proc composes it to itself), that it has no C0 control but
 * '\n', no leading or trailing whitespace and no run of spaces, that the repair
 * counters add up to n_repairs, and that repair offsets ascend and lie within
 * the text. Also normalizes the output again: that must leave it unchanged.
 *
 * Build and run (from the project root):
 *   make build-fuzz/fuzz_normalize
 * which is
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=undefined \
 *     $(pkg-config --cflags libutf8proc libxml-2.0 jansson) -Isrc -Ibuild/gen \
 *     -o build-fuzz/fuzz_normalize fuzz/fuzz_normalize.c \
 *     $(all of src/ except src/cli/main.c) \
 *     $(pkg-config --libs libutf8proc libxml-2.0 jansson) -lpthread -lm
 * then
 *   mkdir -p build-fuzz/corpus-fuzz_normalize && cd build-fuzz && \
 *     ./fuzz_normalize -max_total_time=60 -max_len=4096 corpus-fuzz_normalize */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/normalize.h"
#include "util/arena.h"

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_text(const dy_norm *r)
{
	check(r->text != NULL);
	check(r->text[r->len] == '\0');
	check(strlen(r->text) == r->len);
	const utf8proc_uint8_t *t = (const utf8proc_uint8_t *)r->text;
	utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)r->len;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t l = utf8proc_iterate(t + i, n - i, &c);
		check(l > 0);
		check(c >= 0x20 || c == '\n');
		check(c != 0x7F && !(c >= 0x80 && c <= 0x9F));
		i += l;
	}
	if (r->len) {
		check(r->text[0] != ' ' && r->text[0] != '\n');
		check(r->text[r->len - 1] != ' ' && r->text[r->len - 1] != '\n');
	}
	check(strstr(r->text, "  ") == NULL);
	check(strstr(r->text, "\n\n\n") == NULL);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m = utf8proc_map(t, n, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	check(m == n);
	check(memcmp(nfc, t, (size_t)n) == 0);
	free(nfc);
	check(r->n_repairs == (size_t)r->invalid + r->mojibake + r->entities + r->controls);
	for (size_t k = 0; k < r->n_repairs; k++) {
		check(r->repairs[k] <= r->len);
		check(k == 0 || r->repairs[k - 1] <= r->repairs[k]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dy_arena a;
	arena_init(&a);
	dy_norm r;
	text_normalize(&a, (const char *)data, size, &r);
	check_text(&r);
	/* Idempotence, unless the text holds something a second pass may read
	 * differently: a literal '&' can start a reference once its neighbours
	 * changed, and repaired text can look like mojibake again. */
	if (!memchr(r.text, '&', r.len)) {
		dy_norm again;
		text_normalize(&a, r.text, r.len, &again);
		check_text(&again);
		if (again.mojibake == 0) {
			check(again.len == r.len);
			check(memcmp(again.text, r.text, r.len) == 0);
		}
	}
	arena_free(&a);
	return 0;
}
