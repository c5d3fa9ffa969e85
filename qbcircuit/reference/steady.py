"""Steady states and the Liouvillian gap of a time-independent open model.

The steady state returned is the one the model relaxes to from its initial state:
lim_{t->inf} exp(L t) rho(0). When the kernel of L is one-dimensional this is the unique
steady state; when it is not (a strong symmetry, e.g. the collective baths of seed 003, or
seed 000's identical spins at J = 0), the initial state decides, and the degeneracy is
reported.

The projection uses the resolvent: for s > 0, s (s - L)^{-1} leaves the kernel of L
unchanged and multiplies every other eigenmode by s / (s - lambda), whose modulus is at
most s / (s + gap) (or s/|lambda| for undamped oscillating modes). Repeated solves converge
to the projection; this works equally for unique and degenerate kernels and needs no
eigenvectors. A small s needs few solves; the floor on s is rounding: each solve adds an
error of about eps ||L|| / s to the kernel part, which no later solve removes.

Two paths compute the same projection; ``method="auto"`` chooses per problem, and
``SteadyState.info`` says which path was taken, on how many unknowns, with which shift:

* direct (Redfield models always; Lindblad models whose block reachable from the initial
  state has at most DIRECT_MAX_UNKNOWNS unknowns): L is block diagonal over the connected
  components of its sparsity graph (a weak symmetry in the computational basis, e.g. the
  coherence order of an excitation number that H and the jumps conserve or change by one:
  seed 003's star network N = 5 has 11 blocks, and its initial state reaches one of 252 of
  the 1024 unknowns); one sparse LU of (s - L) on the reachable block, repeated
  back-substitutions. The spectrum, when asked for, is taken block by block (dense), or by
  ARPACK shift-invert on the whole L when the blocks are large.
* matrix-free (larger Lindblad models; :mod:`qbcircuit.reference.steady_iterative`): L only
  acts on d x d matrices; each resolvent step is a GMRES solve preconditioned with the
  exact inverse of the no-jump part; the slow eigenvalues, when asked for, come from ARPACK
  on L itself (largest real part).

Why not QuTiP's way (one sparse LU of L with its first row replaced by the trace)? It
cannot be right for a degenerate kernel (it returns one state of the kernel, whatever the
initial state), and it is no faster to factor: at d = 64 (seed 000, coherent, N = 3, 8
cavity levels, 4096 unknowns) every SuperLU ordering fills in to 5-6M nonzeros (COLAMD,
MMD on A + A^T, and the trace-row system alike; a METIS nested dissection halves that at
d = 64 but gives 66M at d = 128). What made the old path 10-40x slower than QuTiP was not
the factorisation: above d = 32 it went matrix-free, where ARPACK's slow eigenvalues took
10.4 of the 10.9 s at d = 64 even with ``spectrum=False`` (the shift was taken from them),
the shift (a tenth of the slowest |lambda|) needed 9-12 resolvent steps, and GMRES spent a
third of its time copying its Krylov basis. Now ``spectrum=False`` skips the eigenvalues,
the shift is small (SHIFT x ||H_eff||, lowered when a step shows a slower mode), and the
projection takes 3-5 steps (``benchmarks/steady_state_vs_qutip.py``).

When GMRES or the projection does not converge, the state is still returned, with a
RuntimeWarning naming the model and ``residual`` = ||L rho|| saying how far it is off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import splu

from qbcircuit.metrics import liouvillian_spectrum, partial_trace, sort_spectrum
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.models.master_equation import generator
from qbcircuit.reference import steady_iterative
from qbcircuit.superoperators import unvec, vec

ZERO_TOL = 1e-9  # relative to the largest |eigenvalue|: below it an eigenvalue counts as zero
# Unknowns (entries of rho in the reachable block) up to which Lindblad models take the
# direct path. Measured (benchmarks/steady_state_vs_qutip.py --crossover, one BLAS thread,
# spectrum=False): 252 unknowns 0.016 s direct against 0.039 s matrix-free; 924: 0.11 s
# against 0.19 s; 1024 (one block): 0.085 s against 0.077 s; 4096: 5.3 s against 0.42 s.
# The LU's fill-in grows far faster than GMRES's work.
DIRECT_MAX_UNKNOWNS = 1024
# Lindblad models with more than this many unknowns (d^2) go matrix-free without building
# the sparse L to look for blocks (building it takes 0.3 s at d = 128, 1.3 s at d = 256).
BLOCK_SEARCH_MAX_UNKNOWNS = 16384
# Shift without a spectrum, relative to the generator's scale (direct: max |L_ij|;
# matrix-free: max |(H_eff)_ij|). The matrix-free path lowers it while steps converge
# slowly, not below MIN_SHIFT x the scale.
SHIFT = 1e-5
MIN_SHIFT = 1e-8
# With a spectrum: s = SHIFT x the scale, but not above DIRECT_SHIFT_FRACTION (direct:
# its extra back-substitutions are cheap) or ITERATIVE_SHIFT_FRACTION (matrix-free) x the
# smallest non-zero |lambda|, nor below MIN_SHIFT x the scale.
DIRECT_SHIFT_FRACTION = 0.1
ITERATIVE_SHIFT_FRACTION = 0.01
METHODS = ("auto", "direct", "iterative")
#: A steady state is refused (ValueError) when ||L rho|| exceeds this fraction of the
#: model's dissipative scale (sum of rate x ||L||^2 over its jump operators; a Redfield
#: model's largest generator entry): the state is then not stationary at the scale at which
#: the dissipation selects it. Converged solves reach 1e-12 of it and less.
RESIDUAL_TOL = 1e-6
#: Hermiticity: ||rho - rho^+|| / ||rho|| above this before symmetrising is refused.
HERMITICITY_TOL = 1e-6
#: Positivity: an eigenvalue below -POSITIVITY_TOL is refused (checked up to this dimension).
POSITIVITY_TOL = 1e-8
POSITIVITY_MAX_DIMENSION = 2048


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
    zero); ``residual``: ||L vec(rho)||; ``info``: the path taken (``path``: "direct" or
    "matrix-free"; ``unknowns`` solved for, of ``dimension`` = d^2; ``blocks`` of L and the
    size of the ``reachable`` one(s) when they were looked for; ``shift``, ``steps``, ``converged``; ``reason``: why this path)."""

    state: np.ndarray
    battery_state: np.ndarray
    degeneracy: int
    gap: float
    residual: float
    eigenvalues: np.ndarray
    figure_state: np.ndarray | None = None
    info: dict[str, Any] = field(default_factory=dict)


