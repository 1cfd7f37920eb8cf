/* SPDX-License-Identifier: MIT */
/* JSONL writer: one JSON object a line, keys in the writer's field order.
 * Strings are escaped by util/json.c; numbers are written bare (goldstein with
 * one decimal); absent values are null. plover and location are objects,
 * doc_ids an array. Exports write_jsonl() to writer_record(). */
#include <math.h>
#include <string.h>

#include "util/json.h"
#include "write_int.h"

/* Appends a string literal. */
#define PUT_LIT(b, lit) buf_append((b), (lit), sizeof(lit) - 1)

/* A short JSON object built on the stack and appended in one piece (plover
 * and location are written for every event). ok drops to 0 when a string
 * needs escaping or the object outgrows p: the caller then writes it field
 * by field through util/json.c. */
typedef struct piece {
	char   p[512];
	size_t n;
	int    ok;
} piece;

static void piece_add(piece *x, const char *s, size_t n)
{
	if (x->n + n > sizeof x->p) {
		x->ok = 0;
		return;
	}
	memcpy(x->p + x->n, s, n);
	x->n += n;
}

#define PIECE_LIT(x, lit) piece_add((x), (lit), sizeof(lit) - 1)

static void piece_str(piece *x, const char *s)
{
	if (!s) {
		PIECE_LIT(x, "null");
		return;
	}
	size_t n = strlen(s);
	if (x->n + n + 2 > sizeof x->p) {
		x->ok = 0;
		return;
	}
	char *o = x->p + x->n;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\') {
			x->ok = 0;
			return;
		}
		o[i + 1] = (char)c;
	}
	o[0] = '"';
	o[n + 1] = '"';
	x->n += n + 2;
}

static void piece_num(piece *x, const char *s, size_t n)
{
	piece_add(x, s, n);
}

static void put_plover(const dy_record *r, dy_buf *b)
{
	if (!r->plover_event) {
		buf_puts(b, "null");
		return;
	}
	piece x = { .n = 0, .ok = 1 };
	PIECE_LIT(&x, "{\"event\":");
	piece_str(&x, r->plover_event);
	PIECE_LIT(&x, ",\"mode\":");
	piece_str(&x, r->plover_mode);
	PIECE_LIT(&x, ",\"context\":");
	piece_str(&x, r->plover_context);
	PIECE_LIT(&x, "}");
	if (x.ok) {
		buf_append(b, x.p, x.n);
		return;
	}
	buf_append(b, "{\"event\":", 9);
	json_cstring(b, r->plover_event);
	buf_append(b, ",\"mode\":", 8);
	json_cstring(b, r->plover_mode);
	buf_append(b, ",\"context\":", 11);
	json_cstring(b, r->plover_context);
	buf_putc(b, '}');
}

/* The coordinates and id of a location, as write_field_text() gives them
 * (NAN and id 0 are null). */
static void piece_location_numbers(piece *x, const dy_record *r)
{
	char num[WRITE_NUM_MAX];
	PIECE_LIT(x, ",\"lat\":");
	if (isnan(r->loc_lat))
		PIECE_LIT(x, "null");
	else
		piece_num(x, num, write_fixed(num, r->loc_lat, 4));
	PIECE_LIT(x, ",\"lon\":");
	if (isnan(r->loc_lon))
		PIECE_LIT(x, "null");
	else
		piece_num(x, num, write_fixed(num, r->loc_lon, 4));
	PIECE_LIT(x, ",\"geonames_id\":");
	if (r->loc_geonames_id > 0)
		piece_num(x, num, write_long(num, r->loc_geonames_id));
	else
		PIECE_LIT(x, "null");
	PIECE_LIT(x, "}");
}

static void put_location(const dy_record *r, dy_buf *b)
{
	if (!r->has_location) {
		buf_puts(b, "null");
		return;
	}
	piece x = { .n = 0, .ok = 1 };
	PIECE_LIT(&x, "{\"name\":");
	piece_str(&x, r->loc_name);
	PIECE_LIT(&x, ",\"country\":");
	piece_str(&x, r->loc_country);
	PIECE_LIT(&x, ",\"admin1\":");
	piece_str(&x, r->loc_admin1);
	piece_location_numbers(&x, r);
	if (x.ok) {
		buf_append(b, x.p, x.n);
		return;
	}
	buf_putc(b, '{');
	PUT_LIT(b, "\"name\":");
	json_cstring(b, r->loc_name);
	PUT_LIT(b, ",\"country\":");
	json_cstring(b, r->loc_country);
	PUT_LIT(b, ",\"admin1\":");
	json_cstring(b, r->loc_admin1);
	x.n = 0;
	x.ok = 1;
	piece_location_numbers(&x, r);
	buf_append(b, x.p, x.n);
}

static void put_doc_ids(const dy_record *r, dy_buf *b)
{
	buf_putc(b, '[');
	if (!r->reports) {
		json_cstring(b, r->doc_id);
	} else {
		for (size_t i = 0; i < r->n_doc_ids; i++) {
			if (i)
				buf_putc(b, ',');
			json_cstring(b, r->doc_ids[i]);
		}
	}
	buf_putc(b, ']');
}

/* Appends field f as a JSON value. The text is written in place and escaped
 * afterwards only when it holds a byte JSON must escape (rare outside the
 * sentence), so the common path copies once and allocates nothing. */
static void put_value(const dy_record *r, dy_field f, dy_buf *b)
{
	size_t at = b->n;
	buf_putc(b, '"');
	int k = write_field_text(r, f, b);
	if (k == WK_NULL) {
		b->n = at;
		buf_puts(b, "null");
		return;
	}
	if (k == WK_NUMBER) {
		/* drop the quote: numbers are bare */
		memmove(b->p + at, b->p + at + 1, b->n - at - 1);
		b->n--;
		b->p[b->n] = '\0';
		return;
	}
	for (size_t i = at + 1; i < b->n; i++) {
		unsigned char c = (unsigned char)b->p[i];
		if (c < 0x20 || c == '"' || c == '\\') {
			dy_buf tmp = DY_BUF_INIT;
			buf_append(&tmp, b->p + at + 1, b->n - at - 1);
			b->n = at;
			b->p[at] = '\0';
			json_string(b, tmp.p, tmp.n);
			buf_free(&tmp);
			return;
		}
	}
	buf_putc(b, '"');
}

void write_jsonl(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	buf_putc(b, '{');
	for (int i = 0; i < w->n; i++) {
		dy_field f = w->fields[i];
		/* the key made once by writer_init(); the first without its comma */
		buf_append(b, w->keys[i] + (i == 0), (size_t)w->key_len[i] - (i == 0));
		switch (f) {
		case F_PLOVER:
			put_plover(r, b);
			break;
		case F_LOCATION:
			put_location(r, b);
			break;
		case F_DOC_IDS:
			put_doc_ids(r, b);
			break;
		case F_TEXT:
			json_string(b, r->text, r->text_len);
			break;
		default:
			put_value(r, f, b);
			break;
		}
	}
	buf_puts(b, "}\n");
}
