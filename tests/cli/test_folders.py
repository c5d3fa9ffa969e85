"""Run and sweep folders belong to one process at a time (issue 19, item 1), default folders
never collide, and a stale lock from a dead process is taken over."""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from qbcircuit import io as qio
from qbcircuit.cli.main import main

REPO = Path(__file__).resolve().parents[2]
QBC = [sys.executable, "-m", "qbcircuit"]
RUN = ["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--backend", "aer-ideal", "--t-final", "1", "--points", "3",
       "--shots", "200", "-q"]


def _env():
    return {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


def _counts(folder: Path) -> list:
    return [json.loads(p.read_text())["counts"] for p in sorted((folder / "counts").glob("batch-*.json"))]


def _holder(folder: Path):
    """A process holding ``folder`` until its stdin closes; returns (process, its pid)."""
    script = textwrap.dedent(f"""
        import sys
        from qbcircuit.io import folder_lock
        with folder_lock({str(folder)!r}):
            print("held", flush=True)
            sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=_env())
    assert proc.stdout.readline().strip() == "held"
    return proc


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_held_run_folder_is_refused_in_one_line_naming_the_holder(tmp_path, capsys):
    folder = tmp_path / "conc"
    holder = _holder(folder)
    try:
        assert main([*RUN, "--seed", "1", "--out", str(folder)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and f"in use by process {holder.pid}" in err and str(folder) in err
        assert sorted(p.name for p in folder.iterdir()) == [qio.LOCK_NAME]  # nothing written
        assert main(["resume", str(folder)]) == 2  # no run there yet: the usual one line
    finally:
        holder.communicate("")
    assert not (folder / qio.LOCK_NAME).exists()  # released on exit


def test_resume_and_sweep_resume_refuse_a_held_folder(tmp_path, capsys):
    run_dir = tmp_path / "r"
    assert main([*RUN, "--seed", "3", "--out", str(run_dir)]) == 0
    sweep_dir = tmp_path / "s"
    assert main(["sweep", "star-network", "-p", "N=1", "-p", "T=1,2", "--steady-state", "--executor", "serial",
                 "--out", str(sweep_dir), "--quiet"]) == 0
    capsys.readouterr()
    for argv, folder in ((["resume", str(run_dir)], run_dir), (["sweep", "--resume", str(sweep_dir)], sweep_dir)):
        holder = _holder(folder)
        try:
            assert main(argv) == 1
            assert f"in use by process {holder.pid}" in capsys.readouterr().err
        finally:
            holder.communicate("")
    assert main(["resume", str(run_dir)]) == 0  # free again
    # --resume --plot on a held sweep changes nothing, not even the plot list in sweep.json
    manifest = (sweep_dir / "sweep.json").read_bytes()
    holder = _holder(sweep_dir)
    try:
        assert main(["sweep", "--resume", str(sweep_dir), "--plot", "energy"]) == 1
        assert f"in use by process {holder.pid}" in capsys.readouterr().err
    finally:
        holder.communicate("")
    assert (sweep_dir / "sweep.json").read_bytes() == manifest


@pytest.mark.parametrize("flock", [True, False], ids=["flock", "o_excl"])
def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path, monkeypatch, flock):
    monkeypatch.setattr(qio, "_use_flock", lambda: flock)
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / qio.LOCK_NAME).write_text(f"{_dead_pid()}\n")
    with qio.folder_lock(folder):
        assert (folder / qio.LOCK_NAME).read_text().split()[0] == str(os.getpid())
        with qio.folder_lock(folder):  # re-entrant within a process
            pass
        assert qio.holds_lock(folder)
    assert not (folder / qio.LOCK_NAME).exists() and folder.is_dir()
    if not flock:  # the O_EXCL fallback refuses a live holder too
        (folder / qio.LOCK_NAME).write_text(f"{os.getppid()}\n")
        with pytest.raises(qio.FolderBusy, match=f"process {os.getppid()}"):
            with qio.folder_lock(folder):
                pass


def test_default_folders_of_the_same_second_differ(tmp_path):
    made = {qio.new_folder(tmp_path, "m") for _ in range(50)}
    assert len(made) == 50 and all(p.is_dir() and p.name.startswith("m-") for p in made)


def test_two_concurrent_runs_one_folder_exactly_one_proceeds_and_default_folders_do_not_mix(tmp_path):
    """Four `qbc run` processes at once: two on one --out (seeds 1, 2), two with the default
    folder (seeds 1, 2). Then the same runs one after the other, in this process."""
    procs = {}
    for seed in (1, 2):
        procs["out", seed] = subprocess.Popen([*QBC, *RUN, "--seed", str(seed), "--out", "conc"], cwd=tmp_path,
                                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs["default", seed] = subprocess.Popen([*QBC, *RUN, "--seed", str(seed), "--json"], cwd=tmp_path,
                                                  env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {key: (p.wait(timeout=120), *p.communicate()) for key, p in procs.items()}

    codes = {seed: results["out", seed][0] for seed in (1, 2)}
    assert sorted(codes.values()) in ([0, 1], [0, 2]), results
    winner = next(seed for seed, code in codes.items() if code == 0)
    loser_err = results["out", 3 - winner][2]
    assert "in use by process" in loser_err or "already holds a run" in loser_err
    assert loser_err.strip().count("\n") == 0
    conc = tmp_path / "conc"
    assert json.loads((conc / "run.json").read_text())["seed"] == winner
    assert json.loads((conc / "report.json").read_text())["parameters"] == json.loads(
        (conc / "exact.json").read_text())["parameters"]

    folders = {}
    for seed in (1, 2):
        code, out, err = results["default", seed]
        assert code == 0, err
        folders[seed] = Path(tmp_path, json.loads(out)["run_dir"])
    assert folders[1] != folders[2] and folders[1].parent == tmp_path / "results" / "runs"
    for seed in (1, 2):
        assert json.loads((folders[seed] / "run.json").read_text())["seed"] == seed

    # the same runs one after the other
    for seed in (1, 2):
        assert main([*RUN, "--seed", str(seed), "--out", str(tmp_path / f"seq-{seed}")]) == 0
        assert _counts(folders[seed]) == _counts(tmp_path / f"seq-{seed}")
    assert _counts(conc) == _counts(tmp_path / f"seq-{winner}")
    assert _counts(tmp_path / "seq-1") != _counts(tmp_path / "seq-2")
