"""Exact references for the dissipation tests: exp(t L) of the model's Lindblad
Liouvillian (dense; the floor's scipy construction, checked in tests/models/test_master_equation.py
against independent ones), and slope fits."""

from __future__ import annotations

import numpy as np
import scipy.linalg as la

from qbcircuit.models.core import BatteryModel
from qbcircuit.models.master_equation import lindblad_generator
from qbcircuit.superoperators import unvec, vec


def exact_state(model: BatteryModel, t: float) -> np.ndarray:
    rho0 = model.initial_state.density_matrix()
    return unvec(la.expm(t * lindblad_generator(model).toarray()) @ vec(rho0), model.dimension)


def trace_distance(a: np.ndarray, b: np.ndarray) -> float:
    return 0.5 * float(np.abs(la.eigvalsh(a - b)).sum())


def fitted_order(dts, errors) -> float:
    """Slope of log(error) against log(dt), least squares."""
    return float(np.polyfit(np.log(dts), np.log(errors), 1)[0])
