"""Calibration on the simulated device: the issue's acceptance numbers and the physics behind them."""

import copy

import numpy as np
import pytest

from qbcircuit.pulse.calibrate import pi_pulse_outcome, ramsey_frequency


def test_calibrated_pi_pulse_inverts_the_transmon(calibrated_pair):
    _, _, _, reports = calibrated_pair
    for r in reports:
        assert r.pi_population > 0.999
        assert r.gaussian_pi_population < r.pi_population  # calibration beats a plain Gaussian


def test_drag_cuts_leakage_more_than_tenfold(calibrated_pair):
    _, _, _, reports = calibrated_pair
    for r in reports:
        assert r.leakage * 10 <= r.gaussian_leakage


def test_drag_beta_is_the_first_order_value(calibrated_pair):
    # leakage-cancelling DRAG: quadrature = -(derivative) / alpha, i.e. beta = 1/|alpha| with
    # alpha in rad/ns (Motzoi et al. 2009); the numerical optimum sits within 5 % of it
    device, _, _, reports = calibrated_pair
    for r in reports:
        alpha = 2 * np.pi * device.calibration.qubits[r.qubit].anharmonicity_ghz
        assert r.drag_beta_ns == pytest.approx(1 / abs(alpha), rel=0.05)


def test_stark_detuning_is_of_the_order_of_the_ac_stark_shift(calibrated_pair):
    device, controls, detunings, _ = calibrated_pair
    for q, mhz in detunings.items():
        qc = controls.qubits[q]
        peak_rabi = 2 * np.pi * qc.drive_strength_ghz * qc.pi_amplitude
        shift_mhz = peak_rabi**2 / (2 * abs(2 * np.pi * qc.anharmonicity_ghz)) / (2 * np.pi) * 1e3
        assert 0.2 * shift_mhz < abs(mhz) < 2 * shift_mhz


def test_uncalibrated_snapshot_fails_the_pi_pulse(calibrated_pair):
    device, _, _, _ = calibrated_pair
    p1, _ = pi_pulse_outcome(device, device.calibration, 0)  # the snapshot's 0.117, beta 0
    assert p1 < 0.9


def test_ramsey_finds_a_mistuned_frequency(calibrated_pair):
    device, controls, _, _ = calibrated_pair
    guess = copy.deepcopy(controls)
    guess.qubits[0].frequency_ghz += 0.0003  # 300 kHz off
    found = ramsey_frequency(device, guess, 0)
    assert abs(found - device.frequency_ghz(0)) < 1e-6  # within 1 kHz
