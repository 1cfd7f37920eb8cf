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

/* A reservation given back in part: the kept bytes stay, the next
 * allocation starts right after them (aligned), and total counts only what
 * is kept; a new block in between is not touched. */
static void arena_shrink_last_gives_back_the_tail(void **state)
{
	(void)state;
	dy_arena a;
	arena_init(&a);
	char *keep = arena_strdup(&a, "before");
	char *room = arena_alloc(&a, 4096);
	size_t total = a.total;
	memcpy(room, "SAID", 5);
	arena_shrink_last(&a, room, 5);
	assert_int_equal(a.total, total - 4096 + 16);
	char *next = arena_alloc(&a, 32);
	assert_ptr_equal(next, room + 16);
	assert_string_equal(room, "SAID");
	assert_string_equal(keep, "before");
	/* nothing to give back: no change */
	char *full = arena_alloc(&a, 48);
	size_t t2 = a.total;
	arena_shrink_last(&a, full, 48);
	assert_int_equal(a.total, t2);
	/* a reservation bigger than the block: it gets a block of its own */
	char *big = arena_alloc(&a, 200000);
	memset(big, 'x', 200000);
	arena_shrink_last(&a, big, 10);
	char *after = arena_alloc(&a, 16);
	assert_ptr_equal(after, big + 16);
	assert_string_equal(room, "SAID");
	arena_free(&a);
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

/* The escape scan reads sixteen or eight bytes at a time: a byte to escape
 * is found at every position of strings of every length around those steps,
 * and bytes 0x20, 0x7f and above are never escaped. */
static void json_safe_len_finds_every_position(void **state)
{
	(void)state;
	static const unsigned char bad[] = { '"', '\\', 0x00, 0x01, 0x0a, 0x1f };
	char s[80] = { 0 };
	for (size_t n = 0; n < 70; n++) {
		for (size_t i = 0; i < n; i++)
			s[i] = (char)(i % 3 == 0 ? 0x20 : i % 3 == 1 ? 0x7f : 0xe9);
		assert_int_equal(json_safe_len(s, n), n);
		for (size_t at = 0; at < n; at++) {
			char keep = s[at];
			s[at] = (char)bad[(n + at) % sizeof bad];
			assert_int_equal(json_safe_len(s, n), at);
			s[at] = keep;
		}
	}
	/* and json_string() escapes from there on: a quote in a long run */
	dy_buf b = DY_BUF_INIT;
	memset(s, 'x', 40);
	s[33] = '"';
	json_string(&b, s, 40);
	assert_int_equal(b.n, 43);
	assert_memory_equal(b.p + 33, "x\\\"x", 4);
	assert_int_equal(b.p[b.n], '\0');
	buf_free(&b);
}

static void buf_grows_by_every_path(void **state)
{
	(void)state;
	dy_buf b = DY_BUF_INIT;
	for (int i = 0; i < 300; i++) {
		buf_putc(&b, (char)('a' + i % 26));
		buf_append(&b, "0123456789", (size_t)(i % 11));
		assert_int_equal(b.p[b.n], '\0');
		assert_true(b.n < b.cap);
	}
	buf_reserve(&b, 5000);
	assert_true(b.cap - b.n > 5000);
	size_t n = b.n;
	buf_append(&b, NULL, 0);
	assert_int_equal(b.n, n);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_aligns_and_survives_growth),
		cmocka_unit_test(arena_shrink_last_gives_back_the_tail),
		cmocka_unit_test(buf_printf_appends),
		cmocka_unit_test(json_escapes_what_json_requires),
		cmocka_unit_test(json_safe_len_finds_every_position),
		cmocka_unit_test(buf_grows_by_every_path),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
