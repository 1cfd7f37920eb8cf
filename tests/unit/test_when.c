/* SPDX-License-Identifier: MIT */
/* Unit tests for src/enrich/when.c: calendar arithmetic (months, leap years,
 * year boundaries) and event dates from date phrases, table-driven with dotted
 * ids; then the same resolution over hand-built tokens split the way another
 * tokenizer might split them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "enrich/when.h"
#include "text/token.h"
#include "util/arena.h"

static dy_date D(int y, int m, int d)
{
	dy_date x = {y, m, d};
	return x;
}

static dy_date P(const char *s)
{
	dy_date d = {0, 0, 0};
	if (s && !when_date_parse(s, strlen(s), &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

/* ---- calendar ---- */

static int naive_leap(int y)
{
	return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

/* Walks day by day from 1600-01-01 to 2400-12-31 with a counter written
 * independently of when.c, and checks both conversions on every day. */
static void calendar_counts_every_day(void **state)
{
	(void)state;
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long z = when_days_from_date(D(1600, 1, 1));
	int wd = when_weekday(D(1600, 1, 1));
	assert_int_equal(wd, 6); /* 1600-01-01 was a Saturday */
	for (int y = 1600; y <= 2400; y++)
		for (int m = 1; m <= 12; m++) {
			int nd = dim[m - 1] + (m == 2 && naive_leap(y));
			assert_int_equal(when_days_in_month(y, m), nd);
			for (int d = 1; d <= nd; d++) {
				dy_date x = D(y, m, d);
				assert_true(when_date_valid(x));
				assert_int_equal(when_days_from_date(x), z);
				dy_date back = when_date_from_days(z);
				assert_int_equal(back.year, y);
				assert_int_equal(back.month, m);
				assert_int_equal(back.day, d);
				assert_int_equal(when_weekday(x), wd);
				z++;
				wd = wd % 7 + 1;
			}
		}
	assert_int_equal(when_days_from_date(D(1970, 1, 1)), 0);
	assert_int_equal(when_weekday(D(1970, 1, 1)), 4);
	assert_int_equal(when_weekday(D(2024, 4, 16)), 2);
	/* Before year 0 and far ahead: still exact round trips. */
	long far[] = {-800000000L, -1L, 365L * 5000, 300000000L};
	for (size_t i = 0; i < sizeof far / sizeof far[0]; i++)
		assert_int_equal(when_days_from_date(when_date_from_days(far[i])), far[i]);
}

static void calendar_adds_across_boundaries(void **state)
{
	(void)state;
	static const struct { const char *from; long add; const char *to; } t[] = {
		{"2024-02-28", 1, "2024-02-29"}, {"2024-02-29", 1, "2024-03-01"},
		{"2023-02-28", 1, "2023-03-01"}, {"2024-03-01", -1, "2024-02-29"},
		{"1900-02-28", 1, "1900-03-01"}, {"2000-02-28", 1, "2000-02-29"},
		{"2024-12-31", 1, "2025-01-01"}, {"2024-01-01", -1, "2023-12-31"},
		{"2024-01-31", 30, "2024-03-01"}, {"2024-04-16", -7, "2024-04-09"},
		{"2024-04-16", 366, "2025-04-17"}, {"2023-04-16", 366, "2024-04-16"},
	};
	char buf[11];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		when_date_format(when_date_add(P(t[i].from), t[i].add), buf);
		assert_string_equal(buf, t[i].to);
	}
}

static void calendar_parses_and_formats(void **state)
{
	(void)state;
	static const char *bad[] = {
		"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-2-05",
		"2024-02-5", "2024/02/05", "24-02-05", "2024-02-05T", "", "abcd-ef-gh",
	};
	dy_date d;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(when_date_parse(bad[i], strlen(bad[i]), &d));
	assert_false(when_date_parse(NULL, 0, &d));
	assert_true(when_date_parse("2024-02-29", 10, &d));
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	/* Only the first 10 bytes count when told so. */
	assert_true(when_date_parse("2024-02-05 and more", 10, &d));
	char buf[11];
	when_date_format(D(7, 3, 9), buf);
	assert_string_equal(buf, "0007-03-09");
	when_date_format(D(0, 0, 0), buf);
	assert_string_equal(buf, "");
	when_date_format(D(2023, 2, 29), buf);
	assert_string_equal(buf, "");
}

