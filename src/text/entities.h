/* SPDX-License-Identifier: MIT */
/* HTML character references for the normalizer. Exports entity_decode(), which
 * reads one reference ("&eacute;", "&#233;", "&#xE9;") at the start of a byte
 * range, and entity_lookup() for a bare name. The named set is HTML 4's plus
 * &apos; (see entities.inc). Stateless; safe from any thread. */
#ifndef DY_ENTITIES_H
#define DY_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/* Longest name in the table ("thetasym"); longer names are not looked up. */
#define DY_ENTITY_NAME_MAX 8

/* Decodes the reference that starts at s[0] == '&' (n bytes available, no NUL
 * needed). Returns the bytes it spans, or 0 when s does not start a reference we
 * decode (the '&' is then plain text). On success *cp is the code point:
 *   - named: case-sensitive, ';' required, except that &amp &lt &gt &quot &nbsp
 *     (and the upper-case AMP LT GT QUOT) are also taken without ';' when the next
 *     byte is not a letter, digit or '=' (so "AT&T", "a&b" and query strings like
 *     "?x=1&lt=2" stay as they are; "fish &amp chips" decodes);
 *   - numeric: "&#" digits or "&#x"/"&#X" hex digits, ';' optional as in HTML.
 *     0, surrogates and values above U+10FFFF give U+FFFD; 0x80-0x9F give the
 *     Windows-1252 character, as browsers do ("&#150;" is an en dash). */
size_t entity_decode(const char *s, size_t n, uint32_t *cp /* OUT */);

/* Code point of a named reference (without '&' and ';'), or 0 when unknown. */
uint32_t entity_lookup(const char *name, size_t len);

/* The table, for tests: number of names and the i-th name (sorted). */
size_t      entity_count(void);
const char *entity_name(size_t i);

#endif
