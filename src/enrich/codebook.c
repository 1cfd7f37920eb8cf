/* SPDX-License-Identifier: MIT */
/* The CAMEO codebook (codebook.h): a sorted, compiled-in table and a direct
 * index over every possible code. The rows and the index come from
 * codebook_table.inc, which tools/gen_codebook.py writes; this file adds only
 * the lookups. A lookup checks the code's form, computes its slot and reads
 * one index entry: no search, no string comparison beyond the check. */
#include <string.h>

#include "codebook.h"

#include "codebook_table.inc"

enum { CODEBOOK_N = sizeof codebook_rows / sizeof codebook_rows[0] };
_Static_assert(sizeof codebook_slot / sizeof codebook_slot[0] == CODEBOOK_SLOTS,
               "generated index and codebook_slot_of() disagree: rerun tools/gen_codebook.py");

const dy_code_info *codebook_lookup_n(const char *code, size_t n)
{
	int slot = codebook_slot_of(code, n);
	if (slot < 0)
		return NULL;
	unsigned row = codebook_slot[slot];
	return row ? &codebook_rows[row - 1] : NULL;
}

const dy_code_info *codebook_lookup(const char *code)
{
	if (!code)
		return NULL;
	return codebook_lookup_n(code, strnlen(code, 5));
}

int codebook_is_valid(const char *code)
{
	return codebook_lookup(code) != NULL;
}

const dy_code_info *codebook_nearest(const char *code)
{
	size_t n;
	int slot = codebook_slot_of_str(code, &n);
	if (slot < 0)
		return NULL;
	/* nearly every code has a row of its own; else its prefixes', whose
	 * slots are sums of its digits (it was checked once, above) */
	unsigned own = codebook_slot[slot];
	if (own)
		return &codebook_rows[own - 1];
	int base = slot - slot % CODEBOOK_SLOTS_PER_ROOT;
	for (n--; n >= 2; n--) {
		int s = n == 2 ? base : n == 3 ? base + 1 + (code[2] - '0') :
		        base + 11 + (code[2] - '0') * 10 + (code[3] - '0');
		unsigned row = codebook_slot[s];
		if (row)
			return &codebook_rows[row - 1];
	}
	return NULL;
}

int codebook_slot_of_str(const char *code, size_t *n_out)
{
	/* digit by digit, each read only once the one before is known to be a
	 * digit (so never past the NUL) */
	*n_out = 0;
	if (!code)
		return -1;
	unsigned d0 = (unsigned)((unsigned char)code[0] - '0');
	if (d0 > 9)
		return -1;
	unsigned d1 = (unsigned)((unsigned char)code[1] - '0');
	if (d1 > 9)
		return -1;
	int root = (int)(d0 * 10 + d1);
	if (root < 1 || root > 20)
		return -1;
	int slot = root * CODEBOOK_SLOTS_PER_ROOT;
	if (code[2] == '\0') {
		*n_out = 2;
		return slot;
	}
	unsigned d2 = (unsigned)((unsigned char)code[2] - '0');
	if (d2 > 9)
		return -1;
	if (code[3] == '\0') {
		*n_out = 3;
		return slot + 1 + (int)d2;
	}
	unsigned d3 = (unsigned)((unsigned char)code[3] - '0');
	if (d3 > 9 || code[4] != '\0')
		return -1;
	*n_out = 4;
	return slot + 11 + (int)(d2 * 10 + d3);
}

int codebook_slot_of(const char *code, size_t n)
{
	if (!code || n < 2 || n > 4)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	if (root < 1 || root > 20)
		return -1;
	int slot = root * CODEBOOK_SLOTS_PER_ROOT;
	if (n == 3)
		slot += 1 + (code[2] - '0');
	else if (n == 4)
		slot += 11 + (code[2] - '0') * 10 + (code[3] - '0');
	return slot;
}

size_t codebook_count(void)
{
	return CODEBOOK_N;
}

const dy_code_info *codebook_at(size_t i)
{
	return i < CODEBOOK_N ? &codebook_rows[i] : NULL;
}

int codebook_quad_of_root(int root)
{
	if (root >= 1 && root <= 5)
		return 1;
	if (root >= 6 && root <= 8)
		return 2;
	if (root >= 9 && root <= 13)
		return 3;
	if (root >= 14 && root <= 20)
		return 4;
	return 0;
}
