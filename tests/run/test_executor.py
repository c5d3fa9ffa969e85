"""The execution adapter on Aer: right statistics, the same numbers for the same seed."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.run import Distribution, Executor, load_profile
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact

THETAS = [0.3, 0.9, 1.4]


def _energies(profile_name, seed, shots=4000):
    ex = Executor(load_profile(profile_name))
    counts = ex.counts(ex.submit(ex.transpile(rabi_circuits(THETAS)), shots, seed))
    return counts, [rabi_energy(Distribution.from_counts(c, 1)) for c in counts]


def test_rabi_battery_energy_within_shot_noise_on_aer_ideal():
    _, energies = _energies("aer-ideal", seed=11)
    for (mean, se), exact in zip(energies, rabi_exact(THETAS)):
        assert abs(mean - exact) < 4 * se


def test_same_seed_same_counts_different_seed_different_counts():
    a, _ = _energies("aer-density", seed=5)
    b, _ = _energies("aer-density", seed=5)
    c, _ = _energies("aer-density", seed=6)
    assert a == b and a != c


def test_estimator_path_gives_the_exact_expectation_without_shot_noise():
    ex = Executor(load_profile("aer-density"))
    circuits = []
    for th in THETAS:
        qc = QuantumCircuit(1)
        qc.rx(2 * th, 0)
        circuits.append(qc)
    isa = [ex.pass_manager().run(c) for c in circuits]
    evs, _ = ex.estimate(isa, [SparsePauliOp("Z")] * len(isa), precision=0.0, seed=1)
    assert np.allclose(evs, np.cos(2 * np.asarray(THETAS)), atol=1e-10)


def test_circuits_wider_than_the_calibrated_device_fail_in_one_line():
    ex = Executor(load_profile("aer-noisy"))
    qc = QuantumCircuit(5)
    qc.measure_all()
    with pytest.raises(ValueError, match="'aer-noisy' has 4 qubits; the circuits need 5"):
        ex.transpile([qc])
