"""The open-model compiler: Hamiltonian Trotter steps interleaved with collision channels.

``compile_open_evolution(model, t, steps, order, channels)`` realises the master equation
d rho/dt = -i[H(t), rho] + sum_k gamma_k D[L_k] rho to time t with ``steps`` steps:

* order 1 (the plain collision sequence): U(dt), then every channel for dt; error O(dt).
* order 2 (symmetric): U(dt/2), the channels in a symmetric (Strang) sequence, U(dt/2),
  where U(dt/2) is itself the second-order Trotter formula of the Hamiltonian compiler.
  The channels are arranged in layers of groups on disjoint qubits (which commute, so a
  layer is applied once); with layers C_1 .. C_m the sequence is C_1(dt/2) ..
  C_{m-1}(dt/2) C_m(dt) C_{m-1}(dt/2) .. C_1(dt/2). Error O(dt^2) when each channel is
  exact over its step (the exchange, dephasing and dilation gadgets); the shared-ancilla
  collective gadget is O(dt^2) per step itself, so with it the error stays O(dt).
  No formula beyond order 2 exists here: higher-order splittings need a backward step
  in time (Sheng 1989, Suzuki 1991), which a dissipative channel cannot take.

``channels``: ``ancilla`` (the collision gadgets of :mod:`.gadgets`, ancillas reset and
reused every step: the channels of a layer each have a register, and the layers reuse
them, so the ancillas are as many as the simultaneous channels need; with
``share_ancillas`` every channel uses one register in turn) or ``exact`` (each group's exact one-step channel
exp(dt D) inserted as an Aer Kraus instruction, for simulation: no ancillas, Aer only).

Qubits: the system keeps the model's numbering 0..n-1 (``model.qubit_labels``); the
ancillas follow (``CompiledOpenEvolution.ancilla_registers[i]`` are gadget i's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from qiskit.circuit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate

from qbcircuit.compile.dissipation.channels import ChannelGroup, channel_groups
from qbcircuit.compile.dissipation.gadgets import Gadget, exact_kraus, kraus_instruction, make_gadget
from qbcircuit.compile.dissipation.generators import ResolvedGenerator, resolve_generator
from qbcircuit.compile.evolution import WeightedCircuit, WeightedComponents, check_circuit_size, count_gates, unitary_part
from qbcircuit.compile.initial_states import prepare_components
from qbcircuit.compile.layering import layering
from qbcircuit.compile.product_formulas import evolution_circuit
from qbcircuit.models.core import BatteryModel

ORDERS = (1, 2)
MODES = ("ancilla", "exact")


@dataclass(frozen=True)
class OpenCircuitStats:
    """Logical statistics (before transpiling) of the deepest component circuit.
    Two-qubit gates act on exactly two qubits; ``multi_qubit_gates`` on more (dilation
    unitaries, a Trotter block on three or more qubits); Kraus instructions (exact path)
    are ``channel_instructions``."""

    num_qubits: int
    system_qubits: int
    ancillas: int
    depth: int
    two_qubit_gates: int
    two_qubit_gates_per_step: int
    multi_qubit_gates: int
    resets_per_step: int
    channel_instructions_per_step: int
    steps: int
    order: int
    channels: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class CompiledOpenEvolution(WeightedComponents):
    """Circuits for the open evolution of the model's initial state to time ``t``.

    ``components[k].circuit`` prepares pure component k of the initial state and runs
    the steps; the state of the mixture is the ``weight``-average of their system states
    (exact: the map is linear). ``evolution`` is the step sequence alone, ``step_circuit``
    one step. ``resolved.model`` is the Lindblad model the circuits realise and
    ``resolved.form`` says which master equation that is (the model's, or a named
    approximation of a Redfield equation). ``groups``/``gadgets``: the channel groups and
    their gadgets; ``ancilla_registers[i]``: the qubits gadget i uses.
    """

    model: BatteryModel
    resolved: ResolvedGenerator
    t: float
    steps: int
    order: int
    channels: str
    groups: tuple[ChannelGroup, ...]
    gadgets: tuple[Gadget, ...]
    ancilla_registers: tuple[tuple[int, ...], ...]
    components: tuple[WeightedCircuit, ...]
    evolution: QuantumCircuit
    step_circuit: QuantumCircuit
    initial_battery_energy: float


    @property
    def system_qubits(self) -> list[int]:
        return list(range(self.model.num_qubits))

    @property
    def num_ancillas(self) -> int:
        return self.evolution.num_qubits - self.model.num_qubits

    def stats(self) -> OpenCircuitStats:
        deepest = max(self.circuits, key=lambda c: c.depth())
        two, multi = count_gates(deepest)
        ops = self.step_circuit.count_ops()
        return OpenCircuitStats(
            num_qubits=deepest.num_qubits,
            system_qubits=self.model.num_qubits,
            ancillas=self.num_ancillas,
            depth=deepest.depth(),
            two_qubit_gates=two,
            two_qubit_gates_per_step=count_gates(self.step_circuit)[0],
            multi_qubit_gates=multi,
            resets_per_step=int(ops.get("reset", 0)),
            channel_instructions_per_step=int(ops.get("quantum_channel", 0)),
            steps=self.steps,
            order=self.order,
            channels=self.channels,
        )

    def report(self) -> dict:
        """JSON-ready: statistics, the master equation realised, the channel groups."""
        return {**self.stats().to_dict(), "dt": self.dt, "master_equation": self.resolved.form,
                "approximation": self.resolved.approximation, "channel_groups": self.describe_channels(),
                "mixture_components": len(self.components)}

    def report_lines(self) -> list[str]:
        """The report as lines of text, for ``qbc compile``."""
        s = self.stats()
        unit = self.model.time_unit
        lines = [
            f"{self.model.name}: t = {self.t:g} {unit}, {self.steps} steps of order {self.order}, "
            f"dt = {self.dt:.4g} {unit}; channels: {self.channels}",
            f"  master equation: {self.resolved.form}",
            f"  qubits: {s.num_qubits} ({s.system_qubits} system + {s.ancillas} ancilla)",
            f"  depth {s.depth}, two-qubit gates {s.two_qubit_gates} ({s.two_qubit_gates_per_step} per step), "
            f"resets per step {s.resets_per_step}"
            + (f", Kraus instructions per step {s.channel_instructions_per_step}" if self.channels == "exact" else ""),
        ]
        for entry in self.describe_channels():
            extra = f", Gamma = {entry['Gamma']:.4g} {self.model.energy_unit}, n = {entry['n']:.4g}" if "n" in entry else ""
            where = f", ancillas {entry['ancilla_qubits']}" if entry["ancilla_qubits"] else ""
            exact = "exact channel" if entry["exact_channel"] else "first-order collision"
            lines.append(f"  {entry['kind']} on qubits {entry['qubits']}{extra} ({exact}{where})")
        return lines

    def describe_channels(self) -> list[dict]:
        """One entry per channel group, JSON-ready: kind, qubits, jumps, exactness, ancillas."""
        out = []
        for group, gadget, register in zip(self.groups, self.gadgets, self.ancilla_registers):
            entry = {"kind": group.kind, "qubits": list(group.qubits), "jumps": [j.label for j in group.jumps],
                     "exact_channel": bool(gadget.exact) or self.channels == "exact",
                     "ancilla_qubits": list(register) if self.channels == "ancilla" else []}
            if "n" in group.params:
                entry.update(Gamma=float(group.params["Gamma"]), n=float(group.params["n"]))
            if group.params.get("basis") is not None:
                entry["basis"] = "eigenbasis of H (dressed)"
            out.append(entry)
        return out


def channel_layers(groups: list[ChannelGroup]) -> list[list[int]]:
    """Groups in layers of disjoint supports (greedy, in order): a layer's channels commute."""
    layers: list[tuple[set, list[int]]] = []
    for i, group in enumerate(groups):
        qubits = set(group.qubits)
        for used, members in layers:
            if not used & qubits:
                used |= qubits
                members.append(i)
                break
        else:
            layers.append((qubits, [i]))
    return [members for _, members in layers]


