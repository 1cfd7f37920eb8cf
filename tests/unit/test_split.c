/* SPDX-License-Identifier: MIT */
/* Unit tests for src/text/split.c, abbrev.c and dateline.c: sentence ends in
 * realistic news text (abbreviations, initials, quotes, brackets, ellipses,
 * paragraph breaks), datelines, span invariants, and pathological inputs
 * under a time bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "text/split.h"
#include "util/arena.h"

int abbrev_table_sorted(void); /* abbrev.c, for this test */

/* Checks the spans' invariants: inside the text, ascending, not overlapping,
 * not empty, trimmed. */
static void check_spans(const char *text, size_t n, const dy_span *s, size_t k)
{
	uint32_t prev_end = 0;
	for (size_t i = 0; i < k; i++) {
		assert_true(s[i].len > 0);
		assert_true((size_t)s[i].off + s[i].len <= n);
		assert_true(s[i].off >= prev_end);
		assert_false(text[s[i].off] == ' ' || text[s[i].off] == '\n');
		char last = text[s[i].off + s[i].len - 1];
		assert_false(last == ' ' || last == '\n');
		prev_end = s[i].off + s[i].len;
	}
}

/* Splits `text` and asserts exactly the sentences given (NULL-terminated). */
static void expect_split(const char *text, ...)
{
	dy_arena a;
	arena_init(&a);
	dy_span *s;
	size_t n = strlen(text);
	size_t k = split_sentences(&a, text, n, &s);
	check_spans(text, n, s, k);
	va_list ap;
	va_start(ap, text);
	size_t i = 0;
	const char *want;
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (i >= k) {
			print_error("missing sentence %zu: \"%s\"\n", i, want);
			fail();
		}
		char *got = arena_strndup(&a, text + s[i].off, s[i].len);
		if (strcmp(got, want) != 0) {
			print_error("sentence %zu:\n  got  \"%s\"\n  want \"%s\"\n", i, got, want);
			fail();
		}
		i++;
	}
	va_end(ap);
	if (i != k) {
		print_error("%zu sentences, want %zu; extra: \"%.*s\"\n", k, i,
			    (int)s[i].len, text + s[i].off);
		fail();
	}
	arena_free(&a);
}

/* 1. The issue's own examples. */
static void split_issue_examples(void **state)
{
	(void)state;
	expect_split("U.S. Secretary of State Antony Blinken arrived in Riyadh. He met officials.",
		     "U.S. Secretary of State Antony Blinken arrived in Riyadh.",
		     "He met officials.", NULL);
	expect_split("Gen. Smith met Sen. Jones on Jan. 5 in Washington, D.C., on Tuesday.",
		     "Gen. Smith met Sen. Jones on Jan. 5 in Washington, D.C., on Tuesday.", NULL);
	expect_split("He said: \"We will not leave. They must.\" Then he left.",
		     "He said: \"We will not leave.", "They must.\"", "Then he left.", NULL);
	expect_split("Washington imposed new sanctions on the U.S. The move angered Tehran.",
		     "Washington imposed new sanctions on the U.S.",
		     "The move angered Tehran.", NULL);
}

