/* SPDX-License-Identifier: MIT */
/* Unit tests for the normalizer (src/text/normalize.c, mojibake.c, entities.c):
 * invalid UTF-8, mojibake repair and the legitimate text it must leave alone,
 * HTML references, controls, whitespace folding, NFC, and repair offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <utf8proc.h>

#include "text/entities.h"
#include "text/mojibake.h"
#include "text/normalize.h"
#include "util/arena.h"

static dy_arena arena;

static int setup(void **state)
{
	(void)state;
	arena_init(&arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

static dy_norm norm_n(const char *s, size_t n)
{
	dy_norm r;
	text_normalize(&arena, s, n, &r);
	/* Invariants every result must keep, whatever the case checks. */
	assert_non_null(r.text);
	assert_int_equal(strlen(r.text), r.len);
	assert_int_equal(r.n_repairs, (size_t)r.invalid + r.mojibake + r.entities + r.controls);
	for (size_t i = 0; i < r.n_repairs; i++) {
		assert_true(r.repairs[i] <= r.len);
		if (i)
			assert_true(r.repairs[i - 1] <= r.repairs[i]);
	}
	return r;
}

static dy_norm norm(const char *s)
{
	return norm_n(s, strlen(s));
}

/* Text that is already clean must come out byte for byte, with no repair. */
static void assert_unchanged(const char *s)
{
	dy_norm r = norm(s);
	if (strcmp(r.text, s) != 0)
		fail_msg("changed: \"%s\" -> \"%s\"", s, r.text);
	assert_int_equal(r.n_repairs, 0);
}

static void assert_norm(const char *in, const char *want)
{
	dy_norm r = norm(in);
	if (strcmp(r.text, want) != 0)
		fail_msg("\"%s\" -> \"%s\", want \"%s\"", in, r.text, want);
}

/* ---- the examples of the issue ---- */

static void mojibake_cp1252_with_lost_quote_byte(void **state)
{
	(void)state;
	/* The closing quote U+201D is E2 80 9D; 0x9D is undefined in cp1252 and
	 * was lost, leaving "â€" at the end. */
	dy_norm r = norm("CafÃ© in SÃ£o Paulo â€œhiâ€");
	assert_string_equal(r.text, "Café in São Paulo “hi”");
	assert_int_equal(r.mojibake, 4);
	assert_int_equal(r.n_repairs, 4);
	/* Each repair points at its character in the output. */
	assert_int_equal(r.repairs[0], strlen("Caf"));
	assert_int_equal(r.repairs[1], strlen("Café in S"));
	assert_int_equal(r.repairs[2], strlen("Café in São Paulo "));
	assert_int_equal(r.repairs[3], strlen("Café in São Paulo “hi"));
}

static void mojibake_cp1250(void **state)
{
	(void)state;
	dy_norm r = norm("Foreign Minister CĂ©journe");
	assert_string_equal(r.text, "Foreign Minister Céjourne");
	assert_int_equal(r.mojibake, 1);
	assert_int_equal(r.repairs[0], strlen("Foreign Minister C"));
}

static void mojibake_lost_byte_forms(void **state)
{
	(void)state;
	/* The undefined byte kept as its C1 control, or replaced by U+FFFD. */
	assert_norm("â€\xc2\x9dhiâ€\xc2\x9d", "”hi”");
	assert_norm("said â€œyesâ€\xef\xbf\xbd and left", "said “yes” and left");
	assert_norm("â€œhiâ€ he said", "“hi” he said");
}

static void mojibake_common_sequences(void **state)
{
	(void)state;
	assert_norm("the ministerâ€™s visit â€“ and moreâ€¦", "the minister’s visit – and more…");
	assert_norm("costs Â£5 or 6â‚¬, 20Â°C", "costs £5 or 6€, 20°C");
	assert_norm("StraÃŸe in MÃ¼nchen, GrÃ¶ÃŸe", "Straße in München, Größe");
	assert_norm("dÃ©clarÃ© Ã\xc2\xa0 GenÃ¨ve", "déclaré à Genève");
	assert_norm("smile ðŸ˜€ ok", "smile \xf0\x9f\x98\x80 ok");
	/* Latin-1 reading: C1 controls where cp1252 has letters. */
	assert_norm("Ã\xc2\x89tat", "État");
}

