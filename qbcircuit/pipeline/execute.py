"""Execute a plan, solve exactly, estimate, compare, store: the run folder.

:func:`execute` writes the physics first (``exact.json``, the exact reference of the
model the circuits realise; ``ideal.json``, the noiseless circuits' figures), so an
interrupted run already holds everything but counts; then the run layer executes the
circuits batch by batch (job ids saved before waiting, every file written atomically,
see :mod:`qbcircuit.run.store`). :func:`finish_run` turns the counts into measured
figures (``results.json``, :mod:`qbcircuit.pipeline.estimate`) and compares them with
the exact ones (``report.json``, ``report.txt``, ``compare.png``, :mod:`qbcircuit.compare`).

Two modes:

* time series: figures at each time of a grid; the power is W(t)/t. The exact side is
  :func:`qbcircuit.reference.time_series` of the realised model.
* steady state (open models): one evolution to ``t_relax``, compared with
  :func:`qbcircuit.reference.steady_state_figures` of the realised model. The report also
  gives the exact figures at ``t_relax``, so the part of the deviation that is incomplete
  relaxation is visible apart from the collision-model (Trotter) error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qbcircuit.io import NON_FINITE_KEY
from qbcircuit.pipeline.estimate import estimator_series, figure_series
from qbcircuit.pipeline.plan import Plan

#: The run folder's ``inputs.finish``: a run the pipeline finishes (analysis and report).
FINISH_TAG = "qbc-run"
#: Times of the dense exact curve drawn under the measured points (``exact_curve.json``).
CURVE_POINTS = 101
FIGURE_ORDER = ("energy", "ergotropy", "power", "battery_energy")


def solve_exactly(plan: Plan, curve_points: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """The exact reference for a plan: what ``exact.json`` holds, and the run's ``info``.

    Parameters
    ----------
    plan:
        A :class:`~qbcircuit.pipeline.plan.Plan`.
    curve_points:
        Time series: also the exact curve on this many evenly spaced times from 0 to the last
        (solved once, together with the plan's times), under the key ``curve`` (its
        ``times`` and every figure); 0: none.

    Returns
    -------
    tuple
        (exact, info): the reference's result as a dictionary (keyed as ``qbc exact --json``
        prints it), at the plan's times; info is empty for a time series, and for a steady
        state holds ``t_relax``, ``liouvillian_gap``, ``relaxation_times``, ``dt`` and
        ``exact_at_t_relax`` (the exact figures at the end of the circuits' evolution).
    """
    import numpy as np

    from qbcircuit.reference import steady_state_figures, time_series

    if plan.mode == "time_series":
        times = np.asarray(plan.times, dtype=float)
        if curve_points <= len(times):
            return time_series(plan.realised, times).to_dict(), {}
        dense = np.linspace(0.0, times[-1], curve_points)
        # one grid: the plan's times exactly, and the dense times not within 1e-9 of one of them
        near = np.min(np.abs(dense[:, None] - times[None, :]), axis=1) <= 1e-9 * times[-1]
        grid = np.union1d(times, dense[~near])
        full = time_series(plan.realised, grid).to_dict()
        at = np.searchsorted(grid, times)
        along = {k for k, v in full.items() if isinstance(v, list) and len(v) == len(grid)}
        exact = {k: ([v[i] for i in at] if k in along else v) for k, v in full.items()}
        exact["curve"] = {k: full[k] for k in ["times"] + sorted(along - {"times"})}
        return exact, {}
    steady = steady_state_figures(plan.realised)
    # the exact state at t_relax: what a perfect circuit of this length would measure
    at_t = time_series(plan.realised, [0.0, plan.t_relax], refine=False).to_dict()
    info = {"t_relax": plan.t_relax, "liouvillian_gap": steady.gap if plan.gap is None else plan.gap,
            "relaxation_times": plan.t_relax * steady.gap, "dt": plan.dt,
            "exact_at_t_relax": {k: v[-1] for k, v in at_t.items() if isinstance(v, list) and k != "times"}}
    return steady.to_dict(), info


def write_exact(folder, exact: dict[str, Any]) -> None:
    """Write :func:`solve_exactly`'s reference into a run folder: ``exact.json``, and its dense
    curve (the key ``curve``, when there is one) as ``exact_curve.json``, the curve the
    comparison draws under the measured points.

    Parameters
    ----------
    folder:
        The :class:`~qbcircuit.run.store.RunFolder`.
    exact:
        The reference, as :func:`solve_exactly` returns it.
    """
    exact = dict(exact)
    curve = exact.pop("curve", None)
    folder.write("exact.json", exact)
    if curve is not None:
        folder.write("exact_curve.json", curve)


def run_inputs(plan: Plan, info: dict[str, Any]) -> dict[str, Any]:
    """The ``inputs`` a run folder records for a plan (what analysis and resume read).

    Parameters
    ----------
    plan:
        The plan.
    info:
        The run's info (:func:`solve_exactly`).

    Returns
    -------
    dict
        Model, parameters, mode, units, the analysis recipe, circuit statistics, info, the
        finish tag, the grid (times or t_relax), dt, order and notes.
    """
    model = plan.model
    inputs = {"model": model.name, "parameters": dict(model.parameters), "mode": plan.mode, "units": model.units,
              "analysis": plan.analysis, "circuit": plan.circuit, "info": info, "finish": FINISH_TAG}
    if plan.mode == "time_series":
        inputs.update(times=plan.times.tolist(), dt=plan.dt, order=plan.order)
    else:
        inputs.update(t_relax=plan.t_relax, dt=plan.dt, order=plan.order)
    if plan.approximation is not None:  # resume solves the same model again from these inputs
        inputs["approximation"] = plan.approximation
    if plan.notes:
        inputs["notes"] = list(plan.notes)
    return inputs


def estimator_plan(plan: Plan) -> tuple[list, list, dict[str, Any]]:
    """The estimator route's circuits: each point's evolution without measurement (one per
    mixture component; an open model's collision circuits keep their mid-circuit resets) and
    H_B on the battery qubits (identity on the ancillas) as the observable.

    Parameters
    ----------
    plan:
        A plan: a time series (closed or open model) or a steady state (one evolution to
        ``t_relax``).

    Returns
    -------
    tuple
        (circuits, observables, analysis): the analysis recipe that
        :func:`qbcircuit.pipeline.estimate.estimator_series` reads.
    """
    from qbcircuit.operators import embed
    from qbcircuit.pipeline.plan import compile_evolutions

    model = plan.model
    times = list(plan.times) if plan.mode == "time_series" else [plan.t_relax]
    compiled = compile_evolutions(model, times, plan.dt, plan.order, plan.approximation)
    circuits, observables, points = [], [], []
    for t, evo in zip(times, compiled):
        point = {"t": float(t), "circuits": [], "weights": [float(w) for w in evo.weights]}
        for comp in evo.components:
            point["circuits"].append(len(circuits))
            circuits.append(comp.circuit)
            # the system register comes first; ancillas (open models) after it
            observables.append(embed(model.battery_hamiltonian, list(model.battery_qubits), comp.circuit.num_qubits))
        points.append(point)
    analysis = {"method": "estimator", "initial_energy": float(compiled[0].initial_battery_energy), "points": points}
    return circuits, observables, analysis


def estimator_labels(analysis: dict[str, Any]) -> list[str]:
    """The estimator route's circuit labels (``t=.../component``), in the order of its circuits.

    Parameters
    ----------
    analysis:
        The recipe :func:`estimator_plan` returns.

    Returns
    -------
    list of str
    """
    return [f"t={p['t']:g}/{k}" for p in analysis["points"] for k in range(len(p["circuits"]))]


def execute(plan: Plan, profile, out_dir: str | Path, *, exact: dict[str, Any] | None = None,
            info: dict[str, Any] | None = None, shots: int | None = None, seed: int | None = None,
            readout_mitigation: bool | None = None, zne=None, progress=None, route: str | None = None,
            levels=None, wait: bool = True) -> dict[str, Any] | None:
    """Run a plan into a new run folder and finish it (analysis, comparison, report).

    Parameters
    ----------
    plan:
        The plan.
    profile:
        The :class:`~qbcircuit.run.BackendProfile`.
    out_dir:
        The run folder to create (it must not hold a run).
    exact, info:
        The exact reference and the run's info (default: :func:`solve_exactly`).
    shots, seed, readout_mitigation, zne:
        Override the profile's (``zne``: the noise factors of zero-noise extrapolation).
    progress:
        Called with (batches done, batches) as the run goes.
    route:
        ``sampler`` (counts) or ``estimator`` (the runtime Estimator's expectation values of
        H_B: the stored energy alone; default: the profile's route).
    levels:
        Estimator route: the resilience levels to run (default 0 and the profile's).
    wait:
        False: return None once every job is submitted and its id stored, where the backend
        keeps jobs (IBM devices; ``resume`` finishes the run); elsewhere as True.

    Returns
    -------
    dict or None
        The report (``report.json``); None for a run left submitted (``wait=False``).
    """
    from qbcircuit.run import RunPlan, start_estimator_run, start_run
    from qbcircuit.run.store import RunFolder

    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    if exact is None:
        exact, info = solve_exactly(plan, curve_points=CURVE_POINTS)
    inputs = run_inputs(plan, info or {})
    # the physics first (cheap), so an interrupted run already holds everything but counts
    write_exact(folder, exact)
    ideal_series, simulator = ideal_figures(plan, profile)
    inputs["circuit"] = {**inputs["circuit"], **simulator}
    folder.write("ideal.json", ideal_series)
    if (route or profile.route) == "estimator":
        profile = profile.replace(route="estimator")
        circuits, observables, analysis = estimator_plan(plan)
        inputs["analysis"] = analysis
        inputs["sampler_analysis"] = plan.analysis
        labels = estimator_labels(analysis)
        run = start_estimator_run(circuits, observables, profile, out_dir, labels=labels, inputs=inputs, levels=levels,
                                  shots=shots, seed=seed, progress=progress, wait=wait)
    else:
        run = start_run(RunPlan(plan.circuits, plan.labels, inputs), profile, out_dir, shots=shots, seed=seed,
                        readout_mitigation=readout_mitigation, zne_factors=zne, progress=progress, wait=wait)
    return finish_run(run.path) if run.complete else None


def ideal_figures(plan: Plan, profile) -> tuple[dict[str, Any], dict[str, Any]]:
    """The noiseless circuits' figures (what ``ideal.json`` holds: the Trotter error's side of
    the split), read from their exact distributions as the measured ones are read.

    Parameters
    ----------
    plan:
        The run's plan.
    profile:
        The backend profile (a matrix-product-state simulator reports what it does to these
        circuits).

    Returns
    -------
    tuple
        (figures, simulator): the simulator's notes for wide registers and MPS profiles
        (empty otherwise), which the run's inputs record.
    """
    from qbcircuit.run.ideal import ideal_distributions

    simulator: dict[str, Any] = {}
    if plan.analysis.get("method") == "local":
        ideal, simulator = wide_ideal(plan.circuits, profile)
    else:
        ideal = ideal_distributions(plan.circuits)
        if profile.method == "matrix_product_state":  # what the sampled MPS does to these circuits
            simulator = wide_ideal(plan.circuits, profile)[1]
    series = figure_series(plan.model, plan.analysis, lambda i: ideal[i], plan.mode, exact_inputs=True)
    return {k: v for k, v in series.items() if not k.endswith("_stderr")}, simulator


def wide_ideal(circuits, profile) -> tuple[list, dict[str, Any]]:
    """The noiseless circuits' exact single-bit marginals for registers too wide for a dense
    distribution, by matrix-product states (the profile's MPS settings when it has them),
    and what the simulation did (largest bond dimension, discarded weight).

    Parameters
    ----------
    circuits:
        The plan's measured circuits.
    profile:
        The run's backend profile.

    Returns
    -------
    tuple
        (marginals per circuit, ``{"mps_max_bond_dimension": ..., "mps_discarded_weight": ...,
        "mps_truncation_threshold": ...}`` over all circuits).
    """
    from qbcircuit.run.ideal import ideal_marginals

    options = dict(profile.options) if profile.method == "matrix_product_state" else {}
    marginals, reports = ideal_marginals(circuits, method="matrix_product_state", options=options)
    reports = [r for r in reports if r]
    summary = {}
    if reports:
        summary = {"mps_max_bond_dimension": max(r["max_bond_dimension"] for r in reports),
                   "mps_discarded_weight": max(r["discarded_weight"] for r in reports),
                   "mps_truncation_threshold": reports[0]["truncation_threshold"]}
        if reports[0]["max_bond_dimension_allowed"] is not None:
            summary["mps_bond_dimension_limit"] = reports[0]["max_bond_dimension_allowed"]
    return marginals, summary


def _raw_counts(run, logical: int) -> dict[str, int]:
    """The raw counts of a logical circuit (its unfolded execution) from a run's public records."""
    index = next(k for k, e in enumerate(run.info) if e["role"] == "circuit" and e["logical"] == logical
                 and e["factor"] == 1.0)
    if index not in run.counts:
        raise ValueError(f"run {run.path} is incomplete; finish it with `qbc resume {run.path}`")
    return run.counts[index]


def _rebuild(inputs: dict):
    from qbcircuit.models import build_model

    return build_model(inputs["model"], **inputs["parameters"])


def _keys(measured: dict, exact: dict, mode: str) -> list[str]:
    """Measured figures that the exact side has; the headline first: the stored energy for a
    time series, the model's own figure (else the ergotropy) for a steady state."""
    figures = [k for k in measured if not k.endswith("_stderr") and k in exact]
    own = [k for k in figures if k not in FIGURE_ORDER]
    standard = [k for k in FIGURE_ORDER if k in figures]
    if mode == "steady_state":
        return own + [k for k in ("ergotropy", "energy", "battery_energy") if k in standard]
    return standard + own


def _transpiled_statistics(run) -> dict[str, int]:
    stats = [run.circuit_statistics(i) for i in range(len(run.labels))]
    deepest = max(stats, key=lambda s: s["depth"])
    return {"transpiled_depth": deepest["depth"], "transpiled_two_qubit_gates": deepest["two_qubit_gates"],
            "transpiled_num_qubits": deepest["num_qubits"]}


def analyse_run(run_dir: str | Path) -> dict[str, Any]:
    """Turn a finished run's counts into measured (and ideal-circuit) figures.

    Parameters
    ----------
    run_dir:
        A complete run folder written by :func:`execute`.

    Returns
    -------
    dict
        What ``results.json`` (written too) holds: mode, keys, units, times, measured (per
        mitigation variant), ideal, circuit, info, notes.
    """
    from qbcircuit.run import load_run
    from qbcircuit.run.store import RunFolder

    folder = RunFolder(run_dir)
    run = load_run(run_dir)
    inputs = run.manifest["inputs"]
    analysis = inputs["analysis"]
    mode = inputs.get("mode", "time_series")
    model = _rebuild(inputs) if analysis.get("method") == "tomography" else None
    notes = list(inputs.get("notes", []))
    if analysis.get("method") == "estimator":
        measured = {v: estimator_series(analysis, run.values(v), mode) for v in run.mitigations()}
    elif analysis.get("method") == "local":
        # a register wider than a dense distribution: raw counts read per shot
        measured = {"raw": figure_series(model, analysis, lambda i: _raw_counts(run, i), mode)}
        if run.mitigations() != ["raw"]:
            notes.append("readout mitigation and zero-noise extrapolation are not applied to registers wider than "
                         "20 qubits; the raw counts are reported")
    else:
        measured = {v: figure_series(model, analysis, lambda i, v=v: run.distribution(i, v), mode) for v in run.mitigations()}
    ideal = folder.read("ideal.json") if (folder.path / "ideal.json").is_file() else None
    if ideal is not None:  # the strict-JSON note of which values were not finite is not a figure
        ideal.pop(NON_FINITE_KEY, None)
    exact = folder.read("exact.json")
    notes += list(run.manifest.get("notes") or []) + cost_notes(run)
    if analysis.get("method", "energy") in ("energy", "local"):
        notes.append("ergotropy is not measured: the battery has more than 3 qubits, too many for tomography; "
                     "energy from Z-basis counts")
    results = {
        "mode": mode,
        "keys": _keys(measured[run.mitigations()[0]], exact, mode),
        "units": inputs.get("units", {}),
        "times": [p["t"] for p in analysis["points"]] if mode == "time_series" else None,
        "measured": measured,
        "cost": mitigation_cost(run),
        "ideal": ideal,
        "circuit": {**inputs.get("circuit", {}), **_transpiled_statistics(run)},
        "info": inputs.get("info", {}),
        "notes": notes,
    }
    folder.write("results.json", results)
    return results


def mitigation_cost(run) -> dict[str, dict[str, Any]]:
    """What each mitigation variant cost, in circuits executed and shots.

    Parameters
    ----------
    run:
        A :class:`~qbcircuit.run.Run` (sampler route) or :class:`~qbcircuit.run.EstimatorRun`.

    Returns
    -------
    dict
        variant -> ``circuits`` and ``shots`` (the estimator's from its job's program, where the
        job shows it: local testing mode; None otherwise); PEC's variant also its ``learning``
        (the learner job's id, cost and each layer's overhead gamma).
    """
    manifest = run.manifest
    if manifest.get("route") == "estimator":
        return {job["mitigation"]: {"resilience_level": job["resilience_level"], **(job.get("cost") or
                {"circuits": None, "shots": None}), **({"learning": job["learning"]} if job.get("learning") else {})}
                for job in run.jobs()}
    shots = manifest["shots"]
    circuits = len(run.labels)
    factors = manifest["mitigation"]["zne_factors"]
    readout = sum(1 for e in run.info if e["role"].startswith("readout-"))
    out = {"raw": {"circuits": circuits, "shots": circuits * shots}}
    if readout:
        out["readout"] = {"circuits": circuits + readout, "shots": (circuits + readout) * shots}
    if len(factors) > 1:
        out["zne"] = {"circuits": circuits * len(factors), "shots": circuits * len(factors) * shots,
                      "noise_factors": factors}
        if readout:
            total = circuits * len(factors) + readout
            out["readout+zne"] = {"circuits": total, "shots": total * shots, "noise_factors": factors}
    return out


def cost_notes(run) -> list[str]:
    """The cost of each variant as report notes (one line each)."""
    lines = []
    for name, cost in mitigation_cost(run).items():
        level = f" (resilience level {cost['resilience_level']})" if "resilience_level" in cost else ""
        if cost.get("circuits") is None:
            line = f"cost of {name}{level}: not reported by the service"
        else:
            line = f"cost of {name}{level}: {cost['circuits']} circuits executed, {cost['shots']} shots"
        learning = cost.get("learning")
        if learning:  # PEC: the layer noise learned first, and each layer's sampling overhead
            gammas = ", ".join(f"{layer['gamma']:.4g}" for layer in learning["layers"])
            spent = learning.get("cost") or {}
            line += (f"; noise learning of {len(learning['layers'])} gate layer(s) (overhead gamma {gammas or '-'}): "
                     + (f"{spent['circuits']} circuits, {spent['shots']} shots" if spent else "cost not reported"))
        lines.append(line)
    return lines


def finish_run(run_dir: str | Path) -> dict[str, Any]:
    """Analyse a finished run and write its comparison.

    Parameters
    ----------
    run_dir:
        A complete run folder written by :func:`execute`.

    Returns
    -------
    dict
        The report (also written: ``report.json``, ``report.txt``, ``compare.png``).
    """
    from qbcircuit.compare import compare_run

    analyse_run(run_dir)
    return compare_run(run_dir)


def is_pipeline_run(run_dir: str | Path) -> bool:
    """Whether a run folder was written by the pipeline (so :func:`finish_run` can finish it).

    Parameters
    ----------
    run_dir:
        A run folder.

    Returns
    -------
    bool
    """
    from qbcircuit.run.store import RunFolder

    return RunFolder(run_dir).read_manifest().get("inputs", {}).get("finish") == FINISH_TAG


__all__ = ["FINISH_TAG", "analyse_run", "execute", "finish_run", "is_pipeline_run", "run_inputs", "solve_exactly",
           "wide_ideal", "write_exact"]
