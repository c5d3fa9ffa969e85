"""Bloch-Redfield models solved by the reference (evolution, steady state) against the
Lindblad equations they reduce to and the operator form of the Redfield equation."""

import numpy as np
import pytest
import scipy.linalg as la

from qbcircuit import operators as ops
from qbcircuit.models import BatteryModel, InitialState, JumpOperator, RedfieldCoupling
from qbcircuit.reference import evolve, steady_state
from tests.dense_forms import model_redfield_operator_form

from .random_models import random_hermitian_op

W, G, T = 1.3, 0.2, 0.8
TIMES = np.linspace(0, 6, 7)


def n_bose(x):
    return 1 / np.expm1(x / T)


def thermal_spectrum(x):
    """Ohmic-flat bosonic spectrum: emission G (n+1) at x > 0, absorption G n at x < 0."""
    if x > 0:
        return G * (n_bose(x) + 1)
    if x < 0:
        return G * n_bose(-x)
    return 0.0


def model(n, hamiltonian, start, redfield=(), jumps=()):
    return BatteryModel(
        name="test", num_qubits=n, qubit_labels=tuple(f"q{i}" for i in range(n)), battery_qubits=(0,),
        battery_hamiltonian=W * ops.number(0, 1), hamiltonian=hamiltonian,
        redfield_couplings=tuple(redfield), jump_operators=tuple(jumps), initial_state=start,
    )


def test_qubit_secular_redfield_is_thermal_lindblad():
    start = InitialState.from_vectors([(1.0, np.array([1.0, 1j]))])
    h = W * ops.number(0, 1)
    br = model(1, h, start, redfield=[RedfieldCoupling(ops.pauli("X", 0, 1), thermal_spectrum)])
    lb = model(1, h, start, jumps=[JumpOperator(ops.sigma_minus(0, 1), G * (n_bose(W) + 1)),
                                   JumpOperator(ops.sigma_plus(0, 1), G * n_bose(W))])
    a, b = evolve(br, TIMES, store_states=True), evolve(lb, TIMES, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=1e-8)
    # Detailed balance: the steady state is the Gibbs state at T.
    p_excited = steady_state(br).state[1, 1].real
    assert p_excited == pytest.approx(1 / (np.exp(W / T) + 1), abs=1e-10)


def test_degenerate_transitions_give_collective_jumps():
    # Two identical uncoupled qubits sharing one bath through A = X_0 + X_1: the secular
    # Bloch-Redfield equation keeps the cross terms between the two (degenerate)
    # transitions, which is the collective Lindblad equation with S^- and S^+.
    h = W * (ops.number(0, 2) + ops.number(1, 2))
    rng = np.random.default_rng(1)
    start = InitialState.from_vectors([(1.0, rng.normal(size=4) + 1j * rng.normal(size=4))])
    a_op = ops.pauli("X", 0, 2) + ops.pauli("X", 1, 2)
    br = model(2, h, start, redfield=[RedfieldCoupling(a_op, thermal_spectrum)])
    lb = model(2, h, start, jumps=[JumpOperator(ops.total("sigma_minus", [0, 1], 2), G * (n_bose(W) + 1)),
                                   JumpOperator(ops.total("sigma_plus", [0, 1], 2), G * n_bose(W))])
    a, b = evolve(br, TIMES, store_states=True), evolve(lb, TIMES, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=1e-8)
    # Local baths would not give this: the dark singlet makes the collective case differ.
    local = model(2, h, start, jumps=[JumpOperator(ops.sigma_minus(q, 2), G * (n_bose(W) + 1)) for q in (0, 1)]
                  + [JumpOperator(ops.sigma_plus(q, 2), G * n_bose(W)) for q in (0, 1)])
    c = evolve(local, TIMES, store_states=True)
    assert np.max(np.abs(np.array(c.states) - np.array(b.states))) > 1e-3


def random_redfield_model(seed, baths):
    rng = np.random.default_rng(seed)
    spectra = [thermal_spectrum, lambda x: 0.1 * (1 + np.tanh(x)), lambda x: 0.05 * np.exp(-0.3 * x)]
    return model(2, random_hermitian_op(rng, 2), InitialState.from_bitstring("00"),
                 redfield=[RedfieldCoupling(random_hermitian_op(rng, 2, 3), spectra[k]) for k in range(baths)])


# The tensor itself (against its operator form, QuTiP's and under a change of basis) is
# tested in tests/models/test_master_equation.py and tests/test_superoperators.py.


def test_non_secular_steady_state_and_evolution_agree():
    m = random_redfield_model(4, 2)
    lv = model_redfield_operator_form(m)
    ss = steady_state(m, sec_cutoff=-1)
    assert ss.residual < 1e-10
    evo = evolve(m, [0.0, 1.5], sec_cutoff=-1, store_states=True)
    rho0 = m.initial_state.density_matrix().reshape(-1, order="F")
    np.testing.assert_allclose(evo.states[-1], (la.expm(lv * 1.5) @ rho0).reshape((4, 4), order="F"), atol=1e-8)
    assert np.linalg.norm(lv @ ss.state.reshape(-1, order="F")) < 1e-10


def test_solvers_take_the_models_own_secular_cutoff():
    # No cutoff given: the solvers read model.sec_cutoff. This model asks for the full
    # Redfield equation, so its steady state and evolution are those of the operator form,
    # which the default secular cut would miss.
    m = random_redfield_model(4, 2)
    m.sec_cutoff = -1
    lv = model_redfield_operator_form(m)
    ss = steady_state(m)
    assert np.linalg.norm(lv @ ss.state.reshape(-1, order="F")) < 1e-10
    evo = evolve(m, [0.0, 1.5], store_states=True)
    rho0 = m.initial_state.density_matrix().reshape(-1, order="F")
    np.testing.assert_allclose(evo.states[-1], (la.expm(lv * 1.5) @ rho0).reshape((4, 4), order="F"), atol=1e-8)
    m.sec_cutoff = 0.1
    assert np.linalg.norm(lv @ steady_state(m).state.reshape(-1, order="F")) > 1e-6
