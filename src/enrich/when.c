/* SPDX-License-Identifier: MIT */
/* Event dates (when.h): calendar arithmetic, date phrases found over tokens,
 * and the choice of the phrase that governs an event's verb.
 *
 * Model: a sentence is scanned once, left to right, for date phrases
 * (candidates, at most WHEN_MAX_CAND, never overlapping); each candidate is a
 * "core" (the words that name the day) plus prefixes that belong to it ("on",
 * "late on"). The verb then picks one: the nearest candidate after it in its
 * clause, else one right before it, else one opening the sentence. The
 * calendar counts days from 1970-01-01 with the civil-from-days arithmetic of
 * 400-year eras (146097 days each), so no time zone or C library time
 * function is involved. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "when.h"

/* ---- calendar ----------------------------------------------------------- */

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int when_days_in_month(int year, int month)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return dim[month - 1];
}

int when_date_valid(dy_date d)
{
	if (d.year < -999999 || d.year > 999999)
		return 0;
	return d.day >= 1 && d.day <= when_days_in_month(d.year, d.month);
}

/* Years are counted from March, so that the leap day ends a year: then the day
 * of the year is a fixed function of the month, and each 400-year era holds
 * 146097 days. */
long when_days_from_date(dy_date d)
{
	long y = (long)d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                          /* 0..399 */
	long mp = (d.month + 9) % 12;                      /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d.day - 1;         /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* 0..146096 */
	return era * 146097 + doe - 719468;                /* 719468: 0000-03-01 to 1970-01-01 */
}

dy_date when_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long day = doy - (153 * mp + 2) / 5 + 1;
	long month = mp < 10 ? mp + 3 : mp - 9;
	long year = yoe + era * 400 + (month <= 2);
	dy_date d = {(int)year, (int)month, (int)day};
	return d;
}

dy_date when_date_add(dy_date d, long days)
{
	return when_date_from_days(when_days_from_date(d) + days);
}

