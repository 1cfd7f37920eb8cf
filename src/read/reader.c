/* SPDX-License-Identifier: MIT */
/* Reader front: opens a file, stdin or memory, detects the format from the first
 * bytes (and the file name's extension when the bytes are ambiguous), and hands
 * each call to the format's own reader. Also the shared helpers of read_int.h:
 * chunked line reading with a length cap, whole-input reading, messages and
 * made-up ids. Exports the reader_*() and format_*() functions of read.h. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read_int.h"
#include "../util/xalloc.h"

#define RD_CHUNK   ((size_t)64 << 10)
#define RD_HEADLEN 4096 /* bytes looked at for detection */

static const char *const format_names[] = {
	"auto", "text", "jsonl", "tabari", "petrarch", "feed", "html", "csv"
};

int format_from_name(const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	if (!strcmp(name, "rss") || !strcmp(name, "atom"))
		return FMT_FEED;
	if (!strcmp(name, "plain") || !strcmp(name, "txt"))
		return FMT_TEXT;
	return -1;
}

const char *format_name(dy_format f)
{
	if ((unsigned)f < sizeof format_names / sizeof *format_names)
		return format_names[f];
	return "unknown";
}

int rd_ieq(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	return n == m && rd_iprefix(s, n, lit);
}

int rd_iprefix(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (n < m)
		return 0;
	for (size_t i = 0; i < m; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
			return 0;
	return 1;
}

/* --- detection --- */

static size_t skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* Skips "<?...?>", "<!--...-->" and whitespace; returns where the first element
 * (or other markup) starts. Sets *decl when an XML declaration was seen. */
static size_t skip_prolog(const char *s, size_t n, size_t i, int *decl)
{
	for (;;) {
		i = skip_space(s, n, i);
		if (i + 1 < n && s[i] == '<' && s[i + 1] == '?') {
			const char *e = memmem(s + i, n - i, "?>", 2);
			*decl = 1;
			if (!e)
				return n;
			i = (size_t)(e - s) + 2;
		} else if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
			const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
			if (!e)
				return n;
			i = (size_t)(e - s) + 3;
		} else {
			return i;
		}
	}
}

/* TABARI record header: 6 or 8 digits, then blanks or '*', then something. */
static int is_tabari_header(const char *s, size_t n)
{
	size_t d = 0;
	while (d < n && isdigit((unsigned char)s[d]))
		d++;
	if (d != 6 && d != 8)
		return 0;
	size_t i = d;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '*'))
		i++;
	return i > d && i < n && !isspace((unsigned char)s[i]);
}

/* A CSV header line (the first line) that names a text column. */
static int is_csv_header(const char *s, size_t n)
{
	if (!memchr(s, ',', n))
		return 0;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != ',')
			j++;
		const char *f = s + i;
		size_t fl = j - i;
		while (fl && isspace((unsigned char)*f))
			f++, fl--;
		while (fl && isspace((unsigned char)f[fl - 1]))
			fl--;
		if (fl >= 2 && f[0] == '"' && f[fl - 1] == '"')
			f++, fl -= 2;
		if (rd_ieq(f, fl, "text") || rd_ieq(f, fl, "body") || rd_ieq(f, fl, "content"))
			return 1;
		i = j + 1;
	}
	return 0;
}

dy_format format_detect(const char *head, size_t n)
{
	size_t i = 0;
	if (!head)
		return FMT_TEXT;
	if (n >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
		i = 3;
	i = skip_space(head, n, i);
	if (i >= n)
		return FMT_TEXT;
	if (head[i] == '{')
		return FMT_JSONL;
	if (head[i] == '<') {
		int decl = 0;
		size_t j = skip_prolog(head, n, i, &decl);
		const char *t = head + j;
		size_t m = n - j;
		if (rd_iprefix(t, m, "<rss") || rd_iprefix(t, m, "<feed") ||
		    rd_iprefix(t, m, "<rdf:RDF"))
			return FMT_FEED;
		if (rd_iprefix(t, m, "<Sentence") || rd_iprefix(t, m, "<Validation"))
			return FMT_PETRARCH;
		if (rd_iprefix(t, m, "<!DOCTYPE html") || rd_iprefix(t, m, "<html") ||
		    rd_iprefix(t, m, "<head") || rd_iprefix(t, m, "<body"))
			return FMT_HTML;
		return decl ? FMT_FEED : FMT_HTML;
	}
	/* Line formats: the first line that is not blank and not a '#' comment. */
	size_t ls = i;
	while (ls < n) {
		const char *nl = memchr(head + ls, '\n', n - ls);
		size_t le = nl ? (size_t)(nl - head) : n;
		size_t len = le - ls;
		if (len && head[ls + len - 1] == '\r')
			len--;
		if (head[ls] == '#') {
			ls = skip_space(head, n, le);
			continue;
		}
		if (is_tabari_header(head + ls, len))
			return FMT_TABARI;
		if (ls == i && is_csv_header(head + ls, len))
			return FMT_CSV;
		break;
	}
	return FMT_TEXT;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);
	return n > m && rd_ieq(path + n - m, m, ext);
}

