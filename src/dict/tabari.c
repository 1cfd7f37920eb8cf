/* SPDX-License-Identifier: MIT */
/* Reader of TABARI phrase dictionaries (.actors, .agents, .verbs) and of
 * discard lists into the dictionary model. Exports dict_parse_tabari() (via
 * dict_int.h); the public entry points are dict_load_file()/dict_load_mem().
 *
 * Line format (TABARI manual 5.2): PHRASE [CODE] [CODE] ... ; comment.
 * Lines beginning with '#' or '/' are comments; a line beginning with '~'
 * (~~FINISH, ~~~~~) ends the file; blank lines are ignored; CRLF is accepted.
 * Sections <SYNSETS> <TIME> <NOUN> <ADJECTIVE> ... </...> may appear.
 * .actors: "+NAME" synonym lines and indented "[code]" lines (manual 5.3.1).
 * .verbs: a verb line, optional "{FORM FORM}" irregular forms, then "- pattern
 * [code]" lines (manual 5.5-5.7). A bad line is reported with file:line and
 * skipped; loading goes on. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dict/dict_int.h"

enum section { SEC_NONE, SEC_SYNSETS, SEC_TIME, SEC_NOUN, SEC_ADJ, SEC_ATTRIB, SEC_OTHER };

/* How a phrase is read. */
enum ph_mode {
	PH_WORDS,    /* actor, agent, noun, adjective, discard: words only; endings on the last word */
	PH_VERBFORM, /* verb root or form: words only; endings on the first word */
	PH_PATTERN,  /* verb pattern: tokens $ + % ^ *, synsets, { | } groups */
	PH_MEMBER    /* synset member: like a pattern without groups or '*' */
};

/* Code block context: which codes are legal. */
enum code_ctx { CC_ACTOR, CC_AGENT, CC_VERB, CC_TIME, CC_DISCARD };

enum { EL_NOEND = 0x80, MAX_ALT_ELEMS = 256 };

/* Code blocks already read: production files repeat them ([AFG] on a run of
 * lines, [~COP] on every police phrase, [036] under many verbs), and a block
 * read well depends only on its text and context, so its dy_code is reused.
 * Only blocks read without a message are kept. Direct-mapped: a collision
 * just reads the block again. */
enum { MEMO_SLOTS = 2048 };   /* power of two */
typedef struct block_memo {
	const char *p;       /* the block's text inside the file's data; NULL: empty */
	uint32_t    n;       /* its length */
	uint32_t    ctx;     /* enum code_ctx it was read in */
	dy_code     code;    /* what parse_block() made of it */
} block_memo;

typedef struct reader {
	dy_dict     *d;
	dy_diag     *dg;
	const char  *name;
	uint16_t     file;
	uint32_t     line;
	dy_dict_kind kind;
	enum section sec;
	uint32_t     sec_line;
	char         sec_tag[32];
	/* current verb (or <TIME> phrase) */
	uint32_t     verb;
	/* current actor/agent group: entries [group_first, d->n_entries) */
	int          group_open;
	uint32_t     group_first;
	uint32_t     group_line;
	dy_code      gcodes[DICT_MAX_CODES];
	int          n_gcodes;
	int          group_bad;  /* a code of the group was reported bad */
	/* current synset */
	uint32_t     synset;
	/* code blocks read so far */
	block_memo  *memo;
	const char  *data_end;    /* end of the file's data (bound of 8-byte loads) */
	/* codes of up to 16 bytes interned so far, by their bytes (see
	 * code_intern()); direct-mapped, a collision just interns again */
	uint64_t     ccode_w[256][2];
	/* dates read so far, by their six bytes as a word (see date6_fast()) */
	uint64_t     date_key[256];
	int32_t      date_val[256];
	const char  *ccode_p[256];
	int          line_copied; /* the current line is in line_buf, not in the data */
	/* scratch for phrase parsing */
	dy_elem      top[DICT_MAX_ELEMS];
	dy_elem      alt_el[MAX_ALT_ELEMS];
	uint16_t     top_ch[DICT_MAX_ELEMS];  /* letters and digits of each WORD in top */
	uint16_t     alt_ch[MAX_ALT_ELEMS];   /* same for alt_el */
	struct { uint16_t first, n, chars; } alt[DICT_MAX_ALTS];
	char         word[DICT_MAX_WORD + 8];
	char         line_buf[DICT_MAX_LINE];
} reader;

/* ---- small helpers ------------------------------------------------------ */

/* Byte classes, looked up once per byte: the reader scans every byte of
 * every line (some 3 MB for the TABARI set), and a table costs less than a
 * chain of comparisons or a strchr() per byte. */
enum {
	CL_BLANK = 1 << 0,  /* blank between words (a '"' too) */
	CL_WEND  = 1 << 1,  /* ends a word in any phrase: blank, '\n', '_' '-' '~' '=' */
	CL_PEND  = 1 << 2,  /* also ends a word in a pattern: { | } $ + % ^ * @ */
	CL_MARK  = 1 << 3,  /* a pattern's one-byte element: $ + % ^ * @ */
	CL_ALNUM = 1 << 4,  /* counts for a phrase's length: ASCII letter or digit,
	                     * or any byte of a multibyte character */
	CL_GEND  = 1 << 5,  /* also ends a word inside a pattern's { }: ']' */
	CL_HIGH  = 1 << 6,  /* not ASCII */
	CL_ANGLE = 1 << 7   /* ends a code glued to a date restriction: '<' '>' */
};

#define CL_A (CL_ALNUM | CL_HIGH)
#define CL_A8 CL_A, CL_A, CL_A, CL_A, CL_A, CL_A, CL_A, CL_A
#define CL_A16 CL_A8, CL_A8
static const unsigned char byte_class[256] = {
	['0'] = CL_ALNUM, ['1'] = CL_ALNUM, ['2'] = CL_ALNUM, ['3'] = CL_ALNUM, ['4'] = CL_ALNUM,
	['5'] = CL_ALNUM, ['6'] = CL_ALNUM, ['7'] = CL_ALNUM, ['8'] = CL_ALNUM, ['9'] = CL_ALNUM,
	['A'] = CL_ALNUM, ['B'] = CL_ALNUM, ['C'] = CL_ALNUM, ['D'] = CL_ALNUM, ['E'] = CL_ALNUM,
	['F'] = CL_ALNUM, ['G'] = CL_ALNUM, ['H'] = CL_ALNUM, ['I'] = CL_ALNUM, ['J'] = CL_ALNUM,
	['K'] = CL_ALNUM, ['L'] = CL_ALNUM, ['M'] = CL_ALNUM, ['N'] = CL_ALNUM, ['O'] = CL_ALNUM,
	['P'] = CL_ALNUM, ['Q'] = CL_ALNUM, ['R'] = CL_ALNUM, ['S'] = CL_ALNUM, ['T'] = CL_ALNUM,
	['U'] = CL_ALNUM, ['V'] = CL_ALNUM, ['W'] = CL_ALNUM, ['X'] = CL_ALNUM, ['Y'] = CL_ALNUM,
	['Z'] = CL_ALNUM,
	['a'] = CL_ALNUM, ['b'] = CL_ALNUM, ['c'] = CL_ALNUM, ['d'] = CL_ALNUM, ['e'] = CL_ALNUM,
	['f'] = CL_ALNUM, ['g'] = CL_ALNUM, ['h'] = CL_ALNUM, ['i'] = CL_ALNUM, ['j'] = CL_ALNUM,
	['k'] = CL_ALNUM, ['l'] = CL_ALNUM, ['m'] = CL_ALNUM, ['n'] = CL_ALNUM, ['o'] = CL_ALNUM,
	['p'] = CL_ALNUM, ['q'] = CL_ALNUM, ['r'] = CL_ALNUM, ['s'] = CL_ALNUM, ['t'] = CL_ALNUM,
	['u'] = CL_ALNUM, ['v'] = CL_ALNUM, ['w'] = CL_ALNUM, ['x'] = CL_ALNUM, ['y'] = CL_ALNUM,
	['z'] = CL_ALNUM,
	[' '] = CL_BLANK | CL_WEND, ['\t'] = CL_BLANK | CL_WEND, ['\r'] = CL_BLANK | CL_WEND,
	['\v'] = CL_BLANK | CL_WEND, ['\f'] = CL_BLANK | CL_WEND, ['"'] = CL_BLANK | CL_WEND,
	['\n'] = CL_WEND, ['_'] = CL_WEND, ['-'] = CL_WEND, ['~'] = CL_WEND, ['='] = CL_WEND,
	['{'] = CL_PEND, ['|'] = CL_PEND, ['}'] = CL_PEND, [']'] = CL_GEND,
	['<'] = CL_ANGLE, ['>'] = CL_ANGLE,
	['$'] = CL_PEND | CL_MARK, ['+'] = CL_PEND | CL_MARK, ['%'] = CL_PEND | CL_MARK,
	['^'] = CL_PEND | CL_MARK, ['*'] = CL_PEND | CL_MARK, ['@'] = CL_PEND | CL_MARK,
	[0x80] = CL_A16, CL_A16, CL_A16, CL_A16, CL_A16, CL_A16, CL_A16, CL_A16
};
#undef CL_A16
#undef CL_A8
#undef CL_A

static int is_blank(int c) { return byte_class[(unsigned char)c] & CL_BLANK; }
static int is_alnum8(int c) { return byte_class[(unsigned char)c] & CL_ALNUM; }

