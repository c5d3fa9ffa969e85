"""The pulse-level chains: a model on transmons, beside the exact model.

* :func:`run_pulse_battery` (analog route): the model compiled to drives and couplers
  (:func:`qbcircuit.pulse.compile_analog`), simulated on the transmons (closed, or with
  T1 and T2), read in the qubit subspace (:func:`qbcircuit.pulse.battery.battery_readout`),
  with the run's error budget (leakage + decoherence,
  :func:`qbcircuit.pulse.battery.error_budget`) around the exact model
  (:func:`qbcircuit.reference.evolve` on the same model times).
* :func:`run_gate_level` (gate route, closed models): the model's Trotter circuit
  (:mod:`qbcircuit.compile`, steps chosen for a tolerance on the energy curve),
  transpiled to the pulse basis, each gate its calibrated pulse, simulated on the closed
  device: what the gate route itself costs (Trotter error, pulse errors, leakage).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbcircuit.calibration import Calibration
from qbcircuit.models.core import BatteryModel
from qbcircuit.pipeline.plan import choose_steps, exact_energy_curve


@dataclass
class PulseBatteryRun:
    """An analog pulse-level run beside the exact model (energies in the model's unit)."""

    model: BatteryModel
    program: object  # qbcircuit.pulse.AnalogProgram
    result: object  # qbcircuit.pulse.PulseResult
    times: np.ndarray  # model time units
    energy: np.ndarray  # stored energy, pulse level
    ergotropy: np.ndarray
    leakage: np.ndarray
    exact_energy: np.ndarray
    leakage_budget: np.ndarray
    decoherence_budget: np.ndarray

    @property
    def budget(self) -> np.ndarray:
        return self.leakage_budget + self.decoherence_budget

    @property
    def deviation(self) -> np.ndarray:
        return np.abs(self.energy - self.exact_energy)

    @property
    def within_budget(self) -> bool:
        # plus a numerical floor of 1e-8 of H_B's spread: the sampled (piecewise-constant)
        # drive differs from the continuous one at that level even with no leakage at all
        from qbcircuit.pulse.battery import energy_spread

        spread = energy_spread(self.model)
        return bool(np.all(self.deviation <= self.budget + 1e-8 * max(spread, 1.0)))

    def to_dict(self) -> dict:
        unit = self.model.energy_unit
        return {
            "model": self.model.summary(),
            "device": self.program.device.summary(),
            "compilation": self.program.summary(),
            "open_system": self.result.open_system,
            "energy_unit": unit,
            "time_unit": self.model.time_unit,
            "times": self.times.tolist(),
            "times_ns": self.result.times_ns.tolist(),
            "energy": self.energy.tolist(),
            "ergotropy": self.ergotropy.tolist(),
            "leakage": self.leakage.tolist(),
            "exact_energy": self.exact_energy.tolist(),
            "budget": self.budget.tolist(),
            "final": {
                "energy": float(self.energy[-1]),
                "exact_energy": float(self.exact_energy[-1]),
                "ergotropy": float(self.ergotropy[-1]),
                "leakage": float(self.leakage[-1]),
                "max_leakage": float(self.leakage.max()),
                "max_deviation": float(self.deviation.max()),
                "leakage_budget": float(self.leakage_budget[-1]),
                "decoherence_budget": float(self.decoherence_budget[-1]),
                "within_budget": self.within_budget,
                "duration_ns": float(self.program.schedule.duration_ns),
            },
        }


def run_pulse_battery(
    model: BatteryModel,
    calibration: Calibration,
    t_final: float,
    open_system: bool = False,
    points: int = 101,
    exact: bool = True,
    **compile_options,
) -> PulseBatteryRun:
    """Charge a battery with the analog route on a transmon device, beside the exact model.

    Parameters
    ----------
    model:
        A battery model the analog compiler covers.
    calibration:
        The device's calibration snapshot.
    t_final:
        The charging time (the model's time unit).
    open_system:
        Simulate with T1 and T2 (Lindblad).
    points:
        About this many stored times.
    exact:
        Also evolve the exact model (False: the exact curve is nan).
    **compile_options:
        Passed to :func:`qbcircuit.pulse.compile_analog` (``layout``, ...).

    Returns
    -------
    PulseBatteryRun
        Stored energy, ergotropy, leakage, the exact energy and the error budget over time.
    """
    from qbcircuit.pulse.analog import compile_analog
    from qbcircuit.pulse.battery import battery_readout, error_budget
    from qbcircuit.pulse.simulate import simulate

    program = compile_analog(model, calibration, t_final, **compile_options)
    every = max(program.schedule.duration // max(points - 1, 1), 1)
    rho0 = model.initial_state.density_matrix()
    result = simulate(program.schedule, program.device, rho0, open_system=open_system, store_every=every)
    energies, ergos = battery_readout(model, result)
    times = program.model_time(result.times_ns)
    leak_budget, deco_budget = error_budget(model, program.device, result)
    exact_e = exact_energy_curve(model, times) if exact else np.full_like(times, np.nan)
    return PulseBatteryRun(model, program, result, times, energies - energies[0], ergos, result.leakage(), exact_e,
                           leak_budget, deco_budget)


@dataclass
class GateLevelRun:
    energy: float  # stored energy W(t_final), relative to the initial state
    ergotropy: float
    leakage: float  # weight outside the qubit subspace at the end (mixture-averaged)
    duration_ns: float  # of the longest component's schedule
    trotter_steps: int
    order: int
    step_choice: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def run_gate_level(
    model: BatteryModel,
    calibration: Calibration,
    t_final: float,
    *,
    order: int = 2,
    tolerance: float = 1e-3,
    layout=None,
) -> GateLevelRun:
    """Charge a closed battery by the gate route: Trotter circuit -> calibrated pulses -> simulated.

    Parameters
    ----------
    model:
        A closed battery model without lab-frame drives.
    calibration:
        The device's calibration snapshot (with calibrated gates).
    t_final:
        The charging time (the model's time unit).
    order:
        Product-formula order.
    tolerance:
        Relative error on the energy curve that sets the step count.
    layout:
        Transmons for the register qubits.

    Returns
    -------
    GateLevelRun
        The stored energy and ergotropy at ``t_final`` (within the qubit subspace), leakage,
        schedule duration and the step choice.
    """
    from qiskit import transpile

    from qbcircuit.compile import compile_evolution
    from qbcircuit.metrics import partial_trace
    from qbcircuit.pulse.gates import BASIS, compile_circuit
    from qbcircuit.pulse.simulate import simulate

    if model.is_open:
        raise ValueError(f"model {model.name!r} is open: the gate-level pulse route covers closed models only")
    if model.drives:
        raise ValueError(
            f"model {model.name!r} has a time-dependent drive in the lab frame: its Trotter circuit would need "
            "a step per drive period; use the analog route"
        )
    choice = choose_steps(model, t_final, order, tolerance)
    compiled = compile_evolution(model, t_final, choice.steps, order=order)
    n = model.num_qubits
    rho = np.zeros((2**n, 2**n), dtype=complex)
    leakage, duration = 0.0, 0.0
    for component in compiled.components:
        circuit = transpile(component.circuit, basis_gates=list(BASIS), optimization_level=1)
        program = compile_circuit(circuit, calibration, layout=layout)
        result = simulate(program.schedule, program.device, "0" * n, store_every=max(program.schedule.duration, 1))
        psi = program.virtual_z() @ program.device.restrict_to_qubits(result.final_state)
        leakage += component.weight * (1.0 - float(np.vdot(psi, psi).real))
        rho += component.weight * np.outer(psi, psi.conj())
        duration = max(duration, program.schedule.duration * calibration.dt_ns)
    rho /= np.trace(rho).real  # the battery's state within the qubit subspace
    figures = model.battery_figures(partial_trace(rho, model.battery_qubits, n))
    return GateLevelRun(
        energy=figures["energy"],
        ergotropy=figures["ergotropy"],
        leakage=leakage,
        duration_ns=duration,
        trotter_steps=choice.steps,
        order=order,
        step_choice=f"{choice.steps} steps of order {order} ({choice.method}, error {choice.error:.2g} <= {tolerance:g})",
    )


__all__ = ["GateLevelRun", "PulseBatteryRun", "run_gate_level",
           "run_pulse_battery"]
