/* SPDX-License-Identifier: MIT */
/* Unit tests of the writers: JSONL escaping and key order (read back with
 * jansson), TSV in the Phoenix column order, CSV quoting of commas, quotes and
 * newlines, --fields selection, aliases and errors, number formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "write/write.h"

static const char sentence[] =
	"German Chancellor Olaf Scholz arrived in Beijing on April 14, his office said.";

static dy_record sample(void)
{
	dy_record r;
	memset(&r, 0, sizeof r);
	r.doc_id = "afp-001";
	r.sentence = 2;
	r.event = 1;
	strcpy(r.date, "2024-04-14");
	r.date_from_text = 1;
	r.date_phrase = strstr(sentence, "on April");
	r.date_phrase_len = 11; /* "on April 14" */
	r.source = "DEUGOV";
	r.target = "CHN";
	r.code = "042";
	r.root = "04";
	r.event_name = "Make a visit";
	r.quad = 1;
	r.has_goldstein = 1;
	r.goldstein = 1.9;
	r.plover_event = "CONSULT";
	r.plover_mode = "visit";
	r.plover_context = "";
	r.has_location = 1;
	r.loc_name = "Beijing";
	r.loc_country = "CN";
	r.loc_admin1 = "Beijing";
	r.loc_lat = 39.9075;
	r.loc_lon = 116.39723;
	r.loc_geonames_id = 1816670;
	r.url = "https://example.org/a";
	r.news_source = "AFP";
	r.text = sentence;
	r.text_len = sizeof sentence - 1;
	return r;
}

static void line_of(dy_out_format fmt, const char *fields, int dedup, const dy_record *r,
                    dy_buf *out)
{
	dy_writer w;
	dy_buf err = DY_BUF_INIT;
	assert_int_equal(writer_init(&w, fmt, fields, dedup, &err), 0);
	buf_free(&err);
	writer_record(&w, r, out);
}

static void test_jsonl_keys_and_values(void **state)
{
	(void)state;
	dy_record r = sample();
	dy_buf b = DY_BUF_INIT;
	line_of(OUT_JSONL, NULL, 0, &r, &b);
	assert_true(b.n > 0 && b.p[b.n - 1] == '\n');
	assert_null(memchr(b.p, '\n', b.n - 1));
	json_error_t je;
	json_t *o = json_loadb(b.p, b.n, 0, &je);
	assert_non_null(o);
	static const char *const keys[] = {
		"doc_id", "sentence", "date", "source", "target", "code", "root", "event_name",
		"quad", "goldstein", "date_source", "date_phrase", "plover", "location", "text"
	};
	/* key order as written: each key found after the one before */
	const char *at = b.p;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char k[40];
		snprintf(k, sizeof k, "\"%s\":", keys[i]);
		const char *p = strstr(at, k);
		if (!p)
			fail_msg("key %s missing or out of order: %s", keys[i], b.p);
		at = p;
		assert_non_null(json_object_get(o, keys[i]));
	}
	assert_int_equal(json_object_size(o), sizeof keys / sizeof *keys);
	assert_string_equal(json_string_value(json_object_get(o, "date_source")), "text");
	assert_string_equal(json_string_value(json_object_get(o, "date_phrase")), "on April 14");
	assert_int_equal(json_integer_value(json_object_get(o, "quad")), 1);
	assert_non_null(strstr(b.p, "\"goldstein\":1.9,"));
	json_t *pl = json_object_get(o, "plover");
	assert_string_equal(json_string_value(json_object_get(pl, "event")), "CONSULT");
	assert_string_equal(json_string_value(json_object_get(pl, "mode")), "visit");
	json_t *loc = json_object_get(o, "location");
	assert_string_equal(json_string_value(json_object_get(loc, "country")), "CN");
	assert_true(json_real_value(json_object_get(loc, "lat")) > 39.9);
	assert_int_equal(json_integer_value(json_object_get(loc, "geonames_id")), 1816670);
	assert_string_equal(json_string_value(json_object_get(o, "text")), sentence);
	json_decref(o);
	buf_free(&b);
}

/* plover and location objects round-trip whatever their strings hold: a
 * quote, a backslash, a control byte, a name longer than any place's, no
 * coordinates, no GeoNames id. */
