# Two entry points, both safe on a fresh clone: each creates .venv and installs into it first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/rmcoach knowledge ingest
	$(VENV)/bin/rmcoach knowledge search "How do I invite candid feedback from my junior mentor?" -k 3

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests benchmarks

bench: $(STAMP)
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done
