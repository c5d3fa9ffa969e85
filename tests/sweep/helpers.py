"""Point functions for the tests: the exact steady state, with failures on demand.

They are named by import path ("tests.sweep.helpers:..."), as any user point function
may be, so they run in pool and Dask workers exactly like the built-in kinds.
"""

from __future__ import annotations

import os
from pathlib import Path

from qbcircuit.models.star_network import fermi
from qbcircuit.sweep.points import exact_steady_state

# Seed 003 with two qubits on local baths: p1 = n1 + 2 J^2 (n2 - n1) / (gamma^2 + 4 J^2),
# W = max(0, 2 p1 - 1) (tests/models/test_star_network.py), omega = gamma = 1.
LOCAL_N2 = {"N": 2, "bath": "local", "T": 0.7, "J": "0.5,2", "mu": "-1:3:5", "delta_mu": "0,3"}


def local_n2_ratio(J, mu, delta_mu, T, gamma=1.0):
    n1, n2 = fermi(1.0, mu, T), fermi(1.0, mu + delta_mu, T)
    return max(0.0, 2 * (n1 + 2 * J**2 * (n2 - n1) / (gamma**2 + 4 * J**2)) - 1)


def failing_point(model, params, options):
    """Fails at the listed values of mu while the marker file exists."""
    if Path(options["marker"]).exists() and params["mu"] in options["fail_mu"]:
        raise RuntimeError(f"injected failure at mu={params['mu']}")
    return exact_steady_state(model, params, options)


def dying_point(model, params, options):
    """Kills its whole process (as a kill -9 would) once ``die_after`` points are on disk,
    while the marker file exists."""
    points = Path(options["points_dir"])
    if Path(options["marker"]).exists() and len(list(points.glob("*.json"))) >= options["die_after"]:
        os._exit(9)
    return exact_steady_state(model, params, options)
