"""Pulse level: schedules (OpenPulse vocabulary), a transmon device model from
``calibration/``, a piecewise-constant simulator checked against QuTiP, calibration
routines, gate-level and analog compilation, OpenQASM 3 + OpenPulse export.

Qiskit 2 has no pulse module and qiskit-dynamics cannot be imported with it (see
DESIGN.md), so this is the project's own small layer.
"""

from qbcircuit.pulse.analog import AnalogProgram, compile_analog
from qbcircuit.pulse.battery import PulseBatteryRun, run_pulse_battery
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.schedule import Frame, Schedule
from qbcircuit.pulse.simulate import PulseResult, simulate

__all__ = [
    "AnalogProgram",
    "Frame",
    "PulseBatteryRun",
    "PulseResult",
    "Schedule",
    "TransmonDevice",
    "compile_analog",
    "run_pulse_battery",
    "simulate",
]
