/* SPDX-License-Identifier: MIT */
/* CAMEO to PLOVER (plover.h): a sorted, compiled-in table from
 * plover_table.inc with a direct index by code slot (codebook_slot_of), and
 * the parent/root fallback. */
#include <string.h>

#include "codebook.h"
#include "plover.h"

#include "plover_table.inc"

enum { PLOVER_N = sizeof plover_rows / sizeof plover_rows[0] };
_Static_assert(sizeof plover_slot / sizeof plover_slot[0] == CODEBOOK_SLOTS,
               "generated index and codebook_slot_of() disagree: rerun tools/gen_codebook.py");

static const dy_plover *plover_find(const char *code, size_t n)
{
	int slot = codebook_slot_of(code, n);
	if (slot < 0)
		return NULL;
	unsigned row = plover_slot[slot];
	return row ? &plover_rows[row - 1] : NULL;
}

/* Length of a well-formed code (2-4 digits), else 0. */
static size_t plover_code_len(const char *code)
{
	if (!code)
		return 0;
	size_t n = 0;
	while (n < 5 && code[n] >= '0' && code[n] <= '9')
		n++;
	if (code[n] != '\0' || n < 2 || n > 4)
		return 0;
	return n;
}

const dy_plover *plover_lookup_exact(const char *cameo_code)
{
	size_t n = plover_code_len(cameo_code);
	return n ? plover_find(cameo_code, n) : NULL;
}

const dy_plover *plover_lookup(const char *cameo_code)
{
	size_t n;
	int slot = codebook_slot_of_str(cameo_code, &n);
	if (slot < 0)
		return NULL;
	/* 4 -> 3 -> 2 digits: a narrower code inherits its parent's mapping.
	 * Nearly every code has a row of its own; else its prefixes', whose
	 * slots are sums of its digits (it was checked once, above). */
	unsigned own = plover_slot[slot];
	if (own)
		return &plover_rows[own - 1];
	int base = slot - slot % CODEBOOK_SLOTS_PER_ROOT;
	for (n--; n >= 2; n--) {
		int s = n == 2 ? base : n == 3 ? base + 1 + (cameo_code[2] - '0') :
		        base + 11 + (cameo_code[2] - '0') * 10 + (cameo_code[3] - '0');
		unsigned row = plover_slot[s];
		if (row)
			return &plover_rows[row - 1];
	}
	return NULL;
}

size_t plover_count(void)
{
	return PLOVER_N;
}

const dy_plover *plover_at(size_t i)
{
	return i < PLOVER_N ? &plover_rows[i] : NULL;
}
