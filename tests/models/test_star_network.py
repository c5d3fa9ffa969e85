"""Seed 003 (star network) held to the closed forms that follow from its symmetry, and to
the trends of the paper's figures."""

import numpy as np
import pytest

from qbcircuit.models import InitialState, build_model
from qbcircuit.models.star_network import fermi
from qbcircuit.reference import steady_state, steady_state_figures


def ratio(**params) -> float:
    return steady_state_figures(build_model("star-network", **params)).figures["ergotropy_ratio"]


@pytest.mark.parametrize(
    "params",
    [
        dict(N=1, mu=3.0, T=1.0),
        dict(N=3, mu=4.0, T=2.0, omega0=3.0, gamma=0.7),
        dict(N=3, mu=0.5, T=1.0),  # below omega: empty
        dict(N=4, mu=6.0, T=1.5, J=2.0, omega=2.0),
    ],
)
def test_equilibrium_ratio_is_tanh(params):
    # The product state with excited population n(omega) in every qubit commutes with H_S
    # and satisfies detailed balance for S^-, S^+: the battery keeps p_e = n, and
    # W = max(0, 2n - 1) = max(0, tanh((mu - omega)/(2T))).
    omega = params.get("omega", 1.0)
    expected = max(0.0, np.tanh((params["mu"] - omega) / (2 * params["T"])))
    assert ratio(bath="collective", **params) == pytest.approx(expected, abs=1e-9)


def test_equilibrium_two_qubits_stay_in_the_triplet():
    # For N = 2 the star is symmetric under swapping battery and ancilla: the singlet is
    # dark, and from |00> the state stays in the triplet, where the steady state is
    # x^(number of excitations) restricted to the triplet, x = n/(1-n). The battery then
    # holds p = (x/2 + x^2)/(1 + x + x^2), not n, so the tanh form does not hold at N = 2.
    mu, T, omega = 2.5, 0.5, 1.0
    x = np.exp((mu - omega) / T)
    p = (x / 2 + x**2) / (1 + x + x**2)
    assert ratio(bath="collective", N=2, mu=mu, T=T, J=0.3) == pytest.approx(2 * p - 1, abs=1e-9)
    assert 2 * p - 1 > np.tanh((mu - omega) / (2 * T)) + 0.01  # really different


def test_equilibrium_ratio_independent_of_J_omega0_gamma():
    values = [
        ratio(bath="collective", N=3, mu=3.0, J=J, omega0=w0, gamma=g)
        for J, w0, g in [(0.1, 10, 1), (1.0, 10, 1), (3.0, 2, 1), (1.0, 10, 5.0)]
    ]
    assert np.ptp(values) < 1e-9


def test_equilibrium_steady_state_degenerate_but_battery_state_unique():
    # For N = 3 swapping the two ancillas is a strong symmetry: two steady states.
    model = build_model("star-network", bath="collective", N=3, mu=3.0)
    rng = np.random.default_rng(7)
    vec = rng.normal(size=8) + 1j * rng.normal(size=8)
    other = InitialState.from_vectors([(1.0, vec)])
    a = steady_state(model)
    b = steady_state(model, initial_state=other)
    assert a.degeneracy == 2
    assert not np.allclose(a.state, b.state, atol=1e-6)  # the full steady state depends on the start
    np.testing.assert_allclose(a.battery_state, b.battery_state, atol=1e-9)


@pytest.mark.parametrize("J,gamma,mu,delta_mu,T", [(1.0, 1.0, 1.0, 2.0, 1.0), (0.4, 1.3, 0.0, 3.0, 0.7), (2.0, 0.5, 2.0, -1.0, 1.5)])
def test_two_qubits_local_baths_closed_form(J, gamma, mu, delta_mu, T):
    # p1 = n1 + 2 J^2 (n2 - n1) / (gamma^2 + 4 J^2), W = max(0, 2 p1 - 1).
    n1, n2 = fermi(1.0, mu, T), fermi(1.0, mu + delta_mu, T)
    p1 = n1 + 2 * J**2 * (n2 - n1) / (gamma**2 + 4 * J**2)
    model = build_model("star-network", N=2, J=J, gamma=gamma, mu=mu, delta_mu=delta_mu, T=T, bath="local")
    ss = steady_state(model)
    assert ss.degeneracy == 1
    assert ss.battery_state[1, 1].real == pytest.approx(p1, abs=1e-10)
    assert ratio(N=2, J=J, gamma=gamma, mu=mu, delta_mu=delta_mu, T=T, bath="local") == pytest.approx(max(0, 2 * p1 - 1), abs=1e-9)


