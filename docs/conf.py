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
    "sphinx-mathjax-offline",  # MathJax served with the pages: the site reads offline too
    "sphinx.ext.viewcode",
]

# --- the tutorials: examples/*.py, copied into docs/tutorials/ (generated, not in git) at each build
TUTORIALS = HERE / "tutorials"
TUTORIALS.mkdir(exist_ok=True)
for old in TUTORIALS.glob("*.py"):
    old.unlink()
# QBC_DOCS_TUTORIALS=quickstart,trotter_tutorial builds only those (while writing one).
ONLY = {name for name in os.environ.get("QBC_DOCS_TUTORIALS", "").split(",") if name}
# The reading order; any other tutorial in examples/ follows, by name.
ORDER = ["quickstart", "trotter_tutorial", "collision_model", "star_network_figures", "sweep_star_network",
         "ibm_execution",
         "driven_dissipative", "driven_dissipative_maps", "spin_chargers", "spin_chain_cavity", "dicke_battery",
         "local_global_spin_chain", "pulse_battery"]
found = sorted(p.stem for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
found = [name for name in found if not ONLY or name in ONLY]
found.sort(key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))
for name in found:
    shutil.copy2(ROOT / "examples" / f"{name}.py", TUTORIALS / f"{name}.py")
(TUTORIALS / "index.md").write_text(
    """# Tutorials

Each tutorial is a file in `examples/`, a plain-text notebook (Jupytext percent format:
`# %%` code cells, `# %% [markdown]` text cells) that runs top to bottom as a script,
`.venv/bin/python examples/NAME.py`, or opens as a notebook in Jupyter with Jupytext.
By default a tutorial runs in **full mode** and draws the paper's figure; with
`QBC_QUICK=1` it runs in **quick mode** (small sizes, few points), as the test suite and
this site run them: the figures below are the quick mode's. Figures and JSON summaries are
written under `results/` (or the folder `QBC_RESULTS` names).

```{toctree}
:maxdepth: 1

"""
    + "\n".join(found)
    + "\n```\n"
)

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


# --- docstrings in the project's plain-text physics notation -----------------------------
# The docstrings write states and formulas as plain text: kets |1>, bras <a|, |x| and
# subscripts such as sigma_ or mu_i_, lists right under their paragraph, and formulas set
# off by indentation. reStructuredText reads |...| as a substitution, a word ending in _ as
# a link, an indented block as a quotation and a list without a blank line above it as part
# of the paragraph. So before autodoc parses a docstring (and before napoleon reads its
# sections) this hook escapes | and trailing _ outside ``literals``, `roles` and literal
# blocks, puts a blank line around lists, and shows an indented block that follows a blank
# line as a literal block (the formulas keep their alignment). Nothing in qbcircuit/ changes.
import re  # noqa: E402

_INLINE = re.compile(r"(``.+?``|:[\w:]+:`[^`]+`|`[^`]+`_?)")
_TRAILING_UNDERSCORE = re.compile(r"(?<=\w)(_+)(?=[\s\-.,:;!?/'\")\]}>]|$)")
_BULLET = re.compile(r"^\s*[*-] \S")


def _escape(text: str) -> str:
    parts = _INLINE.split(text)
    for i in range(0, len(parts), 2):  # the even parts are outside inline markup
        parts[i] = _TRAILING_UNDERSCORE.sub(lambda m: "\\_" * len(m.group(1)), parts[i].replace("|", "\\|"))
    return "".join(parts)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _plain_physics(app, what, name, obj, options, lines) -> None:
    out: list[str] = []
    literal = None  # inside a literal block: the indentation of the paragraph that opened it
    in_list = None  # inside a list: the indentation of its bullets
    previous = ""  # the last line written
    last_text = ""  # the last non-blank line written
    for line in lines:
        stripped = line.strip()
        indent = _indent(line)
        if literal is not None:
            if not stripped or indent > literal:
                out.append(line)
                previous = line
                continue
            literal = None
        if stripped and in_list is not None and indent <= in_list and not _BULLET.match(line):
            if previous.strip():
                out.append("")
            in_list = None
        if _BULLET.match(line):
            if in_list is None and previous.strip():
                out.append("")
            in_list = indent
        elif (stripped and indent > 0 and not previous.strip() and last_text and _indent(last_text) == 0
              and not last_text.strip().startswith("..") and in_list is None):
            out.extend(["::", ""])  # an indented block after a paragraph: a formula, shown as written
            out.append(line)
            literal = 0
            previous = last_text = line
            continue
        if stripped.startswith((">>>", "..")):
            out.append(line)
        else:
            out.append(_escape(line))
            if stripped.endswith("::"):
                literal = indent
        previous = line
        if stripped:
            last_text = line
    lines[:] = out


def setup(app):
    app.connect("autodoc-process-docstring", _plain_physics, priority=100)
