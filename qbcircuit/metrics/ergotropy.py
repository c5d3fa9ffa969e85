"""Ergotropy: work extractable by unitaries, its coherent/incoherent split, and anti-ergotropy.

hbar = 1; energies in the unit of the Hamiltonian given (the battery's H_B).
Allahverdyan, Balian, Nieuwenhuizen, EPL 67, 565 (2004); Francica et al.,
PRL 125, 180603 (2020) for the split. Degenerate spectra are handled: the
(anti-)ergotropy depends only on the energies, not on the eigenbasis chosen
inside a degenerate level.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .energy import _energy
from .states import ATOL, _hamiltonian, _state_and_hamiltonian


class ErgotropySplit(NamedTuple):
    """Ergotropy = incoherent + coherent (Francica et al. 2020)."""

    total: float
    incoherent: float
    coherent: float


def passive_state(rho, hamiltonian) -> np.ndarray:
    """The passive state of rho: its eigenvalues, sorted decreasing, on the energy eigenvectors sorted increasing.

    It has the lowest energy of all states unitarily reachable from rho. With
    degenerate energies the state is not unique; its energy is.
    """
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    _, v = np.linalg.eigh(h)
    p = np.linalg.eigvalsh(rho)[::-1]
    return (v * p) @ v.conj().T


def _passive_energy(populations: np.ndarray, energies: np.ndarray) -> float:
    """Lowest energy of a state with these eigenvalues (energies sorted increasing)."""
    return float(np.sort(populations)[::-1] @ energies)


def ergotropy(rho, hamiltonian):
    """Tr[H rho] - Tr[H rho_passive] >= 0: the maximum work a unitary can extract from rho.

    ``rho`` may also be a stack of density matrices (an array of shape (k, d, d), e.g. the
    reduced states of every cell of a chain): the answer is then an array of k
    ergotropies, each the same function of its state.
    """
    if isinstance(rho, np.ndarray) and rho.ndim == 3:
        return _ergotropies(rho, hamiltonian)
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    e = np.linalg.eigvalsh(h)
    return max(0.0, _energy(rho, h) - _passive_energy(np.linalg.eigvalsh(rho), e))


def _ergotropies(states: np.ndarray, hamiltonian) -> np.ndarray:
    h = _hamiltonian(hamiltonian)
    states = np.asarray(states, dtype=complex)
    d = h.shape[0]
    if states.shape[1:] != (d, d):
        raise ValueError(f"rho must be a stack of {d} x {d} density matrices (the Hamiltonian's dimension), got shape {states.shape}")
    trace = np.einsum("kii->k", states)
    herm = np.max(np.abs(states - states.conj().transpose(0, 2, 1)), initial=0.0)
    if not np.isfinite(herm) or herm > ATOL or np.max(np.abs(trace - 1.0), initial=0.0) > ATOL:
        raise ValueError("rho must be a stack of Hermitian matrices with trace 1")
    energies = np.einsum("ij,kji->k", h, states).real
    populations = np.linalg.eigvalsh(states)[:, ::-1]  # decreasing
    passive = populations @ np.linalg.eigvalsh(h)  # on increasing energies
    return np.maximum(0.0, energies - passive)


def anti_ergotropy(rho, hamiltonian) -> float:
    """Tr[H rho_active] - Tr[H rho] >= 0: the maximum energy a unitary can add to rho.

    The active state has rho's eigenvalues sorted increasing on increasing energies.
    """
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    e = np.linalg.eigvalsh(h)
    active = float(np.sort(np.linalg.eigvalsh(rho)) @ e)
    return max(0.0, active - _energy(rho, h))


def max_ergotropy(hamiltonian) -> float:
    """E_max - E_min: the ergotropy of the most excited pure state (upper bound for any state)."""
    e = np.linalg.eigvalsh(_hamiltonian(hamiltonian))
    return float(e[-1] - e[0])


def _energy_blocks(energies: np.ndarray, tol: float) -> list[slice]:
    """Slices of equal energies (within tol) in an increasing spectrum."""
    cuts = np.flatnonzero(np.diff(energies) > tol) + 1
    edges = [0, *cuts.tolist(), energies.size]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:])]


def ergotropy_split(rho, hamiltonian, degeneracy_tol: float = 1e-8) -> ErgotropySplit:
    """Split the ergotropy into incoherent and coherent parts (Francica et al., PRL 125, 180603 (2020)).

    incoherent = Tr[H rho] - Tr[H passive(Delta(rho))], where Delta dephases rho
    in the energy eigenbasis. With degenerate levels Delta removes only the
    coherences BETWEEN different energies: it projects onto the energy
    eigenspaces and keeps each degenerate block whole (coherences inside a
    level are not energetic coherences and do not count as coherent
    ergotropy). Energies closer than ``degeneracy_tol`` times the spectral
    scale max(1, |E|max) are one level. coherent = total - incoherent, >= 0
    (all three parts are clipped at 0 against round-off).
    """
    rho, h = _state_and_hamiltonian(rho, hamiltonian)
    e, v = np.linalg.eigh(h)
    r = v.conj().T @ rho @ v
    blocks = _energy_blocks(e, degeneracy_tol * max(1.0, float(np.max(np.abs(e)))))
    # Delta(rho) is block-diagonal, so its spectrum is the union of the blocks' spectra.
    dephased = np.concatenate([np.linalg.eigvalsh(r[b, b]) for b in blocks])
    # Energy is invariant under Delta (H is block-diagonal too), so one E serves both.
    en = _energy(rho, h)
    total = max(0.0, en - _passive_energy(np.linalg.eigvalsh(rho), e))
    incoherent = max(0.0, en - _passive_energy(dephased, e))
    return ErgotropySplit(total, incoherent, max(0.0, total - incoherent))
