"""The spin-chain battery (seed 004, Le et al.): conventions against an independent dense
construction, the XXX chain charging like independent spins, the ground state, and the
symmetric sector for uniform couplings."""

import numpy as np
import pytest
import scipy.linalg as sla

from qbcircuit.models import build_model
from qbcircuit.models.spin_chain import couplings
from qbcircuit.reference import time_series

SX = np.array([[0, 1], [1, 0]], dtype=complex)
SY = np.array([[0, -1j], [1j, 0]])
SZ = np.diag([-1.0, 1.0]).astype(complex)  # the paper's sigma^z: +1 on |1> (excited)


def site(op, i, N):
    # Qiskit order: qubit i is the (N-1-i)-th kron factor
    mats = [np.eye(2)] * N
    mats[N - 1 - i] = op
    out = mats[0]
    for m in mats[1:]:
        out = np.kron(out, m)
    return out


def dense_battery(N, B, g, alpha, range_, p):
    h = sum(B * site(SZ, i, N) for i in range(N))
    for (i, j), gij in couplings(N, g, range_, p).items():
        h = h - gij * (site(SZ, i, N) @ site(SZ, j, N)
                       + alpha * (site(SX, i, N) @ site(SX, j, N) + site(SY, i, N) @ site(SY, j, N)))
    return h


@pytest.mark.parametrize("params", [dict(N=4, B=1.0, g=0.7, alpha=-1.0), dict(N=5, B=0.5, g=1.3, alpha=0.4, range="long-range", p=1.0)])
def test_against_independent_dense_construction(params):
    full = {"range": "nearest", "p": 1.0, **params}
    model = build_model("spin-chain", **params)
    h_b = dense_battery(full["N"], full["B"], full["g"], full["alpha"], full["range"], full["p"])
    np.testing.assert_allclose(model.battery_hamiltonian.to_matrix(), h_b, atol=1e-12)
    # ground state: all spins down (index 0) is the lowest eigenvalue
    assert np.linalg.eigvalsh(h_b)[0] == pytest.approx(h_b[0, 0].real, abs=1e-10)
    h = h_b + sum(site(SX, i, full["N"]) for i in range(full["N"]))
    times = np.linspace(0, 3, 13)
    psi0 = np.zeros(2 ** full["N"], dtype=complex)
    psi0[0] = 1
    energies = [np.vdot(v, h_b @ v).real for v in (sla.expm(-1j * h * t) @ psi0 for t in times)]
    ts = time_series(model, times, refine=False)
    np.testing.assert_allclose(ts.series["energy"], np.array(energies) - energies[0], atol=1e-8)


@pytest.mark.parametrize("range_", ["nearest", "long-range"])
def test_xxx_chain_charges_like_independent_spins(range_):
    N, B = 5, 0.8
    model = build_model("spin-chain", N=N, B=B, g=1.5, alpha=1.0, range=range_, p=1.0)
    times = np.linspace(0, 4, 21)
    ts = time_series(model, times, refine=False)
    omega = np.sqrt(B**2 + 1)
    np.testing.assert_allclose(ts.series["energy"], N * 2 * B / omega**2 * np.sin(omega * times) ** 2, atol=1e-8)


def test_interactions_matter_away_from_xxx():
    times = np.linspace(0, 4, 21)
    a = time_series(build_model("spin-chain", N=5, g=1.5, alpha=-1.0), times, refine=False).series["energy"]
    b = time_series(build_model("spin-chain", N=5, g=0.0), times, refine=False).series["energy"]
    assert np.max(np.abs(a - b)) > 0.1


@pytest.mark.parametrize("alpha", [-1.0, 0.3, 1.0])
def test_uniform_couplings_symmetric_sector_matches_register(alpha):
    model = build_model("spin-chain", N=6, B=0.7, g=0.4, alpha=alpha, range="long-range", p=0.0)
    assert model.reduced is not None and model.reduced.dimension <= 7
    spectrum = np.sort(np.linalg.eigvalsh(model.battery_hamiltonian.to_matrix()))
    np.testing.assert_allclose(model.reduced.battery_levels, spectrum[:7], atol=1e-10)
    times = np.linspace(0, 5, 26)
    red = time_series(model, times, solver="reduced", refine=False)
    full = time_series(model, times, solver="full", refine=False)
    for key in ("energy", "ergotropy"):
        np.testing.assert_allclose(red.series[key], full.series[key], atol=1e-7, err_msg=key)


def test_large_chains_need_the_symmetric_sector():
    with pytest.raises(ValueError, match="parameter 'N' must be <= 14"):
        build_model("spin-chain", N=30)
    model = build_model("spin-chain", N=200, range="long-range", p=0.0, g=0.01)
    ts = time_series(model, np.linspace(0, 2, 11), refine=False)
    assert ts.series["energy"].max() > 0
