"""Seed 002: a driven charger qubit and a battery qubit, each in its own reservoir.

Wang, Yu, Wang, "Driven-dissipative quantum battery with nonequilibrium reservoirs" (2023).

Qubits (Qiskit order): qubit 0 is the battery (the paper's system 2), qubit 1 the charger
(the paper's system 1). A bit string reads "charger battery", so the paper's
|eg> (charger excited, battery empty) is "10" and its basis (|ee>, |eg>, |ge>, |gg>) is
the bit strings 11, 10, 01, 00. |1> = |e>, the paper's sigma_z = -Z.

In the frame of the drive (Eq. 1), energies in units of lambda:

    H_s = Delta_1/2 sigma_z^(1) + Delta_2/2 sigma_z^(2) + lam (sigma_+^(1) sigma_-^(2) + h.c.)
          + F/2 sigma_x^(1),

with Delta = Delta_1 - Delta_2 and zero mean detuning (Delta_1 = Delta/2 = -Delta_2), as in
every figure of the paper. Each qubit couples through sigma_x^(i) to its own reservoir with
the Ohmic spectrum J_i(w) = alpha w exp(-w/omega_cut) (Eq. 37), boson occupation
N_i(w) = 1/(exp(w/T_i) - 1) (emission weight N_i + 1) or fermion occupation
N_i(w) = 1/(exp((w - mu_i)/T_i) + 1) (emission weight 1 - N_i).

Three master equations (``equation``):

* ``local``: the phenomenological Eq. (4), sigma_-^(i) and sigma_+^(i) at the rates of the
  bare transition frequencies omega_i. The paper writes its dissipators as
  2 A rho A^+ - {A^+ A, rho} with rate J N: in this project's convention
  (A rho A^+ - {A^+ A, rho}/2) that is rate 2 J N. Eq. (4) needs omega_1 and omega_2 in
  the laboratory frame, which the paper never gives: the battery's frequency is the
  parameter ``omega`` and omega_1 = omega + Delta. (The paper's P_ss ~ 0.94 for Eq. (4)
  can therefore not be reproduced from the text; tests assert what a stated omega gives.)
* ``secular``: the dressed-state (secular) Lindblad equation, Eqs. (15)-(17) at resonance.
  For each reservoir and each Bohr frequency w > 0 of H_s, the jump A(w) = sum over
  dressed levels with E_b - E_a = w of <a|sigma_x|b> |a><b| at rate 2 J(w) (N(w) + 1)
  (fermions 2 J(w) (1 - N(w))) and A(w)^+ at rate 2 J(w) N(w) (factor 2 as above).
  Degenerate transitions are grouped: at resonance E_1 - E_3 = E_2 - E_4 = M, so the
  charger's reservoir gives the jump tau_31 - tau_42 and the battery's tau_31 + tau_42,
  whose cross terms are exactly the "non-secular" last line of Eq. (16). Why Lindblad
  jumps rather than the Redfield tensor with a secular cutoff: the two agree (tested),
  but jumps are what the circuit compilers read, are manifestly completely positive, and
  do not depend on a solver option.
* ``redfield``: the Bloch-Redfield equation without secular approximation (Eqs. 18-24),
  as ``RedfieldCoupling(sigma_x^(i), S_i)`` with S_i(w) = 2 J_i(w) (N_i(w) + 1) for w > 0
  and 2 J_i(|w|) N_i(|w|) for w < 0. The solver must be called with ``sec_cutoff=-1``
  (``SEC_CUTOFF`` below; the model carries it as ``model.sec_cutoff``). Reading taken: the
  reference keeps every term of the Born-Markov equation, where the paper's Eq. (19) also
  drops the counter-rotating pairs (tau_ij b_k with i > j); with alpha = 0.1 lam these
  differ at order alpha (tests/models/test_driven_dissipative.py builds Eqs. 20-24 and
  measures the difference).

Readings common to ``secular`` and ``redfield``: the spectra are evaluated at the dressed
Bohr frequencies of H_s in the drive's frame (the paper's J(M) N(M) in Eq. 17, with
M = sqrt(F^2 + lam^2) ~ lam, not omega_d + M), and a reservoir takes no part at zero
frequency (S(0) = 0): the paper's rotating-wave forms (Eqs. 13 and 19) have no diagonal
part of sigma_x in the dressed basis. Without it the resonant case keeps the symmetry
sigma_x^(1) sigma_x^(2) (it commutes with H_s and with both couplings), so the steady
state depends on the initial state (bistability; the Liouvillian kernel is degenerate).

Figures: the battery energy E_B = omega <n_2> (its laboratory Hamiltonian; the frame
change to the drive's frame commutes with it, so E_B and the ergotropy are the same in
both frames), the ergotropy, the efficiency P = ergotropy / E_B (Eqs. 33-35; it does not
depend on omega), the charger-battery concurrence, and <sigma_x^(1) sigma_x^(2)>.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as la
from qiskit.quantum_info import SparsePauliOp
from scipy.special import expit

from qbcircuit import operators as ops
from qbcircuit.metrics import concurrence, ergotropy
from qbcircuit.models.core import SECULAR_CUTOFF, BatteryModel, InitialState, JumpOperator, RedfieldCoupling
from qbcircuit.models.registry import Parameter, register_model

BATTERY, CHARGER = 0, 1
NUM_QUBITS = 2
SEC_CUTOFF = -1.0  # the Redfield equation is solved without any secular cut
DEGENERATE = 1e-9  # Bohr frequencies closer than this (times lam) are one transition

PARAMETERS = (
    Parameter("F", 0.5, "lam", "drive strength on the charger", float, 0.0, None),
    Parameter("lam", 1.0, "lam", "charger-battery exchange lambda; the energy unit", float, 0.0, None, low_open=True),
    Parameter("Delta", 0.0, "lam", "detuning omega_1 - omega_2 (mean detuning zero)", float),
    Parameter("T1", 1.0, "lam", "temperature of the charger's reservoir", float, 0.0, None, low_open=True),
    Parameter("T2", 1.0, "lam", "temperature of the battery's reservoir", float, 0.0, None, low_open=True),
    Parameter("mu1", 0.0, "lam", "chemical potential of the charger's reservoir (fermions)", float),
    Parameter("mu2", 0.0, "lam", "chemical potential of the battery's reservoir (fermions)", float),
    Parameter("alpha", 0.1, "lam", "Ohmic coupling alpha_1 = alpha_2, J(w) = alpha w exp(-w/omega_cut)", float, 0.0, None),
    Parameter("omega_cut", 5.0, "lam", "Ohmic cut-off frequency omega_c", float, 0.0, None, low_open=True),
    Parameter("reservoir", "boson", "", "reservoir statistics", str, choices=("boson", "fermion")),
    Parameter("equation", "secular", "", "master equation: local Eq. 4, secular Eqs. 15-17, redfield Eqs. 18-24",
              str, choices=("local", "secular", "redfield")),
    Parameter("theta", 0.0, "rad", "initial state cos(theta)|eg> + sin(theta) e^{i phi}|ge>", float),
    Parameter("phi", 0.0, "rad", "initial-state phase (see theta)", float),
    Parameter("omega", 10.0, "lam", "battery's laboratory frequency omega_2: H_B = omega |e><e|; "
              "Eq. 4 rates at omega_2 and omega_1 = omega + Delta", float, 0.0, None, low_open=True),
)


def ohmic(w: float, alpha: float, omega_cut: float) -> float:
    """J(w) = alpha w exp(-w/omega_cut) for w >= 0 (Eq. 37)."""
    return alpha * w * np.exp(-w / omega_cut)


def occupation(w: float, reservoir: str, T: float, mu: float = 0.0) -> float:
    """N(w): Bose-Einstein 1/(exp(w/T) - 1), or Fermi-Dirac 1/(exp((w - mu)/T) + 1)."""
    if reservoir == "boson":
        x = w / T
        if x > 700:  # exp(x) overflows a double: N = exp(-x) / (1 - exp(-x)), 0 to double precision
            return float(np.exp(-x) / -np.expm1(-x))
        return float(1.0 / np.expm1(x))
    return float(expit(-(w - mu) / T))


def emission_weight(w: float, reservoir: str, T: float, mu: float = 0.0) -> float:
    """The paper's script-N: N + 1 for bosons, 1 - N for fermions."""
    if reservoir == "boson":
        return occupation(w, reservoir, T) + 1.0
    return float(expit((w - mu) / T))


