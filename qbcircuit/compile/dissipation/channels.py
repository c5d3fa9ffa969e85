"""A model's Lindblad channels, sorted into the groups one gadget compiles.

A *channel group* is a set of jump operators that one collision realises together:

* ``exchange``: a pair L, L^+ with L = c B (sigma^-_q (x) D) B^+, where B is a basis change
  (the identity for a bare qubit; the eigenbasis of H for the dressed jumps of a secular
  master equation) and D a diagonal unitary on the other qubits of the support (the
  identity for a local jump; a Z for the charger's dressed jump tau_31 - tau_42 of seed
  002). Rates gamma_down on L and gamma_up on L^+ are one reservoir of total rate
  Gamma = |c|^2 (gamma_down + gamma_up) and occupation n = gamma_up / (gamma_down + gamma_up),
  any n in [0, 1] (n > 1/2 is population inversion). Either rate may be zero.
* ``dephasing``: L = c P with P a Pauli string (sigma_z: pure dephasing).
* ``collective``: L = c sum_{q in S} sigma^-_q on |S| >= 2 qubits, with its partner L^+.
* ``dilation``: anything else, one jump per group, compiled through a dilation of its
  exact one-step channel.

Pairs are found by comparing each jump with the adjoints of the others (up to a scalar,
which moves into the rate: D[k L] = |k|^2 D[L]). The local check is made on the jump's
support (a few qubits), the dressed one on the full register, in the eigenbasis of the
static Hamiltonian with its levels in ascending order (and, for up to two qubits, every
relabelling of the levels: degenerate levels come in any order).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg as la
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models.core import BatteryModel

#: Operator entries below this (relative to the largest) count as zero when matching.
MATCH_TOL = 1e-9
#: The dressed-basis search tries every level relabelling up to this many qubits.
RELABEL_MAX_QUBITS = 2
#: The dressed-basis check diagonalises H on the full register up to this many qubits.
DRESSED_MAX_QUBITS = 6


def support(op: SparsePauliOp) -> tuple[int, ...]:
    """The qubits on which some Pauli term of ``op`` is not the identity (sorted)."""
    mask = np.any(op.paulis.x | op.paulis.z, axis=0)
    return tuple(int(q) for q in np.flatnonzero(mask))


def restrict(op: SparsePauliOp, qubits: tuple[int, ...]) -> SparsePauliOp:
    """``op`` (identity outside ``qubits``) as an operator on ``qubits`` alone, in their order."""
    labels = []
    for label in op.paulis.to_labels():
        chars = label[::-1]  # chars[q] is the Pauli on qubit q
        labels.append("".join(chars[q] for q in qubits)[::-1])
    return SparsePauliOp(labels, op.coeffs)


@dataclass(frozen=True)
class Jump:
    """One jump on the group's support: ``matrix`` on the support qubits (little-endian in
    ``ChannelGroup.qubits`` order), ``rate`` in the model's energy unit, ``label``."""

    matrix: np.ndarray
    rate: float
    label: str


@dataclass
class ChannelGroup:
    """Jumps compiled by one gadget (see the module docstring).

    ``qubits``: the system qubits the group acts on (its support). ``jumps``: the group's
    Lindblad terms on the support, whose exact one-step channel the exact path inserts.
    ``params``: what the gadget needs: for ``exchange`` and ``collective`` the total
    rate ``Gamma`` and occupation ``n``; for ``exchange`` also ``target`` (position of the
    exchanged qubit in ``qubits``), ``diagonal`` (D on the other support qubits, in their
    order) and ``basis`` (the basis change B on the support, None for the identity); for
    ``dephasing`` ``rate`` and ``pauli`` (label on the support).
    """

    kind: str
    qubits: tuple[int, ...]
    jumps: tuple[Jump, ...]
    params: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        names = " + ".join(j.label for j in self.jumps)
        return f"{self.kind} on qubits {list(self.qubits)}: {names}"


def _same_up_to_scalar(a: np.ndarray, b: np.ndarray) -> complex | None:
    """k with a = k b, or None."""
    k = np.argmax(np.abs(b))
    if abs(b.flat[k]) == 0:
        return None
    ratio = a.flat[k] / b.flat[k]
    scale = max(np.abs(a).max(), np.abs(b).max())
    return ratio if np.abs(a - ratio * b).max() <= MATCH_TOL * scale else None


