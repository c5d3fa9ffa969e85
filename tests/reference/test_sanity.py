"""Issue 19, item 5: a steady state or an evolution that is not a state of the model (residual,
trace, Hermiticity, positivity, non-finite numbers) is an error naming the quantity and its
value, never a silent number; in a sweep such a point is failed, not ok. Plus the cost
estimates' arithmetic (issue 19, item 2)."""

import numpy as np
import pytest

from qbcircuit import build_model
from qbcircuit.cli.main import main
from qbcircuit.models.master_equation import generator
from qbcircuit.models.registry import get_model_spec
from qbcircuit.reference import cost, steady, steady_state
from qbcircuit.reference.figures import check_battery_states, check_finite_series
from qbcircuit.superoperators import vec


def star(**params):
    return build_model("star-network", N=2, **params)


def residual_of_model(model):
    lv = generator(model)
    return lambda rho: float(np.linalg.norm(lv @ vec(rho)))


def test_the_solved_steady_state_passes_and_is_stationary():
    model = star()
    ss = steady_state(model)
    assert ss.residual < 1e-12 * steady.dissipative_scale(model)
    assert np.trace(ss.state).real == pytest.approx(1.0, abs=1e-12)


def test_a_state_that_is_not_stationary_is_refused_by_its_residual():
    """The initial state |0..0><0..0| of the star network is a state (Hermitian, trace 1,
    positive) but not its steady state: the residual check alone must refuse it."""
    model = star()
    rho = model.initial_state.density_matrix()
    residual = residual_of_model(model)(rho)
    assert residual > 1e-3
    with pytest.raises(ValueError, match=r"residual \|\|L rho\|\| = .* dissipative scale"):
        steady.checked_state(model, rho, residual_of_model(model))


def test_a_slightly_perturbed_steady_state_is_refused_beyond_the_tolerance_only():
    model = star()
    good = steady_state(model).state
    residual_of = residual_of_model(model)
    off = np.zeros_like(good)
    off[0, 0], off[-1, -1] = 1.0, -1.0  # traceless, Hermitian: moves populations
    scale = steady.dissipative_scale(model)
    small = good + 1e-3 * steady.RESIDUAL_TOL * off
    steady.checked_state(model, small, residual_of)  # within the tolerance: accepted
    with pytest.raises(ValueError, match="residual"):
        steady.checked_state(model, good + 10 * steady.RESIDUAL_TOL * scale * off, residual_of)


@pytest.mark.parametrize("damage, words", [
    (lambda r: r + 1e-3j * np.triu(np.ones_like(r), 1), "not Hermitian"),
    (lambda r: r - np.trace(r) * np.eye(r.shape[0]) / r.shape[0], "trace"),
    (lambda r: np.where(np.eye(r.shape[0], dtype=bool), np.nan, r), "non-finite"),
])
def test_states_that_are_not_states_are_refused(damage, words):
    model = star()
    good = steady_state(model).state
    with pytest.raises(ValueError, match=words):
        steady.checked_state(model, damage(good), residual_of_model(model))


def test_a_negative_eigenvalue_is_refused():
    model = star()
    rho = np.diag([1.2, -0.2, 0.0, 0.0]).astype(complex)
    with pytest.raises(ValueError, match="not positive"):
        steady.checked_state(model, rho, lambda r: 0.0)


def test_the_star_network_at_omega0_1e200_is_refused_twice_over(capsys):
    """Refused at the registry (exit 2, one line) ...; and the builder's model, bypassing the
    registry, can only give an answer that passes the state checks (it no longer exits 0 with
    a residual of order 1)."""
    assert main(["exact", "star-network", "-p", "omega0=1e200", "--steady-state"]) == 2
    assert "'omega0' must have magnitude" in capsys.readouterr().err
    spec = get_model_spec("star-network")
    values = {p.name: p.default for p in spec.parameters} | {"omega0": 1e200}
    model = spec.builder(**values)
    try:
        ss = steady_state(model)
    except ValueError as exc:
        assert "steady state of 'star-network'" in str(exc)
    else:
        assert ss.residual <= steady.RESIDUAL_TOL * steady.dissipative_scale(model)


