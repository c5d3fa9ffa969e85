"""Matrix-free steady states and slow eigenvalues of large Lindblad models.

Used by :func:`qbcircuit.reference.steady.steady_state` above ``steady.DIRECT_MAX_DIMENSION``,
where a sparse LU of (s - L) (dimension d^2) fills in beyond memory and time. Nothing here
builds the d^2 x d^2 superoperator: L acts on d x d matrices through the model's sparse
operators,

    L rho = -i (H_eff rho - rho H_eff^+) + sum_k L_k rho L_k^+,   H_eff = H - (i/2) sum_k L_k^+ L_k,

with the rates folded into the L_k (L_k -> sqrt(rate_k) L_k).

Shifted solves (s - L) X = B, s > 0, by restarted GMRES, right-preconditioned with the exact
inverse of the no-jump part (s - L0), L0 rho = -i (H_eff rho - rho H_eff^+). Diagonalising
H_eff = V diag(lam) V^-1 once, (s - L0)^{-1} B = V [ (V^-1 B V^-+)_ij / (s + i lam_i - i conj(lam_j)) ] V^+,
O(d^3) per application, every denominator has real part >= s. H_eff is not normal, so when V
is badly conditioned (cond(V) > MAX_EIGENBASIS_CONDITION, near an exceptional point) the same
inverse is applied through the Schur form H_eff = Q T Q^+ and LAPACK's triangular Sylvester
solver (ztrsyl, unitary transforms, ~10x slower per application). Right preconditioning keeps
GMRES's residual the true residual ||B - (s - L) X||.

Slow eigenvalues: ARPACK (implicitly restarted Arnoldi) for the eigenvalues of largest real
part of L itself (which="LR"): exactly the slowest modes, matrix-vector products only, no
inner solves. (A shift-invert on s (s - L)^{-1} needs one accurate GMRES solve per Arnoldi
step, which measured far slower here.) On failure to converge the spectrum is reported
unknown (None), as on the direct path.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, LinearOperator, eigs

from qbcircuit.models.core import BatteryModel
from qbcircuit.models.master_equation import operator_matrix

MAX_EIGENBASIS_CONDITION = 1e6  # above it, the Schur-form preconditioner (see module docstring)
KRYLOV_MEMORY_BYTES = 4e8
# Arnoldi basis size: 40 found only 6 of the 9 kernel vectors of star-network N=4 collective
# (a single-vector Krylov space sees a multiple eigenvalue only through rounding); 80 found all.
ARPACK_NCV = 80  # GMRES basis memory: sets the restart length at large d


class LindbladAction:
    """L acting on d x d matrices, from a Lindblad model's sparse operators."""

    def __init__(self, model: BatteryModel):
        if model.redfield_couplings or model.drives:
            raise ValueError(f"model {model.name!r}: the matrix-free path takes time-independent Lindblad models only")
        self.name = model.name
        self.dimension = d = model.dimension
        h = operator_matrix(model.hamiltonian).astype(complex)
        self.jumps = [np.sqrt(j.rate) * operator_matrix(j.operator).astype(complex) for j in model.jump_operators if j.rate > 0]
        decay = sum((l.conj().T @ l for l in self.jumps), sp.csr_matrix((d, d), dtype=complex))
        self.h_eff = sp.csr_matrix(h - 0.5j * decay)
        self.h_eff_dag = sp.csr_matrix(self.h_eff.conj().T)

    def apply(self, rho: np.ndarray) -> np.ndarray:
        """L rho for any d x d matrix (not only Hermitian ones: GMRES and ARPACK need all)."""
        out = -1j * (self.h_eff @ rho - (self.h_eff @ rho.conj().T).conj().T)
        for l in self.jumps:
            out += l @ (l @ rho.conj().T).conj().T
        return out

    def rate_scale(self) -> float:
        """Largest |entry| of H_eff: a scale for the generator's eigenvalues."""
        return float(abs(self.h_eff).max()) if self.h_eff.nnz else 1.0


