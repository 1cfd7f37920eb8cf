/* SPDX-License-Identifier: MIT */
/* Progress line on stderr for long runs: documents done and rate, rewritten in
 * place at most a few times a second. Shown only when stderr is a terminal, so
 * logs and pipes never see it. */
#ifndef DY_PROGRESS_H
#define DY_PROGRESS_H

typedef struct dy_progress {
	int    enabled;   /* stderr is a terminal */
	long   docs;      /* documents done */
	long   sentences; /* sentences done */
	double start;     /* seconds, monotonic */
	double last;      /* when the line was last drawn */
	int    drawn;     /* a line has been drawn (and must be cleared at the end) */
} dy_progress;

void progress_start(dy_progress *p);
void progress_tick(dy_progress *p, long docs_done, long sentences_done);
void progress_end(dy_progress *p); /* clears the line */
double progress_now(void);         /* monotonic seconds */

#endif
