"""The Dicke quantum battery (seed 004, Sec. III.B; Ferraro et al., PRL 120, 117702 (2018)).

    H = omega_c a^+ a + (omega0/2) sum_i (sigma_i^z + 1) + g sum_i sigma_i^x (a + a^+)   (Eqs. 29-31)

N cells (two-level systems) and one cavity mode holding n photons at t = 0 (|n> (x) |G>,
Eq. 32; Ferraro et al. take n = N and omega_c = omega0). ``rwa`` drops the counter-
rotating terms (the Tavis-Cummings variant: g sum_i (sigma_i^+ a + sigma_i^- a^+)).
``coupling = scaled`` replaces g by g/sqrt(N) (Eq. 38, the thermodynamic-limit
normalisation); ``fixed`` keeps g (a fixed cavity, Ferraro et al.).

``protocol = parallel`` is Ferraro's reference: N independent Rabi batteries (Eq. 33, with
the same H_B = (omega0/2)(sigma^z + 1) per cell), each cell in its own cavity with n/N
photons (one photon when n = N), the same g.

Photon truncation: with counter-rotating terms the photon number is not conserved, so
the mode is cut at 2^k Fock levels. ``mode_qubits = 0`` (automatic) starts from a cheap
estimate, the fewest levels that hold the n photons (:func:`starting_mode_qubits`; no
solver runs while the model is built), and the exact reference adds one qubit at a time
until the reported figures (the whole curves) move by less than its tolerance when one
more is added (qbcircuit/reference/truncation.py); the result reports the levels and the
changes (``info["truncation"]``). This needs no register: the reference rebuilds the model
by ``mode_qubits`` and compares figures, so it works for reduced-only models (N = 100).
With ``rwa`` the n + 1 levels that hold n photons are exact (excitations are conserved):
nothing grows.

Qubits (Qiskit order): 0 .. N-1 the cells, then the mode in binary (k qubits, bit j on
qubit N + j); parallel: cavity of cell i on qubits N + i k .. N + (i+1) k - 1. Units:
energies in omega0, times in 1/omega0 (``hamiltonian`` is H/omega0). Reduced description:
the cells' Dicke ladder x the Fock states, restricted to the parity (or excitation)
sector of the initial state.
"""

from __future__ import annotations

import math

import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, InitialState, RegisterUnavailable, TruncatedMode
from qbcircuit.models.registry import Parameter, register_model
from qbcircuit.models import sectors as col

REFERENCE = "Ferraro, Campisi, Andolina, Pellegrini, Polini, PRL 120, 117702 (2018); RMP 96, 031001 (2024), Sec. III.B"
MAX_MODE_QUBITS = 12  # 4096 Fock levels in the reduced solver

PARAMETERS = (
    Parameter("N", 2, "", "battery cells", int, 1, 10000),
    Parameter("n", 0, "", "photons at t = 0 (0: n = N, as Ferraro et al.)", int, 0, 10000),
    Parameter("g", 0.05, "omega0", "cell-cavity coupling", float, 0.0, None, low_open=True),
    Parameter("omega0", 1.0, "omega0", "cell splitting; the energy unit", float, 0.0, None, low_open=True),
    Parameter("omega_c", 1.0, "omega0", "cavity frequency (resonance: omega_c = omega0)", float, 0.0, None, low_open=True),
    Parameter("coupling", "fixed", "", "fixed g, or scaled g/sqrt(N) (Eq. 38)", str, choices=("fixed", "scaled")),
    Parameter("rwa", False, "", "drop the counter-rotating terms (Tavis-Cummings variant)", bool),
    Parameter("protocol", "collective", "", "collective (one cavity) or parallel (N Rabi batteries)", str,
              choices=("collective", "parallel")),
    Parameter("t_max", 0.0, "1/omega0", "time window of the figures (0: pi/(g_eff sqrt(max(N, n))) per cavity)",
              float, 0.0, None),
    Parameter("mode_qubits", 0, "", "cavity truncation 2^k levels (0: automatic, grown by the exact reference until the figures converge)", int, 0, MAX_MODE_QUBITS),
)


def _unit_hamiltonian(cells: int, levels: int, g_eff: float, omega_c: float, rwa: bool) -> sp.csr_matrix:
    """H/omega0 on (cells' Dicke ladder) x (Fock 0..levels-1); omega0 = 1."""
    jp = col.ladder_raise(cells)
    a = col.fock_annihilation(levels)
    h = col.kron(col.ladder_number(cells), sp.identity(levels)) + omega_c * col.kron(sp.identity(cells + 1), col.fock_number(levels))
    if rwa:
        hop = g_eff * col.kron(jp, a)  # sigma^+ a
        return (h + hop + hop.T).tocsr()
    return (h + g_eff * col.kron(jp + jp.T, a + a.T)).tocsr()


def _unit_space(cells, photons, levels, g_eff, omega_c, rwa, copies, info):
    h = _unit_hamiltonian(cells, levels, g_eff, omega_c, rwa)
    psi0 = col.basis_vector((cells + 1) * levels, photons)  # no excited cell, `photons` photons
    return col.reduced_space(
        h, [(1.0, psi0)], cells + 1, col.ladder_number(cells), col.identical_cell_levels(cells, 1.0, 0.0, cells + 1),
        basis=f"Dicke ladder of {cells} cell(s) x {levels} Fock levels, parity sector" + (f", {copies} copies" if copies > 1 else ""),
        copies=copies, info=info,
    )


