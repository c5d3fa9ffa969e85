"""The exact reference of a free-fermion battery: its correlation matrix, at any size.

A model with a Gaussian description (``model.gaussian``, built by
:mod:`qbcircuit.models.fermions`, which derives the conventions) is solved here;
:func:`qbcircuit.reference.time_series` selects this solver for it, as it selects the
reduced-space solver for symmetric models. The tests check it against the full-register
reference at N <= 10 (to 1e-10), against the N = 2 closed form and against the bulk
integral of a long chain.

The state is the 2N x 2N correlation matrix Gamma_kl = (i/2) <[w_k, w_l]> of the Majorana
operators, and H = (i/4) w^T h w + offset evolves it as

    Gamma(t) = R(t) Gamma(0) R(t)^T,   R(t) = exp(h t)   (real orthogonal).

What is read off Gamma:

* energies: <(i/4) w^T h_B w + c> = (1/4) sum_kl (h_B)_kl Gamma_kl + c; the stored energy
  W(t) = E_B(t) - E_B(0); the whole chain's ergotropy E_B - E_ground (its state is pure);
* reduced states of contiguous blocks of L sites (L = 1, 2: single cells and neighbouring
  pairs): Gaussian, with the block's 2L x 2L part of Gamma, by Wick's theorem
  rho = 2^-L sum_{S even} i^{|S|/2} Pf(Gamma_S) W_S over the even subsets S of the block's
  Majoranas (W_S their ordered product; :func:`block_states`).

How R is applied: h is banded (nearest-neighbour couplings) and so is R(dt) up to
entries below :data:`TRIM` (they fall off faster than exponentially beyond the Lieb-Robinson
cone of dt), and Gamma(t) is banded too: correlations spread from the product state no
faster than that cone. Each step of the time grid applies R(dt) (a scaled-and-squared
Taylor series of the sparse h dt) to the bands only, in blocks of rows, so a step costs
O(N b^2) for a band of b modes instead of O(N^3); once the cone spans the chain the band
is the whole matrix and a step is a dense product. The band reached is reported
(``info["correlation_band"]``, in sites). Maxima are located between grid points by
re-applying R(t - t_k) from the grid point before them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
import scipy.sparse as sp

from qbcircuit.metrics import average_power, refine_maximum
from qbcircuit.models.core import BatteryModel, GaussianSpace
from qbcircuit.models.fermions import block_majoranas

#: Entries of R(dt) and of Gamma below this are dropped (both are bounded by 1).
TRIM = 1e-16
#: Rows per block of the banded products.
BLOCK_ROWS = 32


# -- R(t) and its application ------------------------------------------------------------------
def propagator(h: sp.spmatrix, tau: float, trim: float = TRIM) -> sp.csr_matrix:
    """R = exp(h tau) for a sparse real antisymmetric h: Taylor series of h tau / 2^s (norm
    <= 1/2, to machine precision), squared s times; entries below ``trim`` dropped.

    Parameters
    ----------
    h:
        The Majorana matrix (2N x 2N).
    tau:
        The time (any sign).
    trim:
        Entries of magnitude below this are set to zero (after each product).

    Returns
    -------
    scipy.sparse.csr_matrix
        R, orthogonal to rounding.
    """
    a = sp.csr_matrix(h, dtype=float) * float(tau)
    d = a.shape[0]
    norm = float(abs(a).sum(axis=0).max()) if a.nnz else 0.0
    squarings = max(0, int(np.ceil(np.log2(norm / 0.5)))) if norm > 0.5 else 0
    a = a / 2.0**squarings
    eye = sp.identity(d, format="csr")
    out, term = eye.copy(), eye
    for n in range(1, 40):
        term = _trimmed(term @ a / n, trim)
        if term.nnz == 0:
            break
        out = out + term
        if abs(term).max() < trim:
            break
    out = _trimmed(out, trim)
    for _ in range(squarings):
        out = _trimmed(out @ out, trim)
    return out


def _trimmed(m: sp.spmatrix, trim: float) -> sp.csr_matrix:
    m = sp.csr_matrix(m)
    m.data[np.abs(m.data) < trim] = 0.0
    m.eliminate_zeros()
    return m


def _bandwidth(m: sp.spmatrix) -> int:
    coo = sp.coo_matrix(m)
    return int(np.max(np.abs(coo.row - coo.col), initial=0))


class _BandedOperator:
    """A sparse banded square matrix P cut into dense row blocks, to multiply banded dense
    matrices with BLAS: (P G)[rows] = P[rows, window] @ G[window, G's band there], and
    (X P^T)[:, rows] = X[X's band there, window] @ P[rows, window]^T."""

    def __init__(self, p: sp.spmatrix, block: int = BLOCK_ROWS):
        p = sp.csr_matrix(p)
        self.size = p.shape[0]
        self.band = _bandwidth(p)
        self.blocks = []
        for r0 in range(0, self.size, block):
            r1 = min(self.size, r0 + block)
            c0, c1 = max(0, r0 - self.band), min(self.size, r1 + self.band)
            block_matrix = p[r0:r1, c0:c1].toarray()
            self.blocks.append((r0, r1, c0, c1, block_matrix, np.ascontiguousarray(block_matrix.T)))

    def sandwich(self, g: np.ndarray, band: int) -> np.ndarray:
        """P g P^T for a dense g whose entries vanish beyond ``band`` of its diagonal (a new
        array: zero outside the band of the result, band + 2 x P's band)."""
        n = self.size
        x = np.zeros((n, n))  # calloc: only the band is ever touched
        for r0, r1, c0, c1, block, _ in self.blocks:
            k0, k1 = max(0, c0 - band), min(n, c1 + band)
            x[r0:r1, k0:k1] = block @ g[c0:c1, k0:k1]
        out = np.zeros((n, n))
        wide = band + self.band
        for r0, r1, c0, c1, _, block_t in self.blocks:
            k0, k1 = max(0, c0 - wide), min(n, c1 + wide)
            out[k0:k1, r0:r1] = x[k0:k1, c0:c1] @ block_t
        return out


def _band_of(g: np.ndarray, upper: int, trim: float) -> int:
    """The largest diagonal offset <= ``upper`` on which g has an entry above ``trim`` (either
    side). Entries beyond it are below ``trim`` and the products treat them as zero."""
    n = g.shape[0]
    d = min(upper, n - 1)
    while d > 0 and max(np.max(np.abs(np.diagonal(g, d))), np.max(np.abs(np.diagonal(g, -d)))) < trim:
        d -= 1
    return d


class CorrelationEvolution:
    """Gamma(t) of a Gaussian space along increasing times, by banded steps (module docstring).

    ``state`` is Gamma at ``time`` (a new array after every step, never changed in place,
    so a :meth:`copy` is cheap); :meth:`advance` moves forward; :meth:`at` gives Gamma at a
    later time without moving.
    """

    def __init__(self, space: GaussianSpace, trim: float = TRIM):
        self.space = space
        self.h = sp.csr_matrix(space.hamiltonian, dtype=float)
        g0 = space.initial_correlation
        self.state = np.array(g0.toarray() if sp.issparse(g0) else g0, dtype=float)
        self.trim = trim
        self.band = _band_of(self.state, self.state.shape[0] - 1, trim)
        self.max_band = self.band
        self.time = 0.0
        self._steps: dict[float, _BandedOperator] = {}

    def _operator(self, dt: float, cache: bool) -> _BandedOperator:
        op = self._steps.get(dt)
        if op is None:
            op = _BandedOperator(propagator(self.h, dt, self.trim))
            if cache:
                if len(self._steps) > 8:
                    self._steps.clear()
                self._steps[dt] = op
        return op

    def _evolved(self, dt: float, cache: bool) -> tuple[np.ndarray, int]:
        op = self._operator(dt, cache)
        out = op.sandwich(self.state, self.band)
        return out, _band_of(out, self.band + 2 * op.band, self.trim)

    def advance(self, t: float) -> np.ndarray:
        """Move to time ``t`` (>= the current time) and return Gamma(t)."""
        dt = float(t) - self.time
        if dt < 0:
            raise ValueError(f"t must not be before the current time {self.time}, got {t}")
        if dt > 0:
            self.state, self.band = self._evolved(dt, cache=True)
            self.max_band = max(self.max_band, self.band)
            self.time = float(t)
        return self.state

    def at(self, t: float) -> np.ndarray:
        """Gamma(t) for t >= the current time, without moving (the step is not cached)."""
        dt = float(t) - self.time
        if dt < 0:
            raise ValueError(f"t must not be before the current time {self.time}, got {t}")
        return self.state if dt == 0 else self._evolved(dt, cache=False)[0]

    def copy(self) -> "CorrelationEvolution":
        """The evolution as it is now (shares the state array, which steps never change)."""
        other = object.__new__(CorrelationEvolution)
        other.__dict__.update(self.__dict__)
        return other


# -- what is read off Gamma --------------------------------------------------------------------
def quadratic_expectation(h: sp.spmatrix, offset: float, gamma: np.ndarray) -> float:
    """<(i/4) w^T h w + offset> = (1/4) sum_kl h_kl Gamma_kl + offset."""
    return float(sp.csr_matrix(h).multiply(gamma).sum() / 4.0 + offset)


def _pfaffian(a: np.ndarray) -> np.ndarray:
    """Pfaffians of a stack of small antisymmetric matrices (..., 2m, 2m), by expansion
    along the first row: Pf(A) = sum_j (-1)^(j+1) a_0j Pf(A without rows/columns 0, j)."""
    n = a.shape[-1]
    if n == 0:
        return np.ones(a.shape[:-2])
    if n == 2:
        return a[..., 0, 1]
    out = np.zeros(a.shape[:-2])
    for j in range(1, n):
        rest = [k for k in range(1, n) if k != j]
        out = out + (-1) ** (j + 1) * a[..., 0, j] * _pfaffian(a[..., rest, :][..., :, rest])
    return out


_BLOCK_BASES: dict[int, tuple[list[tuple[int, ...]], np.ndarray]] = {}


def _block_basis(length: int) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """The even subsets S of a block's 2L Majoranas and i^{|S|/2} W_S / 2^L (stacked)."""
    if length not in _BLOCK_BASES:
        w = block_majoranas(length)
        subsets, mats = [], []
        for size in range(0, 2 * length + 1, 2):
            for s in combinations(range(2 * length), size):
                m = np.eye(2**length, dtype=complex)
                for k in s:
                    m = m @ w[k]
                subsets.append(s)
                mats.append((1j) ** (size // 2) * m / 2**length)
        _BLOCK_BASES[length] = (subsets, np.array(mats))
    return _BLOCK_BASES[length]


def block_states(gamma: np.ndarray, length: int, sites: Sequence[int] | None = None) -> np.ndarray:
    """Reduced states of the blocks of ``length`` neighbouring sites (module docstring).

    Parameters
    ----------
    gamma:
        The correlation matrix (2N x 2N).
    length:
        Sites per block, L (1 to 4).
    sites:
        The first site of each block (default: every block, 0 .. N - L).

    Returns
    -------
    numpy.ndarray
        (blocks, 2^L, 2^L) density matrices, Qiskit order within a block (its first site is
        its qubit 0).
    """
    if not 1 <= length <= 4:
        raise ValueError(f"length must be in [1, 4], got {length}")
    n = gamma.shape[0] // 2
    starts = np.arange(n - length + 1) if sites is None else np.asarray(sites, dtype=int)
    index = 2 * starts[:, None] + np.arange(2 * length)[None, :]
    sub = gamma[index[:, :, None], index[:, None, :]]  # (blocks, 2L, 2L)
    subsets, mats = _block_basis(length)
    coeffs = np.empty((starts.size, len(subsets)))
    for k, s in enumerate(subsets):
        coeffs[:, k] = _pfaffian(sub[:, list(s), :][:, :, list(s)]) if s else 1.0
    return np.einsum("bs,sij->bij", coeffs, mats)


def site_occupations(gamma: np.ndarray) -> np.ndarray:
    """<n_j> = (1 + Gamma_{2j, 2j+1}) / 2 of every site."""
    return 0.5 * (1.0 + np.diagonal(gamma, 1)[::2])


# -- the time series ---------------------------------------------------------------------------
def correlation_figures(space: GaussianSpace, gamma: np.ndarray, e0: float) -> dict[str, float]:
    """The figures of the state with correlation matrix ``gamma``: energy (relative to ``e0``),
    battery energy, ergotropy (the whole chain, pure: E - E_ground) and the model's local
    figures from the reduced states of its blocks (no power: that needs the time).

    Parameters
    ----------
    space:
        The model's free-fermion description.
    gamma:
        The correlation matrix.
    e0:
        The battery's initial energy.

    Returns
    -------
    dict
        figure -> value.
    """
    energy = quadratic_expectation(space.battery_hamiltonian, space.battery_offset, gamma)
    out = {"energy": energy - e0, "battery_energy": energy,
           "ergotropy": max(0.0, energy - space.battery_ground_energy)}
    if space.local_figures is not None:
        out.update(space.local_figures({L: block_states(gamma, L) for L in space.local_blocks}))
    return out


def gaussian_series(
    model: BatteryModel,
    times: Sequence[float],
    *,
    refine: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, np.ndarray], dict, dict[str, tuple[float, float]]]:
    """The figures of ``model`` along ``times`` from its free-fermion description.

    Parameters
    ----------
    model:
        A model with ``model.gaussian``.
    times:
        Increasing times from 0.
    refine:
        Locate the maxima of energy, ergotropy and power between grid points.
    progress:
        ``progress(done, total)`` along the grid.

    Returns
    -------
    (series, info, maxima)
        ``series``: energy, battery_energy, ergotropy, power and the model's local figures;
        ``info``: solver, basis, modes, the correlation band reached (sites);
        ``maxima``: name -> (t, value) (empty without ``refine``).
    """
    space = model.gaussian
    if space is None:
        raise ValueError(f"model {model.name!r} has no free-fermion description; use the full-register reference")
    times = np.asarray(times, dtype=float)
    if times.size < 2 or times[0] != 0 or np.any(np.diff(times) <= 0):
        raise ValueError("times must start at 0, increase strictly and hold at least two points")
    evo = CorrelationEvolution(space)
    e0 = quadratic_expectation(space.battery_hamiltonian, space.battery_offset, evo.state)
    rows = []
    best: dict[str, tuple[float, int, CorrelationEvolution | None]] = {}  # key -> (value, k, state at k - 1)
    previous = None
    for k, t in enumerate(times):
        gamma = evo.advance(t)
        row = correlation_figures(space, gamma, e0)
        row["power"] = row["energy"] / t if t > 0 else float("nan")
        rows.append(row)
        if refine:
            for key in ("energy", "power"):
                value = row[key]
                if np.isfinite(value) and (key not in best or value > best[key][0]):
                    best[key] = (value, k, previous if previous is not None else evo.copy())
            previous = evo.copy() if k + 1 < times.size else None
        if progress and (k % 10 == 9 or k == times.size - 1):
            progress(k + 1, times.size)
    series = {key: np.array([r[key] for r in rows]) for key in rows[0] if key != "power"}
    series["power"] = average_power(times, series["energy"])
    info = {"solver": "gaussian", "basis": space.basis, "majorana_modes": space.dimension,
            "correlation_band": int(np.ceil(evo.max_band / 2)), **space.info}
    maxima: dict[str, tuple[float, float]] = {}
    if refine:
        for key in ("energy", "power"):
            _, k, start = best[key]
            maxima[key] = _refined(space, start, times, series[key], key, e0)
        t_e, w_e = maxima["energy"]
        maxima["ergotropy"] = (t_e, max(0.0, w_e + e0 - space.battery_ground_energy))
    return series, info, maxima


def _refined(space: GaussianSpace, start: CorrelationEvolution, times, values, key: str, e0: float) -> tuple[float, float]:
    """refine_maximum with Gamma(t) = R(t - t_start) Gamma(t_start) R^T from the grid point
    before the maximum (the energy needs only the entries where h_B is non-zero)."""

    h_b = sp.csr_matrix(space.battery_hamiltonian)

    def figure_at(t: float) -> float:
        if t < start.time:
            return float("nan")
        # sum_kl (h_B)_kl (R G R^T)_kl = sum_mn (R^T h_B R)_mn G_mn: sparse, no dense product
        r = propagator(start.h, t - start.time, start.trim)
        energy = quadratic_expectation((r.T @ h_b @ r).tocsr(), space.battery_offset, start.state) - e0
        if key == "power":
            return energy / t if t > 0 else float("nan")
        return energy

    t_best, v_best = refine_maximum(figure_at, times, values)
    return float(t_best), float(v_best)


__all__ = [
    "BLOCK_ROWS",
    "TRIM",
    "CorrelationEvolution",
    "block_states",
    "correlation_figures",
    "gaussian_series",
    "propagator",
    "quadratic_expectation",
    "site_occupations",
]
