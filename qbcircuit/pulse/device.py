"""Transmons as Duffing oscillators, built from a calibration snapshot.

Transmon i (Qiskit order: transmon 0 is the least significant digit of a basis index,
levels 0, 1, 2, ... with |1> the excited, charged state) has, in the laboratory frame,

    H_i = omega_i n_i + (alpha_i / 2) n_i (n_i - 1),     omega = 2 pi f, alpha = 2 pi f_anh,

with ``levels`` levels kept (3 by default: the second excited state is where a fast
pulse leaks to). The simulator works in the frame rotating with each transmon at its
calibrated frequency f_i, so the drift is the anharmonicity alone.

Ports and what they drive (rotating-wave approximation throughout; counter-rotating
terms at 2 f are dropped, their effect is of order (Rabi rate / f)^2 ~ 1e-5 here):

* ``d{i}``, the drive line of transmon i. A frame with carrier phase psi(t) playing the
  envelope d(t) adds  (Omega_i / 2) [d(t) e^{-i (psi(t) - 2 pi f_i t)} b_i^+ + h.c.],
  Omega_i = 2 pi ``drive_strength_ghz``: a resonant, real envelope rotates the qubit
  about X at the Rabi rate Omega_i |d| (so a pi pulse has area 1 / (2 drive_strength)).
* ``c{i}{j}``, the flux line of a tunable coupler between transmons i < j.
  Device assumption: the coupler is parked at zero coupling when idle (as tunable
  couplers are operated to remove always-on ZZ; a residual fraction can be kept with
  ``residual_coupling``) and its coupling J(t) is modulated at a frequency that bridges
  the two transmons (a parametric interaction, as in Reagor et al., Sci. Adv. 4,
  eaao3603 (2018); Sete et al., PRApplied 15, 064063 (2021)). A frame near f_i - f_j
  then switches on the exchange
      2 pi J_ij [c(t) e^{-i (psi(t) - 2 pi (f_i - f_j) t)} b_i^+ b_j + h.c.],
  and a frame near f_i + f_j the pair term b_i^+ b_j^+ + h.c. (the counter-rotating part
  of an anisotropic XY coupling). J_ij is the snapshot's ``coupling_ghz``: the exchange
  rate at unit coupler amplitude. On qubit levels, b_i^+ b_j + h.c. = (X_i X_j + Y_i Y_j)/2.
* Relaxation and dephasing (Lindblad, rates outside): b_i at 1/T1 and n_i at
  2 gamma_phi with gamma_phi = 1/T2 - 1/(2 T1), so the qubit coherence decays at 1/T2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from qbcircuit.calibration import Calibration, load_calibration

TWO_PI = 2 * np.pi


def _embed(op: np.ndarray, site: int, levels: int, sites: int) -> np.ndarray:
    """``op`` on transmon ``site`` of ``sites`` (transmon 0 least significant)."""
    out = np.eye(1)
    for k in reversed(range(sites)):
        out = np.kron(out, op if k == site else np.eye(levels))
    return out


@dataclass(frozen=True)
class Control:
    """One controllable term: ``amplitude * operator + h.c.`` for each sample, with the
    rotating-frame reference frequency that a frame on ``port`` is compared with."""

    port: str
    operator: np.ndarray  # the term multiplied by the complex sample; its adjoint is added
    rate: float  # rad/ns at unit amplitude
    reference_ghz: float
    kind: str  # "drive", "exchange" or "pair"


@dataclass
class TransmonDevice:
    calibration: Calibration
    qubits: tuple[int, ...] = ()  # which of the snapshot's transmons (all when empty)
    levels: int = 3
    residual_coupling: float = 0.0
    _ops: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        n = self.calibration.num_qubits
        self.qubits = tuple(self.qubits) or tuple(range(n))
        if any(not 0 <= q < n for q in self.qubits) or len(set(self.qubits)) != len(self.qubits):
            raise ValueError(f"qubits must be distinct transmons of {self.calibration.name!r}, in [0, {n - 1}], got {self.qubits}")
        if not 2 <= self.levels <= 6:
            raise ValueError(f"levels must be in [2, 6] per transmon, got {self.levels}")
        if not 0 <= self.residual_coupling <= 1:
            raise ValueError(f"residual_coupling must be in [0, 1], got {self.residual_coupling}")
        if self.levels ** len(self.qubits) > 729:
            raise ValueError(
                f"{len(self.qubits)} transmons of {self.levels} levels is a {self.levels ** len(self.qubits)}-dimensional "
                "space; simulate at most 729 dimensions (choose fewer qubits or levels)"
            )

    @classmethod
    def from_snapshot(cls, name_or_path: str, qubits=(), levels: int = 3, residual_coupling: float = 0.0) -> "TransmonDevice":
        return cls(load_calibration(name_or_path), tuple(qubits), levels, residual_coupling)

    # -- sizes and labels --------------------------------------------------------------
    @property
    def num_transmons(self) -> int:
        return len(self.qubits)

    @property
    def dimension(self) -> int:
        return self.levels**self.num_transmons

    @property
    def dt_ns(self) -> float:
        return self.calibration.dt_ns

    def qubit(self, site: int):
        """The snapshot's calibration of transmon ``site`` (a position in ``qubits``)."""
        return self.calibration.qubits[self.qubits[site]]

    def frequency_ghz(self, site: int) -> float:
        return self.qubit(site).frequency_ghz

    def site_of(self, device_qubit: int) -> int:
        if device_qubit not in self.qubits:
            raise ValueError(f"transmon {device_qubit} is not simulated; simulated: {list(self.qubits)}")
        return self.qubits.index(device_qubit)

    # -- operators ---------------------------------------------------------------------
    def annihilation(self, site: int) -> np.ndarray:
        key = ("b", site)
        if key not in self._ops:
            b = np.diag(np.sqrt(np.arange(1, self.levels)), k=1).astype(complex)
            self._ops[key] = _embed(b, site, self.levels, self.num_transmons)
        return self._ops[key]

    def number(self, site: int) -> np.ndarray:
        return _embed(np.diag(np.arange(self.levels)).astype(complex), site, self.levels, self.num_transmons)

    @cached_property
    def drift(self) -> np.ndarray:
        """The rotating-frame drift, rad/ns: anharmonicities (and residual couplings are
        time dependent, see :meth:`residual_terms`)."""
        h = np.zeros((self.dimension, self.dimension), dtype=complex)
        for s in range(self.num_transmons):
            n = np.diag(self.number(s)).real
            h += np.diag(TWO_PI * self.qubit(s).anharmonicity_ghz / 2 * n * (n - 1))
        return h

    def couplings(self) -> list[tuple[int, int, float]]:
        """(site i, site j, J in GHz) for the snapshot's couplings between simulated transmons, i < j."""
        out = []
        for c in self.calibration.couplings:
            a, b = c.qubits
            if a in self.qubits and b in self.qubits:
                i, j = sorted((self.site_of(a), self.site_of(b)))
                out.append((i, j, c.coupling_ghz))
        return out

    def coupling_ghz(self, i: int, j: int) -> float:
        for a, b, g in self.couplings():
            if {a, b} == {i, j}:
                return g
        raise ValueError(
            f"transmons {self.qubits[i]} and {self.qubits[j]} have no coupler in {self.calibration.name!r}"
        )

    @cached_property
    def controls(self) -> dict[str, list[Control]]:
        """Port name -> the terms a frame on it can drive (picked by the frame's frequency)."""
        out: dict[str, list[Control]] = {}
        for s in range(self.num_transmons):
            q = self.qubit(s)
            b = self.annihilation(s)
            out[f"d{self.qubits[s]}"] = [
                Control(f"d{self.qubits[s]}", b.conj().T, TWO_PI * q.drive_strength_ghz / 2, q.frequency_ghz, "drive")
            ]
        for i, j, g in self.couplings():
            bi, bj = self.annihilation(i), self.annihilation(j)
            fi, fj = self.frequency_ghz(i), self.frequency_ghz(j)
            port = f"c{self.qubits[i]}{self.qubits[j]}"
            out[port] = [
                Control(port, bi.conj().T @ bj, TWO_PI * g, fi - fj, "exchange"),
                Control(port, bi.conj().T @ bj.conj().T, TWO_PI * g, fi + fj, "pair"),
            ]
        return out

    def control_for(self, port: str, frequency_ghz: float) -> Control:
        """The term a frame at ``frequency_ghz`` on ``port`` drives: the one it is nearest
        to resonance with (the rotating-wave approximation drops the others)."""
        if port not in self.controls:
            raise ValueError(f"device {self.calibration.name!r} has no port {port!r}; ports: {', '.join(self.controls)}")
        return min(self.controls[port], key=lambda c: abs(frequency_ghz - c.reference_ghz))

    def residual_terms(self) -> list[tuple[np.ndarray, float, float]]:
        """(b_i^+ b_j, rate rad/ns, rotation f_i - f_j GHz) of always-on couplings:
        rate (b_i^+ b_j e^{2 pi i (f_i - f_j) t} + h.c.) in the rotating frame."""
        if self.residual_coupling == 0:
            return []
        return [
            (
                self.annihilation(i).conj().T @ self.annihilation(j),
                TWO_PI * g * self.residual_coupling,
                self.frequency_ghz(i) - self.frequency_ghz(j),
            )
            for i, j, g in self.couplings()
        ]

    def collapse_operators(self) -> list[np.ndarray]:
        """sqrt(rate) L for T1 and pure dephasing, rates in 1/ns."""
        out = []
        for s in range(self.num_transmons):
            q = self.qubit(s)
            gamma1 = 1 / (q.t1_us * 1e3)
            gamma_phi = max(1 / (q.t2_us * 1e3) - gamma1 / 2, 0.0)
            out.append(np.sqrt(gamma1) * self.annihilation(s))
            if gamma_phi > 0:
                out.append(np.sqrt(2 * gamma_phi) * self.number(s))
        return out

    # -- the qubit subspace ------------------------------------------------------------
    @cached_property
    def qubit_indices(self) -> np.ndarray:
        """Basis indices of the states with every transmon in level 0 or 1, in the order of
        the qubit register's basis (Qiskit order)."""
        n = self.num_transmons
        return np.array([sum(((k >> s) & 1) * self.levels**s for s in range(n)) for k in range(2**n)])

    def basis_state(self, bits: str) -> np.ndarray:
        """The device state of a qubit bit string (Qiskit order, transmon 0 last)."""
        if len(bits) != self.num_transmons or set(bits) - {"0", "1"}:
            raise ValueError(f"a basis state needs {self.num_transmons} bits of 0 and 1, got {bits!r}")
        psi = np.zeros(self.dimension, dtype=complex)
        psi[self.qubit_indices[int(bits, 2)]] = 1
        return psi

    def embed_qubit_state(self, state: np.ndarray) -> np.ndarray:
        """A qubit-register state vector or density matrix placed in the device space."""
        state = np.asarray(state, dtype=complex)
        idx = self.qubit_indices
        if state.ndim == 1:
            out = np.zeros(self.dimension, dtype=complex)
            out[idx] = state
        else:
            out = np.zeros((self.dimension, self.dimension), dtype=complex)
            out[np.ix_(idx, idx)] = state
        return out

    def restrict_to_qubits(self, state: np.ndarray) -> np.ndarray:
        """The block of a device density matrix (or vector) on the qubit subspace (not renormalised)."""
        idx = self.qubit_indices
        return state[idx] if state.ndim == 1 else state[np.ix_(idx, idx)]

    def summary(self) -> dict:
        return {
            "calibration": self.calibration.name,
            "transmons": list(self.qubits),
            "levels": self.levels,
            "dt_ns": self.dt_ns,
            "residual_coupling": self.residual_coupling,
        }
