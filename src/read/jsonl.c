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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "read_int.h"
#include "../util/xalloc.h"

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

/* ---- Fast path ------------------------------------------------------------
 * Most lines are flat objects of strings (and small integers, true, false,
 * null). Those are read here without building a jansson tree; a line with
 * anything else (nested values, reals, big or numeric ids, escaped keys,
 * duplicate keys, bytes jansson would refuse) goes to jansson, so every
 * document and message is the same as jansson's reading gives. */

enum { FJ_KEYS = 32 };

typedef struct fj_str {
	const char *p;   /* raw bytes between the quotes */
	size_t      n;
	int         esc; /* has a backslash */
} fj_str;

typedef struct fj_line {
	fj_str keys[FJ_KEYS];
	fj_str vals[FJ_KEYS];
	int    is_str[FJ_KEYS];
	int    n;
} fj_line;

static size_t fj_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static int fj_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned fj_hexval(const char *p)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k];
		v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* A string at s[i] == '"': sets *out and returns the index after the closing
 * quote, or 0 when jansson must judge it (control byte, bad escape, a \u
 * that is not a plain BMP character other than NUL, bytes that are not UTF-8). */
static size_t fj_string(const char *s, size_t n, size_t i, fj_str *out)
{
	size_t b = ++i;
	out->esc = 0;
	while (i < n) {
#ifdef __SSE2__
		/* Sixteen bytes a round while they are printable ASCII other than
		 * '"' and '\\', which is most of any text value. */
		while (i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			/* signed: bytes 0x20..0x7F are > 0x1F; controls and >= 0x80 not */
			__m128i bad = _mm_or_si128(
				_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_andnot_si128(bad, _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)))) ^ 0xFFFFu;
			if (m) {
				i += (size_t)__builtin_ctz(m);
				break;
			}
			i += 16;
		}
		if (i >= n)
			break;
#endif
		unsigned char c = (unsigned char)s[i];
		if (c == '"') {
			out->p = s + b;
			out->n = i - b;
			return i + 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			out->esc = 1;
			if (i + 1 >= n)
				return 0;
			char e = s[i + 1];
			if (e == 'u') {
				if (i + 6 > n || !fj_hex(s[i + 2]) || !fj_hex(s[i + 3]) || !fj_hex(s[i + 4]) ||
				    !fj_hex(s[i + 5]))
					return 0;
				unsigned v = fj_hexval(s + i + 2);
				if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
					return 0;
				i += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || !e)
				return 0;
			i += 2;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		/* UTF-8: lead byte, continuation bytes, no overlong, surrogate or
		 * out-of-range form */
		size_t k;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; }
		else return 0;
		if (i + k >= n)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if (((unsigned char)s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		i += k + 1;
	}
	return 0;
}

/* Reads a whole line as a flat object; 0 when jansson must read it. */
static int fj_parse(const char *s, size_t n, fj_line *L)
{
	L->n = 0;
	size_t i = fj_ws(s, n, 0);
	if (i >= n || s[i] != '{')
		return 0;
	i = fj_ws(s, n, i + 1);
	if (i < n && s[i] == '}') {
		i++;
	} else {
		for (;;) {
			if (L->n == FJ_KEYS || i >= n || s[i] != '"')
				return 0;
			fj_str *k = &L->keys[L->n], *v = &L->vals[L->n];
			if (!(i = fj_string(s, n, i, k)) || k->esc)
				return 0;
			for (int q = 0; q < L->n; q++)
				if (L->keys[q].n == k->n && !memcmp(L->keys[q].p, k->p, k->n))
					return 0;   /* a duplicate: jansson's message */
			i = fj_ws(s, n, i);
			if (i >= n || s[i] != ':')
				return 0;
			i = fj_ws(s, n, i + 1);
			if (i >= n)
				return 0;
			L->is_str[L->n] = s[i] == '"';
			if (s[i] == '"') {
				if (!(i = fj_string(s, n, i, v)))
					return 0;
			} else {
				size_t b = i;
				if (n - i >= 4 && (!memcmp(s + i, "true", 4) || !memcmp(s + i, "null", 4)))
					i += 4;
				else if (n - i >= 5 && !memcmp(s + i, "false", 5))
					i += 5;
				else {
					/* a small integer: -?(0|[1-9][0-9]{0,17}) */
					if (s[i] == '-')
						i++;
					size_t d = i;
					while (i < n && s[i] >= '0' && s[i] <= '9')
						i++;
					if (i == d || i - d > 18 || (s[d] == '0' && i - d > 1))
						return 0;
					if (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
						return 0;
				}
				v->p = s + b;
				v->n = i - b;
				v->esc = 0;
			}
			L->n++;
			i = fj_ws(s, n, i);
			if (i < n && s[i] == ',') {
				i = fj_ws(s, n, i + 1);
				continue;
			}
			if (i < n && s[i] == '}') {
				i++;
				break;
			}
			return 0;
		}
	}
	return fj_ws(s, n, i) == n;
}

/* The members fj_doc() reads, found in one walk over the keys (by length,
 * then bytes) instead of one walk per member. Keys are unique (fj_parse). */
enum { FJ_ID, FJ_TEXT, FJ_DATE, FJ_TITLE, FJ_URL, FJ_SOURCE, FJ_NMEMBERS };

static void fj_members(const fj_line *L, int at[FJ_NMEMBERS] /* OUT */)
{
	for (int k = 0; k < FJ_NMEMBERS; k++)
		at[k] = -1;
	for (int q = 0; q < L->n; q++) {
		const char *p = L->keys[q].p;
		switch (L->keys[q].n) {
		case 2: if (!memcmp(p, "id", 2)) at[FJ_ID] = q; break;
		case 3: if (!memcmp(p, "url", 3)) at[FJ_URL] = q; break;
		case 4:
			if (!memcmp(p, "text", 4))
				at[FJ_TEXT] = q;
			else if (!memcmp(p, "date", 4))
				at[FJ_DATE] = q;
			break;
		case 5: if (!memcmp(p, "title", 5)) at[FJ_TITLE] = q; break;
		case 6: if (!memcmp(p, "source", 6)) at[FJ_SOURCE] = q; break;
		default: break;
		}
	}
}

/* Member k (fj_members) or NULL; *is_str tells a string value. */
static const fj_str *fj_get(const fj_line *L, const int at[FJ_NMEMBERS], int k, int *is_str)
{
	int q = at[k];
	if (q < 0)
		return NULL;
	*is_str = L->is_str[q];
	return &L->vals[q];
}

/* The decoded bytes of a string value (escapes resolved); in tmp when it had
 * escapes, else the raw bytes. */
static const char *fj_decode(const fj_str *v, dy_buf *tmp, size_t *len)
{
	if (!v->esc) {
		*len = v->n;
		return v->p;
	}
	buf_clear(tmp);
	for (size_t i = 0; i < v->n; i++) {
		char c = v->p[i];
		if (c != '\\') {
			buf_putc(tmp, c);
			continue;
		}
		char e = v->p[++i];
		switch (e) {
		case 'b': buf_putc(tmp, '\b'); break;
		case 'f': buf_putc(tmp, '\f'); break;
		case 'n': buf_putc(tmp, '\n'); break;
		case 'r': buf_putc(tmp, '\r'); break;
		case 't': buf_putc(tmp, '\t'); break;
		case 'u': {
			unsigned cp = fj_hexval(v->p + i + 1);
			char u[3];
			size_t m;
			if (cp < 0x80) { u[0] = (char)cp; m = 1; }
			else if (cp < 0x800) {
				u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); m = 2;
			} else {
				u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[2] = (char)(0x80 | (cp & 0x3F)); m = 3;
			}
			buf_append(tmp, u, m);
			i += 4;
			break;
		}
		default: buf_putc(tmp, e); break;   /* " \ / */
		}
	}
	*len = tmp->n;
	return tmp->p ? tmp->p : "";
}

