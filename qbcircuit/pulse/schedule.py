"""Pulse schedules in OpenPulse's vocabulary: ports, frames, and timed instructions.

A *port* is a physical input of the device (a qubit's drive line ``d0``, a coupler's flux
line ``c01``); a *frame* is a carrier on a port: a frequency (GHz) and a phase (rad),
the clock that waveforms are played against. Instructions act on frames:

* ``Play(frame, waveform)``: the envelope is multiplied by the frame's carrier;
* ``Delay(frame, duration)``: the frame's time advances, nothing is played;
* ``ShiftPhase`` / ``SetPhase``: change the frame's phase from now on (a virtual Z gate
  is a phase shift: it costs no time);
* ``SetFrequency`` / ``ShiftFrequency``: change its frequency from now on. The carrier
  phase stays continuous: psi(t) = phase + 2 pi * integral of the frequency up to t.

Times are whole numbers of samples of ``dt_ns``. Alignment is *left and sequential per
frame*: each frame has a cursor, an instruction starts at its frame's cursor (or at an
explicit time not earlier than it), and ``barrier`` brings frames to a common time.
Two waveforms never overlap on one frame; durations must be multiples of ``granularity``
samples (hardware often needs 16), checked when an instruction is added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from qbcircuit.pulse.waveforms import Waveform


@dataclass(frozen=True)
class Frame:
    name: str
    port: str
    frequency_ghz: float
    phase: float = 0.0


@dataclass(frozen=True)
class Play:
    frame: str
    waveform: Waveform

    @property
    def duration(self) -> int:
        return self.waveform.duration


@dataclass(frozen=True)
class Delay:
    frame: str
    duration: int


@dataclass(frozen=True)
class ShiftPhase:
    frame: str
    phase: float
    duration = 0


@dataclass(frozen=True)
class SetPhase:
    frame: str
    phase: float
    duration = 0


@dataclass(frozen=True)
class SetFrequency:
    frame: str
    frequency_ghz: float
    duration = 0


@dataclass(frozen=True)
class ShiftFrequency:
    frame: str
    delta_ghz: float
    duration = 0


Instruction = Play | Delay | ShiftPhase | SetPhase | SetFrequency | ShiftFrequency


@dataclass(frozen=True)
class Timed:
    time: int
    instruction: Instruction


@dataclass
class FrameTimeline:
    """A frame sampled on the dt grid: what the simulator reads.

    ``envelope[k]`` is the (sum of) envelope(s) played in step k; ``phase[k]`` the
    frame's phase and ``frequency_ghz[k]`` its frequency during step k."""

    envelope: np.ndarray
    phase: np.ndarray
    frequency_ghz: np.ndarray

    def carrier_phase(self, reference_ghz: float, dt_ns: float) -> np.ndarray:
        """psi(t) - 2 pi f_ref t at the centre of each step: the carrier's phase in a frame
        rotating at ``reference_ghz``, accumulated as a difference (no large numbers)."""
        detuning = 2 * np.pi * (self.frequency_ghz - reference_ghz) * dt_ns
        before = np.concatenate(([0.0], np.cumsum(detuning)[:-1]))
        return self.phase + before + detuning / 2