/* 2. Titles, initials and acronyms inside sentences. */
static void split_abbreviations_inside(void **state)
{
	(void)state;
	expect_split("Lt. Col. Ahmed Hassan and Maj. Gen. Yair Golan inspected the border.",
		     "Lt. Col. Ahmed Hassan and Maj. Gen. Yair Golan inspected the border.", NULL);
	expect_split("President John F. Kennedy visited Berlin in 1963.",
		     "President John F. Kennedy visited Berlin in 1963.", NULL);
	expect_split("The novel by J. K. Rowling sold well in the U.K. and the U.S. last year.",
		     "The novel by J. K. Rowling sold well in the U.K. and the U.S. last year.", NULL);
	expect_split("Prime Minister Boris Johnson spoke at No. 10 on Monday.",
		     "Prime Minister Boris Johnson spoke at No. 10 on Monday.", NULL);
	expect_split("The talks in St. Louis were led by Dr. Amina Yusuf and Prof. Li Wei.",
		     "The talks in St. Louis were led by Dr. Amina Yusuf and Prof. Li Wei.", NULL);
	expect_split("Rep. Adam Schiff and Gov. Gavin Newsom criticised Amb. Nikki Haley.",
		     "Rep. Adam Schiff and Gov. Gavin Newsom criticised Amb. Nikki Haley.", NULL);
	expect_split("The U.N. Security Council and the E.U. Commission condemned the attack.",
		     "The U.N. Security Council and the E.U. Commission condemned the attack.", NULL);
	expect_split("Sgt. First Class Mark Lee, Capt. Ana Ruiz and Adm. John Aquilino attended.",
		     "Sgt. First Class Mark Lee, Capt. Ana Ruiz and Adm. John Aquilino attended.", NULL);
	expect_split("Abu Dhabi, the U.A.E. capital, hosted Rev. Jesse Jackson and Hon. Mary Kay.",
		     "Abu Dhabi, the U.A.E. capital, hosted Rev. Jesse Jackson and Hon. Mary Kay.", NULL);
	expect_split("Martin Luther King Jr. Day was marked by Pres. Biden in Atlanta.",
		     "Martin Luther King Jr. Day was marked by Pres. Biden in Atlanta.", NULL);
	expect_split("Apple Inc. and Samsung Electronics Co. Ltd. settled the dispute.",
		     "Apple Inc. and Samsung Electronics Co. Ltd. settled the dispute.", NULL);
	expect_split("The blast happened at 7:30 a.m. local time, police said.",
		     "The blast happened at 7:30 a.m. local time, police said.", NULL);
	expect_split("The vote is set for Sept. 14 and the count for Oct. 2.",
		     "The vote is set for Sept. 14 and the count for Oct. 2.", NULL);
	expect_split("Sen. Bernie Sanders (I-Vt.) voted against the bill.",
		     "Sen. Bernie Sanders (I-Vt.) voted against the bill.", NULL);
	expect_split("The case, Roe v. Wade, was cited by officials, e.g. Mr. Garland.",
		     "The case, Roe v. Wade, was cited by officials, e.g. Mr. Garland.", NULL);
}

/* 3. Ambiguous abbreviations at the end of a sentence. */
static void split_abbreviations_at_end(void **state)
{
	(void)state;
	expect_split("The attack began at 10 p.m. The army said 12 people died.",
		     "The attack began at 10 p.m.", "The army said 12 people died.", NULL);
	expect_split("The attack began at 10 p.m. Tuesday in Kandahar.",
		     "The attack began at 10 p.m. Tuesday in Kandahar.", NULL);
	expect_split("The shares were sold to Exxon Mobil Corp. But the deal collapsed.",
		     "The shares were sold to Exxon Mobil Corp.", "But the deal collapsed.", NULL);
	expect_split("Troops will stay in the U.K. They leave in March.",
		     "Troops will stay in the U.K.", "They leave in March.", NULL);
	expect_split("The delegation flew to Washington, D.C. In the evening it met lawmakers.",
		     "The delegation flew to Washington, D.C.",
		     "In the evening it met lawmakers.", NULL);
	expect_split("The rally was held on Jan. 5. It drew thousands.",
		     "The rally was held on Jan. 5.", "It drew thousands.", NULL);
	expect_split("The bill was signed by Martin O'Malley Jr. He called it historic.",
		     "The bill was signed by Martin O'Malley Jr.", "He called it historic.", NULL);
}

