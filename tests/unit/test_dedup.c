/* SPDX-License-Identifier: MIT */
/* Unit tests of one-a-day duplicate removal: the key (date, source, target,
 * code), merging with reports / n_docs / doc_ids, first-report order, the cap
 * on doc_ids, undated events, the window, and copies that outlive the
 * caller's buffers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "write/dedup.h"
#include "write/write.h"

static dy_record rec(const char *doc, const char *date, const char *src, const char *tgt,
                     const char *code, const char *text)
{
	dy_record r;
	memset(&r, 0, sizeof r);
	r.doc_id = doc;
	snprintf(r.date, sizeof r.date, "%s", date);
	r.source = src;
	r.target = tgt;
	r.code = code;
	r.text = text;
	r.text_len = strlen(text);
	return r;
}

static void test_merge_same_key(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	dy_record a = rec("reuters-1", "2024-04-14", "DEUGOV", "CHN", "042", "Scholz arrived in Beijing.");
	dy_record b = rec("afp-7", "2024-04-14", "DEUGOV", "CHN", "042", "Scholz landed in Beijing.");
	dy_record c = rec("ap-3", "2024-04-14", "DEUGOV", "CHN", "042", "The chancellor came to China.");
	assert_int_equal(dedup_add(d, &a, 1), 1);
	assert_int_equal(dedup_add(d, &b, 2), 0);
	assert_int_equal(dedup_add(d, &c, 3), 0);
	assert_int_equal(dedup_count(d), 1);
	const dy_record *k = dedup_at(d, 0);
	assert_string_equal(k->doc_id, "reuters-1");
	assert_string_equal(k->text, "Scholz arrived in Beijing.");
	assert_int_equal(k->reports, 3);
	assert_int_equal(k->n_docs, 3);
	assert_int_equal(k->n_doc_ids, 3);
	assert_string_equal(k->doc_ids[0], "reuters-1");
	assert_string_equal(k->doc_ids[1], "afp-7");
	assert_string_equal(k->doc_ids[2], "ap-3");
	assert_null(dedup_at(d, 1));
	dedup_free(d);
}

/* Each part of the key tells events apart. */
static void test_key_parts(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	dy_record base = rec("d1", "2024-04-14", "DEUGOV", "CHN", "042", "x");
	dy_record v[] = {
		rec("d2", "2024-04-15", "DEUGOV", "CHN", "042", "other day"),
		rec("d3", "2024-04-14", "FRAGOV", "CHN", "042", "other source"),
		rec("d4", "2024-04-14", "DEUGOV", "RUS", "042", "other target"),
		rec("d5", "2024-04-14", "DEUGOV", "CHN", "043", "other code"),
		/* concatenations that collide must not merge */
		rec("d6", "2024-04-14", "DEUGO", "VCHN", "042", "shifted"),
	};
	assert_int_equal(dedup_add(d, &base, 1), 1);
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		assert_int_equal(dedup_add(d, &v[i], (long)i + 2), 1);
	assert_int_equal(dedup_count(d), 6);
	for (size_t i = 0; i < dedup_count(d); i++)
		assert_int_equal(dedup_at(d, i)->reports, 1);
	/* the text and the document do not count */
	dy_record same = rec("d9", "2024-04-14", "DEUGOV", "CHN", "042", "different words");
	assert_int_equal(dedup_add(d, &same, 9), 0);
	assert_int_equal(dedup_at(d, 0)->reports, 2);
	dedup_free(d);
}

/* Kept events come out in the order of their first report. */
static void test_first_report_order(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	const char *codes[] = { "042", "036", "042", "190", "036", "057", "190" };
	for (size_t i = 0; i < 7; i++) {
		char id[32];
		snprintf(id, sizeof id, "doc%zu", i);
		dy_record r = rec(id, "2024-01-02", "AAA", "BBB", codes[i], "t");
		dedup_add(d, &r, (long)i);
	}
	assert_int_equal(dedup_count(d), 4);
	const char *want[] = { "042", "036", "190", "057" };
	const long reports[] = { 2, 2, 2, 1 };
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(dedup_at(d, i)->code, want[i]);
		assert_int_equal(dedup_at(d, i)->reports, reports[i]);
	}
	assert_string_equal(dedup_at(d, 2)->doc_ids[1], "doc6");
	dedup_free(d);
}

/* Two sentences of one document reporting the event: two reports, one document. */
static void test_same_document_twice(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	dy_record a = rec("d1", "2024-04-14", "DEUGOV", "CHN", "042", "first");
	dy_record b = rec("d1", "2024-04-14", "DEUGOV", "CHN", "042", "second");
	dy_record c = rec("d2", "2024-04-14", "DEUGOV", "CHN", "042", "third");
	dedup_add(d, &a, 1);
	dedup_add(d, &b, 1);
	dedup_add(d, &c, 2);
	const dy_record *k = dedup_at(d, 0);
	assert_int_equal(k->reports, 3);
	assert_int_equal(k->n_docs, 2);
	assert_int_equal(k->n_doc_ids, 2);
	assert_string_equal(k->doc_ids[1], "d2");
	dedup_free(d);
}

