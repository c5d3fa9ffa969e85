"""Plan a run: compile the protocol and the measurement circuits, and write down the analysis.

The model's circuits come from the compiler (``compile_times`` for closed models,
``compile_open_evolution`` with ancilla collision channels for open ones), measured by
the recipe :func:`measurement_recipe` picks:

* ``tomography`` (a battery of 1 to 3 qubits): Pauli tomography of the battery qubits
  (the compiler's ``tomography_plan``: 3^k settings per mixture component);
* ``energy`` (larger batteries; H_B diagonal): Z-basis counts of the battery, the stored
  energy only;
* ``local`` (batteries wider than a dense distribution holds, more than
  :data:`~qbcircuit.run.distribution.MAX_BITS` qubits, whose H_B is a sum of single-qubit Z
  terms: a chain of 100 cells): the same Z-basis counts, read per shot as
  constant + sum_q c_q z_q without a 2^n table; the noiseless circuit's figures come from
  its exact single-qubit marginals (matrix-product states: :func:`qbcircuit.run.ideal.ideal_marginals`).

The analysis recipe (a plain dictionary, stored in the run folder) says which circuits
make which point, with which weights and settings, so a run is analysed, and resumed,
without recompiling. The exact side is computed for ``Plan.realised``: the model the
circuits actually realise (the model itself, an open model's own Lindblad equation, or the
named approximation of a Redfield one).

A steady state is one open evolution to ``t_relax``, by default :data:`RELAXATION_TIMES`
relaxation times 1/gap (the gap of the Liouvillian of the model the circuits realise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: t_relax = RELAXATION_TIMES / gap: the slowest mode has decayed to e^-8 ~ 3e-4 of its start.
RELAXATION_TIMES = 8.0


@dataclass
class Plan:
    """Everything a run executes and how its counts are read.

    Attributes
    ----------
    mode:
        ``time_series`` or ``steady_state``.
    model:
        The model asked for; ``realised`` the model the circuits realise (the exact side).
    circuits, labels:
        The measured logical circuits and their labels (``t=.../component [basis]``).
    analysis:
        The recipe read by :func:`qbcircuit.pipeline.estimate.figure_series`.
    circuit:
        The compiler's statistics of the longest evolution (and, open models, the master
        equation the circuits realise).
    times:
        The time grid (time series); ``t_relax`` the evolution time (steady state).
    dt, order:
        The largest step and the product-formula order.
    gap:
        Steady state: the Liouvillian gap that set ``t_relax`` (None when t_relax was given).
    approximation:
        The approximation of a Redfield model that is not completely positive (``secular``
        or ``clipped``), or None.
    """

    mode: str
    model: Any
    realised: Any
    circuits: list
    labels: list[str]
    analysis: dict[str, Any]
    circuit: dict[str, Any]
    times: np.ndarray | None
    t_relax: float | None
    dt: float
    order: int
    gap: float | None = None
    notes: list[str] = field(default_factory=list)
    approximation: str | None = None


def measurement_recipe(model) -> str:
    """``tomography`` for a battery of at most 3 qubits, ``energy`` (Z counts) above, ``local``
    (Z counts read per shot) beyond :data:`~qbcircuit.run.distribution.MAX_BITS` qubits.

    Parameters
    ----------
    model:
        The battery model.

    Returns
    -------
    str
    """
    from qbcircuit.compile.measurement import MAX_TOMOGRAPHY_QUBITS
    from qbcircuit.run.distribution import MAX_BITS

    width = len(model.battery_qubits)
    if width <= MAX_TOMOGRAPHY_QUBITS:
        return "tomography"
    return "energy" if width <= MAX_BITS else "local"


def battery_energy_fields(model) -> tuple[float, np.ndarray]:
    """H_B = constant + sum_j c_j Z_j (battery qubit j) as (constant, c).

    Parameters
    ----------
    model:
        A battery model whose H_B has identity and single-qubit Z terms only.

    Returns
    -------
    tuple
        (constant, coefficients); a ``ValueError`` names a term of another kind.
    """
    h = model.battery_hamiltonian.simplify()
    x = np.asarray(h.paulis.x, dtype=bool)
    z = np.asarray(h.paulis.z, dtype=bool)
    weight = z.sum(axis=1)
    if np.any(x) or np.any(weight > 1):
        raise ValueError(
            f"model {model.name!r}: a battery of {h.num_qubits} qubits is measured per qubit (too wide for a dense "
            "distribution), which needs H_B = constant + sum of single-qubit Z terms; its H_B has other terms"
        )
    coeffs = np.real(np.asarray(h.coeffs))
    constant = float(coeffs[weight == 0].sum())
    fields = np.zeros(h.num_qubits)
    rows = np.flatnonzero(weight == 1)
    np.add.at(fields, np.argmax(z[rows], axis=1), coeffs[rows])
    return constant, fields


def battery_energy_diagonal(model) -> np.ndarray:
    """H_B on the battery's computational basis states (index bit j = battery qubit j).

    Parameters
    ----------
    model:
        A battery model whose H_B is diagonal (Z and I terms only).

    Returns
    -------
    numpy.ndarray
        The 2^k energies; a ``ValueError`` if H_B is not diagonal.
    """
    h = model.battery_hamiltonian
    if any(set(label) - {"I", "Z"} for label in h.paulis.to_labels()):
        raise ValueError(
            f"model {model.name!r}: H_B is not diagonal in the computational basis and the battery has more "
            "than 3 qubits (too many for tomography); its energy cannot be measured from Z counts"
        )
    return np.real(h.to_matrix(sparse=True).diagonal()).astype(float)  # sparse: 2^k entries, not 4^k


def check_measurable(model) -> None:
    """Raise a one-line ``ValueError`` if the battery's figures cannot be measured.

    Parameters
    ----------
    model:
        The battery model.

    Returns
    -------
    None
    """
    recipe = measurement_recipe(model)
    if recipe == "energy":
        battery_energy_diagonal(model)
    elif recipe == "local":
        battery_energy_fields(model)


def compile_evolutions(model, times: Sequence[float], dt: float, order: int, approximation: str | None = None) -> list:
    """The model's evolution to every time, as the compiler gives it: Trotter circuits
    (``compile_times``) for a closed model, ancilla collision circuits with mid-circuit resets
    (``compile_open_evolution``) for an open one.

    Parameters
    ----------
    model:
        The battery model.
    times:
        The evolution times (the model's time unit).
    dt, order:
        The largest step and the product-formula order.
    approximation:
        Open Redfield models that are not completely positive: ``secular`` or ``clipped``.

    Returns
    -------
    list
        One compiled evolution per time (``components``, ``weights``, ``initial_battery_energy``).
    """
    from qbcircuit.compile import compile_open_evolution, compile_times, steps_for

    if model.is_open:
        return [compile_open_evolution(model, float(t), steps_for(float(t), dt), order, channels="ancilla",
                                       approximation=approximation) for t in times]
    return compile_times(model, list(times), dt, order)


def tomography_qubits(model) -> list[int]:
    """The qubits a tomography run measures: the battery's, then the model's figure qubits
    that are not among them (their reduced state feeds the model's own figures, e.g. the
    charger-battery concurrence), when all fit in one tomography; else the battery's alone.

    Parameters
    ----------
    model:
        The battery model.

    Returns
    -------
    list of int
    """
    from qbcircuit.compile.measurement import MAX_TOMOGRAPHY_QUBITS

    battery = [int(q) for q in model.battery_qubits]
    union = battery + [int(q) for q in model.figure_qubits if q not in battery]
    return union if len(union) <= MAX_TOMOGRAPHY_QUBITS else battery


def _measure(model, compiled: Sequence, times: Sequence[float]):
    """Measurement circuits for compiled evolutions, their labels, the analysis recipe and
    the compiler's statistics."""
    from qbcircuit.compile.measurement import measured_circuit, tomography_plan

    method = measurement_recipe(model)
    battery = list(model.battery_qubits)
    measured = tomography_qubits(model) if method == "tomography" else battery
    circuits, labels, points = [], [], []
    for t, evo in zip(times, compiled):
        if method == "tomography":
            plan = tomography_plan(evo, measured)
            point = {"circuits": list(range(len(circuits), len(circuits) + len(plan.circuits))),
                     "settings": [[int(c), b] for c, b in plan.settings], "weights": [float(w) for w in plan.weights]}
            labels += [f"t={t:g}/{c.name}" for c in plan.circuits]
            circuits += plan.circuits
        else:
            point = {"circuits": [], "weights": [float(w) for w in evo.weights]}
            for k, comp in enumerate(evo.components):
                point["circuits"].append(len(circuits))
                circuits.append(measured_circuit(comp.circuit, battery, "Z" * len(battery), comp.circuit.name))
                labels.append(f"t={t:g}/{comp.label or k}")
        points.append({"t": float(t), "steps": evo.steps, **point})
    analysis = {"method": method, "qubits": measured,
                "initial_energy": float(compiled[0].initial_battery_energy), "points": points}
    if method == "energy":
        analysis["energy_diagonal"] = battery_energy_diagonal(model).tolist()
        from qbcircuit.pipeline.estimate import cell_energy_diagonals

        cells = cell_energy_diagonals(model)  # the energy variance's local part from the same counts
        if cells is not None:
            analysis["cell_energy_diagonals"] = [c.tolist() for c in cells]
    elif method == "local":
        constant, fields = battery_energy_fields(model)
        analysis.update(energy_constant=constant, energy_fields=fields.tolist())
    stats = compiled[-1].stats().to_dict()
    if hasattr(compiled[-1], "resolved"):
        stats["master_equation"] = compiled[-1].resolved.form
    return circuits, labels, analysis, stats


def _notes(model, realised, stats: dict) -> list[str]:
    if realised is not model and stats.get("master_equation"):
        return [f"the exact reference solves the master equation the circuits realise: {stats['master_equation']}"]
    return []


def plan_time_series(model, times: Sequence[float], dt: float, order: int = 2, *,
                     approximation: str | None = None) -> Plan:
    """Compile and measure the evolution to every time of a grid.

    Parameters
    ----------
    model:
        The battery model (closed or open).
    times:
        The time grid, from 0 (the model's time unit).
    dt:
        The largest Trotter (collision) step.
    order:
        Product-formula order (1, 2 or 4; open models 1 or 2).
    approximation:
        Open Redfield models that are not completely positive: ``secular`` or ``clipped``.

    Returns
    -------
    Plan
    """
    times = np.asarray(times, dtype=float)
    compiled = compile_evolutions(model, times, dt, order, approximation)
    realised = compiled[-1].resolved.model if model.is_open else model
    circuits, labels, analysis, stats = _measure(model, compiled, times)
    return Plan("time_series", model, realised, circuits, labels, analysis, stats, times, None, float(dt), order,
                notes=_notes(model, realised, stats), approximation=approximation)


def relaxation_time(model, approximation: str | None = None) -> tuple[float, float]:
    """How long to evolve an open model to reach its steady state.

    Parameters
    ----------
    model:
        An open battery model.
    approximation:
        As for :func:`plan_time_series`: the generator the circuits will realise.

    Returns
    -------
    tuple
        (t_relax, gap): :data:`RELAXATION_TIMES` / gap, with the gap of the Liouvillian of
        the model the circuits will realise.
    """
    from qbcircuit.compile.dissipation.generators import resolve_generator
    from qbcircuit.reference import steady_state

    gap = steady_state(resolve_generator(model, approximation).model).gap
    if not (np.isfinite(gap) and gap > 0):
        raise ValueError(f"model {model.name!r}: the Liouvillian gap is {gap}, so no relaxation time follows from it; "
                         "give t_relax")
    return RELAXATION_TIMES / gap, gap


def plan_steady_state(model, t_relax: float | None = None, dt: float | None = None, order: int = 2, *,
                      steps: int = 100, approximation: str | None = None) -> Plan:
    """Compile and measure one open evolution to ``t_relax``.

    Parameters
    ----------
    model:
        An open battery model.
    t_relax:
        The evolution time (default: :func:`relaxation_time`).
    dt:
        The largest step (default ``t_relax / steps``).
    order:
        Product-formula order (1 or 2).
    steps:
        Steps to ``t_relax`` when ``dt`` is not given.
    approximation:
        As for :func:`plan_time_series`.

    Returns
    -------
    Plan
    """
    from qbcircuit.pipeline.options import check_options

    check_options(model, steady_state=True, t_relax=t_relax, dt=dt, steps=steps, order=order,
                  approximation=approximation)
    gap = None
    if t_relax is None:
        t_relax, gap = relaxation_time(model, approximation)
    if dt is None:
        dt = t_relax / steps
    (compiled,) = compile_evolutions(model, [t_relax], dt, order, approximation)
    realised = compiled.resolved.model
    circuits, labels, analysis, stats = _measure(model, [compiled], [t_relax])
    return Plan("steady_state", model, realised, circuits, labels, analysis, stats, None, float(t_relax), float(dt),
                order, gap=gap, notes=_notes(model, realised, stats), approximation=approximation)


def exact_energy_curve(model, times: Sequence[float]) -> np.ndarray:
    """The exact stored energy W(t) of this very model (the one the circuits simulate: no
    ensemble average, no truncation growth) on a grid from 0, from the reference's solver.

    Parameters
    ----------
    model:
        The battery model.
    times:
        The grid (the model's time unit), from 0.

    Returns
    -------
    numpy.ndarray
        W(t) in the model's energy unit.
    """
    if model.gaussian is not None and not model.is_open:
        from qbcircuit.reference.free_fermion import gaussian_series  # exact at any size

        return gaussian_series(model, times, refine=False)[0]["energy"]
    from qbcircuit.metrics import stored_energy
    from qbcircuit.reference import evolve  # the exact side; imported late, it pulls in QuTiP

    return stored_energy(evolve(model, times).battery_states, model.battery_hamiltonian.to_matrix())


def choose_steps(model, t_final: float, order: int, tolerance: float, *, unitary_only: bool = False):
    """The compiler's step choice (:func:`qbcircuit.compile.choose_steps`) checked against
    the exact curve of the model (its unitary part with ``unitary_only``); a free-fermion
    model's circuits are simulated exactly at any size
    (:func:`qbcircuit.pipeline.gaussian_circuits.trotter_energy_curve`).

    Parameters
    ----------
    model, t_final, order, tolerance, unitary_only:
        As for :func:`qbcircuit.compile.choose_steps`.

    Returns
    -------
    StepChoice
    """
    from qbcircuit.compile import choose_steps as choose
    from qbcircuit.compile.evolution import unitary_part

    target = unitary_part(model) if unitary_only else model
    circuit_energy = None
    if model.gaussian is not None:  # free-fermion circuits: simulated exactly at any size
        from qbcircuit.pipeline.gaussian_circuits import trotter_energy_curve

        circuit_energy = trotter_energy_curve
    return choose(model, t_final, order, tolerance, unitary_only=unitary_only,
                  exact_energy=lambda times: exact_energy_curve(target, times), circuit_energy=circuit_energy)


__all__ = ["RELAXATION_TIMES", "choose_steps", "compile_evolutions", "exact_energy_curve", "Plan", "battery_energy_diagonal", "battery_energy_fields",
           "check_measurable", "measurement_recipe",
           "plan_steady_state", "plan_time_series", "relaxation_time"]
