/* SPDX-License-Identifier: MIT */
/* Sentence splitter. Exports split_sentences(); abbreviations live in abbrev.c,
 * datelines in dateline.c.
 *
 * Model: one left-to-right pass. Each run of terminators ('.', '?', '!', "...",
 * '…') with the closing marks after it (quotes, brackets) is a candidate end,
 * decided from the word before it and the first word after it; a paragraph
 * break ("\n", normally "\n\n") always ends a sentence. The rules, in order:
 *
 *  1. A candidate not followed by whitespace or the end is no end: "3.5",
 *     "U.S.-led", "example.com", "D.C.,".
 *  2. A candidate followed by a word in lower case is no end ("U.S. officials",
 *     `"Why?" he asked`), nor one followed by another terminator (". . .").
 *  3. '?' and '!' end a sentence, except before a quoted-speech tag:
 *     `"Why?" Smith asked.` stays one sentence (closing quote, then up to five
 *     capitalised words that are not sentence starters, then a speech verb
 *     not followed by a capitalised word: "... Blannin said Holmes had" is a
 *     new sentence).
 *  4. An ellipsis ends a sentence when a capital letter follows.
 *  5. A single '.': by the kind of the word before it (abbrev_kind()):
 *     - ordinary word: ends the sentence;
 *     - title ("Gen.", "Sen.", "Mr."), or "vs.", "e.g.": never ends it;
 *     - "No.", "pp." (and months, "Jan."): no end before a number;
 *     - ambiguous ("U.S.", "Inc.", "Jr.", "a.m.", "p.m.", states, initials):
 *       ends the sentence only when the next word is a likely sentence starter
 *       (a capitalised function word such as The, He, But, In, This: see
 *       split_starters[]) that is not itself an initial ("J. A. Smith"), or
 *       when a closing quote or bracket follows the dot and a capital follows.
 *       So "sanctions on the U.S. The move" is two sentences, "U.S. Secretary
 *       of State" one, "at 10 p.m. The attack" two, "at 10 p.m. Tuesday" one.
 *  Quotation marks and brackets do not nest sentences: a '.' inside a quote
 *  followed by a capital ends a sentence there, and a closing mark after a
 *  terminator belongs to the sentence it ends.
 *
 * Limits: a sentence is at most SPLIT_SENTENCE_MAX bytes (split.h); the word
 * before a dot is looked at over at most SPLIT_WORD_MAX bytes, so the pass is
 * linear in the input whatever it holds. Input is meant to be normalized UTF-8,
 * but any bytes are safe. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "split.h"
#include "../util/bytes.h"
#include "../util/xalloc.h"

/* The word before a dot is looked at up to this many bytes back. */
#define SPLIT_WORD_MAX 64

typedef struct split_out {
	dy_span *v;          /* stack[] until it is full, then the heap */
	size_t   n, cap;
	dy_span  stack[32];  /* most documents have fewer sentences: no malloc */
} split_out;

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ws(unsigned char c)
{
	return is_space(c) || c == '\n';
}

/* Length of a terminator at t[i] ('.', '?', '!' or U+2026 '…'), else 0. */
static size_t term_len(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '.' || c == '?' || c == '!')
		return 1;
	if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
	    (unsigned char)t[i + 2] == 0xA6)
		return 3;
	return 0;
}

/* Length of a closing mark at t[i]: " ' ) ] } ” ’ », else 0. */
static size_t close_len(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
		return 1;
	if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x9D || d == 0x99) /* ” ’ */
			return 3;
	}
	if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xBB) /* » */
		return 2;
	return 0;
}

/* Length of an opening mark at t[i]: " ' ( [ { “ ‘ «, else 0. */
static size_t open_len(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
		return 1;
	if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x9C || d == 0x98) /* “ ‘ */
			return 3;
	}
	if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xAB) /* « */
		return 2;
	return 0;
}