DENSE_SPECTRUM_MAX = 1024  # a dense eig of a 4096 Liouvillian takes minutes on a loaded 2-core machine;
# ARPACK shift-invert at 1024 was faster (1.1 s against 3.3 s) but missed seed 000's slow oscillating mode.
# Blocks are diagonalised densely while their total cost, sum n_b^3, stays below DENSE_BLOCKS_BUDGET
# (four dense eigs at DENSE_SPECTRUM_MAX): star network N = 6 (13 blocks, the largest 924) takes
# 5.5 s against 29 s by ARPACK on L (benchmarks/steady_state_vs_qutip.py --gap).
DENSE_BLOCKS_BUDGET = 4 * DENSE_SPECTRUM_MAX**3


@dataclass
class _Blocks:
    """The connected components of L's sparsity graph: L is block diagonal over them."""

    count: int
    labels: np.ndarray
    reachable: np.ndarray  # indices of the unknowns in the blocks the initial state touches

    @classmethod
    def of(cls, lv: sp.csr_matrix, x0: np.ndarray) -> "_Blocks":
        lv = sp.csr_matrix(lv)
        pattern = sp.csr_matrix((np.ones(lv.nnz), lv.indices, lv.indptr), shape=lv.shape)
        count, labels = connected_components(pattern, directed=False)
        touched = np.unique(labels[x0 != 0])
        return cls(int(count), labels, np.flatnonzero(np.isin(labels, touched)))

    def sizes(self) -> np.ndarray:
        return np.bincount(self.labels, minlength=self.count)


