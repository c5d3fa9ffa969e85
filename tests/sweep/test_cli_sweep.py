"""``qbc sweep``: one command makes a table and its plots; a killed sweep resumes; mistakes exit 2."""

import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qbcircuit.cli.main import main
from qbcircuit.sweep import SweepStore, read_table, start_sweep

REPO = Path(__file__).resolve().parents[2]


def qbc(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_command_makes_the_table_and_the_plot(capsys, tmp_path):
    out = tmp_path / "fig2"
    code, stdout, _ = qbc(capsys, "sweep", "star-network", "-p", "bath=collective", "-p", "mu=0:4:5", "-p", "T=0.5,1",
                          "--steady-state", "--plot", "ergotropy_ratio", "--plot", "ergotropy_ratio:heatmap",
                          "--out", out, "--executor", "serial", "--quiet")
    assert code == 0
    assert "10 points, 10 ok, 0 failed" in stdout and str(out / "table.csv") in stdout
    rows = read_table(out)
    for row in rows:
        assert row["ergotropy_ratio"] == pytest.approx(max(0.0, math.tanh((row["mu"] - 1) / (2 * row["T"]))), abs=1e-9)
    for name in ("ergotropy_ratio.png", "ergotropy_ratio-heatmap.png"):
        assert (out / name).read_bytes()[:4] == b"\x89PNG"


def test_time_series_sweep_from_the_command_line(capsys, tmp_path):
    code, stdout, _ = qbc(capsys, "sweep", "star-network", "-p", "N=1", "-p", "gamma=0.5,1", "--t-final", "2",
                          "--points", "5", "--out", tmp_path / "ts", "--executor", "serial", "--quiet",
                          "--plot", "energy_max")
    assert code == 0
    for row in read_table(tmp_path / "ts"):
        n = 1 / (math.exp(0) + 1)  # mu = omega = 1 by default: n = 1/2
        assert row["energy_final"] == pytest.approx(20 * n * (1 - math.exp(-2 * row["gamma"])), rel=1e-6)


@pytest.mark.slow
def test_killed_sweep_resumes_to_the_uninterrupted_table(capsys, tmp_path, table_equal):
    """`qbc sweep` on the local pool, killed (SIGKILL, the whole process group) mid-way."""
    out = tmp_path / "killed"
    argv = ["sweep", "star-network", "-p", "mu=0:8:6", "-p", "delta_mu=0:10:8", "--steady-state",
            "--out", str(out), "--executor", "local", "--workers", "2", "--plot", "ergotropy_ratio"]
    proc = subprocess.Popen([sys.executable, "-m", "qbcircuit.cli.main", *argv], cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    try:
        while len(list(out.glob("points/*.json"))) < 6:
            assert proc.poll() is None, "the sweep ended before it could be killed"
            assert time.monotonic() < deadline, "no points after 240 s"
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    missing = SweepStore.open(out).missing()
    assert 0 < len(missing) < 48 - 5
    assert not (out / "ergotropy_ratio.png").exists()

    code, stdout, _ = qbc(capsys, "sweep", "--resume", out, "--executor", "serial", "--quiet")
    assert code == 0 and f"{len(missing)} computed" in stdout
    assert (out / "ergotropy_ratio.png").exists()  # the plots asked for at the start
    fresh = start_sweep("star-network", {"mu": "0:8:6", "delta_mu": "0:10:8"}, tmp_path / "fresh",
                        executor="serial", progress=False)
    assert table_equal(read_table(out), fresh.rows)


@pytest.mark.slow
def test_ctrl_c_stops_the_pool_at_once_and_says_how_to_resume(tmp_path):
    """SIGINT to the whole process group, as Ctrl-C in a terminal: exit 130, workers gone."""
    out = tmp_path / "interrupted"
    argv = ["sweep", "star-network", "-p", "N=4", "-p", "mu=0:8:40", "--steady-state", "--out", str(out),
            "--executor", "local", "--workers", "2", "--quiet"]
    proc = subprocess.Popen([sys.executable, "-m", "qbcircuit.cli.main", *argv], cwd=REPO, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    try:
        while len(list(out.glob("points/*.json"))) < 2:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert f"continue with: qbc sweep --resume {out}" in err and "Traceback" not in err
    for _ in range(100):  # the session empties once the terminated workers are reaped
        left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
        if not left:
            break
        time.sleep(0.1)
    assert left == [], "worker processes outlived the interrupted sweep"
    assert 0 < len(SweepStore.open(out).missing()) < 40


def test_failed_points_exit_1_and_say_how_to_retry(capsys, tmp_path):
    marker = tmp_path / "fail"
    marker.touch()
    start_sweep("star-network", {"mu": "0,1"}, tmp_path / "s", kind="tests.sweep.helpers:failing_point",
                options={"marker": str(marker), "fail_mu": [1.0]}, executor="serial", progress=False)
    code, stdout, stderr = qbc(capsys, "sweep", "--resume", tmp_path / "s", "--executor", "serial", "--quiet")
    assert code == 1 and "2 points, 1 ok, 1 failed" in stdout
    assert "1 point failed: their errors are in the table's error column" in stderr and f"qbc sweep --resume {tmp_path / 's'}" in stderr


@pytest.mark.parametrize("argv, message", [
    (["star-network", "-p", "mu=0:1"], "say what each point is: --steady-state or --t-final T"),
    (["-p", "mu=0,1", "--steady-state"], "give a MODEL to sweep"),
    (["star-network", "-p", "mu=0:1", "--steady-state"], "parameter 'mu': a range is start:stop:count"),
    (["star-network", "-p", "N=1:4:3", "--steady-state"], "'N' must be an integer in [1, 10], got 2.5"),
    (["spin-charger", "-p", "N=1,2", "--steady-state", "--backend", "aer-ideal"], "has no dissipation, so no steady state"),
    (["star-network", "-p", "mu=0,1", "--steady-state", "--backend", "aer-ideal", "--steps", "0"], "--steps must be >= 1"),
    (["star-network", "-p", "mu=0,1", "--t-final", "1", "--backend", "aer-ideal", "--t-relax", "3"],
     "--t-relax and --steps go with --steady-state"),
    (["spin-charger", "-p", "N=1,2", "--t-final", "1", "--backend", "no-such-profile"], "no-such-profile"),
    (["spin-charger", "-p", "N=1,2", "--t-final", "1", "--shots", "100"], "--shots only with --backend PROFILE"),
    (["spin-charger", "-p", "N=1,2", "--t-final", "1", "--backend", "aer-ideal", "--shots", "0"], "--shots must be >= 1"),
    (["spin-charger", "-p", "N=1,2", "--t-final", "1", "--backend", "aer-ideal", "--dt", "-1"], "--dt must be > 0"),
    (["--resume", "/nonexistent/sweep", "--seed", "3"], "do not give --seed"),
    (["star-network", "-p", "mu=0,1", "--steady-state", "--executor", "ray"], "--executor must be local, serial"),
    (["star-network", "-p", "mu=0,1", "--steady-state", "--executor", "dask://nohost"], "a Dask scheduler is dask://HOST:PORT"),
    (["star-network", "-p", "mu=0,1", "--steady-state", "--workers", "0"], "--workers must be >= 1"),
    (["star-network", "-p", "mu=0,1", "--t-final", "0"], "--t-final must be > 0"),
    (["star-network", "-p", "mu=0,1", "--t-final", "1", "--points", "1"], "--points must be >= 2"),
    (["star-network", "-p", "mu=0,1", "-p", "T=1,2", "--zip", "mu,T,J", "--steady-state"], "zipped parameter 'J' is not swept"),
    (["star-network", "-p", "mu=0,1", "-p", "T=1,2", "-p", "J=1,2", "--steady-state", "--plot", "W"], "this sweep has 3"),
    (["star-network", "-p", "mu=0,1", "--steady-state", "--plot", "W:heatmap"], "needs two swept parameters"),
    (["--resume", "/nonexistent/sweep"], "no sweep there"),
    (["star-network", "--resume", "/nonexistent/sweep"], "do not give MODEL"),
])
def test_mistakes_are_one_line_and_exit_2(capsys, tmp_path, argv, message):
    code, _, err = qbc(capsys, "sweep", *argv, "--quiet", *(["--out", tmp_path / "o"] if "--resume" not in argv else []))
    assert code == 2
    assert message in err and err.count("\n") == 1, err
    assert not (tmp_path / "o").exists()  # nothing written for a mistake


def test_steady_state_of_a_closed_model_is_refused_before_any_work(capsys, tmp_path):
    # seed 001's spin charger has no dissipation: every point would fail, so nothing starts
    code, _, err = qbc(capsys, "sweep", "spin-charger", "-p", "N=2,4", "--steady-state", "--quiet",
                       "--out", tmp_path / "o")
    assert code == 2 and "has no dissipation, so no steady state: use --t-final T instead" in err
    assert not (tmp_path / "o").exists()


def test_a_mistyped_plot_costs_no_recomputation(capsys, tmp_path):
    out = tmp_path / "s"
    code, _, err = qbc(capsys, "sweep", "star-network", "-p", "mu=0:4:3", "--steady-state", "--plot", "W",
                       "--out", out, "--executor", "serial", "--quiet")
    assert code == 2 and "--plot W: no such figure in the table; figures: energy," in err
    assert f"draw with qbc sweep --resume {out} --plot FIGURE" in err and len(read_table(out)) == 3
    code, stdout, _ = qbc(capsys, "sweep", "--resume", out, "--plot", "ergotropy_ratio", "--executor", "serial", "--quiet")
    assert code == 0 and "0 computed" in stdout and (out / "ergotropy_ratio.png").exists()
    code, _, err = qbc(capsys, "sweep", "--resume", out, "--plot", "nope", "--quiet")  # refused before anything runs
    assert code == 2 and "--plot nope: no such figure" in err
    assert SweepStore.open(out).manifest["plots"] == ["ergotropy_ratio"]
