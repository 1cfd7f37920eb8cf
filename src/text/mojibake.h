/* SPDX-License-Identifier: MIT */
/* Mojibake repair for the normalizer: UTF-8 text that was decoded as
 * Windows-1252, Windows-1250 or ISO-8859-1 and stored again as UTF-8 ("CafÃ©",
 * "CĂ©journe"), once or several times over. Exports mojibake_repair(), which
 * works in place on a run of code points, and mojibake_c1(), the Windows-1252
 * reading of a C1 control. Stateless; safe from any thread.
 *
 * Model: each code point is mapped back to the byte a code page gives it; where
 * the bytes form a well-formed, non-overlong UTF-8 sequence of 2 to 4 bytes
 * whose character is plausible, the sequence replaces the code points. */
#ifndef DY_MOJIBAKE_H
#define DY_MOJIBAKE_H

#include <stddef.h>
#include <stdint.h>

/* A run element is a code point (low 21 bits) plus flags saying how it came
 * about; the normalizer counts repairs from the flags. */
#define DY_CP_MASK    0x1FFFFFu
#define DY_CP_INVALID (1u << 24) /* U+FFFD standing for an ill-formed sequence */
#define DY_CP_MOJI    (1u << 25) /* character rebuilt from mis-decoded text */

/* Most rounds of repair, one per layer of double encoding. */
#define DY_MOJIBAKE_ROUNDS 3

/* What mojibake_repair() reports in *status. */
#define DY_MOJI_REPAIRED  1 /* at least one repair was made */
#define DY_MOJI_WEAK_LEFT 2 /* nothing made, but weak candidates wait for evidence */

/* Repairs r[0..k) in place: a maximal run of non-ASCII code points. `prev` is
 * the code point just before the run (0 at the start of the text); it tells a
 * word-final capital from one inside a lower-case word. A weak repair (one that
 * legitimate text could also show, as "CAFÉ”") is made only when the run has a
 * strong one or `evidence` is set: the caller has seen mojibake elsewhere in
 * the document. Returns the new length (never more than k); repaired elements
 * carry DY_CP_MOJI, and elements absorbed into a repair are gone with their
 * flags. *status gets DY_MOJI_* bits. Linear in k. */
size_t mojibake_repair(uint32_t *r, size_t k, uint32_t prev, int evidence, int *status /* OUT */);

/* True when the run r[0..k) holds a strong repair: evidence for the rest of
 * its document. Does not change r. */
int mojibake_strong(const uint32_t *r, size_t k, uint32_t prev);

/* The Windows-1252 character for C1 control `c` (U+0080-U+009F), as text that
 * was cp1252 read as Latin-1 shows it (U+0092 for a right quote); 0 when c is
 * not a C1 control or the byte is undefined in cp1252. */
uint32_t mojibake_c1(uint32_t c);

/* True when `c` could start a mojibake sequence in some code page: cheap test
 * that lets the normalizer skip runs that cannot need repair. */
int mojibake_may_start(uint32_t c);

#endif
