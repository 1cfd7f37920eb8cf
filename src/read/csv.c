/* SPDX-License-Identifier: MIT */
/* CSV reader (RFC 4180): comma-separated, fields optionally in double quotes,
 * a doubled quote inside quotes is one quote, quoted fields may hold commas and
 * line breaks; CRLF or LF line ends. The header row is required. Exports rd_csv.
 *
 * Columns, matched case-insensitively: `text` (else `body`, else `content`) is
 * the text and must exist; `id` (else the first column when its header is empty,
 * as R's write.csv leaves it), `date`, `title`, `url` (or `link`), `source`.
 * Each row is one document. A row whose field count differs from the header's,
 * or an unterminated quoted field, is reported with its line and skipped; a
 * missing id becomes "NAME:LINE"; an invalid date draws a warning and the row
 * is kept without a date. A record is at most RD_MAX_LINE bytes. */
#include <stdlib.h>
#include <string.h>

#include "read_int.h"
#include "../util/xalloc.h"

#define CSV_MAX_COLS 4096

enum { COL_TEXT, COL_ID, COL_DATE, COL_TITLE, COL_URL, COL_SOURCE, COL_N };

typedef struct csv_field {
	size_t off, len; /* in st->rec */
} csv_field;

typedef struct csv_state {
	int        col[COL_N]; /* column index, -1 when absent */
	size_t     n_cols;     /* header width */
	dy_buf     rec;        /* the current record's unquoted fields, back to back */
	csv_field *f;
	size_t     n_f, cap_f;
	int        ok;         /* header read and usable */
} csv_state;

/* Reads one record starting at in->pos into st->rec / st->f. Returns 1 with a
 * record, 0 at the end, -1 for a malformed record (reported, skipped). */