/* ---- phrases ---- */

enum { PAST = WHEN_TENSE_PAST, FUT = WHEN_TENSE_FUTURE, UNK = WHEN_TENSE_UNKNOWN };

typedef struct phrase_case {
	const char *id;
	const char *doc;    /* document date, NULL: unknown */
	const char *text;
	const char *verb;   /* a substring naming the verb; NULL: no verb */
	int         tense;
	const char *want;   /* expected date, "" when none */
	const char *phrase; /* expected span, NULL: the document's date */
	int         kind;   /* expected kind when phrase != NULL */
} phrase_case;

static const phrase_case cases[] = {
	/* Weekdays; the document is Tuesday 2024-04-16. */
	{"wd.1", "2024-04-16", "Blinken met Lavrov on Monday.", "met", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"wd.2", "2024-04-16", "Blinken met Lavrov on Tuesday.", "met", PAST, "2024-04-16", "on Tuesday", WHEN_WEEKDAY},
	{"wd.3", "2024-04-16", "Blinken met Lavrov on Wednesday.", "met", PAST, "2024-04-10", "on Wednesday", WHEN_WEEKDAY},
	{"wd.4", "2024-04-16", "Blinken will visit Beijing on Monday.", "visit", FUT, "2024-04-22", "on Monday", WHEN_WEEKDAY},
	{"wd.5", "2024-04-16", "Blinken will visit Beijing on Tuesday.", "visit", FUT, "2024-04-16", "on Tuesday", WHEN_WEEKDAY},
	{"wd.6", "2024-04-16", "Blinken will visit Beijing on Friday.", "visit", FUT, "2024-04-19", "on Friday", WHEN_WEEKDAY},
	{"wd.7", "2024-04-16", "Rebels attacked the base Sunday.", "attacked", PAST, "2024-04-14", "Sunday", WHEN_WEEKDAY},
	{"wd.8", "2024-04-16", "Rebels attacked the base last Tuesday.", "attacked", PAST, "2024-04-09", "last Tuesday", WHEN_WEEKDAY},
	{"wd.9", "2024-04-16", "Rebels attacked the base last Monday.", "attacked", PAST, "2024-04-15", "last Monday", WHEN_WEEKDAY},
	{"wd.10", "2024-04-16", "The envoy will return next Tuesday.", "return", FUT, "2024-04-23", "next Tuesday", WHEN_WEEKDAY},
	{"wd.11", "2024-04-16", "Police arrested him late on Saturday night.", "arrested", PAST, "2024-04-13", "late on Saturday night", WHEN_WEEKDAY},
	{"wd.12", "2024-04-16", "Police arrested him on Tues. in Lagos.", "arrested", PAST, "2024-04-16", "on Tues.", WHEN_WEEKDAY},
	{"wd.13", "2024-04-16", "The leaders meet on Friday.", "meet", UNK, "2024-04-19", "on Friday", WHEN_WEEKDAY},
	{"wd.14", "2024-04-16", "The leaders met on Saturday.", "met", UNK, "2024-04-13", "on Saturday", WHEN_WEEKDAY},
	/* Year boundary and leap day for weekdays. */
	{"wd.15", "2024-01-02", "Troops shelled the village on Sunday.", "shelled", PAST, "2023-12-31", "on Sunday", WHEN_WEEKDAY},
	{"wd.16", "2024-03-01", "Troops shelled the village on Thursday.", "shelled", PAST, "2024-02-29", "on Thursday", WHEN_WEEKDAY},
	{"wd.17", "2024-12-30", "The minister will fly to Paris on Wednesday.", "fly", FUT, "2025-01-01", "on Wednesday", WHEN_WEEKDAY},

	/* Relative days and weeks. */
	{"rel.1", "2024-04-16", "Israel struck Gaza yesterday.", "struck", PAST, "2024-04-15", "yesterday", WHEN_RELATIVE_DAY},
	{"rel.2", "2024-04-16", "Israel struck Gaza today.", "struck", PAST, "2024-04-16", "today", WHEN_RELATIVE_DAY},
	{"rel.3", "2024-04-16", "The talks will resume tomorrow.", "resume", FUT, "2024-04-17", "tomorrow", WHEN_RELATIVE_DAY},
	{"rel.4", "2024-04-16", "Israel struck Gaza last night.", "struck", PAST, "2024-04-15", "last night", WHEN_RELATIVE_DAY},
	{"rel.5", "2024-04-16", "Israel struck Gaza last week.", "struck", PAST, "2024-04-09", "last week", WHEN_RELATIVE_WEEK},
	{"rel.6", "2024-04-16", "The envoy will visit Kyiv next week.", "visit", FUT, "2024-04-23", "next week", WHEN_RELATIVE_WEEK},
	{"rel.7", "2024-04-16", "Israel struck Gaza three days ago.", "struck", PAST, "2024-04-13", "three days ago", WHEN_RELATIVE_DAY},
	{"rel.8", "2024-04-16", "Israel struck Gaza 20 days ago.", "struck", PAST, "2024-03-27", "20 days ago", WHEN_RELATIVE_DAY},
	{"rel.9", "2024-03-01", "Israel struck Gaza yesterday.", "struck", PAST, "2024-02-29", "yesterday", WHEN_RELATIVE_DAY},
	{"rel.10", "2023-03-01", "Israel struck Gaza yesterday.", "struck", PAST, "2023-02-28", "yesterday", WHEN_RELATIVE_DAY},
	{"rel.11", "2024-01-01", "Israel struck Gaza yesterday.", "struck", PAST, "2023-12-31", "yesterday", WHEN_RELATIVE_DAY},
	{"rel.13", "2024-04-16", "Israel struck Gaza repeatedly over the past week.", "struck", PAST, "2024-04-16", NULL, 0},
	{"rel.12", "2024-04-16", "Israel struck Gaza two weeks ago.", "struck", PAST, "2024-04-02", "two weeks ago", WHEN_RELATIVE_WEEK},

	/* Month and day: forms. */
	{"md.1", "2024-04-16", "Blinken met Lavrov on April 14.", "met", PAST, "2024-04-14", "on April 14", WHEN_MONTH_DAY},
	{"md.2", "2024-04-16", "Blinken met Lavrov on February 5.", "met", PAST, "2024-02-05", "on February 5", WHEN_MONTH_DAY},
	{"md.3", "2024-04-16", "Blinken met Lavrov 5 Feb in Geneva.", "met", PAST, "2024-02-05", "5 Feb", WHEN_MONTH_DAY},
	{"md.4", "2024-04-16", "Blinken met Lavrov on Feb. 5 in Geneva.", "met", PAST, "2024-02-05", "on Feb. 5", WHEN_MONTH_DAY},
	{"md.5", "2024-04-16", "Blinken met Lavrov on 4 April.", "met", PAST, "2024-04-04", "on 4 April", WHEN_MONTH_DAY},
	{"md.6", "2024-04-16", "Blinken met Lavrov on February 5th.", "met", PAST, "2024-02-05", "on February 5th", WHEN_MONTH_DAY},
	{"md.7", "2024-04-16", "Blinken met Lavrov on the 5th of February.", "met", PAST, "2024-02-05", "5th of February", WHEN_MONTH_DAY},
	{"md.8", "2024-07-09", "Indian Prime Minister Narendra Modi arrived in Moscow on July 8 for two days of talks.", "arrived", PAST, "2024-07-08", "on July 8", WHEN_MONTH_DAY},
	{"md.9", "2024-04-16", "Elections will be held on Sept. 8.", "held", FUT, "2024-09-08", "on Sept. 8", WHEN_MONTH_DAY},
	/* Month and day: the year. */
	{"yr.1", "2024-01-02", "The president will visit Delhi on 4 January.", "visit", FUT, "2024-01-04", "on 4 January", WHEN_MONTH_DAY},
	{"yr.2", "2024-01-02", "The president visited Delhi on 4 January.", "visited", PAST, "2023-01-04", "on 4 January", WHEN_MONTH_DAY},
	{"yr.3", "2024-01-02", "The president visited Delhi on December 30.", "visited", PAST, "2023-12-30", "on December 30", WHEN_MONTH_DAY},
	{"yr.4", "2024-01-02", "The president will visit Delhi on December 30.", "visit", FUT, "2024-12-30", "on December 30", WHEN_MONTH_DAY},
	{"yr.5", "2024-01-02", "The president visits Delhi on December 30.", "visits", UNK, "2023-12-30", "on December 30", WHEN_MONTH_DAY},
	{"yr.6", "2024-01-02", "The president visits Delhi on January 4.", "visits", UNK, "2024-01-04", "on January 4", WHEN_MONTH_DAY},
	{"yr.7", "2023-12-30", "The president will visit Delhi on January 4.", "visit", FUT, "2024-01-04", "on January 4", WHEN_MONTH_DAY},
	/* Leap days. */
	{"leap.1", "2024-03-05", "Protesters blocked the road on February 29.", "blocked", PAST, "2024-02-29", "on February 29", WHEN_MONTH_DAY},
	{"leap.2", "2025-03-01", "Protesters blocked the road on February 29.", "blocked", PAST, "2024-02-29", "on February 29", WHEN_MONTH_DAY},
	{"leap.3", "2023-03-01", "Protesters blocked the road on February 29.", "blocked", PAST, "2023-03-01", NULL, 0},
	{"leap.4", "2023-03-01", "Protesters will block the road on February 29.", "block", FUT, "2024-02-29", "on February 29", WHEN_MONTH_DAY},
	{"leap.5", "2023-03-01", "Protesters blocked the road on February 29, 2023.", "blocked", PAST, "2023-03-01", NULL, 0},
	{"leap.6", "2023-03-01", "Protesters blocked the road on February 30.", "blocked", PAST, "2023-03-01", NULL, 0},
	/* Full dates. */
	{"full.1", "2024-04-16", "Blinken met Lavrov on February 5, 2024.", "met", PAST, "2024-02-05", "on February 5, 2024", WHEN_FULL_DATE},
	{"full.2", "2024-04-16", "Blinken met Lavrov on 5 February 2023.", "met", PAST, "2023-02-05", "on 5 February 2023", WHEN_FULL_DATE},
	{"full.3", "2024-04-16", "Blinken met Lavrov on 2024-02-05.", "met", PAST, "2024-02-05", "on 2024-02-05", WHEN_FULL_DATE},
	{"full.4", "2024-04-16", "Blinken met Lavrov on Monday, February 5, 2024.", "met", PAST, "2024-02-05", "on Monday, February 5, 2024", WHEN_FULL_DATE},
	{"full.5", NULL, "Blinken met Lavrov on February 5, 2024.", "met", PAST, "2024-02-05", "on February 5, 2024", WHEN_FULL_DATE},
	{"full.6", NULL, "Blinken met Lavrov on Monday.", "met", PAST, "", NULL, 0},

	/* Times of day and zones never move the date. */
	{"tz.1", "2024-04-16", "Israeli jets struck Gaza on Monday local time.", "struck", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"tz.2", "2024-04-16", "The two leaders met at 10:00 GMT on Monday.", "met", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"tz.3", "2024-04-16", "The missile hit Kharkiv at 2300 GMT (0200 local time) on Sunday.", "hit", PAST, "2024-04-14", "on Sunday", WHEN_WEEKDAY},
	{"tz.4", "2024-04-16", "The missile hit Kharkiv at 5 a.m. local time on April 12.", "hit", PAST, "2024-04-12", "on April 12", WHEN_MONTH_DAY},

	/* Which phrase governs the verb. */
	{"gov.1", "2024-04-16", "On Monday, Turkish warplanes struck militant positions in northern Iraq.", "struck", PAST, "2024-04-15", "On Monday", WHEN_WEEKDAY},
	{"gov.2", "2024-04-16", "Turkish warplanes struck militant positions on Sunday, the ministry said on Monday.", "struck", PAST, "2024-04-14", "on Sunday", WHEN_WEEKDAY},
	{"gov.3", "2024-04-16", "Turkish warplanes struck militant positions on Sunday, the ministry said on Monday.", "said", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"gov.4", "2024-04-16", "Rebels attacked the town, the army said on Monday.", "attacked", PAST, "2024-04-16", NULL, 0},
	{"gov.5", "2024-04-16", "Modi, who arrived in Moscow on Sunday, met Putin on Monday.", "met", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"gov.6", "2024-04-16", "Modi, who arrived in Moscow on Sunday, met Putin on Monday.", "arrived", PAST, "2024-04-14", "on Sunday", WHEN_WEEKDAY},
	{"gov.7", "2024-04-16", "The minister condemned Monday's attack on the embassy.", "condemned", PAST, "2024-04-16", NULL, 0},
	{"gov.8", "2024-04-16", "The rebels agreed to a truce until Friday.", "agreed", PAST, "2024-04-16", NULL, 0},
	{"gov.9", "2024-04-16", "The talks were postponed to Friday.", "postponed", PAST, "2024-04-16", NULL, 0},
	{"gov.10", "2024-04-16", "Rebels attacked the town.", "attacked", PAST, "2024-04-16", NULL, 0},
	{"gov.11", "2024-04-16", "The president on Monday signed the agreement.", "signed", PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"gov.12", "2024-04-16", "\"On Sunday, police arrested 40 protesters,\" the minister said.", "arrested", PAST, "2024-04-14", "On Sunday", WHEN_WEEKDAY},
	{"gov.13", "2024-04-16", "On Monday, the minister said rebels attacked the town.", "attacked", PAST, "2024-04-16", NULL, 0},
	{"gov.14", "2024-04-16", "On Monday, Modi, who arrived on Sunday, met Putin.", "met", PAST, "2024-04-15", "On Monday", WHEN_WEEKDAY},
	{"gov.15", "2024-04-16", "Police met protesters after clashes on Sunday.", "met", PAST, "2024-04-16", NULL, 0},
	/* Words that look like dates but are not. */
	{"not.1", "2024-04-16", "Thousands will march 5 km to the palace.", "march", FUT, "2024-04-16", NULL, 0},
	{"not.2", "2024-04-16", "Rebels may 5 times attack the town.", "attack", FUT, "2024-04-16", NULL, 0},
	{"not.3", "2024-04-16", "The Sun reported the raid.", "reported", PAST, "2024-04-16", NULL, 0},
	{"not.4", "2024-04-16", "Prime Minister Theresa May met the king.", "met", PAST, "2024-04-16", NULL, 0},
	/* No verb known: the first phrase. */
	{"nv.1", "2024-04-16", "Talks in Geneva on Monday.", NULL, PAST, "2024-04-15", "on Monday", WHEN_WEEKDAY},
	{"nv.2", "2024-04-16", "", NULL, PAST, "2024-04-16", NULL, 0},
};

