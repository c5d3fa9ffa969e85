"""The calibrated pulses and frames of a device, by convention.

* Frames: ``q{i}_drive`` on port ``d{i}`` at the transmon's calibrated frequency, and
  ``c{i}{j}_exchange`` on the coupler port ``c{i}{j}`` at f_i - f_j (and
  ``c{i}{j}_pair`` at f_i + f_j), i < j.
* The single-qubit pulse: DRAG of ``single_qubit_duration_ns`` (rounded to whole
  samples), sigma = duration / 4, amplitude ``pi_amplitude`` for a pi rotation about X
  (a pi/2 rotation plays half of it), and DRAG coefficient ``drag_beta`` in **ns**
  (the snapshot keeps the physical time so it does not depend on dt; the waveform's
  ``beta`` is in samples: beta = drag_beta / dt_ns).
* The AC-Stark detuning of that pulse (MHz) is not a field of the snapshot format
  (:mod:`qbcircuit.calibration`); it is kept beside it, in
  ``calibration/pulse/<snapshot name>.json`` (``{"stark_detuning_mhz": {"0": ...}}``),
  and is 0 when that file is missing.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from qbcircuit import locations
from qbcircuit.calibration import CALIBRATION_DIR, Calibration
from qbcircuit.io import write_json
from qbcircuit.pulse.schedule import Frame
from qbcircuit.pulse.waveforms import Drag

SIGMA_PER_DURATION = 0.25
#: The pulse extras shipped with the package (a user's own folders come first).
EXTRAS_DIR = CALIBRATION_DIR / "pulse"


def extras_path(calibration: Calibration, directory: Path | None = None) -> Path:
    """Where a snapshot's pulse extras are read from: ``directory``, or the first
    ``calibration/pulse/<name>.json`` qbcircuit finds (:mod:`qbcircuit.locations`), or
    where a new one is written: the user's folder."""
    if directory is not None:
        return Path(directory) / f"{calibration.name}.json"
    found = locations.find_in("calibration", f"pulse/{calibration.name}.json")
    return found or locations.writable_dir("calibration") / "pulse" / f"{calibration.name}.json"


def load_stark_detunings(calibration: Calibration, directory: Path | None = None) -> dict[int, float]:
    """Qubit -> AC-Stark detuning of its calibrated pulse, MHz (0 where not calibrated)."""
    path = extras_path(calibration, directory)
    found = {}
    if path.is_file():
        try:
            stored = json.loads(path.read_text())["stark_detuning_mhz"]
            if not isinstance(stored, dict):
                raise ValueError("stark_detuning_mhz is not a table")
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
            raise ValueError(f"pulse calibration extras {path} are unreadable: {exc}") from None
        found = check_stark_detunings(calibration, stored, f"pulse calibration extras {path}")
    return {q.index: found.get(q.index, 0.0) for q in calibration.qubits}


#: The largest AC-Stark detuning a pulse extra may hold, MHz: a pulse's Stark shift is a few
#: MHz; a value near the transmon's frequency is a failed fit, not a calibration.
MAX_STARK_DETUNING_MHZ = 1000.0


def check_stark_detunings(calibration: Calibration, detunings: dict, where: str) -> dict[int, float]:
    """Qubit -> detuning, checked: qubits of the snapshot, finite values within
    +-:data:`MAX_STARK_DETUNING_MHZ`; a one-line ``ValueError`` naming ``where`` and the qubit."""
    qubits = {q.index for q in calibration.qubits}
    out = {}
    for key, value in detunings.items():
        try:
            qubit, mhz = int(key), float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: stark_detuning_mhz[{key!r}] must be a number of MHz for a qubit index, "
                             f"got {value!r}") from None
        if qubit not in qubits:
            raise ValueError(f"{where}: qubit {qubit} is not in snapshot {calibration.name!r} (qubits {sorted(qubits)})")
        if not (math.isfinite(mhz) and abs(mhz) <= MAX_STARK_DETUNING_MHZ):
            raise ValueError(f"{where}: stark_detuning_mhz of qubit {qubit} must be finite, within "
                             f"+-{MAX_STARK_DETUNING_MHZ:g} MHz, got {value!r}")
        out[qubit] = mhz
    return out


def save_stark_detunings(calibration: Calibration, detunings: dict[int, float], directory: Path | None = None) -> Path:
    """Write a snapshot's pulse extras to ``directory``, or to the user's folder.

    Parameters
    ----------
    calibration:
        The snapshot the detunings belong to.
    detunings:
        Qubit -> AC-Stark detuning of its calibrated pulse, MHz (checked: finite, within
        +-:data:`MAX_STARK_DETUNING_MHZ`, qubits of the snapshot; nothing is written otherwise).
    directory:
        The folder (default: the user's ``calibration/pulse``).

    Returns
    -------
    Path
        The file written.
    """
    detunings = check_stark_detunings(calibration, detunings, f"pulse calibration extras of {calibration.name!r}")
    data = {"snapshot": calibration.name, "stark_detuning_mhz": {str(k): v for k, v in sorted(detunings.items())}}
    target = Path(directory) if directory is not None else locations.writable_dir("calibration") / "pulse"
    return write_json(target / f"{calibration.name}.json", data)


def drive_frame(calibration: Calibration, qubit: int, frequency_ghz: float | None = None) -> Frame:
    q = calibration.qubits[qubit]
    return Frame(f"q{qubit}_drive", f"d{qubit}", q.frequency_ghz if frequency_ghz is None else frequency_ghz)


def coupler_frame(calibration: Calibration, i: int, j: int, kind: str = "exchange") -> Frame:
    """The frame that switches on the exchange (``kind="exchange"``) or pair term between i and j."""
    if kind not in ("exchange", "pair"):
        raise ValueError(f"coupler frame kind must be 'exchange' or 'pair', got {kind!r}")
    a, b = sorted((i, j))
    if not any(set(c.qubits) == {a, b} for c in calibration.couplings):
        raise ValueError(f"transmons {a} and {b} have no coupler in {calibration.name!r}")
    fa, fb = calibration.qubits[a].frequency_ghz, calibration.qubits[b].frequency_ghz
    return Frame(f"c{a}{b}_{kind}", f"c{a}{b}", fa - fb if kind == "exchange" else fa + fb)


def single_qubit_samples(calibration: Calibration) -> int:
    durations = {round(q.single_qubit_duration_ns / calibration.dt_ns) for q in calibration.qubits}
    return max(durations)


def rotation_pulse(
    calibration: Calibration,
    qubit: int,
    angle_over_pi: float = 1.0,
    amp: float | None = None,
    beta_ns: float | None = None,
    duration: int | None = None,
    stark_mhz: float = 0.0,
) -> Drag:
    """The calibrated DRAG pulse rotating ``qubit`` by ``angle_over_pi`` * pi about X.

    A pi/2 pulse is the pi pulse at half amplitude with a quarter of its Stark detuning
    (the shift goes as the square of the drive amplitude)."""
    q = calibration.qubits[qubit]
    n = duration or round(q.single_qubit_duration_ns / calibration.dt_ns)
    amp = q.pi_amplitude if amp is None else amp
    beta_ns = q.drag_beta if beta_ns is None else beta_ns
    detuning = stark_mhz * 1e-3 * calibration.dt_ns * min(abs(angle_over_pi), 1.0) ** 2
    return Drag(n, amp * angle_over_pi, SIGMA_PER_DURATION * n, beta_ns / calibration.dt_ns, detuning)
