"""Seed 001: M battery spins charged by N charger spins through an XY interaction.

Huangfu and Jing, "High-capacity and high-power collective charging with spin chargers" (2021).

    H0 = (omega0/2) (sum_k sigma_k^z + sum_l tau_l^z)                                  (Eq. 1)
    H1 = (g/2) [(1 + gamma) sum_k sigma_k^x sum_l tau_l^x + (1 - gamma) sum_k sigma_k^y sum_l tau_l^y]
       = g [J_- sum_k (gamma sigma_k^- + sigma_k^+) + h.c.]                            (Eq. 3)

with the paper's sigma^z = -Z (|1> excited). Battery H_B = (omega0/2) sum_k sigma_k^z.
Crosstalk, added to the dynamics only (the stored energy is still measured with H_B):
charger-charger (g1/2) sum_{l != j} (tau_l^x tau_j^x + tau_l^y tau_j^y) (Eq. 14; the sum
over ordered pairs counts each pair twice), and battery-battery the same with g2 on the
cells (Sec. IV.A).

Qubits (Qiskit order): 0 .. M-1 are the battery cells (the paper's k = 1..M), M .. M+N-1
the charger spins (l = 1..N). Parallel protocol (Eq. 9): cell k has its own N/M charger
spins, qubits M + k N/M .. M + (k+1) N/M - 1, and nothing couples different cells.

Units: energies in omega0, times in 1/g, powers in g omega0 (so ``hamiltonian`` is H/g
and ``battery_hamiltonian`` is H_B/omega0).

Initial states (``initial``): ``ideal`` is Eq. 4, cells empty and chargers full. The
non-ideal ones are mixtures of pure states, never superpositions, with the paper's
weights and ``p0`` as the paper's p_0:
* ``thermal-charger`` (Eq. 16): the last charger spin thermal, ground population p0
  (excited p1 = 1 - p0); p0 = 0 is ideal.
* ``dicke-chargers`` (Eqs. 18-19): the ideal state with weight p0, and the chargers in
  the Dicke state with l - 1 excitations (|m = -N/2 + l - 1>), l = 1..N, each with
  weight (1 - p0)/N (the paper's Fig. 7 spreads the rest evenly: p_1 = .. = p_4 = 0.1).
* ``charged-cells`` (Eqs. 20-21): the ideal state with weight p0, and cell k excited,
  k = 1..M, each with weight (1 - p0)/M (Fig. 7: p~_1 = p~_2 = 0.2).

Reading taken for Eq. 17 (M = N = 2, second charger spin thermal): the printed E(t)
gives the component |00>|10> the energy omega0 sin^2(2 g t), which is the dynamics of
the SYMMETRIC charger state |m = 0> = (|10> + |01>)/sqrt2, not of the product state |10>
the text names. |10> is half |m = 0> and half the singlet (|10> - |01>)/sqrt2, which
the collective coupling never touches, so the exact dynamics gives that component
(omega0/2) sin^2(2 g t). The code follows the exact dynamics (tests/models/
test_spin_charger.py checks both statements).

Reduced description (qbcircuit.reference.collective): the battery and charger Dicke
ladders, for the ideal and dicke-chargers states of the collective protocol, and one
cell with its chargers times M copies for the parallel one; ``thermal-charger`` and
``charged-cells`` leave the symmetric sector and use the qubit register only.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, RegisterUnavailable
from qbcircuit.models.registry import Parameter, register_model
from qbcircuit.models import sectors as col

REFERENCE = "Huangfu and Jing, High-capacity and high-power collective charging with spin chargers (2021)"
INITIAL_STATES = ("ideal", "thermal-charger", "dicke-chargers", "charged-cells")

PARAMETERS = (
    Parameter("M", 2, "", "battery cells", int, 1, 100000),
    Parameter("N", 4, "", "charger spins", int, 1, 100000),
    Parameter("g", 0.1, "omega0", "battery-charger coupling", float, 0.0, None, low_open=True),
    Parameter("omega0", 1.0, "omega0", "cell and charger frequency; the energy unit", float, 0.0, None, low_open=True),
    Parameter("gamma", 0.0, "", "anisotropy (0: isotropic XY, 1: XX)", float, 0.0, 1.0),
    Parameter("g1", 0.0, "omega0", "charger-charger crosstalk (Eq. 14)", float, 0.0, None),
    Parameter("g2", 0.0, "omega0", "battery-battery crosstalk (Sec. IV.A)", float, 0.0, None),
    Parameter("protocol", "collective", "", "collective, or parallel (each cell with its own N/M chargers, Eq. 9)", str,
              choices=("collective", "parallel")),
    Parameter("initial", "ideal", "", "initial state (Eqs. 4, 16, 19, 21)", str, choices=INITIAL_STATES),
    Parameter("p0", 0.6, "", "the paper's p_0 for the non-ideal initial states (see the module docstring)", float, 0.0, 1.0),
    Parameter("gt_max", 10.0, "1/g", "time window for E_max and P_max (E(t) is only quasi-periodic for M >= 3)",
              float, 0.0, None, low_open=True),
)


def _register_hamiltonian(M, N, g, omega0, gamma, g1, g2, protocol) -> SparsePauliOp:
    """H/g on the register (see the module docstring for the layout)."""
    n = M + N
    w = omega0 / g
    terms = [0.5 * w * ops.sigma_z(q, n) for q in range(n)]
    per_cell = N // M
    for k in range(M):
        chargers = range(M + k * per_cell, M + (k + 1) * per_cell) if protocol == "parallel" else range(M, n)
        for l in chargers:
            terms.append(SparsePauliOp.from_sparse_list(
                [("XX", [k, l], 0.5 * (1 + gamma)), ("YY", [k, l], 0.5 * (1 - gamma))], n))
    for group, coupling in ((range(M, n), g1), (range(M), g2)):
        group = list(group)
        if coupling and protocol == "collective":
            for a, i in enumerate(group):
                for j in group[a + 1:]:
                    terms.append(SparsePauliOp.from_sparse_list([("XX", [i, j], coupling / g), ("YY", [i, j], coupling / g)], n))
    return SparsePauliOp.sum(terms).simplify()


def _register_state(M, N, initial, p0) -> InitialState:
    ideal = "1" * N + "0" * M  # qubit 0 is the last character: cells empty, chargers full
    if initial == "ideal":
        return InitialState.from_bitstring(ideal, label="cells empty, chargers full (Eq. 4)")
    if initial == "thermal-charger":
        cold = "0" + "1" * (N - 1) + "0" * M  # the last charger spin (qubit M + N - 1) in |0>
        return InitialState.from_bitstring_mixture([(1 - p0, ideal), (p0, cold)], label=f"last charger thermal, p0={p0} (Eq. 16)")
    if initial == "charged-cells":
        comps = [(p0, ideal)] + [((1 - p0) / M, "1" * N + "0" * (M - 1 - k) + "1" + "0" * k) for k in range(M)]
        return InitialState.from_bitstring_mixture(comps, label=f"cells partly charged, p~0={p0} (Eq. 21)")
    battery = col.basis_vector(2**M, 0)
    comps = [(p0, np.kron(col.dicke_state(N, N), battery))]
    comps += [((1 - p0) / N, np.kron(col.dicke_state(N, e), battery)) for e in range(N)]
    return InitialState.from_vectors(comps, label=f"Dicke-state chargers, p0={p0} (Eq. 19)")


def _collective_operator(cells: int, gamma: float) -> sp.csr_matrix:
    # sum_k (gamma sigma_k^- + sigma_k^+) on the Dicke ladder
    jp = col.ladder_raise(cells)
    return (jp + gamma * jp.T).tocsr()


def _reduced(M, N, g, omega0, gamma, g1, g2, protocol, initial, p0):
    w = omega0 / g
    if protocol == "parallel":
        M_unit, N_unit, copies = 1, N // M, M
    else:
        M_unit, N_unit, copies = M, N, 1
    jp_b, jp_c = col.ladder_raise(M_unit), col.ladder_raise(N_unit)
    eye_b, eye_c = sp.identity(M_unit + 1), sp.identity(N_unit + 1)
    nb, nc = col.ladder_number(M_unit), col.ladder_number(N_unit)
    # (omega0/2) sum sigma^z = omega0 (n - cells/2); the constant is dropped.
    h = w * (col.kron(nb, eye_c) + col.kron(eye_b, nc))
    # g [J_- sum_k (gamma sigma_k^- + sigma_k^+) + h.c.], in units of g
    coupling = col.kron(_collective_operator(M_unit, gamma), jp_c.T)
    h = h + coupling + coupling.T
    # (g1/2) sum_{l != j} (tau^x tau^x + tau^y tau^y) = g1 (J+J- + J-J+ - N), constant dropped
    if g1:
        h = h + (g1 / g) * col.kron(eye_b, jp_c @ jp_c.T + jp_c.T @ jp_c)
    if g2:
        h = h + (g2 / g) * col.kron(jp_b @ jp_b.T + jp_b.T @ jp_b, eye_c)
    dim_c = N_unit + 1
    ideal = col.basis_vector((M_unit + 1) * dim_c, N_unit)  # battery k = 0, chargers k = N
    if initial == "ideal":
        comps = [(1.0, ideal)]
    else:  # dicke-chargers
        comps = [(p0, ideal)] + [((1 - p0) / N_unit, col.basis_vector((M_unit + 1) * dim_c, e)) for e in range(N_unit)]
    h_b = col.ladder_number(M_unit) - 0.5 * M_unit * sp.identity(M_unit + 1)
    levels = col.identical_cell_levels(M_unit, 1.0, -0.5 * M_unit, M_unit + 1)
    what = "one cell and its N/M chargers, M identical copies" if copies > 1 else "M cells and N chargers"
    return col.reduced_space(
        h, comps, M_unit + 1, h_b, levels,
        basis=f"Dicke ladders of {what} (symmetric sectors), reachable block",
        copies=copies, info={"initial_state": initial},
    )


@register_model(
    "spin-charger",
    PARAMETERS,
    summary="M battery spins charged by N charger spins through an XY coupling, collective or parallel (seed 001)",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/g",
)
def build_spin_charger(M, N, g, omega0, gamma, g1, g2, protocol, initial, p0, gt_max) -> BatteryModel:
    if protocol == "parallel":
        if N % M:
            raise ValueError(f"parameter 'N' must be a multiple of M = {M} for the parallel protocol, got {N}")
        if initial != "ideal" or g1 or g2:
            raise ValueError("parameter 'protocol' = parallel takes the ideal initial state and no crosstalk (g1 = g2 = 0)")
    n = M + N
    symmetric = initial in ("ideal", "dicke-chargers")
    reduced = _reduced(M, N, g, omega0, gamma, g1, g2, protocol, initial, p0) if symmetric else None
    labels = tuple(f"battery cell {k + 1}" for k in range(M)) + tuple(f"charger spin {l + 1}" for l in range(N))
    common = dict(
        name="spin-charger", num_qubits=n, qubit_labels=labels, battery_qubits=tuple(range(M)),
        reduced=reduced, default_t_final=gt_max, energy_unit="omega0", time_unit="1/g",
        description="M battery spins, N charger spins, XY coupling (H/g; H_B/omega0)", reference=REFERENCE,
    )
    if n <= col.REGISTER_LIMIT:
        return BatteryModel(
            battery_hamiltonian=SparsePauliOp.sum([0.5 * ops.sigma_z(k, M) for k in range(M)]).simplify(),
            hamiltonian=_register_hamiltonian(M, N, g, omega0, gamma, g1, g2, protocol),
            initial_state=_register_state(M, N, initial, p0),
            **common,
        )
    if reduced is None:
        raise ValueError(
            f"parameter 'initial' = {initial} leaves the symmetric sector and needs the qubit register: "
            f"M + N must be <= {col.REGISTER_LIMIT}, got {n}")
    missing = RegisterUnavailable("spin-charger", n, "operators or initial state", col.REGISTER_LIMIT)
    return BatteryModel(battery_hamiltonian=missing, hamiltonian=missing, initial_state=missing, **common)
