/* SPDX-License-Identifier: MIT */
/* dy_buf: a growable byte buffer that owns its memory.
 *
 * Invariants: `p` is NULL only when cap == 0; otherwise p[n] == '\0' so that the
 * contents can always be used as a C string; n < cap. buf_free() leaves an
 * empty, reusable buffer. Appending never invalidates anything but `p` itself.
 *
 * buf_reserve(), buf_putc() and buf_append() are inline: writers call them for
 * every few bytes they emit, and in the common case (room left) they are a
 * compare and a copy; only growing calls into buf.c (buf_grow()). */
#ifndef DY_BUF_H
#define DY_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct dy_buf {
	char  *p;   /* contents, NUL-terminated when cap > 0 */
	size_t n;   /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
} dy_buf;

#define DY_BUF_INIT { NULL, 0, 0 }

/* Grows b so that `extra` more bytes and the NUL fit (the slow path of
 * buf_reserve()). */
void buf_grow(dy_buf *b, size_t extra);

/* Room for `extra` more bytes (and the NUL). */
static inline void buf_reserve(dy_buf *b, size_t extra)
{
	if (b->cap - b->n <= extra) /* cap == 0 (n == 0) always grows */
		buf_grow(b, extra);
}

static inline void buf_append(dy_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static inline void buf_putc(dy_buf *b, char c)
{
	buf_reserve(b, 1);
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

void buf_puts(dy_buf *b, const char *s);
void buf_printf(dy_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(dy_buf *b, const char *fmt, va_list ap);
void buf_clear(dy_buf *b);                          /* n = 0, memory kept */
void buf_free(dy_buf *b);                           /* NULL-safe */

#endif