int when_weekday(dy_date d)
{
	long z = when_days_from_date(d);
	/* 1970-01-01 was a Thursday (ISO 4). */
	return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

static int digits_at(const char *s, size_t n, int *v)
{
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 1;
}

int when_date_parse(const char *s, size_t n, dy_date *out)
{
	dy_date d;
	if (!s || n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (!digits_at(s, 4, &d.year) || !digits_at(s + 5, 2, &d.month) ||
	    !digits_at(s + 8, 2, &d.day))
		return 0;
	if (!when_date_valid(d))
		return 0;
	*out = d;
	return 1;
}

void when_date_format(dy_date d, char out[11])
{
	if (!when_date_valid(d) || d.year < 0 || d.year > 9999) {
		out[0] = '\0';
		return;
	}
	/* digit by digit, no loop: this runs for every event written */
	int y = d.year;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + d.month / 10);
	out[6] = (char)('0' + d.month % 10);
	out[7] = '-';
	out[8] = (char)('0' + d.day / 10);
	out[9] = (char)('0' + d.day % 10);
	out[10] = '\0';
}

const char *when_kind_name(int kind)
{
	switch (kind) {
	case WHEN_RELATIVE_DAY:  return "relative-day";
	case WHEN_RELATIVE_WEEK: return "relative-week";
	case WHEN_WEEKDAY:       return "weekday";
	case WHEN_MONTH_DAY:     return "month-day";
	case WHEN_FULL_DATE:     return "full-date";
	default:                 return "document";
	}
}

/* ---- words -------------------------------------------------------------- */

/* Limits: candidates per sentence, and how far after the verb its clause is
 * searched (a sentence is at most TOK_MAX_PER_SENTENCE tokens anyway). */
enum { WHEN_MAX_CAND = 64, WHEN_SCAN_MAX = 40 };

typedef struct when_ctx {
	const char     *text;
	const dy_token *toks;
	size_t          n;
	const uint8_t  *vocab;  /* per token: 1 + its vocab[] entry, or WORD_NONE/DIGIT/COLON */
} when_ctx;

/* Token i's word: its upper-case norm without a trailing dot, so that "Feb."
 * reads as FEB whether or not the tokenizer kept the dot. */
static int word_at(const when_ctx *cx, size_t i, const char **w, size_t *n)
{
	if (i >= cx->n || !cx->toks[i].norm)
		return 0;
	*w = cx->toks[i].norm;
	*n = cx->toks[i].norm_len;
	if (*n > 1 && (*w)[*n - 1] == '.')
		(*n)--;
	return 1;
}

static inline int word_is(const when_ctx *cx, size_t i, const char *lit)
{
	if (i >= cx->n)
		return 0;
	const dy_token *t = &cx->toks[i];
	const char *w = t->norm;
	size_t n = t->norm_len;
	/* The first byte rules out nearly every word at once: this runs for every
	 * token against every list. */
	if (!w || n == 0 || w[0] != lit[0])
		return 0;
	if (n > 1 && w[n - 1] == '.')
		n--; /* as word_at(): "Feb." reads as FEB */
	/* strncmp stops at lit's end; lit[n] then tells whether it ends there. */
	return strncmp(w, lit, n) == 0 && lit[n] == '\0';
}

/* The words of the lists below, each with its place in every list, so that
 * a token is looked up once per sentence instead of compared with every
 * list at every step (word_in(); the phrase matchers ask for each token
 * again and again). Made once, on first use; read-only afterwards. */
enum { WL_MONTH, WL_MONTH_ABBREV, WL_DAY, WL_STARTER, WL_COUNT, WL_PART, WL_PREFIX,
       WL_LIMIT, WL_SAYING, WL_CLAUSE, WL_OTHER_START, WL_LISTS };
enum { VOCAB_MAX = 160, VOCAB_SLOTS = 4096, VOCAB_WORD = 12 };
/* Per-token codes besides 1 + a vocab[] index: no list word, and no list
 * word but what the scans below look for (a number, ';' or ':'). */
enum { WORD_NONE = 255, WORD_DIGIT = 254, WORD_COLON = 253 };
typedef struct when_word {
	char   w[VOCAB_WORD];
	size_t n;
	int8_t at[WL_LISTS];  /* index in each list, -1 when absent */
	uint8_t starts;       /* 1: a date core can start with it (may_start_date()) */
} when_word;
static when_word vocab[VOCAB_MAX];
static size_t n_vocab;
static uint8_t vocab_slot[VOCAB_SLOTS]; /* 1 + vocab index; 0: empty */
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

/* Of the first two bytes, the last and the length only (multiplicative
 * hashing, the top bits): no loop over the word. The lists' ~150 words
 * fill few of the VOCAB_SLOTS, so nearly every other word lands on an empty
 * slot and is rejected by this hash and one load. */
static uint32_t vocab_hash(const char *w, size_t n)
{
	uint32_t a = (unsigned char)w[0], b = (unsigned char)w[n > 1], z = (unsigned char)w[n - 1];
	return ((a << 24 | b << 16 | z << 8 | (uint32_t)n) * 2654435761u) >> 20;
}

static int vocab_same(const when_word *v, const char *w, size_t n)
{
	if (v->n != n)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (v->w[k] != w[k])
			return 0;
	return 1;
}

/* The vocab code of token t: 1 + its vocab[] entry, else WORD_DIGIT (it
 * starts with a digit), WORD_COLON (with ';' or ':') or WORD_NONE. Its word
 * as word_is() reads it. */
static inline uint8_t vocab_code(const dy_token *t)
{
	const char *w = t->norm;
	size_t n = t->norm_len;
	if (!w || n == 0)
		return WORD_NONE;
	if (w[0] >= '0' && w[0] <= '9')
		return WORD_DIGIT;
	if (w[0] == ';' || w[0] == ':')
		return WORD_COLON;
	/* no list word is longer (a trailing dot aside), and every one starts
	 * with a capital letter: most tokens stop at these tests */
	if (n - 1 >= VOCAB_WORD || (unsigned)(w[0] - 'A') > 'Z' - 'A')
		return WORD_NONE;
	if (n > 1 && w[n - 1] == '.')
		n--;
	if (n >= VOCAB_WORD)
		return WORD_NONE;
	for (uint32_t h = vocab_hash(w, n) & (VOCAB_SLOTS - 1); vocab_slot[h];
	     h = (h + 1) & (VOCAB_SLOTS - 1))
		if (vocab_same(&vocab[vocab_slot[h] - 1], w, n))
			return vocab_slot[h];
	return WORD_NONE;
}

/* Token i's entry in vocab[], or NULL (when_resolve() looked every token up
 * once, into cx->vocab). */
static inline const when_word *word_entry(const when_ctx *cx, size_t i)
{
	if (i >= cx->n || cx->vocab[i] > VOCAB_MAX)
		return NULL;
	return &vocab[cx->vocab[i] - 1];
}

/* Index of token i's word in list l (WL_*), else -1. */
static int word_in(const when_ctx *cx, size_t i, int l)
{
	const when_word *v = word_entry(cx, i);
	return v ? v->at[l] : -1;
}

static int has_dot(const when_ctx *cx, size_t i)
{
	const dy_token *t = &cx->toks[i];
	return (t->flags & TOK_ABBREV) || (t->norm_len > 1 && t->norm[t->norm_len - 1] == '.') ||
	       (i + 1 < cx->n && word_is(cx, i + 1, ".") && cx->toks[i + 1].off == t->off + t->len);
}

/* Month and day names are proper nouns: "March" and "May" in lower case are
 * a verb and a modal. */
static int capitalized(const when_ctx *cx, size_t i)
{
	if (i >= cx->n)
		return 0;
	if (!cx->text)
		return (cx->toks[i].flags & TOK_CAP) != 0;
	char c = cx->text[cx->toks[i].off];
	return c >= 'A' && c <= 'Z';
}

static const char *const month_names[] = {
	"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
	"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", NULL
};
static const char *const month_abbrevs[] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", NULL
};
static const char *const day_names[] = {
	"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", NULL
};
/* Weekday abbreviations count only with their dot ("Tues."): bare, SAT and
 * SUN are ordinary words. */
