/* SPDX-License-Identifier: MIT */
/* `dyad code`: placeholder while the coding command is written. */
#include <stdio.h>

#include "commands.h"
#include "util/diag.h"

int cmd_code(int argc, char **argv)
{
	(void)argc; (void)argv;
	fputs("dyad code: not ready\n", stderr);
	return DY_EXIT_INTERNAL;
}