/* The next blank-separated word of s[0..end) at or after *i: moves *i past the
 * previous word (of *wn bytes) and its blanks, sets *wn; 0 when none is left.
 * Start with *wn = 0. Used for the words inside "{ ... }" form lists. */
static int next_word(const char *s, size_t end, size_t *i, size_t *wn)
{
	size_t k = *i + *wn;
	while (k < end && is_blank((unsigned char)s[k]))
		k++;
	size_t j = k;
	while (j < end && !is_blank((unsigned char)s[j]))
		j++;
	*i = k;
	*wn = j - k;
	return j > k;
}

static inline void trim(const char **s, size_t *n)
{
	while (*n && is_blank((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_blank((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Upper-cases s[0..n) into out (cap bytes); ASCII directly, valid UTF-8 through
 * utf8proc, invalid bytes copied as they are. Returns the length written, and
 * in *chars its letters and digits (every byte of a multibyte character
 * counts). */
static size_t upcase_count(const char *s, size_t n, char *out, size_t cap,
                           unsigned *chars /* OUT */)
{
	size_t o = 0;
	unsigned ch = 0;
	for (size_t i = 0; i < n && o + 4 < cap; ) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			/* ASCII by arithmetic: toupper() goes through the locale table */
			unsigned char u = (unsigned char)((unsigned)c - 'a' < 26u ? c - 32 : c);
			out[o++] = (char)u;
			ch += (byte_class[u] & CL_ALNUM) != 0;
			i++;
			continue;
		}
		size_t o0 = o;
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k < 1) {
			out[o++] = (char)c;
			i++;
		} else {
			utf8proc_int32_t up = utf8proc_toupper(cp);
			utf8proc_ssize_t w = utf8proc_encode_char(up, (utf8proc_uint8_t *)out + o);
			if (w < 1) { /* cannot happen for a valid code point; keep the bytes */
				memcpy(out + o, s + i, (size_t)k);
				w = k;
			}
			o += (size_t)w;
			i += (size_t)k;
		}
		for (size_t q = o0; q < o; q++)
			ch += (byte_class[(unsigned char)out[q]] & CL_ALNUM) != 0;
	}
	out[o] = '\0';
	*chars = ch;
	return o;
}

static size_t upcase(const char *s, size_t n, char *out, size_t cap)
{
	unsigned ch;
	return upcase_count(s, n, out, cap, &ch);
}

/* Words are read eight bytes at a time where the byte order lets the first
 * byte be the lowest (the count of leading letters is then a count of
 * trailing zero bits); elsewhere byte by byte. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define DICT_SWAR 1
#else
#define DICT_SWAR 0
#endif

#define SWAR_HI 0x8080808080808080ull

/* The word reader is used in two loops and must stay in both: a call per
 * word costs a tenth of the reading. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define COLD __attribute__((noinline, cold))
#else
#define ALWAYS_INLINE inline
#define COLD
#endif

/* 0x80 in each byte of x that is an ASCII letter; *lower gets 0x80 in each
 * byte that is a lower-case one. A byte below 0x80 plus at most 0x3F cannot
 * carry into the next byte; a byte from 0x80 up may, but only into later
 * bytes, and is itself no letter: so the flags are exact up to and including
 * the first byte that is not a letter, which is all the reader uses. */
static inline uint64_t swar_letters(uint64_t x, uint64_t *lower)
{
	const uint64_t one = 0x0101010101010101ull;
	uint64_t up = (x + one * (0x80 - 'A')) & ~(x + one * (0x80 - 'Z' - 1));
	uint64_t lo = (x + one * (0x80 - 'a')) & ~(x + one * (0x80 - 'z' - 1));
	*lower = lo & ~x & SWAR_HI;
	return (up | lo) & ~x & SWAR_HI;
}

static uint16_t add_chars(unsigned a, unsigned b)
{
	return (uint16_t)(a + b > 65535 ? 65535 : a + b);
}

#define ERR(r, ...) diag_error((r)->dg, (r)->name, (long)(r)->line, __VA_ARGS__)
#define WARN(r, ...) diag_warn((r)->dg, (r)->name, (long)(r)->line, __VA_ARGS__)

/* ---- phrases ------------------------------------------------------------ */

static uint32_t synset_lookup(const dy_dict *d, const char *name)
{
	/* Later declarations win: a redeclared synset replaces the earlier one. */
	for (uint32_t i = d->n_synsets; i-- > 0; )
		if (d->synsets[i].name == name)
			return i;
	return DY_NONE;
}

/* Reads the word at s[i..n) up to a byte of class `stop` into r->word, upper
 * case and NUL-terminated, with 8 zero bytes after it in the fast case.
 * Returns its length and sets *end past it, *hash to dict_intern_hash() of
 * it and *chars to its letters and digits; -1 after reporting a word too
 * long. */
static ALWAYS_INLINE long read_word(reader *r, const char *s, size_t n, size_t i, unsigned stop,
                             size_t *end /* OUT */, uint32_t *hash /* OUT */,
                             unsigned *chars /* OUT */)
{
	/* Fast path, for an ASCII word of at most DICT_MAX_WORD bytes (nearly
	 * all): find its end, upper-case and count it in one pass, eight
	 * letters at a time while there are letters. */
	size_t j = i, lim = n - i > DICT_MAX_WORD ? i + DICT_MAX_WORD : n;
	char *w = r->word;   /* DICT_MAX_WORD + 8 bytes: room for 8 past the word */
	unsigned ch = 0;
	for (;;) {
#if DICT_SWAR
		while (j + 8 <= lim) {
			uint64_t x, lo;
			memcpy(&x, s + j, 8);
			uint64_t let = swar_letters(x, &lo);
			x -= lo >> 2;   /* 'a'..'z' - 0x20 */
			memcpy(w + (j - i), &x, 8);
			if (let == SWAR_HI) {
				j += 8;
				ch += 8;
				continue;
			}
			/* the letters before the first other byte */
			unsigned run = (unsigned)__builtin_ctzll(~let & SWAR_HI) / 8;
			j += run;
			ch += run;
			break;
		}
#endif
		if (j >= lim)
			break;
		unsigned char k = (unsigned char)s[j];
		unsigned cl = byte_class[k];
		if (cl & (stop | CL_HIGH))
			break;
		w[j - i] = (char)((unsigned)k - 'a' < 26u ? k - 32 : k);
		ch += (cl & CL_ALNUM) != 0;
		j++;
	}
	size_t wl = j - i;
	if (j == n || (byte_class[(unsigned char)s[j]] & stop)) {
		memset(w + wl, 0, 8);
		*hash = dict_intern_hash_padded(w, wl);
	} else {
		/* a multibyte character, or a word too long */
		while (j < n && !(byte_class[(unsigned char)s[j]] & stop))
			j++;
		if (j - i > DICT_MAX_WORD) {
			ERR(r, "word longer than %d bytes", DICT_MAX_WORD);
			return -1;
		}
		wl = upcase_count(s + i, j - i, r->word, sizeof r->word, &ch);
		*hash = dict_intern_hash(r->word, wl);
	}
	*end = j;
	*chars = ch;
	return (long)wl;
}

/* parse_phrase() for the modes without patterns (PH_WORDS, PH_VERBFORM): the
 * same rules, on the one path those lines take (blanks, words, the
 * connectors '_' '-' '~' and '='), with the elements written straight into
 * d->elems. Nearly every line of an actors or agents file comes here. */
static int parse_words(reader *r, const char *s, size_t n, enum ph_mode mode,
                       dy_phrase *out /* OUT */)
{
	dy_dict *d = r->d;
	/* room for the longest phrase: the elements are committed by counting them */
	DICT_RESERVE(d, elems, n_elems, CAP_ELEMS, DICT_MAX_ELEMS);
	dy_elem *el = d->elems + d->n_elems;
	dy_elem *last = NULL;  /* element a following '_', '~' or '=' applies to */
	int ntop = 0;
	int touch = 0;         /* no blank between `last` and the current position */
	int noend = 0;         /* some element got EL_NOEND ('=') */
	/* at most 64 words of at most 259 letters each: no need to saturate */
	unsigned chars = 0;
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];
		if (byte_class[c] & CL_WEND) {
			if (c == '_' || c == '-') {
				while (i < n && (s[i] == '_' || s[i] == '-'))
					i++;
				if (last && touch) {
					last->flags |= DY_EL_EXACT;
					if (i < n && !is_blank((unsigned char)s[i]) && s[i] != '[')
						last->flags |= DY_EL_ADJ;
				}
				touch = 0;
			} else if (c == '~') {
				if (last)
					last->flags |= DY_EL_ADJ;
				i++;
				while (i < n && s[i] == '_')
					i++;
				touch = 0;
			} else if (c == '=') {
				if (last) {
					last->flags |= DY_EL_EXACT | EL_NOEND;
					noend = 1;
				}
				i++;
			} else {   /* a blank or '\n' */
				touch = 0;
				i++;
			}
			continue;
		}
		size_t j;
		uint32_t h;
		unsigned ch;
		long wl = read_word(r, s, n, i, CL_WEND, &j, &h, &ch);
		if (wl < 0)
			return -1;
		if (ntop >= DICT_MAX_ELEMS) {
			ERR(r, "phrase longer than %d elements", DICT_MAX_ELEMS);
			return -1;
		}
		dy_elem *e = &el[ntop++];
		e->text = dict_intern_hp(d, r->word, (size_t)wl, h);
		e->len = (uint16_t)wl;
		e->kind = DY_EL_WORD;
		e->flags = 0;
		e->ref = 0;
		e->n = 0;
		chars += ch;
		last = e;
		touch = 1;
		i = j;
		/* The joint of nearly every actor phrase, "WORD_WORD": one '_' and
		 * the next word's first byte, taken here as the connector branch
		 * above would (exact, and joined to the next word). */
		if (n - i > 1 && s[i] == '_' && !(byte_class[(unsigned char)s[i + 1]] & CL_WEND) &&
		    s[i + 1] != '[') {
			e->flags = DY_EL_EXACT | DY_EL_ADJ;
			touch = 0;
			i++;
		}
	}
	if (ntop == 0) {
		ERR(r, "missing phrase");
		return -1;
	}
	/* Regular endings (manual 5.2.3): on the final word of a noun-like phrase,
	 * on the verb word (taken to be the first) of a verb form. */
	dy_elem *e = &el[mode == PH_WORDS ? ntop - 1 : 0];
	if (!(e->flags & EL_NOEND))
		e->flags |= DY_EL_ENDINGS;
	if (noend)
		for (int k = 0; k < ntop; k++)
			el[k].flags &= (uint8_t)~EL_NOEND;
	out->first = d->n_elems;
	out->n = (uint16_t)ntop;
	out->chars = (uint16_t)chars;
	d->n_elems += (uint32_t)ntop;
	return 0;
}

/* Parses s[0..n) into elements and commits them (alternatives first, then the
 * phrase) to the dictionary. Returns 0, or -1 after reporting an error. */
static int parse_phrase(reader *r, const char *s, size_t n, enum ph_mode mode,
                        dy_phrase *out /* OUT */, uint16_t *verb_at /* OUT, may be NULL */)
{
	dy_dict *d = r->d;
	int ntop = 0, nalt = 0, nalt_el = 0;
	int in_group = 0, group_at = -1;
	dy_elem *last = NULL;  /* element a following '_', '~' or '=' applies to */
	int touch = 0;         /* no blank between `last` and the current position */
	int n_verb = 0;
	int pattern = mode == PH_PATTERN || mode == PH_MEMBER;
	if (!pattern)
		return parse_words(r, s, n, mode, out);

#define CUR_COUNT (in_group ? r->alt[nalt - 1].n : ntop)
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];
		/* Every case below is a byte of these classes: a word's first byte
		 * skips them all with one test. */
		if (byte_class[c] & (CL_WEND | CL_PEND | CL_GEND)) {
			if (is_blank(c) || c == '\n') {
				touch = 0;
				i++;
				continue;
			}
			if (c == '_' || c == '-') {
				while (i < n && (s[i] == '_' || s[i] == '-'))
					i++;
				if (last && touch) {
					if (last->kind == DY_EL_WORD)
						last->flags |= DY_EL_EXACT;
					if (i < n && !is_blank((unsigned char)s[i]) && s[i] != '[')
						last->flags |= DY_EL_ADJ;
				}
				touch = 0;
				continue;
			}
			if (c == '~') {
				if (last)
					last->flags |= DY_EL_ADJ;
				i++;
				while (i < n && s[i] == '_')
					i++;
				touch = 0;
				continue;
			}
			if (c == '=') {
				if (last && last->kind == DY_EL_WORD)
					last->flags |= DY_EL_EXACT | EL_NOEND;
				i++;
				continue;
			}
			if (pattern && c == ']' && in_group) {
				/* A typo seen in production files: "{ WAS | WERE ] *". */
				WARN(r, "']' read as '}' in pattern");
				c = '}';
			}
			if (pattern && c == '}' && !in_group) {
				WARN(r, "'}' without '{' in pattern; ignored");
				i++;
				continue;
			}
			if (pattern && (c == '{' || c == '|' || c == '}')) {
				if (mode == PH_MEMBER) {
					ERR(r, "alternatives '%c' are not allowed in a synset member", c);
					return -1;
				}
				if (c == '{') {
					if (in_group) {
						ERR(r, "nested '{' in pattern");
						return -1;
					}
					if (ntop >= DICT_MAX_ELEMS || nalt >= DICT_MAX_ALTS) {
						ERR(r, "pattern longer than %d elements", DICT_MAX_ELEMS);
						return -1;
					}
					group_at = ntop;
					dy_elem *g = &r->top[ntop++];
					memset(g, 0, sizeof *g);
					g->kind = DY_EL_ALT;
					g->ref = (uint32_t)nalt;
					in_group = 1;
					r->alt[nalt].first = (uint16_t)nalt_el;
					r->alt[nalt].n = 0;
					nalt++;
					last = NULL;
				} else if (!in_group) {
					ERR(r, "'%c' outside { } in pattern", c);
					return -1;
				} else {
					if (r->alt[nalt - 1].n == 0) {
						ERR(r, "empty alternative in { }");
						return -1;
					}
					if (c == '|') {
						if (nalt >= DICT_MAX_ALTS) {
							ERR(r, "more than %d alternatives", DICT_MAX_ALTS);
							return -1;
						}
						r->alt[nalt].first = (uint16_t)nalt_el;
						r->alt[nalt].n = 0;
						nalt++;
						last = NULL;
					} else {
						dy_elem *g = &r->top[group_at];
						g->n = (uint32_t)nalt - g->ref;
						in_group = 0;
						last = g;
						touch = 1;
						i++;
						continue;
					}
				}
				touch = 0;
				i++;
				continue;
			}
		}
		/* An element proper. */
		dy_elem e;
		memset(&e, 0, sizeof e);
		unsigned ch = 0;  /* letters and digits of a WORD element */
		if (pattern && (byte_class[c] & CL_MARK)) {
			e.kind = c == '$' ? DY_EL_SOURCE : c == '+' ? DY_EL_TARGET :
			         c == '%' ? DY_EL_COMPOUND : c == '^' ? DY_EL_SKIP :
			         c == '@' ? DY_EL_ATTRIB : DY_EL_VERB;
			if (e.kind == DY_EL_VERB) {
				if (mode == PH_MEMBER || in_group) {
					ERR(r, "verb marker '*' inside %s", in_group ? "{ }" : "a synset");
					return -1;
				}
				n_verb++;
				if (verb_at)
					*verb_at = (uint16_t)ntop;
			}
			i++;
		} else if (pattern && c == '&') {
			size_t j = i + 1;
			while (j < n && is_alnum8(s[j]))
				j++;
			if (j == i + 1) {
				ERR(r, "'&' without a synset name");
				return -1;
			}
			size_t wl = upcase(s + i, j - i, r->word, sizeof r->word);
			const char *nm = dict_intern(d, r->word, wl);
			uint32_t si = synset_lookup(d, nm);
			if (si == DY_NONE) {
				ERR(r, "unknown synset '%s' (synsets must be declared before use)", nm);
				return -1;
			}
			if (mode == PH_MEMBER && si == r->synset) {
				ERR(r, "synset '%s' refers to itself", nm);
				return -1;
			}
			e.kind = DY_EL_SYNSET;
			e.text = nm;
			e.len = (uint16_t)wl;
			e.ref = si;
			i = j;
		} else {
			unsigned stop = CL_WEND | (pattern ? CL_PEND : 0) | (pattern && in_group ? CL_GEND : 0);
			size_t j;
			uint32_t h;
			long wl = read_word(r, s, n, i, stop, &j, &h, &ch);
			if (wl < 0)
				return -1;
			e.kind = DY_EL_WORD;
			e.text = dict_intern_hp(d, r->word, (size_t)wl, h);
			e.len = (uint16_t)wl;
			i = j;
		}
		if (in_group) {
			if (nalt_el >= MAX_ALT_ELEMS) {
				ERR(r, "pattern longer than %d elements", MAX_ALT_ELEMS);
				return -1;
			}
			r->alt_el[nalt_el] = e;
			r->alt_ch[nalt_el] = (uint16_t)ch;
			last = &r->alt_el[nalt_el++];
			r->alt[nalt - 1].n++;
		} else {
			if (ntop >= DICT_MAX_ELEMS) {
				ERR(r, "phrase longer than %d elements", DICT_MAX_ELEMS);
				return -1;
			}
			r->top[ntop] = e;
			r->top_ch[ntop] = (uint16_t)ch;
			last = &r->top[ntop++];
		}
		touch = 1;
	}
