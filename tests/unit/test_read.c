/* SPDX-License-Identifier: MIT */
/* Unit tests for src/read: every input format on small files of its own
 * (tests/data/read), format detection, date parsing, and the messages for
 * malformed records (captured from the dy_diag stream, checked for file and line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "read/read.h"
#include "read/read_int.h"
#include "util/arena.h"
#include "util/diag.h"

/* --- helpers --- */

#define MAX_DOCS 64

typedef struct got {
	dy_doc    d[MAX_DOCS];
	int       n;
	long      skipped;
	dy_format fmt;
	char      msgs[8192]; /* everything reported */
	dy_diag   dg;
	dy_arena  a;          /* not reset while collecting: all documents stay valid */
} got;

#include "test_data.h"

static const char *data(const char *name)
{
	static char path[1200];
	test_data_path(path, sizeof path, "read", name);
	return path;
}

static void collect(got *g, dy_reader *r)
{
	assert_non_null(r);
	g->fmt = reader_format(r);
	dy_doc d;
	while (reader_next(r, &g->a, &d)) {
		assert_true(g->n < MAX_DOCS);
		g->d[g->n++] = d;
	}
	g->skipped = reader_skipped(r);
	reader_close(r);
	fflush(g->dg.out);
	rewind(g->dg.out);
	size_t k = fread(g->msgs, 1, sizeof g->msgs - 1, g->dg.out);
	g->msgs[k] = '\0';
}

static got *got_new(void)
{
	got *g = calloc(1, sizeof *g);
	assert_non_null(g);
	FILE *out = tmpfile();
	assert_non_null(out);
	diag_init(&g->dg, out);
	arena_init(&g->a);
	return g;
}

static void got_free(got *g)
{
	fclose(g->dg.out);
	arena_free(&g->a);
	free(g);
}

static got *read_file(const char *name, dy_format fmt, const char *date)
{
	got *g = got_new();
	collect(g, reader_open(data(name), fmt, date, &g->dg));
	return g;
}

static got *read_mem(const char *name, const char *s, size_t n, dy_format fmt)
{
	got *g = got_new();
	collect(g, reader_open_mem(name, s, n, fmt, NULL, &g->dg));
	return g;
}

/* The message for `line` of file `name`: "NAME:LINE: " followed by `text`. */
static void assert_msg(const got *g, const char *name, long line, const char *text)
{
	char want[512];
	if (line > 0)
		snprintf(want, sizeof want, "%s:%ld: %s", name, line, text);
	else
		snprintf(want, sizeof want, "%s: %s", name, text);
	if (!strstr(g->msgs, want))
		fail_msg("message [%s] not among:\n%s", want, g->msgs);
}

static const dy_doc *by_id(const got *g, const char *id)
{
	for (int i = 0; i < g->n; i++)
		if (g->d[i].id && !strcmp(g->d[i].id, id))
			return &g->d[i];
	fail_msg("no document with id %s", id);
	return NULL;
}

/* --- names and detection --- */

static void format_names_round_trip(void **state)
{
	(void)state;
	for (int f = FMT_AUTO; f <= FMT_CSV; f++)
		assert_int_equal(format_from_name(format_name((dy_format)f)), f);
	assert_int_equal(format_from_name("rss"), FMT_FEED);
	assert_int_equal(format_from_name("atom"), FMT_FEED);
	assert_int_equal(format_from_name("csv"), FMT_CSV);
	assert_int_equal(format_from_name("yaml"), -1);
	assert_int_equal(format_from_name(NULL), -1);
}

