"""What one point of a sweep is: a registry of point kinds, and the function workers run.

A point kind names a function ``f(model, params, options) -> (row, detail)`` by its
import path ("module:function"), so a task is a few small values (the model's name, its
parameters, the options) and the worker builds the model itself: nothing large is
shipped per task, and a Dask worker on another machine needs only qbcircuit installed.
``row`` holds the point's scalar figures (one row of the table); ``detail`` anything
bulkier (a time series), kept in the point's own file.

Kinds: the exact reference, in the steady state or along a time grid; and a circuit run
on a backend profile, in the steady state or along a time grid (``circuit-steady-state``,
``circuit-time-series``; options carry ``backend``; see ``qbcircuit.sweep.circuit_points``).
A kind with ``run_folders`` gets, per point, ``index``, ``run_dir`` (an absolute folder
inside the sweep folder) and ``run_name`` (the same, relative) added to its options.
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PointKind:
    name: str
    target: str  # "module:function", imported in the worker
    description: str
    check: str | None = None  # "module:function" f(model, options), run once on the first point's model before the sweep starts
    run_folders: bool = False  # each point keeps a folder of its own in DIR/runs (resumable below the point)
    # "module:function" f(model, [params], options) -> [(row, detail)]: several points in one
    # call (e.g. exact time series solved as one batch on JAX), used when options["batch"] > 1
    batch: str | None = None
    # "module:function" f([PointTask]): before the points run, submit every point's jobs
    # (an IBM device: all into one runtime Batch, so they queue together); the points then
    # collect their results by resuming their run folders
    submit: str | None = None


_KINDS: dict[str, PointKind] = {}


def register_point_kind(name: str, target: str, description: str, check: str | None = None,
                        run_folders: bool = False, batch: str | None = None, submit: str | None = None) -> None:
    if name in _KINDS and _KINDS[name].target != target:
        raise RuntimeError(f"point kind {name!r} registered twice")
    _KINDS[name] = PointKind(name, target, description, check, run_folders, batch, submit)


def get_point_kind(name: str) -> PointKind:
    if name in _KINDS:
        return _KINDS[name]
    if ":" in name:  # an import path used directly (tests, user extensions)
        return PointKind(name, name, f"user point function {name}")
    known = ", ".join(sorted(_KINDS))
    raise ValueError(f"unknown point kind {name!r}; known kinds: {known}")


def point_kind_for(backend: str, steady_state: bool) -> PointKind:
    """The kind ``qbc sweep --backend BACKEND [--steady-state]`` runs."""
    mode = "steady-state" if steady_state else "time-series"
    if backend == "exact":
        return _KINDS[f"exact-{mode}"]
    return _KINDS[f"circuit-{mode}"]


def resolve(target: str):
    module, sep, attr = target.partition(":")
    if not sep:
        raise ValueError(f"a point function is 'module:function', got {target!r}")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"cannot import point function {target!r}: {exc}") from None


@dataclass(frozen=True)
class PointTask:
    """Everything a worker needs for one point: small values only."""

    index: int
    model: str
    params: dict[str, Any]
    target: str
    options: dict[str, Any] = field(default_factory=dict)


def run_point(task: PointTask) -> dict[str, Any]:
    """Run one point; never raises for the point's own failure: the error is the record."""
    start, cpu_start = time.perf_counter(), time.process_time()
    record: dict[str, Any] = {"index": task.index, "params": task.params}
    try:
        row, detail = resolve(task.target)(task.model, dict(task.params), dict(task.options))
        record.update(status="ok", figures={k: _scalar(v) for k, v in row.items()}, detail=detail)
    except Exception as exc:  # noqa: BLE001 - any failure of a point is recorded, the sweep goes on
        record.update(
            status="failed",
            error=f"{type(exc).__name__}: {exc}".splitlines()[0],
            traceback=traceback.format_exc(limit=-8),
        )
    record["seconds"] = time.perf_counter() - start
    record["cpu_seconds"] = time.process_time() - cpu_start  # below "seconds" when the machine is shared
    return record


def _batch_form(task: PointTask) -> str | None:
    """The batch function of ``task``'s kind, when its options ask for batches of several points."""
    if int(task.options.get("batch", 1) or 1) <= 1:
        return None
    return next((k.batch for k in _KINDS.values() if k.target == task.target and k.batch), None)


def units(tasks: list[PointTask]) -> list[list[PointTask]]:
    """The tasks grouped into units of work for the executors: runs of up to
    ``options["batch"]`` points for a kind with a batch form, single points otherwise."""
    out: list[list[PointTask]] = []
    for task in tasks:
        if (out and _batch_form(task) and _batch_form(out[-1][0]) == _batch_form(task)
                and len(out[-1]) < int(task.options["batch"]) and out[-1][0].options == task.options):
            out[-1].append(task)
        else:
            out.append([task])
    return out


def run_unit(unit: list[PointTask]) -> list[dict[str, Any]]:
    """Run a unit of :func:`units`: its points in one call of the kind's batch function, or
    one by one. A batch that fails as a whole is run point by point, so each point records
    its own result or error. Never raises for the points' own failures."""
    batch = _batch_form(unit[0]) if len(unit) > 1 else None
    if batch is None:
        return [run_point(task) for task in unit]
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        results = resolve(batch)(unit[0].model, [dict(t.params) for t in unit], dict(unit[0].options))
        records = [{"index": t.index, "params": t.params, "status": "ok",
                    "figures": {k: _scalar(v) for k, v in row.items()}, "detail": detail}
                   for t, (row, detail) in zip(unit, results, strict=True)]
    except Exception:  # noqa: BLE001 - fall back to single points, each with its own error
        return [run_point(task) for task in unit]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    for record in records:  # the batch's time, shared
        record.update(seconds=seconds / len(unit), cpu_seconds=cpu / len(unit), batch=len(unit))
    return records


