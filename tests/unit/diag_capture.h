/* SPDX-License-Identifier: MIT */
/* Unit-test helper: a dy_diag whose messages are kept in memory, so that a
 * test can check what was reported (file, line, wording). Header-only; include
 * it after <cmocka.h> and "util/diag.h". */
#ifndef DYAD_TEST_DIAG_CAPTURE_H
#define DYAD_TEST_DIAG_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

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

#endif
