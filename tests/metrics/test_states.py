import numpy as np
import pytest
from qiskit.quantum_info import DensityMatrix, SparsePauliOp, Statevector
from qiskit.quantum_info import partial_trace as qiskit_partial_trace

from qbcircuit.metrics import as_density_matrix, partial_trace, purity


def random_rho(d, rng, rank=None):
    g = rng.normal(size=(d, rank or d)) + 1j * rng.normal(size=(d, rank or d))
    rho = g @ g.conj().T
    return rho / np.trace(rho)


@pytest.mark.parametrize("n", [3, 4])
def test_partial_trace_matches_qiskit_for_sorted_keep(n):
    rng = np.random.default_rng(10 + n)
    for _ in range(5):
        rho = random_rho(2**n, rng)
        for keep in [(0,), (1,), (n - 1,), (0, 2), (1, n - 1), tuple(range(n - 1))]:
            traced = [q for q in range(n) if q not in keep]
            expected = qiskit_partial_trace(DensityMatrix(rho), traced).data
            np.testing.assert_allclose(partial_trace(rho, keep, n), expected, atol=1e-12)


@pytest.mark.parametrize("n,keep", [(3, (2, 0)), (3, (1, 2, 0)), (4, (3, 1)), (4, (2, 0, 3)), (4, (3, 2, 1, 0))])
def test_partial_trace_order_by_pauli_expectations(n, keep):
    # Result qubit j is original qubit keep[j]: every Pauli string P on the result
    # must give <P> equal to <P placed on qubits keep> in the full state.
    rng = np.random.default_rng(7)
    rho = random_rho(2**n, rng)
    red = partial_trace(rho, keep, n)
    m = len(keep)
    for idx in np.ndindex(*(4,) * m):
        label = "".join("IXYZ"[i] for i in idx)  # label[j] acts on result qubit j
        p_red = SparsePauliOp.from_sparse_list([(label, list(range(m)), 1)], m).to_matrix()
        p_full = SparsePauliOp.from_sparse_list([(label, list(keep), 1)], n).to_matrix()
        assert np.trace(p_red @ red) == pytest.approx(np.trace(p_full @ rho), abs=1e-12)


def test_partial_trace_of_product_state_closed_form():
    rng = np.random.default_rng(3)
    r = [random_rho(2, rng) for _ in range(3)]
    full = np.kron(r[2], np.kron(r[1], r[0]))  # qubit 0 is the rightmost factor
    np.testing.assert_allclose(partial_trace(full, (2, 0), 3), np.kron(r[0], r[2]), atol=1e-14)
    np.testing.assert_allclose(partial_trace(full, (0, 2), 3), np.kron(r[2], r[0]), atol=1e-14)
    np.testing.assert_allclose(partial_trace(full, (1,), 3), r[1], atol=1e-14)
    assert partial_trace(full, (), 3) == pytest.approx(np.ones((1, 1)))


def test_partial_trace_ten_qubits_pure_state():
    n = 10
    rng = np.random.default_rng(1)
    psi = rng.normal(size=2**n) + 1j * rng.normal(size=2**n)
    psi /= np.linalg.norm(psi)
    rho = np.outer(psi, psi.conj())
    expected = qiskit_partial_trace(Statevector(psi), [q for q in range(n) if q not in (0, 4, 9)]).data
    np.testing.assert_allclose(partial_trace(rho, (0, 4, 9), n), expected, atol=1e-13)
    # Schmidt: a pure state's complementary reductions share their nonzero spectrum.
    a = np.linalg.eigvalsh(partial_trace(rho, (0, 1, 2), n))
    b = np.linalg.eigvalsh(partial_trace(rho, tuple(range(3, n)), n))[-8:]
    np.testing.assert_allclose(a, b, atol=1e-12)


def test_as_density_matrix_accepts_vectors_and_qiskit_states():
    psi = np.array([1, 1j]) / np.sqrt(2)
    expected = np.array([[0.5, -0.5j], [0.5j, 0.5]])
    for s in (psi, Statevector(psi), DensityMatrix(psi), expected):
        np.testing.assert_allclose(as_density_matrix(s), expected, atol=1e-15)


def test_purity():
    rng = np.random.default_rng(0)
    rho = random_rho(4, rng)
    assert purity(rho) == pytest.approx(np.trace(rho @ rho).real, abs=1e-14)
    assert purity(np.eye(8) / 8) == pytest.approx(1 / 8)
    assert purity(Statevector.from_label("+0")) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: as_density_matrix(np.diag([0.3, 0.4])), r"rho must be Hermitian with trace 1 \(trace = 0.7"),
        (lambda: as_density_matrix(np.array([[0.5, 1.0], [0.0, 0.5]])), "rho must be Hermitian"),
        (lambda: as_density_matrix(np.array([1.0, 1.0])), "rho must be a normalised state vector"),
        (lambda: as_density_matrix(np.ones((2, 3)) / 2), r"rho must be a square matrix.*shape \(2, 3\)"),
        (lambda: partial_trace(np.eye(4) / 4, (0,), 3), r"dimension 2\*\*num_qubits = 8, got shape \(4, 4\)"),
        (lambda: partial_trace(np.eye(8) / 8, (0, 3), 3), "keep must hold distinct qubit indices in 0..2"),
        (lambda: partial_trace(np.eye(8) / 8, (1, 1), 3), "keep must hold distinct"),
        (lambda: partial_trace(np.eye(8) / 8, (1,), 0), "num_qubits must be a positive integer"),
    ],
)
def test_bad_input_raises_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_numerical_noise_is_tolerated():
    rho = np.diag([0.5, 0.5]) + 1e-10 * np.array([[1, 1j], [0, -0.5]])
    assert purity(rho) == pytest.approx(0.5)
