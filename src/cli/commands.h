/* SPDX-License-Identifier: MIT */
/* The dyad commands. Each takes the arguments after its name (argv[0] is the
 * command name) and returns an exit status from dy_exit (util/diag.h). */
#ifndef DY_COMMANDS_H
#define DY_COMMANDS_H

typedef struct dy_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* one line for `dyad --help` */
} dy_command;

int cmd_sentences(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);

extern const dy_command dy_commands[];

#define DYAD_VERSION "0.1.0"

#endif
