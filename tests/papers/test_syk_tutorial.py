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
    env = {**os.environ, "QBC_QUICK": "1", "QBC_RESULTS": str(tmp_path), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, str(TUTORIAL)], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = tmp_path / "syk_battery"
    for name in ("charging.png", "power_against_N.png", "circuits.png", "summary.json"):
        assert (out / name).exists(), name
    summary = json.loads((out / "summary.json").read_text())
    for variant in summary["scaling"].values():
        assert all(row["power"] <= row["bound"] for row in variant["rows"])
    assert summary["circuits"]["trotter_error"]["max"] < 1e-2
