"""The exact closed-system reference in a symmetry-reduced space (Dicke sector, excitation blocks).

The models describe their reduced spaces (:mod:`qbcircuit.models.sectors`, carried as
``model.reduced``); this module solves them: :func:`reduced_series` is what
``time_series`` runs for them. The tests check this solver against the full-register
reference (QuTiP) at small sizes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply

from qbcircuit.metrics import average_power, refine_maximum
from qbcircuit.models.core import BatteryModel, ReducedSpace

# Below this dimension the reduced Hamiltonian is diagonalised once (then any time costs a
# matrix-vector product); above it, states are propagated with expm_multiply.
DENSE_LIMIT = 1500


# -- the solver ----------------------------------------------------------------------------
class ReducedPropagator:
    """States of a ReducedSpace at any time: by one diagonalisation when the space is small,
    by expm_multiply (from the nearest earlier state it has seen) otherwise."""

    def __init__(self, space: ReducedSpace):
        self.space = space
        h = space.hamiltonian
        self.dense = space.dimension <= DENSE_LIMIT
        if self.dense:
            self.energies, self.vectors = _diagonalise(h)
            self.coefficients = [self.vectors.conj().T @ v for _, v in space.components]
        else:
            self.h = sp.csr_matrix(h, dtype=complex)
            self.cache: dict[float, list[np.ndarray]] = {0.0: [v for _, v in space.components]}

    def states(self, t: float) -> list[np.ndarray]:
        """The pure components at time t (same weights as the initial mixture)."""
        if self.dense:
            phase = np.exp(-1j * self.energies * t)
            if np.isrealobj(self.vectors):  # two real products: no complex copy of V per call
                return [self.vectors @ (phase * c).real + 1j * (self.vectors @ (phase * c).imag) for c in self.coefficients]
            return [self.vectors @ (phase * c) for c in self.coefficients]
        start = max(s for s in self.cache if s <= t)
        vecs = self.cache[start]
        if t > start:
            vecs = [expm_multiply(-1j * (t - start) * self.h, v) for v in vecs]
        return vecs

    def states_on_grid(self, times: np.ndarray):
        """Yield (k, states at times[k]) along a grid; dense: one matrix product per chunk
        of times (a matrix-vector product per time is slow under BLAS thread contention)."""
        if not self.dense:
            for k, t in enumerate(times):
                vecs = self.states(float(t))
                self.cache[float(t)] = vecs
                yield k, vecs
            return
        for lo in range(0, len(times), 256):
            chunk = times[lo : lo + 256]
            phase = np.exp(-1j * np.outer(self.energies, chunk))
            blocks = []
            for c in self.coefficients:
                amp = phase * c[:, None]
                if np.isrealobj(self.vectors):
                    blocks.append(self.vectors @ amp.real + 1j * (self.vectors @ amp.imag))
                else:
                    blocks.append(self.vectors @ amp)
            for j in range(len(chunk)):
                yield lo + j, [b[:, j] for b in blocks]


def _diagonalise(h: sp.spmatrix) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues and eigenvectors of a Hermitian sparse matrix; real symmetric and
    tridiagonal matrices (an excitation block of a collective exchange) take the fast roads."""
    h = sp.csr_matrix(h)
    if not np.iscomplexobj(h.data) or not np.any(h.data.imag):
        real = sp.csr_matrix(h.real)
        coo = real.tocoo()
        if np.all(np.abs(coo.row - coo.col) <= 1) and real.shape[0] > 2:
            return sla.eigh_tridiagonal(real.diagonal(), real.diagonal(1))
        return sla.eigh(real.toarray())
    return sla.eigh(h.toarray())


def battery_amplitudes(space: ReducedSpace, vecs: Sequence[np.ndarray]) -> sp.csr_matrix:
    """B with rho_B = B B^+: the amplitudes psi(b, r) of each component (weight sqrt(w)),
    battery index b as rows, (component, rest index r) as columns."""
    blocks = []
    for (w, _), v in zip(space.components, vecs):
        blocks.append(sp.csr_matrix((np.sqrt(w) * v, (space.battery_index, space.rest_index)),
                                    shape=(space.battery_dim, space.rest_dim)))
    return sp.hstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]


def battery_state(space: ReducedSpace, vecs: Sequence[np.ndarray]) -> sp.csr_matrix:
    """The battery's reduced state (battery_dim x battery_dim, sparse) of the mixture."""
    b = battery_amplitudes(space, vecs)
    return (b @ b.conj().T).tocsr()