static const struct { const char *w; int day; } day_abbrevs[] = {
	{"MON", 1}, {"TUE", 2}, {"TUES", 2}, {"WED", 3}, {"THU", 4}, {"THUR", 4},
	{"THURS", 4}, {"FRI", 5}, {"SAT", 6}, {"SUN", 7}
};

static int month_at(const when_ctx *cx, size_t i)
{
	if (!capitalized(cx, i))
		return 0;
	int k = word_in(cx, i, WL_MONTH);
	if (k >= 0)
		return k + 1;
	k = word_in(cx, i, WL_MONTH_ABBREV);
	if (k >= 0)
		return k + 1;
	if (word_is(cx, i, "SEPT"))
		return 9;
	return 0;
}

static int weekday_at(const when_ctx *cx, size_t i)
{
	if (!capitalized(cx, i))
		return 0;
	int k = word_in(cx, i, WL_DAY);
	if (k >= 0)
		return k + 1;
	if (!has_dot(cx, i))
		return 0;
	for (size_t j = 0; j < sizeof day_abbrevs / sizeof day_abbrevs[0]; j++)
		if (word_is(cx, i, day_abbrevs[j].w))
			return day_abbrevs[j].day;
	return 0;
}

/* A whole-token number of 1-4 digits, with an ordinal suffix allowed
 * ("5TH", "1ST", "22ND", "3RD"). Returns the value, or -1. */
static int number_at(const when_ctx *cx, size_t i, int allow_ordinal)
{
	const char *w;
	size_t n;
	if (!word_at(cx, i, &w, &n) || n == 0)
		return -1;
	size_t d = 0;
	int v = 0;
	while (d < n && d < 5 && w[d] >= '0' && w[d] <= '9')
		v = v * 10 + (w[d++] - '0');
	if (d == 0 || d > 4)
		return -1;
	if (d == n)
		return v;
	if (allow_ordinal && n - d == 2 &&
	    (!memcmp(w + d, "ST", 2) || !memcmp(w + d, "ND", 2) ||
	     !memcmp(w + d, "RD", 2) || !memcmp(w + d, "TH", 2)))
		return v;
	return -1;
}

static int day_number_at(const when_ctx *cx, size_t i)
{
	int v = number_at(cx, i, 1);
	return v >= 1 && v <= 31 ? v : 0;
}

/* Years a news text names: four digits, 1900-2199. */
static int year_at(const when_ctx *cx, size_t i)
{
	const char *w;
	size_t n;
	if (!word_at(cx, i, &w, &n) || n != 4)
		return 0;
	int v = number_at(cx, i, 0);
	return v >= 1900 && v <= 2199 ? v : 0;
}

static const char *const count_words[] = {
	"A", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
	"NINE", "TEN", NULL
};

/* A count for "N days ago": digits 1-366 or a number word. */
static int count_at(const when_ctx *cx, size_t i)
{
	int v = number_at(cx, i, 0);
	if (v >= 1 && v <= 366)
		return v;
	int k = word_in(cx, i, WL_COUNT);
	return k < 0 ? 0 : (k == 0 ? 1 : k);
}

/* Adjacent tokens with nothing between them ("2024" "-" "02"). */
static int touching(const when_ctx *cx, size_t i)
{
	return i + 1 < cx->n && cx->toks[i].off + cx->toks[i].len == cx->toks[i + 1].off;
}

/* ---- candidates --------------------------------------------------------- */

typedef struct when_cand {
	size_t first, end;  /* span [first, end) with prefixes */
	int    kind;        /* dy_when_kind */
	int    precision;
	int    rel;         /* days, for relative kinds */
	int    weekday;     /* 1-7, WHEN_WEEKDAY */
	int    mod;         /* WHEN_WEEKDAY: -1 last, 0 bare or "this", +1 next */
	int    year, month, day;
	int    usable;      /* 0: a limit ("until Monday") or possessive, not the event's day */
} when_cand;

/* The optional year after a day and month whose last token is at *j: "Feb 5,
 * 2024" or "Feb 5 2024"; a comma followed by something else ends the phrase
 * before it. Moves *j past what it takes; returns the year, or 0. */