static void detect_by_content(void **state)
{
	(void)state;
#define DETECT(s) format_detect(s, strlen(s))
	assert_int_equal(DETECT("{\"id\": \"1\", \"text\": \"x\"}\n"), FMT_JSONL);
	assert_int_equal(DETECT("\xEF\xBB\xBF  {\"text\": \"x\"}"), FMT_JSONL);
	assert_int_equal(DETECT("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), FMT_FEED);
	assert_int_equal(DETECT("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), FMT_FEED);
	assert_int_equal(DETECT("<?xml version=\"1.0\"?><unknown/>"), FMT_FEED);
	assert_int_equal(DETECT("<!-- notes\n -->\n<Sentences>\n<Sentence date=\"1\">"),
			 FMT_PETRARCH);
	assert_int_equal(DETECT("<Sentence id=\"x\">"), FMT_PETRARCH);
	assert_int_equal(DETECT("<!DOCTYPE html>\n<html>"), FMT_HTML);
	assert_int_equal(DETECT("<HTML><BODY>"), FMT_HTML);
	assert_int_equal(DETECT("950101  DEMO-01\nSome text\n"), FMT_TABARI);
	assert_int_equal(DETECT("\n# header comment\n#\n\n950101 X-1\ntext\n"), FMT_TABARI);
	assert_int_equal(DETECT("950101*INTRO\ntext"), FMT_TABARI);
	assert_int_equal(DETECT("20150607 YYYY-01\ntext"), FMT_TABARI);
	assert_int_equal(DETECT("\"\",\"date\",\"text\"\n\"1\",2020-01-01,\"x\"\n"), FMT_CSV);
	assert_int_equal(DETECT("id,Body\n1,x\n"), FMT_CSV);
	/* A number opening a sentence is not a TABARI header; commas are not CSV. */
	assert_int_equal(DETECT("2024 was a year of elections, in many countries.\n"), FMT_TEXT);
	assert_int_equal(DETECT("123456789 people voted.\n"), FMT_TEXT);
	assert_int_equal(DETECT("Police said, on Monday, that text was found.\n"), FMT_TEXT);
	assert_int_equal(DETECT(""), FMT_TEXT);
	assert_int_equal(format_detect(NULL, 0), FMT_TEXT);
#undef DETECT
}

static void detect_by_extension_when_ambiguous(void **state)
{
	(void)state;
	const char *plain = "just words\n";
	size_t n = strlen(plain);
	assert_int_equal(format_detect_path("a/news.jsonl", plain, n), FMT_JSONL);
	assert_int_equal(format_detect_path("t.CSV", plain, n), FMT_CSV);
	assert_int_equal(format_detect_path("page.htm", plain, n), FMT_HTML);
	assert_int_equal(format_detect_path("x.xml", plain, n), FMT_FEED);
	assert_int_equal(format_detect_path("story.txt", plain, n), FMT_TEXT);
	assert_int_equal(format_detect_path(NULL, plain, n), FMT_TEXT);
	/* Content wins over the extension when it is clear. */
	assert_int_equal(format_detect_path("x.txt", "{\"text\":\"a\"}", 12), FMT_JSONL);
}

/* --- dates --- */

static void dates_parse(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } ok[] = {
		{ "2024-04-16", "2024-04-16" },
		{ "20240416", "2024-04-16" },
		{ "2024-04-16T09:00:00Z", "2024-04-16" },
		{ "2024-04-16T23:30:00-05:00", "2024-04-16" },
		{ " 2024-04-16 09:00 ", "2024-04-16" },
		{ "2024/04/16", "2024-04-16" },
		{ "Tue, 16 Apr 2024 09:00:00 GMT", "2024-04-16" },
		{ "16 Apr 2024", "2024-04-16" },
		{ "5 June 2023", "2023-06-05" },
		{ "April 16, 2024", "2024-04-16" },
		{ "Sept. 3, 2021", "2021-09-03" },
		{ "2024-02-29", "2024-02-29" },
		{ "2000-02-29", "2000-02-29" },
	};
	static const char *const bad[] = {
		"2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
		"2024-4-16", "20241301", "16 Foo 2024", "yesterday", "", "2024-04-16x",
		"202404161", "Tue, 32 Apr 2024", "0999-01-01",
	};
	char out[11];
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		memset(out, 0, sizeof out);
		if (!date_parse(ok[i].in, strlen(ok[i].in), out))
			fail_msg("date_parse(\"%s\") failed", ok[i].in);
		assert_string_equal(out, ok[i].out);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (date_parse(bad[i], strlen(bad[i]), out))
			fail_msg("date_parse(\"%s\") accepted: %s", bad[i], out);
}

static void dates_tabari_pivot(void **state)
{
	(void)state;
	char out[11];
	assert_true(date_from_tabari("950101", 6, out));
	assert_string_equal(out, "1995-01-01");
	assert_true(date_from_tabari("300615", 6, out));
	assert_string_equal(out, "2030-06-15");
	assert_true(date_from_tabari("310615", 6, out));
	assert_string_equal(out, "1931-06-15");
	assert_true(date_from_tabari("000102", 6, out));
	assert_string_equal(out, "2000-01-02");
	assert_true(date_from_tabari("19140724", 8, out));
	assert_string_equal(out, "1914-07-24");
	assert_false(date_from_tabari("9501201", 7, out));
	assert_false(date_from_tabari("951301", 6, out));
	assert_false(date_from_tabari("95a101", 6, out));
}

/* --- formats --- */

static void jsonl_reads_good_lines_and_reports_bad_ones(void **state)
{
	(void)state;
	got *g = read_file("news.jsonl", FMT_AUTO, NULL);
	const char *f = data("news.jsonl");
	assert_int_equal(g->fmt, FMT_JSONL);
	assert_int_equal(g->n, 4);
	assert_int_equal(g->skipped, 3);
	assert_int_equal(g->dg.errors, 3);
	assert_int_equal(g->dg.warnings, 1);
	const dy_doc *d = by_id(g, "harbor-1");
	assert_string_equal(d->date, "2024-04-16");
	assert_string_equal(d->title, "Strike ends");
	assert_string_equal(d->url, "https://example.org/harbor-1");
	assert_string_equal(d->source, "Example Wire");
	assert_int_equal(d->line, 1);
	assert_int_equal(d->text_len, strlen(d->text));
	assert_non_null(strstr(d->text, "Valparaiso"));
	d = by_id(g, "harbor-2");
	assert_string_equal(d->date, "2024-04-17");
	assert_null(d->title);
	assert_int_equal(d->line, 3); /* the blank line 2 still counts */
	/* No id: made from the file name and the line. */
	d = by_id(g, "news.jsonl:6");
	assert_string_equal(d->date, "2024-04-20");
	/* Numeric id; impossible date kept as unknown. */
	d = by_id(g, "77");
	assert_null(d->date);
	assert_msg(g, f, 4, "invalid JSON");
	assert_msg(g, f, 5, "no \"text\" string");
	assert_msg(g, f, 7, "warning: invalid date \"2024-02-30\"");
	assert_msg(g, f, 8, "not a JSON object");
	got_free(g);
}

static void jsonl_escapes_and_default_date(void **state)
{
	(void)state;
	const char in[] = "\xEF\xBB\xBF{\"text\": \"Caf\\u00e9 \\\"open\\\"\\nagain\"}\n"
			  "{\"id\": \"b\", \"date\": 20240101, \"text\": \"t\"}\n";
	got *g = got_new();
	collect(g, reader_open_mem("wire", in, sizeof in - 1, FMT_AUTO, "2023-05-06", &g->dg));
	assert_int_equal(g->n, 2);
	assert_string_equal(g->d[0].text, "Caf\xC3\xA9 \"open\"\nagain");
	assert_string_equal(g->d[0].id, "wire:1");
	assert_string_equal(g->d[0].date, "2023-05-06");
	/* A date that is not a string is absent: the default applies. */
	assert_string_equal(g->d[1].date, "2023-05-06");
	got_free(g);
}

static void jsonl_line_over_limit_is_skipped(void **state)
{
	(void)state;
	size_t big = (16u << 20) + 100;
	const char head[] = "{\"id\": \"before\", \"text\": \"a\"}\n{\"text\": \"";
	const char tail[] = "\"}\n{\"id\": \"after\", \"text\": \"b\"}\n";
	size_t n = sizeof head - 1 + big + sizeof tail - 1;
	char *s = malloc(n);
	assert_non_null(s);
	memcpy(s, head, sizeof head - 1);
	memset(s + sizeof head - 1, 'x', big);
	memcpy(s + sizeof head - 1 + big, tail, sizeof tail - 1);
	got *g = read_mem("big.jsonl", s, n, FMT_JSONL);
	assert_int_equal(g->n, 2);
	assert_string_equal(g->d[0].id, "before");
	assert_string_equal(g->d[1].id, "after");
	assert_int_equal(g->d[1].line, 3);
	assert_int_equal(g->skipped, 1);
	assert_msg(g, "big.jsonl", 2, "line longer than 16 MB");
	got_free(g);
	free(s);
}

static void tabari_records(void **state)
{
	(void)state;
	got *g = read_file("records.tabari", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_TABARI);
	assert_int_equal(g->n, 5);
	assert_int_equal(g->skipped, 0);
	const dy_doc *d = by_id(g, "PORT-01");
	assert_string_equal(d->date, "2024-03-12");
	assert_int_equal(d->line, 5);
	assert_string_equal(d->text, "Dockworkers in Lisbon walked off the job on Monday, "
			    "halting container\ntraffic for the second time this month.");
	assert_non_null(d->comment);
	assert_non_null(strstr(d->comment, "{ PRTLAB / PRT / 143 }"));
	assert_null(strstr(d->text, "PRTLAB"));
	d = by_id(g, "PORT-02");
	assert_string_equal(d->date, "1999-01-05");
	assert_null(d->comment);
	d = by_id(g, "PORT-03");
	assert_string_equal(d->date, "2015-06-07");
	assert_string_equal(d->comment, "one\ncomment");
	assert_non_null(strstr(d->text, "trailing words"));
	/* A header right after the text starts the next record. */
	d = by_id(g, "PORT-04");
	assert_string_equal(d->date, "1995-01-01");
	assert_int_equal(d->line, 21);
	d = by_id(g, "PORT-05");
	assert_null(d->date);
	assert_msg(g, data("records.tabari"), 24, "warning: record date \"9601201\"");
	/* The prose block between blank lines was not read as text anywhere. */
	for (int i = 0; i < g->n; i++)
		assert_null(strstr(g->d[i].text, "comment block"));
	got_free(g);
}

static void tabari_streams_from_memory_without_blank_lines(void **state)
{
	(void)state;
	const char in[] = "000101 AFPN-0003-01\nFirst record text.\n"
			  "000102 AFPN-0005-01\nSecond record,\non two lines.\n"
			  "\n000102\nNo id here.";
	got *g = read_mem("-", in, sizeof in - 1, FMT_TABARI);
	assert_int_equal(g->n, 3);
	assert_string_equal(g->d[0].id, "AFPN-0003-01");
	assert_string_equal(g->d[0].date, "2000-01-01");
	assert_string_equal(g->d[1].text, "Second record,\non two lines.");
	assert_string_equal(g->d[2].id, "stdin:7");
	assert_string_equal(g->d[2].text, "No id here.");
	got_free(g);
}

static void petrarch_sentences(void **state)
{
	(void)state;
	got *g = read_file("sentences.petr.xml", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_PETRARCH);
	assert_int_equal(g->n, 3);
	assert_int_equal(g->skipped, 1);
	const dy_doc *d = by_id(g, "WIRE-0001_1");
	assert_string_equal(d->date, "2008-08-04");
	assert_string_equal(d->source, "WIRE");
	assert_int_equal(d->line, 3);
	assert_string_equal(d->text, "Farmers in the delta region blocked two highways on "
			    "Monday to protest\nthe price of fertiliser.");
	assert_null(strstr(d->text, "ROOT")); /* the parse tree is not text */
	d = by_id(g, "WIRE-0002_1");
	assert_non_null(strstr(d->text, "\"swift talks\" with the farmers & their"));
	d = by_id(g, "WIRE-0003_1");
	assert_null(d->date);
	assert_msg(g, data("sentences.petr.xml"), 16, "warning: invalid date \"2008-13-40\"");
	assert_msg(g, data("sentences.petr.xml"), 19, "<Sentence> without <Text>");
	got_free(g);
}

static void petrarch_validation_events_in_comment(void **state)
{
	(void)state;
	got *g = read_file("validation.petr.xml", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_PETRARCH);
	assert_int_equal(g->n, 2);
	assert_string_equal(g->d[0].comment, "{ NOR / SWE / 036 }\n{ SWE / NOR / 036 }");
	assert_string_equal(g->d[0].text, "Norway and Sweden agreed to meet in Oslo next week.");
	assert_string_equal(g->d[1].comment, "{---}");
	assert_string_equal(g->d[1].date, "1995-01-02");
	got_free(g);
	g = read_file("sentences.petr.xml", FMT_AUTO, NULL);
	assert_null(g->d[0].comment);
	got_free(g);
}

static void petrarch_malformed_reports_line(void **state)
{
	(void)state;
	got *g = read_file("broken.petr.xml", FMT_AUTO, NULL);
	assert_true(g->n >= 1);
	assert_string_equal(g->d[0].id, "OK-1");
	assert_string_equal(g->d[0].text, "The first sentence is fine.");
	assert_true(g->skipped >= 1);
	assert_true(g->dg.errors >= 1);
	assert_msg(g, data("broken.petr.xml"), 7, "malformed XML");
	got_free(g);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* A plain PETRARCH file is read by dyad's own scanner; a processing
 * instruction sends the same sentences through libxml2. Both must give the
 * same documents (ids, dates, sources, texts, lines) and the same messages:
 * entities, character references, CR LF line ends, attribute blanks, UTF-8,
 * nesting, case of element names, empty <Text/>, a <Sentence/> alone. */
static void petrarch_fast_path_matches_libxml2(void **state)
{
	(void)state;
	static const char fast[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- wire -->\r\n<Root>\r\n<Group>\r\n"
		"<Sentence id=\"a&amp;b&#x41;\" date=\"2008-08-04\"\r\n source=\" AF\tP&#10;x \">\r\n"
		"<Text>\r\n  Caf\xc3\xa9 &lt;said&gt; &quot;hi&quot; &#8364;\r\n ]] > ok\r\n</Text>"
		"<Parse>(S (NP (NNP Caf\xc3\xa9)))</Parse>\r\n</Sentence>\r\n"
		"<sentence date=\"20080805\"><TEXT>second</TEXT><text>not this</text></sentence>\r\n"
		"<Sentence/>\r\n<Sentence date=\"bad\"><Text/></Sentence>\r\n</Group></Root>\r\n";
	char slow[sizeof fast + 16];
	const char *cut = strstr(fast, "<Root>") + 6;
	snprintf(slow, sizeof slow, "%.*s<?pi x?>%s", (int)(cut - fast), fast, cut);
	got *a = read_mem("wire.xml", fast, sizeof fast - 1, FMT_PETRARCH);
	got *b = read_mem("wire.xml", slow, strlen(slow), FMT_PETRARCH);
	assert_int_equal(a->n, 3);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->skipped, b->skipped);
	assert_string_equal(a->msgs, b->msgs);
	for (int i = 0; i < a->n; i++) {
		assert_true(same_str(a->d[i].id, b->d[i].id));
		assert_true(same_str(a->d[i].date, b->d[i].date));
		assert_true(same_str(a->d[i].source, b->d[i].source));
		assert_true(same_str(a->d[i].text, b->d[i].text));
		assert_int_equal(a->d[i].line, b->d[i].line);
	}
	assert_string_equal(a->d[0].id, "a&bA");
	assert_string_equal(a->d[0].source, "AF P\nx");
	assert_string_equal(a->d[0].text, "Caf\xc3\xa9 <said> \"hi\" \xe2\x82\xac\n ]] > ok");
	assert_string_equal(a->d[1].text, "second");
	assert_string_equal(a->d[1].id, "wire.xml:12");
	assert_string_equal(a->d[2].text, "");
	assert_msg(a, "wire.xml", 13, "<Sentence> without <Text>");
	got_free(a);
	got_free(b);
}

/* The PETRARCH scanner checks every byte it passes, markup and <Parse> trees
 * included: what libxml2 would report must send the file to libxml2 (scan
 * returns 0), so that the messages stay libxml2's. Bad bytes are placed deep
 * in a long <Parse>, where the 32-byte loops run. */
static void petrarch_scanner_refuses_what_libxml2_reports(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"(NN x) & (NN y)",            /* bare '&' */
		"(NN x) &bogus; (NN y)",      /* unknown entity */
		"(NN x) ]]> (NN y)",          /* CDATA end in text */
		"(NN x) \x01 (NN y)",        /* control character */
		"(NN x) \xc3 (NN y)",        /* truncated UTF-8 */
		"(NN x) \xed\xa0\x80 (NN y)", /* surrogate */
		"(NN x) \r (NN y)",          /* lone CR */
		"(NN x) <b> (NN y)",          /* element inside <Parse> */
	};
	char doc[2048], parse[1024];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char raw[64];
		/* unescape the \xNN and \r spellings above */
		size_t m = 0;
		for (const char *q = bad[i]; *q && m + 1 < sizeof raw; q++) {
			if (q[0] == '\\' && q[1] == 'x') {
				raw[m++] = (char)strtol((char[]){ q[2], q[3], 0 }, NULL, 16);
				q += 3;
			} else if (q[0] == '\\' && q[1] == 'r') {
				raw[m++] = '\r';
				q++;
			} else {
				raw[m++] = *q;
			}
		}
		raw[m] = 0;
		snprintf(parse, sizeof parse, "%s%s%s", "(S (NP (DT The) (NN stopover)) (VP (VBD came)))"
		         " (S (NP (DT The) (NN stopover)) (VP (VBD came))) (S (NP (DT a)))", raw,
		         " (S (NP (DT The) (NN stopover)) (VP (VBD came))) (S (NP (DT a) (NN b)))");
		snprintf(doc, sizeof doc, "<Sentences>\n<Sentence id=\"a\" date=\"20080804\">\n"
		         "<Text>\nThe stopover came.\n</Text>\n<Parse>\n%s\n</Parse>\n</Sentence>\n"
		         "</Sentences>\n", parse);
		rd_petr_rec *recs = NULL;
		size_t nrec = 0;
		if (rd_petr_scan(doc, strlen(doc), &recs, &nrec))
			fail_msg("scanner accepted <Parse> with %s", bad[i]);
		free(recs);
	}
	/* bad bytes in tags and values go to libxml2 too */
	static const char *const bad_tags[] = {
		"<Sentences>\n<Sentence id=\"a<b\"><Text>x</Text></Sentence>\n</Sentences>",
		"<Sentences>\n<Sentence id=\"a\x02-b\"><Text>x</Text></Sentence>\n</Sentences>",
		"<Sentences>\n<Sentence id=\"a\"\r><Text>x</Text></Sentence>\n</Sentences>",
		"<Sentences>\n<Sentence id=\"a\"><Text>x</Tex></Sentence>\n</Sentences>",
		"<Sentences>\n<Sentence id=\"a\"><Text>x</Texts></Sentence>\n</Sentences>",
		"<Sentences>\n<!-- \x01 --><Sentence><Text>x</Text></Sentence>\n</Sentences>",
	};
	for (size_t i = 0; i < sizeof bad_tags / sizeof bad_tags[0]; i++) {
		rd_petr_rec *recs = NULL;
		size_t nrec = 0;
		if (rd_petr_scan(bad_tags[i], strlen(bad_tags[i]), &recs, &nrec))
			fail_msg("scanner accepted %s", bad_tags[i]);
		free(recs);
	}
	/* accepted: lines of each <Sentence>'s '>', and which values need decoding */
	static const char good[] =
		"<Sentences>\r\n<!-- a\n comment -->\n<Sentence id=\"a1\" source=\"A&amp;P\"\n"
		" date=\"20080804\">\n<Text>\nplain text\n</Text>\n<Parse>(S x)</Parse>\n</Sentence>\n"
		"<Sentence\tid=\"a\t2\" date=\"2008\"><Text>A &amp; B</Text></Sentence>\n</Sentences>\n";
	rd_petr_rec *recs = NULL;
	size_t nrec = 0;
	assert_true(rd_petr_scan(good, sizeof good - 1, &recs, &nrec));
	assert_int_equal(nrec, 2);
	assert_int_equal(recs[0].line, 5);
	assert_int_equal(recs[1].line, 11);
	assert_true(recs[0].id_plain && recs[0].date_plain && recs[0].text_plain);
	assert_false(recs[0].src_plain);
	assert_false(recs[1].id_plain);
	assert_false(recs[1].text_plain);
	free(recs);
}

/* A flat JSONL object is read without jansson; a nested member sends the same
 * line through jansson. Both must give the same document: escapes, \u, UTF-8,
 * blanks around values, ids as strings, numbers or booleans, dates. */
/* The scanner's shortcut for <Sentence> tags shaped as the one before (and
 * for bare <Text> and <Parse>) gives exactly what reading every tag the
 * general way gives: values of other lengths, a newline and a reference in
 * a value, a tag of another shape, an attribute order swapped. And a bad
 * byte in a shaped tag's value, or an '&' that is no reference, is still
 * refused. */
static void petrarch_shortcuts_agree(void **state)
{
	(void)state;
	static const char doc[] =
		"<Sentences>\n"
		"<Sentence date = \"20080804\" id =\"A-1\" source = \"AFP\" sentence = \"True\">\n"
		"<Text>\nOne.\n</Text>\n<Parse>\n(S (NN one))\n</Parse>\n</Sentence>\n\n"
		"<Sentence date = \"20080805\" id =\"AFP-0808020675_1-0\" source = \"AFP\" sentence = \"True\">\n"
		"<Text>\nTwo &amp; three.\n</Text>\n<Parse>\n(S)\n</Parse>\n</Sentence>\n\n"
		"<Sentence date = \"2008\n0806\" id =\"B&#x41;\" source = \"\" sentence = \"True\">\n"
		"<Text>Four.</Text>\n</Sentence>\n"
		"<Sentence id =\"C\" date = \"20080807\" source = \"X\" sentence = \"True\">\n"
		"<Text>Five.</Text><Parse>(S)</Parse></Sentence>\n"
		"<Sentence id =\"D\" date = \"20080808\" source = \"Y\" sentence = \"True\"/>\n"
		"<Sentence id =\"E\" date = \"20080809\" source = \"Z\" sentence = \"True\">"
		"<Text>Six.</Text></Sentence>\n"
		"</Sentences>\n";
	rd_petr_rec *r1, *r2;
	size_t n1, n2;
	assert_true(rd_petr_scan(doc, sizeof doc - 1, &r1, &n1));
	rd_petr_shortcuts = 0;
	assert_true(rd_petr_scan(doc, sizeof doc - 1, &r2, &n2));
	rd_petr_shortcuts = 1;
	assert_int_equal(n1, 6);
	assert_int_equal(n2, n1);
	assert_memory_equal(r1, r2, n1 * sizeof *r1);
	assert_int_equal(r1[1].id_len, strlen("AFP-0808020675_1-0"));
	assert_int_equal(r1[1].line, 11);
	assert_false(r1[2].id_plain);
	assert_false(r1[2].date_plain);
	assert_int_equal(r1[5].src_len, 1);
	free(r1);
	free(r2);
	/* a bad value in a tag of the learned shape is refused either way */
	static const char *const bad[] = {
		"<S><Sentence id =\"a\" x = \"1\"><Text>t</Text></Sentence>"
		"<Sentence id =\"b\xff\" x = \"1\"><Text>t</Text></Sentence></S>",
		"<S><Sentence id =\"a\" x = \"1\"><Text>t</Text></Sentence>"
		"<Sentence id =\"b&c\" x = \"1\"><Text>t</Text></Sentence></S>",
		"<S><Sentence id =\"a\" x = \"1\"><Text>t</Text></Sentence>"
		"<Sentence id =\"b\" x = \"1<\"><Text>t</Text></Sentence></S>",
		"<S><Sentence id =\"a\"><Parse>(&)</Parse></Sentence></S>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		rd_petr_rec *r;
		size_t nr;
		if (rd_petr_scan(bad[i], strlen(bad[i]), &r, &nr))
			fail_msg("accepted: %s", bad[i]);
	}
}

static void jsonl_fast_path_matches_jansson(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"{\"id\":\" a \",\"text\":\"Caf\\u00e9 \\\"q\\\" \\\\ \\/ \\ttab \xc3\xa9\",\"date\":\"2020-01-02\","
		"\"title\":\" T \",\"url\":\"u\",\"source\":\"s\"",
		"{\"id\":12,\"text\":\"numeric id\"",
		"{\"id\":true,\"text\":\"boolean id\",\"n\": -0 ,\"f\":false",
		"{ \"text\" : \"blanks\" , \"date\" : \"20080805\" , \"x\" : null ",
		"{\"text\":\"bad date\",\"date\":\"soon\"",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char fast[512], slow[512];
		snprintf(fast, sizeof fast, "%s}\n", lines[i]);
		snprintf(slow, sizeof slow, "%s,\"zz\":[0]}\n", lines[i]);
		got *a = read_mem("wire.jsonl", fast, strlen(fast), FMT_JSONL);
		got *b = read_mem("wire.jsonl", slow, strlen(slow), FMT_JSONL);
		assert_int_equal(a->n, 1);
		assert_int_equal(b->n, 1);
		assert_true(same_str(a->d[0].id, b->d[0].id));
		assert_true(same_str(a->d[0].date, b->d[0].date));
		assert_true(same_str(a->d[0].title, b->d[0].title));
		assert_true(same_str(a->d[0].url, b->d[0].url));
		assert_true(same_str(a->d[0].source, b->d[0].source));
		assert_int_equal(a->d[0].text_len, b->d[0].text_len);
		assert_memory_equal(a->d[0].text, b->d[0].text, a->d[0].text_len);
		assert_string_equal(a->msgs, b->msgs);
		got_free(a);
		got_free(b);
	}
}

static void feed_rss(void **state)
{
	(void)state;
	got *g = read_file("feed.rss", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_FEED);
	assert_int_equal(g->n, 2);
	const dy_doc *d = by_id(g, "gazette-ferry-2024");
	assert_string_equal(d->title, "Ferry service resumes");
	assert_string_equal(d->url, "https://gazette.example/ferry");
	assert_string_equal(d->date, "2024-04-16");
	assert_string_equal(d->source, "Harbour Gazette");
	/* content:encoded wins over the teaser; HTML becomes text, script dropped. */
	assert_string_equal(d->text, "The ferry between the islands resumed service on Tuesday."
			    "\n\nOfficials said repairs had taken \xE2\x80\x9Clonger than hoped"
			    "\xE2\x80\x9D.");
	/* No guid: the link is the id; escaped HTML in description is stripped. */
	d = by_id(g, "https://gazette.example/quotas");
	assert_string_equal(d->date, "2024-04-17");
	assert_string_equal(d->text, "Lawmakers debated new fishing quotas & subsidies.");
	assert_int_equal(g->skipped, 1);
	assert_msg(g, data("feed.rss"), 21, "<item> without text or title");
	got_free(g);
}

static void feed_atom(void **state)
{
	(void)state;
	got *g = read_file("feed.atom", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_FEED);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->skipped, 0);
	const dy_doc *d = by_id(g, "tag:observer.example,2024:bridge");
	assert_string_equal(d->title, "Bridge reopens");
	assert_string_equal(d->url, "https://observer.example/bridge"); /* rel=alternate */
	assert_string_equal(d->date, "2024-04-18"); /* published before updated */
	assert_string_equal(d->source, "Valley Observer");
	assert_string_equal(d->text, "The old bridge reopened to traffic on Thursday.\n\n"
			    "The mayor cut a ribbon.");
	d = by_id(g, "https://observer.example/council");
	assert_string_equal(d->date, "2024-04-19");
	assert_string_equal(d->text, "The valley council met to discuss the budget.");
	got_free(g);
}

