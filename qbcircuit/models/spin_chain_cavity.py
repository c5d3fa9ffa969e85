"""Seed 000: a chain of N spins with XY hopping, charged through a damped cavity.

Zhao, Dou, Zhao, "Quantum battery of interacting spins with environmental noise",
PRA 103, 033715 (2021).

Qubits (Qiskit order): qubits 0..N-1 are the spins (qubit i is the paper's spin i+1);
qubits N..N+k-1 hold the cavity mode truncated to 2^k Fock levels in binary (cavity qubit j
carries bit j of the photon number, qubit N the least significant). Energies in units of
omega_a (the paper sets omega_a = 1).

    H_B = omega_a sum_i (1 + delta_i) sigma_+^i sigma_-^i + J sum_i (sigma_+^i sigma_-^{i+1} + h.c.)  (Eqs. 3, 24)
    H_S = omega_c c^+ c + H_B + g sum_i (sigma_+^i c + h.c.)                                         (Eqs. 1-4)

Charging (the paper's dissipators already have this project's form, no conversion):
* ``coherent`` (Eq. 8): H_S + f (c^+ + c), cavity decay kappa D[c]. Reading taken: Eq. (8)
  as printed, with the drive term static and omega_c c^+ c kept (the paper removes the
  drive's time dependence "with omega_c = omega_d" but keeps H_S unchanged).
* ``thermal`` (Eq. 9): H_S, kappa (n_B + 1) D[c] + kappa n_B D[c^+].

Initial state: cavity vacuum times the ground state of H_B (Eq. 10), so the stored energy
E_B(t) - E_B(0) is the paper's Delta E(t) = E_B(t) - E_G (Eq. 12); past the level crossing
J = omega_a / (2 cos(pi/(N+1))) the ground state holds one excitation and E_G < 0.

Closed form of thermal charging: H_S conserves N_tot = c^+c + sum_i sigma_+^i sigma_-^i,
and the cavity's dissipators satisfy detailed balance for x = n_B/(n_B + 1), so
x^N_tot (normalised on the part of the space the initial state reaches) is a steady state;
on the truncated mode too. For J = 0 the spins couple to the cavity only through their
symmetric (Dicke) states, the others are dark and the steady state is not unique; from the
ground state the chain ends in sum_k x^k |D_k><D_k| (normalised), which has ergotropy for
N >= 2 and none for N = 1. For J != 0 the chain's reflection (spin i <-> spin N+1-i) is still
a strong symmetry: from the (reflection-even) ground state the chain ends in
sum_k x^k P_k (normalised), P_k the projector on the reflection-even states with k
excitations, whatever J is; Delta E(inf) = E_B(inf) - E_G is then constant below the level
crossing and rises as 2 J cos(pi/(N+1)) - omega_a past it. Disorder breaks the reflection:
the steady state becomes unique, x^(number of excitations) on the whole chain, and stores
more energy (tests/models/test_spin_chain_cavity.py).

Disorder (Eq. 24): delta_i uniform in [-W/2, W/2]. One model is one realisation, drawn from
``numpy.random.default_rng(seed)``; with W > 0 the model declares an ensemble of
``realisations`` models (realisation r uses seed ``seed + r``), which ``qbc exact`` and
the exact reference average, with standard errors (the paper uses 100).

The cavity truncation (``cavity_qubits``; 0 = automatic). Building the model runs no
solver: it takes a closed-form starting truncation (:func:`starting_cavity_qubits`) and
marks it automatic, and the exact reference (``qbc exact``, :func:`qbcircuit.reference.time_series`,
:func:`qbcircuit.reference.steady_state_figures`) adds one cavity qubit at a time until the
reported figures of the chain (Delta E, ergotropy, R_B, the stored and battery energies;
for a time series the whole curves) move by less than its tolerance when one more qubit is
added (qbcircuit/reference/truncation.py). The start:

* coherent charging: the bare driven, damped cavity (no spins): its photon distribution is
  Poisson with |alpha|^2 = f^2/(omega_c^2 + kappa^2/4); the smallest k at which its mean
  photon number changes by less than 5 % when a qubit is added. The spins matter: at
  f = 2 the cavity holds up to 8.5 photons, not 3.2, and the reference grows the bare 16
  levels to 32 (one more doubling moves the curves by 8e-12 at N = 1, 3e-9 at N = 3);
* thermal charging: one qubit. The chain's thermal steady state does not depend on the
  truncation at all (above), so the steady state converges at once (2 against 4 levels);
  a time series grows from there, as its transient needs.

The photon number is a figure of the cavity itself, which the truncation does not converge
on (the thermal steady state's is wrong at 2 levels): the result reports how far the last
added qubit moved it (``info["truncation"]["mode_figures"]``). A fixed ``cavity_qubits`` is
used as given, not checked.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import poisson

from qbcircuit import operators as ops
from qbcircuit.metrics import ergotropy
from qbcircuit.models.core import BatteryModel, InitialState, JumpOperator, TruncatedMode
from qbcircuit.models.registry import Parameter, register_model

BARE_CAVITY_TOL = 0.05  # relative change of the bare cavity's <n> per added qubit
MAX_CAVITY_QUBITS = 7
# The open register (N spins and the cavity's 1 to MAX_CAVITY_QUBITS qubits, grown until the
# figures converge) is solved as density matrices, d^2 = 4^(N + k) unknowns: N = 6 starts at
# 7 qubits (a steady state's spectrum takes minutes there) and the growth stops where the
# machine's memory ends (reference/cost.py); N = 8 overflowed a 2^15 register.
MAX_SPINS = 6
REFERENCE = "Zhao, Dou, Zhao, PRA 103, 033715 (2021)"

PARAMETERS = (
    Parameter("N", 3, "", "number of spins in the chain (the open register of N + 1..7 qubits is solved as "
              "density matrices)", int, 1, MAX_SPINS),
    Parameter("omega_a", 1.0, "omega_a", "spin frequency; the energy unit", float, 0.0, None, low_open=True),
    Parameter("omega_c", 1.0, "omega_a", "cavity frequency", float, 0.0, None, low_open=True),
    Parameter("g", 1.0, "omega_a", "spin-cavity coupling", float, 0.0, None),
    Parameter("J", 0.0, "omega_a", "nearest-neighbour hopping", float),
    Parameter("kappa", 1.0, "omega_a", "cavity decay rate", float, 0.0, None),
    Parameter("charging", "thermal", "", "coherent drive (Eq. 8) or thermal bath (Eq. 9)", str,
              choices=("coherent", "thermal")),
    Parameter("f", 2.0, "omega_a", "coherent drive strength (charging=coherent)", float, 0.0, None),
    Parameter("n_B", 2.0, "", "bath occupation at omega_c (charging=thermal)", float, 0.0, None),
    Parameter("W", 0.0, "", "disorder strength: delta_i uniform in [-W/2, W/2]", float, 0.0, None),
    Parameter("realisations", 1, "", "disorder realisations to average (seeds seed, seed+1, ...; the paper: 100)", int, 1, 10000),
    Parameter("seed", 0, "", "seed of the disorder realisation", int, 0, None),
    Parameter("cavity_qubits", 0, "", "cavity truncated to 2^k levels in k qubits; 0 = automatic", int, 0, MAX_CAVITY_QUBITS),
)


def crossing_coupling(N: int, omega_a: float = 1.0) -> float:
    """J at which the lowest one-excitation level of the clean chain reaches zero energy:
    omega_a / (2 cos(pi/(N+1))) (no crossing for N = 1)."""
    if N < 2:
        raise ValueError(f"a level crossing needs N >= 2 spins, got N={N}")
    return omega_a / (2 * np.cos(np.pi / (N + 1)))


def disorder(N: int, W: float, seed: int) -> np.ndarray:
    """On-site disorder delta_i, uniform in [-W/2, W/2], from default_rng(seed)."""
    if W == 0:
        return np.zeros(N)
    return np.random.default_rng(seed).uniform(-W / 2, W / 2, size=N)


def chain_hamiltonian(N: int, omega_a: float, J: float, deltas: np.ndarray) -> ops.SparsePauliOp:
    """H_B on the N spins (Eq. 24)."""
    terms = [omega_a * (1 + deltas[i]) * ops.number(i, N) for i in range(N)]
    terms += [J * ops.exchange(i, i + 1, N) for i in range(N - 1)]
    return ops.SparsePauliOp.sum(terms).simplify()


def _bare_cavity_distribution(charging: str, f: float, n_B: float, omega_c: float, kappa: float, levels: int) -> np.ndarray:
    n = np.arange(levels)
    if charging == "coherent":
        mean = f**2 / (omega_c**2 + kappa**2 / 4)  # |alpha|^2 of the driven, damped mode
        p = poisson.pmf(n, mean)
    else:
        x = n_B / (n_B + 1)
        p = (1 - x) * x**n
    return p / p.sum()


def starting_cavity_qubits(charging: str, f: float, n_B: float, omega_c: float, kappa: float) -> int:
    """The automatic truncation's start (closed form; see the module docstring): thermal
    charging 1 qubit; coherent charging the smallest k at which the bare cavity's mean
    photon number changes by less than BARE_CAVITY_TOL (relative to max(1, its mean)) when
    a qubit is added."""
    if charging == "thermal":
        return 1

    def mean_photons(k: int) -> float:
        p = _bare_cavity_distribution(charging, f, n_B, omega_c, kappa, 2**k)
        return float(p @ np.arange(2**k))

    tol = BARE_CAVITY_TOL * max(1.0, mean_photons(MAX_CAVITY_QUBITS))
    for k in range(2, MAX_CAVITY_QUBITS + 1):
        if abs(mean_photons(k) - mean_photons(k - 1)) < tol:
            return k
    return MAX_CAVITY_QUBITS


def _figures(model: BatteryModel, rho_chain: np.ndarray, rho_cavity: np.ndarray | None) -> dict[str, float]:
    h = model.battery_hamiltonian.to_matrix()
    delta_e = float(np.real(np.trace(h @ rho_chain))) - model.extras["ground_energy"]
    k = model.num_qubits - len(model.battery_qubits)
    photons = float(np.real(np.diag(rho_cavity)) @ np.arange(2**k))
    return {
        "delta_E": delta_e,
        "efficiency": ergotropy(rho_chain, h) / delta_e if delta_e > 1e-12 else float("nan"),  # R_B, Eq. 17
        "photon_number": photons,
    }


@register_model(
    "spin-chain-cavity",
    PARAMETERS,
    summary="N-spin XY chain charged through a damped cavity, coherently or thermally, with disorder (seed 000)",
    reference=REFERENCE,
    energy_unit="omega_a",
    time_unit="1/omega_a",
)
def build_spin_chain_cavity(N, omega_a, omega_c, g, J, kappa, charging, f, n_B, W, realisations, seed,
                            cavity_qubits) -> BatteryModel:
    automatic = cavity_qubits == 0
    k = starting_cavity_qubits(charging, f, n_B, omega_c, kappa) if automatic else cavity_qubits
    n = N + k
    deltas = disorder(N, W, seed)
    h_b = chain_hamiltonian(N, omega_a, J, deltas)
    cavity = list(range(N, n))
    c = ops.embed(ops.boson_annihilation(k), cavity, n)
    c_dag = c.adjoint()
    h = omega_c * ops.embed(ops.boson_number(k), cavity, n) + ops.embed(h_b, range(N), n)
    h = h + g * ops.SparsePauliOp.sum([ops.sigma_plus(i, n) @ c + ops.sigma_minus(i, n) @ c_dag for i in range(N)])
    if charging == "coherent":
        h = h + f * (c + c_dag)
        jumps = (JumpOperator(c.simplify(), kappa, "cavity decay c"),)
    else:
        jumps = (
            JumpOperator(c.simplify(), kappa * (n_B + 1), "cavity emission into the bath c"),
            JumpOperator(c_dag.simplify(), kappa * n_B, "cavity absorption from the bath c^+"),
        )

    energies, vectors = np.linalg.eigh(h_b.to_matrix())
    ground = vectors[:, 0]
    vacuum = np.zeros(2**k)
    vacuum[0] = 1.0
    notes = [f"spins 0..{N - 1}, cavity qubits {N}..{n - 1} ({2**k} Fock levels)"]
    if automatic:
        start = "the chain's thermal steady state does not depend on it" if charging == "thermal" else \
            "the bare driven cavity's photon distribution"
        notes.append(f"automatic truncation: starts at {2**k} levels ({start}); the exact reference adds cavity "
                     "qubits until the chain's figures converge")
    if charging == "thermal":
        notes.append("thermal charging: the chain's steady state does not depend on the cavity truncation "
                     "(its photon_number does)")
    if energies.size > 1 and energies[1] - energies[0] < 1e-9 * max(1.0, abs(energies[0])):
        notes.append("the ground state of H_B is degenerate at these parameters: one of its ground states is used")
    if W == 0 and N >= 2:
        symmetry = "permutations of the spins" if J == 0 else "the chain's reflection"
        notes.append(f"clean chain: {symmetry} commute with the Hamiltonian and the cavity's jumps, the steady "
                     "state is not unique (steady_state_unique: false); it is the one reached from the ground state")
    if W > 0:
        notes.append(f"disorder: {realisations} realisation(s), seeds {seed}..{seed + realisations - 1}, averaged by the "
                     "exact reference (qbc exact); this model is the first")
    elif realisations > 1:
        notes.append("W = 0: every realisation is the same clean chain, so realisations is ignored")
    model = BatteryModel(
        name="spin-chain-cavity",
        num_qubits=n,
        qubit_labels=tuple(f"spin {i + 1}" for i in range(N)) + tuple(f"cavity bit {j}" for j in range(k)),
        battery_qubits=tuple(range(N)),
        battery_hamiltonian=h_b,
        hamiltonian=h.simplify(),
        jump_operators=jumps,
        initial_state=InitialState.from_vectors([(1.0, np.kron(vacuum, ground))], label="cavity vacuum x ground state of H_B"),
        energy_unit="omega_a",
        time_unit="1/omega_a",
        description="; ".join(notes),
        reference=REFERENCE,
        figures=_figures,
        figure_qubits=tuple(cavity),
        truncated_mode=TruncatedMode(tuple(cavity), "cavity_qubits", automatic=automatic,
                                     max_qubits=MAX_CAVITY_QUBITS, mode_figures=("photon_number",)),
        realisations=realisations if W > 0 else 1,
        seed_parameter="seed",
        extras={"ground_energy": float(energies[0]), "disorder": deltas},
    )
    return model
