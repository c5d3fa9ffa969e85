"""Exact energy curves for the compiler's tests, from the reference solver (QuTiP): the
compiler takes them as arguments and computes none itself."""

from __future__ import annotations

import numpy as np

from qbcircuit.metrics import energy, stored_energy
from qbcircuit.models.core import BatteryModel
from qbcircuit.reference import evolve


def exact_energy_curve(model: BatteryModel, times) -> np.ndarray:
    """<H_B>(t) at ``times`` (absolute, not relative to t = 0)."""
    h = model.battery_hamiltonian.to_matrix()
    return np.array([energy(rho, h) for rho in evolve(model, times).battery_states])


def exact_stored_energy(model: BatteryModel):
    """``times -> W(times)``, the exact stored energy: what choose_steps takes as ``exact_energy``."""
    h = model.battery_hamiltonian.to_matrix()
    return lambda times: stored_energy(evolve(model, times).battery_states, h)
