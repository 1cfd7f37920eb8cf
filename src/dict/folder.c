/* SPDX-License-Identifier: MIT */
/* Loading a dictionary folder: every dictionary file under it, subfolders
 * included, in name order so that a set loads the same way on every machine.
 * Exports dict_load_dir(). Which files count is decided by dict_kind_guess()
 * on the name: .actors, .agents, .verbs, .options and .discards files. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dict.h"
#include "util/xalloc.h"

enum { DIR_MAX_DEPTH = 8 }; /* a link loop must not recurse forever */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file is part of a set only when its name says so: a folder may also hold
 * READMEs and other text, and a stray "discards.txt" from another tool has a
 * different format. */
static int is_dictionary_name(const char *name)
{
	dy_dict_kind k = dict_kind_guess(name, NULL, 0);
	if (k == DICT_KIND_AUTO || k == DICT_KIND_PROJECT)
		return 0;
	const char *dot = strrchr(name, '.');
	return k != DICT_KIND_DISCARDS || (dot && !strcmp(dot, ".discards"));
}

static int load_level(dy_dict *d, const char *dir, int depth, dy_diag *dg, int *nfiles)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_error(dg, dir, 0, "cannot open folder");
		return -1;
	}
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--; /* "dir/" and "dir" name the same files: never print "dir//file" */
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *de; (de = readdir(dp)); ) {
		if (de->d_name[0] == '.')
			continue;
		size_t l = dl + strlen(de->d_name) + 2;
		char *path = xmalloc(l);
		snprintf(path, l, "%.*s/%s", (int)dl, dir, de->d_name);
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = path;
	}
	closedir(dp);
	qsort(names, n, sizeof *names, name_cmp);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *base = strrchr(names[i], '/') + 1;
		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < DIR_MAX_DEPTH)
				rc |= load_level(d, names[i], depth + 1, dg, nfiles);
		} else if (is_dictionary_name(base)) {
			rc |= dict_load_file(d, names[i], DICT_KIND_AUTO, dg);
			(*nfiles)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int dict_load_dir(dy_dict *d, const char *dir, dy_diag *dg, int *nfiles)
{
	int count = 0;
	int rc = load_level(d, dir, 0, dg, &count);
	if (nfiles)
		*nfiles += count;
	return rc;
}
