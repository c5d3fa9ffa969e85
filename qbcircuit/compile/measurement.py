"""Measurement circuits and the estimators that turn their counts into figures with errors.

A *plan* is a list of circuits (a compiled evolution's component circuits with basis
rotations and measurements appended) and an ``estimate(counts)`` that takes one counts
dictionary per circuit, in the same order, and returns values with standard errors. The
run layer only runs ``plan.circuits`` (any shots each) and hands back the counts.

Counts keys are bit strings over the plan's classical register, Qiskit order: the last
character is classical bit 0, which holds ``plan.qubits[0]``.

* :func:`observable_plan`: any Hermitian Pauli sum, its terms grouped into qubit-wise
  commuting sets (one measurement setting each: H, or S^+ then H, before Z readout).
  A diagonal observable (the usual battery Hamiltonian omega0/2 sum sigma_z) needs one
  setting: Z-basis counts. Standard error: the sample variance of the per-shot value
  within each setting, combined over settings and mixture components as independent
  samples: var = sum_k w_k^2 sum_g s_kg^2 / shots_kg.
* :func:`energy_plan`: the stored energy W(t) = Tr[H_B rho_B(t)] - Tr[H_B rho_B(0)]
  (the initial energy is exact: the initial state is prepared, not measured).
* :func:`tomography_plan`: the reduced state of up to three qubits (3^k Pauli
  settings; linear inversion, then the closest physical state, Smolin, Gambetta and
  Smith, PRL 108, 070502 (2012)), the battery energy and the ergotropy from it; error
  bars by a parametric bootstrap over the counts. More battery cells than three: the
  3^k settings and the 4^k-parameter state are the limit of full tomography; measure the
  energy with :func:`energy_plan` (one setting) instead, or single cells.
* :func:`estimator_pubs`: (circuit, observable) pairs for an ``EstimatorV2``, which picks
  its own settings, when that needs fewer shots (many non-commuting terms); combine the
  per-component results with :func:`combine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product

import numpy as np
from qiskit.circuit import ClassicalRegister, QuantumCircuit
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.metrics import ergotropy
from qbcircuit.operators import embed

#: Full state tomography is offered up to this many qubits (3^k settings, 4^k parameters).
MAX_TOMOGRAPHY_QUBITS = 3


@dataclass(frozen=True)
class Estimate:
    """A measured value and its standard error (one standard deviation)."""

    value: float
    stderr: float

    def to_dict(self) -> dict:
        return {"value": self.value, "stderr": self.stderr}


def combine(weights: Sequence[float], values: Sequence[float], stderrs: Sequence[float]) -> Estimate:
    """The weighted average of independent estimates (the components of a mixture)."""
    w = np.asarray(weights, dtype=float)
    return Estimate(float(w @ np.asarray(values)), float(np.sqrt(np.sum((w * np.asarray(stderrs)) ** 2))))


def measured_circuit(circuit: QuantumCircuit, qubits: Sequence[int], basis: str, name: str = "") -> QuantumCircuit:
    """``circuit`` followed by a rotation of each of ``qubits`` into ``basis`` and a readout.

    ``basis[j]`` ('X', 'Y' or 'Z') is the basis of ``qubits[j]``; classical bit j holds it.
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


def _outcomes(counts: dict[str, int], width: int) -> tuple[np.ndarray, np.ndarray]:
    """(bits array [outcomes, width] with column j = classical bit j, counts per outcome)."""
    keys = [k.replace(" ", "") for k in counts]
    if any(len(k) != width for k in keys):
        raise ValueError(f"counts keys must be bit strings of length {width}, got {sorted(keys)[:3]}")
    bits = np.array([[int(k[width - 1 - j]) for j in range(width)] for k in keys], dtype=int).reshape(-1, width)
    n = np.array(list(counts.values()), dtype=float)
    if n.sum() <= 0:
        raise ValueError("counts must hold at least one shot")
    return bits, n