def channel_sequence(num_layers: int, order: int) -> list[tuple[int, float]]:
    """(layer, fraction of dt) in the order applied within one step."""
    if order == 1 or num_layers <= 1:
        return [(l, 1.0) for l in range(num_layers)]
    half = [(l, 0.5) for l in range(num_layers - 1)]
    return half + [(num_layers - 1, 1.0)] + half[::-1]


class _StepWriter:
    """Appends steps to a circuit, tracking the basis the system is in (lab or dressed)."""

    def __init__(self, model, groups, gadgets, registers, mode, order):
        self.model, self.groups, self.gadgets, self.registers = model, groups, gadgets, registers
        self.mode, self.order = mode, order
        self.system = list(range(model.num_qubits))
        self.layering = layering(unitary_part(model))
        self.drives = [d.coefficient for d in model.drives]
        self.layers = channel_layers(list(groups))
        self.sequence = channel_sequence(len(self.layers), order)
        self._kraus: dict[tuple[int, float], object] = {}

    def unitary(self, circuit, t0, t1):
        if self.layering.layers and t1 > t0:
            part = evolution_circuit(self.layering, self.drives, t0, t1, 1, self.order)
            circuit.compose(part, qubits=self.system, inplace=True)

    def channel(self, circuit, i, dt, basis_state):
        if self.mode == "exact":
            key = (i, dt)
            if key not in self._kraus:
                self._kraus[key] = kraus_instruction(exact_kraus(self.groups[i], dt))
            circuit.append(self._kraus[key], [self.system[q] for q in self.groups[i].qubits])
            return basis_state
        gadget = self.gadgets[i]
        basis_state = self._change_basis(circuit, basis_state, gadget.basis)
        gadget.append(circuit, self.system, list(self.registers[i]), dt)
        return basis_state

    def _change_basis(self, circuit, current, wanted):
        if current is wanted or (current is not None and wanted is not None and np.allclose(current, wanted)):
            return current
        if current is not None:
            circuit.append(UnitaryGate(current, check_input=False), self.system)
        if wanted is not None:
            circuit.append(UnitaryGate(wanted.conj().T, check_input=False), self.system)
        return wanted

    def step(self, circuit, t0, dt):
        first = dt if self.order == 1 else dt / 2
        self.unitary(circuit, t0, t0 + first)
        basis_state = None
        for layer, fraction in self.sequence:
            for i in self.layers[layer]:
                basis_state = self.channel(circuit, i, fraction * dt, basis_state)
        self._change_basis(circuit, basis_state, None)
        if self.order == 2:
            self.unitary(circuit, t0 + first, t0 + dt)