def _scalar(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"a point's figures must be numbers or words, got {type(value).__name__}")


# --- the exact reference ----------------------------------------------------------------


def exact_steady_state(model: str, params: Mapping[str, Any], options: Mapping[str, Any]):
    from qbcircuit.models import build_model
    from qbcircuit.reference import steady_state_figures

    result = steady_state_figures(build_model(model, **params))
    row = dict(result.figures)
    row.update(liouvillian_gap=result.gap, steady_state_degeneracy=result.degeneracy, residual=result.residual)
    row.update(_truncation_columns(result.info))
    return row, {}


def exact_time_series(model: str, params: Mapping[str, Any], options: Mapping[str, Any]):
    """Scalars in the row: each figure's maximum (located between grid points for energy,
    ergotropy and power), the time of it, and its value at t_final; the curves go to
    the point's file."""
    from qbcircuit.models import build_model
    from qbcircuit.reference import time_series

    times = np.linspace(0.0, float(options["t_final"]), int(options["points"]))
    result = time_series(build_model(model, **params), times, solver=options.get("solver", "auto"))
    return _time_series_row(result, times)


def exact_time_series_batch(model: str, params: list[Mapping[str, Any]], options: Mapping[str, Any]):
    """:func:`exact_time_series` for several points at once: the models that share a
    structure are solved as one batch (``reference.time_series_batch``; options: solver)."""
    from qbcircuit.models import build_model
    from qbcircuit.reference import time_series_batch

    times = np.linspace(0.0, float(options["t_final"]), int(options["points"]))
    models = [build_model(model, **p) for p in params]
    return [_time_series_row(r, times) for r in time_series_batch(models, times, solver=options.get("solver", "jax"))]


def _time_series_row(result, times: np.ndarray):
    row: dict[str, Any] = {}
    for key, (t, value) in result.maxima.items():
        row[f"{key}_max"] = value
        row[f"t_{key}_max"] = t
    for key, values in result.series.items():
        row[f"{key}_final"] = float(values[-1])
    row.update(_truncation_columns(result.info))
    detail = {"times": times.tolist(), **{k: _finite_list(v) for k, v in result.series.items()}}
    return row, detail


def _truncation_columns(info: Mapping[str, Any]) -> dict[str, Any]:
    """The truncation a point settled on and how far one more qubit moved its figures, so a
    sweep table shows where it had to grow."""
    report = info.get("truncation")
    if not isinstance(report, dict) or not report.get("automatic"):
        return {}
    return {"truncation_levels": report["levels"], "truncation_change": report["change"],
            "truncation_converged": report["converged"]}


def _finite_list(values) -> list:
    return [float(v) if np.isfinite(v) else None for v in values]


def check_steady_state(model, options: Mapping[str, Any] | None = None) -> None:
    """Before the sweep (on its first and last points' models): a steady state exists, and
    its estimated cost is within the machine's means (:mod:`qbcircuit.reference.cost`)."""
    if model.drives:
        raise ValueError(f"model {model.name!r} has time-dependent drives, so no steady state: use --t-final T instead")
    if not model.is_open:
        raise ValueError(f"model {model.name!r} has no dissipation, so no steady state: use --t-final T instead")
    from qbcircuit.reference import cost

    cost.check(cost.estimate_steady_state(model), max_memory_gb=(options or {}).get("max_memory_gb"))


def check_time_series(model, options: Mapping[str, Any] | None = None) -> None:
    """Before the sweep (on its first and last points' models): the estimated cost of the
    exact time series is within the machine's means (:mod:`qbcircuit.reference.cost`)."""
    from qbcircuit.reference import cost

    options = dict(options or {})
    times = np.linspace(0.0, float(options["t_final"]), int(options["points"]))
    cost.check(cost.estimate_time_series(model, times, options.get("solver", "auto")),
               max_memory_gb=options.get("max_memory_gb"))


register_point_kind(
    "exact-steady-state",
    f"{__name__}:exact_steady_state",
    "the exact steady state (Lindblad or Redfield) reached from the model's initial state",
    check=f"{__name__}:check_steady_state",
)
register_point_kind(
    "exact-time-series",
    f"{__name__}:exact_time_series",
    "the exact evolution on 0..t_final (options: t_final, points, solver; batch: points solved together on JAX)",
    check=f"{__name__}:check_time_series",
    batch=f"{__name__}:exact_time_series_batch",
)
register_point_kind(
    "circuit-time-series",
    "qbcircuit.sweep.circuit_points:circuit_time_series",
    "a `qbc run` on a backend profile over 0..t_final (options: backend, t_final, points, dt, order, shots, "
    "seed, readout_mitigation), measured beside the exact and noiseless-circuit values",
    check="qbcircuit.sweep.circuit_points:check_circuit_time_series",
    run_folders=True,
    submit="qbcircuit.sweep.circuit_points:submit_points",
)
register_point_kind(
    "circuit-steady-state",
    "qbcircuit.sweep.circuit_points:circuit_steady_state",
    "a `qbc run` of an open model on a backend profile, evolved to t_relax (default 8 relaxation times; options: "
    "backend, t_relax, steps, dt, order, shots, seed, readout_mitigation), beside the exact steady state",
    check="qbcircuit.sweep.circuit_points:check_circuit_steady_state",
    run_folders=True,
    submit="qbcircuit.sweep.circuit_points:submit_points",
)
