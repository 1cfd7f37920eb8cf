/* SPDX-License-Identifier: MIT */
/* Readers of TABARI .options files (manual ch. 8) into dy_options and of
 * .project files (manual 4.1) into dy_project, loading the dictionaries a
 * project names. Exports dict_options_defaults(), dict_parse_options() and
 * dict_parse_project() through dict_int.h. Unknown commands and settings are
 * warnings: they are reported and skipped. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dict/dict_int.h"

void dict_options_defaults(dy_options *o)
{
	memset(o, 0, sizeof *o);
	o->label = 1;
	o->actor_usage = o->agent_usage = o->verb_usage = -1;
	o->dup_warning = 1;
	o->skip_records = 1;
	o->haiku = 1;
	o->time_shifting = -1;
}

/* Copies s[0..n) upper-cased with runs of blanks squeezed to one space. */
static size_t squeeze_upper(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	int blank = 1;
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			if (!blank)
				out[o++] = ' ';
			blank = 1;
			continue;
		}
		out[o++] = (char)toupper(c);
		blank = 0;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* TRUE/T/FALSE/F/OFF -> 1/1/0/0/-1; -2 when none of these. */
static int logical(const char *v)
{
	if (!strcmp(v, "TRUE") || !strcmp(v, "T"))
		return 1;
	if (!strcmp(v, "FALSE") || !strcmp(v, "F"))
		return 0;
	if (!strcmp(v, "OFF"))
		return -1;
	return -2;
}

static int small_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || v < 0 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

typedef struct opt_ctx {
	dy_dict    *d;
	dy_diag    *dg;
	const char *name;
	uint16_t    file;
	uint32_t    line;
	uint32_t    cap_sets, cap_labels, cap_out;
} opt_ctx;

#define OERR(c, ...) diag_error((c)->dg, (c)->name, (long)(c)->line, __VA_ARGS__)
#define OWARN(c, ...) diag_warn((c)->dg, (c)->name, (long)(c)->line, __VA_ARGS__)

static void opt_complex(opt_ctx *c, const char *v)
{
	dy_options *o = &c->d->opt;
	static const struct { const char *k; unsigned f; } flags[] = {
		{ "NOACTPRIOR", DY_CX_NOACTPRIOR }, { "NOACTAFTER", DY_CX_NOACTAFTER },
		{ "NOVERB", DY_CX_NOVERB },         { "NOSOURCE", DY_CX_NOSOURCE },
		{ "NOTARGET", DY_CX_NOTARGET },     { "NOEVENT", DY_CX_NOEVENT },
		{ "EXPLAIN", DY_CX_EXPLAIN },       { "NOSAVE", DY_CX_NOSAVE },
	};
	struct { const char *k; int *p; } nums[] = {
		{ "VERBS", &o->cx_verbs },     { "ACTORS", &o->cx_actors },
		{ "PRONOUNS", &o->cx_pronouns }, { "CONJ", &o->cx_conj },
		{ "COMMA", &o->cx_comma },     { "LATEVERB", &o->cx_lateverb },
	};
	for (const char *p = v; *p; ) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (!l)
			break;
		char tok[64];
		snprintf(tok, sizeof tok, "%.*s", (int)(l < 63 ? l : 63), p);
		p += l;
		char *br = strchr(tok, '[');
		int done = 0;
		if (br) {
			*br = '\0';
			for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
				if (!strcmp(tok, nums[i].k)) {
					if (small_int(br + 1, nums[i].p) != 0 || !strchr(br + 1, ']'))
						OERR(c, "COMPLEX: bad number in '%s[%s'", tok, br + 1);
					done = 1;
				}
		} else {
			for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
				if (!strcmp(tok, flags[i].k)) {
					o->cx_flags |= flags[i].f;
					done = 1;
				}
		}
		if (!done)
			OWARN(c, "COMPLEX: unknown condition '%s'", tok);
	}
}

