"""Measurement circuits: how to measure a compiled evolution (the estimators that read the
counts live in :mod:`qbcircuit.pipeline.estimate`).

A *plan* is a list of circuits (a compiled evolution's component circuits with basis
rotations and measurements appended) and the description of what each circuit measures
(its mixture component, its basis, the Pauli terms it estimates). The run layer only runs
``plan.circuits`` (any shots each) and hands back the counts; the pipeline's estimators
turn them into values with standard errors.

Counts keys are bit strings over the plan's classical register, Qiskit order: the last
character is classical bit 0, which holds ``plan.qubits[0]``.

* :func:`observable_plan`: any Hermitian Pauli sum, its terms grouped into qubit-wise
  commuting sets (one measurement setting each: H, or S^+ then H, before Z readout).
  A diagonal observable (the usual battery Hamiltonian omega0/2 sum sigma_z) needs one
  setting: Z-basis counts.
* :func:`energy_plan`: the stored energy W(t) = Tr[H_B rho_B(t)] - Tr[H_B rho_B(0)]
  (the initial energy is exact: the initial state is prepared, not measured).
* :func:`tomography_plan`: the reduced state of up to three qubits (3^k Pauli settings).
  More battery cells than three: the 3^k settings and the 4^k-parameter state are the
  limit of full tomography; measure the energy with :func:`energy_plan` (one setting)
  instead, or single cells.
* :func:`estimator_pubs`: (circuit, observable) pairs for an ``EstimatorV2``, which picks
  its own settings, when that needs fewer shots (many non-commuting terms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product

import numpy as np
from qiskit.circuit import ClassicalRegister, QuantumCircuit
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.operators import embed

#: Full state tomography is offered up to this many qubits (3^k settings, 4^k parameters).
MAX_TOMOGRAPHY_QUBITS = 3


def measured_circuit(circuit: QuantumCircuit, qubits: Sequence[int], basis: str, name: str = "") -> QuantumCircuit:
    """``circuit`` followed by a rotation of each of ``qubits`` into ``basis`` and a readout.

    Parameters
    ----------
    circuit:
        The circuit to measure (it is copied, not changed).
    qubits:
        The qubits to read; classical bit j of the added register ``meas`` holds ``qubits[j]``.
    basis:
        One letter per qubit, ``X``, ``Y`` or ``Z``: ``basis[j]`` is the basis of ``qubits[j]``.
    name:
        The name of the measured circuit (default: the circuit's name and the basis).

    Returns
    -------
    QuantumCircuit
        The measured copy.
    """
    out = circuit.copy()
    creg = ClassicalRegister(len(qubits), "meas")
    out.add_register(creg)
    for j, (q, b) in enumerate(zip(qubits, basis)):
        if b == "X":
            out.h(q)
        elif b == "Y":
            out.sdg(q)
            out.h(q)
        elif b != "Z":
            raise ValueError(f"basis letters must be X, Y or Z, got {b!r}")
        out.measure(q, creg[j])
    out.name = name or f"{circuit.name} [{basis}]"
    return out


@dataclass
class MeasurementSetting:
    """One measured circuit of an :class:`ObservablePlan`: the mixture component it
    belongs to, its basis (``basis[j]`` for ``qubits[j]``), and the Pauli terms it
    estimates as (mask over the plan's qubits, coefficient): a term's value on an outcome
    is its coefficient times (-1)^(sum of the outcome's bits where the mask is True)."""

    component: int
    basis: str
    terms: list[tuple[np.ndarray, float]] = field(default_factory=list)


@dataclass
class ObservablePlan:
    """Circuits measuring one observable on a compiled evolution: one circuit per setting;
    ``constant`` (the identity part plus an offset) is exact, not measured; the
    components' results are averaged with ``weights``. Estimate with
    :func:`qbcircuit.pipeline.estimate.observable_estimate`."""

    name: str
    qubits: tuple[int, ...]
    weights: tuple[float, ...]
    circuits: list[QuantumCircuit]
    settings: list[MeasurementSetting]
    constant: float


def observable_plan(compiled, observable: SparsePauliOp, *, offset: float = 0.0, name: str = "observable") -> ObservablePlan:
    """Measure ``observable`` on every component of ``compiled``.

    Parameters
    ----------
    compiled:
        A :class:`~qbcircuit.compile.evolution.CompiledEvolution` (or an open one).
    observable:
        A Hermitian Pauli sum on the model's whole register.
    offset:
        Added to the estimate (exact).
    name:
        A name for the plan and its circuits.

    Returns
    -------
    ObservablePlan
        The circuits (qubit-wise commuting groups, one setting each, per component) and
        what each setting estimates; the estimate is <observable> + ``offset``.
    """
    n = compiled.model.num_qubits
    if observable.num_qubits != n:
        raise ValueError(f"observable must act on the model's {n} qubits, got {observable.num_qubits}")
    obs = observable.simplify(atol=1e-12)
    if np.max(np.abs(np.imag(obs.coeffs)), initial=0.0) > 1e-10:
        raise ValueError("observable must be Hermitian (real Pauli coefficients)")
    constant = offset
    terms = []
    for label, c in obs.to_list():
        if set(label) == {"I"}:
            constant += float(np.real(c))
        else:
            terms.append((label, float(np.real(c))))
    qubits = tuple(q for q in range(n) if any(label[n - 1 - q] != "I" for label, _ in terms))
    groups = SparsePauliOp.from_list(terms).group_commuting(qubit_wise=True) if terms else []
    settings, circuits = [], []
    for k, comp in enumerate(compiled.components):
        for group in groups:
            basis = ["Z"] * len(qubits)
            setting_terms = []
            for label, c in group.to_list():
                mask = np.zeros(len(qubits), dtype=bool)
                for j, q in enumerate(qubits):
                    letter = label[n - 1 - q]
                    if letter != "I":
                        basis[j] = letter
                        mask[j] = True
                setting_terms.append((mask, float(np.real(c))))
            basis = "".join(basis)
            settings.append(MeasurementSetting(k, basis, setting_terms))
            circuits.append(measured_circuit(comp.circuit, qubits, basis, f"{name} {comp.label} [{basis}]"))
    return ObservablePlan(name, qubits, tuple(compiled.weights), circuits, settings, constant)


def energy_plan(compiled) -> ObservablePlan:
    """The stored energy W(t) = <H_B>(t) - <H_B>(0) of the battery, in the model's energy unit.

    Parameters
    ----------
    compiled:
        A compiled evolution of a battery model.

    Returns
    -------
    ObservablePlan
        The plan of H_B on the battery qubits, offset by minus the initial battery energy.
    """
    model = compiled.model
    h_b = embed(model.battery_hamiltonian, model.battery_qubits, model.num_qubits)
    return observable_plan(compiled, h_b, offset=-compiled.initial_battery_energy, name="energy")


def estimator_pubs(compiled, observable: SparsePauliOp) -> list[tuple[QuantumCircuit, SparsePauliOp]]:
    """EstimatorV2 pubs, one per mixture component.

    Parameters
    ----------
    compiled:
        A compiled evolution.
    observable:
        A Pauli sum on the model's register.

    Returns
    -------
    list
        (circuit, observable) per component; average the results with ``compiled.weights``
        (:func:`qbcircuit.pipeline.estimate.combine`).
    """
    return [(c, observable) for c in compiled.circuits]


@dataclass
class TomographyPlan:
    """Pauli tomography circuits: per mixture component, one circuit per basis in
    {X, Y, Z}^k of ``qubits`` (``settings[i] = (component, basis)`` for ``circuits[i]``).
    Reconstruct with :func:`qbcircuit.pipeline.estimate.tomography_state`."""

    qubits: tuple[int, ...]
    weights: tuple[float, ...]
    circuits: list[QuantumCircuit]
    settings: list[tuple[int, str]]
    initial_energy: float


def tomography_plan(compiled, qubits: Sequence[int] | None = None) -> TomographyPlan:
    """Pauli tomography of ``qubits`` on every component of ``compiled``.

    Parameters
    ----------
    compiled:
        A compiled evolution (closed or open).
    qubits:
        1 to :data:`MAX_TOMOGRAPHY_QUBITS` distinct qubits of the register (default: the battery).

    Returns
    -------
    TomographyPlan
        3^k circuits per component, their settings, the weights and the initial battery energy.
    """
    model = compiled.model
    qubits = tuple(model.battery_qubits if qubits is None else qubits)
    if not 1 <= len(qubits) <= MAX_TOMOGRAPHY_QUBITS:
        raise ValueError(
            f"tomography qubits must list 1 to {MAX_TOMOGRAPHY_QUBITS} qubits (3^k settings), got {len(qubits)}; "
            "measure the energy of a larger battery with energy_plan"
        )
    if len(set(qubits)) != len(qubits) or any(not 0 <= q < model.num_qubits for q in qubits):
        raise ValueError(f"tomography qubits must be distinct qubits in [0, {model.num_qubits - 1}], got {qubits}")
    circuits, settings = [], []
    for k, comp in enumerate(compiled.components):
        for letters in product("XYZ", repeat=len(qubits)):
            basis = "".join(letters)
            settings.append((k, basis))
            circuits.append(measured_circuit(comp.circuit, qubits, basis, f"tomography {comp.label} [{basis}]"))
    return TomographyPlan(qubits, tuple(compiled.weights), circuits, settings, compiled.initial_battery_energy)
