/* SPDX-License-Identifier: MIT */
/* JSONL writer: one JSON object a line, keys in the writer's field order.
 * Strings are escaped by util/json.c; numbers are written bare (goldstein with
 * one decimal); absent values are null. plover and location are objects,
 * doc_ids an array. Exports write_jsonl() to writer_record().
 *
 * Speed: this runs for every event. The fields of the default list are
 * written straight into the buffer (a key is one fixed-size copy of the
 * 32-byte key writer_init() made, a string one scan and one copy, a number
 * formatted in place); other fields go through write_field_text(), the
 * columns' text, escaped afterwards. */
#include <math.h>
#include <string.h>

#include "util/json.h"
#include "write_int.h"

/* Inlined at every use: these run for several fields of every event, and a
 * call costs about what the work does. */
#define HOT static inline __attribute__((always_inline))

/* Appends a string literal. */
#define PUT_LIT(b, lit) buf_append((b), (lit), sizeof(lit) - 1)

/* Bytes JSON escapes, and NUL: put_cstr()'s copy loop stops at either. */
static const unsigned char stop_byte[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

enum { SHORT_STR = 64 };

/* A JSON string, or null for NULL. The strings of a record other than its
 * sentence are short (codes, names): one loop copies and checks each byte
 * until the NUL, so there is no strlen pass and no call (inlined at each of
 * its dozen uses, which saves a call's cost on each); a longer string or
 * one to escape goes to json_string(). */
HOT void put_cstr(dy_buf *b, const char *s)
{
	if (!s) {
		PUT_LIT(b, "null");
		return;
	}
	buf_reserve(b, SHORT_STR + 2);
	char *o = b->p + b->n + 1;
	size_t i = 0;
	/* four bytes a step; each is read only once the one before is known
	 * not to be the NUL */
	while (i < SHORT_STR) {
		unsigned char c = (unsigned char)s[i];
		if (stop_byte[c])
			break;
		o[i] = (char)c;
		c = (unsigned char)s[i + 1];
		if (stop_byte[c]) {
			i += 1;
			break;
		}
		o[i + 1] = (char)c;
		c = (unsigned char)s[i + 2];
		if (stop_byte[c]) {
			i += 2;
			break;
		}
		o[i + 2] = (char)c;
		c = (unsigned char)s[i + 3];
		if (stop_byte[c]) {
			i += 3;
			break;
		}
		o[i + 3] = (char)c;
		i += 4;
	}
	if (s[i] == '\0') {
		o[-1] = '"';
		o[i] = '"';
		b->n += i + 2;
		b->p[b->n] = '\0';
		return;
	}
	json_string(b, s, strlen(s));
}

HOT void put_long(dy_buf *b, long v)
{
	buf_reserve(b, WRITE_NUM_MAX);
	b->n += write_long(b->p + b->n, v);
	b->p[b->n] = '\0';
}

HOT void put_fixed(dy_buf *b, double v, int dec)
{
	buf_reserve(b, WRITE_NUM_MAX);
	b->n += write_fixed(b->p + b->n, v, dec);
	b->p[b->n] = '\0';
}

static void put_plover(const dy_record *r, dy_buf *b)
{
	if (!r->plover_event) {
		PUT_LIT(b, "null");
		return;
	}
	PUT_LIT(b, "{\"event\":");
	put_cstr(b, r->plover_event);
	PUT_LIT(b, ",\"mode\":");
	put_cstr(b, r->plover_mode);
	PUT_LIT(b, ",\"context\":");
	put_cstr(b, r->plover_context);
	buf_putc(b, '}');
}

/* Coordinates are NAN when unknown and geonames_id 0: both null, as
 * write_field_text() gives them. */
static void put_location(const dy_record *r, dy_buf *b)
{
	if (!r->has_location) {
		PUT_LIT(b, "null");
		return;
	}
	PUT_LIT(b, "{\"name\":");
	put_cstr(b, r->loc_name);
	PUT_LIT(b, ",\"country\":");
	put_cstr(b, r->loc_country);
	PUT_LIT(b, ",\"admin1\":");
	put_cstr(b, r->loc_admin1);
	PUT_LIT(b, ",\"lat\":");
	if (isnan(r->loc_lat))
		PUT_LIT(b, "null");
	else
		put_fixed(b, r->loc_lat, 4);
	PUT_LIT(b, ",\"lon\":");
	if (isnan(r->loc_lon))
		PUT_LIT(b, "null");
	else
		put_fixed(b, r->loc_lon, 4);
	PUT_LIT(b, ",\"geonames_id\":");
	if (r->loc_geonames_id > 0)
		put_long(b, r->loc_geonames_id);
	else
		PUT_LIT(b, "null");
	buf_putc(b, '}');
}

static void put_doc_ids(const dy_record *r, dy_buf *b)
{
	buf_putc(b, '[');
	if (!r->reports) {
		put_cstr(b, r->doc_id);
	} else {
		for (size_t i = 0; i < r->n_doc_ids; i++) {
			if (i)
				buf_putc(b, ',');
			put_cstr(b, r->doc_ids[i]);
		}
	}
	buf_putc(b, ']');
}

/* Any other field as a JSON value, from its column text: written in place
 * and escaped afterwards only when it holds a byte JSON must escape. */
static void put_value(const dy_record *r, dy_field f, dy_buf *b)
{
	size_t at = b->n;
	buf_putc(b, '"');
	int k = write_field_text(r, f, b);
	if (k == WK_NULL) {
		b->n = at;
		PUT_LIT(b, "null");
		return;
	}
	if (k == WK_NUMBER) {
		/* drop the quote: numbers are bare */
		memmove(b->p + at, b->p + at + 1, b->n - at - 1);
		b->n--;
		b->p[b->n] = '\0';
		return;
	}
	size_t n = b->n - at - 1;
	if (json_safe_len(b->p + at + 1, n) < n) {
		dy_buf tmp = DY_BUF_INIT;
		buf_append(&tmp, b->p + at + 1, n);
		b->n = at;
		b->p[at] = '\0';
		json_string(b, tmp.p, tmp.n);
		buf_free(&tmp);
		return;
	}
	buf_putc(b, '"');
}

/* A key of writer_init(): keys[i] is ',"label":' in a 32-byte array, so
 * copying 31 bytes of it is one fixed-size move whatever the label; the
 * first key starts after its comma. */
static inline void put_key(const dy_writer *w, int i, dy_buf *b)
{
	size_t skip = i == 0;
	buf_reserve(b, sizeof w->keys[i]);
	memcpy(b->p + b->n, w->keys[i] + skip, sizeof w->keys[i] - 1);
	b->n += (size_t)w->key_len[i] - skip; /* the NUL comes with the next value */
}

void write_jsonl(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	buf_putc(b, '{');
	for (int i = 0; i < w->n; i++) {
		dy_field f = w->fields[i];
		put_key(w, i, b);
		switch (f) {
		case F_DOC_ID:
			put_cstr(b, r->doc_id);
			break;
		case F_SENTENCE:
			put_long(b, r->sentence);
			break;
		case F_DATE:
			if (r->date[0])
				put_cstr(b, r->date);
			else
				PUT_LIT(b, "null");
			break;
		case F_DATE_SOURCE:
			if (r->date_from_text)
				PUT_LIT(b, "\"text\"");
			else
				PUT_LIT(b, "\"document\"");
			break;
		case F_DATE_PHRASE:
			if (r->date_phrase)
				json_string(b, r->date_phrase, r->date_phrase_len);
			else
				PUT_LIT(b, "null");
			break;
		case F_SOURCE:
			put_cstr(b, r->source);
			break;
		case F_TARGET:
			put_cstr(b, r->target);
			break;
		case F_CODE:
			put_cstr(b, r->code);
			break;
		case F_ROOT:
			put_cstr(b, r->root);
			break;
		case F_EVENT_NAME:
			put_cstr(b, r->event_name);
			break;
		case F_QUAD:
			if (r->quad)
				put_long(b, r->quad);
			else
				PUT_LIT(b, "null");
			break;
		case F_GOLDSTEIN:
			if (r->has_goldstein)
				put_fixed(b, r->goldstein, 1);
			else
				PUT_LIT(b, "null");
			break;
		case F_PLOVER:
			put_plover(r, b);
			break;
		case F_LOCATION:
			put_location(r, b);
			break;
		case F_REPORTS:
			put_long(b, r->reports ? r->reports : 1);
			break;
		case F_N_DOCS:
			put_long(b, r->reports ? r->n_docs : 1);
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
	PUT_LIT(b, "}\n");
}
