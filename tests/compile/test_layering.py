"""Layers follow the interaction graph; every block gate is the exact exponential."""

import numpy as np
import pytest
import scipy.linalg
from qiskit.quantum_info import Operator, SparsePauliOp

from qbcircuit import operators as ops
from qbcircuit.compile import compile_evolution, layering
from qbcircuit.compile.product_formulas import block_gate
from qbcircuit.models.core import BatteryModel, InitialState
from tests.compile.battery_models import spin_charger, star, xy_chain


def closed_model(h: SparsePauliOp) -> BatteryModel:
    n = h.num_qubits
    return BatteryModel("test", n, tuple(f"q{q}" for q in range(n)), (0,), ops.sigma_z(0, 1), h,
                        InitialState.from_bitstring("0" * n))


def test_chain_is_brickwork_with_one_xx_plus_yy_per_bond():
    m = xy_chain(6)
    lay = layering(m)
    assert sorted(lay.bonds) == [(q, q + 1) for q in range(5)]
    assert lay.two_qubit_layers == 2
    for layer in lay.layers:  # each layer: even bonds, odd bonds, or the fields
        qubits = [q for b in layer for q in lay.blocks[b].qubits]
        assert len(qubits) == len(set(qubits))
    stats = compile_evolution(m, 1.0, 3, order=1).stats()
    assert stats.two_qubit_gates_per_step == stats.bonds == 5
    assert stats.two_qubit_gates == 3 * 5
    # second order: the first layer's half steps merge across steps, so a bulk step
    # still costs one gate per bond
    assert compile_evolution(m, 1.0, 3, order=2).stats().two_qubit_gates_per_step == 5
    names = {inst.operation.name for inst in compile_evolution(m, 1.0, 1, 1).evolution.data if len(inst.qubits) == 2}
    assert names == {"xx_plus_yy"}


@pytest.mark.parametrize("N", [3, 4, 5, 6])
def test_star_needs_n_minus_one_layers(N):
    lay = layering(star(N))
    assert len(lay.bonds) == N - 1 and lay.two_qubit_layers == N - 1 == lay.max_degree
    assert compile_evolution(star(N), 1.0, 2, order=1).stats().two_qubit_gates_per_step == N - 1


@pytest.mark.parametrize("M, N", [(2, 2), (2, 3), (3, 4), (1, 4)])
def test_spin_charger_complete_bipartite_needs_max_m_n_layers(M, N):
    lay = layering(spin_charger(M, N))
    assert len(lay.bonds) == M * N
    assert lay.two_qubit_layers == max(M, N)  # Koenig: bipartite edge-chromatic number = max degree


def test_odd_cycle_needs_max_degree_plus_one():
    h = SparsePauliOp.sum([ops.exchange(0, 1, 3), ops.exchange(1, 2, 3), ops.exchange(0, 2, 3)])
    assert layering(closed_model(h)).two_qubit_layers == 3


def test_complete_graph_on_four_qubits_is_three_coloured():
    # K_4 is not bipartite; Misra-Gries may use 4 colours, the exact search finds 3
    h = SparsePauliOp.sum([ops.exchange(i, j, 4) for i in range(4) for j in range(i + 1, 4)])
    assert layering(closed_model(h)).two_qubit_layers == 3


def _block_ops(h):
    lay = layering(closed_model(h))
    coeffs = lay.coefficients(())
    for block in lay.blocks:
        yield lay, block, coeffs


@pytest.mark.parametrize("h", [
    SparsePauliOp.from_sparse_list([("XX", [0, 1], 0.7), ("YY", [0, 1], 0.7)], 2),                     # exchange
    SparsePauliOp.from_sparse_list([("XX", [0, 1], 0.9), ("YY", [0, 1], 0.3), ("ZZ", [0, 1], -0.4)], 2),  # XYZ bond
    SparsePauliOp.from_sparse_list([("XY", [0, 1], 0.5), ("XX", [0, 1], 0.8), ("ZI", [0, 1], 0.0)], 2),  # non-commuting
    SparsePauliOp.from_sparse_list([("X", [0], 0.3), ("Y", [0], -0.2), ("Z", [0], 1.1)], 1),             # tilted field
    SparsePauliOp.from_sparse_list([("XZX", [0, 1, 2], 0.4), ("YZY", [0, 1, 2], 0.4)], 3),             # multi-qubit
])
def test_block_gate_is_the_exact_exponential(h):
    tau = 0.37
    for lay, block, coeffs in _block_ops(h):
        gate = block_gate(lay, block, coeffs, tau)
        expected = scipy.linalg.expm(-1j * tau * lay.block_operator(block, coeffs).to_matrix())
        assert np.allclose(Operator(gate).data, expected, atol=1e-10), block.kind


def test_exchange_detection_needs_equal_coefficients():
    kinds = {b.kind for b in layering(spin_charger(2, 2, gamma=0.0)).blocks}
    assert "exchange" in kinds and "bond" not in kinds
    kinds = {b.kind for b in layering(spin_charger(2, 2, gamma=0.3)).blocks}
    assert "bond" in kinds and "exchange" not in kinds
