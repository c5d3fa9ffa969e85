"""Circuit sweeps: each point a `qbc run` on aer-ideal, in its own run folder, resumable.

(``qbc sweep`` on the serial executor: the worker processes of the pool and of Dask run
the same point function, tested with exact points in test_runner.py and test_dask.py; the
run folder is an absolute path inside the sweep folder wherever the point runs.)

Model: seed 001's spin charger with one cell (M = 1) and N chargers, ideal start (cell
empty, chargers full). The cell exchanges one excitation with the chargers' Dicke ladder,
|0>|j = N/2, m = N/2> <-> |1>|j, m = N/2 - 1>, with matrix element g sqrt(N) (J_- on the
top of the ladder), so the cell's excitation probability and the stored energy are
    W(t) = omega0 sin^2(sqrt(N) g t)      (t in 1/g, W in omega0)
and a measurement of the cell is a Bernoulli trial: the standard error of W from S shots
is sqrt(p (1 - p) / S) with p = W / omega0.
"""

import json
import math

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.sweep import SweepStore, read_table, resume_sweep

SHOTS = 400
T_FINAL, POINTS = 2.0, 5


def exact_energy(n, t):
    return math.sin(math.sqrt(n) * t) ** 2


@pytest.fixture(scope="module")
def circuit_sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("circuit") / "sweep"
    code = main(["sweep", "spin-charger", "-p", "M=1", "-p", "N=1,2", "-p", "g=0.1,0.2", "--backend", "aer-ideal",
                 "--t-final", str(T_FINAL), "--points", str(POINTS), "--dt", "0.05", "--shots", str(SHOTS),
                 "--seed", "7", "--executor", "serial", "--quiet", "--out", str(out)])
    assert code == 0
    return out


def test_measured_energy_is_within_four_standard_errors_of_the_closed_form(circuit_sweep):
    rows = read_table(circuit_sweep)
    # g only sets the time unit (1/g) and H0 commutes with the exchange: W depends on N and g t alone
    assert [(row["N"], row["g"]) for row in rows] == [(1, 0.1), (1, 0.2), (2, 0.1), (2, 0.2)] and all(row["status"] == "ok" for row in rows)
    store = SweepStore.open(circuit_sweep)
    for index, row in enumerate(rows):
        n = row["N"]
        curves = store.records()[index]["detail"]
        times = np.array(curves["times"])
        assert np.allclose(times, np.linspace(0, T_FINAL, POINTS))
        closed = np.array([exact_energy(n, t) for t in times])
        # the exact reference in the table and the curves is the closed form
        assert np.allclose(curves["exact"]["energy"], closed, atol=1e-9)
        assert row["exact_energy_final"] == pytest.approx(closed[-1], abs=1e-9)
        assert row["exact_energy_max"] == pytest.approx(1.0, abs=1e-9)  # full charge at sqrt(N) t = pi/2
        assert row["exact_t_energy_max"] == pytest.approx(math.pi / (2 * math.sqrt(n)), abs=1e-5)
        # aer-ideal: shot noise only (and Trotter error, tiny at dt = 0.05, second order)
        sigma = np.sqrt(closed * (1 - closed) / SHOTS)
        measured = np.array(curves["measured"]["energy"])
        assert np.all(np.abs(measured - closed) <= 4 * sigma + 1e-3), (n, measured, closed)
        assert row["energy_final"] == pytest.approx(measured[-1])
        assert row["energy_final_stderr"] == pytest.approx(curves["measured"]["energy_stderr"][-1])
        assert row["energy_final_stderr"] == pytest.approx(sigma[-1], rel=0.3)  # the reported error is the binomial one
        assert row["run"] == f"runs/{index:06d}" and (circuit_sweep / row["run"] / "report.json").is_file()


def test_the_table_splits_the_deviation_into_trotter_error_and_noise(circuit_sweep):
    store = SweepStore.open(circuit_sweep)
    for index, row in enumerate(read_table(circuit_sweep)):
        curves = store.records()[index]["detail"]
        times = np.array(curves["times"])
        closed = np.array([exact_energy(row["N"], t) for t in times])
        measured, ideal = (np.array(curves[c]["energy"], float) for c in ("measured", "ideal_circuit"))
        stderr = np.array(curves["measured"]["energy_stderr"], float)
        # each column is its definition, on the closed form: the deviation against the exact
        # curve, the Trotter error of the noiseless circuit, the noise of the measurement
        assert row["energy_deviation_max"] == pytest.approx(np.max(np.abs(measured - closed)), abs=1e-9)
        assert row["energy_trotter_error_max"] == pytest.approx(np.max(np.abs(ideal - closed)), abs=1e-9)
        assert row["energy_noise_error_max"] == pytest.approx(np.max(np.abs(measured - ideal)), abs=1e-12)
        # aer-ideal: the noise is shot noise, within 4 binomial standard errors of the noiseless
        # circuit's excitation probability p = W / omega0 at every point
        sigma = np.sqrt(ideal * (1 - ideal) / SHOTS)
        assert np.all(np.abs(measured - ideal) <= 4 * sigma + 1e-12)
        # the reported error is at most that, or, where all shots agree (t = 0), the floor of
        # an unseen outcome (Agresti-Coull p = 2/(S + 4)), not 0
        unseen = 2 / (SHOTS + 4)
        assert np.all(stderr <= 4 * np.maximum(sigma, np.sqrt(unseen * (1 - unseen) / SHOTS)) + 1e-12)
        assert np.all(stderr > 0)
        # the power W(t)/t: its noise is the energy's divided by t (undefined at t = 0)
        power = np.array(curves["measured"]["power"][1:], float)
        assert np.allclose(power, measured[1:] / times[1:], atol=1e-12)
        assert row["power_noise_error_max"] == pytest.approx(np.max(np.abs(measured - ideal)[1:] / times[1:]), abs=1e-12)
        # one cell and one charger: the product formula is exact (one exchange term)
        if row["N"] == 1:
            assert row["energy_trotter_error_max"] < 1e-12
        else:  # several chargers: a genuine, small, Trotter error
            assert 0 < row["energy_trotter_error_max"] < 1e-3
        assert row["ideal_energy_final"] == pytest.approx(row["exact_energy_final"], abs=1e-3)


