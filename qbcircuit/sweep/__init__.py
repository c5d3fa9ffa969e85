"""Parameter sweeps: the papers' figures as grids of points, run locally or on Dask, resumable.

    from qbcircuit.sweep import start_sweep, resume_sweep
    result = start_sweep("star-network", {"bath": "local", "T": 1, "mu": "0,1,3,8",
                                          "delta_mu": "0:10:21"}, out="results/fig3")

    # each point a circuit run on a backend profile, its run folder in results/charger/runs/
    start_sweep("spin-charger", {"M": 1, "N": "1,2,4"}, out="results/charger", kind="circuit-time-series",
                options={"backend": "aer-ideal", "t_final": 3, "points": 7, "dt": 0.03, "shots": 2000})

Modules: ``spec`` (parameter specs, products, zips, the plan), ``points`` (point kinds and
the worker function), ``circuit_points`` (a point as a ``qbc run``), ``executors`` (serial, local process pool, Dask), ``store`` (one
file per point, the table), ``progress``, ``plots`` (line plots, heat maps), ``runner``.
"""

from qbcircuit.sweep.executors import open_executor
from qbcircuit.sweep.plots import draw, write_plot
from qbcircuit.sweep.points import PointTask, get_point_kind, point_kind_for, register_point_kind, run_point
from qbcircuit.sweep.progress import SweepProgress
from qbcircuit.sweep.runner import SweepResult, create_sweep, resume_sweep, run_store, start_sweep
from qbcircuit.sweep.spec import Axis, SweepPlan, make_plan, parse_values
from qbcircuit.sweep.store import SweepStore, read_table

__all__ = [
    "Axis",
    "PointTask",
    "SweepPlan",
    "SweepProgress",
    "SweepResult",
    "SweepStore",
    "create_sweep",
    "draw",
    "get_point_kind",
    "make_plan",
    "open_executor",
    "parse_values",
    "point_kind_for",
    "read_table",
    "register_point_kind",
    "resume_sweep",
    "run_point",
    "run_store",
    "start_sweep",
    "write_plot",
]
