/* SPDX-License-Identifier: MIT */
/* Dateline detector. Exports dateline_find().
 *
 * A wire story opens with where (and often when and by whom) it was filed:
 *   "RIYADH, Feb 5 (Reuters) -"      "BEIRUT, Lebanon, March 3, 2024 (AFP) -"
 *   "RIYADH, Saudi Arabia (AP) —"    "Moscow, 12 June (TASS) -"
 *   "WASHINGTON — "                   "LONDON: "
 * Model: one pass over at most DATELINE_MAX bytes reading, in order,
 *   PLACE { ", " (DATE | REGION) } [ "(" AGENCY ")" ] SEPARATOR
 * where PLACE is one to five words that each start with a capital (letters,
 * '.', '\'', '-', '/' inside: "ST. LOUIS", "RIYADH/DUBAI"), DATE is "Feb 5",
 * "Feb. 5", "March 3, 2024" or "12 June [2024]", REGION is capitalised words,
 * and SEPARATOR is '-', "--", '—' or '–' followed by a space, or ':' followed
 * by a space. A lone "(AGENCY) -" is also a dateline.
 *
 * An ordinary sentence can look like this ("The U.S. - Iran talks"), so a
 * dateline is taken only when it has an agency, or its place is ALL CAPS (three
 * or more letters), or its place is Title Case and a date follows it. A ':'
 * separator needs an ALL-CAPS place or an agency. An ALL-CAPS place without an
 * agency may not open with a function word ("THE U.S. - IRAN TALKS"), so
 * "THE HAGUE" needs its agency. Known false positive: an ALL-CAPS acronym
 * opening the text with a dash or colon ("NATO - Russia talks"). */
#include <string.h>

#include "split.h"

/* Datelines are short; nothing further than this is looked at. */
#define DATELINE_MAX 200
#define DATELINE_AGENCY_MAX 40

typedef struct dl_scan {
	const char *t;
	size_t      n; /* bytes looked at: min(text length, DATELINE_MAX) */
} dl_scan;

static int dl_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int dl_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int dl_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Letters of a place word: ASCII letters, bytes of non-ASCII characters
 * ("BOGOTÁ", "SÃO PAULO"), and the joiners . ' - / inside a word. */
static int dl_word_byte(unsigned char c)
{
	return dl_upper(c) || dl_lower(c) || c >= 0x80 || c == '.' || c == '\'' ||
	       c == '-' || c == '/';
}

static size_t dl_skip_spaces(const dl_scan *s, size_t i)
{
	while (i < s->n && s->t[i] == ' ')
		i++;
	return i;
}

/* Reads capitalised words from i (up to `max` words). Sets *end past the last
 * word and *caps to 1 when every ASCII letter is upper case. Returns the number
 * of words. A word must start with a capital and not end in '-' or '/'. */
static int dl_words(const dl_scan *s, size_t i, int max, size_t *end, int *caps, int *letters)
{
	int words = 0;
	*caps = 1;
	*letters = 0;
	*end = i;
	while (words < max && i < s->n && dl_upper((unsigned char)s->t[i])) {
		size_t j = i;
		int up = 0, low = 0;
		while (j < s->n && dl_word_byte((unsigned char)s->t[j])) {
			up += dl_upper((unsigned char)s->t[j]);
			low += dl_lower((unsigned char)s->t[j]);
			j++;
		}
		if (s->t[j - 1] == '-' || s->t[j - 1] == '/')
			break;
		if (low)
			*caps = 0;
		*letters += up + low;
		words++;
		*end = j;
		if (j + 1 < s->n && s->t[j] == ' ' && dl_upper((unsigned char)s->t[j + 1]))
			i = j + 1;
		else
			break;
	}
	return words;
}

