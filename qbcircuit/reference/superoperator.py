"""Matrices of a model: Hamiltonian, jump operators, and the Liouvillian superoperator.

The Liouvillian is built here with scipy alone (no QuTiP), so that the QuTiP-based time
evolution and this construction are independent checks of each other. Vectorisation is
column-stacking, as in QuTiP: vec(A rho B) = (B^T kron A) vec(rho).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models.core import BatteryModel


def matrix(op: SparsePauliOp) -> sp.csr_matrix:
    """The operator as a sparse matrix in Qiskit's (little-endian) basis order."""
    return sp.csr_matrix(op.to_matrix(sparse=True))


def hamiltonian_matrix(model: BatteryModel, t: float | None = None) -> sp.csr_matrix:
    """H (static part) or H(t) when ``t`` is given."""
    if t is None or not model.drives:
        return matrix(model.hamiltonian)
    return matrix(model.hamiltonian_at(t))


def lindblad_liouvillian(
    hamiltonian: sp.spmatrix, jumps: list[tuple[float, sp.spmatrix]]
) -> sp.csr_matrix:
    """-i[H, .] + sum_k rate_k D[L_k] as a sparse superoperator on column-stacked vec(rho)."""
    d = hamiltonian.shape[0]
    eye = sp.identity(d, format="csr", dtype=complex)
    h = sp.csr_matrix(hamiltonian, dtype=complex)
    lv = -1j * (sp.kron(eye, h) - sp.kron(h.T, eye))
    for rate, jump in jumps:
        if rate == 0:
            continue
        l = sp.csr_matrix(jump, dtype=complex)
        ldl = (l.conj().T @ l).tocsr()
        lv = lv + rate * (sp.kron(l.conj(), l) - 0.5 * sp.kron(eye, ldl) - 0.5 * sp.kron(ldl.T, eye))
    return sp.csr_matrix(lv)


def liouvillian(model: BatteryModel, t: float | None = None) -> sp.csr_matrix:
    """The model's Lindblad Liouvillian (Redfield parts are added by the reference solver)."""
    jumps = [(j.rate, matrix(j.operator)) for j in model.jump_operators]
    return lindblad_liouvillian(hamiltonian_matrix(model, t), jumps)


def vec(rho: np.ndarray) -> np.ndarray:
    """Column-stacking vectorisation."""
    return np.asarray(rho).reshape(-1, order="F")


def unvec(v: np.ndarray, d: int) -> np.ndarray:
    return np.asarray(v).reshape((d, d), order="F")
