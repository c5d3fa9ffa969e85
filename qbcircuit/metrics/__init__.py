"""Figures of merit for quantum batteries: energy, power, ergotropy, entanglement, Liouvillian gap,
energy fluctuations (variance, its local and entangled parts, the Fisher information of the
level populations) and the power bounds and speed limit of RMP 96, 031001 (:mod:`.bounds`).

hbar = 1; qubit |1> is the excited (charged) state; Qiskit's little-endian
qubit order (qubit 0 is the least significant bit of a basis index).
"""

from . import bounds
from .battery import BATTERY_FIGURES, battery_figures, figure_units, power_unit
from .energy import average_power, energy, refine_maximum, stored_energy
from .entanglement import concurrence
from .ergotropy import ErgotropySplit, anti_ergotropy, ergotropy, ergotropy_split, max_ergotropy, passive_state
from .liouvillian import LiouvillianGap, liouvillian_gap, liouvillian_spectrum, sort_spectrum
from .states import as_density_matrix, partial_trace, partial_trace_operator, purity
from .variance import (
    VarianceSplit,
    energy_fisher_information,
    energy_levels,
    energy_variance,
    energy_variance_split,
    level_populations,
    local_terms,
)

__all__ = [
    "bounds",
    "VarianceSplit",
    "energy_fisher_information",
    "energy_levels",
    "energy_variance",
    "energy_variance_split",
    "level_populations",
    "local_terms",
    "partial_trace_operator",
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
