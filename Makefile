# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install install-dev migrate run test e2e web-types web-check lint format openapi eval bench load model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(PIP) -r requirements.txt -c constraints.txt
	$(PIP) --no-deps -e .  # the `stylist` command
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml | $(BIN)/python
	$(PIP) -r requirements-dev.txt -c constraints.txt
	$(PIP) --no-deps -e .  # the `stylist` command
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed

install-dev: $(VENV)/.dev-installed

migrate: install
	$(BIN)/alembic upgrade head

run: migrate  ## serve on http://127.0.0.1:8000 (SQLite + local files by default)
	$(BIN)/uvicorn app.main:app --host $(HOST) --port $(PORT) --no-proxy-headers

test: install-dev  ## the whole suite but the browser tests; PostgreSQL too when STYLIST_TEST_DATABASE_URL is set
	$(BIN)/pytest -m "not e2e"

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web-types: web/node_modules/.installed  ## regenerate the web app's API types from docs/openapi.json
	cd web && npx openapi-typescript ../docs/openapi.json -o ../app/web/static/js/api-types.d.ts

web-check: web/node_modules/.installed  ## the committed API types match the contract; the app type-checks against them
	cd web && npx openapi-typescript ../docs/openapi.json -o node_modules/.api-types.d.ts >/dev/null
	cmp -s web/node_modules/.api-types.d.ts app/web/static/js/api-types.d.ts || \
	  { echo "app/web/static/js/api-types.d.ts is stale: run make web-types"; exit 1; }
	cd web && npx tsc -p tsconfig.json

e2e: install-dev web-check  ## browser tests: headless Chromium (Debian's) against a real server; screenshots in var/screenshots
	scripts/install-browser.sh
	STYLIST_E2E_REQUIRED=1 $(BIN)/pytest -m e2e tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app alembic tests eval bench load

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

openapi: install  ## regenerate docs/openapi.json
	$(BIN)/python -m app.cli openapi > docs/openapi.json

DATA ?= ../shared/data
TRAIN_VENV := .venv-train

eval: install-dev  ## accuracy on the validation splits (DATA=path to the labelled sets)
	$(BIN)/python -m training.evaluate --data $(DATA) --out models/
	$(BIN)/python -m eval.colours --data $(DATA)
	$(BIN)/python -m eval.vision --data $(DATA)
	$(BIN)/python -m eval.duplicates --data $(DATA)
	$(BIN)/python -m eval.outfits --data $(DATA) --no-fit
	$(BIN)/python -m eval.outfits_ceiling --data $(DATA)
	$(BIN)/python -m eval.outfits_scenarios --data $(DATA)
	$(BIN)/python -m eval.assistant

bench: install-dev  ## latency and throughput on this machine
	$(BIN)/python -m bench.vision
	$(BIN)/python -m bench.outfits
	$(BIN)/python -m bench.assistant
	$(BIN)/python -m bench.http  # ORIGINAL=path/to/ai-stylist checkout adds the side-by-side run

USERS ?= 50
SECONDS ?= 60

load: install-dev  ## USERS concurrent users for SECONDS against a local server (PostgreSQL via STYLIST_DATABASE_URL)
	$(BIN)/python -m load.run --users $(USERS) --seconds $(SECONDS)

$(TRAIN_VENV)/.installed:
	$(PYTHON) -m venv $(TRAIN_VENV)
	# torch only here, never in the service: the CPU build is what `pip install torch==2.13.0` finds on this disk.
	$(TRAIN_VENV)/bin/pip install --quiet torch==2.13.0
	$(TRAIN_VENV)/bin/pip install --quiet -r training/requirements.txt -c constraints.txt
	touch $@

model: $(TRAIN_VENV)/.installed  ## retrain and export models/ (about an hour on 2 CPU cores)
	$(TRAIN_VENV)/bin/python -m training.embed --data $(DATA)
	$(TRAIN_VENV)/bin/python -m training.finetune --data $(DATA) --epochs 4
	$(TRAIN_VENV)/bin/python -m training.heads --data $(DATA) --out models/
	$(TRAIN_VENV)/bin/python -m training.export --data $(DATA) --out models/
	$(TRAIN_VENV)/bin/python -m training.shipped_cache --data $(DATA)
	$(TRAIN_VENV)/bin/python -m training.extra_heads --data $(DATA) --out models/
	$(TRAIN_VENV)/bin/python -m training.evaluate --data $(DATA) --out models/

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
