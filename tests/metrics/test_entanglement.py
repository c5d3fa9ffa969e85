import numpy as np
import pytest
from qiskit.quantum_info import DensityMatrix, Statevector
from qiskit.quantum_info import concurrence as qiskit_concurrence

from qbcircuit.metrics import concurrence

BELL = np.array([1, 0, 0, 1]) / np.sqrt(2)
BELL_RHO = np.outer(BELL, BELL)


def test_bell_pair_and_product_state():
    assert concurrence(BELL) == pytest.approx(1.0, abs=1e-12)
    assert concurrence(BELL_RHO) == pytest.approx(1.0, abs=1e-12)
    assert concurrence(Statevector(BELL)) == pytest.approx(1.0, abs=1e-12)
    product = np.kron([np.cos(0.3), np.sin(0.3)], [np.cos(1.1), 1j * np.sin(1.1)])
    assert concurrence(product) == pytest.approx(0.0, abs=1e-7)
    assert concurrence(np.eye(4) / 4) == 0.0


@pytest.mark.parametrize("p", [0.0, 0.2, 1 / 3, 0.5, 0.8, 1.0])
def test_werner_state(p):
    rho = p * BELL_RHO + (1 - p) * np.eye(4) / 4
    assert concurrence(rho) == pytest.approx(max(0.0, (3 * p - 1) / 2), abs=1e-7)


@pytest.mark.parametrize("theta", np.linspace(0, np.pi, 7))
def test_pure_state_closed_form(theta):
    # a|00> + b|11> has C = 2|ab|
    psi = np.array([np.cos(theta / 2), 0, 0, np.exp(0.4j) * np.sin(theta / 2)])
    assert concurrence(psi) == pytest.approx(abs(np.sin(theta)), abs=1e-7)


def test_random_mixed_states_against_qiskit():
    rng = np.random.default_rng(5)
    for _ in range(30):
        rank = rng.integers(1, 5)
        g = rng.normal(size=(4, rank)) + 1j * rng.normal(size=(4, rank))
        rho = g @ g.conj().T
        rho /= np.trace(rho)
        c = concurrence(rho)
        assert 0.0 <= c <= 1.0
        assert c == pytest.approx(qiskit_concurrence(DensityMatrix(rho)), abs=1e-7)


def test_bad_input():
    with pytest.raises(ValueError, match=r"rho must be a square matrix of two-qubit dimension 4, got shape \(2, 2\)"):
        concurrence(np.eye(2) / 2)
    with pytest.raises(ValueError, match="rho must be a state vector of two-qubit dimension 4"):
        concurrence(np.array([1.0, 0.0]))