static const char *fj_field(dy_arena *a, const fj_line *L, const int at[FJ_NMEMBERS],
                            dy_buf *tmp, int key)
{
	int str;
	const fj_str *v = fj_get(L, at, key, &str);
	if (!v || !str)
		return NULL;
	size_t n;
	const char *s = fj_decode(v, tmp, &n);
	return rd_trimdup(a, s, n, RD_MAX_FIELD);
}

/* Fills doc from a line fj_parse() read; 0 when jansson must read the line
 * after all (a numeric id: jansson's integer form decides it). */
static int fj_doc(dy_reader *r, dy_arena *a, dy_doc *doc, const fj_line *L, long ln, int *skip)
{
	dy_buf *tmp = r->state;
	int str, at[FJ_NMEMBERS];
	*skip = 0;
	fj_members(L, at);
	const fj_str *id = fj_get(L, at, FJ_ID, &str);
	if (id && !str && id->p[0] != 't' && id->p[0] != 'f' && id->p[0] != 'n')
		return 0;
	const fj_str *tv = fj_get(L, at, FJ_TEXT, &str);
	if (!tv || !str) {
		rd_skip(r, ln, "no \"text\" string, line skipped");
		*skip = 1;
		return 1;
	}
	rd_doc_init(r, doc, ln);
	size_t tn;
	const char *text = fj_decode(tv, tmp, &tn);
	doc->text = arena_strndup(a, text, tn);
	doc->text_len = tn;
	doc->id = fj_field(a, L, at, tmp, FJ_ID);
	if (!doc->id)
		doc->id = rd_make_id(r, a, ln);
	const fj_str *dv = fj_get(L, at, FJ_DATE, &str);
	if (dv && str) {
		size_t dn;
		const char *date = fj_decode(dv, tmp, &dn);
		char d[11];
		if (dn) {
			if (date_parse(date, dn, d))
				doc->date = arena_strndup(a, d, 10);
			else
				diag_warn(r->dg, r->path, ln, "invalid date \"%.*s\", kept without a date",
					  (int)(dn < 40 ? dn : 40), date);
		}
	}
	doc->title = fj_field(a, L, at, tmp, FJ_TITLE);
	doc->url = fj_field(a, L, at, tmp, FJ_URL);
	doc->source = fj_field(a, L, at, tmp, FJ_SOURCE);
	return 1;
}

static int jsonl_open(dy_reader *r)
{
	dy_buf *tmp = xcalloc(1, sizeof *tmp);
	r->state = tmp;
	return 1;
}

static void jsonl_close(dy_reader *r)
{
	dy_buf *tmp = r->state;
	if (tmp) {
		buf_free(tmp);
		free(tmp);
	}
	r->state = NULL;
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
		fj_line L;
		if (fj_parse(line, len, &L)) {
			int skip;
			if (fj_doc(r, a, doc, &L, ln, &skip)) {
				if (skip)
					continue;
				return 1;
			}
		}
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

const rd_format rd_jsonl = { jsonl_open, jsonl_next, jsonl_close };
