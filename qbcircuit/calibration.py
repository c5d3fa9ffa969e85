"""Device calibration snapshots (``calibration/*.json``, shipped in ``qbcircuit/data/``; a
user's own in their folder, :mod:`qbcircuit.locations`): one format read by the noise
models of the circuit runner and by the pulse-level transmon model, and written back by
the pulse calibration routines.

Units are in the field names (GHz, us, ns); frequencies are ordinary frequencies (the
angular frequency is 2 pi f). ``drive_strength_ghz`` is the Rabi frequency per unit
pulse amplitude; ``pi_amplitude`` and ``drag_beta`` are the calibrated single-qubit pulse
parameters. Qubit ``index`` is the device's qubit number (and Qiskit's qubit index).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

from qbcircuit import locations
from qbcircuit.io import write_json

#: The snapshots shipped with the package (a user's own folders come first: qbcircuit.locations).
CALIBRATION_DIR = locations.shipped_dir("calibration")


@dataclass
class ReadoutError:
    p1_given_0: float
    p0_given_1: float


@dataclass
class QubitCalibration:
    index: int
    frequency_ghz: float
    anharmonicity_ghz: float
    t1_us: float
    t2_us: float
    drive_strength_ghz: float
    readout_error: ReadoutError
    single_qubit_error: float
    single_qubit_duration_ns: float
    pi_amplitude: float
    drag_beta: float = 0.0


@dataclass
class CouplingCalibration:
    qubits: tuple[int, int]
    coupling_ghz: float
    two_qubit_error: float
    two_qubit_duration_ns: float


@dataclass
class Calibration:
    name: str
    source: str
    dt_ns: float
    qubits: list[QubitCalibration]
    couplings: list[CouplingCalibration] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Every value finite and in its range: a one-line ValueError naming the snapshot,
        the qubit (or coupling) and the field otherwise."""
        def check(where: str, field_name: str, value, low: float | None = None, high: float | None = None,
                  strict: bool = False) -> None:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            if ok and low is not None:
                ok = value > low if strict else value >= low
            if ok and high is not None:
                ok = value <= high
            if not ok:
                if low is not None and high is not None:
                    wanted = f"in [{low:g}, {high:g}]"
                elif low is not None:
                    wanted = f"{'>' if strict else '>='} {low:g}"
                else:
                    wanted = "a finite number"
                raise ValueError(f"calibration {self.name!r}: {where}{field_name} must be {wanted}, got {value!r}")

        check("", "dt_ns", self.dt_ns, 0, strict=True)
        for q in self.qubits:
            where = f"qubit {q.index}: "
            check(where, "frequency_ghz", q.frequency_ghz, 0, strict=True)
            check(where, "anharmonicity_ghz", q.anharmonicity_ghz)
            check(where, "t1_us", q.t1_us, 0, strict=True)
            check(where, "t2_us", q.t2_us, 0, strict=True)
            check(where, "drive_strength_ghz", q.drive_strength_ghz)
            check(where, "readout_error.p1_given_0", q.readout_error.p1_given_0, 0, 1)
            check(where, "readout_error.p0_given_1", q.readout_error.p0_given_1, 0, 1)
            check(where, "single_qubit_error", q.single_qubit_error, 0, 1)
            check(where, "single_qubit_duration_ns", q.single_qubit_duration_ns, 0)
            check(where, "pi_amplitude", q.pi_amplitude)
            check(where, "drag_beta", q.drag_beta)
        for c in self.couplings:
            where = f"coupling {tuple(c.qubits)}: "
            check(where, "coupling_ghz", c.coupling_ghz)
            check(where, "two_qubit_error", c.two_qubit_error, 0, 1)
            check(where, "two_qubit_duration_ns", c.two_qubit_duration_ns, 0)
        indices = [q.index for q in self.qubits]
        if sorted(indices) != list(range(len(indices))):
            raise ValueError(f"calibration {self.name!r}: qubit indices must be 0..{len(indices) - 1}, got {indices}")
        for q in self.qubits:
            if q.t1_us <= 0 or q.t2_us <= 0:
                raise ValueError(f"calibration {self.name!r}: qubit {q.index} needs t1_us > 0 and t2_us > 0")
            if q.t2_us > 2 * q.t1_us + 1e-9:
                raise ValueError(f"calibration {self.name!r}: qubit {q.index} has t2_us > 2 t1_us, which no physical qubit has")
            for p in (q.readout_error.p1_given_0, q.readout_error.p0_given_1, q.single_qubit_error):
                if not 0 <= p <= 1:
                    raise ValueError(f"calibration {self.name!r}: qubit {q.index} has an error probability outside [0, 1]: {p}")
        for c in self.couplings:
            if any(not 0 <= i < len(self.qubits) for i in c.qubits) or c.qubits[0] == c.qubits[1]:
                raise ValueError(f"calibration {self.name!r}: coupling between bad qubits {c.qubits}")

    @property
    def num_qubits(self) -> int:
        return len(self.qubits)

    def to_dict(self) -> dict:
        return asdict(self)


