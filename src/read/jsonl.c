/* SPDX-License-Identifier: MIT */
/* JSONL reader: one JSON object per line with `text` (required), `id`, `date`,
 * and optionally `title`, `url`, `source`. Streams line by line, so a file of
 * any size is read in constant memory (one line is at most RD_MAX_LINE bytes).
 *
 * Rules: blank lines are passed over; a line that is not a JSON object, or has
 * no string `text`, is reported "FILE:LINE: ..." and skipped. A missing id
 * becomes "NAME:LINE". A numeric id is written in decimal. A date that is not
 * "YYYY-MM-DD", "YYYYMMDD" or an ISO timestamp draws a warning and the document
 * is kept without it (the --date default then applies). Exports rd_jsonl. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "read_int.h"

/* A string member, or NULL (a non-string value is treated as absent). */
static const char *member_str(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return NULL;
	if (len)
		*len = json_string_length(v);
	return json_string_value(v);
}

static const char *opt_field(dy_arena *a, json_t *o, const char *key)
{
	size_t n;
	const char *s = member_str(o, key, &n);
	return s ? rd_trimdup(a, s, n, RD_MAX_FIELD) : NULL;
}

static int jsonl_open(dy_reader *r)
{
	return 1;
}

static int jsonl_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	const char *line;
	size_t len;
	while (rd_getline(r, &line, &len)) {
		long ln = r->in.line;
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			continue;
		json_error_t err;
		json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
		if (!o) {
			rd_skip(r, ln, "invalid JSON at column %d: %s, line skipped",
				err.column, err.text);
			continue;
		}
		if (!json_is_object(o)) {
			rd_skip(r, ln, "not a JSON object, line skipped");
			json_decref(o);
			continue;
		}
		size_t tn;
		const char *text = member_str(o, "text", &tn);
		if (!text) {
			rd_skip(r, ln, "no \"text\" string, line skipped");
			json_decref(o);
			continue;
		}
		rd_doc_init(r, doc, ln);
		doc->text = arena_strndup(a, text, tn);
		doc->text_len = tn;
		json_t *id = json_object_get(o, "id");
		if (json_is_string(id)) {
			doc->id = rd_trimdup(a, json_string_value(id), json_string_length(id),
					     RD_MAX_FIELD);
		} else if (json_is_integer(id)) {
			char num[32];
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
			doc->id = arena_strdup(a, num);
		}
		if (!doc->id)
			doc->id = rd_make_id(r, a, ln);
		size_t dn;
		const char *date = member_str(o, "date", &dn);
		char d[11];
		if (date && dn) {
			if (date_parse(date, dn, d))
				doc->date = arena_strdup(a, d);
			else
				diag_warn(r->dg, r->path, ln, "invalid date \"%.40s\", kept without a date",
					  date);
		}
		doc->title = opt_field(a, o, "title");
		doc->url = opt_field(a, o, "url");
		doc->source = opt_field(a, o, "source");
		json_decref(o);
		return 1;
	}
	return 0;
}

const rd_format rd_jsonl = { jsonl_open, jsonl_next, NULL };
