/* SPDX-License-Identifier: MIT */
/* CSV writer (RFC 4180): fields separated by commas, lines ending in "\n"; a
 * value holding a comma, a double quote, a carriage return or a newline is put
 * in double quotes with each inner quote doubled, so spreadsheets read
 * sentences back unchanged. Absent values are empty cells. Exports write_csv()
 * to writer_record(). */
#include <stdint.h>
#include <string.h>

#include "write_int.h"

/* Whether some byte of x is ',', '"', LF or CR (the exact "has a zero
 * byte" word test, once per byte value). */
static inline int word_needs_quote(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t a = x ^ (ones * ','), q = x ^ (ones * '"');
	uint64_t l = x ^ (ones * '\n'), c = x ^ (ones * '\r');
	return ((((a - ones) & ~a) | ((q - ones) & ~q) | ((l - ones) & ~l) | ((c - ones) & ~c)) &
	        high) != 0;
}

static inline int byte_needs_quote(char c)
{
	return c == ',' || c == '"' || c == '\n' || c == '\r';
}

/* Whether s[0..n) holds a byte that makes a value quoted: one pass, eight
 * bytes a step (most values hold none). */
static int needs_quote(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (word_needs_quote(x))
			return 1;
	}
	for (; i < n; i++)
		if (byte_needs_quote(s[i]))
			return 1;
	return 0;
}

/* Rewrites b->p[at..b->n) quoted when it needs quotes. */
static void quote_from(dy_buf *b, size_t at)
{
	size_t n = b->n - at;
	const char *s = b->p + at;
	if (!needs_quote(s, n))
		return;
	dy_buf tmp = DY_BUF_INIT;
	buf_append(&tmp, s, n);
	b->n = at;
	b->p[at] = '\0';
	buf_putc(b, '"');
	for (size_t k = 0; k < tmp.n; k++) {
		if (tmp.p[k] == '"')
			buf_putc(b, '"');
		buf_putc(b, tmp.p[k]);
	}
	buf_putc(b, '"');
	buf_free(&tmp);
}

void write_csv(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	for (int i = 0; i < w->n; i++) {
		if (i)
			buf_putc(b, ',');
		size_t at = b->n;
		write_field_text(r, w->fields[i], b);
		quote_from(b, at);
	}
	buf_putc(b, '\n');
}