static void html_article_without_boilerplate(void **state)
{
	(void)state;
	got *g = read_file("article.html", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_HTML);
	assert_int_equal(g->n, 1);
	const dy_doc *d = &g->d[0];
	assert_string_equal(d->id, "article.html");
	assert_string_equal(d->title, "Rivers agreement signed | The Upland Post");
	assert_string_equal(d->date, "2024-03-03");
	assert_string_equal(d->url, "https://upland.example/news/rivers-agreement");
	assert_string_equal(d->source, "The Upland Post");
	assert_string_equal(d->text,
		"The three upland states signed an agreement on Sunday to share the water "
		"of the Ardent river, ending a dispute that had lasted a decade.\n\n"
		"Under the accord, each state will publish its water use every month and a "
		"joint commission will settle disagreements.\n\n"
		"Farmers' groups welcomed the deal, while environmental groups said it did "
		"too little to protect wetlands.");
	got_free(g);
}

static void html_densest_block_without_article(void **state)
{
	(void)state;
	got *g = read_file("plain_page.html", FMT_AUTO, NULL);
	assert_int_equal(g->n, 1);
	const dy_doc *d = &g->d[0];
	assert_string_equal(d->title, "Mayor resigns");
	assert_string_equal(d->date, "2022-11-04");
	assert_string_equal(d->text,
		"The mayor of Eastport resigned on Friday after an inquiry into the award "
		"of building contracts.\n\n"
		"Her deputy will lead the city until an election is held in the autumn, "
		"the council said.");
	got_free(g);
}

