/* SPDX-License-Identifier: MIT */
/* Build-time tool: writes the gazetteer's binary image (gazetteer.bin) from
 * its TSV, for dyad to map at start instead of parsing (mk/gazetteer.mk).
 * Linked with build/libdyad.a: the TSV is read by the very parser dyad runs
 * (gaz_load_file()) and the image is what that parser made (gaz_save_image()),
 * so the two files cannot disagree.
 *
 * Usage: gaz_image TSV IMAGE
 * Exit status 0 when the image is written (malformed lines of the TSV are
 * reported and skipped, as dyad does); 1 otherwise. */
#include <stdio.h>

#include "enrich/gazetteer.h"
#include "util/diag.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gaz_image TSV IMAGE\n");
		return 1;
	}
	dy_diag dg;
	diag_init(&dg, stderr);
	dy_gazetteer *g;
	int rc = gaz_load_file(&g, argv[1], &dg);
	if (rc == 0) rc = gaz_save_image(g, argv[2], &dg);
	gaz_free(g);
	return rc == 0 ? 0 : 1;
}
