/* SPDX-License-Identifier: MIT */
/* PETRARCH XML reader: one document per <Sentence> element, wherever it sits
 * (<Sentences> files, <Validation> suites). id, date (YYYYMMDD) and source come
 * from the attributes, the text from the <Text> child; <Parse> is ignored. The
 * expected events of validation records (<EventCoding>) go to doc->comment in
 * TABARI's notation, so one validation command serves both suites. A <Sentence> without <Text> is reported and skipped. A malformed
 * file is reported with its first error's line; the sentences libxml2 recovers
 * are still read. Exports rd_petrarch. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "read_int.h"
#include "../util/xalloc.h"

typedef struct petr_state {
	xmlDocPtr doc;
	xmlNode  *cur;   /* last node visited */
	int       begun;
	long      found; /* <Sentence> elements seen */
	/* fast path (petrarch_scan.c): the sentences found by the scanner */
	const char  *base;
	rd_petr_rec *recs;
	size_t       nrec, next;
	dy_buf       tmp;
} petr_state;

static int petr_open(dy_reader *r)
{
	if (!rd_slurp(r))
		return 0;
	petr_state *st = xcalloc(1, sizeof *st);
	r->state = st;
	rd_input *in = &r->in;
	if (rd_petr_scan(in->p + in->pos, in->n - in->pos, &st->recs, &st->nrec)) {
		st->base = in->p + in->pos;
		in->pos = in->n;
		return 1;
	}
	st->doc = rd_xml_parse(r);
	return 1;
}

static void petr_close(dy_reader *r)
{
	petr_state *st = r->state;
	if (!st)
		return;
	if (st->doc)
		xmlFreeDoc(st->doc);
	free(st->recs);
	buf_free(&st->tmp);
	free(st);
	r->state = NULL;
}

/* The date attribute, kept when valid (both paths). */
static void petr_date(dy_reader *r, dy_arena *a, dy_doc *doc, const char *date, long line)
{
	char d[11];
	if (!date)
		return;
	if (date_parse(date, strlen(date), d))
		doc->date = arena_strndup(a, d, 10);
	else
		diag_warn(r->dg, r->path, line, "invalid date \"%s\", kept without a date", date);
}

