/* SPDX-License-Identifier: MIT */
/* JSONL writer: one JSON object a line, keys in the writer's field order.
 * Strings are escaped by util/json.c; numbers are written bare (goldstein with
 * one decimal); absent values are null. plover and location are objects,
 * doc_ids an array. Exports write_jsonl() to writer_record(). */
#include <string.h>

#include "util/json.h"
#include "write_int.h"

/* Appends a string literal. */
#define PUT_LIT(b, lit) buf_append((b), (lit), sizeof(lit) - 1)

static void put_plover(const dy_record *r, dy_buf *b)
{
	if (!r->plover_event) {
		buf_puts(b, "null");
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

static void put_location(const dy_record *r, dy_buf *b)
{
	if (!r->has_location) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '{');
	PUT_LIT(b, "\"name\":");
	json_cstring(b, r->loc_name);
	PUT_LIT(b, ",\"country\":");
	json_cstring(b, r->loc_country);
	PUT_LIT(b, ",\"admin1\":");
	json_cstring(b, r->loc_admin1);
	/* coordinates through the field code: NAN (unknown) becomes null */
	PUT_LIT(b, ",\"lat\":");
	if (write_field_text(r, F_LAT, b) == WK_NULL)
		buf_puts(b, "null");
	PUT_LIT(b, ",\"lon\":");
	if (write_field_text(r, F_LON, b) == WK_NULL)
		buf_puts(b, "null");
	PUT_LIT(b, ",\"geonames_id\":");
	if (r->loc_geonames_id > 0)
		write_field_text(r, F_GEONAMES_ID, b);
	else
		buf_puts(b, "null");
	buf_putc(b, '}');
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
