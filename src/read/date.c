/* SPDX-License-Identifier: MIT */
/* Date parsing for the readers: every format's way of writing a date becomes
 * "YYYY-MM-DD". Exports date_parse(), date_from_tabari() and date_valid()
 * (read.h). Only calendar days are kept: times and time zones are dropped
 * without shifting the day, because a news date is the day the source gave. */
#include <stdio.h>
#include <string.h>

#include "read.h"

/* The C locale's character classes (dyad never sets another locale) without a
 * library call per byte: a date is parsed for every document. */
static inline int d_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int d_isalpha(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }
static inline int d_isspace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int d_tolower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int date_valid(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		return leap;
	}
	return 1;
}

static int put(int y, int m, int d, char out[11])
{
	if (!date_valid(y, m, d))
		return 0;
	/* by hand: snprintf showed in profiles (one call per document) */
	unsigned uy = (unsigned)y, um = (unsigned)m, ud = (unsigned)d;
	out[0] = (char)('0' + uy / 1000 % 10);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10 % 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10 % 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = '\0';
	return 1;
}

/* Reads exactly k digits at s[*i]; -1 when they are not there. */
static int digits(const char *s, size_t n, size_t *i, int k)
{
	int v = 0;
	if (*i + (size_t)k > n)
		return -1;
	for (int j = 0; j < k; j++) {
		unsigned char c = (unsigned char)s[*i + (size_t)j];
		if (!d_isdigit(c))
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)k;
	return v;
}

/* Reads 1 or 2 digits (a day). */
static int day_digits(const char *s, size_t n, size_t *i)
{
	int v = 0, k = 0;
	while (*i < n && k < 2 && d_isdigit((unsigned char)s[*i]))
		v = v * 10 + (s[(*i)++] - '0'), k++;
	if (k == 0 || (*i < n && d_isdigit((unsigned char)s[*i])))
		return -1;
	return v;
}

/* Month name (English, full, three letters, or "Sept"), optionally followed by '.'. */
static int month_name(const char *s, size_t n, size_t *i)
{
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	size_t j = *i;
	while (j < n && d_isalpha((unsigned char)s[j]))
		j++;
	size_t len = j - *i;
	if (len < 3)
		return -1;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		if (len > full)
			continue;
		int ok = 1;
		for (size_t k = 0; k < len && ok; k++)
			ok = d_tolower((unsigned char)s[*i + k]) == names[m][k];
		if (ok && (len == 3 || len == full || (m == 8 && len == 4))) {
			*i = j;
			if (*i < n && s[*i] == '.')
				(*i)++;
			return m + 1;
		}
	}
	return -1;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (d_isspace((unsigned char)s[i]) || s[i] == ','))
		i++;
	return i;
}

int date_parse(const char *s, size_t n, char out[11])
{
	if (!s)
		return 0;
	while (n && d_isspace((unsigned char)*s))
		s++, n--;
	while (n && d_isspace((unsigned char)s[n - 1]))
		n--;
	if (n < 8)
		return 0;
	size_t i = 0;
	if (d_isdigit((unsigned char)s[0]) && d_isdigit((unsigned char)s[3]) &&
	    d_isdigit((unsigned char)s[1]) && d_isdigit((unsigned char)s[2])) {
		int y = digits(s, n, &i, 4), m, d;
		if (i < n && (s[i] == '-' || s[i] == '/')) {
			char sep = s[i++];
			if ((m = digits(s, n, &i, 2)) < 0 || i >= n || s[i++] != sep ||
			    (d = digits(s, n, &i, 2)) < 0)
				return 0;
		} else {
			if ((m = digits(s, n, &i, 2)) < 0 || (d = digits(s, n, &i, 2)) < 0)
				return 0;
		}
		/* A time may follow ("T09:00:00Z", " 09:00"); nothing else may. */
		if (i < n && s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return 0;
		return put(y, m, d, out);
	}
	/* RFC 822 "Tue, 16 Apr 2024 ...", "16 April 2024", "April 16, 2024". */
	if (d_isalpha((unsigned char)s[0])) {
		size_t j = 0;
		while (j < n && d_isalpha((unsigned char)s[j]))
			j++;
		if (j < n && s[j] == ',') {
			i = skip_blanks(s, n, j); /* weekday name */
		}
	}
	int y, m, d;
	if (i < n && d_isdigit((unsigned char)s[i])) {
		if ((d = day_digits(s, n, &i)) < 0)
			return 0;
		i = skip_blanks(s, n, i);
		if ((m = month_name(s, n, &i)) < 0)
			return 0;
		i = skip_blanks(s, n, i);
		if ((y = digits(s, n, &i, 4)) < 0)
			return 0;
	} else {
		if ((m = month_name(s, n, &i)) < 0)
			return 0;
		i = skip_blanks(s, n, i);
		if ((d = day_digits(s, n, &i)) < 0)
			return 0;
		i = skip_blanks(s, n, i);
		if ((y = digits(s, n, &i, 4)) < 0)
			return 0;
	}
	if (i < n && d_isdigit((unsigned char)s[i]))
		return 0;
	return put(y, m, d, out);
}

int date_from_tabari(const char *s, size_t n, char out[11])
{
	size_t i = 0;
	int y, m, d;
	if (n == 6) {
		if ((y = digits(s, n, &i, 2)) < 0)
			return 0;
		y += y <= 30 ? 2000 : 1900; /* TABARI manual: 00-30 are 2000-2030 */
	} else if (n == 8) {
		if ((y = digits(s, n, &i, 4)) < 0)
			return 0;
	} else {
		return 0;
	}
	if ((m = digits(s, n, &i, 2)) < 0 || (d = digits(s, n, &i, 2)) < 0)
		return 0;
	return put(y, m, d, out);
}
