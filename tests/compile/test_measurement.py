"""Finite-shot energy and ergotropy from counts agree with the exact values within 3 sigma."""

import numpy as np
import pytest
from qiskit import transpile
from qiskit.quantum_info import SparsePauliOp
from qiskit_aer import AerSimulator

from qbcircuit import operators as ops
from qbcircuit.compile import compile_evolution, energy_plan, observable_plan, physical_state, tomography_plan
from qbcircuit.metrics import energy, ergotropy
from qbcircuit.models.core import InitialState
from qbcircuit.reference import evolve
from tests.compile.battery_models import spin_charger

T = 1.5
SHOTS = 4000


def run_counts(circuits, seed):
    sim = AerSimulator(seed_simulator=seed)
    result = sim.run(transpile(circuits, sim, optimization_level=0), shots=SHOTS).result()
    return [result.get_counts(i) for i in range(len(circuits))]


@pytest.fixture(scope="module")
def charger():
    # a non-ideal initial state (seed 001, Sec. IV): one charger spin down with weight 0.2
    model = spin_charger(2, 2, initial=InitialState.from_bitstring_mixture([(0.8, "1100"), (0.2, "0100")]))
    compiled = compile_evolution(model, T, 30, 2)
    rho = evolve(model, [0, T]).battery_states[-1]
    h = model.battery_hamiltonian.to_matrix()
    return model, compiled, energy(rho, h) - compiled.initial_battery_energy, ergotropy(rho, h)


@pytest.mark.parametrize("seed", [11, 12])
def test_energy_from_z_counts_within_three_sigma(charger, seed):
    model, compiled, w_exact, _ = charger
    plan = energy_plan(compiled)
    assert len(plan.circuits) == 2  # one Z setting per mixture component
    est = plan.estimate(run_counts(plan.circuits, seed))
    assert 0 < est.stderr < 0.05
    assert abs(est.value - w_exact) < 3 * est.stderr


def test_ergotropy_and_energy_from_tomography_within_three_sigma(charger):
    model, compiled, w_exact, erg_exact = charger
    plan = tomography_plan(compiled)
    assert len(plan.circuits) == 2 * 9
    result = plan.estimate(run_counts(plan.circuits, 5), seed=3)
    assert abs(result.ergotropy.value - erg_exact) < 3 * result.ergotropy.stderr
    assert abs(result.energy.value - w_exact) < 3 * result.energy.stderr
    assert np.linalg.eigvalsh(result.rho).min() >= -1e-12 and np.trace(result.rho).real == pytest.approx(1)


def test_non_diagonal_observable_uses_qubit_wise_commuting_settings(charger):
    model, compiled, _, _ = charger
    n = model.num_qubits
    obs = SparsePauliOp.sum([ops.pauli("X", 0, n), ops.pauli("X", 1, n), 0.5 * ops.exchange(0, 1, n),
                             ops.sigma_z(0, n), 0.7 * ops.identity(n)])
    plan = observable_plan(compiled, obs)
    exact = 0.0
    for comp in compiled.components:
        from qiskit.quantum_info import Statevector
        exact += comp.weight * np.real(Statevector(comp.circuit).expectation_value(obs))
    est = plan.estimate(run_counts(plan.circuits, 21))
    assert len(plan.settings) <= 2 * 3  # X-type, Y-type and Z settings per component
    assert abs(est.value - exact) < 3 * est.stderr


def test_physical_state_projection_matches_smolin_example():
    # eigenvalues (3/5, 1/2, 7/20, 1/10, -11/20) -> (9/20, 7/20, 1/5, 0, 0) (Smolin et al. 2012)
    vals = np.array([3 / 5, 1 / 2, 7 / 20, 1 / 10, -11 / 20])
    u = np.linalg.qr(np.random.default_rng(0).normal(size=(5, 5)))[0]
    rho = physical_state(u @ np.diag(vals) @ u.T)
    assert np.sort(np.linalg.eigvalsh(rho))[::-1] == pytest.approx([9 / 20, 7 / 20, 1 / 5, 0, 0], abs=1e-12)


def test_bad_counts_and_too_many_tomography_qubits_are_one_line_errors(charger):
    model, compiled, _, _ = charger
    with pytest.raises(ValueError, match="one dictionary per circuit"):
        energy_plan(compiled).estimate([{"00": 1}])
    with pytest.raises(ValueError, match="1 to 3 qubits"):
        tomography_plan(compiled, qubits=(0, 1, 2, 3))