/* Resolves one case with the pipeline's tokenizer (text/token.h). */
static int resolve_with_pipeline_tokens(dy_arena *a, const phrase_case *c, size_t verb_off,
                                        dy_when *w)
{
	dy_token *toks;
	dy_span sp = {0, (uint32_t)strlen(c->text)};
	size_t n = tok_sentence(a, c->text, sp, &toks);
	size_t verb = WHEN_NO_VERB;
	for (size_t i = 0; verb_off != WHEN_NO_VERB && i < n; i++)
		if (verb_off >= toks[i].off && verb_off < (size_t)toks[i].off + toks[i].len)
			verb = i;
	return when_resolve(c->text, toks, n, verb, c->tense, P(c->doc), w);
}

static void run_cases(int pipeline)
{
	dy_arena a;
	arena_init(&a);
	lemma_init();
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const phrase_case *c = &cases[i];
		size_t verb = WHEN_NO_VERB;
		if (c->verb) {
			const char *v = strstr(c->text, c->verb);
			assert_non_null(v);
			verb = (size_t)(v - c->text);
		}
		dy_when w;
		int r = pipeline ? resolve_with_pipeline_tokens(&a, c, verb, &w)
		                 : when_resolve_text(c->text, strlen(c->text), verb, c->tense, P(c->doc), &w);
		char got[11];
		when_date_format(w.date, got);
		char span[128] = "";
		if (w.len && w.len < sizeof span)
			memcpy(span, c->text + w.off, w.len), span[w.len] = '\0';
		int ok = strcmp(got, c->want) == 0;
		if (c->phrase) {
			ok = ok && r == 1 && w.source == WHEN_FROM_TEXT && strcmp(span, c->phrase) == 0 &&
			     w.kind == c->kind && w.tok_end > w.tok_first;
		} else {
			ok = ok && r == 0 && w.source == WHEN_FROM_DOCUMENT && w.len == 0 &&
			     w.kind == WHEN_NONE;
		}
		if (!ok) {
			print_error("%s%s: %s -> %s [%s] (%s), want %s [%s]\n", c->id,
			            pipeline ? " (pipeline tokens)" : "", c->text, got, span,
			            when_kind_name(w.kind), c->want, c->phrase ? c->phrase : "document");
			failed++;
		}
		arena_reset(&a);
	}
	arena_free(&a);
	assert_int_equal(failed, 0);
}

