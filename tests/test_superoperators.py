"""The floor's superoperators against generators built column by column from the master
equations' action on basis matrices (tests/dense_forms.py), and against QuTiP."""

import numpy as np
import pytest
import qutip
import scipy.sparse as sp
from qiskit.quantum_info import random_unitary

from qbcircuit.superoperators import MAX_DIMENSION, lindblad_generator, redfield_tensor, unvec, vec
from tests.dense_forms import lindblad_action, lindblad_superoperator, redfield_operator_form


def random_matrix(rng, d):
    return rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))


def random_hermitian(rng, d):
    a = random_matrix(rng, d)
    return a + a.conj().T


def random_density(rng, d):
    rho = random_matrix(rng, d)
    rho = rho @ rho.conj().T
    return rho / np.trace(rho)


def test_vec_is_column_stacking_and_unvec_inverts_it():
    rng = np.random.default_rng(3)
    a, rho, b = (random_matrix(rng, 3) for _ in range(3))
    v = vec(rho)
    assert v[1 + 3 * 2] == rho[1, 2]
    # vec(A rho B) = (B^T kron A) vec(rho)
    np.testing.assert_allclose(vec(a @ rho @ b), np.kron(b.T, a) @ v, atol=1e-12)
    np.testing.assert_array_equal(unvec(v), rho)
    np.testing.assert_array_equal(unvec(v, 3), rho)
    with pytest.raises(ValueError, match="d must satisfy"):
        unvec(v, 4)


def test_dissipator_matches_the_master_equation_on_a_state():
    rng = np.random.default_rng(0)
    h = random_hermitian(rng, 4)
    l = random_matrix(rng, 4)
    rho = random_density(rng, 4)
    expected = -1j * (h @ rho - rho @ h) + 0.7 * (l @ rho @ l.conj().T - 0.5 * (l.conj().T @ l @ rho + rho @ l.conj().T @ l))
    assert np.allclose(unvec(lindblad_generator(h, [(0.7, l)]) @ vec(rho)), expected, atol=1e-12)


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("with_hamiltonian", [False, True])
def test_lindblad_generator_equals_the_column_by_column_construction(sparse, with_hamiltonian):
    rng = np.random.default_rng(1 + sparse + 2 * with_hamiltonian)
    d = 4
    h = random_hermitian(rng, d) if with_hamiltonian else None
    jumps = [(0.7, random_matrix(rng, d)), (0.0, random_matrix(rng, d)), (0.25, random_matrix(rng, d))]
    expected = lindblad_superoperator(h, jumps, d)
    convert = sp.csr_matrix if sparse else np.asarray
    got = lindblad_generator(None if h is None else convert(h), [(r, convert(l)) for r, l in jumps])
    assert sp.issparse(got) == sparse
    dense = got.toarray() if sparse else got
    np.testing.assert_allclose(dense, expected, atol=1e-12)


def test_mixed_sparse_and_dense_inputs_give_a_sparse_generator():
    rng = np.random.default_rng(5)
    h, l = random_hermitian(rng, 3), random_matrix(rng, 3)
    got = lindblad_generator(sp.csr_matrix(h), [(0.4, l)])
    assert isinstance(got, sp.csr_matrix)
    np.testing.assert_allclose(got.toarray(), lindblad_superoperator(h, [(0.4, l)], 3), atol=1e-12)


def test_lindblad_generator_is_qutips_liouvillian():
    rng = np.random.default_rng(7)
    h, l1, l2 = random_hermitian(rng, 3), random_matrix(rng, 3), random_matrix(rng, 3)
    theirs = qutip.liouvillian(qutip.Qobj(h), [np.sqrt(0.3) * qutip.Qobj(l1), np.sqrt(1.1) * qutip.Qobj(l2)]).full()
    np.testing.assert_allclose(lindblad_generator(h, [(0.3, l1), (1.1, l2)]), theirs, atol=1e-12)


def test_lindblad_generator_needs_a_dimension_and_square_matrices():
    with pytest.raises(ValueError, match="hamiltonian must be a matrix"):
        lindblad_generator(None, [])
    with pytest.raises(ValueError, match="4 x 4"):
        lindblad_generator(np.eye(4), [(1.0, np.eye(2))])


def thermal(x, g=0.2, temperature=0.8):
    if x > 0:
        return g * (1 / np.expm1(x / temperature) + 1)
    if x < 0:
        return g / np.expm1(-x / temperature)
    return 0.0


@pytest.mark.parametrize("seed", range(3))
def test_redfield_tensor_from_matrices_equals_the_operator_form(seed):
    rng = np.random.default_rng(seed)
    h = random_hermitian(rng, 4)
    couplings = [(random_hermitian(rng, 4), thermal), (random_hermitian(rng, 4), lambda x: 0.1 * (1 + np.tanh(x)))]
    np.testing.assert_allclose(redfield_tensor(h, couplings, -1), redfield_operator_form(h, couplings), atol=1e-12)
    # sparse inputs: the same tensor
    sparse = [(sp.csr_matrix(a), s) for a, s in couplings]
    np.testing.assert_allclose(redfield_tensor(sp.csr_matrix(h), sparse, -1), redfield_operator_form(h, couplings), atol=1e-12)


def test_secular_cut_drops_only_the_terms_between_distinct_bohr_frequencies():
    # Non-degenerate spectrum: with a small cutoff the secular tensor is the Davies
    # generator, a Lindblad generator whose jumps are |a><b| weighted by |A_ab|^2 S(E_b - E_a)
    # plus the dephasing A_aa |a><a| at S(0); checked on a diagonal H, where the basis is known.
    energies = np.array([0.0, 1.0, 2.7])
    h = np.diag(energies)
    rng = np.random.default_rng(11)
    a = random_hermitian(rng, 3)
    tensor = redfield_tensor(h, [(a, thermal)], 0.1)
    jumps = []
    for i in range(3):
        for j in range(3):
            if i != j:
                e = np.zeros((3, 3))
                e[i, j] = 1
                jumps.append((abs(a[i, j]) ** 2 * thermal(energies[j] - energies[i]), e))
    # the w = 0 part (S(0) = 0 here) contributes nothing
    np.testing.assert_allclose(tensor, lindblad_superoperator(h, jumps, 3), atol=1e-12)
    assert np.abs(tensor - redfield_tensor(h, [(a, thermal)], -1)).max() > 1e-3


def test_redfield_tensor_is_covariant_and_refuses_large_dimensions():
    rng = np.random.default_rng(2)
    h, a = random_hermitian(rng, 4), random_hermitian(rng, 4)
    u = random_unitary(4, seed=2).data
    s = np.kron(u.conj(), u)
    for cutoff in (-1, 0.1):
        turned = redfield_tensor(u @ h @ u.conj().T, [(u @ a @ u.conj().T, thermal)], cutoff)
        np.testing.assert_allclose(turned, s @ redfield_tensor(h, [(a, thermal)], cutoff) @ s.conj().T, atol=1e-12)
    d = MAX_DIMENSION * 2
    with pytest.raises(ValueError, match=f"<= {MAX_DIMENSION}"):
        redfield_tensor(np.eye(d), [], -1)


def test_action_helper_is_the_textbook_equation():
    # the reference construction itself, on a qubit: amplitude damping empties |1><1|
    lower = np.array([[0, 1], [0, 0]], dtype=complex)
    rho = np.diag([0.0, 1.0]).astype(complex)
    drho = lindblad_action(None, [(2.0, lower)])(rho)
    np.testing.assert_allclose(drho, np.diag([2.0, -2.0]), atol=1e-15)