static int year_after(const when_ctx *cx, size_t *j)
{
	size_t k = *j + 1;
	int y;
	if (word_is(cx, k, ",") && (y = year_at(cx, k + 1)) != 0) {
		*j = k + 2;
		return y;
	}
	if ((y = year_at(cx, k)) != 0) {
		*j = k + 1;
		return y;
	}
	*j = k;
	return 0;
}

/* Month-day or day-month (with an optional year) starting at i; fills c and
 * returns the end, or 0. */
static size_t match_calendar(const when_ctx *cx, size_t i, when_cand *c)
{
	size_t j;
	int m, d, y = 0;
	if ((m = month_at(cx, i)) != 0) {
		j = i + 1;
		if (word_is(cx, j, "."))
			j++;
		if (!(d = day_number_at(cx, j)))
			return 0;
		y = year_after(cx, &j);
	} else if ((d = day_number_at(cx, i)) != 0) {
		j = i + 1;
		if (word_is(cx, j, "OF"))
			j++;
		if (!(m = month_at(cx, j)))
			return 0;
		y = year_after(cx, &j);
	} else {
		return 0;
	}
	/* A day no year has ("February 30") is no date. */
	if (d > when_days_in_month(2000, m))
		return 0;
	if (y) {
		dy_date t = {y, m, d};
		if (!when_date_valid(t))
			return 0;
	}
	c->kind = y ? WHEN_FULL_DATE : WHEN_MONTH_DAY;
	c->year = y;
	c->month = m;
	c->day = d;
	return j;
}

/* ISO 8601 day, as one token "2024-02-05" or as five touching tokens. */
static size_t match_iso(const when_ctx *cx, size_t i, when_cand *c)
{
	const char *w;
	size_t n;
	dy_date d;
	if (!word_at(cx, i, &w, &n))
		return 0;
	if (n == 10 && when_date_parse(w, n, &d)) {
		c->kind = WHEN_FULL_DATE;
		c->year = d.year, c->month = d.month, c->day = d.day;
		return i + 1;
	}
	if (!year_at(cx, i) || i + 4 >= cx->n)
		return 0;
	for (size_t k = i; k < i + 4; k++)
		if (!touching(cx, k))
			return 0;
	if (!word_is(cx, i + 1, "-") || !word_is(cx, i + 3, "-"))
		return 0;
	const char *a, *b;
	size_t an, bn;
	if (!word_at(cx, i + 2, &a, &an) || !word_at(cx, i + 4, &b, &bn) || an != 2 || bn != 2)
		return 0;
	d.year = year_at(cx, i);
	if (!digits_at(a, 2, &d.month) || !digits_at(b, 2, &d.day) || !when_date_valid(d))
		return 0;
	c->kind = WHEN_FULL_DATE;
	c->year = d.year, c->month = d.month, c->day = d.day;
	return i + 5;
}

static const char *const part_words[] = {"MORNING", "AFTERNOON", "EVENING", "NIGHT", NULL};

static size_t match_weekday(const when_ctx *cx, size_t i, when_cand *c)
{
	int wd = weekday_at(cx, i);
	if (!wd)
		return 0;
	size_t j = i + 1;
	/* "Tues." split as "TUES" "." belongs together. */
	if (word_in(cx, i, WL_DAY) < 0 && word_is(cx, j, ".") && touching(cx, i))
		j++;
	/* "Monday, February 5": the calendar date is the better part. */
	size_t k = word_is(cx, j, ",") ? j + 1 : j;
	when_cand cal = *c;
	size_t e = match_calendar(cx, k, &cal);
	if (e) {
		*c = cal;
		return e;
	}
	/* "Monday's attack" dates the attack, not the verb's event. */
	if (j < cx->n && ((cx->toks[j].flags & TOK_POSSESS) || word_is(cx, j, "'S") ||
	                  word_is(cx, j, "'")))
		c->usable = 0;
	if (word_in(cx, j, WL_PART) >= 0)
		j++;
	c->kind = WHEN_WEEKDAY;
	c->weekday = wd;
	return j;
}

/* Words a date phrase's core can start with besides digits and capitalized
 * words (months, weekdays). */
static const char *const starter_words[] = {
	"YESTERDAY", "TODAY", "TONIGHT", "TOMORROW", "LAST", "NEXT", "THIS", "A", "ONE",
	"TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", NULL
};

/* Words other than those of the lists above that a core can start with:
 * "Sept." and the weekday abbreviations (weekday_at(), month_at()). */
static const char *const other_start_words[] = {
	"SEPT", "MON", "TUE", "TUES", "WED", "THU", "THUR", "THURS", "FRI", "SAT", "SUN", NULL
};

/* Most tokens cannot open a date phrase; telling so first spares them the
 * dozens of comparisons of the matchers below. A core starts with a digit
 * or with a word of the month, weekday, starter, count or other-start lists
 * (capitalised, or a starter word in any case): match_core() finds nothing
 * at any other token, capitalised names and the lists' other words ("On",
 * "Said", "When") included. */