dy_format format_detect_path(const char *path, const char *head, size_t n)
{
	dy_format f = format_detect(head, n);
	if (f != FMT_TEXT || !path)
		return f;
	if (has_ext(path, ".jsonl") || has_ext(path, ".ndjson") || has_ext(path, ".json"))
		return FMT_JSONL;
	if (has_ext(path, ".csv"))
		return FMT_CSV;
	if (has_ext(path, ".xml") || has_ext(path, ".rss") || has_ext(path, ".atom"))
		return FMT_FEED;
	if (has_ext(path, ".html") || has_ext(path, ".htm") || has_ext(path, ".xhtml"))
		return FMT_HTML;
	return f;
}

/* --- input --- */

static void input_refill(dy_reader *r)
{
	rd_input *in = &r->in;
	if (in->eof)
		return;
	if (in->pos > 0) {
		memmove(in->own.p, in->own.p + in->pos, in->n - in->pos);
		in->n -= in->pos;
		in->pos = 0;
		in->own.n = in->n;
	}
	buf_reserve(&in->own, RD_CHUNK);
	size_t got = fread(in->own.p + in->n, 1, RD_CHUNK, in->fp);
	if (got == 0) {
		if (ferror(in->fp) && !in->failed) {
			in->failed = 1;
			diag_error(r->dg, r->path, 0, "read error: %s", strerror(errno));
		}
		in->eof = 1;
	}
	in->n += got;
	in->own.n = in->n;
	in->own.p[in->n] = '\0';
	in->p = in->own.p;
}

int rd_getline(dy_reader *r, const char **line, size_t *len)
{
	rd_input *in = &r->in;
	size_t scan = in->pos;
	int too_long = 0;
	long start = in->line + 1;
	for (;;) {
		const char *nl = in->n > scan ? memchr(in->p + scan, '\n', in->n - scan) : NULL;
		if (nl || in->eof) {
			size_t end = nl ? (size_t)(nl - in->p) : in->n;
			if (!nl && end == in->pos && !too_long)
				return 0;
			size_t s = in->pos;
			in->pos = nl ? end + 1 : end;
			in->line++;
			if (end - s > RD_MAX_LINE)
				too_long = 1;
			if (too_long) {
				rd_skip(r, start, "line longer than %zu MB, skipped",
					RD_MAX_LINE >> 20);
				too_long = 0;
				start = in->line + 1;
				scan = in->pos;
				if (!nl && in->pos >= in->n)
					return 0;
				continue;
			}
			*line = in->p + s;
			*len = end - s;
			if (*len && (*line)[*len - 1] == '\r')
				(*len)--;
			return 1;
		}
		if (in->n - in->pos > RD_MAX_LINE) {
			/* Drop what is held and keep looking for the line's end. */
			too_long = 1;
			in->pos = in->n;
		}
		size_t kept = in->n - in->pos;
		input_refill(r);
		scan = in->pos + kept;
	}
}

int rd_slurp(dy_reader *r)
{
	rd_input *in = &r->in;
	/* A regular file of known size: room for all of it at once, so that the
	 * buffer is not grown (and copied) again and again while reading. */
	struct stat st;
	if (in->fp && !in->eof && fstat(fileno(in->fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uint64_t)st.st_size <= RD_MAX_INPUT)
		buf_reserve(&in->own, (size_t)st.st_size + RD_CHUNK);
	while (!in->eof) {
		if (in->n - in->pos > RD_MAX_INPUT) {
			rd_skip(r, 0, "input larger than %zu MB, not read", RD_MAX_INPUT >> 20);
			in->pos = in->n;
			return 0;
		}
		input_refill(r);
	}
	if (in->n - in->pos > RD_MAX_INPUT) {
		rd_skip(r, 0, "input larger than %zu MB, not read", RD_MAX_INPUT >> 20);
		in->pos = in->n;
		return 0;
	}
	return !in->failed;
}

void rd_skip(dy_reader *r, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->skipped++;
	diag_error(r->dg, r->path, line, "%s", msg);
}

void rd_doc_init(dy_reader *r, dy_doc *doc, long line)
{
	memset(doc, 0, sizeof *doc);
	doc->file = r->path;
	doc->line = line;
	doc->text = "";
}

const char *rd_make_id(dy_reader *r, dy_arena *a, long line)
{
	char num[24];
	int k = snprintf(num, sizeof num, ":%ld", line);
	size_t m = strlen(r->name);
	char *s = arena_alloc(a, m + (size_t)k + 1);
	memcpy(s, r->name, m);
	memcpy(s + m, num, (size_t)k + 1);
	return s;
}

/* isspace() of the C locale (dyad never sets another), without the library
 * call per byte. */
static inline int rd_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* s[0..n) without leading and trailing whitespace, cut to max (if > 0):
 * its start returned, its length in *n; NULL when nothing is left. */
static inline const char *trim_span(const char *s, size_t *n, size_t max)
{
	size_t m = *n;
	if (!s)
		return NULL;
	while (m && rd_is_space((unsigned char)*s))
		s++, m--;
	while (m && rd_is_space((unsigned char)s[m - 1]))
		m--;
	if (!m)
		return NULL;
	if (max && m > max)
		m = max;
	*n = m;
	return s;
}

char *rd_trimdup(dy_arena *a, const char *s, size_t n, size_t max)
{
	s = trim_span(s, &n, max);
	return s ? arena_strndup(a, s, n) : NULL;
}

char *rd_trimdup_len(dy_arena *a, const char *s, size_t n, size_t max, size_t *len)
{
	s = trim_span(s, &n, max);
	*len = s ? n : 0;
	return s ? arena_strndup(a, s, n) : NULL;
}

/* --- open, next, close --- */

static const rd_format *format_ops(dy_format f)
{
	switch (f) {
	case FMT_JSONL:    return &rd_jsonl;
	case FMT_TABARI:   return &rd_tabari;
	case FMT_PETRARCH: return &rd_petrarch;
	case FMT_FEED:     return &rd_feed;
	case FMT_HTML:     return &rd_html;
	case FMT_CSV:      return &rd_csv;
	case FMT_TEXT:
	case FMT_AUTO:
	default:           return &rd_plain;
	}
}

static dy_reader *reader_new(const char *path, const char *default_date, dy_diag *dg)
{
	dy_reader *r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		r->name = xstrdup("stdin");
	} else {
		const char *b = strrchr(path, '/');
		b = b && b[1] ? b + 1 : path;
		r->name = xstrdup(b);
	}
	r->dg = dg;
	if (default_date && *default_date) {
		if (!date_parse(default_date, strlen(default_date), r->date))
			diag_error(dg, NULL, 0, "invalid date '%s' (expected YYYY-MM-DD), ignored",
				   default_date);
	}
	return r;
}

