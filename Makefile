# Integration guidance bot. `make help` lists the targets.
# Every target builds .venv (Python 3.10 + pinned packages) first when missing
# or when requirements*.txt / constraints.txt changed since the last install.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PINS := requirements.txt requirements-dev.txt constraints.txt

export PYTHONPATH := $(CURDIR)
# TensorFlow and Rasa talk a lot at import; keep test and tool output readable.
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: help venv test test-fast validate lint typecheck format lock clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): $(PINS) scripts/bootstrap-venv.sh scripts/find-python310.sh
	@scripts/bootstrap-venv.sh

venv: $(STAMP) ## Create or update .venv from the pins (Python 3.10 found automatically)

test: $(STAMP) ## Run the whole test suite (builds .venv on a fresh machine)
	$(PYTHON) -m pytest

test-fast: $(STAMP) ## Run the tests that need no trained model or servers
	$(PYTHON) -m pytest -m "not slow"

validate: $(STAMP) ## Check knowledge/ for staff mistakes; prints path:line: message
	$(PYTHON) -m actions.validate --knowledge knowledge

lint: $(STAMP) ## ruff check + format check, mypy on actions/ and bot/
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: ## Re-resolve requirements*.txt into constraints.txt in a scratch venv
	@scripts/lock.sh

clean: ## Remove .venv, caches and trained models
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache models
