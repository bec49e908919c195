# Two commands: `make run` serves the demo site, `make test` runs the whole suite.
# `make test-fast` leaves out the browser and HTML-checker tests, for the edit-test loop.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto

.PHONY: run test test-fast bench setup-dev migrate demo clean prod prod-stop

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

test: $(VENV)/.dev
	$(PY) manage.py compile_catalogues
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-fast: $(VENV)/.dev
	$(PY) manage.py compile_catalogues
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser and not html_checker" $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media static .pytest_cache
