/* SPDX-License-Identifier: MIT */
/* Internals shared by the writers (fields.c, event_jsonl.c, event_tsv.c,
 * event_csv.c): one field of a record as text. Not part of the stage's
 * contract; only src/write/ includes it. */
#ifndef DY_WRITE_INT_H
#define DY_WRITE_INT_H

#include <string.h>

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
 * from zero, as the goldstein and coordinate fields are written.
 *
 * Without printf, and inline: the writers format several numbers per event
 * and printf showed in profiles. Digits are made units first, two at a time
 * from a table of the pairs 00..99 (fields.c), backwards into the first half
 * of a scratch array that ends at its middle, so the result is moved out with
 * one fixed-size copy of WRITE_NUM_DIGITS bytes. */
enum { WRITE_NUM_MAX = 32, WRITE_NUM_DIGITS = 24 };
extern const char write_digit_pairs[201];

/* Writes u's digits ending at p; returns where they start. */
static inline char *write_digits_before(char *p, unsigned long long u)
{
	while (u >= 100) {
		p -= 2;
		memcpy(p, write_digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, write_digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	return p;
}

/* v with `dec` decimals (1 or 4), rounded half away from zero. |v| must be
 * below 1e9 (Goldstein values and coordinates are). */
static inline size_t write_fixed(char *out, double v, int dec)
{
	char tmp[2 * WRITE_NUM_DIGITS];
	char *end = tmp + WRITE_NUM_DIGITS, *p = end;
	double x = v * (dec == 1 ? 10.0 : 10000.0);
	long long q = (long long)(x < 0 ? x - 0.5 : x + 0.5);
	int neg = q < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)q : (unsigned long long)q;
	if (dec == 1) {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} else {
		unsigned f = (unsigned)(u % 10000);
		p -= 4;
		memcpy(p, write_digit_pairs + 2 * (f / 100), 2);
		memcpy(p + 2, write_digit_pairs + 2 * (f % 100), 2);
		u /= 10000;
	}
	*--p = '.';
	p = write_digits_before(p, u);
	if (neg)
		*--p = '-';
	memcpy(out, p, WRITE_NUM_DIGITS);
	return (size_t)(end - p);
}

static inline size_t write_long(char *out, long v)
{
	char tmp[2 * WRITE_NUM_DIGITS];
	char *end = tmp + WRITE_NUM_DIGITS;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char *p = write_digits_before(end, u);
	if (v < 0)
		*--p = '-';
	memcpy(out, p, WRITE_NUM_DIGITS);
	return (size_t)(end - p);
}


void write_jsonl(const dy_writer *w, const dy_record *r, dy_buf *b);
void write_tsv(const dy_writer *w, const dy_record *r, dy_buf *b);
void write_csv(const dy_writer *w, const dy_record *r, dy_buf *b);

#endif