static void mojibake_central_european(void **state)
{
	(void)state;
	/* Polish read as cp1252: the continuation byte is a mark after a capital,
	 * which legitimate text also shows; the lower-case letter before it tells. */
	assert_norm("wÅ‚adza, sÄ…d i siÄ™", "władza, sąd i się");
	assert_norm("GdaÅ„sk i KrakÃ³w", "Gdańsk i Kraków");
	/* Czech and Romanian through cp1250. */
	assert_norm("PĹ™Ă­liĹˇ", "Příliš");
	assert_norm("RomĂ˘nia", "România");
}

static void mojibake_weak_needs_evidence(void **state)
{
	(void)state;
	/* "È›" (ț) and "Ä™" (ę) are a capital and a closing mark: alone they
	 * stay, but mojibake anywhere near in the document makes them repairs,
	 * before it or after it. */
	assert_norm("BucureÈ™ti, È›arÄƒ", "București, țară");
	assert_norm("È›arÄƒ", "țară");
	assert_norm("Ä™ Ä‡", "ę ć");
	assert_unchanged("È› and Ä™");
	/* A cp1252 byte undefined and lost after a two-byte lead: č is C4 8D. */
	assert_norm("PÅ™Ã­liÅ¡ Å¾luÅ¥ouÄkÃ½ kÅ¯Åˆ", "Příliš žluťoučký kůň");
	assert_norm("ÅÃ³dÅº", "Łódź");
	/* "à" whose no-break space became a plain space. */
	assert_norm("dÃ©clarÃ© Ã  GenÃ¨ve, voilÃ  tout", "déclaré à Genève, voilà tout");
	assert_norm("Ã  GenÃ¨ve", "à Genève");
	assert_unchanged("IRMÃ E SÃO PAULO, MAÇÃ VERDE");
}

static void mojibake_other_languages(void **state)
{
	(void)state;
	assert_norm("Ä°stanbul'da gÃ¶rÃ¼ÅŸtÃ¼, aÄŸÄ±r", "İstanbul'da görüştü, ağır");
	assert_norm("HÃ\xc2\xa0 Ná»™i, Viá»‡t Nam, Thá»§ tÆ°á»›ng", "Hà Nội, Việt Nam, Thủ tướng");
	assert_norm("Î‘Î¸Î®Î½Î± ÎµÎ»Î»Î·Î½Î¹ÎºÎ¬", "Αθήνα ελληνικά");
	assert_norm("\xc3\x97\xc2\xa9\xc3\x97\xc5\x93\xc3\x97\xe2\x80\xa2\xc3\x97\xc2\x9d", "שלום");
}

static void mojibake_cyrillic(void **state)
{
	(void)state;
	/* "Россия" as UTF-8 read as cp1252, undefined bytes kept as C1 controls. */
	assert_norm("Ð\xc2\xa0Ð¾Ñ\xc2\x81Ñ\xc2\x81Ð¸Ñ\xc2\x8f", "Россия");
	assert_norm("Ð¿Ñ€ÐµÐ·Ð¸Ð´ÐµÐ½Ñ‚ ÐŸÑƒÑ‚Ð¸Ð½", "президент Путин");
}

static void mojibake_double_encoding(void **state)
{
	(void)state;
	dy_norm r = norm("CafÃƒÂ© and Ãƒâ€šÃ‚Â©");
	assert_string_equal(r.text, "Café and ©");
	assert_int_equal(r.mojibake, 2);
	assert_norm("â€™ twice: Ã¢â‚¬â„¢", "’ twice: ’");
}

static void mojibake_lone_c1_is_cp1252(void **state)
{
	(void)state;
	/* cp1252 text read as Latin-1: U+0092 stood for a right quote. */
	dy_norm r = norm("it\xc2\x92s \xc2\x93ok\xc2\x94");
	assert_string_equal(r.text, "it’s “ok”");
	assert_int_equal(r.mojibake, 3);
	assert_int_equal(r.controls, 0);
	/* Undefined in cp1252: dropped as a control. */
	r = norm("a\xc2\x81" "b");
	assert_string_equal(r.text, "ab");
	assert_int_equal(r.controls, 1);
}

/* ---- legitimate text passes unchanged ---- */