static void opt_set(opt_ctx *c, const char *v)
{
	dy_dict *d = c->d;
	dy_options *o = &d->opt;
	char key[128], val[256];
	const char *eq = strchr(v, '=');
	if (eq) {
		squeeze_upper(v, (size_t)(eq - v), key, sizeof key);
		const char *vs = eq + 1;
		size_t vn = strlen(vs);
		trim(&vs, &vn);
		snprintf(val, sizeof val, "%.*s", (int)(vn < 255 ? vn : 255), vs);
	} else if (!strncmp(v, "CODE BY ", 8)) {
		snprintf(key, sizeof key, "CODE BY");
		snprintf(val, sizeof val, "%.255s", v + 8);
	} else {
		snprintf(key, sizeof key, "%.127s", v);
		val[0] = '\0';
	}
	dict_grow((void **)&o->sets, sizeof *o->sets, o->n_sets, 1, &c->cap_sets);
	dy_kv *kv = &o->sets[o->n_sets++];
	kv->key = dict_intern(d, key, strlen(key));
	kv->val = dict_intern(d, val, strlen(val));
	kv->line = c->line;
	kv->file = c->file;

	char uv[256];
	squeeze_upper(val, strlen(val), uv, sizeof uv);
	int lg = logical(uv);
	struct { const char *k; int *p; int three_way; } sw[] = {
		{ "LABEL", &o->label, 0 },          { "ACTOR USAGE", &o->actor_usage, 1 },
		{ "AGENT USAGE", &o->agent_usage, 1 }, { "VERB USAGE", &o->verb_usage, 1 },
		{ "DUP WARNING", &o->dup_warning, 0 }, { "CONVERT AGENTS", &o->convert_agents, 0 },
		{ "FBIS", &o->fbis, 0 },            { "YYYY", &o->yyyy, 0 },
		{ "TIME SHIFTING", &o->time_shifting, 0 }, { "SKIP RECORDS", &o->skip_records, 0 },
		{ "HAIKU", &o->haiku, 0 },
	};
	for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
		if (strcmp(key, sw[i].k))
			continue;
		if (lg == -2 || (lg == -1 && !sw[i].three_way))
			OERR(c, "SET: %s wants TRUE or FALSE%s, not '%s'", key,
			     sw[i].three_way ? " or OFF" : "", val);
		else
			*sw[i].p = lg;
		return;
	}
	if (!strcmp(key, "CODE BY")) {
		if (!strcmp(uv, "CLAUSE"))
			o->code_by = 0;
		else if (!strcmp(uv, "SENTENCE"))
			o->code_by = 1;
		else if (!strcmp(uv, "ALL"))
			o->code_by = 2;
		else
			OERR(c, "SET: CODE BY wants CLAUSE, SENTENCE or ALL, not '%s'", val);
		return;
	}
	if (!strcmp(key, "MINIMUM WORDS")) {
		if (lg == 0)
			o->min_words = 0;
		else if (small_int(uv, &o->min_words) != 0)
			OERR(c, "SET: MINIMUM WORDS wants a number, not '%s'", val);
		return;
	}
	if (!strcmp(key, "MATCH")) {
		OWARN(c, "SET: MATCH is obsolete; use OUTPUT: MATCH");
		return;
	}
	static const char *quiet[] = { "ALLCAPS", "CHECK DOMINANT", "CODE NONRESTRICTIVE", NULL };
	for (int i = 0; quiet[i]; i++)
		if (!strcmp(key, quiet[i]))
			return;
	OWARN(c, "SET: unknown setting '%s' (kept, not used)", key);
}

