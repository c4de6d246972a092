# roleext — PGXS build.  The README's two commands are `make demo` and
# `make test`; both set up everything they need (see test/env.sh).

EXTENSION   = roleext
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" roleext.control)
PG_CONFIG  ?= pg_config

CORE_SRCS   = $(sort $(wildcard src/core/*.c))
GLUE_SRCS   = $(sort $(wildcard src/*.c))
MODULE_big  = roleext
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)

# The extension script is built from sql/*.sql in name order; generated
# parts (reference data) are listed in SQL_GENERATED and built from data/.
SQL_PARTS   = $(sort $(wildcard sql/*.sql) $(SQL_GENERATED))
SQL_GENERATED = sql/23_soc_data.sql sql/71_title_dictionary_data.sql
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*--*.sql))

REGRESS     = $(sort $(basename $(notdir $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test --outputdir=. --load-extension=pgtap --load-extension=pg_trgm --load-extension=roleext

PG_CPPFLAGS = -I$(srcdir)/src
PG_CFLAGS   = -Wall -Wextra -Werror -Wno-unused-parameter \
              -Wno-missing-field-initializers -Wno-sign-compare
EXTRA_CLEAN = $(DATA_built) $(SQL_GENERATED) test/unit/run_unit test/fuzz/*.fuzz results \
              regression.diffs regression.out

# On a fresh machine pg_config is missing until `make deps` (which `make
# test`, `make demo` and `make bench` run first) installs it.
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
all install installcheck:
	@echo "pg_config not found: run 'make deps' first (make test and make demo do it)"; exit 1
endif

# The concatenated script; sql/roleext--*.sql files are outputs, not parts.
sql/$(EXTENSION)--$(EXTVERSION).sql: $(filter-out sql/$(EXTENSION)--%,$(SQL_PARTS)) roleext.control
	cat $(filter-out sql/$(EXTENSION)--% roleext.control,$^) > $@

# ---- generated SQL: reference data from data/ ----------------------------
SOC_DATA_FILES = data/soc2018/soc_2018_definitions.tsv data/soc2018/soc2018_all.csv \
                 data/soc2018/soc_2010_to_2018_crosswalk.tsv \
                 data/onet/onet_27_0_occupation_data.tsv data/onet/onet_27_0_job_zones.tsv \
                 data/onet/onet_27_0_job_zone_reference.tsv \
                 data/onet/onet_soc_2019_to_soc_2018_crosswalk.tsv \
                 data/onet/onet_soc_2010_to_2019_crosswalk.tsv \
                 data/isco/isco_08_to_soc_2010_crosswalk.tsv data/isco/soc_2010_to_isco_08_crosswalk.tsv
sql/23_soc_data.sql: tools/gen_soc_data.pl $(SOC_DATA_FILES)
	perl tools/gen_soc_data.pl data > $@.tmp && mv $@.tmp $@
sql/71_title_dictionary_data.sql: tools/gen_title_dictionary.pl data/onet/onet_27_0_alternate_titles_train.tsv \
                                  data/onet/onet_27_0_occupation_data.tsv
	perl tools/gen_title_dictionary.pl data > $@.tmp && mv $@.tmp $@

# ---- the pure-C core: unit tests and fuzzers, no server needed -----------
UNIT_CC     ?= cc
UNIT_CFLAGS  = -std=c11 -O1 -g -Wall -Wextra -Werror -Isrc
test/unit/run_unit: $(CORE_SRCS) $(wildcard test/unit/*.c test/unit/*.h src/core/*.h)
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ $(wildcard test/unit/*.c) $(CORE_SRCS) -lm

.PHONY: unit fuzz test demo bench deps
unit: test/unit/run_unit
	test/unit/run_unit

FUZZ_TARGETS = $(patsubst %.c,%.fuzz,$(wildcard test/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
test/fuzz/%.fuzz: test/fuzz/%.c $(CORE_SRCS)
	clang -g -O1 -Isrc -fsanitize=fuzzer,address,undefined -o $@ $< $(CORE_SRCS) -lm
fuzz: $(FUZZ_TARGETS)
	@for f in $(FUZZ_TARGETS); do \
	  echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  mkdir -p test/fuzz/corpus/$$(basename $$f .fuzz); \
	  $$f -max_total_time=$(FUZZ_SECONDS) test/fuzz/corpus/$$(basename $$f .fuzz) || exit 1; \
	done

# ---- the README's commands -------------------------------------------------
deps:
	bash test/deps.sh
test:
	bash test/run.sh
demo:
	bash test/demo.sh
bench:
	bash bench/run.sh

# ---- offline evaluation of the autocoder (test/eval; no server needed) ----
EVAL_ARGS  ?=
EXTRA_CLEAN += test/eval/eval_autocode
test/eval/eval_autocode: $(CORE_SRCS) $(wildcard test/eval/*.c test/eval/*.h src/core/*.h)
	$(UNIT_CC) -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Isrc -Itest/eval \
	  -o $@ $(wildcard test/eval/*.c) $(CORE_SRCS) -lm
.PHONY: eval-offline
eval-offline: test/eval/eval_autocode
	test/eval/eval_autocode --data data $(EVAL_ARGS)

# ---- the evaluation in SQL: soc_autocode against pg_trgm (minutes) -------
.PHONY: eval
eval:
	bash test/eval/run.sh
