"""The piecewise-constant propagator against closed forms and against QuTiP."""

import numpy as np
import pytest

from qbcircuit.calibration import load_calibration
from qbcircuit.pulse.crosscheck import qutip_states
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.schedule import Frame, Schedule
from qbcircuit.pulse.simulate import simulate
from qbcircuit.pulse.waveforms import Constant, Drag, Gaussian, GaussianSquare


def test_two_level_rabi_matches_the_closed_form():
    dev = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0,), levels=2)
    s = Schedule(dev.dt_ns, [Frame("q", "d0", dev.frequency_ghz(0))]).play("q", Constant(300, 0.1))
    r = simulate(s, dev)
    omega = 2 * np.pi * 0.12 * 0.1
    assert np.allclose(r.populations()[:, 1], np.sin(omega * r.times_ns / 2) ** 2, atol=1e-12)
    assert r.propagators == 1  # every step has the same Hamiltonian


def test_detuned_drive_matches_the_rabi_formula():
    dev = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0,), levels=2)
    det = 0.004  # GHz
    s = Schedule(dev.dt_ns, [Frame("q", "d0", dev.frequency_ghz(0) + det)]).play("q", Constant(400, 0.05))
    r = simulate(s, dev, substeps=4)
    omega, delta = 2 * np.pi * 0.12 * 0.05, 2 * np.pi * det
    gen = np.hypot(omega, delta)
    expected = (omega / gen) ** 2 * np.sin(gen * r.times_ns / 2) ** 2
    assert np.allclose(r.populations()[:, 1], expected, atol=1e-5)


def busy_schedule(dev):
    cal = dev.calibration
    f0, f1 = dev.frequency_ghz(0), dev.frequency_ghz(1)
    s = Schedule(dev.dt_ns, [Frame("q0", "d0", f0), Frame("q1", "d1", f1 + 0.002), Frame("x", "c01", f0 - f1)])
    s.play("q0", Drag(160, 0.19, 40, 1.0)).shift_phase("q1", 0.3).play("q1", Gaussian(160, 0.2 + 0.1j, 40))
    s.barrier().play("x", GaussianSquare(200, 0.8, 16, 136)).play("q0", Constant(100, 0.1))
    return s


def test_closed_two_transmons_agree_with_qutip_to_1e6():
    dev = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0, 1), residual_coupling=0.5)
    s = busy_schedule(dev)
    r = simulate(s, dev, "01", store_every=40)
    q = qutip_states(s, dev, r.times_ns, "01")
    assert np.max(np.abs(r.states - q)) < 1e-6
    assert r.leakage()[-1] > 1e-6  # the third level is really in play


def test_open_transmon_agrees_with_qutip_to_1e6():
    cal = load_calibration("transmon-4q-example")
    cal.qubits[0].t1_us, cal.qubits[0].t2_us = 0.5, 0.4  # strong decay, so it matters
    dev = TransmonDevice(cal, (0,))
    s = Schedule(dev.dt_ns, [Frame("q", "d0", dev.frequency_ghz(0) + 0.001)])
    s.play("q", Drag(160, 0.4, 40, 1.0)).delay("q", 200).play("q", Constant(100, 0.3j))
    r = simulate(s, dev, open_system=True, store_every=46)
    q = qutip_states(s, dev, r.times_ns, open_system=True)
    assert np.max(np.abs(r.states - q)) < 1e-6
    assert np.real(np.trace(r.final_state)) == pytest.approx(1, abs=1e-12)
    assert r.propagators < r.steps  # delays and the flat pulse reuse propagators


def test_bad_inputs_are_one_line_errors():
    dev = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0,))
    s = Schedule(dev.dt_ns, [Frame("q", "d7", 5.0)]).play("q", Constant(4, 0.1))
    with pytest.raises(ValueError, match="no port 'd7'"):
        simulate(s, dev)
    with pytest.raises(ValueError, match="levels must be in"):
        TransmonDevice.from_snapshot("transmon-4q-example", levels=9)
    with pytest.raises(ValueError, match="initial state must have dimension"):
        simulate(Schedule(dev.dt_ns, []), dev, np.ones(5))
