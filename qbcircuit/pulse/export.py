"""Schedules as OpenQASM 3 with an OpenPulse ``cal`` block, and back.

Written with ``oqpy`` (OpenQASM 3 + OpenPulse generation, no string building) and read
back with the ``openpulse`` reference parser. In the program:

* each port is a ``port``; each frame a ``newframe(port, frequency in Hz, phase)``;
* each distinct envelope a ``waveform`` of explicit complex samples (an OpenPulse
  library call such as ``gaussian(...)`` is an ``extern`` whose exact shape the hardware
  vendor defines; samples say exactly what is played);
* instructions in time order, each frame's gaps filled with ``delay``; durations in
  ``dt`` (the device sample time, declared as ``qbc_dt_ns``).

OpenPulse gives every frame its own clock, so per-frame order plus delays fixes every
time, which is how :func:`read_openqasm` rebuilds the schedule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpulse
import oqpy
from openpulse import ast

from qbcircuit.io import write_atomic
from qbcircuit.pulse.schedule import (
    Delay,
    Frame,
    Play,
    Schedule,
    SetFrequency,
    SetPhase,
    ShiftFrequency,
    ShiftPhase,
)
from qbcircuit.pulse.waveforms import Samples


class _Samples:
    """A duration in dt (oqpy's own duration literals are in seconds)."""

    def __init__(self, n: int):
        self.n = int(n)

    def to_ast(self, _program) -> ast.DurationLiteral:
        return ast.DurationLiteral(self.n, ast.TimeUnit.dt)


def _dt(n: int) -> _Samples:
    return _Samples(n)


def to_openqasm(schedule: Schedule) -> str:
    prog = oqpy.Program()
    ports = {name: oqpy.PortVar(name) for name in schedule.ports()}
    frames = {
        f.name: oqpy.FrameVar(ports[f.port], f.frequency_ghz * 1e9, f.phase, name=f.name) for f in schedule.frames.values()
    }
    waveforms: dict[bytes, oqpy.WaveformVar] = {}
    with oqpy.Cal(prog):
        prog.declare(oqpy.FloatVar(schedule.dt_ns, name="qbc_dt_ns"))
        prog.declare(list(frames.values()))
        cursor = {name: 0 for name in frames}
        for item in schedule.instructions():
            ins, frame = item.instruction, item.instruction.frame
            if item.time > cursor[frame]:
                prog.delay(_dt(item.time - cursor[frame]), frames[frame])
            if isinstance(ins, Play):
                samples = ins.waveform.samples()
                key = samples.tobytes()
                if key not in waveforms:
                    var = oqpy.WaveformVar([complex(v) for v in samples], name=f"{ins.waveform.shape}_{len(waveforms)}")
                    prog.declare(var)
                    waveforms[key] = var
                prog.play(frames[frame], waveforms[key])
            elif isinstance(ins, Delay):
                if ins.duration:
                    prog.delay(_dt(ins.duration), frames[frame])
            elif isinstance(ins, ShiftPhase):
                prog.shift_phase(frames[frame], ins.phase)
            elif isinstance(ins, SetPhase):
                prog.set_phase(frames[frame], ins.phase)
            elif isinstance(ins, SetFrequency):
                prog.set_frequency(frames[frame], ins.frequency_ghz * 1e9)
            elif isinstance(ins, ShiftFrequency):
                prog.shift_frequency(frames[frame], ins.delta_ghz * 1e9)
            cursor[frame] = item.time + ins.duration
    return prog.to_qasm(encal_declarations=True)


def write_openqasm(schedule: Schedule, path: str | Path) -> Path:
    return write_atomic(path, to_openqasm(schedule).encode())


def _number(node) -> complex | float:
    if isinstance(node, (ast.FloatLiteral, ast.IntegerLiteral)):
        return node.value
    if isinstance(node, ast.ImaginaryLiteral):
        return 1j * node.value
    if isinstance(node, ast.UnaryExpression) and node.op.name == "-":
        return -_number(node.expression)
    if isinstance(node, ast.BinaryExpression) and node.op.name in ("+", "-"):
        lhs, rhs = _number(node.lhs), _number(node.rhs)
        return lhs + rhs if node.op.name == "+" else lhs - rhs
    raise ValueError(f"OpenPulse read-back: unsupported expression {type(node).__name__}")


def _samples(node: ast.DurationLiteral) -> int:
    if node.unit != ast.TimeUnit.dt:
        raise ValueError(f"OpenPulse read-back: durations must be in dt, got {node.unit.name}")
    return int(round(node.value))


def read_openqasm(text: str, name: str = "schedule") -> Schedule:
    """The schedule of a program written by :func:`to_openqasm`."""
    program = openpulse.parse(text)
    cal = [s for s in program.statements if isinstance(s, ast.CalibrationStatement)]
    if len(cal) != 1:
        raise ValueError(f"expected one cal block, found {len(cal)}")
    dt_ns, ports, frames, waveforms, body = None, set(), {}, {}, []
    for st in cal[0].body:
        if isinstance(st, ast.ClassicalDeclaration):
            ident = st.identifier.name
            if isinstance(st.type, ast.PortType):
                ports.add(ident)
            elif isinstance(st.type, ast.FrameType):
                port, freq, phase = st.init_expression.arguments
                frames[ident] = Frame(ident, port.name, _number(freq) / 1e9, float(_number(phase)))
            elif isinstance(st.type, ast.WaveformType):
                waveforms[ident] = Samples.of([_number(v) for v in st.init_expression.values])
            elif ident == "qbc_dt_ns":
                dt_ns = float(_number(st.init_expression))
        else:
            body.append(st)
    if dt_ns is None:
        raise ValueError("OpenPulse read-back: the program does not declare qbc_dt_ns")
    sched = Schedule(dt_ns, list(frames.values()), name=name)
    for st in body:
        if isinstance(st, ast.DelayInstruction):
            for target in st.qubits:
                sched.delay(target.name, _samples(st.duration))
        elif isinstance(st, ast.ExpressionStatement) and isinstance(st.expression, ast.FunctionCall):
            call = st.expression
            op, args = call.name.name, call.arguments
            frame = args[0].name
            if op == "play":
                sched.play(frame, waveforms[args[1].name])
            elif op == "shift_phase":
                sched.shift_phase(frame, float(_number(args[1])))
            elif op == "set_phase":
                sched.set_phase(frame, float(_number(args[1])))
            elif op == "set_frequency":
                sched.set_frequency(frame, float(_number(args[1])) / 1e9)
            elif op == "shift_frequency":
                sched.shift_frequency(frame, float(_number(args[1])) / 1e9)
            else:
                raise ValueError(f"OpenPulse read-back: unsupported call {op!r}")
        else:
            raise ValueError(f"OpenPulse read-back: unsupported statement {type(st).__name__}")
    return sched
