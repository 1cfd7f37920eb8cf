/* SPDX-License-Identifier: MIT */
/* Normalizer: any bytes in, valid NFC UTF-8 out. Second pipeline stage.
 *
 * In order: invalid UTF-8 sequences become U+FFFD; mojibake (UTF-8 that was
 * decoded as cp1252, cp1250 or latin-1 and stored again, double encoding
 * included) is repaired where the result is valid and more plausible; HTML
 * entities, named and numeric, are decoded; control characters are dropped;
 * runs of whitespace fold to one space (a paragraph break, two or more newlines,
 * is kept as "\n\n" so the splitter can see it); the result is NFC.
 * Typographic quotes and dashes are kept in the text: the tokenizer gives their
 * plain forms for matching.
 *
 * Ownership: the output lives in the arena. */
#ifndef DY_NORMALIZE_H
#define DY_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct dy_norm {
	char     *text;      /* valid NFC UTF-8, NUL-terminated */
	size_t    len;
	uint32_t *repairs;   /* byte offsets in `text` of each repair, ascending */
	size_t    n_repairs; /* invalid sequences + mojibake fixes + entities + controls */
	uint32_t  invalid;   /* of which: invalid sequences replaced by U+FFFD */
	uint32_t  mojibake;  /* of which: characters repaired from mis-decoded text */
	uint32_t  entities;  /* of which: HTML entities decoded */
	uint32_t  controls;  /* of which: control characters dropped */
} dy_norm;

/* Normalizes `n` bytes at `in` (need not be NUL-terminated) into *out. Never fails. */
void text_normalize(dy_arena *a, const char *in, size_t n, dy_norm *out);

#endif
