"""Pictures of a sweep's table: line plots and heat maps, written as PNG beside the table.

One swept parameter: a line. Two: one line per value of the second against the first
(``lines``), or a heat map over the plane (``heatmap``); by default lines when the second
has at most ``MAX_LINES`` values. A zip group counts as one swept parameter, drawn against
its first member. Failed and missing points are gaps (NaN), never zeros.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qbcircuit.metrics import power_unit
from qbcircuit.sweep.spec import Axis, SweepPlan, model_units

MAX_LINES = 10
STYLES = ("lines", "heatmap")


def parse_plot(text: str) -> tuple[str, str | None]:
    """``FIGURE`` or ``FIGURE:lines`` / ``FIGURE:heatmap``."""
    figure, _, style = text.partition(":")
    if not figure:
        raise ValueError(f"--plot takes FIGURE[:lines|:heatmap], got {text!r}")
    if style and style not in STYLES:
        raise ValueError(f"--plot {text}: the style must be lines or heatmap, got {style!r}")
    return figure, style or None


def check_plottable(plan: SweepPlan, style: str | None) -> None:
    dims = len(plan.groups)
    if dims not in (1, 2):
        raise ValueError(f"--plot draws one or two swept parameters; this sweep has {dims} (plot from table.csv instead)")
    if style == "heatmap" and dims != 2:
        raise ValueError("--plot FIGURE:heatmap needs two swept parameters")


def check_figure(plan: SweepPlan, rows: Sequence[dict[str, Any]], figure: str) -> None:
    """A one-line error unless some finished point has ``figure``."""
    if not any(row.get("status") == "ok" and figure in row for row in rows):
        available = [k for k in (rows[0] if rows else {}) if k not in ("index", "status", "error", *plan.swept, *plan.fixed)]
        raise ValueError(f"--plot {figure}: no such figure in the table; figures: {', '.join(available) or '(none)'}")


def grid(plan: SweepPlan, rows: Sequence[dict[str, Any]], figure: str) -> np.ndarray:
    """The figure's values on the sweep's grid (shape ``plan.shape``), NaN where not ok."""
    values = np.full(plan.shape, np.nan)
    for row in rows:
        value = row.get(figure)
        if row.get("status") == "ok" and isinstance(value, (int, float)) and not isinstance(value, bool):
            values[plan.position(row["index"])] = value
    return values


def figure_unit(figure: str, units: dict[str, str]) -> str:
    e, t = units.get("energy", ""), units.get("time", "")
    base = figure.removesuffix("_max").removesuffix("_final")
    if figure.startswith("t_"):
        return t
    if base in ("energy", "battery_energy", "ergotropy", "liouvillian_gap"):
        return e
    if base == "power":
        return power_unit(e, t)
    return ""


def _label(name: str, unit: str) -> str:
    return f"{name} [{unit}]" if unit else name


def _coordinates(axis: Axis) -> tuple[np.ndarray, list[str] | None]:
    """Numeric positions, and tick labels when the values are words (bath=local,collective)."""
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in axis.values):
        return np.asarray(axis.values, dtype=float), None
    return np.arange(len(axis.values), dtype=float), [str(v) for v in axis.values]


def _group_label(group: Sequence[Axis], units: dict[str, str]) -> str:
    text = _label(group[0].name, units.get(group[0].name, ""))
    if len(group) > 1:
        text += " (with " + ", ".join(a.name for a in group[1:]) + ")"
    return text


def draw(plan: SweepPlan, rows: Sequence[dict[str, Any]], figure: str, style: str | None = None,
         units: dict[str, str] | None = None, title: str = ""):
    """A matplotlib Figure of ``figure`` over the sweep (see the module docstring): a bare
    ``Figure`` that leaves the user's matplotlib backend and pyplot state alone (a notebook
    shows it as a cell's result)."""
    from matplotlib.figure import Figure

    units = units or model_units(plan.model)
    check_plottable(plan, style)
    values = grid(plan, rows, figure)
    x_axis = plan.groups[0][0]
    x, x_ticks = _coordinates(x_axis)
    if style is None:
        style = "lines" if len(plan.groups) == 1 or plan.shape[1] <= MAX_LINES else "heatmap"
    fig = Figure(figsize=(6.4, 4.4))
    ax = fig.subplots()
    y_label = _label(figure, figure_unit(figure, units))
    if style == "lines":
        if len(plan.groups) == 1:
            ax.plot(x, values, "o-", ms=3)
        else:
            line_group = plan.groups[1]
            for k in range(plan.shape[1]):
                label = ", ".join(f"{a.name} = {a.values[k]:g}" if isinstance(a.values[k], float)
                                  else f"{a.name} = {a.values[k]}" for a in line_group)
                ax.plot(x, values[:, k], "o-", ms=3, label=label)
            ax.legend(fontsize=7)
        ax.set_ylabel(y_label)
    else:
        y, y_ticks = _coordinates(plan.groups[1][0])
        mesh = ax.pcolormesh(x, y, values.T, shading="nearest")
        fig.colorbar(mesh, ax=ax, label=y_label)
        ax.set_ylabel(_group_label(plan.groups[1], units))
        if y_ticks:
            ax.set_yticks(y, y_ticks)
    ax.set_xlabel(_group_label(plan.groups[0], units))
    if x_ticks:
        ax.set_xticks(x, x_ticks)
    fixed = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                      for k, v in plan.fixed.items() if k not in plan.swept)
    ax.set_title(title or "\n".join([f"{plan.model}: {figure}", *textwrap.wrap(fixed, 100)]), fontsize=8)
    fig.tight_layout()
    return fig


def write_plot(directory: str | Path, plan: SweepPlan, rows, figure: str, style: str | None = None,
               units: dict[str, str] | None = None) -> Path:
    """Draw ``figure`` and save it as DIR/FIGURE[-STYLE].png (atomically)."""
    from qbcircuit.io import save_figure

    check_figure(plan, rows, figure)
    fig = draw(plan, rows, figure, style, units)
    path = Path(directory) / (f"{figure}-{style}.png" if style else f"{figure}.png")
    save_figure(fig, path)
    return path


def write_plots(store, plots: Sequence[str]) -> list[Path]:
    """Every ``FIGURE[:STYLE]`` of ``plots`` for a sweep on disk (a SweepStore)."""
    _, rows = store.table()
    return [write_plot(store.directory, store.plan, rows, *parse_plot(text), units=store.manifest["units"])
            for text in plots]
