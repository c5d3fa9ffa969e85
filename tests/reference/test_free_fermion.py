"""The free-fermion reference (reference/free_fermion.py) against the full register (QuTiP and
an independent dense exponential), against the bulk integral of a long chain, and its
banded propagation against dense matrix products."""

import numpy as np
import pytest
import scipy.linalg as sla
from scipy.integrate import quad

from qbcircuit.metrics import ergotropy, partial_trace
from qbcircuit.models import build_model
from qbcircuit.reference import free_fermion as ff
from qbcircuit.reference import time_series
from qbcircuit.reference.merit import MERIT_KEYS


@pytest.mark.parametrize("params, points, refine", [(dict(N=3, J=1.6, gamma=0.9), 21, True),
                                                    (dict(N=6, omega0=1.4, J=1.1, gamma=-0.5), 13, True),
                                                    (dict(N=10, J=1.0, gamma=0.5), 5, False)])
def test_equals_the_register_solver(params, points, refine):
    """Every series and every maximum, to 1e-10 (QuTiP at atol 1e-12 on the register; at
    N = 10 the register's maxima would take minutes, so the series only)."""
    model = build_model("xy-chain", **params)
    times = np.linspace(0, 3.0, points)
    gauss = time_series(model, times, solver="auto", refine=refine)
    full = time_series(model, times, solver="full", refine=refine)
    assert gauss.info["solver"] == "gaussian" and full.info["solver"] == "full"
    assert set(gauss.series) == set(full.series)
    assert np.max(full.series["energy"]) > 0.5 and np.max(full.series["pair_ergotropy"]) > 0.01  # something to compare
    for key in full.series:
        if key in MERIT_KEYS:  # the review's figures of merit: the register solver's alone (nan here)
            assert np.all(np.isnan(gauss.series[key])), key
            continue
        np.testing.assert_allclose(gauss.series[key][1:], full.series[key][1:], atol=1e-10, err_msg=key)
    for key in full.maxima:
        assert gauss.maxima[key][1] == pytest.approx(full.maxima[key][1], abs=1e-10), key
        assert gauss.maxima[key][0] == pytest.approx(full.maxima[key][0], abs=1e-5), key


def test_block_states_are_the_partial_traces_of_an_independent_evolution():
    """Blocks of 1, 2 and 3 cells against expm(-iHt)|0> traced down (no QuTiP, no Majoranas)."""
    N, t = 6, 1.7
    model = build_model("xy-chain", N=N, J=0.9, gamma=0.6)
    psi = sla.expm(-1j * model.hamiltonian.to_matrix() * t)[:, 0]
    rho = np.outer(psi, psi.conj())
    evo = ff.CorrelationEvolution(model.gaussian)
    gamma = evo.advance(t)
    for length in (1, 2, 3):
        states = ff.block_states(gamma, length)
        assert states.shape == (N - length + 1, 2**length, 2**length)
        for j in range(N - length + 1):
            np.testing.assert_allclose(states[j], partial_trace(rho, list(range(j, j + length)), N), atol=1e-12)
    h_b = model.battery_hamiltonian.to_matrix()
    energy = ff.quadratic_expectation(model.gaussian.battery_hamiltonian, model.gaussian.battery_offset, gamma)
    assert energy == pytest.approx(np.vdot(psi, h_b @ psi).real, abs=1e-12)
    np.testing.assert_allclose(ff.site_occupations(gamma), [partial_trace(rho, [j], N)[1, 1].real for j in range(N)],
                               atol=1e-12)


def test_bulk_of_a_long_chain_holds_the_integral():
    """The middle cell of a long chain fills as in the infinite chain (module docstring of
    models/xy_chain.py): each pair (k, -k) a two-level system."""
    omega0, J, gamma, t = 1.0, 0.8, 0.6, 2.0
    model = build_model("xy-chain", N=200, omega0=omega0, J=J, gamma=gamma)
    evo = ff.CorrelationEvolution(model.gaussian)
    occupation = ff.site_occupations(evo.advance(t))[100]

    def integrand(k):
        xi, delta = omega0 + 2 * J * np.cos(k), 2 * gamma * J * np.sin(k)
        eps = np.hypot(xi, delta)
        return (delta / eps) ** 2 * np.sin(eps * t) ** 2 if eps > 0 else 0.0

    bulk = quad(integrand, -np.pi, np.pi, epsabs=1e-14, epsrel=1e-13, limit=200)[0] / (2 * np.pi)
    assert occupation == pytest.approx(bulk, abs=1e-10)
    # correlations have spread a few sites, not across the chain (the light cone)
    assert evo.max_band < 2 * 40


def test_propagator_is_the_matrix_exponential():
    model = build_model("xy-chain", N=12, J=1.3, gamma=0.2)
    h = model.gaussian.hamiltonian
    for tau in (0.01, 0.7, -2.5):
        np.testing.assert_allclose(ff.propagator(h, tau).toarray(), sla.expm(h.toarray() * tau), atol=1e-14)


def test_banded_steps_equal_dense_products(monkeypatch):
    """Small row blocks (many of them) and an uneven grid, against R Gamma R^T with dense R."""
    monkeypatch.setattr(ff, "BLOCK_ROWS", 4)
    monkeypatch.setattr(ff._BandedOperator.__init__, "__defaults__", (4,))
    model = build_model("xy-chain", N=25, J=0.7, gamma=0.8)
    h = model.gaussian.hamiltonian.toarray()
    g0 = model.gaussian.initial_correlation.toarray()
    evo = ff.CorrelationEvolution(model.gaussian)
    for t in (0.13, 0.5, 0.51, 2.0, 6.0):
        r = sla.expm(h * t)
        np.testing.assert_allclose(evo.advance(t), r @ g0 @ r.T, atol=1e-12)
    assert evo.band == 2 * 25 - 1  # by t = 6 the cone spans the chain
    later = evo.at(7.5)
    r = sla.expm(h * 7.5)
    np.testing.assert_allclose(later, r @ g0 @ r.T, atol=1e-12)
    assert evo.time == 6.0


def test_batched_ergotropy_is_the_ergotropy_of_each_state():
    rng = np.random.default_rng(3)
    a = rng.normal(size=(7, 4, 4)) + 1j * rng.normal(size=(7, 4, 4))
    states = np.einsum("kij,klj->kil", a, a.conj())
    states /= np.einsum("kii->k", states)[:, None, None]
    h = np.diag([0.0, 1.0, 1.0, 2.0])
    np.testing.assert_allclose(ergotropy(states, h), [ergotropy(s, h) for s in states], atol=1e-14)


def test_info_and_errors():
    model = build_model("xy-chain", N=40)
    ts = time_series(model, np.linspace(0, 1, 5))
    assert ts.info["solver"] == "gaussian" and ts.info["majorana_modes"] == 80
    assert 0 < ts.info["correlation_band"] < 40
    with pytest.raises(ValueError, match="no free-fermion description"):
        time_series(build_model("spin-chain", N=3), [0, 1], solver="gaussian")
