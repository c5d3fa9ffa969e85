"""Figures of merit of a model along its exact evolution, or in its steady state.

Stored energy W(t) = Tr[H_B rho_B(t)] - Tr[H_B rho_B(0)], the ergotropy of the battery's
reduced state, the average power W(t)/t, and the model's own figures (e.g. seed 003's
ergotropy ratio). Maxima of a time series are located between grid points by re-evolving
the model from the grid point before the maximum, not read off the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qbcircuit.metrics import average_power, partial_trace, power_unit, refine_maximum
from qbcircuit.models.core import BatteryModel
from qbcircuit.reference.evolve import evolve
from qbcircuit.reference.steady import steady_state
from qbcircuit.reference.truncation import mode_report


@dataclass
class TimeSeries:
    """Figures along a time grid; ``maxima[name] = (t, value)`` located between grid points."""

    model: str
    parameters: dict[str, Any]
    energy_unit: str
    time_unit: str
    times: np.ndarray
    series: dict[str, np.ndarray]
    maxima: dict[str, tuple[float, float]] = field(default_factory=dict)
    # How the series was computed (solver, reduced basis, a cavity truncation check ...).
    info: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "model": self.model,
            "parameters": self.parameters,
            "units": {"energy": self.energy_unit, "time": self.time_unit, "power": power_unit(self.energy_unit, self.time_unit)},
            "times": self.times.tolist(),
        }
        for key, values in self.series.items():
            out[key] = [None if not np.isfinite(v) else float(v) for v in values]
        for key, (t, value) in self.maxima.items():
            out[f"{key}_max"] = value
            out[f"t_{key}_max"] = t
        out.update(self.info)
        return out


def time_series(
    model: BatteryModel,
    times: Sequence[float],
    *,
    refine: bool = True,
    progress: Callable[[int, int], None] | None = None,
    sec_cutoff: float = 0.1,
    solver: str = "auto",
) -> TimeSeries:
    """Evolve ``model`` over ``times`` (starting at times[0] = 0 from the initial state).

    ``solver``: ``"full"`` evolves the qubit register (QuTiP); ``"reduced"`` the model's
    symmetry-reduced space (:mod:`qbcircuit.reference.collective`); ``"auto"`` takes the
    reduced space when the model has one (it is exact, and checked against the full
    register in the tests), the register otherwise.
    """
    if solver not in ("auto", "full", "reduced"):
        raise ValueError(f"solver must be one of auto, full, reduced, got {solver!r}")
    if solver == "reduced" or (solver == "auto" and model.reduced is not None):
        from qbcircuit.reference.collective import reduced_time_series

        return reduced_time_series(model, times, refine=refine, progress=progress)
    times = np.asarray(times, dtype=float)
    if times.size < 2 or times[0] != 0:
        raise ValueError("times must start at 0 and hold at least two points")
    e0 = model.initial_battery_energy()
    evo = evolve(model, times, progress=progress, sec_cutoff=sec_cutoff)
    fig_states = evo.figure_states if evo.figure_states is not None else [None] * len(times)
    rows = [model.battery_figures(rho, fs) for rho, fs in zip(evo.battery_states, fig_states)]
    series = {key: np.array([r[key] for r in rows]) for key in rows[0]}
    series["power"] = average_power(times, series["energy"])
    info: dict[str, Any] = {"solver": "full", **_truncation_info(model, evo.mode_populations)}
    result = TimeSeries(model.name, dict(model.parameters), model.energy_unit, model.time_unit, times, series, info=info)
    if refine:
        for key in ("energy", "ergotropy", "power"):
            result.maxima[key] = _refined_maximum(model, times, series, key, e0, sec_cutoff)
    return result


def _truncation_info(model: BatteryModel, populations: np.ndarray | None) -> dict[str, Any]:
    """{"truncation": report} for a model with a truncated mode, from its level populations."""
    mode = model.truncated_mode
    return {} if mode is None else {"truncation": mode_report(mode.levels, mode.parameter, populations)}


def _refined_maximum(model, times, series, key, e0, sec_cutoff) -> tuple[float, float]:
    values = series[key]
    if not np.any(np.isfinite(values)):
        return (float("nan"), float("nan"))
    k = int(np.nanargmax(values))
    lo = max(k - 1, 0)
    if times[lo] == 0 and key == "power":
        lo = 1  # W(t)/t is not defined at t = 0
    start = evolve(model, times[: lo + 1], sec_cutoff=sec_cutoff).final_state if lo > 0 else model.initial_state

    def figure_at(t: float) -> float:
        if t <= times[lo]:
            return float(values[lo])
        evo = evolve(model, [times[lo], t], initial_state=start, sec_cutoff=sec_cutoff)
        fig = None if evo.figure_states is None else evo.figure_states[-1]
        value = model.battery_figures(evo.battery_states[-1], fig)["energy" if key == "power" else key]
        return value / t if key == "power" else value

    window = times[lo : min(k + 2, times.size)]
    window_values = values[lo : min(k + 2, times.size)]
    t_best, v_best = refine_maximum(figure_at, window, window_values)
    return float(t_best), float(v_best)


@dataclass
class SteadyStateFigures:
    model: str
    parameters: dict[str, Any]
    energy_unit: str
    figures: dict[str, float]
    degeneracy: int
    gap: float
    residual: float
    info: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "parameters": self.parameters,
            "units": {"energy": self.energy_unit, "liouvillian_gap": f"{self.energy_unit}"},
            **self.figures,
            "steady_state_degeneracy": self.degeneracy,
            # a degenerate kernel: the answer is the steady state reached from the model's
            # initial state, and another initial state can give another one
            "steady_state_unique": self.degeneracy == 1,
            "liouvillian_gap": self.gap,
            "gap": self.gap,
            "residual": self.residual,
            **self.info,
        }


def steady_state_figures(model: BatteryModel, *, sec_cutoff: float = 0.1, spectrum: bool = True) -> SteadyStateFigures:
    """Figures of the steady state; ``spectrum=False``: see reference.steady.steady_state."""
    ss = steady_state(model, sec_cutoff=sec_cutoff, spectrum=spectrum)
    figures = model.battery_figures(ss.battery_state, ss.figure_state)
    mode = model.truncated_mode
    populations = None if mode is None else np.diag(partial_trace(ss.state, mode.qubits, model.num_qubits)).real
    info = _truncation_info(model, populations)
    return SteadyStateFigures(
        model.name, dict(model.parameters), model.energy_unit, figures, ss.degeneracy, ss.gap, ss.residual, info
    )
