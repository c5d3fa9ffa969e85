"""Linear estimators over measured distributions: ordering, error bars, mitigation algebra."""

import numpy as np
import pytest

from qbcircuit.run.distribution import Distribution, apply_per_bit, z_diagonal
from qbcircuit.run.mitigation import extrapolation_coefficients


def test_per_bit_matrices_are_a_little_endian_kronecker_product():
    rng = np.random.default_rng(1)
    m0, m1, m2 = (rng.normal(size=(2, 2)) for _ in range(3))
    v = rng.normal(size=8)
    # bit 0 is the least significant: the full matrix is M2 (x) M1 (x) M0
    assert np.allclose(apply_per_bit(v, [m0, m1, m2]), np.kron(m2, np.kron(m1, m0)) @ v, atol=1e-12)


def test_counts_bit_order_and_binomial_error():
    d = Distribution.from_counts({"01": 300, "00": 700}, 2)  # clbit 0 set in 300 shots
    mean, se = d.expectation(z_diagonal(2, [0]))
    assert mean == pytest.approx(0.4)
    p = 0.3
    assert se == pytest.approx(2 * np.sqrt(p * (1 - p) / 1000))  # Z = 1 - 2 n
    assert d.expectation(z_diagonal(2, [1]))[0] == pytest.approx(1.0)


def test_readout_inverse_recovers_the_true_distribution_exactly():
    true = np.array([0.1, 0.2, 0.3, 0.4])
    a = [np.array([[0.97, 0.05], [0.03, 0.95]]), np.array([[0.9, 0.1], [0.1, 0.9]])]
    measured = apply_per_bit(true, a)
    d = Distribution(2, [(1.0, measured, 10**6)], [np.linalg.inv(m) for m in a])
    assert np.allclose(d.quasi_probabilities(), true, atol=1e-12)
    zz = z_diagonal(2, [0, 1])
    assert d.expectation(zz)[0] == pytest.approx(true @ zz, abs=1e-12)


@pytest.mark.parametrize("kind, factors, degree", [("linear", (1, 3, 5), 1), ("richardson", (1, 3, 5), 2), ("richardson", (1, 3), 1)])
def test_extrapolation_is_exact_on_polynomials_of_its_degree(kind, factors, degree):
    c = extrapolation_coefficients(factors, kind)
    poly = np.poly1d(np.arange(1, degree + 2) * 0.3)  # value at 0 = last coefficient
    assert np.dot(c, poly(np.asarray(factors, float))) == pytest.approx(poly(0.0), abs=1e-12)
    assert c.sum() == pytest.approx(1.0)


def test_unanimous_shots_get_the_agresti_coull_floor_not_zero():
    # 1000 shots, all |0>: <Z> = 1, and the error is that of a -1 outcome at p = 2/1004.
    dist = Distribution.from_counts({"0": 1000}, 1)
    mean, err = dist.expectation(np.array([1.0, -1.0]))
    p = 2 / 1004
    assert mean == 1.0
    assert err == pytest.approx(2 * np.sqrt(p * (1 - p) / 1004), rel=1e-12)
    # with any spread the binomial error stands: 10 of 1000 flipped gives sqrt(1 - <Z>^2)/sqrt(S)
    mean, err = Distribution.from_counts({"0": 990, "1": 10}, 1).expectation(np.array([1.0, -1.0]))
    assert err == pytest.approx(np.sqrt(1 - mean**2) / np.sqrt(1000), rel=1e-12)
