"""Plan a run: compile the protocol and the measurement circuits, and write down the analysis.

The model's circuits come from the compiler (``compile_times`` for closed models,
``compile_open_evolution`` with ancilla collision channels for open ones), measured by
the recipe :func:`measurement_recipe` picks:

* ``tomography`` (a battery of 1 to 3 qubits): Pauli tomography of the battery qubits
  (the compiler's ``tomography_plan``: 3^k settings per mixture component);
* ``energy`` (larger batteries; H_B diagonal): Z-basis counts of the battery, the stored
  energy only.

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


def measurement_recipe(model) -> str:
    """``tomography`` for a battery of at most 3 qubits, ``energy`` (Z counts) above.

    Parameters
    ----------
    model:
        The battery model.

    Returns
    -------
    str
    """
    from qbcircuit.compile.measurement import MAX_TOMOGRAPHY_QUBITS

    return "tomography" if len(model.battery_qubits) <= MAX_TOMOGRAPHY_QUBITS else "energy"


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
    return np.real(np.diag(h.to_matrix())).astype(float)


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
    if measurement_recipe(model) == "energy":
        battery_energy_diagonal(model)


def _compile(model, times: Sequence[float], dt: float, order: int, approximation: str | None) -> list:
    from qbcircuit.compile import compile_open_evolution, compile_times, steps_for

    if model.is_open:
        return [compile_open_evolution(model, float(t), steps_for(float(t), dt), order, channels="ancilla",
                                       approximation=approximation) for t in times]
    return compile_times(model, list(times), dt, order)


def _measure(model, compiled: Sequence, times: Sequence[float]):
    """Measurement circuits for compiled evolutions, their labels, the analysis recipe and
    the compiler's statistics."""
    from qbcircuit.compile.measurement import measured_circuit, tomography_plan

    method = measurement_recipe(model)
    battery = list(model.battery_qubits)
    circuits, labels, points = [], [], []
    for t, evo in zip(times, compiled):
        if method == "tomography":
            plan = tomography_plan(evo)
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
    analysis = {"method": method, "qubits": battery,
                "initial_energy": float(compiled[0].initial_battery_energy), "points": points}
    if method == "energy":
        analysis["energy_diagonal"] = battery_energy_diagonal(model).tolist()
        from qbcircuit.pipeline.estimate import cell_energy_diagonals

        cells = cell_energy_diagonals(model)  # the energy variance's local part from the same counts
        if cells is not None:
            analysis["cell_energy_diagonals"] = [c.tolist() for c in cells]
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
    compiled = _compile(model, times, dt, order, approximation)
    realised = compiled[-1].resolved.model if model.is_open else model
    circuits, labels, analysis, stats = _measure(model, compiled, times)
    return Plan("time_series", model, realised, circuits, labels, analysis, stats, times, None, float(dt), order,
                notes=_notes(model, realised, stats))


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
    (compiled,) = _compile(model, [t_relax], dt, order, approximation)
    realised = compiled.resolved.model
    circuits, labels, analysis, stats = _measure(model, [compiled], [t_relax])
    return Plan("steady_state", model, realised, circuits, labels, analysis, stats, None, float(t_relax), float(dt),
                order, gap=gap, notes=_notes(model, realised, stats))


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
    from qbcircuit.metrics import stored_energy
    from qbcircuit.reference import evolve  # the exact side; imported late, it pulls in QuTiP

    return stored_energy(evolve(model, times).battery_states, model.battery_hamiltonian.to_matrix())


def choose_steps(model, t_final: float, order: int, tolerance: float, *, unitary_only: bool = False):
    """The compiler's step choice (:func:`qbcircuit.compile.choose_steps`) checked against
    the exact curve of the model (its unitary part with ``unitary_only``).

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
    return choose(model, t_final, order, tolerance, unitary_only=unitary_only,
                  exact_energy=lambda times: exact_energy_curve(target, times))


__all__ = ["RELAXATION_TIMES", "choose_steps", "exact_energy_curve", "Plan", "battery_energy_diagonal", "check_measurable", "measurement_recipe",
           "plan_steady_state", "plan_time_series", "relaxation_time"]
