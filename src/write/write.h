/* SPDX-License-Identifier: MIT */
/* Output writers: the last pipeline stage. One enriched event (dy_record) becomes
 * one line of JSONL, TSV or CSV. The field list is chosen once (the format's
 * default, or `--fields a,b,c`) and is the same for every line.
 *
 * Exports writer_init(), writer_header(), writer_record() and the field
 * registry (write_field_find(), write_field_list()). docs/output.md lists every
 * field, its JSON form and its column form, and the default order of each
 * format.
 *
 * Threads: a dy_writer is read-only after writer_init(), so any number of
 * threads may format records at once, each into its own buffer. No function
 * here allocates except through the dy_buf it is given. */
#ifndef DY_WRITE_H
#define DY_WRITE_H

#include <stddef.h>

#include "util/buf.h"

/* One event ready to write. Strings are borrowed (they live as long as the
 * document's arena, or the dedup table's); NULL means absent: JSON null, an
 * empty column. */
typedef struct dy_record {
	const char *doc_id;          /* never NULL */
	long        sentence;        /* index of the sentence in its document, from 0 */
	long        event;           /* index of the event in its sentence, from 0 */
	char        date[11];        /* event date "YYYY-MM-DD", "" when unknown */
	int         date_from_text;  /* 1: a date phrase of the sentence; 0: the document */
	const char *date_phrase;     /* the phrase (date_from_text), else NULL */
	size_t      date_phrase_len;
	const char *source;          /* actor codes, never NULL */
	const char *target;
	const char *code;            /* CAMEO code, never NULL */
	const char *root;            /* "04"; NULL when the code is no CAMEO code */
	const char *event_name;      /* codebook name; NULL when unknown */
	int         quad;            /* 1-4; 0 when unknown */
	int         has_goldstein;
	double      goldstein;
	const char *plover_event;    /* NULL when the code has no PLOVER row */
	const char *plover_mode;     /* "" when the mapping gives none */
	const char *plover_context;
	int         has_location;
	const char *loc_name;        /* the rest of loc_* is valid when has_location */
	const char *loc_country;     /* ISO 3166-1 alpha-2 */
	const char *loc_admin1;      /* may be NULL */
	double      loc_lat, loc_lon;
	long        loc_geonames_id; /* 0 when unknown */
	const char *url;             /* the document's, NULL when unknown */
	const char *news_source;     /* the document's source, NULL when unknown */
	const char *text;            /* the sentence */
	size_t      text_len;
	/* Set by duplicate removal (dedup.h); reports == 0 when it is off. */
	long               reports;  /* events merged into this one, itself included */
	long               n_docs;   /* distinct documents among them */
	const char *const *doc_ids;  /* the first WRITE_MAX_DOC_IDS of those documents */
	size_t             n_doc_ids;
} dy_record;

enum { WRITE_MAX_DOC_IDS = 100 };

typedef enum dy_out_format {
	OUT_JSONL = 0, /* one JSON object a line; the contract */
	OUT_TSV,       /* tab-separated, Phoenix column order by default */
	OUT_CSV        /* RFC 4180, header row */
} dy_out_format;

/* Field ids. Each has a snake_case name (JSON key, --fields name) and, for
 * the Phoenix columns, an alias spelled as Phoenix spells it ("EventID"). */
typedef enum dy_field {
	F_DOC_ID = 0, F_SENTENCE, F_EVENT_ID, F_SENTENCE_ID, F_DATE, F_DATE8, F_YEAR,
	F_MONTH, F_DAY, F_DATE_SOURCE, F_DATE_PHRASE, F_SOURCE, F_SOURCE_ENTITY,
	F_SOURCE_ROLE, F_SOURCE_ATTRIBUTE, F_TARGET, F_TARGET_ENTITY, F_TARGET_ROLE,
	F_TARGET_ATTRIBUTE, F_CODE, F_ROOT, F_EVENT_NAME, F_QUAD, F_GOLDSTEIN,
	F_ISSUES, F_PLOVER, F_PLOVER_EVENT, F_PLOVER_MODE, F_PLOVER_CONTEXT,
	F_LOCATION, F_LOCATION_NAME, F_COUNTRY, F_ADMIN1, F_LAT, F_LON,
	F_GEONAMES_ID, F_URL, F_NEWS_SOURCE, F_REPORTS, F_N_DOCS, F_DOC_IDS, F_TEXT,
	F_COUNT
} dy_field;

enum { WRITE_MAX_FIELDS = 64 };

typedef struct dy_writer {
	dy_out_format format;
	int           n;                        /* fields in use */
	dy_field      fields[WRITE_MAX_FIELDS];
	const char   *labels[WRITE_MAX_FIELDS]; /* JSON keys / header cells (static) */
	char          keys[WRITE_MAX_FIELDS][32]; /* JSONL: ',"label":' made once */
	unsigned char key_len[WRITE_MAX_FIELDS];
	int           header;                   /* TSV/CSV: write a header line */
} dy_writer;

/* Sets up a writer for `format`. `fields` is NULL for the format's default
 * list (with reports, n_docs and doc_ids added when `dedup` is set), or a
 * comma-separated list of field names. Returns 0, or -1 with a message that
 * names the bad field and lists the valid ones appended to `err`. */
int writer_init(dy_writer *w, dy_out_format format, const char *fields, int dedup,
                dy_buf *err);

/* Appends the header line (TSV/CSV with w->header set), or nothing. */
void writer_header(const dy_writer *w, dy_buf *b);

/* Appends one record as one line ending in '\n'. */
void writer_record(const dy_writer *w, const dy_record *r, dy_buf *b);

/* "jsonl" (also "json"), "tsv", "csv" -> format; -1 when unknown. */
int write_format_from_name(const char *name);

/* The field of name[0..n) (its snake_case name or Phoenix alias, any case);
 * -1 when there is none. */
int write_field_find(const char *name, size_t n);

/* snake_case name and Phoenix alias (NULL when none) of a field. */
const char *write_field_name(dy_field f);
const char *write_field_alias(dy_field f);

/* Appends every valid field name, comma-separated, to b (for messages and
 * --help). */
void write_field_list(dy_buf *b);

/* Phoenix's split of an actor code into entity (first three letters: country
 * or IGO/NGO/...), role (the first GOV, MIL, REB, ... code after it) and
 * attributes (every other three-letter code, concatenated). Exposed for tests.
 * Each out[] holds up to `cap` bytes with the NUL. */
void write_actor_split(const char *code, char *entity, char *role, char *attr, size_t cap);

#endif
