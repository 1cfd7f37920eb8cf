/* SPDX-License-Identifier: MIT */
/* Short byte runs (words, tag names, cache keys) compared without a library
 * call or strlen(): bytes_same() compares eight (or four) bytes at a time,
 * the last load overlapping the one before, so a 13-byte word takes two loads
 * a side instead of a memcmp() call whose set-up costs more than the compare;
 * bytes_cmp_str() and bytes_in_sorted() look a word up in a sorted table of C
 * strings (abbreviations, sentence starters, verbs of speech).
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

/* Byte order of s[0..n) against the C string w: <0, 0, >0. */
static inline int bytes_cmp_str(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i]; i++)
		if (s[i] != w[i])
			return (unsigned char)s[i] < (unsigned char)w[i] ? -1 : 1;
	if (i < n)
		return 1;
	return w[i] ? -1 : 0;
}

/* Whether s[0..n) is one of list[0..count), C strings sorted in byte order. */
static inline int bytes_in_sorted(const char *const *list, size_t count, const char *s, size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = bytes_cmp_str(s, n, list[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

#endif
