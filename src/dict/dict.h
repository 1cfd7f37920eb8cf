/* SPDX-License-Identifier: MIT */
/* Dictionary model: dyad's one in-memory form of every coding dictionary
 * (actors, agents, verbs with their patterns, nouns, adjectives, time
 * phrases, synonym sets, discards) plus the options and project settings that
 * come with them. Readers of each file format (src/dict/tabari.c for TABARI's
 * .actors/.agents/.verbs/.options/.project files) fill it; the engine knows
 * only this model, never a file format.
 *
 * Life cycle: dict_new(), any number of dict_load_*() calls, then the model is
 * read-only and may be shared by any number of threads. Every load call leaves
 * the lookup index up to date, so there is no separate "compile" step.
 * dict_free() releases everything at once.
 *
 * Storage: all records live in flat arrays owned by the dy_dict and are named
 * by uint32_t indexes (never by pointers, so growth while loading is safe);
 * all strings live in one arena owned by the dy_dict and are interned, so two
 * equal words share one pointer. Nothing is freed before dict_free().
 *
 * Words: every word in the model is upper case (ASCII and, for valid UTF-8,
 * Unicode upper case), without TABARI's connector marks ('_', '~', '='),
 * with hyphens read as connectors (TABARI manual 5.2: "Hyphens are replaced
 * with underscores"). A word is matched against a token's `norm` text
 * (text/token.h) by dict_word_match(), which applies TABARI's rules:
 *   WORD    a stem: matches any token that begins with it (manual 5.2.2);
 *   WORD_   exact: matches only the token WORD, or, when DY_EL_ENDINGS is set
 *           (final word of an actor/agent/noun/adjective phrase, every word of
 *           a verb form), WORD plus a regular ending S 'S ED ES EN ING
 *           (manual 5.2.3);
 *   WORD=   exact with no regular endings;
 *   WORD~   a stem whose next element must follow immediately (manual 5.5.3).
 * The connector '_' between two elements (WORD_WORD, *_BY, IN_$) means the
 * second must follow the first immediately (DY_EL_ADJ on the first).
 *
 * Dates: TABARI writes dates as YYMMDD. dyad stores every date as a YYYYMMDD
 * int. Century pivot (TABARI manual 6.5.2, note 1): YY 00..30 is 2000..2030,
 * YY 31..99 is 1931..1999. The production CountryInfo file fits this rule
 * (its 2-digit years run 00..11 for 2000..2011 and 33..99 for 1933..1999).
 * Eight-digit dates (TABARI's SET: YYYY = TRUE) are read as YYYYMMDD.
 * Two repairs for generated production files: day 31 of a shorter month
 * (040231) means that month's last day; and in a range YYMMDD-YYMMDD whose
 * start the pivot puts after its end, the start is read in the 1900s
 * (CountryInfo's 270101-730717 is 1927-1973, not 2027-1973).
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

#define DY_NONE UINT32_MAX          /* "no index" in any uint32_t index field */
#define DY_DATE_MIN 0               /* open start of a date range */
#define DY_DATE_MAX 99991231        /* open end of a date range */

/* Limits on what input controls (STYLE.md: put a limit on everything). A line
 * or phrase over a limit is reported (file:line) and skipped. */
enum {
	DICT_MAX_LINE    = 8192, /* bytes in one dictionary line (TABARI: 255) */
	DICT_MAX_ELEMS   = 64,   /* elements in one phrase or pattern */
	DICT_MAX_ALTS    = 64,   /* alternatives in one { A | B | ... } group */
	DICT_MAX_CODES   = 64,   /* code blocks on one entry */
	DICT_MAX_WORD    = 255,  /* bytes in one word */
	DICT_MAX_FILES   = 65535 /* files loaded into one dictionary */
};

/* ---- What a file holds ---------------------------------------------------- */

