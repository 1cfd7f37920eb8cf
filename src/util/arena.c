/* SPDX-License-Identifier: MIT */
/* Arena allocator (see arena.h for the invariants). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

struct dy_arena_block {
	dy_arena_block *next;
	size_t          size; /* usable bytes in data[] */
	size_t          used;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024, ARENA_ALIGN = 16 };

void arena_init(dy_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

static dy_arena_block *block_new(size_t need, dy_arena_block *next)
{
	size_t size = need > ARENA_MIN_BLOCK ? need : ARENA_MIN_BLOCK;
	dy_arena_block *b = xmalloc(sizeof *b + size);
	b->next = next;
	b->size = size;
	b->used = 0;
	return b;
}

void *arena_alloc(dy_arena *a, size_t n)
{
	size_t rounded = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (rounded < n)
		rounded = n; /* overflow: let block_new fail loudly */
	dy_arena_block *b = a->head;
	if (!b || b->size - b->used < rounded) {
		/* Grow geometrically so that many small documents followed by one huge
		 * one cost a handful of blocks, not thousands. */
		size_t want = rounded;
		if (b && b->size * 2 > want)
			want = b->size * 2;
		b = block_new(want, a->head);
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += rounded;
	a->total += rounded;
	return p;
}

void arena_shrink_last(dy_arena *a, void *p, size_t n)
{
	dy_arena_block *b = a->head;
	unsigned char *q = p;
	assert(b && q >= b->data && q <= b->data + b->used);
	size_t keep = (size_t)(q - b->data) + ((n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1));
	assert(keep <= b->used);
	if (keep >= b->used)
		return;
	a->total -= b->used - keep;
	b->used = keep;
}

void *arena_zalloc(dy_arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(dy_arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(dy_arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_reset(dy_arena *a)
{
	dy_arena_block *keep = NULL, *b = a->head;
	while (b) {
		dy_arena_block *next = b->next;
		if (!keep || b->size > keep->size) {
			free(keep);
			keep = b;
		} else {
			free(b);
		}
		b = next;
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->total = 0;
}

void arena_free(dy_arena *a)
{
	if (!a)
		return;
	dy_arena_block *b = a->head;
	while (b) {
		dy_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}
