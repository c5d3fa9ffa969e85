"""Superoperators on column-stacked density matrices: the one construction every stage uses.

Vectorisation is column-stacking, as in QuTiP: vec(A rho B) = (B^T kron A) vec(rho), so
rho_ij sits at index i + d j. A generator L acts as d vec(rho)/dt = L vec(rho).

* :func:`lindblad_generator`: -i[H, .] + sum_k rate_k D[L_k], with
  D[L]rho = L rho L^+ - {L^+ L, rho}/2 (the rate outside, as in DESIGN.md), from sparse
  or dense matrices (sparse in, sparse out; dense in, dense out).
* :func:`redfield_tensor`: -i[H, .] plus the Bloch-Redfield dissipator of system
  operators A coupled to baths with spectra S(w), with a secular approximation that knows
  about degenerate levels (see the function).

This module reads matrices only: nothing of a battery model. The model-level builders
(a model's Hamiltonian, jumps and couplings turned into these generators, with the
model's own secular cutoff) are in :mod:`qbcircuit.models.master_equation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp

#: Level spacings below DEGENERACY_TOL x (the spectral width, at least 1) count as zero
#: in the Redfield tensor's secular approximation.
DEGENERACY_TOL = 1e-9
#: The Redfield tensor is dense (d^4 entries): its largest Hilbert-space dimension.
MAX_DIMENSION = 64


def vec(rho: np.ndarray) -> np.ndarray:
    """Column-stacking vectorisation.

    Parameters
    ----------
    rho : array_like, shape (d, d)
        A matrix (a density matrix, or any operator).

    Returns
    -------
    numpy.ndarray, shape (d * d,)
        ``rho`` with its columns stacked: ``rho[i, j]`` at index ``i + d * j``.
    """
    return np.asarray(rho).reshape(-1, order="F")


def unvec(v: np.ndarray, d: int | None = None) -> np.ndarray:
    """The inverse of :func:`vec`.

    Parameters
    ----------
    v : array_like, shape (d * d,)
        A column-stacked matrix.
    d : int, optional
        The matrix dimension; None: sqrt(len(v)).

    Returns
    -------
    numpy.ndarray, shape (d, d)
    """
    v = np.asarray(v)
    if d is None:
        d = int(round(np.sqrt(v.size)))
    if d < 1 or d * d != v.size:
        raise ValueError(f"d must satisfy d * d = len(v) = {v.size}, got d = {d}")
    return v.reshape((d, d), order="F")


def lindblad_generator(
    hamiltonian: np.ndarray | sp.spmatrix | None,
    jumps: Iterable[tuple[float, np.ndarray | sp.spmatrix]] = (),
) -> np.ndarray | sp.csr_matrix:
    """-i[H, .] + sum_k rate_k D[L_k] on column-stacked vec(rho).

    Parameters
    ----------
    hamiltonian : (d, d) array, scipy sparse matrix, or None
        H; None: the dissipators alone (then ``jumps`` must name at least one operator).
    jumps : iterable of (rate, L)
        Lindblad channels, D[L]rho = L rho L^+ - {L^+ L, rho}/2 times ``rate``; channels
        of rate 0 are skipped.

    Returns
    -------
    scipy.sparse.csr_matrix or numpy.ndarray, shape (d * d, d * d)
        Sparse (CSR) when any input is sparse, a dense array otherwise.
    """
    jumps = list(jumps)
    matrices = ([] if hamiltonian is None else [hamiltonian]) + [l for _, l in jumps]
    if not matrices:
        raise ValueError("hamiltonian must be a matrix when jumps is empty (the dimension is unknown)")
    d = matrices[0].shape[0]
    if any(m.shape != (d, d) for m in matrices):
        raise ValueError(f"hamiltonian and jump operators must all be {d} x {d} matrices")
    if any(sp.issparse(m) for m in matrices):
        kron = sp.kron
        eye = sp.identity(d, format="csr", dtype=complex)

        def as_matrix(m):
            return sp.csr_matrix(m, dtype=complex)

        out = sp.csr_matrix((d * d, d * d), dtype=complex)
    else:
        kron = np.kron
        eye = np.eye(d)

        def as_matrix(m):
            return np.asarray(m)

        out = np.zeros((d * d, d * d), dtype=complex)
    # -i[H, rho] - {K, rho}/2 = -i (H_eff rho - rho H_eff^+), H_eff = H - (i/2) K, K = sum_k rate_k L_k^+ L_k:
    # two Kronecker products for the whole no-jump part, one per channel for L rho L^+.
    h_eff = as_matrix(hamiltonian) if hamiltonian is not None else None
    channels = []
    for rate, jump in jumps:
        if rate == 0:
            continue
        l = as_matrix(jump)
        channels.append((rate, l))
        decay = -0.5j * rate * (l.conj().T @ l)
        h_eff = decay if h_eff is None else h_eff + decay
    if h_eff is not None:
        out = out + (-1j * kron(eye, h_eff) + 1j * kron(h_eff.conj(), eye))
    for rate, l in channels:
        out = out + rate * kron(l.conj(), l)
    return sp.csr_matrix(out) if sp.issparse(out) else out


def redfield_tensor(
    hamiltonian: np.ndarray | sp.spmatrix,
    couplings: Iterable[tuple[np.ndarray | sp.spmatrix, Callable[[float], float]]],
    sec_cutoff: float,
) -> np.ndarray:
    """-i[H, .] plus the Bloch-Redfield dissipator, dense, on column-stacked vec(rho) in
    the basis ``hamiltonian`` is written in.

    For H = sum_a E_a |a><a| and couplings A_alpha with spectra S_alpha(w) (w > 0: the
    system gives energy w to the bath), in the eigenbasis and QuTiP's convention:

        d rho_ab / dt = -i w_ab rho_ab + sum_cd R_abcd rho_cd,
        R_abcd = 1/2 A_ac A_db [S(w_ca) + S(w_db)]
                 - 1/2 delta_ac sum_k A_dk A_kb S(w_dk) - 1/2 delta_bd sum_k A_ak A_kc S(w_ck),

    with w_ij = E_i - E_j (summed over the couplings). The secular approximation keeps the
    terms with |w_ab - w_cd| < sec_cutoff * (smallest non-zero level spacing); a negative
    ``sec_cutoff`` keeps all terms (the full, non-secular Redfield equation). Spacings below
    ``DEGENERACY_TOL`` times the spectral width count as zero.

    Why not only QuTiP's ``bloch_redfield_tensor``: it tests level spacings for exact zero,
    so numerically degenerate levels (1.3 and 1.3 + 2e-16) make the smallest spacing ~1e-16
    and the secular cut then drops the terms between degenerate transitions, which are the
    ones that make collective jumps. Also, in QuTiP 5.3.1 the non-secular terms are not
    covariant under a change of basis (H -> U H U^+, A -> U A U^+ does not give
    rho -> U rho U^+; off by ~1e-1) whenever the coupling's matrix elements in the
    eigenbasis are complex; on real models it agrees with this tensor to 1e-15. The
    tensor is checked (tests/test_superoperators.py, tests/models/test_master_equation.py)
    against the operator form built independently from Lambda = sum_w S(w)/2 A(w):
    d rho/dt = -i[H, rho] + Lambda rho A - A Lambda rho + h.c., for covariance, against
    QuTiP's on real models, and against the Lindblad equations it reduces to. The
    principal-value (Lamb-shift) part is left out, as in QuTiP.

    Parameters
    ----------
    hamiltonian : (d, d) array or scipy sparse matrix
        H (Hermitian), d <= ``MAX_DIMENSION``.
    couplings : iterable of (A, spectrum)
        System operators A (Hermitian, d x d) and their baths' spectra S(w), called with
        a float.
    sec_cutoff : float
        The secular cutoff (see above); negative: no secular approximation.

    Returns
    -------
    numpy.ndarray, shape (d * d, d * d)
    """
    h = hamiltonian.toarray() if sp.issparse(hamiltonian) else np.asarray(hamiltonian)
    d = h.shape[0]
    if d > MAX_DIMENSION:
        raise ValueError(f"the explicit Redfield tensor is dense: dimension must be <= {MAX_DIMENSION}, got {d}")
    energies, basis = la.eigh(h)
    width = max(1.0, float(np.ptp(energies)))
    w = energies[:, None] - energies[None, :]  # w[i, j] = E_i - E_j
    w[np.abs(w) < DEGENERACY_TOL * width] = 0.0

    r = np.zeros((d, d, d, d), dtype=complex)
    eye = np.eye(d)
    for operator, spectrum in couplings:
        op = operator.toarray() if sp.issparse(operator) else np.asarray(operator)
        a = basis.conj().T @ op @ basis
        s = np.vectorize(lambda x: float(spectrum(float(x))))(w)  # s[i, j] = S(E_i - E_j)
        # 1/2 A_ac A_db [S(w_ca) + S(w_db)]
        r += 0.5 * np.einsum("ac,db->abcd", a, a) * (s.T[:, None, :, None] + s.T[None, :, None, :])
        x = np.einsum("dk,kb,dk->db", a, a, s)  # sum_k A_dk A_kb S(w_dk)
        y = np.einsum("ak,kc,ck->ac", a, a, s)  # sum_k A_ak A_kc S(w_ck)
        r -= 0.5 * np.einsum("ac,db->abcd", eye, x)
        r -= 0.5 * np.einsum("bd,ac->abcd", eye, y)

    if sec_cutoff >= 0:
        spacings = np.abs(w[w != 0])
        cutoff = sec_cutoff * (spacings.min() if spacings.size else np.inf)
        mismatch = np.abs(w[:, :, None, None] - w[None, None, :, :])
        r[mismatch >= cutoff] = 0.0
    for i in range(d):
        for j in range(d):
            r[i, j, i, j] += -1j * w[i, j]

    # Column-stacked index of rho_ab is a + d b.
    r_eig = r.transpose(1, 0, 3, 2).reshape(d * d, d * d)
    to_lab = np.kron(basis.conj(), basis)
    to_eig = np.kron(basis.T, basis.conj().T)
    return to_lab @ r_eig @ to_eig
