"""The open-model compiler end to end on Aer's density-matrix method: convergence orders
measured against exp(t L), ancilla circuits against exact-channel insertion, steady-state
figures, and circuit statistics for the star network (seed 003)."""

import numpy as np
import pytest

from qbcircuit.compile.dissipation import (
    compile_open_evolution,
    step_superoperator,
    system_density_matrices,
    system_density_matrix,
)
from qbcircuit.compile.dissipation.superoperators import apply_superop
from qbcircuit.metrics import partial_trace
from qbcircuit.models import build_model
from qbcircuit.reference import steady_state_figures

from .exact import exact_state, fitted_order, trace_distance

FAST = {"thermal": "channel", "share_ancillas": True}  # 4 qubits instead of 9: same channels


def measured_order(model, t, steps_list, order, **options):
    compiled = [compile_open_evolution(model, t, s, order, **options) for s in steps_list]
    exact = exact_state(model, t)
    errors = [trace_distance(rho, exact) for rho in system_density_matrices(compiled)]
    return fitted_order([t / s for s in steps_list], errors), errors


def star(bath, **params):
    return build_model("star-network", N=3, bath=bath, **params)


@pytest.mark.parametrize("order", [1, 2])
def test_star_local_converges_with_the_claimed_order(order):
    slope, errors = measured_order(star("local"), 1.0, [4, 8, 16], order, **FAST)
    assert slope == pytest.approx(order, abs=0.15)
    assert errors[-1] < (3e-2 if order == 1 else 2e-3)


@pytest.mark.parametrize("order", [1, 2])
def test_seed_002_secular_pair_converges_with_the_claimed_order(order):
    model = build_model("driven-dissipative", equation="secular", theta=np.pi / 4)
    slope, _ = measured_order(model, 2.0, [4, 8, 16], order, **FAST)
    assert slope == pytest.approx(order, abs=0.15)


def test_star_collective_shared_ancilla_is_first_order_even_with_symmetric_steps():
    # mu = 3: n != 1/2, where the forward ordering's coherent error does not cancel
    model = star("collective", mu=3.0)
    slope, errors = measured_order(model, 1.0, [8, 16, 32], 2, **FAST)
    assert slope == pytest.approx(1.0, abs=0.15)
    _, forward = measured_order(model, 1.0, [8, 32], 2, ordering="forward", **FAST)
    # forward: the error does not shrink with dt (a spurious Hamiltonian of order Gamma)
    assert forward[1] > 0.8 * forward[0] and forward[1] > 5 * errors[-1]


@pytest.mark.slow
def test_star_collective_dilated_is_second_order():
    slope, _ = measured_order(star("collective", mu=3.0), 1.0, [4, 8, 16], 2, collective="dilation",
                              share_ancillas=True)
    assert slope == pytest.approx(2.0, abs=0.15)


def test_ancilla_circuit_and_exact_channels_agree_on_the_star_network():
    # the default circuit: one purified thermal ancilla per local bath, 3 + 6 qubits
    model = star("local")
    ancilla = compile_open_evolution(model, 0.5, 2, 2, "ancilla")
    exact = compile_open_evolution(model, 0.5, 2, 2, "exact")
    a, e = system_density_matrices([ancilla, exact])
    assert np.abs(a - e).max() < 1e-10
    assert trace_distance(a, exact_state(model, 0.5)) > 1e-4  # a real Trotter error, not a tautology


def test_star_network_circuit_statistics():
    local = compile_open_evolution(star("local"), 1.0, 4, 1).stats()
    # 3 system qubits + per bath an ancilla and its purifier (0 < n < 1 on every qubit)
    assert (local.num_qubits, local.ancillas, local.resets_per_step) == (9, 6, 6)
    # two exchange bonds of H, one exchange gate and one purifying CNOT per bath
    assert local.two_qubit_gates_per_step == 2 + 3 + 3 and local.two_qubit_gates == 4 * 8
    shared = compile_open_evolution(star("local"), 1.0, 4, 1, **FAST).stats()
    assert (shared.num_qubits, shared.ancillas, shared.resets_per_step) == (4, 1, 3)
    collective = compile_open_evolution(star("collective", mu=3.0), 1.0, 4, 2).stats()
    # one shared ancilla (+ purifier); order 2: H half steps (2 + 2 bonds... merged per
    # half step: A/2 B A/2) and the symmetric collision A0 A1 A2 A1 A0 + the CNOT
    assert (collective.num_qubits, collective.ancillas, collective.resets_per_step) == (5, 2, 2)
    assert collective.two_qubit_gates_per_step == 3 + 3 + 5 + 1
    exact = compile_open_evolution(star("local"), 1.0, 4, 1, "exact").stats()
    assert (exact.num_qubits, exact.resets_per_step, exact.channel_instructions_per_step) == (3, 0, 3)


