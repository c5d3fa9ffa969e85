"""Seed 000 (spin chain charged through a cavity) held to the closed forms of thermal
charging, to the level crossing, and to a convergence check of the cavity truncation.

Thermal charging has an exact steady state (module docstring): x^N_tot, x = n_B/(n_B + 1),
on the part of the space the initial state reaches. It does not depend on the cavity's
truncation, so these tests use one or two cavity qubits and stay fast."""

import json
from math import comb

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.metrics import ergotropy
from qbcircuit.models import build_model
from qbcircuit.models.spin_chain_cavity import crossing_coupling
from qbcircuit.reference import TRUNCATION_TOL, steady_state, steady_state_figures, time_series
from qbcircuit.reference.ensemble import mean_and_error, realisation_models


def chain(**params):
    return build_model("spin-chain-cavity", **params)


def excitations(N):
    return np.array([bin(i).count("1") for i in range(2**N)])


def reflection(N):
    """Spin i <-> spin N-1-i as a permutation matrix on the chain."""
    r = np.zeros((2**N, 2**N))
    for i in range(2**N):
        bits = format(i, f"0{N}b")
        r[int(bits[::-1], 2), i] = 1
    return r


def dicke_projectors(N):
    out = []
    for k in range(N + 1):
        v = (excitations(N) == k).astype(float)
        out.append(np.outer(v, v) / comb(N, k))
    return out


def reflection_even_projectors(N):
    even = (np.eye(2**N) + reflection(N)) / 2
    return [even @ np.diag((excitations(N) == k).astype(float)) for k in range(N + 1)]


def gibbs_on(projectors, n_B):
    x = n_B / (n_B + 1)
    rho = sum(x**k * p for k, p in enumerate(projectors))
    return rho / np.trace(rho)


def test_single_spin_thermal_charging_never_has_ergotropy():
    # N = 1: total excitation number keeps the spin diagonal, and it never inverts.
    series = time_series(chain(N=1, charging="thermal", n_B=2.0, cavity_qubits=3), np.linspace(0, 20, 41), refine=False)
    assert np.max(np.abs(series.series["ergotropy"])) < 1e-10
    assert series.series["energy"][-1] > 0.3  # it did charge: energy, but no work


@pytest.mark.parametrize("n_B", [0.2, 2.0])
def test_thermal_steady_state_closed_forms(n_B):
    # J = 0: the Dicke states of the chain; J != 0: the reflection-even states.
    cases = [(2, 0.0, dicke_projectors(2)), (3, 0.0, dicke_projectors(3)), (3, 0.4, reflection_even_projectors(3)),
             (3, 1.1, reflection_even_projectors(3))]
    for N, J, projectors in cases:
        m = chain(N=N, J=J, n_B=n_B, charging="thermal", cavity_qubits=1)
        ss = steady_state(m)
        assert ss.degeneracy >= 2
        expected = gibbs_on(projectors, n_B)
        np.testing.assert_allclose(ss.battery_state, expected, atol=1e-8)
        assert ergotropy(ss.battery_state, m.battery_hamiltonian.to_matrix()) > 1e-3  # N >= 2 stores work
    one = steady_state(chain(N=1, n_B=n_B, cavity_qubits=1))
    assert one.battery_state[1, 1].real == pytest.approx(n_B / (2 * n_B + 1), abs=1e-10)
    assert ergotropy(one.battery_state, chain(N=1, cavity_qubits=1).battery_hamiltonian.to_matrix()) == pytest.approx(0, abs=1e-12)


def test_thermal_steady_state_does_not_depend_on_truncation():
    a = steady_state(chain(N=2, J=0.3, cavity_qubits=1)).battery_state
    b = steady_state(chain(N=2, J=0.3, cavity_qubits=2)).battery_state
    np.testing.assert_allclose(a, b, atol=1e-9)


def test_level_crossing_and_the_kink_of_fig6():
    N = 3
    jc = crossing_coupling(N)
    assert jc == pytest.approx(1 / np.sqrt(2), abs=1e-15)
    below = [chain(N=N, J=J, cavity_qubits=1) for J in (0.5, 0.65)]
    assert all(m.extras["ground_energy"] == pytest.approx(0.0, abs=1e-12) for m in below)
    delta_e = {J: steady_state_figures(chain(N=N, J=J, cavity_qubits=1)).figures["delta_E"] for J in (0.5, 0.65, 0.9, 1.2)}
    assert delta_e[0.65] == pytest.approx(delta_e[0.5], abs=1e-8)  # flat before the crossing
    for J in (0.9, 1.2):  # then it rises with the ground state's fall, 2 J cos(pi/4) - omega_a
        assert delta_e[J] - delta_e[0.5] == pytest.approx(2 * J * np.cos(np.pi / 4) - 1, abs=1e-8)