/* The code point at t[i], or -1 when the bytes there are not valid UTF-8. */
static int32_t cp_at(const char *t, size_t n, size_t i)
{
	utf8proc_int32_t cp;
	size_t room = n - i < 4 ? n - i : 4;
	if (utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)room, &cp) < 1)
		return -1;
	return cp;
}

static int cp_is_lower(int32_t cp)
{
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int cp_is_upper(int32_t cp)
{
	if (cp < 0)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Capitalised words that open sentences in news text far more often than they
 * follow an abbreviation inside one: articles, pronouns, conjunctions,
 * prepositions and sentence adverbs. "U.S. Secretary" or "p.m. Tuesday" are
 * not here, so those abbreviations stay inside the sentence. */
static const char *const split_starters[] = {
	"A", "According", "After", "Afterwards", "Against", "Al", "All", "Also",
	"Although", "Among", "An", "And", "Another", "Any", "As", "Asked", "At",
	"Because", "Before", "Both", "But", "By", "Despite", "During", "Each",
	"Earlier", "Either", "Even", "Every", "Finally", "First", "For", "From",
	"Further", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
	"Instead", "It", "Its", "Last", "Later", "Many", "Meanwhile", "More",
	"Moreover", "Most", "Mr", "Mrs", "Ms", "Much", "My", "Neither", "Nevertheless",
	"Next", "No", "None", "Nor", "Not", "Now", "Of", "On", "One", "Only", "Or",
	"Other", "Our", "Over", "Several", "She", "Since", "So", "Some", "Still",
	"Such", "That", "The", "Their", "Then", "There", "These", "They", "This",
	"Those", "Though", "Thus", "To", "Today", "Under", "Until", "We", "What",
	"When", "Where", "Whether", "Which", "While", "Who", "Why", "With",
	"Without", "Yet", "You", "Your",
};

static int split_is_starter(const char *w, size_t n)
{
	return bytes_in_sorted(split_starters, sizeof split_starters / sizeof split_starters[0], w, n);
}

static const char *const split_speech_verbs[] = {
	"added", "asked", "asks", "cried", "declared", "demanded", "exclaimed",
	"insisted", "replied", "said", "says", "shouted", "told", "tweeted", "wondered",
	"wrote", "yelled",
};

static int split_is_speech_verb(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof split_speech_verbs / sizeof split_speech_verbs[0]; i++)
		if (strlen(split_speech_verbs[i]) == n && memcmp(split_speech_verbs[i], w, n) == 0)
			return 1;
	return 0;
}

/* Length of the ASCII-letter word at t[i] (at most `max` bytes are looked at;
 * returns max + 1 when it is longer). */
static size_t word_len(const char *t, size_t n, size_t i, size_t max)
{
	size_t j = i;
	while (j < n && j - i <= max &&
	       (((unsigned char)t[j] | 0x20) >= 'a' && ((unsigned char)t[j] | 0x20) <= 'z'))
		j++;
	return j - i;
}

/* After a quoted '?' or '!': is the text at t[i] a speech tag such as
 * "Smith asked" or "John Smith said"? */
static int split_speech_tag(const char *t, size_t n, size_t i)
{
	for (int words = 0; words < 6; words++) {
		size_t w = word_len(t, n, i, 16);
		if (w == 0 || w > 16)
			return 0;
		/* "Smith said Holmes had left" reports another clause: no tag. */
		if (split_is_speech_verb(t + i, w))
			return words > 0 && !(i + w + 1 < n && t[i + w] == ' ' &&
					      t[i + w + 1] >= 'A' && t[i + w + 1] <= 'Z');
		if (!(t[i] >= 'A' && t[i] <= 'Z') || (words == 0 && split_is_starter(t + i, w)))
			return 0;
		i += w;
		if (i >= n || t[i] != ' ')
			return 0;
		i++;
	}
	return 0;
}

/* The word before the dot at t[dot]: back to the previous whitespace (at most
 * SPLIT_WORD_MAX bytes), without opening marks, and without a hyphenated
 * prefix when the part after the last hyphen is what is known ("I-Vt"). */
static int split_word_kind(const char *t, size_t start, size_t dot)
{
	size_t b = dot;
	while (b > start && dot - b < SPLIT_WORD_MAX && !is_ws((unsigned char)t[b - 1]))
		b--;
	if (b > start && !is_ws((unsigned char)t[b - 1]))
		return ABBR_NONE; /* longer than any abbreviation */
	size_t n = dot;
	for (;;) {
		size_t o = b < n ? open_len(t, n, b) : 0;
		if (!o)
			break;
		b += o;
	}
	if (b >= dot)
		return ABBR_NONE;
	int k = abbrev_kind(t + b, dot - b);
	if (k != ABBR_NONE)
		return k;
	for (size_t h = dot; h > b; h--)
		if (t[h - 1] == '-')
			return h < dot ? abbrev_kind(t + h, dot - h) : ABBR_NONE;
	return ABBR_NONE;
}

/* Decides the candidate that starts at t[i] (a terminator). Sets *after to
 * the first byte past the terminators and closing marks. Returns 1 when the
 * sentence ends there. */
static int split_decide(const char *t, size_t n, size_t start, size_t i, size_t *after)
{
	/* A run of marks longer than a sentence is cut by the caller; stopping
	 * the scan there keeps the pass linear. */
	size_t lim = n - start > SPLIT_SENTENCE_MAX ? start + SPLIT_SENTENCE_MAX : n;
	size_t j = i, dots = 0, marks = 0, ellipsis = 0;
	for (size_t l; j < lim && (l = term_len(t, n, j)) > 0; j += l) {
		if (l == 3)
			ellipsis = 1;
		else if (t[j] == '.')
			dots++;
		else
			marks++;
	}
	size_t closed_at = j;
	for (size_t l; j < lim && (l = close_len(t, n, j)) > 0; j += l)
		;
	*after = j;
	if (j >= lim && lim < n)
		return 0;
	int closed = j > closed_at;
	int closed_quote = closed && t[j - 1] != ')' && t[j - 1] != ']' && t[j - 1] != '}';

	if (j >= n)
		return 1;
	if (!is_ws((unsigned char)t[j]))
		return 0;                                          /* rule 1 */
	size_t k = j;
	while (k < n && is_space((unsigned char)t[k]))
		k++;
	if (k >= n || t[k] == '\n')
		return 1;
	for (size_t l; k < n && (l = open_len(t, n, k)) > 0; k += l)
		;
	if (k >= n)
		return 1;
	if (term_len(t, n, k))
		return 0;                                          /* rule 2 */
	int32_t cp = cp_at(t, n, k);
	if (cp_is_lower(cp))
		return 0;
	if (marks > 0 && dots == 0 && !ellipsis)                   /* rule 3 */
		return !(closed_quote && split_speech_tag(t, n, k));
	if (ellipsis || dots > 1)                                  /* rule 4 */
		return cp_is_upper(cp);

	int kind = split_word_kind(t, start, i);                   /* rule 5 */
	int digit = cp >= '0' && cp <= '9';
	switch (kind) {
	case ABBR_TITLE:
	case ABBR_INNER:
		return 0;
	case ABBR_NUMBER:
		return !digit;
	case ABBR_MONTH:
		if (digit)
			return 0;
		/* fall through */
	case ABBR_AMBIG: {
		if (closed && cp_is_upper(cp))
			return 1;
		size_t w = word_len(t, n, k, 16);
		if (w == 0 || w > 16)
			return 0;
		/* "J. A. Smith": a single letter with a dot is an initial. */
		if (w == 1 && k + 1 < n && t[k + 1] == '.')
			return 0;
		return split_is_starter(t + k, w);
	}
	default:
		return 1;
	}
}

static void split_emit(split_out *o, const char *t, size_t b, size_t e)
{
	while (b < e && is_ws((unsigned char)t[b]))
		b++;
	while (e > b && is_ws((unsigned char)t[e - 1]))
		e--;
	if (b >= e)
		return;
	if (o->n == o->cap) {
		o->cap *= 2;
		if (o->v == o->stack) {
			o->v = xmalloc(o->cap * sizeof o->v[0]);
			memcpy(o->v, o->stack, o->n * sizeof o->v[0]);
		} else {
			o->v = xrealloc(o->v, o->cap * sizeof o->v[0]);
		}
	}
	o->v[o->n].off = (uint32_t)b;
	o->v[o->n].len = (uint32_t)(e - b);
	o->n++;
}

/* Where to cut a sentence that reached SPLIT_SENTENCE_MAX bytes at `limit`:
 * after its last space, or at the last character boundary. */
static size_t split_cut(const char *t, size_t start, size_t limit)
{
	for (size_t p = limit; p > start + 1; p--)
		if (is_ws((unsigned char)t[p - 1]))
			return p;
	size_t p = limit;
	while (p > start + 1 && ((unsigned char)t[p] & 0xC0) == 0x80)
		p--;
	return p;
}

/* Bytes the main loop must look at: line ends and the first byte of every
 * terminator (term_len()); everything else is passed over in a tight loop. */
static const unsigned char split_stop[256] = {
	['\n'] = 1, ['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1
};

size_t split_sentences(dy_arena *a, const char *text, size_t n, dy_span **out)
{
	split_out o;
	o.v = o.stack;
	o.n = 0;
	o.cap = sizeof o.stack / sizeof o.stack[0];
	/* Offsets are 32-bit: a larger text is split over its first 4 GB only. */
	if (n > UINT32_MAX)
		n = UINT32_MAX;
	size_t start = 0, i = 0;
	while (i < n) {
		if (i - start >= SPLIT_SENTENCE_MAX) {
			size_t cut = split_cut(text, start, start + SPLIT_SENTENCE_MAX);
			split_emit(&o, text, start, cut);
			start = i = cut;
			continue;
		}
		unsigned char c = (unsigned char)text[i];
		if (!split_stop[c]) {
			size_t lim = start + SPLIT_SENTENCE_MAX < n ? start + SPLIT_SENTENCE_MAX : n;
			i++;
#ifdef __SSE2__
			/* sixteen bytes a round up to the next byte to look at: most
			 * of a text lies between its terminators */
			const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.');
			const __m128i qm = _mm_set1_epi8('?'), ex = _mm_set1_epi8('!');
			const __m128i e2 = _mm_set1_epi8((char)0xE2);
			while (i + 16 <= lim) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
				__m128i hit = _mm_or_si128(
					_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
					_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, qm), _mm_cmpeq_epi8(v, ex)),
					             _mm_cmpeq_epi8(v, e2)));
				unsigned m = (unsigned)_mm_movemask_epi8(hit);
				if (m) {
					i += (size_t)__builtin_ctz(m);
					break;
				}
				i += 16;
			}
#endif
			while (i < lim && !split_stop[(unsigned char)text[i]])
				i++;
			continue;
		}
		if (c == '\n') {
			split_emit(&o, text, start, i);
			while (i < n && is_ws((unsigned char)text[i]))
				i++;
			start = i;
			continue;
		}
		if (term_len(text, n, i)) {
			size_t after;
			if (split_decide(text, n, start, i, &after)) {
				split_emit(&o, text, start, after);
				start = after;
			}
			i = after;
			continue;
		}
		i++;
	}
	split_emit(&o, text, start, n);

	*out = NULL;
	if (o.n) {
		*out = arena_alloc(a, o.n * sizeof o.v[0]);
		memcpy(*out, o.v, o.n * sizeof o.v[0]);
	}
	if (o.v != o.stack)
		free(o.v);
	return o.n;
}
