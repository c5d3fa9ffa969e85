"""Circuit points: each point of a sweep is one ``qbc run`` (compile, run on a backend
profile, solve exactly, compare), in its own run folder inside the sweep folder. Time
series (``circuit-time-series``) and, for open models, steady states
(``circuit-steady-state``: one evolution to t_relax, see ``qbcircuit.pipeline``). Everything
here goes through the pipeline's public functions (``check_options``, ``run``, ``resume``,
``RunResult.load``).

    DIR/runs/000042/        the run of point 42 (run.json, counts/, exact.json,
                            report.json, compare.png: everything ``qbc run`` leaves)

On an IBM device the sweep first submits the jobs of all its points into one runtime Batch
(:func:`submit_points`, their ids stored in the points' run folders), so the whole sweep
queues together; each point then collects its jobs as a resumed run.

The run folder is what makes a circuit sweep resumable below the point: a point whose run
finished (report.json present) is read back, not rerun; a point whose run was cut short
is finished with ``resume_run`` (its stored batches are kept); only a point without a
run folder starts from nothing. With a Dask cluster on other machines the workers must
see the sweep folder (a shared filesystem), since they write the run folders.

The row of a time-series point (names for ``energy``; the same for every figure the run
measured: power, and with tomography of a battery of at most 3 qubits the ergotropy, the
battery energy and the model's own figures):
  energy_final, energy_final_stderr   measured W(t_final) and its standard error (the
                                      most mitigated variant the run has, column ``variant``)
  energy_max, energy_max_stderr,      the largest measured value on the time grid, its
  t_energy_max                        standard error and its time
  exact_energy_final                  the exact reference at t_final
  exact_energy_max, exact_t_energy_max the exact maximum, located between grid points (the
                                      same numbers as ``energy_max`` in an exact sweep)
  ideal_energy_final                  the noiseless circuit (its exact outcome probabilities)
  energy_deviation_max                max |measured - exact| over the grid, split into
  energy_trotter_error_max            max |ideal circuit - exact| (the compiled circuit's own error)
  energy_noise_error_max              max |measured - ideal circuit| (device and shot noise)
  energy_stderr_mean                  the mean standard error over the grid
and ``variant``, ``run`` (the run folder, relative to the sweep folder), the transpiled
depth and two-qubit gate count. The measured, ideal and exact curves are the point's detail.
A steady-state point's row: ``energy``, ``energy_stderr``, ``exact_energy``, ``ideal_energy``,
``exact_energy_at_t_relax``, the same split, and ``t_relax``, ``liouvillian_gap``.

Seeds: point i samples with ``seed + 1000 i`` (its batch b with ``seed + 1000 i + b``), so
the points' shot noise is independent (one seed for all would give neighbouring points,
whose outcome distributions are nearly equal, nearly the same noise: smooth curves that
hide the error bars) and a rerun with the same seed gives the same table.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("qbcircuit")

SEED_STRIDE = 1000
KEYS = ("energy", "power")


def point_seed(base: int | None, index: int) -> int | None:
    return None if base is None else int(base) + SEED_STRIDE * int(index)


def _check(model, options: Mapping[str, Any], needed: tuple[str, ...], kind: str, *, steady: bool) -> None:
    """Once, before the sweep: the options, the profile (an IBM account), the battery's readout."""
    from qbcircuit.pipeline import check_options

    missing = [k for k in needed if options.get(k) is None]
    if missing:
        raise ValueError(f"a {kind} sweep needs the options {', '.join(missing)}")
    seed = options.get("seed")
    common = {"backend": options["backend"], "shots": options.get("shots"), "dt": options.get("dt"),
              "order": int(options.get("order") or 2), "seed": seed}
    if steady:
        profile = check_options(model, steady_state=True, t_relax=options.get("t_relax"),
                                steps=int(options.get("steps") or 100), **common)
    else:
        profile = check_options(model, t_final=float(options["t_final"]), points=int(options["points"]), **common)
    from qbcircuit.run import Executor

    width = Executor(profile).num_qubits
    if width is not None and model.num_qubits > width:  # every point would fail on it: say so once
        raise ValueError(f"backend profile {profile.name!r} has {width} qubits; model {model.name!r} needs "
                         f"{model.num_qubits}")


