"""Error mitigation a user would expect on hardware: readout-error mitigation and
zero-noise extrapolation (ZNE) by gate folding.

Readout: two calibration circuits per run (every measured physical qubit prepared in |0>,
then in |1>) give each qubit's assignment matrix A[read, prepared]; a circuit's
distribution is then mitigated by applying A^-1 bit by bit (tensored mitigation: it
assumes readout errors independent between qubits, as the noise models here have them).

ZNE: each two-qubit gate g of the transpiled circuit becomes g (g^dagger g)^k (a fractional
RZZ's inverse written as X RZZ X, inside the device's angle range), scaling the
two-qubit gate noise (the dominant gate error on transmons) by lambda = 2k + 1 while
leaving the ideal circuit unchanged. Folding at the ISA level means the transpiler never
sees, and never cancels, the folds. Single-qubit gates and readout are not folded, so
lambda scales the two-qubit part of the noise only. The zero-noise value is a fixed
linear combination of the values at the factors: a least-squares line (``linear``) or the
polynomial through all points (``richardson``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from qbcircuit.run.distribution import probabilities

FOLDABLE_EXCLUDED = {"measure", "reset", "barrier", "delay"}


def measured_qubits(isa_circuit) -> list[int]:
    """Physical qubit measured into each clbit (clbit i -> entry i); -1 if never measured.
    The last measurement of a clbit wins (that is what ends up in the counts)."""
    physical = [-1] * isa_circuit.num_clbits
    for inst in isa_circuit.data:
        if inst.operation.name == "measure":
            physical[isa_circuit.find_bit(inst.clbits[0]).index] = isa_circuit.find_bit(inst.qubits[0]).index
    return physical


def readout_calibration_circuits(physical_qubits: Sequence[int], num_device_qubits: int) -> list:
    """Two ISA-level circuits on the device's qubits: all measured qubits in |0>, then in |1>.
    Built directly in the basis {x, measure}, which every target here has."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    out = []
    for excite in (False, True):
        qc = QuantumCircuit(QuantumRegister(num_device_qubits, "q"), ClassicalRegister(len(physical_qubits), "meas"))
        qc.name = f"readout-{int(excite)}"
        if excite:
            for q in physical_qubits:
                qc.x(q)
        qc.barrier()
        for i, q in enumerate(physical_qubits):
            qc.measure(q, i)
        out.append(qc)
    return out


def assignment_matrices(
    counts_zero: Mapping[str, int], counts_one: Mapping[str, int], physical_qubits: Sequence[int]
) -> dict[int, np.ndarray]:
    """Per physical qubit, A[read, prepared] from the two calibration circuits' counts."""
    n = len(physical_qubits)
    p0, _ = probabilities(counts_zero, n)
    p1, _ = probabilities(counts_one, n)
    x = np.arange(2**n)
    out = {}
    for i, q in enumerate(physical_qubits):
        bit = (x >> i) & 1
        p1_given_0 = float(p0[bit == 1].sum())
        p0_given_1 = float(p1[bit == 0].sum())
        out[int(q)] = np.array([[1 - p1_given_0, p0_given_1], [p1_given_0, 1 - p0_given_1]])
    return out


def inverse_matrices(assignment: Mapping[int, np.ndarray], physical: Sequence[int]) -> list[np.ndarray | None]:
    """A^-1 for each clbit's physical qubit (None for unmeasured clbits)."""
    out = []
    for q in physical:
        if q < 0:
            out.append(None)
            continue
        a = assignment[q]
        if abs(np.linalg.det(a)) < 1e-3:
            raise ValueError(f"readout of qubit {q} is too poor to invert (assignment matrix {a.tolist()})")
        out.append(np.linalg.inv(a))
    return out


def fold_two_qubit_gates(isa_circuit, factor: float):
    """The circuit with every two-qubit gate g replaced by g (g^dagger g)^k, factor = 2k + 1."""
    k = int(round((factor - 1) / 2))
    if k < 0 or abs(2 * k + 1 - factor) > 1e-9:
        raise ValueError(f"zne factor must be an odd integer >= 1, got {factor}")
    if k == 0:
        return isa_circuit.copy()
    folded = isa_circuit.copy_empty_like()
    for inst in isa_circuit.data:
        folded.append(inst)
        op = inst.operation
        if op.num_qubits == 2 and op.num_clbits == 0 and op.name not in FOLDABLE_EXCLUDED:
            for _ in range(k):
                _append_inverse(folded, inst)
                folded.append(op, inst.qubits, inst.clbits)
    return folded


def _append_inverse(circuit, inst) -> None:
    """g^dagger in the target's own gates: a fractional RZZ(theta) (Heron: 0 < theta <= pi/2)
    has the inverse RZZ(-theta) = X RZZ(theta) X (X on either qubit), which stays in range."""
    op = inst.operation
    if op.name == "rzz":
        from qiskit.circuit.library import XGate

        first = inst.qubits[0]
        circuit.append(XGate(), [first])
        circuit.append(op, inst.qubits)
        circuit.append(XGate(), [first])
        return
    circuit.append(op.inverse(), inst.qubits, inst.clbits)


def extrapolation_coefficients(factors: Sequence[float], kind: str = "linear") -> np.ndarray:
    """c with value(0) = sum_k c_k value(lambda_k): least-squares line or Richardson polynomial."""
    lam = np.asarray(factors, dtype=float)
    if lam.size == 1:
        return np.ones(1)
    if kind == "richardson":
        c = np.ones_like(lam)
        for k in range(lam.size):
            for j in range(lam.size):
                if j != k:
                    c[k] *= lam[j] / (lam[j] - lam[k])
        return c
    if kind == "linear":
        mean = lam.mean()
        return 1 / lam.size - mean * (lam - mean) / np.sum((lam - mean) ** 2)
    raise ValueError(f"zne extrapolation must be linear or richardson, got {kind!r}")
