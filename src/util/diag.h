/* SPDX-License-Identifier: MIT */
/* Diagnostics: every error and warning about input goes through here, so that
 * each names its file and line the same way ("dyad: FILE:LINE: message") and so
 * that the command can end with the right exit status.
 *
 * A dy_diag counts what it reported; it never stops the program. `out` may be
 * NULL to count silently (tests, and loaders asked to be quiet). */
#ifndef DY_DIAG_H
#define DY_DIAG_H

#include <stdio.h>

typedef struct dy_diag {
	FILE *out;      /* where messages go; NULL: count only */
	int   errors;   /* bad input that was skipped */
	int   warnings; /* suspicious input that was used anyway */
	int   max_shown;/* stop printing (not counting) after this many; 0: no cap */
	int   shown;
} dy_diag;

/* Exit codes for every command (DESIGN.md, contracts). */
enum dy_exit { DY_EXIT_OK = 0, DY_EXIT_INPUT = 1, DY_EXIT_INTERNAL = 2 };

void diag_init(dy_diag *d, FILE *out);
/* line <= 0 leaves the line out; file NULL leaves the location out. */
void diag_error(dy_diag *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_warn(dy_diag *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
