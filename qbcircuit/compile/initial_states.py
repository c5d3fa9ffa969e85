"""Circuits that prepare a model's initial state, one per component of a mixture.

* A computational basis state (a charged or empty cell, a Fock level of a binary-encoded
  mode): X gates.
* A Dicke state |D^n_k> (k excitations shared symmetrically by n qubits, e.g. a charger
  register) times a basis state on the other qubits: the deterministic circuit of
  Baertschi and Eidenbenz (FCT 2019), O(n k) gates, no ancillas. Detected from the
  state vector, so a model needs no special flag.
* Any other pure state: Qiskit's ``StatePreparation`` (exponential in the qubit count:
  fine for the few qubits of a cell or a charger).
* A mixture (the papers' non-ideal initial states) or a density matrix (split into its
  eigenvectors): one circuit per pure component, run separately and averaged with the
  weights, which is exact for every linear figure (energies, reduced states).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
from qiskit.circuit import QuantumCircuit
from qiskit.circuit.library import RYGate, StatePreparation

from qbcircuit.models.core import InitialState

#: Mixture components with a smaller weight are dropped (and the weights renormalised).
WEIGHT_CUTOFF = 1e-12


@dataclass(frozen=True)
class PreparedComponent:
    """One pure component of the initial state: ``weight`` and the circuit preparing it."""

    weight: float
    circuit: QuantumCircuit
    label: str


def basis_state_circuit(bits: str) -> QuantumCircuit:
    """|bits> from |0...0>; ``bits`` in Qiskit order (qubit 0 is the last character)."""
    n = len(bits)
    qc = QuantumCircuit(n, name=f"|{bits}>")
    for q in range(n):
        if bits[n - 1 - q] == "1":
            qc.x(q)
    return qc


def _scs(qc: QuantumCircuit, qubits: list[int], n: int, k: int) -> None:
    """Split-and-cyclic-shift SCS_{n,k} of Baertschi-Eidenbenz on positions 1..n of
    ``qubits`` (position p is qubits[p - 1]); it acts on positions n-k .. n."""
    pos = lambda p: qubits[p - 1]  # noqa: E731
    # the two-qubit block on positions (n-1, n)
    qc.cx(pos(n - 1), pos(n))
    qc.append(RYGate(2 * np.arccos(np.sqrt(1 / n))).control(1, annotated=False), [pos(n), pos(n - 1)])
    qc.cx(pos(n - 1), pos(n))
    # the three-qubit blocks on positions (n-l, n-l+1, n), l = 2..k
    for l in range(2, k + 1):
        qc.cx(pos(n - l), pos(n))
        qc.append(RYGate(2 * np.arccos(np.sqrt(l / n))).control(2, annotated=False), [pos(n), pos(n - l + 1), pos(n - l)])
        qc.cx(pos(n - l), pos(n))


def dicke_state_circuit(num_qubits: int, excitations: int, qubits: list[int] | None = None,
                        total_qubits: int | None = None) -> QuantumCircuit:
    """|D^n_k> = sum over the C(n, k) strings of weight k / sqrt(C(n, k)), on ``qubits``
    (default 0..n-1) of a register of ``total_qubits`` (default n)."""
    n, k = int(num_qubits), int(excitations)
    if n < 1 or not 0 <= k <= n:
        raise ValueError(f"a Dicke state needs 0 <= excitations <= num_qubits, got {k} of {n}")
    qubits = list(range(n)) if qubits is None else list(qubits)
    if len(qubits) != n:
        raise ValueError(f"qubits must list {n} qubits, got {len(qubits)}")
    qc = QuantumCircuit(total_qubits or n, name=f"D^{n}_{k}")
    for p in range(n - k + 1, n + 1):  # input |0...0 1...1>: the last k positions excited
        qc.x(qubits[p - 1])
    if k in (0, n):
        return qc
    for m in range(n, k, -1):
        _scs(qc, qubits, m, k)
    for m in range(k, 1, -1):
        _scs(qc, qubits, m, m - 1)
    return qc


def _dicke_factor(vector: np.ndarray, n: int, atol: float = 1e-10) -> tuple[list[int], int, str] | None:
    """(Dicke qubits, excitations, bits of the others) if ``vector`` is |D^m_k> on some
    qubits times a basis state on the rest (up to a global phase), else None."""
    support = np.flatnonzero(np.abs(vector) > atol)
    if support.size < 2:
        return None
    amps = vector[support]
    if not np.allclose(amps, amps[0], atol=atol):
        return None
    varying = 0
    for idx in support:
        varying |= int(idx) ^ int(support[0])
    qubits = [q for q in range(n) if varying >> q & 1]
    weights = {bin(int(idx) & varying).count("1") for idx in support}
    if len(weights) != 1:
        return None
    k = weights.pop()
    if support.size != comb(len(qubits), k):
        return None
    fixed = int(support[0]) & ~varying
    others = "".join("1" if fixed >> q & 1 else "0" for q in reversed(range(n)))
    return qubits, k, others


def pure_state_circuit(vector: np.ndarray, num_qubits: int) -> tuple[QuantumCircuit, str]:
    """A circuit preparing ``vector`` from |0...0> and a description of how."""
    vector = np.asarray(vector, dtype=complex)
    nonzero = np.flatnonzero(np.abs(vector) > 1e-12)
    if nonzero.size == 1:
        bits = format(int(nonzero[0]), f"0{num_qubits}b")
        return basis_state_circuit(bits), f"|{bits}>"
    dicke = _dicke_factor(vector, num_qubits)
    if dicke is not None:
        qubits, k, others = dicke
        qc = dicke_state_circuit(len(qubits), k, qubits, num_qubits)
        qc.compose(basis_state_circuit(others), inplace=True)
        return qc, f"Dicke |D^{len(qubits)}_{k}> on qubits {qubits}, |{others}> elsewhere"
    qc = QuantumCircuit(num_qubits, name="prep")
    qc.append(StatePreparation(vector / np.linalg.norm(vector)), range(num_qubits))
    return qc, "StatePreparation"


def prepare_components(state: InitialState, num_qubits: int) -> list[PreparedComponent]:
    """The pure components of ``state`` with their weights and preparation circuits."""
    if state.bitstrings is not None:
        pairs = [(w, basis_state_circuit(b), f"|{b}>") for w, b in zip(state.weights, state.bitstrings)]
    else:
        pairs = []
        for w, vec in state.components():
            qc, how = pure_state_circuit(vec, num_qubits)
            pairs.append((w, qc, how))
    kept = [(w, qc, lbl) for w, qc, lbl in pairs if w > WEIGHT_CUTOFF]
    total = sum(w for w, _, _ in kept)
    return [PreparedComponent(w / total, qc, lbl) for w, qc, lbl in kept]


__all__ = [
    "PreparedComponent",
    "basis_state_circuit",
    "dicke_state_circuit",
    "prepare_components",
    "pure_state_circuit",
]
