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

Two paths compute the same thing (``method``; "auto" chooses by size):
* direct (Redfield models, and Lindblad models up to DIRECT_MAX_DIMENSION = d): the sparse
  superoperator, one sparse LU of (s - L), the spectrum dense or by ARPACK shift-invert.
* matrix-free (Lindblad models above it; ``steady_iterative``): L only acts on d x d
  matrices; each application of s (s - L)^{-1} is a GMRES solve preconditioned with the exact
  inverse of the no-jump part, and the slow eigenvalues come from ARPACK on L itself (largest
  real part). The LU's fill-in makes the direct path hopeless past d ~ 100 (at d = 64 the LU
  of the seed-000 model already holds 5.6M nonzeros; d = 128 did not finish in 8 minutes).
  When GMRES or the projection does not converge, the state is still returned, with a
  RuntimeWarning naming the model and ``residual`` = ||L rho|| saying how far it is off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

from qbcircuit.metrics import liouvillian_spectrum, partial_trace
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.models.master_equation import generator
from qbcircuit.reference import steady_iterative
from qbcircuit.superoperators import unvec, vec

ZERO_TOL = 1e-9  # relative to the largest |eigenvalue|: below it an eigenvalue counts as zero
# Hilbert-space dimension above which Lindblad models take the matrix-free path. Measured
# (benchmarks/steady_state_scale.py, seed 000 coherent, one BLAS thread, loaded machine):
# d = 32: direct 2.6 s, matrix-free 2.8 s; d = 64: 25 s and 28 s (the LU already holds 5.6M
# nonzeros); d = 128: the LU did not finish in 8 minutes. At the tie the matrix-free path
# wins on memory.
DIRECT_MAX_DIMENSION = 32
# Matrix-free path: s = ITERATIVE_SHIFT_FRACTION x the smallest non-zero |lambda| (the direct
# path uses 0.1: its extra solves are cheap back-substitutions, GMRES solves are not).
ITERATIVE_SHIFT_FRACTION = 0.1
METHODS = ("auto", "direct", "iterative")


def _check_time_independent_open(model: BatteryModel) -> None:
    if model.drives:
        raise ValueError(
            f"model {model.name!r} has time-dependent drives: a steady state needs a "
            "time-independent generator (write the drive in its rotating frame)"
        )
    if not model.is_open:
        raise ValueError(
            f"model {model.name!r} has no dissipation, so no steady state: evolve it in time instead"
        )


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


DENSE_SPECTRUM_MAX = 1024  # a dense eig of a 4096 Liouvillian takes minutes on a loaded 2-core machine;
# ARPACK shift-invert at 1024 was faster (1.1 s against 3.3 s) but missed seed 000's slow oscillating mode


def _spectrum(lv: sp.csr_matrix) -> np.ndarray | None:
    """All eigenvalues (dense, small L) or the slowest few (ARPACK); None if ARPACK fails.

    With ARPACK, k grows while every eigenvalue found is zero (a kernel larger than k).
    """
    dim = lv.shape[0]
    if dim <= DENSE_SPECTRUM_MAX:
        return liouvillian_spectrum(lv.toarray())

    def arpack(k: int) -> np.ndarray | None:
        try:
            return liouvillian_spectrum(lv, k=k, dense_max_dim=DENSE_SPECTRUM_MAX)
        except Exception:  # ARPACK did not converge: go on without the spectrum
            return None

    return _growing_k(arpack, dim)


def _growing_k(slowest, dim: int) -> np.ndarray | None:
    """``slowest(k)`` with k = 12, 24, 48, 96 until some eigenvalue found is non-zero (a
    kernel larger than k otherwise hides the gap)."""
    k = 12
    while k < dim - 2:
        ev = slowest(k)
        if ev is None:
            return None
        scale = max(1.0, float(np.max(np.abs(ev))))
        if np.any(np.abs(ev) > ZERO_TOL * scale) or k >= 96:
            return ev
        k *= 2
    return None


def _classify(eigenvalues: np.ndarray) -> tuple[int, float, float]:
    """(degeneracy, gap, smallest |lambda| of a non-zero mode, bounding the rest) from the
    slowest eigenvalues, sorted by real part descending."""
    scale = max(1.0, float(np.max(np.abs(eigenvalues))))
    is_zero = np.abs(eigenvalues) <= ZERO_TOL * scale
    nonzero = eigenvalues[~is_zero]
    gap = max(float(np.min(-nonzero.real)) if nonzero.size else float("inf"), 0.0)
    slowest = float(np.min(np.abs(nonzero))) if nonzero.size else float("inf")
    return int(is_zero.sum()), gap, slowest