static void phrases_resolve(void **state)
{
	(void)state;
	run_cases(0);
}

/* The same table through the tokenizer the pipeline uses, which splits some
 * things differently ("10:00", "a.m.", possessives). */
static void phrases_resolve_over_pipeline_tokens(void **state)
{
	(void)state;
	run_cases(1);
}

static void week_phrases_say_their_precision(void **state)
{
	(void)state;
	const char *s = "Israel struck Gaza last week.";
	dy_when w;
	assert_int_equal(when_resolve_text(s, strlen(s), 7, PAST, P("2024-04-16"), &w), 1);
	assert_int_equal(w.precision, WHEN_WEEK);
	s = "Israel struck Gaza yesterday.";
	assert_int_equal(when_resolve_text(s, strlen(s), 7, PAST, P("2024-04-16"), &w), 1);
	assert_int_equal(w.precision, WHEN_DAY);
	assert_string_equal(when_kind_name(w.kind), "relative-day");
	assert_string_equal(when_kind_name(WHEN_NONE), "document");
}

/* ---- hand-built tokens ---- */

typedef struct tok_spec {
	const char *norm;
	uint32_t    off;
	uint32_t    flags;
} tok_spec;

static size_t build(const tok_spec *spec, size_t n, dy_token *out)
{
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof out[i]);
		out[i].off = spec[i].off;
		out[i].norm = spec[i].norm;
		out[i].norm_len = (uint32_t)strlen(spec[i].norm);
		out[i].len = out[i].norm_len;
		out[i].lemma = out[i].norm;
		out[i].lemma_len = out[i].norm_len;
		out[i].flags = spec[i].flags;
	}
	return n;
}

