"""Transpiled to fake IBM devices, the circuits are native to the target and still right."""

import numpy as np
import pytest
from qiskit_aer import AerSimulator
from qiskit_ibm_runtime.fake_provider import FakeManilaV2

from qbcircuit.compile import compile_evolution, resolve_backend, transpile_evolution
from qbcircuit.compile.targeting import check_valid, with_fractional_gates
from qbcircuit.metrics import energy, partial_trace
from tests.compile.battery_models import spin_charger, xy_chain


def test_heavy_hex_torino_is_native_and_reports_statistics():
    compiled = compile_evolution(xy_chain(6), 2.0, 4, 2)
    targeted = transpile_evolution(compiled, "fake_torino")
    stats = targeted.stats
    assert stats.backend == "fake_torino" and stats.num_qubits == 6
    assert set(stats.operations) <= {"cz", "rz", "sx", "x"}
    assert stats.two_qubit_gates == stats.operations["cz"]
    # an XX+YY bond costs 2 CZ on Heron; a bulk step has one gate per bond
    assert stats.two_qubit_gates_per_step == 2 * 5
    backend = resolve_backend("torino")
    for c in targeted.circuits:
        check_valid(c, backend.target)


def test_fractional_gates_replace_cz_by_rzz_within_bounds():
    compiled = compile_evolution(xy_chain(6), 2.0, 4, 2)
    plain = transpile_evolution(compiled, "fake_torino").stats
    fractional = transpile_evolution(compiled, "fake_torino", fractional_gates=True)
    ops = fractional.stats.operations
    assert "rzz" in ops and "cz" not in ops
    assert fractional.stats.depth < plain.depth
    angles = [float(i.operation.params[0]) for i in fractional.circuits[0].data if i.operation.name == "rzz"]
    assert all(0 < a <= np.pi / 2 + 1e-9 for a in angles)
    check_valid(fractional.circuits[0], with_fractional_gates(resolve_backend("torino").target))


def test_transpiled_circuit_on_manila_gives_the_logical_energy():
    model = spin_charger(2, 2)
    compiled = compile_evolution(model, 1.2, 6, 2)
    targeted = transpile_evolution(compiled, FakeManilaV2())
    circuit = targeted.circuits[0].copy()
    circuit.save_statevector()
    psi = AerSimulator(method="statevector").run(circuit).result().get_statevector().data
    n_dev = circuit.num_qubits
    # the model's qubit q ends on device qubit final[q] (routing may permute)
    final = targeted.circuits[0].layout.final_index_layout()[: model.num_qubits]
    rho_b = partial_trace(np.outer(psi, psi.conj()), [final[q] for q in model.battery_qubits], n_dev)
    from qiskit.quantum_info import Statevector
    psi_logical = Statevector(compiled.circuits[0])
    rho_logical = partial_trace(np.outer(psi_logical.data, psi_logical.data.conj()), model.battery_qubits, 4)
    h = model.battery_hamiltonian.to_matrix()
    assert energy(rho_b, h) == pytest.approx(energy(rho_logical, h), abs=1e-8)


def test_unknown_device_and_too_small_device_are_one_line_errors():
    with pytest.raises(ValueError, match="fake IBM device name"):
        resolve_backend("no_such_device")
    with pytest.raises(ValueError, match="needs 6 qubits"):
        transpile_evolution(compile_evolution(xy_chain(6), 1.0, 1, 1), "fake_manila")


# -- lines of physical qubits for chains ------------------------------------------------------
def _random_lines(backend, length, count, seed):
    from qbcircuit.compile.targeting import device_calibration

    edges, _, _ = device_calibration(backend.target)
    adjacency = {q: [] for q in range(backend.num_qubits)}
    for (a, b), err in edges.items():
        if err < 1:
            adjacency[a].append(b)
            adjacency[b].append(a)
    rng = np.random.default_rng(seed)
    lines = []
    while len(lines) < count:
        line = [int(rng.integers(backend.num_qubits))]
        while len(line) < length:
            free = [q for q in adjacency[line[-1]] if q not in line]
            if not free:
                break
            line.append(int(rng.choice(free)))
        if len(line) == length:
            lines.append(line)
    return lines


def test_device_line_is_a_usable_line_no_worse_than_random_ones():
    from qbcircuit.compile.targeting import device_calibration, device_line

    backend = resolve_backend("fake_torino")
    line = device_line(backend, 20)
    edges, readout, single = device_calibration(backend.target)
    assert len(set(line.qubits)) == 20
    pairs = [(min(a, b), max(a, b)) for a, b in zip(line.qubits, line.qubits[1:])]
    assert all(p in edges and edges[p] < 1 for p in pairs)  # coupled, and not reported broken
    assert line.bond_errors == tuple(edges[p] for p in pairs)

    def cost(qubits):
        bonds = [edges[(min(a, b), max(a, b))] for a, b in zip(qubits, qubits[1:])]
        return 2 * sum(bonds) + sum(4 * single[q] + readout[q] for q in qubits)

    assert line.cost == pytest.approx(cost(line.qubits), rel=1e-12)
    assert line.cost <= min(cost(q) for q in _random_lines(backend, 20, 300, seed=5)) + 1e-12


def test_a_chain_on_a_line_needs_no_swaps_and_two_gates_per_bond():
    from qbcircuit.compile.targeting import device_line

    from qbcircuit.models import build_model

    N = 12
    compiled = compile_evolution(build_model("xy-chain", N=N, gamma=0.5), 2.0, 3, 2)
    line = device_line("fake_torino", N).qubits
    for fractional, gate in ((False, "cz"), (True, "rzz")):
        targeted = transpile_evolution(compiled, "fake_torino", initial_layout="line", fractional_gates=fractional)
        assert targeted.stats.physical_qubits == line
        edges = {frozenset(p) for p in zip(line, line[1:])}
        for inst in targeted.circuits[0].data:
            if inst.operation.num_qubits == 2:
                assert inst.operation.name == gate
                assert frozenset(targeted.circuits[0].find_bit(q).index for q in inst.qubits) in edges
        # an anisotropic XY bond exp(-i(a XX + b YY)) is two native two-qubit gates
        assert targeted.stats.two_qubit_gates_per_step == 2 * (N - 1)


def test_no_line_long_enough_is_a_one_line_error():
    from qbcircuit.compile.targeting import device_line

    with pytest.raises(ValueError, match="no line of 127 qubits"):
        device_line("fake_torino", 127)
    with pytest.raises(ValueError, match="initial_layout must name 6"):
        transpile_evolution(compile_evolution(xy_chain(6), 1.0, 1, 2), "fake_torino", initial_layout=[0, 1, 2])
