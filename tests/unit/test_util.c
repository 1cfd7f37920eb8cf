/* SPDX-License-Identifier: MIT */
/* Unit tests for src/util: arena, buffer, JSON escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/json.h"

static void arena_aligns_and_survives_growth(void **state)
{
	(void)state;
	dy_arena a;
	arena_init(&a);
	char *first = arena_strdup(&a, "kept");
	for (int i = 0; i < 1000; i++) {
		void *p = arena_alloc(&a, 1000 + (size_t)i);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xab, 1000 + (size_t)i);
	}
	assert_string_equal(first, "kept"); /* older blocks are never moved */
	void *big = arena_alloc(&a, 10u << 20);
	assert_non_null(big);
	arena_reset(&a);
	assert_int_equal(a.total, 0);
	assert_non_null(a.head);
	arena_free(&a);
	arena_free(NULL);
}

static void buf_printf_appends(void **state)
{
	(void)state;
	dy_buf b = DY_BUF_INIT;
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.n, strlen(b.p));
	assert_memory_equal(b.p, "0,1,2,", 6);
	buf_clear(&b);
	assert_string_equal(b.p, "");
	buf_free(&b);
	buf_free(&b);
}

static void json_escapes_what_json_requires(void **state)
{
	(void)state;
	dy_buf b = DY_BUF_INIT;
	const char in[] = "say \"hi\"\\\n\t\x01 Café";
	json_string(&b, in, sizeof in - 1);
	assert_string_equal(b.p, "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 Café\"");
	buf_clear(&b);
	json_cstring(&b, NULL);
	assert_string_equal(b.p, "null");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_aligns_and_survives_growth),
		cmocka_unit_test(buf_printf_appends),
		cmocka_unit_test(json_escapes_what_json_requires),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