static const struct { const char *name; int month; } dl_months[] = {
	{ "january", 1 }, { "jan", 1 }, { "february", 2 }, { "feb", 2 },
	{ "march", 3 }, { "mar", 3 }, { "april", 4 }, { "apr", 4 }, { "may", 5 },
	{ "june", 6 }, { "jun", 6 }, { "july", 7 }, { "jul", 7 }, { "august", 8 },
	{ "aug", 8 }, { "september", 9 }, { "sept", 9 }, { "sep", 9 },
	{ "october", 10 }, { "oct", 10 }, { "november", 11 }, { "nov", 11 },
	{ "december", 12 }, { "dec", 12 },
};

/* A month name or abbreviation (any case, optional '.') at i: returns the
 * month and sets *end, else 0. */
static int dl_month(const dl_scan *s, size_t i, size_t *end)
{
	size_t j = i;
	while (j < s->n && j - i < 10 && (dl_upper((unsigned char)s->t[j]) || dl_lower((unsigned char)s->t[j])))
		j++;
	size_t w = j - i;
	if (w < 3 || w > 9 || !dl_upper((unsigned char)s->t[i]))
		return 0;
	for (size_t m = 0; m < sizeof dl_months / sizeof dl_months[0]; m++) {
		if (strlen(dl_months[m].name) != w)
			continue;
		size_t k = 0;
		while (k < w && (s->t[i + k] | 0x20) == dl_months[m].name[k])
			k++;
		if (k == w) {
			if (j < s->n && s->t[j] == '.')
				j++;
			*end = j;
			return dl_months[m].month;
		}
	}
	return 0;
}

/* A number of 1 to `digits` digits at i, not followed by a letter or digit. */
static int dl_number(const dl_scan *s, size_t i, int digits, size_t *end)
{
	int v = 0, d = 0;
	while (i < s->n && dl_digit((unsigned char)s->t[i])) {
		if (++d > digits)
			return -1;
		v = v * 10 + (s->t[i] - '0');
		i++;
	}
	if (d == 0 || (i < s->n && (dl_upper((unsigned char)s->t[i]) || dl_lower((unsigned char)s->t[i]))))
		return -1;
	*end = i;
	return v;
}

/* A year after a date: " 2024" or ", 2024". */
static int dl_year(const dl_scan *s, size_t i, size_t *end)
{
	size_t j = i;
	if (j < s->n && s->t[j] == ',')
		j++;
	if (j >= s->n || s->t[j] != ' ')
		return 0;
	size_t e;
	int y = dl_number(s, j + 1, 4, &e);
	if (y < 1900 || y > 2100)
		return 0;
	*end = e;
	return y;
}

/* "Feb 5", "Feb. 5, 2024", "12 June", "12 June 2024" at i. */
static int dl_date(const dl_scan *s, size_t i, dy_dateline *dl, size_t *end)
{
	size_t e, e2;
	int m, d;
	if ((m = dl_month(s, i, &e)) > 0) {
		if (e >= s->n || s->t[e] != ' ')
			return 0;
		d = dl_number(s, e + 1, 2, &e2);
	} else {
		d = dl_number(s, i, 2, &e);
		if (d < 0 || e >= s->n || s->t[e] != ' ')
			return 0;
		m = dl_month(s, e + 1, &e2);
		if (m == 0)
			return 0;
	}
	if (d < 1 || d > 31)
		return 0;
	dl->month = m;
	dl->day = d;
	int y = dl_year(s, e2, &e);
	if (y) {
		dl->year = y;
		e2 = e;
	}
	*end = e2;
	return 1;
}

/* "(Reuters)", "(AP)", "(Agence France-Presse)" at i. */
static int dl_agency(const dl_scan *s, size_t i, dy_span *ag, size_t *end)
{
	if (i >= s->n || s->t[i] != '(' || i + 1 >= s->n || !dl_upper((unsigned char)s->t[i + 1]))
		return 0;
	size_t j = i + 1;
	while (j < s->n && j - i <= DATELINE_AGENCY_MAX && s->t[j] != ')') {
		unsigned char c = (unsigned char)s->t[j];
		if (!(dl_word_byte(c) || c == ' ' || c == '&' || dl_digit(c)))
			return 0;
		j++;
	}
	if (j >= s->n || s->t[j] != ')')
		return 0;
	ag->off = (uint32_t)(i + 1);
	ag->len = (uint32_t)(j - i - 1);
	*end = j + 1;
	return 1;
}