def test_fig3_trends_grow_with_mu_and_delta_mu():
    deltas = np.linspace(0, 10, 6)
    previous = None
    for mu in (1.0, 3.0, 8.0):
        curve = np.array([ratio(mu=mu, delta_mu=d, T=1.0) for d in deltas])
        assert np.all(np.diff(curve) >= -1e-12), f"W must not fall with delta_mu at mu={mu}"
        if previous is not None:
            assert np.all(curve >= previous - 1e-12), "W must grow with mu"
        previous = curve
    # mu = 8 gamma: nearly full charge whatever delta_mu (the paper's remark on Fig. 3)
    assert previous.min() > 0.99


def test_fig5_temperature_destroys_charge():
    temps = [0.5, 1.0, 2.0, 5.0, 20.0]
    curve = [ratio(mu=1.0, delta_mu=2.0, T=T) for T in temps]
    assert np.all(np.diff(curve) < 0)
    assert curve[-1] < 0.05


def test_bad_parameters_name_the_parameter_and_range():
    with pytest.raises(ValueError, match=r"'T' must be a number in \(0, 1e\+06\]"):
        build_model("star-network", T=0)
    with pytest.raises(ValueError, match=r"'gamma' must be"):
        build_model("star-network", gamma=-1)
    with pytest.raises(ValueError, match=r"'bath' must be one of collective, local"):
        build_model("star-network", bath="global")
    with pytest.raises(ValueError, match=r"no parameter 'M'"):
        build_model("star-network", M=3)
    with pytest.raises(ValueError, match=r"'N' must be an integer"):
        build_model("star-network", N=2.5)


@pytest.mark.parametrize("N", [1, 2, 3, 4, pytest.param(5, marks=pytest.mark.slow)])
def test_equilibrium_closed_form_from_local_baths_for_every_N(N):
    # Local baths at delta_mu = 0: each qubit at n(omega), unique steady state, tanh form.
    mu, T = 2.2, 0.8
    model = build_model("star-network", bath="local", N=N, mu=mu, delta_mu=0.0, T=T)
    ss = steady_state(model)
    assert ss.degeneracy == 1
    expected = max(0.0, np.tanh((mu - 1.0) / (2 * T)))
    assert ratio(bath="local", N=N, mu=mu, delta_mu=0.0, T=T) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("N", [1, 3, 4, pytest.param(5, marks=pytest.mark.slow)])
def test_equilibrium_collective_closed_form_from_the_ground_state_for_N_other_than_2(N):
    mu, T = 2.2, 0.8
    assert ratio(bath="collective", N=N, mu=mu, T=T) == pytest.approx(np.tanh((mu - 1.0) / (2 * T)), abs=1e-9)


@pytest.mark.parametrize("N,battery_depends_on_start", [(2, True), (3, False), (4, True), pytest.param(5, False, marks=pytest.mark.slow)])
def test_collective_dark_states_by_parity_of_N(N, battery_depends_on_start):
    # The kernel is degenerate for every N >= 2; the battery's own steady state depends on
    # the initial state exactly when N is even (a dark battery-ancilla singlet exists).
    model = build_model("star-network", bath="collective", N=N, mu=3.0)
    starts = ["0" * N, "0" * (N - 1) + "1", "1" + "0" * (N - 1)]  # empty, battery excited, one ancilla excited
    states = [steady_state(model, initial_state=InitialState.from_bitstring(b)) for b in starts]
    assert all(s.degeneracy >= 2 for s in states)
    populations = [s.battery_state[1, 1].real for s in states]
    assert (np.ptp(populations) > 1e-3) == battery_depends_on_start
    if not battery_depends_on_start:
        assert np.ptp(populations) < 1e-9
    assert "steady_state_unique: false" in model.description
    assert ("battery's own steady state depends" in model.description) == (N % 2 == 0)
    assert "steady_state_unique" not in build_model("star-network", bath="local", N=N).description


def test_fig4_ergotropy_grows_with_J_and_saturates():
    curve = np.array([ratio(J=J) for J in (0.1, 0.3, 1.0, 2.0, 4.0)])
    assert np.all(np.diff(curve) > 0)
    assert curve[0] < 0.05 and curve[-1] - curve[-2] < 0.02  # suppressed at weak coupling, flat for J >= omega


def test_fig6_more_ancillas_charge_more_and_one_qubit_cannot():
    deltas = (4.0, 8.0)  # at delta_mu = 2 gamma two qubits do not charge yet either
    rows = np.array([[ratio(N=N, mu=0.0, delta_mu=d) for d in deltas] for N in (1, 2, 3, 4)])
    assert np.all(rows[0] == 0.0)  # mu = 0 < omega: the battery alone stays passive
    assert np.all(np.diff(rows, axis=0) > 0)  # each added ancilla raises W
    assert np.all(np.diff(rows[1:], axis=1) > 0)  # and W grows with delta_mu
