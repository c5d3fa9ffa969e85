"""Product formulas over commuting layers: first order (Lie-Trotter), second order
(symmetric Strang/Suzuki) and fourth order (Suzuki's five-fold composition).

A step of length dt applies the layers H_1 ... H_m of :mod:`qbcircuit.compile.layering`
as exponentials exp(-i a dt H_l(t_s)) with fractions a and sampling times t_s:

* order 1: H_1 ... H_m, each whole (error O(dt) on a fixed time interval);
* order 2: H_1/2 ... H_{m-1}/2 H_m H_{m-1}/2 ... H_1/2 (error O(dt^2));
* order 4: S2(p dt) S2(p dt) S2((1 - 4p) dt) S2(p dt) S2(p dt), p = 1/(4 - 4^(1/3))
  (Suzuki 1990; error O(dt^4)). A step costs five second-order steps, which pays when
  the tolerance is tight (see :mod:`qbcircuit.compile.error_control`).

Time-dependent drives are sampled at the midpoint of each (sub-)step: the exponential
midpoint rule is second order and symmetric in time, so the symmetric formula keeps its
order 2 and Suzuki's composition of it its order 4 with drives too (the backward
sub-step (1 - 4p) dt is sampled at its own midpoint). A drive that switches abruptly
inside a step (a switched coupling) costs O(dt) unless the switch falls on a step
boundary: choose the steps so that it does.

For a static Hamiltonian, consecutive exponentials of the same layer are merged (the
half steps of H_1 at the junction of two second-order steps), which is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from qiskit.circuit import QuantumCircuit
from qiskit.circuit.library import (
    UnitaryGate,
    PauliEvolutionGate,
    RVGate,
    RXGate,
    RYGate,
    RZGate,
    XXPlusYYGate,
)
from qiskit.quantum_info import Pauli

from qbcircuit.compile.layering import COEFF_ATOL, Block, Layering

ORDERS = (1, 2, 4)
SUZUKI_P = 1.0 / (4.0 - 4.0 ** (1.0 / 3.0))


def check_order(order: int) -> int:
    if order not in ORDERS:
        raise ValueError(f"order must be one of 1, 2, 4, got {order!r}")
    return int(order)


def step_schedule(num_layers: int, order: int) -> list[tuple[int, float, float]]:
    """One step as (layer index, fraction of dt, sampling time in units of dt from the
    step's start), in the order applied."""
    check_order(order)
    m = num_layers
    if m == 0:
        return []

    def symmetric(offset: float, fraction: float) -> list[tuple[int, float, float]]:
        mid = offset + fraction / 2
        half = [(l, fraction / 2, mid) for l in range(m - 1)]
        return half + [(m - 1, fraction, mid)] + half[::-1]

    if order == 1:
        return [(l, 1.0, 0.5) for l in range(m)]
    if order == 2:
        return symmetric(0.0, 1.0)
    p = SUZUKI_P
    out, offset = [], 0.0
    for fraction in (p, p, 1 - 4 * p, p, p):
        out += symmetric(offset, fraction)
        offset += fraction
    return out


def _merge(schedule: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """Merge consecutive exponentials of the same layer (exact for a static Hamiltonian)."""
    merged: list[list] = []
    for layer, tau, s in schedule:
        if merged and merged[-1][0] == layer:
            merged[-1][1] += tau
        else:
            merged.append([layer, tau, s])
    return [(l, tau, s) for l, tau, s in merged if abs(tau) > 0]


def block_gate(layering: Layering, block: Block, coeffs: np.ndarray, tau: float):
    """The gate exp(-i tau H_block) on ``block.qubits``, or None if the block vanishes."""
    op = layering.block_operator(block, coeffs)
    if np.all(np.abs(op.coeffs) <= COEFF_ATOL):
        return None
    if block.kind == "field":
        c = {label: float(np.real(v)) for label, v in op.to_list()}
        a, b, z = c.get("X", 0.0), c.get("Y", 0.0), c.get("Z", 0.0)
        if a == 0 and b == 0:
            return RZGate(2 * tau * z)
        if b == 0 and z == 0:
            return RXGate(2 * tau * a)
        if a == 0 and z == 0:
            return RYGate(2 * tau * b)
        return RVGate(2 * tau * a, 2 * tau * b, 2 * tau * z)
    if block.kind == "exchange":
        # XXPlusYYGate(theta) = exp(-i theta/4 (XX + YY)): one gate per exchange bond.
        return XXPlusYYGate(4 * tau * float(np.real(op.coeffs[0])))
    paulis = [Pauli(label) for label in op.paulis.to_labels()]
    commuting = all(p.commutes(q) for i, p in enumerate(paulis) for q in paulis[i + 1 :])
    op = op.simplify(atol=0)
    op = type(op)(op.paulis, np.real(op.coeffs))
    if commuting:
        # Qiskit's default (Lie-Trotter, one rep) is exact for commuting terms.
        return PauliEvolutionGate(op, tau)
    # A bond of non-commuting terms (e.g. XY + YX + XX): its exact two-qubit unitary. (Not
    # PauliEvolutionGate with MatrixExponential synthesis: Qiskit 2.6's synthesis plugin
    # expects a product formula there and fails when the circuit is transpiled.)
    from scipy.linalg import expm

    return UnitaryGate(expm(-1j * tau * op.to_matrix()), label="exp(-i t H_bond)")


def append_layer(circuit: QuantumCircuit, layering: Layering, layer: int, coeffs: np.ndarray, tau: float) -> None:
    for k in layering.layers[layer]:
        block = layering.blocks[k]
        gate = block_gate(layering, block, coeffs, tau)
        if gate is not None:
            circuit.append(gate, list(block.qubits))


def evolution_circuit(
    layering: Layering,
    drive_coefficients: Sequence[Callable[[float], float]],
    t_start: float,
    t_end: float,
    steps: int,
    order: int,
    *,
    merge: bool = True,
) -> QuantumCircuit:
    """exp(-i int H dt) from ``t_start`` to ``t_end`` by ``steps`` steps of the formula of
    ``order``. ``drive_coefficients[k]`` is c_k(t) of the model's drive k."""
    check_order(order)
    if int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got {steps!r}")
    circuit = QuantumCircuit(layering.num_qubits, name=f"trotter{order}x{steps}")
    dt = (t_end - t_start) / steps
    one = step_schedule(len(layering.layers), order)
    schedule = [(l, a * dt, t_start + (n + s) * dt) for n in range(int(steps)) for l, a, s in one]
    if merge and not drive_coefficients:
        schedule = _merge(schedule)
    static = layering.coefficients(())
    for layer, tau, t in schedule:
        coeffs = layering.coefficients([f(t) for f in drive_coefficients]) if drive_coefficients else static
        append_layer(circuit, layering, layer, coeffs, tau)
    return circuit


def bulk_step_circuit(layering: Layering, dt: float, order: int, drive_values: Sequence[float] = ()) -> QuantumCircuit:
    """The gates one step adds in the bulk of a long static evolution.

    A static step's first and last exponentials are of the same layer in the symmetric
    formulas, so in a run of steps they merge: the step costs its inner exponentials
    plus one whole first layer. With drives nothing merges (``drive_values`` fix the
    drive coefficients at which the step is drawn) and this is one plain step.
    """
    schedule = _merge([(l, a * dt, s) for l, a, s in step_schedule(len(layering.layers), order)])
    if not drive_values and len(schedule) > 1 and schedule[0][0] == schedule[-1][0]:
        first, last = schedule[0], schedule[-1]
        schedule = schedule[1:-1] + [(first[0], first[1] + last[1], first[2])]
    circuit = QuantumCircuit(layering.num_qubits, name=f"trotter{order} step")
    coeffs = layering.coefficients(drive_values)
    for layer, tau, _ in schedule:
        append_layer(circuit, layering, layer, coeffs, tau)
    return circuit
