"""Density matrices: conversion and validation, partial trace, purity.

Conventions (shared by all of ``qbcircuit.metrics``):

* hbar = 1; qubit |1> is the excited (charged) state.
* Qiskit's little-endian order: in an n-qubit density matrix the basis index is
  i = sum_q b_q 2**q, so qubit 0 is the LEAST significant bit (the rightmost
  factor of a Kronecker product, the rightmost character of a Pauli label).
* States may be a density matrix (2-D array), a state vector (1-D array) or a
  qiskit ``Statevector`` / ``DensityMatrix``; Hamiltonians a 2-D array or a
  qiskit ``SparsePauliOp`` / ``Operator``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Absolute tolerance for hermiticity, trace and norm checks (numerical noise).
ATOL = 1e-8


def _to_array(x) -> np.ndarray:
    """A complex ndarray from an array-like, a qiskit operator or a qiskit state."""
    if isinstance(x, np.ndarray):
        return x.astype(complex, copy=False)
    if hasattr(x, "to_matrix"):  # SparsePauliOp, Operator
        return np.asarray(x.to_matrix(), dtype=complex)
    if hasattr(x, "toarray"):  # scipy sparse
        return np.asarray(x.toarray(), dtype=complex)
    if hasattr(x, "data"):  # Statevector, DensityMatrix
        return np.asarray(x.data, dtype=complex)
    return np.asarray(x, dtype=complex)


def _hamiltonian(hamiltonian, name: str = "hamiltonian") -> np.ndarray:
    """The Hamiltonian as a dense Hermitian matrix, or ValueError."""
    h = _to_array(hamiltonian)
    if h.ndim != 2 or h.shape[0] != h.shape[1] or h.shape[0] == 0:
        raise ValueError(f"{name} must be a square matrix or a SparsePauliOp, got shape {h.shape}")
    if not np.all(np.isfinite(h)):
        raise ValueError(f"{name} must have finite entries")
    err = np.max(np.abs(h - h.conj().T))
    if err > ATOL * max(1.0, np.max(np.abs(h))):
        raise ValueError(f"{name} must be Hermitian (max |H - H^dagger| = {err:.3g})")
    return h


def _density(state, dim: int | None = None, name: str = "rho", dim_desc: str | None = None) -> np.ndarray:
    """Validated density matrix from any accepted state; ``dim_desc`` says where ``dim`` comes from."""
    a = _to_array(state)
    where = dim_desc or f"dimension {dim}"
    if a.ndim == 1:
        if a.size == 0 or (dim is not None and a.size != dim):
            want = f"of {where}" if dim is not None else "non-empty"
            raise ValueError(f"{name} must be a state vector {want}, got length {a.size}")
        norm = np.vdot(a, a).real
        if not np.isfinite(norm) or abs(norm - 1.0) > ATOL:
            raise ValueError(f"{name} must be a normalised state vector (norm^2 = {norm:.6g})")
        return np.outer(a, a.conj())
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.size == 0:
        what = f"a square matrix of {where}" if dim is not None else "a square matrix or a state vector"
        raise ValueError(f"{name} must be {what}, got shape {a.shape}")
    if dim is not None and a.shape[0] != dim:
        raise ValueError(f"{name} must be a square matrix of {where}, got shape {a.shape}")
    tr = np.trace(a)
    herm = np.max(np.abs(a - a.conj().T))
    if not np.isfinite(herm) or herm > ATOL or abs(tr - 1.0) > ATOL:
        raise ValueError(f"{name} must be Hermitian with trace 1 (trace = {tr.real:.6g}, max |rho - rho^dagger| = {herm:.3g})")
    return a


def as_density_matrix(state) -> np.ndarray:
    """Return ``state`` as a complex density matrix (Hermitian, trace 1).

    Accepts a density matrix, a normalised state vector, or a qiskit
    ``Statevector`` / ``DensityMatrix``. Hermiticity, trace and norm are checked
    to 1e-8; positivity is not checked (it would cost a diagonalisation).
    """
    return _density(state)


def partial_trace(rho, keep: Sequence[int], num_qubits: int) -> np.ndarray:
    """Reduced density matrix of the qubits in ``keep``, tracing out the others.

    Little-endian, as Qiskit: qubit q is bit q of the basis index. The result's
    qubit j is the original qubit ``keep[j]``, in the order given, so
    ``keep=(2, 0)`` returns a 2-qubit state whose qubit 0 is original qubit 2 and
    whose qubit 1 is original qubit 0. ``keep=()`` returns the 1x1 matrix [[1]].
    """
    if isinstance(num_qubits, bool) or not isinstance(num_qubits, (int, np.integer)) or num_qubits < 1:
        raise ValueError(f"num_qubits must be a positive integer, got {num_qubits!r}")
    n = int(num_qubits)
    rho = _density(rho, 2**n, dim_desc=f"dimension 2**num_qubits = {2**n}")
    try:
        keep = [int(q) for q in keep]
    except TypeError:
        raise ValueError(f"keep must be a sequence of qubit indices, got {keep!r}") from None
    if any(q < 0 or q >= n for q in keep) or len(set(keep)) != len(keep):
        raise ValueError(f"keep must hold distinct qubit indices in 0..{n - 1}, got {tuple(keep)}")
    traced = [q for q in range(n) if q not in keep]
    m = len(keep)
    # After a C-order reshape, tensor axis a is qubit n-1-a (most significant first),
    # and column axis n+a likewise. The output's most significant qubit is keep[-1].
    axis = lambda q: n - 1 - q  # noqa: E731
    row = [axis(q) for q in reversed(keep)] + [axis(q) for q in traced]
    perm = row + [n + a for a in row]
    t = rho.reshape((2,) * (2 * n)).transpose(perm)
    t = t.reshape(2**m, 2 ** (n - m), 2**m, 2 ** (n - m))
    return np.einsum("ajbj->ab", t)


def partial_trace_operator(op, keep: Sequence[int], num_qubits: int) -> np.ndarray:
    """Partial trace of any operator (not only a state: e.g. a time derivative d rho/dt, whose
    trace is 0), keeping the qubits in ``keep`` in the order given (as :func:`partial_trace`).

    Parameters
    ----------
    op:
        A 2^n x 2^n matrix.
    keep:
        Distinct qubit indices.
    num_qubits:
        n.

    Returns
    -------
    numpy.ndarray
    """
    n = int(num_qubits)
    a = np.asarray(op, dtype=complex)
    if a.shape != (2**n, 2**n):
        raise ValueError(f"op must be a square matrix of dimension 2**num_qubits = {2**n}, got shape {a.shape}")
    keep = [int(q) for q in keep]
    if any(q < 0 or q >= n for q in keep) or len(set(keep)) != len(keep):
        raise ValueError(f"keep must hold distinct qubit indices in 0..{n - 1}, got {tuple(keep)}")
    traced = [q for q in range(n) if q not in keep]
    m = len(keep)
    row = [n - 1 - q for q in reversed(keep)] + [n - 1 - q for q in traced]
    t = a.reshape((2,) * (2 * n)).transpose(row + [n + r for r in row])
    return np.einsum("ajbj->ab", t.reshape(2**m, 2 ** (n - m), 2**m, 2 ** (n - m)))


def purity(rho) -> float:
    """Tr[rho^2] (1 for pure states, 1/d for the maximally mixed state)."""
    rho = _density(rho)
    return float(np.vdot(rho, rho).real)  # Tr[rho rho] = sum |rho_ij|^2 for Hermitian rho


def _state_and_hamiltonian(rho, hamiltonian, name: str = "rho") -> tuple[np.ndarray, np.ndarray]:
    """Validated (rho, H) of matching dimension."""
    h = _hamiltonian(hamiltonian)
    d = h.shape[0]
    return _density(rho, d, name=name, dim_desc=f"the Hamiltonian's dimension {d}"), h
