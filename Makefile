# Integration guidance bot. `make help` lists the targets.
# Every target builds .venv (Python 3.10 + pinned packages) first when missing
# or when requirements*.txt / constraints.txt changed since the last install.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PINS := requirements.txt requirements-dev.txt constraints.txt

# Local settings: copy .env.example to .env; its values reach every process started here.
# The defaults of every setting are in actions/settings.py (the README's configuration table).
ifneq (,$(wildcard .env))
include .env
export
endif

export PYTHONPATH := $(CURDIR)
# TensorFlow and Rasa talk a lot at import; keep test and tool output (training, data validation) readable.
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false

MODEL := models/current.tar.gz
KNOWLEDGE := knowledge
RESPONSES := responses
LOOKUPS := build/nlu/knowledge_lookups.yml
NLU_INPUTS := config.yml domain.yml $(wildcard nlu_data/*.yml nlu_data/*/*.yml) $(LOOKUPS)

.PHONY: help venv test test-fast validate lint typecheck format hooks lock clean train run serve eval purge report resilience bench

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): $(PINS) scripts/bootstrap-venv.sh scripts/find-python310.sh
	@scripts/bootstrap-venv.sh

venv: $(STAMP) ## Create or update .venv from the pins (Python 3.10 found automatically)

test: $(MODEL) ## Run the test suite (builds .venv and the model on a fresh machine); all but the long resilience runs
	E2E_MODEL=$(abspath $(MODEL)) $(PYTHON) -m pytest -m "not resilience"

test-fast: $(STAMP) ## Run the tests that need no trained model or servers
	$(PYTHON) -m pytest -m "not slow"

resilience: $(MODEL) ## kill -9 / restart the real processes, broken edits, fuzzing, 429 storms, a 10,000-message soak
	E2E_MODEL=$(abspath $(MODEL)) $(PYTHON) -m pytest tests/resilience

bench: $(MODEL) ## Latency, throughput, scale-out, stock Rasa beside ours, memory -> BENCHMARKS.md (trains the stock model once)
	$(PYTHON) -m scripts.bench

# Staff content first: its problems come out as path:line: message, and the lookup
# tables and Rasa's check (which read the same files) only run on valid content.
validate: $(STAMP) ## Check knowledge/, responses/ and Rasa data; prints path:line: message
	$(PYTHON) -m actions.tools.validate --knowledge $(KNOWLEDGE) --responses $(RESPONSES) --domain domain.yml
	$(PYTHON) -m actions.tools.nlu_lookups --knowledge $(KNOWLEDGE) $(LOOKUPS)
	$(VENV)/bin/rasa data validate --fail-on-warnings --data nlu_data $(dir $(LOOKUPS)) --domain domain.yml --config config.yml

# .venv is an order-only prerequisite: a new test tool must not force retraining.
$(LOOKUPS): $(KNOWLEDGE)/districts.yml actions/tools/nlu_lookups.py actions/content/knowledge/inflection.py actions/content/knowledge/names.py | $(STAMP)
	$(PYTHON) -m actions.tools.nlu_lookups --knowledge $(KNOWLEDGE) $@

$(MODEL): requirements.txt $(NLU_INPUTS) | $(STAMP)
	$(PYTHON) -m scripts.train --knowledge $(KNOWLEDGE) --lookups $(LOOKUPS) --out $(dir $(MODEL)) --name current

train: $(MODEL) ## Train the Rasa model if training data or config changed since the last one

run: $(MODEL) ## Main job: env + model if needed, then action server, Rasa and the bot (terminal chat without TELEGRAM_BOT_TOKEN)
	$(PYTHON) -m scripts.run

serve: $(MODEL) ## Run the action server (actions + NLG) and Rasa in the foreground, no Telegram
	$(PYTHON) -m scripts.run --no-bot

# Ours vs Rasa's default pipeline twice: NLU on nlu_test/ (scripts/eval_nlu.py, which keeps both models in
# build/eval/), then the blind set through the real stack, a throwaway one per model (scripts/eval_blind.py).
# build/eval/default.tar.gz is NLU-only, so eval_blind trains its pipeline with the rules once more
# (build/eval/default-dialogue.tar.gz, reused while config and data are unchanged).
BLIND_SETS := tests/conversations $(wildcard tests/conversations/v[0-9] tests/conversations/v[0-9][0-9])

eval: $(MODEL) ## Ours vs Rasa's default pipeline: NLU on nlu_test/, the blind set through the real stack; writes reports/
	$(PYTHON) -m scripts.eval_nlu
	$(PYTHON) -m scripts.eval_blind --out reports/blind_eval.md $(addprefix --blind-dir ,$(BLIND_SETS)) \
		--start-stack $(MODEL) --label "ours (config.yml)" \
		--start-stack build/eval/default.tar.gz --label "Rasa default pipeline" \
		--nlu-only-config scripts/default_config.yml

purge: $(STAMP) ## Delete conversations and preferences older than RETENTION_DAYS (the stack also does it daily)
	$(PYTHON) -m scripts.purge

report: $(STAMP) ## For staff: not-understood questions per locale, language mix, top topics (no user ids)
	$(PYTHON) -m scripts.report

lint: $(STAMP) ## ruff check + format check, mypy on actions/, bot/ and scripts/
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

hooks: $(STAMP) ## Install the git pre-commit hook: ruff --fix, ruff format, mypy (the .venv's tools, no network)
	$(VENV)/bin/pre-commit install

lock: ## Re-resolve requirements*.txt into constraints.txt in a scratch venv
	@scripts/lock.sh

clean: ## Remove .venv, caches and trained models
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache models