def _spectrum(lv: sp.csr_matrix | None, blocks: "_Blocks | None", action: "steady_iterative.LindbladAction | None",
              dim: int) -> np.ndarray | None:
    """All eigenvalues (dense, block by block, while that is cheap) or the slowest few
    (ARPACK: on L itself, largest real part, for Lindblad models; shift-invert on the sparse
    L for Redfield models); None if ARPACK fails. ``dim``: d^2.

    With ARPACK, k grows while every eigenvalue found is zero (a kernel larger than k).
    """
    if blocks is not None and blocks.count > 1 and float(np.sum(blocks.sizes().astype(float) ** 3)) <= DENSE_BLOCKS_BUDGET:
        order = np.argsort(blocks.labels, kind="stable")
        bounds = np.cumsum(np.concatenate([[0], blocks.sizes()]))
        permuted = lv[order][:, order].tocsr()
        parts = [np.linalg.eigvals(permuted[a:b, a:b].toarray()) for a, b in zip(bounds[:-1], bounds[1:])]
        return sort_spectrum(np.concatenate(parts))
    if lv is not None and dim <= DENSE_SPECTRUM_MAX:
        return liouvillian_spectrum(lv.toarray())
    if action is not None:
        return _growing_k(lambda k: steady_iterative.slow_eigenvalues(action, k), dim)

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

    Parameters
    ----------
    model:
        An open model without time-dependent drives.
    initial_state:
        The state the projection starts from (it decides when the kernel is degenerate).
    sec_cutoff:
        Bloch-Redfield secular cutoff; None: the model's own.
    method:
        "direct" (sparse LU on the reachable block), "iterative" (matrix-free; Lindblad
        models only) or "auto" (direct for Redfield models and for Lindblad models whose
        reachable block has at most DIRECT_MAX_UNKNOWNS unknowns; see the module docstring).
    spectrum:
        False skips the slow eigenvalues: degeneracy and gap come back unknown (-1, nan);
        the state is the same projection from the initial state, with a shift chosen
        without them (degenerate kernels included).

    Returns
    -------
    SteadyState
        ``.state .battery_state .degeneracy .gap .residual .eigenvalues .info``.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    _check_time_independent_open(model)
    d = model.dimension
    state = initial_state or model.initial_state
    if state.dimension != d:
        raise ValueError(f"initial_state must have dimension {d}, got {state.dimension}")
    lindblad = not model.redfield_couplings
    if method == "iterative" and not lindblad:
        raise ValueError(f"method='iterative' takes Lindblad models only; model {model.name!r} has Redfield couplings")
    rho0 = state.density_matrix()
    lv, blocks, reason = None, None, "asked for (method='iterative')"
    if method == "auto" and lindblad and d * d > BLOCK_SEARCH_MAX_UNKNOWNS:
        reason = f"d^2 = {d * d} unknowns > {BLOCK_SEARCH_MAX_UNKNOWNS}: no sparse factorisation"
    elif method != "iterative":
        lv = sp.csr_matrix(generator(model, sec_cutoff))  # the model's: Lindblad, or Bloch-Redfield plus Lindblad
        blocks = _Blocks.of(lv, vec(rho0))
        n = blocks.reachable.size
        reason = ("asked for (method='direct')" if method == "direct" else "Redfield generator" if not lindblad
                  else f"the reachable block has {n} {'<=' if n <= DIRECT_MAX_UNKNOWNS else '>'} "
                       f"{DIRECT_MAX_UNKNOWNS} unknowns")
    direct = lv is not None and (method == "direct" or not lindblad or blocks.reachable.size <= DIRECT_MAX_UNKNOWNS)
    action = steady_iterative.LindbladAction(model) if lindblad and (spectrum or not direct) else None
    eigenvalues = _spectrum(lv, blocks, action, d * d) if spectrum else None
    if direct:
        rho, residual_of, info = _direct(lv, blocks, rho0, eigenvalues)
    else:
        rho, residual_of, info = _iterative(action, rho0, eigenvalues)
        if blocks is not None:
            info.update(blocks=blocks.count, reachable=int(blocks.reachable.size))
    info["reason"] = reason
    rho = checked_state(model, rho, residual_of)
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
        info=info,
    )


def dissipative_scale(model: BatteryModel, generator_scale: float = 1.0) -> float:
    """The rate at which the dissipation acts: sum of rate x ||L||^2 (||L|| bounded by the sum
    of its |Pauli coefficients|) over the jump operators; with Bloch-Redfield couplings the
    generator's own scale (``generator_scale``) is taken when it is larger.

    Parameters
    ----------
    model:
        An open model.
    generator_scale:
        A scale of the generator (e.g. its largest entry), for Redfield models.

    Returns
    -------
    float
        > 0.
    """
    scale = sum(j.rate * float(np.sum(np.abs(j.operator.coeffs))) ** 2 for j in model.jump_operators)
    if model.redfield_couplings:
        scale = max(scale, generator_scale)
    return scale if scale > 0 else max(generator_scale, 1e-300)


