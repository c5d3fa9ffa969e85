"""Seed 001 (spin chargers, Huangfu and Jing): the paper's closed forms and numbers, on the
symmetric-sector solver and on the full qubit register."""

import numpy as np
import pytest
from scipy.optimize import brentq

from qbcircuit.models import InitialState, build_model
from qbcircuit.reference import evolve, time_series
from qbcircuit.models.sectors import basis_vector, dicke_state

BOTH = ("reduced", "full")


def series(times, solver="auto", **params):
    return time_series(build_model("spin-charger", **params), times, solver=solver)


@pytest.mark.parametrize("solver", BOTH)
def test_one_cell_closed_form_and_optimal_power(solver):
    # e(t) = omega0 sin^2(g t); p(t) = e/t is largest where tan x = 2x.
    times = np.linspace(0, 3, 31)
    ts = series(times, solver, M=1, N=1, g=0.1, gamma=0.6)  # gamma does not matter for one cell
    np.testing.assert_allclose(ts.series["energy"], np.sin(times) ** 2, atol=1e-8)
    x = brentq(lambda x: np.tan(x) - 2 * x, 1.0, 1.5)
    t_p, p_max = ts.maxima["power"]
    assert x == pytest.approx(1.1656, abs=5e-5) and t_p == pytest.approx(x, abs=1e-5)
    assert p_max == pytest.approx(np.sin(x) ** 2 / x, abs=1e-9) and round(p_max, 4) == 0.7246


@pytest.mark.parametrize("N", [2, 3, 7])
def test_one_cell_many_chargers_rabi_frequency_sqrt_n(N):
    times = np.linspace(0, 3, 31)
    ts = series(times, M=1, N=N)
    np.testing.assert_allclose(ts.series["energy"], np.sin(np.sqrt(N) * times) ** 2, atol=1e-10)


@pytest.mark.parametrize("N", [2, 3, 4, 20])
def test_two_cells_appendix_closed_form(N):
    # Eq. (A6), E_max = 16 N (N-1) / (3N-2)^2 at g t = pi / xi, xi = sqrt(2 (3N - 2)) (Eq. A7).
    xi = np.sqrt(2 * (3 * N - 2))
    times = np.linspace(0, np.pi / xi * 1.5, 41)
    ts = series(times, M=2, N=N)
    c = np.cos(xi * times)
    closed = (xi**2 + 4) / (9 * xi**4) * ((xi**2 - 8) * c - (7 * xi**2 - 8)) * (c - 1)
    np.testing.assert_allclose(ts.series["energy"], closed, atol=1e-10)
    t_e, e_max = ts.maxima["energy"]
    assert e_max == pytest.approx(16 * N * (N - 1) / (3 * N - 2) ** 2, abs=1e-10)
    assert t_e == pytest.approx(np.pi / xi, abs=1e-6)


@pytest.mark.parametrize("solver", BOTH)
def test_two_cells_four_chargers_paper_numbers(solver):
    ts = series(np.linspace(0, 10, 401), solver, M=2, N=4)
    # QuTiP integrates to rtol 1e-10 per step; the reduced solver diagonalises exactly.
    assert ts.maxima["energy"][1] == pytest.approx(48 / 25, abs=1e-7 if solver == "full" else 1e-10)
    assert round(ts.maxima["power"][1], 2) == 3.04


def test_ten_cells_ten_chargers_window_ten():
    # Fig. 2/3: M = N = 10, gamma = 0, g/omega0 = 0.1, g t <= 10.
    ts = series(np.linspace(0, 10, 2001), M=10, N=10, g=0.1, gt_max=10)
    assert round(ts.maxima["energy"][1], 2) == 9.76
    # The exact value is 9.2460: the paper's 9.24 keeps two digits without rounding.
    assert 9.24 <= ts.maxima["power"][1] / np.sqrt(10) < 9.25


@pytest.mark.parametrize("ratio, e_max, p_max", [(0.1, 1.91, 3.02), (1.0, 0.85, 1.83)])
def test_charger_crosstalk_fig6(ratio, e_max, p_max):
    g = 0.1
    times = np.linspace(0, 10, 401)
    red = series(times, "reduced", M=2, N=4, g=g, g1=ratio * g)
    full = series(times, "full", M=2, N=4, g=g, g1=ratio * g)
    np.testing.assert_allclose(red.series["energy"], full.series["energy"], atol=1e-7)
    assert round(red.maxima["energy"][1], 2) == e_max and round(red.maxima["power"][1], 2) == p_max


def test_strong_crosstalk_decouples_battery():
    # "when g1/g ~ 7, E_max declines to about one percent of the full charge" (2 omega0)
    ts = series(np.linspace(0, 10, 1001), M=2, N=4, g=0.1, g1=0.7)
    assert 0.005 < ts.maxima["energy"][1] / 2 < 0.015


