/* SPDX-License-Identifier: MIT */
/* `dyad dict`: dictionary tools. Exports cmd_dict().
 *   dyad dict check [--project FILE] [DIR|FILE...]  lint a dictionary set
 *   dyad dict stats [--project FILE] [DIR|FILE...]  load time and entry counts
 * A DIR stands for its *.actors, *.agents, *.verbs, *.options and *.discards
 * files (a .project in it is not followed: name it with --project). Findings
 * are printed one a line as "FILE:LINE: message", then a summary line. Exit
 * status: 0 when every file was read without errors (warnings allowed), 1
 * otherwise. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "commands.h"
#include "dict/builtin.h"
#include "dict/dict.h"
#include "enrich/codebook.h"
#include "util/diag.h"
#include "util/xalloc.h"

static void usage(FILE *out)
{
	fputs("usage: dyad dict check [--project FILE] [DIR|FILE...]\n"
	      "       dyad dict stats [--project FILE] [DIR|FILE...]\n"
	      "\n"
	      "check  reads a dictionary set and lists syntax errors, event codes that\n"
	      "       are not CAMEO codes, phrases with conflicting codes and overlapping\n"
	      "       date ranges, one \"FILE:LINE: message\" a line, then a summary.\n"
	      "stats  reads a dictionary set and prints load time and entry counts.\n"
	      "\n"
	      "A DIR stands for its .actors, .agents, .verbs, .options and .discards\n"
	      "files, subfolders included. With nothing named, dyad's own built-in\n"
	      "dictionaries are read. Exit status 0 when there were no errors\n"
	      "(warnings allowed).\n", out);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Copies diagnostics to stdout without the "dyad: " prefix, so that each
 * finding reads "FILE:LINE: message". */
static void emit(const char *text, size_t n)
{
	const char *p = text, *end = text + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l >= 6 && !memcmp(p, "dyad: ", 6)) {
			p += 6;
			l -= 6;
		}
		fwrite(p, 1, l, stdout);
		fputc('\n', stdout);
		p += l + 1;
	}
}

int cmd_dict(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? DY_EXIT_INPUT : DY_EXIT_OK;
	}
	const char *sub = argv[1];
	int check = !strcmp(sub, "check"), stats = !strcmp(sub, "stats");
	if (!check && !stats) {
		fprintf(stderr, "dyad dict: unknown subcommand '%s' (check or stats)\n", sub);
		return DY_EXIT_INPUT;
	}
	char *msg = NULL;
	size_t msg_n = 0;
	FILE *mem = open_memstream(&msg, &msg_n);
	if (!mem) {
		perror("dyad dict");
		return DY_EXIT_INTERNAL;
	}
	dy_diag dg;
	diag_init(&dg, stats ? stderr : mem);
	dy_dict *d = dict_new();
	int nfiles = 0, rc = 0, any = 0;
	double t0 = now();
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--project")) {
			if (i + 1 >= argc) {
				fputs("dyad dict: --project needs a file\n", stderr);
				rc = -1;
				break;
			}
			rc |= dict_load_project(d, argv[++i], &dg);
			nfiles += (int)(d->proj.n_actors + d->proj.n_agents + d->proj.n_verbs) +
			          (d->proj.options != NULL);
			any = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			fclose(mem);
			free(msg);
			dict_free(d);
			return DY_EXIT_OK;
		}
		if (a[0] == '-' && a[1]) {
			fprintf(stderr, "dyad dict: unknown option '%s'\n", a);
			fclose(mem);
			free(msg);
			dict_free(d);
			return DY_EXIT_INPUT;
		}
		struct stat st;
		any = 1;
		if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc |= dict_load_dir(d, a, &dg, &nfiles);
		} else {
			rc |= dict_load_file(d, a, DICT_KIND_AUTO, &dg);
			nfiles++;
		}
	}
	if (!any) {
		/* Nothing named: the set `dyad code` uses by default. */
		rc |= dict_load_builtin(d, &dg);
		nfiles += (int)dy_builtin_count;
	}
	double t1 = now();
	int load_errors = dg.errors, load_warnings = dg.warnings;
	unsigned findings = 0;
	if (check) {
		/* Codes are checked against dyad's CAMEO codebook, not only their shape. */
		dict_event_code_known = codebook_is_valid;
		findings = dict_check(d, &dg);
	}
	fclose(mem);
	if (check) {
		emit(msg, msg_n);
		printf("%d file%s, %u entries, %u patterns: %d error%s, %d warning%s (%d while loading, %u from checks)\n",
		       nfiles, nfiles == 1 ? "" : "s", d->n_entries, d->n_patterns,
		       load_errors, load_errors == 1 ? "" : "s",
		       dg.warnings, dg.warnings == 1 ? "" : "s", load_warnings, findings);
	} else {
		printf("files      %d\n", nfiles);
		printf("load_ms    %.1f\n", (t1 - t0) * 1000.0);
		printf("actors     %u\n", d->n_kind[DY_ENT_ACTOR]);
		printf("agents     %u\n", d->n_kind[DY_ENT_AGENT]);
		printf("verb_forms %u\n", d->n_kind[DY_ENT_VERB]);
		printf("verbs      %u\n", d->n_verbs);
		printf("patterns   %u\n", d->n_patterns);
		printf("nouns      %u\n", d->n_kind[DY_ENT_NOUN]);
		printf("adjectives %u\n", d->n_kind[DY_ENT_ADJ]);
		printf("time       %u\n", d->n_kind[DY_ENT_TIME]);
		printf("attrib     %u\n", d->n_kind[DY_ENT_ATTRIB]);
		printf("discards   %u\n", d->n_kind[DY_ENT_DISCARD]);
		printf("synsets    %u\n", d->n_synsets);
		printf("codes      %u\n", d->n_codes);
		printf("labels     %u\n", d->opt.n_labels);
		printf("errors     %d\n", load_errors);
		printf("warnings   %d\n", load_warnings);
	}
	free(msg);
	dict_free(d);
	return (rc || load_errors) ? DY_EXIT_INPUT : DY_EXIT_OK;
}
