"""Initial-state circuits prepare exactly the model's components."""

from math import comb

import numpy as np
import pytest
from qiskit.quantum_info import Statevector

from qbcircuit.compile import dicke_state_circuit, prepare_components
from qbcircuit.compile.initial_states import pure_state_circuit
from qbcircuit.models.core import InitialState


@pytest.mark.parametrize("n", range(1, 7))
def test_dicke_circuits_prepare_the_symmetric_states(n):
    for k in range(n + 1):
        v = Statevector(dicke_state_circuit(n, k)).data
        target = np.array([bin(i).count("1") == k for i in range(2**n)], dtype=float) / np.sqrt(comb(n, k))
        assert abs(np.vdot(target, v)) ** 2 == pytest.approx(1, abs=1e-10)


def test_dicke_charger_times_empty_battery_is_detected():
    # battery qubits 0, 1 empty; chargers 2, 3, 4 in |D^3_1>
    n = 5
    vec = np.zeros(2**n, dtype=complex)
    for q in (2, 3, 4):
        vec[1 << q] = 1 / np.sqrt(3)
    circuit, how = pure_state_circuit(vec, n)
    assert how.startswith("Dicke |D^3_1> on qubits [2, 3, 4]")
    assert np.allclose(Statevector(circuit).data, vec, atol=1e-10)
    assert "state_preparation" not in {i.operation.name for i in circuit.data}


def test_mixture_components_and_general_states():
    state = InitialState.from_bitstring_mixture([(0.7, "011"), (0.3, "001")])
    comps = prepare_components(state, 3)
    assert [c.weight for c in comps] == pytest.approx([0.7, 0.3])
    assert Statevector(comps[0].circuit).data[0b011] == pytest.approx(1)
    rng = np.random.default_rng(2)
    vec = rng.normal(size=8) + 1j * rng.normal(size=8)
    vec /= np.linalg.norm(vec)
    circuit, how = pure_state_circuit(vec, 3)
    assert how == "StatePreparation" and abs(np.vdot(vec, Statevector(circuit).data)) == pytest.approx(1)
    rho = 0.25 * np.outer(vec, vec.conj()) + 0.75 * np.diag(np.eye(8)[5])
    comps = prepare_components(InitialState.from_density_matrix(rho), 3)
    mixed = sum(c.weight * Statevector(c.circuit).to_operator().data for c in comps)
    assert np.allclose(mixed, rho, atol=1e-10)
