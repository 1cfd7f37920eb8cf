# dyad's own dictionaries, embedded in the binary: every dictionary file under
# data/dict/ becomes bytes in $(BUILD)/gen/builtin_dict.c (tools/embed.c).
BUILTIN_FILES := $(shell find data/dict -type f \( -name '*.verbs' -o -name '*.actors' \
	-o -name '*.agents' -o -name '*.options' -o -name '*.discards' \) | LC_ALL=C sort)
BUILTIN_C := $(BUILD)/gen/builtin_dict.c
LIBOBJ    += $(BUILD)/gen/builtin_dict.o

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -Wall -Wextra -o $@ $<

$(BUILTIN_C): $(BUILD)/tools/embed $(BUILTIN_FILES) | $(BUILD)/gen
	$(BUILD)/tools/embed data/dict/ $(BUILTIN_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/builtin_dict.o: $(BUILTIN_C)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<
