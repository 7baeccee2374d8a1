# StrongBack. `make run` starts the bot; `make test` runs every check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test pytest lint typecheck contracts unit e2e chat bench bench-quick migrate pictures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# --no-compile: the install runs before everything else, and compiling every installed module
# (mypy's, pip's, fontTools'...) took a third of it; what runs compiles what it imports.
$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -e '.[dev]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)  ## start the bot (long polling; migrations apply themselves at start)
	$(BIN)/python -m bot

migrate: $(STAMP_RUN)  ## apply migrations without starting the bot (same lock and file modes as the bot)
	$(BIN)/python -m bot.migrate

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

contracts: $(STAMP_DEV)
	$(BIN)/lint-imports

# Six workers on the 2-core machines; every worker starts with its share of the long end-to-end
# tests (tests/support/ordering.py) and worksteal hands the rest to whichever worker is idle.
# Most end-to-end tests wait for a bot or a timer, so workers beyond the cores fill the idle
# CPU (docs/PERFORMANCE.md "The test suite's own time").
PYTEST_PARALLEL := -n 6 --dist worksteal

# `make test` runs the checks, the quick benchmark and pytest side by side (-j): mypy and the
# benchmark's waits fill CPU the end-to-end tests leave idle. Each job's output is printed
# whole when it ends; the first failure fails the target.
test: $(STAMP_DEV)  ## everything CI runs
	$(MAKE) --no-print-directory -j 5 --output-sync=target lint typecheck contracts bench-quick pytest

# Bytecode is kept for the test run even where PYTHONDONTWRITEBYTECODE is set: the suite starts
# about a hundred bot processes, and each would compile the project's modules again.
pytest: $(STAMP_DEV)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q $(PYTEST_PARALLEL)

unit: $(STAMP_DEV)
	$(BIN)/python -m pytest -q tests/unit

e2e: $(STAMP_DEV)
	$(BIN)/python -m pytest -q -m e2e $(PYTEST_PARALLEL)

chat: $(STAMP_DEV)  ## try the coach in the terminal, no Telegram account needed
	$(BIN)/python -m tests.support.chat

pictures: $(STAMP_RUN)  ## every exercise animation, its frames and an overview in build/pictures/
	$(BIN)/python -m bot.contact_sheet build/pictures

# The bot processes the benchmark starts keep their compiled bytecode, as a deployed image does.
bench: $(STAMP_DEV)  ## performance figures, see docs/PERFORMANCE.md (under 10 minutes)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m bench

bench-quick: $(STAMP_DEV)  ## the same benchmark at small sizes (about a minute), so it cannot rot
	env -u PYTHONDONTWRITEBYTECODE BENCH_QUICK=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build/pictures
