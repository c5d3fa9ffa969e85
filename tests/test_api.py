"""The top-level Python API, as the README's "From Python" section shows it, checked
against independent computations (a dense matrix exponential, the paper's number, the
compiled circuits' own statevectors)."""

import numpy as np
import pytest
import scipy.linalg as la
from qiskit.quantum_info import Statevector

import qbcircuit as qbc
from qbcircuit.metrics import partial_trace

TIMES = np.linspace(0.0, 1.0, 5)


@pytest.fixture(scope="module")
def model():
    return qbc.build_model("spin-charger", M=2, N=2, g=1.0)


def dense_energy_curve(model, times):
    """W(t) by a dense matrix exponential of the model's Hamiltonian (no QuTiP)."""
    h = model.hamiltonian.to_matrix()
    psi0 = model.initial_state.vectors[0]
    h_b = model.battery_hamiltonian_on_register().to_matrix()
    energies = [np.vdot(psi, h_b @ psi).real for psi in (la.expm(-1j * h * t) @ psi0 for t in times)]
    return np.array(energies) - energies[0]


def test_exact_is_the_dense_evolution_and_round_trips(model, tmp_path):
    ex = qbc.exact(model, TIMES)
    np.testing.assert_allclose(ex.energy, dense_energy_curve(model, TIMES), atol=1e-8)
    assert ex.times.tolist() == TIMES.tolist() and ex.power.shape == TIMES.shape
    assert "spin-charger" in repr(ex)
    back = qbc.load(ex.save(tmp_path / "exact.json"))
    np.testing.assert_allclose(back.energy, ex.energy, atol=0)
    assert back.maxima["energy"] == pytest.approx(ex.maxima["energy"])


def test_steady_state_gives_the_papers_ergotropy_ratio():
    # Seed 003 (Kamin et al.), local baths, N = 3, mu = 1, delta_mu = 2, T = 1: 0.3808.
    ss = qbc.steady_state(qbc.build_model("star-network", N=3, mu=1.0, delta_mu=2.0, T=1.0))
    assert ss.figures["ergotropy_ratio"] == pytest.approx(0.3808, abs=5e-5)
    assert ss.degeneracy == 1 and ss.gap > 0 and ss.energy == ss.figures["energy"]


def test_compiled_circuits_follow_the_exact_curve_to_the_trotter_error(model):
    prog = qbc.compile(model, TIMES, order=2)
    assert len(prog.circuits) == TIMES.size and prog.stats[-1]["num_qubits"] == 4
    h_b = model.battery_hamiltonian.to_matrix()
    e0 = model.initial_battery_energy()
    compiled = []
    for circuits, weights in zip(prog.circuits, prog.weights):
        rho = sum(w * Statevector(c).to_operator().data for c, w in zip(circuits, weights))
        rho_b = partial_trace(rho, model.battery_qubits, model.num_qubits)
        compiled.append(np.trace(h_b @ rho_b).real - e0)
    # order 2, dt = 0.01 / g: the energy curve's Trotter error is ~ (g dt)^2 ~ 1e-4
    np.testing.assert_allclose(compiled, dense_energy_curve(model, TIMES), atol=1e-3)
    assert not np.allclose(compiled, 0)  # the battery charges


def test_the_five_line_chain_runs_as_the_readme_writes_it(model, tmp_path):
    res = qbc.run(model, "aer-noisy", TIMES, shots=4000, seed=1)
    assert res.run_dir is None  # in memory
    assert "spin-charger" in repr(res) and "aer-noisy" in repr(res)
    # the exact column is the model's exact curve, the ideal column the circuits' own
    np.testing.assert_allclose(res.exact["energy"], dense_energy_curve(model, TIMES), atol=1e-8)
    assert np.max(np.abs(res.ideal["energy"] - res.exact["energy"])) < 1e-3
    # shot noise of 4000 shots of 9 tomography settings: a standard error of order 1e-2
    errors = res.measured["energy_stderr"][1:]
    assert np.all((errors > 1e-3) & (errors < 0.1))
    saved = qbc.load(res.save(tmp_path / "run"))
    assert saved.deviation == res.deviation and saved.run_dir is not None
    np.testing.assert_allclose(saved.measured["energy"], res.measured["energy"])


def test_the_lists_name_what_build_model_and_run_accept():
    assert {"spin-charger", "star-network", "dicke", "spin-chain-cavity"} <= set(qbc.list_models())
    assert {"aer-ideal", "aer-noisy", "fake-torino"} <= set(qbc.list_backends())
    with pytest.raises(ValueError, match="unknown model"):
        qbc.build_model("no-such-battery")


def test_the_stage_packages_are_also_the_api_functions():
    # qbcircuit.run and qbcircuit.compile are sub-packages and API functions at once.
    from qbcircuit.run import load_profile

    assert callable(qbc.run) and callable(qbc.compile) and load_profile("aer-ideal").name == "aer-ideal"
