"""The XY-chain battery: its operators against an independent dense construction, the
Jordan-Wigner (Majorana) form against Majorana matrices built from Pauli matrices, closed
forms (N = 2, gamma = 0), and the register fields at device size (no 2^N vector)."""

import numpy as np
import pytest
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models import build_model
from qbcircuit.models import fermions
from qbcircuit.reference import time_series

X = np.array([[0, 1], [1, 0]], dtype=complex)
Y = np.array([[0, -1j], [1j, 0]])
Z = np.diag([1.0, -1.0]).astype(complex)
I2 = np.eye(2, dtype=complex)


def site(op, i, n):
    """op on qubit i of n (Qiskit order: qubit i is the (n-1-i)-th Kronecker factor)."""
    mats = [I2] * n
    mats[n - 1 - i] = op
    out = mats[0]
    for m in mats[1:]:
        out = np.kron(out, m)
    return out


def majoranas(n):
    """w_2j = Z_0..Z_{j-1} X_j, w_2j+1 = Z_0..Z_{j-1} Y_j as dense matrices."""
    out = []
    for j in range(n):
        string = np.eye(2**n, dtype=complex)
        for k in range(j):
            string = string @ site(Z, k, n)
        out += [string @ site(X, j, n), string @ site(Y, j, n)]
    return out


def dense_chain(N, omega0, J, gamma):
    h_b = sum(omega0 / 2 * (np.eye(2**N) - site(Z, i, N)) for i in range(N))
    h1 = sum(J * ((1 + gamma) / 2 * site(X, i, N) @ site(X, i + 1, N) + (1 - gamma) / 2 * site(Y, i, N) @ site(Y, i + 1, N))
             for i in range(N - 1))
    return h_b, h_b + h1


def test_operators_against_an_independent_dense_construction():
    N, omega0, J, gamma = 4, 1.3, 0.7, 0.4
    model = build_model("xy-chain", N=N, omega0=omega0, J=J, gamma=gamma)
    h_b, h = dense_chain(N, omega0, J, gamma)
    np.testing.assert_allclose(model.battery_hamiltonian.to_matrix(), h_b, atol=1e-13)
    np.testing.assert_allclose(model.hamiltonian.to_matrix(), h, atol=1e-13)
    # |1> is charged: one excited cell stores omega0
    assert model.battery_hamiltonian.to_matrix()[1, 1].real == pytest.approx(omega0)
    assert model.initial_battery_energy() == pytest.approx(0.0, abs=1e-14)


def test_majorana_matrices_are_the_docstring_entries():
    N, omega0, J, gamma = 5, 0.9, 1.1, 0.3
    g = build_model("xy-chain", N=N, omega0=omega0, J=J, gamma=gamma).gaussian
    expected = np.zeros((2 * N, 2 * N))
    for i in range(N):
        expected[2 * i, 2 * i + 1] = omega0
    for i in range(N - 1):
        expected[2 * i + 1, 2 * i + 2] = -J * (1 + gamma)
        expected[2 * i, 2 * i + 3] = J * (1 - gamma)
    expected -= expected.T
    np.testing.assert_allclose(g.hamiltonian.toarray(), expected, atol=1e-14)
    assert g.hamiltonian_offset == pytest.approx(N * omega0 / 2, abs=1e-14)
    assert g.battery_offset == pytest.approx(N * omega0 / 2)


def quadratic_operator(h, offset, w):
    n2 = len(w)
    return 0.25j * sum(h[k, l] * w[k] @ w[l] for k in range(n2) for l in range(n2) if h[k, l]) + offset * np.eye(w[0].shape[0])


def test_majorana_form_reproduces_every_quadratic_string():
    """Random coefficients on every kind of quadratic string (fields, neighbours, strings
    across several sites with every end letter) against Majorana matrices of Pauli products."""
    n = 4
    rng = np.random.default_rng(7)
    terms = [("", [], 0.3)]
    terms += [("Z", [j], rng.normal()) for j in range(n)]
    for j in range(n):
        for k in range(j + 1, n):
            for a in "XY":
                for b in "XY":
                    # label characters: qubit k first, then the Z string, then qubit j (from_sparse_list order: indices)
                    letters = a + "Z" * (k - j - 1) + b
                    terms.append((letters, list(range(j, k + 1)), rng.normal()))
    op = SparsePauliOp.from_sparse_list([(l, q, c) for l, q, c in terms if l] + [("I", [0], 0.3)], n)
    h, offset = fermions.majorana_form(op)
    assert abs(h + h.T).max() < 1e-15
    np.testing.assert_allclose(quadratic_operator(h.toarray(), offset, majoranas(n)), op.to_matrix(), atol=1e-12)


