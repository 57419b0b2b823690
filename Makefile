# Agora: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# npm writes this file on every install; it is newer than the lock file once `npm ci` has run.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: setup run serve test bench lint messages clean cluster cluster-check load

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Agora needs Python 3.11 or newer" or 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# KRDS, the design system, comes from npm (Node.js 20 or newer); no bundler, only `npm ci`.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Agora needs Node.js 20 or newer (npm) for its design system"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP)

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DJANGO_DEBUG=1 $(PY) manage.py compute_opinions
	# The task worker recomputes opinion maps after votes; it stops with the server.
	DJANGO_DEBUG=1 $(PY) manage.py task_worker --interval 5 & trap 'kill $$!' EXIT; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Production on this machine: gunicorn (gunicorn.conf.py reads GUNICORN_* from the environment),
# WhiteNoise for static files, and the task worker. Needs DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS; DATABASE_URL and CACHE_URL name PostgreSQL and Redis (README).
serve: setup
	DJANGO_DEBUG=0 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(PY) manage.py task_worker --interval 2 & trap 'kill $$!' EXIT; \
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn -c gunicorn.conf.py

test: setup
	$(PY) -m pytest

# Pages under gunicorn first (PostgreSQL, Redis and wrk on 127.0.0.1), then the other benches;
# `make bench ONLY=pages` runs the page bench alone.
bench: setup
	$(PY) -m bench $(ONLY)

# Two app servers behind nginx, with a PostgreSQL cluster (port 5544) and a Redis (6544) of
# their own; needs root for pg_createcluster (README: Two app servers). Ctrl-C tears it down.
cluster: setup
	$(PY) -m bench.cluster up

cluster-check: setup
	$(PY) -m bench.cluster check

# LOAD_CLIENTS (64) signed-in clients for LOAD_SECONDS (60): clean, PostgreSQL restarted, Redis
# restarted (README: Load and fault tests).
load: setup
	$(PY) -m bench.load

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Needs GNU gettext; the compiled .mo files are committed so that nobody else does.
messages: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l ko --ignore=.venv --ignore=node_modules --ignore=tests --no-obsolete
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l ko --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