static void opt_label(opt_ctx *c, const char *raw)
{
	dy_dict *d = c->d;
	dy_options *o = &d->opt;
	const char *eq = strchr(raw, '=');
	if (!eq) {
		OERR(c, "LABEL: wants 'code = text'");
		return;
	}
	const char *k = raw;
	size_t kn = (size_t)(eq - raw);
	trim(&k, &kn);
	const char *v = eq + 1;
	size_t vn = strlen(v);
	trim(&v, &vn);
	if (!kn) {
		OERR(c, "LABEL: missing code before '='");
		return;
	}
	dict_grow((void **)&o->labels, sizeof *o->labels, o->n_labels, 1, &c->cap_labels);
	dy_kv *kv = &o->labels[o->n_labels++];
	char up[128];
	size_t ul = squeeze_upper(k, kn, up, sizeof up);
	kv->key = dict_intern(d, up, ul);
	kv->val = dict_intern(d, v, vn);
	kv->line = c->line;
	kv->file = c->file;
}

static void opt_output(opt_ctx *c, const char *v)
{
	dy_options *o = &c->d->opt;
	static const char *known[] = { "ACTORS", "AGENTS", "PARENT", "SHIFT", "MATCH", "LOCS",
		"PATTERN", "ID", "TEXT", "STORY", "SENTENCE", "DOCUMENT", "DOC", "TEX", "STO",
		"SEN", "ACTOR", "AGENT", "LOC", "PATTERNS", NULL };
	for (const char *p = v; *p; ) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (!l)
			break;
		int ok = 0;
		for (int i = 0; known[i]; i++)
			if (strlen(known[i]) == l && !strncmp(known[i], p, l))
				ok = 1;
		if (!ok)
			OWARN(c, "OUTPUT: unknown field '%.*s'", (int)l, p);
		dict_grow((void **)&o->output, sizeof *o->output, o->n_output, 1, &c->cap_out);
		o->output[o->n_output++] = dict_intern(c->d, p, l);
		p += l;
	}
}

/* "[CODE]" after `word` in v; NULL when absent. */
static const char *bracket_after(opt_ctx *c, const char *v, const char *word)
{
	const char *p = strstr(v, word);
	if (!p)
		return NULL;
	const char *a = strchr(p, '['), *b = a ? strchr(a, ']') : NULL;
	if (!a || !b) {
		OERR(c, "DEFAULT: %s wants a [code]", word);
		return NULL;
	}
	const char *s = a + 1;
	size_t n = (size_t)(b - s);
	trim(&s, &n);
	return dict_intern(c->d, s, n);
}

static void opt_default(opt_ctx *c, const char *v)
{
	dy_options *o = &c->d->opt;
	if (!strcmp(v, "OFF")) {
		o->default_source = o->default_target = NULL;
		o->default_prior = o->default_after = 0;
		return;
	}
	if (strstr(v, "SOURCE"))
		o->default_source = bracket_after(c, v, "SOURCE");
	if (strstr(v, "TARGET"))
		o->default_target = bracket_after(c, v, "TARGET");
	/* PRIOR and AFTER are words of their own, outside the brackets. */
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%.255s", v);
	for (char *a = strchr(tmp, '['); a; a = strchr(a, '[')) {
		char *b = strchr(a, ']');
		if (!b)
			break;
		memset(a, ' ', (size_t)(b - a) + 1);
	}
	for (const char *t = tmp; *t; ) {
		while (*t == ' ')
			t++;
		size_t l = strcspn(t, " ");
		if (l == 5 && !strncmp(t, "PRIOR", 5))
			o->default_prior = 1;
		else if (l == 5 && !strncmp(t, "AFTER", 5))
			o->default_after = 1;
		t += l;
	}
}