static int may_start_date(const when_ctx *cx, size_t i)
{
	const char *w;
	size_t n;
	if (!word_at(cx, i, &w, &n) || n == 0)
		return 0;
	if (w[0] >= '0' && w[0] <= '9')
		return 1;
	const when_word *v = word_entry(cx, i);
	if (!v || !v->starts)
		return 0;
	return capitalized(cx, i) || v->at[WL_STARTER] >= 0;
}

/* The core of a date phrase starting at token i; returns its end or 0. */
static size_t match_core(const when_ctx *cx, size_t i, when_cand *c)
{
	size_t e;
	if (!may_start_date(cx, i))
		return 0;
	c->precision = WHEN_DAY;
	c->usable = 1;
	if (word_is(cx, i, "YESTERDAY"))
		return c->kind = WHEN_RELATIVE_DAY, c->rel = -1, i + 1;
	if (word_is(cx, i, "TODAY") || word_is(cx, i, "TONIGHT"))
		return c->kind = WHEN_RELATIVE_DAY, c->rel = 0, i + 1;
	if (word_is(cx, i, "TOMORROW"))
		return c->kind = WHEN_RELATIVE_DAY, c->rel = 1, i + 1;
	/* "the past week" is a stretch of time, not a day: only LAST counts. */
	int last = word_is(cx, i, "LAST");
	int next = word_is(cx, i, "NEXT");
	int cur = word_is(cx, i, "THIS");
	if (last && word_is(cx, i + 1, "NIGHT"))
		return c->kind = WHEN_RELATIVE_DAY, c->rel = -1, i + 2;
	if ((last || next) && word_is(cx, i + 1, "WEEK")) {
		c->kind = WHEN_RELATIVE_WEEK;
		c->precision = WHEN_WEEK;
		c->rel = last ? -7 : 7;
		return i + 2;
	}
	if (cur && (word_is(cx, i + 1, "MORNING") || word_is(cx, i + 1, "AFTERNOON") ||
	             word_is(cx, i + 1, "EVENING")))
		return c->kind = WHEN_RELATIVE_DAY, c->rel = 0, i + 2;
	if ((last || next || cur) && (e = match_weekday(cx, i + 1, c)) != 0) {
		if (c->kind == WHEN_WEEKDAY)
			c->mod = last ? -1 : next ? 1 : 0;
		return e;
	}
	int cnt = count_at(cx, i);
	if (cnt && word_is(cx, i + 2, "AGO")) {
		if (word_is(cx, i + 1, "DAY") || word_is(cx, i + 1, "DAYS"))
			return c->kind = WHEN_RELATIVE_DAY, c->rel = -cnt, i + 3;
		if ((word_is(cx, i + 1, "WEEK") || word_is(cx, i + 1, "WEEKS")) && cnt <= 52) {
			c->kind = WHEN_RELATIVE_WEEK;
			c->precision = WHEN_WEEK;
			c->rel = -7 * cnt;
			return i + 3;
		}
	}
	if ((e = match_iso(cx, i, c)) != 0)
		return e;
	if ((e = match_weekday(cx, i, c)) != 0)
		return e;
	return match_calendar(cx, i, c);
}

/* Words before a phrase that make it a limit or a schedule, not the day the
 * event happened: "until Monday", "postponed to Monday", "set for Monday". */
static const char *const limit_words[] = {
	"BY", "UNTIL", "TILL", "SINCE", "BEFORE", "AFTER", "FROM", "THROUGH", "TO",
	"FOR", "OF", "BETWEEN", NULL
};
/* Words that join a phrase ("late on Monday", "on the morning of"). */
static const char *const prefix_words[] = {"ON", "LATE", "EARLY", "EARLIER", "LATER", NULL};

static size_t find_candidates(const when_ctx *cx, when_cand *out, size_t cap)
{
	size_t nc = 0;
	for (size_t i = 0; i < cx->n && nc < cap;) {
		/* may_start_date()'s answer for most tokens, before any call: a
		 * core starts with a digit or a word of the lists */
		uint8_t vc = cx->vocab[i];
		if (vc != WORD_DIGIT && (vc > VOCAB_MAX || !vocab[vc - 1].starts)) {
			i++;
			continue;
		}
		when_cand c;
		memset(&c, 0, sizeof c);
		size_t e = match_core(cx, i, &c);
		if (!e) {
			i++;
			continue;
		}
		size_t first = i;
		size_t lo = nc ? out[nc - 1].end : 0;
		while (first > lo && word_in(cx, first - 1, WL_PREFIX) >= 0)
			first--;
		if (first > 0 && word_in(cx, first - 1, WL_LIMIT) >= 0)
			c.usable = 0;
		c.first = first;
		c.end = e;
		out[nc++] = c;
		i = e;
	}
	return nc;
}

