/* SPDX-License-Identifier: MIT */
/* HTML reader: one web page is one document. Exports rd_html and
 * html_fragment_text() (read_int.h; the feed reader uses it for HTML inside
 * item descriptions).
 *
 * Model: libxml2's forgiving HTML parser builds a tree (no network, no error
 * output). The article is the <article> with the most paragraph text when the
 * page has one; otherwise the element whose <p> children (and, at half weight,
 * grandchildren) hold the most text. Its paragraphs are joined with blank
 * lines. Never taken: nav, header, footer, aside, menus, forms, scripts, styles,
 * figure captions, elements whose class or id names boilerplate (cookie notices,
 * share buttons, newsletter sign-ups, related links, comments), and short
 * paragraphs that are boilerplate phrases ("Share this", "Sign up for ...").
 * A page without paragraphs gives the text of its body under the same rules.
 *
 * Metadata: title from <title> (else og:title); date from article:published_time,
 * other publication-date metas, or the first <time datetime>; url from the
 * canonical link or og:url; source from og:site_name. The id is the file's base
 * name. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read_int.h"
#include "../util/xalloc.h"

#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
		   HTML_PARSE_NONET)
#define HTML_MAX_DEPTH 200 /* deeper subtrees are ignored: bounded recursion */

static int name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       !strcasecmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (name_is(n, *names))
			return 1;
	return 0;
}

static const char *const never_text[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "object",
	"embed", "canvas", "select", "button", "head", NULL
};
static const char *const page_chrome[] = {
	"nav", "header", "footer", "aside", "form", "menu", "figcaption", "dialog",
	"title", NULL
};
static const char *const block_tags[] = {
	"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
	"table", "section", "article", "blockquote", "pre", "dd", "dt", "dl",
	"main", "figure", "hr", "address", "center", NULL
};

/* Sub-words of class and id values that mark boilerplate containers. */
static const char *const chrome_words[] = {
	"cookie", "cookies", "consent", "share", "sharing", "social", "newsletter",
	"subscribe", "subscription", "signup", "related", "promo", "advert",
	"advertisement", "ad", "ads", "banner", "breadcrumb", "breadcrumbs", "menu",
	"sidebar", "footer", "nav", "navigation", "navbar", "popup", "modal",
	"comment", "comments", "byline", "credit", "credits", "outbrain", "taboola", NULL
};

static int attr_has_chrome_word(const char *v)
{
	char w[64];
	size_t k = 0;
	for (const char *p = v;; p++) {
		if (*p && (isalnum((unsigned char)*p))) {
			if (k < sizeof w - 1)
				w[k++] = (char)tolower((unsigned char)*p);
			continue;
		}
		if (k) {
			w[k] = '\0';
			for (const char *const *c = chrome_words; *c; c++)
				if (!strcmp(w, *c))
					return 1;
			k = 0;
		}
		if (!*p)
			return 0;
	}
}

static int is_chrome(const xmlNode *n)
{
	if (name_in(n, page_chrome))
		return 1;
	if (name_is(n, "article") || name_is(n, "main") || name_is(n, "body") ||
	    name_is(n, "html"))
		return 0;
	static const char *const attrs[] = { "class", "id", "role", NULL };
	for (const char *const *a = attrs; *a; a++) {
		xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)*a);
		if (v) {
			int bad = attr_has_chrome_word((const char *)v);
			xmlFree(v);
			if (bad)
				return 1;
		}
	}
	return 0;
}

/* --- text with collapsed whitespace --- */

typedef struct text_out {
	dy_buf *b;
	int     pend; /* separator owed before the next character: 0, 1 ' ', 2 '\n', 3 "\n\n" */
	int     page; /* leave out page chrome too */
} text_out;

static void out_sep(text_out *o, int sep)
{
	if (sep > o->pend)
		o->pend = sep;
}

static void out_text(text_out *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			out_sep(o, 1);
			continue;
		}
		if (o->b->n && o->pend)
			buf_puts(o->b, o->pend == 3 ? "\n\n" : o->pend == 2 ? "\n" : " ");
		o->pend = 0;
		buf_putc(o->b, (char)c);
	}
}

static void walk_text(text_out *o, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				out_text(o, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || depth > HTML_MAX_DEPTH)
			continue;
		if (name_in(n, never_text) || (o->page && is_chrome(n)))
			continue;
		if (name_is(n, "br")) {
			out_sep(o, 2);
			continue;
		}
		int block = name_in(n, block_tags);
		if (block)
			out_sep(o, 3);
		walk_text(o, n->children, depth + 1);
		if (block)
			out_sep(o, 3);
	}
}

static htmlDocPtr html_parse(const char *s, size_t n)
{
	if (n > (size_t)0x7fffffff)
		n = 0x7fffffff;
	return htmlReadMemory(s, (int)n, NULL, NULL, HTML_OPTS);
}

