"""The symmetric-sector solver against the full qubit register, and the ergotropy of a
symmetric battery state against the full-space metric."""

import numpy as np
import pytest
import scipy.sparse as sp

from qbcircuit import operators as ops
from qbcircuit.metrics import ergotropy
from qbcircuit.models import build_model
from qbcircuit.models import sectors
from qbcircuit.reference import collective as col
from qbcircuit.reference import time_series


def dicke_isometry(cells):
    return np.column_stack([sectors.dicke_state(cells, k) for k in range(cells + 1)])


def full_number(cells):
    return sum(ops.number(q, cells) for q in range(cells)).to_matrix()


@pytest.mark.parametrize("cells, seed", [(3, 1), (4, 2), (6, 3)])
def test_ergotropy_of_symmetric_state_uses_the_full_spectrum(cells, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(cells + 1, 3)) + 1j * rng.normal(size=(cells + 1, 3))
    rho = a @ a.conj().T
    rho /= np.trace(rho)
    h_b = sectors.ladder_number(cells)
    levels = sectors.identical_cell_levels(cells, 1.0, 0.0, cells + 1)
    space = sectors.reduced_space(h_b, [(1.0, sectors.basis_vector(cells + 1, 0))], cells + 1, h_b, levels, "test")
    energy, ergo = col.battery_figures_reduced(space, sp.csr_matrix(rho))
    p = dicke_isometry(cells)
    rho_full = p @ rho @ p.conj().T
    assert energy == pytest.approx(np.trace(full_number(cells) @ rho_full).real, abs=1e-12)
    assert ergo == pytest.approx(ergotropy(rho_full, full_number(cells)), abs=1e-12)
    # Passive states inside the symmetric sector only would overstate the passive energy:
    symmetric_only = energy - np.sort(np.linalg.eigvalsh(rho))[::-1] @ np.arange(cells + 1)
    assert symmetric_only < ergo - 1e-3


@pytest.mark.parametrize(
    "params",
    [
        dict(M=2, N=3, gamma=0.6, g=0.3, g2=0.05),
        dict(M=3, N=2, gamma=1.0, g=0.2, g1=0.1, initial="dicke-chargers", p0=0.5),
        dict(M=2, N=4, gamma=0.3, protocol="parallel"),
    ],
)
def test_reduced_solver_matches_full_register(params):
    model = build_model("spin-charger", **params)
    times = np.linspace(0, 4, 41)
    red = time_series(model, times, solver="reduced", refine=False)
    full = time_series(model, times, solver="full", refine=False)
    for key in ("energy", "battery_energy", "ergotropy"):
        np.testing.assert_allclose(red.series[key], full.series[key], atol=2e-7, err_msg=key)
    assert red.info["solver"] == "reduced" and full.info["solver"] == "full"


def test_krylov_path_matches_diagonalisation(monkeypatch):
    model = build_model("spin-charger", M=4, N=5, gamma=0.4, g=0.2)
    times = np.linspace(0, 3, 16)
    dense = time_series(model, times)
    monkeypatch.setattr(col, "DENSE_LIMIT", 0)
    krylov = time_series(model, times)
    for key in ("energy", "ergotropy", "power"):
        np.testing.assert_allclose(krylov.series[key], dense.series[key], atol=1e-9, err_msg=key)
        assert krylov.maxima[key][1] == pytest.approx(dense.maxima[key][1], abs=1e-9)


def test_reachable_block_is_an_excitation_block():
    # isotropic: excitations conserved, from M empty cells and N full chargers the block
    # holds min(M, N) + 1 states; with counter-rotating terms only parity is conserved.
    assert build_model("spin-charger", M=30, N=40).reduced.dimension == 31
    assert build_model("spin-charger", M=6, N=7, gamma=0.5).reduced.dimension == 7 * 8 // 2
