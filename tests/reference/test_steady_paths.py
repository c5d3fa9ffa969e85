"""The steady state's two paths (sparse LU on the reachable block, matrix-free GMRES), with
and without the spectrum, against the spectral projector onto the kernel of a dense L built
independently of the package: P = R (W^+ R)^{-1} W^+, R and W spanning the kernels of L and
L^+. P vec(rho0) is the limit of exp(L t) rho0, degenerate kernels included."""

from math import comb

import numpy as np
import pytest
import scipy.linalg as la

from qbcircuit.metrics import sort_spectrum
from qbcircuit.models import InitialState, build_model
from qbcircuit.reference.steady import steady_state
from qbcircuit.superoperators import unvec, vec

from .test_against_dense import dense_lindblad_states


def kernel_projection(model, rho0):
    _, lv = dense_lindblad_states(model, [])
    right = la.null_space(lv, rcond=1e-10)
    left = la.null_space(lv.conj().T, rcond=1e-10)
    assert right.shape == left.shape
    x = right @ la.solve(left.conj().T @ right, left.conj().T @ vec(rho0))
    rho = unvec(x, model.dimension)
    return rho / np.trace(rho), right.shape[1]


def random_pure_state(model, seed):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=model.dimension) + 1j * rng.normal(size=model.dimension)
    return InitialState.from_vectors([(1.0, v / np.linalg.norm(v))])


DEGENERATE = [
    # seed 003, one collective bath: permutations of the ancillas are strong symmetries
    ("star-network", dict(N=4, bath="collective"), 9),
    # seed 000 at J = 0: identical spins coupled to one cavity (total-spin sectors)
    ("spin-chain-cavity", dict(N=3, J=0.0, charging="coherent", f=2.0, cavity_qubits=1), 5),
]


@pytest.mark.parametrize("name,params,kernel", DEGENERATE)
# (iterative, with the spectrum: tests/reference/test_steady_iterative.py; ARPACK on a
# 9-dimensional kernel takes 20 s)
@pytest.mark.parametrize("method,spectrum", [("auto", True), ("auto", False), ("iterative", False)])
def test_degenerate_kernel_projection_from_a_state_touching_many_blocks(name, params, kernel, method, spectrum):
    model = build_model(name, **params)
    start = random_pure_state(model, 7)
    expected, dim = kernel_projection(model, start.density_matrix())
    assert dim == kernel
    ss = steady_state(model, initial_state=start, method=method, spectrum=spectrum)
    np.testing.assert_allclose(ss.state, expected, atol=1e-9)
    assert ss.residual < 1e-10
    assert ss.info["converged"]
    assert ss.degeneracy == (kernel if spectrum else -1)


@pytest.mark.parametrize("name,params,kernel", DEGENERATE)
def test_degenerate_kernel_from_the_models_initial_state_without_spectrum(name, params, kernel):
    model = build_model(name, **params)
    expected, _ = kernel_projection(model, model.initial_state.density_matrix())
    for method in ("direct", "iterative"):
        ss = steady_state(model, method=method, spectrum=False)
        np.testing.assert_allclose(ss.state, expected, atol=1e-9)


def test_auto_factors_only_the_block_the_initial_state_reaches():
    # Local baths change the excitation number by one, H conserves it: L is block diagonal
    # over the coherence order q = k_left - k_right (2N + 1 blocks), and the ground state
    # reaches q = 0 only: sum_k C(N, k)^2 = C(2N, N) unknowns.
    N = 5
    ss = steady_state(build_model("star-network", N=N), spectrum=False)
    assert ss.info["path"] == "direct"
    assert ss.info["blocks"] == 2 * N + 1
    assert ss.info["unknowns"] == comb(2 * N, N) == sum(comb(N, k) ** 2 for k in range(N + 1))
    assert ss.info["dimension"] == 4**N


def test_auto_goes_matrix_free_on_one_large_block(monkeypatch):
    # The coherent drive breaks the excitation number: one block of d^2 = 1024 unknowns.
    model = build_model("spin-chain-cavity", N=3, J=0.5, charging="coherent", f=2.0, cavity_qubits=2)
    monkeypatch.setattr("qbcircuit.reference.steady.DIRECT_MAX_UNKNOWNS", 1023)
    ss = steady_state(model, spectrum=False)
    assert ss.info["path"] == "matrix-free"
    assert ss.info["blocks"] == 1 and ss.info["unknowns"] == 1024
    direct = steady_state(model, method="direct", spectrum=False)
    np.testing.assert_allclose(ss.state, direct.state, atol=1e-9)


def test_spectrum_taken_block_by_block_is_the_whole_spectrum():
    model = build_model("star-network", N=4, bath="local", mu=2.0)
    ss = steady_state(model)
    _, lv = dense_lindblad_states(model, [])
    expected = sort_spectrum(la.eigvals(lv))
    assert ss.eigenvalues.size == expected.size == 256
    # the same multiset: compare sorted by real, then imaginary part
    key = lambda ev: ev[np.lexsort((np.round(ev.imag, 8), np.round(ev.real, 8)))]  # noqa: E731
    np.testing.assert_allclose(key(ss.eigenvalues), key(expected), atol=1e-9)
