"""Models built directly for the compiler's tests (not through the registry)."""

from __future__ import annotations

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, DriveTerm, InitialState


def spin_charger(M=2, N=2, omega0=1.0, g=0.5, gamma=0.0, initial=None) -> BatteryModel:
    """Seed 001, Eq. (1): M battery spins (qubits 0..M-1) charged by N charger spins
    (qubits M..M+N-1) through H_1 = g/2 [(1+gamma) sum sx sum tx + (1-gamma) sum sy sum ty];
    H_0 = omega0/2 (sum sigma_z + sum tau_z), the paper's sigma_z = -Z. Battery empty,
    chargers full."""
    n = M + N
    terms = [0.5 * omega0 * ops.sigma_z(q, n) for q in range(n)]
    for k in range(M):
        for l in range(M, n):
            terms.append(SparsePauliOp.from_sparse_list(
                [("XX", [k, l], 0.5 * g * (1 + gamma)), ("YY", [k, l], 0.5 * g * (1 - gamma))], n))
    h = SparsePauliOp.sum(terms).simplify()
    h_b = SparsePauliOp.sum([0.5 * omega0 * ops.sigma_z(q, M) for q in range(M)]).simplify()
    state = initial or InitialState.from_bitstring("1" * N + "0" * M, label="chargers up, battery empty")
    return BatteryModel(
        name="spin-charger-test", num_qubits=n,
        qubit_labels=tuple(f"battery {k}" for k in range(M)) + tuple(f"charger {l}" for l in range(N)),
        battery_qubits=tuple(range(M)), battery_hamiltonian=h_b, hamiltonian=h, initial_state=state,
        energy_unit="omega0", time_unit="1/omega0",
    )


def xy_chain(n=6, J=1.0, omega0=1.0, fields=None, drive=None, battery=(0, 1, 2)) -> BatteryModel:
    """An open XY chain: omega0/2 sum sigma_z (+ site fields) + J sum (sigma+ sigma- + h.c.)
    on nearest neighbours; the first half is the battery, the second half starts full.
    ``drive=(F, omega_d)`` adds F cos(omega_d t) sum_j X_j."""
    terms = [0.5 * omega0 * ops.sigma_z(q, n) for q in range(n)]
    if fields is not None:
        terms += [0.5 * f * ops.sigma_z(q, n) for q, f in enumerate(fields)]
    terms += [J * ops.exchange(q, q + 1, n) for q in range(n - 1)]
    h = SparsePauliOp.sum(terms).simplify()
    drives = ()
    if drive is not None:
        F, wd = drive
        drives = (DriveTerm(SparsePauliOp.sum([ops.pauli("X", q, n) for q in range(n)]),
                            lambda t, F=F, wd=wd: F * np.cos(wd * t), "cavity drive"),)
    m = len(battery)
    h_b = SparsePauliOp.sum([0.5 * omega0 * ops.sigma_z(j, m) for j in range(m)]).simplify()
    bits = "".join("0" if q in battery else "1" for q in reversed(range(n)))
    return BatteryModel(
        name="xy-chain-test", num_qubits=n, qubit_labels=tuple(f"site {q}" for q in range(n)),
        battery_qubits=tuple(battery), battery_hamiltonian=h_b, hamiltonian=h, drives=drives,
        initial_state=InitialState.from_bitstring(bits), energy_unit="omega0", time_unit="1/omega0",
    )


def star(N=4, J=1.0, omega0=1.0) -> BatteryModel:
    """Battery qubit 0 at the centre of an N-qubit star of exchange bonds, leaves full."""
    terms = [omega0 * ops.sigma_z(q, N) for q in range(N)] + [J * ops.exchange(0, q, N) for q in range(1, N)]
    return BatteryModel(
        name="star-test", num_qubits=N, qubit_labels=("battery",) + tuple(f"leaf {q}" for q in range(1, N)),
        battery_qubits=(0,), battery_hamiltonian=omega0 * ops.sigma_z(0, 1),
        hamiltonian=SparsePauliOp.sum(terms).simplify(),
        initial_state=InitialState.from_bitstring("1" * (N - 1) + "0"),
    )
