"""A chain of N cells charged by an anisotropic XY coupling: a battery solvable at any size.

    H_B = (omega0/2) sum_{i=0}^{N-1} (1 - Z_i) = omega0 sum_i n_i                (|1> charged)
    H_1 = J sum_{i=0}^{N-2} [(1 + gamma)/2 X_i X_{i+1} + (1 - gamma)/2 Y_i Y_{i+1}]   (open chain)

The cells start empty, |0...0> (the ground state of H_B, so W(0) = 0 and the ergotropy of
the whole chain is its stored energy), and charge under H = H_B + H_1 switched on at t = 0.
In the papers' sigma_z = -Z, H_B = (omega0/2) sum (1 + sigma_z). Qubit i is cell i + 1 of
the chain (Qiskit order: cell 1 is the rightmost character of a bit string).

Jordan-Wigner form (the conventions and the general mapping are derived in
:mod:`qbcircuit.models.fermions`). With c_i = Z_0 ... Z_{i-1} sigma_i^-, sigma^- = |0><1|,
n_i = c_i^+ c_i = (1 - Z_i)/2 and, for neighbours (the strings cancel except for Z_i, and
sigma^+ Z = sigma^+, Z sigma^- = sigma^-),

    sigma_i^+ sigma_{i+1}^- = c_i^+ c_{i+1},      sigma_i^+ sigma_{i+1}^+ = c_i^+ c_{i+1}^+,
    (X_i X_{i+1} + Y_i Y_{i+1})/2 = sigma_i^+ sigma_{i+1}^- + h.c. = c_i^+ c_{i+1} + c_{i+1}^+ c_i,
    (X_i X_{i+1} - Y_i Y_{i+1})/2 = sigma_i^+ sigma_{i+1}^+ + h.c. = c_i^+ c_{i+1}^+ + c_{i+1} c_i,

so that H_1 = J [(XX + YY)/2 + gamma (XX - YY)/2] summed over bonds is

    H = omega0 sum_i c_i^+ c_i + J sum_i (c_i^+ c_{i+1} + h.c.) + J gamma sum_i (c_i^+ c_{i+1}^+ + h.c.):

quadratic. gamma = 0 conserves the excitation number sum_i n_i, which H_B measures: the
empty chain is then an eigenstate (number 0 is one state) and never charges. gamma != 0
creates excitations in pairs on neighbouring cells, as the anisotropic spin charger of
seed 001 does. In Majoranas w_{2i} = Z..Z X_i, w_{2i+1} = Z..Z Y_i (H = (i/4) w^T h w +
offset): Z_i = -i w_{2i} w_{2i+1}, X_i X_{i+1} = -i w_{2i+1} w_{2i+2},
Y_i Y_{i+1} = i w_{2i} w_{2i+3}, hence the only non-zero entries of h (and -h^T) are

    h_{2i, 2i+1} = omega0,   h_{2i+1, 2i+2} = -J (1 + gamma),   h_{2i, 2i+3} = J (1 - gamma),

and offset N omega0 / 2 (the identity part of H_B; the field is -(omega0/2) Z_i =
(i/2) omega0 w_{2i} w_{2i+1}). The empty chain has Gamma_{2i,2i+1} = -1. The model builds these from its own ``SparsePauliOp`` (``model.gaussian``, by
:func:`qbcircuit.models.fermions.majorana_form`); the tests check them against the entries
above and the dynamics against the register solver.

Closed forms (tests/models/test_xy_chain.py): N = 2 stays in span{|00>, |11>}, where
<11|H|00> = J gamma and the diagonal is (0, 2 omega0): W(t) = 2 omega0 (J gamma)^2 /
(omega0^2 + (J gamma)^2) sin^2(sqrt(omega0^2 + (J gamma)^2) t). In the bulk of a long chain
(periodic boundary, momentum k), each pair (k, -k) is a two-level system with diagonal
(0, 2 xi_k), xi_k = omega0 + 2J cos k, and coupling Delta_k = 2 gamma J sin k, so every cell
holds

    <n>(t) = (1/2 pi) int_{-pi}^{pi} dk (Delta_k / eps_k)^2 sin^2(eps_k t),   eps_k = sqrt(xi_k^2 + Delta_k^2),

until the chain's ends are felt (a distance max_k |d eps_k/dk| t away).

Figures: the standard ones of the whole chain (energy, ergotropy = energy, power) and the
local ones (``energy_per_cell`` = W/N, the mean over cells of the single-cell ergotropy
``cell_ergotropy`` and of the ergotropy of neighbouring pairs ``pair_ergotropy``, each cell
with H_cell = omega0 |1><1|): the work unitaries on one cell, or on two neighbours, can
extract, averaged along the chain. The register description computes them from partial
traces (N <= 12 in practice), the free-fermion reference from the correlation matrix (any
N); both call :func:`local_figures`.

Units: omega0 is the unit of energy (J in units of omega0), 1/omega0 of time.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.metrics import ergotropy, partial_trace
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.models.fermions import gaussian_space
from qbcircuit.models.registry import Parameter, register_model

REFERENCE = ("anisotropic XY chain charger (cf. seed 001's anisotropic spin charger; Lieb, Schultz, Mattis, "
             "Ann. Phys. 16, 407 (1961) for the free-fermion solution)")
MAX_CELLS = 2000  # the free-fermion reference holds 2N x 2N matrices
LOCAL_BLOCKS = (1, 2)

PARAMETERS = (
    Parameter("N", 10, "", "cells in the chain", int, 2, MAX_CELLS),
    Parameter("omega0", 1.0, "omega0", "cell frequency; the energy unit", float, 0.0, None, low_open=True),
    Parameter("J", 1.0, "omega0", "XY coupling of neighbouring cells", float, 0.0, None),
    Parameter("gamma", 0.5, "", "anisotropy: 0 isotropic XY (conserves excitations), 1 Ising XX", float, -1.0, 1.0),
    Parameter("t_max", 0.0, "1/omega0", "time window (0: 2 pi / omega0)", float, 0.0, None),
)


def cell_hamiltonian(omega0: float, cells: int) -> np.ndarray:
    """H_B of ``cells`` neighbouring cells, omega0 times the number of excitations (Qiskit order)."""
    index = np.arange(2**cells)
    excitations = np.array([bin(int(i)).count("1") for i in index], dtype=float)
    return np.diag(omega0 * excitations).astype(complex)


def local_figures(blocks: dict[int, np.ndarray], omega0: float) -> dict[str, float]:
    """The chain's local figures from the reduced states of its blocks.

    Parameters
    ----------
    blocks:
        ``blocks[1]``: the N single-cell states (N, 2, 2); ``blocks[2]``: the N - 1 states
        of neighbouring pairs (N - 1, 4, 4), cell i as the pair's qubit 0.
    omega0:
        The cell frequency.

    Returns
    -------
    dict
        ``energy_per_cell`` (mean single-cell energy: W/N, the cells start empty),
        ``cell_ergotropy`` and ``pair_ergotropy`` (means over cells and over pairs).
    """
    cells, pairs = np.asarray(blocks[1]), np.asarray(blocks[2])
    h1, h2 = cell_hamiltonian(omega0, 1), cell_hamiltonian(omega0, 2)
    return {
        "energy_per_cell": float(np.mean(np.einsum("ij,kji->k", h1, cells).real)),
        "cell_ergotropy": float(np.mean(ergotropy(cells, h1))),
        "pair_ergotropy": float(np.mean(ergotropy(pairs, h2))),
    }


def _register_figures(model: BatteryModel, rho_battery: np.ndarray, _rho_figure) -> dict[str, float]:
    """The local figures of a full register state (partial traces; small N only)."""
    n = model.num_qubits
    rho = np.asarray(rho_battery)
    if rho.ndim == 1:
        rho = np.outer(rho, rho.conj())
    blocks = {L: np.array([partial_trace(rho, list(range(i, i + L)), n) for i in range(n - L + 1)]) for L in LOCAL_BLOCKS}
    return local_figures(blocks, model.parameters.get("omega0", 1.0) if model.parameters else model.extras["omega0"])


def chain_operators(N: int, omega0: float, J: float, gamma: float) -> tuple[SparsePauliOp, SparsePauliOp]:
    """(H_B, H_B + H_1) as Pauli sums on N qubits (see the module docstring)."""
    field = [("I", [i], omega0 / 2) for i in range(N)] + [("Z", [i], -omega0 / 2) for i in range(N)]
    h_b = SparsePauliOp.from_sparse_list(field, N).simplify()
    bonds = []
    for i in range(N - 1):
        bonds += [("XX", [i, i + 1], J * (1 + gamma) / 2), ("YY", [i, i + 1], J * (1 - gamma) / 2)]
    h = SparsePauliOp.from_sparse_list(field + bonds, N).simplify() if bonds else h_b
    return h_b, h


@register_model(
    "xy-chain",
    PARAMETERS,
    summary="N cells charged by an anisotropic XY coupling of neighbours; exact free-fermion reference at any N",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/omega0",
)
def build_xy_chain(N, omega0, J, gamma, t_max) -> BatteryModel:
    h_b, h = chain_operators(N, omega0, J, gamma)
    bits = "0" * N
    gaussian = gaussian_space(
        h, h_b, bits, battery_ground_energy=0.0, local_blocks=LOCAL_BLOCKS,
        local_figures=partial(local_figures, omega0=omega0),
        info={"initial_state": "all cells empty"},
    )
    return BatteryModel(
        name="xy-chain", num_qubits=N, qubit_labels=tuple(f"cell {i + 1}" for i in range(N)),
        battery_qubits=tuple(range(N)), battery_hamiltonian=h_b, hamiltonian=h,
        initial_state=InitialState.from_bitstring(bits, label="all cells empty"),
        figures=_register_figures, gaussian=gaussian, default_t_final=t_max or 2 * np.pi / omega0,
        energy_unit="omega0", time_unit="1/omega0", extras={"omega0": omega0},
        description="N cells, H_B = omega0 sum n_i, charged by J sum [(1+gamma)/2 XX + (1-gamma)/2 YY] on neighbours "
                    "(units of omega0)",
        reference=REFERENCE,
    )
