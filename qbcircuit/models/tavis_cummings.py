"""The Tavis-Cummings cavity charger: seed 001's benchmark (Eq. A3).

    H = omega0 b^+ b + (omega0/2) sum_k sigma_k^z + g (b sum_k sigma_k^+ + h.c.)

M cells, one resonant mode holding n photons at t = 0 and the cells empty. H conserves
the number of excitations b^+ b + sum_k n_k = n, so the mode never holds more than n
photons: truncating it to the 2^k >= n + 1 lowest Fock states is EXACT here, not an
approximation (no convergence check needed, unlike the Dicke model's counter-rotating
terms). The paper's g-tilde (the HP-transformed spin charger's sqrt(N) g) is ``g`` here.

Qubits (Qiskit order): 0 .. M-1 the cells, M .. M+k-1 the mode in binary (qubit M + j
holds bit j of the photon number). Units: energies in omega0, times in 1/g (``hamiltonian``
is H/g, ``battery_hamiltonian`` is H_B/omega0 with H_B = (omega0/2) sum_k sigma_k^z).
Reduced description: the cells' Dicke ladder times the Fock states 0..n, restricted to the
block of n excitations (min(M, n) + 1 states).
"""

from __future__ import annotations

import math

import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, ReducedSpace, RegisterUnavailable
from qbcircuit.models.registry import Parameter, register_model
from qbcircuit.models import sectors as col

REFERENCE = "Huangfu and Jing (2021), Eq. (A3); Tavis and Cummings, Phys. Rev. 170, 379 (1968)"

PARAMETERS = (
    Parameter("M", 2, "", "battery cells", int, 1, 100000),
    Parameter("n", 2, "", "photons in the mode at t = 0", int, 1, 100000),
    Parameter("g", 0.1, "omega0", "cell-mode coupling (the paper's g-tilde)", float, 0.0, None, low_open=True),
    Parameter("omega0", 1.0, "omega0", "cell and mode frequency; the energy unit", float, 0.0, None, low_open=True),
    Parameter("gt_max", 10.0, "1/g", "time window for E_max and P_max", float, 0.0, None, low_open=True),
)


def excitation_block(M: int, n: int, w: float):
    """The reduced description, built on the block of n excitations directly (min(M, n) + 1
    states: k excited cells and n - k photons), never on the (M + 1)(n + 1) product space:
    H/g = w n + sqrt((k + 1)(M - k)) sqrt(n - k) (|k + 1><k| + h.c.), w = omega0/g.
    The same ReducedSpace as restricting the product space's H to the block (the basis in
    the same order: k = 0, 1, ...), which ``tests/models/test_tavis_cummings.py`` checks.
    """
    import numpy as np

    size = min(M, n) + 1
    k = np.arange(size - 1, dtype=float)
    hop = np.sqrt((k + 1) * (M - k)) * np.sqrt(n - k)
    h = sp.diags([np.full(size, w * n), hop, hop], [0, -1, 1], shape=(size, size), format="csr")
    h_b = col.ladder_number(M) - 0.5 * M * sp.identity(M + 1)
    return ReducedSpace(
        basis="Dicke ladder of the cells x Fock states 0..n, block of n excitations",
        hamiltonian=h,
        components=((1.0, col.basis_vector(size, 0)),),
        battery_index=np.arange(size),
        rest_index=n - np.arange(size),
        battery_dim=M + 1,
        rest_dim=n + 1,
        battery_hamiltonian=sp.csr_matrix(h_b),
        battery_levels=col.identical_cell_levels(M, 1.0, -0.5 * M, M + 1),
        info={"initial_state": f"cells empty, {n} photons", "truncation": f"Fock states 0..{n}, exact (excitations conserved)"},
    )


def mode_qubits(n: int) -> int:
    """Qubits of a mode that must hold Fock states 0..n."""
    return max(1, math.ceil(math.log2(n + 1)))


@register_model(
    "tavis-cummings",
    PARAMETERS,
    summary="M cells charged by a cavity mode with n photons, rotating-wave coupling (seed 001's benchmark)",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/g",
)
def build_tavis_cummings(M, n, g, omega0, gt_max) -> BatteryModel:
    w = omega0 / g
    reduced = excitation_block(M, n, w)
    k = mode_qubits(n)
    nq = M + k
    labels = tuple(f"battery cell {q + 1}" for q in range(M)) + tuple(f"cavity bit {j}" for j in range(k))
    common = dict(
        name="tavis-cummings", num_qubits=nq, qubit_labels=labels, battery_qubits=tuple(range(M)),
        reduced=reduced, default_t_final=gt_max, energy_unit="omega0", time_unit="1/g",
        description="M cells and a resonant mode, rotating-wave coupling (H/g; H_B/omega0)", reference=REFERENCE,
    )
    if nq > col.REGISTER_LIMIT or k > 8:
        missing = RegisterUnavailable("tavis-cummings", nq, "operators or initial state", col.REGISTER_LIMIT)
        return BatteryModel(battery_hamiltonian=missing, hamiltonian=missing, initial_state=missing, **common)
    mode = list(range(M, nq))
    b = ops.embed(ops.boson_annihilation(k), mode, nq)
    terms = [0.5 * w * ops.sigma_z(q, nq) for q in range(M)] + [w * ops.embed(ops.boson_number(k), mode, nq)]
    for q in range(M):
        hop = b @ ops.sigma_plus(q, nq)
        terms += [hop, hop.adjoint()]
    return BatteryModel(
        battery_hamiltonian=SparsePauliOp.sum([0.5 * ops.sigma_z(q, M) for q in range(M)]).simplify(),
        hamiltonian=SparsePauliOp.sum(terms).simplify(),
        initial_state=InitialState.from_bitstring(ops.fock_bitstring(n, k) + "0" * M, label=f"cells empty, {n} photons"),
        **common,
    )