#undef CUR_COUNT
	if (in_group) {
		ERR(r, "'{' without '}' in pattern");
		return -1;
	}
	if (ntop == 0) {
		ERR(r, "missing phrase");
		return -1;
	}
	if (mode == PH_PATTERN && n_verb == 0) {
		ERR(r, "missing verb marker '*' in pattern");
		return -1;
	}
	if (mode == PH_PATTERN && n_verb > 1) {
		/* Not among TABARI's reader errors (manual 5.2.4), but the pattern
		 * cannot be matched: report and skip it. */
		WARN(r, "more than one verb marker '*' in pattern; pattern skipped");
		return -1;
	}
	/* Regular endings (manual 5.2.3): on the final word of a noun-like phrase,
	 * on the verb word (taken to be the first) of a verb form. */
	if (mode == PH_WORDS || mode == PH_VERBFORM) {
		dy_elem *e = &r->top[mode == PH_WORDS ? ntop - 1 : 0];
		if (!(e->flags & EL_NOEND))
			e->flags |= DY_EL_ENDINGS;
	}
	/* Commit: alternatives' elements and phrases first, then the phrase. */
	uint32_t alt_base = d->n_alts;
	uint16_t alt_chars[DICT_MAX_ALTS];
	/* room for every element at once: one check instead of one per push */
	DICT_RESERVE(d, elems, n_elems, CAP_ELEMS, (uint32_t)(nalt_el + ntop));
	DICT_RESERVE(d, alts, n_alts, CAP_ALTS, (uint32_t)nalt);
	for (int a = 0; a < nalt; a++) {
		uint32_t first = d->n_elems;
		unsigned ch = 0;
		for (int k = 0; k < r->alt[a].n; k++) {
			dy_elem *e = &d->elems[d->n_elems++];
			*e = r->alt_el[r->alt[a].first + k];
			e->flags &= (uint8_t)~EL_NOEND;
			if (e->kind == DY_EL_WORD)
				ch += r->alt_ch[r->alt[a].first + k];
		}
		dy_phrase *p = &d->alts[d->n_alts++];
		p->first = first;
		p->n = r->alt[a].n;
		p->chars = alt_chars[a] = (uint16_t)(ch > 65535 ? 65535 : ch);
	}
	out->first = d->n_elems;
	out->n = (uint16_t)ntop;
	unsigned chars = 0;
	for (int k = 0; k < ntop; k++) {
		dy_elem *e = &d->elems[d->n_elems++];
		*e = r->top[k];
		e->flags &= (uint8_t)~EL_NOEND;
		if (e->kind == DY_EL_WORD) {
			chars = add_chars(chars, r->top_ch[k]);
		} else if (e->kind == DY_EL_ALT) {
			unsigned best = 0;
			for (uint32_t a = e->ref; a < e->ref + e->n; a++)
				if (alt_chars[a] > best)
					best = alt_chars[a];
			e->ref += alt_base;
			chars = add_chars(chars, best);
		} else if (e->kind == DY_EL_SYNSET) {
			const dy_synset *sy = &d->synsets[e->ref];
			unsigned best = 0;
			for (uint32_t a = sy->alt; a < sy->alt + sy->n; a++)
				if (d->alts[a].chars > best)
					best = d->alts[a].chars;
			chars = add_chars(chars, best);
		}
	}
	out->chars = (uint16_t)chars;
	return 0;
}

