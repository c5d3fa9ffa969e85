"""A spin-chain battery charged directly by a transverse field (seed 004, Sec. III.C.1).

Le, Levinsen, Modi, Parish, Pollock, "Spin-chain model of a many-body quantum battery",
PRA 97, 022106 (2018); RMP 96, 031001 (2024), Eq. (40).

    H_B = B sum_i sigma_i^z - sum_{i<j} g_ij [sigma_i^z sigma_j^z + alpha (sigma_i^x sigma_j^x + sigma_i^y sigma_j^y)]
    charging field: omega sum_i sigma_i^x

g_ij = g for nearest neighbours of an open chain (``range = nearest``), or g / |i - j|^p for
every pair (``range = long-range``; p = 0 couples all pairs equally).

Reading taken: during the charge the field is ADDED to the battery Hamiltonian,
H = H_B + omega sum_i sigma_i^x (Le et al.'s battery plus charging field). Switching H_B
off while charging (the colloquium's Eq. 25 taken literally) would make the interactions
irrelevant to the dynamics, and the colloquium's remark that for alpha = 1 the
interaction commutes with the field (so the XXX chain charges like independent spins)
would say nothing. tests/models/test_spin_chain.py checks that remark: for alpha = 1 the
stored energy is N times a single spin's, 2B omega^2/(B^2 + omega^2) sin^2(sqrt(B^2 + omega^2) t).

Initial state: all spins down, |0...0> (sigma^z = -1). For B > 0, g >= 0, |alpha| <= 1 it
is the ground state of H_B: every bond's sigma^z sigma^z + alpha (sigma^x sigma^x +
sigma^y sigma^y) has largest eigenvalue 1, which |0...0> attains on every bond at once,
and it is the unique minimum of the Zeeman term. Hence the parameter ranges.

Qubits (Qiskit order): qubit i is spin i + 1 of the chain. The paper's sigma^z is -Z.
Units: omega is the unit of energy (so B and g are in units of omega) and 1/omega of
time. Reduced description: for p = 0 (long range) H is a function of the collective
spin, and the chain stays in the symmetric sector (N + 1 states).
"""

from __future__ import annotations

from math import comb

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, RegisterUnavailable
from qbcircuit.models.registry import Parameter, register_model
from qbcircuit.models import sectors as col

REFERENCE = "Le, Levinsen, Modi, Parish, Pollock, PRA 97, 022106 (2018); RMP 96, 031001 (2024), Eq. (40)"
FULL_REGISTER_MAX = 14  # the full-register reference evolves 2^N states

PARAMETERS = (
    Parameter("N", 4, "", "spins in the chain", int, 2, 100000),
    Parameter("B", 1.0, "omega", "Zeeman field", float, 0.0, None, low_open=True),
    Parameter("g", 0.5, "omega", "interaction strength", float, 0.0, None),
    Parameter("alpha", 0.0, "", "anisotropy: 0 Ising, 1 XXX, -1 fully anisotropic", float, -1.0, 1.0),
    Parameter("range", "nearest", "", "nearest neighbours, or long-range g/|i-j|^p", str, choices=("nearest", "long-range")),
    Parameter("p", 1.0, "", "decay exponent of the long-range coupling", float, 0.0, None),
    Parameter("t_max", 0.0, "1/omega", "time window (0: pi/sqrt(B^2 + 1), a single spin's first full charge)", float, 0.0, None),
)


def couplings(N: int, g: float, range_: str, p: float) -> dict[tuple[int, int], float]:
    if range_ == "nearest":
        return {(i, i + 1): g for i in range(N - 1)}
    return {(i, j): g / (j - i) ** p for i in range(N) for j in range(i + 1, N)}


def _register_battery(N, B, alpha, bonds) -> SparsePauliOp:
    terms = [B * ops.sigma_z(i, N) for i in range(N)]
    for (i, j), gij in bonds.items():
        terms.append(SparsePauliOp.from_sparse_list(
            [("ZZ", [i, j], -gij), ("XX", [i, j], -gij * alpha), ("YY", [i, j], -gij * alpha)], N))
    return SparsePauliOp.sum(terms).simplify()