class ReservoirSpectrum:
    """S(w) of one reservoir: 2 J(w) script-N(w) at w > 0 (emission), 2 J(|w|) N(|w|) at
    w < 0 (absorption), 0 at w = 0 (see the module docstring). The 2 converts the paper's
    rates to this project's dissipator convention."""

    def __init__(self, reservoir: str, T: float, mu: float, alpha: float, omega_cut: float):
        self.reservoir, self.T, self.mu, self.alpha, self.omega_cut = reservoir, T, mu, alpha, omega_cut

    def emission(self, w: float) -> float:
        return 2 * ohmic(w, self.alpha, self.omega_cut) * emission_weight(w, self.reservoir, self.T, self.mu)

    def absorption(self, w: float) -> float:
        return 2 * ohmic(w, self.alpha, self.omega_cut) * occupation(w, self.reservoir, self.T, self.mu)

    def __call__(self, w: float) -> float:
        if w > 0:
            return self.emission(w)
        if w < 0:
            return self.absorption(-w)
        return 0.0


def system_hamiltonian(F: float, lam: float, Delta: float) -> SparsePauliOp:
    """H_s of Eq. (1) in the drive's frame, Delta_1 = Delta/2 = -Delta_2."""
    n = NUM_QUBITS
    return (
        (Delta / 4) * ops.sigma_z(CHARGER, n)
        - (Delta / 4) * ops.sigma_z(BATTERY, n)
        + lam * ops.exchange(CHARGER, BATTERY, n)
        + (F / 2) * ops.pauli("X", CHARGER, n)
    ).simplify()