/* ---- codes -------------------------------------------------------------- */

static int code_chars_ok(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n; i++)
		if ((byte_class[(unsigned char)s[i]] & (CL_ALNUM | CL_HIGH)) != CL_ALNUM &&
		    !strchr(extra, s[i]))
			return 0;
	return n > 0;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned)s[i] - '0' > 9u)
			return 0;
	return 1;
}

/* YYYYMMDD of a two-digit year, month and day, by dict_date_parse()'s rules:
 * century pivot at 30, and day 29-31 past a shorter month's end read as its
 * last day (see dict.h); -1 for a month or day out of range. */
static inline int32_t date_of_yymmdd(int yy, int m, int dd)
{
	if (m < 1 || m > 12 || dd < 1 || dd > 31)
		return -1;
	int y = yy <= 30 ? 2000 + yy : 1900 + yy;
	if (dd > 28) {
		static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int last = m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : days[m - 1];
		if (dd > last)
			dd = last;
	}
	return y * 10000 + m * 100 + dd;
}

/* dict_date_parse() with the common YYMMDD case inline (CountryInfo's
 * restrictions are mostly ranges of two of them), the same rules: century
 * pivot, and day 31 of a shorter month read as its last day (see dict.h). */
static inline int32_t date_parse(const char *s, size_t n)
{
	if (n != 6)
		return dict_date_parse(s, n);
	unsigned d[6];
	for (int i = 0; i < 6; i++) {
		d[i] = (unsigned)s[i] - '0';
		if (d[i] > 9)
			return -1;
	}
	int yy = (int)(d[0] * 10 + d[1]), m = (int)(d[2] * 10 + d[3]), dd = (int)(d[4] * 10 + d[5]);
	return date_of_yymmdd(yy, m, dd);
}

/* parse_block() for the shape of nearly every actor code block, "CODE",
 * "CODE <YYMMDD", "CODE >YYMMDD" or "CODE YYMMDD-YYMMDD" with CODE upper-case
 * letters and digits: the same dy_code, without copying the block about.
 * Returns 1 when it read the block, 0 when the block is anything else or
 * needs a message (parse_block() then reads it and reports). */
static int parse_block_simple(reader *r, const char *s, size_t n, dy_code *c)
{
	size_t i = 0;
	if (n >= 200)
		return 0;
	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	size_t c0 = i;
	while (i < n && ((unsigned)s[i] - 'A' < 26u || (unsigned)s[i] - '0' < 10u))
		i++;
	size_t cl = i - c0;
	if (cl == 0 || (i < n && !(byte_class[(unsigned char)s[i]] & (CL_BLANK | CL_ANGLE))))
		return 0;
	if (cl >= 6 && all_digits(s + c0, cl))
		return 0;   /* "code missing before date" */
	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	int32_t from = DY_DATE_MIN, to = DY_DATE_MAX;
	int dated = i < n;
	if (dated) {
		const char *t = s + i;
		size_t tl = 0;
		while (i + tl < n && !is_blank((unsigned char)t[tl]))
			tl++;
		for (size_t k = i + tl; k < n; k++)
			if (!is_blank((unsigned char)s[k]))
				return 0;
		if (tl == 7 && (t[0] == '<' || t[0] == '>')) {
			int32_t a = date_parse(t + 1, 6);
			if (a < 0)
				return 0;
			if (t[0] == '<')
				to = a;
			else
				from = a;
		} else if (tl == 13 && t[6] == '-') {
			int32_t a = date_parse(t, 6), b = date_parse(t + 7, 6);
			if (a < 0 || b < 0)
				return 0;
			if (a > b && a >= 20000000)
				a -= 1000000;   /* as in parse_block() */
			if (a > b)
				return 0;
			from = a;
			to = b;
		} else {
			return 0;
		}
	}
	memset(c, 0, sizeof *c);
	c->from = from;
	c->to = to;
	if (dated)
		c->flags = DY_CODE_DATED;
	c->code = dict_intern(r->d, s + c0, cl);
	return 1;
}

#if DICT_SWAR
/* 0x80 in each byte of x that is an upper-case ASCII letter or a digit,
 * exact up to the first byte that is neither (as swar_letters()). */
static inline uint64_t swar_code_chars(uint64_t x)
{
	const uint64_t one = 0x0101010101010101ull;
	uint64_t up = (x + one * (0x80 - 'A')) & ~(x + one * (0x80 - 'Z' - 1));
	uint64_t dg = (x + one * (0x80 - '0')) & ~(x + one * (0x80 - '9' - 1));
	return (up | dg) & ~x & SWAR_HI;
}
#endif

#if DICT_SWAR
/* date6_fast()'s reading of the six bytes of a date in x (little-endian). */
static int32_t date6_word(uint64_t x)
{
	const uint64_t d30 = 0x0000303030303030ull;
	/* each byte 0x30..0x39: high nibble 3, and still 3 after adding 6 */
	if ((x & 0x0000F0F0F0F0F0F0ull) != d30 ||
	    ((x + 0x0000060606060606ull) & 0x0000F0F0F0F0F0F0ull) != d30)
		return -1;
	uint64_t d = x - d30;
	uint64_t t = d * 10 + (d >> 8);   /* bytes 0, 2, 4: YY, MM, DD (at most 99) */
	int yy = (int)(t & 0xFF), m = (int)((t >> 16) & 0xFF), dd = (int)((t >> 32) & 0xFF);
	return date_of_yymmdd(yy, m, dd);
}
#endif

/* date_parse(s, 6) for a date inside a block, s[0..8) readable (the
 * block's ']' at least follows it): the six digits checked and paired in
 * one word where the byte order allows. */
static inline int32_t date6_fast(reader *r, const char *s)
{
#if DICT_SWAR
	uint64_t x;
	memcpy(&x, s, 8);
	x &= 0x0000FFFFFFFFFFFFull;
	/* CountryInfo's 46,000 dates are a few thousand distinct ones: a small
	 * cache keyed by the six bytes themselves (the top bit set, so that no
	 * key is 0, an empty slot) */
	uint64_t key = x | 1ull << 63;
	unsigned slot = (unsigned)((x * 0x9E3779B97F4A7C15ull) >> 56);
	if (r->date_key[slot] == key)
		return r->date_val[slot];
	r->date_key[slot] = key;
	return r->date_val[slot] = date6_word(x);
#else
	(void)r;
	return date_parse(s, 6);
#endif
}

/* The interned copy of an actor code c[0..n) (letters and digits) that
 * lies in the file's data: codes of at most 16 bytes go through a small
 * cache keyed by their bytes, since a few hundred codes fill some 60,000
 * blocks. */
