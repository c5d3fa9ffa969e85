"""The review's figures of merit in the exact time series (qbcircuit.reference.merit): the
instantaneous power against the derivative of the exact curve, the variance split against
closed forms, the register against the reduced spaces, and every bound held on every
registered model."""

import json

import numpy as np
import pytest

import qbcircuit as qbc
from qbcircuit.cli.main import main
from qbcircuit.models import build_model
from qbcircuit.reference import time_series
from qbcircuit.reference.merit import MERIT_KEYS

# Every registered model, small enough for the default tests (seed 000 with a fixed cavity).
SMALL = {
    "dicke": dict(N=3, g=0.3),
    "driven-dissipative": dict(equation="redfield", Delta=0.5),
    "local-global": dict(N=3),
    "single-cell": dict(Omega=0.05),
    "spin-chain": dict(N=4, g=0.7, alpha=-1.0),
    "spin-chain-cavity": dict(N=2, cavity_qubits=2, J=0.4),
    "spin-charger": dict(M=2, N=3, gamma=0.4),
    "star-network": dict(N=3),
    "syk": dict(N=4),
    "tavis-cummings": dict(M=2, n=3),
    "xy-chain": dict(N=4, gamma=0.5),
}
# the free-fermion solver computes no figures of merit: the register solver does, at small N
SOLVERS = {"xy-chain": "qutip"}
WINDOWS = {"driven-dissipative": 6.0, "star-network": 3.0, "spin-chain-cavity": 4.0, "single-cell": 80.0}


def test_every_registered_model_is_covered():
    assert set(qbc.list_models()) == set(SMALL)


def solve(name, points=241):
    model = build_model(name, **SMALL[name])
    t_final = WINDOWS.get(name) or model.default_t_final
    return model, time_series(model, np.linspace(0, t_final, points), solver=SOLVERS.get(name, "auto"))


@pytest.mark.parametrize("name", sorted(SMALL))
def test_no_model_exceeds_its_bounds(name):
    model, ts = solve(name)
    s, t = ts.series, ts.times
    assert set(MERIT_KEYS) <= set(s)
    scale = 1e-9 * max(1.0, np.nanmax(np.abs(s["power_instantaneous"])))

    def holds(value, bound):
        ok = np.isfinite(bound) & np.isfinite(value)
        return np.all(value[ok] <= bound[ok] + scale), ok.sum()

    good, checked = holds(np.abs(s["power_instantaneous"]), s["power_bound_instantaneous"])
    assert good and checked >= len(t) - 1, "Eq. (24)"
    # the average bounds: W(t)/t from the exact curve, the bound's time averages on the grid
    assert holds(s["power"], s["power_bound_average"])[0], "Julia-Farre's average bound"
    if model.is_open:
        assert np.all(np.isnan(s["power_bound_variance"])) and np.all(np.isnan(s["t_qsl"]))
        return
    assert holds(s["power"], s["power_bound_variance"])[0], "Eq. (43) with its factor 2"
    if model.initial_state.is_pure:
        assert np.all(s["t_qsl"] <= t + 1e-9), "Eq. (12), Mandelstam-Tamm"
        assert holds(s["power"], s["power_bound_binder"])[0], "Eq. (14)"


@pytest.mark.parametrize("name", sorted(SMALL))
def test_instantaneous_power_is_the_derivative_of_the_stored_energy(name):
    model = build_model(name, **SMALL[name])
    t_final = WINDOWS.get(name) or model.default_t_final
    grid = np.linspace(0, t_final, 9)
    solver = SOLVERS.get(name, "auto")
    ts = time_series(model, grid, refine=False, solver=solver)
    h = 1e-4 * t_final  # a central difference of the exact curve at each interior point
    for k in range(1, 8):
        near = time_series(model, [0.0, grid[k] - h, grid[k] + h], refine=False).series["energy"]
        slope = (near[2] - near[1]) / (2 * h)
        assert ts.series["power_instantaneous"][k] == pytest.approx(slope, abs=1e-5 * max(1, abs(slope)))