/* ---- resolution --------------------------------------------------------- */

/* Of the month/day in years around the document's, the one the tense allows
 * nearest the document date. */
static int resolve_month_day(const when_cand *c, dy_date doc, int tense, dy_date *out)
{
	long dd = when_days_from_date(doc);
	long best = 0;
	int found = 0;
	for (int y = doc.year - 1; y <= doc.year + 1; y++) {
		dy_date t = {y, c->month, c->day};
		if (!when_date_valid(t))
			continue;
		long diff = when_days_from_date(t) - dd;
		if (tense == WHEN_TENSE_FUTURE ? diff < 0 : tense == WHEN_TENSE_PAST ? diff > 0 : 0)
			continue;
		long a = diff < 0 ? -diff : diff, b = best < 0 ? -best : best;
		/* Ties (only possible when unknown) go to the past. */
		if (!found || a < b || (a == b && diff < best)) {
			best = diff;
			found = 1;
		}
	}
	if (found)
		*out = when_date_add(doc, best);
	return found;
}

static int resolve_weekday(const when_cand *c, dy_date doc, int tense, dy_date *out)
{
	int wd = when_weekday(doc);
	int back = (wd - c->weekday + 7) % 7;   /* days back to it, 0 when today */
	int fwd = (c->weekday - wd + 7) % 7;    /* days on to it, 0 when today */
	long delta;
	if (c->mod < 0)
		delta = back ? -back : -7;
	else if (c->mod > 0)
		delta = fwd ? fwd : 7;
	else if (tense == WHEN_TENSE_FUTURE)
		delta = fwd;
	else if (tense == WHEN_TENSE_PAST)
		delta = -back;
	else
		delta = fwd < back ? fwd : -back;
	*out = when_date_add(doc, delta);
	return 1;
}

static int resolve_cand(const when_cand *c, dy_date doc, int tense, dy_date *out)
{
	int have_doc = when_date_valid(doc);
	switch (c->kind) {
	case WHEN_FULL_DATE: {
		dy_date d = {c->year, c->month, c->day};
		*out = d;
		return 1;
	}
	case WHEN_RELATIVE_DAY:
	case WHEN_RELATIVE_WEEK:
		if (!have_doc)
			return 0;
		*out = when_date_add(doc, c->rel);
		return 1;
	case WHEN_WEEKDAY:
		return have_doc && resolve_weekday(c, doc, tense, out);
	case WHEN_MONTH_DAY:
		return have_doc && resolve_month_day(c, doc, tense, out);
	default:
		return 0;
	}
}

/* Clause boundaries: past one, a phrase belongs to another verb. */
static const char *const saying_words[] = {
	"SAID", "SAYS", "SAY", "TOLD", "TELLS", "ADDED", "ANNOUNCED", "REPORTED",
	"STATED", "ACCORDING", NULL
};
static const char *const clause_words[] = {
	"WHO", "WHOM", "WHOSE", "WHICH", "WHERE", "WHEN", "WHILE", "WHEREAS",
	"BECAUSE", "ALTHOUGH", "THOUGH", "UNLESS", "AFTER", "BEFORE", "SINCE",
	"UNTIL", NULL
};

static int is_hard_boundary(const when_ctx *cx, size_t i)
{
	if (word_is(cx, i, ";"))
		return 1;
	/* A colon ends a clause; one inside "10:00" does not. */
	if (word_is(cx, i, ":")) {
		uint32_t after = cx->toks[i].off + cx->toks[i].len;
		return !(i + 1 < cx->n && cx->toks[i + 1].off == after);
	}
	return word_in(cx, i, WL_SAYING) >= 0;
}

static int is_boundary(const when_ctx *cx, size_t i)
{
	/* most tokens are none: not ';' or ':' and in no list */
	if (i >= cx->n)
		return 0;
	if (cx->vocab[i] == WORD_NONE || cx->vocab[i] == WORD_DIGIT)
		return 0;
	return is_hard_boundary(cx, i) || word_in(cx, i, WL_CLAUSE) >= 0;
}

static const char *const *const vocab_lists[WL_LISTS] = {
	month_names, month_abbrevs, day_names, starter_words, count_words, part_words,
	prefix_words, limit_words, saying_words, clause_words, other_start_words
};