static void html_without_paragraphs_uses_body_text(void **state)
{
	(void)state;
	const char in[] = "<html><head><meta property=\"og:title\" content=\"Flood\"></head>"
			  "<body><nav>Home | News</nav><div>Rivers rose<br>overnight.</div>"
			  "<script>x()</script></body></html>";
	got *g = read_mem("flood.html", in, sizeof in - 1, FMT_AUTO);
	assert_int_equal(g->n, 1);
	assert_string_equal(g->d[0].title, "Flood");
	assert_string_equal(g->d[0].text, "Rivers rose\novernight.");
	got_free(g);
}

static void csv_quoting_and_columns(void **state)
{
	(void)state;
	got *g = read_file("table.csv", FMT_AUTO, NULL);
	assert_int_equal(g->fmt, FMT_CSV);
	assert_int_equal(g->n, 4);
	assert_int_equal(g->skipped, 1);
	const dy_doc *d = by_id(g, "a1"); /* id from the unnamed first column */
	assert_string_equal(d->date, "2023-06-05");
	assert_string_equal(d->title, "Grain deal");
	assert_string_equal(d->source, "Daily Ledger");
	assert_int_equal(d->line, 2);
	d = by_id(g, "a2");
	assert_string_equal(d->text, "The envoy said \"no agreement\" had been reached, and "
			    "talks, which began in May, would go on.");
	d = by_id(g, "a3");
	assert_string_equal(d->text, "The first line of the report.\r\nThe second line of the report.");
	d = by_id(g, "a5");
	assert_null(d->date);
	assert_null(d->title);
	assert_int_equal(d->line, 7); /* a3's record spans lines 4-5 */
	assert_msg(g, data("table.csv"), 6, "3 fields where the header has 5");
	assert_msg(g, data("table.csv"), 7, "warning: invalid date \"not-a-date\"");
	got_free(g);

	g = read_file("unterminated.csv", FMT_AUTO, NULL);
	assert_int_equal(g->n, 0);
	assert_int_equal(g->skipped, 1);
	assert_msg(g, data("unterminated.csv"), 2, "unterminated quoted field");
	got_free(g);
}

