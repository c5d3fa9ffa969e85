"""The exact reference: every circuit result is compared with these solvers."""

from qbcircuit.reference.evolve import Evolution, evolve
from qbcircuit.reference.figures import (
    SteadyStateFigures,
    TimeSeries,
    steady_state_figures,
    time_series,
)
from qbcircuit.reference.steady import SteadyState, generator, steady_state
from qbcircuit.reference.superoperator import liouvillian, lindblad_liouvillian

__all__ = [
    "Evolution",
    "evolve",
    "SteadyState",
    "SteadyStateFigures",
    "TimeSeries",
    "generator",
    "liouvillian",
    "lindblad_liouvillian",
    "steady_state",
    "steady_state_figures",
    "time_series",
]