typedef enum dy_dict_kind {
	DICT_KIND_AUTO = 0,  /* guess from the file name, else from the content */
	DICT_KIND_ACTORS,    /* .actors: proper nouns -> actor codes; also <NOUN>, <ADJECTIVE> */
	DICT_KIND_AGENTS,    /* .agents: common nouns -> agent codes with '~' */
	DICT_KIND_VERBS,     /* .verbs: verbs, forms, patterns; <SYNSETS>, <TIME>, <NOUN>, <ADJECTIVE> */
	DICT_KIND_OPTIONS,   /* .options: COMPLEX:, SET:, LABEL:, OUTPUT:, ... */
	DICT_KIND_DISCARDS,  /* one phrase a line, each as if coded [###] */
	DICT_KIND_PROJECT    /* .project: names the other files */
} dy_dict_kind;

/* ---- Codes ------------------------------------------------------------------ */

/* Flags of one code block "[...]" (TABARI manual ch. 6). */
enum dy_code_flag {
	DY_CODE_NULL       = 1 << 0,  /* [---]: the phrase is recognised but codes nothing
	                               * (a null-coded actor is not an actor; a null-coded
	                               * pattern stops the verb from coding) */
	DY_CODE_DISCARD    = 1 << 1,  /* [###]: discard the whole sentence/story */
	DY_CODE_COMPLEX    = 1 << 2,  /* [+++]: sentence is "complex" (manual 6.4) */
	DY_CODE_SUBORD     = 1 << 3,  /* [023?]: used only when no other event is found (6.6.1) */
	DY_CODE_DOMINANT   = 1 << 4,  /* [111!]: when present, only dominant events are coded (6.6.2) */
	DY_CODE_PAIRED     = 1 << 5,  /* [032:033]: code2 is set; a second event with source and
	                               * target swapped gets code2 (6.6.3) */
	DY_CODE_COMPOUND   = 1 << 6,  /* [GME/GMW]: a coded compound actor; `code` keeps the '/'
	                               * list, dict_code_part() splits it (6.5.1) */
	DY_CODE_AGENT_SUF  = 1 << 7,  /* [~GOV]: agent code goes after the actor code: ISR+GOV */
	DY_CODE_AGENT_PRE  = 1 << 8,  /* [NGM~]: agent code goes before the actor code: NGM+ISR */
	DY_CODE_DATED      = 1 << 9,  /* from/to restrict the code (6.5.2); else it is the default */
	DY_CODE_SHIFT      = 1 << 10  /* <TIME> entry: `shift` days move the event date (10.5) */
};

typedef struct dy_code {
	const char *code;   /* interned upper-case code without marks: "USAGOV", "036",
	                     * "GOV" for [~GOV], "GME/GMW"; "" for ---, ###, +++ and shifts */
	const char *code2;  /* DY_CODE_PAIRED: the second code ("033"); else NULL */
	int32_t     from;   /* first day the code applies, YYYYMMDD (DY_DATE_MIN: open) */
	int32_t     to;     /* last day the code applies, inclusive (DY_DATE_MAX: open) */
	int32_t     shift;  /* DY_CODE_SHIFT: days to add to the story date (-7, +30) */
	uint16_t    flags;  /* dy_code_flag bits */
	uint16_t    pad_;
} dy_code;

/* ---- Phrases ---------------------------------------------------------------- */

typedef enum dy_elem_kind {
	DY_EL_WORD = 0,  /* a word or stem; see the matching rules above */
	DY_EL_SOURCE,    /* $ : the source actor goes here (manual 5.7.3) */
	DY_EL_TARGET,    /* + : the target actor goes here */
	DY_EL_COMPOUND,  /* % : a compound actor, each part both source and target */
	DY_EL_SKIP,      /* ^ : skip over one actor (or one compound actor) */
	DY_EL_VERB,      /* * : where the verb itself stands in a pattern */
	DY_EL_SYNSET,    /* &NAME : any phrase of synset `ref` (manual 5.6) */
	DY_EL_ALT,       /* { A | B | ... } : any of d->alts[ref .. ref+n) (manual 5.7) */
	DY_EL_ATTRIB     /* @ : the attribution actor goes here (manual 10.4) */
} dy_elem_kind;