static void csv_without_text_column(void **state)
{
	(void)state;
	const char in[] = "id,headline\n1,Nothing to read\n";
	got *g = read_mem("t.csv", in, sizeof in - 1, FMT_CSV);
	assert_int_equal(g->n, 0);
	assert_int_equal(g->skipped, 1);
	assert_msg(g, "t.csv", 1, "CSV header has no text column");
	got_free(g);
}

static void csv_guardian_sample(void **state)
{
	(void)state;
	char path[1200];
	snprintf(path, sizeof path, "%s../../../../shared/corpora/guardian-sample.csv", data(""));
	FILE *probe = fopen(path, "rb");
	if (!probe)
		skip(); /* the reference data is not beside this checkout */
	fclose(probe);
	dy_diag dg;
	diag_init(&dg, NULL);
	dy_reader *r = reader_open(path, FMT_AUTO, NULL, &dg);
	assert_non_null(r);
	assert_int_equal(reader_format(r), FMT_CSV);
	dy_arena a;
	arena_init(&a);
	dy_doc d;
	int n = 0, dated = 0;
	while (reader_next(r, &a, &d)) {
		n++;
		dated += d.date != NULL;
		assert_true(d.text_len > 0);
		arena_reset(&a);
	}
	assert_int_equal(n, 249);
	assert_int_equal(dated, 249);
	assert_int_equal(reader_skipped(r), 0);
	reader_close(r);
	arena_free(&a);
}

