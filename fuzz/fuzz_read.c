/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the input readers: the same bytes are read with every
 * format (and with detection), from memory, and once more through a file so
 * that the chunked stream path runs too. Checks that every document has an id
 * and NUL-terminated text of the stated length, that a date is "YYYY-MM-DD",
 * and that nothing crashes or leaks. The PETRARCH scanner is run with and
 * without its shortcuts for repeated tag shapes: both must give the same.
 *
 * Build and run (from the project root):
 *   make build-fuzz/fuzz_read
 * which is
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=undefined $(pkg-config --cflags libutf8proc libxml-2.0 jansson) \
 *     -Isrc -o build-fuzz/fuzz_read fuzz/fuzz_read.c $(all of src/ except src/cli/main.c) \
 *     $(pkg-config --libs libutf8proc libxml-2.0 jansson) -lpthread -lm
 * then
 *   cd build-fuzz && ./fuzz_read -max_total_time=60 -max_len=65536 corpus-fuzz_read
 * (seed the corpus with tests/data/read/ for a quicker start). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/read.h"
#include "read/read_int.h"
#include "util/arena.h"
#include "util/diag.h"

static void check_doc(const dy_doc *d)
{
	if (!d->id || !d->text || d->text[d->text_len] != '\0')
		abort();
	if (d->date) {
		if (strlen(d->date) != 10 || d->date[4] != '-' || d->date[7] != '-')
			abort();
	}
}

static void drain(dy_reader *r)
{
	if (!r)
		return;
	dy_arena a;
	arena_init(&a);
	dy_doc d;
	while (reader_next(r, &a, &d)) {
		check_doc(&d);
		arena_reset(&a);
	}
	reader_close(r);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	dy_diag dg;
	diag_init(&dg, NULL);
	const char *date = size && (data[0] & 1) ? "2020-02-29" : NULL;
	{
		rd_petr_rec *r1, *r2;
		size_t n1, n2;
		int ok1 = rd_petr_scan((const char *)data, size, &r1, &n1);
		rd_petr_shortcuts = 0;
		int ok2 = rd_petr_scan((const char *)data, size, &r2, &n2);
		rd_petr_shortcuts = 1;
		if (ok1 != ok2 || n1 != n2 || (n1 && memcmp(r1, r2, n1 * sizeof *r1)))
			abort();
		free(r1);
		free(r2);
	}
	for (int f = FMT_AUTO; f <= FMT_CSV; f++)
		drain(reader_open_mem("fuzz", (const char *)data, size, (dy_format)f, date, &dg));

	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/dyad-fuzz-read-%ld.in", (long)getpid());
	}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return 0;
	if (size)
		fwrite(data, 1, size, fp);
	fclose(fp);
	drain(reader_open(path, FMT_AUTO, date, &dg));
	drain(reader_open(path, size && (data[0] & 2) ? FMT_TABARI : FMT_JSONL, date, &dg));
	return 0;
}
