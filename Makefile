# The two commands: `make demo` runs the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/cms

.DEFAULT_GOAL := help
.PHONY: help demo serve scheduler setup test test-sqlite test-postgres test-soak fuzz lint format check system-packages bench audit clean messages soak soak-quick

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed ## Install the pins, migrate, compile translations, collect static files
	$(PY) manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	 else echo "warning: gettext (msgfmt) is missing: the admin stays in English. apt-get install gettext"; fi
	$(PY) manage.py collectstatic --noinput -v 0

demo: export PORT := $(PORT)
demo: setup ## Set up, load the demo content and serve on 127.0.0.1:$(PORT) (absolute URLs name that port)
	$(PY) manage.py ensure_roles
	$(PY) manage.py load_demo_content
	$(PY) manage.py publish_scheduled
	@echo ""
	@echo "  Reader site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/admin/"
	@echo "  API (v2):     http://127.0.0.1:$(PORT)/api/v2/pages/?type=articles.ArticlePage&fields=*"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

scheduler: $(VENV)/.installed ## Run scheduled publishing every minute and review reminders daily (cron stand-in)
	@echo "publish_scheduled and build_snapshots every 60 s, send_review_reminders every 24 h; Ctrl-C stops"
	@n=0; while true; do $(PY) manage.py publish_scheduled; $(PY) manage.py build_snapshots -v 0; \
	 if [ $$((n % 1440)) -eq 0 ]; then $(PY) manage.py send_review_reminders; fi; n=$$((n + 1)); sleep 60; done

system-packages: ## Install Debian's chromium (browser tests), gettext and Java 17 (Nu HTML Checker) when missing
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	 command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	 command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	 if [ -n "$$missing" ]; then echo "Installing$$missing (apt-get)"; apt-get update -qq && \
	   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

messages: $(VENV)/.installed system-packages ## Refresh locale/ from the code; then translate the new entries
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemessages -l es -l de -l ar --no-obsolete \
	  --ignore=.venv --ignore=static --ignore=media --ignore=tests --ignore=bench --ignore=audit --ignore=contract --ignore=site/static

check: $(VENV)/.installed-dev ## Django checks and missing migrations
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

lint: $(VENV)/.installed-dev ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# openapi-typescript and tsc for the typed-client check (tests/test_typescript_contract.py), pinned by
# contract/package-lock.json into contract/node_modules and reused until the lock file changes.
contract/node_modules/.installed: contract/package.json contract/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	cd contract && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# axe-core and the Nu HTML Checker (vnu-jar) for the reader site's checks (tests/test_reader_audits.py),
# pinned by audit/package-lock.json; Lighthouse for `make audit`, pinned by audit/lighthouse/.
audit/node_modules/.installed: audit/package.json audit/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	# --ignore-scripts: vnu-jar's install script would fetch a Java of its own; ours is Debian's.
	cd audit && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

audit/lighthouse/node_modules/.installed: audit/lighthouse/package.json audit/lighthouse/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	cd audit/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

TEST_TOOLS := system-packages soak-packages contract/node_modules/.installed audit/node_modules/.installed

# pytest-xdist workers (each with its own test database); `auto` is one per CPU core.
TEST_WORKERS ?= auto

test-sqlite: $(VENV)/.installed-dev $(TEST_TOOLS) ## The suite on SQLite (TEST_WORKERS=auto processes)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py compilemessages --ignore=.venv -v 0
	env -u DATABASE_URL $(VENV)/bin/pytest -q --ds=cms.settings.test -n $(TEST_WORKERS)

test-postgres: $(VENV)/.installed-dev $(TEST_TOOLS) ## The suite on PostgreSQL at PG_URL, in fresh test databases
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q --ds=cms.settings.test --create-db -n $(TEST_WORKERS)

test: lint check test-sqlite test-postgres test-soak ## Lint, check, the suite on SQLite and on PostgreSQL, then the short soak

FUZZ_TESTS := tests/test_fuzz_queries.py tests/test_fuzz_openapi.py

fuzz: $(VENV)/.installed-dev ## The fuzz tests (hypothesis, schemathesis) with many more examples, SQLite then PostgreSQL
	FUZZ_PROFILE=long env -u DATABASE_URL $(VENV)/bin/pytest -q --ds=cms.settings.test $(FUZZ_TESTS)
	FUZZ_PROFILE=long DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q --ds=cms.settings.test --create-db $(FUZZ_TESTS)

# make bench variables (README, Performance):
#   BENCH_PAGES=10000       the large size (1,000 is always measured too; BENCH_PAGES=100000 measures
#                           1,000, 10,000 and 100,000: about 2.7 hours on 2 cores, both databases)
#   BENCH_DB=both           sqlite, postgres or both (PostgreSQL is served with Redis as the cache)
#   BENCH_WORKERS=2,4       gunicorn sync worker counts, each measured
#   BENCH_DURATION=5        seconds of wrk per endpoint; BENCH_CONNECTIONS=8 its connections
#   BENCH_PORT=8791         first of three consecutive ports (ours, static, ours without cache)
#   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432  server for the bench's databases
#   BENCH_DB_PREFIX=bench   databases <prefix>_template and <prefix>_<size>, dropped at the end
#   BENCH_KEEP=1            keep those databases
#   BENCH_REDIS_URL=redis://127.0.0.1:6379/15  flushed (FLUSHDB) before each configuration
bench: $(VENV)/.installed ## Benchmark ours vs stock Wagtail vs a static file on SQLite and PostgreSQL+Redis, 2 and 4 workers (BENCH_PAGES=1000 BENCH_DB=sqlite for a quick run)
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(PY) -m bench.run

soak-packages:
	@missing=""; ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	 command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	 if [ -n "$$missing" ]; then echo "Installing$$missing (apt-get)"; apt-get update -qq && \
	   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

soak: $(VENV)/.installed soak-packages ## Production stack under load with a worker, PostgreSQL, Redis and db_worker killed in turn (SOAK_PHASE_SECONDS=30)
	$(PY) -m bench.soak

soak-quick: $(VENV)/.installed soak-packages ## A short version of `make soak` (8 s phases; about two minutes with set-up)
	SOAK_PHASE_SECONDS=8 $(PY) -m bench.soak

# The short soak as the last step of `make test` (after test-postgres: its own private services).
test-soak: soak-quick

audit: $(VENV)/.installed system-packages audit/lighthouse/node_modules/.installed ## Lighthouse (mobile) on the demo's English and Arabic articles; fails below the targets
	$(PY) -m bench.audit

clean: ## Remove the virtualenv, database, static and media files
	rm -rf $(VENV) db.sqlite3 static media contract/node_modules contract/generated audit/node_modules audit/lighthouse/node_modules
