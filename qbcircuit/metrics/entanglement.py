"""Two-qubit entanglement: Wootters' concurrence."""

from __future__ import annotations

import numpy as np

from .states import _density

_YY = np.array([[0, 0, 0, -1], [0, 0, 1, 0], [0, 1, 0, 0], [-1, 0, 0, 0]], dtype=complex)  # Y (x) Y


def concurrence(rho) -> float:
    """Wootters' concurrence of a two-qubit state, in [0, 1].

    C = max(0, l1 - l2 - l3 - l4), l_i the decreasing square roots of the
    eigenvalues of rho (Y x Y) rho* (Y x Y). Accepts a 4x4 density matrix, a
    4-vector or a qiskit state. Y x Y is symmetric under swapping the qubits, so
    the qubit order (little-endian or not) does not matter.
    """
    rho = _density(rho, 4, dim_desc="two-qubit dimension 4")
    # Same l_i from the Hermitian sqrt(rho) rho~ sqrt(rho): eigvalsh is stable
    # where the eigenvalues of the non-Hermitian product pick up imaginary noise.
    w, v = np.linalg.eigh(rho)
    sq = (v * np.sqrt(np.clip(w, 0.0, None))) @ v.conj().T
    tilde = _YY @ rho.conj() @ _YY
    ev = np.linalg.eigvalsh(sq @ tilde @ sq)
    lam = np.sort(np.sqrt(np.clip(ev, 0.0, None)))[::-1]
    return float(max(0.0, lam[0] - lam[1:].sum()))
