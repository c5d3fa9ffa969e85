import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from qbcircuit.metrics import liouvillian_gap, liouvillian_spectrum
from qbcircuit.metrics.liouvillian import DENSE_MAX_DIM

SIGMA_MINUS = np.array([[0, 1], [0, 0]], dtype=complex)  # |0><1|: |1> excited decays to |0>
Z = np.diag([1.0, -1.0])


def lindbladian(h, jumps, kron=np.kron, eye=np.eye):
    """Column stacking: vec(A rho B) = (B^T kron A) vec(rho); rates folded into the jumps."""
    d = h.shape[0]
    one = eye(d)
    out = -1j * (kron(one, h) - kron(h.T, one))
    for c in jumps:
        cdc = c.conj().T @ c
        out = out + kron(c.conj(), c) - 0.5 * kron(one, cdc) - 0.5 * kron(cdc.T, one)
    return out


def test_builder_matches_master_equation():
    rng = np.random.default_rng(0)
    h = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    h = h + h.conj().T
    c = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    rho = np.diag([0.5, 0.3, 0.2]).astype(complex)
    direct = -1j * (h @ rho - rho @ h) + c @ rho @ c.conj().T - 0.5 * (c.conj().T @ c @ rho + rho @ c.conj().T @ c)
    vec = lindbladian(h, [c]) @ rho.reshape(-1, order="F")
    np.testing.assert_allclose(vec.reshape(3, 3, order="F"), direct, atol=1e-12)


def test_damped_qubit_spectrum_and_gap():
    gamma, omega = 0.3, 2.0
    # -(omega/2) Z puts |1> above |0> (Qiskit's Z is +1 on |0>); the spectrum only sees |omega|.
    L = lindbladian(-omega / 2 * Z, [np.sqrt(gamma) * SIGMA_MINUS])
    expected = np.array([0, -gamma / 2 + 1j * omega, -gamma / 2 - 1j * omega, -gamma])
    np.testing.assert_allclose(liouvillian_spectrum(L), expected, atol=1e-12)
    np.testing.assert_allclose(liouvillian_spectrum(sp.csr_matrix(L), k=2), expected[:2], atol=1e-12)
    gap, num_zero = liouvillian_gap(L)
    assert gap == pytest.approx(gamma / 2, abs=1e-12)
    assert num_zero == 1


def test_two_uncoupled_damped_qubits_have_unique_steady_state():
    g0, g1 = 0.4, 0.25
    h = np.kron(np.diag([0, 1.3]), np.eye(2)) + np.kron(np.eye(2), np.diag([0, 0.9]))
    jumps = [np.sqrt(g0) * np.kron(np.eye(2), SIGMA_MINUS), np.sqrt(g1) * np.kron(SIGMA_MINUS, np.eye(2))]
    result = liouvillian_gap(lindbladian(h, jumps))
    assert result.num_zero == 1
    assert result.gap == pytest.approx(min(g0, g1) / 2, abs=1e-12)


def test_pure_hamiltonian_liouvillian_has_d_zero_eigenvalues():
    rng = np.random.default_rng(1)
    d = 5
    h = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    h = h + h.conj().T  # generic: nondegenerate, so exactly the d populations are stationary
    L = lindbladian(h, [])
    gap, num_zero = liouvillian_gap(L)
    assert num_zero == d
    assert gap == pytest.approx(0.0, abs=1e-12)
    e = np.linalg.eigvalsh(h)
    np.testing.assert_allclose(np.sort(liouvillian_spectrum(L).imag), np.sort((e[:, None] - e[None, :]).ravel()), atol=1e-10)


def test_large_sparse_liouvillian_uses_shift_invert():
    # 7 damped qubits: dim(L) = 4**7 > DENSE_MAX_DIM. The spectrum is every sum of one
    # eigenvalue {0, -g/2 + i w, -g/2 - i w, -g} per qubit.
    n = 7
    gammas = 1.0 + 0.1 * np.arange(n)
    omegas = np.full(n, 0.5)
    assert 4**n > DENSE_MAX_DIM

    def on(q, op):  # operator op on qubit q, little-endian
        return sp.kron(sp.kron(sp.identity(2 ** (n - 1 - q)), sp.csr_matrix(op)), sp.identity(2**q), format="csr")

    h = sum(on(q, np.diag([0.0, omegas[q]])) for q in range(n))
    jumps = [np.sqrt(gammas[q]) * on(q, SIGMA_MINUS) for q in range(n)]
    L = lindbladian(h, jumps, kron=lambda a, b: sp.kron(a, b, format="csr"), eye=lambda d: sp.identity(d, format="csr"))
    single = [np.array([0, -g / 2 + 1j * w, -g / 2 - 1j * w, -g]) for g, w in zip(gammas, omegas)]
    every = np.array([sum(c) for c in itertools.product(*single)])
    k = 5
    expected = every[np.lexsort((-every.imag, -every.real))][:k]
    np.testing.assert_allclose(liouvillian_spectrum(L, k=k), expected, atol=1e-8)
    gap, num_zero = liouvillian_gap(L, k=k)
    assert num_zero == 1 and gap == pytest.approx(gammas[0] / 2, abs=1e-8)


def test_bad_input():
    with pytest.raises(ValueError, match="L must be a square matrix"):
        liouvillian_spectrum(np.ones((3, 4)))
    with pytest.raises(ValueError, match="k must be an integer in 1..4"):
        liouvillian_spectrum(np.eye(4), k=0)
    with pytest.raises(ValueError, match="k must be given"):
        liouvillian_spectrum(sp.identity(DENSE_MAX_DIM + 4, format="csr"))


def test_qutip_superoperator_is_accepted():
    qutip = pytest.importorskip("qutip")
    gamma, omega = 0.3, 2.0
    L = qutip.liouvillian(-omega / 2 * qutip.sigmaz(), [np.sqrt(gamma) * qutip.destroy(2)])
    np.testing.assert_allclose(liouvillian_spectrum(L), [0, -gamma / 2 + 1j * omega, -gamma / 2 - 1j * omega, -gamma], atol=1e-12)
