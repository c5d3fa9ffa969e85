"""Calibration on the simulated device, as an experimentalist would run it, one transmon
at a time (the others idle in their ground state and are left out of the simulation).

The device model (:class:`~qbcircuit.pulse.device.TransmonDevice`) is the truth; the
calibration snapshot holds the *controls* (frame frequency, amplitude, beta, Stark
detuning), which start from the snapshot's values and are refined here:

1. Ramsey: two pi/2 pulses separated by a delay tau, the frame detuned by +delta and
   then -delta from the current estimate. P1(tau) oscillates at |f_frame - f_qubit|;
   the two fitted frequencies give the error of the estimate and its sign (valid while
   the error is below delta).
2. Rabi: the amplitude of the first maximum of the excited population after one pulse.
3. DRAG: the beta that minimises the population left outside the qubit subspace.
4. Stark detuning: DRAG at that beta cancels leakage but leaves the qubit transition
   shifted by the drive (an AC Stark shift from the second level, of order
   Omega^2 / (4 alpha)); playing the pulse that much off resonance restores a complete
   rotation. Chosen to maximise the excited population, with the amplitude re-fitted.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit, minimize_scalar

from qbcircuit.calibration import Calibration
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.library import drive_frame, rotation_pulse
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.pulse.simulate import simulate


def _single(device: TransmonDevice, qubit: int) -> TransmonDevice:
    return TransmonDevice(device.calibration, (qubit,), device.levels)


def pi_pulse_outcome(device, controls, qubit, amp=None, beta_ns=None, duration=None, drag=True, stark_mhz=0.0):
    """(P1, leakage) after one pulse from |0> (closed system); ``drag=False`` plays the
    plain Gaussian (beta = 0, no Stark detuning)."""
    dev = _single(device, qubit)
    frame = drive_frame(controls, qubit)
    if drag:
        pulse = rotation_pulse(controls, qubit, 1.0, amp, beta_ns, duration, stark_mhz)
    else:
        pulse = rotation_pulse(controls, qubit, 1.0, amp, 0.0, duration, 0.0)
    sched = Schedule(dev.dt_ns, [frame]).play(frame.name, pulse)
    pops = simulate(sched, dev, store_every=pulse.duration).populations()[-1]
    return float(pops[1]), float(max(1 - pops[0] - pops[1], 0.0))


def rabi_amplitude(device, controls, qubit, beta_ns=None, duration=None, drag=True, stark_mhz=0.0) -> float:
    """The amplitude of the first Rabi maximum (a pi rotation, not 3 pi): a scan up to the
    first lobe that passes P1 = 1/2 and turns down, then a bounded search around it."""

    def p1(a: float) -> float:
        return pi_pulse_outcome(device, controls, qubit, a, beta_ns, duration, drag, stark_mhz)[0]

    amps = np.linspace(0.02, 1.0, 50)
    values = []
    for k, a in enumerate(amps):
        values.append(p1(a))
        if k >= 2 and values[-2] > 0.5 and values[-1] < values[-2]:
            break
    best = int(np.argmax(values))
    if best == len(amps) - 1 or values[best] < 0.5:
        raise ValueError(f"qubit {qubit}: no pi pulse within full-scale amplitude (best P1 {values[best]:.3f}); lengthen the pulse")
    lo, hi = amps[max(best - 1, 0)], amps[best + 1]
    res = minimize_scalar(lambda a: -p1(a), bounds=(lo, hi), method="bounded", options={"xatol": 1e-8})
    return float(res.x)


def drag_beta(device, controls, qubit, amp, duration=None, span_ns: float = 2.0) -> float:
    """The beta (ns) that minimises leakage after the pi pulse."""

    def leak(b: float) -> float:
        return pi_pulse_outcome(device, controls, qubit, amp, b, duration)[1]

    betas = np.linspace(-span_ns, span_ns, 41)
    values = [leak(b) for b in betas]
    best = int(np.argmin(values))
    lo, hi = betas[max(best - 1, 0)], betas[min(best + 1, len(betas) - 1)]
    return float(minimize_scalar(leak, bounds=(lo, hi), method="bounded", options={"xatol": 1e-6}).x)


def stark_detuning(device, controls, qubit, beta_ns, duration=None, span_mhz: float = 5.0) -> tuple[float, float]:
    """(detuning MHz, amplitude) maximising P1 at this beta, the amplitude re-fitted at each detuning."""

    def deficit(mhz: float) -> float:
        amp = rabi_amplitude(device, controls, qubit, beta_ns, duration, True, mhz)
        return 1 - pi_pulse_outcome(device, controls, qubit, amp, beta_ns, duration, True, mhz)[0]

    grid = np.linspace(-span_mhz, span_mhz, 11)
    values = [deficit(m) for m in grid]
    best = int(np.argmin(values))
    lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    mhz = float(minimize_scalar(deficit, bounds=(lo, hi), method="bounded", options={"xatol": 1e-4}).x)
    return mhz, rabi_amplitude(device, controls, qubit, beta_ns, duration, True, mhz)


def ramsey_signal(device, controls, qubit, frame_ghz: float, delays: np.ndarray) -> np.ndarray:
    """P1 after pi/2 - delay - pi/2, the frame at ``frame_ghz``, for each delay (samples)."""
    dev = _single(device, qubit)
    frame = drive_frame(controls, qubit, frame_ghz)
    half = rotation_pulse(controls, qubit, 0.5)
    out = []
    for tau in delays:
        sched = Schedule(dev.dt_ns, [frame])
        sched.play(frame.name, half).delay(frame.name, int(tau)).play(frame.name, half)
        out.append(simulate(sched, dev, store_every=sched.duration).populations()[-1][1])
    return np.array(out)


def oscillation_frequency(t_ns: np.ndarray, signal: np.ndarray) -> float:
    """|frequency| in GHz of a sampled sinusoid: the FFT peak, refined by least squares."""
    centred = signal - signal.mean()
    pad = 16 * len(t_ns)
    spectrum = np.abs(np.fft.rfft(centred, n=pad))
    freqs = np.fft.rfftfreq(pad, d=t_ns[1] - t_ns[0])
    f0 = freqs[int(np.argmax(spectrum[1:]) + 1)]

    def model(t, a, f, phi, c):
        return a * np.cos(2 * np.pi * f * t + phi) + c

    popt, _ = curve_fit(model, t_ns, signal, p0=[np.ptp(signal) / 2, f0, 0.0, signal.mean()], maxfev=20000)
    return abs(float(popt[1]))


def ramsey_frequency(device, controls, qubit, detuning_mhz: float = 2.0, points: int = 61) -> float:
    """The transmon's frequency (GHz) from Ramsey fringes at +-detuning around the estimate."""
    guess = controls.qubits[qubit].frequency_ghz
    delta = detuning_mhz * 1e-3
    delays = np.unique(np.round(np.linspace(0, 3 / delta, points) / device.dt_ns).astype(int))  # ~3 fringes
    t_ns = delays * device.dt_ns
    above = oscillation_frequency(t_ns, ramsey_signal(device, controls, qubit, guess + delta, delays))
    below = oscillation_frequency(t_ns, ramsey_signal(device, controls, qubit, guess - delta, delays))
    # above = |delta - eps|, below = |delta + eps|, eps = f_qubit - guess, |eps| < delta
    return guess + (below - above) / 2


