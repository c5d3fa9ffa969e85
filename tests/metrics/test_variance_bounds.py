"""Energy fluctuations and power bounds (qbcircuit.metrics.variance, qbcircuit.metrics.bounds)
against closed forms, and the two readings of the review's equations that the bounds take:
Eq. (43) needs Robertson's factor 2, and the Margolus-Levitin half of Eq. (12) holds only
for orthogonal states."""

import numpy as np
import pytest
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.metrics import (
    bounds,
    energy_fisher_information,
    energy_levels,
    energy_variance,
    energy_variance_split,
    level_populations,
    local_terms,
    partial_trace,
    partial_trace_operator,
)

N_OP = np.diag([0.0, 1.0])  # |1><1|: the excited state


def cells_hamiltonian(n, eps=1.0):
    # H_B = eps sum_i n_i = eps sum_i (I - Z_i)/2
    return SparsePauliOp.from_sparse_list([("I", [0], eps * n / 2)] + [("Z", [i], -eps / 2) for i in range(n)], n)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.5, 1.0])
def test_one_cell_variance_is_eps2_p_1_minus_p(p):
    rho = np.diag([1 - p, p]).astype(complex)
    assert energy_variance(rho, 2.0 * N_OP) == pytest.approx(4 * p * (1 - p), abs=1e-14)


def test_product_states_have_no_entangled_part_and_ghz_has_half():
    h = cells_hamiltonian(2, eps=1.5)
    a, b = np.array([0.8, 0.6]), np.array([np.sqrt(0.1), np.sqrt(0.9) * 1j])
    split = energy_variance_split(np.kron(b, a), h)
    assert split.entangled == pytest.approx(0.0, abs=1e-12)
    assert split.total == pytest.approx(1.5**2 * (0.36 * 0.64 + 0.9 * 0.1), abs=1e-12)
    ghz = np.zeros(4, dtype=complex)
    ghz[[0, 3]] = 1 / np.sqrt(2)  # energies 0 and 2 eps, equal weights: variance eps^2
    split = energy_variance_split(ghz, h)
    assert split.total == pytest.approx(1.5**2, abs=1e-12)
    assert split.local == pytest.approx(1.5**2 / 2, abs=1e-12) and split.entangled == pytest.approx(1.5**2 / 2, abs=1e-12)


def test_the_split_is_not_defined_with_interactions():
    h = cells_hamiltonian(2) + SparsePauliOp("ZZ", 0.3)
    assert local_terms(h, 2) is None
    split = energy_variance_split(np.array([1, 0, 0, 0], dtype=complex), h)
    assert np.isnan(split.local) and np.isnan(split.entangled) and split.total == pytest.approx(0.0, abs=1e-14)


def test_fisher_information_of_a_rabi_rotation_is_4_omega2():
    # p_1 = sin^2(Omega t): I_E = (dp/dt)^2 (1/p_0 + 1/p_1) = 4 Omega^2 at every t
    omega = 0.7
    for t in (0.1, 0.9, 2.0):
        p1, dp1 = np.sin(omega * t) ** 2, omega * np.sin(2 * omega * t)
        assert energy_fisher_information([1 - p1, p1], [-dp1, dp1]) == pytest.approx(4 * omega**2, rel=1e-12)


def test_levels_group_degenerate_energies():
    h = cells_hamiltonian(3).to_matrix()
    levels, bases = energy_levels(h)
    np.testing.assert_allclose(levels, [0, 1, 2, 3], atol=1e-12)
    assert [b.shape[1] for b in bases] == [1, 3, 3, 1]
    rho = np.full((8, 8), 1 / 8, dtype=complex)  # |+++>
    np.testing.assert_allclose(level_populations(rho, bases), [1 / 8, 3 / 8, 3 / 8, 1 / 8], atol=1e-12)


def test_partial_trace_of_any_operator():
    rng = np.random.default_rng(4)
    a = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    rho = a @ a.conj().T
    rho /= np.trace(rho)
    np.testing.assert_allclose(partial_trace_operator(rho, [2, 0], 3), partial_trace(rho, [2, 0], 3), atol=1e-14)
    traceless = rho - np.eye(8) / 8
    assert abs(np.trace(partial_trace_operator(traceless, [1], 3))) < 1e-14


def test_time_average_is_exact_for_a_straight_line():
    t = np.linspace(0, 2, 5)
    np.testing.assert_allclose(bounds.time_average(t, 3 * t + 1), 1.5 * t + 1, atol=1e-14)


def rabi(t, omega_b=1.0, rabi_freq=1.3):
    """One qubit, H_B = omega_b |1><1|, charged by H = (Omega/2) sigma_x from |0>: W, P,
    Delta E_B^2 and Delta H^2 in closed form."""
    theta = rabi_freq * t
    w = omega_b * np.sin(theta / 2) ** 2
    p = omega_b * rabi_freq * np.sin(theta) / 2
    var_b = omega_b**2 * np.sin(theta / 2) ** 2 * np.cos(theta / 2) ** 2
    var_h = np.full_like(t, (rabi_freq / 2) ** 2)
    return w, p, var_b, var_h


def test_eq43_needs_robertsons_factor_2():
    omega_b, rabi_freq = 1.0, 1.3
    t = np.linspace(0, np.pi / rabi_freq, 20001)
    w, p, var_b, var_h = rabi(t, omega_b, rabi_freq)
    # instantaneous: P = 2 Delta E_B Delta H exactly (a pure qubit saturates Robertson's relation)
    np.testing.assert_allclose(p, 2 * np.sqrt(var_b * var_h), atol=1e-12)
    average = w[-1] / t[-1]
    printed = bounds.variance_bound(t, var_b, var_h)[-1] / 2  # Eq. (43) as printed: no factor 2
    assert average > printed * 1.5  # 0.414 against 0.230: the printed form fails
    assert average <= bounds.variance_bound(t, var_b, var_h)[-1]


def test_margolus_levitin_half_of_eq12_fails_for_non_orthogonal_states():
    # psi = sqrt(1 - eps)|0> + sqrt(eps)|1>, H = E |1><1|: <E> = eps E (from the ground energy 0)
    eps, E = 0.1, 1.0
    t = np.linspace(0, 0.5, 101)
    overlap = (1 - eps) + eps * np.exp(-1j * E * t)
    var_h = np.full_like(t, eps * (1 - eps) * E**2)
    angle = bounds.bures_angle(overlap)
    literal = angle[1:] / min(eps * E, np.sqrt(var_h[0]))  # Eq. (12) with min{<E>, <Delta E>}
    assert np.all(literal > t[1:])  # a "bound" above the actual time
    assert np.all(bounds.qsl_time(t, overlap, var_h) <= t + 1e-12)  # Mandelstam-Tamm holds


def test_binder_bound_is_eq14_at_orthogonality():
    w = np.array([0.0, 2.0])
    assert bounds.binder_bound(w, [1.0, 0.0], norm=3.0)[1] == pytest.approx(2 * 2.0 * 3.0 / np.pi)
    assert np.isnan(bounds.binder_bound(w, [1.0, 0.0], norm=3.0)[0])
    assert bounds.generator_norm([-1.0, 0.5, 3.0]) == 2.0


def test_bad_grids_are_one_line_errors():
    with pytest.raises(ValueError, match="starting at 0"):
        bounds.time_average([1.0, 2.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="grid's shape"):
        bounds.average_bound([0.0, 1.0], [0.0], [0.0, 1.0])
