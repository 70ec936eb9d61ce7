# SEDP Planner — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint format test-sqlite test-postgres messages bench bench-indicators bench-fiveyear bench-province bench-revisions bench-portal bench-monitoring clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## demo: install, create the SQLite database, load the Lào Cai demo and serve it
demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "\nMở http://$(HOST):$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	@# The background worker (document renders, figure rebuilds) lives as long as the server.
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## test: lint, then the whole suite on SQLite and on a throwaway PostgreSQL database
test: lint test-sqlite test-postgres

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.installed
	$(PY) -m pytest -p no:cacheprovider

test-postgres: $(VENV)/.installed
	$(PY) bin/with-throwaway-postgres $(PY) -m pytest -p no:cacheprovider

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: refresh and compile the Vietnamese catalogue
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=tools --ignore=bench
	$(PY) manage.py compilemessages -l vi --ignore=.venv

## bench: print the figures of bench/
bench: $(VENV)/.installed
	$(PY) bench/bench_territory.py
	$(PY) bench/bench_cycles.py --provinces 5
	$(PY) bench/bench_plans.py
	$(PY) bench/bench_directives.py
	$(PY) bench/bench_documents.py
	$(PY) bench/bench_fiveyear.py
	$(PY) bench/bench_revisions.py
	$(PY) bench/bench_portal.py
	$(PY) bench/bench_monitoring.py

## bench-indicators: national-scale indicator roll-up on PostgreSQL, SQLite and DuckDB
## (scale: make bench-indicators BENCH_ARGS="--provinces 5 --communes 40 --villages 10")
bench-indicators: $(VENV)/.installed
	$(PY) bin/with-throwaway-postgres $(PY) bench/bench_indicators.py $(BENCH_ARGS)

## bench-province: a province's full consolidation (sector lines and territories) on
## PostgreSQL, then SQLite (scale: make bench-province BENCH_ARGS="--communes 40")
bench-province: $(VENV)/.installed
	$(PY) bin/with-throwaway-postgres $(PY) bench/bench_province.py $(BENCH_ARGS)
	$(PY) bench/bench_province.py $(BENCH_ARGS)

## bench-revisions: change report of a provincial plan and the targets cascade check
## (scale: make bench-revisions BENCH_ARGS="--activities 5000 --indicators 40 --units 120")
bench-revisions: $(VENV)/.installed
	$(PY) bench/bench_revisions.py $(BENCH_ARGS)

## bench-portal: public portal search and a consultation page with many comments
bench-portal: $(VENV)/.installed
	$(PY) bench/bench_portal.py $(BENCH_ARGS)

## bench-monitoring: the M&E dashboard of a 110-commune province on PostgreSQL
bench-monitoring: $(VENV)/.installed
	$(PY) bin/with-throwaway-postgres $(PY) bench/bench_monitoring.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts var media

## bench-fiveyear: five-year progress page and a district's orientation consolidation, on PostgreSQL
bench-fiveyear: $(VENV)/.installed
	$(PY) bin/with-throwaway-postgres $(PY) bench/bench_fiveyear.py $(BENCH_ARGS)
