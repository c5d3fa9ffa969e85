"""A model's unitary evolution to time t as circuits: the compiler's main entry point.

``compile_evolution(model, t, steps, order)`` returns a :class:`CompiledEvolution`: one
circuit per pure component of the initial state (preparation + Trotter evolution, no
measurement), with the weights with which their results are averaged, and the logical
circuit statistics (before any device: see :mod:`qbcircuit.compile.targeting`).
``compile_times`` does the same for a grid of times at a fixed maximal step dt.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from qiskit.circuit import QuantumCircuit

from qbcircuit.compile.initial_states import PreparedComponent, prepare_components
from qbcircuit.compile.layering import Layering, layering
from qbcircuit.compile.product_formulas import bulk_step_circuit, check_order, evolution_circuit
from qbcircuit.models.core import BatteryModel


@dataclass(frozen=True)
class WeightedCircuit:
    """A circuit whose results enter the average with ``weight`` (a mixture component)."""

    weight: float
    circuit: QuantumCircuit
    label: str


@dataclass(frozen=True)
class CircuitStats:
    """Gate counts of a compiled evolution (two-qubit = gates acting on exactly two qubits)."""

    num_qubits: int
    depth: int
    two_qubit_gates: int
    two_qubit_gates_per_step: int
    multi_qubit_gates: int
    steps: int
    order: int
    two_qubit_layers: int
    bonds: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def count_gates(circuit: QuantumCircuit) -> tuple[int, int]:
    """(gates on exactly two qubits, gates on three or more), barriers and measurements aside."""
    two = multi = 0
    for inst in circuit.data:
        if inst.operation.name in ("barrier", "measure", "delay"):
            continue
        if len(inst.qubits) == 2:
            two += 1
        elif len(inst.qubits) > 2:
            multi += 1
    return two, multi


class WeightedComponents:
    """What compiled evolutions share: weighted circuits (one per mixture component) over
    ``steps`` steps of a total time ``t``."""

    t: float
    steps: int
    components: tuple

    @property
    def circuits(self) -> list[QuantumCircuit]:
        return [c.circuit for c in self.components]

    @property
    def weights(self) -> list[float]:
        return [c.weight for c in self.components]

    @property
    def dt(self) -> float:
        return self.t / self.steps


@dataclass
class CompiledEvolution(WeightedComponents):
    """Circuits for U(t) applied to the model's initial state.

    ``components[k].circuit`` prepares pure component k and evolves it; a figure of the
    mixed state is the ``weight``-average of the components' figures (exact for energies
    and reduced states). ``evolution`` is the Trotter circuit alone, ``step_circuit`` one
    step of it. ``initial_battery_energy`` is Tr[H_B rho_B(0)], exact (the state is
    prepared, not evolved), so the stored energy is measured energy minus it.
    """

    model: BatteryModel
    t: float
    steps: int
    order: int
    layering: Layering
    components: tuple[WeightedCircuit, ...]
    evolution: QuantumCircuit
    step_circuit: QuantumCircuit
    initial_battery_energy: float


    def stats(self) -> CircuitStats:
        """Logical statistics (before transpiling), of the deepest component circuit."""
        deepest = max(self.circuits, key=lambda c: c.depth())
        two, multi = count_gates(deepest)
        return CircuitStats(
            num_qubits=self.model.num_qubits,
            depth=deepest.depth(),
            two_qubit_gates=two,
            two_qubit_gates_per_step=count_gates(self.step_circuit)[0],
            multi_qubit_gates=multi,
            steps=self.steps,
            order=self.order,
            two_qubit_layers=self.layering.two_qubit_layers,
            bonds=len(self.layering.bonds),
        )


def unitary_part(model: BatteryModel) -> BatteryModel:
    """The model without its jump operators and baths (its Hamiltonian dynamics alone)."""
    return dataclasses.replace(model, jump_operators=(), redfield_couplings=())


def _check_closed(model: BatteryModel) -> None:
    if model.is_open:
        raise ValueError(
            f"model {model.name!r} is open (jump operators or Redfield baths): the Trotter "
            "compiler builds the unitary part only; pass unitary_only=True to compile it alone"
        )


def compile_evolution(
    model: BatteryModel,
    t: float,
    steps: int,
    order: int = 2,
    *,
    unitary_only: bool = False,
) -> CompiledEvolution:
    """Circuits for the model's initial state evolved to time ``t`` (model's time unit) by
    ``steps`` steps of the product formula of ``order`` (1, 2 or 4)."""
    check_order(order)
    if not unitary_only:
        _check_closed(model)
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"t must be a finite time >= 0, got {t}")
    if int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got {steps!r}")
    steps = int(steps)
    lay = layering(model)
    drives = [d.coefficient for d in model.drives]
    dt = float(t) / steps
    step = bulk_step_circuit(lay, dt, order, [f(dt / 2) for f in drives])
    check_circuit_size(model, steps, len(step.data))  # before the circuit of all the steps is built
    evo = evolution_circuit(lay, drives, 0.0, float(t), steps, order)
    components = []
    for comp in prepare_components(model.initial_state, model.num_qubits):
        circuit = comp.circuit.copy()
        circuit.compose(evo, inplace=True)
        circuit.name = f"{model.name} t={t:g}"
        components.append(WeightedCircuit(comp.weight, circuit, comp.label))
    return CompiledEvolution(
        model, float(t), steps, order, lay, tuple(components), evo, step, model.initial_battery_energy()
    )


#: The most operations one compiled circuit may hold: Qiskit keeps about a kilobyte per
#: operation (10 GB at this limit), and no device runs a circuit a thousandth as deep.
MAX_CIRCUIT_OPERATIONS = 10_000_000
#: Bytes of memory per circuit operation, for the message.
BYTES_PER_OPERATION = 1000
#: A circuit of more operations than this is announced (logger ``qbcircuit``) before it is built.
ANNOUNCE_OPERATIONS = 1_000_000


def check_circuit_size(model: BatteryModel, steps: int, per_step: int) -> None:
    """Refuse, before building it, a circuit of ``steps`` Trotter steps of ``per_step``
    operations beyond :data:`MAX_CIRCUIT_OPERATIONS` (one line: the operations and memory
    it would need, and the limit).

    Parameters
    ----------
    model:
        The model (for the message).
    steps:
        Trotter steps.
    per_step:
        Operations of one bulk step.
    """
    total = float(steps) * max(1, per_step)
    if total > MAX_CIRCUIT_OPERATIONS:
        raise ValueError(
            f"model {model.name!r}: {steps} Trotter steps of {per_step} operations make a circuit of ~{total:.3g} "
            f"operations (~{total * BYTES_PER_OPERATION / 1e9:.3g} GB to build), more than the limit of "
            f"{MAX_CIRCUIT_OPERATIONS:.0e}: use fewer steps (a larger dt)")
    if total > ANNOUNCE_OPERATIONS:
        import logging

        logging.getLogger("qbcircuit").info(
            f"estimate: {model.name}: {steps} Trotter steps of {per_step} operations, a circuit of ~{total:.3g} "
            f"operations (~{total * BYTES_PER_OPERATION / 1e9:.3g} GB to build)")


def steps_for(t: float, dt: float) -> int:
    """Steps of at most ``dt`` covering [0, t] (at least one)."""
    return max(1, math.ceil(t / dt - 1e-9))


def compile_times(
    model: BatteryModel, times: Sequence[float], dt: float, order: int = 2, *, unitary_only: bool = False
) -> list[CompiledEvolution]:
    """One :class:`CompiledEvolution` per time, each with steps of at most ``dt``."""
    if not dt > 0:
        raise ValueError(f"dt must be > 0, got {dt}")
    return [compile_evolution(model, t, steps_for(t, dt), order, unitary_only=unitary_only) for t in times]


__all__ = [
    "CircuitStats",
    "CompiledEvolution",
    "PreparedComponent",
    "WeightedCircuit",
    "compile_evolution",
    "compile_times",
    "check_circuit_size",
    "MAX_CIRCUIT_OPERATIONS",
    "count_gates",
    "steps_for",
    "unitary_part",
]