class NoJumpInverse:
    """X -> (s - L0)^{-1} X, L0 the no-jump part (module docstring), for any s > 0."""

    def __init__(self, action: LindbladAction):
        h_eff = action.h_eff.toarray()
        lam, v = la.eig(h_eff)
        self.condition = float(np.linalg.cond(v))
        self.uses_schur = not np.isfinite(self.condition) or self.condition > MAX_EIGENBASIS_CONDITION
        if self.uses_schur:
            self.t, self.q = la.schur(h_eff, output="complex")
        else:
            self.lam, self.v, self.v_inv = lam, v, la.inv(v)

    def __call__(self, s: float, x: np.ndarray) -> np.ndarray:
        if self.uses_schur:
            # (s/2 + i T) Y + Y (s/2 + i T)^+ = Q^+ X Q, with Y = Q^+ rho Q.
            a = 0.5 * s * np.eye(self.t.shape[0]) + 1j * self.t
            y, scale, info = la.lapack.ztrsyl(a, a, self.q.conj().T @ x @ self.q, tranb="C")
            if info < 0:
                raise RuntimeError(f"ztrsyl failed (info={info})")
            return self.q @ (y / scale) @ self.q.conj().T
        den = s + 1j * self.lam[:, None] - 1j * self.lam.conj()[None, :]
        y = (self.v_inv @ x @ self.v_inv.conj().T) / den
        return self.v @ y @ self.v.conj().T


@dataclass
class SolveResult:
    x: np.ndarray
    iterations: int
    residual: float  # ||B - (s - L) X||_F, the true residual
    converged: bool


def restart_length(d: int) -> int:
    return int(min(150, max(20, KRYLOV_MEMORY_BYTES / (16.0 * d * d))))


def solve_shifted(
    action: LindbladAction,
    precond: NoJumpInverse,
    s: float,
    rhs: np.ndarray,
    atol: float,
    max_iterations: int = 4000,
) -> SolveResult:
    """(s - L) X = rhs to ||residual||_F <= atol: restarted GMRES, right preconditioner
    (s - L0)^{-1}, classical Gram-Schmidt with one reorthogonalisation, Givens rotations."""
    d = action.dimension
    n = d * d
    m = restart_length(d)

    def op(u: np.ndarray) -> np.ndarray:  # (s - L) M^{-1} on flattened matrices
        z = precond(s, u.reshape(d, d))
        return (s * z - action.apply(z)).ravel()

    b = rhs.ravel()
    x = np.zeros(n, dtype=complex)  # preconditioned unknown: X = M^{-1} x
    r = b.copy()
    beta = float(np.linalg.norm(r))
    iterations = 0
    while beta > atol and iterations < max_iterations:
        previous = beta
        basis = np.empty((m + 1, n), dtype=complex)
        hess = np.zeros((m + 1, m), dtype=complex)
        cs = np.zeros(m, dtype=complex)
        sn = np.zeros(m, dtype=complex)
        g = np.zeros(m + 1, dtype=complex)
        basis[0] = r / beta
        g[0] = beta
        j = 0
        for j in range(m):
            w = op(basis[j])
            iterations += 1
            # B^* w as conj(B conj(w)): no copy of the basis B
            h = np.conj(basis[: j + 1] @ np.conj(w))
            w -= basis[: j + 1].T @ h
            h2 = np.conj(basis[: j + 1] @ np.conj(w))
            w -= basis[: j + 1].T @ h2
            h += h2
            hn = float(np.linalg.norm(w))
            hess[: j + 1, j] = h
            hess[j + 1, j] = hn
            if hn > 0:
                basis[j + 1] = w / hn
            for i in range(j):
                top = cs[i] * hess[i, j] + sn[i] * hess[i + 1, j]
                hess[i + 1, j] = -np.conj(sn[i]) * hess[i, j] + cs[i] * hess[i + 1, j]
                hess[i, j] = top
            a, c = hess[j, j], hess[j + 1, j]
            rr = float(np.hypot(abs(a), abs(c)))
            phase = a / abs(a) if abs(a) > 0 else 1.0
            cs[j] = abs(a) / rr if rr > 0 else 1.0
            sn[j] = phase * np.conj(c) / rr if rr > 0 else 0.0
            hess[j, j] = rr * phase
            hess[j + 1, j] = 0.0
            g[j + 1] = -np.conj(sn[j]) * g[j]
            g[j] = cs[j] * g[j]
            if abs(g[j + 1]) <= 0.5 * atol or hn == 0 or iterations >= max_iterations:
                break
        k = j + 1
        y = la.solve_triangular(hess[:k, :k], g[:k])
        x += basis[:k].T @ y
        r = b - op(x)  # true residual at every restart: no drift of the recurrence
        beta = float(np.linalg.norm(r))
        if beta > 0.5 * previous:  # a whole cycle gained < 2x: the rounding floor, stop
            break
    return SolveResult(precond(s, x.reshape(d, d)), iterations, beta, beta <= atol)