def dressed_jumps(hamiltonian: SparsePauliOp, coupling: SparsePauliOp, spectrum: ReservoirSpectrum, label: str,
                  scale: float) -> list[JumpOperator]:
    """Secular Lindblad channels of one reservoir between the eigenstates of ``hamiltonian``:
    A(w) at S(w) and A(w)^+ at S(-w) for every Bohr frequency w > 0 (degenerate ones grouped)."""
    energies, basis = la.eigh(hamiltonian.to_matrix())
    a = basis.conj().T @ coupling.to_matrix() @ basis
    gaps = energies[None, :] - energies[:, None]  # gaps[i, j] = E_j - E_i: |i><j| lowers by it
    frequencies: list[float] = []
    for w in np.sort(gaps[gaps > DEGENERATE * scale]):
        if not frequencies or w - frequencies[-1] > DEGENERATE * scale:
            frequencies.append(float(w))
    jumps = []
    for w in frequencies:
        mask = np.abs(gaps - w) <= DEGENERATE * scale
        lowering = basis @ np.where(mask, a, 0.0) @ basis.conj().T
        if np.max(np.abs(lowering)) < 1e-12:
            continue
        op = SparsePauliOp.from_operator(lowering).simplify(atol=1e-14)
        jumps.append(JumpOperator(op, spectrum.emission(w), f"{label} emission at w={w:.6g}"))
        jumps.append(JumpOperator(op.adjoint(), spectrum.absorption(w), f"{label} absorption at w={w:.6g}"))
    return jumps


def initial_state(theta: float, phi: float) -> InitialState:
    """cos(theta)|eg> + sin(theta) e^{i phi}|ge>: |eg> is "10", |ge> is "01"."""
    vec = np.zeros(4, dtype=complex)
    vec[0b10] = np.cos(theta)
    vec[0b01] = np.sin(theta) * np.exp(1j * phi)
    return InitialState.from_vectors([(1.0, vec)], label=f"cos({theta:g})|eg> + sin({theta:g}) e^(i {phi:g})|ge>")


_SXSX = (ops.pauli("X", CHARGER, NUM_QUBITS) @ ops.pauli("X", BATTERY, NUM_QUBITS)).to_matrix()


def _figures(model: BatteryModel, rho_battery: np.ndarray, rho_pair: np.ndarray | None) -> dict[str, float]:
    h = model.battery_hamiltonian.to_matrix()
    e_b = float(np.real(np.trace(h @ rho_battery)))
    erg = ergotropy(rho_battery, h)
    return {
        "efficiency": erg / e_b if e_b > 1e-14 else float("nan"),
        "concurrence": concurrence(rho_pair),
        "sx1_sx2": float(np.real(np.trace(_SXSX @ rho_pair))),
    }


