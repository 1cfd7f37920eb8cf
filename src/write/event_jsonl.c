/* SPDX-License-Identifier: MIT */
/* JSONL writer: one JSON object a line, keys in the writer's field order.
 * Strings are escaped by util/json.c; numbers are written bare (goldstein with
 * one decimal); absent values are null. plover and location are objects,
 * doc_ids an array. Exports write_jsonl() to writer_record(). */
#include <string.h>

#include "util/json.h"
#include "write_int.h"

static void put_plover(const dy_record *r, dy_buf *b)
{
	if (!r->plover_event) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '{');
	json_key(b, "event", 1);
	json_cstring(b, r->plover_event);
	json_key(b, "mode", 0);
	json_cstring(b, r->plover_mode);
	json_key(b, "context", 0);
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
	json_key(b, "name", 1);
	json_cstring(b, r->loc_name);
	json_key(b, "country", 0);
	json_cstring(b, r->loc_country);
	json_key(b, "admin1", 0);
	json_cstring(b, r->loc_admin1);
	/* coordinates through the field code: NAN (unknown) becomes null */
	json_key(b, "lat", 0);
	if (write_field_text(r, F_LAT, b) == WK_NULL)
		buf_puts(b, "null");
	json_key(b, "lon", 0);
	if (write_field_text(r, F_LON, b) == WK_NULL)
		buf_puts(b, "null");
	json_key(b, "geonames_id", 0);
	if (r->loc_geonames_id > 0)
		buf_printf(b, "%ld", r->loc_geonames_id);
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

void write_jsonl(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	dy_buf tmp = DY_BUF_INIT;
	buf_putc(b, '{');
	for (int i = 0; i < w->n; i++) {
		dy_field f = w->fields[i];
		json_key(b, w->labels[i], i == 0);
		switch (f) {
		case F_PLOVER:
			put_plover(r, b);
			continue;
		case F_LOCATION:
			put_location(r, b);
			continue;
		case F_DOC_IDS:
			put_doc_ids(r, b);
			continue;
		/* the common strings straight from the record, no copy */
		case F_DOC_ID:
			json_cstring(b, r->doc_id);
			continue;
		case F_TEXT:
			json_string(b, r->text, r->text_len);
			continue;
		case F_DATE_PHRASE:
			if (r->date_phrase)
				json_string(b, r->date_phrase, r->date_phrase_len);
			else
				buf_puts(b, "null");
			continue;
		default:
			break;
		}
		buf_clear(&tmp);
		int k = write_field_text(r, f, &tmp);
		if (k == WK_NULL)
			buf_puts(b, "null");
		else if (k == WK_NUMBER)
			buf_append(b, tmp.p, tmp.n);
		else
			json_string(b, tmp.p, tmp.n);
	}
	buf_puts(b, "}\n");
	buf_free(&tmp);
}