def test_evolved_battery_states_with_a_wrong_trace_are_refused():
    model = star()
    times = np.array([0.0, 1.0])
    good = [np.diag([1.0, 0.0]).astype(complex)] * 2
    check_battery_states(model, times, good)
    with pytest.raises(ValueError, match="trace 0.9 at t = 1"):
        check_battery_states(model, times, [good[0], np.diag([0.9, 0.0]).astype(complex)])
    with pytest.raises(ValueError, match="not Hermitian"):
        check_battery_states(model, times, [good[0], np.array([[1.0, 0.1], [0.0, 0.0]], dtype=complex)])


def test_non_finite_figures_are_refused():
    model = star()
    with pytest.raises(ValueError, match="ergotropy is nan at t = 2"):
        check_finite_series(model, np.array([0.0, 2.0]), {"energy": np.zeros(2), "ergotropy": np.array([0.0, np.nan])})


def test_a_sweep_point_whose_steady_state_fails_its_check_is_failed_not_ok(monkeypatch):
    from qbcircuit.sweep.points import PointTask, run_point

    task = PointTask(0, "star-network", {"N": 2}, "qbcircuit.sweep.points:exact_steady_state", {})
    assert run_point(task)["status"] == "ok"
    monkeypatch.setattr(steady, "RESIDUAL_TOL", -1.0)  # every residual is now beyond it
    record = run_point(task)
    assert record["status"] == "failed" and "residual" in record["error"]


# --- the cost estimates ----------------------------------------------------------------------------
def test_memory_estimates_grow_as_the_dense_objects_do():
    """Open register: density matrices, 16 d^2 bytes each; one more qubit multiplies by 4 at least."""
    small = cost.estimate_steady_state(build_model("spin-chain-cavity", N=2, cavity_qubits=2))
    large = cost.estimate_steady_state(build_model("spin-chain-cavity", N=3, cavity_qubits=2))
    assert small.dimension == 16 and large.dimension == 32
    assert large.memory >= 4 * small.memory * 0.9
    assert small.memory >= 16 * 16**2


def test_closed_register_memory_is_linear_in_d_beside_the_battery():
    """A one-cell battery and N chargers: no d^2 object for a pure closed evolution; a battery
    as wide as the register (a spin chain) holds its dense battery states, d^2."""
    a = cost.estimate_time_series(build_model("spin-charger", M=1, N=7), [0.0, 1.0], "qutip")
    b = cost.estimate_time_series(build_model("spin-charger", M=1, N=9), [0.0, 1.0], "qutip")
    assert a.unknowns == 256 and b.unknowns == 1024
    assert b.memory < 8 * a.memory
    chain = cost.estimate_time_series(build_model("spin-chain", N=10), [0.0, 1.0], "qutip")
    assert chain.memory >= 16 * 1024**2


def test_steps_scale_with_the_window_and_the_frequency():
    model = build_model("spin-chain", N=4, B=2.0)
    one = cost.estimate_time_series(model, [0.0, 10.0], "qutip")
    ten = cost.estimate_time_series(model, [0.0, 100.0], "qutip")
    assert ten.steps == pytest.approx(10 * one.steps)
    assert one.steps >= 2.0 * 4 * 10  # at least B per spin, over 10 time units


def test_an_explicit_memory_limit_refuses_and_names_both_sides():
    estimate = cost.estimate_steady_state(star())
    with pytest.raises(ValueError, match=r"would need ~.* more than the .* max_memory_gb=1e-09"):
        cost.check(estimate, max_memory_gb=1e-9)
    with pytest.raises(ValueError, match="max_memory_gb must be a number > 0"):
        cost.memory_limit(-1)


def test_available_memory_is_positive():
    assert cost.available_memory() > 0


def test_a_truncation_is_not_grown_beyond_the_memory_limit(monkeypatch):
    """The growth stops where the next truncation would exceed the means, not converged, with
    the reason in the report (instead of a memory error after minutes)."""
    from qbcircuit.reference import steady_state_figures

    model = build_model("spin-chain-cavity", N=1, charging="coherent", f=0.5)
    first = cost.estimate_steady_state(model)
    budget = first.memory * 1.5 / 1e9  # the first truncation fits, the next (4x) does not
    result = steady_state_figures(model, spectrum=False, max_memory_gb=budget)
    report = result.info["truncation"]
    assert report["converged"] is False and "beyond the machine's means" in report["note"]
    assert report["mode_qubits"] == len(model.truncated_mode.qubits)
