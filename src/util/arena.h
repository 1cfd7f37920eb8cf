/* SPDX-License-Identifier: MIT */
/* Arena: a bump allocator for everything that lives as long as one document.
 *
 * Invariants: blocks form a singly linked list, newest first; `used <= size` in
 * every block; memory handed out is aligned to 16 bytes and stays valid until
 * arena_reset() or arena_free(). arena_reset() keeps the largest block so that a
 * steady stream of similar documents allocates nothing after the first. */
#ifndef DY_ARENA_H
#define DY_ARENA_H

#include <stddef.h>

typedef struct dy_arena_block dy_arena_block;

typedef struct dy_arena {
	dy_arena_block *head;  /* block being filled; older blocks follow */
	size_t          total; /* bytes handed out since the last reset */
} dy_arena;

void  arena_init(dy_arena *a);
void *arena_alloc(dy_arena *a, size_t n);               /* uninitialised */
void *arena_zalloc(dy_arena *a, size_t n);              /* zeroed */
char *arena_strndup(dy_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(dy_arena *a, const char *s);
/* Gives back the end of the most recent allocation p, keeping its first n
 * bytes (n no more than was asked for): for a caller that reserves a worst
 * case, fills part of it and returns the rest. p must be the last pointer
 * arena_alloc() returned, with nothing allocated since. */
void  arena_shrink_last(dy_arena *a, void *p, size_t n);
void  arena_reset(dy_arena *a);                         /* invalidates every pointer */
void  arena_free(dy_arena *a);                          /* NULL-safe */

#endif