def slow_eigenvalues(action: LindbladAction, k: int, tol: float = 1e-12) -> np.ndarray | None:
    """The k eigenvalues of L of largest real part (ARPACK, which="LR"), sorted by real part
    descending; None if ARPACK does not converge."""
    d = action.dimension
    n = d * d
    op = LinearOperator((n, n), matvec=lambda v: action.apply(v.reshape(d, d)).ravel(), dtype=complex)
    v0 = np.random.default_rng(0).normal(size=n).astype(complex)  # reproducible runs
    try:
        ev = eigs(op, k=k, which="LR", ncv=min(n - 1, max(2 * k + 1, ARPACK_NCV)), tol=tol, maxiter=20000,
                  v0=v0, return_eigenvectors=False)
    except (ArpackNoConvergence, ArpackError):
        return None
    return ev[np.lexsort((-ev.imag, -ev.real))]


@dataclass
class Projection:
    state: np.ndarray
    shift: float  # the last shift used (lowered from the first one when ``min_shift`` allowed it)
    steps: int
    gmres_iterations: int
    converged: bool


def project_to_kernel(action: LindbladAction, rho0: np.ndarray, s: float, max_steps: int = 300,
                      min_shift: float | None = None) -> Projection:
    """lim_{n->inf} (s (s - L)^{-1})^n rho0, the steady state reached from rho0.

    Written as corrections, x <- x + delta with (s - L) delta = L x, so that each GMRES solve
    starts from a small right-hand side: ||L x|| shrinks by s / |s - lambda| per step for
    every mode lambda (a small s: few steps). Each solve's error in the kernel of L, which no
    later step removes, is about its residual / s: the GMRES tolerance (1e-13 s ||x||, but
    not below 1e-15 ||H_eff|| ||x||, the rounding floor of L x) keeps it near 1e-12 for
    s >= 1e-5 ||H_eff|| (measured: 1e-13 to 3e-13 on seeds 000 and 003 at s = 1e-5 to 1e-6
    ||H_eff||). The projection stops when ||L x|| reaches the rounding floor and stops
    shrinking.

    ``min_shift``: when given (the gap is unknown), s is lowered ten-fold, not below it,
    after any step that shrank ||L x|| by less than ten-fold (a gap below about s).
    """
    precond = NoJumpInverse(action)
    x = np.array(rho0, dtype=complex)
    norm = float(np.linalg.norm(x))
    scale = action.rate_scale()
    # ||L x|| reachable in floating point; the final residual is judged against it.
    floor = 1e-11 * scale * norm
    total, converged, steps, previous = 0, False, 0, np.inf
    for steps in range(1, max_steps + 1):
        lx = action.apply(x)
        r = float(np.linalg.norm(lx))
        if r <= 1e-15 * scale * norm or (r <= floor and r > 0.5 * previous):
            converged = True  # at the rounding floor: another step only adds noise to the kernel part
            break
        if min_shift is not None and r > 0.1 * previous and r > 100 * floor and s > min_shift:
            s = max(0.1 * s, min_shift)
        previous = r
        atol = max(1e-13 * s * norm, 1e-15 * scale * norm)
        result = solve_shifted(action, precond, s, lx, atol)
        total += result.iterations
        x = x + result.x
    converged = converged or float(np.linalg.norm(action.apply(x))) <= floor
    if not converged:
        warnings.warn(
            f"model {action.name!r}: matrix-free steady state not converged (shift s={s:.3g}, {steps} resolvent "
            f"steps, {total} GMRES iterations); check SteadyState.residual, or try a smaller truncation or "
            "method='direct'", RuntimeWarning, stacklevel=3)
    return Projection(x, s, steps, total, converged)