/* A tokenizer that splits the dot off "Feb." and the ISO date into five
 * pieces, and "'s" into a token of its own. */
static void tokens_split_differently_resolve_alike(void **state)
{
	(void)state;
	dy_token toks[16];
	dy_when w;
	/*           0         1         2         3
	 *           0123456789012345678901234567890123 */
	const char *a = "Blinken met Lavrov on Feb. 5.";
	static const tok_spec sa[] = {
		{"BLINKEN", 0, TOK_WORD | TOK_CAP}, {"MET", 8, TOK_WORD}, {"LAVROV", 12, TOK_WORD | TOK_CAP},
		{"ON", 19, TOK_WORD}, {"FEB", 22, TOK_WORD | TOK_CAP}, {".", 25, TOK_PUNCT},
		{"5", 27, TOK_NUMBER}, {".", 28, TOK_PUNCT},
	};
	size_t n = build(sa, sizeof sa / sizeof sa[0], toks);
	assert_int_equal(when_resolve(a, toks, n, 1, PAST, P("2024-04-16"), &w), 1);
	assert_int_equal(w.date.month, 2);
	assert_int_equal(w.date.day, 5);
	assert_int_equal(w.date.year, 2024);
	assert_int_equal(w.off, 19);
	assert_int_equal(w.len, 9); /* "on Feb. 5" */
	assert_int_equal(w.tok_first, 3);
	assert_int_equal(w.tok_end, 7);

	const char *b = "They met on 2024-02-05 in Rome.";
	static const tok_spec sb[] = {
		{"THEY", 0, TOK_WORD | TOK_CAP}, {"MET", 5, TOK_WORD}, {"ON", 9, TOK_WORD},
		{"2024", 12, TOK_NUMBER}, {"-", 16, TOK_PUNCT}, {"02", 17, TOK_NUMBER},
		{"-", 19, TOK_PUNCT}, {"05", 20, TOK_NUMBER}, {"IN", 23, TOK_WORD},
		{"ROME", 26, TOK_WORD | TOK_CAP}, {".", 30, TOK_PUNCT},
	};
	n = build(sb, sizeof sb / sizeof sb[0], toks);
	assert_int_equal(when_resolve(b, toks, n, 1, PAST, P("2024-04-16"), &w), 1);
	assert_int_equal(w.kind, WHEN_FULL_DATE);
	assert_int_equal(w.date.year, 2024);
	assert_int_equal(w.date.month, 2);
	assert_int_equal(w.date.day, 5);
	assert_int_equal(w.len, strlen("on 2024-02-05"));

	/* The same pieces with spaces between are no date. */
	const char *c = "They met 2024 - 02 - 05 times.";
	static const tok_spec sc[] = {
		{"THEY", 0, TOK_WORD | TOK_CAP}, {"MET", 5, TOK_WORD}, {"2024", 9, TOK_NUMBER},
		{"-", 14, TOK_PUNCT}, {"02", 16, TOK_NUMBER}, {"-", 19, TOK_PUNCT},
		{"05", 21, TOK_NUMBER}, {"TIMES", 24, TOK_WORD}, {".", 29, TOK_PUNCT},
	};
	n = build(sc, sizeof sc / sizeof sc[0], toks);
	assert_int_equal(when_resolve(c, toks, n, 1, PAST, P("2024-04-16"), &w), 0);
	assert_int_equal(w.source, WHEN_FROM_DOCUMENT);

	const char *d = "He condemned Monday's attack.";
	static const tok_spec sd[] = {
		{"HE", 0, TOK_WORD | TOK_CAP}, {"CONDEMNED", 3, TOK_WORD},
		{"MONDAY", 13, TOK_WORD | TOK_CAP}, {"'S", 19, TOK_POSSESS},
		{"ATTACK", 22, TOK_WORD}, {".", 28, TOK_PUNCT},
	};
	n = build(sd, sizeof sd / sizeof sd[0], toks);
	assert_int_equal(when_resolve(d, toks, n, 1, PAST, P("2024-04-16"), &w), 0);
	assert_int_equal(w.date.day, 16);

	/* No tokens at all. */
	assert_int_equal(when_resolve(d, toks, 0, 0, PAST, P("2024-04-16"), &w), 0);
	assert_int_equal(when_resolve(d, NULL, 5, 0, PAST, P("2024-04-16"), &w), 0);
	assert_int_equal(w.date.day, 16);
}

