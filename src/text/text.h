/* SPDX-License-Identifier: MIT */
/* The text front end in one call: normalize a document's raw text, take off its
 * dateline, and split the rest into sentences. Commands call this; the stages
 * behind it (normalize.h, split.h, token.h) stay usable one by one. */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include <stddef.h>

#include "../util/arena.h"
#include "normalize.h"
#include "split.h"
#include "token.h"

typedef struct dy_text {
	dy_norm      norm;         /* the normalized document text */
	int          has_dateline;
	dy_dateline  dateline;     /* valid when has_dateline */
	dy_span     *sentences;    /* spans in norm.text, in order */
	size_t       n_sentences;
} dy_text;

/* Runs normalize -> dateline -> split over raw bytes. Everything lives in `a`. */
void text_prepare(dy_arena *a, const char *raw, size_t n, dy_text *out);

/* Repairs that fall inside one sentence span. */
size_t text_repairs_in(const dy_text *t, dy_span s);

#endif
