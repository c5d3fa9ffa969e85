"""The matrix-free steady state (GMRES + no-jump preconditioner, ARPACK on L) against the
direct path (sparse LU, dense spectrum) and against closed forms, on models small enough
for both. Both paths are forced with ``method=``."""

from math import comb

import numpy as np
import pytest

from qbcircuit.models import build_model
from qbcircuit.reference import steady_iterative
from qbcircuit.reference.steady import DIRECT_MAX_UNKNOWNS, steady_state

from .random_models import random_model


def both(model):
    return steady_state(model, method="direct"), steady_state(model, method="iterative")


def assert_same(direct, free, atol=1e-9):
    np.testing.assert_allclose(free.state, direct.state, atol=atol)
    assert free.degeneracy == direct.degeneracy
    assert free.gap == pytest.approx(direct.gap, abs=atol)
    assert free.residual < 1e-10


def test_random_lindblad_model_unique_steady_state():
    model = random_model(np.random.default_rng(1), n=4, jumps=2, state="mixed")
    direct, free = both(model)
    assert direct.degeneracy == 1
    assert_same(direct, free)


def test_star_network_collective_baths_degenerate_kernel():
    # N = 4 with one collective bath: a 9-dimensional kernel, the initial state decides.
    model = build_model("star-network", N=4, bath="collective")
    direct, free = both(model)
    assert direct.degeneracy == 9
    assert_same(direct, free)


def test_spin_chain_cavity_thermal_dicke_closed_form():
    # J = 0 from the ground state: the chain ends in sum_k x^k |D_k><D_k| (normalised),
    # x = n_B / (n_B + 1) (module docstring of spin_chain_cavity).
    N, n_B = 3, 2.0
    model = build_model("spin-chain-cavity", N=N, J=0.0, charging="thermal", n_B=n_B, cavity_qubits=2)
    direct, free = both(model)
    assert_same(direct, free)
    x = n_B / (n_B + 1)
    excitations = np.array([bin(i).count("1") for i in range(2**N)])
    expected = np.zeros((2**N, 2**N))
    for k in range(N + 1):
        v = (excitations == k).astype(float)
        expected += x**k * np.outer(v, v) / comb(N, k)
    expected /= np.trace(expected)
    np.testing.assert_allclose(free.battery_state, expected, atol=1e-9)


def test_spin_chain_cavity_coherent_slow_oscillating_mode():
    # Coherent charging: gap ~ 0.0099 omega_a from an oscillating pair, kernel of 2 (reflection).
    model = build_model("spin-chain-cavity", N=3, J=0.5, charging="coherent", f=2.0, cavity_qubits=2)
    direct, free = both(model)
    assert direct.degeneracy == 2 and 0 < direct.gap < 0.02
    assert_same(direct, free)


def test_auto_chooses_the_matrix_free_path_above_the_threshold(monkeypatch):
    model = random_model(np.random.default_rng(2), n=3, jumps=2)
    assert model.dimension**2 <= DIRECT_MAX_UNKNOWNS
    calls = []
    original = steady_iterative.project_to_kernel
    monkeypatch.setattr(steady_iterative, "project_to_kernel", lambda *a, **k: calls.append(1) or original(*a, **k))
    auto_small = steady_state(model)
    assert calls == []
    monkeypatch.setattr("qbcircuit.reference.steady.DIRECT_MAX_UNKNOWNS", model.dimension**2 - 1)
    auto_large = steady_state(model)
    assert calls == [1]
    np.testing.assert_allclose(auto_large.state, auto_small.state, atol=1e-9)


def test_preconditioner_inverts_the_no_jump_part_both_ways():
    # (s - L0) applied to (s - L0)^{-1} X gives X back, by the eigenbasis and by the Schur form.
    model = random_model(np.random.default_rng(3), n=3, jumps=2)
    action = steady_iterative.LindbladAction(model)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    h_eff = action.h_eff.toarray()
    s = 0.05
    for schur in (False, True):
        inverse = steady_iterative.NoJumpInverse(action)
        if schur:
            import scipy.linalg as la

            inverse.uses_schur = True
            inverse.t, inverse.q = la.schur(h_eff, output="complex")
        y = inverse(s, x)
        back = s * y + 1j * (h_eff @ y - y @ h_eff.conj().T)
        np.testing.assert_allclose(back, x, atol=1e-11)


def test_redfield_and_bad_method_are_refused():
    model = build_model("driven-dissipative", equation="redfield", Delta=0.5)
    with pytest.raises(ValueError, match="Lindblad models only"):
        steady_state(model, method="iterative")
    with pytest.raises(ValueError, match="method must be one of"):
        steady_state(random_model(np.random.default_rng(0), n=2), method="lu")