enum dy_elem_flag {
	DY_EL_EXACT   = 1 << 0, /* WORD_ or WORD=: whole word only (no stemming) */
	DY_EL_ENDINGS = 1 << 1, /* exact word may take a regular ending S 'S ED ES EN ING */
	DY_EL_ADJ     = 1 << 2  /* the NEXT element must follow immediately ('_' or '~'
	                         * between them); on the last element of an ALT
	                         * alternative or of a group "}_" likewise */
};

typedef struct dy_elem {
	const char *text;   /* WORD: interned upper-case word; SYNSET: name with '&';
	                     * other kinds: NULL */
	uint16_t    len;    /* bytes of text */
	uint8_t     kind;   /* dy_elem_kind */
	uint8_t     flags;  /* dy_elem_flag bits */
	uint32_t    ref;    /* SYNSET: index in d->synsets; ALT: first index in d->alts */
	uint32_t    n;      /* ALT: number of alternatives */
} dy_elem;

/* A phrase is a run of elements in d->elems. */
typedef struct dy_phrase {
	uint32_t first;     /* index of the first element in d->elems */
	uint16_t n;         /* number of elements */
	uint16_t chars;     /* TABARI's length for ordering: letters and digits of the
	                     * words, plus the longest alternative of each { } group
	                     * (manual 5.7.1); longer is tried first */
} dy_phrase;

/* ---- Entries ---------------------------------------------------------------- */

typedef enum dy_entry_kind {
	DY_ENT_ACTOR = 0,  /* .actors phrase; codes are actor codes (maybe dated) */
	DY_ENT_AGENT,      /* .agents phrase; codes carry DY_CODE_AGENT_SUF or _PRE */
	DY_ENT_VERB,       /* one form of a verb (root or {irregular} form); `verb` set */
	DY_ENT_NOUN,       /* <NOUN> section: no codes; helps parse compounds (5.3.2) */
	DY_ENT_ADJ,        /* <ADJECTIVE> section: no codes */
	DY_ENT_TIME,       /* <TIME> section phrase; codes have DY_CODE_SHIFT or are
	                    * ---/###/+++; `verb` set (time phrases have patterns too) */
	DY_ENT_DISCARD,    /* discards list phrase; one [###] code */
	DY_ENT_ATTRIB,     /* <ATTRIB> section root (manual 10.4): an attribution verb
	                    * such as SAID; `verb` set; codes usually none, or
	                    * ###/+++; its patterns may have no code either */
	DY_ENT_KINDS       /* number of kinds */
} dy_entry_kind;

enum dy_entry_flag {
	DY_ENT_SYNONYM  = 1 << 0, /* a "+NAME" synonym line of an actor (5.3.1); `parent` is
	                           * the first name of the group (OUTPUT: ACTORS PARENT) */
	DY_ENT_FORM     = 1 << 1, /* an irregular verb/agent form from a {...} line */
	DY_ENT_DUP      = 1 << 2  /* same phrase and kind as an earlier entry (warned) */
};

typedef struct dy_entry {
	dy_phrase ph;        /* the words (WORD elements only) */
	uint32_t  code;      /* first code in d->codes */
	uint16_t  n_codes;   /* number of codes (0 for nouns, adjectives) */
	uint8_t   kind;      /* dy_entry_kind */
	uint8_t   flags;     /* dy_entry_flag bits */
	uint32_t  verb;      /* VERB/TIME: index in d->verbs; else DY_NONE */
	uint32_t  parent;    /* synonyms: index of the group's first entry; else own index */
	uint32_t  line;      /* provenance: line in the file (1-based) */
	uint16_t  file;      /* provenance: index in d->files */
	uint16_t  pad_;
} dy_entry;

/* A verb (or <TIME> or <ATTRIB> root) with its forms and patterns (manual 5.5). The
 * root's own codes are those of d->entries[entry]; a verb whose root is
 * [---] codes only through its patterns. */
