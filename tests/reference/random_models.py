"""Random small models for checking the reference against independent dense solvers."""

import numpy as np
from qiskit.quantum_info import SparsePauliOp, random_pauli_list

from qbcircuit.models import BatteryModel, DriveTerm, InitialState, JumpOperator


def random_hermitian_op(rng, n, terms=6) -> SparsePauliOp:
    paulis = random_pauli_list(n, terms, seed=int(rng.integers(1 << 30)), phase=False)
    return SparsePauliOp(paulis, rng.normal(size=terms)).simplify()


def random_operator(rng, n, terms=4) -> SparsePauliOp:
    paulis = random_pauli_list(n, terms, seed=int(rng.integers(1 << 30)), phase=False)
    return SparsePauliOp(paulis, rng.normal(size=terms) + 1j * rng.normal(size=terms)).simplify()


def random_state(rng, n, kind) -> InitialState:
    d = 2**n
    if kind == "pure":
        return InitialState.from_vectors([(1.0, rng.normal(size=d) + 1j * rng.normal(size=d))])
    if kind == "mixture":
        w = rng.random(3)
        w /= w.sum()
        return InitialState.from_vectors([(wk, rng.normal(size=d) + 1j * rng.normal(size=d)) for wk in w])
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    rho = a @ a.conj().T
    return InitialState.from_density_matrix(rho / np.trace(rho))


def random_model(rng, n=2, jumps=2, drives=0, state="pure", battery=(0,)) -> BatteryModel:
    drive_terms = tuple(
        DriveTerm(random_hermitian_op(rng, n, 3), (lambda t, w=rng.uniform(0.5, 2), a=rng.uniform(0.2, 1): a * np.cos(w * t)), f"d{k}")
        for k in range(drives)
    )
    return BatteryModel(
        name="random",
        num_qubits=n,
        qubit_labels=tuple(f"q{q}" for q in range(n)),
        battery_qubits=tuple(battery),
        battery_hamiltonian=random_hermitian_op(rng, len(battery), 3),
        hamiltonian=random_hermitian_op(rng, n),
        drives=drive_terms,
        jump_operators=tuple(JumpOperator(random_operator(rng, n), float(rng.uniform(0.1, 1.0)), f"L{k}") for k in range(jumps)),
        initial_state=random_state(rng, n, state),
    )
