"""The whole chain for one model: compile, run on a backend profile, solve exactly, compare.

This is where physics meets the runner: the model's circuits come from the compiler
(``compile_times`` for closed models, ``compile_open_evolution`` with ancilla collision
channels for open ones), the battery's figures are read from tomography of the battery
qubits (or, for batteries of more than three qubits, its energy from Z-basis counts; see
:mod:`qbcircuit.compare.measured`), and the exact side comes from ``qbcircuit.reference``
applied to the model the circuits actually realise (``resolved.model`` of an open
compilation: the model's own Lindblad equation, or the named approximation of a Redfield
one). The run folder stores the analysis as data (which circuits make which point, with
which weights and settings), so ``qbc resume`` finishes a run without recompiling.

Two modes:
* time series: figures at each time of a grid, compiled with steps of at most ``dt``;
  the power is W(t)/t.
* steady state (open models): one evolution to ``t_relax``, several relaxation times
  1/gap (the gap of the compiled model's Liouvillian, from the reference), compared with
  the reference's steady state. The report also gives the exact figures at ``t_relax``,
  so the part of the deviation that is incomplete relaxation is visible apart from the
  collision-model (Trotter) error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qbcircuit.compare.comparison import Comparison
from qbcircuit.compare.measured import point_figures, recipe_for, tomography_point
from qbcircuit.compare.run_folder import comparison_from_run, write_report
from qbcircuit.run import RunPlan, load_run, start_run
from qbcircuit.run.ideal import ideal_distributions
from qbcircuit.run.profiles import BackendProfile
from qbcircuit.run.store import RunFolder

FINISH_TAG = "qbc-run"
#: t_relax = RELAXATION_TIMES / gap: the slowest mode has decayed to e^-8 ~ 3e-4 of its start.
RELAXATION_TIMES = 8.0
FIGURE_ORDER = ("energy", "ergotropy", "power", "battery_energy")


def compiler() -> Callable:
    """The Trotter compiler's ``compile_times``, or a one-line error while it is missing."""
    try:
        from qbcircuit.compile import compile_times
    except ImportError:
        raise ValueError(
            "qbc run needs the Trotter compiler's public API (qbcircuit.compile.compile_times, issue 5), "
            "which this checkout does not have yet; `qbc exact` gives the reference meanwhile"
        ) from None
    return compile_times


def battery_energy_diagonal(model) -> np.ndarray:
    """H_B on the battery's computational basis states (index bit j = battery qubit j)."""
    h = model.battery_hamiltonian
    if any(set(label) - {"I", "Z"} for label in h.paulis.to_labels()):
        raise ValueError(
            f"model {model.name!r}: H_B is not diagonal in the computational basis and the battery has more "
            "than 3 qubits (too many for tomography); its energy cannot be measured from Z counts"
        )
    return np.real(np.diag(h.to_matrix())).astype(float)


def measured_circuit(circuit, battery_qubits: Sequence[int]):
    """The circuit followed by a Z measurement of the battery qubits (clbit j = battery qubit j)."""
    from qiskit import ClassicalRegister

    measured = circuit.copy()
    creg = ClassicalRegister(len(battery_qubits), "meas")
    measured.add_register(creg)
    for j, q in enumerate(battery_qubits):
        measured.measure(q, creg[j])
    return measured


def _open_compiler(order: int, approximation: str | None):
    from qbcircuit.compile.dissipation import compile_open_evolution

    def compile_at(model, t: float, dt: float):
        steps = max(1, math.ceil(t / dt - 1e-9))
        return compile_open_evolution(model, t, steps, order, channels="ancilla", approximation=approximation)

    return compile_at


def _plan(model, compiled: Sequence, times: Sequence[float]):
    """Measurement circuits for compiled evolutions, and the analysis recipe."""
    method = recipe_for(model)
    circuits, labels, points = [], [], []
    for t, evo in zip(times, compiled):
        if method == "tomography":
            extra, point = tomography_point(evo, len(circuits))
            labels += [f"t={t:g}/{c.name}" for c in extra]
            circuits += extra
        else:
            point = {"circuits": [], "weights": [float(w) for w in evo.weights]}
            for k, comp in enumerate(evo.components):
                point["circuits"].append(len(circuits))
                circuits.append(measured_circuit(comp.circuit, model.battery_qubits))
                labels.append(f"t={t:g}/{comp.label or k}")
        points.append({"t": float(t), "steps": evo.steps, **point})
    analysis = {"method": method, "qubits": list(model.battery_qubits),
                "initial_energy": float(compiled[0].initial_battery_energy), "points": points}
    if method == "energy":
        analysis["energy_diagonal"] = battery_energy_diagonal(model).tolist()
    stats = compiled[-1].stats().to_dict()
    if hasattr(compiled[-1], "resolved"):
        stats["master_equation"] = compiled[-1].resolved.form
    return circuits, labels, analysis, stats


