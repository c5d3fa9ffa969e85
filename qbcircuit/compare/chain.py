"""The whole chain for one model: compile, run on a backend profile, solve exactly, compare.

This is where physics meets the runner: the model's circuits come from the Trotter
compiler (``qbcircuit.compile``), the battery energy is read from Z-basis counts of the
battery qubits, and the exact side from ``qbcircuit.reference``. The run folder stores the
analysis as data (which circuits make which time point, with which weights, and the
diagonal of H_B), so ``qbc resume`` finishes a run without recompiling.

Measured figures: the stored energy W(t) = <H_B>(t) - <H_B>(0) (the initial energy is
exact: the state is prepared, not evolved) and the power W(t)/t. H_B must be diagonal in
the computational basis (I/Z Pauli terms); the ergotropy needs tomography of the battery
qubits, which is the compiler's measurement step and is not measured here yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qbcircuit.compare.comparison import Comparison
from qbcircuit.compare.run_folder import comparison_from_run, write_report
from qbcircuit.run import RunPlan, load_run, start_run
from qbcircuit.run.ideal import ideal_distributions
from qbcircuit.run.profiles import BackendProfile
from qbcircuit.run.store import RunFolder

MEASURED_KEYS = ("energy", "power")
FINISH_TAG = "qbc-run"


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
            f"model {model.name!r}: H_B is not diagonal in the computational basis; its energy needs "
            "tomography of the battery qubits (the compiler's measurement step)"
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


def plan_time_series(model, times: Sequence[float], dt: float, order: int, compile_times=None):
    """The run plan for a time series, the analysis recipe, and the compiler's statistics."""
    if model.is_open:
        raise ValueError(
            f"model {model.name!r} is open: running it needs the ancilla dissipation compiler (issue 6), not wired yet"
        )
    compile_times = compile_times or compiler()
    compiled = compile_times(model, list(times), dt, order)
    circuits, labels, points = [], [], []
    for t, evo in zip(times, compiled):
        indices = []
        for k, comp in enumerate(evo.components):
            indices.append(len(circuits))
            circuits.append(measured_circuit(comp.circuit, model.battery_qubits))
            labels.append(f"t={t:g}/{comp.label or k}")
        points.append({"t": float(t), "circuits": indices, "weights": [float(w) for w in evo.weights], "steps": evo.steps})
    analysis = {
        "energy_diagonal": battery_energy_diagonal(model).tolist(),
        "initial_energy": float(compiled[0].initial_battery_energy),
        "points": points,
    }
    return circuits, labels, analysis, compiled[-1].stats().to_dict()


def _series(points, analysis, distribution_of) -> dict[str, list]:
    diag = np.asarray(analysis["energy_diagonal"])
    e0 = analysis["initial_energy"]
    energy, energy_se, power, power_se = [], [], [], []
    for point in points:
        mean, var = 0.0, 0.0
        for index, weight in zip(point["circuits"], point["weights"]):
            m, s = distribution_of(index).expectation(diag)
            mean += weight * m
            var += (weight * s) ** 2
        w, se = mean - e0, float(np.sqrt(var))
        energy.append(w)
        energy_se.append(se)
        t = point["t"]
        power.append(w / t if t > 0 else None)
        power_se.append(se / t if t > 0 else None)
    return {"energy": energy, "energy_stderr": energy_se, "power": power, "power_stderr": power_se}


def analyse_run(run_dir: str | Path) -> dict[str, Any]:
    """Turn a finished run's counts into measured (and ideal-circuit) figures: results.json."""
    folder = RunFolder(run_dir)
    run = load_run(run_dir)
    inputs = run.manifest["inputs"]
    analysis = inputs["analysis"]
    points = analysis["points"]
    measured = {v: _series(points, analysis, lambda i, v=v: run.distribution(i, v)) for v in run.mitigations()}
    ideal = folder.read("ideal.json") if (folder.path / "ideal.json").is_file() else None
    results = {
        "mode": "time_series",
        "keys": list(MEASURED_KEYS),
        "units": inputs.get("units", {}),
        "times": [p["t"] for p in points],
        "measured": measured,
        "ideal": ideal,
        "circuit": {**inputs.get("circuit", {}), **_transpiled_statistics(run)},
        "notes": ["ergotropy is not measured: it needs tomography of the battery qubits (compiler issue 5)"],
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
) -> dict[str, Any]:
    """Compile, run, solve exactly and compare; returns the report (also in ``out_dir``)."""
    from qbcircuit.reference import time_series

    times = np.asarray(times, dtype=float)
    circuits, labels, analysis, stats = plan_time_series(model, times, dt, order, compile_times)
    units = {"energy": model.energy_unit, "power": f"{model.energy_unit}/({model.time_unit})", "time": model.time_unit}
    inputs = {"model": model.name, "parameters": dict(model.parameters), "times": times.tolist(), "dt": dt,
              "order": order, "units": units, "analysis": analysis, "circuit": stats, "finish": FINISH_TAG}
    # the physics first (cheap), so an interrupted run already holds everything but counts
    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    folder.write("exact.json", time_series(model, times).to_dict())
    ideal = ideal_distributions(circuits)
    folder.write("ideal.json", {k: v for k, v in _series(analysis["points"], analysis, lambda i: ideal[i]).items()
                                if not k.endswith("_stderr")})
    run = start_run(RunPlan(circuits, labels, inputs), profile, out_dir, shots=shots, seed=seed,
                    readout_mitigation=readout_mitigation, zne_factors=zne_factors, progress=progress)
    return finish_run(run.path)


__all__ = ["Comparison", "analyse_run", "finish_run", "plan_time_series", "run_model"]
