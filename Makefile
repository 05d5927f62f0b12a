# The two commands: `make demo` and `make test`. Both set everything up first.
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs in parallel processes (pytest-xdist), each with its own test database
# and Redis key prefix: one per CPU, at most 4 (each creates and migrates its database);
# tests that share a module-wide server stay in one process (tests/conftest.py).
TEST_WORKERS ?= $(shell n=$$(nproc); echo $$((n > 4 ? 4 : n)))

# After changing a user-facing string: refresh the English catalog, translate what is new, compile.
.PHONY: demo test install messages browser servers validators backup restore audit lint format clean bench bench-lookup bench-analytics bench-hitcount bench-admin bench-publish bench-sizing bench-smoke faults test-workers

# Re-install only when the dependencies change.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) -m core.demo --port $(PORT)

# The browser checks drive Debian's chromium (never `playwright install`).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-core)

# The nginx tests run Debian's nginx in front of the app on loopback (deploy/nginx/).
servers:
	command -v nginx >/dev/null && test -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || \
		(apt-get update -qq && apt-get install -y -qq nginx-light libnginx-mod-http-cache-purge)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

# The third-party checks of the public pages (tests/e2e/test_validators.py): the Nu HTML
# checker (Java), pa11y and Lighthouse (Node.js), pinned in tools/validators; both use
# Debian's chromium (never a downloaded browser). package.json pins two packages Lighthouse
# asks for as "latest" (overrides), so npm ci installs the same tree every time.
VALIDATORS = tools/validators/node_modules/.installed
$(VALIDATORS): tools/validators/package.json tools/validators/package-lock.json
	command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	cd tools/validators && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

validators: browser $(VALIDATORS)

test: install browser servers validators
	DJANGO_SETTINGS_MODULE=core.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=core.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not alone"
	$(VENV)/bin/pytest -m alone

# Benchmarks (not tests): need the PostgreSQL and Redis servers on 127.0.0.1, and wrk.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/page_cache.py

bench-lookup: install
	$(PY) bench/lookup_search.py

bench-analytics: install
	$(PY) bench/analytics.py

bench-admin: install
	$(PY) bench/admin_screens.py

# Readers while editors publish: stale pages served while one request renders them again.
bench-publish: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/publish.py

# Redis, PostgreSQL and the Celery worker killed under load: 5xx, p99, views lost, recovery
# (bench/faults.py; results in docs/operations.md).
faults: install
	$(PY) bench/faults.py

# The figures docs/operations.md sizes a province and the country with.
bench-sizing: install
	$(PY) bench/sizing.py

# Every benchmark in a tiny configuration, to prove each still runs (make test runs them too).
bench-smoke: install servers
	$(VENV)/bin/pytest -n $(TEST_WORKERS) tests/operations/test_benchmarks_still_run.py

bench-hitcount: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) bench/versus_hitcount.py

messages: install
	DJANGO_SETTINGS_MODULE=core.settings.test $(PY) manage.py makemessages -l en --no-location --ignore=".venv/*" --ignore="*/migrations/*" --ignore="tests/*" --ignore="bench/*"
	DJANGO_SETTINGS_MODULE=core.settings.test $(PY) manage.py compilemessages --ignore=".venv/*"

# make backup DIR=/srv/backups/2026-11-30 (flushes the live counts first); make restore DIR=…
# into an empty database and media folder (DATABASE_URL, MEDIA_ROOT): see docs/operations.md.
backup: install
	$(if $(DIR),,$(error Say where: make backup DIR=/path/to/an/empty/folder))
	$(PY) manage.py backup $(DIR)

restore: install
	$(if $(DIR),,$(error Say which: make restore DIR=/path/to/a/backup))
	$(PY) manage.py restore $(DIR)

# The pinned dependencies against PyPI's advisories (tools/audit_dependencies.py).
audit: install
	$(PY) tools/audit_dependencies.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var

test-workers:
	@echo $(TEST_WORKERS)
