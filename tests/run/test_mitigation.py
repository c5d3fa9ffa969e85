"""Readout mitigation and zero-noise extrapolation, measured on noisy simulators with fixed seeds."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qbcircuit.run import RunPlan, load_profile, start_run, z_diagonal
from qbcircuit.run.mitigation import fold_two_qubit_gates
from qbcircuit.run.noise import readout_matrices_from_calibration
from qbcircuit.calibration import load_calibration
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact

THETAS = [0.2, 0.7, 1.3]


def test_folding_keeps_the_ideal_circuit_and_multiplies_two_qubit_gates():
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.cx(0, 1)
    qc.ecr(1, 2)
    qc.rz(0.3, 2)
    qc.cz(0, 2)
    folded = fold_two_qubit_gates(qc, 5)
    assert Operator(folded).equiv(Operator(qc))
    two = lambda c: sum(1 for i in c.data if i.operation.num_qubits == 2)
    assert two(folded) == 5 * two(qc)
    with pytest.raises(ValueError, match="odd integer"):
        fold_two_qubit_gates(qc, 2)


def test_measured_assignment_matrices_match_the_calibration_snapshot(tmp_path):
    run = start_run(RunPlan(rabi_circuits([0.5])), load_profile("aer-noisy"), tmp_path / "r", shots=20000,
                    readout_mitigation=True)
    measured = run.assignment_matrices()
    snapshot = readout_matrices_from_calibration(load_calibration("transmon-4q-example"))
    for q, a in measured.items():
        p = snapshot[q]
        # binomial error of a ~1-2 % probability from 20000 shots is ~1e-3; the |1> preparation
        # adds the x gate's error (2-4e-4) and relaxation in it
        assert a[1, 0] == pytest.approx(p[1, 0], abs=4e-3)
        assert a[0, 1] == pytest.approx(p[0, 1], abs=4e-3)


def test_readout_mitigation_reduces_the_deviation_on_a_fake_device(tmp_path):
    run = start_run(RunPlan(rabi_circuits(THETAS)), load_profile("fake-manila"), tmp_path / "r", shots=8000, seed=7,
                    readout_mitigation=True)
    exact = rabi_exact(THETAS)
    raw = np.array([rabi_energy(run.distribution(i, "raw"))[0] for i in range(len(THETAS))])
    mitigated = np.array([rabi_energy(run.distribution(i, "readout"))[0] for i in range(len(THETAS))])
    assert np.max(np.abs(mitigated - exact)) < 0.5 * np.max(np.abs(raw - exact))


def test_zero_noise_extrapolation_reduces_the_two_qubit_gate_error(tmp_path):
    """RX(2 theta) on qubit 0 then six CX (barriers keep the transpiler from cancelling them):
    ideally <Z_0> = cos 2 theta; each CX of fake_manila depolarises a little."""
    circuits = []
    for th in THETAS:
        qc = QuantumCircuit(2)
        qc.rx(2 * th, 0)
        for _ in range(6):
            qc.barrier()
            qc.cx(0, 1)
        qc.measure_all()
        circuits.append(qc)
    run = start_run(RunPlan(circuits), load_profile("fake-manila"), tmp_path / "r", shots=8000, seed=3,
                    readout_mitigation=True, zne_factors=[1, 3])
    exact = np.cos(2 * np.asarray(THETAS))
    z0 = z_diagonal(2, [0])
    err = {m: np.max(np.abs([run.distribution(i, m).expectation(z0)[0] for i in range(3)] - exact))
           for m in ("readout", "readout+zne")}
    assert err["readout+zne"] < 0.6 * err["readout"]


def test_folding_a_fractional_rzz_stays_in_the_device_angle_range_and_keeps_the_unitary():
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import Operator

    from qbcircuit.run.mitigation import fold_two_qubit_gates

    qc = QuantumCircuit(2)
    qc.rx(0.3, 0)
    qc.rzz(0.7, 0, 1)
    folded = fold_two_qubit_gates(qc, 5)
    angles = [inst.operation.params[0] for inst in folded.data if inst.operation.name == "rzz"]
    assert len(angles) == 5 and all(0 < a <= np.pi / 2 for a in angles)
    assert Operator(folded).equiv(Operator(qc))
