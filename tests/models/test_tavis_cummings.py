"""The Tavis-Cummings benchmark of seed 001: closed forms, and the register (binary-encoded
mode, exact truncation) against the Fock-basis reduced solver."""

import numpy as np
import pytest

from qbcircuit.models import build_model
from qbcircuit.reference import time_series


@pytest.mark.parametrize("n", [1, 2, 5])
def test_one_cell_rabi_frequency_sqrt_n(n):
    times = np.linspace(0, 3, 31)
    for solver in ("reduced", "full"):
        ts = time_series(build_model("tavis-cummings", M=1, n=n), times, solver=solver)
        np.testing.assert_allclose(ts.series["energy"], np.sin(np.sqrt(n) * times) ** 2, atol=1e-8)


@pytest.mark.parametrize("n", [2, 3, 6, 40])
def test_two_cells_maximum_energy(n):
    # E_max = 8 n (n-1) / (2n-1)^2 omega0 (16/9 at n = 2, the paper's Fig. 8(d)), reached at
    # g t = pi / sqrt(2 (2n - 1)): in the block {|00,n>, |+,n-1>, |11,n-2>} the couplings are
    # sqrt(2n) and sqrt(2(n-1)), so the state returns out of |00,n> at that frequency.
    xi = np.sqrt(2 * (2 * n - 1))
    ts = time_series(build_model("tavis-cummings", M=2, n=n), np.linspace(0, 1.5 * np.pi / xi, 41))
    t_e, e_max = ts.maxima["energy"]
    assert e_max == pytest.approx(8 * n * (n - 1) / (2 * n - 1) ** 2, abs=1e-10)
    assert t_e == pytest.approx(np.pi / xi, abs=1e-6)


@pytest.mark.parametrize("M, n", [(2, 3), (3, 5), (4, 2)])
def test_register_matches_reduced(M, n):
    model = build_model("tavis-cummings", M=M, n=n, g=0.3)
    times = np.linspace(0, 5, 26)
    red = time_series(model, times, solver="reduced", refine=False)
    full = time_series(model, times, solver="full", refine=False)
    for key in ("energy", "ergotropy"):
        np.testing.assert_allclose(red.series[key], full.series[key], atol=1e-7, err_msg=key)
    assert model.num_qubits == M + int(np.ceil(np.log2(n + 1)))


def test_large_sizes_run_in_the_reduced_space():
    model = build_model("tavis-cummings", M=500, n=500)
    assert not model.has_register and model.reduced.dimension == 501
    ts = time_series(model, np.linspace(0, 0.2, 21), refine=False)
    assert 0 < ts.series["energy"].max() <= 500
