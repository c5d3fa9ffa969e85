"""How many Trotter steps: a tolerance on the energy curve in, a step count out.

The figure controlled is the stored-energy curve W(t) on [0, t_final], its error measured
relative to its maximum, as the compiled circuits are judged against the exact reference:

    error(K) = max_j |W_K(t_j) - W(t_j)| / max_j |W(t_j)|,   t_j = j t_final / K,

where W_K is the curve of K steps of the formula (read at every step boundary, so the
whole curve is checked, not just its end point). A battery that stores nothing is
measured against its energy range E_max - E_min instead of max |W|.

This module solves nothing exactly: the exact curve is an argument, ``exact_energy``, a
function ``times -> W(times)`` (the exact stored energy W(t) = E(t) - E(0) of the model
whose steps are chosen, at the given times, from t = 0); the caller takes it from the
exact reference (the CLI: ``qbcircuit.reference.evolve``).

* Exact check (``exact_energy`` given, models of up to ``EXACT_CHECK_MAX_QUBITS`` qubits):
  the circuits are simulated (statevector, step by step) and compared with the exact
  curve; K doubles until the tolerance is met, then bisection finds the smallest K that
  meets it. Drives are fine here. A caller that can simulate the circuits exactly at any
  size (a free-fermion chain: :mod:`qbcircuit.pipeline.gaussian_circuits`) passes that
  simulation as ``circuit_energy``, and the exact check then runs at any number of qubits.
* Commutator bound (no exact curve, or larger models; static models, orders 1 and 2): with the layers H_1..H_m of a
  step, ||S_1(dt) - e^{-iH dt}|| <= dt^2/2 sum_{i<j} ||[H_i, H_j]|| and
  ||S_2(dt) - e^{-iH dt}|| <= dt^3/12 sum_i ||[B_i, [B_i, H_i]]|| + dt^3/24 sum_i ||[H_i, [H_i, B_i]]||,
  B_i = sum_{k>i} H_k (Childs, Su, Tran, Wiebe, Zhu, PRX 11, 011020 (2021)), norms bounded
  by the commutators' Pauli 1-norms. K steps make at most K times a step's error in the
  state, and |Tr[H_B (rho - sigma)]| <= (E_max - E_min) ||psi - phi||, so this K
  guarantees an energy error below ``tolerance`` x the battery's energy range
  E_max - E_min (the curve's maximum is not known without solving the model). The bound
  is worst-case: the exact check usually needs far fewer steps.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from qiskit.quantum_info import SparsePauliOp, Statevector

from qbcircuit.compile.evolution import unitary_part
from qbcircuit.compile.initial_states import prepare_components
from qbcircuit.compile.layering import Layering, layering
from qbcircuit.compile.product_formulas import check_order, evolution_circuit
from qbcircuit.metrics import max_ergotropy
from qbcircuit.models.core import BatteryModel

EXACT_CHECK_MAX_QUBITS = 12
MAX_STEPS = 1 << 14


@dataclass(frozen=True)
class StepChoice:
    """The chosen number of steps and how it was found."""

    steps: int
    order: int
    t_final: float
    tolerance: float
    error: float  # achieved relative error (exact check) or the bound (commutator bound)
    method: str  # "exact check" or "commutator bound"
    tried: dict[int, float] = field(default_factory=dict)  # steps -> relative error
    note: str = ""  # why the bound was used where an exact check could have been (e.g. no exact curve given)

    def describe(self, time_unit: str = "") -> str:
        unit = f" {time_unit}" if time_unit else ""
        what = "relative energy error" if self.method == "exact check" else "bound on the energy error / energy range"
        why = f" ({self.note})" if self.note else ""
        return (f"{self.steps} steps of order {self.order} (dt = {self.t_final / self.steps:.4g}{unit}) by {self.method}{why}: "
                f"{what} {self.error:.3g} <= tolerance {self.tolerance:g}")


def _battery_energy(state: Statevector, model: BatteryModel, h_b: SparsePauliOp) -> float:
    return float(np.real(state.expectation_value(h_b)))


def trotter_energy_curve(model: BatteryModel, t_final: float, steps: int, order: int) -> np.ndarray:
    """Battery energy <H_B> after 0, 1, ..., ``steps`` steps (statevector simulation of the
    circuits; mixtures averaged)."""
    lay = layering(model)
    drives = [d.coefficient for d in model.drives]
    dt = t_final / steps
    h_b = model.battery_hamiltonian_on_register()
    curve = np.zeros(steps + 1)
    # one step at a time, so the whole curve comes from one sweep; a static step is the
    # same circuit every time (unmerged: merging the half steps is exact, so the states
    # at the step boundaries are those of the compiled circuits)
    step_static = None if drives else evolution_circuit(lay, drives, 0.0, dt, 1, order)
    for comp in prepare_components(model.initial_state, model.num_qubits):
        psi = Statevector(comp.circuit)
        curve[0] += comp.weight * _battery_energy(psi, model, h_b)
        for k in range(steps):
            step = step_static or evolution_circuit(lay, drives, k * dt, (k + 1) * dt, 1, order)
            psi = psi.evolve(step)
            curve[k + 1] += comp.weight * _battery_energy(psi, model, h_b)
    return curve


def _exact_curve(exact_energy: Callable[[np.ndarray], np.ndarray], times: np.ndarray, energy_range: float) -> np.ndarray:
    """exact_energy(times), checked: one finite stored energy per time, W(0) = 0."""
    values = np.asarray(exact_energy(times), dtype=float)
    if values.shape != times.shape or not np.all(np.isfinite(values)):
        raise ValueError(f"exact_energy(times) must return {times.size} finite stored energies, got shape {values.shape}")
    if abs(values[0]) > 1e-8 * max(energy_range, 1.0):
        raise ValueError(f"exact_energy must return the stored energy W(t) = E(t) - E(0), zero at t = 0; got W(0) = {values[0]:.6g}")
    return values


def relative_curve_error(trotter: np.ndarray, exact: np.ndarray, energy_range: float) -> float:
    """max |trotter - exact| / max |W|; a battery that stores nothing (W = 0 up to rounding)
    is measured against its energy range E_max - E_min instead."""
    scale = float(np.max(np.abs(exact - exact[0])))
    if scale <= 1e-9 * energy_range:
        scale = energy_range
    return float(np.max(np.abs(trotter - exact)) / scale)


def battery_energy_range(model: BatteryModel) -> float:
    """E_max - E_min of H_B: a sum of the single-qubit ranges when every term acts on one
    qubit (no 2^n matrix; a chain of 100 cells), else from the spectrum."""
    h = model.battery_hamiltonian.simplify()
    support = np.asarray(h.paulis.x, dtype=bool) | np.asarray(h.paulis.z, dtype=bool)
    if np.all(support.sum(axis=1) <= 1):
        vectors = np.zeros((h.num_qubits, 3))
        for label, c in h.to_list():
            for q in range(h.num_qubits):
                letter = label[h.num_qubits - 1 - q]
                if letter != "I":
                    vectors[q, "XYZ".index(letter)] += float(np.real(c))
        return float(2 * np.linalg.norm(vectors, axis=1).sum())
    return max_ergotropy(h.to_matrix())


CircuitEnergy = Callable[[BatteryModel, float, int, int], np.ndarray]


def curve_error(
    model: BatteryModel, t_final: float, steps: int, order: int, exact_energy: Callable[[np.ndarray], np.ndarray],
    circuit_energy: CircuitEnergy | None = None,
) -> float:
    """error(K) of the module docstring: the circuits' curve (statevector simulation) against
    the exact one.

    Parameters
    ----------
    model : BatteryModel
        A closed model.
    t_final : float
        The end of the curve, in the model's time unit.
    steps : int
        K, the number of Trotter steps.
    order : int
        The product formula's order (1, 2 or 4).
    exact_energy : callable
        ``times -> W(times)``: the exact stored energy of ``model`` (zero at t = 0).
    circuit_energy : callable, optional
        ``(model, t_final, steps, order) -> <H_B>`` after 0 .. steps steps: an exact
        simulation of the circuits that replaces the statevector one (any size).

    Returns
    -------
    float
        max_j |W_K(t_j) - W(t_j)| / max_j |W(t_j)| over t_j = j t_final / K.
    """
    times = np.linspace(0.0, t_final, steps + 1)
    energy_range = battery_energy_range(model)
    trotter = (circuit_energy or trotter_energy_curve)(model, t_final, steps, order)
    return relative_curve_error(trotter - trotter[0], _exact_curve(exact_energy, times, energy_range), energy_range)


def _check(model: BatteryModel, t_final: float, order: int, tolerance: float) -> None:
    check_order(order)
    if not (math.isfinite(t_final) and t_final > 0):
        raise ValueError(f"t_final must be > 0, got {t_final}")
    if not (math.isfinite(tolerance) and 0 < tolerance < 1):
        raise ValueError(f"tolerance must be in (0, 1), got {tolerance}")
    if model.is_open:
        raise ValueError(f"model {model.name!r} is open: step control covers the unitary Trotter circuits only")


def choose_steps_exact(
    model: BatteryModel, t_final: float, order: int, tolerance: float, exact_energy: Callable[[np.ndarray], np.ndarray],
    circuit_energy: CircuitEnergy | None = None,
) -> StepChoice:
    """The smallest step count whose curve error (:func:`curve_error`) is within ``tolerance``.

    Parameters
    ----------
    model : BatteryModel
        A closed model (drives allowed).
    t_final : float
        The end of the curve, > 0.
    order : int
        1, 2 or 4.
    tolerance : float
        In (0, 1): the largest relative curve error accepted.
    exact_energy : callable
        ``times -> W(times)``: the exact stored energy of ``model`` (zero at t = 0).
    circuit_energy : callable, optional
        An exact simulation of the circuits' energy curve (see :func:`curve_error`).

    Returns
    -------
    StepChoice
        ``method`` "exact check"; ``tried`` every step count simulated and its error.
    """
    _check(model, t_final, order, tolerance)
    tried: dict[int, float] = {}
    k = 1
    while True:
        tried[k] = curve_error(model, t_final, k, order, exact_energy, circuit_energy)
        if tried[k] <= tolerance:
            break
        if k >= MAX_STEPS:
            raise ValueError(f"tolerance {tolerance:g} not reached with {k} steps (error {tried[k]:.3g}); "
                             "raise the tolerance or the order")
        k *= 2
    lo, hi = k // 2, k  # lo fails (or is 0), hi passes
    while hi - lo > 1 and lo > 0:
        mid = (lo + hi) // 2
        tried[mid] = curve_error(model, t_final, mid, order, exact_energy, circuit_energy)
        lo, hi = (lo, mid) if tried[mid] <= tolerance else (mid, hi)
    return StepChoice(hi, order, t_final, tolerance, tried[hi], "exact check", dict(sorted(tried.items())))


def _norm(op: SparsePauliOp) -> float:
    op = op.simplify(atol=1e-12)
    return float(np.sum(np.abs(op.coeffs)))


def _layer_operators(lay: Layering) -> list[SparsePauliOp]:
    coeffs = lay.coefficients(())
    ops = []
    for layer in lay.layers:
        idx = [t for b in layer for t in lay.blocks[b].terms]
        ops.append(SparsePauliOp([lay.labels[t] for t in idx], coeffs[idx]))
    return ops


def step_error_constant(lay: Layering, order: int) -> float:
    """c with ||S_p(dt) - e^{-iH dt}|| <= c dt^(p+1) (orders 1, 2; see module docstring)."""
    hs = _layer_operators(lay)

    def comm(a, b):
        return (a @ b - b @ a).simplify(atol=1e-12)

    if order == 1:
        return 0.5 * sum(_norm(comm(hs[i], hs[j])) for i in range(len(hs)) for j in range(i + 1, len(hs)))
    if order == 2:
        total = 0.0
        for i in range(len(hs) - 1):
            rest = SparsePauliOp.sum(hs[i + 1 :]).simplify()
            total += _norm(comm(rest, comm(rest, hs[i]))) / 12 + _norm(comm(hs[i], comm(hs[i], rest))) / 24
        return total
    raise ValueError("the commutator bound covers orders 1 and 2; order 4 needs the exact check (an exact "
                     f"energy curve, exact_energy, and <= {EXACT_CHECK_MAX_QUBITS} qubits)")


def choose_steps_bound(model: BatteryModel, t_final: float, order: int, tolerance: float) -> StepChoice:
    """The step count the commutator bound guarantees (see the module docstring).

    Parameters
    ----------
    model : BatteryModel
        A closed, static model.
    t_final, order, tolerance
        As in :func:`choose_steps_exact`; order 1 or 2.

    Returns
    -------
    StepChoice
        ``method`` "commutator bound"; ``error`` the bound on the energy error over the
        battery's energy range.
    """
    _check(model, t_final, order, tolerance)
    if model.drives:
        raise ValueError(f"model {model.name!r} has drives: the commutator bound here covers static Hamiltonians "
                         "(pass exact_energy for the exact check)")
    c = step_error_constant(layering(model), order)
    # range * K c (t/K)^(p+1) <= tolerance * range  =>  K >= (c t^(p+1) / tolerance)^(1/p)
    steps = max(1, math.ceil((c * t_final ** (order + 1) / tolerance) ** (1 / order)))
    bound = steps * c * (t_final / steps) ** (order + 1)
    return StepChoice(steps, order, t_final, tolerance, bound, "commutator bound")


def choose_steps(
    model: BatteryModel,
    t_final: float,
    order: int,
    tolerance: float,
    *,
    exact_energy: Callable[[np.ndarray], np.ndarray] | None = None,
    unitary_only: bool = False,
    circuit_energy: CircuitEnergy | None = None,
) -> StepChoice:
    """The exact check when an exact curve is given and the circuits can be simulated (the
    model has at most ``EXACT_CHECK_MAX_QUBITS`` qubits, or ``circuit_energy`` simulates them
    at any size), the commutator bound otherwise.

    Parameters
    ----------
    model : BatteryModel
        The model to compile (closed, unless ``unitary_only``).
    t_final : float
        The end of the charging curve, > 0, in the model's time unit.
    order : int
        The product formula's order: 1, 2 or 4 (4 needs the exact check).
    tolerance : float
        In (0, 1): the relative curve error accepted (the bound: error over the energy range).
    exact_energy : callable, optional
        ``times -> W(times)``, the exact stored energy (zero at t = 0) of the model whose
        steps are chosen (with ``unitary_only``, of its unitary part), e.g. from
        :func:`qbcircuit.reference.evolve`. None: the commutator bound alone, and the
        StepChoice's ``note`` says so.
    unitary_only : bool
        Choose the steps of an open model's Hamiltonian part alone.
    circuit_energy : callable, optional
        ``(model, t_final, steps, order) -> <H_B>`` after 0 .. steps steps, an exact
        simulation of the circuits at any size (:func:`curve_error`).

    Returns
    -------
    StepChoice
    """
    if unitary_only:
        model = unitary_part(model)
    if exact_energy is not None and (model.num_qubits <= EXACT_CHECK_MAX_QUBITS or circuit_energy is not None):
        return choose_steps_exact(model, t_final, order, tolerance, exact_energy, circuit_energy)
    choice = choose_steps_bound(model, t_final, order, tolerance)
    if exact_energy is None:
        return dataclasses.replace(choice, note="no exact energy curve given")
    return choice