def plan_time_series(model, times: Sequence[float], dt: float, order: int, compile_times=None, *,
                     approximation: str | None = None):
    """The run plan for a time series, the analysis recipe, the compiler's statistics, and
    the model the circuits realise (the model itself, or an open model's resolved one)."""
    if model.is_open:
        compile_at = _open_compiler(order, approximation)
        compiled = [compile_at(model, float(t), dt) for t in times]
        realised = compiled[-1].resolved.model
    else:
        compiled = (compile_times or compiler())(model, list(times), dt, order)
        realised = model
    circuits, labels, analysis, stats = _plan(model, compiled, times)
    return circuits, labels, analysis, stats, realised


def plan_steady_state(model, t_relax: float, dt: float, order: int, *, approximation: str | None = None):
    """The run plan for one open evolution to ``t_relax`` (steps of at most ``dt``)."""
    if not model.is_open:
        raise ValueError(f"model {model.name!r} is closed: it has no steady state to relax to; use --t-final")
    compiled = _open_compiler(order, approximation)(model, t_relax, dt)
    circuits, labels, analysis, stats = _plan(model, [compiled], [t_relax])
    return circuits, labels, analysis, stats, compiled.resolved.model


def relaxation_time(model, approximation: str | None = None) -> tuple[float, float]:
    """(t_relax, gap): RELAXATION_TIMES / gap of the model the circuits will realise."""
    from qbcircuit.compile.dissipation.generators import resolve_generator
    from qbcircuit.reference import steady_state

    gap = steady_state(resolve_generator(model, approximation).model).gap
    if not (np.isfinite(gap) and gap > 0):
        raise ValueError(f"model {model.name!r}: the Liouvillian gap is {gap}, so no relaxation time follows from it; "
                         "give --t-relax")
    return RELAXATION_TIMES / gap, gap


def _rebuild(inputs: dict):
    from qbcircuit.models import build_model

    return build_model(inputs["model"], **inputs["parameters"])


def _series(model, analysis, distribution_of, mode: str, exact_inputs: bool = False) -> dict[str, list]:
    rows = [point_figures(model, analysis, p, distribution_of, exact_inputs=exact_inputs) for p in analysis["points"]]
    out: dict[str, list] = {}
    for key in rows[0]:
        out[key] = [r[key][0] for r in rows]
        out[f"{key}_stderr"] = [r[key][1] for r in rows]
    if mode == "time_series":
        times = [p["t"] for p in analysis["points"]]
        out["power"] = [w / t if t > 0 else None for w, t in zip(out["energy"], times)]
        out["power_stderr"] = [s / t if t > 0 else None for s, t in zip(out["energy_stderr"], times)]
    return out


def _keys(measured: dict, exact: dict, mode: str) -> list[str]:
    """Measured figures that the exact side has; the headline first: the stored energy for a
    time series, the model's own figure (else the ergotropy) for a steady state."""
    figures = [k for k in measured if not k.endswith("_stderr") and k in exact]
    own = [k for k in figures if k not in FIGURE_ORDER]
    standard = [k for k in FIGURE_ORDER if k in figures]
    if mode == "steady_state":
        return own + [k for k in ("ergotropy", "energy", "battery_energy") if k in standard]
    return standard + own


def analyse_run(run_dir: str | Path) -> dict[str, Any]:
    """Turn a finished run's counts into measured (and ideal-circuit) figures: results.json."""
    folder = RunFolder(run_dir)
    run = load_run(run_dir)
    inputs = run.manifest["inputs"]
    analysis = inputs["analysis"]
    mode = inputs.get("mode", "time_series")
    model = _rebuild(inputs) if analysis.get("method") == "tomography" else None
    measured = {v: _series(model, analysis, lambda i, v=v: run.distribution(i, v), mode) for v in run.mitigations()}
    ideal = folder.read("ideal.json") if (folder.path / "ideal.json").is_file() else None
    exact = folder.read("exact.json")
    notes = list(inputs.get("notes", []))
    if analysis.get("method", "energy") == "energy":
        notes.append("ergotropy is not measured: the battery has more than 3 qubits, too many for tomography; "
                     "energy from Z-basis counts")
    results = {
        "mode": mode,
        "keys": _keys(measured[run.mitigations()[0]], exact, mode),
        "units": inputs.get("units", {}),
        "times": [p["t"] for p in analysis["points"]] if mode == "time_series" else None,
        "measured": measured,
        "ideal": ideal,
        "circuit": {**inputs.get("circuit", {}), **_transpiled_statistics(run)},
        "info": inputs.get("info", {}),
        "notes": notes,
    }
    folder.write("results.json", results)
    return results


def _transpiled_statistics(run) -> dict[str, int]:
    stats = [run.circuit_statistics(i) for i in range(len(run.labels))]
    deepest = max(stats, key=lambda s: s["depth"])
    return {"transpiled_depth": deepest["depth"], "transpiled_two_qubit_gates": deepest["two_qubit_gates"],
            "transpiled_num_qubits": deepest["num_qubits"]}