/* doc_ids stops at WRITE_MAX_DOC_IDS; the counts go on. */
static void test_doc_ids_cap(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	for (long i = 0; i < 150; i++) {
		char id[32];
		snprintf(id, sizeof id, "doc-%ld", i);
		dy_record r = rec(id, "2024-04-14", "DEUGOV", "CHN", "042", "t");
		dedup_add(d, &r, i);
	}
	const dy_record *k = dedup_at(d, 0);
	assert_int_equal(k->reports, 150);
	assert_int_equal(k->n_docs, 150);
	assert_int_equal(k->n_doc_ids, WRITE_MAX_DOC_IDS);
	assert_string_equal(k->doc_ids[0], "doc-0");
	assert_string_equal(k->doc_ids[WRITE_MAX_DOC_IDS - 1], "doc-99");
	dedup_free(d);
}

/* Without a date there is no day: undated events are all kept. */
static void test_undated_kept(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	dy_record a = rec("d1", "", "DEUGOV", "CHN", "042", "t");
	dy_record b = rec("d2", "", "DEUGOV", "CHN", "042", "t");
	assert_int_equal(dedup_add(d, &a, 1), 1);
	assert_int_equal(dedup_add(d, &b, 2), 1);
	assert_int_equal(dedup_count(d), 2);
	dedup_free(d);
}

/* Records are copied: the caller's buffers may change after dedup_add. */
static void test_copies(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	char id[16] = "doc-a", src[16] = "DEUGOV", text[32] = "original sentence";
	char phrase[16] = "on Sunday";
	dy_record r = rec(id, "2024-04-14", src, "CHN", "042", text);
	r.date_phrase = phrase;
	r.date_phrase_len = strlen(phrase);
	r.plover_event = "CONSULT";
	dedup_add(d, &r, 1);
	strcpy(id, "doc-b");
	strcpy(src, "XXXXXX");
	strcpy(text, "overwritten");
	strcpy(phrase, "garbage!!");
	const dy_record *k = dedup_at(d, 0);
	assert_string_equal(k->doc_id, "doc-a");
	assert_string_equal(k->source, "DEUGOV");
	assert_int_equal(k->text_len, strlen("original sentence"));
	assert_memory_equal(k->text, "original sentence", k->text_len);
	assert_memory_equal(k->date_phrase, "on Sunday", k->date_phrase_len);
	assert_string_equal(k->plover_event, "CONSULT");
	dedup_free(d);
}

/* Many distinct keys: the table grows and every key is still found. */
static void test_growth(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	char code[16];
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 5000; i++) {
			snprintf(code, sizeof code, "%04d", i);
			dy_record r = rec(pass ? "second" : "first", "2020-01-01", "AAA", "BBB", code, "t");
			assert_int_equal(dedup_add(d, &r, pass), !pass);
		}
	assert_int_equal(dedup_count(d), 5000);
	for (size_t i = 0; i < 5000; i++) {
		snprintf(code, sizeof code, "%04zu", i);
		assert_string_equal(dedup_at(d, i)->code, code);
		assert_int_equal(dedup_at(d, i)->reports, 2);
	}
	dedup_free(d);
}

/* The window: full at `window` events; after a clear merging starts afresh. */
static void test_window(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(2);
	dy_record a = rec("d1", "2024-04-14", "A", "B", "042", "t");
	dy_record b = rec("d2", "2024-04-14", "A", "C", "042", "t");
	dedup_add(d, &a, 1);
	assert_false(dedup_full(d));
	dedup_add(d, &a, 2);
	assert_false(dedup_full(d));
	dedup_add(d, &b, 3);
	assert_true(dedup_full(d));
	dedup_clear(d);
	assert_int_equal(dedup_count(d), 0);
	assert_false(dedup_full(d));
	assert_int_equal(dedup_add(d, &a, 4), 1);
	assert_int_equal(dedup_at(d, 0)->reports, 1);
	dedup_free(d);
	dedup_free(NULL);
}

/* The writers show the merge: reports, n_docs and doc_ids in JSONL. */
static void test_written(void **state)
{
	(void)state;
	dy_dedup *d = dedup_new(0);
	dy_record a = rec("r1", "2024-04-14", "DEUGOV", "CHN", "042", "t");
	dy_record b = rec("r2", "2024-04-14", "DEUGOV", "CHN", "042", "u");
	dedup_add(d, &a, 1);
	dedup_add(d, &b, 2);
	dy_writer w;
	dy_buf err = DY_BUF_INIT, out = DY_BUF_INIT;
	assert_int_equal(writer_init(&w, OUT_JSONL, NULL, 1, &err), 0);
	writer_record(&w, dedup_at(d, 0), &out);
	assert_non_null(strstr(out.p, "\"reports\":2,\"n_docs\":2,\"doc_ids\":[\"r1\",\"r2\"],\"text\":\"t\"}"));
	buf_free(&out);
	buf_free(&err);
	dedup_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_same_key),
		cmocka_unit_test(test_key_parts),
		cmocka_unit_test(test_first_report_order),
		cmocka_unit_test(test_same_document_twice),
		cmocka_unit_test(test_doc_ids_cap),
		cmocka_unit_test(test_undated_kept),
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_written),
	};
	return cmocka_run_group_tests_name("dedup", tests, NULL, NULL);
}
