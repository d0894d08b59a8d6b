# Two entry points, both safe on a fresh clone: each creates .venv and installs into it first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench vectors

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Ends in the app (a demo programme is seeded when the store is empty); outside a terminal,
# `rmcoach` prints its help instead.
run: $(STAMP)
	$(VENV)/bin/rmcoach knowledge ingest
	$(VENV)/bin/rmcoach

# The types first (a few seconds once mypy's cache is warm), then the whole suite; CI runs this.
test: $(STAMP)
	$(VENV)/bin/mypy
	$(PY) -m pytest

# mypy reads its settings from pyproject.toml ([tool.mypy]: the assistant package, pydantic's plugin).
lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests benchmarks
	$(VENV)/bin/mypy

bench: $(STAMP)
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

# After editing the bundled guidance: recompute the section vectors shipped beside it.
vectors: $(STAMP)
	$(PY) -c 'from assistant.knowledge.shipped import regenerate; print(regenerate(), "vectors")'