def circuit_steady_figures(model, dt, t_long, **options):
    """Figures of the circuit's state after t_long: its one-step map (measured on Aer)
    composed t_long/dt times, checked against a direct run of 8 steps."""
    one = compile_open_evolution(model, dt, 1, 2, **options)
    step = step_superoperator(one)
    rho0 = model.initial_state.density_matrix()
    direct = system_density_matrix(compile_open_evolution(model, 8 * dt, 8, 2, **options))
    assert np.abs(apply_superop(np.linalg.matrix_power(step, 8), rho0) - direct).max() < 1e-10
    rho = apply_superop(np.linalg.matrix_power(step, int(round(t_long / dt))), rho0)
    rho_b = partial_trace(rho, model.battery_qubits, model.num_qubits)
    rho_f = partial_trace(rho, model.figure_qubits, model.num_qubits) if model.figure_qubits else None
    return model.figures(model, rho_b, rho_f)


@pytest.mark.parametrize("bath, params", [("local", {}), ("collective", {"mu": 3.0})])
def test_star_network_reaches_the_steady_ergotropy_ratio(bath, params):
    model = star(bath, **params)
    exact = steady_state_figures(model).figures["ergotropy_ratio"]
    got = circuit_steady_figures(model, 0.25, 2000.0, **FAST)["ergotropy_ratio"]
    assert got == pytest.approx(exact, abs=1e-2)
    if bath == "local":
        assert exact == pytest.approx(0.3808, abs=1e-4)  # the README's seed-003 value
    else:
        assert exact == pytest.approx(np.tanh(1.0), abs=1e-6)  # W = tanh((mu - omega)/2T)


def test_seed_002_reaches_the_steady_efficiency():
    model = build_model("driven-dissipative", equation="secular", theta=np.pi / 4)
    exact = steady_state_figures(model).figures
    got = circuit_steady_figures(model, 0.5, 2000.0, **FAST)
    assert got["efficiency"] == pytest.approx(exact["efficiency"], abs=1e-2)
    assert got["concurrence"] == pytest.approx(exact["concurrence"], abs=1e-2)
    assert got["sx1_sx2"] == pytest.approx(1.0, abs=1e-10)  # conserved by every gate and gadget


@pytest.mark.parametrize("kwargs, match", [
    ({"order": 4}, "order must be 1 or 2"),
    ({"channels": "kraus"}, "channels must be"),
    ({"steps": 0}, "steps must be"),
    ({"thermal": "coherent"}, "thermal must be"),
    ({"collective": "twice"}, "collective must be"),
])
def test_bad_options_are_one_line_value_errors(kwargs, match):
    args = {"t": 1.0, "steps": 2, "order": 2} | kwargs
    with pytest.raises(ValueError, match=match):
        compile_open_evolution(star("local"), **args)


def test_layers_reuse_ancillas_and_the_report_is_json():
    import json

    model = build_model("driven-dissipative", equation="secular", theta=np.pi / 4)
    compiled = compile_open_evolution(model, 1.0, 4, 2)
    stats = compiled.stats()
    # two dressed channels on the same qubits: one after the other (C1(dt/2) C2(dt) C1(dt/2)),
    # on one reused register of ancilla + purifier: 2 + 2 qubits, 3 collisions per step
    assert (stats.num_qubits, stats.ancillas, stats.resets_per_step) == (4, 2, 6)
    report = json.loads(json.dumps(compiled.report()))
    assert report["num_qubits"] == 4 and len(report["channel_groups"]) == 2
    assert all(g["basis"] == "eigenbasis of H (dressed)" for g in report["channel_groups"])
    lines = compiled.report_lines()
    assert any("resets per step 6" in line for line in lines)


@pytest.mark.parametrize("order", [1, 2])
def test_driven_open_model_against_qutip(order):
    # a time-dependent drive (sampled at each sub-step's midpoint) with damping and
    # pumping, against QuTiP's mesolve: the claimed order, and both paths agree
    import dataclasses

    from qbcircuit import operators as ops
    from qbcircuit.models.core import DriveTerm
    from qbcircuit.reference import evolve

    from .models import open_model

    model = open_model(2, [(ops.sigma_minus(0, 2), 0.5), (ops.sigma_plus(1, 2), 0.3)])
    model = dataclasses.replace(model, drives=(DriveTerm(ops.pauli("X", 0, 2), lambda t: 0.8 * np.cos(2 * t)),))
    exact = np.asarray(evolve(model, [0.0, 1.0], store_states=True).states[-1])
    steps = [4, 8, 16]
    ancilla = [compile_open_evolution(model, 1.0, s, order, thermal="channel") for s in steps]
    channels = [compile_open_evolution(model, 1.0, s, order, "exact") for s in steps]
    states = system_density_matrices(ancilla + channels)
    assert max(np.abs(a - b).max() for a, b in zip(states[:3], states[3:])) < 1e-10
    errors = [trace_distance(rho, exact) for rho in states[:3]]
    assert fitted_order([1 / s for s in steps], errors) == pytest.approx(order, abs=0.15)
