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
