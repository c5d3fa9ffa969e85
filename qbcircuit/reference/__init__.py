"""The exact reference: every circuit result is compared with these solvers."""

from qbcircuit.reference.evolve import Evolution, evolve
from qbcircuit.reference.figures import (
    SteadyStateFigures,
    TimeSeries,
    steady_state_figures,
    time_series,
)
from qbcircuit.reference.steady import SteadyState, steady_state

__all__ = [
    "Evolution",
    "evolve",
    "SteadyState",
    "SteadyStateFigures",
    "TimeSeries",
    "steady_state",
    "steady_state_figures",
    "time_series",
]
