"""How many Trotter steps: a tolerance on the energy curve in, a step count out.

The figure controlled is the stored-energy curve W(t) on [0, t_final], its error measured
relative to its maximum, as the compiled circuits are judged against the exact reference:

    error(K) = max_j |W_K(t_j) - W(t_j)| / max_j |W(t_j)|,   t_j = j t_final / K,

where W_K is the curve of K steps of the formula (read at every step boundary, so the
whole curve is checked, not just its end point). A battery that stores nothing is
measured against its energy range E_max - E_min instead of max |W|.

* Exact check (models of up to ``EXACT_CHECK_MAX_QUBITS`` qubits): the circuits are
  simulated (statevector, step by step) and compared with the exact reference (QuTiP);
  K doubles until the tolerance is met, then bisection finds the smallest K that meets
  it. Drives are fine here.
* Commutator bound (larger static models, orders 1 and 2): with the layers H_1..H_m of a
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

import math
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

    def describe(self, time_unit: str = "") -> str:
        unit = f" {time_unit}" if time_unit else ""
        what = "relative energy error" if self.method == "exact check" else "bound on the energy error / energy range"
        return (f"{self.steps} steps of order {self.order} (dt = {self.t_final / self.steps:.4g}{unit}) by {self.method}: "
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


def exact_energy_curve(model: BatteryModel, times: np.ndarray) -> np.ndarray:
    from qbcircuit.metrics import energy
    from qbcircuit.reference import evolve

    h = model.battery_hamiltonian.to_matrix()
    return np.array([energy(rho, h) for rho in evolve(model, times).battery_states])


def relative_curve_error(trotter: np.ndarray, exact: np.ndarray, energy_range: float) -> float:
    """max |trotter - exact| / max |W|; a battery that stores nothing (W = 0 up to rounding)
    is measured against its energy range E_max - E_min instead."""
    scale = float(np.max(np.abs(exact - exact[0])))
    if scale <= 1e-9 * energy_range:
        scale = energy_range
    return float(np.max(np.abs(trotter - exact)) / scale)


def curve_error(model: BatteryModel, t_final: float, steps: int, order: int) -> float:
    """error(K) of the module docstring, by simulation and the exact reference."""
    times = np.linspace(0.0, t_final, steps + 1)
    energy_range = max_ergotropy(model.battery_hamiltonian.to_matrix())
    return relative_curve_error(
        trotter_energy_curve(model, t_final, steps, order), exact_energy_curve(model, times), energy_range
    )


def _check(model: BatteryModel, t_final: float, order: int, tolerance: float) -> None:
    check_order(order)
    if not (math.isfinite(t_final) and t_final > 0):
        raise ValueError(f"t_final must be > 0, got {t_final}")
    if not (math.isfinite(tolerance) and 0 < tolerance < 1):
        raise ValueError(f"tolerance must be in (0, 1), got {tolerance}")
    if model.is_open:
        raise ValueError(f"model {model.name!r} is open: step control covers the unitary Trotter circuits only")


def choose_steps_exact(model: BatteryModel, t_final: float, order: int, tolerance: float) -> StepChoice:
    _check(model, t_final, order, tolerance)
    tried: dict[int, float] = {}
    k = 1
    while True:
        tried[k] = curve_error(model, t_final, k, order)
        if tried[k] <= tolerance:
            break
        if k >= MAX_STEPS:
            raise ValueError(f"tolerance {tolerance:g} not reached with {k} steps (error {tried[k]:.3g}); "
                             "raise the tolerance or the order")
        k *= 2
    lo, hi = k // 2, k  # lo fails (or is 0), hi passes
    while hi - lo > 1 and lo > 0:
        mid = (lo + hi) // 2
        tried[mid] = curve_error(model, t_final, mid, order)
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
    raise ValueError("the commutator bound covers orders 1 and 2; order 4 needs the exact check (<= "
                     f"{EXACT_CHECK_MAX_QUBITS} qubits)")


def choose_steps_bound(model: BatteryModel, t_final: float, order: int, tolerance: float) -> StepChoice:
    _check(model, t_final, order, tolerance)
    if model.drives:
        raise ValueError(f"model {model.name!r} has drives: the commutator bound here covers static Hamiltonians")
    c = step_error_constant(layering(model), order)
    # range * K c (t/K)^(p+1) <= tolerance * range  =>  K >= (c t^(p+1) / tolerance)^(1/p)
    steps = max(1, math.ceil((c * t_final ** (order + 1) / tolerance) ** (1 / order)))
    bound = steps * c * (t_final / steps) ** (order + 1)
    return StepChoice(steps, order, t_final, tolerance, bound, "commutator bound")


def choose_steps(model: BatteryModel, t_final: float, order: int, tolerance: float, *, unitary_only: bool = False) -> StepChoice:
    """Exact check when the model is small enough, the commutator bound otherwise.
    ``unitary_only``: an open model's Hamiltonian part alone."""
    if unitary_only:
        model = unitary_part(model)
    if model.num_qubits <= EXACT_CHECK_MAX_QUBITS:
        return choose_steps_exact(model, t_final, order, tolerance)
    return choose_steps_bound(model, t_final, order, tolerance)