def test_eq17_follows_exact_dynamics_not_the_printed_formula():
    # M = N = 2, second charger spin thermal (Eq. 16). The product state |10> of the
    # chargers is half singlet, which never couples: its energy is (1/2) sin^2(2 g t),
    # not the printed sin^2(2 g t), which belongs to the symmetric |m = 0>.
    p0 = 0.3
    times = np.linspace(0, 4, 41)
    model = build_model("spin-charger", M=2, N=2, initial="thermal-charger", p0=p0)
    assert model.reduced is None  # outside the symmetric sector: register only
    ts = time_series(model, times)
    exact = (1 - p0) * 2 * np.sin(np.sqrt(2) * times) ** 2 + p0 * 0.5 * np.sin(2 * times) ** 2
    np.testing.assert_allclose(ts.series["energy"], exact, atol=1e-8)
    printed = 2 * np.sin(np.sqrt(2) * times) ** 2 - p0 * (2 * np.sin(np.sqrt(2) * times) ** 2 - np.sin(2 * times) ** 2)
    assert np.max(np.abs(printed - exact)) > 0.1
    # The printed formula's second term is the symmetric charger state |m = 0>:
    sym = InitialState.from_vectors([(1.0, np.kron(dicke_state(2, 1), basis_vector(4, 0)))])
    evo = evolve(model, times, initial_state=sym)
    h_b = model.battery_hamiltonian.to_matrix()
    e = np.array([np.trace(h_b @ r).real for r in evo.battery_states])
    np.testing.assert_allclose(e - e[0], np.sin(2 * times) ** 2, atol=1e-8)


def test_non_ideal_initial_states_fig7():
    # p0 = 0.6, p1..p4 = 0.1 (chargers), p~0 = 0.6, p~1 = p~2 = 0.2 (cells): the paper reads
    # E_max and P_max at about 84% / 88% and 70% / 72% of the ideal values.
    times = np.linspace(0, 10, 401)
    ideal = series(times, M=2, N=4)
    chargers = series(times, "full", M=2, N=4, initial="dicke-chargers", p0=0.6)
    chargers_reduced = series(times, "reduced", M=2, N=4, initial="dicke-chargers", p0=0.6)
    cells = series(times, "full", M=2, N=4, initial="charged-cells", p0=0.6)
    np.testing.assert_allclose(chargers.series["ergotropy"], chargers_reduced.series["ergotropy"], atol=1e-7)
    for ts, e_ratio, p_ratio in ((chargers, 0.84, 0.88), (cells, 0.70, 0.72)):
        assert ts.maxima["energy"][1] / ideal.maxima["energy"][1] == pytest.approx(e_ratio, abs=0.01)
        assert ts.maxima["power"][1] / ideal.maxima["power"][1] == pytest.approx(p_ratio, abs=0.01)


@pytest.mark.parametrize("gamma", [0.0, 0.6])
def test_parallel_is_m_single_cells(gamma):
    # Eq. (9), N = M: P_max^par = M p_max with p_max = 0.7246 g omega0, whatever gamma (Eq. 12).
    times = np.linspace(0, 3, 61)
    for solver in BOTH:
        ts = series(times, solver, M=3, N=3, gamma=gamma, protocol="parallel")
        np.testing.assert_allclose(ts.series["energy"], 3 * np.sin(times) ** 2, atol=1e-8)
        assert ts.maxima["power"][1] == pytest.approx(3 * 0.72461135, abs=1e-7)
        # Each cell is entangled with its charger: diag(cos^2, sin^2), ergotropy max(0, -cos 2t);
        # the full register computes the 3-cell product's ergotropy, the reduced one 3 x one cell.
        np.testing.assert_allclose(ts.series["ergotropy"], 3 * np.maximum(0, -np.cos(2 * times)), atol=1e-8)


def test_collective_advantage_at_n_equals_m():
    from qbcircuit.reference import collective_advantage

    eta = collective_advantage("spin-charger", points=401, M=2, N=2, gt_max=10)
    # M = N = 2: E(t) = 2 sin^2(sqrt2 g t) (Eq. A6 with xi^2 = 8), so P_max = 2 sqrt2 p_max.
    assert eta == pytest.approx(2 * np.sqrt(2) * 0.72461135 / (2 * 0.72461135), abs=1e-7)


def test_mistakes_are_one_line_value_errors():
    with pytest.raises(ValueError, match="parameter 'N' must be a multiple of M = 3"):
        build_model("spin-charger", M=3, N=4, protocol="parallel")
    with pytest.raises(ValueError, match="parameter 'gamma' must be a number in"):
        build_model("spin-charger", gamma=1.5)
    with pytest.raises(ValueError, match="leaves the symmetric sector"):
        build_model("spin-charger", M=20, N=20, initial="charged-cells")
    big = build_model("spin-charger", M=30, N=30)
    assert not big.has_register and big.reduced is not None
    with pytest.raises(ValueError, match="has no full-register"):
        big.hamiltonian.to_matrix()
    with pytest.raises(ValueError, match="has no full-register"):
        time_series(big, [0.0, 1.0], solver="full")