def _from_dict(data: dict) -> Calibration:
    try:
        qubits = [
            QubitCalibration(**{**q, "readout_error": ReadoutError(**q["readout_error"])}) for q in data["qubits"]
        ]
        couplings = [CouplingCalibration(**{**c, "qubits": tuple(c["qubits"])}) for c in data.get("couplings", [])]
        return Calibration(data["name"], data.get("source", ""), float(data["dt_ns"]), qubits, couplings)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"calibration snapshot is missing or has a bad field: {exc}") from None


def available() -> list[str]:
    """The snapshot names in every folder qbcircuit searches (:mod:`qbcircuit.locations`)."""
    return list(locations.available("calibration"))


def load_calibration(name_or_path: str | Path) -> Calibration:
    """A snapshot by name (searched as :mod:`qbcircuit.locations` says) or by path."""
    path = Path(name_or_path)
    if not path.suffix:
        found = locations.find("calibration", str(name_or_path))
        path = found.path if found else Path(f"{name_or_path}.json")
    if not path.is_file():
        raise ValueError(f"no calibration snapshot {str(name_or_path)!r}; available: {', '.join(available()) or '(none)'}")
    try:
        data = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"calibration snapshot {path} is not valid JSON: {exc}") from None
    try:
        return _from_dict(data)
    except ValueError as exc:  # name the file, not only the snapshot's internal name
        raise ValueError(f"calibration snapshot {path}: {exc}") from None


def save_calibration(calibration: Calibration, path: str | Path) -> Path:
    """Write atomically (a snapshot is never half-written); a snapshot with a non-finite or
    out-of-range value (a calibration that failed) is refused and nothing is written."""
    try:
        calibration.validate()
    except ValueError as exc:
        raise ValueError(f"not writing {path}: {exc}") from None
    return write_json(path, calibration.to_dict())


def with_fractional_gates(target):
    """A copy of ``target`` with RZZ(0 < theta <= pi/2) on its two-qubit edges and RX(theta)
    on its qubits, with the properties (error, duration) of the edge's CZ (ECR, CX) and of the
    qubit's SX, as IBM reports them for its Heron devices (no separate figures), and Qiskit's
    angle bounds so that the transpiler folds angles into the range.

    Parameters
    ----------
    target:
        A device's Qiskit ``Target``.

    Returns
    -------
    Target
    """
    import copy

    import numpy as np
    from qiskit.circuit import Parameter
    from qiskit.circuit.library import RXGate, RZZGate

    out = copy.deepcopy(target)
    names = set(out.operation_names)
    if "rzz" not in names:
        edge_gate = next((g for g in ("cz", "ecr", "cx") if g in names), None)
        if edge_gate is None:
            raise ValueError("target must have a cz, ecr or cx gate to add fractional RZZ gates to")
        edges = out[edge_gate]
        out.add_instruction(RZZGate(Parameter("theta")), {qa: edges[qa] for qa in edges},
                            angle_bounds=[(0.0, np.pi / 2)])
    if "rx" not in names and "sx" in names:
        sx = out["sx"]
        out.add_instruction(RXGate(Parameter("theta")), {qa: sx[qa] for qa in sx})
    return out
