"""Piecewise-constant simulation of a schedule on a transmon device.

The Hamiltonian (rad/ns, in the frame rotating with every transmon at its calibrated
frequency; see :mod:`qbcircuit.pulse.device`) is held constant over each step of the
grid: the envelope is constant over a sample by definition (sample-and-hold), and the
carrier phases relative to the rotating frame are taken at the step's centre (exact when
every frame is on resonance; a detuned frame or a residual coupling rotating at f_i - f_j
makes this a second-order midpoint rule, refined with ``substeps``). Each step is then
propagated exactly: exp(-i H_k dt) for a closed system (from an eigendecomposition of the
Hermitian H_k) or exp(L_k dt) for the Lindblad generator with the device's T1 and T2.
Steps whose Hamiltonians coincide (delays, flat tops, repeated pulses) share one
propagator: the steps are grouped by their coefficients before anything is exponentiated,
and a run of equal steps is applied as one matrix power.

States are returned in the rotating frame, as vectors (closed, pure start) or density
matrices, at sample boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.superoperators import lindblad_generator, unvec, vec


@dataclass
class ControlSeries:
    """The problem the propagator solves, on a grid of ``steps`` steps of ``step_ns``:
    H(t) = drift + sum_m (coeffs[k, m] operators[m] + h.c.) during step k."""

    drift: np.ndarray
    operators: list[np.ndarray]
    coeffs: np.ndarray  # (steps, terms), rad/ns
    step_ns: float

    @property
    def steps(self) -> int:
        return self.coeffs.shape[0]

    def hamiltonian(self, k: int) -> np.ndarray:
        h = self.drift.copy()
        for m, op in enumerate(self.operators):
            term = self.coeffs[k, m] * op
            h += term + term.conj().T
        return h


def control_series(schedule: Schedule, device: TransmonDevice, substeps: int = 1) -> ControlSeries:
    """The schedule's frames turned into coefficients of the device's operators."""
    if not isinstance(substeps, int) or substeps < 1:
        raise ValueError(f"substeps must be an integer >= 1, got {substeps!r}")
    if abs(schedule.dt_ns - device.dt_ns) > 1e-12 * device.dt_ns:
        raise ValueError(f"schedule dt ({schedule.dt_ns} ns) differs from the device's ({device.dt_ns} ns)")
    total = schedule.duration
    step = schedule.dt_ns / substeps
    steps = total * substeps
    by_operator: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for name, frame in schedule.frames.items():
        line = schedule.timeline(name, total)
        if not np.any(line.envelope):
            continue  # a frame that never plays drives nothing
        control = device.control_for(frame.port, frame.frequency_ghz)
        fine = type(line)(*(np.repeat(a, substeps) for a in (line.envelope, line.phase, line.frequency_ghz)))
        coeff = control.rate * fine.envelope * np.exp(-1j * fine.carrier_phase(control.reference_ghz, step))
        key = id(control.operator)
        op, acc = by_operator.get(key, (control.operator, np.zeros(steps, dtype=complex)))
        by_operator[key] = (op, acc + coeff)
    centres = (np.arange(steps) + 0.5) * step
    for op, rate, rotation_ghz in device.residual_terms():
        by_operator[id(op)] = (op, rate * np.exp(2j * np.pi * rotation_ghz * centres))
    operators = [op for op, _ in by_operator.values()]
    coeffs = np.stack([c for _, c in by_operator.values()], axis=1) if operators else np.zeros((steps, 0), complex)
    return ControlSeries(device.drift, operators, coeffs, step)


@dataclass
class PulseResult:
    """States at ``times_ns`` (sample boundaries); see the module docstring for the frame."""

    times_ns: np.ndarray
    states: np.ndarray  # (times, d) vectors or (times, d, d) density matrices
    device: TransmonDevice
    open_system: bool
    steps: int
    propagators: int  # distinct propagators computed (steps - propagators were reused)

    @property
    def is_pure(self) -> bool:
        return self.states.ndim == 2

    def populations(self) -> np.ndarray:
        if self.is_pure:
            return np.abs(self.states) ** 2
        return np.real(np.einsum("kii->ki", self.states))

    def leakage(self) -> np.ndarray:
        """Population outside the qubit subspace (some transmon in level >= 2)."""
        return np.clip(1 - self.populations()[:, self.device.qubit_indices].sum(axis=1), 0, None)

    def qubit_density(self, k: int = -1) -> np.ndarray:
        """The qubit-subspace block of the state at time index k (trace 1 - leakage)."""
        s = self.device.restrict_to_qubits(self.states[k])
        return np.outer(s, s.conj()) if self.is_pure else s

    @property
    def final_state(self) -> np.ndarray:
        return self.states[-1]


def _runs(which: np.ndarray) -> list[tuple[int, int]]:
    """Run-length encoding: a run of one propagator is applied as one matrix power."""
    if which.size == 0:
        return []
    edges = np.flatnonzero(np.diff(which)) + 1
    starts = np.concatenate(([0], edges))
    lengths = np.diff(np.concatenate((starts, [which.size])))
    return [(int(which[s]), int(n)) for s, n in zip(starts, lengths)]


def initial_device_state(device: TransmonDevice, state=None) -> np.ndarray:
    """None (ground), a qubit bit string, or a vector / density matrix on the device or on
    the qubit register (2^n dimensions, placed in the qubit subspace)."""
    if state is None:
        state = "0" * device.num_transmons
    if isinstance(state, str):
        return device.basis_state(state)
    state = np.asarray(state, dtype=complex)
    if state.shape[0] == 2**device.num_transmons and state.shape[0] != device.dimension:
        state = device.embed_qubit_state(state)
    if state.shape[0] != device.dimension or state.ndim not in (1, 2):
        raise ValueError(f"initial state must have dimension {device.dimension} (or 2^{device.num_transmons}), got shape {state.shape}")
    return state


def simulate(
    schedule: Schedule,
    device: TransmonDevice,
    initial_state=None,
    open_system: bool = False,
    store_every: int = 1,
    substeps: int = 1,
) -> PulseResult:
    """Run ``schedule`` on ``device`` from ``initial_state``; with ``open_system`` the
    transmons relax and dephase (T1, T2 of the snapshot). States are kept every
    ``store_every`` samples and at the end."""
    if not isinstance(store_every, int) or store_every < 1:
        raise ValueError(f"store_every must be an integer >= 1, got {store_every!r}")
    series = control_series(schedule, device, substeps)
    state = initial_device_state(device, initial_state)
    if open_system and state.ndim == 1:
        state = np.outer(state, state.conj())
    density = state.ndim == 2
    d = device.dimension
    # collapse operators carry their rates (sqrt(rate) L): each channel at rate 1
    jumps = [(1.0, c) for c in device.collapse_operators()] if open_system else []

    # group the steps with identical coefficients; exponentiate each group once
    rounded = np.round(series.coeffs, 13) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded.shape[1]:
        _, first, which = np.unique(rounded.view(np.float64).reshape(series.steps, -1), axis=0, return_index=True, return_inverse=True)
        which = which.ravel()
    else:
        first, which = np.zeros(1, int), np.zeros(series.steps, int)
    propagators = []
    for k in first:
        h = series.hamiltonian(int(k))
        if open_system:
            propagators.append(scipy.linalg.expm(lindblad_generator(h, jumps) * series.step_ns))
        else:
            vals, vecs = np.linalg.eigh(h)
            propagators.append((vecs * np.exp(-1j * vals * series.step_ns)) @ vecs.conj().T)

    keep = list(range(0, schedule.duration, store_every)) + [schedule.duration]
    stored = []
    current = vec(state) if open_system else state
    for a, b in zip([0] + keep[:-1], keep):
        for index, length in _runs(which[a * substeps : b * substeps]):
            u = propagators[index] if length == 1 else np.linalg.matrix_power(propagators[index], length)
            current = u @ current @ u.conj().T if density and not open_system else u @ current
        stored.append(unvec(current, d).copy() if open_system else current.copy())
    times = np.array(keep, dtype=float) * schedule.dt_ns
    return PulseResult(times, np.array(stored), device, open_system, series.steps, len(propagators))