typedef struct dy_verb {
	uint32_t entry;      /* the root entry (as written on the verb's line) */
	uint32_t form;       /* first index in d->forms (entry indexes of every form,
	                      * root first, then the {irregular} forms) */
	uint32_t n_forms;
	uint32_t pattern;    /* first index in d->patterns; sorted longest first */
	uint32_t n_patterns;
} dy_verb;

/* One "- ... [code]" pattern line under a verb. */
typedef struct dy_pattern {
	dy_phrase ph;        /* elements; exactly one DY_EL_VERB ('*') outside { } */
	uint32_t  code;      /* first code in d->codes */
	uint16_t  n_codes;
	uint16_t  verb_at;   /* index within ph of the '*' element */
	uint32_t  verb;      /* index in d->verbs */
	uint32_t  line;      /* provenance */
	uint16_t  file;
	uint16_t  pad_;
} dy_pattern;

/* A synonym set "&NAME" with its member phrases (manual 5.6). */
typedef struct dy_synset {
	const char *name;    /* interned, with the leading '&' */
	uint32_t    alt;     /* first member phrase in d->alts */
	uint32_t    n;       /* number of members */
	uint32_t    line;
	uint16_t    file;
	uint16_t    pad_;
} dy_synset;

/* ---- Options (.options file, manual ch. 8) ---------------------------------- */

enum dy_complex_flag {
	DY_CX_NOACTPRIOR = 1 << 0, DY_CX_NOACTAFTER = 1 << 1, DY_CX_NOVERB   = 1 << 2,
	DY_CX_NOSOURCE   = 1 << 3, DY_CX_NOTARGET   = 1 << 4, DY_CX_NOEVENT  = 1 << 5,
	DY_CX_EXPLAIN    = 1 << 6, DY_CX_NOSAVE     = 1 << 7
};

typedef struct dy_kv {
	const char *key;     /* interned, upper case, blanks squeezed: "ACTOR USAGE" */
	const char *val;     /* interned, as written (trimmed); "" when no '=' */
	uint32_t    line;
	uint16_t    file;
	uint16_t    pad_;
} dy_kv;

typedef struct dy_options {
	int present;         /* an options file was loaded */
	/* COMPLEX: thresholds, 0 = inactive */
	int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
	unsigned cx_flags;   /* dy_complex_flag bits */
	/* SET: every pair as written, in file order, plus typed copies of the
	 * switches the engine uses. Logical: 1 true, 0 false, -1 unset/OFF. */
	dy_kv   *sets;  uint32_t n_sets;
	int code_by;         /* 0 clause (default), 1 sentence, 2 all */
	int label;           /* SET: LABEL (default 1) */
	int min_words;       /* SET: MINIMUM WORDS, 0 unset */
	int actor_usage, agent_usage, verb_usage;  /* 3-way, -1 OFF */
	int dup_warning;     /* default 1 */
	int convert_agents;  /* default 0 */
	int fbis, yyyy, skip_records, haiku, time_shifting; /* time_shifting -1: per .verbs */
	/* LABEL: code = text */
	dy_kv   *labels; uint32_t n_labels;
	/* OUTPUT: keywords, upper case, in order (ACTORS, PARENT, ID, ...) */
	const char **output; uint32_t n_output;
	const char *forward; /* FORWARD: argument as written, or NULL */
	/* DEFAULT: SOURCE [code] PRIOR TARGET [code] AFTER; NULL when unset */
	const char *default_source, *default_target;
	int default_prior, default_after;
	/* COMMA: MIN= MAX= EMIN= EMAX=, 0 unset; comma_off when "COMMA: OFF" */
	int comma_min, comma_max, comma_emin, comma_emax, comma_off;
	int nonevents;       /* NONEVENTS: 0 FALSE (default), 1 TRUE, 2 ONLY */
} dy_options;

/* ---- Project (.project file, manual 4.1) ------------------------------------ */

