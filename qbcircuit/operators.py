"""Operators on a register of qubits as ``SparsePauliOp``, in the project's conventions.

|1> is the excited state: the papers' sigma_z (+1 on |1>) is -Z, sigma_+ = |1><0| =
(X - iY)/2 and the excitation number n = |1><1| = (I - Z)/2. Qubit indices are Qiskit's
(little-endian: qubit 0 is the rightmost character of a Pauli label).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from qiskit.quantum_info import SparsePauliOp

# Single-qubit operators as (label, coefficient) pairs, in the project's convention.
_SINGLE = {
    "I": [("I", 1.0)],
    "X": [("X", 1.0)],
    "Y": [("Y", 1.0)],
    "Z": [("Z", 1.0)],
    "sigma_z": [("Z", -1.0)],  # the papers' sigma_z: +1 on the excited state |1>
    "sigma_plus": [("X", 0.5), ("Y", -0.5j)],  # |1><0|
    "sigma_minus": [("X", 0.5), ("Y", 0.5j)],  # |0><1|
    "number": [("I", 0.5), ("Z", -0.5)],  # |1><1|
}


def _check_qubit(qubit: int, num_qubits: int) -> None:
    if not 0 <= qubit < num_qubits:
        raise ValueError(f"qubit index must be in [0, {num_qubits - 1}], got {qubit}")


def single(name: str, qubit: int, num_qubits: int) -> SparsePauliOp:
    """A single-qubit operator ``name`` (see module docstring) on ``qubit`` of ``num_qubits``."""
    if name not in _SINGLE:
        raise ValueError(f"operator name must be one of {sorted(_SINGLE)}, got {name!r}")
    _check_qubit(qubit, num_qubits)
    terms = [(label, [qubit], coeff) for label, coeff in _SINGLE[name]]
    return SparsePauliOp.from_sparse_list(terms, num_qubits).simplify()


def sigma_z(qubit: int, num_qubits: int) -> SparsePauliOp:
    """The papers' sigma_z = |1><1| - |0><0| = -Z."""
    return single("sigma_z", qubit, num_qubits)


def sigma_plus(qubit: int, num_qubits: int) -> SparsePauliOp:
    """Raising operator |1><0| (charges the cell)."""
    return single("sigma_plus", qubit, num_qubits)


def sigma_minus(qubit: int, num_qubits: int) -> SparsePauliOp:
    """Lowering operator |0><1|."""
    return single("sigma_minus", qubit, num_qubits)


def number(qubit: int, num_qubits: int) -> SparsePauliOp:
    """Excitation number |1><1| = (I - Z)/2."""
    return single("number", qubit, num_qubits)


def pauli(label: str, qubit: int, num_qubits: int) -> SparsePauliOp:
    """A Pauli X, Y or Z on one qubit."""
    if label not in ("X", "Y", "Z"):
        raise ValueError(f"label must be 'X', 'Y' or 'Z', got {label!r}")
    return single(label, qubit, num_qubits)


def identity(num_qubits: int) -> SparsePauliOp:
    return SparsePauliOp("I" * num_qubits)


def total(name: str, qubits: Iterable[int], num_qubits: int) -> SparsePauliOp:
    """Sum of a single-qubit operator over ``qubits`` (e.g. the collective S^- = sum sigma_-)."""
    ops = [single(name, q, num_qubits) for q in qubits]
    if not ops:
        raise ValueError("qubits must name at least one qubit")
    return SparsePauliOp.sum(ops).simplify()


def exchange(i: int, j: int, num_qubits: int) -> SparsePauliOp:
    """Excitation hopping sigma_+^i sigma_-^j + sigma_-^i sigma_+^j = (X_i X_j + Y_i Y_j)/2."""
    _check_qubit(i, num_qubits)
    _check_qubit(j, num_qubits)
    if i == j:
        raise ValueError(f"exchange needs two different qubits, got {i} twice")
    return SparsePauliOp.from_sparse_list(
        [("XX", [i, j], 0.5), ("YY", [i, j], 0.5)], num_qubits
    )


def is_hermitian(op: SparsePauliOp, atol: float = 1e-10) -> bool:
    """A Pauli sum is Hermitian exactly when its simplified coefficients are real."""
    coeffs = op.simplify(atol=atol).coeffs
    return bool(np.all(np.abs(np.imag(coeffs)) <= atol))


def hermitian_part_real(op: SparsePauliOp, name: str, atol: float = 1e-10) -> SparsePauliOp:
    """Return ``op`` simplified with real coefficients, or raise naming ``name`` if not Hermitian."""
    simplified = op.simplify(atol=atol)
    worst = float(np.max(np.abs(np.imag(simplified.coeffs)), initial=0.0))
    if worst > atol:
        raise ValueError(
            f"{name} must be Hermitian (a Pauli sum with real coefficients); "
            f"largest imaginary coefficient is {worst:.3g}"
        )
    return SparsePauliOp(simplified.paulis, np.real(simplified.coeffs).astype(complex))


def embed(op: SparsePauliOp, qubits: Iterable[int], num_qubits: int) -> SparsePauliOp:
    """Place an operator on ``len(qubits)`` qubits onto ``qubits`` of a larger register.

    Qubit j of ``op`` goes to qubit ``qubits[j]`` of the register.
    """
    qubits = list(qubits)
    if op.num_qubits != len(qubits):
        raise ValueError(
            f"qubits must list {op.num_qubits} qubits for this operator, got {len(qubits)}"
        )
    for q in qubits:
        _check_qubit(q, num_qubits)
    if len(set(qubits)) != len(qubits):
        raise ValueError(f"qubits must be distinct, got {qubits}")
    return op.apply_layout(qubits, num_qubits)


# -- a truncated bosonic mode in binary ---------------------------------------------------
# A mode truncated to 2^k levels lives in k qubits: Fock level m is the basis state whose
# index is m, so qubit j of the mode's register carries bit j of m (little-endian, like
# every register here). The truncation is the model's choice, made by a convergence check.


def boson_number(num_mode_qubits: int) -> SparsePauliOp:
    """a^+ a = sum_j 2^j n_j: diagonal, k + 1 Pauli terms, exact for the truncated mode."""
    k = num_mode_qubits
    if k < 1:
        raise ValueError(f"num_mode_qubits must be >= 1, got {k}")
    return SparsePauliOp.sum([2**j * number(j, k) for j in range(k)]).simplify()


def boson_annihilation(num_mode_qubits: int) -> SparsePauliOp:
    """a = sum_m sqrt(m+1) |m><m+1| on 2^k levels (the top level has no |m+1>: a^+ a is
    exact, but [a, a^+] = 1 fails on the top level, as for any truncation)."""
    k = num_mode_qubits
    if not 1 <= k <= 8:
        raise ValueError(f"num_mode_qubits must be in [1, 8], got {k}")
    levels = 2**k
    dense = np.diag(np.sqrt(np.arange(1, levels)), k=1).astype(complex)
    return SparsePauliOp.from_operator(dense).simplify()


def boson_creation(num_mode_qubits: int) -> SparsePauliOp:
    return boson_annihilation(num_mode_qubits).adjoint()


def fock_bitstring(level: int, num_mode_qubits: int) -> str:
    """The Fock state |level> of a mode as a bit string (Qiskit order: qubit 0 last)."""
    if not 0 <= level < 2**num_mode_qubits:
        raise ValueError(f"level must be in [0, {2**num_mode_qubits - 1}], got {level}")
    return format(level, f"0{num_mode_qubits}b")
