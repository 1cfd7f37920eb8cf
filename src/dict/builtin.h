/* SPDX-License-Identifier: MIT */
/* dyad's own dictionaries, built into the binary (data/dict/, embedded at build
 * time by tools/embed.c). dict_load_builtin() reads them all into a dictionary,
 * in the same order as `dict_load_dir(d, "data/dict", ...)` would. */
#ifndef DY_DICT_BUILTIN_H
#define DY_DICT_BUILTIN_H

#include <stddef.h>

typedef struct dy_builtin_file {
	const char *name; /* path under data/dict/, e.g. "verbs/04-consult.verbs" */
	const char *data; /* the file's bytes, NUL-terminated */
	size_t      len;  /* without the NUL */
} dy_builtin_file;

extern const dy_builtin_file dy_builtin_files[];
extern const size_t dy_builtin_count;

#endif
