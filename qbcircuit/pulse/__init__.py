"""Pulse level: schedules (OpenPulse vocabulary), a transmon device model from
``calibration/``, a piecewise-constant simulator checked against QuTiP, calibration
routines, gate-level and analog compilation, the battery's readout and error budget on
the device, OpenQASM 3 + OpenPulse export.

Qiskit 2 has no pulse module and qiskit-dynamics cannot be imported with it (see
DESIGN.md), so this is the project's own small layer. It imports neither the compiler
nor the exact reference: the chains that set a pulse-level run beside the exact model
(``run_pulse_battery``, ``run_gate_level``) are in :mod:`qbcircuit.pipeline.pulse`.
"""

from qbcircuit.pulse.analog import AnalogProgram, compile_analog
from qbcircuit.pulse.battery import battery_readout, error_budget
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.schedule import Frame, Schedule
from qbcircuit.pulse.simulate import PulseResult, simulate

__all__ = [
    "AnalogProgram",
    "Frame",
    "PulseResult",
    "Schedule",
    "TransmonDevice",
    "battery_readout",
    "compile_analog",
    "error_budget",
    "simulate",
]
