"""Channels and generators as matrices: the one-step channel of a dissipator, Kraus
operators, and the complete-positivity checks. Generators are built by
:func:`qbcircuit.superoperators.lindblad_generator` (the one construction every stage uses).

Vectorisation is column-stacking, as in :mod:`qbcircuit.superoperators`:
vec(A rho B) = (B^T kron A) vec(rho), so rho_ij sits at index i + d j.

A map rho -> sum_k X_k rho Y_k^+ has the superoperator sum_k conj(Y_k) kron X_k and the
Choi matrix C = sum_k vec(X_k) vec(Y_k)^+; C[i + d k, j + d l] = S[i + d j, k + d l] is a
reshuffling of the superoperator S. A channel is completely positive iff C >= 0 (Choi),
and its Kraus operators are sqrt(lambda) unvec(v) over the eigenpairs of C.

A generator L is a valid Lindblad (GKSL) generator, so that exp(t L) is completely
positive for every t >= 0, iff its Choi matrix is positive on the complement of the
maximally entangled vector w = vec(I)/sqrt(d) (Lindblad 1976, Gorini-Kossakowski-Sudarshan
1976): with Q = 1 - w w^+, Q C(L) Q = sum_k gamma_k vec(L_k) vec(L_k)^+ for the traceless
jump operators L_k, so its eigenvalues are the rates of the canonical jumps (the
Kossakowski matrix in an orthonormal traceless operator basis). A negative one means
exp(t L) is not CP for small t: the Redfield equation off resonance is the example.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as la

from qbcircuit.superoperators import lindblad_generator, unvec, vec

#: Eigenvalues of a Choi matrix above -CP_TOL * (its largest |eigenvalue|) count as >= 0.
CP_TOL = 1e-10
#: Kraus operators whose Choi eigenvalue is below KRAUS_TOL * (the largest) are dropped:
#: rounding leaves ~1e-15 there, true ones are far above (a channel's trace error stays
#: below ~1e-13, well inside the 1e-10 agreement the tests ask of the two paths).
KRAUS_TOL = 1e-13


def one_step_channel(jumps: list[tuple[float, np.ndarray]], dt: float) -> np.ndarray:
    """exp(dt sum_k rate_k D[L_k]): the exact channel of the dissipators over one step."""
    return la.expm(dt * lindblad_generator(None, jumps))


def choi(superop: np.ndarray) -> np.ndarray:
    """The Choi matrix of a superoperator (see the module docstring)."""
    d = int(round(np.sqrt(superop.shape[0])))
    s4 = superop.reshape((d, d, d, d), order="F")  # s4[i, j, k, l] = S[i + d j, k + d l]
    return s4.transpose(0, 2, 1, 3).reshape((d * d, d * d), order="F")


def superop_from_kraus(kraus: list[np.ndarray]) -> np.ndarray:
    return sum(np.kron(k.conj(), k) for k in kraus)


def apply_superop(superop: np.ndarray, rho: np.ndarray) -> np.ndarray:
    """The superoperator applied to the d x d matrix ``rho`` (column-stacked)."""
    return unvec(superop @ vec(rho), rho.shape[0])


@dataclass(frozen=True)
class PositivityCheck:
    """``min_eigenvalue`` of the (projected) Choi matrix, relative to ``scale``; ``ok``
    when it is above -CP_TOL * scale."""

    min_eigenvalue: float
    scale: float

    @property
    def ok(self) -> bool:
        return self.min_eigenvalue >= -CP_TOL * self.scale


def check_channel(superop: np.ndarray) -> PositivityCheck:
    """Complete positivity of a channel: the smallest eigenvalue of its Choi matrix."""
    c = choi(superop)
    vals = la.eigvalsh(0.5 * (c + c.conj().T))
    return PositivityCheck(float(vals.min()), max(1.0, float(np.abs(vals).max())))


def kraus_operators(superop: np.ndarray) -> list[np.ndarray]:
    """Kraus operators of a CP map (eigen-decomposition of its Choi matrix, largest
    first). Raises ValueError if the map is not completely positive."""
    check = check_channel(superop)
    if not check.ok:
        raise ValueError(
            f"the channel is not completely positive (Choi eigenvalue {check.min_eigenvalue:.3g} < 0): "
            "it has no Kraus operators and no dilation"
        )
    d = int(round(np.sqrt(superop.shape[0])))
    c = choi(superop)
    vals, vecs = la.eigh(0.5 * (c + c.conj().T))
    keep = vals > KRAUS_TOL * check.scale
    return [np.sqrt(v) * vecs[:, k].reshape((d, d), order="F") for k, v in sorted(
        zip(np.flatnonzero(keep), vals[keep]), key=lambda kv: -kv[1])]


@dataclass(frozen=True)
class LindbladForm:
    """A generator written as -i[H, .] + sum_k rates[k] D[jumps[k]] (traceless, unit
    Frobenius norm jumps). ``negative_weight`` is the sum of |rate| of the canonical
    rates that were negative (0 for a valid Lindblad generator; dropped by
    :func:`lindblad_form` with ``clip=True``)."""

    hamiltonian: np.ndarray
    rates: tuple[float, ...]
    jumps: tuple[np.ndarray, ...]
    min_rate: float
    negative_weight: float
    scale: float

    @property
    def completely_positive(self) -> bool:
        return self.min_rate >= -CP_TOL * self.scale


def lindblad_form(generator: np.ndarray, clip: bool = False) -> LindbladForm:
    """The canonical Lindblad form of a (trace-preserving, Hermiticity-preserving)
    generator. With ``clip`` the negative canonical rates are dropped: the result is the
    Lindblad generator nearest to ``generator`` in the Frobenius norm of the Kossakowski
    matrix (the projection of a Hermitian matrix onto the positive cone clips its
    negative eigenvalues). Without ``clip`` a negative rate raises ValueError."""
    d = int(round(np.sqrt(generator.shape[0])))
    c = choi(generator)
    c = 0.5 * (c + c.conj().T)
    w = np.eye(d).reshape(-1, order="F") / np.sqrt(d)
    q = np.eye(d * d) - np.outer(w, w.conj())
    vals, vecs = la.eigh(q @ c @ q)
    scale = max(1.0, float(np.abs(vals).max()))
    significant = np.abs(vals) > CP_TOL * scale
    negative = vals < -CP_TOL * scale
    if negative.any() and not clip:
        raise ValueError(
            f"the generator is not completely positive: its Kossakowski matrix has the eigenvalue "
            f"{vals.min():.4g} < 0"
        )
    every = np.flatnonzero(significant)
    jumps_all = [vecs[:, k].reshape((d, d), order="F") for k in every]
    canonical = lindblad_generator(None, [(float(vals[k]), l) for k, l in zip(every, jumps_all)]) if every.size else 0 * generator
    # What the canonical jumps leave is Hamiltonian: the residual map is
    # rho -> G rho + rho G^+ with G = -iH for a trace-preserving generator; contracting
    # its Choi matrix with w gives vec(G) up to a multiple of the identity.
    g = (choi(generator - canonical) @ w).reshape((d, d), order="F") / np.sqrt(d)
    h = 0.5j * (g - g.conj().T)
    h -= np.trace(h) / d * np.eye(d)
    err = np.linalg.norm(lindblad_generator(h) + canonical - generator) / max(1.0, np.linalg.norm(generator))
    if err > 1e-8:
        raise ValueError(
            f"the generator is not of Lindblad type (not trace- or Hermiticity-preserving): "
            f"residual {err:.3g} after the canonical decomposition"
        )
    kept = [(float(vals[k]), l) for k, l in zip(every, jumps_all) if vals[k] > 0]
    rates = [r for r, _ in kept]
    jumps = [l for _, l in kept]
    return LindbladForm(
        hamiltonian=h,
        rates=tuple(rates),
        jumps=tuple(jumps),
        min_rate=float(vals.min()) if vals.size else 0.0,
        negative_weight=float(-vals[negative].sum()),
        scale=scale,
    )
