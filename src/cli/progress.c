/* SPDX-License-Identifier: MIT */
/* Terminal progress line (see progress.h). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

double progress_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(dy_progress *p)
{
	p->enabled = isatty(STDERR_FILENO);
	p->docs = p->sentences = 0;
	p->drawn = 0;
	p->start = p->last = progress_now();
}

void progress_tick(dy_progress *p, long docs_done, long sentences_done)
{
	p->docs = docs_done;
	p->sentences = sentences_done;
	if (!p->enabled || (docs_done & 63))
		return; /* checking the clock for every document would cost more than it tells */
	double now = progress_now();
	/* The first line comes at once, so that a run that will take long shows it
	 * is alive; after that, at most four lines a second. */
	if (p->drawn && now - p->last < 0.25)
		return;
	p->drawn = 1;
	p->last = now;
	double secs = now - p->start;
	fprintf(stderr, "\r%ld documents, %ld sentences, %.0f sentences/s   ",
		docs_done, sentences_done, secs > 0 ? (double)sentences_done / secs : 0.0);
	fflush(stderr);
}

void progress_end(dy_progress *p)
{
	if (p->enabled && p->drawn)
		fputs("\r\033[K", stderr);
}
