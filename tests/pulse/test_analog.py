"""Analog compilation to transmons: terms without an analog realisation are refused.
(The analog chain beside the exact model is tested in tests/pipeline/test_pulse.py.)"""

import pytest
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.calibration import load_calibration
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.pulse.analog import compile_analog

CAL = load_calibration("transmon-4q-example")


def spin_charger_1_1(g=1.0, omega0=10.0):
    """Seed 001 with M = N = 1, gamma = 0: H = (omega0/2)(sigma_z + tau_z) + g (XX + YY)/2;
    qubit 0 the battery (empty), qubit 1 the charger (full). E(t) = omega0 sin^2(g t)."""
    h0 = 0.5 * omega0 * (ops.sigma_z(0, 2) + ops.sigma_z(1, 2))
    return BatteryModel(
        name="spin-charger-1-1", num_qubits=2, qubit_labels=("battery", "charger"), battery_qubits=(0,),
        battery_hamiltonian=0.5 * omega0 * ops.sigma_z(0, 1), hamiltonian=h0 + g * ops.exchange(0, 1, 2),
        initial_state=InitialState.from_bitstring("10"), energy_unit="g", time_unit="1/g",
    )


def test_unrealisable_terms_are_refused():
    h = SparsePauliOp.from_sparse_list([("Z", [0], -0.5), ("Z", [1], -0.5), ("ZZ", [0, 1], 0.1)], 2)
    m = BatteryModel("zz", 2, ("a", "b"), (0,), -0.5 * ops.pauli("Z", 0, 1), h, InitialState.from_bitstring("00"))
    with pytest.raises(ValueError, match="term ZZ has no analog realisation"):
        compile_analog(m, CAL, 1.0)
