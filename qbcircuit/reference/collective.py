"""The exact closed-system reference in a symmetry-reduced space (Dicke sector, excitation blocks).

Identical cells coupled only through collective operators J = sum_k sigma_k never leave
the symmetric (Dicke) sector of the cells when they start in it: M cells need M + 1 states
instead of 2^M. A cavity is written in its Fock basis directly. On top of that, the
space is cut down to the states the Hamiltonian can reach from the initial state (the
connected components of H's sparsity graph): a fixed excitation number when the model
conserves it (no counter-rotating terms), a parity sector when only parity is conserved.

Conventions: a spin ladder of ``cells`` identical cells has basis index k = number of
excited cells (k = 0: all in |0>, the ground state), so its index is m + M/2;
``ladder_raise`` is J_+ = sum_k sigma_+^k. Basis states of a product of factors are
ordered as np.kron orders them (the first factor is the most significant).

The models build their :class:`~qbcircuit.models.core.ReducedSpace` with
:func:`reduced_space`; :func:`reduced_time_series` is what ``time_series`` runs for them.
The tests check this solver against the full-register reference (QuTiP) at small sizes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import comb

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import expm_multiply

from qbcircuit.metrics import average_power, refine_maximum
from qbcircuit.models.core import BatteryModel, ReducedSpace

# Below this dimension the reduced Hamiltonian is diagonalised once (then any time costs a
# matrix-vector product); above it, states are propagated with expm_multiply.
DENSE_LIMIT = 1500

# Models build their qubit-register description up to this many qubits (the initial state
# is a 2^n vector); beyond it they carry the reduced description only.
REGISTER_LIMIT = 20


# -- operators of the reduced factors ------------------------------------------------------
def ladder_raise(cells: int) -> sp.csr_matrix:
    """J_+ = sum_k sigma_+^k on the symmetric sector of ``cells`` cells (index = excitations):
    J_+ |k> = sqrt((k + 1)(cells - k)) |k + 1>."""
    k = np.arange(cells)
    return sp.diags(np.sqrt((k + 1.0) * (cells - k)), -1, shape=(cells + 1, cells + 1), format="csr")


def ladder_number(cells: int) -> sp.csr_matrix:
    """sum_k n_k = J_z + M/2: the number of excited cells."""
    return sp.diags(np.arange(cells + 1, dtype=float), 0, format="csr")


def fock_annihilation(levels: int) -> sp.csr_matrix:
    """a on the Fock states |0> .. |levels - 1>."""
    return sp.diags(np.sqrt(np.arange(1, levels, dtype=float)), 1, shape=(levels, levels), format="csr")


def fock_number(levels: int) -> sp.csr_matrix:
    return sp.diags(np.arange(levels, dtype=float), 0, format="csr")


def basis_vector(dim: int, index: int) -> np.ndarray:
    v = np.zeros(dim, dtype=complex)
    v[index] = 1.0
    return v


def kron(*factors) -> sp.csr_matrix:
    out = sp.csr_matrix(factors[0])
    for f in factors[1:]:
        out = sp.kron(out, sp.csr_matrix(f), format="csr")
    return out


def dicke_state(cells: int, excitations: int) -> np.ndarray:
    """The symmetric (Dicke) state of ``cells`` qubits with ``excitations`` of them excited,
    as a register vector in Qiskit's order (for the full-register description)."""
    if not 0 <= excitations <= cells:
        raise ValueError(f"excitations must be in [0, {cells}], got {excitations}")
    idx = np.arange(2**cells)
    weights = np.array([bin(i).count("1") == excitations for i in idx], dtype=complex)
    return weights / np.sqrt(comb(cells, excitations))


def identical_cell_levels(cells: int, splitting: float, ground: float, count: int) -> np.ndarray:
    """The lowest ``count`` eigenvalues, with multiplicity, of H_B = ground + splitting *
    (number of excited cells) on the full register of ``cells`` identical cells: level k
    appears C(cells, k) times."""
    out: list[float] = []
    k = 0
    while len(out) < count and k <= cells:
        out.extend([ground + splitting * k] * min(comb(cells, k), count - len(out)))
        k += 1
    return np.array(out)


def reduced_space(
    hamiltonian: sp.spmatrix,
    components: Sequence[tuple[float, np.ndarray]],
    battery_dim: int,
    battery_hamiltonian,
    battery_levels: np.ndarray,
    basis: str,
    *,
    copies: int = 1,
    info: dict | None = None,
) -> ReducedSpace:
    """Restrict a Hamiltonian on battery (x) rest (kron order, battery first) to the states
    it reaches from the initial components, and package it as a ReducedSpace."""
    h = sp.csr_matrix(hamiltonian)
    dim = h.shape[0]
    if dim % battery_dim:
        raise ValueError(f"reduced space: dimension {dim} is not a multiple of battery_dim {battery_dim}")
    support = np.zeros(dim, dtype=bool)
    for _, vec in components:
        support |= np.abs(vec) > 0
    pattern = (abs(h) + sp.identity(dim, format="csr")) > 0
    _, label = connected_components(pattern, directed=False)
    keep = np.flatnonzero(np.isin(label, np.unique(label[support])))
    sub = h[keep][:, keep].tocsr()
    rest_dim = dim // battery_dim
    return ReducedSpace(
        basis=basis,
        hamiltonian=sub,
        components=tuple((float(w), np.asarray(v, dtype=complex)[keep]) for w, v in components),
        battery_index=keep // rest_dim,
        rest_index=keep % rest_dim,
        battery_dim=battery_dim,
        rest_dim=rest_dim,
        battery_hamiltonian=sp.csr_matrix(battery_hamiltonian),
        battery_levels=np.asarray(battery_levels, dtype=float),
        copies=copies,
        info=dict(info or {}),
    )


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


def reduced_time_series(
    model: BatteryModel,
    times: Sequence[float],
    *,
    refine: bool = True,
    progress: Callable[[int, int], None] | None = None,
):
    """The TimeSeries of ``time_series`` (energy, battery_energy, ergotropy, power, maxima
    located between grid points), computed in the model's reduced space."""
    from qbcircuit.reference.figures import TimeSeries

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
    result = TimeSeries(model.name, dict(model.parameters), model.energy_unit, model.time_unit, times, series, info=info)
    if refine:
        for key in ("energy", "ergotropy", "power"):
            result.maxima[key] = _refined_maximum(prop, times, series[key], key, e0)
    return result


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
