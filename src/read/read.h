/* SPDX-License-Identifier: MIT */
/* Input readers: the first pipeline stage. Every input format (plain text, JSONL,
 * TABARI text records, PETRARCH XML, RSS/Atom feeds, HTML pages) fills the same
 * document record; later stages never see a format.
 *
 * Ownership: every string in a dy_doc lives in the arena passed to reader_next()
 * and is valid until that arena is reset. Text is raw: the normalizer (text/)
 * makes it valid UTF-8 afterwards; readers only undo their own format's escaping
 * (JSON string escapes, XML entities through libxml2). */
#ifndef DY_READ_H
#define DY_READ_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"

typedef enum dy_format {
	FMT_AUTO = 0, /* detect from the content */
	FMT_TEXT,     /* one plain-text document per file */
	FMT_JSONL,    /* one JSON object per line: id, date, text, [title, url, source] */
	FMT_TABARI,   /* "YYMMDD ID" line, text lines, blank line */
	FMT_PETRARCH, /* <Sentence date= id=><Text>...</Text></Sentence> */
	FMT_FEED,     /* RSS 2.0 or Atom: one document per item/entry */
	FMT_HTML      /* one web page: title and main article text */
} dy_format;

typedef struct dy_doc {
	const char *id;       /* never NULL: made from file and record number if absent */
	const char *date;     /* "YYYY-MM-DD", or NULL when unknown */
	const char *source;   /* NULL when unknown */
	const char *url;      /* NULL when unknown */
	const char *title;    /* NULL when unknown */
	const char *text;     /* raw body text, NUL-terminated */
	size_t      text_len;
	const char *file;     /* input path, "-" for stdin: for messages */
	long        line;     /* line (or record number for XML) where the document starts */
} dy_doc;

typedef struct dy_reader dy_reader;

/* Opens `path` ("-" or NULL: stdin) for reading documents of format `fmt`
 * (FMT_AUTO: detected from the first bytes). `default_date` ("YYYY-MM-DD" or NULL)
 * is used for formats that carry no date of their own (plain text when no dateline
 * gives one). Problems are reported through `dg`, which must outlive the reader.
 * Returns NULL, with an error reported, when the file cannot be opened. */
dy_reader *reader_open(const char *path, dy_format fmt, const char *default_date, dy_diag *dg);

/* Fills *doc with the next document, allocating from `a`. Returns 1 when a document
 * was produced, 0 at the end of input. A malformed record is reported (file and
 * line or record number) and skipped; reading goes on. */
int reader_next(dy_reader *r, dy_arena *a, dy_doc *doc);

/* Records that were malformed and skipped so far. */
long reader_skipped(const dy_reader *r);

/* The format in use (after detection). */
dy_format reader_format(const dy_reader *r);

void reader_close(dy_reader *r); /* NULL-safe */

/* "text", "jsonl", "tabari", "petrarch", "feed", "html", "auto" -> format;
 * returns -1 for an unknown name. */
int format_from_name(const char *name);
const char *format_name(dy_format f);

/* Detection on the first bytes of input (exposed for tests). */
dy_format format_detect(const char *head, size_t n);

#endif