/* 3b. More American wire style: states, degrees, roman numerals, brackets. */
static void split_wire_style(void **state)
{
	(void)state;
	expect_split("He was born in Springfield, Ill. His father was a farmer.",
		     "He was born in Springfield, Ill.", "His father was a farmer.", NULL);
	expect_split("She holds a Ph.D. in physics from MIT. She joined the U.N. in 2001.",
		     "She holds a Ph.D. in physics from MIT.", "She joined the U.N. in 2001.", NULL);
	expect_split("The package was sent by Plan B. It arrived late.",
		     "The package was sent by Plan B.", "It arrived late.", NULL);
	expect_split("It happened in World War II. The war ended in 1945.",
		     "It happened in World War II.", "The war ended in 1945.", NULL);
	expect_split("Nos. 1 and 2 were released. No. 3 was not.",
		     "Nos. 1 and 2 were released.", "No. 3 was not.", NULL);
	expect_split("Forces loyal to Gen. Khalifa Haftar attacked Tripoli on Apr. 4. "
		     "The U.N.-recognised government resisted.",
		     "Forces loyal to Gen. Khalifa Haftar attacked Tripoli on Apr. 4.",
		     "The U.N.-recognised government resisted.", NULL);
	expect_split("Officials met on Tuesday (local time). The talks continued.",
		     "Officials met on Tuesday (local time).", "The talks continued.", NULL);
	expect_split("The deal was worth $4.5 bln. The company, Acme Corp., said it would close.",
		     "The deal was worth $4.5 bln.",
		     "The company, Acme Corp., said it would close.", NULL);
	expect_split("Ex-Gov. Jerry Brown spoke at 3 p.m. EST on Monday.",
		     "Ex-Gov. Jerry Brown spoke at 3 p.m. EST on Monday.", NULL);
}

/* 4. Numbers, web addresses and e-mail addresses. */
static void split_numbers_and_addresses(void **state)
{
	(void)state;
	expect_split("Growth slowed to 3.5 percent in 2023. Inflation rose to 4.2 percent.",
		     "Growth slowed to 3.5 percent in 2023.", "Inflation rose to 4.2 percent.", NULL);
	expect_split("Details are at www.un.org and press@un.org. Reporters may apply.",
		     "Details are at www.un.org and press@un.org.", "Reporters may apply.", NULL);
	expect_split("The U.S.-led coalition struck 14 targets. Iran's U.N. envoy protested.",
		     "The U.S.-led coalition struck 14 targets.", "Iran's U.N. envoy protested.", NULL);
	expect_split("The fund lost $1.2 billion. 15 banks were hit.",
		     "The fund lost $1.2 billion.", "15 banks were hit.", NULL);
}

/* 5. Quotations and brackets. */
static void split_quotes_and_brackets(void **state)
{
	(void)state;
	expect_split("“We will respond,” the minister said. “The attack was a crime.” He left.",
		     "“We will respond,” the minister said.", "“The attack was a crime.”",
		     "He left.", NULL);
	expect_split("\"Why did they fire?\" he asked. Nobody answered.",
		     "\"Why did they fire?\" he asked.", "Nobody answered.", NULL);
	expect_split("\"Is this a ceasefire?\" Foreign Minister Sergei Lavrov asked reporters.",
		     "\"Is this a ceasefire?\" Foreign Minister Sergei Lavrov asked reporters.", NULL);
	expect_split("“Never forget!” Blannin said Holmes had left a will.",
		     "“Never forget!”", "Blannin said Holmes had left a will.", NULL);
	expect_split("“Don’t let that happen!” Trump tweeted.",
		     "“Don’t let that happen!” Trump tweeted.", NULL);
	expect_split("\"Get out!\" They ran toward the gate.",
		     "\"Get out!\"", "They ran toward the gate.", NULL);
	expect_split("The army withdrew. (The ministry did not confirm this.) Fighting resumed.",
		     "The army withdrew.", "(The ministry did not confirm this.)",
		     "Fighting resumed.", NULL);
	expect_split("Hamas (which Israel, the U.S. and the E.U. list as a terrorist group) refused.",
		     "Hamas (which Israel, the U.S. and the E.U. list as a terrorist group) refused.",
		     NULL);
	expect_split("He called it ‘a betrayal.’ Others disagreed.",
		     "He called it ‘a betrayal.’", "Others disagreed.", NULL);
}

