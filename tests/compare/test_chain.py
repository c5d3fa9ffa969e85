"""The chain compile -> run -> exact -> compare on the spin charger (seed 001).

Uses the Trotter compiler's ``compile_times`` (issue 5); skipped while it is missing."""

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.compare.chain import run_model
from qbcircuit.models import build_model
from qbcircuit.run import load_profile, load_run

evolution = pytest.importorskip("qbcircuit.compile.evolution")


def test_spin_charger_on_aer_ideal_is_exact_up_to_trotter_and_shot_noise(tmp_path):
    model = build_model("spin-charger", M=2, N=2)
    times = np.linspace(0, 4, 5)
    report = run_model(model, load_profile("aer-ideal"), times, tmp_path / "r", dt=0.1, order=2,
                       compile_times=evolution.compile_times)
    exact, ideal, measured = (np.array(report[k]["energy"], float) for k in ("exact", "ideal_circuit", "measured"))
    stderr = np.array(report["measured"]["energy_stderr"], float)
    assert np.allclose(exact, np.array(report["exact"]["energy"]))
    # second order at dt = 0.1: the noiseless circuit follows the exact curve closely
    assert report["trotter_error"]["max"] < 5e-3 * max(exact.max(), 1e-12) + 5e-3
    # aer-ideal adds only shot noise: within 4 standard errors of the noiseless circuit
    assert np.all(np.abs(measured - ideal) <= 4 * stderr + 1e-12)
    # the two-cell battery's ergotropy from two-qubit tomography: the measured value agrees
    # with the noiseless circuit's within 4 bootstrap standard errors, and the noiseless
    # circuit with the exact curve up to the Trotter error (second order, dt = 0.1)
    erg, erg_se, erg_ideal, erg_exact = (np.array(report[k][e], float) for k, e in (
        ("measured", "ergotropy"), ("measured", "ergotropy_stderr"), ("ideal_circuit", "ergotropy"), ("exact", "ergotropy")))
    assert np.all(np.abs(erg - erg_ideal) <= 4 * erg_se + 1e-12)
    assert np.max(np.abs(erg_ideal - erg_exact)) < 2e-2
    assert report["circuit"]["num_qubits"] == 4 and report["circuit"]["transpiled_two_qubit_gates"] > 0
    # resume of a complete run re-analyses without running anything
    assert main(["resume", str(tmp_path / "r")]) == 0
    assert load_run(tmp_path / "r").complete
