/* SPDX-License-Identifier: MIT */
/* The dictionary options shared by `code`, `explain` and `validate`:
 *   --dict FILE      a dictionary file (repeatable); its kind from name or content
 *   --project FILE   a TABARI .project file; the files it names are relative to it
 * Each command adds DICTOPTS_LONGOPTS to its getopt_long table, hands the two
 * option letters to dictopts_add(), and calls dictopts_load() once. */
#ifndef DY_DICTOPTS_H
#define DY_DICTOPTS_H

#include <getopt.h>

#include "dict/dict.h"
#include "util/diag.h"

enum { DICTOPT_DICT = 0x100, DICTOPT_PROJECT = 0x101, DICTOPTS_MAX = 64 };

#define DICTOPTS_LONGOPTS \
	{ "dict",    required_argument, NULL, DICTOPT_DICT }, \
	{ "project", required_argument, NULL, DICTOPT_PROJECT }

#define DICTOPTS_HELP \
	"  --dict FILE      dictionary file or folder (repeatable): .actors, .agents,\n" \
	"                   .verbs, .options, .discards; the kind from the name or\n" \
	"                   content. Without --dict or --project, dyad's own\n" \
	"                   built-in dictionaries are used.\n" \
	"  --project FILE   TABARI .project file naming the dictionaries\n"

typedef struct dy_dictopts {
	const char *files[DICTOPTS_MAX];
	int         is_project[DICTOPTS_MAX];
	int         n;
} dy_dictopts;

/* Records one option (opt is DICTOPT_DICT or DICTOPT_PROJECT). Returns 0, or -1
 * (after a message naming `cmd`) when there are too many. */
int dictopts_add(dy_dictopts *o, int opt, const char *path, const char *cmd);

/* Loads every file or folder named, in order; with none named, dyad's built-in
 * dictionaries. Returns the dictionary, or NULL after a message on stderr when
 * a file could not be read. Bad lines are reported through dg and skipped. */
dy_dict *dictopts_load(const dy_dictopts *o, const char *cmd, dy_diag *dg);

#endif
