"""Figures of merit for quantum batteries: energy, power, ergotropy, entanglement, Liouvillian gap.

hbar = 1; qubit |1> is the excited (charged) state; Qiskit's little-endian
qubit order (qubit 0 is the least significant bit of a basis index).
"""

from .battery import BATTERY_FIGURES, battery_figures, figure_units, power_unit
from .energy import average_power, energy, refine_maximum, stored_energy
from .entanglement import concurrence
from .ergotropy import ErgotropySplit, anti_ergotropy, ergotropy, ergotropy_split, max_ergotropy, passive_state
from .liouvillian import LiouvillianGap, liouvillian_gap, liouvillian_spectrum, sort_spectrum
from .states import as_density_matrix, partial_trace, purity

__all__ = [
    "BATTERY_FIGURES",
    "battery_figures",
    "figure_units",
    "power_unit",
    "ErgotropySplit",
    "LiouvillianGap",
    "anti_ergotropy",
    "as_density_matrix",
    "average_power",
    "concurrence",
    "energy",
    "ergotropy",
    "ergotropy_split",
    "liouvillian_gap",
    "liouvillian_spectrum",
    "max_ergotropy",
    "partial_trace",
    "passive_state",
    "purity",
    "refine_maximum",
    "sort_spectrum",
    "stored_energy",
]
