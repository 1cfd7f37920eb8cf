/* SPDX-License-Identifier: MIT */
/* TABARI text record reader. Exports rd_tabari.
 *
 * Format (TABARI manual, "Event file"): a record opens with a line starting with
 * a digit: the date (YYMMDD, or YYYYMMDD as in TABARI's YYYY mode), blanks, then
 * the record id (the rest of the line, "FBIS-002-002  CEP2002..." included). Text
 * lines follow; a blank line (only spaces and tabs) ends the record. A line that
 * looks exactly like a record header with a valid date also ends it, since
 * TABARI files need not put blank lines between records. Outside records, lines
 * that do not start with a digit ("#" lines, prose between blank lines) are
 * comments. Inside a record, everything from slash-star to star-slash is a
 * comment: it is not text, and is handed over in doc->comment (validation
 * records keep their expected events there).
 *
 * Two-digit years: 00-30 are 2000-2030, 31-99 are 1931-1999 (TABARI's pivot).
 * A date of another length or an impossible date draws a warning; the record is
 * kept without a date. Streams line by line; a record is at most RD_MAX_LINE
 * bytes (larger ones are reported and skipped). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "read_int.h"
#include "../util/xalloc.h"

typedef struct tabari_state {
	dy_buf pend;      /* a header line read while finishing the previous record */
	long   pend_line; /* its line number, 0 when none is pending */
	dy_buf text, comment;
} tabari_state;

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

static size_t lead_digits(const char *s, size_t n)
{
	size_t d = 0;
	while (d < n && isdigit((unsigned char)s[d]))
		d++;
	return d;
}

/* A header beyond doubt: 6 or 8 digits forming a valid date, blanks, an id. */
static int strict_header(const char *s, size_t n)
{
	char d[11];
	size_t k = lead_digits(s, n);
	if ((k != 6 && k != 8) || !date_from_tabari(s, k, d))
		return 0;
	size_t i = k;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '*'))
		i++;
	return i > k && i < n;
}

static int tabari_open(dy_reader *r)
{
	r->state = xcalloc(1, sizeof(tabari_state));
	return 1;
}

static void tabari_close(dy_reader *r)
{
	tabari_state *st = r->state;
	if (!st)
		return;
	buf_free(&st->pend);
	buf_free(&st->text);
	buf_free(&st->comment);
	free(st);
	r->state = NULL;
}

/* Adds one text line: the parts outside comments to st->text, the parts inside
 * to st->comment. *in_comment carries over between lines. */
static void add_line(tabari_state *st, const char *s, size_t n, int *in_comment)
{
	size_t i = 0, start = 0;
	int text_seen = 0, comment_seen = 0;
	while (i < n) {
		if (!*in_comment && i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			if (i > start) {
				buf_append(&st->text, s + start, i - start);
				text_seen = 1;
			}
			*in_comment = 1;
			i += 2;
			start = i;
		} else if (*in_comment && i + 1 < n && s[i] == '*' && s[i + 1] == '/') {
			if (comment_seen == 0 && st->comment.n)
				buf_putc(&st->comment, '\n');
			buf_append(&st->comment, s + start, i - start);
			comment_seen = 1;
			*in_comment = 0;
			i += 2;
			start = i;
		} else {
			i++;
		}
	}
	if (i > start) {
		if (*in_comment) {
			if (comment_seen == 0 && st->comment.n)
				buf_putc(&st->comment, '\n');
			buf_append(&st->comment, s + start, i - start);
		} else {
			buf_append(&st->text, s + start, i - start);
			text_seen = 1;
		}
	}
	if (text_seen && !*in_comment)
		buf_putc(&st->text, '\n');
	else if (text_seen)
		buf_putc(&st->text, ' ');
}

static int tabari_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	tabari_state *st = r->state;
	const char *line;
	size_t len;
	for (;;) {
		/* Find a header. */
		long hl;
		if (st->pend_line) {
			hl = st->pend_line;
			st->pend_line = 0;
		} else {
			int in_block = 0; /* inside a comment block between blank lines */
			for (;;) {
				if (!rd_getline(r, &line, &len))
					return 0;
				if (blank(line, len)) {
					in_block = 0;
					continue;
				}
				if (len && isdigit((unsigned char)line[0]) &&
				    (!in_block || strict_header(line, len)))
					break;
				in_block = 1;
			}
			hl = r->in.line;
			buf_clear(&st->pend);
			buf_append(&st->pend, line, len);
		}
		/* Body, up to a blank line, a new header or the end. */
		buf_clear(&st->text);
		buf_clear(&st->comment);
		int in_comment = 0, too_big = 0;
		while (rd_getline(r, &line, &len)) {
			if (blank(line, len))
				break;
			if (!in_comment && strict_header(line, len)) {
				st->pend_line = r->in.line;
				break;
			}
			if (too_big || st->text.n + st->comment.n + len > RD_MAX_LINE) {
				too_big = 1;
				continue;
			}
			add_line(st, line, len, &in_comment);
		}
		/* st->pend still holds this record's header; a new header found above
		 * is in `line`, valid until the next rd_getline(), and is kept at the end. */
		dy_buf hdr = st->pend;
		if (too_big) {
			rd_skip(r, hl, "record larger than %zu MB, skipped", RD_MAX_LINE >> 20);
			if (st->pend_line) {
				buf_clear(&st->pend);
				buf_append(&st->pend, line, len);
			}
			continue;
		}
		rd_doc_init(r, doc, hl);
		size_t k = lead_digits(hdr.p, hdr.n);
		char d[11];
		if (date_from_tabari(hdr.p, k, d))
			doc->date = arena_strdup(a, d);
		else
			diag_warn(r->dg, r->path, hl,
				  "record date \"%.*s\" is not a valid YYMMDD or YYYYMMDD date, "
				  "kept without a date", (int)(k > 20 ? 20 : k), hdr.p);
		size_t i = k;
		while (i < hdr.n && (hdr.p[i] == ' ' || hdr.p[i] == '\t'))
			i++;
		doc->id = rd_trimdup(a, hdr.p + i, hdr.n - i, RD_MAX_FIELD);
		if (!doc->id)
			doc->id = rd_make_id(r, a, hl);
		const char *t = st->text.p ? st->text.p : "";
		size_t tn = st->text.n;
		while (tn && (unsigned char)*t <= ' ')
			t++, tn--;
		while (tn && (unsigned char)t[tn - 1] <= ' ')
			tn--;
		doc->text = arena_strndup(a, t, tn);
		doc->text_len = tn;
		doc->comment = rd_trimdup(a, st->comment.p, st->comment.n, 0);
		if (st->pend_line) {
			buf_clear(&st->pend);
			buf_append(&st->pend, line, len);
		}
		return 1;
	}
}

const rd_format rd_tabari = { tabari_open, tabari_next, tabari_close };