/* 6. Question marks, exclamation marks and ellipses. */
static void split_other_terminators(void **state)
{
	(void)state;
	expect_split("Will the talks resume? Diplomats doubt it! The envoy left.",
		     "Will the talks resume?", "Diplomats doubt it!", "The envoy left.", NULL);
	expect_split("He paused... Then he spoke again.",
		     "He paused...", "Then he spoke again.", NULL);
	expect_split("He paused… then went on.", "He paused… then went on.", NULL);
	expect_split("The talks failed… Negotiators blamed Moscow.",
		     "The talks failed…", "Negotiators blamed Moscow.", NULL);
	expect_split("It was . . . a disaster.", "It was . . . a disaster.", NULL);
}

/* 7. Paragraph breaks and whitespace. */
static void split_paragraphs_and_whitespace(void **state)
{
	(void)state;
	expect_split("Israeli jets struck Gaza\n\nHamas fired rockets in response.",
		     "Israeli jets struck Gaza", "Hamas fired rockets in response.", NULL);
	expect_split("Talks in Doha with Gen.\n\nSmith ended.", "Talks in Doha with Gen.",
		     "Smith ended.", NULL);
	expect_split("  Russia and Ukraine exchanged prisoners.   ",
		     "Russia and Ukraine exchanged prisoners.", NULL);
	expect_split("", NULL);
	expect_split("   \n\n  ", NULL);
	expect_split("No end mark here", "No end mark here", NULL);
	expect_split(". ! ?", ". ! ?", NULL);
}

/* 8. Multi-sentence news paragraphs. */
static void split_news_paragraphs(void **state)
{
	(void)state;
	expect_split("Turkish warplanes struck militant positions in northern Iraq on Sunday. "
		     "The Defense Ministry said 20 targets were destroyed. "
		     "Iraq's Foreign Ministry summoned the Turkish ambassador.",
		     "Turkish warplanes struck militant positions in northern Iraq on Sunday.",
		     "The Defense Ministry said 20 targets were destroyed.",
		     "Iraq's Foreign Ministry summoned the Turkish ambassador.", NULL);
	expect_split("Indian Prime Minister Narendra Modi arrived in Moscow on July 8. "
		     "Mr. Modi and Mr. Putin held talks for two days. "
		     "They signed nine agreements, officials said.",
		     "Indian Prime Minister Narendra Modi arrived in Moscow on July 8.",
		     "Mr. Modi and Mr. Putin held talks for two days.",
		     "They signed nine agreements, officials said.", NULL);
	expect_split("NATO Secretary General Jens Stoltenberg met U.S. Defense Secretary Lloyd "
		     "J. Austin III at the Pentagon. Both called for more aid to Ukraine.",
		     "NATO Secretary General Jens Stoltenberg met U.S. Defense Secretary Lloyd "
		     "J. Austin III at the Pentagon.",
		     "Both called for more aid to Ukraine.", NULL);
	expect_split("GEN. SMITH ARRIVED IN KABUL. HE MET TROOPS.",
		     "GEN. SMITH ARRIVED IN KABUL.", "HE MET TROOPS.", NULL);
}

static void abbrev_knows_its_words(void **state)
{
	(void)state;
	assert_true(abbrev_table_sorted());
	assert_true(abbrev_is_known("Gen", 3));
	assert_true(abbrev_is_known("GEN", 3));
	assert_true(abbrev_is_known("U.S", 3));
	assert_true(abbrev_is_known("U.A.E", 5));
	assert_true(abbrev_is_known("p.m", 3));
	assert_true(abbrev_is_known("F", 1));
	assert_true(abbrev_is_known("Jan", 3));
	assert_false(abbrev_is_known("Riyadh", 6));
	assert_false(abbrev_is_known("example.com", 11));
	assert_false(abbrev_is_known("gen", 3));
	assert_false(abbrev_is_known("", 0));
	assert_int_equal(abbrev_kind("Sen", 3), ABBR_TITLE);
	assert_int_equal(abbrev_kind("Inc", 3), ABBR_AMBIG);
	assert_int_equal(abbrev_kind("No", 2), ABBR_NUMBER);
	assert_int_equal(abbrev_kind("Sept", 4), ABBR_MONTH);
}

/* Finds the dateline in `text` and checks its fields against the expected
 * place, agency (NULL for none), date and the start of the body. */
