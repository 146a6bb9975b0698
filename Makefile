# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install install-dev migrate run test lint format openapi clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt constraints.txt | $(BIN)/python
	$(PIP) -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt constraints.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt -c constraints.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed

install-dev: $(VENV)/.dev-installed

migrate: install
	$(BIN)/alembic upgrade head

run: migrate  ## serve on http://127.0.0.1:8000 (SQLite + local files by default)
	$(BIN)/uvicorn app.main:app --host $(HOST) --port $(PORT)

test: install-dev  ## the whole suite; PostgreSQL too when STYLIST_TEST_DATABASE_URL is set
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app alembic tests

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

openapi: install  ## regenerate docs/openapi.json
	$(BIN)/python -m app.cli openapi > docs/openapi.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
