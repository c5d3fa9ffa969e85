import numpy as np
import pytest

from qbcircuit.reference.truncation import converge_truncation


def test_picks_first_converged_doubling():
    # A coherent state |alpha|^2 = 2: the population beyond 2^k levels falls fast; the
    # figure is the captured norm, which converges to 1.
    from math import factorial

    def captured(k):
        n = np.arange(2**k)
        return np.array([np.sum(np.exp(-2.0) * 2.0**n / np.array([factorial(int(m)) for m in n]))])

    check = converge_truncation(captured, k_min=1, k_max=6, tol=1e-6)
    # The tail beyond 8 levels is 1.1e-3, beyond 16 levels 4.8e-10: the change from 8 to 16
    # levels is still 1.1e-3, from 16 to 32 it is 4.8e-10 < tol, so 32 levels are chosen
    # (the check confirms convergence with one doubling more than strictly needed).
    assert check.converged and check.num_mode_qubits == 5
    assert check.changes[4] == pytest.approx(1.0967e-3, rel=1e-3)
    assert "32 levels" in check.describe()


def test_reports_non_convergence_and_bad_arguments():
    check = converge_truncation(lambda k: np.array([k]), k_min=1, k_max=3, tol=1e-3)
    assert not check.converged and check.num_mode_qubits == 3
    with pytest.raises(ValueError, match="tol must be > 0"):
        converge_truncation(lambda k: np.zeros(1), tol=0)
