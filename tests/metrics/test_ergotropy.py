import numpy as np
import pytest
from scipy.linalg import expm

from qbcircuit.metrics import (
    anti_ergotropy,
    energy,
    ergotropy,
    ergotropy_split,
    max_ergotropy,
    partial_trace,
    passive_state,
    purity,
)

OMEGA = 1.7
H1 = np.diag([0.0, OMEGA])  # omega |1><1|: |1> is the charged state
# Two non-interacting qubits, H = omega (n_0 + n_1): levels 0, omega (twice: |01>, |10>), 2 omega.
H2 = np.diag([0.0, OMEGA, OMEGA, 2 * OMEGA])
BELL = np.array([1, 0, 0, 1]) / np.sqrt(2)


def random_rho(d, rng, rank=None):
    g = rng.normal(size=(d, rank or d)) + 1j * rng.normal(size=(d, rank or d))
    rho = g @ g.conj().T
    return rho / np.trace(rho)


def random_unitary(d, rng):
    q, r = np.linalg.qr(rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)))
    return q * (np.diag(r) / np.abs(np.diag(r)))


def bloch(rho):
    """Bloch vector with r_z = rho_11 - rho_00 pointing to the excited state |1>."""
    return np.array([2 * rho[0, 1].real, -2 * rho[0, 1].imag, (rho[1, 1] - rho[0, 0]).real])


def test_qubit_closed_forms_on_random_states():
    rng = np.random.default_rng(0)
    signs = set()
    for _ in range(60):
        rho = random_rho(2, rng, rank=rng.integers(1, 3))
        r = bloch(rho)
        norm, rz = np.linalg.norm(r), r[2]
        signs.add(np.sign(rz))
        assert ergotropy(rho, H1) == pytest.approx(OMEGA / 2 * (norm + rz), abs=1e-12)
        assert anti_ergotropy(rho, H1) == pytest.approx(OMEGA / 2 * (norm - rz), abs=1e-12)
        # ergotropy + anti-ergotropy = E_active - E_passive = omega |r| = omega sqrt(2 Tr rho^2 - 1)
        assert ergotropy(rho, H1) + anti_ergotropy(rho, H1) == pytest.approx(OMEGA * np.sqrt(2 * purity(rho) - 1), abs=1e-9)
        # ergotropy - anti-ergotropy = 2 E - (E_min + E_max)
        assert ergotropy(rho, H1) - anti_ergotropy(rho, H1) == pytest.approx(2 * energy(rho, H1) - OMEGA, abs=1e-12)
        # incoherent part: dephasing leaves populations (1 -+ r_z)/2, extractable iff inverted
        split = ergotropy_split(rho, H1)
        assert split.incoherent == pytest.approx(OMEGA * max(0.0, rz), abs=1e-12)
        assert split.coherent == pytest.approx(OMEGA / 2 * (norm + rz) - OMEGA * max(0.0, rz), abs=1e-12)
    assert signs == {-1.0, 1.0}


def test_plus_state_ergotropy_is_all_coherent():
    plus = np.array([1, 1]) / np.sqrt(2)
    assert ergotropy(plus, H1) == pytest.approx(OMEGA / 2)
    total, incoherent, coherent = ergotropy_split(plus, H1)
    assert total == pytest.approx(OMEGA / 2)
    assert incoherent == pytest.approx(0.0, abs=1e-14)
    assert coherent == pytest.approx(OMEGA / 2)


@pytest.mark.parametrize("beta", [0.1, 0.7, 2.0, 10.0])
def test_thermal_states_are_passive(beta):
    for h in (H1, H2):
        rho = expm(-beta * h)
        rho /= np.trace(rho)
        assert ergotropy(rho, h) == pytest.approx(0.0, abs=1e-14)
        np.testing.assert_allclose(passive_state(rho, h), rho, atol=1e-14)


def test_pure_excited_and_ground_states():
    ground, excited = np.array([1, 0]), np.array([0, 1])
    assert max_ergotropy(H1) == pytest.approx(OMEGA)
    assert ergotropy(excited, H1) == pytest.approx(OMEGA)
    assert ergotropy(ground, H1) == pytest.approx(0.0, abs=1e-14)
    assert anti_ergotropy(ground, H1) == pytest.approx(OMEGA)
    assert anti_ergotropy(excited, H1) == pytest.approx(0.0, abs=1e-14)
    assert max_ergotropy(H2) == pytest.approx(2 * OMEGA)


