/* SPDX-License-Identifier: MIT */
/* Duplicate removal (`dyad code --dedup day`): the field's one-a-day filter.
 * Events with the same (date, source, target, code) are one event; the first
 * report is kept, with `reports` (how many events were merged into it, itself
 * included), `n_docs` (how many distinct documents reported it) and `doc_ids`
 * (the first WRITE_MAX_DOC_IDS of those documents). Undated events are never
 * merged: without a day there is no one-a-day key.
 *
 * Order: kept events come out in the order of their first report, so the
 * output of a run is the same for any -j (the caller adds records in input
 * order).
 *
 * Memory: every kept event is copied (its strings, the sentence included) into
 * the table's own arena until dedup_clear(); about 300 bytes plus the
 * sentence's length per kept event. The table holds at most `window` events:
 * when dedup_full() says so the caller writes and clears it, and merging
 * starts afresh (duplicates across that boundary are then not merged).
 * Merged reports cost nothing but their document id. Not thread-safe: one
 * thread adds. */
#ifndef DY_DEDUP_H
#define DY_DEDUP_H

#include <stddef.h>

#include "write/write.h"

enum { DEDUP_DEFAULT_WINDOW = 1000000 };

typedef struct dy_dedup dy_dedup;

/* A new empty table holding at most `window` events (0: the default). */
dy_dedup *dedup_new(size_t window);
void dedup_free(dy_dedup *d); /* NULL-safe */

/* Adds one event. `doc_seq` numbers documents (any value that differs between
 * documents and is the same for the events of one document); it tells a second
 * report from the same document from a new document. r is copied. Returns 1
 * when r is a new event, 0 when it was merged into an earlier one. */
int dedup_add(dy_dedup *d, const dy_record *r, long doc_seq);

/* Kept events, in the order of their first report; records stay valid until
 * dedup_clear(). */
size_t dedup_count(const dy_dedup *d);
const dy_record *dedup_at(const dy_dedup *d, size_t i);

/* 1 when the table holds `window` events: write them and clear. */
int dedup_full(const dy_dedup *d);

/* Forgets every event (memory is kept for reuse). */
void dedup_clear(dy_dedup *d);

#endif