def match_exchange(m: np.ndarray) -> tuple[int, complex, np.ndarray] | None:
    """(q, c, d) with m = c sigma^-_q (x) diag(d) on the other qubits (|d| = 1, d[0] = 1),
    or None. Qubits little-endian; ``d`` is indexed by the other qubits' bits in order."""
    dim = m.shape[0]
    n = dim.bit_length() - 1
    scale = np.abs(m).max()
    if scale == 0:
        return None
    for q in range(n):
        bit = 1 << q
        cols = [b for b in range(dim) if b & bit]
        pattern = np.zeros_like(m)
        for b in cols:
            pattern[b ^ bit, b] = m[b ^ bit, b]
        if np.abs(m - pattern).max() > MATCH_TOL * scale:
            continue
        values = np.array([m[b ^ bit, b] for b in cols])
        if np.abs(np.abs(values) - np.abs(values[0])).max() > MATCH_TOL * scale or abs(values[0]) == 0:
            continue
        # cols are in increasing order, so values[r] belongs to the other qubits' index r
        return q, complex(values[0]), values / values[0]
    return None


def match_collective(m: np.ndarray) -> complex | None:
    """c with m = c sum_q sigma^-_q over all qubits of ``m``, or None."""
    n = m.shape[0].bit_length() - 1
    lower = np.array([[0, 1], [0, 0]], dtype=complex)
    total = sum(
        np.kron(np.kron(np.eye(2 ** (n - 1 - q)), lower), np.eye(2**q)) for q in range(n)
    )
    return _same_up_to_scalar(m, total)


def is_pauli(op: SparsePauliOp) -> str | None:
    """The Pauli label when ``op`` is a single Pauli term, else None."""
    simple = op.simplify(atol=1e-14)
    if len(simple) != 1 or simple.paulis[0].to_label().strip("I") == "":
        return None
    return simple.paulis[0].to_label()


def _pairs(jumps) -> list[tuple[tuple, tuple | None]]:
    """[(jump, partner or None)], a partner being a jump equal to jump^+ up to a scalar,
    with its rate rescaled so that its operator is exactly jump^+."""
    used: set[int] = set()
    out = []
    mats = [j.operator.to_matrix(sparse=True).toarray() if j.operator.num_qubits <= 10 else None for j in jumps]
    for i, ji in enumerate(jumps):
        if i in used:
            continue
        used.add(i)
        partner = None
        for k in range(i + 1, len(jumps)):
            if k in used:
                continue
            ratio = _same_up_to_scalar(mats[k], mats[i].conj().T)
            if ratio is not None:
                partner = (jumps[k], abs(ratio) ** 2)
                used.add(k)
                break
        out.append(((ji, 1.0), partner))
    return out


def dressed_basis(model: BatteryModel) -> np.ndarray | None:
    """Eigenvectors of the static Hamiltonian (columns, ascending energies), or None when
    the register is too large to diagonalise."""
    if model.num_qubits > DRESSED_MAX_QUBITS or model.drives:
        return None
    _, vecs = la.eigh(model.hamiltonian.to_matrix())
    return vecs


def _match_in_basis(m: np.ndarray, basis: np.ndarray, preferred: np.ndarray | None) -> tuple[np.ndarray, tuple] | None:
    """Find a relabelling of the basis vectors in which m is an exchange jump (the
    ``preferred`` labelling first, so that consecutive groups share their basis change)."""
    n = m.shape[0].bit_length() - 1
    perms = itertools.permutations(range(m.shape[0])) if n <= RELABEL_MAX_QUBITS else [tuple(range(m.shape[0]))]
    candidates = ([preferred] if preferred is not None else []) + [basis[:, list(p)] for p in perms]
    for b in candidates:
        found = match_exchange(b.conj().T @ m @ b)
        if found is not None:
            return b, found
    return None


