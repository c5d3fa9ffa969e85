"""Local vs global charging (seed 004): norm-matched generators, charging times N pi/(2 E_max)
and pi/(2 E_max), and the advantage Gamma = N exactly."""

import numpy as np
import pytest
import scipy.sparse.linalg as spla

from qbcircuit.models import build_model
from qbcircuit.models.local_global import charging_time
from qbcircuit.reference import time_series
from qbcircuit.models.master_equation import operator_matrix


def run(N, protocol, solver="auto", **params):
    model = build_model("local-global", N=N, protocol=protocol, **params)
    return time_series(model, np.linspace(0, model.default_t_final, 81), solver=solver)


@pytest.mark.parametrize("N", [2, 3, 5])
def test_generators_have_the_same_norm(N):
    norms = []
    for protocol in ("parallel", "global"):
        h = operator_matrix(build_model("local-global", N=N, protocol=protocol).hamiltonian)
        norms.append(abs(spla.eigsh(h.toarray(), k=1, which="LM")[0][0]) if h.shape[0] > 2 else abs(np.linalg.eigvalsh(h.toarray())).max())
    np.testing.assert_allclose(norms, [1.0, 1.0], atol=1e-12)  # units of E_max


@pytest.mark.parametrize("N", [1, 2, 3, 4, 6, 9, 40, 400])
def test_advantage_is_n(N):
    par, glob = run(N, "parallel"), run(N, "global")
    t_par, e_par = par.maxima["energy"]
    t_glob, e_glob = glob.maxima["energy"]
    assert e_par == pytest.approx(N, abs=1e-9) and e_glob == pytest.approx(N, abs=1e-9)
    assert t_par == pytest.approx(charging_time(N, "parallel"), abs=1e-6 * N)
    assert t_glob == pytest.approx(np.pi / 2, abs=1e-6)
    # Gamma = <P_glob>/<P_par> at full charge, and for the optimal average powers
    assert (e_glob / t_glob) / (e_par / t_par) == pytest.approx(N, rel=1e-6)
    assert glob.maxima["power"][1] / par.maxima["power"][1] == pytest.approx(N, rel=1e-9)


@pytest.mark.parametrize("protocol", ["parallel", "global"])
def test_register_matches_reduced(protocol):
    a, b = run(4, protocol, "reduced"), run(4, protocol, "full")
    for key in ("energy", "ergotropy"):
        np.testing.assert_allclose(a.series[key], b.series[key], atol=1e-7)


def test_global_state_stays_a_superposition_of_g_and_e():
    # The global generator only links |G> and |E>: E(t) = N omega0 sin^2(E_max t), and the
    # state is pure on the battery, so the ergotropy equals the energy.
    ts = run(5, "global")
    t = ts.times
    np.testing.assert_allclose(ts.series["energy"], 5 * np.sin(t) ** 2, atol=1e-10)
    np.testing.assert_allclose(ts.series["ergotropy"], ts.series["energy"], atol=1e-10)
