/* SPDX-License-Identifier: MIT */
/* Input readers: the first pipeline stage. Every input format (plain text, JSONL,
 * TABARI text records, PETRARCH XML, RSS/Atom feeds, HTML pages, CSV tables)
 * fills the same document record; later stages never see a format.
 *
 * Ids made up when the input gives none: "FILE:LINE" (JSONL, TABARI, CSV) or the
 * file's base name (plain text, HTML); "stdin" stands for standard input.
 * TABARI two-digit years pivot as TABARI does: 00-30 are 2000-2030, 31-99 are
 * 1931-1999; eight-digit dates (TABARI's YYYY mode) are taken as YYYYMMDD.
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
	FMT_HTML,     /* one web page: title and main article text */
	FMT_CSV       /* RFC 4180 table with a header row and a text column */
} dy_format;

typedef struct dy_doc {
	const char *id;       /* never NULL: made from file and record number if absent */
	const char *date;     /* "YYYY-MM-DD", or NULL when unknown */
	const char *source;   /* NULL when unknown */
	const char *url;      /* NULL when unknown */
	const char *title;    /* NULL when unknown */
	const char *text;     /* raw body text, NUL-terminated */
	size_t      text_len;
	const char *comment;  /* expected events of validation records, else NULL.
	                       * TABARI: the text of the record's comments (between
	                       * slash-star and star-slash), as written. PETRARCH: one
	                       * line per <EventCoding>: "{ SRC / TGT / CODE }", "{---}"
	                       * for noevents, "error: TEXT" */
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

/* Like reader_open() over bytes already in memory (tests, fuzzing, callers that
 * fetched a page). `name` is used in messages and made-up ids; `data` must stay
 * valid until reader_close(). Never returns NULL. */
dy_reader *reader_open_mem(const char *name, const char *data, size_t n, dy_format fmt,
			   const char *default_date, dy_diag *dg);

/* "text", "jsonl", "tabari", "petrarch", "feed" (also "rss", "atom"), "html",
 * "csv", "auto" -> format; returns -1 for an unknown name. */
int format_from_name(const char *name);
const char *format_name(dy_format f);

/* Detection on the first bytes of input (exposed for tests). Never returns FMT_AUTO:
 * FMT_TEXT when nothing else fits. */
dy_format format_detect(const char *head, size_t n);

/* format_detect(), then the file name's extension (.jsonl, .ndjson, .json, .csv,
 * .xml, .rss, .atom, .html, .htm) decides when the content looked like plain text.
 * `path` may be NULL. */
dy_format format_detect_path(const char *path, const char *head, size_t n);

/* Date helpers shared by the readers (date.c). Each writes "YYYY-MM-DD" and a NUL
 * into out[11] and returns 1, or returns 0 when s[0..n) is not a valid date.
 * date_parse() accepts "YYYY-MM-DD", "YYYYMMDD", ISO 8601 / RFC 3339 timestamps
 * (the date part is kept as written, no time zone shift), RFC 822 dates
 * ("Tue, 16 Apr 2024 09:00:00 GMT"), "16 April 2024" and "April 16, 2024". */
int date_parse(const char *s, size_t n, char out[11]);
/* TABARI's YYMMDD with its pivot (00-30 -> 20xx), or YYYYMMDD. */
int date_from_tabari(const char *s, size_t n, char out[11]);
/* 1 when y-m-d is a real calendar day (years 1000-9999). */
int date_valid(int y, int m, int d);

#endif
