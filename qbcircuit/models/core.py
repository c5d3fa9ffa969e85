"""The one description of a battery that every stage reads.

A :class:`BatteryModel` holds operators on a register of ``num_qubits`` qubits (Qiskit
order: qubit 0 is the least significant bit) as ``SparsePauliOp``:

* ``battery_hamiltonian``: H_B on the battery cells only (its qubit j is register qubit
  ``battery_qubits[j]``). It defines the stored energy and the ergotropy.
* ``hamiltonian``: the static part of the total Hamiltonian that generates the dynamics
  (battery, chargers, couplings), and ``drives``: time-dependent terms, operator times a
  real coefficient function of t.
* ``jump_operators``: Lindblad channels L with rates gamma, in the convention
  gamma (L rho L^+ - {L^+ L, rho}/2). Papers written with 2 L rho L^+ - ... are converted
  in the model's module, with a comment.
* ``redfield_couplings``: system operators A with bath spectra S(omega), for the
  Bloch-Redfield master equation where a paper needs it.
* ``initial_state``: pure, mixed, or a mixture of pure states.

The compilers (circuits, pulses) and the exact reference all read these same objects,
so they cannot disagree about the physics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.operators import embed, hermitian_part_real


@dataclass(frozen=True)
class DriveTerm:
    """A time-dependent Hamiltonian term ``coefficient(t) * operator`` (coefficient real)."""

    operator: SparsePauliOp
    coefficient: Callable[[float], float]
    label: str = "drive"


@dataclass(frozen=True)
class JumpOperator:
    """A Lindblad channel ``rate * D[operator]``, D[L]rho = L rho L^+ - {L^+ L, rho}/2."""

    operator: SparsePauliOp
    rate: float
    label: str = "jump"


@dataclass(frozen=True)
class RedfieldCoupling:
    """A system operator ``operator`` (Hermitian) coupled to a bath with power spectrum
    ``spectrum(omega)`` (omega > 0: emission of energy omega into the bath), for the
    Bloch-Redfield master equation."""

    operator: SparsePauliOp
    spectrum: Callable[[float], float]
    label: str = "bath"


@dataclass(frozen=True)
class InitialState:
    """An initial state: a mixture sum_k p_k |psi_k><psi_k| of pure states, or a density matrix.

    Pure states are state vectors in Qiskit's order. Product states of computational
    basis states are best made with :meth:`from_bitstring` (which circuits can prepare
    directly); a mixture keeps its components so that circuits can run them separately
    and average, instead of preparing a mixed state.
    """

    weights: tuple[float, ...] = ()
    vectors: tuple[np.ndarray, ...] = ()
    density: np.ndarray | None = None
    bitstrings: tuple[str, ...] | None = None  # when each component is a basis state
    label: str = ""

    @classmethod
    def from_bitstring(cls, bits: str, label: str = "") -> "InitialState":
        """A computational basis state; ``bits`` in Qiskit order (qubit 0 is the last character)."""
        return cls.from_bitstring_mixture([(1.0, bits)], label=label or f"|{bits}>")

    @classmethod
    def from_bitstring_mixture(
        cls, components: Sequence[tuple[float, str]], label: str = ""
    ) -> "InitialState":
        weights, vectors, bits_list = [], [], []
        for weight, bits in components:
            if not bits or set(bits) - {"0", "1"}:
                raise ValueError(f"a basis state must be a string of 0 and 1, got {bits!r}")
            vec = np.zeros(2 ** len(bits), dtype=complex)
            vec[int(bits, 2)] = 1.0
            weights.append(float(weight))
            vectors.append(vec)
            bits_list.append(bits)
        state = cls(tuple(weights), tuple(vectors), None, tuple(bits_list), label)
        state._check_weights()
        return state

    @classmethod
    def from_vectors(
        cls, components: Sequence[tuple[float, np.ndarray]], label: str = ""
    ) -> "InitialState":
        """A mixture of pure states given as (weight, state vector) pairs."""
        weights = tuple(float(w) for w, _ in components)
        vectors = []
        for _, vec in components:
            vec = np.asarray(vec, dtype=complex).ravel()
            norm = np.linalg.norm(vec)
            if not np.isfinite(norm) or norm == 0:
                raise ValueError("an initial state vector must be non-zero and finite")
            vectors.append(vec / norm)
        state = cls(weights, tuple(vectors), None, None, label)
        state._check_weights()
        return state

    @classmethod
    def from_density_matrix(cls, rho: np.ndarray, label: str = "") -> "InitialState":
        rho = np.asarray(rho, dtype=complex)
        if rho.ndim != 2 or rho.shape[0] != rho.shape[1]:
            raise ValueError(f"initial density matrix must be square, got shape {rho.shape}")
        if not np.allclose(rho, rho.conj().T, atol=1e-10):
            raise ValueError("initial density matrix must be Hermitian")
        if abs(np.trace(rho) - 1) > 1e-8:
            raise ValueError(f"initial density matrix must have trace 1, got {np.trace(rho).real:.6g}")
        if np.linalg.eigvalsh(rho).min() < -1e-10:
            raise ValueError("initial density matrix must be positive semidefinite")
        return cls((), (), rho, None, label)

    def _check_weights(self) -> None:
        w = np.asarray(self.weights)
        if w.size == 0 or np.any(w < 0) or abs(w.sum() - 1) > 1e-10:
            raise ValueError(f"mixture weights must be >= 0 and sum to 1, got {list(self.weights)}")
        dims = {v.size for v in self.vectors}
        if len(dims) != 1:
            raise ValueError(f"all components of a mixture must have one dimension, got {sorted(dims)}")

    @property
    def dimension(self) -> int:
        return self.density.shape[0] if self.density is not None else self.vectors[0].size

    @property
    def is_pure(self) -> bool:
        return self.density is None and len(self.vectors) == 1

    def density_matrix(self) -> np.ndarray:
        if self.density is not None:
            return self.density
        return sum(w * np.outer(v, v.conj()) for w, v in zip(self.weights, self.vectors))

    def components(self) -> list[tuple[float, np.ndarray]]:
        """(weight, pure state) pairs; a density matrix is split into its eigenvectors."""
        if self.density is None:
            return list(zip(self.weights, self.vectors))
        vals, vecs = np.linalg.eigh(self.density)
        return [(float(p), vecs[:, k]) for k, p in enumerate(vals) if p > 1e-14]


@dataclass
class BatteryModel:
    """A battery charging protocol, as a paper states it. See the module docstring."""

    name: str
    num_qubits: int
    qubit_labels: tuple[str, ...]
    battery_qubits: tuple[int, ...]
    battery_hamiltonian: SparsePauliOp
    hamiltonian: SparsePauliOp
    initial_state: InitialState
    drives: tuple[DriveTerm, ...] = ()
    jump_operators: tuple[JumpOperator, ...] = ()
    redfield_couplings: tuple[RedfieldCoupling, ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    energy_unit: str = "1"
    time_unit: str = "1"
    description: str = ""
    reference: str = ""
    # Optional model-specific figures of merit: (model, rho_battery, rho_figure) ->
    # {name: value}, where rho_battery is the battery's reduced state and rho_figure the
    # reduced state of ``figure_qubits`` (None when the model names none), for figures
    # that need more than the battery (e.g. charger-battery concurrence).
    figures: Callable[["BatteryModel", np.ndarray, np.ndarray | None], dict[str, float]] | None = None
    figure_qubits: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        n = self.num_qubits
        if n < 1:
            raise ValueError(f"num_qubits must be >= 1, got {n}")
        if len(self.qubit_labels) != n:
            raise ValueError(f"qubit_labels must name all {n} qubits, got {len(self.qubit_labels)}")
        if not self.battery_qubits or any(not 0 <= q < n for q in self.battery_qubits):
            raise ValueError(f"battery_qubits must be qubit indices in [0, {n - 1}], got {self.battery_qubits}")
        if self.battery_hamiltonian.num_qubits != len(self.battery_qubits):
            raise ValueError(
                f"battery_hamiltonian must act on the {len(self.battery_qubits)} battery qubits, "
                f"got {self.battery_hamiltonian.num_qubits}"
            )
        if any(not 0 <= q < n for q in self.figure_qubits) or len(set(self.figure_qubits)) != len(self.figure_qubits):
            raise ValueError(f"figure_qubits must be distinct qubit indices in [0, {n - 1}], got {self.figure_qubits}")
        self.battery_hamiltonian = hermitian_part_real(self.battery_hamiltonian, "battery_hamiltonian")
        self.hamiltonian = hermitian_part_real(self._check_size(self.hamiltonian, "hamiltonian"), "hamiltonian")
        for term in self.drives:
            self._check_size(term.operator, f"drive {term.label!r}")
            hermitian_part_real(term.operator, f"drive {term.label!r}")
            if not callable(term.coefficient):
                raise ValueError(f"drive {term.label!r} needs a callable coefficient(t)")
        for jump in self.jump_operators:
            self._check_size(jump.operator, f"jump operator {jump.label!r}")
            if not np.isfinite(jump.rate) or jump.rate < 0:
                raise ValueError(f"rate of jump operator {jump.label!r} must be >= 0, got {jump.rate}")
        for bath in self.redfield_couplings:
            self._check_size(bath.operator, f"Redfield coupling {bath.label!r}")
            hermitian_part_real(bath.operator, f"Redfield coupling {bath.label!r}")
        if self.initial_state.dimension != 2**n:
            raise ValueError(
                f"initial state must have dimension 2**{n} = {2**n}, got {self.initial_state.dimension}"
            )

    def _check_size(self, op: SparsePauliOp, what: str) -> SparsePauliOp:
        if op.num_qubits != self.num_qubits:
            raise ValueError(f"{what} must act on {self.num_qubits} qubits, got {op.num_qubits}")
        return op

    # -- views used by the reference and the compilers -------------------------------
    @property
    def dimension(self) -> int:
        return 2**self.num_qubits

    @property
    def is_open(self) -> bool:
        return bool(self.jump_operators or self.redfield_couplings)

    @property
    def is_time_dependent(self) -> bool:
        return bool(self.drives)

    def battery_hamiltonian_on_register(self) -> SparsePauliOp:
        """H_B placed on the battery qubits of the full register."""
        return embed(self.battery_hamiltonian, self.battery_qubits, self.num_qubits)

    def hamiltonian_at(self, t: float) -> SparsePauliOp:
        """H(t) = hamiltonian + sum_k c_k(t) drive_k."""
        total = self.hamiltonian
        for term in self.drives:
            total = total + float(term.coefficient(t)) * term.operator
        return total.simplify()

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (no operators), for result files."""
        return {
            "model": self.name,
            "parameters": dict(self.parameters),
            "num_qubits": self.num_qubits,
            "qubits": {str(q): lbl for q, lbl in enumerate(self.qubit_labels)},
            "battery_qubits": list(self.battery_qubits),
            "energy_unit": self.energy_unit,
            "time_unit": self.time_unit,
            "jump_operators": [{"label": j.label, "rate": j.rate} for j in self.jump_operators],
            "drives": [d.label for d in self.drives],
            "initial_state": self.initial_state.label,
            "reference": self.reference,
        }
