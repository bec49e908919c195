# Two commands: `make run` serves the demo site, `make test` runs the whole suite (after `make lint`).
# `make test-fast` leaves out the browser and HTML-checker tests, for the edit-test loop.
# `make lint` checks Python (ruff), templates (djLint) and the apps' layering (import-linter,
# docs/architecture.md); `make format` rewrites what the format checks ask for.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto

.PHONY: run test test-fast lint format bench setup-dev migrate demo clean prod prod-stop loadtest drills drills-short lighthouse

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.runtime
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_data --if-empty
	$(PY) manage.py ensure_admin
	$(PY) manage.py sync_roles
	$(PY) manage.py ensure_demo_users

run: demo
	@echo "Serving http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production shape on this machine: PostgreSQL, Redis, gunicorn on 127.0.0.1:8000 and the task
# worker (deploy/prod-local.sh; needs root for apt-get and PostgreSQL). Ctrl-C or `make prod-stop` ends it.
prod: $(VENV)/.runtime
	HOST=$(HOST) PORT=$(PORT) bash deploy/prod-local.sh

prod-stop:
	bash deploy/prod-stop.sh

TEMPLATE_DIRS := templates api/templates registry/templates

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint $(TEMPLATE_DIRS) --lint
	$(VENV)/bin/djlint $(TEMPLATE_DIRS) --check
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	# djLint exits 1 whenever it changed a file; `make lint` checks the result.
	-$(VENV)/bin/djlint $(TEMPLATE_DIRS) --reformat --quiet

test: lint
	$(PY) manage.py compile_catalogues
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-fast: lint
	$(PY) manage.py compile_catalogues
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser and not html_checker" $(PYTEST_ARGS)

# Locust, headless, only to 127.0.0.1:$(PORT): starts the production shape (database achyk_load,
# Redis 6390, 5,000 generated institutions) if nothing answers there, and stops it again.
# LOADTEST_SECONDS / LOADTEST_USERS shorten it (loadtest/run.py lists every knob).
loadtest: $(VENV)/.dev
	PORT=$(PORT) $(PY) -m loadtest

# Fault drills (operations/drills): the production shape on ports 8100/6391/5499 under a small load,
# one part broken and restored at a time. Needs root (its own PostgreSQL cluster, a tmpfs). CI runs the short form.
drills: $(VENV)/.dev
	$(PY) -m operations.drills

drills-short: $(VENV)/.dev
	$(PY) -m operations.drills --short

bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

# Google Lighthouse, performance only, mobile and desktop, 3 runs: the /ky/ home page, directory and a
# profile of the production shape on 127.0.0.1:$(PORT), started (database achyk_lighthouse, Redis 6393)
# and stopped again if nothing answers there. Lighthouse from npm (pinned, bench/lighthouse/package-lock.json),
# Chromium from Debian (CHROME_PATH); never a downloaded browser. Fails when a median score is under 0.95.
LIGHTHOUSE_DIR := bench/lighthouse
$(LIGHTHOUSE_DIR)/node_modules/.installed: $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
	touch $@

lighthouse: $(VENV)/.runtime $(LIGHTHOUSE_DIR)/node_modules/.installed
	PORT=$(PORT) $(PY) -m bench.lighthouse

clean:
	rm -rf $(VENV) db.sqlite3 media static .pytest_cache