typedef struct dy_project {
	const char  *path;        /* the project file as given */
	const char **actors;  uint32_t n_actors;   /* paths resolved against the project dir */
	const char **agents;  uint32_t n_agents;
	const char **verbs;   uint32_t n_verbs;
	const char **texts;   uint32_t n_texts;    /* <textfile>: the texts to code */
	const char **issues;  uint32_t n_issues;
	const char  *options;                        /* <optionsfile> or NULL */
	const char  *coder;                          /* <coder> or NULL */
} dy_project;

/* ---- The dictionary --------------------------------------------------------- */

typedef struct dy_dict_index dy_dict_index;   /* private: src/dict/index.c */
typedef struct dy_dict_store dy_dict_store;   /* private: arena and interning */

typedef struct dy_dict {
	/* Provenance: file names in load order; entries name them by index. */
	const char **files;     uint32_t n_files;

	dy_entry    *entries;   uint32_t n_entries;
	dy_verb     *verbs;     uint32_t n_verbs;
	uint32_t    *forms;     uint32_t n_forms;     /* entry indexes, see dy_verb */
	dy_pattern  *patterns;  uint32_t n_patterns;
	dy_elem     *elems;     uint32_t n_elems;
	dy_phrase   *alts;      uint32_t n_alts;      /* { } alternatives and synset members */
	dy_synset   *synsets;   uint32_t n_synsets;
	dy_code     *codes;     uint32_t n_codes;

	dy_options   opt;
	dy_project   proj;

	/* Counts by entry kind, for `dyad dict stats` and tests. */
	uint32_t     n_kind[DY_ENT_KINDS];

	/* Private. */
	dy_dict_store *store;
	dy_dict_index *index;
	uint32_t       cap_[8];
} dy_dict;

/* Creates an empty dictionary. Never NULL (allocation failure aborts). */
dy_dict *dict_new(void);
/* Frees everything the dictionary owns. NULL-safe. */
void dict_free(dy_dict *d);

/* Reads one file of the given kind (DICT_KIND_AUTO: dict_kind_guess()) into d.
 * Errors and warnings go to dg with file and line; a bad line is skipped and
 * loading goes on. Returns 0 when the file was read (even with bad lines),
 * -1 when it could not be opened (reported to dg). A DICT_KIND_PROJECT file
 * is handed to dict_load_project(). */
int dict_load_file(dy_dict *d, const char *path, dy_dict_kind kind, dy_diag *dg);

/* Loads every dictionary file under folder `dir`, subfolders included, in name
 * order: .actors, .agents, .verbs, .options and .discards files (other files
 * are passed over). Adds the number of files read to *nfiles when not NULL.
 * Returns 0, or -1 when a file or folder could not be read (reported). */
int dict_load_dir(dy_dict *d, const char *dir, dy_diag *dg, int *nfiles);

/* Loads dyad's own dictionaries, built into the binary from data/dict/ (see
 * builtin.h). Returns 0, or -1 when one of them had errors (reported). */
int dict_load_builtin(dy_dict *d, dy_diag *dg);

/* Same, from memory: `name` is used in messages and provenance only. */
int dict_load_mem(dy_dict *d, const char *name, const char *data, size_t n,
                  dy_dict_kind kind, dy_diag *dg);

/* Reads a TABARI .project file into d->proj and loads every actors, agents,
 * verbs and options file it names (paths relative to the project file's
 * folder). Returns 0 on success, -1 when the project file or a dictionary it
 * names could not be opened (the others are still loaded). */
int dict_load_project(dy_dict *d, const char *path, dy_diag *dg);

/* The kind a file seems to be: from its name (.verbs .actors .agents .options
 * .project, a name containing "discard"), else from its first lines
 * (`data` may be NULL to use the name only). */
dy_dict_kind dict_kind_guess(const char *path, const char *data, size_t n);
const char *dict_kind_name(dy_dict_kind k);   /* "verbs", "actors", ... */

/* ---- Lookup (hot path: called for every token) ------------------------------ */

/* A first word of one or more entries: every entry whose phrase starts with a
 * WORD element of this text, grouped by entry kind, each group sorted longest
 * phrase first (by element count, then chars). */
