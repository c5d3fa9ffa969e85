"""Sweeps of the exact reference: closed forms at every point, failures recorded, resumable."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qbcircuit.models.star_network import fermi
from qbcircuit.sweep import SweepStore, read_table, resume_sweep, start_sweep
from tests.sweep.helpers import LOCAL_N2, local_n2_ratio

REPO = Path(__file__).resolve().parents[2]

def test_local_pool_every_point_matches_the_closed_form(pool_sweep):
    assert pool_sweep.complete and pool_sweep.total == 20 and pool_sweep.computed == 20
    rows = read_table(pool_sweep.directory)
    assert [r["index"] for r in rows] == list(range(20))
    for row in rows:
        expected = local_n2_ratio(row["J"], row["mu"], row["delta_mu"], row["T"])
        assert row["ergotropy_ratio"] == pytest.approx(expected, abs=1e-9), row
        assert row["steady_state_degeneracy"] == 1 and row["N"] == 2 and row["status"] == "ok"
    # the order of a product: J slowest, delta_mu fastest
    assert [(r["J"], r["mu"], r["delta_mu"]) for r in rows[:3]] == [(0.5, -1.0, 0.0), (0.5, -1.0, 3.0), (0.5, 0.0, 0.0)]


def test_local_pool_and_serial_loop_give_the_same_table(pool_sweep, tmp_path, table_equal):
    serial = start_sweep("star-network", LOCAL_N2, tmp_path / "serial", executor="serial", progress=False)
    assert table_equal(read_table(serial.directory), read_table(pool_sweep.directory))
    csv_lines = (pool_sweep.directory / "table.csv").read_text().splitlines()
    assert csv_lines[0].startswith("index,J,mu,delta_mu,N,") and len(csv_lines) == 21


def test_collective_bath_is_tanh_at_every_point(tmp_path):
    result = start_sweep("star-network", {"bath": "collective", "mu": "-2:6:9", "T": "0.25:4:4:log"},
                         tmp_path / "collective", executor="serial", progress=False)
    assert result.complete
    for row in result.rows:
        assert row["ergotropy_ratio"] == pytest.approx(max(0.0, math.tanh((row["mu"] - 1.0) / (2 * row["T"]))), abs=1e-9)


def test_time_series_points_follow_the_single_qubit_closed_form(tmp_path):
    # N = 1: the battery alone on its bath, p(t) = n (1 - exp(-gamma t)), W(t) = 2 omega0 p(t).
    result = start_sweep("star-network", {"N": 1, "gamma": "0.5,2", "mu": "0,3"}, tmp_path / "ts",
                         kind="exact-time-series", options={"t_final": 3.0, "points": 13},
                         executor="serial", progress=False)
    assert result.complete
    store = SweepStore.open(result.directory)
    for row in result.rows:
        n = fermi(1.0, row["mu"], 1.0)
        curve = lambda t: 2 * 10.0 * n * (1 - np.exp(-row["gamma"] * t))  # noqa: E731
        assert row["energy_final"] == pytest.approx(curve(3.0), rel=1e-6)
        assert row["energy_max"] == pytest.approx(curve(3.0), rel=1e-6)  # W grows: its maximum is at the end
        assert row["t_energy_max"] == pytest.approx(3.0, abs=1e-6)
        detail = json.loads(store.point_path(row["index"]).read_text())["detail"]
        np.testing.assert_allclose(detail["energy"], curve(np.array(detail["times"])), rtol=1e-6, atol=1e-9)


def test_failed_points_are_recorded_and_retried_on_resume(tmp_path, table_equal):
    marker = tmp_path / "fail-now"
    marker.touch()
    specs = {"N": 2, "bath": "local", "T": 0.7, "J": 0.5, "mu": "0,1,2", "delta_mu": "0,3"}
    options = {"marker": str(marker), "fail_mu": [1.0]}
    result = start_sweep("star-network", specs, tmp_path / "sweep", kind="tests.sweep.helpers:failing_point",
                         options=options, executor="serial", progress=False)
    assert (result.ok, result.failed) == (4, 2)
    failed = [r for r in result.rows if r["status"] == "failed"]
    assert [r["mu"] for r in failed] == [1.0, 1.0]
    assert failed[0]["error"] == "RuntimeError: injected failure at mu=1.0" and failed[0]["ergotropy_ratio"] is None
    point = json.loads(SweepStore.open(result.directory).point_path(failed[0]["index"]).read_text())
    assert "injected failure" in point["traceback"]
    for row in result.rows:
        if row["status"] == "ok":
            assert row["ergotropy_ratio"] == pytest.approx(local_n2_ratio(0.5, row["mu"], row["delta_mu"], 0.7), abs=1e-9)

    marker.unlink()  # the cause is gone: a resume computes exactly the two failed points
    again = resume_sweep(result.directory, executor="serial", progress=False)
    assert again.complete and again.computed == 2
    fresh = start_sweep("star-network", specs, tmp_path / "fresh", executor="serial", progress=False)
    assert table_equal(again.rows, fresh.rows)


def test_a_killed_sweep_resumes_to_the_uninterrupted_table(tmp_path, table_equal):
    """The sweeping process dies (os._exit, as kill -9) after 7 points; resume finishes it."""
    out, marker = tmp_path / "killed", tmp_path / "die"
    marker.touch()
    specs = {"N": 2, "J": 2.0, "T": 0.7, "mu": "-1:3:5", "delta_mu": "0:4:4"}
    options = {"marker": str(marker), "points_dir": str(out / "points"), "die_after": 7}
    code = (
        "import sys, json; from qbcircuit.sweep import start_sweep; "
        "start_sweep('star-network', json.loads(sys.argv[1]), sys.argv[2], kind='tests.sweep.helpers:dying_point', "
        "options=json.loads(sys.argv[3]), executor='serial', progress=False)"
    )
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(specs), str(out), json.dumps(options)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr
    store = SweepStore.open(out)
    assert len(store.missing()) == 20 - 7

    marker.unlink()
    resumed = resume_sweep(out, executor="serial", progress=False)
    assert resumed.complete and resumed.computed == 13
    fresh = start_sweep("star-network", specs, tmp_path / "fresh", executor="serial", progress=False)
    assert table_equal(read_table(out), read_table(fresh.directory))


def test_a_new_sweep_refuses_a_used_folder(tmp_path):
    start_sweep("star-network", {"mu": "0,1"}, tmp_path / "s", executor="serial", progress=False)
    with pytest.raises(ValueError, match="already holds a sweep: continue it with --resume"):
        start_sweep("star-network", {"mu": "0,1"}, tmp_path / "s", executor="serial", progress=False)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="exists and is not empty"):
        start_sweep("star-network", {"mu": "0,1"}, tmp_path / "other", executor="serial", progress=False)


def test_resume_of_a_finished_sweep_computes_nothing(tmp_path):
    result = start_sweep("star-network", {"mu": "0,1"}, tmp_path / "s", executor="serial", progress=False)
    again = resume_sweep(result.directory, executor="serial", progress=False)
    assert again.complete and again.computed == 0 and again.rows == result.rows
