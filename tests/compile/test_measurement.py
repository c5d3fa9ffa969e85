"""Measurement circuits: what the plans' circuits measure, checked with their exact outcome
probabilities (the estimators themselves are tested on synthetic counts in
tests/pipeline/test_estimate.py)."""

import numpy as np
import pytest
from qiskit.quantum_info import Statevector

from qbcircuit.compile import compile_evolution, energy_plan, tomography_plan
from qbcircuit.metrics import energy, ergotropy, partial_trace
from qbcircuit.models.core import InitialState
from qbcircuit.pipeline.estimate import observable_estimate, physical_state, tomography_state
from qbcircuit.reference import evolve
from tests.compile.battery_models import spin_charger

T = 1.5


@pytest.fixture(scope="module")
def charger():
    # a non-ideal initial state (seed 001, Sec. IV): one charger spin down with weight 0.2
    model = spin_charger(2, 2, initial=InitialState.from_bitstring_mixture([(0.8, "1100"), (0.2, "0100")]))
    compiled = compile_evolution(model, T, 30, 2)
    rho = evolve(model, [0, T]).battery_states[-1]
    h = model.battery_hamiltonian.to_matrix()
    return model, compiled, energy(rho, h) - compiled.initial_battery_energy, ergotropy(rho, h)


def exact_probabilities(circuits, qubits):
    """Outcome probabilities of each measured circuit (index bit j = qubits[j])."""
    return [Statevector(c.remove_final_measurements(inplace=False)).probabilities(qargs=list(qubits)) for c in circuits]


def test_energy_plan_is_one_z_setting_per_component_and_measures_the_stored_energy(charger):
    model, compiled, w_exact, _ = charger
    plan = energy_plan(compiled)
    assert len(plan.circuits) == 2 and {s.basis for s in plan.settings} == {"ZZ"}
    est = observable_estimate(plan, exact_probabilities(plan.circuits, plan.qubits))
    # second order, 30 steps: the circuit's energy is the exact one up to the Trotter error
    assert est.value == pytest.approx(w_exact, abs=2e-3)


def test_tomography_plan_circuits_give_the_battery_state(charger):
    model, compiled, w_exact, erg_exact = charger
    plan = tomography_plan(compiled)
    assert len(plan.circuits) == 2 * 9 and [b for _, b in plan.settings[:3]] == ["XX", "XY", "XZ"]
    rho_lin = tomography_state(plan.settings, plan.weights, exact_probabilities(plan.circuits, plan.qubits))
    # the state of the circuits themselves: the components' reduced battery states, averaged
    rho_circuit = 0
    for c in compiled.components:
        psi = Statevector(c.circuit).data
        rho_circuit = rho_circuit + c.weight * partial_trace(np.outer(psi, psi.conj()), model.battery_qubits,
                                                             model.num_qubits)
    assert np.allclose(rho_lin, rho_circuit, atol=1e-12)
    h = model.battery_hamiltonian.to_matrix()
    assert energy(rho_lin, h) - plan.initial_energy == pytest.approx(w_exact, abs=2e-3)
    assert ergotropy(physical_state(rho_lin), h) == pytest.approx(erg_exact, abs=2e-3)


def test_too_many_tomography_qubits_is_a_one_line_error(charger):
    model, compiled, _, _ = charger
    with pytest.raises(ValueError, match="1 to 3 qubits"):
        tomography_plan(compiled, qubits=(0, 1, 2, 3))
    with pytest.raises(ValueError, match="distinct qubits"):
        tomography_plan(compiled, qubits=(0, 0))
