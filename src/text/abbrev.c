/* SPDX-License-Identifier: MIT */
/* Abbreviations that end in a dot, for the sentence splitter. Exports
 * abbrev_kind() and abbrev_is_known().
 *
 * Model: one table sorted by bytes (strcmp order) and searched by bisection;
 * each word carries how its dot bears on a sentence end (enum dy_abbrev_kind in
 * split.h). Words that the table does not hold are still abbreviations when
 * they are dotted letter groups ("U.A.E", "Ph.D": every part one or two letters)
 * or a single capital letter (an initial, "John F. Kennedy").
 *
 * The list was written for English news: personal, military and political
 * titles; company suffixes; month abbreviations; US state abbreviations (AP
 * style, "Springfield, Ill."); country and organisation acronyms; reference
 * abbreviations that stand before numbers ("No. 10", "pp. 4-5"). Titles never
 * end a sentence; an ambiguous word ("Inc.", "U.S.") ends one only before a
 * likely sentence starter, which split.c decides. */
#include <string.h>

#include "split.h"

typedef struct abbrev_entry {
	const char *word; /* without the final dot */
	unsigned char len;
	unsigned char kind; /* enum dy_abbrev_kind */
} abbrev_entry;

/* Keep sorted by bytes (upper case before lower case): abbrev_lookup()
 * bisects it, and a unit test checks the order. */
