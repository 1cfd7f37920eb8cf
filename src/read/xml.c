/* SPDX-License-Identifier: MIT */
/* XML plumbing shared by the PETRARCH and feed readers: parsing the whole input
 * with libxml2 (recovering after errors, no network, no external DTDs, entities
 * left unexpanded) and reporting the first error with its line, plus walking
 * helpers by local name. Exports the rd_xml_*() functions of read_int.h. */
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "read_int.h"

#define XML_OPTS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | \
		  XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

typedef struct xml_errs {
	dy_reader *r;
	int        n;        /* errors seen */
	long       line;     /* of the first */
	char       msg[256]; /* the first, one line */
} xml_errs;

static void xml_on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	xml_errs *st = ctxt ? ctxt->_private : NULL;
	if (!st || !e || e->level < XML_ERR_ERROR)
		return;
	if (st->n++ == 0) {
		st->line = e->line;
		snprintf(st->msg, sizeof st->msg, "%s", e->message ? e->message : "malformed XML");
		size_t k = strlen(st->msg);
		while (k && (st->msg[k - 1] == '\n' || st->msg[k - 1] == ' '))
			st->msg[--k] = '\0';
	}
}

xmlDocPtr rd_xml_parse(dy_reader *r)
{
	rd_input *in = &r->in;
	size_t n = in->n - in->pos;
	if (n > (size_t)0x7fffffff) {
		rd_skip(r, 0, "XML input too large");
		return NULL;
	}
	xml_errs st;
	memset(&st, 0, sizeof st);
	st.r = r;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		rd_skip(r, 0, "cannot start the XML parser");
		return NULL;
	}
	ctxt->_private = &st;
	ctxt->sax->serror = xml_on_error;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, in->p + in->pos, (int)n, NULL, NULL, XML_OPTS);
	in->pos = in->n;
	if (st.n) {
		if (st.n > 1)
			rd_skip(r, st.line, "malformed XML: %s (and %d more errors); "
				"reading what could be recovered", st.msg, st.n - 1);
		else
			rd_skip(r, st.line, "malformed XML: %s; reading what could be recovered",
				st.msg);
	} else if (!doc) {
		rd_skip(r, 0, "malformed XML");
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int rd_xml_is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       !strcasecmp((const char *)n->name, local);
}

xmlNode *rd_xml_child(const xmlNode *n, const char *local)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (rd_xml_is(c, local))
			return c;
	return NULL;
}

xmlNode *rd_xml_next(xmlNode *n, const xmlNode *root, int descend)
{
	if (!n)
		return NULL;
	if (descend && n->children)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *rd_xml_text(dy_arena *a, const xmlNode *n, size_t max)
{
	if (!n)
		return NULL;
	xmlChar *c = xmlNodeGetContent((xmlNode *)n);
	if (!c)
		return NULL;
	char *s = rd_trimdup(a, (const char *)c, strlen((const char *)c), max);
	xmlFree(c);
	return s;
}

char *rd_xml_attr(dy_arena *a, const xmlNode *n, const char *name, size_t max)
{
	xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = rd_trimdup(a, (const char *)v, strlen((const char *)v), max);
	xmlFree(v);
	return s;
}