def _symmetric_levels(N, B, g, alpha, count) -> np.ndarray:
    """Lowest ``count`` eigenvalues of the all-to-all H_B on 2^N states: with total spin S and
    S_z = m, H_B = 2Bm - g[(4m^2 - N)/2 + alpha(2S(S+1) - 2m^2 - N)], and spin S occurs
    C(N, N/2 - S) - C(N, N/2 - S - 1) times."""
    energies, weights = [], []
    for twice_s in range(N % 2, N + 1, 2):
        s = twice_s / 2
        k = (N - twice_s) // 2
        mult = comb(N, k) - (comb(N, k - 1) if k >= 1 else 0)
        for twice_m in range(-twice_s, twice_s + 1, 2):
            m = twice_m / 2
            energies.append(2 * B * m - g * ((4 * m * m - N) / 2 + alpha * (2 * s * (s + 1) - 2 * m * m - N)))
            weights.append(mult)
    order = np.argsort(energies, kind="stable")
    out = []
    for idx in order:
        out.extend([energies[idx]] * min(weights[idx], count - len(out)))
        if len(out) >= count:
            break
    return np.array(out)


def _reduced(N, B, g, alpha):
    jp = col.ladder_raise(N)
    sz = 2 * col.ladder_number(N) - N * sp.identity(N + 1)  # sum sigma^z
    flip = jp @ jp.T + jp.T @ jp
    h_b = B * sz - g * ((sz @ sz - N * sp.identity(N + 1)) / 2 + alpha * (flip - N * sp.identity(N + 1)))
    h = h_b + jp + jp.T  # + omega sum sigma^x, omega = 1
    return col.reduced_space(
        h, [(1.0, col.basis_vector(N + 1, 0))], N + 1, h_b, _symmetric_levels(N, B, g, alpha, N + 1),
        basis="symmetric (Dicke) sector of the chain", info={"initial_state": "all spins down"},
    )


@register_model(
    "spin-chain",
    PARAMETERS,
    summary="spin chain with Zeeman field and XXZ couplings (nearest or long range), charged by a transverse field (seed 004)",
    reference=REFERENCE,
    energy_unit="omega",
    time_unit="1/omega",
)
def build_spin_chain(N, B, g, alpha, p, t_max, **kw) -> BatteryModel:
    range_ = kw["range"]  # the parameter's name, which would shadow the builtin here
    bonds = couplings(N, g, range_, p)
    collective = range_ == "long-range" and p == 0
    reduced = _reduced(N, B, g, alpha) if collective else None
    common = dict(
        name="spin-chain", num_qubits=N, qubit_labels=tuple(f"spin {i + 1}" for i in range(N)),
        battery_qubits=tuple(np.arange(N).tolist()), reduced=reduced,
        default_t_final=t_max or np.pi / np.sqrt(B * B + 1), energy_unit="omega", time_unit="1/omega",
        description="XXZ spin chain in a Zeeman field, charged by omega sum sigma^x (units of omega)", reference=REFERENCE,
    )
    if N > (col.REGISTER_LIMIT if collective else FULL_REGISTER_MAX):
        if reduced is None:
            raise ValueError(f"parameter 'N' must be <= {FULL_REGISTER_MAX} unless range = long-range with p = 0 "
                             f"(the symmetric sector), got {N}")
        missing = RegisterUnavailable("spin-chain", N, "operators or initial state", col.REGISTER_LIMIT)
        return BatteryModel(battery_hamiltonian=missing, hamiltonian=missing, initial_state=missing, **common)
    h_b = _register_battery(N, B, alpha, bonds)
    field = SparsePauliOp.sum([ops.pauli("X", i, N) for i in range(N)])
    return BatteryModel(
        battery_hamiltonian=h_b, hamiltonian=(h_b + field).simplify(),
        initial_state=InitialState.from_bitstring("0" * N, label="all spins down"), **common,
    )
