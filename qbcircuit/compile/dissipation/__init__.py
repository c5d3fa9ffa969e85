"""Ancilla-based dissipation: a model's Lindblad channels as collision circuits (an ancilla
prepared, coupled to the system for one step, reset and reused), interleaved with the
Trotter steps of its Hamiltonian, converging to the master equation as dt -> 0.

Public API::

    compiled = compile_open_evolution(model, t, steps, order=2, channels="ancilla")
    compiled.components, compiled.circuits, compiled.weights   # one circuit per pure
                                       # component of the initial state (average results)
    compiled.stats()                   # OpenCircuitStats: num_qubits, ancillas, depth,
                                       # two_qubit_gates(_per_step), resets_per_step, ...
    compiled.describe_channels()       # the channel groups, their gadgets and ancillas
    compiled.resolved.form             # which master equation the circuits realise
    channels="exact"                   # the same channels as Aer Kraus instructions
    system_density_matrix(compiled)    # the system's state on Aer's density-matrix method
    step_superoperator(compiled)       # the circuit's one-step map on the system (Aer)
    resolve_generator(model, approximation)   # CP check; Redfield -> secular / clipped
    channel_groups(model)              # the model's jumps, sorted into gadgets' groups
    lindblad_form(generator, clip)     # canonical Lindblad form, Kossakowski check

Modules: :mod:`.channels` (which gadget compiles which jumps), :mod:`.gadgets` (the
collision circuits, each with its derivation), :mod:`.generators` (complete positivity,
Redfield), :mod:`.superoperators` (channels as matrices, Choi, Kraus),
:mod:`.builder` (the step sequence and statistics), :mod:`.simulate` (Aer runs).
Conventions: Qiskit's little-endian order, the model's qubits first (0..n-1), the
ancillas after; |1> excited; rates in the model's energy unit.
"""

from qbcircuit.compile.dissipation.builder import (
    CompiledOpenEvolution,
    OpenCircuitStats,
    channel_layers,
    channel_sequence,
    compile_open_evolution,
)
from qbcircuit.compile.dissipation.channels import ChannelGroup, channel_groups
from qbcircuit.compile.dissipation.gadgets import exact_kraus, make_gadget
from qbcircuit.compile.dissipation.generators import ResolvedGenerator, davies_jumps, resolve_generator
from qbcircuit.compile.dissipation.simulate import step_superoperator, system_density_matrices, system_density_matrix
from qbcircuit.compile.dissipation.superoperators import (
    LindbladForm,
    check_channel,
    kraus_operators,
    lindblad_form,
    one_step_channel,
)

__all__ = [
    "ChannelGroup",
    "CompiledOpenEvolution",
    "LindbladForm",
    "OpenCircuitStats",
    "ResolvedGenerator",
    "channel_groups",
    "channel_layers",
    "channel_sequence",
    "check_channel",
    "compile_open_evolution",
    "davies_jumps",
    "exact_kraus",
    "kraus_operators",
    "lindblad_form",
    "make_gadget",
    "one_step_channel",
    "resolve_generator",
    "step_superoperator",
    "system_density_matrices",
    "system_density_matrix",
]
