"""The exact reference: every circuit result is compared with these solvers.

Two entry points answer the two questions, for the model as it describes itself (its
master equation, its automatic truncation grown until the figures converge, its ensemble
averaged): :func:`time_series` and :func:`steady_state_figures`."""

from qbcircuit.reference.cost import Cost, estimate_steady_state, estimate_time_series
from qbcircuit.reference.evolve import Evolution, evolve
from qbcircuit.reference.figures import (
    SteadyStateFigures,
    TimeSeries,
    steady_state_figures,
    time_series,
    time_series_batch,
)
from qbcircuit.reference.power import collective_advantage, optimal_power
from qbcircuit.reference.steady import SteadyState, steady_state
from qbcircuit.reference.truncation import TRUNCATION_TOL

__all__ = [
    "Cost",
    "estimate_steady_state",
    "estimate_time_series",
    "TRUNCATION_TOL",
    "collective_advantage",
    "optimal_power",
    "Evolution",
    "evolve",
    "SteadyState",
    "SteadyStateFigures",
    "TimeSeries",
    "steady_state",
    "steady_state_figures",
    "time_series",
    "time_series_batch",
]
