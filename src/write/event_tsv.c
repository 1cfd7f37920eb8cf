/* SPDX-License-Identifier: MIT */
/* TSV writer: fields separated by tabs, one event a line, absent values as
 * empty cells. There is no quoting in TSV, so a tab, carriage return or
 * newline inside a value becomes a space (sentences can hold them). Exports
 * write_tsv() to writer_record(). */
#include "write_int.h"

void write_tsv(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	for (int i = 0; i < w->n; i++) {
		if (i)
			buf_putc(b, '\t');
		size_t at = b->n;
		write_field_text(r, w->fields[i], b);
		for (size_t k = at; k < b->n; k++)
			if (b->p[k] == '\t' || b->p[k] == '\n' || b->p[k] == '\r')
				b->p[k] = ' ';
	}
	buf_putc(b, '\n');
}
