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

Lines: a nearest-neighbour chain is laid on a line of physical qubits
(:func:`device_line`), chosen from the device's calibration: the line of the requested
length whose bonds and qubits have the smallest summed error (per Trotter step: each bond
carries one bond gate, two native two-qubit gates, and each qubit a few single-qubit
gates; plus one readout), over couplers the snapshot does not report broken (error 1).
Candidates come from a beam search that extends lines qubit by qubit keeping the
cheapest, and from a depth-first search for lines of exactly the length from every
qubit (pruned when too few free qubits are reachable from its end; it prefers the
neighbour next in the device's numbering, which on IBM's heavy-hex devices runs along a
row, then the neighbour with most free qubits around it). Heavy-hex lines are short of
the device: a line leaves out most bridge qubits between rows, and broken couplers cut
rows (measured on the fake snapshots: no line of 100 avoids fake_torino's 11 broken
couplers; fake_kingston and fake_fez hold lines of 112; no snapshot holds one of 127,
which needs a nearly perfect snake; with ``usable_only=False`` the broken couplers count
as ordinary ones, for gate statistics only).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
from qiskit import transpile
from qiskit.circuit import QuantumCircuit
from qiskit.transpiler import Target
from scipy.sparse import SparseEfficiencyWarning

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
class DeviceLine:
    """A line of physical qubits for a chain: ``qubits[i]`` hosts chain qubit i; ``cost`` the
    summed error of :func:`device_line`; ``bond_errors`` the two-qubit gate error of each
    bond, ``readout_errors`` and ``single_qubit_errors`` those of each qubit."""

    backend: str
    qubits: tuple[int, ...]
    cost: float
    bond_errors: tuple[float, ...]
    readout_errors: tuple[float, ...]
    single_qubit_errors: tuple[float, ...]

    def to_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


def _two_qubit_gate(target: Target) -> str:
    names = set(target.operation_names)
    gate = next((g for g in ("cz", "ecr", "cx") if g in names), None)
    if gate is None:
        raise ValueError("target must have a cz, ecr or cx gate to lay a line on")
    return gate


def _error(props) -> float:
    value = getattr(props, "error", None) if props is not None else None
    return 0.0 if value is None or not np.isfinite(value) else float(value)


def device_calibration(target: Target) -> tuple[dict[tuple[int, int], float], np.ndarray, np.ndarray]:
    """(two-qubit gate error of each coupled pair (i < j, the worse direction), readout error
    and sx error of each qubit) from a target's instruction properties."""
    gate = _two_qubit_gate(target)
    edges: dict[tuple[int, int], float] = {}
    for qargs, props in target[gate].items():
        if qargs is None or len(qargs) != 2:
            continue
        key = (min(qargs), max(qargs))
        edges[key] = max(edges.get(key, 0.0), _error(props))
    n = target.num_qubits
    readout = np.array([_error(target["measure"].get((q,))) if "measure" in target.operation_names else 0.0 for q in range(n)])
    single = np.array([_error(target["sx"].get((q,))) if "sx" in target.operation_names else 0.0 for q in range(n)])
    return edges, readout, single


def device_line(backend, length: int, *, two_qubit_weight: float = 2.0, single_qubit_weight: float = 4.0,
                readout_weight: float = 1.0, usable_only: bool = True, beam: int = 400,
                search_budget: int = 200_000) -> DeviceLine:
    """The line of ``length`` physical qubits with the smallest calibrated error (module docstring).

    Parameters
    ----------
    backend:
        A BackendV2 or a fake device name (``fake_torino``).
    length:
        Qubits in the line (the chain's length), >= 1.
    two_qubit_weight, single_qubit_weight, readout_weight:
        The cost of a line: sum over its bonds of ``two_qubit_weight`` x the two-qubit gate
        error, plus sum over its qubits of ``single_qubit_weight`` x the sx error and
        ``readout_weight`` x the readout error (default: one Trotter step of an XY bond,
        two native two-qubit gates per bond and about four sx per qubit, and one readout).
    usable_only:
        Leave out couplers reported broken (error >= 1); False keeps them (for statistics
        of a line where the device has none without them).
    beam:
        Partial lines kept per length by the beam search.
    search_budget:
        Nodes the depth-first search may visit, over all start qubits.

    Returns
    -------
    DeviceLine
        A ``ValueError`` names the longest line found when there is none of ``length``.
    """
    if isinstance(backend, str):
        backend = resolve_backend(backend)
    target = backend.target
    name = getattr(backend, "name", None) or "target"
    if int(length) != length or length < 1:
        raise ValueError(f"length must be an integer >= 1, got {length!r}")
    length = int(length)
    edges, readout, single = device_calibration(target)
    if usable_only:
        edges = {e: err for e, err in edges.items() if err < 1.0}
    n = target.num_qubits
    adjacency: dict[int, dict[int, float]] = {q: {} for q in range(n)}
    for (a, b), err in edges.items():
        adjacency[a][b] = adjacency[b][a] = err
    site_cost = single_qubit_weight * single + readout_weight * readout

    def cost(line) -> float:
        return float(sum(site_cost[q] for q in line) + two_qubit_weight * sum(adjacency[a][b] for a, b in zip(line, line[1:])))

    candidates: dict[tuple[int, ...], float] = {}

    def consider(line) -> None:
        key = tuple(line) if line[0] <= line[-1] else tuple(line[::-1])
        if key not in candidates:
            candidates[key] = cost(key)

    longest = _line_search(adjacency, length, consider, search_budget)
    # beam search: the cheapest partial lines, extended one qubit at a time
    layer = sorted(((site_cost[q], (q,)) for q in range(n)), key=lambda x: x[0])[:beam]
    for _ in range(length - 1):
        grown = {}
        for c, line in layer:
            for q, err in adjacency[line[-1]].items():
                if q not in line:
                    new = line + (q,)
                    key = (frozenset(new), q)
                    value = c + site_cost[q] + two_qubit_weight * err
                    if key not in grown or value < grown[key][0]:
                        grown[key] = (value, new)
        layer = sorted(grown.values(), key=lambda x: x[0])[:beam]
        if not layer:
            break
    for _, line in layer:
        if len(line) == length:
            consider(line)
    if not candidates:
        what = "usable couplers (broken ones left out; usable_only=False keeps them)" if usable_only else "couplers"
        raise ValueError(f"backend {name} has no line of {length} qubits over its {what}; the longest found: {longest}")
    best = min(candidates, key=candidates.get)
    return DeviceLine(name, best, candidates[best], tuple(adjacency[a][b] for a, b in zip(best, best[1:])),
                      tuple(float(readout[q]) for q in best), tuple(float(single[q]) for q in best))