static void expect_dateline(const char *text, const char *place, const char *agency,
			    int y, int m, int d, const char *body)
{
	dy_dateline dl;
	int found = dateline_find(text, strlen(text), &dl);
	if (!found) {
		print_error("no dateline in \"%s\"\n", text);
		fail();
	}
	assert_int_equal(dl.place.len, strlen(place));
	assert_memory_equal(text + dl.place.off, place, dl.place.len);
	if (agency) {
		assert_int_equal(dl.agency.len, strlen(agency));
		assert_memory_equal(text + dl.agency.off, agency, dl.agency.len);
	} else {
		assert_int_equal(dl.agency.len, 0);
	}
	assert_int_equal(dl.year, y);
	assert_int_equal(dl.month, m);
	assert_int_equal(dl.day, d);
	assert_string_equal(text + dl.body, body);
}

static void expect_no_dateline(const char *text)
{
	dy_dateline dl;
	if (dateline_find(text, strlen(text), &dl)) {
		print_error("dateline found in \"%s\": body at %u\n", text, dl.body);
		fail();
	}
	assert_int_equal(dl.body, 0);
}

static void dateline_issue_examples(void **state)
{
	(void)state;
	expect_dateline("RIYADH, Feb 5 (Reuters) - Saudi Arabia said on Monday.",
			"RIYADH", "Reuters", 0, 2, 5, "Saudi Arabia said on Monday.");
	expect_dateline("RIYADH, Saudi Arabia (AP) — The kingdom said.",
			"RIYADH", "AP", 0, 0, 0, "The kingdom said.");
	expect_dateline("WASHINGTON — President Biden said.", "WASHINGTON", NULL, 0, 0, 0,
			"President Biden said.");
	expect_dateline("BEIRUT, Lebanon, March 3, 2024 (AFP) - Israeli strikes hit.",
			"BEIRUT", "AFP", 2024, 3, 3, "Israeli strikes hit.");
	expect_dateline("GAZA CITY (Reuters) - Gunmen attacked.", "GAZA CITY", "Reuters",
			0, 0, 0, "Gunmen attacked.");
	expect_dateline("KYIV, Feb 24 (Reuters) - Russia launched an invasion.", "KYIV",
			"Reuters", 0, 2, 24, "Russia launched an invasion.");
	expect_dateline("LONDON: Britain said.", "LONDON", NULL, 0, 0, 0, "Britain said.");
	expect_dateline("Moscow, 12 June (TASS) - Russia said.", "Moscow", "TASS", 0, 6, 12,
			"Russia said.");
}

static void dateline_more_forms(void **state)
{
	(void)state;
	expect_dateline("RIYADH/DUBAI, Feb. 5, 2023 (Reuters) -- Oil rose.", "RIYADH/DUBAI",
			"Reuters", 2023, 2, 5, "Oil rose.");
	expect_dateline("ST. LOUIS – Protesters marched.", "ST. LOUIS", NULL, 0, 0, 0,
			"Protesters marched.");
	expect_dateline("UNITED NATIONS (AP) — The Security Council voted.", "UNITED NATIONS",
			"AP", 0, 0, 0, "The Security Council voted.");
	expect_dateline("Kabul, Aug 15 - The Taliban entered the city.", "Kabul", NULL, 0, 8, 15,
			"The Taliban entered the city.");
	expect_dateline("THE HAGUE (Reuters) - Judges ruled.", "THE HAGUE", "Reuters", 0, 0, 0,
			"Judges ruled.");
	expect_dateline("SEOUL, South Korea (AP) — North Korea fired a missile.", "SEOUL", "AP",
			0, 0, 0, "North Korea fired a missile.");
	expect_dateline("PORT-AU-PRINCE, Haiti, Sept. 3 (Xinhua) -- Gangs attacked.",
			"PORT-AU-PRINCE", "Xinhua", 0, 9, 3, "Gangs attacked.");
	expect_dateline("NEW DELHI: India on Monday said.", "NEW DELHI", NULL, 0, 0, 0,
			"India on Monday said.");
	expect_dateline("(Reuters) - Oil prices fell.", "", "Reuters", 0, 0, 0, "Oil prices fell.");
	expect_dateline("NEW DELHI, Jan 26 (Agence France-Presse) - India marked the day.",
			"NEW DELHI", "Agence France-Presse", 0, 1, 26, "India marked the day.");
}

