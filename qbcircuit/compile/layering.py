"""Commuting layers of a model's Hamiltonian, read off its Pauli terms.

The static Hamiltonian and every drive are split into *blocks*: all terms on one qubit
(a field, one single-qubit rotation), all terms on one pair of qubits (a bond, one
two-qubit gate; an exchange bond a (XX + YY) becomes one ``XXPlusYYGate``), and terms on
three or more qubits grouped by support into mutually commuting sets (one
``PauliEvolutionGate`` each). A block's exponential is exact, so the only Trotter error
is between layers.

Blocks on disjoint qubits commute, so they share a *layer*. For two-qubit blocks this is
an edge colouring of the interaction graph (qubits = vertices, bonds = edges): a
bipartite graph (chain, star, the complete bipartite battery-charger coupling of a spin
charger) is coloured with Delta colours, its maximum degree, which is its edge-chromatic
number (Koenig's theorem): 2 for a chain, N - 1 for an N-qubit star, max(M, N) for
K_{M,N}. Other graphs get Misra-Gries' Delta + 1 colours (Vizing), improved to Delta by a
bounded exact search when that succeeds. The single-qubit blocks form one extra layer,
the field layer (single-qubit gates only).

Why not Qiskit's product-formula synthesis: ``LieTrotter``/``SuzukiTrotter`` exponentiate
Pauli terms one by one, so an exchange bond costs an RXX and an RYY (4 CNOTs instead of
the 2 of one XX+YY gate) and the bond's two terms become separate Trotter factors. The
layers here are built per bond instead; ``PauliEvolutionGate`` still exponentiates the
blocks that are not exchange bonds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import rustworkx as rx
from qiskit.quantum_info import Pauli, SparsePauliOp

from qbcircuit.models.core import BatteryModel

#: Pauli coefficients below this (in the model's energy unit) are treated as absent.
COEFF_ATOL = 1e-12


@dataclass(frozen=True)
class Block:
    """A group of Pauli terms exponentiated exactly by one gate.

    ``qubits``: the support, sorted. ``terms``: indices into :attr:`Layering.labels`.
    ``kind``: ``field`` (one qubit), ``exchange`` (a (XX + YY) on a pair, at every time),
    ``bond`` (any other two-qubit operator) or ``multi`` (commuting terms on >= 3 qubits).
    """

    qubits: tuple[int, ...]
    terms: tuple[int, ...]
    kind: str


@dataclass(frozen=True)
class Layering:
    """The layer structure of a model's H(t) = H_static + sum_k c_k(t) D_k.

    ``labels``: every non-identity Pauli label (Qiskit order) in H_static or a drive;
    ``static``: their static coefficients; ``drive_vectors[k]``: drive k's coefficients
    (real). ``layers``: tuples of block indices, the product formula's factors, in the
    order one Trotter step applies them (see :func:`layer_sequence`); ``field_layer`` is
    the index of the single-qubit layer in ``layers`` (None if there is none).
    """

    num_qubits: int
    labels: tuple[str, ...]
    static: np.ndarray
    drive_vectors: tuple[np.ndarray, ...]
    blocks: tuple[Block, ...]
    layers: tuple[tuple[int, ...], ...]
    field_layer: int | None

    @property
    def bonds(self) -> list[tuple[int, int]]:
        """The interaction graph's edges: pairs of qubits coupled by a two-qubit block."""
        return [b.qubits for b in self.blocks if len(b.qubits) == 2]

    @property
    def two_qubit_layers(self) -> int:
        """Layers holding blocks on two or more qubits (the field layer excluded)."""
        return sum(1 for k in range(len(self.layers)) if k != self.field_layer)

    @property
    def max_degree(self) -> int:
        degree = defaultdict(int)
        for i, j in self.bonds:
            degree[i] += 1
            degree[j] += 1
        return max(degree.values(), default=0)

    def coefficients(self, drive_values: tuple[float, ...] | list[float]) -> np.ndarray:
        """Coefficients of ``labels`` in H(t), given the drive coefficients c_k(t)."""
        out = self.static.copy()
        for c, vec in zip(drive_values, self.drive_vectors):
            out = out + float(c) * vec
        return out

    def block_operator(self, block: Block, coeffs: np.ndarray) -> SparsePauliOp:
        """The block's operator restricted to its own qubits (qubit j = ``block.qubits[j]``)."""
        labels = []
        for term in block.terms:
            full = self.labels[term]
            # Qiskit labels are little-endian: character -1 - q is qubit q.
            labels.append("".join(full[-1 - q] for q in reversed(block.qubits)))
        return SparsePauliOp(labels, coeffs[list(block.terms)])


def _label_vector(op: SparsePauliOp, index: dict[str, int]) -> np.ndarray:
    vec = np.zeros(len(index))
    for label, c in op.simplify(atol=COEFF_ATOL).to_list():
        if label in index:
            vec[index[label]] += float(np.real(c))
    return vec


def _support(label: str) -> tuple[int, ...]:
    n = len(label)
    return tuple(q for q in range(n) if label[n - 1 - q] != "I")


def _commuting_groups(labels: list[str], terms: list[int]) -> list[list[int]]:
    """Greedy partition of Pauli terms into sets of mutually commuting terms."""
    groups: list[list[int]] = []
    for t in terms:
        p = Pauli(labels[t])
        for g in groups:
            if all(p.commutes(Pauli(labels[u])) for u in g):
                g.append(t)
                break
        else:
            groups.append([t])
    return groups