/* Input the tokenizer can be handed: no crash, bounded work, document date. */
static void odd_input_is_harmless(void **state)
{
	(void)state;
	dy_when w;
	assert_int_equal(when_resolve_text(NULL, 10, 0, PAST, P("2024-04-16"), &w), 0);
	const char *junk = "\xff\xfe on \x01 Monday\x80 ; : 31 99 Feb. . , 2024-99-99 '''s";
	when_resolve_text(junk, strlen(junk), 0, PAST, P("2024-04-16"), &w);
	/* 10,000 date phrases and a verb at the end: candidates are capped. */
	size_t n = 10000 * 10 + 16;
	char *big = malloc(n + 1);
	assert_non_null(big);
	size_t k = 0;
	for (int i = 0; i < 10000; i++) {
		memcpy(big + k, "on Monday ", 10);
		k += 10;
	}
	memcpy(big + k, "they met.", 9);
	k += 9;
	big[k] = '\0';
	when_resolve_text(big, k, k - 5, PAST, P("2024-04-16"), &w);
	when_resolve_text(big, k, WHEN_NO_VERB, PAST, P("2024-04-16"), &w);
	assert_int_equal(w.source, WHEN_FROM_TEXT);
	assert_int_equal(w.off, 0);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calendar_counts_every_day),
		cmocka_unit_test(calendar_adds_across_boundaries),
		cmocka_unit_test(calendar_parses_and_formats),
		cmocka_unit_test(phrases_resolve),
		cmocka_unit_test(phrases_resolve_over_pipeline_tokens),
		cmocka_unit_test(week_phrases_say_their_precision),
		cmocka_unit_test(tokens_split_differently_resolve_alike),
		cmocka_unit_test(odd_input_is_harmless),
	};
	return cmocka_run_group_tests_name("when", tests, NULL, NULL);
}
