# Two commands on a fresh clone: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-slow clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	MPLBACKEND=Agg $(PY) examples/quickstart.py

test: setup
	MPLBACKEND=Agg $(PY) -m pytest -q

test-slow: setup
	MPLBACKEND=Agg $(PY) -m pytest -q -m slow

clean:
	rm -rf results .pytest_cache