/* isspace() of the C locale, as rd_trimdup() trims. */
static inline int rd_blank_end(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static char *rec_value(petr_state *st, dy_arena *a, uint32_t off, uint32_t len, int plain,
                       size_t max)
{
	if (off == UINT32_MAX)
		return NULL;
	if (plain) {   /* the scanner saw nothing to decode */
		const char *p = st->base + off;
		/* most values have no blank at either end, and are short:
		 * copied as rd_trimdup() would, without its trimming loops */
		if (len && len <= max && !rd_blank_end(p[0]) && !rd_blank_end(p[len - 1]))
			return arena_strndup(a, p, len);
		return rd_trimdup(a, p, len, max);
	}
	return rd_petr_value(a, &st->tmp, st->base + off, len, 1, max);
}

/* The date attribute straight from its raw bytes when they need no decoding:
 * what petr_date() would keep, without copying the raw value first. 0 when
 * the general way must judge it (and maybe warn). */
static int rec_date_plain(petr_state *st, dy_arena *a, const rd_petr_rec *k, dy_doc *doc)
{
	if (k->date_off == UINT32_MAX || !k->date_plain || k->date_len > 64)
		return 0;
	const char *p = st->base + k->date_off;
	size_t n = k->date_len;
	while (n && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
		p++, n--;
	if (!n)
		return 1;   /* blank: no date, as rd_trimdup() gives NULL */
	if (n == 8) {
		/* "YYYYMMDD", as PETRARCH files write dates: the digits are the
		 * answer's, with dashes put in (date_parse() would print the same
		 * numbers back) */
		int all = 1;
		for (int j = 0; j < 8; j++)
			all &= p[j] >= '0' && p[j] <= '9';
		if (all) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			int m = (p[4] - '0') * 10 + (p[5] - '0'), dd = (p[6] - '0') * 10 + (p[7] - '0');
			if (date_valid(y, m, dd)) {
				char *o = arena_alloc(a, 11);
				memcpy(o, p, 4);
				o[4] = '-';
				o[5] = p[4];
				o[6] = p[5];
				o[7] = '-';
				o[8] = p[6];
				o[9] = p[7];
				o[10] = '\0';
				doc->date = o;
				return 1;
			}
		}
	}
	char d[11];
	if (!date_parse(p, n, d))
		return 0;
	doc->date = arena_strndup(a, d, 10);
	return 1;
}

static int petr_next_fast(dy_reader *r, petr_state *st, dy_arena *a, dy_doc *doc)
{
	while (st->next < st->nrec) {
		const rd_petr_rec *k = &st->recs[st->next++];
		st->found++;
		if (!k->has_text) {
			rd_skip(r, k->line, "<Sentence> without <Text>, skipped");
			continue;
		}
		rd_doc_init(r, doc, k->line);
		if (k->text_plain) {
			/* the scanner let no NUL through: the length is the copy's */
			size_t len;
			char *text = rd_trimdup_len(a, st->base + k->text_off, k->text_len, 0, &len);
			doc->text = text ? text : "";
			doc->text_len = len;
		} else {
			char *text = rd_petr_value(a, &st->tmp, st->base + k->text_off, k->text_len, 0, 0);
			doc->text = text ? text : "";
			doc->text_len = strlen(doc->text);
		}
		doc->id = rec_value(st, a, k->id_off, k->id_len, k->id_plain, RD_MAX_FIELD);
		if (!doc->id)
			doc->id = rd_make_id(r, a, k->line);
		doc->source = rec_value(st, a, k->src_off, k->src_len, k->src_plain, RD_MAX_FIELD);
		if (!rec_date_plain(st, a, k, doc))
			petr_date(r, a, doc, rec_value(st, a, k->date_off, k->date_len, k->date_plain, 64),
			          k->line);
		return 1;
	}
	if (!st->found)
		diag_warn(r->dg, r->path, 0, "no <Sentence> elements found");
	return 0;
}

/* The validation records' <EventCoding> children, written the way TABARI
 * validation comments write expected events, one per line: "{ SRC / TGT / CODE }",
 * "{---}" for noevents, "error: TEXT". NULL when there are none. */
static const char *expected_events(dy_arena *a, xmlNode *sent)
{
	dy_buf b = DY_BUF_INIT;
	for (xmlNode *c = sent->children; c; c = c->next) {
		if (!rd_xml_is(c, "EventCoding"))
			continue;
		char *src = rd_xml_attr(a, c, "sourcecode", 256);
		char *tgt = rd_xml_attr(a, c, "targetcode", 256);
		char *code = rd_xml_attr(a, c, "eventcode", 64);
		char *err = rd_xml_attr(a, c, "error", 1024);
		xmlChar *none = xmlGetProp(c, (const xmlChar *)"noevents");
		if (b.n)
			buf_putc(&b, '\n');
		if (none)
			buf_puts(&b, "{---}");
		else if (err)
			buf_printf(&b, "error: %s", err);
		else
			buf_printf(&b, "{ %s / %s / %s }", src ? src : "", tgt ? tgt : "",
				   code ? code : "");
		xmlFree(none);
	}
	const char *r = b.n ? arena_strndup(a, b.p, b.n) : NULL;
	buf_free(&b);
	return r;
}

static int petr_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	petr_state *st = r->state;
	if (st->recs || (st->base && !st->doc))
		return petr_next_fast(r, st, a, doc);
	if (!st->doc)
		return 0;
	xmlNode *root = (xmlNode *)st->doc;
	for (;;) {
		xmlNode *n;
		if (!st->begun) {
			st->begun = 1;
			n = st->doc->children;
		} else {
			/* Never look inside a <Sentence> for more sentences. */
			n = rd_xml_next(st->cur, root, !rd_xml_is(st->cur, "Sentence"));
		}
		st->cur = n;
		if (!n) {
			if (!st->found)
				diag_warn(r->dg, r->path, 0, "no <Sentence> elements found");
			return 0;
		}
		if (!rd_xml_is(n, "Sentence"))
			continue;
		st->found++;
		long line = xmlGetLineNo(n);
		xmlNode *t = rd_xml_child(n, "Text");
		if (!t) {
			rd_skip(r, line, "<Sentence> without <Text>, skipped");
			continue;
		}
		rd_doc_init(r, doc, line);
		char *text = rd_xml_text(a, t, 0);
		doc->text = text ? text : "";
		doc->text_len = strlen(doc->text);
		doc->id = rd_xml_attr(a, n, "id", RD_MAX_FIELD);
		if (!doc->id)
			doc->id = rd_make_id(r, a, line);
		doc->source = rd_xml_attr(a, n, "source", RD_MAX_FIELD);
		doc->comment = expected_events(a, n);
		petr_date(r, a, doc, rd_xml_attr(a, n, "date", 64), line);
		return 1;
	}
}

const rd_format rd_petrarch = { petr_open, petr_next, petr_close };
