/* SPDX-License-Identifier: MIT */
/* dyad's entry point: finds the command named by the first argument and hands
 * it the rest. Global options are --help and --version only; everything else
 * belongs to a command. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "util/diag.h"

const dy_command dy_commands[] = {
	{ "sentences", cmd_sentences, "read documents; print one JSON line per sentence" },
	{ "code",      cmd_code,      "code documents into events (JSONL or TSV)" },
	{ "explain",   cmd_explain,   "show how one sentence is coded, step by step" },
	{ "validate",  cmd_validate,  "run a TABARI validation suite; ends \"N passed, M failed\"" },
	{ "dict",      cmd_dict,      "check or measure a dictionary set (dict check|stats)" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *out)
{
	fputs("dyad " DYAD_VERSION " - political event data from news text\n"
	      "\n"
	      "usage: dyad COMMAND [OPTIONS] [FILE...]\n"
	      "       dyad COMMAND --help\n"
	      "\n"
	      "commands:\n", out);
	for (const dy_command *c = dy_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\nInput is read from the files named, or from standard input; output goes\n"
	      "to standard output. Exit status: 0 success, 1 bad input or usage,\n"
	      "2 internal error.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return DY_EXIT_INPUT;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		return DY_EXIT_OK;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("dyad %s\n", DYAD_VERSION);
		return DY_EXIT_OK;
	}
	for (const dy_command *c = dy_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "dyad: unknown command '%s' (see dyad --help)\n", name);
	return DY_EXIT_INPUT;
}
