/* SPDX-License-Identifier: MIT */
/* JSON output helpers: the writers build each output line in a dy_buf with these,
 * so every string dyad prints is escaped the same way. Input is assumed to be
 * valid UTF-8 (the normalizer guarantees it); bytes are copied through except
 * for the characters JSON requires to be escaped. */
#ifndef DY_JSON_H
#define DY_JSON_H

#include <stddef.h>

#include "buf.h"

void json_string(dy_buf *b, const char *s, size_t n); /* writes "..." */
void json_cstring(dy_buf *b, const char *s);          /* NULL writes null */
void json_key(dy_buf *b, const char *key, int first); /* writes ,"key": */

/* The length of the longest prefix of s[0..n) that json_string() copies
 * unchanged (no control byte, '"' or '\\'); n when the whole string is. */
size_t json_safe_len(const char *s, size_t n);

#endif
