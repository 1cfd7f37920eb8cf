/* SPDX-License-Identifier: MIT */
/* Diagnostics with file and line (see diag.h). */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

void diag_init(dy_diag *d, FILE *out)
{
	d->out = out;
	d->errors = d->warnings = 0;
	d->max_shown = 0;
	d->shown = 0;
}

static void report(dy_diag *d, const char *kind, const char *file, long line,
		   const char *fmt, va_list ap)
{
	if (!d->out || (d->max_shown && d->shown >= d->max_shown))
		return;
	d->shown++;
	fputs("dyad: ", d->out);
	if (file) {
		if (line > 0)
			fprintf(d->out, "%s:%ld: ", file, line);
		else
			fprintf(d->out, "%s: ", file);
	}
	fputs(kind, d->out);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
}

void diag_error(dy_diag *d, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	d->errors++;
	va_start(ap, fmt);
	report(d, "", file, line, fmt, ap);
	va_end(ap);
}

void diag_warn(dy_diag *d, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	d->warnings++;
	va_start(ap, fmt);
	report(d, "warning: ", file, line, fmt, ap);
	va_end(ap);
}
