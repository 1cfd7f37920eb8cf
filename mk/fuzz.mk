# Fuzzing: each fuzz/fuzz_NAME.c is a libFuzzer harness built with clang, ASan
# and UBSan over the whole library. `make fuzz` builds them all and runs each for
# FUZZ_SECONDS; crashes are left in build-fuzz/ as crash-* files.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZSRC  := $(wildcard fuzz/fuzz_*.c)
FUZZBIN  := $(FUZZSRC:fuzz/%.c=build-fuzz/%)
FUZZ_FLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined $(PKG_CFLAGS) -Isrc -Ibuild/gen

# Second expansion: GEN is complete only after every mk/*.mk has been read.
.SECONDEXPANSION:
build-fuzz/%: fuzz/%.c $(LIBSRC) $$(GEN) $$(BUILTIN_C)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIBSRC) $(BUILTIN_C) $(LDLIBS_ALL)

fuzz: $(FUZZBIN)
	@for f in $(FUZZBIN); do \
		name=$$(basename $$f); mkdir -p build-fuzz/corpus-$$name; \
		echo "== $$name ($(FUZZ_SECONDS) s)"; \
		(cd build-fuzz && ./$$name -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			corpus-$$name 2>&1 | tail -n 3) || exit 1; \
	done
