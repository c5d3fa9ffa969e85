# Two commands on a fresh clone: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# One BLAS thread: the solvers work on many small matrices, where threads cost more than
# they give (a 256x256 eig: 0.09 s on one thread, seconds with two on a busy machine).
RUNENV := MPLBACKEND=Agg OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

DOCS_STAMP := $(VENV)/.installed-docs

.PHONY: setup demo test test-slow docs clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(RUNENV) $(PY) examples/quickstart.py

test: setup
	$(RUNENV) $(PY) -m pytest -q

# The documentation site, in docs/_build/html: the docs extra, then Sphinx with warnings as
# errors; the tutorials are executed in their quick mode (docs/README.md).
$(DOCS_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,docs]"
	@touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

test-slow: setup
	$(RUNENV) $(PY) -m pytest -q -m slow

clean:
	rm -rf results .pytest_cache docs/_build docs/jupyter_execute docs/tutorials/*.py
