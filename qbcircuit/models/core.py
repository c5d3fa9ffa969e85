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

A model whose dynamics a symmetry confines to a small space (the symmetric Dicke sector
of identical cells, a block of fixed excitation number) may also carry ``reduced``: the
same Hamiltonian and initial state written in that space (:class:`ReducedSpace`), which
the reference solves at sizes the qubit register cannot hold (M = N = 1000 spins). Such a
model keeps every register field while the register is small enough; beyond that its
register fields are :class:`RegisterUnavailable` placeholders, which answer any use with a
one-line ValueError naming the model, instead of a memory error deep inside a compiler.

A model whose Hamiltonian is quadratic in Jordan-Wigner fermions (an XY chain in a field)
may carry ``gaussian``: the same Hamiltonian, battery Hamiltonian and initial state as
Majorana matrices (:class:`GaussianSpace`, built by :mod:`qbcircuit.models.fermions`), which
the free-fermion reference solves at any size (N = 1000 cells: 2N x 2N matrices instead of
2^N amplitudes). A basis state of more than :data:`STATE_VECTOR_LIMIT` qubits is held as its
bit string only (no 2^n vector), so such a model keeps its register operators (for the
compilers) at sizes no state vector reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.metrics import battery_figures, figure_units, partial_trace
from qbcircuit.operators import embed, hermitian_part_real

#: The Bloch-Redfield secular cutoff a model is solved with unless it names its own: terms
#: whose Bohr frequencies differ by less than SECULAR_CUTOFF x (the smallest non-zero level
#: spacing) are kept. A model asking for the full, non-secular Redfield equation says
#: ``sec_cutoff = -1``; every solver reads ``model.sec_cutoff``, never this constant.
SECULAR_CUTOFF = 0.1

#: A basis-state initial state on more qubits than this keeps its bit strings only: its 2^n
#: state vector, density matrix and components are not built (asking for them raises a
#: ValueError); circuits prepare it from the bit strings, and the battery's initial energy
#: is read off them (diagonal H_B).
STATE_VECTOR_LIMIT = 20


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
            weights.append(float(weight))
            bits_list.append(bits)
            if len(bits) <= STATE_VECTOR_LIMIT:  # beyond: the bit string alone (module docstring)
                vec = np.zeros(2 ** len(bits), dtype=complex)
                vec[int(bits, 2)] = 1.0
                vectors.append(vec)
        if len({len(b) for b in bits_list}) > 1:
            raise ValueError(f"all components of a mixture must have one dimension, got {sorted({2 ** len(b) for b in bits_list})}")
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
        if len(dims) > 1 or (not dims and not self.bitstrings):
            raise ValueError(f"all components of a mixture must have one dimension, got {sorted(dims)}")

    @property
    def dimension(self) -> int:
        if self.density is not None:
            return self.density.shape[0]
        return self.vectors[0].size if self.vectors else 2 ** len(self.bitstrings[0])

    @property
    def num_qubits(self) -> int:
        return int(self.dimension).bit_length() - 1

    @property
    def has_vectors(self) -> bool:
        """False for a basis state held as bit strings only (more than STATE_VECTOR_LIMIT qubits)."""
        return self.density is not None or bool(self.vectors)

    def require_vectors(self) -> None:
        """Raise a one-line ValueError if the state has no vectors (bit strings only)."""
        if not self.has_vectors:
            raise ValueError(
                f"the initial state {self.label or ''} on {self.num_qubits} qubits is held as bit strings only "
                f"(no 2^{self.num_qubits} state vector beyond {STATE_VECTOR_LIMIT} qubits); the full-register "
                "solver cannot start from it (a model with a reduced or free-fermion description is solved there)"
            )

    @property
    def is_pure(self) -> bool:
        return self.density is None and len(self.weights) == 1

    def density_matrix(self) -> np.ndarray:
        if self.density is not None:
            return self.density
        self.require_vectors()
        return sum(w * np.outer(v, v.conj()) for w, v in zip(self.weights, self.vectors))

    def components(self) -> list[tuple[float, np.ndarray]]:
        """(weight, pure state) pairs; a density matrix is split into its eigenvectors."""
        if self.density is None:
            self.require_vectors()
            return list(zip(self.weights, self.vectors))
        vals, vecs = np.linalg.eigh(self.density)
        return [(float(p), vecs[:, k]) for k, p in enumerate(vals) if p > 1e-14]


