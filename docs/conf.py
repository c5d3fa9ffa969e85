"""Sphinx configuration of the qbcircuit documentation (built by `make docs`).

Why Sphinx (with MyST-NB) rather than MkDocs: the scientific Python packages this project
stands on (Qiskit, QuTiP, NumPy, SciPy) document themselves with Sphinx, so the API
reference reads the NumPy-style docstrings with autodoc + napoleon as theirs do;
MyST-NB reads the tutorials as they are kept, Jupytext percent-format ``.py`` files,
executes them at build time and puts their figures in the pages; and ``-W`` turns every
warning (a broken cross-reference, a docstring that does not parse, a cell that raises)
into a failed build.

The tutorials are executed in their quick mode (``QBC_QUICK=1``): all of them together take
a couple of minutes on two cores, where the full modes take tens of minutes; the pages say
how to draw the paper's figures.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import qbcircuit  # noqa: E402

project = "qbcircuit"
author = "the qbcircuit developers"
copyright = "the qbcircuit developers, Apache-2.0"
version = release = qbcircuit.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]

# --- the tutorials: examples/*.py, copied in at each build (docs/tutorials/ holds only index.md) --
TUTORIALS = HERE / "tutorials"
for old in TUTORIALS.glob("*.py"):
    old.unlink()
# QBC_DOCS_TUTORIALS=quickstart,trotter_tutorial builds only those (while writing one).
ONLY = {name for name in os.environ.get("QBC_DOCS_TUTORIALS", "").split(",") if name}
for source in sorted((ROOT / "examples").glob("*.py")):
    if not source.name.startswith("_") and (not ONLY or source.stem in ONLY):
        shutil.copy2(source, TUTORIALS / source.name)

nb_custom_formats = {".py": ["jupytext.reads", {"fmt": "py:percent"}]}
nb_execution_mode = os.environ.get("QBC_DOCS_EXECUTE", "cache")
nb_execution_timeout = 900
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# The tutorials run in quick mode and write their files outside the source tree.
os.environ["QBC_QUICK"] = "1"
os.environ.setdefault("QBC_RESULTS", tempfile.mkdtemp(prefix="qbc-docs-results-"))
os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend shows the figures
os.environ.setdefault("OMP_NUM_THREADS", "1")

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

source_suffix = {".md": "myst-nb", ".py": "myst-nb"}
exclude_patterns = ["_build", "conf.py", "README.md", "**/.ipynb_checkpoints", "jupyter_execute"]

# --- the API reference -----------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource", "show-inheritance": False}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False

# --- HTML ------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"qbcircuit {release}"
html_static_path: list[str] = []
