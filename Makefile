# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= 2  # pytest-xdist processes; the machine has two cores
export HOST PORT

MP := miniprogram

.PHONY: run test bench lint format clean install install-dev browser-deps mp-deps

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

# The mini-program's Node test tools, exactly as pinned in its lock file; again only when
# package.json or package-lock.json changes.
$(MP)/node_modules/.installed: $(MP)/package.json $(MP)/package-lock.json
	npm ci --prefix $(MP) --no-audit --no-fund --loglevel=error
	touch $@
mp-deps: $(MP)/node_modules/.installed

run: install  ## serve the demo county on HOST:PORT (mongomock + fake WeChat + worker)
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 1 --threads 8 --timeout 120 \
		--error-logfile - server.wsgi:app

# The console's browser tests drive Debian's Chromium (with CJK fonts). Installed with apt
# when run as root and missing; anywhere else the browser tests skip and say why.
browser-deps:
	@if dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q chromium fonts-noto-cjk) \
		|| echo "warning: could not install chromium; the browser tests will be skipped"; \
	else echo "note: chromium not installed and not root; the browser tests will be skipped"; fi

test: install-dev browser-deps mp-deps  ## the whole suite (set MONGODB_URI to run it against a real MongoDB)
	$(BIN)/python -m pytest -rs -n $(TEST_WORKERS)
	npm test --prefix $(MP)

bench: install-dev  ## the performance table
	$(BIN)/python -m bench

lint: install-dev  ## ruff, and the import contracts of .importlinter (layers, domain faces, no cycles)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output $(MP)/node_modules