@dataclass(frozen=True)
class TruncatedMode:
    """A bosonic mode held in binary on ``qubits`` (2^len(qubits) Fock levels; qubits[j]
    carries bit j of the photon number).

    ``parameter`` is the model parameter that sets the number of qubits and ``max_qubits``
    its upper limit. ``automatic`` says the builder chose the number as a cheap starting
    estimate (no solver runs while a model is built): the exact reference then adds one
    qubit at a time, rebuilding the model by ``parameter``, until the reported battery
    figures stop moving (qbcircuit/reference/truncation.py). ``exact`` says the truncation
    loses nothing (e.g. a conserved excitation number bounds the photons): never grown.
    ``mode_figures`` names the model's figures that are figures of the mode itself (e.g.
    its photon number): they are not used to decide convergence, and the reference reports
    how far the last added qubit moved them. For a model with several identical modes
    (one per cell), ``qubits`` are those of the first and ``parameter`` sets them all.
    """

    qubits: tuple[int, ...]
    parameter: str
    automatic: bool
    max_qubits: int
    exact: bool = False
    mode_figures: tuple[str, ...] = ()

    @property
    def levels(self) -> int:
        return 2 ** len(self.qubits)


@dataclass(frozen=True)
class ReducedSpace:
    """A model's closed dynamics in a symmetry-reduced basis (see the module docstring).

    Every reduced basis state is a product |b> (x) |r> of a battery basis state b in
    ``range(battery_dim)`` and a state r of everything else in ``range(rest_dim)``:
    ``battery_index[i]``, ``rest_index[i]`` give them for basis state i, so the battery's
    reduced state is a partial trace over r. ``hamiltonian`` (sparse, d x d) is the static
    generator in the model's units (the same operator as ``BatteryModel.hamiltonian``
    restricted to the space); ``components`` the initial mixture of pure states.

    ``battery_hamiltonian`` is H_B on the battery basis, and ``battery_levels`` the lowest
    ``battery_dim`` eigenvalues of H_B on the FULL battery register, with multiplicity: a
    battery state supported on the reduced battery basis has rank <= battery_dim, and its
    passive state fills the lowest levels of the full spectrum (unitaries act on all 2^M
    states of the cells, not only on the symmetric ones), which gives the ergotropy.

    ``copies`` > 1 stands for that many identical, independent copies (parallel charging):
    energy and ergotropy are ``copies`` times those of one copy. For a qubit battery this
    is exact for the ergotropy too (the passive state of a product of identical qubit
    states is the product of their passive states), so copies > 1 needs battery_dim 2.
    """

    basis: str
    hamiltonian: Any  # scipy.sparse matrix, d x d, Hermitian
    components: tuple[tuple[float, np.ndarray], ...]
    battery_index: np.ndarray
    rest_index: np.ndarray
    battery_dim: int
    rest_dim: int
    battery_hamiltonian: Any  # scipy.sparse or dense, battery_dim x battery_dim
    battery_levels: np.ndarray
    copies: int = 1
    info: dict[str, Any] = field(default_factory=dict)  # e.g. a cavity truncation check, for result files

    def __post_init__(self) -> None:
        d = self.hamiltonian.shape[0]
        if self.hamiltonian.shape != (d, d) or self.battery_index.shape != (d,) or self.rest_index.shape != (d,):
            raise ValueError(f"reduced space: hamiltonian and the index maps must all have dimension {d}")
        if any(v.shape != (d,) for _, v in self.components):
            raise ValueError(f"reduced space: initial components must be vectors of dimension {d}")
        if abs(sum(w for w, _ in self.components) - 1) > 1e-10:
            raise ValueError("reduced space: initial weights must sum to 1")
        if len(self.battery_levels) < self.battery_dim:
            raise ValueError(f"reduced space: battery_levels must hold the lowest {self.battery_dim} levels")
        if self.copies < 1 or (self.copies > 1 and self.battery_dim != 2):
            raise ValueError("reduced space: copies > 1 needs a single-qubit battery (battery_dim 2)")

    @property
    def dimension(self) -> int:
        return self.hamiltonian.shape[0]