def starting_mode_qubits(photons: int) -> int:
    """The cavity's starting truncation 2^k (closed form, no solver): the fewest levels
    that hold the initial ``photons``. With ``rwa`` the excitation number is conserved and
    the cells start empty, so the photons never exceed it: exact. Without it the
    counter-rotating terms create photons in pairs with cell excitations, and the exact
    reference grows the mode from here."""
    return max(1, math.ceil(math.log2(photons + 1)))


def check_limits(values: dict) -> None:
    """The sizes the builder can hold, checked before it runs (registry ``limits``): the
    photons must fit in 2^MAX_MODE_QUBITS Fock levels, and the product of the cells' ladder
    and the starting Fock space must hold at most ``sectors.MAX_PRODUCT_STATES`` states."""
    N, n, protocol = values["N"], values["n"] or values["N"], values["protocol"]
    if protocol == "parallel":
        cells, photons = 1, (n // N if n % N == 0 else 0)
    else:
        cells, photons = N, n
    most = 2**MAX_MODE_QUBITS - 1
    if photons > most:
        what = "n/N per cavity" if protocol == "parallel" else "n (0 means n = N)"
        raise ValueError(f"model 'dicke': the photons ({what}) = {photons} do not fit the cavity's at most "
                         f"{most + 1} Fock levels (mode_qubits <= {MAX_MODE_QUBITS}): at most {most}")
    k = values["mode_qubits"] or starting_mode_qubits(photons)
    states = (cells + 1) * 2**k
    if states > col.MAX_PRODUCT_STATES:
        raise ValueError(f"model 'dicke': {cells + 1} ladder states x {2**k} Fock levels = {states} states, more than "
                         f"the {col.MAX_PRODUCT_STATES} the reduced description holds: choose a smaller N or n")


@register_model(
    "dicke",
    PARAMETERS,
    limits=check_limits,
    summary="N cells charged by one cavity mode with n photons, Dicke or Tavis-Cummings coupling; or N Rabi batteries (seed 004)",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/omega0",
)
def build_dicke(N, n, g, omega0, omega_c, coupling, rwa, protocol, t_max, mode_qubits) -> BatteryModel:
    n = n or N
    g_eff = (g / math.sqrt(N) if coupling == "scaled" else g) / omega0
    omega_c = omega_c / omega0
    if protocol == "parallel":
        if n % N:
            raise ValueError(f"parameter 'n' must be a multiple of N = {N} for the parallel protocol (n/N photons per cavity), got {n}")
        cells, photons, copies = 1, n // N, N
    else:
        cells, photons, copies = N, n, 1
    # Default window: the collective exchange rate is ~ g sqrt(max(cells, photons)), and the
    # first energy peak (where the optimal power lies) comes before pi over that rate.
    t_max = t_max or math.pi / (g_eff * math.sqrt(max(cells, photons)))
    if mode_qubits:
        if 2**mode_qubits < photons + 1:
            raise ValueError(f"parameter 'mode_qubits' must hold {photons} photons: at least {math.ceil(math.log2(photons + 1))}, got {mode_qubits}")
        k = mode_qubits
    else:
        k = starting_mode_qubits(photons)
    info = {"initial_state": f"cells in |g>, {n} photons"}
    reduced = _unit_space(cells, photons, 2**k, g_eff, omega_c, rwa, copies, info)
    cavities = 1 if protocol == "collective" else N
    nq = N + cavities * k
    labels = tuple(f"battery cell {i + 1}" for i in range(N)) + tuple(
        f"cavity {c + 1} bit {j}" if cavities > 1 else f"cavity bit {j}" for c in range(cavities) for j in range(k))
    common = dict(
        name="dicke", num_qubits=nq, qubit_labels=labels, battery_qubits=tuple(range(N)), reduced=reduced,
        default_t_final=t_max, energy_unit="omega0", time_unit="1/omega0", reference=REFERENCE,
        description=f"{protocol} Dicke battery, {2**k} Fock levels per cavity (H/omega0)",
        truncated_mode=TruncatedMode(tuple(range(N, N + k)), "mode_qubits", automatic=not mode_qubits and not rwa,
                                     max_qubits=MAX_MODE_QUBITS, exact=rwa),
    )
    if nq > col.REGISTER_LIMIT or k > 8:
        missing = RegisterUnavailable("dicke", nq, "operators or initial state", col.REGISTER_LIMIT)
        return BatteryModel(battery_hamiltonian=missing, hamiltonian=missing, initial_state=missing, **common)
    terms = [ops.number(i, nq) for i in range(N)]  # (omega0/2)(sigma^z + 1) = omega0 |1><1|
    bits = ""
    for c in range(cavities):
        mode = list(range(N + c * k, N + (c + 1) * k))
        a = ops.embed(ops.boson_annihilation(k), mode, nq)
        terms.append(omega_c * ops.embed(ops.boson_number(k), mode, nq))
        for i in (range(N) if cavities == 1 else [c]):
            if rwa:
                hop = g_eff * (ops.sigma_plus(i, nq) @ a)
                terms += [hop, hop.adjoint()]
            else:
                terms.append(g_eff * (ops.pauli("X", i, nq) @ (a + a.adjoint())))
        bits = ops.fock_bitstring(photons, k) + bits
    return BatteryModel(
        battery_hamiltonian=SparsePauliOp.sum([ops.number(i, N) for i in range(N)]).simplify(),
        hamiltonian=SparsePauliOp.sum(terms).simplify(),
        initial_state=InitialState.from_bitstring(bits + "0" * N, label=f"cells in |g>, {n} photons"),
        **common,
    )
