# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test bench lint format clean install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

install: $(VENV)/.run-deps
install-dev: $(VENV)/.dev-deps

run: install  ## serve the demo county on HOST:PORT (mongomock + fake WeChat + worker)
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 1 --threads 8 --timeout 120 \
		--error-logfile - server.wsgi:app

test: install-dev  ## the whole suite (set MONGODB_URI to run it against a real MongoDB)
	$(BIN)/python -m pytest

bench: install-dev  ## the performance table
	$(BIN)/python -m bench

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