static void dateline_not_a_sentence_start(void **state)
{
	(void)state;
	expect_no_dateline("The U.S. - Iran talks resumed in Oman.");
	expect_no_dateline("Iran - the talks resumed.");
	expect_no_dateline("Israel, Hamas - the truce holds.");
	expect_no_dateline("Russia and China - two powers - met.");
	expect_no_dateline("He said: we will stay.");
	expect_no_dateline("Officials said on Monday that talks would resume.");
	expect_no_dateline("");
	expect_no_dateline("RIYADH");
	expect_no_dateline("US - China trade talks stalled.");
	expect_no_dateline("THE U.S. - IRAN TALKS RESUMED.");
}

/* The pathological inputs must finish fast: a 1 MB sentence without a dot,
 * 10,000 "Gen." in a row, 1 MB of dots, a long word before a dot. */
static double seconds_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void split_pathological_inputs(void **state)
{
	(void)state;
	dy_arena a;
	arena_init(&a);
	dy_span *s;
	size_t n = 1u << 20;
	char *big = malloc(n + 1);

	for (size_t i = 0; i < n; i++)
		big[i] = (i % 7 == 6) ? ' ' : 'a';
	big[n] = '\0';
	clock_t t0 = clock();
	size_t k = split_sentences(&a, big, n, &s);
	check_spans(big, n, s, k);
	assert_true(k >= n / SPLIT_SENTENCE_MAX);
	for (size_t i = 0; i < k; i++)
		assert_true(s[i].len <= SPLIT_SENTENCE_MAX);
	assert_true(seconds_since(t0) < 1.0);

	const char gen[] = "Gen. ";
	size_t g = 10000 * (sizeof gen - 1);
	for (size_t i = 0; i < g; i++)
		big[i] = gen[i % (sizeof gen - 1)];
	t0 = clock();
	k = split_sentences(&a, big, g, &s);
	check_spans(big, g, s, k);
	assert_true(k >= 1 && k <= g / SPLIT_SENTENCE_MAX + 2);
	assert_true(seconds_since(t0) < 1.0);

	memset(big, '.', n);
	t0 = clock();
	k = split_sentences(&a, big, n, &s);
	check_spans(big, n, s, k);
	assert_true(seconds_since(t0) < 1.0);

	memset(big, 'x', n);
	big[n - 1] = '.';
	t0 = clock();
	k = split_sentences(&a, big, n, &s);
	check_spans(big, n, s, k);
	assert_true(seconds_since(t0) < 1.0);

	/* No space anywhere: cuts fall on character boundaries. */
	for (size_t i = 0; i + 1 < n; i += 2) {
		big[i] = (char)0xC3;
		big[i + 1] = (char)0xA9; /* é */
	}
	k = split_sentences(&a, big, n, &s);
	check_spans(big, n, s, k);
	for (size_t i = 0; i < k; i++)
		assert_int_equal(s[i].off % 2, 0);

	free(big);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_issue_examples),
		cmocka_unit_test(split_abbreviations_inside),
		cmocka_unit_test(split_abbreviations_at_end),
		cmocka_unit_test(split_wire_style),
		cmocka_unit_test(split_numbers_and_addresses),
		cmocka_unit_test(split_quotes_and_brackets),
		cmocka_unit_test(split_other_terminators),
		cmocka_unit_test(split_paragraphs_and_whitespace),
		cmocka_unit_test(split_news_paragraphs),
		cmocka_unit_test(abbrev_knows_its_words),
		cmocka_unit_test(dateline_issue_examples),
		cmocka_unit_test(dateline_more_forms),
		cmocka_unit_test(dateline_not_a_sentence_start),
		cmocka_unit_test(split_pathological_inputs),
	};
	return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
