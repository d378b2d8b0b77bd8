# Parley's one command surface. `make` alone lists the targets.
#
# Ports (override on the command line or in the environment): KAFKA_PORT=9092,
# KAFKA_CONTROLLER_PORT=9093, PARLEY_PG_PORT=54329. Set KAFKA_BOOTSTRAP_SERVERS and/or
# PARLEY_DATABASE_URL_TEST to use external services instead of the local ones.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
# Touched after a successful install: the venv is rebuilt only when pyproject.toml is newer.
VENV_STAMP := $(VENV)/.installed
LINT_PATHS := shared services benchmarks tests
PYTEST_ARGS ?=

.PHONY: help venv kafka-up kafka-down pg-up pg-down infra-up infra-down unit test lint format demo bench quality schemas

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(VENV_STAMP): pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV_STAMP) ## create .venv and install the project with its dev tools (when pyproject.toml changed)

kafka-up: ## start the local Kafka broker (downloads it from Maven Central the first time)
	scripts/kafka.sh start

kafka-down: ## stop the local Kafka broker
	scripts/kafka.sh stop

pg-up: ## start the local PostgreSQL server (installs Debian's postgresql if missing)
	scripts/postgres.sh start

pg-down: ## stop the local PostgreSQL server
	scripts/postgres.sh stop

infra-up: kafka-up pg-up ## start Kafka and PostgreSQL

infra-down: kafka-down pg-down ## stop Kafka and PostgreSQL

unit: venv ## run the unit tests (no broker, no database)
	$(VENV)/bin/python -m pytest tests/unit $(PYTEST_ARGS)

test: venv ## run the whole suite against a local broker and database, started and stopped around it
	scripts/with-infra.sh $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: venv ## ruff check, ruff format --check and mypy
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/mypy $(LINT_PATHS)

format: venv ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)
	$(VENV)/bin/ruff format $(LINT_PATHS)

demo: venv ## run the pipeline on this machine: Kafka, the four services, seeds/ ingested, API on :8000
	scripts/demo.sh

bench: venv ## extraction throughput on one core, then the pipeline's throughput and latency
	$(VENV)/bin/python benchmarks/extract.py
	scripts/with-infra.sh --kafka-only $(VENV)/bin/python benchmarks/pipeline.py --spawn --articles $${BENCH_ARTICLES:-500}

quality: venv ## extraction scores on the seeds (with ../shared's referee), the three dev sets, the held-out and the two fresh sets
	@mkdir -p .run
	$(VENV)/bin/parley extract seeds/ > .run/seeds.pred.jsonl
	python3 ../shared/eval/score.py --gold ../shared/eval/seeds.gold.jsonl --pred .run/seeds.pred.jsonl
	@for set in dev dev2 dev3 holdout fresh fresh2; do \
	    $(VENV)/bin/parley extract tests/data/$$set/articles.jsonl > .run/$$set.pred.jsonl; \
	    echo "$$set:"; $(VENV)/bin/parley eval tests/data/$$set/gold.jsonl .run/$$set.pred.jsonl; \
	done

schemas: venv ## export the Kafka messages' JSON Schemas to schemas/
	$(VENV)/bin/python -m parley_shared.schema_export --out schemas
