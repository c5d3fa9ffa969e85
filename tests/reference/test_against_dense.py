"""The reference solver (QuTiP) against independent dense solvers (scipy), to 1e-8."""

import numpy as np
import pytest
import scipy.linalg as la
from scipy.integrate import solve_ivp

from qbcircuit.metrics import partial_trace
from qbcircuit.reference import evolve, steady_state
from qbcircuit.superoperators import unvec

from .random_models import random_model

TIMES = np.linspace(0.0, 2.5, 6)


def dense_lindblad_states(model, times):
    """exp(L t) vec(rho0), L built from dense numpy matrices independently of the package."""
    d = model.dimension
    h = model.hamiltonian.to_matrix()
    eye = np.eye(d)
    lv = -1j * (np.kron(eye, h) - np.kron(h.T, eye))
    for j in model.jump_operators:
        l = j.operator.to_matrix()
        ldl = l.conj().T @ l
        lv += j.rate * (np.kron(l.conj(), l) - 0.5 * np.kron(eye, ldl) - 0.5 * np.kron(ldl.T, eye))
    rho0 = model.initial_state.density_matrix().reshape(-1, order="F")
    return [(la.expm(lv * t) @ rho0).reshape((d, d), order="F") for t in times], lv


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("state", ["pure", "mixture", "mixed"])
def test_lindblad_evolution_matches_expm(seed, state):
    rng = np.random.default_rng(seed)
    model = random_model(rng, n=2 + seed % 2, jumps=2, state=state, battery=(0, 1) if seed % 2 else (1,))
    expected, _ = dense_lindblad_states(model, TIMES)
    evo = evolve(model, TIMES, store_states=True)
    for k, rho in enumerate(expected):
        np.testing.assert_allclose(evo.states[k], rho, atol=1e-8)
        np.testing.assert_allclose(evo.battery_states[k], partial_trace(rho, model.battery_qubits, model.num_qubits), atol=1e-8)
    # (The package's own Liouvillian against this dense one: tests/models/test_master_equation.py.)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("state", ["pure", "mixture", "mixed"])
def test_closed_evolution_matches_expm(seed, state):
    rng = np.random.default_rng(100 + seed)
    model = random_model(rng, n=3, jumps=0, state=state, battery=(2, 0))
    h = model.hamiltonian.to_matrix()
    rho0 = model.initial_state.density_matrix()
    evo = evolve(model, TIMES, store_states=True)
    for k, t in enumerate(TIMES):
        u = la.expm(-1j * h * t)
        np.testing.assert_allclose(evo.states[k], u @ rho0 @ u.conj().T, atol=1e-8)


@pytest.mark.parametrize("jumps", [0, 2])
def test_time_dependent_drive_matches_ode_integration(jumps):
    rng = np.random.default_rng(5)
    model = random_model(rng, n=2, jumps=jumps, drives=2, state="mixed")
    d = model.dimension
    jump_mats = [(j.rate, j.operator.to_matrix()) for j in model.jump_operators]

    def rhs(t, y):
        rho = y.reshape((d, d))
        h = model.hamiltonian_at(t).to_matrix()
        out = -1j * (h @ rho - rho @ h)
        for rate, l in jump_mats:
            ldl = l.conj().T @ l
            out += rate * (l @ rho @ l.conj().T - 0.5 * (ldl @ rho + rho @ ldl))
        return out.ravel()

    sol = solve_ivp(rhs, (0, TIMES[-1]), model.initial_state.density_matrix().ravel().astype(complex),
                    t_eval=TIMES, method="DOP853", rtol=1e-12, atol=1e-13)
    evo = evolve(model, TIMES, store_states=True)
    for k in range(TIMES.size):
        np.testing.assert_allclose(evo.states[k], sol.y[:, k].reshape((d, d)), atol=1e-8)


def test_evolution_restarts_from_final_state():
    rng = np.random.default_rng(9)
    model = random_model(rng, n=2, jumps=1, state="pure")
    whole = evolve(model, [0, 1.0, 2.0], store_states=True)
    first = evolve(model, [0, 1.0])
    second = evolve(model, [1.0, 2.0], initial_state=first.final_state, store_states=True)
    np.testing.assert_allclose(second.states[-1], whole.states[-1], atol=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_steady_state_matches_dense_null_space(seed):
    rng = np.random.default_rng(200 + seed)
    model = random_model(rng, n=2 + seed % 2, jumps=3, state="pure")
    _, lv = dense_lindblad_states(model, [0.0])
    null = la.null_space(lv)
    assert null.shape[1] == 1  # generic random channels: a unique steady state
    rho = unvec(null[:, 0], model.dimension)
    rho /= np.trace(rho)
    ss = steady_state(model)
    assert ss.degeneracy == 1
    np.testing.assert_allclose(ss.state, rho, atol=1e-9)
    assert ss.residual < 1e-10
    # The gap is the slowest decay: the evolution approaches rho_ss as exp(-gap t).
    ev = la.eigvals(lv)
    assert ss.gap == pytest.approx(np.min(-ev.real[np.abs(ev) > 1e-9]), rel=1e-6)


def test_degenerate_steady_state_is_the_long_time_limit():
    # Two qubits under collective decay S^- = sigma_0^- + sigma_1^- and collective pumping
    # keep the singlet dark: the kernel is two-dimensional and the limit depends on rho(0).
    from qbcircuit import operators as ops
    from qbcircuit.models import BatteryModel, InitialState, JumpOperator

    rng = np.random.default_rng(3)
    vec0 = rng.normal(size=4) + 1j * rng.normal(size=4)
    model = BatteryModel(
        name="collective pair", num_qubits=2, qubit_labels=("a", "b"), battery_qubits=(0,),
        battery_hamiltonian=ops.sigma_z(0, 1),
        hamiltonian=ops.sigma_z(0, 2) + ops.sigma_z(1, 2) + 0.7 * ops.exchange(0, 1, 2),
        jump_operators=(JumpOperator(ops.total("sigma_minus", [0, 1], 2), 1.0),
                        JumpOperator(ops.total("sigma_plus", [0, 1], 2), 0.3)),
        initial_state=InitialState.from_vectors([(1.0, vec0)]),
    )
    ss = steady_state(model)
    assert ss.degeneracy == 2
    expected, _ = dense_lindblad_states(model, [200.0])
    np.testing.assert_allclose(ss.state, expected[0], atol=1e-9)
    assert np.trace(ss.state) == pytest.approx(1.0)
