"""Line plots and heat maps draw the table's numbers where the grid says, gaps for failures."""

import numpy as np
import pytest

from qbcircuit.sweep.plots import draw, figure_unit, grid, parse_plot, write_plot
from qbcircuit.sweep.spec import make_plan


def rows_for(plan, f, failed=()):
    rows = []
    for i, p in plan.points():
        ok = i not in failed
        rows.append({"index": i, **p, "status": "ok" if ok else "failed", "W": f(p) if ok else None})
    return rows


def test_lines_one_per_value_of_the_second_parameter():
    plan = make_plan("star-network", {"delta_mu": "0:10:6", "mu": "0,1,3"})
    rows = rows_for(plan, lambda p: p["mu"] * 10 + p["delta_mu"], failed={4})
    fig = draw(plan, rows, "W")
    (ax,) = [a for a in fig.axes]
    assert len(ax.lines) == 3
    for line, mu in zip(ax.lines, (0.0, 1.0, 3.0)):
        x, y = line.get_data()
        np.testing.assert_array_equal(x, np.linspace(0, 10, 6))
        expected = mu * 10 + np.linspace(0, 10, 6)
        if mu == 1.0:
            expected[1] = np.nan  # point 4 = (delta_mu 2, mu 1) failed: a gap, not a zero
        np.testing.assert_array_equal(y, expected)
    assert ax.get_xlabel() == "delta_mu [gamma]"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["mu = 0", "mu = 1", "mu = 3"]


def test_heat_map_holds_the_grid():
    plan = make_plan("star-network", {"mu": "0:3:4", "T": "0.5:2:12"})
    rows = rows_for(plan, lambda p: p["mu"] - p["T"])
    fig = draw(plan, rows, "W")  # 12 values of T: a heat map by default
    mesh = fig.axes[0].collections[0]
    expected = grid(plan, rows, "W").T
    np.testing.assert_allclose(np.asarray(mesh.get_array()).reshape(expected.shape), expected)
    assert expected[3, 2] == pytest.approx(2.0 - (0.5 + 3 * 1.5 / 11))


def test_word_valued_axis_gets_tick_labels(tmp_path):
    plan = make_plan("star-network", {"bath": "local,collective"})
    rows = rows_for(plan, lambda p: 1.0 if p["bath"] == "local" else 2.0)
    fig = draw(plan, rows, "W")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["local", "collective"]
    path = write_plot(tmp_path, plan, rows, "W")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_errors():
    plan = make_plan("star-network", {"mu": "0,1"})
    rows = rows_for(plan, lambda p: 0.0)
    with pytest.raises(ValueError, match="no such figure in the table; figures: W"):
        write_plot("/nonexistent", plan, rows, "ergotropy_ratio")
    with pytest.raises(ValueError, match="needs two swept parameters"):
        draw(plan, rows, "W", "heatmap")
    three = make_plan("star-network", {"mu": "0,1", "T": "1,2", "J": "1,2"})
    with pytest.raises(ValueError, match="this sweep has 3"):
        draw(three, rows_for(three, lambda p: 0.0), "W")
    with pytest.raises(ValueError, match="style must be lines or heatmap"):
        parse_plot("W:bars")


def test_units_of_figures():
    units = {"energy": "gamma", "time": "1/gamma"}
    assert figure_unit("ergotropy_max", units) == "gamma"
    assert figure_unit("t_power_max", units) == "1/gamma"
    assert figure_unit("power_max", units) == "gamma^2"
    assert figure_unit("ergotropy_ratio", units) == ""