/* The separator at i: returns 1 for a dash, 2 for ':', 0 for none; *end is
 * where the body starts. */
static int dl_separator(const dl_scan *s, const char *text, size_t n, size_t i, size_t *end)
{
	i = dl_skip_spaces(s, i);
	if (i >= s->n)
		return 0;
	size_t j = i;
	int kind = 1;
	unsigned char c = (unsigned char)s->t[i];
	if (c == '-') {
		j++;
		if (j < s->n && s->t[j] == '-')
			j++;
	} else if (c == 0xE2 && i + 2 < s->n && (unsigned char)s->t[i + 1] == 0x80 &&
		   ((unsigned char)s->t[i + 2] == 0x94 || (unsigned char)s->t[i + 2] == 0x93)) {
		j += 3; /* — or – */
	} else if (c == ':') {
		j++;
		kind = 2;
	} else {
		return 0;
	}
	if (j < n && !(text[j] == ' ' || text[j] == '\n'))
		return 0;
	while (j < n && (text[j] == ' ' || text[j] == '\n'))
		j++;
	*end = j;
	return kind;
}

/* An ALL-CAPS headline ("THE U.S. - IRAN TALKS") looks like a place; a place
 * without an agency may not open with one of these words. */
static int dl_function_word(const char *w)
{
	static const char *const fw[] = {
		"A", "AN", "AND", "AS", "AT", "BUT", "FOR", "HE", "IF", "IN", "IT", "ON",
		"SHE", "THE", "THEY", "THIS", "WE",
	};
	size_t n = 0;
	while (dl_upper((unsigned char)w[n]))
		n++;
	for (size_t i = 0; i < sizeof fw / sizeof fw[0]; i++)
		if (strlen(fw[i]) == n && memcmp(fw[i], w, n) == 0)
			return 1;
	return 0;
}

int dateline_find(const char *text, size_t n, dy_dateline *dl)
{
	memset(dl, 0, sizeof *dl);
	dl_scan s = { text, n < DATELINE_MAX ? n : DATELINE_MAX };
	dy_dateline got;
	memset(&got, 0, sizeof got);

	size_t i = 0;
	while (i < s.n && (text[i] == ' ' || text[i] == '\n'))
		i++;
	size_t e;
	int caps = 0, letters = 0, has_date = 0;
	int words = dl_words(&s, i, 5, &e, &caps, &letters);
	if (words) {
		got.place.off = (uint32_t)i;
		got.place.len = (uint32_t)(e - i);
		i = e;
		/* ", Saudi Arabia", ", Feb 5", ", March 3, 2024" */
		for (int parts = 0; parts < 4 && i + 1 < s.n && text[i] == ',' && text[i + 1] == ' '; parts++) {
			size_t at = i + 2, we;
			int c2, l2;
			if (!has_date && dl_date(&s, at, &got, &e)) {
				has_date = 1;
				i = e;
			} else if (dl_words(&s, at, 4, &we, &c2, &l2) > 0) {
				i = we;
			} else {
				break;
			}
		}
	}
	size_t before_agency = i;
	int has_agency = dl_agency(&s, dl_skip_spaces(&s, i), &got.agency, &e);
	if (has_agency)
		i = e;
	else
		i = before_agency;
	if (!words && !has_agency)
		return 0;
	size_t body;
	int sep = dl_separator(&s, text, n, i, &body);
	if (!sep)
		return 0;
	int ok = has_agency ||
		 (words && caps && letters >= 3 && !dl_function_word(text + got.place.off)) ||
		 (words && has_date && sep == 1);
	if (!ok)
		return 0;
	got.body = (uint32_t)body;
	*dl = got;
	return 1;
}
