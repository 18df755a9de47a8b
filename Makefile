# Ducha: `make run` sets up and serves the demo; `make test` sets up and runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/ducha

.PHONY: install run serve test test-sqlite test-postgres test-browser lint format bench clean

install: $(VENV)/.installed build/vendor/.installed locale/.compiled

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# uv installs the pinned set in seconds; pip alone works too, only slower.
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9 || true
	@if [ -x $(VENV)/bin/uv ]; then $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock; \
	 else $(PY) -m pip install --quiet -r requirements.lock; fi
	@touch $@

build/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@# Only the dist files we serve, not whole packages (see docs/architecture.md).
	rm -rf build/vendor && mkdir -p build/vendor/echarts build/vendor/leaflet
	cp node_modules/echarts/dist/echarts.min.js build/vendor/echarts/
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css build/vendor/leaflet/
	cp -r node_modules/leaflet/dist/images build/vendor/leaflet/
	@touch $@

locale/.compiled: $(VENV)/.installed $(wildcard locale/*/LC_MESSAGES/django.po)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 || (echo "compilemessages needs gettext (apt install gettext)"; exit 1)
	@touch $@

run: install
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo
	@echo "Ducha: http://127.0.0.1:8000/  (Ctrl-C 停止)"
	@scripts/serve

test: install
	@scripts/test

test-sqlite: install
	$(VENV)/bin/pytest -q ducha tests/unit tests/api tests/blind

test-postgres: install
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q ducha tests/unit tests/api tests/blind

test-browser: install
	$(VENV)/bin/pytest -q tests/browser

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

BENCHES := import history textsim repeats_eval repeats pages dashboard overdue sandbox zoning zoning_map sealing hostile demo

bench: install
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) node_modules build
