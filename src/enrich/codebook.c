/* SPDX-License-Identifier: MIT */
/* The CAMEO codebook (codebook.h): a sorted, compiled-in table and a binary
 * search over it. The rows come from codebook_table.inc, which
 * tools/gen_codebook.py writes; this file adds only the lookups. */
#include <string.h>

#include "codebook.h"

static const dy_code_info codebook_rows[] = {
#include "codebook_table.inc"
};

enum { CODEBOOK_N = sizeof codebook_rows / sizeof codebook_rows[0] };

/* A CAMEO code is 2 to 4 ASCII digits; anything else can never match, and
 * checking first keeps the comparison below within 5 bytes. */
static int code_well_formed(const char *code, size_t n)
{
	if (!code || n < 2 || n > 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return 1;
}

/* strcmp order between row code `a` (NUL-terminated) and key[0..n). */
static int code_cmp(const char *a, const char *key, size_t n)
{
	int c = strncmp(a, key, n);
	if (c)
		return c;
	return a[n] ? 1 : 0; /* a is longer than the key: it sorts after */
}

const dy_code_info *codebook_lookup_n(const char *code, size_t n)
{
	if (!code_well_formed(code, n))
		return NULL;
	size_t lo = 0, hi = CODEBOOK_N;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = code_cmp(codebook_rows[mid].code, code, n);
		if (c == 0)
			return &codebook_rows[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
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
	if (!code)
		return NULL;
	size_t n = strnlen(code, 5);
	if (!code_well_formed(code, n))
		return NULL;
	for (; n >= 2; n--) {
		const dy_code_info *ci = codebook_lookup_n(code, n);
		if (ci)
			return ci;
	}
	return NULL;
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
