"""The command line's conventions: --version, python -m qbcircuit, exit status 2 for a
usage mistake and 1 for a failure at run time, --quiet, progress when redirected, --json
on every subcommand, and strict JSON in every file a run writes."""

import io
import json
import subprocess
import sys

import numpy as np
import pytest

from qbcircuit import __version__
from qbcircuit.cli import progress as progress_module
from qbcircuit.cli.main import build_parser, main
from qbcircuit.cli.progress import Progress
from qbcircuit.io import dumps, write_json


def test_version_and_module_entry():
    proc = subprocess.run([sys.executable, "-m", "qbcircuit", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"qbc (qbcircuit) {__version__}"
    proc = subprocess.run([sys.executable, "-m", "qbcircuit", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "exit status" in proc.stdout and "2 usage mistake" in proc.stdout


def test_every_subcommand_takes_json():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    without = [name for name, command in sub.choices.items() if "--json" not in command._option_string_actions]
    assert not without, f"subcommands without --json: {without}"


def test_a_failure_at_run_time_exits_1_in_one_line(monkeypatch, capsys):
    # an IBM connection that drops: not the user's mistake
    import qbcircuit.pipeline as pipeline

    def drop(*args, **kwargs):
        raise ConnectionError("connection to quantum.cloud.ibm.com reset by peer")

    monkeypatch.setattr(pipeline, "run", drop)
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--points", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "qbc: failed: ConnectionError: connection to quantum.cloud.ibm.com reset by peer (--verbose for the traceback)\n"


def test_a_damaged_file_is_a_failure_not_a_usage_mistake(tmp_path, capsys):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "run.json").write_text("{ half a file")
    code = main(["compare", str(folder)])
    assert code == 1 and "damaged JSON file" in capsys.readouterr().err


def test_a_usage_mistake_exits_2_and_quiet_keeps_it(capsys):
    assert main(["-q", "exact", "star-network", "-p", "N=0", "--steady-state"]) == 2
    assert "parameter 'N'" in capsys.readouterr().err


def test_quiet_silences_the_notes_and_verbose_keeps_them(capsys):
    argv = ["exact", "spin-chain-cavity", "-p", "N=1", "-p", "charging=coherent", "-p", "f=0.5",
            "--t-final", "2", "--points", "3", "--json"]
    assert main(argv) == 0
    loud = capsys.readouterr().err
    assert main(["--quiet", *argv]) == 0
    quiet = capsys.readouterr().err
    assert "levels" in loud and quiet == ""


def test_progress_prints_whole_lines_when_redirected(monkeypatch):
    clock = iter(np.arange(0.0, 100.0, 0.5))
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    progress_module.configure(enabled=True)
    stream = io.StringIO()  # not a terminal
    bar = Progress("evolving", stream=stream)
    for done in range(1, 101):
        bar(done, 100)
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    # 50 s of work: a line at most every 10 s, and the last one
    assert 4 <= len(lines) <= 7 and lines[-1].startswith("evolving: 100/100")


def test_progress_is_off_when_quiet():
    stream = io.StringIO()
    progress_module.configure(enabled=False)
    try:
        bar = Progress("x", delay=0.0, stream=stream)
        bar(1, 2)
    finally:
        progress_module.configure(enabled=True)
    assert stream.getvalue() == ""


def test_non_finite_numbers_become_null_with_the_reason(tmp_path):
    path = write_json(tmp_path / "r.json", {"times": [0.0, 1.0], "power": np.array([np.nan, 2.0]), "gap": float("inf")})
    data = json.loads(path.read_text(), parse_constant=lambda c: pytest.fail(f"{c} in the file"))
    assert data["power"] == [None, 2.0] and data["gap"] is None
    assert data["non_finite"] == {"power[0]": "nan", "gap": "inf"}
    assert "NaN" not in dumps([float("nan")])


def test_every_file_of_a_run_and_a_sweep_is_strict_json(tmp_path, capsys):
    # a power W(t)/t is undefined at t = 0: the run's files must still be valid JSON
    run_dir, sweep_dir = tmp_path / "run", tmp_path / "sweep"
    assert main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--backend", "aer-ideal", "--t-final", "1",
                 "--points", "3", "--shots", "200", "--out", str(run_dir), "--json"]) == 0
    json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"{c} in --json output"))
    assert main(["sweep", "star-network", "-p", "N=2", "-p", "mu=0,1", "--t-final", "2", "--points", "3",
                 "--out", str(sweep_dir), "--executor", "serial", "--quiet", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"{c} in --json output"))
    assert summary["points"] == summary["ok"] == 2 and [row["mu"] for row in summary["rows"]] == [0.0, 1.0]
    files = [p for p in [*run_dir.rglob("*.json"), *sweep_dir.rglob("*.json")] if p.is_file()]
    assert len(files) > 5
    for path in files:
        json.loads(path.read_text(), parse_constant=lambda c, p=path: pytest.fail(f"{c} in {p}"))
