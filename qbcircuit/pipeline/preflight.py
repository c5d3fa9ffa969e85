"""A preflight before spending device time: ``qbc run ... --dry-run [--json]``.

The run's circuits are compiled and transpiled for the profile's device exactly as the run
would transpile them (the preset pass manager of the profile's optimisation level, whose
layout passes, VF2Layout and VF2PostLayout, score candidate layouts on the device's
calibration: gate and readout errors), and for each circuit and in total the preflight gives:

* the device qubits used (the layout chosen) and the two-qubit gate count and depth;
* the estimated duration on the device (the longest path through the instruction
  durations of the device's target);
* an estimated circuit fidelity from the calibration: the product of (1 - error) over every
  gate, reset and measurement the circuit executes, with the error reported for that
  instruction on those qubits;
* the predicted noise error of the battery's figures beside their Trotter error: the
  transpiled circuits are simulated with the device's noise model on the qubits they use
  (when they use at most :data:`SIMULATION_MAX_QUBITS`), read as the run would read them,
  and compared with the noiseless circuits (noise error) and the exact reference (Trotter
  error).

On the estimator route the circuits listed are the ones the Estimator receives: each
point's evolution without measurement (the Estimator adds the measurements in H_B's Pauli
bases and, with mitigation, its randomisations). Their level-0 noise error is predicted from
the same evolutions measured in those bases: the sampler route's circuits, simulated as above,
read for the stored energy (and the power).

Nothing is submitted.
"""

from __future__ import annotations

from typing import Any

#: The predicted noise error is simulated up to this many device qubits (density matrices).
SIMULATION_MAX_QUBITS = 10
#: Shots of the noisy simulation (its own shot noise is then below 1e-2 of a unit figure).
SIMULATION_SHOTS = 200_000


def circuit_fidelity(circuit, target) -> float:
    """The product of (1 - error) over the instructions of a transpiled circuit, with the
    target's reported error of each instruction on its qubits (0 where none is reported).

    Parameters
    ----------
    circuit:
        A circuit transpiled to ``target`` (its qubits are the device's).
    target:
        The device's Target.

    Returns
    -------
    float
    """
    fidelity = 1.0
    for inst in circuit.data:
        name = inst.operation.name
        if name in ("barrier", "delay") or name not in target.operation_names:
            continue
        qargs = tuple(circuit.find_bit(q).index for q in inst.qubits)
        props = target[name].get(qargs) if target[name] is not None else None
        error = getattr(props, "error", None)
        if error:
            fidelity *= 1.0 - float(error)
    return fidelity


def circuit_duration(circuit, target) -> float | None:
    """Seconds along the longest path through the circuit (the target's durations); None if
    the target gives no durations.

    Parameters
    ----------
    circuit:
        A transpiled circuit.
    target:
        The device's Target.

    Returns
    -------
    float or None
    """
    try:
        return float(circuit.estimate_duration(target, unit="s"))
    except Exception:
        return None


def _layout(circuit) -> list[int]:
    layout = circuit.layout
    if layout is None:
        return sorted({circuit.find_bit(q).index for inst in circuit.data for q in inst.qubits})
    return [int(q) for q in layout.initial_index_layout(filter_ancillas=True)]


def _used(circuit) -> list[int]:
    return sorted({circuit.find_bit(q).index for inst in circuit.data if inst.operation.name not in ("barrier", "delay")
                   for q in inst.qubits})


