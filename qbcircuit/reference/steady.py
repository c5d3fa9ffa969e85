"""Steady states and the Liouvillian gap of a time-independent open model.

The steady state returned is the one the model relaxes to from its initial state:
lim_{t->inf} exp(L t) rho(0). When the kernel of L is one-dimensional this is the unique
steady state; when it is not (a strong symmetry, e.g. the collective baths of seed 003),
the initial state decides, and the degeneracy is reported.

The projection uses the resolvent: for s > 0, s (s - L)^{-1} leaves the kernel of L
unchanged and multiplies every other eigenmode by s / (s - lambda), whose modulus is at
most s / (s + gap) (or s/|lambda| for undamped oscillating modes). With s a tenth of the
smallest non-zero |lambda|, each application shrinks the rest by at least ~10x, so a few
repeated solves with one sparse LU factorisation converge to the projection. This works
equally for unique and degenerate kernels and needs no dense eigenvectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

from qbcircuit.metrics import liouvillian_spectrum, partial_trace
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.reference.redfield import redfield_tensor
from qbcircuit.reference.superoperator import liouvillian, unvec, vec

ZERO_TOL = 1e-9  # relative to the largest |eigenvalue|: below it an eigenvalue counts as zero


def generator(model: BatteryModel, sec_cutoff: float | None = None) -> sp.csr_matrix:
    """The model's time-independent generator: Lindblad, or Bloch-Redfield plus Lindblad."""
    if model.drives:
        raise ValueError(
            f"model {model.name!r} has time-dependent drives: a steady state needs a "
            "time-independent generator (write the drive in its rotating frame)"
        )
    if not model.is_open:
        raise ValueError(
            f"model {model.name!r} has no dissipation, so no steady state: evolve it in time instead"
        )
    if not model.redfield_couplings:
        return liouvillian(model)
    return sp.csr_matrix(redfield_tensor(model, sec_cutoff))


@dataclass
class SteadyState:
    """``state``: full density matrix; ``battery_state``: its battery part; ``degeneracy``:
    dimension of the kernel of L (-1: unknown, the spectrum could not be computed);
    ``gap``: the slowest relaxation rate (smallest non-zero -Re lambda; 0 when some mode
    oscillates undamped; for large L, from the slowest few eigenvalues ARPACK finds near
    zero); ``residual``: ||L vec(rho)||."""

    state: np.ndarray
    battery_state: np.ndarray
    degeneracy: int
    gap: float
    residual: float
    eigenvalues: np.ndarray
    figure_state: np.ndarray | None = None


DENSE_SPECTRUM_MAX = 1024  # a dense eig of a 4096 Liouvillian takes minutes on a loaded 2-core machine


def _spectrum(lv: sp.csr_matrix) -> np.ndarray | None:
    """All eigenvalues (dense, small L) or the slowest few (ARPACK); None if ARPACK fails.

    With ARPACK, k grows while every eigenvalue found is zero (a kernel larger than k).
    """
    dim = lv.shape[0]
    if dim <= DENSE_SPECTRUM_MAX:
        return liouvillian_spectrum(lv.toarray())
    k = 12
    while k < dim - 2:
        try:
            ev = liouvillian_spectrum(lv, k=k)
        except Exception:  # ARPACK did not converge: go on without the spectrum
            return None
        scale = max(1.0, float(np.max(np.abs(ev))))
        if np.any(np.abs(ev) > ZERO_TOL * scale) or k >= 96:
            return ev
        k *= 2
    return None


def steady_state(
    model: BatteryModel, *, initial_state: InitialState | None = None, sec_cutoff: float | None = None
) -> SteadyState:
    """The state ``model`` relaxes to from ``initial_state`` (default: the model's)."""
    lv = generator(model, sec_cutoff)
    d = model.dimension
    state = initial_state or model.initial_state
    if state.dimension != d:
        raise ValueError(f"initial_state must have dimension {d}, got {state.dimension}")

    eigenvalues = _spectrum(lv)
    if eigenvalues is None:
        # No spectrum: degeneracy and gap unknown (reported as -1 and nan); s small
        # against the generator's scale, so that s/(s + gap) is small for any gap that a
        # steady-state question makes sense for.
        degeneracy, gap = -1, float("nan")
        s = 1e-6 * max(1.0, float(abs(lv).max()))
        eigenvalues = np.array([])
    else:
        scale = max(1.0, float(np.max(np.abs(eigenvalues))))
        is_zero = np.abs(eigenvalues) <= ZERO_TOL * scale
        degeneracy = int(is_zero.sum())
        nonzero = eigenvalues[~is_zero]
        gap = max(float(np.min(-nonzero.real)) if nonzero.size else float("inf"), 0.0)
        # s: a tenth of the smallest non-zero |lambda| (see the module docstring).
        s = 0.1 * float(np.min(np.abs(nonzero))) if nonzero.size else 1.0
    solver = splu(sp.csc_matrix(s * sp.identity(d * d, dtype=complex) - lv))
    x = vec(state.density_matrix())
    for _ in range(500):
        new = s * solver.solve(x)
        converged = np.linalg.norm(new - x) <= 1e-14 * np.linalg.norm(new)
        x = new
        if converged:
            break
    rho = unvec(x, d)
    rho = 0.5 * (rho + rho.conj().T)
    rho /= np.trace(rho).real
    residual = float(np.linalg.norm(lv @ vec(rho)))
    return SteadyState(
        state=rho,
        battery_state=partial_trace(rho, model.battery_qubits, model.num_qubits),
        degeneracy=degeneracy,
        gap=gap,
        residual=residual,
        eigenvalues=eigenvalues,
        figure_state=partial_trace(rho, model.figure_qubits, model.num_qubits) if model.figure_qubits else None,
    )
