"""Local (parallel) versus global charging with norm-matched Hamiltonians (seed 004, Sec. II.C.1).

Binder, Vinjanampathy, Modi, Goold, NJP 17, 075015 (2015); Campaioli et al., PRL 118,
150601 (2017); Campaioli et al., RMP 96, 031001 (2024), Eqs. (16)-(18).

N cells, H_0 = omega0 sum_i |e><e|_i, charged from |G> = |g..g> towards |E> = |e..e|:
* parallel: H_par = sum_i V_i, V_i = -H_0^(i) + alpha (|e><g| + |g><e|)_i   (Eq. 16)
* global:   H_glob = -H_0 + alpha_N (|E><G| + |G><E|)                       (Eq. 17)

Reading taken: H_par and H_glob are the charging terms H_1 of H = H_0 + H_1, so during the
charge the generator is alpha sum_i sigma^x_i or alpha_N (|E><G| + h.c.) (the -H_0 cancels
the cells' own Hamiltonian, as in the QSL prescription, Eq. 13), and "norm matched" means
these generators have the same operator norm E_max: N |alpha| = |alpha_N| = E_max. Then
the cells are full at t = N pi/(2 E_max) (parallel) and pi/(2 E_max) (global), and any
power ratio is Gamma = N (Eq. 18).

Qubits (Qiskit order): qubit i is cell i + 1, |1> = |e>. Units: energies in omega0, times
in 1/E_max (``hamiltonian`` is H/E_max). Reduced description: the cells' Dicke ladder
(both generators are permutation symmetric). The register description of the global
generator has 2^(N-1) Pauli terms, so it stops at N = 12.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, RegisterUnavailable
from qbcircuit.models.registry import Parameter, register_model
from qbcircuit.models import sectors as col

REFERENCE = "Binder et al., NJP 17, 075015 (2015); Campaioli et al., PRL 118, 150601 (2017); RMP 96, 031001 (2024)"
GLOBAL_REGISTER_LIMIT = 12

PARAMETERS = (
    Parameter("N", 4, "", "battery cells", int, 1, 100000),
    Parameter("omega0", 1.0, "omega0", "cell splitting; the energy unit", float, 0.0, None, low_open=True),
    Parameter("E_max", 1.0, "E_max", "operator norm of either charging generator; its inverse is the time unit",
              float, 0.0, None, low_open=True),
    Parameter("protocol", "global", "", "parallel (local, Eq. 16) or global (Eq. 17)", str, choices=("parallel", "global")),
)


def charging_time(N: int, protocol: str) -> float:
    """The first time the cells are full, in 1/E_max: N pi/2 (parallel) or pi/2 (global)."""
    return (N if protocol == "parallel" else 1) * np.pi / 2


@register_model(
    "local-global",
    PARAMETERS,
    summary="N cells charged in parallel or by a global N-body generator of the same norm (seed 004)",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/E_max",
)
def build_local_global(N, omega0, E_max, protocol) -> BatteryModel:
    if protocol == "parallel":  # alpha = E_max / N on each cell: (1/N) (J_+ + J_-) in units of E_max
        h = (col.ladder_raise(N) + col.ladder_raise(N).T) / N
    else:  # |E><G| + |G><E| in units of E_max
        h = sp.csr_matrix(([1.0, 1.0], ([N, 0], [0, N])), shape=(N + 1, N + 1))
    reduced = col.reduced_space(
        h, [(1.0, col.basis_vector(N + 1, 0))], N + 1, col.ladder_number(N),
        col.identical_cell_levels(N, 1.0, 0.0, N + 1),
        basis="Dicke ladder of the N cells", info={"initial_state": "all cells in |g>"},
    )
    labels = tuple(f"battery cell {i + 1}" for i in range(N))
    common = dict(
        name="local-global", num_qubits=N, qubit_labels=labels, battery_qubits=tuple(range(N)),
        reduced=reduced, default_t_final=2 * charging_time(N, protocol), energy_unit="omega0", time_unit="1/E_max",
        description=f"{protocol} charging of N cells, generator of norm E_max (H/E_max; H_B/omega0)", reference=REFERENCE,
    )
    limit = col.REGISTER_LIMIT if protocol == "parallel" else GLOBAL_REGISTER_LIMIT
    if N > limit:
        missing = RegisterUnavailable("local-global", N, "operators or initial state", limit)
        return BatteryModel(battery_hamiltonian=missing, hamiltonian=missing, initial_state=missing, **common)
    if protocol == "parallel":
        generator = SparsePauliOp.sum([ops.pauli("X", i, N) / N for i in range(N)])
    else:
        up = ops.sigma_plus(0, N)
        for i in range(1, N):
            up = up @ ops.sigma_plus(i, N)
        generator = up + up.adjoint()
    return BatteryModel(
        battery_hamiltonian=SparsePauliOp.sum([ops.number(i, N) for i in range(N)]).simplify(),
        hamiltonian=generator.simplify(),
        initial_state=InitialState.from_bitstring("0" * N, label="all cells in |g>"),
        **common,
    )
