# Quick start: `make run` (the whole system on embedded SQLite and Redis) and `make test`.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
FLASK := $(PYTHON) -m flask --app wsgi
STAMP := $(VENV)/.installed
# Front-end libraries come from the npm registry (package-lock.json) and are served as static files.
ECHARTS := admin_site/static/vendor/echarts.min.js

.PHONY: run test bench translations compile-translations system-packages static clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@) && cp node_modules/echarts/dist/echarts.min.js $@

static: $(ECHARTS)

compile-translations: $(STAMP)
	@for domain in messages admin; do $(VENV)/bin/pybabel compile -D $$domain -d translations --statistics; done

run: $(STAMP) compile-translations static
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) ensure-admin
	$(FLASK) run-all

# Debian packages the tests use: headless Chromium and Chinese fonts for the screens, LibreOffice to
# check that the Word papers open and convert.
system-packages:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . && command -v soffice >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
	    fonts-noto-cjk libreoffice-writer-nogui >/dev/null; }

# Two worker processes (pytest-xdist), one per core: each has its own databases and Redis keyspace.
TEST_WORKERS ?= 2
test: $(STAMP) compile-translations static system-packages
	$(PYTHON) -m pytest -q -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Benchmarks print their figures; BENCH_DATABASE_URL picks the database (default: local PostgreSQL).
bench: $(STAMP) compile-translations static
	@for script in bench/bench_*.py; do name=$$(basename $$script .py); echo "== $$name"; \
	  $(PYTHON) -m bench.$$name 2>&1 | grep -v alembic || exit 1; done

# Re-extract the English msgids after changing the code, then translate the new entries.
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o messages.pot .
	$(VENV)/bin/pybabel update -i messages.pot -d translations -D messages --no-fuzzy-matching --ignore-obsolete
	rm messages.pot
	$(PYTHON) translations/flatten.py translations/*/LC_MESSAGES/*.po

clean:
	rm -rf $(VENV) .pytest_cache node_modules admin_site/static/vendor
