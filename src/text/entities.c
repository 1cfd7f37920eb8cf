/* SPDX-License-Identifier: MIT */
/* HTML character references: a sorted table of names searched by bisection, and
 * a numeric reference reader that saturates instead of overflowing. Exports the
 * functions of entities.h. */
#include <string.h>

#include "entities.h"
#include "mojibake.h"

typedef struct entity {
	const char *name;
	uint8_t     len;
	uint32_t    cp;
} entity;

static const entity entity_table[] = {
#include "entities.inc"
};

#define N_ENTITIES (sizeof entity_table / sizeof entity_table[0])

size_t entity_count(void)
{
	return N_ENTITIES;
}

const char *entity_name(size_t i)
{
	return i < N_ENTITIES ? entity_table[i].name : NULL;
}

uint32_t entity_lookup(const char *name, size_t len)
{
	if (len == 0 || len > DY_ENTITY_NAME_MAX)
		return 0;
	size_t lo = 0, hi = N_ENTITIES;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const entity *e = &entity_table[mid];
		size_t m = len < e->len ? len : e->len;
		int c = memcmp(name, e->name, m);
		if (c == 0)
			c = (len > e->len) - (len < e->len);
		if (c == 0)
			return e->cp;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Names that HTML also recognises without the closing ';' and that are common
 * that way in scraped text. */
static int semicolon_optional(const char *name, size_t len)
{
	static const char *const loose[] = {
		"amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT",
	};
	for (size_t i = 0; i < sizeof loose / sizeof loose[0]; i++)
		if (strlen(loose[i]) == len && memcmp(loose[i], name, len) == 0)
			return 1;
	return 0;
}

static size_t numeric_decode(const char *s, size_t n, uint32_t *cp)
{
	/* s[0] == '&', s[1] == '#' */
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 2;
	int hex = 0;
	if (i < n && (u[i] | 0x20) == 'x') {
		hex = 1;
		i++;
	}
	size_t digits_at = i;
	uint32_t v = 0;
	/* Saturate above U+10FFFF: the value is invalid from there on however
	 * many digits follow, and the loop stays linear and overflow-free. */
	for (; i < n; i++) {
		int d = hex ? hex_value(u[i]) : (is_digit(u[i]) ? u[i] - '0' : -1);
		if (d < 0)
			break;
		if (v <= 0x10FFFF)
			v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (i == digits_at)
		return 0;
	if (i < n && u[i] == ';')
		i++;
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = 0xFFFD;
	else if (v >= 0x80 && v <= 0x9F) {
		uint32_t w = mojibake_c1(v);
		if (w)
			v = w;
	}
	*cp = v;
	return i;
}

size_t entity_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n < 3 || u[0] != '&')
		return 0;
	if (u[1] == '#')
		return numeric_decode(s, n, cp);
	size_t i = 1;
	while (i < n && i <= DY_ENTITY_NAME_MAX + 1 && (is_alpha(u[i]) || is_digit(u[i])))
		i++;
	size_t len = i - 1;
	if (len == 0 || len > DY_ENTITY_NAME_MAX)
		return 0;
	uint32_t v = entity_lookup(s + 1, len);
	if (!v)
		return 0;
	if (i < n && u[i] == ';') {
		*cp = v;
		return i + 1;
	}
	if (!semicolon_optional(s + 1, len) || (i < n && u[i] == '='))
		return 0;
	*cp = v;
	return i;
}