@dataclass
class QubitReport:
    qubit: int
    frequency_ghz: float
    pi_amplitude: float
    drag_beta_ns: float
    stark_detuning_mhz: float
    pi_population: float
    leakage: float
    gaussian_pi_population: float  # a plain Gaussian of the same duration, calibrated alone
    gaussian_leakage: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def calibrate(
    device: TransmonDevice,
    controls: Calibration | None = None,
    qubits=None,
    progress: Callable[[str], None] | None = None,
) -> tuple[Calibration, dict[int, float], list[QubitReport]]:
    """Ramsey, Rabi, DRAG, Stark detuning on each transmon. Returns the updated snapshot (a
    copy of ``controls``, by default the device's own), the Stark detunings (MHz) and one
    report per transmon."""
    controls = copy.deepcopy(controls or device.calibration)
    qubits = list(device.qubits if qubits is None else qubits)
    say = progress or (lambda _msg: None)
    reports, detunings = [], {}
    for q in qubits:
        entry = controls.qubits[q]
        say(f"qubit {q}: Ramsey")
        entry.frequency_ghz = ramsey_frequency(device, controls, q)
        say(f"qubit {q}: Rabi")
        entry.pi_amplitude = rabi_amplitude(device, controls, q)
        say(f"qubit {q}: DRAG")
        entry.drag_beta = drag_beta(device, controls, q, entry.pi_amplitude)
        say(f"qubit {q}: Stark detuning")
        detunings[q], entry.pi_amplitude = stark_detuning(device, controls, q, entry.drag_beta)
        p1, leak = pi_pulse_outcome(device, controls, q, stark_mhz=detunings[q])
        gauss_amp = rabi_amplitude(device, controls, q, drag=False)
        g1, gauss_leak = pi_pulse_outcome(device, controls, q, gauss_amp, drag=False)
        reports.append(QubitReport(q, entry.frequency_ghz, entry.pi_amplitude, entry.drag_beta, detunings[q], p1, leak, g1, gauss_leak))
        say(f"qubit {q}: P1 = {p1:.6f}, leakage {leak:.2e} (plain Gaussian: P1 = {g1:.6f}, leakage {gauss_leak:.2e})")
    return controls, detunings, reports
