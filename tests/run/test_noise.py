"""Noise models: the calibration model reproduces the snapshot's gate and readout errors."""

import numpy as np
import pytest
from qiskit.quantum_info import average_gate_fidelity

from qbcircuit.calibration import load_calibration
from qbcircuit.run.noise import (
    calibration_noise,
    depolarizing_strength,
    device_noise,
    fake_device,
    gate_error,
    noise_model_from_calibration,
)


def _infidelity(error):
    return 1 - average_gate_fidelity(error.to_quantumchannel())


def test_fitted_gate_errors_equal_the_snapshot():
    from qiskit_aer.noise import thermal_relaxation_error

    cal = load_calibration("transmon-4q-example")
    for q in cal.qubits:
        thermal = thermal_relaxation_error(q.t1_us * 1e3, q.t2_us * 1e3, q.single_qubit_duration_ns)
        assert _infidelity(thermal) < q.single_qubit_error  # relaxation alone is not the whole error
        assert _infidelity(gate_error(thermal, q.single_qubit_error, 1)) == pytest.approx(q.single_qubit_error, rel=1e-9)
    c = cal.couplings[0]
    a, b = (cal.qubits[i] for i in c.qubits)
    thermal = thermal_relaxation_error(a.t1_us * 1e3, a.t2_us * 1e3, c.two_qubit_duration_ns).expand(
        thermal_relaxation_error(b.t1_us * 1e3, b.t2_us * 1e3, c.two_qubit_duration_ns))
    assert _infidelity(gate_error(thermal, c.two_qubit_error, 2)) == pytest.approx(c.two_qubit_error, rel=1e-9)


def test_no_depolarising_when_relaxation_already_exceeds_the_error():
    assert depolarizing_strength(0.9, 1e-3, 1) == 0.0
    # d = 2, r = 0.01 and a perfect remainder: lambda = r d/(d-1) = 0.02
    assert depolarizing_strength(1.0, 0.01, 1) == pytest.approx(0.02)


def test_calibration_model_covers_gates_and_readout_of_every_qubit():
    cal = load_calibration("transmon-4q-example")
    model = noise_model_from_calibration(cal)
    assert set(model.noise_qubits) == set(range(cal.num_qubits))
    assert {"sx", "x", "cx", "measure"} <= set(model.noise_instructions)
    assert "rz" not in model.noise_instructions  # virtual gate


def test_device_noise_is_built_once_and_unknown_devices_fail_in_one_line():
    assert device_noise("fake_manila") is device_noise("fake_manila")
    assert fake_device("FakeManilaV2").name == "fake_manila"
    with pytest.raises(ValueError, match="unknown fake device 'fake_atlantis'"):
        fake_device("fake_atlantis")
    assert calibration_noise("transmon-4q-example") is calibration_noise("transmon-4q-example")
