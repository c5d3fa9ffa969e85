"""Trotter compiler: a model's unitary charging protocol to Qiskit circuits, the
measurement circuits that give back its energy and ergotropy, and device statistics.

Public API (everything a run layer needs)::

    compiled = compile_evolution(model, t, steps, order=2)   # -> CompiledEvolution
    compiled.components        # WeightedCircuit(weight, circuit, label), one per pure
                               # component of the initial state (mixtures: average results)
    compiled.stats()           # logical CircuitStats: num_qubits, depth, two_qubit_gates,
                               # two_qubit_gates_per_step, two_qubit_layers, bonds
    compile_times(model, times, dt, order)                   # one CompiledEvolution per time

    plan = energy_plan(compiled)        # stored energy W(t) from Z-basis counts (or Pauli
    plan = observable_plan(compiled, op)  # settings for other observables)
    plan = tomography_plan(compiled)    # reduced battery state (<= 3 qubits), ergotropy
    plan.circuits                       # run these (any shots each); the estimators that read
                                        # the counts are in qbcircuit.pipeline.estimate
    estimator_pubs(compiled, op)        # EstimatorV2 route

    choose_steps(model, t_final, order, tolerance, exact_energy=W)  # -> StepChoice: exact check against
                               # the exact curve W(times) handed in, or the commutator bound
    transpile_evolution(compiled, "fake_torino", fractional_gates=False)  # -> TargetedEvolution
                               # (transpiled circuits + DeviceStats); the only backend-aware call

Modules: :mod:`layering` (commuting layers from the interaction graph),
:mod:`product_formulas` (orders 1, 2, 4; drives sampled at midpoints),
:mod:`initial_states` (basis, Dicke, general states, mixtures), :mod:`evolution`
(assembly), :mod:`measurement` (measurement circuits and plans), :mod:`error_control` (step
count), :mod:`targeting` (devices). Conventions: Qiskit's little-endian qubit order, the
model's own qubit numbering (``model.qubit_labels``), |1> excited, hbar = 1, times in the
model's time unit. Open models: the compiler builds the unitary part only
(``unitary_only=True``); dissipation is a separate stage.
"""

from qbcircuit.compile.error_control import StepChoice, choose_steps, choose_steps_bound, choose_steps_exact, curve_error
from qbcircuit.compile.evolution import (
    CircuitStats,
    CompiledEvolution,
    WeightedCircuit,
    compile_evolution,
    compile_times,
    steps_for,
)
from qbcircuit.compile.initial_states import dicke_state_circuit, prepare_components
from qbcircuit.compile.layering import Block, Layering, layering
from qbcircuit.compile.measurement import (
    ObservablePlan,
    TomographyPlan,
    energy_plan,
    estimator_pubs,
    observable_plan,
    tomography_plan,
)
from qbcircuit.compile.product_formulas import evolution_circuit, step_schedule
from qbcircuit.compile.targeting import DeviceStats, TargetedEvolution, resolve_backend, transpile_evolution
from qbcircuit.compile.dissipation import CompiledOpenEvolution, OpenCircuitStats, compile_open_evolution

__all__ = [
    "CompiledOpenEvolution",
    "OpenCircuitStats",
    "compile_open_evolution",
    "Block",
    "CircuitStats",
    "CompiledEvolution",
    "DeviceStats",
    "Layering",
    "ObservablePlan",
    "StepChoice",
    "TargetedEvolution",
    "TomographyPlan",
    "WeightedCircuit",
    "choose_steps",
    "choose_steps_bound",
    "choose_steps_exact",
    "compile_evolution",
    "compile_times",
    "curve_error",
    "dicke_state_circuit",
    "energy_plan",
    "estimator_pubs",
    "evolution_circuit",
    "layering",
    "observable_plan",
    "prepare_components",
    "resolve_backend",
    "step_schedule",
    "steps_for",
    "tomography_plan",
    "transpile_evolution",
]