def test_resume_of_a_half_done_circuit_sweep_computes_only_what_is_missing(circuit_sweep, tmp_path, table_equal):
    import shutil

    copy = tmp_path / "half"
    shutil.copytree(circuit_sweep, copy)
    before = read_table(circuit_sweep)
    runs = copy / "runs"

    def counts_stamp(index):
        return [(p.name, p.stat().st_mtime_ns) for p in sorted((runs / f"{index:06d}" / "counts").glob("*.json"))]

    untouched = {0: counts_stamp(0), 1: counts_stamp(1)}
    # 0: done.  1: its run finished, but the sweep died before recording the point.
    # 2: its run was cut short (counts of its batch and the analysis missing).  3: never started.
    for index in (1, 2, 3):
        SweepStore.open(copy).point_path(index).unlink()
    for name in ("report.json", "results.json", "counts/batch-0000.json"):
        (runs / "000002" / name).unlink()
    shutil.rmtree(runs / "000003")
    assert SweepStore.open(copy).missing() == [1, 2, 3]

    result = resume_sweep(copy, executor="serial", progress=False)
    assert result.complete and result.computed == 3
    assert counts_stamp(0) == untouched[0] and counts_stamp(1) == untouched[1]  # nothing rerun for 0 and 1
    assert json.loads((runs / "000002" / "counts" / "batch-0000.json").read_text())["counts"]
    # seeded Aer: the resumed and the rerun points sample exactly what they sampled before
    assert table_equal(read_table(copy), before)  # run folders are named relative to the sweep


def test_circuit_steady_states_of_a_thermalising_qubit(tmp_path):
    """Seed 003 with the battery alone on its local fermionic bath (N = 1): the qubit
    thermalises to the Fermi occupation n = 1/(exp((omega - mu)/T) + 1), so from |0> the
    stored energy is 2 omega0 n and W = ergotropy / (2 omega0) = max(0, 2n - 1); the slowest
    mode is the coherence, decaying at gamma/2 (the jumps' total rate is gamma)."""
    out = tmp_path / "ss"
    code = main(["sweep", "star-network", "-p", "N=1", "-p", "bath=local", "-p", "T=1", "-p", "mu=2,3",
                 "--steady-state", "--backend", "aer-ideal", "--steps", "40", "--shots", str(SHOTS), "--seed", "11",
                 "--executor", "serial", "--quiet", "--out", str(out), "--plot", "ergotropy_ratio"])
    assert code == 0 and (out / "ergotropy_ratio.png").is_file()
    for row in read_table(out):
        n = 1 / (math.exp((1 - row["mu"]) / row["T"]) + 1)
        omega0 = row["omega0"]
        assert row["exact_energy"] == pytest.approx(2 * omega0 * n, rel=1e-9)
        assert row["exact_ergotropy_ratio"] == pytest.approx(2 * n - 1, rel=1e-9)
        assert row["liouvillian_gap"] == pytest.approx(0.5, rel=1e-9)
        assert row["t_relax"] == pytest.approx(8 / 0.5)
        # the collision model reproduces the Lindblad equation; 8 relaxation times leave e^-8
        assert row["energy_trotter_error_max"] < 1e-3
        assert abs(row["exact_energy_at_t_relax"] - row["exact_energy"]) < 2 * omega0 * math.exp(-8)
        # aer-ideal: shot noise only; the energy is linear in the counts (unbiased)
        sigma = 2 * omega0 * math.sqrt(n * (1 - n) / SHOTS)
        assert abs(row["energy"] - row["exact_energy"]) <= 4 * sigma + 1e-3
        assert row["energy_stderr"] == pytest.approx(sigma, rel=0.3)
        assert row["ergotropy_ratio"] == pytest.approx(2 * n - 1, abs=4 * row["ergotropy_ratio_stderr"])


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["local", "dask-local"])
def test_pool_and_dask_workers_give_the_serial_table(circuit_sweep, tmp_path, executor, table_equal):
    """Seeded Aer: the same runs in worker processes (their run folders written by the
    workers) give exactly the table of the serial sweep."""
    if executor == "dask-local":
        pytest.importorskip("dask.distributed")
    out = tmp_path / executor
    code = main(["sweep", "spin-charger", "-p", "M=1", "-p", "N=1,2", "-p", "g=0.1,0.2", "--backend", "aer-ideal",
                 "--t-final", str(T_FINAL), "--points", str(POINTS), "--dt", "0.05", "--shots", str(SHOTS),
                 "--seed", "7", "--executor", executor, "--workers", "2", "--quiet", "--out", str(out)])
    assert code == 0
    assert table_equal(read_table(out), read_table(circuit_sweep))
    assert all((out / "runs" / f"{i:06d}" / "report.json").is_file() for i in range(4))
