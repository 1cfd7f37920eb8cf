/* SPDX-License-Identifier: MIT */
/* Event dates. Part of the enrich stage: an event is dated by the document's
 * date unless a date phrase governing its verb says otherwise ("on Monday",
 * "yesterday", "last week", "on February 5", "5 Feb", "2024-02-05").
 *
 * Exports calendar arithmetic on dy_date (days from the civil calendar, the
 * proleptic Gregorian calendar, no time zones: a date is a day, never an
 * instant), when_resolve() over a sentence's tokens, and when_resolve_text()
 * over a plain string for tests and for the explain command.
 *
 * Rules (docs/codebook.md, "Event dates", gives them with examples):
 *   - weekday: past or present verb -> the latest such day on or before the
 *     document date (the same day counts); future verb -> the earliest on or
 *     after it; "last Monday" -> strictly before, "next Monday" -> strictly after;
 *   - yesterday -1, today/tonight 0, tomorrow +1, last night -1 day;
 *     "N days ago" -N; "last week" -7 and "next week" +7 (precision: week);
 *   - month and day without a year: of the years around the document's, the
 *     date nearest the document date on or before it for a past or present
 *     verb, on or after it for a future verb, nearest either way when the
 *     tense is unknown;
 *   - times of day and zones ("at 10:00 GMT", "local time") never move a date.
 * A phrase governs the verb when it is in the verb's clause after the verb
 * (nearest first, up to the next clause boundary: ";", a verb of saying, a
 * relative or subordinating word), right before the verb ("X on Monday
 * visited"), or opens the sentence ("On Monday, X visited Y") with no verb of
 * saying between it and the verb. A phrase after "by", "until", "since",
 * "before", "after", "from" names a limit, not the event's day, and is skipped;
 * so is a possessive ("Monday's attack").
 *
 * All functions are pure: no allocation (except when_resolve_text's scratch
 * tokens, freed before it returns), no global state, safe from any thread. */
#ifndef DY_WHEN_H
#define DY_WHEN_H

#include <stddef.h>
#include <stdint.h>

#include "text/token.h"

typedef struct dy_date {
	int year;  /* e.g. 2024; 0 with month 0 and day 0: unknown */
	int month; /* 1-12 */
	int day;   /* 1-31 */
} dy_date;

enum dy_when_source {
	WHEN_FROM_DOCUMENT = 0, /* no governing phrase: the document's date */
	WHEN_FROM_TEXT     = 1  /* a date phrase of the sentence */
};

enum dy_when_kind {
	WHEN_NONE = 0,     /* from the document */
	WHEN_RELATIVE_DAY, /* yesterday, today, tonight, tomorrow, last night, N days ago */
	WHEN_RELATIVE_WEEK,/* last week, next week, N weeks ago */
	WHEN_WEEKDAY,      /* (on) Monday, last Monday, next Monday */
	WHEN_MONTH_DAY,    /* February 5, 5 Feb: year inferred */
	WHEN_FULL_DATE     /* February 5, 2024; 5 February 2024; 2024-02-05 */
};

enum dy_when_precision {
	WHEN_DAY  = 0, /* the date is the day meant */
	WHEN_WEEK = 1  /* a day inside the week meant ("last week") */
};

/* Values of when_resolve's verb_is_future. */
enum dy_when_tense {
	WHEN_TENSE_UNKNOWN = -1,
	WHEN_TENSE_PAST    = 0, /* past or present */
	WHEN_TENSE_FUTURE  = 1
};

typedef struct dy_when {
	dy_date  date;      /* the event's date; the document's when source is WHEN_FROM_DOCUMENT */
	int      source;    /* dy_when_source */
	int      kind;      /* dy_when_kind */
	int      precision; /* dy_when_precision */
	uint32_t off;       /* the phrase in the text: byte offset ... */
	uint32_t len;       /* ... and length; 0 when from the document */
	size_t   tok_first; /* the phrase's tokens [tok_first, tok_end); 0, 0 when from the document */
	size_t   tok_end;
} dy_when;

/* Calendar. Days are counted from 1970-01-01 (day 0); any date of years
 * -999999..999999 converts exactly, across months, leap years and years. */
int     when_date_valid(dy_date d);              /* 1 when d is a real day */
long    when_days_from_date(dy_date d);          /* d must be valid */
dy_date when_date_from_days(long days);
dy_date when_date_add(dy_date d, long days);     /* d must be valid */
int     when_weekday(dy_date d);                 /* ISO: 1 Monday .. 7 Sunday */
int     when_days_in_month(int year, int month); /* 0 for a month outside 1-12 */

/* Parses exactly "YYYY-MM-DD" from s[0..n); 1 and *out on success, else 0. */
int when_date_parse(const char *s, size_t n, dy_date *out /* OUT */);

/* Writes "YYYY-MM-DD" and a NUL into out (11 bytes); "" for an unknown date. */
void when_date_format(dy_date d, char out[11]);

/* Dates the event whose verb is toks[verb_index] in a sentence of `text`
 * (the normalized text the tokens point into; token.h: upper-cased `norm`,
 * `off`/`len`). verb_is_future is a dy_when_tense. verb_index >= n_toks
 * means no verb is known: the sentence's first date phrase is used.
 * doc_date may be unknown ({0,0,0}): then only phrases that carry a year
 * resolve. Always fills *out; returns 1 when the date comes from the text,
 * 0 when it is the document's. */
int when_resolve(const char *text, const dy_token *toks, size_t n_toks,
                 size_t verb_index, int verb_is_future, dy_date doc_date,
                 dy_when *out /* OUT */);

/* The same over a plain string text[0..n), tokenized by a small built-in
 * tokenizer: verb_off is the byte offset of (any byte of) the verb, or
 * WHEN_NO_VERB. For tests and for explaining a date:
 *   when_resolve_text(s, strlen(s), strstr(s, "visit") - s, 1, doc, &w); */
#define WHEN_NO_VERB ((size_t)-1)
enum { WHEN_TEXT_MAX = 1 << 16 }; /* longer text: only its first 64 KiB is read */
int when_resolve_text(const char *text, size_t n, size_t verb_off,
                      int verb_is_future, dy_date doc_date, dy_when *out /* OUT */);

/* "weekday", "relative-day", ... for a dy_when_kind; "document" for WHEN_NONE. */
const char *when_kind_name(int kind);

#endif