char *html_fragment_text(dy_arena *a, const char *html, size_t n, size_t *len)
{
	dy_buf b = DY_BUF_INIT;
	if (n) {
		htmlDocPtr doc = html_parse(html, n);
		if (doc) {
			text_out o = { &b, 0, 0 };
			walk_text(&o, doc->children, 0);
			xmlFreeDoc(doc);
		}
	}
	char *r = arena_strndup(a, b.p ? b.p : "", b.n);
	*len = b.n;
	buf_free(&b);
	return r;
}

/* --- page --- */

static const char *const boiler_phrases[] = {
	"cookie", "share this", "share on", "sign up", "subscribe", "newsletter",
	"all rights reserved", "advertisement", "read more", "follow us", "click here",
	"privacy policy", "terms of use", "terms of service", "copyright", "javascript",
	NULL
};

static int boilerplate_para(const char *s, size_t n)
{
	if (n > 160)
		return 0;
	for (const char *const *p = boiler_phrases; *p; p++) {
		size_t m = strlen(*p);
		for (size_t i = 0; i + m <= n; i++)
			if (rd_iprefix(s + i, n - i, *p))
				return 1;
	}
	return 0;
}

typedef struct page_scan {
	xmlNode **paras;     /* <p> elements outside chrome, in order */
	size_t    n_paras, cap;
	xmlNode  *best_article;
	size_t    best_article_len;
	xmlNode  *title, *time;
	xmlNode  *body, *root;
	char     *og_title, *date, *url, *site;
} page_scan;

static char *prop(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

static void take_meta(page_scan *ps, const xmlNode *n)
{
	char *key = prop(n, "property");
	if (!key)
		key = prop(n, "name");
	if (!key)
		key = prop(n, "itemprop");
	char *content = prop(n, "content");
	if (key && content) {
		char **slot = NULL;
		if (!strcasecmp(key, "og:title"))
			slot = &ps->og_title;
		else if (!strcasecmp(key, "article:published_time") ||
			 !strcasecmp(key, "og:published_time") ||
			 !strcasecmp(key, "datePublished") || !strcasecmp(key, "date") ||
			 !strcasecmp(key, "pubdate") || !strcasecmp(key, "publishdate") ||
			 !strcasecmp(key, "dc.date.issued") || !strcasecmp(key, "dc.date"))
			slot = &ps->date;
		else if (!strcasecmp(key, "og:url"))
			slot = &ps->url;
		else if (!strcasecmp(key, "og:site_name"))
			slot = &ps->site;
		/* article:published_time wins over the other date metas */
		if (slot == &ps->date && ps->date && strcasecmp(key, "article:published_time"))
			slot = NULL;
		if (slot) {
			xmlFree(*slot);
			*slot = content;
			content = NULL;
		}
	}
	xmlFree(key);
	xmlFree(content);
}

static size_t para_len(const xmlNode *p)
{
	xmlChar *c = xmlNodeGetContent((xmlNode *)p);
	size_t n = 0;
	if (c) {
		for (const xmlChar *s = c; *s; s++)
			if (!isspace(*s))
				n++;
		xmlFree(c);
	}
	return n;
}

static void scan_page(page_scan *ps, xmlNode *n, int depth, int in_chrome)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || depth > HTML_MAX_DEPTH)
			continue;
		if (name_is(n, "meta")) {
			take_meta(ps, n);
			continue;
		}
		if (name_is(n, "title") && !ps->title) {
			ps->title = n;
			continue;
		}
		if (name_is(n, "link")) {
			char *rel = prop(n, "rel");
			if (rel && !strcasecmp(rel, "canonical") && !ps->url)
				ps->url = prop(n, "href");
			xmlFree(rel);
			continue;
		}
		if (name_is(n, "time") && !ps->time) {
			char *dt = prop(n, "datetime");
			if (dt)
				ps->time = n;
			xmlFree(dt);
		}
		if (name_is(n, "body"))
			ps->body = n;
		if (name_is(n, "head")) {
			scan_page(ps, n->children, depth + 1, 1);
			continue;
		}
		if (name_in(n, never_text))
			continue;
		int chrome = in_chrome || is_chrome(n);
		size_t first = ps->n_paras;
		if (!chrome && name_is(n, "p")) {
			if (ps->n_paras == ps->cap) {
				ps->cap = ps->cap ? 2 * ps->cap : 64;
				ps->paras = xrealloc(ps->paras, ps->cap * sizeof *ps->paras);
			}
			ps->paras[ps->n_paras++] = n;
		}
		scan_page(ps, n->children, depth + 1, chrome);
		if (!chrome && name_is(n, "article")) {
			/* The walk is in document order: the paragraphs inside this
			 * article are exactly those added since `first`. */
			size_t total = 0;
			for (size_t i = first; i < ps->n_paras; i++)
				total += para_len(ps->paras[i]);
			if (total > ps->best_article_len || !ps->best_article) {
				ps->best_article = n;
				ps->best_article_len = total;
			}
		}
	}
}