static void opt_comma(opt_ctx *c, const char *v)
{
	dy_options *o = &c->d->opt;
	if (!strcmp(v, "OFF")) {
		o->comma_off = 1;
		return;
	}
	char tmp[256];
	size_t o2 = 0;
	for (const char *p = v; *p && o2 + 1 < sizeof tmp; p++)
		if (*p != ' ')
			tmp[o2++] = *p;
	tmp[o2] = '\0';
	struct { const char *k; int *p; } f[] = {
		{ "EMIN=", &o->comma_emin }, { "EMAX=", &o->comma_emax },
		{ "MIN=", &o->comma_min },   { "MAX=", &o->comma_max },
	};
	for (const char *p = tmp; *p; ) {
		int hit = 0;
		for (size_t i = 0; i < 4; i++) {
			size_t kl = strlen(f[i].k);
			if (!strncmp(p, f[i].k, kl)) {
				char *end;
				long n = strtol(p + kl, &end, 10);
				if (end == p + kl || n < 0 || n > 10000) {
					OERR(c, "COMMA: bad number after %s", f[i].k);
					return;
				}
				*f[i].p = (int)n;
				p = end;
				hit = 1;
				break;
			}
		}
		if (!hit) {
			OWARN(c, "COMMA: cannot read '%s'", p);
			return;
		}
	}
}

void dict_parse_options(dy_dict *d, uint16_t file, const char *name,
                        const char *data, size_t n, dy_diag *dg)
{
	opt_ctx c = { d, dg, d->files[file], file, 0, 0, 0, 0 };
	(void)name;
	dy_options *o = &d->opt;
	c.cap_sets = o->n_sets;
	c.cap_labels = o->n_labels;
	c.cap_out = o->n_output;
	o->present = 1;
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		while (j < n && data[j] != '\n')
			j++;
		const char *s = data + i;
		size_t len = j - i;
		i = j + 1;
		c.line++;
		if (len > DICT_MAX_LINE) {
			OERR(&c, "line longer than %d bytes", DICT_MAX_LINE);
			continue;
		}
		trim(&s, &len);
		if (len && s[0] == '~')
			break;
		/* '#' and '//' start comments (manual 8.1.1). */
		for (size_t k = 0; k < len; k++)
			if (s[k] == '#' || (s[k] == '/' && k + 1 < len && s[k + 1] == '/')) {
				len = k;
				break;
			}
		trim(&s, &len);
		if (!len)
			continue;
		const char *colon = memchr(s, ':', len);
		if (!colon) {
			OWARN(&c, "not an option line (no 'COMMAND:'); skipped");
			continue;
		}
		char cmd[64];
		size_t cl = (size_t)(colon - s);
		squeeze_upper(s, cl < 63 ? cl : 63, cmd, sizeof cmd);
		const char *rv = colon + 1;
		size_t rn = len - cl - 1;
		trim(&rv, &rn);
		char raw[DICT_MAX_LINE + 1], up[DICT_MAX_LINE + 1];
		memcpy(raw, rv, rn);
		raw[rn] = '\0';
		squeeze_upper(rv, rn, up, sizeof up);
		/* TABARI reads only the first four letters of a command (8.1.1). */
		if (!strncmp(cmd, "COMP", 4))
			opt_complex(&c, up);
		else if (!strncmp(cmd, "SET", 3))
			opt_set(&c, up);
		else if (!strncmp(cmd, "LABE", 4))
			opt_label(&c, raw);
		else if (!strncmp(cmd, "OUTP", 4))
			opt_output(&c, up);
		else if (!strncmp(cmd, "FORW", 4))
			o->forward = dict_intern(d, raw, rn);
		else if (!strncmp(cmd, "DEFA", 4))
			opt_default(&c, up);
		else if (!strncmp(cmd, "COMM", 4))
			opt_comma(&c, up);
		else if (!strncmp(cmd, "NONE", 4)) {
			if (!strcmp(up, "TRUE"))
				o->nonevents = 1;
			else if (!strcmp(up, "ONLY"))
				o->nonevents = 2;
			else if (!strcmp(up, "FALSE"))
				o->nonevents = 0;
			else
				OERR(&c, "NONEVENTS: wants TRUE, ONLY or FALSE");
		} else
			OWARN(&c, "unknown option command '%s:'; skipped", cmd);
	}
}

/* ---- .project ------------------------------------------------------------ */

