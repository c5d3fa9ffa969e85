"""The run folder's exact curve is dense (issue 16: 'exact curves are to be dense, circuit
points on top'): ``exact_curve.json`` holds the exact figures on CURVE_POINTS times, solved
together with the measured times, and the comparison draws it.

Model: seed 001's spin charger with one cell and one charger (M = N = 1): the cell's stored
energy is W(t) = omega0 sin^2(t) (t in 1/g), full charge at t = pi/2.
"""

import math

import numpy as np
import pytest

from qbcircuit import pipeline
from qbcircuit.models import build_model
from qbcircuit.pipeline.execute import CURVE_POINTS


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("curve") / "run"
    # five measured times: the grid misses the full charge at pi/2 (its largest value is 0.995)
    return pipeline.run(build_model("spin-charger", M=1, N=1), "aer-ideal", np.linspace(0, 2, 5), shots=200, seed=1,
                        out=out), out


def test_the_exact_curve_is_dense_and_is_the_closed_form(result):
    res, out = result
    curve = res.to_dict()["exact_curve"]
    times = np.array(curve["times"])
    assert len(times) == CURVE_POINTS and times[0] == 0 and times[-1] == pytest.approx(2.0)
    assert np.allclose(curve["energy"], np.sin(times) ** 2, atol=1e-6)
    assert max(curve["energy"]) == pytest.approx(1.0, abs=1e-3)  # the peak the 5 measured times miss
    assert max(res.to_dict()["exact"]["energy"]) < 0.996
    assert (out / "exact_curve.json").is_file()


def test_the_exact_values_at_the_measured_times_are_those_of_a_solve_on_them_alone(result):
    from qbcircuit.reference import time_series

    res, _ = result
    alone = time_series(build_model("spin-charger", M=1, N=1), np.linspace(0, 2, 5)).to_dict()
    exact = res.to_dict()["exact"]
    def values(v):
        return np.array([np.nan if x is None else x for x in v], dtype=float)

    for key in ("energy", "ergotropy", "power"):  # power W(t)/t is not defined at t = 0
        assert np.allclose(values(exact[key]), values(alone[key]), atol=1e-7, equal_nan=True), key
    assert exact["t_energy_max"] == pytest.approx(math.pi / 2, abs=1e-5)


def test_the_comparison_keeps_the_curve_through_its_report(result):
    from qbcircuit.compare import Comparison

    res, _ = result
    again = Comparison.from_report(res.to_dict())
    assert again.exact_curve is not None and len(again.exact_curve["times"]) == CURVE_POINTS
    assert set(again.keys) <= set(again.exact_curve)