static void plain_text_id_and_dates(void **state)
{
	(void)state;
	got *g = read_file("story.txt", FMT_AUTO, "2023-01-02");
	assert_int_equal(g->fmt, FMT_TEXT);
	assert_int_equal(g->n, 1);
	assert_string_equal(g->d[0].id, "story.txt");
	assert_string_equal(g->d[0].date, "2023-01-02"); /* --date wins */
	assert_non_null(strstr(g->d[0].text, "North Sea shipping"));
	got_free(g);

	/* An invalid default is reported and not used. */
	g = got_new();
	collect(g, reader_open_mem("note", "Words.", 6, FMT_TEXT, "02/01/2023", &g->dg));
	assert_int_equal(g->n, 1);
	assert_int_equal(g->dg.errors, 1);
	assert_non_null(strstr(g->msgs, "invalid date '02/01/2023'"));
	got_free(g);
}

static void plain_text_dateline_gives_date(void **state)
{
	(void)state;
	const char in[] = "LONDON, 5 June 2023 - Britain and Norway agreed on Monday.";
	got *g = read_mem("dl.txt", in, sizeof in - 1, FMT_TEXT);
	assert_int_equal(g->n, 1);
	/* Depends on the dateline finder (text/split.h); when it gives the full
	 * date the reader must use it. */
	if (!g->d[0].date) {
		got_free(g);
		skip();
	}
	assert_string_equal(g->d[0].date, "2023-06-05");
	got_free(g);
}

