/* SPDX-License-Identifier: MIT */
/* CSV writer (RFC 4180): fields separated by commas, lines ending in "\n"; a
 * value holding a comma, a double quote, a carriage return or a newline is put
 * in double quotes with each inner quote doubled, so spreadsheets read
 * sentences back unchanged. Absent values are empty cells. Exports write_csv()
 * to writer_record(). */
#include <string.h>

#include "write_int.h"

/* Rewrites b->p[at..b->n) quoted when it needs quotes. */
static void quote_from(dy_buf *b, size_t at)
{
	size_t n = b->n - at;
	const char *s = b->p + at;
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n))
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
