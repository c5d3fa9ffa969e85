"""Time series of figures of merit, and maxima located between grid points."""

import numpy as np
import pytest

from qbcircuit import operators as ops
from qbcircuit.models import BatteryModel, InitialState, build_model
from qbcircuit.reference import steady_state_figures, time_series


def rabi_battery(omega=1.0, drive=0.7):
    # One cell H_B = omega n, charged by a resonant field in its rotating frame: H = drive X.
    # Closed form: p_excited(t) = sin^2(drive t), W(t) = omega sin^2(drive t).
    return BatteryModel(
        name="rabi", num_qubits=1, qubit_labels=("battery",), battery_qubits=(0,),
        battery_hamiltonian=omega * ops.number(0, 1), hamiltonian=drive * ops.pauli("X", 0, 1),
        initial_state=InitialState.from_bitstring("0"),
    )


def test_rabi_energy_ergotropy_power_closed_forms():
    model = rabi_battery()
    times = np.linspace(0, 4, 9)  # coarse on purpose
    ts = time_series(model, times)
    np.testing.assert_allclose(ts.series["energy"], np.sin(0.7 * times) ** 2, atol=1e-8)
    # A pure state: ergotropy = its energy above the ground state.
    np.testing.assert_allclose(ts.series["ergotropy"], np.sin(0.7 * times) ** 2, atol=1e-8)
    t_e, e_max = ts.maxima["energy"]
    assert t_e == pytest.approx(np.pi / 2 / 0.7, abs=1e-5) and e_max == pytest.approx(1.0, abs=1e-10)
    # Max of sin^2(a t)/t: tan(a t) = 2 a t, a t = 1.16556118520721...
    t_p, p_max = ts.maxima["power"]
    assert t_p == pytest.approx(1.1655611852072113 / 0.7, abs=1e-5)
    assert p_max == pytest.approx(np.sin(1.1655611852072113) ** 2 / (1.1655611852072113 / 0.7), abs=1e-9)
    assert np.isnan(ts.series["power"][0])


def test_star_network_relaxes_to_its_steady_state():
    model = build_model("star-network", N=3)
    ts = time_series(model, np.linspace(0, 30, 31))
    ss = steady_state_figures(model)
    assert ts.series["ergotropy_ratio"][-1] == pytest.approx(ss.figures["ergotropy_ratio"], abs=1e-6)
    assert ts.series["energy"][-1] == pytest.approx(ss.figures["energy"], abs=1e-5)


def test_json_shape():
    d = time_series(rabi_battery(), np.linspace(0, 1, 5)).to_dict()
    for key in ("times", "energy", "ergotropy", "power", "energy_max", "t_power_max", "units"):
        assert key in d
    assert d["power"][0] is None  # undefined at t = 0


def test_figure_qubits_feed_model_figures():
    # Two cells exchanging an excitation: |01> -> cos(Jt)|01> - i sin(Jt)|10>, whose
    # concurrence is |sin(2 J t)|; the hook gets the two-qubit state through figure_qubits.
    from qbcircuit.metrics import concurrence

    J = 0.8
    model = BatteryModel(
        name="pair", num_qubits=2, qubit_labels=("battery", "charger"), battery_qubits=(0,),
        battery_hamiltonian=ops.number(0, 1), hamiltonian=J * ops.exchange(0, 1, 2),
        initial_state=InitialState.from_bitstring("10"),  # charger (qubit 1) excited
        figure_qubits=(0, 1), figures=lambda m, rho_b, rho_pair: {"concurrence": concurrence(rho_pair)},
    )
    times = np.linspace(0, 3, 7)
    ts = time_series(model, times, refine=False)
    np.testing.assert_allclose(ts.series["concurrence"], np.abs(np.sin(2 * J * times)), atol=1e-6)
    np.testing.assert_allclose(ts.series["energy"], np.sin(J * times) ** 2, atol=1e-8)