@dataclass
class Schedule:
    dt_ns: float
    frames: dict[str, Frame] = field(default_factory=dict)
    name: str = "schedule"
    granularity: int = 1
    items: list[Timed] = field(default_factory=list)
    _cursor: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.dt_ns > 0:
            raise ValueError(f"dt_ns must be > 0, got {self.dt_ns}")
        if not isinstance(self.granularity, int) or self.granularity < 1:
            raise ValueError(f"granularity must be an integer >= 1 sample, got {self.granularity!r}")
        if isinstance(self.frames, (list, tuple)):
            self.frames = {f.name: f for f in self.frames}
        for name in self.frames:
            self._cursor.setdefault(name, 0)

    # -- building ----------------------------------------------------------------------
    def add_frame(self, frame: Frame) -> Frame:
        if frame.name in self.frames and self.frames[frame.name] != frame:
            raise ValueError(f"frame {frame.name!r} is already defined differently")
        self.frames[frame.name] = frame
        self._cursor.setdefault(frame.name, 0)
        return frame

    def _frame(self, name: str) -> str:
        if name not in self.frames:
            raise ValueError(f"unknown frame {name!r}; frames: {', '.join(self.frames) or '(none)'}")
        return name

    def add(self, instruction: Instruction, at: int | None = None) -> "Schedule":
        """Add at ``at`` (samples) or at the frame's cursor; the cursor moves past it."""
        frame = self._frame(instruction.frame)
        cursor = self._cursor[frame]
        start = cursor if at is None else int(at)
        if start < cursor:
            raise ValueError(
                f"{type(instruction).__name__} on frame {frame!r} at sample {start} overlaps what is already "
                f"scheduled there (the frame is busy until sample {cursor})"
            )
        duration = instruction.duration
        if isinstance(instruction, Delay) and (not isinstance(duration, (int, np.integer)) or duration < 0):
            raise ValueError(f"delay duration must be a whole number of samples >= 0, got {duration!r}")
        if duration % self.granularity or start % self.granularity:
            raise ValueError(
                f"{type(instruction).__name__} on frame {frame!r}: start {start} and duration {duration} must be "
                f"multiples of the granularity, {self.granularity} samples"
            )
        if isinstance(instruction, Play):
            instruction.waveform.samples()  # checks shape and amplitude now, not at run time
        self.items.append(Timed(start, instruction))
        self._cursor[frame] = start + duration
        return self

    def play(self, frame: str, waveform: Waveform, at: int | None = None) -> "Schedule":
        return self.add(Play(frame, waveform), at)

    def delay(self, frame: str, duration: int) -> "Schedule":
        return self.add(Delay(frame, duration))

    def shift_phase(self, frame: str, phase: float) -> "Schedule":
        return self.add(ShiftPhase(frame, float(phase)))

    def set_phase(self, frame: str, phase: float) -> "Schedule":
        return self.add(SetPhase(frame, float(phase)))

    def set_frequency(self, frame: str, frequency_ghz: float) -> "Schedule":
        return self.add(SetFrequency(frame, float(frequency_ghz)))

    def shift_frequency(self, frame: str, delta_ghz: float) -> "Schedule":
        return self.add(ShiftFrequency(frame, float(delta_ghz)))

    def barrier(self, *frames: str) -> "Schedule":
        """Bring the frames (all when none are named) to the latest of their cursors."""
        names = [self._frame(f) for f in frames] or list(self.frames)
        end = max((self._cursor[f] for f in names), default=0)
        for f in names:
            self._cursor[f] = end
        return self

    def cursor(self, frame: str) -> int:
        return self._cursor[self._frame(frame)]

    # -- reading -----------------------------------------------------------------------
    @property
    def duration(self) -> int:
        """In samples: the end of the last instruction (delays count)."""
        return max((t.time + t.instruction.duration for t in self.items), default=0)

    @property
    def duration_ns(self) -> float:
        return self.duration * self.dt_ns

    def instructions(self, frame: str | None = None) -> list[Timed]:
        """In time order (instructions at one time keep the order they were added in)."""
        chosen = [t for t in self.items if frame is None or t.instruction.frame == frame]
        return sorted(chosen, key=lambda t: t.time)

    def timeline(self, frame: str, duration: int | None = None) -> FrameTimeline:
        total = self.duration if duration is None else duration
        f = self.frames[self._frame(frame)]
        envelope = np.zeros(total, dtype=complex)
        phase = np.full(total, float(f.phase))
        freq = np.full(total, float(f.frequency_ghz))
        for item in self.instructions(frame):
            ins, t = item.instruction, item.time
            if isinstance(ins, Play):
                envelope[t : t + ins.duration] += ins.waveform.samples()
            elif isinstance(ins, ShiftPhase):
                phase[t:] += ins.phase
            elif isinstance(ins, SetPhase):
                phase[t:] = ins.phase
            elif isinstance(ins, SetFrequency):
                freq[t:] = ins.frequency_ghz
            elif isinstance(ins, ShiftFrequency):
                freq[t:] += ins.delta_ghz
        return FrameTimeline(envelope, phase, freq)

    def ports(self) -> list[str]:
        return sorted({f.port for f in self.frames.values()})

    def extend(self, other: "Schedule") -> "Schedule":
        """Append ``other`` after everything scheduled here (a barrier across all frames)."""
        if abs(other.dt_ns - self.dt_ns) > 1e-15:
            raise ValueError(f"cannot join schedules with different dt ({self.dt_ns} and {other.dt_ns} ns)")
        for frame in other.frames.values():
            self.add_frame(frame)
        self.barrier()
        offset = max(self._cursor.values(), default=0)
        for item in other.instructions():
            self.add(item.instruction, at=offset + item.time)
        self.barrier()
        return self
