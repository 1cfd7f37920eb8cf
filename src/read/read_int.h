/* SPDX-License-Identifier: MIT */
/* Internals shared by the readers (not part of the read.h contract): the reader
 * object, its input (a stream read in chunks, or bytes in memory), line reading
 * with a length cap, and one entry per format.
 *
 * Input model: `in.p[in.pos..in.n)` holds the bytes not yet consumed. For a
 * stream they live in `in.own` and are refilled in chunks; for memory input they
 * are the caller's bytes. rd_slurp() brings a stream's whole content in, for the
 * formats that need a parser over the complete text (XML, HTML, CSV, plain). */
#ifndef DY_READ_INT_H
#define DY_READ_INT_H

#include <stdint.h>
#include <stdio.h>

#include "read.h"
#include "../util/buf.h"

/* Limits on what input controls. */
#define RD_MAX_LINE   ((size_t)16 << 20)  /* one JSONL line, TABARI record or CSV record */
#define RD_MAX_INPUT  ((size_t)512 << 20) /* a whole file for the formats read at once */
#define RD_MAX_FIELD  ((size_t)4 << 10)   /* id, date, title, url, source: longer is cut */

typedef struct rd_input {
	FILE       *fp;     /* NULL for memory input */
	int         own_fp; /* fclose at the end (not stdin) */
	const char *p;      /* bytes: p[pos..n) not yet consumed */
	size_t      n, pos;
	dy_buf      own;    /* backing store of p for stream input */
	int         eof;    /* no more bytes will come from fp */
	int         failed; /* a read error happened (reported once) */
	long        line;   /* number of the last line handed out */
} rd_input;

typedef struct rd_format rd_format;

struct dy_reader {
	dy_format        fmt;
	const rd_format *ops;
	char            *path;          /* as given, "-" for stdin: messages */
	char            *name;          /* base name, "stdin": made-up ids */
	char             date[11];      /* default date, "" when none */
	dy_diag         *dg;
	long             skipped;       /* malformed records skipped */
	int              done;          /* next() returns 0 from now on */
	rd_input         in;
	void            *state;         /* the format's own state */
};

struct rd_format {
	/* Prepares reading; returns 0 after reporting when the input cannot be read
	 * at all (reader_open then returns NULL). */
	int  (*open)(dy_reader *r);
	int  (*next)(dy_reader *r, dy_arena *a, dy_doc *doc);
	void (*close)(dy_reader *r);
};

extern const rd_format rd_plain, rd_jsonl, rd_tabari, rd_petrarch, rd_feed, rd_html, rd_csv;

/* Next line without its end ("\n", "\r\n"): 1 with line and len set, valid until
 * the next call; 0 at the end. Lines longer than RD_MAX_LINE are reported,
 * counted as skipped and passed over. r->in.line is the line's number. */
int rd_getline(dy_reader *r, const char **line, size_t *len);

/* Makes the whole remaining input available in r->in.p[r->in.pos..r->in.n).
 * Returns 0 after reporting when it is larger than RD_MAX_INPUT or unreadable. */
int rd_slurp(dy_reader *r);

/* Reports a malformed record at `line` (<= 0: no line) and counts it skipped. */
void rd_skip(dy_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears *doc and sets its file and line. */
void rd_doc_init(dy_reader *r, dy_doc *doc, long line);

/* "NAME:LINE" in the arena. */
const char *rd_make_id(dy_reader *r, dy_arena *a, long line);

/* Copy of s[0..n) with leading and trailing whitespace removed, cut to `max`
 * bytes when max > 0; NULL when nothing is left. */
char *rd_trimdup(dy_arena *a, const char *s, size_t n, size_t max);
/* rd_trimdup() that also gives the copy's length (0 with NULL). */
char *rd_trimdup_len(dy_arena *a, const char *s, size_t n, size_t max, size_t *len /* OUT */);

/* Plain text of an HTML fragment or page body (html.c): tags dropped, block
 * elements end lines, paragraphs separated by blank lines, whitespace inside a
 * paragraph collapsed. Result in the arena, trimmed; never NULL. */
char *html_fragment_text(dy_arena *a, const char *html, size_t n, size_t *len /* OUT */);

/* XML helpers (xml.c). rd_xml_parse() parses the rest of the input (after
 * rd_slurp), reports the first error with its line (counted as one skipped
 * record) and returns what libxml2 could recover, or NULL; free with xmlFreeDoc.
 * Names are compared by local name, case-insensitively. rd_xml_next() walks the
 * tree in document order below `root` (descend 0: skip n's children). Text and
 * attribute values are trimmed copies in the arena, cut to `max` bytes when max > 0,
 * NULL when absent or empty. */
struct _xmlDoc;
struct _xmlNode;
struct _xmlDoc  *rd_xml_parse(dy_reader *r);
int              rd_xml_is(const struct _xmlNode *n, const char *local);
struct _xmlNode *rd_xml_child(const struct _xmlNode *n, const char *local);
struct _xmlNode *rd_xml_next(struct _xmlNode *n, const struct _xmlNode *root, int descend);
char            *rd_xml_text(dy_arena *a, const struct _xmlNode *n, size_t max);
char            *rd_xml_attr(dy_arena *a, const struct _xmlNode *n, const char *name, size_t max);

/* Fast path of the PETRARCH reader (petrarch_scan.c). rd_petr_scan() checks
 * that s[0..n) is a plain PETRARCH file it reads exactly as libxml2 would and
 * notes each <Sentence> in document order (offsets into s; UINT32_MAX: the
 * attribute is absent); 0 when the file needs libxml2. *recs is malloc'ed.
 * rd_petr_value() decodes one attribute value (attr 1) or text (attr 0) as XML
 * does, then trims and cuts it like rd_trimdup(); tmp is scratch space. */
typedef struct rd_petr_rec {
	long     line;                 /* of the start tag's '>' */
	uint32_t id_off, id_len, src_off, src_len, date_off, date_len;
	uint32_t text_off, text_len;   /* raw content of the first <Text> */
	int      has_text;
	/* 1 when the raw bytes are the value as XML reads it (no reference, no
	 * '\r', and for attributes no tab or newline): then rd_trimdup() of
	 * them is what rd_petr_value() gives */
	uint8_t  id_plain, src_plain, date_plain, text_plain;
} rd_petr_rec;
int   rd_petr_scan(const char *s, size_t n, rd_petr_rec **recs /* OUT */, size_t *nrec /* OUT */);
/* 1 (the default): rd_petr_scan() reads tags shaped as the last <Sentence>,
 * and bare <Text> and <Parse>, by its shortcuts; 0: every tag the general
 * way. Only tests and fuzzers set it, to check that both ways agree. */
extern int rd_petr_shortcuts;
char *rd_petr_value(dy_arena *a, dy_buf *tmp, const char *p, size_t n, int attr, size_t max);

/* ASCII case-insensitive comparisons on byte ranges. */
int rd_ieq(const char *s, size_t n, const char *lit);       /* equal */
int rd_iprefix(const char *s, size_t n, const char *lit);   /* s starts with lit */

#endif
