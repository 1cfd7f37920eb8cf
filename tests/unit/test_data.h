/* SPDX-License-Identifier: MIT */
/* Unit-test helper: the path of a file of tests/data/SUB/, for tests run from
 * the top of the checkout (make test) or from anywhere with $TOP set.
 * Header-only. Without $TOP the folder comes from this header's own __FILE__
 * (tests/unit/test_data.h, relative to where the compiler ran, or absolute). */
#ifndef DYAD_TEST_DATA_H
#define DYAD_TEST_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the path of tests/data/sub/name to out[0..cap). */
static inline void test_data_path(char *out, size_t cap, const char *sub, const char *name)
{
	const char *top = getenv("TOP");
	if (top) {
		snprintf(out, cap, "%s/tests/data/%s/%s", top, sub, name);
		return;
	}
	const char *f = __FILE__;
	const char *cut = strstr(f, "unit/test_data.h");
	snprintf(out, cap, "%.*sdata/%s/%s", cut ? (int)(cut - f) : 0, f, sub, name);
}

#endif