def steady_state(
    model: BatteryModel,
    *,
    initial_state: InitialState | None = None,
    sec_cutoff: float | None = None,
    method: str = "auto",
    spectrum: bool = True,
) -> SteadyState:
    """The state ``model`` relaxes to from ``initial_state`` (default: the model's).

    ``method``: "direct" (sparse LU), "iterative" (matrix-free; Lindblad models only) or
    "auto" (matrix-free for Lindblad models of dimension above DIRECT_MAX_DIMENSION).
    ``spectrum=False`` skips the slow eigenvalues on the direct path (most of its time at
    dimension 32: 2.9 of 3.3 s on seed 000): degeneracy and gap come back unknown (-1,
    nan), and the state is the same resolvent projection with a tiny shift, exact when the
    kernel is one-dimensional (e.g. disorder averages, where only the state is wanted)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    _check_time_independent_open(model)
    d = model.dimension
    state = initial_state or model.initial_state
    if state.dimension != d:
        raise ValueError(f"initial_state must have dimension {d}, got {state.dimension}")
    if method == "iterative" and model.redfield_couplings:
        raise ValueError(f"method='iterative' takes Lindblad models only; model {model.name!r} has Redfield couplings")
    if method == "iterative" or (method == "auto" and not model.redfield_couplings and d > DIRECT_MAX_DIMENSION):
        rho, eigenvalues, residual_of = _iterative(model, state)
    else:
        rho, eigenvalues, residual_of = _direct(model, state, sec_cutoff, spectrum)
    rho = 0.5 * (rho + rho.conj().T)
    rho /= np.trace(rho).real
    if eigenvalues is None:
        degeneracy, gap, eigenvalues = -1, float("nan"), np.array([])
    else:
        degeneracy, gap, _ = _classify(eigenvalues)
    return SteadyState(
        state=rho,
        battery_state=partial_trace(rho, model.battery_qubits, model.num_qubits),
        degeneracy=degeneracy,
        gap=gap,
        residual=residual_of(rho),
        eigenvalues=eigenvalues,
        figure_state=partial_trace(rho, model.figure_qubits, model.num_qubits) if model.figure_qubits else None,
    )


def _direct(model: BatteryModel, state: InitialState, sec_cutoff: float | None, spectrum: bool = True):
    lv = generator(model, sec_cutoff)  # the model's: Lindblad, or Bloch-Redfield plus Lindblad
    d = model.dimension
    eigenvalues = _spectrum(lv) if spectrum else None
    if eigenvalues is None:
        # No spectrum: s small against the generator's scale, so that s/(s + gap) is small
        # for any gap that a steady-state question makes sense for.
        s = 1e-6 * max(1.0, float(abs(lv).max()))
    else:
        _, _, slowest = _classify(eigenvalues)
        # s: a tenth of the smallest non-zero |lambda| (see the module docstring).
        s = 0.1 * slowest if np.isfinite(slowest) else 1.0
    solver = splu(sp.csc_matrix(s * sp.identity(d * d, dtype=complex) - lv))
    x = vec(state.density_matrix())
    for _ in range(500):
        new = s * solver.solve(x)
        converged = np.linalg.norm(new - x) <= 1e-14 * np.linalg.norm(new)
        x = new
        if converged:
            break
    return unvec(x, d), eigenvalues, lambda rho: float(np.linalg.norm(lv @ vec(rho)))


def _iterative(model: BatteryModel, state: InitialState):
    action = steady_iterative.LindbladAction(model)
    eigenvalues = _growing_k(lambda k: steady_iterative.slow_eigenvalues(action, k), model.dimension**2)
    if eigenvalues is None:
        # No spectrum: a shift small against the generator's scale but not so small that
        # GMRES stalls; the projection's convergence check (and warning) decides.
        s = 1e-3 * action.rate_scale()
    else:
        _, _, slowest = _classify(eigenvalues)
        # Modes ARPACK did not return have Re lambda below the last one found.
        slowest = min(slowest, float(-eigenvalues[-1].real)) if eigenvalues.size else slowest
        s = ITERATIVE_SHIFT_FRACTION * slowest if np.isfinite(slowest) and slowest > 0 else 1.0
    projection = steady_iterative.project_to_kernel(action, state.density_matrix(), s)
    return projection.state, eigenvalues, lambda rho: float(np.linalg.norm(action.apply(rho)))