static void legit_multilingual_unchanged(void **state)
{
	(void)state;
	assert_unchanged("Le ministre a déclaré à Genève… « Nous sommes prêts », a-t-il dit.");
	assert_unchanged("À l'Élysée, Ça va ? Où êtes-vous, Noël ? Œuvre, cœur, naïf, Zoë.");
	assert_unchanged("Die Straße in Köln, Größe, Übergröße; „Straße“ sagte er. Äußerung.");
	assert_unchanged("Łódź, Gdańsk, źródło. Rząd przyjął ustawę; prezydent Wałęsa, Śląsk.");
	assert_unchanged("PÓŁNOC, ŁÓDŹ I GDAŃSK: RZĄD ŻĄDA ZMIAN.");
	assert_unchanged("Příliš žluťoučký kůň úpěl ďábelské ódy. ČŠÚ, Ústí nad Labem.");
	assert_unchanged("İstanbul'da görüştü, ağır. Erdoğan, Şanlıurfa, Iğdır; ÇAĞRI.");
	assert_unchanged("Bucureşti/București, ţară/țară, România, Ştefan cel Mare, ÎNCĂ.");
	assert_unchanged("Hà Nội, Việt Nam, Thủ tướng Phạm Minh Chính đã gặp Đại sứ.");
	assert_unchanged("¿Qué pasó? ¡Señor Muñoz! ESPAÑA” y “CAFÉ”, São Paulo, IRMÃ.");
	assert_unchanged("Россия и Україна; Ελλάδα, Αθήνα; ישראל; العراق; 北京; 서울.");
	assert_unchanged("Ærø, Åland, Øresund, Þórshöfn; ÅÄÖ. 3×4, ½ cup, 20°C, €5, £3, ©2024™.");
}

static void legit_capitals_before_quotes(void **state)
{
	(void)state;
	/* A capital with a closing mark can spell a valid UTF-8 sequence; with no
	 * other sign of mojibake it stays. */
	assert_unchanged("He shouted “CAFÉ” and “ESPAÑA”, then “DÉJÀ VU” — “VOILÀ…”");
	assert_unchanged("«ÇA» et «CAFÉ»; „STRAẞE“ und „GRÖẞE“.");
}

/* ---- invalid UTF-8 ---- */

