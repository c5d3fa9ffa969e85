# Two commands on a fresh clone: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# One BLAS thread: the solvers work on many small matrices, where threads cost more than
# they give (a 256x256 eig: 0.09 s on one thread, seconds with two on a busy machine).
RUNENV := MPLBACKEND=Agg OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

.PHONY: setup demo test test-slow clean

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

test-slow: setup
	$(RUNENV) $(PY) -m pytest -q -m slow

clean:
	rm -rf results .pytest_cache