static const char *resolve(dy_dict *d, const char *dir, size_t dn, const char *p, size_t n)
{
	char buf[PATH_MAX];
	if (n && p[0] == '/')
		snprintf(buf, sizeof buf, "%.*s", (int)n, p);
	else
		snprintf(buf, sizeof buf, "%.*s%.*s", (int)dn, dir, (int)n, p);
	return dict_intern(d, buf, strlen(buf));
}

static void list_add(const char ***arr, uint32_t *n, const char *s)
{
	*arr = xrealloc((void *)*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = s;
}

int dict_parse_project(dy_dict *d, const char *path, const char *data, size_t n,
                       dy_diag *dg)
{
	dy_project *pj = &d->proj;
	pj->path = dict_intern(d, path, strlen(path));
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
	uint32_t line = 0;
	uint32_t a0 = pj->n_actors, g0 = pj->n_agents, v0 = pj->n_verbs;
	const char *opts = NULL;
	for (size_t i = 0; i < n; ) {
		size_t j = i;
		while (j < n && data[j] != '\n')
			j++;
		const char *s = data + i;
		size_t len = j - i;
		i = j + 1;
		line++;
		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		if (!len || s[0] != '<') /* manual 4.1 note 3: other lines are comments */
			continue;
		const char *gt = memchr(s, '>', len);
		if (!gt) {
			diag_error(dg, path, line, "tag without '>'");
			continue;
		}
		char tag[3] = { 0 };
		if (len >= 3) {
			tag[0] = (char)tolower((unsigned char)s[1]);
			tag[1] = (char)tolower((unsigned char)s[2]);
		}
		const char *v = gt + 1;
		size_t vn = len - (size_t)(v - s);
		while (vn && isspace((unsigned char)*v)) {
			v++;
			vn--;
		}
		/* A closing tag "</...>" may follow the value; cut it. */
		const char *lt = memchr(v, '<', vn);
		if (lt)
			vn = (size_t)(lt - v);
		while (vn && isspace((unsigned char)v[vn - 1]))
			vn--;
		/* Only the first two letters of a tag count (manual 4.1 note 1). */
		const char ***arr = NULL;
		uint32_t *cnt = NULL;
		if (!strcmp(tag, "ac")) { arr = &pj->actors; cnt = &pj->n_actors; }
		else if (!strcmp(tag, "ag")) { arr = &pj->agents; cnt = &pj->n_agents; }
		else if (!strcmp(tag, "ve")) { arr = &pj->verbs; cnt = &pj->n_verbs; }
		else if (!strcmp(tag, "te")) { arr = &pj->texts; cnt = &pj->n_texts; }
		else if (!strcmp(tag, "is")) { arr = &pj->issues; cnt = &pj->n_issues; }
		else if (!strcmp(tag, "op")) {
			if (vn)
				opts = pj->options = resolve(d, path, dn, v, vn);
			continue;
		} else if (!strcmp(tag, "co")) {
			pj->coder = dict_intern(d, v, vn);
			continue;
		} else {
			continue; /* event, output, problem, error files; session; system */
		}
		if (!vn) {
			diag_error(dg, path, line, "<%.*s> without a file name",
			           (int)((size_t)(gt - s) - 1), s + 1);
			continue;
		}
		list_add(arr, cnt, resolve(d, path, dn, v, vn));
	}
	int rc = 0;
	for (uint32_t k = a0; k < pj->n_actors; k++)
		rc |= dict_load_file(d, pj->actors[k], DICT_KIND_ACTORS, dg);
	for (uint32_t k = g0; k < pj->n_agents; k++)
		rc |= dict_load_file(d, pj->agents[k], DICT_KIND_AGENTS, dg);
	for (uint32_t k = v0; k < pj->n_verbs; k++)
		rc |= dict_load_file(d, pj->verbs[k], DICT_KIND_VERBS, dg);
	if (opts)
		rc |= dict_load_file(d, opts, DICT_KIND_OPTIONS, dg);
	return rc ? -1 : 0;
}
