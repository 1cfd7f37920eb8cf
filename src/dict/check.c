/* SPDX-License-Identifier: MIT */
/* Dictionary lint behind `dyad dict check`: exports dict_check() and the
 * dict_event_code_known hook (see dict.h). Findings are warnings with file
 * and line: event codes that are not CAMEO codes, one phrase given
 * conflicting codes (a repeated actor, verb or pattern; two default codes),
 * and date ranges of one name that overlap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_int.h"
#include "util/buf.h"

dy_event_code_known_fn dict_event_code_known = NULL;

/* Without a codebook: 2-4 digits whose first two make a CAMEO root 01..20. */
static int looks_cameo(const char *c)
{
	size_t n = strlen(c);
	if (n < 2 || n > 4 || strspn(c, "0123456789") != n)
		return 0;
	int root = (c[0] - '0') * 10 + (c[1] - '0');
	return root >= 1 && root <= 20;
}

static int event_code_ok(const char *c)
{
	return dict_event_code_known ? dict_event_code_known(c) : looks_cameo(c);
}

static void phrase_text(const dy_dict *d, dy_phrase ph, dy_buf *b)
{
	char tmp[1024];
	size_t n = dict_phrase_text(d, ph, tmp, sizeof tmp);
	buf_append(b, tmp, n);
}

static void codes_text(const dy_dict *d, uint32_t first, uint32_t n, dy_buf *b)
{
	for (uint32_t i = 0; i < n; i++) {
		const dy_code *c = &d->codes[first + i];
		buf_puts(b, i ? " [" : "[");
		if (c->flags & DY_CODE_NULL)
			buf_puts(b, "---");
		else if (c->flags & DY_CODE_DISCARD)
			buf_puts(b, "###");
		else if (c->flags & DY_CODE_COMPLEX)
			buf_puts(b, "+++");
		else if (c->flags & DY_CODE_SHIFT)
			buf_printf(b, "%+d", (int)c->shift);
		else
			buf_printf(b, "%s%s%s%s%s", c->flags & DY_CODE_AGENT_SUF ? "~" : "", c->code,
			           c->flags & DY_CODE_AGENT_PRE ? "~" : "",
			           c->code2 ? ":" : "", c->code2 ? c->code2 : "");
		if (c->flags & DY_CODE_DATED)
			buf_printf(b, " %d-%d", (int)c->from, (int)c->to);
		buf_putc(b, ']');
	}
}

static int codes_equal(const dy_dict *d, uint32_t a, uint32_t na, uint32_t b, uint32_t nb)
{
	if (na != nb)
		return 0;
	for (uint32_t i = 0; i < na; i++) {
		const dy_code *x = &d->codes[a + i], *y = &d->codes[b + i];
		if (x->code != y->code || x->code2 != y->code2 || x->flags != y->flags ||
		    x->from != y->from || x->to != y->to || x->shift != y->shift)
			return 0;
	}
	return 1;
}

/* A string -> first-owner map, local to one check run. */
typedef struct seen {
	const char **key;
	uint32_t    *val;
	uint32_t     cap, used;
} seen;

static uint32_t seen_put(dy_dict *d, seen *s, const char *k, size_t n, uint32_t v)
{
	const char *ik = dict_intern(d, k, n);
	if ((s->used + 1) * 2 > s->cap) {
		seen t = { NULL, NULL, s->cap ? s->cap * 2 : 1024, 0 };
		t.key = xcalloc(t.cap, sizeof *t.key);
		t.val = xcalloc(t.cap, sizeof *t.val);
		for (uint32_t i = 0; i < s->cap; i++)
			if (s->key[i]) {
				uint32_t j = dict_hash(s->key[i], strlen(s->key[i])) & (t.cap - 1);
				while (t.key[j])
					j = (j + 1) & (t.cap - 1);
				t.key[j] = s->key[i];
				t.val[j] = s->val[i];
				t.used++;
			}
		free(s->key);
		free(s->val);
		*s = t;
	}
	uint32_t j = dict_hash(ik, strlen(ik)) & (s->cap - 1);
	while (s->key[j]) {
		if (s->key[j] == ik)
			return s->val[j];
		j = (j + 1) & (s->cap - 1);
	}
	s->key[j] = ik;
	s->val[j] = v;
	s->used++;
	return DY_NONE;
}

static void check_event_codes(const dy_dict *d, uint32_t first, uint32_t n, uint16_t file,
                              uint32_t line, dy_diag *dg, unsigned *found)
{
	for (uint32_t i = 0; i < n; i++) {
		const dy_code *c = &d->codes[first + i];
		if (c->flags & (DY_CODE_NULL | DY_CODE_DISCARD | DY_CODE_COMPLEX | DY_CODE_SHIFT))
			continue;
		if (!event_code_ok(c->code)) {
			diag_warn(dg, d->files[file], line, "event code '%s' is not a CAMEO event code", c->code);
			(*found)++;
		}
		if (c->code2 && !event_code_ok(c->code2)) {
			diag_warn(dg, d->files[file], line, "event code '%s' is not a CAMEO event code", c->code2);
			(*found)++;
		}
	}
}