static void unreadable_file_is_reported(void **state)
{
	(void)state;
	got *g = got_new();
	dy_reader *r = reader_open(data("no-such-file.jsonl"), FMT_AUTO, NULL, &g->dg);
	assert_null(r);
	assert_int_equal(g->dg.errors, 1);
	fflush(g->dg.out);
	rewind(g->dg.out);
	size_t k = fread(g->msgs, 1, sizeof g->msgs - 1, g->dg.out);
	g->msgs[k] = '\0';
	assert_non_null(strstr(g->msgs, "no-such-file.jsonl: cannot open"));
	got_free(g);
}

static void garbage_never_crashes(void **state)
{
	(void)state;
	uint32_t x = 12345;
	char buf[4096];
	for (int round = 0; round < 40; round++) {
		size_t n = (size_t)(round * 97) % sizeof buf;
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		/* Give some rounds a format-shaped start. */
		static const char *const starts[] = { "{", "<rss>", "<Sentences>", "950101 X\n",
						      "text,id\n", "<html>", "" };
		const char *s0 = starts[round % 7];
		size_t k = strlen(s0);
		if (k <= n)
			memcpy(buf, s0, k);
		for (int f = FMT_AUTO; f <= FMT_CSV; f++) {
			dy_diag dg;
			diag_init(&dg, NULL);
			dy_reader *r = reader_open_mem("junk", buf, n, (dy_format)f, NULL, &dg);
			assert_non_null(r);
			dy_arena a;
			arena_init(&a);
			dy_doc d;
			int docs = 0;
			while (reader_next(r, &a, &d) && docs < 100000) {
				assert_non_null(d.id);
				assert_non_null(d.text);
				docs++;
				arena_reset(&a);
			}
			reader_close(r);
			arena_free(&a);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_names_round_trip),
		cmocka_unit_test(detect_by_content),
		cmocka_unit_test(detect_by_extension_when_ambiguous),
		cmocka_unit_test(dates_parse),
		cmocka_unit_test(dates_tabari_pivot),
		cmocka_unit_test(jsonl_reads_good_lines_and_reports_bad_ones),
		cmocka_unit_test(jsonl_escapes_and_default_date),
		cmocka_unit_test(jsonl_line_over_limit_is_skipped),
		cmocka_unit_test(tabari_records),
		cmocka_unit_test(tabari_streams_from_memory_without_blank_lines),
		cmocka_unit_test(petrarch_sentences),
		cmocka_unit_test(petrarch_validation_events_in_comment),
		cmocka_unit_test(petrarch_malformed_reports_line),
		cmocka_unit_test(petrarch_fast_path_matches_libxml2),
		cmocka_unit_test(petrarch_scanner_refuses_what_libxml2_reports),
		cmocka_unit_test(petrarch_shortcuts_agree),
		cmocka_unit_test(jsonl_fast_path_matches_jansson),
		cmocka_unit_test(feed_rss),
		cmocka_unit_test(feed_atom),
		cmocka_unit_test(html_article_without_boilerplate),
		cmocka_unit_test(html_densest_block_without_article),
		cmocka_unit_test(html_without_paragraphs_uses_body_text),
		cmocka_unit_test(csv_quoting_and_columns),
		cmocka_unit_test(csv_without_text_column),
		cmocka_unit_test(csv_guardian_sample),
		cmocka_unit_test(plain_text_id_and_dates),
		cmocka_unit_test(plain_text_dateline_gives_date),
		cmocka_unit_test(unreadable_file_is_reported),
		cmocka_unit_test(garbage_never_crashes),
	};
	return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