def preflight(plan, profile, *, exact: dict[str, Any] | None = None, simulate: bool = True,
              seed: int | None = None, route: str | None = None) -> dict[str, Any]:
    """Transpile a plan's circuits for the profile's device and predict what the run will cost
    and how far its figures will be from exact; nothing is submitted.

    Parameters
    ----------
    plan:
        A :class:`~qbcircuit.pipeline.plan.Plan`.
    profile:
        The :class:`~qbcircuit.run.BackendProfile` (a device: ``ibm``, or ``aer`` with device noise).
    exact:
        The exact reference (default: :func:`~qbcircuit.pipeline.execute.solve_exactly`).
    simulate:
        Simulate the transpiled circuits with the device's noise to predict the noise error.
    seed:
        The noisy simulation's seed (default: the profile's).
    route:
        ``sampler`` or ``estimator`` (default: the profile's): which circuits the run submits.

    Returns
    -------
    dict
        ``device``, ``layout_method``, ``circuits`` (per circuit: label, layout, qubits,
        two_qubit_gates, depth, duration_s, fidelity), ``total`` (circuits, two-qubit gates,
        duration, shots, the worst fidelity), ``predicted`` (per figure: trotter_error,
        noise_error, their max over the points; or the reason it was not simulated).
    """
    from qbcircuit.pipeline.execute import solve_exactly
    from qbcircuit.run import Executor

    executor = Executor(profile)
    if profile.kind == "aer" and profile.noise != "device":
        raise ValueError(f"backend profile {profile.name!r}: a dry run needs a device (an ibm profile or one with "
                         "noise = 'device'), to transpile for and to read the calibration of")
    executor.check(plan.circuits)  # width, resets: one line before anything else
    route = route or profile.route
    isa = None  # the measured circuits, transpiled (on the estimator route: for the prediction alone)
    if route == "estimator":  # the measurement-free evolutions the Estimator receives
        from qbcircuit.pipeline.execute import estimator_labels, estimator_plan

        circuits, _, analysis = estimator_plan(plan)
        if profile.pec_mitigation:
            executor.check_pec(circuits)
        submitted, labels = list(executor.pass_manager().run(circuits)), estimator_labels(analysis)
    else:
        isa = submitted = list(executor.pass_manager().run(list(plan.circuits)))
        labels = plan.labels
    target = _target(executor)
    rows = []
    for label, circuit in zip(labels, submitted):
        two = sum(1 for inst in circuit.data if inst.operation.num_qubits == 2 and inst.operation.name != "barrier")
        rows.append({"label": label, "layout": _layout(circuit), "qubits": _used(circuit), "two_qubit_gates": int(two),
                     "depth": int(circuit.depth()), "duration_s": circuit_duration(circuit, target),
                     "fidelity": circuit_fidelity(circuit, target)})
    durations = [r["duration_s"] for r in rows]
    total = {"circuits": len(rows), "two_qubit_gates": sum(r["two_qubit_gates"] for r in rows),
             "duration_s": None if any(d is None for d in durations) else float(sum(durations)),
             "shots": profile.shots * len(rows), "min_fidelity": min(r["fidelity"] for r in rows),
             "qubits": sorted({q for r in rows for q in r["qubits"]})}
    out = {"model": plan.model.name, "backend": profile.name, "device": profile.device, "route": route,
           "optimization_level": profile.optimization_level,
           "layout_method": "preset pass manager: VF2Layout / VF2PostLayout scored on the device's gate and readout "
                            "errors (Sabre where no perfect layout exists)",
           "circuits": rows, "total": total, "submitted": False}
    if not simulate:
        return out
    if isa is None:
        isa = list(executor.pass_manager().run(list(plan.circuits)))
    used = sorted(set(total["qubits"]) | {q for c in isa for q in _used(c)})  # and the measured evolutions
    if len(used) > SIMULATION_MAX_QUBITS:
        out["predicted"] = {"skipped": f"the circuits use {len(used)} device qubits; the noisy simulation stops at "
                                       f"{SIMULATION_MAX_QUBITS}"}
        return out
    if exact is None:
        exact, _ = solve_exactly(plan)
    predicted = _predicted(plan, profile, isa, used, target, exact, seed if seed is not None else profile.seed)
    if route == "estimator":  # level 0 measures the energy alone
        predicted["figures"] = {k: v for k, v in predicted["figures"].items() if k in ("energy", "power")}
        predicted["note"] = ("the Estimator's level 0 (no mitigation): the same evolutions measured in H_B's Pauli "
                             "bases, simulated as the sampler's circuits")
    out["predicted"] = predicted
    return out


def _target(executor):
    target = executor.backend.target
    if executor.profile.fractional_gates and "rzz" not in target.operation_names:
        from qbcircuit.calibration import with_fractional_gates

        target = with_fractional_gates(target)
    return target