/* One entry's own codes: more than one default, a default before dated codes,
 * dated codes that overlap by more than a shared boundary day. */
static void check_dates(const dy_dict *d, const dy_entry *e, dy_diag *dg, unsigned *found)
{
	const char *f = d->files[e->file];
	int defaults = 0, dflt_seen = 0, dated_after = 0;
	for (uint32_t i = 0; i < e->n_codes; i++) {
		const dy_code *c = &d->codes[e->code + i];
		if (!(c->flags & DY_CODE_DATED)) {
			defaults++;
			dflt_seen = 1;
		} else if (dflt_seen) {
			dated_after = 1;
		}
		if (!(c->flags & DY_CODE_DATED))
			continue;
		for (uint32_t j = i + 1; j < e->n_codes; j++) {
			const dy_code *o = &d->codes[e->code + j];
			if (!(o->flags & DY_CODE_DATED))
				continue;
			int32_t lo = c->from > o->from ? c->from : o->from;
			int32_t hi = c->to < o->to ? c->to : o->to;
			/* Successive offices often share their boundary day (one ends,
			 * the next begins on it): only a longer overlap is a finding. */
			if (lo < hi && !(c->code == o->code && c->flags == o->flags)) {
				diag_warn(dg, f, e->line, "date ranges overlap: [%s %d-%d] and [%s %d-%d]",
				          c->code, (int)c->from, (int)c->to, o->code, (int)o->from, (int)o->to);
				(*found)++;
			}
		}
	}
	if (defaults > 1) {
		diag_warn(dg, f, e->line, "conflicting codes: %d codes without a date restriction (only the first is used)", defaults);
		(*found)++;
	} else if (dated_after) {
		diag_warn(dg, f, e->line, "the code without a date restriction should come last");
		(*found)++;
	}
}

unsigned dict_check(const dy_dict *cd, dy_diag *dg)
{
	/* Interning the map keys writes to the string store only; the model
	 * itself is not changed. */
	dy_dict *d = (dy_dict *)cd;
	unsigned found = 0;
	dy_buf b = DY_BUF_INIT, t = DY_BUF_INIT;
	seen ents = { 0 }, pats = { 0 };
	char where[512];
	for (uint32_t i = 0; i < d->n_entries; i++) {
		const dy_entry *e = &d->entries[i];
		if (e->kind == DY_ENT_VERB || e->kind == DY_ENT_TIME) {
			if (!(e->flags & DY_ENT_FORM) && e->kind == DY_ENT_VERB)
				check_event_codes(d, e->code, e->n_codes, e->file, e->line, dg, &found);
		} else if (e->kind == DY_ENT_ACTOR || e->kind == DY_ENT_AGENT) {
			check_dates(d, e, dg, &found);
		}
		if (e->flags & DY_ENT_FORM && e->kind == DY_ENT_VERB)
			continue; /* forms share the root's codes */
		buf_clear(&b);
		buf_printf(&b, "%d:", e->kind);
		phrase_text(d, e->ph, &b);
		uint32_t first = seen_put(d, &ents, b.p, b.n, i);
		if (first == DY_NONE)
			continue;
		const dy_entry *f = &d->entries[first];
		if (!codes_equal(d, f->code, f->n_codes, e->code, e->n_codes)) {
			buf_clear(&t);
			codes_text(d, e->code, e->n_codes, &t);
			buf_puts(&t, " here, ");
			codes_text(d, f->code, f->n_codes, &t);
			diag_warn(dg, d->files[e->file], e->line, "'%s' has conflicting codes: %s at %s",
			          strchr(b.p, ':') + 1, t.p, dict_where(d, f->file, f->line, where, sizeof where));
			found++;
		}
	}
	for (uint32_t i = 0; i < d->n_patterns; i++) {
		const dy_pattern *p = &d->patterns[i];
		const dy_entry *root = &d->entries[d->verbs[p->verb].entry];
		if (root->kind == DY_ENT_VERB)
			check_event_codes(d, p->code, p->n_codes, p->file, p->line, dg, &found);
		buf_clear(&b);
		buf_printf(&b, "%u:", (unsigned)p->verb);
		phrase_text(d, p->ph, &b);
		uint32_t first = seen_put(d, &pats, b.p, b.n, i);
		if (first == DY_NONE)
			continue;
		const dy_pattern *f = &d->patterns[first];
		if (!codes_equal(d, f->code, f->n_codes, p->code, p->n_codes)) {
			buf_clear(&t);
			codes_text(d, p->code, p->n_codes, &t);
			buf_puts(&t, " here, ");
			codes_text(d, f->code, f->n_codes, &t);
			diag_warn(dg, d->files[p->file], p->line, "pattern '%s' has conflicting codes: %s at %s",
			          strchr(b.p, ':') + 1, t.p, dict_where(d, f->file, f->line, where, sizeof where));
			found++;
		}
	}
	free(ents.key);
	free(ents.val);
	free(pats.key);
	free(pats.val);
	buf_free(&b);
	buf_free(&t);
	return found;
}