static const char *code_intern(reader *r, const char *c, size_t n)
{
	if (n > 16 || r->data_end - c < 16)
		return dict_intern(r->d, c, n);
	/* the code as two zero-padded words: a code has no zero byte, so the
	 * words tell its length too */
	uint64_t w[2];
	memcpy(w, c, 16);
	size_t q = n > 8 ? 1 : 0, b = n - 8 * q;   /* word q holds the last b bytes */
	if (b < 8)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w[q] &= ~(~0ull >> (8 * b));
#else
		w[q] &= ~(~0ull << (8 * b));
#endif
	if (!q)
		w[1] = 0;
	unsigned slot = (unsigned)(((w[0] ^ w[1] * 0xFF51AFD7ED558CCDull) * 0x9E3779B97F4A7C15ull) >> 56);
	if (r->ccode_w[slot][0] == w[0] && r->ccode_w[slot][1] == w[1])
		return r->ccode_p[slot];
	const char *p = dict_intern(r->d, c, n);
	r->ccode_w[slot][0] = w[0];
	r->ccode_w[slot][1] = w[1];
	r->ccode_p[slot] = p;
	return p;
}

/* parse_codes()' reading of one actor block "[...]" at s (s[0] == '['),
 * for the shapes parse_block_simple() takes: "[CODE]", "[CODE <YYMMDD]",
 * "[CODE >YYMMDD]", "[CODE YYMMDD-YYMMDD]", found and read in one pass
 * without looking for ']' first. Returns the end of the block (past ']'),
 * or NULL, having reported nothing, when the block is anything else (it is
 * then read the long way, which reports what is wrong). The data must be
 * the file's (not r->line_buf). */
static ALWAYS_INLINE const char *block_fast(reader *r, const char *s, const char *end,
                                            dy_code *c)
{
	/* parse_block_simple() takes blocks of under 200 bytes inside */
	const char *lim = end - s > 201 ? s + 201 : end;
	const char *p = s + 1;
	while (p < lim && is_blank((unsigned char)*p))
		p++;
	const char *c0 = p;
#if DICT_SWAR
	/* eight bytes at a time: codes run to 6 to 9 letters and digits */
	while (lim - p >= 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		uint64_t m = swar_code_chars(x);
		if (m != SWAR_HI) {
			p += (unsigned)__builtin_ctzll(~m & SWAR_HI) / 8;
			goto code_end;
		}
		p += 8;
	}
#endif
	while (p < lim && ((unsigned)*p - 'A' < 26u || (unsigned)*p - '0' < 10u))
		p++;
#if DICT_SWAR
code_end:;
#endif
	size_t cl = (size_t)(p - c0);
	if (cl == 0 || p >= lim)
		return NULL;
	if (cl >= 6 && all_digits(c0, cl))
		return NULL;   /* "code missing before date" */
	int32_t from = DY_DATE_MIN, to = DY_DATE_MAX;
	int dated = 0;
	if (*p != ']') {
		if (!(byte_class[(unsigned char)*p] & (CL_BLANK | CL_ANGLE)))
			return NULL;
		while (p < lim && is_blank((unsigned char)*p))
			p++;
		if (p >= lim)
			return NULL;
		if (*p != ']') {
			dated = 1;
			if (*p == '<' || *p == '>') {
				/* p[1..9) loaded: the ']' and one byte more in the block's reach */
				if (lim - p < 9)
					return NULL;
				int32_t a = date6_fast(r, p + 1);
				if (a < 0)
					return NULL;
				if (*p == '<')
					to = a;
				else
					from = a;
				p += 7;
			} else {
				/* p[7..15) loaded, as above */
				if (lim - p < 15 || p[6] != '-')
					return NULL;
				int32_t a = date6_fast(r, p), b = date6_fast(r, p + 7);
				if (a < 0 || b < 0)
					return NULL;
				if (a > b && a >= 20000000)
					a -= 1000000;   /* as in parse_block() */
				if (a > b)
					return NULL;
				from = a;
				to = b;
				p += 13;
			}
			while (p < lim && is_blank((unsigned char)*p))
				p++;
			if (p >= lim || *p != ']')
				return NULL;
		}
	}
	memset(c, 0, sizeof *c);
	c->from = from;
	c->to = to;
	if (dated)
		c->flags = DY_CODE_DATED;
	c->code = code_intern(r, c0, cl);
	return p + 1;
}

/* Parses the inside of one "[...]" into c. Returns 0, or -1 after reporting. */
static int parse_block(reader *r, const char *s, size_t n, enum code_ctx ctx, dy_code *c)
{
	if (ctx == CC_ACTOR && parse_block_simple(r, s, n, c))
		return 0;
	char sq[256];
	size_t m = 0;
	if (n < sizeof sq) {
		/* too short to pass the limit: copy without a branch per byte */
		for (size_t i = 0; i < n; i++) {
			sq[m] = s[i];
			m += !is_blank((unsigned char)s[i]);
		}
	} else {
		for (size_t i = 0; i < n; i++)
			if (!is_blank((unsigned char)s[i])) {
				if (m + 1 >= sizeof sq) {
					ERR(r, "code block longer than %zu bytes", sizeof sq - 1);
					return -1;
				}
				sq[m++] = s[i];
			}
	}
	sq[m] = '\0';
	memset(c, 0, sizeof *c);
	c->from = DY_DATE_MIN;
	c->to = DY_DATE_MAX;
	if (m == 0) {
		ERR(r, "no code in [ ]");
		return -1;
	}
	const char *rest;
	char code[256];
	size_t cl;
	if (!strncmp(sq, "---", 3) || !strncmp(sq, "###", 3) || !strncmp(sq, "+++", 3)) {
		c->flags |= sq[0] == '-' ? DY_CODE_NULL : sq[0] == '#' ? DY_CODE_DISCARD : DY_CODE_COMPLEX;
		c->code = dict_intern(r->d, "", 0);
		rest = sq + 3;
	} else if (ctx == CC_TIME && (sq[0] == '+' || sq[0] == '-') &&
	           m >= 2 && m <= 7 && strspn(sq + 1, "0123456789") == m - 1) {
		c->flags |= DY_CODE_SHIFT;
		c->shift = (int32_t)strtol(sq, NULL, 10);
		c->code = dict_intern(r->d, "", 0);
		return 0;
	} else {
		/* The code is the first blank-separated token of the original text,
		 * cut at '<' or '>' if a restriction is glued to it. */
		const char *t = s;
		size_t tn = n;
		trim(&t, &tn);
		cl = 0;
		while (cl < tn && !(byte_class[(unsigned char)t[cl]] & (CL_BLANK | CL_ANGLE)))
			cl++;
		if (cl >= sizeof code)
			cl = sizeof code - 1;
		/* ASCII codes (all of them in practice) without upcase()'s
		 * multibyte machinery; the same bytes come out */
		size_t q = 0;
		if (cl + 4 < sizeof code)
			for (; q < cl && (unsigned char)t[q] - 1u < 0x7fu; q++)
				code[q] = (char)((unsigned)t[q] - 'a' < 26u ? t[q] - 32 : t[q]);
		if (q == cl) {
			code[cl] = '\0';
		} else {
			upcase(t, cl, code, sizeof code);
			cl = strlen(code);
		}
		rest = sq + cl;
		if ((size_t)(rest - sq) > m)
			rest = sq + m;
		char *p = code;
		switch (ctx) {
		case CC_AGENT:
			if (code[0] == '~') {
				c->flags |= DY_CODE_AGENT_SUF;
				p++;
				cl--;
			} else if (cl && code[cl - 1] == '~') {
				c->flags |= DY_CODE_AGENT_PRE;
				code[--cl] = '\0';
			} else {
				ERR(r, "agent code '%s' has no '~' connector", code);
				return -1;
			}
			if (!code_chars_ok(p, cl, "/")) {
				ERR(r, "bad agent code '%s'", code);
				return -1;
			}
			break;
		case CC_VERB: case CC_TIME: {
			char *colon = strchr(code, ':');
			if (cl && (code[cl - 1] == '?' || code[cl - 1] == '!')) {
				c->flags |= code[cl - 1] == '?' ? DY_CODE_SUBORD : DY_CODE_DOMINANT;
				code[--cl] = '\0';
			}
			if (colon) {
				*colon = '\0';
				if (!code_chars_ok(colon + 1, strlen(colon + 1), "")) {
					ERR(r, "bad second code in '%s:%s'", code, colon + 1);
					return -1;
				}
				c->flags |= DY_CODE_PAIRED;
				c->code2 = dict_intern(r->d, colon + 1, strlen(colon + 1));
				cl = strlen(code);
			}
			if (!code_chars_ok(code, cl, "")) {
				ERR(r, "bad event code '%s'", code);
				return -1;
			}
			break;
		}
		default:
			if (cl >= 6 && all_digits(code, cl)) {
				ERR(r, "code missing before date '%s'", code);
				return -1;
			}
			if (!code_chars_ok(code, cl, "/")) {
				ERR(r, "bad actor code '%s'", code);
				return -1;
			}
			break;
		}
		size_t pl = cl;   /* == strlen(p): every case above keeps cl so */
		if (memchr(p, '/', pl))
			c->flags |= DY_CODE_COMPOUND;
		uint32_t h;
		if ((size_t)(p - code) + pl + 8 <= sizeof code) {
			memset(p + pl, 0, 8);
			h = dict_intern_hash_padded(p, pl);
		} else {
			h = dict_intern_hash(p, pl);
		}
		c->code = dict_intern_h(r->d, p, pl, h);
	}
	/* Date restriction (manual 6.5.2): <D, >D, D-D. */
	size_t rl = m - (size_t)(rest - sq);   /* == strlen(rest) */
	if (rl == 0)
		return 0;
	int32_t a, b;
	if (rest[0] == '<' || rest[0] == '>') {
		a = date_parse(rest + 1, rl - 1);
		if (a < 0)
			goto bad;
		if (rest[0] == '<')
			c->to = a;
		else
			c->from = a;
	} else {
		const char *dash = memchr(rest, '-', rl);
		if (!dash)
			goto bad;
		a = date_parse(rest, (size_t)(dash - rest));
		b = date_parse(dash + 1, rl - (size_t)(dash - rest) - 1);
		if (a < 0 || b < 0)
			goto bad;
		/* A range cannot end before it starts: a 6-digit start that the
		 * pivot put in 20xx is read in 19xx (CountryInfo writes
		 * 270101-730717 for 1927-1973). */
		if (a > b && dash - rest == 6 && a >= 20000000)
			a -= 1000000;
		if (a > b) {
			WARN(r, "date range '%s' ends before it starts; code block skipped", rest);
			return -1;
		}
		c->from = a;
		c->to = b;
	}
	c->flags |= DY_CODE_DATED;
	return 0;
bad:
	ERR(r, "bad date restriction '%s' (want <YYMMDD, >YYMMDD or YYMMDD-YYMMDD)", rest);
	return -1;
}

