"""Analog compilation: a model's charging Hamiltonian realised by drives on transmons.

Register qubit k of the model is played by transmon ``layout[k]``. The model's static
single-qubit terms H0 = sum_k (omega_k / 2) sigma_z^k define each cell's frequency; in the
interaction picture of H0 (which on the device is each transmon's rotating frame, so the
model's omega_k never has to equal the transmon's frequency) the remaining terms become

* sigma_+^k with coefficient (c_X + i c_Y) e^{i omega_k t}: a drive on ``d{k}``;
* sigma_+^i sigma_-^j (from XX, YY, XY, YX) with e^{i (omega_i - omega_j) t}: the
  coupler's exchange frame (a parametric drive at f_i - f_j, see
  :mod:`qbcircuit.pulse.device` for the device assumption);
* sigma_+^i sigma_+^j with e^{i (omega_i + omega_j) t}: the coupler's pair frame at
  f_i + f_j (the anisotropic part of an XY coupling).

Anything else (ZZ, three-body terms, time-dependent Z) has no analog realisation here
and is refused with the term named: compile it at the gate level instead. Coefficients
are sampled at the centre of each device sample (sample-and-hold), with model time
t = ``scale`` * (physical time in ns): ``scale`` (rad/ns per model energy unit) maps the
model's energy unit to the device, chosen as large as the amplitude limits allow (a
faster charge decoheres less), capped at the battery transmon's own frequency so that one
omega0 of the model is one transmon quantum.

The drive of each transmon is chirped to follow the AC Stark shift its own second excited
level causes (``stark_compensation``); without it, a resonant charge of a transmon falls
short of a full charge by ~(Omega / alpha)^2 on top of the leakage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.calibration import Calibration
from qbcircuit.models.core import BatteryModel
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.library import coupler_frame, drive_frame
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.pulse.waveforms import Samples


@dataclass
class Ladder:
    """The model in the interaction picture, as ladder-operator coefficients of time."""

    frequencies: np.ndarray  # omega_k of H0, model units
    drive: dict[int, list[tuple[complex, object]]]  # k -> [(weight, c(t) or None for static)]
    exchange: dict[tuple[int, int], list[tuple[complex, object]]]  # (i, j), i < j: sigma_+^i sigma_-^j
    pair: dict[tuple[int, int], list[tuple[complex, object]]]  # sigma_+^i sigma_+^j

    @staticmethod
    def evaluate(terms, t: np.ndarray) -> np.ndarray:
        out = np.zeros(t.shape, dtype=complex)
        for weight, f in terms:
            out += weight * (1.0 if f is None else np.array([f(x) for x in t], dtype=float))
        return out


# sigma_+^i sigma_-^j and sigma_+^i sigma_+^j weights of the two-qubit Paulis (letter on i, letter on j)
_EXCHANGE = {("X", "X"): 1, ("Y", "Y"): 1, ("X", "Y"): -1j, ("Y", "X"): 1j}
_PAIR = {("X", "X"): 1, ("Y", "Y"): -1, ("X", "Y"): 1j, ("Y", "X"): 1j}


def _terms(op: SparsePauliOp):
    for label, coeff in zip(op.paulis.to_labels(), op.coeffs):
        letters = {q: ch for q, ch in enumerate(reversed(label)) if ch != "I"}
        yield letters, complex(coeff).real, label


def ladder_form(model: BatteryModel) -> Ladder:
    n = model.num_qubits
    freqs = np.zeros(n)
    rest = []
    for letters, c, label in _terms(model.hamiltonian):
        if len(letters) == 1 and set(letters.values()) == {"Z"}:
            freqs[next(iter(letters))] += -2 * c  # c Z = -(2c)/2 sigma_z
        elif letters:
            rest.append((letters, c, None, label))
    for term in model.drives:
        for letters, c, label in _terms(term.operator):
            if letters:
                rest.append((letters, c, term.coefficient, label))
    drive, exchange, pair = {}, {}, {}
    for letters, c, f, label in rest:
        qs = sorted(letters)
        ls = tuple(letters[q] for q in qs)
        if len(qs) == 1 and ls[0] in "XY":
            drive.setdefault(qs[0], []).append((c * (1 if ls[0] == "X" else 1j), f))
        elif len(qs) == 2 and ls in _EXCHANGE:
            exchange.setdefault(tuple(qs), []).append((c * _EXCHANGE[ls], f))
            pair.setdefault(tuple(qs), []).append((c * _PAIR[ls], f))
        else:
            kind = "time-dependent " if f is not None else ""
            raise ValueError(
                f"model {model.name!r}: the {kind}term {label} has no analog realisation on transmons "
                "(drives, exchange and pair couplings only); use the gate-level compiler"
            )
    return Ladder(freqs, drive, exchange, pair)


@dataclass
class AnalogProgram:
    model: BatteryModel
    schedule: Schedule
    device: TransmonDevice
    layout: tuple[int, ...]
    scale: float  # rad/ns per model energy unit
    peak_amplitudes: dict[str, float]

    def model_time(self, t_ns):
        return np.asarray(t_ns) * self.scale

    def summary(self) -> dict:
        return {
            "layout": {f"register qubit {k}": f"transmon {t}" for k, t in enumerate(self.layout)},
            "scale_rad_per_ns": self.scale,
            "model_time_unit_ns": 1 / self.scale,
            "duration_ns": self.schedule.duration_ns,
            "samples": self.schedule.duration,
            "peak_amplitudes": self.peak_amplitudes,
        }


def compile_analog(
    model: BatteryModel,
    calibration: Calibration,
    t_final: float,
    layout=None,
    scale: float | None = None,
    max_amplitude: float = 1.0,
    levels: int = 3,
    stark_compensation: bool = True,
) -> AnalogProgram:
    """A schedule realising ``model`` from t = 0 to ``t_final`` (model time units)."""
    if not t_final > 0:
        raise ValueError(f"t_final must be > 0, got {t_final}")
    if not 0 < max_amplitude <= 1:
        raise ValueError(f"max_amplitude must be in (0, 1], got {max_amplitude}")
    layout = tuple(range(model.num_qubits)) if layout is None else tuple(layout)
    if len(layout) != model.num_qubits:
        raise ValueError(f"layout must name one transmon for each of the {model.num_qubits} register qubits, got {layout}")
    device = TransmonDevice(calibration, layout, levels)
    ladder = ladder_form(model)

    # unit-scale coefficients on a fine model-time grid, to find the largest scale allowed
    rate = {}  # frame name -> rad/ns at unit amplitude
    frames = {}
    for k in ladder.drive:
        fr = drive_frame(calibration, layout[k])
        frames[fr.name], rate[fr.name] = (("drive", k), fr), np.pi * calibration.qubits[layout[k]].drive_strength_ghz
    for kind, table in (("exchange", ladder.exchange), ("pair", ladder.pair)):
        for (i, j), terms in table.items():
            if not any(abs(w) > 1e-14 for w, _ in terms):
                continue
            fr = coupler_frame(calibration, layout[i], layout[j], kind)
            frames[fr.name] = ((kind, (i, j)), fr)
            rate[fr.name] = 2 * np.pi * device.coupling_ghz(device.site_of(layout[i]), device.site_of(layout[j]))
    probe = np.linspace(0, t_final, 2001)
    peaks = {name: float(np.max(np.abs(_unit_coefficients(ladder, key, probe)))) for name, (key, _) in frames.items()}
    limit = min((max_amplitude * rate[n] / p for n, p in peaks.items() if p > 0), default=np.inf)
    battery = layout[model.battery_qubits[0]]
    limit = min(limit, 2 * np.pi * calibration.qubits[battery].frequency_ghz)
    scale = limit if scale is None else float(scale)
    if not 0 < scale <= limit * (1 + 1e-12):
        raise ValueError(f"scale must be in (0, {limit:.6g}] rad/ns per {model.energy_unit} (amplitude limits), got {scale}")

    samples = int(np.ceil(t_final / scale / calibration.dt_ns - 1e-9))
    t_model = (np.arange(samples) + 0.5) * calibration.dt_ns * scale
    schedule = Schedule(calibration.dt_ns, [fr for _, fr in frames.values()], name=f"{model.name} (analog)")
    amplitudes = {}
    for name, (key, fr) in frames.items():
        coeff = _unit_coefficients(ladder, key, t_model) * scale / rate[name]
        kind, sites = key
        if kind in ("exchange", "pair"):
            i, j = sites
            if layout[i] > layout[j]:  # the coupler's term is b_j^+ b_i (exchange): conjugate
                coeff = coeff.conj() if kind == "exchange" else coeff
        # the device adds amplitude * b^+ ... with the carrier e^{-i(psi - 2 pi f t)}: on
        # resonance and phase 0 the amplitude is the coefficient itself
        if kind == "drive" and stark_compensation:
            coeff = coeff * np.exp(-1j * _stark_phase(coeff, calibration, layout[sites]))
        schedule.play(name, Samples.of(coeff))
        amplitudes[name] = float(np.max(np.abs(coeff)))
    return AnalogProgram(model, schedule, device, layout, scale, amplitudes)


def _stark_phase(amplitude: np.ndarray, calibration: Calibration, qubit: int) -> np.ndarray:
    """The drive follows the qubit's AC Stark shift: driving 0-1 at Rabi rate Omega_R
    couples 1-2 at sqrt(2) Omega_R / 2, detuned by the anharmonicity alpha < 0, which
    pushes |1> up by Omega_R^2 / (2 |alpha|) (second-order perturbation theory). Playing
    the drive that much above the frame keeps it resonant with the shifted transition;
    the returned phase is the integral of that detuning at each sample's centre."""
    q = calibration.qubits[qubit]
    rabi = 2 * np.pi * q.drive_strength_ghz * np.abs(amplitude)
    shift = rabi**2 / (2 * abs(2 * np.pi * q.anharmonicity_ghz))
    step = shift * calibration.dt_ns
    return np.cumsum(step) - step / 2


def _unit_coefficients(ladder: Ladder, key, t: np.ndarray) -> np.ndarray:
    """Interaction-picture coefficient of the term ``key`` at model times t (model units)."""
    kind, sites = key
    w = ladder.frequencies
    if kind == "drive":
        return Ladder.evaluate(ladder.drive[sites], t) * np.exp(1j * w[sites] * t)
    i, j = sites
    table, rotation = (ladder.exchange, w[i] - w[j]) if kind == "exchange" else (ladder.pair, w[i] + w[j])
    return Ladder.evaluate(table[(i, j)], t) * np.exp(1j * rotation * t)
