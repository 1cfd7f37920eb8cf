# Lemma tables: tools/gen_lemma.c compiles WordNet's exception lists and indexes
# (Debian package wordnet-base) into $(BUILD)/gen/lemma_exc.inc, which
# src/text/lemma.c includes. The generator runs on the build host.
WORDNET ?= /usr/share/wordnet
HOSTCC  ?= cc
LEMMA_WN := $(addprefix $(WORDNET)/,verb.exc noun.exc adj.exc index.noun index.verb index.adj index.adv)

GEN += $(BUILD)/gen/lemma_exc.inc

$(BUILD)/tools/gen_lemma: tools/gen_lemma.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=c11 -O2 -Wall -Wextra -pedantic -o $@ $<

$(BUILD)/gen/lemma_exc.inc: $(BUILD)/tools/gen_lemma $(LEMMA_WN) | $(BUILD)/gen
	$(BUILD)/tools/gen_lemma $(LEMMA_WN) > $@.tmp && mv $@.tmp $@
