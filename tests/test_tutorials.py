"""The tutorials in examples/ run top to bottom in their quick mode and write their figures.

Every ``examples/*.py`` whose name does not start with ``_`` is a tutorial (a Jupytext
percent-format notebook) and is picked up here: adding a file to examples/ adds it to the
test. Each runs as a script in a subprocess, as a reader would run it, with ``QBC_QUICK=1``
(small sizes, few points), ``MPLBACKEND=Agg`` and its output folder (``QBC_RESULTS``) in a
temporary directory; it must exit 0 and write every PNG it names, none of them blank.
The documentation (``make docs``) executes the same files as notebooks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TUTORIALS = sorted(path for path in EXAMPLES.glob("*.py") if not path.name.startswith("_"))
# A tutorial's quick mode takes seconds to tens of seconds here; one that ignores QBC_QUICK
# and runs its full mode would take many minutes: stop it and say so.
QUICK_LIMIT_S = 300
FIGURE_NAME = re.compile(r"""["']([\w.-]+\.png)["']""")


def cells(text: str) -> list[tuple[str, str]]:
    """(kind, source) of each cell of a percent-format file, the header left out."""
    out = []
    for chunk in re.split(r"^# %%", text, flags=re.M)[1:]:
        header, _, body = chunk.partition("\n")
        out.append(("markdown" if "[markdown]" in header else "code", body))
    return out


def test_the_tutorials_are_found():
    assert len(TUTORIALS) >= 11, [p.name for p in TUTORIALS]
    assert EXAMPLES / "quickstart.py" in TUTORIALS


@pytest.mark.parametrize("path", TUTORIALS, ids=lambda p: p.stem)
def test_is_a_percent_format_notebook(path):
    text = path.read_text()
    found = cells(text)
    kinds = [kind for kind, _ in found]
    assert kinds and kinds[0] == "markdown", f"{path.name}: starts with a text cell (its title)"
    assert found[0][1].lstrip().startswith("# # "), f"{path.name}: the first text cell opens with a '# ' title"
    assert kinds.count("markdown") >= 3 and kinds.count("code") >= 2, f"{path.name}: text and code cells ({kinds})"
    assert "QBC_QUICK" in text and "QBC_RESULTS" in text, f"{path.name}: reads QBC_QUICK and QBC_RESULTS"
    assert "import qbcircuit as qbc" in text, f"{path.name}: uses the public API"
    assert FIGURE_NAME.search(text), f"{path.name}: writes at least one figure file"


def nonblank(png: Path) -> bool:
    import matplotlib.image as mpimg

    pixels = mpimg.imread(png)
    return pixels.ndim == 3 and float(pixels[..., :3].std()) > 0.01


@pytest.mark.parametrize("path", TUTORIALS, ids=lambda p: p.stem)
def test_runs_in_quick_mode(path, tmp_path):
    results, cwd = tmp_path / "results", tmp_path / "cwd"
    cwd.mkdir()
    env = {**os.environ, "QBC_QUICK": "1", "QBC_RESULTS": str(results), "MPLBACKEND": "Agg",
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    try:
        proc = subprocess.run([sys.executable, str(path)], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=QUICK_LIMIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name} took more than {QUICK_LIMIT_S} s with QBC_QUICK=1: does it honour the quick mode?")
    assert proc.returncode == 0, f"{path.name} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    written = {png.name: png for png in results.rglob("*.png")}
    named = set(FIGURE_NAME.findall(path.read_text()))
    assert named <= set(written), f"{path.name}: figures not written: {sorted(named - set(written))}"
    blank = [name for name, png in written.items() if not nonblank(png)]
    assert not blank, f"{path.name}: blank figures {blank}"
    assert not list(cwd.iterdir()), f"{path.name} wrote outside QBC_RESULTS: {sorted(p.name for p in cwd.iterdir())}"
