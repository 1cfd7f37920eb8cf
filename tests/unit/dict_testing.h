/* SPDX-License-Identifier: MIT */
/* Unit-test helpers of the dictionary tests: a dy_diag whose messages are
 * kept in memory, so that a test can check what was reported (file, line,
 * wording), and the lookup of an entry by its phrase. Header-only; include it
 * after <cmocka.h>, "dict/dict.h" and "util/diag.h". */
#ifndef DYAD_TEST_DICT_TESTING_H
#define DYAD_TEST_DICT_TESTING_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cap {
	dy_diag dg;
	FILE   *f;
	char   *text;
	size_t  n;
} cap;

static inline void cap_open(cap *c)
{
	c->text = NULL;
	c->n = 0;
	c->f = open_memstream(&c->text, &c->n);
	assert_non_null(c->f);
	diag_init(&c->dg, c->f);
}

/* Everything reported so far ("" when nothing). */
static inline const char *cap_text(cap *c)
{
	fflush(c->f);
	return c->text ? c->text : "";
}

static inline void cap_close(cap *c)
{
	fclose(c->f);
	free(c->text);
}

/* The first entry of `kind` whose phrase reads `text` in TABARI syntax, or
 * NULL. */
static inline const dy_entry *find(const dy_dict *d, int kind, const char *text)
{
	char buf[512];
	for (uint32_t i = 0; i < d->n_entries; i++) {
		if (d->entries[i].kind != kind)
			continue;
		dict_phrase_text(d, d->entries[i].ph, buf, sizeof buf);
		if (!strcmp(buf, text))
			return &d->entries[i];
	}
	return NULL;
}

#endif
