"""The noiseless Trotter circuits of a free-fermion battery, simulated exactly at any size.

Every gate the compiler emits for a chain whose Hamiltonian is quadratic in Jordan-Wigner
fermions (:mod:`qbcircuit.models.fermions`) is itself the exponential of a quadratic
operator: a field RZ(theta) = exp(-i theta/2 Z), a bond exp(-i tau (a XX + b YY)) (a
``PauliEvolutionGate``), an exchange ``XXPlusYYGate``. Each acts on the correlation matrix
as Gamma -> R Gamma R^T with R = exp(h_gate) on the gate's 2 or 4 Majorana modes (the
block's own string equals the chain's for neighbouring qubits), so the circuit's state is
known exactly for 100 or 1000 qubits in O(N) per gate: the "ideal circuit" of a
comparison at device size, its Trotter error against :mod:`qbcircuit.reference.free_fermion`
without sampling or truncation, and an independent check of the matrix-product-state
simulation of the same circuits.

Used by :mod:`qbcircuit.pipeline.light_cone` (the noiseless side of a noisy prediction),
by :func:`qbcircuit.pipeline.plan.choose_steps` (the compiler's exact check at any N) and
by the benchmark and tutorial of the device-scale chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.linalg as sla
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models.fermions import majorana_form

#: Instructions that do nothing to the state.
_SKIPPED = {"barrier", "delay", "id"}


@lru_cache(maxsize=4096)
def _local_rotation(labels: tuple[str, ...], coeffs: tuple[float, ...], num_qubits: int) -> np.ndarray:
    """R = exp(h) of the local quadratic generator H = sum c P (the gate is exp(-i H))."""
    h, _ = majorana_form(SparsePauliOp(list(labels), np.array(coeffs, dtype=complex)))
    return sla.expm(h.toarray())


def gate_generator(op, qubits: Sequence[int]) -> tuple[SparsePauliOp, tuple[int, ...]] | None:
    """The Hermitian H with gate = exp(-i H) (up to a phase) on the gate's own qubits, sorted
    ascending (qubit 0 of H is the lowest), or None for a gate that does nothing.

    Parameters
    ----------
    op:
        A gate of a logical compiled circuit.
    qubits:
        The register qubits it acts on, in its own order.

    Returns
    -------
    (SparsePauliOp, qubits) or None
        A ``ValueError`` names a gate that is not the exponential of a quadratic operator.
    """
    name = op.name
    qubits = tuple(int(q) for q in qubits)
    if name in _SKIPPED:
        return None
    if name == "rz":
        return SparsePauliOp("Z", float(op.params[0]) / 2), qubits
    if name == "PauliEvolution":
        generator = (op.operator if isinstance(op.operator, SparsePauliOp) else SparsePauliOp.sum(op.operator))
        generator = generator * float(op.time)
    elif name == "xx_plus_yy" and abs(float(op.params[1])) < 1e-15:
        generator = SparsePauliOp(["XX", "YY"], [float(op.params[0]) / 4] * 2)
    else:
        raise ValueError(f"gate {name!r} on qubits {qubits} is not the exponential of a quadratic fermion operator "
                         "(free-fermion circuits take rz, PauliEvolution of quadratic terms, xx_plus_yy with beta = 0)")
    order = np.argsort(qubits)
    if len(qubits) == 2 and qubits[order[1]] - qubits[order[0]] != 1:
        raise ValueError(f"gate {name!r} on qubits {qubits}: only neighbouring qubits keep the Jordan-Wigner form local")
    generator = generator.apply_layout([int(np.flatnonzero(order == k)[0]) for k in range(len(qubits))])
    return generator.simplify(), tuple(int(qubits[k]) for k in order)


def apply_circuit(gamma: np.ndarray, circuit) -> np.ndarray:
    """Gamma after a logical free-fermion circuit (a new array; see the module docstring).

    Parameters
    ----------
    gamma:
        The correlation matrix before the circuit (2N x 2N, N = the circuit's qubits).
    circuit:
        A QuantumCircuit of quadratic gates (the compiler's ``evolution`` circuits).

    Returns
    -------
    numpy.ndarray
        The correlation matrix after it.
    """
    gamma = np.array(gamma, dtype=float)
    if gamma.shape != (2 * circuit.num_qubits,) * 2:
        raise ValueError(f"gamma must be {2 * circuit.num_qubits} x {2 * circuit.num_qubits} for a circuit on "
                         f"{circuit.num_qubits} qubits, got {gamma.shape}")
    for inst in circuit.data:
        found = gate_generator(inst.operation, [circuit.find_bit(q).index for q in inst.qubits])
        if found is None:
            continue
        generator, qubits = found
        labels, coeffs = zip(*((l, float(np.real(c))) for l, c in generator.to_list()))
        r = _local_rotation(tuple(labels), tuple(coeffs), generator.num_qubits)
        modes = np.concatenate([[2 * q, 2 * q + 1] for q in qubits])
        gamma[modes, :] = r @ gamma[modes, :]
        gamma[:, modes] = gamma[:, modes] @ r.T
    return gamma


def circuit_figures(model, times: Sequence[float], dt: float, order: int = 2) -> dict[str, np.ndarray]:
    """The figures of the noiseless Trotter circuits at every time (as ``qbc run`` compiles
    them: steps of at most ``dt``), computed exactly from their correlation matrices.

    Parameters
    ----------
    model:
        A model with a free-fermion description (``model.gaussian``).
    times:
        Times from 0 (the model's unit).
    dt:
        The largest Trotter step.
    order:
        Product-formula order (1, 2, 4).

    Returns
    -------
    dict
        figure -> array over ``times``: the reference's figures (energy, battery_energy,
        ergotropy, power and the model's local ones) of the circuits' states.
    """
    from qbcircuit.compile import compile_evolution, steps_for
    from qbcircuit.metrics import average_power
    from qbcircuit.reference.free_fermion import correlation_figures, quadratic_expectation

    space = _space(model)
    gamma0 = _dense(space.initial_correlation)
    e0 = quadratic_expectation(space.battery_hamiltonian, space.battery_offset, gamma0)
    rows = []
    for t in times:
        compiled = compile_evolution(model, float(t), steps_for(float(t), dt), order)
        rows.append(correlation_figures(space, apply_circuit(gamma0, compiled.evolution), e0))
    out = {key: np.array([r[key] for r in rows]) for key in rows[0]}
    out["power"] = average_power(np.asarray(times, dtype=float), out["energy"])
    return out


def trotter_energy_curve(model, t_final: float, steps: int, order: int) -> np.ndarray:
    """Battery energy <H_B> after 0, 1, ..., ``steps`` Trotter steps of t_final / steps (the
    compiler's ``trotter_energy_curve``, exact at any N for a free-fermion model).

    Parameters
    ----------
    model:
        A model with ``model.gaussian``.
    t_final, steps, order:
        The curve's end, its number of steps and the formula's order.

    Returns
    -------
    numpy.ndarray
        ``steps + 1`` battery energies.
    """
    from qbcircuit.compile.layering import layering
    from qbcircuit.compile.product_formulas import evolution_circuit
    from qbcircuit.reference.free_fermion import quadratic_expectation

    space = _space(model)
    step = evolution_circuit(layering(model), [], 0.0, t_final / steps, 1, order)
    gamma = _dense(space.initial_correlation)
    curve = [quadratic_expectation(space.battery_hamiltonian, space.battery_offset, gamma)]
    for _ in range(steps):
        gamma = apply_circuit(gamma, step)
        curve.append(quadratic_expectation(space.battery_hamiltonian, space.battery_offset, gamma))
    return np.array(curve)


def _space(model):
    if model.gaussian is None:
        raise ValueError(f"model {model.name!r} has no free-fermion description: its circuits are not free-fermion circuits")
    return model.gaussian


def _dense(m) -> np.ndarray:
    return np.array(m.toarray() if hasattr(m, "toarray") else m, dtype=float)


__all__ = ["apply_circuit", "circuit_figures", "gate_generator", "trotter_energy_curve"]
