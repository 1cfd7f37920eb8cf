/* SPDX-License-Identifier: MIT */
/* Dictionary options shared by the coding commands (see dictopts.h). */
#include <stdio.h>
#include <sys/stat.h>

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
	dy_dict *d = dict_new();
	if (o->n == 0) {
		/* No dictionary named: dyad's own, built into the binary. */
		if (dict_load_builtin(d, dg) < 0) {
			fprintf(stderr, "dyad %s: the built-in dictionaries did not load\n", cmd);
			dict_free(d);
			return NULL;
		}
		return d;
	}
	for (int i = 0; i < o->n; i++) {
		struct stat st;
		int rc;
		if (o->is_project[i])
			rc = dict_load_project(d, o->files[i], dg);
		else if (stat(o->files[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc = dict_load_dir(d, o->files[i], dg, NULL);
		else
			rc = dict_load_file(d, o->files[i], DICT_KIND_AUTO, dg);
		if (rc < 0) {
			fprintf(stderr, "dyad %s: cannot load dictionary %s\n", cmd, o->files[i]);
			dict_free(d);
			return NULL;
		}
	}
	return d;
}