@pytest.mark.parametrize("label, qubits", [("ZZ", [0, 1]), ("XX", [0, 2]), ("XZ", [0, 1]), ("X", [1]), ("XXY", [0, 1, 2])])
def test_majorana_form_rejects_what_is_not_quadratic(label, qubits):
    op = SparsePauliOp.from_sparse_list([(label, qubits, 1.0)], 3)
    with pytest.raises(ValueError, match="not quadratic"):
        fermions.majorana_form(op)


def test_basis_state_correlation_matrix():
    n, bits = 4, "1010"
    psi = np.zeros(2**n, dtype=complex)
    psi[int(bits, 2)] = 1
    w = majoranas(n)
    expected = np.array([[0.0 if k == l else (1j * np.vdot(psi, w[k] @ w[l] @ psi)).real for l in range(2 * n)]
                         for k in range(2 * n)])
    np.testing.assert_allclose(fermions.basis_state_correlation(bits).toarray(), expected, atol=1e-14)


def test_block_majoranas_anticommute_and_reproduce_the_chain_ones():
    w = fermions.block_majoranas(3)
    for k in range(6):
        for l in range(6):
            np.testing.assert_allclose(w[k] @ w[l] + w[l] @ w[k], 2 * (k == l) * np.eye(8), atol=1e-14)
    np.testing.assert_allclose(w, np.array(majoranas(3)), atol=1e-14)


@pytest.mark.parametrize("solver", ["gaussian", "full"])
def test_two_cells_charge_as_a_two_level_system(solver):
    omega0, J, gamma = 1.0, 1.5, 0.9  # J gamma > omega0: each cell gets inverted, so its own ergotropy shows
    model = build_model("xy-chain", N=2, omega0=omega0, J=J, gamma=gamma)
    times = np.linspace(0, 4, 17)
    ts = time_series(model, times, solver=solver, refine=False)
    omega = J * gamma
    rabi = np.sqrt(omega0**2 + omega**2)
    p11 = omega**2 / rabi**2 * np.sin(rabi * times) ** 2
    np.testing.assert_allclose(ts.energy, 2 * omega0 * p11, atol=1e-10)
    # the pair is pure: its ergotropy is its energy; each cell holds p11 excitations
    np.testing.assert_allclose(ts.series["pair_ergotropy"], 2 * omega0 * p11, atol=1e-10)
    np.testing.assert_allclose(ts.series["cell_ergotropy"], omega0 * np.maximum(0, 2 * p11 - 1), atol=1e-10)
    assert np.max(ts.series["cell_ergotropy"]) > 0.2


@pytest.mark.parametrize("solver", ["gaussian", "full"])
def test_isotropic_coupling_cannot_charge_the_empty_chain(solver):
    model = build_model("xy-chain", N=5, J=1.3, gamma=0.0)
    ts = time_series(model, np.linspace(0, 5, 11), solver=solver, refine=False)
    np.testing.assert_allclose(ts.energy, 0.0, atol=1e-12)


def test_device_size_model_keeps_operators_but_no_state_vector():
    model = build_model("xy-chain", N=100)
    assert model.num_qubits == 100 and model.hamiltonian.num_qubits == 100
    assert model.initial_state.bitstrings == ("0" * 100,)
    assert not model.initial_state.has_vectors and model.initial_state.dimension == 2**100
    assert model.initial_battery_energy() == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="bit strings only"):
        model.initial_state.density_matrix()
    with pytest.raises(ValueError, match="bit strings only"):
        time_series(model, [0.0, 0.1], solver="full")


def test_initial_energy_of_a_basis_state_from_its_bits():
    """The diagonal shortcut of initial_battery_energy against the partial-trace route."""
    from qbcircuit.models.core import InitialState

    model = build_model("xy-chain", N=4, omega0=1.7)
    model.initial_state = InitialState.from_bitstring("1011")
    model._initial_energy = None
    assert model.initial_battery_energy() == pytest.approx(3 * 1.7, abs=1e-14)
    h_b = model.battery_hamiltonian.to_matrix()
    assert model.initial_battery_energy() == pytest.approx(h_b[int("1011", 2), int("1011", 2)].real, abs=1e-14)


def test_bad_parameters():
    with pytest.raises(ValueError, match="gamma"):
        build_model("xy-chain", gamma=1.5)
    with pytest.raises(ValueError, match="'N'"):
        build_model("xy-chain", N=1)
    with pytest.raises(ValueError, match="omega0"):
        build_model("xy-chain", omega0=0)