static void test_jsonl_objects_escaped(void **state)
{
	(void)state;
	char longname[700];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	const char *names[] = { "Beijing", "Sana\"a", "Back\\slash", "Tab\there", longname };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		dy_record r = sample();
		r.loc_name = names[i];
		r.loc_admin1 = i == 2 ? NULL : names[i];
		r.plover_context = names[i];
		if (i == 1) {
			r.loc_lat = r.loc_lon = NAN;
			r.loc_geonames_id = 0;
		}
		dy_buf b = DY_BUF_INIT;
		line_of(OUT_JSONL, NULL, 0, &r, &b);
		json_error_t je;
		json_t *o = json_loadb(b.p, b.n, 0, &je);
		if (!o)
			fail_msg("not JSON (%s): %s", je.text, b.p);
		json_t *loc = json_object_get(o, "location");
		assert_string_equal(json_string_value(json_object_get(loc, "name")), names[i]);
		assert_string_equal(json_string_value(json_object_get(loc, "country")), "CN");
		if (i == 2)
			assert_true(json_is_null(json_object_get(loc, "admin1")));
		else
			assert_string_equal(json_string_value(json_object_get(loc, "admin1")), names[i]);
		if (i == 1) {
			assert_true(json_is_null(json_object_get(loc, "lat")));
			assert_true(json_is_null(json_object_get(loc, "lon")));
			assert_true(json_is_null(json_object_get(loc, "geonames_id")));
		} else {
			assert_non_null(strstr(b.p, "\"lat\":39.9075,\"lon\":116.3972,\"geonames_id\":1816670}"));
		}
		json_t *pl = json_object_get(o, "plover");
		assert_string_equal(json_string_value(json_object_get(pl, "event")), "CONSULT");
		assert_string_equal(json_string_value(json_object_get(pl, "context")), names[i]);
		json_decref(o);
		buf_free(&b);
	}
}

/* Absent values are null, the keys stay (a stable schema). */
static void test_jsonl_nulls(void **state)
{
	(void)state;
	dy_record r = sample();
	r.has_location = 0;
	r.plover_event = NULL;
	r.date_from_text = 0;
	r.date_phrase = NULL;
	r.root = NULL;
	r.event_name = NULL;
	r.quad = 0;
	r.has_goldstein = 0;
	r.date[0] = '\0';
	dy_buf b = DY_BUF_INIT;
	line_of(OUT_JSONL, NULL, 0, &r, &b);
	json_error_t je;
	json_t *o = json_loadb(b.p, b.n, 0, &je);
	assert_non_null(o);
	static const char *const nulls[] = { "date", "date_phrase", "plover", "location", "root",
	                                     "event_name", "quad", "goldstein" };
	for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
		if (!json_is_null(json_object_get(o, nulls[i])))
			fail_msg("%s not null: %s", nulls[i], b.p);
	assert_string_equal(json_string_value(json_object_get(o, "date_source")), "document");
	json_decref(o);
	buf_free(&b);
}

/* Escaping: quotes, backslashes, control characters, newlines; UTF-8 kept. */
static void test_jsonl_escaping(void **state)
{
	(void)state;
	static const char text[] = "He said \"no\" \\ then\nleft\tat 5\x01 \xc3\xa9t\xc3\xa9 \xe2\x80\x94 end";
	dy_record r = sample();
	r.text = text;
	r.text_len = sizeof text - 1;
	r.doc_id = "id\"with\\quote";
	dy_buf b = DY_BUF_INIT;
	line_of(OUT_JSONL, NULL, 0, &r, &b);
	assert_null(memchr(b.p, '\n', b.n - 1));
	assert_null(memchr(b.p, '\t', b.n));
	json_error_t je;
	json_t *o = json_loadb(b.p, b.n, 0, &je);
	if (!o)
		fail_msg("not JSON: %s (%s)", je.text, b.p);
	assert_string_equal(json_string_value(json_object_get(o, "text")), text);
	assert_string_equal(json_string_value(json_object_get(o, "doc_id")), "id\"with\\quote");
	json_decref(o);
	buf_free(&b);
}

