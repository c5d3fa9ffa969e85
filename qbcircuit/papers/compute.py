"""The computations the registry's entries share: exact time series and steady states of the
registered models, each solved once per process (entries read several numbers off one
solve), and small helpers for the claims of the papers' texts.

Everything here goes through the exact reference (:func:`qbcircuit.reference.time_series`,
:func:`qbcircuit.reference.steady_state_figures`): the registry checks the same code that
``qbc exact`` runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from qbcircuit.models import build_model

_SERIES: dict[tuple, Any] = {}
_STEADY: dict[tuple, Any] = {}


def _key(name: str, extra: tuple, params: dict[str, Any]) -> tuple:
    return (name, *extra, tuple(sorted(params.items())))


def series(name: str, t_final: float, points: int = 2001, refine: bool = True, **params: Any):
    """The exact time series of a registered model on ``linspace(0, t_final, points)``
    (solved once per process).

    Parameters
    ----------
    name:
        A registered model.
    t_final:
        End of the window, in the model's time unit.
    points:
        Grid points.
    refine:
        Locate the maxima between grid points.
    params:
        The model's parameters.

    Returns
    -------
    TimeSeries
    """
    from qbcircuit.reference import time_series

    key = _key(name, (float(t_final), int(points), bool(refine)), params)
    if key not in _SERIES:
        model = build_model(name, **params)
        _SERIES[key] = time_series(model, np.linspace(0.0, float(t_final), int(points)), refine=refine)
    return _SERIES[key]


def maximum(name: str, figure: str, t_final: float, points: int = 2001, **params: Any) -> float:
    """The maximum of ``figure`` (energy, ergotropy, power) over the window, located between
    grid points.

    Parameters
    ----------
    name, t_final, points, params:
        As for :func:`series`.
    figure:
        ``energy``, ``ergotropy`` or ``power``.

    Returns
    -------
    float
    """
    return float(series(name, t_final, points, **params).maxima[figure][1])


def argmax_time(name: str, figure: str, t_final: float, points: int = 2001, **params: Any) -> float:
    """Where the maximum of ``figure`` is (see :func:`maximum`)."""
    return float(series(name, t_final, points, **params).maxima[figure][0])


def steady(name: str, **params: Any):
    """The exact steady-state figures of a registered model (solved once per process).

    Parameters
    ----------
    name:
        A registered model.
    params:
        Its parameters.

    Returns
    -------
    SteadyStateFigures
    """
    from qbcircuit.reference import steady_state_figures

    key = _key(name, (), params)
    if key not in _STEADY:
        _STEADY[key] = steady_state_figures(build_model(name, **params))
    return _STEADY[key]


def steady_figure(name: str, figure: str, **params: Any) -> float:
    """One figure of the steady state (see :func:`steady`)."""
    return float(steady(name, **params).figures[figure])


def steady_curve(name: str, figure: str, parameter: str, values: Sequence[float], **params: Any) -> np.ndarray:
    """A steady-state figure along one parameter."""
    return np.array([steady_figure(name, figure, **{**params, parameter: v}) for v in values])


def smallest_step(curve: Sequence[float]) -> float:
    """min_k (curve[k+1] - curve[k]): positive when the curve increases strictly."""
    return float(np.min(np.diff(np.asarray(curve, dtype=float))))


def largest_step(curve: Sequence[float]) -> float:
    """max_k (curve[k+1] - curve[k]): negative when the curve decreases strictly."""
    return float(np.max(np.diff(np.asarray(curve, dtype=float))))


def clear() -> None:
    """Forget the solves (a check that must recompute everything)."""
    _SERIES.clear()
    _STEADY.clear()