static int csv_record(dy_reader *r, csv_state *st, long *line_out)
{
	rd_input *in = &r->in;
	const char *p = in->p;
	size_t n = in->n, i = in->pos;
	long line = in->line + 1;
	*line_out = line;
	if (i >= n)
		return 0;
	buf_clear(&st->rec);
	buf_reserve(&st->rec, 64); /* rec.p is never NULL below */
	st->n_f = 0;
	int too_big = 0, bad = 0;
	for (;;) {
		/* One field. */
		size_t start = st->rec.n;
		if (i < n && p[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					bad = 1;
					break;
				}
				if (p[i] == '"') {
					if (i + 1 < n && p[i + 1] == '"') {
						buf_putc(&st->rec, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				/* Copy the run up to the next quote in one step. */
				const char *q = memchr(p + i, '"', n - i);
				size_t run = (q ? (size_t)(q - p) : n) - i; /* >= 1 */
				const char *end = p + i + run, *nl = p + i;
				while ((nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL) {
					in->line++;
					nl++;
				}
				if (st->rec.n + run > RD_MAX_LINE) {
					too_big = 1;
					buf_clear(&st->rec);
					start = 0;
				} else {
					buf_append(&st->rec, p + i, run);
				}
				i += run;
			}
			/* Text after the closing quote up to the separator is kept as is:
			 * lenient with writers that break the rule. */
		}
		size_t j = i;
		while (j < n && p[j] != ',' && p[j] != '\n')
			j++;
		size_t run = j - i;
		if (run && p[j - 1] == '\r' && (j == n || p[j] == '\n'))
			run--; /* CRLF line end */
		if (st->rec.n + run > RD_MAX_LINE) {
			too_big = 1;
			buf_clear(&st->rec);
			start = 0;
		} else {
			buf_append(&st->rec, p + i, run);
		}
		i = j;
		if (st->n_f == st->cap_f) {
			st->cap_f = st->cap_f ? 2 * st->cap_f : 16;
			st->f = xrealloc(st->f, st->cap_f * sizeof *st->f);
		}
		if (st->n_f < CSV_MAX_COLS + 1)
			st->f[st->n_f++] = (csv_field){ start, st->rec.n - start };
		if (i < n && p[i] == ',') {
			i++;
			continue;
		}
		if (i < n) /* '\n' */
			i++;
		break;
	}
	in->line++;
	in->pos = i;
	if (bad) {
		rd_skip(r, line, "unterminated quoted field, record skipped");
		return -1;
	}
	if (too_big) {
		rd_skip(r, line, "record larger than %zu MB, skipped", RD_MAX_LINE >> 20);
		return -1;
	}
	return 1;
}

static int blank_record(const csv_state *st)
{
	return st->n_f == 1 && st->f[0].len == 0;
}

static void csv_close(dy_reader *r)
{
	csv_state *st = r->state;
	if (!st)
		return;
	buf_free(&st->rec);
	free(st->f);
	free(st);
	r->state = NULL;
}

static int csv_open(dy_reader *r)
{
	if (!rd_slurp(r))
		return 0;
	csv_state *st = xcalloc(1, sizeof *st);
	r->state = st;
	for (int c = 0; c < COL_N; c++)
		st->col[c] = -1;
	long line;
	int rc;
	while ((rc = csv_record(r, st, &line)) != 0 && (rc < 0 || blank_record(st)))
		;
	if (rc == 0) {
		diag_warn(r->dg, r->path, 0, "empty CSV input: no header row");
		return 1;
	}
	if (st->n_f > CSV_MAX_COLS) {
		rd_skip(r, line, "more than %d columns in the header", CSV_MAX_COLS);
		return 1;
	}
	st->n_cols = st->n_f;
	static const char *const names[][3] = {
		[COL_TEXT] = { "text", "body", "content" },
		[COL_ID] = { "id", NULL, NULL },
		[COL_DATE] = { "date", NULL, NULL },
		[COL_TITLE] = { "title", "headline", NULL },
		[COL_URL] = { "url", "link", NULL },
		[COL_SOURCE] = { "source", NULL, NULL },
	};
	for (int c = 0; c < COL_N; c++) {
		/* Earlier synonyms win: "text" over "body" over "content". */
		for (int k = 0; k < 3 && names[c][k] && st->col[c] < 0; k++) {
			for (size_t j = 0; j < st->n_f; j++) {
				const char *h = st->rec.p + st->f[j].off;
				size_t hl = st->f[j].len;
				while (hl && (*h == ' ' || *h == '\t'))
					h++, hl--;
				while (hl && (h[hl - 1] == ' ' || h[hl - 1] == '\t'))
					hl--;
				if (rd_ieq(h, hl, names[c][k])) {
					st->col[c] = (int)j;
					break;
				}
			}
		}
	}
	if (st->col[COL_ID] < 0 && st->f[0].len == 0 && st->col[COL_TEXT] != 0)
		st->col[COL_ID] = 0;
	if (st->col[COL_TEXT] < 0) {
		rd_skip(r, line, "CSV header has no text column (text, body or content)");
		return 1;
	}
	st->ok = 1;
	return 1;
}

static const char *field(dy_arena *a, csv_state *st, int c, size_t max)
{
	if (st->col[c] < 0)
		return NULL;
	csv_field f = st->f[st->col[c]];
	return rd_trimdup(a, st->rec.p + f.off, f.len, max);
}

static int csv_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	csv_state *st = r->state;
	if (!st->ok)
		return 0;
	long line;
	int rc;
	while ((rc = csv_record(r, st, &line)) != 0) {
		if (rc < 0 || blank_record(st))
			continue;
		if (st->n_f != st->n_cols) {
			rd_skip(r, line, "%zu fields where the header has %zu, record skipped",
				st->n_f, st->n_cols);
			continue;
		}
		rd_doc_init(r, doc, line);
		csv_field t = st->f[st->col[COL_TEXT]];
		doc->text = arena_strndup(a, st->rec.p + t.off, t.len);
		doc->text_len = t.len;
		doc->id = field(a, st, COL_ID, RD_MAX_FIELD);
		if (!doc->id)
			doc->id = rd_make_id(r, a, line);
		const char *date = field(a, st, COL_DATE, 128);
		char d[11];
		if (date) {
			if (date_parse(date, strlen(date), d))
				doc->date = arena_strdup(a, d);
			else
				diag_warn(r->dg, r->path, line,
					  "invalid date \"%s\", kept without a date", date);
		}
		doc->title = field(a, st, COL_TITLE, RD_MAX_FIELD);
		doc->url = field(a, st, COL_URL, RD_MAX_FIELD);
		doc->source = field(a, st, COL_SOURCE, RD_MAX_FIELD);
		return 1;
	}
	return 0;
}

const rd_format rd_csv = { csv_open, csv_next, csv_close };
