/* SPDX-License-Identifier: MIT */
/* Dictionary options shared by the coding commands (see dictopts.h). */
#include <stdio.h>

#include "dictopts.h"

int dictopts_add(dy_dictopts *o, int opt, const char *path, const char *cmd)
{
	if (o->n >= DICTOPTS_MAX) {
		fprintf(stderr, "dyad %s: more than %d dictionary options\n", cmd, DICTOPTS_MAX);
		return -1;
	}
	o->files[o->n] = path;
	o->is_project[o->n] = opt == DICTOPT_PROJECT;
	o->n++;
	return 0;
}

dy_dict *dictopts_load(const dy_dictopts *o, const char *cmd, dy_diag *dg)
{
	if (o->n == 0) {
		fprintf(stderr, "dyad %s: no dictionary given: use --dict FILE or --project FILE "
		        "(built-in dictionaries are not available yet)\n", cmd);
		return NULL;
	}
	dy_dict *d = dict_new();
	for (int i = 0; i < o->n; i++) {
		int rc = o->is_project[i] ? dict_load_project(d, o->files[i], dg)
		                          : dict_load_file(d, o->files[i], DICT_KIND_AUTO, dg);
		if (rc < 0) {
			fprintf(stderr, "dyad %s: cannot load dictionary %s\n", cmd, o->files[i]);
			dict_free(d);
			return NULL;
		}
	}
	return d;
}
