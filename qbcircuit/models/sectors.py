"""Symmetry-reduced descriptions of a battery: the symmetric (Dicke) sector, Fock ladders,
excitation blocks.

Identical cells coupled only through collective operators J = sum_k sigma_k never leave
the symmetric (Dicke) sector of the cells when they start in it: M cells need M + 1 states
instead of 2^M. A cavity is written in its Fock basis directly. On top of that,
:func:`reduced_space` cuts the space down to the states the Hamiltonian can reach from
the initial state (the connected components of H's sparsity graph): a fixed excitation
number when the model conserves it (no counter-rotating terms), a parity sector when only
parity is conserved.

Conventions: a spin ladder of ``cells`` identical cells has basis index k = number of
excited cells (k = 0: all in |0>, the ground state), so its index is m + M/2;
``ladder_raise`` is J_+ = sum_k sigma_+^k. Basis states of a product of factors are
ordered as np.kron orders them (the first factor is the most significant).

This module only describes: the models build their
:class:`~qbcircuit.models.core.ReducedSpace` with it, and the exact reference
(:mod:`qbcircuit.reference.collective`) solves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import comb

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from qbcircuit.models.core import ReducedSpace

# Models build their qubit-register description up to this many qubits (the initial state
# is a 2^n vector); beyond it they carry the reduced description only.
REGISTER_LIMIT = 20

#: The most basis states a builder may lay out before restricting to the reachable block
#: (a product of a Dicke ladder and a Fock space): 2^22 states, a sparse Hamiltonian of
#: some hundred MB. Registry limits (``register_model(limits=...)``) check it before building.
MAX_PRODUCT_STATES = 2**22


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