static void invalid_sequences_replaced(void **state)
{
	(void)state;
	struct {
		const char *in;
		const char *want;
		unsigned    invalid;
	} cases[] = {
		{ "a\xff" "b", "a\xef\xbf\xbd" "b", 1 },                       /* never valid */
		{ "end \xe2\x80", "end \xef\xbf\xbd", 1 },                       /* truncated at end */
		{ "x\xe2\x80y", "x\xef\xbf\xbdy", 1 },                           /* truncated */
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", 2 },                   /* overlong '/' */
		{ "\xe0\x80\xaf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3 },   /* overlong */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3 },   /* surrogate */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 4 },
		{ "\xf5", "\xef\xbf\xbd", 1 },
		{ "\x80\x80 ok", "\xef\xbf\xbd\xef\xbf\xbd ok", 2 },             /* stray continuations */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dy_norm r = norm(cases[i].in);
		assert_string_equal(r.text, cases[i].want);
		assert_int_equal(r.invalid, cases[i].invalid);
		assert_int_equal(r.n_repairs, cases[i].invalid);
	}
	/* An existing, valid U+FFFD is not a repair. */
	assert_unchanged("bad \xef\xbf\xbd char");
	/* Offsets: each U+FFFD where it landed. */
	dy_norm r = norm("ab\xff" "cd\xfe");
	assert_int_equal(r.n_repairs, 2);
	assert_int_equal(r.repairs[0], 2);
	assert_int_equal(r.repairs[1], 2 + 3 + 2);
}

static void nul_bytes_are_controls(void **state)
{
	(void)state;
	dy_norm r = norm_n("a\0b\0", 4);
	assert_string_equal(r.text, "ab");
	assert_int_equal(r.len, 2);
	assert_int_equal(r.controls, 2);
}

/* ---- HTML references ---- */

static void entities_named_and_numeric(void **state)
{
	(void)state;
	dy_norm r = norm("Tom &amp; Jerry &eacute;t&eacute; &mdash; &rsquo;s &hellip; &#233; &#x2014; &#X2014;");
	assert_string_equal(r.text, "Tom & Jerry été — ’s … é — —");
	assert_int_equal(r.entities, 9);
	assert_int_equal(r.repairs[0], strlen("Tom "));
	assert_norm("&lt;b&gt; &quot;q&quot; &apos;a&apos; &copy; &euro; &Omega; &lang;x&rang;",
		    "<b> \"q\" 'a' © € Ω \xe2\x9f\xa8x\xe2\x9f\xa9");
	/* HTML reads 0x80-0x9F as Windows-1252. */
	assert_norm("1990&#150;1995 &#151; &#146;", "1990–1995 — ’");
	/* Decoded once: a doubly escaped reference keeps one level. */
	assert_norm("&amp;eacute;", "&eacute;");
	/* A reference to a space folds like a space; &nbsp; too. */
	assert_norm("a&nbsp;&nbsp; b&#32;&#9;c", "a b c");
}

static void entities_invalid_numeric(void **state)
{
	(void)state;
	dy_norm r = norm("&#0; &#xD800; &#x110000; &#99999999999999999999; &#x;");
	assert_string_equal(r.text, "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd &#x;");
	assert_int_equal(r.entities, 4);
}

static void entities_loose_forms(void **state)
{
	(void)state;
	/* Without ';' only the common five, and not before a letter, digit or '='. */
	assert_norm("fish &amp chips &lt 3 &gt 2 &nbsp x", "fish & chips < 3 > 2 x");
	assert_unchanged("AT&T and P&G; a&b; &ampersand; ?x=1&lt=2; &copy without; &bogus; &");
	assert_norm("&eacute without", "&eacute without");
	/* Numeric references may lack ';' as in HTML. */
	assert_norm("&#233t&#xe9 x", "ét\xc3\xa9 x");
}

static void entity_table_sorted_and_found(void **state)
{
	(void)state;
	size_t n = entity_count();
	assert_true(n >= 250);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(entity_name(i - 1), entity_name(i)) < 0);
	for (size_t i = 0; i < n; i++) {
		const char *name = entity_name(i);
		assert_true(entity_lookup(name, strlen(name)) != 0);
	}
	assert_int_equal(entity_lookup("eacute", 6), 0xE9);
	assert_int_equal(entity_lookup("Eacute", 6), 0xC9);
	assert_int_equal(entity_lookup("thetasym", 8), 0x3D1);
	assert_int_equal(entity_lookup("nbs", 3), 0);
	assert_int_equal(entity_lookup("", 0), 0);
}

/* ---- controls and invisible characters ---- */

static void controls_dropped(void **state)
{
	(void)state;
	dy_norm r = norm("a\x01" "b\x1b[0mc\x7f" "d\x0b" "e\x0c" "f");
	assert_string_equal(r.text, "ab[0mcdef");
	assert_int_equal(r.controls, 5);
	assert_int_equal(r.repairs[0], 1);
	/* BOM, zero-width space, soft hyphen, bidi marks. */
	r = norm("\xef\xbb\xbfMos\xc2\xad" "cow\xe2\x80\x8b is \xe2\x80\x8fhere");
	assert_string_equal(r.text, "Moscow is here");
	assert_int_equal(r.controls, 4);
	assert_int_equal(r.repairs[0], 0);
	/* ZWJ and ZWNJ shape words and stay. */
	assert_unchanged("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85");
}

/* ---- whitespace ---- */

static void whitespace_folded(void **state)
{
	(void)state;
	assert_norm("  a \t b\xc2\xa0\xc2\xa0" "c\xe3\x80\x80" "d\xe2\x80\x89" "e  ", "a b c d e");
	assert_norm("line one\nline two\r\nline three", "line one line two line three");
	assert_norm("para one.\n\npara two.\r\n\r\n\r\npara three.", "para one.\n\npara two.\n\npara three.");
	assert_norm("a\n \t\n b", "a\n\nb");
	assert_norm("a\xe2\x80\xa9" "b\xe2\x80\xa8" "c", "a\n\nb c");
	assert_norm("\n\n\nstart and end\n\n\n", "start and end");
	dy_norm r = norm(" \t\n\r\n ");
	assert_string_equal(r.text, "");
	assert_int_equal(r.n_repairs, 0);
}

static void quotes_and_dashes_kept(void **state)
{
	(void)state;
	assert_unchanged("“Quoted,” she said — ‘inner’ – 1990–95 ‹x› «y» „z“ ‚w‘");
}

