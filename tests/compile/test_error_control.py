"""The step count chosen for a tolerance meets it against an exact curve computed here
independently (dense matrix exponentials, not the reference solver handed to the
compiler), one step fewer does not, the error falls with the order's power of dt, and the
commutator bound is never below the measured error."""

import numpy as np
import pytest
import scipy.linalg as la

from qbcircuit.compile import choose_steps, choose_steps_bound, curve_error
from qbcircuit.compile.error_control import step_error_constant, trotter_energy_curve
from qbcircuit.compile.layering import layering
from tests.compile.battery_models import spin_charger, xy_chain
from tests.compile.exact_curves import exact_stored_energy
from tests.compile.test_product_formulas import coherent_product_state


def dense_stored_energy(model, times) -> np.ndarray:
    """W(t) = <psi(t)| H_B |psi(t)> - <psi(0)| H_B |psi(0)> by dense expm (closed model, pure
    state). The battery is the low qubits 0..M-1 (Qiskit order): H_B on the register is
    I (chargers) kron H_B."""
    assert tuple(model.battery_qubits) == tuple(range(len(model.battery_qubits)))
    h = model.hamiltonian.to_matrix()
    rest = 2 ** (model.num_qubits - len(model.battery_qubits))
    h_b = np.kron(np.eye(rest), model.battery_hamiltonian.to_matrix())
    ((weight, psi0),) = model.initial_state.components()
    psi0 = psi0 / np.linalg.norm(psi0)
    values = []
    for t in times:
        psi = la.expm(-1j * h * t) @ psi0
        values.append(np.vdot(psi, h_b @ psi).real)
    values = np.array(values)
    return values - np.vdot(psi0, h_b @ psi0).real


def relative_error(model, t_final, steps, order) -> float:
    """error(K) of the module docstring, from the independent curve."""
    times = np.linspace(0, t_final, steps + 1)
    exact = dense_stored_energy(model, times)
    curve = trotter_energy_curve(model, t_final, steps, order)
    return float(np.max(np.abs(curve - curve[0] - exact)) / np.max(np.abs(exact)))


@pytest.mark.parametrize("order", [1, 2, 4])
def test_exact_check_finds_the_smallest_step_count(order):
    model = spin_charger(2, 2)
    tolerance = 2e-3
    choice = choose_steps(model, 4.0, order, tolerance, exact_energy=exact_stored_energy(model))
    assert choice.method == "exact check" and not choice.note
    # against the independent curve: the choice meets the tolerance, one step fewer does not
    assert relative_error(model, 4.0, choice.steps, order) <= tolerance
    assert choice.error == pytest.approx(relative_error(model, 4.0, choice.steps, order), rel=1e-6)
    assert choice.steps > 1 and relative_error(model, 4.0, choice.steps - 1, order) > tolerance
    # every count it tried below the choice fails; where cheap, every count below it fails
    below = range(1, choice.steps) if choice.steps <= 40 else [k for k in choice.tried if k < choice.steps]
    assert all(relative_error(model, 4.0, k, order) > tolerance for k in below)
    assert f"{choice.steps} steps of order {order}" in choice.describe()


@pytest.mark.parametrize("order", [1, 2, 4])
def test_curve_error_falls_with_the_orders_power_of_dt(order):
    # A coherent product state: from a basis state the first-order energy error is
    # already second order (tests/compile/test_product_formulas.py).
    model = spin_charger(2, 2)
    model.initial_state = coherent_product_state(4)
    exact = exact_stored_energy(model)
    steps = (8, 16, 32) if order == 4 else (32, 64, 128)
    errors = [curve_error(model, 4.0, k, order, exact) for k in steps]
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    np.testing.assert_allclose(ratios, 2.0**order, rtol=0.1)
    # and curve_error is the independent error(K)
    assert errors[0] == pytest.approx(relative_error(model, 4.0, steps[0], order), rel=1e-6)


@pytest.mark.parametrize("order", [1, 2])
def test_commutator_bound_is_never_below_the_measured_error(order):
    model = xy_chain(6)
    energy_range = 3.0  # omega0 x 3 battery cells: E_max - E_min of H_B
    bound = choose_steps_bound(model, 2.0, order, 1e-2)
    assert bound.method == "commutator bound" and bound.error <= 1e-2
    # the bound is on |W_K - W| / (E_max - E_min) over the whole curve
    times = np.linspace(0, 2.0, bound.steps + 1)
    curve = trotter_energy_curve(model, 2.0, bound.steps, order)
    measured = np.max(np.abs(curve - curve[0] - dense_stored_energy(model, times))) / energy_range
    assert measured <= bound.error
    # and it is looser than the exact check
    exact = choose_steps(model, 2.0, order, 1e-2, exact_energy=exact_stored_energy(model))
    assert exact.method == "exact check" and bound.steps >= exact.steps


def test_without_an_exact_curve_the_choice_is_the_bound_and_says_so():
    model = xy_chain(6)
    choice = choose_steps(model, 2.0, 2, 1e-2)
    assert choice.method == "commutator bound" and choice.steps == choose_steps_bound(model, 2.0, 2, 1e-2).steps
    assert "no exact energy curve" in choice.note and "no exact energy curve" in choice.describe()
    with pytest.raises(ValueError, match="exact_energy"):
        choose_steps(model, 2.0, 4, 1e-2)


def test_exact_energy_must_be_the_stored_energy_at_the_times_asked():
    model = spin_charger(2, 2)
    exact = exact_stored_energy(model)
    with pytest.raises(ValueError, match="W\\(0\\)"):
        curve_error(model, 1.0, 4, 2, lambda times: exact(times) + 1.0)  # absolute energies: E(0) != 0
    with pytest.raises(ValueError, match="5 finite stored energies"):
        curve_error(model, 1.0, 4, 2, lambda times: exact(times)[:-1])


def test_commuting_layers_have_no_error_constant():
    # uncoupled cells: a field layer only
    from qbcircuit import operators as ops
    from qiskit.quantum_info import SparsePauliOp
    h = SparsePauliOp.sum([ops.sigma_z(q, 3) for q in range(3)])
    from tests.compile.test_layering import closed_model
    assert step_error_constant(layering(closed_model(h)), 1) == 0
    assert step_error_constant(layering(xy_chain(6)), 1) > 0


def test_bad_tolerance_and_open_model_are_errors():
    with pytest.raises(ValueError, match="tolerance"):
        choose_steps(spin_charger(), 1.0, 2, 0.0)
    from qbcircuit.compile.evolution import unitary_part
    from qbcircuit.models import build_model
    star = build_model("star-network", N=2)
    with pytest.raises(ValueError, match="open"):
        choose_steps(star, 1.0, 2, 1e-3, exact_energy=exact_stored_energy(star))
    assert choose_steps(star, 1.0, 2, 1e-3, unitary_only=True,
                        exact_energy=exact_stored_energy(unitary_part(star))).steps >= 1
