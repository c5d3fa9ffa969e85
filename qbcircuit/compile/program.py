"""A model's charging protocol compiled at several times: the compile stage's result object.

:func:`compile_program` compiles a closed model with the Trotter compiler
(:func:`~qbcircuit.compile.evolution.compile_times`) and an open one with ancilla
collision channels (:func:`~qbcircuit.compile.dissipation.compile_open_evolution`), with
steps of at most ``dt`` at every time, and returns a :class:`CompiledProgram`: the
circuits per time, their statistics, and the compiler's own objects for everything
else (layering, gadgets, the master equation an open compilation realises).

A saved program keeps its statistics and settings, not its circuits (recompile them
from the model, or write them with :meth:`CompiledProgram.to_qasm`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qbcircuit.compile.evolution import compile_times, steps_for
from qbcircuit.models.core import BatteryModel
from qbcircuit.results import Result, format_value

#: The default largest step, as a fraction of the last time (``qbc run`` uses the same).
DEFAULT_STEPS = 100


@dataclass(repr=False)
class CompiledProgram(Result):
    """Circuits of a model at each time of a grid (see the module docstring).

    Attributes
    ----------
    model, parameters:
        The model's name and parameters.
    times:
        The times (model's time unit); ``steps[k]`` Trotter (or collision) steps reach ``times[k]``.
    order, dt:
        Product-formula order and the largest step.
    stats:
        Per time, the logical circuit statistics (qubits, depth, two-qubit gates, ...).
    evolutions:
        Per time, the compiler's object (``CompiledEvolution`` or ``CompiledOpenEvolution``);
        empty for a program read back from a file.
    """

    kind = "compiled_program"

    model: str
    parameters: dict[str, Any]
    time_unit: str
    times: np.ndarray
    order: int
    dt: float
    steps: list[int]
    stats: list[dict[str, Any]]
    open_system: bool = False
    master_equation: str | None = None
    evolutions: list = field(default_factory=list)

    @property
    def circuits(self) -> list[list]:
        """Per time, the circuits (one per pure component of the initial state)."""
        if not self.evolutions:
            raise ValueError("this program was read from a file: it holds statistics, not circuits; "
                             "compile the model again (qbcircuit.compile) for the circuits")
        return [evo.circuits for evo in self.evolutions]

    @property
    def weights(self) -> list[list[float]]:
        """Per time, the weight of each circuit in the mixture average."""
        if not self.evolutions:
            raise ValueError("this program was read from a file: compile the model again for its circuits")
        return [list(evo.weights) for evo in self.evolutions]

    def to_qasm(self) -> list[list[str]]:
        """OpenQASM 3 of every circuit (per time, per mixture component)."""
        from qiskit import qasm3

        return [[qasm3.dumps(c) for c in circuits] for circuits in self.circuits]

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "parameters": dict(self.parameters), "time_unit": self.time_unit,
                "times": np.asarray(self.times, dtype=float).tolist(), "order": self.order, "dt": self.dt,
                "steps": list(self.steps), "stats": list(self.stats), "open_system": self.open_system,
                "master_equation": self.master_equation}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CompiledProgram":
        return cls(data["model"], dict(data["parameters"]), data["time_unit"], np.asarray(data["times"], dtype=float),
                   int(data["order"]), float(data["dt"]), list(data["steps"]), list(data["stats"]),
                   bool(data.get("open_system")), data.get("master_equation"))

    def _summary(self) -> list[tuple[str, str]]:
        last = self.stats[-1] if self.stats else {}
        out = [("model", repr(self.model)), ("times", f"{len(self.times)} up to {format_value(float(self.times[-1]), self.time_unit)}"),
               ("order", str(self.order)), ("dt", format_value(self.dt, self.time_unit)),
               ("num_qubits", str(last.get("num_qubits"))), ("depth", str(last.get("depth"))),
               ("two_qubit_gates", str(last.get("two_qubit_gates")))]
        if self.open_system:
            out.append(("master_equation", repr(self.master_equation)))
        return out


def compile_program(
    model: BatteryModel,
    times: float | Sequence[float],
    *,
    order: int = 2,
    dt: float | None = None,
    approximation: str | None = None,
    unitary_only: bool = False,
) -> CompiledProgram:
    """Compile ``model`` at each of ``times`` with steps of at most ``dt``.

    Parameters
    ----------
    model:
        A model with a qubit register.
    times:
        One time or a sequence of times >= 0 (model's time unit).
    order:
        Product-formula order: 1, 2 or 4 for closed models, 1 or 2 for open ones.
    dt:
        The largest step (default: the last time / 100).
    approximation:
        Open Redfield models that are not completely positive: ``"secular"`` or
        ``"clipped"``, the Lindblad form to compile.
    unitary_only:
        Compile an open model's Hamiltonian part alone (no dissipation).

    Returns
    -------
    CompiledProgram
        Circuits and statistics per time.
    """
    grid = np.atleast_1d(np.asarray(times, dtype=float))
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid < 0):
        raise ValueError(f"times must be one or more finite times >= 0, got {times!r}")
    if not model.has_register:
        raise ValueError(f"model {model.name!r} has no qubit register description to compile (it is too large)")
    if dt is None:
        dt = float(grid.max()) / DEFAULT_STEPS if grid.max() > 0 else 1.0
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError(f"dt must be > 0, got {dt}")
    open_system = model.is_open and not unitary_only
    if open_system:
        from qbcircuit.compile.dissipation import compile_open_evolution

        evolutions = [compile_open_evolution(model, float(t), steps_for(float(t), dt), order, approximation=approximation)
                      for t in grid]
        form = evolutions[-1].resolved.form
    else:
        evolutions = compile_times(model, list(grid), dt, order, unitary_only=unitary_only)
        form = None
    return CompiledProgram(
        model.name, dict(model.parameters), model.time_unit, grid, order, float(dt),
        [int(e.steps) for e in evolutions], [e.stats().to_dict() for e in evolutions], open_system, form, evolutions,
    )