def test_disorder_makes_the_steady_state_unique_raises_energy_and_keeps_the_crossing():
    n_B, N, W = 2.0, 3, 0.2
    x = n_B / (n_B + 1)
    for seed in (0, 1):
        m = chain(N=N, J=0.5, W=W, seed=seed, cavity_qubits=1)
        ss = steady_state_figures(m)
        assert ss.degeneracy == 1
        # x^(excitations) on the whole chain: each spin holds x/(1+x), energy omega_a (1 + delta_i) each
        assert ss.figures["battery_energy"] == pytest.approx(x / (1 + x) * (N + m.extras["disorder"].sum()), abs=1e-8)
    clean = steady_state_figures(chain(N=N, J=0.5, cavity_qubits=1)).figures["delta_E"]
    averaged = steady_state_figures(chain(N=N, J=0.5, W=W, realisations=6, cavity_qubits=1))
    assert averaged.figures["delta_E"] > clean + 0.05  # "disorder increases the energy"
    # the ensemble average is the plain mean over seeds 0..5, with its standard error
    each = [steady_state_figures(chain(N=N, J=0.5, W=W, seed=s, cavity_qubits=1)).figures["delta_E"] for s in range(6)]
    assert averaged.figures["delta_E"] == pytest.approx(np.mean(each), abs=1e-12)
    assert averaged.figures["delta_E_stderr"] == pytest.approx(np.std(each, ddof=1) / np.sqrt(6), abs=1e-12)

    def crossing(m):  # lowest one-excitation level of this realisation's H_B reaches zero
        lo, hi = 0.0, 3.0
        for _ in range(60):
            mid = (lo + hi) / 2
            hop = np.diag(1 + m.extras["disorder"]) + mid * (np.eye(N, k=1) + np.eye(N, k=-1))
            lo, hi = (mid, hi) if np.linalg.eigvalsh(hop)[0] > 0 else (lo, mid)
        return [lo]

    jc, jc_error = mean_and_error([crossing(m) for m in realisation_models(chain(N=N, W=W, realisations=40, cavity_qubits=1))])
    # first order in delta averages out: the mean crossing stays at 1/sqrt 2 within 1 %
    assert jc[0] == pytest.approx(1 / np.sqrt(2), rel=1e-2)
    assert jc_error[0] < 0.01


def test_coherent_truncation_converges():
    # Weak drive, two spins: the automatic truncation grows from the bare estimate until one
    # more cavity qubit moves the curves by less than the tolerance; fixed solves agree.
    times = np.linspace(0, 6, 13)
    params = dict(N=2, charging="coherent", f=0.2, J=0.3)
    grown = time_series(chain(**params), times, refine=False)
    report = grown.info["truncation"]
    assert report["converged"] and report["levels"] <= 16

    def ergotropy_at(k):
        return time_series(chain(cavity_qubits=k, **params), times, refine=False).series["ergotropy"]

    k = report["mode_qubits"]
    assert np.max(np.abs(grown.series["ergotropy"] - ergotropy_at(k + 1))) < TRUNCATION_TOL
    assert np.max(np.abs(ergotropy_at(1) - ergotropy_at(k + 1))) > TRUNCATION_TOL  # one cavity qubit is not enough


def test_coherent_charging_oscillates_and_ergotropy_peaks_early():
    times = np.linspace(0, 12, 61)
    series = time_series(chain(N=2, charging="coherent", f=2.0, cavity_qubits=4), times, refine=False).series
    energy = series["energy"]
    assert np.sum(np.diff(np.sign(np.diff(energy))) != 0) >= 2  # oscillations of Fig. 2(a)
    assert np.argmax(series["ergotropy"]) < len(times) - 10  # ergotropy maximal within the oscillations


def test_cli_json_and_bad_parameters(capsys):
    code = main(["exact", "spin-chain-cavity", "-p", "N=2", "-p", "cavity_qubits=1", "--steady-state", "--json"])
    data = json.loads(capsys.readouterr()[0])
    assert code == 0 and data["steady_state_degeneracy"] >= 2
    assert data["delta_E"] == pytest.approx(14 / 19, abs=1e-8)  # (x + 2x^2)/(1 + x + x^2), x = 2/3
    with pytest.raises(ValueError, match=r"'charging' must be one of coherent, thermal"):
        chain(charging="laser")
    with pytest.raises(ValueError, match=r"'cavity_qubits' must be an integer in \[0, 7\]"):
        chain(cavity_qubits=9)
    with pytest.raises(ValueError, match=r"'W' must be"):
        chain(W=-1)
