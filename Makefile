# glossary: PostgreSQL extension built with PGXS

EXTENSION = glossary
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = $(EXTENSION)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PGFILEDESC = "glossary - technical glossary and AI release openness classifier"

# The install script is assembled from numbered parts, one per feature area.
SQL_PARTS = $(sort $(wildcard sql/[0-9][0-9]-*.sql))
# The update script from the previous version is assembled too, in file-name
# order: the changes to objects that existed before (sql/update-VERSION/NN-*.sql)
# and every part that is wholly new, marked by a line "-- new in VERSION".
PREV_VERSION = 1.2
UPDATE_SCRIPT = sql/$(EXTENSION)--$(PREV_VERSION)--$(EXTVERSION).sql
NEW_PARTS = $(shell grep -lx -- '-- new in $(EXTVERSION)' $(SQL_PARTS))
UPDATE_PARTS = $(shell printf '%s\n' $(wildcard sql/update-$(EXTVERSION)/[0-9][0-9]-*.sql) $(NEW_PARTS) \
	| awk -F/ '{ print $$NF, $$0 }' | sort | cut -d' ' -f2)
# Older versions' scripts are kept as released, next to the update scripts
# that lead from each to the next (sql/glossary--A--B.sql).
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql $(UPDATE_SCRIPT)
DATA = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

TESTS = $(sort $(wildcard test/sql/*.sql))
REGRESS = $(patsubst test/sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=test --load-extension=$(EXTENSION)
ISOLATION = $(patsubst test/specs/%.spec,%,$(sort $(wildcard test/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test --load-extension=$(EXTENSION)
PROVE_TESTS = test/t/*.pl

SHLIB_LINK += -lyaml
# ICU's NFKC_Casefold for label keys (normalize.c)
SHLIB_LINK += -licuuc
# CommonMark for the HTML pages (render_markdown.c): Debian's libcmark-dev
SHLIB_LINK += -lcmark
PG_CPPFLAGS += -I$(srcdir)/src -DGLOSSARY_VERSION=\"$(EXTVERSION)\"
# make FAULTS=1: the fault-injection build (src/fault_inject.h), for test/t/085 only
ifeq ($(FAULTS),1)
PG_CPPFLAGS += -DGLOSSARY_FAULT_INJECTION
endif

# generated from data/licenses.tsv (rule below); set before pgxs.mk, which tests ifdef EXTRA_CLEAN
EXTRA_CLEAN = src/license_table.h src/license_table.h.tmp

# PG_CONFIG chooses the major; by default that of the newest server headers
# installed in Debian's layout, else pg_config from PATH
PG_CONFIG ?= $(or $(lastword $(sort $(patsubst /usr/include/postgresql/%/server/postgres.h,/usr/lib/postgresql/%/bin/pg_config,\
	$(wildcard /usr/include/postgresql/*/server/postgres.h)))),pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
# test/perl/GlossaryTest.pm: helpers the TAP tests share (after pgxs.mk, which sets PROVE_FLAGS)
PROVE_FLAGS += -I $(srcdir)/test/perl
else
# No server headers yet: `make test` and `make demo` install them first.
all install installcheck:
	@echo "glossary: $(PG_CONFIG) not found; run 'make test' or 'make demo' (they install what is missing) or: apt-get install -y postgresql-server-dev-NN libyaml-dev libpq-dev libicu-dev libcmark-dev (NN: your major, 15 or later)" >&2; exit 2
endif

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) $(EXTENSION).control
	( printf '/* %s, assembled from sql/NN-*.sql by make */\n\n' '$@'; \
	  printf '\\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \\quit\n'; \
	  for f in $(SQL_PARTS); do printf '\n-- %s\n' "$$f"; cat "$$f"; done ) > $@

$(UPDATE_SCRIPT): $(UPDATE_PARTS) $(SQL_PARTS) $(EXTENSION).control
	( printf '/* %s, assembled from sql/update-$(EXTVERSION)/ and the parts new in $(EXTVERSION) by make */\n\n' '$@'; \
	  printf '\\echo Use "ALTER EXTENSION $(EXTENSION) UPDATE TO '"'"'$(EXTVERSION)'"'"'" to load this file. \\quit\n'; \
	  for f in $(UPDATE_PARTS); do printf '\n-- %s\n' "$$f"; cat "$$f"; done ) > $@

all: $(DATA_built)

