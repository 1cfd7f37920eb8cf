/* SPDX-License-Identifier: MIT */
/* Loads dyad's built-in dictionaries (see builtin.h). Messages and provenance
 * name each file "builtin:PATH" so that `dyad explain` still points a
 * dictionary writer at the line in data/dict/ that fired. */
#include <stdio.h>

#include "builtin.h"
#include "dict.h"

int dict_load_builtin(dy_dict *d, dy_diag *dg)
{
	int rc = 0;
	for (size_t i = 0; i < dy_builtin_count; i++) {
		const dy_builtin_file *f = &dy_builtin_files[i];
		char name[256];
		snprintf(name, sizeof name, "builtin:%s", f->name);
		if (dict_load_mem(d, name, f->data, f->len, DICT_KIND_AUTO, dg) < 0)
			rc = -1;
	}
	return rc;
}
