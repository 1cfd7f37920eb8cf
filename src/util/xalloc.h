/* SPDX-License-Identifier: MIT */
/* Allocation that never returns NULL. dyad's out-of-memory policy is to print one
 * line and exit with status 2 (internal error): no caller checks for NULL after
 * these, and none should. */
#ifndef DY_XALLOC_H
#define DY_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
