/* SPDX-License-Identifier: MIT */
/* Coding options of the engine: TABARI's defaults, the dictionary's options
 * file (dy_options), and single option lines as validation records carry them
 * ("{ OPTION: SET: CODE BY SENTENCE }"). Exports engine_opts_init(),
 * engine_opts_from_dict(), engine_opts_line(), engine_date(), engine_date_add(). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

void engine_opts_init(dy_engine_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_words = 0;
	/* TABARI manual 8.6: comma clause defaults; BMIN > BMAX never deletes the
	 * first phrase. */
	o->comma_bmin = 128; o->comma_bmax = 0;
	o->comma_min = 2;    o->comma_max = 10;
	o->comma_emin = 2;   o->comma_emax = 10;
}

static void copy_code(char *dst, const char *src)
{
	size_t i = 0;
	if (src)
		for (; src[i] && i + 1 < ENG_CODE_LEN; i++)
			dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

void engine_opts_from_dict(dy_engine_opts *o, const dy_options *d)
{
	if (!d || !d->present)
		return;
	o->code_by = d->code_by;
	if (d->min_words > 0)
		o->min_words = d->min_words;
	o->cx_verbs = d->cx_verbs;
	o->cx_actors = d->cx_actors;
	o->cx_pronouns = d->cx_pronouns;
	o->cx_conj = d->cx_conj;
	o->cx_noactprior = (d->cx_flags & DY_CX_NOACTPRIOR) != 0;
	o->cx_noverb = (d->cx_flags & DY_CX_NOVERB) != 0;
	o->convert_agents = d->convert_agents > 0;
	o->yyyy = d->yyyy > 0;
	if (d->time_shifting >= 0)
		o->time_shift = d->time_shifting;
	else
		o->time_shift = 1;
	copy_code(o->default_source, d->default_source);
	copy_code(o->default_target, d->default_target);
	o->default_prior = d->default_prior;
	o->default_after = d->default_after;
	if (d->comma_off)
		o->comma_off = 1;
	if (d->comma_min) o->comma_min = d->comma_min;
	if (d->comma_max) o->comma_max = d->comma_max;
	if (d->comma_emin) o->comma_emin = d->comma_emin;
	if (d->comma_emax) o->comma_emax = d->comma_emax;
	if (d->forward && !strstr(d->forward, "OFF"))
		o->forward = 1;
}

/* Upper-cases `line` into buf with blanks squeezed. */
static void squeeze(const char *line, char *buf, size_t cap)
{
	size_t n = 0;
	int sp = 1;
	for (const char *p = line; *p && n + 1 < cap; p++) {
		if (isspace((unsigned char)*p)) {
			if (!sp)
				buf[n++] = ' ';
			sp = 1;
			continue;
		}
		buf[n++] = (char)toupper((unsigned char)*p);
		sp = 0;
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

/* Value of "KEY[n]" in s, or 0. */
static int bracket_num(const char *s, const char *key)
{
	const char *p = strstr(s, key);
	if (!p)
		return 0;
	p += strlen(key);
	while (*p == ' ')
		p++;
	if (*p != '[')
		return 0;
	return (int)strtol(p + 1, NULL, 10);
}

/* Value of "KEY = n" in s (KEY a whole word), or -1. */
static int eq_num(const char *s, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = s; (p = strstr(p, key)); p += k) {
		if (p > s && isalpha((unsigned char)p[-1]))
			continue;
		const char *q = p + k;
		while (*q == ' ')
			q++;
		if (*q != '=')
			continue;
		return (int)strtol(q + 1, NULL, 10);
	}
	return -1;
}

/* Code inside the first [...] after `key`, into out. */
static int bracket_code(const char *s, const char *key, char *out)
{
	const char *p = strstr(s, key);
	if (!p)
		return 0;
	p = strchr(p, '[');
	if (!p)
		return 0;
	const char *q = strchr(p, ']');
	if (!q)
		return 0;
	p++;
	while (p < q && *p == ' ')
		p++;
	size_t n = 0;
	while (p < q && *p != ' ' && n + 1 < ENG_CODE_LEN)
		out[n++] = *p++;
	out[n] = '\0';
	return 1;
}

static int truth(const char *v)
{
	while (*v == ' ' || *v == '=')
		v++;
	return *v == 'T' || *v == '1';
}

int engine_opts_line(dy_engine_opts *o, const char *line)
{
	char s[512];
	squeeze(line, s, sizeof s);
	if (!strncmp(s, "SET:", 4)) {
		const char *v = s + 4;
		while (*v == ' ')
			v++;
		if (!strncmp(v, "CODE BY SENTENCE", 16)) o->code_by = 1;
		else if (!strncmp(v, "CODE BY CLAUSE", 14)) o->code_by = 0;
		else if (!strncmp(v, "CODE ALL", 8)) o->code_by = 2;
		else if (!strncmp(v, "MINIMUM WORDS", 13)) {
			int n = eq_num(v, "WORDS");
			if (n < 0)
				return -1;
			o->min_words = n;
		} else if (!strncmp(v, "CONVERT AGENT", 13)) o->convert_agents = truth(strchr(v, '=') ? strchr(v, '=') : "F");
		else if (!strncmp(v, "TIME SHIFT", 10)) o->time_shift = truth(strchr(v, '=') ? strchr(v, '=') : "F");
		else if (!strncmp(v, "YYYY", 4)) o->yyyy = truth(strchr(v, '=') ? strchr(v, '=') : "F");
		else
			return -1;
		return 0;
	}
	if (!strncmp(s, "COMPLEX:", 8)) {
		o->cx_verbs = bracket_num(s, "VERBS");
		o->cx_actors = bracket_num(s, "ACTORS");
		o->cx_pronouns = bracket_num(s, "PRONOUNS");
		o->cx_conj = bracket_num(s, "CONJ");
		o->cx_noactprior = strstr(s, "NOACTPRIOR") != NULL;
		o->cx_noverb = strstr(s, "NOVERB") != NULL;
		return 0;
	}
	if (!strncmp(s, "DEFAULT:", 8)) {
		if (strstr(s, " OFF")) {
			o->default_source[0] = o->default_target[0] = '\0';
			o->default_prior = o->default_after = 0;
			return 0;
		}
		if (bracket_code(s, "SOURCE", o->default_source))
			o->default_prior = strstr(s, "PRIOR") != NULL;
		if (bracket_code(s, "TARGET", o->default_target))
			o->default_after = strstr(s, "AFTER") != NULL;
		return 0;
	}
	if (!strncmp(s, "COMMA:", 6)) {
		if (strstr(s, " OFF")) {
			o->comma_off = 1;
			return 0;
		}
		o->comma_off = 0;
		int v;
		if ((v = eq_num(s, "MIN")) >= 0) o->comma_min = v;
		if ((v = eq_num(s, "MAX")) >= 0) o->comma_max = v;
		if ((v = eq_num(s, "EMIN")) >= 0) o->comma_emin = v;
		if ((v = eq_num(s, "EMAX")) >= 0) o->comma_emax = v;
		if ((v = eq_num(s, "BMIN")) >= 0) o->comma_bmin = v;
		if ((v = eq_num(s, "BMAX")) >= 0) o->comma_bmax = v;
		return 0;
	}
	if (!strncmp(s, "FORWARD:", 8)) {
		o->forward = strstr(s, " OFF") == NULL;
		return 0;
	}
	if (!strncmp(s, "OUTPUT:", 7) || !strncmp(s, "LABEL:", 6))
		return 0;   /* output layout only: nothing for the engine */
	return -1;
}

static int days_in(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int32_t engine_date(const char *s)
{
	if (!s)
		return 0;
	int y, m, d;
	char c;
	/* the readers' own form "YYYY-MM-DD" without sscanf (once per document) */
	if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
	    s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] == '-' && s[5] >= '0' &&
	    s[5] <= '9' && s[6] >= '0' && s[6] <= '9' && s[7] == '-' && s[8] >= '0' &&
	    s[8] <= '9' && s[9] >= '0' && s[9] <= '9' && s[10] == '\0') {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
		if (m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m))
			return y * 10000 + m * 100 + d;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &c) == 3 ||
	    (strlen(s) == 8 && sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3)) {
		if (m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m))
			return y * 10000 + m * 100 + d;
	}
	return 0;
}

int32_t engine_date_add(int32_t date, int days)
{
	if (date <= 0)
		return date;
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	if (days > 100000 || days < -100000)
		return date;
	while (days > 0) {
		int left = days_in(y, m) - d;
		if (days <= left) { d += days; days = 0; break; }
		days -= left + 1;
		d = 1;
		if (++m > 12) { m = 1; y++; }
	}
	while (days < 0) {
		if (-days < d) { d += days; days = 0; break; }
		days += d;
		if (--m < 1) { m = 12; y--; }
		d = days_in(y, m);
	}
	return y * 10000 + m * 100 + d;
}