static void vocab_make(void)
{
	for (int l = 0; l < WL_LISTS; l++) {
		const char *const *list = vocab_lists[l];
		for (int k = 0; list[k]; k++) {
			size_t n = strlen(list[k]);
			uint32_t h = vocab_hash(list[k], n) & (VOCAB_SLOTS - 1);
			while (vocab_slot[h] && (vocab[vocab_slot[h] - 1].n != n ||
			                         memcmp(vocab[vocab_slot[h] - 1].w, list[k], n)))
				h = (h + 1) & (VOCAB_SLOTS - 1);
			if (!vocab_slot[h]) {
				/* sizes fixed with the lists above, words capitalised
				 * (word_entry() relies on it): a list that breaks this fails here */
				if (n_vocab >= VOCAB_MAX || n >= VOCAB_WORD || list[k][0] < 'A' || list[k][0] > 'Z')
					abort();
				when_word *v = &vocab[n_vocab++];
				memcpy(v->w, list[k], n);
				v->n = n;
				memset(v->at, -1, sizeof v->at);
				vocab_slot[h] = (uint8_t)n_vocab;
			}
			when_word *v = &vocab[vocab_slot[h] - 1];
			if (v->at[l] < 0)
				v->at[l] = (int8_t)k; /* the first of equal words, as a list scan finds */
		}
	}
	for (size_t k = 0; k < n_vocab; k++) {
		const int8_t *at = vocab[k].at;
		vocab[k].starts = at[WL_MONTH] >= 0 || at[WL_MONTH_ABBREV] >= 0 || at[WL_DAY] >= 0 ||
		                  at[WL_STARTER] >= 0 || at[WL_COUNT] >= 0 || at[WL_OTHER_START] >= 0;
	}
}

static void when_fill(dy_when *out, const when_ctx *cx, const when_cand *c, dy_date d)
{
	out->date = d;
	out->source = WHEN_FROM_TEXT;
	out->kind = c->kind;
	out->precision = c->precision;
	out->tok_first = c->first;
	out->tok_end = c->end;
	out->off = cx->toks[c->first].off;
	const dy_token *last = &cx->toks[c->end - 1];
	out->len = last->off + last->len - out->off;
}

int when_resolve(const char *text, const dy_token *toks, size_t n_toks,
                 size_t verb_index, int verb_is_future, dy_date doc_date,
                 dy_when *out)
{
	memset(out, 0, sizeof *out);
	out->date = doc_date;
	out->source = WHEN_FROM_DOCUMENT;
	out->kind = WHEN_NONE;
	if (!toks || n_toks == 0)
		return 0;
	if (n_toks > TOK_MAX_PER_SENTENCE)
		n_toks = TOK_MAX_PER_SENTENCE;
	pthread_once(&vocab_once, vocab_make);
	/* every token's list word, looked up once: the matchers ask for each
	 * token again and again */
	uint8_t seen[TOK_MAX_PER_SENTENCE];
	for (size_t i = 0; i < n_toks; i++)
		seen[i] = vocab_code(&toks[i]);
	when_ctx cx = {text, toks, n_toks, seen};
	when_cand cand[WHEN_MAX_CAND];
	size_t nc = find_candidates(&cx, cand, WHEN_MAX_CAND);
	int tense = verb_is_future > 0 ? WHEN_TENSE_FUTURE :
	            verb_is_future < 0 ? WHEN_TENSE_UNKNOWN : WHEN_TENSE_PAST;
	dy_date d;

	if (verb_index >= n_toks) {
		for (size_t k = 0; k < nc; k++)
			if (cand[k].usable && resolve_cand(&cand[k], doc_date, tense, &d)) {
				when_fill(out, &cx, &cand[k], d);
				return 1;
			}
		return 0;
	}

	/* 1. After the verb, in its clause: the nearest. */
	size_t k = 0;
	while (k < nc && cand[k].first <= verb_index)
		k++;
	size_t limit = verb_index + WHEN_SCAN_MAX;
	/* (once no candidate is left the clause's end no longer matters) */
	for (size_t j = verb_index + 1; j < n_toks && j <= limit && k < nc; j++) {
		if (cand[k].first == j) {
			if (cand[k].usable && resolve_cand(&cand[k], doc_date, tense, &d)) {
				when_fill(out, &cx, &cand[k], d);
				return 1;
			}
			j = cand[k].end - 1;
			k++;
			continue;
		}
		if (is_boundary(&cx, j))
			break;
	}

	/* 2. Right before the verb ("X on Monday visited Y", "X, on Monday, also
	 * visited"): at most two tokens between, none a boundary. */
	for (size_t c = 0; c < nc && cand[c].end <= verb_index; c++) {
		if (cand[c].end + 2 < verb_index || !cand[c].usable)
			continue;
		int clear = 1, comma = 0;
		for (size_t j = cand[c].end; j < verb_index; j++) {
			if (is_boundary(&cx, j))
				clear = 0;
			if (word_is(&cx, j, ","))
				comma = 1;
		}
		/* "Modi, who arrived on Sunday, met Putin": a phrase closing an
		 * inserted clause belongs to that clause's verb. */
		if (comma)
			for (size_t j = cand[c].first; j-- > 0 && !word_is(&cx, j, ",");)
				if (is_boundary(&cx, j))
					clear = 0;
		if (clear && resolve_cand(&cand[c], doc_date, tense, &d)) {
			when_fill(out, &cx, &cand[c], d);
			return 1;
		}
	}

	/* 3. Opening the sentence ("On Monday, X visited Y"; a leading quote
	 * allowed), unless a verb of saying stands between it and the verb: the
	 * phrase then dates the saying. Relative clauses between ("X, who ...,
	 * visited") do not block it. */
	if (nc && cand[0].usable && cand[0].end <= verb_index &&
	    (cand[0].first == 0 || (cand[0].first == 1 && (toks[0].flags & TOK_PUNCT)))) {
		int clear = 1;
		for (size_t j = cand[0].end; j < verb_index; j++)
			if (is_hard_boundary(&cx, j))
				clear = 0;
		if (clear && resolve_cand(&cand[0], doc_date, tense, &d)) {
			when_fill(out, &cx, &cand[0], d);
			return 1;
		}
	}
	return 0;
}

