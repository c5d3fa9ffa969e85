"""Gate-level compilation: a transpiled circuit, gate by gate, to calibrated pulses.

Basis (transpile to it with ``qiskit.transpile(circuit, basis_gates=BASIS)``):

* ``rz(theta)``: virtual. Commuting RZ(theta) = exp(i theta n) (up to a phase) through
  the rest of the circuit turns b^+ into e^{-i theta} b^+ in every later pulse, so the
  phase of every frame that carries b_q^+ moves by +theta (the drive frame of q, the
  exchange frame of a coupler where q is the first transmon, its pair frame) and by
  -theta where it carries b_q (the exchange frame where q is the second). The RZs left
  at the end are reported (:meth:`GateProgram.virtual_z`), they change no population.
* ``sx``, ``x``: the calibrated DRAG pulses (:mod:`qbcircuit.pulse.library`), pi/2 and pi
  about X.
* ``xx_plus_yy(theta, beta)``: RZ_0(-beta) exp(-i theta/4 (XX + YY)) RZ_0(beta), the
  exchange of the Trotter circuits, realised by the tunable coupler's exchange frame
  (device assumption in :mod:`qbcircuit.pulse.device`): 2 pi J c(t) (b_i^+ b_j + h.c.)
  acts as 2 pi J c (XX + YY)/2 on qubit levels, so the pulse area is
  integral c dt = theta / (4 pi J). A Gaussian-square of amplitude <= ``exchange_amplitude``
  with 2-sigma edges; its leakage (|11> <-> |20>, |02>, detuned by the anharmonicity) and
  the conditional phase it leaves are physics, not corrected here: they show up in the
  fidelity the tests measure.

``barrier`` aligns the frames of its qubits; ``delay`` delays them; ``measure`` is
refused (the pulse simulator reads the state itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from qiskit import QuantumCircuit

from qbcircuit.calibration import Calibration
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.library import coupler_frame, drive_frame, load_stark_detunings, rotation_pulse
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.pulse.waveforms import GaussianSquare

BASIS = ["rz", "sx", "x", "xx_plus_yy"]


@dataclass
class GateProgram:
    schedule: Schedule
    device: TransmonDevice
    layout: tuple[int, ...]  # circuit qubit k -> transmon layout[k]
    frame_phase: dict[int, float] = field(default_factory=dict)  # circuit qubit -> RZ angle left over

    def virtual_z(self) -> np.ndarray:
        """The diagonal qubit-register unitary (circuit order) of the RZs still to apply:
        circuit state = virtual_z() @ (qubit block of the simulated state)."""
        n = len(self.layout)
        diag = np.ones(2**n, dtype=complex)
        for k, theta in self.frame_phase.items():
            bits = (np.arange(2**n) >> k) & 1
            diag *= np.exp(-0.5j * theta * np.where(bits, -1.0, 1.0))
        return np.diag(diag)


def compile_circuit(
    circuit: QuantumCircuit,
    calibration: Calibration,
    layout=None,
    exchange_amplitude: float = 1.0,
    levels: int = 3,
    extras_dir=None,
) -> GateProgram:
    n = circuit.num_qubits
    layout = tuple(range(n)) if layout is None else tuple(layout)
    if len(layout) != n:
        raise ValueError(f"layout must name one transmon for each of the {n} circuit qubits, got {layout}")
    if not 0 < exchange_amplitude <= 1:
        raise ValueError(f"exchange_amplitude must be in (0, 1], got {exchange_amplitude}")
    device = TransmonDevice(calibration, layout, levels)
    stark = load_stark_detunings(calibration, extras_dir)
    sched = Schedule(calibration.dt_ns, [drive_frame(calibration, t) for t in layout], name=circuit.name or "circuit")
    phase = {k: 0.0 for k in range(n)}

    couplers: dict[str, tuple[int, int, str]] = {}  # coupler frame -> (transmon a < b, kind)

    def frames_of(k: int) -> list[tuple[str, float]]:
        """(frame, sign) of every frame whose phase a virtual RZ on circuit qubit k moves."""
        t = layout[k]
        out = [(f"q{t}_drive", 1.0)]
        for name, (a, b, kind) in couplers.items():
            if t == a:
                out.append((name, 1.0))
            elif t == b:
                out.append((name, -1.0 if kind == "exchange" else 1.0))
        return out

    def rz(k: int, theta: float) -> None:
        for name, sign in frames_of(k):
            sched.shift_phase(name, sign * theta)
        phase[k] += theta

    for inst in circuit.data:
        op, qubits = inst.operation, [circuit.find_bit(q).index for q in inst.qubits]
        name = op.name
        if name == "rz":
            rz(qubits[0], float(op.params[0]))
        elif name in ("sx", "x"):
            t = layout[qubits[0]]
            pulse = rotation_pulse(calibration, t, 0.5 if name == "sx" else 1.0, stark_mhz=stark[t])
            sched.play(f"q{t}_drive", pulse)
        elif name == "xx_plus_yy":
            theta, beta = (float(p) for p in op.params)
            k0, k1 = qubits
            a, b = sorted((layout[k0], layout[k1]))
            frame = coupler_frame(calibration, a, b, "exchange")
            if frame.name not in sched.frames:
                sched.add_frame(frame)
                couplers[frame.name] = (a, b, "exchange")
                # a coupler frame joining late inherits the virtual phases already applied
                sched.shift_phase(frame.name, phase[layout.index(a)] - phase[layout.index(b)])
            rz(k0, beta)
            involved = [f"q{layout[k0]}_drive", f"q{layout[k1]}_drive", frame.name]
            sched.barrier(*involved)
            sched.play(frame.name, _exchange_pulse(theta, _coupling(calibration, a, b), calibration.dt_ns, exchange_amplitude))
            sched.barrier(*involved)
            rz(k0, -beta)
        elif name == "barrier":
            sched.barrier(*[f"q{layout[k]}_drive" for k in qubits])
        elif name == "delay":
            samples = int(round(float(op.duration) / calibration.dt_ns)) if op.unit != "dt" else int(op.duration)
            for k in qubits:
                sched.delay(f"q{layout[k]}_drive", samples)
        else:
            raise ValueError(f"gate {name!r} is not in the pulse basis {BASIS}; transpile with basis_gates={BASIS}")
    sched.barrier()
    return GateProgram(sched, device, layout, phase)


def _coupling(calibration: Calibration, a: int, b: int) -> float:
    for c in calibration.couplings:
        if set(c.qubits) == {a, b}:
            return c.coupling_ghz
    raise ValueError(f"transmons {a} and {b} have no coupler in {calibration.name!r}")


def _exchange_pulse(theta: float, coupling_ghz: float, dt_ns: float, max_amp: float) -> GaussianSquare:
    """Gaussian-square with area theta / (4 pi J) (ns, in units of full amplitude)."""
    area = abs(theta) / (4 * np.pi * coupling_ghz)
    sigma, rise = 8.0, 16
    unit = GaussianSquare(2 * rise, 1.0, sigma, 0)
    edge_area = float(np.sum(unit.samples().real)) * dt_ns
    width = max(int(np.ceil((area / max_amp - edge_area) / dt_ns)), 0)
    shape = GaussianSquare(2 * rise + width, 1.0, sigma, width)
    amp = area / (float(np.sum(shape.samples().real)) * dt_ns)
    return GaussianSquare(shape.duration, float(np.sign(theta) or 1.0) * amp, sigma, width)
