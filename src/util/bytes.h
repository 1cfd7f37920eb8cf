/* SPDX-License-Identifier: MIT */
/* Byte-string equality for short runs (words, tag names, cache keys) without a
 * library call: bytes_same() compares eight (or four) bytes at a time, the
 * last load overlapping the one before, so a 13-byte word takes two loads a
 * side instead of a memcmp() call whose set-up costs more than the compare.
 * Header-only: the callers are hot loops that want it inlined. */
#ifndef DYAD_UTIL_BYTES_H
#define DYAD_UTIL_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* a[0..n) == b[0..n). Reads no byte outside either range. */
static inline int bytes_same(const char *a, const char *b, size_t n)
{
	if (n >= 8) {
		uint64_t x, y;
		for (size_t j = 0; j + 8 < n; j += 8) {
			memcpy(&x, a + j, 8);
			memcpy(&y, b + j, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t x, y, x2, y2;
		memcpy(&x, a, 4);
		memcpy(&y, b, 4);
		memcpy(&x2, a + n - 4, 4);
		memcpy(&y2, b + n - 4, 4);
		return x == y && x2 == y2;
	}
	for (size_t j = 0; j < n; j++)
		if (a[j] != b[j])
			return 0;
	return 1;
}

#endif
