"""Start, run and resume a sweep: every point that is not yet done, on the chosen executor.

    result = start_sweep("star-network", {"mu": "0,1,3,8", "delta_mu": "0:10:21", "T": 1},
                         out="results/fig3")
    result = resume_sweep("results/fig3")        # after an interruption: only what is missing

Each finished point is written to its own file as soon as it arrives, and the table is
rebuilt from the point files every few seconds and at the end; a point that fails is
recorded with its error and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qbcircuit.io import folder_lock, remove_stale_temporaries
from qbcircuit.models import build_model
from qbcircuit.sweep.executors import open_executor
from qbcircuit.sweep.plots import check_plottable, parse_plot
from qbcircuit.sweep.points import PointKind, PointTask, get_point_kind, resolve
from qbcircuit.sweep.progress import SweepProgress
from qbcircuit.sweep.spec import SweepPlan, make_plan, model_units
from qbcircuit.sweep.store import SweepStore


@dataclass
class SweepResult:
    directory: Path
    total: int
    ok: int
    failed: int
    computed: int  # points computed in this run (the others were done before a resume)
    seconds: float
    columns: list[str]
    rows: list[dict[str, Any]]

    @property
    def complete(self) -> bool:
        return self.ok == self.total


def create_sweep(model: str, specs: Mapping[str, Any], out: str | Path, *, zips: Sequence[Sequence[str]] = (),
                 kind: str = "exact-steady-state", options: Mapping[str, Any] | None = None,
                 plots: Sequence[str] = ()) -> SweepStore:
    """Check the plan and the kind, and write the sweep's manifest; nothing is computed yet.
    ``plots`` (``FIGURE[:STYLE]``) are remembered, so a resumed sweep draws them too."""
    plan = make_plan(model, specs, zips)
    point_kind = get_point_kind(kind)
    if point_kind.check:
        # The kind's precondition on one model (e.g. a steady state needs dissipation):
        # a mistake that would fail every point is reported once, before any work.
        # The first and the last point: the corners of the grid, where a cost check bites.
        for index in sorted({0, len(plan) - 1}):
            resolve(point_kind.check)(build_model(model, **plan.point(index)), dict(options or {}))
    units = model_units(model)
    for text in plots:
        check_plottable(plan, parse_plot(text)[1])
    with folder_lock(out):  # two processes creating the same sweep: one refuses
        return SweepStore.create(out, plan, point_kind.name, dict(options or {}), units, list(plots))


def run_store(store: SweepStore, *, executor: Any = "local", workers: int | None = None,
              progress: bool | Any = True) -> SweepResult:
    """Compute the points of ``store`` that are missing or failed, writing each as it finishes.
    ``executor``: a spec (see :func:`open_executor`) or an executor object. The sweep folder
    is held for the whole time (:func:`qbcircuit.io.folder_lock`): another process asking
    for it gets :class:`qbcircuit.io.FolderBusy`, naming this one's pid; temporaries left
    by a killed write are removed first."""
    with folder_lock(store.directory, create=False):  # one process per sweep folder (qbcircuit.io)
        remove_stale_temporaries(store.directory)  # writes a kill interrupted, here and in the points' run folders
        return _run_store(store, executor=executor, workers=workers, progress=progress)


def _run_store(store: SweepStore, *, executor: Any, workers: int | None, progress: bool | Any) -> SweepResult:
    start = time.monotonic()
    plan: SweepPlan = store.plan
    point_kind = get_point_kind(store.manifest["kind"])
    options = store.manifest["options"]
    records = store.records()
    todo = store.missing()
    tasks = [PointTask(i, plan.model, plan.point(i), point_kind.target, point_options(store, point_kind, i, options))
             for i in todo]
    bar = progress if not isinstance(progress, bool) else (
        SweepProgress(len(plan), len(plan) - len(todo), label=f"sweep {plan.model}") if progress else None)
    computed = 0
    if tasks and point_kind.submit:  # every point's jobs in flight before any is awaited
        resolve(point_kind.submit)(tasks)
    try:
        if tasks:
            runner = executor if hasattr(executor, "run") else open_executor(executor, workers)
            for record in runner.run(tasks):
                store.write_point(record)
                records[record["index"]] = record
                computed += 1
                if bar is not None:
                    bar.update(record["status"] == "ok")
                store.maybe_write_table(records)
    finally:
        if bar is not None:
            bar.finish()
        all_records = store.records()
        store.write_table(all_records)
    columns, rows = store.table(all_records)
    ok = sum(1 for r in rows if r["status"] == "ok")
    return SweepResult(store.directory, len(plan), ok, len(rows) - ok, computed, time.monotonic() - start, columns, rows)


def point_options(store: SweepStore, point_kind: PointKind, index: int, options: Mapping[str, Any]) -> dict[str, Any]:
    """The sweep's options, and for a kind with run folders the point's own folder (absolute:
    the worker may run elsewhere; it needs the sweep folder on a shared filesystem)."""
    if not point_kind.run_folders:
        return dict(options)
    name = f"runs/{index:0{store.width}d}"
    return {**options, "index": index, "run_dir": str((store.directory / name).resolve()), "run_name": name}


def start_sweep(model: str, specs: Mapping[str, Any], out: str | Path, *, zips: Sequence[Sequence[str]] = (),
                kind: str = "exact-steady-state", options: Mapping[str, Any] | None = None,
                plots: Sequence[str] = (), executor: str = "local", workers: int | None = None, progress: bool | Any = True) -> SweepResult:
    """A new sweep of ``model`` over ``specs`` (see :mod:`qbcircuit.sweep.spec`), written to ``out``."""
    with folder_lock(out):  # held from creation to the last point
        store = create_sweep(model, specs, out, zips=zips, kind=kind, options=options, plots=plots)
        return run_store(store, executor=executor, workers=workers, progress=progress)


def resume_sweep(directory: str | Path, *, executor: str = "local", workers: int | None = None,
                 progress: bool | Any = True) -> SweepResult:
    """Finish an interrupted sweep: only the points without an ``ok`` file are computed."""
    return run_store(SweepStore.open(directory), executor=executor, workers=workers, progress=progress)
