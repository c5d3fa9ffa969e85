"""Exact time-series sweeps on the JAX solver: the points that share a model's structure
are solved as one batch, and the table is QuTiP's to 1e-8. Small models only (JAX compiles
per shape; the shapes are those of tests/reference/test_jax_solver.py)."""

import json

import pytest

from qbcircuit.cli.main import main
from qbcircuit.sweep import read_table, start_sweep

SPECS = {"N": 2, "charging": "coherent", "f": 2.0, "cavity_qubits": 1, "J": "0,1"}
OPTIONS = {"t_final": 3.0, "points": 7}


def test_batched_jax_sweep_is_the_qutip_sweep(tmp_path):
    jax = start_sweep("spin-chain-cavity", SPECS, tmp_path / "jax", kind="exact-time-series",
                      options={**OPTIONS, "solver": "jax", "batch": 16}, executor="serial", progress=False)
    ref = start_sweep("spin-chain-cavity", SPECS, tmp_path / "qutip", kind="exact-time-series",
                      options={**OPTIONS, "solver": "qutip"}, executor="serial", progress=False)
    assert jax.ok == ref.ok == 2
    for index in range(2):
        record = json.loads(next((tmp_path / "jax" / "points").glob(f"*{index}.json")).read_text())
        assert record["batch"] == 2  # both points in one call
    a, b = read_table(tmp_path / "jax"), read_table(tmp_path / "qutip")
    assert a[0]["energy_final"] != pytest.approx(a[1]["energy_final"], abs=1e-3)  # J changes the curve
    for x, y in zip(a, b):
        for key in ("energy_final", "ergotropy_final", "energy_max", "ergotropy_max", "power_max"):
            assert x[key] == pytest.approx(y[key], abs=1e-8), key


def test_a_failing_batch_falls_back_to_single_points(tmp_path):
    # a drive cannot go to JAX: each point records its own error, the sweep goes on
    result = start_sweep("single-cell", {"theta": "1,2"}, tmp_path / "s", kind="exact-time-series",
                         options={**OPTIONS, "solver": "jax", "batch": 4}, executor="serial", progress=False)
    assert result.failed == 2
    assert all("time-dependent drives" in row["error"] for row in result.rows)


@pytest.mark.parametrize("argv,message", [
    (["sweep", "star-network", "-p", "mu=0,1", "--steady-state", "--solver", "jax"], "steady states"),
    (["sweep", "star-network", "-p", "mu=0,1", "--t-final", "1", "--batch", "4"], "--batch goes with --solver jax"),
    (["sweep", "star-network", "-p", "mu=0,1", "--t-final", "1", "--backend", "aer-ideal", "--solver", "jax"],
     "--backend exact"),
    (["exact", "star-network", "--steady-state", "--solver", "jax"], "steady states"),
])
def test_solver_flag_mistakes_exit_2(capsys, tmp_path, argv, message):
    code = main([*argv, *(["--out", str(tmp_path / "x")] if argv[0] == "sweep" else [])])
    assert code == 2
    assert message in capsys.readouterr().err


def test_qbc_exact_solver_jax(capsys):
    code = main(["exact", "spin-chain-cavity", "-p", "N=2", "-p", "charging=coherent", "-p", "J=1",
                 "-p", "cavity_qubits=1", "--t-final", "3", "--points", "7", "--solver", "jax", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["solver"] == "jax" and out["device"]
