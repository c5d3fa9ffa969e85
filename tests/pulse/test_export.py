import numpy as np
import openpulse
import pytest

from qbcircuit.calibration import load_calibration
from qbcircuit.models import build_model
from qbcircuit.models import single_cell  # noqa: F401
from qbcircuit.pulse.export import read_openqasm, to_openqasm, write_openqasm
from qbcircuit.pulse.schedule import Frame, Schedule
from qbcircuit.pulse.waveforms import Constant, Drag, GaussianSquare


def schedule():
    s = Schedule(2 / 9, [Frame("q0_drive", "d0", 4.971, 0.1), Frame("c01_exchange", "c01", 0.119)])
    s.play("q0_drive", Drag(16, 0.2, 4, 1.0)).shift_phase("q0_drive", -0.7).delay("q0_drive", 5)
    s.play("q0_drive", Drag(16, 0.2, 4, 1.0)).set_phase("q0_drive", 0.25)
    s.play("c01_exchange", GaussianSquare(40, -0.3j, 4, 24), at=3).shift_frequency("c01_exchange", 0.001)
    s.play("c01_exchange", Constant(8, 0.5))
    return s


def test_round_trip_restores_waveforms_timings_and_frames():
    s = schedule()
    text = to_openqasm(s)
    assert "cal {" in text and "newframe(d0, 4971000000.0, 0.1)" in text and "dt]" in text
    back = read_openqasm(text)
    assert back.dt_ns == s.dt_ns and back.duration == s.duration
    for name, frame in s.frames.items():
        assert back.frames[name].port == frame.port
        assert back.frames[name].frequency_ghz == pytest.approx(frame.frequency_ghz, rel=1e-15)
        a, b = s.timeline(name), back.timeline(name)
        assert np.array_equal(a.envelope, b.envelope)
        assert np.allclose(a.phase, b.phase, rtol=0, atol=1e-15)
        assert np.allclose(a.frequency_ghz, b.frequency_ghz, rtol=1e-15)

    def events(sched):  # delays are re-expressed as gaps: compare everything else
        return sorted(
            (t.time, type(t.instruction).__name__, t.instruction.frame)
            for t in sched.instructions()
            if type(t.instruction).__name__ != "Delay"
        )

    assert events(back) == events(s)

def test_the_reference_parser_reads_a_compiled_battery(tmp_path):
    from qbcircuit.pulse.analog import compile_analog

    m = build_model("single-cell")
    prog = compile_analog(m, load_calibration("transmon-4q-example"), single_cell.charging_time(m))
    path = write_openqasm(prog.schedule, tmp_path / "cell.qasm")
    program = openpulse.parse(path.read_text())
    assert len(program.statements) == 2  # defcalgrammar and the cal block
    back = read_openqasm(path.read_text())
    assert np.array_equal(back.timeline("q0_drive").envelope, prog.schedule.timeline("q0_drive").envelope)