def _predicted(plan, profile, isa, used, target, exact, seed) -> dict[str, Any]:
    """Noise and Trotter error of the figures, from a noisy simulation on the used qubits."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    from qbcircuit.compare.comparison import deviation
    from qbcircuit.pipeline.estimate import figure_series
    from qbcircuit.pipeline.execute import _keys
    from qbcircuit.run import Distribution
    from qbcircuit.run.ideal import ideal_distributions
    from qbcircuit.run.noise import restricted_simulator

    index = {q: i for i, q in enumerate(used)}
    small = []
    for c in isa:
        qc = QuantumCircuit(QuantumRegister(len(used), "q"), *[ClassicalRegister(r.size, r.name) for r in c.cregs])
        for inst in c.data:
            qubits = [c.find_bit(q).index for q in inst.qubits]
            if inst.operation.name in ("barrier", "delay"):
                continue
            qc.append(inst.operation, [qc.qubits[index[q]] for q in qubits], [qc.clbits[c.find_bit(b).index] for b in inst.clbits])
        small.append(qc)
    simulator = restricted_simulator(target, tuple(used), "density_matrix")
    result = simulator.run(small, shots=SIMULATION_SHOTS, seed_simulator=seed).result()
    noisy = [Distribution.from_counts(result.get_counts(i), c.num_clbits) for i, c in enumerate(small)]
    ideal = ideal_distributions(plan.circuits)
    analysis = plan.analysis
    model = plan.model
    noisy_series = figure_series(model, analysis, lambda i: noisy[i], plan.mode)
    ideal_series = figure_series(model, analysis, lambda i: ideal[i], plan.mode, exact_inputs=True)
    keys = _keys(noisy_series, exact, plan.mode)
    figures = {}
    for key in keys:
        figures[key] = {"noise_error": deviation(noisy_series[key], ideal_series[key])["max"],
                        "trotter_error": deviation(ideal_series[key], exact[key])["max"],
                        "noisy_simulation": noisy_series[key], "ideal_circuit": ideal_series[key]}
    return {"shots": SIMULATION_SHOTS, "figures": figures}


def format_preflight(report: dict[str, Any]) -> str:
    """The preflight as lines of text (what ``qbc run --dry-run`` prints).

    Parameters
    ----------
    report:
        What :func:`preflight` returns.

    Returns
    -------
    str
    """
    estimator = report.get("route") == "estimator"
    lines = [f"dry run: {report['model']} on {report['backend']} (device {report['device']}"
             + (", estimator route" if estimator else "") + "); nothing submitted",
             f"layout: {report['layout_method']}"]
    if estimator:
        lines.append("circuits: the evolutions the Estimator receives (it adds the measurements in H_B's Pauli bases "
                     "and, with mitigation, its randomisations; each resilience level is one job of them)")
    for r in report["circuits"]:
        duration = f"{r['duration_s'] * 1e6:.1f} us" if r["duration_s"] is not None else "unknown"
        lines.append(f"  {r['label']}: qubits {r['layout']}, two-qubit gates {r['two_qubit_gates']}, depth {r['depth']}, "
                     f"duration {duration}, estimated fidelity {r['fidelity']:.3f}")
    t = report["total"]
    duration = f"{t['duration_s'] * 1e3:.3f} ms summed over the circuits (one shot each)" if t["duration_s"] is not None else "unknown"
    lines.append(f"total: {t['circuits']} circuits on device qubits {t['qubits']}, {t['two_qubit_gates']} two-qubit "
                 f"gates, {t['shots']} shots, duration {duration}, lowest estimated fidelity {t['min_fidelity']:.3f}")
    predicted = report.get("predicted")
    if predicted and "skipped" in predicted:
        lines.append(f"predicted errors: not simulated ({predicted['skipped']})")
    elif predicted:
        if predicted.get("note"):
            lines.append(f"predicted errors: {predicted['note']}")
        for key, f in predicted["figures"].items():
            lines.append(f"predicted {key}: noise error max {f['noise_error']:.4g} (device noise model, transpiled "
                         f"circuits) beside Trotter error max {f['trotter_error']:.4g}")
    return "\n".join(lines)


__all__ = ["SIMULATION_MAX_QUBITS", "circuit_duration", "circuit_fidelity", "format_preflight", "preflight"]