/* Detects (when asked), skips a byte order mark and opens the format. */
static dy_reader *reader_start(dy_reader *r, dy_format fmt)
{
	rd_input *in = &r->in;
	while (in->fp && !in->eof && in->n - in->pos < RD_HEADLEN)
		input_refill(r);
	size_t avail = in->n - in->pos;
	const char *head = in->p ? in->p + in->pos : "";
	if (fmt == FMT_AUTO || (unsigned)fmt > FMT_CSV)
		fmt = format_detect_path(strcmp(r->path, "-") ? r->path : NULL, head,
					 avail < RD_HEADLEN ? avail : RD_HEADLEN);
	if (avail >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
		in->pos += 3;
	r->fmt = fmt;
	r->ops = format_ops(fmt);
	if (!r->ops->open(r)) {
		reader_close(r);
		return NULL;
	}
	return r;
}

dy_reader *reader_open(const char *path, dy_format fmt, const char *default_date, dy_diag *dg)
{
	if (!path)
		path = "-";
	FILE *fp;
	if (!strcmp(path, "-")) {
		fp = stdin;
	} else {
		fp = fopen(path, "rb");
		if (!fp) {
			diag_error(dg, path, 0, "cannot open: %s", strerror(errno));
			return NULL;
		}
	}
	dy_reader *r = reader_new(path, default_date, dg);
	r->in.fp = fp;
	r->in.own_fp = fp != stdin;
	return reader_start(r, fmt);
}

dy_reader *reader_open_mem(const char *name, const char *data, size_t n, dy_format fmt,
			   const char *default_date, dy_diag *dg)
{
	dy_reader *r = reader_new(name ? name : "-", default_date, dg);
	r->in.p = data ? data : "";
	r->in.n = data ? n : 0;
	r->in.eof = 1;
	dy_reader *ok = reader_start(r, fmt);
	if (!ok) {
		/* Memory input always opens; a format that refused it reads as empty. */
		r = reader_new(name ? name : "-", NULL, dg);
		r->in.p = "";
		r->in.eof = 1;
		r->fmt = fmt == FMT_AUTO ? FMT_TEXT : fmt;
		r->ops = &rd_plain;
		r->done = 1;
		return r;
	}
	return ok;
}

int reader_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	if (!r || r->done)
		return 0;
	if (!r->ops->next(r, a, doc)) {
		r->done = 1;
		return 0;
	}
	/* The --date default stands in for any document that carries no date. */
	if (!doc->date && r->date[0])
		doc->date = arena_strdup(a, r->date);
	return 1;
}

long reader_skipped(const dy_reader *r)
{
	return r ? r->skipped : 0;
}

dy_format reader_format(const dy_reader *r)
{
	return r ? r->fmt : FMT_AUTO;
}

void reader_close(dy_reader *r)
{
	if (!r)
		return;
	if (r->ops && r->ops->close)
		r->ops->close(r);
	if (r->in.fp && r->in.own_fp)
		fclose(r->in.fp);
	buf_free(&r->in.own);
	free(r->path);
	free(r->name);
	free(r);
}
