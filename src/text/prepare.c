/* SPDX-License-Identifier: MIT */
/* text_prepare(): the front end's stages in their one order (see text.h). */
#include "text.h"

void text_prepare(dy_arena *a, const char *raw, size_t n, dy_text *out)
{
	text_normalize(a, raw, n, &out->norm);
	/* Strip the dateline first: left in, "RIYADH" would open the first sentence
	 * and be read as an actor. */
	out->has_dateline = dateline_find(out->norm.text, out->norm.len, &out->dateline);
	uint32_t body = out->has_dateline ? out->dateline.body : 0;
	out->n_sentences = split_sentences(a, out->norm.text + body, out->norm.len - body,
					   &out->sentences);
	for (size_t i = 0; i < out->n_sentences; i++)
		out->sentences[i].off += body;
}

size_t text_repairs_in(const dy_text *t, dy_span s)
{
	/* repairs[] is ascending: binary search for the first offset >= s.off. */
	size_t lo = 0, hi = t->norm.n_repairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->norm.repairs[mid] < s.off)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t count = 0;
	while (lo < t->norm.n_repairs && t->norm.repairs[lo] < s.off + s.len) {
		count++;
		lo++;
	}
	return count;
}
