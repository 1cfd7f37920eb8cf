/* SPDX-License-Identifier: MIT */
/* Plain text reader: the whole input is one document, its id the file's base
 * name. The date is the --date default, else the date of a dateline at the start
 * of the text when that gives a full date ("LONDON, 5 June 2023 -"), else
 * unknown. Exports rd_plain. */
#include <stdio.h>
#include <string.h>

#include "read_int.h"
#include "../text/split.h"

static int plain_open(dy_reader *r)
{
	return rd_slurp(r);
}

static int plain_next(dy_reader *r, dy_arena *a, dy_doc *doc)
{
	rd_input *in = &r->in;
	rd_doc_init(r, doc, 1);
	size_t n = in->n - in->pos;
	char *text = arena_strndup(a, in->p + in->pos, n);
	in->pos = in->n;
	doc->text = text;
	doc->text_len = n;
	doc->id = arena_strdup(a, r->name);
	if (r->date[0]) {
		doc->date = arena_strdup(a, r->date);
	} else {
		dy_dateline dl;
		char d[11];
		if (dateline_find(text, n, &dl) && date_valid(dl.year, dl.month, dl.day)) {
			snprintf(d, sizeof d, "%04d-%02d-%02d", dl.year, dl.month, dl.day);
			doc->date = arena_strdup(a, d);
		}
	}
	r->done = 1; /* one document per input */
	return 1;
}

const rd_format rd_plain = { plain_open, plain_next, NULL };
