"""Exact references for the dissipation tests: exp(t L) of the model's Lindblad
Liouvillian (dense; the reference package's scipy construction), and slope fits."""

from __future__ import annotations

import numpy as np
import scipy.linalg as la

from qbcircuit.models.core import BatteryModel
from qbcircuit.reference import liouvillian
from qbcircuit.reference.superoperator import unvec, vec


def exact_state(model: BatteryModel, t: float) -> np.ndarray:
    rho0 = model.initial_state.density_matrix()
    return unvec(la.expm(t * liouvillian(model).toarray()) @ vec(rho0), model.dimension)


def trace_distance(a: np.ndarray, b: np.ndarray) -> float:
    return 0.5 * float(np.abs(la.eigvalsh(a - b)).sum())


def fitted_order(dts, errors) -> float:
    """Slope of log(error) against log(dt), least squares."""
    return float(np.polyfit(np.log(dts), np.log(errors), 1)[0])
