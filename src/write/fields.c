/* SPDX-License-Identifier: MIT */
/* The field registry of the writers: names, Phoenix aliases, default lists per
 * format, `--fields` parsing, and each field's text. Exports writer_init(),
 * writer_header(), writer_record(), write_format_from_name(),
 * write_field_find(), write_field_name(), write_field_alias(),
 * write_field_list(), write_actor_split() and (to the writers)
 * write_field_text(). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "write_int.h"

typedef struct field_def {
	const char *name;  /* snake_case: JSON key and --fields name */
	const char *alias; /* Phoenix column name, or NULL */
} field_def;

/* Indexed by dy_field. */
static const field_def field_defs[F_COUNT] = {
	[F_DOC_ID]           = { "doc_id", NULL },
	[F_SENTENCE]         = { "sentence", NULL },
	[F_EVENT_ID]         = { "event_id", "EventID" },
	[F_SENTENCE_ID]      = { "sentence_id", "SentenceID" },
	[F_DATE]             = { "date", NULL },
	[F_DATE8]            = { "date8", "Date" },
	[F_YEAR]             = { "year", "Year" },
	[F_MONTH]            = { "month", "Month" },
	[F_DAY]              = { "day", "Day" },
	[F_DATE_SOURCE]      = { "date_source", NULL },
	[F_DATE_PHRASE]      = { "date_phrase", NULL },
	[F_SOURCE]           = { "source", "SourceActorFull" },
	[F_SOURCE_ENTITY]    = { "source_entity", "SourceActorEntity" },
	[F_SOURCE_ROLE]      = { "source_role", "SourceActorRole" },
	[F_SOURCE_ATTRIBUTE] = { "source_attribute", "SourceActorAttribute" },
	[F_TARGET]           = { "target", "TargetActorFull" },
	[F_TARGET_ENTITY]    = { "target_entity", "TargetActorEntity" },
	[F_TARGET_ROLE]      = { "target_role", "TargetActorRole" },
	[F_TARGET_ATTRIBUTE] = { "target_attribute", "TargetActorAttribute" },
	[F_CODE]             = { "code", "EventCode" },
	[F_ROOT]             = { "root", "EventRootCode" },
	[F_EVENT_NAME]       = { "event_name", NULL },
	[F_QUAD]             = { "quad", "QuadClass" },
	[F_GOLDSTEIN]        = { "goldstein", "GoldsteinScore" },
	[F_ISSUES]           = { "issues", "Issues" },
	[F_PLOVER]           = { "plover", NULL },
	[F_PLOVER_EVENT]     = { "plover_event", NULL },
	[F_PLOVER_MODE]      = { "plover_mode", NULL },
	[F_PLOVER_CONTEXT]   = { "plover_context", NULL },
	[F_LOCATION]         = { "location", NULL },
	[F_LOCATION_NAME]    = { "location_name", "LocationName" },
	[F_COUNTRY]          = { "country", "CountryCode" },
	[F_ADMIN1]           = { "admin1", "StateName" },
	[F_LAT]              = { "lat", "Lat" },
	[F_LON]              = { "lon", "Lon" },
	[F_GEONAMES_ID]      = { "geonames_id", NULL },
	[F_URL]              = { "url", "URLs" },
	[F_NEWS_SOURCE]      = { "news_source", "NewsSources" },
	[F_REPORTS]          = { "reports", NULL },
	[F_N_DOCS]           = { "n_docs", NULL },
	[F_DOC_IDS]          = { "doc_ids", NULL },
	[F_TEXT]             = { "text", NULL },
};

/* JSONL: the contract's fields first (DESIGN.md), enrichment after, the long
 * sentence last. The dedup fields go before text when --dedup is on. */
static const dy_field jsonl_default[] = {
	F_DOC_ID, F_SENTENCE, F_DATE, F_SOURCE, F_TARGET, F_CODE, F_ROOT,
	F_EVENT_NAME, F_QUAD, F_GOLDSTEIN, F_DATE_SOURCE, F_DATE_PHRASE, F_PLOVER,
	F_LOCATION, F_TEXT
};

/* The 26 columns of the Phoenix data set, in its order. */
static const dy_field phoenix_default[] = {
	F_EVENT_ID, F_DATE8, F_YEAR, F_MONTH, F_DAY,
	F_SOURCE, F_SOURCE_ENTITY, F_SOURCE_ROLE, F_SOURCE_ATTRIBUTE,
	F_TARGET, F_TARGET_ENTITY, F_TARGET_ROLE, F_TARGET_ATTRIBUTE,
	F_CODE, F_ROOT, F_QUAD, F_GOLDSTEIN, F_ISSUES,
	F_LAT, F_LON, F_LOCATION_NAME, F_ADMIN1, F_COUNTRY,
	F_SENTENCE_ID, F_URL, F_NEWS_SOURCE
};