def test_bell_pair_global_and_local_ergotropy():
    assert energy(BELL, H2) == pytest.approx(OMEGA)
    assert ergotropy(BELL, H2) == pytest.approx(OMEGA)  # passive state of a pure state is |00>
    h_local = np.diag([0.0, OMEGA])
    for q in (0, 1):
        local = partial_trace(BELL.reshape(4, 1) @ BELL.reshape(1, 4), (q,), 2)
        np.testing.assert_allclose(local, np.eye(2) / 2, atol=1e-15)
        assert ergotropy(local, h_local) == pytest.approx(0.0, abs=1e-14)
    # Dephasing keeps 1/2 on |00> and |11>; its passive state puts 1/2 on |00> and 1/2 on an energy-omega level.
    assert ergotropy_split(BELL, H2) == pytest.approx((OMEGA, OMEGA / 2, OMEGA / 2))


def test_split_keeps_coherences_inside_a_degenerate_level():
    # (|01> + |10>)/sqrt2 lives in the degenerate level E = omega: no energetic coherence,
    # so all of its ergotropy is incoherent. (Full dephasing would wrongly give omega/2 coherent.)
    w = np.array([0, 1, 1, 0]) / np.sqrt(2)
    assert ergotropy_split(w, H2) == pytest.approx((OMEGA, OMEGA, 0.0), abs=1e-12)


def energy_preserving_unitary(rng, t):
    """exp(-i H2 t) times a random unitary on the degenerate {|01>, |10>} block."""
    u = np.eye(4, dtype=complex)
    u[1:3, 1:3] = random_unitary(2, rng)
    return expm(-1j * H2 * t) @ u


def test_invariance_under_energy_preserving_unitaries():
    rng = np.random.default_rng(1)
    for _ in range(50):
        rho = random_rho(4, rng, rank=rng.integers(1, 5))
        u = energy_preserving_unitary(rng, rng.uniform(0, 10))
        moved = u @ rho @ u.conj().T
        assert ergotropy(moved, H2) == pytest.approx(ergotropy(rho, H2), abs=1e-12)
        assert anti_ergotropy(moved, H2) == pytest.approx(anti_ergotropy(rho, H2), abs=1e-12)
        assert ergotropy_split(moved, H2) == pytest.approx(ergotropy_split(rho, H2), abs=1e-12)


def test_ergotropy_bounds_work_of_any_unitary_and_split_is_consistent():
    rng = np.random.default_rng(2)
    for case in range(50):
        d = (2, 3, 4)[case % 3]
        h = H2 if d == 4 and case % 2 else np.diag(rng.normal(size=d))
        rho = random_rho(d, rng, rank=rng.integers(1, d + 1))
        erg, anti = ergotropy(rho, h), anti_ergotropy(rho, h)
        assert erg >= 0 and anti >= 0
        assert erg <= max_ergotropy(h) + 1e-12
        e0 = energy(rho, h)
        for _ in range(5):
            u = random_unitary(d, rng)
            e1 = energy(u @ rho @ u.conj().T, h)
            assert e0 - e1 <= erg + 1e-12
            assert e1 - e0 <= anti + 1e-12
        # the passive state: same spectrum, diagonal in the energy basis, energy E - ergotropy
        p = passive_state(rho, h)
        np.testing.assert_allclose(np.linalg.eigvalsh(p), np.linalg.eigvalsh(rho), atol=1e-12)
        np.testing.assert_allclose(p @ h, h @ p, atol=1e-12)
        assert energy(p, h) == pytest.approx(e0 - erg, abs=1e-12)
        total, incoherent, coherent = ergotropy_split(rho, h)
        assert total == pytest.approx(erg, abs=1e-14)
        assert incoherent <= total + 1e-12
        assert coherent >= 0 and total == pytest.approx(incoherent + coherent, abs=1e-12)


def test_non_diagonal_hamiltonian_in_another_basis():
    # Rotating both H and rho by the same unitary changes nothing.
    rng = np.random.default_rng(3)
    v = random_unitary(4, rng)
    rho = random_rho(4, rng)
    h = v @ H2 @ v.conj().T
    moved = v @ rho @ v.conj().T
    assert ergotropy(moved, h) == pytest.approx(ergotropy(rho, H2), abs=1e-12)
    assert ergotropy_split(moved, h) == pytest.approx(ergotropy_split(rho, H2), abs=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match=r"rho must be a square matrix of the Hamiltonian's dimension 4, got shape \(2, 2\)"):
        ergotropy(np.eye(2) / 2, H2)
    with pytest.raises(ValueError, match="hamiltonian must be Hermitian"):
        ergotropy_split(np.eye(2) / 2, np.array([[0, 1], [2, 0]]))
    with pytest.raises(ValueError, match="hamiltonian must be a square matrix"):
        max_ergotropy(np.ones(3))
