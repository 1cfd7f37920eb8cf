/* SPDX-License-Identifier: MIT */
/* Unit tests for src/enrich/codebook.c and src/enrich/plover.c: the CAMEO
 * codebook (names, roots, quad classes, Goldstein values) and the CAMEO to
 * PLOVER mapping with its parent/root fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "enrich/codebook.h"
#include "enrich/plover.h"

/* Every root's quad class, as the event-data field defines it. */
static void codebook_roots_have_their_quad(void **state)
{
	(void)state;
	static const struct { const char *root; int quad; const char *name; } want[] = {
		{"01", 1, "MAKE PUBLIC STATEMENT"}, {"02", 1, "APPEAL"},
		{"03", 1, "EXPRESS INTENT TO COOPERATE"}, {"04", 1, "CONSULT"},
		{"05", 1, "ENGAGE IN DIPLOMATIC COOPERATION"},
		{"06", 2, "ENGAGE IN MATERIAL COOPERATION"}, {"07", 2, "PROVIDE AID"},
		{"08", 2, "YIELD"}, {"09", 3, "INVESTIGATE"}, {"10", 3, "DEMAND"},
		{"11", 3, "DISAPPROVE"}, {"12", 3, "REJECT"}, {"13", 3, "THREATEN"},
		{"14", 4, "PROTEST"}, {"15", 4, "EXHIBIT FORCE POSTURE"},
		{"16", 4, "REDUCE RELATIONS"}, {"17", 4, "COERCE"}, {"18", 4, "ASSAULT"},
		{"19", 4, "FIGHT"}, {"20", 4, "USE UNCONVENTIONAL MASS VIOLENCE"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dy_code_info *ci = codebook_lookup(want[i].root);
		assert_non_null(ci);
		assert_string_equal(ci->code, want[i].root);
		assert_string_equal(ci->root, want[i].root);
		assert_string_equal(ci->name, want[i].name);
		assert_int_equal(ci->quad, want[i].quad);
		assert_int_equal(codebook_quad_of_root((int)i + 1), want[i].quad);
	}
	assert_int_equal(codebook_quad_of_root(0), 0);
	assert_int_equal(codebook_quad_of_root(21), 0);
}

/* Values as the ICEWS codebook CSV gives them (docs/codebook.md). */
static void codebook_knows_names_and_goldstein(void **state)
{
	(void)state;
	static const struct { const char *code; const char *name; const char *root; double g; } want[] = {
		{"042", "Make a visit", "04", 1.9},
		{"043", "Host a visit", "04", 2.8},
		{"0311", "Express intent to cooperate economically", "03", 5.2},
		{"016", "Deny responsibility", "01", -5.0},
		{"057", "Sign formal agreement", "05", 8.0},
		{"0874", "Retreat or surrender militarily", "08", 10.0},
		{"1011", "Demand economic cooperation", "10", -5.0},
		{"130", "Threaten", "13", -4.4},
		{"164", "Halt negotiations", "16", -6.5},
		{"165", "Halt mediation", "16", -7.0},
		{"173", "Arrest, detain, or charge with legal action", "17", -5.0},
		{"195", "Employ aerial weapons", "19", -10.0},
		{"20", "USE UNCONVENTIONAL MASS VIOLENCE", "20", -10.0},
		{"2042", "Detonate nuclear weapons", "20", -10.0},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dy_code_info *ci = codebook_lookup(want[i].code);
		assert_non_null(ci);
		assert_string_equal(ci->name, want[i].name);
		assert_string_equal(ci->root, want[i].root);
		assert_float_equal(ci->goldstein, want[i].g, 1e-9);
		assert_int_equal(ci->origin, CODE_FROM_CSV);
		assert_true(codebook_is_valid(want[i].code));
	}
	/* Names the CSV writes in lower case start with a capital here. */
	assert_string_equal(codebook_lookup("116")->name, "Find guilty or liable (legally)");
}

/* Codes of the CAMEO 1.1b3 manual missing from the CSV are present, valued
 * as their nearest ancestor and marked as added. */
static void codebook_adds_codes_the_csv_lacks(void **state)
{
	(void)state;
	static const struct { const char *code, *parent, *name; } want[] = {
		{"1951", "195", "Employ precision-guided aerial munitions"},
		{"1952", "195", "Employ remotely piloted aerial munitions"},
		{"1834", "183", "Carry out location bombing"},
		{"176", "17", "Attack cybernetically"},
		{"155", "15", "Mobilize or increase cyber-forces"},
		{"1214", "121", "Reject intelligence cooperation"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dy_code_info *ci = codebook_lookup(want[i].code);
		const dy_code_info *pa = codebook_lookup(want[i].parent);
		assert_non_null(ci);
		assert_non_null(pa);
		assert_string_equal(ci->name, want[i].name);
		assert_int_equal(ci->origin, CODE_ADDED);
		assert_float_equal(ci->goldstein, pa->goldstein, 0);
		assert_int_equal(ci->quad, pa->quad);
	}
}

static void codebook_rejects_what_is_not_a_code(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "0", "00", "21", "99", "000", "0420", "04200", "42", "04a",
		" 042", "042 ", "-42", "1725", "0330", "109", "x", "01234567890",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_null(codebook_lookup(bad[i]));
		assert_false(codebook_is_valid(bad[i]));
	}
	assert_null(codebook_lookup(NULL));
	/* lookup_n reads only n bytes: a code inside a longer string. */
	const dy_code_info *ci = codebook_lookup_n("042,043", 3);
	assert_non_null(ci);
	assert_string_equal(ci->code, "042");
	assert_null(codebook_lookup_n("042,043", 7));
	assert_non_null(codebook_lookup_n("0311", 4));
	assert_string_equal(codebook_lookup_n("0311", 2)->code, "03");
	/* CAMEO has no 4-digit codes under 043. */
	assert_null(codebook_lookup("0431"));
}

/* Strays that real dictionaries carry resolve to their nearest listed code. */
static void codebook_nearest_climbs_to_a_parent(void **state)
{
	(void)state;
	assert_string_equal(codebook_nearest("0330")->code, "033");
	assert_string_equal(codebook_nearest("1725")->code, "172");
	assert_string_equal(codebook_nearest("109")->code, "10");
	assert_string_equal(codebook_nearest("042")->code, "042");
	assert_null(codebook_nearest("21"));
	assert_null(codebook_nearest("2199"));
	assert_null(codebook_nearest("abc"));
	assert_null(codebook_nearest(NULL));
}

/* The whole table: sorted (the binary search depends on it), each row
 * consistent with its code, each code's parent present, lookup finds each. */
static void codebook_table_is_consistent(void **state)
{
	(void)state;
	size_t n = codebook_count();
	assert_true(n >= 310);
	assert_null(codebook_at(n));
	int per_root[21] = {0};
	for (size_t i = 0; i < n; i++) {
		const dy_code_info *ci = codebook_at(i);
		size_t len = strlen(ci->code);
		assert_true(len >= 2 && len <= 4);
		if (i > 0)
			assert_true(strcmp(codebook_at(i - 1)->code, ci->code) < 0);
		assert_memory_equal(ci->root, ci->code, 2);
		assert_int_equal(strlen(ci->root), 2);
		int root = atoi(ci->root);
		assert_true(root >= 1 && root <= 20);
		per_root[root]++;
		assert_int_equal(ci->quad, codebook_quad_of_root(root));
		assert_true(ci->goldstein >= -10.0 && ci->goldstein <= 10.0);
		assert_true(ci->name[0] != '\0');
		assert_ptr_equal(codebook_lookup(ci->code), ci);
		char parent[5];
		memcpy(parent, ci->code, len - 1);
		parent[len - 1] = '\0';
		if (len == 4)
			assert_non_null(codebook_lookup(parent));
	}
	for (int r = 1; r <= 20; r++)
		assert_true(per_root[r] >= 5); /* the root and at least four codes */
	/* The direct index: one slot per code, never shared, inside the table. */
	static unsigned char used[CODEBOOK_SLOTS];
	memset(used, 0, sizeof used);
	for (size_t i = 0; i < n; i++) {
		const char *c = codebook_at(i)->code;
		int slot = codebook_slot_of(c, strlen(c));
		assert_true(slot >= 0 && slot < CODEBOOK_SLOTS);
		assert_int_equal(used[slot], 0);
		used[slot] = 1;
	}
	assert_int_equal(codebook_slot_of("2099", 4), CODEBOOK_SLOTS - 1);
	assert_int_equal(codebook_slot_of("00", 2), -1);
	assert_int_equal(codebook_slot_of("21", 2), -1);
	assert_int_equal(codebook_slot_of("0a1", 3), -1);
	assert_int_equal(codebook_slot_of(NULL, 3), -1);
	/* the one-pass reading of a whole code agrees, and rejects what is more
	 * or less than 2-4 digits before the NUL */
	for (size_t i = 0; i < n; i++) {
		const char *c = codebook_at(i)->code;
		size_t len = 99;
		assert_int_equal(codebook_slot_of_str(c, &len), codebook_slot_of(c, strlen(c)));
		assert_int_equal(len, strlen(c));
	}
	static const char *const bad[] = { "", "4", "04x", "0400x", "04000", "00", "21", "0a",
		"2a99", "-04" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t len = 99;
		assert_int_equal(codebook_slot_of_str(bad[i], &len), -1);
		assert_int_equal(len, 0);
	}
	size_t len = 99;
	assert_int_equal(codebook_slot_of_str(NULL, &len), -1);
	assert_int_equal(codebook_slot_of_str("2099", &len), CODEBOOK_SLOTS - 1);
	assert_int_equal(len, 4);
}

/* PLOVER: exact rows, as the 2021 mapping gives them. */
static void plover_maps_codes(void **state)
{
	(void)state;
	static const struct { const char *code, *event, *mode, *context; } want[] = {
		{"042", "CONSULT", "visit", ""},
		{"041", "CONSULT", "phone", ""},
		{"0871", "RETREAT", "ceasefire", "military"},
		{"094", "ACCUSE", "investigate", "military; legal"},
		{"1041", "REQUEST", "change", "executive"},
		{"163", "COERCE", "restrict", "diplomatic"},
		{"1712", "ASSAULT", "seize", "human_security"},
		{"195", "ASSAULT", "heavy-weapons", "military"},
		{"0861", "RETREAT", "access", "peacekeeping"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dy_plover *p = plover_lookup(want[i].code);
		assert_non_null(p);
		assert_string_equal(p->code, want[i].code);
		assert_string_equal(p->event, want[i].event);
		assert_string_equal(p->mode, want[i].mode);
		assert_string_equal(p->context, want[i].context);
		assert_ptr_equal(plover_lookup_exact(want[i].code), p);
	}
}

/* A code without its own row takes its parent's, then its root's. */
static void plover_falls_back_to_parent_then_root(void **state)
{
	(void)state;
	/* 1951 (in the CAMEO manual, not in the mapping) -> 195 */
	assert_null(plover_lookup_exact("1951"));
	const dy_plover *p = plover_lookup("1951");
	assert_non_null(p);
	assert_string_equal(p->code, "195");
	assert_string_equal(p->event, "ASSAULT");
	/* 1834 -> 183 */
	p = plover_lookup("1834");
	assert_string_equal(p->code, "183");
	assert_string_equal(p->mode, "suicide-attack");
	/* 155 -> root 15 */
	p = plover_lookup("155");
	assert_string_equal(p->code, "15");
	assert_string_equal(p->event, "MOBILIZE");
	/* A 4-digit code whose parent has no row either: 1551 -> 155 -> 15. */
	p = plover_lookup("1551");
	assert_string_equal(p->code, "15");
	/* Roots 01 and 02 were dropped from PLOVER: no row at any level. */
	assert_null(plover_lookup("010"));
	assert_null(plover_lookup("0211"));
	assert_null(plover_lookup("02"));
	/* Not codes. */
	assert_null(plover_lookup(""));
	assert_null(plover_lookup(NULL));
	assert_null(plover_lookup("04x"));
	assert_null(plover_lookup("04200"));
	assert_null(plover_lookup("21"));
}

/* Every code of roots 03-20 gets a PLOVER event; every row is a known code
 * and the table is sorted. */
static void plover_covers_the_codebook(void **state)
{
	(void)state;
	static const char *events[] = {
		"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
		"ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
		"SANCTION", "COERCE", "ASSAULT",
	};
	for (size_t i = 0; i < codebook_count(); i++) {
		const dy_code_info *ci = codebook_at(i);
		const dy_plover *p = plover_lookup(ci->code);
		if (strcmp(ci->root, "03") < 0) {
			assert_null(p);
			continue;
		}
		assert_non_null(p);
		size_t k;
		for (k = 0; k < sizeof events / sizeof events[0]; k++)
			if (strcmp(p->event, events[k]) == 0)
				break;
		assert_true(k < sizeof events / sizeof events[0]);
	}
	for (size_t i = 0; i < plover_count(); i++) {
		const dy_plover *p = plover_at(i);
		assert_non_null(codebook_lookup(p->code));
		assert_non_null(p->mode);
		assert_non_null(p->context);
		if (i > 0)
			assert_true(strcmp(plover_at(i - 1)->code, p->code) < 0);
	}
	assert_null(plover_at(plover_count()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codebook_roots_have_their_quad),
		cmocka_unit_test(codebook_knows_names_and_goldstein),
		cmocka_unit_test(codebook_adds_codes_the_csv_lacks),
		cmocka_unit_test(codebook_rejects_what_is_not_a_code),
		cmocka_unit_test(codebook_nearest_climbs_to_a_parent),
		cmocka_unit_test(codebook_table_is_consistent),
		cmocka_unit_test(plover_maps_codes),
		cmocka_unit_test(plover_falls_back_to_parent_then_root),
		cmocka_unit_test(plover_covers_the_codebook),
	};
	return cmocka_run_group_tests_name("codebook", tests, NULL, NULL);
}
