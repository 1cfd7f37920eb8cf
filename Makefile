# dyad build. `make` builds ./dyad; `make test` runs every test (plain build and
# ASan+UBSan build); `make bench` prints throughput figures. Sources are found by
# wildcard: one folder per pipeline stage under src/, one test file per module
# under tests/unit/. Extra rules of a stage live in mk/*.mk.

CC      ?= cc
PKGS    := libutf8proc libxml-2.0 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

OPT     ?= -O2 -g
WARN    := -Wall -Wextra -pedantic -Wstrict-prototypes -Wno-unused-parameter
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(PKG_CFLAGS) -Isrc -I$(BUILD)/gen $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm $(EXTRA_LDLIBS)

BUILD   ?= build
SRC     := $(wildcard src/*/*.c)
MAIN    := src/cli/main.c
LIBSRC  := $(filter-out $(MAIN),$(SRC))
LIBOBJ  := $(LIBSRC:%.c=$(BUILD)/%.o)
TESTSRC := $(wildcard tests/unit/test_*.c)
TESTBIN := $(TESTSRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN     :=

.PHONY: all test unit bench bench-bins fuzz clean accuracy

all: dyad

-include mk/*.mk

# Copied by rename, so that a ./dyad still running keeps its old file instead
# of the copy failing with "Text file busy".
dyad: $(BUILD)/dyad
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/dyad dyad.tmp && mv -f dyad.tmp dyad; fi

$(BUILD)/dyad: $(LIBOBJ) $(BUILD)/src/cli/main.o
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libdyad.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c $(GEN) | $(BUILD)/gen
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/gen:
	@mkdir -p $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL) -lcmocka

unit: $(TESTBIN) $(BUILD)/dyad

# The whole suite: unit tests and command tests on the plain build, then the
# unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer. The
# last line is the total, "N passed, M failed, K skipped".
test:
	@$(MAKE) --no-print-directory dyad unit
	@$(MAKE) --no-print-directory BUILD=build-san unit \
		OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	@sh tests/run.sh build build-san

bench: dyad bench-bins
	@sh bench/run.sh

clean:
	rm -rf build build-san build-fuzz dyad

-include $(LIBOBJ:.o=.d) $(BUILD)/src/cli/main.d

# Accuracy on the development sets in ../shared (python3; a developer's tool).
accuracy: dyad
	@python3 tools/accuracy.py $(ACCURACY_ARGS)
