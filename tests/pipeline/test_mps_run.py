"""A chain on the matrix-product-state simulator (the aer-mps profile) matches the exact
free-fermion curve within the Trotter error the compiler reports for its steps, plus shot
noise: at N = 16 (the register-width analysis) and N = 24 (wider than a dense distribution:
counts read per shot, the noiseless circuit from MPS marginals)."""

import numpy as np
import pytest

import qbcircuit.pipeline as pipeline
from qbcircuit.models import build_model
from qbcircuit.pipeline.gaussian_circuits import circuit_figures
from qbcircuit.pipeline.plan import choose_steps, measurement_recipe
from qbcircuit.reference import time_series

T_FINAL, TOLERANCE, SHOTS = 2.0, 0.02, 3000


@pytest.mark.parametrize("N, recipe", [(16, "energy"), (24, "local")])
def test_mps_run_matches_exact_within_the_reported_trotter_error(N, recipe):
    model = build_model("xy-chain", N=N)
    assert measurement_recipe(model) == recipe
    choice = choose_steps(model, T_FINAL, 2, TOLERANCE)
    assert choice.method == "exact check"
    dt = T_FINAL / choice.steps
    times = np.linspace(0, T_FINAL, choice.steps + 1)[:: max(1, choice.steps // 4)]  # on the checked step grid
    res = pipeline.run(model, "aer-mps", times, dt=dt, shots=SHOTS, seed=7)
    exact = time_series(model, times, refine=False).energy
    np.testing.assert_allclose(res.exact["energy"], exact, atol=1e-9)
    scale = np.max(np.abs(time_series(model, np.linspace(0, T_FINAL, choice.steps + 1), refine=False).energy))
    budget = choice.error * scale  # the compiler's relative curve error, in energy
    measured, stderr = res.measured["energy"], res.measured["energy_stderr"]
    assert np.all(np.abs(res.ideal["energy"] - exact) <= budget + 1e-9)
    assert np.all(np.abs(measured - exact) <= budget + 4 * np.maximum(stderr, 1e-3))
    # the noiseless circuit is the free-fermion simulation of the same circuits (no truncation)
    np.testing.assert_allclose(res.ideal["energy"], circuit_figures(model, times, dt)["energy"], atol=1e-8)
    circuit = res.circuit
    assert circuit["mps_max_bond_dimension"] >= 2 and circuit["mps_discarded_weight"] < 1e-8
