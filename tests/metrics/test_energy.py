import numpy as np
import pytest
from qiskit.quantum_info import SparsePauliOp, Statevector
from scipy.optimize import brentq

from qbcircuit.metrics import average_power, energy, refine_maximum, stored_energy

OMEGA = 1.7
H_QUBIT = np.diag([0.0, OMEGA])  # omega |1><1|, |1> excited


def rabi_state(t):
    # exp(-i t X / 2)|0>: excited population sin^2(t/2)
    return np.array([np.cos(t / 2), -1j * np.sin(t / 2)])


def test_energy_accepts_sparse_pauli_op_little_endian():
    # n_0 + 2 n_1 with n = (I - Z)/2; qubit 0 is the rightmost Pauli character.
    h = SparsePauliOp.from_list([("II", 1.5), ("IZ", -0.5), ("ZI", -1.0)])
    assert energy(Statevector.from_label("01"), h) == pytest.approx(1.0)  # qubit 0 excited
    assert energy(Statevector.from_label("10"), h) == pytest.approx(2.0)
    assert energy(np.eye(4) / 4, h) == pytest.approx(1.5)


def test_stored_energy_of_rabi_oscillation():
    times = np.linspace(0, 6, 25)
    w = stored_energy([rabi_state(t) for t in times], H_QUBIT)
    np.testing.assert_allclose(w, OMEGA * np.sin(times / 2) ** 2, atol=1e-14)
    stack = np.array([np.outer(rabi_state(t), rabi_state(t).conj()) for t in times])
    np.testing.assert_allclose(stored_energy(stack, H_QUBIT), w, atol=1e-14)
    w_ref = stored_energy([rabi_state(t) for t in times], H_QUBIT, reference_state=np.array([0, 1]))
    np.testing.assert_allclose(w_ref, OMEGA * np.sin(times / 2) ** 2 - OMEGA, atol=1e-14)


def test_average_power_of_quadratic_energy_is_t():
    t = np.linspace(0, 2, 11)
    p = average_power(t, t**2)
    assert np.isnan(p[0])
    np.testing.assert_allclose(p[1:], t[1:], rtol=1e-14)


def test_refine_maximum_of_sine():
    times = np.linspace(0, 3, 7)  # step 0.5: grid max at t = 1.5
    t_max, f_max = refine_maximum(np.sin, times, np.sin(times))
    assert t_max == pytest.approx(np.pi / 2, abs=1e-6)
    assert f_max == pytest.approx(1.0, abs=1e-10)
    assert f_max >= np.sin(1.5)


def test_refine_maximum_of_power_with_nan_at_t0():
    # W = 1 - cos t: P = W/t peaks where t sin t = 1 - cos t; the grid's argmax is
    # next to t = 0, where P is nan, so the optimiser must survive nan values.
    f = lambda t: (1 - np.cos(t)) / t if t != 0 else np.nan  # noqa: E731
    exact = brentq(lambda t: t * np.sin(t) - (1 - np.cos(t)), 1.0, 3.0)
    times = np.linspace(0, 6, 4)  # grid points 0, 2, 4, 6
    values = average_power(times, 1 - np.cos(times))
    t_max, p_max = refine_maximum(f, times, values)
    assert t_max == pytest.approx(exact, abs=1e-6)
    assert p_max == pytest.approx(f(exact), abs=1e-10)


def test_refine_maximum_keeps_grid_point_when_optimiser_does_worse():
    times = np.array([0.0, 1.0, 2.0])
    t_max, f_max = refine_maximum(lambda t: 0.0, times, np.array([0.0, 5.0, 0.0]))
    assert (t_max, f_max) == (1.0, 5.0)
    # maximum at the grid end: search on [t_{k-1}, t_k] only
    t_max, f_max = refine_maximum(lambda t: t, times, times)
    assert t_max == 2.0 and f_max == 2.0


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: energy(np.eye(2) / 2, np.eye(4)), r"rho must be a square matrix of the Hamiltonian's dimension 4, got shape \(2, 2\)"),
        (lambda: energy(np.eye(2) / 2, np.array([[0, 1], [0, 0]])), "hamiltonian must be Hermitian"),
        (lambda: energy(np.diag([0.3, 0.4]), np.eye(2)), r"trace = 0.7"),
        (lambda: stored_energy([], np.eye(2)), "states must contain at least one state"),
        (lambda: stored_energy([np.array([1, 0]), np.array([1, 0, 0])], np.eye(2)), r"states\[1\] must be a state vector"),
        (lambda: average_power([0, 1], [1, 2, 3]), "times and stored_energy must have the same shape"),
        (lambda: refine_maximum(np.sin, [0, 1], [np.nan, np.nan]), "all are nan"),
        (lambda: refine_maximum(np.sin, [1, 0], [0, 1]), "strictly increasing"),
    ],
)
def test_bad_input_raises_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