/* Strings of every length around the writer's short-string and word steps,
 * with a byte to escape at every position, in the fields written straight
 * into the line (codes, names, plover, location) and in the sentence: each
 * reads back unchanged. */
static void test_jsonl_strings_of_every_length(void **state)
{
	(void)state;
	static const char esc[] = "\"\\\n\t\x01\x1f";
	for (size_t len = 0; len <= 90; len++) {
		for (size_t at = 0; at <= len; at += len < 20 ? 1 : 7) {
			char s[128];
			for (size_t i = 0; i < len; i++)
				s[i] = (char)('a' + i % 26);
			if (at < len)
				s[at] = esc[(len + at) % (sizeof esc - 1)];
			s[len] = '\0';
			dy_record r = sample();
			r.source = r.event_name = r.plover_context = r.loc_admin1 = s;
			r.text = s;
			r.text_len = len;
			dy_buf b = DY_BUF_INIT;
			line_of(OUT_JSONL, NULL, 0, &r, &b);
			json_error_t je;
			json_t *o = json_loadb(b.p, b.n, 0, &je);
			if (!o)
				fail_msg("not JSON: %s (%s)", je.text, b.p);
			assert_string_equal(json_string_value(json_object_get(o, "source")), s);
			assert_string_equal(json_string_value(json_object_get(o, "event_name")), s);
			assert_string_equal(json_string_value(json_object_get(o, "text")), s);
			json_t *pl = json_object_get(o, "plover"), *loc = json_object_get(o, "location");
			assert_string_equal(json_string_value(json_object_get(pl, "context")), s);
			if (len)
				assert_string_equal(json_string_value(json_object_get(loc, "admin1")), s);
			json_decref(o);
			buf_free(&b);
		}
	}
}

static void test_goldstein_format(void **state)
{
	(void)state;
	static const struct { double g; const char *s; } cases[] = {
		{ 1.9, "1.9" }, { -10.0, "-10.0" }, { 10.0, "10.0" }, { 0.0, "0.0" }, { -2.0, "-2.0" },
		{ 3.4, "3.4" }, { -0.4, "-0.4" }
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		dy_record r = sample();
		r.goldstein = cases[i].g;
		dy_buf b = DY_BUF_INIT;
		line_of(OUT_JSONL, "goldstein", 0, &r, &b);
		char want[64];
		snprintf(want, sizeof want, "{\"goldstein\":%s}\n", cases[i].s);
		assert_string_equal(b.p, want);
		buf_free(&b);
	}
}

/* TSV by default: the Phoenix data set's 26 columns, in its order. */
static void test_tsv_phoenix(void **state)
{
	(void)state;
	static const char *const cols[] = {
		"EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
		"SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
		"TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode",
		"QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
		"StateName", "CountryCode", "SentenceID", "URLs", "NewsSources"
	};
	dy_writer w;
	dy_buf err = DY_BUF_INIT, b = DY_BUF_INIT;
	assert_int_equal(writer_init(&w, OUT_TSV, NULL, 0, &err), 0);
	writer_header(&w, &b);
	dy_buf want = DY_BUF_INIT;
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		if (i)
			buf_putc(&want, '\t');
		buf_puts(&want, cols[i]);
	}
	buf_putc(&want, '\n');
	assert_string_equal(b.p, want.p);
	buf_clear(&b);
	dy_record r = sample();
	r.source = "USAGOVLEG";
	r.target = "IRQREBMOS";
	writer_record(&w, &r, &b);
	assert_string_equal(b.p,
		"afp-001-2-1\t20240414\t2024\t4\t14\tUSAGOVLEG\tUSA\tGOV\tLEG\t"
		"IRQREBMOS\tIRQ\tREB\tMOS\t042\t04\t1\t1.9\t\t39.9075\t116.3972\tBeijing\t"
		"Beijing\tCN\tafp-001-2\thttps://example.org/a\tAFP\n");
	/* with dedup the merge columns follow */
	assert_int_equal(writer_init(&w, OUT_TSV, NULL, 1, &err), 0);
	assert_int_equal(w.n, 29);
	assert_int_equal(w.fields[28], F_DOC_IDS);
	buf_free(&b);
	buf_free(&want);
	buf_free(&err);
}