def _pauli_signs(bits: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(-1)^(sum of the bits where mask is True), per outcome."""
    return 1.0 - 2.0 * (bits[:, mask].sum(axis=1) % 2)


@dataclass
class _Setting:
    component: int
    basis: str  # one letter per measured qubit, basis[j] for qubits[j]
    terms: list[tuple[np.ndarray, float]] = field(default_factory=list)  # (mask, coefficient)


@dataclass
class ObservablePlan:
    """Circuits measuring one observable on a compiled evolution (see module docstring)."""

    name: str
    qubits: tuple[int, ...]
    weights: tuple[float, ...]
    circuits: list[QuantumCircuit]
    settings: list[_Setting]
    constant: float  # identity part plus offset, exact

    def estimate(self, counts: Sequence[dict[str, int]]) -> Estimate:
        if len(counts) != len(self.circuits):
            raise ValueError(f"counts must hold one dictionary per circuit ({len(self.circuits)}), got {len(counts)}")
        means = np.zeros(len(self.weights))
        variances = np.zeros(len(self.weights))
        for setting, c in zip(self.settings, counts):
            bits, n = _outcomes(c, len(self.qubits))
            per_shot = sum(coeff * _pauli_signs(bits, mask) for mask, coeff in setting.terms)
            shots = n.sum()
            mean = float(n @ per_shot / shots)
            var = float(n @ (per_shot - mean) ** 2 / max(shots - 1, 1))
            means[setting.component] += mean
            variances[setting.component] += var / shots
        w = np.asarray(self.weights)
        return Estimate(float(w @ means) + self.constant, float(np.sqrt(np.sum(w**2 * variances))))


def observable_plan(compiled, observable: SparsePauliOp, *, offset: float = 0.0, name: str = "observable") -> ObservablePlan:
    """Measure ``observable`` (a Hermitian Pauli sum on the whole register) on every
    component of ``compiled`` (a :class:`~qbcircuit.compile.evolution.CompiledEvolution`);
    the estimate is <observable> + ``offset``."""
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
            settings.append(_Setting(k, basis, setting_terms))
            circuits.append(measured_circuit(comp.circuit, qubits, basis, f"{name} {comp.label} [{basis}]"))
    return ObservablePlan(name, qubits, tuple(compiled.weights), circuits, settings, constant)


def energy_plan(compiled) -> ObservablePlan:
    """The stored energy W(t) = <H_B>(t) - <H_B>(0) of the battery, in the model's energy unit."""
    model = compiled.model
    h_b = embed(model.battery_hamiltonian, model.battery_qubits, model.num_qubits)
    return observable_plan(compiled, h_b, offset=-compiled.initial_battery_energy, name="energy")


def estimator_pubs(compiled, observable: SparsePauliOp) -> list[tuple[QuantumCircuit, SparsePauliOp]]:
    """EstimatorV2 pubs, one per mixture component; average the results with
    ``compiled.weights`` through :func:`combine`."""
    return [(c, observable) for c in compiled.circuits]


# -- tomography ------------------------------------------------------------------------------


def physical_state(rho: np.ndarray) -> np.ndarray:
    """The density matrix closest to the Hermitian, unit-trace ``rho`` (Smolin et al. 2012):
    negative eigenvalues are set to zero and their weight spread over the others."""
    rho = 0.5 * (rho + rho.conj().T)
    vals, vecs = np.linalg.eigh(rho)
    vals = vals[::-1] / np.real(np.trace(rho))
    vecs = vecs[:, ::-1]
    d = vals.size
    lam = np.zeros(d)
    acc = 0.0
    i = d - 1
    while i >= 0 and vals[i] + acc / (i + 1) < 0:
        acc += vals[i]
        i -= 1
    lam[: i + 1] = vals[: i + 1] + acc / (i + 1)
    return (vecs * lam) @ vecs.conj().T


_PAULI = {
    "I": np.eye(2),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.diag([1.0, -1.0]).astype(complex),
}


def _pauli_matrix(letters: str) -> np.ndarray:
    """letters[j] acts on qubit j (little-endian: qubit 0 is the rightmost Kronecker factor)."""
    out = np.array([[1.0 + 0j]])
    for letter in letters:
        out = np.kron(_PAULI[letter], out)
    return out


@dataclass(frozen=True)
class TomographyResult:
    """Reduced state of the measured qubits (qubit j = ``qubits[j]``), its battery energy
    (absolute and stored) and ergotropy, each with a bootstrap standard error."""

    rho: np.ndarray
    battery_energy: Estimate
    energy: Estimate
    ergotropy: Estimate


@dataclass
class TomographyPlan:
    qubits: tuple[int, ...]
    weights: tuple[float, ...]
    circuits: list[QuantumCircuit]
    settings: list[tuple[int, str]]  # (component, basis)
    hamiltonian: np.ndarray | None
    initial_energy: float

    def state(self, counts: Sequence[dict[str, int]]) -> np.ndarray:
        """Linear-inversion estimate (Hermitian, unit trace, possibly not positive)."""
        return self._state([_outcomes(c, len(self.qubits)) for c in counts])

    def _state(self, parsed: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        k = len(self.qubits)
        sums: dict[tuple[int, str], list[float]] = {}
        for (comp, basis), (bits, n) in zip(self.settings, parsed):
            shots = n.sum()
            # every Pauli string made of I and this setting's letters is estimated here
            for keep in product((False, True), repeat=k):
                if not any(keep):
                    continue
                letters = "".join(b if kp else "I" for b, kp in zip(basis, keep))
                value = float(n @ _pauli_signs(bits, np.array(keep)) / shots)
                sums.setdefault((comp, letters), []).append(value)
        d = 2**k
        rho = np.zeros((d, d), dtype=complex)
        for comp, w in enumerate(self.weights):
            part = np.eye(d, dtype=complex)
            for (c, letters), values in sums.items():
                if c == comp:
                    part += float(np.mean(values)) * _pauli_matrix(letters)
            rho += w * part / d
        return rho

    def estimate(self, counts: Sequence[dict[str, int]], *, bootstrap: int = 200, seed: int | None = None) -> TomographyResult:
        """The state, energy and ergotropy; errors from ``bootstrap`` multinomial resamplings
        of every setting's counts."""
        if len(counts) != len(self.circuits):
            raise ValueError(f"counts must hold one dictionary per circuit ({len(self.circuits)}), got {len(counts)}")
        if self.hamiltonian is None:
            raise ValueError("this tomography plan has no Hamiltonian: use .state(counts)")
        parsed = [_outcomes(c, len(self.qubits)) for c in counts]
        rho_lin = self._state(parsed)
        figures = self._figures(rho_lin)
        rng = np.random.default_rng(seed)
        samples = []
        for _ in range(bootstrap):
            resampled = [(bits, rng.multinomial(int(n.sum()), n / n.sum()).astype(float)) for bits, n in parsed]
            samples.append(self._figures(self._state(resampled)))
        err = np.asarray(samples).std(axis=0, ddof=1)
        return TomographyResult(
            physical_state(rho_lin),
            Estimate(figures[0], float(err[0])),
            Estimate(figures[0] - self.initial_energy, float(err[0])),
            Estimate(figures[1], float(err[1])),
        )

    def _figures(self, rho: np.ndarray) -> tuple[float, float]:
        # energy is linear: taken from the unbiased linear-inversion state
        e = float(np.real(np.trace(self.hamiltonian @ rho)))
        return e, ergotropy(physical_state(rho), self.hamiltonian)


def tomography_plan(compiled, qubits: Sequence[int] | None = None) -> TomographyPlan:
    """Pauli tomography of ``qubits`` (default: the battery) on every component of
    ``compiled``; with the battery's qubits the estimate carries energy and ergotropy."""
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
    h = model.battery_hamiltonian.to_matrix() if qubits == tuple(model.battery_qubits) else None
    return TomographyPlan(qubits, tuple(compiled.weights), circuits, settings, h, compiled.initial_battery_energy)
