import numpy as np
import pytest

from qbcircuit.pulse.schedule import Frame, Schedule
from qbcircuit.pulse.waveforms import Constant


def make():
    return Schedule(0.5, [Frame("a", "d0", 5.0), Frame("b", "d1", 4.9, 0.2)])


def test_frames_are_sequential_and_barrier_aligns_them():
    s = make()
    s.play("a", Constant(10, 0.1)).play("a", Constant(4, 0.2))
    s.play("b", Constant(3, 0.3))
    assert s.cursor("a") == 14 and s.cursor("b") == 3
    s.barrier()
    s.play("b", Constant(2, 0.3))
    assert [t.time for t in s.instructions("b")] == [0, 14]
    assert s.duration == 16 and s.duration_ns == 8.0


def test_overlap_and_granularity_are_refused():
    s = make()
    s.play("a", Constant(10, 0.1))
    with pytest.raises(ValueError, match="overlaps"):
        s.play("a", Constant(2, 0.1), at=5)
    g = Schedule(0.5, [Frame("a", "d0", 5.0)], granularity=4)
    with pytest.raises(ValueError, match="granularity"):
        g.play("a", Constant(6, 0.1))
    with pytest.raises(ValueError, match="unknown frame"):
        s.play("zz", Constant(2, 0.1))


def test_timeline_phase_and_frequency_take_effect_from_their_time():
    s = make()
    s.play("a", Constant(4, 0.1)).shift_phase("a", 0.5).set_frequency("a", 5.01).play("a", Constant(4, 0.1))
    line = s.timeline("a")
    assert np.allclose(line.phase, [0] * 4 + [0.5] * 4)
    assert np.allclose(line.frequency_ghz, [5.0] * 4 + [5.01] * 4)
    # carrier phase against a 5.0 GHz frame: flat, then rising at 2 pi 0.01 rad/ns, continuous
    rel = line.carrier_phase(5.0, s.dt_ns)
    assert np.allclose(rel[:4], 0) and rel[4] == pytest.approx(0.5 + np.pi * 0.01 * 0.5)
    assert np.allclose(np.diff(rel[4:]), 2 * np.pi * 0.01 * 0.5)