def test_variance_split_closed_forms():
    # M = N = 2 spin charger: E = 2 sin^2(sqrt2 g t) and the cells stay in the triplet
    # cos^2|00> + sin^2|11> - ... with one excitation shared: the cells are correlated
    ts = time_series(build_model("spin-charger", M=2, N=2), np.linspace(0, 2, 21), refine=False)
    s = ts.series
    np.testing.assert_allclose(s["energy_variance_local"] + s["energy_variance_entangled"], s["energy_variance"],
                               atol=1e-12)
    # parallel charging: independent cells, no entangled part; one cell's variance sin^2 cos^2 each
    par = time_series(build_model("spin-charger", M=3, N=3, protocol="parallel"), np.linspace(0, 2, 21), refine=False)
    t = par.times
    np.testing.assert_allclose(par.series["energy_variance"], 3 * np.sin(t) ** 2 * np.cos(t) ** 2, atol=1e-10)
    np.testing.assert_allclose(par.series["energy_variance_entangled"], 0.0, atol=1e-10)
    # and the Fisher information of each cell's sin^2(t): 4 per cell
    np.testing.assert_allclose(par.series["fisher_information_energy"][1:], 12.0, rtol=1e-8)
    # interactions in H_B: the split is not defined
    chain = time_series(build_model("spin-chain", N=3, g=0.5), np.linspace(0, 1, 5), refine=False)
    assert np.all(np.isnan(chain.series["energy_variance_local"]))


@pytest.mark.parametrize("name, params", [("spin-charger", dict(M=2, N=3, gamma=0.4)),
                                          ("dicke", dict(N=2, g=0.4, protocol="parallel", mode_qubits=3)),
                                          ("tavis-cummings", dict(M=3, n=2)),
                                          ("local-global", dict(N=3, protocol="parallel"))])
def test_register_and_reduced_space_agree(name, params):
    model = build_model(name, **params)
    times = np.linspace(0, model.default_t_final, 21)
    red = time_series(model, times, solver="reduced", refine=False).series
    full = time_series(model, times, solver="full", refine=False).series
    for key in MERIT_KEYS:
        a, b = red[key], full[key]
        if key == "power_bound_binder":
            # E_max is the generator's norm on the space the solve holds: the reduced one is
            # smaller (a tighter bound, still one: the state never leaves that space)
            ok = np.isfinite(a) & np.isfinite(b)
            assert np.all(a[ok] <= b[ok] * (1 + 1e-9) + 1e-12) and np.all(np.isnan(a) == np.isnan(b))
            continue
        assert np.array_equal(np.isnan(a), np.isnan(b)), key
        ok = np.isfinite(a)
        np.testing.assert_allclose(a[ok], b[ok], atol=1e-6 * max(1, np.nanmax(np.abs(b))), err_msg=key)


def test_charging_precision_at_the_energy_maximum():
    # M = 2, N = 4 (Eq. A5): at g t = pi/xi the state is c1|11> + c2(|10> + |01>) + c4|00>
    ts = time_series(build_model("spin-charger", M=2, N=4), np.linspace(0, 1.5, 61))
    xi = np.sqrt(20)
    c1 = 2 * np.sqrt(2 * (xi**2 + 4) * (xi**2 - 2)) / (3 * xi**2)
    c4 = ((xi**2 + 4) * -1 + 2 * (xi**2 - 2)) / (3 * xi**2)
    p = np.array([c4**2, 1 - c1**2 - c4**2, c1**2])  # 0, 1, 2 excitations
    levels = np.arange(3)
    variance = p @ levels**2 - (p @ levels) ** 2
    precision = ts.info["charging_precision"]
    assert precision["t"] == pytest.approx(np.pi / xi, abs=1e-6)
    assert precision["energy_variance"] == pytest.approx(variance, abs=1e-8)
    assert precision["energy_std"] == pytest.approx(np.sqrt(variance), abs=1e-8)


def test_qbc_exact_json_carries_the_figures_of_merit(capsys):
    assert main(["exact", "spin-charger", "--t-final", "2", "--points", "11", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(MERIT_KEYS) <= set(data) and "charging_precision" in data
    assert len(data["power_instantaneous"]) == 11
    assert main(["exact", "spin-charger", "--t-final", "2", "--points", "11"]) == 0
    out = capsys.readouterr().out
    assert "power_instantaneous" in out and "charging precision" in out and "fisher" not in out