/* CSV: the JSONL fields flattened, for spreadsheets. */
static const dy_field csv_default[] = {
	F_DOC_ID, F_SENTENCE, F_DATE, F_SOURCE, F_TARGET, F_CODE, F_ROOT,
	F_EVENT_NAME, F_QUAD, F_GOLDSTEIN, F_DATE_SOURCE, F_DATE_PHRASE,
	F_PLOVER_EVENT, F_PLOVER_MODE, F_PLOVER_CONTEXT, F_LOCATION_NAME,
	F_COUNTRY, F_ADMIN1, F_LAT, F_LON, F_GEONAMES_ID, F_TEXT
};

const char *write_field_name(dy_field f)
{
	return (unsigned)f < F_COUNT ? field_defs[f].name : NULL;
}

const char *write_field_alias(dy_field f)
{
	return (unsigned)f < F_COUNT ? field_defs[f].alias : NULL;
}

int write_field_find(const char *name, size_t n)
{
	/* exact spelling first: "Date" is Phoenix's YYYYMMDD column, "date" ours */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < F_COUNT; i++) {
			const char *a = field_defs[i].name, *b = field_defs[i].alias;
			if (strlen(a) == n && !(pass ? strncasecmp(a, name, n) : strncmp(a, name, n)))
				return i;
			if (b && strlen(b) == n && !(pass ? strncasecmp(b, name, n) : strncmp(b, name, n)))
				return i;
		}
	return -1;
}

void write_field_list(dy_buf *b)
{
	for (int i = 0; i < F_COUNT; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_puts(b, field_defs[i].name);
		if (field_defs[i].alias)
			buf_printf(b, " (%s)", field_defs[i].alias);
	}
}

int write_format_from_name(const char *name)
{
	if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
		return OUT_JSONL;
	if (!strcmp(name, "tsv"))
		return OUT_TSV;
	if (!strcmp(name, "csv"))
		return OUT_CSV;
	return -1;
}

static void add_field(dy_writer *w, dy_field f, const char *label)
{
	if (w->n < WRITE_MAX_FIELDS) {
		w->fields[w->n] = f;
		w->labels[w->n] = label;
		/* labels are the registry's plain ASCII names: no escaping needed,
		 * and the longest (20 bytes) fits */
		int k = snprintf(w->keys[w->n], sizeof w->keys[w->n], ",\"%s\":", label);
		w->key_len[w->n] = (unsigned char)(k < (int)sizeof w->keys[0] ? k : 0);
		w->n++;
	}
}

static void add_list(dy_writer *w, const dy_field *l, size_t n, int phoenix_labels)
{
	for (size_t i = 0; i < n; i++)
		add_field(w, l[i], phoenix_labels && field_defs[l[i]].alias ?
		                   field_defs[l[i]].alias : field_defs[l[i]].name);
}

