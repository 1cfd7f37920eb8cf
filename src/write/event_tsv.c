/* SPDX-License-Identifier: MIT */
/* TSV writer: fields separated by tabs, one event a line, absent values as
 * empty cells. There is no quoting in TSV, so a tab, carriage return or
 * newline inside a value becomes a space (sentences can hold them). Exports
 * write_tsv() to writer_record(). */
#include <stdint.h>
#include <string.h>

#include "write_int.h"

/* Some byte of x is below 14 (the exact "has a byte less than n" word
 * test): only then can a tab, CR or LF be among the eight. */
static inline int word_has_control(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	return ((x - ones * 14) & ~x & high) != 0;
}

/* Tabs, CRs and LFs of s[0..n) become spaces. Values rarely hold one, so
 * eight bytes are tested at a time and only a word that may hold one is
 * looked at byte by byte. */
static void blank_controls(char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (!word_has_control(x))
			continue;
		for (size_t k = i; k < i + 8; k++)
			if (s[k] == '\t' || s[k] == '\n' || s[k] == '\r')
				s[k] = ' ';
	}
	for (; i < n; i++)
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			s[i] = ' ';
}

void write_tsv(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	for (int i = 0; i < w->n; i++) {
		if (i)
			buf_putc(b, '\t');
		size_t at = b->n;
		write_field_text(r, w->fields[i], b);
		blank_controls(b->p + at, b->n - at);
	}
	buf_putc(b, '\n');
}