/* TSV has no quoting: tabs and newlines in a value become spaces. */
static void test_tsv_escaping(void **state)
{
	(void)state;
	static const char text[] = "a\tb\nc\rd";
	dy_record r = sample();
	r.text = text;
	r.text_len = sizeof text - 1;
	dy_buf b = DY_BUF_INIT;
	line_of(OUT_TSV, "doc_id,text,code", 0, &r, &b);
	assert_string_equal(b.p, "afp-001\ta b c d\t042\n");
	buf_free(&b);
}

static void test_actor_split(void **state)
{
	(void)state;
	static const struct { const char *code, *e, *r, *a; } cases[] = {
		{ "DEUGOV", "DEU", "GOV", "" },
		{ "CHN", "CHN", "", "" },
		{ "USAMILREB", "USA", "MIL", "REB" },
		{ "IGOUNO", "IGO", "", "UNO" },
		{ "GOV", "", "GOV", "" },
		{ "SYRREBSUNMOS", "SYR", "REB", "SUNMOS" },
		{ "NGOKE", "NGO", "", "KE" },
		{ "", "", "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char e[16], r[16], a[16];
		write_actor_split(cases[i].code, e, r, a, sizeof e);
		assert_string_equal(e, cases[i].e);
		assert_string_equal(r, cases[i].r);
		assert_string_equal(a, cases[i].a);
	}
	/* output never overflows */
	char e[4], r[4], a[4];
	write_actor_split("USAGOVMILREBCOPJUD", e, r, a, sizeof e);
	assert_string_equal(a, "MIL");
}

/* CSV quotes a value with a comma, a quote or a line break, doubling quotes. */
static void test_csv_quoting(void **state)
{
	(void)state;
	static const char text[] = "Scholz said: \"We agree, mostly\"\nthen left";
	dy_record r = sample();
	r.text = text;
	r.text_len = sizeof text - 1;
	r.doc_id = "plain";
	dy_writer w;
	dy_buf err = DY_BUF_INIT, b = DY_BUF_INIT;
	assert_int_equal(writer_init(&w, OUT_CSV, "doc_id,text,goldstein,location_name", 0, &err), 0);
	writer_header(&w, &b);
	writer_record(&w, &r, &b);
	assert_string_equal(b.p,
		"doc_id,text,goldstein,location_name\n"
		"plain,\"Scholz said: \"\"We agree, mostly\"\"\nthen left\",1.9,Beijing\n");
	/* the default CSV has a header naming every column and as many cells */
	assert_int_equal(writer_init(&w, OUT_CSV, NULL, 0, &err), 0);
	buf_clear(&b);
	writer_header(&w, &b);
	assert_true(strncmp(b.p, "doc_id,sentence,date,source,target,code", 39) == 0);
	size_t commas = 0;
	for (size_t i = 0; i < b.n; i++)
		commas += b.p[i] == ',';
	assert_int_equal(commas + 1, (size_t)w.n);
	buf_free(&b);
	buf_free(&err);
}

/* --fields: selection and order as asked, the same for every format, Phoenix
 * aliases accepted (any case), JSON keys as spelled. */
static void test_fields_selection(void **state)
{
	(void)state;
	dy_record r = sample();
	dy_buf b = DY_BUF_INIT;
	line_of(OUT_JSONL, "code, source,target,date", 0, &r, &b);
	assert_string_equal(b.p,
		"{\"code\":\"042\",\"source\":\"DEUGOV\",\"target\":\"CHN\",\"date\":\"2024-04-14\"}\n");
	buf_clear(&b);
	line_of(OUT_TSV, "code,source,target,date", 0, &r, &b);
	assert_string_equal(b.p, "042\tDEUGOV\tCHN\t2024-04-14\n");
	buf_clear(&b);
	line_of(OUT_CSV, "EventCode,goldsteinscore,plover_event,Date,year", 0, &r, &b);
	assert_string_equal(b.p, "042,1.9,CONSULT,20240414,2024\n");
	buf_clear(&b);
	line_of(OUT_JSONL, "EventCode,plover,doc_ids,reports", 0, &r, &b);
	assert_string_equal(b.p, "{\"EventCode\":\"042\",\"plover\":{\"event\":\"CONSULT\","
	                         "\"mode\":\"visit\",\"context\":\"\"},\"doc_ids\":[\"afp-001\"],"
	                         "\"reports\":1}\n");
	buf_free(&b);
}

static void test_fields_errors(void **state)
{
	(void)state;
	dy_writer w;
	dy_buf err = DY_BUF_INIT;
	assert_int_equal(writer_init(&w, OUT_TSV, "code,sauce,target", 0, &err), -1);
	assert_non_null(strstr(err.p, "'sauce'"));
	/* the message lists the valid fields */
	assert_non_null(strstr(err.p, "goldstein"));
	assert_non_null(strstr(err.p, "EventID"));
	buf_clear(&err);
	assert_int_equal(writer_init(&w, OUT_JSONL, "code,,target", 0, &err), -1);
	assert_non_null(strstr(err.p, "''"));
	buf_clear(&err);
	assert_int_equal(writer_init(&w, OUT_JSONL, "", 0, &err), -1);
	buf_clear(&err);
	dy_buf many = DY_BUF_INIT;
	for (int i = 0; i < WRITE_MAX_FIELDS + 1; i++)
		buf_puts(&many, i ? ",code" : "code");
	assert_int_equal(writer_init(&w, OUT_CSV, many.p, 0, &err), -1);
	assert_non_null(strstr(err.p, "too many"));
	assert_int_equal(write_format_from_name("tsv"), OUT_TSV);
	assert_int_equal(write_format_from_name("csv"), OUT_CSV);
	assert_int_equal(write_format_from_name("jsonl"), OUT_JSONL);
	assert_int_equal(write_format_from_name("xml"), -1);
	/* every field has a unique name and resolves to itself */
	for (int f = 0; f < F_COUNT; f++) {
		const char *n = write_field_name((dy_field)f);
		assert_int_equal(write_field_find(n, strlen(n)), f);
		const char *a = write_field_alias((dy_field)f);
		if (a)
			assert_int_equal(write_field_find(a, strlen(a)), f);
	}
	buf_free(&many);
	buf_free(&err);
}

/* Every field, in every format, for a record with everything absent that can
 * be: no crash, one line, JSON that parses. */
static void test_all_fields_sparse(void **state)
{
	(void)state;
	dy_record r;
	memset(&r, 0, sizeof r);
	r.doc_id = "d";
	r.source = "";
	r.target = "";
	r.code = "";
	r.text = "";
	dy_buf list = DY_BUF_INIT;
	for (int f = 0; f < F_COUNT; f++) {
		if (f)
			buf_putc(&list, ',');
		buf_puts(&list, write_field_name((dy_field)f));
	}
	for (int fmt = OUT_JSONL; fmt <= OUT_CSV; fmt++) {
		dy_buf b = DY_BUF_INIT;
		line_of((dy_out_format)fmt, list.p, 0, &r, &b);
		assert_non_null(memchr(b.p, '\n', b.n));
		assert_ptr_equal(memchr(b.p, '\n', b.n), b.p + b.n - 1);
		if (fmt == OUT_JSONL) {
			json_error_t je;
			json_t *o = json_loadb(b.p, b.n, 0, &je);
			if (!o)
				fail_msg("bad JSON %s: %s", je.text, b.p);
			assert_int_equal(json_object_size(o), F_COUNT);
			json_decref(o);
		}
		buf_free(&b);
	}
	buf_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_keys_and_values),
		cmocka_unit_test(test_jsonl_nulls),
		cmocka_unit_test(test_jsonl_objects_escaped),
		cmocka_unit_test(test_jsonl_escaping),
		cmocka_unit_test(test_jsonl_strings_of_every_length),
		cmocka_unit_test(test_goldstein_format),
		cmocka_unit_test(test_tsv_phoenix),
		cmocka_unit_test(test_tsv_escaping),
		cmocka_unit_test(test_actor_split),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_fields_selection),
		cmocka_unit_test(test_fields_errors),
		cmocka_unit_test(test_all_fields_sparse),
	};
	return cmocka_run_group_tests_name("write", tests, NULL, NULL);
}