def _is_exchange(labels, terms, static, drives) -> bool:
    """Exactly {XX, YY} on a pair, with equal coefficients in H_static and in every drive."""
    names = sorted("".join(c for c in labels[t] if c != "I") for t in terms)
    if names != ["XX", "YY"]:
        return False
    a, b = terms
    return all(abs(v[a] - v[b]) <= COEFF_ATOL for v in (static, *drives))


def _blocks(labels, static, drives) -> list[Block]:
    by_support: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for t, label in enumerate(labels):
        by_support[_support(label)].append(t)
    blocks = []
    for qubits in sorted(by_support, key=lambda s: (len(s), s)):
        terms = by_support[qubits]
        if len(qubits) == 1:
            blocks.append(Block(qubits, tuple(terms), "field"))
        elif len(qubits) == 2:
            kind = "exchange" if _is_exchange(labels, terms, static, drives) else "bond"
            blocks.append(Block(qubits, tuple(terms), kind))
        else:
            for group in _commuting_groups(labels, terms):
                blocks.append(Block(qubits, tuple(group), "multi"))
    return blocks


def _edge_colouring(num_qubits: int, edges: list[tuple[int, int]]) -> list[int]:
    """Colour of each edge, with as few colours as the graph allows (see module docstring)."""
    graph = rx.PyGraph()
    graph.add_nodes_from(range(num_qubits))
    for i, j in edges:
        graph.add_edge(i, j, None)
    try:
        colouring = rx.graph_bipartite_edge_color(graph)
    except rx.GraphNotBipartite:  # (older rustworkx returned None instead)
        colouring = None
    if colouring is None:
        colouring = rx.graph_misra_gries_edge_color(graph)
    colours = [colouring[e] for e in range(len(edges))]
    degree = max((graph.degree(q) for q in range(num_qubits)), default=0)
    if len(set(colours)) > degree:
        exact = _exact_edge_colouring(edges, degree)
        if exact is not None:
            colours = exact
    return colours


def _exact_edge_colouring(edges, k: int, budget: int = 200_000) -> list[int] | None:
    """A k-edge-colouring by backtracking, or None if none is found within ``budget`` nodes."""
    colours = [-1] * len(edges)
    used: dict[int, set[int]] = defaultdict(set)
    visited = 0

    def place(e: int) -> bool:
        nonlocal visited
        if e == len(edges):
            return True
        visited += 1
        if visited > budget:
            return False
        i, j = edges[e]
        for c in range(k):
            if c not in used[i] and c not in used[j]:
                colours[e] = c
                used[i].add(c)
                used[j].add(c)
                if place(e + 1):
                    return True
                used[i].discard(c)
                used[j].discard(c)
        return False

    return colours if place(0) else None


def _vertex_colouring(blocks: list[Block], members: list[int]) -> list[int]:
    """Greedy colouring of blocks that share qubits (used when some act on >= 3 qubits)."""
    graph = rx.PyGraph()
    graph.add_nodes_from(members)
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            if set(blocks[members[a]].qubits) & set(blocks[members[b]].qubits):
                graph.add_edge(a, b, None)
    colouring = rx.graph_greedy_color(graph)
    return [colouring[a] for a in range(len(members))]


def layer_sequence(two_qubit_layers: list[tuple[int, ...]], field: tuple[int, ...] | None):
    """The order in which a step applies the layers: largest two-qubit layer first, the
    field layer second, the second largest last.

    In the symmetric (second-order) formula the first layer's half steps merge across
    steps and the last layer sits in the middle whole, so with two two-qubit layers (a
    chain) each bond costs one gate per step; putting the field layer between them keeps
    it from splitting the second layer.
    """
    ordered = sorted(two_qubit_layers, key=len, reverse=True)
    if len(ordered) >= 2:
        ordered = [ordered[0], *ordered[2:], ordered[1]]
    layers = list(ordered)
    field_index = None
    if field:
        field_index = 1 if layers else 0
        layers.insert(field_index, field)
    return tuple(layers), field_index


def layering(model: BatteryModel) -> Layering:
    """The blocks and commuting layers of ``model``'s unitary part (static H and drives).

    The identity term is left out: it is a global phase.
    """
    n = model.num_qubits
    ops = [model.hamiltonian] + [d.operator for d in model.drives]
    labels: list[str] = []
    for op in ops:
        for label, c in op.simplify(atol=COEFF_ATOL).to_list():
            if set(label) != {"I"} and label not in labels:
                labels.append(label)
    index = {label: k for k, label in enumerate(labels)}
    static = _label_vector(model.hamiltonian, index)
    drives = tuple(_label_vector(d.operator, index) for d in model.drives)
    blocks = _blocks(labels, static, drives)

    field = tuple(k for k, b in enumerate(blocks) if b.kind == "field")
    multi = [k for k, b in enumerate(blocks) if b.kind != "field"]
    if all(len(blocks[k].qubits) == 2 for k in multi):
        colours = _edge_colouring(n, [blocks[k].qubits for k in multi])
    else:
        colours = _vertex_colouring(blocks, multi)
    groups: dict[int, list[int]] = defaultdict(list)
    for k, c in zip(multi, colours):
        groups[c].append(k)
    layers, field_index = layer_sequence([tuple(groups[c]) for c in sorted(groups)], field or None)
    return Layering(n, tuple(labels), static, drives, tuple(blocks), layers, field_index)
