"""Energy, stored energy, average power, and a refined maximum over a time grid.

hbar = 1; energies are in the unit of the Hamiltonian given. For a battery the
Hamiltonian is the battery's own H_B (not the charging Hamiltonian).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from scipy.optimize import minimize_scalar

from .states import _density, _hamiltonian, _state_and_hamiltonian


def energy(rho, hamiltonian) -> float:
    """Tr[H rho] (real part; the imaginary part is round-off for Hermitian H, rho)."""
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    return _energy(rho, h)


def _energy(rho: np.ndarray, h: np.ndarray) -> float:
    return float(np.einsum("ij,ji->", h, rho).real)


def stored_energy(states: Iterable, hamiltonian, reference_state=None) -> np.ndarray:
    """W(t_k) = Tr[H rho(t_k)] - Tr[H rho(0)] for a sequence of states.

    ``states`` is a sequence of states (each a density matrix, state vector or
    qiskit state), or an array: 3-D = stack of density matrices, 2-D = stack of
    state vectors, one per row. rho(0) is the first state unless
    ``reference_state`` is given.
    """
    h = _hamiltonian(hamiltonian)
    d = h.shape[0]
    desc = f"the Hamiltonian's dimension {d}"
    if isinstance(states, np.ndarray) and states.ndim not in (2, 3):
        raise ValueError(f"states must be a sequence of states or a 2-D/3-D array, got an array of shape {states.shape}")
    seq = list(states)
    if not seq:
        raise ValueError("states must contain at least one state")
    e = np.array([_energy(_density(s, d, name=f"states[{k}]", dim_desc=desc), h) for k, s in enumerate(seq)])
    if reference_state is None:
        e0 = e[0]
    else:
        e0 = _energy(_density(reference_state, d, name="reference_state", dim_desc=desc), h)
    return e - e0


def average_power(times, stored_energy) -> np.ndarray:
    """P(t) = W(t) / t, with nan where t = 0 (the t -> 0 limit is not a figure of merit)."""
    t = np.asarray(times, dtype=float)
    w = np.asarray(stored_energy, dtype=float)
    if t.shape != w.shape:
        raise ValueError(f"times and stored_energy must have the same shape, got {t.shape} and {w.shape}")
    out = np.full(t.shape, np.nan)
    np.divide(w, t, out=out, where=t != 0)
    return out


def refine_maximum(f: Callable[[float], float], times, values, xatol: float | None = None) -> tuple[float, float]:
    """Locate the maximum of f between grid points; return ``(t_max, f_max)``.

    ``values`` is f on the strictly increasing grid ``times`` (nan entries are
    ignored). From the grid argmax k, f is maximised by bounded scalar
    optimisation on [t_{k-1}, t_{k+1}] (clipped to the grid ends), to ``xatol``
    (default 1e-8 of that interval; Brent's method cannot resolve a smooth
    maximum below ~1e-8 relative anyway). f_max is never below the grid
    maximum: if the optimiser does worse, the grid point is returned. f may
    return nan (e.g. a power at t = 0); such points are treated as -inf.
    """
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.shape != v.shape or t.size == 0:
        raise ValueError(f"times and values must be 1-D arrays of the same non-zero length, got shapes {t.shape} and {v.shape}")
    if t.size > 1 and not np.all(np.diff(t) > 0):
        raise ValueError("times must be strictly increasing")
    if np.all(np.isnan(v)):
        raise ValueError("values must contain at least one number (all are nan)")
    k = int(np.nanargmax(v))
    best = (float(t[k]), float(v[k]))
    lo, hi = t[max(k - 1, 0)], t[min(k + 1, t.size - 1)]
    if hi <= lo:
        return best

    def neg(x: float) -> float:
        y = np.asarray(f(x), dtype=float)
        if y.size != 1:
            raise ValueError(f"f must return one number, got shape {y.shape} at t = {x}")
        y = float(y.reshape(-1)[0])  # f may return a 1-element array
        return -y if np.isfinite(y) else np.inf

    tol = xatol if xatol is not None else 1e-8 * (hi - lo)
    res = minimize_scalar(neg, bounds=(lo, hi), method="bounded", options={"xatol": tol})
    if np.isfinite(res.fun) and -res.fun > best[1]:
        return float(res.x), float(-res.fun)
    return best
