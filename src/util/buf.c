/* SPDX-License-Identifier: MIT */
/* Growable byte buffer (see buf.h for the invariants). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void buf_grow(dy_buf *b, size_t extra)
{
	size_t need = b->n + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	b->p[b->n] = '\0';
}

void buf_puts(dy_buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_vprintf(dy_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	if (len > 0) {
		buf_reserve(b, (size_t)len);
		vsnprintf(b->p + b->n, (size_t)len + 1, fmt, again);
		b->n += (size_t)len;
	}
	va_end(again);
}

void buf_printf(dy_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_clear(dy_buf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

void buf_free(dy_buf *b)
{
	if (!b)
		return;
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}
