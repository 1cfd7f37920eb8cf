/* SPDX-License-Identifier: MIT */
/* Feed reader: RSS 2.0, RSS 1.0 (RDF) and Atom; one document per <item> or
 * <entry>. Exports rd_feed.
 *
 * Per item: id from <guid> / <id>, else the link; title; url from <link> (Atom:
 * the href of the alternate link); text from content:encoded, <content>,
 * <description> or <summary>, first present wins, with HTML inside turned into
 * plain text (tags dropped, paragraphs kept apart); the title stands in for the
 * text of headline-only items. Date from pubDate (RFC 822), published, dc:date or
 * updated (RFC 3339). Source: the channel's or feed's title. An item with neither
 * text nor title is reported and skipped. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "read_int.h"
#include "../util/xalloc.h"

typedef struct feed_state {
	xmlDocPtr doc;
	xmlNode  *cur;
	int       begun;
	long      found;
	char     *source; /* feed title, owned (xmalloc) */
} feed_state;

/* Text of an element that may hold HTML: escaped markup, CDATA, or (Atom
 * type="xhtml") real child elements. */
static char *markup_text(dy_arena *a, xmlNode *n, size_t *len)
{
	int has_elems = 0;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			has_elems = 1;
	if (has_elems) {
		xmlBufferPtr xb = xmlBufferCreate();
		for (xmlNode *c = n->children; c; c = c->next)
			xmlNodeDump(xb, n->doc, c, 0, 0);
		char *s = html_fragment_text(a, (const char *)xmlBufferContent(xb),
					     (size_t)xmlBufferLength(xb), len);
		xmlBufferFree(xb);
		return s;
	}
	xmlChar *c = xmlNodeGetContent(n);
	if (!c) {
		*len = 0;
		return NULL;
	}
	size_t m = strlen((const char *)c);
	char *s;
	if (memchr(c, '<', m) || memchr(c, '&', m)) {
		s = html_fragment_text(a, (const char *)c, m, len);
	} else {
		s = rd_trimdup(a, (const char *)c, m, 0);
		*len = s ? strlen(s) : 0;
	}
	xmlFree(c);
	return s && *s ? s : NULL;
}

static char *link_of(dy_arena *a, xmlNode *item)
{
	char *fallback = NULL;
	for (xmlNode *c = item->children; c; c = c->next) {
		if (!rd_xml_is(c, "link"))
			continue;
		char *href = rd_xml_attr(a, c, "href", RD_MAX_FIELD);
		if (!href) {
			char *t = rd_xml_text(a, c, RD_MAX_FIELD); /* RSS */
			if (t)
				return t;
			continue;
		}
		char *rel = rd_xml_attr(a, c, "rel", 64);
		if (!rel || !strcmp(rel, "alternate"))
			return href;
		if (!fallback)
			fallback = href;
	}
	return fallback;
}

static int feed_open(dy_reader *r)
{
	if (!rd_slurp(r))
		return 0;
	feed_state *st = xcalloc(1, sizeof *st);
	r->state = st;
	st->doc = rd_xml_parse(r);
	if (!st->doc)
		return 1;
	xmlNode *root = xmlDocGetRootElement(st->doc);
	xmlNode *holder = rd_xml_is(root, "feed") ? root : rd_xml_child(root, "channel");
	xmlNode *title = holder ? rd_xml_child(holder, "title") : NULL;
	if (title) {
		xmlChar *t = xmlNodeGetContent(title);
		if (t) {
			dy_arena tmp;
			arena_init(&tmp);
			char *s = rd_trimdup(&tmp, (const char *)t, strlen((const char *)t),
					     RD_MAX_FIELD);
			if (s)
				st->source = xstrdup(s);
			arena_free(&tmp);
			xmlFree(t);
		}
	}
	return 1;
}

static void feed_close(dy_reader *r)
{
	feed_state *st = r->state;
	if (!st)
		return;
	if (st->doc)
		xmlFreeDoc(st->doc);
	free(st->source);
	free(st);
	r->state = NULL;
}

static int is_item(const xmlNode *n)
{
	return rd_xml_is(n, "item") || rd_xml_is(n, "entry");
}

static int feed_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	feed_state *st = r->state;
	if (!st->doc)
		return 0;
	xmlNode *root = (xmlNode *)st->doc;
	for (;;) {
		xmlNode *n;
		if (!st->begun) {
			st->begun = 1;
			n = st->doc->children;
		} else {
			n = rd_xml_next(st->cur, root, !is_item(st->cur));
		}
		st->cur = n;
		if (!n) {
			if (!st->found)
				diag_warn(r->dg, r->path, 0, "no <item> or <entry> elements found");
			return 0;
		}
		if (!is_item(n))
			continue;
		st->found++;
		long line = xmlGetLineNo(n);
		rd_doc_init(r, doc, line);
		static const char *const bodies[] = {
			"encoded", "content", "description", "summary", NULL
		};
		char *text = NULL;
		size_t tn = 0;
		for (const char *const *b = bodies; *b && !text; b++) {
			xmlNode *c = rd_xml_child(n, *b);
			if (c)
				text = markup_text(a, c, &tn);
		}
		xmlNode *tnode = rd_xml_child(n, "title");
		size_t tl = 0;
		doc->title = tnode ? markup_text(a, tnode, &tl) : NULL;
		if (doc->title && tl > RD_MAX_FIELD)
			((char *)doc->title)[RD_MAX_FIELD] = '\0';
		if (!text && doc->title) {
			text = (char *)doc->title;
			tn = strlen(text);
		}
		if (!text) {
			rd_skip(r, line, "<%s> without text or title, skipped", (const char *)n->name);
			continue;
		}
		doc->text = text;
		doc->text_len = tn;
		doc->url = link_of(a, n);
		doc->id = rd_xml_text(a, rd_xml_child(n, "guid"), RD_MAX_FIELD);
		if (!doc->id)
			doc->id = rd_xml_text(a, rd_xml_child(n, "id"), RD_MAX_FIELD);
		if (!doc->id)
			doc->id = doc->url;
		if (!doc->id)
			doc->id = rd_make_id(r, a, line);
		static const char *const dates[] = {
			"pubDate", "published", "date", "issued", "updated", "modified", NULL
		};
		for (const char *const *dn = dates; *dn && !doc->date; dn++) {
			char *ds = rd_xml_text(a, rd_xml_child(n, *dn), 128);
			char d[11];
			if (!ds)
				continue;
			if (date_parse(ds, strlen(ds), d))
				doc->date = arena_strdup(a, d);
			else
				diag_warn(r->dg, r->path, line, "invalid date \"%s\" in <%s>", ds, *dn);
		}
		if (st->source)
			doc->source = arena_strdup(a, st->source);
		return 1;
	}
}

const rd_format rd_feed = { feed_open, feed_next, feed_close };
