"""The gate-level route to pulses for a whole battery: the model's Trotter circuit
(``qbcircuit.compile``), transpiled to the pulse basis, each gate its calibrated pulse,
simulated on the transmon device; the battery's energy and ergotropy at the end.

The device runs closed here (no T1/T2): the column shows what the gate route itself costs
(Trotter error, pulse errors, leakage), beside the analog route and the exact model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qiskit import transpile

from qbcircuit.calibration import Calibration
from qbcircuit.metrics import energy, ergotropy, partial_trace
from qbcircuit.models.core import BatteryModel
from qbcircuit.pulse.gates import BASIS, compile_circuit
from qbcircuit.pulse.simulate import simulate


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
    """Trotter circuit (steps chosen for ``tolerance`` on the energy curve) to pulses."""
    from qbcircuit.compile import choose_steps, compile_evolution
    from qbcircuit.metrics import stored_energy
    from qbcircuit.reference import evolve  # TODO(issue 13): a temporary arrow; the pipeline hands the exact curve in

    if model.is_open:
        raise ValueError(f"model {model.name!r} is open: the gate-level pulse route covers closed models only")
    if model.drives:
        raise ValueError(
            f"model {model.name!r} has a time-dependent drive in the lab frame: its Trotter circuit would need "
            "a step per drive period; use the analog route"
        )
    h_b = model.battery_hamiltonian.to_matrix()
    choice = choose_steps(model, t_final, order, tolerance,
                          exact_energy=lambda times: stored_energy(evolve(model, times).battery_states, h_b))
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
    rho_b = partial_trace(rho, model.battery_qubits, n)
    h_b = model.battery_hamiltonian.to_matrix()
    return GateLevelRun(
        energy=energy(rho_b, h_b) - compiled.initial_battery_energy,
        ergotropy=ergotropy(rho_b, h_b),
        leakage=leakage,
        duration_ns=duration,
        trotter_steps=choice.steps,
        order=order,
        step_choice=f"{choice.steps} steps of order {order} ({choice.method}, error {choice.error:.2g} <= {tolerance:g})",
    )