# glossary-load, the command-line loader: a libpq client, not part of the module.
ifneq ($(PGXS),)
CLI = glossary-load
# Debian keeps client programs in /usr/lib/postgresql/VERSION/bin and puts
# /usr/bin/NAME -> pg_wrapper on PATH, which runs the right version's NAME.
DEBIAN_WRAPPER = $(if $(and $(wildcard /usr/share/postgresql-common/pg_wrapper),$(filter /usr/lib/postgresql/%,$(bindir))),yes)
EXTRA_CLEAN += $(CLI)
# GLOSSARY_CLI=no builds and installs the module only: Debian's versioned
# packages (debian/rules) leave glossary-load to the glossary-load package,
# which installs it once with "make install-cli bindir=/usr/bin".
GLOSSARY_CLI ?= yes
ifneq ($(GLOSSARY_CLI),no)
all: $(CLI)
install: install-cli
uninstall: uninstall-cli
endif
# one file per job (src/cli/glossary_load.h); simple_prompt() for the password
# prompt comes from PostgreSQL's static frontend library libpgcommon, as in psql
CLI_SRCS = $(sort $(wildcard src/cli/*.c))
$(CLI): $(CLI_SRCS) src/cli/glossary_load.h
	$(CC) $(CFLAGS) $(CPPFLAGS) -I$(shell $(PG_CONFIG) --includedir) \
		-I$(shell $(PG_CONFIG) --includedir-server) $(CLI_SRCS) \
		-L$(shell $(PG_CONFIG) --libdir) -L$(shell $(PG_CONFIG) --pkglibdir) $(LDFLAGS) \
		-lpq -lpgcommon -lpgport -o $@
.PHONY: install-cli uninstall-cli
install-cli: $(CLI)
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) $(CLI) '$(DESTDIR)$(bindir)/$(CLI)'
ifneq ($(DEBIAN_WRAPPER),)
	$(MKDIR_P) '$(DESTDIR)/usr/bin'
	@if [ -e '$(DESTDIR)/usr/bin/$(CLI)' ] && [ ! -L '$(DESTDIR)/usr/bin/$(CLI)' ]; then \
		echo "glossary: $(DESTDIR)/usr/bin/$(CLI) exists and is not a link; left as it is" >&2; \
	else \
		ln -sfn ../share/postgresql-common/pg_wrapper '$(DESTDIR)/usr/bin/$(CLI)'; \
	fi
	@echo "glossary: $(CLI) installed in $(bindir), run it as $(CLI) (/usr/bin/$(CLI) -> pg_wrapper, as for psql)"
else
	@echo "glossary: $(CLI) installed in $(bindir); run it as $(bindir)/$(CLI) or add $(bindir) to PATH"
endif
uninstall-cli:
	rm -f '$(DESTDIR)$(bindir)/$(CLI)'
ifneq ($(DEBIAN_WRAPPER),)
	@# the link serves every PostgreSQL version: it goes with the last glossary-load
	@if [ -L '$(DESTDIR)/usr/bin/$(CLI)' ] && [ "$$(readlink '$(DESTDIR)/usr/bin/$(CLI)')" = ../share/postgresql-common/pg_wrapper ] \
		&& ! ls '$(DESTDIR)'/usr/lib/postgresql/*/bin/$(CLI) >/dev/null 2>&1; then \
		rm -f '$(DESTDIR)/usr/bin/$(CLI)'; \
	fi
endif
endif

# Release classification: the licence table is generated from data/licenses.tsv.
src/licences.o src/licences.bc: src/license_table.h
src/license_table.h: data/licenses.tsv data/spdx/licenses.json tools/gen-license-table.pl
	perl tools/gen-license-table.pl data/licenses.tsv data/spdx/licenses.json > $@.tmp && mv $@.tmp $@

# The two commands of the README, and the developer targets around them.
.PHONY: test test-matrix test-package dist test-dist demo demo-stop bench bench-matrix fuzz

test:
	@tools/run-tests.sh

# every major Debian ships, each in a clean root of its release (root only)
test-matrix:
	@tools/test-matrix.sh $(SUITES)

# the Debian packages: built, linted, installed, used and purged in clean
# roots of one suite (root only): make test-package SUITE=trixie
SUITE ?= bookworm
test-package:
	@tools/test-package.sh $(SUITE)

# PGXN: glossary-VERSION.zip from git archive of HEAD (what is committed;
# .gitattributes leaves the developer-only files out).  The versions of
# HEAD's META.json (release and provides) must be the control file's
# default_version as SemVer, and debian/changelog's upstream version the same.
dist:
	@git rev-parse --verify -q HEAD >/dev/null || { echo "dist: not a git checkout" >&2; exit 1; }
	@git diff --quiet HEAD || echo "dist: uncommitted changes are not in the zip (it is made from HEAD)" >&2
	@head_ext=$$(git show HEAD:$(EXTENSION).control | sed -n "s/^default_version = '\(.*\)'/\1/p"); \
	meta=$$(git show HEAD:META.json | tr -d ' \n' | sed 's/"meta-spec":{[^}]*}//' | grep -o '"version":"[^"]*"' | cut -d'"' -f4 | sort -u); \
	deb=$$(git show HEAD:debian/changelog 2>/dev/null | sed -n '1s/.*(\([^-)]*\).*/\1/p'); \
	echo "dist: META.json $$(echo $$meta), $(EXTENSION).control $$head_ext, EXTVERSION $(EXTVERSION), debian/changelog $$deb"; \
	if [ "$$meta" != "$(EXTVERSION).0" ] || [ "$$head_ext" != "$(EXTVERSION)" ] || [ -n "$$deb" -a "$$deb" != "$(EXTVERSION)" ]; then \
		echo "dist: the versions disagree: META.json's version and provides.$(EXTENSION).version must both be $(EXTVERSION).0 (SemVer of default_version $(EXTVERSION)), as committed in HEAD" >&2; exit 1; \
	fi
	git archive --format zip --prefix=$(EXTENSION)-$(EXTVERSION).0/ --output $(EXTENSION)-$(EXTVERSION).0.zip HEAD
	@echo "dist: wrote $(EXTENSION)-$(EXTVERSION).0.zip ($$(unzip -l $(EXTENSION)-$(EXTVERSION).0.zip 2>/dev/null | tail -1 | awk '{print $$2}') files)"

# the zip, unpacked into an empty directory of a clean SUITE root: builds, installs and passes
# installcheck from there (root: the server runs as postgres)
test-dist:
	@tools/test-dist.sh $(SUITE)

demo:
	@tools/demo.sh start

demo-stop:
	@tools/demo.sh stop

bench:
	@tools/run-bench.sh

# the headline benchmarks on every major, a column each (root only)
bench-matrix:
	@tools/bench-matrix.sh $(SUITES)

fuzz: src/license_table.h
	@tools/run-fuzz.sh