static uint32_t memo_hash(const char *s, size_t n, unsigned ctx)
{
	/* eight bytes at a time: blocks are short, and any spread will do */
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull ^ ctx;
	uint64_t w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 29;
	}
	/* the last 0..7 bytes: two overlapping 4-byte loads, or three bytes */
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (unsigned char)s[n - 1];
	} else {
		w = 0;
	}
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return (uint32_t)(h >> 32);
}

/* parse_block() through the memo of blocks already read. */
static int memo_block(reader *r, const char *s, size_t n, enum code_ctx ctx, dy_code *c)
{
	if (r->line_copied)   /* the memo keeps pointers into the data only */
		return parse_block(r, s, n, ctx, c);
	block_memo *m = &r->memo[memo_hash(s, n, ctx) & (MEMO_SLOTS - 1)];
	if (m->p && m->n == n && m->ctx == (uint32_t)ctx && !memcmp(m->p, s, n)) {
		*c = m->code;
		return 0;
	}
	int rc = parse_block(r, s, n, ctx, c);
	if (rc == 0) {
		m->p = s;
		m->n = (uint32_t)n;
		m->ctx = (uint32_t)ctx;
		m->code = *c;
	}
	return rc;
}

/* (Always inline: each caller passes its own context, and the reading of
 * the common blocks then sheds the tests for the others.)
 * Parses every "[...]" in s[0..n). Returns the number of good blocks written
 * to out, or -1 after reporting a structural error (missing ']', text between
 * blocks). A block with a bad code or date is reported and left out. */