/* ---- NFC ---- */

static void nfc_composes(void **state)
{
	(void)state;
	assert_norm("Cafe\xcc\x81", "Café");
	assert_norm("\xe2\x84\xab", "\xc3\x85");                 /* ANGSTROM SIGN -> Å */
	assert_norm("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x81"); /* jamo -> 각 */
	assert_norm("a\xcc\xa3\xcc\x81" "b", "\xe1\xba\xa1\xcc\x81" "b"); /* reordered, composed */
	/* A control between base and mark goes; the mark then composes. */
	dy_norm r = norm("e\x01\xcc\x81 x\xff");
	assert_string_equal(r.text, "é x\xef\xbf\xbd");
	assert_int_equal(r.n_repairs, 2);
	assert_int_equal(r.repairs[0], 0);                    /* inside the composed é */
	assert_int_equal(r.repairs[1], strlen("é x"));        /* moved with the text */
}

/* Compares the normalizer with utf8proc over the BMP and the SMP: each code
 * point alone and after bases it could compose with. */
static void nfc_agrees_with_utf8proc(void **state)
{
	(void)state;
	static const uint32_t bases[] = { 'e', 0xE9, 0x0B47, 0x1100, 0xAC00, 0x0CCA, 0x304B };
	size_t cap = 0x20000 * 16;
	char *in = malloc(cap);
	assert_non_null(in);
	for (size_t b = 0; b < sizeof bases / sizeof bases[0] + 1; b++) {
		size_t n = 0;
		for (uint32_t c = 0x300; c < 0x20000; c++) {
			if ((c >= 0xD800 && c <= 0xDFFF) || utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_ZS ||
			    utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_CF ||
			    c == 0x2028 || c == 0x2029)
				continue;
			if (b < sizeof bases / sizeof bases[0])
				n += (size_t)utf8proc_encode_char((utf8proc_int32_t)bases[b], (utf8proc_uint8_t *)in + n);
			n += (size_t)utf8proc_encode_char((utf8proc_int32_t)c, (utf8proc_uint8_t *)in + n);
			in[n++] = ' ';
		}
		in[--n] = '\0';
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n,
						  &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		assert_true(m > 0);
		arena_reset(&arena);
		dy_norm r = norm_n(in, n);
		if (r.n_repairs == 0) {
			for (size_t i = 0; i < r.len && i < (size_t)m; i++)
				if (r.text[i] != (char)want[i]) {
					print_error("base %zu: differs at %zu: %.40s | %.40s\n", b, i,
						    r.text + (i > 10 ? i - 10 : 0), want + (i > 10 ? i - 10 : 0));
					break;
				}
			assert_int_equal(r.len, (size_t)m);
			assert_memory_equal(r.text, want, (size_t)m);
		} else {
			/* Some pairs look like mojibake; then only NFC itself is checked. */
			utf8proc_uint8_t *again = NULL;
			m = utf8proc_map((const utf8proc_uint8_t *)r.text, (utf8proc_ssize_t)r.len,
					 &again, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
			assert_int_equal(r.len, (size_t)m);
			assert_memory_equal(r.text, again, (size_t)m);
			free(again);
		}
		free(want);
	}
	free(in);
}

/* ---- sizes and shapes ---- */

static void empty_input(void **state)
{
	(void)state;
	dy_norm r = norm_n("", 0);
	assert_string_equal(r.text, "");
	assert_int_equal(r.len, 0);
	assert_int_equal(r.n_repairs, 0);
	r = norm_n(NULL, 0);
	assert_string_equal(r.text, "");
}

static void not_nul_terminated(void **state)
{
	(void)state;
	char in[] = { 'a', ' ', '&', 'a', 'm', 'p' };
	dy_norm r = norm_n(in, sizeof in);
	assert_string_equal(r.text, "a &");
	char in2[] = { 'x', (char)0xC3 };
	r = norm_n(in2, sizeof in2);
	assert_string_equal(r.text, "x\xef\xbf\xbd");
}

static void large_mixed_input(void **state)
{
	(void)state;
	/* 1 MB mixing every kind of repair, and a 256 KB run of one non-ASCII
	 * code point: must finish with the same counts per copy. */
	const char unit[] = "Caf\xc3\x83\xc2\xa9 &amp; \xff\x01 e\xcc\x81\n\n";
	size_t ul = sizeof unit - 1, copies = (1u << 20) / ul;
	char *in = malloc(copies * ul);
	assert_non_null(in);
	for (size_t i = 0; i < copies; i++)
		memcpy(in + i * ul, unit, ul);
	arena_reset(&arena);
	dy_norm r = norm_n(in, copies * ul);
	assert_int_equal(r.mojibake, copies);
	assert_int_equal(r.entities, copies);
	assert_int_equal(r.invalid, copies);
	assert_int_equal(r.controls, copies);
	free(in);
	size_t n = 256 * 1024;
	in = malloc(n * 2);
	assert_non_null(in);
	for (size_t i = 0; i < n; i++)
		memcpy(in + 2 * i, "\xc3\xa9", 2);
	arena_reset(&arena);
	r = norm_n(in, 2 * n);
	assert_int_equal(r.len, 2 * n);
	assert_int_equal(r.n_repairs, 0);
	free(in);
}

static void many_combining_marks(void **state)
{
	(void)state;
	/* 200,000 marks on one base, alternating classes 230 and 220 so that
	 * canonical reordering has work to do: a CGJ every 30 marks keeps it
	 * linear (UAX #15 stream-safe), and the result is NFC. */
	size_t marks = 200000;
	char *in = malloc(1 + 2 * marks);
	assert_non_null(in);
	in[0] = 'e';
	for (size_t i = 0; i < marks; i++)
		memcpy(in + 1 + 2 * i, i % 2 ? "\xcc\x96" : "\xcc\x81", 2);
	arena_reset(&arena);
	dy_norm r = norm_n(in, 1 + 2 * marks);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)r.text, (utf8proc_ssize_t)r.len,
					  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	assert_int_equal((size_t)m, r.len);
	assert_memory_equal(nfc, r.text, r.len);
	free(nfc);
	size_t cgj = 0;
	for (const char *p = r.text; (p = strstr(p, "\xcd\x8f")) != NULL; p += 2)
		cgj++;
	assert_int_equal(cgj, (marks - 1) / 30);
	free(in);
}