typedef struct dy_head {
	const char     *text;                 /* interned upper-case word */
	uint32_t        len;
	uint32_t        at[DY_ENT_KINDS];     /* first index in dict_head_entries() */
	uint32_t        n[DY_ENT_KINDS];      /* entries of each kind */
} dy_head;

/* Finds every head that can match the token `norm` (upper case, n bytes): heads
 * whose text equals the token, and heads whose text is a proper prefix of it
 * (stems; the caller still checks each entry's first element with
 * dict_word_match(), since an exact head word only matches with a regular
 * ending). Writes at most `cap` heads to out, longest head text first, and
 * returns how many. No allocation; thread-safe; a few hash probes per call. */
size_t dict_lookup_word(const dy_dict *d, const char *norm, size_t n,
                        const dy_head **out /* OUT */, size_t cap);

/* Entry indexes (into d->entries) referred to by dy_head.at / .n. */
const uint32_t *dict_head_entries(const dy_dict *d);

/* Heads are numbered 0 .. dict_head_count()-1, so that a user of the lookup can
 * keep its own data per head in an array (valid until the next load). */
uint32_t dict_head_count(const dy_dict *d);
uint32_t dict_head_index(const dy_dict *d, const dy_head *h);
const dy_head *dict_head_at(const dy_dict *d, uint32_t i);   /* i < dict_head_count() */

/* Whether token `tok` (upper case, n bytes) matches the WORD element e under
 * TABARI's rules (see the top of this file). */
int dict_word_match(const dy_elem *e, const char *tok, size_t n);

/* Looks a synset up by name (with or without '&'); DY_NONE if absent. */
uint32_t dict_synset_find(const dy_dict *d, const char *name, size_t n);

/* The code of entry e that applies on `date` (YYYYMMDD; 0 = date unknown, which
 * takes the default code): the first date-restricted code whose range holds,
 * else the unrestricted (default) code, else NULL, which means null-coded
 * (manual 6.5.2, notes 4 and 5). */
const dy_code *dict_code_at(const dy_dict *d, const dy_entry *e, int32_t date);

/* Part i (0-based) of a coded compound "GME/GMW/..." into out (cap bytes,
 * NUL-terminated); returns its length, or 0 when there is no part i. */
size_t dict_code_part(const dy_code *c, unsigned i, char *out, size_t cap);

/* "file:line" provenance of an entry or pattern as a static-free string in
 * buf (cap bytes); returns buf. */
const char *dict_where(const dy_dict *d, uint16_t file, uint32_t line, char *buf, size_t cap);

/* Writes phrase ph in TABARI syntax ("AL_GORE_", "- + { WAS | WERE } * BY_ $"
 * without the leading "- ") into out (cap bytes, NUL-terminated, cut when
 * longer); returns its length. For messages and `dyad explain`. */
size_t dict_phrase_text(const dy_dict *d, dy_phrase ph, char *out, size_t cap);

/* Converts a TABARI date (YYMMDD or YYYYMMDD digits) to YYYYMMDD; -1 when it is
 * not a valid date. Uses the century pivot described at the top. */
int32_t dict_date_parse(const char *s, size_t n);

/* ---- Checking (`dyad dict check`) ------------------------------------------- */

/* Hook for the CAMEO codebook (src/enrich/ will install one): returns nonzero
 * when `code` (2-4 digits) is a known CAMEO event code. When NULL, the check
 * only tests that the code looks like a CAMEO event code: 2 to 4 digits whose
 * first two make a root 01..20. */
typedef int (*dy_event_code_known_fn)(const char *code);
extern dy_event_code_known_fn dict_event_code_known;

/* Lints a loaded dictionary: event codes, one phrase with conflicting codes,
 * overlapping date ranges on one entry. Findings go to dg as warnings
 * ("FILE:LINE: message"); returns the number of findings. */
unsigned dict_check(const dy_dict *d, dy_diag *dg);

#endif