static ALWAYS_INLINE int parse_codes(reader *r, const char *s, size_t n, enum code_ctx ctx,
                       dy_code *out, int max)
{
	int k = 0;
	size_t i = 0;
	while (i < n) {
		if (is_blank((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (s[i] == '[' && ctx == CC_ACTOR && k < max && !r->line_copied) {
			const char *e = block_fast(r, s + i, s + n, &out[k]);
			if (e) {
				k++;
				i = (size_t)(e - s);
				continue;
			}
		}
		if (s[i] != '[') {
			/* Production files carry stray notes after the codes without a
			 * ';' before them; the codes are still good. */
			WARN(r, "text after code block ignored: '%.*s'", (int)(n - i > 40 ? 40 : n - i), s + i);
			return k;
		}
		/* The block's end, and no '[' before it, in one loop: blocks are
		 * a few bytes long, shorter than two memchr() calls cost. */
		size_t q = i + 1;
		while (q < n && s[q] != ']' && s[q] != '[')
			q++;
		if (q >= n || s[q] == '[') {
			ERR(r, "missing ']'");
			return -1;
		}
		const char *close = s + q;
		const char *in = s + i + 1;
		size_t inl = (size_t)(close - in);
		if (k >= max) {
			ERR(r, "more than %d code blocks", max);
			return -1;
		}
		if (memo_block(r, in, inl, ctx, &out[k]) == 0)
			k++;
		i = (size_t)(close - s) + 1;
	}
	return k;
}

/* (inline, as entry_add() below: some 50,000 calls per load) */
static ALWAYS_INLINE uint32_t codes_commit(dy_dict *d, const dy_code *c, int n)
{
	uint32_t first = d->n_codes;
	if (n > 0) {
		DICT_RESERVE(d, codes, n_codes, CAP_CODES, (uint32_t)n);
		if (n == 1)   /* nearly always: no memcpy call */
			d->codes[first] = c[0];
		else
			memcpy(d->codes + first, c, (size_t)n * sizeof *c);
		d->n_codes += (uint32_t)n;
	}
	return first;
}

/* ---- entries ------------------------------------------------------------ */

/* Appends an entry (phrase already committed). */
static ALWAYS_INLINE uint32_t entry_add(reader *r, const dy_phrase *ph, dy_entry_kind kind,
                                        uint8_t flags)
{
	dy_dict *d = r->d;
	uint32_t idx = d->n_entries;
	dy_entry *e = DICT_PUSH(d, entries, n_entries, CAP_ENTRIES);
	memset(e, 0, sizeof *e);
	e->ph = *ph;
	e->kind = (uint8_t)kind;
	e->flags = flags;
	e->verb = DY_NONE;
	e->parent = idx;
	e->code = d->n_codes;
	e->line = r->line;
	e->file = r->file;
	return idx;
}

/* dup_note()'s report of entry idx, a duplicate of entry `first`: apart,
 * so that the check inlined for every entry stays small. */
static COLD void dup_report(reader *r, uint32_t idx, uint32_t first)
{
	dy_dict *d = r->d;
	char where[512], text[512];
	const dy_entry *f = &d->entries[first];
	const dy_entry *e = &d->entries[idx];
	d->entries[idx].flags |= DY_ENT_DUP;
	dict_phrase_text(d, e->ph, text, sizeof text);
	diag_warn(r->dg, r->name, (long)e->line, "duplicate %s '%s' (first at %s)",
	          e->kind == DY_ENT_VERB ? "verb" : e->kind == DY_ENT_AGENT ? "agent" :
	          e->kind == DY_ENT_ACTOR ? "actor" : "phrase",
	          text, dict_where(d, f->file, f->line, where, sizeof where));
}

static ALWAYS_INLINE void dup_note(reader *r, uint32_t idx)
{
	uint32_t first = dict_dup_check(r->d, idx);
	if (first != DY_NONE)
		dup_report(r, idx, first);
}

/* ---- actor and agent groups (manual 5.3.1) ------------------------------ */

static ALWAYS_INLINE void group_close(reader *r)
{
	dy_dict *d = r->d;
	if (!r->group_open)
		return;
	r->group_open = 0;
	if (r->n_gcodes == 0 && r->group_bad) {
		d->n_entries = r->group_first; /* already reported */
		return;
	}
	if (r->n_gcodes == 0) {
		/* A code-less line is legal when synonyms or code lines follow
		 * (manual 5.3.1); with none, there is nothing to code it with. */
		diag_warn(r->dg, r->name, (long)r->group_line, "%s without a code; skipped",
		          r->kind == DICT_KIND_AGENTS ? "agent" : "actor");
		d->n_entries = r->group_first; /* drop the group */
		return;
	}
	uint32_t first = codes_commit(d, r->gcodes, r->n_gcodes);
	for (uint32_t i = r->group_first; i < d->n_entries; i++) {
		d->entries[i].code = first;
		d->entries[i].n_codes = (uint16_t)r->n_gcodes;
		dup_note(r, i);
	}
	r->n_gcodes = 0;
}

static ALWAYS_INLINE void group_codes_add(reader *r, const char *s, size_t n,
                                          enum code_ctx ctx)
{
	int room = DICT_MAX_CODES - r->n_gcodes;
	int errs = r->dg->errors;
	int k = parse_codes(r, s, n, ctx, r->gcodes + r->n_gcodes, room);
	if (r->dg->errors != errs)
		r->group_bad = 1;
	if (k > 0)
		r->n_gcodes += k;
}

/* Splits a line at its first '[' into phrase and code text. */
static void split_codes(const char *s, size_t n, size_t *ph_n, const char **cs, size_t *cn)
{
	const char *b = memchr(s, '[', n);
	*ph_n = b ? (size_t)(b - s) : n;
	*cs = b ? b : s + n;
	*cn = b ? n - (size_t)(b - s) : 0;
}

static void actor_line(reader *r, const char *s, size_t n, int indented)
{
	dy_dict *d = r->d;
	enum code_ctx ctx = r->kind == DICT_KIND_AGENTS ? CC_AGENT : CC_ACTOR;
	dy_entry_kind ek = r->kind == DICT_KIND_AGENTS ? DY_ENT_AGENT : DY_ENT_ACTOR;
	if (s[0] == '[') {
		/* Code lines of a group are indented (manual 5.3.1); at the margin
		 * a '[' means the phrase is missing. */
		if (!indented) {
			group_close(r);
			ERR(r, "missing phrase before '['");
			return;
		}
		if (!r->group_open) {
			ERR(r, "code line without a phrase before it");
			return;
		}
		group_codes_add(r, s, n, ctx);
		return;
	}
	if (s[0] == '{') {
		/* Other forms of the last phrase (plurals, irregular forms). */
		const char *close = memchr(s, '}', n);
		if (!close) {
			ERR(r, "'{' without '}'");
			return;
		}
		if (!r->group_open) {
			ERR(r, "forms line without a phrase before it");
			return;
		}
		uint32_t parent = r->group_first;
		size_t i = 1, wn = 0;
		while (next_word(s, (size_t)(close - s), &i, &wn)) {
			dy_phrase ph;
			if (parse_phrase(r, s + i, wn, PH_WORDS, &ph, NULL) == 0) {
				uint32_t idx = entry_add(r, &ph, ek, DY_ENT_FORM);
				d->entries[idx].parent = parent;
			}
		}
		return;
	}
	size_t pn, cn;
	const char *cs;
	int syn = s[0] == '+';
	if (syn) {
		s++;
		n--;
		if (!r->group_open) {
			ERR(r, "synonym '+' line without a phrase before it");
			return;
		}
	} else {
		group_close(r);
	}
	split_codes(s, n, &pn, &cs, &cn);
	dy_phrase ph;
	if (parse_phrase(r, s, pn, PH_WORDS, &ph, NULL) != 0)
		return;
	if (!syn) {
		r->group_open = 1;
		r->group_first = d->n_entries;
		r->group_line = r->line;
		r->n_gcodes = 0;
		r->group_bad = 0;
	}
	uint32_t idx = entry_add(r, &ph, ek, syn ? DY_ENT_SYNONYM : 0);
	d->entries[idx].parent = r->group_first;
	if (cn)
		group_codes_add(r, cs, cn, ctx);
}

/* ---- verbs (manual 5.5) -------------------------------------------------- */

static void verb_close(reader *r)
{
	dy_dict *d = r->d;
	if (r->verb == DY_NONE)
		return;
	dy_verb *v = &d->verbs[r->verb];
	r->verb = DY_NONE;
	/* Longest first (manual 5.7.1); ties keep file order. A verb's patterns
	 * come from one file in line order, so file order is their order here:
	 * sort keys of (chars, position), after checking they are not in order
	 * already. */
	uint32_t np = v->n_patterns, i = 1;
	if (np < 2)
		return;   /* (d->patterns may still be NULL) */
	dy_pattern *p = d->patterns + v->pattern;
	while (i < np && p[i].ph.chars <= p[i - 1].ph.chars)
		i++;
	if (i >= np)
		return;
	uint64_t *key = xmalloc(2 * (size_t)np * sizeof *key);
	for (i = 0; i < np; i++)
		key[i] = (uint64_t)(0xFFFFu - p[i].ph.chars) << 32 | i;
	dict_sort_u64(key, np, key + np);
	dy_pattern *was = xmalloc((size_t)np * sizeof *was);
	memcpy(was, p, (size_t)np * sizeof *p);
	for (i = 0; i < np; i++)
		p[i] = was[(uint32_t)key[i]];
	free(was);
	free(key);
}

static ALWAYS_INLINE void verb_line(reader *r, const char *s, size_t n,
                                    dy_entry_kind ek)
{
	dy_dict *d = r->d;
	enum code_ctx ctx = ek == DY_ENT_TIME ? CC_TIME : CC_VERB;
	dy_code codes[DICT_MAX_CODES];
	size_t pn, cn;
	const char *cs;
	if (s[0] == '-') {
		if (r->verb == DY_NONE) {
			ERR(r, "pattern before any verb");
			return;
		}
		split_codes(s + 1, n - 1, &pn, &cs, &cn);
		dy_phrase ph;
		uint16_t at = 0;
		if (parse_phrase(r, s + 1, pn, PH_PATTERN, &ph, &at) != 0)
			return;
		/* Attribution patterns need no code (manual 10.4). */
		if (!cn && ek != DY_ENT_ATTRIB) {
			ERR(r, "pattern without a code");
			return;
		}
		int k = cn ? parse_codes(r, cs, cn, ctx, codes, DICT_MAX_CODES) : 0;
		if (k < 0 || (k == 0 && cn))
			return;
		dy_verb *v = &d->verbs[r->verb];
		if (v->pattern + v->n_patterns != d->n_patterns) {
			ERR(r, "pattern is not next to its verb");
			return;
		}
		dy_pattern *p = DICT_PUSH(d, patterns, n_patterns, CAP_PATTERNS);
		memset(p, 0, sizeof *p);
		p->ph = ph;
		p->code = codes_commit(d, codes, k);
		p->n_codes = (uint16_t)k;
		p->verb_at = at;
		p->verb = r->verb;
		p->line = r->line;
		p->file = r->file;
		d->verbs[r->verb].n_patterns++;
		return;
	}
	if (s[0] == '{') {
		if (r->verb == DY_NONE) {
			ERR(r, "verb forms before any verb");
			return;
		}
		const char *close = memchr(s, '}', n);
		if (!close) {
			ERR(r, "'{' without '}' in verb forms");
			return;
		}
		dy_verb *v = &d->verbs[r->verb];
		const dy_entry *root = &d->entries[v->entry];
		int any = 0;
		size_t i = 1, wn = 0;
		while (next_word(s, (size_t)(close - s), &i, &wn)) {
			dy_phrase ph;
			if (parse_phrase(r, s + i, wn, PH_VERBFORM, &ph, NULL) == 0) {
				uint32_t idx = entry_add(r, &ph, ek, DY_ENT_FORM);
				dy_entry *e = &d->entries[idx];
				root = &d->entries[v->entry];
				e->code = root->code;
				e->n_codes = root->n_codes;
				e->verb = r->verb;
				e->parent = v->entry;
				if (v->form + v->n_forms == d->n_forms) {
					*DICT_PUSH(d, forms, n_forms, CAP_FORMS) = idx;
					d->verbs[r->verb].n_forms++;
				}
				dup_note(r, idx);
				any = 1;
			}
		}
		if (!any)
			ERR(r, "no verb forms inside { }");
		return;
	}
	if (s[0] == '+' || s[0] == '&') {
		ERR(r, "'%c' line outside <SYNSETS>", s[0]);
		return;
	}
	verb_close(r);
	split_codes(s, n, &pn, &cs, &cn);
	dy_phrase ph;
	if (parse_phrase(r, s, pn, PH_VERBFORM, &ph, NULL) != 0)
		return;
	int k = 0;
	if (cn) {
		k = parse_codes(r, cs, cn, ctx, codes, DICT_MAX_CODES);
		if (k < 0)
			return;
	}
	uint32_t idx = entry_add(r, &ph, ek, 0);
	dy_entry *e = &d->entries[idx];
	e->code = codes_commit(d, codes, k);
	e->n_codes = (uint16_t)k;
	uint32_t vi = d->n_verbs;
	dy_verb *v = DICT_PUSH(d, verbs, n_verbs, CAP_VERBS);
	v->entry = idx;
	v->form = d->n_forms;
	v->n_forms = 1;
	v->pattern = d->n_patterns;
	v->n_patterns = 0;
	*DICT_PUSH(d, forms, n_forms, CAP_FORMS) = idx;
	d->entries[idx].verb = vi;
	r->verb = vi;
	dup_note(r, idx);
}

/* ---- synsets (manual 5.6) ------------------------------------------------ */

static void synset_line(reader *r, const char *s, size_t n)
{
	dy_dict *d = r->d;
	if (s[0] == '&') {
		size_t j = 1;
		while (j < n && !is_blank((unsigned char)s[j]))
			j++;
		char nm[DICT_MAX_WORD + 8];
		if (j > DICT_MAX_WORD) {
			ERR(r, "synset name longer than %d bytes", DICT_MAX_WORD);
			return;
		}
		size_t l = upcase(s, j, nm, sizeof nm);
		const char *name = dict_intern(d, nm, l);
		uint32_t old = synset_lookup(d, name);
		if (old != DY_NONE && old == r->synset && d->synsets[old].n == 0)
			return; /* "&X" twice in a row: one declaration */
		if (old != DY_NONE)
			WARN(r, "synset '%s' declared again; the new one replaces it", name);
		uint32_t si = d->n_synsets;
		dy_synset *sy = DICT_PUSH(d, synsets, n_synsets, CAP_SYNSETS);
		memset(sy, 0, sizeof *sy);
		sy->name = name;
		sy->alt = d->n_alts;
		sy->line = r->line;
		sy->file = r->file;
		r->synset = si;
		return;
	}
	if (s[0] != '+') {
		ERR(r, "expected '&NAME' or '+member' in <SYNSETS>");
		return;
	}
	if (r->synset == DY_NONE) {
		ERR(r, "synset member before any '&NAME'");
		return;
	}
	dy_phrase ph;
	uint32_t before = d->n_alts;
	if (parse_phrase(r, s + 1, n - 1, PH_MEMBER, &ph, NULL) != 0)
		return;
	dy_synset *sy = &d->synsets[r->synset];
	if (before != d->n_alts || sy->alt + sy->n != d->n_alts) {
		ERR(r, "synset member is not next to its synset");
		return;
	}
	*DICT_PUSH(d, alts, n_alts, CAP_ALTS) = ph;
	d->synsets[r->synset].n++;
}

/* ---- sections and lines -------------------------------------------------- */

static void section_tag(reader *r, const char *s, size_t n)
{
	char tag[32];
	size_t l = 0;
	for (size_t i = 1; i < n && s[i] != '>' && l + 1 < sizeof tag; i++)
		if (!is_blank((unsigned char)s[i]))
			tag[l++] = (char)toupper((unsigned char)s[i]);
	tag[l] = '\0';
	int closing = tag[0] == '/';
	const char *t = closing ? tag + 1 : tag;
	enum section sec = SEC_OTHER;
	if (!strncmp(t, "SYNSET", 6))
		sec = SEC_SYNSETS;
	else if (!strcmp(t, "TIME"))
		sec = SEC_TIME;
	else if (!strncmp(t, "NOUN", 4))
		sec = SEC_NOUN;
	else if (!strncmp(t, "ADJ", 3))
		sec = SEC_ADJ;
	else if (!strncmp(t, "ATTRIB", 6))
		sec = SEC_ATTRIB;
	group_close(r);
	verb_close(r);
	if (closing) {
		if (r->sec == SEC_NONE || (sec != r->sec) || (sec == SEC_OTHER && strcmp(t, r->sec_tag)))
			ERR(r, "'<%s>' does not close an open section", tag);
		r->sec = SEC_NONE;
		r->synset = DY_NONE;
		return;
	}
	if (r->sec != SEC_NONE) {
		diag_error(r->dg, r->name, (long)r->sec_line, "section <%s> not closed before <%s>",
		           r->sec_tag, t);
	}
	r->sec = sec;
	r->sec_line = r->line;
	snprintf(r->sec_tag, sizeof r->sec_tag, "%s", t);
	if (sec == SEC_OTHER)
		WARN(r, "unknown section <%s>; its lines are skipped", t);
}

static void word_line(reader *r, const char *s, size_t n, dy_entry_kind ek)
{
	size_t pn, cn;
	const char *cs;
	split_codes(s, n, &pn, &cs, &cn);
	dy_phrase ph;
	if (parse_phrase(r, s, pn, PH_WORDS, &ph, NULL) != 0)
		return;
	dy_code codes[DICT_MAX_CODES];
	int k = 0;
	if (ek == DY_ENT_DISCARD) {
		if (cn) {
			k = parse_codes(r, cs, cn, CC_DISCARD, codes, DICT_MAX_CODES);
			if (k < 0)
				return;
			for (int i = 0; i < k; i++)
				if (!(codes[i].flags & DY_CODE_DISCARD)) {
					ERR(r, "a discard phrase takes only the code [###]");
					return;
				}
		}
		if (k == 0) {
			memset(&codes[0], 0, sizeof codes[0]);
			codes[0].code = dict_intern(r->d, "", 0);
			codes[0].flags = DY_CODE_DISCARD;
			codes[0].to = DY_DATE_MAX;
			k = 1;
		}
	} else if (cn) {
		WARN(r, "code ignored on a %s", ek == DY_ENT_NOUN ? "noun" : "adjective");
	}
	uint32_t idx = entry_add(r, &ph, ek, 0);
	r->d->entries[idx].code = codes_commit(r->d, codes, k);
	r->d->entries[idx].n_codes = (uint16_t)k;
	dup_note(r, idx);
}

static int looks_tabular(const char *s, size_t n)
{
	int tabs = 0;
	for (size_t i = 0; i < n; i++)
		tabs += s[i] == '\t';
	return tabs >= 4;
}

/* An actors file's indented code line "\t[CODE ...] [CODE ...] ; note" with
 * blocks block_fast() takes, read as actor_line() would read it, in one
 * pass that also finds the line's end: over half the lines of CountryInfo
 * are such lines. Returns the end of the line (its '\n', or `end`), or
 * NULL, having changed nothing, when the line is anything else (no group
 * open, a block of another shape, too many codes, an over-long line): it is
 * then read the long way. The line holds no NUL byte (the caller makes
 * sure). */
static const char *code_line_fast(reader *r, const char *s, const char *end)
{
	const char *p = s;
	int k = 0, room = DICT_MAX_CODES - r->n_gcodes;
	if (!r->group_open)
		return NULL;
	while (p < end && is_blank((unsigned char)*p))
		p++;
	if (p >= end || *p != '[')
		return NULL;
	for (;;) {
		if (k >= room)
			return NULL;
		p = block_fast(r, p, end, &r->gcodes[r->n_gcodes + k]);
		if (!p)
			return NULL;
		k++;
		while (p < end && is_blank((unsigned char)*p))
			p++;
		if (p < end && *p == '[')
			continue;
		if (p < end && *p == ';') {
			p = memchr(p, '\n', (size_t)(end - p));
			if (!p)
				p = end;
		}
		if (p < end && *p != '\n')
			return NULL;
		break;
	}
	if (p - s > DICT_MAX_LINE)
		return NULL;
	r->n_gcodes += k;
	return p;
}

void dict_parse_tabari(dy_dict *d, uint16_t file, const char *name,
                       const char *data, size_t n, dy_dict_kind kind, dy_diag *dg)
{
	reader *r = xcalloc(1, sizeof *r);
	r->d = d;
	r->dg = dg;
	r->name = d->files[file];
	(void)name;
	r->file = file;
	r->kind = kind;
	r->verb = DY_NONE;
	r->synset = DY_NONE;
	r->data_end = data + n;
	/* Most lines hold no NUL byte: look for the next one only once past it. */
	const char *nul = memchr(data, '\0', n);   /* the next NUL byte, or NULL */
	r->memo = xcalloc(MEMO_SLOTS, sizeof *r->memo);
	/* Room for what the file will likely add, so that the big arrays are
	 * copied once per file at most rather than once per doubling. */
	{
		uint32_t est = (uint32_t)(n / 8 > 0x3FFFFFF ? 0x3FFFFFF : n / 8);
		DICT_RESERVE(d, elems, n_elems, CAP_ELEMS, est);
		DICT_RESERVE(d, codes, n_codes, CAP_CODES, est / 4);
		DICT_RESERVE(d, entries, n_entries, CAP_ENTRIES, est / 5);
	}
	/* About one entry per 40 bytes of an actors file (CountryInfo: 42), far
	 * fewer in a verbs file, whose patterns are no entries. */
	dict_dup_reserve(d, (uint32_t)((kind == DICT_KIND_VERBS ? n / 256 : n / 40) & 0x3FFFFFF));
	/* About one new word or code per 30 bytes of CountryInfo, fewer in the
	 * other files: the intern table grown once, not doubled step by step. */
	dict_intern_reserve(d, (uint32_t)((n / 32) & 0x3FFFFFF));
	int codes_fast = kind == DICT_KIND_ACTORS;
	for (size_t i = 0; i < n; ) {
		if (codes_fast && r->sec == SEC_NONE && (data[i] == '\t' || data[i] == ' ')) {
			if (nul && nul < data + i)
				nul = memchr(data + i, '\0', n - i);
			if (!nul || (size_t)(nul - (data + i)) > DICT_MAX_LINE) {
				const char *e = code_line_fast(r, data + i, data + n);
				if (e) {
					r->line++;
					i = (size_t)(e - data) + 1;
					continue;
				}
			}
		}
		const char *nl = memchr(data + i, '\n', n - i);
		size_t j = nl ? (size_t)(nl - data) : n;
		const char *s = data + i;
		size_t len = j - i;
		i = j + 1;
		r->line++;
		r->line_copied = 0;
		if (len > DICT_MAX_LINE) {
			ERR(r, "line longer than %d bytes", DICT_MAX_LINE);
			continue;
		}
		if (nul && nul < s)
			nul = memchr(s, '\0', n - (size_t)(s - data));
		if (nul && nul < s + len) {
			WARN(r, "NUL byte in line read as a blank");
			if (len > sizeof r->line_buf)
				continue;
			memcpy(r->line_buf, s, len);
			for (size_t k = 0; k < len; k++)
				if (!r->line_buf[k])
					r->line_buf[k] = ' ';
			s = r->line_buf;
			r->line_copied = 1;
		}
		if (len && s[0] == '~')
			break; /* ~~FINISH: the end of the dictionary proper */
		if (len && (s[0] == '#' || s[0] == '/'))
			continue;
		const char *semi = memchr(s, ';', len);
		if (semi)
			len = (size_t)(semi - s);
		int indented = len && (s[0] == ' ' || s[0] == '\t');
		trim(&s, &len);
		if (!len)
			continue;
		if (kind == DICT_KIND_DISCARDS && looks_tabular(s, len)) {
			ERR(r, "not a discard list: this line is a tab-separated table row; rest of file skipped");
			break;
		}
		if (s[0] == '<') {
			section_tag(r, s, len);
			continue;
		}
		switch (r->sec) {
		case SEC_OTHER:
			break;
		case SEC_SYNSETS:
			synset_line(r, s, len);
			break;
		case SEC_NOUN:
			word_line(r, s, len, DY_ENT_NOUN);
			break;
		case SEC_ADJ:
			word_line(r, s, len, DY_ENT_ADJ);
			break;
		case SEC_TIME:
			verb_line(r, s, len, DY_ENT_TIME);
			break;
		case SEC_ATTRIB:
			verb_line(r, s, len, DY_ENT_ATTRIB);
			break;
		case SEC_NONE:
			if (kind == DICT_KIND_VERBS)
				verb_line(r, s, len, DY_ENT_VERB);
			else if (kind == DICT_KIND_DISCARDS)
				word_line(r, s, len, DY_ENT_DISCARD);
			else
				actor_line(r, s, len, indented);
			break;
		}
	}
	group_close(r);
	verb_close(r);
	if (r->sec != SEC_NONE)
		diag_error(dg, r->name, (long)r->sec_line, "section <%s> is never closed", r->sec_tag);
	free(r->memo);
	free(r);
}
