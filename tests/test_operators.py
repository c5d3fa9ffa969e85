"""The project's conventions, as matrices: |1> excited, sigma_z = -Z, little-endian."""

import numpy as np
import pytest

from qbcircuit import operators as ops


def test_single_qubit_conventions():
    ket0, ket1 = np.array([1, 0]), np.array([0, 1])
    np.testing.assert_allclose(ops.sigma_plus(0, 1).to_matrix(), np.outer(ket1, ket0))
    np.testing.assert_allclose(ops.sigma_minus(0, 1).to_matrix(), np.outer(ket0, ket1))
    np.testing.assert_allclose(ops.sigma_z(0, 1).to_matrix(), np.diag([-1, 1]))  # +1 on the excited state
    np.testing.assert_allclose(ops.number(0, 1).to_matrix(), np.diag([0, 1]))


def test_little_endian_placement():
    # sigma_+ on qubit 1 of 2 maps |00> (index 0) to |10> (index 2: qubit 1 is the higher bit).
    m = ops.sigma_plus(1, 2).to_matrix()
    assert m[2, 0] == 1 and np.count_nonzero(m) == 2  # also |01> -> |11>
    assert m[3, 1] == 1


def test_exchange_hops_one_excitation():
    m = ops.exchange(0, 2, 3).to_matrix()
    # |001> (qubit 0 excited, index 1) <-> |100> (qubit 2 excited, index 4)
    assert m[4, 1] == pytest.approx(1) and m[1, 4] == pytest.approx(1)
    assert np.allclose(m, m.conj().T)
    np.testing.assert_allclose(m, (ops.sigma_plus(0, 3) @ ops.sigma_minus(2, 3) + ops.sigma_minus(0, 3) @ ops.sigma_plus(2, 3)).to_matrix())


def test_collective_operator_and_embedding():
    s_minus = ops.total("sigma_minus", range(3), 3).to_matrix()
    expected = sum(ops.sigma_minus(q, 3).to_matrix() for q in range(3))
    np.testing.assert_allclose(s_minus, expected)
    placed = ops.embed(ops.sigma_plus(0, 2) @ ops.number(1, 2), [3, 1], 4)
    np.testing.assert_allclose(placed.to_matrix(), (ops.sigma_plus(3, 4) @ ops.number(1, 4)).to_matrix())


def test_bad_indices_and_hermiticity():
    with pytest.raises(ValueError, match=r"qubit index must be in \[0, 1\]"):
        ops.sigma_plus(2, 2)
    with pytest.raises(ValueError, match="two different qubits"):
        ops.exchange(1, 1, 2)
    assert not ops.is_hermitian(ops.sigma_plus(0, 1))
    with pytest.raises(ValueError, match="H must be Hermitian"):
        ops.hermitian_part_real(ops.sigma_plus(0, 1), "H")


def test_truncated_boson_in_binary():
    k = 3
    a = ops.boson_annihilation(k).to_matrix()
    n = ops.boson_number(k).to_matrix()
    np.testing.assert_allclose(n, np.diag(np.arange(8)), atol=1e-12)
    np.testing.assert_allclose(a.conj().T @ a, np.diag(np.arange(8)), atol=1e-12)
    # a |m> = sqrt(m) |m-1>; level 5 is bits 101 in qubits (2, 1, 0)
    assert a[4, 5] == pytest.approx(np.sqrt(5))
    assert ops.fock_bitstring(5, 3) == "101"
    np.testing.assert_allclose(ops.boson_creation(k).to_matrix(), a.conj().T)
