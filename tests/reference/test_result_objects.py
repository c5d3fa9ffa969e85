"""The exact results are result objects: attributes, a readable repr, to_dict with the CLI's
keys, and save/load that gives back the same object."""

import json

import numpy as np
import pytest

from qbcircuit.models import build_model
from qbcircuit.reference import SteadyStateFigures, TimeSeries, steady_state_figures, time_series
from qbcircuit.results import Result, load


def assert_same_series(a, b):
    assert a.model == b.model and a.parameters == b.parameters and a.units == b.units
    np.testing.assert_array_equal(a.times, b.times)
    assert a.figures.keys() == b.figures.keys()
    for key in a.figures:
        np.testing.assert_array_equal(a.figures[key], b.figures[key])  # nan where nan
    assert a.maxima == b.maxima and a.info == b.info


def test_time_series_attributes_repr_and_round_trip(tmp_path):
    model = build_model("spin-charger", M=1, N=1, g=0.1)
    times = np.linspace(0, 3, 31)
    ts = time_series(model, times)
    assert isinstance(ts, Result) and ts.kind == "time_series"
    np.testing.assert_allclose(ts.energy, np.sin(times) ** 2, atol=1e-8)  # e(t) = omega0 sin^2(g t)
    assert ts.ergotropy is ts.figures["ergotropy"] and np.isnan(ts.power[0])
    assert ts.units == {"energy": "omega0", "battery_energy": "omega0", "ergotropy": "omega0", "power": "g omega0",
                        "time": "1/g"}
    text = repr(ts)
    assert text.startswith("TimeSeries(model='spin-charger'") and "energy_max=1 omega0 at t=1.5708 1/g" in text
    path = ts.save(tmp_path / "series.json")
    back = load(path)
    assert isinstance(back, TimeSeries)
    assert_same_series(ts, back)
    assert back.to_dict() == ts.to_dict()
    assert_same_series(ts, TimeSeries.from_dict(ts.to_dict()))  # also without the saved key list


def test_to_dict_keeps_the_cli_keys():
    d = time_series(build_model("spin-charger", M=1, N=1), np.linspace(0, 1, 5)).to_dict()
    assert list(d)[:4] == ["model", "parameters", "units", "times"]
    assert {"energy", "battery_energy", "ergotropy", "power", "energy_max", "t_energy_max", "power_max",
            "t_power_max", "ergotropy_max", "t_ergotropy_max", "solver", "basis"} <= d.keys()
    json.dumps(d)


def test_steady_state_attributes_repr_and_round_trip(tmp_path):
    # an ensemble: figures with standard errors, a truncation report and a realisation count
    model = build_model("spin-chain-cavity", N=2, J=0.3, W=0.8, realisations=3)
    ss = steady_state_figures(model)
    assert ss.kind == "steady_state" and ss.energy == ss.figures["energy"] and ss.ergotropy == ss.figures["ergotropy"]
    assert ss.degeneracy == 1 and ss.gap > 0 and ss.residual < 1e-10
    text = repr(ss)
    assert text.startswith("SteadyStateFigures(model='spin-chain-cavity'") and "ergotropy=" in text and "+-" in text
    assert "realisations=3" in text and "truncation=2 levels (converged" in text
    back = load(ss.save(tmp_path / "steady.json"))
    assert isinstance(back, SteadyStateFigures)
    assert back.figures == ss.figures and back.info == ss.info
    assert (back.degeneracy, back.gap, back.residual, back.parameters) == (ss.degeneracy, ss.gap, ss.residual, ss.parameters)
    guessed = SteadyStateFigures.from_dict(json.loads(json.dumps(ss.to_dict())))
    assert guessed.figures == ss.figures and guessed.info == ss.info


def test_unknown_gap_survives_the_file(tmp_path):
    model = build_model("spin-chain-cavity", N=2, J=0.3, W=0.8, cavity_qubits=1)
    ss = steady_state_figures(model, spectrum=False)
    back = load(ss.save(tmp_path / "quick.json"))
    assert np.isnan(back.gap) and back.degeneracy == -1
    assert back.figures["photon_number"] == pytest.approx(ss.figures["photon_number"], abs=0)


def test_old_constructor_arguments_still_build_the_objects():
    ts = TimeSeries("m", {"a": 1}, "E", "1/E", [0.0, 1.0], {"energy": [0.0, 1.0]}, info={"solver": "full"})
    assert isinstance(ts.times, np.ndarray) and ts.energy.tolist() == [0.0, 1.0] and ts.maxima == {}
    ss = SteadyStateFigures("m", {}, "E", {"energy": 1.0, "ergotropy": 0.5}, 1, 0.2, 1e-12)
    assert ss.info == {} and ss.ergotropy == 0.5