static void idempotent_on_clean_output(void **state)
{
	(void)state;
	const char *in = "\xef\xbb\xbfPARIS (Reuters) -\xc2\xa0Le pr\xc3\xa9sident a dit \xe2\x80\x9cnon\xe2\x80\x9d.\r\n\r\n"
			 "Der Au\xc3\x9f" "enminister \xe2\x80\x93 CafÃ© &amp; co\xcc\x81te \xf0\x9f\x98\x80\n";
	dy_norm a = norm(in);
	dy_norm b = norm(a.text);
	assert_string_equal(a.text, b.text);
	assert_int_equal(b.n_repairs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mojibake_cp1252_with_lost_quote_byte),
		cmocka_unit_test(mojibake_cp1250),
		cmocka_unit_test(mojibake_lost_byte_forms),
		cmocka_unit_test(mojibake_common_sequences),
		cmocka_unit_test(mojibake_central_european),
		cmocka_unit_test(mojibake_weak_needs_evidence),
		cmocka_unit_test(mojibake_other_languages),
		cmocka_unit_test(mojibake_cyrillic),
		cmocka_unit_test(mojibake_double_encoding),
		cmocka_unit_test(mojibake_lone_c1_is_cp1252),
		cmocka_unit_test(legit_multilingual_unchanged),
		cmocka_unit_test(legit_capitals_before_quotes),
		cmocka_unit_test(invalid_sequences_replaced),
		cmocka_unit_test(nul_bytes_are_controls),
		cmocka_unit_test(entities_named_and_numeric),
		cmocka_unit_test(entities_invalid_numeric),
		cmocka_unit_test(entities_loose_forms),
		cmocka_unit_test(entity_table_sorted_and_found),
		cmocka_unit_test(controls_dropped),
		cmocka_unit_test(whitespace_folded),
		cmocka_unit_test(quotes_and_dashes_kept),
		cmocka_unit_test(nfc_composes),
		cmocka_unit_test(nfc_agrees_with_utf8proc),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(not_nul_terminated),
		cmocka_unit_test(large_mixed_input),
		cmocka_unit_test(many_combining_marks),
		cmocka_unit_test(idempotent_on_clean_output),
	};
	return cmocka_run_group_tests_name("normalize", tests, setup, teardown);
}