static const abbrev_entry abbrev_table[] = {
	{ "A.M", 3, ABBR_AMBIG },
	{ "Adm", 3, ABBR_TITLE },
	{ "Ala", 3, ABBR_AMBIG },
	{ "Amb", 3, ABBR_TITLE },
	{ "Apr", 3, ABBR_MONTH },
	{ "Ariz", 4, ABBR_AMBIG },
	{ "Ark", 3, ABBR_AMBIG },
	{ "Art", 3, ABBR_NUMBER },
	{ "Arts", 4, ABBR_NUMBER },
	{ "Assn", 4, ABBR_AMBIG },
	{ "Atty", 4, ABBR_TITLE },
	{ "Aug", 3, ABBR_MONTH },
	{ "Ave", 3, ABBR_AMBIG },
	{ "Blvd", 4, ABBR_AMBIG },
	{ "Brig", 4, ABBR_TITLE },
	{ "Brig.Gen", 8, ABBR_TITLE },
	{ "Bros", 4, ABBR_AMBIG },
	{ "Calif", 5, ABBR_AMBIG },
	{ "Capt", 4, ABBR_TITLE },
	{ "Cdr", 3, ABBR_TITLE },
	{ "Ch", 2, ABBR_NUMBER },
	{ "Cmdr", 4, ABBR_TITLE },
	{ "Co", 2, ABBR_AMBIG },
	{ "Col", 3, ABBR_TITLE },
	{ "Colo", 4, ABBR_AMBIG },
	{ "Conn", 4, ABBR_AMBIG },
	{ "Corp", 4, ABBR_AMBIG },
	{ "Cos", 3, ABBR_AMBIG },
	{ "Cpl", 3, ABBR_TITLE },
	{ "Cpt", 3, ABBR_TITLE },
	{ "D.C", 3, ABBR_AMBIG },
	{ "Dec", 3, ABBR_MONTH },
	{ "Del", 3, ABBR_AMBIG },
	{ "Dept", 4, ABBR_AMBIG },
	{ "Det", 3, ABBR_TITLE },
	{ "Dr", 2, ABBR_TITLE },
	{ "Drs", 3, ABBR_TITLE },
	{ "E.U", 3, ABBR_AMBIG },
	{ "Esq", 3, ABBR_AMBIG },
	{ "Feb", 3, ABBR_MONTH },
	{ "Fig", 3, ABBR_NUMBER },
	{ "Fla", 3, ABBR_AMBIG },
	{ "Fr", 2, ABBR_TITLE },
	{ "Ft", 2, ABBR_AMBIG },
	{ "Ga", 2, ABBR_AMBIG },
	{ "Gen", 3, ABBR_TITLE },
	{ "Gens", 4, ABBR_TITLE },
	{ "Gov", 3, ABBR_TITLE },
	{ "Govs", 4, ABBR_TITLE },
	{ "Govt", 4, ABBR_AMBIG },
	{ "Hon", 3, ABBR_TITLE },
	{ "Ill", 3, ABBR_AMBIG },
	{ "Inc", 3, ABBR_AMBIG },
	{ "Ind", 3, ABBR_AMBIG },
	{ "Insp", 4, ABBR_TITLE },
	{ "Intl", 4, ABBR_AMBIG },
	{ "Jan", 3, ABBR_MONTH },
	{ "Jr", 2, ABBR_AMBIG },
	{ "Jul", 3, ABBR_MONTH },
	{ "Jun", 3, ABBR_MONTH },
	{ "Kan", 3, ABBR_AMBIG },
	{ "Ky", 2, ABBR_AMBIG },
	{ "La", 2, ABBR_AMBIG },
	{ "Lt", 2, ABBR_TITLE },
	{ "Lt.Col", 6, ABBR_TITLE },
	{ "Lt.Gen", 6, ABBR_TITLE },
	{ "Ltd", 3, ABBR_AMBIG },
	{ "Maj", 3, ABBR_TITLE },
	{ "Maj.Gen", 7, ABBR_TITLE },
	{ "Mar", 3, ABBR_MONTH },
	{ "Mass", 4, ABBR_AMBIG },
	{ "Md", 2, ABBR_AMBIG },
	{ "Messrs", 6, ABBR_TITLE },
	{ "Mich", 4, ABBR_AMBIG },
	{ "Minn", 4, ABBR_AMBIG },
	{ "Miss", 4, ABBR_AMBIG },
	{ "Mme", 3, ABBR_TITLE },
	{ "Mo", 2, ABBR_AMBIG },
	{ "Mont", 4, ABBR_AMBIG },
	{ "Mr", 2, ABBR_TITLE },
	{ "Mrs", 3, ABBR_TITLE },
	{ "Ms", 2, ABBR_TITLE },
	{ "Msgr", 4, ABBR_TITLE },
	{ "Mt", 2, ABBR_AMBIG },
	{ "N.C", 3, ABBR_AMBIG },
	{ "N.D", 3, ABBR_AMBIG },
	{ "N.H", 3, ABBR_AMBIG },
	{ "N.J", 3, ABBR_AMBIG },
	{ "N.M", 3, ABBR_AMBIG },
	{ "N.Y", 3, ABBR_AMBIG },
	{ "Neb", 3, ABBR_AMBIG },
	{ "Nev", 3, ABBR_AMBIG },
	{ "No", 2, ABBR_NUMBER },
	{ "Nos", 3, ABBR_NUMBER },
	{ "Nov", 3, ABBR_MONTH },
	{ "Nr", 2, ABBR_NUMBER },
	{ "Oct", 3, ABBR_MONTH },
	{ "Okla", 4, ABBR_AMBIG },
	{ "Op", 2, ABBR_NUMBER },
	{ "Ore", 3, ABBR_AMBIG },
	{ "P.M", 3, ABBR_AMBIG },
	{ "Pa", 2, ABBR_AMBIG },
	{ "Para", 4, ABBR_NUMBER },
	{ "Penn", 4, ABBR_AMBIG },
	{ "Ph.D", 4, ABBR_AMBIG },
	{ "Pres", 4, ABBR_TITLE },
	{ "Prof", 4, ABBR_TITLE },
	{ "Pvt", 3, ABBR_TITLE },
	{ "R.I", 3, ABBR_AMBIG },
	{ "Rd", 2, ABBR_AMBIG },
	{ "Rep", 3, ABBR_TITLE },
	{ "Reps", 4, ABBR_TITLE },
	{ "Rev", 3, ABBR_TITLE },
	{ "S.C", 3, ABBR_AMBIG },
	{ "S.D", 3, ABBR_AMBIG },
	{ "Sec", 3, ABBR_AMBIG },
	{ "Secy", 4, ABBR_TITLE },
	{ "Sen", 3, ABBR_TITLE },
	{ "Sens", 4, ABBR_TITLE },
	{ "Sep", 3, ABBR_MONTH },
	{ "Sept", 4, ABBR_MONTH },
	{ "Sgt", 3, ABBR_TITLE },
	{ "Spc", 3, ABBR_TITLE },
	{ "Sr", 2, ABBR_AMBIG },
	{ "St", 2, ABBR_AMBIG },
	{ "Supt", 4, ABBR_TITLE },
	{ "Tenn", 4, ABBR_AMBIG },
	{ "Tex", 3, ABBR_AMBIG },
	{ "U.A.E", 5, ABBR_AMBIG },
	{ "U.K", 3, ABBR_AMBIG },
	{ "U.N", 3, ABBR_AMBIG },
	{ "U.S", 3, ABBR_AMBIG },
	{ "U.S.A", 5, ABBR_AMBIG },
	{ "U.S.S.R", 7, ABBR_AMBIG },
	{ "Univ", 4, ABBR_AMBIG },
	{ "Va", 2, ABBR_AMBIG },
	{ "Vol", 3, ABBR_NUMBER },
	{ "Vols", 4, ABBR_NUMBER },
	{ "Vs", 2, ABBR_INNER },
	{ "Vt", 2, ABBR_AMBIG },
	{ "Wash", 4, ABBR_AMBIG },
	{ "Wis", 3, ABBR_AMBIG },
	{ "Wyo", 3, ABBR_AMBIG },
	{ "a.m", 3, ABBR_AMBIG },
	{ "al", 2, ABBR_AMBIG },
	{ "approx", 6, ABBR_INNER },
	{ "art", 3, ABBR_NUMBER },
	{ "bln", 3, ABBR_AMBIG },
	{ "cf", 2, ABBR_INNER },
	{ "ch", 2, ABBR_NUMBER },
	{ "e.g", 3, ABBR_INNER },
	{ "esp", 3, ABBR_INNER },
	{ "etc", 3, ABBR_AMBIG },
	{ "fig", 3, ABBR_NUMBER },
	{ "ft", 2, ABBR_AMBIG },
	{ "hrs", 3, ABBR_AMBIG },
	{ "i.e", 3, ABBR_INNER },
	{ "incl", 4, ABBR_INNER },
	{ "min", 3, ABBR_AMBIG },
	{ "mln", 3, ABBR_AMBIG },
	{ "op", 2, ABBR_NUMBER },
	{ "p", 1, ABBR_NUMBER },
	{ "p.m", 3, ABBR_AMBIG },
	{ "para", 4, ABBR_NUMBER },
	{ "pp", 2, ABBR_NUMBER },
	{ "sq", 2, ABBR_AMBIG },
	{ "v", 1, ABBR_INNER },
	{ "viz", 3, ABBR_INNER },
	{ "vol", 3, ABBR_NUMBER },
	{ "vs", 2, ABBR_INNER },
	{ "yr", 2, ABBR_AMBIG },
	{ "yrs", 3, ABBR_AMBIG },
};