def channel_groups(model: BatteryModel, *, dilate_all: bool = False, collective: str = "ancilla") -> list[ChannelGroup]:
    """Sort the model's jump operators into channel groups (see the module docstring).

    ``dilate_all``: every group through the general dilation (exact, costlier).
    ``collective``: ``ancilla`` (one shared ancilla, first order in dt) or ``dilation``
    (the exact channel, dilated).
    """
    if collective not in ("ancilla", "dilation"):
        raise ValueError(f"collective must be 'ancilla' or 'dilation', got {collective!r}")
    active = [j for j in model.jump_operators]
    groups: list[ChannelGroup] = []
    basis = None
    for (first, w1), partner in _pairs(active):
        jump_list = [(first.operator, first.rate * w1, first.label)]
        if partner is not None:
            jump_list.append((partner[0].operator, partner[0].rate * partner[1], partner[0].label))
        if all(rate == 0 for _, rate, _ in jump_list):
            continue
        qubits = tuple(sorted(set().union(*(support(op) for op, _, _ in jump_list))))
        if not qubits:
            continue  # a multiple of the identity: D[c I] = 0
        local = [restrict(op, qubits).to_matrix() for op, _, _ in jump_list]
        jumps = tuple(Jump(mat, float(rate), label) for mat, (_, rate, label) in zip(local, jump_list))
        group = None
        if not dilate_all:
            group = _classify(local, jumps, qubits, collective)
            if group is None and basis is None:
                basis = dressed_basis(model)
            if group is None and basis is not None:
                previous = [g.params["basis"] for g in groups if g.params.get("basis") is not None]
                group = _dressed(model, jump_list, basis, previous[-1] if previous else None)
        if group is None:
            # one dilation per jump: the Kraus rank of a pair's channel is much larger
            # (20 against 7 for S^- and S^+ on three qubits), so are its ancillas
            groups += [ChannelGroup("dilation", qubits, (j,)) for j in jumps if j.rate > 0]
        else:
            groups.append(group)
    return groups


def _thermal(rates_down: float, rates_up: float, c: complex) -> dict:
    total = rates_down + rates_up
    return {"Gamma": abs(c) ** 2 * total, "n": rates_up / total if total > 0 else 0.0}


def _classify(local, jumps, qubits, collective) -> ChannelGroup | None:
    first = local[0]
    rates = [j.rate for j in jumps]
    found = match_exchange(first)
    if found is not None:
        q, c, d = found
        return ChannelGroup("exchange", qubits, jumps, {
            **_thermal(rates[0], rates[1] if len(rates) > 1 else 0.0, c), "target": q, "diagonal": d, "basis": None})
    found = match_exchange(first.conj().T)  # the first jump raises: its partner lowers
    if found is not None:
        q, c, d = found
        return ChannelGroup("exchange", qubits, jumps, {
            **_thermal(rates[1] if len(rates) > 1 else 0.0, rates[0], c), "target": q, "diagonal": d, "basis": None})
    pauli = is_pauli(SparsePauliOp.from_operator(first))
    if pauli is not None:
        c = np.abs(first).max()  # |c|: a Pauli string has entries of modulus 1
        return ChannelGroup("dephasing", qubits, jumps, {"rate": abs(c) ** 2 * sum(rates), "pauli": pauli})
    if len(qubits) >= 2 and collective == "ancilla":
        for m, down, up in ((first, 0, 1), (first.conj().T, 1, 0)):
            c = match_collective(m)
            if c is not None:
                r_down = rates[down] if down < len(rates) else 0.0
                r_up = rates[up] if up < len(rates) else 0.0
                return ChannelGroup("collective", qubits, jumps, _thermal(r_down, r_up, c))
    return None


def _dressed(model: BatteryModel, jump_list, basis: np.ndarray, preferred: np.ndarray | None) -> ChannelGroup | None:
    """An exchange group in the eigenbasis of H, on the full register."""
    qubits = tuple(range(model.num_qubits))
    mats = [op.to_matrix() for op, _, _ in jump_list]
    rates = [rate for _, rate, _ in jump_list]
    jumps = tuple(Jump(m, float(r), lbl) for m, (_, r, lbl) in zip(mats, jump_list))
    for m, down, up in ((mats[0], 0, 1), (mats[0].conj().T, 1, 0)):
        found = _match_in_basis(m, basis, preferred)
        if found is not None:
            b, (q, c, d) = found
            r_down = rates[down] if down < len(rates) else 0.0
            r_up = rates[up] if up < len(rates) else 0.0
            return ChannelGroup("exchange", qubits, jumps, {
                **_thermal(r_down, r_up, c), "target": q, "diagonal": d, "basis": b})
    return None
