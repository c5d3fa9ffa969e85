"""Small open models built directly for the gadget tests."""

from __future__ import annotations

from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, JumpOperator


def open_model(num_qubits, jumps, hamiltonian=None, bits=None) -> BatteryModel:
    """``jumps``: (operator, rate) pairs; H defaults to a weak field on every qubit and an
    exchange between neighbours, so that the channels do not commute with it."""
    n = num_qubits
    if hamiltonian is None:
        terms = [0.7 * ops.sigma_z(q, n) + 0.4 * ops.pauli("X", q, n) for q in range(n)]
        terms += [0.5 * ops.exchange(q, q + 1, n) for q in range(n - 1)]
        hamiltonian = SparsePauliOp.sum(terms).simplify()
    return BatteryModel(
        name="open-test", num_qubits=n, qubit_labels=tuple(f"q{q}" for q in range(n)), battery_qubits=(0,),
        battery_hamiltonian=ops.sigma_z(0, 1), hamiltonian=hamiltonian,
        jump_operators=tuple(JumpOperator(op, rate, f"jump {k}") for k, (op, rate) in enumerate(jumps)),
        initial_state=InitialState.from_bitstring(bits or "1" * n),
    )