#define ABBREV_COUNT (sizeof abbrev_table / sizeof abbrev_table[0])
/* Longest word worth looking up; the longest entry is far shorter. */
#define ABBREV_WORD_MAX 16

static int abbrev_lookup(const char *w, size_t n)
{
	size_t lo = 0, hi = ABBREV_COUNT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const abbrev_entry *e = &abbrev_table[mid];
		size_t m = n < e->len ? n : e->len;
		int c = memcmp(e->word, w, m);
		if (c == 0)
			c = (e->len > n) - (e->len < n);
		if (c == 0)
			return e->kind;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ABBR_NONE;
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }

/* "U.S", "a.m", "Ph.D", "U.A.E": letter groups of one or two letters joined by
 * single dots, at least two groups. A web address ("example.com") is not. */
static int abbrev_is_dotted(const char *w, size_t n)
{
	size_t groups = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (is_alpha(c)) {
			if (++run > 2)
				return 0;
		} else if (c == '.') {
			if (run == 0)
				return 0;
			groups++;
			run = 0;
		} else {
			return 0;
		}
	}
	return run > 0 && groups >= 1;
}

int abbrev_kind(const char *word, size_t n)
{
	if (n == 0 || n > ABBREV_WORD_MAX)
		return ABBR_NONE;
	int k = abbrev_lookup(word, n);
	if (k != ABBR_NONE)
		return k;
	if (n == 1 && is_upper((unsigned char)word[0]))
		return ABBR_AMBIG; /* an initial */
	if (abbrev_is_dotted(word, n))
		return ABBR_AMBIG;
	/* ALL-CAPS text ("GEN. SMITH ARRIVED"): try the title-case and the
	 * lower-case form. */
	int caps = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_lower((unsigned char)word[i]))
			return ABBR_NONE;
		caps += is_upper((unsigned char)word[i]);
	}
	if (caps < 2)
		return ABBR_NONE;
	char tmp[ABBREV_WORD_MAX];
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)word[i];
		tmp[i] = (char)(i > 0 && is_upper(c) ? c + ('a' - 'A') : c);
	}
	k = abbrev_lookup(tmp, n);
	if (k != ABBR_NONE)
		return k;
	if (is_upper((unsigned char)tmp[0]))
		tmp[0] = (char)(tmp[0] + ('a' - 'A'));
	return abbrev_lookup(tmp, n);
}

int abbrev_is_known(const char *word, size_t n)
{
	return abbrev_kind(word, n) != ABBR_NONE;
}

/* For the unit test of the table's order. */
int abbrev_table_sorted(void);
int abbrev_table_sorted(void)
{
	for (size_t i = 1; i < ABBREV_COUNT; i++)
		if (strcmp(abbrev_table[i - 1].word, abbrev_table[i].word) >= 0)
			return 0;
	return 1;
}