def checked_state(model: BatteryModel, rho: np.ndarray, residual_of) -> np.ndarray:
    """The solved steady state, made Hermitian and of trace one, after checking that it is a
    state of the model at all: finite, Hermitian, of non-zero trace, positive (Lindblad models, up to
    POSITIVITY_MAX_DIMENSION), and stationary (||L rho|| <= RESIDUAL_TOL x the dissipative
    scale). A failed check is a ValueError naming the quantity and its value: a wrong
    number is never returned silently.

    Parameters
    ----------
    model:
        The model solved.
    rho:
        The solver's state (any normalisation).
    residual_of:
        ``residual_of(rho) -> ||L vec(rho)||`` for the model's generator.

    Returns
    -------
    numpy.ndarray
        rho, Hermitian part, trace one.
    """
    name = model.name
    if not np.all(np.isfinite(rho)):
        raise ValueError(f"steady state of {name!r}: the solver returned non-finite entries")
    norm = float(np.linalg.norm(rho))
    trace = complex(np.trace(rho))
    if norm == 0 or abs(trace) < 1e-12 * norm:
        raise ValueError(f"steady state of {name!r}: trace {abs(trace):.3g} of a state of norm {norm:.3g} "
                         "(no stationary state was found)")
    asymmetry = float(np.linalg.norm(rho - rho.conj().T)) / norm
    if asymmetry > HERMITICITY_TOL:
        raise ValueError(f"steady state of {name!r}: not Hermitian, ||rho - rho^+|| / ||rho|| = {asymmetry:.3g} "
                         f"(tolerance {HERMITICITY_TOL:g})")
    rho = 0.5 * (rho + rho.conj().T) / trace
    rho = rho / np.trace(rho).real
    residual = float(residual_of(rho))
    scale = dissipative_scale(model, getattr(residual_of, "generator_scale", 1.0))
    if not np.isfinite(residual) or residual > RESIDUAL_TOL * scale:
        raise ValueError(f"steady state of {name!r}: residual ||L rho|| = {residual:.3g}, more than {RESIDUAL_TOL:g} "
                         f"of the dissipative scale {scale:.3g}: not a stationary state (a solve that did not "
                         "converge, or scales that differ beyond double precision)")
    if rho.shape[0] <= POSITIVITY_MAX_DIMENSION and not model.redfield_couplings:  # (Redfield need not be CP)
        lowest = float(np.linalg.eigvalsh(rho)[0])
        if lowest < -POSITIVITY_TOL:
            raise ValueError(f"steady state of {name!r}: not positive, lowest eigenvalue {lowest:.3g} "
                             f"(tolerance -{POSITIVITY_TOL:g})")
    return rho


def _direct(lv: sp.csr_matrix, blocks: _Blocks, rho0: np.ndarray, eigenvalues: np.ndarray | None):
    d = rho0.shape[0]
    idx = blocks.reachable
    sub = lv[idx][:, idx].tocsc()
    scale = max(1.0, float(abs(sub).max())) if sub.nnz else 1.0
    if eigenvalues is None:
        s = SHIFT * scale  # module docstring: few steps, kernel error ~ eps / SHIFT
    else:
        _, _, slowest = _classify(eigenvalues)
        s = SHIFT * scale
        if np.isfinite(slowest) and slowest > 0:
            s = max(min(s, DIRECT_SHIFT_FRACTION * slowest), MIN_SHIFT * scale)
    solver = splu(sp.csc_matrix(s * sp.identity(idx.size, dtype=complex, format="csc") - sub))
    x = vec(rho0).astype(complex)[idx]
    norm = float(np.linalg.norm(x))
    floor = 1e-11 * scale * norm
    previous, converged, steps = np.inf, False, 0
    for steps in range(1, 501):
        r = float(np.linalg.norm(sub @ x))
        if r <= 1e-15 * scale * norm or (r <= floor and r > 0.5 * previous):
            converged = True  # at the rounding floor (see steady_iterative.project_to_kernel)
            break
        previous = r
        x = s * solver.solve(x)
    full = np.zeros(d * d, dtype=complex)
    full[idx] = x
    info = {"path": "direct", "unknowns": int(idx.size), "dimension": d * d, "blocks": blocks.count,
            "shift": float(s), "steps": steps, "converged": converged}
    def residual_of(rho):
        return float(np.linalg.norm(lv @ vec(rho)))

    residual_of.generator_scale = float(abs(lv).max()) if lv.nnz else 1.0
    return unvec(full, d), residual_of, info


def _iterative(action: steady_iterative.LindbladAction, rho0: np.ndarray, eigenvalues: np.ndarray | None):
    scale = action.rate_scale()
    min_shift = None
    if eigenvalues is None:
        # No spectrum: a small shift, lowered while steps show slower modes.
        s, min_shift = SHIFT * scale, MIN_SHIFT * scale
    else:
        _, _, slowest = _classify(eigenvalues)
        # Modes ARPACK did not return have Re lambda below the last one found.
        slowest = min(slowest, float(-eigenvalues[-1].real)) if eigenvalues.size else slowest
        s = SHIFT * scale
        if np.isfinite(slowest) and slowest > 0:
            s = max(min(s, ITERATIVE_SHIFT_FRACTION * slowest), MIN_SHIFT * scale)
    projection = steady_iterative.project_to_kernel(action, rho0, s, min_shift=min_shift)
    d = action.dimension
    info = {"path": "matrix-free", "unknowns": d * d, "dimension": d * d, "shift": float(projection.shift),
            "steps": projection.steps, "gmres_iterations": projection.gmres_iterations,
            "converged": projection.converged}
    return projection.state, lambda rho: float(np.linalg.norm(action.apply(rho))), info
