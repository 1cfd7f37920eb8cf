/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the dictionary readers: the input is loaded as each
 * kind (actors, agents, verbs, options, discards, guessed), once from memory
 * and once through a temporary file, then looked up and linted.
 * Build and run (from the checkout top):
 *   make build-fuzz/fuzz_dict && cd build-fuzz && ./fuzz_dict -max_total_time=60
 * which compiles all of src/ except src/cli/main.c with
 *   clang -fsanitize=fuzzer,address,undefined. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict/dict.h"
#include "util/diag.h"

static void exercise(dy_dict *d)
{
	const dy_head *h[16];
	static const char *toks[] = { "A", "THE", "SAID", "ACCEPTED", "MORDOR'S", "X" };
	for (size_t i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		size_t n = dict_lookup_word(d, toks[i], strlen(toks[i]), h, 16);
		const uint32_t *ents = dict_head_entries(d);
		for (size_t k = 0; k < n; k++)
			for (int kind = 0; kind < DY_ENT_KINDS; kind++)
				for (uint32_t j = 0; j < h[k]->n[kind]; j++) {
					const dy_entry *e = &d->entries[ents[h[k]->at[kind] + j]];
					(void)dict_word_match(&d->elems[e->ph.first], toks[i], strlen(toks[i]));
					(void)dict_code_at(d, e, 19950101);
				}
	}
	char buf[256];
	for (uint32_t i = 0; i < d->n_patterns; i++)
		dict_phrase_text(d, d->patterns[i].ph, buf, sizeof buf);
	dy_diag dg;
	diag_init(&dg, NULL);
	dict_check(d, &dg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const dy_dict_kind kinds[] = { DICT_KIND_ACTORS, DICT_KIND_AGENTS, DICT_KIND_VERBS,
		DICT_KIND_OPTIONS, DICT_KIND_DISCARDS, DICT_KIND_AUTO };
	dy_diag dg;
	diag_init(&dg, NULL);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		dy_dict *d = dict_new();
		dict_load_mem(d, "fuzz.txt", (const char *)data, size, kinds[k], &dg);
		exercise(d);
		dict_free(d);
	}
	/* Through a file, as `--dict FILE` reads it. */
	char path[] = "/tmp/fuzz_dict_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	FILE *f = fdopen(fd, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		dy_dict *d = dict_new();
		dict_load_file(d, path, DICT_KIND_VERBS, &dg);
		exercise(d);
		dict_free(d);
	} else {
		close(fd);
	}
	unlink(path);
	return 0;
}
