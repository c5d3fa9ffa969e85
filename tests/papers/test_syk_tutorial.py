"""The SYK tutorial (examples/syk_battery.py) in its quick mode: it runs, writes its figures,
and what it reports holds (the bound of Eq. 43 with its factor 2 at every size; circuits
within shot noise of the exact curve)."""

import json
import os
import subprocess
import sys
from pathlib import Path

TUTORIAL = Path(__file__).resolve().parents[2] / "examples" / "syk_battery.py"


def test_syk_tutorial_quick(tmp_path):
    env = {**os.environ, "QBC_QUICK": "1", "QBC_OUT": str(tmp_path), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, str(TUTORIAL)], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in ("charging.png", "power_against_N.png", "circuits.png", "summary.json"):
        assert (tmp_path / name).exists(), name
    summary = json.loads((tmp_path / "summary.json").read_text())
    for variant in summary["scaling"].values():
        assert all(row["power"] <= row["bound"] for row in variant["rows"])
    assert summary["circuits"]["trotter_error"]["max"] < 1e-2
