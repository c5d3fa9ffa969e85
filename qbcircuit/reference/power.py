"""The optimal charging power of a battery and the advantage of collective charging.

P_max = max_t W(t)/t over the model's own time window (``model.default_t_final``), from
:func:`qbcircuit.reference.time_series` (maximum located between grid points), and the
ratio of collective to parallel charging that the papers plot (Ferraro et al.'s Dicke
battery, Eq. 34 of RMP 96, 031001; the spin charger's eta, Eq. 10 of seed 001).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from qbcircuit.models.core import BatteryModel
from qbcircuit.models.registry import build_model
from qbcircuit.reference.figures import time_series


def optimal_power(model: BatteryModel, points: int = 2001) -> tuple[float, float]:
    """(t, P_max) of ``model`` over its window [0, default_t_final].

    Parameters
    ----------
    model:
        A closed battery with a default time window.
    points:
        Grid points on the window (>= 2); the grid must resolve E(t), whose fastest
        oscillation grows with the number of cells.

    Returns
    -------
    (t, P_max)
        In the model's time and power units.
    """
    if model.default_t_final is None:
        raise ValueError(f"model {model.name!r} has no default time window")
    if points < 2:
        raise ValueError(f"points must be >= 2, got {points}")
    result = time_series(model, np.linspace(0.0, model.default_t_final, points))
    return result.maxima["power"]


def collective_advantage(name: str, points: int = 2001, **params: Any) -> float:
    """P_max(protocol=collective) / P_max(protocol=parallel) of the registered model ``name``.

    Parameters
    ----------
    name:
        A model with a ``protocol`` parameter (``spin-charger``, ``dicke``).
    points:
        Grid points on the window, as in :func:`optimal_power`.
    params:
        The model's other parameters.

    Returns
    -------
    float
        The ratio (spin charger: eta, Eq. 10 of seed 001; Dicke: Eq. 34 of Ferraro et al.).
    """
    powers = [optimal_power(build_model(name, **{**params, "protocol": p}), points)[1] for p in ("collective", "parallel")]
    return powers[0] / powers[1]


def advantage_exponent(M: int, ratio: int = 1, points: int = 2001, **params: Any) -> float:
    """The spin charger's local scaling exponent beta = d ln eta / d ln M (Eq. 11 of seed 001)
    at N = ratio * M, by a central difference over M - 1 and M + 1.

    Parameters
    ----------
    M:
        Battery cells (>= 2).
    ratio:
        Charger spins per cell.
    points:
        Grid points on the window.
    params:
        The spin charger's other parameters.

    Returns
    -------
    float
        beta.
    """
    if M < 2:
        raise ValueError(f"M must be >= 2 for a central difference, got {M}")
    lo, hi = (collective_advantage("spin-charger", points, M=m, N=ratio * m, **params) for m in (M - 1, M + 1))
    return float(np.log(hi / lo) / np.log((M + 1) / (M - 1)))
