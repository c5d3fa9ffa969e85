"""The pulse-level chains beside the exact model: analog charging on transmons within the
run's error budget (leakage + decoherence), and its exact side.

Spin charger M = N = 1 (seed 001): H = (omega0/2)(sigma_z + tau_z) + g (XX + YY)/2, the
battery (qubit 0) empty and the charger full: E(t) = omega0 sin^2(g t), times in 1/g.
"""

import numpy as np
import pytest

from qbcircuit.calibration import load_calibration
from qbcircuit.models import build_model, single_cell
from qbcircuit.pipeline.pulse import run_gate_level, run_pulse_battery

CAL = load_calibration("transmon-4q-example")


def test_single_cell_exact_model_is_the_rabi_formula():
    from qbcircuit.reference import evolve

    m = build_model("single-cell", Omega=0.01)
    t = np.linspace(0, single_cell.charging_time(m), 7)
    ev = evolve(m, t)
    p1 = np.array([rho[1, 1].real for rho in ev.battery_states])
    assert np.allclose(p1, np.sin(0.01 * t / 2) ** 2, atol=1e-8)


@pytest.mark.parametrize("envelope, open_system", [("square", False), ("sine_squared", True), ("gaussian_square", False)])
def test_single_cell_energy_curve_within_budget(envelope, open_system):
    m = build_model("single-cell", envelope=envelope)
    run = run_pulse_battery(m, CAL, single_cell.charging_time(m), open_system=open_system, points=41)
    assert run.within_budget
    assert run.budget.max() < 0.01  # the budget itself is small: the comparison has teeth
    assert run.energy[-1] > 0.99  # a full charge, in omega0


def test_a_two_percent_amplitude_error_leaves_the_budget():
    m = build_model("single-cell", envelope="sine_squared")
    run = run_pulse_battery(m, CAL, single_cell.charging_time(m), points=41)
    wrong = build_model("single-cell", envelope="sine_squared", Omega=0.005 * 1.02)
    wrong.parameters = m.parameters  # same charging time, 2 % stronger drive
    run_wrong = run_pulse_battery(wrong, CAL, single_cell.charging_time(m), points=41, exact=False)
    assert np.max(np.abs(run_wrong.energy - run.exact_energy) - run.budget) > 0


def test_spin_charger_closed_is_exact_on_the_device():
    m = build_model("spin-charger", M=1, N=1)
    run = run_pulse_battery(m, CAL, np.pi / 2, points=31)
    omega0 = np.ptp(np.linalg.eigvalsh(m.battery_hamiltonian.to_matrix()))
    assert np.allclose(run.exact_energy, omega0 * np.sin(run.times) ** 2, atol=1e-7)
    assert run.leakage.max() < 1e-12  # one excitation: b0^+ b1 never reaches level 2
    assert np.max(run.deviation) < 1e-8 * omega0


def test_spin_charger_open_within_the_decoherence_bound():
    m = build_model("spin-charger", M=1, N=1)
    run = run_pulse_battery(m, CAL, np.pi / 2, open_system=True, points=16)
    assert run.within_budget
    assert run.deviation.max() > 1e-5  # decoherence is really there


def test_gate_route_refuses_open_models_and_lab_frame_drives():
    with pytest.raises(ValueError, match="is open: the gate-level pulse route covers closed models only"):
        run_gate_level(build_model("star-network", N=1, bath="local"), CAL, 1.0)
    with pytest.raises(ValueError, match="time-dependent drive in the lab frame"):
        run_gate_level(build_model("single-cell"), CAL, 1.0)
