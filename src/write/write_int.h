/* SPDX-License-Identifier: MIT */
/* Internals shared by the writers (fields.c, event_jsonl.c, event_tsv.c,
 * event_csv.c): one field of a record as text. Not part of the stage's
 * contract; only src/write/ includes it. */
#ifndef DY_WRITE_INT_H
#define DY_WRITE_INT_H

#include "write.h"

/* How a field's text is to be written in JSON. */
enum write_kind {
	WK_NULL = 0, /* absent: null / empty column */
	WK_STRING,   /* a string */
	WK_NUMBER    /* a number, its text ready to write bare */
};

/* Appends the flat (column) text of field f of r to b and returns its kind.
 * Composite fields are flattened: plover -> its event type, location -> its
 * name, doc_ids -> ids joined by ';'. Nothing is appended for WK_NULL. */
int write_field_text(const dy_record *r, dy_field f, dy_buf *b);

/* A number's text into out (at least WRITE_NUM_MAX bytes, not terminated);
 * returns its length. write_fixed: dec (1 or 4) decimals, rounded half away
 * from zero, as the goldstein and coordinate fields are written. */
enum { WRITE_NUM_MAX = 32 };
size_t write_fixed(char *out, double v, int dec);
size_t write_long(char *out, long v);

void write_jsonl(const dy_writer *w, const dy_record *r, dy_buf *b);
void write_tsv(const dy_writer *w, const dy_record *r, dy_buf *b);
void write_csv(const dy_writer *w, const dy_record *r, dy_buf *b);

#endif
