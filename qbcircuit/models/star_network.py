"""Seed 003: steady-state charging of a battery qubit through dissipative ancillas.

Kamin, Salimi, Arjmandi, "Steady-state charging of quantum batteries via dissipative
ancillas", PRA 109, 022226 (2024).

Qubits (Qiskit order): qubit 0 is the battery (the paper's qubit 1, the centre of the
star); qubits 1..N-1 are the ancillas (the paper's qubits 2..N).

    H_S = sum_i omega0 sigma_z^i + J sum_{i>=2} (sigma_+^1 sigma_-^i + h.c.)    (Eq. 1)

with the paper's sigma_z = -Z (|1> excited). Energies are in units of gamma.

Reservoirs (fermionic, particle exchange):
* ``collective`` (equilibrium, Eqs. 6-8): one bath; the double sums over i, j in Eqs. 7-8
  are the collective jumps S^- = sum_i sigma_-^i at rate gamma (1 - n) and
  S^+ = sum_i sigma_+^i at rate gamma n. The paper's dissipators already have the
  project's form L rho L^+ - {L^+ L, rho}/2 with the rate outside: no conversion.
* ``local`` (nonequilibrium, Eqs. 11-12): each qubit its own bath, sigma_-^i at
  gamma (1 - n_i) and sigma_+^i at gamma n_i, with mu_1 = mu on the battery and
  mu_i = mu + delta_mu on the ancillas, all at temperature T.

n(omega) = 1 / (exp((omega - mu)/T) + 1).

Reading taken: the Fermi function is evaluated at the parameter ``omega``, which the
paper sets separately from the qubit frequency (its figures use omega = J = gamma and
omega0 = 10 gamma), not at the qubit splitting 2 omega0. This is the reading that
reproduces Fig. 2: W is zero for mu <= omega = gamma and rises above it ("with a value of
zero when mu <= omega"); evaluated at 2 omega0 = 20 gamma, every curve of Fig. 2 would
stay zero over the plotted range of mu.

Figure of merit: W = ergotropy / maximal ergotropy of the battery qubit, with
H_QB = omega0 sigma_z (maximal ergotropy 2 omega0), in the steady state.

The steady state of the collective case is not unique for any N >= 2: permutations of the
ancillas (and for N = 2 the swap of battery and ancilla) commute with H_S and with S^+-,
strong symmetries, so each symmetry sector keeps its own steady state (kernel dimension
2, 2, 9, 14 for N = 2, 3, 4, 5). The reference projects the chosen initial state onto the
steady states (all qubits in |0>, "no prior excitation", by default), and the model's
description says the steady state is not unique (steady_state_unique: false).

What that does to the battery depends on the parity of N (checked by the exact solver for
N = 2..5, tests/models/test_star_network.py). Coupling the battery (spin 1/2) to the
ancillas' collective spin S_a, the sectors where S_a = 1/2 contain a total singlet that is
dark to both H_S and S^+-; S_a = 1/2 occurs only for an odd number N - 1 of ancillas.
* odd N: no such singlet; the battery's reduced steady state is the same from every
  initial state (excited population n), so W does not depend on the initial state.
* even N: the battery's steady state depends on the initial state. From |0...0> (no
  singlet weight) the state stays in the ancilla-symmetric sector; for N >= 4 that sector
  has S_a = (N-1)/2 > 1/2 and the battery still ends with population n(omega), but an initial
  excitation on the battery (weight in S_a = 1/2 sectors) ends elsewhere. N = 2 is the
  exception from |00> too: the singlet is dark, the state stays in the triplet, and the
  battery holds (x/2 + x^2)/(1 + x + x^2), x = n/(1 - n), not n.
So the paper's equilibrium closed form W = max(0, tanh((mu - omega)/(2T))) holds from the
ground state for every N except N = 2 with collective baths, and for every N with local
baths at delta_mu = 0 (their steady state is unique).
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from qbcircuit import operators as ops
from qbcircuit.metrics import ergotropy, max_ergotropy
from qbcircuit.models.core import BatteryModel, InitialState, JumpOperator
from qbcircuit.models.registry import Parameter, register_model

PARAMETERS = (
    Parameter("N", 3, "", "number of qubits: the battery and N-1 ancillas", int, 1, 10),
    Parameter("omega0", 10.0, "gamma", "qubit frequency (H_S = omega0 sum sigma_z)", float, 0.0, None, low_open=True),
    Parameter("J", 1.0, "gamma", "battery-ancilla coupling", float, 0.0, None),
    Parameter("omega", 1.0, "gamma", "frequency at which the Fermi function is evaluated", float),
    Parameter("gamma", 1.0, "gamma", "reservoir coupling (spectral density); the energy unit", float, 0.0, None, low_open=True),
    Parameter("T", 1.0, "gamma", "reservoir temperature", float, 0.0, None, low_open=True),
    Parameter("mu", 1.0, "gamma", "chemical potential of the battery's reservoir (of the one reservoir if collective)", float),
    Parameter("delta_mu", 2.0, "gamma", "chemical potential difference of the ancillas' reservoirs (local baths only)", float),
    Parameter("bath", "local", "", "collective (equilibrium) or local (nonequilibrium) reservoirs", str, choices=("collective", "local")),
)


def fermi(omega: float, mu: float, T: float) -> float:
    """Fermi-Dirac occupation 1/(exp((omega - mu)/T) + 1), stable for large |omega - mu|/T."""
    if T <= 0:
        raise ValueError(f"temperature T must be > 0, got {T}")
    return float(expit(-(omega - mu) / T))


def _ergotropy_ratio(model: BatteryModel, rho_battery: np.ndarray, _rho_figure=None) -> dict[str, float]:
    h = model.battery_hamiltonian.to_matrix()
    return {"ergotropy_ratio": ergotropy(rho_battery, h) / max_ergotropy(h)}


def _description(N: int, bath: str) -> str:
    text = "battery qubit 0 at the centre of a star of N qubits with fermion reservoirs"
    if bath == "collective" and N >= 2:
        text += ("; collective bath: the steady state is not unique (steady_state_unique: false), "
                 "it is the one reached from the initial state")
        if N % 2 == 0:
            text += "; for even N the battery's own steady state depends on the initial state"
    return text


@register_model(
    "star-network",
    PARAMETERS,
    summary="battery qubit at the centre of an N-qubit star, charged by fermion reservoirs (seed 003)",
    reference="Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)",
    energy_unit="gamma",
    time_unit="1/gamma",
)
def build_star_network(N, omega0, J, omega, gamma, T, mu, delta_mu, bath) -> BatteryModel:
    h = ops.SparsePauliOp.sum(
        [omega0 * ops.sigma_z(i, N) for i in range(N)] + [J * ops.exchange(0, i, N) for i in range(1, N)]
    ).simplify()
    if bath == "collective":
        n = fermi(omega, mu, T)
        jumps = (
            JumpOperator(ops.total("sigma_minus", range(N), N), gamma * (1 - n), "collective emission S^-"),
            JumpOperator(ops.total("sigma_plus", range(N), N), gamma * n, "collective absorption S^+"),
        )
    else:
        jumps = []
        for i in range(N):
            n_i = fermi(omega, mu if i == 0 else mu + delta_mu, T)
            jumps.append(JumpOperator(ops.sigma_minus(i, N), gamma * (1 - n_i), f"emission qubit {i}"))
            jumps.append(JumpOperator(ops.sigma_plus(i, N), gamma * n_i, f"absorption qubit {i}"))
        jumps = tuple(jumps)
    return BatteryModel(
        name="star-network",
        num_qubits=N,
        qubit_labels=("battery",) + tuple(f"ancilla (paper's qubit {i + 1})" for i in range(1, N)),
        battery_qubits=(0,),
        battery_hamiltonian=omega0 * ops.sigma_z(0, 1),
        hamiltonian=h,
        jump_operators=jumps,
        initial_state=InitialState.from_bitstring("0" * N, label="all qubits in the ground state"),
        energy_unit="gamma",
        time_unit="1/gamma",
        description=_description(N, bath),
        reference="Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)",
        figures=_ergotropy_ratio,
    )
