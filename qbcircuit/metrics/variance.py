"""Energy fluctuations of a battery: the variance of H_B, its local and entangled parts, and
the Fisher information of the energy-level populations.

Definitions (RMP 96, 031001 (2024), seed 004):

* ``energy_variance``: Delta E_B^2 = Tr[H_B^2 rho_B] - Tr[H_B rho_B]^2 (Sec. II.C.4; Eq. 45,
  the charging precision of Friis and Huber, at the state where the charge is read);
* for H_B = sum_i h_i, a sum of terms each on one cell: the local part
  sum_i (Tr[h_i^2 rho] - Tr[h_i rho]^2) (Eq. 22) and the entangled part
  sum_{i != j} (Tr[h_i h_j rho] - Tr[h_i rho] Tr[h_j rho]) (Eq. 23), which add up to the
  variance. The split is defined only for such H_B: with interaction terms (a spin chain's
  couplings, seed 000's hopping) both parts are nan;
* ``energy_fisher_information``: I_E = sum_k (dp_k/dt)^2 / p_k, the Fisher information of
  the populations p_k = Tr[Pi_k rho_B] of the eigenspaces Pi_k of H_B (Julia-Farre et al.,
  PRR 2, 023113 (2020)). With P(t) = sum_k e_k dp_k/dt, Cauchy-Schwarz gives the
  instantaneous bound P(t) <= sqrt(Delta E_B^2 I_E) of Eq. (24) for any dynamics.

Qubit order as everywhere in ``qbcircuit.metrics``: little-endian.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .states import _density, _hamiltonian, _state_and_hamiltonian, partial_trace

#: Populations below this are left out of the Fisher information (their derivative vanishes with them).
POPULATION_FLOOR = 1e-12


class VarianceSplit(NamedTuple):
    """Delta E_B^2 = local + entangled (Eqs. 22-23); the parts are nan when H_B is not local."""

    total: float
    local: float
    entangled: float


def energy_variance(rho, hamiltonian) -> float:
    """Tr[H^2 rho] - Tr[H rho]^2 (>= 0 up to round-off, clipped at 0).

    Parameters
    ----------
    rho:
        A state (density matrix, state vector or qiskit state).
    hamiltonian:
        H (matrix or ``SparsePauliOp``) of the state's dimension.

    Returns
    -------
    float
    """
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    return _variance(rho, h)


def _variance(rho: np.ndarray, h: np.ndarray) -> float:
    hr = h @ rho
    mean = float(np.trace(hr).real)
    return max(0.0, float(np.einsum("ij,ji->", h, hr).real) - mean**2)


def local_terms(hamiltonian, num_qubits: int) -> list[np.ndarray] | None:
    """The single-cell terms h_i of H = sum_i h_i (+ a constant), as 2 x 2 matrices, qubit by
    qubit; None when H has terms acting on two or more qubits.

    Parameters
    ----------
    hamiltonian:
        A ``SparsePauliOp`` (Pauli strings say which qubits a term acts on) or a matrix (its
        Pauli decomposition is taken).
    num_qubits:
        The number of cells (qubits).

    Returns
    -------
    list of numpy.ndarray or None
    """
    from qiskit.quantum_info import Operator, SparsePauliOp

    if isinstance(hamiltonian, SparsePauliOp):
        op = hamiltonian.simplify(atol=1e-12)
    else:
        op = SparsePauliOp.from_operator(Operator(np.asarray(_hamiltonian(hamiltonian)))).simplify(atol=1e-12)
    if op.num_qubits != num_qubits:
        raise ValueError(f"hamiltonian must act on num_qubits = {num_qubits} qubits, got {op.num_qubits}")
    terms = [np.zeros((2, 2), dtype=complex) for _ in range(num_qubits)]
    for pauli, coeff in zip(op.paulis, op.coeffs):
        support = np.flatnonzero(pauli.z | pauli.x)
        if support.size > 1:
            return None
        if support.size == 1:
            q = int(support[0])
            terms[q] += coeff * pauli[q].to_matrix()
    return terms


def energy_variance_split(rho_battery, hamiltonian, num_qubits: int | None = None) -> VarianceSplit:
    """Delta E_B^2 and its local and entangled parts (Eqs. 22-23).

    Parameters
    ----------
    rho_battery:
        The battery's state on ``num_qubits`` cells (little-endian).
    hamiltonian:
        H_B as a ``SparsePauliOp`` (or matrix).
    num_qubits:
        The number of cells (default: from the state's dimension).

    Returns
    -------
    VarianceSplit
        (total, local, entangled); local and entangled are nan when H_B has interaction terms.
    """
    rho, h = _state_and_hamiltonian(rho_battery, hamiltonian)
    n = int(round(np.log2(h.shape[0]))) if num_qubits is None else int(num_qubits)
    if 2**n != h.shape[0]:
        raise ValueError(f"the state's dimension {h.shape[0]} is not 2^num_qubits = {2**n}")
    total = _variance(rho, h)
    terms = local_terms(hamiltonian, n)
    if terms is None:
        return VarianceSplit(total, float("nan"), float("nan"))
    local = sum(_variance(partial_trace(rho, [q], n), t) for q, t in enumerate(terms))
    return VarianceSplit(total, float(local), total - float(local))


def energy_levels(hamiltonian, tol: float = 1e-9) -> tuple[np.ndarray, list[np.ndarray]]:
    """The distinct eigenvalues e_k of H and an orthonormal basis (columns) of each eigenspace.

    Parameters
    ----------
    hamiltonian:
        H (matrix or ``SparsePauliOp``).
    tol:
        Eigenvalues closer than ``tol`` times max(1, |H|) are one level.

    Returns
    -------
    (levels, bases)
    """
    h = _hamiltonian(hamiltonian)
    vals, vecs = np.linalg.eigh(h)
    scale = tol * max(1.0, float(np.max(np.abs(vals))))
    cuts = np.flatnonzero(np.diff(vals) > scale) + 1
    edges = [0, *cuts.tolist(), vals.size]
    levels = np.array([vals[a:b].mean() for a, b in zip(edges[:-1], edges[1:])])
    return levels, [vecs[:, a:b] for a, b in zip(edges[:-1], edges[1:])]


def level_populations(rho, bases: list[np.ndarray]) -> np.ndarray:
    """p_k = Tr[Pi_k rho] for the eigenspace bases of :func:`energy_levels` (rho may be any
    operator, e.g. a time derivative of a state, which gives dp_k/dt).

    Parameters
    ----------
    rho:
        An operator of H's dimension.
    bases:
        The eigenspaces' bases (columns), as :func:`energy_levels` returns them.

    Returns
    -------
    numpy.ndarray
    """
    a = np.asarray(rho, dtype=complex)
    return np.array([float(np.einsum("ik,ij,jk->", b.conj(), a, b).real) for b in bases])


def energy_fisher_information(populations, derivatives, floor: float = POPULATION_FLOOR) -> float:
    """I_E = sum_k (dp_k/dt)^2 / p_k over the levels with p_k > ``floor``.

    Parameters
    ----------
    populations:
        p_k >= 0, summing to 1.
    derivatives:
        dp_k/dt (summing to 0).
    floor:
        Levels with p_k at or below it are left out.

    Returns
    -------
    float
        In 1/time^2.
    """
    p = np.asarray(populations, dtype=float)
    dp = np.asarray(derivatives, dtype=float)
    if p.shape != dp.shape:
        raise ValueError(f"populations and derivatives must have the same shape, got {p.shape} and {dp.shape}")
    keep = p > floor
    return float(np.sum(dp[keep] ** 2 / p[keep]))


def state_energy_moments(rho, hamiltonian) -> tuple[float, float]:
    """(Tr[H rho], Tr[H^2 rho]) of a state (for time averages of Delta H).

    Parameters
    ----------
    rho:
        A state.
    hamiltonian:
        H of its dimension.

    Returns
    -------
    (float, float)
    """
    rho = _density(rho)
    h = _hamiltonian(hamiltonian)
    hr = h @ rho
    return float(np.trace(hr).real), float(np.einsum("ij,ji->", h, hr).real)