/* ---- plain-string front end -------------------------------------------- */

static int is_alnum_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A small tokenizer for when_resolve_text: words and numbers, with "-", "/"
 * and "." kept inside them when a letter or digit follows ("2024-02-05",
 * "U.S."); a short word's final dot kept ("Feb.", "Tues."); the possessive
 * "'s" split off; every other byte of punctuation a token of its own. The
 * pipeline's tokenizer (text/token.h) is richer; this one only has to find
 * date phrases the same way. norm strings live in one buffer. */
static size_t when_tokenize(const char *s, size_t n, dy_token *toks, size_t cap, char *normbuf)
{
	size_t nt = 0, i = 0;
	char *np = normbuf;
	while (i < n && nt < cap) {
		unsigned char c = (unsigned char)s[i];
		if (is_space_byte(c)) {
			i++;
			continue;
		}
		size_t start = i;
		uint32_t flags = 0;
		if (c == '\'' && i + 1 < n && (s[i + 1] == 's' || s[i + 1] == 'S') &&
		    (i + 2 == n || !is_alnum_byte((unsigned char)s[i + 2])) && i > 0 &&
		    is_alnum_byte((unsigned char)s[i - 1])) {
			i += 2;
			flags = TOK_POSSESS | TOK_WORD;
		} else if (is_alnum_byte(c)) {
			while (i < n) {
				unsigned char d = (unsigned char)s[i];
				if (is_alnum_byte(d)) {
					i++;
				} else if ((d == '-' || d == '/' || d == '.') && i + 1 < n &&
				           is_alnum_byte((unsigned char)s[i + 1])) {
					i++;
				} else {
					break;
				}
			}
			int alpha = !(c >= '0' && c <= '9');
			/* "Feb. 5", "Tues. in": a short word's dot is its own when the
			 * text goes on in lower case or digits; else it ends the sentence. */
			if (alpha && i < n && s[i] == '.' && i - start <= 5) {
				size_t k = i + 1;
				while (k < n && is_space_byte((unsigned char)s[k]))
					k++;
				if (k > i + 1 && k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9'))) {
					i++;
					flags |= TOK_ABBREV;
				}
			}
			flags |= alpha ? TOK_WORD : TOK_NUMBER;
			if (c >= 'A' && c <= 'Z')
				flags |= TOK_CAP;
		} else {
			i++;
			flags = TOK_PUNCT;
		}
		dy_token *t = &toks[nt++];
		t->off = (uint32_t)start;
		t->len = (uint32_t)(i - start);
		t->flags = flags;
		t->norm = np;
		for (size_t k = start; k < i; k++) {
			char ch = s[k];
			*np++ = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
		}
		*np++ = '\0';
		t->norm_len = t->len;
		t->lemma = t->norm;
		t->lemma_len = t->norm_len;
	}
	return nt;
}

int when_resolve_text(const char *text, size_t n, size_t verb_off,
                      int verb_is_future, dy_date doc_date, dy_when *out)
{
	if (!text)
		n = 0;
	if (n > WHEN_TEXT_MAX)
		n = WHEN_TEXT_MAX;
	size_t cap = n < TOK_MAX_PER_SENTENCE ? n + 1 : TOK_MAX_PER_SENTENCE;
	dy_token *toks = xcalloc(cap, sizeof *toks);
	char *normbuf = xmalloc(2 * n + 1);
	size_t nt = when_tokenize(text, n, toks, cap, normbuf);
	size_t verb = WHEN_NO_VERB;
	for (size_t i = 0; verb_off != WHEN_NO_VERB && i < nt; i++)
		if (verb_off >= toks[i].off && verb_off < (size_t)toks[i].off + toks[i].len) {
			verb = i;
			break;
		}
	int r = when_resolve(text, toks, nt, verb, verb_is_future, doc_date, out);
	free(normbuf);
	free(toks);
	return r;
}
