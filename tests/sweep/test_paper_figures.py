"""The papers' figures, each from one `qbc sweep` command, against what the papers say.

Seed 003 Fig. 3 (W against delta_mu for several mu, T = gamma): the paper prints no
numbers, only trends: W does not fall as delta_mu grows for mu >= omega, grows with mu,
and is nearly full for mu = 8 gamma whatever delta_mu. For N = 2 the steady state is in
closed form (tests/sweep/test_runner.py), asserted at every point there.

Seed 002 Fig. 7(a) (efficiency against T_1 = T_2 = T, bosons) and 7(b) (against
mu_1 = mu_2 = mu, fermions, T = 1, 2, 3): at resonance with equal reservoirs Eq. (17)
gives P = (F/M) |<sx sx>_0| (1 - r)/(1 + r) with r = N(M)/(1 +- N(M)), i.e.
P = (F/M) |tanh((M - mu)/(2T))| (mu = 0 for bosons), M = sqrt(F^2 + lambda^2), and
|<sx sx>_0| = 1 for (|eg> + |ge>)/sqrt(2).
"""

import math

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.sweep import read_table

THETA = repr(math.pi / 4)


def eq17(mu, T, F=0.5, lam=1.0):
    m = math.hypot(F, lam)
    return F / m * abs(math.tanh((m - mu) / (2 * T)))


def sweep(capsys, *argv):
    code = main(["sweep", *map(str, argv), "--executor", "serial", "--quiet"])
    capsys.readouterr()
    assert code == 0


def test_seed003_fig3_trends_from_one_command(capsys, tmp_path):
    out = tmp_path / "fig3"
    sweep(capsys, "star-network", "-p", "bath=local", "-p", "T=1", "-p", "delta_mu=0:10:6", "-p", "mu=0,1,3,8",
          "--steady-state", "--plot", "ergotropy_ratio", "--out", out)
    rows = read_table(out)
    curves = {mu: np.array([r["ergotropy_ratio"] for r in rows if r["mu"] == mu]) for mu in (0.0, 1.0, 3.0, 8.0)}
    for mu in (1.0, 3.0, 8.0):
        assert np.all(np.diff(curves[mu]) >= -1e-12)
    for low, high in ((0.0, 1.0), (1.0, 3.0), (3.0, 8.0)):
        assert np.all(curves[high] >= curves[low] - 1e-12)
    assert curves[8.0].min() > 0.99
    # at delta_mu = 0 the reservoirs are in equilibrium: Fig. 2's W = max(0, tanh((mu - omega)/(2T)))
    for mu, curve in curves.items():
        assert curve[0] == pytest.approx(max(0.0, math.tanh((mu - 1) / 2)), abs=1e-9)
    assert (out / "ergotropy_ratio.png").exists()


def test_seed002_fig7a_efficiency_against_temperature(capsys, tmp_path):
    out = tmp_path / "fig7a"
    sweep(capsys, "driven-dissipative", "-p", "T1=0.2:5:7", "-p", "T2=0.2:5:7", "--zip", "T1,T2",
          "-p", f"theta={THETA}", "--steady-state", "--plot", "efficiency", "--out", out)
    rows = read_table(out)
    assert len(rows) == 7 and all(r["T1"] == r["T2"] for r in rows)
    for row in rows:
        assert row["efficiency"] == pytest.approx(eq17(0.0, row["T1"]), abs=1e-9)
    # "high temperature suppresses the efficiency"
    assert np.all(np.diff([r["efficiency"] for r in rows]) < 0)
    assert (out / "efficiency.png").exists()


def test_seed002_fig7b_efficiency_against_mu_two_zips(capsys, tmp_path):
    out = tmp_path / "fig7b"
    sweep(capsys, "driven-dissipative", "-p", "reservoir=fermion", "-p", "mu1=-6:6:5", "-p", "mu2=-6:6:5",
          "-p", "T1=1,3", "-p", "T2=1,3", "--zip", "mu1,mu2", "--zip", "T1,T2", "-p", f"theta={THETA}",
          "--steady-state", "--plot", "efficiency", "--out", out)
    rows = read_table(out)
    assert len(rows) == 10
    for row in rows:
        assert row["mu1"] == row["mu2"] and row["T1"] == row["T2"]
        assert row["efficiency"] == pytest.approx(eq17(row["mu1"], row["T1"]), abs=1e-9)