def _line_search(adjacency: dict[int, dict[int, float]], length: int, consider, budget: int,
                 per_start: int = 4) -> int:
    """Depth-first search for lines of exactly ``length`` from every qubit (module
    docstring); hands each found line to ``consider`` (at most ``per_start`` per start) and
    returns the longest line seen."""
    n = len(adjacency)
    visited = 0
    longest = 0
    per_start_budget = max(2000, budget // max(n, 1))

    def reachable(tip: int, seen: set[int], need: int) -> int:
        stack, found = [tip], {tip}
        while stack and len(found) < need:
            for y in adjacency[stack.pop()]:
                if y not in seen and y not in found:
                    found.add(y)
                    stack.append(y)
        return len(found)

    def order(tip: int, seen: set[int]) -> list[int]:
        def key(x: int):
            free = [y for y in adjacency[x] if y not in seen]
            around = {z for y in free for z in adjacency[y] if z not in seen and z != x}
            return (abs(x - tip) == 1, len(free), len(around))

        return sorted((x for x in adjacency[tip] if x not in seen), key=key, reverse=True)

    for start in sorted(range(n), key=lambda q: (len(adjacency[q]), q)):
        if visited >= budget:
            break
        path, seen, found, stop = [start], {start}, 0, visited + per_start_budget
        iterators = [iter(order(start, seen))]
        while iterators and visited < stop and found < per_start:
            nxt = next(iterators[-1], None)
            if nxt is None:
                iterators.pop()
                seen.discard(path.pop())
                continue
            visited += 1
            path.append(nxt)
            seen.add(nxt)
            longest = max(longest, len(path))
            need = length - len(path) + 1
            if len(path) == length:
                consider(list(path))
                found += 1
            elif reachable(nxt, seen, need) >= need:
                iterators.append(iter(order(nxt, seen)))
                continue
            seen.discard(path.pop())
        if length == 1:
            consider([start])
    return longest


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
    initial_layout=None,
) -> TargetedEvolution:
    """Transpile every component circuit of ``compiled`` to a device.

    ``backend``: a BackendV2 or a fake device name; or give ``target`` directly.
    The per-step count is that of one bulk Trotter step transpiled on the same qubits.
    ``initial_layout``: the physical qubit of each model qubit (e.g. ``device_line(...).qubits``
    for a chain), or ``"line"`` for :func:`device_line` of the model's size; None lets the
    transpiler choose.
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
    if isinstance(initial_layout, str):
        if initial_layout != "line":
            raise ValueError(f"initial_layout must be a list of physical qubits or 'line', got {initial_layout!r}")
        if backend is None:
            raise ValueError("initial_layout='line' needs a backend (its calibration chooses the line)")
        initial_layout = device_line(backend, n).qubits
    width = compiled.circuits[0].num_qubits  # an open model's ancillas too
    if initial_layout is not None:
        initial_layout = [int(q) for q in initial_layout]
        if len(initial_layout) != width or len(set(initial_layout)) != width:
            raise ValueError(f"initial_layout must name {width} distinct physical qubits, got {len(initial_layout)}")
    with warnings.catch_warnings():  # Qiskit's PauliEvolutionGate.to_matrix hands scipy a CSR matrix
        warnings.simplefilter("ignore", SparseEfficiencyWarning)
        circuits = transpile(compiled.circuits, target=target, optimization_level=optimization_level,
                             seed_transpiler=seed, initial_layout=initial_layout)
    for c in circuits:
        check_valid(c, target)
    # every logical qubit's place (an open model's ancillas too), the model's qubits first
    layout = _layout(circuits[0], width)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SparseEfficiencyWarning)
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