def check_circuit_time_series(model, options: Mapping[str, Any]) -> None:
    _check(model, options, ("backend", "t_final", "points"), "circuit-time-series", steady=False)


def check_circuit_steady_state(model, options: Mapping[str, Any]) -> None:
    from qbcircuit.sweep.points import check_steady_state

    check_steady_state(model)
    _check(model, options, ("backend",), "circuit-steady-state", steady=True)


def circuit_time_series(model: str, params: Mapping[str, Any], options: Mapping[str, Any]):
    """One point: its run (started, finished or read back), reduced to a row and curves."""
    from qbcircuit.models import build_model

    report = _finished_or_run(build_model(model, **params), options, Path(options["run_dir"]), steady=False)
    return point_row(report, report["exact"], options), point_detail(report)


def circuit_steady_state(model: str, params: Mapping[str, Any], options: Mapping[str, Any]):
    """One point: an open model evolved on the backend to t_relax (default: 8 relaxation
    times 1/gap), measured, beside the exact steady state."""
    from qbcircuit.models import build_model

    report = _finished_or_run(build_model(model, **params), options, Path(options["run_dir"]), steady=True)
    return steady_row(report, options), {k: report.get(k) for k in ("measured", "ideal_circuit", "info")}


def _finished_or_run(model, options: Mapping[str, Any], run_dir: Path, *, steady: bool) -> dict[str, Any]:
    from qbcircuit import pipeline

    if (run_dir / "report.json").is_file():  # finished before the sweep could record it
        return pipeline.RunResult.load(run_dir).to_dict()
    if (run_dir / "run.json").is_file():  # cut short, or submitted by submit_points: collect the rest
        return pipeline.resume(run_dir).to_dict()
    return _start(model, options, run_dir, steady=steady).to_dict()


def _start(model, options: Mapping[str, Any], run_dir: Path, *, steady: bool, wait: bool = True):
    """The point's ``pipeline.run`` into its run folder (``wait=False``: left submitted on an
    IBM device)."""
    from qbcircuit import pipeline
    from qbcircuit.pipeline.options import load_backend

    profile = load_backend(options["backend"])
    seed = point_seed(options["seed"] if options.get("seed") is not None else profile.seed, options["index"])
    common = {"order": int(options.get("order") or 2), "shots": options.get("shots"), "seed": seed,
              "readout_mitigation": options.get("readout_mitigation") or None, "out": run_dir, "wait": wait}
    if steady:
        return pipeline.run(model, profile, steady_state=True, t_relax=options.get("t_relax"), dt=options.get("dt"),
                            steps=int(options.get("steps") or 100), **common)
    t_final = float(options["t_final"])
    times = np.linspace(0.0, t_final, int(options["points"]))
    return pipeline.run(model, profile, times, dt=float(options.get("dt") or t_final / 100), **common)


def submit_points(tasks: Sequence[Any]) -> list[int]:
    """Submit every point's jobs before any point collects, on an IBM device all into one
    runtime ``Batch`` (they queue together, as the jobs of one run do): each point without a
    run folder is planned, solved exactly and submitted, its job ids stored in its folder;
    the points then run as usual and find their folders (``pipeline.resume`` fetches the
    jobs). In local testing mode, where jobs live in this process, the points finish here
    (in the same Batch). Nothing is done on Aer (no queue). A point that fails here is left
    to its own run, which records the error.

    Parameters
    ----------
    tasks:
        The sweep's :class:`~qbcircuit.sweep.points.PointTask` objects still to compute.

    Returns
    -------
    list of int
        The indices of the points submitted here.
    """
    from qbcircuit.models import build_model
    from qbcircuit.pipeline.options import load_backend
    from qbcircuit.run import shared_batch

    if not tasks:
        return []
    profile = load_backend(tasks[0].options["backend"])
    if profile.kind != "ibm":
        return []
    steady = tasks[0].target.endswith(":circuit_steady_state")
    submitted = []
    with shared_batch(profile):
        for task in tasks:
            run_dir = Path(task.options["run_dir"])
            if (run_dir / "run.json").is_file():
                continue
            try:
                _start(build_model(task.model, **task.params), task.options, run_dir, steady=steady, wait=False)
            except Exception as exc:  # noqa: BLE001 - the point's own run reports it
                log.warning("point %d was not submitted (%s); it is run on its own", task.index, exc)
                continue
            submitted.append(task.index)
            log.info("point %d of the sweep submitted to %s (%d of %d)", task.index, profile.device, len(submitted),
                     len(tasks))
    return submitted


