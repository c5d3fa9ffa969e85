"""Compiled evolutions on a device: transpiling to a backend's target and counting gates.

This is the only module of :mod:`qbcircuit.compile` that knows about backends. Devices
are the fake IBM backends of ``qiskit_ibm_runtime.fake_provider`` (real calibration
snapshots: coupling map, heavy-hex layout of Eagle/Heron, basis gates), named as
``fake_torino``, ``FakeTorino`` or ``torino``; any ``BackendV2`` object works too.

Fractional gates: IBM Heron devices can run RZZ(theta) for 0 < theta <= pi/2 and RX(theta)
directly (``use_fractional_gates=True`` on a real backend). The fake Heron snapshots do
not carry them, so :func:`with_fractional_gates` adds them to a copy of a target, on the
CZ edges and with the CZ / SX properties (IBM reports no separate error rates for them
either), with Qiskit's angle bounds so that the transpiler folds angles into the range.
An exchange bond then costs two RZZ (XX + YY, each rotated into ZZ by single-qubit
gates) instead of two CZ plus their single-qubit dressing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from qiskit import transpile
from qiskit.circuit import QuantumCircuit
from qiskit.transpiler import Target

from qbcircuit.calibration import with_fractional_gates
from qbcircuit.compile.evolution import CompiledEvolution, count_gates

_NON_GATES = {"barrier", "measure", "delay", "reset"}


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("fake").removesuffix("v2")


def fake_backend_names() -> list[str]:
    from qiskit_ibm_runtime import fake_provider

    return sorted(n for n in dir(fake_provider) if n.startswith("Fake") and not n.startswith("FakeProvider"))


def resolve_backend(name: str):
    """A fake IBM backend by name (``fake_torino``, ``FakeTorino``, ``torino``, ``fake-manila``)."""
    from qiskit_ibm_runtime import fake_provider

    wanted = _normal(name)
    matches = [n for n in fake_backend_names() if _normal(n) == wanted]
    if not matches:
        known = ", ".join(sorted({_normal(n) for n in fake_backend_names()}))
        raise ValueError(f"backend must be a fake IBM device name, got {name!r}; known: {known}")
    # prefer the V2 class when both exist
    return getattr(fake_provider, sorted(matches, key=lambda n: not n.endswith("V2"))[0])()


@dataclass(frozen=True)
class DeviceStats:
    """Statistics of a transpiled compiled evolution (two-qubit gates = native 2q gates)."""

    backend: str
    num_qubits: int  # qubits the circuit uses on the device
    physical_qubits: tuple[int, ...]  # device qubit of each model qubit (the initial layout)
    depth: int
    two_qubit_gates: int
    two_qubit_gates_per_step: int
    steps: int
    order: int
    operations: dict[str, int]

    def to_dict(self) -> dict:
        out = dict(self.__dict__)
        out["physical_qubits"] = list(self.physical_qubits)
        return out


@dataclass
class TargetedEvolution:
    """Transpiled component circuits (same order and weights as the compiled evolution)."""

    compiled: CompiledEvolution
    circuits: list[QuantumCircuit]
    stats: DeviceStats


def check_valid(circuit: QuantumCircuit, target: Target) -> None:
    """Raise ValueError if an instruction of ``circuit`` is not native to ``target`` on its qubits."""
    for inst in circuit.data:
        name = inst.operation.name
        if name == "barrier":
            continue
        qargs = tuple(circuit.find_bit(q).index for q in inst.qubits)
        params = [float(p) for p in inst.operation.params] if name in ("rzz",) else None
        if not target.instruction_supported(name, qargs):
            raise ValueError(f"instruction {name} on qubits {qargs} is not supported by the target")
        if params and name == "rzz" and not 0 < params[0] <= np.pi / 2 + 1e-9:
            raise ValueError(f"rzz angle {params[0]:.4g} is outside (0, pi/2]")


def check_resets(circuits, target: Target, name: str = "target") -> None:
    """Raise a one-line ValueError if ``circuits`` reset qubits mid-circuit (collision
    models reset their ancillas every step) and ``target`` has no ``reset``.

    Parameters
    ----------
    circuits:
        Logical circuits.
    target:
        The device's target.
    name:
        The device's name, for the message.

    Returns
    -------
    None
    """
    if "reset" in target.operation_names:
        return
    if any(inst.operation.name == "reset" for c in circuits for inst in c.data):
        raise ValueError(f"backend {name} cannot reset qubits mid-circuit, which the collision circuits of an open "
                         "model need (ancillas are reset every step); choose a device with reset (IBM Heron: "
                         "fake_torino, fake_fez)")


def _layout(circuit: QuantumCircuit, num_logical: int) -> tuple[int, ...]:
    layout = circuit.layout
    if layout is None:
        return tuple(range(num_logical))
    return tuple(layout.initial_index_layout(filter_ancillas=True)[:num_logical])


def transpile_evolution(
    compiled: CompiledEvolution,
    backend=None,
    *,
    target: Target | None = None,
    fractional_gates: bool = False,
    optimization_level: int = 2,
    seed: int | None = 1234,
) -> TargetedEvolution:
    """Transpile every component circuit of ``compiled`` to a device.

    ``backend``: a BackendV2 or a fake device name; or give ``target`` directly.
    The per-step count is that of one bulk Trotter step transpiled on the same qubits.
    """
    if isinstance(backend, str):
        backend = resolve_backend(backend)
    if target is None:
        if backend is None:
            raise ValueError("give a backend or a target")
        target = backend.target
    if fractional_gates:
        target = with_fractional_gates(target)
    name = getattr(backend, "name", None) or "target"
    n = compiled.model.num_qubits
    if target.num_qubits is not None and n > target.num_qubits:
        raise ValueError(f"model {compiled.model.name!r} needs {n} qubits; backend {name} has {target.num_qubits}")
    check_resets(compiled.circuits, target, name)
    circuits = transpile(compiled.circuits, target=target, optimization_level=optimization_level, seed_transpiler=seed)
    for c in circuits:
        check_valid(c, target)
    # every logical qubit's place (an open model's ancillas too), the model's qubits first
    layout = _layout(circuits[0], compiled.circuits[0].num_qubits)
    step = transpile(compiled.step_circuit, target=target, optimization_level=optimization_level,
                     seed_transpiler=seed, initial_layout=list(layout[: compiled.step_circuit.num_qubits]))
    deepest = max(circuits, key=lambda c: c.depth())
    used = sorted({deepest.find_bit(q).index for inst in deepest.data for q in inst.qubits
                   if inst.operation.name not in _NON_GATES})
    ops = {k: int(v) for k, v in deepest.count_ops().items()}
    stats = DeviceStats(
        backend=name,
        num_qubits=len(used),
        physical_qubits=layout[:n],
        depth=deepest.depth(),
        two_qubit_gates=count_gates(deepest)[0],
        two_qubit_gates_per_step=count_gates(step)[0],
        steps=compiled.steps,
        order=compiled.order,
        operations=ops,
    )
    return TargetedEvolution(compiled, circuits, stats)