def _nonzero_spectrum(b: sp.csr_matrix, rho_b: sp.csr_matrix) -> np.ndarray:
    """The eigenvalues of rho_B = B B^+ (zeros may be left out): read off the diagonal when
    rho_B is diagonal, else from the smaller of B B^+ and B^+ B on their non-zero rows."""
    off_diagonal = rho_b - sp.diags(rho_b.diagonal())
    if off_diagonal.count_nonzero() == 0 or abs(off_diagonal).max() < 1e-15:
        return np.real(rho_b.diagonal())
    b = b.tocsc()[:, np.flatnonzero(b.getnnz(axis=0))].tocsr()
    b = b[np.flatnonzero(b.getnnz(axis=1))]
    small = (b.conj().T @ b) if b.shape[1] < b.shape[0] else (b @ b.conj().T)
    return np.linalg.eigvalsh(small.toarray())


def battery_figures_reduced(space: ReducedSpace, rho_b: sp.spmatrix, amplitudes: sp.spmatrix | None = None) -> tuple[float, float]:
    """(battery energy, ergotropy) of the whole battery (all copies) for one reduced state.

    The passive state puts rho_B's eigenvalues, sorted decreasing, on the FULL spectrum of
    H_B sorted increasing; only its lowest battery_dim levels can be occupied.
    """
    rho_b = sp.csr_matrix(rho_b)
    energy = float(np.real(space.battery_hamiltonian.multiply(rho_b.T).sum()))
    if amplitudes is None:
        populations = np.linalg.eigvalsh(rho_b.toarray())
    else:
        populations = _nonzero_spectrum(sp.csr_matrix(amplitudes), rho_b)
    populations = np.sort(populations)[::-1][: space.battery_dim]
    passive = float(populations @ space.battery_levels[: populations.size])
    return space.copies * energy, space.copies * max(0.0, energy - passive)


def _figures_at(space: ReducedSpace, vecs) -> tuple[float, float]:
    b = battery_amplitudes(space, vecs)
    return battery_figures_reduced(space, (b @ b.conj().T).tocsr(), b)


def reduced_series(
    model: BatteryModel,
    times: Sequence[float],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, np.ndarray], dict, ReducedPropagator]:
    """The figures of ``model`` along ``times`` computed in its reduced space.

    Parameters
    ----------
    model:
        A model with a reduced description (``model.reduced``).
    times:
        Increasing times from 0.
    progress:
        ``progress(done, total)`` along the grid.

    Returns
    -------
    (series, info, propagator)
        ``series``: energy, battery_energy, ergotropy and power along the grid; ``info``:
        the solver and the basis; the propagator, which :func:`reduced_maxima` reuses.
        :func:`qbcircuit.reference.time_series` makes them a ``TimeSeries``.
    """
    space = model.reduced
    if space is None:
        raise ValueError(f"model {model.name!r} has no reduced description; use the full-register reference")
    times = np.asarray(times, dtype=float)
    if times.size < 2 or times[0] != 0 or np.any(np.diff(times) <= 0):
        raise ValueError("times must start at 0, increase strictly and hold at least two points")
    prop = ReducedPropagator(space)
    e0, _ = _figures_at(space, prop.states(0.0))
    battery_energy, ergo = np.empty(times.size), np.empty(times.size)
    for k, vecs in prop.states_on_grid(times):
        battery_energy[k], ergo[k] = _figures_at(space, vecs)
        if progress and (k % 10 == 9 or k == times.size - 1):
            progress(k + 1, times.size)
    series = {"energy": battery_energy - e0, "battery_energy": battery_energy, "ergotropy": ergo}
    series["power"] = average_power(times, series["energy"])
    info = {"solver": "reduced", "basis": space.basis, "reduced_dimension": space.dimension, **space.info}
    return series, info, prop


def reduced_maxima(prop: ReducedPropagator, times, series) -> dict[str, tuple[float, float]]:
    """The maxima of energy, ergotropy and power located between the grid points of
    ``series`` (from :func:`reduced_series`), as (t, value)."""
    times = np.asarray(times, dtype=float)
    e0, _ = _figures_at(prop.space, prop.states(0.0))
    return {key: _refined_maximum(prop, times, series[key], key, e0) for key in ("energy", "ergotropy", "power")}


def _refined_maximum(prop: ReducedPropagator, times, values, key: str, e0: float) -> tuple[float, float]:
    if not np.any(np.isfinite(values)):
        return (float("nan"), float("nan"))

    def figure_at(t: float) -> float:
        energy, ergo = _figures_at(prop.space, prop.states(t))
        if key == "ergotropy":
            return ergo
        return energy - e0 if key == "energy" else (energy - e0) / t if t > 0 else float("nan")

    t_best, v_best = refine_maximum(figure_at, times, values)
    return float(t_best), float(v_best)
