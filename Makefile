# Two commands: `make demo` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench bench-linkage bench-linkage-ceiling bench-planning bench-ledger bench-server serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/parley demo

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest --cov=parley --cov-report=term:skip-covered $(PYTEST_ARGS)

bench: $(VENV)/.test-installed
	$(BIN)/python -m benchmarks.run

$(VENV)/.bench-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.test-installed

bench-linkage: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.linkage --scale 1 --scale 10 --scale 20 --seed 1 --mix default --mix hard

# What any rule deciding from Parley's comparisons could reach, beside Parley: a classifier
# taught by the truth of other seeds' lists (benchmarks/linkage_ceiling.py).
bench-linkage-ceiling: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.linkage_ceiling --scale 10 --scale 20 --mix hard --mix slips --mix unheld

bench-ledger: $(VENV)/.test-installed
	$(BIN)/python -m benchmarks.ledger --events 8000

bench-planning: $(VENV)/.test-installed
	$(BIN)/python -m benchmarks.planning --per-side 100000 --naive 250 --naive 1000 --naive 2000

# Loopback, a throwaway PostgreSQL, 4 workers: mixed load, concurrent confirmers, then the
# ledger verified and every acknowledged write looked up (benchmarks/server.py).
bench-server: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.server --workers 4 --rate 200 --seconds 60 --confirmers 16

# The demo service on http://127.0.0.1:8000/ with a login of each role (scripts/serve-demo.sh).
serve: $(VENV)/.installed
	BIN=$(BIN) bash scripts/serve-demo.sh

clean:
	rm -rf $(VENV) parley.db parley-report.html parley-serve.db parley-serve-keys build .pytest_cache .mypy_cache .ruff_cache .coverage