@register_model(
    "driven-dissipative",
    PARAMETERS,
    summary="driven charger qubit and battery qubit in boson or fermion reservoirs; local, secular or Redfield (seed 002)",
    reference="Wang, Yu, Wang, Driven-dissipative quantum battery with nonequilibrium reservoirs (2023)",
    energy_unit="lam",
    time_unit="1/lam",
)
def build_driven_dissipative(F, lam, Delta, T1, T2, mu1, mu2, alpha, omega_cut, reservoir, equation, theta, phi,
                             omega) -> BatteryModel:
    n = NUM_QUBITS
    h = system_hamiltonian(F, lam, Delta)
    spectra = {
        CHARGER: ReservoirSpectrum(reservoir, T1, mu1, alpha, omega_cut),
        BATTERY: ReservoirSpectrum(reservoir, T2, mu2, alpha, omega_cut),
    }
    names = {CHARGER: "charger", BATTERY: "battery"}
    jumps: list[JumpOperator] = []
    couplings: tuple[RedfieldCoupling, ...] = ()
    notes = []
    if equation == "local":
        bare = {BATTERY: omega, CHARGER: omega + Delta}
        if bare[CHARGER] <= 0:
            raise ValueError(f"parameter 'omega' must exceed -Delta = {-Delta:g} so that omega_1 = omega + Delta > 0, got {omega}")
        for q in (CHARGER, BATTERY):
            w = bare[q]
            jumps.append(JumpOperator(ops.sigma_minus(q, n), spectra[q].emission(w), f"{names[q]} emission (Eq. 4)"))
            jumps.append(JumpOperator(ops.sigma_plus(q, n), spectra[q].absorption(w), f"{names[q]} absorption (Eq. 4)"))
    elif equation == "secular":
        for q in (CHARGER, BATTERY):
            jumps += dressed_jumps(h, ops.pauli("X", q, n), spectra[q], names[q], lam)
    else:
        couplings = tuple(RedfieldCoupling(ops.pauli("X", q, n), spectra[q], f"{names[q]} reservoir") for q in (CHARGER, BATTERY))
        notes.append("solve with sec_cutoff=-1 (full Redfield): the model carries it as model.sec_cutoff")
    if equation != "local" and abs(Delta) < DEGENERATE * lam:
        notes.append("resonant: sigma_x^(1) sigma_x^(2) is conserved, the steady state is not unique "
                     "(steady_state_unique: false) and depends on the initial state (theta, phi)")
    model = BatteryModel(
        name="driven-dissipative",
        num_qubits=n,
        qubit_labels=("battery (paper's system 2)", "charger (paper's system 1, driven)"),
        battery_qubits=(BATTERY,),
        battery_hamiltonian=omega * ops.number(0, 1),
        hamiltonian=h,
        jump_operators=tuple(jumps),
        redfield_couplings=couplings,
        initial_state=initial_state(theta, phi),
        energy_unit="lam",
        time_unit="1/lam",
        description="; ".join(["driven charger (qubit 1) and battery (qubit 0), each in its own reservoir", *notes]),
        reference="Wang, Yu, Wang, Driven-dissipative quantum battery with nonequilibrium reservoirs (2023)",
        figures=_figures,
        figure_qubits=(BATTERY, CHARGER),
        # the model's Bloch-Redfield cutoff: every solver reads model.sec_cutoff
        sec_cutoff=SEC_CUTOFF if equation == "redfield" else SECULAR_CUTOFF,
    )
    return model


def resonant_efficiency(F: float, lam: float, sx1_sx2_initial: float, r: float) -> float:
    """Eq. (17): P_ss = (F/M) |<sigma_x^1 sigma_x^2>_0| (1 - r)/(1 + r), M = sqrt(F^2 + lam^2)."""
    return F / np.hypot(F, lam) * abs(sx1_sx2_initial) * (1 - r) / (1 + r)


def resonant_rate_ratio(F, lam, T1, T2, mu1, mu2, alpha, omega_cut, reservoir, **_) -> float:
    """r = (gamma_1 + gamma_2)/(Gamma_1 + Gamma_2) of Eq. (17), all evaluated at M."""
    m = float(np.hypot(F, lam))
    up = sum(occupation(m, reservoir, T, mu) for T, mu in ((T1, mu1), (T2, mu2)))
    down = sum(emission_weight(m, reservoir, T, mu) for T, mu in ((T1, mu1), (T2, mu2)))
    return up / down  # J_1(M) = J_2(M) (alpha_1 = alpha_2) cancels