@dataclass(frozen=True)
class GaussianSpace:
    """A closed model's dynamics in free-fermion (Gaussian) form (see the module docstring).

    Jordan-Wigner order: site j is register qubit j, and the string runs over qubits
    0 .. j-1. The 2N Majorana operators are w_{2j} = Z_0 ... Z_{j-1} X_j and
    w_{2j+1} = Z_0 ... Z_{j-1} Y_j (Hermitian, {w_k, w_l} = 2 delta_kl). An operator
    quadratic in them is written (i/4) sum_kl h_kl w_k w_l + offset with h real
    antisymmetric (:func:`qbcircuit.models.fermions.majorana_form`); a state by its
    correlation matrix Gamma_kl = (i/2) <[w_k, w_l]> (real antisymmetric; Gamma^2 = -1
    for a pure Gaussian state), so that <(i/4) w^T h w> = (1/4) sum_kl h_kl Gamma_kl.

    ``hamiltonian``/``hamiltonian_offset``: the static H (the same operator as
    ``BatteryModel.hamiltonian``), ``battery_hamiltonian``/``battery_offset``: H_B (every
    site is a battery cell); both 2N x 2N, scipy.sparse. ``initial_correlation``: Gamma of
    the initial state, which must be pure (the battery is the whole chain, so its
    ergotropy is E - ``battery_ground_energy``, the lowest eigenvalue of H_B, a closed form
    the model states). ``local_figures``: the model's figures of contiguous blocks of
    cells, ``local_figures({L: states})`` with ``states[j]`` the reduced state of cells
    j .. j+L-1 (Qiskit order within the block: cell j is the block's qubit 0) for each
    length L in ``local_blocks``; the register description's ``figures`` hook computes
    the same function from partial traces, so both solvers report the same figures.
    """

    sites: int
    hamiltonian: Any  # scipy.sparse, 2N x 2N, real antisymmetric
    hamiltonian_offset: float
    battery_hamiltonian: Any  # scipy.sparse, 2N x 2N, real antisymmetric
    battery_offset: float
    initial_correlation: Any  # scipy.sparse or dense, 2N x 2N, real antisymmetric
    battery_ground_energy: float
    basis: str = "Jordan-Wigner Majorana modes"
    local_blocks: tuple[int, ...] = ()
    local_figures: Callable[[dict[int, np.ndarray]], dict[str, float]] | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        d = 2 * self.sites
        for name in ("hamiltonian", "battery_hamiltonian", "initial_correlation"):
            m = getattr(self, name)
            if m.shape != (d, d):
                raise ValueError(f"gaussian space: {name} must be {d} x {d} (2 x {self.sites} sites), got {m.shape}")
            if np.iscomplexobj(m) or abs(m + m.T).max() > 1e-12:
                raise ValueError(f"gaussian space: {name} must be real antisymmetric")
        g = self.initial_correlation
        square = g @ g
        if abs(square + (np.identity(d) if not hasattr(square, "tocsr") else _sparse_identity(d))).max() > 1e-10:
            raise ValueError("gaussian space: the initial state must be pure (initial_correlation^2 = -1)")
        if any(not 1 <= L <= self.sites for L in self.local_blocks) or (self.local_blocks and self.local_figures is None):
            raise ValueError(f"gaussian space: local_blocks must be block lengths in [1, {self.sites}] with a local_figures function")

    @property
    def dimension(self) -> int:
        """2N: the number of Majorana modes."""
        return 2 * self.sites


def _sparse_identity(d: int):
    import scipy.sparse as sp

    return sp.identity(d, format="csr")


