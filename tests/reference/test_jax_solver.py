"""The JAX solver (dynamiqs, on JAX's CPU backend here; the same code runs on a GPU) against
QuTiP: energy, ergotropy, every figure and the states to 1e-8.

JAX compiles once per shape (dimension, grid length, batch size), seconds each on a CPU:
the tests share one open model's shape and one grid, and keep to a few small models."""

import subprocess
import sys

import numpy as np
import pytest

from qbcircuit.models import InitialState, build_model
from qbcircuit.reference import evolve_jax, time_series
from qbcircuit.reference.evolve import evolve
from qbcircuit.reference.figures import solver_for
from qbcircuit.reference.merit import MERIT_KEYS

TIMES = np.linspace(0.0, 3.0, 7)
TOL = 1e-8


def open_model(**params):
    # seed 000, coherent charging, N = 2, a 2-level cavity: d = 8
    return build_model("spin-chain-cavity", **{"N": 2, "charging": "coherent", "f": 2.0, "J": 1.0,
                                               "cavity_qubits": 1, **params})


def test_open_model_figures_and_maxima_agree_with_qutip():
    model = open_model()
    jax = time_series(model, TIMES, solver="jax")
    ref = time_series(model, TIMES, solver="qutip")
    assert jax.info["solver"] == "jax" and ref.info["solver"] == "full"
    assert jax.info["device"]
    assert set(jax.series) == set(ref.series)
    for key in ("energy", "ergotropy"):
        assert np.max(np.abs(ref.series[key])) > 0.1  # the battery charges: a comparison that can fail
    # the review's figures of merit come from QuTiP's states alone (the JAX solver says so, nan)
    assert np.all(np.isnan(jax.series["power_instantaneous"])) and "figures_of_merit" in jax.info
    for key, values in ref.series.items():
        if key not in MERIT_KEYS:
            np.testing.assert_allclose(jax.series[key], values, atol=TOL, rtol=0, err_msg=key)
    for key, (_, value) in ref.maxima.items():  # the value at a flat maximum, not its time
        assert jax.maxima[key][1] == pytest.approx(value, abs=TOL)


def test_open_and_closed_states_agree_with_qutip():
    model = open_model()
    a = evolve_jax.evolve(model, TIMES, store_states=True)
    b = evolve(model, TIMES, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=TOL)
    np.testing.assert_allclose(a.battery_states, b.battery_states, atol=TOL)
    np.testing.assert_allclose(a.mode_populations, b.mode_populations, atol=TOL)
    np.testing.assert_allclose(a.final_state.density_matrix(), b.final_state.density_matrix(), atol=TOL)
    # a closed model from a mixture of two pure states (Schrodinger, component by component)
    closed = build_model("spin-chain", N=3)
    rng = np.random.default_rng(4)
    kets = [rng.normal(size=8) + 1j * rng.normal(size=8) for _ in range(2)]
    start = InitialState.from_vectors([(0.7, kets[0] / np.linalg.norm(kets[0])), (0.3, kets[1] / np.linalg.norm(kets[1]))])
    a = evolve_jax.evolve(closed, TIMES, initial_state=start, store_states=True)
    b = evolve(closed, TIMES, initial_state=start, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=TOL)
    np.testing.assert_allclose(a.battery_states, b.battery_states, atol=TOL)


def test_a_batch_is_the_single_solves():
    models = [open_model(J=j) for j in (0.0, 1.0)]
    batch = evolve_jax.evolve_batch(models, TIMES)
    for m, evo in zip(models, batch):
        ref = evolve(m, TIMES)
        np.testing.assert_allclose(evo.battery_states, ref.battery_states, atol=TOL)
    assert not np.allclose(batch[0].battery_states, batch[1].battery_states, atol=1e-3)
    with pytest.raises(ValueError, match="share a structure"):
        evolve_jax.evolve_batch([open_model(), open_model(N=3)], TIMES)


def test_unsupported_models_and_the_auto_choice():
    driven = build_model("single-cell")
    assert driven.drives and evolve_jax.unsupported(driven)
    with pytest.raises(ValueError, match="time-dependent drives"):
        time_series(driven, TIMES, solver="jax")
    redfield = build_model("driven-dissipative", equation="redfield")
    assert redfield.redfield_couplings and "Redfield" in evolve_jax.unsupported(redfield)
    with pytest.raises(ValueError, match="Redfield"):
        time_series(redfield, TIMES, solver="jax")
    # auto: the reduced space when there is one; QuTiP for small models (JAX not asked)
    assert solver_for(build_model("dicke"), "auto") == "reduced"
    assert solver_for(open_model(), "auto") == "qutip"
    assert solver_for(open_model(), "full") == solver_for(open_model(), "qutip") == "qutip"
    with pytest.raises(ValueError, match="solver must be one of"):
        time_series(open_model(), TIMES, solver="gpu")


def test_auto_on_a_small_model_does_not_load_jax():
    code = ("import sys, numpy as np, qbcircuit as qbc\n"
            "from qbcircuit.reference import time_series\n"
            "m = qbc.build_model('spin-chain-cavity', N=2, charging='coherent', cavity_qubits=1)\n"
            "time_series(m, np.linspace(0, 1, 3), refine=False)\n"
            "print('jax' in sys.modules, 'dynamiqs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"