def finish_run(run_dir: str | Path) -> dict[str, Any]:
    """Analyse a finished run and write its comparison (report.json, report.txt, compare.png)."""
    analyse_run(run_dir)
    return write_report(comparison_from_run(run_dir), run_dir)


def _units(model) -> dict[str, str]:
    return model.units


def _execute(model, realised, circuits, labels, analysis, stats, exact: dict, mode: str, info: dict,
             profile, out_dir, *, shots, seed, readout_mitigation, zne_factors, progress, extra_inputs) -> dict[str, Any]:
    inputs = {"model": model.name, "parameters": dict(model.parameters), "mode": mode, "units": _units(model),
              "analysis": analysis, "circuit": stats, "info": info, "finish": FINISH_TAG, **extra_inputs}
    if realised is not model and stats.get("master_equation"):
        inputs["notes"] = [f"the exact reference solves the master equation the circuits realise: {stats['master_equation']}"]
    # the physics first (cheap), so an interrupted run already holds everything but counts
    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    folder.write("exact.json", exact)
    ideal = ideal_distributions(circuits)
    ideal_series = _series(model, analysis, lambda i: ideal[i], mode, exact_inputs=True)
    folder.write("ideal.json", {k: v for k, v in ideal_series.items() if not k.endswith("_stderr")})
    run = start_run(RunPlan(circuits, labels, inputs), profile, out_dir, shots=shots, seed=seed,
                    readout_mitigation=readout_mitigation, zne_factors=zne_factors, progress=progress)
    return finish_run(run.path)


def run_model(
    model,
    profile: BackendProfile,
    times: Sequence[float],
    out_dir: str | Path,
    *,
    dt: float,
    order: int = 2,
    shots: int | None = None,
    seed: int | None = None,
    readout_mitigation: bool | None = None,
    zne_factors: Sequence[float] | None = None,
    progress=None,
    compile_times=None,
    approximation: str | None = None,
) -> dict[str, Any]:
    """Time series: compile, run, solve exactly and compare; returns the report (also in ``out_dir``)."""
    from qbcircuit.reference import time_series

    times = np.asarray(times, dtype=float)
    circuits, labels, analysis, stats, realised = plan_time_series(model, times, dt, order, compile_times,
                                                                   approximation=approximation)
    exact = time_series(realised, times).to_dict()
    return _execute(model, realised, circuits, labels, analysis, stats, exact, "time_series", {}, profile, out_dir,
                    shots=shots, seed=seed, readout_mitigation=readout_mitigation, zne_factors=zne_factors,
                    progress=progress, extra_inputs={"times": times.tolist(), "dt": dt, "order": order})


def run_steady_state(
    model,
    profile: BackendProfile,
    out_dir: str | Path,
    *,
    t_relax: float | None = None,
    steps: int = 100,
    dt: float | None = None,
    order: int = 2,
    shots: int | None = None,
    seed: int | None = None,
    readout_mitigation: bool | None = None,
    zne_factors: Sequence[float] | None = None,
    progress=None,
    approximation: str | None = None,
) -> dict[str, Any]:
    """Steady state of an open model: evolve to ``t_relax`` (default RELAXATION_TIMES / gap)
    in ``steps`` steps (or steps of at most ``dt``), measure, compare with the reference's
    steady state of the model the circuits realise; returns the report."""
    from qbcircuit.reference import steady_state_figures, time_series

    if not model.is_open:
        raise ValueError(f"model {model.name!r} is closed: it has no steady state to relax to; use --t-final")
    gap = None
    if t_relax is None:
        t_relax, gap = relaxation_time(model, approximation)
    if not (np.isfinite(t_relax) and t_relax > 0):
        raise ValueError(f"t_relax must be a finite time > 0, got {t_relax}")
    if dt is None:
        if int(steps) != steps or steps < 1:
            raise ValueError(f"steps must be an integer >= 1, got {steps}")
        dt = t_relax / steps
    circuits, labels, analysis, stats, realised = plan_steady_state(model, t_relax, dt, order, approximation=approximation)
    steady = steady_state_figures(realised)
    exact = steady.to_dict()
    # the exact state at t_relax: what a perfect circuit of this length would measure
    at_t = time_series(realised, [0.0, t_relax], refine=False).to_dict()
    info = {"t_relax": t_relax, "liouvillian_gap": steady.gap if gap is None else gap,
            "relaxation_times": t_relax * steady.gap, "dt": dt,
            "exact_at_t_relax": {k: v[-1] for k, v in at_t.items() if isinstance(v, list) and k != "times"}}
    return _execute(model, realised, circuits, labels, analysis, stats, exact, "steady_state", info, profile, out_dir,
                    shots=shots, seed=seed, readout_mitigation=readout_mitigation, zne_factors=zne_factors,
                    progress=progress, extra_inputs={"t_relax": t_relax, "dt": dt, "order": order})


__all__ = ["Comparison", "analyse_run", "finish_run", "plan_steady_state", "plan_time_series", "relaxation_time",
           "run_model", "run_steady_state"]