class RegisterUnavailable:
    """Stands in for a register field (an operator, the initial state) of a model too large
    for the full qubit register: any use raises a one-line ValueError."""

    def __init__(self, model: str, num_qubits: int, what: str, limit: int):
        self._message = (
            f"model {model!r} on {num_qubits} qubits has no full-register {what} (register "
            f"descriptions stop at {limit} qubits); only its symmetry-reduced description "
            "exists, which the exact reference (time_series, qbc exact) uses"
        )

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise ValueError(self._message)

    def __repr__(self) -> str:
        return "RegisterUnavailable()"


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
    # The symmetry-reduced description, when the model has one (see ReducedSpace).
    reduced: ReducedSpace | None = None
    # The free-fermion description, when the model has one (see GaussianSpace).
    gaussian: GaussianSpace | None = None
    # The end of the time window the paper's figures use (in time_unit), when it has one.
    default_t_final: float | None = None
    # Bloch-Redfield secular cutoff the model is meant to be solved with (-1: the full,
    # non-secular Redfield equation); the reference uses it unless told otherwise.
    sec_cutoff: float = SECULAR_CUTOFF
    # A truncated bosonic mode whose truncation the reference checks (None: none).
    truncated_mode: TruncatedMode | None = None
    # An ensemble (e.g. disorder realisations): the paper's figures are the average over
    # ``realisations`` models built with seed_parameter = seed, seed + 1, ...; this model
    # is the first of them (reference/ensemble.py averages).
    realisations: int = 1
    seed_parameter: str = "seed"
    # Model-specific numbers the figures hook and the tests read (e.g. a ground energy).
    extras: dict[str, Any] = field(default_factory=dict)
    _initial_energy: float | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def has_register(self) -> bool:
        """False when the model is too large for the qubit register (reduced description only)."""
        return not isinstance(self.hamiltonian, RegisterUnavailable)

    def __post_init__(self) -> None:
        n = self.num_qubits
        if not self.has_register:
            if self.reduced is None and self.gaussian is None:
                raise ValueError(f"model {self.name!r} needs a register description or a reduced (or free-fermion) one")
            if self.drives or self.is_open:
                raise ValueError(f"model {self.name!r}: a reduced-only model must be closed and static")
            return
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
        if self.truncated_mode is not None and any(not 0 <= q < n for q in self.truncated_mode.qubits):
            raise ValueError(f"truncated_mode qubits must be qubit indices in [0, {n - 1}], got {self.truncated_mode.qubits}")
        if self.realisations < 1:
            raise ValueError(f"realisations must be >= 1, got {self.realisations}")
        if self.initial_state.dimension != 2**n:
            raise ValueError(
                f"initial state must have dimension 2**{n} = {2**n}, got {self.initial_state.dimension}"
            )
        if self.gaussian is not None:
            if self.gaussian.sites != n or tuple(self.battery_qubits) != tuple(range(n)) or self.drives or self.is_open:
                raise ValueError(f"model {self.name!r}: a free-fermion description needs a closed, static model whose "
                                 "battery is every qubit, one site per qubit")

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

    # -- figures of merit (computed by metrics/, the same for every stage) -------------
    def initial_battery_energy(self) -> float:
        """Tr[H_B rho_B(0)]: the zero of the stored energy W(t)."""
        cached = self._initial_energy
        if cached is None:
            state, h = self.initial_state, self.battery_hamiltonian
            if state.bitstrings is not None and not np.any(h.paulis.x):
                # diagonal H_B on basis states: a Z string is (-1)^(parity of its bits); no 2^n matrix
                z = np.asarray(h.paulis.z, dtype=bool)
                coeffs = np.real(np.asarray(h.coeffs) * (-1j) ** np.asarray(h.paulis.phase))
                cached = 0.0
                for w, bits in zip(state.weights, state.bitstrings):
                    b = np.array([bits[-1 - q] == "1" for q in self.battery_qubits], dtype=bool)
                    parity = np.count_nonzero(z & b, axis=1) % 2
                    cached += w * float(coeffs @ (1.0 - 2.0 * parity))
            else:
                rho_b = partial_trace(state.density_matrix(), self.battery_qubits, self.num_qubits)
                cached = battery_figures(rho_b, h.to_matrix(), 0.0)["battery_energy"]
            self._initial_energy = cached
        return cached

    def battery_figures(self, rho_battery: np.ndarray, rho_figure: np.ndarray | None = None) -> dict[str, float]:
        """The figures of one battery state: stored energy (relative to the initial state),
        battery energy, ergotropy (:func:`qbcircuit.metrics.battery_figures`) and the
        model's own figures (``figures``, which may read ``rho_figure``, the reduced state
        of ``figure_qubits``).

        Parameters
        ----------
        rho_battery:
            The battery's reduced state on ``battery_qubits`` (Qiskit order).
        rho_figure:
            The reduced state of ``figure_qubits``, for models that name some (None: the
            model's own figures are left out).

        Returns
        -------
        dict
            figure name -> value, in ``energy_unit`` for energies.
        """
        out = battery_figures(rho_battery, self.battery_hamiltonian.to_matrix(), self.initial_battery_energy())
        # the model's own figures read the figure qubits' state: without it (a measurement
        # that did not cover those qubits) they are not computed
        if self.figures is not None and (rho_figure is not None or not self.figure_qubits):
            out.update(self.figures(self, rho_battery, rho_figure))
        return out

    @property
    def units(self) -> dict[str, str]:
        """The unit of each standard figure and of time."""
        return figure_units(self.energy_unit, self.time_unit)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (no operators), for result files."""
        initial = self.initial_state.label if self.has_register else self.reduced.info.get("initial_state", "")
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
            "initial_state": initial,
            "reference": self.reference,
        }