def compile_open_evolution(
    model: BatteryModel,
    t: float,
    steps: int,
    order: int = 2,
    channels: str = "ancilla",
    *,
    thermal: str = "purification",
    collective: str = "ancilla",
    ordering: str = "symmetric",
    dilate_all: bool = False,
    share_ancillas: bool = False,
    approximation: str | None = None,
    dilation: str = "best",
) -> CompiledOpenEvolution:
    """Circuits for the open evolution of ``model`` to time ``t`` (model's time unit) in
    ``steps`` steps of ``order`` 1 or 2 (see the module docstring).

    ``thermal``: how a mixed ancilla is prepared (``purification`` or ``channel``, see
    :mod:`.gadgets`); ``collective``: ``ancilla`` (shared-ancilla collisions, O(dt)) or
    ``dilation`` (the exact channel); ``ordering``: ``symmetric`` or ``forward`` gate
    order of the collective gadget; ``dilate_all``: every group through the general
    dilation; ``approximation``: for a Redfield model that is not completely positive,
    ``secular`` or ``clipped`` (see :mod:`.generators`; without it such a model is refused);
    ``dilation``: how a general channel's dilation is synthesised: ``isometry`` (Qiskit's
    ``Isometry``), ``unitary`` (completed to a unitary: the old synthesis) or ``best``
    (default: the one with fewer CNOTs).
    """
    if order not in ORDERS:
        raise ValueError(f"order must be 1 or 2 for an open model (no positive splitting beyond 2), got {order!r}")
    if channels not in MODES:
        raise ValueError(f"channels must be 'ancilla' or 'exact', got {channels!r}")
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"t must be a finite time >= 0, got {t}")
    if int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got {steps!r}")
    if not model.has_register:
        raise ValueError(f"model {model.name!r} has no qubit register description to compile")
    steps = int(steps)
    resolved = resolve_generator(model, approximation)
    lindblad = resolved.model
    groups = tuple(channel_groups(lindblad, dilate_all=dilate_all, collective=collective))
    gadgets = tuple(make_gadget(g, thermal, ordering, dilation) for g in groups)
    dt = float(t) / steps
    dts = sorted({dt * f for _, f in channel_sequence(len(channel_layers(list(groups))), order)}) or [dt]
    n = model.num_qubits
    registers: list[tuple[int, ...]] = [() for _ in gadgets]
    width = n
    if channels == "ancilla":
        counts = [g.ancilla_count(dts) for g in gadgets]
        # channels of one layer run side by side, each on its own register; the layers
        # run one after the other and reuse the same registers (all share one register
        # with share_ancillas)
        for layer in ([list(range(len(gadgets)))] if share_ancillas else channel_layers(list(groups))):
            offset = n
            for i in layer:
                start = n if share_ancillas else offset
                registers[i] = tuple(range(start, start + counts[i]))
                offset += counts[i]
                width = max(width, start + counts[i])
    writer = _StepWriter(lindblad, groups, gadgets, registers, channels, order)
    step_circuit = QuantumCircuit(width, name="open step")
    writer.step(step_circuit, 0.0, dt)
    check_circuit_size(model, steps, len(step_circuit.data))  # before the circuit of all the steps is built
    evolution = QuantumCircuit(width, name=f"open{order}x{steps}")
    for k in range(steps):
        if model.drives:
            writer.step(evolution, k * dt, dt)
        else:
            evolution.compose(step_circuit, inplace=True)

    components = []
    for comp in prepare_components(model.initial_state, n):
        circuit = QuantumCircuit(width, name=f"{model.name} t={t:g}")
        circuit.compose(comp.circuit, qubits=list(range(n)), inplace=True)
        circuit.compose(evolution, inplace=True)
        components.append(WeightedCircuit(comp.weight, circuit, comp.label))
    return CompiledOpenEvolution(
        model=model, resolved=resolved, t=float(t), steps=steps, order=order, channels=channels,
        groups=groups, gadgets=gadgets, ancilla_registers=tuple(registers), components=tuple(components),
        evolution=evolution, step_circuit=step_circuit, initial_battery_energy=model.initial_battery_energy(),
    )
