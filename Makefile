# Samenspel: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development, demo data and tests run with DEBUG on; settings.py's default is off (production).
export DEBUG ?= 1

.PHONY: run test install assets messages migrate seed lint format bench clean

$(VENV)/.installed: requirements/base.txt requirements/test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.installed assets

# Front-end assets: NL Design System CSS and htmx from the npm registry, copied into static/vendor.
static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/utrecht static/vendor/htmx
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/index.css
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/htmx.min.js
	touch $@

assets: static/vendor/.installed

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: install messages
	$(PY) manage.py migrate --no-input -v 0

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	PORT=$(PORT) bin/run-dev

# Two pytest-xdist workers; loadgroup keeps the browser tests together (tests/browser/conftest.py).
# TEST_WORKERS=0: one process, as a plain `pytest` run is.
TEST_WORKERS ?= 2
test: install messages
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install messages
	bin/bench

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3