static int is_inside(const xmlNode *n, const xmlNode *top)
{
	for (; n; n = n->parent)
		if (n == top)
			return 1;
	return 0;
}

/* The element with the most paragraph text below it (children full, grandchildren
 * half). Scores are indexed through each node's _private slot, which nothing else
 * uses in this tree, so the pass stays linear. */
static xmlNode *densest(page_scan *ps)
{
	size_t cap = 2 * ps->n_paras + 1, k = 0;
	xmlNode **nodes = xcalloc(cap, sizeof *nodes);
	size_t *score = xcalloc(cap, sizeof *score);
	for (size_t i = 0; i < ps->n_paras; i++) {
		size_t len = para_len(ps->paras[i]);
		xmlNode *up = ps->paras[i]->parent;
		for (int lvl = 0; lvl < 2 && up && up->type == XML_ELEMENT_NODE;
		     lvl++, up = up->parent) {
			size_t j = (size_t)(uintptr_t)up->_private;
			if (j == 0) {
				nodes[k] = up;
				up->_private = (void *)(uintptr_t)(++k);
				j = k;
			}
			score[j - 1] += lvl ? len / 2 : len;
		}
	}
	xmlNode *best = NULL;
	size_t top = 0;
	for (size_t j = 0; j < k; j++) {
		nodes[j]->_private = NULL;
		if (score[j] > top) {
			top = score[j];
			best = nodes[j];
		}
	}
	free(nodes);
	free(score);
	return best;
}

static void page_text(page_scan *ps, dy_buf *b)
{
	xmlNode *box = ps->best_article && ps->best_article_len ? ps->best_article : NULL;
	if (!box && ps->n_paras)
		box = densest(ps);
	dy_buf para = DY_BUF_INIT;
	if (box) {
		for (size_t i = 0; i < ps->n_paras; i++) {
			if (!is_inside(ps->paras[i], box))
				continue;
			buf_clear(&para);
			text_out o = { &para, 0, 1 };
			walk_text(&o, ps->paras[i]->children, 0);
			if (!para.n || boilerplate_para(para.p, para.n))
				continue;
			if (b->n)
				buf_puts(b, "\n\n");
			buf_append(b, para.p, para.n);
		}
	}
	if (!b->n) {
		/* No usable paragraphs: the page's whole text, chrome left out. */
		text_out o = { b, 0, 1 };
		xmlNode *start = ps->body ? ps->body->children : ps->root;
		walk_text(&o, start, 0);
	}
	buf_free(&para);
}

static int html_open(dy_reader *r)
{
	return rd_slurp(r);
}

static int html_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	rd_input *in = &r->in;
	rd_doc_init(r, doc, 1);
	doc->id = arena_strdup(a, r->name);
	htmlDocPtr hd = html_parse(in->p + in->pos, in->n - in->pos);
	in->pos = in->n;
	r->done = 1;
	if (!hd) {
		/* Empty input: an empty document, as for plain text. */
		return 1;
	}
	page_scan ps;
	memset(&ps, 0, sizeof ps);
	ps.root = hd->children;
	scan_page(&ps, hd->children, 0, 0);
	dy_buf b = DY_BUF_INIT;
	page_text(&ps, &b);
	doc->text = arena_strndup(a, b.p ? b.p : "", b.n);
	doc->text_len = b.n;
	if (ps.title) {
		xmlChar *t = xmlNodeGetContent(ps.title);
		if (t)
			doc->title = rd_trimdup(a, (const char *)t, strlen((char *)t), RD_MAX_FIELD);
		xmlFree(t);
	}
	if (!doc->title && ps.og_title)
		doc->title = rd_trimdup(a, ps.og_title, strlen(ps.og_title), RD_MAX_FIELD);
	char d[11];
	if (ps.date && date_parse(ps.date, strlen(ps.date), d))
		doc->date = arena_strdup(a, d);
	if (!doc->date && ps.time) {
		char *dt = prop(ps.time, "datetime");
		if (dt && date_parse(dt, strlen(dt), d))
			doc->date = arena_strdup(a, d);
		xmlFree(dt);
	}
	if (ps.url)
		doc->url = rd_trimdup(a, ps.url, strlen(ps.url), RD_MAX_FIELD);
	if (ps.site)
		doc->source = rd_trimdup(a, ps.site, strlen(ps.site), RD_MAX_FIELD);
	buf_free(&b);
	free(ps.paras);
	xmlFree(ps.og_title);
	xmlFree(ps.date);
	xmlFree(ps.url);
	xmlFree(ps.site);
	xmlFreeDoc(hd);
	return 1;
}

const rd_format rd_html = { html_open, html_next, NULL };
