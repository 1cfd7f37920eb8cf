/* SPDX-License-Identifier: MIT */
/* JSON string escaping for dyad's writers (see json.h). */
#include <string.h>

#include "json.h"

void json_string(dy_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_reserve(b, n + 2);
	buf_putc(b, '"');
	size_t run = 0; /* start of the pending run of bytes that need no escape */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':  buf_append(b, "\\\"", 2); break;
		case '\\': buf_append(b, "\\\\", 2); break;
		case '\n': buf_append(b, "\\n", 2); break;
		case '\r': buf_append(b, "\\r", 2); break;
		case '\t': buf_append(b, "\\t", 2); break;
		default: {
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_append(b, esc, 6);
		}
		}
	}
	buf_append(b, s + run, n - run);
	buf_putc(b, '"');
}

void json_cstring(dy_buf *b, const char *s)
{
	if (!s)
		buf_append(b, "null", 4);
	else
		json_string(b, s, strlen(s));
}

void json_key(dy_buf *b, const char *key, int first)
{
	if (!first)
		buf_putc(b, ',');
	json_string(b, key, strlen(key));
	buf_putc(b, ':');
}