def _values(series: Mapping[str, Any], key: str) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in np.atleast_1d(series.get(key, np.nan))], dtype=float)


def _keys(report: Mapping[str, Any]) -> list[str]:
    """The figures the run measured and compared (energy and power; with tomography of a
    small battery also the ergotropy, the battery energy and the model's own figures)."""
    return list((report.get("deviation") or {}).get("by_key", {})) or [k for k in KEYS if k in report["measured"]]


def _split(report: Mapping[str, Any], row: dict[str, Any], key: str) -> None:
    for name in ("deviation", "trotter_error", "noise_error"):
        block = report.get(name)
        row[f"{key}_{name}_max"] = block["by_key"][key]["max"] if block else None
    row[f"{key}_stderr_mean"] = report.get("stderr_mean", {}).get(key)


def point_row(report: Mapping[str, Any], exact: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    measured, ideal, truth = report["measured"], report.get("ideal_circuit"), report["exact"]
    times = np.asarray(measured["times"], dtype=float)
    row: dict[str, Any] = {"variant": report["measured_variant"], "run": options.get("run_name", "")}
    for key in _keys(report):
        values, errors = _values(measured, key), _values(measured, f"{key}_stderr")
        row[f"{key}_final"], row[f"{key}_final_stderr"] = values[-1], errors[-1]
        if np.any(np.isfinite(values)):
            at = int(np.nanargmax(values))
            row[f"{key}_max"], row[f"{key}_max_stderr"], row[f"t_{key}_max"] = values[at], errors[at], times[at]
        row[f"exact_{key}_final"] = _values(truth, key)[-1]
        if f"{key}_max" in exact:
            row[f"exact_{key}_max"] = exact.get(f"{key}_max")
            row[f"exact_t_{key}_max"] = exact.get(f"t_{key}_max")
        row[f"ideal_{key}_final"] = _values(ideal, key)[-1] if ideal else None
        _split(report, row, key)
    _circuit_columns(report, row)
    return _finite(row)


def steady_row(report: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    """A steady-state point: each figure measured (with its error), exact (the steady
    state), noiseless circuit, exact at t_relax (what a perfect circuit of that length
    gives: the rest of the deviation is incomplete relaxation), and the split."""
    measured, ideal, truth = report["measured"], report.get("ideal_circuit"), report["exact"]
    info = report.get("info", {})
    row: dict[str, Any] = {"variant": report["measured_variant"], "run": options.get("run_name", "")}
    for key in _keys(report):
        row[key], row[f"{key}_stderr"] = _values(measured, key)[0], _values(measured, f"{key}_stderr")[0]
        row[f"exact_{key}"] = _values(truth, key)[0]
        row[f"ideal_{key}"] = _values(ideal, key)[0] if ideal else None
        row[f"exact_{key}_at_t_relax"] = info.get("exact_at_t_relax", {}).get(key)
        _split(report, row, key)
    for name in ("t_relax", "liouvillian_gap", "relaxation_times"):
        row[name] = info.get(name)
    _circuit_columns(report, row)
    return _finite(row)


def _circuit_columns(report: Mapping[str, Any], row: dict[str, Any]) -> None:
    circuit = report.get("circuit", {})
    for name in ("transpiled_depth", "transpiled_two_qubit_gates"):
        if name in circuit:
            row[name] = circuit[name]


def _finite(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and not np.isfinite(v) else v) for k, v in row.items()}


def point_detail(report: Mapping[str, Any]) -> dict[str, Any]:
    """The curves: measured (with standard errors), noiseless circuit, exact."""
    return {"times": report["measured"]["times"], "measured": report["measured"],
            "ideal_circuit": report.get("ideal_circuit"), "exact": report["exact"]}
