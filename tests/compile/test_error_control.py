"""The step count chosen for a tolerance meets it, and one step fewer does not."""

import numpy as np
import pytest

from qbcircuit.compile import choose_steps, choose_steps_bound, curve_error
from qbcircuit.compile.error_control import step_error_constant
from qbcircuit.compile.layering import layering
from tests.compile.battery_models import spin_charger, xy_chain


@pytest.mark.parametrize("order", [1, 2, 4])
def test_exact_check_finds_the_smallest_step_count(order):
    model = spin_charger(2, 2)
    choice = choose_steps(model, 4.0, order, 2e-3)
    assert choice.method == "exact check"
    assert choice.error <= 2e-3
    assert curve_error(model, 4.0, choice.steps, order) == pytest.approx(choice.error)
    if choice.steps > 1:
        assert curve_error(model, 4.0, choice.steps - 1, order) > 2e-3
    assert f"{choice.steps} steps of order {order}" in choice.describe()


@pytest.mark.parametrize("order", [1, 2])
def test_commutator_bound_is_safe_and_looser(order):
    model = xy_chain(6)
    bound = choose_steps_bound(model, 2.0, order, 1e-2)
    exact = choose_steps(model, 2.0, order, 1e-2)
    assert bound.steps >= exact.steps
    # the bound guarantees error <= 1e-2 x energy range (3 omega0); max W here is
    # below the range, so check the curve error against the same absolute budget
    from qbcircuit.compile.error_control import exact_energy_curve
    w_max = np.max(np.abs(exact_energy_curve(model, np.linspace(0, 2, 41)) - exact_energy_curve(model, [0, 1])[0]))
    assert curve_error(model, 2.0, bound.steps, order) * w_max <= 1e-2 * 3.0


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
    from qbcircuit.models import build_model
    with pytest.raises(ValueError, match="open"):
        choose_steps(build_model("star-network", N=2), 1.0, 2, 1e-3)
    assert choose_steps(build_model("star-network", N=2), 1.0, 2, 1e-3, unitary_only=True).steps >= 1