int writer_init(dy_writer *w, dy_out_format format, const char *fields, int dedup,
                dy_buf *err)
{
	memset(w, 0, sizeof *w);
	w->format = format;
	w->header = format != OUT_JSONL;
	if (!fields) {
		if (format == OUT_TSV) {
			add_list(w, phoenix_default, sizeof phoenix_default / sizeof *phoenix_default, 1);
			if (dedup) {
				add_field(w, F_REPORTS, "reports");
				add_field(w, F_N_DOCS, "n_docs");
				add_field(w, F_DOC_IDS, "doc_ids");
			}
			return 0;
		}
		const dy_field *l = format == OUT_CSV ? csv_default : jsonl_default;
		size_t n = format == OUT_CSV ? sizeof csv_default / sizeof *csv_default :
		                               sizeof jsonl_default / sizeof *jsonl_default;
		/* everything but the final text, the dedup fields, then text */
		add_list(w, l, n - 1, 0);
		if (dedup) {
			add_field(w, F_REPORTS, "reports");
			add_field(w, F_N_DOCS, "n_docs");
			add_field(w, F_DOC_IDS, "doc_ids");
		}
		add_field(w, F_TEXT, "text");
		return 0;
	}
	const char *p = fields;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		int f = write_field_find(p, n);
		if (f < 0) {
			buf_printf(err, "unknown field '%.*s'; valid fields: ", (int)(n > 64 ? 64 : n), p);
			write_field_list(err);
			return -1;
		}
		if (w->n >= WRITE_MAX_FIELDS) {
			buf_printf(err, "too many fields (at most %d)", WRITE_MAX_FIELDS);
			return -1;
		}
		/* label as the user spelled it: a Phoenix alias stays an alias */
		const field_def *d = &field_defs[f];
		add_field(w, (dy_field)f,
		          d->alias && strlen(d->alias) == n && !strncasecmp(d->alias, p, n) &&
		          strncmp(d->name, p, n) ? d->alias : d->name);
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

void writer_header(const dy_writer *w, dy_buf *b)
{
	if (!w->header || w->format == OUT_JSONL)
		return;
	char sep = w->format == OUT_TSV ? '\t' : ',';
	for (int i = 0; i < w->n; i++) {
		if (i)
			buf_putc(b, sep);
		buf_puts(b, w->labels[i]);
	}
	buf_putc(b, '\n');
}

void writer_record(const dy_writer *w, const dy_record *r, dy_buf *b)
{
	switch (w->format) {
	case OUT_TSV: write_tsv(w, r, b); break;
	case OUT_CSV: write_csv(w, r, b); break;
	default:      write_jsonl(w, r, b); break;
	}
}

/* Roles of the Phoenix actor split (phoenixdata.org's list of entity types):
 * GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL. A switch on the first
 * letter: a TSV line splits its two actors for six columns. */
static int is_role(const char *s)
{
	char b = s[1], c = s[2];
	switch (s[0]) {
	case 'B': return b == 'U' && c == 'S';
	case 'C': return (b == 'O' && c == 'P') || (b == 'R' && c == 'M') || (b == 'V' && c == 'L');
	case 'E': return b == 'D' && c == 'U';
	case 'G': return b == 'O' && c == 'V';
	case 'J': return b == 'U' && c == 'D';
	case 'M': return (b == 'I' && c == 'L') || (b == 'E' && c == 'D');
	case 'O': return b == 'P' && c == 'P';
	case 'P': return b == 'T' && c == 'Y';
	case 'R': return b == 'E' && c == 'B';
	case 'S': return b == 'P' && c == 'Y';
	default:  return 0;
	}
}

static void put_part(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > cap)
		return;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

void write_actor_split(const char *code, char *entity, char *role, char *attr, size_t cap)
{
	size_t ne = 0, nr = 0, na = 0;
	entity[0] = role[0] = attr[0] = '\0';
	size_t n = strlen(code);
	for (size_t i = 0; i + 3 <= n; i += 3) {
		const char *c = code + i;
		if (i == 0 && !is_role(c))
			put_part(entity, cap, &ne, c, 3);
		else if (!nr && is_role(c))
			put_part(role, cap, &nr, c, 3);
		else
			put_part(attr, cap, &na, c, 3);
	}
	/* a code whose length is no multiple of three keeps its tail as an attribute */
	if (n % 3)
		put_part(attr, cap, &na, code + n - n % 3, n % 3);
}

/* The pairs 00..99 for write_fixed() and write_long() (write_int.h). */
const char write_digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

/* Numbers appended in one piece: these run for several fields of every event. */
static void put_fixed(dy_buf *b, double v, int dec)
{
	char out[WRITE_NUM_MAX];
	buf_append(b, out, write_fixed(out, v, dec));
}

static void put_long(dy_buf *b, long v)
{
	char out[WRITE_NUM_MAX];
	buf_append(b, out, write_long(out, v));
}

static int put_str(dy_buf *b, const char *s)
{
	if (!s)
		return WK_NULL;
	buf_puts(b, s);
	return WK_STRING;
}

static int put_actor_part(dy_buf *b, const char *code, int which)
{
	char part[3][64];
	write_actor_split(code, part[0], part[1], part[2], sizeof part[0]);
	if (!part[which][0])
		return WK_NULL;
	buf_puts(b, part[which]);
	return WK_STRING;
}

int write_field_text(const dy_record *r, dy_field f, dy_buf *b)
{
	switch (f) {
	case F_DOC_ID:
		return put_str(b, r->doc_id);
	case F_SENTENCE:
		put_long(b, r->sentence);
		return WK_NUMBER;
	case F_EVENT_ID:
	case F_SENTENCE_ID:
		buf_puts(b, r->doc_id);
		buf_putc(b, '-');
		put_long(b, r->sentence);
		if (f == F_EVENT_ID) {
			buf_putc(b, '-');
			put_long(b, r->event);
		}
		return WK_STRING;
	case F_DATE:
		return r->date[0] ? put_str(b, r->date) : WK_NULL;
	case F_DATE8:
		if (!r->date[0])
			return WK_NULL;
		buf_append(b, r->date, 4);
		buf_append(b, r->date + 5, 2);
		buf_append(b, r->date + 8, 2);
		return WK_STRING;
	case F_YEAR:
	case F_MONTH:
	case F_DAY: {
		if (!r->date[0])
			return WK_NULL;
		size_t at = f == F_YEAR ? 0 : f == F_MONTH ? 5 : 8;
		size_t n = f == F_YEAR ? 4 : 2;
		/* a bare number: no leading zero, for JSON */
		if (n == 2 && r->date[at] == '0') {
			at++;
			n--;
		}
		buf_append(b, r->date + at, n);
		return WK_NUMBER;
	}
	case F_DATE_SOURCE:
		return put_str(b, r->date_from_text ? "text" : "document");
	case F_DATE_PHRASE:
		if (!r->date_phrase)
			return WK_NULL;
		buf_append(b, r->date_phrase, r->date_phrase_len);
		return WK_STRING;
	case F_SOURCE:
		return put_str(b, r->source);
	case F_TARGET:
		return put_str(b, r->target);
	case F_SOURCE_ENTITY:
	case F_SOURCE_ROLE:
	case F_SOURCE_ATTRIBUTE:
		return put_actor_part(b, r->source, (int)(f - F_SOURCE_ENTITY));
	case F_TARGET_ENTITY:
	case F_TARGET_ROLE:
	case F_TARGET_ATTRIBUTE:
		return put_actor_part(b, r->target, (int)(f - F_TARGET_ENTITY));
	case F_CODE:
		return put_str(b, r->code);
	case F_ROOT:
		return put_str(b, r->root);
	case F_EVENT_NAME:
		return put_str(b, r->event_name);
	case F_QUAD:
		if (!r->quad)
			return WK_NULL;
		put_long(b, r->quad);
		return WK_NUMBER;
	case F_GOLDSTEIN:
		if (!r->has_goldstein)
			return WK_NULL;
		put_fixed(b, r->goldstein, 1);
		return WK_NUMBER;
	case F_ISSUES:
		return WK_NULL;
	case F_PLOVER:
	case F_PLOVER_EVENT:
		return put_str(b, r->plover_event);
	case F_PLOVER_MODE:
		return r->plover_event ? put_str(b, r->plover_mode) : WK_NULL;
	case F_PLOVER_CONTEXT:
		return r->plover_event ? put_str(b, r->plover_context) : WK_NULL;
	case F_LOCATION:
	case F_LOCATION_NAME:
		return r->has_location ? put_str(b, r->loc_name) : WK_NULL;
	case F_COUNTRY:
		return r->has_location ? put_str(b, r->loc_country) : WK_NULL;
	case F_ADMIN1:
		return r->has_location ? put_str(b, r->loc_admin1) : WK_NULL;
	case F_LAT:
	case F_LON: {
		double v = f == F_LAT ? r->loc_lat : r->loc_lon;
		if (!r->has_location || isnan(v))
			return WK_NULL;
		put_fixed(b, v, 4);
		return WK_NUMBER;
	}
	case F_GEONAMES_ID:
		if (!r->has_location || r->loc_geonames_id <= 0)
			return WK_NULL;
		put_long(b, r->loc_geonames_id);
		return WK_NUMBER;
	case F_URL:
		return put_str(b, r->url);
	case F_NEWS_SOURCE:
		return put_str(b, r->news_source);
	case F_REPORTS:
		put_long(b, r->reports ? r->reports : 1);
		return WK_NUMBER;
	case F_N_DOCS:
		put_long(b, r->reports ? r->n_docs : 1);
		return WK_NUMBER;
	case F_DOC_IDS:
		if (!r->reports) {
			buf_puts(b, r->doc_id);
			return WK_STRING;
		}
		for (size_t i = 0; i < r->n_doc_ids; i++) {
			if (i)
				buf_putc(b, ';');
			buf_puts(b, r->doc_ids[i]);
		}
		return WK_STRING;
	case F_TEXT:
		buf_append(b, r->text, r->text_len);
		return WK_STRING;
	default:
		return WK_NULL;
	}
}
