"""Liouvillian spectrum and gap.

L is the superoperator of d rho/dt = L rho as a matrix acting on vec(rho):
a numpy array, a scipy sparse matrix or a QuTiP superoperator. Any
vectorisation convention (row or column stacking) gives the same spectrum.
For a physical (CPTP-generating) L every eigenvalue has Re <= 0; the zero
eigenvalues are the steady states, and the smallest nonzero -Re(lambda) is the
slowest relaxation rate (the asymptotic decay rate, 1 / the longest time scale).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigs

#: Largest dimension diagonalised densely (4096 = 6 qubits); above it only k eigenvalues, by ARPACK.
DENSE_MAX_DIM = 4096


class LiouvillianGap(NamedTuple):
    """``gap``: min -Re(lambda) over |lambda| > tol; ``num_zero``: eigenvalues with |lambda| <= tol."""

    gap: float
    num_zero: int


def _superoperator(L):
    """Dense ndarray or scipy sparse matrix, validated square."""
    if hasattr(L, "superrep") and hasattr(L, "full"):  # QuTiP Qobj; keep it sparse
        L = L.to("CSR").data.as_scipy()
    if not sp.issparse(L):
        L = np.asarray(L, dtype=complex)
    if L.ndim != 2 or L.shape[0] != L.shape[1] or L.shape[0] == 0:
        raise ValueError(f"L must be a square matrix (dense or scipy sparse), got shape {L.shape}")
    if not np.all(np.isfinite(L.data if sp.issparse(L) else L)):
        raise ValueError("L must have finite entries")
    return L


def sort_spectrum(ev: np.ndarray) -> np.ndarray:
    """Eigenvalues by real part descending; ties (conjugate pairs) by imaginary part descending.

    Parameters
    ----------
    ev : numpy.ndarray
        Complex eigenvalues (e.g. the union of those of the blocks of a block-diagonal L).

    Returns
    -------
    numpy.ndarray
        The same values in the order :func:`liouvillian_spectrum` returns them.
    """
    ev = np.asarray(ev, dtype=complex)
    # Real parts equal to round-off count as ties, so conjugate pairs come out (+, -) every time.
    scale = 1e-10 * max(1.0, float(np.max(np.abs(ev)))) if ev.size else 1.0
    return ev[np.lexsort((-ev.imag, -np.round(ev.real / scale)))]


def liouvillian_spectrum(
    L, k: int | None = None, sigma: float | None = None, dense_max_dim: int = DENSE_MAX_DIM
) -> np.ndarray:
    """Eigenvalues of L sorted by real part descending (all, or the first k).

    Up to ``dense_max_dim`` (default DENSE_MAX_DIM): dense ``eigvals`` (exact ordering). Above it (k required):
    ARPACK shift-invert around a small positive ``sigma`` (default 1e-6 times the
    largest |L_ii|), which returns the k eigenvalues CLOSEST to sigma, i.e. the
    slow modes near 0. These are the k of largest real part unless a mode with
    a large imaginary part (fast oscillation) is slower to decay than a
    non-oscillating one; ask for a few more than you need.
    """
    L = _superoperator(L)
    n = L.shape[0]
    if k is not None and (isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n):
        raise ValueError(f"k must be an integer in 1..{n} (the dimension of L) or None, got {k!r}")
    if n <= dense_max_dim:
        ev = sort_spectrum(np.linalg.eigvals(L.toarray() if sp.issparse(L) else L))
        return ev if k is None else ev[:k]
    if k is None:
        raise ValueError(f"k must be given for a Liouvillian of dimension {n} > {dense_max_dim} (only a few eigenvalues can be computed)")
    if k >= n - 1:
        raise ValueError(f"k must be below dim(L) - 1 = {n - 1} for a Liouvillian of dimension {n} > {dense_max_dim}")
    if sigma is None:
        scale = float(np.max(np.abs(L.diagonal()))) if n else 1.0
        sigma = 1e-6 * scale if scale > 0 else 1e-6
    # A fixed start vector makes runs reproducible (ARPACK's default is random).
    v0 = np.random.default_rng(0).normal(size=n).astype(complex)
    ev = eigs(sp.csc_matrix(L), k=int(k), sigma=sigma, which="LM", v0=v0, return_eigenvectors=False)
    return sort_spectrum(ev)


def liouvillian_gap(L, tol: float = 1e-9, k: int | None = None) -> LiouvillianGap:
    """Slowest relaxation rate and steady-state degeneracy of L.

    gap = min over eigenvalues with |lambda| > tol of -Re(lambda) (0 when some
    mode does not decay, e.g. a purely Hamiltonian L); num_zero = the number of
    eigenvalues with |lambda| <= tol (the dimension of the steady-state space).
    For dim(L) > DENSE_MAX_DIM only ``k`` eigenvalues (default 12) are computed,
    so num_zero is reliable only while it is below k. gap is nan if every
    computed eigenvalue is zero.
    """
    L = _superoperator(L)
    if L.shape[0] > DENSE_MAX_DIM and k is None:
        k = 12
    ev = liouvillian_spectrum(L, k=k)
    zero = np.abs(ev) <= tol
    rates = -ev.real[~zero]
    if rates.size == 0:
        return LiouvillianGap(float("nan"), int(zero.sum()))
    gap = float(rates.min())
    if -tol < gap < 0:  # round-off on an undamped mode
        gap = 0.0
    return LiouvillianGap(gap, int(zero.sum()))
