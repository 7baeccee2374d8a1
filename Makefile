# StrongBack. `make run` starts the bot; `make test` runs every check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint typecheck contracts unit e2e chat bench bench-quick migrate pictures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

# Three workers on the 2-core machines; worksteal hands the long end-to-end tests to whichever
# worker is idle (the default "load" split left one worker with every e2e test). The end-to-end
# tests mostly wait for a bot process, so a third worker uses the idle CPU: 9.6 -> 7.1 min for
# pytest on 2026-12-06 (docs/PERFORMANCE.md "The test suite's own time").
PYTEST_PARALLEL := -n 3 --dist worksteal

test: lint typecheck contracts bench-quick  ## everything CI runs
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL)

unit: $(STAMP_DEV)
	$(BIN)/python -m pytest -q tests/unit

e2e: $(STAMP_DEV)
	$(BIN)/python -m pytest -q -m e2e $(PYTEST_PARALLEL)

chat: $(STAMP_DEV)  ## try the coach in the terminal, no Telegram account needed
	$(BIN)/python -m tests.support.chat

pictures: $(STAMP_RUN)  ## every exercise animation, its frames and an overview in build/pictures/
	$(BIN)/python -m bot.contact_sheet build/pictures

bench: $(STAMP_DEV)  ## performance figures, see docs/PERFORMANCE.md (under 10 minutes)
	$(BIN)/python -m bench

bench-quick: $(STAMP_DEV)  ## the same benchmark at small sizes (about a minute), so it cannot rot
	BENCH_QUICK=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build/pictures
